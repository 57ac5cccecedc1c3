//! The presenter view's capture line, as work like any other.
//!
//! What the room says is typed here while people talk, and a card half typed when the lid closes
//! or the terminal dies is as much a facilitator's words as an answer is. So the line is kept the
//! way the walk keeps typing: a couple of seconds after it changes, the community as it would be
//! with the line sent goes into a recovery copy (the line itself is not a card yet, so it is not
//! written into the community's file), and every way out — Ctrl-Q, a signal, leaving the
//! presenter view, convene's own failure — sends the line before saving. Sending it, or emptying
//! it, makes the copy unnecessary; the next save removes it.
//!
//! On a read-only community nothing typed here could be kept, so the line says so instead of
//! taking the typing.

use std::time::Instant;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{App, Screen};
use crate::community::{Card, LogEntry, LogKind, Parked};
use crate::store::Loaded;
use crate::tui::capture::{self, Captured, LogWord};
use crate::tui::keymap;
use crate::tui::line::LineInput;
use crate::tui::walk::{AUTOSAVE_DELAY, Walk};
use tui_input::InputRequest;

impl App {
    /// A key on the presenter view's capture line: typing, Backspace, Enter to send; `+`/`-`
    /// on an empty line give the selected card a dot or take one away.
    pub(super) fn capture_key(&mut self, key: KeyEvent, now: Instant) {
        if key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
        {
            return;
        }
        if let Some(why) = self.capture_refused() {
            if matches!(key.code, KeyCode::Char(_) | KeyCode::Enter) {
                self.set_status(&why, true);
            }
            return;
        }
        match key.code {
            KeyCode::Char(c @ ('+' | '-')) if self.capture.is_empty() => {
                if let Screen::Walk(walk) = &mut self.screen {
                    walk.dot(c == '+', now);
                }
            }
            KeyCode::Enter => {
                let line = self.capture.take();
                self.send_capture(&line, now);
                self.capture_changed(now);
            }
            _ => {
                let Some(edit) = keymap::line_edit(&key) else {
                    return;
                };
                if let InputRequest::InsertChar(c) = edit
                    && !self.capture_fits(c.encode_utf8(&mut [0; 4]))
                {
                    return;
                }
                if self.capture.edit(edit) {
                    self.capture_changed(now);
                }
            }
        }
    }

    /// A paste on the presenter view: one line joins the capture line, several are sent one by
    /// one (a list of contributions pasted from a chat).
    pub(super) fn capture_paste(&mut self, text: &str, now: Instant) {
        if let Some(why) = self.capture_refused() {
            self.set_status(&why, true);
            return;
        }
        if !self.capture_fits(text) {
            return;
        }
        let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
        match lines.as_slice() {
            [one] => {
                self.capture.insert(one);
            }
            many => {
                for line in many {
                    let clean: String = line.chars().filter(|c| !c.is_control()).collect();
                    self.send_capture(&clean, now);
                }
            }
        }
        self.capture_changed(now);
    }

    /// Empties the capture line on purpose (Esc): nothing of it is kept.
    pub(super) fn clear_capture(&mut self, now: Instant) {
        self.capture.clear();
        self.capture_changed(now);
    }

    /// On the way out, a line still on the capture line is kept as a card (or filed as its
    /// slash word says), and an activity typed but not added is added, rather than lost with
    /// the window.
    pub(super) fn keep_capture(&mut self, now: Instant) {
        if let Screen::Walk(walk) = &mut self.screen {
            walk.keep_pending(now);
        }
        let line = self.capture.take();
        if !line.trim().is_empty() {
            self.send_capture(&line, now);
        }
        self.capture_changed(now);
    }

    fn send_capture(&mut self, line: &str, now: Instant) {
        let Some(captured) = capture::read(line) else {
            return;
        };
        let Screen::Walk(walk) = &mut self.screen else {
            return;
        };
        match walk.capture(captured, crate::community::now(), now) {
            Ok(said) => self.set_status(&said, false),
            Err(why) => {
                // What was typed stays on the line to be fixed.
                self.capture = LineInput::with_text(line, usize::MAX);
                self.set_status(&why, true);
            }
        }
    }

    /// Why the capture line takes no typing now, if it does not: the community is read-only.
    fn capture_refused(&self) -> Option<String> {
        match &self.screen {
            Screen::Walk(walk) if walk.read_only() => Some(format!(
                "{} Nothing typed on the capture line could be kept.",
                walk.read_only_reason()
            )),
            _ => None,
        }
    }

    /// Whether `more` fits on the capture line without taking the file past the size convene
    /// can open; says why not on the status line.
    fn capture_fits(&mut self, more: &str) -> bool {
        let Screen::Walk(walk) = &self.screen else {
            return true;
        };
        let line = format!("{}{more}", self.capture.text());
        match crate::tui::room::fits(&line, walk.room()) {
            Ok(()) => true,
            Err(too_large) => {
                self.set_status(&too_large.to_string(), true);
                false
            }
        }
    }

    /// The line changed: a draft on it is due for a recovery copy after the autosave delay; an
    /// empty line needs no copy (the one kept for it goes, unless the community itself has
    /// unsaved work a copy stands for).
    fn capture_changed(&mut self, now: Instant) {
        if self.capture.text().trim().is_empty() {
            let had_draft = self.capture_since.take().is_some() || self.capture_kept;
            if had_draft
                && let Screen::Walk(walk) = &mut self.screen
                && !walk.is_dirty()
                && walk.session.take_recovery()
            {
                self.store.recovery().forget(walk.session.path());
            }
            self.capture_kept = false;
        } else {
            self.capture_since.get_or_insert(now);
        }
    }

    /// When the line's draft is due for a recovery copy, if it has one not yet kept.
    pub(super) fn capture_due(&self) -> Option<Instant> {
        Some(self.capture_since? + AUTOSAVE_DELAY)
    }

    /// Puts the community, with the capture line's draft filed in it, in a recovery copy (after
    /// any save of the community itself: a save removes the copy it no longer needs).
    pub(super) fn keep_capture_draft(&mut self) {
        self.capture_since = None;
        let guide = self.guide();
        let Screen::Walk(walk) = &mut self.screen else {
            return;
        };
        let Some(mut draft) = with_draft(walk, self.capture.text()) else {
            return;
        };
        match self.store.keep(&mut draft, guide) {
            Ok(path) => {
                walk.session.set_recovery(path);
                self.capture_kept = true;
            }
            Err(err) => self.set_status(
                &format!(
                    "The card being typed could not be kept in a recovery copy ({}); press Enter \
                     to add it",
                    err.why()
                ),
                true,
            ),
        }
    }

    /// Whether a draft on the capture line has been put in a recovery copy that the next save
    /// must renew rather than remove.
    pub(super) fn capture_needs_copy(&self) -> bool {
        !self.capture.text().trim().is_empty()
    }
}

/// The open community as it would be with `line` sent from the capture line, if there is a
/// line. A card, a parked topic and a log entry are filed as Enter would file them; anything
/// else (a command still being typed) goes in the session log as a note, word for word, so the
/// copy holds every word without acting on a half-typed command.
fn with_draft(walk: &Walk, line: &str) -> Option<Loaded> {
    if line.trim().is_empty() || walk.read_only() {
        return None;
    }
    let mut draft = walk.session.loaded().clone();
    let question = walk.question().map(|q| q.id.clone());
    let at = crate::community::now();
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
    draft.community_mut().touch();
    Some(draft)
}
