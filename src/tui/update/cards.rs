//! The presenter view's card edits: a card's words changed on the capture line (F2, Enter keeps
//! the change, Esc leaves the card as it was).
//!
//! An edit is finished before any other command reaches the cards or the selection — moving
//! to another card or question, deleting, promoting, undoing — so a change is never left
//! hanging over a card that is no longer on screen: words on the line are kept as Enter would
//! keep them, and an empty line leaves the card as it was (it has no words to lose). Only Enter
//! itself refuses an empty line, and says what to do instead.

use super::presenter::changed;
use crate::tui::effects::Effect;
use crate::tui::keymap::Command;
use crate::tui::model::{Model, Now, Screen};

/// Whether `command`, given while a card is being edited, first finishes the edit.
pub(super) fn ends_an_edit(command: Command) -> bool {
    !matches!(
        command,
        Command::EditCard
            | Command::KeepEdit
            | Command::CancelEdit
            | Command::ToggleGuidance
            | Command::WorkshopNotes
            | Command::BigTimebox
    )
}

/// F2: the selected card's words onto the line.
pub(super) fn start(model: &mut Model) {
    let keys = model.prefs.keys.clone();
    let Screen::Presenter(presenter) = &mut model.screen else {
        return;
    };
    match presenter.start_edit(&keys) {
        Ok(said) => model.set_status(&said, false),
        Err(why) => model.set_status(&why, true),
    }
}

/// Enter (or F2 again): the change kept.
pub(super) fn keep(model: &mut Model, now: Now, fx: &mut Vec<Effect>) {
    let keys = model.prefs.keys.clone();
    let Screen::Presenter(presenter) = &mut model.screen else {
        return;
    };
    let result = presenter.keep_edit(now, &keys);
    changed(presenter, now, fx);
    match result {
        Ok(said) => model.set_status(&said, false),
        Err(why) => model.set_status(&why, true),
    }
}

/// Esc: the card as it was.
pub(super) fn cancel(model: &mut Model, now: Now, fx: &mut Vec<Effect>) {
    let Screen::Presenter(presenter) = &mut model.screen else {
        return;
    };
    let said = presenter.cancel_edit();
    changed(presenter, now, fx);
    if let Some(said) = said {
        model.set_status(&said, false);
    }
}

/// Finishes an edit in progress before another command; whether that command may go ahead
/// (not when the change could not be made: the edit stays open and the view says why).
pub(super) fn finish(model: &mut Model, now: Now, fx: &mut Vec<Effect>) -> bool {
    let keys = model.prefs.keys.clone();
    let Screen::Presenter(presenter) = &mut model.screen else {
        return true;
    };
    let result = presenter.finish_edit(now, &keys);
    changed(presenter, now, fx);
    match result {
        Ok(Some(said)) => {
            model.set_status(&said, false);
            true
        }
        Ok(None) => true,
        Err(why) => {
            model.set_status(&why, true);
            false
        }
    }
}
