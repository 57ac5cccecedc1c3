//! Home's answer to a recovery copy waiting at start: restore it, move it to the trash, or
//! leave it for next time — and a status line that says exactly where everything went.
//!
//! A restore may put the work in four places (over its file, beside it, in the data folder when
//! its own folder would not take it, or beside it because it is too large to open) and may put
//! the version it replaced in the trash; the facilitator is told each, since the next thing they
//! may want is to find one of them by hand.

use std::path::Path;

use crate::store::{Restored, RestoredAs, shown};
use crate::text::sanitize_line;
use crate::tui::effects::{Done, Effect};
use crate::tui::keymap::Command;
use crate::tui::model::Model;

/// Restore (Enter), trash (d) or keep for later (Esc) the recovery copy home is offering.
pub(super) fn key(model: &mut Model, command: Command, fx: &mut Vec<Effect>) {
    let Some(home) = model.home_mut() else {
        return;
    };
    let Some(copy) = home.recoveries.first().cloned() else {
        home.offer_recovery();
        return;
    };
    match command {
        Command::Restore => fx.push(Effect::Restore(copy)),
        Command::Discard => fx.push(Effect::Discard(copy)),
        Command::Later => {
            let message = format!(
                "The recovery copy of \"{}\" stays in {}; convene asks again next time",
                sanitize_line(&copy.name),
                shown(copy.path.parent().unwrap_or(&copy.path))
            );
            settled(model, message, None, fx);
        }
        _ => {}
    }
}

/// A restore's or a discard's outcome.
pub(super) fn done(model: &mut Model, done: Done, fx: &mut Vec<Effect>) {
    let Some(copy) = model
        .home()
        .and_then(|home| home.recoveries.first().cloned())
    else {
        return;
    };
    let name = sanitize_line(&copy.name).into_owned();
    match done {
        Done::Restored(Ok(restored)) => {
            let message = restored_message(&name, &restored, &model.data_dir);
            settled(model, message, Some(restored.path), fx);
        }
        Done::Discarded(Ok(path)) => {
            let message = format!("The recovery copy of \"{name}\" is in {}", shown(&path));
            settled(model, message, None, fx);
        }
        Done::Restored(Err(message)) | Done::Discarded(Err(message)) => {
            model.set_status(&message, true)
        }
        _ => {}
    }
}

/// The copy on offer is dealt with: on to the next one, if any, and list the folder again.
fn settled(
    model: &mut Model,
    message: String,
    select: Option<std::path::PathBuf>,
    fx: &mut Vec<Effect>,
) {
    if let Some(home) = model.home_mut() {
        home.recoveries.remove(0);
        home.offer_recovery();
    }
    fx.push(Effect::List { select });
    model.set_status(&message, false);
}
/// What the status line says after restoring the copy of `name`: where the work is, and where
/// the version it replaced went.
fn restored_message(name: &str, restored: &Restored, data_dir: &Path) -> String {
    // A file in the data folder by its name (home lists it); one elsewhere by its whole path.
    let place = |path: &Path| {
        if path.parent() == Some(data_dir) {
            path.file_name()
                .map(|f| shown(f.as_ref()))
                .unwrap_or_default()
        } else {
            shown(path)
        }
    };
    let file = place(&restored.path);
    let mut message = match (&restored.how, restored.too_large) {
        (RestoredAs::InPlace, _) => format!("Restored \"{name}\" into {file}"),
        (RestoredAs::Beside, Some(_)) => {
            format!("Restored \"{name}\" as {file}, beside its file (left as it was)")
        }
        (RestoredAs::Beside, None) => {
            format!("Restored \"{name}\" as {file}: its file had changed since, and both are kept")
        }
        (RestoredAs::InDataFolder(why), _) => format!(
            "Restored \"{name}\" as {file} in the data folder: its own folder could not take \
             it ({})",
            sanitize_line(why)
        ),
    };
    if let Some(old) = &restored.old_version {
        message.push_str(&format!(
            "; the version it replaced is in the trash: {}",
            shown(old)
        ));
    }
    if let Some(too_large) = restored.too_large_reason() {
        message.push_str(&format!(
            ". It is {too_large}, so convene will not open it: shorten it in a text editor"
        ));
    }
    message
}
