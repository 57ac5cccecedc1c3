//! The bodies of convene's fuzz targets, as plain functions.
//!
//! Each file in `fuzz_targets/` is one line that hands libFuzzer's input to a function here, so
//! the same checks run two ways: under libFuzzer with cargo-fuzz (nightly only), and on any
//! stable toolchain through the tests at the bottom, which replay the seed corpus, whatever
//! corpus a fuzzing run left behind, and one input named by `FUZZ_INPUT` (a crash artifact, say).
//! Replaying is not fuzzing: it only proves that the inputs at hand do not panic.
//!
//! Every function takes any bytes and returns nothing; a panic (including a failed `assert!`) is
//! the finding.

#![forbid(unsafe_code)]

use std::cell::RefCell;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use convene::community::{CommunityFile, FormatError, Severity, check_text};
use convene::export::{self, Format, Options};
use convene::guide::Guide;
use convene::store::{MAX_FILE_BYTES, Store, read_text};

/// Target `load`: parse; when that works, export every format, save (render) and parse again.
///
/// What a save writes must load again, to the same community, and saving that again must not
/// change a byte (the README's promise of deterministic output, which `tests/roundtrip.rs`
/// checks for communities made through the model; here the starting point is any text).
pub fn load(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(mut file) = CommunityFile::parse(text) else {
        return;
    };
    let guide = Guide::builtin();
    for format in Format::ALL {
        for include_empty in [false, true] {
            let options = Options {
                include_empty,
                ..Options::default()
            };
            export::render(&file.community, guide, format, options);
        }
    }
    let rendered = match file.render(guide) {
        Ok(rendered) => rendered,
        // A newer convene's file is never written; that refusal is the right answer.
        Err(FormatError::ReadOnly { .. }) if file.is_read_only() => return,
        Err(err) => panic!("a loaded, writable community could not be rendered: {err}"),
    };
    let mut again = CommunityFile::parse(&rendered).unwrap_or_else(|err| {
        panic!("a save would write a file convene cannot read: {err}\n--- written ---\n{rendered}")
    });
    assert_eq!(
        again.community, file.community,
        "a save and a load changed the community\n--- written ---\n{rendered}"
    );
    let twice = again
        .render(guide)
        .expect("a file this convene wrote is writable");
    assert_eq!(twice, rendered, "saving a saved file again changed it");
}

/// Target `check`: what `convene check` runs on a file's text.
pub fn check(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        // `convene check` refuses such a file before `check_text` (see `store::read_text`).
        return;
    };
    let problems = check_text(text, Guide::builtin());
    let lines: Vec<&str> = text.split('\n').collect();
    for p in &problems {
        let line = p
            .line
            .checked_sub(1)
            .and_then(|i| lines.get(i))
            .unwrap_or_else(|| panic!("{p:?} is on a line the text does not have"));
        assert!(
            p.column >= 1 && p.column <= line.chars().count() + 1,
            "{p:?} is at a column line {} does not have",
            p.line
        );
    }
    if CommunityFile::parse(text).is_err() {
        assert!(
            problems.iter().any(|p| p.severity == Severity::Error),
            "a file that does not load was not reported as an error: {problems:?}"
        );
    }
}

/// Target `store_load`: the bytes as a file on disk, loaded through [`Store::load`].
///
/// Each thread gets its own store folder, `convene-fuzz-<process id>-<n>` in the system's
/// temporary folder, with one scratch file in it. libFuzzer never returns from fuzzing, so under
/// it the folder is left behind (one small file); [`remove_scratch`] deletes it.
pub fn store_load(data: &[u8]) {
    SCRATCH.with_borrow_mut(|scratch| {
        let scratch = scratch.get_or_insert_with(Scratch::new);
        std::fs::write(&scratch.file, data).expect("the scratch file can be written");
        let loaded = scratch.store.load(&scratch.file);
        // What loading should give, worked out in memory.
        let text = std::str::from_utf8(data)
            .ok()
            .filter(|_| data.len() as u64 <= MAX_FILE_BYTES);
        let expected = text.map(CommunityFile::parse);
        match (&loaded, &expected) {
            (Ok(loaded), Some(Ok(file))) => assert_eq!(
                loaded.community(),
                &file.community,
                "Store::load and CommunityFile::parse read the same bytes differently"
            ),
            (Err(_), None | Some(Err(_))) => {}
            (Ok(_), _) => panic!("Store::load accepted bytes that are not a readable community"),
            (Err(err), Some(Ok(_))) => {
                panic!("Store::load refused a readable community: {}", err.reason())
            }
        }
        assert_eq!(
            read_text(&scratch.file).ok().as_deref(),
            text,
            "read_text (used by `convene check`) disagrees on what is text"
        );
    });
}

/// Deletes this thread's scratch folder, if [`store_load`] made one.
pub fn remove_scratch() {
    if let Some(scratch) = SCRATCH.take() {
        let _ = std::fs::remove_dir_all(scratch.store.dir());
    }
}

struct Scratch {
    store: Store,
    file: PathBuf,
}

impl Scratch {
    fn new() -> Scratch {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("convene-fuzz-{}-{n}", std::process::id()));
        let store = Store::open(dir).expect("the scratch folder can be made");
        let file = store.dir().join("input.toml");
        Scratch { store, file }
    }
}

thread_local! {
    static SCRATCH: RefCell<Option<Scratch>> = const { RefCell::new(None) };
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    const TARGETS: [&str; 3] = ["load", "check", "store_load"];

    /// Every file directly inside `dir`, if it exists.
    fn files_in(dir: &Path) -> Vec<PathBuf> {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return Vec::new();
        };
        let mut files: Vec<PathBuf> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.is_file())
            .collect();
        files.sort();
        files
    }

    fn seeds() -> Vec<PathBuf> {
        files_in(&Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds/load"))
    }

    fn run_all(data: &[u8]) {
        load(data);
        check(data);
        store_load(data);
    }

    #[test]
    fn seeds_are_there_and_load() {
        let seeds = seeds();
        assert!(seeds.len() >= 4, "seeds/load holds the example files");
        // The examples and fixtures are real communities: they must get past the parser, or the
        // `load` target would start from nothing but syntax errors.
        for path in seeds.iter().filter(|p| !p.ends_with("newer-schema.toml")) {
            let text = std::fs::read_to_string(path).unwrap();
            let file =
                CommunityFile::parse(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            assert!(!file.is_read_only(), "{}", path.display());
        }
    }

    /// The seeds, and whatever `cargo fuzz run` saved in `corpus/`, through every target.
    #[test]
    fn replay_seeds_and_corpus() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut inputs = seeds();
        for target in TARGETS {
            inputs.extend(files_in(&root.join("corpus").join(target)));
        }
        for path in &inputs {
            eprintln!("replaying {}", path.display());
            run_all(&std::fs::read(path).unwrap());
        }
        remove_scratch();
    }

    /// Every prefix of every seed, cut at each line end and in the middle of each line: a cheap
    /// stand-in for mutation that reaches half-written tables, strings and arrays.
    #[test]
    fn seed_prefixes() {
        for path in seeds() {
            let text = std::fs::read_to_string(&path).unwrap();
            let mut cuts = Vec::new();
            let mut start = 0;
            for line in text.split_inclusive('\n') {
                let middle = line
                    .char_indices()
                    .map(|(i, _)| i)
                    .find(|&i| i >= line.len() / 2)
                    .unwrap_or(0);
                cuts.push(start + middle);
                start += line.len();
                cuts.push(start);
            }
            for cut in cuts {
                run_all(&text.as_bytes()[..cut]);
            }
        }
        remove_scratch();
    }

    /// `FUZZ_INPUT=path` replays one file, or every file in one folder, through every target:
    /// the way to reproduce a libFuzzer artifact on stable.
    #[test]
    fn replay_fuzz_input() {
        let Some(path) = std::env::var_os("FUZZ_INPUT").map(PathBuf::from) else {
            return;
        };
        let inputs = if path.is_dir() {
            files_in(&path)
        } else {
            vec![path]
        };
        for input in &inputs {
            eprintln!("replaying {}", input.display());
            run_all(&std::fs::read(input).unwrap());
        }
        remove_scratch();
    }
}
