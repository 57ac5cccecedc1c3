//! One line of the facilitator's text, escaped so that CommonMark and GitHub-flavoured Markdown
//! read it as exactly that text, and so that the raw Markdown stays readable.
//!
//! A character is escaped only where it could start or end structure:
//!
//! * anywhere: `` ` ``, `[` and `|` (code, links, images, footnotes, task boxes, table cells);
//!   `<` unless a space follows (HTML, autolinks); `&` when it would start an entity (`&amp;`,
//!   `&#60;`); `\` before punctuation or at the end (an escape, a hard break); a run of `*`, `_`
//!   or `~` unless it can neither open nor close emphasis or strikethrough (spaces on both
//!   sides, `_` between letters as in `snake_case`, the only `~` of an answer's paragraphs);
//! * at the start of a line: `#` and `>`, `-`, `+` or `*` before a space, `1.` or `1)` before a
//!   space, a line of `-`, `=`, `*` or `_` (rules, setext underlines) and a line of `|`, `-`
//!   and `:` (a table's delimiter row), `~~~` (a fence). A leading space is written `&#32;` (it
//!   would be dropped, or with three more make code);
//! * on one line of convene's own (a heading, a cell, an item): a closing run of `#`.
//!
//! So `3.5 hours - fine`, `R&D`, `a > b`, `C:\Users` and `(yes!)` stay as typed.
//!
//! A link GitHub would make of the text ([`autolink`]) is written untouched (a `_` in it only
//! when it cannot open emphasis, as in `a_b` or `a_(b)`: with every `_` that could escaped, one
//! that could only close has nothing to close, also where GFM is not at work), and what GFM drops
//! from its end is written so that it still drops it (`*`, `_`, `]` and `>` there as `&ast;`,
//! `&lowbar;`, `&rsqb;`, `&gt;`): the link keeps the address it had as typed. When that cannot be
//! done — the link itself holds a character that has to be escaped, such as `*` or `` ` `` — its
//! `:` or its `www.` dot is escaped instead, so GFM makes no link at all rather than one to a
//! different address, and the text reads as typed.

use std::cell::Cell;

use super::autolink::{self, Kind, Span};

/// Where a line goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Place {
    /// A line of a paragraph or of a list item's text.
    Block,
    /// Text on one line inside convene's own structure: a heading, a table cell, a list item.
    Inline,
}

/// A line, escaped.
pub(super) struct Escaped {
    pub text: String,
    /// The line ends in a link that GFM reads up to the end of the line, so a hard break after it
    /// must be set apart by a space (a `\` there would join the address).
    pub ends_in_link: bool,
}

/// `line` (sanitised, no line break, no trailing space) escaped for `place`. `lone_tilde` says
/// that the paragraphs the line belongs to have at most one `~` between them, which then cannot
/// strike anything out (never said of a cell: some renderers pair `~` across a row's cells).
pub(super) fn escape_line(line: &str, place: Place, lone_tilde: bool) -> Escaped {
    let line = Line::new(line, place, lone_tilde);
    let spans = autolink::spans(line.text);
    let mut whole: Vec<bool> = spans.iter().map(|s| line.can_keep(s)).collect();
    loop {
        let (text, starts) = line.write(&spans, &whole);
        let mut changed = false;
        for (k, span) in spans.iter().enumerate() {
            if whole[k] && !autolink::links_as(&text[starts[k]..], span.end - span.start) {
                whole[k] = false;
                changed = true;
            }
        }
        if !changed {
            let last = spans.iter().zip(&whole).rfind(|(_, kept)| **kept);
            let ends_in_link = last.is_some_and(|(s, _)| !line.text[s.end..].contains(' '));
            return Escaped { text, ends_in_link };
        }
    }
}

/// Whether a byte is an ASCII character that may need an escape after the start of a line (the
/// `:` and `.` of a link that is not written whole included); everything else, non-ASCII too,
/// only ever does at the start.
fn is_special(b: u8) -> bool {
    matches!(
        b,
        b'`' | b'[' | b'|' | b'\\' | b'*' | b'_' | b'~' | b'<' | b'&' | b'.' | b')' | b'#' | b':'
    )
}

/// A line being escaped; positions in it are byte offsets.
struct Line<'a> {
    text: &'a str,
    place: Place,
    lone_tilde: bool,
    /// How many spaces the line starts with.
    leading: usize,
    /// How many ASCII digits it starts with.
    digits: usize,
    /// Where a closing run of `#` after a space starts, if the line ends in one.
    closing_hashes: Option<usize>,
    /// The run of `*`, `_` or `~` last looked at (runs are asked for in order, so each is
    /// measured once).
    last_run: Cell<(usize, usize)>,
}

impl<'a> Line<'a> {
    fn new(text: &'a str, place: Place, lone_tilde: bool) -> Self {
        let bytes = text.as_bytes();
        let trimmed = if text.ends_with('#') {
            text.trim_end_matches('#')
        } else {
            text
        };
        Line {
            text,
            place,
            lone_tilde,
            leading: bytes.iter().take_while(|&&b| b == b' ').count(),
            digits: bytes.iter().take_while(|b| b.is_ascii_digit()).count(),
            closing_hashes: (trimmed.len() < text.len() && trimmed.ends_with(' '))
                .then_some(trimmed.len()),
            last_run: Cell::new((0, 0)),
        }
    }

    fn char_at(&self, at: usize) -> Option<char> {
        self.text.get(at..)?.chars().next()
    }

    /// The character after the one at `at`.
    fn after(&self, at: usize) -> Option<char> {
        let c = self.char_at(at)?;
        self.char_at(at + c.len_utf8())
    }

    /// The character a reader sees before `at`: none at the start of the line, and the `;` of
    /// `&#32;` after a single leading space.
    fn before(&self, at: usize) -> Option<char> {
        match at {
            0 => None,
            1 if self.leading == 1 => Some(';'),
            _ => self.text[..at].chars().next_back(),
        }
    }

    /// Whether the link `span` can be written as it is.
    fn can_keep(&self, span: &Span) -> bool {
        if span.kind == Kind::Www && span.start == self.leading && self.leading == 1 {
            // After `&#32;`, `www.` no longer follows a space.
            return false;
        }
        self.text[span.start..span.end]
            .char_indices()
            .all(|(i, c)| {
                let at = span.start + i;
                match c {
                    '`' | '[' | '|' | '<' | '*' => false,
                    '\\' => !self.backslash_escapes(at),
                    '&' => !self.entity_at(at),
                    // No `_` left as it is can open emphasis, so one that can only close is
                    // inert.
                    '_' => !self.can_open(at),
                    '~' => self.inert_run(at),
                    _ => true,
                }
            })
    }

    /// The line written out, and where each span starts in it.
    fn write(&self, spans: &[Span], whole: &[bool]) -> (String, Vec<usize>) {
        let mut out = String::with_capacity(self.text.len() + 8);
        let mut starts = vec![0; spans.len()];
        let killed = self.killed_triggers(spans, whole);
        let starting = |at: usize| spans.binary_search_by_key(&at, |s| s.start).ok();
        let bytes = self.text.as_bytes();
        let mut at = 0;
        while let Some(c) = self.char_at(at) {
            if at > 0 && at >= self.leading && !is_special(bytes[at]) {
                // Copy up to the next character that could need an escape or starts a link.
                let next_span = spans[spans.partition_point(|s| s.start < at)..]
                    .first()
                    .map_or(bytes.len(), |s| s.start);
                let stop = bytes[at..next_span]
                    .iter()
                    .position(|&b| is_special(b))
                    .map_or(next_span, |p| at + p);
                if stop > at {
                    out.push_str(&self.text[at..stop]);
                    at = stop;
                    continue;
                }
            }
            if let Some(s) = starting(at)
                && whole[s]
            {
                starts[s] = out.len();
                out.push_str(&self.text[spans[s].start..spans[s].end]);
                at = spans[s].end;
                // What GFM drops from the end of the link, up to the next space.
                while let Some(c) = self.char_at(at) {
                    if c == ' ' || starting(at).is_some() {
                        break;
                    }
                    match c {
                        '?' | '!' | '.' | ',' | ':' | '\'' | '"' | ')' | ';' => out.push(c),
                        '~' if self.lone_tilde => out.push(c),
                        '*' => out.push_str("&ast;"),
                        '_' => out.push_str("&lowbar;"),
                        ']' => out.push_str("&rsqb;"),
                        '>' => out.push_str("&gt;"),
                        _ => self.push_escaped(&mut out, at, c, &killed),
                    }
                    at += c.len_utf8();
                }
                continue;
            }
            self.push_escaped(&mut out, at, c, &killed);
            at += c.len_utf8();
        }
        (out, starts)
    }

    /// The bytes whose escape keeps GFM from starting a link that cannot be written whole: the
    /// `:` of each URL and the `.` of each `www.` outside the links that are.
    fn killed_triggers(&self, spans: &[Span], whole: &[bool]) -> Vec<usize> {
        // Spans come in order and never overlap: the one `at` may be in starts last before it.
        let inside = |at: usize| {
            let after = spans.partition_point(|s| s.start <= at);
            after > 0 && whole[after - 1] && at < spans[after - 1].end
        };
        let mut killed: Vec<usize> = autolink::url_triggers(self.text)
            .chain(autolink::www_triggers(self.text).map(|i| i + 3))
            .filter(|&at| !inside(at))
            .collect();
        killed.sort_unstable();
        killed
    }

    fn push_escaped(&self, out: &mut String, at: usize, c: char, killed: &[usize]) {
        if c.is_ascii() && !is_special(c as u8) && at > 0 && at >= self.leading {
            // Nothing else could need an escape there.
            out.push(c);
            return;
        }
        if at < self.leading {
            // Leading spaces would be dropped, or make an indented code block.
            out.push_str(if at == 0 { "&#32;" } else { " " });
            return;
        }
        if killed.binary_search(&at).is_ok() || self.needs_escape(at, c) {
            out.push('\\');
        }
        out.push(c);
    }

    fn needs_escape(&self, at: usize, c: char) -> bool {
        let next = self.after(at);
        let space_or_end = next.is_none_or(|n| n == ' ');
        if at == 0 && self.starts_structure(c, space_or_end) {
            return true;
        }
        match c {
            '`' | '[' | '|' => true,
            '\\' => self.backslash_escapes(at),
            '*' | '_' | '~' => !self.inert_run(at),
            '<' => next.is_some_and(|n| !n.is_whitespace()),
            '&' => self.entity_at(at),
            '.' | ')' => space_or_end && at > 0 && at == self.digits,
            '#' => self.place == Place::Inline && self.in_closing_hashes(at),
            _ => false,
        }
    }

    /// Whether `c`, first on the line, would start a heading, quote, list item, rule, setext
    /// underline or table delimiter row.
    fn starts_structure(&self, c: char, space_or_end: bool) -> bool {
        let only = |allowed: &str| self.text.chars().all(|d| allowed.contains(d));
        let count = |x: char| self.text.chars().filter(|&d| d == x).count();
        match c {
            '>' => true,
            '~' => self.text.starts_with("~~~"),
            '#' => {
                let rest = self.text.trim_start_matches('#');
                rest.is_empty() || rest.starts_with(' ')
            }
            '-' | '+' | '*' if space_or_end => true,
            '-' | '*' | '_' if only(&format!("{c} ")) && count(c) >= 3 => true,
            '-' | '=' if only(&c.to_string()) => true,
            '-' | ':' | '|' => only("|-: ") && self.text.contains('-'),
            _ => false,
        }
    }

    /// A `\` reads as an escape before ASCII punctuation, and as a hard break at the end.
    fn backslash_escapes(&self, at: usize) -> bool {
        self.char_at(at + 1)
            .is_none_or(|n| n.is_ascii_punctuation())
    }

    /// An `&` followed by what could be an entity's name or number and a `;`.
    fn entity_at(&self, at: usize) -> bool {
        let rest = &self.text[at + 1..];
        let name = rest
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || *b == b'#')
            .count();
        name > 0 && rest.as_bytes().get(name) == Some(&b';')
    }

    /// Whether the run of `*`, `_` or `~` at `at` can neither open nor close anything.
    fn inert_run(&self, at: usize) -> bool {
        let c = self.text.as_bytes()[at];
        if c == b'~' && self.lone_tilde {
            return true;
        }
        let (first, end) = self.run(at);
        let before = self.before(first);
        let after = self.char_at(end);
        // A line's start is blank (a line break, or the block's start); inline text may sit
        // between convene's own `**`. Its end is not: a hard break's `\` may follow it, and a
        // run before that `\` can open emphasis that a later line closes.
        let edge = self.place == Place::Block;
        let blank_before = before.map_or(edge, char::is_whitespace);
        let blank_after = after.is_some_and(char::is_whitespace);
        let letter = |x: Option<char>| x.is_some_and(char::is_alphanumeric);
        (blank_before && blank_after) || (c == b'_' && letter(before) && letter(after))
    }

    /// Whether the run of `_` at `at` could open emphasis (CommonMark's rule: left-flanking,
    /// and not right-flanking unless punctuation comes before it).
    fn can_open(&self, at: usize) -> bool {
        let (first, end) = self.run(at);
        let edge = self.place == Place::Block;
        let before = self.before(first);
        let after = self.char_at(end);
        let blank = |x: Option<char>| x.map_or(edge, char::is_whitespace);
        let punct = |x: Option<char>| x.map_or(!edge, autolink::is_punctuation);
        let left = !blank(after) && (!punct(after) || blank(before) || punct(before));
        let right = !blank(before) && (!punct(before) || blank(after) || punct(after));
        left && (!right || punct(before))
    }

    /// The run of the ASCII character at `at`: where it starts and where it ends.
    fn run(&self, at: usize) -> (usize, usize) {
        let (first, end) = self.last_run.get();
        if (first..end).contains(&at) {
            return (first, end);
        }
        let bytes = self.text.as_bytes();
        let c = bytes[at];
        let first = at - bytes[..at].iter().rev().take_while(|&&b| b == c).count();
        let end = at + bytes[at..].iter().take_while(|&&b| b == c).count();
        self.last_run.set((first, end));
        (first, end)
    }

    /// Whether `at` is in a run of `#` that ends the line after a space: a heading's closing
    /// sequence, which would be dropped.
    fn in_closing_hashes(&self, at: usize) -> bool {
        self.closing_hashes.is_some_and(|first| at >= first)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(line: &str) -> String {
        escape_line(line, Place::Block, false).text
    }

    #[test]
    fn ordinary_punctuation_stays_as_typed() {
        for line in [
            "Zoë's 3.5 hours - fine",
            "R&D, a > b, 2 * 3 = 6, C:\\Users\\me",
            "(yes!) \"quoted\" snake_case 40-60 people",
            "a ~ b, #hashtag, -40 degrees, +1",
            "1.5 litres",
        ] {
            assert_eq!(block(line), line);
        }
    }

    #[test]
    fn what_would_start_structure_is_escaped() {
        assert_eq!(block("# Heading"), "\\# Heading");
        assert_eq!(block("- item"), "\\- item");
        assert_eq!(block("* item"), "\\* item");
        assert_eq!(block("1. first"), "1\\. first");
        assert_eq!(block("12) twelfth"), "12\\) twelfth");
        assert_eq!(block("> quote"), "\\> quote");
        assert_eq!(block("---"), "\\---");
        assert_eq!(block("--"), "\\--");
        assert_eq!(block("==="), "\\===");
        // The last could open emphasis before a hard break's backslash (see `inert_run`).
        assert_eq!(block("_ _ _"), "\\_ _ \\_");
        assert_eq!(block(":-|-"), "\\:-\\|-");
        assert_eq!(block(":-"), "\\:-");
        assert_eq!(
            block("[x](javascript:alert(1))"),
            "\\[x](javascript:alert(1))"
        );
        assert_eq!(block("<script>x</script>"), "\\<script>x\\</script>");
        assert_eq!(
            block("a *b* `c` __d__ ~~e~~"),
            "a \\*b\\* \\`c\\` \\_\\_d\\_\\_ \\~\\~e\\~\\~"
        );
        assert_eq!(block("&amp; &#60; a\\*"), "\\&amp; \\&#60; a\\\\\\*");
        assert_eq!(block("ends in \\"), "ends in \\\\");
        assert_eq!(block("  two spaces"), "&#32; two spaces");
        assert_eq!(escape_line("Room #", Place::Inline, false).text, "Room \\#");
    }

    #[test]
    fn links_stay_whole() {
        assert_eq!(
            block("see https://example.org/a_b_c."),
            "see https://example.org/a_b_c."
        );
        assert_eq!(block("*www.x.org*"), "\\*www.x.org&ast;");
        assert_eq!(block("[https://x.org]"), "\\[https://x.org&rsqb;");
        assert_eq!(block("<https://x.org>"), "\\<https://x.org&gt;");
        assert!(escape_line("at https://x.org", Place::Block, false).ends_in_link);
        assert!(!escape_line("at https://x.org now", Place::Block, false).ends_in_link);
    }

    #[test]
    fn links_that_cannot_stay_whole_are_no_links() {
        assert_eq!(block("https://x.org/*a*"), "https\\://x.org/\\*a\\*");
        assert_eq!(block("www.x.org/`a`"), "www\\.x.org/\\`a\\`");
        assert_eq!(block("http://a|b"), "http\\://a\\|b");
        assert_eq!(block("https://x.org/~a~"), "https\\://x.org/\\~a\\~");
        assert_eq!(
            escape_line("https://x.org/~a", Place::Block, true).text,
            "https://x.org/~a"
        );
    }
}
