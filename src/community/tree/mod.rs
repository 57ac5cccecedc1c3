//! A lean, read-only TOML tree: what loading and `check` read a community from.
//!
//! `toml_edit`'s document keeps everything a save needs to give a hand-written file back as it
//! was — every key's and value's original text, the whitespace and comments around it, an
//! index per table — which costs about fifty times the file's size in memory: a 4 MB file of
//! table rows took over 200 MB just to be checked. Reading needs none of that: only the values,
//! where each one is (for messages at a line and column), and whether a table was written as a
//! `[header]`, inline or by dotted keys (for what a value's shape is called). This tree holds
//! just that, a few times the file's size, and the document a save edits is made from the
//! file's text only while saving (see `CommunityFile::render`).
//!
//! It is built by [`parse`] from the same parser `toml_edit` uses (`toml_parser`), with the
//! same rules about keys defined twice and tables extended the wrong way (`build`), so a file
//! opens here exactly when it opens there. Where it does not, the message and place come from
//! `toml_edit`, so they read as they always have. For `check`, [`parse_all`] reads past keys
//! defined against those rules (leaving each out, and saying which and where), so one run finds
//! every key written twice and the file's other problems.

mod build;
mod edit;
mod rules;

use std::ops::Range;

pub(crate) use build::{Error, parse, parse_all};
pub(crate) use edit::from_item;

/// A byte range of the file; `NONE` for a value made in memory (see [`from_item`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Span {
    start: u32,
    end: u32,
}

impl Span {
    pub(crate) const NONE: Span = Span {
        start: u32::MAX,
        end: u32::MAX,
    };

    pub(crate) fn new(start: usize, end: usize) -> Span {
        let clamp = |n: usize| u32::try_from(n).unwrap_or(u32::MAX - 1);
        Span {
            start: clamp(start),
            end: clamp(end),
        }
    }

    /// The range, if the span is in the file.
    pub(crate) fn range(self) -> Option<Range<usize>> {
        (self != Span::NONE).then_some(self.start as usize..self.end as usize)
    }
}

/// A value and where it is. For a table written `[header]` (or `[[header]]`), the place is its
/// header; for a table made by a longer header or a dotted key, the key that made it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Node {
    pub(crate) value: Value,
    pub(crate) span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    Str(Box<str>),
    Integer(i64),
    Float(f64),
    Bool(bool),
    /// A TOML date or time, as `toml_edit` writes it back (`1979-05-27T07:32:00Z`).
    Datetime(Box<str>),
    Array(Array),
    Table(Table),
}

/// An array: `[…]` in a value, or the rows of `[[header]]`s.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Array {
    pub(crate) items: Vec<Node>,
    /// Written as `[[header]]` rows, each item a table.
    pub(crate) of_tables: bool,
}

/// A table: keys in the order they were written.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Table {
    entries: Vec<Entry>,
    /// Where each key is, once a table has enough keys that looking through them one by one
    /// for each new key would be slow (a hand-written table of thousands of keys). Boxed: of
    /// a hundred thousand rows' tables hardly any has one, and each is 8 bytes instead of 48.
    #[allow(clippy::box_collection)]
    index: Option<Box<std::collections::HashMap<Box<str>, usize>>>,
    /// Made by a longer header (`[a.b]` makes `a`) or a dotted key, not written itself.
    pub(crate) implicit: bool,
    /// Made by a dotted key (`a.b = 1` makes `a`).
    pub(crate) dotted: bool,
    /// Written `{ … }`.
    pub(crate) inline: bool,
}

/// One key of a table and its value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Entry {
    pub(crate) key: Box<str>,
    pub(crate) key_span: Span,
    pub(crate) node: Node,
}

impl Entry {
    /// Where the value is, or failing that its key: what a message about it points at.
    pub(crate) fn place(&self) -> Option<Range<usize>> {
        self.node.span().or_else(|| self.key_span.range())
    }
}

/// A table with this many keys gets an index.
const INDEX_FROM: usize = 16;

impl Table {
    pub(crate) fn get(&self, key: &str) -> Option<&Node> {
        self.entry(key).map(|e| &e.node)
    }

    pub(crate) fn entry(&self, key: &str) -> Option<&Entry> {
        self.position(key).map(|i| &self.entries[i])
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = &Entry> {
        self.entries.iter()
    }

    fn position(&self, key: &str) -> Option<usize> {
        match &self.index {
            Some(index) => index.get(key).copied(),
            None => self.entries.iter().position(|e| &*e.key == key),
        }
    }

    fn get_mut(&mut self, key: &str) -> Option<&mut Entry> {
        self.position(key).map(|i| &mut self.entries[i])
    }

    /// Adds a key the table does not have yet.
    fn push(&mut self, entry: Entry) -> &mut Entry {
        let at = self.entries.len();
        if let Some(index) = &mut self.index {
            index.insert(entry.key.clone(), at);
        }
        self.entries.push(entry);
        if self.index.is_none() && self.entries.len() >= INDEX_FROM {
            let index = self
                .entries
                .iter()
                .enumerate()
                .map(|(i, e)| (e.key.clone(), i))
                .collect();
            self.index = Some(Box::new(index));
        }
        &mut self.entries[at]
    }

    /// Gives back the memory the table grew into while it was read.
    fn shrink(&mut self) {
        self.index = None;
        self.entries.shrink_to_fit();
        for entry in &mut self.entries {
            entry.node.shrink();
        }
    }
}

impl Node {
    pub(crate) fn span(&self) -> Option<Range<usize>> {
        self.span.range()
    }

    pub(crate) fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    pub(crate) fn is_str(&self) -> bool {
        self.as_str().is_some()
    }

    pub(crate) fn as_integer(&self) -> Option<i64> {
        match self.value {
            Value::Integer(n) => Some(n),
            _ => None,
        }
    }

    pub(crate) fn as_bool(&self) -> Option<bool> {
        match self.value {
            Value::Bool(b) => Some(b),
            _ => None,
        }
    }

    /// A table of any kind: `[header]`, inline, or made by dotted keys.
    pub(crate) fn as_table(&self) -> Option<&Table> {
        match &self.value {
            Value::Table(t) => Some(t),
            _ => None,
        }
    }

    /// An inline table (`{ … }`).
    pub(crate) fn as_inline_table(&self) -> Option<&Table> {
        self.as_table().filter(|t| t.inline)
    }

    /// An array written `[…]`.
    pub(crate) fn as_array(&self) -> Option<&[Node]> {
        match &self.value {
            Value::Array(a) if !a.of_tables => Some(&a.items),
            _ => None,
        }
    }

    /// The rows of `[[header]]`s, each a table.
    pub(crate) fn as_array_of_tables(&self) -> Option<&[Node]> {
        match &self.value {
            Value::Array(a) if a.of_tables => Some(&a.items),
            _ => None,
        }
    }

    fn shrink(&mut self) {
        match &mut self.value {
            Value::Array(a) => {
                a.items.shrink_to_fit();
                a.items.iter_mut().for_each(Node::shrink);
            }
            Value::Table(t) => t.shrink(),
            _ => {}
        }
    }
}

impl Table {
    /// Adds or replaces a key, for a tree made in memory (see [`from_item`]).
    pub(crate) fn insert(&mut self, key: &str, node: Node) {
        match self.get_mut(key) {
            Some(entry) => entry.node = node,
            None => {
                self.push(Entry {
                    key: key.into(),
                    key_span: Span::NONE,
                    node,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests;
