//! The command line's shape: every clap definition (commands, flags,
//! output formats) and the shared input options, turned into the library's
//! settings in one place ([`InputArgs::options`], [`RunArgs::options`]).
//! The commands themselves live beside this file, one module each.

use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand, ValueEnum};

use super::Terminal;
use crate::corpus::run::RunOptions;
use crate::corpus::stream::jobs;
use crate::text::date::{DateFormat, DateOptions};
use crate::text::input::{InputFormat, InputOptions};

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
metadata), CSV and TSV with a header row (.csv, .tsv, also gzipped: one article per row, the \
columns named as JSON Lines fields are), directories (walked recursively) and `-` (stdin: JSON Lines, gzip or one text, sniffed).\n\n\
Examples:\n  framescope classify seeds/\n  \
framescope classify --format json seeds/000_3989f42977a01eb3.txt\n  \
cat article.txt | framescope classify -\n  \
framescope classify corpus.jsonl.gz --format jsonl -o profiles.jsonl\n  \
framescope classify articles.csv --text-field body --format jsonl -o profiles.jsonl\n  \
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
        /// Groups with fewer articles are too small for reliable intervals:
        /// left out of the table (kept, flagged, in JSON and CSV).
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
framescope explain --color never article.txt | less\n  \
framescope explain corpus.jsonl --id basil:2b95   # one article of a JSON Lines file"
    )]
    Explain {
        /// The article: a text file, JSON Lines (pick one with --id), a
        /// directory, or `-` for stdin, read as `classify` reads them.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// The id of the article to explain, when the inputs hold several.
        #[arg(long, value_name = "ID")]
        id: Option<String>,
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
        /// How articles are read.
        #[command(flatten)]
        input: InputArgs,
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
        /// Write to FILE (whole or not at all) instead of stdout.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Inputs, threads, strictness.
        #[command(flatten)]
        run: RunArgs,
    },
    /// Work on the rule pack: lint, test, fmt, coverage, suggest, import.
    Rules {
        /// What to do with the pack.
        #[command(subcommand)]
        command: RulesCommand,
    },
    /// Compare two rule packs over the same documents: per article and
    /// sentence, the frames, actors and stance edges gained and lost and the
    /// scores and edge weights that moved, with the evidence that differs;
    /// then the biggest movers.
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
        /// Write to FILE (whole or not at all) instead of stdout.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Files or directories of articles; `-` reads stdin.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Inputs, threads, strictness.
        #[command(flatten)]
        run: RunArgs,
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
        /// How the --articles file is read.
        #[command(flatten)]
        input: InputArgs,
    },
}

/// What a command with `-o` reads, for the check that its output is none
/// of its inputs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Reads {
    /// Articles: walked names in a folder.
    Articles,
    /// Articles or `classify --format jsonl` profiles: in a folder that
    /// holds profiles, a profile file of any name too.
    ArticlesOrProfiles,
    /// `merge`'s profiles and aggregates: an aggregate may be replaced by
    /// the JSON it adds to (`merge -o all.json all.json more.jsonl`).
    Parts {
        /// The output is an aggregate (`--format json`), not a table.
        json: bool,
    },
}

impl Command {
    /// The `-o` file of a command that reads articles or profiles, with
    /// the paths it reads and what it reads them as: an output must never
    /// replace what it is made from.
    pub(super) fn output_and_inputs(&self) -> Option<(&Path, &[PathBuf], Reads)> {
        match self {
            Command::Classify { paths, output, .. }
            | Command::Kwic { paths, output, .. }
            | Command::Actors { paths, output, .. }
            | Command::Diff { paths, output, .. } => {
                Some((output.as_deref()?, paths, Reads::Articles))
            }
            Command::Compare { paths, output, .. } | Command::Report { paths, output, .. } => {
                Some((output.as_deref()?, paths, Reads::ArticlesOrProfiles))
            }
            Command::Merge {
                parts,
                output,
                format,
                ..
            } => Some((
                output.as_deref()?,
                parts,
                Reads::Parts {
                    json: *format == MergeFormat::Json,
                },
            )),
            Command::Rules {
                command: RulesCommand::Coverage { paths, output, .. },
            } => Some((output.as_deref()?, paths, Reads::Articles)),
            _ => None,
        }
    }
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
        /// Write to FILE (whole or not at all) instead of stdout.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Inputs, threads, strictness.
        #[command(flatten)]
        run: RunArgs,
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
        /// How the --articles file is read.
        #[command(flatten)]
        input: InputArgs,
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

/// How every command that reads articles reads them: the same flags, with
/// the same meaning, wherever articles are read (`classify`, `compare`,
/// `explain`, `actors`, `diff`, `rules coverage`, `eval --articles`).
#[derive(clap::Args, Debug, Clone)]
#[command(next_help_heading = "Input")]
pub struct InputArgs {
    /// JSONL field (or CSV column) holding the article text.
    #[arg(long, default_value = "text", value_name = "NAME")]
    pub text_field: String,
    /// JSONL field (or CSV column) holding the article id (else `<file>:<line>`).
    #[arg(long, default_value = "id", value_name = "NAME")]
    pub id_field: String,
    /// JSONL field (or CSV column) holding the title.
    #[arg(long, default_value = "title", value_name = "NAME")]
    pub title_field: String,
    /// How to read files: by extension, else by content (auto), or all in
    /// one format (stdin too).
    #[arg(long, value_enum, default_value_t = InputKind::Auto)]
    pub input_format: InputKind,
    /// Metadata key (JSONL field, CSV column, front matter or sidecar key) holding the
    /// article date.
    #[arg(long, default_value = "date", value_name = "NAME")]
    pub date_field: String,
    /// How numeric dates are written, e.g. %d/%m/%Y or %m/%d/%Y (without it
    /// 01/05/2010 is refused as ambiguous); ISO 8601, RFC 2822 and English
    /// dates are read either way.
    #[arg(long, value_name = "FORMAT")]
    pub date_format: Option<DateFormat>,
    /// Stop at the first bad line, unreadable file or invalid UTF-8 (exit 2)
    /// instead of reporting and skipping it.
    #[arg(long)]
    pub strict: bool,
    /// Read content with NUL bytes as text instead of skipping it as binary.
    #[arg(long)]
    pub binary: bool,
    /// The longest JSON Lines line read, in bytes (default 256 MiB); a longer
    /// line is reported and skipped without being held in memory.
    #[arg(
        long,
        default_value_t = crate::text::input::MAX_LINE_BYTES,
        value_name = "BYTES",
        value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..)
    )]
    pub max_line_bytes: usize,
}

impl InputArgs {
    /// The library's input settings for these flags.
    pub fn options(&self) -> InputOptions {
        InputOptions {
            text_field: self.text_field.clone(),
            id_field: self.id_field.clone(),
            title_field: self.title_field.clone(),
            format: match self.input_format {
                InputKind::Auto => InputFormat::Auto,
                InputKind::Text => InputFormat::Text,
                InputKind::Jsonl => InputFormat::Jsonl,
                InputKind::Csv => InputFormat::Csv,
                InputKind::Tsv => InputFormat::Tsv,
            },
            date: DateOptions {
                field: self.date_field.clone(),
                format: self.date_format.clone(),
            },
            binary: self.binary,
            max_line_bytes: self.max_line_bytes,
        }
    }
}

/// How commands that run over many articles read them and use the machine:
/// the input options plus threads and reporting.
#[derive(clap::Args, Debug, Clone)]
pub struct RunArgs {
    /// How articles are read.
    #[command(flatten)]
    pub input: InputArgs,
    /// Worker threads (0: every core; at most 256). Output is the same for
    /// any number.
    #[arg(long, short = 'j', default_value_t = 0, value_name = "N", value_parser = parse_jobs)]
    pub jobs: usize,
    /// No progress bar and no summary line on stderr.
    #[arg(long, short = 'q')]
    pub quiet: bool,
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

impl RunArgs {
    /// The library's run settings for these flags on this terminal.
    pub fn options(&self, terminal: Terminal) -> RunOptions {
        RunOptions {
            jobs: jobs(self.jobs),
            strict: self.input.strict,
            quiet: self.quiet,
            progress: terminal.stderr_is_tty && !self.quiet,
            input: self.input.options(),
        }
    }
}

/// `--input-format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum InputKind {
    /// By extension; stdin and files whose name does not say, by content.
    Auto,
    /// Every file is one text article.
    Text,
    /// Every file is JSON Lines.
    Jsonl,
    /// Every file is CSV with a header row (tab-separated when named .tsv).
    Csv,
    /// Every file is tab-separated values with a header row.
    Tsv,
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
