//! The cards of the question on screen, as the presenter view works them: captured from the
//! capture line, dot-voted, put in order, and the chosen ones promoted into the answer.
//!
//! Cards live in the community's workshop (saved in its file); the walk only knows which of the
//! current question's cards is selected. Every change marks the walk unsaved, so the autosave
//! keeps the room's contributions as it keeps typed answers, and is one step of the cards' own
//! undo history (Ctrl-Z in the presenter view): the workshop as it was, and for a promote the
//! answer it wrote into, so undoing a promote takes the text back out of the answer too.

use super::Now;

use chrono::{DateTime, FixedOffset};

use super::capture::{Captured, LogWord};
use super::walk::{Input, Walk};
use crate::community::{Answer, Card, LogEntry, LogKind, Parked, Workshop};
use crate::tui::keymap::{Move, Typing};

/// The room's work before a change to it: the workshop, the selected card, and for a promote the
/// answer it changed (its question's id, and its value then).
#[derive(Debug, Clone)]
pub struct CardStep {
    workshop: Workshop,
    card: usize,
    answer: Option<(String, Option<Answer>)>,
}

impl Walk {
    /// The cards as they are now, with the answer of `question` if given.
    pub(super) fn card_step(&self, question: Option<&str>) -> CardStep {
        let community = self.session.community();
        CardStep {
            workshop: community.workshop.clone(),
            card: self.card,
            answer: question.map(|id| (id.to_string(), community.answers.get(id).cloned())),
        }
    }

    /// Undoes the last change to the cards (`back`), or redoes it; returns whether there was one.
    pub fn step_cards(&mut self, back: bool, now: Now) -> bool {
        if self.read_only() {
            return false;
        }
        let mut history = std::mem::take(&mut self.card_history);
        let current = |step: &CardStep| self.card_step(step.answer.as_ref().map(|(id, _)| &**id));
        let step = if back {
            history.undo(current)
        } else {
            history.redo(current)
        };
        self.card_history = history;
        let Some(step) = step else {
            return false;
        };
        let Ok(community) = self.session.edit(now) else {
            return false;
        };
        community.workshop = step.workshop;
        if let Some((id, answer)) = step.answer {
            match answer {
                Some(answer) => community.set_answer(&id, answer),
                None => {
                    community.answers.remove(&id);
                }
            }
            if self.question().is_some_and(|q| q.id == id) {
                self.load_editor();
            }
        }
        self.card = step.card.min(self.question_cards().len().saturating_sub(1));
        true
    }

    /// Indices (into the workshop's cards) of the current question's cards, in the order the
    /// view shows them and ↑/↓ go through them: under their themes, then those under none (see
    /// [`crate::community::Workshop::by_theme`]).
    pub fn question_cards(&self) -> Vec<usize> {
        let Some(q) = self.question() else {
            return Vec::new();
        };
        let workshop = &self.session.community().workshop;
        workshop
            .by_theme(&q.id)
            .into_iter()
            .flat_map(|group| group.cards)
            .collect()
    }

    /// Files a line sent from the capture line; returns what to say on the status line, or why
    /// it could not be done.
    pub fn capture(
        &mut self,
        captured: Captured,
        at: DateTime<FixedOffset>,
        now: Now,
        keys: &crate::tui::keymap::Keymap,
    ) -> Result<String, String> {
        let notes = keys.key_in(
            crate::tui::keymap::Context::Presenter,
            crate::tui::keymap::Command::WorkshopNotes,
        );
        let words = match &captured {
            Captured::Card { text, who } => format!("{text}{who}"),
            Captured::Park(text) | Captured::Log { text, .. } => text.clone(),
            _ => String::new(),
        };
        if let Some(why) = self.session.read_only() {
            return Err(why.0);
        }
        if let Some(done) = self.theme_command(&captured, now) {
            return done;
        }
        self.accept(&words).map_err(|e| e.to_string())?;
        let before = self.card_step(None);
        let question = self.question().map(|q| q.id.clone());
        let community = self.session.edit(now).map_err(|why| why.0)?;
        let workshop = &mut community.workshop;
        let said = match captured {
            Captured::Card { text, who } => {
                let Some(question) = question else {
                    return Err("Cards go under a question: move to one first.".into());
                };
                workshop.cards.push(Card {
                    question,
                    text,
                    who,
                    theme: String::new(),
                    dots: 0,
                    promoted: false,
                });
                "Card added".to_string()
            }
            Captured::Park(text) => {
                workshop.parking_lot.push(Parked {
                    text,
                    added: at,
                    done: false,
                });
                "Parked for later".to_string()
            }
            Captured::Log { kind, text } => {
                let kind = match kind {
                    LogWord::Covered => LogKind::Covered,
                    LogWord::Decided => LogKind::Decided,
                    LogWord::Note => LogKind::Note,
                };
                workshop.log.push(LogEntry {
                    at,
                    kind,
                    text,
                    question,
                });
                "Written in the session log".to_string()
            }
            Captured::Unpark(n) => {
                let Some(parked) = workshop.parking_lot.get_mut(n - 1) else {
                    return Err(format!(
                        "There is no parked topic {n}: {notes} lists them with their numbers"
                    ));
                };
                parked.done = !parked.done;
                if parked.done {
                    format!("Parked topic {n} dealt with")
                } else {
                    format!("Parked topic {n} open again")
                }
            }
            Captured::Dots(n) => {
                workshop.votes_per_person = Some(n);
                format!("{n} dots each")
            }
            Captured::Unclear(why) => return Err(why),
            Captured::DoneWithoutNumber => {
                return Err(format!(
                    "/done takes the number of a parked topic ({notes} lists them)"
                ));
            }
            Captured::UnknownWord(word) => {
                return Err(format!(
                    "/{word} is not a capture command ({} lists them; // starts a card with /)",
                    keys.key_for(crate::tui::keymap::Command::Help)
                ));
            }
            // Done above, on the selected card.
            Captured::Theme(_)
            | Captured::Untheme
            | Captured::RenameTheme(_)
            | Captured::Dissolve => return Err(String::new()),
        };
        self.card_history.record(before);
        if said == "Card added" {
            self.card = self.question_cards().len().saturating_sub(1);
        }
        Ok(said)
    }

    /// Gives the selected card a dot, or takes one away.
    pub fn dot(&mut self, add: bool, now: Now) {
        let Some(at) = self.selected_card() else {
            return;
        };
        let before = self.session.community().workshop.cards[at].dots;
        let after = if add {
            before.saturating_add(1)
        } else {
            before.saturating_sub(1)
        };
        if after == before {
            return;
        }
        let step = self.card_step(None);
        if let Ok(community) = self.session.edit(now) {
            community.workshop.cards[at].dots = after;
            self.card_history.record(step);
        }
    }

    /// Moves the selected card up or down among the question's cards. Across a theme's heading
    /// it joins the theme it moves into (or none, below the last theme), at that end of it.
    pub fn move_card(&mut self, down: bool, now: Now) {
        let cards = self.question_cards();
        let Some(to) = (if down {
            self.card.checked_add(1).filter(|&t| t < cards.len())
        } else {
            self.card.checked_sub(1)
        }) else {
            return;
        };
        let (from, next) = (cards[self.card], cards[to]);
        let workshop = &self.session.community().workshop;
        let theme = |i: usize| workshop.cards[i].theme_name().map(str::to_string);
        let (mine, theirs) = (theme(from), theme(next));
        let step = self.card_step(None);
        let Ok(community) = self.session.edit(now) else {
            return;
        };
        let list = &mut community.workshop.cards;
        if mine == theirs {
            list.swap(from, next);
            self.card = to;
        } else {
            list[from].theme = theirs.unwrap_or_default();
            let slot = if down { next } else { next + 1 };
            let at = super::themes::shift(list, from, slot);
            self.select(at);
        }
        self.card_history.record(step);
    }

    /// Gives the card at `at` (an index into the workshop's cards) new words and who said them,
    /// as one undo step; returns whether anything changed.
    pub fn edit_card(
        &mut self,
        at: usize,
        text: String,
        who: String,
        now: Now,
    ) -> Result<bool, String> {
        if let Some(why) = self.session.read_only() {
            return Err(why.0);
        }
        let Some(card) = self.session.community().workshop.cards.get(at) else {
            return Err("That card is no longer there.".into());
        };
        if card.text == text && card.who == who {
            return Ok(false);
        }
        self.accept(&format!("{text}{who}"))
            .map_err(|e| e.to_string())?;
        let step = self.card_step(None);
        let community = self.session.edit(now).map_err(|why| why.0)?;
        let card = &mut community.workshop.cards[at];
        card.text = text;
        card.who = who;
        self.card_history.record(step);
        Ok(true)
    }

    /// Removes the selected card.
    pub fn delete_card(&mut self, now: Now) {
        let Some(at) = self.selected_card() else {
            return;
        };
        let step = self.card_step(None);
        let Ok(community) = self.session.edit(now) else {
            return;
        };
        community.workshop.cards.remove(at);
        self.card_history.record(step);
        self.card = self.card.min(self.question_cards().len().saturating_sub(1));
    }

    /// Puts the selected card's text into the answer (a new paragraph, list item or table row)
    /// and marks it promoted; returns why not, for a question that takes a choice or a date.
    pub fn promote_card(
        &mut self,
        now: Now,
        keys: &crate::tui::keymap::Keymap,
    ) -> Result<(), String> {
        if let Some(why) = self.session.read_only() {
            return Err(why.0);
        }
        if self.is_kept() {
            // The answer's place holds a value written by hand: it is replaced only on request.
            let key = keys.key_for(crate::tui::keymap::Command::ReplaceKept);
            return Err(format!(
                "This answer is kept as written in the file; {key} on the question replaces it."
            ));
        }
        let Some(at) = self.selected_card() else {
            return Err("No card to promote: type one first.".into());
        };
        let text = self.session.community().workshop.cards[at].text.clone();
        // What the answer holds before the card goes in, written back first so undo restores
        // exactly what was on screen.
        self.flush(now);
        let question = self.question().map(|q| q.id.as_str());
        let step = self.card_step(question);
        let rating = self.is_rating();
        if rating || !matches!(self.input, Input::Text) {
            self.accept(&text).map_err(|e| e.to_string())?;
        }
        let promoted = match &mut self.input {
            Input::Text if !rating => {
                let mut answer = self.editor_text();
                let answer_trimmed = answer.trim_end().len();
                answer.truncate(answer_trimmed);
                if !answer.is_empty() {
                    answer.push('\n');
                }
                answer.push_str(&text);
                self.replace_text(&answer, now).map_err(|e| e.to_string())?;
                true
            }
            Input::Pick(pick) if pick.multi => {
                pick.typing = crate::tui::model::line::LineInput::with_text(&text, usize::MAX);
                pick.key(Typing::Move(Move::Bottom));
                pick.key(Typing::Newline)
            }
            Input::Table(table) => {
                table.append_row(&text);
                true
            }
            _ => false,
        };
        if !promoted {
            return Err(
                "This question takes a choice or a date: promote works on text, lists and tables."
                    .into(),
            );
        }
        self.flush(now);
        let community = self.session.edit(now).map_err(|why| why.0)?;
        community.workshop.cards[at].promoted = true;
        self.card_history.record(step);
        Ok(())
    }

    /// The selected card's index into the workshop's cards.
    /// `None` on a read-only community: its cards are shown, never changed.
    pub(super) fn selected_card(&self) -> Option<usize> {
        if self.read_only() {
            return None;
        }
        self.question_cards().get(self.card).copied()
    }

    /// Whether the current question's answer can take a promoted card.
    pub fn takes_cards(&self) -> bool {
        match &self.input {
            Input::Text => !self.is_rating(),
            Input::Pick(pick) => pick.multi,
            Input::Table(_) => true,
            Input::Date => false,
        }
    }
}
