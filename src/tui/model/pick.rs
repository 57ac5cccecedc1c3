//! Choosing from a list: one option (a community's stage, the meeting cadence) or any number of
//! them plus the facilitator's own (the activities).
//!
//! ↑/↓ move, Space or Enter chooses, a number picks an option of a short list directly. With
//! several choices allowed, the last line is "add your own": typing anywhere in the list goes
//! there, as typing goes straight into any other answer, and Enter adds it, chosen.

use super::history::History;
use super::line::LineInput;
use crate::community::Answer;
use crate::tui::keymap::{Erase, Move, Typing};
use tui_input::InputRequest;

/// A list to choose from.
#[derive(Debug, Clone)]
pub struct Pick {
    /// The guide's options, then the facilitator's own (or, for one choice, a hand-written
    /// answer that is not an option).
    pub items: Vec<String>,
    /// How many of `items` are the guide's options.
    pub options: usize,
    pub chosen: Vec<bool>,
    /// Whether several may be chosen (and own items added).
    pub multi: bool,
    /// The focused line: an item, or (`items.len()`, with `multi`) the "add your own" line.
    pub cursor: usize,
    /// What is typed on the "add your own" line.
    pub typing: LineInput,
    pub changed: bool,
    history: History<(Vec<String>, Vec<bool>)>,
}

impl Pick {
    /// One of `options`, currently `answer`.
    pub fn one(options: &[String], answer: Option<&Answer>) -> Pick {
        let mut items = options.to_vec();
        let current = match answer {
            Some(Answer::Text(text)) if !text.trim().is_empty() => Some(text.trim().to_string()),
            _ => None,
        };
        if let Some(text) = &current
            && !items.contains(text)
        {
            items.push(text.clone());
        }
        let chosen = items.iter().map(|i| Some(i) == current.as_ref()).collect();
        let cursor = items.iter().position(|i| Some(i) == current.as_ref());
        Pick::build(items, options.len(), chosen, false, cursor.unwrap_or(0))
    }

    /// Any of `options` plus the facilitator's own, currently `answer`.
    pub fn many(options: &[String], answer: Option<&Answer>) -> Pick {
        let current: Vec<String> = match answer {
            Some(Answer::Items(items)) => items
                .iter()
                .map(|i| i.trim().to_string())
                .filter(|i| !i.is_empty())
                .collect(),
            Some(Answer::Text(text)) if !text.trim().is_empty() => vec![text.trim().to_string()],
            _ => Vec::new(),
        };
        let mut items = options.to_vec();
        for own in &current {
            if !items.contains(own) {
                items.push(own.clone());
            }
        }
        let chosen = items.iter().map(|i| current.contains(i)).collect();
        Pick::build(items, options.len(), chosen, true, 0)
    }

    fn build(
        items: Vec<String>,
        options: usize,
        chosen: Vec<bool>,
        multi: bool,
        cursor: usize,
    ) -> Pick {
        Pick {
            items,
            options,
            chosen,
            multi,
            cursor,
            typing: LineInput::new(usize::MAX),
            changed: false,
            history: History::default(),
        }
    }

    /// The answer as the file keeps it: the chosen items, in list order, then an item of the
    /// facilitator's own still being typed — saved like any typing, so a crash cannot take it,
    /// though it joins the list only with Enter or on the way out.
    pub fn answer(&self) -> Answer {
        let chosen = self
            .items
            .iter()
            .zip(&self.chosen)
            .filter(|(_, c)| **c)
            .map(|(i, _)| i.clone());
        if self.multi {
            let mut items: Vec<String> = chosen.collect();
            let typing = self.typing.text().trim();
            if !typing.is_empty() && !items.iter().any(|i| i == typing) {
                items.push(typing.to_string());
            }
            Answer::Items(items)
        } else {
            Answer::Text(chosen.into_iter().next().unwrap_or_default())
        }
    }

    pub fn has_content(&self) -> bool {
        self.chosen.iter().any(|c| *c)
    }

    /// Whether the focus is on the "add your own" line.
    pub fn on_own_line(&self) -> bool {
        self.multi && self.cursor == self.items.len()
    }

    fn last_line(&self) -> usize {
        if self.multi {
            self.items.len()
        } else {
            self.items.len().saturating_sub(1)
        }
    }

    /// A key that is not a walk command, as the keymap reads it; returns whether the answer
    /// changed.
    pub fn key(&mut self, typing: Typing) -> bool {
        match typing {
            Typing::Move(Move::Up) => {
                self.cursor = self.cursor.saturating_sub(1);
                false
            }
            Typing::Move(Move::Down) => {
                self.cursor = (self.cursor + 1).min(self.last_line());
                false
            }
            Typing::Move(Move::LineStart | Move::Top) => {
                self.cursor = 0;
                false
            }
            Typing::Move(Move::LineEnd | Move::Bottom) => {
                self.cursor = self.last_line();
                false
            }
            Typing::Newline if self.on_own_line() => self.add_own(),
            _ if self.on_own_line() => typing.on_a_line().is_some_and(|edit| self.edit_own(edit)),
            Typing::Newline | Typing::Char(' ') => self.toggle(self.cursor),
            Typing::Erase(Erase::Back | Erase::Forward) if !self.multi => self.clear(),
            Typing::Char(c) if !self.multi => match c.to_digit(10) {
                Some(n) if (1..=self.items.len()).contains(&(n as usize)) => {
                    self.cursor = n as usize - 1;
                    self.toggle(self.cursor)
                }
                _ => false,
            },
            Typing::Char(c) if self.multi && !c.is_control() => {
                // Typing on the list starts the facilitator's own item.
                self.cursor = self.items.len();
                self.edit_own(InputRequest::InsertChar(c))
            }
            _ => false,
        }
    }

    /// An edit of the "add your own" line: unsaved typing, like any other; returns whether the
    /// line changed.
    fn edit_own(&mut self, edit: InputRequest) -> bool {
        let changed = self.typing.edit(edit);
        self.changed |= changed;
        changed
    }

    /// Adds what is typed on the "add your own" line, if anything; returns whether it did.
    pub fn keep_typing(&mut self) -> bool {
        self.multi && !self.typing.text().trim().is_empty() && self.add_own()
    }

    /// A pasted block: with several choices, each line is an item of the facilitator's own.
    pub fn paste(&mut self, text: &str) -> bool {
        if !self.multi {
            return false;
        }
        let lines: Vec<String> = text
            .lines()
            .map(|l| l.chars().filter(|c| !c.is_control()).collect::<String>())
            .map(|l| l.trim().to_string())
            .filter(|l| !l.is_empty())
            .collect();
        if lines.len() == 1 {
            self.cursor = self.items.len();
            self.typing.insert(&lines[0]);
            self.changed = true;
            return true;
        }
        let mut changed = false;
        for line in lines {
            self.typing = LineInput::with_text(&line, usize::MAX);
            changed |= self.add_own();
        }
        changed
    }

    pub fn undo(&mut self) -> bool {
        self.step_history(true)
    }

    pub fn redo(&mut self) -> bool {
        self.step_history(false)
    }

    /// Goes back (or forward) one step in the history of choices.
    fn step_history(&mut self, back: bool) -> bool {
        let current = |_: &_| (self.items.clone(), self.chosen.clone());
        let step = if back {
            self.history.undo(current)
        } else {
            self.history.redo(current)
        };
        let Some((items, chosen)) = step else {
            return false;
        };
        self.items = items;
        self.chosen = chosen;
        self.cursor = self.cursor.min(self.last_line());
        self.changed = true;
        true
    }

    fn checkpoint(&mut self) {
        self.history
            .record((self.items.clone(), self.chosen.clone()));
        self.changed = true;
    }

    fn toggle(&mut self, at: usize) -> bool {
        if at >= self.items.len() {
            return false;
        }
        self.checkpoint();
        let on = !self.chosen[at];
        if !self.multi {
            self.chosen.iter_mut().for_each(|c| *c = false);
        }
        self.chosen[at] = on;
        true
    }

    fn clear(&mut self) -> bool {
        if !self.has_content() {
            return false;
        }
        self.checkpoint();
        self.chosen.iter_mut().for_each(|c| *c = false);
        true
    }

    /// Adds what is typed on the last line as a chosen item of the facilitator's own (or
    /// chooses the item it names, if it is already listed).
    fn add_own(&mut self) -> bool {
        let text = self.typing.take().trim().to_string();
        if text.is_empty() {
            return false;
        }
        self.checkpoint();
        match self
            .items
            .iter()
            .position(|i| i.eq_ignore_ascii_case(&text))
        {
            Some(at) => self.chosen[at] = true,
            None => {
                self.items.push(text);
                self.chosen.push(true);
            }
        }
        self.cursor = self.items.len();
        true
    }
}
