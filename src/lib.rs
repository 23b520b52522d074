//! framescope classifies how news articles frame international affairs, and
//! which actors they frame, from a rule pack of TOML files that users edit.
//!
//! The pipeline, one pass per document:
//!
//! 1. [`pack`] reads the rule pack's TOML and validates it into a
//!    [`RuleSet`]: one Aho-Corasick automaton over every frame term, actor
//!    alias and modifier, with a table saying what each pattern means and
//!    where it was declared.
//! 2. [`text`] reads articles, normalises them (Unicode case folding, quotes,
//!    dashes) and splits them into sentences.
//! 3. [`engine`] finds the rules' matches and turns them into per-sentence
//!    frame scores, actor mentions, quotes and stance edges with evidence;
//!    [`profile`] aggregates article and actor profiles.
//! 4. [`corpus`] streams many documents and aggregates and compares groups;
//!    [`tools`] evaluates and compares packs; [`render`] formats; [`cli`] is
//!    the command-line tool.
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

pub mod cli;
pub mod corpus;
pub mod engine;
pub mod error;
pub mod pack;
pub mod profile;
pub mod render;
pub mod report;
pub mod text;
pub mod tools;
mod work;

pub use error::{Diagnostic, Error};
pub use pack::load::PackSource;
pub use pack::ruleset::RuleSet;
pub use profile::article::{profile, ArticleProfile};
pub use text::document::Document;
