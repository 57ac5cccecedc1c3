//! The `convene` binary: parse the command line, run one command, exit with its status.

#![forbid(unsafe_code)]

mod cli;
mod commands;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    // A shell asking for completions gets them, and convene exits; nothing else runs first.
    commands::shell::complete_if_asked();
    let cli = cli::Cli::parse();
    match commands::run(cli) {
        Ok(code) => code,
        Err(err) => {
            let message = convene::text::sanitize(&format!("{err:#}")).into_owned();
            eprintln!("convene: {message}");
            ExitCode::FAILURE
        }
    }
}
