//! The presenter view's cards: the contributions captured under the question on screen, with
//! their dots, and the capture line they are typed on.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::fit;
use super::theme::Theme;
use crate::text::sanitize_line;
use crate::tui::model::presenter::Presenter;
use crate::tui::model::walk::Walk;

/// Dots each person has when the facilitator has not said (`/dots N`).
pub const DEFAULT_DOTS: u32 = 3;
/// What the capture line says while nothing is typed on it.
const PLACEHOLDER: &str = "type a card (text @who) · /park · /decided · /covered · /note · /dots N";
/// What it says on a community that cannot be changed: typing there would go nowhere.
const READ_ONLY: &str = "read-only: cards cannot be added to this community";

/// How many rows the cards take: a heading and one row a card, at most `room`.
pub fn height(walk: &Walk, room: u16) -> u16 {
    let cards = super::rows(walk.question_cards().len());
    if cards == 0 {
        0
    } else {
        cards.saturating_add(1).min(room)
    }
}

/// The parking lot (open topics first) and the session log (latest last), for F3.
pub fn draw_notes(frame: &mut Frame, area: Rect, walk: &Walk, theme: Theme) {
    let workshop = &walk.session.community().workshop;
    let width = area.width as usize;
    let mut lines = vec![Line::styled(
        " Parking lot (/done N when dealt with)",
        theme.dim(),
    )];
    // Numbered as /done takes them; open topics first.
    let mut parked: Vec<_> = workshop.parking_lot.iter().enumerate().collect();
    parked.sort_by_key(|(_, p)| p.done);
    if parked.is_empty() {
        lines.push(Line::styled("   nothing parked (/park TOPIC)", theme.dim()));
    }
    for (n, p) in parked {
        let mark = if p.done { "✓" } else { " " };
        lines.push(Line::raw(fit(
            &format!("  {:>2} {mark} {}", n + 1, sanitize_line(&p.text)),
            width,
        )));
    }
    lines.push(Line::styled(" Session log", theme.dim()));
    if workshop.log.is_empty() {
        lines.push(Line::styled(
            "   nothing logged (/decided, /covered, /note)",
            theme.dim(),
        ));
    }
    // The latest entries, as many as fit under the parking lot.
    let room = (area.height as usize).saturating_sub(lines.len());
    let skip = workshop.log.len().saturating_sub(room);
    for entry in workshop.log.iter().skip(skip) {
        lines.push(Line::raw(fit(
            &format!(
                "   {} {:<8} {}",
                entry.at.format("%H:%M"),
                entry.kind.label(),
                sanitize_line(&entry.text)
            ),
            width,
        )));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// How many rows the parking lot and log want.
pub fn notes_height(walk: &Walk, room: u16) -> u16 {
    let workshop = &walk.session.community().workshop;
    let rows = 2 + workshop.parking_lot.len().max(1) + workshop.log.len().max(1);
    super::rows(rows).min(room)
}

/// The current question's cards, the selected one marked, most recent order as arranged.
pub fn draw(frame: &mut Frame, area: Rect, walk: &Walk, theme: Theme) {
    if area.height == 0 {
        return;
    }
    let workshop = &walk.session.community().workshop;
    let indices = walk.question_cards();
    let each = workshop.votes_per_person.unwrap_or(DEFAULT_DOTS);
    let given: u32 = indices.iter().map(|&i| workshop.cards[i].dots).sum();
    let width = area.width as usize;
    let rows = area.height.saturating_sub(1) as usize;
    let top = walk.card.saturating_sub(rows.saturating_sub(1));
    // A list longer than its rows says how much is out of sight, and where.
    let above = top;
    let below = indices.len().saturating_sub(top + rows);
    let more = match (above, below) {
        (0, 0) => String::new(),
        (0, below) => format!(" · {below} more below"),
        (above, 0) => format!(" · {above} more above"),
        (above, below) => format!(" · {above} above, {below} below"),
    };
    let mut lines = vec![Line::styled(
        fit(
            &format!(
                " Cards ({}) · {each} dots each · {given} given{more}",
                indices.len()
            ),
            width,
        ),
        theme.dim(),
    )];
    for (n, &i) in indices.iter().enumerate().skip(top).take(rows) {
        let card = &workshop.cards[i];
        let dots = if card.dots == 0 {
            String::new()
        } else {
            format!("{} {}", "●".repeat(card.dots.min(10) as usize), card.dots)
        };
        let promoted = if card.promoted { " ✓" } else { "" };
        let who = if card.who.is_empty() {
            String::new()
        } else {
            format!(" — {}", sanitize_line(&card.who))
        };
        let right = format!("{dots}{promoted} ");
        let left = format!(
            "{} {:>2}  {}{who}",
            if n == walk.card { "▸" } else { " " },
            n + 1,
            sanitize_line(&card.text)
        );
        let left = fit(&left, width.saturating_sub(right.width() + 1));
        let pad = width.saturating_sub(left.width() + right.width());
        let style = if n == walk.card {
            theme.selected()
        } else {
            theme.prompt()
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{left}{}", " ".repeat(pad)), style),
            Span::styled(right, theme.done()),
        ]));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// The capture line, with the terminal cursor at its caret.
pub fn draw_capture(frame: &mut Frame, area: Rect, presenter: &Presenter, theme: Theme) {
    let editing = presenter
        .editing
        .as_ref()
        .map(|e| format!(" Edit {} ▸ ", e.number));
    let label = editing.as_deref().unwrap_or(" Card ▸ ");
    let room = (area.width as usize).saturating_sub(label.width() + 1);
    // Keep the caret, where typing happens, in view.
    let (shown, caret) = super::line::shown(&presenter.capture, room);
    let read_only = presenter.walk.read_only();
    let line = if read_only {
        Line::from(vec![
            Span::styled(label, theme.dim()),
            Span::styled(fit(READ_ONLY, room), theme.error()),
        ])
    } else if shown.is_empty() {
        Line::from(vec![
            Span::styled(label, theme.prompt()),
            Span::styled(fit(PLACEHOLDER, room), theme.dim()),
        ])
    } else {
        Line::from(vec![
            Span::styled(label, theme.prompt()),
            Span::raw(shown.clone()),
        ])
    };
    frame.render_widget(Paragraph::new(line), area);
    let x = area.x.saturating_add(super::rows(label.width() + caret));
    frame.set_cursor_position((x.min(area.right().saturating_sub(1)), area.y));
}
