//! Constellations in the app: home groups communities under their constellation, the overview
//! shows them side by side with the bridges, the learning across them can be marked as shared,
//! a sibling is added and a community split — driven through the pure update (what is asked
//! for) and through the app on a real folder (what lands on disk), with the screens drawn and
//! compared with reviewed snapshots at 80×24 and 120×40.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

use common::regex_escape;
use convene::guide::Guide;
use convene::store::{Grouped, Recovery, Store};
use convene::tui::effects::Effect;
use convene::tui::model::home::{Home, Prompt};
use convene::tui::model::orbit::Page;
use convene::tui::model::{GuideSource, Model, Now};
use convene::tui::{App, Msg, Screen, update, view};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

/// The SIPS constellation from the examples, with one more member whose file is gone.
fn sips() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in convene::samples::EXAMPLES {
        fs::write(dir.path().join(name), text).unwrap();
    }
    let (name, text) = convene::samples::CONSTELLATIONS[0];
    let text =
        format!("{text}\n[[communities]]\nfile = \"sips-health.toml\"\nname = \"SIPS: Health\"\n");
    fs::write(dir.path().join(name), text).unwrap();
    dir
}

fn app(dir: &Path) -> App {
    let store = Store::open(dir)
        .unwrap()
        .with_recovery(Recovery::in_dir(dir.join(".recovery")));
    let mut app = App::new(store, Guide::builtin());
    app.color = false;
    app.today = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    app
}

fn press(app: &mut App, code: KeyCode) {
    app.update(
        Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)),
        Instant::now(),
    );
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

fn screen(app: &App, (width, height): (u16, u16)) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| view::draw(frame, app)).unwrap();
    terminal.backend().to_string()
}

fn snapshot(name: &str, app: &App, dir: &Path, sizes: &[(u16, u16)]) {
    let dir = regex_escape(&dir.display().to_string());
    for &size in sizes {
        let text = screen(app, size);
        insta::with_settings!({
            filters => vec![
                (dir.as_str(), "[DATA]"),
                (r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", "[date time]"),
            ],
        }, {
            insta::assert_snapshot!(format!("{name}_{}x{}", size.0, size.1), text);
        });
    }
}

fn overview_open(app: &mut App) {
    // Home lists the constellation first; Enter on its line opens the overview.
    press(app, KeyCode::Enter);
    assert!(
        matches!(app.screen, Screen::Constellation(_)),
        "the overview opens: {:?}",
        app.status
    );
}

#[test]
fn home_groups_the_communities_under_their_constellation() {
    let dir = sips();
    let app = app(dir.path());
    let Screen::Home(home) = &app.screen else {
        panic!("home")
    };
    let rows: Vec<String> = home
        .rows()
        .iter()
        .map(|r| match r {
            convene::tui::model::home::Row::Group(g) => format!("group {}", g.name),
            convene::tui::model::home::Row::Entry { entry, member } => format!(
                "{}{}",
                if *member { "  " } else { "" },
                convene::store::names::file_name(entry.path())
            ),
            convene::tui::model::home::Row::Unread(u) => format!("unread {}", u.name),
        })
        .collect();
    assert_eq!(
        rows,
        [
            "group SIPS",
            "  sips-constellation.toml",
            "  sips-welfare-reform-and-housing.toml",
            "  sips-citizenship.toml",
            "  sips-resilience.toml",
            "  sips-devolution.toml",
            "nurses-lunch-circle.toml",
        ]
    );
    assert_eq!(home.groups[0].broken, 1, "the missing member is counted");
    let shown = screen(&app, (80, 24));
    assert!(
        shown.contains("◆ SIPS · 5 communities · 1 not found"),
        "{shown}"
    );
    snapshot("constellation_home", &app, dir.path(), &SIZES);
}

#[test]
fn the_overview_shows_the_communities_side_by_side_and_the_bridges() {
    let dir = sips();
    let mut app = app(dir.path());
    overview_open(&mut app);
    let shown = screen(&app, (80, 24));
    for expected in [
        "◆ SIPS · a constellation of 6 communities · 1 not where it says",
        "Welfare reform and housing",
        "missing: sips-health.toml is not in the folder",
        "Bridges: people in more than one community",
        "Emma Clarke (weaver)",
    ] {
        assert!(shown.contains(expected), "{expected:?} in\n{shown}");
    }
    snapshot("constellation_overview", &app, dir.path(), &SIZES);
    // The missing member is kept in the file: the overview wrote nothing for it.
    let text = fs::read_to_string(dir.path().join("sips.constellation.toml")).unwrap();
    assert!(text.contains("file = \"sips-health.toml\""), "{text}");

    // Enter opens the selected community; Esc from the overview goes home.
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    let Screen::Walk(walk) = &app.screen else {
        panic!("the walk: {:?}", app.status)
    };
    assert!(
        walk.session
            .path()
            .ends_with("sips-welfare-reform-and-housing.toml")
    );
}

#[test]
fn learning_across_is_in_date_order_and_an_entry_is_shared_into_its_own_file() {
    let dir = sips();
    let mut app = app(dir.path());
    overview_open(&mut app);
    press(&mut app, KeyCode::Char('l'));
    let Screen::Constellation(orbit) = &app.screen else {
        panic!()
    };
    assert_eq!(orbit.page, Page::Learning);
    let dates: Vec<_> = orbit.learning.iter().map(|e| e.date).collect();
    let mut sorted = dates.clone();
    sorted.sort_by_key(|d| (d.is_none(), *d));
    assert_eq!(dates, sorted, "in date order");
    assert!(orbit.learning.iter().any(|e| e.due), "a follow-up is due");
    let first = orbit.learning[0].clone();
    let from = orbit.overview.rows[first.community].path.clone().unwrap();
    snapshot("constellation_learning", &app, dir.path(), &SIZES[..1]);

    press(&mut app, KeyCode::Char('s'));
    assert_eq!(app.context(), convene::tui::keymap::Context::Pick);
    let Screen::Constellation(orbit) = &app.screen else {
        panic!()
    };
    let Some(convene::tui::model::orbit::Ask::ShareWith { choices, .. }) = &orbit.ask else {
        panic!("asks with whom")
    };
    assert!(
        !choices.contains(&first.community),
        "not with its own community"
    );
    let with = orbit.overview.rows[choices[0]].name.clone();
    press(&mut app, KeyCode::Enter);
    let text = fs::read_to_string(&from).unwrap();
    assert!(
        text.contains(&format!("shared_with = \"{with}\"")),
        "{with} written into the entry's row:\n{text}"
    );
    assert!(
        app.status.text.starts_with("Marked as shared"),
        "{:?}",
        app.status
    );
    let Screen::Constellation(orbit) = &app.screen else {
        panic!()
    };
    assert_eq!(orbit.page, Page::Learning, "back on the same page");
    assert!(orbit.learning.iter().any(|e| e.shared_with.contains(&with)));
}

#[test]
fn a_sibling_is_added_from_the_overview() {
    let dir = sips();
    let mut app = app(dir.path());
    overview_open(&mut app);
    press(&mut app, KeyCode::Char('a'));
    assert_eq!(app.context(), convene::tui::keymap::Context::Line);
    type_text(&mut app, "SIPS: Health inequalities");
    press(&mut app, KeyCode::Enter);
    let new = dir.path().join("sips-health-inequalities.toml");
    assert!(new.is_file(), "{:?}", app.status);
    let Screen::Constellation(orbit) = &app.screen else {
        panic!()
    };
    assert_eq!(orbit.selected_path(), Some(&new), "the new row is selected");
    let text = fs::read_to_string(dir.path().join("sips.constellation.toml")).unwrap();
    assert!(
        text.ends_with("[[communities]]\nfile = \"sips-health-inequalities.toml\"\nname = \"SIPS: Health inequalities\"\n"),
        "{text}"
    );
    // A name taken is refused, and nothing is written.
    press(&mut app, KeyCode::Char('a'));
    type_text(&mut app, "sips: citizenship");
    press(&mut app, KeyCode::Enter);
    assert!(
        app.status.error && app.status.text.contains("already exists"),
        "{:?}",
        app.status
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("sips.constellation.toml")).unwrap(),
        text
    );
}

#[test]
fn a_split_from_home_asks_what_to_carry_and_opens_its_constellation() {
    let dir = sips();
    let mut app = app(dir.path());
    // The nurses' circle is the last line of home.
    for _ in 0..6 {
        press(&mut app, KeyCode::Down);
    }
    let nurses = dir.path().join("nurses-lunch-circle.toml");
    let before = fs::read(&nurses).unwrap();
    press(&mut app, KeyCode::Char('S'));
    type_text(&mut app, "Night shift; Day team; night shift");
    press(&mut app, KeyCode::Enter);
    assert!(
        app.status.error && app.status.text.contains("given twice"),
        "{:?}",
        app.status
    );
    press(&mut app, KeyCode::Char('S'));
    type_text(&mut app, "Night shift; Day team");
    press(&mut app, KeyCode::Enter);
    let Screen::Home(home) = &app.screen else {
        panic!()
    };
    let Some(Prompt::SplitChoose { plan, .. }) = &home.prompt else {
        panic!("the checklist: {:?}", app.status)
    };
    assert_eq!(plan.topics, ["Night shift", "Day team"]);
    assert!(plan.choices[0].on && plan.choices[0].label == "Define");
    snapshot("constellation_split", &app, dir.path(), &SIZES[..1]);
    // The second part (Domain, community, practice) is carried too.
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Char(' '));
    press(&mut app, KeyCode::Enter);
    let Screen::Constellation(orbit) = &app.screen else {
        panic!("the new constellation: {:?}", app.status)
    };
    assert_eq!(orbit.overview.rows.len(), 3);
    assert_eq!(
        fs::read(&nurses).unwrap(),
        before,
        "the original is unchanged"
    );
    let night = Store::open(dir.path())
        .unwrap()
        .load(&dir.path().join("night-shift.toml"))
        .unwrap();
    let c = night.community();
    assert!(
        c.answers.contains_key("primary_purpose"),
        "Define is carried"
    );
    assert!(
        c.answers.contains_key("domain_description")
            || c.answers.keys().any(|k| k != "primary_purpose")
    );
    assert!(
        !c.answers.contains_key("people"),
        "what was not chosen is not carried"
    );
}

#[test]
fn a_rename_on_home_keeps_the_constellations_link() {
    let dir = sips();
    let mut app = app(dir.path());
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down); // SIPS: Welfare reform and housing
    press(&mut app, KeyCode::Char('r'));
    for _ in 0.."SIPS: Welfare reform and housing".chars().count() {
        press(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "SIPS: Housing");
    press(&mut app, KeyCode::Enter);
    assert!(
        dir.path().join("sips-housing.toml").is_file(),
        "{:?}",
        app.status
    );
    let text = fs::read_to_string(dir.path().join("sips.constellation.toml")).unwrap();
    assert!(
        text.contains("file = \"sips-housing.toml\"\nname = \"SIPS: Housing\""),
        "{text}"
    );
    assert!(
        !text.contains("sips-welfare-reform-and-housing.toml"),
        "{text}"
    );
}

/// The pure update: what the overview's keys ask for, with no folder at all.
mod pure {
    use super::*;

    fn now() -> Now {
        Now {
            at: Instant::now(),
            wall: "2026-12-01T10:00:00Z".parse().unwrap(),
        }
    }

    fn key(model: &mut Model, code: KeyCode) -> Vec<Effect> {
        update(
            model,
            Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)),
            now(),
        )
    }

    #[test]
    fn enter_on_a_constellation_asks_for_its_overview_and_x_for_its_charter() {
        let mut home = Home::new(Vec::new());
        home.groups = vec![Grouped {
            path: PathBuf::from("/data/sips.constellation.toml"),
            name: "SIPS".into(),
            members: Vec::new(),
            broken: 0,
            unreadable: None,
        }];
        let mut model = Model::new(
            home,
            GuideSource::Ready(Guide::builtin()),
            PathBuf::from("/data"),
            chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
            Instant::now(),
        );
        let fx = key(&mut model, KeyCode::Enter);
        assert!(
            matches!(fx.as_slice(), [Effect::OpenConstellation { path, learning: false, .. }] if path.ends_with("sips.constellation.toml")),
            "{fx:?}"
        );
        assert!(key(&mut model, KeyCode::Char('x')).is_empty());
        let fx = key(&mut model, KeyCode::Char('s'));
        assert!(
            matches!(fx.as_slice(), [Effect::ExportConstellation(path, convene::export::Audience::Sponsor)] if path.ends_with("sips.constellation.toml")),
            "{fx:?}"
        );
        // A split is asked of a community, never of a constellation's line.
        assert!(key(&mut model, KeyCode::Char('S')).is_empty());
        assert!(model.home().unwrap().prompt.is_none());
    }
}

#[test]
fn the_overview_opens_from_the_index_and_fills_in_keeping_the_selection() {
    let dir = sips();
    let cache = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path())
        .unwrap()
        .with_recovery(Recovery::in_dir(dir.path().join(".recovery")))
        .with_index_in(cache.path());
    store.list(Guide::builtin()).unwrap(); // the index, as an earlier start leaves it
    let mut app = App::new(store.clone(), Guide::builtin());
    app.color = false;
    app.today = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let path = dir.path().join("sips.constellation.toml");
    app.open_constellation(&path).unwrap();
    assert_eq!(
        app.provisional_constellation().as_deref(),
        Some(path.as_path())
    );
    let shown = screen(&app, (80, 24));
    assert!(shown.contains("Welfare reform and housing"), "{shown}");
    assert!(shown.contains("reading…"), "{shown}");
    assert!(!shown.contains("Bridges: people"), "{shown}");
    press(&mut app, KeyCode::Down);

    let (_, overview) = store.overview(&path, Guide::builtin(), app.today).unwrap();
    let done = convene::tui::effects::Done::ConstellationOpened {
        path: path.clone(),
        result: Ok((Box::new(overview), Vec::new())),
        select: None,
        learning: false,
    };
    app.update(Msg::Done(Box::new(done)), Instant::now());
    assert!(app.provisional_constellation().is_none());
    let Screen::Constellation(orbit) = &app.screen else {
        panic!()
    };
    assert_eq!(
        orbit.selected, 1,
        "the row moved to meanwhile stays selected"
    );
    let shown = screen(&app, (80, 24));
    assert!(
        shown.contains("Bridges: people in more than one community"),
        "{shown}"
    );
}
