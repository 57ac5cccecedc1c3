//! A file someone edited by hand keeps their comments, their quoting and their own keys when
//! convene saves it; a file convene cannot read, or that a newer convene wrote, is never written.

use std::fs;
use std::path::{Path, PathBuf};

use convene::community::{Answer, FormatError, Rating, RatingValue};
use convene::guide::Guide;
use convene::store::{Store, StoreError};

const HAND_EDITED: &str = include_str!("fixtures/hand-edited.toml");
const HAND_EDITED_SAVED: &str = include_str!("fixtures/hand-edited.saved.toml");

fn store_with(name: &str, text: &str) -> (tempfile::TempDir, Store, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    fs::write(&path, text).unwrap();
    let store = Store::open(dir.path()).unwrap();
    (dir, store, path)
}

#[test]
fn comments_quoting_and_unknown_keys_survive_a_load_edit_save() {
    let guide = Guide::builtin();
    let (_dir, store, path) = store_with("ward-circle.toml", HAND_EDITED);
    let mut loaded = store.load(&path).unwrap();
    assert_eq!(loaded.community().name, "Ward circle");

    let community = loaded.community_mut();
    community.set_answer(
        "members",
        Answer::Text("Ward nurses, day and night shifts".into()),
    );
    community.set_answer(
        "specific_needs",
        Answer::Text("Handover tips\nfor nights".into()),
    );
    community.set_rating(
        "clear_group",
        Rating {
            value: Some(RatingValue::Partly),
            comment: String::new(),
        },
    );
    community.set_note("practice", "");
    community.updated = "2026-11-22T10:00:00Z".parse().unwrap();
    store.save(&mut loaded, guide).unwrap();

    let saved = fs::read_to_string(&path).unwrap();
    assert_eq!(
        saved, HAND_EDITED_SAVED,
        "the saved file differs from the expected one"
    );
    for kept in [
        "# Planning notes for the ward circle. Kept in git; Zoë edits this by hand.",
        "name = 'Ward circle'   # single quotes, as Zoë likes them",
        "created = \"2026-10-01T09:00:00+01:00\"   # quoted on purpose",
        "owner = \"zoe@example.org\"   # a key convene does not know",
        "# The purpose we agreed on in the first lunch.\nprimary_purpose = '''",
        "members = \"Ward nurses, day and night shifts\"  # to be widened",
        "custom_question = \"Kept even though the guide has no such question\"",
        "confidence = \"high\"   # Zoë's own field",
        "# Zoë's own table, not convene's.\n[zoe.reminders]\nnext = \"Book the room\"",
    ] {
        assert!(saved.contains(kept), "lost: {kept}");
    }
    assert!(
        !saved.contains("To be removed."),
        "a cleared note is removed"
    );

    // Saving again, unchanged, changes no byte.
    let mut again = store.load(&path).unwrap();
    store.save(&mut again, guide).unwrap();
    assert_eq!(fs::read_to_string(&path).unwrap(), HAND_EDITED_SAVED);
}

fn assert_unchanged(path: &Path, original: &str) {
    assert_eq!(
        fs::read_to_string(path).unwrap(),
        original,
        "the file was modified"
    );
}

#[test]
fn a_malformed_file_gives_its_line_and_is_left_alone() {
    let text = "schema_version = 1\nname = \"Broken\ncreated = 2026-10-01T09:00:00Z\n";
    let (_dir, store, path) = store_with("broken.toml", text);
    let err = store.load(&path).unwrap_err();
    let message = err.to_string();
    assert!(message.contains("broken.toml"), "{message}");
    assert!(message.contains("line 2, column"), "{message}");
    assert!(matches!(err, StoreError::Format(_, FormatError::Syntax(_))));

    let listing = store.list(Guide::builtin()).unwrap();
    assert!(
        matches!(&listing[..], [convene::store::Entry::Unreadable { reason, .. }] if reason.contains("line 2"))
    );
    assert_unchanged(&path, text);
}

#[test]
fn wrong_values_are_kept_and_reported_where_they_are() {
    // A rating word convene does not know no longer refuses the file: the rating is kept as
    // written (the app says so on its statement), a save leaves it alone, and check points at it.
    let guide = Guide::builtin();
    let text = "schema_version = 1\nname = \"R\"\ncreated = 2026-10-01T09:00:00Z\nupdated = 2026-10-01T09:00:00Z\n\n[ratings.clear_group]\nrating = \"maybe\"\n";
    let (_dir, store, path) = store_with("r.toml", text);
    let mut loaded = store.load(&path).unwrap();
    assert!(!loaded.community().ratings.contains_key("clear_group"));
    loaded
        .community_mut()
        .set_answer("primary_purpose", Answer::Text("Something".into()));
    store.save(&mut loaded, guide).unwrap();
    let saved = fs::read_to_string(&path).unwrap();
    assert!(
        saved.contains("[ratings.clear_group]\nrating = \"maybe\"\n"),
        "{saved}"
    );

    let problems = convene::community::check_text(text, guide);
    let [problem] = problems.as_slice() else {
        panic!("{problems:?}");
    };
    assert_eq!((problem.line, problem.column), (7, 10), "{problem:?}");
    assert!(
        problem.message.starts_with("kept as written: ")
            && problem
                .message
                .contains("\"maybe\" (not one of yes, partly, no, not_sure)"),
        "{problem:?}"
    );
}

#[test]
fn a_newer_schema_opens_read_only_and_is_never_written() {
    let guide = Guide::builtin();
    let text = "schema_version = 2\nname = \"From the future\"\ncreated = 2030-01-01T00:00:00Z\nupdated = 2030-01-01T00:00:00Z\nhologram = true\n\n[answers]\nprimary_purpose = \"Time travel\"\n";
    let (_dir, store, path) = store_with("future.toml", text);
    let mut loaded = store.load(&path).unwrap();
    assert!(loaded.file.is_read_only());
    assert_eq!(loaded.community().name, "From the future");

    loaded
        .community_mut()
        .set_answer("primary_purpose", Answer::Text("Overwritten".into()));
    let err = store.save(&mut loaded, guide).unwrap_err();
    let message = err.to_string();
    assert!(
        message.contains("newer convene (schema_version 2"),
        "{message}"
    );
    assert!(message.contains("read-only"), "{message}");
    assert_unchanged(&path, text);
}

#[test]
fn an_unreadable_newer_schema_says_so() {
    let text = "schema_version = 7\nname = \"Future\"\nwhen = \"later\"\n";
    let (_dir, store, path) = store_with("future.toml", text);
    let message = store.load(&path).unwrap_err().to_string();
    assert!(
        message.contains("newer convene (schema_version 7"),
        "{message}"
    );
    assert!(message.contains("update convene"), "{message}");
    assert_unchanged(&path, text);
}

#[test]
fn a_file_changed_underneath_is_not_overwritten() {
    let guide = Guide::builtin();
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let mut loaded = store.create("Shared", guide).unwrap();
    let theirs = fs::read_to_string(&loaded.path)
        .unwrap()
        .replace("name = \"Shared\"", "name = \"Shared!\"");
    fs::write(&loaded.path, &theirs).unwrap();

    loaded
        .community_mut()
        .set_answer("primary_purpose", Answer::Text("Mine".into()));
    let err = store.save(&mut loaded, guide).unwrap_err();
    assert!(matches!(err, StoreError::Conflict(_)), "{err}");
    assert_unchanged(&loaded.path, &theirs);
}

#[test]
fn huge_and_non_text_files_are_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let huge = dir.path().join("huge.toml");
    fs::write(
        &huge,
        vec![b'#'; (convene::store::MAX_FILE_BYTES + 1) as usize],
    )
    .unwrap();
    assert!(
        store
            .load(&huge)
            .unwrap_err()
            .to_string()
            .contains("too large")
    );

    let binary = dir.path().join("binary.toml");
    fs::write(&binary, b"schema_version = 1\nname = \"\xff\xfe\"\n").unwrap();
    let message = store.load(&binary).unwrap_err().to_string();
    assert!(
        message.contains("not UTF-8") && message.contains("line 2, column 9"),
        "{message}"
    );

    let folder = dir.path().join("folder.toml");
    fs::create_dir(&folder).unwrap();
    // Listed as unreadable with the reason (issue 13), not skipped in silence.
    let listing = store.list(Guide::builtin()).unwrap();
    assert_eq!(listing.len(), 3);
    assert!(
        listing.iter().any(|e| matches!(
            e,
            convene::store::Entry::Unreadable { path, reason }
                if path == &folder && reason == "a folder, not a file"
        )),
        "{listing:?}"
    );
}
