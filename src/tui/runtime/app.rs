//! The app as the event loop and the tests drive it: the model, the store its effects go to,
//! and the loop that performs them.
//!
//! [`App::update`] hands a message to the pure [`update`], performs every store effect it
//! returns — depth first, so an effect's outcome and what that outcome asks for happen before
//! the next effect, as a synchronous call would — and returns the one effect only the terminal
//! can do (the external editor, leaving). An `App` reads as its [`Model`] (`app.screen`,
//! `app.status`), since the store is all it adds.

use std::collections::VecDeque;
use std::ops::{Deref, DerefMut};
use std::path::Path;
use std::time::Instant;

use crate::guide::Guide;
use crate::store::{Store, StoreError};
use crate::tui::effects::{self, Done, Effect, How};
use crate::tui::model::home::Home;
use crate::tui::model::{GuideSource, Model, Now, Status};
use crate::tui::update::{Msg, update};

/// How many entries of the listing index home's first frame reads: more rows than a terminal
/// shows; the full listing that follows brings the rest.
const FIRST_VIEW: usize = 256;

/// The time at `at`, as a message carries it: with the wall clock read now.
pub fn now(at: Instant) -> Now {
    Now {
        at,
        wall: crate::community::now(),
    }
}

pub struct App {
    pub model: Model,
    pub store: Store,
}

impl Deref for App {
    type Target = Model;

    fn deref(&self) -> &Model {
        &self.model
    }
}

impl DerefMut for App {
    fn deref_mut(&mut self) -> &mut Model {
        &mut self.model
    }
}

impl App {
    pub fn new(store: Store, guide: &'static Guide) -> App {
        let home = App::first_home(&store, guide.identity(), || guide);
        App::with_home(store, guide, home)
    }

    /// Home as the first frame shows it. The listing index's view when there is one, which
    /// needs neither a `stat` of every file nor the guide (`guide` is called only without an
    /// index); the event loop then lists for real and [`Msg::Listed`] corrects it. A folder
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
                Ok(entries) => Home {
                    groups: store.grouped(&entries),
                    ..Home::new(entries)
                },
                Err(err) => Home::unlisted(err.to_string()),
            },
        };
        home.recoveries = store.recoveries();
        home.offer_recovery();
        home
    }

    /// Home as the terminal's first frame shows it, which waits for no parsing: the listing
    /// index's view when there is one, as [`App::first_home`]; without one, the folder's files
    /// by name alone ([`Home::first_start`]), filled in by the listing the event loop then
    /// makes on another thread. An empty folder is listed at once (there is nothing to parse).
    pub fn first_frame_home(store: &Store, guide_identity: u64) -> Home {
        if let Some(entries) = store.list_from_index(guide_identity, FIRST_VIEW) {
            let mut home = Home {
                provisional: true,
                ..Home::new(entries)
            };
            home.recoveries = store.recoveries();
            home.offer_recovery();
            return home;
        }
        let mut home = match store.community_files() {
            Ok(files) if !files.is_empty() => Home::first_start(files),
            _ => {
                return App::first_home(store, guide_identity, Guide::builtin);
            }
        };
        home.recoveries = store.recoveries();
        home.offer_recovery();
        home
    }

    /// Home not yet listed, with the unsaved work waiting in recovery copies: for a start that
    /// shows another screen first.
    pub fn unlisted_home(store: &Store) -> Home {
        let mut home = Home::new(Vec::new());
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
        let mut model = Model::new(
            home,
            guide,
            store.dir().to_path_buf(),
            crate::dates::today(),
            Instant::now(),
        );
        // A recovery folder someone else owns or can write into is neither read nor written:
        // say so at once, not only when a save fails and the copy has nowhere to go.
        if let Some(problem) = store.recovery().problems().first() {
            model.status = Status {
                text: format!("{problem}."),
                error: true,
            };
        }
        App { model, store }
    }

    /// Updates for `msg` at `at`, performs the store's effects, and returns the effect the
    /// terminal must do, if any.
    pub fn update(&mut self, msg: Msg, at: Instant) -> Option<Effect> {
        let now = now(at);
        let mut queue: VecDeque<Effect> = update(&mut self.model, msg, now).into();
        let mut terminal = None;
        while let Some(effect) = queue.pop_front() {
            if effect.is_terminal() {
                terminal.get_or_insert(effect);
                continue;
            }
            if let Some(done) = effects::perform(effect, &mut self.model, &self.store) {
                let more = update(&mut self.model, Msg::Done(Box::new(done)), now);
                for effect in more.into_iter().rev() {
                    queue.push_front(effect);
                }
            }
        }
        terminal
    }

    /// Opens the community at `path` in the walk; asks first (on home) when another convene
    /// has it open. A file that cannot be read is an error here (the command line's `open`).
    pub fn open(&mut self, path: &Path) -> Result<(), StoreError> {
        let how = How::Ask;
        let result = effects::open(&self.store, path, &how)?;
        let done = Done::Opened {
            path: path.to_path_buf(),
            how,
            result: Ok(result),
            place: self.store.place(path),
        };
        self.update(Msg::Done(Box::new(done)), Instant::now());
        Ok(())
    }

    /// Opens the overview of the constellation in `path` straight away (`convene open` of a
    /// constellation): its first frame waits for the overview alone.
    pub fn open_constellation(&mut self, path: &Path) -> Result<(), String> {
        // From the listing index when there is one: the rest is read on another thread
        // (see `runtime::run`), and the overview filled in when it comes.
        let result = match effects::provisional_constellation(&self.store, path) {
            Some(overview) => (overview, Vec::new()),
            None => effects::open_constellation(
                &self.store,
                self.model.guide(),
                path,
                self.model.today,
            )?,
        };
        let done = Done::ConstellationOpened {
            path: path.to_path_buf(),
            result: Ok(result),
            select: None,
            learning: false,
        };
        self.update(Msg::Done(Box::new(done)), Instant::now());
        Ok(())
    }

    /// The constellation whose overview is shown from the index alone, still to be read.
    pub fn provisional_constellation(&self) -> Option<std::path::PathBuf> {
        match &self.model.screen {
            crate::tui::Screen::Constellation(orbit) if orbit.overview.provisional => {
                Some(orbit.path.clone())
            }
            _ => None,
        }
    }

    /// What every way out does before leaving: keep what is still being typed (the capture
    /// line, an activity not yet added), then save. Returns false if the work is not in a
    /// community file.
    pub fn save_on_exit(&mut self, at: Instant) -> bool {
        self.update(Msg::Stop, at);
        self.model.walk().is_none_or(|walk| !walk.is_dirty())
    }
}
