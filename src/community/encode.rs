//! Writing a community into a TOML document without disturbing what a person wrote by hand.
//!
//! The encoder edits the document the file was loaded from (or a fresh one): it changes only the
//! values that differ from the model, leaves comments, unknown keys and the user's own string
//! style alone, and puts known keys in a fixed order (walk order from the guide). Because a value
//! that did not change is not touched, saving the same content twice gives the same bytes, and a
//! git diff shows just what the facilitator changed.

use chrono::{DateTime, FixedOffset, SecondsFormat};
use toml_edit::{Array, ArrayOfTables, DocumentMut, InlineTable, Item, Table, TableLike, Value};
use toml_writer::{ToTomlValue, TomlStringBuilder};

use super::SCHEMA_VERSION;
use super::decode::decode_answer;
use super::model::{Answer, Community, Rating, Record, Scalar};
use crate::guide::{Column, Guide};

/// The comment that opens a file convene creates.
const HEADER: &str = "# A convene community file. Edit it freely: convene keeps your comments\n\
# and any keys it does not know when it saves.\n";

/// The top-level keys convene owns, in the order they appear at the top of every file.
const HEAD_KEYS: [&str; 4] = ["schema_version", "name", "created", "updated"];

/// A fresh document for a community that has never been saved.
pub(crate) fn new_document() -> DocumentMut {
    let mut doc = DocumentMut::new();
    doc.decor_mut().set_prefix(HEADER);
    doc
}

/// Writes `community` into `doc`, keeping everything in `doc` that convene does not own.
pub(crate) fn encode_into(doc: &mut DocumentMut, community: &Community, guide: &Guide) {
    let root = doc.as_table_mut();
    set_value(
        root,
        "schema_version",
        Value::from(i64::from(SCHEMA_VERSION)),
    );
    set_value(root, "name", text_value(&community.name));
    set_timestamp(root, "created", community.created);
    set_timestamp(root, "updated", community.updated);
    root.sort_values_by(|a, _, b, _| head_rank(a.get()).cmp(&head_rank(b.get())));

    let answers = community.answers.iter().map(|(k, v)| {
        let columns = guide.question(k).map_or(&[][..], |q| q.kind.columns());
        (k.as_str(), answer_item(v, columns))
    });
    sync_table(root, "answers", answers, guide);

    sync_ratings(root, community, guide);

    let notes = community
        .notes
        .iter()
        .map(|(k, v)| (k.as_str(), Item::Value(text_value(v))));
    sync_table(root, "notes", notes, guide);
}

fn head_rank(key: &str) -> usize {
    HEAD_KEYS
        .iter()
        .position(|k| *k == key)
        .unwrap_or(HEAD_KEYS.len())
}

/// Makes `root[name]` hold exactly `entries` (plus nothing else convene owns), in guide order.
fn sync_table<'a>(
    root: &mut Table,
    name: &str,
    entries: impl Iterator<Item = (&'a str, Item)>,
    guide: &Guide,
) {
    let entries: Vec<(&str, Item)> = entries.collect();
    if entries.is_empty() && !root.contains_key(name) {
        return;
    }
    let table = ensure_table(root, name);
    let wanted: Vec<&str> = entries.iter().map(|(k, _)| *k).collect();
    let stale: Vec<String> = table
        .iter()
        .map(|(k, _)| k.to_string())
        .filter(|k| !wanted.contains(&k.as_str()))
        .collect();
    for key in stale {
        table.remove(&key);
    }
    for (key, item) in entries {
        match table.get_mut(key) {
            Some(existing) if same_answer(existing, &item) => {}
            Some(existing) => replace_keeping_decor(existing, item),
            None => {
                table.insert(key, item);
            }
        }
    }
    table.sort_values_by(|a, _, b, _| guide.rank(a.get()).cmp(&guide.rank(b.get())));
}

fn sync_ratings(root: &mut Table, community: &Community, guide: &Guide) {
    if community.ratings.is_empty() && !root.contains_key("ratings") {
        return;
    }
    let table = ensure_table(root, "ratings");
    table.set_implicit(true);
    let stale: Vec<String> = table
        .iter()
        .map(|(k, _)| k.to_string())
        .filter(|k| !community.ratings.contains_key(k))
        .collect();
    for key in stale {
        table.remove(&key);
    }
    for (id, rating) in &community.ratings {
        match table.get_mut(id).and_then(Item::as_table_like_mut) {
            Some(fields) => write_rating(fields, rating),
            None => {
                let mut fields = Table::new();
                write_rating(&mut fields, rating);
                table.insert(id, Item::Table(fields));
            }
        }
    }
    table.sort_values_by(|a, _, b, _| guide.rank(a.get()).cmp(&guide.rank(b.get())));
}

fn write_rating(fields: &mut dyn TableLike, rating: &Rating) {
    let word = rating.value.map(|v| v.key()).unwrap_or("");
    set_field(
        fields,
        "rating",
        (!word.is_empty()).then(|| text_value(word)),
    );
    let comment = (!rating.comment.is_empty()).then(|| text_value(&rating.comment));
    set_field(fields, "comment", comment);
}

/// Sets, replaces (keeping decor) or removes one field of a rating table.
fn set_field(fields: &mut dyn TableLike, key: &str, value: Option<Value>) {
    match (fields.get_mut(key), value) {
        (Some(existing), Some(value)) => {
            let new = Item::Value(value);
            if !same_answer(existing, &new) {
                replace_keeping_decor(existing, new);
            }
        }
        (Some(_), None) => {
            fields.remove(key);
        }
        (None, Some(value)) => {
            fields.insert(key, Item::Value(value));
        }
        (None, None) => {}
    }
}

/// The table `root[name]`, made if missing. A hand-written inline table (`answers = { … }`)
/// becomes a normal one so it can take multi-line values; a non-table value there was refused
/// when the file was loaded, so replacing it loses nothing.
fn ensure_table<'t>(root: &'t mut Table, name: &str) -> &'t mut Table {
    let item = root
        .entry(name)
        .or_insert_with(|| Item::Table(Table::new()));
    if let Item::Value(Value::InlineTable(inline)) = item {
        let inline = std::mem::take(inline);
        *item = Item::Table(inline.into_table());
    }
    if !item.is_table() {
        *item = Item::Table(Table::new());
    }
    item.as_table_mut().expect("a table was just put here")
}

fn set_value(root: &mut Table, key: &str, value: Value) {
    let new = Item::Value(value);
    match root.get_mut(key) {
        Some(existing) if same_answer(existing, &new) => {}
        Some(existing) => replace_keeping_decor(existing, new),
        None => {
            root.insert(key, new);
        }
    }
}

/// Timestamps are written as bare TOML datetimes, unless the user quoted them: their style wins.
fn set_timestamp(root: &mut Table, key: &str, at: DateTime<FixedOffset>) {
    let text = at.to_rfc3339_opts(SecondsFormat::AutoSi, true);
    let same = root
        .get(key)
        .and_then(|i| match i.as_value() {
            Some(Value::Datetime(d)) => Some(d.value().to_string()),
            Some(Value::String(s)) => Some(s.value().clone()),
            _ => None,
        })
        .and_then(|t| DateTime::parse_from_rfc3339(t.trim()).ok())
        .is_some_and(|old| old == at && old.offset() == at.offset());
    if same {
        return;
    }
    let quoted = matches!(
        root.get(key).and_then(Item::as_value),
        Some(Value::String(_))
    );
    let value = if quoted {
        text_value(&text)
    } else {
        text.parse::<Value>().unwrap_or_else(|_| text_value(&text))
    };
    set_value(root, key, value);
}

/// Whether an existing item already holds what `new` would write.
fn same_answer(existing: &Item, new: &Item) -> bool {
    match (existing.as_value(), new.as_value()) {
        (Some(Value::Integer(a)), Some(Value::Integer(b))) => a.value() == b.value(),
        (Some(Value::Datetime(a)), Some(Value::Datetime(b))) => a.value() == b.value(),
        _ => match (decode_answer(existing), decode_answer(new)) {
            (Some(a), Some(b)) => a == b,
            _ => false,
        },
    }
}

/// Replaces an item, keeping a trailing comment after a value (`key = "x"  # note`).
fn replace_keeping_decor(existing: &mut Item, mut new: Item) {
    if let (Some(old), Some(value)) = (existing.as_value(), new.as_value_mut()) {
        *value.decor_mut() = old.decor().clone();
    }
    *existing = new;
}

/// `columns`: the order a table's rows write their keys in (the question's columns; keys of no
/// column follow, sorted).
fn answer_item(answer: &Answer, columns: &[Column]) -> Item {
    match answer {
        Answer::Text(text) => Item::Value(text_value(text)),
        Answer::Items(items) => Item::Value(Value::Array(list(items))),
        Answer::Records(rows) if rows.is_empty() => Item::Value(Value::Array(Array::new())),
        Answer::Records(rows) => {
            let mut tables = ArrayOfTables::new();
            for row in rows {
                tables.push(record_table(row, columns));
            }
            Item::ArrayOfTables(tables)
        }
        Answer::Fields(fields) => {
            let mut table = InlineTable::new();
            for (key, value) in fields {
                table.insert(key, scalar(value));
            }
            Item::Value(Value::InlineTable(table))
        }
    }
}

/// One item per line, with a trailing comma, so adding an item is a one-line diff.
fn list(items: &[String]) -> Array {
    let mut array = Array::new();
    for item in items {
        let mut value = text_value(item);
        value.decor_mut().set_prefix("\n    ");
        array.push_formatted(value);
    }
    if !items.is_empty() {
        array.set_trailing_comma(true);
        array.set_trailing("\n");
    }
    array
}

fn record_table(row: &Record, columns: &[Column]) -> Table {
    let mut table = Table::new();
    let known = columns.iter().filter_map(|c| row.get_key_value(c.key));
    let rest = row
        .iter()
        .filter(|(key, _)| !columns.iter().any(|c| c.key == key.as_str()));
    for (key, value) in known.chain(rest) {
        table.insert(key, Item::Value(scalar(value)));
    }
    table
}

fn scalar(value: &Scalar) -> Value {
    match value {
        Scalar::Text(text) => text_value(text),
        Scalar::Integer(i) => Value::from(*i),
        Scalar::Bool(b) => Value::from(*b),
    }
}

/// A string value in the most readable form that is still exact: `"…"` for one line, `'…'` when
/// the text has double quotes, and a `"""` block (content starting on its own line) for text with
/// line breaks.
pub(crate) fn text_value(text: &str) -> Value {
    let builder = TomlStringBuilder::new(text);
    let repr = if text.contains('\n') || text.contains('\r') {
        builder
            .as_ml_basic_pretty()
            .unwrap_or_else(|| builder.as_ml_basic())
    } else {
        builder
            .as_basic_pretty()
            .or_else(|| builder.as_literal())
            .unwrap_or_else(|| builder.as_basic())
    };
    repr.to_toml_value()
        .parse::<Value>()
        .unwrap_or_else(|_| Value::from(text))
}
