//! One community and its file format.
//!
//! The file is a promise to the facilitator (see the README's "The community file"): plain TOML,
//! `schema_version` first, answers keyed by question id, a workshop's cards, parking lot and log
//! under an optional `[workshop]` ([`Workshop`]), deterministic output, and hand edits —
//! comments, unknown keys, their own quoting — kept across saves. [`CommunityFile`] pairs the
//! model with the text it came from so that promise can be kept: a save edits the document made
//! from that text, values of a shape no question can use are kept as written ([`kept`]), and
//! the file's CRLF line breaks and byte order mark come back on every save (`style`).
//!
//! Reading goes through a lean tree of the file (`tree`) rather than `toml_edit`'s document,
//! which costs some fifty times the file's size; the document is made only while saving, from
//! the text, and dropped once the new text is written. So an open community costs its text and
//! its model, in proportion to the file. Nothing here touches the disk; the store does that.

mod answers;
mod check;
mod decode;
mod encode;
pub mod kept;
pub mod launch;
mod lines;
mod model;
mod plan;
pub mod readiness;
mod record;
mod schema;
mod splice;
mod style;
mod tree;
mod workshop;

use toml_edit::DocumentMut;

use lines::Lines;
use style::Style;
use tree::Table;

pub use check::{Problem, Severity, check_text};
pub use decode::Located;
pub(crate) use encode::{HEAD_KEYS, text_value};
pub use kept::{Kept, KeptValues, Part};
pub use model::{
    Answer, Community, Progress, Rating, RatingValue, Record, Scalar, is_language_tag, now,
};
pub use plan::{NextStep, next_step};
pub use schema::SCHEMA_VERSION;
pub use workshop::{Card, Grouped, LogEntry, LogKind, Parked, Workshop};

use crate::guide::Guide;
use crate::text::sanitize_line;

/// Why a file's text cannot be used as a community.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FormatError {
    /// Not valid TOML.
    #[error("not valid TOML at {0}")]
    Syntax(Located),
    /// Valid TOML, but not a community convene can read.
    #[error("{0}")]
    Invalid(Located),
    /// Written by a newer convene, in a form this one cannot read.
    #[error(
        "written by a newer convene (schema_version {found}; this one reads up to {SCHEMA_VERSION}): update convene to open it ({detail})"
    )]
    Newer { found: u32, detail: Located },
    /// Written by a newer convene: it may be read, never written.
    #[error(
        "written by a newer convene (schema_version {found}; this one writes {SCHEMA_VERSION}): it is open read-only and was not changed"
    )]
    ReadOnly { found: u32 },
}

impl FormatError {
    /// The place in the file the problem is at, if there is one.
    pub fn location(&self) -> Option<&Located> {
        match self {
            FormatError::Syntax(l) | FormatError::Invalid(l) => Some(l),
            FormatError::Newer { detail, .. } => Some(detail),
            FormatError::ReadOnly { .. } => None,
        }
    }
}

/// A community together with the TOML document it is written in.
#[derive(Debug, Clone)]
pub struct CommunityFile {
    pub community: Community,
    /// The schema version the file was written with.
    file_version: u32,
    /// The text (`\n` line breaks, no byte order mark) the file was read from or last rendered
    /// to, which the next save edits; none for a community never saved. Shared: the store keeps
    /// the same text as the base of a three-way merge ([`CommunityFile::shared_source`]).
    source: Option<std::sync::Arc<str>>,
    /// Values of known keys no question can use, left in the text exactly as written.
    kept: KeptValues,
    /// Where each answer, rating and note starts, for notices about kept values.
    lines: Lines,
    /// The file's line endings and byte order mark, given back on every save.
    style: Style,
    /// In a big file, the big table answers a save may leave out of its document (`splice`).
    regions: Vec<splice::Region>,
}

impl CommunityFile {
    /// A community that has never been saved.
    pub fn new(community: Community) -> CommunityFile {
        CommunityFile {
            community,
            file_version: SCHEMA_VERSION,
            source: None,
            kept: KeptValues::default(),
            lines: Lines::default(),
            style: Style::default(),
            regions: Vec::new(),
        }
    }

    /// Reads a community from the text of its file.
    pub fn parse(text: &str) -> Result<CommunityFile, FormatError> {
        let (style, text) = Style::of(text);
        let mut file = CommunityFile::parse_plain(&text, |_, _| ())?;
        file.style = style;
        Ok(file)
    }

    /// Reads text with `\n` line breaks and no byte order mark. `also` sees the text read and
    /// its tree (with spans), after an upgrade from an older schema the upgraded text.
    pub(crate) fn parse_plain(
        text: &str,
        also: impl FnOnce(&str, &Table),
    ) -> Result<CommunityFile, FormatError> {
        let parsed = parse_tree(text)?;
        match read(text, &parsed)? {
            Read::Older(version) => {
                drop(parsed);
                let upgraded = upgrade(text, version)?;
                let mut file = CommunityFile::parse_plain(&upgraded, also)?;
                file.file_version = version;
                Ok(file)
            }
            Read::Community {
                version,
                community,
                kept,
            } => {
                also(text, &parsed);
                let lines = answers::lines_of(text, &parsed);
                let regions = splice::regions(text, &parsed);
                drop(parsed);
                Ok(CommunityFile {
                    community: *community,
                    file_version: version,
                    source: Some(text.into()),
                    kept,
                    lines,
                    style: Style::default(),
                    regions,
                })
            }
        }
    }

    /// Values of known keys no question can use, kept as written.
    pub fn kept(&self) -> &KeptValues {
        &self.kept
    }

    /// What is kept as written at this place, if anything, and on which line: a value no
    /// question can use, or an answer of a shape its question does not take.
    pub fn kept_at(&self, guide: &Guide, part: Part, id: &str) -> Option<(Kept, Option<usize>)> {
        let line = self.lines.get(part, id);
        if let Some(kept) = self.kept.get(part, id) {
            return Some((kept.clone(), line));
        }
        let kind = guide.question(id)?.kind;
        let answer = match part {
            Part::Answer => self.community.answers.get(id)?,
            Part::Rating | Part::Note => return None,
        };
        (!kept::fits(kind, answer)).then(|| {
            let found = Kept {
                found: kept::shape_of(answer).to_string(),
            };
            (found, line)
        })
    }

    /// Lets the next save replace what is kept at this place: forgets the kept value and the
    /// answer of the wrong shape, so what the facilitator writes there next is saved (and, until
    /// then, nothing). Returns whether anything was kept there.
    pub fn replace_kept(&mut self, guide: &Guide, part: Part, id: &str) -> bool {
        if self.kept_at(guide, part, id).is_none() {
            return false;
        }
        self.kept.remove(part, id);
        match part {
            Part::Answer => self.community.answers.remove(id).is_some(),
            Part::Rating => self.community.ratings.remove(id).is_some(),
            Part::Note => self.community.notes.remove(id).is_some(),
        };
        true
    }

    /// The schema version the file was written with (older ones are upgraded on save).
    pub fn file_version(&self) -> u32 {
        self.file_version
    }

    /// Whether this convene may write the file: not when a newer convene wrote it.
    pub fn is_read_only(&self) -> bool {
        self.file_version > SCHEMA_VERSION
    }

    /// The file's new text, with the model written into the document it was loaded from.
    pub fn render(&mut self, guide: &Guide) -> Result<String, FormatError> {
        if self.is_read_only() {
            return Err(FormatError::ReadOnly {
                found: self.file_version,
            });
        }
        if !self.regions.is_empty()
            && let Some((text, regions, lines)) = splice::render(self, guide)
        {
            self.regions = regions;
            self.lines = lines;
            self.source = Some(text.as_str().into());
            return Ok(self.style.apply(text));
        }
        let mut doc = match &self.source {
            Some(source) => edit_document(source)?,
            None => encode::new_document(),
        };
        encode::encode_into(&mut doc, &self.community, &self.kept, guide);
        let mut text = doc.to_string();
        drop(doc);
        if !text.ends_with('\n') {
            text.push('\n');
        }
        // The regions were of the old text: a big file's are found again in the new one, for
        // the next save; a file that is no longer big has none.
        self.regions = Vec::new();
        let big = text.len() >= splice::SPLICE_FROM;
        if big || self.has_kept(guide) {
            // A save may have moved what is kept; its notice must still give the right line.
            if let Ok(root) = tree::parse(&text) {
                self.lines = answers::lines_of(&text, &root);
                self.regions = splice::regions(&text, &root);
            }
        }
        self.source = Some(text.as_str().into());
        Ok(self.style.apply(text))
    }

    /// Records that the text just rendered is now what is on disk.
    pub fn mark_saved(&mut self) {
        self.file_version = SCHEMA_VERSION;
    }

    /// The text the next save edits (`\n` line breaks), if the file was ever read or rendered.
    pub(crate) fn source(&self) -> Option<&str> {
        self.source.as_deref()
    }

    /// Replaces the text the next save edits with `text`, the same community with something
    /// outside the model changed (the merge's conflicts): where answers start is found again.
    pub(crate) fn replace_source(&mut self, text: String) {
        self.regions = Vec::new();
        if let Ok(root) = tree::parse(&text) {
            self.lines = answers::lines_of(&text, &root);
            self.regions = splice::regions(&text, &root);
        }
        self.source = Some(text.into());
    }

    /// The text the next save edits, shared rather than copied: for a caller that keeps the same
    /// text (a big file's is megabytes).
    pub(crate) fn shared_source(&self) -> Option<std::sync::Arc<str>> {
        self.source.clone()
    }
}

impl CommunityFile {
    /// Whether anything in the file is kept as written (see [`kept`]).
    fn has_kept(&self, guide: &Guide) -> bool {
        !self.kept.is_empty()
            || self
                .community
                .answers
                .iter()
                .any(|(id, a)| guide.question(id).is_some_and(|q| !kept::fits(q.kind, a)))
    }
}

/// Reads text with `\n` line breaks and no byte order mark into the lean tree.
pub(crate) fn parse_tree(text: &str) -> Result<Table, FormatError> {
    tree::parse(text).map_err(|lean| syntax_error(text, lean))
}

/// Reads text into the lean tree as far as TOML lets it be read (see `tree::parse_all`): the
/// tree less each key or table defined against TOML's rules, with a problem for each of those
/// (in file order, in the tree's own words); or, past an error in TOML's grammar, that error.
pub(crate) fn parse_tree_all(text: &str) -> Result<(Table, Vec<FormatError>), FormatError> {
    let (root, refused) = tree::parse_all(text).map_err(|lean| syntax_error(text, lean))?;
    let refused = refused
        .into_iter()
        .map(|e| FormatError::Syntax(Located::span(text, e.span, e.message)))
        .collect();
    Ok((root, refused))
}

/// The first TOML error in `text`, which the lean tree found too.
fn syntax_error(text: &str, lean: tree::Error) -> FormatError {
    // Said as `toml_edit` says it, as it always has been; the two agree on what is wrong
    // (see `tree`), and its messages are the ones facilitators have seen.
    let (span, message) = match toml_edit::Document::parse(text) {
        Err(e) => (e.span(), e.message().to_string()),
        Ok(_) => (lean.span, lean.message),
    };
    let message = sanitize_line(message.trim()).into_owned();
    FormatError::Syntax(Located::span(text, span, message))
}

/// The text of a file from an older schema, upgraded to this one.
pub(crate) fn upgrade(text: &str, version: u32) -> Result<String, FormatError> {
    let mut doc = edit_document(text)?;
    schema::migrate(&mut doc, version)
        .map_err(|m| FormatError::Invalid(Located::at(text, 0, m)))?;
    Ok(doc.to_string())
}

/// The document a save edits, made from the text it was read from.
fn edit_document(text: &str) -> Result<DocumentMut, FormatError> {
    text.parse::<DocumentMut>().map_err(|e| {
        let message = sanitize_line(e.message().trim()).into_owned();
        FormatError::Syntax(Located::span(text, e.span(), message))
    })
}

/// A parsed document, read as a community.
pub(crate) enum Read {
    /// Written by this convene or a newer one (which makes it read-only).
    Community {
        version: u32,
        community: Box<Community>,
        kept: KeptValues,
    },
    /// Written by an older convene: to be upgraded before it is read.
    Older(u32),
}

/// Whether, and as what, a parsed document opens: the one verdict the app, `list` and `check`
/// all go by. A refusal gives the first problem [`read_all`] finds.
pub(crate) fn read(text: &str, parsed: &Table) -> Result<Read, FormatError> {
    let mut faults = Vec::new();
    let read = read_all(text, parsed, &mut faults);
    match faults.into_iter().next() {
        Some(first) => Err(first),
        None => Ok(read),
    }
}

/// Reads a parsed document as [`read`] does, but goes on past every problem, putting each in
/// `faults`: the document opens exactly when there are none (what it reads as is then of use;
/// otherwise it is made of stand-ins). A `schema_version` that cannot be read is a problem, and
/// the rest is read as this convene's schema; an older one is only named (it is read once
/// upgraded), and a newer one's problems are [`FormatError::Newer`].
pub(crate) fn read_all(text: &str, parsed: &Table, faults: &mut Vec<FormatError>) -> Read {
    let version = match decode::schema_version(text, parsed) {
        Ok(version) if version < SCHEMA_VERSION => return Read::Older(version),
        Ok(version) => version,
        Err(at) => {
            faults.push(FormatError::Invalid(at));
            SCHEMA_VERSION
        }
    };
    let mut kept = KeptValues::default();
    let mut found = Vec::new();
    let community = decode::decode(text, parsed, &mut kept, &mut found);
    faults.extend(found.into_iter().map(|detail| {
        if version > SCHEMA_VERSION {
            FormatError::Newer {
                found: version,
                detail,
            }
        } else {
            FormatError::Invalid(detail)
        }
    }));
    Read::Community {
        version,
        community: Box::new(community),
        kept,
    }
}
