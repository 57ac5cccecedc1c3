//! `convene config`: where the settings file is, a commented default to start one from, the
//! contexts and commands a key override can name, and what is wrong with the file there.

use std::process::ExitCode;

use anyhow::Result;
use convene::config::{DEFAULT, Settings};
use convene::store::shown;
use convene::tui::keymap::{Context, Keymap};
use convene::tui::prefs::Prefs;

use crate::commands::out::{all, say};

pub fn run(settings: &Settings, path_only: bool) -> Result<ExitCode> {
    let (prefs, problems) = Prefs::from_settings(settings);
    let Some(path) = settings.path.as_deref() else {
        anyhow::bail!("there is no home folder to keep settings in; name a file with --config");
    };
    if path_only {
        say!("{}", shown(path));
        return Ok(exit(&problems));
    }
    let state = if settings.found {
        "it is there; what follows is the default, not your file"
    } else {
        "not there yet: save what follows there to start one"
    };
    say!("# Settings file: {} ({state})", shown(path));
    all(DEFAULT);
    all(&commands(&prefs.keys));
    Ok(exit(&problems))
}

/// Every problem to standard error; exit 1 if there were any.
fn exit(problems: &[String]) -> ExitCode {
    for problem in problems {
        eprintln!("{problem}");
    }
    if problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// The contexts and the commands in each, with their keys, as comments.
fn commands(keymap: &Keymap) -> String {
    let mut text = String::from("#\n# The contexts and their commands (with their keys now):\n");
    for context in Context::ALL {
        let mut names: Vec<String> = Vec::new();
        for binding in keymap.bindings().iter().filter(|b| b.context == context) {
            let name = binding.command.name();
            match names
                .iter_mut()
                .find(|n| n.starts_with(&format!("{name} (")))
            {
                Some(listed) => {
                    listed.pop();
                    listed.push_str(&format!(", {})", binding.key));
                }
                None => names.push(format!("{name} ({})", binding.key)),
            }
        }
        if names.is_empty() {
            continue;
        }
        let mut line = format!("#   [keys.{}]", context.name());
        for name in names {
            if line.len() + name.len() > 96 {
                text.push_str(&line);
                text.push('\n');
                line = "#      ".to_string();
            }
            line.push(' ');
            line.push_str(&name);
        }
        text.push_str(&line);
        text.push('\n');
    }
    text
}
