//! A conflict to settle, over the walk: where it is, yours beside theirs, and what both
//! started from.
//!
//! Side by side when the terminal is wide enough for two readable columns, one above the other
//! when it is not. Every word shown came from a file (someone else's, even), so all of it is
//! sanitised on the way.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::theme::Theme;
use crate::merge::{self, Place};
use crate::text::{sanitize, sanitize_line};
use crate::tui::keymap::{Command, Context};
use crate::tui::model::Model;
use crate::tui::model::walk::{Walk, conflict_label};

/// Below this width, yours and theirs go one above the other.
const SIDE_BY_SIDE_MIN: u16 = 80;

pub fn draw(frame: &mut Frame, area: Rect, app: &Model, walk: &Walk, theme: Theme) {
    let Some((at, conflict)) = walk.settling() else {
        return;
    };
    let keys = &app.prefs.keys;
    let key = |command| keys.key_in(Context::Settle, command).to_string();
    let left = walk.conflicts.list.len();
    frame.render_widget(Clear, area);
    let title = format!(" Changed on both sides — {} of {left} ", at + 1);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.focus_border())
        .title(Span::styled(title, theme.title()));
    let inner = block.inner(area);
    frame.render_widget(block, area);

    let mut head = vec![Line::styled(
        sanitize_line(&conflict_label(&conflict.place, walk.guide)).into_owned(),
        theme.prompt(),
    )];
    head.push(Line::styled(
        "Changed on your side and on theirs, differently. Both are kept in the file until you \
         settle it.",
        theme.dim(),
    ));
    let both = merge::can_keep_both(&conflict.place, walk.guide);
    let mut choices = vec![
        Span::styled(key(Command::KeepMine), theme.key()),
        Span::raw(" keep yours   "),
        Span::styled(key(Command::KeepTheirs), theme.key()),
        Span::raw(" keep theirs   "),
    ];
    if both {
        choices.push(Span::styled(key(Command::KeepBoth), theme.key()));
        choices.push(Span::raw(" keep both, then edit them into one   "));
    }
    if left > 1 {
        choices.push(Span::styled(
            format!("{}/{}", key(Command::Up), key(Command::Down)),
            theme.key(),
        ));
        choices.push(Span::raw(" the others   "));
    }
    choices.push(Span::styled(key(Command::Back), theme.key()));
    choices.push(Span::raw(" later"));
    let choices = Line::from(choices);

    let width = inner.width.max(1);
    let head_height: u16 = head
        .iter()
        .map(|l| super::wrapped_lines(&l.to_string(), width))
        .sum();
    let base = side(conflict.base.as_deref(), &conflict.place);
    let base_line = Line::from(vec![
        Span::styled("Before either change: ", theme.dim()),
        Span::styled(sanitize_line(&base).into_owned(), theme.dim()),
    ]);
    let foot_height = super::wrapped_lines(&choices.to_string(), width)
        + super::wrapped_lines(&base_line.to_string(), width).min(2);
    let [top, rest] = super::split_top(inner, head_height + 1);
    let [sides, foot] = super::split_bottom(rest, foot_height + 1);
    frame.render_widget(Paragraph::new(head).wrap(Wrap { trim: false }), top);

    // Yours as the community holds it now (edited since the merge, perhaps), theirs as it came.
    let yours = merge::current(walk.session.community(), &conflict.place, walk.guide)
        .or_else(|| conflict.mine.clone());
    let panes = [
        (
            "Yours (in the answer now)",
            side(yours.as_deref(), &conflict.place),
        ),
        (
            "Theirs (came in)",
            side(conflict.theirs.as_deref(), &conflict.place),
        ),
    ];
    let areas: [Rect; 2] = if sides.width >= SIDE_BY_SIDE_MIN {
        Layout::horizontal([Constraint::Fill(1), Constraint::Fill(1)]).areas(sides)
    } else {
        Layout::vertical([Constraint::Fill(1), Constraint::Fill(1)]).areas(sides)
    };
    for ((title, text), pane) in panes.into_iter().zip(areas) {
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border())
            .title(format!(" {title} "));
        frame.render_widget(
            Paragraph::new(sanitize(&text).into_owned())
                .wrap(Wrap { trim: false })
                .block(block),
            pane,
        );
    }
    let [_, foot] = super::split_top(foot, 1);
    frame.render_widget(
        Paragraph::new(vec![base_line, choices]).wrap(Wrap { trim: false }),
        foot,
    );
}

/// One side of a conflict as it is shown: what a missing value means at this place.
fn side(value: Option<&str>, place: &Place) -> String {
    match value {
        Some(text) => text.to_string(),
        None if matches!(place, Place::Row { .. }) => "(the row deleted)".to_string(),
        None => "(nothing)".to_string(),
    }
}

/// The walk's header says how many are left while the list is closed.
pub fn waiting(walk: &Walk, app: &Model) -> Option<String> {
    if walk.conflicts.list.is_empty() || walk.conflicts.shown.is_some() {
        return None;
    }
    let key = app.prefs.keys.key_in(Context::Walk, Command::Settle);
    Some(match walk.conflicts.list.len() {
        1 => format!("1 to settle ({key}) "),
        n => format!("{n} to settle ({key}) "),
    })
}
