//! Home asks before it creates or renames a community to a name another community already has —
//! exactly, in another case, or composed differently — and does nothing unless told `y`.

mod common;

use std::path::Path;
use std::time::Instant;

use convene::guide::Guide;
use convene::store::{Entry, Recovery, Store};
use convene::tui::model::home::Prompt;
use convene::tui::{App, Screen};
use crossterm::event::KeyCode;

use common::drive::{press, type_text};

fn app(dir: &Path) -> App {
    let store = Store::open(dir)
        .unwrap()
        .with_recovery(Recovery::in_dir(dir.join(".recovery")));
    App::new(store, Guide::builtin())
}

fn names(app: &App) -> Vec<String> {
    let Screen::Home(home) = &app.screen else {
        panic!("expected home, status: {:?}", app.status)
    };
    home.entries
        .iter()
        .filter_map(|e| match e {
            Entry::Community(s) => Some(s.name.clone()),
            Entry::Unreadable { .. } => None,
        })
        .collect()
}

fn prompt(app: &App) -> Option<Prompt> {
    match &app.screen {
        Screen::Home(home) => home.prompt.clone(),
        _ => None,
    }
}

fn drawn(app: &App) -> String {
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 24)).unwrap();
    terminal
        .draw(|frame| convene::tui::view::draw(frame, app))
        .unwrap();
    let text = terminal.backend().to_string();
    // The prompt box wraps; read it as one line (each row is quoted by the test backend).
    text.split('\n')
        .map(|l| {
            let row = l.trim().strip_prefix('"').unwrap_or(l);
            let row = row.strip_suffix('"').unwrap_or(row);
            row.trim_matches(|c: char| c == '│' || c.is_whitespace())
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn a_new_name_that_exists_is_asked_about_and_refused_by_default() {
    let dir = tempfile::tempdir().unwrap();
    Store::open(dir.path())
        .unwrap()
        .create("Caf\u{e9} Zo\u{eb}", Guide::builtin())
        .unwrap();
    let mut app = app(dir.path());
    let now = Instant::now();

    for same in [
        "Caf\u{e9} Zo\u{eb}",
        "caf\u{e9} zo\u{eb}",
        "Cafe\u{301} Zoe\u{308}",
    ] {
        press(&mut app, KeyCode::Char('n'), now);
        type_text(&mut app, same, now);
        press(&mut app, KeyCode::Enter, now);
        assert!(
            matches!(
                prompt(&app),
                Some(Prompt::ConfirmSameName {
                    renaming: false,
                    ..
                })
            ),
            "{same}: {:?}",
            prompt(&app)
        );
        let screen = drawn(&app);
        assert!(
            screen.contains("A community called \"Café Zoë\" already exists (file cafe-zoe.toml)")
                && screen.contains("Create another? y/N"),
            "{screen}"
        );
        // Anything but y: nothing is created.
        press(&mut app, KeyCode::Enter, now);
        assert_eq!(prompt(&app), None);
        assert_eq!(app.status.text, "Not created");
        assert_eq!(names(&app).len(), 1);
    }

    press(&mut app, KeyCode::Char('n'), now);
    type_text(&mut app, "CAF\u{c9} ZO\u{cb}", now);
    press(&mut app, KeyCode::Enter, now);
    press(&mut app, KeyCode::Char('y'), now);
    let Screen::Walk(walk) = &app.screen else {
        panic!("y creates it and opens it: {:?}", app.status)
    };
    assert!(walk.session.path().ends_with("cafe-zoe-2.toml"));

    // A name no one has is created at once.
    press(&mut app, KeyCode::Esc, now);
    press(&mut app, KeyCode::Char('n'), now);
    type_text(&mut app, "Harbour pilots", now);
    press(&mut app, KeyCode::Enter, now);
    assert!(matches!(app.screen, Screen::Walk(_)), "{:?}", app.status);
}

#[test]
fn a_rename_to_a_name_that_exists_is_asked_about_but_not_its_own_name() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    store.create("Ferry crews", Guide::builtin()).unwrap();
    store.create("Harbour pilots", Guide::builtin()).unwrap();
    let mut app = app(dir.path());
    let now = Instant::now();
    let rename = |app: &mut App, to: &str| {
        press(app, KeyCode::Char('r'), now);
        let Some(Prompt::Rename(old)) = prompt(app) else {
            panic!("no rename prompt")
        };
        for _ in old.text().chars() {
            press(app, KeyCode::Backspace, now);
        }
        type_text(app, to, now);
        press(app, KeyCode::Enter, now);
    };
    // The list is sorted by name: Ferry crews is selected.
    assert_eq!(names(&app)[0], "Ferry crews");

    // Its own name in another case: no question.
    rename(&mut app, "Ferry Crews");
    assert_eq!(prompt(&app), None);
    assert_eq!(
        app.status.text, "Renamed (the file is ferry-crews.toml)",
        "the same slug: the file keeps its name"
    );

    rename(&mut app, "HARBOUR PILOTS");
    assert!(matches!(
        prompt(&app),
        Some(Prompt::ConfirmSameName { renaming: true, .. })
    ));
    let screen = drawn(&app);
    assert!(
        screen.contains("A community called \"Harbour pilots\" already exists")
            && screen.contains("Rename this one to \"HARBOUR PILOTS\" all the same? y/N"),
        "{screen}"
    );
    press(&mut app, KeyCode::Char('n'), now);
    assert_eq!(app.status.text, "Not renamed");
    assert!(names(&app).contains(&"Ferry Crews".to_string()));

    let pilots = std::fs::read(dir.path().join("harbour-pilots.toml")).unwrap();
    rename(&mut app, "HARBOUR PILOTS");
    press(&mut app, KeyCode::Char('y'), now);
    // The file is renamed too, never over the other community's file.
    assert_eq!(
        app.status.text,
        "Renamed (the file is harbour-pilots-2.toml)"
    );
    let mut now_named = names(&app);
    now_named.sort();
    assert_eq!(now_named, ["HARBOUR PILOTS", "Harbour pilots"]);
    let mut files: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|f| f.ends_with(".toml"))
        .collect();
    files.sort();
    assert_eq!(files, ["harbour-pilots-2.toml", "harbour-pilots.toml"]);
    assert_eq!(
        std::fs::read(dir.path().join("harbour-pilots.toml")).unwrap(),
        pilots,
        "the other community's file is untouched"
    );
    let renamed = store
        .load(&dir.path().join("harbour-pilots-2.toml"))
        .unwrap();
    assert_eq!(renamed.community().name, "HARBOUR PILOTS");
}

/// A rename writes the new file first and removes the old one only if it is still what was
/// loaded: a change made to it meanwhile is never lost, and no half-renamed pair is left.
#[test]
fn a_rename_never_loses_a_change_made_to_the_file_meanwhile() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let guide = Guide::builtin();
    let created = store.create("Ferry crews", guide).unwrap();
    let mut loaded = store.load(&created.path).unwrap();
    let theirs = std::fs::read_to_string(&created.path).unwrap().replace(
        "name = \"Ferry crews\"",
        "name = \"Ferry crews\"\n# edited meanwhile",
    );
    std::fs::write(&created.path, &theirs).unwrap();
    let err = store
        .rename(&mut loaded, "River pilots", guide)
        .unwrap_err();
    assert!(err.to_string().contains("changed by someone else"), "{err}");
    assert_eq!(std::fs::read_to_string(&created.path).unwrap(), theirs);
    assert!(
        !dir.path().join("river-pilots.toml").exists(),
        "no new file left"
    );
    // Unchanged, it goes through: one file, with the new name inside and outside.
    let mut loaded = store.load(&created.path).unwrap();
    store.rename(&mut loaded, "River pilots", guide).unwrap();
    assert_eq!(loaded.path, dir.path().join("river-pilots.toml"));
    assert!(!created.path.exists());
    let text = std::fs::read_to_string(&loaded.path).unwrap();
    assert!(text.contains("name = \"River pilots\"") && text.contains("# edited meanwhile"));
}
