//! TOML's rules on what keys and headers may define, as `toml_edit` applies them.
//!
//! The grammar allows `a = 1` twice, `[a]` twice, `[a]` after `a.b = 1`; TOML does not, and
//! neither does `toml_edit`, whose document every save is made from. These are its rules step
//! for step (its `parser/document.rs` and `parser/inline_table.rs`), with its words for what
//! is wrong, so that the lean tree refuses exactly the files a save could not be made from.

use super::build::Key;
use super::{Entry, Node, Span, Table, Value};

/// What is wrong, and at which key.
pub(super) type Refusal = (String, Span);

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
                    return Err(duplicate(key));
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
        return Err(duplicate(&key));
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
        parent = match &mut entry.node.value {
            Value::Table(child) if child.inline => {
                if !child.implicit {
                    return Err(duplicate(step));
                }
                child
            }
            _ => return Err(cannot_extend(kind, step)),
        };
    }
    if parent.dotted == path.is_empty() {
        return Err(duplicate(&key));
    }
    add(parent, key, node)
}

/// `key = node` in `table`, unless the table has the key already.
fn add(table: &mut Table, key: Key, node: Node) -> Result<(), Refusal> {
    if table.position(&key.name).is_some() {
        return Err(duplicate(&key));
    }
    table.push(Entry {
        key: key.name,
        key_span: key.span,
        node,
    });
    Ok(())
}

fn duplicate(key: &Key) -> Refusal {
    ("duplicate key".to_string(), key.span)
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

fn cannot_extend(kind: &str, key: &Key) -> Refusal {
    (
        format!("cannot extend value of type {kind} with a dotted key"),
        key.span,
    )
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
