//! Comparing groups of articles (`framescope compare --by KEY`): per group,
//! each frame's mean density and share of articles with seeded percentile
//! bootstrap intervals (resampling articles), the actors most framed per
//! frame, and the frames and terms that distinguish the group from the rest
//! by the log-odds ratio with an informative Dirichlet prior (Monroe,
//! Colaresi & Quinn 2008), with how many articles carry each term and the
//! share of its count that its top three articles hold, so that a z driven
//! by a handful of articles is flagged; with `--pair-by event`, each group's frame
//! densities against the other groups' on the same events, averaged over
//! events. Articles are folded in one at a time: what is kept per article
//! is one density per frame (about 100 bytes), for the bootstrap.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

use crate::corpus::aggregate::{truncate, Group, Mismatch};
use crate::corpus::keys::KeyCensus;
use crate::corpus::stats::{bootstrap_mean, log_odds, seed_for, Interval, LogOdds};
use crate::pack::ruleset::stamp;
use crate::profile::summary::{PackStamp, Summary, NONE};
use crate::render::{count, num};

/// How to compare.
#[derive(Clone, Debug)]
pub(crate) struct CompareOptions {
    /// Metadata key (or `month` / `year`) that forms the groups.
    pub by: String,
    /// Groups with fewer articles are flagged.
    pub min_docs: usize,
    /// Metadata key of events covered by several groups, for paired differences.
    pub pair_by: Option<String>,
    /// Bootstrap resamples.
    pub resamples: usize,
    /// Bootstrap seed.
    pub seed: u64,
    /// Confidence level of the intervals.
    pub level: f64,
    /// Distinguishing terms listed per group.
    pub top_terms: usize,
    /// Actors listed per frame and group.
    pub top_actors: usize,
}

impl Default for CompareOptions {
    fn default() -> Self {
        CompareOptions {
            by: "outlet".into(),
            min_docs: 20,
            pair_by: None,
            resamples: 1000,
            seed: 0,
            level: 0.95,
            top_terms: 8,
            top_actors: 3,
        }
    }
}

/// One frame in one group.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub(crate) struct FrameReport {
    /// Mean density per 1,000 words, with its interval.
    pub density: Interval,
    /// Share of articles in which the frame is present, with its interval.
    pub share: Interval,
    /// The actors whose sentences carry the frame most (summed scores).
    pub actors: Vec<(String, f64)>,
}

/// A term whose count in a group coming mostly (more than this share) from
/// its top three articles is flagged as concentrated.
pub(crate) const CONCENTRATED_SHARE: f64 = 0.5;

/// A distinctive term with where its count comes from.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub(crate) struct DistinctiveTerm {
    /// The term's log-odds against the rest.
    #[serde(flatten)]
    pub odds: LogOdds,
    /// Articles of the group in which it matched.
    pub articles: u64,
    /// The (at most) three articles with most matches, with their counts.
    pub top_articles: Vec<(String, u64)>,
    /// Share of the group's count held by those three articles.
    pub top3_share: f64,
    /// More than [`CONCENTRATED_SHARE`] of the count comes from three or
    /// fewer articles: the z says more about those articles than the group.
    pub concentrated: bool,
}

/// Where a term's matches in a group come from.
#[derive(Clone, Debug, Default)]
struct Spread {
    articles: u64,
    /// The three articles with most matches, most first, ties by id.
    top: Vec<(u64, String)>,
}

impl Spread {
    fn add(&mut self, id: &str, n: u64) {
        self.articles += 1;
        self.top.push((n, id.to_string()));
        self.top
            .sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        self.top.truncate(3);
    }
}

/// One group.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub(crate) struct GroupReport {
    /// The group's value of the key.
    pub group: String,
    /// Articles.
    pub documents: usize,
    /// Fewer articles than `--min-docs`.
    pub few: bool,
    /// Per frame.
    pub frames: BTreeMap<String, FrameReport>,
    /// Frames by how much more this group uses them than the rest (z).
    pub distinctive_frames: Vec<LogOdds>,
    /// The terms (frame rules) most distinctive of this group (top z),
    /// with how many articles carry them.
    pub distinctive_terms: Vec<DistinctiveTerm>,
}

/// Within-event differences of one group on one frame.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub(crate) struct PairedFrame {
    /// Mean over events of (this group's density − the other groups' mean).
    pub difference: Interval,
    /// Events it is averaged over.
    pub events: usize,
}

/// The paired (within-event) comparison.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub(crate) struct Paired {
    /// The event key.
    pub key: String,
    /// Events covered by at least two groups.
    pub events: usize,
    /// Per group, per frame.
    pub groups: BTreeMap<String, BTreeMap<String, PairedFrame>>,
}

/// A finished comparison.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub(crate) struct Comparison {
    /// The rule pack.
    pub rules: PackStamp,
    /// The grouping key.
    pub by: String,
    /// Articles compared.
    pub documents: usize,
    /// Bootstrap resamples, seed and confidence level.
    pub resamples: usize,
    /// Seed of the bootstrap.
    pub seed: u64,
    /// Confidence level.
    pub level: f64,
    /// `--min-docs`.
    pub min_docs: usize,
    /// The frames, in order.
    pub frames: Vec<String>,
    /// Groups, largest first.
    pub groups: Vec<GroupReport>,
    /// Within-event differences, with `--pair-by`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paired: Option<Paired>,
}

#[derive(Default)]
struct GroupState {
    totals: Group,
    /// Per article, its density of each frame (in `frames` order).
    densities: Vec<Vec<f64>>,
    /// Per term, the articles it matched in.
    spread: BTreeMap<String, Spread>,
}

/// Folds articles in; [`Comparer::finish`] computes the comparison.
pub(crate) struct Comparer {
    options: CompareOptions,
    rules: Option<PackStamp>,
    frames: Vec<String>,
    groups: BTreeMap<String, GroupState>,
    /// event → group → (summed densities per frame, articles).
    events: BTreeMap<String, BTreeMap<String, (Vec<f64>, usize)>>,
    /// Which articles have the `by` and `pair_by` keys.
    census: KeyCensus,
}

impl Comparer {
    /// A comparer with `options`.
    pub(crate) fn new(options: CompareOptions) -> Comparer {
        let keys: Vec<&String> = std::iter::once(&options.by)
            .chain(options.pair_by.as_ref())
            .collect();
        Comparer {
            census: KeyCensus::new(&keys).with_date_buckets(),
            options,
            rules: None,
            frames: Vec::new(),
            groups: BTreeMap::new(),
            events: BTreeMap::new(),
        }
    }

    /// Adds one article.
    ///
    /// # Errors
    ///
    /// [`Mismatch::Pack`] when it was classified with another rule pack
    /// than the articles before it.
    pub(crate) fn add(&mut self, s: &Summary) -> Result<(), Mismatch> {
        match &self.rules {
            None => {
                self.rules = Some(s.rules.clone());
                self.frames = s.frames.keys().cloned().collect();
            }
            Some(r) if *r != s.rules => {
                return Err(Mismatch::Pack {
                    found: s.rules.clone(),
                    expected: r.clone(),
                })
            }
            Some(_) => {}
        }
        let densities: Vec<f64> = self
            .frames
            .iter()
            .map(|f| s.frames.get(f).map_or(0.0, |x| x.density))
            .collect();
        let group = s.group(&self.options.by);
        let by = &self.options.by;
        self.census.add(&s.meta, |key| {
            if key == by {
                group != NONE
            } else {
                s.meta.contains_key(key)
            }
        });
        if let Some(key) = &self.options.pair_by {
            if let Some(event) = s.meta.get(key) {
                let (sum, n) = self
                    .events
                    .entry(event.clone())
                    .or_default()
                    .entry(group.clone())
                    .or_insert_with(|| (vec![0.0; densities.len()], 0));
                for (a, d) in sum.iter_mut().zip(&densities) {
                    *a += d;
                }
                *n += 1;
            }
        }
        let g = self.groups.entry(group).or_default();
        g.totals.add(s);
        g.densities.push(densities);
        for (term, n) in &s.terms {
            if *n > 0 {
                g.spread.entry(term.clone()).or_default().add(&s.id, *n);
            }
        }
        Ok(())
    }

    /// Which of the articles so far have the grouping and pairing keys:
    /// check it before [`Comparer::finish`], so a misspelt key is an error
    /// rather than one `(none)` group.
    pub(crate) fn keys(&self) -> &KeyCensus {
        &self.census
    }

    /// Computes intervals, distinguishing frames and terms, and paired
    /// differences.
    pub(crate) fn finish(self) -> Comparison {
        let o = &self.options;
        let mut corpus = Group::default();
        for g in self.groups.values() {
            corpus.merge(&g.totals);
        }
        let frame_counts = |g: &Group| -> BTreeMap<String, f64> {
            g.frames
                .iter()
                .map(|(f, t)| (f.clone(), t.score.to_f64()))
                .collect()
        };
        let term_counts = |g: &Group| -> BTreeMap<String, f64> {
            g.terms
                .iter()
                .map(|(t, n)| (t.clone(), *n as f64))
                .collect()
        };
        let corpus_frames = frame_counts(&corpus);
        let corpus_terms = term_counts(&corpus);
        let frame_prior: f64 = corpus_frames.values().sum();
        let term_prior: f64 = corpus_terms.values().sum();
        let rest = |counts: &BTreeMap<String, f64>, all: &BTreeMap<String, f64>| {
            all.iter()
                .map(|(k, v)| (k.clone(), v - counts.get(k).copied().unwrap_or(0.0)))
                .collect::<BTreeMap<String, f64>>()
        };

        let mut groups: Vec<GroupReport> = self
            .groups
            .iter()
            .map(|(name, g)| {
                let n = g.densities.len();
                let frames = self
                    .frames
                    .iter()
                    .enumerate()
                    .map(|(i, f)| {
                        let density: Vec<f64> = g.densities.iter().map(|d| d[i]).collect();
                        let present: Vec<f64> = density
                            .iter()
                            .map(|d| if *d > 0.0 { 1.0 } else { 0.0 })
                            .collect();
                        let interval = |values: &[f64], what: &str| {
                            let seed = seed_for(o.seed, &[name, f, what]);
                            bootstrap_mean(values, o.resamples, o.level, seed)
                                .map(round_interval)
                                .unwrap_or(Interval {
                                    estimate: 0.0,
                                    low: 0.0,
                                    high: 0.0,
                                })
                        };
                        let mut actors: Vec<(String, f64)> = g
                            .totals
                            .actors
                            .iter()
                            .filter_map(|(a, t)| {
                                let x = t.frames.get(f)?.to_f64();
                                (x > 0.0).then(|| (a.clone(), x))
                            })
                            .collect();
                        actors.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
                        actors.truncate(o.top_actors);
                        (
                            f.clone(),
                            FrameReport {
                                density: interval(&density, "density"),
                                share: interval(&present, "share"),
                                actors,
                            },
                        )
                    })
                    .collect();
                let own_frames = frame_counts(&g.totals);
                let own_terms = term_counts(&g.totals);
                let distinctive_frames = log_odds(
                    &own_frames,
                    &rest(&own_frames, &corpus_frames),
                    &corpus_frames,
                    frame_prior,
                )
                .into_iter()
                .map(round_log_odds)
                .collect();
                let distinctive_terms: Vec<DistinctiveTerm> = log_odds(
                    &own_terms,
                    &rest(&own_terms, &corpus_terms),
                    &corpus_terms,
                    term_prior,
                )
                .into_iter()
                .filter(|t| t.group_count > 0.0)
                .take(o.top_terms)
                .map(|t| {
                    let spread = g.spread.get(&t.term).cloned().unwrap_or_default();
                    let top: u64 = spread.top.iter().map(|(n, _)| n).sum();
                    let share = if t.group_count > 0.0 {
                        top as f64 / t.group_count
                    } else {
                        0.0
                    };
                    DistinctiveTerm {
                        odds: round_log_odds(t),
                        articles: spread.articles,
                        top_articles: spread.top.into_iter().map(|(n, id)| (id, n)).collect(),
                        top3_share: crate::engine::model::round4(share),
                        concentrated: share > CONCENTRATED_SHARE,
                    }
                })
                .collect();
                GroupReport {
                    group: name.clone(),
                    documents: n,
                    few: n < o.min_docs,
                    frames,
                    distinctive_frames,
                    distinctive_terms,
                }
            })
            .collect();
        groups.sort_by(|a, b| b.documents.cmp(&a.documents).then(a.group.cmp(&b.group)));

        let paired = o.pair_by.as_ref().map(|key| self.paired(key));
        Comparison {
            rules: self.rules.clone().unwrap_or_default(),
            by: o.by.clone(),
            documents: self.groups.values().map(|g| g.densities.len()).sum(),
            resamples: o.resamples,
            seed: o.seed,
            level: o.level,
            min_docs: o.min_docs,
            frames: self.frames.clone(),
            groups,
            paired,
        }
    }

    /// Within each event covered by two or more groups, each group's mean
    /// density of a frame minus the mean of the other groups' means; then
    /// per group and frame, the mean of those differences over events with
    /// a bootstrap interval resampling events.
    fn paired(&self, key: &str) -> Paired {
        let o = &self.options;
        let mut diffs: BTreeMap<&str, Vec<Vec<f64>>> = BTreeMap::new();
        let mut events = 0;
        for groups in self.events.values().filter(|g| g.len() >= 2) {
            events += 1;
            let means: Vec<(&str, Vec<f64>)> = groups
                .iter()
                .map(|(g, (sum, n))| (g.as_str(), sum.iter().map(|s| s / *n as f64).collect()))
                .collect();
            for (i, (g, mine)) in means.iter().enumerate() {
                let others = (means.len() - 1) as f64;
                let d: Vec<f64> = (0..self.frames.len())
                    .map(|f| {
                        let rest: f64 = means
                            .iter()
                            .enumerate()
                            .filter(|(j, _)| *j != i)
                            .map(|(_, (_, m))| m[f])
                            .sum();
                        mine[f] - rest / others
                    })
                    .collect();
                diffs.entry(g).or_default().push(d);
            }
        }
        let groups = diffs
            .into_iter()
            .map(|(g, rows)| {
                let frames = self
                    .frames
                    .iter()
                    .enumerate()
                    .filter_map(|(i, f)| {
                        let values: Vec<f64> = rows.iter().map(|r| r[i]).collect();
                        let seed = seed_for(o.seed, &[g, f, "paired", key]);
                        let difference = bootstrap_mean(&values, o.resamples, o.level, seed)?;
                        Some((
                            f.clone(),
                            PairedFrame {
                                difference: round_interval(difference),
                                events: values.len(),
                            },
                        ))
                    })
                    .collect();
                (g.to_string(), frames)
            })
            .collect();
        Paired {
            key: key.to_string(),
            events,
            groups,
        }
    }
}

fn round_interval(i: Interval) -> Interval {
    use crate::engine::model::round4;
    Interval {
        estimate: round4(i.estimate),
        low: round4(i.low),
        high: round4(i.high),
    }
}

fn round_log_odds(mut l: LogOdds) -> LogOdds {
    use crate::engine::model::round4;
    l.group_count = round4(l.group_count);
    l.rest_count = round4(l.rest_count);
    l.delta = round4(l.delta);
    l.z = round4(l.z);
    l
}

/// A rule id `frame:pattern` as `pattern (frame)`.
fn term_label(rule: &str) -> String {
    match rule.split_once(':') {
        Some((frame, pattern)) => format!("{pattern} ({frame})"),
        None => rule.to_string(),
    }
}

fn interval_cell(i: &Interval, percent: bool) -> String {
    if percent {
        format!(
            "{:.0}% [{:.0}, {:.0}]",
            i.estimate * 100.0,
            i.low * 100.0,
            i.high * 100.0
        )
    } else {
        format!("{} [{}, {}]", num(i.estimate), num(i.low), num(i.high))
    }
}

impl Comparison {
    /// The comparison as readable tables.
    pub(crate) fn table(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "compare by {} · {} in {} · rules {}\n{:.0}% percentile bootstrap intervals over articles ({} resamples, seed {}); density = frame score per 1,000 words; share = articles with the frame",
            self.by,
            count(self.documents as u64, "document"),
            count(self.groups.len() as u64, "group"),
            stamp(&self.rules.id, &self.rules.hash),
            self.level * 100.0,
            self.resamples,
            self.seed
        );
        // Groups too small for reliable intervals are left out of the
        // tables (they are in the JSON and CSV output), and counted.
        let few: Vec<&GroupReport> = self.groups.iter().filter(|g| g.few).collect();
        if !few.is_empty() {
            let articles: usize = few.iter().map(|g| g.documents).sum();
            let _ = writeln!(
                out,
                "{} with fewer than {} ({}) hidden: too few articles for reliable intervals; they are in --format json and csv, and --min-docs 1 shows them",
                count(few.len() as u64, "group"),
                count(self.min_docs as u64, "article"),
                count(articles as u64, "article"),
            );
        }
        // Overview: mean density per group and frame.
        let _ = write!(out, "\n{:<26} {:>5}", truncate(&self.by, 26), "docs");
        for f in &self.frames {
            let _ = write!(out, " {:>9}", truncate(f, 9));
        }
        out.push('\n');
        for g in self.groups.iter().filter(|g| !g.few) {
            let name = truncate(&g.group, 26);
            let _ = write!(out, "{name:<26} {:>5}", g.documents);
            for f in &self.frames {
                let _ = write!(out, " {:>9}", num(g.frames[f].density.estimate));
            }
            out.push('\n');
        }
        for g in self.groups.iter().filter(|g| !g.few) {
            let _ = writeln!(
                out,
                "\n{} ({})",
                g.group,
                count(g.documents as u64, "document")
            );
            let _ = writeln!(
                out,
                "  {:<10} {:<22} {:<18} most framed actors",
                "frame", "density [CI]", "share [CI]"
            );
            for f in &self.frames {
                let r = &g.frames[f];
                let actors: Vec<String> = r
                    .actors
                    .iter()
                    .map(|(a, x)| format!("{a} {}", num(*x)))
                    .collect();
                let _ = writeln!(
                    out,
                    "  {:<10} {:<22} {:<18} {}",
                    f,
                    interval_cell(&r.density, false),
                    interval_cell(&r.share, true),
                    if actors.is_empty() {
                        "-".to_string()
                    } else {
                        actors.join(" · ")
                    }
                );
            }
            let over: Vec<String> = g
                .distinctive_frames
                .iter()
                .filter(|l| l.z.abs() >= 1.96)
                .map(|l| format!("{} z={:+.1}", l.term, l.z))
                .collect();
            let _ = writeln!(
                out,
                "  frames vs the rest (|z| ≥ 1.96): {}",
                if over.is_empty() {
                    "none".to_string()
                } else {
                    over.join(" · ")
                }
            );
            let terms: Vec<&DistinctiveTerm> = g
                .distinctive_terms
                .iter()
                .filter(|t| t.odds.z > 0.0)
                .collect();
            if terms.is_empty() {
                let _ = writeln!(out, "  distinctive terms: none");
            } else {
                let _ = writeln!(
                    out,
                    "  distinctive terms (z; articles with it; share of its count in its top 3 articles; ! = mostly from 3 or fewer articles):"
                );
                for t in terms {
                    let _ = writeln!(
                        out,
                        "    {:<34} z={:+5.1} {:>5} articles  top 3: {:>3.0}%{}",
                        truncate(&term_label(&t.odds.term), 34),
                        t.odds.z,
                        t.articles,
                        t.top3_share * 100.0,
                        if t.concentrated { " !" } else { "" }
                    );
                }
            }
        }
        if let Some(p) = self.paired.as_ref().filter(|p| p.events == 0) {
            let _ = writeln!(
                out,
                "\nwithin-event differences: no event (by {}) is covered by two or more groups",
                p.key
            );
        }
        if let Some(p) = self.paired.as_ref().filter(|p| p.events > 0) {
            let _ = writeln!(
                out,
                "\nwithin-event differences ({} covered by two or more groups, by {}): each group's mean density minus the other groups' on the same event, averaged over events",
                count(p.events as u64, "event"),
                p.key
            );
            let _ = write!(out, "{:<26} {:>6}", truncate(&self.by, 26), "events");
            for f in &self.frames {
                let _ = write!(out, " {:>22}", truncate(f, 22));
            }
            out.push('\n');
            let shown = |g: &str| self.groups.iter().any(|x| x.group == g && !x.few);
            for (g, frames) in p.groups.iter().filter(|(g, _)| shown(g)) {
                let events = frames.values().map(|f| f.events).max().unwrap_or(0);
                let _ = write!(out, "{:<26} {:>6}", truncate(g, 26), events);
                for f in &self.frames {
                    let cell = frames.get(f).map_or_else(
                        || "-".to_string(),
                        |x| {
                            let i = &x.difference;
                            let mark = if i.low > 0.0 || i.high < 0.0 { "*" } else { "" };
                            format!("{:+.2} [{:+.2}, {:+.2}]{mark}", i.estimate, i.low, i.high)
                        },
                    );
                    let _ = write!(out, " {cell:>22}");
                }
                out.push('\n');
            }
            out.push_str("* the interval excludes 0\n");
        }
        out
    }

    /// The comparison as pretty JSON.
    pub(crate) fn json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("comparison serializes");
        s.push('\n');
        s
    }

    /// The comparison as tidy CSV: one row per group, item and measure
    /// (`density`, `share`, `frame_log_odds`, `term_log_odds`,
    /// `term_articles`, `term_top3_share`, `paired_difference`), with
    /// estimate, interval or z, the count behind it in a column named for
    /// what it counts (the group's `documents` on every row, its summed
    /// `frame_score` for frame log-odds, its `term_matches` on a term's
    /// rows, the `events` a paired difference is averaged over), and a
    /// `flag` (`concentrated` on the rows of a term whose count comes mostly
    /// from three or fewer articles).
    ///
    /// # Errors
    ///
    /// A CSV error (only on I/O, which a `Vec` never has).
    pub(crate) fn csv(&self) -> Result<String, csv::Error> {
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record([
            "group",
            "documents",
            "item",
            "measure",
            "estimate",
            "low",
            "high",
            "z",
            "frame_score",
            "term_matches",
            "events",
            "flag",
        ])?;
        let f4 = |x: f64| format!("{}", crate::engine::model::round4(x));
        for g in &self.groups {
            let docs = g.documents.to_string();
            for (f, r) in &g.frames {
                for (measure, i) in [("density", &r.density), ("share", &r.share)] {
                    w.write_record([
                        g.group.as_str(),
                        &docs,
                        f,
                        measure,
                        &f4(i.estimate),
                        &f4(i.low),
                        &f4(i.high),
                        "",
                        "",
                        "",
                        "",
                        "",
                    ])?;
                }
            }
            for l in &g.distinctive_frames {
                w.write_record([
                    g.group.as_str(),
                    &docs,
                    &l.term,
                    "frame_log_odds",
                    &f4(l.delta),
                    "",
                    "",
                    &f4(l.z),
                    &f4(l.group_count),
                    "",
                    "",
                    "",
                ])?;
            }
            for t in &g.distinctive_terms {
                let l = &t.odds;
                let flag = if t.concentrated { "concentrated" } else { "" };
                for (measure, estimate, z) in [
                    ("term_log_odds", f4(l.delta), f4(l.z)),
                    ("term_articles", t.articles.to_string(), String::new()),
                    ("term_top3_share", f4(t.top3_share), String::new()),
                ] {
                    w.write_record([
                        g.group.as_str(),
                        &docs,
                        &l.term,
                        measure,
                        &estimate,
                        "",
                        "",
                        &z,
                        "",
                        &f4(l.group_count),
                        "",
                        flag,
                    ])?;
                }
            }
        }
        if let Some(p) = &self.paired {
            for (g, frames) in &p.groups {
                let docs = self
                    .groups
                    .iter()
                    .find(|x| &x.group == g)
                    .map_or(0, |x| x.documents)
                    .to_string();
                for (f, x) in frames {
                    w.write_record([
                        g.as_str(),
                        &docs,
                        f,
                        "paired_difference",
                        &f4(x.difference.estimate),
                        &f4(x.difference.low),
                        &f4(x.difference.high),
                        "",
                        "",
                        "",
                        &x.events.to_string(),
                        "",
                    ])?;
                }
            }
        }
        let bytes = w.into_inner().map_err(|e| e.into_error())?;
        Ok(String::from_utf8(bytes).expect("CSV of UTF-8 strings"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::summary::FrameFigures;

    fn article(outlet: &str, event: &str, threat: f64, economy: f64) -> Summary {
        let mut s = Summary {
            id: format!("{outlet}/{event}"),
            rules: PackStamp {
                id: "p@1".into(),
                hash: "h".into(),
            },
            words: 1000,
            sentences: 10,
            ..Summary::default()
        };
        s.meta.insert("outlet".into(), outlet.into());
        s.meta.insert("event".into(), event.into());
        for (f, d) in [("economy", economy), ("threat", threat)] {
            s.frames.insert(
                f.into(),
                FrameFigures {
                    score: d,
                    density: d,
                    sentences: u64::from(d > 0.0),
                },
            );
            if d > 0.0 {
                s.terms.insert(format!("{f}:{f}-word"), d as u64);
            }
        }
        s
    }

    fn comparison(pair: bool) -> Comparison {
        let mut c = Comparer::new(CompareOptions {
            pair_by: pair.then(|| "event".to_string()),
            min_docs: 3,
            resamples: 200,
            ..CompareOptions::default()
        });
        // Hawk writes 2 more threat per 1,000 words than Dove on every event.
        for e in 0..6 {
            let base = f64::from(e);
            c.add(&article("Hawk", &e.to_string(), base + 3.0, 1.0))
                .unwrap();
            c.add(&article("Dove", &e.to_string(), base + 1.0, 1.0))
                .unwrap();
        }
        c.add(&article("Solo", "99", 0.0, 5.0)).unwrap();
        c.finish()
    }

    #[test]
    fn intervals_shares_and_flags() {
        let c = comparison(false);
        assert_eq!(c.documents, 13);
        let hawk = c.groups.iter().find(|g| g.group == "Hawk").unwrap();
        // Threat densities 3..8: mean 5.5, every article has it.
        let t = &hawk.frames["threat"];
        assert_eq!(t.density.estimate, 5.5);
        assert!(t.density.low < 5.5 && 5.5 < t.density.high);
        assert_eq!(
            (t.share.estimate, t.share.low, t.share.high),
            (1.0, 1.0, 1.0)
        );
        let solo = c.groups.iter().find(|g| g.group == "Solo").unwrap();
        assert!(solo.few && !hawk.few);
        assert_eq!(solo.frames["threat"].share.estimate, 0.0);
        // Largest groups first, ties by name.
        let order: Vec<&str> = c.groups.iter().map(|g| g.group.as_str()).collect();
        assert_eq!(order, ["Dove", "Hawk", "Solo"]);
    }

    #[test]
    fn distinctive_frames_and_terms_point_the_right_way() {
        let c = comparison(false);
        let hawk = c.groups.iter().find(|g| g.group == "Hawk").unwrap();
        let z =
            |g: &GroupReport, f: &str| g.distinctive_frames.iter().find(|l| l.term == f).unwrap().z;
        assert!(z(hawk, "threat") > 0.0 && z(hawk, "economy") < 0.0);
        let solo = c.groups.iter().find(|g| g.group == "Solo").unwrap();
        assert_eq!(solo.distinctive_frames[0].term, "economy");
        assert_eq!(solo.distinctive_terms[0].odds.term, "economy:economy-word");
    }

    #[test]
    fn terms_from_few_articles_are_flagged() {
        // In Loud, "threat-word" comes from one article (20 matches) and
        // five others (1 each): 22 of 25 matches in the top three articles.
        // "economy-word" is spread evenly over the six: 3 of 6 in the top 3.
        let mut c = Comparer::new(CompareOptions {
            min_docs: 3,
            resamples: 50,
            top_terms: 10,
            ..CompareOptions::default()
        });
        for i in 0..6 {
            let mut a = article("Loud", &i.to_string(), 1.0, 1.0);
            a.id = format!("loud-{i}");
            if i == 0 {
                a.terms.insert("threat:threat-word".into(), 20);
            }
            c.add(&a).unwrap();
            c.add(&article("Quiet", &i.to_string(), 1.0, 1.0)).unwrap();
        }
        let cmp = c.finish();
        let loud = cmp.groups.iter().find(|g| g.group == "Loud").unwrap();
        let term = |t: &str| {
            loud.distinctive_terms
                .iter()
                .find(|d| d.odds.term == t)
                .unwrap()
        };
        let threat = term("threat:threat-word");
        assert_eq!((threat.articles, threat.odds.group_count), (6, 25.0));
        assert_eq!(threat.top_articles[0], ("loud-0".to_string(), 20));
        assert_eq!(threat.top_articles.len(), 3);
        assert_eq!(threat.top3_share, 0.88);
        assert!(threat.concentrated);
        let economy = term("economy:economy-word");
        assert_eq!((economy.articles, economy.top3_share), (6, 0.5));
        assert!(!economy.concentrated, "exactly half is not mostly");
        // Ties in the top three go by article id.
        assert_eq!(
            economy.top_articles,
            [
                ("loud-0".to_string(), 1),
                ("loud-1".to_string(), 1),
                ("loud-2".to_string(), 1)
            ]
        );
        assert!(cmp.table().contains("threat-word (threat)"));
        let flagged = cmp
            .table()
            .lines()
            .filter(|l| l.contains("threat-word (threat)"))
            .all(|l| l.ends_with('!'));
        assert!(flagged, "{}", cmp.table());
        let csv = cmp.csv().unwrap();
        assert!(csv.lines().next().unwrap().ends_with(",flag"));
        assert!(csv.lines().any(|l| l
            .starts_with("Loud,6,threat:threat-word,term_top3_share,0.88,")
            && l.ends_with(",concentrated")));
        let json: serde_json::Value = serde_json::from_str(&cmp.json()).unwrap();
        let terms = json["groups"]
            .as_array()
            .unwrap()
            .iter()
            .find(|g| g["group"] == "Loud")
            .unwrap()["distinctive_terms"]
            .as_array()
            .unwrap()
            .clone();
        let t = terms
            .iter()
            .find(|t| t["term"] == "threat:threat-word")
            .unwrap();
        assert_eq!(t["concentrated"], true);
        assert_eq!(t["articles"], 6);
        assert!(
            t["z"].is_number(),
            "the log-odds fields stay at the top level"
        );
    }

    #[test]
    fn paired_differences_recover_the_per_event_gap() {
        let c = comparison(true);
        let p = c.paired.as_ref().unwrap();
        // Solo's event has no other group: 6 paired events.
        assert_eq!(p.events, 6);
        let hawk = &p.groups["Hawk"]["threat"];
        assert_eq!(hawk.events, 6);
        // The gap is exactly 2 on every event, so the interval is [2, 2].
        assert_eq!(
            (
                hawk.difference.estimate,
                hawk.difference.low,
                hawk.difference.high
            ),
            (2.0, 2.0, 2.0)
        );
        assert_eq!(p.groups["Dove"]["threat"].difference.estimate, -2.0);
        assert!(!p.groups.contains_key("Solo"));
    }

    #[test]
    fn the_same_seed_gives_the_same_output_in_any_order() {
        let a = comparison(true);
        let mut c = Comparer::new(CompareOptions {
            pair_by: Some("event".into()),
            min_docs: 3,
            resamples: 200,
            ..CompareOptions::default()
        });
        c.add(&article("Solo", "99", 0.0, 5.0)).unwrap();
        for e in (0..6).rev() {
            let base = f64::from(e);
            c.add(&article("Dove", &e.to_string(), base + 1.0, 1.0))
                .unwrap();
            c.add(&article("Hawk", &e.to_string(), base + 3.0, 1.0))
                .unwrap();
        }
        let b = c.finish();
        // Articles enter each group in another order, so resamples differ;
        // but point estimates, groups and paired figures agree exactly.
        assert_eq!(a.groups.len(), b.groups.len());
        for (x, y) in a.groups.iter().zip(&b.groups) {
            for f in &a.frames {
                assert_eq!(x.frames[f].density.estimate, y.frames[f].density.estimate);
            }
        }
        assert_eq!(a.paired, b.paired);
        assert_eq!(a.table(), comparison(true).table());
        assert!(a.csv().unwrap().lines().count() > 1);
    }
}
