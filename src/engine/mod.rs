//! The engine: one document through the rule set. [`scan`] finds the rules'
//! matches, [`score`] scores sentences with their evidence, [`quotes`] finds
//! quotations and their speakers, [`stance`] directed edges, [`dyads`] pairs.

pub mod dyads;
pub mod quotes;
pub mod scan;
pub mod score;
pub mod stance;
