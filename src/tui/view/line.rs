//! How a line being typed is shown in a box narrower than it: the caret always in view.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::text::{fit_end, sanitize_line};
use crate::tui::model::line::LineInput;

/// The part of `line` shown in `room` columns (made safe to draw), and the caret's column in
/// it. With the caret at the end, a line longer than the room shows its end, as it is typed; with
/// the caret inside, the text before the caret (its end, if it is long) and as much after it as
/// fits.
pub fn shown(line: &LineInput, room: usize) -> (String, usize) {
    let (before, after) = line.split_at_caret();
    let before = sanitize_line(before);
    let after = sanitize_line(after);
    let before = fit_end(&before, room);
    let caret = before.width();
    let mut shown = before;
    let mut left = room.saturating_sub(caret);
    // Whole graphemes only: an emoji sequence is drawn whole or not at all.
    for g in after.graphemes(true) {
        let w = g.width();
        if w > left {
            break;
        }
        left -= w;
        shown.push_str(g);
    }
    (shown, caret)
}

#[cfg(test)]
mod tests {
    use super::*;
    use tui_input::InputRequest;

    #[test]
    fn the_caret_stays_in_view_at_the_end_and_inside() {
        let mut line = LineInput::with_text("Rural midwives peer circle", 100);
        assert_eq!(shown(&line, 100), ("Rural midwives peer circle".into(), 26));
        let (text, caret) = shown(&line, 10);
        assert_eq!(caret, text.width());
        assert!(text.ends_with("circle") && text.starts_with('…'), "{text}");
        line.edit(InputRequest::GoToStart);
        assert_eq!(shown(&line, 10), ("Rural midw".into(), 0));
    }

    #[test]
    fn an_emoji_sequence_after_the_caret_is_shown_whole_or_not_at_all() {
        // A family: four people joined by zero-width joiners, two columns wide.
        let family = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}\u{200D}\u{1F466}";
        let mut line = LineInput::with_text(&format!("ab{family}"), 100);
        line.edit(InputRequest::GoToStart);
        for room in 2..8 {
            let (text, _) = shown(&line, room);
            assert!(
                text == "ab" || text == format!("ab{family}"),
                "a part of the family is never drawn: {text:?} in {room} columns"
            );
        }
    }
}
