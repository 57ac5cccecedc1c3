//! A big community file — tens of thousands of table rows, written by a script or a merge — is
//! checked, exported, opened and saved like any other, and a save keeps every row byte for byte
//! while only the facilitator's change differs. (How much memory that takes is measured, not
//! asserted: `cargo bench --bench memory`.)

mod common;

use std::fs;
use std::path::Path;
use std::time::Instant;

use convene::community::Answer;
use convene::guide::Guide;
use convene::store::{Recovery, Store};
use convene::tui::App;

use common::convene;
use common::drive::{ctrl, on_disk, type_text};

const ROWS: usize = 25_000;

/// About 1 MB: a hand comment and an unknown key, then the rows, one of them with a comment of
/// its own, then a hand-written rating.
fn big_file() -> String {
    let mut text = String::from(
        "schema_version = 1\nname = \"Big circle\"\ncreated = 2026-11-01T10:00:00Z\n\
         updated = 2026-11-01T10:00:00Z\nsource = \"exported from the member list\"\n\n\
         # everyone who signed up\n",
    );
    for n in 0..ROWS {
        text.push_str(&format!("[[answers.people]]\nname = \"Member {n}\"\n"));
        if n == 12_345 {
            text.push_str("role = \"core\"  # agreed at the launch\n");
        }
    }
    text.push_str("\n[ratings.clear_group]\nrating = \"partly\" # by hand\n");
    text
}

/// The rows, as written: from the first row's header to the blank line after the last.
fn rows_of(text: &str) -> &str {
    let start = text.find("[[answers.people]]").unwrap();
    let end = text.find("\n\n[ratings").unwrap();
    &text[start..end]
}

#[test]
fn check_and_export_read_every_row() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big-circle.toml");
    fs::write(&path, big_file()).unwrap();

    let checked = convene(dir.path())
        .arg("check")
        .arg(&path)
        .output()
        .unwrap();
    assert!(checked.status.success(), "{checked:?}");
    // Nothing in the rows: only the key convene does not know, kept where it is.
    let said = String::from_utf8_lossy(&checked.stdout);
    let lines: Vec<&str> = said.lines().collect();
    assert_eq!(lines.len(), 1, "{said}");
    assert!(
        lines[0].ends_with(":5:1: warning: `source` is not a key convene knows (a file has schema_version, name, language, created, updated, answers, ratings, notes, workshop); it is kept where it is: is it mistyped?"),
        "{said}"
    );

    let exported = convene(dir.path())
        .args(["export", "big-circle", "--format", "json", "--output", "-"])
        .output()
        .unwrap();
    assert!(exported.status.success(), "{exported:?}");
    let json: serde_json::Value = serde_json::from_slice(&exported.stdout).unwrap();
    let text = json.to_string();
    assert!(text.contains("\"Member 0\"") && text.contains(&format!("\"Member {}\"", ROWS - 1)));
}

#[test]
fn a_save_keeps_every_row_as_written_and_changes_only_what_was_typed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big-circle.toml");
    let written = big_file();
    fs::write(&path, &written).unwrap();
    let store = Store::open(dir.path())
        .unwrap()
        .with_recovery(Recovery::in_dir(dir.path().join(".recovery")));
    let mut app = App::new(store, Guide::builtin());
    app.open(&path).unwrap();
    let now = Instant::now();

    for word in ["Peer support", " for members"] {
        type_text(&mut app, word, now);
        ctrl(&mut app, 's', now);
        let saved = fs::read_to_string(&path).unwrap();
        assert_eq!(
            rows_of(&saved),
            rows_of(&written),
            "the rows were rewritten"
        );
        assert!(saved.contains("source = \"exported from the member list\""));
        assert!(saved.contains("# everyone who signed up\n[[answers.people]]"));
        assert!(saved.contains("rating = \"partly\" # by hand"));
    }
    let community = on_disk(&path);
    assert_eq!(
        community.answers.get("primary_purpose"),
        Some(&Answer::Text("Peer support for members".into()))
    );
    let Some(Answer::Records(rows)) = community.answers.get("people") else {
        panic!("the people are rows");
    };
    assert_eq!(rows.len(), ROWS);
    assert!(
        !fs::read_to_string(&path)
            .unwrap()
            .contains("convene_splice")
    );
    assert_saved_once(dir.path());
}

/// Nothing but the community (and convene's own hidden folders) is in the data folder.
fn assert_saved_once(dir: &Path) {
    let names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.'))
        .collect();
    assert_eq!(names, ["big-circle.toml"]);
}
