//! A community's past versions, where the data folder is a git repository.
//!
//! convene keeps no history of its own: a team that shares a folder through git has one
//! already, commit by commit. This reads it by calling `git` (installed wherever a folder is a
//! repository; a git library would be a large dependency for one log and a few files): one
//! `git log --follow`, which finds the file under its earlier names too, then one `git cat-file
//! --batch` for every version's text at once, read one version at a time: each is parsed, what
//! the caller wants of it kept, and the rest dropped before the next, so two hundred versions of
//! a 4 MB community never sit in memory together. Nothing is written, and git runs no hooks for
//! either.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};

use chrono::{DateTime, FixedOffset};

use crate::community::{Community, CommunityFile};

/// One commit's version of a community: what the caller kept of it.
#[derive(Debug, Clone)]
pub struct Version<T> {
    pub commit: String,
    pub when: DateTime<FixedOffset>,
    pub author: String,
    pub subject: String,
    pub value: T,
}

/// Why there is no history to show.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NoHistory {
    #[error("the data folder is not a git repository, so convene has no earlier versions to show")]
    NotARepository,
    #[error("git could not be run ({0}); earlier versions come from git")]
    NoGit(String),
    #[error("git could not read the history: {0}")]
    Failed(String),
}

/// The versions of the community at `path` that git has, newest first, at most `most`, each as
/// `keep` takes it from the community it holds. A version that does not parse (a commit made
/// mid-conflict by hand, say) is left out.
pub fn versions<T>(
    path: &Path,
    most: usize,
    mut keep: impl FnMut(&Community) -> T,
) -> Result<Vec<Version<T>>, NoHistory> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path.file_name().unwrap_or_default();
    let git = || {
        let mut command = Command::new("git");
        command
            .arg("-C")
            .arg(dir)
            .env("GIT_OPTIONAL_LOCKS", "0")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        command
    };
    let log = git()
        .args(["log", "--follow", "--no-color", "-z", "--name-only"])
        .arg(format!("-n{most}"))
        .arg("--format=%H%x1f%aI%x1f%an%x1f%s")
        .arg("--")
        .arg(name)
        .output()
        .map_err(|e| NoHistory::NoGit(e.to_string()))?;
    if !log.status.success() {
        let said = String::from_utf8_lossy(&log.stderr);
        if said.contains("not a git repository") {
            return Err(NoHistory::NotARepository);
        }
        return Err(NoHistory::Failed(
            crate::text::sanitize_line(said.trim()).into_owned(),
        ));
    }
    let commits = commits(&String::from_utf8_lossy(&log.stdout));
    if commits.is_empty() {
        return Ok(Vec::new());
    }
    let mut values = Vec::with_capacity(commits.len());
    blobs(
        git(),
        commits.iter().map(|c| format!("{}:{}", c.0, c.4)),
        |text| {
            let parsed = text.and_then(|t| CommunityFile::parse(t).ok());
            values.push(parsed.map(|file| keep(&file.community)));
        },
    )?;
    Ok(commits
        .into_iter()
        .zip(values)
        .filter_map(|((commit, when, author, subject, _), value)| {
            Some(Version {
                commit,
                when,
                author,
                subject,
                value: value?,
            })
        })
        .collect())
}

type Commit = (String, DateTime<FixedOffset>, String, String, String);

/// `git log -z --name-only` with the format above: each commit's fields ended by NUL, then
/// the file's path in that commit after a line break, ended by NUL. A merge commit names no
/// file: it has the path of the commit after it (or, the newest, before it).
fn commits(log: &str) -> Vec<Commit> {
    let mut out: Vec<Commit> = Vec::new();
    for field in log.split('\0').filter(|f| !f.is_empty()) {
        if let Some(path) = field.strip_prefix('\n') {
            if let Some(last) = out.last_mut() {
                last.4 = path.to_string();
            }
            continue;
        }
        let mut parts = field.split('\u{1f}');
        let (Some(commit), Some(when), Some(author), Some(subject)) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            continue;
        };
        let Ok(when) = DateTime::parse_from_rfc3339(when) else {
            continue;
        };
        out.push((
            commit.to_string(),
            when,
            author.to_string(),
            subject.to_string(),
            String::new(),
        ));
    }
    let mut newer = String::new();
    for commit in &mut out {
        if commit.4.is_empty() {
            commit.4 = newer.clone();
        } else {
            newer = commit.4.clone();
        }
    }
    let mut older = String::new();
    for commit in out.iter_mut().rev() {
        if commit.4.is_empty() {
            commit.4 = older.clone();
        } else {
            older = commit.4.clone();
        }
    }
    out
}

/// The texts of `objects` (`commit:path`), in order, through one `git cat-file --batch`, each
/// given to `each` as it is read (`None` for one git does not have or that is not text).
fn blobs(
    mut git: Command,
    objects: impl Iterator<Item = String>,
    mut each: impl FnMut(Option<&str>),
) -> Result<(), NoHistory> {
    let mut child = git
        .args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .spawn()
        .map_err(|e| NoHistory::NoGit(e.to_string()))?;
    let mut asked = String::new();
    let mut count = 0;
    for object in objects {
        asked.push_str(&object);
        asked.push('\n');
        count += 1;
    }
    // Written from another thread: git answers as it reads, and a pipe holds only so much.
    let mut stdin = child.stdin.take().expect("piped");
    let writer = std::thread::spawn(move || stdin.write_all(asked.as_bytes()));
    let mut out = BufReader::new(child.stdout.take().expect("piped"));
    let failed = |e: std::io::Error| NoHistory::Failed(e.to_string());
    let mut header = String::new();
    let mut read = 0;
    while read < count {
        header.clear();
        if out.read_line(&mut header).map_err(failed)? == 0 {
            break;
        }
        read += 1;
        let size = header
            .trim_end()
            .rsplit(' ')
            .next()
            .and_then(|s| s.parse::<u64>().ok())
            .filter(|_| header.contains(" blob "));
        let Some(size) = size else {
            each(None);
            continue;
        };
        // The content, then a line break.
        let mut content = Vec::new();
        (&mut out)
            .take(size)
            .read_to_end(&mut content)
            .map_err(failed)?;
        let mut newline = [0u8; 1];
        let _ = out.read_exact(&mut newline);
        each(std::str::from_utf8(&content).ok());
    }
    for _ in read..count {
        each(None);
    }
    let _ = writer.join();
    let _ = child.wait();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::community::Answer;
    use crate::guide::Guide;
    use crate::store::Store;

    fn git(dir: &Path, args: &[&str]) {
        let out = Command::new("git")
            .arg("-C")
            .arg(dir)
            .args(args)
            .env("GIT_AUTHOR_NAME", "Ana")
            .env("GIT_AUTHOR_EMAIL", "ana@example.org")
            .env("GIT_COMMITTER_NAME", "Ana")
            .env("GIT_COMMITTER_EMAIL", "ana@example.org")
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
    }

    #[test]
    fn every_committed_version_comes_back_newest_first_under_its_old_names_too() {
        let dir = tempfile::tempdir().unwrap();
        git(dir.path(), &["init", "-q"]);
        let store = Store::open(dir.path()).unwrap();
        let guide = Guide::builtin();
        let mut loaded = store.create("Ferry crews", guide).unwrap();
        for (n, words) in ["First.", "Second."].iter().enumerate() {
            loaded
                .community_mut()
                .set_answer("primary_purpose", Answer::Text(words.to_string()));
            store.save(&mut loaded, guide).unwrap();
            git(dir.path(), &["add", "-A"]);
            git(dir.path(), &["commit", "-qm", &format!("version {n}")]);
        }
        git(dir.path(), &["mv", "ferry-crews.toml", "crews.toml"]);
        git(dir.path(), &["commit", "-qm", "renamed"]);
        let found = versions(&dir.path().join("crews.toml"), 50, |c| {
            c.answers.get("primary_purpose").cloned()
        })
        .unwrap();
        let said: Vec<(&str, Option<&Answer>)> = found
            .iter()
            .map(|v| (v.subject.as_str(), v.value.as_ref()))
            .collect();
        let text = |s: &str| Some(Answer::Text(s.into()));
        assert_eq!(
            said,
            vec![
                ("renamed", text("Second.").as_ref()),
                ("version 1", text("Second.").as_ref()),
                ("version 0", text("First.").as_ref()),
            ]
        );
        assert!(found.iter().all(|v| v.author == "Ana"));
    }

    #[test]
    fn a_folder_that_is_no_repository_says_so() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.toml");
        std::fs::write(&path, "schema_version = 1\nname = \"x\"\n").unwrap();
        // A temporary folder can sit inside a repository (a developer's home): not this test's.
        if Command::new("git")
            .arg("-C")
            .arg(dir.path())
            .args(["rev-parse", "--git-dir"])
            .output()
            .is_ok_and(|o| o.status.success())
        {
            return;
        }
        assert_eq!(
            versions(&path, 10, |_| ()).unwrap_err(),
            NoHistory::NotARepository
        );
    }
}
