//! Settling a conflict: keeping yours, theirs, or both, at the place it names.
//!
//! A conflict comes from a merge (the app's, or git's through `convene merge`) and is kept in
//! the file's `[[merge_conflicts]]` until settled, with each side as text. The community holds
//! yours at that place meanwhile, so keeping yours changes nothing there, and keeping theirs
//! writes their text back into the place in the shape the place takes (a list a line per item,
//! a rating by its word, a cell as text). Keeping both puts both in, one after the other, for
//! the facilitator to edit into one where the answer lives; it is offered only where text can
//! hold both.
//!
//! A table row deleted on one side and changed on the other is the one place yours is not
//! already there: the merge kept the changed row, so keeping the side that deleted it deletes
//! it.

use super::rows::{identities, text};
use super::{Conflict, Place};
use crate::community::{Answer, Community, RatingValue, Record, Scalar};
use crate::guide::{Guide, Kind};

/// What the facilitator keeps of a conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keep {
    Mine,
    Theirs,
    /// Both, one after the other, to be edited into one.
    Both,
}

/// What the place holds now, as text (yours, unless edited since the merge).
pub fn current(community: &Community, place: &Place, guide: &Guide) -> Option<String> {
    let present = |s: &str| (!s.trim().is_empty()).then(|| s.to_string());
    match place {
        Place::Name => present(&community.name),
        Place::Language => community.language.clone(),
        Place::Answer(id) => community.answers.get(id).map(super::shown),
        Place::Cell {
            question,
            row,
            column,
        } => row_of(community, question, row, guide)
            .and_then(|r| r.get(column))
            .map(text)
            .and_then(|t| present(&t)),
        Place::Row { question, row } => {
            row_of(community, question, row, guide).map(super::rows::shown)
        }
        Place::RatingValue(id) => community
            .ratings
            .get(id)
            .and_then(|r| r.value)
            .map(|v| v.key().to_string()),
        Place::RatingComment(id) => community.ratings.get(id).and_then(|r| present(&r.comment)),
        Place::Note(id) => community.notes.get(id).and_then(|n| present(n)),
        Place::VotesPerPerson => community.workshop.votes_per_person.map(|n| n.to_string()),
        Place::Other(_) => None,
    }
}

/// Whether both sides can be kept at this place: where text goes, and a list.
pub fn can_keep_both(place: &Place, guide: &Guide) -> bool {
    match place {
        Place::Answer(id) => guide.question(id).is_some_and(|q| {
            matches!(
                q.kind,
                Kind::Text | Kind::List | Kind::Choices | Kind::Choice
            )
        }),
        Place::Cell { .. } | Place::RatingComment(_) | Place::Note(_) => true,
        Place::Name
        | Place::Language
        | Place::Row { .. }
        | Place::RatingValue(_)
        | Place::VotesPerPerson
        | Place::Other(_) => false,
    }
}

/// Settles `conflict` in `community` by keeping `keep`.
pub fn settle(community: &mut Community, conflict: &Conflict, keep: Keep, guide: &Guide) {
    let place = &conflict.place;
    if let Place::Row { question, row } = place {
        let gone = match keep {
            Keep::Mine => conflict.mine.is_none(),
            Keep::Theirs => conflict.theirs.is_none(),
            Keep::Both => false,
        };
        if gone {
            delete_row(community, question, row, guide);
        }
        return;
    }
    let value = match keep {
        Keep::Mine => return,
        Keep::Theirs => conflict.theirs.clone(),
        Keep::Both if !can_keep_both(place, guide) => return,
        Keep::Both => {
            let mine = current(community, place, guide);
            let multiline = !matches!(place, Place::Cell { .. });
            both(mine, conflict.theirs.clone(), multiline)
        }
    };
    put(community, place, value, guide);
}

/// Yours, then theirs: on lines of their own for a text, after a slash in a cell.
fn both(mine: Option<String>, theirs: Option<String>, multiline: bool) -> Option<String> {
    match (mine, theirs) {
        (Some(m), Some(t)) if multiline => Some(format!("{m}\n\n{t}")),
        (Some(m), Some(t)) => Some(format!("{m} / {t}")),
        (m, t) => m.or(t),
    }
}

/// Writes `value` (none: nothing there) at `place`, in the shape the place takes.
fn put(community: &mut Community, place: &Place, value: Option<String>, guide: &Guide) {
    let value = value.filter(|v| !v.trim().is_empty());
    match place {
        Place::Name => {
            if let Some(name) = value {
                community.name = name;
            }
        }
        Place::Language => community.language = value,
        Place::Answer(id) => match value {
            None => {
                community.answers.remove(id);
            }
            Some(value) => {
                let kind = guide.question(id).map(|q| q.kind);
                let was = community.answers.get(id);
                community
                    .answers
                    .insert(id.clone(), answer_from(value, kind, was));
            }
        },
        Place::Cell {
            question,
            row,
            column,
        } => {
            let identity = identity_of(question, guide);
            let Some(Answer::Records(rows)) = community.answers.get_mut(question) else {
                return;
            };
            let ids = identities(rows, &identity);
            let Some(at) = ids.iter().position(|i| *i == row_id(row)) else {
                return;
            };
            match value {
                None => {
                    rows[at].remove(column);
                }
                Some(value) => {
                    let scalar = scalar_like(rows[at].get(column), value);
                    rows[at].insert(column.clone(), scalar);
                }
            }
        }
        Place::Row { .. } | Place::Other(_) => {}
        Place::RatingValue(id) => {
            let value = value.as_deref().and_then(RatingValue::parse);
            community.ratings.entry(id.clone()).or_default().value = value;
        }
        Place::RatingComment(id) => {
            community.ratings.entry(id.clone()).or_default().comment = value.unwrap_or_default();
        }
        Place::Note(id) => match value {
            Some(note) => {
                community.notes.insert(id.clone(), note);
            }
            None => {
                community.notes.remove(id);
            }
        },
        Place::VotesPerPerson => {
            community.workshop.votes_per_person = value.and_then(|v| v.trim().parse().ok());
        }
    }
}

/// Text as an answer of this kind: a list a line per item, a table a line per row (as a
/// conflict shows it: `name: Ana; role: coordinator`), anything else as it is.
fn answer_from(value: String, kind: Option<Kind>, was: Option<&Answer>) -> Answer {
    let list =
        matches!(was, Some(Answer::Items(_))) || matches!(kind, Some(Kind::List | Kind::Choices));
    let table =
        matches!(was, Some(Answer::Records(_))) || kind.is_some_and(|k| !k.columns().is_empty());
    if list {
        return Answer::Items(
            value
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_string)
                .collect(),
        );
    }
    if table {
        return Answer::Records(value.lines().filter_map(row_from).collect());
    }
    Answer::Text(value)
}

/// A row as a conflict shows it, read back.
fn row_from(line: &str) -> Option<Record> {
    let mut row = Record::new();
    for cell in line.split("; ") {
        let (key, value) = cell.split_once(": ")?;
        row.insert(key.trim().to_string(), Scalar::Text(value.to_string()));
    }
    let empty = row.iter().len() == 0;
    (!empty).then_some(row)
}

/// A cell's new text, as a number or a yes/no where the cell held one and the text still is.
fn scalar_like(was: Option<&Scalar>, value: String) -> Scalar {
    match was {
        Some(Scalar::Integer(_)) => value
            .trim()
            .parse()
            .map_or(Scalar::Text(value), Scalar::Integer),
        Some(Scalar::Bool(_)) => value
            .trim()
            .parse()
            .map_or(Scalar::Text(value), Scalar::Bool),
        _ => Scalar::Text(value),
    }
}

fn identity_of(question: &str, guide: &Guide) -> String {
    guide
        .question(question)
        .and_then(|q| q.kind.columns().first())
        .map_or(String::new(), |c| c.key.to_string())
}

/// A row's identity as the merge found it, from the name a conflict shows.
fn row_id(row: &str) -> String {
    let own = row.trim().to_lowercase();
    if own.is_empty() {
        format!("{own}\u{0}0")
    } else {
        own
    }
}

fn row_of<'a>(
    community: &'a Community,
    question: &str,
    row: &str,
    guide: &Guide,
) -> Option<&'a Record> {
    let Some(Answer::Records(rows)) = community.answers.get(question) else {
        return None;
    };
    let ids = identities(rows, &identity_of(question, guide));
    ids.iter()
        .position(|i| *i == row_id(row))
        .map(|at| &rows[at])
}

fn delete_row(community: &mut Community, question: &str, row: &str, guide: &Guide) {
    let identity = identity_of(question, guide);
    if let Some(Answer::Records(rows)) = community.answers.get_mut(question) {
        let ids = identities(rows, &identity);
        if let Some(at) = ids.iter().position(|i| *i == row_id(row)) {
            rows.remove(at);
        }
        if rows.is_empty() {
            community.answers.remove(question);
        }
    }
}

/// Where a conflict is, as a facilitator reads it: the question asked, a row and a column of
/// a table, the notes of a group.
pub fn label(place: &Place, guide: &Guide) -> String {
    let asked = |id: &str| {
        guide
            .question(id)
            .map_or_else(|| id.to_string(), |q| format!("“{}”", q.prompt))
    };
    match place {
        Place::Answer(id) => asked(id),
        Place::Cell {
            question,
            row,
            column,
        } => {
            let title = guide
                .question(question)
                .and_then(|q| q.kind.columns().iter().find(|c| c.key == column))
                .map_or(column.as_str(), |c| c.title);
            format!("{}, row “{row}”, {title}", asked(question))
        }
        Place::Row { question, row } => format!("{}, row “{row}”", asked(question)),
        Place::RatingValue(id) => format!("the rating of {}", asked(id)),
        Place::RatingComment(id) => format!("the comment on {}", asked(id)),
        Place::Note(group) => guide.group(group).map_or_else(
            || format!("notes {group}"),
            |g| format!("the notes on {}", g.title),
        ),
        Place::Name => "the community's name".to_string(),
        Place::Language => "the community's language".to_string(),
        Place::VotesPerPerson => "the dots each person has".to_string(),
        Place::Other(place) => place.clone(),
    }
}
