//! The presenter view's cards: the contributions captured under the question on screen, with
//! their dots, under their themes once the room groups them, and the capture line they are
//! typed on.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::fit;
use super::theme::Theme;
use crate::community::{Grouped, Workshop};
use crate::text::sanitize_line;
use crate::tui::keymap::{Command, Context, Keymap};
use crate::tui::model::presenter::Presenter;
use crate::tui::model::walk::Walk;

/// Dots each person has when the facilitator has not said (`/dots N`).
pub const DEFAULT_DOTS: u32 = 3;
/// What the capture line says while nothing is typed on it.
const PLACEHOLDER: &str = "a card: text @who · /theme NAME · /park · /decided · /note · /dots N";
/// What it says on a community that cannot be changed: typing there would go nowhere.
const READ_ONLY: &str = "read-only: cards cannot be added to this community";

/// How many rows the cards want under the question in `body`: a heading line, then a row for
/// each card and the selected card whole. They take at most half of `body`, or more when the
/// selected card needs it, so long as the question keeps [`QUESTION_ROWS`].
pub fn height(walk: &Walk, body: Rect) -> u16 {
    let blocks = blocks(walk, None, body.width as usize, Theme::plain());
    if blocks.is_empty() {
        return 0;
    }
    let total: usize = blocks.iter().map(|b| b.lines.len()).sum();
    // The selected card with its theme's heading, if it has one, and the list's own line.
    let chosen = blocks.iter().position(|b| b.selected).unwrap_or(0);
    let headed = chosen > 0 && !blocks[chosen - 1].card;
    let selected = blocks.get(chosen).map_or(1, |b| b.lines.len()) + usize::from(headed);
    let half = body.height / 2;
    let whole = super::rows(selected + 1).min(body.height.saturating_sub(QUESTION_ROWS));
    super::rows(total + 1).min(half.max(whole))
}

/// The rows the question keeps however long the selected card is.
const QUESTION_ROWS: u16 = 4;

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

/// One row of the list, or several: a theme's heading, or a card (the selected one whole).
struct Block {
    lines: Vec<Line<'static>>,
    /// Whether it is a card (not a heading).
    card: bool,
    selected: bool,
}

/// The current question's cards as drawn at `width`, in the order ↑/↓ go through them: the
/// selected one marked and whole (wrapped), the others on a row each, cut with "…". Once any
/// card has a theme, each theme is a heading over its cards, with how many there are and their
/// dots, and the cards under none come last under a heading of their own.
fn blocks(walk: &Walk, editing: Option<usize>, width: usize, theme: Theme) -> Vec<Block> {
    let Some(question) = walk.question() else {
        return Vec::new();
    };
    let workshop = &walk.session.community().workshop;
    let groups = workshop.by_theme(&question.id);
    let themed = groups.iter().any(|g| g.theme.is_some());
    let mut blocks = Vec::new();
    let mut n = 0;
    for group in groups {
        if themed {
            blocks.push(heading(workshop, &group, width, theme));
        }
        for i in group.cards {
            blocks.push(card_block(walk, n, i, editing == Some(n), width, theme));
            n += 1;
        }
    }
    blocks
}

/// A theme's heading: `── Rotas · 3 cards · 5 dots ───…`.
fn heading(workshop: &Workshop, group: &Grouped, width: usize, theme: Theme) -> Block {
    let count = group.cards.len();
    let dots: u32 = group
        .cards
        .iter()
        .fold(0u32, |sum, &i| sum.saturating_add(workshop.cards[i].dots));
    let name = group
        .theme
        .map_or_else(|| "No theme".to_string(), |t| sanitize_line(t).into_owned());
    let text = format!(
        " ── {name} · {count} {} · {dots} {} ",
        if count == 1 { "card" } else { "cards" },
        if dots == 1 { "dot" } else { "dots" },
    );
    let text = fit(&text, width);
    let rule = "─".repeat(width.saturating_sub(text.width()));
    let style = if group.theme.is_some() {
        theme.title()
    } else {
        theme.dim()
    };
    Block {
        lines: vec![Line::styled(format!("{text}{rule}"), style)],
        card: false,
        selected: false,
    }
}

/// The card at `i` in the workshop, `n`th in the list.
fn card_block(walk: &Walk, n: usize, i: usize, editing: bool, width: usize, theme: Theme) -> Block {
    let workshop = &walk.session.community().workshop;
    let card = &workshop.cards[i];
    let selected = n == walk.card;
    let dots = if card.dots == 0 {
        String::new()
    } else {
        format!("{} {}", "●".repeat(card.dots.min(10) as usize), card.dots)
    };
    let promoted = if card.promoted { " ✓" } else { "" };
    let who = if card.who.is_empty() {
        String::new()
    } else {
        format!("— {}", sanitize_line(&card.who))
    };
    let right = format!("{dots}{promoted} ");
    let mark = match (selected, editing) {
        (_, true) => "✎",
        (true, false) => "▸",
        (false, false) => " ",
    };
    let lead = format!("{mark} {:>2}  ", n + 1);
    let text = sanitize_line(&card.text);
    let room = width.saturating_sub(lead.width() + right.width() + 1);
    let style = if selected {
        theme.selected()
    } else {
        theme.prompt()
    };
    let texts = if selected {
        whole(&text, &who, room)
    } else if who.is_empty() {
        vec![fit(&text, room)]
    } else {
        vec![fit(&format!("{text} {who}"), room)]
    };
    let indent = " ".repeat(lead.width());
    let lines = texts
        .into_iter()
        .enumerate()
        .map(|(row, text)| {
            let lead = if row == 0 {
                lead.as_str()
            } else {
                indent.as_str()
            };
            let right = if row == 0 { right.as_str() } else { "" };
            let left = format!("{lead}{text}");
            let pad = width.saturating_sub(left.width() + right.width());
            Line::from(vec![
                Span::styled(format!("{left}{}", " ".repeat(pad)), style),
                Span::styled(right.to_string(), theme.done()),
            ])
        })
        .collect();
    Block {
        lines,
        card: true,
        selected,
    }
}

/// A card's words wrapped to `room` columns, then who said them ("— Ana"), kept together on
/// the last line or on a line of their own.
fn whole(text: &str, who: &str, room: usize) -> Vec<String> {
    let mut lines = super::wrap::wrap(text, room);
    if who.is_empty() {
        return lines;
    }
    match lines.last_mut() {
        Some(last) if last.width() + 1 + who.width() <= room => {
            last.push(' ');
            last.push_str(who);
        }
        _ => lines.push(fit(who, room)),
    }
    lines
}

/// The current question's cards, in the facilitator's order, the selected one whole; a list
/// longer than its rows scrolls to keep the selected card in sight and says how many more
/// there are above and below.
pub fn draw(frame: &mut Frame, area: Rect, presenter: &Presenter, theme: Theme) {
    if area.height == 0 {
        return;
    }
    let walk = &presenter.walk;
    // The card being edited, by its place in the list (its number less one).
    let editing = presenter.editing.as_ref().map(|e| e.number - 1);
    let workshop = &walk.session.community().workshop;
    let indices = walk.question_cards();
    let each = workshop.votes_per_person.unwrap_or(DEFAULT_DOTS);
    let given: u32 = indices.iter().map(|&i| workshop.cards[i].dots).sum();
    let width = area.width as usize;
    let rows = area.height.saturating_sub(1) as usize;
    let blocks = blocks(walk, editing, width, theme);
    // Where each block's rows start, and the first row in view: the selected card's last row at
    // the bottom at the latest, its first (or its theme's heading just above it) at the top at
    // the earliest.
    let mut starts = Vec::with_capacity(blocks.len());
    let mut total = 0;
    for block in &blocks {
        starts.push(total);
        total += block.lines.len();
    }
    let chosen = blocks.iter().position(|b| b.selected).unwrap_or(0);
    let end =
        starts.get(chosen).copied().unwrap_or(0) + blocks.get(chosen).map_or(0, |b| b.lines.len());
    let start = match chosen.checked_sub(1) {
        Some(before) if !blocks[before].card && end - starts[before] <= rows => starts[before],
        _ => starts.get(chosen).copied().unwrap_or(0),
    };
    let top = end.saturating_sub(rows).min(start);
    // A list longer than its rows says how many cards are out of sight, and where.
    let cards_at = || {
        blocks
            .iter()
            .zip(&starts)
            .filter(|(b, _)| b.card)
            .map(|(_, &s)| s)
    };
    let above = cards_at().filter(|&s| s < top).count();
    let below = cards_at().filter(|&s| s >= top + rows).count();
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
    let cut = end > top + rows;
    lines.extend(
        blocks
            .into_iter()
            .flat_map(|b| b.lines)
            .skip(top)
            .take(rows),
    );
    if cut && let Some(last) = lines.last_mut() {
        // The selected card is longer than the rows it has: say that more of it is hidden.
        mark_cut(last, width);
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// Ends `line` with "…", to say the text goes on out of sight.
fn mark_cut(line: &mut Line<'static>, width: usize) {
    let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
    let style = line.spans.first().map(|s| s.style).unwrap_or_default();
    let shown = fit(&format!("{}…", text.trim_end()), width);
    let pad = width.saturating_sub(shown.width());
    *line = Line::styled(format!("{shown}{}", " ".repeat(pad)), style);
}

/// The capture line, with the terminal cursor at its caret.
pub fn draw_capture(
    frame: &mut Frame,
    area: Rect,
    presenter: &Presenter,
    keys: &Keymap,
    theme: Theme,
) {
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
            Span::styled(
                fit(
                    &if editing.is_some() {
                        // No words left on a card being edited: no slash word works there.
                        format!(
                            "the card's words (text @who); {} leaves it as it was",
                            keys.key_in(Context::EditCard, Command::CancelEdit)
                        )
                    } else {
                        PLACEHOLDER.to_string()
                    },
                    room,
                ),
                theme.dim(),
            ),
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
