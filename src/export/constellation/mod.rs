//! The constellation charter: one document for a constellation's readers — its sponsors, its
//! members, the communities' coordinators — who never run convene (seed 002: several
//! communities designed and run together need one picture of them together).
//!
//! It says, in order: what the communities are for together (the shared purpose); each
//! community at a glance, side by side in one table (what it contributes, how far its design
//! is, its stage, the readiness verdict of each group in words, the next step due and how many
//! are overdue), its name linking to its own charter; then a section for each community with
//! the facts its own charter opens with; the people who bridge communities (weavers marked);
//! and what the communities learned, across all their logs in date order.
//!
//! It is written from the [`Overview`] the app and `check` read, so the charter and the screen
//! never disagree about who is in the constellation; a member that is not where the
//! constellation says (moved, missing, unreadable) is named in words wherever it would stand,
//! never silently dropped. What each community shows is what its own charter for the same
//! audience shows: each community's charter is built with the same [`Options`] and its glance
//! taken from it, so contacts stay out of the members' charter here as they do there. The
//! links name the files the app writes for that audience ([`super::file_name`]) beside this
//! one.
//!
//! The content is gathered once (`document.rs`); `markdown.rs`, `html.rs` and `json.rs` each
//! write it, escaping what the facilitators wrote their own way, as the community charter
//! does. Nothing here reads the disk; the clock is read at most once, when `options` leaves the
//! moment to it.

mod document;
mod html;
mod json;
mod markdown;

pub use json::{FORMAT_VERSION, SCHEMA};

use super::{Format, Options};
use crate::constellation::overview::Overview;
use crate::guide::Guide;

/// The constellation charter of `overview` in `format`, for `options.audience`.
pub fn render(overview: &Overview, guide: &Guide, format: Format, options: Options) -> String {
    let document = document::Document::build(overview, guide, options);
    match format {
        Format::Markdown => markdown::write(&document),
        Format::Html => html::write(&document),
        Format::Json => json::write(&document),
    }
}
