//! Invisible and reordering characters in a community's name and answers — tag characters, soft
//! hyphens, U+034F, Hangul fillers, bidi overrides, U+FFFC, variation selectors on plain letters —
//! reach no output raw: not home (the bytes the app writes through crossterm), not `convene list`,
//! not `convene check`, not any export. Emoji that need such characters (👩‍🔬 ❤️ 1️⃣ 🏴󠁧󠁢󠁳󠁣󠁴󠁿) arrive
//! whole on screen and in Markdown and HTML; JSON writes every such character as an escape.

mod common;

use std::fs;

use convene::community::Answer;
use convene::guide::Guide;
use convene::store::{Recovery, Store};
use convene::text::is_hazardous;
use convene::tui::App;
use convene::tui::view;
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use common::convene;

const EMOJI: [&str; 4] = [
    "👩\u{200d}🔬",
    "❤\u{fe0f}",
    "1\u{fe0f}\u{20e3}",
    "🏴\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f}",
];

/// The honest emoji, then every kind of trick (home and `list` cut long names short).
fn name() -> String {
    format!(
        "{} Ferry\u{ad}crews\u{34f} \u{3164}\u{115f}\u{1160}\u{ffa0} \u{e0041}\u{e0042} \
         \u{202e}revo\u{2066}x\u{2069} obj\u{fffc} a\u{fe0f} \u{180b}\u{2061}\u{feff}",
        EMOJI.join(" ")
    )
}

/// The hazards in `text` once the honest emoji are taken out (escape sequences' ESC aside).
fn raw_hazards(text: &str) -> Vec<String> {
    let mut rest = text.to_string();
    for emoji in EMOJI {
        rest = rest.replace(emoji, "");
    }
    rest.chars()
        .filter(|&c| is_hazardous(c) && !c.is_ascii_control())
        .map(|c| format!("U+{:04X}", c as u32))
        .collect()
}

fn assert_clean(what: &str, text: &str, emoji_whole: bool) {
    let raw = raw_hazards(text);
    assert!(raw.is_empty(), "{what}: raw {raw:?} in\n{text}");
    if emoji_whole {
        for emoji in EMOJI {
            assert!(
                text.contains(emoji),
                "{what}: {emoji} is not whole in\n{text}"
            );
        }
    }
    assert!(
        text.contains("\\u{ad}"),
        "{what}: the soft hyphen is not shown\n{text}"
    );
}

fn data_folder() -> (tempfile::TempDir, std::path::PathBuf) {
    let guide = Guide::builtin();
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let mut loaded = store.create(&name(), guide).unwrap();
    loaded.community_mut().set_answer(
        "primary_purpose",
        Answer::Text(format!("{}\nagain", name())),
    );
    store.save(&mut loaded, guide).unwrap();
    (dir, loaded.path)
}

fn output(cmd: &mut assert_cmd::Command) -> String {
    let out = cmd.output().unwrap();
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[test]
fn home_and_the_walk_draw_no_invisible_character() {
    let (dir, path) = data_folder();
    let store = Store::open(dir.path())
        .unwrap()
        .with_recovery(Recovery::in_dir(dir.path().join(".recovery")));
    let mut app = App::new(store, Guide::builtin());
    let drawn = |app: &App| {
        let mut out = Vec::new();
        {
            let mut terminal = Terminal::with_options(
                CrosstermBackend::new(&mut out),
                ratatui::TerminalOptions {
                    viewport: ratatui::Viewport::Fixed(ratatui::layout::Rect::new(0, 0, 200, 30)),
                },
            )
            .unwrap();
            terminal.draw(|frame| view::draw(frame, app)).unwrap();
        }
        String::from_utf8(out).unwrap()
    };
    assert_clean("home", &drawn(&app), true);
    app.open(&path).unwrap();
    assert_clean("walk", &drawn(&app), true);
}

#[test]
fn list_check_and_exports_carry_no_invisible_character() {
    let (dir, path) = data_folder();
    assert_clean("list", &output(convene(dir.path()).arg("list")), true);

    // check: a file whose name and a misspelt answer id hold the same tricks.
    let odd = dir.path().join("odd\u{ad}\u{202e}\u{e0041}.toml");
    let text = fs::read_to_string(&path).unwrap();
    fs::write(
        &odd,
        format!("{text}\n[answers.\"x{}\"]\nfoo = 1\n", name()),
    )
    .unwrap();
    let checked = output(convene(dir.path()).arg("check").arg(&odd));
    assert_clean("check", &checked, false);
    assert!(
        checked.contains("odd\\u{ad}\\u{202e}\\u{e0041}.toml"),
        "{checked}"
    );

    let exported = |format: &str| {
        output(
            convene(dir.path())
                .args(["export", "--format", format])
                .arg(&path),
        )
    };
    assert_clean("markdown", &exported("markdown"), true);
    assert_clean("html", &exported("html"), true);
    let json = exported("json");
    assert!(
        !json.chars().any(|c| is_hazardous(c) && c != '\n'),
        "json holds a raw hazard:\n{json}"
    );
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["name"], name().as_str(), "json keeps the exact name");
}
