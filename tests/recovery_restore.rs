//! Putting recovery copies back: nothing replaced without its old version in the trash, copies
//! of files opened by path offered wherever convene starts next, and copies larger than a
//! community file may be still offered and put somewhere the facilitator is told about.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

use convene::community::{Answer, Community};
use convene::guide::Guide;
use convene::store::{Entry, Loaded, MAX_COPY_BYTES, MAX_FILE_BYTES, Recovery, RestoredAs, Store};
use convene::tui::model::home::Prompt;
use convene::tui::{App, Screen};
use crossterm::event::KeyCode;

use common::drive::{on_disk, press};

fn store_in(data: &Path, recovery: &Path) -> Store {
    Store::open(data)
        .unwrap()
        .with_recovery(Recovery::in_dir(recovery))
}

fn purpose(community: &Community) -> Option<&str> {
    match community.answers.get("primary_purpose") {
        Some(Answer::Text(t)) => Some(t),
        _ => None,
    }
}

/// Puts `text` in `loaded`'s purpose and keeps a recovery copy of it (as a failed save does).
fn keep(store: &Store, loaded: &mut Loaded, text: &str) -> PathBuf {
    loaded
        .community_mut()
        .set_answer("primary_purpose", Answer::Text(text.into()));
    store.keep(loaded, Guide::builtin()).unwrap()
}

/// Takes the one offer home makes at start (Enter); returns the status line.
fn restore_at_start(store: Store) -> String {
    let mut app = App::new(store, Guide::builtin());
    let Screen::Home(home) = &app.screen else {
        panic!("starts at home")
    };
    assert_eq!(home.prompt, Some(Prompt::Recover), "a copy is offered");
    assert_eq!(home.recoveries.len(), 1);
    press(&mut app, KeyCode::Enter, Instant::now());
    assert!(!app.recovery_waiting());
    app.status.text.clone()
}

#[test]
fn restoring_over_a_file_puts_its_version_in_the_trash_first() {
    let data = tempfile::tempdir().unwrap();
    let recovery = tempfile::tempdir().unwrap();
    let store = store_in(data.path(), recovery.path());
    let mut loaded = store.create("Harbour pilots", Guide::builtin()).unwrap();
    let before = fs::read(&loaded.path).unwrap();
    keep(&store, &mut loaded, "Typed before the crash");

    let status = restore_at_start(store_in(data.path(), recovery.path()));
    let trashed = data.path().join("trash/harbour-pilots-before-restore.toml");
    assert_eq!(
        fs::read(&trashed).unwrap(),
        before,
        "the old version, byte for byte"
    );
    assert_eq!(
        purpose(&on_disk(&loaded.path)),
        Some("Typed before the crash")
    );
    assert!(
        status.starts_with("Restored \"Harbour pilots\" into harbour-pilots.toml"),
        "{status}"
    );
    assert!(
        status.contains(&format!(
            "the version it replaced is in the trash: {}",
            trashed.display()
        )),
        "{status}"
    );
}

/// The screen at `width`×24, as text (rows joined by newlines).
fn screen(app: &App, width: u16) -> String {
    let backend = ratatui::backend::TestBackend::new(width, 24);
    let mut terminal = ratatui::Terminal::new(backend).unwrap();
    terminal
        .draw(|frame| convene::tui::view::draw(frame, app))
        .unwrap();
    let buffer = terminal.backend().buffer();
    let cells: Vec<&str> = buffer.content().iter().map(|c| c.symbol()).collect();
    cells
        .chunks(usize::from(width))
        .map(|row| row.concat())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_status_after_a_restore_is_shown_whole_at_80_columns() {
    let data = tempfile::tempdir().unwrap();
    let recovery = tempfile::tempdir().unwrap();
    let store = store_in(data.path(), recovery.path());
    let mut loaded = store.create("Harbour pilots", Guide::builtin()).unwrap();
    keep(&store, &mut loaded, "Typed before the crash");
    let mut app = App::new(store_in(data.path(), recovery.path()), Guide::builtin());
    press(&mut app, KeyCode::Enter, Instant::now());
    let shown = screen(&app, 80);
    assert!(shown.contains("the version it replaced is"), "{shown}");
    assert!(
        shown.contains("harbour-pilots-before-restore.toml"),
        "{shown}"
    );
}

#[test]
fn a_file_that_is_gone_is_restored_without_anything_in_the_trash() {
    let data = tempfile::tempdir().unwrap();
    let recovery = tempfile::tempdir().unwrap();
    let store = store_in(data.path(), recovery.path());
    let mut loaded = store.create("Gone", Guide::builtin()).unwrap();
    keep(&store, &mut loaded, "Still here");
    fs::remove_file(&loaded.path).unwrap();
    let restored = store.restore(&store.recoveries()[0]).unwrap();
    assert_eq!(restored.path, loaded.path);
    assert_eq!(restored.how, RestoredAs::InPlace);
    assert_eq!(restored.old_version, None);
    assert!(!data.path().join("trash").exists());
}

#[cfg(unix)]
#[test]
fn a_file_that_is_a_link_is_not_replaced_by_the_copy() {
    let data = tempfile::tempdir().unwrap();
    let recovery = tempfile::tempdir().unwrap();
    let store = store_in(data.path(), recovery.path());
    let mut loaded = store.create("Linked", Guide::builtin()).unwrap();
    let real = data.path().join("real.txt");
    fs::rename(&loaded.path, &real).unwrap();
    std::os::unix::fs::symlink(&real, &loaded.path).unwrap();
    keep(&store, &mut loaded, "Kept beside");
    let restored = store.restore(&store.recoveries()[0]).unwrap();
    assert_eq!(restored.how, RestoredAs::Beside);
    assert!(
        fs::symlink_metadata(&loaded.path)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(purpose(&on_disk(&restored.path)), Some("Kept beside"));
}

// ---------------------------------------------------------------------------------------------
// Files opened by path from outside the data folder

/// A community in a folder of its own, opened by path by a convene on `data` whose save failed:
/// its recovery copy is in `recovery`. Returns the file and its bytes before.
fn copy_of_a_file_opened_by_path(data: &Path, elsewhere: &Path, recovery: &Path) -> PathBuf {
    let file = Store::open(elsewhere)
        .unwrap()
        .create("Field notes", Guide::builtin())
        .unwrap()
        .path;
    let store = store_in(data, recovery);
    let mut loaded = store.load(&file).unwrap();
    keep(&store, &mut loaded, "Typed away from home");
    file
}

#[test]
fn a_copy_of_a_file_opened_by_path_is_offered_in_another_data_folder_and_listed() {
    let first = tempfile::tempdir().unwrap();
    let other = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let recovery = tempfile::tempdir().unwrap();
    let file = copy_of_a_file_opened_by_path(first.path(), elsewhere.path(), recovery.path());
    let before = fs::read(&file).unwrap();

    // `convene list`, started on a different data folder, mentions it by its whole path.
    let out = assert_cmd::cargo::cargo_bin_cmd!("convene")
        .env("CONVENE_RECOVERY_DIR", recovery.path())
        .env("CONVENE_CACHE_DIR", other.path().join(".cache"))
        .env("TMPDIR", other.path())
        .arg("--dir")
        .arg(other.path())
        .arg("list")
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("start convene to restore it"), "{stderr}");
    assert!(
        stderr.contains(&format!("Field notes (for {})", file.display())),
        "{stderr}"
    );

    // Home on that folder offers it, naming the file, and restores it over its file, with the
    // old version in this data folder's trash (its own folder has no trash of ours).
    let store = store_in(other.path(), recovery.path());
    let copies = store.recoveries();
    assert_eq!(copies.len(), 1);
    assert!(copies[0].elsewhere);
    let status = restore_at_start(store);
    assert_eq!(purpose(&on_disk(&file)), Some("Typed away from home"));
    let trashed = other.path().join("trash/field-notes-before-restore.toml");
    assert_eq!(fs::read(&trashed).unwrap(), before);
    assert!(
        status.starts_with(&format!("Restored \"Field notes\" into {}", file.display())),
        "{status}"
    );
    assert!(status.contains(&*trashed.to_string_lossy()), "{status}");
    // A copy of a file in another data folder is still that folder's business.
    let third = tempfile::tempdir().unwrap();
    let store = store_in(third.path(), recovery.path());
    let mut loaded = store_in(first.path(), recovery.path())
        .create("At home", Guide::builtin())
        .unwrap();
    keep(&store_in(first.path(), recovery.path()), &mut loaded, "x");
    assert!(store.recoveries().is_empty());
    assert_eq!(
        store_in(first.path(), recovery.path()).recoveries().len(),
        1
    );
}

#[test]
fn the_home_offer_names_the_file_opened_by_path() {
    let data = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let recovery = tempfile::tempdir().unwrap();
    let file = copy_of_a_file_opened_by_path(data.path(), elsewhere.path(), recovery.path());
    let app = App::new(store_in(data.path(), recovery.path()), Guide::builtin());
    let screen = screen(&app, 200);
    assert!(
        screen.contains(&format!("\"Field notes\" ({})", file.display())),
        "{screen}"
    );
}

#[test]
fn a_copy_whose_folder_cannot_take_it_goes_to_the_data_folder_and_says_why() {
    let data = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let recovery = tempfile::tempdir().unwrap();
    let notes = elsewhere.path().join("notes");
    fs::create_dir(&notes).unwrap();
    let file = copy_of_a_file_opened_by_path(data.path(), &notes, recovery.path());
    // Its folder is gone, and a file sits where it was: nothing can be written there.
    fs::remove_dir_all(&notes).unwrap();
    fs::write(&notes, "not a folder").unwrap();

    let status = restore_at_start(store_in(data.path(), recovery.path()));
    let restored = data.path().join("field-notes-recovered.toml");
    assert_eq!(purpose(&on_disk(&restored)), Some("Typed away from home"));
    assert!(
        status.starts_with(
            "Restored \"Field notes\" as field-notes-recovered.toml in the data folder: its own \
             folder could not take it"
        ),
        "{status}"
    );
    // It names the folder that refused, so the facilitator can look.
    assert!(
        status.contains(&*file.parent().unwrap().to_string_lossy()),
        "{status}"
    );
    assert!(recovery.path().read_dir().unwrap().next().is_none());
}

#[test]
fn a_copy_of_a_file_changed_since_is_restored_beside_it_in_its_own_folder() {
    let data = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let recovery = tempfile::tempdir().unwrap();
    let file = copy_of_a_file_opened_by_path(data.path(), elsewhere.path(), recovery.path());
    let theirs = fs::read_to_string(&file).unwrap() + "# edited since\n";
    fs::write(&file, &theirs).unwrap();
    let status = restore_at_start(store_in(data.path(), recovery.path()));
    assert_eq!(
        fs::read_to_string(&file).unwrap(),
        theirs,
        "theirs untouched"
    );
    let beside = elsewhere.path().join("field-notes-recovered.toml");
    assert_eq!(purpose(&on_disk(&beside)), Some("Typed away from home"));
    assert!(status.contains("both are kept"), "{status}");
    assert!(status.contains(&*beside.to_string_lossy()), "{status}");
}

// ---------------------------------------------------------------------------------------------
// Copies larger than a community file may be

#[test]
fn a_copy_over_four_mib_is_offered_and_restored_beside_its_file_with_a_warning() {
    let data = tempfile::tempdir().unwrap();
    let recovery = tempfile::tempdir().unwrap();
    let store = store_in(data.path(), recovery.path());
    let mut loaded = store.create("Long minutes", Guide::builtin()).unwrap();
    let before = fs::read(&loaded.path).unwrap();
    let huge = "minutes of a long meeting\n".repeat((MAX_FILE_BYTES as usize) / 20);
    let copy = keep(&store, &mut loaded, &huge);
    let size = fs::metadata(&copy).unwrap().len();
    assert!(size > MAX_FILE_BYTES, "{size}");

    let status = restore_at_start(store_in(data.path(), recovery.path()));
    assert_eq!(
        fs::read(&loaded.path).unwrap(),
        before,
        "its file left as it was"
    );
    let beside = data.path().join("long-minutes-recovered.toml");
    let text = fs::read_to_string(&beside).unwrap();
    assert!(text.contains("minutes of a long meeting"));
    assert!(
        status.starts_with(
            "Restored \"Long minutes\" as long-minutes-recovered.toml, beside its file (left as \
             it was). It is too large to be a community file"
        ),
        "{status}"
    );
    assert!(status.contains("shorten it in a text editor"), "{status}");
    // The listing shows it, as too large, rather than hiding it.
    let listed = store.list(Guide::builtin()).unwrap();
    assert!(listed.iter().any(|e| matches!(
        e,
        Entry::Unreadable { path, reason } if path == &beside && reason.contains("too large")
    )));
}

#[test]
fn a_file_in_the_recovery_folder_larger_than_any_copy_is_not_read() {
    let data = tempfile::tempdir().unwrap();
    let recovery = tempfile::tempdir().unwrap();
    let store = store_in(data.path(), recovery.path());
    let mut loaded = store.create("Sparse", Guide::builtin()).unwrap();
    let copy = keep(&store, &mut loaded, "small");
    // Grown (sparsely) past the cap: not read, not offered, left alone.
    fs::File::options()
        .write(true)
        .open(&copy)
        .unwrap()
        .set_len(MAX_COPY_BYTES + 1)
        .unwrap();
    assert!(store.recoveries().is_empty());
    assert!(copy.exists());
}

// ---------------------------------------------------------------------------------------------
// The same, end to end: the built binary on a terminal

#[test]
fn work_on_a_file_opened_by_a_relative_path_is_offered_when_convene_starts_elsewhere() {
    use common::pty::{ENTER, RECOVERY_ENV, Session, signal};
    let root = tempfile::tempdir().unwrap();
    let (first, other, elsewhere) = (
        root.path().join("first"),
        root.path().join("other"),
        root.path().join("elsewhere"),
    );
    let recovery = root.path().join("recovery");
    for dir in [&first, &other, &elsewhere] {
        fs::create_dir(dir).unwrap();
    }
    let file = Store::open(&elsewhere)
        .unwrap()
        .create("Field notes", Guide::builtin())
        .unwrap()
        .path;
    let before = fs::read(&file).unwrap();
    let env = [(RECOVERY_ENV, recovery.to_str().unwrap())];

    // Started on `first` (its working folder), opening the file by a relative path.
    let mut session = Session::spawn_args(&first, &["open", "../elsewhere/field-notes.toml"], &env);
    session.wait_for("Section 1/16");
    fs::remove_file(&file).unwrap();
    fs::create_dir(&file).unwrap();
    session.type_text("Written on the ferry");
    session.wait_for("Not saved: a folder is in the way");
    let start = Instant::now();
    while fs::read_dir(&recovery).map_or(0, |d| d.count()) == 0 {
        assert!(
            start.elapsed() < common::pty::TIMEOUT,
            "{}",
            session.screen()
        );
        std::thread::sleep(common::pty::POLL);
    }
    signal(&session, "KILL");
    session.wait_exit();
    fs::remove_dir(&file).unwrap();
    fs::write(&file, &before).unwrap();

    // Started on another data folder: offered, naming the file, and restored over it.
    let mut session = Session::spawn_with(&other, &env);
    session.wait_for("unsaved work for \"Field notes\"");
    session.wait_for(&elsewhere.to_string_lossy());
    session.send(ENTER);
    session.wait_for("Restored \"Field notes\" into");
    assert_eq!(purpose(&on_disk(&file)), Some("Written on the ferry"));
    let trashed = other.join("trash/field-notes-before-restore.toml");
    assert_eq!(fs::read(&trashed).unwrap(), before);
    assert_eq!(
        fs::read_dir(&recovery).unwrap().count(),
        0,
        "the copy is gone"
    );
    session.quit();
}
