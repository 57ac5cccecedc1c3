//! The answer being typed, drawn from convene's own layout of it ([`wrap`]): the rows the
//! keys and clicks move on are the rows drawn, the caret's row is kept in view, and the
//! terminal cursor sits at the caret so input methods place their composition window there.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use crate::text::sanitize;
use crate::tui::model::editor::Caret;
use crate::tui::model::walk::Walk;
use crate::tui::model::wrap;

/// The answer, laid out by [`wrap`] (the same rows ↑/↓ and clicks use), scrolled so the caret's
/// row is in view, with the terminal cursor put at the caret so input methods place their
/// composition window there.
pub fn draw(frame: &mut Frame, area: Rect, walk: &Walk, focused: bool) {
    let text = walk.editor.lines();
    // A tab is drawn as the spaces to its stop; anything else sanitising would change is a
    // character the terminal must not be handed (the editor keeps count as lines change).
    if walk.editor.hazardous() {
        // Text with control or invisible characters is shown neutralised (and not editable in
        // place until it is clean).
        let safe: Vec<Line> = text
            .iter()
            .map(|l| Line::raw(sanitize(l).into_owned()))
            .collect();
        frame.render_widget(Paragraph::new(safe).wrap(Wrap { trim: false }), area);
        return;
    }
    let width = usize::from(area.width);
    let height = usize::from(area.height);
    walk.drawn.area.set(area);
    let rows = walk.drawn.rows(text);
    let Caret { line, col } = walk.editor.caret();
    let caret = wrap::row_of(&rows, line, col);
    let top = wrap::follow(walk.drawn.top.get(), caret, height, rows.len());
    walk.drawn.top.set(top);
    let shown: Vec<Line> = rows
        .iter()
        .skip(top)
        .take(height)
        .map(|r| Line::raw(wrap::shown(&text[r.line], *r, width)))
        .collect();
    frame.render_widget(Paragraph::new(shown), area);
    if focused && area.width > 0 {
        let x = area.x + super::rows(wrap::column(&text[line], rows[caret], col, width));
        let y = area.y + super::rows(caret - top);
        if y < area.bottom() {
            frame.set_cursor_position((x, y));
            if x < area.right() {
                frame.buffer_mut()[(x, y)].set_style(Style::new().add_modifier(Modifier::REVERSED));
            }
        }
    }
}
