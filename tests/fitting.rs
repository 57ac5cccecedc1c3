//! Nothing cut off: what does not fit the terminal ends in "…" and the rest is reachable. Each
//! screen is drawn into ratatui's `TestBackend` at 80×24 and 120×40 and read back as text.

use std::path::PathBuf;
use std::time::Instant;

use chrono::{NaiveDate, TimeZone, Utc};
use convene::guide::Guide;
use convene::store::Loaded;
use convene::tui::keymap::Context;
use convene::tui::model::home::Home;
use convene::tui::model::walk::Walk;
use convene::tui::model::{GuideSource, Model, Now, Screen};
use convene::tui::{Msg, update, view};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn now() -> Now {
    Now {
        at: Instant::now(),
        wall: Utc
            .with_ymd_and_hms(2026, 3, 4, 10, 0, 0)
            .unwrap()
            .fixed_offset(),
    }
}

fn model(screen: Screen, data_dir: &str) -> Model {
    let mut model = Model::new(
        Home::new(Vec::new()),
        GuideSource::Ready(Guide::builtin()),
        PathBuf::from(data_dir),
        NaiveDate::from_ymd_opt(2026, 3, 4).unwrap(),
        Instant::now(),
    );
    model.color = false;
    model.screen = screen;
    model
}

fn walk() -> Model {
    let text = "schema_version = 1\nname = \"Circle\"\ncreated = 2026-01-01T00:00:00Z\n\
                updated = 2026-01-01T00:00:00Z\n";
    let loaded = Loaded::from_text(PathBuf::from("/data/circle.toml"), text).unwrap();
    model(
        Screen::Walk(Box::new(Walk::new(loaded, Guide::builtin()))),
        "/data",
    )
}

fn key(model: &mut Model, code: KeyCode, modifiers: KeyModifiers) {
    update(model, Msg::Key(KeyEvent::new(code, modifiers)), now());
}

fn screen(model: &Model, (width, height): (u16, u16)) -> Vec<String> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| view::draw(frame, model)).unwrap();
    let buffer = terminal.backend().buffer();
    (0..height)
        .map(|y| (0..width).map(|x| buffer[(x, y)].symbol()).collect())
        .collect()
}

/// Words, with the box-drawing and padding around them taken away.
fn words(rows: &[String]) -> String {
    rows.iter()
        .map(|r| r.trim_matches(|c: char| c == '│' || c.is_whitespace()))
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn help_longer_than_the_terminal_scrolls_and_cuts_no_key_and_no_description() {
    for size in SIZES {
        let mut model = walk();
        // The people table: the walk's keys and the table's, the longest help there is.
        for _ in 0..5 {
            key(&mut model, KeyCode::Char('n'), KeyModifiers::CONTROL);
        }
        assert_eq!(model.context(), Context::Table);
        key(&mut model, KeyCode::F(1), KeyModifiers::NONE);
        let mut seen = String::new();
        let first = screen(&model, size);
        seen.push_str(&words(&first));
        // Where it fits (120×40) there is nothing to scroll, and ↓ would close it.
        while model.help_scroll.get() < model.help_overflow.get() {
            key(&mut model, KeyCode::Down, KeyModifiers::NONE);
            assert!(model.help.is_some(), "scrolling keeps help open");
            seen.push_str(&words(&screen(&model, size)));
        }
        for binding in model.prefs.keys.active(Context::Table) {
            assert!(
                seen.contains(binding.help),
                "{size:?}: {:?} is shown whole somewhere",
                binding.help
            );
        }
        if size == (80, 24) {
            assert!(
                first.iter().any(|r| r.contains("↓ more")),
                "help says there is more"
            );
            let end = screen(&model, size);
            assert!(end.iter().any(|r| r.contains("↑ back up")), "{end:#?}");
        }
        // Any other key closes it, and the next help starts at its top again.
        key(&mut model, KeyCode::Esc, KeyModifiers::NONE);
        assert!(model.help.is_none());
        key(&mut model, KeyCode::F(1), KeyModifiers::NONE);
        assert_eq!(model.help_scroll.get(), 0);
    }
}

#[test]
fn guidance_too_long_for_its_room_ends_in_an_ellipsis_and_ctrl_g_shows_it_whole() {
    let guide = Guide::builtin();
    let activities = guide
        .sections
        .iter()
        .flat_map(|s| &s.groups)
        .flat_map(|g| &g.questions)
        .find(|q| q.id == "activities")
        .expect("the activities question");
    let guidance: Vec<String> = activities
        .guidance
        .split_whitespace()
        .map(str::to_string)
        .collect();
    let mut model = walk();
    for _ in 0..6 {
        key(&mut model, KeyCode::Char('n'), KeyModifiers::CONTROL);
    }
    let shown = words(&screen(&model, (80, 24)));
    assert!(shown.contains("… Ctrl-G: all of it"), "{shown}");
    key(&mut model, KeyCode::Char('g'), KeyModifiers::CONTROL);
    let shown = words(&screen(&model, (80, 24)));
    let drawn: Vec<&str> = shown.split_whitespace().collect();
    let mut at = 0;
    for word in &guidance {
        let found = drawn[at..].iter().position(|w| w.ends_with(word.as_str()));
        assert!(
            found.is_some(),
            "{word:?} of the guidance is drawn: {shown}"
        );
        at += found.unwrap() + 1;
    }
    // Ctrl-G again hides it, and once more brings it back as it was.
    key(&mut model, KeyCode::Char('g'), KeyModifiers::CONTROL);
    assert!(words(&screen(&model, (80, 24))).contains("Guidance hidden"));
    key(&mut model, KeyCode::Char('g'), KeyModifiers::CONTROL);
    assert!(words(&screen(&model, (80, 24))).contains("… Ctrl-G: all of it"));
}

#[test]
fn a_long_data_folder_keeps_its_own_name_on_home_s_title_line() {
    let folder = "/tmp/un-dossier-partagé-avec-un-nom-assez-long-pour-déborder/communautés";
    let model = model(Screen::Home(Box::new(Home::new(Vec::new()))), folder);
    for size in SIZES {
        let title = screen(&model, size)[0].trim_end().to_string();
        assert!(title.ends_with("communautés"), "{title}");
        if size.0 == 80 {
            assert!(title.contains('…'), "{title}");
        }
    }
}

#[test]
fn the_next_step_under_home_s_list_keeps_its_due_date_and_owner_whole() {
    use convene::community::{NextStep, Progress};
    use convene::store::{Entry, Summary};
    let summary = Summary {
        path: PathBuf::from("/data/circle.toml"),
        name: "Circle".to_string(),
        progress: Progress {
            answered: 1,
            total: 82,
        },
        updated: Utc
            .with_ymd_and_hms(2026, 3, 1, 9, 0, 0)
            .unwrap()
            .fixed_offset(),
        read_only: false,
        next_step: Some(NextStep {
            step: "Attract a convening and hosting team for the community, with the sponsor's \
                   help and a word at the ward meeting"
                .to_string(),
            owner: "Helen Okafor".to_string(),
            due: NaiveDate::from_ymd_opt(2026, 2, 16).unwrap(),
        }),
        outside: None,
        open_by: None,
    };
    let model = model(
        Screen::Home(Box::new(Home::new(vec![Entry::Community(summary)]))),
        "/data",
    );
    for size in SIZES {
        let rows = screen(&model, size);
        let line = rows
            .iter()
            .find(|r| r.contains("Overdue:"))
            .expect("the overdue step is shown");
        assert!(
            line.trim_end()
                .ends_with("due Mon 16 Feb 2026 · Helen Okafor"),
            "{line}"
        );
        assert!(line.contains('…'), "the step gives way: {line}");
    }
}

#[test]
fn a_table_s_message_about_a_cell_wraps_whole_under_the_cell_line() {
    let text = "schema_version = 1\nname = \"Circle\"\ncreated = 2026-01-01T00:00:00Z\n\
                updated = 2026-01-01T00:00:00Z\n\n[[answers.momentum_plan]]\n\
                step = \"Draft the core statement\"\nowner = \"Maïté\"\ndue = \"1/12\"\n";
    let loaded = Loaded::from_text(PathBuf::from("/data/circle.toml"), text).unwrap();
    for size in SIZES {
        let mut model = model(
            Screen::Walk(Box::new(Walk::new(loaded.clone(), Guide::builtin()))),
            "/data",
        );
        while model.walk().unwrap().question().map(|q| q.id.as_str()) != Some("momentum_plan") {
            key(&mut model, KeyCode::Tab, KeyModifiers::NONE);
        }
        // To the due date, typed again as it was: the message says why it cannot be read.
        key(&mut model, KeyCode::Enter, KeyModifiers::NONE);
        key(&mut model, KeyCode::Enter, KeyModifiers::NONE);
        key(&mut model, KeyCode::Backspace, KeyModifiers::NONE);
        key(&mut model, KeyCode::Char('2'), KeyModifiers::NONE);
        key(&mut model, KeyCode::Enter, KeyModifiers::NONE);
        // The answer pane only: the sections list beside it is not part of the message.
        let pane: Vec<String> = screen(&model, size)
            .iter()
            .map(|r| {
                r.split_once('│')
                    .map_or(r.as_str(), |(_, rest)| rest)
                    .to_string()
            })
            .collect();
        let shown = words(&pane);
        let message = "\"1/12\" is ambiguous: it could be 1 Dec 2026 or 12 Jan 2027; write the \
                       month as a word, like 1 Dec, or use 2026-12-01";
        let drawn: Vec<&str> = shown.split_whitespace().collect();
        let wanted: Vec<&str> = message.split_whitespace().collect();
        assert!(
            drawn.windows(wanted.len()).any(|w| w == wanted.as_slice()),
            "{size:?}: the whole message is drawn: {shown}"
        );
        assert!(shown.contains("Row 1/1"), "the row count stays: {shown}");
    }
}

#[test]
fn the_question_of_whom_a_charter_is_for_fits_and_names_every_choice() {
    for size in SIZES {
        let mut model = walk();
        key(&mut model, KeyCode::Char('o'), KeyModifiers::CONTROL);
        assert_eq!(model.context(), Context::Audience);
        let rows = screen(&model, size);
        let shown = words(&rows);
        for says in [
            "Whom is the charter for?",
            "m members: what was agreed; no group notes, readiness comments, workshop notes or contacts",
            "s sponsor: adds the readiness comments and contacts",
            "f facilitator: everything the file holds",
            "Enter is for members; Esc writes nothing.",
        ] {
            let wanted: Vec<&str> = says.split_whitespace().collect();
            let drawn: Vec<&str> = shown.split_whitespace().collect();
            assert!(
                drawn.windows(wanted.len()).any(|w| w == wanted.as_slice()),
                "{size:?}: {says:?} in {rows:#?}"
            );
        }
        // The hint line offers the same keys.
        let hints = rows.last().unwrap();
        assert!(
            hints.contains("members") && hints.contains("cancel"),
            "{hints}"
        );
    }
}
