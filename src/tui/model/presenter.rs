//! The presenter view's state: the walk it shows the room, and the capture line under it.
//!
//! The capture line is work like any other: a card half typed when the lid closes is as much a
//! facilitator's words as an answer is. So a couple of seconds after the line changes, the
//! community as it would be with the line sent goes into a recovery copy (see
//! [`Presenter::with_draft`]); sending the line, or emptying it, makes that copy unnecessary.

use std::time::Instant;

use super::capture::{self, Captured, LogWord};
use super::line::LineInput;
use super::walk::{AUTOSAVE_DELAY, Walk};
use crate::community::{Card, LogEntry, LogKind, Parked};
use crate::store::Loaded;

/// How the presenter view is shown; kept while the facilitator goes back to answering, so F5
/// brings the room's view back as it was.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RoomView {
    /// The guidance beside the question (Ctrl-G; off at first, since the room reads the
    /// question, not the notes for the one running the session).
    pub guidance: bool,
    /// The parking lot and the session log instead of the question's cards (F3).
    pub notes: bool,
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
}

impl Presenter {
    pub fn new(walk: Walk, view: RoomView) -> Presenter {
        Presenter {
            walk,
            capture: LineInput::new(usize::MAX),
            view,
            draft_since: None,
            draft_kept: false,
        }
    }

    /// When the line's draft is due for a recovery copy, if it has one not yet kept.
    pub fn draft_due(&self) -> Option<Instant> {
        Some(self.draft_since? + AUTOSAVE_DELAY)
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
        match (capture::read(line), question.clone()) {
            (Some(Captured::Card { text, who }), Some(question)) => workshop.cards.push(Card {
                question,
                text,
                who,
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
