//! The facilitator's multi-line text as Markdown blocks.
//!
//! Blank lines separate paragraphs; inside one, each line break stays a line break (a hard
//! break, `\` at the end of the line, or ` \` after a link so the `\` stays out of its address).
//! Lines typed as a list — `- `, `* `, `+ `, `• `, `◦ `, `‣ `, `▪ ` or `– ` before the words,
//! or a number and `.` or `)` (`1. `, `2) `), leading spaces allowed — become a Markdown list,
//! each item's words escaped like any other line. A line that follows an item without a marker
//! of its own goes on with that item, as it would on GitHub. Bullets are written `-`; numbers as
//! typed, so GitHub renders the list as it would the typed lines (from the first item's number).

use super::escape::{Place, escape_line};
use crate::text::sanitize;

/// User text as Markdown blocks: paragraphs (blank lines between them, other line breaks kept)
/// and, for lines typed as a list, a list; every word escaped so it stays text.
pub fn block(text: &str) -> String {
    let text = sanitize(text);
    let lone_tilde = text.matches('~').count() <= 1;
    let mut groups: Vec<Vec<&str>> = vec![Vec::new()];
    for line in text.split('\n') {
        if line.trim().is_empty() {
            if groups.last().is_some_and(|g| !g.is_empty()) {
                groups.push(Vec::new());
            }
        } else {
            groups
                .last_mut()
                .expect("never empty")
                .push(line.trim_end());
        }
    }
    let mut parts = Vec::new();
    for group in groups.iter().filter(|g| !g.is_empty()) {
        for part in parts_of(group) {
            parts.push(part.write(lone_tilde));
        }
    }
    parts.join("\n\n")
}

/// How a typed list item was marked.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Marker {
    Bullet,
    Ordered { number: String, delimiter: char },
}

impl Marker {
    /// Whether an item marked `other` goes on the same list.
    fn same_list(&self, other: &Marker) -> bool {
        match (self, other) {
            (Marker::Bullet, Marker::Bullet) => true,
            (Marker::Ordered { delimiter: a, .. }, Marker::Ordered { delimiter: b, .. }) => a == b,
            _ => false,
        }
    }

    fn written(&self) -> String {
        match self {
            Marker::Bullet => "- ".to_string(),
            Marker::Ordered { number, delimiter } => format!("{number}{delimiter} "),
        }
    }
}

const BULLETS: [char; 8] = ['-', '*', '+', '•', '◦', '‣', '▪', '–'];

/// The marker and words of a line typed as a list item.
fn list_item(line: &str) -> Option<(Marker, &str)> {
    let line = line.trim_start_matches(' ');
    let (marker, rest) = match line.chars().next()? {
        c if BULLETS.contains(&c) => (Marker::Bullet, &line[c.len_utf8()..]),
        _ => {
            let digits = line.bytes().take_while(u8::is_ascii_digit).count();
            let delimiter = line[digits..].chars().next()?;
            if !(1..=9).contains(&digits) || !matches!(delimiter, '.' | ')') {
                return None;
            }
            let marker = Marker::Ordered {
                number: line[..digits].to_string(),
                delimiter,
            };
            (marker, &line[digits + 1..])
        }
    };
    let words = rest.trim_start_matches(' ');
    (rest.starts_with(' ') && !words.is_empty()).then_some((marker, words))
}

struct Item<'a> {
    marker: Marker,
    lines: Vec<&'a str>,
}

enum Part<'a> {
    Paragraph(Vec<&'a str>),
    List(Vec<Item<'a>>),
}

/// The paragraph and lists of one group of lines with no blank line between them.
fn parts_of<'a>(group: &[&'a str]) -> Vec<Part<'a>> {
    let mut parts: Vec<Part<'a>> = Vec::new();
    for &line in group {
        if let Some((marker, words)) = list_item(line) {
            let item = Item {
                marker,
                lines: vec![words],
            };
            match parts.last_mut() {
                Some(Part::List(items)) if items[0].marker.same_list(&item.marker) => {
                    items.push(item);
                }
                _ => parts.push(Part::List(vec![item])),
            }
        } else {
            match parts.last_mut() {
                Some(Part::List(items)) => {
                    let item = items.last_mut().expect("a list has an item");
                    item.lines.push(line.trim_start());
                }
                Some(Part::Paragraph(lines)) => lines.push(line),
                None => parts.push(Part::Paragraph(vec![line])),
            }
        }
    }
    parts
}

impl Part<'_> {
    fn write(&self, lone_tilde: bool) -> String {
        match self {
            Part::Paragraph(lines) => lines_with_breaks(lines, "", lone_tilde),
            Part::List(items) => items
                .iter()
                .map(|item| {
                    let marker = item.marker.written();
                    let indent = " ".repeat(marker.len());
                    format!(
                        "{marker}{}",
                        lines_with_breaks(&item.lines, &indent, lone_tilde)
                    )
                })
                .collect::<Vec<_>>()
                .join("\n"),
        }
    }
}

/// Lines joined by hard breaks, each after the first indented by `indent`.
fn lines_with_breaks(lines: &[&str], indent: &str, lone_tilde: bool) -> String {
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
            out.push_str(indent);
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
    }

    #[test]
    fn lines_typed_as_a_list_are_a_list() {
        assert_eq!(
            block("Topics:\n- housing\n• citizenship\n  (lead: David)\n\nMore"),
            "Topics:\n\n- housing\n- citizenship\\\n  (lead: David)\n\nMore"
        );
        assert_eq!(
            block("1. a seminar\n2. a blog\n3) a bid"),
            "1. a seminar\n2. a blog\n\n3) a bid"
        );
        assert_eq!(block("- # not a heading"), "- \\# not a heading");
        assert_eq!(block("-item\n- \n1.5 hours"), "-item\\\n\\-\\\n1.5 hours");
        assert_eq!(block("1234567890. no"), "1234567890\\. no");
    }
}
