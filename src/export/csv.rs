//! One table of a community for a spreadsheet: `convene export NAME --format csv --table ID`.
//!
//! The tables are named by short ids ([`TABLES`]: `people`, `plan`, …) rather than question
//! ids, since that is what a facilitator types. The header row is the columns' titles as the
//! app and the charter show them (the guide's), in their order; each row follows, with what the
//! file holds: dates as stored (`2026-12-03`, which every spreadsheet reads as a date, or the
//! words kept as typed), numbers as numbers. A key written by hand that is no column of the
//! table is not in the sheet.
//!
//! Decisions, and why:
//!
//! - **RFC 4180 through the `csv` crate**: fields quoted only when they need it (a comma, a
//!   quote, a line break), quotes doubled, lines ending in CRLF.
//! - **A UTF-8 byte order mark first.** Without it Excel reads the file in the system's legacy
//!   code page and turns "Zoë" into "ZoÃ«"; LibreOffice, Google Sheets and CSV libraries (this
//!   crate's reader among them) skip it.
//! - **Formula injection guarded** as OWASP's "CSV Injection" page advises: a text cell that
//!   starts with `=`, `+`, `-`, `@`, a tab or a carriage return would be run as a formula by a
//!   spreadsheet (`=HYPERLINK(…)` leaking data, or worse), so it gets a leading `'`, which
//!   spreadsheets show as text and hide. A file is something anyone can edit or send, so its
//!   text is never trusted to be inert. Numbers are written as numbers, unguarded.
//! - **The text is otherwise exact**, as in the JSON charter: a spreadsheet is a tool's input,
//!   not something a terminal draws.

use crate::community::{Answer, CommunityFile, Part, Scalar, kept};
use crate::guide::Guide;

/// The tables that can be exported, as `--table` names them, with their question ids.
pub const TABLES: [(&str, &str); 6] = [
    ("people", "people"),
    ("plan", "momentum_plan"),
    ("launch", "launch_plan"),
    ("harvest", "harvest"),
    ("log", "learning_log"),
    ("conversations", "member_conversations"),
];

/// The `--table` ids, in [`TABLES`]' order.
pub const TABLE_IDS: [&str; 6] = [
    TABLES[0].0,
    TABLES[1].0,
    TABLES[2].0,
    TABLES[3].0,
    TABLES[4].0,
    TABLES[5].0,
];

/// What starts a cell that a spreadsheet would read as a formula (OWASP).
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Why a table could not be written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CsvError {
    #[error("there is no table \"{0}\": the tables are {ids}", ids = TABLE_IDS.join(", "))]
    UnknownTable(String),
    /// The file holds something else than rows there (the notice says what, and on which line).
    #[error("{0} Fix it by hand (convene check lists it) to export this table.")]
    Kept(String),
    /// The CSV writer failed (in memory, so never on the text itself).
    #[error("could not write the table: {0}")]
    Write(String),
}

/// The question id of the table `--table` calls `table`.
pub fn question_of(table: &str) -> Result<&'static str, CsvError> {
    TABLES
        .iter()
        .find(|(id, _)| *id == table)
        .map(|(_, question)| *question)
        .ok_or_else(|| CsvError::UnknownTable(table.to_string()))
}

/// The table `table` of the community read from `file`, as CSV: a header row, then a row per
/// record (only the header when the table is empty).
pub fn to_csv(file: &CommunityFile, guide: &Guide, table: &str) -> Result<String, CsvError> {
    let id = question_of(table)?;
    let kind = guide
        .question(id)
        .map(|q| q.kind)
        .ok_or_else(|| CsvError::UnknownTable(table.to_string()))?;
    if let Some((found, line)) = file.kept_at(guide, Part::Answer, id) {
        return Err(CsvError::Kept(kept::notice(
            &found,
            kept::takes(kind),
            line,
        )));
    }
    let columns = kind.columns();
    let rows = match file.community.answers.get(id) {
        Some(Answer::Records(rows)) => rows.as_slice(),
        _ => &[],
    };
    // `::csv`, the crate, not this module.
    let mut writer = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::from("\u{feff}".as_bytes()));
    let mut lines = Vec::with_capacity(rows.len() + 1);
    lines.push(columns.iter().map(|c| c.title.to_string()).collect());
    lines.extend(rows.iter().map(|row| {
        columns
            .iter()
            .map(|c| match row.get(c.key) {
                Some(Scalar::Text(text)) => guarded(text),
                Some(Scalar::Integer(n)) => n.to_string(),
                Some(Scalar::Bool(b)) => b.to_string(),
                None => String::new(),
            })
            .collect::<Vec<String>>()
    }));
    for line in &lines {
        writer
            .write_record(line)
            .map_err(|e| CsvError::Write(e.to_string()))?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| CsvError::Write(e.to_string()))?;
    // The records were all `String`s and the BOM is UTF-8, so the bytes are too.
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// `text` as a cell no spreadsheet runs as a formula.
pub fn guarded(text: &str) -> String {
    if text.starts_with(FORMULA_STARTS) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_that_would_be_formulas_are_text() {
        for cell in ["=1+1", "+44 20", "-3", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(guarded(cell), format!("'{cell}"));
        }
        assert_eq!(guarded("2026-12-03"), "2026-12-03");
        assert_eq!(guarded("a = b"), "a = b");
    }

    #[test]
    fn an_unknown_table_names_the_known_ones() {
        let message = question_of("minutes").unwrap_err().to_string();
        assert_eq!(
            message,
            "there is no table \"minutes\": the tables are people, plan, launch, harvest, log, \
             conversations"
        );
        assert_eq!(question_of("plan"), Ok("momentum_plan"));
    }
}
