//! Dyads: how an article frames each pair of actors. For every pair
//! mentioned in the same sentence, that sentence's frame scores accumulate
//! on the (unordered) pair, and its stance edges on the (ordered) pair. All
//! tallies merge by addition, so corpus views sum article views.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::engine::model::{add_frames, add_named_frames, round4, SentenceResult};
use crate::engine::model::{Edge, Polarity};
use crate::pack::ruleset::RuleSet;

/// Stance from one actor to another, summed over edges.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct StanceTally {
    /// Summed weight of positive edges.
    pub positive: f64,
    /// Summed weight of negative edges.
    pub negative: f64,
    /// positive − negative.
    pub net: f64,
    /// Number of edges.
    pub edges: usize,
}

impl StanceTally {
    /// Adds one edge.
    pub fn add(&mut self, edge: &Edge) {
        if edge.polarity == Polarity::Positive {
            self.positive = round4(self.positive + edge.weight);
        } else {
            self.negative = round4(self.negative + edge.weight);
        }
        self.edges += 1;
        self.net = round4(self.positive - self.negative);
    }

    /// Adds another tally.
    pub fn merge(&mut self, other: &StanceTally) {
        self.positive = round4(self.positive + other.positive);
        self.negative = round4(self.negative + other.negative);
        self.edges += other.edges;
        self.net = round4(self.positive - self.negative);
    }

    /// `positive`, `negative` or `mixed` (net zero with edges).
    pub fn polarity(&self) -> &'static str {
        if self.net > 0.0 {
            "positive"
        } else if self.net < 0.0 {
            "negative"
        } else {
            "mixed"
        }
    }
}

/// One pair of actors.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Dyad {
    /// Sentences mentioning both.
    pub sentences: usize,
    /// Summed frame scores of those sentences.
    pub frames: BTreeMap<String, f64>,
    /// Stance by direction, keyed `A->B`.
    pub stance: BTreeMap<String, StanceTally>,
}

impl Dyad {
    /// Adds another dyad's tallies.
    pub fn merge(&mut self, other: &Dyad) {
        self.sentences += other.sentences;
        add_frames(&mut self.frames, &other.frames);
        for (k, t) in &other.stance {
            self.stance.entry(k.clone()).or_default().merge(t);
        }
    }

    /// The frame with the highest summed score (ties by id).
    pub fn dominant_frame(&self) -> Option<&str> {
        self.frames
            .iter()
            .filter(|(_, x)| **x > 0.0)
            .max_by(|a, b| a.1.total_cmp(b.1).then(b.0.cmp(a.0)))
            .map(|(f, _)| f.as_str())
    }
}

/// The key of the unordered pair `a`, `b`: `A|B` with A < B.
pub(crate) fn pair_key(a: &str, b: &str) -> String {
    if a <= b {
        format!("{a}|{b}")
    } else {
        format!("{b}|{a}")
    }
}

/// The dyads of an article's sentences.
pub(crate) fn dyads(rules: &RuleSet, sentences: &[SentenceResult]) -> BTreeMap<String, Dyad> {
    let mut out: BTreeMap<String, Dyad> = BTreeMap::new();
    for s in sentences {
        for (i, &a) in s.actors.iter().enumerate() {
            for &b in &s.actors[i + 1..] {
                let d = out
                    .entry(pair_key(rules.actor_name(a), rules.actor_name(b)))
                    .or_default();
                d.sentences += 1;
                add_named_frames(&mut d.frames, &s.frames, rules);
            }
        }
        for e in &s.edges {
            let (source, target) = (rules.actor_name(e.source), rules.actor_name(e.target));
            out.entry(pair_key(source, target))
                .or_default()
                .stance
                .entry(format!("{source}->{target}"))
                .or_default()
                .add(e);
        }
    }
    out
}
