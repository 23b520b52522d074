//! Contexts: whether a frame term that needs one (`context = "…"`, declared
//! in contexts.toml) stands where it counts. A context asks for actors of
//! given kinds near the term, for a sense cue near it, or for no sense cue
//! of some lists near it ("meeting" is diplomacy between governments, not
//! at a football club). The check looks at the term's own sentence, within
//! a bounded number of words, so it costs a few comparisons per hit; only
//! the other side of a relation, and a cue of a condition that reaches the
//! story's scene (`sentences`), may be named a few sentences away.

use crate::engine::model::{ContextCheck, Mention, SentenceResult};
use crate::engine::scan::Hit;
use crate::pack::ruleset::{ActorCondition, ActorId, CueCondition, RuleSet, Target};
use crate::text::span::Span;

/// Words between two spans: 0 when they overlap, else 1 for adjacent words
/// and one more for every word between them (as modifiers count).
fn gap(a: Span, b: Span, distance: &dyn Fn(usize, usize) -> usize) -> usize {
    if a.end <= b.start {
        distance(a.end, b.start)
    } else if b.end <= a.start {
        distance(b.end, a.start)
    } else {
        0
    }
}

/// How far away, in words, `within` reaches: everything in the sentence
/// when it is `None`.
fn reaches(within: Option<usize>, words: usize) -> bool {
    match within {
        Some(w) => words <= w,
        None => true,
    }
}

/// Checks context `context` for the frame term `hit`, given its sentence's
/// actor mentions (resolved references included) and sense cue hits.
pub(crate) fn check(
    rules: &RuleSet,
    context: usize,
    text: &str,
    hit: &Hit,
    around: &Surroundings<'_>,
    distance: &dyn Fn(usize, usize) -> usize,
) -> ContextCheck {
    let ctx = &rules.contexts[context];
    let span = hit.span;
    let mut reasons: Vec<String> = Vec::new();
    let mut admitted = true;
    if let Some(cond) = &ctx.not_near {
        match nearest_cue(rules, cond, text, span, around, distance) {
            Some(found) => {
                admitted = false;
                reasons.push(found);
            }
            None => reasons.push(no_cue(rules, cond)),
        }
    }
    if let Some(cond) = &ctx.near {
        match nearest_cue(rules, cond, text, span, around, distance) {
            Some(found) => reasons.push(found),
            None => {
                admitted = false;
                reasons.push(no_cue(rules, cond));
            }
        }
    }
    if let Some(cond) = &ctx.actors {
        let (ok, why) = actors_near(rules, text, cond, span, around, distance);
        admitted &= ok;
        reasons.push(why);
    }
    ContextCheck {
        context: ctx.id.clone(),
        admitted,
        reason: reasons.join("; "),
    }
}

fn reach(within: Option<usize>) -> String {
    match within {
        Some(1) => " within 1 word".to_string(),
        Some(w) => format!(" within {w} words"),
        None => " in the sentence".to_string(),
    }
}

/// That no cue of `cond`'s lists is within its reach.
fn no_cue(rules: &RuleSet, cond: &CueCondition) -> String {
    let around = match cond.sentences {
        None | Some(0) => String::new(),
        Some(1) => " or within 1 sentence".to_string(),
        Some(n) => format!(" or within {n} sentences"),
    };
    format!(
        "no {} cue{}{around}",
        list_names(rules, cond),
        reach(cond.within)
    )
}

fn list_names(rules: &RuleSet, cond: &CueCondition) -> String {
    cond.lists
        .iter()
        .map(|&l| rules.cue_lists[l].id.as_str())
        .collect::<Vec<_>>()
        .join("/")
}

/// The nearest cue of `cond`'s lists within its reach, described: in the
/// term's sentence the nearest in words, else (when the condition reaches
/// other sentences) the first in the sentence before, the one after, two
/// before, and so on.
///
/// Each list's matches are found by binary search in [`CueIndex`], not by
/// reading the sentence's hits, so a run-on sentence of many terms and
/// cues costs linear work.
fn nearest_cue(
    rules: &RuleSet,
    cond: &CueCondition,
    text: &str,
    span: Span,
    around: &Surroundings<'_>,
    distance: &dyn Fn(usize, usize) -> usize,
) -> Option<String> {
    let described = |list: usize, c: &Hit, at: String| {
        format!(
            "{} cue \"{}\" {at}",
            rules.cue_lists[list].id,
            c.span.of(text)
        )
    };
    // The nearest in words, ties to the earliest (by start, then rule: the
    // hits' order), as (words, start, hit, list).
    let mut best: Option<(usize, usize, usize, usize)> = None;
    let sentence = &around.ranges[around.index];
    for &list in &cond.lists {
        let found = around.cues.within(list, sentence);
        // Keeps match `i` if it is the best so far; returns how far it is.
        let consider = |best: &mut Option<(usize, usize, usize, usize)>, i: usize| {
            let words = gap(span, around.hits[i].span, distance);
            let key = (words, around.hits[i].span.start, i, list);
            if best.is_none_or(|b| key < b) {
                *best = Some(key);
            }
            words
        };
        // A list's matches do not overlap, so those starting before the
        // term ends are sorted by end as well: going back from the last,
        // they are ever further away (those overlapping it first, 0 words
        // away). Stop once one is further than the best so far.
        let after = found.partition_point(|&i| around.hits[i].span.start < span.end);
        for &i in found[..after].iter().rev() {
            crate::work::tick(1);
            let words = consider(&mut best, i);
            if best.is_some_and(|(w, ..)| words > w) {
                break;
            }
        }
        // Of those after it, the first is the nearest.
        if let Some(&i) = found.get(after) {
            consider(&mut best, i);
        }
    }
    if let Some((words, _, i, list)) = best.filter(|&(words, ..)| reaches(cond.within, words)) {
        return Some(described(list, &around.hits[i], away(words)));
    }
    // The term's own sentence was read above, by words; in the others the
    // first match of any of the lists counts.
    around.nearby(cond.sentences?).skip(1).find_map(|(d, j)| {
        cond.lists
            .iter()
            .filter_map(|&list| {
                let first = *around.cues.within(list, &around.ranges[j]).first()?;
                Some((first, list))
            })
            .min()
            .map(|(i, list)| described(list, &around.hits[i], sentences_away(d)))
    })
}

fn away(words: usize) -> String {
    match words {
        0 => "overlapping".to_string(),
        1 => "1 word away".to_string(),
        n => format!("{n} words away"),
    }
}

/// Whether enough distinct actors of the condition's kinds are mentioned
/// within its reach, and which.
/// A sentence's mentions (in text order) grouped by the actor they roll up
/// to, built once per sentence, so that a context's actor condition costs
/// the number of distinct actors, not of mentions: a run-on sentence that
/// names one country thousands of times stays linear.
pub(crate) struct ActorGroups<'m> {
    mentions: &'m [Mention],
    /// Indices into `mentions`, one list per actor, each in text order.
    groups: Vec<Vec<usize>>,
}

impl<'m> ActorGroups<'m> {
    /// Groups `mentions`, which are in text order and do not overlap.
    pub(crate) fn new(mentions: &'m [Mention]) -> ActorGroups<'m> {
        let mut by_actor: std::collections::BTreeMap<ActorId, Vec<usize>> = Default::default();
        for (i, m) in mentions.iter().enumerate() {
            by_actor.entry(m.actor).or_default().push(i);
        }
        ActorGroups {
            mentions,
            groups: by_actor.into_values().collect(),
        }
    }

    /// Per actor, its nearest mention to `span` for which `fits` holds,
    /// with the distance in words, nearest first (ties: in the sentence's
    /// order of mentions). Gaps only grow away from `span` in either
    /// direction, so each side stops at its first fitting mention.
    fn nearest(
        &self,
        span: Span,
        fits: impl Fn(&Mention) -> bool,
        distance: &dyn Fn(usize, usize) -> usize,
    ) -> Vec<(usize, &'m Mention)> {
        let mut found: Vec<(usize, usize)> = Vec::new();
        for group in &self.groups {
            let split = group.partition_point(|&i| self.mentions[i].span.start < span.start);
            let fitting = |&i: &usize| {
                crate::work::tick(1);
                fits(&self.mentions[i])
            };
            let left = group[..split].iter().rev().copied().find(fitting);
            let right = group[split..].iter().copied().find(fitting);
            let best = [left, right]
                .into_iter()
                .flatten()
                .map(|i| (gap(span, self.mentions[i].span, distance), i))
                .min();
            found.extend(best);
        }
        found.sort_unstable();
        found
            .into_iter()
            .map(|(words, i)| (words, &self.mentions[i]))
            .collect()
    }
}

/// The sense cues of a document by cue list: for each list, the indices of
/// its matches among the document's hits, in text order. Built once per
/// document, so that a term's nearest cue is a binary search away.
pub(crate) struct CueIndex {
    by_list: Vec<Vec<usize>>,
}

impl CueIndex {
    /// Indexes the cue matches among `hits` (sorted by start, then rule).
    pub(crate) fn new(rules: &RuleSet, hits: &[Hit]) -> CueIndex {
        let mut by_list = vec![Vec::new(); rules.cue_lists.len()];
        for (i, h) in hits.iter().enumerate() {
            if let Target::Cue { list } = rules.rule(h.rule).target {
                by_list[list].push(i);
            }
        }
        CueIndex { by_list }
    }

    /// The indices of list `list`'s matches among the hits in `range`.
    fn within(&self, list: usize, range: &std::ops::Range<usize>) -> &[usize] {
        let all = &self.by_list[list];
        &all[all.partition_point(|&i| i < range.start)..all.partition_point(|&i| i < range.end)]
    }
}

/// What a context may read around a term: its sentence's actors and sense
/// cues, and the sentences around it with the places they name, for a
/// condition that asks for the other side of a relation.
pub(crate) struct Surroundings<'a> {
    /// The actors of the term's sentence.
    pub actors: ActorGroups<'a>,
    /// Every hit of the document, and the range of them in each sentence:
    /// the sense cues of the term's sentence and of those around it.
    pub hits: &'a [Hit],
    pub ranges: &'a [std::ops::Range<usize>],
    /// The sense cues among `hits`, by list.
    pub cues: &'a CueIndex,
    /// Every sentence of the document, mentions resolved.
    pub sentences: &'a [SentenceResult],
    /// The places each sentence names as locations ("talks in Geneva").
    pub places: &'a [Vec<Mention>],
    /// Each actor's first mention or place in each sentence.
    pub firsts: &'a FirstMentions,
    /// The term's sentence.
    pub index: usize,
}

impl Surroundings<'_> {
    /// The sentences within `reach` of the term's, as (offset, index): the
    /// term's own (offset 0), then one before, one after, two before, and
    /// so on, skipping those before the first or after the last.
    fn nearby(&self, reach: usize) -> impl Iterator<Item = (isize, usize)> + '_ {
        std::iter::once(0)
            .chain((1..=reach as isize).flat_map(|d| [-d, d]))
            .filter_map(|d| {
                let j = self.index.checked_add_signed(d)?;
                (j < self.ranges.len()).then_some((d, j))
            })
    }

    /// The first mention or place of an actor not in `besides`, looking in
    /// the term's sentence, then one sentence before, one after, two
    /// before, and so on up to `reach`; with how many sentences away it is
    /// (negative before).
    ///
    /// Each sentence is read through [`FirstMentions`], one entry per actor,
    /// so a run-on sentence naming one actor many times costs a few steps
    /// per term, not one per mention.
    fn other(&self, besides: &[ActorId], reach: usize) -> Option<(&Mention, isize)> {
        self.nearby(reach).find_map(|(d, j)| {
            let first = self.firsts.by_sentence[j].iter().find(|f| {
                crate::work::tick(1);
                !besides.contains(&f.actor)
            })?;
            let mentions = &self.sentences[j].mentions;
            let m = match first.at.checked_sub(mentions.len()) {
                None => &mentions[first.at],
                Some(place) => &self.places[j][place],
            };
            Some((m, d))
        })
    }
}

/// The first mention or place of each actor a sentence names, in the order
/// [`Surroundings::other`] reads them: its mentions, then its places. The
/// first of these whose actor is not excluded is the first such mention or
/// place of the sentence. Built once per document.
pub(crate) struct FirstMentions {
    by_sentence: Vec<Vec<First>>,
}

/// An actor's first mention or place in a sentence: `at` indexes the
/// sentence's mentions followed by its places.
struct First {
    actor: ActorId,
    at: usize,
}

impl FirstMentions {
    /// Indexes each sentence's mentions and `places` (one list per sentence).
    pub(crate) fn new(sentences: &[SentenceResult], places: &[Vec<Mention>]) -> FirstMentions {
        let mut seen = std::collections::HashSet::new();
        let by_sentence = sentences
            .iter()
            .zip(places)
            .map(|(s, p)| {
                seen.clear();
                s.mentions
                    .iter()
                    .chain(p)
                    .enumerate()
                    .filter(|(_, m)| seen.insert(m.actor))
                    .map(|(at, m)| First { actor: m.actor, at })
                    .collect()
            })
            .collect();
        FirstMentions { by_sentence }
    }
}

/// Where the other side was found, `offset` sentences away.
fn sentences_away(offset: isize) -> String {
    match offset {
        0 => "in the sentence".to_string(),
        -1 => "1 sentence before".to_string(),
        1 => "1 sentence after".to_string(),
        d if d < 0 => format!("{} sentences before", -d),
        d => format!("{d} sentences after"),
    }
}

fn actors_near(
    rules: &RuleSet,
    text: &str,
    cond: &ActorCondition,
    span: Span,
    around: &Surroundings<'_>,
    distance: &dyn Fn(usize, usize) -> usize,
) -> (bool, String) {
    let kind_fits = |m: &Mention| {
        cond.kinds.is_empty()
            || [m.entity, m.actor]
                .into_iter()
                .any(|id| cond.kinds.contains(&rules.actor(id).kind))
    };
    // Nearest first, one per rolled-up actor.
    let chosen: Vec<(usize, &Mention)> = around
        .actors
        .nearest(span, kind_fits, distance)
        .into_iter()
        .filter(|&(words, _)| reaches(cond.within, words))
        .collect();
    let kinds = if cond.kinds.is_empty() {
        "any kind".to_string()
    } else {
        cond.kinds
            .iter()
            .map(|k| k.name())
            .collect::<Vec<_>>()
            .join("/")
    };
    if chosen.len() >= cond.min {
        let found: Vec<String> = chosen
            .iter()
            .take(cond.min)
            .map(|(words, m)| {
                format!(
                    "actor \"{}\" ({}) {}",
                    m.span.of(text),
                    rules.actor_name(m.actor),
                    away(*words)
                )
            })
            .collect();
        let mut why = found.join(", ");
        let Some(reach) = cond.other_side else {
            return (true, why);
        };
        let besides: Vec<ActorId> = chosen.iter().take(cond.min).map(|(_, m)| m.actor).collect();
        match around.other(&besides, reach) {
            Some((m, offset)) => {
                why.push_str(&format!(
                    "; other side \"{}\" ({}) {}",
                    m.span.of(text),
                    rules.actor_name(m.actor),
                    sentences_away(offset)
                ));
                (true, why)
            }
            None => {
                why.push_str(&format!(
                    "; no other actor or place of one{}",
                    match reach {
                        0 => " in the sentence".to_string(),
                        1 => " within 1 sentence".to_string(),
                        n => format!(" within {n} sentences"),
                    }
                ));
                (false, why)
            }
        }
    } else if chosen.is_empty() {
        (false, format!("no actor of {kinds}{}", reach(cond.within)))
    } else {
        (
            false,
            format!(
                "{} of {} actors of {kinds}{}",
                chosen.len(),
                cond.min,
                reach(cond.within)
            ),
        )
    }
}
