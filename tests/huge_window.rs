//! Absurd window sizes: a terminal that says it is 65535×65535 (or 65535×1, 1×65535) is drawn
//! within convene's ceiling, on every screen, without allocating a buffer for the whole window.
//!
//! The backend here reports the absurd size and keeps nothing: if anything asked ratatui for a
//! buffer of the whole window (4 billion cells), the test process would abort, not fail.

use std::convert::Infallible;
use std::time::Instant;

use convene::community::{Answer, Record, Scalar};
use convene::guide::Guide;
use convene::store::{Recovery, Store};
use convene::tui::view;
use convene::tui::view::bounded::{Bounded, MAX_HEIGHT, MAX_WIDTH};
use convene::tui::{App, Msg, Screen};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};

/// A terminal of any size that only counts what is drawn on it.
struct Huge {
    size: Size,
    cells: usize,
    written: usize,
    right: u16,
    bottom: u16,
}

impl Huge {
    fn new(width: u16, height: u16) -> Huge {
        Huge {
            size: Size { width, height },
            cells: 0,
            written: 0,
            right: 0,
            bottom: 0,
        }
    }
}

impl Backend for Huge {
    type Error = Infallible;

    fn draw<'a, I>(&mut self, content: I) -> Result<(), Infallible>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        for (x, y, cell) in content {
            self.cells += 1;
            if cell.symbol() != " " {
                self.written += 1;
            }
            self.right = self.right.max(x);
            self.bottom = self.bottom.max(y);
        }
        Ok(())
    }
    fn hide_cursor(&mut self) -> Result<(), Infallible> {
        Ok(())
    }
    fn show_cursor(&mut self) -> Result<(), Infallible> {
        Ok(())
    }
    fn get_cursor_position(&mut self) -> Result<Position, Infallible> {
        Ok(Position::ORIGIN)
    }
    fn set_cursor_position<P: Into<Position>>(&mut self, _: P) -> Result<(), Infallible> {
        Ok(())
    }
    fn clear(&mut self) -> Result<(), Infallible> {
        Ok(())
    }
    fn clear_region(&mut self, _: ClearType) -> Result<(), Infallible> {
        Ok(())
    }
    fn size(&self) -> Result<Size, Infallible> {
        Ok(self.size)
    }
    fn window_size(&mut self) -> Result<WindowSize, Infallible> {
        Ok(WindowSize {
            columns_rows: self.size,
            pixels: Size::ZERO,
        })
    }
    fn flush(&mut self) -> Result<(), Infallible> {
        Ok(())
    }
}

const SIZES: [(u16, u16); 4] = [(65535, 65535), (65535, 1), (1, 65535), (65535, 30)];

/// Draws `app` on a fresh terminal of every absurd size, as the app's own terminal would (the
/// same bounded backend), then once more after a resize from 80×24; checks what was drawn.
fn draw_everywhere(app: &App, screen: &str) {
    for (width, height) in SIZES {
        let started = Instant::now();
        let mut terminal = Terminal::new(Bounded(Huge::new(width, height))).unwrap();
        terminal.draw(|frame| view::draw(frame, app)).unwrap();
        // A resize while running: the next draw notices and lays out again.
        terminal.backend_mut().0.size = Size::new(80, 24);
        terminal.draw(|frame| view::draw(frame, app)).unwrap();
        terminal.backend_mut().0.size = Size::new(width, height);
        terminal.draw(|frame| view::draw(frame, app)).unwrap();
        let huge = &terminal.backend().0;
        let what = format!("{screen} at {width}×{height}");
        assert!(huge.written > 0, "{what}: nothing was drawn");
        assert!(
            huge.right < MAX_WIDTH && huge.bottom < MAX_HEIGHT,
            "{what}: drawn out to {}×{}",
            huge.right,
            huge.bottom
        );
        // Three frames, none larger than the ceiling.
        assert!(
            huge.cells <= 3 * usize::from(MAX_WIDTH) * usize::from(MAX_HEIGHT),
            "{what}: {} cells",
            huge.cells
        );
        assert!(terminal.get_frame().area().width <= MAX_WIDTH);
        // Generous: a debug build drawing 500,000 cells three times. It is a hang or a
        // quadratic layout this catches, not a slow machine.
        assert!(
            started.elapsed().as_secs() < 30,
            "{what}: took {:?}",
            started.elapsed()
        );
    }
}

fn press(app: &mut App, code: KeyCode, modifiers: KeyModifiers) {
    app.update(Msg::Key(KeyEvent::new(code, modifiers)), Instant::now());
}

#[test]
fn every_screen_draws_bounded_in_an_absurd_window() {
    let guide = Guide::builtin();
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let mut loaded = store.create("Harbour pilots", guide).unwrap();
    let row: Record = [("name", "Ana"), ("role", "coordinator")]
        .into_iter()
        .map(|(k, v)| (k.to_string(), Scalar::Text(v.to_string())))
        .collect();
    let community = loaded.community_mut();
    community.set_answer("people", Answer::Records(vec![row]));
    community.set_answer(
        "primary_purpose",
        Answer::Text("Share what the tide tables do not say.\n".repeat(200)),
    );
    store.save(&mut loaded, guide).unwrap();
    let path = loaded.path.clone();

    let store = Store::open(dir.path())
        .unwrap()
        .with_recovery(Recovery::in_dir(dir.path().join(".recovery")));
    let mut app = App::new(store, guide);
    draw_everywhere(&app, "home");
    press(&mut app, KeyCode::F(1), KeyModifiers::NONE);
    draw_everywhere(&app, "home help");
    press(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    press(&mut app, KeyCode::Char('n'), KeyModifiers::NONE);
    draw_everywhere(&app, "new-name prompt");
    press(&mut app, KeyCode::Esc, KeyModifiers::NONE);

    app.open(&path).unwrap();
    draw_everywhere(&app, "walk");
    press(&mut app, KeyCode::F(1), KeyModifiers::NONE);
    draw_everywhere(&app, "walk help");
    press(&mut app, KeyCode::F(1), KeyModifiers::NONE);
    draw_everywhere(&app, "walk help, the editing keys");
    press(&mut app, KeyCode::Esc, KeyModifiers::NONE);

    let at = |walk: &convene::tui::model::walk::Walk, id: &str| {
        (0..walk.fields.len())
            .find(|&i| {
                let f = walk.fields[i];
                f.question().is_some_and(|q| {
                    walk.guide.sections[f.section].groups[f.group].questions[q].id == id
                })
            })
            .unwrap()
    };
    for (id, screen) in [
        ("activities", "pick editor"),
        ("next_meeting", "date question"),
        ("people", "table editor"),
    ] {
        let Screen::Walk(walk) = &mut app.screen else {
            panic!("not in the walk")
        };
        let field = at(walk, id);
        walk.go_to(field, convene::tui::runtime::now(std::time::Instant::now()));
        draw_everywhere(&app, screen);
    }

    press(&mut app, KeyCode::F(5), KeyModifiers::NONE);
    assert!(app.is_presenting(), "F5 presents");
    draw_everywhere(&app, "presenter");
    press(&mut app, KeyCode::F(6), KeyModifiers::NONE);
    draw_everywhere(&app, "presenter with the timebox");
}

#[cfg(unix)]
mod common;

/// The real binary on a pty that is resized to 65535×65535 and back: it keeps running, writes a
/// bounded frame, and quits cleanly.
#[cfg(unix)]
#[test]
fn a_real_terminal_resized_to_absurd_sizes_keeps_working() {
    use common::pty::Session;
    let dir = tempfile::tempdir().unwrap();
    let mut app = Session::spawn(dir.path());
    app.wait_for("Welcome to convene");
    for (cols, rows) in SIZES {
        let before = app.output().raw.len();
        app.resize(cols, rows);
        // The app redraws for the new size (a frame of up to the ceiling: a debug build takes a
        // moment over it).
        let expected = if cols < view::MIN_WIDTH || rows < view::MIN_HEIGHT {
            "Terminaltoosmall"
        } else {
            "Welcometoconvene"
        };
        let mut scan = Letters::from(before);
        app.wait_until("a frame at the new size", |out| {
            scan.read(&out.raw).contains(expected)
        });
        // A full frame of the ceiling is 500,000 cells; a frame of the whole window would be
        // billions of bytes (or an abort).
        let written = app.output().raw.len() - before;
        assert!(
            written < 40 * usize::from(MAX_WIDTH) * usize::from(MAX_HEIGHT),
            "{cols}×{rows}: {written} bytes"
        );
        let before = app.output().raw.len();
        app.resize(100, 30);
        let mut scan = Letters::from(before);
        app.wait_until("the frame after resizing back", |out| {
            scan.read(&out.raw).contains("Welcometoconvene")
        });
        assert!(
            app.child.try_wait().unwrap().is_none(),
            "convene stopped after a resize to {cols}×{rows}:\n{}",
            app.screen()
        );
    }
    app.quit();
}

/// What a stretch of terminal output spells, without escape sequences and spaces (a word drawn
/// down a one-column window reads the same as across a wide one), read as it arrives: a frame
/// of the ceiling is megabytes, and going over all of it at every poll, with the output locked,
/// would starve the thread that reads the terminal.
#[cfg(unix)]
struct Letters {
    pos: usize,
    letters: String,
    state: Escape,
}

#[cfg(unix)]
#[derive(Clone, Copy, PartialEq)]
enum Escape {
    None,
    Started,
    Csi,
}

#[cfg(unix)]
impl Letters {
    /// Reading from byte `pos` of the output on.
    fn from(pos: usize) -> Letters {
        Letters {
            pos,
            letters: String::new(),
            state: Escape::None,
        }
    }

    /// Takes in what arrived since the last read; returns the letters so far. Only ASCII counts:
    /// the words looked for are English.
    fn read(&mut self, raw: &[u8]) -> &str {
        for &b in &raw[self.pos.min(raw.len())..] {
            self.state = match (self.state, b) {
                (Escape::None, 0x1b) => Escape::Started,
                (Escape::None, b) => {
                    if b.is_ascii_graphic() {
                        self.letters.push(char::from(b));
                    }
                    Escape::None
                }
                (Escape::Started, b'[') => Escape::Csi,
                (Escape::Started, _) => Escape::None,
                // CSI: ESC [ parameters… final byte (@ to ~).
                (Escape::Csi, b'@'..=b'~') => Escape::None,
                (Escape::Csi, _) => Escape::Csi,
            };
        }
        self.pos = raw.len();
        &self.letters
    }
}
