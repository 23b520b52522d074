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
use crate::engine::modifiers::{modifiers_for, SentenceModifiers};
use crate::engine::scan::Hit;
use crate::pack::ruleset::{RuleSet, Target};
use crate::text::normalize::normalize_pattern;
use crate::text::tokens::tokens;

/// Finds the edges of the sentence `span`, given its hits, its actor
/// mentions (in text order) and its modifier hits.
///
/// Work is near-linear in the sentence however many cues and actors it
/// has: clauses are found by binary search, the mentions of a clause are a
/// slice, subjects come from links to the previous mention of another
/// actor, and targets from a sweep that keeps each actor's first mention
/// after the cue.
pub(crate) fn find_edges(
    rules: &RuleSet,
    text: &str,
    span: (usize, usize),
    hits: &[Hit],
    mentions: &[Mention],
    modifiers: &SentenceModifiers<'_>,
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
    breaks.extend(modifiers.contrastives.iter().map(|m| m.start));
    breaks.sort_unstable();
    let word_before = |at: usize, back: usize| -> Option<&str> {
        let i = words.partition_point(|(s, _, _)| *s < at);
        i.checked_sub(back).map(|j| words[j].2.as_str())
    };
    let word_after = |at: usize, ahead: usize| -> Option<&str> {
        let i = words.partition_point(|(_, e, _)| *e <= at);
        words.get(i + ahead).map(|w| w.2.as_str())
    };
    let links = Links::new(mentions, |m| {
        word_before(m.span[0], 1).is_some_and(|w| settings.prepositions.iter().any(|p| p == w))
    });
    // Each cue's clause as a slice `lo..hi` of the mentions: mentions do
    // not overlap, so in text order their ends are sorted too.
    let clauses: Vec<(usize, usize)> = cues
        .iter()
        .map(|cue| {
            let (clause_start, clause_end) = clause_of(&breaks, cue, span);
            let lo = mentions.partition_point(|m| m.span[0] < clause_start);
            let hi = mentions.partition_point(|m| m.span[1] <= clause_end);
            (lo, hi.max(lo))
        })
        .collect();
    let targets = targets_after(mentions, &cues, &clauses);

    let mut edges = Vec::new();
    for ((cue, targets), &(lo, hi)) in cues.iter().copied().zip(targets).zip(&clauses) {
        let Target::Stance {
            positive,
            weight,
            reverse,
        } = rules.rules[cue.rule].target
        else {
            continue;
        };
        let before_end = mentions
            .partition_point(|m| m.span[1] <= cue.start)
            .clamp(lo, hi);
        let after_start = mentions
            .partition_point(|m| m.span[0] < cue.end)
            .clamp(lo, hi);
        crate::work::tick(1);
        // The subject: the possessor of the cue ("Beijing's support"), else
        // the nearest actor before it, unless that one sits in a
        // prepositional phrase and an earlier actor does not. `other` is the
        // actor at the edge's other end, never its own subject.
        let possessor = |m: &Mention| {
            let rest = &text[m.span[1]..cue.start];
            (rest.starts_with("'s") || rest.starts_with("’s"))
                && distance(m.span[1], cue.start) <= 2
        };
        let subject = |other: Option<&str>| -> Option<&Mention> {
            let last = links.last_other(lo, before_end, other)?;
            let m = &mentions[last];
            if possessor(m) || !links.prepositional[last] {
                return Some(m);
            }
            let plain = links.last_plain_other(lo, before_end, other);
            Some(&mentions[plain.unwrap_or(last)])
        };
        let auxiliary_before = (1..=2).any(|k| {
            word_before(cue.start, k).is_some_and(|w| settings.auxiliaries.iter().any(|a| a == w))
        });
        let agent_after = !settings.agent.is_empty()
            && (0..2).any(|k| word_after(cue.end, k).is_some_and(|w| w == settings.agent));
        let passive = reverse || (auxiliary_before && agent_after);
        let (source, targets): (Option<&Mention>, Vec<&Mention>) = if passive {
            let source = mentions[after_start..hi].first();
            let target = source.and_then(|s| subject(Some(&s.actor)));
            (source, target.into_iter().collect())
        } else {
            // Each actor's first mention after the cue, in text order.
            let after: Vec<&Mention> = targets.into_iter().map(|i| &mentions[i]).collect();
            let source = subject(None);
            let targets = object(text, &after, source.map(|s| s.actor.as_str()));
            (source, targets)
        };
        let Some(source) = source else {
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

/// The clause around `cue`: from the last break before it (or the sentence
/// start) to the first break at or after its end (or the sentence end).
fn clause_of(breaks: &[usize], cue: &Hit, span: (usize, usize)) -> (usize, usize) {
    let i = breaks.partition_point(|&b| b < cue.start);
    let start = i.checked_sub(1).map_or(span.0, |i| breaks[i]);
    let j = breaks.partition_point(|&b| b < cue.end);
    (start, breaks.get(j).copied().unwrap_or(span.1))
}

/// Links between a sentence's mentions that let a subject be found in
/// constant time: for each mention, the previous mention of another actor;
/// the last mention at or before it that is not right after a preposition;
/// and, for those, the previous such mention of another actor.
struct Links<'a> {
    mentions: &'a [Mention],
    /// The mention stands right after a preposition ("with China").
    prepositional: Vec<bool>,
    prev_other: Vec<Option<usize>>,
    last_plain: Vec<Option<usize>>,
    prev_plain_other: Vec<Option<usize>>,
}

impl<'a> Links<'a> {
    fn new(mentions: &'a [Mention], prepositional: impl Fn(&Mention) -> bool) -> Links<'a> {
        let n = mentions.len();
        let prepositional: Vec<bool> = mentions.iter().map(prepositional).collect();
        let (mut prev_other, mut last_plain, mut prev_plain_other) =
            (vec![None; n], vec![None; n], vec![None; n]);
        let mut plain: Option<usize> = None;
        for i in 0..n {
            if i > 0 {
                prev_other[i] = if mentions[i - 1].actor != mentions[i].actor {
                    Some(i - 1)
                } else {
                    prev_other[i - 1]
                };
            }
            if !prepositional[i] {
                prev_plain_other[i] = plain.and_then(|p| {
                    if mentions[p].actor != mentions[i].actor {
                        Some(p)
                    } else {
                        prev_plain_other[p]
                    }
                });
                plain = Some(i);
            }
            last_plain[i] = plain;
        }
        Links {
            mentions,
            prepositional,
            prev_other,
            last_plain,
            prev_plain_other,
        }
    }

    /// `at` if it is at or after `lo` and not a mention of `other`; else
    /// the mention `back` links it to, if that is at or after `lo`.
    fn unless(
        &self,
        at: Option<usize>,
        lo: usize,
        other: Option<&str>,
        back: &[Option<usize>],
    ) -> Option<usize> {
        let at = at.filter(|&i| i >= lo)?;
        if Some(self.mentions[at].actor.as_str()) == other {
            back[at].filter(|&i| i >= lo)
        } else {
            Some(at)
        }
    }

    /// The last mention in `lo..end` of an actor other than `other`.
    fn last_other(&self, lo: usize, end: usize, other: Option<&str>) -> Option<usize> {
        self.unless(end.checked_sub(1), lo, other, &self.prev_other)
    }

    /// The last mention in `lo..end`, not right after a preposition, of an
    /// actor other than `other`.
    fn last_plain_other(&self, lo: usize, end: usize, other: Option<&str>) -> Option<usize> {
        let last = end.checked_sub(1)?;
        self.unless(self.last_plain[last], lo, other, &self.prev_plain_other)
    }
}

/// For each cue (in text order), the first mention after it of each actor
/// in its clause (mentions `..hi` of `clauses`), in text order: a sweep
/// from the end keeps each actor's first mention at or after the current
/// point, so a cue costs the number of distinct actors after it in its
/// clause, not the number of mentions.
fn targets_after(
    mentions: &[Mention],
    cues: &[&Hit],
    clauses: &[(usize, usize)],
) -> Vec<Vec<usize>> {
    let mut firsts: std::collections::BTreeSet<usize> = std::collections::BTreeSet::new();
    let mut first_of: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let mut next = mentions.len();
    let mut out = vec![Vec::new(); cues.len()];
    for (k, cue) in cues.iter().enumerate().rev() {
        let from = mentions.partition_point(|m| m.span[0] < cue.end);
        while next > from {
            next -= 1;
            if let Some(old) = first_of.insert(mentions[next].actor.as_str(), next) {
                firsts.remove(&old);
            }
            firsts.insert(next);
        }
        out[k] = firsts.range(..clauses[k].1).copied().collect();
        crate::work::tick(1 + out[k].len());
    }
    out
}
