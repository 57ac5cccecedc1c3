//! Opening a community into the walk, and what to do when another convene has it open.
//!
//! Opening for writing takes the community's lock mark (see [`crate::store::lock`]). When
//! another convene has it open — on this machine or another one sharing the folder — home asks,
//! as vim does with a swap file, naming who, where, since when and whether it still runs: `r`
//! opens it read-only (nothing saved, typing refused with that reason), `o` opens it anyway
//! (both then write; the save compares and swaps under the lock, so the later of two saves
//! goes to "your copy" and nothing is lost), Esc goes back. A mark left by a convene that is
//! gone has already been cleared by then, so it never asks about one.

use std::path::Path;

use super::{App, Screen, Status};
use crate::store::lock::{self, Claim, Held, Holder};
use crate::store::{Loaded, StoreError};
use crate::text::sanitize_line;
use crate::tui::home::{Elsewhere, Prompt};
use crate::tui::keymap::Command;

/// How the walk may treat the file it opens.
enum Access {
    /// Written by this convene, holding this mark (none when the folder takes no marks).
    Write(Option<Held>),
    /// Read-only because someone else has it open: the status line's words.
    ReadOnly(String),
}

impl App {
    /// Opens the community at `path` in the walk; asks first (on home) when another convene
    /// has it open.
    pub fn open(&mut self, path: &Path) -> Result<(), StoreError> {
        let loaded = self.store.load(path)?;
        if loaded.file.is_read_only() || loaded.link_outside().is_some() {
            // Never written here: nothing to announce, and no one to wait for.
            self.enter(loaded, Access::Write(None));
            return Ok(());
        }
        match lock::claim(path) {
            Claim::Free(held) => self.enter(loaded, Access::Write(held)),
            Claim::Busy(holders) => {
                if !matches!(self.screen, Screen::Home(_)) {
                    self.go_home();
                }
                if let Screen::Home(home) = &mut self.screen {
                    home.select_path(path);
                    home.prompt = Some(Prompt::OpenElsewhere(Box::new(Elsewhere {
                        path: path.to_path_buf(),
                        name: loaded.community().name.clone(),
                        holders,
                    })));
                }
                self.status = Status::default();
            }
        }
        Ok(())
    }

    /// Starts the walk on a community this convene just created (or saved as a copy).
    pub(super) fn enter_new(&mut self, loaded: Loaded) {
        let held = writer_lock(&loaded.path);
        self.enter(loaded, Access::Write(held));
    }

    fn enter(&mut self, loaded: Loaded, access: Access) {
        let mut walk = self.walk_on(loaded);
        match access {
            Access::Write(held) => walk.session.hold(held),
            Access::ReadOnly(why) => walk.session.choose_read_only(why),
        }
        self.status = if walk.session.file().is_read_only() {
            Status {
                text: "Written by a newer convene: open read-only, nothing will be saved.".into(),
                error: true,
            }
        } else if walk.read_only() {
            Status {
                text: format!("{} Nothing will be saved.", walk.read_only_reason()),
                error: true,
            }
        } else {
            Status::default()
        };
        self.screen = Screen::Walk(Box::new(walk));
    }

    /// A key while home asks what to do with a community open elsewhere.
    pub(super) fn elsewhere_key(&mut self, command: Command) {
        let Screen::Home(home) = &mut self.screen else {
            return;
        };
        let Some(Prompt::OpenElsewhere(asked)) = home.prompt.clone() else {
            return;
        };
        let access = match command {
            Command::ReadOnly => {
                Access::ReadOnly(format!("Read-only: {}.", asked.holders[0].has_it_open()))
            }
            Command::OpenAnyway => Access::Write(lock::hold(&asked.path)),
            Command::Back => {
                home.prompt = None;
                self.status = Status::default();
                return;
            }
            _ => return,
        };
        home.prompt = None;
        let anyway = matches!(access, Access::Write(_));
        // Read again: it may have been saved by the other convene while the question was up.
        match self.store.load(&asked.path) {
            Ok(loaded) => {
                self.enter(loaded, access);
                if anyway {
                    self.set_status(
                        &format!(
                            "Opened anyway: {} too. If you both save, the later save goes to a \
                             copy beside it.",
                            asked.holders[0].has_it_open()
                        ),
                        false,
                    );
                }
            }
            Err(err) => self.set_status(&err.to_string(), true),
        }
    }
}

/// What home's prompt says about a community open elsewhere.
pub fn elsewhere_text(asked: &Elsewhere) -> String {
    let first: &Holder = &asked.holders[0];
    let more = match asked.holders.len() - 1 {
        0 => String::new(),
        1 => " One more convene has it open too.".to_string(),
        n => format!(" {n} more convenes have it open too."),
    };
    format!(
        "\"{}\" is open in another convene: {} ({}).{more}\n\
         r open read-only · o open anyway (if both save, the later save goes to a copy) · Esc back",
        sanitize_line(&asked.name),
        first.who(),
        first.state(),
    )
}

/// The mark of a community only this convene can know about (just created): taken even in the
/// unlikely case that another convene claimed the same new file in the same instant.
pub(super) fn writer_lock(path: &Path) -> Option<Held> {
    match lock::claim(path) {
        Claim::Free(held) => held,
        Claim::Busy(_) => lock::hold(path),
    }
}

/// Who has `path` open, in the words of a refusal ("ana has it open on lab-laptop since
/// 14:02"), if anyone does.
pub(super) fn open_elsewhere(path: &Path) -> Option<String> {
    lock::holders(path).first().map(Holder::has_it_open)
}
