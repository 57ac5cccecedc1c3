//! The listing index: a start reads only what changed, and never shows a stale line.
//!
//! Each test lists a folder through a store that keeps an index, changes something the way a
//! facilitator or a colleague would, and checks that the next listing equals one made from
//! scratch (no index) — while files that did not change were not read again.

mod common;

use std::fs;
use std::path::Path;

use convene::community::Answer;
use convene::guide::Guide;
use convene::store::{Entry, Store};

fn indexed(data: &Path, cache: &Path) -> Store {
    Store::open(data).unwrap().with_index_in(cache)
}

/// The listing as comparable text: one line per entry.
fn lines(entries: &[Entry]) -> Vec<String> {
    entries
        .iter()
        .map(|e| match e {
            Entry::Community(s) => format!(
                "{} | {} | {}/{} | {} | {}",
                s.path.file_name().unwrap().to_string_lossy(),
                s.name,
                s.progress.answered,
                s.progress.total,
                s.updated,
                s.read_only
            ),
            Entry::Unreadable { path, reason } => format!(
                "{} | unreadable: {reason}",
                path.file_name().unwrap().to_string_lossy()
            ),
        })
        .collect()
}

/// Asserts the indexed listing equals a listing that parses every file.
fn assert_fresh(data: &Path, cache: &Path) -> Vec<String> {
    let guide = Guide::builtin();
    let with = lines(&indexed(data, cache).list(guide).unwrap());
    let without = lines(&Store::open(data).unwrap().list(guide).unwrap());
    assert_eq!(with, without, "the index must never show a stale line");
    with
}

/// The first two examples (SIPS and the nurses) and a broken file: what the index must tell
/// apart, without SIPS's topic communities, which would only lengthen every count.
fn populate(data: &Path) {
    for (name, text) in &convene::samples::EXAMPLES[..2] {
        fs::write(data.join(name), text).unwrap();
    }
    fs::write(data.join("broken.toml"), "name = [\n").unwrap();
}

#[test]
fn unchanged_files_are_not_read_again() {
    let data = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    populate(data.path());
    let first = assert_fresh(data.path(), cache.path());
    assert_eq!(first.len(), 3);
    let index = only_file(cache.path());
    let json = fs::read_to_string(&index).unwrap();
    assert!(json.contains("Nurses' lunch circle"), "{json}");
    assert!(
        json.contains("broken.toml"),
        "unreadable files are kept too"
    );

    // The index alone gives the same listing, in the same order, without looking at the files.
    let from_index = indexed(data.path(), cache.path())
        .list_from_index(Guide::builtin().identity(), usize::MAX)
        .unwrap();
    assert_eq!(lines(&from_index), first);

    // Nothing changed: the index is not rewritten.
    let modified = fs::metadata(&index).unwrap().modified().unwrap();
    assert_eq!(assert_fresh(data.path(), cache.path()), first);
    assert_eq!(fs::metadata(&index).unwrap().modified().unwrap(), modified);

    // Proof that the files themselves were not read: change the summary kept in the index (not
    // the file); the listing shows the index's version.
    fs::write(
        &index,
        json.replace("Nurses' lunch circle", "From the index"),
    )
    .unwrap();
    let listed = lines(
        &indexed(data.path(), cache.path())
            .list(Guide::builtin())
            .unwrap(),
    );
    assert!(
        listed.iter().any(|l| l.contains("From the index")),
        "{listed:?}"
    );
}

fn only_file(dir: &Path) -> std::path::PathBuf {
    let files: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    assert_eq!(files.len(), 1, "one index file: {files:?}");
    files.into_iter().next().unwrap()
}

#[test]
fn a_file_edited_by_hand_is_read_again_even_with_its_old_size_and_time() {
    let data = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    populate(data.path());
    assert_fresh(data.path(), cache.path());

    let path = data.path().join("nurses-lunch-circle.toml");
    let before = fs::metadata(&path).unwrap();
    let text = fs::read_to_string(&path)
        .unwrap()
        .replace("Nurses' lunch circle", "Nurses' lunch CIRCLE");
    fs::write(&path, &text).unwrap();
    fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(before.modified().unwrap())
        .unwrap();
    assert_eq!(fs::metadata(&path).unwrap().len(), before.len());
    let lines = assert_fresh(data.path(), cache.path());
    assert!(
        lines.iter().any(|l| l.contains("Nurses' lunch CIRCLE")),
        "{lines:?}"
    );
}

#[test]
fn saves_new_files_deletions_and_repairs_show_at_once() {
    let guide = Guide::builtin();
    let data = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    populate(data.path());
    assert_fresh(data.path(), cache.path());

    let store = indexed(data.path(), cache.path());
    let mut loaded = store.create("Brand new", guide).unwrap();
    assert_fresh(data.path(), cache.path());
    loaded
        .community_mut()
        .set_answer("primary_purpose", Answer::Text("Now answered".into()));
    store.save(&mut loaded, guide).unwrap();
    let lines = assert_fresh(data.path(), cache.path());
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("brand-new.toml | Brand new | 1/")),
        "{lines:?}"
    );

    fs::remove_file(data.path().join("sips-constellation.toml")).unwrap();
    fs::write(
        data.path().join("broken.toml"),
        "schema_version = 1\nname = \"Repaired\"\ncreated = 2026-11-01T10:00:00Z\n\
         updated = 2026-11-01T10:00:00Z\n",
    )
    .unwrap();
    let lines = assert_fresh(data.path(), cache.path());
    assert!(lines.iter().all(|l| !l.contains("SIPS")), "{lines:?}");
    assert!(lines.iter().any(|l| l.contains("Repaired")), "{lines:?}");
}

#[test]
fn a_corrupt_or_foreign_index_only_costs_time() {
    let data = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    populate(data.path());
    let good = assert_fresh(data.path(), cache.path());
    let index = only_file(cache.path());
    let json = fs::read_to_string(&index).unwrap();
    // An index made by another convene or for another guide is not trusted, even with stamps
    // that match.
    let other_version = json.replacen("\"convene ", "\"convene 0.0.0-other ", 1);
    assert_ne!(other_version, json);
    for garbage in [
        String::new(),
        "{not json".to_string(),
        "[1, 2, 3]".to_string(),
        other_version.replace("Nurses' lunch circle", "Forged"),
    ] {
        fs::write(&index, &garbage).unwrap();
        let lines = assert_fresh(data.path(), cache.path());
        assert_eq!(lines, good);
    }
}

#[test]
fn an_index_that_cannot_be_written_does_not_stop_the_listing() {
    let data = tempfile::tempdir().unwrap();
    let blocker = tempfile::NamedTempFile::new().unwrap();
    populate(data.path());
    // The cache "folder" is a file: nothing can be written under it.
    let store = indexed(data.path(), blocker.path());
    assert_eq!(store.list(Guide::builtin()).unwrap().len(), 3);
}

/// The app's first frame may show the index's view; the full listing then corrects it.
#[test]
fn home_starts_from_the_index_and_the_full_listing_corrects_it() {
    use convene::tui::{App, Msg, Screen};
    use std::time::Instant;
    let guide = Guide::builtin();
    let data = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    populate(data.path());
    assert_fresh(data.path(), cache.path());
    // Changed since the index was written: one file gone, one new.
    fs::remove_file(data.path().join("sips-constellation.toml")).unwrap();
    Store::open(data.path())
        .unwrap()
        .create("Zebra crossing", guide)
        .unwrap();

    let home_lines = |app: &App| match &app.screen {
        Screen::Home(home) => lines(&home.entries),
        _ => panic!("home"),
    };
    let mut app = App::new(indexed(data.path(), cache.path()), guide);
    assert!(app.needs_listing(), "shown from the index, to be checked");
    let first = home_lines(&app);
    assert!(first.iter().any(|l| l.contains("SIPS")), "{first:?}");
    assert!(!first.iter().any(|l| l.contains("Zebra")), "{first:?}");

    let listed = app.store.list(guide).map_err(|e| e.to_string());
    app.update(Msg::Listed(listed), Instant::now());
    assert!(!app.needs_listing());
    let checked = home_lines(&app);
    assert_eq!(
        checked,
        lines(&Store::open(data.path()).unwrap().list(guide).unwrap())
    );
    assert!(checked.iter().any(|l| l.contains("Zebra")), "{checked:?}");
    assert!(!checked.iter().any(|l| l.contains("SIPS")), "{checked:?}");

    // Without an index there is nothing provisional.
    let plain = App::new(Store::open(data.path()).unwrap(), guide);
    assert!(!plain.needs_listing());
}

#[test]
fn the_first_view_reads_only_the_head_of_the_index() {
    let data = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    populate(data.path());
    let all = assert_fresh(data.path(), cache.path());
    let head = indexed(data.path(), cache.path())
        .list_from_index(Guide::builtin().identity(), 2)
        .unwrap();
    assert_eq!(
        lines(&head),
        all[..2].to_vec(),
        "the first two, in listing order"
    );
}

/// The launch-time listing arrives late on a big folder: by then home may already hold a newer
/// one (the facilitator duplicated a community). The late one must not undo it.
#[test]
fn a_late_launch_listing_does_not_undo_a_newer_one() {
    use convene::tui::{App, Msg, Screen};
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use std::time::Instant;
    let guide = Guide::builtin();
    let data = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    populate(data.path());
    assert_fresh(data.path(), cache.path());

    let mut app = App::new(indexed(data.path(), cache.path()), guide);
    assert!(app.needs_listing());
    // The launch listing is taken now, before the duplicate...
    let late = app.store.list(guide).map_err(|e| e.to_string());
    app.update(
        Msg::Key(KeyEvent::new(KeyCode::Char('d'), KeyModifiers::NONE)),
        Instant::now(),
    );
    let count = |app: &App| match &app.screen {
        Screen::Home(home) => home.entries.len(),
        _ => panic!("home"),
    };
    assert_eq!(count(&app), 4, "the duplicate is listed: {:?}", app.status);
    // ...and arrives after it.
    app.update(Msg::Listed(late), Instant::now());
    assert_eq!(
        count(&app),
        4,
        "the late listing did not undo the duplicate"
    );
}

// ---------------------------------------------------------------------------------------------
// The index is the user's alone: it is believed about every file whose stamp matches, so one
// that someone else could have written is never read.

#[cfg(unix)]
mod private {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn mode(path: &Path) -> u32 {
        fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    /// The index file a listing wrote in `cache`.
    fn index_file(cache: &Path) -> std::path::PathBuf {
        fs::read_dir(cache)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .find(|p| p.extension().is_some_and(|e| e == "json"))
            .expect("an index was written")
    }

    /// Lists through an index, then rewrites the index so that it lies about a community's
    /// name while keeping its stamp: what a planted index would do.
    fn lying_index(data: &Path, cache: &Path) -> std::path::PathBuf {
        populate(data);
        indexed(data, cache).list(Guide::builtin()).unwrap();
        let index = index_file(cache);
        let text = fs::read_to_string(&index).unwrap();
        assert!(text.contains("Nurses' lunch circle"));
        fs::write(&index, text.replace("Nurses' lunch circle", "Planted name")).unwrap();
        index
    }

    fn names(data: &Path, cache: &Path) -> Vec<String> {
        let store = indexed(data, cache);
        let head = store
            .list_from_index(Guide::builtin().identity(), 256)
            .unwrap_or_default();
        store
            .list(Guide::builtin())
            .unwrap()
            .into_iter()
            .chain(head)
            .filter_map(|e| match e {
                Entry::Community(s) => Some(s.name),
                Entry::Unreadable { .. } => None,
            })
            .collect()
    }

    #[test]
    fn the_cache_folder_is_made_private_and_the_index_is_the_users_alone() {
        let data = tempfile::tempdir().unwrap();
        let root = tempfile::tempdir().unwrap();
        let cache = root.path().join("made-by-convene");
        populate(data.path());
        indexed(data.path(), &cache).list(Guide::builtin()).unwrap();
        assert_eq!(mode(&cache), 0o700);
        assert_eq!(mode(&index_file(&cache)), 0o600);
    }

    #[test]
    fn an_index_others_could_write_is_not_believed() {
        // The user's own index, believed: the lie shows (this is what is at stake).
        let data = tempfile::tempdir().unwrap();
        let cache = tempfile::tempdir().unwrap();
        lying_index(data.path(), cache.path());
        assert!(names(data.path(), cache.path()).contains(&"Planted name".to_string()));

        // In a folder anyone can write into: not read, and not written either.
        let data = tempfile::tempdir().unwrap();
        let cache = tempfile::tempdir().unwrap();
        let index = lying_index(data.path(), cache.path());
        fs::set_permissions(cache.path(), fs::Permissions::from_mode(0o777)).unwrap();
        let before = fs::read(&index).unwrap();
        let shown = names(data.path(), cache.path());
        assert!(!shown.contains(&"Planted name".to_string()), "{shown:?}");
        assert!(shown.contains(&"Nurses' lunch circle".to_string()));
        assert_eq!(fs::read(&index).unwrap(), before, "nothing written there");

        // A file others can write, in a private folder: not read.
        let data = tempfile::tempdir().unwrap();
        let cache = tempfile::tempdir().unwrap();
        let index = lying_index(data.path(), cache.path());
        fs::set_permissions(&index, fs::Permissions::from_mode(0o666)).unwrap();
        let shown = names(data.path(), cache.path());
        assert!(!shown.contains(&"Planted name".to_string()), "{shown:?}");
    }

    #[test]
    fn an_index_owned_by_someone_else_is_not_believed() {
        if my_uid() != 0 {
            eprintln!("skipped: changing a file's owner needs root");
            return;
        }
        let data = tempfile::tempdir().unwrap();
        let cache = tempfile::tempdir().unwrap();
        let index = lying_index(data.path(), cache.path());
        let status = std::process::Command::new("chown")
            .arg("65534")
            .arg(&index)
            .status()
            .unwrap();
        assert!(status.success());
        let shown = names(data.path(), cache.path());
        assert!(!shown.contains(&"Planted name".to_string()), "{shown:?}");
    }

    #[test]
    fn what_an_interrupted_index_write_left_is_swept() {
        let data = tempfile::tempdir().unwrap();
        let cache = tempfile::tempdir().unwrap();
        populate(data.path());
        let stale = cache.path().join(".convene-tmp-abc.part");
        fs::write(&stale, "half an index").unwrap();
        common::make_stale(&stale);
        indexed(data.path(), cache.path())
            .list(Guide::builtin())
            .unwrap();
        assert!(!stale.exists());
    }

    fn my_uid() -> u32 {
        use std::os::unix::fs::MetadataExt;
        let probe = tempfile::tempfile().unwrap();
        probe.metadata().unwrap().uid()
    }
}
