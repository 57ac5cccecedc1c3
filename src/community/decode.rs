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
//!
//! Reading goes on past a problem: each one is put in `faults` and a stand-in (an empty name, a
//! zero time) takes the value's place, so `check` can say everything that is wrong in one run.
//! A file opens only when there are no faults at all, and the loader gives the first one found,
//! in the order the reading goes (the same one it gave when reading stopped there); nothing a
//! stand-in makes is ever used.

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

/// The problems found while reading, in the order found.
pub(crate) type Faults = Vec<Located>;

/// What `read` gives, unless it found a problem: then the first one.
pub(crate) fn only<T>(read: impl FnOnce(&mut Faults) -> T) -> Result<T, Located> {
    let mut faults = Faults::new();
    let value = read(&mut faults);
    match faults.into_iter().next() {
        Some(first) => Err(first),
        None => Ok(value),
    }
}

/// The time a bad or missing one stands in for; never used, since the file does not open.
fn stand_in_time() -> DateTime<FixedOffset> {
    DateTime::UNIX_EPOCH.fixed_offset()
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
        Some(v) => Err(Located::span(
            raw,
            span,
            format!(
                "schema_version {v} is not one convene knows: a convene file starts with `schema_version = 1`"
            ),
        )),
        None => Err(Located::span(
            raw,
            span,
            "`schema_version` must be a whole number, such as 1",
        )),
    }
}

/// Reads the whole community. Unknown keys are ignored (the encoder keeps them); values of a
/// known key that no question can use go into `kept` (see [`super::kept`]); every problem that
/// refuses the file goes into `faults`.
pub(crate) fn decode(
    raw: &str,
    root: &Table,
    kept: &mut KeptValues,
    faults: &mut Faults,
) -> Community {
    // A constellation's file copied under a community's name would open as an empty
    // community, and a save would turn it into one: it is refused, with what to do.
    if let Some(entry) = root.entry("kind")
        && entry.node.as_str() == Some(crate::constellation::KIND)
    {
        faults.push(Located::span(
            raw,
            entry.place(),
            format!(
                "this file describes a constellation (`kind = \"{}\"`), not a community: name it NAME{} and convene reads it as one",
                crate::constellation::KIND,
                crate::constellation::SUFFIX
            ),
        ));
    }
    let name = match root.entry("name") {
        Some(entry) => match entry.node.as_str() {
            Some(name) => name.to_string(),
            None => {
                faults.push(Located::span(
                    raw,
                    entry.place(),
                    "`name` must be text in quotes",
                ));
                String::new()
            }
        },
        None => {
            faults.push(Located::at(
                raw,
                0,
                "missing `name`, for example `name = \"Nurses' lunch circle\"`",
            ));
            String::new()
        }
    };
    let created = timestamp(raw, root, "created", faults);
    let updated = timestamp(raw, root, "updated", faults);
    // Optional; a tag that is not well-formed is still read (and kept), and `check` says so.
    let language = root.entry("language").and_then(|entry| {
        let tag = entry.node.as_str();
        if tag.is_none() {
            faults.push(Located::span(
                raw,
                entry.place(),
                "`language` must be a language tag in quotes, such as `language = \"fr\"`",
            ));
        }
        tag.map(str::to_string)
    });

    let mut community = Community {
        name,
        language,
        created,
        updated,
        answers: Default::default(),
        ratings: Default::default(),
        notes: Default::default(),
        workshop: Default::default(),
    };

    super::answers::decode_sections(raw, root, &mut community, kept, faults);
    if let Some(workshop) = table(raw, root, "workshop", faults) {
        community.workshop = decode_workshop(raw, workshop, faults);
    }
    community
}

/// The table under `key`, if present; a fault if `key` holds something else.
pub(crate) fn table<'d>(
    raw: &str,
    root: &'d Table,
    key: &str,
    faults: &mut Faults,
) -> Option<&'d Table> {
    let entry = root.entry(key)?;
    let table = entry.node.as_table();
    if table.is_none() {
        faults.push(Located::span(
            raw,
            entry.place(),
            format!("`{key}` must be a table, written [{key}]"),
        ));
    }
    table
}

fn timestamp(raw: &str, root: &Table, key: &str, faults: &mut Faults) -> DateTime<FixedOffset> {
    let Some(entry) = root.entry(key) else {
        faults.push(Located::at(
            raw,
            0,
            format!("missing `{key}`, for example `{key} = 2026-11-22T10:00:00Z`"),
        ));
        return stand_in_time();
    };
    read_timestamp(&entry.node).unwrap_or_else(|| {
        faults.push(Located::span(
            raw,
            entry.place(),
            bad_timestamp(key, &entry.node),
        ));
        stand_in_time()
    })
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
pub(crate) fn decode_workshop(raw: &str, fields: &Table, faults: &mut Faults) -> Workshop {
    let mut workshop = Workshop::default();
    if let Some(entry) = fields.entry("votes_per_person") {
        workshop.votes_per_person = count(&entry.node);
        if workshop.votes_per_person.is_none() {
            faults.push(Located::span(
                raw,
                entry.place(),
                "`votes_per_person` in [workshop] must be a whole number, 0 or more, such as 3",
            ));
        }
    }
    for row in rows(raw, fields, "cards", faults) {
        workshop.cards.push(row.card(faults));
    }
    for row in rows(raw, fields, "parking_lot", faults) {
        workshop.parking_lot.push(row.parked(faults));
    }
    for row in rows(raw, fields, "log", faults) {
        workshop.log.push(row.log_entry(faults));
    }
    workshop
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

/// The value of one key of a row: `Ok(None)` when it is not there, `Err` when it is there but
/// not of its kind (a fault that has been said already).
type Field<T> = Result<Option<T>, Wrong>;

/// A value of the wrong kind, already put in the faults.
struct Wrong;

/// The rows of `[[workshop.<key>]]`, also accepted as an inline list of inline tables. A list
/// of anything else is a fault, said once; its tables are still read.
pub(crate) fn rows<'a>(
    raw: &'a str,
    workshop: &'a Table,
    key: &str,
    faults: &mut Faults,
) -> Vec<Row<'a>> {
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
        return Vec::new();
    };
    // Rows of `[[…]]` are tables, and so are an array's inline tables.
    let items = entry
        .node
        .as_array_of_tables()
        .or_else(|| entry.node.as_array());
    let found: Vec<Row<'a>> = items
        .unwrap_or_default()
        .iter()
        .enumerate()
        .filter_map(|(n, v)| v.as_table().map(|fields| row(n, fields, v.span())))
        .collect();
    if items.is_none_or(|items| found.len() < items.len()) {
        faults.push(Located::span(
            raw,
            entry.place(),
            format!("`{key}` in [workshop] must be a list of tables, each written {header}"),
        ));
    }
    found
}

impl Row<'_> {
    /// How messages name the row: "workshop card 2".
    pub(crate) fn name(&self) -> &str {
        &self.name
    }

    pub(crate) fn card(&self, faults: &mut Faults) -> Card {
        let question = self.text("question", faults);
        let question = self.required("question", question, "\"primary_purpose\"", faults);
        let text = self.text("text", faults);
        let text = self.required("text", text, "\"…\"", faults);
        Card {
            question: question.unwrap_or_default(),
            text: text.unwrap_or_default(),
            who: optional(self.text("who", faults)).unwrap_or_default(),
            theme: optional(self.text("theme", faults)).unwrap_or_default(),
            dots: optional(self.count("dots", faults)).unwrap_or(0),
            promoted: optional(self.flag("promoted", faults)).unwrap_or(false),
        }
    }

    pub(crate) fn parked(&self, faults: &mut Faults) -> Parked {
        let text = self.text("text", faults);
        let text = self.required("text", text, "\"…\"", faults);
        let added = self.timestamp("added", faults);
        let added = self.required("added", added, "2026-12-01T14:05:00Z", faults);
        Parked {
            text: text.unwrap_or_default(),
            added: added.unwrap_or_else(stand_in_time),
            done: optional(self.flag("done", faults)).unwrap_or(false),
        }
    }

    pub(crate) fn log_entry(&self, faults: &mut Faults) -> LogEntry {
        let kind = match self.fields.entry("kind") {
            None => Ok(None),
            Some(entry) => match entry.node.as_str().and_then(LogKind::parse) {
                Some(kind) => Ok(Some(kind)),
                None => {
                    let found = entry.node.as_str().map_or(String::new(), |w| {
                        format!(" (found \"{}\")", sanitize_line(w))
                    });
                    let message = format!("`kind` must be covered, decided or note{found}");
                    faults.push(self.at(entry, message));
                    Err(Wrong)
                }
            },
        };
        let at = self.timestamp("at", faults);
        let at = self.required("at", at, "2026-12-01T14:10:00Z", faults);
        let kind = self.required("kind", kind, "\"decided\"", faults);
        let text = self.text("text", faults);
        let text = self.required("text", text, "\"…\"", faults);
        LogEntry {
            at: at.unwrap_or_else(stand_in_time),
            kind: kind.unwrap_or(LogKind::Note),
            text: text.unwrap_or_default(),
            question: optional(self.text("question", faults)),
        }
    }

    /// The value of a key the row must have; a fault when it is missing.
    fn required<T>(
        &self,
        key: &str,
        value: Field<T>,
        example: &str,
        faults: &mut Faults,
    ) -> Option<T> {
        match value {
            Ok(Some(value)) => Some(value),
            Err(Wrong) => None,
            Ok(None) => {
                faults.push(Located::span(
                    self.raw,
                    self.span.clone(),
                    format!(
                        "{} has no `{key}`: add {key} = {example} under its {}",
                        self.name, self.header
                    ),
                ));
                None
            }
        }
    }

    /// A problem with the value of `key`, at the value.
    fn at(&self, entry: &Entry, message: String) -> Located {
        Located::span(self.raw, entry.place(), format!("{}: {message}", self.name))
    }

    /// The value of `key` read by `read`; a fault, said by `wrong`, when it cannot be.
    fn field<T>(
        &self,
        key: &str,
        faults: &mut Faults,
        read: impl FnOnce(&Node) -> Option<T>,
        wrong: impl FnOnce(&Node) -> String,
    ) -> Field<T> {
        let Some(entry) = self.fields.entry(key) else {
            return Ok(None);
        };
        match read(&entry.node) {
            Some(value) => Ok(Some(value)),
            None => {
                faults.push(self.at(entry, wrong(&entry.node)));
                Err(Wrong)
            }
        }
    }

    fn text(&self, key: &str, faults: &mut Faults) -> Field<String> {
        let read = |node: &Node| node.as_str().map(str::to_string);
        self.field(key, faults, read, |_| {
            format!("`{key}` must be text in quotes")
        })
    }

    fn count(&self, key: &str, faults: &mut Faults) -> Field<u32> {
        self.field(key, faults, count, |_| {
            format!("`{key}` must be a whole number, 0 or more, such as 2")
        })
    }

    fn flag(&self, key: &str, faults: &mut Faults) -> Field<bool> {
        self.field(key, faults, Node::as_bool, |_| {
            format!("`{key}` must be true or false")
        })
    }

    fn timestamp(&self, key: &str, faults: &mut Faults) -> Field<DateTime<FixedOffset>> {
        self.field(key, faults, read_timestamp, |node| bad_timestamp(key, node))
    }
}

/// An optional key's value: a wrong one has been said, and nothing stands in for it.
fn optional<T>(value: Field<T>) -> Option<T> {
    value.ok().flatten()
}

/// A whole number from 0 to `u32::MAX`.
fn count(node: &Node) -> Option<u32> {
    node.as_integer().and_then(|n| u32::try_from(n).ok())
}
