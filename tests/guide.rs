//! The embedded guide loads, its ids are unique, and it holds every question of the Define phase
//! (seed 001) and every check statement of "Forming a Community of Practice" (seed 000), grouped
//! as the sources group them.

use std::collections::HashSet;

use convene::guide::{EMBEDDED, EMBEDDED_SOURCES, Guide, Kind, parse_guide};

/// Seed 001, Phase 1: Define — each group with its questions, in order.
const DEFINE: &[(&str, &[&str])] = &[
    (
        "purpose",
        &[
            "What is your group's primary purpose?",
            "What specific needs will the community be organized to meet?",
            "What are the benefits to group members and stakeholders?",
        ],
    ),
    (
        "shared_interest",
        &["What is your group's shared interest?"],
    ),
    (
        "community",
        &[
            "Who are members of your group?",
            "Does your group have important stakeholders (i.e. funding or leadership roles)?",
            "How will community roles be defined (individuals, groups, group leaders, community administrators, etc.) and who will take them on?",
        ],
    ),
    ("practice", &["What is your shared practice?"]),
];

/// Seed 000's six groups of check questions: the group's question, then a distinctive phrase of
/// each of its bullets (the guide may tidy the PDF's punctuation, not drop a bullet).
const CHECKS: &[(&str, &[&str])] = &[
    (
        "Do you have a good domain?",
        &[
            "area of capability that enough people can identify with",
            "easy for people to know if they belong",
            "not so general that everyone could belong",
        ],
    ),
    (
        "Can you see the community dimension?",
        &[
            "clear group of people who want to form a community",
            "companionship is likely to become a valued experience",
            "committed enough to take some leadership",
        ],
    ),
    (
        "Will the practice piece be meaningful?",
        &[
            "practice is dynamic",
            "free to disclose enough of their experience of practice",
        ],
    ),
    (
        "What will they do together?",
        &[
            "interact regularly to help each other and make progress together",
            "work on shared problems",
            "Meetings dovetail with each other",
            "outside expert",
        ],
    ),
    (
        "What will the conversations look like?",
        &[
            "share a language",
            "hardly stop themselves from chipping in",
        ],
    ),
    (
        "What will the group dynamics feel like?",
        &[
            "excited to see each other",
            "comfortable sharing what's not working",
            "welcoming space for people to take initiative",
            "respect for different levels of engagement",
            "Power relationships inevitably exist",
        ],
    ),
];

#[test]
fn the_embedded_guide_loads() {
    let guide = parse_guide(EMBEDDED_SOURCES, EMBEDDED).expect("the embedded guide is valid");
    assert_eq!(guide.sections.len(), 5);
    assert_eq!(Guide::builtin().question_count(), guide.question_count());
}

#[test]
fn ids_are_unique_and_every_reference_resolves() {
    let guide = Guide::builtin();
    let mut seen = HashSet::new();
    for section in &guide.sections {
        assert!(
            seen.insert(section.id.as_str()),
            "duplicate id {}",
            section.id
        );
        for source in &section.sources {
            assert!(guide.source(source).is_some(), "unknown source {source}");
        }
        for group in &section.groups {
            assert!(seen.insert(group.id.as_str()), "duplicate id {}", group.id);
            for q in &group.questions {
                assert!(seen.insert(q.id.as_str()), "duplicate id {}", q.id);
                assert!(
                    guide.source(&q.source).is_some(),
                    "{} cites unknown {}",
                    q.id,
                    q.source
                );
                assert!(!q.guidance.trim().is_empty(), "{} has no guidance", q.id);
                assert_eq!(guide.question(&q.id), Some(q));
            }
        }
    }
}

#[test]
fn every_define_question_of_seed_001_is_asked_with_notes() {
    let guide = Guide::builtin();
    let define = &guide.sections[0];
    assert_eq!(define.id, "define");
    assert!(
        define
            .sources
            .iter()
            .any(|s| guide.source(s).unwrap().seed == "001")
    );
    let groups: Vec<(&str, Vec<&str>)> = define
        .groups
        .iter()
        .map(|g| {
            (
                g.id.as_str(),
                g.questions.iter().map(|q| q.prompt.as_str()).collect(),
            )
        })
        .collect();
    let expected: Vec<(&str, Vec<&str>)> = DEFINE.iter().map(|(g, qs)| (*g, qs.to_vec())).collect();
    assert_eq!(groups, expected);
    for group in &define.groups {
        assert!(group.notes, "Define's {} group has a notes area", group.id);
        assert!(group.questions.iter().all(|q| q.kind == Kind::Text));
    }
}

#[test]
fn every_check_statement_of_seed_000_is_there_to_rate() {
    let guide = Guide::builtin();
    let readiness = guide
        .sections
        .iter()
        .find(|s| s.id == "readiness")
        .expect("a readiness section");
    assert_eq!(readiness.groups.len(), CHECKS.len());
    for (group, (title, phrases)) in readiness.groups.iter().zip(CHECKS) {
        assert_eq!(group.title, *title);
        assert_eq!(group.questions.len(), phrases.len(), "bullets of {title}");
        for (q, phrase) in group.questions.iter().zip(*phrases) {
            assert_eq!(q.kind, Kind::Rating, "{} is rated", q.id);
            assert!(
                q.prompt.contains(phrase),
                "{title}: `{}` lacks `{phrase}`",
                q.prompt
            );
            assert_eq!(guide.source(&q.source).unwrap().seed, "000");
        }
    }
    let statements: usize = CHECKS.iter().map(|(_, p)| p.len()).sum();
    assert_eq!(statements, 19);
}

#[test]
fn the_other_sections_cover_foundations_and_vision() {
    let guide = Guide::builtin();
    let ids: Vec<&str> = guide.sections.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(
        ids,
        ["define", "foundations", "readiness", "vision", "share"]
    );
    let foundations: Vec<&str> = guide.sections[1]
        .groups
        .iter()
        .map(|g| g.id.as_str())
        .collect();
    assert_eq!(
        foundations,
        [
            "domain",
            "community_dimension",
            "practice_dimension",
            "sponsorship",
            "support"
        ]
    );
    let vision = &guide.sections[3];
    assert!(
        vision
            .groups
            .iter()
            .map(|g| g.questions.len())
            .sum::<usize>()
            >= 6
    );
}

#[test]
fn the_builtin_identity_is_known_without_reading_the_guide() {
    let guide = Guide::builtin();
    assert_eq!(Guide::builtin_identity(), guide.identity());
    let reread =
        convene::guide::parse_guide(convene::guide::EMBEDDED_SOURCES, convene::guide::EMBEDDED)
            .unwrap();
    assert_eq!(
        reread.identity(),
        guide.identity(),
        "same texts, same identity"
    );
    let mut sections = convene::guide::EMBEDDED.to_vec();
    sections.pop();
    let fewer = convene::guide::parse_guide(convene::guide::EMBEDDED_SOURCES, &sections).unwrap();
    assert_ne!(
        fewer.identity(),
        guide.identity(),
        "another guide, another identity"
    );
}
