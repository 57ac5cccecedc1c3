//! Property tests: whatever a facilitator types can only ever be text in an exported charter.
//!
//! Charters leave convene and are opened by people who never ran it — pasted into a wiki, mailed
//! as an HTML page, fed to other tools as JSON — and community files can come from strangers. The
//! golden files in `tests/export.rs` pin down what ordinary answers look like; this file throws
//! hostile text at every place user text lands (answers, rating comments, notes, the community's
//! name) and checks each format from the outside, with a real parser:
//!
//! * Markdown (parsed with pulldown-cmark, plain CommonMark and its GitHub flavour, and rendered
//!   as GitHub renders it, with comrak's GFM extensions): user text adds no heading, link syntax,
//!   image, HTML, code, quote, emphasis or rule, and reads back as exactly the sanitised text —
//!   its line breaks kept as hard breaks, blank lines separating paragraphs, and the lines it
//!   typed as a list as list items (and no other list). On GitHub, the addresses it holds are
//!   links that show where they go, and typed addresses go exactly where the typed text says.
//! * HTML (parsed with html5ever through scraper): no script, link, embed or event handler can
//!   appear, every element is one the template writes, and answers and the name read back as the
//!   sanitised text.
//! * JSON (parsed with serde_json): text comes back exactly as written, the raw file holds no
//!   control, bidi or invisible character, and the charter follows the published JSON Schema
//!   (checked with the `jsonschema` crate, in `tests/schema/`).
//!
//! Table answers (people, the plan, harvest, the learning log, dimensions) get the same text in
//! every cell, and each format is read back cell by cell: a GitHub-flavoured Markdown table keeps
//! its rows and columns and each cell reads as the text on one line; an HTML `<td>` reads as the
//! sanitised text; a JSON row gives the exact text under each column's key (in a date or number
//! column, inside the object that says convene could not read it).
//!
//! The generated strings mix arbitrary Unicode with fragments of Markdown and HTML syntax,
//! line endings, and terminal, bidi and zero-width characters, because plain random strings
//! almost never hit the few sequences an escaper can get wrong.

mod schema;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use convene::community::{
    Answer, Card, Community, LogEntry, LogKind, Parked, Rating, RatingValue, Record, Scalar,
};
use convene::export::markdown::{block, inline};
use convene::export::{self, Format, Options};
use convene::guide::{ColumnKind, Guide};
use convene::text::{fit, is_hazardous, sanitize, sanitize_line};
use proptest::prelude::*;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use scraper::{ElementRef, Html, Node, Selector};

const PURPOSE_PROMPT: &str = "What is your group's primary purpose?";

/// Hostile fragments: Markdown and HTML syntax, entities, line endings, terminal escapes, bidi
/// and zero-width characters, emoji and CJK, list markers, and addresses GitHub links. Each is
/// also exported alone in `every_hostile_fragment_alone_stays_harmless`.
const HOSTILE: &[&str] = &[
    "# ",
    "## x",
    "#",
    "- ",
    "* ",
    "+ ",
    "1. ",
    "1) ",
    "12345.",
    "> ",
    "    code",
    "\tcode",
    "`",
    "```",
    "``x``",
    "[x](javascript:alert(1))",
    "![i](http://x/y.png)",
    "[x]: http://y",
    "[x]",
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//x>",
    "<a href=x>",
    "<img src=x onerror=alert(1)>",
    "</p>",
    "<!-- c -->",
    "<http://x>",
    "&amp;",
    "&#x3C;",
    "&lt;script&gt;",
    "***",
    "---",
    "===",
    "___",
    "|a|b|",
    "|---|",
    "~~~",
    "~~x~~",
    "\\",
    "_x_",
    "*x*",
    "**x**",
    "\n",
    "\n\n",
    "\n \n",
    "\t",
    "\r\n",
    "\r",
    " ",
    "   ",
    "\u{a0}",
    "\u{3000}",
    "\u{202e}",
    "\u{2066}",
    "\u{1b}[2J",
    "\u{1b}]0;title\u{7}",
    "\u{9b}",
    "\u{7f}",
    "\u{0}",
    "\u{85}",
    "\u{200b}",
    "\u{200d}",
    "\u{2028}",
    "\u{feff}",
    "👩\u{200d}💻",
    "🙂",
    "看護師の会",
    "x",
    "1",
    ".",
    ")",
    "!",
    "=",
    "+",
    "-",
    "\"'",
    "• ",
    "– ",
    ":-",
    "|:-|",
    "&ast;",
    "https://example.org/a_b_c",
    "http://x.org/*a*",
    "https://x.org/~u",
    "(https://x.org/a_(b))",
    "www.example.org",
    "<www.x.org>",
    "jo_e@example.org",
    "mailto:x@y.org",
];

fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => prop::sample::select(HOSTILE).prop_map(String::from),
        2 => "[ \t\r\n]{1,4}",
        2 => "[a-z0-9 ]{1,6}",
        1 => any::<char>().prop_map(String::from),
        1 => any::<String>(),
    ]
}

/// A string biased towards markup and hazardous characters, sometimes just arbitrary Unicode.
fn hostile() -> impl Strategy<Value = String> {
    prop_oneof![
        1 => any::<String>(),
        4 => prop::collection::vec(fragment(), 0..16).prop_map(|parts| parts.concat()),
    ]
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 512,
        // Minimal failing inputs are printed; no regressions file is written next to the tests.
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// A community with `text` in every place a facilitator writes free text: the name, the answer
/// to primary_purpose, the comment of a rated statement, the notes of the purpose group, an
/// activity, the next meeting's date, every text or date cell of every table answer (next
/// to rows with readable dates, some of them flagged), and in the workshop: a card's words and
/// who said it, a card filed under `text` as its question id (a hand edit), a parked topic
/// (open and done), and a log entry's words and question id.
fn community_with(name: &str, text: &str) -> Community {
    let mut community = Community::new(name);
    community.set_answer("primary_purpose", Answer::Text(text.to_string()));
    community.set_rating(
        "domain_identity",
        Rating {
            value: Some(RatingValue::Partly),
            comment: text.to_string(),
        },
    );
    community.set_note("purpose", text);
    community.set_answer("activities", Answer::Items(vec![text.to_string()]));
    community.set_answer("next_meeting", Answer::Text(text.to_string()));
    for (id, rows) in tables(text) {
        community.set_answer(id, Answer::Records(rows));
    }
    community.workshop = workshop_with(text);
    community
}

/// The workshop of [`community_with`]: cards under primary_purpose (one promoted, under the
/// theme `text`) and one under `text` as a question id; `text` parked, open and done; a log
/// entry about `text`, and one about cadence.
fn workshop_with(text: &str) -> convene::community::Workshop {
    // The promoted card is under a theme named `text`, the other under none.
    let card = |question: &str, dots, promoted: bool| Card {
        question: question.to_string(),
        text: text.to_string(),
        who: text.to_string(),
        theme: if promoted {
            text.to_string()
        } else {
            String::new()
        },
        dots,
        promoted,
    };
    let at = |s: &str| chrono::DateTime::parse_from_rfc3339(s).expect("a valid time");
    convene::community::Workshop {
        votes_per_person: Some(3),
        cards: vec![
            card("primary_purpose", 1, false),
            card("primary_purpose", 2, true),
            card(text, 0, false),
        ],
        parking_lot: vec![
            Parked {
                text: text.to_string(),
                added: at("2026-12-01T14:05:00+01:00"),
                done: true,
            },
            Parked {
                text: text.to_string(),
                added: at("2026-12-01T14:06:00+01:00"),
                done: false,
            },
        ],
        log: vec![
            LogEntry {
                at: at("2026-12-01T14:20:00+01:00"),
                kind: LogKind::Decided,
                text: text.to_string(),
                question: Some("cadence".to_string()),
            },
            LogEntry {
                at: at("2026-12-01T14:10:00+01:00"),
                kind: LogKind::Note,
                text: text.to_string(),
                question: Some(text.to_string()),
            },
        ],
    }
}

/// The table answers of [`community_with`].
fn tables(text: &str) -> Vec<(&'static str, Vec<Record>)> {
    let t = || Scalar::Text(text.to_string());
    let word = |w: &str| Scalar::Text(w.to_string());
    let row = |cells: Vec<(&str, Scalar)>| -> Record {
        cells.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
    };
    vec![
        (
            "people",
            vec![row(vec![
                ("name", t()),
                ("role", t()),
                ("participation", t()),
                ("contact", t()),
                ("note", t()),
                ("weaver", t()),
            ])],
        ),
        (
            "member_conversations",
            vec![row(vec![
                ("who", t()),
                ("date", word("2026-09-03")),
                ("issues", t()),
                ("meets_others", t()),
                ("would_help", t()),
                ("core_group", t()),
                ("follow_up", t()),
            ])],
        ),
        (
            "scouting_parties",
            vec![row(vec![
                ("name", t()),
                ("members", t()),
                ("explores", t()),
                ("report_back", word("2026-11-20")),
                ("findings", t()),
            ])],
        ),
        (
            "momentum_plan",
            vec![
                row(vec![
                    ("step", t()),
                    ("owner", t()),
                    ("due", t()),
                    ("status", t()),
                ]),
                row(vec![
                    ("step", t()),
                    ("due", word("2026-11-02")),
                    ("status", word("to do")),
                ]),
            ],
        ),
        (
            "harvest",
            vec![row(vec![
                ("output", t()),
                ("target", Scalar::Integer(6)),
                ("done", Scalar::Integer(2)),
            ])],
        ),
        (
            "learning_log",
            vec![
                row(vec![
                    ("date", t()),
                    ("problem", t()),
                    ("advice", t()),
                    ("follow_up", word("2026-11-20")),
                    ("outcome", t()),
                    ("party", t()),
                ]),
                row(vec![
                    ("date", word("2026-10-01")),
                    ("problem", t()),
                    ("advice", t()),
                    ("follow_up", word("2026-11-01")),
                    ("party", t()),
                ]),
            ],
        ),
        (
            "dimensions",
            vec![
                row(vec![
                    ("dimension", t()),
                    ("current", Scalar::Integer(3)),
                    ("target", Scalar::Integer(7)),
                ]),
                row(vec![("dimension", t()), ("current", t()), ("target", t())]),
            ],
        ),
    ]
}

/// The day charters in these tests are made on.
fn today() -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(2026, 12, 1)
}

/// The options charters in these tests are made with: on [`today`], at a fixed moment.
fn options() -> Options {
    Options {
        include_empty: false,
        today: today(),
        generated_at: chrono::DateTime::parse_from_rfc3339("2026-12-01T09:30:00+01:00").ok(),
        // Everything the file holds, so every piece of text is written (and must be escaped).
        audience: export::Audience::Facilitator,
    }
}

fn render(community: &Community, format: Format) -> String {
    export::render(community, Guide::builtin(), format, options())
}

// ---------------------------------------------------------------------------------------------
// Markdown

/// The kind of a pulldown-cmark event, e.g. `Start(Heading)`, `Code`, `Rule`; `None` for end
/// tags, which mirror their starts.
fn event_kind(event: &Event) -> Option<String> {
    let name = |debug: String| {
        debug
            .split(['(', ' ', '{'])
            .next()
            .unwrap_or_default()
            .to_string()
    };
    match event {
        Event::End(_) => None,
        Event::Start(tag) => Some(format!("Start({})", name(format!("{tag:?}")))),
        other => Some(name(format!("{other:?}"))),
    }
}

/// How many times each kind of element occurs in `markdown`, leaving out the ones user text is
/// allowed to add: paragraphs, text and hard breaks.
fn structure(markdown: &str) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for event in Parser::new(markdown) {
        if matches!(
            event,
            Event::Start(Tag::Paragraph) | Event::Text(_) | Event::HardBreak
        ) {
            continue;
        }
        if let Some(kind) = event_kind(&event) {
            *counts.entry(kind).or_insert(0) += 1;
        }
    }
    counts
}

/// A block of user text as a reader sees it: a paragraph, or an item of a bulleted or numbered
/// list, with its text ("\n" for each line break).
#[derive(Debug, Clone, PartialEq, Eq)]
enum Md {
    Paragraph(String),
    Item { ordered: bool, text: String },
}

/// The marker a line typed as a list item starts with (after its spaces), and its words: `- `,
/// `* `, `+ `, `• `, `◦ `, `‣ `, `▪ `, `– `, or one to nine digits and `.` or `)`, before a
/// space and at least one word.
fn typed_item(line: &str) -> Option<(bool, &str)> {
    let line = line.trim_start_matches(' ');
    let first = line.chars().next()?;
    let (ordered, rest) = if "-*+•◦‣▪–".contains(first) {
        (false, &line[first.len_utf8()..])
    } else {
        let digits = line.bytes().take_while(u8::is_ascii_digit).count();
        if !(1..=9).contains(&digits) || !line[digits..].starts_with(['.', ')']) {
            return None;
        }
        (true, &line[digits + 1..])
    };
    let words = rest.trim_start_matches(' ');
    (rest.starts_with(' ') && !words.is_empty()).then_some((ordered, words))
}

/// What `block(text)` should read as: the sanitised text with trailing whitespace dropped from
/// each line, whitespace-only lines separating paragraphs (runs of them collapse, none at either
/// end), line breaks inside a paragraph kept; lines typed as list items are items, and a line
/// after an item that is not one goes on with it, without its leading spaces.
fn expected_blocks(text: &str) -> Vec<Md> {
    let text = sanitize(text);
    let mut out: Vec<Md> = Vec::new();
    let mut in_group = false;
    for line in text.split('\n') {
        if line.trim().is_empty() {
            in_group = false;
            continue;
        }
        let line = line.trim_end();
        match (typed_item(line), out.last_mut()) {
            (Some((ordered, words)), _) => out.push(Md::Item {
                ordered,
                text: words.to_string(),
            }),
            (None, Some(Md::Item { text, .. })) if in_group => {
                text.push('\n');
                text.push_str(line.trim_start());
            }
            (None, Some(Md::Paragraph(text))) if in_group => {
                text.push('\n');
                text.push_str(line);
            }
            (None, _) => out.push(Md::Paragraph(line.to_string())),
        }
        in_group = true;
    }
    out
}

/// Harmless text shaped like `text` for [`block`]: each line keeps its leading whitespace and,
/// when it has one, the list marker and the whitespace after it, and its words become "x"; lines
/// of whitespace stay as they are. The charter made from it has the lists the one made from
/// `text` has (the drafts, which quote the name and answers, included) and no other structure.
fn shaped_like(text: &str) -> String {
    text.split('\n')
        .map(|line| {
            if line.trim().is_empty() {
                return line.to_string();
            }
            let rest = line.trim_start();
            let indent = &line[..line.len() - rest.len()];
            let first = rest.chars().next().expect("not blank");
            let marker_len = if "-*+•◦‣▪–".contains(first) {
                first.len_utf8()
            } else {
                let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
                if (1..=9).contains(&digits) && rest[digits..].starts_with(['.', ')']) {
                    digits + 1
                } else {
                    0
                }
            };
            let after = &rest[marker_len..];
            let words = after.trim_start();
            if marker_len == 0 || (words.len() == after.len() && !words.is_empty()) {
                return format!("{indent}x");
            }
            let gap = &after[..after.len() - words.len()];
            let x = if words.is_empty() { "" } else { "x" };
            format!("{indent}{}{gap}{x}", &rest[..marker_len])
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// What `inline(text)` should read as: the pieces between line breaks joined by single spaces,
/// sanitised and trimmed.
fn expected_inline(text: &str) -> String {
    let flat = text
        .split(['\n', '\r'])
        .filter(|piece| !piece.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    sanitize(&flat).trim().to_string()
}

/// The GitHub flavour wikis and forges render READMEs with: CommonMark plus tables,
/// strikethrough, task lists, footnotes and alert quotes. User text must stay text there too.
fn gfm() -> pulldown_cmark::Options {
    use pulldown_cmark::Options;
    Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_GFM
}

/// Reads Markdown back as blocks: paragraphs and list items, with "\n" for each hard break.
/// Returns them and every event that is not a paragraph, list, item, text or hard break.
fn read_blocks(markdown: &str, options: pulldown_cmark::Options) -> (Vec<Md>, Vec<String>) {
    let mut blocks = Vec::new();
    let mut unexpected = Vec::new();
    let mut ordered = Vec::new();
    let mut in_item = false;
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Start(Tag::List(start)) => ordered.push(start.is_some()),
            Event::End(TagEnd::List(_)) => {
                ordered.pop();
            }
            Event::Start(Tag::Item) => {
                in_item = true;
                blocks.push(Md::Item {
                    ordered: ordered.last().copied().unwrap_or_default(),
                    text: String::new(),
                });
            }
            Event::End(TagEnd::Item) => in_item = false,
            Event::Start(Tag::Paragraph) if !in_item => blocks.push(Md::Paragraph(String::new())),
            Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph) => {}
            Event::Text(t) => match blocks.last_mut() {
                Some(Md::Paragraph(text) | Md::Item { text, .. }) => text.push_str(&t),
                None => unexpected.push(format!("text outside a block: {t:?}")),
            },
            Event::HardBreak => match blocks.last_mut() {
                Some(Md::Paragraph(text) | Md::Item { text, .. }) => {
                    // After a link, the break is set apart by a space no reader sees.
                    if text.ends_with(' ') {
                        text.pop();
                    }
                    text.push('\n');
                }
                None => unexpected.push("a break outside a block".to_string()),
            },
            other => unexpected.push(format!("{other:?}")),
        }
    }
    (blocks, unexpected)
}

/// Renders Markdown as GitHub does: comrak with GFM's table, autolink, strikethrough and task
/// list extensions (and nothing raw: comrak leaves HTML out unless told otherwise).
fn gfm_html(markdown: &str) -> String {
    let mut options = comrak::Options::default();
    options.extension.table = true;
    options.extension.autolink = true;
    options.extension.strikethrough = true;
    options.extension.tasklist = true;
    comrak::markdown_to_html(markdown, &options)
}

/// Whether a link GFM made shows exactly where it goes: an address typed in full, a `www.`
/// address (which GFM sends to `http://`) or an e-mail address (`mailto:`). With the text read
/// back as typed, no escape can hide in it.
fn honest_link(href: &str, text: &str) -> bool {
    // Renderers %-escape some characters of an address; compare both with their escapes undone.
    let (href, text) = (percent_decoded(href), percent_decoded(text));
    let (href, text) = (href.as_str(), text.as_str());
    href == text
        || href.strip_prefix("http://") == Some(text)
        || href.strip_prefix("mailto:") == Some(text)
}

/// `href` with its `%XX` escapes (which renderers add to an address's characters) undone.
fn percent_decoded(href: &str) -> String {
    let bytes = href.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| u8::from_str_radix(std::str::from_utf8(h).ok()?, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Reads HTML rendered by [`gfm_html`] back as blocks (a link's text is text), with every
/// element that is neither a paragraph, a list, an item, a break nor an honest link.
fn read_html_blocks(html: &str) -> (Vec<Md>, Vec<String>) {
    let page = Html::parse_fragment(html);
    let mut blocks = Vec::new();
    let mut unexpected = Vec::new();
    let root = page.root_element();
    for child in root.children() {
        let Some(element) = ElementRef::wrap(child) else {
            if let Node::Text(t) = child.value()
                && !t.trim().is_empty()
            {
                unexpected.push(format!("text outside a block: {:?}", &**t));
            }
            continue;
        };
        match element.value().name() {
            "p" => blocks.push(Md::Paragraph(inline_html(element, &mut unexpected))),
            list @ ("ul" | "ol") => {
                for item in element.children().filter_map(ElementRef::wrap) {
                    if item.value().name() != "li" {
                        unexpected.push(format!("<{}> in a list", item.value().name()));
                        continue;
                    }
                    // A loose list wraps each item's words in a paragraph.
                    let paragraph = item
                        .children()
                        .filter_map(ElementRef::wrap)
                        .find(|e| e.value().name() == "p");
                    let text = inline_html(paragraph.unwrap_or(item), &mut unexpected);
                    blocks.push(Md::Item {
                        ordered: list == "ol",
                        text,
                    });
                }
            }
            other => unexpected.push(format!("<{other}>")),
        }
    }
    (blocks, unexpected)
}

/// The text of inline HTML, `<br>` as "\n", with what is not text, a break or an honest link.
fn inline_html(element: ElementRef, unexpected: &mut Vec<String>) -> String {
    let mut out = String::new();
    let mut after_break = false;
    for child in element.children() {
        match child.value() {
            Node::Text(text) => {
                // comrak writes a line feed after each <br />; any other is a soft break.
                let text = if after_break {
                    text.strip_prefix('\n').unwrap_or(text)
                } else {
                    text
                };
                if text.contains('\n') {
                    unexpected.push(format!("a soft break in {text:?}"));
                }
                out.push_str(text);
            }
            Node::Element(e) if e.name() == "br" => {
                if out.ends_with(' ') {
                    out.pop();
                }
                out.push('\n');
            }
            Node::Element(e) if e.name() == "a" => {
                let link = ElementRef::wrap(child).expect("an element");
                let text: String = link.text().collect();
                let href = e.attr("href").unwrap_or_default();
                if !honest_link(href, &text) || link.children().count() != 1 {
                    unexpected.push(format!("<a href={href:?}>{text:?}"));
                }
                out.push_str(&text);
            }
            Node::Element(e) => unexpected.push(format!("<{}>", e.name())),
            _ => {}
        }
        after_break = matches!(child.value(), Node::Element(e) if e.name() == "br");
    }
    out
}

proptest! {
    #![proptest_config(config())]

    /// Hostile text in the name, an answer, a rating comment and notes adds no structure to the
    /// whole Markdown charter: the same headings, lists, emphasis, rules, … as the same charter
    /// with "x" written for its words (keeping the list markers it typed, see [`shaped_like`]),
    /// and so never a link, image, HTML, code or quote. Rendered as GitHub does (comrak), it has
    /// the same elements as that charter but for links, each showing where it goes.
    #[test]
    fn markdown_charter_gains_no_structure_from_user_text(text in hostile()) {
        let harmless = shaped_like(&text);
        let hostile_doc = render(&community_with(&text, &text), Format::Markdown);
        let baseline_doc = render(&community_with(&harmless, &harmless), Format::Markdown);
        let got = structure(&hostile_doc);
        let want = structure(&baseline_doc);
        prop_assert_eq!(&got, &want, "Markdown:\n{}", hostile_doc);
        for kind in got.keys() {
            // The charter's own footer is a rule, and its table rows (plain CommonMark has no
            // tables) hold soft breaks, so those are only compared by count above.
            for forbidden in ["Link", "Image", "Html", "Code", "BlockQuote"] {
                prop_assert!(
                    !kind.contains(forbidden),
                    "the charter itself has a {} element:\n{}",
                    kind,
                    baseline_doc
                );
            }
        }

        let elements = |html: &str| -> BTreeMap<String, usize> {
            let mut counts = BTreeMap::new();
            for element in Html::parse_fragment(html).root_element().descendants() {
                if let Some(e) = ElementRef::wrap(element)
                    && e.value().name() != "a"
                {
                    *counts.entry(e.value().name().to_string()).or_insert(0) += 1;
                }
            }
            counts
        };
        let html = gfm_html(&hostile_doc);
        prop_assert_eq!(elements(&html), elements(&gfm_html(&baseline_doc)), "HTML:\n{}", html);
        for link in Html::parse_fragment(&html).select(&selector("a")) {
            let text: String = link.text().collect();
            let href = link.value().attr("href").unwrap_or_default();
            prop_assert!(honest_link(href, &text), "<a href={:?}>{:?} in\n{}", href, text, html);
        }
    }

    /// `block` alone parses as nothing but paragraphs and list items of text and hard breaks,
    /// and reads back as the sanitised text, its lines typed as a list as items: in CommonMark,
    /// in the GitHub flavour, and rendered as GitHub does (comrak, where its links are honest).
    #[test]
    fn markdown_block_reads_back_as_the_sanitised_text(text in hostile()) {
        let markdown = block(&text);
        let expected = expected_blocks(&text);
        for options in [pulldown_cmark::Options::empty(), gfm()] {
            let (read, unexpected) = read_blocks(&markdown, options);
            prop_assert!(
                unexpected.is_empty(),
                "{:?} in {:?} ({:?})",
                unexpected,
                markdown,
                options
            );
            prop_assert_eq!(&read, &expected, "Markdown: {:?} ({:?})", markdown, options);
        }
        let html = gfm_html(&markdown);
        let (read, unexpected) = read_html_blocks(&html);
        prop_assert!(unexpected.is_empty(), "{:?} in {:?}: {}", unexpected, markdown, html);
        prop_assert_eq!(&read, &expected, "Markdown: {:?}\nHTML: {}", markdown, html);
    }

    /// `inline` alone parses as at most one paragraph of text and reads back as the text on one
    /// line, sanitised, in CommonMark, in the GitHub flavour and as GitHub renders it.
    #[test]
    fn markdown_inline_reads_back_as_one_line(text in hostile()) {
        let markdown = inline(&text);
        prop_assert!(!markdown.contains(['\n', '\r']), "{:?}", markdown);
        let expected = expected_inline(&text);
        let want: Vec<Md> = if expected.is_empty() {
            Vec::new()
        } else {
            vec![Md::Paragraph(expected.clone())]
        };
        for options in [pulldown_cmark::Options::empty(), gfm()] {
            let (read, unexpected) = read_blocks(&markdown, options);
            prop_assert!(
                unexpected.is_empty(),
                "{:?} in {:?} ({:?})",
                unexpected,
                markdown,
                options
            );
            prop_assert_eq!(&read, &want, "Markdown: {:?} ({:?})", markdown, options);
        }
        let html = gfm_html(&markdown);
        let (read, unexpected) = read_html_blocks(&html);
        prop_assert!(unexpected.is_empty(), "{:?} in {:?}: {}", unexpected, markdown, html);
        prop_assert_eq!(&read, &want, "Markdown: {:?}\nHTML: {}", markdown, html);
    }
}

// ---------------------------------------------------------------------------------------------
// Markdown as GitHub renders it: typed addresses stay links

/// An address as a facilitator types one, and where the link GitHub makes of it goes: a URL
/// (with underscores, hyphens, a query, a fragment, balanced parentheses), a `www.` address
/// (GitHub sends it to `http://`) or an e-mail address (`mailto:`).
fn address() -> impl Strategy<Value = (String, String)> {
    let host = "[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,4})?\\.(org|com|co\\.uk|io)";
    let segment = "[a-z0-9]{1,6}([_-][a-z0-9]{1,4}){0,2}(\\([a-z]{1,3}\\))?";
    let path = prop::collection::vec(segment, 0..3).prop_map(|s| s.join("/"));
    let tail = "(/|\\?q=[a-z0-9]{1,4}(&[a-z]=[0-9])?|#[a-z]{1,5})?";
    let web = (
        prop::sample::select(vec!["https://", "http://", "ftp://", "www."]),
        host,
        path,
        tail,
    )
        .prop_map(|(scheme, host, path, tail)| {
            let path = if path.is_empty() {
                path
            } else {
                format!("/{path}")
            };
            let typed = format!("{scheme}{host}{path}{tail}");
            let href = if scheme == "www." {
                format!("http://{typed}")
            } else {
                typed.clone()
            };
            (typed, href)
        });
    let mail = ("[a-z0-9]{1,6}([._+-][a-z0-9]{1,6})?", host)
        .prop_map(|(local, host)| (format!("{local}@{host}"), format!("mailto:{local}@{host}")));
    prop_oneof![3 => web, 1 => mail]
}

/// Lines of words with addresses, each at the start, in the middle or at the end of its line
/// (then before a line break), some in parentheses, some followed by punctuation GitHub leaves
/// out of the link, some lines typed as list items. Returns the text and its addresses' links.
fn text_with_addresses() -> impl Strategy<Value = (String, Vec<(String, String)>)> {
    let line = (
        prop::sample::select(vec!["", "", "- ", "1. ", "• "]),
        "([a-z]{1,8} ){0,3}",
        prop::bool::ANY,
        address(),
        prop::sample::select(vec![
            "", "", ".", ",", ";", ":", "!", "?", "\"", "'", "...", ").",
        ]),
        "( [a-z]{1,8}){0,2}",
    );
    prop::collection::vec(line, 1..5).prop_map(|lines| {
        let mut text = Vec::new();
        let mut links = Vec::new();
        for (marker, before, parenthesised, (typed, href), punctuation, after) in lines {
            let (open, close) = if parenthesised { ("(", ")") } else { ("", "") };
            text.push(format!(
                "{marker}{before}{open}{typed}{close}{punctuation}{after}"
            ));
            links.push((href, typed));
        }
        (text.join("\n"), links)
    })
}

/// The links in HTML, in order: where each goes (its `%XX` escapes undone) and what it says.
fn links_in(html: &str) -> Vec<(String, String)> {
    Html::parse_fragment(html)
        .select(&selector("a"))
        .map(|a| {
            let href = percent_decoded(a.value().attr("href").unwrap_or_default());
            (href, a.text().collect())
        })
        .collect()
}

proptest! {
    #![proptest_config(config())]

    /// Addresses typed in an answer, in a table cell or on one line (a heading, an item) are
    /// links as GitHub renders the charter, each going exactly where the typed text says, and
    /// the text still reads back as typed (line breaks and list items included).
    #[test]
    fn typed_addresses_are_links_on_github((text, links) in text_with_addresses()) {
        let markdown = block(&text);
        let html = gfm_html(&markdown);
        prop_assert_eq!(&links_in(&html), &links, "Markdown:\n{}\nHTML:\n{}", markdown, html);
        let (read, unexpected) = read_html_blocks(&html);
        prop_assert!(unexpected.is_empty(), "{:?} in {}", unexpected, html);
        prop_assert_eq!(read, expected_blocks(&text), "Markdown:\n{}", markdown);

        let one_line = inline(&text);
        let html = gfm_html(&format!("- {one_line}"));
        prop_assert_eq!(&links_in(&html), &links, "Markdown:\n{}\nHTML:\n{}", one_line, html);

        let charter = render(&community_with("x", &text), Format::Markdown);
        let page = Html::parse_fragment(&gfm_html(&charter));
        let people = page
            .select(&selector("table"))
            .find(|t| t.select(&selector("th")).next().is_some_and(|th| th.text().collect::<String>() == "Name"));
        prop_assert!(people.is_some(), "no people table in\n{}", charter);
        let cell = people.and_then(|t| t.select(&selector("td")).next()).expect("a cell");
        prop_assert_eq!(&links_in(&cell.html()), &links, "Markdown:\n{}", charter);
        prop_assert_eq!(cell.text().collect::<String>(), expected_inline(&text));
    }
}

/// What the README says of addresses, as GitHub's renderer shows it.
#[test]
fn addresses_link_as_the_readme_says() {
    let cases: &[(&str, &[(&str, &str)])] = &[
        (
            "(see https://example.org/a_b_(c)).",
            &[("https://example.org/a_b_(c)", "https://example.org/a_b_(c)")],
        ),
        (
            "www.example.org/x, ftp://f.example.org; jo_e@example.org!",
            &[
                ("http://www.example.org/x", "www.example.org/x"),
                ("ftp://f.example.org", "ftp://f.example.org"),
                ("mailto:jo_e@example.org", "jo_e@example.org"),
            ],
        ),
        (
            "at the end https://example.org/a_b\nnext line",
            &[("https://example.org/a_b", "https://example.org/a_b")],
        ),
        ("https://example.org/*a* and www.example.org/`x`", &[]),
        (
            "http://x.org/[1] https://x.org/a|b https://x.org/&amp;",
            &[],
        ),
        ("https://x.org/_draft", &[]),
    ];
    for (text, want) in cases {
        let markdown = block(text);
        let html = gfm_html(&markdown);
        let want: Vec<(String, String)> = want
            .iter()
            .map(|(h, t)| (h.to_string(), t.to_string()))
            .collect();
        assert_eq!(links_in(&html), want, "{markdown}\n{html}");
        let (read, unexpected) = read_html_blocks(&html);
        assert!(unexpected.is_empty(), "{unexpected:?} in {html}");
        assert_eq!(read, expected_blocks(text), "{markdown}");
    }
    assert_eq!(
        block("at the end https://example.org/a_b\nnext line"),
        "at the end https://example.org/a_b \\\nnext line"
    );
}

/// The tables of raw Markdown, read line by line: for each, its number of columns (from its
/// delimiter row) and of body rows, each row checked to have as many cells.
fn raw_tables(markdown: &str) -> Vec<(usize, usize)> {
    let cells = |line: &str| -> usize {
        let mut count = 0usize;
        let mut backslashes = 0;
        for c in line.trim().chars() {
            if c == '|' && backslashes % 2 == 0 {
                count += 1;
            }
            backslashes = if c == '\\' { backslashes + 1 } else { 0 };
        }
        count.saturating_sub(1)
    };
    let lines: Vec<&str> = markdown.lines().collect();
    let mut tables = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if i == 0 || !line.starts_with("|-") {
            continue;
        }
        let columns = cells(line);
        assert_eq!(cells(lines[i - 1]), columns, "header of {line:?}");
        let body = lines[i + 1..].iter().take_while(|l| l.starts_with('|'));
        let rows = body
            .inspect(|row| assert_eq!(cells(row), columns, "{row:?}"))
            .count();
        tables.push((columns, rows));
    }
    tables
}

/// Both example communities, rendered as GitHub does: every answer, comment and note reads back
/// as typed, its list lines as items; every link shows where it goes, and the contacts in the
/// SIPS people table are `mailto:` links; every table is a `<table>` with all its cells.
#[test]
fn the_examples_render_on_github_as_written() {
    for (file, source) in convene::samples::EXAMPLES {
        let community = convene::community::CommunityFile::parse(source)
            .expect("an example parses")
            .community;
        let texts = community
            .answers
            .values()
            .filter_map(|a| match a {
                Answer::Text(text) => Some(text.as_str()),
                _ => None,
            })
            .chain(community.notes.values().map(String::as_str))
            .chain(community.ratings.values().map(|r| r.comment.as_str()));
        for text in texts {
            let markdown = block(text);
            let (read, unexpected) = read_html_blocks(&gfm_html(&markdown));
            assert!(
                unexpected.is_empty(),
                "{file}: {unexpected:?} in {markdown}"
            );
            assert_eq!(read, expected_blocks(text), "{file}: {markdown}");
        }

        let markdown = render(&community, Format::Markdown);
        let html = gfm_html(&markdown);
        let page = Html::parse_fragment(&html);
        for link in page.select(&selector("a")) {
            let text: String = link.text().collect();
            let href = link.value().attr("href").unwrap_or_default();
            // convene's own links within the charter ("See also: Evaluation and stage") go
            // to the heading of that name, as GitHub gives it an id; every other link shows
            // where it goes.
            let to_heading = href.strip_prefix('#').is_some_and(|id| {
                let slug: String = text
                    .to_lowercase()
                    .chars()
                    .filter(|c| c.is_alphanumeric() || *c == ' ' || *c == '-')
                    .map(|c| if c == ' ' { '-' } else { c })
                    .collect();
                id == slug
                    || id
                        .strip_prefix(slug.as_str())
                        .is_some_and(|n| n.starts_with('-'))
            });
            assert!(
                to_heading || honest_link(href, &text),
                "{file}: <a href={href:?}>{text:?}"
            );
        }
        let tables: Vec<ElementRef> = page.select(&selector("table")).collect();
        let raw = raw_tables(&markdown);
        assert_eq!(tables.len(), raw.len(), "{file}:\n{markdown}");
        for (table, (columns, rows)) in tables.iter().zip(raw) {
            assert_eq!(
                table.select(&selector("thead th")).count(),
                columns,
                "{file}"
            );
            assert_eq!(table.select(&selector("tbody tr")).count(), rows, "{file}");
            assert_eq!(
                table.select(&selector("tbody td")).count(),
                columns * rows,
                "{file}"
            );
        }

        if *file == "sips-constellation.toml" {
            let contacts: Vec<String> = page
                .select(&selector("td a"))
                .filter_map(|a| a.value().attr("href").map(str::to_string))
                .collect();
            assert_eq!(contacts.len(), 10, "{contacts:?}");
            assert!(
                contacts.iter().all(|c| c.starts_with("mailto:")),
                "{contacts:?}"
            );
            assert!(contacts.contains(&"mailto:s.whitfield@example.org".to_string()));
            let numbered: Vec<String> = page
                .select(&selector("ol li"))
                .map(|li| li.text().collect())
                .collect();
            assert_eq!(
                numbered.first().map(String::as_str),
                Some("a seminar each year")
            );
            assert_eq!(numbered.len(), 6, "{numbered:?}");
            assert!(
                page.select(&selector("ul li"))
                    .any(|li| li.text().collect::<String>()
                        == "SIPS: Citizenship (lead: David Best)"),
                "{html}"
            );
        }
    }
}

/// A table as GitHub-flavoured Markdown reads it: the header cells and each body row's cells,
/// each cell's text concatenated. Anything but text inside a cell is returned separately.
#[derive(Debug, Default)]
struct MdTable {
    head: Vec<String>,
    rows: Vec<Vec<String>>,
}

fn read_tables(markdown: &str) -> (Vec<MdTable>, Vec<String>) {
    let mut tables: Vec<MdTable> = Vec::new();
    let mut unexpected = Vec::new();
    let mut in_head = false;
    let mut cell: Option<String> = None;
    for event in Parser::new_ext(markdown, gfm()) {
        match event {
            Event::Start(Tag::Table(_)) => tables.push(MdTable::default()),
            Event::Start(Tag::TableHead) => in_head = true,
            Event::End(TagEnd::TableHead) => in_head = false,
            Event::Start(Tag::TableRow) => {
                if let Some(t) = tables.last_mut() {
                    t.rows.push(Vec::new());
                }
            }
            Event::Start(Tag::TableCell) => cell = Some(String::new()),
            Event::End(TagEnd::TableCell) => {
                let text = cell.take().unwrap_or_default();
                if let Some(t) = tables.last_mut() {
                    if in_head {
                        t.head.push(text);
                    } else if let Some(row) = t.rows.last_mut() {
                        row.push(text);
                    }
                }
            }
            Event::Text(t) if cell.is_some() => {
                if let Some(c) = cell.as_mut() {
                    c.push_str(&t);
                }
            }
            other if cell.is_some() => unexpected.push(format!("{other:?}")),
            _ => {}
        }
    }
    (tables, unexpected)
}

fn md_table<'t>(tables: &'t [MdTable], first_header: &str) -> Option<&'t MdTable> {
    tables
        .iter()
        .find(|t| t.head.first().is_some_and(|h| h == first_header))
}

proptest! {
    #![proptest_config(config())]

    /// In GitHub-flavoured Markdown, hostile text in every cell keeps each table's rows and
    /// columns (the same as with "x" everywhere), adds nothing but text inside a cell, and each
    /// cell reads back as the text on one line, sanitised.
    #[test]
    fn markdown_tables_keep_their_cells(text in hostile()) {
        let harmless = shaped_like(&text);
        let markdown = render(&community_with("x", &text), Format::Markdown);
        let baseline = render(&community_with("x", &harmless), Format::Markdown);
        let (tables, unexpected) = read_tables(&markdown);
        let (baseline_tables, _) = read_tables(&baseline);
        prop_assert!(unexpected.is_empty(), "{:?} in a cell of\n{}", unexpected, markdown);
        let shape = |tables: &[MdTable]| -> Vec<(usize, Vec<usize>)> {
            tables
                .iter()
                .map(|t| (t.head.len(), t.rows.iter().map(Vec::len).collect()))
                .collect()
        };
        prop_assert_eq!(shape(&tables), shape(&baseline_tables), "Markdown:\n{}", markdown);
        if text.trim().is_empty() {
            prop_assert!(md_table(&tables, "Name").is_none());
            return Ok(());
        }
        let expected = expected_inline(&text);
        let people = md_table(&tables, "Name");
        prop_assert!(people.is_some(), "no people table in\n{}", markdown);
        let people = people.expect("checked");
        prop_assert_eq!(&people.rows, &vec![vec![expected.clone(); 6]], "Markdown:\n{}", markdown);
        let talks = md_table(&tables, "Who").expect("a conversations table");
        let mut want_talk = vec![expected.clone(); 7];
        want_talk[1] = "Thu 3 Sep 2026".into();
        prop_assert_eq!(&talks.rows, &vec![want_talk], "Markdown:\n{}", markdown);
        let parties = md_table(&tables, "Scouting party").expect("a scouting parties table");
        let mut want_party = vec![expected.clone(); 5];
        want_party[3] = "Fri 20 Nov 2026".into();
        prop_assert_eq!(&parties.rows, &vec![want_party], "Markdown:\n{}", markdown);

        let plan = md_table(&tables, "Step").expect("a plan table");
        for (i, row) in plan.rows.iter().enumerate() {
            prop_assert_eq!(&row[0], &expected);
            if i == 0 {
                prop_assert_eq!(&row[1], &expected);
                prop_assert_eq!(&row[3], &expected);
            } else {
                prop_assert_eq!(row[2].as_str(), "Mon 2 Nov 2026 (overdue)");
            }
        }
        let harvest = md_table(&tables, "Output").expect("a harvest table");
        prop_assert_eq!(&harvest.rows[0], &vec![expected.clone(), "6".into(), "2".into(), "2/6".into()]);
        let log = md_table(&tables, "Date").expect("a log table");
        for row in &log.rows {
            prop_assert_eq!(&row[1], &expected);
            prop_assert_eq!(&row[2], &expected);
            prop_assert_eq!(&row[5], &expected);
        }
        prop_assert!(log.rows.iter().any(|r| r[3] == "Sun 1 Nov 2026 (follow-up due)"));
        let dimensions = md_table(&tables, "Dimension").expect("a dimensions table");
        prop_assert_eq!(&dimensions.rows[0], &vec![expected.clone(), "▰▰▰▱▱▱▱▱▱▱ 3 → 7".into()]);
        prop_assert_eq!(&dimensions.rows[1], &vec![expected.clone(), format!("{expected} → {expected}")]);

        // The workshop's cards (most dots first) and its session log (in time order).
        let cards: Vec<&MdTable> = tables
            .iter()
            .filter(|t| t.head.first().is_some_and(|h| h == "Card"))
            .collect();
        // The first question's are under their themes: the one named `text`, then none.
        prop_assert_eq!(cards.len(), 3, "Markdown:\n{}", markdown);
        prop_assert_eq!(
            &cards[0].rows,
            &vec![vec![expected.clone(), expected.clone(), "2".into(), "yes".into()]]
        );
        prop_assert_eq!(
            &cards[1].rows,
            &vec![vec![expected.clone(), expected.clone(), "1".into(), String::new()]]
        );
        prop_assert_eq!(
            &cards[2].rows,
            &vec![vec![expected.clone(), expected.clone(), "0".into(), String::new()]]
        );
        let log = md_table(&tables, "When").expect("a session log");
        prop_assert_eq!(
            &log.rows,
            &vec![
                vec![
                    "Tue 1 Dec 2026 14:10".into(),
                    "Note".into(),
                    expected.clone(),
                    expected.clone(),
                ],
                vec![
                    "Tue 1 Dec 2026 14:20".into(),
                    "Decided".into(),
                    expected.clone(),
                    "What is the rhythm of interaction? How often will the community meet?".into(),
                ],
            ]
        );
    }

    /// The parking lot is a list of the topics, open ones first, each on one line with the
    /// time it was parked, the done one marked: in the GitHub flavour, the items read back as
    /// the text on one line and nothing else.
    #[test]
    fn markdown_parking_lot_keeps_its_items(text in hostile()) {
        let markdown = render(&community_with("x", &text), Format::Markdown);
        let start = markdown.find("### Parking lot\n\n").expect("a parking lot");
        let end = markdown[start..]
            .find("### Session log")
            .map(|e| start + e)
            .expect("a log after it");
        let list = &markdown[start..end];
        let mut items: Vec<String> = Vec::new();
        let mut unexpected = Vec::new();
        for event in Parser::new_ext(list, gfm()) {
            match event {
                Event::Start(Tag::Item) => items.push(String::new()),
                Event::Text(t) => {
                    if let Some(item) = items.last_mut() {
                        item.push_str(&t);
                    }
                }
                Event::Start(Tag::Emphasis) | Event::End(TagEnd::Emphasis) => {}
                Event::Start(Tag::Heading { .. } | Tag::List(_)) | Event::End(_) => {}
                other => unexpected.push(format!("{other:?}")),
            }
        }
        prop_assert!(unexpected.is_empty(), "{:?} in\n{}", unexpected, list);
        let expected = expected_inline(&text);
        let spaced = |rest: &str| {
            if expected.is_empty() {
                rest.to_string()
            } else {
                format!("{expected} {rest}")
            }
        };
        prop_assert_eq!(
            items,
            vec![
                spaced("· parked Tue 1 Dec 2026 14:06"),
                spaced("· parked Tue 1 Dec 2026 14:05 · done"),
            ],
            "Markdown:\n{}",
            list
        );
    }
}

// ---------------------------------------------------------------------------------------------
// HTML

/// Every element the charter template writes.
const TEMPLATE_ELEMENTS: &[&str] = &[
    "html", "head", "meta", "title", "style", "body", "main", "header", "h1", "h2", "h3", "h4",
    "p", "section", "div", "span", "strong", "br", "ul", "li", "dl", "dt", "dd", "table", "thead",
    "tbody", "tr", "th", "td", "time", "footer", "nav", "ol", "a",
];

/// Whether `element` is a link of the contents list: an `<a>` in `nav.contents` whose `href`
/// is `#` and the id of one of the page's parts. It is the only link a charter has.
fn contents_link(page: &Html, element: ElementRef) -> bool {
    let in_contents = element.ancestors().filter_map(ElementRef::wrap).any(|e| {
        e.value().name() == "nav"
            && e.value()
                .has_class("contents", scraper::CaseSensitivity::CaseSensitive)
    });
    let Some(id) = element
        .value()
        .attr("href")
        .and_then(|h| h.strip_prefix('#'))
    else {
        return false;
    };
    // A part of the page, or a section of the guide within one.
    in_contents
        && page
            .select(&selector("main > section, main > section > section"))
            .any(|s| s.value().id() == Some(id))
}

/// The text of an element as a reader sees it: text nodes verbatim, `<br>` as "\n".
fn text_with_breaks(element: ElementRef) -> String {
    let mut out = String::new();
    for child in element.children() {
        match child.value() {
            Node::Text(text) => out.push_str(text),
            Node::Element(e) if e.name() == "br" => out.push('\n'),
            Node::Element(_) => {
                if let Some(inner) = ElementRef::wrap(child) {
                    out.push_str(&text_with_breaks(inner));
                }
            }
            _ => {}
        }
    }
    out
}

fn selector(css: &str) -> Selector {
    Selector::parse(css).expect("a valid selector")
}

/// The `p.answer` of the question whose prompt is `prompt`.
fn answer_of<'a>(page: &'a Html, prompt: &str) -> Option<ElementRef<'a>> {
    let question = page.select(&selector("div.question")).find(|q| {
        q.select(&selector("p.prompt"))
            .any(|p| p.text().collect::<String>() == prompt)
    })?;
    question.select(&selector("p.answer")).next()
}

proptest! {
    #![proptest_config(config())]

    /// Hostile text everywhere in the HTML charter stays text: no active element or attribute,
    /// no element the template does not write, no comment, and the name, the answer, the rating
    /// comment and the notes read back as the sanitised text.
    #[test]
    fn html_charter_keeps_user_text_as_text(text in hostile(), name in hostile()) {
        let html = render(&community_with(&name, &text), Format::Html);
        let page = Html::parse_document(&html);

        for node in page.tree.nodes() {
            prop_assert!(
                !matches!(node.value(), Node::Comment(_) | Node::ProcessingInstruction(_)),
                "{:?} in\n{}",
                node.value(),
                html
            );
        }
        for element in page.select(&selector("*")) {
            let e = element.value();
            prop_assert!(
                TEMPLATE_ELEMENTS.contains(&e.name()),
                "<{}> in\n{}",
                e.name(),
                html
            );
            for (attr, _) in e.attrs() {
                let attr = attr.to_ascii_lowercase();
                let link = attr == "href" && e.name() == "a" && contents_link(&page, element);
                prop_assert!(
                    !attr.starts_with("on")
                        && (link
                            || !["href", "src", "srcset", "action", "formaction", "style"]
                                .contains(&attr.as_str())),
                    "attribute {} on <{}> in\n{}",
                    attr,
                    e.name(),
                    html
                );
            }
        }
        for forbidden in [
            "script", "img", "iframe", "object", "embed", "link", "form", "input", "svg",
            "math", "base",
        ] {
            prop_assert!(page.select(&selector(forbidden)).next().is_none(), "<{}>", forbidden);
        }
        for a in page.select(&selector("a")) {
            prop_assert!(contents_link(&page, a), "{:?} in\n{}", a.value(), html);
        }
        // One stylesheet, in the head, and it ends where convene ends it.
        let styles: Vec<ElementRef> = page.select(&selector("style")).collect();
        prop_assert_eq!(styles.len(), 1);
        prop_assert!(page.select(&selector("head > style")).next().is_some());

        // No normalisation of the expected text is needed: html5ever turns "\r\n" and "\r"
        // into "\n" and drops U+0000, but sanitize has already made every "\r" (bar one before
        // "\n", which it drops) and every U+0000 a visible marker; every "\n" is written as
        // <br>; and the parser only drops a leading newline inside <pre>, <textarea> and
        // <listing>, never inside <p>. So the page must read back as sanitize(text) exactly.
        let h1: String = page
            .select(&selector("h1"))
            .next()
            .map(|h| h.text().collect())
            .unwrap_or_default();
        prop_assert_eq!(h1, sanitize_line(&name).into_owned());

        if text.trim().is_empty() {
            prop_assert!(answer_of(&page, PURPOSE_PROMPT).is_none());
        } else {
            let answer = answer_of(&page, PURPOSE_PROMPT);
            prop_assert!(answer.is_some(), "no answer in\n{}", html);
            let answer = answer.expect("checked");
            for child in answer.children() {
                if let Node::Element(e) = child.value() {
                    prop_assert_eq!(e.name(), "br", "inside the answer:\n{}", html);
                }
            }
            prop_assert_eq!(text_with_breaks(answer), sanitize(&text).into_owned());

            let rating = answer_of(
                &page,
                "There is an area of capability that enough people can identify with as a \
                 significant part of their work and identity.",
            );
            prop_assert!(rating.is_some(), "no rating in\n{}", html);
            prop_assert_eq!(
                text_with_breaks(rating.expect("checked")),
                format!("Partly{}", sanitize(&text))
            );

            let notes = page.select(&selector("div.notes")).next();
            prop_assert!(notes.is_some(), "no notes in\n{}", html);
            prop_assert_eq!(
                text_with_breaks(notes.expect("checked")),
                format!("Notes\n{}", sanitize(&text))
            );

            // Every table cell that holds the text reads back as it; the others are convene's.
            let want = sanitize(&text).into_owned();
            let cells = |css: &str| -> Vec<String> {
                page.select(&selector(css)).map(text_with_breaks).collect()
            };
            prop_assert_eq!(cells("table.people tbody td"), vec![want.clone(); 6], "{}", html);
            let talk = cells("table.conversations tbody td");
            prop_assert_eq!(talk.len(), 7, "{}", html);
            for i in [0, 2, 3, 4, 5, 6] {
                prop_assert_eq!(&talk[i], &want);
            }
            let parties = cells("table.parties tbody td");
            prop_assert_eq!(parties.len(), 5, "{}", html);
            for i in [0, 1, 2, 4] {
                prop_assert_eq!(&parties[i], &want);
            }
            let plan = cells("table.steps tbody td");
            prop_assert_eq!(plan.len(), 8);
            for i in [0, 1, 3, 4] {
                prop_assert_eq!(&plan[i], &want);
            }
            prop_assert_eq!(plan[6].as_str(), "Mon 2 Nov 2026 overdue");
            prop_assert_eq!(
                cells("table.targets tbody td"),
                vec![want.clone(), "6".into(), "2".into(), "2/6".into()]
            );
            let log = cells("table.log tbody td");
            prop_assert_eq!(log.len(), 12);
            for row in log.chunks(6) {
                prop_assert_eq!(&row[1], &want);
                prop_assert_eq!(&row[2], &want);
                prop_assert_eq!(&row[5], &want);
            }
            let dimensions = cells("table.slider tbody td");
            prop_assert_eq!(dimensions.len(), 4);
            prop_assert_eq!(&dimensions[0], &want);
            prop_assert_eq!(&dimensions[1], " 3 → 7");
            prop_assert_eq!(&dimensions[3], &format!("{want} → {want}"));

            // The workshop notes: cards most dots first, the promoted one marked, under their
            // themes; the card under `text` as a question headed by that id; the parking lot
            // open first; the log in time order.
            let yes = "yes".to_string();
            prop_assert_eq!(
                cells("table.cards tbody td"),
                vec![
                    want.clone(), want.clone(), "2".into(), yes,
                    want.clone(), want.clone(), "1".into(), String::new(),
                    want.clone(), want.clone(), "0".into(), String::new(),
                ],
                "{}",
                html
            );
            // A theme is named without the spaces around it.
            prop_assert_eq!(
                cells("div.cards p.theme-name"),
                vec![
                    format!("Theme: {} · 1 card · 2 dots", sanitize_line(text.trim())),
                    "No theme · 1 card · 1 dot".to_string(),
                ],
                "{}",
                html
            );
            let titles: Vec<String> = page
                .select(&selector("div.cards p.prompt"))
                .map(text_with_breaks)
                .collect();
            let id = sanitize_line(&text).into_owned();
            prop_assert_eq!(titles, vec![PURPOSE_PROMPT.to_string(), id.clone()]);
            prop_assert_eq!(
                cells("ul.parking-lot li"),
                vec![
                    format!("{want} · parked Tue 1 Dec 2026 14:06"),
                    format!("{want} · parked Tue 1 Dec 2026 14:05 · done"),
                ]
            );
            prop_assert_eq!(
                cells("table.session-log tbody td"),
                vec![
                    "Tue 1 Dec 2026 14:10".to_string(), "Note".into(), want.clone(), id,
                    "Tue 1 Dec 2026 14:20".into(), "Decided".into(), want.clone(),
                    "What is the rhythm of interaction? How often will the community meet?".into(),
                ]
            );
        }
    }
}

/// Text that reads right to left, then left to right: the direction a browser gives it
/// depends on its own first letters, never on the English around it.
const BOTH_WAYS: &str = "ملاحظة mark";

/// An element as a message names it: `td.long`, `p.answer`.
fn described(element: ElementRef) -> String {
    let e = element.value();
    std::iter::once(e.name())
        .chain(e.classes())
        .collect::<Vec<_>>()
        .join(".")
}

/// Every element that holds what the facilitator wrote — in every place [`community_with`] puts
/// it — takes its direction from that text (`dir="auto"`), so a right-to-left answer reads
/// right to left among convene's English.
#[test]
fn every_piece_of_user_text_has_its_own_direction() {
    let html = render(&community_with(BOTH_WAYS, BOTH_WAYS), Format::Html);
    let page = Html::parse_document(&html);
    let mut holders: BTreeMap<String, usize> = BTreeMap::new();
    for node in page.tree.nodes() {
        let Node::Text(text) = node.value() else {
            continue;
        };
        if !text.contains(BOTH_WAYS) {
            continue;
        }
        let parent = node
            .parent()
            .and_then(ElementRef::wrap)
            .expect("text is in an element");
        // The window's title and the stylesheet's running title are not laid out as text.
        if ["title", "style"].contains(&parent.value().name()) {
            continue;
        }
        assert_eq!(
            parent.value().attr("dir"),
            Some("auto"),
            "<{}> holds {text:?} in\n{html}",
            described(parent)
        );
        *holders.entry(described(parent)).or_default() += 1;
    }
    // The name, the glance's entries (the purpose, an overdue step), text answers and the
    // drafts made from them (a draft is never the lead), list items, the rating's comment,
    // the notes, the parked topics and a dimension's words (spans), table cells, a theme's
    // name, and the question id a card is filed under.
    let places: Vec<&str> = holders.keys().map(String::as_str).collect();
    assert_eq!(
        places,
        [
            "dd",
            "h1",
            "li",
            "li.overdue",
            "p.answer",
            "p.prompt",
            "span",
            "strong",
            "td"
        ],
        "{holders:?}"
    );
    assert!(holders["td"] >= 20, "{holders:?}");
    assert_eq!(holders["span"], 6, "{holders:?}");
}

/// The stylesheet every HTML charter starts its `<style>` with.
const STYLESHEET: &str = include_str!("../assets/export/charter.css");

/// The contents of the CSS string that starts `css` (just past its opening quote), read as
/// CSS Syntax reads a string token, and what follows its closing quote; `None` when the string
/// does not close (a line break or the end comes first).
fn css_string(css: &str) -> Option<(String, &str)> {
    let mut out = String::new();
    let mut chars = css.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Some((out, &css[i + 1..])),
            '\n' | '\r' | '\x0c' => return None,
            '\\' => {
                let mut hex = String::new();
                while hex.len() < 6 && chars.peek().is_some_and(|(_, c)| c.is_ascii_hexdigit()) {
                    hex.push(chars.next()?.1);
                }
                if hex.is_empty() {
                    match chars.next()?.1 {
                        '\n' => {}
                        c => out.push(c),
                    }
                } else {
                    if chars
                        .peek()
                        .is_some_and(|(_, c)| matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c'))
                    {
                        chars.next();
                    }
                    let code = u32::from_str_radix(&hex, 16).ok()?;
                    out.push(
                        char::from_u32(code)
                            .filter(|&c| c != '\0')
                            .unwrap_or('\u{FFFD}'),
                    );
                }
            }
            c => out.push(c),
        }
    }
    None
}

/// The HTML charter of a community named `name` ends its one stylesheet with the running
/// title, a CSS string that reads back as the name shown on the page (cut to 60 columns, the
/// widest a page's head holds) and that nothing in the name can close early: the rule after it
/// is intact, and the page has one `</style>`.
fn running_title_is_the_name_only(name: &str) {
    let html = render(&community_with(name, "x"), Format::Html);
    let page = Html::parse_document(&html);
    let styles: Vec<ElementRef> = page.select(&selector("style")).collect();
    assert_eq!(styles.len(), 1, "{html}");
    assert!(page.select(&selector("head > style")).next().is_some());
    assert_eq!(html.to_ascii_lowercase().matches("</style").count(), 1);
    let css: String = styles[0].text().collect();
    let rule = css
        .strip_prefix(STYLESHEET)
        .expect("the stylesheet comes first");
    let string = rule
        .strip_prefix("\n@page { @top-center { content: \"")
        .expect("then the running title");
    let (title, after) = css_string(string).expect("a string that closes");
    assert_eq!(
        after, "; } }\n@page :first { @top-center { content: none; } }\n",
        "{name:?}"
    );
    assert_eq!(title, fit(&sanitize_line(name), 60), "{name:?}");
}

#[test]
fn a_hostile_name_cannot_break_out_of_the_running_title() {
    for name in [
        "\"",
        "\\",
        "\\\"",
        "</style><script>alert(1)</script>",
        "</STYLE >",
        "Line\nbreak",
        "Carriage\rreturn\x0cfeed",
        "\"; } } body { display: none } @page { @top-center { content: \"",
        "\\22 \\a \\3c /style\\3e",
        "a\u{2028}b\u{0085}c",
        "ends with a backslash\\",
        "Nurses' lunch circle",
        "Zoë & José's <circle> ab12 cd",
        "看護師の昼食会 🙂 مجتمع",
        "",
    ] {
        running_title_is_the_name_only(name);
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn no_name_can_break_out_of_the_running_title(name in hostile()) {
        running_title_is_the_name_only(&name);
    }
}

// ---------------------------------------------------------------------------------------------
// JSON

/// What the JSON charter writes for `cell` in a column of `kind`: text exactly; a date convene
/// reads as `YYYY-MM-DD`; a number in range as a number; anything a date or number column
/// cannot use as an object that says so.
fn json_cell(kind: ColumnKind, cell: &Scalar) -> serde_json::Value {
    use serde_json::{Value, json};
    let unreadable = |v: Value| json!({"readable": false, "as_written": v});
    match (kind, cell) {
        (_, Scalar::Text(t)) if t.trim().is_empty() => Value::Null,
        (ColumnKind::Date, Scalar::Text(t)) => match convene::dates::read_stored(t.trim()) {
            Some(day) => Value::from(day.format("%Y-%m-%d").to_string()),
            None => unreadable(Value::from(t.as_str())),
        },
        (ColumnKind::Number { .. }, Scalar::Text(t)) => unreadable(Value::from(t.as_str())),
        (ColumnKind::Number { max }, Scalar::Integer(n)) if !(0..=max).contains(n) => {
            json!({"out_of_range": true, "value": n, "min": 0, "max": max})
        }
        (ColumnKind::Date, Scalar::Integer(n)) => unreadable(Value::from(*n)),
        (ColumnKind::Date | ColumnKind::Number { .. }, Scalar::Bool(b)) => {
            unreadable(Value::from(*b))
        }
        (_, Scalar::Text(t)) => Value::from(t.as_str()),
        (_, Scalar::Integer(n)) => Value::from(*n),
        (_, Scalar::Bool(b)) => Value::from(*b),
    }
}

proptest! {
    #![proptest_config(config())]

    /// JSON keeps the exact text, and the raw file holds no control, bidi or invisible
    /// character: those are written as `\uXXXX` escapes, which decode to the same text.
    #[test]
    fn json_keeps_exact_text_and_escapes_hazards(text in hostile(), name in hostile()) {
        let mut community = Community::new(name.clone());
        community.set_answer("primary_purpose", Answer::Text(text.clone()));
        let json = render(&community, Format::Json);

        let named = [
            '\u{1b}', '\u{202e}', '\u{200b}', '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}',
        ];
        for c in named {
            prop_assert!(!json.contains(c), "raw {:?} in\n{}", c, json);
        }
        let raw = json.chars().find(|&c| c != '\n' && (is_hazardous(c) || c == '\u{200d}'));
        prop_assert!(raw.is_none(), "raw {:?} in\n{}", raw, json);

        let value: serde_json::Value = serde_json::from_str(&json)
            .map_err(|e| TestCaseError::fail(format!("{e}: {json}")))?;
        prop_assert_eq!(value["name"].as_str(), Some(name.as_str()));
        if text.trim().is_empty() {
            prop_assert_eq!(&value["sections"], &serde_json::json!([]));
        } else {
            let question = &value["sections"][0]["groups"][0]["questions"][0];
            prop_assert_eq!(question["id"].as_str(), Some("primary_purpose"));
            prop_assert_eq!(question["answer"].as_str(), Some(text.as_str()), "JSON:\n{}", json);
        }
    }

    /// Every cell of every table answer comes back exactly, under its column's key, with
    /// numbers as numbers; the raw file holds no hazardous character.
    #[test]
    fn json_tables_keep_exact_cells(text in hostile()) {
        let json = render(&community_with("x", &text), Format::Json);
        let raw = json.chars().find(|&c| c != '\n' && (is_hazardous(c) || c == '\u{200d}'));
        prop_assert!(raw.is_none(), "raw {:?} in\n{}", raw, json);
        let value: serde_json::Value = serde_json::from_str(&json)
            .map_err(|e| TestCaseError::fail(format!("{e}: {json}")))?;
        let answers: BTreeMap<String, serde_json::Value> = value["sections"]
            .as_array()
            .into_iter()
            .flatten()
            .flat_map(|s| s["groups"].as_array().into_iter().flatten())
            .flat_map(|g| g["questions"].as_array().into_iter().flatten())
            .filter_map(|q| Some((q["id"].as_str()?.to_string(), q["answer"].clone())))
            .collect();
        let blank = text.trim().is_empty();
        for (id, rows) in tables(&text) {
            let kept: Vec<&Record> = rows
                .iter()
                .filter(|r| r.values().any(|v| !matches!(v, Scalar::Text(t) if t.trim().is_empty())))
                .collect();
            let Some(answer) = answers.get(id) else {
                prop_assert!(kept.is_empty(), "no {} in\n{}", id, json);
                continue;
            };
            if id == "learning_log" {
                // Shown in date order; compare as sets of rows.
                prop_assert_eq!(answer.as_array().map(Vec::len), Some(kept.len()));
                continue;
            }
            let columns = Guide::builtin().question(id).expect("a table question").kind.columns();
            for (row, out) in kept.iter().zip(answer.as_array().into_iter().flatten()) {
                for (key, cell) in row.iter() {
                    let column = columns.iter().find(|c| c.key == key).expect("a column");
                    prop_assert_eq!(&out[key.as_str()], &json_cell(column.kind, cell), "{} {} in\n{}", id, key, json);
                }
            }
        }
        if !blank {
            prop_assert_eq!(answers["activities"][0].as_str(), Some(text.as_str()));
            prop_assert_eq!(
                &answers["next_meeting"],
                &json_cell(ColumnKind::Date, &Scalar::Text(text.clone()))
            );
        }
    }

    /// The workshop comes back exactly as the file holds it, in its own order, every text
    /// exact; the raw file holds no hazardous character.
    #[test]
    fn json_keeps_the_exact_workshop(text in hostile()) {
        let json = render(&community_with("x", &text), Format::Json);
        let raw = json.chars().find(|&c| c != '\n' && (is_hazardous(c) || c == '\u{200d}'));
        prop_assert!(raw.is_none(), "raw {:?} in\n{}", raw, json);
        let value: serde_json::Value = serde_json::from_str(&json)
            .map_err(|e| TestCaseError::fail(format!("{e}: {json}")))?;
        let workshop = &value["workshop"];
        let want = serde_json::to_value(workshop_with(&text)).expect("a workshop serialises");
        prop_assert_eq!(workshop, &want, "JSON:\n{}", json);
        prop_assert_eq!(workshop["cards"][2]["question"].as_str(), Some(text.as_str()));
        prop_assert_eq!(workshop["log"][1]["at"].as_str(), Some("2026-12-01T14:10:00+01:00"));
    }
}

proptest! {
    #![proptest_config(config())]

    /// Whatever is typed — and whatever numbers a hand edit puts in a dimension or a harvest
    /// row — the JSON charter follows the published schema and its strict copy (no field the
    /// schema does not name), with or without the open questions.
    #[test]
    fn json_follows_the_schema(
        text in hostile(),
        name in hostile(),
        numbers in prop::collection::vec(any::<i64>(), 3),
        include_empty in any::<bool>(),
    ) {
        let mut community = community_with(&name, &text);
        let extra = |key: &str, first: &str, n: i64, m: i64| -> Record {
            [
                (key.to_string(), Scalar::Text(first.to_string())),
                ("current".to_string(), Scalar::Integer(n)),
                ("target".to_string(), Scalar::Integer(m)),
                ("done".to_string(), Scalar::Integer(m)),
            ]
            .into_iter()
            .collect()
        };
        for (id, key) in [("dimensions", "dimension"), ("harvest", "output")] {
            if let Some(Answer::Records(rows)) = community.answers.get_mut(id) {
                rows.push(extra(key, &text, numbers[0], numbers[1]));
                rows.push(extra(key, "x", numbers[2], 5));
            }
        }
        let json = export::render(
            &community,
            Guide::builtin(),
            Format::Json,
            Options { include_empty, ..options() },
        );
        let problems = schema::problems(&json);
        prop_assert!(problems.is_empty(), "{}\n\n{}", problems.join("\n"), json);
    }
}

#[test]
fn json_has_no_workshop_when_there_is_none() {
    let json = render(&Community::new("Quiet"), Format::Json);
    schema::assert_valid(&json, "a community without a workshop");
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["workshop"], serde_json::Value::Null);
    assert!(json.contains("\"workshop\": null"), "{json}");
}

// ---------------------------------------------------------------------------------------------
// Each fixed fragment alone

#[test]
fn every_hostile_fragment_alone_stays_harmless() {
    for &fragment in HOSTILE {
        let community = community_with(fragment, fragment);
        for format in Format::ALL {
            let out = render(&community, format);
            assert!(
                !out.contains(['\u{1b}', '\u{202e}']),
                "{fragment:?} as {}:\n{out}",
                format.name()
            );
            if format == Format::Html {
                assert!(
                    !out.to_ascii_lowercase().contains("<script"),
                    "{fragment:?}:\n{out}"
                );
            }
        }
    }
}

/// Found by the property above on CI: a `_` ending a line, before the hard break's backslash,
/// opened emphasis that a link's `_` on the next line closed.
#[test]
fn a_run_before_a_hard_break_opens_nothing() {
    let text = "(https://x.org/a_(b)) _\na";
    let hostile = render(&community_with(text, text), Format::Markdown);
    let harmless = shaped_like(text);
    let baseline = render(&community_with(&harmless, &harmless), Format::Markdown);
    assert_eq!(structure(&hostile), structure(&baseline), "{hostile}");
}
