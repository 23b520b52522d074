//! Directed stance edges: who is shown praising, backing, accusing or
//! threatening whom. A stance cue (from `stance.toml`) yields edges from a
//! source actor to target actors in the same clause:
//!
//! - the **source** is the subject: the nearest actor before the cue, except
//!   that an actor right after a preposition ("relationship *with* China")
//!   is passed over when an earlier actor stands in the clause;
//! - the **targets** are the object: the first actor after the cue other
//!   than the source, with the actors coordinated with it ("condemned
//!   Japan and South Korea"), not every actor later in the clause ("an
//!   attack on coalition forces since Trump announced…");
//! - a **passive** cue (an auxiliary such as "was" just before it and the
//!   agent word "by" just after), or a cue marked `reverse` ("backing
//!   from"), reverses them: the first actor after the cue is the source,
//!   the subject before it the target;
//! - clauses end at the pack's clause breaks (";", "while", …) and at
//!   contrastives ("but", "though");
//! - modifiers apply as to frame terms, except that negation flips the
//!   polarity (VADER's −0.74): "did not criticise" is no criticism.
//!
//! A cue without an identifiable source or target yields no edge.

use crate::engine::model::{round4, Edge, Mention};
use crate::engine::modifiers::modifiers_for;
use crate::engine::scan::Hit;
use crate::pack::ruleset::{RuleSet, Target};
use crate::text::normalize::normalize_pattern;
use crate::text::tokens::tokens;

/// Finds the edges of the sentence `span`, given its hits, its actor
/// mentions (in text order) and its modifier hits.
pub(crate) fn find_edges(
    rules: &RuleSet,
    text: &str,
    span: (usize, usize),
    hits: &[Hit],
    mentions: &[Mention],
    modifiers: &[&Hit],
    distance: &dyn Fn(usize, usize) -> usize,
) -> Vec<Edge> {
    let cues: Vec<&Hit> = hits
        .iter()
        .filter(|h| matches!(rules.rules[h.rule].target, Target::Stance { .. }))
        .collect();
    if cues.is_empty() || mentions.len() < 2 {
        return Vec::new();
    }
    let settings = &rules.stance;
    let words = tokens(text, span.0, span.1);
    // Clause boundaries: clause-break words or marks, and contrastives.
    let mut breaks: Vec<usize> = Vec::new();
    for (s, e, core) in &words {
        let raw = normalize_pattern(&text[*s..*e], true);
        for b in &settings.clause_breaks {
            if b.chars().any(char::is_alphanumeric) {
                if core == b {
                    breaks.push(*s);
                }
            } else if let Some(i) = raw.find(b.as_str()) {
                breaks.push(*s + i.min(e - s - 1));
            }
        }
    }
    breaks.extend(
        modifiers
            .iter()
            .filter(|m| matches!(rules.rules[m.rule].target, Target::Contrastive { .. }))
            .map(|m| m.start),
    );
    breaks.sort_unstable();
    let word_before = |at: usize, back: usize| -> Option<&str> {
        let i = words.partition_point(|(s, _, _)| *s < at);
        i.checked_sub(back).map(|j| words[j].2.as_str())
    };
    let word_after = |at: usize, ahead: usize| -> Option<&str> {
        let i = words.partition_point(|(_, e, _)| *e <= at);
        words.get(i + ahead).map(|w| w.2.as_str())
    };

    let mut edges = Vec::new();
    for cue in cues {
        let Target::Stance {
            positive,
            weight,
            reverse,
        } = rules.rules[cue.rule].target
        else {
            continue;
        };
        let clause_start = breaks
            .iter()
            .rev()
            .find(|&&b| b < cue.start)
            .copied()
            .unwrap_or(span.0);
        let clause_end = breaks
            .iter()
            .find(|&&b| b >= cue.end)
            .copied()
            .unwrap_or(span.1);
        let in_clause: Vec<&Mention> = mentions
            .iter()
            .filter(|m| m.span[0] >= clause_start && m.span[1] <= clause_end)
            .collect();
        let before: Vec<&Mention> = in_clause
            .iter()
            .copied()
            .filter(|m| m.span[1] <= cue.start)
            .collect();
        let after: Vec<&Mention> = in_clause
            .iter()
            .copied()
            .filter(|m| m.span[0] >= cue.end)
            .collect();
        // The subject: the possessor of the cue ("Beijing's support"), else
        // the nearest actor before it, unless that one sits in a
        // prepositional phrase and an earlier actor does not. `other` is the
        // actor at the edge's other end, never its own subject.
        let after_preposition = |m: &Mention| {
            word_before(m.span[0], 1).is_some_and(|w| settings.prepositions.iter().any(|p| p == w))
        };
        let possessor = |m: &Mention| {
            let rest = &text[m.span[1]..cue.start];
            (rest.starts_with("'s") || rest.starts_with("’s"))
                && distance(m.span[1], cue.start) <= 2
        };
        let subject = |other: Option<&str>| -> Option<&Mention> {
            let candidates: Vec<&Mention> = before
                .iter()
                .copied()
                .filter(|m| Some(m.actor.as_str()) != other)
                .collect();
            let last = *candidates.last()?;
            if possessor(last) || !after_preposition(last) {
                return Some(last);
            }
            candidates
                .iter()
                .rev()
                .find(|m| !after_preposition(m))
                .copied()
                .or(Some(last))
        };
        let auxiliary_before = (1..=2).any(|k| {
            word_before(cue.start, k).is_some_and(|w| settings.auxiliaries.iter().any(|a| a == w))
        });
        let agent_after = !settings.agent.is_empty()
            && (0..2).any(|k| word_after(cue.end, k).is_some_and(|w| w == settings.agent));
        let passive = reverse || (auxiliary_before && agent_after);
        let (sources, targets): (Vec<&Mention>, Vec<&Mention>) = if passive {
            let source = after.first().copied();
            let target = source.and_then(|s| subject(Some(&s.actor)));
            (source.into_iter().collect(), target.into_iter().collect())
        } else {
            let source = subject(None);
            let targets = object(text, &after, source.map(|s| s.actor.as_str()));
            (source.into_iter().collect(), targets)
        };
        let Some(source) = sources.first() else {
            continue;
        };
        let applied = modifiers_for(
            rules,
            text,
            cue,
            modifiers,
            distance,
            rules.modifiers.negation_stance_factor,
        );
        let signed = applied
            .iter()
            .fold(if positive { weight } else { -weight }, |w, a| w * a.factor);
        if signed == 0.0 {
            continue;
        }
        let mut seen: Vec<&str> = Vec::new();
        for target in targets {
            if target.actor == source.actor || seen.contains(&target.actor.as_str()) {
                continue;
            }
            seen.push(&target.actor);
            edges.push(Edge {
                source: source.actor.clone(),
                target: target.actor.clone(),
                polarity: if signed > 0.0 { "positive" } else { "negative" },
                weight: round4(signed.abs()),
                cue: text[cue.start..cue.end].to_string(),
                rule: rules.rule_id(cue.rule),
                origin: rules.rule_origin(cue.rule),
                span: [cue.start, cue.end],
                source_text: source.text.clone(),
                source_span: source.span,
                target_text: target.text.clone(),
                target_span: target.span,
                passive,
                modifiers: applied.clone(),
            });
        }
    }
    edges
}

/// Words that may stand between coordinated actors ("Japan and the United
/// States", "Iran, Syria or Hezbollah").
const COORDINATION: &[&str] = &[
    "and", "or", "nor", "the", "its", "their", "both", "as", "well",
];

/// The object of a cue among the actors `after` it (in text order): the
/// first whose actor is not `source`, then each next one joined to the
/// previous by coordination only.
fn object<'m>(text: &str, after: &[&'m Mention], source: Option<&str>) -> Vec<&'m Mention> {
    let mut chosen: Vec<&Mention> = Vec::new();
    for m in after {
        match chosen.last() {
            None if Some(m.actor.as_str()) == source => continue,
            None => chosen.push(m),
            Some(prev) => {
                let between = text.get(prev.span[1]..m.span[0]).unwrap_or("");
                let coordinated = between
                    .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
                    .filter(|w| !w.is_empty())
                    .all(|w| {
                        let w = w.to_lowercase();
                        let w = w.trim_end_matches("'s").trim_end_matches("’s");
                        COORDINATION.contains(&w)
                    });
                if !coordinated {
                    break;
                }
                chosen.push(m);
            }
        }
    }
    chosen
}
