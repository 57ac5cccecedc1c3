//! Learning across the constellation's communities: every learning-log entry of them all, in
//! date order — the community it came from, the problem, the follow-up (marked when it is due)
//! and whom it was shared with — and the selected entry's advice and outcome in full below.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use super::orbit::shown_name;
use super::split_top;
use super::theme::Theme;
use crate::text::{fit, pad, sanitize_line};
use crate::tui::model::orbit::Orbit;

pub fn draw(frame: &mut Frame, area: Rect, orbit: &Orbit, theme: Theme) {
    let ov = &orbit.overview;
    let entries = &orbit.learning;
    let width = area.width as usize;
    let due = entries.iter().filter(|e| e.due).count();
    let heading = format!(
        " Learning across the communities: {} {}{}",
        entries.len(),
        if entries.len() == 1 {
            "entry"
        } else {
            "entries"
        },
        match due {
            0 => String::new(),
            n => format!(", {n} follow-up{} due", if n == 1 { "" } else { "s" }),
        }
    );
    let [head, rest] = split_top(area, 2);
    frame.render_widget(Paragraph::new(Line::styled(heading, theme.prompt())), head);
    if ov.provisional {
        frame.render_widget(
            Paragraph::new(Line::styled("  Reading the learning logs…", theme.dim())),
            rest,
        );
        return;
    }
    if entries.is_empty() {
        frame.render_widget(
            Paragraph::new(Line::styled(
                "  No community of the constellation has written in its learning log yet.",
                theme.dim(),
            )),
            rest,
        );
        return;
    }
    let wide = width >= 110;
    let community = if wide { 24 } else { 14 };
    let shared = if wide { 24 } else { 12 };
    let date = 7;
    let follow = 11;
    let problem = width
        .saturating_sub(2 + date + 1 + community + 1 + 1 + follow + 1 + shared)
        .max(10);
    let header = format!(
        "  {} {} {} {} {}",
        pad("Date", date),
        pad("Community", community),
        pad("Problem", problem),
        pad("Follow-up", follow),
        "Shared with"
    );
    // The selected entry in full under the list: its advice and outcome.
    let detail_rows = 4.min(rest.height / 3);
    let list_rows = rest.height.saturating_sub(1 + detail_rows);
    let [header_area, rest] = split_top(rest, 1);
    let [list, detail] = split_top(rest, list_rows);
    frame.render_widget(
        Paragraph::new(Line::styled(fit(&header, width), theme.dim())),
        header_area,
    );
    let top = orbit
        .entry
        .saturating_sub(usize::from(list_rows).saturating_sub(1));
    let short = |d: Option<chrono::NaiveDate>| {
        d.map(|d| d.format("%-d %b").to_string())
            .unwrap_or_else(|| "—".into())
    };
    let buf = frame.buffer_mut();
    for (i, e) in entries
        .iter()
        .enumerate()
        .skip(top)
        .take(usize::from(list_rows))
    {
        let y = list.y + super::rows(i - top);
        let line_area = Rect::new(list.x, y, list.width, 1);
        let selected = i == orbit.entry && orbit.ask.is_none();
        let base = if selected {
            theme.selected()
        } else {
            Style::new()
        };
        buf.set_style(line_area, base);
        let name = ov
            .rows
            .get(e.community)
            .map(|r| shown_name(ov, &r.name))
            .unwrap_or_default();
        let follow_up = match (e.follow_up, e.due) {
            (Some(d), true) => format!("{} due", short(Some(d))),
            (d, false) => short(d),
            (None, true) => String::new(),
        };
        let pieces = [
            (
                format!(
                    "{}{} ",
                    if selected { "▶ " } else { "  " },
                    pad(&short(e.date), date)
                ),
                Style::new(),
            ),
            (
                format!("{} ", pad(&fit(&name, community), community)),
                Style::new(),
            ),
            (
                format!(
                    "{} ",
                    pad(&fit(&sanitize_line(&e.problem), problem), problem)
                ),
                Style::new(),
            ),
            (
                format!("{} ", pad(&follow_up, follow)),
                if e.due { theme.error() } else { Style::new() },
            ),
            (
                fit(
                    &e.shared()
                        .iter()
                        .map(|n| shown_name(ov, n))
                        .collect::<Vec<_>>()
                        .join(", "),
                    shared,
                ),
                theme.done(),
            ),
        ];
        let mut x = line_area.x;
        for (text, style) in pieces {
            let room = usize::from(line_area.right().saturating_sub(x));
            if room == 0 {
                break;
            }
            x = buf.set_stringn(x, y, &text, room, base.patch(style)).0;
        }
    }
    if let Some(e) = entries.get(orbit.entry) {
        let words = |label: &str, text: &str| {
            let text = if text.is_empty() { "—" } else { text };
            format!("{label}: {}", sanitize_line(text))
        };
        let mut lines = vec![Line::raw(words("Advice", &e.advice))];
        lines.push(Line::raw(words("Outcome", &e.outcome)));
        if !e.party.is_empty() {
            lines.push(Line::raw(words("Scouting party", &e.party)));
        }
        frame.render_widget(
            Paragraph::new(lines)
                .style(theme.dim())
                .wrap(Wrap { trim: true }),
            detail.inner(ratatui::layout::Margin::new(1, 0)),
        );
    }
}
