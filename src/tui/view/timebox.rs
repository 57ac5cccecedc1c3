//! The timebox as it is drawn in the walk's header and the presenter view: the time left (or
//! the overrun), whether it is paused, in a colour that changes near the end and after it.

use ratatui::text::Span;

use super::theme::Theme;
use crate::tui::model::Model;
use crate::tui::model::timebox::Phase;

/// The timebox's label, e.g. "⏱ 4:32", "⏸ 4:32 paused", "⏱ +1:05 over"; `None` without one.
pub fn label(app: &Model, theme: Theme) -> Option<Span<'static>> {
    let timebox = app.timebox.as_ref()?;
    let now = app.clock;
    let phase = timebox.phase(now);
    let style = match phase {
        Phase::Plenty => theme.timer(),
        Phase::NearEnd => theme.timer_near_end(),
        Phase::Over => theme.timer_over(),
    };
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
