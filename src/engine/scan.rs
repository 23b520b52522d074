//! Scanning a document: one pass of the rule set's automaton over the
//! normalised text, keeping matches on word boundaries, extending wildcard
//! matches to the end of their word, checking exact-case rules, dropping
//! matches inside exclusions, and resolving overlaps leftmost-longest within
//! each target group. Spans are byte offsets into the original text.

use crate::pack::ruleset::{ExcludeScope, RuleSet, Target};
use crate::text::normalize::{is_word_char, normalize_pattern, Normalized};
use crate::text::segment::sentences;

/// One accepted match.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    /// Index into [`RuleSet::rules`].
    pub rule: usize,
    /// Start byte in the original text.
    pub start: usize,
    /// End byte (exclusive) in the original text.
    pub end: usize,
}

/// Overlaps are resolved within a group: each frame is its own group, all
/// actors form one, all stance cues one, all modifiers and contrastives another.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Group {
    Frame(usize),
    Actors,
    References,
    Stance,
    Modifiers,
}

#[derive(Clone, Copy, Debug)]
struct Candidate {
    rule: usize,
    start: usize,
    end: usize,
}

/// Scans `text` and returns its hits sorted by start, then rule. Matches
/// never cross a sentence boundary (see [`scan_sentences`]).
pub fn scan(rules: &RuleSet, text: &str) -> Vec<Hit> {
    scan_sentences(rules, text, &sentences(text))
}

/// Scans `text`, already split into `sentences` (sorted byte spans), in one
/// pass. Normalisation joins lines, so a pattern could match across a
/// sentence or paragraph break ("VLADIMIR\n\nPutin"); such candidates are
/// dropped before overlaps are resolved, so the match inside the sentence
/// ("Putin") still counts.
pub fn scan_sentences(rules: &RuleSet, text: &str, sentences: &[(usize, usize)]) -> Vec<Hit> {
    let within_sentence = |start: usize, end: usize| {
        let i = sentences.partition_point(|&(s, _)| s <= start);
        i > 0 && end <= sentences[i - 1].1
    };
    let norm = Normalized::new(text, true);
    let haystack = norm.text.as_str();
    let mut candidates = Vec::new();
    let mut exclusions: Vec<(ExcludeScope, usize, usize)> = Vec::new();
    for m in rules.automaton.find_overlapping_iter(haystack) {
        for &rule in &rules.keys[m.pattern().as_usize()] {
            let r = &rules.rules[rule];
            let (start, mut end) = (m.start(), m.end());
            if r.bound_start
                && haystack[..start]
                    .chars()
                    .next_back()
                    .is_some_and(is_word_char)
            {
                continue;
            }
            if r.wildcard {
                end += haystack[end..]
                    .char_indices()
                    .find(|&(_, c)| !is_word_char(c))
                    .map_or(haystack.len() - end, |(i, _)| i);
            } else if r.bound_end && haystack[end..].chars().next().is_some_and(is_word_char) {
                continue;
            }
            if let Some(exact) = &r.exact {
                let (a, b) = norm.original_span(text, start, m.end());
                if normalize_pattern(&text[a..b], false) != *exact {
                    continue;
                }
            }
            match r.target {
                Target::Exclude(scope) => exclusions.push((scope, start, end)),
                _ => {
                    let (a, b) = norm.original_span(text, start, end);
                    if within_sentence(a, b) {
                        candidates.push(Candidate { rule, start, end });
                    }
                }
            }
        }
    }
    let group_of = |rule: usize| match rules.rules[rule].target {
        Target::Frame { frame, .. } => Group::Frame(frame),
        Target::Actor { .. } => Group::Actors,
        Target::Stance { .. } => Group::Stance,
        Target::Reference { .. } => Group::References,
        _ => Group::Modifiers,
    };
    // Sorted by start, with the longest exclusion's length, so that each
    // candidate looks only at the exclusions that could cover it (a long
    // article has thousands of each).
    exclusions.sort_by_key(|&(_, s, e)| (s, e));
    let longest = exclusions.iter().map(|&(_, s, e)| e - s).max().unwrap_or(0);
    let excluded = |c: &Candidate| {
        let past = exclusions.partition_point(|&(_, s, _)| s <= c.start);
        let first = exclusions[..past].partition_point(|&(_, s, _)| s + longest < c.end);
        exclusions[first..past].iter().any(|&(scope, s, e)| {
            s <= c.start
                && c.end <= e
                && match (scope, &rules.rules[c.rule].target) {
                    (ExcludeScope::Frame(f), Target::Frame { frame, .. }) => f == *frame,
                    (ExcludeScope::Actor(a), Target::Actor { actor }) => a == *actor,
                    (ExcludeScope::AllActors, Target::Actor { .. }) => true,
                    _ => false,
                }
        })
    };
    candidates.retain(|c| !excluded(c));
    // Leftmost-longest within each group; ties go to the rule declared first.
    candidates.sort_by_key(|c| (group_of(c.rule), c.start, std::cmp::Reverse(c.end), c.rule));
    let mut hits = Vec::with_capacity(candidates.len());
    let mut current: Option<(Group, usize)> = None;
    for c in candidates {
        let group = group_of(c.rule);
        if let Some((g, reach)) = current {
            if g == group && c.start < reach {
                continue;
            }
        }
        current = Some((group, c.end));
        let (start, end) = norm.original_span(text, c.start, c.end);
        hits.push(Hit {
            rule: c.rule,
            start,
            end,
        });
    }
    // A reference gives way to an actor alias it overlaps: "the North" in
    // "the North Korean leader" is the alias "North Korean".
    let actor_spans: Vec<(usize, usize)> = hits
        .iter()
        .filter(|h| matches!(rules.rules[h.rule].target, Target::Actor { .. }))
        .map(|h| (h.start, h.end))
        .collect();
    // Actor hits do not overlap one another (leftmost-longest), so sorted by
    // start they are sorted by end too: the only one that can overlap a
    // reference is the last one starting before the reference ends.
    hits.retain(|h| {
        if !matches!(rules.rules[h.rule].target, Target::Reference { .. }) {
            return true;
        }
        let i = actor_spans.partition_point(|&(s, _)| s < h.end);
        !(i > 0 && actor_spans[i - 1].1 > h.start)
    });
    hits.sort_by_key(|h| (h.start, h.rule));
    hits
}
