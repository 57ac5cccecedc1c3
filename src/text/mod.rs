//! Making text from files safe to show.
//!
//! A community file is plain text that anyone can edit, copy from an email or receive from a
//! stranger. Whatever it holds must never be able to drive the terminal (escape sequences move
//! the cursor, change the title, or worse), reorder what is shown (bidi overrides make `evil.exe`
//! look like `exe.live`), or hide characters (zero-width spaces make two different names look
//! equal). Every place that prints text taken from a file — the command line, error messages, and
//! later the TUI — goes through [`sanitize`] or [`sanitize_line`].
//!
//! Neutralised characters are not dropped silently: they become a visible `\u{…}` marker, so a
//! facilitator sees that something odd is in the file and can find it in an editor. Which
//! characters count is Unicode's data, not a list kept here ([`invisible`] says which
//! properties); emoji sequences that need a joiner, a variation selector or tags keep them, so
//! 👩‍🔬, ❤️, 1️⃣ and 🏴󠁧󠁢󠁳󠁣󠁴󠁿 still draw as emoji.
//!
//! The work is done one grapheme cluster at a time (what the terminal draws as one character),
//! and only when the fast path — one scan, no allocation, no Unicode tables for ASCII — found
//! something to look at.

mod invisible;

use std::borrow::Cow;
use std::fmt::Write as _;

use unicode_segmentation::UnicodeSegmentation;

pub use invisible::{emoji_sequence, hazardous_ranges, is_hazardous};

/// Text made safe to draw, keeping line breaks (and tabs as four spaces).
///
/// Use this for multi-line answers; use [`sanitize_line`] where the text must stay on one line.
pub fn sanitize(text: &str) -> Cow<'_, str> {
    neutralise(text, Policy::Block)
}

/// Text made safe to print on a single line: line breaks also become visible markers.
pub fn sanitize_line(text: &str) -> Cow<'_, str> {
    neutralise(text, Policy::Line)
}

/// JSON text (as serde_json writes it) with every hazardous character written as a `\uXXXX`
/// escape: a JSON reader gets exactly the text the facilitator wrote, and a person reading the
/// raw file sees nothing invisible or reordered. Unlike the screen, emoji sequences are escaped
/// too: JSON is read by tools, for which the escape is the same text, so there is nothing to gain
/// from judging which joiners are honest. Safe on whole JSON
/// documents: outside strings JSON is ASCII, and the only raw control there is the pretty
/// printer's newline, which is kept.
pub fn escape_json(json: &str) -> Cow<'_, str> {
    neutralise(json, Policy::Json)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Policy {
    /// Newlines kept, tabs as four spaces, hazards as `\u{…}` markers.
    Block,
    /// Newlines as markers too, tabs as one space.
    Line,
    /// Newlines kept, hazards as JSON `\uXXXX` escapes.
    Json,
}

impl Policy {
    /// Whether `c` needs a closer look: a hazard, or a character this policy rewrites.
    fn suspect(self, c: char) -> bool {
        match c {
            '\n' => self == Policy::Line,
            '\t' => self != Policy::Json,
            c => is_hazardous(c),
        }
    }
}

fn neutralise(text: &str, policy: Policy) -> Cow<'_, str> {
    // The common case — clean text — is decided in one pass without allocating: this runs on
    // every line of every frame. ASCII needs no Unicode data at all.
    let clean = if text.is_ascii() {
        !text.bytes().any(|b| policy.suspect(char::from(b)))
    } else {
        !text.chars().any(|c| policy.suspect(c))
    };
    if clean {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut changed = false;
    for cluster in text.graphemes(true) {
        let honest_emoji = policy != Policy::Json && emoji_sequence(cluster);
        if honest_emoji || !cluster.chars().any(|c| policy.suspect(c)) {
            out.push_str(cluster);
            continue;
        }
        changed = true;
        let mut chars = cluster.chars().peekable();
        while let Some(c) = chars.next() {
            if !policy.suspect(c) {
                out.push(c);
            } else if c == '\t' {
                out.push_str(if policy == Policy::Block { "    " } else { " " });
            } else if c == '\r' && policy == Policy::Block && chars.peek() == Some(&'\n') {
                // A Windows line ending: the newline that follows carries the meaning.
            } else if policy == Policy::Json {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    let _ = write!(out, "\\u{unit:04x}");
                }
            } else {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
        }
    }
    if changed {
        Cow::Owned(out)
    } else {
        Cow::Borrowed(text)
    }
}

/// `text` cut to at most `max` terminal columns, with an ellipsis if anything was cut. Widths are
/// display widths (a CJK character or an emoji takes two columns), never bytes or chars.
pub fn fit(text: &str, max: usize) -> String {
    use unicode_width::UnicodeWidthStr;
    if text.width() <= max {
        return text.to_string();
    }
    // Cut between grapheme clusters: a cut inside 👩‍🔬 would leave a bare joiner behind.
    let mut out = String::new();
    let mut used = 0;
    for g in text.graphemes(true) {
        let w = g.width();
        if used + w + 1 > max {
            break;
        }
        used += w;
        out.push_str(g);
    }
    if max > 0 {
        out.push('…');
    }
    out
}

/// `text` cut to at most `max` terminal columns from its start, keeping its end — where typing
/// happens on a one-line input — behind an ellipsis.
pub fn fit_end(text: &str, max: usize) -> String {
    use unicode_width::UnicodeWidthStr;
    if text.width() <= max {
        return text.to_string();
    }
    let mut tail = Vec::new();
    let mut used = 0;
    for g in text.graphemes(true).rev() {
        let w = g.width();
        if used + w + 1 > max {
            break;
        }
        used += w;
        tail.push(g);
    }
    let mut out = String::new();
    if max > 0 {
        out.push('…');
    }
    out.extend(tail.into_iter().rev());
    out
}

/// Each of `labels` cut to `max` columns as [`fit`] cuts it, except that labels which would then
/// read the same while they differ keep their ends too, around one ellipsis ("What will the
/// group…feel like?"), so that a list of them can still be told apart.
pub fn fit_apart(labels: &[String], max: usize) -> Vec<String> {
    use unicode_width::UnicodeWidthStr;
    let fitted: Vec<String> = labels.iter().map(|l| fit(l, max)).collect();
    fitted
        .iter()
        .enumerate()
        .map(|(i, cut)| {
            let clash = fitted
                .iter()
                .zip(labels)
                .enumerate()
                .any(|(j, (other, whole))| j != i && other == cut && *whole != labels[i]);
            if !clash || max < 5 {
                return cut.clone();
            }
            let start = fit(&labels[i], max / 2);
            let start = start.strip_suffix('…').unwrap_or(&start);
            let end = fit_end(&labels[i], max - start.width());
            format!("{start}{end}")
        })
        .collect()
}

/// `text` padded with spaces to `width` terminal columns.
pub fn pad(text: &str, width: usize) -> String {
    let mut out = text.to_string();
    let used = unicode_width::UnicodeWidthStr::width(text);
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(used)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_that_would_read_the_same_keep_their_ends() {
        let labels = [
            "What will the group dynamics feel like?".to_string(),
            "What will the group conversations look like?".to_string(),
            "Who takes part?".to_string(),
        ];
        let cut = fit_apart(&labels, 20);
        assert_eq!(cut[2], "Who takes part?", "short labels are untouched");
        assert_ne!(cut[0], cut[1], "{cut:?}");
        for label in &cut {
            assert!(
                unicode_width::UnicodeWidthStr::width(label.as_str()) <= 20,
                "{label}"
            );
        }
        assert!(
            cut[0].ends_with("feel like?") && cut[0].starts_with("What will"),
            "{cut:?}"
        );
        // Labels that differ already after the cut are cut as fit cuts them.
        let apart = [
            "Alpha one two three".to_string(),
            "Beta one two three".to_string(),
        ];
        assert_eq!(fit_apart(&apart, 8), [fit(&apart[0], 8), fit(&apart[1], 8)]);
    }

    #[test]
    fn fit_end_keeps_the_end_whole_and_within_the_width() {
        use unicode_width::UnicodeWidthStr;
        assert_eq!(fit_end("short", 10), "short");
        assert_eq!(fit_end("abcdefghij", 5), "…ghij");
        // Wide characters and emoji are never cut in half.
        let cut = fit_end("日本語のテキスト 👩‍🔬", 7);
        assert!(cut.width() <= 7, "{cut}");
        assert!(cut.ends_with("👩‍🔬"), "{cut}");
        assert_eq!(fit_end("abc", 0), "");
    }

    #[test]
    fn plain_text_is_borrowed_unchanged() {
        let text = "Café 日本 🙂 — line\nnext";
        assert!(matches!(sanitize(text), Cow::Borrowed(t) if t == text));
    }

    #[test]
    fn escape_sequences_become_visible() {
        assert_eq!(sanitize_line("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(sanitize_line("bell\u{7}"), "bell\\u{7}");
        assert_eq!(sanitize_line("c1\u{9b}"), "c1\\u{9b}");
    }

    #[test]
    fn bidi_and_zero_width_are_neutralised() {
        assert_eq!(sanitize("exe\u{202e}txt"), "exe\\u{202e}txt");
        assert_eq!(sanitize("a\u{200b}b"), "a\\u{200b}b");
        assert_eq!(sanitize("\u{feff}x"), "\\u{feff}x");
        assert_eq!(sanitize("a\u{200d}b"), "a\\u{200d}b");
    }

    #[test]
    fn emoji_sequences_keep_their_joiner() {
        let family = "👩\u{200d}💻";
        assert_eq!(sanitize(family), family);
    }

    #[test]
    fn fitting_and_padding_count_display_columns() {
        assert_eq!(fit("看護師の会", 6), "看護…");
        assert_eq!(fit("short", 10), "short");
        // Never inside an emoji sequence.
        assert_eq!(fit("ab👩\u{200d}🔬cd", 4), "ab…");
        assert_eq!(fit("ab👩\u{200d}🔬cd", 5), "ab👩\u{200d}🔬…");
        assert_eq!(pad("看護", 6), "看護  ");
        assert_eq!(pad("toolong", 3), "toolong");
    }

    #[test]
    fn newlines_depend_on_the_mode() {
        assert_eq!(sanitize("a\r\nb\tc"), "a\nb    c");
        assert_eq!(sanitize_line("a\nb"), "a\\u{a}b");
    }

    #[test]
    fn nothing_hazardous_survives() {
        let all: String = (0u32..0x3000).filter_map(char::from_u32).collect();
        for mode in [sanitize(&all), sanitize_line(&all)] {
            assert!(
                !mode.chars().any(|c| is_hazardous(c) && c != '\n'),
                "a hazardous character survived"
            );
        }
    }

    /// Every member of the data's sets, between two letters, is neutralised in every mode.
    #[test]
    fn every_default_ignorable_and_bidi_control_is_neutralised() {
        let mut seen = 0;
        for c in hazardous_ranges().flatten().filter_map(char::from_u32) {
            seen += 1;
            assert!(is_hazardous(c), "U+{:04X}", c as u32);
            let text = format!("a{c}b");
            // JSON's own controls are serde_json's to escape; the pretty printer's newline stays.
            let json = if c.is_ascii_control() {
                Cow::Borrowed("")
            } else {
                escape_json(&text)
            };
            for shown in [sanitize_line(&text), sanitize(&text), json] {
                assert!(
                    !shown.contains(c) || c == '\n',
                    "U+{:04X} survived: {shown:?}",
                    c as u32
                );
            }
            if c != '\t' {
                assert!(sanitize_line(&text).contains(&format!("\\u{{{:x}}}", c as u32)));
            }
        }
        // The data, not a short list: tags alone are 4,096 default-ignorable code points.
        assert!(seen > 4_200, "only {seen} hazardous code points");
    }

    /// The characters the issue names are in the data's sets (a guard against a wrong property).
    #[test]
    fn known_invisible_characters_are_in_the_set() {
        for c in [
            '\u{ad}',
            '\u{34f}',
            '\u{61c}',
            '\u{115f}',
            '\u{1160}',
            '\u{17b4}',
            '\u{180b}',
            '\u{180f}',
            '\u{200b}',
            '\u{200d}',
            '\u{200e}',
            '\u{202e}',
            '\u{2060}',
            '\u{2066}',
            '\u{206f}',
            '\u{3164}',
            '\u{fe00}',
            '\u{fe0f}',
            '\u{feff}',
            '\u{ffa0}',
            '\u{fffc}',
            '\u{1d173}',
            '\u{e0001}',
            '\u{e0041}',
            '\u{e007f}',
            '\u{e0100}',
            '\u{e0fff}',
        ] {
            assert!(is_hazardous(c), "U+{:04X}", c as u32);
        }
        for c in ['a', 'é', '日', '🙂', '\u{20e3}', '\u{1f3fb}', ' ', '\u{a0}'] {
            assert!(!is_hazardous(c), "U+{:04X}", c as u32);
        }
    }

    const EMOJI: [&str; 9] = [
        "👩\u{200d}🔬",
        "❤\u{fe0f}",
        "1\u{fe0f}\u{20e3}",
        "#\u{fe0f}\u{20e3}",
        "🏴\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f}",
        "🏳\u{fe0f}\u{200d}🌈",
        "👩🏽\u{200d}💻",
        "👨\u{200d}👩\u{200d}👧\u{200d}👦",
        "🇳🇿",
    ];

    #[test]
    fn emoji_sequences_survive_and_draw_two_columns_wide() {
        for emoji in EMOJI {
            for text in [emoji.to_string(), format!("Ferry {emoji} crews")] {
                assert!(
                    matches!(sanitize_line(&text), Cow::Borrowed(t) if t == text),
                    "{emoji:?} was changed"
                );
                let json = escape_json(&serde_json::to_string(&text).unwrap()).into_owned();
                assert!(json.is_ascii() || !json.chars().any(is_hazardous), "{json}");
                assert_eq!(serde_json::from_str::<String>(&json).unwrap(), text);
            }
            assert_eq!(unicode_width::UnicodeWidthStr::width(emoji), 2, "{emoji:?}");
        }
    }

    #[test]
    fn the_same_characters_outside_emoji_are_neutralised() {
        let cases = [
            ("a\u{fe0f}", "a\\u{fe0f}"),
            ("葛\u{e0100}", "葛\\u{e0100}"),
            ("x\u{e0041}\u{e0042}", "x\\u{e0041}\\u{e0042}"),
            // Tags smuggling words after an emoji that is not a flag, or too many for a flag.
            (
                "😀\u{e0068}\u{e0069}\u{e007f}",
                "😀\\u{e0068}\\u{e0069}\\u{e007f}",
            ),
            ("👩\u{200d}\u{200d}🔬", "👩\\u{200d}\\u{200d}🔬"),
            ("Ferry\u{ad}crews", "Ferry\\u{ad}crews"),
            ("\u{3164}", "\\u{3164}"),
            ("a\u{34f}b", "a\\u{34f}b"),
            ("obj\u{fffc}", "obj\\u{fffc}"),
        ];
        for (text, shown) in cases {
            assert_eq!(sanitize_line(text), shown);
        }
        let long_flag: String = std::iter::once('🏴')
            .chain(std::iter::repeat_n('\u{e0061}', 12))
            .chain(['\u{e007f}'])
            .collect();
        assert!(!sanitize_line(&long_flag).contains('\u{e0061}'));
    }

    #[test]
    fn json_keeps_the_text_as_escapes() {
        assert_eq!(escape_json("\"a\u{ad}b\""), "\"a\\u00adb\"");
        assert_eq!(escape_json("\"\u{e0041}\""), "\"\\udb40\\udc41\"");
        assert_eq!(escape_json("{\n  \"a\": 1\n}"), "{\n  \"a\": 1\n}");
    }

    fn piece() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let hazards: Vec<char> = hazardous_ranges()
            .flatten()
            .filter_map(char::from_u32)
            .collect();
        prop_oneof![
            "[a-zA-Z0-9 #*é日]{1,3}",
            proptest::sample::select(hazards).prop_map(String::from),
            proptest::sample::select(EMOJI.to_vec()).prop_map(String::from),
            proptest::sample::select(vec!["🏴", "😀", "❤", "\u{20e3}", "\u{1f3fb}", "\n"])
                .prop_map(String::from),
        ]
    }

    proptest::proptest! {
        /// Whatever the mix, what comes out holds hazards only inside emoji sequences.
        #[test]
        fn no_hazard_outside_an_emoji_sequence(pieces in proptest::collection::vec(piece(), 0..12)) {
            let text = pieces.concat();
            for (shown, newline_ok) in [(sanitize(&text), true), (sanitize_line(&text), false)] {
                for cluster in shown.graphemes(true) {
                    let bad = cluster
                        .chars()
                        .any(|c| is_hazardous(c) && !(newline_ok && c == '\n'));
                    proptest::prop_assert!(
                        !bad || emoji_sequence(cluster),
                        "{cluster:?} in {shown:?}"
                    );
                }
            }
        }
    }
}
