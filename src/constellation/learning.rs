//! Learning across communities (seed 002: "learning happens between and across communities"):
//! the learning logs of all the constellation's communities as one list in date order, with
//! the follow-ups that are due, and an entry marked as shared with another community.
//!
//! Sharing is written into the entry's own row, in the log's "Shared with" column, so the
//! community that learned it keeps the record in its own file, and the list here is only ever
//! read from the logs: nothing about learning lives in the constellation file.

use chrono::NaiveDate;

use super::overview::Overview;
use crate::community::{Answer, Community, Record, Scalar};
use crate::dates;

/// The learning log's question.
pub const LOG: &str = "learning_log";

/// The log's column that says which communities an entry was shared with.
pub const SHARED_WITH: &str = "shared_with";

/// One entry of one community's learning log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The overview row of its community.
    pub community: usize,
    /// Its place in that community's log.
    pub index: usize,
    pub date: Option<NaiveDate>,
    pub problem: String,
    pub advice: String,
    pub follow_up: Option<NaiveDate>,
    pub outcome: String,
    pub party: String,
    /// The communities it was shared with, as written ("Citizenship; Resilience").
    pub shared_with: String,
    /// Its follow-up day has come and no outcome is written.
    pub due: bool,
}

impl Entry {
    /// The names in [`Entry::shared_with`].
    pub fn shared(&self) -> Vec<&str> {
        split_names(&self.shared_with)
    }
}

/// Every entry of every community's log, in date order (entries without a date last, each
/// community's in its own order), judged against `today`.
pub fn across(overview: &Overview, today: NaiveDate) -> Vec<Entry> {
    let mut entries: Vec<Entry> = overview
        .rows
        .iter()
        .enumerate()
        .filter_map(|(i, row)| Some((i, log(row.community.as_ref()?)?)))
        .flat_map(|(i, rows)| {
            rows.iter()
                .enumerate()
                .map(move |(index, row)| entry(i, index, row, today))
        })
        .collect();
    entries.sort_by_key(|e| (e.date.is_none(), e.date));
    entries
}

fn log(community: &Community) -> Option<&[Record]> {
    match community.answers.get(LOG) {
        Some(Answer::Records(rows)) => Some(rows),
        _ => None,
    }
}

fn text(row: &Record, key: &str) -> String {
    match row.get(key) {
        Some(Scalar::Text(t)) => t.trim().to_string(),
        _ => String::new(),
    }
}

fn entry(community: usize, index: usize, row: &Record, today: NaiveDate) -> Entry {
    let follow_up = dates::read_stored(&text(row, "follow_up"));
    let outcome = text(row, "outcome");
    Entry {
        community,
        index,
        date: dates::read_stored(&text(row, "date")),
        problem: text(row, "problem"),
        advice: text(row, "advice"),
        due: follow_up.is_some_and(|f| f <= today) && outcome.is_empty(),
        follow_up,
        outcome,
        party: text(row, "party"),
        shared_with: text(row, SHARED_WITH),
    }
}

/// The names in a "Shared with" cell: separated by `;` or `,`.
pub fn split_names(cell: &str) -> Vec<&str> {
    cell.split([';', ','])
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .collect()
}

/// Why an entry could not be marked as shared.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NotShared {
    #[error("the entry is no longer in the log as it was shown (someone changed the log)")]
    Changed,
    #[error("it is already marked as shared with {0}")]
    Already(String),
}

/// Marks the entry at `index` of `community`'s log as shared with `with`, if the row there is
/// still `expect` (the log may have changed since it was listed): the name is added to its
/// "Shared with" cell.
pub fn share(
    community: &mut Community,
    index: usize,
    expect: &Entry,
    with: &str,
) -> Result<(), NotShared> {
    let Some(Answer::Records(rows)) = community.answers.get_mut(LOG) else {
        return Err(NotShared::Changed);
    };
    let Some(row) = rows.get_mut(index) else {
        return Err(NotShared::Changed);
    };
    let same = text(row, "problem") == expect.problem
        && dates::read_stored(&text(row, "date")) == expect.date;
    if !same {
        return Err(NotShared::Changed);
    }
    let cell = text(row, SHARED_WITH);
    let already = split_names(&cell)
        .iter()
        .any(|n| crate::store::names::agreement(n, with).is_some());
    if already {
        return Err(NotShared::Already(with.to_string()));
    }
    let joined = if cell.is_empty() {
        with.to_string()
    } else {
        format!("{cell}; {with}")
    };
    row.insert(SHARED_WITH.to_string(), Scalar::Text(joined));
    community.touch();
    Ok(())
}
