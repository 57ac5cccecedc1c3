//! Home's commands: create, open, rename, duplicate, trash, add the examples, export a charter,
//! filter, and the one-line prompts that ask for a name or a confirmation.
//!
//! Each command that touches the data folder asks for an effect; its outcome comes back here,
//! lists the folder again and says on the status line what happened.

use std::path::PathBuf;

use crossterm::event::KeyEvent;

use crate::store::{Entry, names, shown};
use crate::text::sanitize_line;
use crate::tui::effects::{Done, Effect, ExportFailed, How};
use crate::tui::keymap::{self, Command};
use crate::tui::model::home::{Home, MAX_LINE_CHARS, Prompt, Row};
use crate::tui::model::line::LineInput;
use crate::tui::model::{ExportRequest, Model, Screen};

pub(super) fn key(
    model: &mut Model,
    command: Option<Command>,
    key: &KeyEvent,
    fx: &mut Vec<Effect>,
) {
    let Some(home) = model.home_mut() else {
        return;
    };
    match home.prompt.take() {
        Some(prompt) => self::prompt(model, prompt, command, key, fx),
        None => list_command(model, command, fx),
    }
}

/// A command on the list itself.
fn list_command(model: &mut Model, command: Option<Command>, fx: &mut Vec<Effect>) {
    let Some(home) = model.home_mut() else {
        return;
    };
    match command {
        Some(Command::Up) => home.up(),
        Some(Command::Down) => home.down(),
        Some(Command::New) => home.prompt = Some(Prompt::NewName(LineInput::new(MAX_LINE_CHARS))),
        Some(Command::Filter) => home.prompt = Some(Prompt::Filter),
        Some(Command::Back) => home.clear_filter(),
        Some(Command::Rename) => {
            if let Some(s) = home.selected_community() {
                let line = LineInput::with_text(&s.name, MAX_LINE_CHARS);
                home.prompt = Some(Prompt::Rename(line));
            }
        }
        Some(Command::Delete) if home.selected_entry().is_some() => {
            home.prompt = Some(Prompt::ConfirmDelete);
        }
        Some(Command::Duplicate) => {
            if let Some(s) = home.selected_community() {
                fx.push(Effect::Duplicate(s.path.clone()));
            }
        }
        Some(Command::Examples) => fx.push(Effect::AddExamples),
        Some(Command::Split) if home.selected_community().is_some() => {
            home.prompt = Some(Prompt::SplitNames(LineInput::new(SPLIT_CHARS)));
        }
        Some(Command::Export) if home.selected_group().is_some() => {
            if let Some(g) = home.selected_group().filter(|g| g.unreadable.is_none()) {
                model.export_for = Some(ExportRequest::Constellation(g.path.clone()));
            }
        }
        Some(Command::Open) if home.selected_group().is_some() => {
            if let Some(group) = home.selected_group() {
                match &group.unreadable {
                    Some(reason) => {
                        let reason = format!("Cannot open: {reason}");
                        model.set_status(&reason, true);
                    }
                    None => fx.push(Effect::OpenConstellation {
                        path: group.path.clone(),
                        select: None,
                        learning: false,
                    }),
                }
            }
        }
        Some(Command::Export) => {
            if let Some(s) = home.selected_community() {
                model.export_for = Some(ExportRequest::File(s.path.clone()));
            }
        }
        Some(Command::Open) => match home.selected_entry() {
            Some(Entry::Community(s)) => fx.push(Effect::Open {
                path: s.path.clone(),
                how: How::Ask,
            }),
            Some(Entry::Unreadable { reason, .. }) => {
                let reason = format!("Cannot open: {reason}");
                model.set_status(&reason, true);
            }
            // A file not read yet (a first start): opened as shown, read now.
            None => {
                if let Some(Row::Unread(unread)) = home.selected_row() {
                    fx.push(Effect::Open {
                        path: unread.path.clone(),
                        how: How::Ask,
                    });
                }
            }
        },
        _ => {}
    }
}

/// A key while a prompt is open (taken off home while it is handled; put back if it stays).
fn prompt(
    model: &mut Model,
    prompt: Prompt,
    command: Option<Command>,
    key: &KeyEvent,
    fx: &mut Vec<Effect>,
) {
    let Some(home) = model.home_mut() else {
        return;
    };
    match (prompt, command) {
        (Prompt::Recover, command) => {
            home.prompt = Some(Prompt::Recover);
            if let Some(command) = command {
                super::recovery::key(model, command, fx);
            }
        }
        (Prompt::OpenElsewhere(asked), command) => {
            super::opening::elsewhere_key(model, *asked, command, fx)
        }
        (Prompt::Filter, Some(Command::Back)) => home.clear_filter(),
        (Prompt::Filter, Some(Command::Confirm)) => {}
        (Prompt::Filter, command) => {
            match command {
                Some(Command::Up) => home.up(),
                Some(Command::Down) => home.down(),
                _ => {
                    if let Some(edit) = keymap::line_edit(key) {
                        home.filter.edit(edit);
                    }
                }
            }
            home.prompt = Some(Prompt::Filter);
            home.clamp();
        }
        (_, Some(Command::Back)) => {}
        (Prompt::SplitNames(names), Some(Command::Confirm)) => {
            if let Some(s) = home.selected_community() {
                fx.push(Effect::PlanSplit {
                    path: s.path.clone(),
                    typed: names.text().to_string(),
                });
            }
        }
        (Prompt::SplitNames(mut names), _) => {
            if let Some(edit) = keymap::line_edit(key) {
                names.edit(edit);
            }
            home.prompt = Some(Prompt::SplitNames(names));
        }
        (Prompt::SplitChoose { plan, selected }, command) => {
            super::split::choose(model, *plan, selected, command, fx)
        }
        (Prompt::ConfirmDelete, Some(Command::Yes)) => {
            if let Some(entry) = home.selected_entry() {
                fx.push(Effect::Trash(entry.path().to_path_buf()));
            }
        }
        (Prompt::ConfirmDelete, _) => {}
        (Prompt::NewName(name), Some(Command::Confirm)) => named(model, name.text(), false, fx),
        (Prompt::Rename(name), Some(Command::Confirm)) => named(model, name.text(), true, fx),
        (Prompt::ConfirmSameName { name, renaming, .. }, Some(Command::Yes)) => {
            chosen(model, name, renaming, fx)
        }
        (Prompt::ConfirmSameName { renaming, .. }, _) => {
            let message = if renaming {
                "Not renamed"
            } else {
                "Not created"
            };
            model.set_status(message, false);
        }
        (Prompt::NewName(mut name), _) => {
            if let Some(edit) = keymap::line_edit(key) {
                name.edit(edit);
            }
            home.prompt = Some(Prompt::NewName(name));
        }
        (Prompt::Rename(mut name), _) => {
            if let Some(edit) = keymap::line_edit(key) {
                name.edit(edit);
            }
            home.prompt = Some(Prompt::Rename(name));
        }
    }
}

/// A name typed for a new community, or for the selected one: one that other communities
/// already have is asked about first (`store::names` says why); a community renamed to its own
/// name in another case is not.
fn named(model: &mut Model, name: &str, renaming: bool, fx: &mut Vec<Effect>) {
    let name = name.trim().to_string();
    if name.is_empty() {
        model.set_status("A community needs a name.", true);
        return;
    }
    let Some(home) = model.home_mut() else {
        return;
    };
    let this = renaming
        .then(|| home.selected_community().map(|s| s.path.clone()))
        .flatten();
    let existing: Vec<(String, PathBuf)> = names::similar(&home.entries, &name)
        .into_iter()
        .filter(|s| Some(&s.path) != this.as_ref())
        .map(|s| (s.name.clone(), s.path.clone()))
        .collect();
    if existing.is_empty() {
        chosen(model, name, renaming, fx);
    } else {
        home.prompt = Some(Prompt::ConfirmSameName {
            name,
            renaming,
            existing,
        });
    }
}

/// Creates a community called `name` (and opens it), or renames the selected one.
fn chosen(model: &mut Model, name: String, renaming: bool, fx: &mut Vec<Effect>) {
    if !renaming {
        fx.push(Effect::Create(name));
        return;
    }
    if let Some(s) = model.home().and_then(Home::selected_community) {
        fx.push(Effect::Rename {
            path: s.path.clone(),
            name,
        });
    }
}

/// The longest list of names a split takes, in characters.
const SPLIT_CHARS: usize = 4 * MAX_LINE_CHARS;

pub(super) use super::split::done as split_done;

/// A paste into home's prompt or filter, on one line.
pub(super) fn paste(model: &mut Model, text: &str) {
    let Some(home) = model.home_mut() else {
        return;
    };
    let line = match &mut home.prompt {
        Some(Prompt::NewName(name) | Prompt::Rename(name) | Prompt::SplitNames(name)) => name,
        Some(Prompt::Filter) => &mut home.filter,
        _ => return,
    };
    if !line.insert(text) {
        model.set_status(
            &format!("Cut at {MAX_LINE_CHARS} characters: a name is one line"),
            true,
        );
    }
}

/// Back to the list of communities, the one just left selected. The walk, and with it this
/// convene's mark, goes before the listing: the listing tells who else has a community open,
/// and this convene is not someone else.
pub(super) fn go_home(model: &mut Model, fx: &mut Vec<Effect>) {
    remember_place(model, fx);
    let select = model.walk().map(|walk| walk.session.path().to_path_buf());
    if let Some(held) = model.walk_mut().and_then(|walk| walk.session.release()) {
        fx.push(Effect::Release(held));
    }
    model.screen = Screen::Home(Box::new(Home::new(Vec::new())));
    fx.push(Effect::List { select });
}

/// Where the walk was left, for the next time the community opens.
pub(super) fn remember_place(model: &Model, fx: &mut Vec<Effect>) {
    if let Some(walk) = model.walk() {
        fx.push(Effect::RememberPlace {
            path: walk.session.path().to_path_buf(),
            place: walk.place(),
        });
    }
}

/// The outcome of a listing, or of a command that changed the data folder.
pub(super) fn done(model: &mut Model, done: Done, fx: &mut Vec<Effect>) {
    let list = Effect::List { select: None };
    match done {
        Done::Listed {
            result,
            select,
            groups,
        } => {
            let Some(home) = model.home_mut() else {
                return;
            };
            match result {
                Ok(entries) => {
                    home.groups = groups;
                    home.refresh(entries);
                    home.provisional = false;
                    if let Some(path) = select {
                        home.select_path(&path);
                    }
                }
                Err(reason) => {
                    home.error = Some(reason.clone());
                    model.set_status(&reason, true);
                }
            }
        }
        Done::Renamed(Ok(path)) => {
            let file = names::file_name(&path);
            fx.push(Effect::List { select: Some(path) });
            model.set_status(&format!("Renamed (the file is {file})"), false);
        }
        Done::Duplicated(Ok((path, name))) => {
            fx.push(Effect::List { select: Some(path) });
            model.set_status(&format!("Duplicated as {}", sanitize_line(&name)), false);
        }
        Done::Trashed(Ok(())) => {
            fx.push(list);
            model.set_status("Moved to the trash folder in the data folder", false);
        }
        Done::ExamplesAdded(added) => {
            fx.push(list);
            model.set_status(&format!("Added the examples ({added} files)"), false);
        }
        Done::Exported(Ok(files)) => {
            model.set_status(&format!("Charter written to {}", shown(&files)), false)
        }
        Done::Exported(Err(ExportFailed::Write(message))) => {
            model.set_status(&format!("Charter not written: {message}"), true)
        }
        Done::Renamed(Err(message))
        | Done::Duplicated(Err(message))
        | Done::Trashed(Err(message))
        | Done::Exported(Err(ExportFailed::Load(message))) => model.set_status(&message, true),
        _ => {}
    }
}
