//! Putting a recovery copy back, or moving it to the trash, without losing anything either way.
//!
//! Restoring writes the copy over the file it belongs to only when that file is still the
//! version the work was based on (or is gone): then nothing anyone wrote since is lost. Even so
//! the version it replaces goes to the data folder's trash first, so a restore can always be
//! undone by hand — the facilitator may have forgotten what the copy held. A file opened by path
//! from elsewhere has no trash of convene's beside it, so its old version also goes to the trash
//! of the data folder convene runs on, and the message says where.
//!
//! Otherwise the copy becomes a new community beside its file (`<name>-recovered.toml`) and both
//! are kept. That is also where a copy goes that is over [`MAX_FILE_BYTES`] — work convene held
//! in memory may be larger than a file it will open: written over its file, it would turn an
//! openable community into one that is refused; beside it, the work is on disk under a name the
//! message gives, listed as too large, for the facilitator to shorten in an editor. A file that
//! is a symbolic link is never written over either (that would replace the link with a file).
//!
//! When the folder of a file opened by path cannot take the write (often the very reason the
//! save failed), the work goes to the data folder instead, rather than staying in limbo.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::Copy;
use crate::community::CommunityFile;
use crate::store::atomic::{self, Mode};
use crate::store::{Fingerprint, MAX_FILE_BYTES, Store, StoreError, read_capped, slug};

/// Where a restored copy went, and what it replaced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restored {
    /// The community file that now holds the work.
    pub path: PathBuf,
    pub how: RestoredAs,
    /// The version of the file the copy was written over, now in the data folder's trash.
    pub old_version: Option<PathBuf>,
    /// The copy's size, when it is over [`MAX_FILE_BYTES`] (so convene will not open it).
    pub too_large: Option<u64>,
}

impl Restored {
    /// Why convene will not open the restored file, when it is too large ("1.2 MB, over the
    /// limit of …"), in the words of [`StoreError::TooLarge`].
    ///
    /// [`StoreError::TooLarge`]: crate::store::StoreError::TooLarge
    pub fn too_large_reason(&self) -> Option<String> {
        let size = self.too_large?;
        Some(crate::store::StoreError::TooLarge(self.path.clone(), size).reason())
    }
}

/// How a copy was put back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RestoredAs {
    /// Over its own file.
    InPlace,
    /// As a new file beside its own, which is kept as it is.
    Beside,
    /// As a new file in the data folder, because its own folder could not take it (why).
    InDataFolder(String),
}

/// The file a copy belongs to, as it is now.
pub(super) enum Origin {
    Gone,
    /// Still the version the work was based on: these bytes.
    Unchanged(Vec<u8>),
    /// Changed since, unreadable, or a link: not to be written over.
    Changed,
}

pub(super) fn origin_now(copy: &Copy) -> Origin {
    match fs::symlink_metadata(&copy.origin) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Origin::Gone,
        Ok(meta) if meta.file_type().is_symlink() => return Origin::Changed,
        _ => {}
    }
    match read_capped(&copy.origin) {
        Ok(bytes) if Fingerprint::of(&bytes).token() == copy.base => Origin::Unchanged(bytes),
        Err(StoreError::Io { cause, .. }) if cause.kind() == io::ErrorKind::NotFound => {
            Origin::Gone
        }
        _ => Origin::Changed,
    }
}

impl Store {
    /// Puts a recovery copy back (see the module's comment for where); the copy is then gone.
    pub fn restore(&self, copy: &Copy) -> Result<Restored, StoreError> {
        CommunityFile::parse(&copy.text).map_err(|e| StoreError::Format(copy.path.clone(), e))?;
        let size = copy.text.len() as u64;
        let restored = if size > MAX_FILE_BYTES {
            Restored {
                too_large: Some(size),
                ..self.restore_beside(copy)?
            }
        } else {
            match origin_now(copy) {
                Origin::Gone => self.restore_over(copy, None)?,
                Origin::Unchanged(old) => self.restore_over(copy, Some(&old))?,
                Origin::Changed => self.restore_beside(copy)?,
            }
        };
        fs::remove_file(&copy.path).map_err(|e| StoreError::io("remove", &copy.path, e))?;
        self.recovery.forget(&copy.origin);
        Ok(restored)
    }

    /// Writes the copy over its file, its current version (`old`) first to the trash.
    fn restore_over(&self, copy: &Copy, old: Option<&[u8]>) -> Result<Restored, StoreError> {
        let old_version = match old {
            Some(bytes) => Some(self.trash_bytes(&stem(copy, "before-restore"), bytes)?),
            None => None,
        };
        // As a save is: under the folder's save lock, and only over the version just trashed
        // (a convene that saved meanwhile makes this a restore beside the file instead).
        let expect = Fingerprint::of(old.unwrap_or_default());
        match super::super::compare_and_swap(&copy.origin, expect, copy.text.as_bytes()) {
            Ok(()) => Ok(Restored {
                path: copy.origin.clone(),
                how: RestoredAs::InPlace,
                old_version,
                too_large: None,
            }),
            Err(err) => {
                // Nothing was replaced, so the trashed duplicate of it would only mislead.
                if let Some(trashed) = &old_version {
                    let _ = fs::remove_file(trashed);
                }
                if matches!(err, StoreError::Conflict(_) | StoreError::LinkOutside(..)) {
                    return self.restore_beside(copy);
                }
                if !copy.elsewhere {
                    return Err(err);
                }
                let path = self.create_file(&stem(copy, "recovered"), &copy.text)?;
                Ok(Restored {
                    path,
                    how: RestoredAs::InDataFolder(err.to_string()),
                    old_version: None,
                    too_large: None,
                })
            }
        }
    }

    /// Writes the copy as a new file beside its own (or in the data folder, if that folder is
    /// elsewhere and cannot take it).
    fn restore_beside(&self, copy: &Copy) -> Result<Restored, StoreError> {
        let stem = stem(copy, "recovered");
        let mut why = None;
        if copy.elsewhere
            && let Some(dir) = copy.origin.parent()
        {
            match create_new_in(dir, &stem, &copy.text) {
                Ok(path) => {
                    return Ok(Restored {
                        path,
                        how: RestoredAs::Beside,
                        old_version: None,
                        too_large: None,
                    });
                }
                Err(e) => why = Some(e.to_string()),
            }
        }
        Ok(Restored {
            path: self.create_file(&stem, &copy.text)?,
            how: why.map_or(RestoredAs::Beside, RestoredAs::InDataFolder),
            old_version: None,
            too_large: None,
        })
    }

    /// Moves a recovery copy the facilitator does not want into the data folder's trash (copied
    /// then removed: the recovery folder may be on another disk).
    pub fn discard(&self, copy: &Copy) -> Result<PathBuf, StoreError> {
        let target = self.trash_bytes(&stem(copy, "recovery"), copy.text.as_bytes())?;
        fs::remove_file(&copy.path).map_err(|e| StoreError::io("remove", &copy.path, e))?;
        self.recovery.forget(&copy.origin);
        Ok(target)
    }
}

/// A file-name stem for something made from `copy`: its file's stem and `suffix`, as a slug.
fn stem(copy: &Copy, suffix: &str) -> String {
    let stem = copy
        .origin
        .file_stem()
        .map(|s| format!("{}-{suffix}", s.to_string_lossy()))
        .unwrap_or_else(|| suffix.to_string());
    slug::slug(&stem)
}

/// Writes `text` to a new file `<stem>.toml` (or `<stem>-2.toml`, …) in `dir`, never over
/// another file.
fn create_new_in(dir: &Path, stem: &str, text: &str) -> Result<PathBuf, StoreError> {
    for n in 1.. {
        let path = dir.join(slug::file_name(stem, n));
        match atomic::write_atomic(&path, text.as_bytes(), Mode::CreateNew) {
            Ok(()) => return Ok(path),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(StoreError::io("create", &path, e)),
        }
    }
    unreachable!("the loop only ends by returning")
}
