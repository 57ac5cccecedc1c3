//! The walk: one community, answered question by question.
//!
//! The walk is a flat list of fields in guide order — each question, then a notes field for each
//! group that has notes — so Tab and Shift-Tab simply step through it, and the "Section 2/4 ·
//! Question 3/5" indicator is arithmetic on that list. The answer being typed lives in one
//! [`Editor`]; it is written back into the community when the
//! facilitator moves on, and before every save, rather than on every key, so typing in a long
//! answer costs no more than the editor itself.

mod answer;
pub mod earlier;
mod kept;
mod moves;
mod settle;
mod typing;
mod undo;

use std::cell::Cell;
use std::time::{Duration, Instant};

use super::Now;

use chrono::NaiveDate;

use super::cards::CardStep;
use super::editor::Editor;
use super::history::History;
use super::pick::Pick;
use super::room::{self, TooLarge};
use super::session::Session;
use super::table::Table;
use super::wrap::Drawn;
use crate::community::RatingValue;
use crate::dates;
use crate::guide::{Group, Guide, Kind, Question, Section};
pub use crate::merge::label as conflict_label;
use crate::store::Loaded;
pub use settle::Conflicts;

/// Autosave this long after the first unsaved change: a couple of seconds after typing stops, and
/// every couple of seconds while it goes on. A save costs a few milliseconds, and a `kill -9` or a
/// power cut can then take no more than this much of what was typed.
/// The settings' `autosave_seconds` changes it ([`crate::tui::Prefs::autosave`]).
pub const AUTOSAVE_DELAY: Duration = crate::config::AUTOSAVE_DEFAULT;

/// One stop of the walk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    pub section: usize,
    pub group: usize,
    pub slot: Slot,
}

/// What a stop of the walk holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// The group's question with this index.
    Question(usize),
    /// The group's notes.
    Notes,
    /// The summary closing a section of statements to rate (read-only).
    Summary,
    /// The learning log's entries whose follow-up is due (read-only), after the log question
    /// with this index.
    FollowUps(usize),
}

impl Field {
    pub fn question(self) -> Option<usize> {
        match self.slot {
            Slot::Question(q) => Some(q),
            Slot::Notes | Slot::Summary | Slot::FollowUps(_) => None,
        }
    }
}

/// On a rating statement: choosing Yes / Partly / No / Not sure, or typing the comment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RatingFocus {
    Choice,
    Comment,
}

/// How much guidance is shown above the answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Guidance {
    /// As much as leaves the answer comfortable room; cut with "…" if it is longer.
    Shown,
    /// All of it, the answer keeping a few lines.
    Whole,
    Hidden,
}

impl Walk {
    /// Ctrl-G: guidance that was cut is shown whole, whole guidance (or guidance that fitted)
    /// is hidden, hidden guidance comes back.
    pub fn cycle_guidance(&mut self) {
        self.guidance = match self.guidance {
            Guidance::Shown if self.guidance_cut.get() => Guidance::Whole,
            Guidance::Shown | Guidance::Whole => Guidance::Hidden,
            Guidance::Hidden => Guidance::Shown,
        };
    }
}

/// How the current field is edited.
#[derive(Debug, Clone)]
pub enum Input {
    /// In the text editor: text answers, notes, rating comments.
    Text,
    /// In the text editor, on one line, read as a date when written back.
    Date,
    Table(Table),
    Pick(Pick),
}

pub struct Walk {
    /// The open community: read, and changed only through it (see [`Session`]).
    pub session: Session,
    pub guide: &'static Guide,
    pub fields: Vec<Field>,
    pub current: usize,
    /// Where F3 went to a "see also" section from: F3 again comes back here.
    pub seen_from: Option<usize>,
    pub editor: Editor,
    /// Where the editor was last drawn, and scrolled to.
    pub drawn: Drawn,
    /// What edits the current field: the text editor, a table or a list to choose from.
    pub input: Input,
    /// The day dates are read against ("+2w", "next monday") and steps are overdue after.
    pub today: NaiveDate,
    /// The selected card among the current question's (presenter view).
    pub card: usize,
    pub rating_focus: RatingFocus,
    /// How much of the question's guidance is shown.
    pub guidance: Guidance,
    /// The guidance did not fit in the room it was last drawn in (the view says), so Ctrl-G
    /// shows it whole before it hides it.
    pub guidance_cut: Cell<bool>,
    /// Undo and redo of the presenter view's changes to the cards (see [`super::cards`]).
    pub(crate) card_history: History<CardStep>,
    /// A digit on a rating group's empty notes was refused once since arriving here (the next
    /// one goes in: notes may start with a number).
    pub notes_digit_refused: bool,
    /// Undo steps of the answer's text, by burst (see [`undo`]).
    text_history: History<undo::TextState>,
    /// The typing burst under way, if one is.
    burst: Option<undo::Burst>,
    /// The text the editor was loaded with: only a change from it is written back.
    loaded_text: String,
    /// What the text accepted since the last save may add to the file (see [`room`]).
    growth: usize,
    /// What changed on both sides in a merge, still to settle (see [`settle`]).
    pub conflicts: Conflicts,
    /// The field's earlier versions from git, while they are shown (F4, see [`earlier`]).
    pub earlier: Option<earlier::Earlier>,
}

impl Walk {
    pub fn new(loaded: Loaded, guide: &'static Guide) -> Walk {
        let mut fields = Vec::new();
        for (s, section) in guide.sections.iter().enumerate() {
            for (g, group) in section.groups.iter().enumerate() {
                for (q, question) in group.questions.iter().enumerate() {
                    fields.push(Field {
                        section: s,
                        group: g,
                        slot: Slot::Question(q),
                    });
                    if question.kind == Kind::Log {
                        fields.push(Field {
                            section: s,
                            group: g,
                            slot: Slot::FollowUps(q),
                        });
                    }
                }
                if group.notes {
                    fields.push(Field {
                        section: s,
                        group: g,
                        slot: Slot::Notes,
                    });
                }
            }
            let all_rated = section
                .groups
                .iter()
                .flat_map(|g| &g.questions)
                .all(|q| q.kind.is_rating());
            if all_rated {
                fields.push(Field {
                    section: s,
                    group: section.groups.len() - 1,
                    slot: Slot::Summary,
                });
            }
        }
        let mut walk = Walk {
            session: Session::new(loaded),
            guide,
            fields,
            current: 0,
            seen_from: None,
            editor: Editor::default(),
            drawn: Drawn::default(),
            input: Input::Text,
            today: dates::today(),
            card: 0,
            rating_focus: RatingFocus::Choice,
            guidance: Guidance::Shown,
            guidance_cut: Cell::new(false),
            card_history: History::default(),
            notes_digit_refused: false,
            text_history: History::default(),
            burst: None,
            loaded_text: String::new(),
            growth: 0,
            conflicts: Conflicts::default(),
            earlier: None,
        };
        walk.load_editor();
        walk.reread_conflicts();
        // Opened on purpose, with conflicts to settle: they come first.
        if !walk.read_only() {
            walk.open_settling();
        }
        walk
    }

    pub fn field(&self) -> Field {
        self.fields[self.current]
    }

    pub fn section(&self) -> &'static Section {
        &self.guide.sections[self.field().section]
    }

    pub fn group(&self) -> &'static Group {
        &self.section().groups[self.field().group]
    }

    /// The current question, or `None` on a notes or summary field.
    pub fn question(&self) -> Option<&'static Question> {
        self.field().question().map(|q| &self.group().questions[q])
    }

    /// Whether the current field is a read-only summary (of ratings, or of follow-ups due).
    pub fn is_summary(&self) -> bool {
        matches!(self.field().slot, Slot::Summary | Slot::FollowUps(_))
    }

    /// Whether the current field is edited in the text editor.
    pub fn in_text(&self) -> bool {
        matches!(self.input, Input::Text | Input::Date)
    }

    /// Whether the editor shows a generated draft the facilitator has not made their own yet.
    pub fn is_draft(&self) -> bool {
        matches!(self.input, Input::Text)
            && self.question().is_some_and(|q| {
                crate::export::drafts::draft(&q.id, self.session.community()).is_some()
                    && !self.session.community().is_answered(self.guide, &q.id)
                    && self.editor_text() == self.loaded_text
            })
    }

    /// Whether the field is the notes of a group of statements to rate (a readiness group).
    pub fn on_rating_notes(&self) -> bool {
        self.field().slot == Slot::Notes
            && self.group().questions.iter().all(|q| q.kind.is_rating())
    }

    pub fn is_rating(&self) -> bool {
        self.question().is_some_and(|q| q.kind.is_rating())
    }

    /// Whether nothing may change: a newer convene wrote the file, its link leads out of the
    /// data folder, or the facilitator opened it read-only because someone else has it open.
    pub fn read_only(&self) -> bool {
        self.session.is_read_only()
    }

    /// Why nothing can be changed here, as the status line says it when typing is refused.
    pub fn read_only_reason(&self) -> String {
        self.session.read_only().map(|r| r.0).unwrap_or_default()
    }

    /// The number of the current question in its section, and how many the section has.
    pub fn question_position(&self) -> (usize, usize) {
        let field = self.field();
        let in_section = self
            .fields
            .iter()
            .filter(|f| f.section == field.section && f.question().is_some());
        let total = in_section.clone().count();
        let before = self.fields[..=self.current]
            .iter()
            .filter(|f| f.section == field.section && f.question().is_some())
            .count();
        (before.max(1), total)
    }

    /// The rating currently stored for the statement on screen.
    pub fn rating(&self) -> Option<RatingValue> {
        let q = self.question()?;
        self.session.community().ratings.get(&q.id)?.value
    }

    fn edited(&mut self, now: Now) {
        self.mark_dirty(now);
    }

    /// Something other than the answer on screen changed (a card, the parking lot): it is
    /// saved like typing is.
    pub fn mark_changed(&mut self, now: Now) {
        self.mark_dirty(now);
    }

    /// Typing not yet written back is unsaved already (refused, and so not marked, on a
    /// read-only file).
    fn mark_dirty(&mut self, now: Now) {
        let _ = self.session.mark_unsaved(now);
    }

    pub fn is_dirty(&self) -> bool {
        self.session.is_unsaved()
    }

    /// When the next autosave is due, `delay` after the first change not saved, if anything is
    /// unsaved.
    pub fn autosave_at(&self, delay: Duration) -> Option<Instant> {
        Some(self.session.unsaved_since()? + delay)
    }

    /// Someone else's change was merged into the open community: the field on screen shows
    /// the merged answer (theirs, where only they changed it).
    pub fn merged_in(&mut self) {
        self.load_editor();
        self.reread_conflicts();
    }

    /// Called after a successful save.
    pub fn saved(&mut self) {
        self.session.saved();
        self.growth = 0;
    }

    /// How much text the file can still take (see [`room`]).
    pub fn room(&self) -> usize {
        room::left(self.session.loaded().saved_len(), self.growth)
    }

    /// Counts `text` against the room left, or refuses it.
    pub fn accept(&mut self, text: &str) -> Result<(), TooLarge> {
        room::fits(text, self.room())?;
        self.growth += room::cost(text);
        Ok(())
    }
}
