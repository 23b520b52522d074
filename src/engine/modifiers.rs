//! Modifiers: which negators, intensifiers, dampeners, hedges and
//! contrastives reach a frame term or a stance cue, with VADER's windows and
//! decay, counted in words ([`word_spans`]): one contrastive per sentence,
//! and each lookup a binary search, so a run-on sentence costs linear work.

use crate::engine::model::{round4, Applied, Modification};
use crate::engine::scan::Hit;
use crate::pack::ruleset::{ModifierKind, RuleSet, Target};
use crate::text::normalize::{is_ascii_space, is_word_char};
use crate::text::span::Span;

/// Byte spans of the words of `text` for counting distances: like VADER,
/// a word is a whitespace-separated token with a letter or digit, so "U.S.",
/// "Jong-un’s" and "“ally”" are one word each. Also returns how many of
/// them have a letter or digit proper (the article's word count; a token of
/// combining marks alone is a word for distances but not for counting).
/// One pass over the bytes, decoding only non-ASCII characters.
fn word_spans(text: &str) -> (Vec<(u32, u32)>, usize) {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len() / 6);
    let mut counted = 0;
    // The character at `i`: whether it is whitespace, a word character, and
    // alphanumeric, and its length. ASCII is decided from the byte.
    let class = |i: usize| -> (bool, bool, bool, usize) {
        let b = bytes[i];
        if b < 0x80 {
            let alnum = b.is_ascii_alphanumeric();
            (is_ascii_space(b), alnum, alnum, 1)
        } else {
            let c = text[i..].chars().next().expect("a char at a boundary");
            (
                c.is_whitespace(),
                is_word_char(c),
                c.is_alphanumeric(),
                c.len_utf8(),
            )
        }
    };
    let mut i = 0;
    while i < bytes.len() {
        let (space, mut word, mut alnum, len) = class(i);
        if space {
            i += len;
            continue;
        }
        // A token: up to the next whitespace.
        let start = i;
        i += len;
        while i < bytes.len() {
            let b = bytes[i];
            if b < 0x80 {
                if is_ascii_space(b) {
                    break;
                }
                let a = b.is_ascii_alphanumeric();
                word |= a;
                alnum |= a;
                i += 1;
            } else {
                let (space, w, a, len) = class(i);
                if space {
                    break;
                }
                word |= w;
                alnum |= a;
                i += len;
            }
        }
        if word {
            // Offsets fit in u32, as in the normalised text's map.
            out.push((start as u32, i as u32));
            counted += usize::from(alnum);
        }
    }
    (out, counted)
}

/// The words of a document, for counting distances between matches.
pub(crate) struct Words {
    spans: Vec<(u32, u32)>,
    /// How many words have a letter or digit: the article's word count.
    pub(crate) count: usize,
}

impl Words {
    /// The words of `text` (see [`word_spans`]).
    pub(crate) fn new(text: &str) -> Words {
        let (spans, count) = word_spans(text);
        Words { spans, count }
    }

    /// Words wholly between byte offsets `from` and `to`, plus one:
    /// adjacent words are 1 apart.
    pub(crate) fn distance(&self, from: usize, to: usize) -> usize {
        let first = self.spans.partition_point(|&(s, _)| (s as usize) < from);
        let past = self.spans.partition_point(|&(_, e)| e as usize <= to);
        past.saturating_sub(first) + 1
    }
}

/// The modifier hits of one sentence by kind, each list in text order.
/// Modifiers do not overlap one another (the scan resolves them as one
/// group), so each list is sorted by end as well as by start, and the
/// modifiers before a term are found by binary search.
pub(crate) struct SentenceModifiers<'h> {
    /// Negators, intensifiers, dampeners and hedges, indexed by
    /// [`ModifierKind`].
    by_kind: [Vec<&'h Hit>; 4],
    /// Every contrastive: each ends a clause for stance edges, but only the
    /// first splits the sentence's scores.
    pub(crate) contrastives: Vec<&'h Hit>,
}

impl<'h> SentenceModifiers<'h> {
    /// Sorts the modifier hits among `hits` (in text order) of the
    /// sentence at `span` of `text` by kind, leaving out those that are part
    /// of a name ([`Names`]): "Doctors Without Borders" negates nothing.
    pub(crate) fn new(
        rules: &RuleSet,
        text: &str,
        span: (usize, usize),
        hits: &'h [Hit],
    ) -> SentenceModifiers<'h> {
        let mut out = SentenceModifiers {
            by_kind: Default::default(),
            contrastives: Vec::new(),
        };
        let names = Names::new(rules, hits);
        for h in hits {
            if matches!(
                rules.rules[h.rule].target,
                Target::Modifier(_) | Target::Contrastive { .. }
            ) && names.contains(text, span, h)
            {
                continue;
            }
            match rules.rules[h.rule].target {
                Target::Modifier(kind) => out.by_kind[kind as usize].push(h),
                Target::Contrastive { .. } => out.contrastives.push(h),
                _ => {}
            }
        }
        out
    }

    /// Every modifier and contrastive hit of the sentence that modifies
    /// (none that is part of a name), in no particular order.
    pub(crate) fn all(&self) -> impl Iterator<Item = &'h Hit> + '_ {
        self.by_kind
            .iter()
            .flatten()
            .chain(&self.contrastives)
            .copied()
    }

    /// The modifiers of `kind` that end before `at` within `window` words,
    /// the nearest `most` of them, in text order.
    fn before(
        &self,
        kind: ModifierKind,
        at: usize,
        window: usize,
        most: usize,
        distance: &dyn Fn(usize, usize) -> usize,
    ) -> Vec<&'h Hit> {
        let list = &self.by_kind[kind as usize];
        let past = list.partition_point(|m| m.end <= at);
        let mut found: Vec<&Hit> = list[..past]
            .iter()
            .rev()
            .take(most)
            .take_while(|m| distance(m.end, at) <= window)
            .copied()
            .collect();
        crate::work::tick(1 + found.len());
        found.reverse();
        found
    }
}

/// The modifiers that reach term `hit`, as in VADER: the nearest negator
/// and hedge within their windows; the intensifiers and dampeners within
/// theirs, one per word at most, decaying with distance; and the sentence's
/// first contrastive, which splits it once (what comes before it is
/// weighted by its `before` factor, what comes after by its `after`). So
/// each contribution has at most one modifier of each kind but the
/// boosters, which have at most their window's, and its score is finite
/// however the sentence runs on.
/// The actor matches of a sentence, to tell a modifier word that is part of
/// a name from one that modifies: inside an actor alias's match (names in
/// the registry), or a capitalised word with capitalised words on both
/// sides within the sentence, as in a Title Case run ("Doctors Without
/// Borders", "Reporters Without Borders"). A capitalised first word of a
/// sentence ("No one…") is not. Each test is a binary search, so a run-on
/// sentence costs near-linear work.
struct Names {
    /// Start of each actor match, in text order.
    starts: Vec<usize>,
    /// The furthest end among the actor matches up to each one.
    reach: Vec<usize>,
}

impl Names {
    fn new(rules: &RuleSet, hits: &[Hit]) -> Names {
        let (mut starts, mut reach) = (Vec::new(), Vec::new());
        for a in hits {
            if matches!(rules.rules[a.rule].target, Target::Actor { .. }) {
                let furthest = reach.last().copied().unwrap_or(0).max(a.end);
                starts.push(a.start);
                reach.push(furthest);
            }
        }
        Names { starts, reach }
    }

    /// Whether modifier hit `m` of the sentence at `span` is part of a name.
    fn contains(&self, text: &str, span: (usize, usize), m: &Hit) -> bool {
        let started = self.starts.partition_point(|&s| s <= m.start);
        if started > 0 && self.reach[started - 1] >= m.end {
            return true;
        }
        let capitalised = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
        if !capitalised(&text[m.start..m.end]) {
            return false;
        }
        let before = text[span.0..m.start].trim_end();
        let previous = before.rsplit(char::is_whitespace).next().unwrap_or("");
        // A word that ends a clause ("Borders," / "said:") does not run on
        // into a name.
        let runs_on = !previous.ends_with([',', ';', ':', '.', '!', '?', '"', '”', ')']);
        let after = text[m.end..span.1.max(m.end)].trim_start();
        let next = after.split(char::is_whitespace).next().unwrap_or("");
        !before.is_empty() && runs_on && capitalised(previous) && capitalised(next)
    }
}

pub(crate) fn modifiers_for(
    rules: &RuleSet,
    hit: &Hit,
    modifiers: &SentenceModifiers<'_>,
    distance: &dyn Fn(usize, usize) -> usize,
    negation_factor: f64,
) -> Vec<Applied> {
    let mods = &rules.modifiers;
    let mut applied = Vec::new();
    let mut apply = |m: &Hit, kind: Modification, factor: f64| {
        applied.push(Applied {
            kind,
            span: Span::new(m.start, m.end),
            factor: round4(factor),
        })
    };
    let before = |kind, window, most| modifiers.before(kind, hit.start, window, most, distance);
    for m in before(ModifierKind::Negator, mods.negation_window, 1) {
        apply(m, Modification::Negation, negation_factor);
    }
    let booster = &mods.intensifier;
    for m in before(ModifierKind::Intensifier, booster.window, booster.window) {
        let d = distance(m.end, hit.start);
        apply(
            m,
            Modification::Intensifier,
            1.0 + booster.increment * booster.decay_at(d),
        );
    }
    let booster = &mods.dampener;
    for m in before(ModifierKind::Dampener, booster.window, booster.window) {
        let d = distance(m.end, hit.start);
        apply(
            m,
            Modification::Dampener,
            1.0 - booster.increment * booster.decay_at(d),
        );
    }
    for m in before(ModifierKind::Hedge, mods.hedge_window, 1) {
        apply(m, Modification::Hedge, mods.hedge_factor);
    }
    if let Some(&m) = modifiers.contrastives.first() {
        if let Target::Contrastive { before, after } = rules.rules[m.rule].target {
            if hit.end <= m.start && before != 1.0 {
                apply(m, Modification::Contrastive, before);
            } else if hit.start >= m.end && after != 1.0 {
                apply(m, Modification::Contrastive, after);
            }
        }
    }
    applied
}

/// The modifier and contrastive hits among the `hits` of the sentence at
/// `span` of `text`, by kind, without those that are part of a name.
pub(crate) fn modifier_hits<'h>(
    rules: &RuleSet,
    text: &str,
    span: (usize, usize),
    hits: &'h [Hit],
) -> SentenceModifiers<'h> {
    SentenceModifiers::new(rules, text, span, hits)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The byte loop gives the words that splitting at whitespace gives:
    /// tokens with a word character, counted when one is alphanumeric.
    #[test]
    fn word_spans_are_whitespace_tokens_with_a_word_character() {
        for text in [
            "  Kim’s “ally”, the U.S.-led\tcoalition\r\n— and 12 %  ",
            "Jong-un\u{00A0}met\u{2003}Xi \u{0301} … «ΣΕΟΥΛ» Москва",
            "",
            "x",
            "vertical\u{0B}tab\u{0C}and form feed",
            "\u{3000}日本 と",
        ] {
            let mut want = Vec::new();
            let mut counted = 0;
            let mut at = 0;
            for piece in text.split_inclusive(char::is_whitespace) {
                let token = piece.trim_end_matches(char::is_whitespace);
                if token.chars().any(is_word_char) {
                    want.push((at as u32, (at + token.len()) as u32));
                    counted += usize::from(token.chars().any(char::is_alphanumeric));
                }
                at += piece.len();
            }
            assert_eq!(word_spans(text), (want, counted), "{text:?}");
        }
    }
}
