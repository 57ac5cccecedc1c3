//! The momentum plan's next step due: what home shows beside a community, so a facilitator with
//! several communities sees at a glance which one needs them next.

use chrono::NaiveDate;

use super::{Answer, Community, Scalar};
use crate::dates;
use crate::guide::{DONE, Guide, Kind};

/// The earliest step of a plan that is not done and has a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NextStep {
    pub step: String,
    pub owner: String,
    pub due: NaiveDate,
}

impl NextStep {
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.due < today
    }
}

/// The next step due across the community's plans (every question of the steps kind): the one
/// with the earliest readable due date whose status is not "done".
pub fn next_step(community: &Community, guide: &Guide) -> Option<NextStep> {
    guide
        .questions()
        .filter(|q| q.kind == Kind::Steps)
        .filter_map(|q| match community.answers.get(&q.id) {
            Some(Answer::Records(rows)) => Some(rows),
            _ => None,
        })
        .flatten()
        .filter_map(|row| {
            let text = |key: &str| match row.get(key) {
                Some(Scalar::Text(t)) => t.trim().to_string(),
                _ => String::new(),
            };
            if text("status").eq_ignore_ascii_case(DONE) {
                return None;
            }
            Some(NextStep {
                due: dates::read_stored(&text("due"))?,
                step: text("step"),
                owner: text("owner"),
            })
        })
        .min_by_key(|s| s.due)
}
