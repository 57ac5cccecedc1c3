//! Driving the app through `App::update`, as the event loop does, for the state tests: keys,
//! typing, creating a community from home, and reading what reached the disk.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::time::Instant;

use convene::community::Community;
use convene::store::Store;
use convene::tui::effects::Effect;
use convene::tui::model::walk::Walk;
use convene::tui::{App, Msg, Screen};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

pub fn press(app: &mut App, code: KeyCode, now: Instant) -> Option<Effect> {
    app.update(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)), now)
}

pub fn ctrl(app: &mut App, c: char, now: Instant) -> Option<Effect> {
    app.update(
        Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)),
        now,
    )
}

/// Types `text` key by key; a line break is Enter.
pub fn type_text(app: &mut App, text: &str, now: Instant) {
    for c in text.chars() {
        let code = if c == '\n' {
            KeyCode::Enter
        } else {
            KeyCode::Char(c)
        };
        press(app, code, now);
    }
}

pub fn walk(app: &App) -> &Walk {
    match &app.screen {
        Screen::Walk(walk) => walk,
        Screen::Presenter(shown) => &shown.walk,
        Screen::Home(_) | Screen::Constellation(_) => {
            panic!("expected the walk, status: {:?}", app.status)
        }
    }
}

/// Creates a community through the home screen's `n` prompt and returns its path.
pub fn create(app: &mut App, name: &str, now: Instant) -> PathBuf {
    press(app, KeyCode::Char('n'), now);
    type_text(app, name, now);
    press(app, KeyCode::Enter, now);
    walk(app).session.path().to_path_buf()
}

/// The community in the file at `path`, as loaded from disk.
pub fn on_disk(path: &Path) -> Community {
    let store = Store::open(path.parent().unwrap()).unwrap();
    store.load(path).unwrap().community().clone()
}

/// The examples in a fresh folder, the nurses' circle open in the walk, colour off and "today"
/// fixed (1 Dec 2026) so overdue steps and due follow-ups stay where the snapshots saw them.
pub fn nurses() -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in convene::samples::EXAMPLES {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let store = Store::open(dir.path())
        .unwrap()
        .with_recovery(convene::store::Recovery::in_dir(
            dir.path().join(".recovery"),
        ));
    let mut app = App::new(store, convene::guide::Guide::builtin());
    app.color = false;
    app.today = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    app.open(&dir.path().join("nurses-lunch-circle.toml"))
        .unwrap();
    (dir, app)
}
