//! When a save cannot go where it belongs, nothing typed is lost.
//!
//! Each test opens a community in the app, types, then makes the save fail for real: someone
//! else rewrites the file (same size, old modification time put back), a folder appears where
//! the file was, the folder becomes read-only, the disk fills up. The app must say what happened,
//! keep the text in memory and in a recovery copy somewhere else, and save as soon as the cause
//! is gone; a recovery copy left behind is offered at the next start.
//!
//! The read-only and full-disk cases mount a small tmpfs, so they need root (as the CI machine
//! and the development machines are); a non-root run uses a `chmod` for read-only and says that
//! it skipped the full disk.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use convene::community::{Answer, Community};
use convene::guide::Guide;
use convene::store::{Recovery, Store};
use convene::tui::effects::Effect;
use convene::tui::model::home::Prompt;
use convene::tui::model::walk::AUTOSAVE_DELAY;
use convene::tui::{App, Msg, Screen};
use crossterm::event::KeyCode;

use common::drive::{create, ctrl, on_disk, press, type_text, walk};

/// An app on `data`, keeping recovery copies in `recovery` (never the real home).
fn start(data: &Path, recovery: &Path) -> App {
    let store = Store::open(data)
        .unwrap()
        .with_recovery(Recovery::in_dir(recovery));
    App::new(store, Guide::builtin())
}

fn purpose(community: &Community) -> Option<&str> {
    match community.answers.get("primary_purpose") {
        Some(Answer::Text(t)) => Some(t),
        _ => None,
    }
}

/// The recovery copies in `dir`, with their text.
fn recovery_copies(dir: &Path) -> Vec<(PathBuf, String)> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .map(|p| {
            let text = fs::read_to_string(&p).unwrap();
            (p, text)
        })
        .collect()
}

/// Asserts the one recovery copy in `dir` holds `text` and is a valid community file.
fn assert_recovered(dir: &Path, text: &str) {
    let copies = recovery_copies(dir);
    assert_eq!(copies.len(), 1, "one recovery copy in {dir:?}: {copies:?}");
    let (path, content) = &copies[0];
    assert!(content.starts_with("# convene recovery copy "), "{content}");
    let community = Store::open(dir).unwrap().load(path).unwrap();
    assert_eq!(purpose(community.community()), Some(text));
}

#[test]
fn a_same_size_change_with_the_old_time_put_back_is_noticed_and_kept_beside_ours() {
    let data = tempfile::tempdir().unwrap();
    let recovery = tempfile::tempdir().unwrap();
    let mut app = start(data.path(), recovery.path());
    let now = Instant::now();
    let path = create(&mut app, "Shared", now);
    type_text(&mut app, "Ours", now);
    ctrl(&mut app, 's', now);
    assert_eq!(purpose(&on_disk(&path)), Some("Ours"));

    // Someone else edits the file by hand: same length, and they put the old time back.
    let before = fs::metadata(&path).unwrap().modified().unwrap();
    let theirs = fs::read_to_string(&path).unwrap().replace("Ours", "Them");
    fs::write(&path, &theirs).unwrap();
    fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(before)
        .unwrap();
    assert_eq!(fs::metadata(&path).unwrap().modified().unwrap(), before);

    type_text(&mut app, " and more", now);
    app.update(Msg::Tick, now + AUTOSAVE_DELAY);

    // Both changed the purpose: ours is in the answer, theirs beside it in the same file.
    assert!(
        app.status.error,
        "the facilitator is told: {:?}",
        app.status
    );
    assert!(
        app.status.text.contains("changed on both sides"),
        "{}",
        app.status.text
    );
    assert_eq!(walk(&app).session.path(), path, "no copy to merge by hand");
    let text = fs::read_to_string(&path).unwrap();
    assert_eq!(purpose(&on_disk(&path)), Some("Ours and more"));
    let kept = convene::merge::conflicts_in(&text);
    assert_eq!(kept.len(), 1, "{text}");
    assert_eq!(kept[0].theirs.as_deref(), Some("Them"));

    // Typing goes on, and saves without another conflict.
    let later = now + AUTOSAVE_DELAY * 2;
    type_text(&mut app, "!", later);
    app.update(Msg::Tick, later + AUTOSAVE_DELAY);
    assert_eq!(purpose(&on_disk(&path)), Some("Ours and more!"));
    assert!(app.status.text.starts_with("Saved at"), "{:?}", app.status);
    assert_eq!(
        convene::merge::conflicts_in(&fs::read_to_string(&path).unwrap()).len(),
        1
    );
    assert!(recovery_copies(recovery.path()).is_empty());
}

#[test]
fn a_change_found_on_quit_is_merged_in_and_convene_leaves() {
    let data = tempfile::tempdir().unwrap();
    let recovery = tempfile::tempdir().unwrap();
    let mut app = start(data.path(), recovery.path());
    let now = Instant::now();
    let path = create(&mut app, "Quitter", now);
    let theirs = fs::read_to_string(&path).unwrap() + "# their comment\n";
    fs::write(&path, &theirs).unwrap();
    type_text(&mut app, "Mine", now);
    // Their change (a comment) and ours (an answer) do not overlap: merged, saved, gone.
    assert!(matches!(ctrl(&mut app, 'q', now), Some(Effect::Quit)));
    assert!(app.status.text.contains("merged in"), "{}", app.status.text);
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains("# their comment"), "{text}");
    assert!(theirs.lines().all(|line| text.contains(line)), "{text}");
    assert_eq!(purpose(&on_disk(&path)), Some("Mine"));
}

#[test]
fn a_conflict_found_on_quit_is_shown_before_leaving() {
    let data = tempfile::tempdir().unwrap();
    let recovery = tempfile::tempdir().unwrap();
    let mut app = start(data.path(), recovery.path());
    let now = Instant::now();
    let path = create(&mut app, "Quitter", now);
    let store = convene::store::Store::open(data.path()).unwrap();
    let mut other = store.load(&path).unwrap();
    other.community_mut().set_answer(
        "primary_purpose",
        convene::community::Answer::Text("Theirs".into()),
    );
    store
        .save(&mut other, convene::guide::Guide::builtin())
        .unwrap();
    type_text(&mut app, "Mine", now);
    assert!(
        ctrl(&mut app, 'q', now).is_none(),
        "the first Ctrl-Q shows the news"
    );
    assert!(
        app.status.text.contains("changed on both sides"),
        "{}",
        app.status.text
    );
    assert!(app.status.text.contains("Ctrl-Q again quits"));
    assert!(matches!(ctrl(&mut app, 'q', now), Some(Effect::Quit)));
    // Both are in the file: ours in the answer, theirs beside it, to settle next time.
    let text = fs::read_to_string(&path).unwrap();
    assert_eq!(purpose(&on_disk(&path)), Some("Mine"));
    let kept = convene::merge::conflicts_in(&text);
    assert_eq!(kept[0].theirs.as_deref(), Some("Theirs"), "{text}");
}

#[test]
fn a_folder_in_the_way_keeps_the_text_and_the_retry_works_once_it_is_gone() {
    let data = tempfile::tempdir().unwrap();
    let recovery = tempfile::tempdir().unwrap();
    let mut app = start(data.path(), recovery.path());
    let now = Instant::now();
    let path = create(&mut app, "Blocked", now);

    fs::remove_file(&path).unwrap();
    fs::create_dir(&path).unwrap();
    type_text(&mut app, "Words to keep", now);
    app.update(Msg::Tick, now + AUTOSAVE_DELAY);
    assert!(app.status.error);
    assert!(
        app.status.text.contains("a folder is in the way"),
        "{}",
        app.status.text
    );
    assert!(
        app.status
            .text
            .contains(&*recovery.path().to_string_lossy()),
        "the status says where the copy is: {}",
        app.status.text
    );
    assert_eq!(walk(&app).editor_text(), "Words to keep", "still in memory");
    assert_recovered(recovery.path(), "Words to keep");
    assert!(app.deadline().is_some(), "a retry is scheduled");

    // Still failing: the retry says so again and the copy follows the new text.
    let t1 = now + AUTOSAVE_DELAY * 2;
    type_text(&mut app, ", all of them", t1);
    app.update(Msg::Tick, t1 + AUTOSAVE_DELAY);
    assert!(app.status.text.starts_with("Not saved"));
    assert_recovered(recovery.path(), "Words to keep, all of them");

    fs::remove_dir(&path).unwrap();
    let t2 = app.deadline().expect("a retry is scheduled");
    app.update(Msg::Tick, t2);
    assert!(app.status.text.starts_with("Saved at"), "{:?}", app.status);
    assert_eq!(purpose(&on_disk(&path)), Some("Words to keep, all of them"));
    assert!(
        recovery_copies(recovery.path()).is_empty(),
        "the copy goes once the work is saved"
    );
}

#[test]
fn quitting_while_saves_fail_asks_twice_and_leaves_a_recovery_copy() {
    let data = tempfile::tempdir().unwrap();
    let recovery = tempfile::tempdir().unwrap();
    let mut app = start(data.path(), recovery.path());
    let now = Instant::now();
    let path = create(&mut app, "Leaving", now);
    fs::remove_file(&path).unwrap();
    fs::create_dir(&path).unwrap();
    type_text(&mut app, "Do not lose me", now);
    assert!(ctrl(&mut app, 'q', now).is_none());
    assert!(
        app.status.text.contains("Ctrl-Q again quits"),
        "{}",
        app.status.text
    );
    assert!(matches!(ctrl(&mut app, 'q', now), Some(Effect::Quit)));
    assert_recovered(recovery.path(), "Do not lose me");
}

#[test]
fn the_next_start_offers_the_recovery_copy_and_restores_it() {
    let data = tempfile::tempdir().unwrap();
    let recovery = tempfile::tempdir().unwrap();
    let now = Instant::now();
    let path = {
        let mut app = start(data.path(), recovery.path());
        let path = create(&mut app, "Again", now);
        fs::remove_file(&path).unwrap();
        fs::create_dir(&path).unwrap();
        type_text(&mut app, "Typed before the crash", now);
        app.update(Msg::Tick, now + AUTOSAVE_DELAY);
        assert_recovered(recovery.path(), "Typed before the crash");
        path
        // The app is dropped here without saving, as a crash would leave it.
    };
    fs::remove_dir(&path).unwrap();

    let mut app = start(data.path(), recovery.path());
    let Screen::Home(home) = &app.screen else {
        panic!("starts at home")
    };
    assert_eq!(home.prompt, Some(Prompt::Recover));
    assert_eq!(home.recoveries.len(), 1);
    assert_eq!(home.recoveries[0].origin, path);
    assert_eq!(home.recoveries[0].name, "Again");
    assert!(app.recovery_waiting());
    // Ordinary keys do nothing while it asks.
    press(&mut app, KeyCode::Char('n'), now);
    assert!(matches!(&app.screen, Screen::Home(h) if h.prompt == Some(Prompt::Recover)));

    press(&mut app, KeyCode::Enter, now);
    assert!(!app.recovery_waiting());
    assert!(
        app.status.text.starts_with("Restored \"Again\""),
        "{}",
        app.status.text
    );
    assert_eq!(purpose(&on_disk(&path)), Some("Typed before the crash"));
    assert!(recovery_copies(recovery.path()).is_empty());
    let Screen::Home(home) = &app.screen else {
        panic!("stays at home")
    };
    assert_eq!(home.prompt, None);
    assert_eq!(home.selected_entry().unwrap().path(), path);
}

/// Leaves a recovery copy for `name`'s file in `recovery` (a save into a blocked file failed),
/// with the file put back as it was; returns the file.
fn leave_recovery_copy(data: &Path, recovery: &Path, name: &str, text: &str) -> PathBuf {
    let now = Instant::now();
    let mut app = start(data, recovery);
    let path = create(&mut app, name, now);
    let original = fs::read(&path).unwrap();
    fs::remove_file(&path).unwrap();
    fs::create_dir(&path).unwrap();
    type_text(&mut app, text, now);
    app.update(Msg::Tick, now + AUTOSAVE_DELAY);
    fs::remove_dir(&path).unwrap();
    fs::write(&path, original).unwrap();
    path
}

#[test]
fn a_recovery_copy_of_a_file_changed_since_is_restored_beside_it() {
    let data = tempfile::tempdir().unwrap();
    let recovery = tempfile::tempdir().unwrap();
    let path = leave_recovery_copy(data.path(), recovery.path(), "Moved on", "Old work");
    // Meanwhile the file was edited elsewhere.
    let theirs = fs::read_to_string(&path).unwrap() + "# edited since\n";
    fs::write(&path, &theirs).unwrap();

    let mut app = start(data.path(), recovery.path());
    press(&mut app, KeyCode::Enter, Instant::now());
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        theirs,
        "theirs untouched"
    );
    let restored = data.path().join("moved-on-recovered.toml");
    assert_eq!(purpose(&on_disk(&restored)), Some("Old work"));
    assert!(
        app.status.text.contains("both are kept"),
        "{}",
        app.status.text
    );
}

#[test]
fn a_recovery_copy_can_be_left_for_later_or_moved_to_the_trash() {
    let data = tempfile::tempdir().unwrap();
    let recovery = tempfile::tempdir().unwrap();
    let path = leave_recovery_copy(data.path(), recovery.path(), "Undecided", "Maybe");
    let original = fs::read(&path).unwrap();

    let mut app = start(data.path(), recovery.path());
    press(&mut app, KeyCode::Esc, Instant::now());
    assert!(!app.recovery_waiting());
    assert!(
        app.status.text.contains("asks again next time"),
        "{}",
        app.status.text
    );
    assert_eq!(recovery_copies(recovery.path()).len(), 1);
    assert_eq!(fs::read(&path).unwrap(), original);

    let mut app = start(data.path(), recovery.path());
    assert!(app.recovery_waiting(), "asked again");
    press(&mut app, KeyCode::Char('d'), Instant::now());
    assert!(!app.recovery_waiting());
    assert!(recovery_copies(recovery.path()).is_empty());
    assert_eq!(fs::read(&path).unwrap(), original);
    let trashed = data.path().join("trash/undecided-recovery.toml");
    assert_eq!(
        purpose(&on_disk(&trashed)),
        Some("Maybe"),
        "nothing is deleted"
    );

    let app = start(data.path(), recovery.path());
    assert!(!app.recovery_waiting(), "decided: not asked again");
}

#[test]
fn a_copy_identical_to_its_file_is_not_offered() {
    let data = tempfile::tempdir().unwrap();
    let recovery = tempfile::tempdir().unwrap();
    let path = leave_recovery_copy(data.path(), recovery.path(), "Same", "Both");
    // The save went through after all (say, the process died between the two steps).
    let copy = &recovery_copies(recovery.path())[0];
    let body = copy.1.split_once('\n').unwrap().1.to_string();
    fs::write(&path, body).unwrap();
    let app = start(data.path(), recovery.path());
    assert!(!app.recovery_waiting());
    assert!(recovery_copies(recovery.path()).is_empty(), "tidied away");
}

/// A small tmpfs mounted on a temporary folder, unmounted when dropped.
struct Tmpfs {
    dir: tempfile::TempDir,
}

impl Tmpfs {
    fn mount(size: &str) -> Option<Tmpfs> {
        let dir = tempfile::tempdir().unwrap();
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir.path())
            .status()
            .is_ok_and(|s| s.success());
        ok.then_some(Tmpfs { dir })
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn remount(&self, option: &str) {
        let status = Command::new("mount")
            .args(["-o", &format!("remount,{option}")])
            .arg(self.path())
            .status()
            .unwrap();
        assert!(status.success(), "remount {option}");
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(self.path()).status();
    }
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.trim_ascii() == b"0")
}

/// Runs `fail` to make saves in `data` fail, checks the app keeps everything and says `why`,
/// then runs `heal` and checks the retry saves.
fn fail_and_heal(data: &Path, why: &str, fail: impl FnOnce(), heal: impl FnOnce()) {
    let recovery = tempfile::tempdir().unwrap();
    let mut app = start(data, recovery.path());
    let now = Instant::now();
    let path = create(&mut app, "Fragile", now);
    fail();
    type_text(&mut app, "Still here", now);
    app.update(Msg::Tick, now + AUTOSAVE_DELAY);
    assert!(app.status.error, "{:?}", app.status);
    assert!(app.status.text.contains(why), "{}", app.status.text);
    assert!(
        app.status.text.contains("Your text is kept here and in"),
        "{}",
        app.status.text
    );
    assert_eq!(walk(&app).editor_text(), "Still here");
    assert_recovered(recovery.path(), "Still here");
    assert_eq!(purpose(&on_disk(&path)), None, "the old file is whole");

    heal();
    let retry = app.deadline().expect("a retry is scheduled");
    assert!(retry <= now + AUTOSAVE_DELAY * 2 + Duration::from_millis(1));
    app.update(Msg::Tick, retry);
    assert!(app.status.text.starts_with("Saved at"), "{:?}", app.status);
    assert_eq!(purpose(&on_disk(&path)), Some("Still here"));
    assert!(recovery_copies(recovery.path()).is_empty());
    let strays: Vec<_> = fs::read_dir(data)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(".convene-tmp-"))
        .collect();
    assert!(strays.is_empty(), "no temporary files left: {strays:?}");
}

#[test]
fn a_read_only_folder_keeps_the_text_and_the_retry_works_once_writable() {
    if is_root() {
        let Some(fs) = Tmpfs::mount("1m") else {
            panic!("running as root but could not mount a tmpfs to make read-only");
        };
        fail_and_heal(
            fs.path(),
            "read-only",
            || fs.remount("ro"),
            || fs.remount("rw"),
        );
    } else {
        use std::os::unix::fs::PermissionsExt;
        let data = tempfile::tempdir().unwrap();
        let set = |mode| {
            fs::set_permissions(data.path(), fs::Permissions::from_mode(mode)).unwrap();
        };
        fail_and_heal(
            data.path(),
            "permission denied",
            || set(0o555),
            || set(0o755),
        );
    }
}

#[test]
fn a_full_disk_keeps_the_text_and_the_retry_works_once_there_is_room() {
    if !is_root() {
        eprintln!("skipped: filling a disk needs a tmpfs, which needs root");
        return;
    }
    let Some(disk) = Tmpfs::mount("256k") else {
        panic!("running as root but could not mount a tmpfs to fill");
    };
    let filler = disk.path().join("filler.bin");
    fail_and_heal(
        disk.path(),
        "the disk is full",
        || {
            // Fill every last block: write until the disk refuses.
            let mut file = fs::File::create(&filler).unwrap();
            let block = vec![0u8; 4096];
            loop {
                use std::io::Write;
                if file.write_all(&block).is_err() {
                    break;
                }
            }
            let _ = file.sync_all();
        },
        || fs::remove_file(&filler).unwrap(),
    );
}

#[test]
fn copies_of_one_file_in_two_places_are_offered_once_and_all_go_when_taken() {
    let guide = Guide::builtin();
    let data = tempfile::tempdir().unwrap();
    let first = tempfile::tempdir().unwrap();
    let fallback = tempfile::tempdir().unwrap();
    let store = Store::open(data.path()).unwrap();
    let mut loaded = store.create("Twice", guide).unwrap();
    let keep_in = |dir: &Path, loaded: &mut convene::store::Loaded, text: &str| {
        loaded
            .community_mut()
            .set_answer("primary_purpose", Answer::Text(text.into()));
        Store::open(data.path())
            .unwrap()
            .with_recovery(Recovery::in_dir(dir))
            .keep(loaded, guide)
            .unwrap()
    };
    let older = keep_in(fallback.path(), &mut loaded, "older");
    let old_time = std::time::SystemTime::now() - Duration::from_secs(60);
    fs::File::options()
        .write(true)
        .open(&older)
        .unwrap()
        .set_modified(old_time)
        .unwrap();
    keep_in(first.path(), &mut loaded, "newer");

    let both = Recovery::in_dirs([first.path().to_path_buf(), fallback.path().to_path_buf()]);
    let store = Store::open(data.path()).unwrap().with_recovery(both);
    let offers = store.recoveries();
    assert_eq!(offers.len(), 1, "one offer per file: {offers:?}");
    let restored = store.restore(&offers[0]).unwrap();
    assert_eq!(purpose(&on_disk(&restored.path)), Some("newer"));
    assert!(recovery_copies(first.path()).is_empty());
    assert!(
        recovery_copies(fallback.path()).is_empty(),
        "the older copy went too"
    );
}
