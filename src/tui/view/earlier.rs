//! The answer's earlier versions, over the walk: git's versions in which it changed, newest
//! first, and the one chosen beside the answer as it is now.
//!
//! Authors, commit subjects and answers all come from elsewhere (git, other people's files),
//! so every one is sanitised on the way.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::theme::Theme;
use crate::text::{fit, sanitize, sanitize_line};
use crate::tui::keymap::{Command, Context};
use crate::tui::model::Model;
use crate::tui::model::walk::Walk;
use crate::tui::model::walk::earlier::Value;

/// Below this width, then and now go one above the other.
const SIDE_BY_SIDE_MIN: u16 = 80;
/// The most versions listed at once; the list scrolls to keep the chosen one in view.
const LISTED: usize = 6;

pub fn draw(frame: &mut Frame, area: Rect, app: &Model, walk: &Walk, theme: Theme) {
    let Some(earlier) = &walk.earlier else {
        return;
    };
    let Some(then) = earlier.versions.get(earlier.selected) else {
        return;
    };
    let keys = &app.prefs.keys;
    let key = |command| keys.key_in(Context::Earlier, command).to_string();
    frame.render_widget(Clear, area);
    let asked = walk
        .question()
        .map_or_else(|| "the notes".to_string(), |q| format!("“{}”", q.prompt));
    let title = format!(
        " Earlier versions — {} of {} ",
        earlier.selected + 1,
        earlier.versions.len()
    );
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.focus_border())
        .title(Span::styled(title, theme.title()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);

    let mut head = vec![Line::styled(
        fit(&sanitize_line(&asked), width),
        theme.prompt(),
    )];
    let first = earlier.selected.saturating_sub(LISTED - 1);
    for (i, version) in earlier.versions.iter().enumerate().skip(first).take(LISTED) {
        let row = format!(
            "{} {}  {}  {}",
            if i == earlier.selected { "▸" } else { " " },
            version.when.format("%-d %b %Y %H:%M"),
            sanitize_line(&version.author),
            sanitize_line(&version.subject),
        );
        let style = if i == earlier.selected {
            theme.selected()
        } else {
            theme.dim()
        };
        head.push(Line::styled(fit(&row, width), style));
    }
    let choices = Line::from(vec![
        Span::styled(
            format!("{}/{}", key(Command::Up), key(Command::Down)),
            theme.key(),
        ),
        Span::raw(" newer/older   "),
        Span::styled(key(Command::Restore), theme.key()),
        Span::raw(" bring this one back (one undo step)   "),
        Span::styled(key(Command::Back), theme.key()),
        Span::raw(" close"),
    ]);
    let head_height = super::rows(head.len());
    let foot_height = super::wrapped_lines(&choices.to_string(), inner.width.max(1));
    let [top, rest] = super::split_top(inner, head_height + 1);
    let [panes, foot] = super::split_bottom(rest, foot_height);
    frame.render_widget(Paragraph::new(head), top);

    // A text being typed is newer than the community, which gets it on the way out.
    let now = if walk.in_text() && !walk.is_rating() {
        walk.editor_text()
    } else {
        Value::of(walk.session.community(), &earlier.place, walk.guide)
            .map(|v| v.shown())
            .unwrap_or_default()
    };
    let sides = [
        (
            format!(
                "Then: {}, {} ({})",
                then.when.format("%-d %b %H:%M"),
                sanitize_line(&then.author),
                then.commit
            ),
            then.value.shown(),
        ),
        ("Now".to_string(), now),
    ];
    let areas: [Rect; 2] = if panes.width >= SIDE_BY_SIDE_MIN {
        Layout::horizontal([Constraint::Fill(1), Constraint::Fill(1)]).areas(panes)
    } else {
        Layout::vertical([Constraint::Fill(1), Constraint::Fill(1)]).areas(panes)
    };
    for ((title, text), pane) in sides.into_iter().zip(areas) {
        let title = fit(
            &format!(" {title} "),
            usize::from(pane.width.saturating_sub(2)),
        );
        frame.render_widget(
            Paragraph::new(sanitize(&text).into_owned())
                .wrap(Wrap { trim: false })
                .block(
                    Block::default()
                        .borders(Borders::ALL)
                        .border_style(theme.border())
                        .title(title),
                ),
            pane,
        );
    }
    frame.render_widget(Paragraph::new(choices).wrap(Wrap { trim: false }), foot);
}
