//! The open community: the one owner of its file, and the one gate to changing it.
//!
//! A community can be open read-only for three reasons — a newer convene wrote it, its link
//! leads out of the data folder, or the facilitator chose read-only because someone else has it
//! open — and every way of changing it (typing, a rating, a card, a kept value replaced, a
//! save) must respect all three. Checking at each of those places is how a change once slipped
//! through on a read-only file; here the community is changed only through [`Session::edit`],
//! which refuses on a read-only file and marks the change unsaved, so a new way of changing it
//! cannot forget either. The session also carries what belongs to the open file rather than to
//! the screen: this convene's mark that it has the file open, and where a failed save put a
//! recovery copy.

use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::community::{Community, CommunityFile};
use crate::store::Loaded;
use crate::store::lock::Held;
use crate::tui::model::Now;

/// Why nothing may change, as the status line says it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ReadOnly(pub String);

pub struct Session {
    loaded: Loaded,
    /// This convene's mark that it has the file open for writing (see [`crate::store::lock`]);
    /// dropped with the session, which removes the mark.
    lock: Option<Held>,
    /// Why the facilitator chose to open it read-only (someone else has it open).
    chosen_read_only: Option<String>,
    /// When the first change not yet saved was made (or the last failed save).
    unsaved_since: Option<Instant>,
    /// Where a failed save put a recovery copy of this community, until a save succeeds.
    recovery: Option<PathBuf>,
}

impl Session {
    pub fn new(loaded: Loaded) -> Session {
        Session {
            loaded,
            lock: None,
            chosen_read_only: None,
            unsaved_since: None,
            recovery: None,
        }
    }

    pub fn loaded(&self) -> &Loaded {
        &self.loaded
    }

    pub fn community(&self) -> &Community {
        self.loaded.community()
    }

    pub fn file(&self) -> &CommunityFile {
        &self.loaded.file
    }

    pub fn path(&self) -> &Path {
        &self.loaded.path
    }

    /// Why nothing may change, if nothing may.
    pub fn read_only(&self) -> Option<ReadOnly> {
        if let Some(why) = &self.chosen_read_only {
            return Some(ReadOnly(why.clone()));
        }
        if let Some(to) = self.loaded.link_outside() {
            let name = self.loaded.path.file_name().unwrap_or_default();
            return Some(ReadOnly(format!(
                "Read-only: {} is a link to {}, outside the data folder; convene does not write \
                 there.",
                crate::store::shown(name.as_ref()),
                crate::store::shown(to)
            )));
        }
        self.loaded
            .file
            .is_read_only()
            .then(|| ReadOnly("Read-only: this file was written by a newer convene.".to_string()))
    }

    pub fn is_read_only(&self) -> bool {
        self.chosen_read_only.is_some()
            || self.loaded.link_outside().is_some()
            || self.loaded.file.is_read_only()
    }

    /// The community, to change: refused on a read-only file; the change is marked unsaved and
    /// the community stamped as changed `now`.
    pub fn edit(&mut self, now: Now) -> Result<&mut Community, ReadOnly> {
        Ok(&mut self.edit_file(now)?.community)
    }

    /// The file itself, to change what it keeps as written (see [`CommunityFile::replace_kept`]);
    /// as [`Session::edit`].
    pub fn edit_file(&mut self, now: Now) -> Result<&mut CommunityFile, ReadOnly> {
        self.mark_unsaved(now)?;
        self.loaded.file.community.updated = now.wall;
        Ok(&mut self.loaded.file)
    }

    /// Something was typed that the community will get when the screen writes it back: it is
    /// unsaved already. Refused on a read-only file.
    pub fn mark_unsaved(&mut self, now: Now) -> Result<(), ReadOnly> {
        if let Some(why) = self.read_only() {
            return Err(why);
        }
        self.unsaved_since.get_or_insert(now.at);
        Ok(())
    }

    pub fn unsaved_since(&self) -> Option<Instant> {
        self.unsaved_since
    }

    pub fn is_unsaved(&self) -> bool {
        self.unsaved_since.is_some()
    }

    /// The file, for the store to save into: refused on a read-only file.
    pub fn to_save(&mut self) -> Result<&mut Loaded, ReadOnly> {
        match self.read_only() {
            Some(why) => Err(why),
            None => Ok(&mut self.loaded),
        }
    }

    /// The save went through: nothing is unsaved.
    pub fn saved(&mut self) {
        self.unsaved_since = None;
    }

    /// The save failed: the change stays unsaved from `now`, so the autosave retries shortly.
    pub fn save_failed(&mut self, now: Instant) {
        self.unsaved_since = Some(now);
    }

    /// The work goes on in `copy` (saved beside a file changed underneath): the mark moves
    /// there. Returns the original's mark, for the runtime to remove.
    #[must_use = "the original's mark is removed when the returned guard is dropped"]
    pub fn move_to(&mut self, copy: Loaded, lock: Option<Held>) -> Option<Held> {
        self.loaded = copy;
        self.unsaved_since = None;
        std::mem::replace(&mut self.lock, lock)
    }

    /// Gives up this convene's mark that it has the file open (the walk is closing), for the
    /// runtime to remove.
    #[must_use = "the mark is removed when the returned guard is dropped"]
    pub fn release(&mut self) -> Option<Held> {
        self.lock.take()
    }

    /// This convene holds the file open for writing.
    pub fn hold(&mut self, lock: Option<Held>) {
        self.lock = lock;
    }

    /// The facilitator opened it read-only, for this reason.
    pub fn choose_read_only(&mut self, why: String) {
        self.chosen_read_only = Some(why);
    }

    pub fn recovery(&self) -> Option<&Path> {
        self.recovery.as_deref()
    }

    pub fn set_recovery(&mut self, path: PathBuf) {
        self.recovery = Some(path);
    }

    /// Forgets the recovery copy; returns whether there was one.
    pub fn take_recovery(&mut self) -> bool {
        self.recovery.take().is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::community::{Answer, SCHEMA_VERSION};

    fn loaded(text: &str) -> Loaded {
        Loaded::from_text(PathBuf::from("/data/c.toml"), text).unwrap()
    }

    /// Seconds after an origin (an `Instant` can be made no other way; nothing depends on it).
    fn at(second: u64) -> Now {
        use chrono::TimeZone;
        use std::sync::OnceLock;
        static ORIGIN: OnceLock<Instant> = OnceLock::new();
        let origin = *ORIGIN.get_or_init(Instant::now);
        Now {
            at: origin + std::time::Duration::from_secs(second),
            wall: chrono::Utc
                .timestamp_opt(1_800_000_000 + second as i64, 0)
                .unwrap()
                .fixed_offset(),
        }
    }

    const FILE: &str = "schema_version = 1\nname = \"c\"\ncreated = 2026-01-01T00:00:00Z\nupdated = 2026-01-01T00:00:00Z\n";

    #[test]
    fn every_change_goes_through_edit_which_marks_it_unsaved() {
        let mut session = Session::new(loaded(FILE));
        let now = at(5);
        assert!(!session.is_unsaved());
        session
            .edit(now)
            .unwrap()
            .set_answer("primary_purpose", Answer::Text("x".into()));
        assert_eq!(session.unsaved_since(), Some(now.at));
        assert_eq!(
            session.community().updated,
            now.wall,
            "stamped with the change's time"
        );
        session.edit(at(9)).unwrap();
        assert_eq!(
            session.unsaved_since(),
            Some(now.at),
            "unsaved since the first change"
        );
        assert!(session.to_save().is_ok());
        session.saved();
        assert!(!session.is_unsaved());
    }

    #[test]
    fn a_read_only_file_refuses_every_change_and_every_save_for_each_reason() {
        let newer = FILE.replace(
            "schema_version = 1",
            &format!("schema_version = {}", SCHEMA_VERSION + 1),
        );
        let mut by_newer = Session::new(loaded(&newer));
        let mut by_choice = Session::new(loaded(FILE));
        by_choice.choose_read_only("Read-only: Ada has it open.".into());
        for (session, says) in [
            (&mut by_newer, "written by a newer convene"),
            (&mut by_choice, "Ada has it open"),
        ] {
            let now = at(1);
            let before = session.community().updated;
            let refused = session
                .edit(now)
                .expect_err("no change on a read-only file");
            assert!(refused.0.contains(says), "{refused}");
            assert!(session.edit_file(now).is_err());
            assert!(session.mark_unsaved(now).is_err());
            assert!(session.to_save().is_err());
            assert!(
                !session.is_unsaved(),
                "a refused change is not marked unsaved"
            );
            assert!(session.is_read_only());
            assert_eq!(
                session.community().updated,
                before,
                "a refused change stamps nothing"
            );
        }
    }
}
