//! Helpers shared by the integration tests: driving the app's update function (`drive`) and
//! the real binary on a pseudo-terminal (`pty`), and masking paths in snapshots.

pub mod drive;
pub mod pty;

/// `text` with the characters a regex treats specially escaped (for insta's filters).
#[allow(dead_code)]
pub fn regex_escape(text: &str) -> String {
    text.chars()
        .flat_map(|c| {
            let special = "\\.+*?()|[]{}^$".contains(c);
            special
                .then_some('\\')
                .into_iter()
                .chain(std::iter::once(c))
        })
        .collect()
}
