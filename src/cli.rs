//! The command line, as clap definitions. What each command does lives in `commands`.

use std::path::PathBuf;

use clap::builder::PossibleValuesParser;
use clap::{Parser, Subcommand, ValueEnum};
use clap_complete::engine::ArgValueCompleter;

use crate::commands::shell::community_names;

/// Design a community of practice, question by question, and keep it in plain TOML files.
///
/// Run without a command to start the guided walk. Communities live in the data folder, one
/// `.toml` file each; --dir or CONVENE_DIR points convene at another folder.
#[derive(Debug, Parser)]
#[command(name = "convene", version, about, long_about)]
pub struct Cli {
    /// Folder that holds the community files (default: the platform's data folder for convene).
    #[arg(long, global = true, env = convene::store::DIR_ENV, value_name = "DIR")]
    pub dir: Option<PathBuf>,

    /// The settings file (default: config.toml in the platform's config folder for convene;
    /// `convene config` prints where, and a commented default).
    #[arg(long, global = true, env = convene::config::CONFIG_ENV, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Plain lines a screen reader reads top to bottom, instead of the full-screen app: each
    /// question once, in order, answered by typing lines (also CONVENE_ACCESSIBLE=1, or
    /// accessible = true in the settings).
    #[arg(long, global = true)]
    pub accessible: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a community and print the path of its file.
    New {
        /// The community's name, as people will see it (any text; the file name is made from it).
        name: String,
        /// Create it even if a community of the same name (in any case or Unicode form) exists.
        #[arg(long)]
        anyway: bool,
    },
    /// Open a community straight into the guided walk, or a constellation into its overview.
    Open {
        /// The community's (or constellation's) name, its file name, or a path to its file.
        #[arg(add = ArgValueCompleter::new(community_names))]
        community: String,
    },
    /// Write a community's (or a constellation's) charter as Markdown, self-contained HTML or
    /// JSON; or a community's dates as a calendar (ics), or one of its tables for a
    /// spreadsheet (csv, with --table).
    Export {
        /// The community's name, its file name, or a path to its file.
        #[arg(add = ArgValueCompleter::new(community_names))]
        community: String,
        /// The charter's format; or ics, the next meetings, plan steps due and learning-log
        /// follow-ups as calendar events; or csv, the table --table names.
        #[arg(long, short, value_enum, default_value_t = ExportFormat::Markdown)]
        format: ExportFormat,
        /// The table to write with --format csv: people, plan (the momentum plan), launch (the
        /// launch plan), harvest, log (the learning log) or conversations (with potential
        /// members).
        #[arg(
            long,
            value_name = "ID",
            value_parser = PossibleValuesParser::new(convene::export::csv::TABLE_IDS)
        )]
        table: Option<String>,
        /// Write to this file instead of standard output.
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
        /// List unanswered questions as open questions instead of leaving them out.
        #[arg(long)]
        include_empty: bool,
        /// Who the charter is for: members (group notes, readiness comments, the workshop's
        /// notes and contacts left out), sponsor (with readiness comments and contacts) or
        /// facilitator (everything the file holds). Default: the settings' charter.audience,
        /// else members.
        #[arg(long, value_enum)]
        audience: Option<ExportAudience>,
    },
    /// List the communities, with progress (questions answered of all) and last update, then the
    /// constellations.
    List,
    /// Check community files; print each problem as FILE:LINE:COLUMN and exit 1 if any is an error.
    Check {
        /// The files to check.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Print where the settings file is, and a commented default to start one from; say what is
    /// wrong with the one there (exit 1 if anything is).
    Config {
        /// Print only the settings file's path.
        #[arg(long)]
        path: bool,
    },
    /// Print the shell code that completes convene's commands, options and community names:
    /// for example `source <(convene completions bash)` in ~/.bashrc.
    Completions {
        /// The shell to complete in.
        #[arg(value_enum)]
        shell: CompletionShell,
    },
    /// Merge three versions of a community file by meaning (git's merge driver: `convene
    /// git-setup` installs it): the result goes into MINE; exit 0 if nothing conflicts, 1 if
    /// conflicts remain (written into the file, which still opens), 2 if it cannot merge.
    Merge {
        /// The version both sides started from (git's %O).
        base: PathBuf,
        /// Mine (git's %A): the merged file is written here.
        mine: PathBuf,
        /// Theirs (git's %B).
        theirs: PathBuf,
        /// The file's path in the repository (git's %P), for messages.
        path: Option<PathBuf>,
    },
    /// What changed between two versions of a community, question by question: `convene diff
    /// OLD NEW`, or `convene diff FILE --rev REV` against a git revision of it. Also git's
    /// diff driver (`convene git-setup` installs it), which passes seven arguments.
    Diff {
        /// OLD NEW (or git's PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE); with
        /// --rev, the one file.
        #[arg(required = true, num_args = 1..=7, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Compare FILE with this git revision of it (HEAD, HEAD~2, a branch).
        #[arg(long, value_name = "REV")]
        rev: Option<String>,
    },
    /// Make the data folder's git repository merge community files with convene: writes the
    /// .gitattributes line and the merge driver's git config, and says what it wrote.
    GitSetup,
    /// Print convene's manual page (roff): `convene man | man -l -`; with a command, that
    /// command's page (convene-export(1), …).
    Man {
        /// The command whose page to print.
        command: Option<String>,
    },
}

/// The shells `convene completions` writes for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CompletionShell {
    Bash,
    Zsh,
    Fish,
    Powershell,
    Elvish,
}

impl CompletionShell {
    /// The shell's name as clap_complete knows it.
    pub fn name(self) -> &'static str {
        match self {
            CompletionShell::Bash => "bash",
            CompletionShell::Zsh => "zsh",
            CompletionShell::Fish => "fish",
            CompletionShell::Powershell => "powershell",
            CompletionShell::Elvish => "elvish",
        }
    }
}

/// What `convene export` writes, as the command line names it: a charter's formats, then the
/// two that are not charters (they have no audience, and the app does not write them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Markdown,
    Html,
    Json,
    // iCalendar: the community's dates as events.
    Ics,
    // One table, for a spreadsheet.
    Csv,
}

impl ExportFormat {
    /// The charter format, when it is one.
    pub fn charter(self) -> Option<convene::export::Format> {
        match self {
            ExportFormat::Markdown => Some(convene::export::Format::Markdown),
            ExportFormat::Html => Some(convene::export::Format::Html),
            ExportFormat::Json => Some(convene::export::Format::Json),
            ExportFormat::Ics | ExportFormat::Csv => None,
        }
    }
}

/// Who a charter is for, as the command line names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportAudience {
    Members,
    Sponsor,
    Facilitator,
}

impl From<ExportAudience> for convene::export::Audience {
    fn from(audience: ExportAudience) -> Self {
        match audience {
            ExportAudience::Members => convene::export::Audience::Members,
            ExportAudience::Sponsor => convene::export::Audience::Sponsor,
            ExportAudience::Facilitator => convene::export::Audience::Facilitator,
        }
    }
}
