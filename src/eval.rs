//! Evaluating a rule set against gold labels: aligns gold sentences to the
//! classifier's sentences by span, and computes precision, recall and F1 per
//! frame, micro and macro over frames, and for actor sets.
//!
//! Gold format (one JSON object per line, see `tests/gold/CODEBOOK.md`):
//! `{"id", "article", "text", "frames": [...], "actors": [...], "stance": [...]}`
//! where `text` is the sentence exactly as it stands in the article.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::ruleset::RuleSet;
use crate::score::{score_document, SentenceResult};

/// A directed stance label.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct GoldStance {
    /// Source actor.
    pub source: String,
    /// Target actor.
    pub target: String,
    /// positive | negative.
    pub polarity: String,
}

/// One gold-labelled sentence.
#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct GoldSentence {
    /// Sentence id.
    pub id: String,
    /// Article id (the seed's file stem).
    pub article: String,
    /// The sentence exactly as in the article.
    pub text: String,
    /// Frames it carries.
    #[serde(default)]
    pub frames: Vec<String>,
    /// Rolled-up actors it mentions.
    #[serde(default)]
    pub actors: Vec<String>,
    /// Stance edges it states.
    #[serde(default)]
    pub stance: Vec<GoldStance>,
}

/// Reads gold JSONL; `source` names the file in errors.
///
/// # Errors
///
/// [`Error::Document`] naming the line and column of the first malformed line.
pub fn read_gold(text: &str, source: &str) -> Result<Vec<GoldSentence>, Error> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let g: GoldSentence = serde_json::from_str(line).map_err(|e| Error::Document {
            path: source.to_string(),
            message: format!("line {}, column {}: {e}", i + 1, e.column()),
        })?;
        out.push(g);
    }
    Ok(out)
}

/// True/false positives and false negatives.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// True positives.
    pub tp: usize,
    /// False positives.
    pub fp: usize,
    /// False negatives.
    #[serde(rename = "fn")]
    pub fn_: usize,
}

impl Counts {
    /// Precision (1 when nothing was predicted).
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    /// Recall (1 when nothing was expected).
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    fn add(&mut self, gold: &BTreeSet<String>, predicted: &BTreeSet<String>) {
        self.tp += gold.intersection(predicted).count();
        self.fp += predicted.difference(gold).count();
        self.fn_ += gold.difference(predicted).count();
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

/// A gold sentence where prediction and gold disagree.
#[derive(Clone, Debug, Serialize)]
pub struct Disagreement {
    /// Gold sentence id.
    pub id: String,
    /// Labels in the gold but not predicted (false negatives).
    pub missing: Vec<String>,
    /// Labels predicted but not in the gold (false positives).
    pub noisy: Vec<String>,
}

/// The result of an evaluation.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Evaluation {
    /// Gold sentences evaluated.
    pub sentences: usize,
    /// Gold sentences whose span equals a predicted sentence exactly.
    pub boundaries_matched: usize,
    /// Gold sentences whose text was not found in their article.
    pub unaligned: Vec<String>,
    /// Counts per frame.
    pub frames: BTreeMap<String, Counts>,
    /// Counts over all (sentence, frame) pairs.
    pub frames_micro: Counts,
    /// Counts over all (sentence, actor) pairs.
    pub actors: Counts,
    /// Sentences with frame disagreements.
    pub frame_errors: Vec<Disagreement>,
    /// Sentences with actor disagreements.
    pub actor_errors: Vec<Disagreement>,
}

impl Evaluation {
    /// Macro-averaged F1 over frames.
    pub fn frames_macro_f1(&self) -> f64 {
        if self.frames.is_empty() {
            return 0.0;
        }
        self.frames.values().map(Counts::f1).sum::<f64>() / self.frames.len() as f64
    }
}

/// Evaluates `rules` on `gold`; `article_text` returns an article's text by id.
pub fn evaluate(
    rules: &RuleSet,
    gold: &[GoldSentence],
    mut article_text: impl FnMut(&str) -> Option<String>,
) -> Evaluation {
    let mut ev = Evaluation::default();
    for f in &rules.frames {
        ev.frames.insert(f.id.clone(), Counts::default());
    }
    let mut by_article: BTreeMap<&str, Vec<&GoldSentence>> = BTreeMap::new();
    for g in gold {
        by_article.entry(g.article.as_str()).or_default().push(g);
    }
    for (article, sentences) in by_article {
        let Some(text) = article_text(article) else {
            ev.unaligned.extend(sentences.iter().map(|g| g.id.clone()));
            continue;
        };
        let predicted = score_document(rules, &text);
        let mut from = 0;
        for g in sentences {
            ev.sentences += 1;
            let Some(at) = text[from..].find(&g.text).map(|i| i + from) else {
                ev.unaligned.push(g.id.clone());
                continue;
            };
            let span = [at, at + g.text.len()];
            from = span[1];
            let overlapping: Vec<&SentenceResult> = predicted
                .iter()
                .filter(|p| p.span[0] < span[1] && span[0] < p.span[1])
                .collect();
            if overlapping.iter().any(|p| p.span == span) {
                ev.boundaries_matched += 1;
            }
            let pred_frames: BTreeSet<String> = overlapping
                .iter()
                .flat_map(|p| p.frames.keys().cloned())
                .collect();
            let pred_actors: BTreeSet<String> = overlapping
                .iter()
                .flat_map(|p| p.actors.iter().cloned())
                .collect();
            let gold_frames: BTreeSet<String> = g.frames.iter().cloned().collect();
            let gold_actors: BTreeSet<String> = g.actors.iter().cloned().collect();
            for (id, counts) in ev.frames.iter_mut() {
                let one = |set: &BTreeSet<String>| {
                    set.iter()
                        .filter(|f| *f == id)
                        .cloned()
                        .collect::<BTreeSet<_>>()
                };
                counts.add(&one(&gold_frames), &one(&pred_frames));
            }
            ev.frames_micro.add(&gold_frames, &pred_frames);
            ev.actors.add(&gold_actors, &pred_actors);
            for (errors, gold_set, pred_set) in [
                (&mut ev.frame_errors, &gold_frames, &pred_frames),
                (&mut ev.actor_errors, &gold_actors, &pred_actors),
            ] {
                if gold_set != pred_set {
                    errors.push(Disagreement {
                        id: g.id.clone(),
                        missing: gold_set.difference(pred_set).cloned().collect(),
                        noisy: pred_set.difference(gold_set).cloned().collect(),
                    });
                }
            }
        }
    }
    ev
}

/// A plain-text report: per-frame P/R/F1, micro and macro, actors.
pub fn report(ev: &Evaluation) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} gold sentences, {} with matching boundaries, {} unaligned",
        ev.sentences,
        ev.boundaries_matched,
        ev.unaligned.len()
    );
    let _ = writeln!(
        out,
        "{:<12} {:>5} {:>5} {:>5} {:>9} {:>6} {:>6}",
        "frame", "tp", "fp", "fn", "precision", "recall", "f1"
    );
    let mut row = |name: &str, c: &Counts| {
        let _ = writeln!(
            out,
            "{name:<12} {:>5} {:>5} {:>5} {:>9.3} {:>6.3} {:>6.3}",
            c.tp,
            c.fp,
            c.fn_,
            c.precision(),
            c.recall(),
            c.f1()
        );
    };
    for (id, c) in &ev.frames {
        row(id, c);
    }
    row("micro", &ev.frames_micro);
    row("actors", &ev.actors);
    let _ = writeln!(out, "frames macro-F1 {:.3}", ev.frames_macro_f1());
    out
}
