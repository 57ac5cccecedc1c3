//! Moving through the walk: to a field, the next or previous one, a question, a section.
//!
//! Every move keeps what was typed: an activity typed but not added is added, and the text on
//! screen is written back into the community before the next field is loaded.

use super::{RatingFocus, Slot, Walk};
use crate::tui::model::Now;

impl Walk {
    /// Moves to the field at `index`, keeping what was typed.
    pub fn go_to(&mut self, index: usize, now: Now) {
        if index < self.fields.len() && index != self.current {
            self.keep_pending(now);
            self.flush(now);
            self.current = index;
            self.earlier = None;
            self.card = 0;
            self.rating_focus = RatingFocus::Choice;
            self.notes_digit_refused = false;
            self.load_editor();
        }
    }

    pub fn next_field(&mut self, now: Now) {
        self.go_to((self.current + 1).min(self.fields.len() - 1), now);
    }

    pub fn prev_field(&mut self, now: Now) {
        self.go_to(self.current.saturating_sub(1), now);
    }

    /// To the next question, past notes and summaries (the presenter view's →).
    pub fn next_question(&mut self, now: Now) {
        if let Some(i) =
            (self.current + 1..self.fields.len()).find(|&i| self.fields[i].question().is_some())
        {
            self.go_to(i, now);
        }
    }

    /// To the previous question, past notes and summaries (the presenter view's ←).
    pub fn prev_question(&mut self, now: Now) {
        if let Some(i) = (0..self.current)
            .rev()
            .find(|&i| self.fields[i].question().is_some())
        {
            self.go_to(i, now);
        }
    }

    pub fn next_section(&mut self, now: Now) {
        let section = self.field().section;
        if let Some(i) = self.fields.iter().position(|f| f.section > section) {
            self.go_to(i, now);
        }
    }

    /// To the first field of the previous section (from the first section, its start).
    pub fn prev_section(&mut self, now: Now) {
        self.go_to_section(self.field().section.saturating_sub(1), now);
    }

    /// To the next question not answered yet, after this one and round from the start; returns
    /// false when every question is answered.
    pub fn next_unanswered(&mut self, now: Now) -> bool {
        let n = self.fields.len();
        let next = (1..=n).map(|step| (self.current + step) % n).find(|&i| {
            let field = self.fields[i];
            field.question().is_some_and(|q| {
                let question = &self.guide.sections[field.section].groups[field.group].questions[q];
                !self.is_answered(&question.id)
            })
        });
        match next {
            Some(i) if i != self.current => {
                self.go_to(i, now);
                true
            }
            Some(_) => true,
            None => false,
        }
    }

    /// Where the walk is, as a place to come back to: the question's id, or the group's for its
    /// notes (a summary is its section's).
    pub fn place(&self) -> String {
        let field = self.field();
        match (self.question(), field.slot) {
            (Some(q), _) => q.id.clone(),
            (None, Slot::Notes) => format!("notes:{}", self.group().id),
            (None, _) => format!("section:{}", self.section().id),
        }
    }

    /// Starts the walk at `place` (see [`Walk::place`]), if it still names a field; on opening,
    /// before anything is typed.
    pub fn start_at(&mut self, place: &str) {
        let found = self.field_at(place);
        if let Some(i) = found {
            self.current = i;
            self.load_editor();
        }
    }

    /// F3: to the first field of the section the current question sees (remembering where
    /// from), or back there from anywhere once gone. Says where it went, or `None` when there
    /// is nowhere to go.
    pub fn see_also(&mut self, now: Now, key: &str) -> Option<String> {
        if let Some(see) = self.question().and_then(|q| q.see.as_deref())
            && let Some(s) = self.guide.sections.iter().position(|s| s.id == see)
        {
            let from = self.current;
            self.go_to_section(s, now);
            self.seen_from = Some(from);
            return Some(format!(
                "Section {} · {} — {key} goes back",
                s + 1,
                self.guide.sections[s].title
            ));
        }
        let back = self.seen_from.take()?;
        self.go_to(back, now);
        Some(format!("Back where you were before {key}"))
    }

    /// The first field of section `s`.
    pub fn go_to_section(&mut self, s: usize, now: Now) {
        if let Some(i) = self.fields.iter().position(|f| f.section == s) {
            self.go_to(i, now);
        }
    }
}
