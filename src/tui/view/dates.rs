//! Under a date answer: what the date typed reads as (or why it cannot be read), and for a next
//! meeting, the meetings after it at the chosen rhythm ([`crate::rhythm`], in the list's words
//! or the facilitator's own) with what convene understood the rhythm to be, so the dates can be
//! planned around and a misreading is seen.

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use super::theme::Theme;
use crate::community::Answer;
use crate::dates;
use crate::guide::Kind;
use crate::rhythm;
use crate::text::{fit, sanitize_line};
use crate::tui::model::walk::Walk;

/// How many meetings after the next one are listed.
const FOLLOWING: usize = 3;

/// How many columns of a cadence that cannot be counted are repeated.
const CADENCE_SHOWN: usize = 40;

pub fn draw(frame: &mut Frame, area: Rect, walk: &Walk, theme: Theme) {
    let lines = lines(walk, theme);
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), area);
}

/// The rows the date answer wants at `width`: its line, what is drawn under it, and one more,
/// as the wrap by words may take a row more than the estimate.
pub fn height(walk: &Walk, width: u16) -> u16 {
    let under = super::wrapped_height(&lines(walk, Theme::plain()), width);
    under.saturating_add(2)
}

fn lines(walk: &Walk, theme: Theme) -> Vec<Line<'static>> {
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
            if let Some(cadence) = cadence(walk) {
                lines.extend(
                    following(date, &cadence)
                        .into_iter()
                        .map(|line| Line::styled(line, theme.dim())),
                );
            }
        }
        Some(Err(err)) => lines.push(Line::styled(
            sanitize_line(&err.to_string()).into_owned(),
            theme.error(),
        )),
    }
    lines
}

/// The cadence answered in the same group (a choice question), as the file has it. Basecamps
/// "at every regular meeting" follow the community's meeting rhythm (the `cadence` answer).
fn cadence(walk: &Walk) -> Option<String> {
    let community = walk.session.community();
    let answered = |id: &str| match community.answers.get(id) {
        Some(Answer::Text(text)) if !text.trim().is_empty() => Some(text.trim().to_string()),
        _ => None,
    };
    let here = walk
        .group()
        .questions
        .iter()
        .filter(|q| q.kind == Kind::Choice)
        .find_map(|q| answered(&q.id))?;
    let regular = answered(REGULAR);
    rhythm::followed(&here, regular.as_deref()).map(str::to_string)
}

/// The question whose answer is the community's meeting rhythm.
const REGULAR: &str = "cadence";

/// What is shown under a next meeting on `first` at `cadence`: the meetings after it by the
/// rule and what convene took the words to mean, a note when the first meeting is off the
/// rule, or why the words cannot be counted — never nothing, so a rhythm convene misread or
/// could not read is seen.
pub fn following(first: NaiveDate, cadence: &str) -> Vec<String> {
    match rhythm::read(cadence) {
        Ok(rule) => {
            let after: Vec<String> = rule
                .meetings(first, FOLLOWING)
                .into_iter()
                .map(dates::shown)
                .collect();
            let mut lines = vec![format!(
                "Then, {}: {}",
                rule.describe(first),
                after.join(" · ")
            )];
            if !rule.fits(first) {
                lines.push(format!(
                    "{} itself is off this rhythm: kept as typed, the later dates follow the rhythm.",
                    dates::shown(first)
                ));
            }
            lines
        }
        Err(why) => {
            let said = fit(&sanitize_line(cadence), CADENCE_SHOWN);
            vec![format!(
                "No dates after it: convene cannot count the rhythm “{said}” ({}).",
                sanitize_line(why.reason())
            )]
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn the_dates_follow_the_rule_and_say_how_it_was_read() {
        assert_eq!(
            following(date(2026, 12, 1), "monthly"),
            [
                "Then, the first Tuesday of each month: Tue 5 Jan 2027 · Tue 2 Feb 2027 · Tue 2 Mar 2027"
            ]
        );
        let lines = following(date(2026, 12, 3), "every Tuesday");
        assert_eq!(
            lines[0],
            "Then, every Tuesday: Tue 8 Dec 2026 · Tue 15 Dec 2026 · Tue 22 Dec 2026"
        );
        assert!(
            lines[1].starts_with("Thu 3 Dec 2026 itself is off this rhythm"),
            "{lines:?}"
        );
    }

    #[test]
    fn a_rhythm_that_cannot_be_counted_says_so_safely() {
        let lines = following(date(2026, 12, 1), "whenever\u{202e} we\u{7} can");
        assert_eq!(lines.len(), 1);
        assert!(
            lines[0].starts_with("No dates after it: convene cannot count"),
            "{lines:?}"
        );
        assert!(lines[0].contains("whenever"), "{lines:?}");
        assert!(
            !lines[0].chars().any(|c| c == '\u{202e}' || c.is_control()),
            "{lines:?}"
        );
    }
}
