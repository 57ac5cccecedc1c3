//! Schema versions and the path from older files to the current one.
//!
//! Every file says which `schema_version` wrote it. A file from an older convene is upgraded in
//! memory, one step at a time, and written in the new form only when the facilitator next saves.
//! A file from a newer convene is never written: this convene cannot know what it would drop.
//!
//! Version 1 is the first format, so there is no step yet. When version 2 comes, its step goes in
//! [`STEPS`] (index 0 upgrades 1 → 2) and the tests below already exercise the machinery.

use toml_edit::DocumentMut;

/// The schema this convene reads and writes.
pub const SCHEMA_VERSION: u32 = 1;

/// One upgrade step: edits a document of version `n` into version `n + 1`.
pub(crate) type Step = fn(&mut DocumentMut) -> Result<(), String>;

/// `STEPS[i]` upgrades a file from version `i + 1` to `i + 2`.
const STEPS: &[Step] = &[];

// The two must move together: a new schema version needs its upgrade step.
const _: () = assert!(STEPS.len() + 1 == SCHEMA_VERSION as usize);

/// Upgrades `doc` from `from` to [`SCHEMA_VERSION`].
pub(crate) fn migrate(doc: &mut DocumentMut, from: u32) -> Result<(), String> {
    migrate_with(doc, from, STEPS)
}

pub(crate) fn migrate_with(doc: &mut DocumentMut, from: u32, steps: &[Step]) -> Result<(), String> {
    let target = steps.len() as u32 + 1;
    if from == 0 || from > target {
        return Err(format!("no upgrade path from schema_version {from}"));
    }
    for version in from..target {
        let step = steps[(version - 1) as usize];
        step(doc).map_err(|e| format!("upgrading from schema_version {version}: {e}"))?;
        doc["schema_version"] = toml_edit::value(i64::from(version + 1));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rename_notes(doc: &mut DocumentMut) -> Result<(), String> {
        let old = doc.remove("jottings").ok_or("no jottings")?;
        doc.insert("notes", old);
        Ok(())
    }

    fn add_flag(doc: &mut DocumentMut) -> Result<(), String> {
        doc["migrated"] = toml_edit::value(true);
        Ok(())
    }

    #[test]
    fn steps_run_in_order_and_set_the_version() {
        let mut doc: DocumentMut = "schema_version = 1\n[jottings]\npurpose = \"x\"\n"
            .parse()
            .unwrap();
        migrate_with(&mut doc, 1, &[rename_notes, add_flag]).unwrap();
        assert_eq!(doc["schema_version"].as_integer(), Some(3));
        assert_eq!(doc["notes"]["purpose"].as_str(), Some("x"));
        assert_eq!(doc["migrated"].as_bool(), Some(true));
    }

    #[test]
    fn a_middle_version_skips_earlier_steps() {
        let mut doc: DocumentMut = "schema_version = 2\n".parse().unwrap();
        migrate_with(&mut doc, 2, &[rename_notes, add_flag]).unwrap();
        assert_eq!(doc["migrated"].as_bool(), Some(true));
        assert!(doc.get("notes").is_none());
    }

    #[test]
    fn a_failing_step_names_its_version() {
        let mut doc: DocumentMut = "schema_version = 1\n".parse().unwrap();
        let err = migrate_with(&mut doc, 1, &[rename_notes]).unwrap_err();
        assert!(err.contains("from schema_version 1"), "{err}");
    }

    #[test]
    fn the_current_version_needs_no_steps() {
        let mut doc: DocumentMut = "schema_version = 1\n".parse().unwrap();
        migrate(&mut doc, SCHEMA_VERSION).unwrap();
        assert_eq!(doc.to_string(), "schema_version = 1\n");
        assert!(migrate(&mut doc, 0).is_err());
    }
}
