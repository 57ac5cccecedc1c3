//! The facilitator's multi-line text as Markdown paragraphs.
//!
//! Blank lines separate paragraphs; inside one, each line break stays a line break (a hard
//! break, `\` at the end of the line, or ` \` after a link so the `\` stays out of its address).

use super::escape::{Place, escape_line};
use crate::text::sanitize;

/// User text as paragraphs: blank lines separate paragraphs, other line breaks are hard breaks;
/// every word escaped so it stays text.
pub fn block(text: &str) -> String {
    let text = sanitize(text);
    let lone_tilde = text.matches('~').count() <= 1;
    let mut paragraphs: Vec<Vec<&str>> = vec![Vec::new()];
    for line in text.split('\n') {
        if line.trim().is_empty() {
            if paragraphs.last().is_some_and(|p| !p.is_empty()) {
                paragraphs.push(Vec::new());
            }
        } else {
            paragraphs
                .last_mut()
                .expect("never empty")
                .push(line.trim_end());
        }
    }
    paragraphs
        .iter()
        .filter(|p| !p.is_empty())
        .map(|p| lines_with_breaks(p, lone_tilde))
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Lines joined by hard breaks.
fn lines_with_breaks(lines: &[&str], lone_tilde: bool) -> String {
    let mut out = String::new();
    for (i, line) in lines.iter().enumerate() {
        let escaped = escape_line(line, Place::Block, lone_tilde);
        out.push_str(&escaped.text);
        if i + 1 < lines.len() {
            out.push_str(if escaped.ends_in_link {
                " \\\n"
            } else {
                "\\\n"
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_breaks_stay() {
        assert_eq!(block("one\ntwo\n\nthree"), "one\\\ntwo\n\nthree");
        assert_eq!(block("    code?"), "&#32;   code?");
        assert_eq!(
            block("see https://x.org\nnext"),
            "see https://x.org \\\nnext"
        );
        assert_eq!(block("- item\n1. first"), "\\- item\\\n1\\. first");
    }
}
