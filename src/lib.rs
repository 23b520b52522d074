//! framescope classifies how news articles frame international affairs, and
//! which actors they frame, from a rule pack of TOML files that users edit.
//!
//! The pipeline, one pass per document:
//!
//! 1. A [`PackSource`] holds the rule pack's TOML files (the embedded pack,
//!    a directory or a git revision); [`RuleSet::from_source`] validates
//!    them into a [`RuleSet`]: one Aho-Corasick automaton over every frame
//!    term, actor alias and modifier, with a table saying what each pattern
//!    means and where it was declared. A pack with problems is an
//!    [`Error::Pack`] listing every [`Diagnostic`].
//! 2. A [`Document`] is one article: its text and metadata.
//! 3. [`analyze`] normalises the text, splits it into sentences, scans it
//!    once and returns an [`Analysis`]: per-sentence frame scores, actor
//!    mentions, quotations and stance edges, with evidence.
//! 4. [`profile()`] (or [`profile_of`] with an analysis already made) sums an
//!    analysis into an [`ArticleProfile`], the article's frames, actors and
//!    dyads, which serialises as the `classify --format jsonl` record.
//!
//! That is the whole API. The command-line tool (corpora, comparisons,
//! reports, pack tools) lives in the same crate; its `internals` module is
//! hidden, exists for the binary, tests, benches and fuzz targets, and is
//! not part of the API.
//!
//! # Example
//!
//! ```
//! use framescope::{analyze, profile_of, Document, RuleSet};
//!
//! let rules = RuleSet::embedded().unwrap();
//! let doc = Document {
//!     id: "demo".into(),
//!     text: "North Korea and China reaffirmed their alliance at a summit in Beijing.".into(),
//!     ..Document::default()
//! };
//! let analysis = analyze(&rules, &doc);
//! assert_eq!(analysis.sentences.len(), 1);
//! let p = profile_of(&rules, &doc, analysis);
//! let first = &p.sentences[0];
//! assert!(first.frames.named(&rules).contains_key("alliance"));
//! assert_eq!(first.actor_names(&rules), ["CHN", "PRK"]);
//! ```
#![deny(missing_docs)]
#![warn(unreachable_pub)]
#![warn(clippy::print_stdout, clippy::print_stderr)]

mod cli;
mod corpus;
mod engine;
mod error;
#[doc(hidden)]
pub mod internals;
mod pack;
mod profile;
mod render;
mod report;
mod text;
mod tools;
mod work;

pub use engine::analysis::{analyze, Analysis};
pub use error::{Diagnostic, Error, Location};
pub use pack::load::PackSource;
pub use pack::ruleset::RuleSet;
pub use profile::article::{profile, profile_of, ArticleProfile};
pub use text::document::Document;
