//! The app's behaviour, driven through `App::update` exactly as the event loop drives it: keys,
//! pastes, clicks and the autosave tick go in; the state, the status line and the files on disk
//! are checked.

mod common;

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use convene::community::{Answer, RatingValue};
use convene::guide::Guide;
use convene::store::{Entry, Recovery, Store};
use convene::tui::effects::Effect;
use convene::tui::model::walk::AUTOSAVE_DELAY;
use convene::tui::{App, Msg, Screen};
use crossterm::event::{KeyCode, KeyModifiers};

use common::drive::{create, ctrl, on_disk, press, type_text, walk};

fn app(dir: &Path) -> App {
    // Recovery copies in a folder of the test's own, never the real home.
    let store = Store::open(dir)
        .unwrap()
        .with_recovery(Recovery::in_dir(dir.join(".recovery")));
    App::new(store, Guide::builtin())
}

#[test]
fn a_name_is_edited_where_the_caret_is_not_only_at_its_end() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    let now = Instant::now();
    press(&mut app, KeyCode::Char('n'), now);
    type_text(&mut app, "Nurses circle", now);
    for _ in 0.."circle".len() {
        press(&mut app, KeyCode::Left, now);
    }
    type_text(&mut app, "lunch ", now);
    // Ctrl-W takes the word before the caret, End goes back to the end.
    ctrl(&mut app, 'w', now);
    type_text(&mut app, "lunch ", now);
    press(&mut app, KeyCode::End, now);
    type_text(&mut app, "s", now);
    press(&mut app, KeyCode::Enter, now);
    assert_eq!(walk(&app).session.community().name, "Nurses lunch circles");
}

#[test]
fn while_home_asks_something_its_keys_are_the_prompts_and_the_hints_say_so() {
    use convene::tui::keymap::Command;
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    let now = Instant::now();
    let hinted = |app: &App| -> Vec<Command> {
        app.prefs
            .keys
            .hints(app.context())
            .map(|b| b.command)
            .collect()
    };
    assert!(hinted(&app).contains(&Command::New));
    press(&mut app, KeyCode::Char('n'), now);
    let keys = hinted(&app);
    assert!(
        keys.contains(&Command::Confirm) && keys.contains(&Command::Back),
        "{keys:?}"
    );
    assert!(
        !keys.contains(&Command::New),
        "home's keys are not offered over the prompt"
    );
    // F1 works over the prompt too, and help lists the prompt's keys; the name is kept.
    type_text(&mut app, "Ward", now);
    press(&mut app, KeyCode::F(1), now);
    assert!(app.help.is_some());
    press(&mut app, KeyCode::Esc, now);
    assert!(app.help.is_none());
    type_text(&mut app, " circle", now);
    press(&mut app, KeyCode::Enter, now);
    assert_eq!(walk(&app).session.community().name, "Ward circle");
}

#[test]
fn a_new_community_is_created_from_home_and_opens_in_the_walk() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    let now = Instant::now();
    let path = create(&mut app, "Zoë's ward circle", now);
    assert_eq!(path, dir.path().join("zoe-s-ward-circle.toml"));
    assert_eq!(on_disk(&path).name, "Zoë's ward circle");
    let walk = walk(&app);
    assert_eq!(walk.question().unwrap().id, "primary_purpose");
    assert_eq!(walk.question_position(), (1, 8));
}

#[test]
fn typing_goes_into_the_answer_and_tab_saves_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    let now = Instant::now();
    let path = create(&mut app, "Circle", now);
    type_text(
        &mut app,
        "Learn from each other's cases\nat lunch — 看護 🙂",
        now,
    );
    assert_eq!(
        walk(&app).editor_text(),
        "Learn from each other's cases\nat lunch — 看護 🙂"
    );
    press(&mut app, KeyCode::Tab, now);
    assert_eq!(walk(&app).question().unwrap().id, "specific_needs");
    assert_eq!(
        on_disk(&path).answers.get("primary_purpose"),
        Some(&Answer::Text(
            "Learn from each other's cases\nat lunch — 看護 🙂".into()
        ))
    );
    assert!(app.status.text.starts_with("Saved at"), "{:?}", app.status);

    press(&mut app, KeyCode::BackTab, now);
    assert_eq!(walk(&app).question().unwrap().id, "primary_purpose");
    assert!(
        walk(&app).editor_text().ends_with("🙂"),
        "the answer is shown again"
    );
}

#[test]
fn a_paste_lands_whole_with_its_line_breaks() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    let now = Instant::now();
    let path = create(&mut app, "Paste", now);
    type_text(&mut app, "Before: ", now);
    app.update(Msg::Paste("one\r\ntwo\rthree\nfour".into()), now);
    ctrl(&mut app, 's', now);
    assert_eq!(
        on_disk(&path).answers.get("primary_purpose"),
        Some(&Answer::Text("Before: one\ntwo\nthree\nfour".into()))
    );
}

#[test]
fn undo_and_redo_work_on_the_answer() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    let now = Instant::now();
    create(&mut app, "Undo", now);
    app.update(Msg::Paste("kept".into()), now);
    app.update(Msg::Paste(" dropped".into()), now);
    ctrl(&mut app, 'z', now);
    assert_eq!(walk(&app).editor_text(), "kept");
    ctrl(&mut app, 'y', now);
    assert_eq!(walk(&app).editor_text(), "kept dropped");
}

#[test]
fn sections_are_reached_with_ctrl_n_and_ctrl_p() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    let now = Instant::now();
    create(&mut app, "Sections", now);
    ctrl(&mut app, 'n', now);
    assert_eq!(walk(&app).section().id, "foundations");
    ctrl(&mut app, 'n', now);
    assert_eq!(walk(&app).section().id, "readiness");
    assert_eq!(walk(&app).question().unwrap().id, "domain_identity");
    press(&mut app, KeyCode::Tab, now);
    ctrl(&mut app, 'p', now);
    assert_eq!(
        walk(&app).section().id,
        "foundations",
        "the previous section, as help says, from anywhere in this one"
    );
    let start = walk(&app).fields.iter().position(|f| f.section == 1);
    assert_eq!(Some(walk(&app).current), start, "at its start");
}

#[test]
fn a_statement_is_rated_with_digits_or_arrows_and_commented() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    let now = Instant::now();
    let path = create(&mut app, "Ratings", now);
    ctrl(&mut app, 'n', now);
    ctrl(&mut app, 'n', now);
    press(&mut app, KeyCode::Char('3'), now);
    assert_eq!(walk(&app).rating(), Some(RatingValue::No));
    press(&mut app, KeyCode::Left, now);
    assert_eq!(walk(&app).rating(), Some(RatingValue::Partly));
    type_text(&mut app, "Most of us, 2 or 3 aside", now);
    assert_eq!(
        walk(&app).rating(),
        Some(RatingValue::Partly),
        "digits in a comment are text"
    );
    press(&mut app, KeyCode::Tab, now);
    let rating = on_disk(&path).ratings["domain_identity"].clone();
    assert_eq!(rating.value, Some(RatingValue::Partly));
    assert_eq!(rating.comment, "Most of us, 2 or 3 aside");
}

#[test]
fn autosave_comes_soon_after_the_first_change_and_keeps_coming_while_typing() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    let start = Instant::now();
    let path = create(&mut app, "Autosave", start);
    assert_eq!(app.deadline(), None, "nothing to save: no wake-ups");

    type_text(&mut app, "a", start);
    assert_eq!(app.deadline(), Some(start + AUTOSAVE_DELAY));
    // Typing on: more keys do not push the save back.
    let half = start + AUTOSAVE_DELAY / 2;
    type_text(&mut app, "b", half);
    assert_eq!(app.deadline(), Some(start + AUTOSAVE_DELAY));
    app.update(Msg::Tick, start + AUTOSAVE_DELAY - Duration::from_millis(1));
    assert!(on_disk(&path).answers.is_empty(), "not yet");
    app.update(Msg::Tick, start + AUTOSAVE_DELAY);
    assert!(
        matches!(on_disk(&path).answers.get("primary_purpose"), Some(Answer::Text(t)) if t == "ab")
    );
    assert_eq!(app.deadline(), None, "saved: no more wake-ups");

    // The next key starts the clock again.
    let later = start + AUTOSAVE_DELAY * 3;
    type_text(&mut app, "c", later);
    assert_eq!(app.deadline(), Some(later + AUTOSAVE_DELAY));
    app.update(Msg::Tick, later + AUTOSAVE_DELAY);
    assert!(
        matches!(on_disk(&path).answers.get("primary_purpose"), Some(Answer::Text(t)) if t == "abc")
    );
}

#[test]
fn quit_and_stop_save_first() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    let now = Instant::now();
    let path = create(&mut app, "Quit", now);
    type_text(&mut app, "typed just before quitting", now);
    assert!(matches!(ctrl(&mut app, 'q', now), Some(Effect::Quit)));
    assert!(on_disk(&path).answers.contains_key("primary_purpose"));
    // Gone, as the process is after a quit: it no longer has the community open.
    drop(app);

    let mut app = self::app(dir.path());
    press(&mut app, KeyCode::Enter, now);
    press(&mut app, KeyCode::Tab, now);
    type_text(&mut app, "typed before SIGTERM", now);
    assert!(matches!(app.update(Msg::Stop, now), Some(Effect::Quit)));
    assert!(on_disk(&path).answers.contains_key("specific_needs"));
}

#[test]
fn esc_goes_home_where_progress_shows() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    let now = Instant::now();
    create(&mut app, "Progress", now);
    type_text(&mut app, "answered", now);
    press(&mut app, KeyCode::Esc, now);
    let Screen::Home(home) = &app.screen else {
        panic!("expected home")
    };
    let Some(Entry::Community(summary)) = home.selected_entry() else {
        panic!("a community")
    };
    assert_eq!(summary.name, "Progress");
    assert_eq!(summary.progress.answered, 1);
}

#[test]
fn help_opens_with_f1_and_any_key_closes_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    let now = Instant::now();
    press(&mut app, KeyCode::F(1), now);
    assert!(app.help.is_some());
    press(&mut app, KeyCode::Char('x'), now);
    assert!(app.help.is_none());
    let Screen::Home(home) = &app.screen else {
        panic!("expected home")
    };
    assert!(home.prompt.is_none(), "the closing key did nothing else");
}

#[test]
fn home_filters_renames_duplicates_and_trashes() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    let now = Instant::now();
    press(&mut app, KeyCode::Char('e'), now);
    let Screen::Home(home) = &app.screen else {
        panic!("expected home")
    };
    assert_eq!(
        home.entries.len(),
        6,
        "the six example communities were added"
    );
    assert_eq!(home.groups.len(), 1, "and the SIPS constellation");

    press(&mut app, KeyCode::Char('/'), now);
    type_text(&mut app, "sips constellation", now);
    press(&mut app, KeyCode::Enter, now);
    let Screen::Home(home) = &app.screen else {
        panic!()
    };
    assert_eq!(home.visible().len(), 1);
    // The constellation's line comes first; the community is under it.
    assert_eq!(home.rows().len(), 2);
    press(&mut app, KeyCode::Down, now);

    press(&mut app, KeyCode::Char('d'), now);
    press(&mut app, KeyCode::Char('r'), now);
    for _ in 0.."SIPS constellation (copy)".chars().count() {
        press(&mut app, KeyCode::Backspace, now);
    }
    type_text(&mut app, "SIPS — welfare & housing", now);
    press(&mut app, KeyCode::Enter, now);
    press(&mut app, KeyCode::Esc, now);
    let Screen::Home(home) = &app.screen else {
        panic!()
    };
    let names: Vec<String> = home
        .entries
        .iter()
        .filter_map(|e| match e {
            Entry::Community(s) => Some(s.name.clone()),
            Entry::Unreadable { .. } => None,
        })
        .collect();
    assert!(
        names.contains(&"SIPS — welfare & housing".to_string()),
        "{names:?}"
    );
    assert_eq!(names.len(), 7);

    press(&mut app, KeyCode::Delete, now);
    // The question names the community and its file, and fits the screen.
    let Screen::Home(home) = &app.screen else {
        panic!()
    };
    let Some(Entry::Community(selected)) = home.selected_entry() else {
        panic!("a community is selected")
    };
    let file = selected
        .path
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    let shown = draw(&app, 80, 24);
    assert!(shown.contains(&format!("({file})")), "{shown}");
    assert!(
        shown.contains("any other key = no"),
        "not cut off:\n{shown}"
    );
    press(&mut app, KeyCode::Char('y'), now);
    let trash: Vec<_> = fs::read_dir(dir.path().join("trash")).unwrap().collect();
    assert_eq!(trash.len(), 1, "moved to the trash folder, not deleted");
    let Screen::Home(home) = &app.screen else {
        panic!()
    };
    assert_eq!(home.entries.len(), 6);
}

#[test]
fn an_unreadable_file_is_listed_and_cannot_be_opened() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.toml");
    fs::write(&broken, "name = [").unwrap();
    let mut app = app(dir.path());
    press(&mut app, KeyCode::Enter, Instant::now());
    assert!(matches!(app.screen, Screen::Home(_)));
    assert!(
        app.status.error && app.status.text.contains("Cannot open"),
        "{:?}",
        app.status
    );
    assert_eq!(fs::read_to_string(&broken).unwrap(), "name = [");
}

#[test]
fn a_file_from_a_newer_convene_is_shown_but_never_written() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.toml");
    let text = "schema_version = 2\nname = \"Future\"\ncreated = 2030-01-01T00:00:00Z\nupdated = 2030-01-01T00:00:00Z\n";
    fs::write(&path, text).unwrap();
    let mut app = app(dir.path());
    app.open(&path).unwrap();
    let now = Instant::now();
    type_text(&mut app, "ignored", now);
    assert_eq!(walk(&app).editor_text(), "");
    assert!(
        app.status.text.contains("newer convene"),
        "{:?}",
        app.status
    );
    assert!(matches!(ctrl(&mut app, 'q', now), Some(Effect::Quit)));
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
}

/// Draws the app once, as the loop does before waiting, so clicks have targets.
fn draw(app: &App, width: u16, height: u16) -> String {
    let mut terminal =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| convene::tui::view::draw(frame, app))
        .unwrap();
    terminal.backend().to_string()
}

fn click_on(app: &mut App, screen: &str, text: &str) {
    let (row, line) = screen
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains(text))
        .unwrap_or_else(|| panic!("{text} is not on screen:\n{screen}"));
    // Each line of the TestBackend's text starts with a quote.
    let col = line[..line.find(text).unwrap()].chars().count() - 1;
    let mouse = crossterm::event::MouseEvent {
        kind: crossterm::event::MouseEventKind::Down(crossterm::event::MouseButton::Left),
        column: col as u16,
        row: row as u16,
        modifiers: KeyModifiers::NONE,
    };
    app.update(Msg::Mouse(mouse), Instant::now());
}

#[test]
fn clicks_reach_sections_and_questions() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    let now = Instant::now();
    create(&mut app, "Clicks", now);
    let screen = draw(&app, 100, 30);
    click_on(&mut app, &screen, "Vision");
    assert_eq!(walk(&app).section().id, "vision");
    let screen = draw(&app, 100, 30);
    let third = &walk(&app).section().groups[0].questions[2];
    click_on(&mut app, &screen, &third.prompt[..12]);
    assert_eq!(walk(&app).question().unwrap().id, third.id);
}

#[test]
fn the_summary_cannot_be_typed_into() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    let now = Instant::now();
    let path = create(&mut app, "Summary", now);
    for _ in 0..3 {
        ctrl(&mut app, 'n', now);
    }
    press(&mut app, KeyCode::BackTab, now);
    assert!(walk(&app).is_summary());
    type_text(&mut app, "nothing", now);
    app.update(Msg::Paste("nor this".into()), now);
    ctrl(&mut app, 's', now);
    let community = on_disk(&path);
    assert!(
        community.answers.is_empty() && community.notes.is_empty() && community.ratings.is_empty()
    );
}

#[test]
fn the_charter_is_exported_from_the_walk_and_from_home() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    let now = Instant::now();
    create(&mut app, "Export me", now);
    type_text(&mut app, "Typed and exported <b>at once</b>", now);
    ctrl(&mut app, 'o', now);
    // Whom it is for is asked first: the members' charter is the community's own file name.
    press(&mut app, KeyCode::Char('m'), now);
    assert!(
        app.status.text.starts_with("Charter written to"),
        "{:?}",
        app.status
    );
    let exports = dir.path().join("exports");
    let markdown = fs::read_to_string(exports.join("export-me.md")).unwrap();
    assert!(
        markdown.contains("Typed and exported \\<b>at once\\</b>"),
        "{markdown}"
    );
    let html = fs::read_to_string(exports.join("export-me.html")).unwrap();
    assert!(html.contains("Typed and exported &lt;b&gt;at once&lt;/b&gt;"));
    assert!(exports.join("export-me.json").is_file());
    // The others are named for whom they are, and never replace the members' one.
    ctrl(&mut app, 'o', now);
    press(&mut app, KeyCode::Char('f'), now);
    assert!(exports.join("export-me.facilitator.md").is_file());
    ctrl(&mut app, 'o', now);
    press(&mut app, KeyCode::Char('s'), now);
    assert!(exports.join("export-me.sponsor.html").is_file());
    assert_eq!(
        fs::read_to_string(exports.join("export-me.md")).unwrap(),
        markdown
    );

    press(&mut app, KeyCode::Esc, now);
    fs::remove_dir_all(&exports).unwrap();
    press(&mut app, KeyCode::Char('x'), now);
    press(&mut app, KeyCode::Enter, now);
    assert!(exports.join("export-me.html").is_file(), "{:?}", app.status);
    let Screen::Home(home) = &app.screen else {
        panic!()
    };
    assert_eq!(
        home.entries.len(),
        1,
        "exports are not listed as communities"
    );
}

#[test]
fn the_core_statement_starts_as_a_draft_and_is_kept_once_edited() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    let now = Instant::now();
    let path = create(&mut app, "Drafts", now);
    type_text(&mut app, "Swap cases over lunch", now);
    for _ in 0..4 {
        ctrl(&mut app, 'n', now);
    }
    assert_eq!(walk(&app).question().unwrap().id, "core_statement");
    assert!(walk(&app).is_draft());
    assert_eq!(
        walk(&app).editor_text(),
        "Drafts is a community of practice. Our purpose: Swap cases over lunch."
    );
    press(&mut app, KeyCode::Tab, now);
    assert!(
        !on_disk(&path).answers.contains_key("core_statement"),
        "an untouched draft is not saved"
    );

    press(&mut app, KeyCode::BackTab, now);
    type_text(&mut app, " Everyone welcome.", now);
    assert!(!walk(&app).is_draft());
    press(&mut app, KeyCode::Tab, now);
    assert_eq!(
        on_disk(&path).answers.get("core_statement"),
        Some(&Answer::Text(
            "Drafts is a community of practice. Our purpose: Swap cases over lunch. Everyone welcome.".into()
        ))
    );
}

#[test]
fn progress_counts_the_answer_being_typed() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    let now = Instant::now();
    create(&mut app, "Live progress", now);
    assert_eq!(walk(&app).progress().0, 0);
    type_text(&mut app, "a", now);
    assert_eq!(walk(&app).progress().0, 1, "counted before it is saved");
    assert_eq!(walk(&app).section_progress(0).0, 1);
    press(&mut app, KeyCode::Backspace, now);
    assert_eq!(walk(&app).progress().0, 0);
}

#[test]
fn a_data_folder_that_cannot_be_read_is_not_shown_as_empty() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("data");
    let store = Store::open(&folder).unwrap();
    // Gone after opening (tests run as root here, so permissions would not stop a read).
    fs::remove_dir(&folder).unwrap();
    let app = App::new(store, Guide::builtin());
    let Screen::Home(home) = &app.screen else {
        panic!("expected home")
    };
    assert!(
        home.error
            .as_deref()
            .is_some_and(|e| e.contains("could not read the data folder"))
    );
    let screen = draw(&app, 80, 24);
    assert!(
        screen.contains("The data folder could not be read"),
        "{screen}"
    );
    assert!(!screen.contains("Welcome to convene"), "{screen}");
}

#[test]
fn communities_with_the_same_name_are_told_apart_on_home_by_their_files() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    store.create("Shared", Guide::builtin()).unwrap();
    store.create("Shared", Guide::builtin()).unwrap();
    store.create("Other", Guide::builtin()).unwrap();
    let app = app(dir.path());
    let shown = draw(&app, 80, 24);
    assert!(
        shown.contains("Shared · shared.toml") && shown.contains("Shared · shared-2.toml"),
        "{shown}"
    );
    assert!(
        !shown.contains("other.toml"),
        "a name of its own needs no file:\n{shown}"
    );
}

#[test]
fn a_community_reopens_at_the_question_it_was_left_on_even_after_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    let open_app = || {
        let store = Store::open(dir.path())
            .unwrap()
            .with_index_in(cache.path())
            .with_recovery(Recovery::in_dir(dir.path().join(".recovery")));
        App::new(store, Guide::builtin())
    };
    let mut app = open_app();
    let now = Instant::now();
    create(&mut app, "Where we were", now);
    for _ in 0..3 {
        press(&mut app, KeyCode::Tab, now);
    }
    let left_at = walk(&app).place();
    press(&mut app, KeyCode::Esc, now);
    press(&mut app, KeyCode::Enter, now);
    assert_eq!(walk(&app).place(), left_at, "reopened where it was left");
    ctrl(&mut app, 'n', now);
    let then = walk(&app).place();
    assert!(matches!(ctrl(&mut app, 'q', now), Some(Effect::Quit)));
    drop(app);
    let mut app = open_app();
    press(&mut app, KeyCode::Enter, now);
    assert_eq!(
        walk(&app).place(),
        then,
        "and after a restart, where Ctrl-Q left it"
    );
    // The place is not in the community's file.
    let text = fs::read_to_string(walk(&app).session.path()).unwrap();
    assert!(!text.contains(&then), "{text}");
    // A rename takes the file, and where it was left, to the new name.
    press(&mut app, KeyCode::Esc, now);
    press(&mut app, KeyCode::Char('r'), now);
    ctrl(&mut app, 'u', now);
    type_text(&mut app, "Renamed place", now);
    press(&mut app, KeyCode::Enter, now);
    press(&mut app, KeyCode::Enter, now);
    assert!(walk(&app).session.path().ends_with("renamed-place.toml"));
    assert_eq!(walk(&app).place(), then, "still where it was left");
}

#[test]
fn no_two_questions_read_alike_in_the_outline_even_in_a_narrow_window() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    let now = Instant::now();
    create(&mut app, "Outline", now);
    let sections = walk(&app).guide.sections.len();
    for size in [(50u16, 40u16), (80, 60)] {
        for s in 0..sections {
            let Screen::Walk(w) = &mut app.screen else {
                panic!("the walk")
            };
            w.go_to_section(s, convene::tui::runtime::now(now));
            let shown = draw(&app, size.0, size.1);
            let labels: Vec<&str> = shown
                .lines()
                .filter(|l| l.contains('│'))
                .filter_map(|l| l.trim_start_matches('"').split('│').next())
                .filter(|l| l.starts_with("  ") && !l.trim().is_empty())
                .map(str::trim_end)
                .collect();
            let mut seen = std::collections::HashSet::new();
            for label in &labels {
                assert!(
                    seen.insert(*label),
                    "{label:?} twice in section {s} at {size:?}:\n{shown}"
                );
            }
        }
    }
}
