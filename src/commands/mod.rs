//! Running the command-line commands: `new`, `list`, `check`, and the app itself.
//!
//! Commands print to standard output what a script might use (a path, a listing) and send
//! problems to standard error. Everything shown that came from a file or a name is sanitised.

mod check;
mod export;
mod list;
pub(crate) mod out;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Result, bail};
use convene::export::Options;
use convene::guide::Guide;
use convene::store::{self, Store, names, shown};

use crate::cli::{Cli, Command};
use out::say;

pub fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        None => {
            convene::tui::run(open_store(cli.dir)?, None)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Open { community }) => {
            let store = open_store(cli.dir)?;
            let path = find_either(&store, &community)?;
            convene::tui::run(store, Some(&path))?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::New { name, anyway }) => new(cli.dir, &name, anyway),
        Some(Command::Export {
            community,
            format,
            output,
            include_empty,
            audience,
        }) => export::run(
            &open_store(cli.dir)?,
            &community,
            format.into(),
            output.as_deref(),
            Options {
                include_empty,
                audience: audience.into(),
                ..Options::default()
            },
        ),
        Some(Command::List) => list::run(&open_store(cli.dir)?),
        Some(Command::Check { files }) => Ok(check::run(&files)),
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
