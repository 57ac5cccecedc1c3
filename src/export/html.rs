//! The charter as one self-contained HTML page, for email and for printing to PDF.
//!
//! maud escapes every piece of text it is given, so what the facilitator wrote can only ever be
//! text. The stylesheet is inlined; there is no script, and a Content-Security-Policy forbids
//! loading anything at all, so the page is the same offline, in a mail client and on paper.
//! Line breaks in answers become `<br>`; control, bidi and invisible characters are shown as
//! visible `\u{…}` markers.
//!
//! Table answers are `<table>`s with column headers. Dates are spelled out in a `<time>` that
//! carries the ISO date. A flagged row (an overdue step, a follow-up due) is marked in words as
//! well as by its class, and a dimension's bar is drawn with borders rather than backgrounds and
//! printed next to its numbers, so both survive printing in black and white (browsers drop
//! background colours when printing). Neither needs a `style` attribute: the stylesheet has a
//! class for each state.
//!
//! The workshop notes close the page (`section.part.workshop`): a table of cards under each
//! question's prompt (a promoted card's row has the class `promoted` and says "yes"; once the
//! room grouped them, a table for each theme in a `div.theme` under a `p.theme-name`), the
//! parking lot as a list (done topics marked in words), and the session log as a table whose
//! times are `<time>`s carrying the full RFC 3339 timestamp.

use chrono::{DateTime, FixedOffset, NaiveDate};
use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::charter::{AnswerOut, Charter};
use super::table::{self, CellOut, Flag, Shown, TableOut};
use super::workshop::{WorkshopOut, dots_word, votes_line, when};
use crate::community::Card;
use crate::dates;
use crate::text::{sanitize, sanitize_line};

const STYLESHEET: &str = include_str!("../../assets/export/charter.css");

pub fn to_html(charter: &Charter) -> String {
    let name = sanitize_line(&charter.name);
    let page = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="generator" content="convene";
                title { (name) " — community charter" }
                style { (PreEscaped(STYLESHEET)) }
            }
            body {
                main {
                    header {
                        h1 { (name) }
                        p.meta { "Community charter · last updated " (charter.updated.format("%-d %B %Y").to_string()) }
                    }
                    @if let Some(core) = &charter.core_statement {
                        p.lead { (lines(core)) }
                    }
                    @for section in &charter.sections {
                        section.part {
                            h2 { (section.title) }
                            @for group in &section.groups {
                                h3 { (group.title) }
                                @for q in &group.questions {
                                    div.question {
                                        p.prompt { (q.prompt) }
                                        @match &q.answer {
                                            None => p.answer.open { "Open question." },
                                            Some(AnswerOut::Text(text)) => p.answer { (lines(text)) },
                                            Some(AnswerOut::Items(items)) => ul.answer {
                                                @for item in items { li { (sanitize_line(item)) } }
                                            },
                                            Some(AnswerOut::Rating { rating, comment }) => p.answer {
                                                span class={ "rating " (rating.map_or("unrated", |r| r.key())) } {
                                                    (rating.map_or("Not rated", |r| r.label()))
                                                }
                                                (lines(comment))
                                            },
                                            Some(AnswerOut::Date(date)) => p.answer {
                                                @match date.date {
                                                    Some(day) => (time(day)),
                                                    None => (lines(&date.text)),
                                                }
                                            },
                                            Some(AnswerOut::Table(t)) => (records(t, charter.today)),
                                        }
                                    }
                                }
                                @if let Some(notes) = &group.notes {
                                    div.notes { strong { "Notes" } br; (lines(notes)) }
                                }
                            }
                        }
                    }
                    @if !charter.readiness.is_empty() {
                        section.part {
                            h2 { "Readiness summary" }
                            table {
                                thead { tr {
                                    th scope="col" { "Group" } th.n scope="col" { "Yes" }
                                    th.n scope="col" { "Partly" } th.n scope="col" { "No" }
                                    th.n scope="col" { "Not sure" } th.n scope="col" { "Unrated" }
                                    th scope="col" { "Verdict" }
                                } }
                                tbody {
                                    @for r in &charter.readiness {
                                        tr {
                                            td { (r.title) } td.n { (r.yes) } td.n { (r.partly) } td.n { (r.no) }
                                            td.n { (r.not_sure) } td.n { (r.unrated) }
                                            td class=(r.verdict.replace(' ', "-")) { (r.verdict) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                    @if let Some(w) = &charter.workshop {
                        (workshop(w))
                    }
                    footer {
                        p { "Made with convene. The questions draw on:" }
                        ul { @for s in &charter.sources { li {
                            (s.title)
                            @if let Some(publisher) = &s.publisher { ", " (publisher) }
                            " — " (s.attribution)
                            // The address as text, for the printed page too: the page links
                            // to nothing and loads nothing.
                            @if let Some(url) = &s.url { " " span.address { (url) } }
                        } } }
                    }
                }
            }
        }
    };
    let mut out = page.into_string();
    out.push('\n');
    out
}

/// A table answer, and under it the day its flags were judged on when it has any.
fn records(t: &TableOut, today: NaiveDate) -> Markup {
    let headers = t.headers();
    html! {
        div.answer.records {
            table class={ "records " (t.kind.name()) } {
                thead { tr {
                    @for h in &headers { th class=[h.numeric.then_some("n")] scope="col" { (h.title) } }
                } }
                tbody {
                    @for row in &t.rows {
                        tr class=[row.flag.map(Flag::class)] {
                            @for (h, cell) in headers.iter().zip(t.shown(row)) {
                                td class=[h.numeric.then_some("n")] { (shown(cell)) }
                            }
                        }
                    }
                }
            }
            @for flag in [Flag::Overdue, Flag::FollowUpDue] {
                @if t.has(flag) {
                    p.asof { (flag.as_of()) " " (time(today)) "." }
                }
            }
        }
    }
}

/// A table of cards, as they come.
fn cards_table(cards: &[Card]) -> Markup {
    html! {
        div.answer.records {
            table.records.cards {
                thead { tr {
                    th scope="col" { "Card" } th scope="col" { "Who" }
                    th.n scope="col" { "Dots" } th scope="col" { "Promoted" }
                } }
                tbody {
                    @for card in cards {
                        tr class=[card.promoted.then_some("promoted")] {
                            td { (lines(&card.text)) }
                            td { (lines(&card.who)) }
                            td.n { (card.dots) }
                            td { @if card.promoted { "yes" } }
                        }
                    }
                }
            }
        }
    }
}

/// The workshop notes: cards under their questions (and their themes), the parking lot, the
/// session log.
fn workshop(w: &WorkshopOut) -> Markup {
    html! {
        section.part.workshop {
            h2 { "Workshop notes" }
            @if let Some(votes) = w.file.votes_per_person {
                p.meta { "Dot votes: " (votes_line(votes)) }
            }
            @if !w.questions.is_empty() {
                h3 { "Cards" }
            }
            @for group in &w.questions {
                div.cards {
                    p.prompt { (sanitize_line(group.title())) }
                    @if group.themed() {
                        @for theme in &group.themes {
                            div.theme {
                                p.theme-name {
                                    @if let Some(name) = &theme.name {
                                        "Theme: " strong { (sanitize_line(name)) }
                                    } @else {
                                        "No theme"
                                    }
                                    " · " (theme.cards.len())
                                    (if theme.cards.len() == 1 { " card" } else { " cards" })
                                    " · " (theme.dots) " " (dots_word(theme.dots))
                                }
                                (cards_table(&theme.cards))
                            }
                        }
                    } @else {
                        (cards_table(&group.cards))
                    }
                }
            }
            @if !w.parked.is_empty() {
                h3 { "Parking lot" }
                ul.parking-lot {
                    @for parked in &w.parked {
                        li class=[parked.done.then_some("done")] {
                            (lines(&parked.text)) " · parked " (moment(parked.added))
                            @if parked.done { " · " strong { "done" } }
                        }
                    }
                }
            }
            @if !w.timeline.is_empty() {
                h3 { "Session log" }
                div.records {
                    table.records.session-log {
                        thead { tr {
                            th scope="col" { "When" } th scope="col" { "Kind" }
                            th scope="col" { "What" } th scope="col" { "Question" }
                        } }
                        tbody {
                            @for line in &w.timeline {
                                tr class=(line.entry.kind.key()) {
                                    td { (moment(line.entry.at)) }
                                    td { (line.entry.kind.label()) }
                                    td { (lines(&line.entry.text)) }
                                    td { (sanitize_line(line.question())) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// A time as the room saw it, with the full timestamp for machines.
fn moment(at: DateTime<FixedOffset>) -> Markup {
    html! { time datetime=(at.to_rfc3339()) { (when(at)) } }
}

/// One table cell.
fn shown(cell: Shown) -> Markup {
    html! {
        @match cell {
            Shown::Blank => {},
            Shown::Text(text) => (lines(text)),
            Shown::Number(n) => (n),
            Shown::Date(day, flag) => {
                (time(day))
                @if let Some(flag) = flag { " " span class={ "flag " (flag.class()) } { (flag.label()) } }
            },
            Shown::OutOfRange { value, max } => {
                (value) " " span class="flag out-of-range" { (table::outside(max)) }
            },
            Shown::Fraction { done, target } => { (done) "/" (target) },
            Shown::Gauge { current, target } => {
                @if let Some(steps) = table::bar(current, target) {
                    span.bar aria-hidden="true" {
                        @for step in steps { span class={ "step " (step) } {} }
                    }
                    " "
                }
                span.scale { (side(current)) " → " (side(target)) }
            },
        }
    }
}

/// One side of "now → target".
fn side(cell: &CellOut) -> Markup {
    match cell {
        CellOut::Empty => html! { "–" },
        other => shown(Shown::from(other)),
    }
}

/// A date spelled out, with the ISO date for machines.
fn time(day: NaiveDate) -> Markup {
    html! { time datetime=(day.format("%Y-%m-%d").to_string()) { (dates::shown(day)) } }
}

/// Text with its line breaks kept as `<br>`.
fn lines(text: &str) -> Markup {
    let text = sanitize(text);
    html! {
        @for (i, line) in text.split('\n').enumerate() {
            @if i > 0 { br; }
            (line)
        }
    }
}
