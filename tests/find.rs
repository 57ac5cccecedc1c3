//! `convene open NAME|PATH` finds a community by its name (exact, then composed alike, then any
//! case), its file name (with or without `.toml`) or a path; says clearly when there is none,
//! and lists them when several agree equally well.

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

/// The exact name first, then the same name composed (NFC), then any case; several at the best
/// level are refused, listed.
#[test]
fn names_are_found_exactly_then_composed_then_in_any_case() {
    let guide = Guide::builtin();
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let composed = store.create("Caf\u{e9} Zo\u{eb}", guide).unwrap().path;
    let decomposed = store.create("Cafe\u{301} Zoe\u{308}", guide).unwrap().path;
    let only_decomposed = store.create("Re\u{301}seau", guide).unwrap().path;
    let upper = store.create("Ferry Crews", guide).unwrap().path;
    let lower = store.create("ferry crews", guide).unwrap().path;

    // Exact beats composed and case, even when the others agree too.
    assert_eq!(store.find("Caf\u{e9} Zo\u{eb}", guide).unwrap(), composed);
    assert_eq!(
        store.find("Cafe\u{301} Zoe\u{308}", guide).unwrap(),
        decomposed
    );
    assert_eq!(store.find("ferry crews", guide).unwrap(), lower);
    assert_eq!(store.find("Ferry Crews", guide).unwrap(), upper);
    // Composed: typed with a precomposed é, stored with a combining accent.
    assert_eq!(store.find("R\u{e9}seau", guide).unwrap(), only_decomposed);
    // Case: one community agrees.
    assert_eq!(store.find("RÉSEAU", guide).unwrap(), only_decomposed);

    // Two agree in case only: refused, both listed with their files.
    for query in ["FERRY CREWS", "café zoë"] {
        let err = store.find(query, guide).unwrap_err();
        assert!(matches!(err, StoreError::Ambiguous(..)), "{query}: {err}");
        let message = err.to_string();
        assert!(
            message.contains("could be any of 2 communities"),
            "{message}"
        );
    }
    let message = store.find("FERRY CREWS", guide).unwrap_err().to_string();
    assert!(
        message.contains("\"Ferry Crews\" (ferry-crews.toml)")
            && message.contains("\"ferry crews\" (ferry-crews-2.toml)"),
        "{message}"
    );
    // The file name still finds either one.
    assert_eq!(store.find("ferry-crews-2", guide).unwrap(), lower);
}

/// The names in an ambiguity message are sanitised like any other.
#[test]
fn an_ambiguity_lists_names_inert() {
    let guide = Guide::builtin();
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    store.create("Pilots\u{202e}\u{ad}", guide).unwrap();
    store.create("PILOTS\u{202e}\u{ad}", guide).unwrap();
    let message = store
        .find("pilots\u{202e}\u{ad}", guide)
        .unwrap_err()
        .to_string();
    assert!(
        !message.contains('\u{202e}') && !message.contains('\u{ad}'),
        "{message}"
    );
    assert!(message.contains("Pilots\\u{202e}\\u{ad}"), "{message}");
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

    /// Whatever the name, it finds its community, and so does the same name decomposed (NFD):
    /// what a keyboard, a paste or another system may hand over for the same text.
    #[test]
    fn any_name_is_found_as_typed_and_decomposed(name in "[a-zA-Z0-9 éÉñÑçøÅ日本'-]{1,24}") {
        use unicode_normalization::UnicodeNormalization;
        proptest::prop_assume!(!name.trim().is_empty());
        proptest::prop_assume!(!name.trim().eq_ignore_ascii_case("someone else"));
        let guide = Guide::builtin();
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let path = store.create(&name, guide).unwrap().path;
        store.create("Someone else", guide).unwrap();
        proptest::prop_assert_eq!(store.find(&name, guide).unwrap(), path.clone());
        let decomposed: String = name.nfd().collect();
        proptest::prop_assert_eq!(store.find(&decomposed, guide).unwrap(), path);
    }
}
