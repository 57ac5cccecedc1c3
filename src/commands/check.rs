//! `convene check FILE...`: every problem in each file, one per line, as `FILE:LINE:COLUMN:` so
//! editors and terminals can jump to it. Exits 1 if any file has an error; warnings alone pass.
//!
//! A FIFO, a device, a folder or a broken link is an error with the same reason `list` gives,
//! found without opening it (so `check` never waits on a pipe); a link to a file outside its
//! folder is a warning, as `list` marks it. A constellation file (`*.constellation.toml`, or
//! one that says `kind = "constellation"`) is checked as one: its format, then its links.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::commands::out::say;
use convene::community::{Problem, Severity, check_text};
use convene::constellation::{self, Constellation, ConstellationFile};
use convene::guide::Guide;
use convene::store::{ConstellationEntry, Place, Store, place_within, read_text, shown};
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
            Ok(text) if is_constellation(path, &text) => constellation_problems(path, &text, guide),
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

/// Whether the file is a constellation's: by its name, or by what it says it is.
fn is_constellation(path: &Path, text: &str) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(constellation::is_constellation_name)
        || constellation::declares_constellation(text)
}

/// A constellation file's problems: its format, then — when it reads — its links, against the
/// communities and the other constellations of its folder.
fn constellation_problems(path: &Path, text: &str, guide: &Guide) -> Vec<Problem> {
    let mut problems = constellation::check_text(text);
    let Ok(file) = ConstellationFile::parse(text) else {
        return problems;
    };
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let Ok(store) = Store::open(folder) else {
        return problems;
    };
    let Ok(entries) = store.list(guide) else {
        return problems;
    };
    let me = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let others: Vec<(PathBuf, Constellation)> = store
        .constellations()
        .into_iter()
        .filter_map(|e| match e {
            ConstellationEntry::Readable(c) if c.path != me => {
                Some((c.path.clone(), c.constellation().clone()))
            }
            _ => None,
        })
        .collect();
    problems.extend(constellation::check_members(&file, &entries, &others));
    problems.sort_by_key(|p| (p.line, p.column));
    problems
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
