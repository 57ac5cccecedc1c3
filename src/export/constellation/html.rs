//! The constellation charter as one self-contained HTML page, like the community charter: maud
//! escapes every string (and text from the files goes through `sanitize_line`, so hazards show
//! as markers), the community charter's stylesheet is inlined with the few rules this page adds
//! (`assets/export/constellation.css`), there is no script, and a
//! Content-Security-Policy forbids loading anything, so the page is the same offline, in a mail
//! client and on paper.
//!
//! A contents list links to each part and each community's section by ids convene makes
//! (`community-1`, …: never from a name). The table of communities sits in a `div.table-scroll`
//! that scrolls sideways on a narrow screen; on paper it is laid out within the page. Each
//! community's name links to its own charter, a relative address beside this file; a flag in
//! words marks a step overdue, a follow-up due, a member not where the constellation says, so
//! each survives printing in black and white. A community's section carries its answers'
//! language (`lang`), and everything a facilitator wrote has `dir="auto"`.

use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::super::Format;
use super::super::html::{STYLESHEET, classes, long, running_title, time};
use super::super::html_front::glance_items;
use super::super::table::Flag;
use super::super::workshop::when;
use super::document::{Document, Member, Readiness, href};
use crate::community::readiness::Verdict;
use crate::text::{sanitize, sanitize_line};

/// What the constellation charter adds to the community charter's stylesheet: a wider page
/// for its table, and its table's cells.
const OWN_RULES: &str = include_str!("../../../assets/export/constellation.css");

/// The ids of the page's parts (a community's section is `community-N`, from 1).
const PURPOSE_ID: &str = "shared-purpose";
const GLANCE_ID: &str = "communities-at-a-glance";
const COMMUNITIES_ID: &str = "communities";
const BRIDGES_ID: &str = "bridges";
const LEARNING_ID: &str = "learning-across-communities";

fn section_id(index: usize) -> String {
    format!("community-{}", index + 1)
}

pub(super) fn write(doc: &Document) -> String {
    let name = flat(doc.name);
    let page = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="generator" content="convene";
                title { (name) " — constellation charter" }
                style { (PreEscaped(STYLESHEET)) (PreEscaped(OWN_RULES)) (PreEscaped(running_title(&name))) }
            }
            body.constellation {
                main {
                    header {
                        h1 { span dir="auto" { (name) } " — constellation charter" }
                        p.meta { "Constellation charter " (doc.audience.described()) " · made " (when(doc.generated_at)) }
                    }
                    (contents(doc))
                    section.part-group id=(PURPOSE_ID) {
                        h2 { "Shared purpose" }
                        @if doc.shared_purpose.trim().is_empty() {
                            p.open { "No shared purpose is written yet." }
                        } @else {
                            p.lead dir="auto" { (lines(doc.shared_purpose)) }
                        }
                    }
                    (at_a_glance(doc))
                    @if !doc.members.is_empty() {
                        section.part-group id=(COMMUNITIES_ID) {
                            h2 { "The communities" }
                            @for (i, m) in doc.members.iter().enumerate() { (community(doc, i, m)) }
                        }
                    }
                    (bridges(doc))
                    (learning(doc))
                    footer { p { "Made with convene." } }
                }
            }
        }
    };
    let mut out = page.into_string();
    out.push('\n');
    out
}

/// Text on one line (a name, a table cell, a sentence): its line breaks and runs of spaces are
/// one space, as Markdown shows them, not the markers of a control character.
fn flat(text: &str) -> String {
    sanitize_line(&text.split_whitespace().collect::<Vec<_>>().join(" ")).into_owned()
}

/// Text with its line breaks kept as `<br>`.
fn lines(text: &str) -> Markup {
    let text = sanitize(text.trim());
    html! {
        @for (i, line) in text.split('\n').enumerate() {
            @if i > 0 { br; }
            (line)
        }
    }
}

fn contents(doc: &Document) -> Markup {
    html! {
        nav.contents aria-labelledby="charter-contents" {
            h2 #charter-contents { "Contents" }
            ol {
                li { a href={ "#" (PURPOSE_ID) } { "Shared purpose" } }
                li { a href={ "#" (GLANCE_ID) } { "The communities at a glance" } }
                @if !doc.members.is_empty() {
                    li {
                        a href={ "#" (COMMUNITIES_ID) } { "The communities" }
                        ol { @for (i, m) in doc.members.iter().enumerate() {
                            li { a href={ "#" (section_id(i)) } dir="auto" { (flat(&m.row.name)) } }
                        } }
                    }
                }
                li { a href={ "#" (BRIDGES_ID) } { "Bridges" } }
                li { a href={ "#" (LEARNING_ID) } { "Learning across communities" } }
            }
        }
    }
}

/// A flag in words, in the community charter's box.
fn flag(class: &str, words: &str) -> Markup {
    html! { " " span class={ "flag " (class) } { (words) } }
}

fn at_a_glance(doc: &Document) -> Markup {
    html! {
        section.part-group id=(GLANCE_ID) {
            h2 { "The communities at a glance" }
            @if doc.members.is_empty() {
                p.open { "No community is listed in the constellation yet." }
            } @else {
                div.table-scroll { table.communities {
                    thead { tr {
                        th scope="col" { "Community" } th scope="col" { "Contributes" }
                        th scope="col" { "Progress" } th scope="col" { "Stage" }
                        th scope="col" { "Readiness" } th scope="col" { "Next step due" }
                        th.n scope="col" { "Overdue" }
                    } }
                    tbody { @for m in &doc.members { (row(doc, m)) } }
                } }
                @if doc.members.iter().any(|m| m.overdue > 0) {
                    p.asof { (Flag::Overdue.as_of()) " " (time(doc.today)) "." }
                }
                @for m in doc.broken() {
                    @if let Some(whereabouts) = m.whereabouts() {
                        p.not-found {
                            "⚠ " strong dir="auto" { (flat(&m.row.name)) } ": "
                            span dir="auto" { (flat(&whereabouts)) } "."
                        }
                    }
                }
            }
        }
    }
}

fn row(doc: &Document, m: &Member) -> Markup {
    let name = flat(&m.row.name);
    let contributes = flat(&m.row.member.contributes);
    html! {
        tr class=[(m.link() != "here").then_some("not-here")] {
            th scope="row" dir="auto" class=[classes(false, long(&name))] {
                @match m.charter(doc.audience, Format::Html) {
                    Some(file) => a href=(href(&file)) { (name) },
                    None => (name),
                }
                @if m.link() != "here" { (flag("not-found", m.link())) }
            }
            td.contributes dir="auto" class=[long(&contributes).then_some("long")] { (contributes) }
            td.progress {
                @if let Some(p) = m.row.progress {
                    (p.percent()) "%" span.count { (p.answered) " of " (p.total) " answered" }
                }
            }
            td dir="auto" { @if let Some(stage) = &m.row.stage { (flat(stage)) } }
            td.readiness {
                @match m.readiness(doc.groups) {
                    None => {},
                    Some(Readiness::All(verdict)) => span class=(verdict_class(verdict)) { (Readiness::all(verdict)) },
                    Some(Readiness::Some { rated, unrated }) => ul.verdicts {
                        @for (verdict, titles) in &rated {
                            li { span class=(verdict_class(*verdict)) { (verdict.label()) } ": " (titles.join(" · ")) }
                        }
                        @if unrated > 0 { li.not-rated-yet { (unrated) " " (Verdict::Unrated.label()) } }
                    },
                }
            }
            td.next dir="auto" {
                @if let Some(step) = &m.row.next_step {
                    (flat(&step.step))
                    @if !step.owner.trim().is_empty() { " (" (flat(&step.owner)) ")" }
                    ", " (time(step.due))
                    @if m.next_step_overdue(doc.today) { (flag(Flag::Overdue.class(), Flag::Overdue.label())) }
                }
            }
            td.n class=[(m.overdue > 0).then_some("weak")] {
                @if m.row.community.is_some() { (m.overdue) }
            }
        }
    }
}

fn community(doc: &Document, index: usize, m: &Member) -> Markup {
    let contributes = m.row.member.contributes.trim();
    html! {
        section.part.community id=(section_id(index)) lang=[m.language.as_deref()] {
            h3 dir="auto" { (flat(&m.row.name)) }
            @if let Some(whereabouts) = m.whereabouts() {
                p.not-found dir="auto" { "⚠ " (capitalised(&flat(&whereabouts))) "." }
            }
            @if m.listed_as().is_some() || !contributes.is_empty() || m.glance.as_ref().is_some_and(|g| !g.is_empty()) {
                div.glance { dl {
                    @if let Some(listed) = m.listed_as() {
                        dt { "Listed as" } dd dir="auto" { (flat(listed)) }
                    }
                    @if !contributes.is_empty() {
                        dt { "Contributes" } dd dir="auto" { (lines(contributes)) }
                    }
                    @if let Some(glance) = &m.glance { (glance_items(glance)) }
                } }
            }
            @match m.charter(doc.audience, Format::Html) {
                Some(file) => p.charter-link { "Its full charter: " a href=(href(&file)) { (file) } },
                None => p.open { "No charter of it can be made until its file is in the folder and reads." },
            }
        }
    }
}

/// The class of a verdict's word (`weak` and `strong` are the readiness summary's).
fn verdict_class(verdict: Verdict) -> String {
    verdict.label().replace(' ', "-")
}

/// "Listed, …": the sentence a member's section opens with.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn bridges(doc: &Document) -> Markup {
    html! {
        section.part-group id=(BRIDGES_ID) {
            h2 { "Bridges" }
            @if doc.bridges.is_empty() {
                p.open { "Nobody takes part in more than one of the communities yet." }
            } @else {
                p { "People who take part in more than one of the communities, from each one's people table. A weaver joins up what the communities learn." }
                ul.bridges { @for b in doc.bridges {
                    li {
                        strong dir="auto" { (flat(&b.name)) }
                        @if b.weaver { (flag("weaver", "weaver")) }
                        " · "
                        @for (k, &i) in b.communities.iter().enumerate() {
                            @if k > 0 { ", " }
                            a href={ "#" (section_id(i)) } dir="auto" { (flat(doc.member_name(i))) }
                        }
                    }
                } }
            }
            @if !doc.weavers.is_empty() {
                p.weavers {
                    "Weavers in one community: "
                    @for (k, (name, i)) in doc.weavers.iter().enumerate() {
                        @if k > 0 { ", " }
                        span dir="auto" { (flat(name)) } " ("
                        a href={ "#" (section_id(*i)) } dir="auto" { (flat(doc.member_name(*i))) } ")"
                    }
                    "."
                }
            }
        }
    }
}

fn learning(doc: &Document) -> Markup {
    let (shared, parties) = (doc.shared(), doc.parties());
    html! {
        section.part-group id=(LEARNING_ID) {
            h2 { "Learning across communities" }
            @if doc.learning.is_empty() {
                p.open { "No community has logged what it learned yet." }
            } @else {
                div.table-scroll { table.records.log.learning {
                    thead { tr {
                        th scope="col" { "Date" } th scope="col" { "Community" }
                        th scope="col" { "Problem raised" } th scope="col" { "Advice given" }
                        th scope="col" { "Follow up" } th scope="col" { "Outcome" }
                        @if parties { th scope="col" { "Scouting party" } }
                        @if shared { th scope="col" { "Shared with" } }
                    } }
                    tbody { @for e in &doc.learning {
                        tr class=[e.due.then_some(Flag::FollowUpDue.class())] {
                            td { @if let Some(day) = e.date { (time(day)) } }
                            td dir="auto" { (flat(doc.member_name(e.community))) }
                            (prose(&e.problem))
                            (prose(&e.advice))
                            td {
                                @if let Some(day) = e.follow_up {
                                    (time(day))
                                    @if e.due { (flag(Flag::FollowUpDue.class(), Flag::FollowUpDue.label())) }
                                }
                            }
                            (cell(&e.outcome))
                            @if parties { (cell(&e.party)) }
                            @if shared { (cell(&e.shared().join(", "))) }
                        }
                    } }
                } }
                @if doc.follow_ups_due() {
                    p.asof { (Flag::FollowUpDue.as_of()) " " (time(doc.today)) "." }
                }
            }
        }
    }
}

/// A cell of the facilitators' text.
fn cell(text: &str) -> Markup {
    html! { td dir="auto" class=[classes(false, long(text))] { (lines(text)) } }
}

/// A cell of the facilitators' text that usually runs to sentences (the problem, the advice):
/// given the room to read as such.
fn prose(text: &str) -> Markup {
    html! { td.prose dir="auto" class=[long(text).then_some("long")] { (lines(text)) } }
}
