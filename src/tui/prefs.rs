//! The settings as the app uses them: the keymap with the facilitator's keys, the theme, the
//! autosave delay, the charter's defaults and the editor.
//!
//! The settings file is read by the library ([`crate::config`]), which knows nothing of keys or
//! colours; here the text it kept for those becomes a [`Keymap`] and a [`Theme`], and every
//! problem with either joins the file's own, as `FILE:LINE:COLUMN: message` lines the status
//! line and `convene config` show.

use std::sync::Arc;
use std::time::Duration;

use crate::config::{self, Settings};
use crate::export::Audience;
use crate::tui::keymap::Keymap;
use crate::tui::theme::{self, Theme};

/// What the app takes from the settings.
#[derive(Debug, Clone)]
pub struct Prefs {
    pub keys: Arc<Keymap>,
    pub theme: Theme,
    /// How long after typing stops the open community is saved.
    pub autosave: Duration,
    /// Whom a charter is for unless the facilitator says.
    pub audience: Audience,
    /// The language of a charter whose community names none.
    pub language: Option<String>,
    /// The editor Ctrl-E runs, over `$VISUAL` and `$EDITOR`.
    pub editor: Option<String>,
}

impl Default for Prefs {
    fn default() -> Prefs {
        Prefs {
            keys: Arc::new(Keymap::default()),
            theme: Theme::default(),
            autosave: config::AUTOSAVE_DEFAULT,
            audience: Audience::default(),
            language: None,
            editor: None,
        }
    }
}

impl Prefs {
    /// The app's settings from `settings`, and every problem found in them (the file's own,
    /// then the keys', then the theme file's).
    pub fn from_settings(settings: &Settings) -> (Prefs, Vec<String>) {
        let config = &settings.config;
        let mut messages = settings.messages();
        let file = settings
            .path
            .as_deref()
            .map_or_else(|| config::FILE_NAME.to_string(), crate::store::shown);
        let at = |line: usize, column: usize, message: &str| {
            crate::text::sanitize_line(&format!("{file}:{line}:{column}: {message}")).into_owned()
        };
        let (keys, refused) = Keymap::with_overrides(&config.keys);
        messages.extend(refused.iter().map(|p| at(p.line, p.column, &p.message)));
        let theme = match &config.theme {
            None => Theme::default(),
            Some(written) => {
                let name = written.text.trim();
                match Theme::builtin(name) {
                    Some(theme) => theme,
                    None => match theme_file(settings, name) {
                        Some(path) => {
                            let (theme, problems) = theme::file::load(&path);
                            messages.extend(problems);
                            theme
                        }
                        None => {
                            messages.push(at(
                                written.line,
                                written.column,
                                &format!(
                                    "there is no theme {:?}: the themes are {}, a theme file's \
                                     name in the themes folder, or its path; the dark theme is used",
                                    name,
                                    theme::BUILTIN.join(", ")
                                ),
                            ));
                            Theme::default()
                        }
                    },
                }
            }
        };
        let prefs = Prefs {
            keys: Arc::new(keys),
            theme,
            autosave: config.autosave,
            audience: config.audience,
            language: config.language.clone(),
            editor: config.editor.clone(),
        };
        (prefs, messages)
    }
}

/// The theme file `name` means: a path (with a folder or `.toml` in it), or a theme's name in
/// the themes folder beside the settings file; `None` when there is no such file.
fn theme_file(settings: &Settings, name: &str) -> Option<std::path::PathBuf> {
    let is_path = name.contains('/') || name.contains('\\') || name.ends_with(".toml");
    let path = if is_path {
        settings.resolve(name)
    } else {
        settings.themes_dir()?.join(format!("{name}.toml"))
    };
    // A path that is there but is not a file is for the theme file's reader to explain.
    std::fs::symlink_metadata(&path).is_ok().then_some(path)
}
