//! One writer per community (issue 13, point 1) and community files that are links (point 8),
//! through the library: the compare-and-swap save under the folder's lock, raced by threads that
//! each have their own `Store` and `Loaded` of the same file, as two convenes would; a link
//! that stays a link; lock marks that git never sees.
//!
//! The same race between two real processes of the built binary is in `pty_one_writer.rs`.

use std::fs;
use std::path::Path;
use std::sync::{Arc, Barrier};

use convene::community::Answer;
use convene::guide::Guide;
use convene::store::{Loaded, Store, StoreError};

/// Save races run in one test (`CONVENE_RACE_TRIALS` changes it, for a longer run by hand).
fn trials() -> usize {
    std::env::var("CONVENE_RACE_TRIALS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200)
}

fn set_purpose(loaded: &mut Loaded, text: &str) {
    loaded
        .community_mut()
        .set_answer("primary_purpose", Answer::Text(text.to_string()));
    loaded.community_mut().touch();
}

fn purpose_on_disk(path: &Path) -> String {
    let store = Store::open(path.parent().unwrap()).unwrap();
    match store
        .load(path)
        .unwrap()
        .community()
        .answers
        .get("primary_purpose")
    {
        Some(Answer::Text(t)) => t.clone(),
        other => panic!("no purpose on disk: {other:?}"),
    }
}

/// Two savers start from the same loaded bytes and save different text at the same instant:
/// exactly one may succeed, the other must be told (Conflict), and the file holds the winner's
/// text. Without the save lock both can read the old bytes, both pass the comparison, and the
/// first text is gone while both said "Saved".
#[test]
fn of_two_saves_at_the_same_instant_one_wins_and_the_other_is_told() {
    let dir = tempfile::tempdir().unwrap();
    let guide = Guide::builtin();
    let path = Store::open(dir.path())
        .unwrap()
        .create("Ferry crews", guide)
        .unwrap()
        .path;
    let mut lost = 0;
    let mut conflicts = 0;
    let trials = trials();
    for trial in 0..trials {
        let barrier = Arc::new(Barrier::new(2));
        let savers: Vec<_> = ["left", "right"]
            .into_iter()
            .map(|side| {
                let store = Store::open(dir.path()).unwrap();
                let mut loaded = store.load(&path).unwrap();
                let text = format!("{side} {trial}");
                set_purpose(&mut loaded, &text);
                let barrier = Arc::clone(&barrier);
                std::thread::spawn(move || {
                    barrier.wait();
                    (text, store.save(&mut loaded, guide))
                })
            })
            .collect();
        let results: Vec<(String, Result<(), StoreError>)> =
            savers.into_iter().map(|s| s.join().unwrap()).collect();
        let on_disk = purpose_on_disk(&path);
        let won: Vec<&String> = results
            .iter()
            .filter(|(_, r)| r.is_ok())
            .map(|(t, _)| t)
            .collect();
        for (_, result) in &results {
            match result {
                Ok(()) => {}
                Err(StoreError::Conflict(_)) => conflicts += 1,
                Err(other) => panic!("trial {trial}: a save failed otherwise: {other}"),
            }
        }
        if won.len() != 1 || *won[0] != on_disk {
            lost += 1;
        }
    }
    println!("concurrent saves (threads): {trials} trials, {conflicts} conflicts, {lost} lost");
    assert_eq!(lost, 0, "{lost} of {trials} trials lost a version");
    assert_eq!(conflicts, trials, "every trial has exactly one loser");
}

/// The loser's "your copy" is made with create-new semantics: two at once get two files.
#[test]
fn two_copies_made_at_once_are_two_files() {
    let dir = tempfile::tempdir().unwrap();
    let guide = Guide::builtin();
    let store = Store::open(dir.path()).unwrap();
    let loaded = store.create("Ferry crews", guide).unwrap();
    let barrier = Arc::new(Barrier::new(2));
    let makers: Vec<_> = (0..2)
        .map(|n| {
            let store = store.clone();
            let mut loaded = loaded.clone();
            set_purpose(&mut loaded, &format!("copy {n}"));
            let barrier = Arc::clone(&barrier);
            std::thread::spawn(move || {
                barrier.wait();
                store.save_copy(&loaded, "your copy", guide)
            })
        })
        .collect();
    let mut paths: Vec<_> = makers
        .into_iter()
        .map(|m| m.join().unwrap().unwrap().path)
        .collect();
    paths.sort();
    paths.dedup();
    assert_eq!(paths.len(), 2);
    let mut texts: Vec<String> = paths.iter().map(|p| purpose_on_disk(p)).collect();
    texts.sort();
    assert_eq!(texts, ["copy 0", "copy 1"]);
}

#[cfg(unix)]
mod links {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn a_link_inside_the_data_folder_stays_a_link_and_its_target_is_saved() {
        let dir = tempfile::tempdir().unwrap();
        let guide = Guide::builtin();
        let store = Store::open(dir.path()).unwrap();
        let real = store.create("Ferry crews", guide).unwrap().path;
        fs::create_dir(dir.path().join("kept")).unwrap();
        let moved = dir.path().join("kept").join("ferry.toml");
        fs::rename(&real, &moved).unwrap();
        let link = dir.path().join("ferry-crews.toml");
        symlink("kept/ferry.toml", &link).unwrap();

        let mut loaded = store.load(&link).unwrap();
        assert_eq!(loaded.link_outside(), None);
        set_purpose(&mut loaded, "Crews learn from each other's crossings.");
        store.save(&mut loaded, guide).unwrap();

        let meta = fs::symlink_metadata(&link).unwrap();
        assert!(meta.file_type().is_symlink(), "the link is still a link");
        assert_eq!(fs::read_link(&link).unwrap(), Path::new("kept/ferry.toml"));
        assert_eq!(
            purpose_on_disk(&moved),
            "Crews learn from each other's crossings."
        );
        let stray: Vec<_> = fs::read_dir(dir.path().join("kept"))
            .unwrap()
            .flatten()
            .filter(|e| e.file_name() != "ferry.toml" && e.file_name() != ".convene")
            .collect();
        assert!(stray.is_empty(), "no temporary file left: {stray:?}");
    }

    #[test]
    fn a_link_leading_out_of_the_data_folder_is_read_only_and_never_written() {
        let dir = tempfile::tempdir().unwrap();
        let away = tempfile::tempdir().unwrap();
        let guide = Guide::builtin();
        let real = Store::open(away.path())
            .unwrap()
            .create("Ferry crews", guide)
            .unwrap()
            .path;
        let before = fs::read(&real).unwrap();
        let link = dir.path().join("ferry-crews.toml");
        symlink(&real, &link).unwrap();

        let store = Store::open(dir.path()).unwrap();
        let mut loaded = store.load(&link).unwrap();
        assert_eq!(
            loaded.link_outside(),
            Some(fs::canonicalize(&real).unwrap().as_path())
        );
        set_purpose(&mut loaded, "Not to be written");
        let err = store.save(&mut loaded, guide).unwrap_err();
        assert!(matches!(err, StoreError::LinkOutside(..)), "{err}");
        assert!(
            err.to_string().contains("does not write through it"),
            "{err}"
        );
        assert_eq!(fs::read(&real).unwrap(), before, "the target is untouched");
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert!(
            !away.path().join(".convene").join("save.lock").exists(),
            "not even a lock is written out there"
        );
    }
}

/// A data folder kept in git never shows convene's lock marks as a change.
#[test]
fn lock_marks_never_show_in_git_status() {
    let git = |dir: &Path, args: &[&str]| {
        std::process::Command::new("git")
            .args(args)
            .current_dir(dir)
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .output()
    };
    let dir = tempfile::tempdir().unwrap();
    match git(dir.path(), &["init", "-q"]) {
        Ok(out) if out.status.success() => {}
        _ => {
            println!("git is not available here: skipped the git status check");
            return;
        }
    }
    let guide = Guide::builtin();
    let store = Store::open(dir.path()).unwrap();
    let mut loaded = store.create("Ferry crews", guide).unwrap();
    let held = convene::store::lock::claim(&loaded.path);
    set_purpose(&mut loaded, "Saved under the lock");
    store.save(&mut loaded, guide).unwrap();
    assert!(dir.path().join(".convene").is_dir(), "the marks are there");
    let status = git(
        dir.path(),
        &["status", "--porcelain", "--untracked-files=all"],
    )
    .unwrap();
    let status = String::from_utf8_lossy(&status.stdout).into_owned();
    assert!(
        status.contains("ferry-crews.toml"),
        "git sees the community: {status}"
    );
    assert!(
        !status.contains(".convene"),
        "git sees a lock mark: {status}"
    );
    drop(held);
}
