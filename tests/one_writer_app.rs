//! One writer per community, in the app (issue 13, point 1): two apps in one process stand for
//! two convenes (each holds its own descriptor of the lock mark, as two processes would). The
//! second is told who has the community open and chooses; the first one's leaving frees it.
//! The same with two real processes is in `pty_one_writer.rs`.

mod common;

use std::fs;
use std::path::Path;
use std::time::Instant;

use convene::guide::Guide;
use convene::store::lock::Alive;
use convene::store::{Recovery, Store};
use convene::tui::model::home::Prompt;
use convene::tui::{App, Screen};
use crossterm::event::KeyCode;

use common::drive::{create, ctrl, press, type_text, walk};

fn start(data: &Path, recovery: &Path) -> App {
    let store = Store::open(data)
        .unwrap()
        .with_recovery(Recovery::in_dir(recovery));
    App::new(store, Guide::builtin())
}

/// A data folder, a recovery folder, and a first convene with "Ferry crews" just created in it.
struct Opened {
    data: tempfile::TempDir,
    recovery: tempfile::TempDir,
    now: Instant,
    first: App,
    path: std::path::PathBuf,
}

fn opened() -> Opened {
    let data = tempfile::tempdir().unwrap();
    let recovery = tempfile::tempdir().unwrap();
    let now = Instant::now();
    let mut first = start(data.path(), recovery.path());
    let path = create(&mut first, "Ferry crews", now);
    Opened {
        data,
        recovery,
        now,
        first,
        path,
    }
}

/// The text of home's prompt, or a failure naming the screen.
fn asked(app: &App) -> String {
    match &app.screen {
        Screen::Home(home) => match &home.prompt {
            Some(Prompt::OpenElsewhere(asked)) => {
                assert_eq!(asked.holders[0].alive, Alive::Yes);
                convene::tui::update::elsewhere_text(asked, &app.prefs.keys)
            }
            other => panic!("expected the open-elsewhere prompt, got {other:?}"),
        },
        _ => panic!("expected home, status: {:?}", app.status),
    }
}

#[test]
fn a_second_app_is_told_and_each_choice_does_what_it_says() {
    let Opened {
        data,
        recovery,
        now,
        mut first,
        path,
    } = opened();
    type_text(&mut first, "First words", now);
    ctrl(&mut first, 's', now);
    let saved = fs::read(&path).unwrap();

    // Back: home, nothing opened.
    let mut second = start(data.path(), recovery.path());
    second.open(&path).unwrap();
    let text = asked(&second);
    assert!(
        text.contains("\"Ferry crews\" is open in another convene"),
        "{text}"
    );
    assert!(
        text.contains(&common::user_name()),
        "names the user: {text}"
    );
    assert!(text.contains(" since "), "says since when: {text}");
    assert!(text.contains("still running"), "{text}");
    assert!(
        text.contains(&format!("process {}", std::process::id())),
        "{text}"
    );
    press(&mut second, KeyCode::Esc, now);
    assert!(matches!(&second.screen, Screen::Home(h) if h.prompt.is_none()));

    // Read-only: typing is refused with the reason, nothing is saved.
    second.open(&path).unwrap();
    press(&mut second, KeyCode::Char('r'), now);
    assert!(walk(&second).read_only());
    assert!(
        second.status.text.starts_with("Read-only: "),
        "{:?}",
        second.status
    );
    type_text(&mut second, "Second words", now);
    assert_eq!(walk(&second).editor_text(), "First words");
    let said = &second.status.text;
    assert!(
        said.starts_with(&format!(
            "Read-only: {} has it open on ",
            common::user_name()
        )) && said.contains(" since "),
        "{said}"
    );
    assert_eq!(second.deadline(), None, "no autosave");
    ctrl(&mut second, 's', now);
    press(&mut second, KeyCode::Esc, now);
    assert_eq!(
        fs::read(&path).unwrap(),
        saved,
        "the read-only app wrote nothing"
    );

    // Open anyway: both write; the later save merges, keeping both texts in the file.
    second.open(&path).unwrap();
    press(&mut second, KeyCode::Char('o'), now);
    assert!(!walk(&second).read_only());
    assert!(
        second.status.text.starts_with("Opened anyway: "),
        "{:?}",
        second.status
    );
    type_text(&mut first, ", more from the first", now);
    ctrl(&mut first, 's', now);
    type_text(&mut second, "From the second", now);
    ctrl(&mut second, 's', now);
    assert!(
        second.status.text.contains("changed on both sides"),
        "{:?}",
        second.status
    );
    assert_eq!(walk(&second).session.path(), path);
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains("From the second"), "{text}");
    let kept = convene::merge::conflicts_in(&text);
    assert_eq!(
        kept[0].theirs.as_deref(),
        Some("First words, more from the first"),
        "{text}"
    );

    // Both leave: a third opens without being asked, on the conflict to settle.
    ctrl(&mut first, 'q', now);
    drop(first);
    ctrl(&mut second, 'q', now);
    drop(second);
    let mut third = start(data.path(), recovery.path());
    third.open(&path).unwrap();
    assert!(!walk(&third).read_only(), "{:?}", third.status);
}

#[test]
fn renaming_or_trashing_what_another_app_has_open_is_refused() {
    let Opened {
        data,
        recovery,
        now,
        mut first,
        path,
    } = opened();
    ctrl(&mut first, 's', now);
    let mut second = start(data.path(), recovery.path());
    press(&mut second, KeyCode::Char('r'), now);
    for _ in 0..3 {
        press(&mut second, KeyCode::Backspace, now);
    }
    type_text(&mut second, "Other", now);
    press(&mut second, KeyCode::Enter, now);
    assert!(
        second.status.text.starts_with("Not renamed: "),
        "{:?}",
        second.status
    );
    press(&mut second, KeyCode::Delete, now);
    press(&mut second, KeyCode::Char('y'), now);
    assert!(
        second.status.text.starts_with("Not moved to the trash: "),
        "{:?}",
        second.status
    );
    assert!(path.exists());
}

#[test]
fn going_home_releases_the_community() {
    let Opened {
        data,
        recovery,
        now,
        mut first,
        path,
    } = opened();
    press(&mut first, KeyCode::Esc, now);
    assert!(matches!(first.screen, Screen::Home(_)));
    let mut second = start(data.path(), recovery.path());
    second.open(&path).unwrap();
    assert!(!walk(&second).read_only(), "{:?}", second.status);
}

#[cfg(unix)]
#[test]
fn a_link_leading_out_opens_read_only_and_says_why() {
    let data = tempfile::tempdir().unwrap();
    let away = tempfile::tempdir().unwrap();
    let recovery = tempfile::tempdir().unwrap();
    let guide = Guide::builtin();
    let real = Store::open(away.path())
        .unwrap()
        .create("Ferry crews", guide)
        .unwrap()
        .path;
    let before = fs::read(&real).unwrap();
    let link = data.path().join("ferry-crews.toml");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let now = Instant::now();
    let mut app = start(data.path(), recovery.path());
    app.open(&link).unwrap();
    assert!(walk(&app).read_only());
    assert!(
        app.status.text.contains("is a link to")
            && app.status.text.contains("outside the data folder"),
        "{:?}",
        app.status
    );
    type_text(&mut app, "Not here", now);
    assert!(
        app.status.text.contains("outside the data folder"),
        "{:?}",
        app.status
    );
    ctrl(&mut app, 's', now);
    ctrl(&mut app, 'q', now);
    assert_eq!(fs::read(&real).unwrap(), before);
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

#[test]
fn home_and_list_tell_which_communities_another_convene_has_open() {
    let Opened {
        data,
        recovery,
        now,
        mut first,
        path,
    } = opened();
    // Back home, this convene's own mark is gone before the listing: it is not "another".
    press(&mut first, KeyCode::Esc, now);
    let open_by = |app: &App| match &app.screen {
        Screen::Home(home) => home
            .entries
            .iter()
            .find_map(|e| match e {
                convene::store::Entry::Community(s) if s.path == path => {
                    Some(s.open_by.as_ref().map(|h| h.who()))
                }
                _ => None,
            })
            .expect("the community is listed"),
        _ => panic!("expected home"),
    };
    assert_eq!(open_by(&first), None);

    // Another convene opens it: a second app's home, and `convene list`, say who.
    press(&mut first, KeyCode::Enter, now);
    walk(&first);
    let second = start(data.path(), recovery.path());
    let who = open_by(&second).expect("the listing tells who has it open");
    assert!(
        who.starts_with(&format!("{} on ", common::user_name())),
        "{who}"
    );
    // On home's row too, at 80 columns, beside the name.
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    terminal
        .draw(|frame| convene::tui::view::draw(frame, &second))
        .unwrap();
    let screen = terminal.backend().to_string();
    let row = screen
        .lines()
        .find(|l| l.contains("Ferry crews"))
        .expect("the community's row");
    assert!(
        row.contains(&format!("open: {} on ", common::user_name())),
        "{row}"
    );
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_convene"))
        .arg("--dir")
        .arg(data.path())
        .arg("list")
        .env("CONVENE_RECOVERY_DIR", recovery.path())
        .env("CONVENE_CACHE_DIR", recovery.path().join("cache"))
        .output()
        .unwrap();
    let listed = String::from_utf8_lossy(&out.stdout);
    assert!(
        listed.contains(&format!("(open in another convene: {who})")),
        "{listed}"
    );

    // Once it is closed, nobody has it open.
    drop(first);
    let third = start(data.path(), recovery.path());
    assert_eq!(open_by(&third), None);
}
