//! Modifiers: which negators, intensifiers, dampeners, hedges and
//! contrastives reach a frame term or a stance cue, with VADER's windows and
//! decay, counted in words (the tokeniser's, [`crate::text::tokens`]): one
//! contrastive per sentence,
//! and each lookup a binary search, so a run-on sentence costs linear work.

use crate::engine::model::{round4, Applied, Modification};
use crate::engine::scan::Hit;
use crate::pack::ruleset::{ModifierKind, RuleSet, Target};
use crate::text::span::Span;
use crate::text::tokens::{tokens_back, tokens_in};

/// The words of a document, for counting distances between matches: the
/// tokens of [`tokens_in`] with a word character, so "U.S.", "Jong-un’s"
/// and "“ally”" are one word each, and "Kim—who" two, as "Kim — who" is.
pub(crate) struct Words {
    /// Byte spans of the words (offsets fit in u32, as in the normalised
    /// text's map).
    spans: Vec<(u32, u32)>,
    /// How many words have a letter or digit: the article's word count.
    pub(crate) count: usize,
}

impl Words {
    /// The words of `text`.
    pub(crate) fn new(text: &str) -> Words {
        let mut spans = Vec::with_capacity(text.len() / 6);
        let mut count = 0;
        for t in tokens_in(text, 0, text.len()).filter(|t| t.word) {
            spans.push((t.start as u32, t.end as u32));
            count += usize::from(t.alnum);
        }
        Words { spans, count }
    }

    /// The words that start inside `span`, in text order.
    pub(crate) fn within(&self, span: Span) -> impl ExactSizeIterator<Item = Span> + '_ {
        let first = self
            .spans
            .partition_point(|&(s, _)| (s as usize) < span.start);
        let past = self
            .spans
            .partition_point(|&(s, _)| (s as usize) < span.end);
        self.spans[first..past.max(first)]
            .iter()
            .map(|&(s, e)| Span::new(s as usize, e as usize))
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
        span: Span,
        hits: &'h [Hit],
    ) -> SentenceModifiers<'h> {
        let mut out = SentenceModifiers {
            by_kind: Default::default(),
            contrastives: Vec::new(),
        };
        let names = Names::new(rules, hits);
        for h in hits {
            if matches!(
                rules.rule(h.rule).target,
                Target::Modifier(_) | Target::Contrastive { .. }
            ) && names.contains(text, span, h)
            {
                continue;
            }
            match rules.rule(h.rule).target {
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
        let past = list.partition_point(|m| m.span.end <= at);
        let mut found: Vec<&Hit> = list[..past]
            .iter()
            .rev()
            .take(most)
            .take_while(|m| distance(m.span.end, at) <= window)
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
            if matches!(rules.rule(a.rule).target, Target::Actor { .. }) {
                let furthest = reach.last().copied().unwrap_or(0).max(a.span.end);
                starts.push(a.span.start);
                reach.push(furthest);
            }
        }
        Names { starts, reach }
    }

    /// Whether modifier hit `m` of the sentence at `span` is part of a name.
    fn contains(&self, text: &str, span: Span, m: &Hit) -> bool {
        let started = self.starts.partition_point(|&s| s <= m.span.start);
        if started > 0 && self.reach[started - 1] >= m.span.end {
            return true;
        }
        let capitalised = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
        if !capitalised(m.span.of(text)) {
            return false;
        }
        // The tokens either side, in the sentence.
        let before = &text[span.start..m.span.start];
        let previous = tokens_back(before)
            .next()
            .map_or("", |t| t.span().of(before));
        // A word that ends a clause ("Borders," / "said:") does not run on
        // into a name.
        let runs_on = !previous.ends_with([',', ';', ':', '.', '!', '?', '"', '”', ')']);
        let after = &text[m.span.end..span.end.max(m.span.end)];
        let next = tokens_in(after, 0, after.len())
            .next()
            .map_or("", |t| t.span().of(after));
        runs_on && capitalised(previous) && capitalised(next)
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
            span: m.span,
            factor: round4(factor),
        })
    };
    let before =
        |kind, window, most| modifiers.before(kind, hit.span.start, window, most, distance);
    for m in before(ModifierKind::Negator, mods.negation_window, 1) {
        apply(m, ModifierKind::Negator.into(), negation_factor);
    }
    let booster = &mods.intensifier;
    for m in before(ModifierKind::Intensifier, booster.window, booster.window) {
        let d = distance(m.span.end, hit.span.start);
        apply(
            m,
            ModifierKind::Intensifier.into(),
            1.0 + booster.increment * booster.decay_at(d),
        );
    }
    let booster = &mods.dampener;
    for m in before(ModifierKind::Dampener, booster.window, booster.window) {
        let d = distance(m.span.end, hit.span.start);
        apply(
            m,
            ModifierKind::Dampener.into(),
            1.0 - booster.increment * booster.decay_at(d),
        );
    }
    for m in before(ModifierKind::Hedge, mods.hedge_window, 1) {
        apply(m, ModifierKind::Hedge.into(), mods.hedge_factor);
    }
    if let Some(&m) = modifiers.contrastives.first() {
        if let Target::Contrastive { before, after } = rules.rule(m.rule).target {
            if hit.span.end <= m.span.start && before != 1.0 {
                apply(m, Modification::Contrastive, before);
            } else if hit.span.start >= m.span.end && after != 1.0 {
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
    span: Span,
    hits: &'h [Hit],
) -> SentenceModifiers<'h> {
    SentenceModifiers::new(rules, text, span, hits)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::analysis::analyze_text;
    use crate::text::tokens::Token;

    /// Fillers that are one word to the tokeniser, whatever joins their
    /// parts: a hyphen, an apostrophe, a comma or point in a number, full
    /// stops, quotation marks.
    const ONE_WORD: &[&str] = &[
        "Smith-Jones’s",
        "U.S.-led",
        "1,000",
        "3.5",
        "“well-worn”",
        "O'Neill's",
    ];

    /// Fillers that are two words: an em dash, an en dash, two hyphens or
    /// a zero-width space split them, as spaces do.
    const TWO_WORDS: &[&str] = &[
        "Smith—Jones",
        "Smith — Jones",
        "2017–18",
        "Smith--Jones",
        "Smith\u{200B}Jones",
    ];

    /// The words of `text` by the tokeniser.
    fn words_of(text: &str) -> Vec<Token> {
        tokens_in(text, 0, text.len()).filter(|t| t.word).collect()
    }

    /// The distance between any two tokens is the number of the
    /// tokeniser's words wholly between them, plus one; the word count is
    /// its words with a letter or digit. Modifier windows and context
    /// checks read these distances, so they count what the tokeniser does.
    #[test]
    fn distances_count_the_tokenisers_words() {
        for filler in ONE_WORD.iter().chain(TWO_WORDS) {
            let text = format!("not a {filler} — threat, 12 % \u{301} of it");
            let words = Words::new(&text);
            let all: Vec<Token> = tokens_in(&text, 0, text.len()).collect();
            assert_eq!(
                words.count,
                all.iter().filter(|t| t.alnum).count(),
                "{text}"
            );
            for (i, a) in all.iter().enumerate() {
                for b in &all[i + 1..] {
                    let between = all
                        .iter()
                        .filter(|t| t.word && a.end <= t.start && t.end <= b.start)
                        .count();
                    assert_eq!(words.distance(a.end, b.start), between + 1, "{text}");
                }
            }
            let not = &all[0];
            let threat = all
                .iter()
                .find(|t| text[t.start..].starts_with("threat"))
                .unwrap();
            let want = if ONE_WORD.contains(filler) { 3 } else { 4 };
            assert_eq!(words.distance(not.end, threat.start), want, "{text}");
        }
    }

    /// A negator reaches a term when the tokeniser's words between them
    /// fit the pack's window (3 in the embedded pack): "without a U.S.-led
    /// threat" is negated, "without a Smith—Jones threat" is not, as
    /// "without a Smith Jones threat" is not.
    #[test]
    fn a_negation_window_counts_the_tokenisers_words() {
        let rules = RuleSet::embedded().expect("the embedded pack compiles");
        assert_eq!(rules.modifiers.negation_window, 3);
        for filler in ONE_WORD.iter().chain(TWO_WORDS) {
            let text = format!("It came without a {filler} threat to anyone.");
            let analysis = analyze_text(&rules, &text, None);
            let threat = analysis.sentences[0]
                .contributions
                .iter()
                .find(|c| c.span.of(&text) == "threat")
                .expect("the frame term matches");
            let negated = threat
                .modifiers
                .iter()
                .any(|m| m.kind == Modification::Negation);
            let from = text.find("without").unwrap() + "without".len();
            let to = text.find(" threat").unwrap();
            let between = words_of(&text[from..to]).len();
            assert_eq!(negated, between < 3, "{text}: {between} words between");
            assert_eq!(negated, ONE_WORD.contains(filler), "{text}");
            assert_eq!(analysis.words, words_of(&text).len(), "{text}");
        }
    }
}
