//! Quotations and their speakers. Curly quotes pair “…”; straight double
//! quotes toggle. A quote still open at a line break ends there (news
//! paragraphs reopen a continued quote), so an unbalanced quote never
//! swallows the rest of the document.
//!
//! Each quote is attributed by the pack's reporting verbs
//! (`stance.toml`, `reporting-verbs`), in this order:
//!
//! 1. **after** the closing mark, within [`TAIL_WORDS`] words of its
//!    sentence: `“…,” Kim declared` (the speaker is the words between the
//!    quote and the verb) or, when the verb comes first or a comma stands
//!    before it, `“…,” said Sergey Radchenko, a professor at …` and
//!    `…, according to state news agency KCNA` (the speaker is the words
//!    after the verb up to the next comma; what follows the comma is the
//!    speaker's role);
//! 2. **before** the opening mark, in the same sentence: `Kim said: “…”`,
//!    `the military said it had observed “…”` (the speaker is the subject:
//!    the nearest actor before the verb, else the words before it);
//! 3. **continued**: an unattributed quote that opens a sentence within
//!    [`CONTINUATION_SENTENCES`] of an attributed quote continues it.
//!
//! A speaker is an actor when an actor mention (a resolved "he" included)
//! lies within the speaker's words, or when the speaker is a "he" or "she"
//! that resolved to no one and the quote before it, within
//! [`CONTINUATION_SENTENCES`], has an actor for its speaker (`“…,” he
//! added`); otherwise it is a named source, kept by name. A quote matching none of these (a scare quote such as an
//! “irreversible” nuclear power) stays unattributed.

use serde::{Serialize, Serializer};

use crate::engine::model::{FrameScores, Mention, Named, SentenceResult};
use crate::pack::ruleset::{ActorId, RuleSet};
use crate::text::normalize::chars_led_by;
use crate::text::span::Span;
use crate::text::tokens::{words, Word};

/// How many words after a closing quote mark a reporting verb is looked for.
pub(crate) const TAIL_WORDS: usize = 8;
/// How many words a speaker's name may have.
pub(crate) const NAME_WORDS: usize = 6;
/// How many sentences back an attributed quote carries to a continuation.
pub(crate) const CONTINUATION_SENTENCES: usize = 2;
/// Personal pronouns that can be the subject of a reporting verb, as cores.
const SUBJECT_PRONOUNS: &[&str] = &["he", "she", "they", "we", "i"];

/// Who a quotation is attributed to.
#[derive(Clone, Debug, PartialEq)]
pub struct Speaker {
    /// The speaker as the text names them ("Kim", "Sergey Radchenko", "he").
    pub text: String,
    /// Byte span of the speaker's words.
    pub span: Span,
    /// The rolled-up actor, when the speaker is one.
    pub actor: Option<ActorId>,
    /// The registry entry matched (e.g. `kim-jong-un`), when an actor.
    pub entity: Option<ActorId>,
    /// The speaker was found through a resolved reference ("he said").
    pub resolved: bool,
    /// What follows the name ("a professor at Johns Hopkins University").
    pub role: Option<String>,
    /// The reporting verb as it stands in the text.
    pub verb: String,
    /// `after`, `before` or `continued` (see the module documentation).
    pub how: &'static str,
}

impl Speaker {
    /// `PRK "Kim"` for an actor, `"Sergey Radchenko"` for a named source.
    pub fn label(&self, rules: &RuleSet) -> String {
        match self.actor {
            Some(a) => format!("{} \"{}\"", rules.actor_name(a), self.text),
            None => format!("\"{}\"", self.text),
        }
    }
}

/// One quotation in a document.
#[derive(Clone, Debug, PartialEq)]
pub struct Quote {
    /// Byte span, quote marks included.
    pub span: Span,
    /// The quoted words, without the marks.
    pub text: String,
    /// Indices of the first and last sentences it spans.
    pub sentences: [usize; 2],
    /// Its speaker, when attributed.
    pub speaker: Option<Speaker>,
    /// Summed scores of the frame terms inside it, by frame.
    pub frames: FrameScores,
}

impl Serialize for Named<'_, Speaker> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Wire<'a> {
            text: &'a str,
            span: Span,
            #[serde(skip_serializing_if = "Option::is_none")]
            actor: Option<&'a str>,
            #[serde(skip_serializing_if = "Option::is_none")]
            entity: Option<&'a str>,
            #[serde(skip_serializing_if = "std::ops::Not::not")]
            resolved: bool,
            #[serde(skip_serializing_if = "Option::is_none")]
            role: &'a Option<String>,
            verb: &'a str,
            how: &'static str,
        }
        let (sp, rules) = (self.item, self.rules);
        Wire {
            text: &sp.text,
            span: sp.span,
            actor: sp.actor.map(|a| rules.actor_name(a)),
            entity: sp.entity.map(|a| rules.actor_name(a)),
            resolved: sp.resolved,
            role: &sp.role,
            verb: &sp.verb,
            how: sp.how,
        }
        .serialize(serializer)
    }
}

impl Serialize for Named<'_, Quote> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Wire<'a> {
            span: Span,
            text: &'a str,
            sentences: [usize; 2],
            #[serde(skip_serializing_if = "Option::is_none")]
            speaker: Option<Named<'a, Speaker>>,
            #[serde(skip_serializing_if = "no_frames")]
            frames: Named<'a, FrameScores>,
        }
        let q = self.item;
        Wire {
            span: q.span,
            text: &q.text,
            sentences: q.sentences,
            speaker: q
                .speaker
                .as_ref()
                .map(|sp| Named::new(sp, self.rules, self.text)),
            frames: Named::new(&q.frames, self.rules, self.text),
        }
        .serialize(serializer)
    }
}

fn no_frames(frames: &Named<'_, FrameScores>) -> bool {
    frames.item.is_empty()
}

/// The quoted spans of `text`, including the quote marks, in order.
pub(crate) fn quote_spans(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    // Only `"`, a line break and the curly quotes (E2 80 9C/9D) matter.
    for (i, c) in chars_led_by(text, b"\"\n\xE2") {
        match (c, open) {
            ('“', _) => open = Some(i),
            ('”', Some(s)) | ('"', Some(s)) => {
                out.push(Span::new(s, i + c.len_utf8()));
                open = None;
            }
            ('"', None) => open = Some(i),
            ('\n', Some(s)) => {
                out.push(Span::new(s, i));
                open = None;
            }
            _ => {}
        }
    }
    if let Some(s) = open {
        out.push(Span::new(s, text.len()));
    }
    out
}

/// Classifies each quotation of `text` and attributes it to its speaker
/// (see the module documentation). `sentences` are the document's scored
/// sentences, whose mentions (resolved references included) name actors.
pub(crate) fn attribute_quote_spans(
    rules: &RuleSet,
    text: &str,
    sentences: &[SentenceResult],
    spans: &[Span],
) -> Vec<Quote> {
    let spans: Vec<Span> = spans
        .iter()
        .copied()
        .filter(|s| s.of(text).chars().any(char::is_alphanumeric))
        .collect();
    let Some(last_sentence) = sentences.len().checked_sub(1) else {
        return Vec::new();
    };
    let finder = Finder {
        rules,
        text,
        mentions: sentences.iter().flat_map(|s| &s.mentions).collect(),
    };
    let sentence_of = |at: usize| {
        sentences
            .partition_point(|s| s.span.end <= at)
            .min(last_sentence)
    };
    let mut out: Vec<Quote> = Vec::with_capacity(spans.len());
    for (k, &Span { start, end }) in spans.iter().enumerate() {
        let first = sentence_of(start);
        let last = sentence_of(end - 1);
        let next_quote = spans.get(k + 1).map_or(text.len(), |q| q.start);
        let prev_quote = k.checked_sub(1).map_or(0, |j| spans[j].end);
        let tail_end = sentences[last].span.end.min(next_quote).max(end);
        let head_start = sentences[first].span.start.max(prev_quote).min(start);
        let opens_sentence = text[sentences[first].span.start.min(start)..start]
            .trim()
            .is_empty();
        let speaker = finder
            .after(end, tail_end)
            .or_else(|| finder.before(head_start, start))
            .or_else(|| {
                let prev = out.last().filter(|_| opens_sentence)?;
                let speaker = prev.speaker.as_ref()?;
                (first <= prev.sentences[1] + CONTINUATION_SENTENCES).then(|| Speaker {
                    how: "continued",
                    ..speaker.clone()
                })
            });
        // “…,” he added: a pronoun that named no actor where it stands is
        // the speaker of the quote just before, when that one is an actor
        // (news carries a speaker on by "he" from quote to quote).
        let speaker = speaker.map(|sp| {
            let pronoun =
                sp.actor.is_none() && matches!(sp.text.to_lowercase().as_str(), "he" | "she");
            let prev = out
                .last()
                .filter(|q| pronoun && first <= q.sentences[1] + CONTINUATION_SENTENCES)
                .and_then(|q| q.speaker.as_ref())
                .filter(|p| p.actor.is_some());
            match prev {
                Some(p) => Speaker {
                    actor: p.actor,
                    entity: p.entity,
                    resolved: true,
                    ..sp
                },
                None => sp,
            }
        });
        // Contributions are in text order: those inside the quote are a
        // slice of each sentence's, found by binary search (a run-on
        // sentence with a quote every few words has thousands of them).
        let mut frames = FrameScores::default();
        for s in &sentences[first..=last] {
            let from = s.contributions.partition_point(|c| c.span.start < start);
            let inside = s.contributions[from..]
                .iter()
                .take_while(|c| c.span.start < end)
                .filter(|c| c.span.end <= end);
            for c in inside {
                crate::work::tick(1);
                frames.add(c.frame, c.score);
            }
        }
        out.push(Quote {
            span: Span::new(start, end),
            text: text[start..end]
                .trim_matches(|c: char| matches!(c, '“' | '”' | '"'))
                .to_string(),
            sentences: [first, last],
            speaker,
            frames,
        });
    }
    out
}

/// Looks for speakers around quotes.
struct Finder<'a> {
    rules: &'a RuleSet,
    text: &'a str,
    mentions: Vec<&'a Mention>,
}

impl Finder<'_> {
    /// The number of tokens of the reporting verb starting at token `i`, if
    /// one does: the first of the pack's reporting verbs (each split into
    /// its words when it compiled) whose words follow there.
    fn verb_at(&self, words: &[Word], i: usize) -> Option<usize> {
        self.rules.stance.reporting_verbs.at(words, i).next()
    }

    /// A speaker named after the closing mark, in `text[from..to]`.
    fn after(&self, from: usize, to: usize) -> Option<Speaker> {
        let mut words = words(self.text, Span::new(from, to));
        // Punctuation right after the mark (`”, he said`) is not a comma
        // inside the speaker's words.
        let lead = words.iter().take_while(|w| w.core.is_empty()).count();
        words.drain(..lead);
        // A quote closed by punctuation (`“…,”`, `“…?”`, `”,`) ends a
        // statement that a speaker after it can own. A partial quote that
        // runs on inside its clause (`would “destabilise” the region and
        // said…`) does not: the words after it are the clause's, not a
        // speaker's name, and its speaker is the clause's subject (found
        // before it) or nobody.
        let inside = self.text[..from].trim_end_matches(['”', '"', '’', '\'']);
        let closed = lead > 0 || inside.ends_with([',', '.', '?', '!', '…', ':', ';', '—']);
        for i in 0..words.len().min(TAIL_WORDS) {
            let Some(n) = self.verb_at(&words, i) else {
                continue;
            };
            let verb = self.verb_text(&words[i..i + n]);
            let comma_before = words[..i].iter().any(|w| self.ends_with(w, ","));
            if i == 0 || comma_before {
                // “…,” said Sergey Radchenko, a professor at …
                let rest = &words[i + n..];
                let name = self.name_length(rest);
                if name == 0 {
                    return None;
                }
                let role_start = rest[name - 1].span.end;
                let role = self.text[role_start..to]
                    .trim_start_matches([',', ' '])
                    .trim_end_matches(|c: char| !c.is_alphanumeric())
                    .to_string();
                let role =
                    (self.ends_with(&rest[name - 1], ",") && !role.is_empty()).then_some(role);
                return Some(Speaker {
                    role,
                    ..self.speaker(&rest[..name], verb, "after")
                });
            }
            // “…,” Kim declared; but not “…” and has said, where the words
            // before the verb do not name anyone, nor a partial quote that
            // runs on into its clause.
            let named = closed && i <= NAME_WORDS && self.names_someone(&words[..i]);
            return named.then(|| self.speaker(&words[..i], verb, "after"));
        }
        None
    }

    /// A speaker named before the opening mark, in `text[from..to]`: the
    /// reporting verb stands within [`NAME_WORDS`] words of the quote, or
    /// further back when an actor is its subject ("Mr. Trump told reporters
    /// before he left the White House that, when it came to the crown
    /// prince, “…”").
    fn before(&self, from: usize, to: usize) -> Option<Speaker> {
        let words = words(self.text, Span::new(from, to));
        let near = words.len().saturating_sub(NAME_WORDS + 1);
        let verb = |range: std::ops::Range<usize>| {
            range
                .rev()
                .find_map(|i| self.verb_at(&words, i).map(|n| (i, n)))
        };
        let Some((i, n)) = verb(near..words.len()) else {
            let (i, n) = verb(0..near)?;
            let verb_start = words[i].span.start;
            let m = self.within(from, verb_start).first()?;
            return Some(self.mention_speaker(m, self.verb_text(&words[i..i + n])));
        };
        let verb = self.verb_text(&words[i..i + n]);
        let rest = &words[i + n..];
        // According to the ministry, “…”
        if let Some(last) = rest.last() {
            if self.ends_with(last, ",") && self.name_length(rest) == rest.len() {
                return Some(self.speaker(rest, verb, "before"));
            }
        }
        // Kim said: “…” / the military said it had observed “…”: the subject.
        // A personal pronoun right before the verb that names no actor
        // (references left it unresolved: "fighters in Helmand, who he
        // said were “attacking”") is the subject, not an actor before it.
        let verb_start = words[i].span.start;
        let pronoun = i
            .checked_sub(1)
            .filter(|&k| SUBJECT_PRONOUNS.contains(&words[k].core.as_str()));
        if let Some(m) = self
            .within(from, verb_start)
            .iter()
            .rev()
            .find(|m| m.span.end <= verb_start)
        {
            return Some(match pronoun {
                Some(k) if m.span.end <= words[k].span.start => {
                    self.speaker(&words[k..i], verb, "before")
                }
                _ => self.mention_speaker(m, verb),
            });
        }
        (1..=NAME_WORDS)
            .contains(&i)
            .then(|| self.speaker(&words[..i], verb, "before"))
    }

    /// The actor of mention `m` as the speaker named before a quote.
    fn mention_speaker(&self, m: &Mention, verb: String) -> Speaker {
        Speaker {
            text: m.span.of(self.text).to_string(),
            span: m.span,
            actor: Some(m.actor),
            entity: Some(m.entity),
            resolved: m.resolved,
            role: None,
            verb,
            how: "before",
        }
    }

    /// How many of `words` name a speaker: up to a punctuation mark or a
    /// preposition ("said the ministry in a statement"), except that "of"
    /// between capitalised words belongs to the name ("Ministry of
    /// Foreign Affairs"); nothing if that is longer than [`NAME_WORDS`].
    fn name_length(&self, words: &[Word]) -> usize {
        let capital = |w: Option<&Word>| {
            w.and_then(|w| w.span.of(self.text).chars().find(|c| c.is_alphanumeric()))
                .is_some_and(char::is_uppercase)
        };
        let prepositions = &self.rules.stance.prepositions;
        let mut n = 0;
        for (k, w) in words.iter().enumerate() {
            let preposition = prepositions.contains(&w.core);
            let in_name = w.core == "of"
                && capital(k.checked_sub(1).map(|j| &words[j]))
                && capital(words.get(k + 1));
            if k > 0 && preposition && !in_name {
                break;
            }
            n = k + 1;
            if !w
                .span
                .of(self.text)
                .ends_with(|c: char| c.is_alphanumeric() || c == '\'' || c == '’')
            {
                break;
            }
        }
        if n > NAME_WORDS {
            0
        } else {
            n
        }
    }

    /// The mentions that start within `from..to` (mentions are in text
    /// order: a binary search, not a scan of the whole article).
    fn within(&self, from: usize, to: usize) -> &[&Mention] {
        let first = self.mentions.partition_point(|m| m.span.start < from);
        let past = self.mentions.partition_point(|m| m.span.start < to);
        &self.mentions[first..past.max(first)]
    }

    /// Whether `words` can name a speaker: an actor mention lies in them,
    /// or they start with a capital ("Kim", "The ministry") or with a
    /// pronoun or determiner ("he", "the spokesman", "a diplomat"). "and
    /// has" in “…” and has said does not.
    fn names_someone(&self, words: &[Word]) -> bool {
        const OPENERS: &[&str] = &[
            "he",
            "she",
            "they",
            "we",
            "i",
            "it",
            "the",
            "a",
            "an",
            "his",
            "her",
            "their",
            "its",
            "one",
            "another",
            "officials",
            "analysts",
            "experts",
        ];
        let Some(first) = words.first() else {
            return false;
        };
        let (start, end) = (first.span.start, words[words.len() - 1].span.end);
        self.within(start, end).iter().any(|m| m.span.end <= end)
            || first
                .span
                .of(self.text)
                .chars()
                .find(|c| c.is_alphanumeric())
                .is_some_and(char::is_uppercase)
            || OPENERS.contains(&first.core.as_str())
    }

    /// The speaker named by `words`: an actor when a mention lies within them.
    fn speaker(&self, words: &[Word], verb: String, how: &'static str) -> Speaker {
        let start = words.first().map_or(0, |w| w.span.start);
        let raw_end = words.last().map_or(start, |w| w.span.end);
        let end = start
            + self.text[start..raw_end]
                .trim_end_matches(|c: char| !c.is_alphanumeric())
                .len();
        let mention = self
            .within(start, raw_end)
            .iter()
            .find(|m| m.span.end <= raw_end);
        Speaker {
            text: self.text[start..end].to_string(),
            span: Span::new(start, end),
            actor: mention.map(|m| m.actor),
            entity: mention.map(|m| m.entity),
            resolved: mention.is_some_and(|m| m.resolved),
            role: None,
            verb,
            how,
        }
    }

    fn verb_text(&self, words: &[Word]) -> String {
        let (s, e) = (words[0].span.start, words[words.len() - 1].span.end);
        self.text[s..e]
            .trim_end_matches(|c: char| !c.is_alphanumeric())
            .to_string()
    }

    fn ends_with(&self, w: &Word, mark: &str) -> bool {
        w.span.of(self.text).ends_with(mark)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoted(text: &str) -> Vec<&str> {
        quote_spans(text).into_iter().map(|q| q.of(text)).collect()
    }

    #[test]
    fn curly_and_straight_quotes() {
        assert_eq!(
            quoted("He said “firm support” and \"no\"."),
            ["“firm support”", "\"no\""]
        );
    }

    #[test]
    fn unbalanced_quote_stops_at_line_end() {
        assert_eq!(quoted("“Open quote\nNext paragraph."), ["“Open quote"]);
        assert_eq!(quoted("tail “never closed"), ["“never closed"]);
    }

    #[test]
    fn quote_spans_sentences() {
        assert_eq!(quoted("“One. Two,” he said."), ["“One. Two,”"]);
    }
}
