//! Undo in the answer's editor, by typing burst rather than letter by letter.
//!
//! ratatui-textarea keeps one undo step per edit: a sentence typed is forty steps back, and an
//! answer replaced whole (Ctrl-E, a promoted card) is two, the first of which shows the answer
//! empty. Here the answer's text is kept in the one [`History`] every editor uses, a step at the
//! start of each burst: a word typed (a new word starts a new step), a run of erasing, a pause
//! of [`PAUSE`], a move of the caret; a paste and a replacement are steps of their own. Steps
//! hold the whole text, so their total is held to [`BUDGET`] bytes: a long answer keeps fewer
//! steps, never an unbounded pile of copies.

use std::time::{Duration, Instant};

use ratatui_textarea::TextArea;

use super::Walk;

/// A pause in typing this long starts a new undo step.
pub const PAUSE: Duration = Duration::from_secs(1);

/// The most the answer's undo steps may hold together, in bytes of text (at least one step is
/// always kept).
pub const BUDGET: usize = 16 * 1024 * 1024;

/// The answer's text and caret, as an undo step.
#[derive(Debug, Clone)]
pub struct TextState {
    lines: Vec<String>,
    cursor: (usize, usize),
    /// Its size in bytes, counted once when it is made: the budget is checked at every step.
    weight: usize,
}

impl TextState {
    fn weight(&self) -> usize {
        self.weight
    }
}

/// What the edit about to happen is, for telling where a burst ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    /// A character typed (a line break is one too).
    Type(char),
    Erase,
    /// A paste, or the whole answer replaced: a step of its own.
    Whole,
}

/// The burst under way: what it is and when it last went on.
#[derive(Debug, Clone, Copy)]
pub struct Burst {
    erasing: bool,
    at: Instant,
    /// The last character typed was a space (or a line break): the next word is a new step.
    after_space: bool,
}

impl Walk {
    fn text_state(&self) -> TextState {
        let lines = self.editor.lines().to_vec();
        TextState {
            weight: lines.iter().map(|l| l.len() + 1).sum(),
            lines,
            cursor: {
                let ratatui_textarea::DataCursor(row, col) = self.editor.cursor();
                (row, col)
            },
        }
    }

    /// Before `edit` at `at`: records the text as an undo step if the edit starts a new burst.
    pub(super) fn before_text_edit(&mut self, edit: Edit, at: Instant) {
        let new_step = match (self.burst, edit) {
            (None, _) | (_, Edit::Whole) => true,
            (Some(burst), Edit::Erase) => !burst.erasing || at > burst.at + PAUSE,
            (Some(burst), Edit::Type(c)) => {
                burst.erasing || at > burst.at + PAUSE || (burst.after_space && !c.is_whitespace())
            }
        };
        if new_step {
            let state = self.text_state();
            self.text_history.record(state);
            self.text_history.trim(BUDGET, TextState::weight);
        }
        self.burst = match edit {
            Edit::Whole => None,
            Edit::Erase => Some(Burst {
                erasing: true,
                at,
                after_space: false,
            }),
            Edit::Type(c) => Some(Burst {
                erasing: false,
                at,
                after_space: c.is_whitespace(),
            }),
        };
    }

    /// The caret moved: the next edit is a new step.
    pub(super) fn end_burst(&mut self) {
        self.burst = None;
    }

    /// Undoes (`back`) or redoes a step of the answer's text; returns whether there was one.
    pub(super) fn step_text(&mut self, back: bool) -> bool {
        let mut history = std::mem::take(&mut self.text_history);
        let step = if back {
            history.undo(|_| self.text_state())
        } else {
            history.redo(|_| self.text_state())
        };
        self.text_history = history;
        let Some(state) = step else {
            return false;
        };
        self.editor = editor_with(state.lines);
        let (row, col) = state.cursor;
        super::typing::jump(&mut self.editor, row, col);
        self.burst = None;
        true
    }
}

/// The answer's editor on `lines`, as every field's is set up: its own history off (the walk
/// keeps the steps, see the module's comment). Its wrapping is convene's (see
/// [`crate::tui::model::wrap`]): the widget edits, convene lays out and draws.
pub(super) fn editor_with(lines: Vec<String>) -> TextArea<'static> {
    let mut editor = TextArea::new(lines);
    editor.set_max_histories(0);
    editor
}
