//! How much more text the open community's file can take.
//!
//! convene refuses to open a file larger than [`MAX_FILE_BYTES`] (a mistaken or hostile file
//! must not exhaust memory). So nothing the app accepts may grow a file past that size, or the
//! facilitator's own words would lock them out of their community at the next start. The limit
//! is enforced where text comes in — a key, a paste, the external editor, the capture line —
//! with a message, rather than at the save, where refusing would mean losing the words.
//!
//! The walk knows the size of the file as last written and adds what each accepted input may
//! cost in the file ([`cost`]: its bytes, plus the escapes TOML may need), so checking a key is
//! arithmetic, not a render. Deleted text gives its room back at the next save, when the size is
//! measured again.

use crate::store::MAX_FILE_BYTES;

/// Room kept free for what a save adds besides the text: the `updated` stamp, quotes around a
/// new answer, its key, a new table's header.
const MARGIN: usize = 4 * 1024;

/// The most `text` can add to the file: its bytes, one more for each character TOML may escape
/// with a backslash, and five more for a control character written as `\uXXXX`. (The key and
/// quotes of a new value come out of the margin kept free.)
pub fn cost(text: &str) -> usize {
    let escapes: usize = text
        .bytes()
        .map(|b| match b {
            b'"' | b'\\' => 1,
            b'\n' | b'\t' => 1,
            0..0x20 | 0x7f => 5,
            _ => 0,
        })
        .sum();
    text.len() + escapes
}

/// How much text a file of `saved` bytes can still take, after `growth` bytes accepted since it
/// was written.
pub fn left(saved: usize, growth: usize) -> usize {
    (MAX_FILE_BYTES as usize).saturating_sub(MARGIN + saved + growth)
}

/// Why some text was refused: what it would have cost and the room there was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TooLarge {
    pub cost: usize,
    pub left: usize,
}

impl std::fmt::Display for TooLarge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.left < 64 {
            write!(
                f,
                "This community's file is at the {} convene can open: nothing more can be \
                 added. Move some text out (or delete some) to make room.",
                megabytes(MAX_FILE_BYTES as usize)
            )
        } else {
            write!(
                f,
                "Not added: {} would take the file past the {} convene can open (room left: \
                 {}).",
                megabytes(self.cost),
                megabytes(MAX_FILE_BYTES as usize),
                megabytes(self.left)
            )
        }
    }
}

/// `bytes` in words: "3.2 MB", "640 KB", "12 bytes".
pub fn megabytes(bytes: usize) -> String {
    const MB: f64 = 1024.0 * 1024.0;
    match bytes {
        0..1024 => format!("{bytes} bytes"),
        1024..1_048_576 => format!("{} KB", bytes / 1024),
        _ => format!("{:.1} MB", bytes as f64 / MB),
    }
}

/// Checks that `text` fits in `left`.
pub fn fits(text: &str, left: usize) -> Result<(), TooLarge> {
    let cost = cost(text);
    if cost <= left {
        Ok(())
    } else {
        Err(TooLarge { cost, left })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a save writes for an answer of `text`, beyond what it writes for a one-letter one.
    fn written(text: &str) -> usize {
        use crate::community::{Answer, Community, CommunityFile};
        let guide = crate::guide::Guide::builtin();
        let render = |text: &str| {
            let mut community = Community::new("Room");
            community.set_answer("primary_purpose", Answer::Text(text.to_string()));
            CommunityFile::new(community).render(guide).unwrap().len()
        };
        render(text).saturating_sub(render("x"))
    }

    #[test]
    fn cost_is_an_upper_bound_on_what_a_save_writes() {
        for text in [
            "plain words",
            "quotes \" and \\ backslashes",
            "lines\nand\ttabs\n",
            "control \u{1}\u{7f} characters",
            "\"\"\" three quotes \"\"\"",
            "accents é and 日本",
            "\n\n\n\u{1}\u{2}\\\"",
        ] {
            // The quotes of a `"""` block and its line breaks come out of the margin.
            assert!(
                cost(text) + 8 >= written(text),
                "{text:?}: cost {} < written {}",
                cost(text),
                written(text)
            );
        }
    }

    #[test]
    fn room_runs_out_before_the_file_limit() {
        let max = MAX_FILE_BYTES as usize;
        assert_eq!(left(max, 0), 0);
        assert_eq!(left(0, max), 0);
        assert!(left(1000, 0) < max - 1000);
        let small = left(max - MARGIN - 100, 0);
        assert_eq!(small, 100);
        assert!(fits("x", small).is_ok());
        let err = fits(&"x".repeat(200), small).unwrap_err();
        assert_eq!(err.left, 100);
        assert!(err.to_string().contains("4.0 MB"), "{err}");
    }
}
