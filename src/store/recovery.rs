//! Recovery copies: a facilitator's unsaved work, kept somewhere else when it cannot be saved
//! where it belongs.
//!
//! When a save fails — the folder is read-only, the disk is full, a folder sits where the file
//! should be — the text is still in memory, but a forced quit or a crash would lose it. So convene
//! writes it to a recovery copy in another place (the platform's state folder, or failing that
//! a folder of the user's own in the system's temporary folder), tells the facilitator where, and
//! the next start offers to restore it.
//!
//! A copy is the community file exactly as it would have been saved, after one comment line that
//! names the file it belongs to and the version of that file it was based on. It is therefore a
//! valid community file in its own right, which someone can open by hand if convene never gets
//! the chance. Because a copy names the file a restore writes to, only copies the user alone
//! could have written are read at all ([`private`]); see [`restore`] for how one is put back.
//!
//! A copy of a file in the data folder is offered when convene starts on that folder. A copy of
//! a file opened by path from somewhere else (`convene open ~/notes/x.toml`) belongs to no data
//! folder, so it is offered wherever convene starts next: otherwise it would wait, unseen, for a
//! start on a folder nobody will ever choose.
//!
//! Copies are read up to [`MAX_COPY_BYTES`], well above [`MAX_FILE_BYTES`]: a copy holds what
//! was in memory, which may have grown past what a community file may be, and it is the last
//! place that work exists (what happens to one that large on restore is in [`restore`]).

mod restore;

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use chrono::{DateTime, Local};
use serde::{Deserialize, Serialize};

use super::atomic::{self, Mode};
use super::private::{self, Folder};
use super::{Fingerprint, Loaded, MAX_FILE_BYTES, StoreError, read_capped, slug};
use crate::community::CommunityFile;

pub use restore::{Restored, RestoredAs};

/// The environment variable that sets the recovery folder (tests use it; so can a facilitator
/// whose state folder is on the same full disk as their data).
pub const RECOVERY_ENV: &str = "CONVENE_RECOVERY_DIR";

/// The largest recovery copy that is read: sixteen times the largest community file, plus room
/// for the header line. Bounded, so a stray huge file in the folder cannot exhaust memory.
pub const MAX_COPY_BYTES: u64 = 16 * MAX_FILE_BYTES + 64 * 1024;

/// How a recovery copy starts: a TOML comment, so the copy stays a valid community file.
const HEADER: &str = "# convene recovery copy ";

/// What the header line records, as JSON (a path can hold any character).
#[derive(Debug, Serialize, Deserialize)]
struct Header {
    /// The community file this work belongs to (an absolute path).
    origin: PathBuf,
    /// The version of that file the work was based on (see [`Fingerprint::token`]).
    base: String,
    /// The file was opened by path, outside the data folder of the convene that kept the copy,
    /// so the copy is offered wherever convene starts. (Absent in copies from before: false.)
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    outside: bool,
}

/// Where recovery copies go: the first of these folders that takes the write.
#[derive(Debug, Clone)]
pub struct Recovery {
    dirs: Vec<PathBuf>,
    /// Folders an older convene wrote copies to: read (if private), never written.
    legacy: Vec<PathBuf>,
}

/// A recovery copy found at start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Copy {
    /// The recovery file itself.
    pub path: PathBuf,
    /// The community file it belongs to.
    pub origin: PathBuf,
    /// The community's name in the copy.
    pub name: String,
    /// When the copy was written.
    pub written: DateTime<Local>,
    /// Its file is not in the data folder it was offered for (it was opened by path).
    pub elsewhere: bool,
    /// The community file's text, without the header.
    text: String,
    base: String,
    outside: bool,
}

impl Recovery {
    /// `$CONVENE_RECOVERY_DIR` if set, else the platform's state (or cache) folder; a folder of
    /// the user's own in the system's temporary folder is always the last resort.
    pub fn from_env() -> Recovery {
        let first = std::env::var_os(RECOVERY_ENV)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
            .or_else(|| {
                directories::ProjectDirs::from("", "", "convene").map(|d| {
                    d.state_dir()
                        .unwrap_or_else(|| d.cache_dir())
                        .join("recovery")
                })
            });
        Recovery::with_fallback(first, &std::env::temp_dir())
    }

    /// `first` (if any), then the user's own fallback folder in `temp` (see
    /// [`Recovery::fallback_in`]).
    pub fn with_fallback(first: Option<PathBuf>, temp: &Path) -> Recovery {
        let fallback = Recovery::fallback_in(temp);
        let legacy = temp.join("convene-recovery");
        Recovery {
            dirs: first.into_iter().chain([fallback.clone()]).collect(),
            legacy: if legacy == fallback {
                Vec::new()
            } else {
                vec![legacy]
            },
        }
    }

    /// The fallback folder in the temporary folder `temp`. Named after the user, so that one
    /// user who made the folder first (by accident or not) cannot keep another from having one.
    pub fn fallback_in(temp: &Path) -> PathBuf {
        #[cfg(unix)]
        let name = format!("convene-recovery-{}", private::current_uid());
        #[cfg(not(unix))]
        let name = "convene-recovery".to_string();
        temp.join(name)
    }

    /// Exactly this folder, no fallback (tests, and callers that choose the place).
    pub fn in_dir(dir: impl Into<PathBuf>) -> Recovery {
        Recovery::in_dirs([dir.into()])
    }

    /// These folders, in this order (the first that takes a write gets the copy).
    pub fn in_dirs(dirs: impl IntoIterator<Item = PathBuf>) -> Recovery {
        Recovery {
            dirs: dirs.into_iter().collect(),
            legacy: Vec::new(),
        }
    }

    pub fn dirs(&self) -> &[PathBuf] {
        &self.dirs
    }

    /// Every folder copies may be in: those written to, then those only read.
    fn all_dirs(&self) -> impl Iterator<Item = &PathBuf> {
        self.dirs.iter().chain(&self.legacy)
    }

    /// Writes a recovery copy of `loaded` as it is in memory; returns where it went.
    /// `data_dir` is the data folder of the convene keeping it (see [`Header::outside`]).
    pub fn keep(
        &self,
        loaded: &Loaded,
        text: &str,
        data_dir: &Path,
    ) -> Result<PathBuf, StoreError> {
        let origin = absolute(&loaded.path);
        let outside = origin.parent().map(canonical) != Some(canonical(data_dir));
        let header = Header {
            origin: origin.clone(),
            base: loaded.disk.token(),
            outside,
        };
        let line = serde_json::to_string(&header).unwrap_or_default();
        let bytes = format!("{HEADER}{line}\n{text}");
        let name = copy_name(&origin);
        let mut failures = Vec::new();
        for dir in &self.dirs {
            let path = dir.join(&name);
            let written = private::ensure_folder(dir)
                .map_err(|refusal| match refusal {
                    private::Refusal::NotPrivate(why) => StoreError::NotPrivate(dir.clone(), why),
                    private::Refusal::Io(e) => StoreError::io("create the recovery folder", dir, e),
                })
                .and_then(|()| {
                    atomic::write_private(&path, bytes.as_bytes(), Mode::Replace)
                        .map_err(|e| StoreError::io("write a recovery copy to", &path, e))
                });
            match written {
                Ok(()) => return Ok(path),
                Err(e) => failures.push(e),
            }
        }
        Err(match failures.len() {
            0 => StoreError::NoHome,
            1 => failures.remove(0),
            _ => StoreError::Several(failures),
        })
    }

    /// Removes every recovery copy of `origin` (its work is now saved where it belongs), from
    /// the folders that are the user's own.
    pub fn forget(&self, origin: &Path) {
        let name = copy_name(&absolute(origin));
        for dir in self.all_dirs() {
            if private::folder(dir) == Folder::Private {
                let _ = fs::remove_file(dir.join(&name));
            }
        }
    }

    /// The folders that are there but are refused (someone else's, or writable by others), as
    /// errors that say why. Nothing in them is read or written.
    pub fn problems(&self) -> Vec<StoreError> {
        self.dirs
            .iter()
            .filter_map(|dir| match private::folder(dir) {
                Folder::Refused(why) => Some(StoreError::NotPrivate(dir.clone(), why)),
                Folder::Missing | Folder::Private => None,
            })
            .collect()
    }

    /// The recovery copies that hold something their file does not: those of files in
    /// `data_dir`, and those of files opened by path from anywhere else.
    ///
    /// A copy identical to its file (the save went through after all) is removed on the way.
    /// Copies that cannot be read, or that the user alone could not have written, are left
    /// alone and not offered.
    pub fn pending(&self, data_dir: &Path) -> Vec<Copy> {
        let home = canonical(data_dir);
        let mut copies = Vec::new();
        for dir in self.all_dirs() {
            if private::folder(dir) != Folder::Private {
                continue;
            }
            atomic::sweep(dir);
            let Ok(entries) = fs::read_dir(dir) else {
                continue;
            };
            for entry in entries.flatten() {
                let path = entry.path();
                if path.extension().is_none_or(|e| e != "toml") {
                    continue;
                }
                let Some(mut copy) = read_copy(&path) else {
                    continue;
                };
                let in_home = copy.origin.parent().map(canonical) == Some(home.clone());
                if !in_home && !copy.outside {
                    continue;
                }
                copy.elsewhere = !in_home;
                match read_capped(&copy.origin) {
                    Ok(current) if current == copy.text.as_bytes() => {
                        let _ = fs::remove_file(&path);
                    }
                    _ => copies.push(copy),
                }
            }
        }
        // One offer per file: the newest copy (an older one in the fallback folder is removed
        // with it when the offer is taken, see `forget`).
        copies.sort_by(|a, b| a.origin.cmp(&b.origin).then(b.written.cmp(&a.written)));
        copies.dedup_by(|later, first| later.origin == first.origin);
        copies
    }
}

impl Copy {
    /// The community file's text the copy holds.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Whether the file it belongs to is still the version the work was based on (or is gone),
    /// so that writing the copy over it loses nothing (its old version still goes to the trash).
    pub fn can_replace_origin(&self) -> bool {
        !matches!(restore::origin_now(self), restore::Origin::Changed)
    }
}

/// One copy per community file: its name, made unique by a hash of the whole path.
fn copy_name(origin: &Path) -> String {
    let stem = origin
        .file_stem()
        .map(|s| slug::slug(&s.to_string_lossy()))
        .unwrap_or_default();
    let id = Fingerprint::of(origin.as_os_str().as_encoded_bytes()).hash;
    format!("{stem}.{id:016x}.toml")
}

fn read_copy(path: &Path) -> Option<Copy> {
    let (file, meta) = private::open_own_file(path)?;
    if meta.len() > MAX_COPY_BYTES {
        return None;
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(MAX_COPY_BYTES + 1).read_to_end(&mut bytes).ok()?;
    if bytes.len() as u64 > MAX_COPY_BYTES {
        return None;
    }
    let all = String::from_utf8(bytes).ok()?;
    let (first, text) = all.split_once('\n')?;
    let header: Header = serde_json::from_str(first.strip_prefix(HEADER)?).ok()?;
    let file = CommunityFile::parse(text).ok()?;
    let written = meta.modified().unwrap_or(SystemTime::now());
    Some(Copy {
        path: path.to_path_buf(),
        origin: header.origin,
        name: file.community.name,
        written: written.into(),
        elsewhere: false,
        text: text.to_string(),
        base: header.base,
        outside: header.outside,
    })
}

fn canonical(path: &Path) -> PathBuf {
    fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// A file opened by a relative path (`convene open ../x.toml`) is named the same way whatever
/// folder the next convene starts from, and without a `..` that would stop leading anywhere
/// once the folder it passes through is gone (its folder is resolved then; otherwise the path
/// is kept as given, links and all, as the data folder names its files).
fn absolute(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let climbs = absolute
        .components()
        .any(|c| c == std::path::Component::ParentDir);
    match (climbs, absolute.parent(), absolute.file_name()) {
        (true, Some(parent), Some(name)) => fs::canonicalize(parent)
            .map(|p| p.join(name))
            .unwrap_or(absolute),
        _ => absolute,
    }
}

impl super::Store {
    /// Writes a recovery copy of `loaded` as it is in memory (a save of it just failed).
    pub fn keep(
        &self,
        loaded: &mut Loaded,
        guide: &crate::guide::Guide,
    ) -> Result<PathBuf, StoreError> {
        let text = loaded
            .file
            .render(guide)
            .map_err(|e| StoreError::Format(loaded.path.clone(), e))?;
        self.recovery.keep(loaded, &text, &self.dir)
    }

    /// The recovery copies waiting for this data folder (see [`Recovery::pending`]).
    pub fn recoveries(&self) -> Vec<Copy> {
        self.recovery.pending(&self.dir)
    }
}
