//! Typing into the field on screen: keys (as the keymap reads them), pastes, undo and redo,
//! a rating chosen, a text replaced whole.
//!
//! A character that would take the file past the size convene can open is refused before it
//! goes in (see [`crate::tui::model::room`]); nothing is typed on a read-only community, on a
//! summary, or over a value kept as written.

use super::{Input, RatingFocus, Walk};
use crate::community::RatingValue;

use super::undo::Edit;
use crate::tui::keymap::{Erase, Move, Typing};
use crate::tui::model::Now;
use crate::tui::model::editor::{Caret, Editor};
use crate::tui::model::room::{self, TooLarge};
use crate::tui::model::table;
use crate::tui::model::wrap::{self, Drawn};

impl Walk {
    /// A key that is no command, as the keymap reads it: typing into the field on screen. A
    /// character that would take the file past the size convene can open is refused.
    pub fn key(&mut self, typing: Typing, now: Now) -> Result<(), TooLarge> {
        if self.read_only() || self.is_summary() || self.is_kept() {
            return Ok(());
        }
        if let Some(typed) = typing.typed() {
            self.accept(typed.encode_utf8(&mut [0; 4]))?;
        }
        let changed = match &mut self.input {
            Input::Table(table) => Some(table.key(typing, self.today) == table::Outcome::Changed),
            Input::Pick(pick) => Some(pick.key(typing)),
            // A date is one line: Enter reads it (on the way out) rather than breaking it.
            Input::Date if typing == Typing::Newline => Some(false),
            Input::Text | Input::Date => None,
        };
        if let Some(changed) = changed {
            if changed {
                self.edited(now);
            }
            return Ok(());
        }
        if self.is_rating() && self.rating_focus == RatingFocus::Choice {
            // Choosing is done by commands (see `Walk::rate`); a character starts the comment.
            match typing {
                Typing::Char(_) => self.rating_focus = RatingFocus::Comment,
                _ => return Ok(()),
            }
        }
        if self.is_rating() && typing == Typing::Move(Move::Up) && self.on_first_row() {
            self.rating_focus = RatingFocus::Choice;
            return Ok(());
        }
        match typing {
            Typing::Char(c) => self.before_text_edit(Edit::Type(c), now.at),
            Typing::Newline => self.before_text_edit(Edit::Type('\n'), now.at),
            Typing::Erase(erase) if erases(&self.editor, erase) => {
                self.before_text_edit(Edit::Erase, now.at)
            }
            Typing::Erase(_) => return Ok(()),
            Typing::Move(_) => self.end_burst(),
        }
        if edit_text(&mut self.editor, &self.drawn, typing) {
            self.edited(now);
        }
        Ok(())
    }

    /// Words typed but not yet sent where they go — an activity of the facilitator's own on
    /// the list's last line — are kept on the way out (a move, a quit) rather than dropped. Not
    /// on autosave: the facilitator may still be typing them.
    pub fn keep_pending(&mut self, now: Now) {
        if self.read_only() {
            return;
        }
        if let Input::Pick(pick) = &mut self.input
            && pick.keep_typing()
        {
            self.mark_dirty(now);
        }
    }

    /// Adds, deletes or moves a row of the table on screen.
    pub fn table_command(&mut self, command: crate::tui::keymap::Command, now: Now) {
        use crate::tui::keymap::Command;
        if self.read_only() || self.is_kept() {
            return;
        }
        let Input::Table(table) = &mut self.input else {
            return;
        };
        let outcome = match command {
            Command::AddRow => table.add_row(self.today),
            Command::DeleteRow => table.delete_row(self.today),
            Command::RowUp => table.move_row(-1, self.today),
            Command::RowDown => table.move_row(1, self.today),
            _ => table::Outcome::Moved,
        };
        if outcome == table::Outcome::Changed {
            self.edited(now);
        }
    }

    /// A pasted block: inserted whole, line breaks included; refused whole if it would take
    /// the file past the size convene can open.
    pub fn paste(&mut self, text: &str, now: Now) -> Result<(), TooLarge> {
        if self.read_only() || self.is_summary() || self.is_kept() {
            return Ok(());
        }
        self.accept(text)?;
        let changed = match &mut self.input {
            Input::Table(table) => Some(table.paste(text, self.today) == table::Outcome::Changed),
            Input::Pick(pick) => Some(pick.paste(text)),
            Input::Text | Input::Date => None,
        };
        if let Some(changed) = changed {
            if changed {
                self.edited(now);
            }
            return Ok(());
        }
        if self.is_rating() {
            self.rating_focus = RatingFocus::Comment;
        }
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        let text = match self.input {
            Input::Date => text.replace('\n', " "),
            _ => text,
        };
        self.before_text_edit(Edit::Whole, now.at);
        if self.editor.insert_str(&text) {
            self.edited(now);
        }
        Ok(())
    }

    pub fn undo(&mut self, now: Now) {
        self.step(true, now);
    }

    pub fn redo(&mut self, now: Now) {
        self.step(false, now);
    }

    /// One step back (`back`) or forward in the field's history, whichever editor it has.
    fn step(&mut self, back: bool, now: Now) {
        if self.is_kept() {
            return;
        }
        let stepped = match &mut self.input {
            Input::Table(table) if back => table.undo(),
            Input::Table(table) => table.redo(),
            Input::Pick(pick) if back => pick.undo(),
            Input::Pick(pick) => pick.redo(),
            Input::Text | Input::Date => self.step_text(back),
        };
        if stepped {
            self.edited(now);
        }
    }

    /// Replaces the answer on screen (after an external editor, or a card taken into it), as
    /// one undoable edit; refused if the new text would take the file past the size convene can
    /// open.
    pub fn replace_text(&mut self, text: &str, now: Now) -> Result<(), TooLarge> {
        if self.read_only()
            || self.is_summary()
            || !self.in_text()
            || self.is_kept()
            || text == self.editor_text()
        {
            return Ok(());
        }
        let old = self.editor_text().len();
        let cost = room::cost(text).saturating_sub(old);
        let left = self.room();
        if cost > left {
            return Err(TooLarge { cost, left });
        }
        self.growth += cost;
        // One undo step, whatever comes back.
        self.before_text_edit(Edit::Whole, now.at);
        self.editor.clear();
        self.editor.insert_str(text);
        self.edited(now);
        Ok(())
    }

    /// Rates the statement on screen with the rating at index `i` of [`RatingValue::ALL`].
    pub fn rate(&mut self, i: usize, now: Now) {
        let Some(value) = RatingValue::ALL.get(i).copied() else {
            return;
        };
        let Some(q) = self.question().filter(|q| q.kind.is_rating()) else {
            return;
        };
        if self.is_kept() {
            return;
        }
        let mut rating = self
            .session
            .community()
            .ratings
            .get(&q.id)
            .cloned()
            .unwrap_or_default();
        if rating.value != Some(value)
            && let Ok(community) = self.session.edit(now)
        {
            rating.value = Some(value);
            community.set_rating(&q.id, rating);
        }
    }

    /// The next rating (`later`) or the previous one; the first when there is none yet.
    pub fn rate_step(&mut self, later: bool, now: Now) {
        let all = RatingValue::ALL;
        let current = self.rating().and_then(|v| all.iter().position(|a| *a == v));
        let i = match (current, later) {
            (None, _) => 0,
            (Some(i), true) => (i + 1).min(all.len() - 1),
            (Some(i), false) => i.saturating_sub(1),
        };
        self.rate(i, now);
    }

    /// From a statement's rating to its comment.
    pub fn to_comment(&mut self) {
        if self.is_rating() {
            self.rating_focus = RatingFocus::Comment;
        }
    }
}

/// Does `typing` in the answer's editor; returns whether the text changed. ↑/↓ and the page
/// keys move by the rows drawn (see [`wrap`]).
fn edit_text(editor: &mut Editor, drawn: &Drawn, typing: Typing) -> bool {
    let to = match typing {
        Typing::Char(c) => {
            editor.insert_char(c);
            return true;
        }
        Typing::Newline => {
            editor.insert_newline();
            return true;
        }
        Typing::Erase(erase) => {
            return match erase {
                Erase::Back => editor.delete_char(),
                Erase::Forward => editor.delete_next_char(),
                Erase::WordBack => editor.delete_word(),
                Erase::WordForward => editor.delete_next_word(),
                Erase::ToLineStart => editor.delete_line_by_head(),
                Erase::ToLineEnd => editor.delete_line_by_end(),
            };
        }
        Typing::Move(to) => to,
    };
    let page = drawn.height().saturating_sub(1).max(1) as isize;
    match to {
        Move::Left => editor.back(),
        Move::Right => editor.forward(),
        Move::Up => move_rows(editor, drawn, -1),
        Move::Down => move_rows(editor, drawn, 1),
        Move::PageUp => move_rows(editor, drawn, -page),
        Move::PageDown => move_rows(editor, drawn, page),
        Move::WordLeft => editor.word_back(),
        Move::WordRight => editor.word_forward(),
        Move::LineStart => editor.line_start(),
        Move::LineEnd => editor.line_end(),
        // The start and end of the whole answer.
        Move::Top => editor.jump(0, 0),
        Move::Bottom => editor.to_end(),
    }
    false
}

/// Moves the caret `by` rows as drawn, keeping its column where the row is long enough; at the
/// first (last) row, up (down) goes to its start (end), as in a word processor.
fn move_rows(editor: &mut Editor, drawn: &Drawn, by: isize) {
    let width = drawn.width();
    let lines = editor.lines();
    let Caret { line, col } = editor.caret();
    let rows = drawn.rows(lines);
    let from = wrap::row_of(&rows, line, col);
    let goal = wrap::column(&lines[line], rows[from], col, width);
    let to = from.saturating_add_signed(by).min(rows.len() - 1);
    let (line, col) = if to == from {
        let row = rows[from];
        (row.line, if by < 0 { row.start } else { row.end })
    } else {
        wrap::caret_at(lines, &rows, to, goal)
    };
    editor.jump(line, col);
}

impl Walk {
    /// Whether the caret is on the first row drawn of the text.
    fn on_first_row(&self) -> bool {
        let Caret { line, col } = self.editor.caret();
        let rows = self.drawn.rows(self.editor.lines());
        wrap::row_of(&rows, line, col) == 0
    }

    /// A click at column `x`, row `y` of the editor's area: the caret goes to the character
    /// drawn there (past the end of a row, to its end). Only in a text answer shown as drawn.
    pub fn click(&mut self, x: u16, y: u16) {
        if !matches!(self.input, Input::Text | Input::Date) || self.is_kept() {
            return;
        }
        let lines = self.editor.lines();
        let rows = self.drawn.rows(lines);
        let index = self.drawn.top.get() + usize::from(y);
        if index >= rows.len() {
            // Below the text: the end of it.
            self.editor.to_end();
            self.end_burst();
            return;
        }
        let (line, col) = wrap::caret_at(lines, &rows, index, usize::from(x));
        self.editor.jump(line, col);
        self.end_burst();
    }

    /// The wheel: the answer scrolls `by` rows, within its text (a short answer does not
    /// scroll), and the caret stays on a row in view.
    pub fn wheel(&mut self, by: isize) {
        if !matches!(self.input, Input::Text | Input::Date) {
            return;
        }
        let (width, height) = (self.drawn.width(), self.drawn.height());
        let lines = self.editor.lines();
        let rows = self.drawn.rows(lines);
        let most = rows.len().saturating_sub(height);
        let top = self.drawn.top.get().saturating_add_signed(by).min(most);
        self.drawn.top.set(top);
        let Caret { line, col } = self.editor.caret();
        let caret = wrap::row_of(&rows, line, col);
        let into = caret.clamp(top, top + height - 1);
        if into != caret {
            let goal = wrap::column(&lines[line], rows[caret], col, width);
            let (line, col) = wrap::caret_at(lines, &rows, into, goal);
            self.editor.jump(line, col);
            self.end_burst();
        }
    }
}

/// Whether `erase` takes something away where the caret is (nothing before the very start,
/// nothing after the very end): an erase that changes nothing is no undo step.
fn erases(editor: &Editor, erase: Erase) -> bool {
    let Caret { line: row, col } = editor.caret();
    let lines = editor.lines();
    let at_start = row == 0 && col == 0;
    let at_end = row + 1 >= lines.len() && col >= lines.last().map_or(0, |l| l.chars().count());
    match erase {
        Erase::Back | Erase::WordBack | Erase::ToLineStart => !at_start,
        Erase::Forward | Erase::WordForward | Erase::ToLineEnd => !at_end,
    }
}
