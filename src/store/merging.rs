//! When a save finds the file changed underneath (another convene, an editor, a `git pull`):
//! merge, with the version this convene loaded or last saved as the common one, instead of
//! leaving the facilitator two files to merge by hand.
//!
//! A clean merge is written over theirs with the same compare-and-swap as any save, so a third
//! writer arriving meanwhile is still never overwritten. A merge that leaves conflicts writes
//! nothing: the caller keeps both versions on disk (theirs in place, ours as a copy) until the
//! facilitator has settled them.

use super::{Fingerprint, Loaded, Store, StoreError, as_text, read_capped};
use crate::community::CommunityFile;
use crate::guide::Guide;
use crate::merge::{self, Conflict};

/// What merging in someone else's change came to.
#[derive(Debug, Clone, PartialEq)]
pub enum MergedIn {
    /// Merged and saved; how many places their change touched.
    Clean { came_in: usize },
    /// Both changed the same places: nothing written.
    Conflicts(Vec<Conflict>),
}

impl Store {
    /// Merges the file as it is on disk now into `loaded` (ours, unsaved), from the version
    /// loaded or last saved, and saves the result if nothing conflicts.
    pub fn merge_in(&self, loaded: &mut Loaded, guide: &Guide) -> Result<MergedIn, StoreError> {
        let bytes = read_capped(&loaded.path)?;
        let theirs = as_text(&loaded.path, &bytes)?;
        let (Ok(base), Ok(mut file)) = (
            CommunityFile::parse(&loaded.base),
            CommunityFile::parse(theirs),
        ) else {
            // Theirs cannot be read (a broken hand edit): nothing to merge with.
            return Ok(MergedIn::Conflicts(Vec::new()));
        };
        let merged = merge::merge(
            &base.community,
            &loaded.file.community,
            &file.community,
            guide,
        );
        if !merged.is_clean() {
            return Ok(MergedIn::Conflicts(merged.conflicts));
        }
        let came_in = merge::diff(&base.community, &file.community, guide).len();
        // Written into theirs' document, which is the file on disk: a comment, an unknown key
        // or a layout someone gave it by hand stays (this convene changed answers, never those).
        file.community = merged.community;
        // Ours now starts from theirs: the save replaces exactly the bytes just merged with.
        loaded.file = file;
        loaded.disk = Fingerprint::of(&bytes);
        loaded.base = theirs.into();
        self.save(loaded, guide)?;
        Ok(MergedIn::Clean { came_in })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::community::Answer;

    #[test]
    fn a_change_saved_meanwhile_elsewhere_is_merged_in_and_nothing_is_lost() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let guide = Guide::builtin();
        let mut ours = store.create("Ferry crews", guide).unwrap();
        let mut theirs = store.load(&ours.path).unwrap();
        theirs
            .community_mut()
            .set_answer("specific_needs", Answer::Text("Theirs.".into()));
        store.save(&mut theirs, guide).unwrap();
        ours.community_mut()
            .set_answer("primary_purpose", Answer::Text("Ours.".into()));
        assert!(matches!(
            store.save(&mut ours, guide),
            Err(StoreError::Conflict(_))
        ));
        assert_eq!(
            store.merge_in(&mut ours, guide).unwrap(),
            MergedIn::Clean { came_in: 1 }
        );
        let on_disk = store.load(&ours.path).unwrap();
        let answers = &on_disk.community().answers;
        assert_eq!(answers["primary_purpose"], Answer::Text("Ours.".into()));
        assert_eq!(answers["specific_needs"], Answer::Text("Theirs.".into()));
        // And the next save of ours goes through, from the merged version.
        ours.community_mut()
            .set_answer("benefits", Answer::Text("More.".into()));
        store.save(&mut ours, guide).unwrap();
    }

    #[test]
    fn the_same_answer_changed_on_both_sides_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let guide = Guide::builtin();
        let mut ours = store.create("Ferry crews", guide).unwrap();
        let mut theirs = store.load(&ours.path).unwrap();
        theirs
            .community_mut()
            .set_answer("primary_purpose", Answer::Text("Theirs.".into()));
        store.save(&mut theirs, guide).unwrap();
        let before = std::fs::read_to_string(&ours.path).unwrap();
        ours.community_mut()
            .set_answer("primary_purpose", Answer::Text("Ours.".into()));
        let MergedIn::Conflicts(conflicts) = store.merge_in(&mut ours, guide).unwrap() else {
            panic!("a conflict");
        };
        assert_eq!(conflicts.len(), 1);
        assert_eq!(std::fs::read_to_string(&ours.path).unwrap(), before);
        assert_eq!(
            ours.community().answers["primary_purpose"],
            Answer::Text("Ours.".into())
        );
    }
}
