//! The presenter view's state: the walk it shows the room, and the capture line under it.
//!
//! The capture line is work like any other: a card half typed when the lid closes is as much a
//! facilitator's words as an answer is. So a couple of seconds after the line changes, the
//! community as it would be with the line sent goes into a recovery copy (see
//! [`Presenter::with_draft`]); sending the line, or emptying it, makes that copy unnecessary.
//!
//! A card is changed on the same line (F2): its words and ` @who` go there, Enter keeps the
//! change as one undo step, Esc leaves the card as it was ([`Editing`]). A card being edited
//! is work too: its draft holds the card as it would be changed, and every way out keeps the
//! change, as it keeps a new card.

use std::time::Instant;

use super::Now;
use super::capture::{self, Captured, LogWord};
use super::line::LineInput;
use super::walk::Walk;
use crate::community::{Card, LogEntry, LogKind, Parked};
use crate::store::Loaded;
use crate::tui::keymap::{Command, Context, Keymap};

/// How the presenter view is shown; kept while the facilitator goes back to answering, so F5
/// brings the room's view back as it was.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RoomView {
    /// The guidance beside the question (Ctrl-G; off at first, since the room reads the
    /// question, not the notes for the one running the session).
    pub guidance: bool,
    /// The parking lot and the session log instead of the question's cards (F3).
    pub notes: bool,
    /// The timebox large, above the question (F4), for a room that must see it from afar.
    pub big_timebox: bool,
}

pub struct Presenter {
    pub walk: Walk,
    /// What is being typed on the capture line.
    pub capture: LineInput,
    pub view: RoomView,
    /// When the line last changed without its draft being kept in a recovery copy.
    pub draft_since: Option<Instant>,
    /// Whether a recovery copy holds the line's draft.
    pub draft_kept: bool,
    /// The card whose words are on the line to be changed, if one is.
    pub editing: Option<Editing>,
}

/// A card being changed on the capture line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Editing {
    /// Its index in the workshop's cards.
    pub card: usize,
    /// Its number as the room sees it (from 1).
    pub number: usize,
    /// The card as it was when the edit began: the change goes to that card or to none.
    pub was: Card,
    /// The line as the edit began: Enter on it unchanged changes nothing.
    pub line: String,
}

impl Presenter {
    pub fn new(walk: Walk, view: RoomView) -> Presenter {
        Presenter {
            walk,
            capture: LineInput::new(usize::MAX),
            view,
            draft_since: None,
            draft_kept: false,
            editing: None,
        }
    }

    /// Puts the selected card's words on the line to be changed; why not, if not: the line
    /// holds words of its own (never replaced), or there is no card.
    pub fn start_edit(&mut self, keys: &Keymap) -> Result<String, String> {
        if self.editing.is_some() {
            return Err(format!(
                "A card is being edited already: {} keeps it, {} leaves it",
                keys.key_in(Context::EditCard, Command::KeepEdit),
                keys.key_in(Context::EditCard, Command::CancelEdit)
            ));
        }
        if let Some(why) = self.walk.session.read_only() {
            return Err(why.0);
        }
        if !self.capture.is_empty() {
            return Err(format!(
                "Finish the line first ({} adds it, {} clears it), then edit",
                keys.key_in(Context::Capture, Command::Confirm),
                keys.key_in(Context::Capture, Command::LeavePresenter)
            ));
        }
        let walk = &self.walk;
        let Some(&at) = walk.question_cards().get(walk.card) else {
            return Err("No card to edit: type one first".into());
        };
        let was = walk.session.community().workshop.cards[at].clone();
        let line = capture::line_of(&was.text, &was.who);
        self.capture = LineInput::with_text(&line, usize::MAX);
        let number = walk.card + 1;
        self.editing = Some(Editing {
            card: at,
            number,
            was,
            line,
        });
        Ok(format!("Editing card {number}"))
    }

    /// Keeps the change to the card being edited (one undo step) and empties the line; what to
    /// say, or why not: an empty line deletes nothing (the edit stays open to be finished).
    pub fn keep_edit(&mut self, now: Now, keys: &Keymap) -> Result<String, String> {
        let Some(editing) = self.editing.take() else {
            return Err("No card is being edited".into());
        };
        let n = editing.number;
        let line = self.capture.text().to_string();
        if line.trim().is_empty() {
            let esc = keys.key_for(Command::CancelEdit);
            let delete = keys.key_for(Command::DeleteRow);
            self.editing = Some(editing);
            return Err(format!(
                "A card needs words: type them, or {esc} leaves card {n} as it was ({delete} \
                 deletes it)"
            ));
        }
        if line == editing.line {
            self.capture.clear();
            return Ok(format!("Card {n} left as it was"));
        }
        let workshop = &self.walk.session.community().workshop;
        if workshop.cards.get(editing.card) != Some(&editing.was) {
            // Only a change from outside the view could do this; the words stay on the line,
            // to be added as a card of their own.
            return Err(format!(
                "Card {n} changed meanwhile: your words stay on the line (Enter adds them as a \
                 new card)"
            ));
        }
        let (text, who) = capture::words_and_who(&line);
        match self.walk.edit_card(editing.card, text, who, now) {
            Ok(_) => {
                self.capture.clear();
                Ok(format!("Card {n} changed"))
            }
            Err(why) => {
                self.editing = Some(editing);
                Err(why)
            }
        }
    }

    /// Leaves the card being edited as it was, and empties the line.
    pub fn cancel_edit(&mut self) -> Option<String> {
        let editing = self.editing.take()?;
        self.capture.clear();
        Some(format!("Card {} left as it was", editing.number))
    }

    /// Ends an edit before something else happens to the cards: words on the line are kept as
    /// the change (as Enter would), an empty line leaves the card as it was. `Err` when the
    /// change cannot be made, and the edit stays open.
    pub fn finish_edit(&mut self, now: Now, keys: &Keymap) -> Result<Option<String>, String> {
        if self.editing.is_none() {
            return Ok(None);
        }
        if self.capture.text().trim().is_empty() {
            return Ok(self.cancel_edit());
        }
        self.keep_edit(now, keys).map(Some)
    }

    /// When the line's draft is due for a recovery copy, if it has one not yet kept.
    pub fn draft_due(&self, delay: std::time::Duration) -> Option<Instant> {
        Some(self.draft_since? + delay)
    }

    /// Whether a draft on the line must be in a recovery copy (the next save renews the copy
    /// rather than removing it).
    pub fn has_draft(&self) -> bool {
        !self.capture.text().trim().is_empty()
    }

    /// The open community as it would be with the line sent, if there is a line. A card, a
    /// parked topic and a log entry are filed as Enter would file them; anything else (a
    /// command still being typed) goes in the session log as a note, word for word, so the copy
    /// holds every word without acting on a half-typed command.
    pub fn with_draft(&self, at: chrono::DateTime<chrono::FixedOffset>) -> Option<Loaded> {
        let line = self.capture.text();
        let walk = &self.walk;
        if line.trim().is_empty() || walk.read_only() {
            return None;
        }
        let mut draft = walk.session.loaded().clone();
        let question = walk.question().map(|q| q.id.clone());
        let workshop = &mut draft.community_mut().workshop;
        let edited = self
            .editing
            .as_ref()
            .filter(|e| workshop.cards.get(e.card) == Some(&e.was));
        if let Some(editing) = edited {
            let (text, who) = capture::words_and_who(line);
            let card = &mut workshop.cards[editing.card];
            card.text = text;
            card.who = who;
            draft.community_mut().updated = at;
            return Some(draft);
        }
        match (capture::read(line), question.clone()) {
            (Some(Captured::Card { text, who }), Some(question)) => workshop.cards.push(Card {
                question,
                text,
                who,
                theme: String::new(),
                dots: 0,
                promoted: false,
            }),
            (Some(Captured::Park(text)), _) => workshop.parking_lot.push(Parked {
                text,
                added: at,
                done: false,
            }),
            (Some(Captured::Log { kind, text }), _) => workshop.log.push(LogEntry {
                at,
                kind: match kind {
                    LogWord::Covered => LogKind::Covered,
                    LogWord::Decided => LogKind::Decided,
                    LogWord::Note => LogKind::Note,
                },
                text,
                question,
            }),
            _ => workshop.log.push(LogEntry {
                at,
                kind: LogKind::Note,
                text: format!("Left on the capture line: {}", line.trim()),
                question,
            }),
        }
        draft.community_mut().updated = at;
        Some(draft)
    }
}
