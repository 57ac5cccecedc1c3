//! convene as git's merge driver, in a real repository: two branches change one community;
//! `git merge` with the driver keeps both sides' work, and a true conflict leaves a file
//! that still parses, holds both answers and opens in convene.

mod common;

use std::path::Path;
use std::process::Command;

use convene::community::{Answer, CommunityFile, Record, Scalar};
use convene::guide::Guide;
use convene::store::Store;

fn git(dir: &Path, args: &[&str]) -> std::process::Output {
    let bin = Path::new(env!("CARGO_BIN_EXE_convene")).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("PATH", path)
        .env("GIT_AUTHOR_NAME", "Ana")
        .env("GIT_AUTHOR_EMAIL", "ana@example.org")
        .env("GIT_COMMITTER_NAME", "Ana")
        .env("GIT_COMMITTER_EMAIL", "ana@example.org")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .expect("git runs")
}

fn ok(dir: &Path, args: &[&str]) {
    let out = git(dir, args);
    assert!(
        out.status.success(),
        "git {args:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn person(name: &str) -> Record {
    let mut row = Record::new();
    row.insert("name".into(), Scalar::Text(name.into()));
    row
}

/// Changes the community at `path` and commits it.
fn change(
    dir: &Path,
    path: &Path,
    message: &str,
    edit: impl FnOnce(&mut convene::community::Community),
) {
    let store = Store::open(dir).unwrap();
    let mut loaded = store.load(path).unwrap();
    edit(loaded.community_mut());
    store.save(&mut loaded, Guide::builtin()).unwrap();
    ok(dir, &["commit", "-qam", message]);
}

fn people(c: &convene::community::Community) -> Vec<String> {
    match c.answers.get("people") {
        Some(Answer::Records(rows)) => rows
            .iter()
            .filter_map(|r| match r.get("name") {
                Some(Scalar::Text(t)) => Some(t.clone()),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// A repository set up by `convene git-setup`, with one community committed on `main`.
fn repository() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    ok(dir.path(), &["init", "-q", "-b", "main"]);
    let out = common::convene(dir.path())
        .arg("git-setup")
        .assert()
        .success();
    let said = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(said.contains("*.toml merge=convene"), "{said}");
    assert!(said.contains("merge.convene.driver"), "{said}");
    let store = Store::open(dir.path()).unwrap();
    let mut loaded = store.create("Ferry crews", Guide::builtin()).unwrap();
    loaded.community_mut().set_answer(
        "primary_purpose",
        Answer::Text("Share what works at sea.".into()),
    );
    loaded
        .community_mut()
        .set_answer("people", Answer::Records(vec![person("Ana")]));
    store.save(&mut loaded, Guide::builtin()).unwrap();
    ok(dir.path(), &["add", "-A"]);
    ok(dir.path(), &["commit", "-qm", "Ferry crews"]);
    (dir, loaded.path)
}

#[test]
fn two_branches_adding_people_and_changing_different_answers_merge_cleanly() {
    let (dir, path) = repository();
    let dir = dir.path();
    ok(dir, &["checkout", "-qb", "theirs"]);
    change(dir, &path, "Ben joins", |c| {
        if let Some(Answer::Records(rows)) = c.answers.get_mut("people") {
            rows.push(person("Ben"));
        }
        c.set_answer("specific_needs", Answer::Text("Fewer near misses.".into()));
    });
    ok(dir, &["checkout", "-q", "main"]);
    change(dir, &path, "Cleo joins", |c| {
        if let Some(Answer::Records(rows)) = c.answers.get_mut("people") {
            rows.push(person("Cleo"));
        }
        c.set_answer("primary_purpose", Answer::Text("Share what works.".into()));
    });
    // Line by line, as git merges text, the two branches conflict (both add a row after Ana).
    let name = path.file_name().unwrap().to_str().unwrap();
    let versions = tempfile::tempdir().unwrap();
    for rev in ["main~1", "main", "theirs"] {
        let out = git(dir, &["show", &format!("{rev}:{name}")]);
        std::fs::write(versions.path().join(rev.replace('~', "-")), out.stdout).unwrap();
    }
    let line_merge = Command::new("git")
        .current_dir(versions.path())
        .args(["merge-file", "-p", "main", "main-1", "theirs"])
        .output()
        .unwrap();
    assert!(
        !line_merge.status.success(),
        "git's own merge conflicts here"
    );
    ok(dir, &["merge", "-q", "--no-edit", "theirs"]);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(!text.contains("<<<<<<<"), "{text}");
    let file = CommunityFile::parse(&text).unwrap();
    let c = &file.community;
    assert_eq!(people(c), ["Ana", "Cleo", "Ben"]);
    assert_eq!(
        c.answers["primary_purpose"],
        Answer::Text("Share what works.".into())
    );
    assert_eq!(
        c.answers["specific_needs"],
        Answer::Text("Fewer near misses.".into())
    );
}

#[test]
fn a_true_conflict_leaves_a_file_that_parses_with_both_answers_and_opens() {
    let (dir, path) = repository();
    let dir = dir.path();
    ok(dir, &["checkout", "-qb", "theirs"]);
    change(dir, &path, "theirs", |c| {
        c.set_answer(
            "primary_purpose",
            Answer::Text("Theirs: keep crews safe.".into()),
        )
    });
    ok(dir, &["checkout", "-q", "main"]);
    change(dir, &path, "mine", |c| {
        c.set_answer(
            "primary_purpose",
            Answer::Text("Mine: learn together.".into()),
        )
    });
    let out = git(dir, &["merge", "--no-edit", "theirs"]);
    assert!(!out.status.success(), "a conflict stops the merge");
    let said =
        String::from_utf8_lossy(&out.stderr).to_string() + &String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("answers.primary_purpose"), "{said}");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(!text.contains("<<<<<<<"), "no line markers: {text}");
    let file = CommunityFile::parse(&text).expect("the file still parses");
    assert_eq!(
        file.community.answers["primary_purpose"],
        Answer::Text("Mine: learn together.".into())
    );
    assert!(text.contains("[[merge_conflicts]]"), "{text}");
    assert!(
        text.contains("Theirs: keep crews safe."),
        "theirs is kept in the file"
    );
    // convene lists it and names the conflict when the file is checked.
    common::convene(dir)
        .arg("list")
        .assert()
        .success()
        .stdout(predicates::str::contains("Ferry crews"));
    let out = common::convene(dir).arg("check").arg(&path).assert();
    let said = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(
        said.contains("a merge left answers changed on both sides to settle"),
        "{said}"
    );
    // And convene opens on it: yours beside theirs; keeping theirs settles it, and the file
    // git is waiting for is whole again.
    #[cfg(unix)]
    {
        let mut app = common::pty::Session::spawn_args(dir, &["open", "Ferry crews"], &[]);
        app.wait_for("Changed on both sides — 1 of 1");
        app.wait_for("Theirs: keep crews safe.");
        app.send("t");
        app.wait_for("Kept theirs");
        app.quit();
        let settled = CommunityFile::parse(&std::fs::read_to_string(&path).unwrap()).unwrap();
        assert_eq!(
            settled.community.answers["primary_purpose"],
            Answer::Text("Theirs: keep crews safe.".into())
        );
        assert!(convene::merge::conflicts_of(&settled).is_empty());
        ok(dir, &["commit", "-qam", "settled"]);
    }
}

#[test]
fn files_that_are_not_communities_are_left_for_git_and_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        path
    };
    let (b, m, t) = (
        write("b", "x = 1\n"),
        write("m", "x = 2\n"),
        write("t", "x = 3\n"),
    );
    common::convene(dir.path())
        .arg("merge")
        .args([&b, &m, &t])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("left as it was"));
    assert_eq!(std::fs::read_to_string(&m).unwrap(), "x = 2\n");
}

#[test]
fn diff_says_what_changed_question_by_question_and_is_gits_diff_driver() {
    let (dir, path) = repository();
    let dir = dir.path();
    change(dir, &path, "more", |c| {
        if let Some(Answer::Records(rows)) = c.answers.get_mut("people") {
            rows.push(person("Ben"));
            rows[0].insert("role".into(), Scalar::Text("coordinator".into()));
        }
        c.set_answer("primary_purpose", Answer::Text("Share what works.".into()));
    });
    let out = common::convene(dir)
        .arg("diff")
        .arg(&path)
        .args(["--rev", "HEAD~1"])
        .assert()
        .success();
    let said = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(
        said.contains("primary_purpose: What is your group's primary purpose?"),
        "{said}"
    );
    assert!(said.contains("- Share what works at sea."), "{said}");
    assert!(said.contains("+ Share what works."), "{said}");
    assert!(
        said.contains("~ row \"Ana\": role \"\" → \"coordinator\""),
        "{said}"
    );
    assert!(said.contains("+ row name: Ben"), "{said}");
    // git's own diff goes through the driver git-setup installed.
    let out = git(dir, &["diff", "HEAD~1", "HEAD"]);
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("+ row name: Ben"), "{said}");
    assert!(!said.contains("@@"), "no line hunks: {said}");
}

#[cfg(unix)]
#[test]
fn f4_shows_the_answers_earlier_versions_from_git_and_brings_one_back_as_one_undo_step() {
    let (dir, path) = repository();
    let dir = dir.path();
    for words in ["Safer crossings.", "Calmer crews."] {
        change(dir, &path, words, |c| {
            c.set_answer("primary_purpose", Answer::Text(words.into()))
        });
    }
    let mut app = common::pty::Session::spawn_args(dir, &["open", "Ferry crews"], &[]);
    app.wait_for("Section 1/16");
    app.send("\x1bOS");
    app.wait_for("Earlier versions — 1 of");
    app.wait_for("Calmer crews.");
    // The older one, brought back into the editor; Ctrl-Z takes it out again.
    app.send("\x1b[B");
    app.wait_for("Earlier versions — 2 of");
    app.send("\r");
    app.wait_for("Brought back the version of");
    app.wait_for("Safer crossings.");
    app.send("\x1a");
    app.wait_for("Calmer crews.");
    app.send("\x1bOS");
    app.wait_for("Earlier versions — 1 of");
    app.send("\x1b[B");
    app.send("\r");
    app.wait_for("Brought back the version of");
    app.quit();
    let file = CommunityFile::parse(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(
        file.community.answers["primary_purpose"],
        Answer::Text("Safer crossings.".into())
    );
}
