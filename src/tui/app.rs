//! The app's state and the one function that changes it.
//!
//! Every input — a key, a paste, a click, a signal, the autosave timer — becomes an [`Action`]
//! and goes through [`App::update`], in the event loop and in the tests alike. `update` does the
//! store's work itself (saves are small and synchronous) and returns an [`Effect`] only for what
//! needs the terminal: handing it to an external editor, or leaving.

use std::cell::RefCell;
use std::time::Instant;

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};

mod capture_line;
mod home_actions;
mod opening;
mod recovery_offer;
mod saving;

use super::home::{Home, MAX_LINE_CHARS, Prompt};
use super::keymap::{self, Command, Context};
use super::line::LineInput;
use super::timebox::{self, Timebox};
use super::walk::Walk;
use crate::guide::Guide;
use crate::store::{Entry, Store};
pub use opening::elsewhere_text;
use saving::Saved;

/// The folder inside the data directory where the app writes charters.
pub const EXPORTS_DIR: &str = crate::store::EXPORTS_DIR;

/// How many entries of the listing index home's first frame reads: more rows than a terminal
/// shows; the full listing that follows brings the rest.
const FIRST_VIEW: usize = 256;

/// Something that happened.
#[derive(Debug, Clone)]
pub enum Action {
    Key(KeyEvent),
    Paste(String),
    Mouse(MouseEvent),
    /// A time the app asked to be woken at has come (an autosave, the timebox's next second).
    Tick,
    /// The operating system asks convene to stop (SIGTERM, SIGHUP), or the terminal went away.
    Stop,
    /// The external editor finished with this text, or failed with this message.
    EditorDone(Result<String, String>),
    /// A full listing of the data folder (checked against the files), or why it failed.
    Listed(Result<Vec<Entry>, String>),
}

/// What the event loop must do for `update`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Suspend the TUI and edit this text in $VISUAL / $EDITOR; the text that comes back may
    /// cost at most `room` bytes in the file (see [`super::room`]).
    OpenEditor { text: String, room: usize },
    /// Leave (everything is saved, or the facilitator insisted).
    Quit,
}

pub enum Screen {
    Home(Box<Home>),
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

/// Where the app's guide comes from.
#[derive(Debug, Clone, Copy)]
enum GuideSource {
    Ready(&'static Guide),
    /// The built-in guide, possibly still being read on another thread: home's first frame does
    /// not need it, so it need not wait for it.
    Builtin,
}

pub struct App {
    pub store: Store,
    guide: GuideSource,
    pub screen: Screen,
    pub help: bool,
    pub status: Status,
    /// Whether colour is on (NO_COLOR turns it off).
    pub color: bool,
    /// A quit was refused because a save failed; a second quit leaves anyway.
    quit_armed: bool,
    /// Clickable areas from the last frame.
    pub hits: RefCell<Vec<(Rect, Target)>>,
    /// The day dates are read against and plan steps are overdue after (tests set it).
    pub today: chrono::NaiveDate,
    /// Whether the walk is shown to the room (F5): the question large, no editing.
    pub presenting: bool,
    /// Whether the presenter view shows the guidance too (Ctrl-G there; off at first, since the
    /// room reads the question, not the notes for the one running the session).
    pub presenter_guidance: bool,
    /// The workshop's countdown, if one is out.
    pub timebox: Option<Timebox>,
    /// What is being typed on the presenter view's capture line.
    pub capture: LineInput,
    /// When the capture line last changed without its draft being kept in a recovery copy.
    capture_since: Option<Instant>,
    /// Whether a recovery copy holds the capture line's draft.
    capture_kept: bool,
    /// Whether the presenter view lists the parking lot and the session log (F3) rather than
    /// the question's cards.
    pub show_workshop_notes: bool,
    /// The time of the last update: what the timebox is drawn at.
    pub clock: Instant,
}

impl App {
    pub fn new(store: Store, guide: &'static Guide) -> App {
        let home = App::first_home(&store, guide.identity(), || guide);
        App::with_home(store, guide, home)
    }

    /// Home as the first frame shows it. The listing index's view when there is one, which
    /// needs neither a `stat` of every file nor the guide (`guide` is called only without an
    /// index); the event loop then lists for real and [`Action::Listed`] corrects it. A folder
    /// that cannot be listed must not look like an empty one (the welcome screen).
    pub fn first_home(
        store: &Store,
        guide_identity: u64,
        guide: impl FnOnce() -> &'static Guide,
    ) -> Home {
        let mut home = match store.list_from_index(guide_identity, FIRST_VIEW) {
            Some(entries) => Home {
                provisional: true,
                ..Home::new(entries)
            },
            None => match store.list_lazily(guide_identity, guide) {
                Ok(entries) => Home::new(entries),
                Err(err) => Home::unlisted(err.to_string()),
            },
        };
        home.recoveries = store.recoveries();
        home.offer_recovery();
        home
    }

    /// The app on `home` (see [`App::first_home`]).
    pub fn with_home(store: Store, guide: &'static Guide, home: Home) -> App {
        App::with_source(store, GuideSource::Ready(guide), home)
    }

    /// The app on `home`, with the built-in guide, which another thread may still be reading.
    pub fn starting(store: Store, home: Home) -> App {
        App::with_source(store, GuideSource::Builtin, home)
    }

    fn with_source(store: Store, guide: GuideSource, home: Home) -> App {
        // A recovery folder someone else owns or can write into is neither read nor written:
        // say so at once, not only when a save fails and the copy has nowhere to go.
        let status = match store.recovery().problems().first() {
            Some(problem) => Status {
                text: format!("{problem}."),
                error: true,
            },
            None => Status::default(),
        };
        App {
            store,
            guide,
            screen: Screen::Home(Box::new(home)),
            help: false,
            status,
            color: true,
            quit_armed: false,
            hits: RefCell::new(Vec::new()),
            today: crate::dates::today(),
            presenting: false,
            presenter_guidance: false,
            timebox: None,
            capture: LineInput::new(usize::MAX),
            capture_since: None,
            capture_kept: false,
            show_workshop_notes: false,
            clock: Instant::now(),
        }
    }

    /// The walk on `loaded`, reading dates against the app's day.
    pub(crate) fn walk_on(&self, loaded: crate::store::Loaded) -> Walk {
        let mut walk = Walk::new(loaded, self.guide());
        walk.today = self.today;
        walk
    }

    /// The guide the walk asks.
    pub fn guide(&self) -> &'static Guide {
        match self.guide {
            GuideSource::Ready(guide) => guide,
            GuideSource::Builtin => Guide::builtin(),
        }
    }

    /// Whether home shows the listing index's view, still to be checked with a full listing.
    pub fn needs_listing(&self) -> bool {
        matches!(&self.screen, Screen::Home(home) if home.provisional)
    }

    /// Whether home is offering to restore unsaved work from an earlier run.
    pub fn recovery_waiting(&self) -> bool {
        matches!(&self.screen, Screen::Home(home) if !home.recoveries.is_empty())
    }

    pub fn context(&self) -> Context {
        match &self.screen {
            Screen::Home(home) => match &home.prompt {
                _ if home.filtering => Context::Line,
                None => Context::Home,
                Some(Prompt::NewName(_) | Prompt::Rename(_)) => Context::Line,
                Some(Prompt::ConfirmDelete | Prompt::ConfirmSameName { .. }) => Context::Question,
                Some(Prompt::Recover) => Context::Recovery,
                Some(Prompt::OpenElsewhere(_)) => Context::Elsewhere,
            },
            Screen::Walk(_) if self.presenting => Context::Presenter,
            Screen::Walk(walk) if matches!(walk.input, crate::tui::walk::Input::Table(_)) => {
                Context::Table
            }
            Screen::Walk(_) => Context::Walk,
        }
    }

    /// When the loop must wake up without input: the next autosave, or the next second of a
    /// running timebox. `None` (sleep until a key) otherwise.
    pub fn deadline(&self) -> Option<Instant> {
        let tick = self.timebox.as_ref().and_then(|t| t.next_tick(self.clock));
        [self.autosave_at(), tick, self.capture_due()]
            .into_iter()
            .flatten()
            .min()
    }

    fn autosave_at(&self) -> Option<Instant> {
        match &self.screen {
            Screen::Walk(walk) if !walk.read_only() => walk.autosave_at(),
            _ => None,
        }
    }

    pub fn update(&mut self, action: Action, now: Instant) -> Option<Effect> {
        self.clock = now;
        match action {
            Action::Key(key) if key.kind != KeyEventKind::Release => self.key(key, now),
            Action::Key(_) => None,
            Action::Paste(text) => {
                match &mut self.screen {
                    Screen::Walk(_) if self.presenting && !self.help => {
                        self.capture_paste(&text, now)
                    }
                    Screen::Walk(walk) if !self.help => {
                        // A paste that cannot go in says why, as typing does.
                        let why = if walk.read_only() {
                            Some(walk.read_only_reason())
                        } else if walk.is_kept() {
                            Some(kept_hint())
                        } else {
                            walk.paste(&text, now).err().map(|e| e.to_string())
                        };
                        if let Some(why) = why {
                            self.set_status(&why, true);
                        }
                    }
                    Screen::Home(home) => {
                        let whole = home_actions::paste_into_prompt(home, &text);
                        if whole {
                            return None;
                        }
                        self.set_status(
                            &format!(
                                "Cut at {} characters: a name is one line",
                                crate::tui::home::MAX_LINE_CHARS
                            ),
                            true,
                        );
                    }
                    _ => {}
                }
                None
            }
            Action::Mouse(mouse) => {
                self.mouse(mouse, now);
                None
            }
            Action::Tick => {
                if self.autosave_at().is_some_and(|d| d <= now) {
                    self.save(now);
                }
                if self.capture_due().is_some_and(|d| d <= now) {
                    self.keep_capture_draft();
                }
                None
            }
            Action::Stop => {
                self.save_on_exit(now);
                Some(Effect::Quit)
            }
            Action::Listed(result) => {
                // Only over the index's view: a listing made since (after a rename, a new
                // community, a trip to the walk) is newer than this one, which started at launch.
                if let Screen::Home(home) = &mut self.screen
                    && home.provisional
                {
                    match result {
                        Ok(entries) => home.refresh(entries),
                        Err(reason) => home.error = Some(reason),
                    }
                    home.provisional = false;
                }
                None
            }
            Action::EditorDone(result) => {
                match (result, &mut self.screen) {
                    (Ok(text), Screen::Walk(walk)) => match walk.replace_text(&text, now) {
                        Ok(()) => {
                            self.save(now);
                        }
                        Err(too_large) => self.set_status(&too_large.to_string(), true),
                    },
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
                if self.presenting {
                    // Typing goes to the capture line, never into an answer off screen.
                    self.capture_key(key, now);
                    return None;
                }
                if let Screen::Walk(walk) = &mut self.screen {
                    let typed = walk.key(key, now);
                    let typing = matches!(key.code, KeyCode::Char(_) | KeyCode::Enter);
                    if typing && !walk.read_only() && walk.is_kept() {
                        self.set_status(&kept_hint(), true);
                        return None;
                    }
                    if walk.read_only() && matches!(key.code, KeyCode::Char(_) | KeyCode::Enter) {
                        let why = walk.read_only_reason();
                        self.set_status(&why, true);
                    } else if let Err(too_large) = typed {
                        self.set_status(&too_large.to_string(), true);
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
            Command::Present => {
                if self.presenting {
                    // Leaving the room's view: a line left on the capture line is kept.
                    self.keep_capture(now);
                }
                self.presenting = !self.presenting && matches!(self.screen, Screen::Walk(_));
                return None;
            }
            Command::WorkshopNotes => {
                self.show_workshop_notes = !self.show_workshop_notes;
                return None;
            }
            Command::LeavePresenter => {
                if self.capture.is_empty() {
                    self.presenting = false;
                } else {
                    self.clear_capture(now);
                }
                return None;
            }
            Command::TimerStartPause | Command::TimerLonger | Command::TimerShorter => {
                let timebox = self
                    .timebox
                    .get_or_insert_with(|| Timebox::new(timebox::DEFAULT_LENGTH));
                match command {
                    Command::TimerStartPause => timebox.toggle(now),
                    Command::TimerLonger => timebox.adjust(true),
                    _ => timebox.adjust(false),
                }
                return None;
            }
            Command::TimerClear => {
                self.timebox = None;
                return None;
            }
            Command::ToggleGuidance if self.presenting => {
                self.presenter_guidance = !self.presenter_guidance;
                return None;
            }
            _ => {}
        }
        let presenting = self.presenting;
        match &mut self.screen {
            Screen::Walk(walk) => match command {
                Command::NextField if presenting => walk.next_question(now),
                Command::PrevField if presenting => walk.prev_question(now),
                Command::Up if presenting => walk.card = walk.card.saturating_sub(1),
                Command::Down if presenting => {
                    walk.card = (walk.card + 1).min(walk.question_cards().len().saturating_sub(1));
                }
                Command::RowUp | Command::RowDown if presenting => {
                    walk.move_card(command == Command::RowDown, now)
                }
                Command::DeleteRow if presenting => walk.delete_card(now),
                Command::Promote => {
                    let result = walk.promote_card(now);
                    match result {
                        Ok(()) => self.set_status("Card taken into the answer", false),
                        Err(why) => self.set_status(&why, true),
                    }
                    return None;
                }
                Command::NextField => walk.next_field(now),
                Command::PrevField => walk.prev_field(now),
                Command::NextSection => walk.next_section(now),
                Command::PrevSection => walk.prev_section(now),
                Command::ToggleGuidance => walk.show_guidance = !walk.show_guidance,
                Command::AddRow | Command::DeleteRow | Command::RowUp | Command::RowDown => {
                    walk.table_command(command, now)
                }
                Command::ReplaceKept => {
                    if walk.replace_kept(now) {
                        self.set_status(
                            "The kept value is dropped: what you write here replaces it",
                            false,
                        );
                    } else {
                        self.set_status("Nothing here is kept as written", false);
                    }
                    return None;
                }
                Command::OpenEditor if walk.is_kept() => {
                    self.set_status(&kept_hint(), true);
                    return None;
                }
                Command::Undo => walk.undo(now),
                Command::Redo => walk.redo(now),
                Command::Export => {
                    walk.flush(now);
                    let community = walk.session.community().clone();
                    let path = walk.session.path().to_path_buf();
                    self.save(now);
                    self.export(&community, &path);
                    return None;
                }
                Command::OpenEditor if !walk.read_only() && !walk.in_text() => {
                    self.set_status(
                        "Ctrl-E opens text answers in your editor; this one is edited here",
                        false,
                    );
                    return None;
                }
                Command::OpenEditor if !walk.read_only() => {
                    let text = walk.editor_text();
                    // The edited text replaces this one, so its room is given back.
                    let room = walk.room() + text.len();
                    return Some(Effect::OpenEditor { text, room });
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
                    Command::New => {
                        home.prompt = Some(Prompt::NewName(LineInput::new(MAX_LINE_CHARS)))
                    }
                    Command::Filter => home.filtering = true,
                    Command::Back => {
                        home.filter.clear();
                        home.clamp();
                    }
                    Command::Rename => {
                        if let Some(s) = home.selected_community() {
                            home.prompt = Some(Prompt::Rename(LineInput::with_text(
                                &s.name,
                                MAX_LINE_CHARS,
                            )));
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

    /// What every way out does before leaving: keep what is still being typed (the capture
    /// line, an activity not yet added), then save. Returns false if the work is not in a
    /// community file.
    pub fn save_on_exit(&mut self, now: Instant) -> bool {
        self.keep_capture(now);
        self.save(now)
    }

    fn quit(&mut self, now: Instant) -> Option<Effect> {
        self.keep_capture(now);
        // A failed save, or one that had to go to a new file, is news the facilitator must see
        // before the window closes: the first Ctrl-Q shows it, a second one leaves.
        if self.save_now(now) != Saved::InPlace && !self.quit_armed {
            self.quit_armed = true;
            let reason = self.status.text.clone();
            self.set_status(&format!("{reason} — Ctrl-Q again quits"), true);
            return None;
        }
        Some(Effect::Quit)
    }

    fn mouse(&mut self, mouse: MouseEvent, now: Instant) {
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
            ) => walk.go_to_section(s, now),
            (
                Screen::Walk(walk),
                MouseEventKind::Down(MouseButton::Left),
                Some(Target::Field(i)),
            ) => walk.go_to(i, now),
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

/// What the status line says when typing meets a value kept as written.
fn kept_hint() -> String {
    format!(
        "This value is kept as written in the file; {} replaces it",
        keymap::key_for(Command::ReplaceKept)
    )
}
