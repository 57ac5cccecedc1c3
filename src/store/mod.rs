//! The data directory: where communities live, how they are listed, loaded and saved.
//!
//! One community is one `*.toml` file directly inside the data directory. The store is the only
//! code that touches those files, so the reliability rules live here: writes are atomic and
//! durable ([`atomic`]), a file is never written over when someone else changed it since it was
//! loaded (a content hash, not only the modification time), a file convene cannot read — or that
//! a newer convene wrote — is never written at all, and listing never fails because one file is
//! bad.

mod atomic;
mod error;
mod index;
pub mod names;
mod recovery;
mod slug;

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};

pub use atomic::TEMP_PREFIX;
pub use error::{StoreError, shown};
pub use index::CACHE_ENV;
pub use recovery::{Copy as RecoveryCopy, RECOVERY_ENV, Recovery};
pub use slug::slug;

use crate::community::{Community, CommunityFile, Located, Progress};
use crate::guide::Guide;

/// Files larger than this are refused with a clear message instead of being parsed: no real
/// community comes near it, and a mistaken or hostile file must not exhaust memory.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// The folder inside the data directory where deleted communities go.
pub const TRASH_DIR: &str = "trash";

/// The environment variable that overrides the data directory (as `--dir` does).
pub const DIR_ENV: &str = "CONVENE_DIR";

/// The platform's data directory for convene (e.g. `~/.local/share/convene` on Linux).
pub fn default_dir() -> Result<PathBuf, StoreError> {
    directories::ProjectDirs::from("", "", "convene")
        .map(|dirs| dirs.data_dir().to_path_buf())
        .ok_or(StoreError::NoHome)
}

/// A community file as loaded, with what is needed to save it safely.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub path: PathBuf,
    pub file: CommunityFile,
    /// Hash of the bytes on disk when loaded or last saved.
    disk: Fingerprint,
}

impl Loaded {
    pub fn community(&self) -> &Community {
        &self.file.community
    }

    pub fn community_mut(&mut self) -> &mut Community {
        &mut self.file.community
    }
}

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
}

impl Entry {
    pub fn path(&self) -> &Path {
        match self {
            Entry::Community(s) => &s.path,
            Entry::Unreadable { path, .. } => path,
        }
    }
}

/// Identity of a file's content: equal fingerprints mean equal bytes (to a 64-bit hash).
///
/// FNV-1a rather than the standard library's hasher, whose output may change between Rust
/// releases: fingerprints are also written into recovery copies and read by a later convene.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Fingerprint {
    len: usize,
    hash: u64,
}

impl Fingerprint {
    fn of(bytes: &[u8]) -> Fingerprint {
        let hash = bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, &b| {
            (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
        });
        Fingerprint {
            len: bytes.len(),
            hash,
        }
    }

    /// The fingerprint as text, for a recovery copy's header.
    fn token(&self) -> String {
        format!("{}:{:016x}", self.len, self.hash)
    }
}

/// The data directory.
#[derive(Debug, Clone)]
pub struct Store {
    dir: PathBuf,
    /// Where unsaved work goes when a save fails.
    recovery: Recovery,
    /// The listing index of this folder, if one is kept (see [`index`]).
    index: Option<PathBuf>,
}

impl Store {
    /// Opens (creating if needed) the data directory. (What interrupted saves left behind is
    /// swept by [`Store::list`], which reads the folder anyway, and off the first frame's path.)
    pub fn open(dir: impl Into<PathBuf>) -> Result<Store, StoreError> {
        // Absolute, so that a recovery copy names its file the same way whatever folder the
        // next convene is started from.
        let dir = dir.into();
        let dir = std::path::absolute(&dir).unwrap_or(dir);
        if dir.exists() && !dir.is_dir() {
            return Err(StoreError::NotADirectory(dir));
        }
        fs::create_dir_all(&dir).map_err(|e| StoreError::io("create the data folder", &dir, e))?;
        Ok(Store {
            dir,
            recovery: Recovery::from_env(),
            index: None,
        })
    }

    /// The same store, keeping a listing index in `cache_dir` (the app and the command line use
    /// [`Store::with_default_index`]; a library user opts in).
    pub fn with_index_in(self, cache_dir: &Path) -> Store {
        let index = Some(index::Index::path_for(cache_dir, &self.dir));
        Store { index, ..self }
    }

    /// The same store, keeping its listing index in the platform's cache folder (or
    /// `$CONVENE_CACHE_DIR`), if there is one.
    pub fn with_default_index(self) -> Store {
        match index::Index::default_dir() {
            Some(dir) => self.with_index_in(&dir),
            None => self,
        }
    }

    /// The same store, keeping recovery copies where `recovery` says.
    pub fn with_recovery(self, recovery: Recovery) -> Store {
        Store { recovery, ..self }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn recovery(&self) -> &Recovery {
        &self.recovery
    }

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
        atomic::sweep(&self.dir);
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
        for (dir_entry, path, name) in &names {
            if !is_community_name(path) {
                continue;
            }
            // Relative to the open folder (cheaper than resolving the whole path again), but a
            // symbolic link is followed, as reading the file would.
            let meta = match dir_entry.file_type() {
                Ok(t) if t.is_symlink() => fs::metadata(path),
                _ => dir_entry.metadata(),
            };
            let Ok(meta) = meta else {
                continue;
            };
            if !meta.is_file() {
                continue;
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
            self.summarize_all(&missing, guide())
        }
        .into_iter();
        let mut present = std::collections::HashSet::new();
        let mut listing = Vec::with_capacity(found.len());
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
            listing.push(entry(path.clone(), kept));
        }
        if let Some(mut index) = index {
            index.retain(&present);
            index.store();
        }
        sort_listing(&mut listing);
        Ok(listing)
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
    /// in a folder of thousands); the summaries come back in the order of `paths`.
    fn summarize_all(&self, paths: &[&PathBuf], guide: &Guide) -> Vec<index::Kept> {
        const PER_THREAD: usize = 64;
        // Asking for the core count reads cgroup files: not worth it for a handful of files.
        let threads = match paths.len().div_ceil(PER_THREAD) {
            0 | 1 => 1,
            wanted => std::thread::available_parallelism().map_or(1, |n| n.get().min(wanted)),
        };
        if threads == 1 {
            return paths.iter().map(|p| self.summarize(p, guide)).collect();
        }
        let chunk = paths.len().div_ceil(threads);
        std::thread::scope(|scope| {
            let workers: Vec<_> = paths
                .chunks(chunk)
                .map(|part| {
                    scope.spawn(move || {
                        part.iter()
                            .map(|p| self.summarize(p, guide))
                            .collect::<Vec<_>>()
                    })
                })
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

    /// Creates a new community file for `name`, never overwriting another one.
    pub fn create(&self, name: &str, guide: &Guide) -> Result<Loaded, StoreError> {
        self.create_as(CommunityFile::new(Community::new(name)), guide)
    }

    /// Writes `file` as a new community file named after its community, never overwriting
    /// another one.
    fn create_as(&self, mut file: CommunityFile, guide: &Guide) -> Result<Loaded, StoreError> {
        let text = file
            .render(guide)
            .map_err(|e| StoreError::Format(self.dir.clone(), e))?;
        let path = self.create_file(&slug(&file.community.name), &text)?;
        file.mark_saved();
        Ok(Loaded {
            disk: Fingerprint::of(text.as_bytes()),
            path,
            file,
        })
    }

    /// Writes `text` to a new file `<stem>.toml` (or `<stem>-2.toml`, …) in the data folder.
    fn create_file(&self, stem: &str, text: &str) -> Result<PathBuf, StoreError> {
        for n in 1.. {
            let path = self.dir.join(slug::file_name(stem, n));
            match atomic::write_atomic(&path, text.as_bytes(), atomic::Mode::CreateNew) {
                Ok(()) => return Ok(path),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(StoreError::io("create", &path, e)),
            }
        }
        unreachable!("the loop only ends by returning")
    }

    /// Saves what is in memory as a new community called `name` beside the original (whose file
    /// someone else changed), keeping every comment and unknown key; returns the new file.
    pub fn save_copy(
        &self,
        loaded: &Loaded,
        name: &str,
        guide: &Guide,
    ) -> Result<Loaded, StoreError> {
        let mut file = loaded.file.clone();
        file.community.name = name.to_string();
        self.create_as(file, guide)
    }

    /// Creates a new community file from a whole community (a duplicate, an example), under a
    /// fresh file name made from its name.
    pub fn create_from(&self, community: Community, guide: &Guide) -> Result<Loaded, StoreError> {
        self.create_as(CommunityFile::new(community), guide)
    }

    /// Moves a community file into the `trash` folder of the data directory (never deletes it),
    /// and returns where it went.
    pub fn trash(&self, path: &Path) -> Result<PathBuf, StoreError> {
        let trash = self.trash_dir()?;
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let stem = name.strip_suffix(".toml").unwrap_or(&name).to_string();
        for n in 1.. {
            let target = trash.join(slug::file_name(&stem, n));
            if target.exists() {
                continue;
            }
            fs::rename(path, &target)
                .map_err(|e| StoreError::io("move to the trash folder", path, e))?;
            return Ok(target);
        }
        unreachable!("the loop only ends by returning")
    }

    /// Writes `bytes` as a new file `<stem>.toml` in the trash folder.
    fn trash_bytes(&self, stem: &str, bytes: &[u8]) -> Result<PathBuf, StoreError> {
        let trash = self.trash_dir()?;
        for n in 1.. {
            let target = trash.join(slug::file_name(stem, n));
            match atomic::write_atomic(&target, bytes, atomic::Mode::CreateNew) {
                Ok(()) => return Ok(target),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(StoreError::io("write to the trash folder", &target, e)),
            }
        }
        unreachable!("the loop only ends by returning")
    }

    fn trash_dir(&self) -> Result<PathBuf, StoreError> {
        let trash = self.dir.join(TRASH_DIR);
        fs::create_dir_all(&trash)
            .map_err(|e| StoreError::io("create the trash folder", &trash, e))?;
        Ok(trash)
    }

    /// The file of the community called `query`: a path to a file, a community's name (the exact
    /// name first, then the same name in composed Unicode, then in any case), or its file name
    /// with or without `.toml`. Several communities agreeing equally well is an error that lists
    /// them ([`StoreError::Ambiguous`]), never a guess.
    pub fn find(&self, query: &str, guide: &Guide) -> Result<PathBuf, StoreError> {
        let as_path = Path::new(query);
        if as_path.is_file() {
            return Ok(as_path.to_path_buf());
        }
        let entries = self.list(guide)?;
        // By name: the exact name, then the same name composed (NFC), then in any case; never a
        // guess between several that agree equally well (`names` says why).
        if let Some((_, found)) = names::best_matches(&entries, query) {
            return match found.as_slice() {
                [one] => Ok(one.path.clone()),
                several => Err(StoreError::Ambiguous(
                    query.to_string(),
                    names::paths(several),
                )),
            };
        }
        // By file name, with or without `.toml`: exactly, then in any case.
        let wanted = query.trim();
        let stem = wanted.strip_suffix(".toml").unwrap_or(wanted);
        let stem_of = |e: &Entry| {
            e.path()
                .file_stem()
                .map(|f| f.to_string_lossy().into_owned())
                .unwrap_or_default()
        };
        let exact: Vec<&Entry> = entries.iter().filter(|e| stem_of(e) == stem).collect();
        let by_file = if exact.is_empty() {
            let stem = stem.to_lowercase();
            entries
                .iter()
                .filter(|e| stem_of(e).to_lowercase() == stem)
                .collect()
        } else {
            exact
        };
        match by_file.as_slice() {
            [one] => Ok(one.path().to_path_buf()),
            [] => Err(StoreError::NotFound(query.to_string(), self.dir.clone())),
            several => Err(StoreError::Ambiguous(
                query.to_string(),
                several
                    .iter()
                    .map(|e| (stem_of(e), e.path().to_path_buf()))
                    .collect(),
            )),
        }
    }

    /// Loads one community file.
    pub fn load(&self, path: &Path) -> Result<Loaded, StoreError> {
        let bytes = read_capped(path)?;
        let text = as_text(path, &bytes)?;
        let file =
            CommunityFile::parse(text).map_err(|e| StoreError::Format(path.to_path_buf(), e))?;
        Ok(Loaded {
            path: path.to_path_buf(),
            file,
            disk: Fingerprint::of(&bytes),
        })
    }

    /// Saves a loaded community in place, unless that would lose someone else's change.
    ///
    /// Refuses when a newer convene wrote the file, and when the bytes on disk are no longer
    /// those loaded or last saved (someone edited the file meanwhile): the facilitator decides.
    pub fn save(&self, loaded: &mut Loaded, guide: &Guide) -> Result<(), StoreError> {
        let text = loaded
            .file
            .render(guide)
            .map_err(|e| StoreError::Format(loaded.path.clone(), e))?;
        match read_capped(&loaded.path) {
            Ok(current) => {
                if Fingerprint::of(&current) != loaded.disk {
                    return Err(StoreError::Conflict(loaded.path.clone()));
                }
                if current == text.as_bytes() {
                    loaded.file.mark_saved();
                    return Ok(());
                }
            }
            // Deleted or moved away meanwhile: writing it again loses nothing.
            Err(StoreError::Io { cause, .. }) if cause.kind() == io::ErrorKind::NotFound => {}
            Err(other) => return Err(other),
        }
        atomic::write_atomic(&loaded.path, text.as_bytes(), atomic::Mode::Replace)
            .map_err(|e| StoreError::io("save", &loaded.path, e))?;
        loaded.disk = Fingerprint::of(text.as_bytes());
        loaded.file.mark_saved();
        Ok(())
    }
}

/// Writes any file (a charter, say) atomically and durably, replacing what was there.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    atomic::write_atomic(path, bytes, atomic::Mode::Replace)
        .map_err(|e| StoreError::io("write", path, e))
}

/// Reads a file that should hold a community: UTF-8 text, not too large.
pub fn read_text(path: &Path) -> Result<String, StoreError> {
    let bytes = read_capped(path)?;
    as_text(path, &bytes)?;
    String::from_utf8(bytes).map_err(|_| StoreError::NotAFile(path.to_path_buf()))
}

fn as_text<'b>(path: &Path, bytes: &'b [u8]) -> Result<&'b str, StoreError> {
    std::str::from_utf8(bytes).map_err(|e| {
        let valid = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
        let at = Located::at(valid, valid.len(), "the file is not UTF-8 text");
        StoreError::NotText(path.to_path_buf(), at)
    })
}

/// Whether `path` is named like a community file: `*.toml`, not hidden. Names that are not
/// valid UTF-8 still count: such a file is listed (its name shown with replacement characters),
/// not hidden.
fn is_community_name(path: &Path) -> bool {
    let hidden = path
        .file_name()
        .is_some_and(|n| n.as_encoded_bytes().starts_with(b"."));
    !hidden
        && path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("toml"))
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
        }),
        index::Kept::Unreadable { reason } => Entry::Unreadable { path, reason },
    }
}

/// Reads a file, refusing folders and anything over [`MAX_FILE_BYTES`] without reading it all.
pub(crate) fn read_capped(path: &Path) -> Result<Vec<u8>, StoreError> {
    use std::io::Read;
    let file = fs::File::open(path).map_err(|e| StoreError::io("open", path, e))?;
    let meta = file
        .metadata()
        .map_err(|e| StoreError::io("read", path, e))?;
    if meta.is_dir() {
        return Err(StoreError::NotAFile(path.to_path_buf()));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(StoreError::TooLarge(path.to_path_buf(), meta.len()));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| StoreError::io("read", path, e))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(StoreError::TooLarge(path.to_path_buf(), bytes.len() as u64));
    }
    Ok(bytes)
}
