//! What the benches share: the words their prose is made of, and the shape of their tables.

/// The words of the benches' prose, as a facilitator's notes would use them.
pub const WORDS: &str = "we meet every month to share cases and tips from the ward nurses learn \
    most from stories about patients families handover night shift colleagues who cannot \
    join lunch write notes afterwards so that what works at bedside reaches everyone \
    practice community questions answers careful listening newer members grow confidence \
    over time with small steps";

/// A fixed linear congruential sequence of numbers below each `n` asked for: the same text on
/// every run and machine.
pub struct Draw(u32);

impl Draw {
    pub fn new() -> Draw {
        Draw(0x2545_f491)
    }

    pub fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
        (self.0 >> 8) as usize % n
    }
}

/// One line of a bench's table: five cells padded to `widths`, then a last one as it is.
pub fn table_line(out: &mut String, widths: [usize; 5], cells: [&str; 6]) {
    use std::fmt::Write as _;
    let mut text = String::new();
    for (cell, width) in cells.iter().zip(widths) {
        let _ = write!(text, "{cell:<width$} ");
    }
    text.push_str(cells[5]);
    let _ = writeln!(out, "{}", text.trim_end());
}
