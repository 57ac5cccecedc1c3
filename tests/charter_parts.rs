//! The charter as a document a sponsor would sign: the glance that opens it, the parts in a
//! reader's order with the readiness detail in an appendix, the workshop's decisions as
//! agreements, drafts marked as drafts, the closing with its sign-off, and what each audience
//! sees. Checked on the nurses' example in all three formats.

use chrono::DateTime;
use convene::community::{Community, CommunityFile};
use convene::export::{self, Audience, Format, Options};
use convene::guide::Guide;

fn nurses() -> Community {
    let (_, text) = convene::samples::EXAMPLES
        .iter()
        .find(|(name, _)| *name == "nurses-lunch-circle.toml")
        .unwrap();
    CommunityFile::parse(text).unwrap().community
}

fn options(audience: Audience) -> Options {
    Options {
        audience,
        ..Options::made_at(DateTime::parse_from_rfc3339("2026-12-01T09:30:00+01:00").unwrap())
    }
}

fn render(community: &Community, format: Format, audience: Audience) -> String {
    export::render(community, Guide::builtin(), format, options(audience))
}

fn json(community: &Community, audience: Audience) -> serde_json::Value {
    serde_json::from_str(&render(community, Format::Json, audience)).unwrap()
}

/// Where `needle` first is in `text`, or a failure naming it.
fn at(text: &str, needle: &str) -> usize {
    text.find(needle)
        .unwrap_or_else(|| panic!("{needle:?} is not in\n{text}"))
}

#[test]
fn the_glance_opens_the_charter_with_what_a_sponsor_needs() {
    let community = nurses();
    let markdown = render(&community, Format::Markdown, Audience::Sponsor);
    let glance = &markdown[at(&markdown, "## At a glance")..at(&markdown, "## Why we exist")];
    for line in [
        "- **Purpose:** Keep the lunchtime swapping of cases and tips going",
        "- **Coordinator:** Zoë Martin (zoe.martin@example.org)",
        "- **Sponsor:** Helen Okafor (helen.okafor@example.org)",
        "- **Meets:** monthly — next Thu 3 Dec 2026, then Thu 7 Jan 2027, Thu 4 Feb 2027, Thu 4 \
         Mar 2027 (the first Thursday of each month)",
        "- **Stage of development:** coalescing",
        "- **Asked of the sponsor:** Protected 45-minute lunch once a month",
        "- **Harvest targets:** Case of the month write-up (2 of 12)",
        "- **Overdue:** Hold a CoP support group meeting (Helen Okafor, due Thu 26 Nov 2026)",
    ] {
        assert!(glance.contains(line), "{line:?} in\n{glance}");
    }
    let html = render(&community, Format::Html, Audience::Sponsor);
    assert!(html.find("At a glance") < html.find("Why we exist"));
    let value = json(&community, Audience::Sponsor);
    assert_eq!(value["glance"]["sponsors"][0]["name"], "Helen Okafor");
    assert_eq!(value["glance"]["next_meeting"], "2026-12-03");
    assert_eq!(value["glance"]["following"][0], "2027-01-07");
    assert_eq!(value["glance"]["overdue"][0]["due"], "2026-11-26");
}

#[test]
fn the_body_reads_why_who_how_what_and_how_we_know_with_readiness_in_the_appendix() {
    let community = nurses();
    for format in [Format::Markdown, Format::Html] {
        let whole = render(&community, format, Audience::Facilitator);
        // (The HTML's contents list names the parts first: the order is the body's.)
        let text = &whole[whole.find("</nav>").unwrap_or(0)..];
        let order = [
            "Why we exist",
            "Who we are",
            "How we work",
            "What we will produce",
            "How we will know",
            "Appendix",
            "Readiness summary",
            "Readiness check",
            "Workshop notes",
            "Sign-off",
        ];
        let places: Vec<usize> = order.iter().map(|h| at(text, h)).collect();
        assert!(
            places.windows(2).all(|w| w[0] < w[1]),
            "{format:?}: {order:?} in order"
        );
        // Who we are holds the people; how we work the rhythm and plan; the rating statements
        // are only in the appendix.
        assert!(at(text, "Who we are") < at(text, "Deputy Director of Nursing"));
        assert!(at(text, "How we work") < at(text, "Steps to a first meeting"));
        assert!(at(text, "Appendix") < at(text, "The companionship is likely"));
    }
    let value = json(&community, Audience::Members);
    let parts: Vec<&str> = value["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["part"].as_str().unwrap())
        .collect();
    let mut sorted = parts.clone();
    let rank = |p: &str| {
        [
            "why",
            "who",
            "how_we_work",
            "what_we_produce",
            "how_we_know",
            "appendix",
        ]
        .iter()
        .position(|q| *q == p)
        .unwrap()
    };
    sorted.sort_by_key(|p| rank(p));
    assert_eq!(parts, sorted, "sections come in part order");
}

#[test]
fn the_workshops_decisions_are_the_charters_agreements_for_every_audience() {
    let community = nurses();
    for audience in Audience::ALL {
        let markdown = render(&community, Format::Markdown, audience);
        let agreed = at(&markdown, "### Agreed in the workshop");
        assert!(agreed > at(&markdown, "## How we work"));
        assert!(
            markdown[agreed..].contains("- Case of the month on the first Thursday; Zoë hosts"),
            "{markdown}"
        );
        let value = json(&community, audience);
        assert!(!value["agreements"].as_array().unwrap().is_empty());
    }
}

#[test]
fn a_draft_nobody_edited_is_marked_once_and_is_never_the_lead() {
    let mut community = nurses();
    let markdown = render(&community, Format::Markdown, Audience::Members);
    let statement = "Nurses' lunch circle is a community of practice.";
    assert_eq!(markdown.matches(statement).count(), 1, "{markdown}");
    let draft = at(&markdown, statement);
    let mark = "*Draft: convene made this from the answers; nobody has edited it yet.*";
    assert!(
        markdown[..draft].ends_with(&format!("{mark}\n\n")),
        "{markdown}"
    );
    assert!(at(&markdown, "## At a glance") < draft);
    let html = render(&community, Format::Html, Audience::Members);
    assert!(html.contains("class=\"question draft\""));
    assert!(!html.contains("class=\"lead\""));
    let value = json(&community, Audience::Members);
    assert_eq!(value["core_statement_is_draft"], true);
    let drafts: Vec<&str> = value["sections"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["groups"].as_array().unwrap())
        .flat_map(|g| g["questions"].as_array().unwrap())
        .filter(|q| q["is_draft"] == true)
        .map(|q| q["id"].as_str().unwrap())
        .collect();
    assert_eq!(drafts, ["core_statement", "invitation_message"]);
    // Written by the facilitator, it is theirs: the lead, and no longer a draft.
    community.set_answer(
        "core_statement",
        convene::community::Answer::Text("We learn from each other over lunch.".into()),
    );
    let markdown = render(&community, Format::Markdown, Audience::Members);
    assert!(
        at(&markdown, "We learn from each other over lunch.") < at(&markdown, "## At a glance")
    );
    assert_eq!(
        json(&community, Audience::Members)["core_statement_is_draft"],
        false
    );
}

#[test]
fn the_charter_closes_with_its_version_review_and_a_sign_off_for_its_sponsor_and_coordinator() {
    let community = nurses();
    let markdown = render(&community, Format::Markdown, Audience::Members);
    let closing = &markdown[at(&markdown, "## Sign-off")..];
    assert!(closing.contains("*Version of 26 Nov 2026, 13:05 · made Tue 1 Dec 2026"));
    assert!(
        closing.contains("| Sponsor | Helen Okafor |  |  |"),
        "{closing}"
    );
    assert!(
        closing.contains("| Coordinator | Zoë Martin |  |  |"),
        "{closing}"
    );
    let value = json(&community, Audience::Members);
    assert_eq!(value["closing"]["made"], "2026-12-01");
    // The review date is the operating agreements' answer.
    assert_eq!(value["closing"]["review"], "2027-06-03");
    assert!(
        closing.contains("to be reviewed by Thu 3 Jun 2027"),
        "{closing}"
    );
    assert_eq!(value["closing"]["sign_off"][0]["role"], "Sponsor");
    // A community with nobody in those roles gets lines to write names on.
    let empty = Community::new("New");
    let markdown = render(&empty, Format::Markdown, Audience::Members);
    assert!(markdown.contains("| Sponsor |  |  |  |"), "{markdown}");
}

#[test]
fn each_audience_gets_what_it_may_see() {
    let community = nurses();
    let note = "Nobody had noticed that lunch is where most of them learned";
    let comment_owner = |value: &serde_json::Value| -> bool {
        value["sections"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|s| s["groups"].as_array().unwrap())
            .flat_map(|g| g["questions"].as_array().unwrap())
            .any(|q| {
                q["answer"]["comment"]
                    .as_str()
                    .is_some_and(|c| !c.is_empty())
            })
    };
    let members = render(&community, Format::Markdown, Audience::Members);
    assert!(!members.contains(note), "group notes are the facilitator's");
    assert!(
        !members.contains("zoe.martin@example.org"),
        "no contacts for members"
    );
    let contact_column = |text: &str| {
        text.lines()
            .any(|l| l.starts_with('|') && l.contains("| Contact "))
    };
    assert!(!contact_column(&members), "the column goes with them");
    assert!(!members.contains("Workshop notes"));
    assert!(!comment_owner(&json(&community, Audience::Members)));
    assert!(json(&community, Audience::Members)["workshop"].is_null());

    let sponsor = render(&community, Format::Markdown, Audience::Sponsor);
    assert!(!sponsor.contains(note));
    assert!(sponsor.contains("zoe.martin@example.org"));
    assert!(!sponsor.contains("Workshop notes"));
    assert!(comment_owner(&json(&community, Audience::Sponsor)));

    let facilitator = render(&community, Format::Markdown, Audience::Facilitator);
    assert!(facilitator.contains(note));
    assert!(contact_column(&facilitator));
    assert!(facilitator.contains("Workshop notes"));
    for format in Format::ALL {
        let members = render(&community, format, Audience::Members);
        assert!(!members.contains("helen.okafor@example.org"), "{format:?}");
    }
    assert_eq!(json(&community, Audience::Sponsor)["audience"], "sponsor");
}
