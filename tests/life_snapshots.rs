//! Each editor of the community's life at 80×24, the smallest comfortable terminal, on the
//! nurses' example (with "today" fixed, so overdue steps and due follow-ups stay put): the people
//! table, the momentum plan, harvest targets, the learning log and its follow-ups, dimension
//! sliders, the activities, the cadence, the next meeting, the stage, and home's next step.

mod common;

use std::path::Path;

use common::drive::nurses;
use common::regex_escape;

use convene::tui::model::walk::Slot;
use convene::tui::view;
use convene::tui::{App, Screen};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// Moves the walk to the first field whose slot and question id match.
fn go_to(app: &mut App, id: &str, follow_ups: bool) {
    let Screen::Walk(walk) = &mut app.screen else {
        panic!("not in the walk");
    };
    let at = (0..walk.fields.len())
        .find(|&i| {
            let f = walk.fields[i];
            let group = &walk.guide.sections[f.section].groups[f.group];
            match f.slot {
                Slot::Question(q) => !follow_ups && group.questions[q].id == id,
                Slot::FollowUps(q) => follow_ups && group.questions[q].id == id,
                _ => false,
            }
        })
        .unwrap_or_else(|| panic!("no field for {id}"));
    walk.go_to(at, convene::tui::runtime::now(std::time::Instant::now()));
}

fn screen(app: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal.draw(|frame| view::draw(frame, app)).unwrap();
    terminal.backend().to_string()
}

fn snapshot(name: &str, app: &App, dir: &Path) {
    let dir = dir.display().to_string();
    insta::with_settings!({
        filters => vec![
            (regex_escape(&dir).as_str(), "[DATA]"),
            (r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", "[date time]"),
            (r"Saved at \d{2}:\d{2}:\d{2}", "Saved at [time]"),
        ],
    }, {
        insta::assert_snapshot!(name, screen(app));
    });
}

#[test]
fn each_editor_at_80x24() {
    for (id, follow_ups) in [
        ("people", false),
        ("activities", false),
        ("cadence", false),
        ("next_meeting", false),
        ("momentum_plan", false),
        ("harvest", false),
        ("learning_log", false),
        ("learning_log", true),
        ("dimensions", false),
        ("stage", false),
    ] {
        let (dir, mut app) = nurses();
        go_to(&mut app, id, follow_ups);
        let name = if follow_ups {
            format!("life_{id}_follow_ups")
        } else {
            format!("life_{id}")
        };
        snapshot(&name, &app, dir.path());
    }
}

#[test]
fn home_shows_the_selected_communitys_next_step() {
    let (dir, mut app) = nurses();
    app.update(
        convene::tui::Msg::Key(crossterm::event::KeyEvent::new(
            crossterm::event::KeyCode::Esc,
            crossterm::event::KeyModifiers::NONE,
        )),
        std::time::Instant::now(),
    );
    snapshot("life_home_next_step", &app, dir.path());
}

/// A rhythm typed in the facilitator's own words: on the list as it is typed, then under the next
/// meeting, where the dates follow it, what convene read is said (a term's months too), and the
/// nurses' next meeting (a Thursday) is pointed out as off the rhythm.
#[test]
fn a_rhythm_in_own_words_at_80x24() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let (dir, mut app) = nurses();
    let press = |app: &mut App, code| {
        app.update(
            convene::tui::Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)),
            std::time::Instant::now(),
        );
    };
    go_to(&mut app, "cadence", false);
    for c in "last Friday of each term".chars() {
        press(&mut app, KeyCode::Char(c));
    }
    snapshot("life_cadence_own_words", &app, dir.path());
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Tab);
    snapshot("life_next_meeting_own_words", &app, dir.path());
}
