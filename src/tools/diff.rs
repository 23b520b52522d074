//! `diff`: what a rule edit changes. Classifies the same documents with two
//! packs and reports, per article and sentence, the frames gained and lost,
//! frame scores that moved beyond a threshold, the actors gained and lost,
//! and the stance edges gained, lost or reweighted, each with the evidence
//! that differs (the contributions, mentions or stance cues present on one
//! side only); then the biggest movers over the corpus.
//! Sentences are the same on both sides: segmentation does not depend on the
//! rules.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use serde::Serialize;

use crate::engine::model::{round4, SentenceResult};
use crate::pack::ruleset::PackInfo;
use crate::profile::article::ArticleProfile;
use crate::text::span::Span;

/// How one sentence changed.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SentenceChange {
    /// 0-based sentence index.
    pub index: usize,
    /// Byte span in the document.
    pub span: Span,
    /// The sentence text.
    pub text: String,
    /// Frames present with B but not with A.
    pub frames_gained: Vec<String>,
    /// Frames present with A but not with B.
    pub frames_lost: Vec<String>,
    /// Frames whose score moved by more than the threshold: (A, B).
    pub scores: BTreeMap<String, [f64; 2]>,
    /// Actors found with B only.
    pub actors_gained: Vec<String>,
    /// Actors found with A only.
    pub actors_lost: Vec<String>,
    /// Stance edges (`SRC->TGT polarity`) found with B only.
    pub edges_gained: Vec<String>,
    /// Stance edges found with A only.
    pub edges_lost: Vec<String>,
    /// Stance edges on both sides whose weight (summed over the
    /// sentence's cues for the edge) moved by more than the threshold:
    /// (A, B).
    pub edge_weights: BTreeMap<String, [f64; 2]>,
    /// Evidence present with A only: `"text" rule (file:line) score`.
    pub removed: Vec<String>,
    /// Evidence present with B only.
    pub added: Vec<String>,
}

/// How one article changed.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ArticleChange {
    /// Document id.
    pub id: String,
    /// Where it came from.
    pub source: String,
    /// Article frame scores that moved beyond the threshold: (A, B).
    pub frames: BTreeMap<String, [f64; 2]>,
    /// Changed sentences.
    pub sentences: Vec<SentenceChange>,
}

/// A frame's movement over the whole corpus.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Mover {
    /// Frame id.
    pub frame: String,
    /// Summed score change (B − A).
    pub delta: f64,
    /// Articles whose score for the frame moved.
    pub articles: usize,
    /// Sentences that gained the frame.
    pub sentences_gained: usize,
    /// Sentences that lost it.
    pub sentences_lost: usize,
}

/// The whole comparison.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PackDiff {
    /// Pack A.
    pub a: PackInfo,
    /// Pack B.
    pub b: PackInfo,
    /// Score changes at or below this are ignored.
    pub threshold: f64,
    /// Documents compared.
    pub documents: usize,
    /// Articles that changed, in input order.
    pub articles: Vec<ArticleChange>,
    /// Frames by absolute change, largest first.
    pub movers: Vec<Mover>,
}

impl PackDiff {
    /// An empty comparison of packs `a` and `b`.
    pub fn new(a: PackInfo, b: PackInfo, threshold: f64) -> PackDiff {
        PackDiff {
            a,
            b,
            threshold,
            documents: 0,
            articles: Vec::new(),
            movers: Vec::new(),
        }
    }

    /// Adds one document, classified with A and with B.
    pub fn add(&mut self, a: &ArticleProfile, b: &ArticleProfile) {
        self.documents += 1;
        if let Some(change) = compare(a, b, self.threshold) {
            self.articles.push(change);
        }
    }

    /// Computes the corpus-level movers once every document is added.
    pub fn finish(&mut self) {
        self.movers = movers(&self.articles);
    }
}

fn moved(a: f64, b: f64, threshold: f64) -> bool {
    (a - b).abs() > threshold
}

fn evidence(p: &ArticleProfile, s: &SentenceResult) -> BTreeSet<String> {
    let (rules, text) = (p.pack, p.text.as_str());
    let frames = s.contributions.iter().map(|c| {
        format!(
            "{} \"{}\" {} ({}) {}",
            rules.frame_name(c.frame),
            c.span.of(text),
            rules.rule_label(c.rule),
            rules.origin_label(c.rule),
            c.score
        )
    });
    let actors = s.mentions.iter().map(|m| {
        format!(
            "{} \"{}\" {} ({})",
            rules.actor_name(m.actor),
            m.span.of(text),
            rules.actor_name(m.entity),
            rules.origin_label(m.rule)
        )
    });
    let edges = s.edges.iter().map(|e| {
        format!(
            "stance {} \"{}\" {} ({}) {}",
            e.label(rules),
            e.cue(text),
            rules.rule_label(e.rule),
            rules.origin_label(e.rule),
            round4(e.weight)
        )
    });
    frames.chain(actors).chain(edges).collect()
}

/// The sentence's stance edges by label, their weights summed.
fn edge_weights(p: &ArticleProfile, s: &SentenceResult) -> BTreeMap<String, f64> {
    let mut out = BTreeMap::new();
    for e in &s.edges {
        *out.entry(e.label(p.pack)).or_insert(0.0) += e.weight;
    }
    out.into_iter().map(|(k, w)| (k, round4(w))).collect()
}

fn compare(a: &ArticleProfile, b: &ArticleProfile, threshold: f64) -> Option<ArticleChange> {
    let mut frames = BTreeMap::new();
    let ids: BTreeSet<&String> = a.frames.keys().chain(b.frames.keys()).collect();
    for id in ids {
        let sa = a.frames.get(id).map_or(0.0, |s| s.score);
        let sb = b.frames.get(id).map_or(0.0, |s| s.score);
        if moved(sa, sb, threshold) {
            frames.insert(id.clone(), [sa, sb]);
        }
    }
    let mut sentences = Vec::new();
    for (sa, sb) in a.sentences.iter().zip(&b.sentences) {
        // The two packs number their frames and actors each their own
        // way: sentences are compared by id.
        let (na, nb) = (sa.frames.named(a.pack), sb.frames.named(b.pack));
        let fa: BTreeSet<&String> = na.keys().collect();
        let fb: BTreeSet<&String> = nb.keys().collect();
        let mut scores = BTreeMap::new();
        for id in fa.union(&fb) {
            let (x, y) = (
                na.get(*id).copied().unwrap_or(0.0),
                nb.get(*id).copied().unwrap_or(0.0),
            );
            if moved(x, y, threshold) {
                scores.insert((*id).clone(), [x, y]);
            }
        }
        let aa: BTreeSet<&str> = sa.actor_names(a.pack).into_iter().collect();
        let ab: BTreeSet<&str> = sb.actor_names(b.pack).into_iter().collect();
        let (wa, wb) = (edge_weights(a, sa), edge_weights(b, sb));
        let edge_weights = wa
            .iter()
            .filter_map(|(label, &x)| {
                let y = *wb.get(label)?;
                moved(x, y, threshold).then(|| (label.clone(), [x, y]))
            })
            .collect();
        let (ea, eb) = (evidence(a, sa), evidence(b, sb));
        let change = SentenceChange {
            index: sa.index,
            span: sa.span,
            text: sa.text(&a.text).to_string(),
            frames_gained: fb.difference(&fa).map(|s| s.to_string()).collect(),
            frames_lost: fa.difference(&fb).map(|s| s.to_string()).collect(),
            scores,
            actors_gained: ab.difference(&aa).map(|s| s.to_string()).collect(),
            actors_lost: aa.difference(&ab).map(|s| s.to_string()).collect(),
            edges_gained: wb
                .keys()
                .filter(|k| !wa.contains_key(*k))
                .cloned()
                .collect(),
            edges_lost: wa
                .keys()
                .filter(|k| !wb.contains_key(*k))
                .cloned()
                .collect(),
            edge_weights,
            removed: ea.difference(&eb).cloned().collect(),
            added: eb.difference(&ea).cloned().collect(),
        };
        let visible = !change.frames_gained.is_empty()
            || !change.frames_lost.is_empty()
            || !change.scores.is_empty()
            || !change.actors_gained.is_empty()
            || !change.actors_lost.is_empty()
            || !change.edges_gained.is_empty()
            || !change.edges_lost.is_empty()
            || !change.edge_weights.is_empty();
        if visible {
            sentences.push(change);
        }
    }
    (!frames.is_empty() || !sentences.is_empty()).then(|| ArticleChange {
        id: a.id.clone(),
        source: a.source.clone(),
        frames,
        sentences,
    })
}

fn movers(articles: &[ArticleChange]) -> Vec<Mover> {
    fn mover<'m>(out: &'m mut BTreeMap<String, Mover>, frame: &str) -> &'m mut Mover {
        out.entry(frame.to_string()).or_insert_with(|| Mover {
            frame: frame.to_string(),
            delta: 0.0,
            articles: 0,
            sentences_gained: 0,
            sentences_lost: 0,
        })
    }
    let mut out: BTreeMap<String, Mover> = BTreeMap::new();
    for a in articles {
        for (frame, [x, y]) in &a.frames {
            let m = mover(&mut out, frame);
            m.delta = round4(m.delta + y - x);
            m.articles += 1;
        }
        for s in &a.sentences {
            for frame in &s.frames_gained {
                mover(&mut out, frame).sentences_gained += 1;
            }
            for frame in &s.frames_lost {
                mover(&mut out, frame).sentences_lost += 1;
            }
        }
    }
    let mut movers: Vec<Mover> = out.into_values().collect();
    movers.sort_by(|x, y| {
        y.delta
            .abs()
            .total_cmp(&x.delta.abs())
            .then(x.frame.cmp(&y.frame))
    });
    movers
}

/// A human-readable report.
pub fn report(d: &PackDiff) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "diff A {} ({}) -> B {} ({}) over {}: {} changed",
        d.a.label(),
        short(&d.a.hash),
        d.b.label(),
        short(&d.b.hash),
        crate::render::count(d.documents as u64, "document"),
        d.articles.len()
    );
    for a in &d.articles {
        let _ = writeln!(out, "\n{} ({})", a.id, a.source);
        for (frame, [x, y]) in &a.frames {
            let _ = writeln!(out, "  {frame} {x:.2} -> {y:.2} ({:+.2})", y - x);
        }
        for s in &a.sentences {
            let _ = writeln!(out, "  [{}] {}", s.index + 1, s.text);
            for f in &s.frames_lost {
                let _ = writeln!(out, "      lost frame {f}");
            }
            for f in &s.frames_gained {
                let _ = writeln!(out, "      gained frame {f}");
            }
            for (f, [x, y]) in &s.scores {
                let _ = writeln!(out, "      {f} {x:.2} -> {y:.2}");
            }
            for a in &s.actors_lost {
                let _ = writeln!(out, "      lost actor {a}");
            }
            for a in &s.actors_gained {
                let _ = writeln!(out, "      gained actor {a}");
            }
            for e in &s.edges_lost {
                let _ = writeln!(out, "      lost stance {e}");
            }
            for e in &s.edges_gained {
                let _ = writeln!(out, "      gained stance {e}");
            }
            for (e, [x, y]) in &s.edge_weights {
                let _ = writeln!(out, "      stance {e} {x:.2} -> {y:.2}");
            }
            for e in &s.removed {
                let _ = writeln!(out, "      - {e}");
            }
            for e in &s.added {
                let _ = writeln!(out, "      + {e}");
            }
        }
    }
    if !d.movers.is_empty() {
        let _ = writeln!(out, "\nbiggest movers");
        for m in &d.movers {
            let _ = writeln!(
                out,
                "  {:<10} {:+.2} in {} article(s); {} sentence(s) gained it, {} lost it",
                m.frame, m.delta, m.articles, m.sentences_gained, m.sentences_lost
            );
        }
    }
    out
}

fn short(hash: &str) -> &str {
    &hash[..12.min(hash.len())]
}
