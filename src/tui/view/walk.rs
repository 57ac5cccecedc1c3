//! The walk screen: an outline of sections with progress on the left; on the right the question,
//! its guidance, the rating choices for a statement, and the answer editor.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::fit;
use super::theme::Theme;
use crate::community::RatingValue;
use crate::community::readiness::{self, Verdict};
use crate::text::sanitize_line;
use crate::tui::keymap::{self, Command, Context, Keymap, Move, Typing};
use crate::tui::model::walk::{Guidance, Input, RatingFocus, Slot, Walk};
use crate::tui::model::{Model, Target, wrap};

/// The outline is shown only when there is room for it beside a comfortable answer.
const OUTLINE_WIDTH: u16 = 28;
const OUTLINE_MIN_TOTAL: u16 = 76;
/// The answer box never shrinks below this (borders included), whatever the guidance needs.
const EDITOR_MIN_HEIGHT: u16 = 6;
/// A table keeps its header, a few rows and its input lines in view.
const TABLE_MIN_HEIGHT: u16 = 10;
/// A list to choose from keeps a few options in view.
const PICK_MIN_HEIGHT: u16 = 8;

pub fn draw(frame: &mut Frame, area: Rect, app: &Model, walk: &Walk, theme: Theme) {
    let [header, body] = super::split_top(area, 2);
    draw_header(frame, header, app, walk, theme);
    let (outline, main) = if body.width >= OUTLINE_MIN_TOTAL {
        let [o, m] =
            Layout::horizontal([Constraint::Length(OUTLINE_WIDTH), Constraint::Min(1)]).areas(body);
        (Some(o), m)
    } else {
        (None, body)
    };
    if let Some(outline) = outline {
        draw_outline(frame, outline, app, walk, theme);
    }
    draw_question(frame, main, app, walk, theme);
    if walk.settling().is_some() {
        super::settle::draw(frame, body, app, walk, theme);
    } else if walk.earlier.is_some() {
        super::earlier::draw(frame, body, app, walk, theme);
    }
}

fn draw_header(frame: &mut Frame, area: Rect, app: &Model, walk: &Walk, theme: Theme) {
    let community = walk.session.community();
    let (answered, total) = walk.progress();
    let field = walk.field();
    let (q, q_total) = walk.question_position();
    let place = match walk.field().slot {
        Slot::Question(_) => format!("Question {q}/{q_total}"),
        Slot::Notes => "Notes".to_string(),
        Slot::Summary => "Summary".to_string(),
        Slot::FollowUps(_) => "Follow-ups due".to_string(),
    };
    let name = sanitize_line(&community.name);
    let right = format!("{answered}/{total} answered ");
    let waiting = super::settle::waiting(walk, app);
    let timer = super::timebox::label(app, theme);
    let left_width = (area.width as usize).saturating_sub(right.len() + 1);
    let line1 = Line::from(vec![Span::styled(
        fit(&format!(" {name}"), left_width),
        theme.title(),
    )]);
    let line2 = Line::from(vec![
        Span::styled(
            format!(
                " Section {}/{} · {} · {place}",
                field.section + 1,
                walk.guide.sections.len(),
                walk.section().title
            ),
            theme.prompt(),
        ),
        Span::raw("  "),
        Span::styled(right, theme.dim()),
    ]);
    let mut line2 = line2;
    if let Some(waiting) = waiting {
        line2.spans.push(Span::styled(waiting, theme.error()));
    }
    let mut line1 = line1;
    if let Some(timer) = timer {
        // The timebox sits at the right of the first line, where the room can find it.
        let used = line1.width();
        let pad = (area.width as usize).saturating_sub(used + timer.content.chars().count());
        line1.spans.push(Span::raw(" ".repeat(pad)));
        line1.spans.push(timer);
    }
    frame.render_widget(Paragraph::new(vec![line1, line2]), area);
}

fn draw_outline(frame: &mut Frame, area: Rect, app: &Model, walk: &Walk, theme: Theme) {
    let block = Block::default()
        .borders(Borders::RIGHT)
        .border_style(theme.border());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = inner.width as usize;
    let current = walk.field();
    // (line, target) pairs; the list scrolls to keep the current field visible.
    let mut rows: Vec<(Line, Target)> = Vec::new();
    let mut current_row = 0;
    for (s, section) in walk.guide.sections.iter().enumerate() {
        let (done, total) = walk.section_progress(s);
        let count = format!("{done}/{total}");
        let title = fit(&section.title, width.saturating_sub(count.len() + 3));
        let pad = width.saturating_sub(title.chars().count() + count.len() + 2);
        let style = if s == current.section {
            theme.prompt()
        } else {
            theme.dim()
        };
        let marker = if s == current.section { "▾" } else { "▸" };
        rows.push((
            Line::styled(format!("{marker} {title}{}{count}", " ".repeat(pad)), style),
            Target::Section(s),
        ));
        if s != current.section {
            continue;
        }
        let mut entries: Vec<(usize, &str, String)> = Vec::new();
        for (i, field) in walk
            .fields
            .iter()
            .enumerate()
            .filter(|(_, f)| f.section == s)
        {
            let group = &section.groups[field.group];
            let (mark, label) = match field.slot {
                Slot::Question(q) => {
                    let question = &group.questions[q];
                    let answered = walk.is_answered(&question.id);
                    (if answered { "✓" } else { "·" }, question.prompt.clone())
                }
                Slot::Notes => {
                    let has = walk.session.community().notes.contains_key(&group.id);
                    (
                        if has { "✎" } else { " " },
                        format!("Notes: {}", group.title),
                    )
                }
                Slot::Summary => ("Σ", "Summary by group".to_string()),
                Slot::FollowUps(_) => ("↻", "Follow-ups due".to_string()),
            };
            entries.push((i, mark, label));
        }
        // Labels cut to the same words keep their ends, so that no two read alike.
        let labels: Vec<String> = entries.iter().map(|(_, _, l)| l.clone()).collect();
        let labels = crate::text::fit_apart(&labels, width.saturating_sub(4));
        for ((i, mark, _), label) in entries.into_iter().zip(labels) {
            let text = format!("  {mark} {label}");
            let style = if i == walk.current {
                current_row = rows.len();
                theme.selected()
            } else if mark == "✓" {
                theme.done()
            } else {
                ratatui::style::Style::new()
            };
            rows.push((Line::styled(text, style), Target::Field(i)));
        }
    }
    let height = inner.height as usize;
    let top = current_row
        .saturating_sub(height.saturating_sub(1) / 2)
        .min(rows.len().saturating_sub(height));
    let mut lines = Vec::new();
    for (row, (line, target)) in rows.into_iter().enumerate().skip(top).take(height) {
        let rect = Rect::new(inner.x, inner.y + super::rows(row - top), inner.width, 1);
        app.hits.borrow_mut().push((rect, target));
        lines.push(line);
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

fn draw_question(frame: &mut Frame, area: Rect, app: &Model, walk: &Walk, theme: Theme) {
    let area = area.inner(ratatui::layout::Margin::new(1, 0));
    if let Slot::FollowUps(q) = walk.field().slot {
        super::follow_ups::draw(frame, area, walk, &walk.group().questions[q], theme);
        return;
    }
    if walk.is_summary() {
        draw_summary(frame, area, walk, theme);
        return;
    }
    let group = walk.group();
    let (prompt, guidance, editor_title) = match walk.question() {
        Some(q) if q.kind.is_rating() => (q.prompt.as_str(), q.guidance.as_str(), " Comment "),
        Some(q) => (q.prompt.as_str(), q.guidance.as_str(), " Answer "),
        None => (
            "Notes",
            group.intro.as_deref().unwrap_or(
                "Anything worth keeping about this part: open points, who to ask, what was said.",
            ),
            " Notes ",
        ),
    };
    let width = area.width.max(1);
    let mut top = vec![
        Line::styled(group.title.clone(), theme.dim()),
        Line::styled(prompt.to_string(), theme.prompt()),
    ];
    if let Some(q) = walk.question() {
        top.extend(super::beside::lines(walk, q, &app.prefs.keys, theme));
    }
    let prompt_height = super::wrapped_height(&top, width);
    let asked = walk
        .question()
        .map(super::beside::asked)
        .unwrap_or_default();
    let guidance_key = app
        .prefs
        .keys
        .key_in(Context::Walk, Command::ToggleGuidance);
    let guidance_text: Vec<String> = match walk.guidance {
        Guidance::Hidden if !asked.is_empty() => {
            vec![format!(
                "Questions to ask and guidance hidden ({guidance_key} shows them)."
            )]
        }
        Guidance::Hidden => vec![format!("Guidance hidden ({guidance_key} shows it).")],
        Guidance::Shown | Guidance::Whole => asked
            .into_iter()
            .chain(guidance.trim().lines().map(str::to_string))
            .collect(),
    };
    let rating_height = if walk.is_rating() { 2 } else { 0 };
    let editor_min = match &walk.input {
        Input::Table(table) => {
            TABLE_MIN_HEIGHT.max(super::rows(table.rows.len()).saturating_add(6))
        }
        Input::Pick(pick) => PICK_MIN_HEIGHT.max(super::rows(pick.items.len()).saturating_add(5)),
        // A next meeting shows the meetings after it, and how the rhythm was read, in full.
        Input::Date => {
            EDITOR_MIN_HEIGHT.max(super::dates::height(walk, width.saturating_sub(2)) + 2)
        }
        Input::Text => EDITOR_MIN_HEIGHT,
    };
    // Guidance gets what it needs as long as the editor keeps a few lines to type in.
    // A table or list may take all but two lines of guidance; asked for whole, guidance leaves
    // the answer three lines.
    let editor_min = match walk.guidance {
        Guidance::Whole => 3,
        Guidance::Shown | Guidance::Hidden => editor_min,
    };
    let editor_min = editor_min.min(
        area.height
            .saturating_sub(prompt_height + rating_height + 3),
    );
    let spare = area
        .height
        .saturating_sub(prompt_height + rating_height + 1 + editor_min);
    // Cut guidance ends with "…" and, while there is more to show, the key that shows it.
    let more = match walk.guidance {
        Guidance::Shown => format!(" … {guidance_key}: all of it"),
        Guidance::Whole | Guidance::Hidden => " …".to_string(),
    };
    let (guidance_rows, cut) = wrap::fitted(
        &guidance_text,
        usize::from(width),
        usize::from(spare) + 1,
        &more,
    );
    walk.guidance_cut
        .set(cut && walk.guidance == Guidance::Shown);
    // A blank row parts whole guidance from the answer; cut guidance ends on its "…" row.
    let guidance_height = super::rows(guidance_rows.len() + usize::from(!cut));
    let [prompt_area, guidance_area, rating_area, editor_area] = Layout::vertical([
        Constraint::Length(prompt_height),
        Constraint::Length(guidance_height),
        Constraint::Length(rating_height),
        Constraint::Min(1),
    ])
    .areas(area);
    frame.render_widget(Paragraph::new(top).wrap(Wrap { trim: false }), prompt_area);
    let shown: Vec<Line> = guidance_rows
        .into_iter()
        .map(|l| Line::styled(l, theme.dim()))
        .collect();
    frame.render_widget(Paragraph::new(shown), guidance_area);
    if walk.is_rating() {
        draw_rating(frame, rating_area, walk, &app.prefs.keys, theme);
    }

    let focused = !walk.is_rating() || walk.rating_focus == RatingFocus::Comment;
    let mut title = editor_title.to_string();
    if walk.is_draft() {
        title = " Draft from your answers — edit it to keep it ".to_string();
    }
    let kept = walk.kept();
    if kept.is_some() {
        title = " Kept as written ".to_string();
    }
    if walk.read_only() {
        title.push_str("(read-only) ");
    }
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(if focused {
            theme.focus_border()
        } else {
            theme.border()
        })
        .title(title);
    let inner = block.inner(editor_area);
    frame.render_widget(block, editor_area);
    app.hits.borrow_mut().push((inner, Target::Editor));
    if let Some(notice) = kept {
        draw_kept(
            frame,
            inner,
            &notice,
            walk.read_only(),
            &app.prefs.keys,
            theme,
        );
        return;
    }
    let kind = walk.question().map(|q| q.kind);
    match (&walk.input, kind) {
        (Input::Table(table), Some(_)) => {
            super::table::draw(frame, inner, table, walk, focused, &app.prefs.keys, theme)
        }
        (Input::Pick(pick), _) => super::pick::draw(frame, inner, pick, focused, theme),
        (Input::Date, _) => {
            let [line, about] = super::split_top(inner, 1);
            super::editor::draw(frame, line, walk, focused);
            super::dates::draw(frame, about, walk, theme);
        }
        _ => super::editor::draw(frame, inner, walk, focused),
    }
}

/// In place of the editor: a value written by hand that this question cannot use, kept as it is
/// until the facilitator asks to replace it.
fn draw_kept(
    frame: &mut Frame,
    area: Rect,
    notice: &str,
    read_only: bool,
    keys: &Keymap,
    theme: Theme,
) {
    let mut lines = vec![Line::styled(
        sanitize_line(notice).into_owned(),
        theme.error(),
    )];
    if !read_only {
        let key = keys.key_for(crate::tui::keymap::Command::ReplaceKept);
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            format!("Type to replace it? Press {key} first: the value is dropped and what you write here takes its place."),
            theme.dim(),
        ));
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
}

fn draw_rating(frame: &mut Frame, area: Rect, walk: &Walk, keys: &Keymap, theme: Theme) {
    let chosen = walk.rating();
    let mut spans = Vec::new();
    for (i, value) in RatingValue::ALL.iter().enumerate() {
        let label = format!(" {} {} ", i + 1, value.label());
        let style = if chosen == Some(*value) {
            theme.selected()
        } else {
            theme.dim()
        };
        let mark = if chosen == Some(*value) { "●" } else { "○" };
        spans.push(Span::styled(format!("{mark}{label}"), style));
        spans.push(Span::raw(" "));
    }
    // The keys are the keymap's: the rating context's commands, and ↑ as an editing key.
    let key = |command| keys.key_in(Context::Rating, command);
    let hint = if walk.rating_focus == RatingFocus::Choice {
        format!(
            "  {}/{} or {}–{} to rate, {} or type to comment",
            key(Command::RatePrev),
            key(Command::RateNext),
            key(Command::Rate(0)),
            key(Command::Rate(3)),
            key(Command::Comment),
        )
    } else {
        format!(
            "  {} on the first line to rate",
            keymap::editing_key(Typing::Move(Move::Up))
        )
    };
    let lines = vec![Line::from(spans), Line::styled(hint, theme.dim())];
    frame.render_widget(Paragraph::new(lines), area);
}

/// The readiness summary: one line per group of statements, with its tally and verdict.
fn draw_summary(frame: &mut Frame, area: Rect, walk: &Walk, theme: Theme) {
    let summary = readiness::summarize_section(walk.session.community(), walk.section());
    // The readiness check is talked through before launching; the facilitation practices
    // while the community runs.
    let (title, when) = if walk.section().id == readiness::READINESS {
        ("Readiness by group", "before launching")
    } else {
        ("Practices by group", "with the core group")
    };
    let mut lines = vec![
        Line::styled(title, theme.prompt()),
        Line::styled(
            format!(
                "Strong: all Yes. Mixed: more Yes than Partly and No. Weak: any No, or more \
                 Partly and No than Yes: talk it through {when}. No and Not sure are listed."
            ),
            theme.dim(),
        ),
    ];
    let roomy = area.height as usize >= 3 + 3 * summary.len();
    for s in &summary {
        let style = match s.verdict {
            Verdict::Weak => theme.error(),
            Verdict::Strong => theme.done(),
            Verdict::Mixed | Verdict::Unrated => ratatui::style::Style::new(),
        };
        let [yes, partly, no, not_sure] = s.counts;
        if roomy {
            lines.push(Line::raw(""));
        }
        lines.push(Line::from(vec![
            Span::styled(s.group.title.clone(), theme.prompt()),
            Span::raw("  "),
            Span::styled(s.verdict.label(), style),
        ]));
        lines.push(Line::styled(
            format!(
                "  Yes {yes} · Partly {partly} · No {no} · Not sure {not_sure} · unrated {}",
                s.unrated
            ),
            theme.dim(),
        ));
        // What to talk through: each statement rated No or Not sure, with its comment.
        let ratings = &walk.session.community().ratings;
        for q in &s.group.questions {
            let Some(rating) = ratings.get(&q.id) else {
                continue;
            };
            let mark = match rating.value {
                Some(RatingValue::No) => "✗ No",
                Some(RatingValue::NotSure) => "? Not sure",
                _ => continue,
            };
            // The facilitator's words first: the statement is the guide's, and in the walk.
            let comment = rating.comment.trim();
            let text = if comment.is_empty() {
                sanitize_line(&q.prompt).into_owned()
            } else {
                format!("{} — {}", sanitize_line(comment), sanitize_line(&q.prompt))
            };
            // One line each.
            let head = format!("  {mark}: ");
            let room = (area.width as usize).saturating_sub(head.chars().count());
            lines.push(Line::from(vec![
                Span::styled(head, style),
                Span::raw(fit(&text, room)),
            ]));
        }
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
}
