//! The whole app, end to end, in a real pseudo-terminal.
//!
//! The other TUI tests drive `App::update` and draw into a test backend; they never see what a
//! terminal sends. This one runs the built `convene` binary on a pty, as a facilitator would:
//! raw mode, the alternate screen, UTF-8 arriving key by key, a bracketed paste, control keys as
//! bytes. It creates a community, types answers with accents, CJK and emoji, pastes a multi-line
//! block, rates a statement, quits, and reads the TOML on disk; then starts again, reopens the
//! community, sees the answer, edits it, quits, and reads the file again.
//!
//! A reader thread feeds everything the app writes into a `vt100` parser, and every wait polls
//! that screen with a timeout, so a hang fails with the screen as it was rather than blocking CI.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};
use toml_edit::DocumentMut;

const COLS: NonZeroU16 = NonZeroU16::new(100).unwrap();
const ROWS: NonZeroU16 = NonZeroU16::new(30).unwrap();
/// How long any one wait may take before the test fails.
const TIMEOUT: Duration = Duration::from_secs(10);
/// How often a wait looks again.
const POLL: Duration = Duration::from_millis(10);
/// The pause between typed characters, so typing arrives as keys, not as one burst.
const KEY_GAP: Duration = Duration::from_millis(2);

const CTRL_N: &str = "\x0e";
const CTRL_Q: &str = "\x11";
const ENTER: &str = "\r";
const TAB: &str = "\t";
const LEAVE_ALTERNATE_SCREEN: &[u8] = b"\x1b[?1049l";

const NAME: &str = "Cercle des infirmières";
const FILE: &str = "cercle-des-infirmieres.toml";
const PURPOSE: &str = "Café, naïve — 看護師の会 🙂🎉";
const PASTED: &str = "Line one\nLine two — ü\nLine three";
const COMMENT: &str = "Some of us";

/// Everything the app has written so far.
struct Output {
    screen: vt100::Parser,
    raw: Vec<u8>,
    /// The pty reported end of output: the app and everything it started have gone.
    closed: bool,
}

/// One run of `convene --dir DIR` on its own pty.
struct Session {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    output: Arc<Mutex<Output>>,
    reader: Option<JoinHandle<()>>,
    // Kept open for the life of the session: dropping it hangs up the terminal.
    _master: Box<dyn MasterPty + Send>,
}

impl Session {
    fn spawn(dir: &Path) -> Session {
        Session::spawn_with(dir, &[])
    }

    /// Like `spawn`, with extra environment variables set.
    fn spawn_with(dir: &Path, env: &[(&str, &str)]) -> Session {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: ROWS.get(),
                cols: COLS.get(),
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_convene"));
        cmd.arg("--dir");
        cmd.arg(dir);
        cmd.cwd(dir);
        cmd.env("TERM", "xterm-256color");
        for var in [
            "NO_COLOR",
            "VISUAL",
            "EDITOR",
            "CONVENE_DIR",
            "COLUMNS",
            "LINES",
        ] {
            cmd.env_remove(var);
        }
        for (key, value) in env {
            cmd.env(key, value);
        }
        let child = pair.slave.spawn_command(cmd).expect("start convene");
        // Only the child may hold the terminal's side, so its exit ends our reads.
        drop(pair.slave);

        let output = Arc::new(Mutex::new(Output {
            screen: vt100::Parser::new(ROWS, COLS, 0),
            raw: Vec::new(),
            closed: false,
        }));
        let mut source = pair.master.try_clone_reader().expect("pty reader");
        let sink = Arc::clone(&output);
        let reader = thread::spawn(move || {
            let mut buf = [0u8; 4096];
            loop {
                match source.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        let mut out = sink.lock().unwrap_or_else(|e| e.into_inner());
                        out.screen.process(&buf[..n]);
                        out.raw.extend_from_slice(&buf[..n]);
                    }
                }
            }
            sink.lock().unwrap_or_else(|e| e.into_inner()).closed = true;
        });
        let writer = pair.master.take_writer().expect("pty writer");
        Session {
            child,
            writer,
            output,
            reader: Some(reader),
            _master: pair.master,
        }
    }

    fn output(&self) -> MutexGuard<'_, Output> {
        self.output.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The screen as text, for failure messages.
    fn screen(&self) -> String {
        self.output().screen.screen().contents()
    }

    /// Sends bytes as they are, in one write (a control key, an escape sequence, a paste).
    fn send(&mut self, bytes: &str) {
        self.writer
            .write_all(bytes.as_bytes())
            .expect("write to pty");
        self.writer.flush().expect("flush pty");
    }

    /// Types `text` one character at a time, each as its whole UTF-8 sequence.
    fn type_text(&mut self, text: &str) {
        let mut buf = [0u8; 4];
        for c in text.chars() {
            self.send(c.encode_utf8(&mut buf));
            thread::sleep(KEY_GAP);
        }
    }

    /// Pastes `text` the way a terminal with bracketed paste on does.
    fn paste(&mut self, text: &str) {
        self.send(&format!("\x1b[200~{text}\x1b[201~"));
    }

    /// Polls until `done` holds, or fails with `what` and the screen.
    fn wait_until(&self, what: &str, mut done: impl FnMut(&Output) -> bool) {
        let start = Instant::now();
        loop {
            if done(&self.output()) {
                return;
            }
            if start.elapsed() > TIMEOUT {
                panic!(
                    "timed out after {TIMEOUT:?} waiting for {what}; the screen shows:\n{}",
                    self.screen()
                );
            }
            thread::sleep(POLL);
        }
    }

    /// Waits until the screen shows `text`.
    fn wait_for(&self, text: &str) {
        self.wait_until(&format!("{text:?} on screen"), |out| {
            out.screen.screen().contents().contains(text)
        });
    }

    /// Waits for the app to exit and for all it wrote to be read; returns how it exited.
    fn wait_exit(&mut self) -> ExitStatus {
        let start = Instant::now();
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("poll convene") {
                break status;
            }
            if start.elapsed() > TIMEOUT {
                panic!(
                    "convene did not exit within {TIMEOUT:?}; the screen shows:\n{}",
                    self.screen()
                );
            }
            thread::sleep(POLL);
        };
        self.wait_until("the end of convene's output", |out| out.closed);
        if let Some(reader) = self.reader.take() {
            reader.join().expect("pty reader thread");
        }
        status
    }

    /// Whether the app's output, from the start, contains `bytes`.
    fn wrote(&self, bytes: &[u8]) -> bool {
        self.output().raw.windows(bytes.len()).any(|w| w == bytes)
    }

    /// Quits with Ctrl-Q and checks that the app exited cleanly and gave the terminal back.
    fn quit(mut self) {
        self.send(CTRL_Q);
        let status = self.wait_exit();
        assert!(
            status.success(),
            "convene exited with {status:?} after Ctrl-Q; the screen shows:\n{}",
            self.screen()
        );
        assert!(
            self.wrote(LEAVE_ALTERNATE_SCREEN),
            "convene exited without leaving the alternate screen (no ESC[?1049l in its output)"
        );
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        // A failed test must not leave convene running.
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// The community file, parsed.
fn read_community(path: &Path) -> DocumentMut {
    let text =
        std::fs::read_to_string(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    text.parse()
        .unwrap_or_else(|e| panic!("{} is not valid TOML: {e}\n{text}", path.display()))
}

/// The string at `keys` in `doc`, or a failure naming the path and showing the file.
fn string_at<'a>(doc: &'a DocumentMut, keys: &[&str]) -> &'a str {
    let mut item = doc.as_item();
    for key in keys {
        item = &item[*key];
    }
    item.as_str()
        .unwrap_or_else(|| panic!("no string at {}:\n{doc}", keys.join(".")))
}

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
    app.wait_for("Section 1/5");

    app.type_text(PURPOSE);
    app.wait_for(PURPOSE);
    app.send(TAB);
    app.wait_for("Question 2/");
    app.paste(PASTED);
    app.wait_for("Line three");

    app.send(CTRL_N);
    app.wait_for("Section 2/5");
    app.send(CTRL_N);
    app.wait_for("Section 3/5");
    app.send("2");
    app.type_text(COMMENT);
    app.wait_for(COMMENT);
    app.quit();

    assert_saved(&file, PURPOSE);

    // Second run: the community is listed, reopens with its answers, and takes an edit.
    let mut app = Session::spawn(dir.path());
    app.wait_for(NAME);
    app.send(ENTER);
    app.wait_for("Section 1/5");
    app.wait_for("Café, naïve");
    app.type_text(" (edited)");
    app.wait_for("(edited)");
    app.quit();

    assert_saved(&file, &format!("{PURPOSE} (edited)"));
}

/// Sends `signal` (a name for kill(1), e.g. "TERM") to the running app.
fn signal(session: &Session, signal: &str) {
    let pid = session.child.process_id().expect("convene's process id");
    let status = std::process::Command::new("kill")
        .arg(format!("-{signal}"))
        .arg(pid.to_string())
        .status()
        .expect("run kill");
    assert!(status.success(), "kill -{signal} {pid} failed");
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
        session.wait_for("Section 1/5");
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
        session.wait_for("Section 1/5");
        session.type_text("wide 看護 🙂 end");
        session.wait_for("🙂 end");

        // The terminal cursor is just after the last character typed, counted in columns.
        let (row, col, line) = {
            let out = session.output();
            let screen = out.screen.screen();
            let (row, col) = screen.cursor_position();
            let line = screen.contents_between(row, 0, row, COLS.get());
            (row, col, line)
        };
        let before: String = {
            let out = session.output();
            let screen = out.screen.screen();
            screen.contents_between(row, 0, row, col)
        };
        assert!(
            before.trim_end().ends_with("🙂 end") && before.ends_with("end"),
            "cursor at row {row} col {col} is not after the typed text: {line:?}"
        );

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
    session.wait_for("Section 1/5");
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
