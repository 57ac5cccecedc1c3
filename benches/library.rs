//! The library's figures, with criterion: loading, saving and listing communities, drawing a full
//! screen, every export format, and a three-way merge.
//!
//! Every figure comes with the floor it should be read against, measured in the same run: a save
//! against writing the same bytes durably by hand, listing 10,000 communities against just
//! reading their bytes, loading against parsing the same text as plain TOML. The README's
//! "Performance" section quotes the ratios. Run: `cargo bench --bench library`.

use std::fs;
use std::hint::black_box;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use convene::community::Answer;
use convene::export::{self, Format, Options};
use convene::guide::{self, Guide};
use convene::store::{Recovery, Store};
use convene::tui::view;
use convene::tui::{App, Msg};
use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

/// The bigger example: every kind of answer, notes, ratings.
const SIPS: &str = include_str!("../examples/sips-constellation.toml");

/// Writes `count` communities (the two examples, renamed) into a new folder.
fn folder_of(count: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..count {
        let (_, text) = convene::samples::EXAMPLES[i % 2];
        let first = text.find("\nname = ").unwrap() + 1;
        let end = first + text[first..].find('\n').unwrap();
        let renamed = format!(
            "{}name = \"Community {i:05}\"{}",
            &text[..first],
            &text[end..]
        );
        fs::write(dir.path().join(format!("community-{i:05}.toml")), renamed).unwrap();
    }
    dir
}

fn store(dir: &Path, cache: &Path) -> Store {
    Store::open(dir)
        .unwrap()
        .with_recovery(Recovery::in_dir(cache.join("recovery")))
}

fn load_and_parse(c: &mut Criterion) {
    let guide = Guide::builtin();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sips.toml");
    fs::write(&path, SIPS).unwrap();
    let store = store(dir.path(), dir.path());
    let mut group = c.benchmark_group("load");
    group.bench_function("floor: parse as plain TOML", |b| {
        b.iter(|| black_box(SIPS.parse::<toml_edit::DocumentMut>().unwrap()))
    });
    group.bench_function("load a community file", |b| {
        b.iter(|| black_box(store.load(&path).unwrap()))
    });
    group.bench_function("guide: parse the embedded guide", |b| {
        b.iter(|| black_box(guide::parse_guide(guide::EMBEDDED_SOURCES, guide::EMBEDDED).unwrap()))
    });
    group.finish();
    let _ = guide;
}

fn save(c: &mut Criterion) {
    let guide = Guide::builtin();
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path(), dir.path());
    let path = dir.path().join("sips.toml");
    fs::write(&path, SIPS).unwrap();
    let mut loaded = store.load(&path).unwrap();
    let floor_path = dir.path().join("floor.toml");
    let mut group = c.benchmark_group("save");
    group.bench_function("floor: write, fsync, rename, fsync folder", |b| {
        b.iter(|| {
            let tmp = dir.path().join(".floor.part");
            let mut file = fs::File::create(&tmp).unwrap();
            file.write_all(SIPS.as_bytes()).unwrap();
            file.sync_all().unwrap();
            fs::rename(&tmp, &floor_path).unwrap();
            fs::File::open(dir.path()).unwrap().sync_all().unwrap();
        })
    });
    let mut n = 0u64;
    group.bench_function("save a changed community", |b| {
        b.iter(|| {
            n += 1;
            loaded
                .community_mut()
                .set_answer("primary_purpose", Answer::Text(format!("Edit number {n}")));
            store.save(&mut loaded, guide).unwrap();
        })
    });
    group.finish();
}

fn list(c: &mut Criterion) {
    let guide = Guide::builtin();
    let dir = folder_of(10_000);
    let cache = tempfile::tempdir().unwrap();
    let paths: Vec<PathBuf> = fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    let plain = store(dir.path(), cache.path());
    let indexed = store(dir.path(), cache.path()).with_index_in(cache.path());
    indexed.list(guide).unwrap(); // builds the index
    let mut group = c.benchmark_group("list 10,000 communities");
    group.sample_size(10);
    group.bench_function("floor: read every file's bytes", |b| {
        b.iter(|| {
            for path in &paths {
                black_box(fs::read(path).unwrap());
            }
        })
    });
    group.bench_function("list with the index (unchanged files)", |b| {
        b.iter(|| black_box(indexed.list(guide).unwrap()))
    });
    group.bench_function("list parsing every file (no index)", |b| {
        b.iter(|| black_box(plain.list(guide).unwrap()))
    });
    group.finish();
}

fn draw(c: &mut Criterion) {
    let guide = Guide::builtin();
    let dir = folder_of(1_000);
    let cache = tempfile::tempdir().unwrap();
    let mut group = c.benchmark_group("draw a full screen (120x40)");
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    // The floor: one bordered, word-wrapped text area of about a screenful, as examples/floor.rs.
    let text = SIPS.repeat(2);
    group.bench_function("floor: one word-wrapped text area", |b| {
        b.iter(|| {
            terminal
                .draw(|frame| {
                    let block = Block::default().borders(Borders::ALL).title(" floor ");
                    let paragraph = Paragraph::new(text.as_str())
                        .wrap(Wrap { trim: false })
                        .block(block);
                    frame.render_widget(paragraph, frame.area());
                })
                .unwrap();
        })
    });
    let home = App::new(store(dir.path(), cache.path()), guide);
    group.bench_function("home with 1,000 communities", |b| {
        b.iter(|| {
            terminal.draw(|frame| view::draw(frame, &home)).unwrap();
        })
    });
    let mut walk = App::new(store(dir.path(), cache.path()), guide);
    walk.open(&dir.path().join("community-00001.toml")).unwrap();
    group.bench_function("walk on a text question", |b| {
        b.iter(|| {
            terminal.draw(|frame| view::draw(frame, &walk)).unwrap();
        })
    });
    // What typing costs the app: a key, its redraw, then Backspace and its redraw, so the answer
    // stays the same size however many iterations criterion runs.
    group.bench_function(
        "walk: type a key and delete it, redrawing after each",
        |b| {
            b.iter(|| {
                for code in [KeyCode::Char('x'), KeyCode::Backspace] {
                    let key = KeyEvent::new(code, KeyModifiers::NONE);
                    walk.update(Msg::Key(key), Instant::now());
                    terminal.draw(|frame| view::draw(frame, &walk)).unwrap();
                }
            })
        },
    );
    group.finish();
}

fn exports(c: &mut Criterion) {
    let guide = Guide::builtin();
    let community = convene::community::CommunityFile::parse(SIPS)
        .unwrap()
        .community;
    let mut group = c.benchmark_group("export the SIPS example");
    for format in Format::ALL {
        group.bench_function(format!("{format:?}"), |b| {
            b.iter(|| {
                black_box(export::render(
                    &community,
                    guide,
                    format,
                    Options::default(),
                ))
            })
        });
    }
    group.finish();
}

/// The overview of a constellation of fifty communities (each loaded whole, for its readiness,
/// people and logs) beside its floor: loading the same fifty files one after the other.
fn overview(c: &mut Criterion) {
    let guide = Guide::builtin();
    let dir = folder_of(50);
    let mut file = String::from("schema_version = 1\nkind = \"constellation\"\nname = \"Fifty\"\n");
    for i in 0..50 {
        file.push_str(&format!(
            "\n[[communities]]\nfile = \"community-{i:05}.toml\"\nname = \"Community {i:05}\"\n"
        ));
    }
    let path = dir.path().join("fifty.constellation.toml");
    fs::write(&path, file).unwrap();
    let cache = tempfile::tempdir().unwrap();
    let store = store(dir.path(), cache.path()).with_index_in(cache.path());
    let files: Vec<PathBuf> = (0..50)
        .map(|i| dir.path().join(format!("community-{i:05}.toml")))
        .collect();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
    // The listing index is warm, as it is for the app after its first start.
    store.list(guide).unwrap();
    let mut group = c.benchmark_group("constellation");
    group.bench_function("floor: load its 50 community files in turn", |b| {
        b.iter(|| {
            for f in &files {
                black_box(store.load(f).unwrap());
            }
        })
    });
    group.bench_function("overview of a constellation of 50", |b| {
        b.iter(|| black_box(store.overview(&path, guide, today).unwrap()))
    });
    group.finish();
}

/// Merging two changed versions of a 10 KB community (what `convene merge` does for git),
/// beside loading one of them.
fn merging(c: &mut Criterion) {
    // The welfare reform community: 9.6 KB, the size the issue names.
    const BASE: &str = include_str!("../examples/sips-welfare-reform-and-housing.toml");
    let guide = Guide::builtin();
    let base = convene::community::CommunityFile::parse(BASE).unwrap();
    let version = |edit: &dyn Fn(&mut convene::community::Community)| {
        let mut file = base.clone();
        edit(&mut file.community);
        file.render(guide).unwrap()
    };
    let mine = version(&|c| {
        c.set_answer("primary_purpose", Answer::Text("Mine, rewritten.".into()));
        c.set_note("purpose", "A note of mine.");
    });
    let theirs = version(&|c| {
        c.set_answer("specific_needs", Answer::Text("Theirs, rewritten.".into()));
    });
    let mut group = c.benchmark_group("merge a 10 KB community");
    group.bench_function("floor: load one version", |b| {
        b.iter(|| black_box(convene::community::CommunityFile::parse(&mine).unwrap()))
    });
    group.bench_function("merge base, mine and theirs", |b| {
        b.iter(|| black_box(convene::merge::merge_texts(BASE, &mine, &theirs, guide).unwrap()))
    });
    group.finish();
}

criterion_group!(
    benches,
    load_and_parse,
    save,
    list,
    draw,
    exports,
    overview,
    merging
);
criterion_main!(benches);
