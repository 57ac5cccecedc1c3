//! Work that is not an answer yet is still work: a card half typed on the capture line, text
//! coming in that the file could not hold. Driven through `App::update` with instants chosen by
//! the test, reading what reached the disk and the recovery folder.
//!
//! (The same, against the built binary on a pseudo-terminal, is in `kept_work_pty.rs`.)

mod common;

use std::fs;
use std::time::{Duration, Instant};

use common::drive::{ctrl, on_disk, press, type_text, walk};
use convene::guide::Guide;
use convene::store::{MAX_FILE_BYTES, Recovery, Store};
use convene::tui::effects::Effect;
use convene::tui::model::walk::AUTOSAVE_DELAY;
use convene::tui::view;
use convene::tui::{App, Msg};
use crossterm::event::KeyCode;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

struct Open {
    dir: tempfile::TempDir,
    app: App,
    file: std::path::PathBuf,
}

impl Open {
    fn recovery(&self) -> std::path::PathBuf {
        self.dir.path().join(".recovery")
    }

    /// The store as the next start would open it.
    fn next_start(&self) -> Store {
        Store::open(self.dir.path())
            .unwrap()
            .with_recovery(Recovery::in_dir(self.recovery()))
    }
}

/// The nurses' example open in the walk, with a recovery folder of the test's own.
fn nurses() -> Open {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in convene::samples::EXAMPLES {
        fs::write(dir.path().join(name), text).unwrap();
    }
    let store = Store::open(dir.path())
        .unwrap()
        .with_recovery(Recovery::in_dir(dir.path().join(".recovery")));
    let mut app = App::new(store, Guide::builtin());
    app.color = false;
    let file = dir.path().join("nurses-lunch-circle.toml");
    app.open(&file).unwrap();
    Open { dir, app, file }
}

fn screen(app: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    terminal.draw(|frame| view::draw(frame, app)).unwrap();
    terminal.backend().to_string()
}

fn cards_with(open: &Open, text: &str, store: &Store) -> usize {
    store
        .load(&open.file)
        .unwrap()
        .community()
        .workshop
        .cards
        .iter()
        .filter(|c| c.text == text)
        .count()
}

// ---------------------------------------------------------------------------------------------
// The capture line

#[test]
fn a_card_being_typed_goes_into_a_recovery_copy_and_is_offered_at_the_next_start() {
    let mut open = nurses();
    let t0 = Instant::now();
    press(&mut open.app, KeyCode::F(5), t0);
    type_text(&mut open.app, "Half a thought from the back row @Ana", t0);
    assert_eq!(
        open.app.deadline(),
        Some(t0 + AUTOSAVE_DELAY),
        "the draft is due for keeping like typing is"
    );
    open.app.update(Msg::Tick, t0 + AUTOSAVE_DELAY);
    assert_eq!(open.app.deadline(), None, "nothing more to do until a key");
    let before = fs::read_to_string(&open.file).unwrap();
    assert!(
        !before.contains("Half a thought"),
        "a card not sent is not written into the community's file"
    );

    // The window dies here. The next start offers the copy, which holds the card.
    let store = open.next_start();
    let copies = store.recoveries();
    assert_eq!(copies.len(), 1, "{copies:?}");
    store.restore(&copies[0]).unwrap();
    let restored = on_disk(&open.file);
    assert!(
        restored
            .workshop
            .cards
            .iter()
            .any(|c| c.text == "Half a thought from the back row" && c.who == "Ana"),
        "{:?}",
        restored.workshop.cards
    );
}

#[test]
fn sending_the_card_then_saving_leaves_no_copy_behind() {
    let mut open = nurses();
    let t0 = Instant::now();
    press(&mut open.app, KeyCode::F(5), t0);
    type_text(&mut open.app, "Rotas first", t0);
    open.app.update(Msg::Tick, t0 + AUTOSAVE_DELAY);
    assert_eq!(open.next_start().recoveries().len(), 1);
    let t1 = t0 + Duration::from_secs(5);
    press(&mut open.app, KeyCode::Enter, t1);
    open.app.update(Msg::Tick, t1 + AUTOSAVE_DELAY);
    let store = open.next_start();
    assert_eq!(cards_with(&open, "Rotas first", &store), 1);
    assert!(
        store.recoveries().is_empty(),
        "the saved card needs no copy"
    );
}

#[test]
fn a_draft_is_renewed_in_the_copy_when_the_community_saves_meanwhile() {
    let mut open = nurses();
    let t0 = Instant::now();
    press(&mut open.app, KeyCode::F(5), t0);
    type_text(&mut open.app, "First card\n", t0);
    type_text(&mut open.app, "Second, still typing", t0);
    // The first card's autosave runs while the second is on the line.
    open.app.update(Msg::Tick, t0 + AUTOSAVE_DELAY);
    let store = open.next_start();
    assert_eq!(cards_with(&open, "First card", &store), 1);
    let copies = store.recoveries();
    assert_eq!(
        copies.len(),
        1,
        "the line's draft is still kept: {copies:?}"
    );
    assert!(copies[0].text().contains("Second, still typing"));
}

#[test]
fn emptying_the_line_removes_its_copy() {
    let mut open = nurses();
    let t0 = Instant::now();
    press(&mut open.app, KeyCode::F(5), t0);
    type_text(&mut open.app, "never mind", t0);
    open.app.update(Msg::Tick, t0 + AUTOSAVE_DELAY);
    assert_eq!(open.next_start().recoveries().len(), 1);
    // Esc clears the line on purpose.
    press(&mut open.app, KeyCode::Esc, t0 + Duration::from_secs(3));
    assert!(open.app.capture().is_empty());
    assert!(open.next_start().recoveries().is_empty());
}

#[test]
fn a_half_typed_command_is_kept_word_for_word_without_acting_on_it() {
    let mut open = nurses();
    let t0 = Instant::now();
    press(&mut open.app, KeyCode::F(5), t0);
    type_text(&mut open.app, "/dots", t0);
    open.app.update(Msg::Tick, t0 + AUTOSAVE_DELAY);
    let copies = open.next_start().recoveries();
    assert_eq!(copies.len(), 1);
    let text = copies[0].text();
    assert!(text.contains("Left on the capture line: /dots"), "{text}");
    let kept = convene::community::CommunityFile::parse(text).unwrap();
    assert_eq!(
        kept.community.workshop.votes_per_person,
        walk(&open.app)
            .session
            .community()
            .workshop
            .votes_per_person,
        "the command is not run"
    );
}

#[test]
fn leaving_the_presenter_view_keeps_the_line_as_a_card() {
    let mut open = nurses();
    let t0 = Instant::now();
    press(&mut open.app, KeyCode::F(5), t0);
    type_text(&mut open.app, "Said as the slide changed", t0);
    press(&mut open.app, KeyCode::F(5), t0);
    assert!(open.app.capture().is_empty());
    ctrl(&mut open.app, 's', t0);
    assert_eq!(
        cards_with(&open, "Said as the slide changed", &open.next_start()),
        1
    );
}

#[test]
fn every_way_out_keeps_the_line_the_failure_path_included() {
    // What the event loop calls after a panic or a terminal failure.
    let mut open = nurses();
    let t0 = Instant::now();
    press(&mut open.app, KeyCode::F(5), t0);
    type_text(&mut open.app, "Typed as it crashed", t0);
    assert!(open.app.save_on_exit(t0));
    assert_eq!(
        cards_with(&open, "Typed as it crashed", &open.next_start()),
        1
    );
    // A signal (SIGTERM, SIGHUP, the terminal gone).
    let mut open = nurses();
    press(&mut open.app, KeyCode::F(5), t0);
    type_text(&mut open.app, "Typed as the lid closed", t0);
    assert!(matches!(open.app.update(Msg::Stop, t0), Some(Effect::Quit)));
    assert_eq!(
        cards_with(&open, "Typed as the lid closed", &open.next_start()),
        1
    );
}

#[test]
fn on_a_read_only_community_the_capture_line_says_so_and_takes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("newer.toml");
    let text = convene::samples::EXAMPLES[0]
        .1
        .replace("schema_version = 1", "schema_version = 99");
    fs::write(&file, &text).unwrap();
    let store = Store::open(dir.path())
        .unwrap()
        .with_recovery(Recovery::in_dir(dir.path().join(".recovery")));
    let mut app = App::new(store, Guide::builtin());
    app.color = false;
    app.open(&file).unwrap();
    let t0 = Instant::now();
    press(&mut app, KeyCode::F(5), t0);
    type_text(&mut app, "goes nowhere", t0);
    assert!(
        app.capture().is_empty(),
        "typing was taken: {:?}",
        app.capture()
    );
    assert!(app.status.error);
    assert!(app.status.text.contains("Read-only"), "{:?}", app.status);
    app.update(Msg::Paste("pasted\nlines".into()), t0);
    assert!(app.capture().is_empty());
    let shown = screen(&app);
    assert!(
        shown.contains("read-only: cards cannot be added"),
        "the capture line does not say so:\n{shown}"
    );
    assert_eq!(app.deadline(), None);
    assert_eq!(fs::read_to_string(&file).unwrap(), text);
}

// ---------------------------------------------------------------------------------------------
// No size trap

/// The nurses' example grown to `size` bytes by a long note on the first group ("purpose").
fn near_the_limit(size: usize) -> Open {
    let mut open = nurses();
    // The nurses' app goes home and so lets go of the file (one writer per community): the app
    // made below opens it again, as the next start would.
    press(&mut open.app, KeyCode::Esc, Instant::now());
    let store = open.next_start();
    let mut loaded = store.load(&open.file).unwrap();
    let mut pad = 1000_isize;
    for _ in 0..3 {
        let note = "x".repeat(pad as usize);
        loaded.community_mut().set_note("purpose", note);
        store.save(&mut loaded, Guide::builtin()).unwrap();
        let len = fs::metadata(&open.file).unwrap().len() as isize;
        pad += size as isize - len;
    }
    assert_eq!(fs::metadata(&open.file).unwrap().len() as usize, size);
    let mut app = App::new(open.next_start(), Guide::builtin());
    app.color = false;
    app.open(&open.file).unwrap();
    Open { app, ..open }
}

#[test]
fn a_paste_the_file_could_not_hold_is_refused_whole_with_a_message() {
    let mut open = nurses();
    let t0 = Instant::now();
    let huge = "a line of pasted minutes\n".repeat(MAX_FILE_BYTES as usize / 24);
    open.app.update(Msg::Paste(huge), t0);
    assert!(open.app.status.error);
    assert!(
        open.app.status.text.contains("past the 4.0 MB"),
        "{:?}",
        open.app.status
    );
    assert!(!walk(&open.app).is_dirty(), "nothing was pasted");
    // A paste that fits still goes in, and the file stays one convene opens.
    open.app.update(Msg::Paste("one more line".into()), t0);
    ctrl(&mut open.app, 's', t0);
    open.next_start().load(&open.file).unwrap();
}

#[test]
fn typing_stops_at_the_limit_and_the_file_still_opens() {
    let mut open = near_the_limit(MAX_FILE_BYTES as usize - 4 * 1024 - 40);
    let t0 = Instant::now();
    let before = walk(&open.app).editor_text().len();
    type_text(&mut open.app, &"typing on and on ".repeat(10), t0);
    assert!(open.app.status.error, "{:?}", open.app.status);
    assert!(
        open.app.status.text.contains("nothing more can be added"),
        "{:?}",
        open.app.status
    );
    let typed = walk(&open.app).editor_text().len() - before;
    assert!(
        typed > 0 && typed <= 40,
        "typing goes in up to the room left, no further: {typed} bytes"
    );
    ctrl(&mut open.app, 's', t0);
    let size = fs::metadata(&open.file).unwrap().len();
    assert!(size <= MAX_FILE_BYTES, "{size}");
    open.next_start()
        .load(&open.file)
        .expect("the file convene wrote opens again");
}

#[test]
fn an_external_edit_gets_the_room_of_the_text_it_replaces() {
    let mut open = near_the_limit(MAX_FILE_BYTES as usize - 4 * 1024 - 40);
    let t0 = Instant::now();
    // To the padded note, a few fields in.
    let mut tries = 0;
    let effect = loop {
        tries += 1;
        assert!(tries < 40, "the padded note was not found");
        let effect = ctrl(&mut open.app, 'e', t0);
        if let Some(Effect::OpenEditor { text, room }) = &effect
            && text.starts_with("xxxx")
        {
            assert!(*room >= text.len(), "{room} < {}", text.len());
            break effect;
        }
        press(&mut open.app, KeyCode::Tab, t0);
    };
    let Some(Effect::OpenEditor { text, .. }) = effect else {
        unreachable!()
    };
    // The editor brings back the same text, shortened: it fits.
    let shorter = text[..text.len() / 2].to_string();
    open.app.update(Msg::EditorDone(Ok(shorter.clone())), t0);
    assert!(!open.app.status.error, "{:?}", open.app.status);
    let now = walk(&open.app).editor_text();
    assert!(now == shorter, "{} bytes, not {}", now.len(), shorter.len());
}

#[test]
fn an_external_edit_replaces_an_answer_of_any_length_whole() {
    // More lines than a u16 counts, and a line longer than one.
    for long in ["a line\n".repeat(70_000), "w".repeat(70_000)] {
        let mut open = nurses();
        let t0 = Instant::now();
        open.app.update(Msg::Paste(long), t0);
        open.app.update(Msg::EditorDone(Ok("short".into())), t0);
        assert_eq!(walk(&open.app).editor_text(), "short");
    }
}

#[test]
fn a_page_pasted_as_a_name_is_cut_to_one_line_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path())
        .unwrap()
        .with_recovery(Recovery::in_dir(dir.path().join(".recovery")));
    let mut app = App::new(store, Guide::builtin());
    let t0 = Instant::now();
    press(&mut app, KeyCode::Char('n'), t0);
    app.update(Msg::Paste("Ward sisters ".repeat(1000)), t0);
    assert!(
        app.status.text.contains("Cut at 200 characters"),
        "{:?}",
        app.status
    );
    type_text(&mut app, "more", t0);
    press(&mut app, KeyCode::Enter, t0);
    let name = &walk(&app).session.community().name;
    // 200 characters, less the trailing space the name is trimmed of.
    assert_eq!(name.chars().count(), 199, "{name}");
}

#[test]
fn an_activity_being_typed_is_autosaved_like_any_typing() {
    let mut open = nurses();
    let t0 = Instant::now();
    let mut tries = 0;
    while walk(&open.app)
        .question()
        .is_none_or(|q| q.id != "activities")
    {
        tries += 1;
        assert!(tries < 300, "no activities question");
        ctrl(&mut open.app, 'n', t0);
        if walk(&open.app)
            .question()
            .is_some_and(|q| q.id == "activities")
        {
            break;
        }
        press(&mut open.app, KeyCode::Tab, t0);
    }
    type_text(&mut open.app, "Walking rounds", t0);
    assert_eq!(open.app.deadline(), Some(t0 + AUTOSAVE_DELAY));
    open.app.update(Msg::Tick, t0 + AUTOSAVE_DELAY);
    let items = |open: &Open| match on_disk(&open.file).answers.get("activities") {
        Some(convene::community::Answer::Items(items)) => items.clone(),
        other => panic!("{other:?}"),
    };
    assert_eq!(
        items(&open).last().map(String::as_str),
        Some("Walking rounds")
    );
    // Still being typed: the saved item follows the line, and Enter makes it the list's own.
    type_text(&mut open.app, " at dawn", t0);
    open.app.update(Msg::Tick, t0 + AUTOSAVE_DELAY * 2);
    assert_eq!(
        items(&open)
            .iter()
            .filter(|i| i.starts_with("Walking"))
            .collect::<Vec<_>>(),
        ["Walking rounds at dawn"]
    );
    press(&mut open.app, KeyCode::Enter, t0);
    ctrl(&mut open.app, 's', t0);
    assert_eq!(
        items(&open)
            .iter()
            .filter(|i| i.starts_with("Walking"))
            .count(),
        1
    );
}

#[test]
fn a_paste_that_cannot_go_in_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let store = || {
        Store::open(dir.path())
            .unwrap()
            .with_recovery(Recovery::in_dir(dir.path().join(".recovery")))
    };
    // Written by a newer convene: read-only.
    let newer = dir.path().join("newer.toml");
    let text = convene::samples::EXAMPLES[0]
        .1
        .replace("schema_version = 1", "schema_version = 99");
    fs::write(&newer, &text).unwrap();
    let mut app = App::new(store(), Guide::builtin());
    app.open(&newer).unwrap();
    app.update(Msg::Paste("pasted words".into()), Instant::now());
    assert!(
        app.status.error && app.status.text.contains("Read-only"),
        "{:?}",
        app.status
    );
    drop(app);
    assert_eq!(fs::read_to_string(&newer).unwrap(), text);

    // A value kept as written: the paste waits for Ctrl-R.
    let kept = dir.path().join("kept.toml");
    let hand = "schema_version = 1\nname = \"Kept\"\ncreated = 2026-09-02T12:15:00Z\n\
                updated = 2026-09-02T12:15:00Z\n\n[answers]\nprimary_purpose = { text = \"inline\" }\n";
    fs::write(&kept, hand).unwrap();
    let mut app = App::new(store(), Guide::builtin());
    app.open(&kept).unwrap();
    app.update(Msg::Paste("pasted words".into()), Instant::now());
    assert!(
        app.status.error && app.status.text.contains("kept as written"),
        "{:?}",
        app.status
    );
    ctrl(&mut app, 's', Instant::now());
    assert_eq!(fs::read_to_string(&kept).unwrap(), hand);
}

#[test]
fn a_long_name_being_typed_shows_its_end_where_the_caret_is() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path())
        .unwrap()
        .with_recovery(Recovery::in_dir(dir.path().join(".recovery")));
    let mut app = App::new(store, Guide::builtin());
    app.color = false;
    let t0 = Instant::now();
    press(&mut app, KeyCode::Char('n'), t0);
    type_text(&mut app, &"Midwives of the upper valley ".repeat(4), t0);
    type_text(&mut app, "THE END", t0);
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal.draw(|frame| view::draw(frame, &app)).unwrap();
    let shown = terminal.backend().to_string();
    assert!(
        shown.contains("THE END"),
        "the end of the name is not in view:\n{shown}"
    );
    assert!(shown.contains("Name of the new community: …"), "{shown}");
    let cursor = terminal.get_cursor_position().unwrap();
    let buffer = terminal.backend().buffer();
    let before: String = (0..cursor.x)
        .map(|x| buffer[(x, cursor.y)].symbol().to_string())
        .collect();
    assert!(
        before.trim_end().ends_with("THE END"),
        "caret after {before:?}"
    );
}
