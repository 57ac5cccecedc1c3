//! Tables and records, matched by identity rather than by position.
//!
//! A table row's identity is its first column (a person's name, a step's text, a dimension),
//! trimmed and in any letter case; rows with no identity, or one the table holds twice, are
//! matched by their place among such rows instead. Rows added on either side are kept (mine's
//! order, then theirs' additions); a row removed on one side goes unless the other changed it
//! (then it is a conflict, and kept); a row both sides kept merges cell by cell.
//!
//! The workshop's cards, parked topics and log entries are records: each is matched whole
//! (a card by its question, words and who said it; its dots, theme and promotion merge as
//! values), so two facilitators capturing cards in two rooms both keep theirs.

use super::Place;
use super::values::{set, three};
use crate::community::{Card, LogEntry, Parked, Record, Scalar, Workshop};

pub(super) fn text(value: &Scalar) -> String {
    match value {
        Scalar::Text(t) => t.clone(),
        Scalar::Integer(n) => n.to_string(),
        Scalar::Bool(b) => b.to_string(),
    }
}

/// A row as a conflict shows it: `name: Ana; role: coordinator`.
pub fn shown(row: &Record) -> String {
    row.iter()
        .map(|(k, v)| format!("{k}: {}", text(v)))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Each row's identity: its `identity` column folded, made unique by a count when it repeats
/// (or is missing), so every row has one and the same row on each side has the same one.
pub(super) fn identities(rows: &[Record], identity: &str) -> Vec<String> {
    let mut seen: Vec<String> = Vec::new();
    rows.iter()
        .map(|row| {
            let own = row
                .get(identity)
                .map(|v| text(v).trim().to_lowercase())
                .unwrap_or_default();
            let n = seen.iter().filter(|s| **s == own).count();
            seen.push(own.clone());
            if n == 0 && !own.is_empty() {
                own
            } else {
                format!("{own}\u{0}{n}")
            }
        })
        .collect()
}

fn find<'a>(rows: &'a [Record], ids: &[String], id: &str) -> Option<&'a Record> {
    ids.iter().position(|i| i == id).map(|at| &rows[at])
}

/// A table answer, three ways.
pub fn table(
    question: &str,
    identity: &str,
    base: &[Record],
    mine: &[Record],
    theirs: &[Record],
    say: &mut impl FnMut(Place, Option<String>, Option<String>, Option<String>),
) -> Vec<Record> {
    let (base_ids, mine_ids, their_ids) = (
        identities(base, identity),
        identities(mine, identity),
        identities(theirs, identity),
    );
    let mut order: Vec<String> = mine_ids.clone();
    for id in &their_ids {
        if !order.contains(id) {
            order.push(id.clone());
        }
    }
    // Removed on both sides, or on one side and untouched on the other: gone.
    let mut merged = Vec::new();
    for id in &order {
        let b = find(base, &base_ids, id);
        let m = find(mine, &mine_ids, id);
        let t = find(theirs, &their_ids, id);
        let row_name = || {
            m.or(t)
                .or(b)
                .and_then(|r| r.get(identity))
                .map(text)
                .unwrap_or_default()
        };
        let row = match (b, m, t) {
            (_, Some(m), Some(t)) => Some(cells(question, &row_name(), b, m, t, say)),
            (None, Some(only), None) | (None, None, Some(only)) => Some(only.clone()),
            (Some(b), Some(kept), None) | (Some(b), None, Some(kept)) if kept == b => None,
            (Some(b), Some(kept), None) | (Some(b), None, Some(kept)) => {
                // Deleted on one side, changed on the other: kept, and said.
                let changed = Some(shown(kept));
                let (mine, theirs) = if m.is_some() {
                    (changed, None)
                } else {
                    (None, changed)
                };
                say(
                    Place::Row {
                        question: question.to_string(),
                        row: row_name(),
                    },
                    Some(shown(b)),
                    mine,
                    theirs,
                );
                Some(kept.clone())
            }
            (_, None, None) => None,
        };
        merged.extend(row);
    }
    merged
}

/// One row both sides kept, cell by cell, in mine's column order then theirs' new columns.
fn cells(
    question: &str,
    row_name: &str,
    base: Option<&Record>,
    mine: &Record,
    theirs: &Record,
    say: &mut impl FnMut(Place, Option<String>, Option<String>, Option<String>),
) -> Record {
    let mut keys: Vec<String> = mine.keys().cloned().collect();
    for key in theirs.keys().chain(base.into_iter().flat_map(|b| b.keys())) {
        if !keys.contains(key) {
            keys.push(key.clone());
        }
    }
    let mut merged = Record::new();
    for key in keys {
        let b = base.and_then(|b| b.get(&key));
        let value = three(b, mine.get(&key), theirs.get(&key)).unwrap_or_else(|(b, m, t)| {
            say(
                Place::Cell {
                    question: question.to_string(),
                    row: row_name.to_string(),
                    column: key.clone(),
                },
                b.as_ref().map(text),
                m.as_ref().map(text),
                t.as_ref().map(text),
            );
            m
        });
        if let Some(value) = value {
            merged.insert(key, value);
        }
    }
    merged
}

/// The workshop: the votes per person as a value, cards, parked topics and log entries as
/// records.
pub fn workshop(
    base: &Workshop,
    mine: &Workshop,
    theirs: &Workshop,
    say: &mut impl FnMut(Place, Option<String>, Option<String>, Option<String>),
) -> Workshop {
    let votes_per_person = three(
        base.votes_per_person.as_ref(),
        mine.votes_per_person.as_ref(),
        theirs.votes_per_person.as_ref(),
    )
    .unwrap_or_else(|(b, m, t)| {
        let n = |v: Option<u32>| v.map(|v| v.to_string());
        say(Place::VotesPerPerson, n(b), n(m), n(t));
        m
    });
    Workshop {
        votes_per_person,
        cards: cards(&base.cards, &mine.cards, &theirs.cards),
        parking_lot: parked(&base.parking_lot, &mine.parking_lot, &theirs.parking_lot),
        log: records(&base.log, &mine.log, &theirs.log, |e: &LogEntry| {
            format!("{}\u{0}{}", e.at.to_rfc3339(), e.text)
        }),
    }
}

/// Cards by question, words and who said them; theme, dots and promotion as values (the
/// later changes of one side win where the other left them).
fn cards(base: &[Card], mine: &[Card], theirs: &[Card]) -> Vec<Card> {
    let id = |c: &Card| format!("{}\u{0}{}\u{0}{}", c.question, c.text, c.who);
    let merged = records(base, mine, theirs, id);
    merged
        .into_iter()
        .map(|card| {
            let key = id(&card);
            let pick = |cards: &[Card]| cards.iter().find(|c| id(c) == key).cloned();
            match (pick(base), pick(mine), pick(theirs)) {
                (Some(b), Some(m), Some(t)) => Card {
                    theme: three(Some(&b.theme), Some(&m.theme), Some(&t.theme))
                        .unwrap_or_else(|(_, m, _)| m)
                        .unwrap_or_default(),
                    dots: three(Some(&b.dots), Some(&m.dots), Some(&t.dots))
                        .unwrap_or_else(|(_, m, _)| m)
                        .unwrap_or_default(),
                    promoted: m.promoted || t.promoted,
                    ..m
                },
                _ => card,
            }
        })
        .collect()
}

/// Parked topics by their words (the same topic parked twice is one topic); whether it was
/// dealt with merges as a value.
fn parked(base: &[Parked], mine: &[Parked], theirs: &[Parked]) -> Vec<Parked> {
    let id = |p: &Parked| p.text.clone();
    records(base, mine, theirs, id)
        .into_iter()
        .map(|topic| {
            let pick = |list: &[Parked]| list.iter().find(|p| p.text == topic.text).map(|p| p.done);
            let done = three(
                pick(base).as_ref(),
                pick(mine).as_ref(),
                pick(theirs).as_ref(),
            )
            .unwrap_or_else(|(_, m, _)| m)
            .unwrap_or(topic.done);
            Parked { done, ..topic }
        })
        .collect()
}

/// Records matched whole by `id`: a set, in mine's order with theirs' additions after, each
/// record as mine holds it (or theirs, when only theirs has it).
fn records<T: Clone + PartialEq>(
    base: &[T],
    mine: &[T],
    theirs: &[T],
    id: impl Fn(&T) -> String,
) -> Vec<T> {
    let ids = |list: &[T]| list.iter().map(&id).collect::<Vec<_>>();
    let kept = set(&ids(base), &ids(mine), &ids(theirs));
    kept.iter()
        .filter_map(|key| {
            mine.iter()
                .chain(theirs)
                .find(|record| id(record) == *key)
                .cloned()
        })
        .collect()
}
