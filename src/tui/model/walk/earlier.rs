//! Earlier versions of the answer on screen, from git, and bringing one back.
//!
//! Where the data folder is a git repository, F4 asks git for the community's past versions
//! (see [`crate::store::versions`]) and shows those in which this answer changed, newest
//! first, the one chosen beside the answer as it is now. Enter brings it back into the editor
//! as one undo step (Ctrl-Z returns to what was there), so restoring can lose nothing either.

use chrono::{DateTime, FixedOffset};

use super::{Input, Walk};
use crate::community::{Answer, Community, Rating, RatingValue};
use crate::guide::Guide;
use crate::store::Version;
use crate::tui::model::Now;
use crate::tui::model::room::TooLarge;

/// What one place of the walk held in a version.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Answer(Option<Answer>),
    Rating(Option<Rating>),
    Note(Option<String>),
}

impl Value {
    /// What `community` holds at `place` (see [`Walk::place`]); none for a summary.
    pub fn of(community: &Community, place: &str, guide: &Guide) -> Option<Value> {
        if let Some(group) = place.strip_prefix("notes:") {
            let note = community.notes.get(group).filter(|n| !n.trim().is_empty());
            return Some(Value::Note(note.cloned()));
        }
        let question = guide.question(place)?;
        Some(if question.kind.is_rating() {
            Value::Rating(
                community
                    .ratings
                    .get(place)
                    .filter(|r| !r.is_empty())
                    .cloned(),
            )
        } else {
            Value::Answer(
                community
                    .answers
                    .get(place)
                    .filter(|a| !a.is_empty())
                    .cloned(),
            )
        })
    }

    /// As the facilitator reads it: the text, a list a line per item, a table row by row.
    pub fn shown(&self) -> String {
        let text = match self {
            Value::Answer(answer) => answer.as_ref().map(crate::merge::shown),
            Value::Rating(rating) => rating.as_ref().map(|r| {
                let value = r.value.map_or("not rated", |v| v.label());
                match r.comment.trim() {
                    "" => value.to_string(),
                    comment => format!("{value} — {comment}"),
                }
            }),
            Value::Note(note) => note.clone(),
        };
        text.unwrap_or_else(|| "(nothing)".to_string())
    }
}

/// One version in which the answer changed.
#[derive(Debug, Clone)]
pub struct Then {
    pub commit: String,
    pub when: DateTime<FixedOffset>,
    pub author: String,
    pub subject: String,
    pub value: Value,
}

/// The versions shown, for the field at `place`, and the one chosen.
#[derive(Debug, Clone)]
pub struct Earlier {
    pub place: String,
    pub versions: Vec<Then>,
    pub selected: usize,
}

/// What each version holds at `place` (see [`Value::of`]): what git's versions are read as.
pub fn value_at<'a>(
    place: &'a str,
    guide: &'a Guide,
) -> impl FnMut(&Community) -> Option<Value> + 'a {
    move |community| Value::of(community, place, guide)
}

/// Of `versions` (newest first, each read with [`value_at`]), those in which the place changed:
/// each kept where it differs from the version before it, and the oldest where it holds
/// anything.
pub fn changes(versions: Vec<Version<Option<Value>>>) -> Vec<Then> {
    let empty = |v: &Value| {
        matches!(
            v,
            Value::Answer(None) | Value::Rating(None) | Value::Note(None)
        )
    };
    let older: Vec<Option<Value>> = versions.iter().skip(1).map(|v| v.value.clone()).collect();
    versions
        .into_iter()
        .enumerate()
        .filter_map(|(i, version)| {
            let value = version.value?;
            let changed = match older.get(i).cloned().flatten() {
                Some(older) => older != value,
                None => !empty(&value),
            };
            changed.then(|| Then {
                commit: version.commit.chars().take(8).collect(),
                when: version.when,
                author: version.author,
                subject: version.subject,
                value,
            })
        })
        .collect()
}

impl Walk {
    /// Shows `earlier` over the field it is for (if the walk is still there).
    pub fn show_earlier(&mut self, earlier: Earlier) -> bool {
        if earlier.versions.is_empty() || earlier.place != self.place() {
            return false;
        }
        self.earlier = Some(earlier);
        true
    }

    pub fn close_earlier(&mut self) {
        self.earlier = None;
    }

    /// To the next older (or, with `back`, newer) version.
    pub fn earlier_step(&mut self, back: bool) {
        if let Some(earlier) = &mut self.earlier {
            let last = earlier.versions.len().saturating_sub(1);
            earlier.selected = if back {
                earlier.selected.saturating_sub(1)
            } else {
                (earlier.selected + 1).min(last)
            };
        }
    }

    /// What the field holds now, as [`Value::shown`] shows it.
    pub fn now_value(&mut self, now: Now) -> Option<Value> {
        self.flush(now);
        Value::of(self.session.community(), &self.place(), self.guide)
    }

    /// Brings the chosen version back into the field, as one undo step, and closes the list.
    /// Returns the version brought back.
    pub fn restore_earlier(&mut self, now: Now) -> Result<Option<Then>, TooLarge> {
        let Some(earlier) = self.earlier.take() else {
            return Ok(None);
        };
        let Some(then) = earlier.versions.get(earlier.selected).cloned() else {
            return Ok(None);
        };
        if self.read_only() || earlier.place != self.place() {
            return Ok(None);
        }
        let today = self.today;
        match (&then.value, &mut self.input) {
            (Value::Answer(answer), Input::Table(table)) => {
                let rows = match answer {
                    Some(Answer::Records(rows)) => rows.clone(),
                    _ => Vec::new(),
                };
                table.replace_rows(&rows, today);
                self.edited(now);
            }
            (Value::Answer(answer), Input::Pick(pick)) => {
                pick.replace(answer.as_ref());
                self.edited(now);
            }
            (Value::Rating(rating), _) => {
                let value = rating.as_ref().and_then(|r| r.value);
                if let Some(i) = value.and_then(|v| RatingValue::ALL.iter().position(|a| *a == v)) {
                    self.rate(i, now);
                }
                let comment = rating.as_ref().map_or("", |r| r.comment.as_str());
                self.replace_text(comment, now)?;
            }
            (Value::Answer(answer), _) => {
                let text = answer.as_ref().map(crate::merge::shown).unwrap_or_default();
                self.replace_text(&text, now)?;
            }
            (Value::Note(note), _) => {
                self.replace_text(note.as_deref().unwrap_or_default(), now)?;
            }
        }
        Ok(Some(then))
    }
}
