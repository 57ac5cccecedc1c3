//! `convene check`: everything wrong with a file, each at its line and column.
//!
//! The errors are the problems that keep a file from opening, all of them: the loader reads the
//! file with [`read_all`], which goes on past each problem, and refuses it when there is at
//! least one, so `check`, `list` and the app always agree on whether a file opens. Only a TOML
//! syntax error is said alone, since past it the parser cannot tell what the rest means. The
//! warnings compare the file with the guide and point at what is kept but unused, whether or not
//! the file opens: answers filed under ids the guide does not have (usually a typo in a hand
//! edit), values kept as written because their shape does not fit their question (see
//! [`super::kept`]), table cells convene cannot read (at the cell's own line), workshop cards
//! naming a question the guide does not have.

mod unknown;

use super::answers::{decode_answer, decode_rating};
use super::decode::{Located, rows};
use super::kept::{Part, fits, place_takes, shape_of, shape_of_node};
use super::lines::LineIndex;
use super::model::{Answer, Scalar, is_language_tag};
use super::style::Style;
use super::tree::{Node, Table};
use super::{FormatError, Read, SCHEMA_VERSION, parse_tree_all, read_all, upgrade};
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
    let (_, text) = Style::of(text);
    check_plain(text.as_ref(), guide)
}

/// [`check_text`] of text with `\n` line breaks and no byte order mark.
fn check_plain(text: &str, guide: &Guide) -> Vec<Problem> {
    // Past an error in TOML's grammar the parser cannot tell what the rest means: it is said
    // alone. A key defined twice is not such an error: the rest is read without it.
    let (parsed, mut faults) = match parse_tree_all(text) {
        Ok(read) => read,
        Err(err) => return vec![refusal(text, &err)],
    };
    // The problems are found in the document the loader reads, while it still has its spans.
    // The community read from it only gives the verdict, and is dropped at the end of this
    // statement, before the warnings are gathered: a big file never has two copies in memory.
    let version = match read_all(text, &parsed, &mut faults) {
        Read::Older(version) => Err(version),
        Read::Community { version, .. } => Ok(version),
    };
    let version = match version {
        Ok(version) => version,
        Err(older) if faults.is_empty() => {
            // Checked as it is read: upgraded first. The places are the upgraded text's, which
            // differ from the file's only where the upgrade changed it.
            drop(parsed);
            return match upgrade(text, older) {
                Ok(upgraded) => check_plain(&upgraded, guide),
                Err(err) => vec![refusal(text, &err)],
            };
        }
        // Not to be upgraded as it is: what keeps it from being read is all there is to say.
        Err(_) => return faults.iter().map(|err| refusal(text, err)).collect(),
    };
    let mut problems: Vec<Problem> = Vec::new();
    if version > SCHEMA_VERSION {
        let at = Located::span(
            text,
            parsed.entry("schema_version").and_then(|e| e.place()),
            "",
        );
        // What it holds is another convene's to judge: nothing is said about it but whether
        // this one can read it. If it can, the file opens read-only (in the app and in `list`):
        // a warning.
        let (severity, message) = if faults.is_empty() {
            (
                Severity::Warning,
                format!(
                    "written by a newer convene (schema_version {version}; this one understands up to {SCHEMA_VERSION}): it opens read-only, and is not checked here; update convene to check or edit it"
                ),
            )
        } else {
            (
                Severity::Error,
                format!(
                    "written by a newer convene (schema_version {version}; this one reads up to {SCHEMA_VERSION}) and cannot be read here: update convene to open it; what this one cannot read follows"
                ),
            )
        };
        problems.push(Problem::new(severity, Located { message, ..at }));
    } else {
        problems = problems_in(text, &parsed, guide);
    }
    // Errors before warnings at the same place: the sort below keeps this order.
    let errors = faults.iter().map(|err| refusal(text, err));
    problems.splice(0..0, errors);
    problems.sort_by_key(|p| (p.line, p.column));
    problems
}

/// A problem that refuses the file, as `check` says it.
fn refusal(text: &str, err: &FormatError) -> Problem {
    let at = err
        .location()
        .cloned()
        .unwrap_or_else(|| Located::at(text, 0, ""));
    let message = match err {
        FormatError::Syntax(l) => format!("not valid TOML: {}", l.message),
        FormatError::Invalid(l) | FormatError::Newer { detail: l, .. } => l.message.clone(),
        FormatError::ReadOnly { .. } => err.to_string(),
    };
    Problem::new(Severity::Error, Located { message, ..at })
}

/// The warnings about a document: what in it is kept but unused (found whether or not it opens,
/// since each is still there to see to once it does).
fn problems_in(text: &str, root: &Table, guide: &Guide) -> Vec<Problem> {
    let index = LineIndex::new(text);
    let mut problems = Vec::new();
    let mut report = |span: Option<std::ops::Range<usize>>, message: String| {
        let offset = span.map_or(0, |s| s.start);
        problems.push(Problem::new(
            Severity::Warning,
            index.locate(text, offset, message),
        ));
    };
    let kept_as_written = |part: Part, id: &str, found: &str, kind: Option<Kind>| {
        format!(
            "kept as written: `{}.{}` holds {found}, where {} takes {}; convene leaves it as it is until it is replaced (Ctrl-R on its question in the app)",
            part.table(),
            sanitize_line(id),
            match kind {
                Some(kind) => format!("this {} question", kind.name()),
                None => "it".to_string(),
            },
            place_takes(part, kind)
        )
    };

    if let Some(entry) = root.entry("language")
        && let Some(tag) = entry.node.as_str()
        && !is_language_tag(tag)
    {
        report(
            entry.place(),
            format!(
                "`language` is \"{}\", which is not a language tag such as \"fr\" or \"pt-BR\" (letters, then hyphens, no spaces or underscores): charters say English until it is one",
                sanitize_line(tag)
            ),
        );
    }

    if let Some(answers) = root.get("answers").and_then(Node::as_table) {
        for entry in answers.iter() {
            let (id, item, key) = (&*entry.key, &entry.node, entry.key_span);
            let shown = sanitize_line(id);
            let question = guide.question(id);
            let kind = question.map(|q| q.kind);
            let answer = decode_answer(item);
            match (question, answer) {
                (_, None) => report(
                    key.range(),
                    kept_as_written(Part::Answer, id, shape_of_node(item), kind),
                ),
                (None, Some(_)) => report(
                    key.range(),
                    format!(
                        "the guide has no question `{shown}` (the answer is kept; is the id mistyped?)"
                    ),
                ),
                (Some(q), Some(_)) if q.kind.is_rating() => report(
                    key.range(),
                    format!(
                        "`{shown}` is a statement to rate, so convene does not read this answer (kept as written): write it as [ratings.{shown}] with rating = \"yes\""
                    ),
                ),
                (Some(q), Some(answer)) if !fits(q.kind, &answer) => report(
                    key.range(),
                    kept_as_written(Part::Answer, id, shape_of(&answer), kind),
                ),
                (Some(q), Some(answer)) => {
                    if let (Kind::Choice, Answer::Text(choice)) = (q.kind, &answer)
                        && !q.options.iter().any(|o| o == choice)
                    {
                        report(
                            key.range(),
                            format!(
                                "answer `{shown}`: \"{}\" is not one of the options ({}); kept as the facilitator's own words",
                                sanitize_line(choice),
                                q.options.join(", ")
                            ),
                        );
                    }
                    for (span, message) in cell_problems(q.kind, item, &answer) {
                        report(
                            span.or_else(|| key.range()),
                            format!("answer `{shown}`, {message}"),
                        );
                    }
                }
            }
        }
    }
    if let Some(ratings) = root.get("ratings").and_then(Node::as_table) {
        for entry in ratings.iter() {
            let (id, item, key) = (&*entry.key, &entry.node, entry.key_span);
            let shown = sanitize_line(id);
            let question = guide.question(id);
            // A rating word convene does not know is reported at the word, the rest at the key.
            let unusable = match item.as_table() {
                None => Some((key.range(), shape_of_node(item).to_string())),
                Some(fields) => decode_rating(fields).err().map(|(at, kept)| {
                    let span = fields.get(at).and_then(Node::span).or_else(|| key.range());
                    (span, kept.found)
                }),
            };
            if let Some((span, found)) = unusable {
                report(span, kept_as_written(Part::Rating, id, &found, None));
                continue;
            }
            match question {
                None => report(
                    key.range(),
                    format!(
                        "the guide has no statement `{shown}` to rate (kept; is the id mistyped?)"
                    ),
                ),
                Some(q) if !q.kind.is_rating() => report(
                    key.range(),
                    format!(
                        "`{shown}` is a question, not a statement to rate, so convene does not read this rating (kept as written): put its answer under [answers]"
                    ),
                ),
                Some(_) => {}
            }
        }
    }
    if let Some(notes) = root.get("notes").and_then(Node::as_table) {
        for entry in notes.iter() {
            let (id, item, key) = (&*entry.key, &entry.node, entry.key_span);
            let shown = sanitize_line(id);
            if !item.is_str() {
                report(
                    key.range(),
                    kept_as_written(Part::Note, id, shape_of_node(item), None),
                );
            } else if !guide.group(id).is_some_and(|g| g.notes) {
                report(
                    key.range(),
                    format!(
                        "the guide has no notes area `{shown}` (kept; notes are keyed by group id)"
                    ),
                );
            }
        }
    }
    unknown::unknown_keys(text, root, &mut report);
    if let Some(workshop) = root.get("workshop").and_then(Node::as_table) {
        for (list, what) in [("cards", "is under"), ("log", "is about")] {
            // A list that is not one of tables is an error already said.
            for row in rows(text, workshop, list, &mut Vec::new()) {
                let Some(entry) = row.fields.entry("question") else {
                    continue;
                };
                let key = entry.key_span;
                let Some(id) = entry.node.as_str() else {
                    continue;
                };
                if guide.question(id).is_none() {
                    report(
                        key.range(),
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
    problems
}

/// What in a table answer's cells convene cannot use as it is (kept either way): dates it cannot
/// read, numbers that are not whole numbers in range. Each is at its cell's place in the file
/// (or its row's, or, failing both, nowhere in particular).
fn cell_problems(
    kind: Kind,
    item: &Node,
    answer: &Answer,
) -> Vec<(Option<std::ops::Range<usize>>, String)> {
    let Answer::Records(rows) = answer else {
        return Vec::new();
    };
    let tables: Vec<(&Table, Option<std::ops::Range<usize>>)> = item
        .as_array_of_tables()
        .or_else(|| item.as_array())
        .unwrap_or_default()
        .iter()
        .filter_map(|v| v.as_table().map(|t| (t, v.span())))
        .collect();
    let mut problems = Vec::new();
    let columns: Vec<&str> = kind.columns().iter().map(|c| c.key).collect();
    for (r, row) in rows.iter().enumerate() {
        let (fields, row_span) = match tables.get(r) {
            Some((fields, span)) => (Some(*fields), span.clone()),
            None => (None, None),
        };
        // A key of no column is kept in its row, where it was written (the encoder edits a
        // changed row in place).
        for entry in fields.iter().flat_map(|f| f.iter()) {
            if !columns.contains(&&*entry.key) {
                problems.push((
                    entry.key_span.range(),
                    format!(
                        "row {}: `{}` is not one of its columns ({}); it is kept where it is: is it mistyped?",
                        r + 1,
                        sanitize_line(&entry.key),
                        columns.join(", ")
                    ),
                ));
            }
        }
        for column in kind.columns() {
            let where_ = format!("row {}, {}", r + 1, column.key);
            let message = match (column.kind, row.get(column.key)) {
                (ColumnKind::Date, Some(Scalar::Text(text)))
                    if !text.trim().is_empty()
                        && crate::dates::read_stored(text.trim()).is_none() =>
                {
                    format!(
                        "{where_}: \"{}\" is not a date convene can read; write it like \"2026-12-01\"",
                        sanitize_line(text)
                    )
                }
                (ColumnKind::Number { max }, Some(Scalar::Integer(n)))
                    if !(0..=max).contains(n) =>
                {
                    format!("{where_}: {n} is outside 0 to {max}")
                }
                (ColumnKind::Number { .. }, Some(Scalar::Text(text)))
                    if !text.trim().is_empty() =>
                {
                    format!(
                        "{where_}: \"{}\" is not a whole number",
                        sanitize_line(text)
                    )
                }
                _ => continue,
            };
            let cell = fields
                .and_then(|f| f.entry(column.key))
                .and_then(|e| e.place());
            problems.push((cell.or_else(|| row_span.clone()), message));
        }
    }
    problems
}
