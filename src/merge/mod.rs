//! A three-way merge of communities: the version both sides started from (base), mine and
//! theirs → one community, and the conflicts that remain.
//!
//! A line-based merge (git's) sees a community file as lines, so two facilitators who each add
//! a person to the people table conflict, in the middle of a TOML array of tables. mergiraf
//! merges by syntax tree instead; convene can go further, since it knows what each part of a
//! community means:
//!
//! - an answer, a note, a rating's value and its comment are each one value: what changed on
//!   one side only is taken; what changed on both sides to different things is a [`Conflict`]
//!   (the merged community keeps mine there, so it is complete, and the conflict carries
//!   theirs, so nothing is lost);
//! - a list (list items, several choices) is a set: items added on either side are kept, items
//!   removed on either side go, in mine's order with theirs' additions after;
//! - a table's rows are matched by identity, not position: a person by name, a plan step by its
//!   text (each table kind's first column, in any letter case), so rows added on both sides are
//!   all kept, a row edited on one side and untouched on the other takes the edit, and cells
//!   edited on both sides to different things conflict cell by cell;
//! - the workshop's cards, parking lot and session log are records, matched whole.
//!
//! Merging changes that do not overlap gives what applying both gives (a property test holds
//! it to that). See `rows.rs` for tables and records, `values.rs` for single values.

mod diff;
mod file;
mod rows;
mod settle;
mod values;

pub use diff::{Changed, diff};
pub use file::{
    CONFLICTS_KEY, MergeError, MergedText, conflicts_in, conflicts_of, merge_texts, pending,
    set_conflicts,
};
pub use settle::{Keep, can_keep_both, current, label, settle};

use crate::community::{Answer, Community, Rating};
use crate::guide::Guide;

/// Where in a community a conflict is.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Place {
    Name,
    Language,
    /// An answer as a whole (text, choice, a list or table whose shape differs between sides).
    Answer(String),
    /// One cell of one row of a table answer: the question, the row's identity, the column.
    Cell {
        question: String,
        row: String,
        column: String,
    },
    /// A table row deleted on one side and changed on the other.
    Row {
        question: String,
        row: String,
    },
    RatingValue(String),
    RatingComment(String),
    Note(String),
    VotesPerPerson,
    /// A place written in a file's `[[merge_conflicts]]` that convene does not know (by hand,
    /// or by a newer convene): shown and kept as it is.
    Other(String),
}

impl Place {
    /// Where it is, as a facilitator reads it (`answers.primary_purpose`).
    pub fn describe(&self) -> String {
        match self {
            Place::Name => "name".to_string(),
            Place::Language => "language".to_string(),
            Place::Answer(id) => format!("answers.{id}"),
            Place::Cell {
                question,
                row,
                column,
            } => format!("answers.{question}, row \"{row}\", {column}"),
            Place::Row { question, row } => format!("answers.{question}, row \"{row}\""),
            Place::RatingValue(id) => format!("ratings.{id}.rating"),
            Place::RatingComment(id) => format!("ratings.{id}.comment"),
            Place::Note(id) => format!("notes.{id}"),
            Place::VotesPerPerson => "workshop.votes_per_person".to_string(),
            Place::Other(place) => place.clone(),
        }
    }

    /// The place a [`Place::describe`] names (a file's `[[merge_conflicts]]` say where each
    /// conflict is that way); anything else is [`Place::Other`].
    pub fn parse(text: &str) -> Place {
        Place::read(text).unwrap_or_else(|| Place::Other(text.to_string()))
    }

    fn read(text: &str) -> Option<Place> {
        let id = |id: &str| (!id.is_empty()).then(|| id.to_string());
        match text {
            "name" => return Some(Place::Name),
            "language" => return Some(Place::Language),
            "workshop.votes_per_person" => return Some(Place::VotesPerPerson),
            _ => {}
        }
        if let Some(rest) = text.strip_prefix("ratings.") {
            return match (rest.strip_suffix(".rating"), rest.strip_suffix(".comment")) {
                (Some(rated), _) => id(rated).map(Place::RatingValue),
                (_, Some(rated)) => id(rated).map(Place::RatingComment),
                _ => None,
            };
        }
        if let Some(note) = text.strip_prefix("notes.") {
            return id(note).map(Place::Note);
        }
        let rest = text.strip_prefix("answers.")?;
        let Some((question, row)) = rest.split_once(", row \"") else {
            return id(rest).map(Place::Answer);
        };
        let question = id(question)?;
        // A column is a key, never quoted: a place ending in a quote is a whole row.
        if let Some(row) = row.strip_suffix('"') {
            return Some(Place::Row {
                question,
                row: row.to_string(),
            });
        }
        let (row, column) = row.rsplit_once("\", ")?;
        Some(Place::Cell {
            question,
            row: row.to_string(),
            column: id(column)?,
        })
    }

    /// The question (or notes, or rating) a place belongs to, if any: where the walk goes to
    /// show it.
    pub fn question(&self) -> Option<&str> {
        match self {
            Place::Answer(id)
            | Place::Cell { question: id, .. }
            | Place::Row { question: id, .. }
            | Place::RatingValue(id)
            | Place::RatingComment(id)
            | Place::Note(id) => Some(id),
            Place::Name | Place::Language | Place::VotesPerPerson | Place::Other(_) => None,
        }
    }
}

/// A value changed on both sides, to different things; `None` is "not there" (removed, or
/// never written).
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    pub place: Place,
    pub base: Option<String>,
    pub mine: Option<String>,
    pub theirs: Option<String>,
}

/// The merged community, and what could not be merged (kept as mine in `community`).
#[derive(Debug, Clone, PartialEq)]
pub struct Merged {
    pub community: Community,
    pub conflicts: Vec<Conflict>,
}

impl Merged {
    pub fn is_clean(&self) -> bool {
        self.conflicts.is_empty()
    }
}

/// Merges `mine` and `theirs`, both changed from `base`. `guide` says each question's kind,
/// and so how its rows are matched.
pub fn merge(base: &Community, mine: &Community, theirs: &Community, guide: &Guide) -> Merged {
    let mut conflicts = Vec::new();
    let mut say = |place: Place, b: Option<String>, m: Option<String>, t: Option<String>| {
        conflicts.push(Conflict {
            place,
            base: b,
            mine: m,
            theirs: t,
        });
    };
    let name = values::three(Some(&base.name), Some(&mine.name), Some(&theirs.name))
        .unwrap_or_else(|(b, m, t)| {
            say(Place::Name, b, m.clone(), t);
            m
        })
        .unwrap_or_else(|| mine.name.clone());
    let language = values::three(
        base.language.as_ref(),
        mine.language.as_ref(),
        theirs.language.as_ref(),
    )
    .unwrap_or_else(|(b, m, t)| {
        say(Place::Language, b, m.clone(), t);
        m
    });
    let mut merged = Community {
        name,
        language,
        created: base.created.min(mine.created).min(theirs.created),
        updated: mine.updated.max(theirs.updated),
        ..Community::new(String::new())
    };
    for id in values::keys(&base.answers, &mine.answers, &theirs.answers) {
        let kind = guide.question(&id).map(|q| q.kind);
        let answer = values::answer(
            &id,
            kind,
            base.answers.get(&id),
            mine.answers.get(&id),
            theirs.answers.get(&id),
            &mut say,
        );
        if let Some(answer) = answer.filter(|a| !a.is_empty()) {
            merged.answers.insert(id, answer);
        }
    }
    for id in values::keys(&base.ratings, &mine.ratings, &theirs.ratings) {
        let rating = rating(
            &id,
            base.ratings.get(&id),
            mine.ratings.get(&id),
            theirs.ratings.get(&id),
            &mut say,
        );
        if !rating.is_empty() {
            merged.ratings.insert(id, rating);
        }
    }
    for id in values::keys(&base.notes, &mine.notes, &theirs.notes) {
        let note = values::three(
            base.notes.get(&id),
            mine.notes.get(&id),
            theirs.notes.get(&id),
        )
        .unwrap_or_else(|(b, m, t)| {
            say(Place::Note(id.clone()), b, m.clone(), t);
            m
        });
        if let Some(note) = note.filter(|n| !n.trim().is_empty()) {
            merged.notes.insert(id, note);
        }
    }
    merged.workshop = rows::workshop(&base.workshop, &mine.workshop, &theirs.workshop, &mut say);
    Merged {
        community: merged,
        conflicts,
    }
}

/// A rating's value and comment, each merged on its own.
fn rating(
    id: &str,
    base: Option<&Rating>,
    mine: Option<&Rating>,
    theirs: Option<&Rating>,
    say: &mut impl FnMut(Place, Option<String>, Option<String>, Option<String>),
) -> Rating {
    let value = |r: Option<&Rating>| r.and_then(|r| r.value);
    let comment = |r: Option<&Rating>| r.map(|r| r.comment.clone()).filter(|c| !c.is_empty());
    let merged_value = values::three(
        value(base).as_ref(),
        value(mine).as_ref(),
        value(theirs).as_ref(),
    )
    .unwrap_or_else(|(b, m, t)| {
        let word = |v: Option<crate::community::RatingValue>| v.map(|v| v.key().to_string());
        say(
            Place::RatingValue(id.to_string()),
            word(b),
            word(m),
            word(t),
        );
        m
    });
    let (b, m, t) = (comment(base), comment(mine), comment(theirs));
    let merged_comment = values::three(b.as_ref(), m.as_ref(), t.as_ref())
        .unwrap_or_else(|(b, m, t)| {
            say(Place::RatingComment(id.to_string()), b, m.clone(), t);
            m
        })
        .unwrap_or_default();
    Rating {
        value: merged_value,
        comment: merged_comment,
    }
}

/// An answer as a conflict shows it: text as it is, a list a line per item, a table row by row.
pub fn shown(answer: &Answer) -> String {
    match answer {
        Answer::Text(text) => text.clone(),
        Answer::Items(items) => items.join("\n"),
        Answer::Records(rows) => rows.iter().map(rows::shown).collect::<Vec<_>>().join("\n"),
        Answer::Fields(fields) => rows::shown(fields),
    }
}

#[cfg(test)]
mod tests;
