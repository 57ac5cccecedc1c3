//! Typing in a table: the focused cell's text, moving between cells, pastes, and reading dates
//! when the caret leaves their cell.

use chrono::NaiveDate;
use tui_input::InputRequest;

use super::{Outcome, Row, Table};
use crate::dates;
use crate::guide::ColumnKind;
use crate::tui::keymap::{Move, Typing};
use crate::tui::model::line::LineInput;

impl Table {
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
    pub(super) fn edit_text(&mut self, edit: InputRequest) -> Outcome {
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
            // A pasted code becomes its word, as a typed one does ("2" in a role column).
            let kind = self.column().kind;
            let (cell, caret) = match as_word(kind, line.text()) {
                Some(word) => (word.to_string(), word.chars().count()),
                None => (line.text().to_string(), line.caret()),
            };
            return self.edit_cell(|old, _| {
                *old = cell;
                caret
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
            for ((cell, value), column) in
                row.cells.iter_mut().zip(line.split('\t')).zip(self.columns)
            {
                let value: String = value.trim().chars().filter(|c| !c.is_control()).collect();
                *cell = as_word(column.kind, &value).map_or(value, str::to_string);
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

    pub(super) fn typed(&mut self, c: char) -> Outcome {
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
            let mut line = LineInput::at(self.cell(), self.caret);
            line.edit(InputRequest::InsertChar(c));
            if line.text().trim().parse::<i64>().is_ok_and(|n| n > max) {
                self.message = Some(format!(
                    "{} takes a number from 0 to {max}",
                    self.column().title
                ));
                return Outcome::Moved;
            }
        }
        self.edit_text(InputRequest::InsertChar(c))
    }

    /// Changes the focused cell with `f`, which returns the new caret; one undo step per run of
    /// typing in one cell.
    pub(super) fn edit_cell(&mut self, f: impl FnOnce(&mut String, usize) -> usize) -> Outcome {
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

    pub(super) fn caret_to(&mut self, caret: usize) -> Outcome {
        self.caret = caret;
        Outcome::Moved
    }

    /// Focuses a cell, reading the one left first.
    pub(super) fn focus(&mut self, row: usize, col: usize, today: NaiveDate) -> Outcome {
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
    pub(super) fn step_on(&mut self, may_add: bool, today: NaiveDate) -> Outcome {
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

    pub(super) fn step_back(&mut self, today: NaiveDate) -> Outcome {
        if self.col > self.first_editable_col(self.row) {
            return self.focus(self.row, self.col - 1, today);
        }
        if self.row > 0 {
            return self.focus(self.row - 1, self.columns.len() - 1, today);
        }
        Outcome::Moved
    }
}

/// The option a choice column's code stands for ("2" → the second role), when `text` is one.
fn as_word(kind: ColumnKind, text: &str) -> Option<&'static str> {
    let ColumnKind::Choice(options) = kind else {
        return None;
    };
    let n: usize = text.trim().parse().ok()?;
    (1..=options.len()).contains(&n).then(|| options[n - 1])
}
