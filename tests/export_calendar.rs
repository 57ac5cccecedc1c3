//! Calendars and spreadsheets: `convene export --format ics` read back by two iCalendar parsers
//! (the `icalendar` crate's own and the independent `ical`), and `--format csv --table ID` read
//! back by the `csv` crate, from the examples, from hand-written hostile files and through the
//! command line.

use std::fs;
use std::io::BufReader;
use std::path::Path;

use chrono::{DateTime, FixedOffset, NaiveDate};
use convene::community::CommunityFile;
use convene::export::{calendar, csv as table};
use convene::guide::Guide;
use icalendar::{Component, DatePerhapsTime};
use predicates::prelude::*;

mod common;
use common::convene;

fn example(name: &str) -> CommunityFile {
    let text = fs::read_to_string(Path::new("examples").join(name)).unwrap();
    CommunityFile::parse(&text).unwrap()
}

fn at(moment: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(moment).unwrap()
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn ics(file: &CommunityFile, moment: &str) -> calendar::Ics {
    calendar::to_ics(file, Guide::builtin(), "the-stem", at(moment))
}

/// The calendar as both parsers read it, after checking the lines themselves: CRLF endings, at
/// most 75 octets, no control character.
fn read_back(
    text: &str,
) -> (
    icalendar::Calendar,
    ical::parser::ical::component::IcalCalendar,
) {
    assert!(text.ends_with("\r\n"));
    for line in text.split_terminator("\r\n") {
        assert!(line.len() <= 75, "a line over 75 octets: {line:?}");
        assert!(!line.chars().any(char::is_control), "a control in {line:?}");
    }
    let ours: icalendar::Calendar = text.parse().unwrap();
    let mut theirs = ical::IcalParser::new(BufReader::new(text.as_bytes()));
    let other = theirs.next().unwrap().unwrap();
    assert!(theirs.next().is_none(), "one calendar");
    assert_eq!(ours.events().count(), other.events.len());
    (ours, other)
}

fn start(event: &icalendar::Event) -> NaiveDate {
    match event.get_start() {
        Some(DatePerhapsTime::Date(date)) => date,
        other => panic!("not an all-day event: {other:?}"),
    }
}

fn uids(calendar: &icalendar::Calendar) -> Vec<String> {
    calendar
        .events()
        .map(|e| e.get_uid().unwrap().to_string())
        .collect()
}

#[test]
fn the_nurses_calendar_has_the_meetings_steps_and_follow_ups_to_come() {
    let out = ics(
        &example("nurses-lunch-circle.toml"),
        "2026-11-20T09:00:00+01:00",
    );
    let (calendar, other) = read_back(&out.text);
    assert_eq!(out.events, 17, "{}", out.text);
    assert!(out.notes.is_empty(), "{:?}", out.notes);
    assert_eq!(
        calendar.property_value("X-WR-CALNAME"),
        Some("Nurses' lunch circle")
    );

    let meetings: Vec<NaiveDate> = calendar
        .events()
        .filter(|e| e.get_summary() == Some("Nurses' lunch circle meeting"))
        .map(start)
        .collect();
    // "monthly" from Thu 3 Dec 2026 is the first Thursday of each month, twelve of them.
    assert_eq!(meetings.len(), calendar::MEETINGS);
    assert_eq!(
        meetings[..3],
        [day(2026, 12, 3), day(2027, 1, 7), day(2027, 2, 4)]
    );
    assert_eq!(meetings[11], day(2027, 11, 4));

    let summaries: Vec<&str> = calendar.events().filter_map(|e| e.get_summary()).collect();
    // The open steps of both plans (the launch plan is all done) and the follow-ups nobody
    // has written an outcome for; the done steps and the closed entries are not there.
    for expected in [
        "Due: Hold a CoP support group meeting (Helen Okafor)",
        "Due: Convene and facilitate your CoP's first meeting (Zoë Martin)",
        "Due: Agree the anonymising rule for write-ups with the ward managers (Bronwen Hughes)",
        "Follow up: New starters don't speak up at lunch.",
    ] {
        assert!(summaries.contains(&expected), "{expected} in {summaries:?}");
    }
    assert_eq!(
        summaries.iter().filter(|s| s.starts_with("Due:")).count(),
        3
    );
    assert_eq!(
        summaries
            .iter()
            .filter(|s| s.starts_with("Follow up:"))
            .count(),
        2
    );

    let dates: Vec<NaiveDate> = calendar.events().map(start).collect();
    assert!(dates.is_sorted(), "in date order");
    for (event, parsed) in calendar.events().zip(&other.events) {
        // All-day, ending the next day, stamped with the moment given (in UTC), free time.
        assert_eq!(
            event.get_end(),
            Some(DatePerhapsTime::Date(start(event).succ_opt().unwrap()))
        );
        assert_eq!(event.property_value("DTSTAMP"), Some("20261120T080000Z"));
        assert_eq!(event.property_value("TRANSP"), Some("TRANSPARENT"));
        let value = |name: &str| {
            parsed
                .properties
                .iter()
                .find(|p| p.name == name)
                .unwrap_or_else(|| panic!("{name} missing"))
        };
        let params = value("DTSTART").params.clone().unwrap();
        assert!(params.contains(&("VALUE".to_string(), vec!["DATE".to_string()])));
        assert_eq!(value("UID").value.as_deref(), event.get_uid());
    }
    let mut unique = uids(&calendar);
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), 17, "every UID its own");
    assert!(uids(&calendar).contains(&"meeting-20261203.the-stem@convene".to_string()));
}

#[test]
fn every_example_makes_a_calendar_both_parsers_read() {
    let mut events = 0;
    for entry in fs::read_dir("examples").unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap();
        if !name.ends_with(".toml") || name.ends_with(".constellation.toml") {
            continue;
        }
        let out = ics(&example(name), "2026-12-01T12:00:00Z");
        let (calendar, _) = read_back(&out.text);
        assert_eq!(calendar.events().count(), out.events, "{name}");
        events += out.events;
    }
    assert!(events > 30, "{events}");
}

#[test]
fn uids_stay_put_when_the_export_is_made_again_or_a_step_changes() {
    let nurses = example("nurses-lunch-circle.toml");
    let first = ics(&nurses, "2026-11-20T09:00:00Z");
    let again = ics(&nurses, "2026-11-20T17:30:00Z");
    assert_eq!(first.text.replace("T090000Z", "T173000Z"), again.text);

    // A step moved to the top of the plan, with another owner, a new date and its words
    // respaced and recased, is the same event; so is a meeting on the same day at another
    // rhythm.
    let text = fs::read_to_string("examples/nurses-lunch-circle.toml").unwrap();
    let row = "[[answers.momentum_plan]]\nstep = \"Agree the anonymising rule for write-ups with the ward managers\"\nowner = \"Bronwen Hughes\"\ndue = \"2026-12-17\"\nstatus = \"to do\"\n\n";
    let changed_row = "[[answers.momentum_plan]]\nstep = \"Agree the  anonymising rule for write-ups with the Ward Managers\"\nowner = \"Zoë Martin\"\ndue = \"2027-01-14\"\nstatus = \"to do\"\n\n";
    assert!(text.contains(row));
    let moved = text
        .replace(row, "")
        .replacen(
            "[[answers.momentum_plan]]",
            &format!("{changed_row}[[answers.momentum_plan]]"),
            1,
        )
        .replace("cadence = \"monthly\"", "cadence = \"every two months\"");
    assert_ne!(moved, text);
    let changed = ics(
        &CommunityFile::parse(&moved).unwrap(),
        "2026-11-20T09:00:00Z",
    );
    let (before, _) = read_back(&first.text);
    let (after, _) = read_back(&changed.text);
    let uid_of = |calendar: &icalendar::Calendar, summary: &str| {
        calendar
            .events()
            .find(|e| e.get_summary().is_some_and(|s| s.contains(summary)))
            .and_then(|e| e.get_uid().map(str::to_string))
            .unwrap()
    };
    assert_eq!(
        uid_of(&before, "anonymising"),
        uid_of(&after, "anonymising")
    );
    assert_eq!(
        uid_of(&before, "circle meeting"),
        uid_of(&after, "circle meeting")
    );
    assert!(uids(&after).contains(&"meeting-20270204.the-stem@convene".to_string()));
}

#[test]
fn two_steps_in_the_same_words_are_two_events() {
    let text = fs::read_to_string("examples/nurses-lunch-circle.toml").unwrap();
    let twice = text.replacen(
        "[[answers.harvest]]",
        "[[answers.momentum_plan]]\nstep = \"Hold a CoP support group meeting\"\ndue = \"2027-02-25\"\n\n[[answers.harvest]]",
        1,
    );
    let before = ics(&example("nurses-lunch-circle.toml"), "2026-11-20T09:00:00Z");
    let after = ics(
        &CommunityFile::parse(&twice).unwrap(),
        "2026-11-20T09:00:00Z",
    );
    let (before, _) = read_back(&before.text);
    let (after, _) = read_back(&after.text);
    let support = |calendar: &icalendar::Calendar| -> Vec<String> {
        calendar
            .events()
            .filter(|e| e.get_summary().is_some_and(|s| s.contains("support group")))
            .map(|e| e.get_uid().unwrap().to_string())
            .collect()
    };
    let (one, two) = (support(&before), support(&after));
    assert_eq!(one.len(), 1);
    assert_eq!(two.len(), 2);
    assert_eq!(two[0], one[0], "the first keeps its UID");
    assert_ne!(two[1], two[0]);
}

#[test]
fn a_next_meeting_that_has_passed_is_counted_on_from() {
    let out = ics(&example("nurses-lunch-circle.toml"), "2027-03-10T09:00:00Z");
    let (calendar, _) = read_back(&out.text);
    let meetings: Vec<NaiveDate> = calendar
        .events()
        .filter(|e| e.get_summary().is_some_and(|s| s.ends_with("meeting")))
        .map(start)
        .collect();
    assert_eq!(meetings.len(), calendar::MEETINGS);
    assert_eq!(meetings[0], day(2027, 4, 1), "none before today");
}

/// A community whose text could break a calendar or a spreadsheet if it went out raw.
const HOSTILE: &str = r#"schema_version = 1
name = "Ward 7; nights, days"
created = 2026-09-02T12:15:00+01:00
updated = 2026-09-30T13:05:12Z

[answers]
cadence = "whenever we can"
next_meeting = "2026-12-10"

[[answers.momentum_plan]]
step = "Book \"the\" room, lunch; level 2\nthen ring \u0007 twice"
owner = "=HYPERLINK(\"http://evil.example\",\"Ana\")"
due = "2026-12-01"
status = "to do"

[[answers.momentum_plan]]
step = "Ask the managers"
owner = "+44 20 7946 0000"
due = "next spring"

[[answers.learning_log]]
date = "2026-11-02"
problem = "One\r\ntwo\rthree \u001b[2J"
advice = "LONG"
follow_up = "2026-12-08"

[[answers.harvest]]
output = "-5 incidents"
target = 12
done = 3
"#;

fn hostile() -> CommunityFile {
    let long = "Écoutez d'abord, puis répondez; 先听后说, ".repeat(120);
    CommunityFile::parse(&HOSTILE.replace("LONG", &long)).unwrap()
}

#[test]
fn hostile_text_is_escaped_folded_and_read_back_whole() {
    let out = ics(&hostile(), "2026-11-20T09:00:00Z");
    let (calendar, other) = read_back(&out.text);
    assert_eq!(out.events, 3, "{}", out.text);
    assert_eq!(
        calendar.property_value("X-WR-CALNAME"),
        Some("Ward 7; nights, days")
    );
    assert!(
        out.text
            .contains("X-WR-CALNAME:Ward 7\\; nights\\, days\r\n")
    );

    let step = calendar
        .events()
        .find(|e| start(e) == day(2026, 12, 1))
        .unwrap();
    // On one line, the bell a visible marker; commas, semicolons and quotes as typed.
    assert_eq!(
        step.get_summary(),
        Some(
            "Due: Book \"the\" room, lunch; level 2 then ring \\u{7} twice \
             (=HYPERLINK(\"http://evil.example\",\"Ana\"))"
        )
    );
    let raw = other
        .events
        .iter()
        .flat_map(|e| &e.properties)
        .find(|p| p.name == "SUMMARY" && p.value.as_deref().unwrap().contains("Book"))
        .and_then(|p| p.value.clone())
        .unwrap();
    assert!(raw.starts_with("Due: Book \"the\" room\\, lunch\\; level 2 then ring \\\\u{7}"));

    let follow_up = calendar
        .events()
        .find(|e| start(e) == day(2026, 12, 8))
        .unwrap();
    let description = follow_up.get_description().unwrap();
    // Line breaks of every kind kept as line breaks; the escape sequence made inert; the long
    // advice whole after folding.
    assert!(
        description.contains("\nProblem: One\ntwo\nthree \\u{1b}[2J\n"),
        "{description}"
    );
    let long = "Écoutez d'abord, puis répondez; 先听后说, ".repeat(120);
    assert!(description.contains(&format!("Advice given: {}", long.trim_end())));

    // Counted nothing it cannot count, and said so.
    assert!(
        out.notes.iter().any(|n| n.contains("\"whenever we can\"")),
        "{:?}",
        out.notes
    );
    assert!(
        out.notes.iter().any(|n| n.contains("\"next spring\"")),
        "{:?}",
        out.notes
    );
}

fn records(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    (header, rows)
}

#[test]
fn the_plan_table_reads_back_with_its_titles_and_rows() {
    let text = table::to_csv(
        &example("nurses-lunch-circle.toml"),
        Guide::builtin(),
        "plan",
    )
    .unwrap();
    assert!(text.starts_with('\u{feff}'), "a BOM, for Excel");
    assert!(text.ends_with("\r\n"));
    let (header, rows) = records(&text);
    assert_eq!(header, ["Step", "Owner", "Due", "Status"]);
    assert_eq!(rows.len(), 7);
    assert_eq!(
        rows[4],
        [
            "Hold a CoP support group meeting",
            "Helen Okafor",
            "2026-11-26",
            "in progress"
        ]
    );
}

#[test]
fn every_table_of_every_example_has_the_guides_columns() {
    let guide = Guide::builtin();
    for (id, question) in table::TABLES {
        let kind = guide.question(question).unwrap().kind;
        let titles: Vec<&str> = kind.columns().iter().map(|c| c.title).collect();
        for name in [
            "nurses-lunch-circle.toml",
            "sips-citizenship.toml",
            "sips-resilience.toml",
        ] {
            let text = table::to_csv(&example(name), guide, id).unwrap();
            let (header, rows) = records(&text);
            assert_eq!(header, titles, "{id} of {name}");
            assert!(rows.iter().all(|r| r.len() == titles.len()));
        }
    }
}

#[test]
fn cells_are_quoted_and_never_run_as_formulas() {
    let guide = Guide::builtin();
    let text = table::to_csv(&hostile(), guide, "plan").unwrap();
    assert!(
        text.contains("\"Book \"\"the\"\" room, lunch; level 2\nthen ring \u{7} twice\""),
        "{text}"
    );
    let (_, rows) = records(&text);
    assert_eq!(
        rows[0][0],
        "Book \"the\" room, lunch; level 2\nthen ring \u{7} twice"
    );
    assert_eq!(rows[0][1], "'=HYPERLINK(\"http://evil.example\",\"Ana\")");
    assert_eq!(rows[1][1], "'+44 20 7946 0000");
    assert_eq!(rows[1][2], "next spring", "words kept as typed");

    let (_, harvest) = records(&table::to_csv(&hostile(), guide, "harvest").unwrap());
    assert_eq!(
        harvest[0],
        ["'-5 incidents", "12", "3"],
        "numbers stay numbers"
    );
    let (_, people) = records(&table::to_csv(&hostile(), guide, "people").unwrap());
    assert!(people.is_empty(), "an empty table is its header");
}

#[test]
fn a_table_the_file_holds_in_another_shape_is_refused_with_its_line() {
    let text = HOSTILE.replace("[answers]\n", "[answers]\nharvest = \"lots\"\n");
    let file = CommunityFile::parse(&text.replace(
        "[[answers.harvest]]\noutput = \"-5 incidents\"\ntarget = 12\ndone = 3\n",
        "",
    ))
    .unwrap();
    let err = table::to_csv(&file, Guide::builtin(), "harvest").unwrap_err();
    assert!(matches!(err, table::CsvError::Kept(_)));
    assert!(
        err.to_string().starts_with("Line 7 holds text here"),
        "{err}"
    );
}

fn data_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for name in [
        "nurses-lunch-circle.toml",
        "sips.constellation.toml",
        "sips-citizenship.toml",
    ] {
        fs::copy(Path::new("examples").join(name), dir.path().join(name)).unwrap();
    }
    dir
}

#[test]
fn the_command_line_writes_a_calendar_and_a_table() {
    let dir = data_dir();
    let out = convene(dir.path())
        .args(["export", "Nurses' lunch circle", "--format", "ics"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let (calendar, _) = read_back(&String::from_utf8(out).unwrap());
    assert!(
        uids(&calendar)
            .iter()
            .all(|u| u.ends_with(".nurses-lunch-circle@convene"))
    );

    let file = dir.path().join("nurses.ics");
    convene(dir.path())
        .args(["export", "Nurses' lunch circle", "-f", "ics", "-o"])
        .arg(&file)
        .assert()
        .success()
        .stderr(predicate::str::contains("Wrote the calendar ("));
    read_back(&fs::read_to_string(&file).unwrap());

    let out = convene(dir.path())
        .args([
            "export",
            "nurses-lunch-circle.toml",
            "--format",
            "csv",
            "--table",
            "plan",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let (header, rows) = records(&String::from_utf8(out).unwrap());
    assert_eq!(header, ["Step", "Owner", "Due", "Status"]);
    assert_eq!(rows.len(), 7);
}

#[test]
fn the_command_line_says_what_is_wrong_with_a_request() {
    let dir = data_dir();
    let fails = |args: &[&str], says: &str| {
        convene(dir.path())
            .args(["export", "Nurses' lunch circle"])
            .args(args)
            .assert()
            .failure()
            .stdout("")
            .stderr(predicate::str::contains(says));
    };
    fails(
        &["--format", "csv", "--table", "minutes"],
        "[possible values: people, plan, launch, harvest, log, conversations]",
    );
    fails(
        &["--format", "csv"],
        "--format csv writes one table: say which with --table ID (people, plan",
    );
    fails(
        &["--format", "ics", "--table", "plan"],
        "--table is for --format csv only",
    );
    fails(&["--table", "plan"], "--table is for --format csv only");
    fails(
        &["--format", "ics", "--audience", "sponsor"],
        "--audience is for charters",
    );
    fails(
        &["--format", "csv", "--table", "log", "--include-empty"],
        "--include-empty is for charters",
    );
    convene(dir.path())
        .args(["export", "sips.constellation.toml", "--format", "ics"])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "is a constellation: calendars and tables are each community's own",
        ));
}
