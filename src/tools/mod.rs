//! Tools for tuning a pack: gold evaluation ([`eval`]), what a rule edit
//! changes ([`diff`]), rule coverage over a corpus ([`coverage`]), rules
//! suggested from labelled examples ([`suggest`]), and every match of a
//! pattern, rule or actor in context ([`kwic`]).

pub mod coverage;
pub mod diff;
pub mod eval;
pub mod kwic;
pub mod suggest;
