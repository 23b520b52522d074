//! Tools for tuning a pack: gold evaluation ([`eval`]), what a rule edit
//! changes ([`diff`]), and rule coverage over a corpus ([`coverage`]).

pub mod coverage;
pub mod diff;
pub mod eval;
pub mod suggest;
