//! Helpers shared by the integration tests that run the real binary.

pub mod pty;
