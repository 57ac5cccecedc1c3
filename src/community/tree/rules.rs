//! TOML's rules on what keys and headers may define, as `toml_edit` applies them.
//!
//! The grammar allows `a = 1` twice, `[a]` twice, `[a]` after `a.b = 1`; TOML does not, and
//! neither does `toml_edit`, whose document every save is made from. These are its rules step
//! for step (its `parser/document.rs` and `parser/inline_table.rs`), with its words for what
//! is wrong, so that the lean tree refuses exactly the files a save could not be made from.
//! Each refusal names the key and, for one defined twice, where it was defined first, so that a
//! message can say which key and which lines (see `build`).

use super::build::Key;
use super::{Entry, Node, Span, Table, Value};
use crate::text::sanitize_line;

/// What is wrong, and at which key.
#[derive(Debug)]
pub(super) struct Refusal {
    pub(super) key: Key,
    pub(super) broken: Broken,
}

impl Refusal {
    /// What is wrong, in a facilitator's words: which key, where it was first defined, and
    /// what to write instead. `header`: the header that defined it, if it was one.
    pub(super) fn message(&self, text: &str, header: Option<Span>) -> String {
        let line = |span: Span| {
            let at = span.range().map_or(0, |r| r.start);
            text.get(..at)
                .map_or(1, |before| before.matches('\n').count() + 1)
        };
        let first = |first: Option<Span>| {
            first.map_or(String::new(), |f| format!(" (first at line {})", line(f)))
        };
        let key = sanitize_line(&self.key.name);
        match (&self.broken, header) {
            (Broken::Twice(at), None) => format!(
                "`{key}` is defined twice in the same table{}: TOML takes each key once, so keep one of the two",
                first(*at)
            ),
            (Broken::Twice(at), Some(header)) => {
                let written = header.range().and_then(|r| text.get(r)).unwrap_or("");
                format!(
                    "{} defines `{key}` again{}: TOML takes each table once, so move what is under this header to the first",
                    sanitize_line(written),
                    first(*at)
                )
            }
            (Broken::Extends("inline table"), _) => format!(
                "`{key}` is an inline table ({{ … }}), which is complete as written: add its keys inside the braces"
            ),
            (Broken::Extends(kind), _) => format!(
                "`{key}` holds {}, which cannot have keys under it: give those keys another name",
                plain_kind(kind)
            ),
        }
    }
}

/// `toml_edit`'s name for a value's type, in a facilitator's words.
fn plain_kind(kind: &str) -> &'static str {
    match kind {
        "string" => "text",
        "integer" => "a whole number",
        "float" => "a number",
        "boolean" => "true or false",
        "datetime" => "a date and time",
        "array" => "a list",
        "array of tables" => "rows written [[…]]",
        _ => "a table",
    }
}

/// Which rule a key breaks.
#[derive(Debug)]
pub(super) enum Broken {
    /// It is defined a second time; where it was defined first, when that is one place.
    Twice(Option<Span>),
    /// It adds keys to a value that takes none (named as `toml_edit` names its type).
    Extends(&'static str),
}

/// The table at `path` under `table`, made (implicit) where missing; into the last row of an
/// array of tables. `dotted`: the path is a dotted key rather than a header.
pub(super) fn descend<'t>(
    mut table: &'t mut Table,
    path: &[Key],
    dotted: bool,
) -> Result<&'t mut Table, Refusal> {
    for key in path {
        let made = Table {
            implicit: true,
            dotted,
            ..Table::default()
        };
        let entry = child(table, key, made);
        let kind = kind_name(&entry.node.value);
        let first = entry.key_span;
        table = match &mut entry.node.value {
            Value::Array(array) if array.of_tables => match array.items.last_mut() {
                Some(Node {
                    value: Value::Table(last),
                    ..
                }) => last,
                _ => return Err(cannot_extend(kind, key)),
            },
            Value::Table(child) if !child.inline => {
                if dotted && child.implicit {
                    child.dotted = true;
                }
                if dotted && !child.implicit {
                    return Err(duplicate(key, Some(first)));
                }
                child
            }
            _ => return Err(cannot_extend(kind, key)),
        };
    }
    Ok(table)
}

/// `path.key = node` under a header (or at the top of the document).
pub(super) fn insert_keyval(
    table: &mut Table,
    path: &[Key],
    key: Key,
    node: Node,
) -> Result<(), Refusal> {
    let dotted = !path.is_empty();
    let parent = descend(table, path, dotted)?;
    if dotted && !parent.implicit {
        return Err(duplicate(&key, None));
    }
    add(parent, key, node)
}

/// `path.key = node` inside an inline table, where dotted keys make inline tables.
pub(super) fn insert_inline(
    table: &mut Table,
    path: &[Key],
    key: Key,
    node: Node,
) -> Result<(), Refusal> {
    let mut parent = table;
    for step in path {
        let made = Table {
            implicit: true,
            dotted: true,
            inline: true,
            ..Table::default()
        };
        let entry = child(parent, step, made);
        let kind = kind_name(&entry.node.value);
        let first = entry.key_span;
        parent = match &mut entry.node.value {
            Value::Table(child) if child.inline => {
                if !child.implicit {
                    return Err(duplicate(step, Some(first)));
                }
                child
            }
            _ => return Err(cannot_extend(kind, step)),
        };
    }
    if parent.dotted == path.is_empty() {
        return Err(duplicate(&key, None));
    }
    add(parent, key, node)
}

/// `key = node` in `table`, unless the table has the key already.
fn add(table: &mut Table, key: Key, node: Node) -> Result<(), Refusal> {
    if let Some(first) = table.entry(&key.name) {
        return Err(duplicate(&key, Some(first.key_span)));
    }
    table.push(Entry {
        key: key.name,
        key_span: key.span,
        node,
    });
    Ok(())
}

pub(super) fn duplicate(key: &Key, first: Option<Span>) -> Refusal {
    Refusal {
        key: key.clone(),
        broken: Broken::Twice(first),
    }
}

/// The entry under `key`, made as the table `made` where missing.
fn child<'t>(table: &'t mut Table, key: &Key, made: Table) -> &'t mut Entry {
    if table.position(&key.name).is_none() {
        table.push(Entry {
            key: key.name.clone(),
            key_span: key.span,
            node: Node {
                value: Value::Table(made),
                span: key.span,
            },
        });
    }
    table.get_mut(&key.name).expect("the key was just made")
}

fn cannot_extend(kind: &'static str, key: &Key) -> Refusal {
    Refusal {
        key: key.clone(),
        broken: Broken::Extends(kind),
    }
}

/// What `toml_edit` calls a value's type in its messages.
fn kind_name(value: &Value) -> &'static str {
    match value {
        Value::Str(_) => "string",
        Value::Integer(_) => "integer",
        Value::Float(_) => "float",
        Value::Bool(_) => "boolean",
        Value::Datetime(_) => "datetime",
        Value::Array(a) if a.of_tables => "array of tables",
        Value::Array(_) => "array",
        Value::Table(t) if t.inline => "inline table",
        Value::Table(_) => "table",
    }
}
