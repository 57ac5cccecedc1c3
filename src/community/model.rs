//! The saved model of one community: what a facilitator has written, and nothing about screens.
//!
//! Maps are `BTreeMap`s so iteration is deterministic; the order in the file is decided by the
//! encoder (walk order from the guide), not by these maps. Setters drop empty answers, so a file
//! never fills up with blank keys the facilitator did not write.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset, Utc};
use serde::Serialize;

use super::workshop::Workshop;
use crate::guide::Guide;

/// One community, as stored in its `.toml` file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Community {
    pub name: String,
    /// The language its answers are written in, as the file's optional `language` key gives
    /// it: a BCP 47 tag such as `fr` or `pt-BR` (see [`Community::language_tag`]). Kept exactly
    /// as written; set by hand, never by the app.
    pub language: Option<String>,
    pub created: DateTime<FixedOffset>,
    pub updated: DateTime<FixedOffset>,
    /// Answers to non-rating questions, keyed by question id.
    pub answers: BTreeMap<String, Answer>,
    /// Readiness ratings, keyed by question id.
    pub ratings: BTreeMap<String, Rating>,
    /// Free notes, keyed by group id.
    pub notes: BTreeMap<String, String>,
    /// What workshops produced: cards, dot votes, the parking lot, the session log.
    pub workshop: Workshop,
}

/// The answer to one question. Which variant a question takes follows from its kind in the guide;
/// the file keeps whatever shape it holds, so a newer guide's answers survive an older convene.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Answer {
    /// Text, choice: a string.
    Text(String),
    /// Lists and multi-choices: an array of strings.
    Items(Vec<String>),
    /// People, dated steps: an array of tables.
    Records(Vec<Record>),
    /// Sliders and other small structured answers: one table.
    Fields(Record),
}

pub use super::record::Record;

/// A value inside a [`Record`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Scalar {
    Text(String),
    Integer(i64),
    Bool(bool),
}

/// A rated readiness statement.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Rating {
    pub value: Option<RatingValue>,
    pub comment: String,
}

/// The four answers to a readiness statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RatingValue {
    Yes,
    Partly,
    No,
    NotSure,
}

impl RatingValue {
    pub const ALL: [RatingValue; 4] = [Self::Yes, Self::Partly, Self::No, Self::NotSure];

    /// The word written in the file.
    pub fn key(self) -> &'static str {
        match self {
            Self::Yes => "yes",
            Self::Partly => "partly",
            Self::No => "no",
            Self::NotSure => "not_sure",
        }
    }

    /// The word shown to people.
    pub fn label(self) -> &'static str {
        match self {
            Self::Yes => "Yes",
            Self::Partly => "Partly",
            Self::No => "No",
            Self::NotSure => "Not sure",
        }
    }

    /// Reads the file's word; "not sure" and any letter case are accepted from hand edits.
    pub fn parse(word: &str) -> Option<Self> {
        let word = word.trim().to_ascii_lowercase().replace([' ', '-'], "_");
        Self::ALL.into_iter().find(|v| v.key() == word)
    }
}

impl Answer {
    /// Whether the answer holds nothing a facilitator wrote.
    pub fn is_empty(&self) -> bool {
        match self {
            Answer::Text(text) => text.trim().is_empty(),
            Answer::Items(items) => items.iter().all(|i| i.trim().is_empty()),
            Answer::Records(rows) => rows.is_empty(),
            Answer::Fields(fields) => fields.is_empty(),
        }
    }
}

impl Rating {
    pub fn is_empty(&self) -> bool {
        self.value.is_none() && self.comment.trim().is_empty()
    }
}

impl Community {
    /// A new, empty community created now.
    pub fn new(name: impl Into<String>) -> Community {
        let now = now();
        Community {
            name: name.into(),
            language: None,
            created: now,
            updated: now,
            answers: BTreeMap::new(),
            ratings: BTreeMap::new(),
            notes: BTreeMap::new(),
            workshop: Workshop::default(),
        }
    }

    /// Sets or, when empty, removes an answer.
    pub fn set_answer(&mut self, id: &str, answer: Answer) {
        if answer.is_empty() {
            self.answers.remove(id);
        } else {
            self.answers.insert(id.to_string(), answer);
        }
    }

    /// Sets or, when empty, removes a rating.
    pub fn set_rating(&mut self, id: &str, rating: Rating) {
        if rating.is_empty() {
            self.ratings.remove(id);
        } else {
            self.ratings.insert(id.to_string(), rating);
        }
    }

    /// Sets or, when blank, removes a group's notes.
    pub fn set_note(&mut self, group: &str, text: impl Into<String>) {
        let text = text.into();
        if text.trim().is_empty() {
            self.notes.remove(group);
        } else {
            self.notes.insert(group.to_string(), text);
        }
    }

    /// Whether the question with this id has an answer (or, for a statement, a rating).
    pub fn is_answered(&self, guide: &Guide, id: &str) -> bool {
        match guide.question(id) {
            Some(q) if q.kind.is_rating() => {
                self.ratings.get(id).is_some_and(|r| r.value.is_some())
            }
            Some(_) => self.answers.get(id).is_some_and(|a| !a.is_empty()),
            None => false,
        }
    }

    /// Questions of the guide answered, out of all of them.
    pub fn progress(&self, guide: &Guide) -> Progress {
        let answered = guide
            .questions()
            .filter(|q| self.is_answered(guide, &q.id))
            .count();
        Progress {
            answered,
            total: guide.question_count(),
        }
    }

    /// Marks the community as changed now.
    pub fn touch(&mut self) {
        self.updated = now();
    }

    /// The language the community writes in, when the file names one with a well-formed tag;
    /// a charter is marked as English otherwise (`convene check` says why a tag is not used).
    pub fn language_tag(&self) -> Option<&str> {
        self.language.as_deref().filter(|tag| is_language_tag(tag))
    }
}

/// Whether `text` is a well-formed BCP 47 language tag in its common form: a language of 2 to
/// 8 letters, then subtags of 1 to 8 letters or digits, each after a hyphen (`en`, `fr-CA`,
/// `zh-Hant-TW`, `sr-Latn`). Whether the language exists is not checked: a reader's browser
/// treats an unknown one as unknown.
pub fn is_language_tag(text: &str) -> bool {
    let mut subtags = text.split('-');
    let language = subtags.next().unwrap_or_default();
    (2..=8).contains(&language.len())
        && language.bytes().all(|b| b.is_ascii_alphabetic())
        && subtags
            .all(|s| (1..=8).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// How far through the guide a community is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub answered: usize,
    pub total: usize,
}

impl Progress {
    pub fn percent(self) -> usize {
        (self.answered * 100).checked_div(self.total).unwrap_or(0)
    }
}

/// The current time, in UTC, to the second: files stay readable and diffs small.
pub fn now() -> DateTime<FixedOffset> {
    let now = Utc::now();
    let secs = DateTime::from_timestamp(now.timestamp(), 0).unwrap_or(now);
    secs.fixed_offset()
}

#[cfg(test)]
mod tests {
    use super::is_language_tag;

    #[test]
    fn language_tags_are_letters_then_hyphenated_subtags() {
        for tag in [
            "en",
            "fr",
            "pt-BR",
            "zh-Hant-TW",
            "sr-Latn",
            "es-419",
            "de-CH-1996",
            "haw",
        ] {
            assert!(is_language_tag(tag), "{tag}");
        }
        for not in [
            "",
            "e",
            "fr_FR",
            "fr FR",
            " fr",
            "fr-",
            "-fr",
            "fr--CA",
            "français",
            "12",
            "en-abcdefghi",
            "\"en\"",
            "en<",
        ] {
            assert!(!is_language_tag(not), "{not:?}");
        }
    }
}
