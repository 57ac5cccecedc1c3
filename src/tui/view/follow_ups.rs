//! The learning log's "follow-ups due": entries whose follow-up date has come and that have no
//! outcome yet — the learning loop closes when someone goes back and asks how it went.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::theme::Theme;
use crate::community::{Answer, Scalar};
use crate::dates;
use crate::guide::Question;
use crate::text::sanitize_line;
use crate::tui::model::walk::Walk;

pub fn draw(frame: &mut Frame, area: Rect, walk: &Walk, log: &Question, theme: Theme) {
    let due = due(walk, log);
    let mut lines = vec![
        Line::styled(format!("Follow-ups due ({})", due.len()), theme.prompt()),
        Line::styled(
            "Entries of the learning log whose follow-up date has come and that have no outcome yet. \
             Ask how it went, then write the outcome in the log (Shift-Tab).",
            theme.dim(),
        ),
        Line::raw(""),
    ];
    if due.is_empty() {
        lines.push(Line::raw("Nothing is due."));
    }
    for entry in due {
        let text = |key: &str| match entry.get(key) {
            Some(Scalar::Text(t)) => sanitize_line(t).into_owned(),
            _ => String::new(),
        };
        let when = text("follow_up");
        let when = dates::read_stored(&when).map_or(when, dates::shown);
        lines.push(Line::from(vec![
            Span::styled(when, theme.error()),
            Span::raw("  "),
            Span::styled(text("problem"), theme.prompt()),
        ]));
        let advice = text("advice");
        if !advice.is_empty() {
            lines.push(Line::styled(format!("  Advice: {advice}"), theme.dim()));
        }
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
}

/// The log's entries due for a follow-up on the walk's day, earliest first.
fn due<'w>(walk: &'w Walk, log: &Question) -> Vec<&'w crate::community::Record> {
    let Some(Answer::Records(entries)) = walk.session.community().answers.get(&log.id) else {
        return Vec::new();
    };
    let mut due: Vec<_> = entries
        .iter()
        .filter_map(|e| {
            let date = match e.get("follow_up") {
                Some(Scalar::Text(t)) => dates::read_stored(t.trim())?,
                _ => return None,
            };
            let open = match e.get("outcome") {
                Some(Scalar::Text(t)) => t.trim().is_empty(),
                _ => true,
            };
            (open && date <= walk.today).then_some((date, e))
        })
        .collect();
    due.sort_by_key(|(date, _)| *date);
    due.into_iter().map(|(_, e)| e).collect()
}
