//! The answer's earlier versions (F4): asking git for them, choosing one, bringing it back.
//!
//! The list lies over the walk like the conflicts do, and takes no typing: a key that is no
//! command says which keys there are. Bringing a version back is one undo step in the field,
//! saved like typing.

use crate::tui::effects::Effect;
use crate::tui::keymap::{Command, Context};
use crate::tui::model::walk::earlier::{Earlier, Then};
use crate::tui::model::{Model, Now};

/// F4 in the walk: ask git for the field's versions.
pub(super) fn ask(model: &mut Model, fx: &mut Vec<Effect>) {
    let Some(walk) = model.walk() else {
        return;
    };
    if walk.is_summary() {
        model.set_status(
            "A summary has no versions of its own: its answers do",
            false,
        );
        return;
    }
    fx.push(Effect::Earlier {
        path: walk.session.path().to_path_buf(),
        place: walk.place(),
    });
}

pub(super) fn done(model: &mut Model, place: String, result: Result<Vec<Then>, String>) {
    let Some(walk) = model.walk_mut() else {
        return;
    };
    match result {
        Ok(versions) if versions.is_empty() => model.set_status(
            "git has no earlier version of this answer (versions come from the commits of the \
             data folder)",
            false,
        ),
        Ok(versions) => {
            let shown = walk.show_earlier(Earlier {
                place,
                versions,
                selected: 0,
            });
            if !shown {
                model.set_status("Moved on before git answered: F4 asks again", false);
            }
        }
        Err(why) => model.set_status(&format!("No earlier versions: {why}"), true),
    }
}

pub(super) fn key(model: &mut Model, command: Option<Command>, now: Now) {
    let Some(walk) = model.walk_mut() else {
        return;
    };
    match command {
        Some(command @ (Command::Up | Command::Down)) => walk.earlier_step(command == Command::Up),
        Some(Command::Back | Command::Earlier) => walk.close_earlier(),
        Some(Command::Restore) if walk.read_only() => {
            let why = walk.read_only_reason();
            model.set_status(&why, true);
        }
        Some(Command::Restore) => match walk.restore_earlier(now) {
            Ok(Some(then)) => {
                let undo = model.prefs.keys.key_in(Context::Walk, Command::Undo);
                let said = format!(
                    "Brought back the version of {} ({}); {undo} undoes it",
                    then.when.format("%-d %b %Y %H:%M"),
                    crate::text::sanitize_line(&then.author)
                );
                model.set_status(&said, false);
            }
            Ok(None) => {}
            Err(too_large) => model.set_status(&too_large.to_string(), true),
        },
        _ => {
            let keys = &model.prefs.keys;
            let key = |command| keys.key_in(Context::Earlier, command);
            let said = format!(
                "{}/{} choose a version, {} brings it back, {} closes",
                key(Command::Up),
                key(Command::Down),
                key(Command::Restore),
                key(Command::Back)
            );
            model.set_status(&said, true);
        }
    }
}
