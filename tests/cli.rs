//! The command line, run as a user would: the built binary on a temporary data directory.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

mod common;
use common::convene;

fn stdout(cmd: &mut Command) -> String {
    let out = cmd.assert().success().get_output().stdout.clone();
    String::from_utf8(out).unwrap()
}

#[test]
fn new_creates_a_file_and_prints_its_path() {
    let dir = tempfile::tempdir().unwrap();
    let first = stdout(convene(dir.path()).args(["new", "Nurses' lunch circle"]));
    let first = Path::new(first.trim());
    assert_eq!(first, dir.path().join("nurses-lunch-circle.toml"));
    let text = fs::read_to_string(first).unwrap();
    assert!(
        text.contains("schema_version = 1\nname = \"Nurses' lunch circle\"\n"),
        "{text}"
    );

    let second = stdout(convene(dir.path()).args(["new", "Nurses’ lunch circle"]));
    assert_eq!(
        Path::new(second.trim()),
        dir.path().join("nurses-lunch-circle-2.toml")
    );
    assert_eq!(
        fs::read_to_string(first).unwrap(),
        text,
        "the first file is untouched"
    );
}

#[test]
fn new_refuses_a_blank_name() {
    let dir = tempfile::tempdir().unwrap();
    convene(dir.path())
        .args(["new", "   "])
        .assert()
        .failure()
        .stderr(predicate::str::contains("a community needs a name"));
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn the_data_directory_comes_from_the_environment_too() {
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = assert_cmd::cargo::cargo_bin_cmd!("convene");
    let out = cmd
        .env("CONVENE_DIR", dir.path())
        .args(["new", "From env"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert!(String::from_utf8(out).unwrap().contains("from-env.toml"));
    assert!(dir.path().join("from-env.toml").is_file());
}

#[test]
fn list_shows_progress_updates_and_unreadable_files() {
    let dir = tempfile::tempdir().unwrap();
    let empty = stdout(convene(dir.path()).arg("list"));
    assert!(empty.contains("No communities yet"), "{empty}");

    fs::copy(
        "examples/nurses-lunch-circle.toml",
        dir.path().join("nurses.toml"),
    )
    .unwrap();
    stdout(convene(dir.path()).args(["new", "Fresh start"]));
    fs::write(
        dir.path().join("broken.toml"),
        "schema_version = 1\nname = [\n",
    )
    .unwrap();
    fs::write(dir.path().join("notes.txt"), "not a community").unwrap();

    let out = stdout(convene(dir.path()).arg("list"));
    let total = convene::guide::Guide::builtin().question_count();
    let nurses = out
        .lines()
        .find(|l| l.starts_with("Nurses' lunch circle"))
        .expect(&out);
    let example = fs::read_to_string("examples/nurses-lunch-circle.toml").unwrap();
    let example = convene::community::CommunityFile::parse(&example)
        .unwrap()
        .community;
    let answered = example.progress(convene::guide::Guide::builtin()).answered;
    assert!(answered > 0);
    assert!(nurses.contains(&format!("{answered}/{total}")), "{nurses}");
    let updated = example
        .updated
        .with_timezone(&chrono::Local)
        .format("%Y-%m-%d")
        .to_string();
    assert!(nurses.contains(&updated), "{nurses}");
    let fresh = out
        .lines()
        .find(|l| l.starts_with("Fresh start"))
        .expect(&out);
    assert!(fresh.contains(&format!("0/{total}")), "{fresh}");
    assert!(out.contains("Unreadable"), "{out}");
    let broken = out.lines().find(|l| l.contains("broken.toml")).expect(&out);
    assert!(broken.contains("line 2, column 9"), "{broken}");
    assert!(!out.contains("notes.txt"));
}

#[test]
fn nothing_printed_carries_a_raw_control_character_from_a_file() {
    let dir = tempfile::tempdir().unwrap();
    stdout(convene(dir.path()).args(["new", "Evil\u{1b}]0;owned\u{7}\u{202e}name"]));
    fs::write(
        dir.path().join("hostile.toml"),
        "schema_version = 1\nname = \"x\"\ncreated = \"\\u001b[2J\\u202e\"\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("raw.toml"),
        "name = \"\u{1b}[2J\u{202e}\"\n",
    )
    .unwrap();
    let out = stdout(convene(dir.path()).arg("list"));
    assert!(
        out.contains("Evil\\u{1b}]0;owned\\u{7}\\u{202e}name"),
        "{out}"
    );
    assert!(out.contains("\\u{1b}[2J\\u{202e}"), "{out}");
    for bad in ['\u{1b}', '\u{7}', '\u{202e}'] {
        assert!(!out.contains(bad), "raw {bad:?} printed:\n{out:?}");
    }

    let check = convene(dir.path())
        .arg("check")
        .arg(dir.path().join("hostile.toml"))
        .arg(dir.path().join("raw.toml"))
        .assert()
        .failure()
        .get_output()
        .stdout
        .clone();
    let check = String::from_utf8(check).unwrap();
    assert!(
        !check.contains('\u{1b}') && !check.contains('\u{202e}'),
        "{check:?}"
    );
}

#[test]
fn check_passes_the_examples() {
    let dir = tempfile::tempdir().unwrap();
    let examples: Vec<_> = fs::read_dir("examples")
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    assert!(examples.len() >= 2, "at least two example communities");
    let out = stdout(convene(dir.path()).arg("check").args(&examples));
    assert_eq!(
        out.lines().filter(|l| l.ends_with(": ok")).count(),
        examples.len(),
        "{out}"
    );
}

#[test]
fn check_reports_file_line_column_and_fails() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.toml");
    fs::write(
        &bad,
        "schema_version = 1\nname = \"Bad\"\ncreated = 2026-01-01T00:00:00Z\nupdated = 2026-01-01\n",
    )
    .unwrap();
    let typo = dir.path().join("typo.toml");
    fs::write(
        &typo,
        "schema_version = 1\nname = \"Typo\"\ncreated = 2026-01-01T00:00:00Z\nupdated = 2026-01-01T00:00:00Z\n\n[answers]\nprimary_purpos = \"x\"\nclear_group = \"yes\"\n",
    )
    .unwrap();
    let bad_name = bad.display().to_string();
    let typo_name = typo.display().to_string();
    convene(dir.path())
        .arg("check")
        .arg(&bad)
        .arg(&typo)
        .arg(dir.path().join("missing.toml"))
        .assert()
        .code(1)
        .stdout(predicate::str::contains(format!(
            "{bad_name}:4:11: error: `updated` must be a date and time with a zone"
        )))
        .stdout(predicate::str::contains(format!(
            "{typo_name}:7:1: warning: the guide has no question `primary_purpos`"
        )))
        .stdout(predicate::str::contains(format!(
            // The app opens the file (the answer is kept, unread), so it is a warning, not an error.
            "{typo_name}:8:1: warning: `clear_group` is a statement to rate"
        )))
        .stdout(predicate::str::contains(
            "missing.toml: error: could not open it",
        ));
}

#[test]
fn check_warnings_alone_pass() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("extra.toml");
    fs::write(
        &file,
        "schema_version = 1\nname = \"Extra\"\ncreated = 2026-01-01T00:00:00Z\nupdated = 2026-01-01T00:00:00Z\n\n[notes]\nnowhere = \"x\"\n",
    )
    .unwrap();
    convene(dir.path())
        .arg("check")
        .arg(&file)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            ":7:1: warning: the guide has no notes area `nowhere`",
        ));
}

#[test]
fn help_version_and_the_bare_command() {
    let dir = tempfile::tempdir().unwrap();
    let help = stdout(convene(dir.path()).arg("--help"));
    for word in ["new", "list", "check", "--dir", "CONVENE_DIR"] {
        assert!(help.contains(word), "help mentions {word}:\n{help}");
    }
    let version = stdout(convene(dir.path()).arg("--version"));
    assert!(version.starts_with("convene "), "{version}");
    // Without a terminal (as here), the app says what to use instead.
    convene(dir.path())
        .assert()
        .failure()
        .stderr(predicate::str::contains("needs an interactive terminal"));
}

#[test]
fn open_names_an_unknown_community_clearly() {
    let dir = tempfile::tempdir().unwrap();
    convene(dir.path())
        .args(["open", "Nobody\u{1b}[2J"])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "no community called \"Nobody\\u{1b}[2J\"",
        ));
}

#[cfg(unix)]
#[test]
fn a_file_whose_name_is_not_utf8_is_listed_not_hidden() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9.toml");
    fs::write(dir.path().join(name), "not = [valid").unwrap();
    let out = stdout(convene(dir.path()).arg("list"));
    let line = out.lines().find(|l| l.contains("caf")).expect(&out);
    assert!(
        line.contains("caf\u{fffd}.toml") && line.contains("not valid TOML"),
        "{line}"
    );
}

#[test]
fn list_mentions_unsaved_work_waiting_in_a_recovery_copy() {
    use convene::store::{Recovery, Store};
    let dir = tempfile::tempdir().unwrap();
    let guide = convene::guide::Guide::builtin();
    let store = Store::open(dir.path())
        .unwrap()
        .with_recovery(Recovery::in_dir(dir.path().join(".recovery")));
    let mut loaded = store.create("Kept", guide).unwrap();
    let quiet = convene(dir.path()).arg("list").assert().success();
    assert!(quiet.get_output().stderr.is_empty(), "nothing waiting yet");

    loaded.community_mut().set_answer(
        "primary_purpose",
        convene::community::Answer::Text("unsaved".into()),
    );
    let copy = store.keep(&mut loaded, guide).unwrap();
    let out = convene(dir.path()).arg("list").assert().success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(stderr.contains("start convene to restore it"), "{stderr}");
    assert!(stderr.contains("Kept (for kept.toml)"), "{stderr}");
    assert!(stderr.contains(&*copy.to_string_lossy()), "{stderr}");
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(stdout.contains("Kept"), "the table is unchanged: {stdout}");
}

#[test]
fn a_reader_that_stops_early_ends_the_output_quietly() {
    // `convene list | head -1`: the pipe is closed before convene writes; no panic, no noise.
    let dir = tempfile::tempdir().unwrap();
    for name in ["Ferry crews", "Night nurses", "Bridge builders"] {
        convene(dir.path()).args(["new", name]).assert().success();
    }
    for args in [
        &["list"][..],
        &["export", "Ferry crews"][..],
        &["check", "ferry-crews.toml"][..],
    ] {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_convene"));
        cmd.env_remove("CONVENE_DIR")
            .env("CONVENE_RECOVERY_DIR", dir.path().join(".recovery"))
            .env("CONVENE_CACHE_DIR", dir.path().join(".cache"))
            .current_dir(dir.path())
            .arg("--dir")
            .arg(dir.path())
            .args(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped());
        let mut child = cmd.spawn().unwrap();
        drop(child.stdout.take()); // the reader goes away at once
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{args:?}: {:?} {stderr}", out.status);
        assert!(stderr.is_empty(), "{args:?} wrote to stderr: {stderr}");
    }
}

/// `new` with a name an existing community has — exactly, in another case, or composed
/// differently — refuses, names the existing one, and creates it only with --anyway. `export`
/// by a name several communities share in different cases is refused with the list.
#[test]
fn new_refuses_a_name_that_exists_unless_told_anyway() {
    let dir = tempfile::tempdir().unwrap();
    stdout(convene(dir.path()).args(["new", "Caf\u{e9} Zo\u{eb}"]));
    for same in [
        "Caf\u{e9} Zo\u{eb}",
        "CAF\u{c9} ZO\u{cb}",
        "Cafe\u{301} Zoe\u{308}",
    ] {
        convene(dir.path())
            .args(["new", same])
            .assert()
            .failure()
            .stdout("")
            .stderr(
                predicate::str::contains("not created: a community of that name already exists")
                    .and(predicate::str::contains("\"Café Zoë\" (cafe-zoe.toml)"))
                    .and(predicate::str::contains("--anyway")),
            );
    }
    assert_eq!(
        fs::read_dir(dir.path()).unwrap().count(),
        1 + 1,
        "one file, one cache folder"
    );
    let second = stdout(convene(dir.path()).args(["new", "--anyway", "CAF\u{c9} ZO\u{cb}"]));
    assert!(second.trim().ends_with("cafe-zoe-2.toml"), "{second}");

    convene(dir.path())
        .args(["export", "caf\u{e9} zo\u{eb}"])
        .assert()
        .failure()
        .stderr(
            predicate::str::contains("could be any of 2 communities")
                .and(predicate::str::contains("(cafe-zoe.toml)"))
                .and(predicate::str::contains("(cafe-zoe-2.toml)")),
        );
    // The exact name still finds its own.
    convene(dir.path())
        .args(["export", "CAF\u{c9} ZO\u{cb}"])
        .assert()
        .success()
        .stdout(predicate::str::contains("# CAFÉ ZOË"));
}
