//! The community's life, edited in the walk: tables (people, the momentum plan, harvest, the
//! learning log, dimensions), lists to choose from (activities, cadence, stage) and dates — driven
//! through `App::update` as the event loop does, then read back from the file on disk.

mod common;

use std::time::Instant;

use chrono::NaiveDate;
use common::drive::{create, ctrl, on_disk, press, type_text, walk};
use convene::community::{Answer, Record, Scalar};
use convene::guide::Guide;
use convene::store::{Recovery, Store};
use convene::tui::{App, Msg, Screen};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// The day every test takes as today: a Tuesday.
fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
}

fn app(dir: &std::path::Path) -> App {
    let store = Store::open(dir)
        .unwrap()
        .with_recovery(Recovery::in_dir(dir.join(".recovery")));
    let mut app = App::new(store, Guide::builtin());
    app.today = today();
    app
}

/// Moves the walk to the question `id`.
fn go_to(app: &mut App, id: &str) {
    let Screen::Walk(walk) = &mut app.screen else {
        panic!("not in the walk");
    };
    let at = (0..walk.fields.len())
        .find(|&i| {
            let f = walk.fields[i];
            f.question().is_some_and(|q| {
                walk.guide.sections[f.section].groups[f.group].questions[q].id == id
            })
        })
        .unwrap_or_else(|| panic!("no question {id}"));
    walk.go_to(at, convene::tui::runtime::now(std::time::Instant::now()));
}

fn key(app: &mut App, code: KeyCode, modifiers: KeyModifiers, now: Instant) {
    app.update(Msg::Key(KeyEvent::new(code, modifiers)), now);
}

fn text(record: &Record, key: &str) -> String {
    match record.get(key) {
        Some(Scalar::Text(t)) => t.clone(),
        Some(Scalar::Integer(n)) => n.to_string(),
        other => panic!("{key}: {other:?}"),
    }
}

fn records(answer: Option<&Answer>) -> Vec<Record> {
    match answer {
        Some(Answer::Records(rows)) => rows.clone(),
        other => panic!("expected a table, found {other:?}"),
    }
}

#[test]
fn people_are_added_edited_reordered_and_removed_from_the_keyboard() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    let now = Instant::now();
    let path = create(&mut app, "Ferry crews", now);
    go_to(&mut app, "people");
    // A row is filled in by typing and Enter; a role and a level by their numbers.
    type_text(
        &mut app,
        "Ana Reyes\n2\n1\nana@example.org\nchairs the first meeting\n1\n",
        now,
    );
    type_text(&mut app, "Ben Okafor\nharbour master\n4\n", now);
    ctrl(&mut app, 's', now);
    let people = records(on_disk(&path).answers.get("people"));
    assert_eq!(people.len(), 2, "{people:?}");
    assert_eq!(text(&people[0], "name"), "Ana Reyes");
    assert_eq!(text(&people[0], "role"), "coordinator");
    assert_eq!(text(&people[0], "participation"), "core");
    assert_eq!(text(&people[0], "contact"), "ana@example.org");
    assert_eq!(text(&people[0], "note"), "chairs the first meeting");
    assert_eq!(text(&people[0], "weaver"), "yes", "a weaver, by its number");
    assert_eq!(
        text(&people[1], "role"),
        "harbour master",
        "a role of their own"
    );
    assert_eq!(text(&people[1], "participation"), "peripheral");

    // Ben moves up, then is deleted, and undo brings him back.
    key(&mut app, KeyCode::Up, KeyModifiers::CONTROL, now);
    ctrl(&mut app, 's', now);
    let people = records(on_disk(&path).answers.get("people"));
    assert_eq!(text(&people[0], "name"), "Ben Okafor");
    ctrl(&mut app, 'd', now);
    ctrl(&mut app, 's', now);
    let people = records(on_disk(&path).answers.get("people"));
    assert_eq!(people.len(), 1);
    assert_eq!(text(&people[0], "name"), "Ana Reyes");
    ctrl(&mut app, 'z', now);
    ctrl(&mut app, 's', now);
    assert_eq!(records(on_disk(&path).answers.get("people")).len(), 2);

    // Editing a cell in place (Ana's contact, below Ben's): ← moves the caret, Backspace
    // deletes before it.
    press(&mut app, KeyCode::Down, now);
    for _ in 0.."example.org".len() {
        press(&mut app, KeyCode::Left, now);
    }
    press(&mut app, KeyCode::Backspace, now);
    type_text(&mut app, " at ", now);
    // Home, then Delete takes the character after the caret; Ctrl-→ moves a word on and
    // Ctrl-W takes the word before the caret.
    press(&mut app, KeyCode::Home, now);
    press(&mut app, KeyCode::Delete, now);
    type_text(&mut app, "A", now);
    key(&mut app, KeyCode::Right, KeyModifiers::CONTROL, now);
    type_text(&mut app, " xyz", now);
    ctrl(&mut app, 'w', now);
    press(&mut app, KeyCode::Backspace, now);
    press(&mut app, KeyCode::Tab, now);
    let people = records(on_disk(&path).answers.get("people"));
    assert_eq!(text(&people[1], "contact"), "Ana at example.org");
}

#[test]
fn plan_steps_take_dates_as_people_type_them() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    let now = Instant::now();
    let path = create(&mut app, "Ferry crews", now);
    go_to(&mut app, "momentum_plan");
    // The plan starts from the seed's steps: the first is there, ready for an owner.
    let first_step = match &walk(&app).input {
        convene::tui::model::walk::Input::Table(t) => t.rows[0].cells[0].clone(),
        other => panic!("{other:?}"),
    };
    assert!(first_step.contains("core statement"), "{first_step}");
    type_text(&mut app, "\nMo\n+2w\n2\n", now);
    // The second step's date cannot be read: kept as typed, and said so.
    type_text(&mut app, "\nSam\nblursday\n", now);
    let message = match &walk(&app).input {
        convene::tui::model::walk::Input::Table(t) => t.message.clone().unwrap_or_default(),
        _ => String::new(),
    };
    assert!(message.contains("blursday"), "{message}");
    ctrl(&mut app, 's', now);
    let plan = records(on_disk(&path).answers.get("momentum_plan"));
    assert_eq!(text(&plan[0], "owner"), "Mo");
    assert_eq!(text(&plan[0], "due"), "2026-12-15");
    assert_eq!(text(&plan[0], "status"), "in progress");
    assert_eq!(
        text(&plan[1], "due"),
        "blursday",
        "unreadable words are kept"
    );
    assert!(plan.len() >= 6, "the seed's six steps stay in the plan");
}

#[test]
fn the_next_step_due_is_shown_on_home() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    let now = Instant::now();
    create(&mut app, "Ferry crews", now);
    go_to(&mut app, "momentum_plan");
    type_text(&mut app, "\nMo\n28 Nov\n", now);
    press(&mut app, KeyCode::Esc, now);
    let Screen::Home(home) = &app.screen else {
        panic!("not home")
    };
    let Some(convene::store::Entry::Community(summary)) = home.selected_entry() else {
        panic!("no community");
    };
    let next = summary.next_step.as_ref().expect("a next step");
    assert_eq!(next.due, NaiveDate::from_ymd_opt(2026, 11, 28).unwrap());
    assert!(next.is_overdue(today()));
    assert_eq!(next.owner, "Mo");
}

#[test]
fn activities_are_chosen_and_the_facilitators_own_added() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    let now = Instant::now();
    let path = create(&mut app, "Ferry crews", now);
    go_to(&mut app, "activities");
    press(&mut app, KeyCode::Char(' '), now);
    press(&mut app, KeyCode::Down, now);
    press(&mut app, KeyCode::Down, now);
    press(&mut app, KeyCode::Enter, now);
    type_text(&mut app, "Walking meetings on the quay\n", now);
    press(&mut app, KeyCode::Tab, now);
    let options = &Guide::builtin().question("activities").unwrap().options;
    match on_disk(&path).answers.get("activities") {
        Some(Answer::Items(items)) => assert_eq!(
            items,
            &vec![
                options[0].clone(),
                options[2].clone(),
                "Walking meetings on the quay".to_string()
            ]
        ),
        other => panic!("{other:?}"),
    }
}

#[test]
fn cadence_stage_and_the_next_meeting() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    let now = Instant::now();
    let path = create(&mut app, "Ferry crews", now);
    go_to(&mut app, "cadence");
    press(&mut app, KeyCode::Char('3'), now);
    go_to(&mut app, "next_meeting");
    type_text(&mut app, "next monday", now);
    go_to(&mut app, "stage");
    press(&mut app, KeyCode::Char('2'), now);
    press(&mut app, KeyCode::Tab, now);
    let community = on_disk(&path);
    assert_eq!(
        community.answers.get("cadence"),
        Some(&Answer::Text("monthly".into()))
    );
    assert_eq!(
        community.answers.get("next_meeting"),
        Some(&Answer::Text("2026-12-07".into()))
    );
    assert_eq!(
        community.answers.get("stage"),
        Some(&Answer::Text("coalescing".into()))
    );
}

#[test]
fn dimensions_keep_practice_and_take_the_facilitators_own() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    let now = Instant::now();
    let path = create(&mut app, "Ferry crews", now);
    go_to(&mut app, "dimensions");
    // Practice is always the first row; the caret starts on its "now" position.
    type_text(&mut app, "3\n", now);
    for _ in 0..7 {
        press(&mut app, KeyCode::Char('+'), now);
    }
    type_text(&mut app, "\nTrust between wards\n2\n6", now);
    // Ctrl-D removes a row of the facilitator's own; on Practice it is refused.
    ctrl(&mut app, 'd', now);
    press(&mut app, KeyCode::Up, now);
    ctrl(&mut app, 'd', now);
    press(&mut app, KeyCode::Tab, now);
    let dims = records(on_disk(&path).answers.get("dimensions"));
    assert_eq!(dims.len(), 1, "{dims:?}");
    assert_eq!(text(&dims[0], "dimension"), "Practice");
    assert_eq!(dims[0].get("current"), Some(&Scalar::Integer(3)));
    assert_eq!(dims[0].get("target"), Some(&Scalar::Integer(7)));
}

#[test]
fn a_pasted_block_from_a_spreadsheet_fills_rows_and_cells() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    let now = Instant::now();
    let path = create(&mut app, "Ferry crews", now);
    go_to(&mut app, "learning_log");
    app.update(
        Msg::Paste(
            "1 Nov\tLate handovers\tShare the checklist\t+1w\t\r\n3 Nov\tNew rota\tAsk HR\t\tSorted\n"
                .into(),
        ),
        now,
    );
    press(&mut app, KeyCode::Tab, now);
    let log = records(on_disk(&path).answers.get("learning_log"));
    assert_eq!(log.len(), 2, "{log:?}");
    assert_eq!(text(&log[0], "date"), "2026-11-01");
    assert_eq!(text(&log[0], "advice"), "Share the checklist");
    assert_eq!(text(&log[0], "follow_up"), "2026-12-08");
    assert_eq!(text(&log[1], "outcome"), "Sorted");
    // The next stop is the follow-ups view, read-only.
    assert!(walk(&app).is_summary());
}

#[test]
fn keys_a_hand_edit_added_to_a_row_survive_editing_it() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ferry-crews.toml");
    std::fs::write(
        &file,
        "schema_version = 1\nname = \"Ferry crews\"\ncreated = 2026-11-01T10:00:00Z\nupdated = 2026-11-01T10:00:00Z\n\n[[answers.people]]\nname = \"Ana\"\nphone = \"0123\"\n",
    )
    .unwrap();
    let mut app = app(dir.path());
    let now = Instant::now();
    app.open(&file).unwrap();
    go_to(&mut app, "people");
    type_text(&mut app, " Reyes", now);
    press(&mut app, KeyCode::Tab, now);
    let people = records(on_disk(&file).answers.get("people"));
    assert_eq!(text(&people[0], "name"), "Ana Reyes");
    assert_eq!(text(&people[0], "phone"), "0123");
}

/// One row of a table answer from (key, value) pairs; numbers become integers.
fn row(pairs: &[(&str, &str)]) -> Record {
    pairs
        .iter()
        .map(|(k, v)| {
            let value = v
                .parse::<i64>()
                .map_or_else(|_| Scalar::Text((*v).to_string()), Scalar::Integer);
            ((*k).to_string(), value)
        })
        .collect()
}

#[test]
fn every_new_kind_round_trips_through_the_file_with_keys_in_column_order() {
    use convene::community::{Community, CommunityFile};
    let guide = Guide::builtin();
    let mut community = Community::new("Ferry crews");
    let tables: [(&str, Vec<Record>); 5] = [
        (
            "people",
            vec![
                row(&[
                    ("name", "Ana \"Ana\" Reyes"),
                    ("role", "coordinator"),
                    ("participation", "core"),
                    ("contact", "ana@example.org"),
                    ("note", "line one\nline two"),
                ]),
                row(&[
                    ("name", "Ben"),
                    ("role", "harbour master"),
                    ("participation", "peripheral"),
                ]),
            ],
        ),
        (
            "momentum_plan",
            vec![
                row(&[
                    ("step", "Draft and post your group's core statement"),
                    ("owner", "Mo"),
                    ("due", "2026-12-15"),
                    ("status", "done"),
                ]),
                row(&[
                    ("step", "Our own step"),
                    ("due", "blursday"),
                    ("status", "to do"),
                ]),
            ],
        ),
        (
            "harvest",
            vec![row(&[
                ("output", "A seminar"),
                ("target", "2"),
                ("done", "1"),
            ])],
        ),
        (
            "learning_log",
            vec![row(&[
                ("date", "2026-11-01"),
                ("problem", "Late handovers"),
                ("advice", "A checklist"),
                ("follow_up", "2026-12-08"),
                ("outcome", ""),
            ])],
        ),
        (
            "dimensions",
            vec![
                row(&[("dimension", "Practice"), ("current", "3"), ("target", "7")]),
                row(&[("dimension", "Trust"), ("current", "0"), ("target", "10")]),
            ],
        ),
    ];
    for (id, rows) in &tables {
        community.set_answer(id, Answer::Records(rows.clone()));
    }
    community.set_answer(
        "activities",
        Answer::Items(vec!["Problem solving".into(), "Walks on the quay".into()]),
    );
    community.set_answer("cadence", Answer::Text("monthly".into()));
    community.set_answer("next_meeting", Answer::Text("2026-12-07".into()));
    community.set_answer("stage", Answer::Text("coalescing".into()));
    community.set_answer(
        "intended_impact",
        Answer::Text("Fewer missed handovers.".into()),
    );

    let mut file = CommunityFile::new(community.clone());
    let text = file.render(guide).unwrap();
    let mut again = CommunityFile::parse(&text).unwrap();
    assert_eq!(again.community, community, "{text}");
    assert_eq!(
        again.render(guide).unwrap(),
        text,
        "a second save changes nothing"
    );
    // Keys are written in the columns' order, not alphabetically.
    let person = &text[text.find("[[answers.people]]").unwrap()..];
    let at = |key: &str| person.find(&format!("\n{key} = ")).unwrap_or(usize::MAX);
    assert!(
        at("name") < at("role") && at("role") < at("participation"),
        "{text}"
    );
    assert!(
        at("participation") < at("contact") && at("contact") < at("note"),
        "{text}"
    );
    // And `convene check` finds nothing wrong but the date it cannot read (a warning).
    let problems = convene::community::check_text(&text, guide);
    assert_eq!(problems.len(), 1, "{problems:?}\n{text}");
    assert!(problems[0].message.contains("blursday"), "{problems:?}");
}

#[test]
fn check_warns_about_cells_it_cannot_use_and_keeps_them() {
    let file = "schema_version = 1\nname = \"Bad cells\"\ncreated = 2026-11-01T10:00:00Z\nupdated = 2026-11-01T10:00:00Z\n\n[[answers.momentum_plan]]\nstep = \"Meet\"\ndue = \"blursday\"\n\n[[answers.dimensions]]\ndimension = \"Practice\"\ncurrent = 12\ntarget = \"lots\"\n";
    let problems = convene::community::check_text(file, Guide::builtin());
    let messages: Vec<String> = problems.iter().map(|p| p.message.clone()).collect();
    assert_eq!(problems.len(), 3, "{messages:?}");
    assert!(
        problems
            .iter()
            .all(|p| p.severity == convene::community::Severity::Warning)
    );
    assert!(
        messages[0].contains("\"blursday\" is not a date"),
        "{messages:?}"
    );
    assert!(
        messages[1].contains("12 is outside 0 to 10"),
        "{messages:?}"
    );
    assert!(
        messages[2].contains("\"lots\" is not a whole number"),
        "{messages:?}"
    );
    // Warnings only: the file still loads, and the words are kept.
    let community = convene::community::CommunityFile::parse(file)
        .unwrap()
        .community;
    let plan = records(community.answers.get("momentum_plan"));
    assert_eq!(text(&plan[0], "due"), "blursday");
}

#[test]
fn an_activity_typed_but_not_added_is_kept_on_a_move_and_on_quit() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    let now = Instant::now();
    let path = create(&mut app, "Ferry crews", now);
    go_to(&mut app, "activities");
    type_text(&mut app, "Walks on the quay", now);
    press(&mut app, KeyCode::Tab, now);
    match on_disk(&path).answers.get("activities") {
        Some(Answer::Items(items)) => assert_eq!(items, &vec!["Walks on the quay".to_string()]),
        other => panic!("{other:?}"),
    }
    press(&mut app, KeyCode::BackTab, now);
    type_text(&mut app, "Night visits", now);
    ctrl(&mut app, 'q', now);
    match on_disk(&path).answers.get("activities") {
        Some(Answer::Items(items)) => {
            assert!(items.contains(&"Night visits".to_string()), "{items:?}")
        }
        other => panic!("{other:?}"),
    }
}
