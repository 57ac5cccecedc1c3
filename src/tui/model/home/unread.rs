//! Home on a first start: the files found in the data folder before any of them is read.
//!
//! With no listing index (a new laptop, a shared folder opened for the first time, the first
//! start after an upgrade) every file has to be parsed to be listed, which takes half a second
//! for a thousand communities and far longer for more. Home does not wait for it: its first
//! frame lists the files by what their names say (a community's file is a slug of its name, so
//! `nurses-lunch-circle.toml` is shown as "Nurses lunch circle"), each row filled in place as
//! its file is parsed on another thread ([`crate::tui::update::Msg::Listing`]), and the full
//! listing then replaces them all, in its own order, the selection kept on the same file. Rows
//! never move while they fill in, so what is shown selected is what Enter opens, however early
//! it is pressed.

use std::path::{Path, PathBuf};

use crate::store::Entry;

/// A file of the data folder not yet in the listing.
#[derive(Debug, Clone)]
pub struct Unread {
    pub path: PathBuf,
    /// What its file name says its name is, until it is read.
    pub name: String,
    /// What the listing made of it, once its file was parsed.
    pub read: Option<Entry>,
}

impl Unread {
    pub fn new(path: PathBuf) -> Unread {
        let name = name_from_file(&path);
        Unread {
            path,
            name,
            read: None,
        }
    }
}

impl Unread {
    /// Its line in home: the entry once read, the guess until then.
    pub fn row(&self) -> super::Row<'_> {
        match &self.read {
            Some(entry) => super::Row::Entry {
                entry,
                member: false,
            },
            None => super::Row::Unread(self),
        }
    }
}

/// A name from a file's slug: its stem, hyphens and underscores as spaces, the first letter a
/// capital ("sips-citizenship.toml" is "Sips citizenship"). A guess, shown as one until the
/// file is read.
pub fn name_from_file(path: &Path) -> String {
    let stem = path.file_stem().unwrap_or_default().to_string_lossy();
    let spaced: String = stem
        .chars()
        .map(|c| if c == '-' || c == '_' { ' ' } else { c })
        .collect();
    let mut chars = spaced.trim().chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Fills in the files of `read` among `unread` (sorted by path), in place.
pub fn fill(unread: &mut [Unread], read: Vec<Entry>) {
    for entry in read {
        if let Ok(i) = unread.binary_search_by(|u| u.path.as_path().cmp(entry.path())) {
            unread[i].read = Some(entry);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_guessed_from_the_slug() {
        assert_eq!(
            name_from_file(Path::new("/d/nurses-lunch-circle.toml")),
            "Nurses lunch circle"
        );
        assert_eq!(name_from_file(Path::new("/d/équipe_2.toml")), "Équipe 2");
        assert_eq!(name_from_file(Path::new("/d/-.toml")), "");
    }
}
