//! Scoring sentences: each frame term contributes its weight times the
//! modifiers that reach it (negation, intensifiers, dampeners, hedges,
//! contrastives, quotation), and every contribution keeps its evidence: the
//! rule, where it was declared, the matched span, and each factor applied.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::engine::quotes::quote_spans;
use crate::engine::scan::{scan_sentences, Hit};
use crate::engine::stance::{find_edges, Edge};
use crate::pack::ruleset::{ActorKind, Date, ModifierKind, Resolve, RuleSet, Target};
use crate::text::normalize::is_word_char;
use crate::text::segment::sentences;

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

/// Byte spans of the words of `text` for counting distances: like VADER,
/// a word is a whitespace-separated token with a letter or digit, so "U.S.",
/// "Jong-un’s" and "“ally”" are one word each. Also returns how many of
/// them have a letter or digit proper (the article's word count; a token of
/// combining marks alone is a word for distances but not for counting).
/// One pass over the bytes, decoding only non-ASCII characters.
fn word_spans(text: &str) -> (Vec<(usize, usize)>, usize) {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len() / 6);
    let mut counted = 0;
    let (mut start, mut word, mut alnum) = (None, false, false);
    let mut i = 0;
    while i <= bytes.len() {
        let (space, is_word, is_alnum, len) = match bytes.get(i) {
            None => (true, false, false, 1),
            Some(&b) if b < 0x80 => {
                let c = b as char;
                let alnum = b.is_ascii_alphanumeric();
                (c.is_whitespace(), alnum, alnum, 1)
            }
            Some(_) => {
                let c = text[i..].chars().next().expect("a char at a boundary");
                (
                    c.is_whitespace(),
                    is_word_char(c),
                    c.is_alphanumeric(),
                    c.len_utf8(),
                )
            }
        };
        if space {
            if let Some(s) = start.take() {
                if word {
                    out.push((s, i));
                    counted += usize::from(alnum);
                }
            }
        } else {
            if start.is_none() {
                start = Some(i);
                word = false;
                alnum = false;
            }
            word |= is_word;
            alnum |= is_alnum;
        }
        i += len;
    }
    (out, counted)
}

/// The modifiers that reach frame term `hit`: the nearest negator and hedge
/// within their windows, every intensifier and dampener within theirs (with
/// VADER's decay by distance), and every contrastive in the sentence.
pub(crate) fn modifiers_for(
    rules: &RuleSet,
    text: &str,
    hit: &Hit,
    modifiers: &[&Hit],
    distance: &dyn Fn(usize, usize) -> usize,
    negation_factor: f64,
) -> Vec<Applied> {
    let mods = &rules.modifiers;
    let mut applied = Vec::new();
    let mut apply = |m: &Hit, kind: &'static str, factor: f64| {
        applied.push(Applied {
            kind,
            text: text[m.start..m.end].to_string(),
            span: [m.start, m.end],
            factor: round4(factor),
        })
    };
    // Modifiers of `kind` before the term within `window` words, nearest last.
    let before = |kind: ModifierKind, window: usize| {
        modifiers.iter().copied().filter(move |m| {
            matches!(rules.rules[m.rule].target, Target::Modifier(k) if k == kind)
                && m.end <= hit.start
                && distance(m.end, hit.start) <= window
        })
    };
    if let Some(m) = before(ModifierKind::Negator, mods.negation_window).next_back() {
        apply(m, "negation", negation_factor);
    }
    for m in before(ModifierKind::Intensifier, mods.intensifier.window) {
        let d = distance(m.end, hit.start);
        apply(
            m,
            "intensifier",
            1.0 + mods.intensifier.increment * mods.intensifier.decay_at(d),
        );
    }
    for m in before(ModifierKind::Dampener, mods.dampener.window) {
        let d = distance(m.end, hit.start);
        apply(
            m,
            "dampener",
            1.0 - mods.dampener.increment * mods.dampener.decay_at(d),
        );
    }
    if let Some(m) = before(ModifierKind::Hedge, mods.hedge_window).next_back() {
        apply(m, "hedge", mods.hedge_factor);
    }
    for m in modifiers {
        if let Target::Contrastive { before, after } = rules.rules[m.rule].target {
            if hit.end <= m.start && before != 1.0 {
                apply(m, "contrastive", before);
            } else if hit.start >= m.end && after != 1.0 {
                apply(m, "contrastive", after);
            }
        }
    }
    applied
}

/// How many sentences before the current one a reference looks back.
const REFERENCE_LOOKBACK: usize = 2;

/// Resolves the reference expressions among `hits` to actors mentioned just
/// before them (PETRARCH-style carry-forward, preferring subjects as in
/// centering theory): "he" takes the first person of its own sentence before
/// it, else of the nearest sentence before; "the country" likewise a state;
/// "both sides" the first two distinct states of the nearest sentences
/// before; "the North" its actor if mentioned. Earlier resolved references
/// count as mentions, so a chain of "he" stays on one person. Sentences more
/// than [`REFERENCE_LOOKBACK`] back are not searched; a reference that finds
/// nothing resolves to nothing.
fn resolve_references(
    rules: &RuleSet,
    text: &str,
    hits: &[Hit],
    mentions: &[Mention],
    recent: &[Vec<Mention>],
) -> Vec<Mention> {
    let mut out = Vec::new();
    for hit in hits {
        let Target::Reference { resolves, count } = rules.rules[hit.rule].target else {
            continue;
        };
        // Subjects first (centering): each sentence's mentions in text
        // order. A singular reference looks in its own sentence first; a
        // plural one ("the three countries") first in the sentences before,
        // since actors earlier in its own sentence are usually the other
        // party ("Trump accused the three countries").
        let own = mentions.iter().filter(|m| m.span[1] <= hit.start);
        let before = recent.iter().rev().flat_map(|s| s.iter());
        let earlier: Box<dyn Iterator<Item = &Mention>> = if count == 1 {
            Box::new(own.chain(before))
        } else {
            Box::new(before.chain(own))
        };
        let fits = |m: &Mention| {
            let entity = rules.actors.iter().find(|a| a.id == m.entity);
            let root = rules.actors.iter().find(|a| a.id == m.actor);
            match resolves {
                Resolve::Person => entity.is_some_and(|a| a.kind == ActorKind::Person),
                Resolve::State => root.is_some_and(|a| a.kind == ActorKind::State),
                Resolve::Actor(i) => m.actor == rules.actors[rules.actors[i].root].id,
            }
        };
        let mut chosen: Vec<&Mention> = Vec::new();
        for m in earlier.filter(|m| fits(m)) {
            if chosen.len() == count {
                break;
            }
            if !chosen.iter().any(|c| c.actor == m.actor) {
                chosen.push(m);
            }
        }
        for antecedent in chosen {
            out.push(Mention {
                actor: antecedent.actor.clone(),
                entity: antecedent.entity.clone(),
                text: text[hit.start..hit.end].to_string(),
                span: [hit.start, hit.end],
                origin: rules.rule_origin(hit.rule),
                resolved: true,
                role: antecedent.role.clone(),
            });
        }
    }
    out
}

/// A scored document with what scoring found on the way.
pub(crate) struct Scored {
    /// The sentences.
    pub sentences: Vec<SentenceResult>,
    /// Quotation spans (see [`quote_spans`]).
    pub quotes: Vec<(usize, usize)>,
    /// Words: whitespace tokens with a letter or digit.
    pub words: usize,
    /// Every hit the scan kept, sorted by start.
    pub hits: Vec<Hit>,
}

/// Scores every sentence of `text` as of `date`: actors with a dated role
/// that holds then roll up to the role's actor (see [`RuleSet::root_at`]).
/// Callers go through [`crate::engine::analysis::analyze`].
pub(crate) fn score(rules: &RuleSet, text: &str, date: Option<Date>) -> Scored {
    let spans = sentences(text);
    let hits = scan_sentences(rules, text, &spans);
    let (words, word_total) = word_spans(text);
    let quotes = quote_spans(text);
    // Words wholly between `from` and `to`, plus one: adjacent words are 1 apart.
    let distance = |from: usize, to: usize| {
        let first = words.partition_point(|&(s, _)| s < from);
        let past = words.partition_point(|&(_, e)| e <= to);
        past.saturating_sub(first) + 1
    };
    // Quotes are disjoint and in order: the one that could hold a hit is
    // the last that starts at or before it.
    let in_quote = |h: &Hit| {
        let i = quotes.partition_point(|&(s, _)| s <= h.start);
        i > 0 && h.end <= quotes[i - 1].1
    };

    let mut out = Vec::with_capacity(spans.len());
    // Mentions of the last few sentences, oldest first, for references.
    let mut recent: Vec<Vec<Mention>> = Vec::new();
    let mut next_hit = 0;
    for (index, &(start, end)) in spans.iter().enumerate() {
        // Hits are sorted by start; those before this sentence were between sentences.
        while next_hit < hits.len() && hits[next_hit].start < start {
            next_hit += 1;
        }
        let first = next_hit;
        while next_hit < hits.len() && hits[next_hit].start < end {
            next_hit += 1;
        }
        let sentence_hits = &hits[first..next_hit];
        let mut result = SentenceResult {
            index,
            span: [start, end],
            text: text[start..end].to_string(),
            frames: BTreeMap::new(),
            actors: Vec::new(),
            contributions: Vec::new(),
            mentions: Vec::new(),
            edges: Vec::new(),
        };
        let modifiers: Vec<&Hit> = sentence_hits
            .iter()
            .filter(|h| {
                matches!(
                    rules.rules[h.rule].target,
                    Target::Modifier(_) | Target::Contrastive { .. }
                )
            })
            .collect();
        let mut totals: BTreeMap<String, f64> = BTreeMap::new();
        for hit in sentence_hits {
            let rule = &rules.rules[hit.rule];
            match rule.target {
                Target::Frame { frame, weight } => {
                    let mut applied = modifiers_for(
                        rules,
                        text,
                        hit,
                        &modifiers,
                        &distance,
                        rules.modifiers.negation_frame_factor,
                    );
                    let quoted = in_quote(hit);
                    if quoted && rules.scoring.quote_factor != 1.0 {
                        applied.push(Applied {
                            kind: "quote",
                            text: String::new(),
                            span: [hit.start, hit.end],
                            factor: rules.scoring.quote_factor,
                        });
                    }
                    let score = applied.iter().fold(weight, |s, a| s * a.factor).max(0.0);
                    let id = &rules.frames[frame].id;
                    *totals.entry(id.clone()).or_default() += score;
                    result.contributions.push(Contribution {
                        frame: id.clone(),
                        rule: rules.rule_id(hit.rule),
                        origin: rules.rule_origin(hit.rule),
                        span: [hit.start, hit.end],
                        text: text[hit.start..hit.end].to_string(),
                        weight,
                        modifiers: applied,
                        quoted,
                        score: round4(score),
                    });
                }
                Target::Actor { actor } => {
                    let a = &rules.actors[actor];
                    let (root, role) = rules.root_at(actor, date);
                    result.mentions.push(Mention {
                        actor: rules.actors[root].id.clone(),
                        role: role.map(|r| r.title.clone()),
                        entity: a.id.clone(),
                        text: text[hit.start..hit.end].to_string(),
                        span: [hit.start, hit.end],
                        origin: rules.rule_origin(hit.rule),
                        resolved: false,
                    });
                }
                _ => {}
            }
        }
        result.frames = totals
            .into_iter()
            .filter(|(_, s)| *s > rules.scoring.threshold)
            .map(|(f, s)| (f, round4(s)))
            .collect();
        if rules.resolve_references {
            let resolved =
                resolve_references(rules, text, sentence_hits, &result.mentions, &recent);
            result.mentions.extend(resolved);
            result.mentions.sort_by_key(|m| m.span);
        }
        recent.push(result.mentions.clone());
        if recent.len() > REFERENCE_LOOKBACK {
            recent.remove(0);
        }
        result.actors = result.mentions.iter().map(|m| m.actor.clone()).collect();
        result.actors.sort();
        result.actors.dedup();
        result.edges = find_edges(
            rules,
            text,
            (start, end),
            sentence_hits,
            &result.mentions,
            &modifiers,
            &distance,
        );
        out.push(result);
    }
    Scored {
        sentences: out,
        quotes,
        words: word_total,
        hits,
    }
}
