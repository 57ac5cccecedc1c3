//! The terminal app: home, the guided walk, the presenter view, help.
//!
//! Data flows one way, and each step has its folder:
//!
//! - [`model`] — what the app is at one moment: plain data, no store, no clock;
//! - [`keymap`] — what a key means where, the one place keys are read;
//! - [`update`] — `update(model, msg, now) -> effects`, the one function that changes the model,
//!   pure;
//! - [`effects`] — what the update asks the world to do, as data, and the one place it is done;
//! - [`runtime`] — the terminal, the event loop and the clock: it turns input into messages,
//!   performs effects and feeds their outcomes back;
//! - [`view`] — drawing, a function of the model that only reads it.

pub mod effects;
pub mod keymap;
pub mod model;
pub mod prefs;
pub mod runtime;
pub mod theme;
pub mod update;
pub mod view;

pub use model::{Model, Now, Screen, Status, Target};
pub use prefs::Prefs;
pub use runtime::{App, CRASH_KEY_ENV, color_wanted, run};
pub use update::{Msg, update};
