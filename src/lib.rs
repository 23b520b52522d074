//! framescope classifies how news articles frame international affairs, and
//! which actors they frame, from a rule pack of TOML files that users edit.
//!
//! The pipeline, one pass per document:
//!
//! 1. [`load`] reads the rule pack's TOML into the [`spec`] mirror, and
//!    [`compile`] validates it into a [`RuleSet`]: one Aho-Corasick automaton
//!    over every frame term, actor alias and modifier, with a table saying
//!    what each pattern means and where it was declared.
//! 2. [`document`] reads articles; [`segment`] splits them into sentences.
//! 3. [`scan`] finds the rules' matches (normalised by [`normalize`]: Unicode
//!    case folding, quotes, dashes); [`score`] turns them into per-sentence
//!    frame scores with evidence; [`profile`] aggregates article and actor
//!    profiles.
//! 4. [`render`] formats them; [`cli`] is the command-line tool.
//!
//! # Example
//!
//! ```
//! use framescope::{profile, Document, RuleSet};
//!
//! let rules = RuleSet::embedded().unwrap();
//! let doc = Document {
//!     id: "demo".into(),
//!     text: "North Korea and China reaffirmed their alliance at a summit in Beijing.".into(),
//!     ..Document::default()
//! };
//! let p = profile(&rules, &doc);
//! assert!(p.sentences[0].frames.contains_key("alliance"));
//! assert_eq!(p.sentences[0].actors, ["CHN", "PRK"]);
//! ```
#![deny(missing_docs)]
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod actors;
pub mod aggregate;
pub mod atomic;
pub mod cli;
pub mod compare;
pub mod compile;
pub mod corpus;
pub mod coverage;
pub mod diff;
pub mod document;
pub mod dyads;
pub mod error;
pub mod eval;
pub mod fmt;
pub mod import;
pub mod input;
pub mod lint;
pub mod load;
pub mod normalize;
pub mod profile;
pub mod quotes;
pub mod render;
pub mod ruleset;
pub mod ruletest;
pub mod scan;
pub mod score;
pub mod segment;
pub mod spec;
pub mod stance;
pub mod stats;
pub mod stream;
pub mod summary;

pub use document::Document;
pub use error::{Diagnostic, Error};
pub use load::PackSource;
pub use profile::{profile, ArticleProfile};
pub use ruleset::RuleSet;
