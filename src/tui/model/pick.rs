//! Choosing from a list: one option (a community's stage, the meeting cadence) or any number of
//! them plus the facilitator's own (the activities).
//!
//! ↑/↓ move, Space or Enter chooses, a number picks an option of a short list directly. The
//! last line takes the facilitator's own words — "add your own" with several choices, "or in
//! your own words" with one: typing on the list goes there, as typing goes straight into any
//! other answer, and Enter adds it, chosen (with one choice, in place of the one before). So a
//! cadence can be "the first Thursday of the month" as well as one of the list's rhythms.
//!
//! With one choice, a digit picks an option, so "2nd Tuesday" would pick the second option and
//! type "nd Tuesday". A letter straight after a digit's pick takes the pick back and starts
//! the own words with the digit: a number is a pick only when no word follows it.

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
    /// The focused line: an item, or (`items.len()`) the own-words line.
    pub cursor: usize,
    /// What is typed on the own-words line.
    pub typing: LineInput,
    pub changed: bool,
    /// The digit that picked an option by the last key, and any digits typed straight after
    /// it: empty once any other key comes.
    digits: String,
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
            digits: String::new(),
            history: History::default(),
        }
    }

    /// The answer as the file keeps it: the chosen items, in list order, then the
    /// facilitator's own words still being typed — saved like any typing, so a crash cannot
    /// take them, though they join the list only with Enter or on the way out. With one
    /// choice, words being typed are the answer: choosing an option puts them aside first.
    pub fn answer(&self) -> Answer {
        let chosen = self
            .items
            .iter()
            .zip(&self.chosen)
            .filter(|(_, c)| **c)
            .map(|(i, _)| i.clone());
        let typing = self.typing.text().trim();
        if self.multi {
            let mut items: Vec<String> = chosen.collect();
            if !typing.is_empty() && !items.iter().any(|i| i == typing) {
                items.push(typing.to_string());
            }
            Answer::Items(items)
        } else if !typing.is_empty() {
            Answer::Text(typing.to_string())
        } else {
            Answer::Text(chosen.into_iter().next().unwrap_or_default())
        }
    }

    pub fn has_content(&self) -> bool {
        self.any_chosen() || !self.typing.text().trim().is_empty()
    }

    fn any_chosen(&self) -> bool {
        self.chosen.iter().any(|c| *c)
    }

    /// Whether the focus is on the own-words line.
    pub fn on_own_line(&self) -> bool {
        self.cursor == self.items.len()
    }

    fn last_line(&self) -> usize {
        self.items.len()
    }

    /// A key that is not a walk command, as the keymap reads it; returns whether the answer
    /// changed.
    pub fn key(&mut self, typing: Typing) -> bool {
        let digits = std::mem::take(&mut self.digits);
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
            // More digits after a pick wait for what follows them ("12th").
            Typing::Char(c) if !digits.is_empty() && c.is_ascii_digit() => {
                self.digits = digits + c.encode_utf8(&mut [0; 4]);
                false
            }
            // "2nd Tuesday", "2 weeks": the digits were the start of words, not a pick.
            Typing::Char(c) if !digits.is_empty() && (c.is_alphabetic() || c == ' ') => {
                self.undo();
                self.cursor = self.items.len();
                for c in digits.chars().chain([c]) {
                    self.edit_own(InputRequest::InsertChar(c));
                }
                true
            }
            Typing::Newline | Typing::Char(' ') => self.toggle(self.cursor),
            Typing::Erase(Erase::Back | Erase::Forward) if !self.multi => self.clear(),
            Typing::Char(c) if !self.multi && self.option_numbered(c).is_some() => {
                self.cursor = self.option_numbered(c).unwrap_or_default();
                let picked = self.toggle(self.cursor);
                if picked {
                    self.digits.push(c);
                }
                picked
            }
            Typing::Char(c) if !c.is_control() => {
                // Typing on the list starts the facilitator's own words.
                self.cursor = self.items.len();
                self.edit_own(InputRequest::InsertChar(c))
            }
            _ => false,
        }
    }

    /// The item a digit picks on a list of one choice short enough to number.
    fn option_numbered(&self, c: char) -> Option<usize> {
        let n = c.to_digit(10)? as usize;
        (1..=self.items.len().min(9)).contains(&n).then(|| n - 1)
    }

    /// An edit of the own-words line: unsaved typing, like any other; returns whether the
    /// line changed.
    fn edit_own(&mut self, edit: InputRequest) -> bool {
        let changed = self.typing.edit(edit);
        self.changed |= changed;
        changed
    }

    /// Adds what is typed on the own-words line, if anything; returns whether it did.
    pub fn keep_typing(&mut self) -> bool {
        !self.typing.text().trim().is_empty() && self.add_own()
    }

    /// A pasted block: with several choices, each line is an item of the facilitator's own;
    /// with one, the lines are the own words, joined into one line.
    pub fn paste(&mut self, text: &str) -> bool {
        let lines: Vec<String> = text
            .lines()
            .map(|l| l.chars().filter(|c| !c.is_control()).collect::<String>())
            .map(|l| l.trim().to_string())
            .filter(|l| !l.is_empty())
            .collect();
        if !self.multi && !lines.is_empty() {
            self.cursor = self.items.len();
            self.typing.insert(&lines.join(" "));
            self.changed = true;
            return true;
        }
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

    /// The choices replaced by those of `answer` (an earlier version's), as one undo step.
    pub fn replace(&mut self, answer: Option<&Answer>) {
        self.checkpoint();
        let options = &self.items[..self.options];
        let fresh = if self.multi {
            Pick::many(options, answer)
        } else {
            Pick::one(options, answer)
        };
        self.items = fresh.items;
        self.chosen = fresh.chosen;
        self.typing = LineInput::new(usize::MAX);
        self.cursor = self.cursor.min(self.last_line());
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
        self.put_words_aside();
        self.checkpoint();
        let on = !self.chosen[at];
        if !self.multi {
            self.chosen.iter_mut().for_each(|c| *c = false);
        }
        self.chosen[at] = on;
        true
    }

    fn clear(&mut self) -> bool {
        self.put_words_aside();
        if !self.any_chosen() {
            return false;
        }
        self.checkpoint();
        self.chosen.iter_mut().for_each(|c| *c = false);
        true
    }

    /// Adds what is typed on the last line as a chosen item of the facilitator's own (or
    /// chooses the item it names, if it is already listed); with one choice, in place of the
    /// one chosen before, and the focus goes to it.
    fn add_own(&mut self) -> bool {
        let text = self.typing.take().trim().to_string();
        if text.is_empty() {
            return false;
        }
        self.checkpoint();
        if !self.multi {
            self.chosen.iter_mut().for_each(|c| *c = false);
        }
        let at = self.listed(&text);
        self.chosen[at] = true;
        self.cursor = if self.multi { self.items.len() } else { at };
        true
    }

    /// Where `text` is in the list, added at its end (not chosen) if it was not there.
    fn listed(&mut self, text: &str) -> usize {
        match self.items.iter().position(|i| i.eq_ignore_ascii_case(text)) {
            Some(at) => at,
            None => {
                self.items.push(text.to_string());
                self.chosen.push(false);
                self.items.len() - 1
            }
        }
    }

    /// With one choice, words typed but not set are the answer until an option is chosen in
    /// their place: they go into the list, not chosen, rather than vanish.
    fn put_words_aside(&mut self) {
        if self.multi || self.typing.text().trim().is_empty() {
            return;
        }
        let text = self.typing.take().trim().to_string();
        self.listed(&text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cadence(answer: Option<&str>) -> Pick {
        let options: Vec<String> = ["weekly", "every two weeks", "monthly"]
            .map(String::from)
            .to_vec();
        let answer = answer.map(|a| Answer::Text(a.to_string()));
        Pick::one(&options, answer.as_ref())
    }

    fn type_in(pick: &mut Pick, text: &str) {
        for c in text.chars() {
            pick.key(if c == '\n' {
                Typing::Newline
            } else {
                Typing::Char(c)
            });
        }
    }

    fn text(pick: &Pick) -> String {
        match pick.answer() {
            Answer::Text(text) => text,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn own_words_typed_on_a_single_choice_are_set_with_enter_in_place_of_the_choice() {
        let mut pick = cadence(Some("monthly"));
        type_in(&mut pick, "first Thursday");
        assert!(pick.on_own_line());
        assert_eq!(
            text(&pick),
            "first Thursday",
            "words being typed are the answer"
        );
        type_in(&mut pick, " of the month\n");
        assert_eq!(text(&pick), "first Thursday of the month");
        assert_eq!(pick.chosen.iter().filter(|c| **c).count(), 1);
        assert_eq!(pick.items[pick.cursor], "first Thursday of the month");
        assert!(pick.typing.text().is_empty());
        // Own words that name an option choose it.
        type_in(&mut pick, "Weekly\n");
        assert_eq!(text(&pick), "weekly");
    }

    #[test]
    fn a_digit_picks_unless_words_follow_it() {
        let mut pick = cadence(None);
        type_in(&mut pick, "2");
        assert_eq!(text(&pick), "every two weeks");
        type_in(&mut pick, "nd Tuesday of the month\n");
        assert_eq!(text(&pick), "2nd Tuesday of the month");
        let mut pick = cadence(Some("monthly"));
        type_in(&mut pick, "12th of each month");
        assert_eq!(text(&pick), "12th of each month");
        pick.key(Typing::Move(Move::Up));
        pick.key(Typing::Move(Move::Top));
        // Choosing an option puts the words aside in the list, not chosen, rather than losing
        // them.
        type_in(&mut pick, "1");
        assert_eq!(text(&pick), "weekly");
        assert!(pick.items.contains(&"12th of each month".to_string()));
        pick.key(Typing::Move(Move::Down));
        assert_eq!(text(&pick), "weekly", "a move after a pick keeps it");
    }

    #[test]
    fn a_hand_written_answer_stays_and_a_paste_goes_into_own_words() {
        let mut pick = cadence(Some("last Friday of each term"));
        assert_eq!(pick.items.len(), 4);
        assert_eq!(text(&pick), "last Friday of each term");
        assert!(pick.paste("every other\nTuesday"));
        assert_eq!(text(&pick), "every other Tuesday");
        assert!(pick.keep_typing());
        assert_eq!(text(&pick), "every other Tuesday");
        assert!(pick.undo());
        assert_eq!(text(&pick), "last Friday of each term");
    }
}
