//! Renaming a community: its name in the file, and the file's own name.
//!
//! The file is named after the community when it is made ("Sages-femmes rurales" is
//! `sages-femmes-rurales.toml`), so a rename that left the file alone would leave a file whose
//! name says something else, and a later community with the old name would get `-2`. A rename
//! writes the renamed community to a new file named from the new name — created new, so never
//! over another file — and only then removes the old one, and only if it is still what was
//! loaded (checked under the folder's save lock, as a save is): nothing anyone wrote is lost,
//! and at every moment at least one whole file holds the community.

use std::fs;
use std::path::Path;

use super::{Fingerprint, Loaded, Store, StoreError, lock, read_capped, slug};
use crate::guide::Guide;

impl Store {
    /// Renames the community in `loaded` to `name` and gives its file a name made from it (see
    /// the module's comment). A file that already has a name from that slug, a link, or a file
    /// outside the data folder keeps its file name: only the name inside changes.
    pub fn rename(&self, loaded: &mut Loaded, name: &str, guide: &Guide) -> Result<(), StoreError> {
        loaded.community_mut().name = name.to_string();
        loaded.community_mut().touch();
        let stem = slug(name);
        let is_link = fs::symlink_metadata(&loaded.path).is_ok_and(|m| m.file_type().is_symlink());
        if is_link
            || loaded.path.parent() != Some(self.dir.as_path())
            || named_from(&loaded.path, &stem)
        {
            return self.save(loaded, guide);
        }
        let text = loaded
            .file
            .render(guide)
            .map_err(|e| StoreError::Format(loaded.path.clone(), e))?;
        let renamed = self.create_file(&stem, &text)?;
        if let Err(err) = remove_if_unchanged(&loaded.path, loaded.disk) {
            // The old file changed meanwhile (or cannot go): it stays, and so does its name.
            let _ = fs::remove_file(&renamed);
            return Err(err);
        }
        // Where it was left goes with it.
        if let Some(place) = self.place(&loaded.path) {
            self.remember_place(&renamed, &place);
        }
        loaded.path = renamed;
        loaded.disk = Fingerprint::of(text.as_bytes());
        loaded.file.mark_saved();
        Ok(())
    }
}

/// Whether the file at `path` is already named from `stem` (`stem.toml`, `stem-2.toml`, …).
fn named_from(path: &Path, stem: &str) -> bool {
    let Some(name) = path.file_stem().and_then(|s| s.to_str()) else {
        return false;
    };
    name == stem
        || name
            .strip_prefix(stem)
            .and_then(|rest| rest.strip_prefix('-'))
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// Removes the file at `path` if its bytes are still those with the fingerprint `expect`, as one
/// step under the folder's save lock; [`StoreError::Conflict`] if someone changed it.
fn remove_if_unchanged(path: &Path, expect: Fingerprint) -> Result<(), StoreError> {
    let _saving =
        lock::for_save(path).map_err(|()| StoreError::Busy(path.to_path_buf(), lock::SAVE_WAIT))?;
    let current = read_capped(path)?;
    if Fingerprint::of(&current) != expect {
        return Err(StoreError::Conflict(path.to_path_buf()));
    }
    fs::remove_file(path).map_err(|e| StoreError::io("remove", path, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_named_from_the_slug_is_told_from_one_that_is_not() {
        let named = |file: &str| named_from(Path::new(file), "sages-femmes");
        assert!(named("/d/sages-femmes.toml"));
        assert!(named("/d/sages-femmes-12.toml"));
        assert!(!named("/d/sages-femmes-rurales.toml"));
        assert!(!named("/d/sages-femmes-.toml"));
        assert!(!named("/d/sages.toml"));
    }
}
