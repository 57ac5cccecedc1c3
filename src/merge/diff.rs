//! What changed between two versions of a community, question by question: answers changed,
//! list items added and removed, table rows added, removed and changed (matched by identity,
//! as the merge matches them), ratings, notes. `convene diff` prints it, and git can use it as
//! its diff driver for community files.

use std::collections::{BTreeMap, BTreeSet};

use super::rows::{identities, shown};
use super::values::keys;
use crate::community::{Answer, Community, Record};
use crate::guide::Guide;

/// One place that changed, and how: lines beginning `-` (gone), `+` (new) or `~` (changed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Changed {
    /// Where, as the guide asks it (`primary_purpose: What is your group's primary purpose?`).
    pub place: String,
    pub lines: Vec<String>,
}

/// Every change from `old` to `new`, in the guide's order of questions (then anything else).
pub fn diff(old: &Community, new: &Community, guide: &Guide) -> Vec<Changed> {
    let mut changed = Vec::new();
    let title = |id: &str| match guide.question(id) {
        Some(q) => format!("{id}: {}", q.prompt),
        None => id.to_string(),
    };
    if old.name != new.name {
        changed.push(Changed {
            place: "name".into(),
            lines: vec![format!("- {}", old.name), format!("+ {}", new.name)],
        });
    }
    let mut ids = keys(&old.answers, &new.answers, &BTreeMap::new());
    ids.sort_by_key(|id| guide.rank(id));
    for id in ids {
        let (a, b) = (old.answers.get(&id), new.answers.get(&id));
        if a == b {
            continue;
        }
        let identity = guide
            .question(&id)
            .and_then(|q| q.kind.columns().first())
            .map_or("", |c| c.key);
        let lines = match (a, b) {
            (Some(Answer::Items(a)), Some(Answer::Items(b))) => items(a, b),
            (Some(Answer::Records(a)), Some(Answer::Records(b))) => rows(a, b, identity),
            (a, b) => whole(a, b),
        };
        changed.push(Changed {
            place: title(&id),
            lines,
        });
    }
    let mut ids = keys(&old.ratings, &new.ratings, &BTreeMap::new());
    ids.sort_by_key(|id| guide.rank(id));
    for id in ids {
        let (a, b) = (old.ratings.get(&id), new.ratings.get(&id));
        if a == b {
            continue;
        }
        let value = |r: Option<&crate::community::Rating>| {
            r.and_then(|r| r.value).map_or("not rated", |v| v.label())
        };
        let comment =
            |r: Option<&crate::community::Rating>| r.map(|r| r.comment.clone()).unwrap_or_default();
        let mut lines = Vec::new();
        if value(a) != value(b) {
            lines.push(format!("~ rated {} → {}", value(a), value(b)));
        }
        if comment(a) != comment(b) {
            lines.extend(text_lines("comment ", &comment(a), &comment(b)));
        }
        changed.push(Changed {
            place: title(&id),
            lines,
        });
    }
    for id in keys(&old.notes, &new.notes, &BTreeMap::new()) {
        let (a, b) = (old.notes.get(&id), new.notes.get(&id));
        if a != b {
            changed.push(Changed {
                place: format!("notes on {id}"),
                lines: text_lines("", a.map_or("", |s| s), b.map_or("", |s| s)),
            });
        }
    }
    if old.workshop != new.workshop {
        let count = |c: &Community| c.workshop.cards.len();
        changed.push(Changed {
            place: "workshop".into(),
            lines: vec![format!(
                "~ cards {} → {}, parked topics {} → {}, log lines {} → {}",
                count(old),
                count(new),
                old.workshop.parking_lot.len(),
                new.workshop.parking_lot.len(),
                old.workshop.log.len(),
                new.workshop.log.len()
            )],
        });
    }
    changed
}

fn text_lines(label: &str, old: &str, new: &str) -> Vec<String> {
    let mut lines = Vec::new();
    for line in old.lines() {
        lines.push(format!("- {label}{line}"));
    }
    for line in new.lines() {
        lines.push(format!("+ {label}{line}"));
    }
    lines
}

fn whole(old: Option<&Answer>, new: Option<&Answer>) -> Vec<String> {
    let text = |a: Option<&Answer>| a.map(super::shown).unwrap_or_default();
    text_lines("", &text(old), &text(new))
}

fn items(old: &[String], new: &[String]) -> Vec<String> {
    let before: BTreeSet<&String> = old.iter().collect();
    let after: BTreeSet<&String> = new.iter().collect();
    let mut lines: Vec<String> = old
        .iter()
        .filter(|i| !after.contains(i))
        .map(|i| format!("- {i}"))
        .collect();
    lines.extend(
        new.iter()
            .filter(|i| !before.contains(i))
            .map(|i| format!("+ {i}")),
    );
    if lines.is_empty() {
        lines.push("~ the same items, in another order".into());
    }
    lines
}

fn rows(old: &[Record], new: &[Record], identity: &str) -> Vec<String> {
    let (old_ids, new_ids) = (identities(old, identity), identities(new, identity));
    let mut lines = Vec::new();
    for (row, id) in old.iter().zip(&old_ids) {
        match new_ids.iter().position(|n| n == id) {
            None => lines.push(format!("- row {}", shown(row))),
            Some(at) if new[at] != *row => {
                let after = &new[at];
                let cells: Vec<String> = row
                    .keys()
                    .chain(after.keys())
                    .collect::<BTreeSet<_>>()
                    .into_iter()
                    .filter(|k| row.get(k) != after.get(k))
                    .map(|k| {
                        let cell = |r: &Record| r.get(k).map(super::rows::text).unwrap_or_default();
                        format!("{k} {:?} → {:?}", cell(row), cell(after))
                    })
                    .collect();
                lines.push(format!(
                    "~ row {}: {}",
                    id_of(row, identity),
                    cells.join(", ")
                ));
            }
            Some(_) => {}
        }
    }
    for (row, id) in new.iter().zip(&new_ids) {
        if !old_ids.contains(id) {
            lines.push(format!("+ row {}", shown(row)));
        }
    }
    if lines.is_empty() {
        lines.push("~ the same rows, in another order".into());
    }
    lines
}

fn id_of(row: &Record, identity: &str) -> String {
    row.get(identity)
        .map(super::rows::text)
        .map_or_else(|| "(no name)".to_string(), |t| format!("\"{t}\""))
}
