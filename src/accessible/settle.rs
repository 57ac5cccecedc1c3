//! What a merge found changed on both sides, settled line by line.
//!
//! The full-screen app shows each conflict with yours beside theirs (F2); here each is said in
//! turn — where, yours, theirs — and answered with one letter, or left for later with Enter
//! (it stays in the file's `[[merge_conflicts]]`, as the merge wrote it).

use std::io;

use super::io::Io;
use super::walk::Walk;
use crate::merge::{self, Keep};

/// Asks about each conflict the open file holds, settles those answered, and saves.
pub fn settle(io: &mut Io, walk: &mut Walk) -> io::Result<()> {
    let conflicts = merge::conflicts_of(&walk.loaded.file);
    if conflicts.is_empty() {
        return Ok(());
    }
    let guide = walk.guide;
    io.tell(&format!(
        "{} changed on both sides, here and in a version that came in. For each: y keeps \
         yours, t keeps theirs, b keeps both one after the other (to edit into one when you \
         reach the question), Enter leaves it for later.",
        match conflicts.len() {
            1 => "One answer was".to_string(),
            n => format!("{n} answers were"),
        }
    ))?;
    let mut left = Vec::new();
    let mut settled = 0;
    for conflict in conflicts {
        let yours = merge::current(&walk.loaded.file.community, &conflict.place, guide)
            .or_else(|| conflict.mine.clone());
        let side = |v: Option<String>| v.unwrap_or_else(|| "(nothing)".to_string());
        io.say(&format!(
            "{}. Yours: {}\nTheirs: {}",
            merge::label(&conflict.place, guide),
            side(yours),
            side(conflict.theirs.clone())
        ))?;
        let both = merge::can_keep_both(&conflict.place, guide);
        let keep = match io.line()?.as_deref().map(str::trim) {
            Some("y") => Keep::Mine,
            Some("t") => Keep::Theirs,
            Some("b") if both => Keep::Both,
            Some("b") => {
                io.tell("Only one can be kept there; left for later.")?;
                left.push(conflict);
                continue;
            }
            _ => {
                left.push(conflict);
                continue;
            }
        };
        merge::settle(&mut walk.loaded.file.community, &conflict, keep, guide);
        settled += 1;
    }
    if settled == 0 {
        return io.tell("All left for later: they stay in the file.");
    }
    if merge::set_conflicts(&mut walk.loaded.file, &left, guide).is_err() {
        return io.tell("They could not be taken out of the file; nothing was changed.");
    }
    walk.save(io)?;
    io.tell(&match left.len() {
        0 => "Settled, and saved.".to_string(),
        n => format!("Saved; {n} left for later, in the file."),
    })
}
