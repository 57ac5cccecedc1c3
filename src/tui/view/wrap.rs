//! Word wrapping by display width, for text the view lays out itself: the question in pixel
//! letters, and a card shown whole.
//!
//! ratatui's `Wrap` wraps a paragraph as it draws it, but these callers must know the lines
//! first — to choose the letters' size, or how many rows a card takes before the list is
//! scrolled. Widths are display widths: a CJK character or an emoji takes two columns, and a word
//! too long for a line is broken between grapheme clusters, never inside one.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// `text` in lines of at most `width` columns, broken between words (a word longer than a line
/// is broken inside). Runs of spaces between words become one.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let sep = usize::from(!line.is_empty());
        if line.width() + sep + word.width() <= width {
            if sep == 1 {
                line.push(' ');
            }
            line.push_str(word);
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        if word.width() <= width {
            line.push_str(word);
            continue;
        }
        // A word longer than the line: as much as fits on each line, the rest on the next.
        for g in word.graphemes(true) {
            if line.width() + g.width() > width && !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            line.push_str(g);
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn wraps_between_words_and_inside_words_too_long() {
        assert_eq!(
            wrap("Who is in the community?", 10),
            ["Who is in", "the", "community?"]
        );
        assert_eq!(wrap("abcdefghij klm", 4), ["abcd", "efgh", "ij", "klm"]);
        assert!(wrap("   ", 5).is_empty());
    }

    #[test]
    fn wide_characters_count_two_columns() {
        assert_eq!(wrap("看護師の 昼食会", 8), ["看護師の", "昼食会"]);
        assert_eq!(wrap("看護師の昼食会", 4), ["看護", "師の", "昼食", "会"]);
        assert_eq!(wrap("👩‍🔬👩‍🔬👩‍🔬", 4), ["👩‍🔬👩‍🔬", "👩‍🔬"]);
    }
}
