//! Home: the communities in the data folder, and what can be done to them.
//!
//! Home is the one place where single letters are commands (nothing is being typed there), except
//! while a prompt is open — a new name, a filter, a rename — when keys type into the prompt.
//! Unreadable files are listed with their reason and cannot be opened, so they are never written.

mod unread;

use super::line::LineInput;
use nucleo_matcher::pattern::{AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};
use std::path::PathBuf;

use crate::store::lock::Holder;
use crate::store::{Entry, Grouped, RecoveryCopy, Summary};
pub use unread::{Unread, name_from_file};

/// The longest name or filter home's prompt takes, in characters: a name is shown on every
/// line of the listing and written into its file, and a pasted page is not a name.
pub const MAX_LINE_CHARS: usize = 200;

/// A one-line question home is asking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Prompt {
    /// The name of a new community.
    NewName(LineInput),
    /// Keys type into [`Home::filter`] (which stays when the prompt closes).
    Filter,
    /// A new name for the selected community.
    Rename(LineInput),
    /// Confirm moving the selected community to the trash folder.
    ConfirmDelete,
    /// Confirm a new name (for a new community, or a rename) that existing communities already
    /// have, exactly or in another case or Unicode form: their names and files.
    ConfirmSameName {
        name: String,
        renaming: bool,
        existing: Vec<(String, std::path::PathBuf)>,
    },
    /// Restore, discard or keep for later the first of [`Home::recoveries`].
    Recover,
    /// Another convene has the community open: read-only, open anyway, or back.
    OpenElsewhere(Box<Elsewhere>),
    /// The names of the communities the selected one is split into.
    SplitNames(LineInput),
    /// What the new communities of a split start with.
    SplitChoose {
        plan: Box<SplitPlan>,
        selected: usize,
    },
}

/// A split asked for, its names accepted: what each new community may carry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitPlan {
    /// The community split.
    pub path: PathBuf,
    /// Its name (not sanitised).
    pub name: String,
    pub topics: Vec<String>,
    pub choices: Vec<crate::constellation::split::Choice>,
}

/// A community the facilitator asked to open, that another convene has open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Elsewhere {
    pub path: PathBuf,
    /// The community's name, as in its file (not sanitised).
    pub name: String,
    /// Who has it open, the running ones first (never empty).
    pub holders: Vec<Holder>,
}

#[derive(Debug, Default)]
pub struct Home {
    pub entries: Vec<Entry>,
    /// Index into [`Home::visible`].
    pub selected: usize,
    pub filter: LineInput,
    pub prompt: Option<Prompt>,
    /// Why the data folder could not be listed, if it could not.
    pub error: Option<String>,
    /// Unsaved work from an earlier run, not yet restored or discarded.
    pub recoveries: Vec<RecoveryCopy>,
    /// The entries come from the listing index, not yet checked against the files (a full
    /// listing is on its way: [`crate::tui::update::Msg::Listed`]).
    pub provisional: bool,
    /// The folder's constellations, each with its communities found in the listing (they come
    /// with the full listing, never from the index alone).
    pub groups: Vec<Grouped>,
    /// On a first start, the files found in the folder, in file-name order, listed by the names
    /// their files suggest until they are read (see [`unread`]); empty once listed.
    pub unread: Vec<Unread>,
}

/// A line of home's list: a constellation, or a file (a community indented under its
/// constellation when it is a member).
#[derive(Debug, Clone, Copy)]
pub enum Row<'h> {
    Group(&'h Grouped),
    Entry {
        entry: &'h Entry,
        member: bool,
    },
    /// A file not yet read, on a first start.
    Unread(&'h Unread),
}

impl<'h> Row<'h> {
    pub fn path(self) -> &'h std::path::Path {
        match self {
            Row::Group(g) => &g.path,
            Row::Entry { entry, .. } => entry.path(),
            Row::Unread(u) => &u.path,
        }
    }
}

impl Home {
    pub fn new(entries: Vec<Entry>) -> Home {
        Home {
            entries,
            filter: LineInput::new(MAX_LINE_CHARS),
            ..Home::default()
        }
    }

    /// The lines of the list: without a filter, each constellation followed by its
    /// communities, then the communities in none (in the listing's order); with one, the
    /// constellations whose name it finds, then the files it finds, best first (see
    /// [`matching`]). A community two constellations list is shown under the first.
    pub fn rows(&self) -> Vec<Row<'_>> {
        let filter = self.filter.text();
        if !plain(filter).trim().is_empty() {
            let needle = plain(filter);
            let words: Vec<&str> = needle.split_whitespace().collect();
            let groups = self.groups.iter().filter(|g| {
                let hay = plain(&format!(
                    "{} {}",
                    g.name,
                    crate::store::names::file_name(&g.path)
                ));
                words.iter().all(|w| hay.contains(w))
            });
            let unread = self.unread.iter().filter(|u| {
                let name = match &u.read {
                    Some(Entry::Community(s)) => s.name.as_str(),
                    _ => u.name.as_str(),
                };
                let hay = plain(&format!(
                    "{name} {}",
                    crate::store::names::file_name(&u.path)
                ));
                words.iter().all(|w| hay.contains(w))
            });
            return groups
                .map(Row::Group)
                .chain(
                    matching(&self.entries, filter)
                        .into_iter()
                        .map(|entry| Row::Entry {
                            entry,
                            member: false,
                        }),
                )
                .chain(unread.map(Unread::row))
                .collect();
        }
        let mut placed = std::collections::HashSet::new();
        let mut rows = Vec::with_capacity(self.entries.len() + self.groups.len());
        for group in &self.groups {
            rows.push(Row::Group(group));
            for member in &group.members {
                if !placed.insert(member.as_path()) {
                    continue;
                }
                if let Some(entry) = self.entries.iter().find(|e| e.path() == member) {
                    rows.push(Row::Entry {
                        entry,
                        member: true,
                    });
                }
            }
        }
        rows.extend(
            self.entries
                .iter()
                .filter(|e| !placed.contains(e.path()))
                .map(|entry| Row::Entry {
                    entry,
                    member: false,
                }),
        );
        rows.extend(self.unread.iter().map(Unread::row));
        rows
    }

    /// The files shown, in the order of [`Home::rows`] (constellations left out).
    pub fn visible(&self) -> Vec<&Entry> {
        self.rows()
            .into_iter()
            .filter_map(|r| match r {
                Row::Entry { entry, .. } => Some(entry),
                Row::Group(_) | Row::Unread(_) => None,
            })
            .collect()
    }

    pub fn selected_row(&self) -> Option<Row<'_>> {
        self.rows().get(self.selected).copied()
    }

    pub fn selected_entry(&self) -> Option<&Entry> {
        match self.selected_row()? {
            Row::Entry { entry, .. } => Some(entry),
            Row::Group(_) | Row::Unread(_) => None,
        }
    }

    /// The constellation selected, if a constellation's line is.
    pub fn selected_group(&self) -> Option<&Grouped> {
        match self.selected_row()? {
            Row::Group(group) => Some(group),
            Row::Entry { .. } | Row::Unread(_) => None,
        }
    }

    pub fn selected_community(&self) -> Option<&Summary> {
        match self.selected_entry()? {
            Entry::Community(s) => Some(s),
            Entry::Unreadable { .. } => None,
        }
    }

    pub fn up(&mut self) {
        self.selected = self.selected.saturating_sub(1);
    }

    pub fn down(&mut self) {
        let n = self.rows().len();
        if self.selected + 1 < n {
            self.selected += 1;
        }
    }

    /// A home for a data folder that could not be listed.
    pub fn unlisted(error: String) -> Home {
        Home {
            error: Some(error),
            ..Home::new(Vec::new())
        }
    }

    /// Home on a first start, before any file is read: `files` (sorted), listed by what their
    /// names say, to be filled in ([`Home::fill`]) and then replaced by the listing.
    pub fn first_start(files: Vec<PathBuf>) -> Home {
        Home {
            unread: files.into_iter().map(Unread::new).collect(),
            provisional: true,
            ..Home::new(Vec::new())
        }
    }

    /// Fills in the rows of files just read, in place: nothing moves, so the selection stays.
    pub fn fill(&mut self, read: Vec<Entry>) {
        unread::fill(&mut self.unread, read);
    }

    /// While the first listing is being made: how many of the folder's files are read, of how
    /// many.
    pub fn listing_progress(&self) -> Option<(usize, usize)> {
        (!self.unread.is_empty()).then(|| {
            let read = self.unread.iter().filter(|u| u.read.is_some()).count();
            (read, self.unread.len())
        })
    }

    /// Whether home has nothing to list (the welcome screen).
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty() && self.unread.is_empty()
    }

    /// Replaces the listing, keeping the selection on the same file where it still exists.
    pub fn refresh(&mut self, entries: Vec<Entry>) {
        self.error = None;
        let keep = self.kept_selection();
        self.entries = entries;
        self.unread = Vec::new();
        self.reselect(keep);
    }

    /// Replaces the constellations, keeping the selection on the same line where it still is.
    pub fn regroup(&mut self, groups: Vec<Grouped>) {
        let keep = self.kept_selection();
        self.groups = groups;
        self.reselect(keep);
    }

    /// What a new listing keeps selected: the same file or constellation, once the facilitator
    /// has moved off the first line; the first line while they have not, as if the listing had
    /// been there from the start (a first start's constellations come with the full listing,
    /// and go above the communities that were shown first).
    fn kept_selection(&self) -> Option<PathBuf> {
        (self.selected > 0)
            .then(|| self.selected_row().map(|r| r.path().to_path_buf()))
            .flatten()
    }

    /// Clears the filter, keeping the selection on the same line.
    pub fn clear_filter(&mut self) {
        let keep = self.selected_row().map(|r| r.path().to_path_buf());
        self.filter.clear();
        self.reselect(keep);
    }

    fn reselect(&mut self, keep: Option<PathBuf>) {
        self.selected = keep
            .and_then(|p| self.rows().iter().position(|r| r.path() == p))
            .unwrap_or(0);
        self.clamp();
    }

    /// Selects the line for `path` (a file or a constellation), if it is listed; a filter that
    /// hides it is cleared (a community just renamed or copied is shown where it went).
    pub fn select_path(&mut self, path: &std::path::Path) {
        let find = |home: &Home| home.rows().iter().position(|r| r.path() == path);
        if find(self).is_none() && !self.filter.text().is_empty() {
            self.filter.clear();
        }
        if let Some(i) = find(self) {
            self.selected = i;
        }
        self.clamp();
    }

    /// Asks about the next recovery copy, if any is left.
    pub fn offer_recovery(&mut self) {
        if !self.recoveries.is_empty() {
            self.prompt = Some(Prompt::Recover);
        } else if self.prompt == Some(Prompt::Recover) {
            self.prompt = None;
        }
    }

    pub fn clamp(&mut self) {
        let n = self.rows().len();
        self.selected = self.selected.min(n.saturating_sub(1));
    }
}

/// The entries `filter` finds, best first, as helix and television match: each word of the
/// filter matched on its own, in any order, its letters in order but not necessarily together
/// (nucleo's fuzzy matcher), against the community's name and its file name. Accents, case and
/// punctuation do not count on either side ("equipe sage" finds "Sages-femmes de l'Équipe"),
/// and an unreadable file is found by its file name.
pub fn matching<'a>(entries: &'a [Entry], filter: &str) -> Vec<&'a Entry> {
    let needle = plain(filter);
    if needle.trim().is_empty() {
        return entries.iter().collect();
    }
    let pattern = Pattern::new(
        &needle,
        CaseMatching::Ignore,
        Normalization::Never,
        AtomKind::Fuzzy,
    );
    let mut matcher = Matcher::new(Config::DEFAULT);
    let mut buf = Vec::new();
    let mut found: Vec<(u32, &Entry)> = entries
        .iter()
        .filter_map(|e| {
            let file = e.path().file_stem().unwrap_or_default().to_string_lossy();
            let haystack = match e {
                Entry::Community(s) => plain(&format!("{} {file}", s.name)),
                Entry::Unreadable { .. } => plain(&file),
            };
            let score = pattern.score(Utf32Str::new(&haystack, &mut buf), &mut matcher)?;
            Some((score, e))
        })
        .collect();
    // Stable: equal scores keep the listing's order.
    found.sort_by_key(|(score, _)| std::cmp::Reverse(*score));
    found.into_iter().map(|(_, e)| e).collect()
}

/// `text` in lower-case ASCII letters and digits, other characters as spaces: "Sages-femmes de
/// l'Équipe" is "sages femmes de l equipe". Scripts other than Latin are transliterated, on both
/// sides alike.
fn plain(text: &str) -> String {
    deunicode::deunicode(text)
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                ' '
            }
        })
        .collect()
}
