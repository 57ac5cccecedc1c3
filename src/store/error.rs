//! What can go wrong with the data directory, in words a facilitator can act on.
//!
//! Every message names the file (sanitised: a file name can hold escape sequences too) and, for
//! content problems, the line and column.

use std::io;
use std::path::{Path, PathBuf};

use super::special::Special;
use crate::community::{FormatError, Located};
use crate::text::sanitize_line;

/// A path as it may be shown: control, bidi and zero-width characters made visible.
pub fn shown(path: &Path) -> String {
    sanitize_line(&path.display().to_string()).into_owned()
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    // The io::Error is part of the message, not a chained source, so it is printed once.
    #[error("could not {action} {}: {}", shown(.path), plain(.cause))]
    Io {
        action: &'static str,
        path: PathBuf,
        cause: io::Error,
    },
    #[error("no home folder found to keep communities in: pass --dir DIR or set CONVENE_DIR")]
    NoHome,
    #[error("{} is not a folder", shown(.0))]
    NotADirectory(PathBuf),
    #[error("{} is a folder, not a community file", shown(.0))]
    NotAFile(PathBuf),
    #[error("{}: {}", shown(.0), .1.not_a_file())]
    Special(PathBuf, Special),
    /// A folder convene would write into (the trash, the exports) that it must not: a link
    /// leading out of the data folder, or something that is not a folder.
    #[error("{} {why}; convene wrote nothing there (make it a real folder inside the data folder)", shown(.path))]
    NotOwnFolder { path: PathBuf, why: String },
    /// A file convene would replace (a charter) that is not a regular file.
    #[error("{} is {}, not a regular file; convene replaces only regular files, so nothing was written", shown(.0), .1.noun())]
    NotReplaceable(PathBuf, Special),
    #[error("{} is too large to be a community file ({size} bytes; the limit is {limit} bytes)", shown(.0), size = .1, limit = super::MAX_FILE_BYTES)]
    TooLarge(PathBuf, u64),
    #[error("{}: {}", shown(.0), .1)]
    NotText(PathBuf, Located),
    #[error("{}: {}", shown(.0), .1)]
    Format(PathBuf, FormatError),
    #[error("no community called \"{}\" in {} (convene list shows them)", sanitize_line(.0), shown(.1))]
    NotFound(String, PathBuf),
    #[error("\"{}\" could be any of {} communities: {}; give the file name or path instead", sanitize_line(.0), .1.len(), listed(.1))]
    Ambiguous(String, Vec<(String, PathBuf)>),
    #[error("{} was changed by someone else since convene loaded it; it was not overwritten", shown(.0))]
    Conflict(PathBuf),
    /// A folder for what convene keeps for the user alone that is not theirs alone.
    #[error("{} is not private to you: {}; convene keeps no recovery copies there and reads none from it", shown(.0), sanitize_line(.1))]
    NotPrivate(PathBuf, String),
    /// Every place tried failed, each for its own reason (in the order tried).
    #[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
    Several(Vec<StoreError>),
    #[error("{} is a link to {}, which is not a file inside its folder: convene does not write through it", shown(.0), shown(.1))]
    LinkOutside(PathBuf, PathBuf),
    /// A change convene will not make, in a facilitator's words (a name already taken, say).
    #[error("{}", sanitize_line(.0))]
    Refused(String),
    #[error("another convene was saving into the folder of {} for {} s; try again", shown(.0), .1.as_secs())]
    Busy(PathBuf, std::time::Duration),
}

impl StoreError {
    pub(crate) fn io(action: &'static str, path: &Path, source: io::Error) -> StoreError {
        StoreError::Io {
            action,
            path: path.to_path_buf(),
            cause: source,
        }
    }

    /// What went wrong in a few words, without the action or the file (for a status line that
    /// says both already).
    pub fn why(&self) -> String {
        match self {
            StoreError::Io { cause, .. } => plain(cause),
            StoreError::NotAFile(_) => "a folder is in the way".to_string(),
            other => other.reason(),
        }
    }

    /// The message without the file name, for places that already show it (the listing).
    pub fn reason(&self) -> String {
        match self {
            StoreError::Io { action, cause, .. } => {
                format!("could not {action} it: {}", plain(cause))
            }
            StoreError::NotText(_, at) => at.to_string(),
            StoreError::Format(_, err) => err.to_string(),
            StoreError::NotAFile(_) => "a folder, not a file".to_string(),
            StoreError::Special(_, special) => special.not_a_file(),
            StoreError::TooLarge(_, size) => format!(
                "too large to be a community file ({size} bytes; the limit is {} bytes)",
                super::MAX_FILE_BYTES
            ),
            other => other.to_string(),
        }
    }
}

/// `"Name" (file.toml), …`, sanitised.
fn listed(found: &[(String, PathBuf)]) -> String {
    found
        .iter()
        .map(|(name, path)| {
            format!(
                "\"{}\" ({})",
                sanitize_line(name),
                super::names::file_name(path)
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// An I/O error as a facilitator can act on it: what is wrong in plain words, then the system's
/// own message (for whoever they ask for help).
fn plain(cause: &io::Error) -> String {
    use io::ErrorKind::*;
    // The system's words for the code alone: an error tempfile wrapped carries a temporary
    // file's path, which says nothing to the facilitator.
    let system = cause
        .raw_os_error()
        .map(|code| io::Error::from_raw_os_error(code).to_string());
    let words = match cause.kind() {
        StorageFull => "the disk is full",
        QuotaExceeded => "the disk quota is used up",
        ReadOnlyFilesystem => "the disk is read-only",
        PermissionDenied => "permission denied (the folder may be read-only)",
        IsADirectory => "a folder is in the way",
        FileTooLarge => "the file is larger than the system allows",
        _ => return system.unwrap_or_else(|| without_path(cause)),
    };
    match system {
        Some(system) => format!("{words} ({system})"),
        // Without a code the kind's own name would only repeat the words.
        None => words.to_string(),
    }
}

/// `cause` in the system's words, without the temporary file's path tempfile appends to the
/// errors it wraps (`… at path "/d/.convene-tmp-x.part"`; its wrapper hides the code).
fn without_path(cause: &io::Error) -> String {
    let text = cause.to_string();
    match text.split_once(" at path \"") {
        Some((words, _)) if cause.raw_os_error().is_none() => words.to_string(),
        _ => text,
    }
}

#[cfg(test)]
mod plain_words {
    use super::*;

    #[test]
    fn the_systems_words_are_added_once_and_never_a_temporary_files_path() {
        let bare = io::Error::from(io::ErrorKind::PermissionDenied);
        assert_eq!(
            plain(&bare),
            "permission denied (the folder may be read-only)"
        );
        #[cfg(unix)]
        {
            let coded = io::Error::from_raw_os_error(13);
            assert_eq!(
                plain(&coded),
                format!(
                    "permission denied (the folder may be read-only) ({})",
                    io::Error::from_raw_os_error(13)
                )
            );
            // tempfile's errors name the temporary file: only the system's words are kept.
            let wrapped = tempfile::Builder::new()
                .prefix(".convene-tmp-")
                .tempfile_in("/nonexistent/folder")
                .unwrap_err();
            assert!(wrapped.to_string().contains("/nonexistent"), "{wrapped}");
            assert_eq!(plain(&wrapped), io::Error::from_raw_os_error(2).to_string());
        }
    }
}
