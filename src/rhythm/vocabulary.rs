//! The words a rhythm is said in, each read as what it means for counting: "fortnightly" is
//! two weeks, "Tuesdays" a weekday, "2nd" an ordinal, "the" nothing at all.

use chrono::Weekday;

use super::Span;
use super::words::{span_name, weekday_name};

/// What a rhythm is counted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Unit {
    Week,
    Span(Span),
}

/// One word of a rhythm, as far as counting goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Word {
    Every,
    /// "other", "alternate": every second one.
    Other,
    Number(u32),
    /// "second", "2nd": which one, or after "every", how many.
    Ordinal(u32),
    Last,
    Weekday(Weekday),
    /// A unit and how many of it: "fortnightly" is two weeks, "bimonthly" two months.
    Unit(Unit, u32),
    Once,
    Twice,
    Times,
    Day,
    /// Passed over: "on", "the", "each", "of"…
    Filler,
}

/// The words, lower-cased and split at anything that is not a letter or digit; a word that
/// means nothing for counting is the error, as typed (cut short).
pub(super) fn tokens(text: &str) -> Result<Vec<Word>, String> {
    let text = text.to_lowercase().replace('&', " and ");
    let raw: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let mut words = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        // "bi-weekly", "bi-monthly".
        let joined;
        let word = match (raw[i], raw.get(i + 1)) {
            ("bi", Some(next)) => {
                i += 1;
                joined = format!("bi{next}");
                joined.as_str()
            }
            (word, _) => word,
        };
        match word_of(word) {
            Some(w) => words.push(w),
            None => return Err(word.chars().take(24).collect()),
        }
        i += 1;
    }
    Ok(words)
}

fn word_of(word: &str) -> Option<Word> {
    const FILLER: &[&str] = &[
        "on", "the", "of", "each", "in", "at", "a", "an", "per", "and", "we", "meet", "meets",
        "meeting", "meetings", "will",
    ];
    const NUMBERS: [&str; 12] = [
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
        "twelve",
    ];
    const ORDINALS: [&str; 12] = [
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
        "tenth", "eleventh", "twelfth",
    ];
    let position = |list: &[&str]| list.iter().position(|w| *w == word).map(|i| i as u32 + 1);
    if let Some(n) = position(&NUMBERS) {
        return Some(Word::Number(n));
    }
    if let Some(n) = position(&ORDINALS) {
        return Some(Word::Ordinal(n));
    }
    if let Ok(n) = word.parse::<u32>() {
        return Some(Word::Number(n));
    }
    if let Some(digits) = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|suffix| word.strip_suffix(suffix))
        && let Ok(n) = digits.parse::<u32>()
    {
        return Some(Word::Ordinal(n));
    }
    if let Some(day) = weekday(word) {
        return Some(Word::Weekday(day));
    }
    let month = Unit::Span(Span::Month);
    Some(match word {
        "every" => Word::Every,
        "other" | "alternate" => Word::Other,
        "last" => Word::Last,
        "once" => Word::Once,
        "twice" => Word::Twice,
        "times" | "time" => Word::Times,
        "day" => Word::Day,
        "week" | "weeks" | "weekly" => Word::Unit(Unit::Week, 1),
        "fortnight" | "fortnights" | "fortnightly" | "biweekly" => Word::Unit(Unit::Week, 2),
        "month" | "months" | "monthly" => Word::Unit(month, 1),
        "bimonthly" => Word::Unit(month, 2),
        "quarter" | "quarters" | "quarterly" => Word::Unit(Unit::Span(Span::Quarter), 1),
        "term" | "terms" | "termly" => Word::Unit(Unit::Span(Span::Term), 1),
        "year" | "years" | "yearly" | "annually" | "annual" => {
            Word::Unit(Unit::Span(Span::Year), 1)
        }
        _ if FILLER.contains(&word) => Word::Filler,
        _ => return None,
    })
}

/// A weekday by its name, its plural or its usual short forms.
fn weekday(word: &str) -> Option<Weekday> {
    const DAYS: [(Weekday, &[&str]); 7] = [
        (Weekday::Mon, &["mon"]),
        (Weekday::Tue, &["tue", "tues"]),
        (Weekday::Wed, &["wed", "weds"]),
        (Weekday::Thu, &["thu", "thur", "thurs"]),
        (Weekday::Fri, &["fri"]),
        (Weekday::Sat, &["sat"]),
        (Weekday::Sun, &["sun"]),
    ];
    let word = word
        .strip_suffix('s')
        .filter(|w| w.ends_with("day"))
        .unwrap_or(word);
    DAYS.iter()
        .find(|(day, short)| weekday_name(*day).eq_ignore_ascii_case(word) || short.contains(&word))
        .map(|(day, _)| *day)
}

pub(super) fn unit_name(unit: Unit) -> &'static str {
    match unit {
        Unit::Week => "week",
        Unit::Span(span) => span_name(span),
    }
}
