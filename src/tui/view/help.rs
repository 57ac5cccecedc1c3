//! The help screen, generated from the keymap's tables: the commands in force where it was
//! opened ([`keymap::active`]), after what the keymap says about that context; and where text is
//! typed, a second page (F1 again) of the editing keys ([`keymap::EDITING`]).

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::theme::Theme;
use crate::tui::keymap::{self, Context};
use crate::tui::model::{Help, Model};

/// Keys that do the same thing share a line ("Ctrl-N / Ctrl-PgDn"): `(what it does, key, help)`
/// in table order become `(keys, help)`.
fn merged<'k, T: PartialEq>(
    keys: impl Iterator<Item = (T, &'k str, &'static str)>,
) -> Vec<(String, &'static str)> {
    let mut rows: Vec<(String, &'static str, T)> = Vec::new();
    for (does, key, help) in keys {
        match rows.iter_mut().find(|(_, _, d)| *d == does) {
            Some((keys, _, _)) => {
                keys.push_str(" / ");
                keys.push_str(key);
            }
            None => rows.push((key.to_string(), help, does)),
        }
    }
    rows.into_iter()
        .map(|(keys, help, _)| (keys, help))
        .collect()
}

pub fn draw(frame: &mut Frame, area: Rect, app: &Model, page: Help, theme: Theme) {
    let context = app.context();
    let (about, rows, title) = match page {
        Help::Commands => (
            context.about(&app.prefs.keys),
            merged(
                app.prefs
                    .keys
                    .active(context)
                    .map(|b| (b.command, &*b.key, b.help)),
            ),
            " Help ",
        ),
        Help::Editing => (
            "Editing keys, wherever text is typed; every other key types its character."
                .to_string(),
            merged(
                keymap::EDITING
                    .iter()
                    .filter(|e| !e.help.is_empty())
                    .map(|e| (e.help, e.key, e.help)),
            ),
            " Help: editing keys ",
        ),
    };
    let rows: Vec<(String, &str, ())> = rows.into_iter().map(|(k, h)| (k, h, ())).collect();
    let inner_width = usize::from(area.width.saturating_sub(2)).max(1);
    // The first line wraps (it is a sentence); the keys never do.
    let about_rows = usize::from(super::wrapped_lines(&about, super::rows(inner_width)));
    let footer = if context == Context::Walk && page == Help::Commands {
        2
    } else {
        0
    };
    // Each column is as wide as its own keys and descriptions.
    let widths_of = |columns: usize| -> Vec<(usize, usize)> {
        rows.chunks(rows.len().div_ceil(columns).max(1))
            .map(|chunk| {
                let keys = chunk.iter().map(|(k, _, _)| k.chars().count()).max();
                let helps = chunk.iter().map(|(_, h, _)| h.chars().count()).max();
                (keys.unwrap_or(0), helps.unwrap_or(0))
            })
            .collect()
    };
    let used = |widths: &[(usize, usize)]| widths.iter().map(|(k, h)| k + 2 + h + 2).sum::<usize>();
    // One column of keys when it fits the screen's height; two side by side when it does not
    // and they fit the width whole; otherwise one column that scrolls. A description is cut
    // only where even one column is wider than the screen.
    let room = usize::from(area.height.saturating_sub(2));
    let two = widths_of(2);
    let columns = if about_rows + 1 + rows.len() + footer > room && used(&two) <= inner_width + 2 {
        2
    } else {
        1
    };
    let per_column = rows.len().div_ceil(columns);
    let mut widths = widths_of(columns);
    // Narrower than that, the descriptions give way (each ending in "…"), never the keys.
    while used(&widths) > inner_width + 2 {
        let Some(widest) = widths.iter_mut().max_by_key(|(_, h)| *h) else {
            break;
        };
        if widest.1 <= 8 {
            break;
        }
        widest.1 -= 1;
    }
    let mut lines = vec![Line::styled(about.clone(), theme.dim())];
    lines.push(Line::raw(""));
    for i in 0..per_column {
        let mut spans = Vec::new();
        for (c, (key_width, help_width)) in widths.iter().enumerate() {
            let Some((keys, help, _)) = rows.get(c * per_column + i) else {
                continue;
            };
            spans.push(Span::styled(format!("{keys:>key_width$}  "), theme.key()));
            let gap = if c + 1 < widths.len() { 2 } else { 0 };
            let help = super::fit(help, *help_width);
            let pad = help_width.saturating_sub(help.chars().count()) + gap;
            spans.push(Span::raw(format!("{help}{}", " ".repeat(pad))));
        }
        lines.push(Line::from(spans));
    }
    if context == Context::Walk && page == Help::Commands {
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            "Click a section or question to go there.",
            theme.dim(),
        ));
    }

    let total = lines.len() + about_rows.saturating_sub(1);
    let overflow = total.saturating_sub(room);
    app.help_overflow.set(overflow);
    let scroll = app.help_scroll.get().min(overflow);
    app.help_scroll.set(scroll);
    let height = super::rows((total + 2).min(usize::from(area.height)));
    // The widest of what the bottom line can say while scrolling, so the box keeps its width.
    let bottom_width;
    let bottom = {
        let more = match (overflow, scroll) {
            (0, _) => "",
            (o, s) if s >= o => "↑ back up · ",
            (_, 0) => "↓ more · ",
            _ => "↑/↓ more · ",
        };
        let closes = if page == Help::Commands && context.takes_typing() {
            format!(
                "{} the editing keys · any other key closes this help",
                app.prefs.keys.key_for(keymap::Command::Help)
            )
        } else if overflow > 0 {
            "any other key closes this help".to_string()
        } else {
            "any key closes this help".to_string()
        };
        bottom_width = closes.chars().count() + if overflow > 0 { 14 } else { 2 };
        format!(" {more}{closes} ")
    };
    // As wide as the keys, the first line and what the bottom line says.
    let wanted = used(&widths)
        .max(about.chars().count())
        .max(bottom_width)
        .max(64)
        + 2;
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
        .title(Span::styled(title, theme.title()))
        .title_bottom(Span::styled(bottom, theme.dim()));
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((super::rows(scroll), 0))
            .block(block),
        popup,
    );
}
