//! The editor against the widget it replaced: every edit and move, on random texts, leaves the
//! same lines and the same caret as ratatui-textarea's (kept as a dev-dependency for this), on
//! characters one column wide — the widget moves by columns drawn, so it cannot step past a
//! character of no width (a control one) and steps over a wide one in two; the editor counts
//! characters, as the layout does. On every character the count of lines that cannot be drawn
//! as typed stays true and the caret stays within the text.

use proptest::prelude::*;
use ratatui_textarea::{CursorMove, DataCursor, TextArea};

use super::*;

#[derive(Debug, Clone)]
enum Op {
    Char(char),
    Newline,
    Str(String),
    DeleteChar,
    DeleteNextChar,
    DeleteWord,
    DeleteNextWord,
    ByHead,
    ByEnd,
    Back,
    Forward,
    WordBack,
    WordForward,
    Head,
    End,
    ToEnd,
    Jump(usize, usize),
    Clear,
}

fn apply(editor: &mut Editor, widget: &mut TextArea<'static>, op: &Op) -> (bool, bool) {
    match op {
        Op::Char(c) => {
            editor.insert_char(*c);
            widget.insert_char(*c);
            (true, true)
        }
        Op::Newline => {
            editor.insert_newline();
            widget.insert_newline();
            (true, true)
        }
        Op::Str(s) => (editor.insert_str(s), widget.insert_str(s)),
        Op::DeleteChar => (editor.delete_char(), widget.delete_char()),
        Op::DeleteNextChar => (editor.delete_next_char(), widget.delete_next_char()),
        Op::DeleteWord => (editor.delete_word(), widget.delete_word()),
        Op::DeleteNextWord => (editor.delete_next_word(), widget.delete_next_word()),
        Op::ByHead => (editor.delete_line_by_head(), widget.delete_line_by_head()),
        Op::ByEnd => (editor.delete_line_by_end(), widget.delete_line_by_end()),
        Op::Clear => (editor.clear(), widget.clear()),
        Op::Back => moved(editor, widget, Editor::back, CursorMove::Back),
        Op::Forward => moved(editor, widget, Editor::forward, CursorMove::Forward),
        Op::WordBack => moved(editor, widget, Editor::word_back, CursorMove::WordBack),
        Op::WordForward => moved(
            editor,
            widget,
            Editor::word_forward,
            CursorMove::WordForward,
        ),
        Op::Head => moved(editor, widget, Editor::line_start, CursorMove::Head),
        Op::End => moved(editor, widget, Editor::line_end, CursorMove::End),
        Op::ToEnd => {
            editor.to_end();
            widget.move_cursor(CursorMove::Bottom);
            widget.move_cursor(CursorMove::End);
            (false, false)
        }
        Op::Jump(line, col) => {
            editor.jump(*line, *col);
            let short = |n: usize| u16::try_from(n).expect("small");
            widget.move_cursor(CursorMove::Jump(short(*line), short(*col)));
            (false, false)
        }
    }
}

fn moved(
    editor: &mut Editor,
    widget: &mut TextArea<'static>,
    mine: fn(&mut Editor),
    theirs: CursorMove,
) -> (bool, bool) {
    mine(editor);
    widget.move_cursor(theirs);
    (false, false)
}

/// Characters one column wide, of every kind the word rules tell apart.
fn narrow() -> BoxedStrategy<char> {
    prop_oneof![
        4 => prop::sample::select(vec!['a', 'b', 'é', 'ß', '0']),
        2 => Just(' '),
        1 => prop::sample::select(vec!['.', ',', '(', '_', '-']),
    ]
    .boxed()
}

/// Any character: narrow ones, wide ones, and ones that cannot be drawn as typed.
fn any() -> BoxedStrategy<char> {
    prop_oneof![
        6 => narrow(),
        1 => prop::sample::select(vec!['日', '\u{3000}', '👩']),
        1 => prop::sample::select(vec!['\t', '\u{200b}', '\u{1b}', '\u{202e}', '\r']),
    ]
    .boxed()
}

fn text(character: BoxedStrategy<char>) -> BoxedStrategy<String> {
    prop::collection::vec(prop_oneof![8 => character, 1 => Just('\n')], 0..24)
        .prop_map(|chars| chars.into_iter().collect())
        .boxed()
}

fn op(character: fn() -> BoxedStrategy<char>) -> impl Strategy<Value = Op> {
    prop_oneof![
        6 => character().prop_map(Op::Char),
        1 => Just(Op::Newline),
        1 => text(character()).prop_map(Op::Str),
        2 => Just(Op::DeleteChar),
        1 => Just(Op::DeleteNextChar),
        1 => Just(Op::DeleteWord),
        1 => Just(Op::DeleteNextWord),
        1 => Just(Op::ByHead),
        1 => Just(Op::ByEnd),
        2 => Just(Op::Back),
        2 => Just(Op::Forward),
        1 => Just(Op::WordBack),
        1 => Just(Op::WordForward),
        1 => Just(Op::Head),
        1 => Just(Op::End),
        1 => Just(Op::ToEnd),
        2 => (0..8usize, 0..30usize).prop_map(|(l, c)| Op::Jump(l, c)),
        1 => Just(Op::Clear),
    ]
}

fn lines(text: &str) -> Vec<String> {
    text.split('\n').map(str::to_string).collect()
}

proptest! {
    #[test]
    fn every_edit_is_the_widgets(
        start in text(narrow()),
        ops in prop::collection::vec(op(narrow), 0..60),
    ) {
        let mut editor = Editor::new(lines(&start));
        let mut widget = TextArea::new(lines(&start));
        widget.set_max_histories(0);
        for op in &ops {
            let (mine, theirs) = apply(&mut editor, &mut widget, op);
            prop_assert_eq!(mine, theirs, "{:?} changed the text in one and not the other", op);
            prop_assert_eq!(editor.lines(), widget.lines(), "after {:?}", op);
            let DataCursor(line, col) = widget.cursor();
            prop_assert_eq!(editor.caret(), Caret { line, col }, "after {:?}", op);
        }
    }

    #[test]
    fn the_count_of_lines_not_drawn_as_typed_and_the_caret_stay_true(
        start in text(any()),
        ops in prop::collection::vec(op(any), 0..60),
    ) {
        let mut editor = Editor::new(lines(&start));
        // The widget is only there to be driven alongside; here it is not compared.
        let mut widget = TextArea::new(lines(&start));
        for op in &ops {
            apply(&mut editor, &mut widget, op);
            let hazards = editor.lines().iter().filter(|l| hazardous(l)).count();
            prop_assert_eq!(editor.hazards, hazards, "after {:?}", op);
            let Caret { line, col } = editor.caret();
            prop_assert!(line < editor.lines().len(), "after {:?}", op);
            prop_assert!(col <= editor.lines()[line].chars().count(), "after {:?}", op);
        }
    }
}

#[test]
fn words_are_runs_of_one_kind() {
    let mut editor = Editor::new(vec!["fn foo(a_b) end".to_string()]);
    editor.word_forward();
    assert_eq!(editor.caret().col, 3);
    editor.word_forward();
    assert_eq!(editor.caret().col, 6, "the bracket is a word of its own");
    editor.word_forward();
    assert_eq!(editor.caret().col, 7, "an underscore is part of a word");
    editor.word_forward();
    assert_eq!(editor.caret().col, 10);
    editor.to_end();
    assert!(editor.delete_word());
    assert_eq!(editor.lines(), ["fn foo(a_b) "]);
    assert!(editor.delete_word());
    assert_eq!(editor.lines(), ["fn foo(a_b"]);
}

#[test]
fn edits_at_a_lines_edge_cross_the_line_break() {
    let mut editor = Editor::new(vec!["un".to_string(), "deux".to_string()]);
    editor.jump(1, 0);
    assert!(editor.delete_char());
    assert_eq!(editor.lines(), ["undeux"]);
    assert_eq!(editor.caret(), Caret { line: 0, col: 2 });
    editor.insert_newline();
    editor.back();
    assert_eq!(editor.caret(), Caret { line: 0, col: 2 });
    assert!(editor.delete_next_char());
    assert_eq!(editor.lines(), ["undeux"]);
    editor.to_end();
    assert!(!editor.delete_next_char(), "nothing after the very end");
    assert!(!editor.delete_next_word());
    editor.jump(0, 0);
    assert!(!editor.delete_char(), "nothing before the very start");
    assert!(!editor.delete_line_by_head());
}

#[test]
fn positions_are_characters_not_bytes() {
    let mut editor = Editor::new(vec!["été 日本".to_string()]);
    editor.jump(0, 5);
    editor.insert_char('語');
    assert_eq!(editor.lines(), ["été 日語本"]);
    assert!(editor.delete_line_by_end());
    assert_eq!(editor.lines(), ["été 日語"]);
    editor.jump(0, 1);
    assert!(editor.delete_line_by_head());
    assert_eq!(editor.lines(), ["té 日語"]);
}

#[test]
fn a_paste_of_many_lines_goes_in_at_once_and_the_caret_ends_after_it() {
    let mut editor = Editor::new(vec!["ab".to_string()]);
    editor.jump(0, 1);
    assert!(editor.insert_str("one\r\ntwo\nthree"));
    assert_eq!(editor.lines(), ["aone", "two", "threeb"]);
    assert_eq!(editor.caret(), Caret { line: 2, col: 5 });
    assert!(!editor.insert_str(""));
    assert!(
        !editor.insert_str("\r"),
        "a lone carriage return is no text"
    );
}

#[test]
fn lines_that_cannot_be_drawn_as_typed_are_counted_as_they_change() {
    let mut editor = Editor::new(vec!["clean".to_string(), "tab\there".to_string()]);
    assert!(!editor.hazardous(), "a tab is drawn as spaces");
    editor.insert_char('\u{202e}');
    assert!(editor.hazardous());
    editor.delete_char();
    assert!(!editor.hazardous());
    assert!(editor.insert_str("x\u{1b}[2J\ny"));
    assert!(editor.hazardous());
    assert!(editor.clear());
    assert!(!editor.hazardous());
    assert!(!editor.clear(), "nothing left to clear");
}
