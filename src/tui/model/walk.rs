//! The walk: one community, answered question by question.
//!
//! The walk is a flat list of fields in guide order — each question, then a notes field for each
//! group that has notes — so Tab and Shift-Tab simply step through it, and the "Section 2/4 ·
//! Question 3/5" indicator is arithmetic on that list. The answer being typed lives in one
//! `TextArea` (word wrap, undo, wide characters); it is written back into the community when the
//! facilitator moves on, and before every save, rather than on every key, so typing in a long
//! answer costs no more than the editor itself.

use std::time::{Duration, Instant};

use super::Now;

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::{TextArea, WrapMode};

use super::pick::Pick;
use super::room::{self, TooLarge};
use super::session::Session;
use super::table::{self, Table};
use crate::community::{Answer, Part, Rating, RatingValue, kept};
use crate::dates;
use crate::guide::{Group, Guide, Kind, Question, Section};
use crate::store::Loaded;

/// Autosave this long after the first unsaved change: a couple of seconds after typing stops, and
/// every couple of seconds while it goes on. A save costs a few milliseconds, and a `kill -9` or a
/// power cut can then take no more than this much of what was typed.
pub const AUTOSAVE_DELAY: Duration = Duration::from_secs(2);

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
    pub editor: TextArea<'static>,
    /// What edits the current field: the text editor, a table or a list to choose from.
    pub input: Input,
    /// The day dates are read against ("+2w", "next monday") and steps are overdue after.
    pub today: NaiveDate,
    /// The selected card among the current question's (presenter view).
    pub card: usize,
    pub rating_focus: RatingFocus,
    pub show_guidance: bool,
    /// The text the editor was loaded with: only a change from it is written back.
    loaded_text: String,
    /// What the text accepted since the last save may add to the file (see [`room`]).
    growth: usize,
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
            editor: TextArea::default(),
            input: Input::Text,
            today: dates::today(),
            card: 0,
            rating_focus: RatingFocus::Choice,
            show_guidance: true,
            loaded_text: String::new(),
            growth: 0,
        };
        walk.load_editor();
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

    /// Moves to the field at `index`, keeping what was typed.
    pub fn go_to(&mut self, index: usize, now: Now) {
        if index < self.fields.len() && index != self.current {
            self.keep_pending(now);
            self.flush(now);
            self.current = index;
            self.card = 0;
            self.rating_focus = RatingFocus::Choice;
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

    /// To the start of this section, or from there to the start of the previous one.
    pub fn prev_section(&mut self, now: Now) {
        let section = self.field().section;
        let start = self
            .fields
            .iter()
            .position(|f| f.section == section)
            .unwrap_or(0);
        if start < self.current {
            self.go_to(start, now);
        } else {
            self.go_to_section(section.saturating_sub(1), now);
        }
    }

    /// The first field of section `s`.
    pub fn go_to_section(&mut self, s: usize, now: Now) {
        if let Some(i) = self.fields.iter().position(|f| f.section == s) {
            self.go_to(i, now);
        }
    }

    /// A key that is not a command: typing, or choosing a rating. A character that would take
    /// the file past the size convene can open is refused.
    pub fn key(&mut self, key: KeyEvent, now: Now) -> Result<(), TooLarge> {
        if self.read_only() || self.is_summary() || self.is_kept() {
            return Ok(());
        }
        if let Some(typed) = typed(&key) {
            self.accept(typed.encode_utf8(&mut [0; 4]))?;
        }
        let changed = match &mut self.input {
            Input::Table(table) => Some(table.key(key, self.today) == table::Outcome::Changed),
            Input::Pick(pick) => Some(pick.key(key)),
            // A date is one line: Enter reads it (on the way out) rather than breaking it.
            Input::Date if key.code == KeyCode::Enter => Some(false),
            Input::Text | Input::Date => None,
        };
        if let Some(changed) = changed {
            if changed {
                self.edited(now);
            }
            return Ok(());
        }
        if self.is_rating() && self.rating_focus == RatingFocus::Choice {
            // Choosing is done by commands (see `Walk::rate`); a character starts the comment.
            match key.code {
                KeyCode::Char(_) => self.rating_focus = RatingFocus::Comment,
                _ => return Ok(()),
            }
        }
        if self.is_rating() && key.code == KeyCode::Up && self.editor.cursor().0 == 0 {
            self.rating_focus = RatingFocus::Choice;
            return Ok(());
        }
        if self.editor.input(key) {
            self.edited(now);
        }
        Ok(())
    }

    /// Words typed but not yet sent where they go — an activity of the facilitator's own on
    /// the list's last line — are kept on the way out (a move, a quit) rather than dropped. Not
    /// on autosave: the facilitator may still be typing them.
    pub fn keep_pending(&mut self, now: Now) {
        if self.read_only() {
            return;
        }
        if let Input::Pick(pick) = &mut self.input
            && pick.keep_typing()
        {
            self.mark_dirty(now);
        }
    }

    /// Adds, deletes or moves a row of the table on screen.
    pub fn table_command(&mut self, command: crate::tui::keymap::Command, now: Now) {
        use crate::tui::keymap::Command;
        if self.read_only() || self.is_kept() {
            return;
        }
        let Input::Table(table) = &mut self.input else {
            return;
        };
        let outcome = match command {
            Command::AddRow => table.add_row(self.today),
            Command::DeleteRow => table.delete_row(self.today),
            Command::RowUp => table.move_row(-1, self.today),
            Command::RowDown => table.move_row(1, self.today),
            _ => table::Outcome::Moved,
        };
        if outcome == table::Outcome::Changed {
            self.edited(now);
        }
    }

    /// A pasted block: inserted whole, line breaks included; refused whole if it would take
    /// the file past the size convene can open.
    pub fn paste(&mut self, text: &str, now: Now) -> Result<(), TooLarge> {
        if self.read_only() || self.is_summary() || self.is_kept() {
            return Ok(());
        }
        self.accept(text)?;
        let changed = match &mut self.input {
            Input::Table(table) => Some(table.paste(text, self.today) == table::Outcome::Changed),
            Input::Pick(pick) => Some(pick.paste(text)),
            Input::Text | Input::Date => None,
        };
        if let Some(changed) = changed {
            if changed {
                self.edited(now);
            }
            return Ok(());
        }
        if self.is_rating() {
            self.rating_focus = RatingFocus::Comment;
        }
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        let text = match self.input {
            Input::Date => text.replace('\n', " "),
            _ => text,
        };
        if self.editor.insert_str(text) {
            self.edited(now);
        }
        Ok(())
    }

    pub fn undo(&mut self, now: Now) {
        if self.is_kept() {
            return;
        }
        let undone = match &mut self.input {
            Input::Table(table) => table.undo(),
            Input::Pick(pick) => pick.undo(),
            Input::Text | Input::Date => self.editor.undo(),
        };
        if undone {
            self.edited(now);
        }
    }

    pub fn redo(&mut self, now: Now) {
        if self.is_kept() {
            return;
        }
        let redone = match &mut self.input {
            Input::Table(table) => table.redo(),
            Input::Pick(pick) => pick.redo(),
            Input::Text | Input::Date => self.editor.redo(),
        };
        if redone {
            self.edited(now);
        }
    }

    /// Replaces the answer on screen (after an external editor, or a card taken into it), as
    /// one undoable edit; refused if the new text would take the file past the size convene can
    /// open.
    pub fn replace_text(&mut self, text: &str, now: Now) -> Result<(), TooLarge> {
        if self.read_only()
            || self.is_summary()
            || !self.in_text()
            || self.is_kept()
            || text == self.editor_text()
        {
            return Ok(());
        }
        let old = self.editor_text().len();
        let cost = room::cost(text).saturating_sub(old);
        let left = self.room();
        if cost > left {
            return Err(TooLarge { cost, left });
        }
        self.growth += cost;
        // Not `select_all` and `cut`: the selection stops at line and column 65,535, so a
        // longer answer would keep its tail and gain the new text after it.
        self.editor.clear();
        self.editor.insert_str(text);
        self.edited(now);
        Ok(())
    }

    /// Rates the statement on screen with the rating at index `i` of [`RatingValue::ALL`].
    pub fn rate(&mut self, i: usize, now: Now) {
        let Some(value) = RatingValue::ALL.get(i).copied() else {
            return;
        };
        let Some(q) = self.question().filter(|q| q.kind.is_rating()) else {
            return;
        };
        if self.is_kept() {
            return;
        }
        let mut rating = self
            .session
            .community()
            .ratings
            .get(&q.id)
            .cloned()
            .unwrap_or_default();
        if rating.value != Some(value)
            && let Ok(community) = self.session.edit(now)
        {
            rating.value = Some(value);
            community.set_rating(&q.id, rating);
        }
    }

    /// The next rating (`later`) or the previous one; the first when there is none yet.
    pub fn rate_step(&mut self, later: bool, now: Now) {
        let all = RatingValue::ALL;
        let current = self.rating().and_then(|v| all.iter().position(|a| *a == v));
        let i = match (current, later) {
            (None, _) => 0,
            (Some(i), true) => (i + 1).min(all.len() - 1),
            (Some(i), false) => i.saturating_sub(1),
        };
        self.rate(i, now);
    }

    /// From a statement's rating to its comment.
    pub fn to_comment(&mut self) {
        if self.is_rating() {
            self.rating_focus = RatingFocus::Comment;
        }
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

    /// When the next autosave is due, if anything is unsaved.
    pub fn autosave_at(&self) -> Option<Instant> {
        Some(self.session.unsaved_since()? + AUTOSAVE_DELAY)
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

    /// The editor's text as one string.
    pub fn editor_text(&self) -> String {
        self.editor.lines().join("\n")
    }

    /// Writes the text on screen into the community, if it changed (never on a read-only
    /// file: the session refuses).
    pub fn flush(&mut self, now: Now) {
        if self.is_kept() {
            return;
        }
        let answer = match &mut self.input {
            Input::Table(table) => {
                table.commit_cell(self.today);
                std::mem::take(&mut table.changed).then(|| Answer::Records(table.records()))
            }
            Input::Pick(pick) => std::mem::take(&mut pick.changed).then(|| pick.answer()),
            Input::Text | Input::Date => None,
        };
        if let Some(answer) = answer {
            if let Some(q) = self.question()
                && let Ok(community) = self.session.edit(now)
            {
                community.set_answer(&q.id, answer);
            }
            return;
        }
        if !self.in_text() {
            return;
        }
        let text = match self.input {
            Input::Date => self.read_date(),
            _ => self.editor_text(),
        };
        if text == self.loaded_text || self.is_summary() {
            return;
        }
        let group_id = &self.group().id;
        let question = self.question();
        let Ok(community) = self.session.edit(now) else {
            return;
        };
        match question {
            None => community.set_note(group_id, text.clone()),
            Some(q) if q.kind.is_rating() => {
                let old = community.ratings.get(&q.id).cloned().unwrap_or_default();
                community.set_rating(
                    &q.id,
                    Rating {
                        comment: text.clone(),
                        ..old
                    },
                );
            }
            Some(q) => community.set_answer(&q.id, Answer::Text(text.clone())),
        }
        self.loaded_text = text;
    }

    /// The date typed, as the file keeps it: `2026-12-01` when it can be read, else as typed.
    fn read_date(&self) -> String {
        let typed = self.editor_text();
        let typed = typed.trim();
        match dates::parse(typed, self.today) {
            Ok(date) if dates::read_stored(typed).is_none() => dates::stored(date),
            _ => typed.to_string(),
        }
    }

    /// What the date being typed reads as, or why it cannot be read (`None` while empty).
    pub fn date_reading(&self) -> Option<Result<NaiveDate, dates::DateError>> {
        let typed = self.editor_text();
        let typed = typed.trim();
        (!typed.is_empty()).then(|| dates::parse(typed, self.today))
    }

    /// Puts the current field's stored answer into its editor.
    fn load_editor(&mut self) {
        self.input = self.structured_input().unwrap_or(match self.question() {
            Some(q) if q.kind == Kind::Date => Input::Date,
            _ => Input::Text,
        });
        let community = self.session.community();
        let text = match self.question() {
            None if self.is_summary() => String::new(),
            None => community
                .notes
                .get(&self.group().id)
                .cloned()
                .unwrap_or_default(),
            Some(q) if q.kind.is_rating() => community
                .ratings
                .get(&q.id)
                .map(|r| r.comment.clone())
                .unwrap_or_default(),
            Some(q) => match community.answers.get(&q.id) {
                Some(Answer::Text(t)) if !t.is_empty() => t.clone(),
                Some(Answer::Items(items)) => items.join("\n"),
                // Questions with a generated draft start from it; unedited, it is not saved.
                _ => crate::export::drafts::draft(&q.id, community).unwrap_or_default(),
            },
        };
        let text = match self.input {
            Input::Text | Input::Date => text,
            Input::Table(_) | Input::Pick(_) => String::new(),
        };
        let lines: Vec<String> = text.split('\n').map(str::to_string).collect();
        self.loaded_text = text;
        let mut editor = TextArea::new(lines);
        editor.set_wrap_mode(WrapMode::WordOrGlyph);
        editor.move_cursor(ratatui_textarea::CursorMove::Bottom);
        editor.move_cursor(ratatui_textarea::CursorMove::End);
        self.editor = editor;
    }

    /// The table or list editing the current question, if it is one of those kinds.
    fn structured_input(&self) -> Option<Input> {
        let q = self.question()?;
        let answer = self.session.community().answers.get(&q.id);
        if q.kind.is_table() {
            let records = match answer {
                Some(Answer::Records(rows)) => rows.as_slice(),
                _ => &[],
            };
            return Some(Input::Table(Table::new(
                q.kind.columns(),
                records,
                &q.options,
                q.kind == Kind::Slider,
            )));
        }
        match q.kind {
            Kind::Choice => Some(Input::Pick(Pick::one(&q.options, answer))),
            Kind::Choices => Some(Input::Pick(Pick::many(&q.options, answer))),
            _ => None,
        }
    }

    /// Where the current field's value lives in the file: under `[answers]`, `[ratings]` or
    /// `[notes]`, and its id there (`None` on a summary).
    fn place(&self) -> Option<(Part, &'static str)> {
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
        self.place()
            .is_some_and(|(part, id)| self.session.file().kept_at(self.guide, part, id).is_some())
    }

    /// The notice for a value written by hand that this field cannot use, if it holds one: the
    /// value is kept as it is, and nothing typed here replaces it until [`Walk::replace_kept`].
    pub fn kept(&self) -> Option<String> {
        let (part, id) = self.place()?;
        let (kept, line) = self.session.file().kept_at(self.guide, part, id)?;
        let kind = self.question().map(|q| q.kind);
        Some(kept::notice(&kept, kept::place_takes(part, kind), line))
    }

    /// The facilitator asked to replace the kept value here: it is dropped (the next save takes
    /// it out of the file) and the field opens empty, ready for the new answer.
    pub fn replace_kept(&mut self, now: Now) -> bool {
        let Some((part, id)) = self.place() else {
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

/// The character a key would type, if it types one.
fn typed(key: &KeyEvent) -> Option<char> {
    if key
        .modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
    {
        return None;
    }
    match key.code {
        KeyCode::Char(c) => Some(c),
        KeyCode::Enter => Some('\n'),
        KeyCode::Tab => Some('\t'),
        _ => None,
    }
}
