//! Listing the data folder: every `*.toml` file, readable or not, with what home and `convene
//! list` show of it.
//!
//! Listing must never fail because one file is bad, never wait on a FIFO or read a device, and
//! stay cheap on a folder of thousands: files unchanged since the last listing come from the
//! index ([`super::index`]) with one `stat` each, the rest are parsed on every core. Anything
//! that is not a regular file is listed as unreadable with the reason, never opened.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};

use super::{EXPORTS_DIR, Place, Store, StoreError, TRASH_DIR, atomic, index, paths, special};
use crate::community::Progress;
use crate::guide::Guide;

/// A line of the listing.
#[derive(Debug, Clone)]
pub enum Entry {
    Community(Summary),
    /// A `.toml` file convene cannot read; it is left exactly as it is.
    Unreadable {
        path: PathBuf,
        reason: String,
    },
}

/// What the listing shows of a readable community.
#[derive(Debug, Clone)]
pub struct Summary {
    pub path: PathBuf,
    pub name: String,
    pub progress: Progress,
    pub updated: DateTime<FixedOffset>,
    pub read_only: bool,
    /// The momentum plan's next step due, if it has one.
    pub next_step: Option<crate::community::NextStep>,
    /// Where the file leads when it is a link to a file outside the data folder (convene never
    /// writes through such a link).
    pub outside: Option<PathBuf>,
    /// Another convene that has it open (or may: it cannot always be told), looked at afresh on
    /// every full listing.
    pub open_by: Option<super::lock::Holder>,
}

impl Entry {
    pub fn path(&self) -> &Path {
        match self {
            Entry::Community(s) => &s.path,
            Entry::Unreadable { path, .. } => path,
        }
    }
}

impl Store {
    /// Every `.toml` file in the data directory, readable or not, sorted by name.
    ///
    /// Files unchanged since the last listing are not read at all when an index is kept.
    pub fn list(&self, guide: &Guide) -> Result<Vec<Entry>, StoreError> {
        self.list_lazily(guide.identity(), || guide)
    }

    /// [`Store::list`] for a guide that is read only if a file has to be summarised (neither an
    /// empty folder nor a warm index needs it); `guide_identity` is its [`Guide::identity`].
    pub fn list_lazily<'g>(
        &self,
        guide_identity: u64,
        guide: impl FnOnce() -> &'g Guide,
    ) -> Result<Vec<Entry>, StoreError> {
        self.list_reporting(guide_identity, guide, &|_| {})
    }

    /// [`Store::list_lazily`], handing each batch of files parsed to `report` as soon as it is
    /// (from the parsing threads, in no particular order): a first start on a folder of
    /// thousands fills home in while it parses, rather than after. What `report` gets is what
    /// the file says, before the listing adds who has it open and where a link leads; the
    /// listing returned is the whole truth.
    pub fn list_reporting<'g>(
        &self,
        guide_identity: u64,
        guide: impl FnOnce() -> &'g Guide,
        report: &(dyn Fn(Vec<Entry>) + Sync),
    ) -> Result<Vec<Entry>, StoreError> {
        self.sweep();
        let entries = fs::read_dir(&self.dir)
            .map_err(|e| StoreError::io("read the data folder", &self.dir, e))?;
        let mut index = self
            .index
            .clone()
            .map(|path| index::Index::load(path, guide_identity));
        let names: Vec<(fs::DirEntry, PathBuf, Option<String>)> = entries
            .flatten()
            .map(|e| {
                let name = e.file_name().into_string().ok();
                let path = e.path();
                (e, path, name)
            })
            .collect();
        // First what the index already knows (one `stat` each), then the rest, parsed.
        let mut found: Vec<(&PathBuf, Option<&String>, index::Stamp, Option<index::Kept>)> =
            Vec::new();
        // What is not a file is listed with the reason, never opened, and never kept in the
        // index: a link's own stamp does not change when what it leads to appears or goes.
        let mut listing = Vec::new();
        // Links to files outside the data folder, judged afresh every time (a folder on the way
        // may have been swapped for a link since), and only for links.
        let mut outside = std::collections::HashMap::new();
        for (dir_entry, path, name) in &names {
            if !is_community_name(path) {
                continue;
            }
            let (meta, is_link) = match look_at(dir_entry, path) {
                Looked::File { meta, is_link } => (meta, is_link),
                Looked::Unreadable(reason) => {
                    listing.push(Entry::Unreadable {
                        path: path.clone(),
                        reason,
                    });
                    continue;
                }
                Looked::Gone => continue,
            };
            if is_link && let Ok(Place::Outside(to)) = paths::place_within(&self.dir, path) {
                outside.insert(path.clone(), to);
            }
            let stamp = index::Stamp::of(&meta);
            let kept = match (&index, name) {
                (Some(index), Some(name)) => index.get(name, stamp).cloned(),
                _ => None,
            };
            found.push((path, name.as_ref(), stamp, kept));
        }
        let missing: Vec<&PathBuf> = found
            .iter()
            .filter(|(.., kept)| kept.is_none())
            .map(|(path, ..)| *path)
            .collect();
        let mut fresh = if missing.is_empty() {
            Vec::new()
        } else {
            self.summarize_all(&missing, guide(), report)
        }
        .into_iter();
        let mut present = std::collections::HashSet::new();
        listing.reserve(found.len());
        for (path, name, stamp, kept) in found {
            let kept = kept.unwrap_or_else(|| {
                let summary = fresh.next().expect("one summary per missing file");
                if let (Some(index), Some(name)) = (&mut index, name) {
                    index.put(name.clone(), stamp, summary.clone());
                }
                summary
            });
            if let Some(name) = name {
                present.insert(name.as_str());
            }
            let mut line = entry(path.clone(), kept);
            if let Entry::Community(summary) = &mut line {
                summary.outside = outside.remove(path);
            }
            listing.push(line);
        }
        if let Some(mut index) = index {
            index.retain(&present);
            index.store();
        }
        // Who has what open: one look at the marks folder, then only the marked files.
        let marked = super::lock::marked_files(&self.dir);
        if !marked.is_empty() {
            for line in &mut listing {
                if let Entry::Community(summary) = line
                    && summary.path.file_name().is_some_and(|f| marked.contains(f))
                {
                    summary.open_by = super::lock::holders(&summary.path).into_iter().next();
                }
            }
        }
        sort_listing(&mut listing);
        Ok(listing)
    }

    /// The community files in the data folder, by file name, found without looking at any of
    /// them (one read of the folder): what a first start shows before the listing is made.
    pub fn community_files(&self) -> Result<Vec<PathBuf>, StoreError> {
        let entries = fs::read_dir(&self.dir)
            .map_err(|e| StoreError::io("read the data folder", &self.dir, e))?;
        let mut files: Vec<PathBuf> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| is_community_name(p))
            .collect();
        // All in one folder: in the order of their names, which is the order of their paths.
        // Not `sort()`, which compares paths component by component: on a first start that was
        // nearly half of what home did before its first frame, for a thousand files.
        files.sort_unstable_by(|a, b| a.as_os_str().cmp(b.as_os_str()));
        Ok(files)
    }

    /// Removes what interrupted writes left in the data folder and in the folders convene
    /// writes into inside it — only real folders: a `trash` or `exports` that is a link is not
    /// followed, wherever it leads.
    fn sweep(&self) {
        atomic::sweep(&self.dir);
        for own in [TRASH_DIR, EXPORTS_DIR] {
            let dir = self.dir.join(own);
            if fs::symlink_metadata(&dir).is_ok_and(|m| m.is_dir()) {
                atomic::sweep(&dir);
            }
        }
    }

    /// The listing as the index last saw it, without looking at the files: fast enough for a
    /// first frame, and possibly out of date, so a caller shows it only until [`Store::list`]
    /// has run. `None` when no index is kept or it is unusable.
    /// `guide_identity` is [`Guide::identity`] of the guide the listing is for (known for the
    /// built-in guide before it is read). The index keeps the listing's order, so nothing is
    /// sorted here either.
    /// Only the first `limit` entries are read: a first frame shows no more than a screenful.
    pub fn list_from_index(&self, guide_identity: u64, limit: usize) -> Option<Vec<Entry>> {
        let kept = index::Index::read_unchecked(self.index.as_ref()?, guide_identity, limit)?;
        Some(
            kept.into_iter()
                .map(|(name, kept)| entry(self.dir.join(name), kept))
                .collect(),
        )
    }

    /// Reads and parses files for the listing, on every core when there are many (a first start
    /// in a folder of thousands); the summaries come back in the order of `paths`, and go to
    /// `report` a batch at a time meanwhile.
    fn summarize_all(
        &self,
        paths: &[&PathBuf],
        guide: &Guide,
        report: &(dyn Fn(Vec<Entry>) + Sync),
    ) -> Vec<index::Kept> {
        const PER_THREAD: usize = 64;
        // Small enough that home fills in several times a second, big enough that redrawing
        // it after each batch costs nothing next to the parsing.
        const BATCH: usize = 32;
        // Asking for the core count reads cgroup files: not worth it for a handful of files.
        let threads = match paths.len().div_ceil(PER_THREAD) {
            0 | 1 => 1,
            wanted => std::thread::available_parallelism().map_or(1, |n| n.get().min(wanted)),
        };
        let part = |part: &[&PathBuf]| {
            let mut kept = Vec::with_capacity(part.len());
            for batch in part.chunks(BATCH) {
                let start = kept.len();
                kept.extend(batch.iter().map(|p| self.summarize(p, guide)));
                report(
                    batch
                        .iter()
                        .zip(&kept[start..])
                        .map(|(path, kept)| entry((*path).clone(), kept.clone()))
                        .collect(),
                );
            }
            kept
        };
        if threads == 1 {
            return part(paths);
        }
        let chunk = paths.len().div_ceil(threads);
        std::thread::scope(|scope| {
            let workers: Vec<_> = paths
                .chunks(chunk)
                .map(|slice| scope.spawn(move || part(slice)))
                .collect();
            workers
                .into_iter()
                .flat_map(|w| w.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                .collect()
        })
    }

    /// Reads and parses one file for the listing.
    fn summarize(&self, path: &Path, guide: &Guide) -> index::Kept {
        match self.load(path) {
            Ok(loaded) => {
                let community = loaded.community();
                let progress = community.progress(guide);
                index::Kept::Community {
                    name: community.name.clone(),
                    answered: progress.answered,
                    total: progress.total,
                    updated: community.updated,
                    read_only: loaded.file.is_read_only(),
                    next_step: crate::community::next_step(community, guide),
                }
            }
            Err(err) => index::Kept::Unreadable {
                reason: err.reason(),
            },
        }
    }
}

/// Whether `path` is named like a community file: `*.toml`, not hidden. Names that are not
/// valid UTF-8 still count: such a file is listed (its name shown with replacement characters),
/// not hidden.
fn is_community_name(path: &Path) -> bool {
    let hidden = path
        .file_name()
        .is_some_and(|n| n.as_encoded_bytes().starts_with(b"."));
    // A constellation is not a community: `Store::constellations` lists those.
    let constellation = path
        .file_name()
        .and_then(|n| n.to_str())
        .is_some_and(crate::constellation::is_constellation_name);
    !hidden
        && !constellation
        && path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("toml"))
}

/// What the listing makes of a `*.toml` entry of the data folder before reading it.
enum Looked {
    /// A regular file, or a link to one.
    File { meta: fs::Metadata, is_link: bool },
    /// Anything else, with the reason it is not read.
    Unreadable(String),
    /// Removed since the folder was read.
    Gone,
}

/// Looks at one entry of the data folder without opening it: through the open folder (cheaper
/// than resolving the whole path again), but following a symbolic link, as reading would.
fn look_at(dir_entry: &fs::DirEntry, path: &Path) -> Looked {
    let is_link = dir_entry.file_type().is_ok_and(|t| t.is_symlink());
    let looked = if is_link {
        special::follow(path)
    } else {
        dir_entry.metadata().map(special::Found::from)
    };
    match looked {
        Ok(special::Found::File(meta)) => Looked::File { meta, is_link },
        Ok(special::Found::Special(special)) => Looked::Unreadable(special.not_a_file()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Looked::Gone,
        Err(e) => Looked::Unreadable(StoreError::io("look at", path, e).reason()),
    }
}

/// Communities by name (ignoring case), then the unreadable files by file name.
fn sort_listing(listing: &mut [Entry]) {
    listing.sort_by_cached_key(|e| match e {
        Entry::Community(s) => (0, s.name.to_lowercase(), s.path.clone()),
        Entry::Unreadable { path, .. } => (1, String::new(), path.clone()),
    });
}

/// A listing line from a summary.
fn entry(path: PathBuf, kept: index::Kept) -> Entry {
    match kept {
        index::Kept::Community {
            name,
            answered,
            total,
            updated,
            read_only,
            next_step,
        } => Entry::Community(Summary {
            path,
            name,
            progress: Progress { answered, total },
            updated,
            read_only,
            next_step,
            outside: None,
            open_by: None,
        }),
        index::Kept::Unreadable { reason } => Entry::Unreadable { path, reason },
    }
}
