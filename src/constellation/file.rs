//! The constellation file: reading it (every problem at its line, for `check`) and writing it
//! back by editing the document it came from, so comments, unknown keys and the user's own
//! quoting survive.
//!
//! ```toml
//! schema_version = 1
//! kind = "constellation"
//! name = "SIPS"
//! shared_purpose = """…"""
//!
//! [[communities]]
//! file = "sips-citizenship.toml"
//! name = "Citizenship"
//! contributes = "…"
//! ```
//!
//! A constellation file is small (a few members, a purpose), so unlike a community it is read
//! with `toml_edit`'s spanned document directly.

use std::ops::Range;

use chrono::{DateTime, FixedOffset, SecondsFormat};
use toml_edit::{ArrayOfTables, DocumentMut, Item, Table, Value};

use super::{CONSTELLATION_VERSION, KIND, is_member_file_name};
use crate::community::{FormatError, Located, Problem, Severity, text_value};

/// A constellation, as its file holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Constellation {
    pub name: String,
    pub created: Option<DateTime<FixedOffset>>,
    pub updated: Option<DateTime<FixedOffset>>,
    /// What the communities are for together.
    pub shared_purpose: String,
    /// Its communities, in the file's order.
    pub members: Vec<Member>,
}

/// One community of a constellation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    /// The community's file, in the constellation's folder (a plain file name).
    pub file: String,
    /// The name it was listed under (its community's name when convene last wrote the file):
    /// how a file renamed or moved by hand is found again, and told apart from one renamed
    /// inside.
    pub name: String,
    /// What this community aims to contribute to the constellation.
    pub contributes: String,
}

impl Constellation {
    pub fn new(name: impl Into<String>, now: DateTime<FixedOffset>) -> Constellation {
        Constellation {
            name: name.into(),
            created: Some(now),
            updated: Some(now),
            shared_purpose: String::new(),
            members: Vec::new(),
        }
    }

    /// The member whose file is `file`.
    pub fn member(&self, file: &str) -> Option<&Member> {
        self.members.iter().find(|m| m.file == file)
    }
}

/// A constellation with the text it was read from, which the next save edits.
#[derive(Debug, Clone)]
pub struct ConstellationFile {
    pub constellation: Constellation,
    source: Option<String>,
    /// The line of each member's `[[communities]]` header, in member order (0: not in the file).
    member_lines: Vec<usize>,
}

/// What reading a constellation file found.
pub(crate) struct Read {
    /// The constellation, when the file has no error.
    pub constellation: Option<Constellation>,
    pub member_lines: Vec<usize>,
    pub problems: Vec<Problem>,
}

impl ConstellationFile {
    pub fn new(constellation: Constellation) -> ConstellationFile {
        ConstellationFile {
            constellation,
            source: None,
            member_lines: Vec::new(),
        }
    }

    /// Reads a constellation file; refuses it, with its first error, when it has one.
    pub fn parse(text: &str) -> Result<ConstellationFile, FormatError> {
        let read = read(text);
        if let Some(first) = read.problems.iter().find(|p| p.severity == Severity::Error) {
            let at = Located {
                line: first.line,
                column: first.column,
                message: first.message.clone(),
            };
            return Err(match first.message.starts_with("not valid TOML") {
                true => FormatError::Syntax(at),
                false => FormatError::Invalid(at),
            });
        }
        let constellation = read
            .constellation
            .ok_or_else(|| FormatError::Invalid(Located::at(text, 0, "not a constellation")))?;
        Ok(ConstellationFile {
            constellation,
            source: Some(text.to_string()),
            member_lines: read.member_lines,
        })
    }

    /// The line of the `[[communities]]` header of the member at `index`, if it is in the file.
    pub fn member_line(&self, index: usize) -> Option<usize> {
        self.member_lines.get(index).copied().filter(|&l| l > 0)
    }

    /// The file's text: the document it was read from with the constellation written into it.
    pub fn render(&mut self) -> String {
        let mut doc = self
            .source
            .as_deref()
            .and_then(|s| s.parse::<DocumentMut>().ok())
            .unwrap_or_default();
        write_into(doc.as_table_mut(), &self.constellation);
        let mut text = doc.to_string();
        if !text.ends_with('\n') {
            text.push('\n');
        }
        self.source = Some(text.clone());
        self.member_lines = read_lines(&text);
        text
    }
}

/// Writes `c` into the root table, changing only what differs.
fn write_into(root: &mut Table, c: &Constellation) {
    set(
        root,
        "schema_version",
        Some(Value::from(i64::from(CONSTELLATION_VERSION))),
    );
    set(root, "kind", Some(text_value(KIND)));
    set(root, "name", Some(text_value(&c.name)));
    set(root, "created", c.created.map(timestamp));
    set(root, "updated", c.updated.map(timestamp));
    let purpose = c.shared_purpose.trim_end();
    set(
        root,
        "shared_purpose",
        (!purpose.is_empty()).then(|| text_value(&ml(purpose))),
    );
    // Each member reuses the file's table for the same file: comments above its header and
    // keys convene does not know stay with it.
    let mut old: Vec<Table> = match root.remove("communities") {
        Some(Item::ArrayOfTables(rows)) => rows.into_iter().collect(),
        _ => Vec::new(),
    };
    let mut rows = ArrayOfTables::new();
    for member in &c.members {
        let reuse = old
            .iter()
            .position(|t| t.get("file").and_then(Item::as_str) == Some(member.file.as_str()));
        let mut table = match reuse {
            Some(i) => old.remove(i),
            None => Table::new(),
        };
        set(&mut table, "file", Some(text_value(&member.file)));
        set(
            &mut table,
            "name",
            (!member.name.is_empty()).then(|| text_value(&member.name)),
        );
        let contributes = member.contributes.trim_end();
        set(
            &mut table,
            "contributes",
            (!contributes.is_empty()).then(|| text_value(&ml(contributes))),
        );
        rows.push(table);
    }
    if !rows.is_empty() {
        root.insert("communities", Item::ArrayOfTables(rows));
    }
}

/// Multi-line text ends with a line break inside its `"""` block, as a community's answers do.
fn ml(text: &str) -> String {
    if text.contains('\n') {
        format!("{text}\n")
    } else {
        text.to_string()
    }
}

fn timestamp(at: DateTime<FixedOffset>) -> Value {
    let text = at.to_rfc3339_opts(SecondsFormat::AutoSi, true);
    text.parse::<Value>().unwrap_or_else(|_| text_value(&text))
}

/// Sets `key` to `value` (removes it for `None`), leaving an equal value as the file wrote it.
fn set(table: &mut Table, key: &str, value: Option<Value>) {
    match value {
        None => {
            table.remove(key);
        }
        Some(value) => {
            let same = table
                .get(key)
                .and_then(Item::as_value)
                .is_some_and(|old| same_value(old, &value));
            if !same {
                match table.get_mut(key).and_then(Item::as_value_mut) {
                    // Keeps the key's place and the comments around it.
                    Some(old) => {
                        let decor = old.decor().clone();
                        *old = value;
                        *old.decor_mut() = decor;
                    }
                    None => {
                        table.insert(key, Item::Value(value));
                    }
                }
            }
        }
    }
}

fn same_value(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::String(a), Value::String(b)) => a.value() == b.value(),
        (Value::Integer(a), Value::Integer(b)) => a.value() == b.value(),
        (Value::Datetime(a), Value::Datetime(b)) => {
            let parse = |d: &toml_edit::Datetime| DateTime::parse_from_rfc3339(&d.to_string()).ok();
            match (parse(a.value()), parse(b.value())) {
                (Some(x), Some(y)) => x == y && x.offset() == y.offset(),
                _ => a.value() == b.value(),
            }
        }
        _ => false,
    }
}

/// The member header lines of text convene just wrote.
fn read_lines(text: &str) -> Vec<usize> {
    read(text).member_lines
}

/// The keys of the file's top, in the order convene writes them.
const TOP: &[&str] = &[
    "schema_version",
    "kind",
    "name",
    "created",
    "updated",
    "shared_purpose",
    "communities",
];

/// The keys of a member.
const MEMBER: &[&str] = &["file", "name", "contributes"];

/// Reads a constellation file, going on past each problem so `check` can say them all.
pub(crate) fn read(text: &str) -> Read {
    let mut problems = Vec::new();
    let doc = match toml_edit::Document::parse(text.to_string()) {
        Ok(doc) => doc,
        Err(err) => {
            let at = Located::span(
                text,
                err.span(),
                format!("not valid TOML: {}", first_line(err.message())),
            );
            return Read {
                constellation: None,
                member_lines: Vec::new(),
                problems: vec![problem(Severity::Error, at)],
            };
        }
    };
    let root = doc.as_table();
    let error = |problems: &mut Vec<Problem>, span: Option<Range<usize>>, message: String| {
        problems.push(problem(Severity::Error, Located::span(text, span, message)));
    };
    let key_span = |table: &Table, key: &str| table.key(key).and_then(|k| k.span());
    let value_span = |table: &Table, key: &str| {
        table
            .get(key)
            .and_then(Item::span)
            .or_else(|| key_span(table, key))
    };

    match root.get("schema_version").map(|i| i.as_integer()) {
        None => error(
            &mut problems,
            Some(0..0),
            "missing `schema_version`: a constellation file starts with `schema_version = 1`"
                .to_string(),
        ),
        Some(Some(v)) if v >= 1 && v <= i64::from(CONSTELLATION_VERSION) => {}
        Some(Some(v)) if v > i64::from(CONSTELLATION_VERSION) => error(
            &mut problems,
            value_span(root, "schema_version"),
            format!(
                "written by a newer convene (schema_version {v}; this one reads up to {CONSTELLATION_VERSION}): update convene to use it"
            ),
        ),
        Some(_) => error(
            &mut problems,
            value_span(root, "schema_version"),
            "`schema_version` must be a whole number from 1 (write `schema_version = 1`)"
                .to_string(),
        ),
    }
    match root.get("kind").map(|i| i.as_str()) {
        Some(Some(KIND)) => {}
        None => error(
            &mut problems,
            Some(0..0),
            format!("missing `kind = \"{KIND}\"`: it says this file describes a constellation"),
        ),
        Some(_) => error(
            &mut problems,
            value_span(root, "kind"),
            format!("`kind` must be \"{KIND}\" in a constellation file"),
        ),
    }
    let name = match root.get("name").map(|i| i.as_str()) {
        Some(Some(name)) if !name.trim().is_empty() => name.to_string(),
        None => {
            error(
                &mut problems,
                Some(0..0),
                "missing `name`: write the constellation's name, as in name = \"SIPS\"".to_string(),
            );
            String::new()
        }
        Some(_) => {
            error(
                &mut problems,
                value_span(root, "name"),
                "`name` must be text that is not empty".to_string(),
            );
            String::new()
        }
    };
    let time = |key: &str, problems: &mut Vec<Problem>| -> Option<DateTime<FixedOffset>> {
        let item = root.get(key)?;
        let read = match item.as_value() {
            Some(Value::Datetime(d)) => DateTime::parse_from_rfc3339(&d.value().to_string()).ok(),
            Some(Value::String(s)) => DateTime::parse_from_rfc3339(s.value().trim()).ok(),
            _ => None,
        };
        if read.is_none() {
            error(
                problems,
                value_span(root, key),
                format!(
                    "`{key}` must be a date and time with its offset, as in {key} = 2026-12-01T09:30:00Z"
                ),
            );
        }
        read
    };
    let created = time("created", &mut problems);
    let updated = time("updated", &mut problems);
    let shared_purpose = match root.get("shared_purpose").map(|i| i.as_str()) {
        None => String::new(),
        Some(Some(text)) => text.to_string(),
        Some(None) => {
            error(
                &mut problems,
                value_span(root, "shared_purpose"),
                "`shared_purpose` must be text (a \"\"\" block for several lines)".to_string(),
            );
            String::new()
        }
    };
    for (key, _) in root.iter() {
        if !TOP.contains(&key) {
            problems.push(problem(
                Severity::Warning,
                Located::span(
                    text,
                    key_span(root, key),
                    format!(
                        "`{}` is not a key of a constellation file; it is kept as written, and convene does not use it",
                        crate::text::sanitize_line(key)
                    ),
                ),
            ));
        }
    }
    let mut members = Vec::new();
    let mut member_lines = Vec::new();
    match root.get("communities") {
        None => {}
        Some(Item::ArrayOfTables(rows)) => {
            for row in rows.iter() {
                let line = Located::span(text, row.span(), "").line;
                if let Some(member) = read_member(text, row, &members, &mut problems) {
                    members.push(member);
                    member_lines.push(line);
                }
            }
        }
        Some(other) => error(
            &mut problems,
            other.span().or_else(|| key_span(root, "communities")),
            "`communities` must be a list of [[communities]] tables, each with a `file`"
                .to_string(),
        ),
    }
    problems.sort_by_key(|p| (p.line, p.column));
    let failed = problems.iter().any(|p| p.severity == Severity::Error);
    Read {
        constellation: (!failed).then_some(Constellation {
            name,
            created,
            updated,
            shared_purpose,
            members,
        }),
        member_lines,
        problems,
    }
}

/// One `[[communities]]` table, or `None` (with the problem said) when it cannot be a member.
fn read_member(
    text: &str,
    row: &Table,
    earlier: &[Member],
    problems: &mut Vec<Problem>,
) -> Option<Member> {
    let at = |key: &str| {
        row.get(key)
            .and_then(Item::span)
            .or_else(|| row.key(key).and_then(|k| k.span()))
            .or_else(|| row.span())
    };
    let mut say = |severity, span, message: String| {
        problems.push(problem(severity, Located::span(text, span, message)));
    };
    for (key, _) in row.iter() {
        if !MEMBER.contains(&key) {
            say(
                Severity::Warning,
                row.key(key).and_then(|k| k.span()),
                format!(
                    "`{}` is not a key of a constellation's community; it is kept as written, and convene does not use it",
                    crate::text::sanitize_line(key)
                ),
            );
        }
    }
    let text_of = |key: &str| row.get(key).map(|i| i.as_str().map(str::to_string));
    let name = match text_of("name") {
        None => String::new(),
        Some(Some(name)) => name,
        Some(None) => {
            say(
                Severity::Error,
                at("name"),
                "`name` must be text".to_string(),
            );
            return None;
        }
    };
    let contributes = match text_of("contributes") {
        None => String::new(),
        Some(Some(words)) => words,
        Some(None) => {
            say(
                Severity::Error,
                at("contributes"),
                "`contributes` must be text".to_string(),
            );
            return None;
        }
    };
    let file = match text_of("file") {
        Some(Some(file)) => file,
        None => {
            say(
                Severity::Error,
                row.span(),
                "a community of the constellation needs its `file`, as in file = \"citizenship.toml\""
                    .to_string(),
            );
            return None;
        }
        Some(None) => {
            say(
                Severity::Error,
                at("file"),
                "`file` must be text".to_string(),
            );
            return None;
        }
    };
    if !is_member_file_name(&file) {
        say(
            Severity::Error,
            at("file"),
            format!(
                "\"{}\" is not the name of a community file in this folder: give a plain file name ending in .toml (no folder, not hidden, not a constellation)",
                crate::text::sanitize_line(&file)
            ),
        );
        return None;
    }
    if earlier.iter().any(|m| m.file == file) {
        say(
            Severity::Error,
            at("file"),
            format!(
                "{} is listed twice; a community is in a constellation once",
                crate::text::sanitize_line(&file)
            ),
        );
        return None;
    }
    Some(Member {
        file,
        name,
        contributes,
    })
}

fn problem(severity: Severity, at: Located) -> Problem {
    Problem {
        severity,
        line: at.line,
        column: at.column,
        message: at.message,
    }
}

fn first_line(message: &str) -> String {
    message.lines().next().unwrap_or(message).trim().to_string()
}
