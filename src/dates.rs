//! Dates typed the way people type them.
//!
//! A facilitator types dates in the middle of a workshop — the next meeting, a review, a harvest —
//! with a room waiting. They write `tomorrow`, `+2w`, `next monday`, `1 Dec` or `Dec 1st`, and
//! convene should understand all of these instead of insisting on one format. [`parse`] reads them
//! relative to a `today` the caller passes in, so the rules are testable and the screen, the
//! command line and the tests agree on what "next monday" means.
//!
//! Reading leniently must never mean guessing: `1/12` is the 1st of December in most of the world
//! and the 12th of January in the United States, so it is refused with a message that names both
//! readings, unless only one of them is a real date. Invalid dates (`31 Feb`), far-off years and
//! arithmetic overflow are errors that say what went wrong, never a wrong date or a panic.
//!
//! Files hold one form only, ISO `2026-12-01` ([`stored`], read back strictly by
//! [`read_stored`]), so a community file means the same to every reader and sorts as text. What
//! is shown back is `Tue 1 Dec 2026` ([`shown`]): month as a word and a weekday, unambiguous in
//! every locale, and readable by [`parse`] again.

use std::fmt;
use std::ops::RangeInclusive;

use chrono::{DateTime, Datelike, Days, FixedOffset, Local, Months, NaiveDate, Timelike, Weekday};

use crate::text::{fit, sanitize_line};

/// Years a date may fall in. Wide enough for any community's history and plans, narrow enough that
/// a slip of the finger (`+99999d`, `1 Dec 20266`) is caught instead of saved.
const YEARS: RangeInclusive<i32> = 1900..=2200;

/// How many columns of the input an error repeats: a pasted paragraph must not fill the status
/// line.
const ECHO_COLUMNS: usize = 40;

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

const WEEKDAYS: [(Weekday, &str); 7] = [
    (Weekday::Mon, "Monday"),
    (Weekday::Tue, "Tuesday"),
    (Weekday::Wed, "Wednesday"),
    (Weekday::Thu, "Thursday"),
    (Weekday::Fri, "Friday"),
    (Weekday::Sat, "Saturday"),
    (Weekday::Sun, "Sunday"),
];

/// Reads a date as a facilitator types it, relative to `today`.
///
/// Accepts ISO dates, day and month names with an optional year and weekday, `today` /
/// `tomorrow` / `yesterday`, offsets (`+2w`, `in 3 days`, `2 weeks ago`, `next month`) and
/// weekdays (`monday`, `next monday`, `last friday`, `this friday`). See the module tests for
/// every form.
pub fn parse(input: &str, today: NaiveDate) -> Result<NaiveDate, DateError> {
    let text = normalise(input);
    let result = if text.is_empty() {
        Err(Problem::Empty)
    } else {
        read(&text, today)
    };
    result
        .and_then(in_range)
        .map_err(|problem| DateError::new(input, problem, today))
}

/// How a date is written in community files: "2026-12-01".
pub fn stored(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// How a date is shown back, unambiguous in every locale: "Tue 1 Dec 2026".
pub fn shown(date: NaiveDate) -> String {
    date.format("%a %-d %b %Y").to_string()
}

/// Reads a date as stored in a file (strict ISO `YYYY-MM-DD` only); None otherwise.
///
/// Only the shape and the calendar are checked, not [`parse`]'s year range: a file is not a
/// slip of the finger, and refusing a valid date someone wrote there would lose it.
pub fn read_stored(text: &str) -> Option<NaiveDate> {
    let bytes = text.as_bytes();
    let shaped = bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, b)| match i {
            4 | 7 => *b == b'-',
            _ => b.is_ascii_digit(),
        });
    if !shaped {
        return None;
    }
    let year = text[0..4].parse().ok()?;
    NaiveDate::from_ymd_opt(year, text[5..7].parse().ok()?, text[8..10].parse().ok()?)
}

/// Today in the local time zone.
pub fn today() -> NaiveDate {
    Local::now().date_naive()
}

/// Now, to the second, in the local offset: when a charter is made (its day is [`today`]'s).
pub fn now() -> DateTime<FixedOffset> {
    let now = Local::now().fixed_offset();
    now.with_nanosecond(0).unwrap_or(now)
}

/// Why a date could not be read.
///
/// Its message repeats what was typed (made safe to print, and shortened) and says what would
/// work instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError {
    typed: String,
    problem: Problem,
    today: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Problem {
    Empty,
    Unreadable,
    Ambiguous {
        day_first: NaiveDate,
        month_first: NaiveDate,
    },
    NoSuchMonth(u32),
    NoSuchDay {
        month: u32,
        day: u32,
        year: Option<i32>,
    },
    /// 29 February without a year, when no year within one of today is a leap year.
    NoLeapDayNear {
        next_leap: i32,
    },
    WrongWeekday {
        date: NaiveDate,
        typed: Weekday,
    },
    OutOfRange,
}

impl DateError {
    fn new(input: &str, problem: Problem, today: NaiveDate) -> Self {
        Self {
            typed: echo(input.trim()),
            problem,
            today,
        }
    }

    fn examples(&self) -> String {
        let today = self.today;
        format!(
            "{}, {}, +2w or next monday",
            stored(today),
            today.format("%-d %b")
        )
    }
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let typed = &self.typed;
        let lead = format!("could not read \"{typed}\" as a date");
        match &self.problem {
            Problem::Empty => write!(f, "no date was typed; try {}", self.examples()),
            Problem::Unreadable => write!(f, "{lead}; try {}", self.examples()),
            Problem::Ambiguous {
                day_first,
                month_first,
            } => write!(
                f,
                "\"{typed}\" is ambiguous: it could be {} or {}; write the month as a word, \
                 like {}, or use {}",
                day_month_year(*day_first),
                day_month_year(*month_first),
                day_first.format("%-d %b"),
                stored(*day_first),
            ),
            Problem::NoSuchMonth(month) => write!(f, "{lead}: there is no month {month}"),
            Problem::NoSuchDay { month, day, year } => {
                let month = month_name(*month);
                match year {
                    Some(year) => write!(f, "{lead}: {month} {year} has no day {day}"),
                    None => write!(f, "{lead}: {month} has no day {day}"),
                }
            }
            Problem::NoLeapDayNear { next_leap } => write!(
                f,
                "{lead}: 29 February is only in leap years; add the year, like 29 Feb {next_leap}"
            ),
            Problem::WrongWeekday { date, typed: day } => write!(
                f,
                "{lead}: {} is a {}, not a {}",
                day_month_year(*date),
                weekday_name(date.weekday()),
                weekday_name(*day),
            ),
            Problem::OutOfRange => write!(
                f,
                "{lead}: dates must fall between {} and {}",
                YEARS.start(),
                YEARS.end()
            ),
        }
    }
}

impl std::error::Error for DateError {}

/// What was typed, safe to print on one line and short enough for a status bar.
fn echo(input: &str) -> String {
    fit(&sanitize_line(input), ECHO_COLUMNS)
}

fn day_month_year(date: NaiveDate) -> String {
    date.format("%-d %b %Y").to_string()
}

fn month_name(month: u32) -> &'static str {
    MONTHS[(month as usize).saturating_sub(1) % 12]
}

fn weekday_name(day: Weekday) -> &'static str {
    WEEKDAYS[day.num_days_from_monday() as usize].1
}

/// Lower case, commas as spaces, one space between words: `Dec 1, 2026` and `dec  1 2026` are
/// read alike.
fn normalise(input: &str) -> String {
    let lower = input.to_lowercase().replace(',', " ");
    lower.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// One way of reading: `None` when the text is not in this form, so the next form is tried;
/// `Some` when it is, with the date or the reason it is not one.
type Attempt = Option<Result<NaiveDate, Problem>>;

fn read(text: &str, today: NaiveDate) -> Result<NaiveDate, Problem> {
    named_day(text, today)
        .or_else(|| signed_offset(text, today))
        .or_else(|| spoken_offset(text, today))
        .or_else(|| weekday_phrase(text, today))
        .or_else(|| absolute(text, today))
        .unwrap_or(Err(Problem::Unreadable))
}

fn in_range(date: NaiveDate) -> Result<NaiveDate, Problem> {
    if YEARS.contains(&date.year()) {
        Ok(date)
    } else {
        Err(Problem::OutOfRange)
    }
}

// Relative dates: counted from today.

#[derive(Debug, Clone, Copy)]
enum Unit {
    Day,
    Week,
    Month,
    Year,
}

fn named_day(text: &str, today: NaiveDate) -> Attempt {
    let days = match text {
        "today" => 0,
        "tomorrow" => 1,
        "yesterday" => -1,
        _ => return None,
    };
    Some(shift_days(today, days))
}

/// `+3d`, `-1w`, `+ 2 weeks`.
fn signed_offset(text: &str, today: NaiveDate) -> Attempt {
    let (forward, rest) = if let Some(rest) = text.strip_prefix('+') {
        (true, rest)
    } else {
        (false, text.strip_prefix('-')?)
    };
    Some(amount(rest)?.and_then(|(n, unit)| shift(today, n, unit, forward)))
}

/// `in 3 days`, `in a week`, `2 weeks ago`, `next month`, `last week`.
fn spoken_offset(text: &str, today: NaiveDate) -> Attempt {
    let (forward, amount) = if let Some(rest) = text.strip_prefix("in ") {
        (true, amount(rest)?)
    } else if let Some(rest) = text.strip_suffix(" ago") {
        (false, amount(rest)?)
    } else if let Some(rest) = text.strip_prefix("next ") {
        (true, Ok((1, unit(rest)?)))
    } else {
        (false, Ok((1, unit(text.strip_prefix("last ")?)?)))
    };
    Some(amount.and_then(|(n, unit)| shift(today, n, unit, forward)))
}

/// A count and a unit: `3d`, `3 days`, `2w`, `a week`. A count too large to hold is out of range.
fn amount(text: &str) -> Option<Result<(u64, Unit), Problem>> {
    if let Some((word, rest)) = text.split_once(' ')
        && matches!(word, "a" | "an" | "one")
    {
        return Some(Ok((1, unit(rest)?)));
    }
    let compact: String = text.chars().filter(|c| *c != ' ').collect();
    let split = compact
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(compact.len());
    let (digits, word) = compact.split_at(split);
    if digits.is_empty() {
        return None;
    }
    let unit = unit(word)?;
    Some(
        digits
            .parse()
            .map(|n| (n, unit))
            .map_err(|_| Problem::OutOfRange),
    )
}

fn unit(word: &str) -> Option<Unit> {
    Some(match word {
        "d" | "day" | "days" => Unit::Day,
        "w" | "wk" | "wks" | "week" | "weeks" => Unit::Week,
        "m" | "mo" | "mos" | "month" | "months" => Unit::Month,
        "y" | "yr" | "yrs" | "year" | "years" => Unit::Year,
        _ => return None,
    })
}

/// Moves `from` by `n` units. Months are calendar months, clamped to the month's end
/// (31 Jan + 1 month = 28 or 29 Feb); every step is checked, so no count can overflow.
fn shift(from: NaiveDate, n: u64, unit: Unit, forward: bool) -> Result<NaiveDate, Problem> {
    let moved = match unit {
        Unit::Day => by_days(from, Some(n), forward),
        Unit::Week => by_days(from, n.checked_mul(7), forward),
        Unit::Month => by_months(from, Some(n), forward),
        Unit::Year => by_months(from, n.checked_mul(12), forward),
    };
    moved.ok_or(Problem::OutOfRange)
}

fn shift_days(from: NaiveDate, days: i64) -> Result<NaiveDate, Problem> {
    by_days(from, Some(days.unsigned_abs()), days >= 0).ok_or(Problem::OutOfRange)
}

fn by_days(from: NaiveDate, n: Option<u64>, forward: bool) -> Option<NaiveDate> {
    let days = Days::new(n?);
    if forward {
        from.checked_add_days(days)
    } else {
        from.checked_sub_days(days)
    }
}

fn by_months(from: NaiveDate, n: Option<u64>, forward: bool) -> Option<NaiveDate> {
    let months = Months::new(u32::try_from(n?).ok()?);
    if forward {
        from.checked_add_months(months)
    } else {
        from.checked_sub_months(months)
    }
}

/// `monday`, `next monday`, `last friday`, `this friday`.
///
/// `monday` and `next monday` both mean the first Monday strictly after today: people say either
/// for the coming one, and a week-later reading of `next` would silently disagree with half of
/// them. `last friday` is the most recent Friday strictly before today. `this friday` is the
/// Friday of the current Monday–Sunday week when that is today or later; once it has passed it is
/// the coming one, which is the same as "the first Friday on or after today".
fn weekday_phrase(text: &str, today: NaiveDate) -> Attempt {
    let (word, name) = text.split_once(' ').unwrap_or(("next", text));
    let ahead = i64::from(weekday(name)?.days_since(today.weekday()));
    let days = match word {
        "this" => ahead,
        "next" if ahead == 0 => 7,
        "next" => ahead,
        "last" => ahead - 7,
        _ => return None,
    };
    Some(shift_days(today, days))
}

fn weekday(word: &str) -> Option<Weekday> {
    let extra = match word {
        "tues" => Some(Weekday::Tue),
        "weds" => Some(Weekday::Wed),
        "thur" | "thurs" => Some(Weekday::Thu),
        _ => None,
    };
    extra.or_else(|| {
        WEEKDAYS
            .iter()
            .find(|(_, name)| names(name, word))
            .map(|(day, _)| *day)
    })
}

fn month(word: &str) -> Option<u32> {
    if word == "sept" {
        return Some(9);
    }
    let index = MONTHS.iter().position(|name| names(name, word))?;
    u32::try_from(index + 1).ok()
}

/// Whether `word` (lower case) is `name` in full or its first three letters.
fn names(name: &str, word: &str) -> bool {
    name.eq_ignore_ascii_case(word) || name[..3].eq_ignore_ascii_case(word)
}

// Absolute dates: a calendar day, with or without a year.

/// A date with an optional leading weekday, which must agree: `Tue 1 Dec 2026`.
fn absolute(text: &str, today: NaiveDate) -> Attempt {
    let leading = text
        .split_once(' ')
        .and_then(|(first, rest)| Some((weekday(first)?, rest)));
    let (weekday, rest) = match leading {
        Some((day, rest)) => (Some(day), rest),
        None => (None, text),
    };
    let date = iso(rest)
        .or_else(|| numeric(rest, today))
        .or_else(|| worded(rest, today))?;
    Some(date.and_then(|date| agree(date, weekday)))
}

fn agree(date: NaiveDate, weekday: Option<Weekday>) -> Result<NaiveDate, Problem> {
    match weekday {
        Some(typed) if typed != date.weekday() => Err(Problem::WrongWeekday { date, typed }),
        _ => Ok(date),
    }
}

/// Year first — `2026-12-01`, `2026-12-1`, `2026/12/01`, `2026.12.01` — which no convention
/// reads any other way.
fn iso(text: &str) -> Attempt {
    let separator = ['-', '/', '.'].into_iter().find(|s| text.contains(*s))?;
    let parts: Vec<&str> = text.split(separator).collect();
    let [year, month, day] = parts.as_slice() else {
        return None;
    };
    if year.len() != 4 {
        return None;
    }
    let year = i32::try_from(number(year, 4)?).ok()?;
    Some(on_year(year, number(month, 2)?, number(day, 2)?))
}

/// Day and month as numbers — `1/12`, `12/1/2026`, `1.12.2026` — read both ways round.
fn numeric(text: &str, today: NaiveDate) -> Attempt {
    let separator = ['/', '.', '-'].into_iter().find(|s| text.contains(*s))?;
    let parts: Vec<&str> = text.split(separator).collect();
    let (first, second, year) = match parts.as_slice() {
        [first, second] => (first, second, None),
        [first, second, year] if year.len() == 4 => (first, second, Some(number(year, 4)?)),
        _ => return None,
    };
    let year = year.map(i32::try_from).transpose().ok()?;
    Some(either_way(
        number(first, 2)?,
        number(second, 2)?,
        year,
        today,
    ))
}

/// Accepts numbers that are a date only one way round, or the same date both ways (`5/5`);
/// refuses the rest as ambiguous rather than guess a locale.
fn either_way(
    first: u32,
    second: u32,
    year: Option<i32>,
    today: NaiveDate,
) -> Result<NaiveDate, Problem> {
    let day_first = calendar(second, first, year, today);
    let month_first = calendar(first, second, year, today);
    match (day_first, month_first) {
        (Ok(a), Ok(b)) if a == b => Ok(a),
        (Ok(day_first), Ok(month_first)) => Err(Problem::Ambiguous {
            day_first,
            month_first,
        }),
        (Ok(date), Err(_)) | (Err(_), Ok(date)) => Ok(date),
        // Neither is a date: explain the reading whose month exists.
        (Err(problem), _) if second <= 12 => Err(problem),
        (_, Err(problem)) => Err(problem),
    }
}

/// Words and numbers: `1 Dec`, `Dec 1st`, `the 1st of December`, `Dec 1, 2026`, `1 Dec '27`,
/// or a bare ordinal `3rd`.
fn worded(text: &str, today: NaiveDate) -> Attempt {
    let words: Vec<&str> = text
        .split(' ')
        .map(|word| word.trim_end_matches('.'))
        .filter(|word| !matches!(*word, "" | "the" | "of"))
        .collect();
    match words.as_slice() {
        [only] => ordinal(only, today),
        [a, b] => {
            let (day, month) = day_and_month(a, b)?;
            Some(nearest_year(month, day, today))
        }
        [a, b, year] => {
            let (day, month) = day_and_month(a, b)?;
            Some(on_year(year_word(year)?, month, day))
        }
        _ => None,
    }
}

fn day_and_month(a: &str, b: &str) -> Option<(u32, u32)> {
    if let (Some(month), Some(day)) = (month(a), day(b)) {
        return Some((day, month));
    }
    Some((day(a)?, month(b)?))
}

/// `1`, `01`, `1st`, `22nd`. The suffix is not checked against the number: `2th` is a typo
/// with only one meaning.
fn day(word: &str) -> Option<u32> {
    number(without_suffix(word).unwrap_or(word), 2)
}

fn without_suffix(word: &str) -> Option<&str> {
    ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|suffix| word.strip_suffix(suffix))
}

/// `2026`, or `'27` for 2027.
fn year_word(word: &str) -> Option<i32> {
    let year = match word.strip_prefix('\'') {
        Some(short) if short.len() == 2 => 2000 + number(short, 2)?,
        Some(_) => return None,
        None if word.len() == 4 => number(word, 4)?,
        None => return None,
    };
    i32::try_from(year).ok()
}

/// A bare ordinal (`3rd`, `the 28th`) is that day in the nearest month: the ordinal suffix is
/// required, since a bare number means nothing on its own.
fn ordinal(word: &str, today: NaiveDate) -> Attempt {
    let day = number(without_suffix(word)?, 2)?;
    let first = today.with_day(1)?;
    let months = [
        first.checked_sub_months(Months::new(1)),
        Some(first),
        first.checked_add_months(Months::new(1)),
    ];
    let nearest = months
        .into_iter()
        .flatten()
        .filter_map(|month| month.with_day(day))
        .min_by_key(|date| closeness(*date, today));
    Some(nearest.ok_or(Problem::Unreadable))
}

fn calendar(
    month: u32,
    day: u32,
    year: Option<i32>,
    today: NaiveDate,
) -> Result<NaiveDate, Problem> {
    match year {
        Some(year) => on_year(year, month, day),
        None => nearest_year(month, day, today),
    }
}

fn on_year(year: i32, month: u32, day: u32) -> Result<NaiveDate, Problem> {
    if !YEARS.contains(&year) {
        return Err(Problem::OutOfRange);
    }
    real_month(month)?;
    NaiveDate::from_ymd_opt(year, month, day).ok_or(Problem::NoSuchDay {
        month,
        day,
        year: Some(year),
    })
}

/// Without a year, the occurrence nearest today among last year, this year and next year: `28 Nov`
/// typed on 1 Dec is the one just past, `3 Jan` the one coming.
fn nearest_year(month: u32, day: u32, today: NaiveDate) -> Result<NaiveDate, Problem> {
    real_month(month)?;
    // 2000 was a leap year, so this refuses only days that no year has.
    if NaiveDate::from_ymd_opt(2000, month, day).is_none() {
        return Err(Problem::NoSuchDay {
            month,
            day,
            year: None,
        });
    }
    let year = today.year();
    [year - 1, year, year + 1]
        .into_iter()
        .filter_map(|year| NaiveDate::from_ymd_opt(year, month, day))
        .min_by_key(|date| closeness(*date, today))
        .ok_or_else(|| Problem::NoLeapDayNear {
            next_leap: next_leap_year(year),
        })
}

/// Days away from today; a tie (possible across a leap day) goes to the future, because a
/// facilitator more often plans ahead than records the past.
fn closeness(date: NaiveDate, today: NaiveDate) -> (u64, bool) {
    let days = date.signed_duration_since(today).num_days();
    (days.unsigned_abs(), days < 0)
}

fn next_leap_year(after: i32) -> i32 {
    (after + 1..after + 9)
        .find(|year| NaiveDate::from_ymd_opt(*year, 2, 29).is_some())
        .unwrap_or(after + 4)
}

fn real_month(month: u32) -> Result<(), Problem> {
    if (1..=12).contains(&month) {
        Ok(())
    } else {
        Err(Problem::NoSuchMonth(month))
    }
}

/// Up to `max_len` ASCII digits and nothing else.
fn number(text: &str, max_len: usize) -> Option<u32> {
    let digits =
        !text.is_empty() && text.len() <= max_len && text.bytes().all(|b| b.is_ascii_digit());
    if digits { text.parse().ok() } else { None }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn date(text: &str) -> NaiveDate {
        read_stored(text).expect("a test date")
    }

    /// Tuesday 1 December 2026.
    fn today() -> NaiveDate {
        date("2026-12-01")
    }

    fn check(today: NaiveDate, cases: &[(&str, &str)]) {
        for (input, expected) in cases {
            assert_eq!(
                parse(input, today).map(stored),
                Ok(expected.to_string()),
                "{input:?} on {today}"
            );
        }
    }

    fn message(input: &str) -> String {
        parse(input, today()).expect_err(input).to_string()
    }

    #[test]
    fn the_test_today_is_a_tuesday() {
        assert_eq!(today().weekday(), Weekday::Tue);
    }

    #[test]
    fn iso_dates() {
        check(
            today(),
            &[
                ("2026-12-01", "2026-12-01"),
                ("2026-12-1", "2026-12-01"),
                ("2026/12/01", "2026-12-01"),
                ("2026.12.01", "2026-12-01"),
                ("  2026-12-01\t", "2026-12-01"),
                ("2028-02-29", "2028-02-29"),
                ("1900-01-01", "1900-01-01"),
                ("2200-12-31", "2200-12-31"),
            ],
        );
    }

    #[test]
    fn day_and_month_names() {
        check(
            today(),
            &[
                ("1 Dec", "2026-12-01"),
                ("1 December", "2026-12-01"),
                ("Dec 1", "2026-12-01"),
                ("December 1", "2026-12-01"),
                ("1st Dec", "2026-12-01"),
                ("Dec 1st", "2026-12-01"),
                ("2nd Dec", "2026-12-02"),
                ("dec 3rd", "2026-12-03"),
                ("4TH DEC", "2026-12-04"),
                ("22nd dec", "2026-12-22"),
                ("15 Sept", "2026-09-15"),
                ("15 sep", "2026-09-15"),
                ("May 5", "2027-05-05"),
                ("1 Dec.", "2026-12-01"),
                ("the 1st of December", "2026-12-01"),
                ("  1   DEC  ", "2026-12-01"),
                ("1 Dec 2026", "2026-12-01"),
                ("Dec 1, 2026", "2026-12-01"),
                ("December 1st, 2030", "2030-12-01"),
                ("1 Dec '27", "2027-12-01"),
                ("01 jan 2027", "2027-01-01"),
            ],
        );
    }

    #[test]
    fn a_leading_weekday_must_agree() {
        check(
            today(),
            &[
                ("Tue 1 Dec 2026", "2026-12-01"),
                ("tuesday, 1 december 2026", "2026-12-01"),
                ("Tues Dec 1", "2026-12-01"),
                ("wed 2026-12-02", "2026-12-02"),
            ],
        );
        let wrong = message("Mon 1 Dec 2026");
        assert!(
            wrong.contains("1 Dec 2026 is a Tuesday, not a Monday"),
            "{wrong}"
        );
        assert!(parse("fri 3 dec", today()).is_err());
    }

    #[test]
    fn bare_ordinals_are_the_nearest_such_day() {
        check(
            today(),
            &[
                ("2nd", "2026-12-02"),
                ("3rd", "2026-12-03"),
                ("the 4th", "2026-12-04"),
                ("28th", "2026-11-28"),
                ("31st", "2026-12-31"),
            ],
        );
        assert!(parse("2", today()).is_err());
        assert!(parse("32nd", today()).is_err());
        assert!(parse("0th", today()).is_err());
    }

    #[test]
    fn without_a_year_the_nearest_occurrence_wins() {
        check(
            today(),
            &[
                ("28 Nov", "2026-11-28"),
                ("3 Jan", "2027-01-03"),
                ("15 Jul", "2026-07-15"),
                ("1 Jun", "2027-06-01"),
            ],
        );
        // Just after new year, the other side of the boundary.
        check(
            date("2027-01-02"),
            &[
                ("28 Dec", "2026-12-28"),
                ("5 Jan", "2027-01-05"),
                ("1 Jan", "2027-01-01"),
            ],
        );
        check(date("2027-12-30"), &[("2 Jan", "2028-01-02")]);
    }

    #[test]
    fn a_tie_goes_to_the_future() {
        let today = date("2024-07-02");
        let before = today.signed_duration_since(date("2024-01-01")).num_days();
        let after = date("2025-01-01").signed_duration_since(today).num_days();
        assert_eq!(before, after);
        check(today, &[("1 Jan", "2025-01-01")]);
    }

    #[test]
    fn leap_days_without_a_year() {
        check(date("2027-12-01"), &[("29 Feb", "2028-02-29")]);
        let none_near = message("29 Feb");
        assert!(
            none_near.contains("add the year, like 29 Feb 2028"),
            "{none_near}"
        );
    }

    #[test]
    fn relative_words_and_offsets() {
        check(
            today(),
            &[
                ("today", "2026-12-01"),
                ("Tomorrow", "2026-12-02"),
                ("yesterday", "2026-11-30"),
                ("+0d", "2026-12-01"),
                ("+3d", "2026-12-04"),
                ("+2w", "2026-12-15"),
                ("+1m", "2027-01-01"),
                ("+1y", "2027-12-01"),
                ("-1w", "2026-11-24"),
                ("-1m", "2026-11-01"),
                ("-3d", "2026-11-28"),
                ("+ 2 w", "2026-12-15"),
                ("+2 weeks", "2026-12-15"),
                ("+2 days", "2026-12-03"),
                ("+1 month", "2027-01-01"),
                ("in 3 days", "2026-12-04"),
                ("in 2 weeks", "2026-12-15"),
                ("in 1 month", "2027-01-01"),
                ("in a week", "2026-12-08"),
                ("in a year", "2027-12-01"),
                ("in 2w", "2026-12-15"),
                ("3 days ago", "2026-11-28"),
                ("2 weeks ago", "2026-11-17"),
                ("a month ago", "2026-11-01"),
                ("next week", "2026-12-08"),
                ("next month", "2027-01-01"),
                ("next year", "2027-12-01"),
                ("last week", "2026-11-24"),
                ("last month", "2026-11-01"),
            ],
        );
    }

    #[test]
    fn months_clamp_to_the_end_of_the_month() {
        check(
            date("2027-01-31"),
            &[("+1m", "2027-02-28"), ("in 1 month", "2027-02-28")],
        );
        check(
            date("2028-01-31"),
            &[("+1m", "2028-02-29"), ("next month", "2028-02-29")],
        );
        check(
            date("2026-03-31"),
            &[("-1m", "2026-02-28"), ("+1m", "2026-04-30")],
        );
        check(
            date("2028-02-29"),
            &[("+1y", "2029-02-28"), ("-1y", "2027-02-28")],
        );
    }

    #[test]
    fn weekdays() {
        // Today is Tuesday 1 December 2026.
        check(
            today(),
            &[
                ("monday", "2026-12-07"),
                ("Mon", "2026-12-07"),
                ("next monday", "2026-12-07"),
                ("tuesday", "2026-12-08"),
                ("next tue", "2026-12-08"),
                ("wed", "2026-12-02"),
                ("thurs", "2026-12-03"),
                ("sun", "2026-12-06"),
                ("last friday", "2026-11-27"),
                ("last tuesday", "2026-11-24"),
                ("last wednesday", "2026-11-25"),
                ("last monday", "2026-11-30"),
                ("this friday", "2026-12-04"),
                ("this tuesday", "2026-12-01"),
                ("this sunday", "2026-12-06"),
                ("this monday", "2026-12-07"),
            ],
        );
        check(
            date("2026-12-06"),
            &[("this sunday", "2026-12-06"), ("sunday", "2026-12-13")],
        );
    }

    #[test]
    fn numbers_one_way_round_only_are_accepted() {
        check(
            today(),
            &[
                ("25/12/2026", "2026-12-25"),
                ("12/25/2026", "2026-12-25"),
                ("25.12.2026", "2026-12-25"),
                ("25-12-2026", "2026-12-25"),
                ("13/1", "2027-01-13"),
                ("5/5", "2027-05-05"),
                ("1/1/2027", "2027-01-01"),
            ],
        );
    }

    #[test]
    fn numbers_both_ways_round_are_ambiguous() {
        for input in ["1/12", "12/1/2026", "1.12.2026", "1-12-2026"] {
            let text = message(input);
            assert!(text.contains("is ambiguous"), "{text}");
            assert!(text.contains("write the month as a word"), "{text}");
        }
        assert_eq!(
            message("1/12"),
            "\"1/12\" is ambiguous: it could be 1 Dec 2026 or 12 Jan 2027; write the month as a \
             word, like 1 Dec, or use 2026-12-01"
        );
    }

    #[test]
    fn invalid_dates_say_why() {
        let cases = [
            ("31 Feb", "February has no day 31"),
            ("Feb 30", "February has no day 30"),
            ("2026-02-30", "February 2026 has no day 30"),
            ("29 Feb 2027", "February 2027 has no day 29"),
            ("31/4", "April has no day 31"),
            ("2/30", "February has no day 30"),
            ("0 Dec", "December has no day 0"),
            ("32 Dec", "December has no day 32"),
            ("2026-13-01", "there is no month 13"),
            ("2026-00-10", "there is no month 0"),
            ("1 Dec 1899", "between 1900 and 2200"),
            ("2201-01-01", "between 1900 and 2200"),
            ("+99999999d", "between 1900 and 2200"),
            ("-99999999d", "between 1900 and 2200"),
            ("+99999999999999999999999999d", "between 1900 and 2200"),
            ("+4294967296m", "between 1900 and 2200"),
            ("+9999999999999999999y", "between 1900 and 2200"),
            ("in 99999999 weeks", "between 1900 and 2200"),
            ("+200y", "between 1900 and 2200"),
        ];
        for (input, reason) in cases {
            let text = message(input);
            assert!(text.contains(reason), "{input:?}: {text}");
            assert!(text.contains(&format!("\"{input}\"")), "{input:?}: {text}");
        }
    }

    #[test]
    fn unreadable_input_gets_examples() {
        assert_eq!(
            message("blursday"),
            "could not read \"blursday\" as a date; try 2026-12-01, 1 Dec, +2w or next monday"
        );
        assert_eq!(
            message(""),
            "no date was typed; try 2026-12-01, 1 Dec, +2w or next monday"
        );
        assert_eq!(message(" \t\n "), message(""));
        for input in [
            "+w",
            "+",
            "-",
            "+3",
            "in",
            "ago",
            "next",
            "last friday week",
            "1 2 3",
            "Dec",
            "december 2026",
            "2026-12-01-01",
            "tomorrow tomorrow",
            "1/12/26",
            "1 Dec 26",
            "20266-12-01",
            "123 Dec",
            "mon tue",
            "in 3 parsecs",
            "+1.5w",
            "'27",
        ] {
            let text = message(input);
            assert!(text.contains("try 2026-12-01"), "{input:?}: {text}");
        }
    }

    #[test]
    fn control_characters_are_not_echoed_raw() {
        let text = message("\u{1b}[31mtomorrow\u{7}");
        assert!(
            !text.contains('\u{1b}') && !text.contains('\u{7}'),
            "{text:?}"
        );
        assert!(text.contains("\\u{1b}"), "{text}");
        let bidi = message("1 Dec\u{202e}2026");
        assert!(!bidi.contains('\u{202e}'), "{bidi:?}");
    }

    #[test]
    fn long_input_is_shortened_in_the_message() {
        let text = message(&"x".repeat(10_000));
        assert!(text.chars().count() < 120, "{text}");
        assert!(text.contains('…'));
    }

    #[test]
    fn stored_and_shown_forms() {
        assert_eq!(stored(today()), "2026-12-01");
        assert_eq!(shown(today()), "Tue 1 Dec 2026");
        assert_eq!(shown(date("2027-01-10")), "Sun 10 Jan 2027");
    }

    #[test]
    fn read_stored_is_strict() {
        assert_eq!(read_stored("2026-12-01"), Some(today()));
        assert_eq!(
            read_stored("1850-06-15"),
            NaiveDate::from_ymd_opt(1850, 6, 15)
        );
        for text in [
            "",
            "2026-12-1",
            " 2026-12-01",
            "2026-12-01 ",
            "2026/12/01",
            "2026-02-30",
            "2026-13-01",
            "+2026-12-01",
            "1 Dec 2026",
            "tomorrow",
            "２０２６-12-01",
            "2026-1-001",
        ] {
            assert_eq!(read_stored(text), None, "{text:?}");
        }
    }

    #[test]
    fn every_date_round_trips() {
        let mut day = date("2024-01-01");
        while day <= date("2029-12-31") {
            assert_eq!(parse(&shown(day), today()), Ok(day), "{}", shown(day));
            assert_eq!(parse(&stored(day), today()), Ok(day));
            assert_eq!(read_stored(&stored(day)), Some(day));
            day = day.succ_opt().expect("a next day");
        }
        for edge in ["1900-01-01", "1900-12-31", "2200-01-01", "2200-12-31"] {
            let edge = date(edge);
            assert_eq!(parse(&shown(edge), today()), Ok(edge));
        }
    }

    /// Every date `parse` accepts, from 1900-01-01.
    fn any_date() -> impl Strategy<Value = NaiveDate> {
        let first = date("1900-01-01");
        let span = date("2200-12-31").signed_duration_since(first).num_days();
        (0..=span).prop_map(move |n| {
            let n = u64::try_from(n).expect("positive");
            first.checked_add_days(Days::new(n)).expect("in range")
        })
    }

    proptest! {
        #[test]
        fn never_panics_on_any_text(input in any::<String>(), today in any_date()) {
            let _ = parse(&input, today);
        }

        #[test]
        fn never_panics_on_date_like_text(
            input in "[0-9a-z +\\-/.,'\u{1b}]{0,24}",
            today in any_date(),
        ) {
            if let Err(error) = parse(&input, today) {
                let text = error.to_string();
                prop_assert!(!text.contains('\u{1b}'), "{:?}", text);
            }
        }

        #[test]
        fn shown_dates_read_back(day in any_date(), today in any_date(), upper in any::<bool>()) {
            let text = if upper { shown(day).to_uppercase() } else { shown(day) };
            prop_assert_eq!(parse(&text, today), Ok(day));
            prop_assert_eq!(read_stored(&stored(day)), Some(day));
        }
    }
}
