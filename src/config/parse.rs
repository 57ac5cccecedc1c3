//! Reading the settings file: every key checked, every problem at its line and column, and
//! each setting that cannot be used left at its default while the rest still apply.
//!
//! The file is read with `toml_edit`'s spanned document rather than serde: serde stops at the
//! first wrong value, and says where only for syntax. A facilitator who got two things wrong
//! should hear about both at once.

use std::ops::Range;
use std::path::PathBuf;
use std::time::Duration;

use toml_edit::{Item, Table, Value};

use super::{AUTOSAVE_MAX, Config, KeyOverride, Problem, Written};
use crate::community::Located;
use crate::export::Audience;

/// The top-level keys, in the order the default file gives them.
const TOP: &[&str] = &[
    "dir",
    "theme",
    "autosave_seconds",
    "editor",
    "accessible",
    "charter",
    "keys",
];

/// The keys of `[charter]`.
const CHARTER: &[&str] = &["audience", "language"];

struct Reader<'a> {
    text: &'a str,
    problems: Vec<Problem>,
}

impl Reader<'_> {
    fn at(&self, span: Option<Range<usize>>) -> (usize, usize) {
        let at = Located::span(self.text, span, "");
        (at.line, at.column)
    }

    fn problem(&mut self, span: Option<Range<usize>>, message: String) {
        self.problems.push(Located::span(self.text, span, message));
    }

    /// Says which keys of `table` are not in `known` (each at its own place).
    fn unknown(&mut self, table: &Table, known: &[&str], inside: &str) {
        for (key, _) in table.iter() {
            if !known.contains(&key) {
                let span = table.key(key).and_then(|k| k.span());
                self.problem(
                    span,
                    format!(
                        "unknown setting `{}`{inside} (ignored); the settings are: {}",
                        crate::text::sanitize_line(key),
                        known.join(", ")
                    ),
                );
            }
        }
    }

    fn string(&mut self, table: &Table, key: &str) -> Option<Written> {
        let item = table.get(key)?;
        match item.as_str() {
            Some(text) => {
                let (line, column) = self.at(item.span());
                Some(Written {
                    text: text.to_string(),
                    line,
                    column,
                })
            }
            None => {
                self.problem(
                    item.span(),
                    format!("`{key}` should be text in quotes; the default is used"),
                );
                None
            }
        }
    }

    /// A text setting that must not be blank.
    fn text(&mut self, table: &Table, key: &str) -> Option<Written> {
        let written = self.string(table, key)?;
        if written.text.trim().is_empty() {
            let span = table.get(key).and_then(Item::span);
            self.problem(span, format!("`{key}` is empty; the default is used"));
            return None;
        }
        Some(written)
    }
}

pub(super) fn parse(text: &str) -> (Config, Vec<Problem>) {
    let mut config = Config::default();
    let doc = match toml_edit::Document::parse(text.to_string()) {
        Ok(doc) => doc,
        Err(err) => {
            let message = err.message().lines().next().unwrap_or("").to_string();
            let problem = Located::span(
                text,
                err.span(),
                format!("not valid TOML: {message}; convene started with the default settings"),
            );
            return (config, vec![problem]);
        }
    };
    let mut r = Reader {
        text,
        problems: Vec::new(),
    };
    let root = doc.as_table();
    r.unknown(root, TOP, "");
    if let Some(dir) = r.text(root, "dir") {
        config.dir = Some(PathBuf::from(dir.text));
    }
    config.theme = r.text(root, "theme");
    if let Some(editor) = r.text(root, "editor") {
        config.editor = Some(editor.text);
    }
    if let Some(item) = root.get("autosave_seconds") {
        match autosave(item) {
            Ok(delay) => config.autosave = delay,
            Err(message) => r.problem(item.span(), message),
        }
    }
    if let Some(item) = root.get("accessible") {
        match item.as_bool() {
            Some(on) => config.accessible = on,
            None => r.problem(
                item.span(),
                "`accessible` should be true or false; the default (false) is used".to_string(),
            ),
        }
    }
    if let Some(item) = root.get("charter") {
        match item.as_table() {
            Some(charter) => charter_settings(&mut r, charter, &mut config),
            None => r.problem(
                item.span(),
                "`charter` should be a table: [charter] on a line of its own".to_string(),
            ),
        }
    }
    if let Some(item) = root.get("keys") {
        match item.as_table() {
            Some(keys) => config.keys = key_overrides(&mut r, keys),
            None => r.problem(
                item.span(),
                "`keys` should be tables: [keys.walk], [keys.home], …".to_string(),
            ),
        }
    }
    // In reading order, whatever order they were found in.
    let mut problems = r.problems;
    problems.sort_by_key(|p| (p.line, p.column));
    (config, problems)
}

fn autosave(item: &Item) -> Result<Duration, String> {
    let wrong = || {
        format!(
            "`autosave_seconds` should be a number of seconds from 1 to {}; the default is used",
            AUTOSAVE_MAX.as_secs()
        )
    };
    let seconds = match item.as_value() {
        Some(Value::Integer(n)) => *n.value() as f64,
        Some(Value::Float(f)) => *f.value(),
        _ => return Err(wrong()),
    };
    if !(1.0..=AUTOSAVE_MAX.as_secs_f64()).contains(&seconds) {
        return Err(wrong());
    }
    Ok(Duration::from_secs_f64(seconds))
}

fn charter_settings(r: &mut Reader, charter: &Table, config: &mut Config) {
    r.unknown(charter, CHARTER, " in [charter]");
    if let Some(audience) = r.text(charter, "audience") {
        match Audience::from_name(audience.text.trim()) {
            Some(known) => config.audience = known,
            None => {
                let span = charter.get("audience").and_then(Item::span);
                r.problem(
                    span,
                    format!(
                        "`audience` is {:?}, which convene does not know: members, sponsor or facilitator",
                        crate::text::sanitize_line(&audience.text)
                    ),
                );
            }
        }
    }
    if let Some(language) = r.text(charter, "language") {
        let tag = language.text.trim();
        if crate::community::is_language_tag(tag) {
            config.language = Some(tag.to_string());
        } else {
            let span = charter.get("language").and_then(Item::span);
            r.problem(
                span,
                format!(
                    "`language` is {:?}, not a language tag such as en, fr or pt-BR",
                    crate::text::sanitize_line(tag)
                ),
            );
        }
    }
}

/// `[keys.CONTEXT]` tables of `COMMAND = "KEY"` or `COMMAND = ["KEY", …]`. Whether the
/// context, the command and the keys mean anything is the app's to judge (it knows the
/// keymap); here only the shape is.
fn key_overrides(r: &mut Reader, keys: &Table) -> Vec<KeyOverride> {
    let mut overrides = Vec::new();
    for (context, item) in keys.iter() {
        let Some(table) = item.as_table() else {
            let span = keys.key(context).and_then(|k| k.span());
            r.problem(
                span,
                format!(
                    "`keys.{}` should be a table of commands: [keys.{0}] then COMMAND = \"KEY\"",
                    crate::text::sanitize_line(context)
                ),
            );
            continue;
        };
        for (command, value) in table.iter() {
            let (line, column) = r.at(table.key(command).and_then(|k| k.span()));
            let written = |value: &Value, r: &mut Reader| {
                let (line, column) = r.at(value.span());
                value.as_str().map(|text| Written {
                    text: text.to_string(),
                    line,
                    column,
                })
            };
            let keys: Option<Vec<Written>> = match value.as_value() {
                Some(Value::Array(list)) => list.iter().map(|v| written(v, r)).collect(),
                Some(single) => written(single, r).map(|w| vec![w]),
                None => None,
            };
            match keys {
                Some(keys) if !keys.is_empty() => overrides.push(KeyOverride {
                    context: context.to_string(),
                    command: command.to_string(),
                    keys,
                    line,
                    column,
                }),
                _ => r.problem(
                    value.span().or_else(|| table.key(command).and_then(|k| k.span())),
                    format!(
                        "`{}` should be a key in quotes (\"ctrl-s\") or a list of them; its keys are kept",
                        crate::text::sanitize_line(command)
                    ),
                ),
            }
        }
    }
    overrides
}
