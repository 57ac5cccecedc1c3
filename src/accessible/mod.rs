//! The accessible mode: convene as a conversation in plain lines, for a facilitator who uses
//! a screen reader (`--accessible`, `CONVENE_ACCESSIBLE=1`, or `accessible = true` in the
//! settings). charmbracelet/huh's accessible mode is the model: no alternate screen, no
//! cursor movement, nothing redrawn; each question printed once, in order, with its place
//! ("Section 2 of 13, question 3 of 17"); guidance on request (`?`); answers typed as lines
//! (a lone `.` ends a long one), ratings and choices by number, tables row by row.
//!
//! It is the same community file as the full-screen app's, saved the same way: after every
//! answer (and every line of a long one), atomically, never over someone else's change (that
//! is merged in, and said), with the same mark that tells a second convene the community
//! is open. It reads from any input, so it works in a pipe, in `script`, over ssh, and in the
//! tests without a terminal at all.

mod fields;
mod io;
mod settle;
mod table;
mod walk;

use std::io::{BufRead, Write};
use std::path::Path;

use anyhow::{Context as _, Result};
use chrono::NaiveDate;

use crate::guide::Guide;
use crate::store::lock::{self, Claim};
use crate::store::{Entry, Store, shown};
use io::Io;

/// The environment variable that starts the accessible mode (any value but empty, 0 or false).
pub const ENV: &str = "CONVENE_ACCESSIBLE";

/// Whether the environment asks for the accessible mode.
pub fn wanted_by_env() -> bool {
    std::env::var(ENV).is_ok_and(|v| !matches!(v.trim(), "" | "0" | "false" | "no"))
}

/// Runs the accessible mode on `store`, starting on the community at `open` if given, else
/// on a numbered list of the communities.
pub fn run(
    store: &Store,
    open: Option<&Path>,
    input: &mut dyn BufRead,
    output: &mut dyn Write,
    today: NaiveDate,
) -> Result<()> {
    let mut io = Io::new(input, output);
    let guide = Guide::builtin();
    io.tell("convene, accessible mode: plain lines, read top to bottom.")?;
    let path = match open {
        Some(path) => path.to_path_buf(),
        None => match choose(&mut io, store, guide)? {
            Some(path) => path,
            None => {
                io.tell("Goodbye.")?;
                return Ok(());
            }
        },
    };
    let loaded = store
        .load(&path)
        .with_context(|| format!("could not open {}", shown(&path)))?;
    if let Some(target) = loaded.link_outside() {
        // The full-screen app opens it read-only; a conversation with nothing to write would
        // ask question after question for nothing.
        io.say(&format!(
            "{} is a link to {}, outside the data folder: convene never writes through it. \
             Copy the file into the data folder to work on it here.",
            shown(&path),
            shown(target)
        ))?;
        return Ok(());
    }
    let _held = match lock::claim(&path) {
        Claim::Free(held) => held,
        Claim::Busy(holders) => {
            let who: Vec<String> = holders.iter().map(|h| h.who()).collect();
            io.say(&format!(
                "{} is open in another convene ({}). Type o to open it all the same (if both \
                 save, the later save merges the two), or Enter to leave it.",
                loaded.community().name,
                who.join(", ")
            ))?;
            match io.line()?.as_deref().map(str::trim) {
                Some("o") => lock::hold(&path),
                _ => {
                    io.tell("Left as it is. Goodbye.")?;
                    return Ok(());
                }
            }
        }
    };
    let mut walk = walk::Walk {
        store,
        guide,
        loaded,
        today,
    };
    settle::settle(&mut io, &mut walk)?;
    walk::run(&mut io, &mut walk)?;
    Ok(())
}

/// The communities, numbered, and the facilitator's choice: one of them, a new one, or none.
fn choose(io: &mut Io, store: &Store, guide: &Guide) -> Result<Option<std::path::PathBuf>> {
    let entries = store.list(guide)?;
    let communities: Vec<_> = entries
        .iter()
        .filter_map(|e| match e {
            Entry::Community(summary) => Some(summary),
            Entry::Unreadable { .. } => None,
        })
        .collect();
    if communities.is_empty() {
        io.say(&format!("No communities yet in {}.", shown(store.dir())))?;
    } else {
        io.say(&format!(
            "{} communities in {}:",
            communities.len(),
            shown(store.dir())
        ))?;
        for (i, c) in communities.iter().enumerate() {
            io.say(&format!(
                "{}. {}: {} of {} questions answered.",
                i + 1,
                c.name,
                c.progress.answered,
                c.progress.total
            ))?;
        }
    }
    loop {
        io.tell("Type a number to open that community, n to create one, or q to leave.")?;
        let Some(line) = io.line()? else {
            return Ok(None);
        };
        match line.trim() {
            "q" | "/quit" => return Ok(None),
            "n" => {
                io.tell("The new community's name:")?;
                let Some(name) = io.line()? else {
                    return Ok(None);
                };
                let name = name.trim();
                if name.is_empty() {
                    continue;
                }
                let created = store.create(name, guide)?;
                io.say(&format!("Created {}.", shown(&created.path)))?;
                return Ok(Some(created.path));
            }
            typed => match io::number(typed, communities.len()) {
                Some(n) => return Ok(Some(communities[n - 1].path.clone())),
                None => io.tell("That is not one of the numbers.")?,
            },
        }
    }
}
