//! The charter at a glance: what a sponsor reads before anything else, gathered from answers
//! spread over the whole walk — the purpose in one line, who coordinates and who sponsors, the
//! rhythm and the next meetings, the stage of development, what is asked of the sponsor, the
//! first harvest targets with their progress, the steps overdue, and how many of the people
//! talked to would join the core group.
//!
//! Everything here is taken from the charter's own sections once they are gathered, so the
//! glance never shows what the body leaves out (contacts, for members) and never says anything
//! the answers do not. The one exception is the core-group count, which the charter sets from
//! the conversations themselves: members and the sponsor do not see the table it is counted
//! from, but the body prints the same count beside the readiness statement on leadership.

use chrono::NaiveDate;
use serde::Serialize;

use super::charter::{AnswerOut, SectionOut};
use super::table::{CellOut, Flag, TableOut};
use crate::rhythm;

/// How many harvest targets the glance lists.
const TARGETS: usize = 3;
/// How many meetings after the next one it lists.
const FOLLOWING: usize = 3;

#[derive(Debug, Clone, Default, Serialize)]
pub struct Glance {
    /// The first sentence of the community's primary purpose.
    pub purpose: Option<String>,
    pub coordinators: Vec<Person>,
    pub sponsors: Vec<Person>,
    /// The rhythm, as the facilitator put it.
    pub cadence: Option<String>,
    /// The next meeting, when it is a date convene can read.
    pub next_meeting: Option<NaiveDate>,
    /// The meetings after it at that rhythm, when convene can count it.
    pub following: Vec<NaiveDate>,
    /// How convene read the rhythm ("the first Thursday of each month").
    pub rhythm: Option<String>,
    pub stage: Option<String>,
    /// What the community asks of its sponsor: its support needs, or the sponsor's side of the
    /// arrangement.
    pub sponsor_ask: Option<String>,
    pub targets: Vec<Target>,
    pub overdue: Vec<Step>,
    /// "3 of 7 people talked to would join the core group, 2 maybe", when the community
    /// recorded its conversations with potential members.
    pub core_group: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Person {
    pub name: String,
    /// `None` where the charter's audience leaves contacts out, or none was written.
    pub contact: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Target {
    pub output: String,
    pub target: Option<i64>,
    pub done: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Step {
    pub step: String,
    pub owner: String,
    pub due: NaiveDate,
}

impl Glance {
    pub fn build(sections: &[SectionOut]) -> Glance {
        let find = |id: &str| {
            sections
                .iter()
                .flat_map(|s| &s.groups)
                .flat_map(|g| &g.questions)
                .find(|q| q.id == id && !q.is_draft)
                .and_then(|q| q.answer.as_ref())
        };
        let text = |id: &str| match find(id) {
            Some(AnswerOut::Text(text)) if !text.trim().is_empty() => Some(text.trim().to_string()),
            _ => None,
        };
        let mut glance = Glance {
            purpose: text("primary_purpose").map(|t| first_sentence(&t)),
            cadence: text("cadence"),
            stage: text("stage"),
            sponsor_ask: text("support_needs").or_else(|| text("sponsor_exchange")),
            ..Glance::default()
        };
        if let Some(AnswerOut::Table(people)) = find("people") {
            for row in &people.rows {
                let words = |key: &str| match people.cell(row, key) {
                    CellOut::Text(t) if !t.trim().is_empty() => Some(t.trim().to_string()),
                    _ => None,
                };
                let (Some(name), Some(role)) = (words("name"), words("role")) else {
                    continue;
                };
                let person = Person {
                    name,
                    contact: words("contact"),
                };
                let role = role.to_lowercase();
                if role.contains("coordinator") {
                    glance.coordinators.push(person.clone());
                }
                if role.contains("sponsor") {
                    glance.sponsors.push(person);
                }
            }
        }
        if let Some(AnswerOut::Date(date)) = find("next_meeting") {
            glance.next_meeting = date.date;
        }
        if let (Some(first), Some(cadence)) = (glance.next_meeting, &glance.cadence)
            && let Ok(rule) = rhythm::read(cadence)
        {
            glance.following = rule.meetings(first, FOLLOWING);
            glance.rhythm = Some(rule.describe(first));
        }
        if let Some(AnswerOut::Table(harvest)) = find("harvest") {
            glance.targets = harvest
                .rows
                .iter()
                .filter_map(|row| target(harvest, row))
                .take(TARGETS)
                .collect();
        }
        for section in sections {
            for q in section.groups.iter().flat_map(|g| &g.questions) {
                if let Some(AnswerOut::Table(plan)) = &q.answer {
                    glance.overdue.extend(overdue(plan));
                }
            }
        }
        glance
    }

    /// Whether there is anything to show.
    pub fn is_empty(&self) -> bool {
        self.purpose.is_none()
            && self.coordinators.is_empty()
            && self.sponsors.is_empty()
            && self.cadence.is_none()
            && self.next_meeting.is_none()
            && self.stage.is_none()
            && self.sponsor_ask.is_none()
            && self.targets.is_empty()
            && self.overdue.is_empty()
            && self.core_group.is_none()
    }
}

fn target(table: &TableOut, row: &super::table::RowOut) -> Option<Target> {
    let output = match table.cell(row, "output") {
        CellOut::Text(t) if !t.trim().is_empty() => t.trim().to_string(),
        _ => return None,
    };
    let number = |key: &str| match table.cell(row, key) {
        CellOut::Number(n) => Some(*n),
        _ => None,
    };
    Some(Target {
        output,
        target: number("target"),
        done: number("done"),
    })
}

fn overdue(plan: &TableOut) -> Vec<Step> {
    plan.rows
        .iter()
        .filter(|row| row.flag == Some(Flag::Overdue))
        .filter_map(|row| {
            let words = |key: &str| match plan.cell(row, key) {
                CellOut::Text(t) => t.trim().to_string(),
                _ => String::new(),
            };
            Some(Step {
                step: words("step"),
                owner: words("owner"),
                due: plan.cell(row, "due").date()?,
            })
        })
        .collect()
}

/// The first sentence of `text` (its first paragraph, on one line, if no sentence ends sooner).
fn first_sentence(text: &str) -> String {
    let paragraph = text.split("\n\n").next().unwrap_or(text);
    let line = paragraph.split_whitespace().collect::<Vec<_>>().join(" ");
    match line.find(". ") {
        Some(end) => line[..=end].to_string(),
        None => line,
    }
}

#[cfg(test)]
mod tests {
    use super::first_sentence;

    #[test]
    fn the_purpose_is_its_first_sentence_on_one_line() {
        assert_eq!(
            first_sentence("Learn from\neach other. Then share it.\n\nMore."),
            "Learn from each other."
        );
        assert_eq!(first_sentence("No full stop"), "No full stop");
    }
}
