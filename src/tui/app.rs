//! The app's state and the one function that changes it.
//!
//! Every input — a key, a paste, a click, a signal, the autosave timer — becomes an [`Action`]
//! and goes through [`App::update`], in the event loop and in the tests alike. `update` does the
//! store's work itself (saves are small and synchronous) and returns an [`Effect`] only for what
//! needs the terminal: handing it to an external editor, or leaving.

use std::cell::RefCell;
use std::path::Path;
use std::time::Instant;

use chrono::Local;
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};

use super::home::{Home, Prompt};
use super::keymap::{self, Command, Context};
use super::walk::Walk;
use crate::community::CommunityFile;
use crate::export::{self, Format, Options};
use crate::guide::Guide;
use crate::store::{Entry, Store, StoreError};
use crate::text::sanitize_line;

/// The folder inside the data directory where the app writes charters.
pub const EXPORTS_DIR: &str = "exports";

/// Something that happened.
#[derive(Debug, Clone)]
pub enum Action {
    Key(KeyEvent),
    Paste(String),
    Mouse(MouseEvent),
    /// The autosave time has come.
    Tick,
    /// The operating system asks convene to stop (SIGTERM, SIGHUP), or the terminal went away.
    Stop,
    /// The external editor finished with this text, or failed with this message.
    EditorDone(Result<String, String>),
}

/// What the event loop must do for `update`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Suspend the TUI and edit this text in $VISUAL / $EDITOR.
    OpenEditor(String),
    /// Leave (everything is saved, or the facilitator insisted).
    Quit,
}

pub enum Screen {
    Home(Home),
    Walk(Box<Walk>),
}

/// The status line: the last save, or why it failed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub error: bool,
}

/// Something on screen a click can reach, recorded while drawing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Section(usize),
    Field(usize),
    HomeRow(usize),
    Editor,
}

pub struct App {
    pub store: Store,
    pub guide: &'static Guide,
    pub screen: Screen,
    pub help: bool,
    pub status: Status,
    /// Whether colour is on (NO_COLOR turns it off).
    pub color: bool,
    /// A quit was refused because a save failed; a second quit leaves anyway.
    quit_armed: bool,
    /// Clickable areas from the last frame.
    pub hits: RefCell<Vec<(Rect, Target)>>,
}

impl App {
    pub fn new(store: Store, guide: &'static Guide) -> App {
        let entries = store.list(guide).unwrap_or_default();
        App {
            store,
            guide,
            screen: Screen::Home(Home::new(entries)),
            help: false,
            status: Status::default(),
            color: true,
            quit_armed: false,
            hits: RefCell::new(Vec::new()),
        }
    }

    /// Opens the community at `path` straight into the walk.
    pub fn open(&mut self, path: &Path) -> Result<(), StoreError> {
        let loaded = self.store.load(path)?;
        if loaded.file.is_read_only() {
            self.set_status(
                "Written by a newer convene: open read-only, nothing will be saved.",
                true,
            );
        } else {
            self.status = Status::default();
        }
        self.screen = Screen::Walk(Box::new(Walk::new(loaded, self.guide)));
        Ok(())
    }

    pub fn context(&self) -> Context {
        match self.screen {
            Screen::Home(_) => Context::Home,
            Screen::Walk(_) => Context::Walk,
        }
    }

    /// When the loop must wake up without input: the next autosave.
    pub fn deadline(&self) -> Option<Instant> {
        match &self.screen {
            Screen::Walk(walk) if !walk.read_only() => walk.autosave_at(),
            _ => None,
        }
    }

    pub fn update(&mut self, action: Action, now: Instant) -> Option<Effect> {
        match action {
            Action::Key(key) if key.kind != KeyEventKind::Release => self.key(key, now),
            Action::Key(_) => None,
            Action::Paste(text) => {
                match &mut self.screen {
                    Screen::Walk(walk) if !self.help => walk.paste(&text, now),
                    Screen::Home(home) => paste_into_prompt(home, &text),
                    _ => {}
                }
                None
            }
            Action::Mouse(mouse) => {
                self.mouse(mouse);
                None
            }
            Action::Tick => {
                if self.deadline().is_some_and(|d| d <= now) {
                    self.save(now);
                }
                None
            }
            Action::Stop => {
                self.save(now);
                Some(Effect::Quit)
            }
            Action::EditorDone(result) => {
                match (result, &mut self.screen) {
                    (Ok(text), Screen::Walk(walk)) => {
                        walk.replace_text(&text, now);
                        self.save(now);
                    }
                    (Err(message), _) => self.set_status(&format!("Editor: {message}"), true),
                    _ => {}
                }
                None
            }
        }
    }

    fn key(&mut self, key: KeyEvent, now: Instant) -> Option<Effect> {
        if self.help {
            // Any key closes help; Ctrl-Q still quits.
            self.help = false;
            if keymap::lookup(self.context(), &key) != Some(Command::Quit) {
                return None;
            }
        }
        if let Screen::Home(home) = &mut self.screen
            && (home.prompt.is_some() || home.filtering)
        {
            return self.home_prompt_key(key, now);
        }
        match keymap::lookup(self.context(), &key) {
            Some(command) => self.command(command, now),
            None => {
                if let Screen::Walk(walk) = &mut self.screen {
                    walk.key(key, now);
                    if walk.read_only() && matches!(key.code, KeyCode::Char(_) | KeyCode::Enter) {
                        self.set_status(
                            "Read-only: this file was written by a newer convene.",
                            true,
                        );
                    }
                }
                None
            }
        }
    }

    fn command(&mut self, command: Command, now: Instant) -> Option<Effect> {
        if command != Command::Quit {
            self.quit_armed = false;
        }
        match command {
            Command::Quit => return self.quit(now),
            Command::Help => self.help = true,
            Command::Save => {
                self.save(now);
            }
            _ => {}
        }
        match &mut self.screen {
            Screen::Walk(walk) => match command {
                Command::NextField => walk.next_field(),
                Command::PrevField => walk.prev_field(),
                Command::NextSection => walk.next_section(),
                Command::PrevSection => walk.prev_section(),
                Command::ToggleGuidance => walk.show_guidance = !walk.show_guidance,
                Command::Undo => walk.undo(now),
                Command::Redo => walk.redo(now),
                Command::Export => {
                    walk.flush();
                    let community = walk.loaded.community().clone();
                    let path = walk.loaded.path.clone();
                    self.save(now);
                    self.export(&community, &path);
                    return None;
                }
                Command::OpenEditor if !walk.read_only() => {
                    return Some(Effect::OpenEditor(walk.editor_text()));
                }
                Command::Back => {
                    if self.save(now) {
                        self.go_home();
                    }
                    return None;
                }
                _ => return None,
            },
            Screen::Home(home) => {
                match command {
                    Command::Up => home.up(),
                    Command::Down => home.down(),
                    Command::New => home.prompt = Some(Prompt::NewName(String::new())),
                    Command::Filter => home.filtering = true,
                    Command::Back => {
                        home.filter.clear();
                        home.clamp();
                    }
                    Command::Rename => {
                        if let Some(s) = home.selected_community() {
                            home.prompt = Some(Prompt::Rename(s.name.clone()));
                        }
                    }
                    Command::Delete if home.selected_entry().is_some() => {
                        home.prompt = Some(Prompt::ConfirmDelete);
                    }
                    Command::Duplicate => self.duplicate(),
                    Command::Examples => self.add_examples(),
                    Command::Export => {
                        if let Some(path) = home.selected_community().map(|s| s.path.clone()) {
                            match self.store.load(&path) {
                                Ok(loaded) => {
                                    let community = loaded.community().clone();
                                    self.export(&community, &path);
                                }
                                Err(err) => self.set_status(&err.to_string(), true),
                            }
                        }
                    }
                    Command::Open => self.open_selected(),
                    _ => {}
                }
                return None;
            }
        }
        // Moving between questions is a natural moment to save.
        if matches!(
            command,
            Command::NextField | Command::PrevField | Command::NextSection | Command::PrevSection
        ) {
            self.save_if_dirty(now);
        }
        None
    }

    fn quit(&mut self, now: Instant) -> Option<Effect> {
        if !self.save(now) && !self.quit_armed {
            self.quit_armed = true;
            let reason = self.status.text.clone();
            self.set_status(
                &format!("{reason} — press Ctrl-Q again to quit anyway"),
                true,
            );
            return None;
        }
        Some(Effect::Quit)
    }

    /// Saves the open community now (a no-op at home, or when nothing changed on disk).
    /// Returns false if the save failed; the status line says why.
    pub fn save(&mut self, now: Instant) -> bool {
        let Screen::Walk(walk) = &mut self.screen else {
            return true;
        };
        walk.flush();
        if walk.read_only() {
            return true;
        }
        match self.store.save(&mut walk.loaded, self.guide) {
            Ok(()) => {
                walk.saved();
                let at = Local::now().format("%H:%M:%S");
                self.status = Status {
                    text: format!("Saved at {at}"),
                    error: false,
                };
                true
            }
            Err(err) => {
                // Keep the change marked unsaved and try again later, not on every key.
                walk.dirty_since = Some(now);
                walk.last_edit = None;
                self.status = Status {
                    text: format!("Not saved: {}", err.reason()),
                    error: true,
                };
                false
            }
        }
    }

    fn save_if_dirty(&mut self, now: Instant) {
        if let Screen::Walk(walk) = &mut self.screen {
            walk.flush();
            if walk.is_dirty()
                || walk.loaded.file.file_version() != crate::community::SCHEMA_VERSION
            {
                self.save(now);
            }
        }
    }

    fn go_home(&mut self) {
        let path = match &self.screen {
            Screen::Walk(walk) => Some(walk.loaded.path.clone()),
            Screen::Home(_) => None,
        };
        let mut home = Home::new(self.store.list(self.guide).unwrap_or_default());
        if let Some(path) = path {
            home.select_path(&path);
        }
        self.screen = Screen::Home(home);
    }

    fn refresh_home(&mut self) {
        let entries = self.store.list(self.guide);
        if let Screen::Home(home) = &mut self.screen {
            match entries {
                Ok(entries) => home.refresh(entries),
                Err(err) => {
                    let reason = err.to_string();
                    self.set_status(&reason, true);
                }
            }
        }
    }

    fn open_selected(&mut self) {
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

    fn duplicate(&mut self) {
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
            self.store.create_from(copy, self.guide)
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
    fn export(&mut self, community: &crate::community::Community, path: &Path) {
        let dir = self.store.dir().join(EXPORTS_DIR);
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "charter".to_string());
        let result = std::fs::create_dir_all(&dir)
            .map_err(|e| format!("could not create {}: {e}", crate::store::shown(&dir)))
            .and_then(|()| {
                for format in Format::ALL {
                    let text = export::render(community, self.guide, format, Options::default());
                    let file = dir.join(format!("{stem}.{}", format.extension()));
                    crate::store::write_file(&file, text.as_bytes()).map_err(|e| e.to_string())?;
                }
                Ok(())
            });
        match result {
            Ok(()) => {
                let shown = crate::store::shown(&dir.join(format!("{stem}.{{md,html,json}}")));
                self.set_status(&format!("Charter written to {shown}"), false);
            }
            Err(message) => self.set_status(&format!("Charter not written: {message}"), true),
        }
    }

    fn add_examples(&mut self) {
        let mut added = 0;
        for (_, text) in crate::samples::EXAMPLES {
            let Ok(file) = CommunityFile::parse(text) else {
                continue;
            };
            if self.store.create_from(file.community, self.guide).is_ok() {
                added += 1;
            }
        }
        self.refresh_home();
        self.set_status(&format!("Added {added} example communities"), false);
    }

    fn home_prompt_key(&mut self, key: KeyEvent, now: Instant) -> Option<Effect> {
        let Screen::Home(home) = &mut self.screen else {
            return None;
        };
        if keymap::lookup(Context::Global, &key) == Some(Command::Quit) {
            return self.quit(now);
        }
        if home.filtering {
            match key.code {
                KeyCode::Esc => {
                    home.filtering = false;
                    home.filter.clear();
                }
                KeyCode::Enter => home.filtering = false,
                KeyCode::Backspace => {
                    home.filter.pop();
                }
                KeyCode::Up => home.up(),
                KeyCode::Down => home.down(),
                KeyCode::Char(c) if !c.is_control() => home.filter.push(c),
                _ => {}
            }
            home.clamp();
            return None;
        }
        let prompt = home.prompt.clone()?;
        match (prompt, key.code) {
            (_, KeyCode::Esc) => home.prompt = None,
            (Prompt::ConfirmDelete, KeyCode::Char('y' | 'Y')) => {
                home.prompt = None;
                let path = home.selected_entry().map(|e| e.path().to_path_buf())?;
                match self.store.trash(&path) {
                    Ok(_) => {
                        self.refresh_home();
                        self.set_status("Moved to the trash folder in the data folder", false);
                    }
                    Err(err) => self.set_status(&err.to_string(), true),
                }
            }
            (Prompt::ConfirmDelete, _) => home.prompt = None,
            (Prompt::NewName(name) | Prompt::Rename(name), KeyCode::Enter) => {
                let name = name.trim().to_string();
                let renaming = matches!(home.prompt, Some(Prompt::Rename(_)));
                home.prompt = None;
                if name.is_empty() {
                    self.set_status("A community needs a name.", true);
                } else if renaming {
                    self.rename_selected(&name);
                } else {
                    match self.store.create(&name, self.guide) {
                        Ok(loaded) => {
                            self.status = Status::default();
                            self.screen = Screen::Walk(Box::new(Walk::new(loaded, self.guide)));
                        }
                        Err(err) => self.set_status(&err.to_string(), true),
                    }
                }
            }
            (Prompt::NewName(mut name), code) => {
                edit_line(&mut name, code);
                home.prompt = Some(Prompt::NewName(name));
            }
            (Prompt::Rename(mut name), code) => {
                edit_line(&mut name, code);
                home.prompt = Some(Prompt::Rename(name));
            }
        }
        None
    }

    fn rename_selected(&mut self, name: &str) {
        let Screen::Home(home) = &self.screen else {
            return;
        };
        let Some(summary) = home.selected_community() else {
            return;
        };
        let path = summary.path.clone();
        let result = self.store.load(&path).and_then(|mut loaded| {
            loaded.community_mut().name = name.to_string();
            loaded.community_mut().touch();
            self.store.save(&mut loaded, self.guide)
        });
        match result {
            Ok(()) => {
                self.refresh_home();
                self.set_status("Renamed", false);
            }
            Err(err) => self.set_status(&err.to_string(), true),
        }
    }

    fn mouse(&mut self, mouse: MouseEvent) {
        let at = Position::new(mouse.column, mouse.row);
        let target = self
            .hits
            .borrow()
            .iter()
            .rev()
            .find(|(r, _)| r.contains(at))
            .map(|(_, t)| *t);
        match (&mut self.screen, mouse.kind, target) {
            (
                Screen::Walk(walk),
                MouseEventKind::Down(MouseButton::Left),
                Some(Target::Section(s)),
            ) => walk.go_to_section(s),
            (
                Screen::Walk(walk),
                MouseEventKind::Down(MouseButton::Left),
                Some(Target::Field(i)),
            ) => walk.go_to(i),
            (Screen::Walk(walk), MouseEventKind::ScrollDown, _) => {
                walk.editor.scroll((1, 0));
            }
            (Screen::Walk(walk), MouseEventKind::ScrollUp, _) => {
                walk.editor.scroll((-1, 0));
            }
            (
                Screen::Home(home),
                MouseEventKind::Down(MouseButton::Left),
                Some(Target::HomeRow(i)),
            ) => {
                home.selected = i;
                home.clamp();
            }
            (Screen::Home(home), MouseEventKind::ScrollDown, _) => home.down(),
            (Screen::Home(home), MouseEventKind::ScrollUp, _) => home.up(),
            _ => {}
        }
    }

    pub fn set_status(&mut self, text: &str, error: bool) {
        self.status = Status {
            text: text.to_string(),
            error,
        };
    }
}

fn edit_line(line: &mut String, code: KeyCode) {
    match code {
        KeyCode::Backspace => {
            line.pop();
        }
        KeyCode::Char(c) if !c.is_control() => line.push(c),
        _ => {}
    }
}

fn paste_into_prompt(home: &mut Home, text: &str) {
    let line: String = text.chars().filter(|c| !c.is_control()).collect();
    match &mut home.prompt {
        Some(Prompt::NewName(name) | Prompt::Rename(name)) => name.push_str(&line),
        _ if home.filtering => home.filter.push_str(&line),
        _ => {}
    }
}
