//! The engine's results: what a document's analysis is made of (scored
//! sentences, frame contributions with their modifiers, actor mentions,
//! stance edges) and the rounding every score goes through. Shared by the
//! engine's stages, which never import each other in a loop.

use std::collections::BTreeMap;

use serde::Serialize;

/// A modifier applied to a contribution.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Applied {
    /// negation | intensifier | dampener | hedge | contrastive | quote.
    pub kind: &'static str,
    /// The modifier's text as it stands in the document.
    pub text: String,
    /// Its byte span.
    pub span: [usize; 2],
    /// The factor it applied.
    pub factor: f64,
}

/// One frame term's contribution to a sentence's frame score.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Contribution {
    /// Frame id.
    pub frame: String,
    /// Rule id, `<frame>:<pattern>`.
    pub rule: String,
    /// Where the rule was declared, `file:line`.
    pub origin: String,
    /// Byte span of the match in the document.
    pub span: [usize; 2],
    /// The matched text.
    pub text: String,
    /// The term's weight.
    pub weight: f64,
    /// Modifiers applied, in the order applied.
    pub modifiers: Vec<Applied>,
    /// The match is inside quotation marks.
    pub quoted: bool,
    /// weight × the modifiers' factors, never below 0.
    pub score: f64,
    /// The context the term needs, and what let it count (or held it back).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub context: Option<ContextCheck>,
}

/// The outcome of a context check (`context = "…"` on a frame term), kept
/// as evidence on the term.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ContextCheck {
    /// The context's id.
    pub context: String,
    /// Whether the term counts.
    pub admitted: bool,
    /// What decided it, in words ("actor \"Obama\" (USA) 2 words away",
    /// "sport cue \"league\" 3 words away").
    pub reason: String,
}

/// An actor mentioned in a sentence.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Mention {
    /// The rolled-up actor id (e.g. `PRK` for Kim Jong Un).
    pub actor: String,
    /// The registry entry matched (e.g. `kim-jong-un`).
    pub entity: String,
    /// The matched text.
    pub text: String,
    /// Byte span in the document.
    pub span: [usize; 2],
    /// Where the alias (or reference expression) was declared, `file:line`.
    pub origin: String,
    /// A reference ("he", "both sides") resolved to this earlier actor.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub resolved: bool,
    /// The entity's dated role on the article's date, when one holds
    /// (it decided `actor`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
}

/// A scored sentence.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SentenceResult {
    /// 0-based position in the document.
    pub index: usize,
    /// Byte span in the document.
    pub span: [usize; 2],
    /// The sentence text.
    pub text: String,
    /// Frames present (score above the pack's threshold) with their scores.
    pub frames: BTreeMap<String, f64>,
    /// Rolled-up actors mentioned, sorted.
    pub actors: Vec<String>,
    /// Every frame contribution, in text order.
    pub contributions: Vec<Contribution>,
    /// Frame terms that matched but were held back by their context, in
    /// text order (score 0; the context check says why).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub held: Vec<Contribution>,
    /// Every actor mention, in text order.
    pub mentions: Vec<Mention>,
    /// Directed stance edges stated in the sentence.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub edges: Vec<Edge>,
}

impl SentenceResult {
    /// Evidence for frame `frame`: one `"text" rule (file:line)` per contribution.
    pub fn frame_evidence<'a>(&'a self, frame: &'a str) -> impl Iterator<Item = String> + 'a {
        self.contributions
            .iter()
            .filter(move |c| c.frame == frame)
            .map(|c| format!("\"{}\" {} ({})", c.text, c.rule, c.origin))
    }

    /// Evidence for the edge labelled `label` (`SRC->TGT polarity`): one
    /// `"cue" rule (file:line) source → target` per edge.
    pub fn edge_evidence<'a>(&'a self, label: &'a str) -> impl Iterator<Item = String> + 'a {
        self.edges
            .iter()
            .filter(move |e| e.label() == label)
            .map(|e| {
                format!(
                    "\"{}\" {} ({}) \"{}\" -> \"{}\"",
                    e.cue, e.rule, e.origin, e.source_text, e.target_text
                )
            })
    }

    /// Evidence for rolled-up actor `actor`: one `"text" entity (file:line)` per mention.
    pub fn actor_evidence<'a>(&'a self, actor: &'a str) -> impl Iterator<Item = String> + 'a {
        self.mentions
            .iter()
            .filter(move |m| m.actor == actor)
            .map(|m| format!("\"{}\" {} ({})", m.text, m.entity, m.origin))
    }
}

/// Rounds to 4 decimals so that output is stable and readable.
pub fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// Adds `x` to the score of `frame` in `scores`, rounded as every score is.
pub fn add_score(scores: &mut BTreeMap<String, f64>, frame: &str, x: f64) {
    let v = scores.entry(frame.to_string()).or_default();
    *v = round4(*v + x);
}

/// Adds every score of `other` into `into`.
pub fn add_frames(into: &mut BTreeMap<String, f64>, other: &BTreeMap<String, f64>) {
    for (f, x) in other {
        add_score(into, f, *x);
    }
}

/// One directed stance edge.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Edge {
    /// Source actor (rolled up).
    pub source: String,
    /// Target actor (rolled up).
    pub target: String,
    /// `positive` or `negative`, after negation.
    pub polarity: &'static str,
    /// Strength: the cue's weight times its modifiers' factors, made positive.
    pub weight: f64,
    /// The cue as it stands in the text.
    pub cue: String,
    /// Rule id of the cue (`positive:praised`).
    pub rule: String,
    /// Where the cue was declared, `file:line`.
    pub origin: String,
    /// Byte span of the cue.
    pub span: [usize; 2],
    /// The source's text and span.
    pub source_text: String,
    /// Byte span of the source mention.
    pub source_span: [usize; 2],
    /// The target's text.
    pub target_text: String,
    /// Byte span of the target mention.
    pub target_span: [usize; 2],
    /// The cue was read as passive ("was praised by") or is a reversed cue.
    pub passive: bool,
    /// Modifiers applied to the cue.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub modifiers: Vec<Applied>,
}

impl Edge {
    /// `SRC->TGT polarity`, the form used by gold labels and tests.
    pub fn label(&self) -> String {
        format!("{}->{} {}", self.source, self.target, self.polarity)
    }
}
