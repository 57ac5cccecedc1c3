//! Reading a community from a parsed TOML document, by hand rather than through serde.
//!
//! Hand-edited files are the norm, so every refusal must say where (line and column) and what to
//! do, in a facilitator's words rather than serde's. Walking the lean tree (see [`super::tree`])
//! directly gives both: each value keeps its byte span from the parser. Keys convene does not know are ignored
//! here and kept by the encoder.
//!
//! `[workshop]` is optional and checked as strictly as the rest: a card without text, dots that
//! are not a whole number, a log entry of an unknown kind or an unreadable time refuse the file
//! at the value (or, for a missing key, at the row's `[[workshop.…]]` header), naming the row by
//! its number in the list.

use std::ops::Range;

use chrono::{DateTime, FixedOffset};

use super::kept::KeptValues;
use super::model::Community;
use super::tree::{Entry, Node, Table, Value};
use super::workshop::{Card, LogEntry, LogKind, Parked, Workshop};
use crate::text::sanitize_line;

/// A problem at a place in a file; line and column count from 1, columns in characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl std::fmt::Display for Located {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "line {}, column {}: {}",
            self.line, self.column, self.message
        )
    }
}

impl Located {
    /// A problem at the byte `offset` of `raw`.
    pub fn at(raw: &str, offset: usize, message: impl Into<String>) -> Located {
        let offset = offset.min(raw.len());
        let before = raw.get(..offset).unwrap_or(raw);
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        Located {
            line,
            column,
            message: message.into(),
        }
    }

    /// A problem at the start of `span`, or at the top of the file when there is none.
    pub fn span(raw: &str, span: Option<Range<usize>>, message: impl Into<String>) -> Located {
        Located::at(raw, span.map_or(0, |s| s.start), message)
    }
}

/// Reads `schema_version`, which must be a positive integer.
pub(crate) fn schema_version(raw: &str, root: &Table) -> Result<u32, Located> {
    let Some(entry) = root.entry("schema_version") else {
        return Err(Located::at(
            raw,
            0,
            "missing `schema_version`: a convene file starts with `schema_version = 1`",
        ));
    };
    let span = entry.place();
    match entry.node.as_integer() {
        Some(v) if v >= 1 => u32::try_from(v).map_err(|_| {
            Located::span(
                raw,
                span,
                format!("schema_version {v} is not one convene knows"),
            )
        }),
        _ => Err(Located::span(
            raw,
            span,
            "`schema_version` must be a whole number, such as 1",
        )),
    }
}

/// Reads the whole community. Unknown keys are ignored (the encoder keeps them); values of a
/// known key that no question can use go into `kept` (see [`super::kept`]).
pub(crate) fn decode(raw: &str, root: &Table, kept: &mut KeptValues) -> Result<Community, Located> {
    let name = match root.entry("name") {
        Some(entry) => match entry.node.as_str() {
            Some(name) => name.to_string(),
            None => {
                return Err(Located::span(
                    raw,
                    entry.place(),
                    "`name` must be text in quotes",
                ));
            }
        },
        None => {
            return Err(Located::at(
                raw,
                0,
                "missing `name`, for example `name = \"Nurses' lunch circle\"`",
            ));
        }
    };
    let created = timestamp(raw, root, "created")?;
    let updated = timestamp(raw, root, "updated")?;

    let mut community = Community {
        name,
        created,
        updated,
        answers: Default::default(),
        ratings: Default::default(),
        notes: Default::default(),
        workshop: Default::default(),
    };

    super::answers::decode_sections(raw, root, &mut community, kept)?;
    if let Some(workshop) = table(raw, root, "workshop")? {
        community.workshop = decode_workshop(raw, workshop)?;
    }
    Ok(community)
}

/// The table under `key`, if present; an error if `key` holds something else.
pub(crate) fn table<'d>(
    raw: &str,
    root: &'d Table,
    key: &str,
) -> Result<Option<&'d Table>, Located> {
    match root.entry(key) {
        None => Ok(None),
        Some(entry) => entry.node.as_table().map(Some).ok_or_else(|| {
            Located::span(
                raw,
                entry.place(),
                format!("`{key}` must be a table, written [{key}]"),
            )
        }),
    }
}

fn timestamp(raw: &str, root: &Table, key: &str) -> Result<DateTime<FixedOffset>, Located> {
    let Some(entry) = root.entry(key) else {
        return Err(Located::at(
            raw,
            0,
            format!("missing `{key}`, for example `{key} = 2026-11-22T10:00:00Z`"),
        ));
    };
    read_timestamp(&entry.node)
        .ok_or_else(|| Located::span(raw, entry.place(), bad_timestamp(key, &entry.node)))
}

/// A bare TOML datetime or a quoted one, read as RFC 3339 with its offset.
pub(crate) fn read_timestamp(node: &Node) -> Option<DateTime<FixedOffset>> {
    DateTime::parse_from_rfc3339(timestamp_text(node).trim()).ok()
}

fn timestamp_text(node: &Node) -> &str {
    match &node.value {
        Value::Datetime(text) | Value::Str(text) => text,
        _ => "",
    }
}

fn bad_timestamp(key: &str, node: &Node) -> String {
    format!(
        "`{key}` must be a date and time with a zone, such as 2026-11-22T10:00:00Z (found {})",
        sanitize_line(timestamp_text(node))
    )
}

/// Reads `[workshop]`: the dot-vote setting, then its three lists of tables.
pub(crate) fn decode_workshop(raw: &str, fields: &Table) -> Result<Workshop, Located> {
    let mut workshop = Workshop::default();
    if let Some(entry) = fields.entry("votes_per_person") {
        workshop.votes_per_person = Some(count(&entry.node).ok_or_else(|| {
            Located::span(
                raw,
                entry.place(),
                "`votes_per_person` in [workshop] must be a whole number, 0 or more, such as 3",
            )
        })?);
    }
    for row in rows(raw, fields, "cards")? {
        workshop.cards.push(row.card()?);
    }
    for row in rows(raw, fields, "parking_lot")? {
        workshop.parking_lot.push(row.parked()?);
    }
    for row in rows(raw, fields, "log")? {
        workshop.log.push(row.log_entry()?);
    }
    Ok(workshop)
}

/// One row of a workshop list, with what is needed to say where a problem in it is.
pub(crate) struct Row<'a> {
    raw: &'a str,
    pub fields: &'a Table,
    /// The row's `[[workshop.…]]` header (or inline table): where a missing key is reported.
    span: Option<Range<usize>>,
    /// How messages name the row: "workshop card 2".
    name: String,
    /// The row's header, for examples in messages: "[[workshop.cards]]".
    header: &'static str,
}

/// The rows of `[[workshop.<key>]]`, also accepted as an inline list of inline tables.
pub(crate) fn rows<'a>(
    raw: &'a str,
    workshop: &'a Table,
    key: &str,
) -> Result<Vec<Row<'a>>, Located> {
    let (noun, header) = match key {
        "cards" => ("workshop card", "[[workshop.cards]]"),
        "parking_lot" => ("parking-lot item", "[[workshop.parking_lot]]"),
        _ => ("log entry", "[[workshop.log]]"),
    };
    let row = |n: usize, fields: &'a Table, span| Row {
        raw,
        fields,
        span,
        name: format!("{noun} {}", n + 1),
        header,
    };
    let Some(entry) = workshop.entry(key) else {
        return Ok(Vec::new());
    };
    let wrong = || {
        Located::span(
            raw,
            entry.place(),
            format!("`{key}` in [workshop] must be a list of tables, each written {header}"),
        )
    };
    let node = &entry.node;
    if let Some(tables) = node.as_array_of_tables() {
        return tables
            .iter()
            .enumerate()
            .map(|(n, t)| {
                t.as_table()
                    .map(|fields| row(n, fields, t.span()))
                    .ok_or_else(wrong)
            })
            .collect();
    }
    match node.as_array() {
        Some(array) => array
            .iter()
            .enumerate()
            .map(|(n, v)| {
                v.as_inline_table()
                    .map(|t| row(n, t, v.span()))
                    .ok_or_else(wrong)
            })
            .collect(),
        None => Err(wrong()),
    }
}

impl Row<'_> {
    /// How messages name the row: "workshop card 2".
    pub(crate) fn name(&self) -> &str {
        &self.name
    }

    pub(crate) fn card(&self) -> Result<Card, Located> {
        Ok(Card {
            question: self.required("question", self.text("question")?, "\"primary_purpose\"")?,
            text: self.required("text", self.text("text")?, "\"…\"")?,
            who: self.text("who")?.unwrap_or_default(),
            theme: self.text("theme")?.unwrap_or_default(),
            dots: self.count("dots")?.unwrap_or(0),
            promoted: self.flag("promoted")?.unwrap_or(false),
        })
    }

    pub(crate) fn parked(&self) -> Result<Parked, Located> {
        Ok(Parked {
            text: self.required("text", self.text("text")?, "\"…\"")?,
            added: self.required("added", self.timestamp("added")?, "2026-12-01T14:05:00Z")?,
            done: self.flag("done")?.unwrap_or(false),
        })
    }

    pub(crate) fn log_entry(&self) -> Result<LogEntry, Located> {
        let kind =
            match self.fields.entry("kind") {
                None => None,
                Some(entry) => Some(entry.node.as_str().and_then(LogKind::parse).ok_or_else(
                    || {
                        let found = entry.node.as_str().map_or(String::new(), |w| {
                            format!(" (found \"{}\")", sanitize_line(w))
                        });
                        self.at(
                            entry,
                            format!("`kind` must be covered, decided or note{found}"),
                        )
                    },
                )?),
            };
        Ok(LogEntry {
            at: self.required("at", self.timestamp("at")?, "2026-12-01T14:10:00Z")?,
            kind: self.required("kind", kind, "\"decided\"")?,
            text: self.required("text", self.text("text")?, "\"…\"")?,
            question: self.text("question")?,
        })
    }

    fn required<T>(&self, key: &str, value: Option<T>, example: &str) -> Result<T, Located> {
        value.ok_or_else(|| {
            Located::span(
                self.raw,
                self.span.clone(),
                format!(
                    "{} has no `{key}`: add {key} = {example} under its {}",
                    self.name, self.header
                ),
            )
        })
    }

    /// A problem with the value of `key`, at the value.
    fn at(&self, entry: &Entry, message: String) -> Located {
        Located::span(self.raw, entry.place(), format!("{}: {message}", self.name))
    }

    fn text(&self, key: &str) -> Result<Option<String>, Located> {
        let Some(entry) = self.fields.entry(key) else {
            return Ok(None);
        };
        entry
            .node
            .as_str()
            .map(|t| Some(t.to_string()))
            .ok_or_else(|| self.at(entry, format!("`{key}` must be text in quotes")))
    }

    fn count(&self, key: &str) -> Result<Option<u32>, Located> {
        let Some(entry) = self.fields.entry(key) else {
            return Ok(None);
        };
        count(&entry.node).map(Some).ok_or_else(|| {
            self.at(
                entry,
                format!("`{key}` must be a whole number, 0 or more, such as 2"),
            )
        })
    }

    fn flag(&self, key: &str) -> Result<Option<bool>, Located> {
        let Some(entry) = self.fields.entry(key) else {
            return Ok(None);
        };
        entry
            .node
            .as_bool()
            .map(Some)
            .ok_or_else(|| self.at(entry, format!("`{key}` must be true or false")))
    }

    fn timestamp(&self, key: &str) -> Result<Option<DateTime<FixedOffset>>, Located> {
        let Some(entry) = self.fields.entry(key) else {
            return Ok(None);
        };
        read_timestamp(&entry.node)
            .map(Some)
            .ok_or_else(|| self.at(entry, bad_timestamp(key, &entry.node)))
    }
}

/// A whole number from 0 to `u32::MAX`.
fn count(node: &Node) -> Option<u32> {
    node.as_integer().and_then(|n| u32::try_from(n).ok())
}
