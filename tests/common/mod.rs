//! Helpers shared by the integration tests: driving the app's update function (`drive`) and
//! the real binary on a pseudo-terminal (`pty`).

pub mod drive;
pub mod pty;
