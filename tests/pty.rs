//! The whole app, end to end, in a real pseudo-terminal.
//!
//! The other TUI tests drive `App::update` and draw into a test backend; they never see what a
//! terminal sends. This one runs the built `convene` binary on a pty, as a facilitator would:
//! raw mode, the alternate screen, UTF-8 arriving key by key, a bracketed paste, control keys as
//! bytes. It creates a community, types answers with accents, CJK and emoji, pastes a multi-line
//! block, rates a statement, quits, and reads the TOML on disk; then starts again, reopens the
//! community, sees the answer, edits it, quits, and reads the file again.
//!
//! The harness is in `common/pty.rs`: a reader thread feeds everything the app writes into a
//! `vt100` parser, and every wait polls that screen with a timeout, so a hang fails with the
//! screen as it was rather than blocking CI.

mod common;

use std::path::Path;

use common::pty::{
    CTRL_N, ENTER, LEAVE_ALTERNATE_SCREEN, Session, TAB, read_community, signal, string_at,
};

const NAME: &str = "Cercle des infirmières";
const FILE: &str = "cercle-des-infirmieres.toml";
const PURPOSE: &str = "Café, naïve — 看護師の会 🙂🎉";
const PASTED: &str = "Line one\nLine two — ü\nLine three";
const COMMENT: &str = "Some of us";

fn assert_saved(path: &Path, purpose: &str) {
    let doc = read_community(path);
    assert_eq!(string_at(&doc, &["name"]), NAME, "name\n{doc}");
    assert_eq!(
        string_at(&doc, &["answers", "primary_purpose"]),
        purpose,
        "typed answer\n{doc}"
    );
    assert_eq!(
        string_at(&doc, &["answers", "specific_needs"]),
        PASTED,
        "pasted answer\n{doc}"
    );
    assert_eq!(
        string_at(&doc, &["ratings", "domain_identity", "rating"]),
        "partly",
        "rating\n{doc}"
    );
    assert_eq!(
        string_at(&doc, &["ratings", "domain_identity", "comment"]),
        COMMENT,
        "rating comment\n{doc}"
    );
}

#[test]
fn create_answer_quit_reopen_edit_in_a_real_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(FILE);

    // First run: create the community and fill in a little of everything.
    let mut app = Session::spawn(dir.path());
    app.wait_for("Welcome to convene");
    app.send("n");
    app.wait_for("Name of the new community:");
    app.type_text(NAME);
    app.wait_for(NAME);
    app.send(ENTER);
    app.wait_for("Section 1/16");

    app.type_text(PURPOSE);
    app.wait_for(PURPOSE);
    app.send(TAB);
    app.wait_for("Question 2/");
    app.paste(PASTED);
    app.wait_for("Line three");

    app.send(CTRL_N);
    app.wait_for("Section 2/16");
    app.send(CTRL_N);
    app.wait_for("Section 3/16");
    app.send("2");
    app.type_text(COMMENT);
    app.wait_for(COMMENT);
    app.quit();

    assert_saved(&file, PURPOSE);

    // Second run: the community is listed, reopens with its answers, and takes an edit.
    let mut app = Session::spawn(dir.path());
    app.wait_for(NAME);
    app.send(ENTER);
    app.wait_for("Section 1/16");
    app.wait_for("Café, naïve");
    app.type_text(" (edited)");
    app.wait_for("(edited)");
    app.quit();

    assert_saved(&file, &format!("{PURPOSE} (edited)"));
}

#[cfg(unix)]
#[test]
fn sigterm_and_sighup_save_what_was_typed_and_restore_the_terminal() {
    for (name, sig) in [("Terminated", "TERM"), ("Hung up", "HUP")] {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut session = Session::spawn(dir.path());
        session.wait_for("Welcome to convene");
        session.send("n");
        session.type_text(name);
        session.send("\r");
        session.wait_for("Section 1/16");
        let words = format!("typed just before SIG{sig} — é 🙂");
        session.type_text(&words);
        session.wait_for("just before");

        signal(&session, sig);
        let status = session.wait_exit();
        assert!(status.success(), "SIG{sig}: convene exited with {status:?}");
        assert!(
            session.wrote(LEAVE_ALTERNATE_SCREEN),
            "SIG{sig}: the alternate screen was not left"
        );
        let file = dir
            .path()
            .join(format!("{}.toml", name.to_lowercase().replace(' ', "-")));
        let doc = read_community(&file);
        assert_eq!(
            string_at(&doc, &["answers", "primary_purpose"]),
            words,
            "SIG{sig}"
        );
    }
}

#[test]
fn no_color_turns_colour_off_and_the_cursor_sits_at_the_caret() {
    for no_color in [false, true] {
        let dir = tempfile::tempdir().expect("temp dir");
        let env: &[(&str, &str)] = if no_color { &[("NO_COLOR", "1")] } else { &[] };
        let mut session = Session::spawn_with(dir.path(), env);
        session.wait_for("Welcome to convene");
        session.send("n");
        session.type_text("Cursor");
        session.send("\r");
        session.wait_for("Section 1/16");
        session.type_text("wide 看護 🙂 end");
        session.wait_for("🙂 end");

        // The terminal cursor is just after the last character typed, counted in columns. A
        // frame draws the text and the caret's cell before it moves the cursor there, so wait for
        // the move rather than look once, perhaps in the middle of a frame.
        session.wait_until("the terminal cursor just after the typed text", |out| {
            let screen = out.screen.screen();
            let (row, col) = screen.cursor_position();
            let before = screen.contents_between(row, 0, row, col);
            before.trim_end().ends_with("🙂 end") && before.ends_with("end")
        });

        // Colour is SGR 30–37/90–97 (foreground) or 38;… ; with NO_COLOR none is written.
        let coloured = {
            let out = session.output();
            let raw = String::from_utf8_lossy(&out.raw).into_owned();
            [
                "\x1b[36m", "\x1b[33m", "\x1b[34m", "\x1b[44m", "\x1b[38;", "\x1b[90m", "\x1b[37m",
            ]
            .iter()
            .any(|sgr| raw.contains(sgr))
        };
        assert_eq!(
            coloured, !no_color,
            "NO_COLOR={no_color}: colour written = {coloured}"
        );
        session.quit();
    }
}

/// Ctrl-E hands the terminal to the facilitator's editor: every key typed there must reach the
/// editor, none the app (which would lose them from the editor and replay them into the answer).
#[cfg(unix)]
#[test]
fn the_external_editor_gets_every_key() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let editor = dir.path().join("line-editor.sh");
    std::fs::write(
        &editor,
        "#!/bin/sh\nprintf 'EDITOR READY\\n'\nIFS= read -r line\nprintf '%s' \"$line\" > \"$1\"\n",
    )
    .expect("write the editor script");
    std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let data = dir.path().join("data");
    std::fs::create_dir(&data).expect("data dir");
    let mut session =
        Session::spawn_with(&data, &[("EDITOR", editor.to_str().expect("utf-8 path"))]);
    session.wait_for("Welcome to convene");
    session.send("n");
    session.type_text("Editor");
    session.send("\r");
    session.wait_for("Section 1/16");
    session.send("\u{5}"); // Ctrl-E
    session.wait_for("EDITOR READY");
    session.type_text("written in the editor");
    session.send("\r");
    session.wait_for("Saved at");
    session.wait_for("written in the editor");
    session.quit();
    let doc = read_community(&data.join("editor.toml"));
    assert_eq!(
        string_at(&doc, &["answers", "primary_purpose"]),
        "written in the editor",
        "keys typed in the editor were taken by the app"
    );
}

/// A second start shows home from the listing index at once, then corrects it from the files:
/// a community deleted by hand since goes, one added by hand appears.
#[test]
fn home_from_the_index_is_corrected_from_the_files() {
    let dir = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    let cache_dir = cache.path().to_str().unwrap();
    let env = [("CONVENE_CACHE_DIR", cache_dir)];
    for name in ["alpha.toml", "beta.toml"] {
        let text = include_str!("../examples/nurses-lunch-circle.toml").replace(
            "name = \"Nurses' lunch circle\"",
            &format!("name = \"Circle {name}\""),
        );
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let session = Session::spawn_with(dir.path(), &env);
    session.wait_for("Circle alpha.toml");
    session.quit();
    assert!(
        std::fs::read_dir(cache.path()).unwrap().count() == 1,
        "the index was written"
    );

    std::fs::remove_file(dir.path().join("alpha.toml")).unwrap();
    std::fs::copy(dir.path().join("beta.toml"), dir.path().join("gamma.toml")).unwrap();
    let gamma = std::fs::read_to_string(dir.path().join("gamma.toml"))
        .unwrap()
        .replace("Circle beta.toml", "Circle gamma.toml");
    std::fs::write(dir.path().join("gamma.toml"), gamma).unwrap();
    let session = Session::spawn_with(dir.path(), &env);
    session.wait_for("Circle gamma.toml");
    session.wait_until("alpha gone from the list", |out| {
        !out.screen.screen().contents().contains("Circle alpha.toml")
    });
    assert!(session.screen().contains("Circle beta.toml"));
    session.quit();
}

/// convene on an empty folder, with "Ferry crews" created and open at its first question.
fn start_ferry_crews(dir: &Path) -> Session {
    let mut app = Session::spawn(dir);
    app.wait_for("Welcome to convene");
    app.send("n");
    app.type_text("Ferry crews");
    app.send(ENTER);
    app.wait_for("Section 1/16");
    app
}

#[test]
fn a_person_and_a_dated_plan_step_typed_in_a_real_terminal_reach_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = start_ferry_crews(dir.path());
    for section in 2..=6 {
        app.send(CTRL_N);
        app.wait_for(&format!("Section {section}/16"));
    }
    app.wait_for("People and roles");
    // Name, then the role and level by their numbers, then a contact.
    app.type_text("Ana Reyes");
    app.send(ENTER);
    app.send("2");
    app.send(ENTER);
    app.send("1");
    app.send(ENTER);
    app.type_text("ana@example.org");
    app.wait_for("ana@example.org");
    app.send(CTRL_N);
    app.wait_for("Section 7/16");
    app.send(CTRL_N);
    app.wait_for("Section 8/16 · Operating agreements");
    app.send(CTRL_N);
    app.wait_for("Section 9/16 · Launching the community");
    app.send(CTRL_N);
    app.wait_for("Section 10/16 · Momentum plan");
    // The plan's first step is the seed's; give it an owner and a date typed as words.
    app.send(ENTER);
    app.type_text("Mo");
    app.send(ENTER);
    app.type_text("15 Mar 2027");
    app.wait_for("Mon 15 Mar 2027");
    app.send(ENTER);
    app.wait_for("15 Mar 2027");
    app.quit();

    let doc = read_community(&dir.path().join("ferry-crews.toml"));
    let row = |key: &str, i: usize, field: &str| -> String {
        doc["answers"][key]
            .as_array_of_tables()
            .unwrap_or_else(|| panic!("{key} is not a table array\n{doc}"))
            .get(i)
            .and_then(|t| t.get(field))
            .and_then(|v| v.as_str())
            .unwrap_or_else(|| panic!("{key}[{i}].{field} missing\n{doc}"))
            .to_string()
    };
    assert_eq!(row("people", 0, "name"), "Ana Reyes");
    assert_eq!(row("people", 0, "role"), "coordinator");
    assert_eq!(row("people", 0, "participation"), "core");
    assert_eq!(row("people", 0, "contact"), "ana@example.org");
    assert_eq!(row("momentum_plan", 0, "owner"), "Mo");
    assert_eq!(row("momentum_plan", 0, "due"), "2027-03-15");
    assert!(
        row("momentum_plan", 0, "step").contains("core statement"),
        "{doc}"
    );
}

#[test]
fn the_presenter_view_and_the_timebox_in_a_real_terminal() {
    const F5: &str = "\x1b[15~";
    const F6: &str = "\x1b[17~";
    let dir = tempfile::tempdir().unwrap();
    let mut app = start_ferry_crews(dir.path());
    app.send(F5);
    app.wait_for("F5 back");
    // The question in pixel letters: quadrant blocks, no answer box.
    app.wait_until("the question drawn large", |out| {
        let screen = out.screen.screen().contents();
        screen.contains('▟') && !screen.contains("Answer")
    });
    app.send(F6);
    app.wait_until("the timebox counting down", |out| {
        let screen = out.screen.screen().contents();
        screen.contains("⏱ 9:5") && !screen.contains("paused")
    });
    app.send(F6);
    app.wait_for("paused");
    // What the room says becomes a card under the question.
    app.type_text("Ferry timetable @Mo");
    app.send(ENTER);
    app.wait_for("Ferry timetable — Mo");
    app.send(F5);
    app.wait_for("Question 1/8");
    app.wait_for("paused");
    app.type_text("Crossings");
    app.wait_for("Crossings");
    app.quit();
    let doc = read_community(&dir.path().join("ferry-crews.toml"));
    assert_eq!(
        string_at(&doc, &["answers", "primary_purpose"]),
        "Crossings"
    );
    let card = doc["workshop"]["cards"]
        .as_array_of_tables()
        .and_then(|cards| cards.get(0))
        .unwrap_or_else(|| panic!("no card in the file\n{doc}"));
    assert_eq!(
        card.get("text").and_then(|v| v.as_str()),
        Some("Ferry timetable")
    );
    assert_eq!(card.get("who").and_then(|v| v.as_str()), Some("Mo"));
}

/// Nothing typed or pasted while the window is too small to show the walk reaches an answer:
/// the screen only says it is too small. Back at a size that fits, typing goes in again.
#[test]
fn typing_on_the_too_small_screen_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = Session::spawn(dir.path());
    app.wait_for("Welcome to convene");
    app.send("n");
    app.type_text(NAME);
    app.send(ENTER);
    app.wait_for("Section 1/16");
    app.type_text("kept");
    app.wait_for("kept");
    app.resize(40, 10);
    app.wait_for("Terminal too small");
    app.type_text(" lost");
    app.paste(" also lost");
    app.send(TAB);
    // Five characters, a paste and a Tab, each counted (and so read) before the window grows.
    app.wait_for("7 keys or pastes not taken");
    app.resize(100, 30);
    app.wait_for("Section 1/16 · Define · Question 1/");
    app.type_text(" and this");
    app.wait_for("kept and this");
    app.quit();
    let doc = read_community(&dir.path().join(FILE));
    assert_eq!(
        string_at(&doc, &["answers", "primary_purpose"]),
        "kept and this",
        "{doc}"
    );
}
