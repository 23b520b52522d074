//! Scoring sentences: each frame term contributes its weight times the
//! modifiers that reach it (negation, intensifiers, dampeners, hedges,
//! contrastives, quotation), and every contribution keeps its evidence: the
//! rule, where it was declared, the matched span, and each factor applied.

use std::collections::BTreeMap;
use std::ops::Range;

use crate::engine::model::{round4, Applied, Contribution, Mention, SentenceResult};
use crate::engine::modifiers::{modifier_hits, modifiers_for, Words};
use crate::engine::references::{resolve_references, REFERENCE_LOOKBACK};
use crate::engine::scan::Hit;
use crate::pack::ruleset::{RuleSet, Target};
use crate::text::date::ArticleDate;

/// Scores every sentence of `text` (`spans`, with the scan's `hits`) as of
/// `date`: actors with a dated role that holds then roll up to the role's
/// actor (see [`RuleSet::root_at`]); frame terms inside `quotes` are marked
/// quoted. Returns each sentence with the range of `hits` inside it; edges
/// are left to [`crate::engine::stance`]. Callers go through
/// [`crate::engine::analysis::analyze`].
pub(crate) fn score(
    rules: &RuleSet,
    text: &str,
    date: Option<ArticleDate>,
    spans: &[(usize, usize)],
    hits: &[Hit],
    words: &Words,
    quotes: &[(usize, usize)],
) -> Vec<(SentenceResult, Range<usize>)> {
    let distance = |from: usize, to: usize| words.distance(from, to);
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
        let modifiers = modifier_hits(rules, sentence_hits);
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
        out.push((result, first..next_hit));
    }
    out
}
