//! Ctrl-E: the current answer in the facilitator's own editor.
//!
//! The text goes to a temporary file, `$VISUAL` (or `$EDITOR`, or `vi`) runs on it with the
//! terminal handed over, and whatever it holds afterwards comes back as the answer. The command
//! may carry arguments (`code --wait`), so it is split like a shell would, without a shell.

use std::io::Write;
use std::process::Command;

pub fn edit(text: &str) -> Result<String, String> {
    let command = std::env::var("VISUAL")
        .ok()
        .filter(|v| !v.trim().is_empty())
        .or_else(|| {
            std::env::var("EDITOR")
                .ok()
                .filter(|v| !v.trim().is_empty())
        })
        .unwrap_or_else(|| "vi".to_string());
    let words: Vec<&str> = command.split_whitespace().collect();
    let (program, args) = words.split_first().ok_or("no editor set")?;
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
        .map_err(|e| format!("could not start {program}: {e}"))?;
    if !status.success() {
        return Err(format!(
            "{program} exited with {status}; the answer was not changed"
        ));
    }
    let edited = std::fs::read_to_string(file.path())
        .map_err(|e| format!("could not read the edited text back: {e}"))?;
    // Editors add a final newline the facilitator never typed.
    Ok(edited.strip_suffix('\n').unwrap_or(&edited).to_string())
}
