//! The walk's commands and typing: moving between questions, tables, undo, kept values, the
//! external editor and the charter.
//!
//! Typing that cannot go in says why on the status line — a read-only community, a value kept
//! as written, a file that would grow past what convene can open — rather than vanishing.

use crossterm::event::KeyEvent;

use crate::tui::model::ExportRequest;

use super::saving;
use crate::tui::effects::{Effect, Then};
use crate::tui::keymap::{self, Command, Context, Keymap, Typing};
use crate::tui::model::presenter::Presenter;
use crate::tui::model::{Model, Now, Screen};

pub(super) fn key(
    model: &mut Model,
    command: Option<Command>,
    key: KeyEvent,
    now: Now,
    fx: &mut Vec<Effect>,
) {
    match model.context() {
        Context::Settle => return super::settle::key(model, command, now),
        Context::Earlier => return super::earlier::key(model, command, now),
        _ => {}
    }
    match command {
        Some(Command::Present) => present(model),
        Some(command) => self::command(model, command, now, fx),
        None => typed(model, key, now),
    }
}

/// Shows the walk to the room.
fn present(model: &mut Model) {
    let screen = std::mem::replace(&mut model.screen, Screen::Home(Box::default()));
    model.screen = match screen {
        Screen::Walk(walk) => Screen::Presenter(Box::new(Presenter::new(*walk, model.room_view))),
        other => other,
    };
}

/// A command for the walk, from the walk or the presenter view.
pub(super) fn command(model: &mut Model, command: Command, now: Now, fx: &mut Vec<Effect>) {
    let keys = model.prefs.keys.clone();
    let Some(walk) = model.walk_mut() else {
        return;
    };
    match command {
        Command::NextField => walk.next_field(now),
        Command::PrevField => walk.prev_field(now),
        Command::NextSection => walk.next_section(now),
        Command::PrevSection => walk.prev_section(now),
        Command::NextUnanswered if !walk.next_unanswered(now) => {
            model.set_status("Every question is answered", false)
        }
        Command::ToggleGuidance => walk.cycle_guidance(),
        Command::SeeAlso => {
            match walk.see_also(now, keys.key_in(Context::Walk, Command::SeeAlso)) {
                Some(went) => model.set_status(&went, false),
                None => model.set_status("This question names no other section to see", false),
            }
        }
        Command::AddRow | Command::DeleteRow | Command::RowUp | Command::RowDown => {
            walk.table_command(command, now)
        }
        Command::Rate(n) => walk.rate(n, now),
        Command::RateNext => walk.rate_step(true, now),
        Command::RatePrev => walk.rate_step(false, now),
        Command::Comment => walk.to_comment(),
        Command::ReplaceKept => {
            if walk.replace_kept(now) {
                model.set_status(
                    "The kept value is dropped: what you write here replaces it",
                    false,
                );
            } else {
                model.set_status("Nothing here is kept as written", false);
            }
        }
        Command::OpenEditor if walk.is_kept() => model.set_status(&kept_hint(&keys), true),
        Command::Undo => walk.undo(now),
        Command::Redo => walk.redo(now),
        Command::Export => {
            walk.flush(now);
            let community = Box::new(walk.session.loaded().file.clone());
            let path = walk.session.path().to_path_buf();
            saving::save(model, now, Then::Stay, fx);
            model.export_for = Some(ExportRequest::Open(community, path));
        }
        Command::OpenEditor if walk.read_only() => {}
        Command::OpenEditor if !walk.in_text() => model.set_status(
            &format!(
                "{} opens text answers in your editor; this one is edited here",
                keys.key_for(Command::OpenEditor)
            ),
            false,
        ),
        Command::OpenEditor => {
            let text = walk.editor_text();
            // The edited text replaces this one, so its room is given back.
            let room = walk.room() + text.len();
            fx.push(Effect::OpenEditor { text, room });
        }
        Command::Back => saving::save(model, now, Then::GoHome, fx),
        Command::Earlier => super::earlier::ask(model, fx),
        Command::Settle if !walk.open_settling() => model.set_status(
            "Nothing was changed on both sides: nothing to settle",
            false,
        ),
        _ => {}
    }
    // Moving between questions is a natural moment to save.
    if matches!(
        command,
        Command::NextField
            | Command::PrevField
            | Command::NextSection
            | Command::PrevSection
            | Command::NextUnanswered
            | Command::SeeAlso
    ) {
        saving::save_if_dirty(model, now, fx);
    }
}

/// A key that is no command: typing, into the answer on screen.
fn typed(model: &mut Model, key: KeyEvent, now: Now) {
    let keys = model.prefs.keys.clone();
    let Some(walk) = model.walk_mut() else {
        return;
    };
    let Some(typed) = keymap::typing(&key) else {
        return;
    };
    // Rating a group with a digit and Tab, one Tab too many lands here: the digit meant for a
    // statement must not become the group's notes. Once said, the next digit goes in.
    if let Typing::Char('1'..='4') = typed
        && walk.on_rating_notes()
        && walk.editor_text().is_empty()
        && !walk.notes_digit_refused
    {
        walk.notes_digit_refused = true;
        let next = keys.key_for(Command::NextField);
        model.set_status(
            &format!(
                "These are the group's notes: a rating goes on a statement ({next} goes on to \
                 the next one); type the digit again to start the notes with it"
            ),
            true,
        );
        return;
    }
    let result = walk.key(typed, now);
    let typing = typed.typed().is_some();
    if typing && walk.read_only() {
        let why = walk.read_only_reason();
        model.set_status(&why, true);
    } else if typing && walk.is_kept() {
        model.set_status(&kept_hint(&keys), true);
    } else if let Err(too_large) = result {
        model.set_status(&too_large.to_string(), true);
    }
}

/// A paste into the answer on screen; one that cannot go in says why, as typing does.
pub(super) fn paste(model: &mut Model, text: &str, now: Now) {
    if model.context() == Context::Settle {
        return super::settle::paste(model);
    }
    if model.context() == Context::Earlier {
        let close = model.prefs.keys.key_in(Context::Earlier, Command::Back);
        let said = format!("Not pasted: the earlier versions are shown ({close} closes them)");
        return model.set_status(&said, true);
    }
    let keys = model.prefs.keys.clone();
    let Some(walk) = model.walk_mut() else {
        return;
    };
    let why = if walk.read_only() {
        Some(walk.read_only_reason())
    } else if walk.is_kept() {
        Some(kept_hint(&keys))
    } else {
        walk.paste(text, now).err().map(|e| e.to_string())
    };
    if let Some(why) = why {
        model.set_status(&why, true);
    }
}

/// What the status line says when typing meets a value kept as written.
fn kept_hint(keys: &Keymap) -> String {
    format!(
        "This value is kept as written in the file; {} replaces it",
        keys.key_for(Command::ReplaceKept)
    )
}
