//! Merging community files: three texts in, the merged text out.
//!
//! The merged file is mine's text with the merged community written into it, so mine's
//! comments, layout and unknown keys stay where they were (toml_edit edits the document rather
//! than writing a new one). Conflicts that remain are written into the file too, as
//! `[[merge_conflicts]]` tables saying where, and what base, mine and theirs held: the file
//! still parses, holds mine at each conflicted place and theirs beside it, so nothing is lost,
//! and `convene check` points at each one until the facilitator settles it and deletes it.
//!
//! The same tables carry a conflict from one merge to the next, wherever it was made: the app
//! writes those its own merges leave (see `store::merging`), reads a file's when it opens it,
//! and takes each out as the facilitator settles it ([`set_conflicts`]). Merging files whose
//! tables differ merges the tables too, as a set ([`pending`]): one settled on either side
//! stays settled.

use toml_edit::{ArrayOfTables, DocumentMut, Item, Table, value};

use super::{Conflict, Merged, Place, merge};
use crate::community::{CommunityFile, FormatError};
use crate::guide::Guide;

/// The table the remaining conflicts are written under.
pub const CONFLICTS_KEY: &str = "merge_conflicts";

/// Why three files could not be merged at all.
#[derive(Debug, thiserror::Error)]
pub enum MergeError {
    #[error("the {which} version is not a community file convene can read: {error}")]
    Unreadable { which: &'static str, error: String },
    #[error("could not write the merged file: {0}")]
    Render(#[from] FormatError),
}

/// The merged file and the conflicts this merge found (the file also carries any the merged
/// files held still unsettled).
#[derive(Debug, Clone)]
pub struct MergedText {
    pub text: String,
    pub conflicts: Vec<Conflict>,
}

/// Merges the texts of three versions of one community file.
pub fn merge_texts(
    base: &str,
    mine: &str,
    theirs: &str,
    guide: &Guide,
) -> Result<MergedText, MergeError> {
    let (base_text, theirs_text) = (base, theirs);
    let read = |which, text: &str| {
        CommunityFile::parse(text).map_err(|e| MergeError::Unreadable {
            which,
            error: e.to_string(),
        })
    };
    let base = read("common (base)", base)?;
    let mut mine_file = read("own (mine)", mine)?;
    let theirs = read("other (theirs)", theirs)?;
    let Merged {
        community,
        conflicts,
    } = merge(
        &base.community,
        &mine_file.community,
        &theirs.community,
        guide,
    );
    let carried = pending(
        &conflicts_of(&base),
        &conflicts_of(&mine_file),
        &conflicts_of(&theirs),
        &conflicts,
    );
    mine_file.community = community;
    let text = mine_file.render(guide)?;
    let text = with_theirs_own_keys(&text, base_text, theirs_text);
    let text = with_conflicts(&text, &carried);
    Ok(MergedText { text, conflicts })
}

/// The conflicts a file's `[[merge_conflicts]]` hold, in file order; none if it has none (or
/// was never saved).
pub fn conflicts_of(file: &CommunityFile) -> Vec<Conflict> {
    file.source().map(conflicts_in).unwrap_or_default()
}

/// The conflicts written in a community file's text.
pub fn conflicts_in(text: &str) -> Vec<Conflict> {
    // Most files have none: those are not parsed again.
    if !text.contains(CONFLICTS_KEY) {
        return Vec::new();
    }
    let Ok(doc) = text.parse::<toml_edit::DocumentMut>() else {
        return Vec::new();
    };
    let Some(list) = doc.get(CONFLICTS_KEY).and_then(Item::as_array_of_tables) else {
        return Vec::new();
    };
    list.iter()
        .map(|table| {
            let text = |key: &str| {
                table
                    .get(key)
                    .and_then(Item::as_str)
                    .filter(|text| !text.is_empty())
                    .map(str::to_string)
            };
            Conflict {
                place: Place::parse(&text("place").unwrap_or_default()),
                base: text("base"),
                mine: text("mine"),
                theirs: text("theirs"),
            }
        })
        .collect()
}

/// Writes `conflicts` as the file's `[[merge_conflicts]]`, in place of those it held (none:
/// the tables go). The model is untouched: the next save writes it into the changed text.
pub fn set_conflicts(
    file: &mut CommunityFile,
    conflicts: &[Conflict],
    guide: &Guide,
) -> Result<(), FormatError> {
    if file.source().is_none() {
        if conflicts.is_empty() {
            return Ok(());
        }
        file.render(guide)?;
    }
    let source = file.source().unwrap_or_default();
    let text = with_conflicts(source, conflicts);
    if text != source {
        file.replace_source(text);
    }
    Ok(())
}

/// The conflicts still to settle after a merge: those the files held, merged as a set (one
/// settled on one side and left on the other is settled), then those this merge found, each
/// in place of any earlier one at the same place.
pub fn pending(
    base: &[Conflict],
    mine: &[Conflict],
    theirs: &[Conflict],
    found: &[Conflict],
) -> Vec<Conflict> {
    let settled = |c: &Conflict| base.contains(c) && !(mine.contains(c) && theirs.contains(c));
    let mut kept: Vec<Conflict> = Vec::new();
    for conflict in mine.iter().chain(theirs) {
        if !settled(conflict) && !kept.contains(conflict) {
            kept.push(conflict.clone());
        }
    }
    kept.retain(|c| !found.iter().any(|f| f.place == c.place));
    kept.extend(found.iter().cloned());
    kept
}

/// `mine` with the keys of its own that theirs added at the top of the file (a table or key
/// convene does not know, written by hand or by a newer convene), with their comments: the
/// merge is written into mine's text, and theirs' additions must not be lost there. A key
/// mine removed since the common version stays removed.
fn with_theirs_own_keys(mine: &str, base: &str, theirs: &str) -> String {
    let known = |key: &str| {
        crate::community::HEAD_KEYS.contains(&key)
            || ["answers", "ratings", "notes", "workshop", CONFLICTS_KEY].contains(&key)
    };
    let (Ok(mut doc), Ok(base), Ok(theirs)) = (
        mine.parse::<DocumentMut>(),
        base.parse::<DocumentMut>(),
        theirs.parse::<DocumentMut>(),
    ) else {
        return mine.to_string();
    };
    let mut added = false;
    for (key, item) in theirs.iter() {
        if known(key) || doc.contains_key(key) || base.contains_key(key) {
            continue;
        }
        doc.insert(key, item.clone());
        added = true;
    }
    if added {
        doc.to_string()
    } else {
        mine.to_string()
    }
}

/// `text` with the conflicts written under [`CONFLICTS_KEY`], in place of any written before
/// (none: the key goes).
fn with_conflicts(text: &str, conflicts: &[Conflict]) -> String {
    if conflicts.is_empty() && !text.contains(CONFLICTS_KEY) {
        return text.to_string();
    }
    let Ok(mut doc) = text.parse::<DocumentMut>() else {
        return text.to_string();
    };
    if conflicts.is_empty() {
        doc.remove(CONFLICTS_KEY);
        return doc.to_string();
    }
    let mut list = ArrayOfTables::new();
    for conflict in conflicts {
        let mut table = Table::new();
        table.insert("place", value(conflict.place.describe()));
        for (key, side) in [
            ("base", &conflict.base),
            ("mine", &conflict.mine),
            ("theirs", &conflict.theirs),
        ] {
            table.insert(key, value(side.clone().unwrap_or_default()));
        }
        list.push(table);
    }
    doc.insert(CONFLICTS_KEY, Item::ArrayOfTables(list));
    doc.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::community::Answer;
    use proptest::prelude::*;

    const BASE: &str = "schema_version = 1\nname = \"Ferry crews\"\ncreated = 2026-01-01T00:00:00Z\nupdated = 2026-01-01T00:00:00Z\n\n[answers]\nprimary_purpose = \"Share.\"\n";

    fn conflict(place: Place, theirs: &str) -> Conflict {
        Conflict {
            place,
            base: None,
            mine: Some("mine".into()),
            theirs: Some(theirs.into()),
        }
    }

    proptest! {
        #[test]
        fn every_place_reads_back_from_how_it_is_written(
            id in "[a-z_]{1,12}",
            row in "\\PC{0,16}",
            column in "[a-z_]{1,10}",
        ) {
            for place in [
                Place::Name,
                Place::Language,
                Place::VotesPerPerson,
                Place::Answer(id.clone()),
                Place::Cell { question: id.clone(), row: row.clone(), column: column.clone() },
                Place::Row { question: id.clone(), row: row.clone() },
                Place::RatingValue(id.clone()),
                Place::RatingComment(id.clone()),
                Place::Note(id.clone()),
            ] {
                prop_assert_eq!(Place::parse(&place.describe()), place);
            }
        }
    }

    #[test]
    fn conflicts_written_into_a_file_read_back_and_go_when_settled() {
        let conflicts = vec![
            conflict(
                Place::Answer("primary_purpose".into()),
                "Theirs.\nTwo lines.",
            ),
            conflict(Place::Other("by hand".into()), "kept as it is"),
        ];
        let text = with_conflicts(BASE, &conflicts);
        assert_eq!(conflicts_in(&text), conflicts);
        assert!(CommunityFile::parse(&text).is_ok());
        assert_eq!(with_conflicts(&text, &[]), BASE);
    }

    #[test]
    fn conflicts_carried_in_files_merge_as_a_set() {
        let a = conflict(Place::Answer("a".into()), "A");
        let b = conflict(Place::Answer("b".into()), "B");
        let newer_b = conflict(Place::Answer("b".into()), "B again");
        let (only_a, a_and_b) = ([a.clone()], [a.clone(), b.clone()]);
        // Settled on one side since the common version: settled.
        assert_eq!(pending(&only_a, &[], &only_a, &[]), vec![]);
        // Left on both sides, or new on one: still to settle.
        assert_eq!(pending(&only_a, &only_a, &a_and_b, &[]), a_and_b.to_vec());
        // Found again by this merge: the newer one in its place.
        let found = [newer_b];
        assert_eq!(pending(&[], &[b], &[], &found), found.to_vec());
    }

    #[test]
    fn mines_comments_and_the_keys_theirs_added_both_stay() {
        let guide = Guide::builtin();
        let mine = BASE.replace("[answers]", "# Ana's note on the answers\n[answers]")
            + "benefits = \"Mine.\"\n";
        let theirs =
            BASE.to_string() + "specific_needs = \"Theirs.\"\n\n[their_table]\nseen = true # why\n";
        let merged = merge_texts(BASE, &mine, &theirs, guide).unwrap();
        assert!(merged.conflicts.is_empty());
        assert!(
            merged.text.contains("# Ana's note on the answers"),
            "{}",
            merged.text
        );
        assert!(
            merged.text.contains("[their_table]\nseen = true # why"),
            "{}",
            merged.text
        );
        let file = CommunityFile::parse(&merged.text).unwrap();
        assert_eq!(
            file.community.answers["specific_needs"],
            Answer::Text("Theirs.".into())
        );
        assert_eq!(
            file.community.answers["benefits"],
            Answer::Text("Mine.".into())
        );
        // A key mine removed since the common version stays removed.
        let base = BASE.to_string() + "\n[old]\nx = 1\n";
        let merged = merge_texts(&base, BASE, &base, guide).unwrap();
        assert!(!merged.text.contains("[old]"), "{}", merged.text);
    }
}
