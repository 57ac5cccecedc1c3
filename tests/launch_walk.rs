//! The launch material in the walk and the presenter view, on the nurses' example (today
//! fixed): the conversations table with the questions to ask, the scouting parties with a
//! report due, the leadership statement with the count of conversations beside it, the
//! weavers, the facilitation practices and their summary, and the see-also jump (F3) there and
//! back. Snapshots at 80×24 and 120×40; state tests drive keys through `App::update`.

mod common;

use std::fs;
use std::path::Path;
use std::time::Instant;

use common::regex_escape;
use convene::tui::model::walk::Slot;
use convene::tui::view;
use convene::tui::{App, Screen};
use crossterm::event::KeyCode;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use common::drive::{nurses, press, type_text, walk};

/// Moves the walk to the question `id`, or to the summary of section `id`.
fn go_to(app: &mut App, id: &str) {
    let Screen::Walk(walk) = &mut app.screen else {
        panic!("not in the walk");
    };
    let at = (0..walk.fields.len())
        .find(|&i| {
            let f = walk.fields[i];
            let section = &walk.guide.sections[f.section];
            match f.slot {
                Slot::Question(q) => section.groups[f.group].questions[q].id == id,
                Slot::Summary => section.id == id,
                _ => false,
            }
        })
        .unwrap_or_else(|| panic!("no field for {id}"));
    walk.go_to(at, convene::tui::runtime::now(Instant::now()));
}

fn screen(app: &App, (w, h): (u16, u16)) -> String {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|frame| view::draw(frame, app)).unwrap();
    terminal.backend().to_string()
}

fn snapshot(name: &str, app: &App, dir: &Path, size: (u16, u16)) {
    let dir = dir.display().to_string();
    insta::with_settings!({
        filters => vec![
            (regex_escape(&dir).as_str(), "[DATA]"),
            (r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", "[date time]"),
            (r"Saved at \d{2}:\d{2}:\d{2}", "Saved at [time]"),
        ],
    }, {
        insta::assert_snapshot!(format!("{name}_{}x{}", size.0, size.1), screen(app, size));
    });
}

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

#[test]
fn each_launch_screen_at_both_sizes() {
    for id in [
        "member_conversations",
        "launch_plan",
        "scouting_parties",
        "leadership_commitment",
        "weaving_plan",
        "facilitation_evaluation",
        "life_facilitation",
    ] {
        for size in SIZES {
            let (dir, mut app) = nurses();
            go_to(&mut app, id);
            snapshot(&format!("launch_{id}"), &app, dir.path(), size);
        }
    }
}

#[test]
fn the_room_sees_the_interview_questions_as_an_exercise() {
    for size in SIZES {
        let (dir, mut app) = nurses();
        go_to(&mut app, "member_conversations");
        press(&mut app, KeyCode::F(5), Instant::now());
        assert!(matches!(app.screen, Screen::Presenter(_)));
        let shown = screen(&app, size);
        assert!(shown.contains("Practise in pairs"), "{shown}");
        assert!(
            shown.contains("What issues and challenges are you facing?"),
            "{shown}"
        );
        snapshot("launch_presenter_interview", &app, dir.path(), size);
    }
}

/// Every question the screen shows in full, at both sizes: the prompts of the interview, the
/// count beside the leadership statement, the weavers, the see-also line.
#[test]
fn the_launch_facts_are_never_cut() {
    let flat = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    for size in SIZES {
        let (_dir, mut app) = nurses();
        go_to(&mut app, "leadership_commitment");
        let shown = screen(&app, size);
        let pane: String = shown
            .lines()
            .map(|r| r.trim_matches('"'))
            .map(|r| r.split_once('│').map_or(r, |(_, rest)| rest))
            .collect::<Vec<_>>()
            .join(" ");
        assert!(
            flat(&pane).contains(
                "From the conversations: 2 of 4 people talked to would join the core group, 1 maybe."
            ),
            "{size:?}\n{shown}"
        );
        go_to(&mut app, "weaving_plan");
        let shown = screen(&app, size);
        let pane: String = shown
            .lines()
            .map(|r| r.trim_matches('"'))
            .map(|r| r.split_once('│').map_or(r, |(_, rest)| rest))
            .collect::<Vec<_>>()
            .join(" ");
        assert!(
            flat(&pane)
                .contains("Weavers marked in the people table: José Álvarez, Bronwen Hughes."),
            "{size:?}\n{shown}"
        );
    }
}

#[test]
fn a_conversation_typed_in_the_walk_counts_beside_the_leadership_statement() {
    let (dir, mut app) = nurses();
    let now = Instant::now();
    go_to(&mut app, "member_conversations");
    // A new row: who, when, the issues, then the three answers by their numbers.
    press(&mut app, KeyCode::Enter, now);
    common::drive::ctrl(&mut app, 'a', now);
    type_text(
        &mut app,
        "Gemma Price\n1 Oct\nRoom bookings eat her lunch\n2\n1\n1\n",
        now,
    );
    common::drive::ctrl(&mut app, 's', now);
    let file = dir.path().join("nurses-lunch-circle.toml");
    let on_disk = common::drive::on_disk(&file);
    let willing = convene::community::launch::Willing::of(&on_disk).unwrap();
    assert_eq!((willing.talked, willing.yes, willing.maybe), (5, 3, 1));
    let text = fs::read_to_string(&file).unwrap();
    assert!(
        text.contains(
            "who = \"Gemma Price\"\ndate = \"2026-10-01\"\nissues = \"Room bookings eat her lunch\"\n\
             meets_others = \"sometimes\"\nwould_help = \"yes\"\ncore_group = \"yes\"\n"
        ),
        "{text}"
    );
    go_to(&mut app, "leadership_commitment");
    let shown = screen(&app, (120, 40));
    assert!(
        shown.contains("3 of 5 people talked to would join the core group, 1 maybe"),
        "{shown}"
    );
}

#[test]
fn f3_goes_to_the_section_a_practice_sees_and_back() {
    let (_dir, mut app) = nurses();
    let now = Instant::now();
    go_to(&mut app, "facilitation_evaluation");
    let from = walk(&app).current;
    press(&mut app, KeyCode::F(3), now);
    assert_eq!(walk(&app).section().id, "life_evaluation");
    assert!(
        app.status.text.contains("F3 goes back"),
        "{}",
        app.status.text
    );
    // Moving on there and pressing F3 comes back all the same.
    press(&mut app, KeyCode::Tab, now);
    press(&mut app, KeyCode::F(3), now);
    assert_eq!(walk(&app).current, from);
    // A question that sees nothing says so, and stays.
    go_to(&mut app, "facilitation_trust");
    let here = walk(&app).current;
    press(&mut app, KeyCode::F(3), now);
    assert_eq!(walk(&app).current, here);
    assert!(
        app.status.text.contains("names no other section"),
        "{}",
        app.status.text
    );
    // The key is in help.
    let help: String = convene::tui::keymap::BINDINGS
        .iter()
        .filter(|b| b.key == "F3")
        .map(|b| b.help)
        .collect();
    assert!(help.contains("see also: go there, back"), "{help}");
}

#[test]
fn the_facilitation_summary_lists_only_its_own_groups() {
    let (_dir, mut app) = nurses();
    go_to(&mut app, "life_facilitation");
    let shown = screen(&app, (120, 40));
    assert!(shown.contains("Practices by group"), "{shown}");
    assert!(shown.contains("Focus, people and trust"), "{shown}");
    assert!(!shown.contains("Do you have a good domain?"), "{shown}");
    go_to(&mut app, "readiness");
    let shown = screen(&app, (120, 40));
    assert!(shown.contains("Readiness by group"), "{shown}");
    assert!(!shown.contains("Focus, people and trust"), "{shown}");
}
