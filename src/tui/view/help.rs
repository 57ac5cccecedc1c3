//! The help screen, generated from the keymap table: the keys in force where it was opened
//! ([`keymap::active`]), after what the keymap says about that context.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::theme::Theme;
use crate::tui::keymap::{self, Context};

pub fn draw(frame: &mut Frame, area: Rect, context: Context, theme: Theme) {
    let bindings: Vec<_> = keymap::active(context).collect();
    let mut lines = vec![Line::styled(context.about(), theme.dim())];
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
    // One column of keys when it fits the screen's height, two side by side when it does not.
    let footer = if context == Context::Walk { 2 } else { 0 };
    let columns = if lines.len() + rows.len() + footer + 2 > area.height as usize {
        2
    } else {
        1
    };
    let per_column = rows.len().div_ceil(columns);
    // Each column is as wide as its own keys and descriptions.
    let widths: Vec<(usize, usize)> = rows
        .chunks(per_column.max(1))
        .map(|chunk| {
            let keys = chunk
                .iter()
                .map(|(k, _, _)| k.chars().count())
                .max()
                .unwrap_or(0);
            let helps = chunk
                .iter()
                .map(|(_, h, _)| h.chars().count())
                .max()
                .unwrap_or(0);
            (keys, helps)
        })
        .collect();
    for i in 0..per_column {
        let mut spans = Vec::new();
        for (c, (key_width, help_width)) in widths.iter().enumerate() {
            let Some((keys, help, _)) = rows.get(c * per_column + i) else {
                continue;
            };
            spans.push(Span::styled(format!("{keys:>key_width$}  "), theme.key()));
            let gap = if c + 1 < widths.len() { 2 } else { 0 };
            spans.push(Span::raw(format!("{help:<help_width$}{}", " ".repeat(gap))));
        }
        lines.push(Line::from(spans));
    }
    if context == Context::Walk {
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            "Click a section or question to go there.",
            theme.dim(),
        ));
    }

    let height = (lines.len() as u16 + 2).min(area.height);
    let used: usize = widths.iter().map(|(k, h)| k + 2 + h + 2).sum();
    let wanted = used.max(64) + 2;
    let width = (wanted as u16).min(area.width);
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
