//! Rule coverage over a corpus (`framescope rules coverage`): how often each
//! frame term and actor alias fires, which rules never fire (dead rules, with
//! the file and line that declared them), which terms carry each frame, who
//! is mentioned and through which alias, and a *discovery* list: frequent
//! words and two-word phrases in sentences that mention an actor but that no
//! rule matched — candidates for new terms, with counts and examples.
//!
//! Accumulate documents with [`Coverage::add`], then read the fields, the
//! ranked views ([`Coverage::dead_rules`], [`Coverage::top_terms`],
//! [`Coverage::top_actors`], [`Coverage::top_candidates`]) or the text
//! [`Coverage::report`]. Everything is ordered deterministically: maps are
//! sorted by key, rankings break ties by id or text.
//!
//! # Discovery
//!
//! In every sentence that mentions at least one actor, the sentence is split
//! into word tokens (runs of
//! [`is_word_char`](crate::text::normalize::is_word_char)) and each token is
//! lower-cased.
//! These are the pieces of words a pattern can match ("china" in "China’s",
//! "long range" from "long-range"), not the tokeniser's words: a candidate
//! is proposed as a pattern (see `text::tokens`).
//! A token is skipped when it overlaps the span of a frame term, an actor
//! alias or a modifier match, when it is a stop word ([`is_stop_word`]), when it
//! is a single character, or when it starts with a digit (numbers, years,
//! ordinals). Every remaining token counts as a unigram; two remaining tokens
//! that are adjacent — nothing but spaces or dashes between them, so neither
//! a skipped token nor punctuation — also count as a bigram ("kept apart"
//! from "kept, apart"). Counts are per occurrence. Each candidate keeps the
//! first [`MAX_EXAMPLES`] distinct sentences it was seen in, cut to about
//! [`EXAMPLE_CHARS`] characters around the candidate.
//!
//! Memory stays bounded: when, after a document, more than
//! [`MAX_CANDIDATES`] candidates are held, the rarest are pruned (first every
//! candidate seen once, then twice, … until at most half the limit remain).
//! After a prune, counts are lower bounds for candidates that were dropped
//! and came back; [`Coverage::pruned`] says how many prunes happened.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use serde::Serialize;

use crate::engine::analysis::{analyze, Analysis};
use crate::engine::model::{round4, SentenceResult};
use crate::pack::ruleset::{Origin, RuleId, RuleSet, Target};
use crate::render::{count, plural};
use crate::text::document::Document;
use crate::text::normalize::is_dash;
use crate::text::span::Span;
use crate::text::tokens::{is_function_word, word_runs};

/// Most candidates held before the rarest are pruned.
pub const MAX_CANDIDATES: usize = 100_000;

/// Example sentences kept per candidate.
pub(crate) const MAX_EXAMPLES: usize = 2;

/// Approximate length, in characters, of an example sentence.
pub(crate) const EXAMPLE_CHARS: usize = 160;

/// News boilerplate (reporting verbs, titles, dates, units) and common
/// words that, with the function words ([`is_function_word`]), are never
/// proposed as candidates. Sorted, lower-case.
const NEWS_STOP_WORDS: &[&str] = &[
    "according",
    "added",
    "adding",
    "administration",
    "advertisement",
    "afp",
    "afternoon",
    "again",
    "ago",
    "ahead",
    "all",
    "almost",
    "already",
    "also",
    "although",
    "always",
    "am",
    "another",
    "anything",
    "ap",
    "april",
    "aren",
    "asked",
    "august",
    "away",
    "back",
    "became",
    "become",
    "began",
    "believe",
    "billion",
    "called",
    "came",
    "cannot",
    "caption",
    "cent",
    "click",
    "close",
    "come",
    "comes",
    "continue",
    "continued",
    "copyright",
    "couldn",
    "countries",
    "country",
    "day",
    "days",
    "december",
    "didn",
    "doesn",
    "doing",
    "don",
    "done",
    "dr",
    "early",
    "eight",
    "else",
    "email",
    "end",
    "even",
    "ever",
    "expected",
    "facebook",
    "far",
    "february",
    "first",
    "five",
    "former",
    "four",
    "friday",
    "further",
    "get",
    "gets",
    "getting",
    "getty",
    "give",
    "given",
    "go",
    "going",
    "got",
    "government",
    "hasn",
    "haven",
    "having",
    "help",
    "helped",
    "herself",
    "hide",
    "himself",
    "however",
    "image",
    "images",
    "including",
    "instead",
    "interview",
    "isn",
    "january",
    "july",
    "june",
    "just",
    "know",
    "known",
    "last",
    "late",
    "later",
    "leader",
    "leaders",
    "least",
    "led",
    "left",
    "less",
    "likely",
    "ll",
    "long",
    "look",
    "looking",
    "lot",
    "made",
    "make",
    "makes",
    "making",
    "march",
    "meanwhile",
    "million",
    "minister",
    "ministers",
    "monday",
    "month",
    "months",
    "morning",
    "move",
    "moves",
    "mr",
    "mrs",
    "ms",
    "nearly",
    "need",
    "never",
    "new",
    "news",
    "newsletter",
    "next",
    "night",
    "nine",
    "november",
    "now",
    "number",
    "october",
    "official",
    "officials",
    "often",
    "only",
    "other",
    "others",
    "ourselves",
    "own",
    "part",
    "people",
    "percent",
    "photo",
    "photos",
    "president",
    "presidents",
    "prime",
    "published",
    "put",
    "rather",
    "re",
    "read",
    "recent",
    "recently",
    "report",
    "reported",
    "reporters",
    "reporting",
    "reports",
    "reuters",
    "right",
    "same",
    "saturday",
    "saying",
    "says",
    "second",
    "secretary",
    "see",
    "seemed",
    "seems",
    "seen",
    "september",
    "set",
    "seven",
    "several",
    "share",
    "shouldn",
    "six",
    "something",
    "spokesman",
    "spokesperson",
    "spokeswoman",
    "statement",
    "still",
    "story",
    "subscribe",
    "sunday",
    "take",
    "taken",
    "takes",
    "taking",
    "ten",
    "thing",
    "things",
    "think",
    "third",
    "three",
    "thursday",
    "thus",
    "time",
    "times",
    "today",
    "too",
    "took",
    "top",
    "tried",
    "try",
    "trying",
    "tuesday",
    "twitter",
    "two",
    "updated",
    "use",
    "used",
    "ve",
    "very",
    "vice",
    "video",
    "videos",
    "want",
    "wanted",
    "wants",
    "wasn",
    "way",
    "wednesday",
    "week",
    "weeks",
    "well",
    "went",
    "weren",
    "won",
    "wouldn",
    "year",
    "years",
    "yesterday",
    "yours",
];

/// A function word or news boilerplate: never proposed as a candidate
/// (see [`NEWS_STOP_WORDS`]).
pub(crate) fn is_stop_word(word: &str) -> bool {
    is_function_word(word) || NEWS_STOP_WORDS.binary_search(&word).is_ok()
}

/// Whether a rule is a frame term or an actor alias.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RuleKind {
    /// A frame term.
    Term,
    /// An actor alias.
    Alias,
}

/// How often one frame term or actor alias fired.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RuleCoverage {
    /// Rule id as given by [`RuleSet::rule_label`]: `<frame or actor>:<pattern>`.
    pub id: String,
    /// Term or alias.
    pub kind: RuleKind,
    /// The frame (for a term) or the actor entry (for an alias) it belongs to.
    pub owner: String,
    /// Where it was declared.
    pub origin: Origin,
    /// Matches inside sentences.
    pub hits: usize,
    /// Summed contribution score (frame terms; 0 for aliases).
    pub score: f64,
}

/// Totals for one frame.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct FrameCoverage {
    /// Term matches of the frame.
    pub hits: usize,
    /// Sentences where the frame is present (score above the threshold).
    pub sentences: usize,
    /// Summed contribution score.
    pub score: f64,
}

/// Mentions of one (rolled-up) actor.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ActorCoverage {
    /// Display name.
    pub name: String,
    /// Alias matches.
    pub mentions: usize,
    /// Sentences that mention it.
    pub sentences: usize,
    /// Mentions by alias rule id (`<actor entry>:<pattern>`).
    pub via: BTreeMap<String, usize>,
}

/// A discovery candidate: an unmatched word or two-word phrase.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Candidate {
    /// Occurrences in sentences that mention an actor.
    pub count: usize,
    /// The first sentences it was seen in (at most [`MAX_EXAMPLES`]),
    /// whitespace collapsed and cut to about [`EXAMPLE_CHARS`] characters.
    pub examples: Vec<String>,
}

/// Coverage of a rule pack over a corpus; see the module docs.
#[derive(Clone, Debug, Serialize)]
pub struct Coverage {
    /// The pack's `name@version`.
    pub pack: String,
    /// Documents added.
    pub documents: usize,
    /// Sentences seen.
    pub sentences: usize,
    /// Sentences that mention at least one actor (the discovery sample).
    pub actor_sentences: usize,
    /// Per frame id, every frame of the pack.
    pub frames: BTreeMap<String, FrameCoverage>,
    /// Every frame term and actor alias, in declaration order.
    pub rules: Vec<RuleCoverage>,
    /// Per rolled-up actor id, those mentioned at least once.
    pub actors: BTreeMap<String, ActorCoverage>,
    /// Discovery candidates by lower-cased text.
    pub candidates: BTreeMap<String, Candidate>,
    /// How many times rare candidates were pruned to bound memory.
    pub pruned: usize,
    /// Rule of the pack → position in `rules`.
    #[serde(skip)]
    index: HashMap<RuleId, usize>,
}

impl Coverage {
    /// An empty coverage of `rules`: every frame term and actor alias at 0.
    pub fn new(rules: &RuleSet) -> Coverage {
        let mut out = Coverage {
            pack: rules.info.id.clone(),
            documents: 0,
            sentences: 0,
            actor_sentences: 0,
            frames: rules
                .frames
                .iter()
                .map(|f| (f.id.clone(), FrameCoverage::default()))
                .collect(),
            rules: Vec::new(),
            actors: BTreeMap::new(),
            candidates: BTreeMap::new(),
            pruned: 0,
            index: HashMap::new(),
        };
        for (i, rule) in rules.rules.iter().enumerate() {
            let (kind, owner) = match rule.target {
                Target::Frame { frame, .. } => (RuleKind::Term, &rules.frame(frame).id),
                Target::Actor { actor } => (RuleKind::Alias, &rules.actor(actor).id),
                _ => continue,
            };
            out.index.insert(RuleId::new(i), out.rules.len());
            out.rules.push(RuleCoverage {
                id: rules.rule_label(RuleId::new(i)).to_string(),
                kind,
                owner: owner.clone(),
                origin: rule.origin.clone(),
                hits: 0,
                score: 0.0,
            });
        }
        out
    }

    /// Accumulates one document, scored with `rules` (the pack this coverage
    /// was created for).
    pub fn add(&mut self, rules: &RuleSet, doc: &Document) {
        self.add_analysis(rules, &analyze(rules, doc));
    }

    /// Accumulates one document already analysed with `rules` (so the
    /// analyses can run on other threads).
    pub fn add_analysis(&mut self, rules: &RuleSet, analysis: &Analysis) {
        let scored = &analysis.sentences;
        // Contributions and mentions name their rules; the scan's hits give
        // the modifier spans that discovery skips.
        let modifier_spans: Vec<Span> = analysis
            .hits
            .iter()
            .filter(|h| {
                matches!(
                    rules.rule(h.rule).target,
                    Target::Modifier(_)
                        | Target::Contrastive { .. }
                        | Target::Stance { .. }
                        | Target::Cue { .. }
                )
            })
            .map(|h| h.span)
            .collect();

        self.documents += 1;
        self.sentences += scored.len();
        for s in scored {
            for c in &s.contributions {
                let f = self
                    .frames
                    .entry(rules.frame_name(c.frame).to_string())
                    .or_default();
                f.hits += 1;
                f.score += c.score;
                if let Some(r) = self.index.get(&c.rule) {
                    self.rules[*r].hits += 1;
                    self.rules[*r].score += c.score;
                }
            }
            for name in s.frames.names(rules) {
                self.frames.entry(name.to_string()).or_default().sentences += 1;
            }
            for m in &s.mentions {
                let a = actor_entry(rules, &mut self.actors, rules.actor_name(m.actor));
                a.mentions += 1;
                // A reference's mention names no alias rule: it counts for
                // the actor, not for a rule.
                if let Some(r) = self.index.get(&m.rule) {
                    self.rules[*r].hits += 1;
                    *a.via.entry(self.rules[*r].id.clone()).or_default() += 1;
                }
            }
            for &id in &s.actors {
                actor_entry(rules, &mut self.actors, rules.actor_name(id)).sentences += 1;
            }
            if !s.mentions.is_empty() {
                self.actor_sentences += 1;
                self.discover(&analysis.text, s, &modifier_spans);
            }
        }
        if self.candidates.len() > MAX_CANDIDATES {
            self.prune();
        }
    }

    /// Counts the unmatched unigrams and bigrams of one actor sentence.
    fn discover(&mut self, text: &str, s: &SentenceResult, modifier_spans: &[Span]) {
        // Matched spans, relative to the sentence's text.
        let start = s.span.start;
        let mut matched: Vec<Span> = s
            .contributions
            .iter()
            .chain(&s.held)
            .map(|c| c.span)
            .chain(s.mentions.iter().map(|m| m.span))
            .chain(
                modifier_spans
                    .iter()
                    .copied()
                    .filter(|m| m.overlaps(s.span)),
            )
            .map(|m| Span::new(m.start.saturating_sub(start), m.end.saturating_sub(start)))
            .collect();
        matched.sort_unstable();
        let text = s.text(text);
        // The previous kept token: its lower-cased text and end byte.
        let mut prev: Option<(String, usize)> = None;
        for run in word_runs(text) {
            let (a, b) = (run.start, run.end);
            let word = run.of(text);
            let lower = word.to_lowercase();
            let skip = matched.iter().any(|m| m.overlaps(run))
                || word.chars().count() < 2
                || word.starts_with(char::is_numeric)
                || is_stop_word(&lower);
            if skip {
                prev = None;
                continue;
            }
            if let Some((p, p_end)) = prev.take() {
                if text[p_end..a]
                    .chars()
                    .all(|c| c.is_whitespace() || is_dash(c))
                {
                    self.count(format!("{p} {lower}"), text, a);
                }
            }
            self.count(lower.clone(), text, a);
            prev = Some((lower, b));
        }
    }

    fn count(&mut self, key: String, sentence: &str, at: usize) {
        let c = self.candidates.entry(key).or_default();
        c.count += 1;
        if c.examples.len() < MAX_EXAMPLES {
            let example = excerpt(sentence, at);
            if !c.examples.contains(&example) {
                c.examples.push(example);
            }
        }
    }

    /// Drops the rarest candidates until at most half of [`MAX_CANDIDATES`]
    /// remain.
    fn prune(&mut self) {
        let mut floor = 1;
        while self.candidates.len() > MAX_CANDIDATES / 2 {
            self.candidates.retain(|_, c| c.count > floor);
            floor += 1;
        }
        self.pruned += 1;
    }

    /// Frame terms and actor aliases that never fired, by file and line.
    pub fn dead_rules(&self) -> Vec<&RuleCoverage> {
        let mut dead: Vec<&RuleCoverage> = self.rules.iter().filter(|r| r.hits == 0).collect();
        dead.sort_by(|a, b| {
            (&a.origin.file, a.origin.line, &a.id).cmp(&(&b.origin.file, b.origin.line, &b.id))
        });
        dead
    }

    /// The `n` terms of `frame` that fired with the highest summed score
    /// (ties: more hits first, then by id).
    pub fn top_terms(&self, frame: &str, n: usize) -> Vec<&RuleCoverage> {
        let mut terms: Vec<&RuleCoverage> = self
            .rules
            .iter()
            .filter(|r| r.kind == RuleKind::Term && r.owner == frame && r.hits > 0)
            .collect();
        terms.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then(b.hits.cmp(&a.hits))
                .then(a.id.cmp(&b.id))
        });
        terms.truncate(n);
        terms
    }

    /// The `n` most-mentioned actors (ties by id).
    pub fn top_actors(&self, n: usize) -> Vec<(&str, &ActorCoverage)> {
        let mut actors: Vec<(&str, &ActorCoverage)> =
            self.actors.iter().map(|(k, v)| (k.as_str(), v)).collect();
        actors.sort_by(|a, b| b.1.mentions.cmp(&a.1.mentions).then(a.0.cmp(b.0)));
        actors.truncate(n);
        actors
    }

    /// The `n` most frequent discovery candidates (ties by text).
    pub fn top_candidates(&self, n: usize) -> Vec<(&str, &Candidate)> {
        let mut out: Vec<(&str, &Candidate)> = self
            .candidates
            .iter()
            .map(|(k, v)| (k.as_str(), v))
            .collect();
        out.sort_by(|a, b| b.1.count.cmp(&a.1.count).then(a.0.cmp(b.0)));
        out.truncate(n);
        out
    }

    /// A human-readable report: totals, a per-frame table, each frame's top
    /// `top` terms, every dead rule, the top `top` actors and the top `top`
    /// discovery candidates with one example each.
    pub fn report(&self, rules: &RuleSet, top: usize) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "coverage of {} · {} · {} ({} with an actor)",
            rules.info.stamp(),
            count(self.documents as u64, "document"),
            count(self.sentences as u64, "sentence"),
            self.actor_sentences
        );

        let mut frames: Vec<(&String, &FrameCoverage)> = self.frames.iter().collect();
        frames.sort_by(|a, b| b.1.score.total_cmp(&a.1.score).then(a.0.cmp(b.0)));
        let width = frames
            .iter()
            .map(|(f, _)| f.len())
            .max()
            .unwrap_or(5)
            .max(5);
        let _ = writeln!(
            out,
            "\n{:<width$}  {:>7}  {:>9}  {:>10}",
            "frame", "hits", "sentences", "score"
        );
        for (f, s) in &frames {
            let _ = writeln!(
                out,
                "{f:<width$}  {:>7}  {:>9}  {:>10.2}",
                s.hits,
                s.sentences,
                round4(s.score)
            );
        }

        let _ = writeln!(out, "\ntop terms by score");
        for (f, _) in &frames {
            let terms = self.top_terms(f, top);
            if terms.is_empty() {
                let _ = writeln!(out, "  {f}: none fired");
                continue;
            }
            let _ = writeln!(out, "  {f}");
            for t in terms {
                let _ = writeln!(
                    out,
                    "    {:>9.2}  {:>6}×  {}  ({})",
                    round4(t.score),
                    t.hits,
                    t.id,
                    t.origin
                );
            }
        }

        let dead = self.dead_rules();
        let _ = writeln!(
            out,
            "\ndead rules: {} of {} never fired",
            dead.len(),
            self.rules.len()
        );
        for r in dead {
            let kind = match r.kind {
                RuleKind::Term => "term ",
                RuleKind::Alias => "alias",
            };
            let _ = writeln!(out, "  {}  {kind}  {}", r.origin, r.id);
        }

        let actors = self.top_actors(top);
        let _ = writeln!(out, "\ntop actors ({} mentioned)", self.actors.len());
        if actors.is_empty() {
            let _ = writeln!(out, "  none");
        }
        for (id, a) in actors {
            let mut via: Vec<(&String, &usize)> = a.via.iter().collect();
            via.sort_by(|x, y| y.1.cmp(x.1).then(x.0.cmp(y.0)));
            let via: Vec<String> = via
                .iter()
                .take(5)
                .map(|(alias, n)| format!("{alias} {n}"))
                .collect();
            let _ = writeln!(
                out,
                "  {id:<10} {:>6} {:<8} {:>6} sent.  {}  via {}",
                a.mentions,
                plural(a.mentions as u64, "mention"),
                a.sentences,
                a.name,
                via.join(", ")
            );
        }

        let candidates = self.top_candidates(top);
        let _ = writeln!(
            out,
            "\ncandidate terms: frequent unmatched words and phrases in sentences with actors{}",
            if self.pruned > 0 {
                format!(
                    " (rare candidates pruned {})",
                    count(self.pruned as u64, "time")
                )
            } else {
                String::new()
            }
        );
        if candidates.is_empty() {
            let _ = writeln!(out, "  none");
        }
        let width = candidates
            .iter()
            .map(|(t, _)| t.chars().count())
            .max()
            .unwrap_or(0);
        for (text, c) in candidates {
            let pad = width - text.chars().count();
            let example = c.examples.first().map_or("", String::as_str);
            let _ = writeln!(out, "  {:>6}  {text}{:pad$}  “{example}”", c.count, "");
        }
        out
    }
}

fn actor_entry<'a>(
    rules: &RuleSet,
    actors: &'a mut BTreeMap<String, ActorCoverage>,
    id: &str,
) -> &'a mut ActorCoverage {
    actors
        .entry(id.to_string())
        .or_insert_with(|| ActorCoverage {
            name: rules
                .actors
                .iter()
                .find(|a| a.id == id)
                .map_or_else(|| id.to_string(), |a| a.name.clone()),
            ..ActorCoverage::default()
        })
}

/// `sentence` with whitespace collapsed, cut to about [`EXAMPLE_CHARS`]
/// characters so that byte offset `at` is inside the excerpt. Works on a
/// window around `at`, so a huge run-on "sentence" costs no more than a
/// short one.
pub(crate) fn excerpt(sentence: &str, at: usize) -> String {
    // Up to 60 characters before `at`, unless the whole start fits.
    let head = &sentence[..at];
    let before: Vec<(usize, char)> = head.char_indices().rev().take(EXAMPLE_CHARS).collect();
    let mut from = if before.len() + 40 <= EXAMPLE_CHARS {
        0
    } else {
        before.get(59).map_or(0, |&(i, _)| i)
    };
    // Cut at a space rather than inside a word, when one is near.
    if from > 0 {
        if let Some(i) = sentence[from..at]
            .char_indices()
            .take(20)
            .find(|&(_, c)| c.is_whitespace())
            .map(|(i, c)| i + c.len_utf8())
        {
            // Past the whole space: a non-breaking one is two bytes.
            from += i;
        }
    }
    let taken = sentence[from..at].chars().count();
    let mut to = sentence[at..]
        .char_indices()
        .nth(EXAMPLE_CHARS.saturating_sub(taken))
        .map_or(sentence.len(), |(i, _)| at + i);
    if to < sentence.len() {
        let tail: Vec<(usize, char)> = sentence[at..to].char_indices().collect();
        let near = tail.len().saturating_sub(20).max(1);
        if let Some(&(i, _)) = tail[near.min(tail.len())..]
            .iter()
            .rev()
            .find(|&&(_, c)| c.is_whitespace())
        {
            to = at + i;
        }
    }
    let mut out = String::new();
    if from > 0 {
        out.push('…');
    }
    let mut words = sentence[from..to].split_whitespace().peekable();
    while let Some(w) = words.next() {
        out.push_str(w);
        if words.peek().is_some() {
            out.push(' ');
        }
    }
    if to < sentence.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_words_are_sorted_lower_case_and_unique() {
        for w in NEWS_STOP_WORDS.windows(2) {
            assert!(w[0] < w[1], "{} before {}", w[0], w[1]);
        }
        assert!(NEWS_STOP_WORDS.iter().all(|w| w.to_lowercase() == *w));
        assert!(!NEWS_STOP_WORDS.iter().any(|w| is_function_word(w)));
        assert!(is_stop_word("the") && is_stop_word("said") && is_stop_word("advertisement"));
        assert!(!is_stop_word("sanctions"));
    }

    #[test]
    fn excerpt_collapses_whitespace_and_keeps_the_word() {
        assert_eq!(excerpt("  a\n b  ", 0), "a b");
        let long = format!("{} needle {}", "x ".repeat(150), "y ".repeat(150));
        let at = long.find("needle").unwrap();
        let e = excerpt(&long, at);
        assert!(
            e.contains("needle") && e.starts_with('…') && e.ends_with('…'),
            "{e}"
        );
        assert!(e.chars().count() <= EXAMPLE_CHARS + 2);
    }

    #[test]
    fn excerpt_cuts_on_char_boundaries_beside_any_whitespace() {
        // Non-breaking space, NEL and the line separator are whitespace of
        // two or three bytes: a cut after one must step over all of them.
        for ws in ['\u{a0}', '\u{85}', '\u{2028}', '\u{3000}'] {
            let sentence: String = (0..80).map(|i| format!("w{i}{ws}")).collect();
            for (at, _) in sentence.char_indices() {
                let e = excerpt(&sentence, at);
                assert!(e.chars().count() <= EXAMPLE_CHARS + 2, "{e}");
            }
        }
    }
}
