//! The presenter view (F5): the current question for the room, as large as the screen allows,
//! the cards captured under it, the capture line, and the timebox; no answer to edit.
//!
//! The question is drawn in pixel letters (four columns and four rows a letter) when it fits;
//! a question too long for that is drawn in bold, centred, with room around it. The guidance is
//! there only when the facilitator asks for it (Ctrl-G), since the room reads the question, not
//! the notes for the one running the session.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use tui_big_text::{BigText, PixelSize};
use unicode_width::UnicodeWidthStr;

use super::fit;
use super::theme::Theme;
use super::{split_bottom, split_top};
use crate::community::RatingValue;
use crate::text::sanitize_line;
use crate::tui::model::Model;
use crate::tui::model::presenter::Presenter;

/// The size of a pixel letter, in cells (quadrant pixels: 8×8 pixels in 4×4 cells).
const LETTER_WIDTH: usize = 4;
const LETTER_HEIGHT: u16 = 4;
/// Ordinary text keeps to this share of the width, for lines the eye can follow from afar.
const TEXT_WIDTH_PERCENT: u16 = 80;

pub fn draw(frame: &mut Frame, area: Rect, app: &Model, presenter: &Presenter, theme: Theme) {
    let walk = &presenter.walk;
    let [top, rest] = split_top(area, 2);
    let [body, bottom] = split_bottom(rest, 3);
    // The timebox large, when asked for, above everything the room reads (if there is room for
    // a question under it).
    let big = presenter.view.big_timebox
        && app.timebox.is_some()
        && body.height > super::timebox::BIG_ROWS * 2;
    let [clock, body] = split_top(body, if big { super::timebox::BIG_ROWS } else { 0 });
    if big {
        super::timebox::draw_big(frame, clock, app, theme);
    }
    // Cards (or, on F3, the parking lot and the log) take at most half of what is left (more
    // for a long card, see `cards::height`).
    let below = if presenter.view.notes {
        super::cards::notes_height(walk, body.height / 2)
    } else {
        super::cards::height(walk, body)
    };
    let [body, cards_area] = split_bottom(body, below);
    let field = walk.field();
    let place = Line::from(vec![Span::styled(
        format!(
            " Section {}/{} · {}",
            field.section + 1,
            walk.guide.sections.len(),
            walk.section().title
        ),
        theme.dim(),
    )]);
    let workshop = &walk.session.community().workshop;
    let parked = workshop.parking_lot.iter().filter(|p| !p.done).count();
    let counts = format!("parked {parked} · log {} ", workshop.log.len());
    let [top_line, _] = split_top(top, 1);
    frame.render_widget(Paragraph::new(place), top_line);
    let counts_width = counts.width() as u16;
    if top_line.width > counts_width + 30 {
        let right = Rect {
            x: top_line.right() - counts_width,
            width: counts_width,
            ..top_line
        };
        frame.render_widget(Paragraph::new(Span::styled(counts, theme.dim())), right);
    }
    let prompt = match walk.question() {
        Some(q) => q.prompt.clone(),
        None => walk.group().title.clone(),
    };
    let prompt = sanitize_line(&prompt).into_owned();
    let guidance = walk
        .question()
        .filter(|_| presenter.view.guidance)
        .map(|q| q.guidance.trim().to_string());
    // A statement to rate shows the room the scale it is rated on (and the rating, once given).
    let scale = walk.is_rating().then(|| {
        let chosen = walk.rating();
        RatingValue::ALL
            .iter()
            .enumerate()
            .map(|(i, value)| {
                let mark = if chosen == Some(*value) { "●" } else { "○" };
                format!("{mark} {} {}", i + 1, value.label())
            })
            .collect::<Vec<_>>()
            .join("   ")
    });
    // A question with prompts to ask is a practice-interview exercise for the room (seed 002):
    // the prompts, with how to run it, whether or not the guidance is shown.
    let exercise = walk
        .question()
        .filter(|q| !q.prompts.is_empty())
        .map(|q| exercise(q, app.timebox.as_ref().map(|t| t.length)));
    let below: Vec<String> = [scale, exercise, guidance].into_iter().flatten().collect();
    let below = below.join("\n\n");
    let below = (!below.is_empty()).then_some(below.as_str());
    draw_question(frame, body, &prompt, below, theme);
    if presenter.view.notes {
        super::cards::draw_notes(frame, cards_area, walk, theme);
    } else {
        super::cards::draw(frame, cards_area, presenter, theme);
    }
    let [above, capture_and_hint] = split_top(bottom, 1);
    let [capture, hint_row] = split_top(capture_and_hint, 1);
    super::cards::draw_capture(frame, capture, presenter, &app.prefs.keys, theme);
    // What went wrong (a line not filed, a save that failed) is said here, just above the line
    // it concerns; back in the walk the status line has it whole. Routine news ("Card added")
    // stays off the room's screen.
    if app.status.error {
        let text = fit(
            &format!(" {}", sanitize_line(&app.status.text)),
            above.width as usize,
        );
        frame.render_widget(Paragraph::new(Span::styled(text, theme.error())), above);
    }

    // The timebox keeps its place at the right; the hint gets what is left.
    let timer = super::timebox::label(app, theme);
    let timer_width = timer.as_ref().map_or(0, |t| t.content.width());
    let room = (bottom.width as usize).saturating_sub(timer_width);
    let hints: Vec<String> = app
        .prefs
        .keys
        .presenter_hints(app.context())
        .into_iter()
        .map(|(keys, label)| format!("{keys} {label}"))
        .collect();
    let hint_text = fit(&format!(" {}", hints.join(" · ")), room);
    let pad = room.saturating_sub(hint_text.width());
    let mut spans = vec![
        Span::styled(hint_text, theme.dim()),
        Span::raw(" ".repeat(pad)),
    ];
    spans.extend(timer);
    frame.render_widget(Paragraph::new(Line::from(spans)), hint_row);
}

/// The practice interview: in pairs, one asks the prompts and one answers, then they swap
/// (halfway through the timebox, when one is set).
fn exercise(question: &crate::guide::Question, timebox: Option<std::time::Duration>) -> String {
    let swap = match timebox.map(|t| t.as_secs() / 120) {
        Some(0) | None => "then swap".to_string(),
        Some(1) => "swap after a minute".to_string(),
        Some(n) => format!("swap after {n} minutes"),
    };
    let mut lines = vec![format!("Practise in pairs: one asks, one answers; {swap}.")];
    lines.extend(super::beside::prompts(question));
    lines.join("\n")
}

/// The question, in pixel letters if it fits `area` (with the guidance below it, if asked for).
fn draw_question(
    frame: &mut Frame,
    area: Rect,
    prompt: &str,
    guidance: Option<&str>,
    theme: Theme,
) {
    let guidance_lines: Vec<Line> = guidance
        .map(|g| {
            g.lines()
                .map(|l| Line::styled(sanitize_line(l).into_owned(), theme.dim()))
                .collect()
        })
        .unwrap_or_default();
    // In u32: 80% of a wide screen's width overflows u16 on the way.
    let text_width =
        super::rows(usize::from(area.width) * usize::from(TEXT_WIDTH_PERCENT) / 100).max(1);
    let guidance_height = if guidance_lines.is_empty() {
        0
    } else {
        super::wrapped_height(&guidance_lines, text_width) + 1
    };
    let room = area.height.saturating_sub(guidance_height);
    let per_line = (area.width as usize).saturating_sub(2) / LETTER_WIDTH;
    let big_lines = super::wrap::wrap(prompt, per_line);
    let big_height = super::rows(big_lines.len()).saturating_mul(LETTER_HEIGHT);
    let fits_big = per_line > 0
        && big_height <= room
        && prompt.is_ascii()
        && big_lines.iter().all(|l| l.width() <= per_line);
    let question_height = if fits_big {
        big_height
    } else {
        super::wrapped_height(&[Line::raw(prompt.to_string())], text_width).min(room)
    };
    // Centred vertically as one block: the question, a blank line, the guidance.
    let block = question_height + guidance_height;
    let top = area.y + area.height.saturating_sub(block) / 2;
    let question_area = Rect {
        y: top,
        height: question_height,
        ..area
    };
    if fits_big {
        let big = BigText::builder()
            .pixel_size(PixelSize::Quadrant)
            .style(theme.prompt())
            .alignment(Alignment::Center)
            .lines(big_lines.into_iter().map(Line::from).collect::<Vec<_>>())
            .build();
        frame.render_widget(big, question_area);
    } else {
        let centred = centre(question_area, text_width);
        frame.render_widget(
            Paragraph::new(Line::styled(prompt.to_string(), theme.prompt()))
                .alignment(Alignment::Center)
                .wrap(Wrap { trim: true }),
            centred,
        );
    }
    if guidance_height > 0 {
        let below = Rect {
            y: question_area.y + question_height + 1,
            height: guidance_height - 1,
            ..area
        };
        frame.render_widget(
            Paragraph::new(guidance_lines)
                .alignment(Alignment::Center)
                .wrap(Wrap { trim: true }),
            centre(below, text_width),
        );
    }
}

/// `area` narrowed to `width`, centred.
fn centre(area: Rect, width: u16) -> Rect {
    let width = width.min(area.width);
    Rect {
        x: area.x + (area.width - width) / 2,
        width,
        ..area
    }
}
