//! Values kept as written, and progress.
//!
//! A value written by hand in a shape this field cannot use is kept in the file as it is, and
//! nothing typed here replaces it until the facilitator asks (Ctrl-R). Progress counts what is
//! typed on screen, not only what has been written back.

use super::{Input, Slot, Walk};
use crate::community::{Part, kept};
use crate::tui::model::Now;

impl Walk {
    /// Where the current field's value lives in the file: under `[answers]`, `[ratings]` or
    /// `[notes]`, and its id there (`None` on a summary).
    pub(super) fn stored_at(&self) -> Option<(Part, &'static str)> {
        match self.field().slot {
            Slot::Question(_) => {
                let q = self.question()?;
                let part = if q.kind.is_rating() {
                    Part::Rating
                } else {
                    Part::Answer
                };
                Some((part, q.id.as_str()))
            }
            Slot::Notes => Some((Part::Note, self.group().id.as_str())),
            Slot::Summary | Slot::FollowUps(_) => None,
        }
    }

    /// Whether the value here is kept as written ([`Walk::kept`] without writing the notice:
    /// asked on every key).
    pub fn is_kept(&self) -> bool {
        self.stored_at()
            .is_some_and(|(part, id)| self.session.file().kept_at(self.guide, part, id).is_some())
    }

    /// The notice for a value written by hand that this field cannot use, if it holds one: the
    /// value is kept as it is, and nothing typed here replaces it until [`Walk::replace_kept`].
    pub fn kept(&self) -> Option<String> {
        let (part, id) = self.stored_at()?;
        let (kept, line) = self.session.file().kept_at(self.guide, part, id)?;
        let kind = self.question().map(|q| q.kind);
        Some(kept::notice(&kept, kept::place_takes(part, kind), line))
    }

    /// The facilitator asked to replace the kept value here: it is dropped (the next save takes
    /// it out of the file) and the field opens empty, ready for the new answer.
    pub fn replace_kept(&mut self, now: Now) -> bool {
        let Some((part, id)) = self.stored_at() else {
            return false;
        };
        if !self.is_kept() {
            return false;
        }
        let guide = self.guide;
        let Ok(file) = self.session.edit_file(now) else {
            return false;
        };
        file.replace_kept(guide, part, id);
        self.load_editor();
        true
    }

    /// Whether a question is answered, counting what is typed in the editor right now (it is
    /// written back to the community only on a move or a save).
    pub fn is_answered(&self, id: &str) -> bool {
        let here = self.question().is_some_and(|q| q.id == id);
        match &self.input {
            Input::Table(table) if here => return table.has_content(),
            Input::Pick(pick) if here => return pick.has_content(),
            _ => {}
        }
        match self.question() {
            Some(q) if q.id == id && !q.kind.is_rating() && !self.is_draft() => {
                self.editor.lines().iter().any(|l| !l.trim().is_empty())
            }
            _ => self.session.community().is_answered(self.guide, id),
        }
    }

    /// Questions answered of all, in the whole guide.
    pub fn progress(&self) -> (usize, usize) {
        let answered = self
            .guide
            .questions()
            .filter(|q| self.is_answered(&q.id))
            .count();
        (answered, self.guide.question_count())
    }

    /// Progress of section `s`: answered questions of all.
    pub fn section_progress(&self, s: usize) -> (usize, usize) {
        let questions = self.guide.sections[s]
            .groups
            .iter()
            .flat_map(|g| &g.questions);
        let total = questions.clone().count();
        let answered = questions.filter(|q| self.is_answered(&q.id)).count();
        (answered, total)
    }
}
