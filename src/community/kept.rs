//! Values written by hand that convene cannot use for their question, kept exactly as written.
//!
//! A facilitator (or a merge, or a script) may write a table where a question takes text, a
//! number where it takes a list, a rating word convene does not know. Refusing the whole file
//! for that would lock them out of everything else; reading the value as an empty answer would
//! let the next save overwrite it. So the value is *kept*: the encoder never touches it, the
//! walk shows on that question what is there and on which line, and nothing typed replaces it
//! until the facilitator explicitly asks to (Ctrl-R in the walk). `check` reports the same
//! values as warnings ("kept as written"), and the listing shows the file as readable, because
//! the app opens it.
//!
//! Two sorts of value end up here. Values no question could use (a number, a list of mixed
//! things, nested tables) are left out of the model and listed in [`KeptValues`]; values of a
//! shape convene stores but not the one their question takes (a table for a text question) stay
//! in the model, and [`fits`] tells them apart with the guide.

use std::collections::BTreeMap;

use super::model::Answer;
use super::tree::{Node, Value};
use crate::guide::Kind;

/// Where in the file a value lives: under `[answers]`, `[ratings]` or `[notes]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Part {
    Answer,
    Rating,
    Note,
}

impl Part {
    /// The table the value is under.
    pub fn table(self) -> &'static str {
        match self {
            Part::Answer => "answers",
            Part::Rating => "ratings",
            Part::Note => "notes",
        }
    }
}

/// A value kept as written, and why convene cannot use it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kept {
    /// What is there, in a facilitator's words: "a table", "a number", "the rating \"maybe\"".
    pub found: String,
}

/// The values of a file no question could use, by where they are.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeptValues(BTreeMap<(Part, String), Kept>);

impl KeptValues {
    pub fn insert(&mut self, part: Part, id: &str, kept: Kept) {
        self.0.insert((part, id.to_string()), kept);
    }

    pub fn get(&self, part: Part, id: &str) -> Option<&Kept> {
        self.0.get(&(part, id.to_string()))
    }

    pub fn contains(&self, part: Part, id: &str) -> bool {
        self.get(part, id).is_some()
    }

    /// Forgets a value, so the next save writes what the model holds there (or nothing).
    pub fn remove(&mut self, part: Part, id: &str) -> bool {
        self.0.remove(&(part, id.to_string())).is_some()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The ids kept under one table.
    pub fn ids(&self, part: Part) -> Vec<&str> {
        self.iter()
            .filter(|(p, _, _)| *p == part)
            .map(|(_, id, _)| id)
            .collect()
    }

    pub fn iter(&self) -> impl Iterator<Item = (Part, &str, &Kept)> {
        self.0.iter().map(|((p, id), k)| (*p, id.as_str(), k))
    }
}

/// Whether an answer has the shape its question's kind takes. An empty list fits every kind
/// that takes a list or rows: there is nothing in it to lose.
pub fn fits(kind: Kind, answer: &Answer) -> bool {
    match (kind, answer) {
        (Kind::Text | Kind::Choice | Kind::Date, Answer::Text(_)) => true,
        (Kind::List | Kind::Choices, Answer::Items(_)) => true,
        (k, Answer::Records(_)) if k.is_table() => true,
        (k, Answer::Items(items)) if k.is_table() => items.is_empty(),
        // Ratings live under [ratings]; an answer of theirs under [answers] is not read.
        (Kind::Rating, _) => true,
        _ => false,
    }
}

/// What a kind takes, for the notice: "text", "a list", "a table of rows".
pub fn takes(kind: Kind) -> &'static str {
    match kind {
        Kind::Text | Kind::Rating => "text",
        Kind::Choice => "one choice (text)",
        Kind::Date => "a date (text)",
        Kind::List | Kind::Choices => "a list of texts",
        Kind::People
        | Kind::Steps
        | Kind::Targets
        | Kind::Log
        | Kind::Slider
        | Kind::Commitments
        | Kind::Conversations
        | Kind::Parties => "a table of rows ([[answers.…]])",
    }
}

/// The shape of an answer convene stores, in words.
pub fn shape_of(answer: &Answer) -> &'static str {
    match answer {
        Answer::Text(_) => "text",
        Answer::Items(_) => "a list of texts",
        Answer::Records(_) => "a table of rows",
        Answer::Fields(_) => "a table",
    }
}

/// The shape of any TOML value, in words.
pub(crate) fn shape_of_node(node: &Node) -> &'static str {
    match &node.value {
        Value::Str(_) => "text",
        Value::Integer(_) => "a whole number",
        Value::Float(_) => "a number",
        Value::Bool(_) => "true or false",
        Value::Datetime(_) => "a date and time",
        Value::Array(a) if a.of_tables => "a table of rows",
        Value::Array(a) if a.items.iter().all(Node::is_str) => "a list of texts",
        Value::Array(_) => "a list of mixed things",
        Value::Table(t) if t.inline => "an inline table",
        Value::Table(_) => "a table",
    }
}

/// What a place in the file takes, in words: for an answer, what its question's kind takes.
pub fn place_takes(part: Part, kind: Option<Kind>) -> &'static str {
    match (part, kind) {
        (Part::Answer, Some(kind)) => takes(kind),
        (Part::Answer, None) => "text, a list of texts or a table of rows",
        (Part::Rating, _) => {
            "a rating: [ratings.…] with rating = \"yes\", \"partly\", \"no\" or \"not_sure\""
        }
        (Part::Note, _) => "text",
    }
}

/// The notice on a question whose value is kept as written (the key that replaces it is added by
/// the screen, from the keymap).
pub fn notice(kept: &Kept, takes: &str, line: Option<usize>) -> String {
    let at = line.map_or_else(|| "The file".to_string(), |l| format!("Line {l}"));
    format!(
        "{at} holds {} here, where this question takes {takes}. convene keeps it as it is.",
        kept.found
    )
}
