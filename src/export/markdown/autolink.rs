//! Where GitHub-flavoured Markdown turns typed text into a link, so the writer can leave it whole.
//!
//! GFM's autolink extension (GitHub's cmark-gfm, and comrak, which the tests render with) links
//! `http://`, `https://` and `ftp://` URLs and `www.` addresses while it parses, reading the raw
//! line: from the scheme (or `www.`, at the start of a line or after a space, `*`, `_`, `~`, `(`
//! or `[`) up to the next space or `<`, then dropping trailing `?!.,:*_~'"`, a `)` with no `(` to
//! match it and a trailing entity such as `&amp;`. The link's address is that raw text, so a
//! backslash written there to escape a character, or to break the line, ends up inside the
//! address. [`spans`] finds these links in the facilitator's text as GFM would, with two more
//! rules: a `]` with no `[` is dropped from the end too, so `[see https://x.org]` does not link to
//! `x.org]`, and so is the `>` of `<https://x.org>`. [`links_as`] checks that the escaped text
//! still makes the same link. E-mail addresses need nothing here: GFM finds them in the text once
//! escapes are undone.
//!
//! This follows comrak's `parser/autolink.rs` (`url_match`, `www_match`, `check_domain`,
//! `autolink_delim`) without its relaxed mode.

use icu_properties::CodePointMapData;
use icu_properties::props::{GeneralCategory, GeneralCategoryGroup};

/// What starts a link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// `http://`, `https://` or `ftp://`; `trigger` is the byte offset of its `:`.
    Url { trigger: usize },
    /// `www.`; its `.` is at `start + 3`.
    Www,
}

/// A link GFM makes of `line[start..end]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Span {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
}

const SCHEMES: [&str; 3] = ["http", "https", "ftp"];

/// The links GFM makes of `line`, in order.
pub(super) fn spans(line: &str) -> Vec<Span> {
    let bytes = line.as_bytes();
    if !bytes.contains(&b':') && !line.contains("www.") {
        return Vec::new();
    }
    let mut found = Vec::new();
    let mut from = 0;
    let mut i = 0;
    while i < bytes.len() {
        let span = match bytes[i] {
            b':' => url_at(line, i, from),
            b'w' => www_at(line, i),
            _ => None,
        };
        match span {
            Some(span) => {
                found.push(span);
                i = span.end.max(i + 1);
                from = i;
            }
            None => i += 1,
        }
    }
    found
}

/// The offsets of every `:` in `line` that GFM would try as the start of a URL (an `http`,
/// `https` or `ftp` of its own, followed by `//`), whether or not a link follows.
pub(super) fn url_triggers(line: &str) -> impl Iterator<Item = usize> + '_ {
    let bytes = line.as_bytes();
    let any = bytes.contains(&b':');
    (0..if any { bytes.len() } else { 0 }).filter(move |&i| {
        bytes[i] == b':' && bytes[i + 1..].starts_with(b"//") && scheme_before(line, i, 0).is_some()
    })
}

/// The offsets of every `www.` in `line` that does not follow a letter or digit: GFM tries each
/// such one as the start of an address.
pub(super) fn www_triggers(line: &str) -> impl Iterator<Item = usize> + '_ {
    line.match_indices("www.")
        .map(|(i, _)| i)
        .filter(move |&i| {
            !line[..i]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
        })
}

/// Whether escaped text starting at a link still makes the link `len` bytes long: GFM reads up to
/// the next space or `<` and drops what it drops from the end.
pub(super) fn links_as(escaped: &str, len: usize) -> bool {
    let bytes = escaped.as_bytes();
    let scanned = bytes
        .iter()
        .position(|&b| is_space(b))
        .unwrap_or(bytes.len());
    delim(escaped, scanned) == len
}

/// The scheme ending at `colon` (`http`, `https` or `ftp`, in any case, with no letter before
/// it), not reaching back before `from`: its start.
fn scheme_before(line: &str, colon: usize, from: usize) -> Option<usize> {
    let bytes = line.as_bytes();
    let mut start = colon;
    while start > from && bytes[start - 1].is_ascii_alphabetic() {
        start -= 1;
    }
    let scheme = &line[start..colon];
    SCHEMES
        .iter()
        .any(|s| scheme.eq_ignore_ascii_case(s))
        .then_some(start)
}

fn url_at(line: &str, colon: usize, from: usize) -> Option<Span> {
    let bytes = line.as_bytes();
    if bytes.len() - colon < 4 || !bytes[colon + 1..].starts_with(b"//") {
        return None;
    }
    let start = scheme_before(line, colon, from)?;
    if !line[colon + 3..].chars().next().is_some_and(is_hostchar) {
        return None;
    }
    let domain = check_domain(&line[colon + 3..], true)?;
    let end = scan_end(bytes, colon + 3 + domain);
    let end = colon + delim(&line[colon..], end - colon);
    let end = unwrap_angle(line, start, end);
    Some(Span {
        start,
        end,
        kind: Kind::Url { trigger: colon },
    })
}

fn www_at(line: &str, i: usize) -> Option<Span> {
    let bytes = line.as_bytes();
    if i > 0 && !is_space(bytes[i - 1]) && !b"*_~([".contains(&bytes[i - 1]) {
        return None;
    }
    if !line[i..].starts_with("www.") {
        return None;
    }
    let domain = check_domain(&line[i + 4..], false)?;
    let end = scan_end(bytes, i + 4 + domain);
    let end = i + delim(&line[i..], end - i);
    let end = unwrap_angle(line, i, end);
    Some(Span {
        start: i,
        end,
        kind: Kind::Www,
    })
}

/// A link typed between `<` and `>` ends before the `>` (GFM would read `<https://x.org>` as a
/// CommonMark autolink, which text that stays text cannot be).
fn unwrap_angle(line: &str, start: usize, end: usize) -> usize {
    let bytes = line.as_bytes();
    if start > 0 && bytes[start - 1] == b'<' && bytes[start..end].ends_with(b">") {
        start + delim(&line[start..], end - 1 - start)
    } else {
        end
    }
}

/// From `at`, the end of what GFM reads as one link: the next space (never `<`, which
/// [`delim`] cuts at).
fn scan_end(bytes: &[u8], at: usize) -> usize {
    bytes[at..]
        .iter()
        .position(|&b| is_space(b))
        .map_or(bytes.len(), |p| at + p)
}

/// GFM's space: the ASCII space, tab, line feed and carriage return.
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

/// A letter, digit or mark: neither space, punctuation nor symbol.
fn is_hostchar(c: char) -> bool {
    !(c.is_whitespace() || is_punctuation(c))
}

/// Punctuation as CommonMark and GFM mean it: Unicode's punctuation and symbols.
pub(super) fn is_punctuation(c: char) -> bool {
    let category = CodePointMapData::<GeneralCategory>::new().get(c);
    GeneralCategoryGroup::Punctuation.contains(category)
        || GeneralCategoryGroup::Symbol.contains(category)
}

/// How much of `data` is a domain GFM accepts: segments of host characters, `-` and `_`
/// separated by dots (at least one dot unless `allow_short`), no `_` in the last two segments.
fn check_domain(data: &str, allow_short: bool) -> Option<usize> {
    let mut end = 0;
    let mut dots = 0;
    let mut underscores = 0;
    let mut before_last_dot = 0;
    for (i, c) in data.char_indices() {
        match c {
            '\\' if i + 1 < data.len() => {}
            '_' => underscores += 1,
            '.' => {
                before_last_dot = underscores;
                underscores = 0;
                dots += 1;
            }
            c if is_hostchar(c) || c == '-' => {}
            _ => {
                end = i;
                break;
            }
        }
        end = i + c.len_utf8();
    }
    if dots > 10 {
        return Some(end);
    }
    if underscores > 0 || before_last_dot > 0 {
        return None;
    }
    (allow_short || dots > 0).then_some(end)
}

/// The end of a link read as `data[..end]` once GFM drops what it drops from its end; also a `]`
/// with no `[` before it (see the module's note).
fn delim(data: &str, mut end: usize) -> usize {
    let bytes = data.as_bytes();
    if let Some(lt) = bytes[..end].iter().position(|&b| b == b'<') {
        end = lt;
    }
    let count = |b: u8| bytes[..end].iter().filter(|&&c| c == b).count();
    let (opening, mut closing) = (count(b'('), count(b')'));
    let (brackets, mut closing_brackets) = (count(b'['), count(b']'));
    while end > 0 {
        match bytes[end - 1] {
            b'?' | b'!' | b'.' | b',' | b':' | b'*' | b'_' | b'~' | b'\'' | b'"' => end -= 1,
            b';' => {
                let mut at = end.saturating_sub(2);
                while at > 0 && bytes[at].is_ascii_alphabetic() {
                    at -= 1;
                }
                if end >= 2 && at < end - 2 && bytes[at] == b'&' {
                    end = at;
                } else {
                    end -= 1;
                }
            }
            b')' if closing > opening => {
                closing -= 1;
                end -= 1;
            }
            b']' if closing_brackets > brackets => {
                closing_brackets -= 1;
                end -= 1;
            }
            _ => break,
        }
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn links(line: &str) -> Vec<&str> {
        spans(line).iter().map(|s| &line[s.start..s.end]).collect()
    }

    #[test]
    fn links_end_where_gfm_ends_them() {
        assert_eq!(
            links("see https://example.org/a_b_c."),
            ["https://example.org/a_b_c"]
        );
        assert_eq!(links("(www.example.org/x)"), ["www.example.org/x"]);
        assert_eq!(
            links("https://en.wikipedia.org/wiki/Set_(mathematics))."),
            ["https://en.wikipedia.org/wiki/Set_(mathematics)"]
        );
        assert_eq!(links("http://x.org/&amp;"), ["http://x.org/"]);
        assert_eq!(links("[see https://x.org]"), ["https://x.org"]);
        assert_eq!(links("<https://x.org>."), ["https://x.org"]);
        assert_eq!(links("https://x.org>"), ["https://x.org>"]);
        assert_eq!(links("a https://x.org<b> c"), ["https://x.org"]);
        assert_eq!(
            links("HTTPS://X.ORG ftp://f.org"),
            ["HTTPS://X.ORG", "ftp://f.org"]
        );
    }

    #[test]
    fn what_gfm_does_not_link_is_not_a_span() {
        assert!(links("xhttp://x.org mailto:a@b.org www.x wwww.x.org a.www.x.org").is_empty());
        assert!(links("https://a_b.example_c.org http://*x \"www.x.org\"").is_empty());
        assert_eq!(links("*www.x.org*"), ["www.x.org"]);
    }

    #[test]
    fn escaped_text_must_make_the_same_link() {
        assert!(links_as("https://x.org \\", 13));
        assert!(!links_as("https://x.org\\", 13));
        assert!(links_as("https://x.org/&ast;&lowbar;&rsqb;).", 14));
        assert!(!links_as("https://x.org/\\*", 14));
    }
}
