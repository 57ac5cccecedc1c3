//! Recovery copies belong to the user alone.
//!
//! A copy names the file a restore writes over, so a copy someone else could have written is a
//! way into the facilitator's communities. These tests plant what another user (or a mistake)
//! could leave in a recovery folder — a folder others can write into, a link in the folder's
//! place, a copy owned by someone else or writable by anyone — and check that none of it is
//! read, offered, swept or written through, and that a save failure says why the folder was
//! refused. Where the tests run as root, a real second user (`nobody`, through `setpriv`) runs
//! the built binary to plant a copy in a shared temporary folder, and is then shown unable to
//! read root's copies.

// Owners and modes are Unix notions; elsewhere there is nothing here to prove.
#![cfg(unix)]

mod common;

use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt, symlink};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use convene::community::Answer;
use convene::guide::Guide;
use convene::store::{Loaded, Recovery, Store, StoreError};
use convene::tui::model::walk::AUTOSAVE_DELAY;
use convene::tui::{App, Msg};

use common::drive::{create, type_text};
use common::pty::{CTRL_Q, RECOVERY_ENV, Session, signal};

fn mode(path: &Path) -> u32 {
    fs::symlink_metadata(path).unwrap().permissions().mode() & 0o7777
}

fn is_root() -> bool {
    fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
}

/// A community in `data` with unsaved work in memory.
fn unsaved(store: &Store, name: &str) -> Loaded {
    let mut loaded = store.create(name, Guide::builtin()).unwrap();
    loaded
        .community_mut()
        .set_answer("primary_purpose", Answer::Text("unsaved words".into()));
    loaded
}

/// A store on `data` keeping copies in `recovery` only.
fn store_in(data: &Path, recovery: &Path) -> Store {
    Store::open(data)
        .unwrap()
        .with_recovery(Recovery::in_dir(recovery))
}

/// A valid recovery copy for a community of `data`, written by convene into a private folder
/// and then moved to `dir` (as if it had been written there); returns where it is.
fn plant_copy(data: &Path, dir: &Path, name: &str) -> PathBuf {
    let private = tempfile::tempdir().unwrap();
    let store = store_in(data, private.path());
    let mut loaded = unsaved(&store, name);
    let copy = store.keep(&mut loaded, Guide::builtin()).unwrap();
    assert_eq!(store.recoveries().len(), 1, "the copy is a good one");
    let target = dir.join(copy.file_name().unwrap());
    fs::copy(&copy, &target).unwrap();
    fs::set_permissions(&target, fs::Permissions::from_mode(0o600)).unwrap();
    target
}

#[test]
fn the_folder_is_created_0700_and_copies_are_0600() {
    let data = tempfile::tempdir().unwrap();
    let root = tempfile::tempdir().unwrap();
    let recovery = root.path().join("state/convene/recovery");
    let store = store_in(data.path(), &recovery);
    let mut loaded = unsaved(&store, "Private");
    let copy = store.keep(&mut loaded, Guide::builtin()).unwrap();
    assert_eq!(mode(&recovery), 0o700);
    assert_eq!(mode(&copy), 0o600);
    // Even a copy someone loosened by hand is written back private.
    fs::set_permissions(&copy, fs::Permissions::from_mode(0o644)).unwrap();
    store.keep(&mut loaded, Guide::builtin()).unwrap();
    assert_eq!(mode(&copy), 0o600);
    // The community file keeps the usual mode: only copies are private.
    assert_eq!(mode(&loaded.path), 0o644);
}

#[test]
fn a_folder_others_can_write_into_is_refused_and_nothing_in_it_is_read() {
    for bits in [0o777, 0o770, 0o1777, 0o722] {
        let data = tempfile::tempdir().unwrap();
        let root = tempfile::tempdir().unwrap();
        let shared = root.path().join("recovery");
        fs::create_dir(&shared).unwrap();
        let planted = plant_copy(data.path(), &shared, "Planted");
        let stale = shared.join(".convene-tmp-stale.part");
        fs::write(&stale, "x").unwrap();
        common::make_stale(&stale);
        fs::set_permissions(&shared, fs::Permissions::from_mode(bits)).unwrap();
        let before = fs::read(&planted).unwrap();

        let store = store_in(data.path(), &shared);
        assert!(store.recoveries().is_empty(), "{bits:o}: nothing offered");
        assert!(stale.exists(), "{bits:o}: nothing swept");
        let problems = store.recovery().problems();
        assert_eq!(problems.len(), 1, "{bits:o}");
        assert!(
            problems[0].to_string().contains("can write into it"),
            "{}",
            problems[0]
        );

        let mut loaded = unsaved(&store, "Mine");
        let err = store.keep(&mut loaded, Guide::builtin()).unwrap_err();
        assert!(matches!(err, StoreError::NotPrivate(..)), "{err}");
        assert!(err.to_string().contains("is not private to you"), "{err}");
        assert_eq!(fs::read(&planted).unwrap(), before, "left as it was");
        assert_eq!(mode(&shared), bits, "its mode is not changed");
        assert_eq!(fs::read_dir(&shared).unwrap().count(), 2, "nothing written");
    }
}

#[test]
fn a_refused_folder_is_named_where_the_save_failure_is_reported() {
    let data = tempfile::tempdir().unwrap();
    let root = tempfile::tempdir().unwrap();
    let shared = root.path().join("recovery");
    fs::create_dir(&shared).unwrap();
    fs::set_permissions(&shared, fs::Permissions::from_mode(0o777)).unwrap();
    let now = Instant::now();
    let mut app = App::new(store_in(data.path(), &shared), Guide::builtin());
    let path = create(&mut app, "Blocked", now);
    fs::remove_file(&path).unwrap();
    fs::create_dir(&path).unwrap();
    type_text(&mut app, "Do not lose me", now);
    app.update(Msg::Tick, now + AUTOSAVE_DELAY);
    let status = &app.status.text;
    assert!(status.starts_with("Not saved"), "{status}");
    assert!(
        status.contains("No recovery copy could be written"),
        "{status}"
    );
    assert!(status.contains(&*shared.to_string_lossy()), "{status}");
    assert!(
        status.contains("is not private to you: anyone can write into it"),
        "{status}"
    );
}

#[test]
fn a_link_planted_in_the_folders_place_is_not_followed() {
    let data = tempfile::tempdir().unwrap();
    let temp = tempfile::tempdir().unwrap();
    // Someone makes the fallback's name a link to a folder of theirs, holding a copy for one of
    // our files (here: a private folder of ours, so that only the link is wrong).
    let elsewhere = tempfile::tempdir().unwrap();
    plant_copy(data.path(), elsewhere.path(), "Through a link");
    let fallback = Recovery::fallback_in(temp.path());
    symlink(elsewhere.path(), &fallback).unwrap();
    let recovery = Recovery::with_fallback(None, temp.path());
    let store = Store::open(data.path()).unwrap().with_recovery(recovery);
    assert!(
        store.recoveries().is_empty(),
        "nothing offered through a link"
    );
    let problems = store.recovery().problems();
    assert!(
        problems
            .iter()
            .any(|p| p.to_string().contains("symbolic link")),
        "{problems:?}"
    );
    let mut loaded = unsaved(&store, "Mine");
    let err = store.keep(&mut loaded, Guide::builtin()).unwrap_err();
    assert!(err.to_string().contains("symbolic link"), "{err}");
    assert_eq!(
        fs::read_dir(elsewhere.path()).unwrap().count(),
        1,
        "nothing written through the link"
    );

    // A dangling link is refused too, and not created through.
    fs::remove_file(&fallback).unwrap();
    let target = temp.path().join("where-they-want-it");
    symlink(&target, &fallback).unwrap();
    assert!(store.keep(&mut loaded, Guide::builtin()).is_err());
    assert!(!target.exists());
}

#[test]
fn the_fallback_is_the_users_own_and_taken_by_name_only_when_private() {
    let data = tempfile::tempdir().unwrap();
    let temp = tempfile::tempdir().unwrap();
    let fallback = Recovery::fallback_in(temp.path());
    let uid = fs::metadata("/proc/self").map(|m| m.uid()).ok();
    if let Some(uid) = uid {
        assert!(
            fallback.ends_with(format!("convene-recovery-{uid}")),
            "{fallback:?}"
        );
    }
    let store = Store::open(data.path())
        .unwrap()
        .with_recovery(Recovery::with_fallback(None, temp.path()));
    let mut loaded = unsaved(&store, "Fallback");
    let copy = store.keep(&mut loaded, Guide::builtin()).unwrap();
    assert!(copy.starts_with(&fallback));
    assert_eq!(mode(&fallback), 0o700);
    assert_eq!(store.recoveries().len(), 1);
}

#[test]
fn copies_an_older_convene_left_in_the_shared_name_are_still_offered_when_private() {
    let data = tempfile::tempdir().unwrap();
    let temp = tempfile::tempdir().unwrap();
    let legacy = temp.path().join("convene-recovery");
    fs::create_dir(&legacy).unwrap();
    fs::set_permissions(&legacy, fs::Permissions::from_mode(0o700)).unwrap();
    let copy = plant_copy(data.path(), &legacy, "From before");
    let store = Store::open(data.path())
        .unwrap()
        .with_recovery(Recovery::with_fallback(None, temp.path()));
    let offers = store.recoveries();
    assert_eq!(offers.len(), 1, "read, though never written to");
    assert_eq!(offers[0].path, copy);
    // Someone else's (here: open to all) is skipped without a warning: on a shared machine
    // the old shared name usually belongs to whoever ran convene first.
    fs::set_permissions(&legacy, fs::Permissions::from_mode(0o777)).unwrap();
    assert!(store.recoveries().is_empty());
    assert!(store.recovery().problems().is_empty());
    let mut loaded = unsaved(&store, "New work");
    let kept = store.keep(&mut loaded, Guide::builtin()).unwrap();
    assert!(kept.starts_with(Recovery::fallback_in(temp.path())));
}

#[test]
fn copies_no_one_else_could_have_written_are_the_only_ones_offered() {
    let data = tempfile::tempdir().unwrap();
    let recovery = tempfile::tempdir().unwrap();
    let copy = plant_copy(data.path(), recovery.path(), "Checked");
    let store = store_in(data.path(), recovery.path());
    assert_eq!(store.recoveries().len(), 1, "the control: a good copy");

    fs::set_permissions(&copy, fs::Permissions::from_mode(0o666)).unwrap();
    assert!(store.recoveries().is_empty(), "writable by anyone");
    fs::set_permissions(&copy, fs::Permissions::from_mode(0o620)).unwrap();
    assert!(store.recoveries().is_empty(), "writable by its group");
    fs::set_permissions(&copy, fs::Permissions::from_mode(0o600)).unwrap();

    // A link to a good copy is not a copy.
    let moved = tempfile::tempdir().unwrap();
    let real = moved.path().join("real.toml");
    fs::rename(&copy, &real).unwrap();
    symlink(&real, &copy).unwrap();
    assert!(store.recoveries().is_empty(), "a link");
    fs::remove_file(&copy).unwrap();
    fs::rename(&real, &copy).unwrap();
    assert_eq!(store.recoveries().len(), 1);

    if !is_root() {
        eprintln!("skipped the part with another owner: giving a file away needs root");
        return;
    }
    std::os::unix::fs::chown(&copy, Some(65534), Some(65534)).unwrap();
    assert!(store.recoveries().is_empty(), "owned by someone else");
    assert!(copy.exists(), "and left where it is");
    std::os::unix::fs::chown(&copy, Some(0), Some(0)).unwrap();
    std::os::unix::fs::chown(recovery.path(), Some(65534), Some(65534)).unwrap();
    assert!(
        store.recoveries().is_empty(),
        "in a folder owned by someone else"
    );
    let problems = store.recovery().problems();
    assert!(
        problems[0]
            .to_string()
            .contains("it belongs to another user (user id 65534)"),
        "{problems:?}"
    );
}

// ---------------------------------------------------------------------------------------------
// A real second user, where the tests run as root

/// The uid and gid of `nobody`, and how to run a program as them; `None` (with the reason
/// printed) when the test cannot be run here.
fn second_user() -> Option<(u32, Vec<String>)> {
    if !is_root() {
        eprintln!("skipped: running convene as a second user needs root");
        return None;
    }
    let id = |flag: &str| -> Option<u32> {
        let out = Command::new("id").args([flag, "nobody"]).output().ok()?;
        String::from_utf8(out.stdout).ok()?.trim().parse().ok()
    };
    let (Some(uid), Some(gid)) = (id("-u"), id("-g")) else {
        eprintln!("skipped: there is no user 'nobody' to be the second user");
        return None;
    };
    let has = |tool: &str| {
        Command::new(tool)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    };
    // setpriv execs the program (so a signal reaches convene itself); runuser would fork.
    if !has("setpriv") {
        eprintln!("skipped: setpriv is not installed");
        return None;
    }
    let wrapper = vec![
        "setpriv".to_string(),
        format!("--reuid={uid}"),
        format!("--regid={gid}"),
        "--clear-groups".to_string(),
        "--".to_string(),
    ];
    Some((uid, wrapper))
}

/// A layout like a shared machine's: `tmp` is writable by all (sticky, like `/tmp`), `data` is
/// root's data folder that others can read but not write, `home` is root's own.
struct Machine {
    _root: tempfile::TempDir,
    tmp: PathBuf,
    data: PathBuf,
    home: PathBuf,
}

impl Machine {
    fn new() -> Machine {
        let root = tempfile::tempdir().unwrap();
        fs::set_permissions(root.path(), fs::Permissions::from_mode(0o755)).unwrap();
        let tmp = root.path().join("tmp");
        let data = root.path().join("data");
        let home = root.path().join("home");
        fs::create_dir(&tmp).unwrap();
        fs::set_permissions(&tmp, fs::Permissions::from_mode(0o1777)).unwrap();
        fs::create_dir(&data).unwrap();
        fs::set_permissions(&data, fs::Permissions::from_mode(0o755)).unwrap();
        fs::create_dir(&home).unwrap();
        fs::set_permissions(&home, fs::Permissions::from_mode(0o700)).unwrap();
        Machine {
            _root: root,
            tmp,
            data,
            home,
        }
    }

    /// Root's convene as it would run on this machine: no recovery folder chosen, so the state
    /// folder in root's home, then the temporary folder's fallback.
    fn roots_convene(&self) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_convene"));
        cmd.env_remove(RECOVERY_ENV)
            .env_remove("CONVENE_DIR")
            .env("TMPDIR", &self.tmp)
            .env("HOME", &self.home)
            .env("XDG_STATE_HOME", self.home.join("state"))
            .env("XDG_CACHE_HOME", self.home.join("cache"))
            .arg("--dir")
            .arg(&self.data);
        cmd
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn a_copy_another_user_plants_in_the_shared_temporary_folder_is_never_offered() {
    let Some((uid, wrapper)) = second_user() else {
        return;
    };
    let machine = Machine::new();
    let made = machine
        .roots_convene()
        .args(["new", "Harbour pilots"])
        .output()
        .unwrap();
    assert!(made.status.success(), "{}", text(&made.stderr));
    let file = machine.data.join("harbour-pilots.toml");
    let before = fs::read(&file).unwrap();

    // The other user takes the name root's fallback folder will have, opens root's community
    // (readable, not writable by them) and types: every save fails, so their convene writes a
    // recovery copy, naming root's file, into that folder.
    let squatted = Recovery::fallback_in(&machine.tmp);
    assert!(squatted.ends_with("convene-recovery-0"));
    let wrapper: Vec<&str> = wrapper.iter().map(String::as_str).collect();
    let theirs = machine.tmp.join("their-home");
    let their_cache = machine.tmp.join("their-cache");
    let env = [
        (RECOVERY_ENV, squatted.to_str().unwrap()),
        ("TMPDIR", machine.tmp.to_str().unwrap()),
        ("HOME", theirs.to_str().unwrap()),
        ("CONVENE_CACHE_DIR", their_cache.to_str().unwrap()),
    ];
    let mut session =
        Session::spawn_through(&wrapper, &machine.data, &["open", "Harbour pilots"], &env);
    session.type_text("Words that are not root's");
    session.wait_for("Not saved");
    wait_for_file_in(&squatted, &session);
    signal(&session, "KILL");
    session.wait_exit();
    let planted: Vec<PathBuf> = fs::read_dir(&squatted)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    assert_eq!(planted.len(), 1, "{planted:?}");
    assert_eq!(fs::metadata(&squatted).unwrap().uid(), uid);
    assert_eq!(fs::metadata(&planted[0]).unwrap().uid(), uid);
    let planted_bytes = fs::read(&planted[0]).unwrap();
    assert!(text(&planted_bytes).contains("harbour-pilots.toml"));

    // The control: for its owner, it is a copy like any other, offered by `list`.
    let mut as_them = Command::new(wrapper[0]);
    as_them
        .args(&wrapper[1..])
        .arg(env!("CARGO_BIN_EXE_convene"))
        .arg("--dir")
        .arg(&machine.data)
        .arg("list");
    for (key, value) in env {
        as_them.env(key, value);
    }
    let listed = as_them.output().unwrap();
    assert!(
        text(&listed.stderr).contains("Harbour pilots (for harbour-pilots.toml)"),
        "{}",
        text(&listed.stderr)
    );

    // Root's convene refuses the folder, says so, offers nothing and touches nothing.
    let listed = machine.roots_convene().arg("list").output().unwrap();
    assert!(listed.status.success());
    let stderr = text(&listed.stderr);
    assert!(
        stderr.contains(&format!(
            "{} is not private to you: it belongs to another user (user id {uid})",
            squatted.display()
        )),
        "{stderr}"
    );
    assert!(!stderr.contains("Unsaved work"), "{stderr}");

    let env = root_env(&machine);
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let mut home = Session::spawn_through(&[], &machine.data, &[], &env);
    home.wait_for("Harbour pilots");
    // Home says at once that the folder is refused (the line may wrap: its start is enough).
    home.wait_for("is not private to you");
    assert!(
        !home.screen().contains("recovery copy"),
        "nothing offered:\n{}",
        home.screen()
    );
    home.send(CTRL_Q);
    home.wait_exit();
    assert_eq!(fs::read(&file).unwrap(), before, "root's file untouched");
    assert_eq!(
        fs::read(&planted[0]).unwrap(),
        planted_bytes,
        "their copy too"
    );

    // And when root's own save fails, the copy goes to root's state folder, not theirs.
    let store = Store::open(&machine.data)
        .unwrap()
        .with_recovery(Recovery::with_fallback(None, &machine.tmp));
    let mut loaded = store.load(&file).unwrap();
    loaded
        .community_mut()
        .set_answer("primary_purpose", Answer::Text("root's words".into()));
    let err = store.keep(&mut loaded, Guide::builtin()).unwrap_err();
    assert!(
        err.to_string()
            .contains("belongs to another user (user id 65534)"),
        "{err}"
    );
    assert_eq!(fs::read_dir(&squatted).unwrap().count(), 1, "nothing added");
}

/// The environment `Machine::roots_convene` sets, for a session on a pty.
fn root_env(machine: &Machine) -> Vec<(&'static str, String)> {
    let path = |p: PathBuf| p.to_string_lossy().into_owned();
    vec![
        // An empty value is "not set": root's convene uses its state folder and the fallback.
        (RECOVERY_ENV, String::new()),
        ("TMPDIR", path(machine.tmp.clone())),
        ("HOME", path(machine.home.clone())),
        ("XDG_STATE_HOME", path(machine.home.join("state"))),
    ]
}

/// Waits until a file appears in `dir` (the status line may wrap a long path, so the disk is
/// the one to ask).
fn wait_for_file_in(dir: &Path, session: &Session) {
    let start = Instant::now();
    while fs::read_dir(dir).map_or(0, |d| d.count()) == 0 {
        assert!(
            start.elapsed() < common::pty::TIMEOUT,
            "no copy in {dir:?}; the screen shows:\n{}",
            session.screen()
        );
        std::thread::sleep(common::pty::POLL);
    }
}

#[test]
fn another_user_cannot_read_roots_copies() {
    let Some((_, wrapper)) = second_user() else {
        return;
    };
    let machine = Machine::new();
    let store_for =
        |recovery: Recovery| Store::open(&machine.data).unwrap().with_recovery(recovery);
    // In the fallback folder root's convene makes in the shared temporary folder …
    let store = store_for(Recovery::with_fallback(None, &machine.tmp));
    let mut loaded = unsaved(&store, "Night nurses");
    let in_fallback = store.keep(&mut loaded, Guide::builtin()).unwrap();
    // … and in a folder root made readable by all: the copy's own mode still keeps it.
    let open_folder = machine.tmp.join("open-folder");
    fs::create_dir(&open_folder).unwrap();
    fs::set_permissions(&open_folder, fs::Permissions::from_mode(0o755)).unwrap();
    let in_open_folder = store_for(Recovery::in_dir(&open_folder))
        .keep(&mut loaded, Guide::builtin())
        .unwrap();
    let wrapper: Vec<&str> = wrapper.iter().map(String::as_str).collect();
    for copy in [&in_fallback, &in_open_folder] {
        let checked = Command::new(wrapper[0])
            .args(&wrapper[1..])
            .arg(env!("CARGO_BIN_EXE_convene"))
            .arg("check")
            .arg(copy)
            .output()
            .unwrap();
        assert!(!checked.status.success());
        let out = text(&checked.stdout);
        assert!(out.contains("permission denied"), "{copy:?}: {out}");
        let cat = Command::new(wrapper[0])
            .args(&wrapper[1..])
            .arg("cat")
            .arg(copy)
            .output()
            .unwrap();
        assert!(!cat.status.success(), "{copy:?} read by another user");
        assert!(
            text(&cat.stderr).contains("Permission denied"),
            "{}",
            text(&cat.stderr)
        );
    }
    // Root itself is offered both (one offer per file: the newer).
    assert_eq!(
        store_for(Recovery::in_dirs([
            Recovery::fallback_in(&machine.tmp),
            open_folder
        ]))
        .recoveries()
        .len(),
        1
    );
}
