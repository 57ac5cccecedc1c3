//! Which characters are invisible or reorder text, from Unicode's own data.
//!
//! A name can look like another (`Ferry\u{ad}crews` and `Ferry crews`), hide a message (tag
//! characters U+E0020… spell ASCII that no one sees: "ASCII smuggling"), or reorder what is shown
//! (bidi overrides). A hand-typed list of such characters goes stale with every Unicode version
//! and misses some (it missed the soft hyphen, U+034F and the Hangul fillers), so the set is
//! Unicode's: every `Default_Ignorable_Code_Point` and `Bidi_Control`, taken from
//! `icu_properties`' compiled data (Unicode's DerivedCoreProperties.txt and PropList.txt; Unicode
//! 18.0 in icu_properties_data 2.4, updated with the crate), plus the control characters (`Cc`),
//! the line and paragraph separators (`Zl`, `Zp`, newlines to some terminals), the interlinear
//! annotation controls U+FFF9–U+FFFB and U+FFFC OBJECT REPLACEMENT CHARACTER, which are format
//! characters but not default-ignorable.
//!
//! Some of these characters are also how emoji are spelled: the zero-width joiner in 👩‍🔬, the
//! variation selector in ❤️ and 1️⃣, tag characters in 🏴󠁧󠁢󠁳󠁣󠁴󠁿. [`emoji_sequence`] recognises those
//! sequences (UTS #51's grammar, from the `Emoji`, `Emoji_Modifier` and `Extended_Pictographic`
//! properties) so they keep drawing as emoji; the same character anywhere else is neutralised.
//! Tag sequences are held to the shape of a subdivision flag (🏴, 2–7 lowercase letters or
//! digits, CANCEL TAG): the grammar would let any emoji carry any tag text, which is exactly the
//! smuggling trick.

use icu_properties::CodePointSetData;
use icu_properties::props::{
    BidiControl, DefaultIgnorableCodePoint, Emoji, EmojiModifier, ExtendedPictographic,
};

const ZWJ: char = '\u{200d}';
const TEXT_STYLE: char = '\u{fe0e}';
const EMOJI_STYLE: char = '\u{fe0f}';
const KEYCAP: char = '\u{20e3}';
const BLACK_FLAG: char = '\u{1f3f4}';
const CANCEL_TAG: char = '\u{e007f}';

/// Whether `c` must never reach a terminal (or a reader of an export) as it is, unless it is part
/// of an emoji sequence.
pub fn is_hazardous(c: char) -> bool {
    if c.is_ascii() {
        // Controls are the only ASCII hazards (the ASCII fast path of `sanitize` relies on it).
        return c.is_ascii_control();
    }
    c.is_control()
        || CodePointSetData::new::<DefaultIgnorableCodePoint>().contains(c)
        || CodePointSetData::new::<BidiControl>().contains(c)
        // U+2028 and U+2029 are the only members of Zl and Zp.
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{fff9}'..='\u{fffc}')
}

/// Every hazardous code point, as ranges taken from the data (for tests, and for anyone who wants
/// to see the set).
pub fn hazardous_ranges() -> impl Iterator<Item = std::ops::RangeInclusive<u32>> {
    CodePointSetData::new::<DefaultIgnorableCodePoint>()
        .iter_ranges()
        .chain(CodePointSetData::new::<BidiControl>().iter_ranges())
        .chain([0x0..=0x1f, 0x7f..=0x9f, 0x2028..=0x2029, 0xfff9..=0xfffc])
}

fn is_emoji(c: char) -> bool {
    CodePointSetData::new::<Emoji>().contains(c)
        || CodePointSetData::new::<ExtendedPictographic>().contains(c)
}

fn is_modifier(c: char) -> bool {
    CodePointSetData::new::<EmojiModifier>().contains(c)
}

/// Whether `cluster` (one extended grapheme cluster) is an emoji sequence whose joiners, variation
/// selectors and tags belong to it:
///
/// ```text
/// sequence := element (ZWJ element)* [flag_tags]
/// element  := emoji [FE0E | FE0F] [20E3] [modifier]      (1️⃣ is 1 FE0F 20E3)
/// flag_tags := tag{2,7} CANCEL_TAG, only after 🏴           (🏴󠁧󠁢󠁳󠁣󠁴󠁿)
/// ```
pub fn emoji_sequence(cluster: &str) -> bool {
    let mut chars = cluster.chars().peekable();
    let mut first = true;
    loop {
        // One element.
        let Some(base) = chars.next() else {
            return false;
        };
        if !is_emoji(base) {
            return false;
        }
        if chars
            .next_if(|&c| c == TEXT_STYLE || c == EMOJI_STYLE)
            .is_some()
        {
            chars.next_if_eq(&KEYCAP);
        }
        chars.next_if(|&c| is_modifier(c));
        match chars.next() {
            None => return true,
            Some(ZWJ) => {}
            Some(tag) if first && base == BLACK_FLAG && is_flag_tag(tag) => {
                let mut count = 1;
                while chars.next_if(|&c| is_flag_tag(c)).is_some() {
                    count += 1;
                }
                return (2..=7).contains(&count)
                    && chars.next() == Some(CANCEL_TAG)
                    && chars.next().is_none();
            }
            Some(_) => return false,
        }
        first = false;
    }
}

/// A tag character spelling a lowercase letter or a digit, as subdivision flags use.
fn is_flag_tag(c: char) -> bool {
    matches!(c, '\u{e0030}'..='\u{e0039}' | '\u{e0061}'..='\u{e007a}')
}
