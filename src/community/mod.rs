//! One community and its file format.
//!
//! The file is a promise to the facilitator (see the README's "The community file"): plain TOML,
//! `schema_version` first, answers keyed by question id, a workshop's cards, parking lot and log
//! under an optional `[workshop]` ([`Workshop`]), deterministic output, and hand edits —
//! comments, unknown keys, their own quoting — kept across saves. [`CommunityFile`] pairs the
//! model with the TOML document it came from so that promise can be kept. Nothing here touches
//! the disk; the store does that.

mod check;
mod decode;
mod encode;
mod model;
mod plan;
pub mod readiness;
mod schema;
mod workshop;

use toml_edit::{Document, DocumentMut};

pub use check::{Problem, Severity, check_text};
pub use decode::Located;
pub use model::{Answer, Community, Progress, Rating, RatingValue, Record, Scalar, now};
pub use plan::{NextStep, next_step};
pub use schema::SCHEMA_VERSION;
pub use workshop::{Card, LogEntry, LogKind, Parked, Workshop};

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
    doc: DocumentMut,
}

impl CommunityFile {
    /// A community that has never been saved.
    pub fn new(community: Community) -> CommunityFile {
        CommunityFile {
            community,
            file_version: SCHEMA_VERSION,
            doc: encode::new_document(),
        }
    }

    /// Reads a community from the text of its file.
    pub fn parse(text: &str) -> Result<CommunityFile, FormatError> {
        let parsed = Document::parse(text).map_err(|e| {
            let message = sanitize_line(e.message().trim()).into_owned();
            FormatError::Syntax(Located::span(text, e.span(), message))
        })?;
        let version = decode::schema_version(&parsed).map_err(FormatError::Invalid)?;
        if version > SCHEMA_VERSION {
            let community = decode::decode(&parsed).map_err(|detail| FormatError::Newer {
                found: version,
                detail,
            })?;
            return Ok(CommunityFile {
                community,
                file_version: version,
                doc: parsed.into_mut(),
            });
        }
        if version < SCHEMA_VERSION {
            let mut doc = parsed.into_mut();
            schema::migrate(&mut doc, version)
                .map_err(|m| FormatError::Invalid(Located::at(text, 0, m)))?;
            let upgraded = doc.to_string();
            let mut file = CommunityFile::parse(&upgraded)?;
            file.file_version = version;
            return Ok(file);
        }
        let community = decode::decode(&parsed).map_err(FormatError::Invalid)?;
        Ok(CommunityFile {
            community,
            file_version: version,
            doc: parsed.into_mut(),
        })
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
        encode::encode_into(&mut self.doc, &self.community, guide);
        let mut text = self.doc.to_string();
        if !text.ends_with('\n') {
            text.push('\n');
        }
        Ok(text)
    }

    /// Records that the text just rendered is now what is on disk.
    pub fn mark_saved(&mut self) {
        self.file_version = SCHEMA_VERSION;
    }
}
