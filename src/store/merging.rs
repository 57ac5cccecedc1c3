//! When a save finds the file changed underneath (another convene, an editor, a `git pull`):
//! merge, with the version this convene loaded or last saved as the common one, instead of
//! leaving the facilitator two files to merge by hand.
//!
//! The merge is written over theirs with the same compare-and-swap as any save, so a third
//! writer arriving meanwhile is still never overwritten. Where both changed the same answer the
//! merged community holds ours, and theirs goes beside it in the file's `[[merge_conflicts]]`
//! (see [`crate::merge::conflicts_of`]): both stay on disk, in the one file everyone shares,
//! until the facilitator settles them — whichever convene, or `git merge`, finds them there.

use super::{Fingerprint, Loaded, Store, StoreError, as_text, read_capped};
use crate::community::CommunityFile;
use crate::guide::Guide;
use crate::merge::{self, Conflict};

/// What merging in someone else's change came to (saved, either way).
#[derive(Debug, Clone, PartialEq)]
pub enum MergedIn {
    /// Nothing overlapped; the places their change touched, as the guide asks them.
    Clean { came_in: Vec<String> },
    /// Both changed these places: ours is kept in each, theirs beside it in the file.
    Conflicts(Vec<Conflict>),
    /// Theirs cannot be read (a broken hand edit): nothing merged, nothing written.
    Unreadable,
}

impl Store {
    /// Merges the file as it is on disk now into `loaded` (ours, unsaved), from the version
    /// loaded or last saved, and saves the result.
    pub fn merge_in(&self, loaded: &mut Loaded, guide: &Guide) -> Result<MergedIn, StoreError> {
        let bytes = read_capped(&loaded.path)?;
        let theirs = as_text(&loaded.path, &bytes)?;
        let (Ok(base), Ok(mut file)) = (
            CommunityFile::parse(&loaded.base),
            CommunityFile::parse(theirs),
        ) else {
            return Ok(MergedIn::Unreadable);
        };
        let merged = merge::merge(
            &base.community,
            &loaded.file.community,
            &file.community,
            guide,
        );
        let pending = merge::pending(
            &merge::conflicts_of(&base),
            &merge::conflicts_of(&loaded.file),
            &merge::conflicts_of(&file),
            &merged.conflicts,
        );
        let came_in = merge::diff(&base.community, &file.community, guide)
            .into_iter()
            .map(|changed| match changed.place.split_once(": ") {
                Some((_, asked)) => asked.to_string(),
                None => changed.place,
            })
            .collect();
        // Written into theirs' document, which is the file on disk: a comment, an unknown key
        // or a layout someone gave it by hand stays (this convene changed answers, never those).
        file.community = merged.community;
        merge::set_conflicts(&mut file, &pending, guide)
            .map_err(|e| StoreError::Format(loaded.path.clone(), e))?;
        // Ours now starts from theirs: the save replaces exactly the bytes just merged with.
        loaded.file = file;
        loaded.disk = Fingerprint::of(&bytes);
        loaded.base = theirs.into();
        self.save(loaded, guide)?;
        Ok(if merged.conflicts.is_empty() {
            MergedIn::Clean { came_in }
        } else {
            MergedIn::Conflicts(merged.conflicts)
        })
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
            MergedIn::Clean {
                came_in: vec![
                    "What specific needs will the community be organized to meet?".into()
                ]
            }
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
    fn the_same_answer_changed_on_both_sides_keeps_both_in_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let guide = Guide::builtin();
        let mut ours = store.create("Ferry crews", guide).unwrap();
        let mut theirs = store.load(&ours.path).unwrap();
        theirs
            .community_mut()
            .set_answer("primary_purpose", Answer::Text("Theirs.".into()));
        store.save(&mut theirs, guide).unwrap();
        ours.community_mut()
            .set_answer("primary_purpose", Answer::Text("Ours.".into()));
        let MergedIn::Conflicts(conflicts) = store.merge_in(&mut ours, guide).unwrap() else {
            panic!("a conflict");
        };
        assert_eq!(conflicts.len(), 1);
        // Ours is the answer; theirs is beside it, in the file everyone shares.
        let on_disk = store.load(&ours.path).unwrap();
        assert_eq!(
            on_disk.community().answers["primary_purpose"],
            Answer::Text("Ours.".into())
        );
        let kept = merge::conflicts_of(&on_disk.file);
        assert_eq!(kept.len(), 1);
        assert_eq!(kept[0].theirs.as_deref(), Some("Theirs."));
        assert_eq!(kept[0].mine.as_deref(), Some("Ours."));
        // Settled and saved, the conflict is gone from the file.
        merge::set_conflicts(&mut ours.file, &[], guide).unwrap();
        ours.file.community.name.push('!');
        store.save(&mut ours, guide).unwrap();
        let text = std::fs::read_to_string(&ours.path).unwrap();
        assert!(!text.contains(merge::CONFLICTS_KEY), "{text}");
    }

    #[test]
    fn a_conflict_left_in_the_file_survives_the_next_merge() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let guide = Guide::builtin();
        let mut ours = store.create("Ferry crews", guide).unwrap();
        let mut theirs = store.load(&ours.path).unwrap();
        theirs
            .community_mut()
            .set_answer("primary_purpose", Answer::Text("Theirs.".into()));
        store.save(&mut theirs, guide).unwrap();
        ours.community_mut()
            .set_answer("primary_purpose", Answer::Text("Ours.".into()));
        store.merge_in(&mut ours, guide).unwrap();
        // Theirs saves again, elsewhere: its convene merges ours in, cleanly, and the conflict
        // (its own words, beside ours) is still in the file.
        theirs
            .community_mut()
            .set_answer("benefits", Answer::Text("Later.".into()));
        assert!(matches!(
            store.save(&mut theirs, guide),
            Err(StoreError::Conflict(_))
        ));
        assert_eq!(
            store.merge_in(&mut theirs, guide).unwrap(),
            MergedIn::Clean {
                came_in: vec!["What is your group's primary purpose?".into()]
            }
        );
        let on_disk = store.load(&ours.path).unwrap();
        let kept = merge::conflicts_of(&on_disk.file);
        assert_eq!(kept.len(), 1, "{kept:?}");
        assert_eq!(kept[0].theirs.as_deref(), Some("Theirs."));
        assert_eq!(
            on_disk.community().answers["benefits"],
            Answer::Text("Later.".into())
        );
    }
}
