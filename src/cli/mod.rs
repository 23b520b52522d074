//! The command-line interface: parses arguments with clap, turns them into
//! work on the library, and writes results and diagnostics to the writers it
//! is given (so tests drive it in-process). Exit codes: 0 ok, 1 findings,
//! 2 usage, I/O or rule-pack errors.

use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

mod corpus;
mod kwic;
mod report;

use crate::error::Error;
use crate::pack::load::PackSource;
use crate::pack::ruleset::RuleSet;
use crate::profile::article::profile;
use crate::render::{self, Style};
use crate::text::document::{read_document, Document};

/// Command-line arguments.
#[derive(Parser, Debug)]
#[command(
    name = "framescope",
    version,
    about = "Rules-based stance and framing classifier for news",
    long_about = "Classifies how news articles frame international affairs (alliance, threat, \
diplomacy, military, economy, history, conflict) and which actors they frame, from a rule \
pack of TOML files. Every score traces back to the rule that made it.\n\n\
The default rule pack is built in; --rules DIR uses another one."
)]
pub struct Args {
    /// Rule pack directory to use instead of the built-in default pack.
    #[arg(long, global = true, value_name = "DIR")]
    pub rules: Option<PathBuf>,
    /// Do not resolve references ("he", "both sides") to earlier actors.
    #[arg(long, global = true)]
    pub no_references: bool,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Classify articles and print their framing profiles.
    #[command(
        after_help = "Inputs: .txt/.md files (optional front matter: TOML between +++ lines or YAML \
between --- lines), JSON Lines \
(.jsonl, .ndjson, and gzipped .jsonl.gz: one article per line with `text`, `id`, `title` and any \
metadata), directories (walked recursively) and `-` (stdin: JSON Lines, gzip or one text, sniffed).\n\n\
Examples:\n  framescope classify seeds/\n  \
framescope classify --format json seeds/000_3989f42977a01eb3.txt\n  \
cat article.txt | framescope classify -\n  \
framescope classify corpus.jsonl.gz --format jsonl -o profiles.jsonl\n  \
framescope classify corpus.jsonl --format csv --meta outlet,date -o frames.csv\n  \
framescope classify corpus.jsonl --format csv --actors -o actor-frames.csv"
    )]
    Classify {
        /// Files or directories of articles; `-` reads stdin.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
        /// With `--format csv`: rows per article, actor and frame.
        #[arg(long)]
        actors: bool,
        /// With `--format csv`: metadata columns (default: the first article's keys).
        #[arg(long, value_delimiter = ',', value_name = "KEY,...")]
        meta: Option<Vec<String>>,
        /// Write to FILE (whole or not at all) instead of stdout.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Inputs, threads, strictness.
        #[command(flatten)]
        run: RunArgs,
    },
    /// Compare groups of articles (outlets, months, …): per group each
    /// frame's mean density and share of articles with bootstrap intervals,
    /// the actors most framed, and the frames and terms that set the group
    /// apart (log-odds with an informative Dirichlet prior).
    #[command(
        after_help = "Inputs are articles (as for classify) or `classify --format jsonl` \
output, which is not classified again.\n\n\
Examples:\n  framescope compare corpus.jsonl --by outlet --min-docs 20\n  \
framescope compare corpus.jsonl --by month\n  \
framescope compare basil.jsonl --by outlet --pair-by event\n  \
framescope classify corpus.jsonl --format jsonl -o p.jsonl && framescope compare p.jsonl --by outlet --format csv"
    )]
    Compare {
        /// Files or directories of articles or profiles; `-` reads stdin.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Metadata key that forms the groups; `month` or `year` bucket the
        /// article date (articles without a usable one form `(no date)`).
        #[arg(long, value_name = "KEY")]
        by: String,
        /// Groups with fewer articles are flagged as unreliable.
        #[arg(long, default_value_t = 20, value_name = "N")]
        min_docs: usize,
        /// Metadata key of events covered by several groups (BASIL's `event`):
        /// adds within-event differences averaged over events.
        #[arg(long, value_name = "KEY")]
        pair_by: Option<String>,
        /// Bootstrap resamples.
        #[arg(long, default_value_t = 1000, value_name = "N")]
        resamples: usize,
        /// Bootstrap seed (same seed and input, same intervals).
        #[arg(long, default_value_t = 0, value_name = "N")]
        seed: u64,
        /// Distinguishing terms listed per group.
        #[arg(long, default_value_t = 8, value_name = "N")]
        top_terms: usize,
        /// Output format.
        #[arg(long, value_enum, default_value_t = CompareFormat::Table)]
        format: CompareFormat,
        /// Write to FILE (whole or not at all) instead of stdout.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Inputs, threads, strictness.
        #[command(flatten)]
        run: RunArgs,
    },
    /// Keyword in context: every match of a pattern, a rule or an actor,
    /// with its article, outlet, date, sentence, and the rules and frames
    /// behind it; or counts per group (`--by`); or the articles that
    /// contribute most (`--top-articles`). Patterns match as rules do:
    /// case, quotes and dashes normalised, whole words, possessives, `*`.
    #[command(
        after_help = "QUERY is a rule id if one has it (`military:bombers`, `PRK:Pyongyang`), else an \
actor id if one has it (`PRK`, `kim-jong-un`), else a pattern (`bombers`, `threat*`, `Kim Jong-un`); \
--as decides when that is not what you mean.\n\n\
Examples:\n  framescope kwic bombers corpus.jsonl --top-articles\n  \
framescope kwic military:bombers corpus.jsonl --by outlet\n  \
framescope kwic PRK articles/ --format csv -o prk.csv\n  \
framescope kwic 'sanction*' corpus.jsonl --format jsonl | head"
    )]
    Kwic {
        /// A pattern, a rule id or an actor id.
        #[arg(value_name = "PATTERN|RULE-ID|ACTOR")]
        query: String,
        /// Files or directories of articles; `-` reads stdin.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Read QUERY as this, instead of rule, else actor, else pattern.
        #[arg(long = "as", value_enum, default_value_t = KwicAs::Auto, value_name = "KIND")]
        kind: KwicAs,
        /// Count matches per group of this metadata key (`month`/`year` bucket the date).
        #[arg(long, value_name = "KEY", conflicts_with = "top_articles")]
        by: Option<String>,
        /// Rank the articles that contribute most matches (the top N, default 10).
        #[arg(long, value_name = "N", num_args = 0..=1, default_missing_value = "10")]
        top_articles: Option<usize>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = KwicFormat::Table)]
        format: KwicFormat,
        /// When to mark matches in colour in the table (`auto`: on a terminal, unless NO_COLOR is set).
        #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
        color: ColorChoice,
        /// Write to FILE (whole or not at all) instead of stdout.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Inputs, threads, strictness.
        #[command(flatten)]
        run: RunArgs,
    },
    /// Write one self-contained HTML report: overview, groups with
    /// intervals, same-event differences, frames over time, the actor
    /// network, and every article's sentences with the evidence highlighted.
    #[command(
        after_help = "Inputs are articles (as for classify) or `classify --format jsonl` \
output, which is not classified again. The page needs no network: charts, scripts and data \
are inline. Article sentences are included for up to --max-articles articles (chosen by a \
seeded hash of their ids); the rest are listed.\n\n\
Examples:\n  framescope report seeds/ -o seeds.html\n  \
framescope report basil.jsonl --by outlet --pair-by event -o basil.html\n  \
framescope report corpus.jsonl --by month --title \"Coverage by month\" -o months.html\n  \
framescope classify corpus.jsonl --format jsonl -o p.jsonl && framescope report p.jsonl --by outlet -o report.html"
    )]
    Report {
        /// Files or directories of articles or profiles; `-` reads stdin.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Write the page to FILE (whole or not at all) instead of stdout.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Metadata key that forms groups (`month`/`year` bucket the `date`).
        #[arg(long, value_name = "KEY")]
        by: Option<String>,
        /// Metadata key of events covered by several groups: adds
        /// within-event differences (needs --by).
        #[arg(long, value_name = "KEY", requires = "by")]
        pair_by: Option<String>,
        /// The page's title (default: the inputs' names).
        #[arg(long, value_name = "TEXT")]
        title: Option<String>,
        /// Groups with fewer articles are marked and left out of the charts.
        #[arg(long, default_value_t = 20, value_name = "N")]
        min_docs: usize,
        /// Articles whose sentences are included; the rest are listed.
        #[arg(long, default_value_t = 2000, value_name = "N")]
        max_articles: usize,
        /// Bootstrap resamples.
        #[arg(long, default_value_t = 1000, value_name = "N")]
        resamples: usize,
        /// Seed of the bootstrap and of the choice of included articles.
        #[arg(long, default_value_t = 0, value_name = "N")]
        seed: u64,
        /// Inputs, threads, strictness.
        #[command(flatten)]
        run: RunArgs,
    },
    /// Combine `classify --format jsonl` outputs (shards of one corpus) and
    /// earlier `merge` outputs into corpus- and group-level aggregates,
    /// identical to one run over the whole corpus: the reduce step after a
    /// map step run under GNU parallel or Spark.
    #[command(
        after_help = "Examples:\n  framescope merge part-*.jsonl --by outlet -o all.json\n  \
framescope merge all.json more.jsonl --by outlet --format table"
    )]
    Merge {
        /// Profile JSONL files (optionally .gz) or aggregate JSON files; `-` reads stdin.
        #[arg(required = true, value_name = "PART")]
        parts: Vec<PathBuf>,
        /// Metadata key to group by (`month`/`year` bucket the article date).
        #[arg(long, value_name = "KEY")]
        by: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = MergeFormat::Json)]
        format: MergeFormat,
        /// Write to FILE (whole or not at all) instead of stdout.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Stop at the first malformed line (exit 2) instead of skipping it.
        #[arg(long)]
        strict: bool,
    },
    /// Show one article sentence by sentence: matches highlighted, every
    /// contribution with its rule and modifiers, and the actors.
    #[command(
        after_help = "Examples:\n  framescope explain seeds/000_3989f42977a01eb3.txt\n  \
framescope explain --color never article.txt | less"
    )]
    Explain {
        /// The article file (`-` reads stdin).
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// When to colour the output (`auto`: on a terminal, unless NO_COLOR is set).
        #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
        color: ColorChoice,
        /// Keep running and re-render whenever the article or a file of the
        /// --rules pack changes (Ctrl-C to stop).
        #[arg(long)]
        watch: bool,
        /// Stop watching after this many renders (for tests and scripts).
        #[arg(long, hide = true, value_name = "N")]
        watch_renders: Option<usize>,
    },
    /// Who stands with whom: per actor, the frames around it and the stance
    /// it gives and receives; per pair of actors, their shared frames and
    /// the stance between them.
    #[command(after_help = "Examples:\n  framescope actors seeds/\n  \
framescope actors --format json articles/ > actors.json\n  \
framescope actors --format dot articles/ | dot -Tsvg > actors.svg")]
    Actors {
        /// Files or directories of articles; `-` reads stdin.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ActorsFormat::Table)]
        format: ActorsFormat,
        /// In `dot`, leave out pairs without stance seen in fewer sentences.
        #[arg(long, default_value_t = 2, value_name = "N")]
        min_sentences: usize,
    },
    /// Work on the rule pack (`rules lint`, `rules test`, `rules fmt`).
    Rules {
        /// What to do with the pack.
        #[command(subcommand)]
        command: RulesCommand,
    },
    /// Compare two rule packs over the same documents: per article and
    /// sentence, the frames and actors gained and lost and the scores that
    /// moved, with the evidence that differs; then the biggest movers.
    #[command(
        after_help = "Examples:\n  framescope diff --rules-a rules/ --rules-b my-rules/ seeds/\n  \
framescope diff --rules-a HEAD~1 seeds/          # the rules/ of a git revision vs the current pack\n  \
framescope diff --rules-a v0.1.0:rules --rules-b rules/ --format json articles/"
    )]
    Diff {
        /// Pack A: a directory, or a git revision (`REV` for its rules/, or `REV:DIR`).
        #[arg(long, value_name = "DIR|REV")]
        rules_a: String,
        /// Pack B: a directory or git revision; default the --rules pack or the built-in one.
        #[arg(long, value_name = "DIR|REV")]
        rules_b: Option<String>,
        /// Score changes at or below this are not reported.
        #[arg(long, default_value_t = 0.0, value_name = "X")]
        threshold: f64,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
        /// Files or directories of articles; `-` reads stdin.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Evaluate the rules against gold labels (JSONL, see tests/gold/CODEBOOK.md):
    /// per-frame, actor and stance precision/recall/F1, a frame confusion
    /// view, and every disagreement with its evidence.
    #[command(
        after_help = "Examples:\n  framescope eval tests/gold/seeds.jsonl --articles seeds/\n  \
framescope eval gold.jsonl --format json\n  \
framescope eval gold.jsonl --articles articles/ --min-f1 0.8   # exit 1 below 0.8"
    )]
    Eval {
        /// Gold labels, one JSON object per line.
        #[arg(value_name = "GOLD.jsonl")]
        gold: PathBuf,
        /// The articles: a directory of `<article>.txt` or `.md` files, or a
        /// JSON Lines file (`id`, `text`, any metadata such as `date`). Gold
        /// sentences are then aligned within their article, as of its date.
        /// Without it each gold sentence is classified on its own.
        #[arg(long, value_name = "DIR|FILE")]
        articles: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
        /// Exit 1 when frame micro-F1 is below this.
        #[arg(long, value_name = "X")]
        min_f1: Option<f64>,
    },
}

/// Work on a rule pack.
#[derive(Subcommand, Debug)]
pub enum RulesCommand {
    /// Over a corpus: hits per term and frame, rules that never fire (dead),
    /// the terms that carry each frame, and frequent unmatched words and
    /// phrases in sentences with actors (candidates for new terms).
    #[command(after_help = "Examples:\n  framescope rules coverage articles/\n  \
framescope --rules my-rules/ rules coverage --top 30 articles/\n  \
framescope rules coverage --format json articles/ > coverage.json")]
    Coverage {
        /// Files or directories of articles; `-` reads stdin.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// How many terms, actors and candidates each list shows.
        #[arg(long, default_value_t = 15, value_name = "N")]
        top: usize,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
    },
    /// Convert a LIWC (.dic) or quanteda (YAML) dictionary into a rule pack,
    /// one frame per category; constructs framescope cannot express are
    /// reported with their line, never silently dropped.
    #[command(
        after_help = "Examples:\n  framescope rules import --from liwc moral.dic --out moral-pack/\n  \
framescope rules import --from quanteda lsd.yml --out lsd-pack/\n  \
framescope --rules moral-pack/ classify articles/"
    )]
    Import {
        /// The dictionary's format: liwc or quanteda.
        #[arg(long, value_name = "FORMAT")]
        from: crate::pack::import::DictFormat,
        /// The dictionary file.
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Directory to write the pack to (must not exist or be empty).
        #[arg(long, short, value_name = "DIR")]
        out: PathBuf,
    },
    /// Rewrite the pack's files in canonical form (sorted, de-duplicated
    /// terms; stable key order), keeping comments. Works on --rules DIR, or
    /// ./rules when it exists.
    #[command(
        after_help = "Examples:\n  framescope rules fmt                   # rewrite ./rules in place\n  \
framescope --rules my-rules/ rules fmt\n  \
framescope rules fmt --check           # CI: exit 1 and list the files that are not canonical"
    )]
    Fmt {
        /// Change nothing; list the files that are not canonical and exit 1 if any.
        #[arg(long)]
        check: bool,
    },
    /// Check the pack for mistakes: duplicate and dead patterns, colliding
    /// aliases, ambiguous short aliases, self-cancelling exclusions, frames
    /// without tests, and every load error. Exit 1 when errors are found.
    #[command(
        after_help = "Examples:\n  framescope rules lint\n  framescope --rules my-rules/ rules lint --format json\n  \
framescope rules lint --explain FS003        # what a code means, why, and an example"
    )]
    Lint {
        /// Output format.
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
        /// Print the documentation of a lint code (e.g. FS003 or alias-in-two-actors) and exit.
        #[arg(long, value_name = "CODE")]
        explain: Option<String>,
    },
    /// Suggest rules from labelled examples: per frame, candidate terms
    /// (one to three words, normalised as the matcher normalises) ranked by
    /// log-odds with an informative prior, with the change in precision,
    /// recall and F1 each would bring, estimated by k-fold cross-validation
    /// over articles; the rules that cost most precision, with an exclusion
    /// phrase; and names in subject or speaker position that no actor
    /// covers. Nothing is applied: `--write` writes commented TOML to review.
    #[command(
        after_help = "Examples:\n  framescope rules suggest --gold gold.jsonl --articles articles.jsonl\n  \
framescope rules suggest --gold gold.jsonl --articles articles/ --frame conflict --write conflict.toml\n  \
framescope rules suggest --labels labels.jsonl --label-field frames --articles corpus.jsonl\n\n\
Estimates are honest: the articles are dealt into --folds folds; candidates are mined on all \
folds but one and what adding them changes is measured on the held-out fold, pooled over folds. \
Intervals are percentile bootstrap over articles."
    )]
    Suggest {
        /// Gold sentences (as for `eval`): each labelled sentence is a unit.
        #[arg(
            long,
            value_name = "GOLD.jsonl",
            required_unless_present = "labels",
            conflicts_with = "labels"
        )]
        gold: Option<PathBuf>,
        /// Article labels instead: JSON Lines with `id` and a label field
        /// (a frame id or a list of them); each article is a unit. Needs --articles.
        #[arg(long, value_name = "FILE.jsonl", requires = "articles")]
        labels: Option<PathBuf>,
        /// The field of --labels that holds the frames.
        #[arg(long, default_value = "label", value_name = "NAME")]
        label_field: String,
        /// The articles: a directory of `<article>.txt` or `.md` files, or a
        /// JSON Lines file (`id`, `text`, metadata). Without it each gold
        /// sentence is classified on its own.
        #[arg(long, value_name = "DIR|FILE")]
        articles: Option<PathBuf>,
        /// Only these frames (repeat the flag); default every frame the labels use.
        #[arg(long = "frame", value_name = "ID")]
        frames: Vec<String>,
        /// Folds of the cross-validation over articles.
        #[arg(long, default_value_t = 5, value_name = "K")]
        folds: usize,
        /// Candidate terms listed per frame.
        #[arg(long, default_value_t = 10, value_name = "N")]
        top: usize,
        /// The joint estimate adds this many top candidates together.
        #[arg(long, default_value_t = 5, value_name = "N")]
        joint: usize,
        /// Longest candidate, in words.
        #[arg(long, default_value_t = 3, value_name = "N")]
        max_words: usize,
        /// A candidate must occur in at least this many units with the frame.
        #[arg(long, default_value_t = 2, value_name = "N")]
        min_count: usize,
        /// …and in at least this many articles.
        #[arg(long, default_value_t = 2, value_name = "N")]
        min_articles: usize,
        /// Bootstrap resamples.
        #[arg(long, default_value_t = 1000, value_name = "N")]
        resamples: usize,
        /// Seed of the folds and the bootstrap.
        #[arg(long, default_value_t = 0, value_name = "N")]
        seed: u64,
        /// Predict the joint change on a new set of N articles (default: as
        /// many as the labels come from), e.g. the size of a check set.
        #[arg(long, value_name = "N")]
        new_articles: Option<usize>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
        /// Also write the candidates as commented TOML, grouped by frame, to FILE.
        #[arg(long, value_name = "FILE.toml")]
        write: Option<PathBuf>,
    },
    /// Run every `[[test]]` example of the pack; failures are *missing*
    /// (false negative) or *noisy* (false positive), with evidence. Exit 1 on
    /// any failure.
    #[command(
        after_help = "Examples:\n  framescope rules test\n  framescope --rules my-rules/ rules test --format json"
    )]
    Test {
        /// Output format.
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
    },
}

/// Output formats of reports (`rules test`, `eval`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// Human-readable text.
    Text,
    /// JSON.
    Json,
}

/// Output formats of `actors`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ActorsFormat {
    /// Actors and dyads at a glance.
    Table,
    /// Everything, as JSON.
    Json,
    /// A Graphviz digraph (render with `dot -Tsvg`).
    Dot,
}

/// Output formats of `classify`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Per article: size, coverage, dominant and top frames, top actors.
    Table,
    /// Full profiles with per-sentence evidence, as a JSON array.
    Json,
    /// One full profile per line (JSON Lines): for corpora, and for `merge`.
    Jsonl,
    /// Tidy rows, article × frame (or × actor × frame with --actors).
    Csv,
}

/// Output formats of `compare`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CompareFormat {
    /// Readable tables.
    Table,
    /// Everything, as JSON.
    Json,
    /// Tidy rows: group, item, measure, estimate, interval, z.
    Csv,
}

/// Output formats of `kwic`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum KwicFormat {
    /// One match per line: article, outlet, date, the match in context, rules, frames.
    Table,
    /// One JSON object per match (or per group or article).
    Jsonl,
    /// Tidy rows.
    Csv,
}

/// `kwic --as`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum KwicAs {
    /// A rule id if one has it, else an actor id if one has it, else a pattern.
    Auto,
    /// A pattern, matched as a frame term would be.
    Pattern,
    /// A rule id: `<frame>:<pattern>` or `<actor>:<alias>`.
    Rule,
    /// An actor id.
    Actor,
}

/// Output formats of `merge`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum MergeFormat {
    /// The aggregate as JSON (mergeable again).
    Json,
    /// Per group, each frame's mean density and share.
    Table,
}

/// How corpus commands read inputs and use the machine.
#[derive(clap::Args, Debug, Clone)]
pub struct RunArgs {
    /// Worker threads (0: every core; at most 256). Output is the same for
    /// any number.
    #[arg(long, short = 'j', default_value_t = 0, value_name = "N", value_parser = parse_jobs)]
    pub jobs: usize,
    /// No progress bar and no summary line on stderr.
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Stop at the first bad line, unreadable file or invalid UTF-8 (exit 2)
    /// instead of reporting and skipping it.
    #[arg(long)]
    pub strict: bool,
    /// JSONL field holding the article text.
    #[arg(long, default_value = "text", value_name = "NAME")]
    pub text_field: String,
    /// JSONL field holding the article id (else `<file>:<line>`).
    #[arg(long, default_value = "id", value_name = "NAME")]
    pub id_field: String,
    /// JSONL field holding the title.
    #[arg(long, default_value = "title", value_name = "NAME")]
    pub title_field: String,
    /// How to read files: by extension (auto), all as text, or all as JSON Lines.
    #[arg(long, value_enum, default_value_t = InputKind::Auto)]
    pub input_format: InputKind,
    /// Metadata key (JSONL field, front matter or sidecar key) holding the
    /// article date.
    #[arg(long, default_value = "date", value_name = "NAME")]
    pub date_field: String,
    /// How numeric dates are written, e.g. %d/%m/%Y or %m/%d/%Y (without it
    /// 01/05/2010 is refused as ambiguous); ISO 8601, RFC 2822 and English
    /// dates are read either way.
    #[arg(long, value_name = "FORMAT")]
    pub date_format: Option<crate::text::date::DateFormat>,
    /// The longest JSON Lines line read, in bytes (default 256 MiB); a longer
    /// line is reported and skipped without being held in memory.
    #[arg(long, default_value_t = crate::text::input::MAX_LINE_BYTES, value_name = "BYTES")]
    pub max_line_bytes: usize,
}

/// `--jobs N`: a whole number up to [`MAX_JOBS`](crate::corpus::stream::MAX_JOBS),
/// refused above it rather than trying to start a million threads.
fn parse_jobs(value: &str) -> Result<usize, String> {
    let max = crate::corpus::stream::MAX_JOBS;
    let usage = format!("--jobs takes a whole number of threads, at most {max} (0: every core)");
    let digits = value.trim();
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("`{value}` is not a whole number: {usage}"));
    }
    match digits.parse::<usize>() {
        Ok(n) if n <= max => Ok(n),
        _ => Err(format!("{digits} threads is too many: {usage}")),
    }
}

/// `--input-format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum InputKind {
    /// By extension; stdin is sniffed.
    Auto,
    /// Every file is one text article.
    Text,
    /// Every file is JSON Lines.
    Jsonl,
}

/// `--color`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when stdout is a terminal and NO_COLOR is not set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// Facts about the environment that change how output looks.
#[derive(Clone, Copy, Debug, Default)]
pub struct Terminal {
    /// Stdout is a terminal.
    pub stdout_is_tty: bool,
    /// Stderr is a terminal (progress bars are drawn there).
    pub stderr_is_tty: bool,
    /// The NO_COLOR environment variable is set (and not empty).
    pub no_color: bool,
}

/// Runs the CLI with `args` (including the program name) and returns the
/// exit code.
pub fn run<I, T>(args: I, terminal: Terminal, stdout: &mut dyn Write, stderr: &mut dyn Write) -> u8
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let args = match Args::try_parse_from(args) {
        Ok(args) => args,
        Err(e) => {
            let text = e.render().to_string();
            return if e.use_stderr() {
                let _ = write!(stderr, "{text}");
                2
            } else {
                let _ = write!(stdout, "{text}");
                0
            };
        }
    };
    match execute(&args, terminal, stdout, stderr) {
        Ok(code) => code,
        Err(e) if is_broken_pipe(&e) => 0,
        Err(e) => {
            let _ = writeln!(stderr, "error: {e}");
            2
        }
    }
}

fn is_broken_pipe(e: &Error) -> bool {
    matches!(e, Error::Io { source, .. } if source.kind() == std::io::ErrorKind::BrokenPipe)
}

fn to_json<T: serde::Serialize>(value: &T) -> String {
    let mut out = serde_json::to_string_pretty(value).expect("reports serialize");
    out.push('\n');
    out
}

/// Compiles a pack with the command line's settings applied.
fn compile(args: &Args, source: &PackSource) -> Result<RuleSet, Error> {
    let mut rules = RuleSet::from_source(source)?;
    if args.no_references {
        rules.resolve_references = false;
    }
    Ok(rules)
}

fn pack_source(args: &Args) -> Result<PackSource, Error> {
    match &args.rules {
        Some(dir) => PackSource::from_dir(dir),
        None => Ok(PackSource::embedded()),
    }
}

fn write_out(stdout: &mut dyn Write, text: &str) -> Result<(), Error> {
    stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
        .map_err(stdout_error)
}

fn stdout_error(source: std::io::Error) -> Error {
    Error::Io {
        path: "<stdout>".into(),
        source,
    }
}

/// A pack named on the command line: a directory if one exists there, else
/// a git revision.
fn pack_by_spec(spec: &str) -> Result<PackSource, Error> {
    let path = std::path::Path::new(spec);
    if path.is_dir() {
        PackSource::from_dir(path)
    } else {
        PackSource::from_git(spec)
    }
}

/// Reads every document under `paths` (text, Markdown, JSON Lines) in order
/// and hands each to `f`; unreadable files and bad lines are reported and
/// skipped. Returns false (after saying so) when inputs were given but none
/// could be read.
fn for_each_document(
    paths: &[PathBuf],
    stderr: &mut dyn Write,
    mut f: impl FnMut(Document),
) -> bool {
    // The corpus run loop, on this thread and without a summary line.
    let options = crate::corpus::run::RunOptions {
        jobs: 1,
        quiet: true,
        ..crate::corpus::run::RunOptions::default()
    };
    let result = crate::corpus::run::run(
        paths,
        &options,
        stderr,
        |doc| doc,
        |doc| {
            f(doc);
            Ok(())
        },
    );
    matches!(corpus::conclude(result, &options, false, stderr), Ok(None))
}

/// The warnings of one document read on its own (outside a corpus run,
/// which reports them itself): its own, and a date that cannot be read.
fn warning_lines(doc: &Document) -> Vec<String> {
    let mut out: Vec<String> = doc
        .warnings
        .iter()
        .map(|w| format!("warning: {}: {w}", doc.source))
        .collect();
    if let Some(bad) = doc.date.bad() {
        out.push(format!("warning: {bad}; classified without a date"));
    }
    out
}

/// Writes the warnings of one document read on its own (see [`warning_lines`]).
fn report_warnings(doc: &Document, stderr: &mut dyn Write) {
    for w in warning_lines(doc) {
        let _ = writeln!(stderr, "{w}");
    }
}

fn execute(
    args: &Args,
    terminal: Terminal,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<u8, Error> {
    if let Command::Rules {
        command: RulesCommand::Fmt { check },
    } = &args.command
    {
        return fmt(args.rules.as_deref(), *check, stdout, stderr);
    }
    if let Command::Rules {
        command: RulesCommand::Import { from, file, out },
    } = &args.command
    {
        return import(*from, file, out, stdout, stderr);
    }
    if let Command::Explain {
        file,
        color,
        watch: true,
        watch_renders,
    } = &args.command
    {
        let style = style_for(*color, terminal);
        return watch(args, file, style, *watch_renders, stdout);
    }
    if let Command::Merge {
        parts,
        by,
        format,
        output,
        strict,
    } = &args.command
    {
        return corpus::merge(
            parts,
            by.as_deref(),
            *format,
            output.as_deref(),
            *strict,
            stdout,
            stderr,
        );
    }
    let source = pack_source(args)?;
    if let Command::Rules {
        command: RulesCommand::Lint { format, explain },
    } = &args.command
    {
        return lint(&source, *format, explain.as_deref(), stdout, stderr);
    }
    let rules = compile(args, &source)?;
    match &args.command {
        Command::Classify {
            paths,
            format,
            actors,
            meta,
            output,
            run,
        } => corpus::classify(
            &rules,
            paths,
            *format,
            *actors,
            meta.as_deref(),
            output.as_deref(),
            run,
            terminal,
            stdout,
            stderr,
        ),
        Command::Compare {
            paths,
            by,
            min_docs,
            pair_by,
            resamples,
            seed,
            top_terms,
            format,
            output,
            run,
        } => {
            let options = crate::corpus::compare::CompareOptions {
                by: by.clone(),
                min_docs: *min_docs,
                pair_by: pair_by.clone(),
                resamples: *resamples,
                seed: *seed,
                top_terms: *top_terms,
                ..crate::corpus::compare::CompareOptions::default()
            };
            corpus::compare(
                &rules,
                paths,
                options,
                *format,
                output.as_deref(),
                run,
                terminal,
                stdout,
                stderr,
            )
        }
        Command::Kwic {
            query,
            paths,
            kind,
            by,
            top_articles,
            format,
            color,
            output,
            run,
        } => {
            let view = match (by, top_articles) {
                (Some(key), _) => kwic::View::By(key.clone()),
                (None, Some(n)) => kwic::View::TopArticles(*n),
                (None, None) => kwic::View::Lines,
            };
            let kind = match kind {
                KwicAs::Auto => crate::tools::kwic::QueryKind::Auto,
                KwicAs::Pattern => crate::tools::kwic::QueryKind::Pattern,
                KwicAs::Rule => crate::tools::kwic::QueryKind::Rule,
                KwicAs::Actor => crate::tools::kwic::QueryKind::Actor,
            };
            kwic::kwic(
                &source,
                &rules,
                query,
                kind,
                paths,
                view,
                *format,
                *color,
                output.as_deref(),
                run,
                terminal,
                stdout,
                stderr,
            )
        }
        Command::Report {
            paths,
            output,
            by,
            pair_by,
            title,
            min_docs,
            max_articles,
            resamples,
            seed,
            run,
        } => {
            let options = crate::report::ReportOptions {
                by: by.clone(),
                pair_by: pair_by.clone(),
                min_docs: *min_docs,
                max_articles: *max_articles,
                resamples: *resamples,
                seed: *seed,
                ..crate::report::ReportOptions::default()
            };
            let title = title
                .clone()
                .unwrap_or_else(|| report::default_title(paths));
            report::report(
                &rules,
                paths,
                options,
                &title,
                output.as_deref(),
                run,
                terminal,
                stdout,
                stderr,
            )
        }
        Command::Merge { .. } => unreachable!("handled before the rules are compiled"),
        Command::Rules {
            command:
                RulesCommand::Lint { .. } | RulesCommand::Fmt { .. } | RulesCommand::Import { .. },
        } => unreachable!("handled before the rules are compiled"),
        Command::Rules {
            command: RulesCommand::Coverage { paths, top, format },
        } => {
            let mut coverage = crate::tools::coverage::Coverage::new(&rules);
            if !for_each_document(paths, stderr, |doc| coverage.add(&rules, &doc)) {
                return Ok(2);
            }
            let text = match format {
                ReportFormat::Text => coverage.report(&rules, *top),
                ReportFormat::Json => to_json(&coverage),
            };
            write_out(stdout, &text)?;
            Ok(0)
        }
        Command::Actors {
            paths,
            format,
            min_sentences,
        } => {
            let mut view = crate::profile::actors::ActorsView::new(rules.info.clone());
            if !for_each_document(paths, stderr, |doc| view.add(&profile(&rules, &doc))) {
                return Ok(2);
            }
            let text = match format {
                ActorsFormat::Table => crate::profile::actors::table(&view),
                ActorsFormat::Json => to_json(&view),
                ActorsFormat::Dot => crate::profile::actors::dot(&view, *min_sentences),
            };
            write_out(stdout, &text)?;
            Ok(0)
        }
        Command::Diff {
            rules_a,
            rules_b,
            threshold,
            format,
            paths,
        } => {
            let a = compile(args, &pack_by_spec(rules_a)?)?;
            let b = match rules_b {
                Some(spec) => compile(args, &pack_by_spec(spec)?)?,
                None => rules,
            };
            let mut diff =
                crate::tools::diff::PackDiff::new(a.info.clone(), b.info.clone(), *threshold);
            if !for_each_document(paths, stderr, |doc| {
                diff.add(&profile(&a, &doc), &profile(&b, &doc))
            }) {
                return Ok(2);
            }
            diff.finish();
            let text = match format {
                ReportFormat::Text => crate::tools::diff::report(&diff),
                ReportFormat::Json => to_json(&diff),
            };
            write_out(stdout, &text)?;
            Ok(0)
        }
        Command::Rules {
            command:
                RulesCommand::Suggest {
                    gold,
                    labels,
                    label_field,
                    articles,
                    frames,
                    folds,
                    top,
                    joint,
                    max_words,
                    min_count,
                    min_articles,
                    resamples,
                    seed,
                    new_articles,
                    format,
                    write,
                },
        } => {
            let options = crate::tools::suggest::SuggestOptions {
                folds: *folds,
                top: *top,
                joint: *joint,
                max_words: *max_words,
                min_count: *min_count,
                min_articles: *min_articles,
                frames: frames.clone(),
                resamples: *resamples,
                seed: *seed,
                new_articles: *new_articles,
                ..crate::tools::suggest::SuggestOptions::default()
            };
            suggest(
                &source,
                &rules,
                gold.as_deref(),
                labels.as_deref().map(|l| (l, label_field.as_str())),
                articles.as_deref(),
                &options,
                *format,
                write.as_deref(),
                stdout,
                stderr,
            )
        }
        Command::Rules {
            command: RulesCommand::Test { format },
        } => {
            let outcomes = crate::pack::ruletest::run_tests(&rules);
            let text = match format {
                ReportFormat::Text => crate::pack::ruletest::report(&outcomes),
                ReportFormat::Json => to_json(&outcomes),
            };
            write_out(stdout, &text)?;
            Ok(u8::from(outcomes.iter().any(|o| !o.passed())))
        }
        Command::Eval {
            gold,
            articles,
            format,
            min_f1,
        } => {
            let gold_text = std::fs::read_to_string(gold).map_err(|source| Error::Io {
                path: gold.clone(),
                source,
            })?;
            let labels = crate::tools::eval::read_gold(&gold_text, &gold.display().to_string())?;
            let docs = Articles::open(articles.as_deref(), stderr);
            let ev = crate::tools::eval::evaluate(&rules, &labels, |article| docs.get(article));
            docs.report(stderr);
            let text = match format {
                ReportFormat::Text => crate::tools::eval::report(&ev),
                ReportFormat::Json => to_json(&ev),
            };
            write_out(stdout, &text)?;
            let f1 = ev.frames_micro.f1();
            match min_f1 {
                Some(min) if f1 < *min => {
                    let _ = writeln!(stderr, "frame micro-F1 {f1:.3} is below --min-f1 {min}");
                    Ok(1)
                }
                _ => Ok(0),
            }
        }
        Command::Explain { file, color, .. } => {
            let doc = read_document(file)?;
            report_warnings(&doc, stderr);
            let style = style_for(*color, terminal);
            write_out(stdout, &render::explain_document(&rules, &doc, style))?;
            Ok(0)
        }
    }
}

/// The articles of `--articles`: a JSON Lines file (or any file the inputs
/// read) read whole and looked up by id, or a directory of
/// `<article>.<ext>` text files read on demand. Problems are kept and
/// reported once, by [`Articles::report`].
struct Articles {
    dir: Option<PathBuf>,
    by_id: std::collections::HashMap<String, Document>,
    problems: std::cell::RefCell<Vec<String>>,
}

impl Articles {
    fn open(path: Option<&std::path::Path>, stderr: &mut dyn Write) -> Articles {
        let mut out = Articles {
            dir: None,
            by_id: Default::default(),
            problems: Default::default(),
        };
        let Some(path) = path else {
            return out;
        };
        if path.is_dir() {
            out.dir = Some(path.to_path_buf());
            return out;
        }
        let options = crate::text::input::InputOptions::default();
        for item in crate::text::input::Inputs::open(&[path.to_path_buf()], options) {
            match item {
                crate::text::input::Item::Doc(doc) => {
                    report_warnings(&doc, stderr);
                    out.by_id.insert(doc.id.clone(), doc);
                }
                crate::text::input::Item::Problem(p) => {
                    let _ = writeln!(stderr, "warning: skipped {p}");
                }
            }
        }
        out
    }

    /// The article `id`, when there is one.
    fn get(&self, id: &str) -> Option<Document> {
        let Some(dir) = &self.dir else {
            return self.by_id.get(id).cloned();
        };
        let path = crate::text::document::TEXT_EXTENSIONS
            .iter()
            .map(|ext| dir.join(format!("{id}.{ext}")))
            .find(|p| p.is_file())?;
        match read_document(&path) {
            Ok(doc) => {
                self.problems.borrow_mut().extend(warning_lines(&doc));
                Some(doc)
            }
            Err(e) => {
                self.problems
                    .borrow_mut()
                    .push(format!("warning: skipped {e}"));
                None
            }
        }
    }

    /// Writes the problems met so far (each once) to `stderr`.
    fn report(&self, stderr: &mut dyn Write) {
        let mut seen = std::collections::BTreeSet::new();
        for p in self.problems.borrow_mut().drain(..) {
            if seen.insert(p.clone()) {
                let _ = writeln!(stderr, "{p}");
            }
        }
    }
}

fn read_text(path: &std::path::Path) -> Result<String, Error> {
    std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })
}

/// `rules suggest`.
#[allow(clippy::too_many_arguments)]
fn suggest(
    source: &PackSource,
    rules: &RuleSet,
    gold: Option<&std::path::Path>,
    labels: Option<(&std::path::Path, &str)>,
    articles: Option<&std::path::Path>,
    options: &crate::tools::suggest::SuggestOptions,
    format: ReportFormat,
    write: Option<&std::path::Path>,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<u8, Error> {
    use crate::tools::suggest::{read_labels, suggest, Labels};
    let docs = Articles::open(articles, stderr);
    let get = |id: &str| docs.get(id);
    let (gold_labels, article_labels);
    let found = if let Some(path) = gold {
        gold_labels =
            crate::tools::eval::read_gold(&read_text(path)?, &path.display().to_string())?;
        suggest(
            source,
            rules,
            Labels::Sentences(&gold_labels),
            &get,
            options,
        )?
    } else {
        let (path, field) = labels.expect("clap requires --gold or --labels");
        article_labels = read_labels(&read_text(path)?, &path.display().to_string(), field)?;
        suggest(
            source,
            rules,
            Labels::Articles(&article_labels),
            &get,
            options,
        )?
    };
    docs.report(stderr);
    if let Some(path) = write {
        crate::corpus::output::write_atomic(path, &found.toml())?;
        let _ = writeln!(
            stderr,
            "wrote {} (nothing applied: review it, then paste)",
            path.display()
        );
    }
    let text = match format {
        ReportFormat::Text => found.report(),
        ReportFormat::Json => to_json(&found),
    };
    write_out(stdout, &text)?;
    Ok(0)
}

fn import(
    from: crate::pack::import::DictFormat,
    file: &std::path::Path,
    out: &std::path::Path,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<u8, Error> {
    let text = std::fs::read_to_string(file).map_err(|source| Error::Io {
        path: file.to_path_buf(),
        source,
    })?;
    let imported = crate::pack::import::import(from, &file.display().to_string(), &text)?;
    for note in &imported.notes {
        let _ = writeln!(
            stderr,
            "warning: {}:{}: {}",
            file.display(),
            note.line,
            note.message
        );
    }
    crate::pack::import::write_pack(out, &imported.files)?;
    let frames = imported
        .files
        .iter()
        .filter(|(p, _)| p.starts_with("frames/"))
        .count();
    write_out(
        stdout,
        &format!(
            "wrote {} ({frames} frames) from {}; {} construct(s) reported above\n\
             next: framescope --rules {} rules lint, then add [[test]] examples to each frame\n",
            out.display(),
            file.display(),
            imported.notes.len(),
            out.display()
        ),
    )?;
    Ok(0)
}

fn style_for(color: ColorChoice, terminal: Terminal) -> Style {
    match color {
        ColorChoice::Always => Style::Color,
        ColorChoice::Never => Style::Plain,
        ColorChoice::Auto if terminal.stdout_is_tty && !terminal.no_color => Style::Color,
        ColorChoice::Auto => Style::Plain,
    }
}

/// Modification time and size of every watched file, to notice edits.
fn fingerprint(
    rules: Option<&std::path::Path>,
    file: &std::path::Path,
) -> Vec<(PathBuf, Option<std::time::SystemTime>, u64)> {
    fn walk(dir: &std::path::Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else {
                out.push(p);
            }
        }
    }
    let mut paths = vec![file.to_path_buf()];
    if let Some(dir) = rules {
        walk(dir, &mut paths);
    }
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let meta = std::fs::metadata(&p).ok();
            let modified = meta.as_ref().and_then(|m| m.modified().ok());
            let len = meta.map_or(0, |m| m.len());
            (p, modified, len)
        })
        .collect()
}

/// `explain --watch`: renders, then re-renders whenever the article or a
/// file of the rules directory changes. A broken edit shows its errors and
/// keeps watching.
fn watch(
    args: &Args,
    file: &std::path::Path,
    style: Style,
    renders: Option<usize>,
    stdout: &mut dyn Write,
) -> Result<u8, Error> {
    let rules_dir = args.rules.as_deref();
    let render_once = || -> String {
        let rules = pack_source(args).and_then(|source| compile(args, &source));
        let rules = match rules {
            Ok(rules) => rules,
            Err(e) => return format!("error: {e}\n(fix the rules; watching for changes)\n"),
        };
        match read_document(file) {
            Ok(doc) => render::explain_document(&rules, &doc, style),
            Err(e) => format!("error: {e}\n(watching for changes)\n"),
        }
    };
    let mut seen = fingerprint(rules_dir, file);
    let mut count = 0;
    loop {
        let mut text = String::new();
        if count > 0 {
            text.push_str(match style {
                Style::Color => "\x1b[2J\x1b[H",
                Style::Plain => "\n--- changed: re-rendered ---\n\n",
            });
        }
        text.push_str(&render_once());
        write_out(stdout, &text)?;
        count += 1;
        if renders.is_some_and(|n| count >= n) {
            return Ok(0);
        }
        loop {
            std::thread::sleep(std::time::Duration::from_millis(250));
            let now = fingerprint(rules_dir, file);
            if now != seen {
                seen = now;
                break;
            }
        }
    }
}

fn fmt(
    dir: Option<&std::path::Path>,
    check: bool,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<u8, Error> {
    let dir = match dir {
        Some(dir) => dir.to_path_buf(),
        None if std::path::Path::new("rules/pack.toml").is_file() => PathBuf::from("rules"),
        None => {
            let _ = writeln!(
                stderr,
                "error: no ./rules directory here: pass --rules DIR (the built-in pack cannot be rewritten)"
            );
            return Ok(2);
        }
    };
    let source = PackSource::from_dir(&dir)?;
    let mut changed = Vec::new();
    for (path, text) in source.files() {
        let formatted = crate::pack::canonical::format_file(path, text)?;
        if &formatted != text {
            if !check {
                crate::corpus::output::write_atomic(&dir.join(path), &formatted)?;
            }
            changed.push(path.as_str());
        }
    }
    let mut out = String::new();
    let verb = if check {
        "not canonical"
    } else {
        "reformatted"
    };
    for path in &changed {
        out.push_str(&format!("{verb}: {}\n", dir.join(path).display()));
    }
    out.push_str(&format!(
        "{} of {} files {}\n",
        changed.len(),
        source.files().len(),
        if check {
            "need formatting"
        } else {
            "reformatted"
        }
    ));
    write_out(stdout, &out)?;
    Ok(u8::from(check && !changed.is_empty()))
}

fn lint(
    source: &PackSource,
    format: ReportFormat,
    explain: Option<&str>,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<u8, Error> {
    if let Some(code) = explain {
        return match crate::pack::lint::lookup(code) {
            Some(c) => {
                write_out(stdout, &crate::pack::lint::explain_code(c))?;
                Ok(0)
            }
            None => {
                let codes: Vec<String> = crate::pack::lint::CODES
                    .iter()
                    .map(|c| format!("{} {}", c.code, c.name))
                    .collect();
                let _ = writeln!(
                    stderr,
                    "error: unknown lint code `{code}`; the codes are:\n  {}",
                    codes.join("\n  ")
                );
                Ok(2)
            }
        };
    }
    let findings = crate::pack::lint::lint(source);
    let text = match format {
        ReportFormat::Text => crate::pack::lint::report(&findings),
        ReportFormat::Json => to_json(&findings),
    };
    write_out(stdout, &text)?;
    // A pack that does not load is broken (2), as for every other command;
    // one that loads with errors has findings (1).
    let broken = findings.iter().any(|f| f.name == "invalid-pack");
    let errors = findings
        .iter()
        .any(|f| f.level == crate::pack::lint::Level::Error);
    Ok(if broken { 2 } else { u8::from(errors) })
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn clap_definition_is_valid() {
        Args::command().debug_assert();
    }
}
