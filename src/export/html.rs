//! The charter as one self-contained HTML page, for email and for printing to PDF.
//!
//! maud escapes every piece of text it is given, so what the facilitator wrote can only ever be
//! text. The stylesheet is inlined; there is no script, and a Content-Security-Policy forbids
//! loading anything at all, so the page is the same offline, in a mail client and on paper.
//! Line breaks in answers become `<br>`; control, bidi and invisible characters are shown as
//! visible `\u{…}` markers.

use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::charter::{AnswerOut, Charter};
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
                                    th { "Group" } th.n { "Yes" } th.n { "Partly" } th.n { "No" }
                                    th.n { "Not sure" } th.n { "Unrated" } th { "Verdict" }
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
                    footer {
                        p { "Made with convene. The questions draw on:" }
                        ul { @for s in &charter.sources { li { (s.title) " — " (s.attribution) } } }
                    }
                }
            }
        }
    };
    let mut out = page.into_string();
    out.push('\n');
    out
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
