//! Themes (affinity grouping) outside the app: `theme = "…"` on a card in the community file,
//! written by hand or by convene, kept with the comments around it; older files without it; and
//! the charter's cards grouped by theme in Markdown and HTML, with each card's theme in JSON.

mod common;

use common::squeezed;

use std::fs;

use convene::community::{Community, CommunityFile};
use convene::export::{self, Format, Options};
use convene::guide::Guide;
use convene::store::Store;

/// A file written by hand: two cards clustered under a theme (one with a comment after it and
/// a key of its own), one not placed yet, and a card under another question with no theme.
const HAND_WRITTEN: &str = r#"schema_version = 1
name = "Ward circle"
created = 2026-12-01T09:00:00Z
updated = 2026-12-01T09:00:00Z

# Cards from the first round, clustered on the wall.
[[workshop.cards]]
question = "primary_purpose"
text = "Share night-shift tips"
who = "Ana"
theme = "Sharing what works"   # the yellow cluster
dots = 2

[[workshop.cards]]
question = "primary_purpose"
text = "Write the cases down"
theme = "Sharing what works"
dots = 1
colour = "blue"   # a key of our own

# Not placed yet.
[[workshop.cards]]
question = "primary_purpose"
text = "Lunch on Fridays"
dots = 4

[[workshop.cards]]
question = "cadence"
text = "Monthly"
"#;

/// [`HAND_WRITTEN`] after the theme was renamed and the loose card put under a new one: only
/// those lines differ.
const EDITED: &str = r#"schema_version = 1
name = "Ward circle"
created = 2026-12-01T09:00:00Z
updated = 2026-12-01T09:00:00Z

# Cards from the first round, clustered on the wall.
[[workshop.cards]]
question = "primary_purpose"
text = "Share night-shift tips"
who = "Ana"
theme = "Sharing"   # the yellow cluster
dots = 2

[[workshop.cards]]
question = "primary_purpose"
text = "Write the cases down"
theme = "Sharing"
dots = 1
colour = "blue"   # a key of our own

# Not placed yet.
[[workshop.cards]]
question = "primary_purpose"
text = "Lunch on Fridays"
theme = "Food"
dots = 4

[[workshop.cards]]
question = "cadence"
text = "Monthly"
"#;

fn parse(text: &str) -> CommunityFile {
    CommunityFile::parse(text).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

#[test]
fn a_hand_written_theme_reads_and_a_file_without_themes_still_loads() {
    let workshop = parse(HAND_WRITTEN).community.workshop;
    let groups: Vec<(Option<&str>, Vec<usize>)> = workshop
        .by_theme("primary_purpose")
        .into_iter()
        .map(|g| (g.theme, g.cards))
        .collect();
    assert_eq!(
        groups,
        [(Some("Sharing what works"), vec![0, 1]), (None, vec![2])]
    );
    assert_eq!(workshop.cards[3].theme, "");

    // A file from before themes: the cards load, under none.
    let older = HAND_WRITTEN
        .lines()
        .filter(|l| !l.starts_with("theme ="))
        .collect::<Vec<_>>()
        .join("\n");
    let workshop = parse(&older).community.workshop;
    assert_eq!(workshop.cards.len(), 4);
    assert!(workshop.cards.iter().all(|c| c.theme_name().is_none()));
    assert_eq!(workshop.by_theme("primary_purpose").len(), 1);

    // A theme that is not text is refused at its line, like any other key of a card.
    let wrong = HAND_WRITTEN.replacen("theme = \"Sharing what works\"   #", "theme = 3   #", 1);
    let error = CommunityFile::parse(&wrong).unwrap_err().to_string();
    assert!(
        error.contains("line 11") && error.contains("`theme` must be text in quotes"),
        "{error}"
    );
}

#[test]
fn themes_edited_and_saved_keep_the_comments_and_keys_around_them() {
    let guide = Guide::builtin();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ward-circle.toml");
    fs::write(&path, HAND_WRITTEN).unwrap();
    let store = Store::open(dir.path()).unwrap();

    let mut loaded = store.load(&path).unwrap();
    store.save(&mut loaded, guide).unwrap();
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        HAND_WRITTEN,
        "unchanged, not a byte moves"
    );

    let mut loaded = store.load(&path).unwrap();
    let cards = &mut loaded.community_mut().workshop.cards;
    cards[0].theme = "Sharing".into();
    cards[1].theme = "Sharing".into();
    cards[2].theme = "Food".into();
    store.save(&mut loaded, guide).unwrap();
    let saved = fs::read_to_string(&path).unwrap();
    assert_eq!(saved, EDITED);

    // Dissolved, the theme lines go and nothing else does.
    let mut loaded = store.load(&path).unwrap();
    for card in &mut loaded.community_mut().workshop.cards {
        card.theme.clear();
    }
    store.save(&mut loaded, guide).unwrap();
    let saved = fs::read_to_string(&path).unwrap();
    let without: String = EDITED
        .lines()
        .filter(|l| !l.starts_with("theme ="))
        .map(|l| format!("{l}\n"))
        .collect();
    // The comment after a removed value goes with it (it was on that value's line).
    assert_eq!(saved, without);
}

fn community() -> Community {
    parse(HAND_WRITTEN).community
}

fn render(format: Format) -> String {
    // The workshop's notes are in the facilitator's charter.
    let options = Options {
        audience: export::Audience::Facilitator,
        ..Options::default()
    };
    export::render(&community(), Guide::builtin(), format, options)
}

#[test]
fn the_markdown_charter_lists_a_questions_cards_by_theme() {
    // Tables are padded into columns: compared with the padding squeezed out.
    let markdown = squeezed(&render(Format::Markdown));
    let start = markdown.find("#### Cards").unwrap();
    let cards = &markdown[start..];
    let purpose = Guide::builtin().question("primary_purpose").unwrap();
    let expected = format!(
        "#### Cards\n\n**{}**\n\n\
         Theme: **Sharing what works** · 2 cards · 3 dots\n\n\
         | Card | Who | Dots | Promoted |\n|---|---|---:|---|\n\
         | Share night-shift tips | Ana | 2 |  |\n\
         | Write the cases down |  | 1 |  |\n\n\
         *No theme* · 1 card · 4 dots\n\n\
         | Card | Who | Dots | Promoted |\n|---|---|---:|---|\n\
         | Lunch on Fridays |  | 4 |  |\n\n",
        purpose.prompt
    );
    assert!(cards.starts_with(&expected), "{cards}");
    // A question none of whose cards has a theme keeps its one table, with no theme line.
    let cadence = &cards[expected.len()..];
    assert!(cadence.contains("| Monthly |  | 0 |  |"), "{cadence}");
    assert!(!cadence.contains("No theme"), "{cadence}");
}

#[test]
fn the_html_charter_lists_a_questions_cards_by_theme() {
    let html = render(Format::Html);
    let sharing = html
        .find("<p class=\"theme-name\">Theme: <strong dir=\"auto\">Sharing what works</strong> · 2 cards · 3 dots</p>")
        .expect(&html);
    let first = html.find("Share night-shift tips").unwrap();
    let second = html.find("Write the cases down").unwrap();
    let none = html
        .find("<p class=\"theme-name\">No theme · 1 card · 4 dots</p>")
        .expect(&html);
    let loose = html.find("Lunch on Fridays").unwrap();
    assert!(sharing < first && first < second && second < none && none < loose);
    assert_eq!(
        html.matches("class=\"theme-name\"").count(),
        2,
        "none for cadence"
    );
    assert_eq!(html.matches("<table class=\"records cards\">").count(), 3);
}

#[test]
fn the_json_charter_gives_each_card_its_theme() {
    let json: serde_json::Value = serde_json::from_str(&render(Format::Json)).unwrap();
    let cards = json["workshop"]["cards"].as_array().unwrap();
    let themes: Vec<&str> = cards.iter().map(|c| c["theme"].as_str().unwrap()).collect();
    assert_eq!(themes, ["Sharing what works", "Sharing what works", "", ""]);
    assert_eq!(cards[0]["text"], "Share night-shift tips");
}
