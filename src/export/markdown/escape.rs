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

struct Line<'a> {
    text: &'a str,
    chars: Vec<(usize, char)>,
    /// For each character, the run of the same character it is in: its first index and the one
    /// after its last.
    runs: Vec<(usize, usize)>,
    place: Place,
    lone_tilde: bool,
    /// How many spaces the line starts with.
    leading: usize,
    /// Where a closing run of `#` after a space starts, if the line ends in one.
    closing_hashes: Option<usize>,
}

impl<'a> Line<'a> {
    fn new(text: &'a str, place: Place, lone_tilde: bool) -> Self {
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let leading = chars.iter().take_while(|(_, c)| *c == ' ').count();
        let mut runs = Vec::with_capacity(chars.len());
        let mut first = 0;
        for k in 0..chars.len() {
            if chars[k].1 != chars[first].1 {
                let end = k;
                runs.extend(std::iter::repeat_n((first, end), end - first));
                first = k;
            }
        }
        runs.extend(std::iter::repeat_n(
            (first, chars.len()),
            chars.len() - first,
        ));
        let trimmed = text.trim_end_matches('#');
        let closing_hashes = (trimmed.len() < text.len() && trimmed.ends_with(' '))
            .then(|| chars.partition_point(|&(o, _)| o < trimmed.len()));
        Line {
            text,
            chars,
            runs,
            place,
            lone_tilde,
            leading,
            closing_hashes,
        }
    }

    fn char_at(&self, k: usize) -> Option<char> {
        self.chars.get(k).map(|&(_, c)| c)
    }

    /// The character a reader sees before the one at `k`: none at the start of the line, and
    /// the `;` of `&#32;` after a single leading space.
    fn before(&self, k: usize) -> Option<char> {
        match k {
            0 => None,
            1 if self.leading == 1 => Some(';'),
            _ => self.char_at(k - 1),
        }
    }

    /// Index into `chars` of the byte offset `at`.
    fn index(&self, at: usize) -> usize {
        self.chars.partition_point(|&(o, _)| o < at)
    }

    /// Whether the link `span` can be written as it is.
    fn can_keep(&self, span: &Span) -> bool {
        if span.kind == Kind::Www && span.start > 0 && self.index(span.start) == self.leading {
            // After `&#32;`, `www.` no longer follows a space.
            if self.leading == 1 {
                return false;
            }
        }
        let (from, to) = (self.index(span.start), self.index(span.end));
        (from..to).all(|k| {
            let c = self.chars[k].1;
            match c {
                '`' | '[' | '|' | '<' | '*' => false,
                '\\' => !self.backslash_escapes(k),
                '&' => !self.entity_at(k),
                // No `_` left as it is can open emphasis, so one that can only close is inert.
                '_' => !self.can_open(k),
                '~' => self.inert_run(k),
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
        let mut k = 0;
        while k < self.chars.len() {
            let at = self.chars[k].0;
            if let Some(s) = starting(at)
                && whole[s]
            {
                starts[s] = out.len();
                out.push_str(&self.text[spans[s].start..spans[s].end]);
                k = self.index(spans[s].end);
                // What GFM drops from the end of the link, up to the next space.
                while let Some(c) = self.char_at(k) {
                    let at = self.chars[k].0;
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
                        _ => self.push_escaped(&mut out, k, &killed),
                    }
                    k += 1;
                }
                continue;
            }
            self.push_escaped(&mut out, k, &killed);
            k += 1;
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

    fn push_escaped(&self, out: &mut String, k: usize, killed: &[usize]) {
        let (at, c) = self.chars[k];
        if k < self.leading {
            // Leading spaces would be dropped, or make an indented code block.
            out.push_str(if k == 0 { "&#32;" } else { " " });
            return;
        }
        if killed.binary_search(&at).is_ok() || self.needs_escape(k) {
            out.push('\\');
        }
        out.push(c);
    }

    fn needs_escape(&self, k: usize) -> bool {
        let c = self.chars[k].1;
        let next = self.char_at(k + 1);
        let space_or_end = next.is_none_or(|n| n == ' ');
        if k == 0 && self.starts_structure(c, space_or_end) {
            return true;
        }
        match c {
            '`' | '[' | '|' => true,
            '\\' => self.backslash_escapes(k),
            '*' | '_' | '~' => !self.inert_run(k),
            '<' => next.is_some_and(|n| !n.is_whitespace()),
            '&' => self.entity_at(k),
            '.' | ')' => {
                space_or_end && k > 0 && self.chars[..k].iter().all(|(_, d)| d.is_ascii_digit())
            }
            '#' => self.place == Place::Inline && self.in_closing_hashes(k),
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
    fn backslash_escapes(&self, k: usize) -> bool {
        self.char_at(k + 1).is_none_or(|n| n.is_ascii_punctuation())
    }

    /// An `&` followed by what could be an entity's name or number and a `;`.
    fn entity_at(&self, k: usize) -> bool {
        let rest = &self.text[self.chars[k].0 + 1..];
        let name = rest
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || *b == b'#')
            .count();
        name > 0 && rest.as_bytes().get(name) == Some(&b';')
    }

    /// Whether the run of `*`, `_` or `~` around `k` can neither open nor close anything.
    fn inert_run(&self, k: usize) -> bool {
        let c = self.chars[k].1;
        if c == '~' && self.lone_tilde {
            return true;
        }
        let (first, end) = self.run(k);
        let before = self.before(first);
        let after = self.char_at(end);
        // A line's ends are blank; inline text may sit between convene's own `**`.
        let edge = self.place == Place::Block;
        let blank = |x: Option<char>| x.map_or(edge, char::is_whitespace);
        let letter = |x: Option<char>| x.is_some_and(char::is_alphanumeric);
        (blank(before) && blank(after)) || (c == '_' && letter(before) && letter(after))
    }

    /// Whether the run of `_` around `k` could open emphasis (CommonMark's rule: left-flanking,
    /// and not right-flanking unless punctuation comes before it).
    fn can_open(&self, k: usize) -> bool {
        let (first, end) = self.run(k);
        let edge = self.place == Place::Block;
        let before = self.before(first);
        let after = self.char_at(end);
        let blank = |x: Option<char>| x.map_or(edge, char::is_whitespace);
        let punct = |x: Option<char>| x.map_or(!edge, autolink::is_punctuation);
        let left = !blank(after) && (!punct(after) || blank(before) || punct(before));
        let right = !blank(before) && (!punct(before) || blank(after) || punct(after));
        left && (!right || punct(before))
    }

    /// The run of the same character around `k`: its first index and the one after its last.
    fn run(&self, k: usize) -> (usize, usize) {
        self.runs[k]
    }

    /// Whether `k` is in a run of `#` that ends the line after a space: a heading's closing
    /// sequence, which would be dropped.
    fn in_closing_hashes(&self, k: usize) -> bool {
        self.closing_hashes.is_some_and(|first| k >= first)
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
        assert_eq!(block("_ _ _"), "\\_ _ _");
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
