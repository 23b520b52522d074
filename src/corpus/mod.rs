//! Corpora: streaming many documents through the engine in parallel
//! ([`stream`], [`run`]), mergeable aggregates ([`aggregate`]), group
//! comparison with its statistics ([`compare`], [`stats`]), a census of the
//! metadata keys asked for ([`keys`]), and output files written whole or not
//! at all ([`output`]).

pub(crate) mod aggregate;
pub(crate) mod compare;
pub(crate) mod keys;
pub(crate) mod output;
pub(crate) mod run;
pub(crate) mod stats;
pub(crate) mod stream;
