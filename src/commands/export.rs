//! `convene export`: a community's charter, or a constellation's, on standard output or in a
//! file; or, not a charter, a community's calendar (`--format ics`) or one of its tables
//! (`--format csv --table ID`).
//!
//! `--output FILE` replaces only a regular file: a link, a FIFO, a device or a folder there is
//! refused by [`store::write_file`], which also sweeps convene's own stale temporary files left
//! next to FILE by an export that was interrupted.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Result, bail};
use convene::export::{self, Format, Options, calendar, csv};
use convene::guide::Guide;
use convene::store::{self, Store, shown};

use crate::cli::ExportFormat;

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
    let text = if is_constellation(&path) {
        let today = options.today.unwrap_or_else(convene::dates::today);
        let (_, overview) = store.overview(&path, guide, today)?;
        export::constellation::render(&overview, guide, format, options)
    } else {
        let loaded = store.load(&path)?;
        export::render_file_in(&loaded.file, guide, format, options, language)
    };
    let what = format!("the {} charter", format.name());
    deliver(&text, output, format.extension(), &what)
}

/// What `--format ics` and `--format csv` write: a community's data for another tool, not a
/// charter, so with no audience and no open questions to list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Data {
    Calendar,
    /// The table `--table` names (clap has checked it is one).
    Table(String),
}

impl Data {
    /// What the command line asked for, or why it cannot be done.
    pub fn new(
        format: ExportFormat,
        table: Option<String>,
        include_empty: bool,
        audience: bool,
    ) -> Result<Data> {
        let ids = csv::TABLE_IDS.join(", ");
        let (data, name) = match (format, table) {
            (ExportFormat::Csv, Some(table)) => (Data::Table(table), "csv"),
            (ExportFormat::Csv, None) => {
                bail!("--format csv writes one table: say which with --table ID ({ids})")
            }
            (ExportFormat::Ics, None) => (Data::Calendar, "ics"),
            (ExportFormat::Ics, Some(_)) => {
                bail!("--table is for --format csv only: a calendar has every date")
            }
            (other, _) => bail!("--format {other:?} is a charter, not a calendar or a table"),
        };
        if audience {
            bail!(
                "--audience is for charters: --format {name} writes what the file holds, for \
                 the facilitator"
            );
        }
        if include_empty {
            bail!("--include-empty is for charters: --format {name} has no questions to list");
        }
        Ok(data)
    }
}

/// `convene export NAME --format ics|csv`.
pub fn run_data(
    store: &Store,
    community: &str,
    data: Data,
    output: Option<&Path>,
) -> Result<ExitCode> {
    let guide = Guide::builtin();
    let path = super::find_either(store, community)?;
    if is_constellation(&path) {
        bail!(
            "{} is a constellation: calendars and tables are each community's own; export one \
             of its communities (convene list shows them under it)",
            shown(&path)
        );
    }
    let loaded = store.load(&path)?;
    match data {
        Data::Calendar => {
            let stem = path
                .file_stem()
                .map_or_else(|| "community".into(), |s| s.to_string_lossy());
            let ics = calendar::to_ics(&loaded.file, guide, &stem, convene::dates::now());
            for note in &ics.notes {
                eprintln!("convene: {}", convene::text::sanitize_line(note));
            }
            let what = match ics.events {
                1 => "the calendar (1 event)".to_string(),
                n => format!("the calendar ({n} events)"),
            };
            deliver(&ics.text, output, "ics", &what)
        }
        Data::Table(table) => {
            let text = csv::to_csv(&loaded.file, guide, &table)?;
            deliver(&text, output, "csv", &format!("the {table} table"))
        }
    }
}

fn is_constellation(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(convene::constellation::is_constellation_name)
}

/// `text` on standard output, or in `output` (`-` is standard output, as for most tools, never
/// a file called "-"); `what` names it in the message that says where it went.
fn deliver(text: &str, output: Option<&Path>, extension: &str, what: &str) -> Result<ExitCode> {
    match output {
        None => super::out::all(text),
        Some(file) if file == Path::new("-") => super::out::all(text),
        Some(file) => {
            if file
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("toml"))
            {
                bail!(
                    "{} would look like a community file; give {what} a .{extension} name",
                    shown(file),
                );
            }
            store::write_file(file, text.as_bytes())?;
            eprintln!("Wrote {what} to {}", shown(file));
        }
    }
    Ok(ExitCode::SUCCESS)
}
