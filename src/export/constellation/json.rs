//! The constellation charter as JSON, for other tools.
//!
//! The shape is the JSON Schema `assets/export/constellation.schema.json` ([`SCHEMA`]), checked
//! against every export in the tests; like the community charter's it is versioned by
//! `format_version`, fields are only ever added within a version, and objects may carry fields
//! the schema does not name. Each community's `glance` has the shape of the community charter's
//! (its schema's `glance`, copied here so this one stands alone).
//!
//! Unlike the community charter's JSON, this one carries the judgements the overview makes — a
//! member's overdue steps, a learning follow-up due — since they are its figures: `as_of` names
//! the day they were judged on. Communities are referred to by their place in `communities`
//! (from 0), never by name: two can have the same name.

use std::borrow::Cow;

use chrono::{NaiveDate, SecondsFormat};
use serde::Serialize;

use super::super::{Audience, Format, Glance};
use super::document::{Document, Member};
use crate::text::escape_json;

/// The version of the JSON shape.
pub const FORMAT_VERSION: u32 = 1;

/// The JSON Schema (draft 2020-12) every constellation charter of this [`FORMAT_VERSION`]
/// follows.
pub const SCHEMA: &str = include_str!("../../../assets/export/constellation.schema.json");

#[derive(Serialize)]
struct Out<'d> {
    format: &'static str,
    format_version: u32,
    /// RFC 3339 to the second, always with its offset.
    generated_at: String,
    as_of: NaiveDate,
    audience: Audience,
    name: &'d str,
    shared_purpose: Option<&'d str>,
    readiness_groups: Vec<GroupOut<'d>>,
    communities: Vec<CommunityOut<'d>>,
    bridges: Vec<BridgeOut<'d>>,
    weavers: Vec<WeaverOut<'d>>,
    learning: Vec<EntryOut<'d>>,
}

#[derive(Serialize)]
struct GroupOut<'d> {
    id: &'d str,
    title: &'d str,
}

#[derive(Serialize)]
struct CommunityOut<'d> {
    listed_file: &'d str,
    listed_name: &'d str,
    contributes: Option<&'d str>,
    link: &'static str,
    file: Option<String>,
    unreadable_reason: Option<&'d str>,
    name: &'d str,
    charters: Option<Charters>,
    progress: Option<ProgressOut>,
    stage: Option<&'d str>,
    readiness: Vec<VerdictOut<'d>>,
    next_step: Option<StepOut<'d>>,
    overdue: Option<usize>,
    glance: Option<&'d Glance>,
}

#[derive(Serialize)]
struct Charters {
    markdown: String,
    html: String,
    json: String,
}

#[derive(Serialize)]
struct ProgressOut {
    answered: usize,
    total: usize,
    percent: usize,
}

#[derive(Serialize)]
struct VerdictOut<'d> {
    group: &'d str,
    verdict: &'static str,
}

#[derive(Serialize)]
struct StepOut<'d> {
    step: &'d str,
    owner: &'d str,
    due: NaiveDate,
    overdue: bool,
}

#[derive(Serialize)]
struct BridgeOut<'d> {
    name: &'d str,
    communities: &'d [usize],
    weaver: bool,
}

#[derive(Serialize)]
struct WeaverOut<'d> {
    name: &'d str,
    community: usize,
}

#[derive(Serialize)]
struct EntryOut<'d> {
    community: usize,
    date: Option<NaiveDate>,
    problem: &'d str,
    advice: &'d str,
    follow_up: Option<NaiveDate>,
    follow_up_due: bool,
    outcome: &'d str,
    party: &'d str,
    shared_with: Vec<&'d str>,
}

fn text(t: &str) -> Option<&str> {
    (!t.trim().is_empty()).then_some(t)
}

fn community<'d>(doc: &'d Document, m: &'d Member) -> CommunityOut<'d> {
    let opened = m.row.community.is_some();
    let charter = |format| m.charter(doc.audience, format);
    CommunityOut {
        listed_file: &m.row.member.file,
        listed_name: &m.row.member.name,
        contributes: text(&m.row.member.contributes),
        link: m.link(),
        file: m.found_file(),
        unreadable_reason: m.reason(),
        name: &m.row.name,
        charters: match (
            charter(Format::Markdown),
            charter(Format::Html),
            charter(Format::Json),
        ) {
            (Some(markdown), Some(html), Some(json)) => Some(Charters {
                markdown,
                html,
                json,
            }),
            _ => None,
        },
        progress: m.row.progress.map(|p| ProgressOut {
            answered: p.answered,
            total: p.total,
            percent: p.percent(),
        }),
        stage: m.row.stage.as_deref(),
        readiness: m
            .verdicts(doc.groups)
            .map(|v| {
                v.map(|(g, verdict)| VerdictOut {
                    group: &g.id,
                    verdict: verdict.label(),
                })
                .collect()
            })
            .unwrap_or_default(),
        next_step: m.row.next_step.as_ref().map(|s| StepOut {
            step: &s.step,
            owner: &s.owner,
            due: s.due,
            overdue: s.is_overdue(doc.today),
        }),
        overdue: opened.then_some(m.overdue),
        glance: m.glance.as_ref(),
    }
}

pub(super) fn write(doc: &Document) -> String {
    let out = Out {
        format: "convene-constellation-charter",
        format_version: FORMAT_VERSION,
        generated_at: doc.generated_at.to_rfc3339_opts(SecondsFormat::Secs, false),
        as_of: doc.today,
        audience: doc.audience,
        name: doc.name,
        shared_purpose: text(doc.shared_purpose),
        readiness_groups: doc
            .groups
            .iter()
            .map(|g| GroupOut {
                id: &g.id,
                title: &g.title,
            })
            .collect(),
        communities: doc.members.iter().map(|m| community(doc, m)).collect(),
        bridges: doc
            .bridges
            .iter()
            .map(|b| BridgeOut {
                name: &b.name,
                communities: &b.communities,
                weaver: b.weaver,
            })
            .collect(),
        weavers: doc
            .weavers
            .iter()
            .map(|(name, i)| WeaverOut {
                name,
                community: *i,
            })
            .collect(),
        learning: doc
            .learning
            .iter()
            .map(|e| EntryOut {
                community: e.community,
                date: e.date,
                problem: &e.problem,
                advice: &e.advice,
                follow_up: e.follow_up,
                follow_up_due: e.due,
                outcome: &e.outcome,
                party: &e.party,
                shared_with: e.shared(),
            })
            .collect(),
    };
    let text =
        serde_json::to_string_pretty(&out).expect("a constellation charter always serialises");
    // Exact but inert, as the community charter's: hazards become escapes of the same text.
    let escaped = escape_json(&text);
    let mut out = if let Cow::Owned(escaped) = escaped {
        escaped
    } else {
        text
    };
    out.push('\n');
    out
}
