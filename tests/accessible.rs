//! The accessible mode, as a screen reader's user meets it: plain lines in order, never an
//! escape sequence or a redraw; answers typed as lines, ratings by number; the same file.

mod common;

use std::fs;
use std::path::Path;

use common::pty::{ENTER, ENTER_ALTERNATE_SCREEN, Session, read_community, string_at};
use convene::guide::{Guide, Kind};

/// The first statement to rate in the guide, and its section's number.
fn first_rating() -> (String, usize) {
    let guide = Guide::builtin();
    for (s, section) in guide.sections.iter().enumerate() {
        for group in &section.groups {
            if let Some(q) = group.questions.iter().find(|q| q.kind == Kind::Rating) {
                return (q.id.clone(), s);
            }
        }
    }
    panic!("the guide has a statement to rate");
}

fn first_question() -> String {
    Guide::builtin().sections[0].groups[0].questions[0]
        .id
        .clone()
}

fn new_community(dir: &Path) -> std::path::PathBuf {
    let out = common::convene(dir)
        .args(["new", "Nurses' lunch circle"])
        .assert()
        .success();
    let path = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    std::path::PathBuf::from(path.trim())
}

fn raw_has(session: &Session, text: &str) -> bool {
    String::from_utf8_lossy(&session.output().raw).contains(text)
}

fn wait_raw(session: &Session, text: &str) {
    session.wait_until(&format!("{text:?} written"), |out| {
        String::from_utf8_lossy(&out.raw).contains(text)
    });
}

#[test]
fn in_a_terminal_it_answers_a_define_question_rates_a_statement_and_quits() {
    let dir = tempfile::tempdir().unwrap();
    let path = new_community(dir.path());
    let mut session = Session::spawn_args(
        dir.path(),
        &["--accessible", "open", "Nurses' lunch circle"],
        &[],
    );
    let sections = Guide::builtin().sections.len();
    wait_raw(&session, &format!("Section 1 of {sections}, question 1 of"));
    // A long answer, two lines, ended by a lone dot.
    session.type_text("Learn from each other's cases");
    session.send(ENTER);
    session.type_text("and keep nurses in the profession.");
    session.send(ENTER);
    session.type_text(".");
    session.send(ENTER);
    wait_raw(&session, "Saved.");
    // Section by section to the readiness check, then its first statement rated "partly".
    let (rating, section) = first_rating();
    for _ in 0..section {
        session.type_text("/next");
        session.send(ENTER);
    }
    wait_raw(&session, "Rate the statement");
    session.type_text("2");
    session.send(ENTER);
    wait_raw(&session, "A comment, on one line");
    session.type_text("Some of us share cases already.");
    session.send(ENTER);
    session.wait_until("the rating saved", |out| {
        String::from_utf8_lossy(&out.raw).matches("Saved.").count() >= 2
    });
    session.type_text("/quit");
    session.send(ENTER);
    let status = session.wait_exit();
    assert!(status.success(), "{}", session.screen());
    assert!(raw_has(&session, "Goodbye."));
    // Nothing a screen reader would trip on: no alternate screen, no cursor movement.
    let raw = session.output().raw.clone();
    assert!(
        !raw.windows(ENTER_ALTERNATE_SCREEN.len())
            .any(|w| w == ENTER_ALTERNATE_SCREEN),
        "no alternate screen"
    );
    assert!(!raw.contains(&0x1b), "no escape sequence at all");
    let doc = read_community(&path);
    assert_eq!(
        string_at(&doc, &["answers", &first_question()]),
        "Learn from each other's cases\nand keep nurses in the profession."
    );
    assert_eq!(string_at(&doc, &["ratings", &rating, "rating"]), "partly");
    assert_eq!(
        string_at(&doc, &["ratings", &rating, "comment"]),
        "Some of us share cases already."
    );
}

#[test]
fn from_a_pipe_it_lists_creates_and_reads_top_to_bottom() {
    let dir = tempfile::tempdir().unwrap();
    let out = common::convene(dir.path())
        .env("CONVENE_ACCESSIBLE", "1")
        .write_stdin("n\nFerry crews\n?\n\n/quit\n")
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(!text.contains('\u{1b}'), "{text}");
    let sections = Guide::builtin().sections.len();
    let order = [
        "No communities yet".to_string(),
        "Type a number to open that community, n to create one".to_string(),
        "The new community's name:".to_string(),
        "Created ".to_string(),
        format!("Section 1 of {sections}:"),
        format!("Section 1 of {sections}, question 1 of"),
        "Guidance: ".to_string(),
        "Saved in ".to_string(),
    ];
    let mut from = 0;
    for said in &order {
        let at = text[from..]
            .find(said)
            .unwrap_or_else(|| panic!("{said:?} after byte {from} in:\n{text}"));
        from += at + said.len();
    }
    let files: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "toml"))
        .collect();
    assert_eq!(files.len(), 1, "the new community's file");
}

#[test]
fn a_table_is_read_row_by_row_and_a_row_added_column_by_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = new_community(dir.path());
    let guide = Guide::builtin();
    let (s, people) = guide
        .sections
        .iter()
        .enumerate()
        .find_map(|(s, section)| {
            section
                .groups
                .iter()
                .flat_map(|g| &g.questions)
                .find(|q| q.kind == Kind::People)
                .map(|q| (s, q.id.clone()))
        })
        .expect("a people question");
    // To the section, then Enter past each question before the people table.
    // An Enter keeps each answer before it (a rating's comment takes a second one).
    let mut keep = 0;
    'walk: for group in &guide.sections[s].groups {
        for q in &group.questions {
            if q.id == people {
                break 'walk;
            }
            keep += if q.kind == Kind::Rating { 2 } else { 1 };
        }
        keep += usize::from(group.notes);
    }
    let mut input = "/next\n".repeat(s);
    input.push_str(&"\n".repeat(keep));
    // A row: a name, the second role, the other columns left empty; then on, and quit.
    input.push_str("a\nAna\n2\n");
    input.push_str(&"\n".repeat(Kind::People.columns().len() - 2));
    input.push_str("\n/quit\n");
    let out = common::convene(dir.path())
        .args(["--accessible", "open"])
        .arg(&path)
        .write_stdin(input)
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(text.contains("A table; its columns: Name"), "{text}");
    assert!(
        text.contains("Row 1 of 1: Name: Ana; Role: coordinator"),
        "{text}"
    );
    let doc = read_community(&path);
    let rows = doc["answers"][people.as_str()]
        .as_array_of_tables()
        .unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows.get(0).unwrap()["name"].as_str(), Some("Ana"));
}

#[cfg(unix)]
#[test]
fn a_link_out_of_the_data_folder_is_said_and_never_written_through() {
    let dir = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    let target = outside.path().join("o.toml");
    let text = "schema_version = 1\nname = \"Outside\"\ncreated = 2026-11-22T10:00:00Z\nupdated = 2026-11-22T10:00:00Z\n";
    fs::write(&target, text).unwrap();
    std::os::unix::fs::symlink(&target, dir.path().join("o.toml")).unwrap();
    common::convene(dir.path())
        .args(["--accessible", "open", "Outside"])
        .write_stdin("Typed\n.\n/quit\n")
        .assert()
        .success()
        .stdout(predicates::str::contains("convene never writes through it"));
    assert_eq!(fs::read_to_string(&target).unwrap(), text);
}

#[test]
fn conflicts_a_merge_left_are_asked_about_first_and_settled_by_a_letter() {
    let dir = tempfile::tempdir().unwrap();
    let path = new_community(dir.path());
    let text = fs::read_to_string(&path).unwrap();
    let conflicted = format!(
        "{text}\n[answers]\nprimary_purpose = \"Ours.\"\n\n[notes]\npurpose = \"Our note.\"\n\n\
         [[merge_conflicts]]\nplace = \"answers.primary_purpose\"\nbase = \"\"\nmine = \"Ours.\"\n\
         theirs = \"Theirs.\"\n\n[[merge_conflicts]]\nplace = \"notes.purpose\"\nbase = \"\"\n\
         mine = \"Our note.\"\ntheirs = \"Their \\u001b[31mnote.\"\n"
    );
    fs::write(&path, conflicted).unwrap();
    let out = common::convene(dir.path())
        .args(["--accessible", "open", "Nurses' lunch circle"])
        .write_stdin("t\n\n/quit\n")
        .assert()
        .success();
    let said = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(!said.contains('\u{1b}'), "{said}");
    assert!(
        said.contains("2 answers were changed on both sides"),
        "{said}"
    );
    assert!(
        said.contains("Yours: Ours.") && said.contains("Theirs: Theirs."),
        "{said}"
    );
    assert!(said.contains("Saved; 1 left for later"), "{said}");
    let doc = read_community(&path);
    assert_eq!(string_at(&doc, &["answers", "primary_purpose"]), "Theirs.");
    let left = convene::merge::conflicts_in(&fs::read_to_string(&path).unwrap());
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].place, convene::merge::Place::Note("purpose".into()));
}
