//! The constellation overview's keys and outcomes: move over its communities, open one, add a
//! sibling, turn to the learning across them and mark an entry as shared, export the
//! constellation charter, go back home.
//!
//! The overview is never changed here: what changes a file is an effect, and its outcome opens
//! the overview again from the files, on the same page and row.

use std::path::PathBuf;

use crossterm::event::KeyEvent;

use crate::text::sanitize_line;
use crate::tui::effects::{Done, Effect, How};
use crate::tui::keymap::{self, Command};
use crate::tui::model::home::Home;
use crate::tui::model::line::LineInput;
use crate::tui::model::orbit::{Ask, Orbit, Page};
use crate::tui::model::{ExportRequest, Model, Screen};

/// The longest name a new community takes, as on home.
const MAX_NAME: usize = crate::tui::model::home::MAX_LINE_CHARS;

fn orbit_mut(model: &mut Model) -> Option<&mut Orbit> {
    match &mut model.screen {
        Screen::Constellation(orbit) => Some(orbit),
        _ => None,
    }
}

pub(super) fn key(
    model: &mut Model,
    command: Option<Command>,
    key: &KeyEvent,
    fx: &mut Vec<Effect>,
) {
    let Some(orbit) = orbit_mut(model) else {
        return;
    };
    match orbit.ask.take() {
        Some(Ask::Sibling(mut name)) => match command {
            Some(Command::Confirm) => {
                let name = name.text().trim().to_string();
                if name.is_empty() {
                    orbit.ask = Some(Ask::Sibling(LineInput::new(MAX_NAME)));
                    model.set_status("A community needs a name.", true);
                } else {
                    fx.push(Effect::AddSibling {
                        constellation: orbit.path.clone(),
                        name,
                    });
                }
            }
            Some(Command::Back) => {}
            _ => {
                if let Some(edit) = keymap::line_edit(key) {
                    name.edit(edit);
                }
                orbit.ask = Some(Ask::Sibling(name));
            }
        },
        Some(Ask::ShareWith {
            entry,
            choices,
            mut selected,
        }) => match command {
            Some(Command::Confirm) => share(model, entry, &choices, selected, fx),
            Some(Command::Back) => {}
            other => {
                match other {
                    Some(Command::Up) => selected = selected.saturating_sub(1),
                    Some(Command::Down) if selected + 1 < choices.len() => selected += 1,
                    _ => {}
                }
                orbit.ask = Some(Ask::ShareWith {
                    entry,
                    choices,
                    selected,
                });
            }
        },
        None => page_command(model, command, fx),
    }
}

fn page_command(model: &mut Model, command: Option<Command>, fx: &mut Vec<Effect>) {
    let Some(orbit) = orbit_mut(model) else {
        return;
    };
    match (orbit.page, command) {
        (_, Some(Command::Up)) => orbit.up(),
        (_, Some(Command::Down)) => orbit.down(),
        (Page::Grid, Some(Command::Open)) => match orbit.selected_path() {
            Some(path) => fx.push(Effect::Open {
                path: path.clone(),
                how: How::Ask,
            }),
            None => {
                let file = orbit
                    .overview
                    .rows
                    .get(orbit.selected)
                    .map(|r| sanitize_line(&r.member.file).into_owned())
                    .unwrap_or_default();
                model.set_status(&format!("Cannot open: {file} is not in the folder"), true);
            }
        },
        (Page::Grid, Some(Command::AddSibling)) => {
            orbit.ask = Some(Ask::Sibling(LineInput::new(MAX_NAME)));
        }
        (Page::Grid, Some(Command::Learning)) => orbit.page = Page::Learning,
        (Page::Grid, Some(Command::Export)) => {
            model.export_for = Some(ExportRequest::Constellation(orbit.path.clone()));
        }
        (Page::Grid, Some(Command::Back)) => {
            let select = Some(orbit.path.clone());
            model.screen = Screen::Home(Box::new(Home::new(Vec::new())));
            fx.push(Effect::List { select });
        }
        (Page::Learning, Some(Command::Learning | Command::Back)) => orbit.page = Page::Grid,
        (Page::Learning, Some(Command::Share)) => {
            let choices = orbit.share_choices();
            if orbit.learning.get(orbit.entry).is_none() {
                model.set_status("No learning entry to share yet", true);
            } else if choices.is_empty() {
                model.set_status(
                    "No other community of the constellation to share it with",
                    true,
                );
            } else {
                orbit.ask = Some(Ask::ShareWith {
                    entry: orbit.entry,
                    choices,
                    selected: 0,
                });
            }
        }
        _ => {}
    }
}

/// Asks for the entry at `entry` to be marked as shared with the community chosen.
fn share(
    model: &mut Model,
    entry: usize,
    choices: &[usize],
    selected: usize,
    fx: &mut Vec<Effect>,
) {
    let Some(orbit) = orbit_mut(model) else {
        return;
    };
    let (Some(chosen), Some(found)) = (
        choices
            .get(selected)
            .and_then(|&i| orbit.overview.rows.get(i)),
        orbit.learning.get(entry),
    ) else {
        return;
    };
    let Some(path) = orbit
        .overview
        .rows
        .get(found.community)
        .and_then(|r| r.path.clone())
    else {
        return;
    };
    fx.push(Effect::Share {
        constellation: orbit.path.clone(),
        path,
        entry: Box::new(found.clone()),
        with: chosen.name.clone(),
    });
}

/// A paste into the name of a new community.
pub(super) fn paste(model: &mut Model, text: &str) {
    let cut = match orbit_mut(model) {
        Some(Orbit {
            ask: Some(Ask::Sibling(name)),
            ..
        }) => !name.insert(text),
        _ => false,
    };
    if cut {
        model.set_status(
            &format!("Cut at {MAX_NAME} characters: a name is one line"),
            true,
        );
    }
}

/// The overview of the constellation in `path`, on this page and row.
pub(super) fn reopen(path: PathBuf, select: Option<PathBuf>, learning: bool) -> Effect {
    Effect::OpenConstellation {
        path,
        select,
        learning,
    }
}

pub(super) fn done(model: &mut Model, done: Done, fx: &mut Vec<Effect>) {
    let learning = orbit_mut(model).is_some_and(|o| o.page == Page::Learning);
    match done {
        Done::ConstellationOpened {
            path,
            result: Ok((overview, repaired)),
            select,
            learning,
        } => {
            // The same constellation read again (after a change, or whole after its first frame
            // from the index): the same row and page.
            let before = orbit_mut(model)
                .filter(|o| o.path == path)
                .map(|o| (o.entry, o.selected, o.page));
            let entry = before.map(|(entry, ..)| entry);
            let mut orbit = Orbit::new(path, *overview, model.today);
            if let Some((_, selected, page)) = before {
                orbit.selected = selected.min(orbit.overview.rows.len().saturating_sub(1));
                orbit.page = page;
                if page == Page::Learning {
                    orbit.entry = entry
                        .unwrap_or(0)
                        .min(orbit.learning.len().saturating_sub(1));
                }
            }
            if let Some(select) = select {
                orbit.select_path(&select);
            }
            if learning {
                orbit.page = Page::Learning;
                orbit.entry = entry
                    .unwrap_or(0)
                    .min(orbit.learning.len().saturating_sub(1));
            }
            model.screen = Screen::Constellation(Box::new(orbit));
            if !repaired.is_empty() {
                model.set_status(
                    &sanitize_line(&format!("Links updated: {}", repaired.join("; "))),
                    false,
                );
            }
        }
        Done::ConstellationOpened {
            result: Err(reason),
            ..
        } => model.set_status(&format!("Cannot open the constellation: {reason}"), true),
        Done::SiblingAdded {
            constellation,
            result: Ok(path),
        } => {
            model.set_status(
                &format!(
                    "Added to the constellation ({})",
                    crate::store::names::file_name(&path)
                ),
                false,
            );
            fx.push(reopen(constellation, Some(path), false));
        }
        Done::SiblingAdded {
            result: Err(reason),
            ..
        } => model.set_status(&format!("Not added: {reason}"), true),
        Done::Shared {
            constellation,
            result,
        } => {
            match result {
                Ok(said) => model.set_status(&said, false),
                Err(said) => model.set_status(&said, true),
            }
            fx.push(reopen(constellation, None, learning));
        }
        _ => {}
    }
}
