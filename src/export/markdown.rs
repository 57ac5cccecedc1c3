//! The charter as CommonMark, for wikis and READMEs.
//!
//! The structure (headings, lists, the readiness table) is convene's; everything the facilitator
//! wrote is escaped so it can only ever be text: it never becomes a heading, list, quote, code
//! block, link, image, emphasis or raw HTML, and its line breaks stay (as hard breaks, with blank
//! lines still separating paragraphs). Control, bidi and invisible characters are shown as
//! visible `\u{…}` markers first.

use std::fmt::Write as _;

use super::charter::{AnswerOut, Charter};
use crate::text::sanitize;

pub fn to_markdown(charter: &Charter) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", inline(&charter.name));
    let _ = writeln!(
        out,
        "*Community charter · last updated {}*\n",
        charter.updated.format("%-d %B %Y")
    );
    if let Some(core) = &charter.core_statement {
        push_block(&mut out, core);
    }
    for section in &charter.sections {
        let _ = writeln!(out, "## {}\n", inline(section.title));
        for group in &section.groups {
            let _ = writeln!(out, "### {}\n", inline(group.title));
            for q in &group.questions {
                let _ = writeln!(out, "**{}**\n", inline(q.prompt));
                match &q.answer {
                    None => out.push_str("*Open question.*\n\n"),
                    Some(AnswerOut::Text(text)) => {
                        push_block(&mut out, text);
                    }
                    Some(AnswerOut::Items(items)) => {
                        for item in items {
                            let _ = writeln!(out, "- {}", inline(item));
                        }
                        out.push('\n');
                    }
                    Some(AnswerOut::Rating { rating, comment }) => {
                        let label = rating.map_or("Not rated", |r| r.label());
                        let _ = writeln!(out, "*{label}*\n");
                        if !comment.trim().is_empty() {
                            push_block(&mut out, comment);
                        }
                    }
                }
            }
            if let Some(notes) = &group.notes {
                out.push_str("*Notes*\n\n");
                push_block(&mut out, notes);
            }
        }
    }
    if !charter.readiness.is_empty() {
        out.push_str("## Readiness summary\n\n");
        out.push_str("| Group | Yes | Partly | No | Not sure | Unrated | Verdict |\n");
        out.push_str("|---|---:|---:|---:|---:|---:|---|\n");
        for r in &charter.readiness {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} | {} |",
                inline(r.title),
                r.yes,
                r.partly,
                r.no,
                r.not_sure,
                r.unrated,
                r.verdict
            );
        }
        out.push('\n');
    }
    out.push_str("---\n\n");
    out.push_str("Made with convene. The questions draw on:\n\n");
    for source in &charter.sources {
        let _ = writeln!(
            out,
            "- {} — {}",
            inline(&source.title),
            inline(&source.attribution)
        );
    }
    out
}

/// A block of user text followed by the blank line that ends it.
fn push_block(out: &mut String, text: &str) {
    out.push_str(&block(text));
    out.push_str("\n\n");
}

/// User text on one line (headings, table cells, list items): line breaks become spaces.
pub fn inline(text: &str) -> String {
    let flat: String = text
        .split(['\n', '\r'])
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    escape_line(sanitize(&flat).trim())
}

/// User text as paragraphs: blank lines separate paragraphs, other line breaks are hard breaks.
pub fn block(text: &str) -> String {
    let text = sanitize(text);
    let mut paragraphs: Vec<Vec<String>> = vec![Vec::new()];
    for line in text.split('\n') {
        if line.trim().is_empty() {
            if paragraphs.last().is_some_and(|p| !p.is_empty()) {
                paragraphs.push(Vec::new());
            }
        } else {
            paragraphs
                .last_mut()
                .expect("never empty")
                .push(escape_line(line));
        }
    }
    paragraphs
        .into_iter()
        .filter(|p| !p.is_empty())
        .map(|p| p.join("\\\n"))
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Escapes one line so that CommonMark reads it as plain text.
fn escape_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut at_start = true;
    let mut digits_only = true;
    let trimmed_end = line.trim_end();
    for c in trimmed_end.chars() {
        if at_start && c == ' ' {
            // Leading spaces would be dropped, or make an indented code block.
            out.push_str("&#32;");
            continue;
        }
        let first = at_start;
        at_start = false;
        let escape = match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '|' | '~' | '#' | '!' => true,
            '-' | '+' | '=' => first,
            '.' | ')' => digits_only && !first,
            _ => false,
        };
        digits_only = digits_only && c.is_ascii_digit();
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_user_text_is_escaped() {
        assert_eq!(inline("# Heading"), "\\# Heading");
        assert_eq!(inline("- item"), "\\- item");
        assert_eq!(inline("1. first"), "1\\. first");
        assert_eq!(
            inline("[link](javascript:alert(1))"),
            "\\[link\\](javascript:alert(1))"
        );
        assert_eq!(inline("<script>x</script>"), "\\<script\\>x\\</script\\>");
        assert_eq!(inline("a *b* `c`"), "a \\*b\\* \\`c\\`");
        assert_eq!(inline("Zoë's 3.5 hours - fine"), "Zoë's 3.5 hours - fine");
    }

    #[test]
    fn line_breaks_stay() {
        assert_eq!(block("one\ntwo\n\nthree"), "one\\\ntwo\n\nthree");
        assert_eq!(block("    code?"), "&#32;&#32;&#32;&#32;code?");
    }

    #[test]
    fn hazardous_characters_become_visible() {
        assert_eq!(inline("a\u{202e}b\u{1b}[2J"), "a\\\\u{202e}b\\\\u{1b}\\[2J");
    }
}
