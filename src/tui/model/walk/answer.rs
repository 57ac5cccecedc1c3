//! The answer on screen and the community: loading a field's stored value into its editor, and
//! writing what was typed back.
//!
//! The text is written back when the facilitator moves on and before every save, rather than
//! on every key, so typing in a long answer costs no more than the editor itself; only a change
//! from what was loaded is written, so opening and leaving a field changes nothing.

use chrono::NaiveDate;

use super::{Input, Walk};
use crate::community::{Answer, Rating};
use crate::dates;
use crate::guide::Kind;
use crate::tui::model::Now;
use crate::tui::model::editor::Editor;
use crate::tui::model::pick::Pick;
use crate::tui::model::table::Table;

impl Walk {
    /// The editor's text as one string.
    pub fn editor_text(&self) -> String {
        self.editor.text()
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
    pub(super) fn read_date(&self) -> String {
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
    pub(in crate::tui::model) fn load_editor(&mut self) {
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
        self.editor = Editor::new(lines);
        self.editor.to_end();
        self.drawn.top.set(0);
        self.text_history = Default::default();
        self.burst = None;
    }

    /// The table or list editing the current question, if it is one of those kinds.
    pub(super) fn structured_input(&self) -> Option<Input> {
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
}
