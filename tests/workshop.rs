//! Workshop mode: the presenter view (F5) and the timebox (F6–F9), driven through `App::update`
//! with instants chosen by the test — no sleeping — and drawn into a test backend.

mod common;

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use common::drive::{nurses, on_disk, type_text, walk};
use common::regex_escape;
use convene::tui::view;
use convene::tui::{App, Msg};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn key(app: &mut App, code: KeyCode, at: Instant) {
    app.update(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)), at);
}

fn screen(app: &App, (width, height): (u16, u16)) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| view::draw(frame, app)).unwrap();
    terminal.backend().to_string()
}

fn snapshot(name: &str, app: &App, dir: &Path, size: (u16, u16)) {
    let dir = regex_escape(&dir.display().to_string());
    insta::with_settings!({
        filters => vec![
            (dir.as_str(), "[DATA]"),
            (r"Saved at \d{2}:\d{2}:\d{2}", "Saved at [time]"),
        ],
    }, {
        insta::assert_snapshot!(format!("{name}_{}x{}", size.0, size.1), screen(app, size));
    });
}

fn secs(s: u64) -> Duration {
    Duration::from_secs(s)
}

#[test]
fn the_presenter_view_shows_the_question_and_keeps_typing_out_of_the_answer() {
    let (dir, mut app) = nurses();
    let t0 = Instant::now();
    let before = walk(&app).session.community().clone();
    key(&mut app, KeyCode::F(5), t0);
    assert!(app.is_presenting());
    for size in [(80, 24), (120, 40)] {
        snapshot("presenter", &app, dir.path(), size);
    }
    // Typing goes to the capture line, never into an answer the facilitator cannot see; Esc
    // clears the line before it leaves the view.
    type_text(&mut app, "typed at the projector", t0);
    assert_eq!(app.capture(), "typed at the projector");
    assert_eq!(walk(&app).session.community(), &before);
    key(&mut app, KeyCode::Esc, t0);
    assert!(app.capture().is_empty());
    assert!(app.is_presenting());
    // → and ← move between questions, past the notes.
    let first = walk(&app).question().unwrap().id.clone();
    for _ in 0..4 {
        key(&mut app, KeyCode::Right, t0);
        assert!(app.is_presenting());
        assert!(
            walk(&app).question().is_some(),
            "the presenter stops on questions only"
        );
    }
    key(&mut app, KeyCode::Left, t0);
    assert_ne!(walk(&app).question().unwrap().id, first);
    // Ctrl-G adds the guidance, for the presenter view alone.
    app.update(
        Msg::Key(KeyEvent::new(KeyCode::Char('g'), KeyModifiers::CONTROL)),
        t0,
    );
    assert!(app.presenter().unwrap().view.guidance);
    snapshot("presenter_guidance", &app, dir.path(), (80, 24));
    // F5 goes back to the walk on the same question, and typing goes in again.
    let here = walk(&app).question().unwrap().id.clone();
    key(&mut app, KeyCode::F(5), t0);
    assert!(!app.is_presenting());
    assert_eq!(walk(&app).question().unwrap().id, here);
    type_text(&mut app, " — added", t0);
    key(&mut app, KeyCode::Tab, t0);
    let path = walk(&app).session.path().to_path_buf();
    let saved = on_disk(&path);
    let answer = match saved.answers.get(&here) {
        Some(convene::community::Answer::Text(t)) => t.clone(),
        other => panic!("{other:?}"),
    };
    assert!(answer.ends_with(" — added"), "{answer}");
}

#[test]
fn a_long_question_falls_back_to_large_plain_text() {
    let (dir, mut app) = nurses();
    let t0 = Instant::now();
    let convene::tui::Screen::Walk(walk) = &mut app.screen else {
        panic!()
    };
    let long = (0..walk.fields.len())
        .find(|&i| {
            let f = walk.fields[i];
            f.question().is_some_and(|q| {
                walk.guide.sections[f.section].groups[f.group].questions[q]
                    .prompt
                    .len()
                    > 90
            })
        })
        .expect("a long question");
    walk.go_to(long, convene::tui::runtime::now(std::time::Instant::now()));
    key(&mut app, KeyCode::F(5), t0);
    snapshot("presenter_long_question", &app, dir.path(), (80, 24));
}

#[test]
fn the_timebox_counts_down_changes_near_the_end_shows_the_overrun_and_pauses() {
    let (dir, mut app) = nurses();
    let t0 = Instant::now();
    assert_eq!(
        app.deadline(),
        None,
        "no timebox, nothing unsaved: no wake-ups"
    );
    key(&mut app, KeyCode::F(6), t0);
    for _ in 0..5 {
        key(&mut app, KeyCode::F(7), t0); // 10 minutes to 5
    }
    assert_eq!(app.timebox.as_ref().unwrap().length, secs(300));
    // Running: the loop wakes on the next second of the countdown.
    app.update(Msg::Tick, t0 + Duration::from_millis(300));
    assert_eq!(app.deadline(), Some(t0 + secs(1)));
    app.update(Msg::Tick, t0 + secs(30));
    snapshot("timebox_running", &app, dir.path(), (80, 24));
    app.update(Msg::Tick, t0 + secs(250));
    snapshot("timebox_near_end", &app, dir.path(), (80, 24));
    app.update(Msg::Tick, t0 + secs(365));
    snapshot("timebox_over", &app, dir.path(), (80, 24));
    key(&mut app, KeyCode::F(5), t0 + secs(365));
    snapshot("timebox_over_presenting", &app, dir.path(), (80, 24));
    // F4: large, above the question, for the back of the room.
    key(&mut app, KeyCode::F(4), t0 + secs(365));
    let shown = screen(&app, (80, 24));
    assert!(shown.contains("⏱ +1:05 over"), "the label stays:\n{shown}");
    snapshot("timebox_large_presenting", &app, dir.path(), (80, 24));
    snapshot("timebox_large_presenting", &app, dir.path(), (120, 40));
    key(&mut app, KeyCode::F(4), t0 + secs(365));
    key(&mut app, KeyCode::F(6), t0 + secs(366)); // pause
    assert_eq!(app.deadline(), None, "paused: no wake-ups");
    app.update(Msg::Tick, t0 + secs(900));
    snapshot("timebox_paused_presenting", &app, dir.path(), (80, 24));
    // A minute more while paused leaves it 54 s short of the new end... still over by 6 s.
    key(&mut app, KeyCode::F(8), t0 + secs(900));
    assert_eq!(app.timebox.as_ref().unwrap().shown(t0 + secs(900)), "+0:06");
    key(&mut app, KeyCode::F(9), t0 + secs(900));
    assert!(app.timebox.is_none());
    assert_eq!(app.deadline(), None);
}

#[test]
fn an_autosave_is_not_taken_for_a_timebox_tick() {
    let (_dir, mut app) = nurses();
    let t0 = Instant::now();
    key(&mut app, KeyCode::F(6), t0);
    type_text(&mut app, "x", t0);
    let path = walk(&app).session.path().to_path_buf();
    let before = fs::read_to_string(&path).unwrap();
    // The timebox's ticks come first; the autosave waits its two seconds.
    app.update(Msg::Tick, t0 + secs(1));
    assert_eq!(fs::read_to_string(&path).unwrap(), before);
    assert!(walk(&app).is_dirty());
    app.update(Msg::Tick, t0 + secs(2));
    assert!(!walk(&app).is_dirty(), "saved at the autosave time");
}

#[test]
fn cards_are_captured_dot_voted_ordered_and_promoted_and_reach_the_file() {
    let (dir, mut app) = nurses();
    let t0 = Instant::now();
    key(&mut app, KeyCode::F(5), t0);
    let question = walk(&app).question().unwrap().id.clone();
    type_text(&mut app, "Share night-shift tips @Ana\n", t0);
    type_text(&mut app, "A case of the month\n", t0);
    type_text(&mut app, "/park Room bookings\n", t0);
    type_text(&mut app, "/decided Meet monthly at lunch\n", t0);
    type_text(&mut app, "/dots 5\n", t0);
    // A line convene cannot read stays on the line, and the status says why.
    type_text(&mut app, "/vote 2\n", t0);
    assert_eq!(app.capture(), "/vote 2");
    assert!(app.status.error, "{:?}", app.status);
    key(&mut app, KeyCode::Esc, t0);
    assert!(app.capture().is_empty());
    // The newest card is selected; two dots for it, one for the first.
    assert_eq!(walk(&app).card, 1);
    type_text(&mut app, "++", t0);
    key(&mut app, KeyCode::Up, t0);
    type_text(&mut app, "+", t0);
    for size in [(80, 24), (120, 40)] {
        snapshot("presenter_cards", &app, dir.path(), size);
    }
    // F3 shows the parking lot and the session log instead, and back.
    key(&mut app, KeyCode::F(3), t0);
    assert!(app.presenter().unwrap().view.notes);
    let notes = screen(&app, (80, 24));
    assert!(notes.contains("Room bookings"), "{notes}");
    // /done with its number (as F3 lists it) marks our topic dealt with.
    let ours = walk(&app)
        .session
        .community()
        .workshop
        .parking_lot
        .iter()
        .position(|p| p.text == "Room bookings")
        .unwrap();
    assert!(
        notes.contains(&format!("{:>2}   Room bookings", ours + 1)),
        "{notes}"
    );
    type_text(&mut app, &format!("/done {}\n", ours + 1), t0);
    assert!(!app.status.error, "{:?}", app.status);
    assert!(walk(&app).session.community().workshop.parking_lot[ours].done);
    assert!(notes.contains("Decided  Meet monthly at lunch"), "{notes}");
    key(&mut app, KeyCode::F(3), t0);
    // The first card moves below the second; then the selected one goes into the answer.
    app.update(
        Msg::Key(KeyEvent::new(KeyCode::Down, KeyModifiers::CONTROL)),
        t0,
    );
    assert_eq!(walk(&app).card, 1);
    app.update(
        Msg::Key(KeyEvent::new(KeyCode::Char('t'), KeyModifiers::CONTROL)),
        t0,
    );
    assert!(!app.status.error, "{:?}", app.status);
    app.update(
        Msg::Key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL)),
        t0,
    );
    let path = walk(&app).session.path().to_path_buf();
    let saved = on_disk(&path);
    let cards: Vec<_> = saved
        .workshop
        .cards_for(&question)
        .map(|(_, c)| c.clone())
        .collect();
    assert_eq!(cards.len(), 2);
    assert_eq!(cards[0].text, "A case of the month");
    assert_eq!(cards[0].dots, 2);
    assert_eq!(cards[1].text, "Share night-shift tips");
    assert_eq!(cards[1].who, "Ana");
    assert_eq!(cards[1].dots, 1);
    assert!(cards[1].promoted);
    match saved.answers.get(&question) {
        Some(convene::community::Answer::Text(t)) => {
            assert!(t.ends_with("\nShare night-shift tips"), "{t}")
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(saved.workshop.votes_per_person, Some(5));
    assert!(
        saved
            .workshop
            .parking_lot
            .iter()
            .any(|p| p.text == "Room bookings")
    );
    assert!(saved.workshop.log.iter().any(
        |e| e.text == "Meet monthly at lunch" && e.kind == convene::community::LogKind::Decided
    ));
}

#[test]
fn a_line_left_on_the_capture_line_is_kept_when_convene_quits() {
    let (_dir, mut app) = nurses();
    let t0 = Instant::now();
    key(&mut app, KeyCode::F(5), t0);
    let question = walk(&app).question().unwrap().id.clone();
    type_text(&mut app, "Said just before the end @Kofi", t0);
    let effect = app.update(
        Msg::Key(KeyEvent::new(KeyCode::Char('q'), KeyModifiers::CONTROL)),
        t0,
    );
    assert!(matches!(effect, Some(convene::tui::effects::Effect::Quit)));
    let path = walk(&app).session.path().to_path_buf();
    let saved = on_disk(&path);
    assert!(
        saved
            .workshop
            .cards_for(&question)
            .any(|(_, c)| c.text == "Said just before the end" && c.who == "Kofi"),
        "{:?}",
        saved.workshop
    );
}

#[test]
fn a_read_only_communitys_cards_are_shown_never_changed() {
    let (dir, mut app) = nurses();
    let t0 = Instant::now();
    let file = dir.path().join("nurses-lunch-circle.toml");
    let text = fs::read_to_string(&file)
        .unwrap()
        .replace("schema_version = 1", "schema_version = 99");
    fs::write(&file, &text).unwrap();
    app.open(&file).unwrap();
    key(&mut app, KeyCode::F(5), t0);
    let before = walk(&app).session.community().workshop.clone();
    assert!(!before.cards.is_empty(), "the example has cards");
    // Select a question that has cards, then try every way of changing one.
    while walk(&app).question_cards().is_empty() {
        key(&mut app, KeyCode::Right, t0);
    }
    type_text(&mut app, "+", t0);
    app.update(
        Msg::Key(KeyEvent::new(KeyCode::Down, KeyModifiers::CONTROL)),
        t0,
    );
    app.update(
        Msg::Key(KeyEvent::new(KeyCode::Char('d'), KeyModifiers::CONTROL)),
        t0,
    );
    app.update(
        Msg::Key(KeyEvent::new(KeyCode::Char('t'), KeyModifiers::CONTROL)),
        t0,
    );
    assert!(app.status.error, "{:?}", app.status);
    type_text(&mut app, "A new card\n", t0);
    assert_eq!(walk(&app).session.community().workshop, before);
    assert_eq!(
        fs::read_to_string(&file).unwrap(),
        text,
        "the file is untouched"
    );
}

/// A list of cards longer than the rows it has says how many are out of sight, and where.
#[test]
fn a_long_list_of_cards_says_how_many_more_there_are() {
    let (_dir, mut app) = nurses();
    let t0 = Instant::now();
    key(&mut app, KeyCode::F(5), t0);
    let before = walk(&app).question_cards().len();
    for n in 0..30 {
        type_text(&mut app, &format!("idea {n}"), t0);
        key(&mut app, KeyCode::Enter, t0);
    }
    let total = before + 30;
    let shown = screen(&app, (80, 24));
    assert!(shown.contains(&format!("Cards ({total})")), "{shown}");
    assert!(
        shown.contains("more above"),
        "the last card is selected:\n{shown}"
    );
    for _ in 0..total {
        key(&mut app, KeyCode::Up, t0);
    }
    let shown = screen(&app, (80, 24));
    assert!(shown.contains("more below"), "{shown}");
}

/// Help over the presenter view at 80×24: every key shows, scrolling where the list is longer
/// than the screen, and no row runs off the box.
#[test]
fn help_over_the_presenter_view_fits_80x24() {
    let (dir, mut app) = nurses();
    let t0 = Instant::now();
    key(&mut app, KeyCode::F(5), t0);
    key(&mut app, KeyCode::F(1), t0);
    let mut shown = screen(&app, (80, 24));
    snapshot("presenter_help", &app, dir.path(), (80, 24));
    while app.help_scroll.get() < app.help_overflow.get() {
        key(&mut app, KeyCode::Down, t0);
        assert!(app.help.is_some(), "↓ scrolls help, and does not close it");
        shown.push_str(&screen(&app, (80, 24)));
    }
    for keys in [
        "Ctrl-Q",
        "Ctrl-T",
        "F9",
        "Esc",
        "+",
        "Ctrl-↓",
        "F2  edit the card",
    ] {
        assert!(shown.contains(keys), "{keys} is listed:\n{shown}");
    }
    for line in shown.lines().filter(|l| l.contains('│')) {
        let inside = line.trim_matches('"');
        assert!(
            inside.starts_with('│') && inside.trim_end().ends_with('│'),
            "a row runs off the box: {line}\n{shown}"
        );
    }
    key(&mut app, KeyCode::Esc, t0);
    key(&mut app, KeyCode::F(1), t0);
    snapshot("presenter_help", &app, dir.path(), (120, 40));
    // While a card is edited, help says what Enter and Esc do to it.
    key(&mut app, KeyCode::Esc, t0);
    while walk(&app).question_cards().is_empty() {
        key(&mut app, KeyCode::Right, t0);
    }
    key(&mut app, KeyCode::F(2), t0);
    let hint = screen(&app, (80, 24));
    assert!(
        hint.contains(" Enter keep · Esc as it was · "),
        "the hint line says how an edit ends:\n{hint}"
    );
    assert!(hint.contains(" Edit 1 ▸ "), "{hint}");
    // Emptied, the line says what it takes there (no slash words), not what a new line takes.
    app.update(
        Msg::Key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL)),
        t0,
    );
    let emptied = screen(&app, (80, 24));
    assert!(
        emptied.contains(" Edit 1 ▸ the card's words (text @who); Esc leaves it as it was"),
        "{emptied}"
    );
    key(&mut app, KeyCode::F(1), t0);
    let mut shown = screen(&app, (80, 24));
    while app.help_scroll.get() < app.help_overflow.get() {
        key(&mut app, KeyCode::Down, t0);
        shown.push_str(&screen(&app, (80, 24)));
    }
    for says in [
        "Esc leaves the card as it was",
        "Enter / F2  keep the change",
        "Esc  cancel the change",
    ] {
        assert!(shown.contains(says), "{says}:\n{shown}");
    }
}

/// What goes wrong on the presenter view is said there: a line that cannot be filed, a save
/// that failed (the view has no status line of its own).
#[test]
fn the_presenter_view_says_what_went_wrong() {
    let (_dir, mut app) = nurses();
    let t0 = Instant::now();
    key(&mut app, KeyCode::F(5), t0);
    type_text(&mut app, "/foo bar", t0);
    key(&mut app, KeyCode::Enter, t0);
    let shown = screen(&app, (80, 24));
    assert!(shown.contains("/foo is not a capture command"), "{shown}");
    type_text(&mut app, "x", t0);
    for _ in 0.."/foo barx".len() {
        key(&mut app, KeyCode::Backspace, t0);
    }
    type_text(&mut app, "A real card", t0);
    key(&mut app, KeyCode::Enter, t0);
    let shown = screen(&app, (80, 24));
    assert!(
        !shown.contains("not a capture command"),
        "fixed, it goes:\n{shown}"
    );
    assert!(
        !shown.contains("Card added"),
        "routine news stays off the room's screen"
    );
}

/// A readiness statement shown to the room carries its rating scale, and the rating once given.
#[test]
fn a_statement_to_rate_shows_the_room_its_scale() {
    let (dir, mut app) = nurses();
    let t0 = Instant::now();
    for _ in 0..2 {
        app.update(
            Msg::Key(KeyEvent::new(KeyCode::Char('n'), KeyModifiers::CONTROL)),
            t0,
        );
    }
    assert!(walk(&app).is_rating(), "on the readiness check");
    key(&mut app, KeyCode::F(5), t0);
    let shown = screen(&app, (80, 24));
    assert!(
        shown.contains("1 Yes") && shown.contains("2 Partly") && shown.contains("4 Not sure"),
        "{shown}"
    );
    snapshot("presenter_rating", &app, dir.path(), (80, 24));
}

/// The selected card is shown whole, wrapped, however long; the others keep to a row, cut with
/// "…".
#[test]
fn the_selected_card_shows_its_whole_text() {
    let (dir, mut app) = nurses();
    let t0 = Instant::now();
    key(&mut app, KeyCode::F(5), t0);
    let long = "Pair every new starter with someone who has worked nights for a year, so that the \
                first rota is never faced alone, and write down what the pairs learn about handovers, \
                breaks and the long hours after three in the morning @Bronwen";
    let also_long = "A monthly lunch where one of us brings a case that went wrong and the others \
                     ask questions before anyone offers advice";
    for card in [also_long, long] {
        type_text(&mut app, card, t0);
        key(&mut app, KeyCode::Enter, t0);
    }
    let (words, who) = long.rsplit_once(" @").unwrap();
    for size in [(80, 24), (120, 40)] {
        let shown = screen(&app, size);
        let rows: Vec<&str> = shown.lines().map(|l| l.trim_matches('"')).collect();
        let card_rows: String = rows
            .iter()
            .skip_while(|r| !r.contains("Pair every new starter"))
            .take_while(|r| !r.contains("Card ▸"))
            .map(|r| r.trim())
            .collect::<Vec<_>>()
            .join(" ");
        assert!(
            card_rows.contains(&format!("{words} — {who}")),
            "every word of the selected card, in order, at {size:?}:\n{shown}"
        );
        assert!(
            rows.iter()
                .any(|r| r.contains("A monthly lunch") && r.trim_end().ends_with('…')),
            "the card above keeps to one row, cut:\n{shown}"
        );
        snapshot("presenter_long_card", &app, dir.path(), size);
    }
    // Selecting the other card shows it whole instead, and cuts this one.
    key(&mut app, KeyCode::Up, t0);
    let shown = screen(&app, (80, 24));
    assert!(
        shown.contains("ask questions before anyone offers advice"),
        "{shown}"
    );
    assert!(!shown.contains("three in the morning"), "{shown}");
    // A card longer than the screen can hold takes all but the question's few rows, and says
    // with "…" that it goes on.
    let endless = "word ".repeat(400);
    type_text(&mut app, &endless, t0);
    key(&mut app, KeyCode::Enter, t0);
    let shown = screen(&app, (80, 24));
    let rows: Vec<&str> = shown.lines().map(|l| l.trim_matches('"')).collect();
    let card_rows = rows.iter().filter(|r| r.contains("word word")).count();
    assert_eq!(card_rows, 24 - 2 - 3 - 4 - 1, "{shown}");
    let last = rows.iter().rev().find(|r| r.contains("word word")).unwrap();
    assert!(last.trim_end().ends_with('…'), "{shown}");
    assert!(shown.contains("Cards (3)"), "{shown}");
}

/// Cards grouped under themes show as headings, each with how many cards and dots it has, the
/// cards under no theme last; the selected card is still whole.
#[test]
fn themes_show_as_headings_over_their_cards() {
    let (dir, mut app) = nurses();
    let t0 = Instant::now();
    key(&mut app, KeyCode::F(5), t0);
    for line in [
        "Share night-shift tips @Ana",
        "/theme Sharing what works",
        "A case of the month, told by whoever had the hardest week, with the others asking \
         before advising @Kofi",
        "/theme sharing WHAT works",
        "++",
        "Lunch on Fridays",
        "+",
        "Someone to call at 3 a.m.",
        "/theme Not alone on nights",
    ] {
        type_text(&mut app, line, t0);
        if !line.starts_with('+') {
            key(&mut app, KeyCode::Enter, t0);
        }
    }
    assert!(!app.status.error, "{:?}", app.status);
    // The card just grouped stays selected; one up is the case of the month, shown whole.
    assert_eq!(walk(&app).card, 2);
    key(&mut app, KeyCode::Up, t0);
    for size in [(80, 24), (120, 40)] {
        let shown = screen(&app, size);
        let at = |text: &str| {
            shown
                .find(text)
                .unwrap_or_else(|| panic!("{text} at {size:?}:\n{shown}"))
        };
        assert!(at("── Sharing what works · 2 cards · 2 dots ──") < at("Share night-shift tips"));
        assert!(at("Share night-shift tips") < at("A case of the month"));
        assert!(at("A case of the month") < at("── Not alone on nights · 1 card · 0 dots"));
        assert!(at("── Not alone on nights") < at("Someone to call"));
        assert!(at("Someone to call") < at("── No theme · 1 card · 1 dot"));
        assert!(at("── No theme") < at("Lunch on Fridays"));
        assert!(shown.contains("before advising — Kofi"), "whole:\n{shown}");
        snapshot("presenter_themes", &app, dir.path(), size);
    }
}
