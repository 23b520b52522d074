//! Modifiers: which negators, intensifiers, dampeners, hedges and
//! contrastives reach a frame term or a stance cue, with VADER's windows and
//! decay, counted in words ([`word_spans`]).

use crate::engine::model::{round4, Applied};
use crate::engine::scan::Hit;
use crate::pack::ruleset::{ModifierKind, RuleSet, Target};
use crate::text::normalize::is_word_char;

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
/// The words of a document, for counting distances between matches.
pub(crate) struct Words {
    spans: Vec<(usize, usize)>,
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
        let first = self.spans.partition_point(|&(s, _)| s < from);
        let past = self.spans.partition_point(|&(_, e)| e <= to);
        past.saturating_sub(first) + 1
    }
}

/// The modifier and contrastive hits among a sentence's `hits`.
pub(crate) fn modifier_hits<'h>(rules: &RuleSet, hits: &'h [Hit]) -> Vec<&'h Hit> {
    hits.iter()
        .filter(|h| {
            matches!(
                rules.rules[h.rule].target,
                Target::Modifier(_) | Target::Contrastive { .. }
            )
        })
        .collect()
}

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
