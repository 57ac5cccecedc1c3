//! What a community's calendar holds, as plain data: the dated things gathered from its
//! answers, each with the words a calendar shows and a key that stays the same while the thing
//! it dates does (see [`super`] for how the key becomes a UID).
//!
//! Three kinds of date are the community's own promises:
//!
//! - **Meetings**: the next meeting and the ones after it at the rhythm, as the app and the
//!   charter's glance count them ([`rhythm`]). A next meeting that has passed is counted on
//!   from, so a file nobody updated since still gives the meetings to come.
//! - **Plan steps** with a due date, from every plan (every question of the steps kind: the
//!   launch plan and the momentum plan), overdue ones included: they are still to do. A step
//!   marked done is left out, as it is from the app's "next step due".
//! - **Learning-log follow-ups** whose outcome nobody has written yet: the day to ask what came
//!   of the advice.
//!
//! A date convene cannot read (words kept as typed) cannot go on a calendar; each one is named
//! in [`Gathered::notes`] so the command line can say what was left out, instead of a calendar
//! that silently lacks it.

use chrono::NaiveDate;

use crate::community::{Answer, CommunityFile, Part, Record, Scalar, kept};
use crate::dates;
use crate::guide::{DONE, Guide, Kind};
use crate::rhythm;

/// How many meetings the calendar holds: a year of a monthly rhythm, a quarter of a weekly
/// one. Export again to see further.
pub const MEETINGS: usize = 12;

/// How far back a next meeting that has passed is still counted on from, in days (ten years):
/// the bound on how many meetings are counted to reach today.
const LOOK_BACK_DAYS: i64 = 3660;

/// The learning log's question.
const LOG: &str = "learning_log";

/// One dated thing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dated {
    pub what: What,
    pub date: NaiveDate,
    /// The calendar's title for it, as the file has it (made safe where it is written).
    pub summary: String,
    /// More about it, on several lines.
    pub description: String,
    /// Names it among the community's dated things, for its UID: the date for a meeting, the
    /// plan and the step's words for a step, the entry's date and problem for a follow-up.
    pub key: String,
}

/// What a date is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum What {
    Meeting,
    Step,
    FollowUp,
}

/// The community's dated things in date order, and what could not be dated.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Gathered {
    pub dated: Vec<Dated>,
    /// What was left out and why, in a facilitator's words (text from the file, not yet made
    /// safe to print).
    pub notes: Vec<String>,
}

/// Everything `file` dates, judged on `today` (meetings before it are past).
pub fn gather(file: &CommunityFile, guide: &Guide, today: NaiveDate) -> Gathered {
    let mut gathered = Gathered::default();
    meetings(file, today, &mut gathered);
    for question in guide.questions().filter(|q| q.kind == Kind::Steps) {
        steps(file, guide, &question.id, &mut gathered);
    }
    follow_ups(file, guide, &mut gathered);
    gathered.dated.sort_by_key(|d| (d.date, d.what));
    gathered
}

fn answer_text<'f>(file: &'f CommunityFile, id: &str) -> Option<&'f str> {
    match file.community.answers.get(id) {
        Some(Answer::Text(text)) if !text.trim().is_empty() => Some(text.trim()),
        _ => None,
    }
}

fn cell(row: &Record, key: &str) -> String {
    match row.get(key) {
        Some(Scalar::Text(t)) => t.trim().to_string(),
        Some(Scalar::Integer(n)) => n.to_string(),
        Some(Scalar::Bool(b)) => b.to_string(),
        None => String::new(),
    }
}

fn meetings(file: &CommunityFile, today: NaiveDate, out: &mut Gathered) {
    let name = file.community.name.trim();
    let Some(written) = answer_text(file, "next_meeting") else {
        return;
    };
    let Some(first) = dates::read_stored(written) else {
        out.notes.push(format!(
            "The next meeting, \"{written}\", is not a date convene can read: no meetings are \
             in the calendar."
        ));
        return;
    };
    let cadence = answer_text(file, "cadence");
    let rule = cadence.map(rhythm::read);
    let description = match (&rule, cadence) {
        (Some(Ok(rule)), Some(cadence)) => format!(
            "The regular meeting of {name}: {cadence} (convene reads it as {}).",
            rule.describe(first)
        ),
        (Some(Err(unread)), Some(cadence)) => {
            out.notes.push(format!(
                "The rhythm \"{cadence}\" is not one convene can count ({}): only the next \
                 meeting is in the calendar.",
                unread.reason()
            ));
            format!("The next meeting of {name}.")
        }
        _ => format!("The next meeting of {name}."),
    };
    let mut days = vec![first];
    if let Some(Ok(rule)) = &rule {
        let behind = (today - first).num_days().clamp(0, LOOK_BACK_DAYS);
        // At most one meeting a day, so `behind` more meetings reach today.
        let count = MEETINGS + usize::try_from(behind).unwrap_or(0);
        days.extend(rule.meetings(first, count));
    } else if first < today {
        out.notes.push(format!(
            "The next meeting ({}) has passed and there is no rhythm to count on from it: no \
             meetings are in the calendar.",
            dates::shown(first)
        ));
    }
    for date in days.into_iter().filter(|d| *d >= today).take(MEETINGS) {
        out.dated.push(Dated {
            what: What::Meeting,
            date,
            summary: format!("{name} meeting"),
            description: description.clone(),
            key: format!("meeting-{}", date.format("%Y%m%d")),
        });
    }
}

/// The rows of a table answer, or a note when the file holds something else there.
fn rows<'f>(file: &'f CommunityFile, guide: &Guide, id: &str, out: &mut Gathered) -> &'f [Record] {
    if let Some((found, line)) = file.kept_at(guide, Part::Answer, id) {
        let takes = guide
            .question(id)
            .map_or("a table", |q| kept::takes(q.kind));
        out.notes.push(format!(
            "{} Nothing from it is in the calendar.",
            kept::notice(&found, takes, line)
        ));
    }
    match file.community.answers.get(id) {
        Some(Answer::Records(rows)) => rows,
        _ => &[],
    }
}

/// A key for a row from words that identify it, the same when only case or spacing changes;
/// `seen` counts the earlier rows with the same words, so two identical rows keep two keys.
fn row_key(prefix: &str, words: &str, seen: &mut Vec<String>) -> String {
    let words = words
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    let repeat = seen.iter().filter(|w| **w == words).count();
    seen.push(words.clone());
    match repeat {
        0 => format!("{prefix}\u{0}{words}"),
        n => format!("{prefix}\u{0}{words}\u{0}{}", n + 1),
    }
}

fn plan_name(id: &str) -> &str {
    match id {
        "momentum_plan" => "momentum plan",
        "launch_plan" => "launch plan",
        other => other,
    }
}

fn steps(file: &CommunityFile, guide: &Guide, id: &str, out: &mut Gathered) {
    let name = file.community.name.trim();
    let plan = plan_name(id);
    let mut seen = Vec::new();
    for row in rows(file, guide, id, out) {
        let (step, owner, due) = (cell(row, "step"), cell(row, "owner"), cell(row, "due"));
        let status = cell(row, "status");
        // Keyed by the step's words, not its place: a step moved up the plan, given a new
        // owner or a new date is the same event, updated where it is imported again.
        let key = row_key(id, &step, &mut seen);
        if status.eq_ignore_ascii_case(DONE) || due.is_empty() {
            continue;
        }
        let Some(date) = dates::read_stored(&due) else {
            out.notes.push(format!(
                "The {plan} step \"{step}\" is due \"{due}\", which is not a date convene can \
                 read: it is not in the calendar."
            ));
            continue;
        };
        let mut summary = format!("Due: {}", or(&step, "a step with no words yet"));
        if !owner.is_empty() {
            summary.push_str(&format!(" ({owner})"));
        }
        let mut description = format!("A step of the {plan} of {name}.");
        for (label, value) in [("Owner", &owner), ("Status", &status)] {
            if !value.is_empty() {
                description.push_str(&format!("\n{label}: {value}"));
            }
        }
        out.dated.push(Dated {
            what: What::Step,
            date,
            summary,
            description,
            key,
        });
    }
}

fn follow_ups(file: &CommunityFile, guide: &Guide, out: &mut Gathered) {
    let name = file.community.name.trim();
    let mut seen = Vec::new();
    for row in rows(file, guide, LOG, out) {
        let (raised, problem) = (cell(row, "date"), cell(row, "problem"));
        let follow_up = cell(row, "follow_up");
        let key = row_key("follow-up", &format!("{raised} {problem}"), &mut seen);
        if !cell(row, "outcome").is_empty() || follow_up.is_empty() {
            continue;
        }
        let Some(date) = dates::read_stored(&follow_up) else {
            out.notes.push(format!(
                "The learning-log follow-up of \"{problem}\" is on \"{follow_up}\", which is \
                 not a date convene can read: it is not in the calendar."
            ));
            continue;
        };
        let mut description =
            format!("A follow-up from the learning log of {name}: ask how the advice turned out.");
        let raised = dates::read_stored(&raised).map_or(raised, dates::shown);
        for (label, value) in [
            ("Raised", raised),
            ("Problem", problem.clone()),
            ("Advice given", cell(row, "advice")),
            ("Scouting party", cell(row, "party")),
        ] {
            if !value.is_empty() {
                description.push_str(&format!("\n{label}: {value}"));
            }
        }
        out.dated.push(Dated {
            what: What::FollowUp,
            date,
            summary: format!("Follow up: {}", or(&problem, "a learning-log entry")),
            description,
            key,
        });
    }
}

fn or<'a>(text: &'a str, instead: &'a str) -> &'a str {
    if text.is_empty() { instead } else { text }
}
