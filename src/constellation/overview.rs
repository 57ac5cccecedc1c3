//! The constellation overview: its communities side by side — progress, readiness verdict per
//! group, stage, the next step due and how many are overdue — and the people who take part in
//! more than one (the bridges; seed 002's weavers among them).
//!
//! Built from what the store gathered (each member's link and, where it opens, its community),
//! with no screen and no disk: the app's overview, the constellation charter and the tests all
//! read the same [`Overview`].

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::NaiveDate;
use unicode_normalization::UnicodeNormalization;

use super::{Constellation, Member};
use crate::community::readiness::{self, Verdict};
use crate::community::{Answer, Community, NextStep, Progress, Scalar, launch, next_step};
use crate::dates;
use crate::guide::{DONE, Guide, Kind};

/// Where the store found one member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// In its file.
    Here,
    /// Not in its file: in this one, found by its name.
    Moved,
    /// Neither in its file nor by its name.
    Missing,
    /// Its file is there and cannot be read, for this reason.
    Unreadable(String),
}

/// One member as the store gathered it.
#[derive(Debug, Clone)]
pub struct Gathered {
    pub member: Member,
    /// Its file (where it was found, when it moved).
    pub path: Option<PathBuf>,
    pub found: Found,
    pub community: Option<Community>,
}

/// A readiness group, as a column of the grid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupColumn {
    pub id: String,
    pub title: String,
}

/// One community's line of the overview.
#[derive(Debug, Clone)]
pub struct Row {
    pub member: Member,
    pub path: Option<PathBuf>,
    pub found: Found,
    /// What it is called now (its file's name; the name it was listed as when it cannot be
    /// read).
    pub name: String,
    pub progress: Option<Progress>,
    /// The verdict of each readiness group, in [`Overview::groups`] order.
    pub verdicts: Vec<Verdict>,
    pub stage: Option<String>,
    pub next_step: Option<NextStep>,
    /// Plan steps not done whose day has passed.
    pub overdue: usize,
    pub community: Option<Community>,
}

impl Row {
    /// Whether the name the constellation lists differs from the community's own.
    pub fn renamed(&self) -> bool {
        !self.member.name.is_empty()
            && self.community.is_some()
            && crate::store::names::agreement(&self.member.name, &self.name).is_none()
    }
}

/// Someone who takes part in more than one of the constellation's communities.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bridge {
    /// As written in the first community (in member order) that lists them.
    pub name: String,
    /// The rows of the communities they are in, in member order.
    pub communities: Vec<usize>,
    /// Whether any of those communities has them as a weaver.
    pub weaver: bool,
}

#[derive(Debug, Clone)]
pub struct Overview {
    pub name: String,
    pub shared_purpose: String,
    pub groups: Vec<GroupColumn>,
    pub rows: Vec<Row>,
    pub bridges: Vec<Bridge>,
    /// Weavers who are in one community only (the expedition's weavers, where there is one).
    pub weavers: Vec<(String, usize)>,
    /// Made from the listing index alone ([`Overview::provisional`]): names, progress and next
    /// steps are there; readiness, stage, overdue steps, bridges and learning are still being
    /// read.
    pub provisional: bool,
}

impl Overview {
    pub fn build(
        constellation: &Constellation,
        gathered: Vec<Gathered>,
        guide: &Guide,
        today: NaiveDate,
    ) -> Overview {
        let groups: Vec<GroupColumn> = guide
            .section(readiness::READINESS)
            .map(|s| {
                s.groups
                    .iter()
                    .filter(|g| {
                        !g.questions.is_empty() && g.questions.iter().all(|q| q.kind.is_rating())
                    })
                    .map(|g| GroupColumn {
                        id: g.id.clone(),
                        title: g.title.clone(),
                    })
                    .collect()
            })
            .unwrap_or_default();
        let rows: Vec<Row> = gathered
            .into_iter()
            .map(|g| row(g, guide, groups.len(), today))
            .collect();
        let (bridges, weavers) = bridges(&rows);
        Overview {
            name: constellation.name.clone(),
            shared_purpose: constellation.shared_purpose.clone(),
            groups,
            rows,
            bridges,
            weavers,
            provisional: false,
        }
    }

    /// The overview as far as the listing (from the index, say) tells it, before any
    /// community is read: what a first frame can show at once.
    pub fn provisional(constellation: &Constellation, entries: &[crate::store::Entry]) -> Overview {
        let rows = constellation
            .members
            .iter()
            .zip(super::links::resolve(constellation, entries))
            .map(|(member, link)| {
                let (found, summary) = match link {
                    super::Link::Found(s) => (Found::Here, Some(s)),
                    super::Link::Moved(s) => (Found::Moved, Some(s)),
                    super::Link::Unreadable(reason) => {
                        (Found::Unreadable(reason.to_string()), None)
                    }
                    super::Link::Missing => (Found::Missing, None),
                };
                Row {
                    name: summary.map_or_else(|| member.name.clone(), |s| s.name.clone()),
                    member: member.clone(),
                    path: summary.map(|s| s.path.clone()),
                    found,
                    progress: summary.map(|s| s.progress),
                    verdicts: Vec::new(),
                    stage: None,
                    next_step: summary.and_then(|s| s.next_step.clone()),
                    overdue: 0,
                    community: None,
                }
            })
            .collect();
        Overview {
            name: constellation.name.clone(),
            shared_purpose: constellation.shared_purpose.clone(),
            groups: Vec::new(),
            rows,
            bridges: Vec::new(),
            weavers: Vec::new(),
            provisional: true,
        }
    }

    /// How many members are not where the constellation says (moved, missing, unreadable).
    pub fn broken_links(&self) -> usize {
        self.rows.iter().filter(|r| r.found != Found::Here).count()
    }
}

fn row(g: Gathered, guide: &Guide, groups: usize, today: NaiveDate) -> Row {
    let Some(community) = g.community else {
        return Row {
            name: g.member.name.clone(),
            member: g.member,
            path: g.path,
            found: g.found,
            progress: None,
            verdicts: vec![Verdict::Unrated; groups],
            stage: None,
            next_step: None,
            overdue: 0,
            community: None,
        };
    };
    let verdicts = readiness::summarize(&community, guide)
        .iter()
        .map(|s| s.verdict)
        .collect();
    let stage = match community.answers.get("stage") {
        Some(Answer::Text(t)) if !t.trim().is_empty() => Some(t.trim().to_string()),
        _ => None,
    };
    Row {
        name: community.name.clone(),
        member: g.member,
        path: g.path,
        found: g.found,
        progress: Some(community.progress(guide)),
        verdicts,
        stage,
        next_step: next_step(&community, guide),
        overdue: overdue_steps(&community, guide, today),
        community: Some(community),
    }
}

/// How many plan steps (every question of the steps kind) are not done and past their day.
pub fn overdue_steps(community: &Community, guide: &Guide, today: NaiveDate) -> usize {
    guide
        .questions()
        .filter(|q| q.kind == Kind::Steps)
        .filter_map(|q| match community.answers.get(&q.id) {
            Some(Answer::Records(rows)) => Some(rows),
            _ => None,
        })
        .flatten()
        .filter(|row| {
            let text = |key: &str| match row.get(key) {
                Some(Scalar::Text(t)) => t.trim().to_string(),
                _ => String::new(),
            };
            !text("status").eq_ignore_ascii_case(DONE)
                && dates::read_stored(&text("due")).is_some_and(|due| due < today)
        })
        .count()
}

/// A person's name as it is compared across communities: composed, spaces collapsed, any case.
pub fn person_key(name: &str) -> String {
    name.nfc()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The people in the people table of more than one row's community; and the weavers who are in
/// one only.
fn bridges(rows: &[Row]) -> (Vec<Bridge>, Vec<(String, usize)>) {
    // key → (name as first written, rows, weaver)
    let mut seen: BTreeMap<String, (String, Vec<usize>, bool)> = BTreeMap::new();
    let mut order: Vec<String> = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let Some(community) = &row.community else {
            continue;
        };
        let weavers: Vec<String> = launch::weavers(community)
            .iter()
            .map(|w| person_key(w))
            .collect();
        for name in people(community) {
            let key = person_key(&name);
            if key.is_empty() {
                continue;
            }
            let entry = seen.entry(key.clone()).or_insert_with(|| {
                order.push(key.clone());
                (name.clone(), Vec::new(), false)
            });
            if !entry.1.contains(&i) {
                entry.1.push(i);
            }
            entry.2 |= weavers.contains(&key);
        }
    }
    let mut bridges = Vec::new();
    let mut lone_weavers = Vec::new();
    for key in order {
        let Some((name, communities, weaver)) = seen.remove(&key) else {
            continue;
        };
        if communities.len() > 1 {
            bridges.push(Bridge {
                name,
                communities,
                weaver,
            });
        } else if weaver {
            lone_weavers.push((name, communities[0]));
        }
    }
    // Those who bridge the most first; a tie keeps the order they were met in.
    bridges.sort_by_key(|b| std::cmp::Reverse(b.communities.len()));
    (bridges, lone_weavers)
}

/// The names in a community's people table.
fn people(community: &Community) -> Vec<String> {
    match community.answers.get(launch::PEOPLE) {
        Some(Answer::Records(rows)) => rows
            .iter()
            .filter_map(|r| match r.get("name") {
                Some(Scalar::Text(t)) if !t.trim().is_empty() => Some(t.trim().to_string()),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}
