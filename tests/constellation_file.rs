//! The constellation file: what a person writes by hand reads back, saves without losing their
//! comments or unknown keys, and every mistake is named at its line.

use convene::community::Severity;
use convene::constellation::{ConstellationFile, check_text};

const HAND_WRITTEN: &str = r#"# Our constellation, written by hand.
schema_version = 1
kind = "constellation"
name = "SIPS"
shared_purpose = """
Research that counts in public policy,
across disciplines.
"""
colour = "teal" # not a key convene knows

# The first topic.
[[communities]]
file = "sips-citizenship.toml"
name = "Citizenship"
contributes = "Seminars on citizenship and belonging."
lead = "David" # kept too

[[communities]]
file = "sips-resilience.toml"
"#;

#[test]
fn a_hand_written_file_reads_and_saves_as_it_was_written() {
    let mut file = ConstellationFile::parse(HAND_WRITTEN).expect("reads");
    let c = &file.constellation;
    assert_eq!(c.name, "SIPS");
    assert_eq!(
        c.shared_purpose,
        "Research that counts in public policy,\nacross disciplines.\n"
    );
    assert_eq!(c.members.len(), 2);
    assert_eq!(c.members[0].file, "sips-citizenship.toml");
    assert_eq!(c.members[0].name, "Citizenship");
    assert_eq!(c.members[1].name, "");
    assert_eq!(file.member_line(0), Some(12));
    assert_eq!(
        file.render(),
        HAND_WRITTEN,
        "nothing changed, nothing rewritten"
    );
    assert_eq!(file.render(), HAND_WRITTEN, "twice the same bytes");
}

#[test]
fn a_change_keeps_comments_and_unknown_keys() {
    let mut file = ConstellationFile::parse(HAND_WRITTEN).expect("reads");
    file.constellation.members[1].name = "Resilience".to_string();
    file.constellation.members[0].contributes = "Two seminars a year.".to_string();
    let text = file.render();
    for kept in [
        "# Our constellation, written by hand.",
        "colour = \"teal\" # not a key convene knows",
        "# The first topic.",
        "lead = \"David\" # kept too",
    ] {
        assert!(text.contains(kept), "{kept:?} lost:\n{text}");
    }
    assert!(
        text.contains("contributes = \"Two seminars a year.\""),
        "{text}"
    );
    assert!(
        text.contains("file = \"sips-resilience.toml\"\nname = \"Resilience\""),
        "{text}"
    );
    let again = ConstellationFile::parse(&text).expect("reads back");
    assert_eq!(again.constellation, file.constellation);
}

#[test]
fn check_names_each_mistake_at_its_line() {
    let text = "schema_version = 1\nkind = \"community\"\nname = 3\n\n[[communities]]\nname = \"No file\"\n\n[[communities]]\nfile = \"../outside.toml\"\n\n[[communities]]\nfile = \"a.toml\"\n\n[[communities]]\nfile = \"a.toml\"\n";
    let problems = check_text(text);
    let errors: Vec<(usize, &str)> = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .map(|p| (p.line, p.message.as_str()))
        .collect();
    assert_eq!(errors.len(), 5, "{problems:#?}");
    assert!(errors[0].0 == 2 && errors[0].1.contains("`kind` must be \"constellation\""));
    assert!(errors[1].0 == 3 && errors[1].1.contains("`name` must be text"));
    assert!(errors[2].0 == 5 && errors[2].1.contains("needs its `file`"));
    assert!(errors[3].0 == 9 && errors[3].1.contains("plain file name"));
    assert!(errors[4].0 == 15 && errors[4].1.contains("listed twice"));
    assert!(ConstellationFile::parse(text).is_err());
}

mod common;

/// A folder with two communities and a constellation of them plus one missing member.
fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (file, name) in [
        ("housing.toml", "Housing"),
        ("citizenship.toml", "Citizenship"),
    ] {
        std::fs::write(
            dir.path().join(file),
            format!("schema_version = 1\nname = \"{name}\"\ncreated = 2026-11-01T10:00:00Z\nupdated = 2026-11-01T10:00:00Z\n"),
        )
        .unwrap();
    }
    std::fs::write(
        dir.path().join("sips.constellation.toml"),
        "schema_version = 1\nkind = \"constellation\"\nname = \"SIPS\"\n\n[[communities]]\nfile = \"housing.toml\"\nname = \"Housing\"\n\n[[communities]]\nfile = \"old-citizenship.toml\"\nname = \"Citizenship\"\n\n[[communities]]\nfile = \"gone.toml\"\nname = \"Gone\"\n",
    )
    .unwrap();
    dir
}

#[test]
fn convene_check_names_moved_and_missing_members_at_their_lines() {
    let dir = folder();
    let out = common::convene(dir.path())
        .arg("check")
        .arg(dir.path().join("sips.constellation.toml"))
        .assert()
        .failure()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(
        lines[0].ends_with("sips.constellation.toml:9:1: warning: old-citizenship.toml (listed as \"Citizenship\") is not in the folder; a community of that name is in citizenship.toml: convene takes it for this one, and writes its new file here at the constellation's next save"),
        "{out}"
    );
    assert!(
        lines[1].contains("sips.constellation.toml:13:1: error: gone.toml (listed as \"Gone\") is not in the folder, and no community of that name is"),
        "{out}"
    );
}

#[test]
fn convene_list_shows_constellations_and_keeps_them_out_of_the_communities() {
    let dir = folder();
    let out = common::convene(dir.path())
        .arg("list")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert!(!out.contains("Unreadable"), "{out}");
    assert!(out.contains("CONSTELLATION  COMMUNITIES"), "{out}");
    assert!(
        out.lines().any(|l| l.starts_with("SIPS")
            && l.contains("3, 1 missing, 1 moved")
            && l.ends_with("sips.constellation.toml")),
        "{out}"
    );
    let communities = out.lines().take_while(|l| !l.is_empty()).count();
    assert_eq!(communities, 3, "a header and two communities:\n{out}");
}

#[test]
fn a_constellation_under_a_community_name_is_refused_with_what_to_do() {
    let dir = folder();
    let text = std::fs::read_to_string(dir.path().join("sips.constellation.toml")).unwrap();
    std::fs::write(dir.path().join("copy.toml"), &text).unwrap();
    // check reads it as the constellation it says it is.
    common::convene(dir.path())
        .arg("check")
        .arg(dir.path().join("copy.toml"))
        .assert()
        .failure()
        .stdout(predicates::str::contains(
            "gone.toml (listed as \"Gone\") is not in the folder",
        ));
    // The listing shows it as unreadable, with what to do, and never opens it as a community.
    common::convene(dir.path())
        .arg("list")
        .assert()
        .success()
        .stdout(predicates::str::contains(
            "copy.toml: line 2, column 8: this file describes a constellation (`kind = \"constellation\"`), not a community: name it NAME.constellation.toml",
        ));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("copy.toml")).unwrap(),
        text
    );
}

mod round_trip {
    use convene::constellation::{Constellation, ConstellationFile, Member};
    use proptest::prelude::*;

    fn words() -> impl Strategy<Value = String> {
        // Quotes, backslashes, line breaks, accents, wide characters, TOML's own punctuation.
        proptest::string::string_regex("[a-zA-Z0-9 \"'\\\\\n#=\\[\\]éß中🙂\t]{0,40}").unwrap()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        #[test]
        fn what_is_written_reads_back_the_same(
            name in "[a-zA-Z0-9 éß中'\"]{1,30}",
            purpose in words(),
            members in proptest::collection::vec((words(), words()), 0..5),
        ) {
            prop_assume!(!name.trim().is_empty());
            let mut c = Constellation::new(name, "2026-12-02T10:00:00+01:00".parse().unwrap());
            c.shared_purpose = purpose.trim_end().to_string();
            c.members = members
                .into_iter()
                .enumerate()
                .map(|(i, (name, contributes))| Member {
                    file: format!("c-{i}.toml"),
                    name,
                    contributes: contributes.trim_end().to_string(),
                })
                .collect();
            let mut file = ConstellationFile::new(c.clone());
            let text = file.render();
            let mut back = ConstellationFile::parse(&text).expect("reads what it wrote");
            let mut expected = c;
            // A multi-line text is written with a closing line break, as answers are.
            for m in &mut expected.members {
                if m.contributes.contains('\n') { m.contributes.push('\n'); }
            }
            if expected.shared_purpose.contains('\n') { expected.shared_purpose.push('\n'); }
            prop_assert_eq!(&back.constellation, &expected);
            prop_assert_eq!(back.render(), text, "the same content, the same bytes");
        }
    }
}
