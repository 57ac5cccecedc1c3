//! Special files in and around the data folder: FIFOs, devices, links (dangling, looping, or
//! leading out of the data folder) and folders named like communities — as a real user would
//! meet them, with real FIFOs and symlinks. Nothing may block, nothing may be read endlessly,
//! and nothing may be written outside the data folder.
//!
//! Every run of the binary has a deadline: a test that would hang on a FIFO fails instead.

#![cfg(unix)]

mod common;

use std::fs;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use convene::guide::Guide;
use convene::store::{Entry, Recovery, Store, TEMP_PREFIX};
use convene::tui::{App, Screen};
use crossterm::event::KeyCode;

use common::drive::press;
use common::make_stale;

/// Longer than any of these commands takes; far shorter than a FIFO's wait (forever).
const DEADLINE: Duration = Duration::from_secs(20);

fn convene(dir: &Path) -> assert_cmd::Command {
    let mut cmd = common::convene(dir);
    cmd.timeout(DEADLINE);
    cmd
}

/// Runs `cmd`, failing the test if it does not finish by the deadline; (success, stdout, stderr).
fn run(cmd: &mut assert_cmd::Command) -> (bool, String, String) {
    let out = cmd.output().expect("convene runs");
    assert!(
        out.status.code().is_some(),
        "convene was killed (it blocked past the deadline?): {out:?}"
    );
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(status.success());
}

/// The special files and why each is unreadable, as `list`, `check` and home must say it.
const SPECIAL: &[(&str, &str)] = &[
    ("x.toml", "a FIFO (named pipe), not a file"),
    ("dangling.toml", "a link to a file that does not exist"),
    ("loop.toml", "a link that leads back to itself"),
    ("y.toml", "a folder, not a file"),
    ("zero.toml", "a device, not a file"),
];

/// A data folder holding one good community and every kind of special file.
fn special_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (ok, ..) = run(convene(d).args(["new", "Good one"]));
    assert!(ok);
    mkfifo(&d.join("x.toml"));
    symlink(d.join("nothing-here.toml"), d.join("dangling.toml")).unwrap();
    symlink(d.join("loop.toml"), d.join("loop.toml")).unwrap();
    fs::create_dir(d.join("y.toml")).unwrap();
    symlink("/dev/zero", d.join("zero.toml")).unwrap();
    dir
}

#[test]
fn list_names_every_special_file_with_its_reason_and_does_not_block() {
    let dir = special_folder();
    // Twice: the second listing goes through the index, which must not hide them either.
    for _ in 0..2 {
        let (ok, out, err) = run(convene(dir.path()).arg("list"));
        assert!(ok, "{err}");
        assert!(out.contains("Good one"), "{out}");
        for (file, reason) in SPECIAL {
            assert!(out.contains(&format!("{file}: {reason}")), "{file}:\n{out}");
        }
    }
}

#[test]
fn check_reports_the_same_reason_and_fails_without_blocking() {
    let dir = special_folder();
    for (file, reason) in SPECIAL {
        let path = dir.path().join(file);
        let (ok, out, _) = run(convene(dir.path()).arg("check").arg(&path));
        assert!(!ok, "{file} must fail the check");
        assert!(out.contains(&format!("error: {reason}")), "{file}: {out}");
    }
}

/// Runs `f` on another thread and fails the test if it does not return by the deadline.
fn within_deadline<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    let (send, receive) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = send.send(f());
    });
    receive
        .recv_timeout(DEADLINE)
        .expect("finished before the deadline (a FIFO or a device blocks it?)")
}

#[test]
fn home_lists_them_as_unreadable_and_refuses_to_open_them() {
    let dir = special_folder();
    let d = dir.path().to_path_buf();
    let (reasons, statuses) = within_deadline(move || {
        let store = Store::open(&d)
            .unwrap()
            .with_recovery(Recovery::in_dir(d.join(".recovery")));
        let mut app = App::new(store, Guide::builtin());
        let Screen::Home(home) = &app.screen else {
            panic!("home first")
        };
        let reasons: Vec<(String, String)> = home
            .entries
            .iter()
            .filter_map(|e| match e {
                Entry::Unreadable { path, reason } => Some((
                    path.file_name().unwrap().to_string_lossy().into_owned(),
                    reason.clone(),
                )),
                Entry::Community(_) => None,
            })
            .collect();
        // Drawn as the room sees it, each with its reason.
        let mut terminal =
            ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 24)).unwrap();
        terminal
            .draw(|frame| convene::tui::view::draw(frame, &app))
            .unwrap();
        let screen = terminal.backend().to_string();
        for (file, reason) in SPECIAL {
            assert!(
                screen.contains(&format!("{file}: unreadable — {reason}")),
                "{file}:\n{screen}"
            );
        }
        // Enter on each unreadable line: refused with the reason, nothing opened.
        let now = Instant::now();
        press(&mut app, KeyCode::Down, now);
        let mut statuses = Vec::new();
        for _ in 0..SPECIAL.len() {
            press(&mut app, KeyCode::Enter, now);
            assert!(matches!(app.screen, Screen::Home(_)));
            statuses.push(app.status.text.clone());
            press(&mut app, KeyCode::Down, now);
        }
        (reasons, statuses)
    });
    for (file, reason) in SPECIAL {
        assert!(
            reasons.contains(&(file.to_string(), reason.to_string())),
            "{file}: {reasons:?}"
        );
        assert!(
            statuses.contains(&format!("Cannot open: {reason}")),
            "{file}: {statuses:?}"
        );
    }
}

#[test]
fn loading_a_special_file_fails_at_once_with_the_reason() {
    let dir = special_folder();
    let d = dir.path().to_path_buf();
    let messages = within_deadline(move || {
        let store = Store::open(&d).unwrap();
        SPECIAL
            .iter()
            .map(|(file, _)| store.load(&d.join(file)).unwrap_err().reason())
            .collect::<Vec<_>>()
    });
    for ((file, reason), message) in SPECIAL.iter().zip(messages) {
        assert!(message.contains(reason), "{file}: {message}");
    }
}

#[test]
fn files_whose_size_lies_are_still_capped() {
    // /proc files say they are empty; reading one is capped like any other file.
    let dir = tempfile::tempdir().unwrap();
    symlink("/proc/self/status", dir.path().join("proc.toml")).unwrap();
    let (ok, out, _) = run(convene(dir.path()).arg("list"));
    assert!(ok);
    assert!(out.contains("proc.toml:"), "{out}");
}

#[test]
fn links_inside_the_data_folder_are_listed_and_links_out_are_marked() {
    let dir = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (ok, path, _) = run(convene(d).args(["new", "Inside"]));
    assert!(ok);
    symlink(path.trim(), d.join("alias.toml")).unwrap();
    let far = elsewhere.path().join("far.toml");
    fs::copy(path.trim(), &far).unwrap();
    let text = fs::read_to_string(&far)
        .unwrap()
        .replace("Inside", "Far away");
    fs::write(&far, text).unwrap();
    symlink(&far, d.join("far.toml")).unwrap();

    let listing = Store::open(d).unwrap().list(Guide::builtin()).unwrap();
    let outside: Vec<(String, bool)> = listing
        .iter()
        .map(|e| match e {
            Entry::Community(s) => (
                s.path.file_name().unwrap().to_string_lossy().into_owned(),
                s.outside.is_some(),
            ),
            Entry::Unreadable { path, reason } => panic!("{path:?}: {reason}"),
        })
        .collect();
    assert_eq!(
        outside,
        [
            ("far.toml".to_string(), true),
            ("alias.toml".to_string(), false),
            ("inside.toml".to_string(), false),
        ]
    );
    let store = Store::open(d)
        .unwrap()
        .with_recovery(Recovery::in_dir(d.join(".recovery")));
    let app = App::new(store, Guide::builtin());
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 24)).unwrap();
    terminal
        .draw(|frame| convene::tui::view::draw(frame, &app))
        .unwrap();
    let screen = terminal.backend().to_string();
    let far_row = screen
        .lines()
        .find(|l| l.contains("Far away"))
        .unwrap_or_default();
    assert!(
        far_row.contains("read-only: a link out of the data folder"),
        "{screen}"
    );
    let (_, out, _) = run(convene(d).arg("list"));
    assert!(
        out.contains("far.toml  (a link to") && out.contains("outside the data folder"),
        "{out}"
    );
    let (ok, out, _) = run(convene(d).arg("check").arg(d.join("far.toml")));
    assert!(ok, "a link out is a warning, not an error: {out}");
    assert!(out.contains("warning: a link to"), "{out}");
}

#[test]
fn the_index_never_caches_what_a_link_or_a_fifo_was() {
    let dir = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    let d = dir.path();
    let store = Store::open(d).unwrap().with_index_in(cache.path());
    let good = store.create("Good", Guide::builtin()).unwrap().path;
    symlink(d.join("later.toml"), d.join("link.toml")).unwrap();
    let reasons = |store: &Store| -> Vec<String> {
        store
            .list(Guide::builtin())
            .unwrap()
            .iter()
            .map(|e| match e {
                Entry::Community(s) => format!("{}: ok", s.path.file_name().unwrap().display()),
                Entry::Unreadable { path, reason } => {
                    format!("{}: {reason}", path.file_name().unwrap().display())
                }
            })
            .collect()
    };
    assert_eq!(
        reasons(&store),
        [
            "good.toml: ok",
            "link.toml: a link to a file that does not exist"
        ]
    );
    // What the link leads to appears: the link's own stamp did not change, the listing must.
    fs::copy(&good, d.join("later.toml")).unwrap();
    assert_eq!(
        reasons(&store),
        ["good.toml: ok", "later.toml: ok", "link.toml: ok"]
    );
    // A listed community becomes a FIFO.
    fs::remove_file(&good).unwrap();
    mkfifo(&good);
    let listed = within_deadline(move || reasons(&store));
    assert_eq!(
        listed,
        [
            "later.toml: ok",
            "link.toml: ok",
            "good.toml: a FIFO (named pipe), not a file"
        ]
    );
}

#[test]
fn a_fifo_in_place_of_the_index_does_not_stop_a_listing() {
    let dir = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap().with_index_in(cache.path());
    store.create("Good", Guide::builtin()).unwrap();
    store.list(Guide::builtin()).unwrap();
    let index = fs::read_dir(cache.path())
        .unwrap()
        .flatten()
        .next()
        .unwrap()
        .path();
    fs::remove_file(&index).unwrap();
    mkfifo(&index);
    let (first, listed) = within_deadline(move || {
        let first = store
            .list_from_index(Guide::builtin().identity(), 10)
            .is_none();
        (first, store.list(Guide::builtin()).unwrap().len())
    });
    assert!(first, "no first frame from a FIFO");
    assert_eq!(listed, 1);
}

#[test]
fn export_output_replaces_only_regular_files() {
    let dir = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let d = dir.path();
    assert!(run(convene(d).args(["new", "Charter"])).0);
    let o = out.path();
    mkfifo(&o.join("pipe.md"));
    symlink(o.join("through.md"), o.join("link.md")).unwrap();
    fs::create_dir(o.join("folder.md")).unwrap();
    let targets: [(PathBuf, &str); 4] = [
        (o.join("pipe.md"), "a FIFO (named pipe), not a regular file"),
        (o.join("link.md"), "a symbolic link, not a regular file"),
        (o.join("folder.md"), "a folder, not a regular file"),
        (PathBuf::from("/dev/null"), "a device, not a regular file"),
    ];
    for (target, why) in &targets {
        let (ok, _, err) = run(convene(d)
            .args(["export", "charter", "--output"])
            .arg(target));
        assert!(!ok, "{target:?} must be refused");
        assert!(
            err.contains(why) && err.contains("nothing was written"),
            "{err}"
        );
    }
    assert!(
        !o.join("through.md").exists(),
        "nothing written through the link"
    );
    assert_eq!(fs::read_dir(o.join("folder.md")).unwrap().count(), 0);
    let names: Vec<_> = fs::read_dir(o)
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(names.len(), 3, "no temporary file left: {names:?}");

    let (ok, stdout, _) = run(convene(d).args(["export", "charter", "--output", "-"]));
    assert!(ok);
    assert!(stdout.starts_with("# Charter"), "{stdout}");
    assert!(!d.join("-").exists() && !Path::new("-").exists());
}

#[test]
fn trash_and_exports_that_lead_out_of_the_data_folder_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    let d = dir.path();
    assert!(run(convene(d).args(["new", "Kept here"])).0);
    symlink(outside.path(), d.join("trash")).unwrap();
    symlink(outside.path(), d.join("exports")).unwrap();
    let store = Store::open(d)
        .unwrap()
        .with_recovery(Recovery::in_dir(d.join(".recovery")));
    let mut app = App::new(store, Guide::builtin());
    let now = Instant::now();

    press(&mut app, KeyCode::Char('x'), now);
    press(&mut app, KeyCode::Char('m'), now);
    assert!(
        app.status.error && app.status.text.contains("leads outside the data folder"),
        "{:?}",
        app.status
    );
    press(&mut app, KeyCode::Delete, now);
    press(&mut app, KeyCode::Char('y'), now);
    assert!(
        app.status.error && app.status.text.contains("leads outside the data folder"),
        "{:?}",
        app.status
    );
    assert!(d.join("kept-here.toml").is_file(), "not moved");
    assert_eq!(fs::read_dir(outside.path()).unwrap().count(), 0);

    // Nor does a listing sweep through them: a stale temporary file out there stays.
    let theirs = outside.path().join(format!("{TEMP_PREFIX}theirs.part"));
    fs::write(&theirs, "not ours to sweep").unwrap();
    make_stale(&theirs);
    assert!(run(convene(d).arg("list")).0);
    assert!(theirs.exists());
}

#[test]
fn a_trash_or_exports_that_is_not_a_folder_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    assert!(run(convene(d).args(["new", "Kept here"])).0);
    mkfifo(&d.join("exports"));
    fs::write(d.join("trash"), "a file").unwrap();
    let store = Store::open(d)
        .unwrap()
        .with_recovery(Recovery::in_dir(d.join(".recovery")));
    let err = store
        .trash(&d.join("kept-here.toml"))
        .unwrap_err()
        .to_string();
    assert!(err.contains("is a file, not a folder"), "{err}");
    let err = store.exports_dir().unwrap_err().to_string();
    assert!(
        err.contains("is a FIFO (named pipe), not a folder"),
        "{err}"
    );
    assert_eq!(fs::read_to_string(d.join("trash")).unwrap(), "a file");
}

#[test]
fn an_interrupted_export_leaves_nothing_behind_for_good() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    assert!(run(convene(d).args(["new", "Swept"])).0);
    let exports = d.join("exports");
    fs::create_dir(&exports).unwrap();
    let stale = exports.join(format!("{TEMP_PREFIX}killed.part"));
    let fresh = exports.join(format!("{TEMP_PREFIX}writing.part"));
    let other = exports.join(format!("{TEMP_PREFIX}not-a-part.md"));
    let charter = exports.join("swept.md");
    for p in [&stale, &fresh, &other, &charter] {
        fs::write(p, "x").unwrap();
    }
    for p in [&stale, &other, &charter] {
        make_stale(p);
    }
    // A stale-looking link of that name is not ours either, nor what it leads to.
    let target = d.join("kept.txt");
    fs::write(&target, "x").unwrap();
    let link = exports.join(format!("{TEMP_PREFIX}link.part"));
    symlink(&target, &link).unwrap();

    assert!(run(convene(d).arg("list")).0);
    assert!(!stale.exists(), "the stale temporary file is swept");
    for p in [&fresh, &other, &charter, &target] {
        assert!(p.exists(), "{p:?} is kept");
    }
    assert!(fs::symlink_metadata(&link).is_ok(), "the link is kept");

    // Next to an --output file elsewhere, at the next export there.
    let out = tempfile::tempdir().unwrap();
    let stale = out.path().join(format!("{TEMP_PREFIX}killed.part"));
    let fresh = out.path().join(format!("{TEMP_PREFIX}writing.part"));
    let mine = out.path().join("notes.txt");
    for p in [&stale, &fresh, &mine] {
        fs::write(p, "x").unwrap();
    }
    make_stale(&stale);
    make_stale(&mine);
    let (ok, _, err) = run(convene(d)
        .args(["export", "swept", "--output"])
        .arg(out.path().join("charter.md")));
    assert!(ok, "{err}");
    assert!(!stale.exists());
    assert!(fresh.exists() && mine.exists());
}

/// `Recovery::pending` compares each copy with its community file: a FIFO in the file's place
/// must not stop the start (it reads through `read_capped`, which never opens one).
#[test]
fn a_recovery_copy_whose_file_became_a_fifo_is_still_offered_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_path_buf();
    let store = Store::open(&d)
        .unwrap()
        .with_recovery(Recovery::in_dir(d.join(".recovery")));
    let mut loaded = store.create("Rec", Guide::builtin()).unwrap();
    loaded.community_mut().name = "Rec changed".into();
    store.keep(&mut loaded, Guide::builtin()).unwrap();
    fs::remove_file(&loaded.path).unwrap();
    mkfifo(&loaded.path);
    let n = within_deadline(move || store.recoveries().len());
    assert_eq!(n, 1);
}
