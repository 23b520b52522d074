//! The data a report embeds, gathered one article at a time: the corpus
//! overview, `compare`'s group statistics and within-event differences,
//! frame densities over time, the actor network and per-actor profiles,
//! the article list, and up to a cap the articles' sentences with their
//! evidence. Memory grows with the list (one short row per article) and
//! the per-article densities the bootstrap resamples; article bodies are
//! kept only up to the cap.

use std::collections::{BTreeMap, BTreeSet, BinaryHeap};

use serde::Serialize;

use crate::corpus::aggregate::Mismatch;
use crate::corpus::compare::{CompareOptions, Comparer, Comparison};
use crate::corpus::keys::KeyCensus;
use crate::corpus::stats::{bootstrap_mean, seed_for, Interval};
use crate::engine::model::round4;
use crate::pack::ruleset::ActorKind;
use crate::profile::actors::{network, ActorsView, NetworkEdge, NetworkNode};
use crate::profile::summary::PackStamp;
use crate::report::article::{utf16_offset, AppliedIn, ProfileIn, ReportArticle, SentenceIn};

/// What a report shows and how much of it.
#[derive(Clone, Debug)]
pub(crate) struct ReportOptions {
    /// Metadata key (or `month` / `year`) that forms the groups.
    pub by: Option<String>,
    /// Metadata key of events covered by several groups.
    pub pair_by: Option<String>,
    /// Groups with fewer articles are marked, and left out of the charts
    /// while larger groups exist.
    pub min_docs: usize,
    /// Bootstrap resamples.
    pub resamples: usize,
    /// Seed of the bootstrap and of the choice of article bodies.
    pub seed: u64,
    /// Articles whose sentences are included (the rest are listed).
    pub max_articles: usize,
    /// Distinctive terms shown per group.
    pub top_terms: usize,
    /// Actors drawn in the network and profiled.
    pub max_actors: usize,
    /// Co-mention edges drawn at most (those in the most sentences).
    pub max_co_mentions: usize,
    /// Stance edges drawn at most (the strongest net stance).
    pub max_stance_edges: usize,
    /// Pairs without stance seen in fewer sentences are not drawn (as in
    /// `actors --format dot`).
    pub min_sentences: usize,
    /// Quotations shown per actor.
    pub quotes_per_actor: usize,
    /// Groups drawn over time at most (the largest).
    pub max_time_groups: usize,
}

impl Default for ReportOptions {
    fn default() -> Self {
        ReportOptions {
            by: None,
            pair_by: None,
            min_docs: 20,
            resamples: 1000,
            seed: 0,
            max_articles: 2000,
            top_terms: 8,
            max_actors: 40,
            max_co_mentions: 40,
            max_stance_edges: 60,
            min_sentences: 2,
            quotes_per_actor: 5,
            max_time_groups: 8,
        }
    }
}

/// The labels of a pack's frames, used when the articles were classified
/// with that pack (its hash matches theirs).
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct FrameLabels {
    /// The pack's content hash.
    pub hash: String,
    /// Its frames.
    pub frames: Vec<FrameMeta>,
}

/// A frame's id, label and description.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub(crate) struct FrameMeta {
    /// Id.
    pub id: String,
    /// Short label.
    pub label: String,
    /// What it means.
    pub description: String,
}

/// Everything the page shows, as embedded JSON.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub(crate) struct ReportData {
    /// The page title.
    pub title: String,
    /// The rule pack that classified the articles.
    pub rules: PackStamp,
    /// Grouping key (`--by`).
    pub by: Option<String>,
    /// Event key (`--pair-by`).
    pub pair_by: Option<String>,
    /// The frames, in order.
    pub frames: Vec<FrameMeta>,
    /// Corpus size, coverage, dates and frame distribution.
    pub overview: Overview,
    /// Groups (with `--by`).
    pub groups: Option<Groups>,
    /// Within-event differences (with `--pair-by`).
    pub paired: Option<PairedData>,
    /// Frame densities over time.
    pub time: TimeData,
    /// The actor network.
    pub network: NetworkData,
    /// The most-mentioned actors' profiles.
    pub actors: Vec<ActorData>,
    /// Quoted sources that are not actors, most quoted first.
    pub sources: Vec<SourceData>,
    /// Rules cited by the included articles: id and `file:line`.
    pub rule_table: Vec<RuleRow>,
    /// Every article, in input order.
    pub articles: Vec<ListRow>,
    /// The included articles' sentences and quotes, in input order.
    pub bodies: Vec<Body>,
}

/// The corpus at a glance.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub(crate) struct Overview {
    /// Articles.
    pub documents: usize,
    /// Words.
    pub words: u64,
    /// Sentences.
    pub sentences: u64,
    /// Sentences carrying a frame.
    pub framed_sentences: u64,
    /// `framed_sentences / sentences`.
    pub coverage: f64,
    /// Earliest `date` (ISO prefix).
    pub first_date: Option<String>,
    /// Latest `date`.
    pub last_date: Option<String>,
    /// Articles without a readable `date`.
    pub undated: usize,
    /// Articles whose sentences are included.
    pub bodies: usize,
    /// The cap on included articles.
    pub cap: usize,
    /// Confidence level of the intervals.
    pub level: f64,
    /// Bootstrap resamples.
    pub resamples: usize,
    /// Bootstrap seed.
    pub seed: u64,
    /// Per frame.
    pub frames: Vec<OverviewFrame>,
}

/// One frame over the corpus.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub(crate) struct OverviewFrame {
    /// Frame id.
    pub frame: String,
    /// Mean density per 1,000 words, with its interval (resampling articles).
    pub density: Interval,
    /// Share of articles in which it is present.
    pub share: f64,
    /// Articles in which it is dominant.
    pub dominant: usize,
}

/// The group comparison.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub(crate) struct Groups {
    /// Grouping key.
    pub key: String,
    /// Groups under this size are marked.
    pub min_docs: usize,
    /// Groups, largest first.
    pub rows: Vec<GroupRow>,
}

/// One group.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub(crate) struct GroupRow {
    /// The group's value.
    pub group: String,
    /// Articles.
    pub documents: usize,
    /// Under `min_docs`.
    pub few: bool,
    /// Per frame, in frame order.
    pub frames: Vec<GroupFrame>,
    /// Per frame, z of the log-odds against the rest.
    pub distinctive_frames: Vec<(String, f64)>,
    /// The terms most distinctive of the group (z > 0).
    pub terms: Vec<TermRow>,
}

/// One frame in one group.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub(crate) struct GroupFrame {
    /// Frame id.
    pub frame: String,
    /// Mean density with its interval.
    pub density: Interval,
    /// Share of articles with the frame, with its interval.
    pub share: Interval,
}

/// A distinctive term of a group.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub(crate) struct TermRow {
    /// Rule id, `frame:pattern`.
    pub rule: String,
    /// Log-odds z against the rest.
    pub z: f64,
    /// Matches in the group.
    pub matches: f64,
    /// Articles of the group with a match.
    pub articles: u64,
    /// Most matches come from three articles or fewer (see `compare`).
    pub concentrated: bool,
}

/// Within-event differences.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub(crate) struct PairedData {
    /// Event key.
    pub key: String,
    /// Events covered by two or more groups.
    pub events: usize,
    /// Per group and frame.
    pub rows: Vec<PairedRow>,
}

/// One group's difference on one frame.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub(crate) struct PairedRow {
    /// Group.
    pub group: String,
    /// Frame.
    pub frame: String,
    /// Mean within-event difference, with its interval (resampling events).
    pub difference: Interval,
    /// Events averaged over.
    pub events: usize,
}

/// Frame densities by month or year.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub(crate) struct TimeData {
    /// `month` or `year`.
    pub unit: &'static str,
    /// The groups drawn (`all` without `--by`).
    pub groups: Vec<String>,
    /// Groups left out (small, or beyond the largest few).
    pub groups_left_out: usize,
    /// Per period and group drawn.
    pub rows: Vec<TimeRow>,
}

/// One period of one group.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub(crate) struct TimeRow {
    /// `2019-05` or `2019`.
    pub period: String,
    /// Group.
    pub group: String,
    /// Articles.
    pub documents: u64,
    /// Mean density per frame, in frame order.
    pub density: Vec<f64>,
}

/// The network drawn.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub(crate) struct NetworkData {
    /// Co-mention pairs seen in fewer sentences are left out.
    pub min_sentences: usize,
    /// Actors in the whole network.
    pub nodes_total: usize,
    /// Edges in the whole network.
    pub edges_total: usize,
    /// The most-mentioned actors.
    pub nodes: Vec<NetworkNode>,
    /// Edges among them: the strongest stance edges and co-mentions.
    pub edges: Vec<NetworkEdge>,
}

/// One actor's profile.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub(crate) struct ActorData {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Kind.
    pub kind: ActorKind,
    /// Mentions.
    pub mentions: usize,
    /// Sentences mentioning it.
    pub sentences: usize,
    /// Summed frame scores of those sentences.
    pub frames: BTreeMap<String, f64>,
    /// Quotations attributed to it.
    pub quotes: usize,
    /// Frame scores of its quoted words.
    pub quoted_frames: BTreeMap<String, f64>,
    /// Stance it gives: target, net, edges (strongest first).
    pub gives: Vec<(String, f64, usize)>,
    /// Stance it receives: source, net, edges.
    pub receives: Vec<(String, f64, usize)>,
    /// Some of its quotations.
    pub examples: Vec<QuoteExample>,
}

/// A quotation shown under an actor.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub(crate) struct QuoteExample {
    /// Index of the article in `articles`.
    pub article: usize,
    /// The quoted words.
    pub text: String,
    /// The speaker's words.
    pub speaker: String,
    /// The reporting verb.
    pub verb: String,
    /// Through a resolved reference.
    pub resolved: bool,
}

/// A quoted source that is not an actor.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub(crate) struct SourceData {
    /// Name as written.
    pub name: String,
    /// Quotations.
    pub quotes: usize,
    /// Frame scores of its quoted words.
    pub frames: BTreeMap<String, f64>,
}

/// A rule cited by an included article.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub(crate) struct RuleRow {
    /// Rule id.
    pub id: String,
    /// `file:line`.
    pub origin: String,
}

/// One article in the list.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub(crate) struct ListRow {
    /// Id.
    pub id: String,
    /// Title.
    pub title: Option<String>,
    /// Where it came from.
    pub source: String,
    /// Its group (with `--by`).
    pub group: Option<String>,
    /// Its `date`.
    pub date: Option<String>,
    /// Words.
    pub words: u64,
    /// Dominant frames.
    pub dominant: Vec<String>,
    /// Index of its body in `bodies`, when included.
    pub body: Option<usize>,
}

/// An included article's sentences and quotes. Offsets count UTF-16 units
/// within the sentence (a browser's string indices).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub(crate) struct Body {
    /// Index of the article in `articles`.
    pub article: usize,
    /// Sentences.
    pub sentences: Vec<SentenceOut>,
    /// Quotations.
    pub quotes: Vec<QuoteOut>,
}

/// A sentence.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub(crate) struct SentenceOut {
    /// Text.
    pub t: String,
    /// Frames present with scores.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub f: BTreeMap<String, f64>,
    /// Contributions.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub c: Vec<ContributionOut>,
    /// Actor mentions.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub m: Vec<MentionOut>,
    /// Stance edges.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub e: Vec<EdgeOut>,
    /// Quoted stretches: start, end, index in the body's quotes.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub q: Vec<[usize; 3]>,
}

/// A contribution: rule (index in `rule_table`), span, weight, score,
/// modifiers.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub(crate) struct ContributionOut {
    /// Index in `rule_table`.
    pub r: usize,
    /// Start.
    pub a: usize,
    /// End.
    pub b: usize,
    /// Weight.
    pub w: f64,
    /// Score.
    pub s: f64,
    /// Inside quotation marks.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub q: bool,
    /// Modifiers: kind, text, factor.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub m: Vec<(String, String, f64)>,
}

/// An actor mention.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub(crate) struct MentionOut {
    /// Actor.
    pub x: String,
    /// Registry entry.
    pub n: String,
    /// Start.
    pub a: usize,
    /// End.
    pub b: usize,
    /// `file:line` of the alias.
    pub o: String,
    /// A resolved reference.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub r: bool,
    /// Dated role.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub l: Option<String>,
}

/// A stance edge.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub(crate) struct EdgeOut {
    /// Source actor.
    pub from: String,
    /// Target actor.
    pub to: String,
    /// Polarity.
    pub p: String,
    /// Weight.
    pub w: f64,
    /// Cue rule id.
    pub r: String,
    /// Cue `file:line`.
    pub o: String,
    /// Cue start.
    pub a: usize,
    /// Cue end.
    pub b: usize,
    /// Source words.
    pub st: String,
    /// Target words.
    pub tt: String,
    /// Passive or reversed.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub pv: bool,
    /// Modifiers: kind, text, factor.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub m: Vec<(String, String, f64)>,
}

/// A quotation.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub(crate) struct QuoteOut {
    /// The quoted words.
    pub t: String,
    /// Speaker's words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sp: Option<String>,
    /// Speaker's actor.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub x: Option<String>,
    /// Registry entry.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub n: Option<String>,
    /// Reporting verb.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub v: Option<String>,
    /// Speaker found through a resolved reference.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub r: bool,
    /// Speaker's role.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub l: Option<String>,
    /// Frame scores inside it.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub f: BTreeMap<String, f64>,
}

/// An article kept for its body: the order of `key` (a seeded hash of its
/// id) decides which are kept, so the choice does not depend on input order.
struct Kept {
    key: u64,
    index: usize,
    profile: Box<ProfileIn>,
}

impl PartialEq for Kept {
    fn eq(&self, other: &Self) -> bool {
        (self.key, self.index) == (other.key, other.index)
    }
}
impl Eq for Kept {}
impl PartialOrd for Kept {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Kept {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.key, self.index).cmp(&(other.key, other.index))
    }
}

/// A quotation candidate for an actor's examples, ordered like [`Kept`].
struct QuoteCandidate {
    order: (u64, usize, usize),
    example: QuoteExample,
}

/// Folds articles in; [`Gatherer::finish`] computes the report's data.
pub(crate) struct Gatherer {
    options: ReportOptions,
    labels: FrameLabels,
    rules: Option<PackStamp>,
    frames: Vec<String>,
    comparer: Option<Comparer>,
    documents: usize,
    words: u64,
    sentences: u64,
    framed_sentences: u64,
    /// Per article, its density of each frame (for the bootstrap).
    densities: Vec<Vec<f64>>,
    dominant: Vec<usize>,
    first_date: Option<String>,
    last_date: Option<String>,
    undated: usize,
    /// month → group → (summed densities, articles).
    time: BTreeMap<String, BTreeMap<String, (Vec<f64>, u64)>>,
    actors: Option<ActorsView>,
    quotes: BTreeMap<String, Vec<QuoteCandidate>>,
    list: Vec<ListRow>,
    kept: BinaryHeap<Kept>,
}

impl Gatherer {
    /// A gatherer with `options`; `labels` names and describes the frames
    /// when the articles were classified with that pack (else frames are
    /// shown by id).
    pub(crate) fn new(options: ReportOptions, labels: FrameLabels) -> Gatherer {
        let comparer = options.by.as_ref().map(|by| {
            Comparer::new(CompareOptions {
                by: by.clone(),
                min_docs: options.min_docs,
                pair_by: options.pair_by.clone(),
                resamples: options.resamples,
                seed: options.seed,
                top_terms: options.top_terms,
                ..CompareOptions::default()
            })
        });
        Gatherer {
            options,
            labels,
            rules: None,
            frames: Vec::new(),
            comparer,
            documents: 0,
            words: 0,
            sentences: 0,
            framed_sentences: 0,
            densities: Vec::new(),
            dominant: Vec::new(),
            first_date: None,
            last_date: None,
            undated: 0,
            time: BTreeMap::new(),
            actors: None,
            quotes: BTreeMap::new(),
            list: Vec::new(),
            kept: BinaryHeap::new(),
        }
    }

    /// Which of the articles so far have the grouping and pairing keys
    /// (`None` without `--by`): check it before [`Gatherer::finish`], so a
    /// misspelt key is an error, as in `compare`, rather than one `(none)`
    /// group.
    pub(crate) fn keys(&self) -> Option<&KeyCensus> {
        self.comparer.as_ref().map(Comparer::keys)
    }

    /// Adds one article.
    ///
    /// # Errors
    ///
    /// A message when it was classified with another rule pack than the
    /// articles before it.
    pub(crate) fn add(&mut self, article: ReportArticle) -> Result<(), Mismatch> {
        let ReportArticle { summary, profile } = article;
        match &self.rules {
            None => {
                self.rules = Some(summary.rules.clone());
                self.frames = summary.frames.keys().cloned().collect();
                self.dominant = vec![0; self.frames.len()];
            }
            Some(r) if *r != summary.rules => {
                return Err(Mismatch::Pack {
                    found: summary.rules.clone(),
                    expected: r.clone(),
                })
            }
            Some(_) => {}
        }
        if let Some(c) = &mut self.comparer {
            c.add(&summary)?;
        }
        let index = self.documents;
        self.documents += 1;
        self.words += summary.words;
        self.sentences += summary.sentences;
        self.framed_sentences += profile
            .sentences
            .iter()
            .filter(|s| !s.frames.is_empty())
            .count() as u64;
        let densities: Vec<f64> = self
            .frames
            .iter()
            .map(|f| summary.frames.get(f).map_or(0.0, |x| x.density))
            .collect();
        for (i, f) in self.frames.iter().enumerate() {
            if profile.dominant.contains(f) {
                self.dominant[i] += 1;
            }
        }

        let group = self.options.by.as_ref().map(|by| summary.group(by));
        // The date the profile was classified as of (`2019-05-17`,
        // `2019-05` or `2019`); over time needs its month.
        let date = summary.date.as_ref().map(ToString::to_string);
        match &date {
            Some(d) => {
                if self.first_date.as_ref().is_none_or(|f| d < f) {
                    self.first_date = Some(d.clone());
                }
                if self.last_date.as_ref().is_none_or(|l| d > l) {
                    self.last_date = Some(d.clone());
                }
            }
            None => self.undated += 1,
        }
        if let Some((year, month)) = summary
            .date
            .as_ref()
            .and_then(|d| Some((d.year(), d.month()?)))
        {
            let (sum, n) = self
                .time
                .entry(format!("{year:04}-{month:02}"))
                .or_default()
                .entry(group.clone().unwrap_or_else(|| "all".into()))
                .or_insert_with(|| (vec![0.0; densities.len()], 0));
            for (a, x) in sum.iter_mut().zip(&densities) {
                *a += x;
            }
            *n += 1;
        }
        self.densities.push(densities);

        let key = seed_for(self.options.seed, &["article", &profile.id]);
        self.add_actors(&profile, key, index);
        self.list.push(ListRow {
            id: profile.id.clone(),
            title: profile.title.clone(),
            source: profile.source.clone(),
            group,
            date,
            words: profile.words,
            dominant: profile.dominant.clone(),
            body: None,
        });
        self.kept.push(Kept {
            key,
            index,
            profile: Box::new(profile),
        });
        if self.kept.len() > self.options.max_articles {
            self.kept.pop();
        }
        Ok(())
    }

    fn add_actors(&mut self, profile: &ProfileIn, key: u64, index: usize) {
        let rules = self.rules.clone().unwrap_or_default();
        let view = self.actors.get_or_insert_with(|| {
            ActorsView::new(crate::pack::ruleset::PackInfo {
                id: rules.id.clone(),
                name: rules.id.split('@').next().unwrap_or_default().to_string(),
                version: rules.id.split('@').nth(1).unwrap_or_default().to_string(),
                hash: rules.hash.clone(),
            })
        });
        let sources = profile.quotes.iter().filter_map(|q| {
            let s = q.speaker.as_ref().filter(|s| s.actor.is_none())?;
            Some((s.text.as_str(), q.frames.clone()))
        });
        view.add_parts(&profile.actors, &profile.dyads, sources);
        let limit = self.options.quotes_per_actor;
        for (i, q) in profile.quotes.iter().enumerate() {
            let Some(speaker) = &q.speaker else { continue };
            let Some(actor) = &speaker.actor else {
                continue;
            };
            let list = self.quotes.entry(actor.clone()).or_default();
            let order = (key, index, i);
            if list.len() >= limit && list.last().is_some_and(|c| c.order < order) {
                continue;
            }
            let at = list.partition_point(|c| c.order < order);
            list.insert(
                at,
                QuoteCandidate {
                    order,
                    example: QuoteExample {
                        article: index,
                        text: q.text.clone(),
                        speaker: speaker.text.clone(),
                        verb: speaker.verb.clone(),
                        resolved: speaker.resolved,
                    },
                },
            );
            list.truncate(limit);
        }
    }

    /// Computes the report's data, titled `title`.
    pub(crate) fn finish(self, title: &str) -> ReportData {
        let o = &self.options;
        let level = 0.95;
        let overview_frames = self
            .frames
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let values: Vec<f64> = self.densities.iter().map(|d| d[i]).collect();
                let seed = seed_for(o.seed, &["overview", f, "density"]);
                let density = bootstrap_mean(&values, o.resamples, level, seed).map_or(
                    Interval {
                        estimate: 0.0,
                        low: 0.0,
                        high: 0.0,
                    },
                    round_interval,
                );
                let present = values.iter().filter(|d| **d > 0.0).count();
                OverviewFrame {
                    frame: f.clone(),
                    density,
                    share: ratio(present as u64, values.len() as u64),
                    dominant: self.dominant[i],
                }
            })
            .collect();

        let comparison = self.comparer.map(Comparer::finish);
        let groups = comparison.as_ref().map(|c| groups_data(c, o.min_docs));
        let paired = comparison.as_ref().and_then(paired_data);
        let time = time_data(&self.time, groups.as_ref(), self.frames.len(), o);

        let (network, actors, sources) = match &self.actors {
            Some(view) => actor_data(view, self.quotes, o),
            None => (
                NetworkData {
                    min_sentences: o.min_sentences,
                    nodes_total: 0,
                    edges_total: 0,
                    nodes: Vec::new(),
                    edges: Vec::new(),
                },
                Vec::new(),
                Vec::new(),
            ),
        };

        let mut list = self.list;
        let mut kept = self.kept.into_vec();
        kept.sort_by_key(|k| k.index);
        let mut rule_ids: BTreeMap<String, usize> = BTreeMap::new();
        let mut rule_table = Vec::new();
        let bodies: Vec<Body> = kept
            .iter()
            .enumerate()
            .map(|(b, k)| {
                list[k.index].body = Some(b);
                body(k.index, &k.profile, &mut rule_ids, &mut rule_table)
            })
            .collect();

        let rules = self.rules.unwrap_or_default();
        let known = if rules.hash == self.labels.hash {
            self.labels.frames.as_slice()
        } else {
            &[]
        };
        let frames = self
            .frames
            .iter()
            .map(|id| {
                known
                    .iter()
                    .find(|m| &m.id == id)
                    .cloned()
                    .unwrap_or_else(|| FrameMeta {
                        id: id.clone(),
                        label: id.clone(),
                        description: String::new(),
                    })
            })
            .collect();

        ReportData {
            title: title.to_string(),
            rules,
            by: o.by.clone(),
            pair_by: o.pair_by.clone(),
            frames,
            overview: Overview {
                documents: self.documents,
                words: self.words,
                sentences: self.sentences,
                framed_sentences: self.framed_sentences,
                coverage: ratio(self.framed_sentences, self.sentences),
                first_date: self.first_date,
                last_date: self.last_date,
                undated: self.undated,
                bodies: bodies.len(),
                cap: o.max_articles,
                level,
                resamples: o.resamples,
                seed: o.seed,
                frames: overview_frames,
            },
            groups,
            paired,
            time,
            network,
            actors,
            sources,
            rule_table,
            articles: list,
            bodies,
        }
    }
}

fn ratio(a: u64, b: u64) -> f64 {
    if b == 0 {
        0.0
    } else {
        round4(a as f64 / b as f64)
    }
}

fn round_interval(i: Interval) -> Interval {
    Interval {
        estimate: round4(i.estimate),
        low: round4(i.low),
        high: round4(i.high),
    }
}

fn groups_data(c: &Comparison, min_docs: usize) -> Groups {
    let rows = c
        .groups
        .iter()
        .map(|g| GroupRow {
            group: g.group.clone(),
            documents: g.documents,
            few: g.few,
            frames: c
                .frames
                .iter()
                .map(|f| GroupFrame {
                    frame: f.clone(),
                    density: g.frames[f].density,
                    share: g.frames[f].share,
                })
                .collect(),
            distinctive_frames: g
                .distinctive_frames
                .iter()
                .map(|l| (l.term.clone(), l.z))
                .collect(),
            terms: g
                .distinctive_terms
                .iter()
                .filter(|l| l.odds.z > 0.0)
                .map(|l| TermRow {
                    rule: l.odds.term.clone(),
                    z: l.odds.z,
                    matches: l.odds.group_count,
                    articles: l.articles,
                    concentrated: l.concentrated,
                })
                .collect(),
        })
        .collect();
    Groups {
        key: c.by.clone(),
        min_docs,
        rows,
    }
}

fn paired_data(c: &Comparison) -> Option<PairedData> {
    let p = c.paired.as_ref()?;
    // Groups in the comparison's order (largest first), frames in order.
    let rows = c
        .groups
        .iter()
        .filter_map(|g| Some((g, p.groups.get(&g.group)?)))
        .flat_map(|(g, frames)| {
            c.frames.iter().filter_map(move |f| {
                let x = frames.get(f)?;
                Some(PairedRow {
                    group: g.group.clone(),
                    frame: f.clone(),
                    difference: x.difference,
                    events: x.events,
                })
            })
        })
        .collect();
    Some(PairedData {
        key: p.key.clone(),
        events: p.events,
        rows,
    })
}

/// Months, or years when the dates span more than this many months.
const MAX_MONTHS: usize = 36;

fn time_data(
    time: &BTreeMap<String, BTreeMap<String, (Vec<f64>, u64)>>,
    groups: Option<&Groups>,
    frames: usize,
    o: &ReportOptions,
) -> TimeData {
    let drawn: Vec<String> = match groups {
        None => vec!["all".to_string()],
        Some(g) => {
            let big: Vec<&GroupRow> = g.rows.iter().filter(|r| !r.few).collect();
            let pool = if big.is_empty() {
                g.rows.iter().collect()
            } else {
                big
            };
            pool.into_iter()
                .take(o.max_time_groups)
                .map(|r| r.group.clone())
                .collect()
        }
    };
    let all_groups: BTreeSet<&String> = time.values().flat_map(|g| g.keys()).collect();
    let unit = if time.len() > MAX_MONTHS {
        "year"
    } else {
        "month"
    };
    let mut periods: BTreeMap<(String, String), (Vec<f64>, u64)> = BTreeMap::new();
    for (month, groups) in time {
        let period = if unit == "year" {
            month[..4].to_string()
        } else {
            month.clone()
        };
        for (g, (sum, n)) in groups.iter().filter(|(g, _)| drawn.contains(g)) {
            let (s, k) = periods
                .entry((period.clone(), g.clone()))
                .or_insert_with(|| (vec![0.0; frames], 0));
            for (a, x) in s.iter_mut().zip(sum) {
                *a += x;
            }
            *k += n;
        }
    }
    let rows = periods
        .into_iter()
        .map(|((period, group), (sum, n))| TimeRow {
            period,
            group,
            documents: n,
            density: sum.iter().map(|s| round4(s / n as f64)).collect(),
        })
        .collect();
    TimeData {
        unit,
        groups_left_out: all_groups.iter().filter(|g| !drawn.contains(g)).count(),
        groups: drawn,
        rows,
    }
}

fn actor_data(
    view: &ActorsView,
    mut quotes: BTreeMap<String, Vec<QuoteCandidate>>,
    o: &ReportOptions,
) -> (NetworkData, Vec<ActorData>, Vec<SourceData>) {
    let full = network(view, o.min_sentences);
    let mut nodes = full.nodes.clone();
    nodes.sort_by(|a, b| b.mentions.cmp(&a.mentions).then(a.id.cmp(&b.id)));
    nodes.truncate(o.max_actors);
    let shown: BTreeSet<&str> = nodes.iter().map(|n| n.id.as_str()).collect();
    let among: Vec<&NetworkEdge> = full
        .edges
        .iter()
        .filter(|e| shown.contains(e.source.as_str()) && shown.contains(e.target.as_str()))
        .collect();
    let mut co: Vec<&NetworkEdge> = among
        .iter()
        .copied()
        .filter(|e| e.polarity == "co-mention")
        .collect();
    co.sort_by(|a, b| {
        b.sentences
            .cmp(&a.sentences)
            .then_with(|| (&a.source, &a.target).cmp(&(&b.source, &b.target)))
    });
    co.truncate(o.max_co_mentions);
    let mut stance: Vec<&NetworkEdge> = among
        .iter()
        .copied()
        .filter(|e| e.polarity != "co-mention")
        .collect();
    stance.sort_by(|a, b| {
        b.net
            .abs()
            .total_cmp(&a.net.abs())
            .then(b.count.cmp(&a.count))
            .then_with(|| (&a.source, &a.target).cmp(&(&b.source, &b.target)))
    });
    stance.truncate(o.max_stance_edges);
    let edges: Vec<NetworkEdge> = among
        .into_iter()
        .filter(|e| co.contains(e) || stance.contains(e))
        .cloned()
        .collect();
    let network = NetworkData {
        min_sentences: o.min_sentences,
        nodes_total: full.nodes.len(),
        edges_total: full.edges.len(),
        nodes: nodes.clone(),
        edges,
    };

    let stance = |t: &BTreeMap<String, crate::engine::dyads::StanceTally>| {
        let mut v: Vec<(String, f64, usize)> =
            t.iter().map(|(k, s)| (k.clone(), s.net, s.edges)).collect();
        v.sort_by(|a, b| b.1.abs().total_cmp(&a.1.abs()).then(a.0.cmp(&b.0)));
        v.truncate(5);
        v
    };
    let actors = nodes
        .iter()
        .filter_map(|n| {
            let a = view.actors.get(&n.id)?;
            Some(ActorData {
                id: n.id.clone(),
                name: a.name.clone(),
                kind: a.kind,
                mentions: a.mentions,
                sentences: a.sentences,
                frames: a.frames.clone(),
                quotes: a.quotes,
                quoted_frames: a.quoted_frames.clone(),
                gives: stance(&a.stance_given),
                receives: stance(&a.stance_received),
                examples: quotes
                    .remove(&n.id)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|c| c.example)
                    .collect(),
            })
        })
        .collect();
    let mut sources: Vec<SourceData> = view
        .sources
        .iter()
        .map(|(name, t)| SourceData {
            name: name.clone(),
            quotes: t.quotes,
            frames: t.frames.clone(),
        })
        .collect();
    sources.sort_by(|a, b| b.quotes.cmp(&a.quotes).then(a.name.cmp(&b.name)));
    sources.truncate(15);
    (network, actors, sources)
}

fn modifiers(m: &[AppliedIn]) -> Vec<(String, String, f64)> {
    m.iter()
        .map(|a| (a.kind.clone(), a.text.clone(), a.factor))
        .collect()
}

/// `[start, end]` of byte span `span` within sentence `s`, in UTF-16 units.
fn within(s: &SentenceIn, span: [usize; 2]) -> (usize, usize) {
    let rel = |x: usize| utf16_offset(&s.text, x.saturating_sub(s.span[0]));
    (rel(span[0]), rel(span[1]))
}

fn body(
    article: usize,
    p: &ProfileIn,
    rule_ids: &mut BTreeMap<String, usize>,
    rule_table: &mut Vec<RuleRow>,
) -> Body {
    let mut rule = |id: &str, origin: &str| -> usize {
        if let Some(&i) = rule_ids.get(id) {
            return i;
        }
        rule_table.push(RuleRow {
            id: id.to_string(),
            origin: origin.to_string(),
        });
        rule_ids.insert(id.to_string(), rule_table.len() - 1);
        rule_table.len() - 1
    };
    let sentences = p
        .sentences
        .iter()
        .map(|s| {
            let q = p
                .quotes
                .iter()
                .enumerate()
                .filter(|(_, q)| q.span[0] < s.span[1] && q.span[1] > s.span[0])
                .map(|(i, q)| {
                    let (a, b) = within(s, [q.span[0].max(s.span[0]), q.span[1].min(s.span[1])]);
                    [a, b, i]
                })
                .collect();
            SentenceOut {
                t: s.text.clone(),
                f: s.frames.clone(),
                c: s.contributions
                    .iter()
                    .map(|c| {
                        let (a, b) = within(s, c.span);
                        ContributionOut {
                            r: rule(&c.rule, &c.origin),
                            a,
                            b,
                            w: c.weight,
                            s: c.score,
                            q: c.quoted,
                            m: modifiers(&c.modifiers),
                        }
                    })
                    .collect(),
                m: s.mentions
                    .iter()
                    .map(|m| {
                        let (a, b) = within(s, m.span);
                        MentionOut {
                            x: m.actor.clone(),
                            n: m.entity.clone(),
                            a,
                            b,
                            o: m.origin.clone(),
                            r: m.resolved,
                            l: m.role.clone(),
                        }
                    })
                    .collect(),
                e: s.edges
                    .iter()
                    .map(|e| {
                        let (a, b) = within(s, e.span);
                        EdgeOut {
                            from: e.source.clone(),
                            to: e.target.clone(),
                            p: e.polarity.clone(),
                            w: e.weight,
                            r: e.rule.clone(),
                            o: e.origin.clone(),
                            a,
                            b,
                            st: e.source_text.clone(),
                            tt: e.target_text.clone(),
                            pv: e.passive,
                            m: modifiers(&e.modifiers),
                        }
                    })
                    .collect(),
                q,
            }
        })
        .collect();
    let quotes = p
        .quotes
        .iter()
        .map(|q| {
            let s = q.speaker.as_ref();
            QuoteOut {
                t: q.text.clone(),
                sp: s.map(|s| s.text.clone()),
                x: s.and_then(|s| s.actor.clone()),
                n: s.and_then(|s| s.entity.clone()),
                v: s.map(|s| s.verb.clone()),
                r: s.is_some_and(|s| s.resolved),
                l: s.and_then(|s| s.role.clone()),
                f: q.frames.clone(),
            }
        })
        .collect();
    Body {
        article,
        sentences,
        quotes,
    }
}
