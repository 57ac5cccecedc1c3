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
    assert_eq!(file.render(), HAND_WRITTEN, "nothing changed, nothing rewritten");
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
    assert!(text.contains("contributes = \"Two seminars a year.\""), "{text}");
    assert!(text.contains("file = \"sips-resilience.toml\"\nname = \"Resilience\""), "{text}");
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
