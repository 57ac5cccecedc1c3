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
use convene::guide::Guide;
use convene::store::{self, Store, shown};

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
            let path = store.find(&community, Guide::builtin())?;
            convene::tui::run(store, Some(&path))?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::New { name }) => new(cli.dir, &name),
        Some(Command::Export {
            community,
            format,
            output,
            include_empty,
        }) => export::run(
            &open_store(cli.dir)?,
            &community,
            format.into(),
            output.as_deref(),
            include_empty,
        ),
        Some(Command::List) => list::run(&open_store(cli.dir)?),
        Some(Command::Check { files }) => Ok(check::run(&files)),
    }
}

fn new(dir: Option<PathBuf>, name: &str) -> Result<ExitCode> {
    let name = name.trim();
    if name.is_empty() {
        bail!("a community needs a name, for example: convene new \"Nurses' lunch circle\"");
    }
    let store = open_store(dir)?;
    let loaded = store.create(name, Guide::builtin())?;
    say!("{}", shown(&loaded.path));
    Ok(ExitCode::SUCCESS)
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
