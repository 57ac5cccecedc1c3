//! Under a date answer: what the date typed reads as (or why it cannot be read), and for a next
//! meeting, the meetings after it at the chosen rhythm, so the dates can be planned around.

use chrono::{Days, Months, NaiveDate};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use super::theme::Theme;
use crate::community::Answer;
use crate::dates;
use crate::guide::Kind;
use crate::text::sanitize_line;
use crate::tui::model::walk::Walk;

/// How many meetings after the next one are listed.
const FOLLOWING: usize = 3;

pub fn draw(frame: &mut Frame, area: Rect, walk: &Walk, theme: Theme) {
    let mut lines = Vec::new();
    match walk.date_reading() {
        None => lines.push(Line::styled(
            "Type a date: 2026-12-01, 1 Dec, +2w, next monday…",
            theme.dim(),
        )),
        Some(Ok(date)) => {
            lines.push(Line::styled(
                format!("→ {}", dates::shown(date)),
                theme.done(),
            ));
            if let Some((cadence, after)) = rhythm(walk, date) {
                let listed: Vec<String> = after.iter().map(|d| dates::shown(*d)).collect();
                lines.push(Line::styled(
                    format!("Then, {cadence}: {}", listed.join(" · ")),
                    theme.dim(),
                ));
            }
        }
        Some(Err(err)) => lines.push(Line::styled(
            sanitize_line(&err.to_string()).into_owned(),
            theme.error(),
        )),
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), area);
}

/// The cadence chosen in the same group (a choice question), and the meetings it gives after
/// `first`.
fn rhythm(walk: &Walk, first: NaiveDate) -> Option<(String, Vec<NaiveDate>)> {
    let community = walk.session.community();
    let cadence = walk
        .group()
        .questions
        .iter()
        .filter(|q| q.kind == Kind::Choice)
        .find_map(|q| match community.answers.get(&q.id) {
            Some(Answer::Text(text)) => Some(text.trim().to_string()),
            _ => None,
        })?;
    let after = following(first, &cadence)?;
    Some((sanitize_line(&cadence).into_owned(), after))
}

/// The next meetings after `first` at `cadence` ("weekly", "every two weeks", "monthly",
/// "every two months", "quarterly"); `None` for a cadence convene cannot count. Months are
/// counted from the first date, so 31 Jan gives 28 Feb and then 31 Mar.
pub fn following(first: NaiveDate, cadence: &str) -> Option<Vec<NaiveDate>> {
    enum Step {
        Days(u64),
        Months(u32),
    }
    let step = match cadence.trim() {
        "weekly" => Step::Days(7),
        "every two weeks" => Step::Days(14),
        "monthly" => Step::Months(1),
        "every two months" => Step::Months(2),
        "quarterly" => Step::Months(3),
        _ => return None,
    };
    (1..=FOLLOWING)
        .map(|n| match step {
            Step::Days(days) => first.checked_add_days(Days::new(days * n as u64)),
            Step::Months(months) => first.checked_add_months(Months::new(months * n as u32)),
        })
        .collect()
}
