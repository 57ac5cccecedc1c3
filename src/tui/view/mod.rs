//! Drawing: each screen is a function of the app's state, which it only reads.
//!
//! `draw` checks the size first — below [`MIN_WIDTH`]×[`MIN_HEIGHT`] it says so instead of drawing
//! a broken layout — then draws the screen, the help overlay if open, and the status and hint
//! lines. Every piece of text that came from a file passes through `text::sanitize` on its way.

mod audience;
mod beside;
pub mod bounded;
mod cards;
mod dates;
mod earlier;
mod editor;
mod follow_ups;
mod help;
mod home;
mod learning;
mod line;
mod orbit;
mod pick;
mod presenter;
mod settle;
mod table;
pub use crate::tui::theme;
mod timebox;
mod walk;
mod wrap;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use super::model::{Model, Screen};
use crate::text::sanitize_line;
use crate::tui::keymap::Command;
use theme::Theme;

pub use super::model::{MIN_HEIGHT, MIN_WIDTH};

pub fn draw(frame: &mut Frame, app: &Model) {
    app.hits.borrow_mut().clear();
    // The terminal's backend already reports at most the ceiling; a frame made some other way
    // (a test's fixed viewport) is held to it here too, so no layout works near `u16::MAX`.
    let area = bounded::bounded_area(frame.area());
    let theme = if app.color {
        app.prefs.theme
    } else {
        Theme::plain()
    };
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(frame, area, app, theme);
        return;
    }
    if let Screen::Presenter(shown) = &app.screen {
        presenter::draw(frame, area, app, shown, theme);
        if app.export_for.is_some() {
            audience::draw(frame, area, app, theme);
        }
        if let Some(page) = app.help {
            help::draw(frame, area, app, page, theme);
        }
        return;
    }
    let [body, footer] = split_bottom(area, status_height(app, area.width) + 1);
    let [status, hints] = split_bottom(footer, 1);
    match &app.screen {
        Screen::Home(home) => home::draw(frame, body, app, home, theme),
        Screen::Walk(walk) => walk::draw(frame, body, app, walk, theme),
        Screen::Constellation(shown) => orbit::draw(frame, body, app, shown, theme),
        Screen::Presenter(_) => {}
    }
    if app.export_for.is_some() {
        audience::draw(frame, body, app, theme);
    }
    draw_status(frame, status, app, theme);
    draw_hints(frame, hints, app, theme);
    if let Some(page) = app.help {
        help::draw(frame, body, app, page, theme);
    }
}

/// How many rows `lines` take when wrapped to `width` (an estimate by display width).
fn wrapped_height(lines: &[Line], width: u16) -> u16 {
    let width = width.max(1) as usize;
    let total = lines
        .iter()
        .map(|l| l.width().div_ceil(width).max(1))
        .sum::<usize>();
    rows(total)
}

/// A count of rows or columns as a terminal coordinate, saturating: a list of 70,000 cards must
/// not wrap around to a small height, nor overflow the arithmetic that follows.
pub(crate) fn rows(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

/// `area` split into the rows above the last `height` and those rows (fewer if `area` is
/// shorter). Plain arithmetic where the split is this simple: a first frame solving
/// [`ratatui::layout::Layout`] constraints spends a tenth of a millisecond in the solver.
fn split_bottom(area: Rect, height: u16) -> [Rect; 2] {
    let height = height.min(area.height);
    let top = Rect {
        height: area.height - height,
        ..area
    };
    let bottom = Rect {
        y: area.y + top.height,
        height,
        ..area
    };
    [top, bottom]
}

/// `area` split into its first `height` rows and the rest (see [`split_bottom`]).
fn split_top(area: Rect, height: u16) -> [Rect; 2] {
    split_bottom(area, area.height - height.min(area.height))
}

fn too_small(frame: &mut Frame, area: Rect, app: &Model, theme: Theme) {
    let mut text = vec![
        Line::styled("Terminal too small", theme.error()),
        Line::raw(format!(
            "convene needs at least {MIN_WIDTH}×{MIN_HEIGHT}; this is {}×{}.",
            area.width, area.height
        )),
        Line::raw(format!(
            "Enlarge the window or reduce the font size. {} quits.",
            app.prefs.keys.key_for(Command::Quit)
        )),
    ];
    if app.not_taken > 0 {
        // Typing here goes nowhere: say so, rather than let it vanish unremarked.
        text.push(Line::styled(
            format!("{} keys or pastes not taken.", app.not_taken),
            theme.dim(),
        ));
    }
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
}

fn draw_status(frame: &mut Frame, area: Rect, app: &Model, theme: Theme) {
    let style = if app.status.error {
        theme.error()
    } else {
        theme.dim()
    };
    let text = sanitize_line(&app.status.text);
    frame.render_widget(
        Paragraph::new(Line::styled(format!(" {text}"), style)).wrap(Wrap { trim: false }),
        area,
    );
}

/// The status line grows to up to three lines for a message that must be read whole: a problem
/// (where the recovery copy is, what to fix) or a report of where things went (a restore and the
/// trashed version it replaced); a routine "Saved at" fits on one line and stays there.
fn status_height(app: &Model, width: u16) -> u16 {
    let text = format!(" {}", sanitize_line(&app.status.text));
    wrapped_lines(&text, width.saturating_sub(1).max(1)).clamp(1, 3)
}

/// How many lines word-wrapping `text` at `width` columns takes (greedy, as ratatui wraps).
pub(super) fn wrapped_lines(text: &str, width: u16) -> u16 {
    use unicode_width::UnicodeWidthStr;
    let width = usize::from(width);
    let mut lines = 1;
    let mut used = 0;
    for word in text.split(' ') {
        let w = word.width();
        if used > 0 && used + 1 + w > width {
            lines += 1 + (w.saturating_sub(1)) / width;
            used = w % width;
        } else {
            used += usize::from(used > 0) + w;
        }
    }
    u16::try_from(lines).unwrap_or(u16::MAX)
}

/// The hint line, generated from the keymap so it always tells the truth.
fn draw_hints(frame: &mut Frame, area: Rect, app: &Model, theme: Theme) {
    let mut spans = vec![Span::raw(" ")];
    for binding in app.prefs.keys.hints(app.context()) {
        spans.push(Span::styled(binding.key.to_string(), theme.key()));
        spans.push(Span::styled(
            format!(" {}  ", binding.hint.unwrap_or(binding.help)),
            theme.dim(),
        ));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

pub use crate::text::fit;
