//! Scoring sentences: each frame term contributes its weight times the
//! modifiers that reach it (negation, intensifiers, dampeners, hedges,
//! contrastives, quotation), and every contribution keeps its evidence: the
//! rule, where it was declared, the matched span, and each factor applied.

use std::collections::BTreeMap;
use std::ops::Range;

use crate::engine::context::{check, ActorGroups, CueIndex, FirstMentions, Surroundings};
use crate::engine::model::{
    round4, sort_actors, Applied, Contribution, FrameScores, HeldCue, Mention, Modification,
    Referent, SentenceResult, Unresolved,
};
use crate::engine::modifiers::{modifier_hits, modifiers_for, Words};
use crate::engine::references::{first_per_entity, resolve_references, unknown_people, Unknown};
use crate::engine::scan::{Context, Hit};
use crate::pack::ruleset::{ActorId, ActorKind, FrameId, RuleSet, Target};
use crate::text::date::ArticleDate;
use crate::text::span::{holding, starting_within, Span};

/// Scores every sentence of `text` (`spans`, with the scan's `hits` and
/// what it found besides, `found`) as of `date`: actors with a dated role
/// that holds then roll up to the role's actor (see
/// [`RuleSet::root_and_role_at`]); frame terms inside `quotes` are marked
/// quoted. Places named only as locations and people out of office are no
/// mentions, but references see them. Returns the sentences and, for each,
/// the range of `hits` inside it, with the stance cues their context held
/// back; edges are left to
/// [`crate::engine::stance`]. Callers go through
/// [`crate::engine::analysis::analyze`].
#[allow(clippy::too_many_arguments)]
pub(crate) fn score(
    rules: &RuleSet,
    text: &str,
    date: Option<ArticleDate>,
    spans: &[Span],
    hits: &[Hit],
    found: &Context,
    words: &Words,
    quotes: &[Span],
) -> (Vec<SentenceResult>, Vec<Range<usize>>) {
    let locations = &found.locations;
    let distance = |from: usize, to: usize| words.distance(from, to);
    let in_quote = |h: &Hit| holding(quotes, |&q| q, h.span).is_some();

    let mut out = Vec::with_capacity(spans.len());
    let mut ranges = Vec::with_capacity(spans.len());
    // Mentions of the last few sentences, oldest first, for references.
    let mut recent: Vec<Vec<Mention>> = Vec::new();
    // The unknown people of the same sentences ("Mr. Clarke").
    let mut recent_unknown: Vec<Vec<Unknown>> = Vec::new();
    let lookback = rules.max_lookback();
    // The places named as locations in every sentence so far, this one too.
    let mut scenes: Vec<Vec<Mention>> = Vec::new();
    let mut next_hit = 0;
    for (index, &span) in spans.iter().enumerate() {
        let Span { start, end } = span;
        // Hits are sorted by start; those before this sentence were between sentences.
        let range = starting_within(hits, &mut next_hit, span, |h| h.span.start);
        let sentence_hits = &hits[range.clone()];
        let mut result = SentenceResult {
            index,
            span,
            frames: FrameScores::default(),
            actors: Vec::new(),
            contributions: Vec::new(),
            held: Vec::new(),
            held_cues: Vec::new(),
            unresolved: Vec::new(),
            mentions: Vec::new(),
            people: Vec::new(),
            edges: Vec::new(),
        };
        let mut inactive: Vec<Mention> = Vec::new();
        for hit in sentence_hits {
            if let Target::Actor { actor } = rules.rule(hit.rule).target {
                let mention = actor_mention(rules, hit, actor, date, &found.former);
                if is_actor(rules, &mention) {
                    result.mentions.push(mention);
                } else {
                    inactive.push(mention);
                }
            }
        }
        // Places named only as locations, and people out of office, are no
        // actors, but references see them: "a parade in Pyongyang ... the
        // country's weapons"; "Cheney ... he" is nobody, not the next man.
        result.people = inactive.iter().map(|m| m.span).collect();
        let mut context = result.mentions.clone();
        context.append(&mut inactive);
        let here = locations.partition_point(|h| h.span.start < start)
            ..locations.partition_point(|h| h.span.start < end);
        let places: Vec<Mention> = locations[here]
            .iter()
            .filter_map(|hit| match rules.rule(hit.rule).target {
                Target::Actor { actor } => {
                    Some(actor_mention(rules, hit, actor, date, &found.former))
                }
                _ => None,
            })
            .collect();
        context.extend_from_slice(&places);
        context.sort_by_key(|m| m.span);
        scenes.push(places);
        let unknown = unknown_people(rules, text, span, words, sentence_hits, &context);
        if rules.resolve_references {
            let (resolved, unresolved) = resolve_references(
                rules,
                text,
                sentence_hits,
                &context,
                &result.mentions,
                &recent,
                &scenes,
                &unknown,
                &recent_unknown,
                quotes,
            );
            result.unresolved = unresolved;
            context.extend_from_slice(&resolved);
            context.sort_by_key(|m| m.span);
            for m in resolved {
                if is_actor(rules, &m) {
                    result.mentions.push(m);
                } else {
                    result.unresolved.push(Unresolved {
                        rule: m.rule,
                        span: m.span,
                        referent: Referent::Inactive(m.entity),
                    });
                }
            }
            result.unresolved.sort_by_key(|u| u.span);
            result.mentions.sort_by_key(|m| m.span);
        }
        result.people.extend(unknown.iter().map(|u| u.person));
        result.people.extend(
            result
                .unresolved
                .iter()
                .filter(|u| !matches!(u.referent, Referent::Seat(_)))
                .map(|u| u.span),
        );
        result.people.sort_unstable();
        recent.push(first_per_entity(&context));
        recent_unknown.push(unknown);
        if recent.len() > lookback {
            recent.remove(0);
            recent_unknown.remove(0);
        }
        result.actors = result.mentions.iter().map(|m| m.actor).collect();
        sort_actors(rules, &mut result.actors);
        out.push(result);
        ranges.push(range);
    }
    // Frame terms last: a term's context may need the actors of its
    // sentence and of those around it, later ones too.
    let cues = CueIndex::new(rules, hits);
    let firsts = FirstMentions::new(&out, &scenes);
    for index in 0..out.len() {
        let sentence_hits = &hits[ranges[index].clone()];
        let modifiers = modifier_hits(rules, text, spans[index], sentence_hits);
        let around = Surroundings {
            actors: ActorGroups::new(&out[index].mentions),
            hits,
            ranges: &ranges,
            cues: &cues,
            sentences: &out,
            places: &scenes,
            firsts: &firsts,
            index,
        };
        let mut totals: BTreeMap<FrameId, f64> = BTreeMap::new();
        let mut contributions = Vec::new();
        let mut held = Vec::new();
        let mut held_cues = Vec::new();
        for hit in sentence_hits {
            let (frame, weight, context) = match rules.rule(hit.rule).target {
                Target::Frame {
                    frame,
                    weight,
                    context,
                } => (frame, weight, context),
                // A stance cue's context is checked here, where the
                // sentences around are known; the edges come later.
                Target::Stance {
                    context: Some(c), ..
                } => {
                    let check = check(rules, c, text, hit, &around, &distance);
                    if !check.admitted {
                        held_cues.push(HeldCue {
                            rule: hit.rule,
                            span: hit.span,
                            context: check,
                        });
                    }
                    continue;
                }
                _ => continue,
            };
            let context = context.map(|c| Box::new(check(rules, c, text, hit, &around, &distance)));
            let quoted = in_quote(hit);
            if context.as_ref().is_some_and(|c| !c.admitted) {
                held.push(Contribution {
                    frame,
                    rule: hit.rule,
                    span: hit.span,
                    weight,
                    modifiers: Vec::new(),
                    quoted,
                    score: 0.0,
                    context,
                });
                continue;
            }
            let mut applied = modifiers_for(
                rules,
                hit,
                &modifiers,
                &distance,
                rules.modifiers.negation_frame_factor,
            );
            if quoted && rules.scoring.quote_factor != 1.0 {
                applied.push(Applied {
                    kind: Modification::Quote,
                    span: hit.span,
                    factor: rules.scoring.quote_factor,
                });
            }
            let score = applied.iter().fold(weight, |s, a| s * a.factor).max(0.0);
            *totals.entry(frame).or_default() += score;
            contributions.push(Contribution {
                frame,
                rule: hit.rule,
                span: hit.span,
                weight,
                modifiers: applied,
                quoted,
                score: round4(score),
                context,
            });
        }
        let result = &mut out[index];
        result.contributions = contributions;
        result.held = held;
        result.held_cues = held_cues;
        result.frames = totals
            .into_iter()
            .filter(|(_, s)| *s > rules.scoring.threshold)
            .map(|(f, s)| (f, round4(s)))
            .collect();
    }
    (out, ranges)
}

/// The mention that actor alias `hit` (of actor `actor`) makes on `date`.
/// A person the document calls former rolls up to nobody but themself.
fn actor_mention(
    rules: &RuleSet,
    hit: &Hit,
    actor: ActorId,
    date: Option<ArticleDate>,
    former: &[ActorId],
) -> Mention {
    let (root, role) = if former.contains(&actor) {
        (actor, None)
    } else {
        rules.root_and_role_at(actor, date)
    };
    Mention {
        actor: root,
        role,
        entity: actor,
        span: hit.span,
        rule: hit.rule,
        resolved: false,
    }
}

/// Whether `m` counts as an actor: a person counts only as the state or
/// organisation they act for, and one who rolls up to none on this date (a
/// legislator before a ministerial role, a former leader) is no actor.
fn is_actor(rules: &RuleSet, m: &Mention) -> bool {
    rules.actor(m.actor).kind != ActorKind::Person
}
