//! The lean tree of a value in a `toml_edit` document, so the encoder reads what a file holds
//! with the same code the loader reads it with.
//!
//! When a save finds a value already in the document it compares what is there with what the
//! model would write; reading both through [`super::Node`] means there is one reading of an
//! answer, a rating or a workshop row, not one per tree.

use toml_edit::{Item, TableLike, Value as EditValue};

use super::{Array, Entry, Node, Span, Table, Value};

/// The tree of an item; `None` for `toml_edit`'s empty placeholder.
pub(crate) fn from_item(item: &Item) -> Option<Node> {
    let span = spanned(item.span());
    let value = match item {
        Item::None => return None,
        Item::Value(value) => return Some(from_value(value)),
        Item::Table(table) => Value::Table(from_table(table, false)),
        Item::ArrayOfTables(rows) => Value::Array(Array {
            items: rows
                .iter()
                .map(|t| Node {
                    value: Value::Table(from_table(t, false)),
                    span: spanned(t.span()),
                })
                .collect(),
            of_tables: true,
        }),
    };
    Some(Node { value, span })
}

fn from_value(value: &EditValue) -> Node {
    let v = match value {
        EditValue::String(s) => Value::Str(s.value().as_str().into()),
        EditValue::Integer(n) => Value::Integer(*n.value()),
        EditValue::Float(f) => Value::Float(*f.value()),
        EditValue::Boolean(b) => Value::Bool(*b.value()),
        EditValue::Datetime(dt) => Value::Datetime(dt.value().to_string().into()),
        EditValue::Array(array) => Value::Array(Array {
            items: array.iter().map(from_value).collect(),
            of_tables: false,
        }),
        EditValue::InlineTable(table) => Value::Table(from_table(table, true)),
    };
    Node {
        value: v,
        span: spanned(value.span()),
    }
}

fn from_table(table: &dyn TableLike, inline: bool) -> Table {
    let mut out = Table {
        dotted: table.is_dotted(),
        inline,
        ..Table::default()
    };
    for (key, item) in table.iter() {
        let Some(node) = from_item(item) else {
            continue;
        };
        let key_span = table
            .get_key_value(key)
            .and_then(|(k, _)| k.span())
            .map_or(Span::NONE, |s| Span::new(s.start, s.end));
        out.push(Entry {
            key: key.into(),
            key_span,
            node,
        });
    }
    out
}

fn spanned(span: Option<std::ops::Range<usize>>) -> Span {
    span.map_or(Span::NONE, |s| Span::new(s.start, s.end))
}
