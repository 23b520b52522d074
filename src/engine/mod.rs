//! The engine: one document through the rule set. [`analysis::analyze`]
//! is the one entry point; inside it [`scan`] finds the rules'
//! matches, [`score`] scores sentences with their evidence ([`context`]
//! decides whether a term that needs a context counts), [`quotes`] finds
//! quotations and their speakers, [`stance`] directed edges, [`dyads`] pairs.

pub(crate) mod analysis;
pub(crate) mod context;
pub(crate) mod dyads;
pub(crate) mod model;
pub(crate) mod modifiers;
pub(crate) mod quotes;
pub(crate) mod references;
pub(crate) mod scan;
pub(crate) mod score;
pub(crate) mod stance;
