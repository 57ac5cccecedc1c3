//! Reading `[answers]`, `[ratings]` and `[notes]`: each value into the model, or kept as written.
//!
//! A value of a shape no question can use is not a reason to refuse the whole file (see
//! [`super::kept`]): it is listed as kept, with what it is, and the encoder leaves it alone. Only
//! what cannot be placed at all — `answers` itself not a table, say — still refuses the file.
//! The line of every value is noted on the way, for the walk's notice on a kept value.

use super::decode::{Faults, table};
use super::kept::{Kept, KeptValues, Part, shape_of_node};
use super::lines::{LineIndex, Lines};
use super::model::{Answer, Community, Rating, RatingValue, Record, Scalar};
use super::tree::{Node, Table, Value};
use crate::text::sanitize_line;

/// Reads the three tables into `community`; what cannot be read goes into `kept`, and a table
/// that is not a table into `faults`.
pub(crate) fn decode_sections(
    raw: &str,
    root: &Table,
    community: &mut Community,
    kept: &mut KeptValues,
    faults: &mut Faults,
) {
    if let Some(answers) = table(raw, root, "answers", faults) {
        for entry in answers.iter() {
            let (id, node) = (&*entry.key, &entry.node);
            match decode_answer(node) {
                Some(answer) => {
                    community.answers.insert(id.to_string(), answer);
                }
                None => kept.insert(Part::Answer, id, kept_node(node)),
            }
        }
    }
    if let Some(ratings) = table(raw, root, "ratings", faults) {
        for entry in ratings.iter() {
            let (id, node) = (&*entry.key, &entry.node);
            match node.as_table().ok_or_else(|| kept_node(node)) {
                Ok(fields) => match decode_rating(fields) {
                    Ok(rating) => {
                        community.ratings.insert(id.to_string(), rating);
                    }
                    Err((_, why)) => kept.insert(Part::Rating, id, why),
                },
                Err(why) => kept.insert(Part::Rating, id, why),
            }
        }
    }
    if let Some(notes) = table(raw, root, "notes", faults) {
        for entry in notes.iter() {
            let (id, node) = (&*entry.key, &entry.node);
            match node.as_str() {
                Some(text) => {
                    community.notes.insert(id.to_string(), text.to_string());
                }
                None => kept.insert(Part::Note, id, kept_node(node)),
            }
        }
    }
}

/// The line each value under the three tables starts on.
pub(crate) fn lines_of(raw: &str, root: &Table) -> Lines {
    let index = LineIndex::new(raw);
    let mut lines = Lines::default();
    for part in [Part::Answer, Part::Rating, Part::Note] {
        let Some(fields) = root.get(part.table()).and_then(Node::as_table) else {
            continue;
        };
        for entry in fields.iter() {
            if let Some(span) = entry.key_span.range().or_else(|| entry.node.span()) {
                lines.insert(part, &entry.key, index.line(span.start));
            }
        }
    }
    lines
}

fn kept_node(node: &Node) -> Kept {
    Kept {
        found: shape_of_node(node).to_string(),
    }
}

/// Reads one answer's value; `None` if its shape is not one convene stores.
pub(crate) fn decode_answer(node: &Node) -> Option<Answer> {
    if let Some(text) = node.as_str() {
        return Some(Answer::Text(text.to_string()));
    }
    if let Some(rows) = node.as_array_of_tables() {
        return rows
            .iter()
            .map(|t| t.as_table().and_then(record))
            .collect::<Option<_>>()
            .map(Answer::Records);
    }
    if let Some(array) = node.as_array() {
        if array.is_empty() {
            return Some(Answer::Items(Vec::new()));
        }
        if let Some(items) = array
            .iter()
            .map(|v| v.as_str().map(str::to_string))
            .collect()
        {
            return Some(Answer::Items(items));
        }
        return array
            .iter()
            .map(|v| v.as_inline_table().and_then(record))
            .collect::<Option<_>>()
            .map(Answer::Records);
    }
    node.as_table().and_then(record).map(Answer::Fields)
}

fn record(fields: &Table) -> Option<Record> {
    fields
        .iter()
        .map(|entry| {
            let scalar = match &entry.node.value {
                Value::Str(s) => Scalar::Text(s.to_string()),
                Value::Integer(i) => Scalar::Integer(*i),
                Value::Bool(b) => Scalar::Bool(*b),
                _ => return None,
            };
            Some((entry.key.to_string(), scalar))
        })
        .collect()
}

/// A rating table, or why it is kept, with the key at fault: a `rating` word convene does not
/// know, or a `rating` or `comment` that is not text.
pub(crate) fn decode_rating(fields: &Table) -> Result<Rating, (&'static str, Kept)> {
    let mut rating = Rating::default();
    if let Some(node) = fields.get("rating") {
        let word = node.as_str().ok_or_else(|| {
            let found = format!("a rating that is {}", shape_of_node(node));
            ("rating", Kept { found })
        })?;
        if !word.trim().is_empty() {
            rating.value = Some(RatingValue::parse(word).ok_or_else(|| {
                let found = format!(
                    "the rating \"{}\" (not one of yes, partly, no, not_sure)",
                    sanitize_line(word)
                );
                ("rating", Kept { found })
            })?);
        }
    }
    if let Some(node) = fields.get("comment") {
        rating.comment = node
            .as_str()
            .ok_or_else(|| {
                let found = format!("a comment that is {}", shape_of_node(node));
                ("comment", Kept { found })
            })?
            .to_string();
    }
    Ok(rating)
}
