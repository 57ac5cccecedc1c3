//! What a shell user expects of a command: completions and a manual page, both made from the
//! clap definitions so they cannot drift from what convene accepts.
//!
//! Completions are clap_complete's dynamic ones: the script `convene completions SHELL` prints
//! calls convene back (`COMPLETE=SHELL convene -- WORDS…`) each time Tab is pressed, and
//! convene answers from its clap definitions — and, where a command takes a community, from
//! the data folder's communities and constellations, read from the listing index (no file is
//! parsed). A static script could not know the names.

use std::ffi::OsStr;
use std::process::ExitCode;

use anyhow::{Context as _, Result};
use clap::CommandFactory;
use clap_complete::engine::CompletionCandidate;
use clap_complete::env::Shells;
use convene::guide::Guide;
use convene::store::{self, Entry, Store};

use crate::cli::{Cli, CompletionShell};
use crate::commands::out::all;

/// The environment variable the completion scripts set to call convene back.
pub const COMPLETE_ENV: &str = "COMPLETE";

/// Answers a completion request, if this run is one (and then exits); otherwise returns at once.
pub fn complete_if_asked() {
    clap_complete::CompleteEnv::with_factory(Cli::command)
        .var(COMPLETE_ENV)
        .complete();
}

/// `convene completions SHELL`: the script that registers the completions.
pub fn completions(shell: CompletionShell) -> Result<ExitCode> {
    let shells = Shells::builtins();
    let completer = shells
        .completer(shell.name())
        .with_context(|| format!("no completions for {}", shell.name()))?;
    // The script calls back the convene it was made by, as it was started: the name on the
    // PATH, or the path typed.
    let bin = std::env::args_os()
        .next()
        .map(|arg| arg.to_string_lossy().into_owned())
        .filter(|arg| arg.contains(std::path::MAIN_SEPARATOR))
        .unwrap_or_else(|| "convene".to_string());
    let mut script = Vec::new();
    completer.write_registration(COMPLETE_ENV, "convene", "convene", &bin, &mut script)?;
    all(&String::from_utf8_lossy(&script));
    Ok(ExitCode::SUCCESS)
}

/// `convene man [COMMAND]`: the manual page, in roff: convene(1), or a command's own page
/// (convene-export(1)), which the main page's list of commands refers to.
pub fn man(command: Option<&str>) -> Result<ExitCode> {
    let cli = Cli::command();
    let page_of = match command {
        None => cli,
        Some(name) => {
            let Some(sub) = cli.find_subcommand(name) else {
                let names: Vec<&str> = cli.get_subcommands().map(|c| c.get_name()).collect();
                anyhow::bail!(
                    "convene has no command {:?}; its commands are {}",
                    convene::text::sanitize_line(name),
                    names.join(", ")
                );
            };
            let page = format!("convene-{}", sub.get_name());
            sub.clone().name(page)
        }
    };
    let mut page = Vec::new();
    clap_mangen::Man::new(page_of).render(&mut page)?;
    all(&String::from_utf8_lossy(&page));
    Ok(ExitCode::SUCCESS)
}

/// The communities and constellations whose file name starts with `current`, each with its
/// name as the help a shell shows beside it. Names are offered as file names: they never need
/// quoting, and `open` and `export` take them as they take names.
pub fn community_names(current: &OsStr) -> Vec<CompletionCandidate> {
    let Some(current) = current.to_str() else {
        return Vec::new();
    };
    let Some(store) = completion_store() else {
        return Vec::new();
    };
    let mut candidates = Vec::new();
    let entries = store
        .list_from_index(Guide::builtin_identity(), usize::MAX)
        .or_else(|| store.list(Guide::builtin()).ok())
        .unwrap_or_default();
    for entry in &entries {
        if let Entry::Community(summary) = entry
            && let Some(stem) = summary.path.file_stem().and_then(OsStr::to_str)
            && stem.starts_with(current)
        {
            let name = convene::text::sanitize_line(&summary.name).into_owned();
            candidates.push(CompletionCandidate::new(stem).help(Some(name.into())));
        }
    }
    for constellation in store.constellations() {
        let file = constellation.path().file_name().and_then(OsStr::to_str);
        if let Some(file) = file
            && file.starts_with(current)
        {
            candidates.push(CompletionCandidate::new(file).help(Some("a constellation".into())));
        }
    }
    candidates
}

/// The data folder as the command being completed would find it (its --dir is not parsed yet,
/// so CONVENE_DIR, the settings' dir, or the default).
fn completion_store() -> Option<Store> {
    let settings = convene::config::load(convene::config::path(None), false);
    let dir = std::env::var_os(store::DIR_ENV)
        .filter(|d| !d.is_empty())
        .map(std::path::PathBuf::from)
        .or(settings.config.dir)
        .or_else(|| store::default_dir().ok())?;
    Store::open(&dir).ok().map(Store::with_default_index)
}
