//! Running the command-line commands: `new`, `list`, `check`, and the app itself.
//!
//! Commands print to standard output what a script might use (a path, a listing) and send
//! problems to standard error. Everything shown that came from a file or a name is sanitised.

mod check;
mod export;
mod list;
mod merge;
pub(crate) mod out;
mod settings;
pub(crate) mod shell;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Result, bail};
use convene::config;
use convene::export::Options;
use convene::guide::Guide;
use convene::store::{self, Store, names, shown};
use convene::tui::prefs::Prefs;

use crate::cli::{Cli, Command};
use out::say;

pub fn run(cli: Cli) -> Result<ExitCode> {
    // A settings file named on purpose must be there; the default one need not be.
    let named = cli.config.is_some();
    let settings = config::load(config::path(cli.config.as_deref()), named);
    let dir = cli.dir.clone().or_else(|| settings.config.dir.clone());
    let accessible =
        cli.accessible || convene::accessible::wanted_by_env() || settings.config.accessible;
    match cli.command {
        None if accessible => plain(open_store(dir)?, None),
        Some(Command::Open { community }) if accessible => {
            let store = open_store(dir)?;
            let path = find_either(&store, &community)?;
            plain(store, Some(&path))
        }
        None => {
            let (prefs, problems) = Prefs::from_settings(&settings);
            convene::tui::run(open_store(dir)?, None, prefs, &problems)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Open { community }) => {
            let (prefs, problems) = Prefs::from_settings(&settings);
            let store = open_store(dir)?;
            let path = find_either(&store, &community)?;
            convene::tui::run(store, Some(&path), prefs, &problems)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Config { path }) => settings::run(&settings, path),
        Some(Command::Completions { shell }) => shell::completions(shell),
        Some(Command::Man { command }) => shell::man(command.as_deref()),
        Some(Command::Merge {
            base,
            mine,
            theirs,
            path,
        }) => merge::merge(&base, &mine, &theirs, path.as_deref()),
        Some(Command::Diff { files, rev }) => merge::diff(&files, rev.as_deref()),
        Some(command) => {
            // The settings' problems are said once, on standard error, before the command's
            // own output: a script's output stays clean.
            for problem in settings.messages() {
                eprintln!("convene: settings: {problem}");
            }
            run_command(command, dir, &settings.config)
        }
    }
}

/// The accessible mode, on standard input and output (see [`convene::accessible`]).
fn plain(store: Store, open: Option<&std::path::Path>) -> Result<ExitCode> {
    if let Some(path) = open
        && path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(convene::constellation::is_constellation_name)
    {
        bail!(
            "the accessible mode opens communities, not yet a constellation's overview: open one of its communities, or see them with convene list"
        );
    }
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    let mut output = std::io::stdout().lock();
    convene::accessible::run(
        &store,
        open,
        &mut input,
        &mut output,
        convene::dates::today(),
    )?;
    Ok(ExitCode::SUCCESS)
}

/// The commands that work on the data folder's files.
fn run_command(
    command: Command,
    dir: Option<PathBuf>,
    settings: &config::Config,
) -> Result<ExitCode> {
    match command {
        Command::New { name, anyway } => new(dir, &name, anyway),
        Command::Export {
            community,
            format,
            table,
            output,
            include_empty,
            audience,
        } => match format.charter() {
            Some(charter) => {
                if table.is_some() {
                    bail!("--table is for --format csv only: a charter has every table");
                }
                export::run(
                    &open_store(dir)?,
                    &community,
                    charter,
                    output.as_deref(),
                    Options {
                        include_empty,
                        audience: audience.map_or(settings.audience, Into::into),
                        ..Options::default()
                    },
                    settings.language.as_deref(),
                )
            }
            None => {
                let data = export::Data::new(format, table, include_empty, audience.is_some())?;
                export::run_data(&open_store(dir)?, &community, data, output.as_deref())
            }
        },
        Command::List => list::run(&open_store(dir)?),
        Command::GitSetup => merge::git_setup(&data_dir(dir)?),
        Command::Check { files } => Ok(check::run(&files)),
        // Started above, with the settings as the app uses them.
        Command::Open { .. }
        | Command::Config { .. }
        | Command::Completions { .. }
        | Command::Man { .. }
        | Command::Merge { .. }
        | Command::Diff { .. } => Ok(ExitCode::SUCCESS),
    }
}

/// Creates a community; refuses a name that an existing community already has (exactly, in
/// another case or another Unicode form) unless `anyway`. Refusing rather than asking, even on a
/// terminal: `new` is what scripts call (it prints the path for them), and a question would hang
/// a script whose input happens to be a terminal; the message says how to insist.
fn new(dir: Option<PathBuf>, name: &str, anyway: bool) -> Result<ExitCode> {
    let name = name.trim();
    if name.is_empty() {
        bail!("a community needs a name, for example: convene new \"Nurses' lunch circle\"");
    }
    let store = open_store(dir)?;
    if !anyway {
        let entries = store.list(Guide::builtin())?;
        let same = names::similar(&entries, name);
        if !same.is_empty() {
            bail!(
                "not created: {} already {} ({}); to create another, run convene new --anyway with the name",
                if same.len() == 1 {
                    "a community of that name"
                } else {
                    "communities of that name"
                },
                if same.len() == 1 { "exists" } else { "exist" },
                names::listed(same),
            );
        }
    }
    let loaded = store.create(name, Guide::builtin())?;
    say!("{}", shown(&loaded.path));
    Ok(ExitCode::SUCCESS)
}

/// The file `query` names: a community's (a name both share is the community's, as the split
/// that made the constellation named it), else a constellation's; a constellation's file
/// given by its path is that constellation.
pub(crate) fn find_either(store: &Store, query: &str) -> Result<PathBuf> {
    let names_constellation = std::path::Path::new(query)
        .file_name()
        .and_then(|n| n.to_str())
        .is_some_and(convene::constellation::is_constellation_name);
    if !names_constellation {
        match store.find(query, Guide::builtin()) {
            Ok(path) => return Ok(path),
            Err(store::StoreError::NotFound(..)) => {}
            Err(err) => return Err(err.into()),
        }
    }
    match store.find_constellation(query) {
        Some(found) => Ok(found?),
        None => {
            Err(store::StoreError::NotFound(query.to_string(), store.dir().to_path_buf()).into())
        }
    }
}

fn data_dir(dir: Option<PathBuf>) -> Result<PathBuf> {
    match dir {
        Some(dir) if !dir.as_os_str().is_empty() => Ok(dir),
        _ => Ok(store::default_dir()?),
    }
}

fn open_store(dir: Option<PathBuf>) -> Result<Store> {
    let dir = data_dir(dir)?;
    Ok(Store::open(&dir)?.with_default_index())
}
