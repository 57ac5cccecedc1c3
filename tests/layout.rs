//! The app's shape, checked so it stays true: the model and the update touch no store, file
//! system or clock (the runtime does that, through effects); no file outside the keymap reads a
//! key; and every file of the app stays small enough to hold one concern.

use std::fs;
use std::path::{Path, PathBuf};

/// The `.rs` files under `dir`, at any depth.
fn sources(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                found.push(path);
            }
        }
    }
    found.sort();
    assert!(!found.is_empty(), "no sources under {}", dir.display());
    found
}

/// A file's code without its unit tests (a test may make a temporary folder) and without its
/// comments (which may name what the code does not do).
fn code(path: &Path) -> String {
    let text = fs::read_to_string(path).unwrap();
    let text = text.split("#[cfg(test)]").next().unwrap_or_default();
    text.lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn tui(folder: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("src/tui")
        .join(folder)
}

#[test]
fn the_model_and_the_update_name_no_store_file_system_or_clock() {
    let forbidden = [
        "Store",
        "std::fs",
        "fs::",
        "Instant::now",
        "Local::now",
        "Utc::now",
        "SystemTime",
        "community::now",
        "lock::claim",
        "lock::hold",
    ];
    let mut found = Vec::new();
    for path in [sources(&tui("model")), sources(&tui("update"))].concat() {
        let code = code(&path);
        for word in forbidden {
            if names(&code, word) {
                found.push(format!("{} names {word}", path.display()));
            }
        }
    }
    assert!(found.is_empty(), "{found:#?}");
}

/// Whether `code` has `word` where it starts a name (`fs::` in `std::fs::read`, not in
/// `Prefs::default`).
fn names(code: &str, word: &str) -> bool {
    code.match_indices(word).any(|(at, _)| {
        !code[..at]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '_')
    })
}

#[test]
fn only_the_keymap_reads_keys() {
    let mut found = Vec::new();
    for path in sources(&tui("")) {
        if path.starts_with(tui("keymap")) {
            continue;
        }
        let code = code(&path);
        for word in [
            "KeyCode",
            "KeyModifiers",
            ".code ==",
            "key.code",
            "key.modifiers",
        ] {
            if code.contains(word) {
                found.push(format!("{} reads {word}", path.display()));
            }
        }
    }
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn every_file_of_the_app_holds_at_most_500_lines() {
    let long: Vec<String> = sources(&tui(""))
        .into_iter()
        .map(|path| (fs::read_to_string(&path).unwrap().lines().count(), path))
        .filter(|(lines, _)| *lines > 500)
        .map(|(lines, path)| format!("{}: {lines} lines", path.display()))
        .collect();
    assert!(long.is_empty(), "{long:#?}");
}
