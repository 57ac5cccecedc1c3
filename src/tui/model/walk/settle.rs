//! What changed on both sides, settled one place at a time.
//!
//! A merge that finds the same answer changed on both sides keeps yours in the community and
//! theirs in the file's `[[merge_conflicts]]` (see [`crate::merge`]), so the file is whole and
//! nothing is lost. The walk reads that list when it opens the file and again after every
//! merge; F2 shows the conflicts one by one, yours beside theirs, and the facilitator keeps one,
//! the other, or both (then edits them into one where the answer lives). Each settled one leaves
//! the list, and the next save writes the shorter list, or none.

use super::Walk;
use crate::merge::{self, Conflict, Keep, Place, label};
use crate::tui::model::Now;
use crate::tui::model::session::ReadOnly;

/// The conflicts still to settle, and the one on screen while settling.
#[derive(Debug, Clone, Default)]
pub struct Conflicts {
    pub list: Vec<Conflict>,
    /// The one shown over the walk (F2), while the facilitator settles them.
    pub shown: Option<usize>,
}

impl Walk {
    /// The file's conflicts, read again: a merge may have brought some in or taken some out.
    pub fn reread_conflicts(&mut self) {
        self.conflicts.list = merge::conflicts_of(self.session.file());
        let len = self.conflicts.list.len();
        self.conflicts.shown = match self.conflicts.shown {
            _ if len == 0 => None,
            Some(at) => Some(at.min(len - 1)),
            None => None,
        };
    }

    /// Shows the conflicts (the first, or the one for the field on screen); false if there
    /// are none.
    pub fn open_settling(&mut self) -> bool {
        if self.conflicts.list.is_empty() {
            return false;
        }
        let here = self.place();
        let at = self
            .conflicts
            .list
            .iter()
            .position(|c| field_place(&c.place).as_deref() == Some(here.as_str()));
        self.conflicts.shown = Some(at.unwrap_or(0));
        true
    }

    pub fn close_settling(&mut self) {
        self.conflicts.shown = None;
    }

    /// The conflict on screen, with its number among those left.
    pub fn settling(&self) -> Option<(usize, &Conflict)> {
        let at = self.conflicts.shown?;
        self.conflicts.list.get(at).map(|c| (at, c))
    }

    /// To the next (or, with `back`, the previous) conflict, round the list.
    pub fn next_conflict(&mut self, back: bool) {
        let len = self.conflicts.list.len();
        if let Some(at) = self.conflicts.shown.filter(|_| len > 0) {
            self.conflicts.shown = Some(if back {
                (at + len - 1) % len
            } else {
                (at + 1) % len
            });
        }
    }

    /// Keeps `keep` of the conflict on screen: the community takes it and the conflict leaves
    /// the list (the next save writes both). Keeping both goes to the answer, to edit the two
    /// into one there. Returns where it was settled, as the status line says it.
    pub fn settle(&mut self, keep: Keep, now: Now) -> Result<Option<String>, ReadOnly> {
        let Some((at, conflict)) = self.settling() else {
            return Ok(None);
        };
        let conflict = conflict.clone();
        let guide = self.guide;
        // What is on screen goes into the community first: the settling starts from it.
        self.flush(now);
        let file = self.session.edit_file(now)?;
        merge::settle(&mut file.community, &conflict, keep, guide);
        let mut rest = self.conflicts.list.clone();
        rest.remove(at);
        // Only an unsaved file has no text to write the list into, and a merge saved this one.
        let _ = merge::set_conflicts(file, &rest, guide);
        self.conflicts.list = rest;
        let left = self.conflicts.list.len();
        self.conflicts.shown = (left > 0).then(|| at.min(left - 1));
        self.load_editor();
        let target = field_place(&conflict.place).and_then(|p| self.field_at(&p));
        if keep == Keep::Both {
            self.conflicts.shown = None;
            if let Some(index) = target {
                self.go_to(index, now);
            }
        }
        let at_place = label(&conflict.place, guide);
        let kept = match keep {
            Keep::Mine => format!("Kept yours at {at_place}"),
            Keep::Theirs => format!("Kept theirs at {at_place}"),
            Keep::Both => format!("Both are in {at_place} now: edit them into one"),
        };
        let more = match left {
            0 => "nothing more to settle".to_string(),
            1 => "one more to settle".to_string(),
            n => format!("{n} more to settle"),
        };
        Ok(Some(format!("{kept} — {more}")))
    }

    /// The field a place of the walk names (see [`Walk::place`]).
    pub(super) fn field_at(&self, place: &str) -> Option<usize> {
        self.fields.iter().position(|f| {
            let section = &self.guide.sections[f.section];
            let group = &section.groups[f.group];
            match f.slot {
                super::Slot::Question(q) => group.questions[q].id == place,
                super::Slot::Notes => place.strip_prefix("notes:") == Some(group.id.as_str()),
                super::Slot::Summary | super::Slot::FollowUps(_) => {
                    place.strip_prefix("section:") == Some(section.id.as_str())
                }
            }
        })
    }
}

/// The walk's place (see [`Walk::place`]) where a conflict's answer is edited.
fn field_place(place: &Place) -> Option<String> {
    match place {
        Place::Note(group) => Some(format!("notes:{group}")),
        other => other.question().map(str::to_string),
    }
}
