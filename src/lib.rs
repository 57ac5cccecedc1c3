//! convene: design a community of practice, one question at a time, and keep every word.
//!
//! The library holds everything that is not a screen: the guide ([`guide`]), the community model
//! and its file format ([`community`]), the data directory ([`store`]), text safety
//! ([`text`]), and dates and meeting rhythms as people type them ([`dates`], [`rhythm`]). The
//! `convene` binary's command line and terminal app are built on it, and so are the tests; a
//! different front end could use it unchanged.
//!
//! ```no_run
//! use convene::{community::Answer, guide::Guide, store::Store};
//!
//! let guide = Guide::builtin();
//! let store = Store::open("/tmp/communities")?;
//! let mut loaded = store.create("Nurses' lunch circle", guide)?;
//! loaded.community_mut().set_answer("primary_purpose", Answer::Text("Learn from each other's cases.".into()));
//! loaded.community_mut().touch();
//! store.save(&mut loaded, guide)?;
//! # Ok::<(), convene::store::StoreError>(())
//! ```

#![forbid(unsafe_code)]

pub mod accessible;
pub mod community;
pub mod config;
pub mod constellation;
pub mod dates;
pub mod export;
pub mod guide;
pub mod merge;
pub mod rhythm;
pub mod samples;
pub mod store;
pub mod text;
pub mod tui;
