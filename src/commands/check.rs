//! `convene check FILE...`: every problem in each file, one per line, as `FILE:LINE:COLUMN:` so
//! editors and terminals can jump to it. Exits 1 if any file has an error; warnings alone pass.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::commands::out::say;
use convene::community::{Severity, check_text};
use convene::guide::Guide;
use convene::store::{read_text, shown};
use convene::text::sanitize_line;

pub fn run(files: &[PathBuf]) -> ExitCode {
    let guide = Guide::builtin();
    let mut failed = false;
    for path in files {
        let name = shown(path);
        let problems = match read_text(path) {
            Ok(text) => check_text(&text, guide),
            Err(err) => {
                failed = true;
                say!("{name}: error: {}", sanitize_line(&err.reason()));
                continue;
            }
        };
        if problems.is_empty() {
            say!("{name}: ok");
        }
        for p in problems {
            let label = match p.severity {
                Severity::Error => {
                    failed = true;
                    "error"
                }
                Severity::Warning => "warning",
            };
            say!(
                "{name}:{}:{}: {label}: {}",
                p.line,
                p.column,
                sanitize_line(&p.message)
            );
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
