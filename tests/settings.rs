//! The settings file as a facilitator meets it: `convene config`, problems at their lines while
//! convene still works, a user theme and key overrides in the app (in the help screen, the hint
//! line and the colours drawn), and NO_COLOR over any theme.

mod common;

use std::fs;
use std::path::Path;
use std::time::Instant;

use assert_cmd::Command;
use convene::config;
use convene::guide::Guide;
use convene::store::{Recovery, Store};
use convene::tui::prefs::Prefs;
use convene::tui::view;
use convene::tui::{App, Msg};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use predicates::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Color;

fn convene(home: &Path) -> Command {
    let mut cmd = Command::cargo_bin("convene").unwrap();
    cmd.env("XDG_CONFIG_HOME", home.join("config"))
        .env("CONVENE_DIR", home.join("data"))
        .env("CONVENE_CACHE_DIR", home.join("cache"))
        .env_remove(config::CONFIG_ENV);
    cmd
}

fn settings_file(home: &Path, text: &str) -> std::path::PathBuf {
    let dir = home.join("config/convene");
    fs::create_dir_all(&dir).unwrap();
    let path = dir.join("config.toml");
    fs::write(&path, text).unwrap();
    path
}

#[test]
fn convene_config_prints_where_and_a_default_that_reads_back_clean() {
    let home = tempfile::tempdir().unwrap();
    let out = convene(home.path()).arg("config").assert().success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let path = home.path().join("config/convene/config.toml");
    assert!(
        text.starts_with(&format!(
            "# Settings file: {} (not there yet",
            path.display()
        )),
        "{text}"
    );
    assert!(text.contains("[keys.walk]") && text.contains("next_section (Ctrl-N"));
    // Saved as it is, the printed file is a settings file with no problems.
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, &text).unwrap();
    convene(home.path())
        .arg("config")
        .assert()
        .success()
        .stderr("");
    convene(home.path())
        .args(["config", "--path"])
        .assert()
        .success()
        .stdout(format!("{}\n", path.display()));
}

#[test]
fn problems_are_said_at_their_lines_and_convene_still_works() {
    let home = tempfile::tempdir().unwrap();
    let path = settings_file(
        home.path(),
        "autosave_seconds = 600\ncolour = \"red\"\n[keys.walk]\nexport = \"x\"\n",
    );
    let file = path.display().to_string();
    convene(home.path())
        .arg("config")
        .assert()
        .code(1)
        .stderr(predicate::str::contains(format!(
            "{file}:1:20: `autosave_seconds`"
        )))
        .stderr(predicate::str::contains(format!(
            "{file}:2:1: unknown setting `colour`"
        )))
        .stderr(predicate::str::contains(format!(
            "{file}:4:10: [keys.walk] export: x types text in walk"
        )));
    // Another command says the file's problems on standard error, and does its work.
    convene(home.path())
        .args(["new", "Nurses' lunch circle"])
        .assert()
        .success()
        .stdout(predicate::str::ends_with("nurses-lunch-circle.toml\n"))
        .stderr(predicate::str::contains(format!(
            "convene: settings: {file}:2:1: unknown setting"
        )));
}

#[test]
fn a_settings_file_named_on_purpose_must_be_there() {
    let home = tempfile::tempdir().unwrap();
    let missing = home.path().join("nowhere.toml");
    convene(home.path())
        .arg("--config")
        .arg(&missing)
        .arg("list")
        .assert()
        .success()
        .stderr(predicate::str::contains(format!(
            "{}:1:1: there is no such file",
            missing.display()
        )));
}

#[test]
fn the_settings_folder_and_charter_defaults_apply_to_the_commands() {
    let home = tempfile::tempdir().unwrap();
    settings_file(
        home.path(),
        "dir = \"../../elsewhere\"\n[charter]\naudience = \"facilitator\"\nlanguage = \"fr\"\n",
    );
    let mut cmd = convene(home.path());
    cmd.env_remove("CONVENE_DIR");
    cmd.args(["new", "Cercle des infirmières"])
        .assert()
        .success();
    assert!(
        home.path()
            .join("elsewhere/cercle-des-infirmieres.toml")
            .exists()
    );
    let mut cmd = convene(home.path());
    let out = cmd
        .env_remove("CONVENE_DIR")
        .args(["export", "Cercle des infirmières", "--format", "html"])
        .assert()
        .success();
    let html = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(html.contains("<html lang=\"fr\""), "{}", &html[..200]);
    assert!(
        html.contains("for the facilitator"),
        "the settings' audience"
    );
    // --audience still wins over the settings.
    let mut cmd = convene(home.path());
    let out = cmd
        .env_remove("CONVENE_DIR")
        .args(["export", "Cercle des infirmières", "--audience", "members"])
        .assert()
        .success();
    let markdown = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(markdown.contains("for members"), "{markdown}");
}

/// The app with the settings in `text` (and a theme file beside them, if any).
fn app_with(home: &Path, text: &str, theme: Option<&str>) -> (App, Vec<String>) {
    let path = settings_file(home, text);
    if let Some(theme) = theme {
        fs::create_dir_all(home.join("config/convene/themes")).unwrap();
        fs::write(home.join("config/convene/themes/paper.toml"), theme).unwrap();
    }
    let settings = config::load(Some(path), true);
    let (prefs, problems) = Prefs::from_settings(&settings);
    let data = home.join("data");
    fs::create_dir_all(&data).unwrap();
    let store = Store::open(&data)
        .unwrap()
        .with_recovery(Recovery::in_dir(home.join("recovery")));
    let mut app = App::new(store, Guide::builtin());
    app.prefs = prefs;
    app.today = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    (app, problems)
}

fn press(app: &mut App, code: KeyCode, modifiers: KeyModifiers) {
    app.update(Msg::Key(KeyEvent::new(code, modifiers)), Instant::now());
}

fn draw(app: &App) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal.draw(|frame| view::draw(frame, app)).unwrap();
    terminal
}

const PAPER: &str = "inherits = \"light\"\ntitle = { fg = \"ink\", modifiers = [\"bold\"] }\n\
                     [palette]\nink = \"#1d3557\"\n";

const SETTINGS: &str = "theme = \"paper\"\n[keys.home]\nnew = \"a\"\nexamples = \"F10\"\n\
                        [keys.walk]\nnext_section = \"alt-n\"\n";

#[test]
fn a_user_theme_and_key_overrides_are_in_the_help_the_hints_and_the_colours() {
    let home = tempfile::tempdir().unwrap();
    let (mut app, problems) = app_with(home.path(), SETTINGS, Some(PAPER));
    assert!(problems.is_empty(), "{problems:?}");
    // The new key works, and the old one no longer does.
    press(&mut app, KeyCode::Char('a'), KeyModifiers::NONE);
    assert!(
        matches!(
            app.home().and_then(|h| h.prompt.as_ref()),
            Some(convene::tui::model::home::Prompt::NewName(_))
        ),
        "a asks for a new community's name"
    );
    press(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    press(&mut app, KeyCode::Char('n'), KeyModifiers::NONE);
    assert!(
        app.home().is_some_and(|h| h.prompt.is_none()),
        "n is no longer new"
    );
    let terminal = draw(&app);
    let buffer = terminal.backend().buffer();
    // The title row is in the theme's ink.
    let title = (0..80)
        .map(|x| &buffer[(x, 0)])
        .find(|cell| cell.symbol() != " ")
        .unwrap();
    assert_eq!(title.fg, Color::Rgb(0x1d, 0x35, 0x57));
    let hint_line = terminal.backend().to_string();
    assert!(hint_line.contains("a new"), "{hint_line}");
    press(&mut app, KeyCode::F(1), KeyModifiers::NONE);
    let help = draw(&app).backend().to_string();
    let data = common::regex_escape(&home.path().display().to_string());
    insta::with_settings!({ filters => vec![(data.as_str(), "[HOME]")] }, {
        insta::assert_snapshot!("settings_help_with_overrides", help);
    });
    assert!(help.contains("F10") && help.contains("add the examples"));
}

#[test]
fn messages_that_name_a_key_name_the_facilitators() {
    let home = tempfile::tempdir().unwrap();
    let (mut app, problems) = app_with(
        home.path(),
        "[keys.global]\nquit = \"ctrl-x\"\n[keys.home]\nnew = \"a\"\nexamples = \"F10\"\n",
        None,
    );
    assert!(problems.is_empty(), "{problems:?}");
    // The welcome screen, and the screen that says the terminal is too small.
    let welcome = draw(&app).backend().to_string();
    assert!(welcome.contains("a  start a new community"), "{welcome}");
    assert!(welcome.contains("F10  add the examples"), "{welcome}");
    app.size = Some((30, 8));
    let mut terminal = Terminal::new(TestBackend::new(30, 8)).unwrap();
    terminal.draw(|frame| view::draw(frame, &app)).unwrap();
    let small = common::squeezed(&terminal.backend().to_string());
    assert!(small.contains("Ctrl-X quits"), "{small}");
}

#[test]
fn no_color_wins_over_any_theme() {
    let home = tempfile::tempdir().unwrap();
    let (mut app, _) = app_with(home.path(), SETTINGS, Some(PAPER));
    app.color = false;
    let terminal = draw(&app);
    let buffer = terminal.backend().buffer();
    for y in 0..24 {
        for x in 0..80 {
            let cell = &buffer[(x, y)];
            assert_eq!(
                (cell.fg, cell.bg),
                (Color::Reset, Color::Reset),
                "({x}, {y})"
            );
        }
    }
}

#[test]
fn a_theme_file_with_problems_is_reported_at_its_lines_and_the_rest_applies() {
    let home = tempfile::tempdir().unwrap();
    let (app, problems) = app_with(
        home.path(),
        "theme = \"paper\"\n",
        Some("inherits = \"light\"\ntitle = \"inky\"\nkey = \"magenta\"\n"),
    );
    let theme_file = home.path().join("config/convene/themes/paper.toml");
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].starts_with(&format!("{}:2:9: a colour is", theme_file.display())),
        "{problems:?}"
    );
    assert_eq!(app.prefs.theme.key().fg, Some(Color::Magenta));
}

#[test]
fn completions_are_written_for_every_shell_and_complete_community_names() {
    let home = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = convene(home.path())
            .args(["completions", shell])
            .assert()
            .success();
        let script = String::from_utf8(out.get_output().stdout.clone()).unwrap();
        assert!(script.contains("COMPLETE"), "{shell}: {script}");
        assert!(script.contains("convene"), "{shell}");
    }
    convene(home.path())
        .args(["new", "Nurses' lunch circle"])
        .assert()
        .success();
    // What the bash script runs when Tab is pressed after `convene open nu`.
    convene(home.path())
        .env("COMPLETE", "bash")
        .env("_CLAP_COMPLETE_INDEX", "2")
        .env("_CLAP_COMPLETE_COMP_TYPE", "9")
        .env("_CLAP_COMPLETE_SPACE", "true")
        .env("_CLAP_IFS", "\n")
        .args(["--", "convene", "open", "nu"])
        .assert()
        .success()
        .stdout("nurses-lunch-circle");
    convene(home.path())
        .env("COMPLETE", "bash")
        .env("_CLAP_COMPLETE_INDEX", "1")
        .env("_CLAP_COMPLETE_COMP_TYPE", "9")
        .env("_CLAP_COMPLETE_SPACE", "true")
        .env("_CLAP_IFS", "\n")
        .args(["--", "convene", "comp"])
        .assert()
        .success()
        .stdout("completions");
}

#[test]
fn the_manual_page_names_every_command() {
    let home = tempfile::tempdir().unwrap();
    let out = convene(home.path()).arg("man").assert().success();
    let page = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(page.contains(".TH convene 1"), "{page}");
    for command in [
        "new",
        "open",
        "export",
        "list",
        "check",
        "config",
        "completions",
        "man",
    ] {
        assert!(page.contains(command), "{command}");
    }
    assert!(page.contains("\\-\\-config"), "the global options");
    // The pages the main one refers to.
    let out = convene(home.path())
        .args(["man", "export"])
        .assert()
        .success();
    let page = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(page.contains(".TH convene-export 1"), "{page}");
    assert!(page.contains("\\-\\-audience"), "{page}");
    convene(home.path())
        .args(["man", "frobnicate"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("its commands are new, open"));
}

#[test]
fn the_settings_autosave_delay_is_when_typing_is_saved() {
    let home = tempfile::tempdir().unwrap();
    let (mut app, problems) = app_with(home.path(), "autosave_seconds = 7\n", None);
    assert!(problems.is_empty(), "{problems:?}");
    let file = home.path().join("data/nurses.toml");
    fs::write(&file, convene::samples::EXAMPLES[0].1).unwrap();
    app.open(&file).unwrap();
    let t0 = Instant::now();
    app.update(
        Msg::Key(KeyEvent::new(KeyCode::Char('x'), KeyModifiers::NONE)),
        t0,
    );
    let delay = std::time::Duration::from_secs(7);
    assert_eq!(app.deadline(), Some(t0 + delay));
    let before = fs::read_to_string(&file).unwrap();
    app.update(Msg::Tick, t0 + delay / 2);
    assert_eq!(fs::read_to_string(&file).unwrap(), before, "not yet");
    app.update(Msg::Tick, t0 + delay);
    assert_ne!(
        fs::read_to_string(&file).unwrap(),
        before,
        "saved after 7 s"
    );
}
