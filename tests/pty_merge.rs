//! Two real convenes saving the same community (issue 20): the second opens it anyway, each
//! changes a different answer, and the later save merges the earlier one's change in instead
//! of leaving "your copy" to merge by hand.

#![cfg(unix)]

mod common;

use common::pty::{Session, read_community, string_at};

const NAME: &str = "Ferry crews";
const CTRL_S: &str = "\x13";
const TAB: &str = "\t";

#[test]
fn two_convenes_changing_different_answers_both_keep_theirs() {
    let dir = tempfile::tempdir().unwrap();
    common::convene(dir.path())
        .args(["new", NAME])
        .assert()
        .success();
    let path = dir.path().join("ferry-crews.toml");

    let mut first = Session::spawn_args(dir.path(), &["open", NAME], &[]);
    first.wait_for("Section 1/16");
    first.type_text("First words");
    first.send(CTRL_S);
    first.wait_for("Saved at");

    let mut second = Session::spawn_args(dir.path(), &["open", NAME], &[]);
    second.wait_for("is open in another convene");
    second.send("o");
    second.wait_for("Opened anyway");
    second.send(TAB);
    second.type_text("Fewer near misses");
    second.send(CTRL_S);
    second.wait_for("Saved at");

    // The first has not seen the second's save: its next one merges it in.
    first.type_text(" and more");
    first.send(CTRL_S);
    first.wait_for("merged in");
    let doc = read_community(&path);
    assert_eq!(
        string_at(&doc, &["answers", "primary_purpose"]),
        "First words and more"
    );
    assert_eq!(
        string_at(&doc, &["answers", "specific_needs"]),
        "Fewer near misses"
    );
    let copies = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains("your-copy"))
        .count();
    assert_eq!(copies, 0, "no copy to merge by hand");
    second.quit();
    first.quit();
}

#[test]
fn the_same_answer_changed_by_two_convenes_is_settled_side_by_side() {
    let dir = tempfile::tempdir().unwrap();
    common::convene(dir.path())
        .args(["new", NAME])
        .assert()
        .success();
    let path = dir.path().join("ferry-crews.toml");

    let mut first = Session::spawn_args(dir.path(), &["open", NAME], &[]);
    first.wait_for("Section 1/16");
    let mut second = Session::spawn_args(dir.path(), &["open", NAME], &[]);
    second.wait_for("is open in another convene");
    second.send("o");
    second.wait_for("Opened anyway");
    second.type_text("Safer crossings");
    second.send(CTRL_S);
    second.wait_for("Saved at");

    // The first changed the same answer meanwhile: both are kept, in the one file.
    first.type_text("Calmer crews");
    first.send(CTRL_S);
    first.wait_for("changed on both");
    let doc = read_community(&path);
    assert_eq!(
        string_at(&doc, &["answers", "primary_purpose"]),
        "Calmer crews"
    );
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("[[merge_conflicts]]"), "{text}");
    assert!(text.contains("Safer crossings"), "{text}");

    // F2 shows them side by side; t keeps theirs, and the file is whole again.
    first.send("\x1bOQ");
    first.wait_for("Theirs (came in)");
    first.wait_for("Safer crossings");
    first.send("t");
    first.wait_for("Kept theirs");
    first.wait_for("Saved at");
    let doc = read_community(&path);
    assert_eq!(
        string_at(&doc, &["answers", "primary_purpose"]),
        "Safer crossings"
    );
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(!text.contains("merge_conflicts"), "{text}");
    first.quit();
    second.quit();
}
