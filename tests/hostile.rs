//! Hostile files: whatever bytes a community file holds, loading it never panics, deep nesting
//! cannot exhaust the stack, and nothing from it reaches the terminal raw — checked on the bytes
//! the app actually writes, through crossterm, for every screen.

use std::fs;
use std::time::Instant;

use convene::community::{Answer, CommunityFile, Rating, RatingValue};
use convene::guide::Guide;
use convene::store::{Recovery, Store};
use convene::tui::view;
use convene::tui::{App, Msg};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn parsing_arbitrary_text_never_panics(text in any::<String>()) {
        let _ = CommunityFile::parse(&text);
        let _ = convene::community::check_text(&text, Guide::builtin());
    }

    #[test]
    fn parsing_tomlish_text_never_panics(
        lines in proptest::collection::vec(
            prop_oneof![
                Just("schema_version = 1".to_string()),
                Just("name = \"x\"".to_string()),
                Just("created = 2026-01-01T00:00:00Z".to_string()),
                Just("updated = \"2026-01-01T00:00:00Z\"".to_string()),
                Just("[answers]".to_string()),
                Just("[ratings.clear_group]".to_string()),
                Just("rating = \"yes\"".to_string()),
                Just("[notes]".to_string()),
                Just("[[answers.people]]".to_string()),
                "[a-z_]{1,8} = (\"[^\"\\\\]{0,8}\"|[0-9]{1,3}|\\[\\]|\\{\\}|true)",
                any::<String>(),
            ],
            0..12,
        )
    ) {
        let text = lines.join("\n");
        let _ = CommunityFile::parse(&text);
        let _ = convene::community::check_text(&text, Guide::builtin());
    }

    #[test]
    fn loading_arbitrary_bytes_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.toml");
        fs::write(&path, &bytes).unwrap();
        let store = Store::open(dir.path()).unwrap();
        let _ = store.load(&path);
        let _ = store.list(Guide::builtin()).unwrap();
    }
}

#[test]
fn deep_nesting_is_refused_without_exhausting_the_stack() {
    let depth = 200_000;
    for text in [
        format!(
            "schema_version = 1\na = {}{}",
            "[".repeat(depth),
            "]".repeat(depth)
        ),
        format!(
            "schema_version = 1\na = {}1{}",
            "{b = ".repeat(depth),
            "}".repeat(depth)
        ),
        format!("schema_version = 1\n{} = 1", vec!["a"; depth].join(".")),
    ] {
        // On a thread with the default 2 MiB stack (the app's own main thread has more): an
        // unbounded recursive parser would overflow long before 200,000 levels.
        let handle = std::thread::Builder::new()
            .stack_size(2 * 1024 * 1024)
            .spawn(move || CommunityFile::parse(&text).is_err())
            .unwrap();
        assert!(
            handle.join().expect("no stack overflow or panic"),
            "deep nesting is refused"
        );
    }
}

/// Text that would take over a terminal if drawn raw: an OSC title change ending in BEL, a
/// CSI clear screen, a C1 CSI, a bidi override, zero-width and invisible characters. Each place
/// gets its own tag so each screen can be checked for the text it should show.
fn hostile(tag: &str) -> String {
    format!("{tag}\u{1b}]0;PWNED\u{7}\u{1b}[2J\u{9b}31m\u{202e}gnp.exe\u{200b}\u{feff}\u{2066}end")
}

fn hostile_data_folder() -> tempfile::TempDir {
    let guide = Guide::builtin();
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let mut loaded = store.create(&hostile("Name"), guide).unwrap();
    let community = loaded.community_mut();
    let answer = format!("{}\nsecond line {}", hostile("Answer"), hostile("Answer"));
    community.set_answer("primary_purpose", Answer::Text(answer));
    community.set_note("purpose", hostile("Note"));
    community.set_rating(
        "domain_identity",
        Rating {
            value: Some(RatingValue::No),
            comment: hostile("Comment"),
        },
    );
    store.save(&mut loaded, guide).unwrap();
    // And a file that cannot be read, whose name and contents are hostile too.
    fs::write(
        dir.path().join("evil\u{1b}[2J\u{202e}.toml"),
        format!("name = [\"{}", hostile("File")),
    )
    .unwrap();
    dir
}

/// Everything the app writes to the terminal while drawing one frame of `app`.
fn bytes_drawn(app: &App, width: u16, height: u16) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let backend = CrosstermBackend::new(&mut out);
        let mut terminal = Terminal::with_options(
            backend,
            ratatui::TerminalOptions {
                viewport: ratatui::Viewport::Fixed(ratatui::layout::Rect::new(0, 0, width, height)),
            },
        )
        .unwrap();
        terminal.draw(|frame| view::draw(frame, app)).unwrap();
    }
    out
}

fn assert_inert(bytes: &[u8], screen: &str, tag: &str) {
    let text = String::from_utf8_lossy(bytes);
    assert!(
        !text.contains("\u{1b}]"),
        "{screen}: an OSC sequence reached the terminal"
    );
    assert!(
        !text.contains("\u{1b}[2J"),
        "{screen}: a clear-screen sequence reached the terminal"
    );
    assert!(
        !text.contains('\u{7}'),
        "{screen}: BEL reached the terminal"
    );
    for c in ['\u{9b}', '\u{202e}', '\u{200b}', '\u{feff}', '\u{2066}'] {
        assert!(!text.contains(c), "{screen}: {c:?} reached the terminal");
    }
    assert!(
        text.contains("PWNED"),
        "{screen}: the hostile text is shown, neutralised"
    );
    // Neutralised visibly, so the facilitator can see something odd is in the file. (ratatui
    // itself drops zero-width and control characters from cells; convene's markers are what
    // make them visible rather than silently gone.)
    let visible: String = convene::text::sanitize_line(&hostile(tag))
        .chars()
        .take(24)
        .collect();
    assert!(
        text.contains(&visible),
        "{screen}: the hazards are shown as visible markers ({visible})"
    );
}

fn press(app: &mut App, code: KeyCode, modifiers: KeyModifiers) {
    app.update(Msg::Key(KeyEvent::new(code, modifiers)), Instant::now());
}

#[test]
fn no_screen_draws_hostile_text_raw() {
    let dir = hostile_data_folder();
    let store = Store::open(dir.path())
        .unwrap()
        .with_recovery(Recovery::in_dir(dir.path().join(".recovery")));
    let mut app = App::new(store, Guide::builtin());
    for (width, height) in [(80, 24), (120, 40)] {
        assert_inert(&bytes_drawn(&app, width, height), "home", "Name");
    }
    // The unreadable file is listed after the community; select it too.
    press(&mut app, KeyCode::Down, KeyModifiers::NONE);
    assert_inert(
        &bytes_drawn(&app, 100, 30),
        "home, unreadable selected",
        "Name",
    );
    press(&mut app, KeyCode::Up, KeyModifiers::NONE);
    press(&mut app, KeyCode::Char('r'), KeyModifiers::NONE);
    assert_inert(&bytes_drawn(&app, 100, 30), "rename prompt", "Name");
    press(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    press(&mut app, KeyCode::Delete, KeyModifiers::NONE);
    assert_inert(&bytes_drawn(&app, 100, 30), "delete prompt", "Name");
    press(&mut app, KeyCode::Esc, KeyModifiers::NONE);

    press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert_inert(&bytes_drawn(&app, 100, 30), "walk, text answer", "Answer");
    for _ in 0..3 {
        press(&mut app, KeyCode::Tab, KeyModifiers::NONE);
    }
    assert_inert(&bytes_drawn(&app, 100, 30), "walk, notes", "Note");
    press(&mut app, KeyCode::Char('n'), KeyModifiers::CONTROL);
    press(&mut app, KeyCode::Char('n'), KeyModifiers::CONTROL);
    assert_inert(
        &bytes_drawn(&app, 100, 30),
        "walk, rating with comment",
        "Comment",
    );
    press(&mut app, KeyCode::F(1), KeyModifiers::NONE);
    let help = bytes_drawn(&app, 100, 30);
    let help_text = String::from_utf8_lossy(&help);
    assert!(
        !help_text.contains('\u{202e}') && !help_text.contains('\u{7}'),
        "help"
    );
}

#[test]
fn the_recovery_offer_and_its_messages_show_hostile_names_inert() {
    let dir = hostile_data_folder();
    let recovery = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path())
        .unwrap()
        .with_recovery(Recovery::in_dir(recovery.path()));
    let guide = Guide::builtin();
    let path = store
        .list(guide)
        .unwrap()
        .iter()
        .find_map(|e| match e {
            convene::store::Entry::Community(s) => Some(s.path.clone()),
            _ => None,
        })
        .unwrap();
    let mut loaded = store.load(&path).unwrap();
    loaded
        .community_mut()
        .set_answer("specific_needs", Answer::Text("more".into()));
    store.keep(&mut loaded, guide).unwrap();

    let mut app = App::new(store, guide);
    assert!(app.recovery_waiting());
    assert_inert(&bytes_drawn(&app, 80, 24), "recovery offer", "Name");
    press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert!(
        app.status.text.starts_with("Restored"),
        "{}",
        app.status.text
    );
    assert_inert(&bytes_drawn(&app, 80, 24), "restored status", "Name");
}

/// A table answer whose every cell, an own activity, a cadence and a next meeting that cannot be
/// read carry hostile text: each editor, the follow-ups view, the presenter view and home's next
/// step must show them inert.
#[test]
fn the_community_life_editors_show_hostile_cells_inert() {
    use convene::community::{Record, Scalar};
    let guide = Guide::builtin();
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let mut loaded = store.create("Harbour pilots", guide).unwrap();
    let community = loaded.community_mut();
    let row = |pairs: &[(&str, String)]| -> Record {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_string(), Scalar::Text(v.clone())))
            .collect()
    };
    let cell = || hostile("Cell");
    community.set_answer(
        "people",
        Answer::Records(vec![row(&[
            ("name", cell()),
            ("role", cell()),
            ("participation", cell()),
            ("contact", cell()),
            ("note", cell()),
        ])]),
    );
    community.set_answer(
        "momentum_plan",
        Answer::Records(vec![row(&[
            ("step", cell()),
            ("owner", cell()),
            ("due", "2026-11-01".into()),
            ("status", cell()),
        ])]),
    );
    community.set_answer(
        "learning_log",
        Answer::Records(vec![row(&[
            ("date", cell()),
            ("problem", cell()),
            ("advice", cell()),
            ("follow_up", "2026-11-01".into()),
        ])]),
    );
    community.set_answer("activities", Answer::Items(vec![cell()]));
    community.set_answer("cadence", Answer::Text(cell()));
    community.set_answer("next_meeting", Answer::Text(cell()));
    store.save(&mut loaded, guide).unwrap();
    let path = loaded.path.clone();

    let store = Store::open(dir.path())
        .unwrap()
        .with_recovery(Recovery::in_dir(dir.path().join(".recovery")));
    let mut app = App::new(store, guide);
    assert_inert(
        &bytes_drawn(&app, 100, 30),
        "home with a hostile next step",
        "Cell",
    );
    app.open(&path).unwrap();
    let convene::tui::Screen::Walk(walk) = &mut app.screen else {
        panic!("not in the walk")
    };
    let stops: Vec<(usize, String)> = (0..walk.fields.len())
        .filter_map(|i| {
            let f = walk.fields[i];
            let q = &walk.guide.sections[f.section].groups[f.group];
            match f.slot {
                convene::tui::model::walk::Slot::Question(n) => {
                    Some((i, q.questions[n].id.clone()))
                }
                convene::tui::model::walk::Slot::FollowUps(_) => Some((i, "follow-ups".into())),
                _ => None,
            }
        })
        .filter(|(_, id)| {
            [
                "people",
                "momentum_plan",
                "learning_log",
                "follow-ups",
                "activities",
                "cadence",
            ]
            .contains(&id.as_str())
        })
        .collect();
    assert_eq!(stops.len(), 6);
    for (at, id) in stops {
        let convene::tui::Screen::Walk(walk) = &mut app.screen else {
            panic!()
        };
        walk.go_to(at, convene::tui::runtime::now(std::time::Instant::now()));
        for (width, height) in [(80, 24), (120, 40)] {
            assert_inert(&bytes_drawn(&app, width, height), &id, "Cell");
        }
    }
    // The next meeting's unreadable words are named in the reading under the date.
    let convene::tui::Screen::Walk(walk) = &mut app.screen else {
        panic!()
    };
    let next = (0..walk.fields.len())
        .find(|&i| {
            let f = walk.fields[i];
            f.question().is_some_and(|q| {
                walk.guide.sections[f.section].groups[f.group].questions[q].id == "next_meeting"
            })
        })
        .unwrap();
    walk.go_to(next, convene::tui::runtime::now(std::time::Instant::now()));
    let drawn = bytes_drawn(&app, 100, 30);
    let text = String::from_utf8_lossy(&drawn);
    assert!(
        !text.contains('\u{7}') && !text.contains("\u{1b}]"),
        "date reading"
    );
    // And the presenter view of a question, with the timebox out.
    press(&mut app, KeyCode::F(5), KeyModifiers::NONE);
    press(&mut app, KeyCode::F(6), KeyModifiers::NONE);
    let drawn = bytes_drawn(&app, 80, 24);
    let text = String::from_utf8_lossy(&drawn);
    assert!(
        !text.contains('\u{7}') && !text.contains("\u{1b}]"),
        "presenter"
    );
}
