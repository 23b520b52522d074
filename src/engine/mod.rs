//! The engine: one document through the rule set. [`analysis::analyze`]
//! is the one entry point; inside it [`scan`] finds the rules'
//! matches, [`score`] scores sentences with their evidence ([`context`]
//! decides whether a term that needs a context counts), [`quotes`] finds
//! quotations and their speakers, [`stance`] directed edges, [`dyads`] pairs.

pub mod analysis;
pub mod context;
pub mod dyads;
pub mod model;
pub(crate) mod modifiers;
pub mod quotes;
pub(crate) mod references;
pub mod scan;
pub mod score;
pub mod stance;
