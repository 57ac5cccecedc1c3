//! `convene open NAME|PATH` finds a community by its name (any case), its file name (with or
//! without `.toml`) or a path, and says clearly when there is none.

use convene::guide::Guide;
use convene::store::{Store, StoreError};

#[test]
fn communities_are_found_by_name_file_or_path() {
    let guide = Guide::builtin();
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let nurses = store.create("Nurses' Lunch Circle", guide).unwrap().path;
    let other = store.create("Café Zoë", guide).unwrap().path;

    assert_eq!(store.find("nurses' lunch circle", guide).unwrap(), nurses);
    assert_eq!(store.find("  Café Zoë ", guide).unwrap(), other);
    assert_eq!(store.find("cafe-zoe", guide).unwrap(), other);
    assert_eq!(store.find("cafe-zoe.toml", guide).unwrap(), other);
    assert_eq!(store.find(nurses.to_str().unwrap(), guide).unwrap(), nurses);

    let err = store.find("Nobody", guide).unwrap_err();
    assert!(matches!(err, StoreError::NotFound(..)));
    assert!(
        err.to_string().contains("no community called \"Nobody\""),
        "{err}"
    );
}
