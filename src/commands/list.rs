//! `convene list`: every community in the data folder, with progress and last update, then the
//! constellations, the files convene cannot read and why, and any unsaved work waiting in a recovery copy.

use std::process::ExitCode;

use crate::commands::out::say;
use anyhow::Result;
use chrono::Local;
use convene::constellation::{Link, links};
use convene::guide::Guide;
use convene::store::{ConstellationEntry, Entry, Store, names, shown};
use convene::text::{fit, pad, sanitize_line};
use unicode_width::UnicodeWidthStr;

/// Widest a name may be in the table before it is cut with an ellipsis.
const NAME_WIDTH: usize = 40;

pub fn run(store: &Store) -> Result<ExitCode> {
    let entries = store.list(Guide::builtin())?;
    waiting_recoveries(store);
    if entries.is_empty() {
        say!(
            "No communities yet in {}.\nCreate one with: convene new \"Nurses' lunch circle\"",
            shown(store.dir())
        );
        return Ok(ExitCode::SUCCESS);
    }
    let communities: Vec<_> = entries
        .iter()
        .filter_map(|e| match e {
            Entry::Community(s) => Some(s),
            Entry::Unreadable { .. } => None,
        })
        .collect();
    if !communities.is_empty() {
        let width = communities
            .iter()
            .map(|s| fit(&sanitize_line(&s.name), NAME_WIDTH).width())
            .max()
            .unwrap_or(0)
            .max("COMMUNITY".len());
        say!(
            "{}  {:>12}  {:<16}  FILE",
            pad("COMMUNITY", width),
            "ANSWERED",
            "UPDATED"
        );
        for s in &communities {
            let name = fit(&sanitize_line(&s.name), NAME_WIDTH);
            let progress = format!(
                "{}/{} {:>3}%",
                s.progress.answered,
                s.progress.total,
                s.progress.percent()
            );
            let updated = s.updated.with_timezone(&Local).format("%Y-%m-%d %H:%M");
            let file = s
                .path
                .file_name()
                .map(|f| shown(f.as_ref()))
                .unwrap_or_default();
            let note = match (&s.outside, s.read_only) {
                (Some(to), _) => format!(
                    "  (a link to {}, outside the data folder: read-only)",
                    shown(to)
                ),
                (None, true) => "  (newer format: read-only)".to_string(),
                (None, false) => String::new(),
            };
            let note = match &s.open_by {
                Some(holder) => format!("{note}  (open in another convene: {})", holder.who()),
                None => note,
            };
            say!(
                "{}  {progress:>12}  {updated:<16}  {file}{note}",
                pad(&name, width)
            );
        }
    }
    constellations(store, &entries);
    let unreadable: Vec<_> = entries
        .iter()
        .filter_map(|e| match e {
            Entry::Unreadable { path, reason } => Some((path, reason)),
            Entry::Community(_) => None,
        })
        .collect();
    if !unreadable.is_empty() {
        say!("\nUnreadable (left as they are; fix them by hand or run convene check):");
        for (path, reason) in unreadable {
            let file = path
                .file_name()
                .map(|f| shown(f.as_ref()))
                .unwrap_or_default();
            say!("  {file}: {}", sanitize_line(reason));
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The constellations of the folder, each with its communities' count and the links that do
/// not hold (a member moved or missing is said here, never silently dropped).
fn constellations(store: &Store, entries: &[Entry]) {
    let all = store.constellations();
    if all.is_empty() {
        return;
    }
    let rows: Vec<(String, String, String)> = all
        .iter()
        .map(|c| {
            let file = names::file_name(c.path());
            match c {
                ConstellationEntry::Readable(c) => {
                    let links = links::resolve(c.constellation(), entries);
                    let missing = links.iter().filter(|l| matches!(l, Link::Missing)).count();
                    let moved = links.iter().filter(|l| matches!(l, Link::Moved(_))).count();
                    let unreadable = links
                        .iter()
                        .filter(|l| matches!(l, Link::Unreadable(_)))
                        .count();
                    let mut count = format!("{}", links.len());
                    for (n, what) in [
                        (missing, "missing"),
                        (moved, "moved"),
                        (unreadable, "unreadable"),
                    ] {
                        if n > 0 {
                            count.push_str(&format!(", {n} {what}"));
                        }
                    }
                    (
                        fit(&sanitize_line(&c.constellation().name), NAME_WIDTH),
                        count,
                        file,
                    )
                }
                ConstellationEntry::Unreadable { .. } => {
                    ("⚠".to_string(), "unreadable (below)".to_string(), file)
                }
            }
        })
        .collect();
    let width = rows
        .iter()
        .map(|(name, ..)| name.width())
        .max()
        .unwrap_or(0)
        .max("CONSTELLATION".len());
    say!(
        "\n{}  {:<24}  FILE",
        pad("CONSTELLATION", width),
        "COMMUNITIES"
    );
    for (name, count, file) in rows {
        say!("{}  {count:<24}  {file}", pad(&name, width));
    }
    for c in &all {
        if let ConstellationEntry::Unreadable { path, reason } = c {
            say!("  {}: {}", names::file_name(path), sanitize_line(reason));
        }
    }
}

/// Says on stderr (the table stays clean for scripts) when unsaved work is waiting to be restored
/// — including work on files opened by path from elsewhere, named by their whole path — and
/// when a recovery folder is refused (someone else could have written into it).
fn waiting_recoveries(store: &Store) {
    for problem in store.recovery().problems() {
        eprintln!("Warning: {problem}.");
    }
    let copies = store.recoveries();
    if copies.is_empty() {
        return;
    }
    eprintln!("Unsaved work was kept in recovery copies; start convene to restore it:");
    for copy in copies {
        let origin = if copy.elsewhere {
            shown(&copy.origin)
        } else {
            copy.origin
                .file_name()
                .map(|f| shown(f.as_ref()))
                .unwrap_or_default()
        };
        eprintln!(
            "  {} (for {origin}): {}",
            sanitize_line(&copy.name),
            shown(&copy.path)
        );
    }
}
