//! The answer as the facilitator sees it and works it: drawn into ratatui's `TestBackend` at
//! 80×24 and 120×40, then driven through `update` with keys, clicks and the wheel. What is
//! checked is what is on screen — every word drawn, no row starting with a stray space, tabs as
//! spaces to their stop, the caret in view — and that the keys and the mouse move on the rows
//! drawn.

use std::path::PathBuf;
use std::time::Instant;

use chrono::{NaiveDate, TimeZone, Utc};
use convene::guide::Guide;
use convene::store::Loaded;
use convene::tui::model::home::Home;
use convene::tui::model::walk::Walk;
use convene::tui::model::{GuideSource, Model, Now, Screen};
use convene::tui::{Msg, update, view};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use ratatui::Terminal;
use ratatui::backend::{Backend, TestBackend};
use ratatui::layout::Rect;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn now() -> Now {
    Now {
        at: Instant::now(),
        wall: Utc
            .with_ymd_and_hms(2026, 3, 4, 10, 0, 0)
            .unwrap()
            .fixed_offset(),
    }
}

/// The walk on a community whose first answer is `answer` (TOML basic-string escapes allowed).
fn walk_on(answer: &str) -> Model {
    let text = format!(
        "schema_version = 1\nname = \"Circle\"\ncreated = 2026-01-01T00:00:00Z\n\
         updated = 2026-01-01T00:00:00Z\n\n[answers]\nprimary_purpose = \"{answer}\"\n"
    );
    let loaded = Loaded::from_text(PathBuf::from("/data/circle.toml"), &text).unwrap();
    let mut model = Model::new(
        Home::new(Vec::new()),
        GuideSource::Ready(Guide::builtin()),
        PathBuf::from("/data"),
        NaiveDate::from_ymd_opt(2026, 3, 4).unwrap(),
        Instant::now(),
    );
    model.color = false;
    model.screen = Screen::Walk(Box::new(Walk::new(loaded, Guide::builtin())));
    model
}

fn walk(model: &Model) -> &Walk {
    model.walk().expect("the walk")
}

/// Draws `model` at `size`: the editor's rows as drawn, and the terminal cursor.
fn draw(model: &Model, (width, height): (u16, u16)) -> (Vec<String>, (u16, u16)) {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| view::draw(frame, model)).unwrap();
    let area: Rect = walk(model).drawn.area.get();
    assert!(area.width > 0, "the editor was drawn");
    let buffer = terminal.backend().buffer();
    let rows = (area.y..area.bottom())
        .map(|y| {
            (area.x..area.right())
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
        })
        .collect();
    let cursor = terminal.backend_mut().get_cursor_position().unwrap();
    (rows, (cursor.x - area.x, cursor.y - area.y))
}

fn key(model: &mut Model, code: KeyCode, modifiers: KeyModifiers) {
    update(model, Msg::Key(KeyEvent::new(code, modifiers)), now());
}

fn mouse(model: &mut Model, kind: MouseEventKind, x: u16, y: u16) {
    let area = walk(model).drawn.area.get();
    let event = MouseEvent {
        kind,
        column: area.x + x,
        row: area.y + y,
        modifiers: KeyModifiers::NONE,
    };
    update(model, Msg::Mouse(event), now());
}

fn caret(model: &Model) -> (usize, usize) {
    let c = walk(model).editor.caret();
    (c.line, c.col)
}

/// Whole words of `text`, in order.
fn words(text: &str) -> Vec<String> {
    text.split_whitespace().map(str::to_string).collect()
}

#[test]
fn a_wrapped_answer_shows_every_word_and_no_row_starts_with_a_stray_space() {
    // Words that end exactly at the row's edge are where the editor widget put the space.
    let answer = "Les sages-femmes rurales partagent leurs gardes de nuit et apprennent ensemble \
                  aux cas difficiles qui arrivent rarement mais comptent beaucoup pour toutes. \
                  xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx abcdefg next word and more";
    for size in SIZES {
        let model = walk_on(answer);
        let (rows, _) = draw(&model, size);
        for row in rows.iter().filter(|r| !r.trim().is_empty()) {
            assert!(!row.starts_with(' '), "{size:?}: {row:?}");
        }
        assert_eq!(words(&rows.join(" ")), words(answer), "{size:?}");
    }
}

#[test]
fn a_tab_draws_as_spaces_to_its_stop_and_the_caret_stays_where_it_is_drawn() {
    for size in SIZES {
        let mut model = walk_on("a\\tb\\tc");
        let (rows, cursor) = draw(&model, size);
        assert_eq!(rows[0].trim_end(), "a   b   c", "{size:?}");
        // The caret is after the last character, drawn at its column.
        assert_eq!(cursor, (9, 0));
        // Typing goes in where the caret is drawn, and is drawn there.
        key(&mut model, KeyCode::Left, KeyModifiers::NONE);
        key(&mut model, KeyCode::Left, KeyModifiers::NONE);
        key(&mut model, KeyCode::Char('Z'), KeyModifiers::NONE);
        let (rows, cursor) = draw(&model, size);
        assert_eq!(rows[0].trim_end(), "a   bZ  c");
        assert_eq!(cursor, (6, 0));
    }
}

#[test]
fn a_long_answer_full_of_tabs_keeps_the_caret_in_view_as_it_grows() {
    let mut model = walk_on("");
    for line in 0..40 {
        for c in format!("ligne {line}\tavec\ttabulations").chars() {
            key(&mut model, KeyCode::Char(c), KeyModifiers::NONE);
        }
        key(&mut model, KeyCode::Enter, KeyModifiers::NONE);
        let (rows, (_, y)) = draw(&model, (80, 24));
        assert!(usize::from(y) < rows.len(), "the caret row is drawn");
    }
    // Ctrl-Home is the very start of the answer, and it is shown; Ctrl-End the very end.
    key(&mut model, KeyCode::Home, KeyModifiers::CONTROL);
    assert_eq!(caret(&model), (0, 0));
    let (rows, cursor) = draw(&model, (80, 24));
    assert_eq!(rows[0].trim_end(), "ligne 0 avec    tabulations");
    assert_eq!(cursor, (0, 0));
    key(&mut model, KeyCode::End, KeyModifiers::CONTROL);
    assert_eq!(caret(&model), (40, 0));
    let (rows, (_, y)) = draw(&model, (80, 24));
    assert_eq!(
        rows[usize::from(y) - 1].trim_end(),
        "ligne 39    avec    tabulations"
    );
}

#[test]
fn up_and_down_move_by_the_rows_drawn_keeping_the_column() {
    let answer = "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx abcdefg next word and more";
    let mut model = walk_on(answer);
    let (rows, cursor) = draw(&model, (80, 24));
    assert_eq!(rows[1].trim_end(), "next word and more");
    assert_eq!(cursor, (18, 1));
    key(&mut model, KeyCode::Up, KeyModifiers::NONE);
    // Column 18 of the first row, which is the same line.
    assert_eq!(caret(&model), (0, 18));
    key(&mut model, KeyCode::Down, KeyModifiers::NONE);
    key(&mut model, KeyCode::Left, KeyModifiers::NONE);
    key(&mut model, KeyCode::Up, KeyModifiers::NONE);
    key(&mut model, KeyCode::Down, KeyModifiers::NONE);
    assert_eq!(caret(&model), (0, answer.len() - 1));
}

#[test]
fn a_click_puts_the_caret_on_the_character_drawn_there() {
    let mut model = walk_on("first line\\nsecond\\tline here");
    let (rows, _) = draw(&model, (80, 24));
    assert_eq!(rows[1].trim_end(), "second  line here");
    // "l" of "line" is at column 8 of the second row (the tab takes columns 6 and 7).
    mouse(&mut model, MouseEventKind::Down(MouseButton::Left), 8, 1);
    assert_eq!(caret(&model), (1, 7));
    key(&mut model, KeyCode::Char('X'), KeyModifiers::NONE);
    let (rows, cursor) = draw(&model, (80, 24));
    assert_eq!(rows[1].trim_end(), "second  Xline here");
    assert_eq!(cursor, (9, 1));
    // Past the end of a row: its end. Below the text: the end of the text.
    mouse(&mut model, MouseEventKind::Down(MouseButton::Left), 40, 0);
    assert_eq!(caret(&model), (0, 10));
    mouse(&mut model, MouseEventKind::Down(MouseButton::Left), 3, 4);
    assert_eq!(caret(&model), (1, 17));
}

#[test]
fn the_wheel_never_hides_the_first_line_of_a_short_answer_and_scrolls_a_long_one() {
    let mut model = walk_on("one\\ntwo\\nthree");
    draw(&model, (80, 24));
    for _ in 0..5 {
        mouse(&mut model, MouseEventKind::ScrollDown, 1, 1);
    }
    let (rows, _) = draw(&model, (80, 24));
    assert_eq!(rows[0].trim_end(), "one");

    let long: Vec<String> = (0..30).map(|i| format!("line {i}")).collect();
    let mut model = walk_on(&long.join("\\n"));
    key(&mut model, KeyCode::Home, KeyModifiers::CONTROL);
    let (rows, _) = draw(&model, (80, 24));
    let height = rows.len();
    assert_eq!(rows[0].trim_end(), "line 0");
    for _ in 0..3 {
        mouse(&mut model, MouseEventKind::ScrollDown, 1, 1);
    }
    let (rows, (_, y)) = draw(&model, (80, 24));
    assert_eq!(rows[0].trim_end(), "line 3");
    // The caret was scrolled off: it stays on a row in view.
    assert!(usize::from(y) < height);
    assert_eq!(caret(&model).0, 3);
    // Down to the end and no further: the last line stays at the bottom.
    for _ in 0..100 {
        mouse(&mut model, MouseEventKind::ScrollDown, 1, 1);
    }
    let (rows, _) = draw(&model, (80, 24));
    assert_eq!(rows[height - 1].trim_end(), "line 29");
}
