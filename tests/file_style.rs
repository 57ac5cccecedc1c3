//! Files stay as the user wrote them: CRLF line breaks and a UTF-8 byte order mark survive a
//! save, new lines included; saving the same content twice gives the same bytes; and `check`
//! points a warning about a table row at that row's line.

use std::fs;

use convene::community::{Answer, Scalar, check_text};
use convene::guide::Guide;
use convene::store::Store;

const HAND_WRITTEN: &str = "# Written on Windows\nschema_version = 1\nname = \"Crlf circle\"\ncreated = 2026-01-01T00:00:00Z\nupdated = 2026-01-01T00:00:00Z\n\n[answers]\n# kept comment\nprimary_purpose = \"\"\"\nShare what works.\nAt the bedside.\"\"\"\n\n[[answers.momentum_plan]]\nstep = \"Book the room\"\ndue = \"2026-02-01\"\n";

/// Saves `text` through the store after an edit of a multi-line answer and a new table row,
/// then once more unchanged; returns both results.
fn edit_and_save(text: &[u8]) -> (Vec<u8>, Vec<u8>) {
    let guide = Guide::builtin();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crlf-circle.toml");
    fs::write(&path, text).unwrap();
    let store = Store::open(dir.path()).unwrap();
    let mut loaded = store.load(&path).unwrap();
    let community = loaded.community_mut();
    assert_eq!(
        community.answers.get("primary_purpose"),
        Some(&Answer::Text("Share what works.\nAt the bedside.".into())),
        "the answer is read without \\r"
    );
    community.set_answer(
        "specific_needs",
        Answer::Text("Line one\nLine two\nLine three".into()),
    );
    let Some(Answer::Records(rows)) = community.answers.get("momentum_plan").cloned() else {
        panic!("the plan was read");
    };
    let mut rows = rows;
    let mut row = rows[0].clone();
    row.insert("step".into(), Scalar::Text("Invite the night shift".into()));
    rows.push(row);
    community.set_answer("momentum_plan", Answer::Records(rows));
    community.updated = "2026-03-01T10:00:00Z".parse().unwrap();
    store.save(&mut loaded, guide).unwrap();
    let first = fs::read(&path).unwrap();

    let mut again = store.load(&path).unwrap();
    store.save(&mut again, guide).unwrap();
    let second = fs::read(&path).unwrap();
    assert_eq!(
        again.community().answers.get("specific_needs"),
        Some(&Answer::Text("Line one\nLine two\nLine three".into()))
    );
    (first, second)
}

fn every_break_is_crlf(bytes: &[u8]) -> bool {
    bytes
        .iter()
        .enumerate()
        .all(|(i, b)| *b != b'\n' || (i > 0 && bytes[i - 1] == b'\r'))
}

#[test]
fn crlf_and_a_byte_order_mark_survive_a_save_new_lines_included() {
    let crlf = HAND_WRITTEN.replace('\n', "\r\n");
    let mut text = "\u{feff}".as_bytes().to_vec();
    text.extend_from_slice(crlf.as_bytes());
    let (saved, again) = edit_and_save(&text);
    let shown = String::from_utf8_lossy(&saved).into_owned();
    assert!(
        saved.starts_with("\u{feff}# Written on Windows\r\n".as_bytes()),
        "{shown:?}"
    );
    assert!(
        every_break_is_crlf(&saved),
        "a line lost its CRLF: {shown:?}"
    );
    assert!(
        shown.contains("specific_needs = \"\"\"\r\nLine one\r\nLine two\r\nLine three\"\"\""),
        "{shown:?}"
    );
    assert!(shown.contains("Invite the night shift\"\r\n"), "{shown:?}");
    for line in crlf
        .split_inclusive("\r\n")
        .filter(|l| !l.starts_with("updated"))
    {
        assert!(shown.contains(line), "lost {line:?}: {shown:?}");
    }
    assert_eq!(saved, again, "saving the same content twice changed bytes");
}

#[test]
fn crlf_alone_and_a_mark_alone_are_kept_and_not_added() {
    let (saved, again) = edit_and_save(HAND_WRITTEN.replace('\n', "\r\n").as_bytes());
    assert!(!saved.starts_with("\u{feff}".as_bytes()));
    assert!(every_break_is_crlf(&saved));
    assert_eq!(saved, again);

    let mut marked = "\u{feff}".as_bytes().to_vec();
    marked.extend_from_slice(HAND_WRITTEN.as_bytes());
    let (saved, again) = edit_and_save(&marked);
    assert!(saved.starts_with("\u{feff}# Written on Windows\n".as_bytes()));
    assert!(!saved.contains(&b'\r'));
    assert_eq!(saved, again);

    let (saved, _) = edit_and_save(HAND_WRITTEN.as_bytes());
    assert!(!saved.contains(&b'\r') && !saved.starts_with("\u{feff}".as_bytes()));
}

const PLAN: &str = "schema_version = 1\nname = \"Plan\"\ncreated = 2026-01-01T00:00:00Z\nupdated = 2026-01-01T00:00:00Z\n\n[[answers.momentum_plan]]\nstep = \"One\"\ndue = \"2026-02-01\"\n\n[[answers.momentum_plan]]\nstep = \"Two\"\n\n[[answers.momentum_plan]]\nstep = \"Three\"\nowner = \"Zoë\"\ndue = \"someday soon\"\n";

#[test]
fn a_warning_about_a_row_points_at_its_cell() {
    let guide = Guide::builtin();
    let line = PLAN
        .lines()
        .position(|l| l.starts_with("due = \"someday"))
        .unwrap()
        + 1;
    for text in [
        PLAN.to_string(),
        PLAN.replace('\n', "\r\n"),
        format!("\u{feff}{PLAN}"),
    ] {
        let problems = check_text(&text, guide);
        let warning = problems
            .iter()
            .find(|p| p.message.contains("someday soon"))
            .unwrap_or_else(|| panic!("no warning: {problems:?}"));
        assert_eq!(
            (warning.line, warning.column),
            (line, 7),
            "{}",
            warning.message
        );
        assert!(
            warning.message.contains("row 3, due"),
            "{}",
            warning.message
        );
    }

    // Rows written inline are located the same way.
    let inline = "schema_version = 1\nname = \"Plan\"\ncreated = 2026-01-01T00:00:00Z\nupdated = 2026-01-01T00:00:00Z\n\n[answers]\nmomentum_plan = [\n  { step = \"One\" },\n  { step = \"Two\", due = \"whenever\" },\n]\n";
    let problems = check_text(inline, guide);
    let warning = problems
        .iter()
        .find(|p| p.message.contains("whenever"))
        .unwrap_or_else(|| panic!("no warning: {problems:?}"));
    assert_eq!(warning.line, 9, "{}", warning.message);
}
