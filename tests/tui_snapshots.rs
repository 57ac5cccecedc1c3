//! Whole screens drawn into ratatui's `TestBackend` and compared with reviewed snapshots, at the
//! smallest comfortable size (80×24) and a roomy one (120×40). Paths and clock times, which
//! differ from run to run, are masked.

mod common;

use std::fs;
use std::path::Path;

use common::regex_escape;
use std::time::Instant;

use convene::guide::Guide;
use convene::store::{Recovery, Store};
use convene::tui::view;
use convene::tui::{App, Msg};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn app(dir: &Path) -> App {
    let mut app = App::new(store(dir), Guide::builtin());
    app.color = false;
    // Overdue steps and due follow-ups depend on the day: a fixed one keeps the screens still.
    app.today = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    app
}

/// The store on `dir`, keeping recovery copies in a folder of its own (never the real home).
fn store(dir: &Path) -> Store {
    Store::open(dir)
        .unwrap()
        .with_recovery(Recovery::in_dir(dir.join(".recovery")))
}

fn press(app: &mut App, code: KeyCode, modifiers: KeyModifiers) {
    app.update(Msg::Key(KeyEvent::new(code, modifiers)), Instant::now());
}

fn screen(app: &App, (width, height): (u16, u16)) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| view::draw(frame, app)).unwrap();
    terminal.backend().to_string()
}

fn snapshot(name: &str, app: &App, dir: &Path) {
    let dir = regex_escape(&dir.display().to_string());
    for size in SIZES {
        let text = screen(app, size);
        insta::with_settings!({
            filters => vec![
                (dir.as_str(), "[DATA]"),
                (r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", "[date time]"),
                (r"Saved at \d{2}:\d{2}:\d{2}", "Saved at [time]"),
                (r"From \d{1,2} \w{3} \d{2}:\d{2}", "From [date time]"),
                (r"\.[0-9a-f]{16}\.toml", ".[id].toml"),
            ],
        }, {
            insta::assert_snapshot!(format!("{name}_{}x{}", size.0, size.1), text);
        });
    }
}

/// A data folder holding the examples (SIPS's communities grouped under its constellation) and
/// one file convene cannot read.
fn populated() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in convene::samples::EXAMPLES
        .iter()
        .chain(convene::samples::CONSTELLATIONS)
    {
        fs::write(dir.path().join(name), text).unwrap();
    }
    fs::write(
        dir.path().join("half-written.toml"),
        "schema_version = 1\nname = \"Half\n",
    )
    .unwrap();
    dir
}

#[test]
fn home_empty() {
    let dir = tempfile::tempdir().unwrap();
    snapshot("home_empty", &app(dir.path()), dir.path());
}

#[test]
fn home_with_communities_and_an_unreadable_file() {
    let dir = populated();
    snapshot("home_listing", &app(dir.path()), dir.path());
}

#[test]
fn walk_on_a_text_question() {
    let dir = populated();
    let mut app = app(dir.path());
    app.open(&dir.path().join("nurses-lunch-circle.toml"))
        .unwrap();
    snapshot("walk_text", &app, dir.path());
}

#[test]
fn walk_on_a_rating_question() {
    let dir = populated();
    let mut app = app(dir.path());
    app.open(&dir.path().join("nurses-lunch-circle.toml"))
        .unwrap();
    press(&mut app, KeyCode::Char('n'), KeyModifiers::CONTROL);
    press(&mut app, KeyCode::Char('n'), KeyModifiers::CONTROL);
    // The second statement, "It is easy for people to know if they belong…".
    press(&mut app, KeyCode::Tab, KeyModifiers::NONE);
    snapshot("walk_rating", &app, dir.path());
}

#[test]
fn help_in_the_walk() {
    let dir = populated();
    let mut app = app(dir.path());
    app.open(&dir.path().join("sips-constellation.toml"))
        .unwrap();
    press(&mut app, KeyCode::F(1), KeyModifiers::NONE);
    snapshot("help_walk", &app, dir.path());
    // F1 again: the editing keys, from the keymap's table; any other key closes help.
    press(&mut app, KeyCode::F(1), KeyModifiers::NONE);
    let shown = screen(&app, (80, 24));
    for key in [
        "Ctrl-Home / Ctrl-End",
        "Ctrl-Backspace / Ctrl-W",
        "Ctrl-K",
        "(Ctrl-H too)",
    ] {
        assert!(shown.contains(key), "{key} listed:\n{shown}");
    }
    snapshot("help_editing", &app, dir.path());
    press(&mut app, KeyCode::F(1), KeyModifiers::NONE);
    assert!(app.help.is_none(), "F1 on the last page closes help");
}

#[test]
fn too_small() {
    let dir = populated();
    let app = app(dir.path());
    for size in [(40, 10), (79, 13)] {
        let text = screen(&app, size);
        assert!(text.contains("Terminal too small"), "{text}");
        insta::assert_snapshot!(format!("too_small_{}x{}", size.0, size.1), text);
    }
    let fits = screen(&app, (80, 24));
    assert!(!fits.contains("too small"));
}

#[test]
fn the_readiness_summary() {
    let dir = populated();
    let mut app = app(dir.path());
    app.open(&dir.path().join("nurses-lunch-circle.toml"))
        .unwrap();
    for _ in 0..3 {
        press(&mut app, KeyCode::Char('n'), KeyModifiers::CONTROL);
    }
    press(&mut app, KeyCode::BackTab, KeyModifiers::NONE);
    let text = screen(&app, (80, 24));
    assert!(text.contains("Readiness by group"), "{text}");
    snapshot("walk_summary", &app, dir.path());
}

#[test]
fn home_offers_a_recovery_copy() {
    let dir = populated();
    let store = store(dir.path());
    let mut loaded = store
        .load(&dir.path().join("nurses-lunch-circle.toml"))
        .unwrap();
    loaded.community_mut().set_answer(
        "primary_purpose",
        convene::community::Answer::Text("Typed before the power cut".into()),
    );
    store.keep(&mut loaded, Guide::builtin()).unwrap();
    // The offer's date is the copy's modification time; a fixed one keeps the line's length
    // (and so its wrapping) the same whatever day the test runs.
    let noon = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_795_435_200); // 2026-11-23 12:00 UTC
    for copy in store.recoveries() {
        let file = std::fs::File::options()
            .append(true)
            .open(&copy.path)
            .unwrap();
        file.set_modified(noon).unwrap();
    }
    snapshot("home_recovery", &app(dir.path()), dir.path());
}

#[test]
fn walk_when_the_save_fails() {
    let dir = populated();
    let mut app = app(dir.path());
    let path = dir.path().join("nurses-lunch-circle.toml");
    app.open(&path).unwrap();
    // A folder appears where the file was: the whole message must be readable.
    fs::remove_file(&path).unwrap();
    fs::create_dir(&path).unwrap();
    press(&mut app, KeyCode::Char('!'), KeyModifiers::NONE);
    press(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(app.status.error);
    snapshot("walk_save_failed", &app, dir.path());
}

#[test]
fn walk_on_a_value_kept_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kept.toml");
    fs::write(
        &path,
        "schema_version = 1\nname = \"Kept\"\ncreated = 2026-01-01T00:00:00Z\nupdated = 2026-01-01T00:00:00Z\n\n[[answers.primary_purpose]]\nwhy = \"a table where text goes\"\n",
    )
    .unwrap();
    let mut app = app(dir.path());
    app.open(&path).unwrap();
    press(&mut app, KeyCode::Char('x'), KeyModifiers::NONE);
    snapshot("walk_kept", &app, dir.path());
}
