//! The rule pack: TOML files in, a validated [`ruleset::RuleSet`] out.
//! [`spec`] mirrors the files, [`load`] reads them, [`compile`] validates and
//! builds the one automaton; [`lint`], [`canonical`] (`rules fmt`),
//! [`import`] and [`ruletest`] are the pack's own tools; [`probe`] matches
//! patterns that are not rules as if they were.

pub mod canonical;
pub mod compile;
pub mod import;
pub mod lint;
pub mod load;
pub mod probe;
pub mod ruleset;
pub mod ruletest;
pub mod spec;
