//! Settling what changed on both sides: the keys of the conflict shown over the walk.
//!
//! While a conflict is shown nothing is typed into the answer beneath it (a letter is a
//! choice here, and one typed in the wrong place would settle nothing by accident: it only
//! says which keys settle). Each choice is a change like any other: the autosave writes it,
//! and the settled conflict leaves the file with it.

use crate::merge::Keep;
use crate::tui::keymap::{Command, Context};
use crate::tui::model::{Model, Now};

pub(super) fn key(model: &mut Model, command: Option<Command>, now: Now) {
    let keep = match command {
        Some(Command::KeepMine) => Keep::Mine,
        Some(Command::KeepTheirs) => Keep::Theirs,
        Some(Command::KeepBoth) => Keep::Both,
        Some(command @ (Command::Up | Command::Down)) => {
            if let Some(walk) = model.walk_mut() {
                walk.next_conflict(command == Command::Up);
            }
            return;
        }
        Some(Command::Back | Command::Settle) => {
            if let Some(walk) = model.walk_mut() {
                walk.close_settling();
            }
            let settle = model.prefs.keys.key_for(Command::Settle).to_string();
            model.set_status(
                &format!("Both versions stay in the file until settled; {settle} comes back here"),
                false,
            );
            return;
        }
        _ => {
            let said = choices(model);
            model.set_status(&said, true);
            return;
        }
    };
    let Some(walk) = model.walk_mut() else {
        return;
    };
    if keep == Keep::Both
        && let Some((_, conflict)) = walk.settling()
        && !crate::merge::can_keep_both(&conflict.place, walk.guide)
    {
        let said = format!(
            "Only one can be kept here: {}",
            choices(model).trim_start_matches("Settling: ")
        );
        model.set_status(&said, true);
        return;
    }
    match walk.settle(keep, now) {
        // Saved as typing is, by the autosave, so the status line says what was kept first.
        Ok(Some(said)) => model.set_status(&crate::text::sanitize_line(&said), false),
        Ok(None) => {}
        Err(why) => model.set_status(&why.0, true),
    }
}

/// A paste while a conflict is shown goes nowhere, and says so.
pub(super) fn paste(model: &mut Model) {
    let said = format!("Not pasted: {}", choices(model));
    model.set_status(&said, true);
}

/// Which keys settle the conflict shown.
fn choices(model: &Model) -> String {
    let keys = &model.prefs.keys;
    let key = |command| keys.key_in(Context::Settle, command);
    format!(
        "Settling: {} keeps yours, {} theirs, {} both; {} settles later",
        key(Command::KeepMine),
        key(Command::KeepTheirs),
        key(Command::KeepBoth),
        key(Command::Back)
    )
}
