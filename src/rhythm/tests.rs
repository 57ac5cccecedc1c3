use chrono::{Datelike, NaiveDate, Weekday};

use super::*;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn rule(words: &str) -> Rule {
    read(words).unwrap_or_else(|why| panic!("{words:?}: {why}"))
}

/// The three meetings after `first` at the rhythm `words`.
fn after(words: &str, first: NaiveDate) -> Vec<NaiveDate> {
    rule(words).meetings(first, 3)
}

/// Every way of saying it reads as the same rule as the first.
fn same(sayings: &[&str]) {
    let first = rule(sayings[0]);
    for words in &sayings[1..] {
        assert_eq!(rule(words), first, "{words:?} against {:?}", sayings[0]);
    }
}

#[test]
fn every_option_of_the_guides_list_is_counted() {
    let guide = crate::guide::Guide::builtin();
    let cadence = guide.questions().find(|q| q.id == "cadence").unwrap();
    assert!(!cadence.options.is_empty());
    for option in &cadence.options {
        let rule = rule(option);
        assert_eq!(rule.meetings(date(2026, 12, 1), 3).len(), 3, "{option}");
    }
}

/// The basecamps' rhythms are counted too; "at every regular meeting" is the regular
/// rhythm's, and nothing while there is none.
#[test]
fn every_basecamp_rhythm_is_counted_and_the_regular_one_follows_the_cadence() {
    let guide = crate::guide::Guide::builtin();
    let basecamps = guide.question("basecamp_rhythm").unwrap();
    assert!(
        basecamps
            .options
            .iter()
            .any(|o| o == super::AT_EVERY_MEETING)
    );
    for option in &basecamps.options {
        let words = super::followed(option, Some("monthly")).unwrap();
        let rule = rule(words);
        assert_eq!(rule.meetings(date(2026, 12, 1), 3).len(), 3, "{option}");
    }
    assert_eq!(
        super::followed("At every regular meeting ", Some("monthly")),
        Some("monthly")
    );
    assert_eq!(super::followed(super::AT_EVERY_MEETING, None), None);
    assert_eq!(
        super::followed(super::AT_EVERY_MEETING, Some(super::AT_EVERY_MEETING)),
        None,
        "a rhythm cannot follow itself"
    );
    assert_eq!(
        super::followed("every six months", None),
        Some("every six months")
    );
}

#[test]
fn monthly_keeps_the_weekday_of_the_month_not_the_day() {
    let first = date(2026, 12, 1);
    assert_eq!(first.weekday(), Weekday::Tue);
    let expected = vec![date(2027, 1, 5), date(2027, 2, 2), date(2027, 3, 2)];
    for words in ["monthly", "every month", "Once a month", "MONTHLY"] {
        assert_eq!(after(words, first), expected, "{words}");
    }
    assert_eq!(
        rule("monthly").describe(first),
        "the first Tuesday of each month"
    );
    assert!(rule("monthly").fits(first));
}

#[test]
fn a_first_meeting_in_the_last_week_of_its_month_is_the_last_weekday() {
    // 29 Dec 2026 is the fifth Tuesday: the rhythm is the last Tuesday, and March 2027 has five.
    let first = date(2026, 12, 29);
    assert_eq!(
        after("monthly", first),
        [date(2027, 1, 26), date(2027, 2, 23), date(2027, 3, 30)]
    );
    assert_eq!(
        rule("monthly").describe(first),
        "the last Tuesday of each month"
    );
    // 24 Dec is the fourth Thursday but not in the last seven days: it stays the fourth, even
    // where the month has five (April 2027's last Thursday is the 29th).
    let first = date(2026, 12, 24);
    assert_eq!(
        rule("monthly").meetings(first, 4),
        [
            date(2027, 1, 28),
            date(2027, 2, 25),
            date(2027, 3, 25),
            date(2027, 4, 22)
        ]
    );
}

#[test]
fn monthly_from_any_day_of_three_years_stays_on_its_weekday_and_place() {
    let monthly = rule("monthly");
    let mut first = date(2026, 1, 1);
    while first < date(2029, 1, 1) {
        let meetings = monthly.meetings(first, 6);
        assert_eq!(meetings.len(), 6);
        let place = place_of(first);
        let mut before = first;
        for meeting in meetings {
            assert_eq!(meeting.weekday(), first.weekday(), "{first} → {meeting}");
            let month = before.with_day(1).unwrap() + chrono::Months::new(1);
            assert_eq!(
                (meeting.year(), meeting.month()),
                (month.year(), month.month()),
                "one a month, from {first}"
            );
            match place {
                Nth::Last => assert!(meeting.day() + 7 > meeting.num_days_in_month().into()),
                Nth::Number(n) => assert_eq!((meeting.day() - 1) / 7 + 1, u32::from(n)),
            }
            before = meeting;
        }
        first = first.succ_opt().unwrap();
    }
}

#[test]
fn the_last_friday_of_the_month_in_any_words() {
    same(&[
        "last Friday of the month",
        "the last friday of each month",
        "Last Fridays, every month",
        "on the last Friday monthly",
    ]);
    let first = date(2026, 12, 25);
    assert_eq!(
        after("last Friday of the month", first),
        [date(2027, 1, 29), date(2027, 2, 26), date(2027, 3, 26)]
    );
    assert_eq!(
        rule("last Friday of the month").describe(first),
        "the last Friday of each month"
    );
}

#[test]
fn leap_years_and_the_ends_of_months() {
    // The last Saturday through a leap February, into an April with five Saturdays.
    assert_eq!(
        after("last Saturday of the month", date(2028, 1, 29)),
        [date(2028, 2, 26), date(2028, 3, 25), date(2028, 4, 29)]
    );
    assert_eq!(
        after("the last day of the month", date(2028, 1, 31)),
        [date(2028, 2, 29), date(2028, 3, 31), date(2028, 4, 30)]
    );
    assert_eq!(
        after("the 31st of each month", date(2027, 1, 31)),
        [date(2027, 2, 28), date(2027, 3, 31), date(2027, 4, 30)]
    );
    assert_eq!(
        rule("the 31st of each month").describe(date(2027, 1, 31)),
        "the 31st of each month (the last day in a shorter month)"
    );
    // From the leap day itself, monthly is the last Thursday (29 Feb 2024 is one).
    assert_eq!(
        after("monthly", date(2024, 2, 29)),
        [date(2024, 3, 28), date(2024, 4, 25), date(2024, 5, 30)]
    );
}

#[test]
fn every_other_tuesday_counts_weeks_from_the_first_meetings_week() {
    same(&[
        "every other Tuesday",
        "every second Tuesday",
        "alternate Tuesdays",
        "fortnightly on Tuesdays",
        "every two weeks on a Tuesday",
        "every 2 weeks, tue",
        "bi-weekly on Tuesday",
        "EVERY OTHER TUESDAY",
    ]);
    let expected = [date(2026, 12, 15), date(2026, 12, 29), date(2027, 1, 12)];
    assert_eq!(after("every other Tuesday", date(2026, 12, 1)), expected);
    assert!(rule("every other Tuesday").fits(date(2026, 12, 1)));
    // A Thursday first meeting is kept; the Tuesdays after it are two weeks apart from its week.
    let thursday = date(2026, 12, 3);
    assert_eq!(after("every other Tuesday", thursday), expected);
    assert!(!rule("every other Tuesday").fits(thursday));
    assert_eq!(
        rule("every other Tuesday").describe(thursday),
        "every other Tuesday"
    );
}

#[test]
fn every_other_weekday_from_any_first_day_is_that_weekday_two_weeks_apart() {
    for day in [Weekday::Mon, Weekday::Wed, Weekday::Sun] {
        let rule = Rule::Weeks {
            every: 2,
            on: vec![day],
        };
        let mut first = date(2026, 11, 1);
        while first < date(2027, 3, 1) {
            let meetings = rule.meetings(first, 4);
            assert!(meetings[0] > first && (meetings[0] - first).num_days() <= 14);
            for pair in meetings.windows(2) {
                assert_eq!((pair[1] - pair[0]).num_days(), 14);
            }
            assert!(meetings.iter().all(|m| m.weekday() == day));
            first = first.succ_opt().unwrap();
        }
    }
}

#[test]
fn weekly_rhythms_on_a_weekday_are_that_weekday_whatever_the_first_date() {
    same(&[
        "every Thursday",
        "weekly on Thursdays",
        "Thursdays",
        "every week on thursday",
        "every Thursday of the month",
        "thurs",
    ]);
    let tuesday = date(2026, 12, 1);
    assert_eq!(
        after("weekly on Thursdays", tuesday),
        [date(2026, 12, 3), date(2026, 12, 10), date(2026, 12, 17)]
    );
    assert!(!rule("every Thursday").fits(tuesday));
    assert_eq!(rule("weekly").describe(tuesday), "every Tuesday");
    assert_eq!(
        after("every Tuesday and Thursday", tuesday),
        [date(2026, 12, 3), date(2026, 12, 8), date(2026, 12, 10)]
    );
    assert_eq!(
        rule("every 3 weeks").describe(tuesday),
        "every three weeks, on Tuesday"
    );
    assert_eq!(
        after("every six weeks", tuesday),
        [date(2027, 1, 12), date(2027, 2, 23), date(2027, 4, 6)]
    );
}

#[test]
fn which_weekday_of_the_month() {
    same(&[
        "first Thursday of the month",
        "First Thursday of each month",
        "1st Thursday every month",
        "on the first thursday, monthly",
        "every first Thursday of the month",
    ]);
    // From a Tuesday, the first Thursday of that same month comes first.
    let first = date(2026, 12, 1);
    assert_eq!(
        after("first Thursday of the month", first),
        [date(2026, 12, 3), date(2027, 1, 7), date(2027, 2, 4)]
    );
    assert!(!rule("first Thursday of the month").fits(first));
    assert_eq!(
        rule("first Thursday of the month").describe(first),
        "the first Thursday of each month"
    );
    // "Every second Tuesday of the month" is the month's second Tuesday, not a fortnight.
    assert_eq!(
        after("every second Tuesday of the month", first),
        [date(2026, 12, 8), date(2027, 1, 12), date(2027, 2, 9)]
    );
    assert_eq!(
        after("the third wednesday of every month", first),
        [date(2026, 12, 16), date(2027, 1, 20), date(2027, 2, 17)]
    );
    assert_eq!(
        after("4th Monday", first),
        [date(2026, 12, 28), date(2027, 1, 25), date(2027, 2, 22)]
    );
    assert_eq!(
        rule("first and third Thursday of the month").describe(first),
        "the first and third Thursday of each month"
    );
}

#[test]
fn every_other_month_keeps_the_weekday_too() {
    same(&[
        "every other month",
        "bimonthly",
        "every two months",
        "every 2nd month",
    ]);
    let first = date(2026, 12, 8);
    assert_eq!(
        after("bimonthly", first),
        [date(2027, 2, 9), date(2027, 4, 13), date(2027, 6, 8)]
    );
    assert_eq!(
        rule("bimonthly").describe(first),
        "the second Tuesday of every other month"
    );
    assert_eq!(
        after("the first Thursday of every third month", date(2026, 12, 3)),
        [date(2027, 3, 4), date(2027, 6, 3), date(2027, 9, 2)]
    );
}

#[test]
fn quarters_terms_and_years() {
    let first = date(2026, 12, 1);
    same(&["quarterly", "every quarter", "every three months"]);
    assert_eq!(
        after("quarterly", first),
        [date(2027, 3, 2), date(2027, 6, 1), date(2027, 9, 7)]
    );
    assert_eq!(
        rule("quarterly").describe(first),
        "the first Tuesday of every third month"
    );
    // Named in a quarter, the quarter is the calendar's.
    assert_eq!(
        after("first Monday of each quarter", first),
        [date(2027, 1, 4), date(2027, 4, 5), date(2027, 7, 5)]
    );
    assert!(
        rule("first Monday of each quarter")
            .describe(first)
            .contains("Jan–Mar")
    );
    // A term is a third of the year, and the description says so.
    let friday = date(2026, 11, 27);
    assert_eq!(
        after("last Friday of each term", friday),
        [date(2026, 12, 25), date(2027, 4, 30), date(2027, 8, 27)]
    );
    assert!(!rule("last Friday of each term").fits(friday));
    assert!(rule("last Friday of each term").fits(date(2026, 12, 25)));
    assert_eq!(
        rule("the last Friday of every term").describe(friday),
        "the last Friday of each term (terms read as Jan–Apr, May–Aug, Sep–Dec)"
    );
    assert_eq!(
        after("yearly", first),
        [date(2027, 12, 7), date(2028, 12, 5), date(2029, 12, 4)]
    );
    assert_eq!(
        rule("annually").describe(first),
        "the first Tuesday of December each year"
    );
}

#[test]
fn twice_a_month_is_a_pair_of_weekdays() {
    let first = date(2026, 12, 1);
    assert_eq!(
        after("twice a month", first),
        [date(2026, 12, 15), date(2027, 1, 5), date(2027, 1, 19)]
    );
    assert_eq!(
        rule("twice a month").describe(first),
        "the first and third Tuesday of each month"
    );
    let second = date(2026, 12, 8);
    assert_eq!(
        after("twice monthly", second),
        [date(2026, 12, 22), date(2027, 1, 12), date(2027, 1, 26)]
    );
    // "Every two weeks" is a fortnight, which drifts through the months.
    assert_eq!(
        after("every two weeks", first),
        [date(2026, 12, 15), date(2026, 12, 29), date(2027, 1, 12)]
    );
}

#[test]
fn words_convene_cannot_count_are_refused_with_a_reason() {
    for words in [
        "",
        "  ",
        "whenever we can",
        "every Tuesday except in August",
        "fifth Tuesday of the month",
        "twice a week",
        "three times a month",
        "every 0 weeks",
        "daily",
        "weekly on the first Monday of the month",
        "every 15",
        "every 60 weeks",
        "every day",
        "first Monday of each term and quarter",
        &"every other Tuesday ".repeat(20),
    ] {
        let why = read(words).expect_err(words);
        assert!(!why.reason().is_empty(), "{words:?}");
    }
    assert!(
        read("every Tuesday except in August")
            .unwrap_err()
            .reason()
            .contains("except")
    );
    assert!(
        read("fifth Tuesday of the month")
            .unwrap_err()
            .reason()
            .contains("last Tuesday")
    );
    assert!(
        read("twice a week")
            .unwrap_err()
            .reason()
            .contains("which two days")
    );
}

#[test]
fn meetings_stop_at_the_end_of_the_calendar_rather_than_panic() {
    assert!(rule("weekly").meetings(NaiveDate::MAX, 3).is_empty());
    assert!(rule("monthly").meetings(NaiveDate::MAX, 3).is_empty());
    let _ = rule("last Friday of each term").fits(NaiveDate::MAX);
}
