//! Corpora: streaming many documents through the engine in parallel
//! ([`stream`], [`run`]), mergeable aggregates ([`aggregate`]), group
//! comparison with its statistics ([`compare`], [`stats`]), a census of the
//! metadata keys asked for ([`keys`]), and output files written whole or not
//! at all ([`output`]).

pub mod aggregate;
pub mod compare;
pub mod keys;
pub mod output;
pub mod run;
pub mod stats;
pub mod stream;
