//! Splitting a community into several (seed 002's SIPS, "likely split around the seminar
//! topics"): each new community starts with the answers the facilitator chooses to carry — the
//! Define answers and the sponsor, say — and the original is left exactly as it was.
//!
//! What to carry is chosen by whole parts of the walk (a section, or the sponsor's two
//! questions), the way a facilitator thinks of them; a part is offered only when the original
//! has answered something in it.

use std::collections::BTreeSet;

use chrono::{DateTime, FixedOffset};

use crate::community::Community;
use crate::guide::Guide;
use crate::store::{Entry, names};

/// The questions about the sponsor, carried together (a split usually keeps its sponsor).
pub const SPONSOR: &[&str] = &["sponsor", "sponsor_exchange"];

/// The section carried unless the facilitator says otherwise.
pub const DEFINE: &str = "define";

/// A part of the walk whose answers may be carried into the new communities.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub label: String,
    /// The questions it carries.
    pub questions: Vec<String>,
    /// How many of them the original has answered.
    pub answered: usize,
    /// Whether it is carried.
    pub on: bool,
}

/// The parts of the walk `original` has answered something in: the sponsor's questions first
/// when answered, then each section in walk order. Define and the sponsor are chosen.
pub fn choices(original: &Community, guide: &Guide) -> Vec<Choice> {
    let answered = |ids: &[String]| {
        ids.iter()
            .filter(|id| original.is_answered(guide, id))
            .count()
    };
    let mut out = Vec::new();
    let sponsor: Vec<String> = SPONSOR.iter().map(|s| s.to_string()).collect();
    for section in &guide.sections {
        let questions: Vec<String> = section
            .groups
            .iter()
            .flat_map(|g| &g.questions)
            .map(|q| q.id.clone())
            .collect();
        let n = answered(&questions);
        if n > 0 {
            out.push(Choice {
                label: section.title.clone(),
                on: section.id == DEFINE,
                questions,
                answered: n,
            });
        }
    }
    let n = answered(&sponsor);
    if n > 0 {
        // Beside Define, since the two are carried by default.
        let define = section_title(guide, DEFINE);
        let at = usize::from(out.first().is_some_and(|c| c.label == define));
        out.insert(
            at,
            Choice {
                label: "The sponsor".to_string(),
                questions: sponsor,
                answered: n,
                on: true,
            },
        );
    }
    out
}

fn section_title(guide: &Guide, id: &str) -> String {
    guide
        .section(id)
        .map(|s| s.title.clone())
        .unwrap_or_default()
}

/// The questions the chosen parts carry.
pub fn carried(choices: &[Choice]) -> BTreeSet<String> {
    choices
        .iter()
        .filter(|c| c.on)
        .flat_map(|c| c.questions.iter().cloned())
        .collect()
}

/// A new community called `name`, starting with `original`'s answers, ratings and group notes
/// for the questions in `carry` (a group's notes go with it when all its questions do), in the
/// original's language.
pub fn start(
    original: &Community,
    name: &str,
    carry: &BTreeSet<String>,
    guide: &Guide,
    now: DateTime<FixedOffset>,
) -> Community {
    let mut community = Community::new(name);
    community.created = now;
    community.updated = now;
    community.language = original.language.clone();
    for id in carry {
        if let Some(answer) = original.answers.get(id) {
            community.answers.insert(id.clone(), answer.clone());
        }
        if let Some(rating) = original.ratings.get(id) {
            community.ratings.insert(id.clone(), rating.clone());
        }
    }
    for group in guide.sections.iter().flat_map(|s| &s.groups) {
        if !group.questions.is_empty()
            && group.questions.iter().all(|q| carry.contains(&q.id))
            && let Some(note) = original.notes.get(&group.id)
        {
            community.notes.insert(group.id.clone(), note.clone());
        }
    }
    community
}

/// The names of the new communities, from what the facilitator typed: one per line, or
/// separated by `;` or `,`, trimmed. Refused, with the reason in a facilitator's words, when a
/// name is given twice, or is already a community's in the folder (`entries`), exactly or in
/// another case or Unicode form.
pub fn topics(typed: &str, entries: &[Entry]) -> Result<Vec<String>, String> {
    let topics: Vec<String> = typed
        .split(['\n', ';', ','])
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|t| !t.is_empty())
        .collect();
    if topics.is_empty() {
        return Err("give the names of the new communities, separated by ; or ,".to_string());
    }
    for (i, topic) in topics.iter().enumerate() {
        if topics[..i]
            .iter()
            .any(|t| names::agreement(t, topic).is_some())
        {
            return Err(format!(
                "\"{}\" is given twice; each new community needs its own name",
                crate::text::sanitize_line(topic)
            ));
        }
        let same = names::similar(entries, topic);
        if !same.is_empty() {
            return Err(format!(
                "a community called \"{}\" already exists ({}); choose another name",
                crate::text::sanitize_line(topic),
                names::listed(same)
            ));
        }
    }
    Ok(topics)
}
