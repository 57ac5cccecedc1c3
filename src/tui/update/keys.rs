//! Input to commands: a key, a paste or a click, routed to the screen it is for.
//!
//! The keymap says what a key means in the current context ([`Model::context`]); the commands
//! every screen shares (quit, help, save, the timebox) are done here, the rest by the screen's
//! own part of the update. Help lies over every screen: any key closes it, and Ctrl-Q still
//! quits.

use crossterm::event::{KeyEvent, KeyEventKind, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::Position;

use super::{home, orbit, presenter, saving, walk};
use crate::export::Audience;
use crate::tui::effects::{Effect, Then};
use crate::tui::keymap::{Command, Context};
use crate::tui::model::timebox::{self, Timebox};
use crate::tui::model::{ExportRequest, Help, Model, Now, Screen, Target};

pub(super) fn key(model: &mut Model, key: KeyEvent, now: Now, fx: &mut Vec<Effect>) {
    if key.kind == KeyEventKind::Release {
        return;
    }
    let command = model.prefs.keys.lookup(model.context(), &key);
    if model.too_small() && command != Some(Command::Quit) {
        // The screen only says the terminal is too small (and that Ctrl-Q quits), and counts
        // what it did not take.
        model.not_taken += 1;
        return;
    }
    if let Some(page) = model.help {
        // Help longer than the terminal scrolls with the arrows and the page keys.
        let overflow = model.help_overflow.get();
        if overflow > 0 {
            let scroll = model.help_scroll.get();
            let to = match model.prefs.keys.lookup(Context::Help, &key) {
                Some(Command::Up) => Some(scroll.saturating_sub(1)),
                Some(Command::Down) => Some(scroll + 1),
                Some(Command::PageUp) => Some(scroll.saturating_sub(HELP_PAGE)),
                Some(Command::PageDown) => Some(scroll + HELP_PAGE),
                _ => None,
            };
            if let Some(to) = to {
                model.help_scroll.set(to.min(overflow));
                return;
            }
        }
        model.help_scroll.set(0);
        // F1 turns the page where text is typed (the editing keys); any other key closes help,
        // and Ctrl-Q still quits.
        model.help = (command == Some(Command::Help)
            && page == Help::Commands
            && model.context().takes_typing())
        .then_some(Help::Editing);
        // Until it is drawn again, the help shown (if any) has not been measured.
        model.help_overflow.set(0);
        if command != Some(Command::Quit) {
            return;
        }
    }
    if command.is_some() && command != Some(Command::Quit) {
        model.quit_armed = false;
    }
    if model.export_for.is_some() && !matches!(command, Some(Command::Quit | Command::Help)) {
        choose_audience(model, command, fx);
        return;
    }
    match command {
        Some(Command::Quit) => quit(model, now, fx),
        Some(Command::Help) => model.help = Some(Help::Commands),
        Some(Command::Save) => saving::save(model, now, Then::Stay, fx),
        Some(
            command @ (Command::TimerStartPause | Command::TimerLonger | Command::TimerShorter),
        ) => {
            let timebox = model
                .timebox
                .get_or_insert_with(|| Timebox::new(timebox::DEFAULT_LENGTH));
            match command {
                Command::TimerStartPause => timebox.toggle(now.at),
                Command::TimerLonger => timebox.adjust(true),
                _ => timebox.adjust(false),
            }
        }
        Some(Command::TimerClear) => model.timebox = None,
        _ => match &model.screen {
            Screen::Home(_) => home::key(model, command, &key, fx),
            Screen::Walk(_) => walk::key(model, command, key, now, fx),
            Screen::Presenter(_) => presenter::key(model, command, &key, now, fx),
            Screen::Constellation(_) => orbit::key(model, command, &key, fx),
        },
    }
}

/// Every way of quitting keeps what is still being typed, then saves. A failed save, or one
/// that had to go to a new file, is news the facilitator must see before the window closes: the
/// first Ctrl-Q shows it, a second one leaves (see [`saving`]).
pub(super) fn quit(model: &mut Model, now: Now, fx: &mut Vec<Effect>) {
    presenter::keep_capture(model, now, fx);
    saving::save(model, now, Then::Quit, fx);
}

pub(super) fn paste(model: &mut Model, text: &str, now: Now, fx: &mut Vec<Effect>) {
    // Nothing lies under help or the question of whom a charter is for, as far as typing goes.
    if model.help.is_some() {
        return;
    }
    if model.export_for.is_some() {
        // Said, so the facilitator knows to paste again once the question is answered.
        let keys = &model.prefs.keys;
        let key = |a| keys.key_in(Context::Audience, Command::ExportFor(a));
        let said = format!(
            "Not pasted: first say whom the charter is for ({}, {}, {}), or {}",
            key(Audience::Members),
            key(Audience::Sponsor),
            key(Audience::Facilitator),
            keys.key_in(Context::Audience, Command::Back)
        );
        model.set_status(&said, true);
        return;
    }
    // Terminals send a pasted line break as CR (tmux, many others) or CR LF: one line break
    // for every field, so that pasted lines stay lines and never run together.
    let text = &text.replace("\r\n", "\n").replace('\r', "\n");
    match &model.screen {
        Screen::Home(_) => home::paste(model, text),
        Screen::Walk(_) => walk::paste(model, text, now),
        Screen::Presenter(_) => presenter::paste(model, text, now, fx),
        Screen::Constellation(_) => orbit::paste(model, text),
    }
}

/// Asked whom a charter is for: the answer writes it; Esc writes nothing; any other key is
/// not taken (the question stays until it is answered).
fn choose_audience(model: &mut Model, command: Option<Command>, fx: &mut Vec<Effect>) {
    let command = match command {
        Some(Command::ExportDefault) => Some(Command::ExportFor(model.prefs.audience)),
        other => other,
    };
    match command {
        Some(Command::ExportFor(audience)) => {
            if let Some(request) = model.export_for.take() {
                fx.push(match request {
                    ExportRequest::Open(community, path) => {
                        Effect::Export(community, path, audience)
                    }
                    ExportRequest::File(path) => Effect::ExportFile(path, audience),
                    ExportRequest::Constellation(path) => {
                        Effect::ExportConstellation(path, audience)
                    }
                });
            }
        }
        Some(Command::Back) => {
            model.export_for = None;
            model.set_status("No charter written", false);
        }
        _ => {}
    }
}

/// The rows a page key scrolls help by.
const HELP_PAGE: usize = 10;

pub(super) fn mouse(model: &mut Model, mouse: MouseEvent, now: Now) {
    if model.export_for.is_some() {
        return;
    }
    let at = Position::new(mouse.column, mouse.row);
    let target = model
        .hits
        .borrow()
        .iter()
        .rev()
        .find(|(r, _)| r.contains(at))
        .map(|(_, t)| *t);
    let click = matches!(mouse.kind, MouseEventKind::Down(MouseButton::Left));
    match &mut model.screen {
        Screen::Walk(walk) => match (mouse.kind, target) {
            (_, Some(Target::Section(s))) if click => walk.go_to_section(s, now),
            (_, Some(Target::Field(i))) if click => walk.go_to(i, now),
            (_, Some(Target::Editor)) if click => {
                let area = walk.drawn.area.get();
                if area.contains(at) {
                    walk.click(at.x - area.x, at.y - area.y);
                }
            }
            (MouseEventKind::ScrollDown, _) => walk.wheel(1),
            (MouseEventKind::ScrollUp, _) => walk.wheel(-1),
            _ => {}
        },
        Screen::Home(home) => match (mouse.kind, target) {
            (_, Some(Target::HomeRow(i))) if click => {
                home.selected = i;
                home.clamp();
            }
            (MouseEventKind::ScrollDown, _) => home.down(),
            (MouseEventKind::ScrollUp, _) => home.up(),
            _ => {}
        },
        Screen::Constellation(orbit) => match (mouse.kind, target) {
            (_, Some(Target::OrbitRow(i))) if click && i < orbit.overview.rows.len() => {
                orbit.selected = i;
            }
            (MouseEventKind::ScrollDown, _) => orbit.down(),
            (MouseEventKind::ScrollUp, _) => orbit.up(),
            _ => {}
        },
        Screen::Presenter(_) => {}
    }
}
