//! Drawing a list to choose from: one option, or several plus the facilitator's own.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::fit;
use super::theme::Theme;
use crate::text::sanitize_line;
use crate::tui::keymap::{self, Erase, Move, Typing};
use crate::tui::model::pick::Pick;

pub fn draw(frame: &mut Frame, area: Rect, pick: &Pick, focused: bool, theme: Theme) {
    if area.height == 0 {
        return;
    }
    let width = area.width as usize;
    let mut lines: Vec<Line> = Vec::new();
    for (i, (item, chosen)) in pick.items.iter().zip(&pick.chosen).enumerate() {
        let mark = match (pick.multi, *chosen) {
            (true, true) => "[x]",
            (true, false) => "[ ]",
            (false, true) => "(●)",
            (false, false) => "( )",
        };
        let number = if !pick.multi && pick.items.len() <= 9 {
            format!("{} ", i + 1)
        } else {
            String::new()
        };
        let own = if i >= pick.options {
            "  (your own)"
        } else {
            ""
        };
        let text = fit(
            &format!("{mark} {number}{}{own}", sanitize_line(item)),
            width,
        );
        let style = if i == pick.cursor {
            theme.selected()
        } else if *chosen {
            theme.done()
        } else {
            ratatui::style::Style::new()
        };
        lines.push(Line::styled(text, style));
    }
    let mut cursor = None;
    if pick.multi {
        let label = "+ add your own: ";
        let (typed, caret) =
            super::line::shown(&pick.typing, width.saturating_sub(label.width() + 1));
        let style = if pick.on_own_line() {
            theme.selected()
        } else {
            theme.dim()
        };
        lines.push(Line::from(vec![
            Span::styled(label, style),
            Span::raw(typed),
        ]));
        if pick.on_own_line() {
            cursor = Some((label.width() + caret).min(width.saturating_sub(1)));
        }
    }
    // The keys are the keymap's (see `Pick::key` for what each does on a list).
    let key = |typing| keymap::editing_key(typing);
    let moves = format!(
        "{}/{} move",
        key(Typing::Move(Move::Up)),
        key(Typing::Move(Move::Down))
    );
    let enter = key(Typing::Newline);
    let hint = if pick.multi {
        format!("{moves} · Space or {enter} chooses · type to add your own")
    } else {
        let clear = key(Typing::Erase(Erase::Back));
        format!("{moves} · Space, {enter} or the number chooses · {clear} clears")
    };
    // The list scrolls to keep the focused line in view, above the hint.
    let height = area.height.saturating_sub(1) as usize;
    let focus_line = pick.cursor.min(lines.len().saturating_sub(1));
    let top = focus_line.saturating_sub(height.saturating_sub(1));
    let mut shown: Vec<Line> = lines.into_iter().skip(top).take(height).collect();
    shown.push(Line::styled(hint, theme.dim()));
    frame.render_widget(Paragraph::new(shown), area);
    if let (true, Some(col)) = (focused, cursor) {
        let row = (focus_line - top) as u16;
        frame.set_cursor_position((area.x.saturating_add(super::rows(col)), area.y + row));
    }
}
