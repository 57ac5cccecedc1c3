//! `convene check`: everything wrong with a file, each at its line and column.
//!
//! Loading stops at the first problem that makes a file unusable. Checking goes further: once the
//! file loads, it compares it with the guide and reports answers filed under ids the guide does
//! not have (usually a typo in a hand edit: kept, but reported) and answers whose shape does not
//! fit their question's kind. Workshop cards and log entries naming a question the guide does not
//! have are reported the same way, and kept.

use toml_edit::{Document, TableLike};

use super::decode::{Located, decode_answer, rows};
use super::model::{Answer, Scalar};
use super::{CommunityFile, FormatError, SCHEMA_VERSION};
use crate::guide::{ColumnKind, Guide, Kind};
use crate::text::sanitize_line;

/// How much a problem matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Worth a look; the file is still fine to use.
    Warning,
    /// The file cannot be used as it is.
    Error,
}

/// One finding of `check`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub severity: Severity,
    /// Where it is, when it is somewhere in particular.
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl Problem {
    fn new(severity: Severity, at: Located) -> Problem {
        Problem {
            severity,
            line: at.line,
            column: at.column,
            message: at.message,
        }
    }
}

/// Every problem found in the text of a community file, in file order.
pub fn check_text(text: &str, guide: &Guide) -> Vec<Problem> {
    let file = match CommunityFile::parse(text) {
        Ok(file) => file,
        Err(err) => {
            let at = err
                .location()
                .cloned()
                .unwrap_or_else(|| Located::at(text, 0, ""));
            let message = match &err {
                FormatError::Syntax(l) => format!("not valid TOML: {}", l.message),
                FormatError::Invalid(l) => l.message.clone(),
                FormatError::Newer { found, detail } => format!(
                    "written by a newer convene (schema_version {found}; this one reads up to {SCHEMA_VERSION}) and cannot be read here: {}",
                    detail.message
                ),
                FormatError::ReadOnly { .. } => err.to_string(),
            };
            return vec![Problem::new(Severity::Error, Located { message, ..at })];
        }
    };
    let mut problems = Vec::new();
    if file.is_read_only() {
        problems.push(Problem::new(
            Severity::Error,
            Located::at(
                text,
                0,
                format!(
                    "written by a newer convene (schema_version {}); this one understands up to {}: update convene to check or edit it",
                    file.file_version(),
                    SCHEMA_VERSION
                ),
            ),
        ));
        return problems;
    }
    // The text parsed a moment ago, so it parses again; spans are only kept by `Document`.
    let Ok(doc) = Document::parse(text) else {
        return problems;
    };
    let root = doc.as_table();
    let mut report = |severity, key: &toml_edit::Key, message: String| {
        problems.push(Problem::new(
            severity,
            Located::span(text, key.span(), message),
        ));
    };

    if let Some(answers) = root.get("answers").and_then(|i| i.as_table_like()) {
        for (id, item) in answers.iter() {
            let Some(key) = key_of(answers, id) else {
                continue;
            };
            let shown = sanitize_line(id);
            match guide.question(id) {
                None => report(
                    Severity::Warning,
                    key,
                    format!(
                        "the guide has no question `{shown}` (the answer is kept; is the id mistyped?)"
                    ),
                ),
                Some(q) if q.kind.is_rating() => report(
                    Severity::Error,
                    key,
                    format!(
                        "`{shown}` is a statement to rate: write it as [ratings.{shown}] with rating = \"yes\""
                    ),
                ),
                Some(q) => {
                    let Some(answer) = decode_answer(item) else {
                        continue;
                    };
                    if let Some(message) = shape_problem(q.kind, &q.options, &answer) {
                        report(Severity::Error, key, format!("answer `{shown}`: {message}"));
                    } else {
                        for message in cell_problems(q.kind, &answer) {
                            report(
                                Severity::Warning,
                                key,
                                format!("answer `{shown}`, {message}"),
                            );
                        }
                    }
                }
            }
        }
    }
    if let Some(ratings) = root.get("ratings").and_then(|i| i.as_table_like()) {
        for (id, _) in ratings.iter() {
            let Some(key) = key_of(ratings, id) else {
                continue;
            };
            let shown = sanitize_line(id);
            match guide.question(id) {
                None => report(
                    Severity::Warning,
                    key,
                    format!(
                        "the guide has no statement `{shown}` to rate (kept; is the id mistyped?)"
                    ),
                ),
                Some(q) if !q.kind.is_rating() => report(
                    Severity::Error,
                    key,
                    format!(
                        "`{shown}` is a question, not a statement to rate: put its answer under [answers]"
                    ),
                ),
                Some(_) => {}
            }
        }
    }
    if let Some(notes) = root.get("notes").and_then(|i| i.as_table_like()) {
        for (id, _) in notes.iter() {
            let Some(key) = key_of(notes, id) else {
                continue;
            };
            let shown = sanitize_line(id);
            if !guide.group(id).is_some_and(|g| g.notes) {
                report(
                    Severity::Warning,
                    key,
                    format!(
                        "the guide has no notes area `{shown}` (kept; notes are keyed by group id)"
                    ),
                );
            }
        }
    }
    if let Some(workshop) = root.get("workshop").and_then(|i| i.as_table_like()) {
        for (list, what) in [("cards", "is under"), ("log", "is about")] {
            for row in rows(text, workshop, list).unwrap_or_default() {
                let Some((key, item)) = row.fields.get_key_value("question") else {
                    continue;
                };
                let Some(id) = item.as_str() else { continue };
                if guide.question(id).is_none() {
                    report(
                        Severity::Warning,
                        key,
                        format!(
                            "{} {what} `{}`, a question the guide does not have (kept; is the id mistyped?)",
                            row.name(),
                            sanitize_line(id)
                        ),
                    );
                }
            }
        }
    }
    problems.sort_by_key(|p| (p.line, p.column));
    problems
}

fn key_of<'t>(table: &'t dyn TableLike, id: &str) -> Option<&'t toml_edit::Key> {
    table.get_key_value(id).map(|(k, _)| k)
}

/// What in a table answer's cells convene cannot use as it is (kept either way): dates it cannot
/// read, numbers that are not whole numbers in range.
fn cell_problems(kind: Kind, answer: &Answer) -> Vec<String> {
    let Answer::Records(rows) = answer else {
        return Vec::new();
    };
    let mut problems = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        for column in kind.columns() {
            let where_ = format!("row {}, {}", r + 1, column.key);
            match (column.kind, row.get(column.key)) {
                (ColumnKind::Date, Some(Scalar::Text(text)))
                    if !text.trim().is_empty()
                        && crate::dates::read_stored(text.trim()).is_none() =>
                {
                    problems.push(format!(
                        "{where_}: \"{}\" is not a date convene can read; write it like \"2026-12-01\"",
                        sanitize_line(text)
                    ));
                }
                (ColumnKind::Number { max }, Some(Scalar::Integer(n)))
                    if !(0..=max).contains(n) =>
                {
                    problems.push(format!("{where_}: {n} is outside 0 to {max}"));
                }
                (ColumnKind::Number { .. }, Some(Scalar::Text(text)))
                    if !text.trim().is_empty() =>
                {
                    problems.push(format!(
                        "{where_}: \"{}\" is not a whole number",
                        sanitize_line(text)
                    ));
                }
                _ => {}
            }
        }
    }
    problems
}

/// Why an answer's shape does not fit its question's kind, if it does not.
fn shape_problem(kind: Kind, options: &[String], answer: &Answer) -> Option<String> {
    let fits = matches!(
        (kind, answer),
        (Kind::Text | Kind::Choice | Kind::Date, Answer::Text(_))
            | (Kind::List | Kind::Choices, Answer::Items(_))
            | (
                Kind::People | Kind::Steps | Kind::Targets | Kind::Log | Kind::Slider,
                Answer::Records(_)
            )
    );
    if !fits {
        let expected = match kind {
            Kind::Text | Kind::Choice | Kind::Rating => "text in quotes",
            Kind::Date => "a date in quotes, such as \"2026-12-01\"",
            Kind::List | Kind::Choices => "a list of texts, such as [\"a\", \"b\"]",
            Kind::People | Kind::Steps | Kind::Targets | Kind::Log | Kind::Slider => {
                "a list of tables, written [[answers.id]]"
            }
        };
        return Some(format!("a {} question takes {expected}", kind.name()));
    }
    if let (Kind::Choice, Answer::Text(choice)) = (kind, answer)
        && !options.iter().any(|o| o == choice)
    {
        return Some(format!(
            "\"{}\" is not one of the options: {}",
            sanitize_line(choice),
            options.join(", ")
        ));
    }
    None
}
