//! Recovery copies: a facilitator's unsaved work, kept somewhere else when it cannot be saved
//! where it belongs.
//!
//! When a save fails — the folder is read-only, the disk is full, a folder sits where the file
//! should be — the text is still in memory, but a forced quit or a crash would lose it. So convene
//! writes it to a recovery copy in another place (the platform's state folder, or failing that
//! the system's temporary folder), tells the facilitator where, and the next start offers to
//! restore it.
//!
//! A copy is the community file exactly as it would have been saved, after one comment line that
//! names the file it belongs to and the version of that file it was based on. It is therefore a
//! valid community file in its own right, which someone can open by hand if convene never gets
//! the chance. Restoring writes it back over its file only when that file is still the version
//! the work was based on; otherwise both are kept, the copy as a new community.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use chrono::{DateTime, Local};
use serde::{Deserialize, Serialize};

use super::atomic::{self, Mode};
use super::{Fingerprint, Loaded, StoreError, read_capped, slug};
use crate::community::CommunityFile;

/// The environment variable that sets the recovery folder (tests use it; so can a facilitator
/// whose state folder is on the same full disk as their data).
pub const RECOVERY_ENV: &str = "CONVENE_RECOVERY_DIR";

/// How a recovery copy starts: a TOML comment, so the copy stays a valid community file.
const HEADER: &str = "# convene recovery copy ";

/// What the header line records, as JSON (a path can hold any character).
#[derive(Debug, Serialize, Deserialize)]
struct Header {
    /// The community file this work belongs to.
    origin: PathBuf,
    /// The version of that file the work was based on (see [`Fingerprint::token`]).
    base: String,
}

/// Where recovery copies go: the first of these folders that takes the write.
#[derive(Debug, Clone)]
pub struct Recovery {
    dirs: Vec<PathBuf>,
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
    /// The community file's text, without the header.
    text: String,
    base: String,
}

impl Recovery {
    /// `$CONVENE_RECOVERY_DIR` if set, else the platform's state (or cache) folder; the system's
    /// temporary folder is always the last resort.
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
        let fallback = std::env::temp_dir().join("convene-recovery");
        Recovery {
            dirs: first.into_iter().chain([fallback]).collect(),
        }
    }

    /// Exactly this folder, no fallback (tests, and callers that choose the place).
    pub fn in_dir(dir: impl Into<PathBuf>) -> Recovery {
        Recovery {
            dirs: vec![dir.into()],
        }
    }

    /// These folders, in this order (the first that takes a write gets the copy).
    pub fn in_dirs(dirs: impl IntoIterator<Item = PathBuf>) -> Recovery {
        Recovery {
            dirs: dirs.into_iter().collect(),
        }
    }

    pub fn dirs(&self) -> &[PathBuf] {
        &self.dirs
    }

    /// Writes a recovery copy of `loaded` as it is in memory; returns where it went.
    pub fn keep(&self, loaded: &Loaded, text: &str) -> Result<PathBuf, StoreError> {
        let header = Header {
            origin: loaded.path.clone(),
            base: loaded.disk.token(),
        };
        let line = serde_json::to_string(&header).unwrap_or_default();
        let bytes = format!("{HEADER}{line}\n{text}");
        let name = copy_name(&loaded.path);
        let mut last = None;
        for dir in &self.dirs {
            let path = dir.join(&name);
            match make_private_dir(dir)
                .and_then(|()| atomic::write_atomic(&path, bytes.as_bytes(), Mode::Replace))
            {
                Ok(()) => return Ok(path),
                Err(e) => last = Some(StoreError::io("write a recovery copy to", &path, e)),
            }
        }
        Err(last.unwrap_or(StoreError::NoHome))
    }

    /// Removes every recovery copy of `origin` (its work is now saved where it belongs).
    pub fn forget(&self, origin: &Path) {
        let name = copy_name(origin);
        for dir in &self.dirs {
            let _ = fs::remove_file(dir.join(&name));
        }
    }

    /// The recovery copies of files in `data_dir` that hold something their file does not.
    ///
    /// A copy identical to its file (the save went through after all) is removed on the way.
    /// Copies that cannot be read are left alone and not offered.
    pub fn pending(&self, data_dir: &Path) -> Vec<Copy> {
        let home = canonical(data_dir);
        let mut copies = Vec::new();
        for dir in &self.dirs {
            atomic::sweep(dir);
            let Ok(entries) = fs::read_dir(dir) else {
                continue;
            };
            for entry in entries.flatten() {
                let path = entry.path();
                if path.extension().is_none_or(|e| e != "toml") {
                    continue;
                }
                let Some(copy) = read_copy(&path) else {
                    continue;
                };
                let belongs = copy.origin.parent().map(canonical) == Some(home.clone());
                if !belongs {
                    continue;
                }
                match fs::read(&copy.origin) {
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
    /// so that writing the copy over it loses nothing.
    pub fn can_replace_origin(&self) -> bool {
        match read_capped(&self.origin) {
            Ok(bytes) => Fingerprint::of(&bytes).token() == self.base,
            Err(StoreError::Io { cause, .. }) => cause.kind() == io::ErrorKind::NotFound,
            Err(_) => false,
        }
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
    let bytes = read_capped(path).ok()?;
    let all = String::from_utf8(bytes).ok()?;
    let (first, text) = all.split_once('\n')?;
    let header: Header = serde_json::from_str(first.strip_prefix(HEADER)?).ok()?;
    let file = CommunityFile::parse(text).ok()?;
    let written = fs::metadata(path)
        .and_then(|m| m.modified())
        .unwrap_or(SystemTime::now());
    Some(Copy {
        path: path.to_path_buf(),
        origin: header.origin,
        name: file.community.name,
        written: written.into(),
        text: text.to_string(),
        base: header.base,
    })
}

fn canonical(path: &Path) -> PathBuf {
    fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// Creates the folder readable by its owner only: recovery copies hold private text, and the
/// fallback lives in the shared temporary folder.
fn make_private_dir(dir: &Path) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)
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
        self.recovery.keep(loaded, &text)
    }

    /// The recovery copies waiting for this data folder.
    pub fn recoveries(&self) -> Vec<Copy> {
        self.recovery.pending(&self.dir)
    }

    /// Puts a recovery copy back: over its file if that is still the version the work was based
    /// on, otherwise as a new community beside it (both kept). Returns the file written.
    pub fn restore(&self, copy: &Copy) -> Result<PathBuf, StoreError> {
        CommunityFile::parse(&copy.text).map_err(|e| StoreError::Format(copy.path.clone(), e))?;
        let in_place = copy.can_replace_origin()
            && copy.origin.parent().map(canonical) == Some(canonical(&self.dir));
        let written = if in_place {
            atomic::write_atomic(&copy.origin, copy.text.as_bytes(), Mode::Replace)
                .map_err(|e| StoreError::io("restore", &copy.origin, e))?;
            copy.origin.clone()
        } else {
            let stem = copy
                .origin
                .file_stem()
                .map(|s| format!("{}-recovered", s.to_string_lossy()))
                .unwrap_or_else(|| "recovered".to_string());
            self.create_file(&slug::slug(&stem), &copy.text)?
        };
        fs::remove_file(&copy.path).map_err(|e| StoreError::io("remove", &copy.path, e))?;
        self.recovery.forget(&copy.origin);
        Ok(written)
    }

    /// Moves a recovery copy the facilitator does not want into the data folder's trash (copied
    /// then removed: the recovery folder may be on another disk).
    pub fn discard(&self, copy: &Copy) -> Result<PathBuf, StoreError> {
        let stem = copy
            .origin
            .file_stem()
            .map(|s| format!("{}-recovery", s.to_string_lossy()))
            .unwrap_or_else(|| "recovery".to_string());
        let target = self.trash_bytes(&slug::slug(&stem), copy.text.as_bytes())?;
        fs::remove_file(&copy.path).map_err(|e| StoreError::io("remove", &copy.path, e))?;
        self.recovery.forget(&copy.origin);
        Ok(target)
    }
}
