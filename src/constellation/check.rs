//! `convene check` of a constellation file: its format (every problem at its line), then its
//! links — each member's file in the folder, or where it went.

use std::path::PathBuf;

use super::Constellation;
use super::file::{ConstellationFile, read};
use super::links::{Link, resolve};
use crate::community::{Problem, Severity};
use crate::store::{Entry, names};
use crate::text::sanitize_line;

/// Every problem in the text of a constellation file, in file order.
pub fn check_text(text: &str) -> Vec<Problem> {
    read(text).problems
}

/// What is wrong with the links of a constellation that reads well: each member against the
/// listing of its folder (`entries`), and against the other constellations of the folder
/// (`others`: their files and what they hold), since a community belongs to one.
pub fn check_members(
    file: &ConstellationFile,
    entries: &[Entry],
    others: &[(PathBuf, Constellation)],
) -> Vec<Problem> {
    let c = &file.constellation;
    let mut problems = Vec::new();
    for (i, (member, link)) in c.members.iter().zip(resolve(c, entries)).enumerate() {
        let line = file.member_line(i).unwrap_or(1);
        let mut say = |severity, message: String| {
            problems.push(Problem {
                severity,
                line,
                column: 1,
                message,
            });
        };
        let listed = if member.name.is_empty() {
            String::new()
        } else {
            format!(" (listed as \"{}\")", sanitize_line(&member.name))
        };
        let file_name = sanitize_line(&member.file);
        match link {
            Link::Found(s) => {
                if !member.name.is_empty() && names::agreement(&s.name, &member.name).is_none() {
                    say(
                        Severity::Warning,
                        format!(
                            "{file_name} is listed as \"{}\" and now calls itself \"{}\"; convene writes the new name here at the constellation's next save",
                            sanitize_line(&member.name),
                            sanitize_line(&s.name)
                        ),
                    );
                }
            }
            Link::Moved(s) => say(
                Severity::Warning,
                format!(
                    "{file_name}{listed} is not in the folder; a community of that name is in {}: convene takes it for this one, and writes its new file here at the constellation's next save",
                    names::file_name(&s.path)
                ),
            ),
            Link::Unreadable(reason) => say(
                Severity::Warning,
                format!(
                    "{file_name}{listed} cannot be read: {}",
                    sanitize_line(reason)
                ),
            ),
            Link::Missing => say(
                Severity::Error,
                format!(
                    "{file_name}{listed} is not in the folder, and no community of that name is: was it moved out, renamed or trashed? Put it back, or give its new file here"
                ),
            ),
        }
        let path_of = |e: &Entry| names::file_name(e.path());
        let here = link
            .summary()
            .map(|s| names::file_name(&s.path))
            .unwrap_or_else(|| member.file.clone());
        for (other_path, other) in others {
            if other.members.iter().any(|m| m.file == here)
                && entries.iter().any(|e| path_of(e) == here)
            {
                say(
                    Severity::Error,
                    format!(
                        "{} is also a community of the constellation \"{}\" ({}); a community belongs to one constellation",
                        sanitize_line(&here),
                        sanitize_line(&other.name),
                        names::file_name(other_path)
                    ),
                );
            }
        }
    }
    problems
}
