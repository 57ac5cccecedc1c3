//! The layout's promises: every character on one row, spaces hanging at a break, punctuation
//! kept with its word, the caret's row and column, clicks and the fitted guidance.

use super::*;

fn lines(text: &str) -> Vec<String> {
    text.split('\n').map(str::to_string).collect()
}

fn drawn(text: &str, width: usize) -> Vec<String> {
    let lines = lines(text);
    rows(&lines, width)
        .into_iter()
        .map(|r| shown(&lines[r.line], r, width))
        .collect()
}

#[test]
fn a_space_at_a_break_hangs_at_the_end_of_its_row() {
    // 10 columns: "aaaa bbbbb" fills the first row exactly; the space after it hangs.
    assert_eq!(
        drawn("aaaa bbbbb next word", 10),
        ["aaaa bbbbb", "next word"]
    );
    assert_eq!(drawn("one two three", 7), ["one two", "three"]);
    // No continuation row starts with a space, whatever the width.
    let text = "Les sages-femmes rurales partagent leurs gardes de nuit et apprennent";
    for width in 3..40 {
        for row in drawn(text, width).iter().skip(1) {
            assert!(!row.starts_with(' '), "{width}: {row:?}");
        }
    }
}

/// Punctuation written against a word goes to the next row with it: the guidance once
/// showed "host a session" over ", coordinate" and "early" over ". Decide".
#[test]
fn a_comma_or_full_stop_never_starts_a_row() {
    assert_eq!(
        drawn("host a session, coordinate", 14),
        ["host a ", "session, ", "coordinate"]
    );
    assert_eq!(
        drawn("done early. Decide", 10),
        ["done ", "early. ", "Decide"]
    );
    let text = "Name the people who have offered to host a session, coordinate, or bring \
                others in (and what they did). Offers backed by action count; e.g. José's.";
    // At every width the longest word with its comma ("coordinate,") fits in.
    for width in 11..60 {
        let rows = drawn(text, width);
        for row in rows.iter().skip(1) {
            assert!(
                !row.starts_with([',', '.', ';', ')']),
                "{width}: {row:?} in {rows:?}"
            );
        }
        // Nothing is lost: the rows are the text again.
        let joined: String = rows.concat();
        assert_eq!(
            joined.split_whitespace().collect::<String>(),
            text.split_whitespace().collect::<String>(),
            "{width}"
        );
    }
    // A word longer than a row is still cut where the row is full.
    assert_eq!(drawn("abcdefgh, x", 4)[..2], ["abcd", "efgh"]);
}

#[test]
fn every_character_is_on_some_row_once() {
    let text = "x\tyy zzzzzzzzzzzzzzz  é́ 👩‍🔬 end\n\n  indented\tline";
    let lines = lines(text);
    for width in 1..20 {
        let rs = rows(&lines, width);
        for (i, line) in lines.iter().enumerate() {
            let mine: Vec<_> = rs.iter().filter(|r| r.line == i).collect();
            assert_eq!(mine.first().unwrap().start, 0);
            assert_eq!(mine.last().unwrap().end, line.chars().count());
            for pair in mine.windows(2) {
                assert_eq!(pair[0].end, pair[1].start, "{width}");
            }
        }
    }
}

#[test]
fn a_tab_advances_to_the_next_stop_and_wraps_like_any_character() {
    assert_eq!(drawn("a\tb", 20), ["a   b"]);
    assert_eq!(drawn("abcd\te", 20), ["abcd    e"]);
    // Leading indentation is the facilitator's, and is drawn.
    assert_eq!(drawn("\tdeep", 20), ["    deep"]);
    let lines = lines("a\tb\tc\td\te");
    let rs = rows(&lines, 6);
    assert!(rs.len() > 1);
    for r in &rs {
        assert!(shown(&lines[0], *r, 6).chars().count() <= 6);
    }
}

#[test]
fn a_word_longer_than_the_row_is_cut_not_hidden() {
    assert_eq!(drawn("abcdefghij", 4), ["abcd", "efgh", "ij"]);
    assert_eq!(drawn("to abcdefghij", 4), ["to ", "abcd", "efgh", "ij"]);
}

#[test]
fn the_caret_is_on_the_row_it_starts_and_at_the_column_drawn() {
    let lines = lines("aaaa bbbbb next\nsecond");
    let rs = rows(&lines, 10);
    assert_eq!(rs.len(), 3);
    // The start of "next" is the second row's first column, not the first row's end.
    assert_eq!(row_of(&rs, 0, 11), 1);
    assert_eq!(column(&lines[0], rs[1], 11, 10), 0);
    // The end of the line is on its last row.
    assert_eq!(row_of(&rs, 0, 15), 1);
    assert_eq!(column(&lines[0], rs[1], 15, 10), 4);
    assert_eq!(row_of(&rs, 1, 3), 2);
    // After a row that is exactly full, the caret sits one past it.
    assert_eq!(column(&lines[0], rs[0], 10, 10), 10);
    // Tabs count as the columns they take.
    let tabbed = lines_of("a\tb");
    let r = rows(&tabbed, 20);
    assert_eq!(column(&tabbed[0], r[0], 2, 20), 4);
}

fn lines_of(text: &str) -> Vec<String> {
    lines(text)
}

#[test]
fn a_column_maps_back_to_the_character_drawn_there() {
    let lines = lines("aaaa bbbbb next\n\ta");
    let rs = rows(&lines, 10);
    assert_eq!(at_column(&lines[0], rs[1], 2, true), 13);
    assert_eq!(at_column(&lines[0], rs[1], 40, true), 15);
    // Past the end of a wrapped row the caret stays on that row.
    let to = at_column(&lines[0], rs[0], 40, false);
    assert_eq!(row_of(&rs, 0, to), 0);
    // Inside a tab: before it, or after it when nearer its end.
    assert_eq!(at_column(&lines[1], rs[2], 1, true), 0);
    assert_eq!(at_column(&lines[1], rs[2], 3, true), 1);
}

#[test]
fn rows_laid_out_again_only_where_the_text_changed_are_the_rows_laid_out_afresh() {
    let drawn = Drawn::default();
    drawn.area.set(Rect::new(0, 0, 10, 5));
    let mut text = lines("aaaa bbbbb next\nsecond line here\naaaa bbbbb next");
    assert_eq!(drawn.rows(&text), rows(&text, 10));
    text[1].push_str(" and more");
    text.insert(0, "new first".to_string());
    assert_eq!(drawn.rows(&text), rows(&text, 10));
    drawn.area.set(Rect::new(0, 0, 6, 5));
    assert_eq!(drawn.rows(&text), rows(&text, 6));
    assert_eq!(drawn.rows(&[]), rows(&[], 6));
}

#[test]
fn text_fitted_to_its_rows_ends_in_what_says_there_is_more() {
    let text = lines("one two three four five six seven");
    // Room enough: the rows as drawn, their hanging spaces trimmed.
    let (rows, cut) = fitted(&text, 9, 5, " …");
    assert!(!cut);
    assert_eq!(rows, ["one two", "three", "four five", "six seven"]);
    let (rows, cut) = fitted(&text, 9, 2, " …");
    assert!(cut);
    assert_eq!(rows, ["one two", "three …"]);
    assert!(rows.iter().all(|r| r.width() <= 9));
}

#[test]
fn following_the_caret_scrolls_as_little_as_needed_and_never_past_the_text() {
    assert_eq!(follow(0, 3, 5, 10), 0);
    assert_eq!(follow(0, 7, 5, 10), 3);
    assert_eq!(follow(5, 2, 5, 10), 2);
    // A short answer is never scrolled off its first line.
    assert_eq!(follow(4, 1, 5, 3), 0);
    assert_eq!(follow(9, 9, 5, 10), 5);
}
