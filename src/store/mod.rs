//! The data directory: where communities live, how they are listed, loaded and saved.
//!
//! One community is one `*.toml` file directly inside the data directory. The store is the only
//! code that touches those files, so the reliability rules live here: writes are atomic and
//! durable ([`atomic`]), a file is never written over when someone else changed it since it was
//! loaded (a content hash, not only the modification time), a file convene cannot read — or that
//! a newer convene wrote — is never written at all, and listing never fails because one file is
//! bad. Saves compare and swap under an operating-system lock, and a convene that has a
//! community open says so to the next one ([`lock`]); a community file that is a symbolic link
//! stays one ([`link`]).

mod atomic;
mod constellations;
mod error;
mod history;
mod index;
mod link;
mod listing;
pub mod lock;
mod merging;
pub mod names;
mod paths;
mod places;
mod private;
mod recovery;
mod rename;
mod slug;
pub(crate) mod special;

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

pub use atomic::TEMP_PREFIX;
pub use constellations::{ConstellationEntry, Grouped, LoadedConstellation, Split};
pub use error::{StoreError, shown};
pub use history::{NoHistory, Version, versions};
pub use index::CACHE_ENV;
pub use listing::{Entry, Summary};
pub use merging::MergedIn;
pub use paths::{Place, place_within};
pub use recovery::{
    Copy as RecoveryCopy, MAX_COPY_BYTES, RECOVERY_ENV, Recovery, Restored, RestoredAs,
};
pub use slug::slug;
pub use special::{Special, open_to_read};

use crate::community::{Community, CommunityFile, Located};
use crate::guide::Guide;

/// Files larger than this are refused with a clear message instead of being parsed: no real
/// community comes near it, and a mistaken or hostile file must not exhaust memory.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// The folder inside the data directory where deleted communities go.
pub const TRASH_DIR: &str = "trash";

/// The folder inside the data directory where the app writes charters.
pub const EXPORTS_DIR: &str = "exports";

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
    /// Where a link at `path` leads when that is out of its folder: the file is read-only.
    link_out: Option<PathBuf>,
    /// The text on disk when loaded or last saved: the common version a merge starts from
    /// when someone else's save came in meanwhile (see `merging.rs`).
    base: std::sync::Arc<str>,
}

impl Loaded {
    /// The community in `text`, as if loaded from the file at `path` — nothing is read: for
    /// the app's state tests, which need an open community without a folder.
    pub fn from_text(path: PathBuf, text: &str) -> Result<Loaded, crate::community::FormatError> {
        Ok(Loaded {
            path,
            file: CommunityFile::parse(text)?,
            disk: Fingerprint::of(text.as_bytes()),
            link_out: None,
            base: text.into(),
        })
    }

    pub fn community(&self) -> &Community {
        &self.file.community
    }

    pub fn community_mut(&mut self) -> &mut Community {
        &mut self.file.community
    }

    /// Where the file's symbolic link leads, when that is outside its folder (or nowhere):
    /// convene never writes through such a link, so the community is read-only.
    pub fn link_outside(&self) -> Option<&Path> {
        self.link_out.as_deref()
    }

    /// The size of the file as loaded or last saved, in bytes.
    pub fn saved_len(&self) -> usize {
        self.disk.len
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

    /// Creates a new community file for `name`, never overwriting another one.
    pub fn create(&self, name: &str, guide: &Guide) -> Result<Loaded, StoreError> {
        self.create_as(CommunityFile::new(Community::new(name)), None, guide)
    }

    /// Writes `file` as a new community file named after its community (and `label`, if given),
    /// never overwriting another one.
    fn create_as(
        &self,
        mut file: CommunityFile,
        label: Option<&str>,
        guide: &Guide,
    ) -> Result<Loaded, StoreError> {
        let text = file
            .render(guide)
            .map_err(|e| StoreError::Format(self.dir.clone(), e))?;
        let stem = match label {
            Some(label) => format!("{}-{}", slug(&file.community.name), slug(label)),
            None => slug(&file.community.name),
        };
        let path = self.create_file(&stem, &text)?;
        file.mark_saved();
        Ok(Loaded {
            disk: Fingerprint::of(text.as_bytes()),
            path,
            file,
            link_out: None,
            base: text.into(),
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

    /// Saves what is in memory as a new file beside the original (whose file someone else
    /// changed), keeping every comment and unknown key, and the community's own name — its
    /// charters and drafts say what the community is called, not that it is a copy. The copy is
    /// marked in its file's name instead: `<name>-<label>.toml` ("ferry-crews-your-copy-2-dec-
    /// 14-02.toml"); returns the new file.
    pub fn save_copy(
        &self,
        loaded: &Loaded,
        label: &str,
        guide: &Guide,
    ) -> Result<Loaded, StoreError> {
        self.create_as(loaded.file.clone(), Some(label), guide)
    }

    /// Creates a new community file from a whole community (a duplicate, an example), under a
    /// fresh file name made from its name.
    pub fn create_from(&self, community: Community, guide: &Guide) -> Result<Loaded, StoreError> {
        self.create_as(CommunityFile::new(community), None, guide)
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

    /// The trash folder, created if missing; refused when it is a link leading out of the data
    /// folder or not a folder at all (see [`Store::own_folder`]).
    fn trash_dir(&self) -> Result<PathBuf, StoreError> {
        self.own_folder(TRASH_DIR)
    }

    /// The folder the app writes charters into, checked as the trash folder is.
    pub fn exports_dir(&self) -> Result<PathBuf, StoreError> {
        self.own_folder(EXPORTS_DIR)
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
        let link_out = match link::target(path) {
            link::Target::Outside(to) => Some(to),
            link::Target::Itself | link::Target::Inside(_) => None,
        };
        Ok(Loaded {
            // Absolute, like the data folder: a recovery copy names its file, and a relative
            // name would mean another file to a convene started in another folder.
            path: std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()),
            disk: Fingerprint::of(&bytes),
            link_out,
            base: base_of(&file, text),
            file,
        })
    }

    /// Saves a loaded community in place, unless that would lose someone else's change.
    ///
    /// Refuses when a newer convene wrote the file, and when the bytes on disk are no longer
    /// those loaded or last saved (someone edited the file meanwhile): the facilitator decides.
    /// The comparison and the write are one step under the folder's save lock (see [`lock`]):
    /// of two saves at the same instant, in two processes or two threads, the second always sees
    /// the first's bytes and gets [`StoreError::Conflict`]. A file that is a symbolic link stays
    /// one: its target is written (see [`link`]).
    pub fn save(&self, loaded: &mut Loaded, guide: &Guide) -> Result<(), StoreError> {
        let text = loaded
            .file
            .render(guide)
            .map_err(|e| StoreError::Format(loaded.path.clone(), e))?;
        if Fingerprint::of(text.as_bytes()) == loaded.disk {
            // Nothing of ours differs from what was loaded or last saved: nothing to lose, and
            // nothing to overwrite someone else's change with (a quit after another convene
            // saved must not turn into a needless "your copy").
            loaded.file.mark_saved();
            return Ok(());
        }
        compare_and_swap(&loaded.path, loaded.disk, text.as_bytes())?;
        loaded.disk = Fingerprint::of(text.as_bytes());
        loaded.base = base_of(&loaded.file, &text);
        loaded.file.mark_saved();
        Ok(())
    }
}

/// Writes `bytes` over the community file at `path` if the bytes on disk are still those with
/// the fingerprint `expect` (or the file is gone), as one step under the folder's save lock;
/// through a link, to its target inside the folder. [`StoreError::Conflict`] otherwise.
/// (Anything that replaces a community file in place should come through here; `recovery`
/// can, as a child module.)
fn compare_and_swap(path: &Path, expect: Fingerprint, bytes: &[u8]) -> Result<(), StoreError> {
    let target = match link::target(path) {
        link::Target::Itself => path.to_path_buf(),
        link::Target::Inside(real) => real,
        link::Target::Outside(to) => {
            return Err(StoreError::LinkOutside(path.to_path_buf(), to));
        }
    };
    let _saving = lock::for_save(&target)
        .map_err(|()| StoreError::Busy(path.to_path_buf(), lock::SAVE_WAIT))?;
    match read_capped(&target) {
        Ok(current) => {
            if Fingerprint::of(&current) != expect {
                return Err(StoreError::Conflict(path.to_path_buf()));
            }
            if current == bytes {
                return Ok(());
            }
        }
        // Deleted or moved away meanwhile: writing it again loses nothing.
        Err(StoreError::Io { cause, .. }) if cause.kind() == io::ErrorKind::NotFound => {}
        Err(other) => return Err(other),
    }
    atomic::write_atomic(&target, bytes, atomic::Mode::Replace)
        .map_err(|e| StoreError::io("save", path, e))
}

/// Writes any file (a charter, say) atomically and durably, replacing what was there — but only
/// a regular file: a link, a FIFO, a device or a folder in the way is refused, never replaced
/// or written through.
///
/// What an earlier, interrupted write of convene's left next to `path` (its own stale temporary
/// files, made by the same user) is swept afterwards: the folder may be anyone's, so nothing
/// else in it is touched.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    match fs::symlink_metadata(path) {
        Ok(meta) => {
            let special = if meta.file_type().is_symlink() {
                Some(Special::Link)
            } else {
                Special::of(&meta)
            };
            if let Some(special) = special {
                return Err(StoreError::NotReplaceable(path.to_path_buf(), special));
            }
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(StoreError::io("look at", path, e)),
    }
    atomic::write_atomic(path, bytes, atomic::Mode::Replace)
        .map_err(|e| StoreError::io("write", path, e))?;
    atomic::sweep_beside(path);
    Ok(())
}

/// `text`, as loaded or saved, as the base of a later three-way merge: the file's own copy of
/// it when it is the same (no byte order mark, `\n` line breaks), so a big file's text is held
/// once, not twice.
fn base_of(file: &CommunityFile, text: &str) -> std::sync::Arc<str> {
    match file.shared_source() {
        Some(source) if *source == *text => source,
        _ => text.into(),
    }
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

/// Reads a file, refusing anything but a regular file (or a link to one) and anything over
/// [`MAX_FILE_BYTES`], without reading it all.
///
/// The type is checked before opening, so a FIFO, a device or a link to nothing is never
/// opened; the open itself never waits (see [`special`]), and what was opened is checked again.
/// The size is capped while reading too, since some files say they are empty and are not
/// (`/proc`), and a file may grow while it is read.
pub(crate) fn read_capped(path: &Path) -> Result<Vec<u8>, StoreError> {
    use std::io::Read;
    let not_a_file = |special| match special {
        Special::Folder => StoreError::NotAFile(path.to_path_buf()),
        other => StoreError::Special(path.to_path_buf(), other),
    };
    match special::look(path).map_err(|e| StoreError::io("open", path, e))? {
        special::Found::File(meta) if meta.len() > MAX_FILE_BYTES => {
            return Err(StoreError::TooLarge(path.to_path_buf(), meta.len()));
        }
        special::Found::File(_) => {}
        special::Found::Special(special) => return Err(not_a_file(special)),
    }
    let file = special::open_to_read(path).map_err(|e| StoreError::io("open", path, e))?;
    let meta = file
        .metadata()
        .map_err(|e| StoreError::io("read", path, e))?;
    if let Some(special) = Special::of(&meta) {
        return Err(not_a_file(special));
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
