//! When two community names are the same name.
//!
//! Names are typed, pasted and hand-edited, so the same name can arrive as different strings:
//! `Café` typed with a precomposed é or with e and a combining accent (identical on screen,
//! different bytes), or `café` in another case. Looking a community up by name prefers the most
//! exact agreement — the very string, then the same text once both are in Unicode's composed
//! form (NFC), then the same regardless of case — and refuses to guess between several that
//! agree equally well. Creating a community whose name agrees with an existing one at any of
//! those levels is allowed, but only after saying so: two rows reading "Café" in a listing, one
//! of them empty, is how a facilitator ends up typing into the wrong one.
//!
//! Case is compared with `to_lowercase` on the composed form: enough for the accents and cases
//! of everyday names (full case folding, where `ß` equals `SS`, would need another crate).

use std::path::PathBuf;

use unicode_normalization::UnicodeNormalization;

use super::{Entry, Summary};
use crate::text::sanitize_line;

/// How closely two names agree, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Agreement {
    /// The same string (surrounding spaces aside).
    Exact,
    /// The same once both are composed (NFC).
    Normalised,
    /// The same regardless of case.
    Case,
}

/// How `a` and `b` agree as names, if they do at all.
pub fn agreement(a: &str, b: &str) -> Option<Agreement> {
    let (a, b) = (a.trim(), b.trim());
    if a == b {
        return Some(Agreement::Exact);
    }
    let (a, b): (String, String) = (a.nfc().collect(), b.nfc().collect());
    if a == b {
        Some(Agreement::Normalised)
    } else if a.to_lowercase() == b.to_lowercase() {
        Some(Agreement::Case)
    } else {
        None
    }
}

/// The communities in `entries` whose name agrees with `name` as well as any does: the best
/// agreement found, and every community that reaches it.
pub fn best_matches<'e>(entries: &'e [Entry], name: &str) -> Option<(Agreement, Vec<&'e Summary>)> {
    let mut best: Option<(Agreement, Vec<&Summary>)> = None;
    for entry in entries {
        let Entry::Community(summary) = entry else {
            continue;
        };
        let Some(level) = agreement(&summary.name, name) else {
            continue;
        };
        match &mut best {
            Some((found, list)) if *found == level => list.push(summary),
            Some((found, _)) if *found < level => {}
            _ => best = Some((level, vec![summary])),
        }
    }
    best
}

/// Every community in `entries` whose name agrees with `name` at any level, best first.
pub fn similar<'e>(entries: &'e [Entry], name: &str) -> Vec<&'e Summary> {
    let mut found: Vec<(Agreement, &Summary)> = entries
        .iter()
        .filter_map(|e| match e {
            Entry::Community(s) => agreement(&s.name, name).map(|level| (level, s)),
            Entry::Unreadable { .. } => None,
        })
        .collect();
    found.sort_by_key(|(level, _)| *level);
    found.into_iter().map(|(_, s)| s).collect()
}

/// `"Name" (file.toml)` for each community, sanitised, for a message that lists them.
pub fn listed<'s>(summaries: impl IntoIterator<Item = &'s Summary>) -> String {
    summaries
        .into_iter()
        .map(|s| format!("\"{}\" ({})", sanitize_line(&s.name), file_name(&s.path)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The file name alone, as it may be shown.
pub fn file_name(path: &std::path::Path) -> String {
    path.file_name()
        .map(|f| super::shown(f.as_ref()))
        .unwrap_or_else(|| super::shown(path))
}

/// The paths of `summaries`, for an error that keeps them.
pub fn paths(summaries: &[&Summary]) -> Vec<(String, PathBuf)> {
    summaries
        .iter()
        .map(|s| (s.name.clone(), s.path.clone()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agreement_prefers_the_exact_string() {
        let composed = "Caf\u{e9}";
        let decomposed = "Cafe\u{301}";
        assert_eq!(agreement(composed, " Caf\u{e9} "), Some(Agreement::Exact));
        assert_eq!(agreement(composed, decomposed), Some(Agreement::Normalised));
        assert_eq!(agreement("CAFE\u{301}", composed), Some(Agreement::Case));
        assert_eq!(agreement("Cafe", composed), None);
        assert!(
            Agreement::Exact < Agreement::Normalised && Agreement::Normalised < Agreement::Case
        );
    }
}
