//! Where each community was left: the field the walk was on when the facilitator last left it,
//! so that reopening it returns there rather than to the first question.
//!
//! A place is the user's own and worth nothing to anyone else, so it is not written into the
//! community's file (where it would be a change in every diff); it is kept beside the listing
//! index in the cache folder, one small JSON map from file to field. Losing it loses only the
//! place; a place that no longer names a field is ignored.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::Store;

/// The most places kept: one per community a user has opened, within reason.
const MAX_PLACES: usize = 2_000;

impl Store {
    fn places_path(&self) -> Option<PathBuf> {
        Some(self.index.as_ref()?.with_extension("places.json"))
    }

    fn places(&self) -> BTreeMap<String, String> {
        self.places_path()
            .and_then(|path| std::fs::read(path).ok())
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }

    /// Where the community at `path` was left, if this user left it somewhere.
    pub fn place(&self, path: &Path) -> Option<String> {
        self.places().remove(&key(path))
    }

    /// Remembers that the community at `path` was left at `place`. Best effort: a cache that
    /// cannot be written costs only the place.
    pub fn remember_place(&self, path: &Path, place: &str) {
        let Some(file) = self.places_path() else {
            return;
        };
        let Some(dir) = file.parent() else {
            return;
        };
        let mut places = self.places();
        places.insert(key(path), place.to_string());
        while places.len() > MAX_PLACES {
            let Some(first) = places.keys().next().cloned() else {
                break;
            };
            places.remove(&first);
        }
        let Ok(json) = serde_json::to_vec(&places) else {
            return;
        };
        // As the index is written: a folder that is the user's alone, replaced whole.
        let write = || -> std::io::Result<()> {
            super::private::ensure_folder(dir).map_err(|_| std::io::ErrorKind::PermissionDenied)?;
            let mut tmp = tempfile::Builder::new()
                .prefix(super::TEMP_PREFIX)
                .suffix(".part")
                .tempfile_in(dir)?;
            tmp.write_all(&json)?;
            tmp.persist(&file).map_err(|e| e.error)?;
            Ok(())
        };
        let _ = write();
    }
}

fn key(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}
