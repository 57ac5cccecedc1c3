//! `convene merge` (git's merge driver) and `convene git-setup` (which installs it).
//!
//! git runs a merge driver as `convene merge %O %A %B %P` and reads its exit status: 0 is a
//! clean merge, anything else a conflict, the file at %A holding the result either way. A
//! community merged with conflicts left is written with them inside (see
//! [`convene::merge::CONFLICTS_KEY`]), so the file still opens; three files that are not all
//! community files are left for the facilitator, exit 2, and say why.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context as _, Result, bail};
use convene::guide::Guide;
use convene::store::{self, shown};

use crate::commands::out::say;

pub fn merge(base: &Path, mine: &Path, theirs: &Path, path: Option<&Path>) -> Result<ExitCode> {
    let read = |file: &Path| {
        std::fs::read_to_string(file).with_context(|| format!("could not read {}", shown(file)))
    };
    let (b, m, t) = (read(base)?, read(mine)?, read(theirs)?);
    let name = shown(path.unwrap_or(mine));
    let merged = match convene::merge::merge_texts(&b, &m, &t, Guide::builtin()) {
        Ok(merged) => merged,
        Err(err) => {
            let err = convene::text::sanitize_line(&err.to_string()).into_owned();
            eprintln!("convene merge: {name}: {err}; left as it was for you to merge");
            return Ok(ExitCode::from(2));
        }
    };
    store::write_file(mine, merged.text.as_bytes())?;
    if merged.conflicts.is_empty() {
        return Ok(ExitCode::SUCCESS);
    }
    eprintln!(
        "convene merge: {name}: {} changed on both sides; yours is kept in each, theirs beside it under [[{}]]:",
        match merged.conflicts.len() {
            1 => "one answer".to_string(),
            n => format!("{n} answers"),
        },
        convene::merge::CONFLICTS_KEY
    );
    for conflict in &merged.conflicts {
        eprintln!(
            "  {}",
            convene::text::sanitize_line(&conflict.place.describe())
        );
    }
    Ok(ExitCode::from(1))
}

/// The lines `git-setup` puts in `.gitattributes`: communities merged and diffed by convene,
/// constellation files (which convene merge does not read) by git's own text merge and diff.
const ATTRIBUTES: [&str; 2] = [
    "*.toml merge=convene diff=convene",
    "*.constellation.toml merge=text diff",
];

pub fn git_setup(dir: &Path) -> Result<ExitCode> {
    let git = |args: &[&str]| {
        std::process::Command::new("git")
            .arg("-C")
            .arg(dir)
            .args(args)
            .output()
            .context("could not run git (is it installed?)")
    };
    let inside = git(&["rev-parse", "--is-inside-work-tree"])?;
    if !inside.status.success() {
        bail!(
            "{} is not in a git repository: run git init there first",
            shown(dir)
        );
    }
    let attributes = dir.join(".gitattributes");
    let existing = match std::fs::read_to_string(&attributes) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(e).with_context(|| format!("could not read {}", shown(&attributes))),
    };
    let missing: Vec<&str> = ATTRIBUTES
        .iter()
        .copied()
        .filter(|line| !existing.lines().any(|l| l.trim() == *line))
        .collect();
    if missing.is_empty() {
        say!(
            "{} already has: {}",
            shown(&attributes),
            ATTRIBUTES.join(" / ")
        );
    } else {
        let mut text = existing.clone();
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        for line in &missing {
            text.push_str(line);
            text.push('\n');
        }
        store::write_file(&attributes, text.as_bytes())?;
        say!("Added to {}: {}", shown(&attributes), missing.join(" / "));
    }
    for (key, value) in [
        ("diff.convene.command", "convene diff"),
        (
            "merge.convene.name",
            "convene: communities merged by meaning",
        ),
        ("merge.convene.driver", "convene merge %O %A %B %P"),
    ] {
        let set = git(&["config", key, value])?;
        if !set.status.success() {
            bail!(
                "git config {key} failed: {}",
                String::from_utf8_lossy(&set.stderr).trim()
            );
        }
        say!("Set git config {key} = \"{value}\" (in this repository's .git/config)");
    }
    Ok(ExitCode::SUCCESS)
}

/// `convene diff`: OLD NEW, FILE --rev REV, or git's seven arguments.
pub fn diff(files: &[std::path::PathBuf], rev: Option<&str>) -> Result<ExitCode> {
    let read = |file: &Path| {
        std::fs::read_to_string(file).with_context(|| format!("could not read {}", shown(file)))
    };
    let (old, new, label) = match (files, rev) {
        ([file], Some(rev)) => {
            let dir = file
                .parent()
                .filter(|d| !d.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            let name = file
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let out = std::process::Command::new("git")
                .arg("-C")
                .arg(dir)
                .args(["show", &format!("{rev}:./{name}")])
                .output()
                .context("could not run git (is it installed?)")?;
            if !out.status.success() {
                bail!(
                    "git has no {name} at {rev}: {}",
                    String::from_utf8_lossy(&out.stderr).trim()
                );
            }
            (
                String::from_utf8_lossy(&out.stdout).into_owned(),
                read(file)?,
                format!("{} ({rev} → now)", shown(file)),
            )
        }
        ([old, new], None) => (
            read(old)?,
            read(new)?,
            format!("{} → {}", shown(old), shown(new)),
        ),
        // git's external diff: PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE.
        ([path, old, _, _, new, _, _], None) => (read(old)?, read(new)?, shown(path)),
        _ => bail!("convene diff takes OLD NEW, or FILE --rev REV"),
    };
    let parse = |text: &str, which: &str| {
        convene::community::CommunityFile::parse(text).map_err(|e| {
            anyhow::anyhow!("the {which} version is not a community convene can read: {e}")
        })
    };
    let (old, new) = (parse(&old, "old")?, parse(&new, "new")?);
    let changes = convene::merge::diff(&old.community, &new.community, Guide::builtin());
    say!("{}", convene::text::sanitize_line(&label));
    if changes.is_empty() {
        say!("  no change to what the community holds");
    }
    for change in changes {
        say!("{}", convene::text::sanitize_line(&change.place));
        for line in change.lines {
            say!("    {}", convene::text::sanitize_line(&line));
        }
    }
    Ok(ExitCode::SUCCESS)
}
