//! Reading a rhythm from the facilitator's words.
//!
//! The words are read as a handful of features — how often ("every other", "twice"), in what
//! ("week", "month", "term"), on which weekdays, which of them ("first", "last") — in any order,
//! with small words ("on", "the", "each", "of") passed over. Every other word is refused by name:
//! "every Tuesday except in August" must not quietly become "every Tuesday".

use std::fmt;

use chrono::Weekday;

use super::vocabulary::{Unit, Word, tokens, unit_name};
use super::words::{span_name, weekday_name};
use super::{Nth, Place, Rule, Span};

/// Why words could not be read as a rhythm: a short reason, in plain words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unread(String);

impl Unread {
    pub fn reason(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Unread {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Unread {}

fn unread<T>(reason: impl Into<String>) -> Result<T, Unread> {
    Err(Unread(reason.into()))
}

/// The most weeks, and the most months, between two meetings convene counts.
const MOST_WEEKS: u32 = 52;
const MOST_MONTHS: u32 = 36;

/// The longest words read as a rhythm ("the first and third Thursday of every other month" is
/// under 60).
const MOST_BYTES: usize = 200;

/// Reads a rhythm in the facilitator's words, case and small words aside.
pub fn read(words: &str) -> Result<Rule, Unread> {
    // Read on every frame the dates are drawn: a paragraph pasted in is no rhythm to count.
    if words.len() > MOST_BYTES {
        return unread("it is too long to be a rhythm");
    }
    let words =
        tokens(words).map_err(|word| Unread(format!("it does not know the word “{word}”")))?;
    if words.is_empty() {
        return unread("there is nothing to read");
    }
    Features::gather(&words)?.rule()
}

/// What the words say, gathered in any order.
#[derive(Debug, Default)]
struct Features {
    /// "every other", "every 3": how many units from one meeting to the next.
    interval: Option<u32>,
    /// "once", "twice", "2 times".
    count: Option<u32>,
    nths: Vec<Nth>,
    /// Ordinals past the fourth, kept to say why they cannot be counted.
    past_fourth: Option<u32>,
    days: Vec<Weekday>,
    unit: Option<(Unit, u32)>,
    /// "every Tuesday": a weekly rhythm, even beside "of the month".
    every_weekday: bool,
    /// "day" ("the last day of the month").
    day: bool,
}

impl Features {
    fn gather(words: &[Word]) -> Result<Features, Unread> {
        let spans = words
            .iter()
            .any(|w| matches!(w, Word::Unit(Unit::Span(_), _)));
        let mut f = Features::default();
        let mut i = 0;
        while i < words.len() {
            let next = words.get(i + 1).copied();
            let after = words.get(i + 2).copied();
            match words[i] {
                Word::Every => match next {
                    Some(Word::Number(n)) => {
                        f.every(n)?;
                        i += 1;
                    }
                    Some(Word::Other) => {
                        f.every(2)?;
                        i += 1;
                    }
                    // "every second month", and "every second Tuesday" where no month is
                    // named; "every second Tuesday of the month" is the month's second Tuesday.
                    Some(Word::Ordinal(n))
                        if n >= 2
                            && match after {
                                Some(Word::Unit(..)) => true,
                                Some(Word::Weekday(_)) => !spans,
                                _ => false,
                            } =>
                    {
                        f.every(n)?;
                        i += 1;
                    }
                    Some(Word::Weekday(_)) => f.every_weekday = true,
                    _ => {}
                },
                Word::Other => f.every(2)?,
                Word::Number(n) if next == Some(Word::Times) => {
                    f.times(n)?;
                    i += 1;
                }
                Word::Number(n) if matches!(next, Some(Word::Unit(..))) => f.every(n)?,
                Word::Number(_) => {
                    return unread("say what the number counts: “every 3 weeks”, “the 15th”");
                }
                Word::Ordinal(n) => f.nth(n),
                Word::Last => f.nths.push(Nth::Last),
                Word::Weekday(day) if !f.days.contains(&day) => f.days.push(day),
                Word::Weekday(_) => {}
                Word::Unit(unit, many) => f.unit(unit, many)?,
                Word::Once => f.times(1)?,
                Word::Twice => f.times(2)?,
                Word::Times => return unread("say how many times: “twice a month”"),
                Word::Day => f.day = true,
                Word::Filler => {}
            }
            i += 1;
        }
        Ok(f)
    }

    fn every(&mut self, n: u32) -> Result<(), Unread> {
        if n == 0 {
            return unread("a rhythm needs at least one week or month between meetings");
        }
        match self.interval {
            Some(had) if had != n => unread(format!("it says both every {had} and every {n}")),
            _ => {
                self.interval = Some(n);
                Ok(())
            }
        }
    }

    fn times(&mut self, n: u32) -> Result<(), Unread> {
        match self.count {
            Some(had) if had != n => unread("it says two different numbers of times"),
            _ => {
                self.count = Some(n);
                Ok(())
            }
        }
    }

    fn nth(&mut self, n: u32) {
        if (1..=4).contains(&n) {
            let nth = Nth::Number(n as u8);
            if !self.nths.contains(&nth) {
                self.nths.push(nth);
            }
        } else {
            self.past_fourth = Some(n);
        }
    }

    fn unit(&mut self, unit: Unit, many: u32) -> Result<(), Unread> {
        match self.unit {
            Some((had, _)) if had != unit => unread(format!(
                "it says both every {} and every {}",
                unit_name(had),
                unit_name(unit)
            )),
            _ => {
                self.unit = Some((unit, many));
                Ok(())
            }
        }
    }

    /// The rule the features make, or why they make none.
    fn rule(mut self) -> Result<Rule, Unread> {
        let count = self.count.unwrap_or(1);
        if count == 0 {
            return unread("a rhythm meets at least once");
        }
        if count > 2 {
            return unread(
                "name the days instead: “every Monday and Thursday”, “the first and third Tuesday”",
            );
        }
        if self.day && self.nths.is_empty() && self.past_fourth.is_none() {
            return unread("it counts in weeks and months, not days: “the last day of the month”");
        }
        let named = !self.nths.is_empty() || self.past_fourth.is_some() || self.day;
        let (unit, many) = match self.unit {
            Some(unit) => unit,
            None if named => (Unit::Span(Span::Month), 1),
            None if !self.days.is_empty() => (Unit::Week, 1),
            None => {
                return unread("say how often: “weekly”, “every other Tuesday”, “monthly”…");
            }
        };
        let every = self.interval.unwrap_or(1).saturating_mul(many);
        self.nths.sort();
        match unit {
            Unit::Week => self.weeks(every, named, count),
            Unit::Span(span) => self.spans(span, every, count),
        }
    }

    fn weeks(self, every: u32, named: bool, count: u32) -> Result<Rule, Unread> {
        if named {
            return unread(
                "“first” and “last” count in a month: “the first Thursday of the month”",
            );
        }
        if every > MOST_WEEKS {
            return unread("that is more than a year between meetings: say it in months");
        }
        if count == 2 && self.days.len() != 2 {
            return unread("say which two days: “every Tuesday and Thursday”");
        }
        Ok(Rule::Weeks {
            every,
            on: self.days,
        })
    }

    fn spans(self, span: Span, every: u32, count: u32) -> Result<Rule, Unread> {
        if every.saturating_mul(span.months()) > MOST_MONTHS {
            return unread("that is more than three years between meetings");
        }
        let name = span_name(span);
        let rule = |place| Ok(Rule::Spans { span, every, place });
        let day_of = |nths: &[Nth]| match nths {
            [Nth::Last] => Ok(Place::LastDay),
            [Nth::Number(n)] => Ok(Place::Day((*n).into())),
            _ => unread("say one day of the month: “the 1st”, “the 15th”, “the last day”"),
        };
        if self.every_weekday && self.nths.is_empty() && !self.day {
            // "every Tuesday of the month" is every Tuesday.
            if span == Span::Month && every == 1 && count == 1 && self.past_fourth.is_none() {
                return Ok(Rule::Weeks {
                    every: 1,
                    on: self.days,
                });
            }
            return unread(format!("it says both every week and every {name}"));
        }
        if let Some(n) = self.past_fourth {
            return match self.days.first() {
                _ if self.days.is_empty() && n <= 31 && self.nths.is_empty() => rule(Place::Day(n)),
                Some(day) if n == 5 => {
                    let day = weekday_name(*day);
                    unread(format!(
                        "not every month has a fifth {day}; “the last {day}” is in every month"
                    ))
                }
                Some(_) => unread("a month has at most five of each weekday"),
                None => unread("say one day of the month: “the 1st”, “the 15th”, “the last day”"),
            };
        }
        if self.day || (!self.nths.is_empty() && self.days.is_empty()) {
            if !self.days.is_empty() {
                return unread("say a day of the month or a weekday, not both");
            }
            return rule(day_of(&self.nths)?);
        }
        if !self.nths.is_empty() {
            let meetings = self.nths.len() * self.days.len();
            if count == 2 && meetings != 2 {
                return unread(format!("it says twice but names {meetings} meetings"));
            }
            return rule(Place::Weekdays {
                nths: self.nths,
                days: self.days,
            });
        }
        if let Some(day) = self.days.first() {
            let day = weekday_name(*day);
            if span != Span::Month {
                return unread(format!(
                    "say which {day} of the {name}: “the first {day} of each {name}”"
                ));
            }
            if self.days.len() > 1 {
                return unread("say which of each: “the first Tuesday and Thursday of the month”");
            }
        }
        let on = self.days.first().copied();
        match (count, span, every) {
            (2, Span::Month, 1) => rule(Place::Twice(on)),
            (2, ..) => unread("convene counts twice a month; for another rhythm, name the days"),
            _ => Ok(Rule::Spans {
                span: Span::Month,
                every: every * span.months(),
                place: Place::Like(on),
            }),
        }
    }
}
