//! Reading `[answers]`, `[ratings]` and `[notes]`: each value into the model, or kept as written.
//!
//! A value of a shape no question can use is not a reason to refuse the whole file (see
//! [`super::kept`]): it is listed as kept, with what it is, and the encoder leaves it alone. Only
//! what cannot be placed at all — `answers` itself not a table, say — still refuses the file.
//! The line of every value is noted on the way, for the walk's notice on a kept value.

use toml_edit::{Document, Item, TableLike, Value};

use super::decode::{Located, table};
use super::kept::{Kept, KeptValues, Part, shape_of_item};
use super::lines::{LineIndex, Lines};
use super::model::{Answer, Community, Rating, RatingValue, Record, Scalar};
use crate::text::sanitize_line;

/// Reads the three tables into `community`; what cannot be read goes into `kept`.
pub(crate) fn decode_sections(
    raw: &str,
    root: &toml_edit::Table,
    community: &mut Community,
    kept: &mut KeptValues,
) -> Result<(), Located> {
    if let Some(answers) = table(raw, root, "answers")? {
        for (id, item) in answers.iter() {
            match decode_answer(item) {
                Some(answer) => {
                    community.answers.insert(id.to_string(), answer);
                }
                None => kept.insert(Part::Answer, id, kept_item(item)),
            }
        }
    }
    if let Some(ratings) = table(raw, root, "ratings")? {
        for (id, item) in ratings.iter() {
            match item.as_table_like().ok_or_else(|| kept_item(item)) {
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
    if let Some(notes) = table(raw, root, "notes")? {
        for (id, item) in notes.iter() {
            match item.as_str() {
                Some(text) => {
                    community.notes.insert(id.to_string(), text.to_string());
                }
                None => kept.insert(Part::Note, id, kept_item(item)),
            }
        }
    }
    Ok(())
}

/// The line each value under the three tables starts on.
pub(crate) fn lines_of(doc: &Document<&str>) -> Lines {
    let index = LineIndex::new(doc.raw());
    let mut lines = Lines::default();
    let root = doc.as_table();
    for part in [Part::Answer, Part::Rating, Part::Note] {
        let Some(fields) = root.get(part.table()).and_then(Item::as_table_like) else {
            continue;
        };
        for (id, item) in fields.iter() {
            if let Some(span) = item_span(fields, id, item) {
                lines.insert(part, id, index.line(span.start));
            }
        }
    }
    lines
}

fn kept_item(item: &Item) -> Kept {
    Kept {
        found: shape_of_item(item).to_string(),
    }
}

/// Reads one answer's value; `None` if its shape is not one convene stores.
pub(crate) fn decode_answer(item: &Item) -> Option<Answer> {
    if let Some(text) = item.as_str() {
        return Some(Answer::Text(text.to_string()));
    }
    if let Some(rows) = item.as_array_of_tables() {
        return rows
            .iter()
            .map(|t| record(t))
            .collect::<Option<_>>()
            .map(Answer::Records);
    }
    if let Some(array) = item.as_array() {
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
            .map(|v| v.as_inline_table().and_then(|t| record(t)))
            .collect::<Option<_>>()
            .map(Answer::Records);
    }
    item.as_table_like().and_then(record).map(Answer::Fields)
}

fn record(fields: &dyn TableLike) -> Option<Record> {
    fields
        .iter()
        .map(|(k, v)| {
            let scalar = match v.as_value()? {
                Value::String(s) => Scalar::Text(s.value().clone()),
                Value::Integer(i) => Scalar::Integer(*i.value()),
                Value::Boolean(b) => Scalar::Bool(*b.value()),
                _ => return None,
            };
            Some((k.to_string(), scalar))
        })
        .collect()
}

/// A rating table, or why it is kept, with the key at fault: a `rating` word convene does not
/// know, or a `rating` or `comment` that is not text.
pub(crate) fn decode_rating(fields: &dyn TableLike) -> Result<Rating, (&'static str, Kept)> {
    let mut rating = Rating::default();
    if let Some(item) = fields.get("rating") {
        let word = item.as_str().ok_or_else(|| {
            let found = format!("a rating that is {}", shape_of_item(item));
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
    if let Some(item) = fields.get("comment") {
        rating.comment = item
            .as_str()
            .ok_or_else(|| {
                let found = format!("a comment that is {}", shape_of_item(item));
                ("comment", Kept { found })
            })?
            .to_string();
    }
    Ok(rating)
}

fn item_span(table: &dyn TableLike, id: &str, item: &Item) -> Option<std::ops::Range<usize>> {
    table
        .get_key_value(id)
        .and_then(|(k, _)| k.span())
        .or_else(|| item.span())
}
