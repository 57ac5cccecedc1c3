//! Property tests: whatever a facilitator types can only ever be text in an exported charter.
//!
//! Charters leave convene and are opened by people who never ran it — pasted into a wiki, mailed
//! as an HTML page, fed to other tools as JSON — and community files can come from strangers. The
//! golden files in `tests/export.rs` pin down what ordinary answers look like; this file throws
//! hostile text at every place user text lands (answers, rating comments, notes, the community's
//! name) and checks each format from the outside, with a real parser:
//!
//! * Markdown (parsed with pulldown-cmark, plain CommonMark): user text adds no heading, link,
//!   image, HTML, code, list, quote, emphasis or rule, and reads back as exactly the sanitised
//!   text — its line breaks kept as hard breaks, blank lines separating paragraphs.
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
/// and zero-width characters, emoji and CJK. Each is also exported alone in
/// `every_hostile_fragment_alone_stays_harmless`.
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
                ]),
                row(vec![
                    ("date", word("2026-10-01")),
                    ("problem", t()),
                    ("advice", t()),
                    ("follow_up", word("2026-11-01")),
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

/// What `block(text)` should read as: the sanitised text with trailing whitespace dropped from
/// each line, whitespace-only lines separating paragraphs (runs of them collapse, none at either
/// end), line breaks inside a paragraph kept.
fn expected_block(text: &str) -> String {
    let text = sanitize(text);
    let mut paragraphs: Vec<Vec<&str>> = vec![Vec::new()];
    for line in text.split('\n') {
        if line.trim().is_empty() {
            paragraphs.push(Vec::new());
        } else if let Some(last) = paragraphs.last_mut() {
            last.push(line.trim_end());
        }
    }
    paragraphs
        .into_iter()
        .filter(|p| !p.is_empty())
        .map(|p| p.join("\n"))
        .collect::<Vec<_>>()
        .join("\n\n")
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

/// Reads Markdown back as text: paragraphs joined by "\n\n", hard breaks as "\n". Returns the
/// text and every event that is not a paragraph, text or hard break.
fn read_paragraphs(markdown: &str, options: pulldown_cmark::Options) -> (String, Vec<String>) {
    let mut text = String::new();
    let mut paragraphs = 0;
    let mut unexpected = Vec::new();
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Start(Tag::Paragraph) => {
                if paragraphs > 0 {
                    text.push_str("\n\n");
                }
                paragraphs += 1;
            }
            Event::End(TagEnd::Paragraph) => {}
            Event::Text(t) => text.push_str(&t),
            Event::HardBreak => text.push('\n'),
            other => unexpected.push(format!("{other:?}")),
        }
    }
    (text, unexpected)
}

proptest! {
    #![proptest_config(config())]

    /// Hostile text in the name, an answer, a rating comment and notes adds no structure to the
    /// whole Markdown charter: the same headings, lists, emphasis, rules, … as the same charter
    /// with "x" written everywhere, and so never a link, image, HTML, code or quote.
    #[test]
    fn markdown_charter_gains_no_structure_from_user_text(text in hostile()) {
        let harmless = if text.trim().is_empty() { text.as_str() } else { "x" };
        let hostile_doc = render(&community_with(&text, &text), Format::Markdown);
        let baseline_doc = render(&community_with("x", harmless), Format::Markdown);
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
    }

    /// `block` alone parses as nothing but paragraphs of text and hard breaks, and reads back as
    /// the sanitised text, in CommonMark and in the GitHub flavour.
    #[test]
    fn markdown_block_reads_back_as_the_sanitised_text(text in hostile()) {
        let markdown = block(&text);
        let expected = expected_block(&text);
        for options in [pulldown_cmark::Options::empty(), gfm()] {
            let (read, unexpected) = read_paragraphs(&markdown, options);
            prop_assert!(
                unexpected.is_empty(),
                "{:?} in {:?} ({:?})",
                unexpected,
                markdown,
                options
            );
            prop_assert_eq!(&read, &expected, "Markdown: {:?} ({:?})", markdown, options);
        }
    }

    /// `inline` alone parses as at most one paragraph of text and reads back as the text on one
    /// line, sanitised, in CommonMark and in the GitHub flavour.
    #[test]
    fn markdown_inline_reads_back_as_one_line(text in hostile()) {
        let markdown = inline(&text);
        prop_assert!(!markdown.contains(['\n', '\r']), "{:?}", markdown);
        let expected = expected_inline(&text);
        for options in [pulldown_cmark::Options::empty(), gfm()] {
            let (read, unexpected) = read_paragraphs(&markdown, options);
            prop_assert!(
                unexpected.is_empty(),
                "{:?} in {:?} ({:?})",
                unexpected,
                markdown,
                options
            );
            let paragraphs = Parser::new_ext(&markdown, options)
                .filter(|e| matches!(e, Event::Start(Tag::Paragraph)))
                .count();
            prop_assert!(paragraphs <= 1, "{} paragraphs in {:?}", paragraphs, markdown);
            prop_assert_eq!(&read, &expected, "Markdown: {:?} ({:?})", markdown, options);
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
        let harmless = if text.trim().is_empty() { text.as_str() } else { "x" };
        let markdown = render(&community_with("x", &text), Format::Markdown);
        let baseline = render(&community_with("x", harmless), Format::Markdown);
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
        prop_assert_eq!(&people.rows, &vec![vec![expected.clone(); 5]], "Markdown:\n{}", markdown);

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
    "html", "head", "meta", "title", "style", "body", "main", "header", "h1", "h2", "h3", "p",
    "section", "div", "span", "strong", "br", "ul", "li", "table", "thead", "tbody", "tr", "th",
    "td", "time", "footer", "nav", "ol", "a",
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
    in_contents
        && page
            .select(&selector("main > section"))
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
            prop_assert_eq!(cells("table.people tbody td"), vec![want.clone(); 5], "{}", html);
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
            prop_assert_eq!(log.len(), 10);
            for row in log.chunks(5) {
                prop_assert_eq!(&row[1], &want);
                prop_assert_eq!(&row[2], &want);
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
    // The name, the lead, text answers and the drafts made from them, list items, the rating's
    // comment, the notes, the parked topics and a dimension's words (spans), table cells, a
    // theme's name, and the question id a card is filed under.
    let places: Vec<&str> = holders.keys().map(String::as_str).collect();
    assert_eq!(
        places,
        [
            "h1", "li", "p.answer", "p.lead", "p.prompt", "span", "strong", "td"
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
