//! The question asked before a charter is written: whom it is for. It lies over the bottom of
//! the screen as home's prompts do, and says what each charter leaves out, so the choice is an
//! informed one.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::theme::Theme;
use crate::export::Audience;
use crate::tui::keymap::{Command, Context};
use crate::tui::model::Model;

pub fn draw(frame: &mut Frame, area: Rect, app: &Model, theme: Theme) {
    let keys = &app.prefs.keys;
    let key = |command| keys.key_in(Context::Audience, command);
    let mut lines = vec![Line::styled("Whom is the charter for?", theme.prompt())];
    for (key, audience, about) in [
        (
            key(Command::ExportFor(Audience::Members)),
            Audience::Members,
            "what was agreed; no group notes, readiness comments, workshop notes or contacts",
        ),
        (
            key(Command::ExportFor(Audience::Sponsor)),
            Audience::Sponsor,
            "adds the readiness comments and contacts",
        ),
        (
            key(Command::ExportFor(Audience::Facilitator)),
            Audience::Facilitator,
            "everything the file holds",
        ),
    ] {
        lines.push(Line::from(vec![
            Span::styled(format!(" {key}  "), theme.key()),
            Span::raw(format!("{}: {about}", audience.name())),
        ]));
    }
    lines.push(Line::styled(
        format!(
            " {} is for {}; {} writes nothing.",
            key(Command::ExportDefault),
            app.prefs.audience.name(),
            key(Command::Back)
        ),
        theme.dim(),
    ));
    let inner = area.width.saturating_sub(2).max(1);
    let height: u16 = lines
        .iter()
        .map(|l| super::wrapped_lines(&l.to_string(), inner))
        .sum::<u16>()
        .saturating_add(2)
        .min(area.height);
    let box_area = Rect {
        y: area.bottom().saturating_sub(height),
        height,
        ..area
    };
    frame.render_widget(Clear, box_area);
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }).block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(theme.focus_border())
                .title(" Export the charter "),
        ),
        box_area,
    );
}
