//! `rules suggest`: which rules to write, from labelled examples. For each
//! frame, candidate terms (word n-grams, normalised as the matcher
//! normalises) that separate the units labelled with the frame from the
//! rest, ranked by the log-odds ratio with an informative Dirichlet prior
//! ([`log_odds`]); the existing rules that cost the frame most precision,
//! with an exclusion phrase drawn from their false positives; and names in
//! subject or speaker position that no actor covers.
//!
//! A unit is a gold sentence (`--gold`, aligned within its article as `eval`
//! aligns it) or a labelled article (`--labels`). Everything the pack finds
//! comes from the one analysis ([`crate::engine::analysis`]); a candidate's
//! matches are found by compiling it into a copy of the pack as a
//! [`probe`](crate::pack::probe), so it matches exactly as it would as a
//! rule (with the frame's exclusions).
//!
//! # Honest estimates
//!
//! What a candidate would change is estimated by k-fold cross-validation
//! over articles: the articles are dealt into k folds; for each fold,
//! candidates (and exclusion phrases) are mined on the other k−1 folds only,
//! and what adding them changes is measured on the held-out fold. Changes
//! are pooled over the folds: precision, recall and F1 of the frame over
//! every unit, once with and once without. A candidate's own estimate
//! counts the folds in which it was mined; in the others it was not added,
//! so a term that only one article supports earns nothing. The joint
//! estimate adds each fold's own top N together; its interval is a
//! percentile bootstrap over articles ([`bootstrap_statistic`]). The list
//! shown is mined on all the units.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use serde::Serialize;

use crate::corpus::stats::{bootstrap_statistic, log_odds, seed_for, Interval};
use crate::engine::analysis::analyze;
use crate::engine::model::{round4, SentenceResult};
use crate::engine::quotes::Speaker;
use crate::error::{json_message, Error, Location};
use crate::pack::load::PackSource;
use crate::pack::probe::{frame_excludes, with_probes, Probe};
use crate::pack::ruleset::{RuleSet, Target};
use crate::text::document::Document;
use crate::text::normalize::{is_word_char, normalize_pattern, Normalized};
use crate::text::span::Span;
use crate::text::tokens::{tokens_in, word_runs};
use crate::tools::coverage::{excerpt, is_stop_word};
use crate::tools::eval::{align, Counts, GoldSentence, Placement};

/// How to mine and estimate.
#[derive(Clone, Debug)]
pub struct SuggestOptions {
    /// Folds of the cross-validation over articles.
    pub folds: usize,
    /// Candidates listed per frame.
    pub top: usize,
    /// How many top candidates the joint estimate adds together.
    pub joint: usize,
    /// Longest n-gram, in words.
    pub max_words: usize,
    /// A candidate must occur in at least this many units with the frame.
    pub min_count: usize,
    /// …and in at least this many articles.
    pub min_articles: usize,
    /// Frames to work on (all the pack's frames the labels use when empty).
    pub frames: Vec<String>,
    /// Existing rules listed per frame as costing precision.
    pub costly: usize,
    /// Names listed as actor candidates.
    pub names: usize,
    /// Bootstrap resamples.
    pub resamples: usize,
    /// Confidence level of the intervals.
    pub level: f64,
    /// Seed of the fold assignment and the bootstrap.
    pub seed: u64,
    /// Size, in articles, of the new set the joint change is predicted for
    /// (default: as many articles as the labels come from).
    pub new_articles: Option<usize>,
}

impl Default for SuggestOptions {
    fn default() -> Self {
        SuggestOptions {
            folds: 5,
            top: 10,
            joint: 5,
            max_words: 3,
            min_count: 2,
            min_articles: 2,
            frames: Vec::new(),
            costly: 5,
            names: 10,
            resamples: 1000,
            level: 0.95,
            seed: 0,
            new_articles: None,
        }
    }
}

/// An article-level label: the frames an article carries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArticleLabel {
    /// Article id.
    pub id: String,
    /// Frames it carries.
    pub frames: Vec<String>,
}

/// Reads article labels (`--labels`): JSON Lines with `id` and a label
/// field holding a frame id or a list of them; `source` names the file in
/// errors.
///
/// # Errors
///
/// [`Error::Input`] at the line and column of the first bad line.
pub fn read_labels(text: &str, source: &str, field: &str) -> Result<Vec<ArticleLabel>, Error> {
    let mut out = Vec::new();
    // A BOM before the first line is no part of it.
    let text = crate::text::document::strip_bom_str(text);
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let bad = |col: usize, message: String| Error::Input {
            at: Location::line(source, i + 1, Some(col)),
            message,
        };
        let v: serde_json::Value =
            serde_json::from_str(line).map_err(|e| bad(e.column().max(1), json_message(&e)))?;
        let id = match v.get("id") {
            Some(serde_json::Value::String(s)) => s.clone(),
            Some(serde_json::Value::Number(n)) => n.to_string(),
            _ => return Err(bad(1, "no string `id`".into())),
        };
        let frames = match v.get(field) {
            Some(serde_json::Value::String(s)) => vec![s.clone()],
            Some(serde_json::Value::Array(a)) => a
                .iter()
                .map(|x| x.as_str().map(str::to_string))
                .collect::<Option<Vec<_>>>()
                .ok_or_else(|| bad(1, format!("`{field}` must list frame ids")))?,
            Some(serde_json::Value::Null) | None => Vec::new(),
            Some(_) => {
                return Err(bad(
                    1,
                    format!("`{field}` must be a frame id or a list of them"),
                ))
            }
        };
        out.push(ArticleLabel { id, frames });
    }
    Ok(out)
}

/// What the suggestions are mined from.
#[derive(Clone, Copy, Debug)]
pub enum Labels<'a> {
    /// Gold sentences (`--gold`): each is a unit.
    Sentences(&'a [GoldSentence]),
    /// Article labels (`--labels`): each article is a unit.
    Articles(&'a [ArticleLabel]),
}

/// A change in a frame's precision, recall and F1 with the counts behind it.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Change {
    /// True positives gained (negative: lost).
    pub tp: i64,
    /// False positives gained (negative: removed).
    pub fp: i64,
    /// Change in precision.
    pub precision: f64,
    /// Change in recall.
    pub recall: f64,
    /// Change in F1.
    pub f1: f64,
}

impl Change {
    fn between(before: &Counts, after: &Counts) -> Change {
        Change {
            tp: after.tp as i64 - before.tp as i64,
            fp: after.fp as i64 - before.fp as i64,
            precision: round4(after.precision() - before.precision()),
            recall: round4(after.recall() - before.recall()),
            f1: round4(after.f1() - before.f1()),
        }
    }
}

/// A candidate term for a frame.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Candidate {
    /// The pattern, as it would go in the frame's `terms`.
    pub pattern: String,
    /// Log-odds z of the frame's units against the rest (all units).
    pub z: f64,
    /// Units with the frame that contain it.
    pub inside: usize,
    /// Units without the frame that contain it.
    pub outside: usize,
    /// Units with the frame that contain it and that the pack misses.
    pub new: usize,
    /// Articles of the units with the frame that contain it.
    pub articles: usize,
    /// Folds in which it was mined (from the other folds).
    pub folds: usize,
    /// Held-out change if it were added alone (pooled over folds).
    pub change: Change,
    /// Two units with the frame where it matches (the pack's misses first).
    pub examples: Vec<String>,
}

/// The joint estimate of adding the top candidates together.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Joint {
    /// How many candidates each fold added.
    pub size: usize,
    /// The pooled held-out change.
    pub change: Change,
    /// Interval of the change in precision.
    pub precision: Interval,
    /// Interval of the change in recall.
    pub recall: Interval,
    /// Interval of the change in F1.
    pub f1: Interval,
    /// The size, in articles, of the new set the ranges below are for.
    pub new_articles: usize,
    /// Where the change in precision would fall on a new set of
    /// `new_articles` articles like these: the interval above widened by
    /// the spread of such a set (m-out-of-n bootstrap).
    pub new_precision: Interval,
    /// Likewise for recall.
    pub new_recall: Interval,
    /// Likewise for F1.
    pub new_f1: Interval,
    /// The candidates each fold added, mined on the other folds.
    pub per_fold: Vec<Vec<String>>,
}

/// An exclusion phrase suggested for a rule.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Exclusion {
    /// The phrase for the frame's `exclude`.
    pub phrase: String,
    /// Of the rule's matches in false positives on all units, how many lie in it.
    pub false_positives: usize,
    /// Folds in which the same phrase was drawn (from the other folds).
    pub folds: usize,
    /// Held-out change of adding it (pooled over folds).
    pub change: Change,
}

/// An existing rule that costs its frame precision.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CostlyRule {
    /// Rule id, `<frame>:<pattern>`.
    pub rule: String,
    /// Where it was declared.
    pub origin: String,
    /// Units it contributes to that do not carry the frame.
    pub false_positives: usize,
    /// Of those, units where it is the frame's only evidence.
    pub alone: usize,
    /// Units it contributes to that carry the frame.
    pub true_positives: usize,
    /// What removing the rule would change on all units (nothing is fitted).
    pub without: Change,
    /// An exclusion phrase from its false positives' surroundings.
    pub exclude: Option<Exclusion>,
    /// Two of its false positives.
    pub examples: Vec<String>,
}

/// Suggestions for one frame.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FrameSuggestions {
    /// Frame id.
    pub frame: String,
    /// The pack's counts on the units now.
    pub now: Counts,
    /// Precision now.
    pub precision: f64,
    /// Recall now.
    pub recall: f64,
    /// F1 now.
    pub f1: f64,
    /// The joint estimate of the top candidates.
    pub joint: Option<Joint>,
    /// Candidates, best first (mined on all units).
    pub candidates: Vec<Candidate>,
    /// Rules costing most precision.
    pub costly: Vec<CostlyRule>,
}

/// A name that no actor covers.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NameSuggestion {
    /// The name as written.
    pub name: String,
    /// Times seen in subject or speaker position.
    pub count: usize,
    /// Of those, as the subject of a verb.
    pub subject: usize,
    /// Of those, as a quote's speaker.
    pub speaker: usize,
    /// Articles it was seen in.
    pub articles: usize,
    /// The gold actor most often missed in its units, with how often.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gold_actor: Option<(String, usize)>,
    /// Two units it was seen in.
    pub examples: Vec<String>,
}

/// Everything `rules suggest` found.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Suggestions {
    /// The pack, `name@version (hash)`.
    pub rules: String,
    /// `sentence` or `article`.
    pub unit: &'static str,
    /// Units used.
    pub units: usize,
    /// Articles they come from.
    pub articles: usize,
    /// Labels skipped (unaligned, article missing), with why.
    pub skipped: Vec<String>,
    /// Folds of the cross-validation.
    pub folds: usize,
    /// Bootstrap resamples.
    pub resamples: usize,
    /// Confidence level.
    pub level: f64,
    /// Seed.
    pub seed: u64,
    /// How the estimates were made, in words.
    pub method: String,
    /// Per frame.
    pub frames: Vec<FrameSuggestions>,
    /// Names no actor covers.
    pub names: Vec<NameSuggestion>,
    /// Remarks (frames in the labels that the pack lacks, what is not suggested).
    pub notes: Vec<String>,
}

/// The word tokens of normalised text (see [`Normalized`]) as the matcher
/// sees words: maximal runs of word characters, each with whether a single
/// space joins it to the token before (then a phrase of them is a pattern
/// that matches here: hyphens and dashes are spaces after normalisation).
/// A possessive or contraction after an apostrophe ("china's", "don't") is
/// not a token, and nothing joins across it. These are pieces of the one
/// tokeniser's words ([`word_runs`]), since each gram is proposed as a
/// pattern.
pub(crate) fn word_tokens(norm: &str) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    let mut prev_end: Option<usize> = None;
    let mut after_apostrophe = false;
    for span in word_runs(norm) {
        let gap = prev_end.map(|p| &norm[p..span.start]);
        // "china's": the `s` after an apostrophe belongs to the word before.
        if gap == Some("'") && span.end - span.start <= 2 {
            after_apostrophe = true;
            prev_end = None;
            continue;
        }
        let joined = gap == Some(" ") && !after_apostrophe;
        after_apostrophe = false;
        out.push(Piece { span, joined });
        prev_end = Some(span.end);
    }
    out
}

/// A word token of normalised text (see [`word_tokens`]).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Piece {
    /// Where it stands.
    pub(crate) span: Span,
    /// Whether a single space joins it to the token before.
    pub(crate) joined: bool,
}

/// Stop words of `rules coverage` that carry a frame all the same, so
/// they stay candidates ("sanctions against", "fight against").
const FRAME_BEARING: &[&str] = &["against"];

/// A function word or news boilerplate (see [`is_stop_word`]): never the
/// first or last word of a candidate.
fn is_stop(word: &str) -> bool {
    is_stop_word(word) && !FRAME_BEARING.contains(&word)
}

/// A token that may stand in a candidate: two characters or more, not a
/// number.
fn content_token(word: &str) -> bool {
    word.chars().count() >= 2 && !word.starts_with(|c: char| c.is_numeric())
}

/// How a gram's first word was written where it was found.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Case {
    /// In lower case.
    lower: usize,
    /// Capitalised, not at the start of the text.
    capital: usize,
}

/// The candidate n-grams of `text` (1 to `max` words), with how each was
/// written: phrases of joined tokens (see [`word_tokens`]) that neither
/// start nor end with a stop word, every token two characters or more and
/// not a number. Each is a pattern that matches `text` where it was found.
/// A gram only ever capitalised inside a sentence is a name, not a frame
/// term.
fn grams_with_case(text: &str, max: usize) -> BTreeMap<String, Case> {
    let norm = Normalized::new(text, true);
    let folded = norm.text.as_str();
    let tokens = word_tokens(folded);
    let mut out: BTreeMap<String, Case> = BTreeMap::new();
    for i in 0..tokens.len() {
        let first = norm
            .original_span(text, tokens[i].span)
            .of(text)
            .chars()
            .next();
        let case = Case {
            lower: usize::from(first.is_some_and(char::is_lowercase)),
            capital: usize::from(i > 0 && first.is_some_and(char::is_uppercase)),
        };
        for n in 1..=max.min(tokens.len() - i) {
            let run = &tokens[i..i + n];
            if run[1..].iter().any(|t| !t.joined) {
                break;
            }
            let words: Vec<&str> = run.iter().map(|t| t.span.of(folded)).collect();
            if !words.iter().all(|w| content_token(w)) {
                break;
            }
            if is_stop(words[0]) {
                break;
            }
            if is_stop(words[n - 1]) {
                continue;
            }
            let c = out.entry(words.join(" ")).or_default();
            c.lower += case.lower;
            c.capital += case.capital;
        }
    }
    out
}

/// One analysed sentence of a unit, with what the probes found in it.
#[derive(Clone, Debug)]
struct Part {
    sentence: SentenceResult,
    /// The sentence's text.
    text: String,
    /// Its frame contributions, named.
    terms: Vec<Term>,
    /// The frames present in it, by id.
    frames: BTreeSet<String>,
    /// Its rolled-up actors, by id.
    actors: Vec<String>,
    /// Quote speakers within the sentence.
    speakers: Vec<Speaker>,
    /// Probe index → (summed score, byte offset of its first match in the
    /// sentence text).
    probes: BTreeMap<usize, (f64, usize)>,
}

/// A frame contribution of a [`Part`], with its frame and rule named.
#[derive(Clone, Debug)]
struct Term {
    frame: String,
    rule: String,
    origin: String,
    span: Span,
    score: f64,
}

impl Part {
    fn score(&self, frame: &str) -> f64 {
        self.terms
            .iter()
            .filter(|c| c.frame == frame)
            .map(|c| c.score)
            .sum()
    }
}

/// A gold sentence or a labelled article.
#[derive(Clone, Debug)]
struct Unit {
    article: String,
    gold: BTreeSet<String>,
    gold_actors: BTreeSet<String>,
    grams: BTreeSet<String>,
    parts: Vec<Part>,
}

impl Unit {
    fn present(&self, frame: &str) -> bool {
        self.parts.iter().any(|p| p.frames.contains(frame))
    }

    /// Whether `frame` is predicted once the probes `added` are terms of it.
    fn predicted(&self, frame: &str, threshold: f64, added: &[usize]) -> bool {
        self.parts.iter().any(|p| {
            if p.frames.contains(frame) {
                return true;
            }
            let extra: f64 = added
                .iter()
                .filter_map(|c| p.probes.get(c).map(|x| x.0))
                .sum();
            extra > 0.0 && p.score(frame) + extra > threshold
        })
    }

    fn predicted_actors(&self) -> BTreeSet<String> {
        self.parts
            .iter()
            .flat_map(|p| p.actors.iter().cloned())
            .collect()
    }
}

fn count(counts: &mut Counts, gold: bool, predicted: bool) {
    match (gold, predicted) {
        (true, true) => counts.tp += 1,
        (false, true) => counts.fp += 1,
        (true, false) => counts.fn_ += 1,
        (false, false) => {}
    }
}

/// Analyses the labelled units under `rules`: per label, its predicted
/// sentences with their quote speakers, or why it was skipped.
fn analyse(
    rules: &RuleSet,
    labels: Labels<'_>,
    articles: &dyn Fn(&str) -> Option<Document>,
) -> Vec<Result<Vec<Part>, String>> {
    let part = |s: &SentenceResult, quotes: &[crate::engine::quotes::Quote], text: &str| Part {
        text: s.text(text).to_string(),
        terms: s
            .contributions
            .iter()
            .map(|c| Term {
                frame: rules.frame_name(c.frame).to_string(),
                rule: rules.rule_label(c.rule).to_string(),
                origin: rules.origin_label(c.rule).to_string(),
                span: c.span,
                score: c.score,
            })
            .collect(),
        frames: s.frames.names(rules).map(String::from).collect(),
        actors: s.actor_names(rules).into_iter().map(String::from).collect(),
        speakers: quotes
            .iter()
            .filter_map(|q| q.speaker.as_ref())
            .filter(|sp| s.span.contains(sp.span))
            .cloned()
            .collect(),
        sentence: s.clone(),
        probes: BTreeMap::new(),
    };
    match labels {
        Labels::Sentences(gold) => {
            let alignment = align(rules, gold, articles);
            gold.iter()
                .zip(&alignment.labels)
                .enumerate()
                .map(|(i, (g, a))| {
                    if g.text.is_none() {
                        return Err(format!("{}: an article-level label (use --labels)", g.id));
                    }
                    if a.placement == Placement::Unaligned {
                        return Err(format!("{}: text not found in article {}", g.id, g.article));
                    }
                    let analysis = &alignment.analysed[a.analysed.expect("aligned")].analysis;
                    Ok(alignment
                        .predicted(i)
                        .map(|s| part(s, &analysis.quotes, &analysis.text))
                        .collect())
                })
                .collect()
        }
        Labels::Articles(list) => list
            .iter()
            .map(|l| {
                let doc = articles(&l.id)
                    .ok_or_else(|| format!("{}: article not found in --articles", l.id))?;
                let analysis = analyze(rules, &doc);
                Ok(analysis
                    .sentences
                    .iter()
                    .map(|s| part(s, &analysis.quotes, &analysis.text))
                    .collect())
            })
            .collect(),
    }
}

/// One mined candidate (before estimates).
#[derive(Clone, Debug)]
struct Mined {
    pattern: String,
    z: f64,
    inside: usize,
    outside: usize,
    new: usize,
    articles: usize,
}

/// Mines candidates for `frame` from `units[which]`: n-grams by log-odds z
/// of the frame's units against the rest (prior: all these units' counts),
/// keeping those with a positive z, at least `min_count` units and
/// `min_articles` articles with the frame, at least one unit the pack
/// misses, that are not already a term of the frame nor `skip`ped, and
/// that do not contain a better-ranked candidate (wherever they match, it
/// matches).
fn mine(
    units: &[Unit],
    which: &[usize],
    frame: &str,
    existing: &BTreeSet<String>,
    skip: &dyn Fn(&str) -> bool,
    limit: usize,
    o: &SuggestOptions,
) -> Vec<Mined> {
    let mut inside: BTreeMap<&str, f64> = BTreeMap::new();
    let mut outside: BTreeMap<&str, f64> = BTreeMap::new();
    let mut new: BTreeMap<&str, usize> = BTreeMap::new();
    let mut articles: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for &u in which {
        let unit = &units[u];
        let labelled = unit.gold.contains(frame);
        let missed = labelled && !unit.present(frame);
        for g in &unit.grams {
            if labelled {
                *inside.entry(g).or_default() += 1.0;
                articles.entry(g).or_default().insert(&unit.article);
                if missed {
                    *new.entry(g).or_default() += 1;
                }
            } else {
                *outside.entry(g).or_default() += 1.0;
            }
        }
    }
    let mut prior: BTreeMap<String, f64> = BTreeMap::new();
    for (g, c) in inside.iter().chain(&outside) {
        *prior.entry(g.to_string()).or_default() += c;
    }
    let total: f64 = prior.values().sum();
    if total == 0.0 {
        return Vec::new();
    }
    let own = |m: &BTreeMap<&str, f64>| -> BTreeMap<String, f64> {
        m.iter().map(|(k, v)| (k.to_string(), *v)).collect()
    };
    let mut out: Vec<Mined> = Vec::new();
    let mut kept: Vec<Vec<&str>> = Vec::new();
    let ranked = log_odds(&own(&inside), &own(&outside), &prior, total);
    for l in &ranked {
        if out.len() >= limit {
            break;
        }
        let g = l.term.as_str();
        let n_in = inside.get(g).copied().unwrap_or(0.0) as usize;
        let n_articles = articles.get(g).map_or(0, BTreeSet::len);
        let n_new = new.get(g).copied().unwrap_or(0);
        if l.z <= 0.0
            || n_in < o.min_count
            || n_articles < o.min_articles
            || n_new == 0
            || existing.contains(g)
            || skip(g)
        {
            continue;
        }
        let words: Vec<&str> = g.split(' ').collect();
        if kept
            .iter()
            .any(|k| words.windows(k.len()).any(|w| w == k.as_slice()))
        {
            continue;
        }
        kept.push(l.term.split(' ').collect());
        out.push(Mined {
            pattern: l.term.clone(),
            z: round4(l.z),
            inside: n_in,
            outside: outside.get(g).copied().unwrap_or(0.0) as usize,
            new: n_new,
            articles: n_articles,
        });
    }
    out
}

/// How many candidates each fold's mining keeps per frame. A listed
/// candidate's estimate counts the folds whose mining found it at all (not
/// only near the top), so the pool is deep; the joint estimate takes each
/// fold's top `joint`.
const FOLD_POOL: usize = 200;

/// The frame's terms as the matcher compares them.
fn frame_terms(rules: &RuleSet, frame: &str) -> BTreeSet<String> {
    rules
        .rules
        .iter()
        .filter(
            |r| matches!(r.target, Target::Frame { frame: f, .. } if rules.frame(f).id == frame),
        )
        .map(|r| normalize_pattern(&r.pattern, true))
        .collect()
}

/// Deals articles into `k` folds in an order fixed by `seed`.
fn assign_folds(articles: &BTreeSet<String>, k: usize, seed: u64) -> BTreeMap<String, usize> {
    let mut order: Vec<&String> = articles.iter().collect();
    order.sort_by_key(|a| (seed_for(seed, &["fold", a]), a.to_string()));
    order
        .into_iter()
        .enumerate()
        .map(|(i, a)| (a.clone(), i % k))
        .collect()
}

/// Mines, estimates and collects every suggestion. `source` is the pack
/// `rules` was compiled from (probes are compiled into a copy of it);
/// `articles` returns an article by id (or `None`, to read gold sentences
/// on their own).
///
/// # Errors
///
/// [`Error::Document`] when there are fewer than two articles to fold, or
/// a probe cannot be compiled; [`Error::Pack`] when the pack does not
/// compile with the probes.
pub fn suggest(
    source: &PackSource,
    rules: &RuleSet,
    labels: Labels<'_>,
    articles: &dyn Fn(&str) -> Option<Document>,
    o: &SuggestOptions,
) -> Result<Suggestions, Error> {
    let threshold = rules.scoring.threshold;
    let mut skipped = Vec::new();
    let mut units: Vec<Unit> = Vec::new();
    let mut kept_labels: Vec<usize> = Vec::new();
    // How each gram was written, over all units: names are not frame terms.
    let mut case: BTreeMap<String, Case> = BTreeMap::new();
    let analysed = analyse(rules, labels, articles);
    for (i, parts) in analysed.into_iter().enumerate() {
        let parts = match parts {
            Ok(p) => p,
            Err(why) => {
                skipped.push(why);
                continue;
            }
        };
        let mut found: BTreeMap<String, Case> = BTreeMap::new();
        let mut add = |text: &str| {
            for (g, c) in grams_with_case(text, o.max_words) {
                let e = found.entry(g).or_default();
                e.lower += c.lower;
                e.capital += c.capital;
            }
        };
        let (article, gold, gold_actors) = match labels {
            Labels::Sentences(g) => {
                let g = &g[i];
                add(g.text.as_deref().unwrap_or(""));
                (
                    g.article.clone(),
                    g.frames.iter().cloned().collect(),
                    g.actors.iter().cloned().collect(),
                )
            }
            Labels::Articles(l) => {
                let l = &l[i];
                for p in &parts {
                    add(&p.text);
                }
                (
                    l.id.clone(),
                    l.frames.iter().cloned().collect(),
                    BTreeSet::new(),
                )
            }
        };
        for (g, c) in &found {
            let e = case.entry(g.clone()).or_default();
            e.lower += c.lower;
            e.capital += c.capital;
        }
        units.push(Unit {
            article,
            gold,
            gold_actors,
            grams: found.into_keys().collect(),
            parts,
        });
        kept_labels.push(i);
    }
    let article_ids: BTreeSet<String> = units.iter().map(|u| u.article.clone()).collect();
    if article_ids.len() < 2 {
        return Err(Error::Document {
            path: "rules suggest".into(),
            message: format!(
                "cross-validation over articles needs units from at least two articles, found {}",
                article_ids.len()
            ),
        });
    }
    let k = o.folds.clamp(2, article_ids.len());
    let fold_of = assign_folds(&article_ids, k, o.seed);
    let fold: Vec<usize> = units.iter().map(|u| fold_of[&u.article]).collect();
    let article_list: Vec<String> = article_ids.iter().cloned().collect();
    let article_index: BTreeMap<String, usize> = article_list
        .iter()
        .enumerate()
        .map(|(i, a)| (a.clone(), i))
        .collect();

    // Frames: the pack's, as the labels use them.
    let labelled: BTreeSet<&str> = units
        .iter()
        .flat_map(|u| u.gold.iter().map(String::as_str))
        .collect();
    let mut notes = Vec::new();
    for f in &labelled {
        if rules.frame_index(f).is_none() {
            notes.push(format!(
                "the labels use frame `{f}`, which the pack does not have"
            ));
        }
    }
    let frames: Vec<String> = rules
        .frames
        .iter()
        .map(|f| f.id.clone())
        .filter(|f| {
            if o.frames.is_empty() {
                labelled.contains(f.as_str())
            } else {
                o.frames.contains(f)
            }
        })
        .collect();
    for f in &o.frames {
        if rules.frame_index(f).is_none() {
            return Err(Error::Document {
                path: "--frame".into(),
                message: format!("the pack has no frame `{f}`"),
            });
        }
    }

    // Names (only ever capitalised inside a sentence) and the words of
    // actor aliases are left to the actors; they are not frame terms.
    let alias_words: BTreeSet<String> = rules
        .rules
        .iter()
        .filter(|r| matches!(r.target, Target::Actor { .. }))
        .flat_map(|r| {
            normalize_pattern(&r.pattern, true)
                .split(' ')
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect();
    let skip = |g: &str| {
        case.get(g).is_some_and(|c| c.lower == 0 && c.capital > 0)
            || g.split(' ').all(|w| alias_words.contains(w) || is_stop(w))
    };
    // Mine on all units, and on each fold's complement.
    let all: Vec<usize> = (0..units.len()).collect();
    let training: Vec<Vec<usize>> = (0..k)
        .map(|j| (0..units.len()).filter(|&u| fold[u] != j).collect())
        .collect();
    let mut mined_all: BTreeMap<&str, Vec<Mined>> = BTreeMap::new();
    let mut mined_fold: BTreeMap<&str, Vec<Vec<Mined>>> = BTreeMap::new();
    for f in &frames {
        let existing = frame_terms(rules, f);
        mined_all.insert(
            f,
            mine(&units, &all, f, &existing, &skip, o.top.max(o.joint), o),
        );
        mined_fold.insert(
            f,
            training
                .iter()
                .map(|t| mine(&units, t, f, &existing, &skip, FOLD_POOL, o))
                .collect(),
        );
    }

    // Every candidate anywhere becomes a probe with its frame's exclusions.
    let excludes = frame_excludes(source);
    let mut probe_index: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut probes: Vec<Probe> = Vec::new();
    for f in &frames {
        let lists = std::iter::once(&mined_all[f.as_str()]).chain(&mined_fold[f.as_str()]);
        for m in lists.flatten() {
            probe_index
                .entry((f.clone(), m.pattern.clone()))
                .or_insert_with(|| {
                    probes.push(Probe {
                        pattern: m.pattern.clone(),
                        weight: 1.0,
                        exclude: excludes.get(f).cloned().unwrap_or_default(),
                    });
                    probes.len() - 1
                });
        }
    }
    if !probes.is_empty() {
        let probed = with_probes(source, &probes)?;
        let again = analyse(&probed.rules, labels, articles);
        let mut again: Vec<Option<Vec<Part>>> = again.into_iter().map(Result::ok).collect();
        for (unit, &i) in units.iter_mut().zip(&kept_labels) {
            let parts = again[i].take().unwrap_or_default();
            for (p, q) in unit.parts.iter_mut().zip(parts) {
                for c in &q.terms {
                    if let Some(n) = probed.probe_of(&c.frame) {
                        let e = p
                            .probes
                            .entry(n)
                            .or_insert((0.0, c.span.start - q.sentence.span.start));
                        e.0 += c.score;
                    }
                }
            }
        }
    }

    let counts_over =
        |f: &str, which: &mut dyn Iterator<Item = usize>, added: &dyn Fn(usize) -> Vec<usize>| {
            let mut c = Counts::default();
            for u in which {
                let unit = &units[u];
                count(
                    &mut c,
                    unit.gold.contains(f),
                    unit.predicted(f, threshold, &added(u)),
                );
            }
            c
        };

    let mut out_frames = Vec::new();
    for f in &frames {
        let now = counts_over(f, &mut (0..units.len()), &|_| Vec::new());
        let probe_of = |p: &str| probe_index[&(f.clone(), p.to_string())];
        let folds_lists = &mined_fold[f.as_str()];

        // The joint estimate: each fold adds its own top `joint`.
        let joint = (o.joint > 0 && folds_lists.iter().any(|l| !l.is_empty())).then(|| {
            let per_fold: Vec<Vec<usize>> = folds_lists
                .iter()
                .map(|l| {
                    l.iter()
                        .take(o.joint)
                        .map(|m| probe_of(&m.pattern))
                        .collect()
                })
                .collect();
            let mut per_article = vec![(Counts::default(), Counts::default()); article_list.len()];
            for (u, unit) in units.iter().enumerate() {
                let a = article_index[&unit.article];
                let g = unit.gold.contains(f.as_str());
                count(&mut per_article[a].0, g, unit.predicted(f, threshold, &[]));
                count(
                    &mut per_article[a].1,
                    g,
                    unit.predicted(f, threshold, &per_fold[fold[u]]),
                );
            }
            let pooled = |idx: &[usize]| {
                let mut b = Counts::default();
                let mut a = Counts::default();
                for &i in idx {
                    let (x, y) = &per_article[i];
                    b.tp += x.tp;
                    b.fp += x.fp;
                    b.fn_ += x.fn_;
                    a.tp += y.tp;
                    a.fp += y.fp;
                    a.fn_ += y.fn_;
                }
                (b, a)
            };
            let all_articles: Vec<usize> = (0..article_list.len()).collect();
            let (b, a) = pooled(&all_articles);
            let seed = seed_for(o.seed, &["joint", f]);
            let n = article_list.len();
            let m = o.new_articles.unwrap_or(n).max(1);
            let interval = |draws: usize, stat: &dyn Fn(&Counts, &Counts) -> f64| {
                bootstrap_statistic(n, draws, o.resamples, o.level, seed, |idx| {
                    let (b, a) = pooled(idx);
                    stat(&b, &a)
                })
                .unwrap_or(Interval {
                    estimate: 0.0,
                    low: 0.0,
                    high: 0.0,
                })
            };
            let dp = |b: &Counts, a: &Counts| a.precision() - b.precision();
            let dr = |b: &Counts, a: &Counts| a.recall() - b.recall();
            let df = |b: &Counts, a: &Counts| a.f1() - b.f1();
            let (p, r, f1) = (interval(n, &dp), interval(n, &dr), interval(n, &df));
            Joint {
                size: o.joint,
                change: Change::between(&b, &a),
                new_articles: m,
                new_precision: round_interval(widen(&p, &interval(m, &dp))),
                new_recall: round_interval(widen(&r, &interval(m, &dr))),
                new_f1: round_interval(widen(&f1, &interval(m, &df))),
                precision: round_interval(p),
                recall: round_interval(r),
                f1: round_interval(f1),
                per_fold: folds_lists
                    .iter()
                    .map(|l| l.iter().take(o.joint).map(|m| m.pattern.clone()).collect())
                    .collect(),
            }
        });

        // Each candidate mined on all units, estimated on held-out folds
        // where it was mined from the others.
        let candidates: Vec<Candidate> = mined_all[f.as_str()]
            .iter()
            .take(o.top)
            .map(|m| {
                let p = probe_of(&m.pattern);
                let in_fold: Vec<bool> = folds_lists
                    .iter()
                    .map(|l| l.iter().any(|x| x.pattern == m.pattern))
                    .collect();
                let after = counts_over(f, &mut (0..units.len()), &|u| {
                    if in_fold[fold[u]] {
                        vec![p]
                    } else {
                        Vec::new()
                    }
                });
                Candidate {
                    pattern: m.pattern.clone(),
                    z: m.z,
                    inside: m.inside,
                    outside: m.outside,
                    new: m.new,
                    articles: m.articles,
                    folds: in_fold.iter().filter(|x| **x).count(),
                    change: Change::between(&now, &after),
                    examples: examples(&units, f, p),
                }
            })
            .collect();

        let costly = costly_rules(&units, f, threshold, &fold, k, o);
        out_frames.push(FrameSuggestions {
            frame: f.clone(),
            precision: round4(now.precision()),
            recall: round4(now.recall()),
            f1: round4(now.f1()),
            now,
            joint,
            candidates,
            costly,
        });
    }
    notes.push(
        "contexts are not suggested: to try one on a costly term, add `context = \"…\"` (one of \
         contexts.toml) to it, then compare with `framescope diff` and `framescope eval`"
            .to_string(),
    );

    let names = names(rules, &units, o.names);
    let unit = match labels {
        Labels::Sentences(_) => "sentence",
        Labels::Articles(_) => "article",
    };
    Ok(Suggestions {
        rules: rules.info.stamp(),
        unit,
        units: units.len(),
        articles: article_list.len(),
        skipped,
        folds: k,
        resamples: o.resamples,
        level: o.level,
        seed: o.seed,
        method: format!(
            "{k}-fold cross-validation over articles: candidates and exclusions are mined on {} folds and what adding them changes is measured on the held-out fold, pooled over folds; {:.0}% intervals are percentile bootstrap over articles ({} resamples, seed {})",
            k - 1,
            o.level * 100.0,
            o.resamples,
            o.seed
        ),
        frames: out_frames,
        names,
        notes,
    })
}

/// Where a change would fall on a new set: the estimate's interval `ci`
/// and the spread `set` of a set of that size around the estimate, added
/// in quadrature on each side.
fn widen(ci: &Interval, set: &Interval) -> Interval {
    let e = ci.estimate;
    Interval {
        estimate: e,
        low: e - ((e - ci.low).powi(2) + (e - set.low).powi(2)).sqrt(),
        high: e + ((ci.high - e).powi(2) + (set.high - e).powi(2)).sqrt(),
    }
}

fn round_interval(i: Interval) -> Interval {
    Interval {
        estimate: round4(i.estimate),
        low: round4(i.low),
        high: round4(i.high),
    }
}

/// Two units with `frame` where probe `p` matches, the pack's misses first.
fn examples(units: &[Unit], frame: &str, p: usize) -> Vec<String> {
    let mut found: Vec<(bool, String)> = Vec::new();
    for u in units.iter().filter(|u| u.gold.contains(frame)) {
        for part in &u.parts {
            if let Some(&(_, at)) = part.probes.get(&p) {
                found.push((u.present(frame), excerpt(&part.text, at)));
                break;
            }
        }
    }
    found.sort_by_key(|(present, _)| *present);
    let mut out: Vec<String> = Vec::new();
    for (_, e) in found {
        if out.len() < 2 && !out.contains(&e) {
            out.push(e);
        }
    }
    out
}

/// Where a contribution sits: the normalised phrases around it that could
/// serve as an exclusion (one or two words on either side, the extra word
/// being a content word when the nearer one is a stop word).
fn surroundings(text: &str, start: usize, end: usize) -> Vec<String> {
    let norm = |s: &str| Normalized::new(s, true).text;
    let matched = normalize_pattern(&text[start..end], true);
    let left = norm(&text[..start]);
    let right = norm(&text[end..]);
    let mut out = Vec::new();
    // Words before, nearest last, while joined by single spaces up to the match.
    let lt = word_tokens(&left);
    let mut before: Vec<&str> = Vec::new();
    if left.ends_with(' ') || left.is_empty() {
        let mut reach = left.len().saturating_sub(1);
        for t in lt.iter().rev() {
            if t.span.end != reach || before.len() == 2 {
                break;
            }
            before.insert(0, t.span.of(&left));
            if !t.joined {
                break;
            }
            reach = t.span.start.saturating_sub(1);
        }
    }
    let rt = word_tokens(&right);
    let mut after: Vec<&str> = Vec::new();
    if right.starts_with(' ') {
        let mut reach = 1;
        for (i, t) in rt.iter().enumerate() {
            if t.span.start != reach || after.len() == 2 || (i > 0 && !t.joined) {
                break;
            }
            after.push(t.span.of(&right));
            reach = t.span.end + 1;
        }
    }
    let useful = |words: &[&str]| words.iter().any(|w| content_token(w) && !is_stop(w));
    for n in 1..=before.len() {
        let words = &before[before.len() - n..];
        if useful(words) && (n == 1 || is_stop(words[1])) {
            out.push(format!("{} {matched}", words.join(" ")));
        }
    }
    for n in 1..=after.len() {
        let words = &after[..n];
        if useful(words) && (n == 1 || is_stop(words[0])) {
            out.push(format!("{matched} {}", words.join(" ")));
        }
    }
    out
}

/// One match of an existing rule in a unit.
struct RuleMatch {
    unit: usize,
    phrases: Vec<String>,
}

/// The rules of `frame` that cost it most precision on the units, with
/// what removing them would change, and an exclusion phrase drawn (per
/// fold, from the other folds) from the surroundings of their false
/// positives.
fn costly_rules(
    units: &[Unit],
    frame: &str,
    threshold: f64,
    fold: &[usize],
    k: usize,
    o: &SuggestOptions,
) -> Vec<CostlyRule> {
    // Per rule, its matches with their surroundings.
    let mut by_rule: BTreeMap<(String, String), Vec<RuleMatch>> = BTreeMap::new();
    for (u, unit) in units.iter().enumerate() {
        for p in &unit.parts {
            for c in p.terms.iter().filter(|c| c.frame == frame) {
                let base = p.sentence.span.start;
                by_rule
                    .entry((c.rule.clone(), c.origin.clone()))
                    .or_default()
                    .push(RuleMatch {
                        unit: u,
                        phrases: surroundings(&p.text, c.span.start - base, c.span.end - base),
                    });
            }
        }
    }
    // Presence of the frame in `u` when `dropped` says which of a rule's
    // contributions no longer count.
    let predicted_without = |u: usize, rule: &str, dropped: &dyn Fn(&str, usize, usize) -> bool| {
        units[u].parts.iter().any(|p| {
            let base = p.sentence.span.start;
            let score: f64 = p
                .terms
                .iter()
                .filter(|c| c.frame == frame)
                .filter(|c| {
                    !(c.rule == rule && dropped(&p.text, c.span.start - base, c.span.end - base))
                })
                .map(|c| c.score)
                .sum();
            score > threshold
        })
    };
    let now = {
        let mut c = Counts::default();
        for u in units {
            count(&mut c, u.gold.contains(frame), u.present(frame));
        }
        c
    };
    let mut out: Vec<CostlyRule> = Vec::new();
    for ((rule, origin), matches) in &by_rule {
        let units_of: BTreeSet<usize> = matches.iter().map(|m| m.unit).collect();
        let fps: Vec<usize> = units_of
            .iter()
            .copied()
            .filter(|&u| !units[u].gold.contains(frame) && units[u].present(frame))
            .collect();
        if fps.is_empty() {
            continue;
        }
        let tps = units_of
            .iter()
            .filter(|&&u| units[u].gold.contains(frame))
            .count();
        let alone = fps
            .iter()
            .filter(|&&u| !predicted_without(u, rule, &|_, _, _| true))
            .count();
        let mut without = Counts::default();
        for (u, unit) in units.iter().enumerate() {
            let p = if units_of.contains(&u) {
                predicted_without(u, rule, &|_, _, _| true)
            } else {
                unit.present(frame)
            };
            count(&mut without, unit.gold.contains(frame), p);
        }
        // The exclusion phrase: on all units, and per fold from the others.
        let pick = |train: &dyn Fn(usize) -> bool| -> Option<(String, usize)> {
            let mut fp: BTreeMap<&str, usize> = BTreeMap::new();
            let mut tp: BTreeSet<&str> = BTreeSet::new();
            for m in matches.iter().filter(|m| train(m.unit)) {
                let gold = units[m.unit].gold.contains(frame);
                for ph in &m.phrases {
                    if gold {
                        tp.insert(ph);
                    } else {
                        *fp.entry(ph).or_default() += 1;
                    }
                }
            }
            fp.into_iter()
                .filter(|(ph, _)| !tp.contains(ph))
                .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)))
                .map(|(ph, n)| (ph.to_string(), n))
        };
        let exclude = pick(&|_| true).map(|(phrase, n)| {
            let per_fold: Vec<Option<String>> = (0..k)
                .map(|j| pick(&|u| fold[u] != j).map(|x| x.0))
                .collect();
            let mut after = Counts::default();
            for (u, unit) in units.iter().enumerate() {
                let chosen = per_fold[fold[u]].as_deref().filter(|p| *p == phrase);
                let p = match chosen {
                    Some(ph) if units_of.contains(&u) => {
                        predicted_without(u, rule, &|text, a, b| {
                            surroundings(text, a, b).iter().any(|x| x == ph)
                        })
                    }
                    _ => unit.present(frame),
                };
                count(&mut after, unit.gold.contains(frame), p);
            }
            Exclusion {
                phrase: phrase.clone(),
                false_positives: n,
                folds: per_fold
                    .iter()
                    .filter(|p| p.as_deref() == Some(&phrase))
                    .count(),
                change: Change::between(&now, &after),
            }
        });
        let mut examples_of: Vec<String> = Vec::new();
        for &u in fps.iter().take(2) {
            if let Some(p) = units[u]
                .parts
                .iter()
                .find(|p| p.terms.iter().any(|c| &c.rule == rule))
            {
                let c = p
                    .terms
                    .iter()
                    .find(|c| &c.rule == rule)
                    .expect("found above");
                examples_of.push(excerpt(&p.text, c.span.start - p.sentence.span.start));
            }
        }
        out.push(CostlyRule {
            rule: rule.clone(),
            origin: origin.clone(),
            false_positives: fps.len(),
            alone,
            true_positives: tps,
            without: Change::between(&now, &without),
            exclude,
            examples: examples_of,
        });
    }
    out.sort_by(|a, b| {
        (b.alone, b.false_positives)
            .cmp(&(a.alone, a.false_positives))
            .then(a.rule.cmp(&b.rule))
    });
    out.truncate(o.costly);
    out
}

/// Words that stand after a subject: auxiliaries and modal verbs.
const AUXILIARIES: &[&str] = &[
    "are", "can", "could", "did", "does", "had", "has", "have", "is", "may", "might", "must",
    "should", "was", "were", "will", "would",
];

/// Reporting verbs whose object is the one spoken to, not the speaker.
const ADDRESSED: &[&str] = &["tell", "told", "informed"];

/// Lower-case words that may sit inside a name ("Ministry of Defence").
const NAME_JOINERS: &[&str] = &[
    "al", "and", "bin", "de", "del", "der", "for", "of", "the", "van", "von",
];

/// Capitalised word sequences of `text` with their byte spans: runs of
/// the tokeniser's words ([`tokens_in`]) that start with an upper-case
/// letter, joined by single spaces and possibly by [`NAME_JOINERS`]
/// inside; the punctuation at a word's edges and a possessive are cut off,
/// and a name ends at a cut; leading stop words ("The", "But") are dropped.
fn names_in(text: &str) -> Vec<Span> {
    let words: Vec<Span> = tokens_in(text, 0, text.len())
        .filter(|t| t.word)
        .map(|t| t.span())
        .collect();
    // A word less its edge punctuation and possessive.
    let clean = |word: Span| {
        let w = word.of(text);
        let core = w.trim_start_matches(|c: char| !is_word_char(c));
        let s = word.start + w.len() - core.len();
        let w = core.trim_end_matches(|c: char| !is_word_char(c));
        let w = w
            .strip_suffix("'s")
            .or_else(|| w.strip_suffix("’s"))
            .unwrap_or(w);
        Span::new(s, s + w.len())
    };
    let capital = |w: Span| w.of(text).chars().next().is_some_and(char::is_uppercase);
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let w = clean(words[i]);
        if !capital(w) || is_stop(&w.of(text).to_lowercase()) {
            i += 1;
            continue;
        }
        let (from, mut to) = (w.start, w.end);
        let mut j = i + 1;
        let mut last = i;
        // Extend while the next words are capitalised (or joiners followed
        // by a capitalised word), separated by one space, and the previous
        // word had no possessive or punctuation cut off.
        while j < words.len() {
            if clean(words[j - 1]).end != words[j - 1].end {
                break;
            }
            let gap = &text[words[j - 1].end..words[j].start];
            let next = clean(words[j]);
            if gap != " " || next.start != words[j].start {
                break;
            }
            let lower = next.of(text).to_lowercase();
            if capital(next) {
                to = next.end;
                last = j;
                j += 1;
            } else if NAME_JOINERS.contains(&lower.as_str()) {
                j += 1;
            } else {
                break;
            }
        }
        out.push(Span::new(from, to));
        i = last + 1;
    }
    out
}

/// Names in subject position (followed by a reporting verb, a stance cue,
/// an auxiliary or a past tense) or speaker position (a quote's speaker,
/// or right after a reporting verb) that no actor mention covers.
fn names(rules: &RuleSet, units: &[Unit], limit: usize) -> Vec<NameSuggestion> {
    let mut verbs: BTreeSet<String> = rules
        .stance
        .reporting_verbs
        .iter()
        .filter_map(|v| v.first().cloned())
        .collect();
    let mut stems: Vec<String> = Vec::new();
    for r in &rules.rules {
        if let Target::Stance { .. } = r.target {
            let p = normalize_pattern(&r.pattern, true);
            let first = p.split(' ').next().unwrap_or("").to_string();
            match first.strip_suffix('*') {
                Some(stem) => stems.push(stem.to_string()),
                None => {
                    verbs.insert(first);
                }
            }
        }
    }
    let verb_like = |w: &str| {
        let w = w.to_lowercase();
        verbs.contains(&w)
            || AUXILIARIES.contains(&w.as_str())
            || stems.iter().any(|s| w.starts_with(s.as_str()))
            || (w.len() > 4 && w.ends_with("ed"))
    };
    let reporting: BTreeSet<String> = rules
        .stance
        .reporting_verbs
        .iter()
        .map(|v| v.join(" "))
        .collect();
    #[derive(Default)]
    struct Seen {
        subject: usize,
        speaker: usize,
        articles: BTreeSet<String>,
        missed: BTreeMap<String, usize>,
        examples: Vec<String>,
    }
    let mut seen: BTreeMap<String, Seen> = BTreeMap::new();
    let mut done: BTreeSet<(String, usize, usize)> = BTreeSet::new();
    // A capitalised word opening a sentence ("Markets were quiet") is a
    // name only if it is capitalised inside some sentence too.
    let inside: BTreeSet<&str> = units
        .iter()
        .flat_map(|u| &u.parts)
        .flat_map(|p| {
            let t = p.text.as_str();
            names_in(t)
                .into_iter()
                .filter(|name| name.start > 0)
                .flat_map(move |name| name.of(t).split(' '))
        })
        .collect();
    let opening_word = |text: &str, a: usize, b: usize| {
        text[..a].trim().is_empty() && !text[a..b].contains(' ') && !inside.contains(&text[a..b])
    };
    for unit in units {
        let missed: BTreeSet<String> = unit
            .gold_actors
            .difference(&unit.predicted_actors())
            .cloned()
            .collect();
        for p in &unit.parts {
            let s = &p.sentence;
            if !done.insert((unit.article.clone(), s.span.start, s.span.end)) {
                continue;
            }
            // Whether a mention overlaps `a..b` of the sentence's text.
            let covered = |a: usize, b: usize| {
                let name = Span::new(s.span.start + a, s.span.start + b);
                s.mentions.iter().any(|m| m.span.overlaps(name))
            };
            let text = p.text.as_str();
            let mut found: Vec<(String, bool)> = Vec::new();
            for name in names_in(text) {
                let (a, b) = (name.start, name.end);
                if covered(a, b) || opening_word(text, a, b) {
                    continue;
                }
                let next = tokens_in(text, b, text.len()).next().map_or("", |t| {
                    t.span()
                        .of(text)
                        .trim_matches(|c: char| !c.is_alphanumeric())
                });
                let before = normalize_pattern(&text[..a], true);
                // "said Sewell": the speaker after the verb; not "told BBC
                // News", whose name is the one spoken to.
                let said_before = reporting
                    .iter()
                    .filter(|v| !ADDRESSED.iter().any(|t| v.starts_with(t)))
                    .any(|v| before.ends_with(&format!(" {v}")) || before == *v);
                if said_before {
                    found.push((text[a..b].to_string(), true));
                } else if !next.is_empty() && verb_like(next) {
                    found.push((text[a..b].to_string(), false));
                }
            }
            for sp in &p.speakers {
                if sp.actor.is_some() {
                    continue;
                }
                let (a, b) = (sp.span.start - s.span.start, sp.span.end - s.span.start);
                for name in names_in(&text[a..b]) {
                    if !covered(a + name.start, a + name.end) {
                        found.push((text[a + name.start..a + name.end].to_string(), true));
                    }
                }
            }
            for (name, speaker) in found {
                let e = seen.entry(name.clone()).or_default();
                if speaker {
                    e.speaker += 1;
                } else {
                    e.subject += 1;
                }
                e.articles.insert(unit.article.clone());
                for m in &missed {
                    *e.missed.entry(m.clone()).or_default() += 1;
                }
                if e.examples.len() < 2 {
                    let at = text.find(&name).unwrap_or(0);
                    let ex = excerpt(text, at);
                    if !e.examples.contains(&ex) {
                        e.examples.push(ex);
                    }
                }
            }
        }
    }
    let mut out: Vec<NameSuggestion> = seen
        .into_iter()
        .filter(|(_, s)| s.subject + s.speaker >= 2)
        .map(|(name, s)| {
            let count = s.subject + s.speaker;
            let gold_actor = s
                .missed
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
                .filter(|(_, n)| 2 * n >= count);
            NameSuggestion {
                name,
                count,
                subject: s.subject,
                speaker: s.speaker,
                articles: s.articles.len(),
                gold_actor,
                examples: s.examples,
            }
        })
        .collect();
    out.sort_by(|a, b| {
        (b.count, b.articles)
            .cmp(&(a.count, a.articles))
            .then(a.name.cmp(&b.name))
    });
    out.truncate(limit);
    out
}

fn signed(x: f64) -> String {
    format!("{x:+.3}")
}

fn interval_text(i: &Interval) -> String {
    format!("{:+.3} [{:+.3}, {:+.3}]", i.estimate, i.low, i.high)
}

impl Suggestions {
    /// The suggestions as readable text.
    pub fn report(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "rules suggest · {} {}s from {} articles · rules {}",
            self.units, self.unit, self.articles, self.rules
        );
        let _ = writeln!(out, "estimates: {}", self.method);
        let _ = writeln!(
            out,
            "Δ: change in the frame's precision, recall and F1 over all {}s; +tp/+fp: held-out true and false positives gained; in/out: {}s with / without the frame containing the term; new: of those with it, the ones the pack misses; folds: folds whose mining found the term",
            self.unit, self.unit
        );
        if !self.skipped.is_empty() {
            let _ = writeln!(
                out,
                "skipped {} label(s): {}",
                self.skipped.len(),
                self.skipped.join("; ")
            );
        }
        for f in &self.frames {
            let _ = writeln!(
                out,
                "\n== {} ==  now P {:.3} R {:.3} F1 {:.3} (tp {}, fp {}, fn {})",
                f.frame, f.precision, f.recall, f.f1, f.now.tp, f.now.fp, f.now.fn_
            );
            if let Some(j) = &f.joint {
                let _ = writeln!(
                    out,
                    "joint gain of the top {} (each fold adds its own top {}): ΔP {} · ΔR {} · ΔF1 {} · +tp {} +fp {}",
                    j.size,
                    j.size,
                    interval_text(&j.precision),
                    interval_text(&j.recall),
                    interval_text(&j.f1),
                    j.change.tp,
                    j.change.fp
                );
                let _ = writeln!(
                    out,
                    "  on a new set of {} articles like these, expect ΔP in [{:+.3}, {:+.3}] · ΔR in [{:+.3}, {:+.3}] · ΔF1 in [{:+.3}, {:+.3}]",
                    j.new_articles,
                    j.new_precision.low,
                    j.new_precision.high,
                    j.new_recall.low,
                    j.new_recall.high,
                    j.new_f1.low,
                    j.new_f1.high
                );
            }
            if f.candidates.is_empty() {
                let _ = writeln!(out, "no candidate terms pass the filters");
            } else {
                let _ = writeln!(
                    out,
                    "{:>3}  {:<28} {:>6} {:>4} {:>4} {:>4} {:>5} {:>4} {:>4} {:>7} {:>7} {:>7}",
                    "#",
                    "candidate term",
                    "z",
                    "in",
                    "out",
                    "new",
                    "folds",
                    "+tp",
                    "+fp",
                    "ΔP",
                    "ΔR",
                    "ΔF1"
                );
                for (i, c) in f.candidates.iter().enumerate() {
                    let _ = writeln!(
                        out,
                        "{:>3}  {:<28} {:>6.2} {:>4} {:>4} {:>4} {:>5} {:>4} {:>4} {:>7} {:>7} {:>7}",
                        i + 1,
                        c.pattern,
                        c.z,
                        c.inside,
                        c.outside,
                        c.new,
                        format!("{}/{}", c.folds, self.folds),
                        c.change.tp,
                        c.change.fp,
                        signed(c.change.precision),
                        signed(c.change.recall),
                        signed(c.change.f1)
                    );
                    for e in &c.examples {
                        let _ = writeln!(out, "       e.g. {e}");
                    }
                }
            }
            if !f.costly.is_empty() {
                let _ = writeln!(
                    out,
                    "rules costing most precision (on all {}s; nothing fitted):",
                    self.unit
                );
                for r in &f.costly {
                    let _ = writeln!(
                        out,
                        "  {} ({}): in {} false positive(s), alone in {}; in {} true positive(s); without it ΔP {} ΔR {} ΔF1 {}",
                        r.rule,
                        r.origin,
                        r.false_positives,
                        r.alone,
                        r.true_positives,
                        signed(r.without.precision),
                        signed(r.without.recall),
                        signed(r.without.f1)
                    );
                    match &r.exclude {
                        Some(x) => {
                            let _ = writeln!(
                                out,
                                "    exclude = [{:?}]: holds {} of its false positives; held out ({}/{} folds): ΔP {} ΔR {} ΔF1 {}",
                                x.phrase,
                                x.false_positives,
                                x.folds,
                                self.folds,
                                signed(x.change.precision),
                                signed(x.change.recall),
                                signed(x.change.f1)
                            );
                        }
                        None => {
                            let _ = writeln!(
                                out,
                                "    no phrase around its false positives avoids its true positives: no exclusion suggested"
                            );
                        }
                    }
                    for e in &r.examples {
                        let _ = writeln!(out, "    false positive: {e}");
                    }
                }
            }
        }
        let _ = writeln!(
            out,
            "\n== actors ==  names in subject or speaker position that no actor covers"
        );
        if self.names.is_empty() {
            let _ = writeln!(out, "none seen twice");
        }
        for n in &self.names {
            let gold = n.gold_actor.as_ref().map_or(String::new(), |(a, k)| {
                format!("; the gold has {a} there {k} time(s) and the pack misses it")
            });
            let _ = writeln!(
                out,
                "  {:<30} {} time(s): {} as subject, {} as speaker, in {} article(s){gold}",
                n.name, n.count, n.subject, n.speaker, n.articles
            );
            for e in &n.examples {
                let _ = writeln!(out, "      e.g. {e}");
            }
        }
        for n in &self.notes {
            let _ = writeln!(out, "\nnote: {n}");
        }
        out
    }

    /// The candidates as commented TOML, grouped by frame, to review and
    /// paste into the pack: a table per frame whose `terms` and `exclude`
    /// take the form of a frame file's, and actors as comments. Nothing
    /// here is applied.
    pub fn toml(&self) -> String {
        let q = |s: &str| toml::Value::String(s.to_string()).to_string();
        let mut out = String::new();
        let _ = writeln!(
            out,
            "# framescope rules suggest: candidates for rules {}, mined from {} {}s in {} articles.\n\
             # Nothing here is applied. Review each entry; paste the ones you keep into\n\
             # frames/<frame>.toml of your pack (terms into `terms`, phrases into `exclude`),\n\
             # add [[test]] examples, then run `framescope --rules <pack> rules test` and\n\
             # `framescope --rules <pack> eval`.\n\
             # Estimates: {}.",
            self.rules, self.units, self.unit, self.articles, self.method
        );
        for f in &self.frames {
            let _ = writeln!(
                out,
                "\n# {}: now P {:.3} R {:.3} F1 {:.3}",
                f.frame, f.precision, f.recall, f.f1
            );
            if let Some(j) = &f.joint {
                let _ = writeln!(
                    out,
                    "# the top {} together, held out: ΔP {} ΔR {} ΔF1 {}\n# on a new set of {} articles: ΔF1 in [{:+.3}, {:+.3}]",
                    j.size,
                    interval_text(&j.precision),
                    interval_text(&j.recall),
                    interval_text(&j.f1),
                    j.new_articles,
                    j.new_f1.low,
                    j.new_f1.high
                );
            }
            let _ = writeln!(out, "[{}]", f.frame);
            let _ = writeln!(out, "terms = [");
            for c in &f.candidates {
                let _ = writeln!(
                    out,
                    "  # z {:.2} · in {} out {} new {} · held out ({}/{} folds): +tp {} +fp {} ΔP {} ΔR {} ΔF1 {}",
                    c.z,
                    c.inside,
                    c.outside,
                    c.new,
                    c.folds,
                    self.folds,
                    c.change.tp,
                    c.change.fp,
                    signed(c.change.precision),
                    signed(c.change.recall),
                    signed(c.change.f1)
                );
                for e in &c.examples {
                    let _ = writeln!(out, "  # e.g. {e}");
                }
                let _ = writeln!(out, "  {{ pattern = {}, weight = 1.0 }},", q(&c.pattern));
            }
            let _ = writeln!(out, "]");
            let phrases: Vec<&CostlyRule> =
                f.costly.iter().filter(|r| r.exclude.is_some()).collect();
            if !phrases.is_empty() {
                let _ = writeln!(out, "exclude = [");
                for r in phrases {
                    let x = r.exclude.as_ref().expect("filtered");
                    let _ = writeln!(
                        out,
                        "  # for {}: holds {} of its false positives · held out ({}/{} folds): ΔP {} ΔF1 {}",
                        r.rule,
                        x.false_positives,
                        x.folds,
                        self.folds,
                        signed(x.change.precision),
                        signed(x.change.f1)
                    );
                    let _ = writeln!(out, "  {},", q(&x.phrase));
                }
                let _ = writeln!(out, "]");
            }
        }
        if !self.names.is_empty() {
            let _ = writeln!(
                out,
                "\n# actors: names in subject or speaker position that no actor covers.\n\
                 # Give each an id (ISO alpha-3 for a state), a kind and member-of before\n\
                 # pasting it into rules/actors.toml."
            );
            for n in &self.names {
                let id = n.gold_actor.as_ref().map_or("?", |(a, _)| a.as_str());
                let _ = writeln!(
                    out,
                    "# {} time(s) ({} as subject, {} as speaker) in {} article(s)",
                    n.count, n.subject, n.speaker, n.articles
                );
                let _ = writeln!(
                    out,
                    "# [[actor]]\n# id = {}\n# aliases = [{}]",
                    q(id),
                    q(&n.name)
                );
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The candidate n-grams of `text`, without how they were written.
    fn grams(text: &str, max: usize) -> BTreeSet<String> {
        grams_with_case(text, max).into_keys().collect()
    }

    #[test]
    fn grams_are_matcher_phrases() {
        let g = grams(
            "The U.S.-led coalition’s air-strikes hit Kim Jong-un's base.",
            3,
        );
        let has = |s: &str| g.contains(s);
        // Hyphens are spaces; a possessive belongs to its word and ends a phrase.
        assert!(has("air strikes") && has("coalition") && has("air strikes hit"));
        assert!(has("kim jong un") && has("jong un"));
        assert!(!g.iter().any(|x| x.contains("coalition air")), "{g:?}");
        assert!(!g.iter().any(|x| x.contains("un base")), "{g:?}");
        // No stop word at either end; single letters never.
        assert!(g
            .iter()
            .all(|x| !x.starts_with("the ") && !x.ends_with(" the")));
        assert!(!has("u") && !has("s"));
    }

    #[test]
    fn every_gram_matches_its_sentence_as_a_rule() {
        // The n-grams are meant as patterns: compiled into the pack, each
        // must match the sentence it was mined from, and exactly where the
        // words stand (curly quotes, dashes, possessives, case, accents).
        let text = "Le PRÉSIDENT’s rivals—the Workers’ Party hard-liners—rebuked Kim Jong-un's \
                    envoys in Zürich; “ALLIES” they were not, Mr. Müller said.";
        let found: Vec<String> = grams(text, 3).into_iter().collect();
        assert!(found.len() > 20, "{found:?}");
        let probes: Vec<Probe> = found
            .iter()
            .map(|g| Probe {
                pattern: g.clone(),
                weight: 1.0,
                exclude: Vec::new(),
            })
            .collect();
        let p = with_probes(&PackSource::embedded(), &probes).unwrap();
        let a = crate::engine::analysis::analyze_text(&p.rules, text, None);
        let matched: BTreeSet<usize> = a
            .sentences
            .iter()
            .flat_map(|s| &s.contributions)
            .filter_map(|c| p.probe_of(p.rules.frame_name(c.frame)))
            .collect();
        let missed: Vec<&String> = found
            .iter()
            .enumerate()
            .filter(|(i, _)| !matched.contains(i))
            .map(|(_, g)| g)
            .collect();
        assert!(
            missed.is_empty(),
            "grams the matcher does not find: {missed:?}"
        );
        for g in [
            "party hard liners",
            "rivals the workers",
            "jong un",
            "zu\u{308}rich",
            "allies",
            "rebuked",
        ] {
            assert!(found.iter().any(|f| f == g), "{g} in {found:?}");
        }
    }

    #[test]
    fn word_tokens_join_only_across_single_spaces() {
        let norm = Normalized::new("war—of words, peace; China's army", true).text;
        let t: Vec<(&str, bool)> = word_tokens(&norm)
            .into_iter()
            .map(|t| (t.span.of(&norm), t.joined))
            .collect();
        assert_eq!(
            t,
            [
                ("war", false),
                ("of", true),
                ("words", true),
                ("peace", false),
                ("china", false),
                ("army", false)
            ]
        );
    }

    #[test]
    fn surroundings_offer_phrases_around_a_match() {
        let text = "Two suicide bombers struck the war on terror front.";
        let at = text.find("bombers").unwrap();
        assert_eq!(
            surroundings(text, at, at + 7),
            ["suicide bombers", "bombers struck"]
        );
        let at = text.find("war").unwrap();
        assert_eq!(
            surroundings(text, at, at + 3),
            ["struck the war", "war on terror"]
        );
    }

    #[test]
    fn names_are_capitalised_runs() {
        let t = "The Ministry of Foreign Affairs said Sierra Leone's doctors, and Doctors Without Borders warned.";
        let got: Vec<&str> = names_in(t).into_iter().map(|n| n.of(t)).collect();
        assert_eq!(
            got,
            [
                "Ministry of Foreign Affairs",
                "Sierra Leone",
                "Doctors Without Borders"
            ]
        );
    }

    /// Names are made of the tokeniser's words: "AT&T" is one, and
    /// punctuation cut off a word ends the name there.
    #[test]
    fn names_are_runs_of_the_tokenisers_words() {
        let t =
            "officials of AT&T met the Ministry of, Foreign envoys and “Sierra Leone” diplomats.";
        let got: Vec<&str> = names_in(t).into_iter().map(|n| n.of(t)).collect();
        assert_eq!(got, ["AT&T", "Ministry", "Foreign", "Sierra Leone"]);
    }

    #[test]
    fn labels_read_strings_and_lists() {
        let text = "{\"id\": \"a\", \"label\": \"conflict\"}\n{\"id\": \"b\", \"label\": [\"economy\", \"threat\"]}\n\n{\"id\": 7}\n";
        let l = read_labels(text, "l.jsonl", "label").unwrap();
        assert_eq!(l[0].frames, ["conflict"]);
        assert_eq!(l[1].frames, ["economy", "threat"]);
        assert_eq!((l[2].id.as_str(), l[2].frames.len()), ("7", 0));
        let err = read_labels("{\"id\": \"a\", \"label\": 3}", "l.jsonl", "label").unwrap_err();
        assert_eq!(
            err.to_string(),
            "l.jsonl:1:1: `label` must be a frame id or a list of them"
        );
        let err = read_labels("{\"id\": \"a\"}\n{\"id\": ", "l.jsonl", "label").unwrap_err();
        assert_eq!(err.to_string(), "l.jsonl:2:7: EOF while parsing a value");
        let bom = read_labels(
            "\u{feff}{\"id\": \"a\", \"label\": \"conflict\"}",
            "l.jsonl",
            "label",
        );
        assert_eq!(
            bom.unwrap()[0].frames,
            ["conflict"],
            "a BOM is no part of line 1"
        );
    }
}
