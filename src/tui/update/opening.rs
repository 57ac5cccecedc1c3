//! Opening a community into the walk, and what to do when another convene has it open.
//!
//! Opening for writing takes the community's lock mark (see [`crate::store::lock`]). When
//! another convene has it open — on this machine or another one sharing the folder — home asks,
//! as vim does with a swap file, naming who, where, since when and whether it still runs: `r`
//! opens it read-only (nothing saved, typing refused with that reason), `o` opens it anyway
//! (both then write; the save compares and swaps under the lock, so the later of two saves
//! goes to "your copy" and nothing is lost), Esc goes back. A mark left by a convene that is
//! gone has already been cleared by then, so it never asks about one.

use std::path::PathBuf;

use crate::store::Loaded;
use crate::store::lock::{Held, Holder};
use crate::text::sanitize_line;
use crate::tui::effects::{Claimed, Effect, How};
use crate::tui::keymap::{Command, Context, Keymap};
use crate::tui::model::home::{Elsewhere, Prompt};
use crate::tui::model::walk::Walk;
use crate::tui::model::{Model, Screen, Status};

/// A community was read (or could not be).
pub(super) fn opened(
    model: &mut Model,
    path: PathBuf,
    how: How,
    result: Result<(Loaded, Claimed), String>,
    place: Option<String>,
    fx: &mut Vec<Effect>,
) {
    let (loaded, claimed) = match result {
        Ok(opened) => opened,
        Err(message) => return model.set_status(&message, true),
    };
    let place = place.as_deref();
    match (how, claimed) {
        (How::Ask, Claimed::Held(held)) => enter(model, loaded, Ok(held), place),
        (How::ReadOnly(why), _) => enter(model, loaded, Err(why), place),
        (How::Anyway(who), Claimed::Held(held)) => {
            enter(model, loaded, Ok(held), place);
            model.set_status(
                &format!(
                    "Opened anyway: {who} too. If you both save, the later save goes to a copy \
                     beside it."
                ),
                false,
            );
        }
        (_, Claimed::Busy(holders)) => {
            if model.home().is_none() {
                super::home::go_home(model, fx);
            }
            if let Some(home) = model.home_mut() {
                home.select_path(&path);
                home.prompt = Some(Prompt::OpenElsewhere(Box::new(Elsewhere {
                    path,
                    name: loaded.community().name.clone(),
                    holders,
                })));
            }
            model.status = Status::default();
        }
    }
}

/// A community this convene just created.
pub(super) fn created(model: &mut Model, result: Result<(Loaded, Option<Held>), String>) {
    match result {
        Ok((loaded, held)) => enter(model, loaded, Ok(held), None),
        Err(message) => model.set_status(&message, true),
    }
}

/// Starts the walk on `loaded`: written by this convene holding this mark, or read-only for
/// this reason; at `place` if it was left there.
fn enter(
    model: &mut Model,
    loaded: Loaded,
    access: Result<Option<Held>, String>,
    place: Option<&str>,
) {
    let mut walk = Walk::new(loaded, model.guide());
    walk.today = model.today;
    if let Some(place) = place {
        walk.start_at(place);
    }
    match access {
        Ok(held) => walk.session.hold(held),
        Err(why) => walk.session.choose_read_only(why),
    }
    model.status = if walk.session.file().is_read_only() {
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
    model.screen = Screen::Walk(Box::new(walk));
}

/// A key while home asks what to do with a community open elsewhere.
pub(super) fn elsewhere_key(
    model: &mut Model,
    asked: Elsewhere,
    command: Option<Command>,
    fx: &mut Vec<Effect>,
) {
    let who = asked.holders[0].has_it_open();
    let how = match command {
        Some(Command::ReadOnly) => How::ReadOnly(format!("Read-only: {who}.")),
        Some(Command::OpenAnyway) => How::Anyway(who),
        Some(Command::Back) => {
            model.status = Status::default();
            return;
        }
        _ => {
            if let Some(home) = model.home_mut() {
                home.prompt = Some(Prompt::OpenElsewhere(Box::new(asked)));
            }
            return;
        }
    };
    // Read again: it may have been saved by the other convene while the question was up.
    fx.push(Effect::Open {
        path: asked.path,
        how,
    });
}

/// What home's prompt says about a community open elsewhere.
pub fn elsewhere_text(asked: &Elsewhere, keys: &Keymap) -> String {
    let first: &Holder = &asked.holders[0];
    let more = match asked.holders.len() - 1 {
        0 => String::new(),
        1 => " One more convene has it open too.".to_string(),
        n => format!(" {n} more convenes have it open too."),
    };
    let key = |command| keys.key_in(Context::Elsewhere, command);
    format!(
        "\"{}\" is open in another convene: {} ({}).{more}\n\
         {} open read-only · {} open anyway (if both save, the later save goes to a copy) · {} back",
        sanitize_line(&asked.name),
        first.who(),
        first.state(),
        key(Command::ReadOnly),
        key(Command::OpenAnyway),
        key(Command::Back),
    )
}
