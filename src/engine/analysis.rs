//! One analysis of one document: the only way the crate turns a document
//! into results. Every command (classify, explain, actors, coverage, eval,
//! diff, rules test) reads an [`Analysis`], so they can never disagree about
//! a document, and the article date is read in one place ([`article_date`]).

use crate::engine::model::{Mention, SentenceResult};
use crate::engine::modifiers::Words;
use crate::engine::quotes::{attribute_quote_spans, quote_spans, Quote, Speaker};
use crate::engine::references::resolved_mention;
use crate::engine::scan::{scan_with_context, Hit};
use crate::engine::score::score;
use crate::engine::stance::find_edges;
use crate::pack::ruleset::{Resolve, RuleSet, Target};
use crate::text::date::{parse_date, ArticleDate};
use crate::text::document::{DocDate, Document};
use crate::text::segment::sentences;

/// Everything the engine found in one document.
#[derive(Clone, Debug)]
pub struct Analysis {
    /// The date the analysis used for dated roles, at the precision it was
    /// written ([`article_date`]).
    pub date: Option<ArticleDate>,
    /// The scored sentences, in text order.
    pub sentences: Vec<SentenceResult>,
    /// Quotations with their speakers, in text order.
    pub quotes: Vec<Quote>,
    /// Every rule match kept by the scan (sorted by start, then rule), for
    /// views that show matches the scores did not use (modifiers, cues).
    pub hits: Vec<Hit>,
    /// Words: whitespace tokens with a letter or digit.
    pub words: usize,
}

/// The date of `doc` for dated roles and corpus grouping: the date its
/// reader read from its metadata (the `--date-field`, in the forms of
/// [`parse_date`] and the `--date-format`); `None` when it has none or it
/// could not be read. A document built in code, which no reader has seen,
/// has its `date` metadata read in the forms read without a format.
pub fn article_date(doc: &Document) -> Option<ArticleDate> {
    match &doc.date {
        DocDate::Read(date) => *date,
        DocDate::Unreadable(_) => None,
        DocDate::Unread => doc
            .meta
            .get("date")
            .and_then(|d| parse_date(d, None).ok().flatten()),
    }
}

/// Analyses `doc` with `rules`, as of the document's own date.
pub fn analyze(rules: &RuleSet, doc: &Document) -> Analysis {
    analyze_text(rules, &doc.text, article_date(doc))
}

/// Analyses `text` as of `date` (a pack test, or a text without metadata).
///
/// The stages, in order: segment into sentences, scan once with the
/// automaton, find quotations, score each sentence (frames, mentions,
/// references), attribute the quotations, resolve the first person inside
/// them to their speakers, and find each sentence's stance edges.
pub fn analyze_text(rules: &RuleSet, text: &str, date: Option<ArticleDate>) -> Analysis {
    let spans = sentences(text);
    let (hits, found) = scan_with_context(rules, text, &spans);
    let words = Words::new(text);
    let quoted = quote_spans(text);
    let distance = |from: usize, to: usize| words.distance(from, to);
    let mut scored = Vec::with_capacity(spans.len());
    let mut ranges = Vec::with_capacity(spans.len());
    for (sentence, range) in score(rules, text, date, &spans, &hits, &found, &words, &quoted) {
        scored.push(sentence);
        ranges.push(range);
    }
    let quotes = attribute_quote_spans(rules, text, &scored, &quoted);
    if rules.resolve_references {
        resolve_speakers(rules, text, &hits, &quotes, &mut scored);
        carried_speakers(rules, text, &hits, &quotes, &mut scored);
    }
    // Edges come last: a speaker's "we" and a quotation's speaker can be
    // the source of a cue inside the quotation.
    for (sentence, range) in scored.iter_mut().zip(ranges) {
        let hits = &hits[range];
        let span = (sentence.span[0], sentence.span[1]);
        sentence.edges = find_edges(
            rules,
            text,
            span,
            hits,
            &sentence.mentions,
            &quotes,
            &distance,
        );
    }
    Analysis {
        date,
        sentences: scored,
        quotes,
        hits,
        words: words.count,
    }
}

/// Resolves the speaker references ("we", "our") that stand inside a
/// quotation whose speaker is an actor to that actor, in the sentence that
/// holds them: in “We will not be intimidated,” Obama said, "We" is Obama.
fn resolve_speakers(
    rules: &RuleSet,
    text: &str,
    hits: &[Hit],
    quotes: &[Quote],
    sentences: &mut [SentenceResult],
) {
    for hit in hits {
        let Target::Reference { reference } = rules.rules[hit.rule].target else {
            continue;
        };
        if rules.references[reference].resolves != Resolve::Speaker {
            continue;
        }
        // Quotes are disjoint and in order.
        let q = quotes.partition_point(|q| q.span[0] <= hit.start);
        let Some(quote) = q.checked_sub(1).map(|q| &quotes[q]) else {
            continue;
        };
        let Some(speaker) = quote.speaker.as_ref().filter(|_| hit.end <= quote.span[1]) else {
            continue;
        };
        let (Some(actor), Some(entity)) = (&speaker.actor, &speaker.entity) else {
            continue;
        };
        let i = sentences.partition_point(|s| s.span[1] <= hit.start);
        let Some(sentence) = sentences.get_mut(i) else {
            continue;
        };
        add_speaker_mention(rules, text, hit, speaker, actor, entity, sentence);
    }
}

/// Adds to `sentence` the reference `hit` as a mention of the quotation's
/// `speaker` (an actor), in text order.
fn add_speaker_mention(
    rules: &RuleSet,
    text: &str,
    hit: &Hit,
    speaker: &Speaker,
    actor: &str,
    entity: &str,
    sentence: &mut SentenceResult,
) {
    let antecedent = Mention {
        actor: actor.to_string(),
        entity: entity.to_string(),
        text: speaker.text.clone(),
        span: speaker.span,
        origin: String::new(),
        resolved: true,
        role: None,
    };
    let mention = resolved_mention(rules, text, hit, &antecedent);
    let at = sentence
        .mentions
        .partition_point(|m| m.span <= mention.span);
    sentence.mentions.insert(at, mention);
    if !sentence.actors.iter().any(|a| a == actor) {
        sentence.actors.push(actor.to_string());
        sentence.actors.sort();
    }
}

/// Adds the speaker pronouns that a quote carried on from the quote before
/// ("“…,” he added", see [`crate::engine::quotes`]) as mentions of their
/// actor, in the sentence that holds them, where no mention stands there.
fn carried_speakers(
    rules: &RuleSet,
    text: &str,
    hits: &[Hit],
    quotes: &[Quote],
    sentences: &mut [SentenceResult],
) {
    for quote in quotes {
        let Some(speaker) = &quote.speaker else {
            continue;
        };
        let (Some(actor), Some(entity)) = (&speaker.actor, &speaker.entity) else {
            continue;
        };
        let i = sentences.partition_point(|s| s.span[1] <= speaker.span[0]);
        let Some(sentence) = sentences.get_mut(i) else {
            continue;
        };
        // A mention there already? Mentions are in text order and do not
        // overlap, so only the last one starting before the speaker's end
        // can (a binary search: a run-on sentence of quotes stays linear).
        let starts = sentence
            .mentions
            .partition_point(|m| m.span[0] < speaker.span[1]);
        if starts > 0 && sentence.mentions[starts - 1].span[1] > speaker.span[0] {
            continue;
        }
        // The reference rule matched at the speaker's words ("he").
        let h = hits.partition_point(|h| h.start < speaker.span[0]);
        let Some(hit) = hits[h..]
            .iter()
            .take_while(|h| h.start == speaker.span[0])
            .find(|h| {
                h.end == speaker.span[1]
                    && matches!(rules.rules[h.rule].target, Target::Reference { .. })
            })
        else {
            continue;
        };
        add_speaker_mention(rules, text, hit, speaker, actor, entity, sentence);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::work::assert_near_linear;

    /// One long unpunctuated sentence of `unit` repeated: the work of its
    /// analysis grows linearly with its length (issue 15, defects 2 and 3).
    fn scales(unit: &str) {
        let rules = RuleSet::embedded().expect("the embedded pack compiles");
        assert_near_linear(unit.trim(), 150, |n| {
            let text = unit.repeat(n);
            let a = analyze_text(&rules, &text, None);
            assert_eq!(a.sentences.len(), 1, "one sentence");
        });
    }

    #[test]
    fn contrastives_in_one_sentence_scale_linearly() {
        // "ally" counts only with a government nearby: Seoul. Each "ally"
        // also checks its context's actors, once quadratic in the sentence.
        scales("Seoul is an ally but ");
    }

    #[test]
    fn stance_cues_in_one_sentence_scale_linearly() {
        scales("Russia praised China ");
    }

    #[test]
    fn passive_cues_in_one_sentence_scale_linearly() {
        scales("China was praised by Russia ");
    }

    #[test]
    fn quotes_in_one_sentence_scale_linearly() {
        scales("Kim said \"ally\" ");
    }

    #[test]
    fn references_in_one_sentence_scale_linearly() {
        scales("China met him and he ");
    }
}
