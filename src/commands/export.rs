//! `convene export`: a community's charter, or a constellation's, on standard output or in a
//! file.
//!
//! `--output FILE` replaces only a regular file: a link, a FIFO, a device or a folder there is
//! refused by [`store::write_file`], which also sweeps convene's own stale temporary files left
//! next to FILE by an export that was interrupted.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Result, bail};
use convene::export::{self, Format, Options};
use convene::guide::Guide;
use convene::store::{self, Store, shown};

pub fn run(
    store: &Store,
    community: &str,
    format: Format,
    output: Option<&Path>,
    choice: Options,
    language: Option<&str>,
) -> Result<ExitCode> {
    let guide = Guide::builtin();
    let path = super::find_either(store, community)?;
    // The clock is read here, once: the charter's `generated_at` and the day its flags are
    // judged on come from the same moment.
    let options = Options {
        include_empty: choice.include_empty,
        audience: choice.audience,
        ..Options::made_at(convene::dates::now())
    };
    let is_constellation = path
        .file_name()
        .and_then(|n| n.to_str())
        .is_some_and(convene::constellation::is_constellation_name);
    let text = if is_constellation {
        let today = options.today.unwrap_or_else(convene::dates::today);
        let (_, overview) = store.overview(&path, guide, today)?;
        export::constellation::render(&overview, guide, format, options)
    } else {
        let loaded = store.load(&path)?;
        export::render_file_in(&loaded.file, guide, format, options, language)
    };
    match output {
        // `-` is standard output, as for most tools (never a file called "-").
        None => super::out::all(&text),
        Some(file) if file == Path::new("-") => super::out::all(&text),
        Some(file) => {
            if file
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("toml"))
            {
                bail!(
                    "{} would look like a community file; give the charter a .{} name",
                    shown(file),
                    format.extension()
                );
            }
            store::write_file(file, text.as_bytes())?;
            eprintln!("Wrote the {} charter to {}", format.name(), shown(file));
        }
    }
    Ok(ExitCode::SUCCESS)
}
