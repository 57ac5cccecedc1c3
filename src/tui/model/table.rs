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

use chrono::NaiveDate;

use super::history::History;
use super::line::LineInput;
use crate::community::{Record, Scalar};
use crate::dates;
use crate::guide::{Column, ColumnKind};
use crate::tui::keymap::{Move, Typing};
use tui_input::InputRequest;

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

    /// Whether any row holds anything.
    pub fn has_content(&self) -> bool {
        self.rows.iter().any(|r| !r.is_blank())
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

    /// A key that is not a walk command, as the keymap reads it.
    pub fn key(&mut self, typing: Typing, today: NaiveDate) -> Outcome {
        // Adding, deleting and moving rows are commands, taken by the keymap before this.
        match typing {
            Typing::Move(Move::Up) => self.focus(self.row.saturating_sub(1), self.col, today),
            Typing::Move(Move::Down) => {
                self.focus((self.row + 1).min(self.rows.len() - 1), self.col, today)
            }
            // Past either end of the cell's text, the arrows go on to the next cell.
            Typing::Move(Move::Left) if self.caret == 0 => self.step_back(today),
            Typing::Move(Move::Right) if self.caret >= self.cell().chars().count() => {
                self.step_on(false, today)
            }
            Typing::Newline => self.step_on(true, today),
            Typing::Char(c) => self.typed(c),
            _ => match typing.on_a_line() {
                Some(edit) => self.edit_text(edit),
                None => Outcome::Moved,
            },
        }
    }

    /// An edit of the focused cell's text, as a line with its caret (see [`LineInput`]).
    fn edit_text(&mut self, edit: InputRequest) -> Outcome {
        let mut line = LineInput::at(self.cell(), self.caret);
        if !line.edit(edit) {
            return self.caret_to(line.caret());
        }
        self.edit_cell(|cell, _| {
            *cell = line.text().to_string();
            line.caret()
        })
    }

    /// A pasted block: lines become rows and tabs separate cells (as a spreadsheet copies them);
    /// a single line goes into the focused cell.
    pub fn paste(&mut self, text: &str, today: NaiveDate) -> Outcome {
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        let text = text.trim_end_matches('\n');
        if !text.contains(['\n', '\t']) {
            let mut line = LineInput::at(self.cell(), self.caret);
            line.insert(text);
            return self.edit_cell(|cell, _| {
                *cell = line.text().to_string();
                line.caret()
            });
        }
        self.commit_cell(today);
        self.checkpoint();
        let mut at = if self.rows[self.row].is_blank() {
            self.row
        } else {
            self.row + 1
        };
        for line in text.split('\n').filter(|l| !l.trim().is_empty()) {
            let mut row = Row::empty(self.columns);
            for (cell, value) in row.cells.iter_mut().zip(line.split('\t')) {
                *cell = value.trim().chars().filter(|c| !c.is_control()).collect();
            }
            if at < self.rows.len() && self.rows[at].is_blank() {
                self.rows[at] = row;
            } else {
                self.rows.insert(at.max(self.fixed), row);
            }
            at += 1;
        }
        self.row = at.saturating_sub(1).min(self.rows.len() - 1);
        self.col = self.first_editable_col(self.row);
        self.normalise_dates(today);
        self.caret = self.cell().chars().count();
        self.changed = true;
        Outcome::Changed
    }

    /// Adds a row holding `first` in its first column (a promoted card), after the last row
    /// that holds anything.
    pub fn append_row(&mut self, first: &str) {
        self.checkpoint();
        let mut row = Row::empty(self.columns);
        row.cells[0] = first.chars().filter(|c| !c.is_control()).collect();
        let at = self
            .rows
            .iter()
            .rposition(|r| !r.is_blank())
            .map_or(self.fixed, |i| i + 1)
            .max(self.fixed);
        match self.rows.get(at) {
            Some(r) if r.is_blank() => self.rows[at] = row,
            _ => self.rows.insert(at, row),
        }
        self.changed = true;
    }

    pub fn undo(&mut self) -> bool {
        self.swap_history(true)
    }

    pub fn redo(&mut self) -> bool {
        self.swap_history(false)
    }

    /// Reads the focused cell if it is a date (see the module's comment). Called on every move
    /// away from a cell and before the answer is written.
    pub fn commit_cell(&mut self, today: NaiveDate) {
        self.typing_in = None;
        if self.column().kind != ColumnKind::Date {
            return;
        }
        let text = self.cell().trim().to_string();
        if text.is_empty() || dates::read_stored(&text).is_some() {
            return;
        }
        match dates::parse(&text, today) {
            Ok(date) => {
                self.rows[self.row].cells[self.col] = dates::stored(date);
                self.changed = true;
            }
            Err(err) => {
                self.message = Some(format!("{}: {err}", self.column().title));
            }
        }
    }

    fn typed(&mut self, c: char) -> Outcome {
        if c.is_control() {
            return Outcome::Moved;
        }
        let kind = self.column().kind;
        if let ColumnKind::Choice(options) = kind
            && let Some(n) = c.to_digit(10)
            && (1..=options.len()).contains(&(n as usize))
            && (self.cell().is_empty() || options.contains(&self.cell()))
        {
            let pick = options[n as usize - 1];
            return self.edit_cell(|cell, _| {
                *cell = pick.to_string();
                pick.chars().count()
            });
        }
        if let ColumnKind::Number { max } = kind {
            let step = match c {
                '+' | '=' => 1,
                '-' | '−' => -1,
                _ => 0,
            };
            if step != 0 {
                let now = self.cell().trim().parse::<i64>().unwrap_or(0);
                let next = (now + step).clamp(0, max).to_string();
                return self.edit_cell(|cell, _| {
                    *cell = next.clone();
                    next.len()
                });
            }
            if !c.is_ascii_digit() {
                return Outcome::Moved;
            }
        }
        self.edit_text(InputRequest::InsertChar(c))
    }

    /// Changes the focused cell with `f`, which returns the new caret; one undo step per run of
    /// typing in one cell.
    fn edit_cell(&mut self, f: impl FnOnce(&mut String, usize) -> usize) -> Outcome {
        if !self.cell_editable() {
            return Outcome::Moved;
        }
        let here = (self.row, self.col);
        if self.typing_in != Some(here) {
            self.checkpoint();
            self.typing_in = Some(here);
        }
        let caret = self.caret;
        let cell = &mut self.rows[self.row].cells[self.col];
        self.caret = f(cell, caret);
        self.changed = true;
        self.message = None;
        Outcome::Changed
    }

    fn caret_to(&mut self, caret: usize) -> Outcome {
        self.caret = caret;
        Outcome::Moved
    }

    /// Focuses a cell, reading the one left first.
    fn focus(&mut self, row: usize, col: usize, today: NaiveDate) -> Outcome {
        let changed_before = self.changed;
        self.commit_cell(today);
        self.row = row;
        self.col = if self.editable(row, col) {
            col
        } else {
            self.first_editable_col(row)
        };
        self.caret = self.cell().chars().count();
        if self.changed != changed_before {
            Outcome::Changed
        } else {
            Outcome::Moved
        }
    }

    /// To the next cell; from the last, to the next row's first (Enter makes a new row there if
    /// this row holds something).
    fn step_on(&mut self, may_add: bool, today: NaiveDate) -> Outcome {
        if self.col + 1 < self.columns.len() {
            return self.focus(self.row, self.col + 1, today);
        }
        if self.row + 1 < self.rows.len() {
            return self.focus(self.row + 1, 0, today);
        }
        if may_add && !self.rows[self.row].is_blank() {
            return self.add_row(today);
        }
        Outcome::Moved
    }

    fn step_back(&mut self, today: NaiveDate) -> Outcome {
        if self.col > self.first_editable_col(self.row) {
            return self.focus(self.row, self.col - 1, today);
        }
        if self.row > 0 {
            return self.focus(self.row - 1, self.columns.len() - 1, today);
        }
        Outcome::Moved
    }

    /// Inserts an empty row below the focused one and focuses it.
    pub fn add_row(&mut self, today: NaiveDate) -> Outcome {
        self.commit_cell(today);
        self.checkpoint();
        let at = (self.row + 1).max(self.fixed);
        self.rows.insert(at, Row::empty(self.columns));
        self.row = at;
        self.col = 0;
        self.caret = 0;
        self.changed = true;
        Outcome::Changed
    }

    pub fn delete_row(&mut self, today: NaiveDate) -> Outcome {
        if self.row < self.fixed {
            self.message = Some(format!(
                "\"{}\" is always in this table: set its positions instead",
                self.rows[self.row].cells[0]
            ));
            return Outcome::Moved;
        }
        self.commit_cell(today);
        self.checkpoint();
        self.rows.remove(self.row);
        if self.rows.len() == self.fixed {
            self.rows.push(Row::empty(self.columns));
        }
        self.row = self.row.min(self.rows.len() - 1);
        self.col = self
            .first_editable_col(self.row)
            .max(self.col.min(self.columns.len() - 1));
        if !self.editable(self.row, self.col) {
            self.col = self.first_editable_col(self.row);
        }
        self.caret = self.cell().chars().count();
        self.changed = true;
        Outcome::Changed
    }

    pub fn move_row(&mut self, by: isize, today: NaiveDate) -> Outcome {
        let Some(to) = self.row.checked_add_signed(by) else {
            return Outcome::Moved;
        };
        if self.row < self.fixed || to < self.fixed || to >= self.rows.len() {
            return Outcome::Moved;
        }
        self.commit_cell(today);
        self.checkpoint();
        self.rows.swap(self.row, to);
        self.row = to;
        self.changed = true;
        Outcome::Changed
    }

    /// Reads every date cell (after a paste).
    fn normalise_dates(&mut self, today: NaiveDate) {
        for (c, column) in self.columns.iter().enumerate() {
            if column.kind != ColumnKind::Date {
                continue;
            }
            for row in &mut self.rows {
                let text = row.cells[c].trim();
                if text.is_empty() || dates::read_stored(text).is_some() {
                    continue;
                }
                if let Ok(date) = dates::parse(text, today) {
                    row.cells[c] = dates::stored(date);
                }
            }
        }
    }

    fn checkpoint(&mut self) {
        self.history.record(self.snapshot());
    }

    fn snapshot(&self) -> Snapshot {
        Snapshot {
            rows: self.rows.clone(),
            row: self.row,
            col: self.col,
        }
    }

    fn swap_history(&mut self, back: bool) -> bool {
        let current = || Snapshot {
            rows: self.rows.clone(),
            row: self.row,
            col: self.col,
        };
        let step = if back {
            self.history.undo(current)
        } else {
            self.history.redo(current)
        };
        let Some(snapshot) = step else {
            return false;
        };
        self.rows = snapshot.rows;
        self.row = snapshot.row.min(self.rows.len() - 1);
        self.col = snapshot.col;
        self.caret = self.cell().chars().count();
        self.typing_in = None;
        self.changed = true;
        true
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
