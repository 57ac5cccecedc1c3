//! File names from community names.
//!
//! A community's name is whatever the facilitator typed — accents, emoji, slashes, a single dot,
//! 300 characters, nothing at all. Its file name must still be one plain, portable component that
//! stays inside the data directory on every system convene runs on, and reads well in a file
//! browser and in git. So names are transliterated to ASCII, reduced to `a-z 0-9 -`, shortened,
//! and kept away from the names Windows reserves. The real name is stored inside the file.

/// Longest slug, in bytes (all ASCII), before `-N.toml` is added: far below every filesystem's
/// limit, and short enough to read in a listing.
const MAX_LEN: usize = 60;

/// The slug used when nothing usable is left of the name.
const FALLBACK: &str = "community";

/// Names Windows will not open as files, whatever the extension.
const RESERVED: &[&str] = &[
    "con", "prn", "aux", "nul", "com0", "com1", "com2", "com3", "com4", "com5", "com6", "com7",
    "com8", "com9", "lpt0", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// A safe, readable file stem for a community name (without `.toml`).
pub fn slug(name: &str) -> String {
    let ascii = deunicode::deunicode(name);
    let mut out = String::with_capacity(ascii.len().min(MAX_LEN));
    let mut pending_dash = false;
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            out.push(c.to_ascii_lowercase());
        } else {
            pending_dash = true;
        }
        if out.len() >= MAX_LEN {
            break;
        }
    }
    out.truncate(MAX_LEN);
    let trimmed = out.trim_end_matches('-').len();
    out.truncate(trimmed);
    if out.is_empty() {
        return FALLBACK.to_string();
    }
    if RESERVED.contains(&out.as_str()) {
        out.push('-');
        out.push_str(FALLBACK);
    }
    out
}

/// The file name for the `n`th community with this slug (1 is the slug itself).
pub fn file_name(slug: &str, n: usize) -> String {
    if n <= 1 {
        format!("{slug}.toml")
    } else {
        format!("{slug}-{n}.toml")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readable_names_stay_readable() {
        assert_eq!(slug("Nurses' lunch circle"), "nurses-lunch-circle");
        assert_eq!(slug("SIPS constellation"), "sips-constellation");
        assert_eq!(slug("Café Zoë"), "cafe-zoe");
    }

    #[test]
    fn hostile_names_are_tamed() {
        assert_eq!(slug("../../etc/passwd"), "etc-passwd");
        assert_eq!(slug(".."), FALLBACK);
        assert_eq!(slug(""), FALLBACK);
        assert_eq!(slug("   "), FALLBACK);
        assert_eq!(slug("a\u{1b}[2Jb"), "a-2jb");
        assert_eq!(slug("CON"), "con-community");
        assert_eq!(slug("lpt1"), "lpt1-community");
        assert_eq!(slug("C:\\Windows\\System32"), "c-windows-system32");
    }

    #[test]
    fn scripts_and_emoji_are_transliterated() {
        assert!(!slug("日本の実践").is_empty());
        assert!(
            slug("🙂")
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-')
        );
    }

    #[test]
    fn long_names_are_shortened() {
        let s = slug(&"word ".repeat(60));
        assert!(s.len() <= MAX_LEN, "{s}");
        assert!(!s.ends_with('-'));
    }
}
