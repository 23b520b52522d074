//! Helpers shared by the integration tests.

// Each test file uses a part of them.
#![allow(dead_code, unused_imports)]

mod packs;
mod process;

pub use packs::*;
pub use process::*;
