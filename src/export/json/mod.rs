//! The charter as JSON, for other tools.
//!
//! The shape is the JSON Schema `assets/export/charter.schema.json` ([`SCHEMA`]), which names
//! every field, question kind and table column; every export is validated against it in the
//! tests. It is versioned by `format_version` (the schema's `$id` names the version): within a
//! version fields are only ever added, so the schema lets objects carry fields it does not name
//! and a tool should ignore them. Text is exact — what the facilitator wrote — and characters
//! that could mislead a reader of the raw file (control, bidi and invisible ones) are written as
//! `\uXXXX` escapes, which decode to the same text.
//!
//! Dates and table answers are written by `values.rs`: a value convene could not use says so
//! (`{"readable": false, …}`, `{"out_of_range": true, …}`) instead of looking like one it could.
//! The JSON holds what the file says and when it was made (`generated_at`): whether a step is
//! overdue depends on the day the charter is made, so it is left to the reader (Markdown and
//! HTML mark it).

mod inert;
mod values;

use chrono::SecondsFormat;
use serde::Serialize;

use super::charter::Charter;
use inert::{Count, Inert};

/// The version of the JSON shape. 2: a date convene could not read and a number it could not
/// use are objects that say so (they were strings and numbers like valid ones), every
/// readiness group is listed, rated or not, and `generated_at` was added. 3: a source may be
/// a published template, whose `seed` is null (it was always a string) and which names its
/// `publisher` and `url` (null for a seed).
pub const FORMAT_VERSION: u32 = 3;

/// The JSON Schema (draft 2020-12) every charter of this [`FORMAT_VERSION`] follows.
pub const SCHEMA: &str = include_str!("../../../assets/export/charter.schema.json");

#[derive(Serialize)]
struct Document<'c, 'g> {
    format: &'static str,
    format_version: u32,
    /// RFC 3339 to the second, always with its offset (`+00:00`, never `Z`).
    generated_at: String,
    #[serde(flatten)]
    charter: &'c Charter<'g>,
}

/// `document` as pretty JSON, made inert, into `sink`. Through a buffer: serde_json writes a
/// document in thousands of small pieces, each of which would be looked at for escapes alone
/// (a buffer's end may cut a character, which [`Inert`] holds until the next).
fn write_inert<S: inert::Sink>(document: &Document, sink: S) -> S {
    use std::io::Write as _;
    let mut inert = Inert::new(sink);
    let mut buffer = std::io::BufWriter::with_capacity(16 * 1024, &mut inert);
    serde_json::to_writer_pretty(&mut buffer, document).expect("a charter always serialises");
    buffer.flush().expect("the sink takes UTF-8");
    drop(buffer);
    inert.finish().expect("serde_json writes UTF-8")
}

pub fn to_json(charter: &Charter) -> String {
    let document = Document {
        format: "convene-charter",
        format_version: FORMAT_VERSION,
        generated_at: charter
            .generated_at
            .to_rfc3339_opts(SecondsFormat::Secs, false),
        charter,
    };
    // Exact but inert: hazards become escapes that decode to the same text (`escape_json` says
    // why joiners inside emoji are escaped too), written into a string of the size counted.
    let size = write_inert(&document, Count::default()).0;
    let mut out = write_inert(&document, String::with_capacity(size + 1));
    out.push('\n');
    out
}
