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

/// The modifier and contrastive hits among the `hits` of the sentence at
/// `span` of `text`, leaving out those that are part of a name
/// ([`in_name`]): "Doctors Without Borders" negates nothing.
pub(crate) fn modifier_hits<'h>(
    rules: &RuleSet,
    text: &str,
    span: (usize, usize),
    hits: &'h [Hit],
) -> Vec<&'h Hit> {
    hits.iter()
        .filter(|h| {
            matches!(
                rules.rules[h.rule].target,
                Target::Modifier(_) | Target::Contrastive { .. }
            ) && !in_name(rules, text, span, hits, h)
        })
        .collect()
}

/// Whether modifier hit `m` is part of a name rather than a modifier: inside
/// an actor alias's match (names in the registry), or a capitalised word
/// with capitalised words on both sides within the sentence at `span`, as
/// in a Title Case run ("Doctors Without Borders", "Reporters Without
/// Borders"). A capitalised first word of a sentence ("No one…") is not.
fn in_name(rules: &RuleSet, text: &str, span: (usize, usize), hits: &[Hit], m: &Hit) -> bool {
    let in_alias = hits.iter().any(|a| {
        matches!(rules.rules[a.rule].target, Target::Actor { .. })
            && a.start <= m.start
            && m.end <= a.end
    });
    if in_alias {
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
