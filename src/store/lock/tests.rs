use super::*;

fn community(dir: &Path) -> PathBuf {
    let path = dir.join("ferry-crews.toml");
    fs::write(&path, "schema_version = 1\nname = \"Ferry crews\"\n").unwrap();
    path
}

fn marks(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir.join(LOCK_DIR))
        .map(|d| {
            d.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".toml.lock") || n.contains(".toml."))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// A holder file as another convene would have left it.
fn plant(dir: &Path, host: &str, pid: u32) -> PathBuf {
    fs::create_dir_all(dir.join(LOCK_DIR)).unwrap();
    let path = dir
        .join(LOCK_DIR)
        .join("ferry-crews.toml.00000000deadbeef.lock");
    let text = format!(
        "user = \"bea\"\nhost = \"{host}\"\npid = {pid}\nsince = \"2026-01-02T14:02:00+00:00\"\n"
    );
    fs::write(&path, text).unwrap();
    path
}

#[test]
fn a_second_claim_is_told_who_and_the_mark_goes_with_the_first() {
    let dir = tempfile::tempdir().unwrap();
    let path = community(dir.path());
    let Claim::Free(Some(held)) = claim(&path) else {
        panic!("the first claim takes the community");
    };
    assert_eq!(marks(dir.path()).len(), 1);
    let Claim::Busy(others) = claim(&path) else {
        panic!("a second claim must be told");
    };
    assert_eq!(others.len(), 1);
    assert_eq!(others[0].alive, Alive::Yes);
    assert!(others[0].here);
    assert_eq!(others[0].pid, Some(std::process::id()));
    assert_eq!(marks(dir.path()).len(), 1, "the second claim left nothing");
    drop(held);
    assert!(marks(dir.path()).is_empty(), "the mark goes when released");
    assert!(matches!(claim(&path), Claim::Free(Some(_))));
}

#[test]
fn open_anyway_leaves_both_marks() {
    let dir = tempfile::tempdir().unwrap();
    let path = community(dir.path());
    let Claim::Free(Some(_first)) = claim(&path) else {
        panic!("free");
    };
    let second = hold(&path).expect("open anyway marks it too");
    assert_eq!(marks(dir.path()).len(), 2);
    drop(second);
    assert_eq!(holders(&path).len(), 1);
}

#[test]
fn a_stale_mark_of_this_machine_is_taken_over_silently() {
    let dir = tempfile::tempdir().unwrap();
    let path = community(dir.path());
    let stale = plant(dir.path(), &record::tests_host(), u32::MAX - 1);
    assert!(matches!(claim(&path), Claim::Free(Some(_))));
    assert!(!stale.exists(), "the stale mark was removed");
}

#[test]
fn a_free_mark_of_another_machine_cannot_be_told() {
    let dir = tempfile::tempdir().unwrap();
    let path = community(dir.path());
    let other = plant(dir.path(), "lab-laptop", 4242);
    let Claim::Busy(others) = claim(&path) else {
        panic!("another machine's mark is shown");
    };
    assert_eq!(others[0].alive, Alive::Unknown);
    assert_eq!(others[0].user, "bea");
    assert_eq!(others[0].host, "lab-laptop");
    assert!(!others[0].here);
    assert!(others[0].who().starts_with("bea on lab-laptop since "));
    assert!(other.exists(), "and left alone");
}

#[test]
fn a_held_mark_of_another_machine_is_running() {
    let dir = tempfile::tempdir().unwrap();
    let path = community(dir.path());
    let other = plant(dir.path(), "lab-laptop", 4242);
    let file = File::open(&other).unwrap();
    file.lock().unwrap();
    let Claim::Busy(others) = claim(&path) else {
        panic!("busy");
    };
    assert_eq!(others[0].alive, Alive::Yes);
    assert!(others[0].state().contains("still running"));
}

#[test]
fn marks_are_hidden_from_git_and_a_foreign_lock_folder_is_not_used() {
    let dir = tempfile::tempdir().unwrap();
    let path = community(dir.path());
    let _held = claim(&path);
    let ignore = fs::read_to_string(dir.path().join(LOCK_DIR).join(".gitignore")).unwrap();
    assert!(ignore.lines().any(|l| l == "*"));

    let other = tempfile::tempdir().unwrap();
    let path = community(other.path());
    fs::write(other.path().join(LOCK_DIR), "not a folder").unwrap();
    assert!(matches!(claim(&path), Claim::Free(None)));
    assert!(matches!(for_save(&path), Ok(None)));
}

#[test]
fn holder_names_are_recognised_exactly() {
    let name = OsStr::new("a.toml");
    assert!(is_holder_name(
        OsStr::new("a.toml.0123456789abcdef.lock"),
        name
    ));
    assert!(!is_holder_name(OsStr::new("a.toml.lock"), name));
    assert!(!is_holder_name(
        OsStr::new("b.toml.0123456789abcdef.lock"),
        name
    ));
    assert!(!is_holder_name(
        OsStr::new("a.toml.x.toml.0123456789abcdef.lock"),
        name
    ));
    assert!(!is_holder_name(
        OsStr::new("a.toml.0123456789abcdeg.lock"),
        name
    ));
}

#[test]
fn a_save_lock_held_elsewhere_makes_the_save_wait_then_fail() {
    let dir = tempfile::tempdir().unwrap();
    let path = community(dir.path());
    let first = for_save(&path).unwrap().expect("the folder takes locks");
    let start = Instant::now();
    assert!(for_save(&path).is_err());
    assert!(start.elapsed() >= SAVE_WAIT);
    drop(first);
    assert!(for_save(&path).unwrap().is_some());
}

#[cfg(unix)]
#[test]
fn hostile_marks_neither_block_nor_reach_the_terminal_raw() {
    let dir = tempfile::tempdir().unwrap();
    let path = community(dir.path());
    let marks = dir.path().join(LOCK_DIR);
    fs::create_dir_all(&marks).unwrap();
    // A FIFO, a folder and a link under holder names: not convene's, never opened.
    let fifo = marks.join("ferry-crews.toml.0000000000000001.lock");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    fs::create_dir(marks.join("ferry-crews.toml.0000000000000002.lock")).unwrap();
    std::os::unix::fs::symlink(
        "/dev/zero",
        marks.join("ferry-crews.toml.0000000000000003.lock"),
    )
    .unwrap();
    // A held mark full of escape sequences and bidi controls, from "another machine".
    let hostile = marks.join("ferry-crews.toml.0000000000000004.lock");
    fs::write(
        &hostile,
        "user = \"\\u001b]0;owned\\u0007eve\\u202e\"\nhost = \"\\u001b[2Jbox\"\npid = 99999999999\n",
    )
    .unwrap();
    let held = File::open(&hostile).unwrap();
    held.lock().unwrap();

    let start = Instant::now();
    let Claim::Busy(others) = claim(&path) else {
        panic!("the held mark is shown");
    };
    assert!(start.elapsed() < Duration::from_secs(1), "nothing blocked");
    assert_eq!(others.len(), 1, "only the plain file counts: {others:?}");
    let said = format!("{} ({})", others[0].who(), others[0].state());
    assert!(
        !said.chars().any(|c| c.is_control() || c == '\u{202e}'),
        "{said:?}"
    );
    assert_eq!(others[0].pid, None, "a pid out of range is unknown");
    if made.is_ok_and(|s| s.success()) {
        assert!(fifo.exists(), "the FIFO is left alone");
    }
}

#[cfg(unix)]
#[test]
fn a_marks_file_is_opened_only_as_a_regular_file_never_through_a_link_or_a_fifo() {
    let dir = tempfile::tempdir().unwrap();
    let away = tempfile::tempdir().unwrap();
    // A link in the place of the save lock: not followed, and nothing created where it leads.
    let target = away.path().join("created-elsewhere");
    let link = dir.path().join("save.lock");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    assert!(open_plain(&link, true, true).is_err());
    assert!(!target.exists(), "a create went through the link");
    // A FIFO: refused at once, not waited on.
    let fifo = dir.path().join("fifo.lock");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    assert!(open_plain(&fifo, false, false).is_err());
    assert!(open_plain(&fifo, true, false).is_err());
    // A regular file opens, and a missing one is created when asked.
    let plain = dir.path().join("plain.lock");
    assert!(open_plain(&plain, true, true).is_ok());
    assert!(plain.is_file());
}
