//! Work that is not an answer yet, kept by the built binary on a real pseudo-terminal: a card
//! half typed on the capture line survives `kill -9` and a panic, an editor that fails leaves
//! its edit on disk, and typing stops where the file would grow past what convene opens.
//!
//! (The same rules, driven through `App::update`, are in `kept_work.rs`.)

#![cfg(unix)]

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use common::pty::{CTRL_Q, ENTER, RECOVERY_ENV, Session, signal};
use convene::community::Community;
use convene::guide::Guide;
use convene::store::{MAX_FILE_BYTES, Recovery, Store};
use convene::tui::model::walk::AUTOSAVE_DELAY;

const F5: &str = "\x1b[15~";
const F12: &str = "\x1b[24~";
const CTRL_E: &str = "\x05";
const FILE: &str = "nurses-lunch-circle.toml";

/// A data folder holding the nurses' example, and a recovery folder beside it that every start
/// of the test shares.
struct Dirs {
    _root: tempfile::TempDir,
    data: PathBuf,
    recovery: PathBuf,
}

impl Dirs {
    fn new() -> Dirs {
        let root = tempfile::tempdir().unwrap();
        let data = root.path().join("data");
        let recovery = root.path().join("recovery");
        fs::create_dir(&data).unwrap();
        for (name, text) in convene::samples::EXAMPLES {
            fs::write(data.join(name), text).unwrap();
        }
        Dirs {
            _root: root,
            data,
            recovery,
        }
    }

    fn file(&self) -> PathBuf {
        self.data.join(FILE)
    }

    fn recovery_str(&self) -> &str {
        self.recovery.to_str().unwrap()
    }

    /// `convene open` on the example, with `env` and the shared recovery folder.
    fn open(&self, env: &[(&str, &str)]) -> Session {
        let mut all = vec![(RECOVERY_ENV, self.recovery_str())];
        all.extend_from_slice(env);
        let session = Session::spawn_args(&self.data, &["open", FILE], &all);
        session.wait_for("Section 1/");
        session
    }

    fn community(&self) -> Community {
        Store::open(&self.data)
            .unwrap()
            .load(&self.file())
            .unwrap()
            .community()
            .clone()
    }

    fn has_card(&self, text: &str, who: &str) -> bool {
        self.community()
            .workshop
            .cards
            .iter()
            .any(|c| c.text == text && c.who == who)
    }
}

#[test]
fn a_card_being_typed_survives_kill_9_and_is_offered_at_the_next_start() {
    let dirs = Dirs::new();
    let mut session = dirs.open(&[]);
    session.send(F5);
    session.wait_for("F5 back");
    session.type_text("Said at the back of the room @Ana");
    session.wait_for("Said at the back of the room @Ana");
    // The draft's copy is written once the autosave delay has passed.
    std::thread::sleep(AUTOSAVE_DELAY + Duration::from_millis(800));
    signal(&session, "KILL");
    session.wait_exit();
    assert!(!dirs.has_card("Said at the back of the room", "Ana"));

    let mut session = Session::spawn_with(&dirs.data, &[(RECOVERY_ENV, dirs.recovery_str())]);
    session.wait_for("kept in a recovery copy");
    session.send(ENTER);
    session.wait_for("Restored");
    session.send(CTRL_Q);
    session.wait_exit();
    assert!(
        dirs.has_card("Said at the back of the room", "Ana"),
        "{:?}",
        dirs.community().workshop.cards
    );
}

#[test]
fn a_card_being_typed_is_saved_when_convene_itself_fails() {
    let dirs = Dirs::new();
    let mut session = dirs.open(&[("CONVENE_TEST_PANIC", "1"), ("RUST_BACKTRACE", "0")]);
    session.send(F5);
    session.wait_for("F5 back");
    session.type_text("Typed as it crashed @Kofi");
    session.wait_for("Typed as it crashed @Kofi");
    session.send(F12);
    let status = session.wait_exit();
    assert!(!status.success());
    assert!(
        dirs.has_card("Typed as it crashed", "Kofi"),
        "{:?}",
        dirs.community().workshop.cards
    );
}

/// A shell script standing for the facilitator's editor.
fn editor(dir: &Path, body: &str) -> String {
    let script = dir.join("editor.sh");
    fs::write(&script, format!("{body}\n")).unwrap();
    format!("sh {}", script.display())
}

#[test]
fn an_editor_that_fails_leaves_its_edit_on_disk_and_the_answer_as_it_was() {
    let dirs = Dirs::new();
    let before = dirs.community().answers.get("primary_purpose").cloned();
    let tmp = tempfile::tempdir().unwrap();
    let ed = editor(
        tmp.path(),
        r#"printf 'A page typed in the editor' > "$1"; exit 1"#,
    );
    let mut session = dirs.open(&[("EDITOR", &ed), ("TMPDIR", tmp.path().to_str().unwrap())]);
    session.send(CTRL_E);
    session.wait_for("so the edit was not taken in");
    session.send(CTRL_Q);
    session.wait_exit();
    assert_eq!(
        dirs.community().answers.get("primary_purpose").cloned(),
        before,
        "the answer is as it was"
    );
    let kept: Vec<PathBuf> = fs::read_dir(tmp.path())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().contains("convene-answer-"))
        .collect();
    assert_eq!(kept.len(), 1, "the edited file is kept: {kept:?}");
    assert_eq!(
        fs::read_to_string(&kept[0]).unwrap(),
        "A page typed in the editor"
    );
}

#[test]
fn typing_stops_short_of_a_file_convene_could_not_open_again() {
    let dirs = Dirs::new();
    // The example grown by a long note to just under the limit.
    let store = Store::open(&dirs.data)
        .unwrap()
        .with_recovery(Recovery::in_dir(&dirs.recovery));
    let mut loaded = store.load(&dirs.file()).unwrap();
    let mut pad = 1000_isize;
    let target = MAX_FILE_BYTES as isize - 4 * 1024 - 30;
    for _ in 0..3 {
        loaded
            .community_mut()
            .set_note("purpose", "x".repeat(pad as usize));
        store.save(&mut loaded, Guide::builtin()).unwrap();
        pad += target - fs::metadata(dirs.file()).unwrap().len() as isize;
    }
    let mut session = dirs.open(&[]);
    session.type_text(&" and more".repeat(8));
    session.wait_for("nothing more can be added");
    session.send(CTRL_Q);
    session.wait_exit();
    let size = fs::metadata(dirs.file()).unwrap().len();
    assert!(size <= MAX_FILE_BYTES, "{size} bytes");
    let answer = dirs.community().answers.get("primary_purpose").cloned();
    assert!(
        format!("{answer:?}").contains(" and more"),
        "typing went in up to the limit: {answer:?}"
    );
    store.load(&dirs.file()).expect("the file opens again");
}
