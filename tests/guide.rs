//! The embedded guide loads, its ids are unique, and it holds every question of the Define phase
//! (seed 001) and every check statement of "Forming a Community of Practice" (seed 000), grouped
//! as the sources group them; the sections on the community's life start from the seeds' own
//! lists (activities, momentum steps, harvesting objectives, the Practice dimension); the
//! operating agreements are attributed to the charter templates they come from.

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
    assert_eq!(guide.sections.len(), 16);
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
                for source in q.sources() {
                    assert!(
                        guide.source(source).is_some(),
                        "{} cites unknown {source}",
                        q.id
                    );
                    assert!(
                        section.sources.iter().any(|s| s == source),
                        "{}'s source {source} is among its section's",
                        q.id
                    );
                }
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
            .any(|s| guide.source(s).unwrap().seed.as_deref() == Some("001"))
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
            assert_eq!(
                guide.source(&q.source).unwrap().seed.as_deref(),
                Some("000")
            );
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
        ids[..5],
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
    sections.remove(0);
    let fewer = convene::guide::parse_guide(convene::guide::EMBEDDED_SOURCES, &sections).unwrap();
    assert_ne!(
        fewer.identity(),
        guide.identity(),
        "another guide, another identity"
    );
}

/// A group's id and its questions' ids and kinds.
type GroupIds = (&'static str, &'static [(&'static str, Kind)]);

/// A section's id with its groups, each with its questions' ids and kinds.
type Shape<'a> = (&'a str, Vec<(&'a str, Vec<(&'a str, Kind)>)>);

/// The sections on the community's life, in walk order: (section, [(group, [(question, kind)])]).
/// Other code reads answers by the question ids, so they are fixed; ids are unique across
/// sections, groups and questions, hence the section and group names.
const LATER: &[(&str, &[GroupIds])] = &[
    (
        "life_people",
        &[("people_roles", &[("people", Kind::People)])],
    ),
    (
        "life_rhythm",
        &[
            ("activity_menu", &[("activities", Kind::Choices)]),
            (
                "meeting_rhythm",
                &[("cadence", Kind::Choice), ("next_meeting", Kind::Date)],
            ),
        ],
    ),
    (
        "agreements",
        &[
            (
                "joining",
                &[
                    ("membership_openness", Kind::Choice),
                    ("joining_how", Kind::Text),
                ],
            ),
            ("time_commitment", &[("time_asked", Kind::Commitments)]),
            (
                "ways_of_working",
                &[
                    ("decision_making", Kind::Text),
                    ("channels_tools", Kind::Text),
                    ("meeting_format", Kind::Text),
                ],
            ),
            (
                "conduct",
                &[
                    ("ground_rules", Kind::Text),
                    ("confidentiality", Kind::Text),
                ],
            ),
            (
                "scope",
                &[("in_scope", Kind::Text), ("out_of_scope", Kind::Text)],
            ),
            (
                "charter_life",
                &[
                    ("charter_review", Kind::Date),
                    ("closing_conditions", Kind::Text),
                ],
            ),
        ],
    ),
    (
        "launch",
        &[
            (
                "conversations_group",
                &[("member_conversations", Kind::Conversations)],
            ),
            (
                "attraction",
                &[
                    ("system_in_focus", Kind::Text),
                    ("critical_connections", Kind::List),
                    ("mutual_interests", Kind::Text),
                    ("attraction_strategy", Kind::Text),
                ],
            ),
            (
                "first_steps",
                &[
                    ("launch_plan", Kind::Steps),
                    ("launch_way", Kind::Choice),
                    ("launch_visibility", Kind::Text),
                ],
            ),
        ],
    ),
    (
        "life_momentum",
        &[("momentum_steps", &[("momentum_plan", Kind::Steps)])],
    ),
    (
        "life_harvest",
        &[("harvest_targets", &[("harvest", Kind::Targets)])],
    ),
    (
        "life_learning",
        &[("learning_entries", &[("learning_log", Kind::Log)])],
    ),
    (
        "life_expedition",
        &[
            ("scouting", &[("scouting_parties", Kind::Parties)]),
            (
                "basecamps",
                &[
                    ("basecamp_rhythm", Kind::Choice),
                    ("next_basecamp", Kind::Date),
                ],
            ),
            ("weaving", &[("weaving_plan", Kind::Text)]),
        ],
    ),
    (
        "life_dimensions",
        &[("dimension_sliders", &[("dimensions", Kind::Slider)])],
    ),
    (
        "life_facilitation",
        &[
            (
                "facilitation_focus",
                &[
                    ("facilitation_domain", Kind::Rating),
                    ("facilitation_identify", Kind::Rating),
                    ("facilitation_trust", Kind::Rating),
                    ("facilitation_local", Kind::Rating),
                ],
            ),
            (
                "facilitation_engagement",
                &[
                    ("facilitation_range", Kind::Rating),
                    ("facilitation_strategic", Kind::Rating),
                ],
            ),
            (
                "facilitation_impact",
                &[
                    ("facilitation_ending", Kind::Rating),
                    ("facilitation_evaluation", Kind::Rating),
                    ("facilitation_sharing", Kind::Rating),
                ],
            ),
        ],
    ),
    (
        "life_evaluation",
        &[
            (
                "evaluation_plan",
                &[
                    ("intended_impact", Kind::Text),
                    ("measures", Kind::Text),
                    ("evaluative_gaps", Kind::Text),
                ],
            ),
            ("development_stage", &[("stage", Kind::Choice)]),
        ],
    ),
];

/// Seed 004's "few typical examples" of activities, exactly as the seed words them.
const ACTIVITIES: &[&str] = &[
    "Problem solving",
    "Requests for information",
    "Seeking experience",
    "Reusing assets",
    "Co-ordination and synergy",
    "Growing confidence",
    "Discussing developments",
    "Visits",
    "Mapping knowledge and identifying gaps",
];

/// Seed 002's "Co-creating a momentum plan": each step of the guide and the seed's words it
/// keeps (the guide tidies the slide's punctuation and drops its asides).
const MOMENTUM: &[(&str, &str)] = &[
    (
        "Draft and post your group's core statement",
        "draft and post your group's core statement",
    ),
    (
        "Craft an engaging invitation message in vivid language",
        "craft an engaging invitation message in vivid language",
    ),
    (
        "Attract a convening/hosting team for your community",
        "attract a convening/hosting team for your community",
    ),
    (
        "Hold your core group's first meeting (plan the attraction strategy and your community's first meeting)",
        "hold your core group's first meeting",
    ),
    (
        "Hold a CoP support group meeting",
        "cop support group meeting",
    ),
    (
        "Convene and facilitate your CoP's first meeting",
        "convene and facilitate your cop's first meeting",
    ),
];

/// Seed 002's six harvesting core objectives: each output of the guide, the thing it counts,
/// and the seed's line for it.
const HARVEST: &[(&str, &str, &str)] = &[
    (
        "Seminar produced",
        "seminar",
        "production of a seminar each year",
    ),
    (
        "Blog post contributed",
        "blog",
        "contribution of at least one blog",
    ),
    (
        "Newsletter article contributed",
        "newsletter article",
        "contribution of at least one newsletter article",
    ),
    (
        "Funding bid developed",
        "funding bid",
        "development of one funding bid per year",
    ),
    ("Project delivered", "project", "delivery of one project"),
    (
        "Network initiated and maintained",
        "network",
        "initiation and maintenance of a network",
    ),
];

/// Lowercase, typographic quotes and dashes made plain, runs of whitespace made one space: the
/// seeds are extracted from PDFs and slides.
fn normalise(text: &str) -> String {
    let plain: String = text
        .chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' => '\'',
            '\u{201c}' | '\u{201d}' => '"',
            '\u{2013}' | '\u{2014}' => '-',
            c => c,
        })
        .collect();
    plain
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// A seed document, normalised, when the project's shared seeds sit beside the repository (as in
/// the workspace this guide was written in). The constants above quote the seeds, so the guide is
/// checked against them either way; with the seeds present, the quotes are checked too.
fn seed(file: &str) -> Option<String> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/seeds")
        .join(file);
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(normalise(&text)),
        Err(_) => {
            eprintln!(
                "{} is not here; checking against the quotes only",
                path.display()
            );
            None
        }
    }
}

fn options_of(id: &str) -> Vec<&'static str> {
    let question = Guide::builtin().question(id).expect(id);
    question.options.iter().map(String::as_str).collect()
}

#[test]
fn the_sections_on_the_community_s_life_follow_in_order() {
    let guide = Guide::builtin();
    let later = &guide.sections[5..];
    let shape: Vec<Shape> = later
        .iter()
        .map(|s| {
            let groups = s.groups.iter().map(|g| {
                let questions = g.questions.iter().map(|q| (q.id.as_str(), q.kind));
                (g.id.as_str(), questions.collect())
            });
            (s.id.as_str(), groups.collect())
        })
        .collect();
    let expected: Vec<Shape> = LATER
        .iter()
        .map(|(s, groups)| {
            let groups = groups.iter().map(|(g, qs)| (*g, qs.to_vec()));
            (*s, groups.collect())
        })
        .collect();
    assert_eq!(shape, expected);
    let titles: Vec<&str> = later.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "People and roles",
            "Activities and rhythm",
            "Operating agreements",
            "Launching the community",
            "Momentum plan",
            "Harvest",
            "Learning log",
            "Learning expedition",
            "Dimensions",
            "Facilitating the community",
            "Evaluation and stage"
        ]
    );
    for section in later {
        assert!(
            !section.intro.trim().is_empty(),
            "{} has an intro",
            section.id
        );
        assert!(
            !section.sources.is_empty(),
            "{} names its sources",
            section.id
        );
        for q in section.groups.iter().flat_map(|g| &g.questions) {
            assert!(!q.prompt.trim().is_empty(), "{} has a prompt", q.id);
            assert!(!q.guidance.trim().is_empty(), "{} has guidance", q.id);
            let source = guide.source(&q.source);
            assert!(source.is_some(), "{} cites unknown {}", q.id, q.source);
            assert!(
                section.sources.contains(&q.source),
                "{}'s source is among its section's",
                q.id
            );
        }
    }
}

#[test]
fn the_activities_are_seed_004_s_list() {
    assert_eq!(options_of("activities"), ACTIVITIES);
    let source = Guide::builtin().question("activities").unwrap();
    assert_eq!(
        Guide::builtin()
            .source(&source.source)
            .unwrap()
            .seed
            .as_deref(),
        Some("004")
    );
    if let Some(seed) = seed("004_79048259f4dc88d9.txt") {
        let start = seed
            .find("a few typical examples:")
            .expect("the list's heading");
        let end = seed
            .find("so how can you set up")
            .expect("the text after the list");
        let listed: Vec<&str> = seed[start..end].split('•').skip(1).map(str::trim).collect();
        let ours: Vec<String> = ACTIVITIES.iter().map(|a| normalise(a)).collect();
        assert_eq!(listed, ours, "seed 004's list, no more, no less");
    }
}

#[test]
fn the_momentum_steps_and_harvest_outputs_come_from_seed_002() {
    assert_eq!(
        options_of("momentum_plan"),
        MOMENTUM.iter().map(|(step, _)| *step).collect::<Vec<_>>()
    );
    for (step, phrase) in MOMENTUM {
        assert!(
            normalise(step).contains(phrase),
            "`{step}` keeps `{phrase}`"
        );
    }
    assert_eq!(
        options_of("harvest"),
        HARVEST
            .iter()
            .map(|(output, ..)| *output)
            .collect::<Vec<_>>()
    );
    for (output, thing, line) in HARVEST {
        assert!(
            normalise(output).contains(thing),
            "`{output}` counts {thing}"
        );
        assert!(line.contains(thing), "`{line}` is about {thing}");
    }
    for id in ["momentum_plan", "harvest"] {
        let q = Guide::builtin().question(id).unwrap();
        assert_eq!(
            Guide::builtin().source(&q.source).unwrap().seed.as_deref(),
            Some("002")
        );
    }
    if let Some(seed) = seed("002_37d04d16e0c27f63.txt") {
        let plan = &seed[seed.find("co-creating a momentum plan").expect("the plan")..];
        for (_, phrase) in MOMENTUM {
            assert!(plan.contains(phrase), "seed 002's plan has `{phrase}`");
        }
        let start = seed.find("harvesting").expect("the harvesting slide");
        let end = seed.find("supporting communities").expect("the next slide");
        let objectives = &seed[start..end];
        for (n, (_, _, line)) in HARVEST.iter().enumerate() {
            let numbered = format!("{}. {line}", n + 1);
            assert!(objectives.contains(&numbered), "seed 002 has `{numbered}`");
        }
        assert!(!objectives.contains("7."), "seed 002 lists six objectives");
    }
}

#[test]
fn only_practice_is_a_given_dimension() {
    assert_eq!(options_of("dimensions"), ["Practice"]);
    let q = Guide::builtin().question("dimensions").unwrap();
    assert_eq!(
        Guide::builtin().source(&q.source).unwrap().seed.as_deref(),
        Some("003")
    );
    assert!(q.guidance.contains("Practice"));
    if let Some(seed) = seed("003_09fc917fec90ebe8.txt") {
        assert!(seed.contains("dimension 1: practice"));
        assert!(
            !seed.contains("dimension 2"),
            "the seed names no other dimension"
        );
    }
}

#[test]
fn rhythm_and_stage_offer_their_fixed_choices() {
    assert_eq!(
        options_of("cadence"),
        [
            "weekly",
            "every two weeks",
            "monthly",
            "every two months",
            "quarterly"
        ]
    );
    let stages = [
        "potential",
        "coalescing",
        "maturing",
        "stewardship",
        "transformation",
    ];
    assert_eq!(options_of("stage"), stages);
    let guidance = Guide::builtin()
        .question("stage")
        .unwrap()
        .guidance
        .to_lowercase();
    for stage in stages {
        assert!(
            guidance.contains(stage),
            "the guidance says what {stage} looks like"
        );
    }
}

/// The charter templates the operating agreements come from, in the section's order, each with
/// words of its publisher's name.
const TEMPLATES: &[(&str, &str)] = &[
    ("cdc-cop-kit", "Centers for Disease Control and Prevention"),
    ("apqc-charter", "APQC"),
    ("dau-charter", "Defense Acquisition University"),
    ("researchops-charter", "Research Ops"),
];

/// The operating agreements sit after the people and their rhythm, which they build on, and
/// before the plan to launch; every question there is attributed to the charter templates it
/// comes from (published templates, not seeds), and every one of those templates is cited.
/// The sections built from the seeds cite seeds only.
#[test]
fn the_operating_agreements_come_from_the_charter_templates() {
    let guide = Guide::builtin();
    let ids: Vec<&str> = guide.sections.iter().map(|s| s.id.as_str()).collect();
    let at = ids.iter().position(|id| *id == "agreements").unwrap();
    assert_eq!(
        ids[at - 2..=at + 1],
        ["life_people", "life_rhythm", "agreements", "launch"]
    );
    let section = &guide.sections[at];
    let expected: Vec<&str> = TEMPLATES.iter().map(|(id, _)| *id).collect();
    assert_eq!(section.sources, expected);
    for (id, publisher) in TEMPLATES {
        let source = guide.source(id).unwrap();
        assert!(source.is_template(), "{id} is a template, not a seed");
        assert!(
            source.publisher.as_deref().unwrap().contains(publisher),
            "{id}: {:?}",
            source.publisher
        );
        assert!(source.url.as_deref().unwrap().starts_with("https://"));
    }

    let mut cited = HashSet::new();
    for group in &section.groups {
        assert!(group.notes, "{} has a notes area", group.id);
        assert!(group.intro.is_some(), "{} has an intro", group.id);
        for q in &group.questions {
            for id in q.sources() {
                let source = guide.source(id).unwrap();
                assert!(source.is_template(), "{} cites {id}, not a template", q.id);
                cited.insert(id);
            }
        }
    }
    assert_eq!(
        cited.len(),
        TEMPLATES.len(),
        "every template is cited: {cited:?}"
    );

    let openness = options_of("membership_openness");
    assert!(
        openness.iter().any(|o| o.starts_with("open")),
        "{openness:?}"
    );
    assert!(
        openness.iter().any(|o| o.starts_with("closed")),
        "{openness:?}"
    );
    // The time asked starts from one row per role of the people table.
    assert_eq!(options_of("time_asked"), convene::guide::ROLES);

    for other in guide.sections.iter().filter(|s| s.id != "agreements") {
        for q in other.groups.iter().flat_map(|g| &g.questions) {
            for id in q.sources() {
                assert!(
                    !guide.source(id).unwrap().is_template(),
                    "{} ({}) cites the template {id}",
                    q.id,
                    other.id
                );
            }
        }
    }
}

/// Issue 17's seed passages each have a home in the guide, attributed to their seed: seed
/// 004's three questions for potential members and its three first steps (with the choice
/// of a launch event or one issue), seed 002's interviews, attraction, the nine facilitation
/// practices and the learning expedition. Each pair is (a phrase of the seed, where the guide
/// carries it); the phrases are the seeds' own words.
#[test]
fn the_launch_material_is_carried_by_the_seeds_questions() {
    let guide = Guide::builtin();
    let seed_of = |id: &str| {
        let q = guide.question(id).unwrap_or_else(|| panic!("no {id}"));
        guide
            .source(&q.source)
            .unwrap()
            .seed
            .clone()
            .unwrap_or_default()
    };
    let text_of = |id: &str| {
        let q = guide.question(id).unwrap();
        [
            q.prompt.clone(),
            q.options.join(" | "),
            q.prompts.join(" | "),
        ]
        .join(" | ")
        .to_lowercase()
    };
    let carried: &[(&str, &str, &str)] = &[
        // Seed 004: "The first step is to have a series of conversations with potential members."
        ("004", "member_conversations", "issues and challenges"),
        (
            "004",
            "member_conversations",
            "others facing similar issues and challenges",
        ),
        (
            "004",
            "member_conversations",
            "more sustained and systematic",
        ),
        ("004", "member_conversations", "core group"),
        (
            "004",
            "launch_plan",
            "series of conversations with potential members",
        ),
        ("004", "launch_plan", "willing to join you"),
        ("004", "launch_plan", "core group in designing"),
        ("004", "launch_way", "a launch event"),
        ("004", "launch_way", "start working on one issue"),
        ("004", "launch_visibility", "existing identities"),
        // Seed 002: "How to attract the first members".
        ("002", "system_in_focus", "system in focus"),
        ("002", "critical_connections", "critical connections"),
        ("002", "mutual_interests", "mutual interests"),
        ("002", "attraction_strategy", "attract"),
        // Seed 002: "Facilitating a community of practice", its nine practices.
        ("002", "facilitation_domain", "domain"),
        ("002", "facilitation_identify", "easy and attractive"),
        ("002", "facilitation_trust", "share openly"),
        ("002", "facilitation_local", "locally owned"),
        (
            "002",
            "facilitation_range",
            "face to face and online, ongoing and one-off",
        ),
        (
            "002",
            "facilitation_strategic",
            "strategic and operational responsibilities",
        ),
        ("002", "facilitation_ending", "end of formal facilitation"),
        ("002", "facilitation_evaluation", "evaluative gaps"),
        ("002", "facilitation_sharing", "far and wide"),
        // Seed 002: the "Learning Expedition".
        ("002", "scouting_parties", "scouting parties"),
        ("002", "basecamp_rhythm", "basecamp"),
        ("002", "weaving_plan", "weavers"),
    ];
    for (seed, id, phrase) in carried {
        assert_eq!(&seed_of(id), seed, "{id} is attributed to seed {seed}");
        assert!(
            text_of(id).contains(phrase),
            "{id} carries \"{phrase}\": {}",
            text_of(id)
        );
    }
    // The interview questions are the prompts of the conversations table, which has a column
    // for each answer; the facilitation practices that concern evaluation point there.
    let talks = guide.question("member_conversations").unwrap();
    assert_eq!(talks.prompts.len(), 4);
    let keys: Vec<&str> = talks.kind.columns().iter().map(|c| c.key).collect();
    assert_eq!(
        keys,
        [
            "who",
            "date",
            "issues",
            "meets_others",
            "would_help",
            "core_group",
            "follow_up"
        ]
    );
    for id in ["facilitation_evaluation", "facilitation_sharing"] {
        assert_eq!(
            guide.question(id).unwrap().see.as_deref(),
            Some("life_evaluation")
        );
    }
    // The learning log is the expedition log: an entry names its scouting party; a person
    // may be marked a weaver.
    let log = guide.question("learning_log").unwrap().kind.columns();
    assert!(log.iter().any(|c| c.key == "party"));
    let people = guide.question("people").unwrap().kind.columns();
    assert!(people.iter().any(|c| c.key == "weaver"));
}
