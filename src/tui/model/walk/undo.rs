//! Undo in the answer's editor, by typing burst rather than letter by letter.
//!
//! One undo step per edit (as the editor widget convene used before kept them) makes a sentence
//! typed forty steps back, and an answer replaced whole (Ctrl-E, a promoted card) two, the first
//! of which shows the answer empty. Here the answer's text is kept in the one [`History`] every editor uses, a step at the
//! start of each burst: a word typed (a new word starts a new step), a run of erasing, a pause
//! of [`PAUSE`], a move of the caret; a paste and a replacement are steps of their own.
//!
//! A step is the whole text, but the lines it has in common with the step before it are shared,
//! not copied: a word typed into a 50 KB answer cost a 50 KB copy per step (6.6 MB of heap after
//! four hundred keys, half the app's resident memory), and in a 4 MB answer four megabytes per
//! word. Now a step costs the lines it changed, found by comparing the text with the newest step
//! from both ends, plus a pointer a line. Their weight, what each holds that the step before it
//! does not, is held to [`BUDGET`] bytes together: a long answer keeps fewer steps, never an
//! unbounded pile of copies.

use std::sync::Arc;
use std::time::{Duration, Instant};

use super::Walk;
use crate::tui::model::editor::Editor;

/// A pause in typing this long starts a new undo step.
pub const PAUSE: Duration = Duration::from_secs(1);

/// The most the answer's undo steps may hold together, in bytes of text (at least one step is
/// always kept).
pub const BUDGET: usize = 16 * 1024 * 1024;

/// The answer's text and caret, as an undo step.
#[derive(Debug, Clone)]
pub struct TextState {
    /// Shared with the steps next to it where they are the same.
    lines: Vec<Arc<str>>,
    cursor: (usize, usize),
    /// What it holds of its own in bytes (its changed lines, and a pointer a line), counted
    /// once when it is made: the budget is checked at every step.
    weight: usize,
}

/// `lines` as a step, sharing with `base` the lines at the start and at the end that are the
/// same in both (a burst changes the lines around one place).
fn shared(lines: &[String], base: Option<&TextState>) -> (Vec<Arc<str>>, usize) {
    let old: &[Arc<str>] = base.map_or(&[], |b| &b.lines);
    let head = lines
        .iter()
        .zip(old)
        .take_while(|(new, old)| new.as_str() == &***old)
        .count();
    let tail = lines[head..]
        .iter()
        .rev()
        .zip(old[head..].iter().rev())
        .take_while(|(new, old)| new.as_str() == &***old)
        .count();
    let middle = &lines[head..lines.len() - tail];
    let mut out = Vec::with_capacity(lines.len());
    out.extend(old[..head].iter().cloned());
    out.extend(middle.iter().map(|l| Arc::<str>::from(l.as_str())));
    out.extend(old[old.len() - tail..].iter().cloned());
    let own: usize = middle.iter().map(|l| l.len() + 1).sum();
    (out, own + lines.len() * std::mem::size_of::<Arc<str>>())
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
    /// The text as a step, sharing what it can with `base`.
    fn text_state(&self, base: Option<&TextState>) -> TextState {
        let (lines, weight) = shared(self.editor.lines(), base);
        TextState {
            weight,
            lines,
            cursor: {
                let caret = self.editor.caret();
                (caret.line, caret.col)
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
            let state = self.text_state(self.text_history.newest());
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
            history.undo(|back| self.text_state(Some(back)))
        } else {
            history.redo(|forward| self.text_state(Some(forward)))
        };
        self.text_history = history;
        let Some(state) = step else {
            return false;
        };
        self.editor = Editor::new(state.lines.iter().map(|l| l.to_string()).collect());
        let (line, col) = state.cursor;
        self.editor.jump(line, col);
        self.burst = None;
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<String> {
        text.split('\n').map(str::to_string).collect()
    }

    fn step(text: &str, base: Option<&TextState>) -> TextState {
        let (lines, weight) = shared(&lines(text), base);
        TextState {
            lines,
            cursor: (0, 0),
            weight,
        }
    }

    fn text(state: &TextState) -> String {
        state
            .lines
            .iter()
            .map(|l| &**l)
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn a_step_shares_the_lines_it_did_not_change() {
        let pointer = std::mem::size_of::<Arc<str>>();
        let first = step("one\ntwo\nthree\nfour", None);
        assert_eq!(first.weight, 4 + 4 + 6 + 5 + 4 * pointer);
        // A line typed into and one put in after it: the rest is the first step's own.
        let second = step("one\ntwo and more\nnew\nthree\nfour", Some(&first));
        assert_eq!(text(&second), "one\ntwo and more\nnew\nthree\nfour");
        assert_eq!(second.weight, 13 + 4 + 5 * pointer);
        assert!(Arc::ptr_eq(&first.lines[0], &second.lines[0]));
        assert!(Arc::ptr_eq(&first.lines[3], &second.lines[4]));
        // Lines taken away, and the same text again.
        let third = step("one\nfour", Some(&second));
        assert_eq!(text(&third), "one\nfour");
        assert_eq!(third.weight, 2 * pointer);
        let same = step("one\nfour", Some(&third));
        assert_eq!(same.weight, 2 * pointer);
        // Every line the same word: nothing is counted twice.
        let a = step("x\nx\nx", None);
        let b = step("x\nx", Some(&a));
        assert_eq!(text(&b), "x\nx");
        let c = step("", Some(&b));
        assert_eq!(text(&c), "");
    }
}
