//! The engine's results: what a document's analysis is made of (scored
//! sentences, frame contributions with their modifiers, actor mentions,
//! stance edges) and the rounding every score goes through. Shared by the
//! engine's stages, which never import each other in a loop.

use std::collections::BTreeMap;

use serde::ser::{SerializeMap, SerializeSeq, Serializer};
use serde::Serialize;

use crate::pack::ruleset::{ActorId, FrameId, ModifierKind, RuleId, RuleSet};
use crate::text::span::Span;

/// What a modifier applied to a term or cue is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Modification {
    /// A negator before it ("not", "never").
    Negation,
    /// An intensifier before it ("very").
    Intensifier,
    /// A dampener before it ("slightly").
    Dampener,
    /// A hedge in its sentence ("reportedly").
    Hedge,
    /// A contrastive conjunction ("but") before or after it.
    Contrastive,
    /// The term stands inside quotation marks.
    Quote,
    /// A word before a stance cue undoes the act it names ("withholding
    /// aid to", "lifted sanctions on").
    Undoing,
}

impl Modification {
    /// Its name in output: `negation`, `intensifier`, …
    pub fn as_str(self) -> &'static str {
        match self {
            Modification::Negation => ModifierKind::Negator.as_str(),
            Modification::Intensifier => ModifierKind::Intensifier.as_str(),
            Modification::Dampener => ModifierKind::Dampener.as_str(),
            Modification::Hedge => ModifierKind::Hedge.as_str(),
            Modification::Contrastive => "contrastive",
            Modification::Quote => "quote",
            Modification::Undoing => "undoing",
        }
    }
}

impl From<ModifierKind> for Modification {
    /// What a modifier word of `kind` does to a term.
    fn from(kind: ModifierKind) -> Modification {
        match kind {
            ModifierKind::Negator => Modification::Negation,
            ModifierKind::Intensifier => Modification::Intensifier,
            ModifierKind::Dampener => Modification::Dampener,
            ModifierKind::Hedge => Modification::Hedge,
        }
    }
}

impl std::fmt::Display for Modification {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Modification {
    /// As [`Modification::as_str`], the one spelling.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// Which way a stance edge points.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Polarity {
    /// Support, praise, agreement.
    Positive,
    /// Criticism, accusation, hostility.
    Negative,
}

impl Polarity {
    /// `positive` or `negative`.
    pub fn as_str(self) -> &'static str {
        match self {
            Polarity::Positive => "positive",
            Polarity::Negative => "negative",
        }
    }
}

impl std::fmt::Display for Polarity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Polarity {
    /// As [`Polarity::as_str`], the one spelling.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// A modifier applied to a contribution.
#[derive(Clone, Debug, PartialEq)]
pub struct Applied {
    /// What it is.
    pub kind: Modification,
    /// Its byte span (a quotation's is the term's own: it has no text).
    pub span: Span,
    /// The factor it applied.
    pub factor: f64,
}

impl Applied {
    /// The modifier's text as it stands in the document (empty for the
    /// quotation factor, which no word carries).
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        if self.kind == Modification::Quote {
            ""
        } else {
            self.span.of(text)
        }
    }
}

/// One frame term's contribution to a sentence's frame score.
#[derive(Clone, Debug, PartialEq)]
pub struct Contribution {
    /// The frame.
    pub frame: FrameId,
    /// The rule that matched (its id is `<frame>:<pattern>`).
    pub rule: RuleId,
    /// Byte span of the match in the document.
    pub span: Span,
    /// The term's weight.
    pub weight: f64,
    /// Modifiers applied, in the order applied.
    pub modifiers: Vec<Applied>,
    /// The match is inside quotation marks.
    pub quoted: bool,
    /// weight × the modifiers' factors, never below 0.
    pub score: f64,
    /// The context the term needs, and what let it count (or held it back);
    /// boxed, as few terms need one.
    pub context: Option<Box<ContextCheck>>,
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

/// A stance cue that matched but was held back by its context (`context =
/// "…"` on the cue or on stance.toml): it yields no edge, and the check
/// says why ("sport cue \"tennis\" 4 words away").
#[derive(Clone, Debug, PartialEq)]
pub struct HeldCue {
    /// The cue's rule (its id is `positive:<pattern>` or `negative:<pattern>`).
    pub rule: RuleId,
    /// Byte span of the match in the document.
    pub span: Span,
    /// The context check that held it back.
    pub context: ContextCheck,
}

/// A reference that refers to a person who is no actor in the document,
/// for the views that say why a word did not count (`explain`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Unresolved {
    /// The reference rule that matched ("he").
    pub rule: RuleId,
    /// Its bytes in the document.
    pub span: Span,
    /// Whom it refers to.
    pub referent: Referent,
}

/// Whom an [`Unresolved`] reference refers to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Referent {
    /// A person the registry does not know, named after a title ("Mr
    /// Clarke"): the title and the first word of the name.
    Unknown(Span),
    /// A person of the registry who is no actor here: called former, or
    /// holding no role on the article's date and a member of nothing
    /// ("Cheney ... he").
    Inactive(ActorId),
    /// The government of the place named right after the reference, which
    /// is the actor ("the regime in Moscow"): the place's span.
    Seat(Span),
}

/// An actor mentioned in a sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mention {
    /// The rolled-up actor (e.g. `PRK` for Kim Jong Un).
    pub actor: ActorId,
    /// The registry entry matched (e.g. `kim-jong-un`).
    pub entity: ActorId,
    /// Byte span in the document.
    pub span: Span,
    /// The alias (or reference expression) that matched; its origin is
    /// where it was declared.
    pub rule: RuleId,
    /// A reference ("he", "both sides") resolved to this earlier actor.
    pub resolved: bool,
    /// The entity's dated role on the article's date, when one holds (it
    /// decided `actor`): its index among the entity's roles
    /// ([`RuleSet::role_title`]).
    pub role: Option<u32>,
}

impl Mention {
    /// The role's title, when one holds.
    pub fn role_title<'r>(&self, rules: &'r RuleSet) -> Option<&'r str> {
        self.role.map(|r| rules.role_title(self.entity, r))
    }
}

/// A scored sentence.
#[derive(Clone, Debug, PartialEq)]
pub struct SentenceResult {
    /// 0-based position in the document.
    pub index: usize,
    /// Byte span in the document.
    pub span: Span,
    /// Frames present (score above the pack's threshold) with their scores.
    pub frames: FrameScores,
    /// Rolled-up actors mentioned, sorted by id (see
    /// [`SentenceResult::actor_names`]).
    pub actors: Vec<ActorId>,
    /// Every frame contribution, in text order.
    pub contributions: Vec<Contribution>,
    /// Frame terms that matched but were held back by their context, in
    /// text order (score 0; the context check says why).
    pub held: Vec<Contribution>,
    /// Stance cues that matched but were held back by their context, in
    /// text order: no edge comes from them.
    pub held_cues: Vec<HeldCue>,
    /// Every actor mention, in text order.
    pub mentions: Vec<Mention>,
    /// References that refer to a person who is no actor here (see
    /// `Referent`), in text order.
    pub unresolved: Vec<Unresolved>,
    /// The people named in the sentence who are no actor here, in text
    /// order: a person the registry does not know, after a title or a
    /// given name ("Sen. Norm Coleman", "Mitt Romney"), one of the
    /// registry out of office, and a reference to either ("him"). Not
    /// written out: a cue whose object is one of them is toward no actor
    /// (see `engine::stance`).
    pub people: Vec<Span>,
    /// Directed stance edges stated in the sentence.
    pub edges: Vec<Edge>,
}

impl SentenceResult {
    /// The ids of the rolled-up actors mentioned, sorted.
    pub fn actor_names<'r>(&self, rules: &'r RuleSet) -> Vec<&'r str> {
        self.actors.iter().map(|&a| rules.actor_name(a)).collect()
    }

    /// The sentence's text in the document `text`.
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        self.span.of(text)
    }

    /// Evidence for frame `frame`: one `"text" rule (file:line)` per contribution.
    pub fn frame_evidence<'a>(
        &'a self,
        rules: &'a RuleSet,
        text: &'a str,
        frame: &'a str,
    ) -> impl Iterator<Item = String> + 'a {
        self.contributions
            .iter()
            .filter(move |c| rules.frame_name(c.frame) == frame)
            .map(move |c| {
                format!(
                    "\"{}\" {} ({})",
                    c.span.of(text),
                    rules.rule_label(c.rule),
                    rules.origin_label(c.rule)
                )
            })
    }

    /// Evidence for the edge labelled `label` (`SRC->TGT polarity`): one
    /// `"cue" rule (file:line) source → target` per edge.
    pub fn edge_evidence<'a>(
        &'a self,
        rules: &'a RuleSet,
        text: &'a str,
        label: &'a str,
    ) -> impl Iterator<Item = String> + 'a {
        self.edges
            .iter()
            .filter(move |e| e.label(rules) == label)
            .map(move |e| {
                format!(
                    "\"{}\" {} ({}) \"{}\" -> \"{}\"",
                    e.cue(text),
                    rules.rule_label(e.rule),
                    rules.origin_label(e.rule),
                    e.source_text(text),
                    e.target_text(text)
                )
            })
    }

    /// Evidence for rolled-up actor `actor`: one `"text" entity (file:line)` per mention.
    pub fn actor_evidence<'a>(
        &'a self,
        rules: &'a RuleSet,
        text: &'a str,
        actor: &'a str,
    ) -> impl Iterator<Item = String> + 'a {
        self.mentions
            .iter()
            .filter(move |m| rules.actor_name(m.actor) == actor)
            .map(move |m| {
                format!(
                    "\"{}\" {} ({})",
                    m.span.of(text),
                    rules.actor_name(m.entity),
                    rules.origin_label(m.rule)
                )
            })
    }
}

/// Sorts `actors` by id, without repeats: the order sentences list their
/// actors in.
pub(crate) fn sort_actors(rules: &RuleSet, actors: &mut Vec<ActorId>) {
    actors.sort_unstable_by(|&a, &b| rules.actor_name(a).cmp(rules.actor_name(b)));
    actors.dedup();
}

/// Rounds to 4 decimals so that output is stable and readable.
pub(crate) fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// Frame scores by frame: a sentence's or a quotation's. Kept in frame
/// order, which is the order of the frames' ids (the pack sorts them), so
/// it is written out as a map by name in the order a `BTreeMap` of names
/// would be.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FrameScores(Vec<(FrameId, f64)>);

impl FrameScores {
    /// Adds `x` to the score of `frame`, rounded as every score is.
    pub(crate) fn add(&mut self, frame: FrameId, x: f64) {
        match self.0.binary_search_by_key(&frame, |&(f, _)| f) {
            Ok(i) => self.0[i].1 = round4(self.0[i].1 + x),
            Err(i) => self.0.insert(i, (frame, round4(x))),
        }
    }

    /// The score of `frame`, when the frame is present.
    pub(crate) fn get(&self, frame: FrameId) -> Option<f64> {
        self.0
            .binary_search_by_key(&frame, |&(f, _)| f)
            .ok()
            .map(|i| self.0[i].1)
    }

    /// The frames present, with their scores, in frame order.
    pub fn iter(&self) -> impl Iterator<Item = (FrameId, f64)> + '_ {
        self.0.iter().copied()
    }

    /// Whether no frame is present.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The ids of the frames present, in frame order.
    pub fn names<'a>(&'a self, rules: &'a RuleSet) -> impl Iterator<Item = &'a str> + 'a {
        self.0.iter().map(|&(f, _)| rules.frame_name(f))
    }

    /// The scores by frame id, as profiles write them.
    pub fn named(&self, rules: &RuleSet) -> BTreeMap<String, f64> {
        self.iter()
            .map(|(f, x)| (rules.frame_name(f).to_string(), x))
            .collect()
    }
}

impl FromIterator<(FrameId, f64)> for FrameScores {
    /// Scores taken as they are (already rounded); a frame given twice
    /// keeps its sum.
    fn from_iter<I: IntoIterator<Item = (FrameId, f64)>>(iter: I) -> Self {
        let mut scores = FrameScores::default();
        for (f, x) in iter {
            scores.add(f, x);
        }
        scores
    }
}

/// Adds `x` to the score of `frame` in `scores`, rounded as every score is.
pub(crate) fn add_score(scores: &mut BTreeMap<String, f64>, frame: &str, x: f64) {
    match scores.get_mut(frame) {
        Some(v) => *v = round4(*v + x),
        None => {
            scores.insert(frame.to_string(), round4(x));
        }
    }
}

/// Adds every score of `other` into `into`.
pub(crate) fn add_frames(into: &mut BTreeMap<String, f64>, other: &BTreeMap<String, f64>) {
    for (f, x) in other {
        add_score(into, f, *x);
    }
}

/// Adds every score of `other` into `into`, named by `rules`.
pub(crate) fn add_named_frames(
    into: &mut BTreeMap<String, f64>,
    other: &FrameScores,
    rules: &RuleSet,
) {
    for (f, x) in other.iter() {
        add_score(into, rules.frame_name(f), x);
    }
}

/// One directed stance edge.
#[derive(Clone, Debug, PartialEq)]
pub struct Edge {
    /// Source actor (rolled up).
    pub source: ActorId,
    /// Target actor (rolled up).
    pub target: ActorId,
    /// Its polarity, after negation.
    pub polarity: Polarity,
    /// Strength: the cue's weight times its modifiers' factors, made positive.
    pub weight: f64,
    /// The cue's rule (`positive:praised`).
    pub rule: RuleId,
    /// Byte span of the cue.
    pub span: Span,
    /// Byte span of the source mention (or speaker).
    pub source_span: Span,
    /// Byte span of the target mention.
    pub target_span: Span,
    /// The cue was read as passive ("was praised by") or is a reversed cue
    /// (but not one an auxiliary turned back: "Japan was angered by China"
    /// goes from its subject, as an active cue does).
    pub passive: bool,
    /// Modifiers applied to the cue.
    pub modifiers: Vec<Applied>,
}

impl Edge {
    /// `SRC->TGT polarity`, the form used by gold labels and tests.
    pub fn label(&self, rules: &RuleSet) -> String {
        format!(
            "{}->{} {}",
            rules.actor_name(self.source),
            rules.actor_name(self.target),
            self.polarity
        )
    }

    /// The cue as it stands in the document `text`.
    pub fn cue<'t>(&self, text: &'t str) -> &'t str {
        self.span.of(text)
    }

    /// The source's words in `text`.
    pub fn source_text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.source_span.start..self.source_span.end]
    }

    /// The target's words in `text`.
    pub fn target_text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.target_span.start..self.target_span.end]
    }
}

/// A result as it is written out: ids become the pack's names and spans
/// the document's words, borrowed from the rule set and the text (nothing
/// is copied; the JSON is the same as when every field held its string).
#[derive(Clone, Copy)]
pub(crate) struct Named<'a, T: ?Sized> {
    /// The result.
    pub item: &'a T,
    /// The pack that names its rules, actors and frames.
    pub rules: &'a RuleSet,
    /// The document its spans index.
    pub text: &'a str,
}

impl<'a, T: ?Sized> Named<'a, T> {
    /// `item` named by `rules`, its spans in `text`.
    pub(crate) fn new(item: &'a T, rules: &'a RuleSet, text: &'a str) -> Self {
        Named { item, rules, text }
    }

    fn with<U: ?Sized>(&self, item: &'a U) -> Named<'a, U> {
        Named {
            item,
            rules: self.rules,
            text: self.text,
        }
    }
}

impl<T> Serialize for Named<'_, [T]>
where
    for<'b> Named<'b, T>: Serialize,
{
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.item.len()))?;
        for x in self.item {
            seq.serialize_element(&self.with(x))?;
        }
        seq.end()
    }
}

impl Serialize for Named<'_, Applied> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Wire<'a> {
            kind: Modification,
            text: &'a str,
            span: Span,
            factor: f64,
        }
        let a = self.item;
        Wire {
            kind: a.kind,
            text: a.text(self.text),
            span: a.span,
            factor: a.factor,
        }
        .serialize(serializer)
    }
}

impl Serialize for Named<'_, Contribution> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Wire<'a> {
            frame: &'a str,
            rule: &'a str,
            origin: &'a str,
            span: Span,
            text: &'a str,
            weight: f64,
            modifiers: Named<'a, [Applied]>,
            quoted: bool,
            score: f64,
            #[serde(skip_serializing_if = "Option::is_none")]
            context: Option<&'a ContextCheck>,
        }
        let (c, rules) = (self.item, self.rules);
        Wire {
            frame: rules.frame_name(c.frame),
            rule: rules.rule_label(c.rule),
            origin: rules.origin_label(c.rule),
            span: c.span,
            text: c.span.of(self.text),
            weight: c.weight,
            modifiers: self.with(&c.modifiers[..]),
            quoted: c.quoted,
            score: c.score,
            context: c.context.as_deref(),
        }
        .serialize(serializer)
    }
}

impl Serialize for Named<'_, HeldCue> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Wire<'a> {
            rule: &'a str,
            origin: &'a str,
            span: Span,
            text: &'a str,
            context: &'a ContextCheck,
        }
        let (c, rules) = (self.item, self.rules);
        Wire {
            rule: rules.rule_label(c.rule),
            origin: rules.origin_label(c.rule),
            span: c.span,
            text: c.span.of(self.text),
            context: &c.context,
        }
        .serialize(serializer)
    }
}

impl Serialize for Named<'_, Mention> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Wire<'a> {
            actor: &'a str,
            entity: &'a str,
            text: &'a str,
            span: Span,
            origin: &'a str,
            #[serde(skip_serializing_if = "std::ops::Not::not")]
            resolved: bool,
            #[serde(skip_serializing_if = "Option::is_none")]
            role: Option<&'a str>,
        }
        let (m, rules) = (self.item, self.rules);
        Wire {
            actor: rules.actor_name(m.actor),
            entity: rules.actor_name(m.entity),
            text: m.span.of(self.text),
            span: m.span,
            origin: rules.origin_label(m.rule),
            resolved: m.resolved,
            role: m.role_title(rules),
        }
        .serialize(serializer)
    }
}

impl Serialize for Named<'_, Edge> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Wire<'a> {
            source: &'a str,
            target: &'a str,
            polarity: Polarity,
            weight: f64,
            cue: &'a str,
            rule: &'a str,
            origin: &'a str,
            span: Span,
            source_text: &'a str,
            source_span: Span,
            target_text: &'a str,
            target_span: Span,
            passive: bool,
            #[serde(skip_serializing_if = "is_empty")]
            modifiers: Named<'a, [Applied]>,
        }
        let (e, rules, text) = (self.item, self.rules, self.text);
        Wire {
            source: rules.actor_name(e.source),
            target: rules.actor_name(e.target),
            polarity: e.polarity,
            weight: e.weight,
            cue: e.cue(text),
            rule: rules.rule_label(e.rule),
            origin: rules.origin_label(e.rule),
            span: e.span,
            source_text: e.source_text(text),
            source_span: e.source_span,
            target_text: e.target_text(text),
            target_span: e.target_span,
            passive: e.passive,
            modifiers: self.with(&e.modifiers[..]),
        }
        .serialize(serializer)
    }
}

impl Serialize for Named<'_, ActorId> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.rules.actor_name(*self.item))
    }
}

impl Serialize for Named<'_, FrameScores> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.item.0.len()))?;
        for (f, x) in self.item.iter() {
            map.serialize_entry(self.rules.frame_name(f), &x)?;
        }
        map.end()
    }
}

fn is_empty<T>(items: &Named<'_, [T]>) -> bool {
    items.item.is_empty()
}

impl Serialize for Named<'_, SentenceResult> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Wire<'a> {
            index: usize,
            span: Span,
            text: &'a str,
            frames: Named<'a, FrameScores>,
            actors: Named<'a, [ActorId]>,
            contributions: Named<'a, [Contribution]>,
            #[serde(skip_serializing_if = "is_empty")]
            held: Named<'a, [Contribution]>,
            mentions: Named<'a, [Mention]>,
            #[serde(skip_serializing_if = "is_empty")]
            held_cues: Named<'a, [HeldCue]>,
            #[serde(skip_serializing_if = "is_empty")]
            edges: Named<'a, [Edge]>,
        }
        let s = self.item;
        Wire {
            index: s.index,
            span: s.span,
            text: s.text(self.text),
            frames: self.with(&s.frames),
            actors: self.with(&s.actors[..]),
            contributions: self.with(&s.contributions[..]),
            held: self.with(&s.held[..]),
            mentions: self.with(&s.mentions[..]),
            held_cues: self.with(&s.held_cues[..]),
            edges: self.with(&s.edges[..]),
        }
        .serialize(serializer)
    }
}
