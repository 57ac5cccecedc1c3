//! The timebox as it is drawn in the walk's header and the presenter view: the time left (or
//! the overrun), whether it is paused, in a colour that changes near the end and after it. The
//! presenter view can also show it large (F4), in pixel letters above the question, for a room
//! that must read it from the back.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use tui_big_text::{BigText, PixelSize};

use super::theme::Theme;
use crate::tui::model::Model;
use crate::tui::model::timebox::Phase;

/// The rows the large timebox takes: its pixel letters (four rows) and a blank row under them.
pub const BIG_ROWS: u16 = 5;

/// The timebox's time in pixel letters (twice as wide as the question's, to read from afar),
/// centred in `area`, coloured as its label is (the label
/// at the foot of the view still says whether it is paused or over).
pub fn draw_big(frame: &mut Frame, area: Rect, app: &Model, theme: Theme) {
    let Some(timebox) = app.timebox.as_ref() else {
        return;
    };
    let style = style(timebox.phase(app.clock), theme);
    let big = BigText::builder()
        .pixel_size(PixelSize::HalfHeight)
        .style(style)
        .alignment(Alignment::Center)
        .lines(vec![Line::from(timebox.shown(app.clock))])
        .build();
    frame.render_widget(
        big,
        Rect {
            height: BIG_ROWS - 1,
            ..area
        },
    );
}

fn style(phase: Phase, theme: Theme) -> ratatui::style::Style {
    match phase {
        Phase::Plenty => theme.timer(),
        Phase::NearEnd => theme.timer_near_end(),
        Phase::Over => theme.timer_over(),
    }
}

/// The timebox's label, e.g. "⏱ 4:32", "⏸ 4:32 paused", "⏱ +1:05 over"; `None` without one.
pub fn label(app: &Model, theme: Theme) -> Option<Span<'static>> {
    let timebox = app.timebox.as_ref()?;
    let now = app.clock;
    let phase = timebox.phase(now);
    let style = style(phase, theme);
    let (mark, state) = match (timebox.is_running(), phase) {
        (false, _) => ("⏸", " paused"),
        (true, Phase::Over) => ("⏱", " over"),
        (true, _) => ("⏱", ""),
    };
    Some(Span::styled(
        format!(" {mark} {}{state} ", timebox.shown(now)),
        style,
    ))
}
