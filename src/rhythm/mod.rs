//! A meeting rhythm as people say it: "monthly", "every other Tuesday", "the first Thursday of
//! the month", "the last Friday of each term".
//!
//! The cadence question offers a short list, but a facilitator thinks of the rhythm as a slot in
//! the diary, and says it that way. [`read`] turns those words into a [`Rule`]; the rule gives
//! the meetings after a first one ([`Rule::meetings`]) and says in plain words what convene took
//! the words to mean ([`Rule::describe`]), so the screen can show the reading beside the dates
//! and a misreading is seen rather than believed.
//!
//! Decisions a facilitator should be able to predict:
//!
//! - A rhythm counted in months keeps the *weekday* of the first meeting, not its day of the
//!   month: a first meeting on the second Tuesday gives the second Tuesday of each following
//!   month, and one in the last seven days of its month gives the last Tuesday. Keeping the day
//!   of the month would move a Tuesday meeting onto a Sunday.
//! - The first meeting is kept as typed, even when it is off the rule (a Thursday for "every
//!   Tuesday"): it is the date the room agreed. The meetings after it follow the rule, and
//!   [`Rule::fits`] says whether it was on it, so the screen can point the mismatch out.
//! - Weeks are counted from the week (Monday to Sunday) of the first meeting: "every other
//!   Tuesday" after a Thursday meeting is the Tuesday two weeks on, not five days later.
//! - "Bimonthly" and "biweekly" are read as every two months and every two weeks (the sense the
//!   list's own options use), never twice a month or twice a week; the description says so.
//! - "Twice a month" is two meetings in every month on the first meeting's weekday: the first
//!   and third, or the second and fourth, whichever pair the first meeting belongs to.
//! - A term is a third of the year: January–April, May–August, September–December. School
//!   terms differ from place to place, so the description names the months every time.
//! - A quarter is a calendar quarter (January–March, …) when a weekday is named in it ("the
//!   first Monday of each quarter"); plain "quarterly" is every three months from the first
//!   meeting.
//!
//! Words convene cannot count give an [`Unread`] with a short reason — never a guess.

mod read;
mod vocabulary;
mod words;

#[cfg(test)]
mod tests;

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

pub use read::{Unread, read};

/// A rhythm that is the community's own: basecamps (seed 002's learning expedition) held at
/// the regular meetings rather than on a rhythm of their own.
pub const AT_EVERY_MEETING: &str = "at every regular meeting";

/// The words to count for a rhythm that may follow the regular one: the regular meetings'
/// words (`regular`, the cadence answered) when `words` is [`AT_EVERY_MEETING`], `words`
/// otherwise. `None` when it follows a regular rhythm nobody has given yet.
pub fn followed<'w>(words: &'w str, regular: Option<&'w str>) -> Option<&'w str> {
    if words.trim().eq_ignore_ascii_case(AT_EVERY_MEETING) {
        regular.filter(|r| !r.trim().eq_ignore_ascii_case(AT_EVERY_MEETING))
    } else {
        Some(words)
    }
}

/// A rhythm convene can count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rule {
    /// Every `every` weeks, counted from the first meeting's week, on the days `on` (the first
    /// meeting's weekday when empty).
    Weeks { every: u32, on: Vec<Weekday> },
    /// A `place` in every `every`-th calendar `span`, counted from the span the first meeting
    /// falls in.
    Spans {
        span: Span,
        every: u32,
        place: Place,
    },
}

/// A stretch of the calendar a rule counts in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Span {
    Month,
    /// January–March, April–June, July–September, October–December.
    Quarter,
    /// A third of the year: January–April, May–August, September–December.
    Term,
    Year,
}

impl Span {
    /// How many months it is; spans start in the months that are multiples of it from January.
    pub fn months(self) -> u32 {
        match self {
            Span::Month => 1,
            Span::Quarter => 3,
            Span::Term => 4,
            Span::Year => 12,
        }
    }
}

/// Where in a span a meeting falls. A numbered weekday or day is in the span's first month;
/// the last one is in its last month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// The first meeting's place in its month (which of its weekdays it is, or the last), on
    /// the weekday given or else its own.
    Like(Option<Weekday>),
    /// Twice: the first and third, or the second and fourth, of the weekday given or the first
    /// meeting's, as the first meeting falls.
    Twice(Option<Weekday>),
    /// Each of these weekdays, each of these times.
    Weekdays { nths: Vec<Nth>, days: Vec<Weekday> },
    /// A day of the month (the month's last day when it has fewer).
    Day(u32),
    /// The last day.
    LastDay,
}

/// Which of a month's weekdays.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Nth {
    /// The first (1) to the fourth (4): every month has four of each weekday.
    Number(u8),
    Last,
}

/// How many rules' steps [`Rule::meetings`] looks through, at most, for each meeting asked for:
/// every step (a week, a span) holds at least one meeting, so this is a bound, never reached.
const STEPS_PER_MEETING: usize = 2;

impl Rule {
    /// The first `count` meetings after `first`, by the rule (fewer only at the end of the
    /// calendar).
    pub fn meetings(&self, first: NaiveDate, count: usize) -> Vec<NaiveDate> {
        let mut found = Vec::with_capacity(count);
        for step in 0..=count.saturating_mul(STEPS_PER_MEETING) {
            let Some(dates) = self.step(first, step as u32) else {
                break;
            };
            found.extend(dates.into_iter().filter(|d| *d > first));
            if found.len() >= count {
                break;
            }
        }
        found.truncate(count);
        found
    }

    /// Whether `first` is itself a meeting the rule would give.
    pub fn fits(&self, first: NaiveDate) -> bool {
        match self {
            Rule::Weeks { on, .. } => on.is_empty() || on.contains(&first.weekday()),
            Rule::Spans { .. } => self.step(first, 0).is_some_and(|d| d.contains(&first)),
        }
    }

    /// What convene understood, in plain words, for a first meeting on `first`: "the first
    /// Thursday of each month".
    pub fn describe(&self, first: NaiveDate) -> String {
        words::describe(self, first)
    }

    /// The meetings in the `n`-th week or span of the rule, counted from the first meeting's,
    /// in order; `None` past the end of the calendar.
    fn step(&self, first: NaiveDate, n: u32) -> Option<Vec<NaiveDate>> {
        match self {
            Rule::Weeks { every, on } => {
                let monday = first
                    .checked_sub_days(Days::new(first.weekday().num_days_from_monday().into()))?;
                let week = monday.checked_add_days(Days::new(7 * u64::from(*every * n)))?;
                let mut days = weekdays(on, first);
                days.sort_by_key(|d| d.num_days_from_monday());
                days.iter()
                    .map(|d| week.checked_add_days(Days::new(d.num_days_from_monday().into())))
                    .collect()
            }
            Rule::Spans { span, every, place } => {
                let length = span.months();
                let start = first.with_day(1)?;
                let start = start.checked_sub_months(Months::new(first.month0() % length))?;
                let start = start.checked_add_months(Months::new(n * every * length))?;
                let end = start.checked_add_months(Months::new(length - 1))?;
                let mut dates = in_span(place, first, start, end)?;
                dates.sort();
                dates.dedup();
                Some(dates)
            }
        }
    }
}

/// The weekdays a rule meets on: those named, or the first meeting's.
fn weekdays(on: &[Weekday], first: NaiveDate) -> Vec<Weekday> {
    if on.is_empty() {
        vec![first.weekday()]
    } else {
        on.to_vec()
    }
}

/// Where the first meeting falls in its month: which of its weekdays it is, or the last when
/// it is in the month's last seven days.
pub fn place_of(first: NaiveDate) -> Nth {
    if first.day() + 7 > days_in_month(first) {
        Nth::Last
    } else {
        Nth::Number(((first.day() - 1) / 7 + 1) as u8)
    }
}

/// The first and third of a weekday, or the second and fourth, as the first meeting falls.
fn twice(first: NaiveDate, day: Weekday) -> Vec<Nth> {
    let second_or_fourth = first.weekday() == day && ((first.day() - 1) / 7) % 2 == 1;
    if second_or_fourth {
        vec![Nth::Number(2), Nth::Number(4)]
    } else {
        vec![Nth::Number(1), Nth::Number(3)]
    }
}

/// The meetings `place` gives in the span from the month of `start` to the month of `end`
/// (both the first of their month).
fn in_span(
    place: &Place,
    first: NaiveDate,
    start: NaiveDate,
    end: NaiveDate,
) -> Option<Vec<NaiveDate>> {
    let (nths, days) = match place {
        Place::Like(on) => (vec![place_of(first)], vec![on.unwrap_or(first.weekday())]),
        Place::Twice(on) => {
            let day = on.unwrap_or(first.weekday());
            (twice(first, day), vec![day])
        }
        Place::Weekdays { nths, days } => (nths.clone(), days.clone()),
        Place::Day(day) => return Some(vec![start.with_day((*day).min(days_in_month(start)))?]),
        Place::LastDay => return Some(vec![end.with_day(days_in_month(end))?]),
    };
    let mut dates = Vec::new();
    for nth in &nths {
        for day in &days {
            dates.push(match nth {
                Nth::Number(n) => {
                    NaiveDate::from_weekday_of_month_opt(start.year(), start.month(), *day, *n)?
                }
                Nth::Last => last_weekday(end, *day)?,
            });
        }
    }
    Some(dates)
}

/// The last `day` of the month of `month`.
fn last_weekday(month: NaiveDate, day: Weekday) -> Option<NaiveDate> {
    let last = month.with_day(days_in_month(month))?;
    let back = (7 + last.weekday().num_days_from_monday() - day.num_days_from_monday()) % 7;
    last.checked_sub_days(Days::new(back.into()))
}

fn days_in_month(date: NaiveDate) -> u32 {
    date.num_days_in_month().into()
}
