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

/// `convene --dir DIR` as the built binary, kept away from the real home folder: its recovery
/// folder, listing index and temporary folder (the last-resort recovery folder) are inside `dir`.
#[allow(dead_code)]
pub fn convene(dir: &std::path::Path) -> assert_cmd::Command {
    let mut cmd = assert_cmd::cargo::cargo_bin_cmd!("convene");
    cmd.env_remove("CONVENE_DIR")
        .env("CONVENE_RECOVERY_DIR", dir.join(".recovery"))
        .env("CONVENE_CACHE_DIR", dir.join(".cache"))
        .env("TMPDIR", dir.join(".cache"))
        .arg("--dir")
        .arg(dir);
    cmd
}

/// The name convene records as the user in its open marks, as a test can find it out.
#[allow(dead_code)]
pub fn user_name() -> String {
    ["USER", "LOGNAME", "USERNAME"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.trim().is_empty()))
        .or_else(|| {
            let out = std::process::Command::new("id").arg("-un").output().ok()?;
            Some(String::from_utf8_lossy(&out.stdout).trim().to_string())
        })
        .unwrap_or_else(|| "someone".to_string())
}

/// Gives `path` a modification time an hour ago: what an interrupted write left long ago, old
/// enough to be swept.
#[allow(dead_code)]
pub fn make_stale(path: &std::path::Path) {
    std::fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(std::time::SystemTime::now() - std::time::Duration::from_secs(3600))
        .unwrap();
}

/// Markdown `text` with its pipe tables as if unpadded: each run of spaces one space (an empty
/// cell keeps its two), and each delimiter row's dashes three, whatever the column's width. The
/// charter pads its tables into columns; tests compare the cells, not the padding.
#[allow(dead_code)]
pub fn squeezed(text: &str) -> String {
    let mut out: String = text
        .lines()
        .map(|line| {
            if !line.is_empty() && line.chars().all(|c| "|-:".contains(c)) {
                let cells: Vec<&str> = line
                    .trim_matches('|')
                    .split('|')
                    .map(|c| if c.ends_with(':') { "---:" } else { "---" })
                    .collect();
                return format!("|{}|", cells.join("|"));
            }
            line.split(' ')
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
                .replace("| |", "|  |")
        })
        .collect::<Vec<_>>()
        .join("\n");
    if text.ends_with('\n') {
        out.push('\n');
    }
    out
}
