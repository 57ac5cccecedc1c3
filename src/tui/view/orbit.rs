//! The constellation overview: its communities side by side in a grid (progress, the readiness
//! verdict of each group, stage, next step, overdue steps), a legend, and the people who bridge
//! them; or, on its second page, the learning across them ([`super::learning`]).
//!
//! The grid fits 80 columns by giving the verdicts one mark each (numbered in the legend) and
//! dates their short form; wider, names and stages get the room, and dates their weekday and
//! year. Every word that came from a file is sanitised on its way to the screen.

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::theme::Theme;
use super::{split_bottom, split_top};
use crate::community::readiness::Verdict;
use crate::constellation::overview::{Found, Overview, Row};
use crate::text::{fit, pad, sanitize_line};
use crate::tui::keymap::{Command, Context};
use crate::tui::model::orbit::{Ask, Orbit, Page};
use crate::tui::model::{Model, Target};

/// The mark of a verdict in the grid.
pub fn mark(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Strong => "✓",
        Verdict::Mixed => "~",
        Verdict::Weak => "✗",
        Verdict::Unrated => "·",
    }
}

/// A readiness group in a word or two, for the legend.
fn short(id: &str, title: &str) -> String {
    match id {
        "good_domain" => "domain".into(),
        "community_seen" => "community".into(),
        "practice_meaningful" => "practice".into(),
        "doing_together" => "doing together".into(),
        "conversations" => "conversations".into(),
        "group_dynamics" => "group dynamics".into(),
        _ => fit(&sanitize_line(title), 16),
    }
}

/// A community's name without the constellation's own name in front ("SIPS: Citizenship" in
/// SIPS is "Citizenship"): the grid is about what tells them apart.
pub fn shown_name(overview: &Overview, name: &str) -> String {
    let name = sanitize_line(name).into_owned();
    let lead = format!("{}: ", sanitize_line(&overview.name));
    match name.strip_prefix(&lead) {
        Some(rest) if !rest.trim().is_empty() => rest.to_string(),
        _ => name,
    }
}

pub fn draw(frame: &mut Frame, area: Rect, app: &Model, orbit: &Orbit, theme: Theme) {
    let ask_height = match &orbit.ask {
        Some(Ask::Sibling(_)) => 3,
        Some(Ask::ShareWith { choices, .. }) => (choices.len() as u16 + 3).min(area.height / 2),
        None => 0,
    };
    let [body, ask] = split_bottom(area, ask_height);
    let ov = &orbit.overview;
    let count = ov.rows.len();
    let title = Line::from(vec![
        Span::styled(format!(" ◆ {} ", sanitize_line(&ov.name)), theme.title()),
        Span::styled(
            format!(
                "· a constellation of {count} {}{}",
                if count == 1 {
                    "community"
                } else {
                    "communities"
                },
                match ov.broken_links() {
                    0 => String::new(),
                    n => format!(" · {n} not where it says"),
                }
            ),
            theme.dim(),
        ),
    ]);
    let [head, rest] = split_top(body, 1);
    frame.render_widget(Paragraph::new(title), head);
    match orbit.page {
        Page::Grid => grid_page(frame, rest, app, orbit, theme),
        Page::Learning => super::learning::draw(frame, rest, orbit, theme),
    }
    match &orbit.ask {
        Some(Ask::Sibling(name)) => {
            let block = Block::default()
                .borders(Borders::ALL)
                .border_style(theme.focus_border());
            let inner = block.inner(ask);
            let label = "Name of the new community: ";
            let room = (inner.width.saturating_sub(1) as usize)
                .saturating_sub(unicode_width::UnicodeWidthStr::width(label));
            let (shown, caret) = super::line::shown(name, room);
            frame.render_widget(Paragraph::new(format!("{label}{shown}")).block(block), ask);
            let caret = super::rows(unicode_width::UnicodeWidthStr::width(label) + caret);
            frame
                .set_cursor_position((inner.x + caret.min(inner.width.saturating_sub(1)), inner.y));
        }
        Some(Ask::ShareWith {
            entry,
            choices,
            selected,
        }) => {
            let problem = orbit
                .learning
                .get(*entry)
                .map(|e| sanitize_line(&e.problem).into_owned())
                .unwrap_or_default();
            let key = |command| app.prefs.keys.key_in(Context::Pick, command);
            let mut lines = vec![Line::raw(format!(
                "Shared \"{}\" with which community? ({}/{}, {}, {})",
                fit(&problem, 40),
                key(Command::Up),
                key(Command::Down),
                key(Command::Confirm),
                key(Command::Back),
            ))];
            for (i, &row) in choices.iter().enumerate() {
                let name = ov
                    .rows
                    .get(row)
                    .map(|r| shown_name(ov, &r.name))
                    .unwrap_or_default();
                let marker = if i == *selected { "▶ " } else { "  " };
                let style = if i == *selected {
                    theme.selected()
                } else {
                    Style::new()
                };
                lines.push(Line::styled(format!("{marker}{name}"), style));
            }
            let block = Block::default()
                .borders(Borders::ALL)
                .border_style(theme.focus_border());
            frame.render_widget(Paragraph::new(lines).block(block), ask);
        }
        None => {}
    }
}

/// The grid's columns, as wide as the terminal allows.
struct Widths {
    name: usize,
    stage: usize,
    long_dates: bool,
}

impl Widths {
    fn of(width: usize, groups: usize) -> Widths {
        let wide = width >= 110;
        let stage = if wide { 15 } else { 11 };
        let w = Widths {
            name: 0,
            stage,
            long_dates: wide,
        };
        // The marker, the gap after the name, answered, verdicts, stage, next step, late.
        let fixed = 2 + 2 + 9 + groups * 2 + 1 + stage + 1 + w.date_width() + 5;
        Widths {
            name: width.saturating_sub(fixed).clamp(10, 44),
            ..w
        }
    }

    fn date_width(&self) -> usize {
        if self.long_dates { 16 } else { 9 }
    }

    fn date(&self, day: NaiveDate) -> String {
        if self.long_dates {
            crate::dates::shown(day)
        } else {
            day.format("%-d %b").to_string()
        }
    }
}

fn grid_page(frame: &mut Frame, area: Rect, app: &Model, orbit: &Orbit, theme: Theme) {
    let ov = &orbit.overview;
    let width = area.width as usize;
    let w = Widths::of(width, ov.groups.len());
    // The shared purpose: a line or two, the rest is in the charter.
    let purpose = ov
        .shared_purpose
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let purpose_rows = if purpose.is_empty() {
        0
    } else {
        2.min(area.height / 6).max(1)
    };
    let [purpose_area, rest] = split_top(area, purpose_rows);
    if purpose_rows > 0 {
        frame.render_widget(
            Paragraph::new(Span::styled(
                sanitize_line(&purpose).into_owned(),
                theme.dim(),
            ))
            .wrap(Wrap { trim: true }),
            purpose_area.inner(ratatui::layout::Margin::new(1, 0)),
        );
    }
    let legend = legend(ov);
    let legend_rows = super::wrapped_lines(&legend, area.width);
    let bridges = bridge_lines(ov, width);
    let fixed = 2 + legend_rows; // a blank and the header, the legend
    let room = rest.height.saturating_sub(fixed);
    // The grid first; the bridges get what is left, at least their heading and a line.
    let want_bridges = (bridges.len() as u16 + 1).min(room / 3).max(2.min(room));
    let grid_rows = (ov.rows.len() as u16)
        .min(room.saturating_sub(want_bridges))
        .max(1.min(room));
    let [_, rest] = split_top(rest, 1);
    let [header, rest] = split_top(rest, 1);
    let [grid, rest] = split_top(rest, grid_rows);
    let [legend_area, rest] = split_top(rest, legend_rows);
    // The same widths as each row's (see `grid_row`).
    let head = format!(
        "  {}  {:>8} {} {} {}{:>5}",
        pad("Community", w.name),
        "Answered",
        (1..=ov.groups.len())
            .map(|i| format!("{i} "))
            .collect::<String>(),
        pad("Stage", w.stage),
        pad("Next step", w.date_width()),
        "Late"
    );
    frame.render_widget(
        Paragraph::new(Span::styled(fit(&head, width), theme.dim())),
        header,
    );
    let top = orbit
        .selected
        .saturating_sub(usize::from(grid_rows).saturating_sub(1));
    let buf = frame.buffer_mut();
    for (i, row) in ov
        .rows
        .iter()
        .enumerate()
        .skip(top)
        .take(usize::from(grid_rows))
    {
        let line_area = Rect::new(grid.x, grid.y + super::rows(i - top), grid.width, 1);
        app.hits.borrow_mut().push((line_area, Target::OrbitRow(i)));
        let selected = i == orbit.selected && orbit.ask.is_none();
        let spans = grid_row(ov, row, &w, app.today, selected, theme);
        let base = if selected {
            theme.selected()
        } else {
            Style::new()
        };
        buf.set_style(line_area, base);
        let mut x = line_area.x;
        for (text, style) in spans {
            let room = usize::from(line_area.right().saturating_sub(x));
            if room == 0 {
                break;
            }
            let (nx, _) = buf.set_stringn(x, line_area.y, &text, room, base.patch(style));
            x = nx;
        }
    }
    frame.render_widget(
        Paragraph::new(Span::styled(legend, theme.dim())).wrap(Wrap { trim: true }),
        legend_area,
    );
    let [_, bridges_area] = split_top(rest, 1.min(rest.height));
    let heading = if ov.provisional {
        "Bridges: reading the people tables…"
    } else {
        "Bridges: people in more than one community"
    };
    let mut lines = vec![Line::styled(heading, theme.prompt())];
    if bridges.is_empty() && !ov.provisional {
        lines.push(Line::styled(
            "  Nobody yet: the people tables name no one twice.",
            theme.dim(),
        ));
    }
    // What does not fit is counted, never cut off unsaid.
    let room = usize::from(bridges_area.height).saturating_sub(1);
    let total = bridges.len();
    if total > room && room > 0 {
        lines.extend(bridges.into_iter().take(room - 1));
        lines.push(Line::styled(
            format!(
                "  … and {} more (a taller window, or the constellation charter: x)",
                total - (room - 1)
            ),
            theme.dim(),
        ));
    } else {
        lines.extend(bridges);
    }
    frame.render_widget(Paragraph::new(lines), bridges_area);
}

/// One community's row, as pieces of text with their styles.
fn grid_row(
    ov: &Overview,
    row: &Row,
    w: &Widths,
    today: NaiveDate,
    selected: bool,
    theme: Theme,
) -> Vec<(String, Style)> {
    let marker = if selected { "▶ " } else { "  " };
    let name = pad(&fit(&shown_name(ov, &row.name), w.name), w.name);
    let mut out = vec![(format!("{marker}{name}  "), Style::new())];
    let problem = match &row.found {
        Found::Missing => Some(format!(
            "missing: {} is not in the folder",
            sanitize_line(&row.member.file)
        )),
        Found::Unreadable(reason) => Some(format!("unreadable: {}", sanitize_line(reason))),
        Found::Here | Found::Moved => None,
    };
    if let Some(problem) = problem {
        out.push((problem, theme.error()));
        return out;
    }
    let answered = row
        .progress
        .map(|p| format!("{}/{}", p.answered, p.total))
        .unwrap_or_default();
    out.push((format!("{answered:>8} "), Style::new()));
    if ov.provisional {
        // From the index: the rest comes once the community is read, a moment later.
        out.push(("reading…".to_string(), theme.dim()));
        return out;
    }
    for verdict in &row.verdicts {
        let style = match verdict {
            Verdict::Weak => theme.error(),
            Verdict::Strong => theme.done(),
            _ => Style::new(),
        };
        out.push((format!("{} ", mark(*verdict)), style));
    }
    let stage = row
        .stage
        .as_deref()
        .map(|s| sanitize_line(s).into_owned())
        .unwrap_or_else(|| "—".into());
    out.push((
        format!(" {} ", pad(&fit(&stage, w.stage), w.stage)),
        Style::new(),
    ));
    let date_width = w.date_width();
    let (next, next_style) = match &row.next_step {
        Some(step) if step.is_overdue(today) => (w.date(step.due), theme.error()),
        Some(step) => (w.date(step.due), Style::new()),
        None => ("—".to_string(), theme.dim()),
    };
    out.push((pad(&next, date_width), next_style));
    let late = match row.overdue {
        0 => ("    ·".to_string(), theme.dim()),
        n => (format!(" ! {n:>2}"), theme.error()),
    };
    out.push(late);
    out
}

/// The legend under the grid: each group's number and name, and the marks.
fn legend(ov: &Overview) -> String {
    if ov.provisional {
        return "Reading the communities for their readiness, stage and overdue steps…".into();
    }
    let groups: Vec<String> = ov
        .groups
        .iter()
        .enumerate()
        .map(|(i, g)| format!("{} {}", i + 1, short(&g.id, &g.title)))
        .collect();
    format!(
        "Readiness: {} — ✓ strong, ~ mixed, ✗ weak, · not rated. Late: plan steps overdue.",
        groups.join(" · ")
    )
}

/// The bridges, one line each: the person, whether they weave, and their communities.
fn bridge_lines(ov: &Overview, width: usize) -> Vec<Line<'static>> {
    let mut lines: Vec<Line> = ov
        .bridges
        .iter()
        .map(|b| {
            let names: Vec<String> = b
                .communities
                .iter()
                .filter_map(|&i| ov.rows.get(i))
                .map(|r| shown_name(ov, &r.name))
                .collect();
            let weaver = if b.weaver { " (weaver)" } else { "" };
            Line::raw(fit(
                &format!(
                    "  {}{weaver} — {}",
                    sanitize_line(&b.name),
                    names.join(", ")
                ),
                width,
            ))
        })
        .collect();
    for (name, i) in &ov.weavers {
        let community = ov
            .rows
            .get(*i)
            .map(|r| shown_name(ov, &r.name))
            .unwrap_or_default();
        lines.push(Line::raw(fit(
            &format!("  {} (weaver) — {community} only", sanitize_line(name)),
            width,
        )));
    }
    lines
}
