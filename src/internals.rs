//! Not part of the API: the items the `framescope` binary, the integration
//! tests, the benches and the fuzz targets reach inside the crate. Hidden
//! from the documentation and free to change in any release; programs use
//! the items at the crate root instead.
//!
//! The paths mirror the crate's own (`internals::pack::lint::lint` is
//! `crate::pack::lint::lint`), and each module names only what those
//! callers use, so rustc still reports every other item that has no
//! caller as dead code.

/// The command line: what `src/main.rs` runs and the tests drive
/// in-process.
pub mod cli {
    pub use crate::cli::{run, Args, Terminal};
}

/// Corpus-level items.
pub mod corpus {
    /// Exact, mergeable sums over profiles.
    pub mod aggregate {
        pub use crate::corpus::aggregate::Aggregate;
    }
    /// Files written whole or not at all.
    pub mod output {
        pub use crate::corpus::output::remove_temporaries_on_signals;
    }
    /// Parallel, ordered streaming.
    pub mod stream {
        pub use crate::corpus::stream::before_workers;
    }
}

/// The engine's stages and result types.
pub mod engine {
    /// A text analysed as of a date, without a document around it.
    pub mod analysis {
        pub use crate::engine::analysis::analyze_text;
    }
    /// Per-sentence results.
    pub mod model {
        pub use crate::engine::model::SentenceResult;
    }
    /// Quotations and their speakers.
    pub mod quotes {
        pub use crate::engine::quotes::Quote;
    }
    /// The one scan of a text with the pack's automaton.
    pub mod scan {
        pub use crate::engine::scan::scan;
    }
}

/// Rule-pack tools: formatting, import, lint, pack tests.
pub mod pack {
    /// `rules fmt`.
    pub mod canonical {
        pub use crate::pack::canonical::format_file;
    }
    /// `rules import`.
    pub mod import {
        pub use crate::pack::import::{import, write_pack, DictFormat, ImportNote, Imported};
    }
    /// `rules lint`.
    pub mod lint {
        pub use crate::pack::lint::{lint, report, Finding, Level, CODES};
    }
    /// The compiled pack's data.
    pub mod ruleset {
        pub use crate::pack::ruleset::{Booster, Color, Date, Frame, Modifiers, Rule, Target};
        use crate::RuleSet;

        /// Every rule's pattern as the pack declares it, in rule order (the
        /// throughput bench builds its reference automata from them).
        pub fn patterns(rules: &RuleSet) -> impl Iterator<Item = &str> {
            rules.rules.iter().map(|r| r.pattern.as_str())
        }

        /// The pack's frames, sorted by id.
        pub fn frames(rules: &RuleSet) -> &[Frame] {
            &rules.frames
        }

        /// How many actors the registry holds.
        pub fn actor_count(rules: &RuleSet) -> usize {
            rules.actors.len()
        }

        /// The modifier settings.
        pub fn modifiers(rules: &RuleSet) -> &Modifiers {
            &rules.modifiers
        }

        /// Every rule, in rule order.
        pub fn rules(rules: &RuleSet) -> &[Rule] {
            &rules.rules
        }
    }
    /// `rules test`.
    pub mod ruletest {
        pub use crate::pack::ruletest::{report, run_tests, FailureKind};
    }
}

/// Profiles and what corpus statistics read back of them.
pub mod profile {
    /// The part of a profile corpus statistics read back.
    pub mod summary {
        pub use crate::profile::summary::Summary;
    }
}

/// Renderers.
pub mod render {
    pub use crate::render::{explain, explain_document, Style};
}

/// Reading texts.
pub mod text {
    /// Dates as articles give them.
    pub mod date {
        pub use crate::text::date::ArticleDate;
    }
    /// One document from a file.
    pub mod document {
        pub use crate::text::document::read_document;
    }
    /// Streams of articles.
    pub mod input {
        pub use crate::text::input::{InputOptions, Inputs, Item};
    }
    /// Byte spans of a text.
    pub mod span {
        pub use crate::text::span::Span;
    }
    /// Normalisation.
    pub mod normalize {
        pub use crate::text::normalize::{normalize_pattern, Normalized};
    }
}

/// Tools for tuning a pack.
pub mod tools {
    /// `rules coverage`.
    pub mod coverage {
        pub use crate::tools::coverage::{Coverage, RuleCoverage, MAX_CANDIDATES};
    }
    /// `diff`.
    pub mod diff {
        pub use crate::tools::diff::{report, PackDiff, SentenceChange};
    }
    /// `eval`.
    pub mod eval {
        pub use crate::tools::eval::{evaluate, read_gold, report, Evaluation, GoldSentence};
    }
    /// `kwic`.
    pub mod kwic {
        pub use crate::tools::kwic::{Kwic, Query, QueryKind};
    }
    /// `rules suggest`.
    pub mod suggest {
        pub use crate::tools::suggest::{
            read_labels, suggest, Labels, SuggestOptions, Suggestions,
        };
    }
}
