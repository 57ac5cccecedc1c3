//! A first start on a folder with no listing index: home's first frame lists the files by name
//! before any is parsed, fills their rows in place as the listing thread parses them, and takes
//! the full listing at the end — the selection on the same file throughout, so that Enter
//! typed ahead opens the file that was shown selected.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Instant;

use chrono::{NaiveDate, TimeZone, Utc};
use convene::guide::Guide;
use convene::store::{Entry, Store, Summary};
use convene::tui::effects::{Effect, How};
use convene::tui::model::home::Home;
use convene::tui::model::{GuideSource, Model, Now, Screen};
use convene::tui::{App, Msg, update};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn now() -> Now {
    Now {
        at: Instant::now(),
        wall: Utc
            .with_ymd_and_hms(2026, 3, 4, 10, 0, 0)
            .unwrap()
            .fixed_offset(),
    }
}

fn model(home: Home) -> Model {
    Model::new(
        home,
        GuideSource::Ready(Guide::builtin()),
        PathBuf::from("/data"),
        NaiveDate::from_ymd_opt(2026, 3, 4).unwrap(),
        Instant::now(),
    )
}

fn file(name: &str) -> PathBuf {
    PathBuf::from("/data").join(name)
}

fn summary(name: &str, file_name: &str) -> Entry {
    Entry::Community(Summary {
        path: file(file_name),
        name: name.to_string(),
        progress: convene::community::Progress {
            answered: 1,
            total: 9,
        },
        updated: now().wall,
        read_only: false,
        next_step: None,
        outside: None,
        open_by: None,
    })
}

fn key(model: &mut Model, code: KeyCode) -> Vec<Effect> {
    update(
        model,
        Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)),
        now(),
    )
}

fn home(model: &Model) -> &Home {
    match &model.screen {
        Screen::Home(home) => home,
        _ => panic!("home"),
    }
}

fn selected(model: &Model) -> PathBuf {
    home(model).selected_row().unwrap().path().to_path_buf()
}

/// Three files named so that their real names sort the other way round.
fn first_start() -> Model {
    model(Home::first_start(vec![
        file("alder.toml"),
        file("birch.toml"),
        file("cedar.toml"),
    ]))
}

#[test]
fn enter_typed_before_anything_is_read_opens_the_row_shown_selected() {
    let mut model = first_start();
    assert!(model.needs_listing());
    assert_eq!(home(&model).listing_progress(), Some((0, 3)));
    key(&mut model, KeyCode::Down);
    assert_eq!(selected(&model), file("birch.toml"));
    assert!(matches!(&key(&mut model, KeyCode::Enter)[..],
        [Effect::Open { path, how: How::Ask }] if *path == file("birch.toml")));
}

#[test]
fn rows_fill_in_where_they_are_and_the_full_listing_keeps_the_selection() {
    let mut model = first_start();
    key(&mut model, KeyCode::Down);
    // A batch parsed by the listing thread: the rows fill in, none moves.
    update(
        &mut model,
        Msg::Listing(vec![
            summary("Zeta circle", "alder.toml"),
            summary("Mu circle", "cedar.toml"),
        ]),
        now(),
    );
    let shown: Vec<PathBuf> = home(&model)
        .rows()
        .iter()
        .map(|r| r.path().to_path_buf())
        .collect();
    assert_eq!(
        shown,
        [file("alder.toml"), file("birch.toml"), file("cedar.toml")]
    );
    assert_eq!(home(&model).listing_progress(), Some((2, 3)));
    assert_eq!(selected(&model), file("birch.toml"));
    assert!(
        home(&model).selected_community().is_none(),
        "birch is unread"
    );

    // The full listing sorts by the real names: birch goes first, and stays selected.
    let listed = vec![
        summary("Alpha circle", "birch.toml"),
        summary("Mu circle", "cedar.toml"),
        summary("Zeta circle", "alder.toml"),
    ];
    update(&mut model, Msg::Listed(Ok(listed)), now());
    assert!(!model.needs_listing());
    assert_eq!(home(&model).listing_progress(), None);
    assert_eq!(home(&model).selected, 0);
    assert_eq!(selected(&model), file("birch.toml"));
    assert!(matches!(&key(&mut model, KeyCode::Enter)[..],
        [Effect::Open { path, .. }] if *path == file("birch.toml")));
    // A batch that comes after the listing changes nothing.
    update(
        &mut model,
        Msg::Listing(vec![summary("Late", "birch.toml")]),
        now(),
    );
    assert_eq!(
        home(&model).selected_community().unwrap().name,
        "Alpha circle"
    );
}

/// Constellations come with the full listing, above the communities: while the facilitator
/// has not moved, the first line stays selected, as if the listing had been there at once.
#[test]
fn the_first_line_stays_selected_until_the_facilitator_moves() {
    let mut model = first_start();
    let listed = vec![
        summary("Alpha circle", "birch.toml"),
        summary("Mu circle", "cedar.toml"),
        summary("Zeta circle", "alder.toml"),
    ];
    update(&mut model, Msg::Listed(Ok(listed)), now());
    assert_eq!(selected(&model), file("birch.toml"), "the first line");
    let group = convene::store::Grouped {
        path: file("trees.constellation.toml"),
        name: "Trees".into(),
        members: vec![file("cedar.toml")],
        broken: 0,
        unreadable: None,
    };
    update(&mut model, Msg::Grouped(vec![group.clone()]), now());
    assert_eq!(selected(&model), file("trees.constellation.toml"));
    assert!(matches!(&key(&mut model, KeyCode::Enter)[..],
        [Effect::OpenConstellation { path, .. }] if *path == group.path));

    // Once moved, the selection follows its file.
    let mut model = first_start();
    key(&mut model, KeyCode::Down);
    key(&mut model, KeyCode::Down);
    update(&mut model, Msg::Grouped(vec![group]), now());
    assert_eq!(selected(&model), file("cedar.toml"));
}

#[test]
fn a_filter_typed_ahead_finds_unread_files_by_their_names() {
    let mut model = first_start();
    key(&mut model, KeyCode::Char('/'));
    for c in "ced".chars() {
        key(&mut model, KeyCode::Char(c));
    }
    let rows = home(&model).rows();
    assert_eq!(rows.len(), 1, "only cedar");
    assert_eq!(rows[0].path(), file("cedar.toml"));
}

/// On a real folder: the first frame's home reads no file, the listing thread's batches fill
/// it in, and the listing it ends with is the store's, with the index written for next time.
#[test]
fn a_folder_without_an_index_is_shown_by_name_then_listed() {
    let guide = Guide::builtin();
    let data = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    for (name, text) in &convene::samples::EXAMPLES[..2] {
        fs::write(data.path().join(name), text).unwrap();
    }
    fs::write(data.path().join("broken.toml"), "name = [\n").unwrap();
    let store = || {
        Store::open(data.path())
            .unwrap()
            .with_index_in(cache.path())
    };

    let first = App::first_frame_home(&store(), guide.identity());
    assert!(first.provisional);
    let names: Vec<&str> = first.unread.iter().map(|u| u.name.as_str()).collect();
    assert_eq!(names.len(), 3, "{names:?}");
    assert!(names.contains(&"Broken"), "{names:?}");
    let mut app = App::with_home(store(), guide, first);
    assert!(app.needs_listing());

    let batches = Mutex::new(Vec::new());
    let report = |read: Vec<Entry>| batches.lock().unwrap().push(read);
    let listed = app
        .store
        .list_reporting(guide.identity(), || guide, &report)
        .map_err(|e| e.to_string());
    let batches = batches.into_inner().unwrap();
    assert_eq!(batches.iter().map(Vec::len).sum::<usize>(), 3);
    for batch in batches {
        app.update(Msg::Listing(batch), Instant::now());
    }
    assert!(matches!(&app.screen, Screen::Home(h) if h.listing_progress() == Some((3, 3))));
    app.update(Msg::Listed(listed), Instant::now());
    let Screen::Home(home) = &app.screen else {
        panic!("home")
    };
    let paths = |entries: &[Entry]| -> Vec<PathBuf> {
        entries.iter().map(|e| e.path().to_path_buf()).collect()
    };
    assert!(home.unread.is_empty());
    assert_eq!(paths(&home.entries), paths(&store().list(guide).unwrap()));

    // The next start draws from the index the listing wrote.
    let again = App::first_frame_home(&store(), guide.identity());
    assert!(again.unread.is_empty());
    assert_eq!(again.entries.len(), 3);
    assert!(again.provisional);
    assert_eq!(slugged(Path::new("x/équipe-nord.toml")), "Équipe nord");
}

fn slugged(path: &Path) -> String {
    convene::tui::model::home::name_from_file(path)
}
