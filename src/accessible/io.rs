//! Lines in, lines out: what the accessible mode says and reads.
//!
//! Every prompt is one line ending in a newline, never redrawn: a screen reader reads the
//! conversation top to bottom as it grows, as it would a shell session. Text from a file is
//! sanitised before it is said (control characters, bidi overrides and zero-width characters
//! would otherwise reach the terminal and the reader).

use std::io::{self, BufRead, Write};

/// A line that is a command rather than an answer, wherever an answer is asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Said {
    /// A line of an answer (possibly empty).
    Line(String),
    /// `?`: the guidance, then the question again.
    Guidance,
    /// `/back`: the previous question.
    Back,
    /// `/next`: the first question of the next section.
    NextSection,
    /// `/quit`, or the end of the input: save and leave.
    Quit,
}

/// The conversation: where lines are read and said.
pub struct Io<'a> {
    input: &'a mut dyn BufRead,
    output: &'a mut dyn Write,
}

impl<'a> Io<'a> {
    pub fn new(input: &'a mut dyn BufRead, output: &'a mut dyn Write) -> Io<'a> {
        Io { input, output }
    }

    /// Says `text`, line by line, sanitised.
    pub fn say(&mut self, text: &str) -> io::Result<()> {
        for line in text.split('\n') {
            writeln!(self.output, "{}", crate::text::sanitize_line(line))?;
        }
        self.output.flush()
    }

    /// Says words convene wrote (its own, trusted, never from a file) as they are.
    pub fn tell(&mut self, text: &str) -> io::Result<()> {
        writeln!(self.output, "{text}")?;
        self.output.flush()
    }

    /// Reads one line, without its line break; `None` at the end of the input.
    pub fn line(&mut self) -> io::Result<Option<String>> {
        let mut line = String::new();
        if self.input.read_line(&mut line)? == 0 {
            return Ok(None);
        }
        while line.ends_with('\n') || line.ends_with('\r') {
            line.pop();
        }
        Ok(Some(line))
    }

    /// Reads one line as [`Said`]: a command, or a line of the answer.
    pub fn said(&mut self) -> io::Result<Said> {
        Ok(match self.line()? {
            None => Said::Quit,
            Some(line) => match line.trim() {
                "?" => Said::Guidance,
                "/back" => Said::Back,
                "/next" => Said::NextSection,
                "/quit" => Said::Quit,
                _ => Said::Line(line),
            },
        })
    }
}

/// The lines of a long answer up to a lone `.`; `None` when the first line is empty (the
/// answer is kept as it is). `each` is called with the text so far after every line, so what
/// is typed is saved as it is typed.
pub fn block(
    io: &mut Io,
    first: String,
    mut each: impl FnMut(&str) -> io::Result<()>,
) -> io::Result<Option<String>> {
    if first.trim().is_empty() {
        return Ok(None);
    }
    if first.trim() == "." {
        return Ok(Some(String::new()));
    }
    let mut lines = vec![first];
    each(&lines.join("\n"))?;
    loop {
        match io.line()? {
            None => break,
            Some(line) if line.trim() == "." => break,
            Some(line) => {
                lines.push(line);
                each(&lines.join("\n"))?;
            }
        }
    }
    Ok(Some(lines.join("\n").trim_end().to_string()))
}

/// A number from 1 to `count`, if `line` is one.
pub fn number(line: &str, count: usize) -> Option<usize> {
    line.trim()
        .parse::<usize>()
        .ok()
        .filter(|n| (1..=count).contains(n))
}
