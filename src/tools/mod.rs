//! Tools for tuning a pack: gold evaluation ([`eval`]), what a rule edit
//! changes ([`diff`]), rule coverage over a corpus ([`coverage`]), rules
//! suggested from labelled examples ([`suggest`]), and every match of a
//! pattern, rule or actor in context ([`kwic`]).

pub(crate) mod coverage;
pub(crate) mod diff;
pub(crate) mod eval;
pub(crate) mod kwic;
pub(crate) mod suggest;
