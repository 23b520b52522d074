//! Evaluating a rule set against gold labels: precision, recall and F1 per
//! frame (micro and macro), for actor sets and for stance edges, a frame
//! confusion view, and the sentences where prediction and gold disagree,
//! with the evidence behind every noisy label.
//!
//! Gold format (one JSON object per line, see `tests/gold/CODEBOOK.md`):
//! `{"id", "article", "text", "frames": [...], "actors": [...], "stance": [...]}`
//! where `text` is the sentence exactly as it stands in the article. When the
//! article's text is available, gold sentences are aligned to the
//! classifier's sentences by span (so segmentation and context count);
//! otherwise each sentence is classified on its own. A line without `text`
//! is an article-level label: its frames and actors are compared with those
//! found anywhere in the article.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::engine::analysis::{analyze, analyze_text, Analysis};
use crate::engine::model::SentenceResult;
use crate::error::{json_message, Error, Location};
use crate::pack::ruleset::{PackInfo, RuleSet};
use crate::render::count;
use crate::text::document::Document;
use crate::text::span::Span;

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

/// One gold-labelled sentence (or article, when `text` is absent).
#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct GoldSentence {
    /// Label id.
    pub id: String,
    /// Article id (the article file's stem).
    pub article: String,
    /// The sentence exactly as in the article; absent for article-level labels.
    #[serde(default)]
    pub text: Option<String>,
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
/// [`Error::Input`] at the line and column of the first malformed line.
pub fn read_gold(text: &str, source: &str) -> Result<Vec<GoldSentence>, Error> {
    let mut out = Vec::new();
    // A BOM before the first line is no part of it.
    let text = crate::text::document::strip_bom_str(text);
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let g: GoldSentence = serde_json::from_str(line).map_err(|e| Error::Input {
            at: Location::line(source, i + 1, Some(e.column()).filter(|&c| c > 0)),
            message: json_message(&e),
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
    /// Whether the gold has any label of this kind (a true positive or a
    /// miss).
    pub fn coded(&self) -> bool {
        self.tp + self.fn_ > 0
    }

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
    fn add<T: Ord>(&mut self, gold: &BTreeSet<T>, predicted: &BTreeSet<T>) {
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

/// A label where prediction and gold disagree.
#[derive(Clone, Debug, Serialize)]
pub struct Disagreement {
    /// Gold label id.
    pub id: String,
    /// The sentence text (empty for article-level labels).
    pub text: String,
    /// `frame`, `actor` or `stance`.
    pub what: &'static str,
    /// `missing` (in the gold, not predicted) or `noisy` (predicted, not in the gold).
    pub kind: &'static str,
    /// The frame id, actor id, or `SOURCE->TARGET polarity`.
    pub label: String,
    /// For noisy frames and actors: the matches that produced them.
    pub evidence: Vec<String>,
}

/// The result of an evaluation.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Evaluation {
    /// Sentence-level gold labels evaluated.
    pub sentences: usize,
    /// Of those, evaluated inside their article (aligned by span).
    pub in_context: usize,
    /// Of those, whose span equals a predicted sentence exactly.
    pub boundaries_matched: usize,
    /// Gold sentences whose text was not found in their article.
    pub unaligned: Vec<String>,
    /// Counts per frame: every frame of the pack and every frame the gold
    /// codes.
    pub frames: BTreeMap<String, Counts>,
    /// Frames the gold codes that the pack does not have: all their gold
    /// labels are misses (`fn`), in micro and macro alike.
    pub frames_not_in_pack: Vec<String>,
    /// Frames of the pack that no evaluated gold sentence codes: the gold
    /// cannot say what their recall is, so they are left out of macro-F1
    /// (their predictions still count as false positives in micro).
    pub frames_not_in_gold: Vec<String>,
    /// Counts over all (sentence, frame) pairs.
    pub frames_micro: Counts,
    /// Counts over all (sentence, actor) pairs.
    pub actors: Counts,
    /// Counts over all (sentence, source, target, polarity) stance edges.
    pub stance: Counts,
    /// Sentences by gold frame (row, `none` for no frame) and predicted frame
    /// (column, `none` for no frame): the diagonal agrees.
    pub confusion: BTreeMap<String, BTreeMap<String, usize>>,
    /// Article-level labels evaluated.
    pub articles: usize,
    /// Article-level frame counts.
    pub article_frames: Counts,
    /// Article-level actor counts.
    pub article_actors: Counts,
    /// Every disagreement, in gold order.
    pub disagreements: Vec<Disagreement>,
}

impl Evaluation {
    /// Macro-averaged F1 over the frames the gold codes (see
    /// [`Evaluation::frames_not_in_gold`]).
    pub fn frames_macro_f1(&self) -> f64 {
        let coded: Vec<&Counts> = self.frames.values().filter(|c| c.coded()).collect();
        if coded.is_empty() {
            return 0.0;
        }
        coded.iter().map(|c| c.f1()).sum::<f64>() / coded.len() as f64
    }
}

/// What the classifier predicted for one gold label.
struct Predicted<'a> {
    rules: &'a RuleSet,
    /// Each sentence with the text its spans index.
    sentences: Vec<(&'a SentenceResult, &'a str)>,
}

impl Predicted<'_> {
    fn frames(&self) -> BTreeSet<String> {
        self.sentences
            .iter()
            .flat_map(|(p, _)| p.frames.names(self.rules))
            .map(String::from)
            .collect()
    }
    fn actors(&self) -> BTreeSet<String> {
        self.sentences
            .iter()
            .flat_map(|(p, _)| p.actor_names(self.rules))
            .map(String::from)
            .collect()
    }
    fn edges(&self) -> BTreeSet<String> {
        self.sentences
            .iter()
            .flat_map(|(p, _)| p.edges.iter().map(|e| e.label(self.rules)))
            .collect()
    }
    fn evidence(&self, what: &str, label: &str) -> Vec<String> {
        let mut out = Vec::new();
        for &(s, text) in &self.sentences {
            match what {
                "frame" => out.extend(s.frame_evidence(self.rules, text, label)),
                "actor" => out.extend(s.actor_evidence(self.rules, text, label)),
                _ => out.extend(s.edge_evidence(self.rules, text, label)),
            }
        }
        out
    }
}

/// How a gold label met the classifier's sentences.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Placement {
    /// A sentence found in its article; `exact` when a predicted sentence
    /// has exactly its span.
    InArticle {
        /// Its span equals a predicted sentence's.
        exact: bool,
    },
    /// A sentence classified on its own (its article is not available).
    Alone,
    /// A sentence whose text was not found in its article, or an
    /// article-level label whose article is not available.
    Unaligned,
    /// An article-level label (no `text`), compared with the whole article.
    Article,
}

/// One analysed text behind gold labels: an article, or a sentence
/// classified on its own.
#[derive(Clone, Debug)]
pub(crate) struct Analysed {
    /// The text analysed.
    pub text: String,
    /// Its analysis.
    pub analysis: Analysis,
}

/// What the classifier found for one gold label.
#[derive(Clone, Debug)]
pub(crate) struct Aligned {
    /// How the label was placed.
    pub placement: Placement,
    /// Index into [`Alignment::analysed`]; `None` when unaligned.
    pub analysed: Option<usize>,
    /// The predicted sentences it overlaps (indices into that analysis's
    /// sentences): the prediction for the label.
    pub sentences: Vec<usize>,
}

/// Gold labels aligned with the analyses of their articles: each article
/// analysed once (as of its date), each gold sentence found in it by its
/// text, in order, and matched with the predicted sentences it overlaps.
#[derive(Clone, Debug, Default)]
pub(crate) struct Alignment {
    /// The analysed articles (and sentences analysed on their own).
    pub analysed: Vec<Analysed>,
    /// One entry per gold label, in gold order.
    pub labels: Vec<Aligned>,
}

impl Alignment {
    /// The predicted sentences of label `i`.
    pub(crate) fn predicted(&self, i: usize) -> impl Iterator<Item = &SentenceResult> {
        self.predicted_in(i).map(|(s, _)| s)
    }

    /// The predicted sentences of label `i`, each with the text its spans
    /// index.
    pub(crate) fn predicted_in(&self, i: usize) -> impl Iterator<Item = (&SentenceResult, &str)> {
        let a = &self.labels[i];
        a.analysed.into_iter().flat_map(move |at| {
            let analysis = &self.analysed[at].analysis;
            let sentences = &analysis.sentences;
            a.sentences
                .iter()
                .map(move |&s| (&sentences[s], analysis.text.as_str()))
        })
    }
}

/// Aligns `gold` with the analyses of its articles under `rules`; `article`
/// returns an article by id (its text, and its date for dated roles), or
/// `None` to classify each of its sentences on its own.
pub(crate) fn align(
    rules: &RuleSet,
    gold: &[GoldSentence],
    mut article: impl FnMut(&str) -> Option<Document>,
) -> Alignment {
    let mut out = Alignment::default();
    let mut articles: BTreeMap<&str, Option<usize>> = BTreeMap::new();
    let mut cursor: BTreeMap<&str, usize> = BTreeMap::new();
    for g in gold {
        let at = *articles.entry(g.article.as_str()).or_insert_with(|| {
            article(&g.article).map(|doc| {
                out.analysed.push(Analysed {
                    analysis: analyze(rules, &doc),
                    text: doc.text,
                });
                out.analysed.len() - 1
            })
        });
        let aligned = match (&g.text, at) {
            (None, None) => Aligned {
                placement: Placement::Unaligned,
                analysed: None,
                sentences: Vec::new(),
            },
            (None, Some(at)) => Aligned {
                placement: Placement::Article,
                analysed: Some(at),
                sentences: (0..out.analysed[at].analysis.sentences.len()).collect(),
            },
            (Some(sentence), None) => {
                out.analysed.push(Analysed {
                    analysis: analyze_text(rules, sentence, None),
                    text: sentence.clone(),
                });
                let at = out.analysed.len() - 1;
                Aligned {
                    placement: Placement::Alone,
                    analysed: Some(at),
                    sentences: (0..out.analysed[at].analysis.sentences.len()).collect(),
                }
            }
            (Some(sentence), Some(at)) => {
                let a = &out.analysed[at];
                let from = cursor.entry(g.article.as_str()).or_default();
                match a.text[*from..].find(sentence.as_str()).map(|i| i + *from) {
                    None => Aligned {
                        placement: Placement::Unaligned,
                        analysed: None,
                        sentences: Vec::new(),
                    },
                    Some(start) => {
                        let span = Span::new(start, start + sentence.len());
                        *from = span.end;
                        let overlapping: Vec<usize> = a
                            .analysis
                            .sentences
                            .iter()
                            .enumerate()
                            .filter(|(_, p)| p.span.overlaps(span))
                            .map(|(i, _)| i)
                            .collect();
                        let exact = overlapping
                            .iter()
                            .any(|&i| a.analysis.sentences[i].span == span);
                        Aligned {
                            placement: Placement::InArticle { exact },
                            analysed: Some(at),
                            sentences: overlapping,
                        }
                    }
                }
            }
        };
        out.labels.push(aligned);
    }
    out
}

/// Evaluates `rules` on `gold`; `article` returns an article by id (its
/// text, and its date for dated roles), or `None` to classify each of its
/// sentences on its own.
pub fn evaluate(
    rules: &RuleSet,
    gold: &[GoldSentence],
    article: impl FnMut(&str) -> Option<Document>,
) -> Evaluation {
    let alignment = align(rules, gold, article);
    evaluate_aligned(rules, gold, &alignment)
}

/// Evaluates predictions already aligned with `gold` (see [`align`]);
/// `rules` gives the frames to count.
pub(crate) fn evaluate_aligned(
    rules: &RuleSet,
    gold: &[GoldSentence],
    alignment: &Alignment,
) -> Evaluation {
    let mut ev = Evaluation::default();
    for f in &rules.frames {
        ev.frames.insert(f.id.clone(), Counts::default());
    }
    for (i, (g, aligned)) in gold.iter().zip(&alignment.labels).enumerate() {
        let predicted = Predicted {
            rules,
            sentences: alignment.predicted_in(i).collect(),
        };
        let Some(sentence) = &g.text else {
            if aligned.placement == Placement::Unaligned {
                ev.unaligned.push(g.id.clone());
            } else {
                evaluate_article(&mut ev, g, &predicted);
            }
            continue;
        };
        ev.sentences += 1;
        match aligned.placement {
            Placement::Unaligned => {
                ev.unaligned.push(g.id.clone());
                continue;
            }
            Placement::InArticle { exact } => {
                ev.in_context += 1;
                ev.boundaries_matched += usize::from(exact);
            }
            Placement::Alone | Placement::Article => {}
        }
        compare_sentence(&mut ev, g, sentence, &predicted);
    }
    let in_pack = |id: &String| rules.frames.iter().any(|f| f.id == *id);
    ev.frames_not_in_pack = ev
        .frames
        .keys()
        .filter(|id| !in_pack(id))
        .cloned()
        .collect();
    if ev.sentences > ev.unaligned.len() {
        ev.frames_not_in_gold = ev
            .frames
            .iter()
            .filter(|(_, c)| !c.coded())
            .map(|(id, _)| id.clone())
            .collect();
    }
    ev
}

fn compare_sentence(ev: &mut Evaluation, g: &GoldSentence, text: &str, predicted: &Predicted<'_>) {
    let pred_frames = predicted.frames();
    let pred_actors = predicted.actors();
    let gold_frames: BTreeSet<String> = g.frames.iter().cloned().collect();
    let gold_actors: BTreeSet<String> = g.actors.iter().cloned().collect();
    for f in &gold_frames {
        ev.frames.entry(f.clone()).or_default();
    }
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
    let gold_stance: BTreeSet<String> = g
        .stance
        .iter()
        .map(|s| format!("{}->{} {}", s.source, s.target, s.polarity))
        .collect();
    let pred_stance = predicted.edges();
    ev.stance.add(&gold_stance, &pred_stance);

    let none = || BTreeSet::from(["none".to_string()]);
    let rows = if gold_frames.is_empty() {
        none()
    } else {
        gold_frames.clone()
    };
    let cols = if pred_frames.is_empty() {
        none()
    } else {
        pred_frames.clone()
    };
    for r in &rows {
        for c in &cols {
            *ev.confusion
                .entry(r.clone())
                .or_default()
                .entry(c.clone())
                .or_default() += 1;
        }
    }

    for (what, gold_set, pred_set) in [
        ("frame", &gold_frames, &pred_frames),
        ("actor", &gold_actors, &pred_actors),
        ("stance", &gold_stance, &pred_stance),
    ] {
        for label in gold_set.difference(pred_set) {
            ev.disagreements.push(Disagreement {
                id: g.id.clone(),
                text: text.to_string(),
                what,
                kind: "missing",
                label: label.clone(),
                evidence: Vec::new(),
            });
        }
        for label in pred_set.difference(gold_set) {
            ev.disagreements.push(Disagreement {
                id: g.id.clone(),
                text: text.to_string(),
                what,
                kind: "noisy",
                label: label.clone(),
                evidence: predicted.evidence(what, label),
            });
        }
    }
}

fn evaluate_article(ev: &mut Evaluation, g: &GoldSentence, predicted: &Predicted<'_>) {
    ev.articles += 1;
    let gold_frames: BTreeSet<String> = g.frames.iter().cloned().collect();
    let gold_actors: BTreeSet<String> = g.actors.iter().cloned().collect();
    ev.article_frames.add(&gold_frames, &predicted.frames());
    ev.article_actors.add(&gold_actors, &predicted.actors());
}

/// A plain-text report: a header naming the pack (`name@version (hash)`,
/// as every report header does), per-frame P/R/F1, micro and macro, actors,
/// stance, the confusion view and every disagreement with its evidence.
pub fn report(ev: &Evaluation, pack: &PackInfo) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "eval of {} · {} ({} in their article, {} with matching boundaries, {} unaligned), {}",
        pack.stamp(),
        count(ev.sentences as u64, "gold sentence"),
        ev.in_context,
        ev.boundaries_matched,
        ev.unaligned.len(),
        count(ev.articles as u64, "article label")
    );
    let _ = writeln!(
        out,
        "\n{:<14} {:>5} {:>5} {:>5} {:>9} {:>6} {:>6}",
        "label", "tp", "fp", "fn", "precision", "recall", "f1"
    );
    let mut row = |name: &str, c: &Counts| {
        let _ = writeln!(
            out,
            "{name:<14} {:>5} {:>5} {:>5} {:>9.3} {:>6.3} {:>6.3}",
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
    row("frames micro", &ev.frames_micro);
    row("actors", &ev.actors);
    row("stance edges", &ev.stance);
    if ev.articles > 0 {
        row("article frames", &ev.article_frames);
        row("article actors", &ev.article_actors);
    }
    let _ = writeln!(out, "frames macro-F1 {:.3}", ev.frames_macro_f1());
    if !ev.frames_not_in_pack.is_empty() {
        let _ = writeln!(
            out,
            "  not in the pack, so every gold label of it is a miss: {}",
            ev.frames_not_in_pack.join(", ")
        );
    }
    if !ev.frames_not_in_gold.is_empty() {
        let _ = writeln!(
            out,
            "  never coded in this gold, so left out of macro-F1 (its predictions count as fp in micro): {}",
            ev.frames_not_in_gold.join(", ")
        );
    }

    let mut labels: BTreeSet<&String> = ev.confusion.keys().collect();
    labels.extend(ev.confusion.values().flat_map(|r| r.keys()));
    if !labels.is_empty() {
        let _ = writeln!(
            out,
            "\nconfusion: sentences by gold frame (rows) and predicted frame (columns)"
        );
        let _ = write!(out, "{:<10}", "");
        for c in &labels {
            let _ = write!(out, " {:>9}", truncate(c, 9));
        }
        out.push('\n');
        for r in &labels {
            let _ = write!(out, "{:<10}", truncate(r, 10));
            for c in &labels {
                let n = ev
                    .confusion
                    .get(*r)
                    .and_then(|row| row.get(*c))
                    .copied()
                    .unwrap_or(0);
                let _ = write!(out, " {n:>9}");
            }
            out.push('\n');
        }
    }
    if !ev.disagreements.is_empty() {
        let _ = writeln!(out, "\ndisagreements (missing: in the gold, not predicted; noisy: predicted, not in the gold)");
        for d in &ev.disagreements {
            let _ = writeln!(out, "{} {} {} {}", d.id, d.kind, d.what, d.label);
            for e in &d.evidence {
                let _ = writeln!(out, "    from {e}");
            }
        }
    }
    if !ev.unaligned.is_empty() {
        let _ = writeln!(
            out,
            "\nunaligned (text not found in its article): {}",
            ev.unaligned.join(", ")
        );
    }
    out
}

fn truncate(s: &str, n: usize) -> &str {
    s.char_indices().nth(n).map_or(s, |(i, _)| &s[..i])
}
