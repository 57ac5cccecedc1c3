//! Home's answer to a recovery copy waiting at start: restore it, move it to the trash, or
//! leave it for next time — and a status line that says exactly where everything went.
//!
//! A restore may put the work in four places (over its file, beside it, in the data folder when
//! its own folder would not take it, or beside it because it is too large to open) and may put
//! the version it replaced in the trash; the facilitator is told each, since the next thing they
//! may want is to find one of them by hand.

use std::path::Path;

use crate::tui::keymap::Command;

use super::{App, Screen};
use crate::store::{Restored, RestoredAs, StoreError, shown};
use crate::text::sanitize_line;

impl App {
    /// Restore (Enter), trash (d) or keep for later (Esc) the recovery copy home is offering.
    pub(super) fn recovery_key(&mut self, command: Command) {
        let Screen::Home(home) = &mut self.screen else {
            return;
        };
        let Some(copy) = home.recoveries.first().cloned() else {
            home.offer_recovery();
            return;
        };
        let name = sanitize_line(&copy.name).into_owned();
        let outcome = match command {
            Command::Restore => self.store.restore(&copy).map(|restored| {
                (
                    restored_message(&name, &restored, self.store.dir()),
                    Some(restored.path),
                )
            }),
            Command::Discard => self.store.discard(&copy).map(|path| {
                (
                    format!("The recovery copy of \"{name}\" is in {}", shown(&path)),
                    None,
                )
            }),
            Command::Later => Ok((
                format!(
                    "The recovery copy of \"{name}\" stays in {}; convene asks again next time",
                    shown(copy.path.parent().unwrap_or(&copy.path))
                ),
                None,
            )),
            _ => return,
        };
        match outcome {
            Ok((message, select)) => {
                if let Screen::Home(home) = &mut self.screen {
                    home.recoveries.remove(0);
                    home.offer_recovery();
                }
                self.refresh_home();
                if let (Some(path), Screen::Home(home)) = (select, &mut self.screen) {
                    home.select_path(&path);
                }
                self.set_status(&message, false);
            }
            Err(err) => self.set_status(&err.to_string(), true),
        }
    }
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
    if let Some(size) = restored.too_large {
        let too_large = StoreError::TooLarge(restored.path.clone(), size).reason();
        message.push_str(&format!(
            ". It is {too_large}, so convene will not open it: shorten it in a text editor"
        ));
    }
    message
}
