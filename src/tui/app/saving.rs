//! Saving the open community, and what happens when the file cannot take the save.
//!
//! A save can fail two ways, and neither may lose a word. If someone else changed the file since
//! convene loaded it, their version stays untouched and the facilitator's version is saved as a
//! new community beside it ("your copy"); the walk carries on in that copy. If the file cannot be
//! written at all — a read-only folder, a full disk, a folder in the way — the text stays in
//! memory, a recovery copy goes somewhere else, the status line says where, and the autosave
//! keeps retrying, so the save goes through as soon as the cause is gone.

use std::time::Instant;

use chrono::Local;

use super::{App, Screen, Status};
use crate::store::{StoreError, shown};
use crate::text::sanitize_line;

/// How a save went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Saved {
    /// Written to the community's own file (or nothing needed writing).
    InPlace,
    /// The file had changed underneath: the work went to a new file beside it.
    AsCopy,
    /// Not written; the status line says why and where the recovery copy is.
    Failed,
}

impl App {
    /// Saves the open community now (a no-op at home, or when nothing changed on disk).
    /// Returns false if the work is not in a community file; the status line says why.
    pub fn save(&mut self, now: Instant) -> bool {
        self.save_now(now) != Saved::Failed
    }

    pub(super) fn save_now(&mut self, now: Instant) -> Saved {
        let saved = self.save_community(now);
        // A save removes the recovery copy it no longer needs, and a failed one writes its own:
        // a card still being typed on the capture line must stay in the copy either way.
        if self.capture_needs_copy() {
            self.keep_capture_draft();
        }
        saved
    }

    fn save_community(&mut self, now: Instant) -> Saved {
        let guide = self.guide();
        let Screen::Walk(walk) = &mut self.screen else {
            return Saved::InPlace;
        };
        walk.flush(now);
        let Ok(loaded) = walk.session.to_save() else {
            return Saved::InPlace;
        };
        match self.store.save(loaded, guide) {
            Ok(()) => {
                walk.saved();
                if walk.session.take_recovery() {
                    self.store.recovery().forget(walk.session.path());
                }
                let at = Local::now().format("%H:%M:%S");
                self.status = Status {
                    text: format!("Saved at {at}"),
                    error: false,
                };
                Saved::InPlace
            }
            Err(StoreError::Conflict(_)) => self.save_as_copy(now),
            Err(err) => {
                self.keep_elsewhere(&err.why(), now);
                Saved::Failed
            }
        }
    }

    /// Someone else changed the file: keep theirs, save ours as a new community beside it.
    fn save_as_copy(&mut self, now: Instant) -> Saved {
        let guide = self.guide();
        let Screen::Walk(walk) = &mut self.screen else {
            return Saved::InPlace;
        };
        let theirs = walk.session.path().to_path_buf();
        let name = format!(
            "{} (your copy, {})",
            walk.session.community().name,
            Local::now().format("%-d %b %H:%M")
        );
        match self.store.save_copy(walk.session.loaded(), &name, guide) {
            Ok(copy) => {
                if walk.session.take_recovery() {
                    self.store.recovery().forget(&theirs);
                }
                let file = copy.path.file_name().map(|f| shown(f.as_ref()));
                // The walk goes on in the copy: its mark moves there, and the original's goes.
                let lock = super::opening::writer_lock(&copy.path);
                walk.session.move_to(copy, lock);
                walk.saved();
                self.set_status(
                    &format!(
                        "{} was changed outside convene: it is left as it is, and your version \
                         is saved as \"{}\" ({}). Both are kept.",
                        shown(theirs.file_name().unwrap_or_default().as_ref()),
                        sanitize_line(&name),
                        file.unwrap_or_default(),
                    ),
                    true,
                );
                Saved::AsCopy
            }
            Err(err) => {
                let reason = format!(
                    "{} was changed outside convene, and your version could not be saved beside \
                     it: {}",
                    shown(theirs.file_name().unwrap_or_default().as_ref()),
                    err.why()
                );
                self.keep_elsewhere(&reason, now);
                Saved::Failed
            }
        }
    }

    /// The save failed: put the work in a recovery copy, say so, and retry soon.
    fn keep_elsewhere(&mut self, reason: &str, now: Instant) {
        let guide = self.guide();
        let Screen::Walk(walk) = &mut self.screen else {
            return;
        };
        // Keep the change marked unsaved so the autosave tries again shortly.
        walk.session.save_failed(now);
        let Ok(loaded) = walk.session.to_save() else {
            return;
        };
        let text = match self.store.keep(loaded, guide) {
            Ok(path) => {
                let text = format!(
                    "Not saved: {reason}. Your text is kept here and in {}; retrying (Ctrl-S: \
                     now).",
                    shown(&path)
                );
                walk.session.set_recovery(path);
                text
            }
            Err(err) => format!(
                "Not saved: {reason}. No recovery copy could be written either ({}): keep \
                 convene open until this is fixed (Ctrl-S retries).",
                err.why()
            ),
        };
        self.status = Status { text, error: true };
    }

    pub(super) fn save_if_dirty(&mut self, now: Instant) {
        if let Screen::Walk(walk) = &mut self.screen {
            walk.flush(now);
            if walk.is_dirty()
                || walk.session.file().file_version() != crate::community::SCHEMA_VERSION
            {
                self.save(now);
            }
        }
    }
}
