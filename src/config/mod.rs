//! The facilitator's settings: one TOML file in the platform's config folder
//! (`$XDG_CONFIG_HOME/convene/config.toml` on Linux), or the file `--config` or
//! `CONVENE_CONFIG` names.
//!
//! Settings are a convenience, never a reason not to start: a workshop does not wait while
//! someone fixes a typo in a file they wrote months ago. So reading them never fails. A key
//! convene does not know, or a value it cannot use, is a [`Problem`] at its line and column,
//! and that one setting keeps its default; the file is only ever read, never written, so the
//! facilitator's comments and layout are theirs. `convene config` prints where the file is, a
//! commented default to start from ([`DEFAULT`]), and whatever is wrong with the file there.
//!
//! This module knows what the settings mean to the library (a folder, a charter's audience and
//! language, a delay, an editor command); what a theme or a key name means is the terminal
//! app's business, so those arrive as the text written, with its place, for the app to judge.

mod default;
mod parse;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::community::Located;
use crate::export::Audience;

pub use default::DEFAULT;

/// The environment variable that names the settings file (as `--config` does).
pub const CONFIG_ENV: &str = "CONVENE_CONFIG";

/// The settings file's name in the platform's config folder.
pub const FILE_NAME: &str = "config.toml";

/// The folder in the config folder where theme files are looked for by name.
pub const THEMES_DIR: &str = "themes";

/// A settings file larger than this is not read: settings are a few hundred bytes.
pub const MAX_BYTES: u64 = 256 * 1024;

/// How long after typing stops the open community is saved, unless the settings say.
pub const AUTOSAVE_DEFAULT: Duration = Duration::from_secs(2);

/// The longest autosave delay the settings may ask for: more would leave a page of typing
/// unsaved for longer than a facilitator would expect.
pub const AUTOSAVE_MAX: Duration = Duration::from_secs(60);

/// A text setting as written, with where it was written (for a message about it later).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    pub text: String,
    pub line: usize,
    pub column: usize,
}

/// One key override: `[keys.CONTEXT] COMMAND = "KEY"` (or a list of keys).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyOverride {
    pub context: String,
    pub command: String,
    /// The keys as written, each with its place.
    pub keys: Vec<Written>,
    /// Where the command's name is.
    pub line: usize,
    pub column: usize,
}

/// The settings, each at its default unless the file set it to something usable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// The folder of community files (`--dir` and `CONVENE_DIR` win over it).
    pub dir: Option<PathBuf>,
    /// The theme: a built-in name, a theme file's name in [`THEMES_DIR`], or a path.
    pub theme: Option<Written>,
    /// Key overrides, in the order written.
    pub keys: Vec<KeyOverride>,
    /// How long after typing stops the open community is saved.
    pub autosave: Duration,
    /// Whom a charter is for when nothing else says.
    pub audience: Audience,
    /// The language of a charter whose community names none (a BCP 47 tag).
    pub language: Option<String>,
    /// The command Ctrl-E runs (it wins over `$VISUAL` and `$EDITOR`).
    pub editor: Option<String>,
    /// Start in the accessible mode (as `--accessible` does).
    pub accessible: bool,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            dir: None,
            theme: None,
            keys: Vec::new(),
            autosave: AUTOSAVE_DEFAULT,
            audience: Audience::default(),
            language: None,
            editor: None,
            accessible: false,
        }
    }
}

/// A setting that could not be used, at its place in the file.
pub type Problem = Located;

/// The settings as read from a file, with what was wrong in it.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The file they were read from (or would have been: it need not exist).
    pub path: Option<PathBuf>,
    /// Whether the file was there and read.
    pub found: bool,
    pub config: Config,
    pub problems: Vec<Problem>,
}

impl Settings {
    /// The defaults, as if there were no file.
    pub fn defaults() -> Settings {
        Settings {
            path: None,
            found: false,
            config: Config::default(),
            problems: Vec::new(),
        }
    }

    /// The problems as `FILE:LINE:COLUMN: message` lines, sanitised for a terminal.
    pub fn messages(&self) -> Vec<String> {
        let file = self
            .path
            .as_deref()
            .map_or_else(|| FILE_NAME.to_string(), crate::store::shown);
        self.problems
            .iter()
            .map(|p| {
                crate::text::sanitize_line(&format!(
                    "{file}:{}:{}: {}",
                    p.line, p.column, p.message
                ))
                .into_owned()
            })
            .collect()
    }

    /// The folder theme files are found in by name, beside the settings file.
    pub fn themes_dir(&self) -> Option<PathBuf> {
        Some(self.path.as_deref()?.parent()?.join(THEMES_DIR))
    }

    /// `written` as a path: relative paths are relative to the settings file's folder.
    pub fn resolve(&self, written: &str) -> PathBuf {
        let path = expand_home(written);
        match self.path.as_deref().and_then(Path::parent) {
            Some(folder) if path.is_relative() => folder.join(path),
            _ => path,
        }
    }
}

/// Where the settings are: `explicit` (from `--config`), else `CONVENE_CONFIG`, else the
/// platform's config folder. `None` only when there is no home folder to have one in.
pub fn path(explicit: Option<&Path>) -> Option<PathBuf> {
    if let Some(path) = explicit.filter(|p| !p.as_os_str().is_empty()) {
        return Some(path.to_path_buf());
    }
    if let Some(path) = std::env::var_os(CONFIG_ENV).filter(|v| !v.is_empty()) {
        return Some(PathBuf::from(path));
    }
    directories::ProjectDirs::from("", "", "convene").map(|d| d.config_dir().join(FILE_NAME))
}

/// Reads the settings at `path`. A file that is not there is the defaults, silently, unless
/// it was named on purpose (`named`): then it is a problem too, since the facilitator expects
/// it to be read.
pub fn load(path: Option<PathBuf>, named: bool) -> Settings {
    let Some(path) = path else {
        return Settings::defaults();
    };
    let mut settings = Settings {
        path: Some(path.clone()),
        ..Settings::defaults()
    };
    match read(&path) {
        Ok(text) => {
            settings.found = true;
            let (config, problems) = parse::parse(&text);
            let config = Config {
                dir: config.dir.map(|d| settings.resolve(&d.to_string_lossy())),
                ..config
            };
            settings.config = config;
            settings.problems = problems;
        }
        Err(Unread::Missing) if !named => {}
        Err(Unread::Missing) => settings.problems.push(whole("there is no such file")),
        Err(Unread::Other(reason)) => settings.problems.push(whole(&reason)),
    }
    settings
}

/// Reads the settings from `text`, as if from a file (for tests and `convene config`).
pub fn parse_text(text: &str) -> (Config, Vec<Problem>) {
    parse::parse(text)
}

fn whole(reason: &str) -> Problem {
    Located {
        line: 1,
        column: 1,
        message: format!("{reason}; convene started with the default settings"),
    }
}

/// The text of a small settings-like file (a theme), read as the settings are: `None` when
/// there is no file, `Err` with the reason when it cannot be read.
pub fn read_text(path: &Path) -> Result<Option<String>, String> {
    match read(path) {
        Ok(text) => Ok(Some(text)),
        Err(Unread::Missing) => Ok(None),
        Err(Unread::Other(why)) => Err(why),
    }
}

enum Unread {
    Missing,
    Other(String),
}

/// The file's text, read without following it anywhere strange: a FIFO, a device or a folder
/// is refused (it would block the start, or never end), and so is a file too large.
fn read(path: &Path) -> Result<String, Unread> {
    use crate::store::special::{Found, look};
    match look(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(Unread::Missing),
        Err(e) => return Err(Unread::Other(format!("could not be read: {e}"))),
        Ok(Found::Special(special)) => return Err(Unread::Other(special.not_a_file())),
        Ok(Found::File(_)) => {}
    }
    let file = crate::store::open_to_read(path)
        .map_err(|e| Unread::Other(format!("could not be read: {e}")))?;
    let mut bytes = Vec::new();
    file.take(MAX_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Unread::Other(format!("could not be read: {e}")))?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(Unread::Other(format!(
            "larger than {} KiB, which no settings file is",
            MAX_BYTES / 1024
        )));
    }
    String::from_utf8(bytes).map_err(|_| Unread::Other("not UTF-8 text".to_string()))
}

/// `~/x` as the home folder's `x` (a settings file is written by hand, and people write it).
fn expand_home(written: &str) -> PathBuf {
    match written.strip_prefix("~/") {
        Some(rest) => match directories::BaseDirs::new() {
            Some(base) => base.home_dir().join(rest),
            None => PathBuf::from(written),
        },
        None => PathBuf::from(written),
    }
}

#[cfg(test)]
mod tests;
