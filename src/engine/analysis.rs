//! One analysis of one document: the only way the crate turns a document
//! into results. Every command (classify, explain, actors, coverage, eval,
//! diff, rules test) reads an [`Analysis`], so they can never disagree about
//! a document, and the article date is read in one place ([`article_date`]).

use crate::engine::model::{sort_actors, Mention, SentenceResult};
use crate::engine::modifiers::Words;
use crate::engine::quotes::{attribute_quote_spans, quote_spans, Quote, Speaker};
use crate::engine::references::resolved_mention;
use crate::engine::scan::{scan_with_context, Excluded, Hit};
use crate::engine::score::score;
use crate::engine::stance::find_edges;
use crate::pack::ruleset::{ActorId, ActorKind, Resolve, RuleId, RuleSet, Target};
use crate::text::date::{parse_date, ArticleDate};
use crate::text::document::{DocDate, Document};
use crate::text::normalize::normalize_pattern;
use crate::text::segment::sentences;
use crate::text::span::Span;
use crate::text::tokens::{core, tokens_back, word_runs};

/// Everything the engine found in one document.
#[derive(Clone, Debug)]
pub struct Analysis {
    /// The date the analysis used for dated roles, at the precision it was
    /// written (`article_date`).
    pub date: Option<ArticleDate>,
    /// The scored sentences, in text order.
    pub sentences: Vec<SentenceResult>,
    /// Quotations with their speakers, in text order.
    pub quotes: Vec<Quote>,
    /// Every rule match kept by the scan (sorted by start, then rule), for
    /// views that show matches the scores did not use (modifiers, cues).
    pub hits: Vec<Hit>,
    /// The matches set aside that would otherwise have counted, each with
    /// why (an exclusion, a surname, a location, …; sorted by start, then
    /// rule), for the views that show why a word did not count.
    pub excluded: Vec<Excluded>,
    /// Words with a letter or digit: the article's word count (words as
    /// the one tokeniser reads them, `text::tokens`).
    pub words: usize,
    /// The analysed text, which every span indexes.
    pub text: String,
}

/// The date of `doc` for dated roles and corpus grouping: the date its
/// reader read from its metadata (the `--date-field`, in the forms of
/// [`parse_date`] and the `--date-format`); `None` when it has none or it
/// could not be read. A document built in code, which no reader has seen,
/// has its `date` metadata read in the forms read without a format.
pub(crate) fn article_date(doc: &Document) -> Option<ArticleDate> {
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
    analyze_owned(rules, text.to_string(), date)
}

/// [`analyze_text`] of a text the analysis then keeps, without a copy.
pub(crate) fn analyze_owned(rules: &RuleSet, text: String, date: Option<ArticleDate>) -> Analysis {
    let mut analysis = analyze_parts(rules, &text, date);
    analysis.text = text;
    analysis
}

/// The analysis of `text`, but for the text itself.
fn analyze_parts(rules: &RuleSet, text: &str, date: Option<ArticleDate>) -> Analysis {
    let spans = sentences(text);
    let (hits, mut found) = scan_with_context(rules, text, &spans, date);
    let words = Words::new(text);
    let quoted = quote_spans(text);
    let distance = |from: usize, to: usize| words.distance(from, to);
    let (mut scored, ranges) = score(rules, text, date, &spans, &hits, &found, &words, &quoted);
    let quotes = attribute_quote_spans(rules, text, &scored, &quoted);
    let mut spoken = Vec::new();
    if rules.resolve_references {
        spoken = resolve_speakers(rules, text, &quotes, &mut scored);
        carried_speakers(rules, &hits, &quotes, &mut scored);
    }
    // Edges come last: a speaker's "we" and a quotation's speaker can be
    // the source of a cue inside the quotation.
    for (sentence, range) in scored.iter_mut().zip(ranges) {
        let hits = &hits[range];
        sentence.edges = find_edges(rules, text, sentence, hits, &quotes, &distance);
    }
    // The speaker's words found inside quotations are matches as the
    // scan's are, for the views that show matches (explain, coverage).
    let mut hits = hits;
    if !spoken.is_empty() {
        hits.extend(spoken);
        hits.sort_by_key(|h| (h.span.start, h.rule));
    }
    Analysis {
        date,
        sentences: scored,
        quotes,
        hits,
        excluded: std::mem::take(&mut found.excluded),
        words: words.count,
        text: String::new(),
    }
}

/// Resolves the speaker references ("I", "we", "our") that stand inside a
/// quotation whose speaker is an actor to that actor, in the sentence that
/// holds them: in “We will not be intimidated,” Obama said, "We" is Obama.
/// They are matched here, word by word within such quotations, not by the
/// automaton (see [`RuleSet::speaker_words`]): outside one they mean no one.
/// Returns the matches that resolved, as hits of their rules.
fn resolve_speakers(
    rules: &RuleSet,
    text: &str,
    quotes: &[Quote],
    sentences: &mut [SentenceResult],
) -> Vec<Hit> {
    let mut out = Vec::new();
    if rules.speaker_words.is_empty() {
        return out;
    }
    for quote in quotes {
        let Some(speaker) = &quote.speaker else {
            continue;
        };
        let (Some(actor), Some(entity)) = (speaker.actor, speaker.entity) else {
            continue;
        };
        let Span {
            start: from,
            end: to,
        } = quote.span;
        // Runs of word characters, not words: what a speaker rule's pattern
        // matches ("we" in "we'll"), as the automaton would.
        for run in word_runs(&text[from..to]) {
            let (start, end) = (from + run.start, from + run.end);
            let Some(rule) = speaker_word(rules, &text[start..end]) else {
                continue;
            };
            let i = sentences.partition_point(|s| s.span.end <= start);
            if i >= sentences.len() {
                continue;
            }
            let hit = Hit {
                rule,
                span: Span::new(start, end),
            };
            let Target::Reference { reference } = rules.rule(rule).target else {
                continue;
            };
            let r = &rules.references[reference];
            if r.resolves == Resolve::Addressee {
                let lookback = &sentences[i.saturating_sub(r.lookback)..=i];
                let named_after = addressed_after(rules, text, &sentences[i], quote, actor);
                let Some(addressee) =
                    named_after.or_else(|| addressee(rules, lookback, start, actor))
                else {
                    continue;
                };
                let mention = resolved_mention(&hit, &addressee);
                add_mention(rules, &mut sentences[i], mention);
            } else {
                add_speaker_mention(rules, &hit, speaker, actor, entity, &mut sentences[i]);
            }
            out.push(hit);
        }
    }
    out
}

/// The speaker reference rule that `word` (one run of word characters)
/// matches, if any: its normalised form, and for an exact-case rule its
/// case too.
fn speaker_word(rules: &RuleSet, word: &str) -> Option<RuleId> {
    let key = normalize_pattern(word, true);
    rules.speaker_words.iter().copied().find(|&r| {
        let rule = rules.rule(r);
        rule.key == key
            && rule
                .exact
                .as_ref()
                .is_none_or(|exact| *exact == normalize_pattern(word, false))
    })
}

/// Adds to `sentence` the reference `hit` as a mention of the quotation's
/// `speaker` (an actor), in text order.
fn add_speaker_mention(
    rules: &RuleSet,
    hit: &Hit,
    speaker: &Speaker,
    actor: ActorId,
    entity: ActorId,
    sentence: &mut SentenceResult,
) {
    let antecedent = Mention {
        actor,
        entity,
        span: speaker.span,
        rule: hit.rule,
        resolved: true,
        role: None,
    };
    add_mention(rules, sentence, resolved_mention(hit, &antecedent));
}

/// Adds `mention` to `sentence`, in text order, and its actor to the
/// sentence's actors.
fn add_mention(rules: &RuleSet, sentence: &mut SentenceResult, mention: Mention) {
    let at = sentence
        .mentions
        .partition_point(|m| m.span <= mention.span);
    if !sentence.actors.contains(&mention.actor) {
        sentence.actors.push(mention.actor);
        sort_actors(rules, &mut sentence.actors);
    }
    sentence.mentions.insert(at, mention);
}

/// How many words of a title may stand between "to" and the addressee
/// named after a quotation ("to North Korean leader Kim Jong Un").
const TITLE_WORDS: usize = 4;

/// Role nouns in lower case that a title before an addressee's name may
/// hold ("North Korean leader", "his Chinese counterpart").
const TITLE_NOUNS: &[&str] = &[
    "chancellor",
    "counterpart",
    "dictator",
    "king",
    "leader",
    "minister",
    "premier",
    "president",
    "prime",
    "queen",
];

/// The person a quotation of `speaker` (an actor) is addressed to, named
/// after it and its speaker in its `sentence` after "to", "told" or
/// "with" and at most a few words of a title, capitalised or one of
/// [`TITLE_NOUNS`], with no punctuation between: “I thank you for the
/// release,” Trump wrote to North Korean leader Kim Jong Un; “…,”
/// Zelensky told U.S. President Joe Biden; “…,” he said in a call with
/// Biden. Not “…,” Trump told reporters before meeting Kim Jong Un.
fn addressed_after(
    rules: &RuleSet,
    text: &str,
    sentence: &SentenceResult,
    quote: &Quote,
    speaker: ActorId,
) -> Option<Mention> {
    let after = quote
        .speaker
        .as_ref()
        .map_or(quote.span.end, |s| s.span.end);
    let addressed = |m: &Mention| {
        for t in tokens_back(&text[..m.span.start]).take(TITLE_WORDS + 1) {
            let raw = t.span().of(text);
            let word = core(raw);
            if !t.word || raw.ends_with([',', ';', ':']) {
                return false;
            }
            if matches!(word.as_str(), "to" | "told" | "with") {
                return true;
            }
            if !raw.starts_with(char::is_uppercase) && !TITLE_NOUNS.contains(&word.as_str()) {
                return false;
            }
        }
        false
    };
    sentence
        .mentions
        .iter()
        .filter(|m| m.span.start >= after.max(quote.span.end))
        .find(|m| m.actor != speaker && rules.actor(m.entity).kind == ActorKind::Person)
        .filter(|m| addressed(m))
        .copied()
}

/// Whom a quotation's speaker (`speaker`, an actor) addresses with a "you"
/// at byte `at`: the latest mention before it in `sentences` (its own and
/// those its reference looks back to) of a person acting for another actor
/// than the speaker. A letter or call between leaders is quoted after its
/// addressee is named: “I look forward to meeting you,” Trump wrote, after
/// "Kim Jong Un". A crowd or a people addressed ("you are called to be
/// citizens") is no person in the registry, and no actor.
fn addressee(
    rules: &RuleSet,
    sentences: &[SentenceResult],
    at: usize,
    speaker: ActorId,
) -> Option<Mention> {
    let person = |m: &Mention| rules.actor(m.entity).kind == ActorKind::Person;
    sentences
        .iter()
        .rev()
        .flat_map(|s| s.mentions.iter().rev())
        .find(|m| m.span.end <= at && m.actor != speaker && person(m))
        .copied()
}

/// Adds the speaker pronouns that a quote carried on from the quote before
/// ("“…,” he added", see [`crate::engine::quotes`]) as mentions of their
/// actor, in the sentence that holds them, where no mention stands there.
fn carried_speakers(
    rules: &RuleSet,
    hits: &[Hit],
    quotes: &[Quote],
    sentences: &mut [SentenceResult],
) {
    for quote in quotes {
        let Some(speaker) = &quote.speaker else {
            continue;
        };
        let (Some(actor), Some(entity)) = (speaker.actor, speaker.entity) else {
            continue;
        };
        let i = sentences.partition_point(|s| s.span.end <= speaker.span.start);
        let Some(sentence) = sentences.get_mut(i) else {
            continue;
        };
        // A mention there already? Mentions are in text order and do not
        // overlap, so only the last one starting before the speaker's end
        // can (a binary search: a run-on sentence of quotes stays linear).
        let starts = sentence
            .mentions
            .partition_point(|m| m.span.start < speaker.span.end);
        if starts > 0 && sentence.mentions[starts - 1].span.end > speaker.span.start {
            continue;
        }
        // The reference rule matched at the speaker's words ("he").
        let h = hits.partition_point(|h| h.span.start < speaker.span.start);
        let Some(hit) = hits[h..]
            .iter()
            .take_while(|h| h.span.start == speaker.span.start)
            .find(|h| {
                h.span.end == speaker.span.end
                    && matches!(rules.rule(h.rule).target, Target::Reference { .. })
            })
        else {
            continue;
        };
        add_speaker_mention(rules, hit, speaker, actor, entity, sentence);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::work::assert_near_linear;

    /// The actors of each sentence of `text`, as of 2018-05-24.
    fn sentence_actors(text: &str) -> Vec<Vec<String>> {
        let rules = RuleSet::embedded().expect("the embedded pack compiles");
        let date = parse_date("2018-05-24", None).expect("a date");
        analyze_text(&rules, text, date)
            .sentences
            .into_iter()
            .map(|s| {
                s.actor_names(&rules)
                    .into_iter()
                    .map(String::from)
                    .collect()
            })
            .collect()
    }

    #[test]
    fn first_person_in_a_quote_is_its_speaker() {
        let got = sentence_actors(
            "Trump wrote a letter.\n\n\"Sadly, I feel it is inappropriate. Call me or write,\" Trump wrote.",
        );
        assert_eq!(got[1], ["USA"], "\"I\" is the speaker");
        assert_eq!(got[2], ["USA"], "\"me\" in the quote's second sentence");
    }

    #[test]
    fn first_person_outside_an_actors_quote_is_no_one() {
        let got = sentence_actors(
            "I think my friends agree. \"I agree,\" said Marc Angelucci, a lawyer.",
        );
        assert!(got.iter().all(Vec::is_empty), "{got:?}");
    }

    #[test]
    fn you_in_a_quote_is_the_person_addressed() {
        let got = sentence_actors(
            "Trump cancelled the summit with Kim Jong Un.\n\n\"I look forward to meeting you,\" Trump wrote.",
        );
        assert_eq!(got[1], ["PRK", "USA"]);
    }

    #[test]
    fn you_addressed_to_no_person_is_no_one() {
        // Mexico is a state, not a person who could be addressed.
        let got = sentence_actors(
            "Pope Francis visited Mexico.\n\n\"You are called to be citizens,\" Pope Francis said.",
        );
        assert_eq!(got[1], ["VAT"]);
    }

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
    fn undone_cues_in_one_sentence_scale_linearly() {
        // Each "lifted" undoes the act of the cue after it; the act a cue
        // undoes is looked for among the cues just before its word.
        scales("Russia lifted sanctions on China ");
    }

    #[test]
    fn sense_cues_near_terms_in_one_sentence_scale_linearly() {
        // "warned" counts only with no party-politics cue ("Democrats")
        // within 12 words: each term looks for the nearest cue.
        scales("Seoul warned of the Democrats ");
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
