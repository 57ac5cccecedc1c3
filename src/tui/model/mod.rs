//! What the app is, at one moment: the screen, what lies over it, the status line.
//!
//! The model is plain data. It is changed only by [`crate::tui::update`], drawn only by
//! [`crate::tui::view`], and knows no store, no file system and no clock: the time comes in
//! with every message as a [`Now`]. A state that cannot be reached is not representable — the
//! presenter view is a screen of its own that owns the walk it shows, so "presenting" can never
//! be true at home; home's prompts (a name, the filter, a question, the recovery offer) are one
//! [`home::Prompt`], so two cannot be open at once.

use std::cell::{Cell, RefCell};
use std::path::PathBuf;
use std::time::Instant;

use chrono::{DateTime, FixedOffset, NaiveDate};
use ratatui::layout::Rect;

pub mod capture;
mod cards;
pub mod editor;
pub mod history;
pub mod home;
pub mod line;
pub mod orbit;
pub mod pick;
pub mod presenter;
pub mod room;
pub mod session;
pub mod table;
mod themes;
pub mod timebox;
pub mod walk;
pub mod wrap;

use crate::guide::Guide;
use crate::tui::Prefs;
use crate::tui::keymap::Context;
use home::{Home, Prompt};
use presenter::{Presenter, RoomView};
use timebox::Timebox;
use walk::{Input, RatingFocus, Walk};

/// The smallest terminal convene draws its screens in; below it, it says so and takes no typing.
pub const MIN_WIDTH: u16 = 50;
pub const MIN_HEIGHT: u16 = 14;

/// When a message happens: the monotonic instant (autosave and the timebox count from it) and
/// the wall-clock time (what a change is stamped with, what "Saved at" says). Read by the
/// runtime, once per message; the update only passes it on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Now {
    pub at: Instant,
    pub wall: DateTime<FixedOffset>,
}

/// What a charter is to be made of, once its audience is chosen.
#[derive(Debug, Clone)]
pub enum ExportRequest {
    /// The open community as it is now, named after its file.
    Open(Box<crate::community::CommunityFile>, PathBuf),
    /// The community in this file (home's selection).
    File(PathBuf),
    /// The constellation in this file, with its communities' own charters beside it.
    Constellation(PathBuf),
}

/// Which page of help is shown: the commands in force, or the keys that edit text (F1 again).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Help {
    Commands,
    Editing,
}

pub enum Screen {
    Home(Box<Home>),
    Walk(Box<Walk>),
    /// The walk shown to the room (F5): the question large, a capture line, no editing.
    Presenter(Box<Presenter>),
    /// A constellation's communities side by side ([`orbit`]).
    Constellation(Box<orbit::Orbit>),
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
    /// A community's row of the constellation overview.
    OrbitRow(usize),
    Editor,
}

/// Where the app's guide comes from.
#[derive(Debug, Clone, Copy)]
pub enum GuideSource {
    Ready(&'static Guide),
    /// The built-in guide, possibly still being read on another thread: home's first frame does
    /// not need it, so it need not wait for it.
    Builtin,
}

pub struct Model {
    pub screen: Screen,
    /// The help screen, when it lies over the screen (it shows the keys of the screen below).
    pub help: Option<Help>,
    /// How far the help screen is scrolled, in rows, and how far it can be (the view sets the
    /// second as it draws, and keeps the first within it): help longer than the terminal
    /// scrolls rather than cutting a key off.
    pub help_scroll: Cell<usize>,
    /// A charter asked for, waiting for the facilitator to say whom it is for (it lies over
    /// the screen, as help does).
    pub export_for: Option<ExportRequest>,
    pub help_overflow: Cell<usize>,
    pub status: Status,
    /// Whether colour is on (NO_COLOR turns it off, whatever the theme).
    pub color: bool,
    /// The keys, theme and defaults from the facilitator's settings.
    pub prefs: Prefs,
    /// A quit was refused because a save failed; a second quit leaves anyway.
    pub quit_armed: bool,
    /// Clickable areas from the last frame.
    pub hits: RefCell<Vec<(Rect, Target)>>,
    /// The day dates are read against and plan steps are overdue after (tests set it).
    pub today: NaiveDate,
    /// The workshop's countdown, if one is out (it runs on whichever screen is shown).
    pub timebox: Option<Timebox>,
    /// How the presenter view was last shown, for the next time it opens.
    pub room_view: RoomView,
    /// The time of the last message: what the timebox is drawn at.
    pub clock: Instant,
    /// The terminal's size, once the runtime has said it (tests that draw at a fixed size need
    /// not).
    pub size: Option<(u16, u16)>,
    /// Keys and pastes not taken while the terminal was too small (since it last was not).
    pub not_taken: usize,
    /// The data folder, as home names it.
    pub data_dir: PathBuf,
    pub guide: GuideSource,
}

impl Model {
    /// The app on `home`, at `clock` (the runtime's time of starting), with dates read against
    /// `today`.
    pub fn new(
        home: Home,
        guide: GuideSource,
        data_dir: PathBuf,
        today: NaiveDate,
        clock: Instant,
    ) -> Model {
        Model {
            screen: Screen::Home(Box::new(home)),
            help: None,
            help_scroll: Cell::new(0),
            export_for: None,
            help_overflow: Cell::new(0),
            status: Status::default(),
            color: true,
            prefs: Prefs::default(),
            quit_armed: false,
            hits: RefCell::new(Vec::new()),
            today,
            timebox: None,
            room_view: RoomView::default(),
            clock,
            size: None,
            not_taken: 0,
            data_dir,
            guide,
        }
    }

    /// The guide the walk asks.
    pub fn guide(&self) -> &'static Guide {
        match self.guide {
            GuideSource::Ready(guide) => guide,
            GuideSource::Builtin => Guide::builtin(),
        }
    }

    /// Whether the terminal is too small to draw the screens in: the view says so, and nothing
    /// typed then goes anywhere, since the facilitator cannot see where it would go.
    pub fn too_small(&self) -> bool {
        self.size
            .is_some_and(|(width, height)| width < MIN_WIDTH || height < MIN_HEIGHT)
    }

    /// The open walk, on either of the screens that show it.
    pub fn walk(&self) -> Option<&Walk> {
        match &self.screen {
            Screen::Walk(walk) => Some(walk),
            Screen::Presenter(presenter) => Some(&presenter.walk),
            Screen::Home(_) | Screen::Constellation(_) => None,
        }
    }

    pub fn walk_mut(&mut self) -> Option<&mut Walk> {
        match &mut self.screen {
            Screen::Walk(walk) => Some(walk),
            Screen::Presenter(presenter) => Some(&mut presenter.walk),
            Screen::Home(_) | Screen::Constellation(_) => None,
        }
    }

    pub fn home(&self) -> Option<&Home> {
        match &self.screen {
            Screen::Home(home) => Some(home),
            _ => None,
        }
    }

    pub fn home_mut(&mut self) -> Option<&mut Home> {
        match &mut self.screen {
            Screen::Home(home) => Some(home),
            _ => None,
        }
    }

    pub fn presenter(&self) -> Option<&Presenter> {
        match &self.screen {
            Screen::Presenter(presenter) => Some(presenter),
            _ => None,
        }
    }

    /// What is typed on the presenter view's capture line (nothing on other screens).
    pub fn capture(&self) -> &str {
        self.presenter().map_or("", |p| p.capture.text())
    }

    /// Whether the walk is shown to the room.
    pub fn is_presenting(&self) -> bool {
        self.presenter().is_some()
    }

    /// Whether home shows the listing index's view, still to be checked with a full listing.
    pub fn needs_listing(&self) -> bool {
        self.home().is_some_and(|home| home.provisional)
    }

    /// Whether home is offering to restore unsaved work from an earlier run.
    pub fn recovery_waiting(&self) -> bool {
        self.home().is_some_and(|home| !home.recoveries.is_empty())
    }

    /// Which keys apply now (see [`crate::tui::keymap`]).
    pub fn context(&self) -> Context {
        if self.export_for.is_some() {
            return Context::Audience;
        }
        match &self.screen {
            Screen::Home(home) => match &home.prompt {
                None => Context::Home,
                Some(
                    Prompt::NewName(_) | Prompt::Rename(_) | Prompt::Filter | Prompt::SplitNames(_),
                ) => Context::Line,
                Some(Prompt::SplitChoose { .. }) => Context::Checklist,
                Some(Prompt::ConfirmDelete | Prompt::ConfirmSameName { .. }) => Context::Question,
                Some(Prompt::Recover) => Context::Recovery,
                Some(Prompt::OpenElsewhere(_)) => Context::Elsewhere,
            },
            Screen::Constellation(orbit) => match (&orbit.ask, orbit.page) {
                (Some(orbit::Ask::Sibling(_)), _) => Context::Line,
                (Some(orbit::Ask::ShareWith { .. }), _) => Context::Pick,
                (None, orbit::Page::Grid) => Context::Constellation,
                (None, orbit::Page::Learning) => Context::Learning,
            },
            Screen::Presenter(presenter) if presenter.editing.is_some() => Context::EditCard,
            Screen::Presenter(presenter) if presenter.capture.is_empty() => Context::Presenter,
            Screen::Presenter(_) => Context::Capture,
            Screen::Walk(walk) if walk.conflicts.shown.is_some() => Context::Settle,
            Screen::Walk(walk) if walk.earlier.is_some() => Context::Earlier,
            Screen::Walk(walk) => match &walk.input {
                Input::Table(_) => Context::Table,
                _ if walk.is_rating() && walk.rating_focus == RatingFocus::Choice => {
                    Context::Rating
                }
                _ => Context::Walk,
            },
        }
    }

    /// When the loop must wake up without input: the next autosave, the next second of a
    /// running timebox, or a capture line's draft due for a recovery copy. `None` (sleep until
    /// a key) otherwise.
    pub fn deadline(&self) -> Option<Instant> {
        let tick = self.timebox.as_ref().and_then(|t| t.next_tick(self.clock));
        let draft = self
            .presenter()
            .and_then(|p| p.draft_due(self.prefs.autosave));
        [self.autosave_at(), tick, draft]
            .into_iter()
            .flatten()
            .min()
    }

    pub(crate) fn autosave_at(&self) -> Option<Instant> {
        self.walk()
            .filter(|walk| !walk.read_only())
            .and_then(|walk| walk.autosave_at(self.prefs.autosave))
    }

    pub fn set_status(&mut self, text: &str, error: bool) {
        self.status = Status {
            text: text.to_string(),
            error,
        };
    }
}
