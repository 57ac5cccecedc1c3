//! Where each member of a constellation is: its file, found again when it moved, or missing.
//!
//! A member names its file and the name it was listed under. The file decides: when it is in
//! the folder, that is the member, whatever it is called now (a name changed inside is shown,
//! and written into the constellation at its next save). When it is not, the member is looked
//! for by its name among the communities no member of the constellation names — one community
//! of that name is the member, moved; none, or several, and the member is missing. Nothing is
//! followed without being said: a moved or missing member is named in `check`, on the overview
//! and in the charter.

use std::collections::HashSet;

use super::Constellation;
use crate::store::{Entry, Summary, names};

/// Where one member is.
#[derive(Debug, Clone, Copy)]
pub enum Link<'e> {
    /// Its file is there.
    Found(&'e Summary),
    /// Its file is gone, and one community of its name is in the folder: this one.
    Moved(&'e Summary),
    /// Its file is there and convene cannot read it, for this reason.
    Unreadable(&'e str),
    /// Not in the folder, and not found by its name either.
    Missing,
}

impl<'e> Link<'e> {
    /// The community, when there is one to show.
    pub fn summary(self) -> Option<&'e Summary> {
        match self {
            Link::Found(s) | Link::Moved(s) => Some(s),
            Link::Unreadable(_) | Link::Missing => None,
        }
    }
}

/// Where each member of `constellation` is among `entries` (the listing of its folder), in
/// member order.
pub fn resolve<'e>(constellation: &Constellation, entries: &'e [Entry]) -> Vec<Link<'e>> {
    let file_of = |e: &Entry| names::file_name(e.path());
    let listed: HashSet<&str> = constellation
        .members
        .iter()
        .map(|m| m.file.as_str())
        .collect();
    let mut taken: HashSet<std::path::PathBuf> = HashSet::new();
    constellation
        .members
        .iter()
        .map(|member| {
            if let Some(entry) = entries.iter().find(|e| file_of(e) == member.file) {
                return match entry {
                    Entry::Community(s) => Link::Found(s),
                    Entry::Unreadable { reason, .. } => Link::Unreadable(reason),
                };
            }
            if member.name.trim().is_empty() {
                return Link::Missing;
            }
            // The best agreement of names among the unclaimed, when one community alone has it.
            let mut best: Option<(names::Agreement, Vec<&Summary>)> = None;
            for entry in entries {
                let Entry::Community(s) = entry else { continue };
                if listed.contains(file_of(entry).as_str()) {
                    continue;
                }
                let Some(level) = names::agreement(&s.name, &member.name) else {
                    continue;
                };
                match &mut best {
                    Some((found, list)) if *found == level => list.push(s),
                    Some((found, _)) if *found < level => {}
                    _ => best = Some((level, vec![s])),
                }
            }
            match best {
                Some((_, found)) if found.len() == 1 && taken.insert(found[0].path.clone()) => {
                    Link::Moved(found[0])
                }
                _ => Link::Missing,
            }
        })
        .collect()
}
