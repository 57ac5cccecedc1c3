//! The help screen, generated from the keymap table.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::theme::Theme;
use crate::tui::keymap::{self, BINDINGS, Context};

pub fn draw(frame: &mut Frame, area: Rect, context: Context, theme: Theme) {
    let bindings: Vec<_> = BINDINGS
        .iter()
        .filter(|b| keymap::applies(b.context, context))
        .collect();
    let mut lines = vec![Line::styled(
        match context {
            Context::Walk => "Typing goes straight into the answer; Enter starts a new line.",
            Context::Table => "Type into the cell; Enter moves on to the next; ↑/↓ change rows.",
            _ => "Letters are commands here; nothing is being typed.",
        },
        theme.dim(),
    )];
    lines.push(Line::raw(""));
    // Keys that do the same thing share a line ("Ctrl-N / Ctrl-PgDn").
    let mut rows: Vec<(String, &str, keymap::Command)> = Vec::new();
    for b in &bindings {
        match rows
            .iter_mut()
            .find(|(_, _, command)| *command == b.command)
        {
            Some((keys, _, _)) => {
                keys.push_str(" / ");
                keys.push_str(b.key);
            }
            None => rows.push((b.key.to_string(), b.help, b.command)),
        }
    }
    let width = rows
        .iter()
        .map(|(k, _, _)| k.chars().count())
        .max()
        .unwrap_or(0);
    for (keys, help, _) in rows {
        lines.push(Line::from(vec![
            Span::styled(format!("{keys:>width$}  "), theme.key()),
            Span::raw(help),
        ]));
    }
    if context == Context::Walk {
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            "On a statement to rate: ←/→ or 1–4 choose; type to comment.",
            theme.dim(),
        ));
        lines.push(Line::styled(
            "Click a section or question to go there.",
            theme.dim(),
        ));
    }

    let height = (lines.len() as u16 + 2).min(area.height);
    let width = 66.min(area.width);
    let [popup] = Layout::vertical([Constraint::Length(height)])
        .flex(Flex::Center)
        .areas(area);
    let [popup] = Layout::horizontal([Constraint::Length(width)])
        .flex(Flex::Center)
        .areas(popup);
    frame.render_widget(Clear, popup);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.focus_border())
        .title(Span::styled(" Help ", theme.title()))
        .title_bottom(Span::styled(" any key closes this help ", theme.dim()));
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}
