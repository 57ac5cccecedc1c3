//! `convene check FILE...`: every problem in each file, one per line, as `FILE:LINE:COLUMN:` so
//! editors and terminals can jump to it. Exits 1 if any file has an error; warnings alone pass.
//!
//! A FIFO, a device, a folder or a broken link is an error with the same reason `list` gives,
//! found without opening it (so `check` never waits on a pipe); a link to a file outside its
//! folder is a warning, as `list` marks it.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::commands::out::say;
use convene::community::{Severity, check_text};
use convene::guide::Guide;
use convene::store::{Place, place_within, read_text, shown};
use convene::text::sanitize_line;

pub fn run(files: &[PathBuf]) -> ExitCode {
    let guide = Guide::builtin();
    let mut failed = false;
    for path in files {
        let name = shown(path);
        if let Some(to) = leads_out(path) {
            say!(
                "{name}: warning: a link to {}, outside its folder; convene never writes through it",
                shown(&to)
            );
        }
        let problems = match read_text(path) {
            Ok(text) => check_text(&text, guide),
            Err(err) => {
                failed = true;
                say!("{name}: error: {}", sanitize_line(&err.reason()));
                continue;
            }
        };
        if problems.is_empty() {
            say!("{name}: ok");
        }
        for p in problems {
            let label = match p.severity {
                Severity::Error => {
                    failed = true;
                    "error"
                }
                Severity::Warning => "warning",
            };
            say!(
                "{name}:{}:{}: {label}: {}",
                p.line,
                p.column,
                sanitize_line(&p.message)
            );
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// Where `path` leads when it is a link to a file outside the folder it is in.
fn leads_out(path: &Path) -> Option<PathBuf> {
    // Only a link to a file: what a link to anything else is, is the error said next.
    let link = std::fs::symlink_metadata(path).ok()?;
    if !link.file_type().is_symlink() || !path.is_file() {
        return None;
    }
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    match place_within(folder, path) {
        Ok(Place::Outside(to)) => Some(to),
        _ => None,
    }
}
