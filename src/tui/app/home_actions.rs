//! What home's commands do: create, open, rename, duplicate, trash, add the examples, export a
//! charter, and the one-line prompts that ask for a name or a confirmation.
//!
//! These are `App` methods kept apart from the update function in `app.rs`, which stays about
//! routing input; they talk to the store and report through the status line.

use std::path::Path;
use std::time::Instant;

use crossterm::event::KeyEvent;

use super::{App, Effect, Screen};
use crate::community::CommunityFile;
use crate::export::{self, Format, Options};
use crate::store::{Entry, names};
use crate::text::sanitize_line;
use crate::tui::home::{Home, Prompt};
use crate::tui::keymap::{self, Command};

impl App {
    pub(super) fn go_home(&mut self) {
        self.presenting = false;
        let path = match &self.screen {
            Screen::Walk(walk) => Some(walk.session.path().to_path_buf()),
            Screen::Home(_) => None,
        };
        // The walk, and with it this convene's mark, goes before the listing: the listing tells
        // who else has a community open, and this convene is not someone else.
        self.screen = Screen::Home(Box::new(Home::new(Vec::new())));
        let mut home = match self.store.list(self.guide()) {
            Ok(entries) => Home::new(entries),
            Err(err) => Home::unlisted(err.to_string()),
        };
        if let Some(path) = path {
            home.select_path(&path);
        }
        self.screen = Screen::Home(Box::new(home));
    }

    pub(super) fn refresh_home(&mut self) {
        let entries = self.store.list(self.guide());
        if let Screen::Home(home) = &mut self.screen {
            match entries {
                Ok(entries) => {
                    home.refresh(entries);
                    home.provisional = false;
                }
                Err(err) => {
                    let reason = err.to_string();
                    home.error = Some(reason.clone());
                    self.set_status(&reason, true);
                }
            }
        }
    }

    pub(super) fn open_selected(&mut self) {
        let Screen::Home(home) = &self.screen else {
            return;
        };
        match home.selected_entry() {
            Some(Entry::Community(s)) => {
                let path = s.path.clone();
                if let Err(err) = self.open(&path) {
                    self.set_status(&err.to_string(), true);
                }
            }
            Some(Entry::Unreadable { reason, .. }) => {
                let reason = format!("Cannot open: {reason}");
                self.set_status(&reason, true);
            }
            None => {}
        }
    }

    pub(super) fn duplicate(&mut self) {
        let Screen::Home(home) = &self.screen else {
            return;
        };
        let Some(summary) = home.selected_community() else {
            return;
        };
        let path = summary.path.clone();
        let result = self.store.load(&path).and_then(|loaded| {
            let mut copy = loaded.community().clone();
            copy.name = format!("{} (copy)", copy.name);
            copy.created = crate::community::now();
            copy.updated = copy.created;
            self.store.create_from(copy, self.guide())
        });
        match result {
            Ok(loaded) => {
                self.refresh_home();
                if let Screen::Home(home) = &mut self.screen {
                    home.select_path(&loaded.path);
                }
                self.set_status(
                    &format!("Duplicated as {}", sanitize_line(&loaded.community().name)),
                    false,
                );
            }
            Err(err) => self.set_status(&err.to_string(), true),
        }
    }

    /// Writes the charter in every format to the exports folder and says where.
    pub(super) fn export(&mut self, community: &crate::community::Community, path: &Path) {
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "charter".to_string());
        // The exports folder is checked first: a link leading out of the data folder is refused.
        let result = self.store.exports_dir().and_then(|dir| {
            for format in Format::ALL {
                let text = export::render(community, self.guide(), format, Options::default());
                let file = dir.join(format!("{stem}.{}", format.extension()));
                crate::store::write_file(&file, text.as_bytes())?;
            }
            Ok(dir)
        });
        match result.map_err(|e| e.to_string()) {
            Ok(dir) => {
                let shown = crate::store::shown(&dir.join(format!("{stem}.{{md,html,json}}")));
                self.set_status(&format!("Charter written to {shown}"), false);
            }
            Err(message) => self.set_status(&format!("Charter not written: {message}"), true),
        }
    }

    pub(super) fn add_examples(&mut self) {
        let mut added = 0;
        for (_, text) in crate::samples::EXAMPLES {
            let Ok(file) = CommunityFile::parse(text) else {
                continue;
            };
            if self.store.create_from(file.community, self.guide()).is_ok() {
                added += 1;
            }
        }
        self.refresh_home();
        self.set_status(&format!("Added {added} example communities"), false);
    }

    pub(super) fn home_prompt_key(&mut self, key: KeyEvent, now: Instant) -> Option<Effect> {
        let command = keymap::lookup(self.context(), &key);
        match command {
            Some(Command::Quit) => return self.quit(now),
            Some(Command::Help) => {
                self.help = true;
                return None;
            }
            _ => {}
        }
        let Screen::Home(home) = &mut self.screen else {
            return None;
        };
        if home.filtering {
            match command {
                Some(Command::Back) => {
                    home.filtering = false;
                    home.filter.clear();
                }
                Some(Command::Confirm) => home.filtering = false,
                Some(Command::Up) => home.up(),
                Some(Command::Down) => home.down(),
                _ => {
                    if let Some(edit) = keymap::line_edit(&key) {
                        home.filter.edit(edit);
                    }
                }
            }
            home.clamp();
            return None;
        }
        let prompt = home.prompt.clone()?;
        match (prompt, command) {
            (Prompt::Recover, Some(command)) => self.recovery_key(command),
            (Prompt::Recover, None) => {}
            (Prompt::OpenElsewhere(_), Some(command)) => self.elsewhere_key(command),
            (Prompt::OpenElsewhere(_), None) => {}
            (_, Some(Command::Back)) => home.prompt = None,
            (Prompt::ConfirmDelete, Some(Command::Yes)) => {
                home.prompt = None;
                let path = home.selected_entry().map(|e| e.path().to_path_buf())?;
                if let Some(who) = super::opening::open_elsewhere(&path) {
                    self.set_status(&format!("Not moved to the trash: {who}."), true);
                    return None;
                }
                match self.store.trash(&path) {
                    Ok(_) => {
                        self.refresh_home();
                        self.set_status("Moved to the trash folder in the data folder", false);
                    }
                    Err(err) => self.set_status(&err.to_string(), true),
                }
            }
            (Prompt::ConfirmDelete, _) => home.prompt = None,
            (Prompt::NewName(name) | Prompt::Rename(name), Some(Command::Confirm)) => {
                let name = name.text().trim().to_string();
                let renaming = matches!(home.prompt, Some(Prompt::Rename(_)));
                home.prompt = None;
                if name.is_empty() {
                    self.set_status("A community needs a name.", true);
                    return None;
                }
                // A name another community already has is asked about first (`store::names`
                // says why); a community renamed to its own name in another case is not.
                let this = renaming
                    .then(|| home.selected_community().map(|s| s.path.clone()))
                    .flatten();
                let existing: Vec<_> = names::similar(&home.entries, &name)
                    .into_iter()
                    .filter(|s| Some(&s.path) != this.as_ref())
                    .map(|s| (s.name.clone(), s.path.clone()))
                    .collect();
                if existing.is_empty() {
                    self.name_chosen(&name, renaming);
                } else {
                    home.prompt = Some(Prompt::ConfirmSameName {
                        name,
                        renaming,
                        existing,
                    });
                }
            }
            (Prompt::ConfirmSameName { name, renaming, .. }, Some(Command::Yes)) => {
                home.prompt = None;
                self.name_chosen(&name, renaming);
            }
            (Prompt::ConfirmSameName { renaming, .. }, _) => {
                home.prompt = None;
                let message = if renaming {
                    "Not renamed"
                } else {
                    "Not created"
                };
                self.set_status(message, false);
            }
            (Prompt::NewName(_) | Prompt::Rename(_), _) => {
                if let Some(Prompt::NewName(name) | Prompt::Rename(name)) = &mut home.prompt
                    && let Some(edit) = keymap::line_edit(&key)
                {
                    name.edit(edit);
                }
            }
        }
        None
    }

    /// Creates a community called `name` and opens it, or renames the selected one.
    fn name_chosen(&mut self, name: &str, renaming: bool) {
        if renaming {
            self.rename_selected(name);
            return;
        }
        match self.store.create(name, self.guide()) {
            Ok(loaded) => self.enter_new(loaded),
            Err(err) => self.set_status(&err.to_string(), true),
        }
    }

    pub(super) fn rename_selected(&mut self, name: &str) {
        let Screen::Home(home) = &self.screen else {
            return;
        };
        let Some(summary) = home.selected_community() else {
            return;
        };
        let path = summary.path.clone();
        if let Some(who) = super::opening::open_elsewhere(&path) {
            self.set_status(&format!("Not renamed: {who}."), true);
            return;
        }
        let result = self.store.load(&path).and_then(|mut loaded| {
            loaded.community_mut().name = name.to_string();
            loaded.community_mut().touch();
            self.store.save(&mut loaded, self.guide())
        });
        match result {
            Ok(()) => {
                self.refresh_home();
                self.set_status("Renamed", false);
            }
            Err(err) => self.set_status(&err.to_string(), true),
        }
    }
}

/// A paste into home's prompt or filter, on one line; returns false if it was cut at
/// [`MAX_LINE_CHARS`](crate::tui::home::MAX_LINE_CHARS).
pub(super) fn paste_into_prompt(home: &mut Home, text: &str) -> bool {
    let line = match &mut home.prompt {
        Some(Prompt::NewName(name) | Prompt::Rename(name)) => name,
        _ if home.filtering => &mut home.filter,
        _ => return true,
    };
    line.insert(text)
}
