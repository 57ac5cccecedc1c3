//! Nothing typed is lost, whichever way convene stops: proven with the real binary on a real
//! pseudo-terminal.
//!
//! - `kill -9` at a random moment, fifty times and more over one growing answer: every file left
//!   on disk is whole and loads, and everything typed more than the autosave delay (plus a margin
//!   for scheduling) before the kill is in it.
//! - A panic inside the event loop (F12 with `CONVENE_TEST_PANIC` set): what was typed is saved,
//!   the terminal is given back (normal screen, cursor shown, line mode with echo) and the panic
//!   message is printed where the facilitator can read it.
//! - The terminal closed under the app, without a key: the app saves and leaves on its own.
//! - Ctrl-Q straight after typing: saved, and the terminal given back.
//! - Temporary files that interrupted saves left behind are swept when old, kept when fresh.
//!
//! (SIGTERM and SIGHUP are proven in `pty.rs`.) Every test points `CONVENE_RECOVERY_DIR` at a
//! temporary folder, so nothing reaches the real home folder; recovery copies found there count
//! as kept text, but no test needs one to exist.

#![cfg(unix)]

mod common;

use std::collections::HashMap;
use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant, SystemTime};

use common::pty::{
    COLS, CTRL_Q, ENTER, ENTER_ALTERNATE_SCREEN, HIDE_CURSOR, LEAVE_ALTERNATE_SCREEN, LineMode,
    RECOVERY_ENV, SHOW_CURSOR, Session, read_community, signal,
};
use convene::store::lock::LOCK_DIR;
use convene::store::{Store, TEMP_PREFIX};
use convene::tui::model::walk::AUTOSAVE_DELAY;
use toml_edit::DocumentMut;

/// The answer every test types into: the walk opens on this question.
const QUESTION: [&str; 2] = ["answers", "primary_purpose"];
/// F12, as xterm sends it.
const F12: &str = "\x1b[24~";
/// The last key typed before leaving: drawn as it is (no escape sequence inside), and nowhere
/// else on screen, so its last appearance in the output is the app's last frame.
const LAST_KEY: &str = "Ω";
/// With this set, F12 panics inside the event loop.
const PANIC_ENV: &str = "CONVENE_TEST_PANIC";

/// Text typed this long before a `kill -9` must be on disk: the autosave delay, plus a margin
/// for scheduling. The margin covers the time between a key leaving the test and the app reading
/// it, the autosave timer firing late while the loop is busy reading and drawing keys, and the
/// save itself (write, fsync, rename, fsync of the folder), on a loaded two-core machine.
const SCHEDULING_MARGIN: Duration = Duration::from_millis(700);

/// Kill trials in one run (`CONVENE_KILL_TRIALS` changes it).
const KILL_TRIALS: usize = 50;

// ---------------------------------------------------------------------------------------------
// Helpers

/// A small, seedable random source (SplitMix64), so a failing run can be repeated with
/// `CONVENE_KILL_SEED`.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `lo..=hi`.
    fn between(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }

    /// True one time in `n`.
    fn one_in(&mut self, n: u64) -> bool {
        self.next().is_multiple_of(n)
    }
}

/// A number from the environment, or `default`.
fn env_number(var: &str, default: u64) -> u64 {
    match std::env::var(var) {
        Ok(v) => v
            .parse()
            .unwrap_or_else(|_| panic!("{var}={v:?} is not a number")),
        Err(_) => default,
    }
}

/// A data folder and a recovery folder, both temporary.
struct Dirs {
    _root: tempfile::TempDir,
    data: PathBuf,
    recovery: PathBuf,
}

impl Dirs {
    fn new() -> Dirs {
        let root = tempfile::tempdir().expect("temp dir");
        let data = root.path().join("data");
        let recovery = root.path().join("recovery");
        fs::create_dir(&data).expect("data dir");
        fs::create_dir(&recovery).expect("recovery dir");
        Dirs {
            _root: root,
            data,
            recovery,
        }
    }

    fn recovery_str(&self) -> &str {
        self.recovery.to_str().expect("a UTF-8 temp path")
    }
}

/// Starts convene at home, creates the community `name` and waits for its first question.
fn create_in_walk(data: &Path, name: &str, env: &[(&str, &str)]) -> Session {
    let mut session = Session::spawn_with(data, env);
    session.wait_for("Welcome to convene");
    session.send("n");
    session.wait_for("Name of the new community:");
    session.type_text(name);
    session.wait_for(name);
    session.send(ENTER);
    session.wait_for("Section 1/16");
    session
}

/// Starts `convene open FILE`, straight into the walk, and waits for its first question.
fn open_in_walk(data: &Path, file: &Path, env: &[(&str, &str)]) -> Session {
    let file = file.to_str().expect("a UTF-8 temp path");
    let session = Session::spawn_args(data, &["open", file], env);
    session.wait_for("Section 1/16");
    session
}

/// The one community file in `data`.
fn community_file(data: &Path) -> PathBuf {
    let files: Vec<PathBuf> = fs::read_dir(data)
        .expect("read the data dir")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    assert_eq!(files.len(), 1, "one community file in {}", data.display());
    files.into_iter().next().unwrap_or_default()
}

/// The answer to the first question in a parsed community file ("" when there is none).
fn answer_in(doc: &DocumentMut) -> String {
    let Some(item) = doc.get(QUESTION[0]).and_then(|a| a.get(QUESTION[1])) else {
        return String::new();
    };
    item.as_str()
        .unwrap_or_else(|| panic!("{} is not a string:\n{doc}", QUESTION.join(".")))
        .to_string()
}

/// The answer to the first question in the community file at `path`.
fn answer(path: &Path) -> String {
    answer_in(&read_community(path))
}

/// The last position of `needle` in `haystack`.
fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

/// The first position of `needle` in `haystack` at or after `from`.
fn find(haystack: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    haystack[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| from + i)
}

/// Checks that the app gave the terminal back after its last frame: every mode it turned on is
/// turned off after it was last turned on, the alternate screen was left after `last_drawn` was
/// last drawn, the cursor is shown, and the line discipline is canonical with echo again.
/// Returns where the output first left the alternate screen after the last frame.
fn assert_terminal_restored(session: &Session, what: &str, last_drawn: &str) -> usize {
    let out = session.output();
    let raw = &out.raw;
    let shown = || String::from_utf8_lossy(raw).into_owned();
    assert!(
        rfind(raw, ENTER_ALTERNATE_SCREEN).is_some(),
        "{what}: the app never entered the alternate screen:\n{}",
        shown()
    );
    let drawn = rfind(raw, last_drawn.as_bytes())
        .unwrap_or_else(|| panic!("{what}: {last_drawn:?} was never drawn:\n{}", shown()));
    let left = find(raw, drawn, LEAVE_ALTERNATE_SCREEN).unwrap_or_else(|| {
        panic!("{what}: the alternate screen was not left after the last frame (byte {drawn})")
    });
    for (mode, on, off) in [
        (
            "alternate screen",
            ENTER_ALTERNATE_SCREEN,
            LEAVE_ALTERNATE_SCREEN,
        ),
        ("hidden cursor", HIDE_CURSOR, SHOW_CURSOR),
        ("bracketed paste", b"\x1b[?2004h".as_slice(), b"\x1b[?2004l"),
        ("mouse reporting", b"\x1b[?1000h".as_slice(), b"\x1b[?1000l"),
    ] {
        let last_on = rfind(raw, on);
        let last_off = rfind(raw, off);
        assert!(
            last_off.is_some() && last_off > last_on,
            "{what}: {mode} left on (last on at byte {last_on:?}, last off at {last_off:?})"
        );
    }
    let tail = &raw[left..];
    assert!(
        rfind(tail, SHOW_CURSOR).is_some(),
        "{what}: the cursor was not shown after leaving the alternate screen"
    );
    let screen = out.screen.screen();
    assert!(
        !screen.alternate_screen(),
        "{what}: the terminal is still on the alternate screen"
    );
    assert!(!screen.hide_cursor(), "{what}: the cursor is still hidden");
    drop(out);
    assert_eq!(
        session.line_mode(),
        LineMode {
            canonical: true,
            echo: true
        },
        "{what}: the terminal was left in raw mode"
    );
    left
}

/// Asserts the app runs in raw mode: no line editing, no echo.
fn assert_raw(session: &Session) {
    assert_eq!(
        session.line_mode(),
        LineMode {
            canonical: false,
            echo: false
        },
        "the app is running, so the terminal should be in raw mode"
    );
}

// ---------------------------------------------------------------------------------------------
// kill -9

/// What the kill trials found.
#[derive(Debug, Default)]
struct Figures {
    trials: usize,
    keys: usize,
    /// Words typed before the cut-off of their trial (each must be on disk).
    words_due: usize,
    words_lost: usize,
    /// Files that did not load: not TOML, or not a community.
    corrupt_files: usize,
    /// Answers on disk that are not what was typed (not a prefix of it).
    garbled_answers: usize,
    /// Trials where some of what was typed in that trial reached the disk before the kill.
    trials_with_saved_typing: usize,
    recovery_copies: usize,
    /// The longest any key not yet on disk had been typed when the app was killed: what a
    /// `kill -9` can really take (to compare with the cut-off).
    oldest_unsaved: Duration,
    /// Temporary files seen after a kill (an interrupted save), by name.
    temp_files: Vec<String>,
}

/// What one trial typed.
struct Typed {
    text: String,
    /// For each key: when it was sent, and the length of `text` once it was.
    keys: Vec<(Instant, usize)>,
    killed_at: Instant,
}

/// Types random words with human gaps between keys (5–40 ms, an Enter now and then), `lead`
/// first if given, and kills the app with SIGKILL `kill_after` after the first key.
fn type_until_killed(
    session: &mut Session,
    rng: &mut Rng,
    kill_after: Duration,
    lead: Option<char>,
) -> Typed {
    const LETTERS: &[u8] = b"abcdefghijklmnopqrstuvwxyz";
    const ACCENTED: [char; 5] = ['é', 'ü', 'ß', 'ç', 'ø'];
    let start = Instant::now();
    let kill_at = start + kill_after;
    let mut text = String::new();
    let mut keys = Vec::new();
    let mut pending: Vec<char> = lead.into_iter().collect();
    loop {
        if Instant::now() >= kill_at {
            break;
        }
        if pending.is_empty() {
            let len = rng.between(1, 9);
            for _ in 0..len {
                pending.push(if rng.one_in(30) {
                    ACCENTED[rng.between(0, ACCENTED.len() as u64 - 1) as usize]
                } else {
                    LETTERS[rng.between(0, LETTERS.len() as u64 - 1) as usize] as char
                });
            }
            pending.push(if rng.one_in(8) { '\n' } else { ' ' });
            pending.reverse();
        }
        let c = pending.pop().unwrap_or(' ');
        let mut buf = [0u8; 4];
        session.send(if c == '\n' {
            ENTER
        } else {
            c.encode_utf8(&mut buf)
        });
        text.push(c);
        keys.push((Instant::now(), text.len()));
        let gap = Duration::from_millis(rng.between(5, 40));
        std::thread::sleep(gap.min(kill_at.saturating_duration_since(Instant::now())));
    }
    let killed_at = Instant::now();
    signal(session, "KILL");
    Typed {
        text,
        keys,
        killed_at,
    }
}

/// How many words of `text` do not lie whole within its first `kept` bytes.
fn words_beyond(text: &str, kept: usize) -> usize {
    let mut in_word = false;
    let mut count = 0;
    for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
        let separator = c == ' ' || c == '\n';
        if separator && in_word && i > kept {
            count += 1;
        }
        in_word = !separator;
    }
    count
}

/// The length in bytes of the longest common prefix of `a` and `b`.
fn common_prefix(a: &str, b: &str) -> usize {
    a.char_indices()
        .zip(b.chars())
        .find(|((_, x), y)| x != y)
        .map_or(a.len().min(b.len()), |((i, _), _)| i)
}

/// Loads every file in `dir` (and below) but convene's lock marks and temporary files (listed in
/// `temps`): each must be TOML and a community. Returns the loaded ones with their bytes.
fn load_all(
    store: &Store,
    dir: &Path,
    figures: &mut Figures,
    temps: &mut Vec<String>,
) -> Vec<(PathBuf, Vec<u8>, DocumentMut)> {
    let mut loaded = Vec::new();
    let Ok(entries) = fs::read_dir(dir) else {
        return loaded;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if name == LOCK_DIR {
            // Lock marks of the convene that was killed: not community files (see store::lock).
            continue;
        }
        if path.is_dir() {
            loaded.extend(load_all(store, &path, figures, temps));
            continue;
        }
        if name.starts_with(TEMP_PREFIX) {
            temps.push(name);
            continue;
        }
        let bytes = fs::read(&path).unwrap_or_default();
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let doc = match text.parse::<DocumentMut>() {
            Ok(doc) => doc,
            Err(e) => {
                figures.corrupt_files += 1;
                eprintln!("CORRUPT: {} is not TOML: {e}\n{text}", path.display());
                continue;
            }
        };
        if let Err(e) = store.load(&path) {
            figures.corrupt_files += 1;
            eprintln!(
                "CORRUPT: {} is not a community: {e}\n{text}",
                path.display()
            );
            continue;
        }
        loaded.push((path, bytes, doc));
    }
    loaded
}

#[test]
fn kill_9_at_any_moment_keeps_every_file_whole_and_loses_nothing_older_than_the_autosave() {
    let began = Instant::now();
    let trials = env_number("CONVENE_KILL_TRIALS", KILL_TRIALS as u64) as usize;
    let seed = env_number(
        "CONVENE_KILL_SEED",
        SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .map_or(1, |d| d.as_nanos() as u64),
    );
    eprintln!("kill -9: {trials} trials, CONVENE_KILL_SEED={seed}");
    let mut rng = Rng(seed);
    let dirs = Dirs::new();
    let env = [(RECOVERY_ENV, dirs.recovery_str())];
    // Opened before any convene runs, so its sweep finds nothing; only used to load files.
    let store = Store::open(&dirs.data).expect("open the data dir");
    let cut = AUTOSAVE_DELAY + SCHEDULING_MARGIN;

    let mut figures = Figures::default();
    // The answer on disk: what the next run will open with.
    let mut on_disk = String::new();
    let mut file = PathBuf::new();
    // Recovery copies already seen, so a trial only counts the ones it made.
    let mut recovery_seen: HashMap<PathBuf, Vec<u8>> = HashMap::new();

    for trial in 0..trials {
        let mut session = if trial == 0 {
            let session = create_in_walk(&dirs.data, "Kill nine", &env);
            file = community_file(&dirs.data);
            session
        } else {
            // The walk opens an answer with the caret at its end (`Walk::load_editor` moves it
            // to the bottom line's end), so what is typed now appends to what is on disk.
            open_in_walk(&dirs.data, &file, &env)
        };
        let base = on_disk.clone();
        // A kill can leave the answer ending mid-word: start this trial's words after a space.
        let lead = (!base.is_empty() && !base.ends_with([' ', '\n'])).then_some(' ');
        let kill_after = Duration::from_millis(rng.between(300, 5000));
        let typed = type_until_killed(&mut session, &mut rng, kill_after, lead);
        let status = session.wait_exit();
        assert!(
            !status.success(),
            "trial {trial}: convene survived kill -9 ({status:?})"
        );
        drop(session);
        figures.trials += 1;
        figures.keys += typed.keys.len();

        // What must be on disk: all that was typed before the cut-off.
        let due = typed.killed_at.checked_sub(cut).map_or(0, |cutoff| {
            typed
                .keys
                .iter()
                .take_while(|(at, _)| *at <= cutoff)
                .last()
                .map_or(0, |(_, len)| *len)
        });
        let all = format!("{base}{}", typed.text);
        let must_keep = &all[..base.len() + due];
        figures.words_due += words_beyond(&typed.text[..due], 0);

        // Every file whole; the community file first, then recovery copies made in this trial.
        let mut temps = Vec::new();
        let data_files = load_all(&store, &dirs.data, &mut figures, &mut temps);
        let recovery_files = load_all(&store, &dirs.recovery, &mut figures, &mut temps);
        for name in temps {
            if !figures.temp_files.contains(&name) {
                eprintln!("trial {trial}: temporary file {name} left by the kill");
                figures.temp_files.push(name);
            }
        }
        let Some((_, _, doc)) = data_files.iter().find(|(p, _, _)| *p == file) else {
            panic!(
                "trial {trial}: the community file {} did not load",
                file.display()
            );
        };
        let community_answer = answer_in(doc);
        let mut candidates = vec![("community file".to_string(), community_answer.clone())];
        for (path, bytes, doc) in recovery_files {
            if recovery_seen.get(&path) != Some(&bytes) {
                figures.recovery_copies += 1;
                eprintln!("trial {trial}: recovery copy {}", path.display());
                candidates.push((path.display().to_string(), answer_in(&doc)));
                recovery_seen.insert(path, bytes);
            }
        }

        for (source, text) in &candidates {
            if !all.starts_with(text.as_str()) {
                figures.garbled_answers += 1;
                eprintln!(
                    "trial {trial}: the answer in the {source} is not what was typed:\n\
                     on disk: {text:?}\ntyped:   {all:?}"
                );
            }
        }
        let kept = candidates
            .iter()
            .map(|(_, text)| common_prefix(must_keep, text))
            .max()
            .unwrap_or(0);
        if kept < must_keep.len() {
            let lost = words_beyond(must_keep, kept);
            figures.words_lost += lost;
            eprintln!(
                "trial {trial}: LOST {lost} word(s): killed {kill_after:?} after typing began, \
                 {} keys sent, {due} bytes typed more than {cut:?} before the kill, but only \
                 {} of {} bytes kept:\nmust keep: {:?}\non disk:   {community_answer:?}",
                typed.keys.len(),
                kept.saturating_sub(base.len()),
                due,
                &must_keep[base.len().min(kept)..],
            );
        }
        if community_answer.len() > base.len() {
            figures.trials_with_saved_typing += 1;
        }
        // How long the oldest key not on disk had been typed when the app was killed.
        let on_disk_here = common_prefix(&all, &community_answer).saturating_sub(base.len());
        if let Some((sent, _)) = typed.keys.iter().find(|(_, len)| *len > on_disk_here) {
            let age = typed.killed_at.saturating_duration_since(*sent);
            figures.oldest_unsaved = figures.oldest_unsaved.max(age);
        }
        on_disk = community_answer;
    }

    let elapsed = began.elapsed();
    eprintln!(
        "kill -9 figures: {} trials in {:.1?}; {} keys typed; {} words typed more than {cut:?} \
         before a kill, {} of them lost; {} corrupt files; {} garbled answers; {} temporary \
         files left {:?}; {} recovery copies; {} trials saved some of their own typing before \
         the kill; the oldest key not on disk at a kill was typed {:?} before it; final answer \
         {} bytes",
        figures.trials,
        elapsed,
        figures.keys,
        figures.words_due,
        figures.words_lost,
        figures.corrupt_files,
        figures.garbled_answers,
        figures.temp_files.len(),
        figures.temp_files,
        figures.recovery_copies,
        figures.trials_with_saved_typing,
        figures.oldest_unsaved,
        on_disk.len(),
    );
    assert_eq!(figures.corrupt_files, 0, "corrupt files: {figures:?}");
    assert_eq!(figures.garbled_answers, 0, "garbled answers: {figures:?}");
    assert_eq!(figures.words_lost, 0, "words lost: {figures:?}");
    assert!(
        figures.keys > 0 && figures.trials == trials,
        "the trials typed nothing: {figures:?}"
    );
    if trials >= 10 {
        assert!(
            figures.words_due > 0 && figures.trials_with_saved_typing > 0,
            "no trial ran long enough to prove an autosave: {figures:?}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// A panic, a closed terminal, Ctrl-Q

/// Starts the app with the crash key on, types, presses F12 straight away and waits for the
/// app to exit; checks that it failed and that what was typed is on disk.
fn crash() -> (Session, Dirs) {
    let dirs = Dirs::new();
    // No backtrace: the whole message then fits on the screen, where the test looks for it.
    let env = [
        (RECOVERY_ENV, dirs.recovery_str()),
        (PANIC_ENV, "1"),
        ("RUST_BACKTRACE", "0"),
    ];
    let mut session = create_in_walk(&dirs.data, "Panic", &env);
    assert_raw(&session);
    let file = community_file(&dirs.data);
    let words = format!("typed just before the crash é 🙂 last {LAST_KEY}");

    let first_key = Instant::now();
    session.type_text(&words);
    // Not saved yet: what is on disk after the crash was saved on the way out.
    assert_eq!(answer(&file), "", "saved before the crash");
    session.send(F12);
    let typing = first_key.elapsed();
    assert!(
        typing < AUTOSAVE_DELAY / 2,
        "typing took {typing:?}: too slow to tell the crash's save from the autosave"
    );

    let status = session.wait_exit();
    assert!(
        !status.success(),
        "convene exited successfully after a panic ({status:?})"
    );
    assert_eq!(answer(&file), words, "what was typed before the panic");
    (session, dirs)
}

/// What the panic hook prints, and what `main` prints after it.
const PANIC_MESSAGE: &str = "a deliberate crash for testing";
const STOPPED_MESSAGE: &str = "stopped on an internal error";

#[test]
fn a_panic_saves_what_was_typed_and_gives_the_terminal_back() {
    let (session, _dirs) = crash();
    let left = assert_terminal_restored(&session, "after a panic", LAST_KEY);

    // The messages are printed after the alternate screen was left, so they stay readable.
    let (after, screen) = {
        let out = session.output();
        (
            String::from_utf8_lossy(&out.raw[left..]).into_owned(),
            out.screen.screen().contents(),
        )
    };
    for message in [PANIC_MESSAGE, STOPPED_MESSAGE] {
        assert!(
            after.contains(message),
            "{message:?} was not printed after leaving the alternate screen:\n{after}"
        );
        assert!(
            screen.contains(message),
            "{message:?} is not on the normal screen:\n{screen}"
        );
    }
}

/// After a panic, the last line ("… (above); your answers were saved") must come below the
/// panic message, and the cursor (where the shell's prompt goes) below both.
#[test]
fn after_a_panic_the_messages_read_in_order_and_the_prompt_comes_below() {
    let (session, _dirs) = crash();
    let out = session.output();
    let screen = out.screen.screen();
    let rows: Vec<String> = screen.rows(0, COLS.get()).collect();
    let row_of = |text: &str| rows.iter().position(|r| r.contains(text));
    let panic_row = row_of(PANIC_MESSAGE);
    let stopped_row = row_of(STOPPED_MESSAGE);
    let (cursor_row, _) = screen.cursor_position();
    assert!(
        panic_row.is_some()
            && stopped_row > panic_row
            && Some(usize::from(cursor_row)) > stopped_row,
        "panic message on row {panic_row:?}, last line on row {stopped_row:?}, cursor on row \
         {cursor_row}:\n{}",
        rows.join("\n")
    );
}

#[test]
fn closing_the_terminal_saves_what_was_typed_and_the_app_leaves_on_its_own() {
    let dirs = Dirs::new();
    let env = [(RECOVERY_ENV, dirs.recovery_str())];
    let mut session = create_in_walk(&dirs.data, "Hang up", &env);
    let file = community_file(&dirs.data);
    let words = "typed just before the window closed é 🙂";
    session.type_text(words);
    // Every character on screen, so none is still on its way in when the terminal closes (what
    // a program never read from a closed terminal is gone for any program).
    session.wait_for("closed é 🙂");
    assert_eq!(answer(&file), "", "saved before the terminal closed");

    let closed = Instant::now();
    session.hang_up();
    let status = session.wait_exit_within(Duration::from_secs(5));
    eprintln!(
        "terminal closed: convene exited after {:?} with {status:?}",
        closed.elapsed()
    );
    assert_eq!(
        answer(&file),
        words,
        "what was typed before the terminal closed"
    );
}

#[test]
fn ctrl_q_straight_after_typing_saves_and_gives_the_terminal_back() {
    let dirs = Dirs::new();
    let env = [(RECOVERY_ENV, dirs.recovery_str())];
    let mut session = create_in_walk(&dirs.data, "Quit", &env);
    assert_raw(&session);
    let file = community_file(&dirs.data);
    let words = format!("typed just before quitting é 🙂 last {LAST_KEY}");
    session.type_text(&words);
    assert_eq!(answer(&file), "", "saved before the quit");
    session.send(CTRL_Q);

    let status = session.wait_exit();
    assert!(status.success(), "Ctrl-Q: convene exited with {status:?}");
    assert_eq!(answer(&file), words, "what was typed before Ctrl-Q");
    assert_terminal_restored(&session, "after Ctrl-Q", LAST_KEY);
}

// ---------------------------------------------------------------------------------------------
// Temporary files left by interrupted saves

/// Sets a file's modification time.
fn set_mtime(path: &Path, time: SystemTime) {
    File::options()
        .write(true)
        .open(path)
        .and_then(|f| f.set_modified(time))
        .unwrap_or_else(|e| panic!("set the mtime of {}: {e}", path.display()));
}

#[test]
fn a_start_sweeps_stale_temporary_files_and_keeps_fresh_ones_and_the_communities() {
    let dirs = Dirs::new();
    let bin = env!("CARGO_BIN_EXE_convene");
    let run = |args: &[&str]| {
        let out = Command::new(bin)
            .arg("--dir")
            .arg(&dirs.data)
            .args(args)
            .env_remove("CONVENE_DIR")
            .env(RECOVERY_ENV, &dirs.recovery)
            .output()
            .expect("run convene");
        assert!(
            out.status.success(),
            "convene {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    run(&["new", "Sweep"]);
    let community = community_file(&dirs.data);
    let an_hour_ago = SystemTime::now() - Duration::from_secs(3600);
    // An old community file: only temporary files may go, however old.
    set_mtime(&community, an_hour_ago);
    let bytes = fs::read(&community).expect("read the community");

    // Each way of starting convene sweeps: a command, and the app on a terminal.
    for (i, how) in ["convene list", "the app"].into_iter().enumerate() {
        let stale = dirs.data.join(format!("{TEMP_PREFIX}stale{i}.part"));
        let fresh = dirs.data.join(format!("{TEMP_PREFIX}fresh{i}.part"));
        fs::write(&stale, "half a save").expect("write the stale temp file");
        fs::write(&fresh, "a save in progress").expect("write the fresh temp file");
        set_mtime(&stale, an_hour_ago);

        if how == "the app" {
            let session = Session::spawn_with(&dirs.data, &[(RECOVERY_ENV, dirs.recovery_str())]);
            session.wait_for("Sweep");
            session.quit();
        } else {
            let listing = run(&["list"]);
            assert!(listing.contains("Sweep"), "{how}: listing:\n{listing}");
        }

        assert!(
            !stale.exists(),
            "{how}: the hour-old temporary file is still there"
        );
        assert_eq!(
            fs::read_to_string(&fresh).ok().as_deref(),
            Some("a save in progress"),
            "{how}: the fresh temporary file was touched"
        );
        assert_eq!(
            fs::read(&community).ok(),
            Some(bytes.clone()),
            "{how}: the community file changed"
        );
        let mtime = fs::metadata(&community)
            .and_then(|m| m.modified())
            .expect("the community file's mtime");
        assert!(
            mtime < SystemTime::now() - Duration::from_secs(1800),
            "{how}: the community file was written (mtime {mtime:?})"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// A save that fails, then kill -9: the recovery copy is offered at the next start

#[test]
fn work_that_could_not_be_saved_survives_kill_9_and_is_offered_at_the_next_start() {
    let dirs = Dirs::new();
    let env = [(RECOVERY_ENV, dirs.recovery_str())];
    let mut session = create_in_walk(&dirs.data, "Blocked", &env);
    let file = community_file(&dirs.data);
    // A folder where the file should be: every save fails from now on.
    fs::remove_file(&file).expect("remove the file");
    fs::create_dir(&file).expect("put a folder in its place");
    let words = "kept only in memory é 🙂";
    session.type_text(words);
    session.wait_for("Not saved: a folder is in the way");
    session.wait_for(dirs.recovery_str());
    signal(&session, "KILL");
    session.wait_exit();

    fs::remove_dir(&file).expect("the folder goes");
    let mut session = Session::spawn_with(&dirs.data, &env);
    session.wait_for("unsaved work for \"Blocked\" was kept in a recovery copy");
    session.send(ENTER);
    session.wait_for("Restored \"Blocked\" into blocked.toml");
    assert_eq!(answer(&file), words, "restored from the recovery copy");
    assert_eq!(
        fs::read_dir(&dirs.recovery).expect("recovery dir").count(),
        0,
        "the copy is gone once restored"
    );
    session.quit();
}
