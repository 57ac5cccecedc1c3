//! Ctrl-E: the current answer in the facilitator's own editor.
//!
//! The text goes to a temporary file, `$VISUAL` (or `$EDITOR`, or `vi`) runs on it with the
//! terminal handed over, and whatever it holds afterwards comes back as the answer. The command
//! may carry arguments (`code --wait`), so it is split like a shell would, without a shell.
//!
//! An editor can fail after the facilitator has typed a page into it: it exits with an error
//! (`:cq` in vim, a crash, a plugin), or saves in another encoding. The edit is then not taken
//! into the answer — but the file holding it is kept, not deleted with the temporary folder's
//! other files, and the message says where it is. The same holds for an edit too large for the
//! community's file. Only an editor that never started, or left the text as it was, has nothing
//! worth keeping.

use std::io::{Read, Write};
use std::path::Path;
use std::process::Command;

use tempfile::NamedTempFile;

use crate::store::{MAX_FILE_BYTES, shown};
use crate::tui::model::room;

/// Edits `text` in the facilitator's editor — the settings' `configured` one, else `$VISUAL`,
/// else `$EDITOR`, else `vi`; what comes back may cost at most `room` bytes in the community's
/// file. `Err` says why the answer was not changed, and where the edit is kept if there is one
/// to keep.
pub fn edit(text: &str, room: usize, configured: Option<&str>) -> Result<String, String> {
    let command = configured
        .map(str::to_string)
        .filter(|v| !v.trim().is_empty())
        .or_else(|| {
            std::env::var("VISUAL")
                .ok()
                .filter(|v| !v.trim().is_empty())
        })
        .or_else(|| {
            std::env::var("EDITOR")
                .ok()
                .filter(|v| !v.trim().is_empty())
        })
        .unwrap_or_else(|| "vi".to_string());
    edit_with(&command, text, room)
}

/// [`edit`] with this editor command.
pub fn edit_with(command: &str, text: &str, room: usize) -> Result<String, String> {
    let words: Vec<&str> = command.split_whitespace().collect();
    let (program, args) = words.split_first().ok_or("no editor set")?;
    // Private (0600) on Unix: the answer may be confidential, and the folder is shared.
    let mut file = tempfile::Builder::new()
        .prefix("convene-answer-")
        .suffix(".md")
        .tempfile()
        .map_err(|e| format!("could not make a temporary file: {e}"))?;
    file.write_all(text.as_bytes())
        .and_then(|()| file.flush())
        .map_err(|e| format!("could not write a temporary file: {e}"))?;
    let status = Command::new(program)
        .args(args)
        .arg(file.path())
        .status()
        .map_err(|e| format!("could not start {program}: {e}; the answer was not changed"))?;
    let program = crate::text::sanitize_line(program).into_owned();
    let bytes = match read_back(file.path()) {
        Ok(bytes) => bytes,
        Err(e) if !status.success() => {
            return Err(format!(
                "{program} exited with {status}, and what it left could not be read ({e}); the \
                 answer was not changed"
            ));
        }
        Err(e) => return Err(keep(file, &format!("it could not be read back ({e})"))),
    };
    if !status.success() {
        if bytes == text.as_bytes() {
            return Err(format!(
                "{program} exited with {status}; the answer was not changed"
            ));
        }
        return Err(keep(
            file,
            &format!("{program} exited with {status}, so the edit was not taken in"),
        ));
    }
    if bytes.len() as u64 > MAX_FILE_BYTES {
        let too_large = room::TooLarge {
            cost: bytes.len(),
            left: room,
        };
        return Err(keep(file, &too_large.to_string()));
    }
    let edited = match String::from_utf8(bytes) {
        Ok(edited) => edited,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let line = e.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count() + 1;
            return Err(keep(
                file,
                &format!("the edited text is not UTF-8 (from line {line}), so it was not taken in"),
            ));
        }
    };
    // Editors add a final newline the facilitator never typed.
    let edited = edited.strip_suffix('\n').unwrap_or(&edited).to_string();
    if let Err(too_large) = room::fits(&edited, room) {
        return Err(keep(file, &too_large.to_string()));
    }
    Ok(edited)
}

/// Reads what the editor left, up to a little more than a community file may hold (an editor
/// that wrote gigabytes must not take the app's memory with it), never waiting: an editor may
/// leave anything at that path, a FIFO included.
fn read_back(path: &Path) -> std::io::Result<Vec<u8>> {
    let file = crate::store::open_to_read(path)?;
    if !file.metadata()?.is_file() {
        return Err(std::io::Error::other("it is no longer a regular file"));
    }
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Keeps the edited file where it is, for good, and says so after `why`.
fn keep(file: NamedTempFile, why: &str) -> String {
    let why = why.trim_end_matches('.');
    match file.keep() {
        Ok((_, path)) => format!(
            "{why}. Your edit is kept in {}; the answer was not changed.",
            shown(&path)
        ),
        Err(e) => format!(
            "{why}, and the edited file could not be kept ({}); the answer was not changed.",
            e.error
        ),
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    /// An "editor": a shell script that does `body` to the file it is given (`$1`), run as
    /// `sh SCRIPT` (executing a file just written can fail with "text file busy" while another
    /// test thread forks).
    fn editor(dir: &Path, body: &str) -> String {
        let path = dir.join(format!("editor-{}.sh", body.len()));
        std::fs::write(&path, format!("{body}\n")).unwrap();
        format!("sh {}", path.display())
    }

    /// The file named after "kept in " in a message, which must exist.
    fn kept(message: &str) -> std::path::PathBuf {
        let after = message
            .split_once("kept in ")
            .unwrap_or_else(|| panic!("no kept file named in {message:?}"))
            .1;
        let path = std::path::PathBuf::from(after.split_once(';').unwrap().0);
        assert!(path.is_file(), "{} is not kept", path.display());
        path
    }

    #[test]
    fn a_good_edit_comes_back_without_the_editors_final_newline() {
        let dir = tempfile::tempdir().unwrap();
        let ed = editor(dir.path(), r#"printf 'new words\n' > "$1""#);
        assert_eq!(edit_with(&ed, "old", 1000).unwrap(), "new words");
    }

    #[test]
    fn an_editor_that_fails_after_editing_leaves_the_edit_kept() {
        let dir = tempfile::tempdir().unwrap();
        let ed = editor(dir.path(), r#"printf 'a page of words' > "$1"; exit 3"#);
        let err = edit_with(&ed, "old", 1000).unwrap_err();
        assert!(err.contains("exited with exit status: 3"), "{err}");
        assert!(err.contains("the answer was not changed"), "{err}");
        let path = kept(&err);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "a page of words");
        std::fs::remove_file(path).unwrap();
    }

    #[test]
    fn an_editor_that_fails_without_editing_keeps_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let ed = editor(dir.path(), "exit 1");
        let err = edit_with(&ed, "old", 1000).unwrap_err();
        assert!(
            err.contains("not changed") && !err.contains("kept in"),
            "{err}"
        );
    }

    #[test]
    fn text_that_is_not_utf8_is_kept_not_taken_in() {
        let dir = tempfile::tempdir().unwrap();
        let ed = editor(dir.path(), r#"printf 'line one\ncaf\351\n' > "$1""#);
        let err = edit_with(&ed, "old", 1000).unwrap_err();
        assert!(err.contains("not UTF-8 (from line 2)"), "{err}");
        let path = kept(&err);
        assert_eq!(std::fs::read(&path).unwrap(), b"line one\ncaf\xe9\n");
        std::fs::remove_file(path).unwrap();
    }

    #[test]
    fn an_edit_too_large_for_the_file_is_kept_not_taken_in() {
        let dir = tempfile::tempdir().unwrap();
        let ed = editor(dir.path(), r#"head -c 5000 /dev/zero | tr '\0' x > "$1""#);
        let err = edit_with(&ed, "old", 1000).unwrap_err();
        assert!(err.contains("past the 4.0 MB"), "{err}");
        let path = kept(&err);
        assert_eq!(std::fs::read(&path).unwrap().len(), 5000);
        std::fs::remove_file(path).unwrap();
        // Beyond what a community file may hold, it is not even read whole.
        let ed = editor(
            dir.path(),
            r#"head -c 4200000 /dev/zero | tr '\0' y > "$1""#,
        );
        let err = edit_with(&ed, "old", usize::MAX).unwrap_err();
        let path = kept(&err);
        assert_eq!(std::fs::metadata(&path).unwrap().len(), 4_200_000);
        std::fs::remove_file(path).unwrap();
    }

    #[test]
    fn an_editor_that_leaves_a_fifo_in_place_of_the_file_does_not_hang_convene() {
        let dir = tempfile::tempdir().unwrap();
        let ed = editor(dir.path(), r#"rm "$1"; mkfifo "$1""#);
        let err = edit_with(&ed, "old", 1000).unwrap_err();
        assert!(err.contains("could not be read back"), "{err}");
    }

    #[test]
    fn an_editor_that_cannot_start_says_so() {
        let err = edit_with("/nonexistent/editor", "old", 1000).unwrap_err();
        assert!(err.contains("could not start"), "{err}");
    }
}
