//! Whole rows: adding, deleting and moving them, and undoing any change to the table.

use chrono::NaiveDate;

use super::{Outcome, Row, Snapshot, Table};
use crate::dates;
use crate::guide::ColumnKind;

impl Table {
    pub fn undo(&mut self) -> bool {
        self.swap_history(true)
    }

    pub fn redo(&mut self) -> bool {
        self.swap_history(false)
    }

    /// Every row replaced by `records` (an earlier version's), as one undo step.
    pub fn replace_rows(&mut self, records: &[crate::community::Record], today: NaiveDate) {
        self.commit_cell(today);
        self.checkpoint();
        self.rows = records
            .iter()
            .map(|r| Row::from_record(self.columns, r))
            .collect();
        if self.rows.len() <= self.fixed {
            self.rows.push(Row::empty(self.columns));
        }
        self.row = 0;
        self.col = self.first_editable_col(0);
        self.caret = self.cell().chars().count();
        self.changed = true;
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
    pub(super) fn normalise_dates(&mut self, today: NaiveDate) {
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

    pub(super) fn checkpoint(&mut self) {
        self.history.record(self.snapshot());
    }

    pub(super) fn snapshot(&self) -> Snapshot {
        Snapshot {
            rows: self.rows.clone(),
            row: self.row,
            col: self.col,
        }
    }

    pub(super) fn swap_history(&mut self, back: bool) -> bool {
        let current = |_: &Snapshot| Snapshot {
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
