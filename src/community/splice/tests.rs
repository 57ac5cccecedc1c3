//! A spliced save writes the very bytes an ordinary save writes, and falls back when it cannot.

use super::super::{Answer, CommunityFile, Rating, RatingValue, Record, Scalar};
use super::{regions, render};
use crate::guide::Guide;

/// A file big enough to be spliced: a hand-written comment and unknown key, a text answer, ten
/// thousand people, a comment above the ratings that follow them.
fn big_file() -> String {
    let mut text = String::from(
        "schema_version = 1\nname = \"Big\"\ncreated = 2026-11-01T10:00:00Z\n\
         updated = 2026-11-01T10:00:00Z\nmine = \"a key convene does not know\"\n\n\
         [answers]\n# why we meet\nprimary_purpose = \"Peer support\"\n\n",
    );
    for n in 0..10_000 {
        text.push_str(&format!("[[answers.people]]\nname = \"Person {n}\"\n"));
        if n % 1000 == 0 {
            text.push_str("role = \"core\" # a note on one row\n");
        }
    }
    text.push_str("\n# the readiness check, by hand\n[ratings.clear_group]\nrating = \"yes\"\n");
    text
}

/// Saves `file` both ways; they must agree, and the spliced way must have been taken.
fn both_ways(file: &CommunityFile) -> String {
    let guide = Guide::builtin();
    let mut ordinary = file.clone();
    ordinary.regions.clear();
    let expected = ordinary.render(guide).unwrap();
    let mut spliced = file.clone();
    let (text, _, _) = render(&mut spliced, guide).expect("the save is spliced");
    let text = spliced.style.apply(text);
    // Not assert_eq: a diff of two megabytes helps no one.
    assert!(
        text == expected,
        "a spliced save writes what an ordinary one does"
    );
    text
}

#[test]
fn a_big_table_answer_is_a_region_and_small_files_have_none() {
    let file = CommunityFile::parse(&big_file()).unwrap();
    assert_eq!(file.regions.len(), 1);
    assert_eq!(file.regions[0].id, "people");
    let small = CommunityFile::parse(
        "schema_version = 1\nname = \"x\"\ncreated = 2026-11-01T10:00:00Z\nupdated = 2026-11-01T10:00:00Z\n[[answers.people]]\nname = \"A\"\n",
    )
    .unwrap();
    assert!(small.regions.is_empty());
}

#[test]
fn changing_other_answers_saves_the_same_bytes_either_way() {
    let text = big_file();
    let mut file = CommunityFile::parse(&text).unwrap();
    file.community.set_answer(
        "primary_purpose",
        Answer::Text("Peer support, weekly".into()),
    );
    file.community.set_answer(
        "momentum_plan",
        Answer::Records(vec![Record::from([(
            "step".to_string(),
            Scalar::Text("Book a room".into()),
        )])]),
    );
    file.community.set_rating(
        "clear_group",
        Rating {
            value: Some(RatingValue::Partly),
            comment: "half the room".into(),
        },
    );
    file.community.touch();
    let saved = both_ways(&file);
    assert!(saved.contains("# why we meet\nprimary_purpose = \"Peer support, weekly\""));
    assert!(saved.contains("role = \"core\" # a note on one row"));
    assert!(saved.contains("\n# the readiness check, by hand\n[ratings.clear_group]"));
    assert!(!saved.contains("convene_splice"));
    // The next save finds the region again in what was written.
    let mut again = CommunityFile::parse(&saved).unwrap();
    assert_eq!(again.regions.len(), 1);
    again
        .community
        .set_answer("primary_purpose", Answer::Text("Again".into()));
    both_ways(&again);
}

#[test]
fn a_changed_region_is_saved_the_ordinary_way() {
    let mut file = CommunityFile::parse(&big_file()).unwrap();
    let Some(Answer::Records(rows)) = file.community.answers.get_mut("people") else {
        panic!("people are rows");
    };
    rows[5000].insert("name".into(), Scalar::Text("Renamed".into()));
    let guide = Guide::builtin();
    assert!(render(&mut file.clone(), guide).is_none(), "nothing to cut");
    let saved = file.render(guide).unwrap();
    assert!(saved.contains("name = \"Renamed\""));
    assert_eq!(
        CommunityFile::parse(&saved).unwrap().community,
        file.community
    );
}

#[test]
fn rows_with_another_table_among_them_are_not_a_region() {
    let text = big_file().replace(
        "[[answers.people]]\nname = \"Person 5000\"\n",
        "[notes]\nx = \"y\"\n[[answers.people]]\nname = \"Person 5000\"\n",
    );
    let file = CommunityFile::parse(&text).unwrap();
    // Split by [notes], the rows are two runs, neither the whole answer: no region.
    assert!(
        regions(
            file.source.as_deref().unwrap(),
            &super::tree::parse(&text).unwrap()
        )
        .is_empty()
    );
    let mut file = file;
    file.community
        .set_answer("primary_purpose", Answer::Text("Changed".into()));
    let saved = file.render(Guide::builtin()).unwrap();
    assert_eq!(
        CommunityFile::parse(&saved).unwrap().community,
        file.community
    );
}

#[test]
fn a_big_file_with_crlf_and_a_byte_order_mark_keeps_both() {
    let text = format!("\u{feff}{}", big_file().replace('\n', "\r\n"));
    let mut file = CommunityFile::parse(&text).unwrap();
    assert_eq!(file.regions.len(), 1);
    file.community
        .set_answer("primary_purpose", Answer::Text("Changed".into()));
    let saved = both_ways(&file);
    assert!(saved.starts_with('\u{feff}'));
    assert!(
        !saved.replace("\r\n", "").contains('\n'),
        "every line ends in CRLF"
    );
    assert!(saved.contains("[[answers.people]]\r\nname = \"Person 9999\"\r\n"));
}

#[test]
fn a_big_file_made_small_by_an_edit_saves_again_and_again() {
    let mut file = CommunityFile::parse(&big_file()).unwrap();
    let guide = Guide::builtin();
    // Most rows go: the file falls under the size a save splices, its rows still an answer.
    let Some(Answer::Records(rows)) = file.community.answers.get_mut("people") else {
        panic!("people are rows");
    };
    rows.truncate(3);
    let small = file.render(guide).unwrap();
    assert!(small.len() < super::SPLICE_FROM);
    // The regions of the big text must not outlive it: the next saves read the small one.
    for word in ["one", "two"] {
        let Some(Answer::Records(rows)) = file.community.answers.get_mut("people") else {
            panic!("people are rows");
        };
        rows[0].insert("name".into(), Scalar::Text(word.into()));
        let saved = file.render(guide).unwrap();
        assert_eq!(
            CommunityFile::parse(&saved).unwrap().community,
            file.community
        );
    }
}
