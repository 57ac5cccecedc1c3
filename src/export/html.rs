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
//! Under an answer, a `p.context` says what the rest of the file adds to it (how many of the
//! people talked to would join the core group, beside the statement on leadership; who the
//! weavers are), and a `p.see-also` links to the section a question bears on, by the id every
//! section of the guide has here (its id in the guide). The facilitation practices open with
//! their summary (`#facilitation-summary`), as the appendix opens with the readiness summary.
//!
//! The workshop notes close the page (`section.part.workshop`): a table of cards under each
//! question's prompt (a promoted card's row has the class `promoted` and says "yes"; once the
//! room grouped them, a table for each theme in a `div.theme` under a `p.theme-name`), the
//! parking lot as a list (done topics marked in words), and the session log as a table whose
//! times are `<time>`s carrying the full RFC 3339 timestamp.
//!
//! The page reads on a phone and on paper (the rules are in `charter.css`): a contents list
//! (`nav.contents`) links to each part's `section` by id; every table sits in a
//! `div.table-scroll` that scrolls sideways when the table is wider than the screen, since a
//! cell never breaks a word — except a cell marked `long`, whose word no column could hold.
//! Every element that holds the facilitator's words has `dir="auto"`, so each takes its own
//! direction; `<html lang>` is the community's language, English unless the file names one.
//! Printed pages carry the community's name at their head (`running_title` writes it into the
//! stylesheet) and their number at their foot.

use std::fmt::Write as _;

use chrono::{DateTime, FixedOffset, NaiveDate};
use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::charter::{AnswerOut, Charter, NotesOut, ReadinessRow, SectionOut, See};
use super::order::Part;
use super::table::{self, CellOut, Flag, Shown, TableOut};
use super::workshop::when;
use crate::community::readiness::FACILITATION;
use crate::dates;
use crate::text::{fit, sanitize, sanitize_line};

pub(super) const STYLESHEET: &str = include_str!("../../assets/export/charter.css");

/// The ids of the parts that are not the guide's sections (whose ids are snake_case, so these
/// hyphenated ones cannot be the same as one of them).
const READINESS_ID: &str = "readiness-summary";
const FACILITATION_ID: &str = "facilitation-summary";
pub(super) const WORKSHOP_ID: &str = "workshop-notes";
const GLANCE_ID: &str = "at-a-glance";
const SIGN_OFF_ID: &str = "sign-off";

/// A word longer than this many characters in a table cell may be broken inside it: no column
/// could hold it, so it would widen its table past the page.
const LONG_WORD: usize = 30;

/// The widest running title, in columns (a CJK character takes two): some 60 capitals of 9pt
/// type fill the head of a page.
const RUNNING_TITLE: usize = 60;

pub fn to_html(charter: &Charter) -> String {
    let name = sanitize_line(&charter.name);
    let contents = contents(charter);
    let page = html! {
        (DOCTYPE)
        html lang=(charter.language.as_deref().unwrap_or("en")) {
            head {
                meta charset="utf-8";
                meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="generator" content="convene";
                title { (name) " — community charter" }
                style { (PreEscaped(STYLESHEET)) (PreEscaped(running_title(&name))) }
            }
            body {
                main {
                    header {
                        h1 dir="auto" { (name) }
                        p.meta { "Community charter " (charter.audience.described()) " · " (charter.closing.version) }
                    }
                    // A draft is not the lead: it is shown once, marked, where its question is.
                    @if let Some(core) = charter.core_statement.as_ref().filter(|_| !charter.core_statement_is_draft) {
                        p.lead dir="auto" { (lines(core)) }
                    }
                    @if !contents.is_empty() {
                        nav.contents aria-labelledby="charter-contents" {
                            h2 #charter-contents { "Contents" }
                            ol { @for (id, title, within) in &contents { li {
                                a href={ "#" (id) } { (title) }
                                @if !within.is_empty() {
                                    ol { @for (id, title) in within { li { a href={ "#" (id) } { (title) } } } }
                                }
                            } } }
                        }
                    }
                    (super::html_front::glance(&charter.glance))
                    @for (part, sections) in parts_of(charter) {
                        section.part-group id=(part.id()) {
                        h2 { (part.title()) }
                        @if part == Part::HowWeWork { (super::html_front::agreements(charter)) }
                        @if part == Part::Appendix { (summary(READINESS_ID, "Readiness summary", &charter.readiness)) }
                        @for section in sections {
                        @if section.id == FACILITATION {
                            (summary(FACILITATION_ID, "Facilitation summary", &charter.facilitation))
                        }
                        section.part id=(section.id) {
                            h3 { (section.title) }
                            @for group in &section.groups {
                                h4 { (group.title) }
                                @for q in &group.questions {
                                    div class=(if q.is_draft { "question draft" } else { "question" }) {
                                        p.prompt { (q.prompt) }
                                        @if q.is_draft {
                                            p.draft-note { "Draft: convene made this from the answers; nobody has edited it yet." }
                                        }
                                        @match &q.answer {
                                            None => p.answer.open { "Open question." },
                                            Some(AnswerOut::Text(text)) => p.answer dir="auto" { (lines(text)) },
                                            Some(AnswerOut::Items(items)) => ul.answer {
                                                @for item in items { li dir="auto" { (sanitize_line(item)) } }
                                            },
                                            Some(AnswerOut::Rating { rating, comment }) => p.answer {
                                                span class={ "rating " (rating.map_or("unrated", |r| r.key())) } {
                                                    (rating.map_or("Not rated", |r| r.label()))
                                                }
                                                span dir="auto" { (lines(comment)) }
                                            },
                                            Some(AnswerOut::Date(date)) => p.answer dir="auto" {
                                                @match date.date {
                                                    Some(day) => (time(day)),
                                                    None => (lines(&date.text)),
                                                }
                                            },
                                            Some(AnswerOut::Table(t)) => (records(t, charter.today)),
                                            Some(AnswerOut::NotUsed(value)) => p.answer.not-used dir="auto" {
                                                "⚠ " (sanitize_line(&value.sentence()))
                                            },
                                            // Its context says what this audience may know of it.
                                            Some(AnswerOut::Withheld) => {},
                                        }
                                        @if let Some(context) = &q.context {
                                            p.context dir="auto" { (sanitize_line(context)) }
                                        }
                                        @if let Some(see) = q.see { (see_also(charter, see)) }
                                    }
                                }
                                @match &group.notes {
                                    Some(NotesOut::Text(notes)) => div.notes { strong { "Notes" } br; span dir="auto" { (lines(notes)) } },
                                    Some(NotesOut::NotUsed(value)) => div.notes { strong { "Notes" } br; span.not-used dir="auto" { "⚠ " (sanitize_line(&value.sentence())) } },
                                    None => {},
                                }
                            }
                        }
                        }
                        @if part == Part::Appendix {
                            @if let Some(w) = &charter.workshop { (super::html_workshop::workshop(w)) }
                        }
                        }
                    }
                    @if !parts_of(charter).iter().any(|(p, _)| *p == Part::Appendix) {
                        section.part-group id=(Part::Appendix.id()) {
                            h2 { (Part::Appendix.title()) }
                            (summary(READINESS_ID, "Readiness summary", &charter.readiness))
                            @if let Some(w) = &charter.workshop { (super::html_workshop::workshop(w)) }
                        }
                    }
                    (super::html_front::closing(&charter.closing))
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

/// The sections in their parts, in order.
fn parts_of<'c, 'g>(charter: &'c Charter<'g>) -> Vec<(Part, Vec<&'c SectionOut<'g>>)> {
    let mut parts: Vec<(Part, Vec<&SectionOut>)> = Vec::new();
    for section in &charter.sections {
        match parts.last_mut() {
            Some((part, sections)) if *part == section.part => sections.push(section),
            _ => parts.push((section.part, vec![section])),
        }
    }
    parts
}

/// "See also" and the section it names: a link to it, when the charter has it.
fn see_also(charter: &Charter, see: See) -> Markup {
    html! {
        p.see-also {
            "See also: "
            @if charter.sections.iter().any(|s| s.id == see.section) {
                a href={ "#" (see.section) } { (see.title) }
            } @else {
                (see.title) " (not in this charter: nothing there is answered yet)"
            }
        }
    }
}

/// The verdicts of a section of statements to rate (the readiness check, opening the appendix;
/// the facilitation practices, opening theirs).
fn summary(id: &str, title: &str, rows: &[ReadinessRow]) -> Markup {
    html! {
                    @if !rows.is_empty() {
                        section.part id=(id) {
                            h3 { (title) }
                            div.table-scroll { table {
                                thead { tr {
                                    th scope="col" { "Group" } th.n scope="col" { "Yes" }
                                    th.n scope="col" { "Partly" } th.n scope="col" { "No" }
                                    th.n scope="col" { "Not sure" } th.n scope="col" { "Unrated" }
                                    th scope="col" { "Verdict" }
                                } }
                                tbody {
                                    @for r in rows {
                                        tr {
                                            td { (r.title) } td.n { (r.yes) } td.n { (r.partly) } td.n { (r.no) }
                                            td.n { (r.not_sure) } td.n { (r.unrated) }
                                            td class=(r.verdict.replace(' ', "-")) { (r.verdict) }
                                        }
                                    }
                                }
                            } }
                        }
                    }
    }
}

/// A table answer, and under it the day its flags were judged on when it has any.
fn records(t: &TableOut, today: NaiveDate) -> Markup {
    let headers = t.headers();
    html! {
        div.answer.records {
            div.table-scroll { table class={ "records " (t.kind.name()) } {
                thead { tr {
                    @for h in &headers { th class=[h.numeric.then_some("n")] scope="col" { (h.title) } }
                } }
                tbody {
                    @for row in &t.rows {
                        tr class=[row.flag.map(Flag::class)] {
                            @for (h, cell) in headers.iter().zip(t.shown(row)) {
                                @let text = match cell { Shown::Text(text) => Some(text), _ => None };
                                td class=[classes(h.numeric, text.is_some_and(long))] dir=[text.map(|_| "auto")] {
                                    (shown(cell))
                                }
                            }
                        }
                    }
                }
            } }
            @for flag in Flag::ALL {
                @if t.has(flag) {
                    p.asof { (flag.as_of()) " " (time(today)) "." }
                }
            }
        }
    }
}

/// A time as the room saw it, with the full timestamp for machines.
pub(super) fn moment(at: DateTime<FixedOffset>) -> Markup {
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

/// One side of "now → target"; words (a hand edit) are set apart in their own direction.
fn side(cell: &CellOut) -> Markup {
    match cell {
        CellOut::Empty => html! { "–" },
        CellOut::Text(_) => html! { span dir="auto" { (shown(Shown::from(cell))) } },
        other => shown(Shown::from(other)),
    }
}

/// A date spelled out, with the ISO date for machines.
pub(super) fn time(day: NaiveDate) -> Markup {
    html! { time datetime=(day.format("%Y-%m-%d").to_string()) { (dates::shown(day)) } }
}

/// Text with its line breaks kept as `<br>`.
pub(super) fn lines(text: &str) -> Markup {
    let text = sanitize(text);
    html! {
        @for (i, line) in text.split('\n').enumerate() {
            @if i > 0 { br; }
            (line)
        }
    }
}

/// The contents list: the glance, each part with the guide's sections in it, the appendix and
/// the sign-off, as `(id, title, sections)`.
type Contents<'c> = Vec<(&'static str, &'static str, Vec<(&'c str, &'c str)>)>;

fn contents<'c>(charter: &'c Charter) -> Contents<'c> {
    let mut parts: Contents = Vec::new();
    if !charter.glance.is_empty() {
        parts.push((GLANCE_ID, "At a glance", Vec::new()));
    }
    // The appendix opens with the readiness summary and closes with the workshop notes; the
    // facilitation practices open with their own summary.
    let appendix = |within: Vec<(&'c str, &'c str)>| {
        let mut all = Vec::new();
        if !charter.readiness.is_empty() {
            all.push((READINESS_ID, "Readiness summary"));
        }
        for (id, title) in within {
            if id == FACILITATION && !charter.facilitation.is_empty() {
                all.push((FACILITATION_ID, "Facilitation summary"));
            }
            all.push((id, title));
        }
        if charter.workshop.is_some() {
            all.push((WORKSHOP_ID, "Workshop notes"));
        }
        all
    };
    for (part, sections) in parts_of(charter) {
        let within: Vec<(&str, &str)> = sections.iter().map(|s| (s.id, s.title)).collect();
        let within = if part == Part::Appendix {
            appendix(within)
        } else {
            within
        };
        parts.push((part.id(), part.title(), within));
    }
    if !parts_of(charter).iter().any(|(p, _)| *p == Part::Appendix) {
        parts.push((
            Part::Appendix.id(),
            Part::Appendix.title(),
            appendix(Vec::new()),
        ));
    }
    parts.push((SIGN_OFF_ID, "Sign-off", Vec::new()));
    parts
}

/// A table cell's classes: `n` right-aligns a number, `long` lets a word too long for any column
/// break (see `charter.css`).
pub(super) fn classes(numeric: bool, long: bool) -> Option<&'static str> {
    match (numeric, long) {
        (false, false) => None,
        (true, false) => Some("n"),
        (false, true) => Some("long"),
        (true, true) => Some("n long"),
    }
}

/// Whether `text` has a word longer than [`LONG_WORD`] characters.
pub(super) fn long(text: &str) -> bool {
    text.split_whitespace()
        .any(|word| word.chars().nth(LONG_WORD).is_some())
}

/// The rule that puts the community's name at the head of every printed page but the first
/// (which opens with it), cut to [`RUNNING_TITLE`] columns: a page-margin box does not wrap or
/// clip a long name, it runs off the paper. Chromium has no `string-set` to take the name from
/// the page, so it is written into the stylesheet, as a CSS string in which every ASCII
/// character but letters, digits and spaces is an escape: a quote or a backslash cannot end the
/// string, nor a `<` start `</style>`, nor a line break end the declaration.
pub(super) fn running_title(name: &str) -> String {
    let name = fit(name, RUNNING_TITLE);
    let mut quoted = String::with_capacity(name.len() + 2);
    quoted.push('"');
    for c in name.chars() {
        if c.is_ascii_alphanumeric() || c == ' ' || (!c.is_ascii() && !c.is_control()) {
            quoted.push(c);
        } else {
            // The space ends the escape (and is dropped), so the next character stays itself
            // even if it is a hex digit or a space.
            let _ = write!(quoted, "\\{:x} ", u32::from(c));
        }
    }
    quoted.push('"');
    format!(
        "\n@page {{ @top-center {{ content: {quoted}; }} }}\n@page :first {{ @top-center {{ content: none; }} }}\n"
    )
}
