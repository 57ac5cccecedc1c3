//! A rule in plain words, as the screen shows what convene understood: "every other Tuesday",
//! "the first Thursday of each month", "the last Friday of each term (…)".
//!
//! The words are convene's own, built from the rule alone; nothing typed is repeated, so a
//! description never needs escaping and always says what will be counted.

use chrono::{Datelike, NaiveDate, Weekday};

use super::{Nth, Place, Rule, Span, place_of, twice, weekdays};

const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

const NUMBERS: [&str; 11] = [
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
];

const ORDINALS: [&str; 11] = [
    "other", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
    "eleventh", "twelfth",
];

/// How each reading of a span is shown, where the word alone could mean several things.
const TERMS: &str = "terms read as Jan–Apr, May–Aug, Sep–Dec";
const QUARTERS: &str = "quarters: Jan–Mar, Apr–Jun, Jul–Sep, Oct–Dec";

pub fn weekday_name(day: Weekday) -> &'static str {
    WEEKDAYS[day.num_days_from_monday() as usize]
}

pub fn span_name(span: Span) -> &'static str {
    match span {
        Span::Month => "month",
        Span::Quarter => "quarter",
        Span::Term => "term",
        Span::Year => "year",
    }
}

pub(super) fn describe(rule: &Rule, first: NaiveDate) -> String {
    match rule {
        Rule::Weeks { every, on } => {
            let mut days = weekdays(on, first);
            days.sort_by_key(|d| d.num_days_from_monday());
            let days = joined(days.into_iter().map(weekday_name));
            match every {
                1 => format!("every {days}"),
                2 => format!("every other {days}"),
                n => format!("every {} weeks, on {days}", number(*n)),
            }
        }
        Rule::Spans { span, every, place } => {
            let (what, note) = place_words(place, first);
            let of = span_words(*span, *every, first);
            let reading = match span {
                Span::Term => Some(TERMS),
                Span::Quarter => Some(QUARTERS),
                Span::Month | Span::Year => None,
            };
            let notes: Vec<&str> = note.into_iter().chain(reading).collect();
            if notes.is_empty() {
                format!("{what} {of}")
            } else {
                format!("{what} {of} ({})", notes.join("; "))
            }
        }
    }
}

/// "the first Tuesday", "the 15th"; and a note where the month may not have it.
fn place_words(place: &Place, first: NaiveDate) -> (String, Option<&'static str>) {
    let weekday_words = |nths: &[Nth], days: &[Weekday]| {
        let nths = joined(nths.iter().map(|n| nth_name(*n)));
        let days = joined(days.iter().map(|d| weekday_name(*d)));
        format!("the {nths} {days}")
    };
    match place {
        Place::Like(on) => (
            weekday_words(&[place_of(first)], &[on.unwrap_or(first.weekday())]),
            None,
        ),
        Place::Twice(on) => {
            let day = on.unwrap_or(first.weekday());
            (weekday_words(&twice(first, day), &[day]), None)
        }
        Place::Weekdays { nths, days } => {
            let mut days = days.clone();
            days.sort_by_key(|d| d.num_days_from_monday());
            (weekday_words(nths, &days), None)
        }
        Place::Day(day) => (
            format!("the {}", day_ordinal(*day)),
            (*day > 28).then_some("the last day in a shorter month"),
        ),
        Place::LastDay => ("the last day".to_string(), None),
    }
}

/// "of each month", "of every other month", "of December each year".
fn span_words(span: Span, every: u32, first: NaiveDate) -> String {
    let name = span_name(span);
    match (span, every) {
        (_, 1) => format!("of each {name}"),
        (Span::Month, 12) => format!("of {} each year", first.format("%B")),
        (_, n) => match (n as usize).checked_sub(2).and_then(|i| ORDINALS.get(i)) {
            Some(nth) => format!("of every {nth} {name}"),
            None => format!("of every {} {name}", day_ordinal(n)),
        },
    }
}

fn nth_name(nth: Nth) -> &'static str {
    match nth {
        Nth::Number(1) => "first",
        Nth::Number(2) => "second",
        Nth::Number(3) => "third",
        Nth::Number(_) => "fourth",
        Nth::Last => "last",
    }
}

/// "two" to "twelve", then digits.
fn number(n: u32) -> String {
    match NUMBERS.get((n as usize).wrapping_sub(2)) {
        Some(word) => word.to_string(),
        None => n.to_string(),
    }
}

/// "1st", "2nd", "11th", "23rd".
fn day_ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// "Tuesday", "Tuesday and Thursday", "Monday, Wednesday and Friday".
fn joined<'a>(words: impl Iterator<Item = &'a str>) -> String {
    let words: Vec<&str> = words.collect();
    match words.split_last() {
        None => String::new(),
        Some((last, [])) => last.to_string(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}
