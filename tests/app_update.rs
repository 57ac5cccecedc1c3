//! The app's rules, driven through the pure `update` alone: no folder, no store, no clock. Each
//! test feeds messages in — keys, ticks, and the outcomes the runtime would report for the
//! effects asked for — and checks the effects that come out and the state left behind. What a
//! save, a copy or a recovery copy does on disk is the store's business, tested with the store.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset, Local, NaiveDate, TimeZone, Utc};
use convene::community::RatingValue;
use convene::export::Audience;
use convene::guide::Guide;
use convene::store::lock::{Alive, Holder};
use convene::store::{Entry, Loaded, Summary};
use convene::tui::effects::{Claimed, Done, Effect, How, SaveFailed, Then};
use convene::tui::keymap::Context;
use convene::tui::model::home::{Home, Prompt};
use convene::tui::model::walk::{AUTOSAVE_DELAY, Walk};
use convene::tui::model::{GuideSource, Model, Now, Screen};
use convene::tui::{Msg, update};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

const FILE: &str = "schema_version = 1\nname = \"Ana's circle\"\ncreated = 2026-01-01T00:00:00Z\nupdated = 2026-01-01T00:00:00Z\n";

/// A clock for the test: seconds after an origin, at a fixed wall-clock time. The origin is an
/// `Instant` (there is no other way to make one); nothing depends on its value.
struct Clock {
    origin: Instant,
}

impl Clock {
    fn new() -> Clock {
        Clock {
            origin: Instant::now(),
        }
    }

    fn at(&self, seconds: u64) -> Now {
        Now {
            at: self.origin + Duration::from_secs(seconds),
            wall: wall(seconds),
        }
    }
}

fn wall(seconds: u64) -> DateTime<FixedOffset> {
    Utc.with_ymd_and_hms(2026, 3, 4, 10, 20, 30)
        .unwrap()
        .fixed_offset()
        + chrono::Duration::seconds(seconds as i64)
}

fn path(name: &str) -> PathBuf {
    PathBuf::from("/data").join(name)
}

fn loaded(name: &str, text: &str) -> Loaded {
    Loaded::from_text(path(name), text).unwrap()
}

fn model(screen: Screen) -> Model {
    let today = NaiveDate::from_ymd_opt(2026, 3, 4).unwrap();
    let mut model = Model::new(
        Home::new(Vec::new()),
        GuideSource::Ready(Guide::builtin()),
        PathBuf::from("/data"),
        today,
        Clock::new().origin,
    );
    model.screen = screen;
    model
}

fn walk_on(text: &str) -> Model {
    model(Screen::Walk(Box::new(Walk::new(
        loaded("ana.toml", text),
        Guide::builtin(),
    ))))
}

fn summary(name: &str, file: &str) -> Entry {
    Entry::Community(Summary {
        path: path(file),
        name: name.to_string(),
        progress: convene::community::Progress {
            answered: 0,
            total: 1,
        },
        updated: wall(0),
        read_only: false,
        next_step: None,
        outside: None,
        open_by: None,
    })
}

fn key_with(model: &mut Model, code: KeyCode, modifiers: KeyModifiers, now: Now) -> Vec<Effect> {
    update(model, Msg::Key(KeyEvent::new(code, modifiers)), now)
}

fn key(model: &mut Model, code: KeyCode, now: Now) -> Vec<Effect> {
    key_with(model, code, KeyModifiers::NONE, now)
}

fn ctrl(model: &mut Model, c: char, now: Now) -> Vec<Effect> {
    key_with(model, KeyCode::Char(c), KeyModifiers::CONTROL, now)
}

fn type_text(model: &mut Model, text: &str, now: Now) {
    for c in text.chars() {
        let effects = key(model, KeyCode::Char(c), now);
        assert!(effects.is_empty(), "typing {c:?} asked for {effects:?}");
    }
}

fn done(model: &mut Model, done: Done, now: Now) -> Vec<Effect> {
    update(model, Msg::Done(Box::new(done)), now)
}

fn the_walk(model: &Model) -> &Walk {
    model.walk().expect("the walk")
}

fn saved(then: Then) -> Done {
    Done::Saved {
        result: Ok(()),
        then,
    }
}

fn unwritable(then: Then) -> Done {
    Done::Saved {
        result: Err(SaveFailed::Unwritable("the disk is full".into())),
        then,
    }
}

#[test]
fn ctrl_s_asks_for_a_save_and_its_outcome_is_reported_with_the_time_of_the_message() {
    let clock = Clock::new();
    let mut model = walk_on(FILE);
    type_text(&mut model, "Safer births", clock.at(0));
    assert!(the_walk(&model).is_dirty(), "typed is unsaved");
    let effects = ctrl(&mut model, 's', clock.at(1));
    assert!(
        matches!(effects[..], [Effect::Save(Then::Stay)]),
        "{effects:?}"
    );
    let effects = done(&mut model, saved(Then::Stay), clock.at(1));
    assert!(effects.is_empty(), "{effects:?}");
    let local = wall(1).with_timezone(&Local).format("%H:%M:%S");
    assert_eq!(model.status.text, format!("Saved at {local}"));
    assert!(!the_walk(&model).is_dirty());
    assert_eq!(model.deadline(), None, "nothing to wake up for");
    let answer = the_walk(&model).session.community();
    assert_eq!(
        answer.updated,
        wall(1),
        "stamped with the message's time, not the clock's"
    );
}

#[test]
fn the_autosave_is_a_tick_the_delay_after_the_first_unsaved_change() {
    let clock = Clock::new();
    let mut model = walk_on(FILE);
    type_text(&mut model, "a", clock.at(0));
    type_text(&mut model, "b", clock.at(1));
    assert_eq!(model.deadline(), Some(clock.at(0).at + AUTOSAVE_DELAY));
    assert!(
        update(&mut model, Msg::Tick, clock.at(1)).is_empty(),
        "not due yet"
    );
    let effects = update(&mut model, Msg::Tick, clock.at(2));
    assert!(
        matches!(effects[..], [Effect::Save(Then::Stay)]),
        "{effects:?}"
    );
}

#[test]
fn a_change_made_underneath_is_merged_in_when_it_does_not_overlap() {
    let clock = Clock::new();
    let mut model = walk_on(FILE);
    type_text(&mut model, "ours", clock.at(0));
    ctrl(&mut model, 's', clock.at(5));
    let conflict = Done::Saved {
        result: Err(SaveFailed::Conflict),
        then: Then::Stay,
    };
    let effects = done(&mut model, conflict, clock.at(5));
    assert!(
        matches!(effects[..], [Effect::MergeIn(Then::Stay)]),
        "{effects:?}"
    );
    let merged = Done::MergedIn {
        result: Ok(convene::store::MergedIn::Clean {
            came_in: vec![
                "What is your group's primary purpose?".into(),
                "Notes".into(),
            ],
        }),
        then: Then::Stay,
    };
    assert!(done(&mut model, merged, clock.at(5)).is_empty());
    assert!(!model.status.error, "{:?}", model.status);
    assert!(
        model
            .status
            .text
            .contains("(“What is your group's primary purpose?” and 1 more place)"),
        "{:?}",
        model.status
    );
    assert!(
        model.status.text.contains("merged in"),
        "{:?}",
        model.status
    );
    assert!(!the_walk(&model).is_dirty());
}

#[test]
fn a_file_changed_underneath_into_something_unreadable_goes_to_a_copy_and_the_walk_carries_on_in_it()
 {
    let clock = Clock::new();
    let mut model = walk_on(FILE);
    type_text(&mut model, "ours", clock.at(0));
    ctrl(&mut model, 's', clock.at(5));
    let conflict = Done::Saved {
        result: Err(SaveFailed::Conflict),
        then: Then::Stay,
    };
    let effects = done(&mut model, conflict, clock.at(5));
    assert!(
        matches!(effects[..], [Effect::MergeIn(Then::Stay)]),
        "{effects:?}"
    );
    // Theirs cannot be read (a hand edit broke it): nothing merged, ours saved beside it.
    let unreadable = Done::MergedIn {
        result: Ok(convene::store::MergedIn::Unreadable),
        then: Then::Stay,
    };
    let effects = done(&mut model, unreadable, clock.at(5));
    let [Effect::SaveCopy { label, then }] = &effects[..] else {
        panic!("{effects:?}")
    };
    let local = wall(5).with_timezone(&Local).format("%-d %b %H:%M");
    assert_eq!(label, &format!("your copy {local}"));
    assert_eq!(*then, Then::Stay);
    let copy = Done::SavedCopy {
        result: Ok((loaded("ana-your-copy.toml", FILE), None)),
        theirs: path("ana.toml"),
        then: Then::Stay,
    };
    assert!(done(&mut model, copy, clock.at(5)).is_empty());
    assert!(model.status.error);
    assert!(
        model
            .status
            .text
            .starts_with("ana.toml was changed outside convene")
            && model.status.text.contains("ana-your-copy.toml"),
        "{:?}",
        model.status
    );
    assert_eq!(the_walk(&model).session.path(), path("ana-your-copy.toml"));
    assert!(!the_walk(&model).is_dirty());
}

#[test]
fn a_failed_save_keeps_a_recovery_copy_says_where_and_retries() {
    let clock = Clock::new();
    let mut model = walk_on(FILE);
    type_text(&mut model, "words", clock.at(0));
    ctrl(&mut model, 's', clock.at(3));
    let effects = done(&mut model, unwritable(Then::Stay), clock.at(3));
    let [Effect::KeepRecovery { reason, then }] = &effects[..] else {
        panic!("{effects:?}")
    };
    assert_eq!((reason.as_str(), *then), ("the disk is full", Then::Stay));
    let kept = Done::KeptRecovery {
        result: Ok(PathBuf::from("/state/recovery/ana.toml")),
        reason: reason.clone(),
        then: Then::Stay,
    };
    assert!(done(&mut model, kept, clock.at(3)).is_empty());
    assert!(model.status.error);
    assert!(
        model
            .status
            .text
            .starts_with("Not saved: the disk is full.")
    );
    assert!(model.status.text.contains("/state/recovery/ana.toml"));
    assert!(the_walk(&model).is_dirty(), "still unsaved");
    assert_eq!(
        model.deadline(),
        Some(clock.at(3).at + AUTOSAVE_DELAY),
        "retried one autosave delay after the failure"
    );
    assert_eq!(
        the_walk(&model).session.recovery(),
        Some(Path::new("/state/recovery/ana.toml"))
    );
    // The next save that goes through removes the copy it no longer needs.
    ctrl(&mut model, 's', clock.at(9));
    let effects = done(&mut model, saved(Then::Stay), clock.at(9));
    let [Effect::ForgetRecovery(origin)] = &effects[..] else {
        panic!("{effects:?}")
    };
    assert_eq!(origin, &path("ana.toml"));
}

#[test]
fn quitting_after_a_failed_save_shows_it_first_and_the_second_ctrl_q_leaves() {
    let clock = Clock::new();
    let mut model = walk_on(FILE);
    type_text(&mut model, "words", clock.at(0));
    for attempt in 0..2 {
        let effects = ctrl(&mut model, 'q', clock.at(1));
        assert!(
            matches!(effects[..], [Effect::Save(Then::Quit)]),
            "{effects:?}"
        );
        let effects = done(&mut model, unwritable(Then::Quit), clock.at(1));
        assert!(
            matches!(
                effects[..],
                [Effect::KeepRecovery {
                    then: Then::Quit,
                    ..
                }]
            ),
            "{effects:?}"
        );
        let kept = Done::KeptRecovery {
            result: Err("no room there either".into()),
            reason: "the disk is full".into(),
            then: Then::Quit,
        };
        let effects = done(&mut model, kept, clock.at(1));
        if attempt == 0 {
            assert!(effects.is_empty(), "the first Ctrl-Q stays: {effects:?}");
            assert!(model.status.text.ends_with("— Ctrl-Q again quits"));
            assert!(
                model
                    .status
                    .text
                    .contains("No recovery copy could be written either")
            );
        } else {
            assert!(
                matches!(effects[..], [Effect::RememberPlace { .. }, Effect::Quit]),
                "{effects:?}"
            );
        }
    }
}

#[test]
fn a_signal_saves_and_leaves_whatever_the_save_does() {
    let clock = Clock::new();
    let mut model = walk_on(FILE);
    type_text(&mut model, "words", clock.at(0));
    let effects = update(&mut model, Msg::Stop, clock.at(1));
    assert!(
        matches!(
            effects[..],
            [
                Effect::Save(Then::Stay),
                Effect::RememberPlace { .. },
                Effect::Quit
            ]
        ),
        "{effects:?}"
    );
}

#[test]
fn esc_goes_home_once_the_save_went_through_and_not_before() {
    let clock = Clock::new();
    let mut model = walk_on(FILE);
    type_text(&mut model, "words", clock.at(0));
    let effects = key(&mut model, KeyCode::Esc, clock.at(1));
    assert!(
        matches!(effects[..], [Effect::Save(Then::GoHome)]),
        "{effects:?}"
    );
    assert!(
        model.walk().is_some(),
        "still in the walk while the save is out"
    );
    // A failed save keeps the facilitator with their words.
    done(&mut model, unwritable(Then::GoHome), clock.at(1));
    assert!(model.walk().is_some());
    key(&mut model, KeyCode::Esc, clock.at(2));
    let effects = done(&mut model, saved(Then::GoHome), clock.at(2));
    // Where it was left is remembered; the walk held no mark (it was never opened for writing by
    // a runtime): nothing to release.
    let [Effect::RememberPlace { place, .. }, Effect::List { select }] = &effects[..] else {
        panic!("{effects:?}")
    };
    assert_eq!(place, "primary_purpose");
    assert_eq!(select.as_deref(), Some(path("ana.toml").as_path()));
    assert!(model.home().is_some());
}

#[test]
fn home_commands_ask_for_effects_and_a_name_others_have_is_asked_about_first() {
    let clock = Clock::new();
    let now = clock.at(0);
    let mut model = model(Screen::Home(Box::new(Home::new(vec![summary(
        "Ana's circle",
        "ana.toml",
    )]))));
    let ana = path("ana.toml");
    assert!(matches!(&key(&mut model, KeyCode::Enter, now)[..],
        [Effect::Open { path, how: How::Ask }] if *path == ana));
    // A charter asks whom it is for first; nothing typed or pasted meanwhile goes anywhere.
    assert!(key(&mut model, KeyCode::Char('x'), now).is_empty());
    assert_eq!(model.context(), Context::Audience);
    assert!(update(&mut model, Msg::Paste("Lost?".into()), now).is_empty());
    assert!(
        model.status.text.starts_with("Not pasted"),
        "{:?}",
        model.status
    );
    assert!(key(&mut model, KeyCode::Char('q'), now).is_empty());
    assert!(matches!(&key(&mut model, KeyCode::Char('s'), now)[..],
        [Effect::ExportFile(path, Audience::Sponsor)] if *path == ana));
    assert!(key(&mut model, KeyCode::Char('x'), now).is_empty());
    assert!(key(&mut model, KeyCode::Esc, now).is_empty());
    assert_eq!(model.context(), Context::Home);
    assert_eq!(model.status.text, "No charter written");
    key(&mut model, KeyCode::Char('x'), now);
    assert!(matches!(&key(&mut model, KeyCode::Enter, now)[..],
        [Effect::ExportFile(path, Audience::Members)] if *path == ana));
    assert!(matches!(&key(&mut model, KeyCode::Char('d'), now)[..],
        [Effect::Duplicate(path)] if *path == ana));
    assert!(
        key(&mut model, KeyCode::Delete, now).is_empty(),
        "asks first"
    );
    assert!(matches!(&key(&mut model, KeyCode::Char('y'), now)[..],
        [Effect::Trash(path)] if *path == ana));

    key(&mut model, KeyCode::Char('n'), now);
    assert_eq!(model.context(), Context::Line);
    type_text(&mut model, "Bee keepers", now);
    assert!(matches!(&key(&mut model, KeyCode::Enter, now)[..],
        [Effect::Create(name)] if name == "Bee keepers"));

    key(&mut model, KeyCode::Char('n'), now);
    type_text(&mut model, "ANA'S CIRCLE", now);
    assert!(
        key(&mut model, KeyCode::Enter, now).is_empty(),
        "asks first"
    );
    assert!(matches!(
        model.home().unwrap().prompt,
        Some(Prompt::ConfirmSameName { .. })
    ));
    assert!(matches!(&key(&mut model, KeyCode::Char('y'), now)[..],
        [Effect::Create(name)] if name == "ANA'S CIRCLE"));

    // Renaming a community to its own name in another case is not a clash.
    key(&mut model, KeyCode::Char('r'), now);
    ctrl(&mut model, 'u', now);
    type_text(&mut model, "ana's circle", now);
    assert!(matches!(&key(&mut model, KeyCode::Enter, now)[..],
        [Effect::Rename { path, name }] if *path == ana && name == "ana's circle"));
}

#[test]
fn the_filter_is_a_prompt_so_no_other_can_be_open_with_it() {
    let clock = Clock::new();
    let now = clock.at(0);
    let mut model = model(Screen::Home(Box::new(Home::new(vec![
        summary("Ana's circle", "ana.toml"),
        summary("Bee keepers", "bee.toml"),
    ]))));
    key(&mut model, KeyCode::Char('/'), now);
    type_text(&mut model, "bee", now);
    assert_eq!(model.home().unwrap().visible().len(), 1);
    // `n` typed into the filter, not a new community's prompt.
    key(&mut model, KeyCode::Char('n'), now);
    assert_eq!(model.home().unwrap().filter.text(), "been");
    key(&mut model, KeyCode::Backspace, now);
    key(&mut model, KeyCode::Enter, now);
    let home = model.home().unwrap();
    assert_eq!((home.prompt.clone(), home.filter.text()), (None, "bee"));
    assert_eq!(model.context(), Context::Home);
}

#[test]
fn the_filter_matches_across_accents_hyphens_and_word_order_best_first() {
    let clock = Clock::new();
    let now = clock.at(0);
    let names = |model: &Model| -> Vec<String> {
        model
            .home()
            .unwrap()
            .visible()
            .iter()
            .map(|e| match e {
                Entry::Community(s) => s.name.clone(),
                Entry::Unreadable { path, .. } => path.display().to_string(),
            })
            .collect()
    };
    let mut model = model(Screen::Home(Box::new(Home::new(vec![
        summary("Bee keepers", "bee.toml"),
        summary("Sages-femmes de l'Équipe rurale", "sages-femmes.toml"),
        summary("Étudiants en santé", "etudiants.toml"),
        summary("Stage review", "stage.toml"),
    ]))));
    key(&mut model, KeyCode::Char('/'), now);
    // Word order, accents and the hyphen do not count.
    type_text(&mut model, "equipe sages femmes", now);
    assert_eq!(names(&model), ["Sages-femmes de l'Équipe rurale"]);
    for _ in 0.."equipe sages femmes".len() {
        key(&mut model, KeyCode::Backspace, now);
    }
    // An accent typed finds the name written without, and the other way round.
    type_text(&mut model, "étudiant", now);
    assert_eq!(names(&model), ["Étudiants en santé"]);
    for _ in 0.."étudiant".chars().count() {
        key(&mut model, KeyCode::Backspace, now);
    }
    type_text(&mut model, "sagesfemmes", now);
    assert_eq!(names(&model), ["Sages-femmes de l'Équipe rurale"]);
    for _ in 0.."sagesfemmes".len() {
        key(&mut model, KeyCode::Backspace, now);
    }
    // Letters in order but apart still match; the closer match comes first.
    type_text(&mut model, "stg", now);
    let found = names(&model);
    assert_eq!(found.first().map(String::as_str), Some("Stage review"));
    assert!(!found.contains(&"Bee keepers".to_string()), "{found:?}");
    // Enter opens the best match: the one selected.
    assert_eq!(
        model
            .home()
            .unwrap()
            .selected_community()
            .map(|s| s.name.as_str()),
        Some("Stage review")
    );
}

#[test]
fn a_community_open_elsewhere_is_asked_about_and_read_only_is_one_choice() {
    let clock = Clock::new();
    let now = clock.at(0);
    let mut model = model(Screen::Home(Box::new(Home::new(vec![summary(
        "Ana's circle",
        "ana.toml",
    )]))));
    let holder = Holder {
        user: "bea".into(),
        host: "lab-laptop".into(),
        pid: Some(42),
        since: None,
        alive: Alive::Yes,
        here: false,
    };
    let busy = Done::Opened {
        path: path("ana.toml"),
        how: How::Ask,
        result: Ok((loaded("ana.toml", FILE), Claimed::Busy(vec![holder]))),
        place: None,
    };
    assert!(done(&mut model, busy, now).is_empty());
    assert_eq!(model.context(), Context::Elsewhere);
    let effects = key(&mut model, KeyCode::Char('r'), now);
    let [
        Effect::Open {
            how: How::ReadOnly(why),
            ..
        },
    ] = &effects[..]
    else {
        panic!("{effects:?}")
    };
    assert!(why.contains("bea has it open on lab-laptop"), "{why}");
    let opened = Done::Opened {
        path: path("ana.toml"),
        how: How::ReadOnly(why.clone()),
        result: Ok((loaded("ana.toml", FILE), Claimed::Held(None))),
        place: None,
    };
    done(&mut model, opened, now);
    assert!(the_walk(&model).read_only());
    // Nothing typed goes in, and nothing is saved: the read-only rule holds at the session.
    key(&mut model, KeyCode::Char('x'), now);
    assert!(
        model.status.text.contains("bea has it open"),
        "{:?}",
        model.status
    );
    assert!(ctrl(&mut model, 's', now).is_empty(), "no save asked");
    assert!(!the_walk(&model).is_dirty());
}

#[test]
fn the_presenter_view_is_a_screen_with_its_capture_line_kept_as_a_draft() {
    let clock = Clock::new();
    let mut model = walk_on(FILE);
    key(&mut model, KeyCode::F(5), clock.at(0));
    assert!(matches!(model.screen, Screen::Presenter(_)));
    assert_eq!(model.context(), Context::Presenter);
    ctrl(&mut model, 'g', clock.at(0));
    type_text(&mut model, "a midwife + a doula @Ines", clock.at(1));
    assert_eq!(model.context(), Context::Capture, "+ typed, not a dot");
    assert_eq!(model.capture(), "a midwife + a doula @Ines");
    assert_eq!(model.deadline(), Some(clock.at(1).at + AUTOSAVE_DELAY));
    let effects = update(&mut model, Msg::Tick, clock.at(3));
    let [Effect::KeepDraft(draft)] = &effects[..] else {
        panic!("{effects:?}")
    };
    let cards = &draft.community().workshop.cards;
    assert_eq!(
        cards.len(),
        1,
        "the draft holds the line as the card it will be"
    );
    assert_eq!(the_walk(&model).session.community().workshop.cards.len(), 0);
    assert!(
        done(
            &mut model,
            Done::KeptDraft(Ok("/state/r.toml".into())),
            clock.at(3)
        )
        .is_empty()
    );

    assert!(key(&mut model, KeyCode::Enter, clock.at(4)).is_empty());
    assert_eq!(model.status.text, "Card added");
    assert_eq!(model.capture(), "");
    let walk = the_walk(&model);
    let card = &walk.session.community().workshop.cards[0];
    assert_eq!(
        (card.text.as_str(), card.who.as_str()),
        ("a midwife + a doula", "Ines")
    );
    assert!(walk.is_dirty(), "the card is saved like typing");

    key(&mut model, KeyCode::F(5), clock.at(5));
    assert!(matches!(model.screen, Screen::Walk(_)));
    key(&mut model, KeyCode::F(5), clock.at(5));
    assert!(
        model.presenter().unwrap().view.guidance,
        "the room's view comes back as it was left"
    );
}

#[test]
fn card_changes_undo_and_redo_and_undoing_a_promote_takes_the_text_back_out() {
    let clock = Clock::new();
    let now = clock.at(0);
    let mut model = walk_on(FILE);
    key(&mut model, KeyCode::F(5), now);
    for card in ["first", "second"] {
        type_text(&mut model, card, now);
        key(&mut model, KeyCode::Enter, now);
    }
    let cards = |model: &Model| -> Vec<String> {
        let workshop = &the_walk(model).session.community().workshop;
        workshop.cards.iter().map(|c| c.text.clone()).collect()
    };
    ctrl(&mut model, 'd', now);
    assert_eq!(cards(&model), ["first"]);
    ctrl(&mut model, 'z', now);
    assert_eq!(cards(&model), ["first", "second"]);
    ctrl(&mut model, 'y', now);
    assert_eq!(cards(&model), ["first"]);

    ctrl(&mut model, 't', now);
    assert_eq!(model.status.text, "Card taken into the answer");
    let walk = the_walk(&model);
    assert_eq!(walk.editor_text(), "first");
    assert!(walk.session.community().workshop.cards[0].promoted);
    ctrl(&mut model, 'z', now);
    let walk = the_walk(&model);
    assert_eq!(walk.editor_text(), "", "the answer is as it was");
    assert!(!walk.session.community().workshop.cards[0].promoted);
    ctrl(&mut model, 'z', now);
    assert_eq!(
        cards(&model),
        ["first", "second"],
        "and the delete before it"
    );
}

#[test]
fn a_statement_to_rate_takes_its_rating_from_the_keymap_and_typing_goes_to_its_comment() {
    let clock = Clock::new();
    let now = clock.at(0);
    let mut model = walk_on(FILE);
    while model.context() != Context::Rating {
        key(&mut model, KeyCode::Tab, now);
    }
    key(&mut model, KeyCode::Char('2'), now);
    assert_eq!(the_walk(&model).rating(), Some(RatingValue::ALL[1]));
    key(&mut model, KeyCode::Right, now);
    assert_eq!(the_walk(&model).rating(), Some(RatingValue::ALL[2]));
    key(&mut model, KeyCode::Down, now);
    assert_eq!(model.context(), Context::Walk, "on the comment");
    type_text(&mut model, "3 of 5", now);
    let walk = the_walk(&model);
    assert_eq!(
        walk.editor_text(),
        "3 of 5",
        "a digit in the comment is a digit"
    );
    assert_eq!(walk.rating(), Some(RatingValue::ALL[2]));
}

#[test]
fn the_launch_listing_replaces_only_the_index_view_it_was_made_for() {
    let clock = Clock::new();
    let now = clock.at(0);
    let provisional = Home {
        provisional: true,
        ..Home::new(vec![summary("Old name", "ana.toml")])
    };
    let mut model = model(Screen::Home(Box::new(provisional)));
    let listed = Ok(vec![summary("Ana's circle", "ana.toml")]);
    assert!(update(&mut model, Msg::Listed(listed), now).is_empty());
    assert!(!model.needs_listing());
    let late = Ok(vec![summary("Stale", "ana.toml")]);
    update(&mut model, Msg::Listed(late), now);
    let names: Vec<_> = model
        .home()
        .unwrap()
        .entries
        .iter()
        .map(|e| match e {
            Entry::Community(s) => s.name.clone(),
            Entry::Unreadable { .. } => String::new(),
        })
        .collect();
    assert_eq!(names, ["Ana's circle"], "a listing made before is older");
}

#[test]
fn undo_in_an_answer_goes_back_a_word_or_a_burst_and_an_external_edit_is_one_step() {
    let clock = Clock::new();
    let mut model = walk_on(FILE);
    let text = |model: &Model| the_walk(model).editor_text();
    type_text(&mut model, "Share what works", clock.at(0));
    ctrl(&mut model, 'z', clock.at(0));
    assert_eq!(text(&model), "Share what ", "a word back, not a letter");
    ctrl(&mut model, 'z', clock.at(0));
    assert_eq!(text(&model), "Share ");
    ctrl(&mut model, 'y', clock.at(0));
    assert_eq!(text(&model), "Share what ");
    // Erasing is a burst of its own; a pause ends a burst too.
    for _ in 0..3 {
        key(&mut model, KeyCode::Backspace, clock.at(1));
    }
    assert_eq!(text(&model), "Share wh");
    type_text(&mut model, "o", clock.at(1));
    type_text(&mut model, "m", clock.at(5));
    ctrl(&mut model, 'z', clock.at(5));
    assert_eq!(
        text(&model),
        "Share who",
        "the pause before m made it a step"
    );
    ctrl(&mut model, 'z', clock.at(5));
    assert_eq!(text(&model), "Share wh");
    ctrl(&mut model, 'z', clock.at(5));
    assert_eq!(
        text(&model),
        "Share what ",
        "the three Backspaces are one step"
    );
    // The external editor's text is one step, however different.
    let effects = ctrl(&mut model, 'e', clock.at(6));
    assert!(
        matches!(effects[..], [Effect::OpenEditor { .. }]),
        "{effects:?}"
    );
    let back = "Partager ce qui marche\nau chevet".to_string();
    update(&mut model, Msg::EditorDone(Ok(back.clone())), clock.at(7));
    assert_eq!(text(&model), back);
    ctrl(&mut model, 'z', clock.at(8));
    assert_eq!(
        text(&model),
        "Share what ",
        "one Ctrl-Z undoes the whole external edit"
    );
    ctrl(&mut model, 'y', clock.at(8));
    assert_eq!(text(&model), back);
}

#[test]
fn nothing_typed_pasted_or_clicked_on_the_too_small_screen_goes_anywhere_but_ctrl_q_quits() {
    let clock = Clock::new();
    let now = clock.at(0);
    let mut model = walk_on(FILE);
    update(&mut model, Msg::Resize(40, 10), now);
    assert!(model.too_small());
    type_text(&mut model, "lost", now);
    key(&mut model, KeyCode::Tab, now);
    update(&mut model, Msg::Paste("also lost".into()), now);
    key(&mut model, KeyCode::F(1), now);
    let walk = the_walk(&model);
    assert_eq!((walk.editor_text().as_str(), walk.current), ("", 0));
    assert!(!walk.is_dirty() && model.help.is_none());
    assert_eq!(
        model.not_taken, 7,
        "four letters, a Tab, a paste and F1, counted"
    );
    let effects = ctrl(&mut model, 'q', now);
    assert!(
        matches!(effects[..], [Effect::Save(Then::Quit)]),
        "{effects:?}"
    );
    update(&mut model, Msg::Resize(80, 24), now);
    type_text(&mut model, "in", now);
    assert_eq!(the_walk(&model).editor_text(), "in");
}

#[test]
fn a_digit_meant_for_a_statement_never_becomes_a_rating_groups_notes() {
    let clock = Clock::new();
    let now = clock.at(0);
    let mut model = walk_on(FILE);
    // Rate a readiness group as a facilitator does: a digit, Tab, a digit, Tab …
    while model.context() != Context::Rating {
        key(&mut model, KeyCode::Tab, now);
    }
    while !the_walk(&model).on_rating_notes() {
        key(&mut model, KeyCode::Char('2'), now);
        key(&mut model, KeyCode::Tab, now);
    }
    key(&mut model, KeyCode::Char('3'), now);
    assert_eq!(
        the_walk(&model).editor_text(),
        "",
        "not typed into the notes"
    );
    assert!(model.status.error);
    assert!(
        model.status.text.contains("group's notes"),
        "{:?}",
        model.status
    );
    // Asked again, the digit goes in: notes may start with a number.
    type_text(&mut model, "3 of us", now);
    assert_eq!(the_walk(&model).editor_text(), "3 of us");
}

#[test]
fn ctrl_f_goes_to_the_next_unanswered_question_round_from_the_start() {
    let clock = Clock::new();
    let now = clock.at(0);
    let mut model = walk_on(FILE);
    let question = |model: &Model| the_walk(model).question().map(|q| q.id.clone());
    let first = question(&model);
    type_text(&mut model, "answered", now);
    key(&mut model, KeyCode::Tab, now);
    let second = question(&model);
    type_text(&mut model, "answered too", now);
    ctrl(&mut model, 'p', now);
    ctrl(&mut model, 'f', now);
    let third = question(&model);
    assert!(
        third != first && third != second,
        "past the two answered: {third:?}"
    );
    assert!(!the_walk(&model).is_answered(third.as_deref().unwrap()));
    // From the last field, round to the start.
    let last = the_walk(&model).fields.len() - 1;
    the_walk_mut(&mut model).go_to(last, now);
    ctrl(&mut model, 'f', now);
    assert_eq!(
        question(&model),
        third,
        "the first unanswered from the start"
    );
}

fn the_walk_mut(model: &mut Model) -> &mut Walk {
    model.walk_mut().expect("the walk")
}

/// Goes to the table whose second column has `key`.
fn to_table(model: &mut Model, key: &str, now: Now) {
    use convene::tui::model::walk::Input;
    let n = the_walk(model).fields.len();
    for i in 0..n {
        the_walk_mut(model).go_to(i, now);
        if let Input::Table(table) = &the_walk(model).input
            && table.columns.get(1).is_some_and(|c| c.key == key)
        {
            return;
        }
    }
    panic!("no table with a {key} column");
}

fn cells(model: &Model) -> Vec<String> {
    use convene::tui::model::walk::Input;
    match &the_walk(model).input {
        Input::Table(table) => table.rows[table.row].cells.clone(),
        _ => panic!("not a table"),
    }
}

#[test]
fn a_number_past_its_columns_range_is_refused_with_the_range_and_a_pasted_code_is_its_word() {
    use convene::tui::model::walk::Input;
    let clock = Clock::new();
    let now = clock.at(0);
    let mut model = walk_on(FILE);
    to_table(&mut model, "target", now);
    type_text(&mut model, "Stories", now);
    key(&mut model, KeyCode::Enter, now);
    type_text(&mut model, "9999", now);
    assert_eq!(cells(&model)[1], "999", "the fourth 9 refused");
    let Input::Table(table) = &the_walk(&model).input else {
        unreachable!()
    };
    assert_eq!(
        table.message.as_deref(),
        Some("Target a year takes a number from 0 to 999")
    );

    to_table(&mut model, "role", now);
    let Input::Table(table) = &the_walk(&model).input else {
        unreachable!()
    };
    let convene::guide::ColumnKind::Choice(roles) = table.columns[1].kind else {
        panic!("role is a choice")
    };
    type_text(&mut model, "Inès", now);
    key(&mut model, KeyCode::Enter, now);
    update(&mut model, Msg::Paste("2".into()), now);
    assert_eq!(cells(&model)[1], roles[1], "pasted as typed");
    // Rows pasted from a spreadsheet: codes in choice columns become their words too.
    update(&mut model, Msg::Paste("Ana\t1\nBea\t3\n".into()), now);
    assert_eq!(
        cells(&model)[..2],
        ["Bea".to_string(), roles[2].to_string()]
    );
}

#[test]
fn a_multi_line_paste_on_the_capture_line_files_each_line_and_loses_none_it_cannot_file() {
    let clock = Clock::new();
    let now = clock.at(0);
    let mut model = walk_on(FILE);
    key(&mut model, KeyCode::F(5), now);
    let pasted = "Night shifts alone @Ana\n/park the rota\n/foo bar\n/dots 99\nA shared phone";
    update(&mut model, Msg::Paste(pasted.into()), now);
    let workshop = &the_walk(&model).session.community().workshop;
    let cards: Vec<_> = workshop
        .cards
        .iter()
        .map(|c| (c.text.as_str(), c.who.as_str()))
        .collect();
    assert_eq!(
        cards,
        [("Night shifts alone", "Ana"), ("A shared phone", "")]
    );
    assert_eq!(workshop.parking_lot[0].text, "the rota");
    assert_eq!(
        model.capture(),
        "/foo bar",
        "the first line not filed, to fix"
    );
    assert!(
        workshop
            .log
            .iter()
            .any(|e| e.text == "Not filed from a paste: /dots 99"),
        "the next one kept in the session log: {:?}",
        workshop.log
    );
    assert!(model.status.error);
    assert!(
        model
            .status
            .text
            .starts_with("3 of 5 lines filed. Not filed: /foo is not a capture command"),
        "{}",
        model.status.text
    );
    assert!(
        model.status.text.contains("one more line"),
        "{}",
        model.status.text
    );
}

#[test]
fn a_community_reopens_where_it_was_left() {
    let clock = Clock::new();
    let now = clock.at(0);
    let mut model = walk_on(FILE);
    key(&mut model, KeyCode::Tab, now);
    key(&mut model, KeyCode::Tab, now);
    let left_at = the_walk(&model).place();
    let effects = key(&mut model, KeyCode::Esc, now);
    assert!(
        matches!(effects[..], [Effect::Save(Then::GoHome)]),
        "{effects:?}"
    );
    let effects = done(&mut model, saved(Then::GoHome), now);
    assert!(
        matches!(&effects[..], [Effect::RememberPlace { place, .. }, Effect::List { .. }] if *place == left_at),
        "{effects:?}"
    );
    let opened = Done::Opened {
        path: path("ana.toml"),
        how: How::Ask,
        result: Ok((loaded("ana.toml", FILE), Claimed::Held(None))),
        place: Some(left_at.clone()),
    };
    done(&mut model, opened, now);
    assert_eq!(the_walk(&model).place(), left_at, "back where it was left");
    // A place that names no field any more (a guide changed since) is the start.
    let opened = Done::Opened {
        path: path("ana.toml"),
        how: How::Ask,
        result: Ok((loaded("ana.toml", FILE), Claimed::Held(None))),
        place: Some("a_question_gone".into()),
    };
    model.screen = Screen::Home(Box::default());
    done(&mut model, opened, now);
    assert_eq!(the_walk(&model).current, 0);
}

#[test]
fn lines_pasted_with_the_carriage_returns_a_terminal_sends_stay_lines_everywhere() {
    let clock = Clock::new();
    let now = clock.at(0);
    let mut model = walk_on(FILE);
    key(&mut model, KeyCode::F(5), now);
    update(
        &mut model,
        Msg::Paste("Night shifts alone\r/park the rota\rA shared phone".into()),
        now,
    );
    let workshop = &the_walk(&model).session.community().workshop;
    let cards: Vec<_> = workshop.cards.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(cards, ["Night shifts alone", "A shared phone"]);
    assert_eq!(workshop.parking_lot[0].text, "the rota");
    // In an answer, a CR LF or a lone CR is a line break, never two or none.
    key(&mut model, KeyCode::F(5), now);
    update(&mut model, Msg::Paste("one\r\ntwo\rthree".into()), now);
    assert!(the_walk(&model).editor_text().ends_with("one\ntwo\nthree"));
}

#[test]
fn the_rows_a_table_starts_with_are_no_answer_until_touched() {
    let clock = Clock::new();
    let now = clock.at(0);
    let mut model = walk_on(FILE);
    // The momentum plan starts from the source's steps.
    to_table(&mut model, "owner", now);
    let id = the_walk(&model).question().unwrap().id.clone();
    assert!(!cells(&model)[0].is_empty(), "a starting step is shown");
    assert!(
        !the_walk(&model).is_answered(&id),
        "but it is not an answer"
    );
    key(&mut model, KeyCode::Enter, now);
    type_text(&mut model, "Ana", now);
    assert!(the_walk(&model).is_answered(&id), "touched, it is");
}

/// Goes to the question `id`.
fn to_question(model: &mut Model, id: &str, now: Now) {
    let n = the_walk(model).fields.len();
    for i in 0..n {
        the_walk_mut(model).go_to(i, now);
        if the_walk(model).question().is_some_and(|q| q.id == id) {
            return;
        }
    }
    panic!("no question {id}");
}

fn picking(model: &Model) -> &convene::tui::model::pick::Pick {
    match &the_walk(model).input {
        convene::tui::model::walk::Input::Pick(pick) => pick,
        _ => panic!("not a list"),
    }
}

#[test]
fn a_cadence_in_the_facilitators_own_words_is_typed_on_the_list_and_kept_as_said() {
    use convene::community::{Answer, CommunityFile};
    let clock = Clock::new();
    let now = clock.at(0);
    let mut model = walk_on(FILE);
    to_question(&mut model, "cadence", now);
    let options = picking(&model).items.clone();
    // Typing on the list goes to the own-words line; "1st" is words, not the first option.
    type_text(&mut model, "1st Thursday of the month", now);
    let pick = picking(&model);
    assert!(pick.on_own_line());
    assert_eq!(pick.typing.text(), "1st Thursday of the month");
    assert!(
        !pick.chosen.iter().any(|c| *c),
        "no option was picked on the way"
    );
    assert!(
        the_walk(&model).is_answered("cadence"),
        "words being typed count"
    );
    key(&mut model, KeyCode::Enter, now);
    let pick = picking(&model);
    let chosen: Vec<&String> = pick
        .items
        .iter()
        .zip(&pick.chosen)
        .filter(|(_, c)| **c)
        .map(|(i, _)| i)
        .collect();
    assert_eq!(chosen, ["1st Thursday of the month"]);
    assert_eq!(
        pick.items[..options.len()],
        options[..],
        "the list's own stay"
    );

    // On to the next meeting: the answer is written, a plain string in the file.
    let effects = key(&mut model, KeyCode::Tab, now);
    assert!(
        matches!(effects[..], [Effect::Save(Then::Stay)]),
        "{effects:?}"
    );
    assert_eq!(the_walk(&model).question().unwrap().id, "next_meeting");
    let community = the_walk(&model).session.community().clone();
    assert_eq!(
        community.answers.get("cadence"),
        Some(&Answer::Text("1st Thursday of the month".into()))
    );
    let text = CommunityFile::new(community)
        .render(Guide::builtin())
        .unwrap();
    assert!(
        text.contains("\ncadence = \"1st Thursday of the month\"\n"),
        "{text}"
    );

    // Back on the list, the words are the chosen item, and a number picks an option again.
    key_with(&mut model, KeyCode::BackTab, KeyModifiers::SHIFT, now);
    let pick = picking(&model);
    assert_eq!(pick.items[pick.cursor], "1st Thursday of the month");
    assert!(pick.chosen[pick.cursor]);
    key(&mut model, KeyCode::Char('3'), now);
    key(&mut model, KeyCode::Tab, now);
    assert_eq!(
        the_walk(&model).session.community().answers.get("cadence"),
        Some(&Answer::Text(options[2].clone()))
    );
}

/// The texts and speakers of the community's cards, in the workshop's order.
fn card_words(model: &Model) -> Vec<(String, String)> {
    let workshop = &the_walk(model).session.community().workshop;
    workshop
        .cards
        .iter()
        .map(|c| (c.text.clone(), c.who.clone()))
        .collect()
}

fn words(text: &str, who: &str) -> (String, String) {
    (text.to_string(), who.to_string())
}

#[test]
fn a_card_is_edited_on_the_capture_line_enter_keeps_it_esc_leaves_it_and_undo_takes_it_back() {
    let clock = Clock::new();
    let now = clock.at(0);
    let mut model = walk_on(FILE);
    key(&mut model, KeyCode::F(5), now);
    for card in ["Night shifts alone @Ana", "A shared phone"] {
        type_text(&mut model, card, now);
        key(&mut model, KeyCode::Enter, now);
    }
    key(&mut model, KeyCode::Up, now);
    key(&mut model, KeyCode::F(2), now);
    assert_eq!(model.context(), Context::EditCard);
    assert_eq!(
        model.capture(),
        "Night shifts alone @Ana",
        "its words and who"
    );
    // The line edits as ever; `+` types (no dot), and ` @who` changes who said it.
    for _ in 0.."@Ana".len() {
        key(&mut model, KeyCode::Backspace, now);
    }
    type_text(&mut model, "+ weekends @Bo", now);
    assert_eq!(
        card_words(&model)[0],
        words("Night shifts alone", "Ana"),
        "nothing changes before Enter"
    );
    key(&mut model, KeyCode::Enter, now);
    assert_eq!(model.status.text, "Card 1 changed");
    assert_eq!(model.context(), Context::Presenter);
    assert_eq!(model.capture(), "");
    assert_eq!(
        card_words(&model),
        [
            words("Night shifts alone + weekends", "Bo"),
            words("A shared phone", "")
        ]
    );
    assert!(the_walk(&model).is_dirty(), "saved like any card change");
    // One undo step takes the whole edit back, and redo brings it again.
    ctrl(&mut model, 'z', now);
    assert_eq!(card_words(&model)[0], words("Night shifts alone", "Ana"));
    ctrl(&mut model, 'y', now);
    assert_eq!(
        card_words(&model)[0],
        words("Night shifts alone + weekends", "Bo")
    );

    // Esc leaves the card as it was, whatever was typed.
    key(&mut model, KeyCode::F(2), now);
    type_text(&mut model, " and more", now);
    key(&mut model, KeyCode::Esc, now);
    assert_eq!(model.status.text, "Card 1 left as it was");
    assert_eq!(
        card_words(&model)[0],
        words("Night shifts alone + weekends", "Bo")
    );
    assert!(model.is_presenting() && model.capture().is_empty());

    // An emptied line deletes nothing: Enter says so and the edit stays open.
    key(&mut model, KeyCode::F(2), now);
    ctrl(&mut model, 'u', now);
    assert_eq!(model.capture(), "");
    key(&mut model, KeyCode::Enter, now);
    assert!(model.status.error);
    assert!(
        model.status.text.starts_with("A card needs words")
            && model.status.text.contains("Esc leaves card 1 as it was"),
        "{}",
        model.status.text
    );
    assert_eq!(model.context(), Context::EditCard);
    assert_eq!(card_words(&model).len(), 2);
    key(&mut model, KeyCode::Esc, now);
    assert_eq!(
        card_words(&model)[0],
        words("Night shifts alone + weekends", "Bo")
    );

    // Words already on the line are never replaced by a card's.
    type_text(&mut model, "half typed", now);
    key(&mut model, KeyCode::F(2), now);
    assert!(model.status.error);
    assert_eq!(model.capture(), "half typed");
    assert_eq!(model.context(), Context::Capture);
    key(&mut model, KeyCode::Esc, now);

    // Moving to another card keeps the change first, as Enter would.
    key(&mut model, KeyCode::F(2), now);
    key(&mut model, KeyCode::Home, now);
    type_text(&mut model, "Often: ", now);
    key(&mut model, KeyCode::Down, now);
    assert_eq!(model.context(), Context::Presenter);
    assert_eq!(
        card_words(&model)[0],
        words("Often: Night shifts alone + weekends", "Bo")
    );
    assert_eq!(the_walk(&model).card, 1);
}

#[test]
fn a_card_being_edited_is_kept_in_the_draft_and_on_the_way_out() {
    let clock = Clock::new();
    let mut model = walk_on(FILE);
    key(&mut model, KeyCode::F(5), clock.at(0));
    type_text(&mut model, "/etc is odd", clock.at(0));
    assert!(key(&mut model, KeyCode::Enter, clock.at(0)).is_empty());
    assert!(model.status.error, "a slash word it does not know");
    for _ in 0.."/etc is odd".len() {
        key(&mut model, KeyCode::Backspace, clock.at(0));
    }
    type_text(&mut model, "//etc is odd", clock.at(0));
    key(&mut model, KeyCode::Enter, clock.at(0));
    assert_eq!(card_words(&model), [words("/etc is odd", "")]);
    // On the edit line a leading slash is the card's own: no slash words there.
    key(&mut model, KeyCode::F(2), clock.at(1));
    assert_eq!(model.capture(), "/etc is odd");
    type_text(&mut model, ", says Kofi @Kofi", clock.at(1));
    // (The card added at 0 s is due for its autosave too.)
    let effects = update(&mut model, Msg::Tick, clock.at(4));
    let Some(draft) = effects.iter().find_map(|e| match e {
        Effect::KeepDraft(draft) => Some(draft),
        _ => None,
    }) else {
        panic!("{effects:?}")
    };
    let cards = &draft.community().workshop.cards;
    assert_eq!(cards.len(), 1, "the draft changes the card, adds none");
    assert_eq!(
        (cards[0].text.as_str(), cards[0].who.as_str()),
        ("/etc is odd, says Kofi", "Kofi")
    );
    // Ctrl-Q keeps the change before it saves.
    let effects = ctrl(&mut model, 'q', clock.at(5));
    assert!(
        effects.iter().any(|e| matches!(e, Effect::Save(_))),
        "{effects:?}"
    );
    assert_eq!(
        card_words(&model),
        [words("/etc is odd, says Kofi", "Kofi")]
    );
}

/// The question's cards as the presenter view lists them: (text, theme), in order.
fn by_theme(model: &Model) -> Vec<(String, String)> {
    let walk = the_walk(model);
    let cards = &walk.session.community().workshop.cards;
    walk.question_cards()
        .into_iter()
        .map(|i| (cards[i].text.clone(), cards[i].theme.clone()))
        .collect()
}

fn send(model: &mut Model, line: &str, now: Now) {
    type_text(model, line, now);
    key(model, KeyCode::Enter, now);
}

fn selected_text(model: &Model) -> String {
    let walk = the_walk(model);
    let at = walk.question_cards()[walk.card];
    walk.session.community().workshop.cards[at].text.clone()
}

#[test]
fn cards_gather_under_themes_move_between_them_and_themes_rename_and_dissolve_undoably() {
    let clock = Clock::new();
    let now = clock.at(0);
    let mut model = walk_on(FILE);
    key(&mut model, KeyCode::F(5), now);
    for card in [
        "Night shifts alone",
        "A shared phone",
        "Rota swaps",
        "Lunch on Fridays",
    ] {
        send(&mut model, card, now);
    }
    let row = |text: &str, theme: &str| (text.to_string(), theme.to_string());
    for _ in 0..3 {
        key(&mut model, KeyCode::Up, now);
    }
    send(&mut model, "/theme Rotas", now);
    assert_eq!(model.status.text, "Card 1 under a new theme, \"Rotas\"");
    assert!(!model.status.error);
    // The selected card's theme: another card joins it, in any letter case, at its end.
    key(&mut model, KeyCode::Down, now);
    key(&mut model, KeyCode::Down, now);
    assert_eq!(selected_text(&model), "Rota swaps");
    send(&mut model, "/theme rotas", now);
    assert_eq!(model.status.text, "Card 3 under \"Rotas\"");
    assert_eq!(
        by_theme(&model),
        [
            row("Night shifts alone", "Rotas"),
            row("Rota swaps", "Rotas"),
            row("A shared phone", ""),
            row("Lunch on Fridays", ""),
        ],
        "themes first, in order, then the cards under none"
    );
    assert_eq!(
        selected_text(&model),
        "Rota swaps",
        "the selection follows it"
    );

    // Ctrl-↑ across the heading takes a card into the theme above, Ctrl-↓ out again.
    key(&mut model, KeyCode::Down, now);
    ctrl_key(&mut model, KeyCode::Up, now);
    assert_eq!(by_theme(&model)[2], row("A shared phone", "Rotas"));
    assert_eq!(selected_text(&model), "A shared phone");
    ctrl_key(&mut model, KeyCode::Down, now);
    assert_eq!(by_theme(&model)[2], row("A shared phone", ""));
    ctrl(&mut model, 'z', now);
    assert_eq!(by_theme(&model)[2], row("A shared phone", "Rotas"));
    ctrl(&mut model, 'y', now);
    assert_eq!(by_theme(&model)[2], row("A shared phone", ""));

    // A second theme; renamed to the first's name, it joins it.
    send(&mut model, "/theme Phones", now);
    assert_eq!(
        by_theme(&model),
        [
            row("Night shifts alone", "Rotas"),
            row("Rota swaps", "Rotas"),
            row("A shared phone", "Phones"),
            row("Lunch on Fridays", ""),
        ]
    );
    send(&mut model, "/rename ROTAS", now);
    assert_eq!(model.status.text, "Theme \"Phones\" joined \"Rotas\"");
    assert_eq!(by_theme(&model)[2], row("A shared phone", "Rotas"));
    send(&mut model, "/rename Shifts and rotas", now);
    assert_eq!(
        model.status.text,
        "Theme \"Rotas\" is now \"Shifts and rotas\""
    );
    let themes: Vec<String> = by_theme(&model).into_iter().map(|(_, t)| t).collect();
    assert_eq!(
        themes,
        [
            "Shifts and rotas",
            "Shifts and rotas",
            "Shifts and rotas",
            ""
        ]
    );

    // Dissolving takes every card out of the theme, in one undo step.
    send(&mut model, "/dissolve", now);
    assert_eq!(
        model.status.text,
        "Theme \"Shifts and rotas\" dissolved: its 3 cards have no theme"
    );
    assert!(by_theme(&model).iter().all(|(_, t)| t.is_empty()));
    ctrl(&mut model, 'z', now);
    let themes: Vec<String> = by_theme(&model).into_iter().map(|(_, t)| t).collect();
    assert_eq!(
        themes,
        [
            "Shifts and rotas",
            "Shifts and rotas",
            "Shifts and rotas",
            ""
        ]
    );

    // /untheme takes one card out; a card with no theme has none to rename.
    assert_eq!(selected_text(&model), "A shared phone");
    send(&mut model, "/untheme", now);
    assert_eq!(model.status.text, "Card 3 has no theme now");
    assert_eq!(by_theme(&model)[2], row("A shared phone", ""));
    send(&mut model, "/rename Anything", now);
    assert!(model.status.error);
    assert!(
        model.status.text.contains("has no theme to rename"),
        "{}",
        model.status.text
    );
    assert_eq!(
        model.capture(),
        "/rename Anything",
        "kept on the line to fix"
    );
    key(&mut model, KeyCode::Esc, now);
    send(&mut model, "/theme", now);
    assert!(model.status.error && model.status.text.contains("needs the theme's name"));
    assert!(
        the_walk(&model).is_dirty(),
        "themes are saved like any card change"
    );
}

fn ctrl_key(model: &mut Model, code: KeyCode, now: Now) -> Vec<Effect> {
    key_with(model, code, KeyModifiers::CONTROL, now)
}

#[test]
fn the_timebox_rings_the_bell_once_at_its_end_through_the_runtime() {
    let clock = Clock::new();
    let mut model = walk_on(FILE);
    key(&mut model, KeyCode::F(6), clock.at(0));
    for _ in 0..9 {
        key(&mut model, KeyCode::F(7), clock.at(0)); // ten minutes down to one
    }
    let bells = |effects: &[Effect]| effects.iter().filter(|e| matches!(e, Effect::Bell)).count();
    assert_eq!(bells(&update(&mut model, Msg::Tick, clock.at(59))), 0);
    assert_eq!(
        bells(&update(&mut model, Msg::Tick, clock.at(60))),
        1,
        "at the end"
    );
    assert_eq!(
        bells(&update(&mut model, Msg::Tick, clock.at(61))),
        0,
        "once"
    );
    assert_eq!(bells(&update(&mut model, Msg::Tick, clock.at(90))), 0);
    // Keys never ring it, even past the end: only the tick that reaches an end does.
    assert_eq!(bells(&key(&mut model, KeyCode::F(8), clock.at(91))), 0);
    assert_eq!(bells(&key(&mut model, KeyCode::F(8), clock.at(91))), 0);
    assert_eq!(bells(&update(&mut model, Msg::Tick, clock.at(179))), 0);
    assert_eq!(
        bells(&update(&mut model, Msg::Tick, clock.at(180))),
        1,
        "the new end"
    );
}

#[test]
fn f4_shows_the_timebox_large_in_the_presenter_view_and_says_when_there_is_none() {
    let clock = Clock::new();
    let mut model = walk_on(FILE);
    key(&mut model, KeyCode::F(6), clock.at(0));
    key(&mut model, KeyCode::F(5), clock.at(181));
    key(&mut model, KeyCode::F(4), clock.at(181));
    assert!(model.presenter().unwrap().view.big_timebox);
    key(&mut model, KeyCode::F(9), clock.at(181));
    key(&mut model, KeyCode::F(4), clock.at(181));
    key(&mut model, KeyCode::F(4), clock.at(181));
    assert!(model.status.error && model.status.text.starts_with("No timebox yet: F6"));
    key(&mut model, KeyCode::F(5), clock.at(182));
    key(&mut model, KeyCode::F(5), clock.at(182));
    assert!(
        model.presenter().unwrap().view.big_timebox,
        "kept with the room's view"
    );
}
