//! Editing a table answer — people, plan steps, harvest targets, the learning log, dimensions —
//! from the keyboard, without modes.
//!
//! Typing always goes into the focused cell, as it goes into a text answer. ←/→ move the caret
//! and, past the edge of the text, to the neighbouring cell; Enter moves on to the next cell and
//! from the last one to a new row, so a row is filled in by typing and pressing Enter. A choice
//! cell (a role, a status) takes its option's number or the facilitator's own words; a number
//! cell takes digits or +/−. Dates are read when the caret leaves their cell: the file gets
//! `2026-12-01`, words that cannot be read are kept as typed and flagged, never thrown away.
//!
//! Rows are kept as strings while they are edited and turned back into records only when the
//! walk writes the answer, so a row's keys that convene does not know (a hand edit) ride along
//! untouched.

mod cells;
mod rows;

use super::history::History;
use crate::community::{Record, Scalar};
use crate::guide::{Column, ColumnKind};

/// One row: a text per column, and whatever else the file's row held.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub cells: Vec<String>,
    extra: Record,
}

/// What the table looked like before an edit, for undo.
#[derive(Debug, Clone, PartialEq)]
struct Snapshot {
    rows: Vec<Row>,
    row: usize,
    col: usize,
}

/// A table being edited.
#[derive(Debug, Clone)]
pub struct Table {
    pub columns: &'static [Column],
    pub rows: Vec<Row>,
    /// The focused row and column.
    pub row: usize,
    pub col: usize,
    /// The caret in the focused cell, in characters.
    pub caret: usize,
    /// Leading rows that are always there (a slider's Practice): their first cell is fixed and
    /// they cannot be removed or moved.
    fixed: usize,
    /// What a date cell said when it could not be read, until the next move.
    pub message: Option<String>,
    /// Whether anything was changed since the table was loaded.
    pub changed: bool,
    history: History<Snapshot>,
    /// The cell the last typing went into: typing on in the same cell is one undo step.
    typing_in: Option<(usize, usize)>,
    /// The rows it started with when the answer had none (the source's steps, say), to tell
    /// them from an answer; empty when the rows came from the file.
    starting: Vec<Row>,
}

/// What a key did to the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The table's content changed.
    Changed,
    /// Only the focus or caret moved (or nothing happened).
    Moved,
}

impl Table {
    /// A table for `columns` holding `records`; `starters` are the first cells of rows a table
    /// starts with when it has none yet, and of the `fixed` rows always kept on top.
    pub fn new(
        columns: &'static [Column],
        records: &[Record],
        starters: &[String],
        fixed: bool,
    ) -> Table {
        let mut rows: Vec<Row> = records
            .iter()
            .map(|r| Row::from_record(columns, r))
            .collect();
        let fixed_count = if fixed { starters.len() } else { 0 };
        if fixed {
            // The always-there rows come first, whatever order a hand edit left them in.
            for (i, starter) in starters.iter().enumerate() {
                let found = rows.iter().position(|r| r.cells[0] == *starter);
                let row = match found {
                    Some(at) => rows.remove(at),
                    None => Row::starting(columns, starter),
                };
                rows.insert(i.min(rows.len()), row);
            }
        } else if rows.is_empty() {
            rows = starters.iter().map(|s| Row::starting(columns, s)).collect();
        }
        // Rows the table starts with, not the facilitator's: not an answer until touched.
        let starting = if records.is_empty() {
            rows.clone()
        } else {
            Vec::new()
        };
        if rows.len() == fixed_count {
            rows.push(Row::empty(columns));
        }
        let mut table = Table {
            columns,
            rows,
            row: 0,
            col: 0,
            caret: 0,
            fixed: fixed_count,
            message: None,
            changed: false,
            history: History::default(),
            typing_in: None,
            starting,
        };
        table.col = table.first_editable_col(0);
        table.caret = table.cell().chars().count();
        table
    }

    /// The rows as records for the file: empty rows dropped, numbers as integers.
    pub fn records(&self) -> Vec<Record> {
        self.rows
            .iter()
            .filter(|r| !r.is_blank())
            .map(|r| r.to_record(self.columns))
            .collect()
    }

    /// Whether any row holds anything the facilitator put there (the rows a table starts with,
    /// untouched, are not an answer).
    pub fn has_content(&self) -> bool {
        self.rows.iter().any(|r| !r.is_blank()) && self.rows != self.starting
    }

    /// The focused cell's text.
    pub fn cell(&self) -> &str {
        &self.rows[self.row].cells[self.col]
    }

    pub fn column(&self) -> &'static Column {
        &self.columns[self.col]
    }

    /// Whether the focused cell can be typed in (a fixed row's name cannot).
    pub fn cell_editable(&self) -> bool {
        self.editable(self.row, self.col)
    }

    fn editable(&self, row: usize, col: usize) -> bool {
        !(row < self.fixed && col == 0)
    }

    fn first_editable_col(&self, row: usize) -> usize {
        (0..self.columns.len())
            .find(|&c| self.editable(row, c))
            .unwrap_or(0)
    }
}

impl Row {
    fn empty(columns: &[Column]) -> Row {
        Row {
            cells: vec![String::new(); columns.len()],
            extra: Record::new(),
        }
    }

    fn starting(columns: &[Column], first: &str) -> Row {
        let mut row = Row::empty(columns);
        row.cells[0] = first.to_string();
        row
    }

    fn from_record(columns: &[Column], record: &Record) -> Row {
        let mut extra = record.clone();
        let cells = columns
            .iter()
            .map(|c| match extra.remove(c.key) {
                Some(Scalar::Text(text)) => text,
                Some(Scalar::Integer(n)) => n.to_string(),
                Some(Scalar::Bool(b)) => if b { "yes" } else { "no" }.to_string(),
                None => String::new(),
            })
            .collect();
        Row { cells, extra }
    }

    fn to_record(&self, columns: &[Column]) -> Record {
        let mut record = self.extra.clone();
        for (column, cell) in columns.iter().zip(&self.cells) {
            let text = cell.trim();
            if text.is_empty() {
                record.remove(column.key);
                continue;
            }
            let value = match (column.kind, text.parse::<i64>()) {
                (ColumnKind::Number { .. }, Ok(n)) => Scalar::Integer(n),
                _ => Scalar::Text(text.to_string()),
            };
            record.insert(column.key.to_string(), value);
        }
        record
    }

    /// Whether the row holds nothing worth saving.
    pub fn is_blank(&self) -> bool {
        self.extra.is_empty() && self.cells.iter().all(|c| c.trim().is_empty())
    }
}
