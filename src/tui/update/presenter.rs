//! The presenter view: moving between questions and cards, and the capture line.
//!
//! What the room says is typed on the capture line while people talk, and every way out —
//! Ctrl-Q, a signal, leaving the presenter view, convene's own failure — sends the line before
//! saving, rather than dropping it. While it is being typed, a draft of it is kept in a recovery
//! copy (see [`crate::tui::model::presenter`]). On a read-only community nothing typed here could
//! be kept, so the line says so instead of taking the typing.

use crossterm::event::KeyEvent;
use tui_input::InputRequest;

use super::{cards, saving, walk};
use crate::tui::effects::Effect;
use crate::tui::keymap::{self, Command, Context};
use crate::tui::model::capture;
use crate::tui::model::line::LineInput;
use crate::tui::model::presenter::Presenter;
use crate::tui::model::{Model, Now, Screen};

pub(super) fn key(
    model: &mut Model,
    command: Option<Command>,
    key: &KeyEvent,
    now: Now,
    fx: &mut Vec<Effect>,
) {
    let Screen::Presenter(presenter) = &mut model.screen else {
        return;
    };
    if presenter.editing.is_some()
        && command.is_some_and(cards::ends_an_edit)
        && !cards::finish(model, now, fx)
    {
        return;
    }
    let keys = model.prefs.keys.clone();
    let Screen::Presenter(presenter) = &mut model.screen else {
        return;
    };
    let read_only = presenter.walk.read_only();
    let walk = &mut presenter.walk;
    match command {
        Some(Command::EditCard) => cards::start(model),
        Some(Command::KeepEdit) => cards::keep(model, now, fx),
        Some(Command::CancelEdit) => cards::cancel(model, now, fx),
        Some(Command::Present) => {
            // Leaving the room's view: a line left on the capture line is kept.
            keep_capture(model, now, fx);
            leave(model);
        }
        Some(Command::LeavePresenter) => {
            if presenter.capture.is_empty() {
                leave(model);
            } else {
                presenter.capture.clear();
                changed(presenter, now, fx);
            }
        }
        Some(Command::WorkshopNotes) => presenter.view.notes = !presenter.view.notes,
        Some(Command::BigTimebox) => {
            presenter.view.big_timebox = !presenter.view.big_timebox;
            if presenter.view.big_timebox && model.timebox.is_none() {
                let start = keys.key_for(Command::TimerStartPause);
                model.set_status(&format!("No timebox yet: {start} starts one"), true);
            }
        }
        Some(Command::ToggleGuidance) => presenter.view.guidance = !presenter.view.guidance,
        Some(Command::NextField) => {
            walk.next_question(now);
            saving::save_if_dirty(model, now, fx);
        }
        Some(Command::PrevField) => {
            walk.prev_question(now);
            saving::save_if_dirty(model, now, fx);
        }
        Some(Command::Up) => walk.card = walk.card.saturating_sub(1),
        Some(Command::Down) => {
            walk.card = (walk.card + 1).min(walk.question_cards().len().saturating_sub(1));
        }
        Some(Command::RowUp | Command::RowDown) => {
            walk.move_card(command == Some(Command::RowDown), now)
        }
        Some(Command::DeleteRow) => walk.delete_card(now),
        // Undo here undoes what the room's view changed: the cards, a promote with them.
        Some(command @ (Command::Undo | Command::Redo)) => {
            if !walk.step_cards(command == Command::Undo, now) {
                let what = if command == Command::Undo {
                    "undo"
                } else {
                    "redo"
                };
                model.set_status(&format!("No change to the cards to {what}"), false);
            }
        }
        Some(Command::DotMore | Command::DotLess) if !read_only => {
            walk.dot(command == Some(Command::DotMore), now)
        }
        Some(Command::Promote) => match walk.promote_card(now, &keys) {
            Ok(()) => model.set_status("Card taken into the answer", false),
            Err(why) => model.set_status(&why, true),
        },
        Some(Command::Confirm) => {
            if let Some(why) = refused(presenter) {
                model.set_status(&why, true);
                return;
            }
            let line = presenter.capture.take();
            send(model, &line, now);
            if let Screen::Presenter(presenter) = &mut model.screen {
                changed(presenter, now, fx);
            }
        }
        // The walk's own commands (a section on, undo, the charter) work here too.
        Some(command) => walk::command(model, command, now, fx),
        None => typed(model, key, now, fx),
    }
}

/// A key that is no command: it edits the capture line.
fn typed(model: &mut Model, key: &KeyEvent, now: Now, fx: &mut Vec<Effect>) {
    let Screen::Presenter(presenter) = &mut model.screen else {
        return;
    };
    let Some(edit) = keymap::line_edit(key) else {
        return;
    };
    if let Some(why) = refused(presenter) {
        if matches!(edit, InputRequest::InsertChar(_)) {
            model.set_status(&why, true);
        }
        return;
    }
    if let InputRequest::InsertChar(c) = edit
        && let Err(why) = fits(presenter, c.encode_utf8(&mut [0; 4]))
    {
        model.set_status(&why, true);
        return;
    }
    if presenter.capture.edit(edit) {
        changed(presenter, now, fx);
    }
}

/// A paste on the presenter view: one line joins the capture line, several are sent one by one
/// (a list of contributions pasted from a chat).
pub(super) fn paste(model: &mut Model, text: &str, now: Now, fx: &mut Vec<Effect>) {
    let Screen::Presenter(presenter) = &mut model.screen else {
        return;
    };
    if let Some(why) = refused(presenter) {
        model.set_status(&why, true);
        return;
    }
    if let Err(why) = fits(presenter, text) {
        model.set_status(&why, true);
        return;
    }
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    if presenter.editing.is_some() {
        // A card is one line: lines pasted into one being edited join it, never become cards.
        presenter.capture.insert(&lines.join(" "));
        changed(presenter, now, fx);
        return;
    }
    match lines.as_slice() {
        [one] => {
            presenter.capture.insert(one);
        }
        many => return paste_lines(model, many, now, fx),
    }
    if let Screen::Presenter(presenter) = &mut model.screen {
        changed(presenter, now, fx);
    }
}

/// Several lines pasted (contributions copied from a chat): each is filed as if typed and sent,
/// its own ` @who` and slash word read on its own. A line that cannot be filed is never dropped:
/// the first goes back on the capture line to be fixed, any others into the session log as
/// notes, and the status line says what was wrong.
fn paste_lines(model: &mut Model, lines: &[&str], now: Now, fx: &mut Vec<Effect>) {
    let keys = model.prefs.keys.clone();
    let mut filed = 0;
    let mut unfiled: Vec<(String, String)> = Vec::new();
    for line in lines {
        let clean: String = line.chars().filter(|c| !c.is_control()).collect();
        let Some(captured) = capture::read(&clean) else {
            continue;
        };
        let Screen::Presenter(presenter) = &mut model.screen else {
            return;
        };
        match presenter.walk.capture(captured, now.wall, now, &keys) {
            Ok(_) => filed += 1,
            Err(why) => unfiled.push((clean, why)),
        }
    }
    let Screen::Presenter(presenter) = &mut model.screen else {
        return;
    };
    let mut unfiled = unfiled.into_iter();
    let Some((first, why)) = unfiled.next() else {
        changed(presenter, now, fx);
        model.set_status(&format!("{filed} lines filed"), false);
        return;
    };
    // Back on the line to be fixed, unless words are being typed there: those stay, and this
    // line goes into the session log with the others.
    let on_line = presenter.capture.is_empty();
    let rest: Vec<String> = if on_line {
        presenter.capture = LineInput::with_text(&first, usize::MAX);
        unfiled.map(|(line, _)| line).collect()
    } else {
        std::iter::once(first)
            .chain(unfiled.map(|(line, _)| line))
            .collect()
    };
    let mut noted = 0;
    for line in rest {
        let note = capture::Captured::Log {
            kind: capture::LogWord::Note,
            text: format!("Not filed from a paste: {line}"),
        };
        if presenter.walk.capture(note, now.wall, now, &keys).is_ok() {
            noted += 1;
        }
    }
    let notes = model
        .prefs
        .keys
        .key_in(Context::Presenter, Command::WorkshopNotes);
    let whereabouts = match (on_line, noted) {
        (true, 0) => "that line is on the capture line to fix".to_string(),
        (true, 1) => format!(
            "that line is on the capture line to fix; one more line is in the session log ({notes})"
        ),
        (true, n) => format!(
            "that line is on the capture line to fix; {n} more lines are in the session log ({notes})"
        ),
        (false, n) => format!("kept in the session log ({notes}): {n} line(s)"),
    };
    model.set_status(
        &format!(
            "{filed} of {} lines filed. Not filed: {why} ({whereabouts})",
            lines.len()
        ),
        true,
    );
    if let Screen::Presenter(presenter) = &mut model.screen {
        changed(presenter, now, fx);
    }
}

/// Back to answering: the walk, as the room's view left it.
fn leave(model: &mut Model) {
    let screen = std::mem::replace(&mut model.screen, Screen::Home(Box::default()));
    model.screen = match screen {
        Screen::Presenter(presenter) => {
            model.room_view = presenter.view;
            Screen::Walk(Box::new(presenter.walk))
        }
        other => other,
    };
}

/// On the way out, a line still on the capture line is kept as a card (or filed as its slash
/// word says), and an activity typed but not added is added, rather than lost with the window.
pub(super) fn keep_capture(model: &mut Model, now: Now, fx: &mut Vec<Effect>) {
    if let Some(walk) = model.walk_mut() {
        walk.keep_pending(now);
    }
    let keys = model.prefs.keys.clone();
    let Screen::Presenter(presenter) = &mut model.screen else {
        return;
    };
    if presenter.finish_edit(now, &keys).is_err() {
        // The change could not be made: its words are filed as a card of their own instead.
        presenter.editing = None;
    }
    let line = presenter.capture.take();
    if !line.trim().is_empty() {
        send(model, &line, now);
    }
    if let Screen::Presenter(presenter) = &mut model.screen {
        changed(presenter, now, fx);
    }
}

/// Files `line` as the capture line reads it; what was typed stays on the line to be fixed if
/// it cannot be filed.
fn send(model: &mut Model, line: &str, now: Now) {
    let keys = model.prefs.keys.clone();
    let Some(captured) = capture::read(line) else {
        return;
    };
    let Screen::Presenter(presenter) = &mut model.screen else {
        return;
    };
    match presenter.walk.capture(captured, now.wall, now, &keys) {
        Ok(said) => model.set_status(&said, false),
        Err(why) => {
            presenter.capture = LineInput::with_text(line, usize::MAX);
            model.set_status(&why, true);
        }
    }
}

/// Why the capture line takes no typing now, if it does not: the community is read-only.
fn refused(presenter: &Presenter) -> Option<String> {
    presenter.walk.read_only().then(|| {
        format!(
            "{} Nothing typed on the capture line could be kept.",
            presenter.walk.read_only_reason()
        )
    })
}

/// Whether `more` fits on the capture line without taking the file past the size convene can
/// open; why not if it does not.
fn fits(presenter: &Presenter, more: &str) -> Result<(), String> {
    let line = format!("{}{more}", presenter.capture.text());
    crate::tui::model::room::fits(&line, presenter.walk.room()).map_err(|e| e.to_string())
}

/// The line changed: a draft on it is due for a recovery copy after the autosave delay; an empty
/// line needs no copy (the one kept for it goes, unless the community itself has unsaved work a
/// copy stands for).
pub(super) fn changed(presenter: &mut Presenter, now: Now, fx: &mut Vec<Effect>) {
    if presenter.has_draft() {
        presenter.draft_since.get_or_insert(now.at);
        return;
    }
    let had_draft = presenter.draft_since.take().is_some() || presenter.draft_kept;
    let walk = &mut presenter.walk;
    if had_draft && !walk.is_dirty() && walk.session.take_recovery() {
        fx.push(Effect::ForgetRecovery(walk.session.path().to_path_buf()));
    }
    presenter.draft_kept = false;
}

/// Puts the community, with the line's draft filed in it, in a recovery copy.
pub(super) fn keep_draft(presenter: &mut Presenter, now: Now, fx: &mut Vec<Effect>) {
    presenter.draft_since = None;
    if let Some(draft) = presenter.with_draft(now.wall) {
        fx.push(Effect::KeepDraft(Box::new(draft)));
    }
}

/// After a save: a draft still on the line needs its copy renewed (a save removes the copy it
/// no longer needs).
pub(super) fn keep_draft_if_any(model: &mut Model, now: Now, fx: &mut Vec<Effect>) {
    if let Screen::Presenter(presenter) = &mut model.screen
        && presenter.has_draft()
    {
        keep_draft(presenter, now, fx);
    }
}

pub(super) fn draft_kept(model: &mut Model, result: Result<std::path::PathBuf, String>) {
    let Screen::Presenter(presenter) = &mut model.screen else {
        return;
    };
    match result {
        Ok(path) => {
            presenter.walk.session.set_recovery(path);
            presenter.draft_kept = true;
        }
        Err(why) => model.set_status(
            &format!(
                "The card being typed could not be kept in a recovery copy ({why}); press Enter \
                 to add it"
            ),
            true,
        ),
    }
}
