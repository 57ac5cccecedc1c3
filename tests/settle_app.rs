//! Settling what changed on both sides, through the app's pure `update` (issue 20): a file
//! whose `[[merge_conflicts]]` a merge wrote (the app's own, or git's through `convene
//! merge`) opens with the first conflict shown, yours beside theirs; each choice changes the
//! community, and the file written next holds the conflicts left, or none.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use chrono::{TimeZone, Utc};
use convene::community::{Answer, Scalar};
use convene::guide::Guide;
use convene::merge;
use convene::store::Loaded;
use convene::tui::effects::{Done, Effect, SaveFailed, Then};
use convene::tui::keymap::Context;
use convene::tui::model::home::Home;
use convene::tui::model::walk::Walk;
use convene::tui::model::{GuideSource, Model, Now, Screen};
use convene::tui::{Msg, update};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const CONFLICTED: &str = r#"schema_version = 1
name = "Ana's circle"
created = 2026-01-01T00:00:00Z
updated = 2026-01-01T00:00:00Z

[answers]
primary_purpose = "Ours."
specific_needs = "Kept as it is."

[[answers.people]]
name = "Ana"
role = "coordinator"

[notes]
people_group = "Our note."

[[merge_conflicts]]
place = "answers.primary_purpose"
base = ""
mine = "Ours."
theirs = "Theirs."

[[merge_conflicts]]
place = "answers.people, row \"Ana\", role"
base = "member"
mine = "coordinator"
theirs = "core group"
"#;

struct Clock(Instant);

impl Clock {
    fn at(&self, seconds: u64) -> Now {
        Now {
            at: self.0 + Duration::from_secs(seconds),
            wall: Utc
                .with_ymd_and_hms(2026, 3, 4, 10, 20, 30)
                .unwrap()
                .fixed_offset()
                + chrono::Duration::seconds(seconds as i64),
        }
    }
}

fn walk_on(text: &str, clock: &Clock) -> Model {
    let loaded = Loaded::from_text(PathBuf::from("/data/ana.toml"), text).unwrap();
    let mut model = Model::new(
        Home::new(Vec::new()),
        GuideSource::Ready(Guide::builtin()),
        PathBuf::from("/data"),
        chrono::NaiveDate::from_ymd_opt(2026, 3, 4).unwrap(),
        clock.0,
    );
    model.screen = Screen::Walk(Box::new(Walk::new(loaded, Guide::builtin())));
    model
}

fn key(model: &mut Model, code: KeyCode, now: Now) -> Vec<Effect> {
    update(
        model,
        Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)),
        now,
    )
}

fn walk(model: &Model) -> &Walk {
    model.walk().expect("the walk")
}

fn screen(model: &Model, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| convene::tui::view::draw(frame, model))
        .unwrap();
    let buffer = terminal.backend().buffer();
    (0..height)
        .map(|y| {
            (0..width)
                .map(|x| buffer[(x, y)].symbol().to_string())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The file the next save would write.
fn written(model: &Model) -> String {
    let mut file = walk(model).session.file().clone();
    file.render(Guide::builtin()).unwrap()
}

fn role_of_ana(model: &Model) -> Option<Scalar> {
    match walk(model).session.community().answers.get("people") {
        Some(Answer::Records(rows)) => rows[0].get("role").cloned(),
        _ => None,
    }
}

#[test]
fn a_file_with_conflicts_opens_on_them_and_each_choice_takes_one_out() {
    let clock = Clock(Instant::now());
    let mut model = walk_on(CONFLICTED, &clock);
    assert_eq!(model.context(), Context::Settle);
    let shown = screen(&model, 100, 30);
    assert!(shown.contains("Changed on both sides — 1 of 2"), "{shown}");
    assert!(shown.contains("Yours (in the answer now)"), "{shown}");
    assert!(shown.contains("Theirs (came in)"), "{shown}");
    assert!(
        shown.contains("Ours.") && shown.contains("Theirs."),
        "{shown}"
    );

    // A letter that is no choice types nothing and says which keys settle.
    assert!(key(&mut model, KeyCode::Char('x'), clock.at(1)).is_empty());
    assert!(model.status.error && model.status.text.contains("keeps yours"));
    assert!(!walk(&model).is_dirty());

    // Theirs, for the purpose: the answer takes it, the conflict leaves the list.
    key(&mut model, KeyCode::Char('t'), clock.at(2));
    assert_eq!(
        walk(&model).session.community().answers["primary_purpose"],
        Answer::Text("Theirs.".into())
    );
    assert!(
        model.status.text.starts_with("Kept theirs"),
        "{:?}",
        model.status
    );
    assert!(walk(&model).is_dirty(), "the autosave writes it");
    assert_eq!(walk(&model).conflicts.list.len(), 1);
    let shown = screen(&model, 100, 30);
    assert!(
        shown.contains("1 of 1") && shown.contains("core group"),
        "{shown}"
    );

    // Yours, for Ana's role: nothing changes but the list, now empty, and the file's too.
    key(&mut model, KeyCode::Char('y'), clock.at(3));
    assert_eq!(
        role_of_ana(&model),
        Some(Scalar::Text("coordinator".into()))
    );
    assert_eq!(model.context(), Context::Walk);
    assert!(model.status.text.contains("nothing more to settle"));
    let text = written(&model);
    assert!(!text.contains("merge_conflicts"), "{text}");
    assert!(text.contains("primary_purpose = \"Theirs.\""), "{text}");
    assert!(
        text.contains("specific_needs = \"Kept as it is.\""),
        "{text}"
    );
}

#[test]
fn keeping_both_puts_both_in_the_answer_and_goes_there_to_edit_them() {
    let clock = Clock(Instant::now());
    let mut model = walk_on(CONFLICTED, &clock);
    // Down to Ana's role, and back up to the purpose: the list goes round.
    key(&mut model, KeyCode::Down, clock.at(1));
    assert!(screen(&model, 100, 30).contains("2 of 2"));
    key(&mut model, KeyCode::Up, clock.at(1));
    key(&mut model, KeyCode::Char('b'), clock.at(2));
    assert_eq!(
        walk(&model).session.community().answers["primary_purpose"],
        Answer::Text("Ours.\n\nTheirs.".into())
    );
    // On the question, in the editor, with the other conflict still waiting.
    assert_eq!(model.context(), Context::Walk);
    assert_eq!(walk(&model).question().unwrap().id, "primary_purpose");
    assert_eq!(walk(&model).editor_text(), "Ours.\n\nTheirs.");
    let shown = screen(&model, 100, 30);
    assert!(shown.contains("1 to settle (F2)"), "{shown}");
    // The one left is still in the file the next save writes.
    let left = merge::conflicts_in(&written(&model));
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].theirs.as_deref(), Some("core group"));

    // F2 brings it back; both, for a cell, is one line: yours / theirs.
    key(&mut model, KeyCode::F(2), clock.at(3));
    assert_eq!(model.context(), Context::Settle);
    key(&mut model, KeyCode::Char('b'), clock.at(4));
    assert_eq!(
        role_of_ana(&model),
        Some(Scalar::Text("coordinator / core group".into()))
    );
    assert_eq!(walk(&model).question().unwrap().id, "people");
}

#[test]
fn esc_leaves_them_for_later_in_the_file_and_the_header_keeps_count() {
    let clock = Clock(Instant::now());
    let mut model = walk_on(CONFLICTED, &clock);
    key(&mut model, KeyCode::Esc, clock.at(1));
    assert_eq!(model.context(), Context::Walk);
    assert!(walk(&model).session.path().ends_with("ana.toml"));
    assert!(screen(&model, 100, 30).contains("2 to settle (F2)"));
    // Typing goes into the answer again; both conflicts are still written.
    key(&mut model, KeyCode::Char('!'), clock.at(2));
    assert_eq!(merge::conflicts_in(&written(&model)).len(), 2);
    // Narrow, the two sides go one above the other, and still both show.
    key(&mut model, KeyCode::F(2), clock.at(3));
    let shown = screen(&model, 60, 30);
    assert!(
        shown.contains("Ours.") && shown.contains("Theirs."),
        "{shown}"
    );
}

#[test]
fn a_merge_that_meets_the_same_answer_changed_keeps_both_and_says_how_to_settle() {
    let clock = Clock(Instant::now());
    let plain = CONFLICTED
        .split("\n[[merge_conflicts]]")
        .next()
        .unwrap()
        .to_string();
    let mut model = walk_on(&plain, &clock);
    assert_eq!(model.context(), Context::Walk);
    key(&mut model, KeyCode::Char('!'), clock.at(1));
    let conflict = Done::Saved {
        result: Err(SaveFailed::Conflict),
        then: Then::Stay,
    };
    let fx = update(&mut model, Msg::Done(Box::new(conflict)), clock.at(2));
    assert!(matches!(fx[..], [Effect::MergeIn(Then::Stay)]), "{fx:?}");
    let found = vec![merge::Conflict {
        place: merge::Place::Answer("primary_purpose".into()),
        base: None,
        mine: Some("Ours.!".into()),
        theirs: Some("Theirs.".into()),
    }];
    let merged = Done::MergedIn {
        result: Ok(convene::store::MergedIn::Conflicts(found)),
        then: Then::Stay,
    };
    let fx = update(&mut model, Msg::Done(Box::new(merged)), clock.at(2));
    // Saved, in the file itself: no copy beside it.
    assert!(fx.is_empty(), "{fx:?}");
    assert!(model.status.text.contains("changed on both sides"));
    assert!(
        model.status.text.contains("F2 settles them"),
        "{:?}",
        model.status
    );
    // The overlay waits for F2: typing meanwhile must not settle anything.
    assert_eq!(model.context(), Context::Walk);
}
