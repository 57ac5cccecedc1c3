use std::time::Duration;

use super::*;

fn at(problems: &[Problem]) -> Vec<(usize, usize)> {
    problems.iter().map(|p| (p.line, p.column)).collect()
}

#[test]
fn no_settings_are_the_defaults() {
    let (config, problems) = parse_text("");
    assert_eq!(config, Config::default());
    assert!(problems.is_empty());
}

/// `key = value` or `[table]`: a commented-out setting, not a sentence about settings.
fn is_setting(line: &str) -> bool {
    let key = line.split(" = ").next().unwrap_or("");
    line.starts_with('[')
        || (line.contains(" = ") && key.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
}

#[test]
fn the_default_file_with_its_comments_taken_off_reads_as_the_defaults() {
    // Every "# key = value" line uncommented: the example keys are overrides, the rest are
    // the defaults as they are.
    let uncommented: String = DEFAULT
        .lines()
        .map(|line| match line.strip_prefix("# ") {
            Some(rest) if is_setting(rest) => rest,
            _ => line,
        })
        .map(|line| format!("{line}\n"))
        .collect();
    let (config, problems) = parse_text(&uncommented);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(config.theme.as_ref().map(|t| t.text.as_str()), Some("dark"));
    assert_eq!(config.autosave, AUTOSAVE_DEFAULT);
    assert_eq!(config.audience, Audience::Members);
    assert_eq!(config.language.as_deref(), Some("en"));
    assert_eq!(config.editor.as_deref(), Some("nano"));
    assert!(!config.accessible);
    let keys: Vec<_> = config
        .keys
        .iter()
        .map(|k| (k.context.as_str(), k.command.as_str(), k.keys.len()))
        .collect();
    assert_eq!(keys, [("walk", "next_section", 1), ("home", "new", 2)]);
}

#[test]
fn every_setting_is_read() {
    let (config, problems) = parse_text(
        "dir = \"/srv/cop\"\ntheme = \"light\"\nautosave_seconds = 5\neditor = \"code --wait\"\n\
         accessible = true\n[charter]\naudience = \"Sponsor\"\nlanguage = \"fr\"\n",
    );
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(config.dir, Some(PathBuf::from("/srv/cop")));
    assert_eq!(config.autosave, Duration::from_secs(5));
    assert_eq!(config.audience, Audience::Sponsor);
    assert_eq!(config.language.as_deref(), Some("fr"));
    assert_eq!(config.editor.as_deref(), Some("code --wait"));
    assert!(config.accessible);
}

#[test]
fn unknown_keys_and_bad_values_are_each_at_their_line_and_column_and_the_rest_applies() {
    let text = "theme = \"light\"\ncolour = \"red\"\nautosave_seconds = 0\n\
                accessible = \"yes\"\n[charter]\naudience = \"everyone\"\n  langage = \"fr\"\n\
                language = \"français\"\n";
    let (config, problems) = parse_text(text);
    assert_eq!(
        at(&problems),
        [(2, 1), (3, 20), (4, 14), (6, 12), (7, 3), (8, 12)],
        "{problems:#?}"
    );
    assert!(problems[0].message.contains("unknown setting `colour`"));
    assert!(problems[1].message.contains("1 to 60"));
    assert!(
        problems[3]
            .message
            .contains("members, sponsor or facilitator")
    );
    assert!(problems[4].message.contains("`langage` in [charter]"));
    // What could be used is, and what could not keeps its default.
    assert_eq!(config.theme.map(|t| t.text), Some("light".to_string()));
    assert_eq!(config.autosave, AUTOSAVE_DEFAULT);
    assert_eq!(config.audience, Audience::Members);
    assert_eq!(config.language, None);
}

#[test]
fn a_file_that_is_not_toml_is_one_problem_at_its_place_and_the_defaults() {
    let (config, problems) = parse_text("theme = \"light\"\nautosave_seconds = = 3\n");
    assert_eq!(config, Config::default());
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].line, 2);
    assert!(problems[0].message.starts_with("not valid TOML"));
}

#[test]
fn key_overrides_keep_where_each_key_was_written() {
    let (config, problems) = parse_text(
        "[keys.walk]\nnext_section = \"alt-n\"\nexport = [\"ctrl-x\", \"f10\"]\nbad = 3\n[keys]\nodd = 1\n",
    );
    assert_eq!(at(&problems), [(4, 7), (6, 1)], "{problems:#?}");
    let export = &config.keys[1];
    assert_eq!((export.line, export.column), (3, 1));
    let places: Vec<_> = export.keys.iter().map(|k| (k.line, k.column)).collect();
    assert_eq!(places, [(3, 11), (3, 21)]);
}

#[test]
fn a_missing_file_is_the_defaults_unless_it_was_named() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    let quiet = load(Some(path.clone()), false);
    assert!(!quiet.found && quiet.problems.is_empty());
    let named = load(Some(path), true);
    assert_eq!(named.problems.len(), 1);
    assert!(named.messages()[0].contains("config.toml:1:1: there is no such file"));
}

#[cfg(unix)]
#[test]
fn a_fifo_in_the_settings_place_is_refused_without_waiting() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    rustix::fs::mkfifoat(
        rustix::fs::CWD,
        &path,
        rustix::fs::Mode::from_raw_mode(0o600),
    )
    .unwrap();
    let settings = load(Some(path), false);
    assert_eq!(settings.config, Config::default());
    assert!(
        settings.messages()[0].contains("FIFO"),
        "{:?}",
        settings.messages()
    );
}

#[test]
fn relative_paths_are_beside_the_settings_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    std::fs::write(&path, "dir = \"communities\"\n").unwrap();
    let settings = load(Some(path), true);
    assert_eq!(settings.config.dir, Some(dir.path().join("communities")));
    assert_eq!(settings.themes_dir(), Some(dir.path().join(THEMES_DIR)));
}
