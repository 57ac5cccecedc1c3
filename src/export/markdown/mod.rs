//! The charter as Markdown, for wikis, READMEs and forges: CommonMark with GitHub's pipe tables,
//! written to render as typed on GitHub and GitLab and to read well raw.
//!
//! The structure (headings, lists, tables) is convene's; what the facilitator wrote can only ever
//! be text (`escape.rs`): it never becomes a heading, quote, code, link syntax, image, emphasis,
//! table or raw HTML. Two things are kept as they would render had it been typed on GitHub:
//! lines typed as a list are a list, other line breaks stay (`blocks.rs`); and addresses GitHub
//! links are left whole, so they link where they said (`autolink.rs`). Control, bidi and
//! invisible characters are shown as visible `\u{…}` markers first.
//!
//! Table answers are pipe tables padded into columns (`grid.rs`; plain CommonMark shows them as a
//! paragraph of rows, still readable). Every cell goes through [`inline`], which escapes `|`, so
//! a cell can neither split nor merge columns. Dates are spelled out ("Tue 1 Dec 2026") so no
//! reader has to guess the order of day and month; a dimension's position is a text gauge,
//! `▰▰▰▱▱▱▱▱▱▱ 3 → 7` (`table.rs` says why those glyphs).
//!
//! A rating that rests on facts elsewhere in the file has them under it ("From the
//! conversations: …"), and a question that bears on another section links to that section's
//! heading, by the id the forge gives it (`anchors.rs`). The appendix opens with the readiness
//! summary; the facilitation practices open with theirs.
//!
//! The workshop notes close the charter: a pipe table of cards under each question's prompt
//! (one a theme, each under a line naming it, once the room grouped them), the parking lot as a
//! list, and the session log as a table with its times in the room's offset.

use std::fmt::Write as _;

use chrono::NaiveDate;

mod anchors;
mod autolink;
mod blocks;
mod escape;
mod front;
pub(super) mod grid;

pub use blocks::block;
// For the constellation charter, which writes each community's glance and its own tables.
pub(super) use front::glance_items;

use super::charter::{AnswerOut, Charter, NotesOut, ReadinessRow, See};
use super::order::Part;
use super::table::{self, CellOut, Flag, Shown, TableOut};
use super::workshop::{WorkshopOut, dots_word, votes_line, when};
use crate::community::Card;
use crate::community::readiness::FACILITATION;
use crate::dates;
use crate::text::sanitize;
use anchors::Anchors;
use escape::{Place, escape_line};
use grid::Column;

pub fn to_markdown(charter: &Charter) -> String {
    let mut out = String::new();
    let mut anchors = Anchors::default();
    // Each section's heading id, and where each "see also" goes: a see-also may name a
    // section written further on, so the lines are put in once every heading is written.
    let mut section_ids: Vec<(&str, String)> = Vec::new();
    let mut see_also: Vec<(usize, See)> = Vec::new();
    heading(&mut out, &mut anchors, 1, &charter.name);
    let _ = writeln!(
        out,
        "*Community charter {} · {}*\n",
        charter.audience.described(),
        charter.closing.version
    );
    // A draft is not the charter's lead: it is shown once, marked, where its question is.
    if let Some(core) = charter
        .core_statement
        .as_ref()
        .filter(|_| !charter.core_statement_is_draft)
    {
        push_block(&mut out, core);
    }
    front::glance(&mut out, &mut anchors, &charter.glance);
    let mut part = None;
    for section in &charter.sections {
        if part != Some(section.part) {
            heading(&mut out, &mut anchors, 2, section.part.title());
            if section.part == Part::Appendix {
                push_summary(
                    &mut out,
                    &mut anchors,
                    "Readiness summary",
                    &charter.readiness,
                );
            }
            if section.part == Part::HowWeWork {
                front::agreements(&mut out, &mut anchors, charter);
            }
            part = Some(section.part);
        }
        if section.id == FACILITATION {
            push_summary(
                &mut out,
                &mut anchors,
                "Facilitation summary",
                &charter.facilitation,
            );
        }
        let id = heading(&mut out, &mut anchors, 3, section.title);
        section_ids.push((section.id, id));
        for group in &section.groups {
            heading(&mut out, &mut anchors, 4, group.title);
            for q in &group.questions {
                let _ = writeln!(out, "**{}**\n", inline(q.prompt));
                if q.is_draft {
                    out.push_str(
                        "*Draft: convene made this from the answers; nobody has edited it yet.*\n\n",
                    );
                }
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
                    Some(AnswerOut::NotUsed(value)) => {
                        let _ = writeln!(out, "⚠ *{}*\n", inline(&value.sentence()));
                    }
                    // Its context says what this audience may know of it.
                    Some(AnswerOut::Withheld) => {}
                }
                if let Some(context) = &q.context {
                    let _ = writeln!(out, "*{}*\n", inline(context));
                }
                if let Some(see) = q.see {
                    see_also.push((out.len(), see));
                }
            }
            match &group.notes {
                Some(NotesOut::Text(notes)) => {
                    out.push_str("*Notes*\n\n");
                    push_block(&mut out, notes);
                }
                Some(NotesOut::NotUsed(value)) => {
                    let _ = writeln!(out, "*Notes*\n\n⚠ *{}*\n", inline(&value.sentence()));
                }
                None => {}
            }
        }
    }
    if part != Some(Part::Appendix) && !charter.readiness.is_empty() {
        heading(&mut out, &mut anchors, 2, Part::Appendix.title());
        push_summary(
            &mut out,
            &mut anchors,
            "Readiness summary",
            &charter.readiness,
        );
    }
    if let Some(workshop) = &charter.workshop {
        push_workshop(&mut out, &mut anchors, workshop);
    }
    front::closing(&mut out, &mut anchors, &charter.closing);
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
    // From the last, so each place is still where it was.
    for (at, see) in see_also.into_iter().rev() {
        let line = match section_ids.iter().find(|(id, _)| *id == see.section) {
            Some((_, anchor)) => format!("*See also: [{}](#{anchor})*\n\n", inline(see.title)),
            None => format!(
                "*See also: {} (not in this charter: nothing there is answered yet)*\n\n",
                inline(see.title)
            ),
        };
        out.insert_str(at, &line);
    }
    out
}

/// A heading of `level` reading `text` (escaped here), and the id the forge gives it.
fn heading(out: &mut String, anchors: &mut Anchors, level: usize, text: &str) -> String {
    let _ = writeln!(out, "{} {}\n", "#".repeat(level), inline(text));
    anchors.next(&plain(text))
}

/// The verdicts of a section of statements to rate (the readiness check, opening the appendix;
/// the facilitation practices, opening theirs).
fn push_summary(out: &mut String, anchors: &mut Anchors, title: &str, summary: &[ReadinessRow]) {
    if !summary.is_empty() {
        heading(out, anchors, 3, title);
        let columns = [
            Column::text("Group"),
            Column::number("Yes"),
            Column::number("Partly"),
            Column::number("No"),
            Column::number("Not sure"),
            Column::number("Unrated"),
            Column::text("Verdict"),
        ];
        let rows = || {
            summary.iter().map(|r| {
                vec![
                    inline(r.title),
                    r.yes.to_string(),
                    r.partly.to_string(),
                    r.no.to_string(),
                    r.not_sure.to_string(),
                    r.unrated.to_string(),
                    r.verdict.to_string(),
                ]
            })
        };
        grid::push(out, &columns, rows);
        out.push('\n');
    }
}

/// A pipe table, and under it the day its flags were judged on when it has any.
fn push_table(out: &mut String, table: &TableOut, today: NaiveDate) {
    let headers = table.headers();
    let columns: Vec<Column> = headers
        .iter()
        .map(|h| Column {
            title: h.title,
            numeric: h.numeric,
        })
        .collect();
    let rows = || {
        table
            .rows
            .iter()
            .map(|row| table.shown(row).into_iter().map(shown).collect())
    };
    grid::push(out, &columns, rows);
    out.push('\n');
    for flag in Flag::ALL {
        if table.has(flag) {
            let _ = writeln!(out, "*{} {}.*\n", flag.as_of(), dates::shown(today));
        }
    }
}

/// The workshop notes: cards under their questions, the parking lot, the session log.
fn push_workshop(out: &mut String, anchors: &mut Anchors, workshop: &WorkshopOut) {
    heading(out, anchors, 3, "Workshop notes");
    if let Some(votes) = workshop.file.votes_per_person {
        let _ = writeln!(out, "*Dot votes: {}*\n", votes_line(votes));
    }
    if !workshop.questions.is_empty() {
        heading(out, anchors, 4, "Cards");
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
        heading(out, anchors, 4, "Parking lot");
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
        heading(out, anchors, 4, "Session log");
        let columns = [
            Column::text("When"),
            Column::text("Kind"),
            Column::text("What"),
            Column::text("Question"),
        ];
        let rows = || {
            workshop.timeline.iter().map(|line| {
                vec![
                    when(line.entry.at),
                    line.entry.kind.label().to_string(),
                    inline(&line.entry.text),
                    inline(line.question()),
                ]
            })
        };
        grid::push(out, &columns, rows);
        out.push('\n');
    }
}

/// A table of cards, as they come.
fn push_cards(out: &mut String, cards: &[Card]) {
    let columns = [
        Column::text("Card"),
        Column::text("Who"),
        Column::number("Dots"),
        Column::text("Promoted"),
    ];
    let rows = || {
        cards.iter().map(|card| {
            vec![
                inline(&card.text),
                inline(&card.who),
                card.dots.to_string(),
                if card.promoted { "yes" } else { "" }.to_string(),
            ]
        })
    };
    grid::push(out, &columns, rows);
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
    escape_line(&plain(text), Place::Inline, false).text
}

/// Text on one line as a reader sees it once [`inline`] has escaped it and it is rendered.
fn plain(text: &str) -> String {
    let flat: String = text
        .split(['\n', '\r'])
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    sanitize(&flat).trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_text_is_one_line() {
        assert_eq!(
            inline("  # Heading\r\nand - more  "),
            "\\# Heading and - more"
        );
        assert_eq!(inline("Room #"), "Room \\#");
        assert_eq!(inline("~~~"), "\\~\\~\\~");
    }

    #[test]
    fn hazardous_characters_become_visible() {
        assert_eq!(inline("a\u{202e}b\u{1b}[2J"), "a\\u{202e}b\\u{1b}\\[2J");
    }
}
