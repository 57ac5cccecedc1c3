//! Charters: golden files of each format for an example community, every example in every
//! format, and the command line's `export`.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use convene::community::CommunityFile;
use convene::export::{self, Format, Options};
use convene::guide::Guide;
use predicates::prelude::*;

fn example(name: &str) -> convene::community::Community {
    let text = fs::read_to_string(Path::new("examples").join(name)).unwrap();
    CommunityFile::parse(&text).unwrap().community
}

#[test]
fn golden_charters_of_the_nurses_example() {
    let community = example("nurses-lunch-circle.toml");
    let guide = Guide::builtin();
    for format in Format::ALL {
        let text = export::render(&community, guide, format, Options::default());
        insta::assert_snapshot!(format!("nurses_{}", format.name()), text);
    }
    let open = export::render(
        &community,
        guide,
        Format::Markdown,
        Options {
            include_empty: true,
        },
    );
    insta::assert_snapshot!("nurses_markdown_include_empty", open);
}

#[test]
fn every_example_exports_in_every_format() {
    let guide = Guide::builtin();
    let examples: Vec<_> = fs::read_dir("examples")
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    assert!(examples.len() >= 2);
    for path in examples {
        let community = CommunityFile::parse(&fs::read_to_string(&path).unwrap())
            .unwrap()
            .community;
        for format in Format::ALL {
            let text = export::render(&community, guide, format, Options::default());
            assert!(
                text.contains(&community.name.replace(
                    '\'',
                    match format {
                        Format::Html => "&#39;",
                        _ => "'",
                    }
                )) || text.contains(&community.name),
                "{path:?} {format:?} names the community"
            );
            match format {
                Format::Json => {
                    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
                    assert_eq!(value["format"], "convene-charter");
                    assert_eq!(value["name"], community.name.as_str());
                }
                Format::Html => {
                    assert!(text.starts_with("<!DOCTYPE html>"));
                    assert!(!text.contains("<script"));
                    assert!(
                        !text.contains("http://") && !text.contains("https://"),
                        "loads nothing"
                    );
                }
                Format::Markdown => assert!(text.starts_with("# ")),
            }
        }
    }
}

fn convene(dir: &Path) -> Command {
    let mut cmd = assert_cmd::cargo::cargo_bin_cmd!("convene");
    cmd.env_remove("CONVENE_DIR").arg("--dir").arg(dir);
    cmd
}

#[test]
fn the_command_line_exports_to_stdout_or_a_file() {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(
        "examples/sips-constellation.toml",
        dir.path().join("sips-constellation.toml"),
    )
    .unwrap();
    convene(dir.path())
        .args(["export", "SIPS constellation", "--format", "markdown"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("# SIPS constellation\n"));

    let out = dir.path().join("charter.html");
    convene(dir.path())
        .args([
            "export",
            "sips-constellation",
            "--format",
            "html",
            "--output",
        ])
        .arg(&out)
        .assert()
        .success()
        .stderr(predicate::str::contains("Wrote the html charter"));
    assert!(
        fs::read_to_string(&out)
            .unwrap()
            .contains("<h1>SIPS constellation</h1>")
    );

    convene(dir.path())
        .args([
            "export",
            "sips-constellation",
            "--format",
            "json",
            "--output",
        ])
        .arg(dir.path().join("charter.toml"))
        .assert()
        .failure()
        .stderr(predicate::str::contains("would look like a community file"));
    assert!(!dir.path().join("charter.toml").exists());
}

#[test]
fn an_unknown_community_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    convene(dir.path())
        .args(["export", "Nobody", "--format", "json"])
        .assert()
        .failure()
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains("no community called \"Nobody\""));
}
