//! Drawing a list to choose from: one option or several, and a last line for the
//! facilitator's own words.

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
    // With one choice, words being typed are the answer: the option they replace is not
    // shown chosen.
    let typing = !pick.typing.text().trim().is_empty();
    for (i, (item, chosen)) in pick.items.iter().zip(&pick.chosen).enumerate() {
        let chosen = &(*chosen && (pick.multi || !typing));
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
    // Once words are typed, they say what the line is, and take all its room.
    let label = match (pick.multi, typing) {
        (true, _) => "+ add your own: ",
        (false, false) => "+ or in your own words: ",
        (false, true) => "+ ",
    };
    let (typed, caret) = super::line::shown(&pick.typing, width.saturating_sub(label.width() + 1));
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
    // The hint wraps onto a second line only where the whole list still fits above it.
    let room = (area.height as usize).saturating_sub(lines.len()).max(1);
    let hint = hint_lines(&hint(pick), width, room.min(2));
    // The list scrolls to keep the focused line in view, above the hint.
    let height = (area.height as usize).saturating_sub(hint.len()).max(1);
    let focus_line = pick.cursor.min(lines.len().saturating_sub(1));
    let top = focus_line.saturating_sub(height.saturating_sub(1));
    let mut shown: Vec<Line> = lines.into_iter().skip(top).take(height).collect();
    shown.extend(hint.into_iter().map(|h| Line::styled(h, theme.dim())));
    frame.render_widget(Paragraph::new(shown), area);
    if let (true, Some(col)) = (focused, cursor) {
        let row = (focus_line - top) as u16;
        frame.set_cursor_position((area.x.saturating_add(super::rows(col)), area.y + row));
    }
}

/// What the keys do here, in parts that are kept whole when the hint wraps. The keys are the
/// keymap's (see `Pick::key` for what each does on a list).
fn hint(pick: &Pick) -> Vec<String> {
    let key = |typing| keymap::editing_key(typing);
    let moves = format!(
        "{}/{} move",
        key(Typing::Move(Move::Up)),
        key(Typing::Move(Move::Down))
    );
    let enter = key(Typing::Newline);
    if pick.multi {
        vec![
            moves,
            format!("Space or {enter} chooses"),
            "type to add your own".into(),
        ]
    } else if pick.on_own_line() {
        vec![
            format!("{enter} sets your words as the answer"),
            format!("{} back to the list", key(Typing::Move(Move::Up))),
        ]
    } else {
        vec![
            moves,
            format!("Space, {enter} or the number chooses"),
            format!("{} clears", key(Typing::Erase(Erase::Back))),
            "or type your own words".into(),
        ]
    }
}

/// The hint's parts joined with " · " into at most `most` lines of `width` (the last cut to
/// fit).
fn hint_lines(parts: &[String], width: usize, most: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for part in parts {
        let full = lines.len() >= most;
        match lines.last_mut() {
            Some(line) if line.width() + 3 + part.width() <= width || full => {
                line.push_str(" · ");
                line.push_str(part);
            }
            _ => lines.push(part.clone()),
        }
    }
    lines.into_iter().map(|l| fit(&l, width)).collect()
}
