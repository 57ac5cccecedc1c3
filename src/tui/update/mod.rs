//! The one function that changes the app: `update(model, msg, now) -> effects`.
//!
//! Every input — a key, a paste, a click, a signal, the autosave timer — and every outcome of
//! an effect becomes a [`Msg`] and goes through [`update`], in the event loop and in the tests
//! alike. It is pure: it changes the [`Model`] and returns what must be done in the world as
//! [`Effect`]s, which the runtime performs, feeding each outcome back as [`Msg::Done`]. No file
//! here names the store, the file system or a clock (see `tests/layout.rs`).

mod cards;
mod earlier;
mod home;
mod keys;
mod opening;
mod orbit;
mod presenter;
mod recovery;
mod saving;
mod settle;
mod split;
mod walk;

use crossterm::event::{KeyEvent, MouseEvent};

pub use opening::elsewhere_text;

use crate::store::Entry;
use crate::tui::effects::{Done, Effect};
use crate::tui::model::{Model, Now, Screen};

/// Something that happened.
#[derive(Debug)]
pub enum Msg {
    Key(KeyEvent),
    Paste(String),
    Mouse(MouseEvent),
    /// The terminal is this many columns and rows.
    Resize(u16, u16),
    /// A time the app asked to be woken at has come (an autosave, the timebox's next second).
    Tick,
    /// The operating system asks convene to stop (SIGTERM, SIGHUP), or the terminal went away.
    Stop,
    /// The external editor finished with this text, or failed with this message.
    EditorDone(Result<String, String>),
    /// Files the launch listing has just parsed, on a first start (home fills their rows in).
    Listing(Vec<Entry>),
    /// The listing made at launch (checked against the files), or why it failed.
    Listed(Result<Vec<Entry>, String>),
    /// The folder's constellations, grouped from the launch listing (it comes after it).
    Grouped(Vec<crate::store::Grouped>),
    /// An effect's outcome.
    Done(Box<Done>),
}

/// Changes `model` for `msg`, at `now`; returns what must be done, in order.
pub fn update(model: &mut Model, msg: Msg, now: Now) -> Vec<Effect> {
    let mut fx = Vec::new();
    model.clock = now.at;
    match msg {
        Msg::Resize(width, height) => {
            model.size = Some((width, height));
            if !model.too_small() {
                model.not_taken = 0;
            }
        }
        Msg::Key(key) => keys::key(model, key, now, &mut fx),
        // Nothing typed or clicked on the "terminal too small" screen goes anywhere: no screen
        // is shown for it to go into.
        Msg::Paste(_) if model.too_small() => model.not_taken += 1,
        Msg::Mouse(_) if model.too_small() => {}
        Msg::Paste(text) => keys::paste(model, &text, now, &mut fx),
        Msg::Mouse(mouse) => keys::mouse(model, mouse, now),
        Msg::Tick => {
            // The timebox's end is rung once, on the tick that reaches it.
            if let Some(timebox) = &mut model.timebox
                && timebox.ring_due(now.at)
            {
                fx.push(crate::tui::effects::Effect::Bell);
            }
            if model.autosave_at().is_some_and(|due| due <= now.at) {
                saving::save(model, now, crate::tui::effects::Then::Stay, &mut fx);
            }
            let delay = model.prefs.autosave;
            if let Screen::Presenter(presenter) = &mut model.screen
                && presenter.draft_due(delay).is_some_and(|due| due <= now.at)
            {
                presenter::keep_draft(presenter, now, &mut fx);
            }
        }
        Msg::Stop => {
            // Whatever the save's outcome, convene leaves: the OS or the terminal asked.
            presenter::keep_capture(model, now, &mut fx);
            saving::save(model, now, crate::tui::effects::Then::Stay, &mut fx);
            home::remember_place(model, &mut fx);
            fx.push(Effect::Quit);
        }
        Msg::Listing(read) => {
            if let Some(home) = model.home_mut()
                && home.provisional
            {
                home.fill(read);
            }
        }
        Msg::Listed(result) => {
            // Only over the index's view: a listing made since (after a rename, a new
            // community, a trip to the walk) is newer than this one, which started at launch.
            if let Some(home) = model.home_mut()
                && home.provisional
            {
                match result {
                    Ok(entries) => home.refresh(entries),
                    Err(reason) => home.error = Some(reason),
                }
                home.provisional = false;
            }
        }
        Msg::Grouped(groups) => {
            if let Some(home) = model.home_mut() {
                home.regroup(groups);
            }
        }
        Msg::EditorDone(result) => match (result, model.walk_mut()) {
            (Ok(text), Some(walk)) => match walk.replace_text(&text, now) {
                Ok(()) => saving::save(model, now, crate::tui::effects::Then::Stay, &mut fx),
                Err(too_large) => model.set_status(&too_large.to_string(), true),
            },
            (Err(message), _) => model.set_status(&format!("Editor: {message}"), true),
            _ => {}
        },
        Msg::Done(done) => done_(model, *done, now, &mut fx),
    }
    fx
}

/// An effect's outcome, to whichever part of the update asked for it.
fn done_(model: &mut Model, done: Done, now: Now, fx: &mut Vec<Effect>) {
    match done {
        Done::Saved { .. }
        | Done::MergedIn { .. }
        | Done::SavedCopy { .. }
        | Done::KeptRecovery { .. } => saving::done(model, done, now, fx),
        Done::KeptDraft(result) => presenter::draft_kept(model, result),
        Done::Earlier { place, result } => earlier::done(model, place, result),
        Done::Opened {
            path,
            how,
            result,
            place,
        } => opening::opened(model, path, how, result, place, fx),
        Done::Created(result) => opening::created(model, result),
        Done::Restored(_) | Done::Discarded(_) => recovery::done(model, done, fx),
        Done::ConstellationOpened { .. } | Done::SiblingAdded { .. } | Done::Shared { .. } => {
            orbit::done(model, done, fx)
        }
        Done::SplitPlanned(_) | Done::SplitDone(_) => home::split_done(model, done, fx),
        Done::Listed { .. }
        | Done::Renamed(_)
        | Done::Duplicated(_)
        | Done::Trashed(_)
        | Done::ExamplesAdded(_)
        | Done::Exported(_) => home::done(model, done, fx),
    }
}
