//! The charter as CommonMark, for wikis and READMEs.
//!
//! The structure (headings, lists, the readiness table) is convene's; everything the facilitator
//! wrote is escaped so it can only ever be text: it never becomes a heading, list, quote, code
//! block, link, image, emphasis or raw HTML, and its line breaks stay (as hard breaks, with blank
//! lines still separating paragraphs). Control, bidi and invisible characters are shown as
//! visible `\u{…}` markers first.
//!
//! Table answers are GitHub-flavoured pipe tables (plain CommonMark shows them as a paragraph of
//! rows, still readable). Every cell goes through [`inline`], which escapes `|` and `\` as well
//! as everything else, so a cell can neither split nor merge columns. Dates are spelled out
//! ("Tue 1 Dec 2026") so no reader has to guess the order of day and month; a dimension's
//! position is a text gauge, `▰▰▰▱▱▱▱▱▱▱ 3 → 7` (`table.rs` says why those glyphs).
//!
//! The workshop notes close the charter: a pipe table of cards under each question's prompt
//! (one a theme, each under a line naming it, once the room grouped them), the parking lot as a
//! list, and the session log as a table with its times in the room's offset.

use std::fmt::Write as _;

use chrono::NaiveDate;

use super::charter::{AnswerOut, Charter};
use super::table::{self, CellOut, Flag, Shown, TableOut};
use super::workshop::{WorkshopOut, dots_word, votes_line, when};
use crate::community::Card;
use crate::dates;
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
                    Some(AnswerOut::Date(date)) => match date.date {
                        Some(day) => {
                            let _ = writeln!(out, "{}\n", dates::shown(day));
                        }
                        None => push_block(&mut out, &date.text),
                    },
                    Some(AnswerOut::Table(table)) => push_table(&mut out, table, charter.today),
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
    if let Some(workshop) = &charter.workshop {
        push_workshop(&mut out, workshop);
    }
    out.push_str("---\n\n");
    out.push_str("Made with convene. The questions draw on:\n\n");
    for source in &charter.sources {
        let _ = write!(out, "- {}", inline(&source.title));
        if let Some(publisher) = &source.publisher {
            let _ = write!(out, ", {}", inline(publisher));
        }
        let _ = write!(out, " — {}", inline(&source.attribution));
        // A template's address as text, escaped like any other, not a link: a charter links
        // to nothing (flavours that link bare addresses, as GitHub's does, still will).
        if let Some(url) = &source.url {
            let _ = write!(out, " {}", inline(url));
        }
        out.push('\n');
    }
    out
}

/// A pipe table, and under it the day its flags were judged on when it has any.
fn push_table(out: &mut String, table: &TableOut, today: NaiveDate) {
    let headers = table.headers();
    out.push('|');
    for header in &headers {
        let _ = write!(out, " {} |", header.title);
    }
    out.push_str("\n|");
    for header in &headers {
        out.push_str(if header.numeric { "---:|" } else { "---|" });
    }
    out.push('\n');
    for row in &table.rows {
        out.push('|');
        for cell in table.shown(row) {
            let _ = write!(out, " {} |", shown(cell));
        }
        out.push('\n');
    }
    out.push('\n');
    for flag in [Flag::Overdue, Flag::FollowUpDue] {
        if table.has(flag) {
            let _ = writeln!(out, "*{} {}.*\n", flag.as_of(), dates::shown(today));
        }
    }
}

/// The workshop notes: cards under their questions, the parking lot, the session log.
fn push_workshop(out: &mut String, workshop: &WorkshopOut) {
    out.push_str("## Workshop notes\n\n");
    if let Some(votes) = workshop.file.votes_per_person {
        let _ = writeln!(out, "*Dot votes: {}*\n", votes_line(votes));
    }
    if !workshop.questions.is_empty() {
        out.push_str("### Cards\n\n");
    }
    for group in &workshop.questions {
        let _ = writeln!(out, "**{}**\n", inline(group.title()));
        if !group.themed() {
            push_cards(out, &group.cards);
            continue;
        }
        for theme in &group.themes {
            let count = theme.cards.len();
            let cards = if count == 1 { "card" } else { "cards" };
            let name = match &theme.name {
                Some(name) => format!("Theme: **{}**", inline(name)),
                None => "*No theme*".to_string(),
            };
            let _ = writeln!(
                out,
                "{name} · {count} {cards} · {} {}\n",
                theme.dots,
                dots_word(theme.dots)
            );
            push_cards(out, &theme.cards);
        }
    }
    if !workshop.parked.is_empty() {
        out.push_str("### Parking lot\n\n");
        for parked in &workshop.parked {
            let done = if parked.done { " · *done*" } else { "" };
            let _ = writeln!(
                out,
                "- {} · parked {}{done}",
                inline(&parked.text),
                when(parked.added)
            );
        }
        out.push('\n');
    }
    if !workshop.timeline.is_empty() {
        out.push_str("### Session log\n\n");
        out.push_str("| When | Kind | What | Question |\n|---|---|---|---|\n");
        for line in &workshop.timeline {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} |",
                when(line.entry.at),
                line.entry.kind.label(),
                inline(&line.entry.text),
                inline(line.question())
            );
        }
        out.push('\n');
    }
}

/// A table of cards, as they come.
fn push_cards(out: &mut String, cards: &[Card]) {
    out.push_str("| Card | Who | Dots | Promoted |\n|---|---|---:|---|\n");
    for card in cards {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            inline(&card.text),
            inline(&card.who),
            card.dots,
            if card.promoted { "yes" } else { "" }
        );
    }
    out.push('\n');
}

/// One table cell: user text escaped by [`inline`], everything else convene's own words.
fn shown(cell: Shown) -> String {
    match cell {
        Shown::Blank => String::new(),
        Shown::Text(text) => inline(text),
        Shown::Number(n) => n.to_string(),
        Shown::Date(day, None) => dates::shown(day),
        Shown::Date(day, Some(flag)) => format!("{} ({})", dates::shown(day), flag.label()),
        Shown::OutOfRange { value, max } => format!("{value} ({})", table::outside(max)),
        Shown::Fraction { done, target } => format!("{done}/{target}"),
        Shown::Gauge { current, target } => {
            let side = |cell: &CellOut| match cell {
                CellOut::Empty => "–".to_string(),
                other => shown(Shown::from(other)),
            };
            let numbers = format!("{} → {}", side(current), side(target));
            match table::gauge(current) {
                Some(gauge) => format!("{gauge} {numbers}"),
                None => numbers,
            }
        }
    }
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
