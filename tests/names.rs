//! Whatever a community is called, its file lands directly inside the data directory, under a
//! plain portable name, and never on top of another community's file.

use std::collections::HashSet;

use convene::guide::Guide;
use convene::store::Store;
use proptest::prelude::*;

/// Names people type, and names meant to break things.
fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => any::<String>(),
        1 => "[a-zA-Z ]{0,20}",
        1 => proptest::sample::select(vec![
            String::new(),
            "..".into(),
            ".".into(),
            "../../escape".into(),
            "/etc/passwd".into(),
            "C:\\Windows\\win.ini".into(),
            "CON".into(),
            "nul".into(),
            "com1".into(),
            "a\u{0}b\u{1b}[31m".into(),
            "🙂🎉".into(),
            "日本の看護師".into(),
            "x".repeat(300),
            "Nurses' lunch circle".into(),
        ]),
    ]
}

fn valid_file_name(name: &str) -> bool {
    let Some(stem) = name.strip_suffix(".toml") else {
        return false;
    };
    !stem.is_empty()
        && stem.len() <= 70
        && stem
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !stem.starts_with('-')
        && !stem.ends_with('-')
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn every_name_gets_its_own_safe_file_inside_the_data_directory(
        names in proptest::collection::vec(name(), 1..12)
    ) {
        let guide = Guide::builtin();
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let root = dir.path().canonicalize().unwrap();
        let mut paths = HashSet::new();
        for name in &names {
            let loaded = store.create(name, guide).unwrap();
            let path = loaded.path.canonicalize().unwrap();
            prop_assert_eq!(path.parent(), Some(root.as_path()), "{:?} escaped", name);
            let file = path.file_name().unwrap().to_str().unwrap().to_string();
            prop_assert!(valid_file_name(&file), "{:?} gave {}", name, file);
            prop_assert!(paths.insert(file.clone()), "{:?} reused {}", name, file);
            let reloaded = store.load(&loaded.path).unwrap();
            prop_assert_eq!(&reloaded.community().name, name);
        }
        let on_disk = std::fs::read_dir(dir.path()).unwrap().count();
        prop_assert_eq!(on_disk, names.len(), "one file per community, nothing else");
    }
}
