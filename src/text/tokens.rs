//! The one tokeniser: what a word is, everywhere in the crate.
//!
//! Text splits into **tokens** ([`tokens_in`]) wherever normalisation puts a
//! space: at whitespace ([`is_space`]) and at dashes ([`is_dash`]). A run of
//! dashes is a token of its own, so "Kim—who" is the three tokens of "Kim —
//! who". The one exception is a lone hyphen ([`is_hyphen`]), which joins the
//! parts of a word: "Jong-un", "U.S.-led" and "well-known" are one token
//! each (a run of two, "Kim--who", is a dash). Punctuation stays on its
//! token ("“ally”,", "U.S.", "1,000", "Kim’s"). A **word** is a token with a
//! word character ([`is_word_char`]); a token without one ("—", "%", "…") is
//! punctuation, and counts for no distance.
//!
//! The word count, the distances of modifier windows and context checks,
//! quote attribution, stance clauses, the look-arounds of the scan (location
//! words, names) and the quotations `explain` shows all read these tokens.
//! A token's [`core()`] is its normalised text without the punctuation at its
//! edges, to compare with the pack's word lists.
//!
//! [`word_runs`] are the pieces of words as the matcher sees them: maximal
//! runs of word characters, where a pattern may begin and end ("China" in
//! "China’s", "long" and "range" in "long-range"). Each lies inside one
//! token. Candidate terms (`rules coverage`, `rules suggest`) and the
//! speaker words matched inside quotations are such pieces, since they are
//! what a pattern can match; words are what a reader counts.

use std::collections::HashMap;

use crate::text::normalize::{
    is_ascii_space, is_dash, is_hyphen, is_space, is_word_char, normalize_pattern,
};
use crate::text::span::Span;

/// One token of a text: its byte span `start..end` and what it holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Token {
    /// First byte of the token.
    pub(crate) start: usize,
    /// Byte past its end.
    pub(crate) end: usize,
    /// Whether it has a word character: a word, not punctuation.
    pub(crate) word: bool,
    /// Whether it has a letter or digit: a word the word count counts (a
    /// token of combining marks alone is a word for distances only).
    pub(crate) alnum: bool,
}

impl Token {
    /// Its span in the text.
    pub(crate) fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

/// What a character is to the tokeniser.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    /// Separates tokens ([`is_space`]).
    Space,
    /// A dash that is not a hyphen: a token of its own, with its neighbours.
    Dash,
    /// A hyphen: joins the parts of a word when alone, else a dash.
    Hyphen,
    /// Anything else, with whether it is a word character and alphanumeric.
    Other { word: bool, alnum: bool },
}

/// What a byte is to the tokeniser: [`PUNCT`], [`ALNUM`], [`SPACE`] or
/// [`HYPHEN`] for ASCII, by one look-up (news text is mostly ASCII), and
/// [`WIDE`] for a byte of a character beyond ASCII, which must be decoded.
/// The first two, below [`SPACE`], are what the body of a plain token is
/// made of.
static BYTES: [u8; 256] = {
    let mut table = [WIDE; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = if is_ascii_space(c) {
            SPACE
        } else if c == b'-' {
            HYPHEN
        } else if c.is_ascii_alphanumeric() {
            ALNUM
        } else {
            PUNCT
        };
        b += 1;
    }
    table
};
/// A byte beyond ASCII: part of a character to decode.
const WIDE: u8 = 4;
/// An ASCII byte that is neither a letter, a digit, a space nor a hyphen.
const PUNCT: u8 = 0;
/// An ASCII letter or digit.
const ALNUM: u8 = 1;
/// ASCII whitespace ([`is_ascii_space`]).
const SPACE: u8 = 2;
/// The ASCII hyphen-minus.
const HYPHEN: u8 = 3;

/// The class of the character at byte `i` of `text` (a char boundary) and
/// its length. ASCII is decided from the byte, by [`BYTES`].
#[inline]
fn class_at(text: &str, i: usize) -> (Class, usize) {
    let b = text.as_bytes()[i];
    if b >= 0x80 {
        return wide_class_at(text, i);
    }
    let class = match BYTES[usize::from(b)] {
        SPACE => Class::Space,
        HYPHEN => Class::Hyphen,
        k => Class::Other {
            word: k == ALNUM,
            alnum: k == ALNUM,
        },
    };
    (class, 1)
}

/// [`class_at`] for a character beyond ASCII, which it decodes.
#[inline(never)]
fn wide_class_at(text: &str, i: usize) -> (Class, usize) {
    let c = text[i..].chars().next().expect("a char at a boundary");
    let class = if is_space(c) {
        Class::Space
    } else if is_hyphen(c) {
        Class::Hyphen
    } else if is_dash(c) {
        Class::Dash
    } else {
        Class::Other {
            word: is_word_char(c),
            alnum: c.is_alphanumeric(),
        }
    };
    (class, c.len_utf8())
}

/// The tokens of `text[from..to]` (char boundaries), in order, with spans
/// into `text`. One pass over the bytes, decoding only non-ASCII
/// characters.
pub(crate) fn tokens_in(text: &str, from: usize, to: usize) -> Tokens<'_> {
    Tokens { text, at: from, to }
}

/// The iterator of [`tokens_in`].
pub(crate) struct Tokens<'t> {
    text: &'t str,
    at: usize,
    to: usize,
}

impl Tokens<'_> {
    /// Whether the character at `i` (before `to`) is one of the dash
    /// table: a hyphen next to it is a dash, not a joiner.
    fn dash_at(&self, i: usize) -> bool {
        i < self.to && matches!(class_at(self.text, i).0, Class::Dash | Class::Hyphen)
    }
}

impl Iterator for Tokens<'_> {
    type Item = Token;

    #[inline]
    fn next(&mut self) -> Option<Token> {
        let bytes = self.text.as_bytes();
        while self.at < self.to && is_ascii_space(bytes[self.at]) {
            self.at += 1;
        }
        // Most tokens of news are ASCII letters, digits and punctuation up
        // to an ASCII space: such a token is read in one tight loop. Any
        // other (a hyphen, a character beyond ASCII) is read from its start
        // again by `next_slow`.
        let rest = &bytes[self.at..self.to];
        let n = rest
            .iter()
            .position(|&b| BYTES[usize::from(b)] >= SPACE)
            .unwrap_or(rest.len());
        if n > 0 && rest.get(n).is_none_or(|&b| BYTES[usize::from(b)] == SPACE) {
            // Mostly settled by its first byte: a word starts with a letter.
            let alnum = rest[..n].iter().any(|&b| BYTES[usize::from(b)] == ALNUM);
            let start = self.at;
            self.at += n;
            return Some(Token {
                start,
                end: self.at,
                word: alnum,
                alnum,
            });
        }
        self.next_slow()
    }
}

impl Tokens<'_> {
    /// The next token, whatever it is (past any ASCII spaces): see
    /// [`Iterator::next`], which reads the common tokens inline.
    #[inline(never)]
    fn next_slow(&mut self) -> Option<Token> {
        let bytes = self.text.as_bytes();
        let (first, len) = loop {
            if self.at >= self.to {
                return None;
            }
            if is_ascii_space(bytes[self.at]) {
                self.at += 1;
                continue;
            }
            let (class, len) = class_at(self.text, self.at);
            if class != Class::Space {
                break (class, len);
            }
            self.at += len;
        };
        let start = self.at;
        let mut i = start + len;
        let dash = match first {
            Class::Dash => true,
            Class::Hyphen => self.dash_at(i),
            _ => false,
        };
        if dash {
            // A run of dashes (hyphens among them) is punctuation.
            while i < self.to {
                let (class, len) = class_at(self.text, i);
                if !matches!(class, Class::Dash | Class::Hyphen) {
                    break;
                }
                i += len;
            }
            self.at = i;
            return Some(Token {
                start,
                end: i,
                word: false,
                alnum: false,
            });
        }
        let (mut word, mut alnum) = match first {
            Class::Other { word, alnum } => (word, alnum),
            _ => (false, false),
        };
        // Up to the next space or dash. A hyphen before which a token runs
        // cannot follow a dash (it would have ended the token), so only the
        // character after it decides whether it joins.
        let within = &bytes[..self.to];
        while i < within.len() {
            // ASCII letters, digits and punctuation, most of a token, at
            // once.
            let rest = &within[i..];
            let plain = rest
                .iter()
                .position(|&b| BYTES[usize::from(b)] >= SPACE)
                .unwrap_or(rest.len());
            if !alnum
                && rest[..plain]
                    .iter()
                    .any(|&b| BYTES[usize::from(b)] == ALNUM)
            {
                (word, alnum) = (true, true);
            }
            i += plain;
            let Some(&b) = within.get(i) else { break };
            if b < 0x80 {
                // A space, or a hyphen.
                if BYTES[usize::from(b)] == SPACE || self.dash_at(i + 1) {
                    break;
                }
                i += 1;
                continue;
            }
            let (class, len) = class_at(self.text, i);
            match class {
                Class::Space | Class::Dash => break,
                Class::Hyphen if self.dash_at(i + len) => break,
                Class::Hyphen => {}
                Class::Other { word: w, alnum: a } => {
                    word |= w;
                    alnum |= a;
                }
            }
            i += len;
        }
        self.at = i;
        Some(Token {
            start,
            end: i,
            word,
            alnum,
        })
    }
}

/// The tokens of `text`, last first, read one whitespace-separated piece at
/// a time from the end: for look-backs ("the word before this name"),
/// whose work is the few tokens they read, not the text before them. It
/// allocates nothing: it holds the last [`BACK_TOKENS`] tokens of a piece,
/// and reads the rest of a longer piece ("a—b—c—d—e") again when they are
/// used up (a token's start is a boundary for the tokeniser whether the
/// text goes on past it or ends there).
pub(crate) fn tokens_back(text: &str) -> impl Iterator<Item = Token> + '_ {
    let mut end = text.len();
    let none = Token {
        start: 0,
        end: 0,
        word: false,
        alnum: false,
    };
    // The tokens not yet returned, in text order (the next one last).
    let mut piece = [none; BACK_TOKENS];
    let mut held = 0;
    std::iter::from_fn(move || loop {
        if held > 0 {
            held -= 1;
            return Some(piece[held]);
        }
        // Tokens never cross whitespace, so the piece before `end` holds
        // the next ones whole.
        end = text[..end].trim_end_matches(char::is_whitespace).len();
        if end == 0 {
            return None;
        }
        let start = text[..end]
            .char_indices()
            .rev()
            .find(|&(_, c)| c.is_whitespace())
            .map_or(0, |(i, c)| i + c.len_utf8());
        let mut dropped = false;
        for t in tokens_in(text, start, end) {
            if held == BACK_TOKENS {
                piece.copy_within(1.., 0);
                held -= 1;
                dropped = true;
            }
            piece[held] = t;
            held += 1;
        }
        // What is left of the piece before the tokens held, if any.
        end = if dropped { piece[0].start } else { start };
    })
}

/// How many tokens of one whitespace-separated piece [`tokens_back`] holds
/// at a time: look-backs read a few, and a piece is mostly one.
const BACK_TOKENS: usize = 4;

/// Byte spans of the maximal runs of word characters ([`is_word_char`]) of
/// `text`, in order: the pieces of words a pattern can match (see the
/// module documentation).
pub(crate) fn word_runs(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (is_word_char(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(Span::new(s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(Span::new(s, text.len()));
    }
    out
}

/// The most words a headline has (see [`is_headline`]).
pub(crate) const HEADLINE_WORDS: usize = 14;

/// English function words (articles, pronouns, prepositions, conjunctions,
/// auxiliaries and modals) and the verbs of saying that no ending marks
/// ("said", "told"). Sorted.
const FUNCTION_WORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "across",
    "after",
    "against",
    "along",
    "amid",
    "among",
    "an",
    "and",
    "any",
    "are",
    "around",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "behind",
    "being",
    "below",
    "beneath",
    "beside",
    "besides",
    "between",
    "beyond",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "down",
    "during",
    "each",
    "either",
    "every",
    "except",
    "few",
    "for",
    "from",
    "had",
    "has",
    "have",
    "he",
    "her",
    "here",
    "hers",
    "him",
    "his",
    "how",
    "i",
    "if",
    "in",
    "inside",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "let",
    "like",
    "many",
    "may",
    "me",
    "might",
    "more",
    "most",
    "much",
    "must",
    "my",
    "near",
    "neither",
    "no",
    "nor",
    "not",
    "of",
    "off",
    "on",
    "once",
    "one",
    "onto",
    "or",
    "our",
    "ours",
    "out",
    "outside",
    "over",
    "past",
    "per",
    "said",
    "say",
    "shall",
    "she",
    "should",
    "since",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "though",
    "through",
    "throughout",
    "till",
    "to",
    "told",
    "toward",
    "towards",
    "under",
    "unless",
    "until",
    "up",
    "upon",
    "us",
    "via",
    "was",
    "we",
    "were",
    "what",
    "whatever",
    "when",
    "where",
    "whereas",
    "whether",
    "which",
    "while",
    "who",
    "whom",
    "whose",
    "why",
    "will",
    "with",
    "within",
    "without",
    "would",
    "yet",
    "you",
    "your",
];

/// The commonest adverbs with no "-ly" ("also", "never", "still") and past
/// tenses with no "-ed" ("met", "sent"): words no ending marks as what they
/// are, and never a noun's premodifier. Sorted.
const UNMARKED_VERBS_AND_ADVERBS: &[&str] = &[
    "again", "already", "also", "always", "became", "began", "brought", "came", "even", "ever",
    "felt", "fought", "found", "gave", "got", "held", "just", "kept", "knew", "later", "led",
    "left", "lost", "made", "meant", "met", "never", "now", "often", "only", "paid", "put", "ran",
    "saw", "sent", "set", "soon", "still", "stood", "struck", "thought", "too", "took", "very",
    "went", "won", "wrote",
];

/// Whether `word` (lower case) is one of [`FUNCTION_WORDS`].
pub(crate) fn is_function_word(word: &str) -> bool {
    FUNCTION_WORDS.binary_search(&word).is_ok()
}

/// Whether `word` can premodify a noun after it, as a noun or an adjective
/// does ("defense" in "U.S. defense officials", "border" in "the U.S.
/// border"): a lower-case word that is no function word
/// ([`is_function_word`]) nor one of [`UNMARKED_VERBS_AND_ADVERBS`], and
/// does not end in "-ed", "-ing", "-ly" or "-s" (but "-ss"), endings most
/// often of a verb or an adverb ("Japan warned", "Biden viewed", "Thailand
/// says").
pub(crate) fn is_premodifier(word: &str) -> bool {
    word.starts_with(|c: char| c.is_ascii_lowercase())
        && !is_function_word(word)
        && UNMARKED_VERBS_AND_ADVERBS.binary_search(&word).is_err()
        && !["ed", "ing", "ly"].iter().any(|e| word.ends_with(e))
        && (!word.ends_with('s') || word.ends_with("ss"))
}

/// Whether `text` reads as a headline in title case ("Protesters Mark
/// Russia's Invasion Anniversary"): four to [`HEADLINE_WORDS`] words (the
/// tokens with a letter or digit), and of those that start with a letter
/// all but one in five capitalised. There a capital says nothing about a
/// name. (A longer line in title case is mostly a list of names, where it
/// does.)
pub(crate) fn is_headline(text: &str) -> bool {
    let (mut words, mut lettered, mut capitalised) = (0, 0, 0);
    for t in tokens_in(text, 0, text.len()).filter(|t| t.word) {
        words += 1;
        if words > HEADLINE_WORDS {
            return false;
        }
        let first = t.span().of(text).chars().find(|&c| is_word_char(c));
        if first.is_some_and(char::is_alphabetic) {
            lettered += 1;
            capitalised += usize::from(first.is_some_and(char::is_uppercase));
        }
    }
    words >= 4 && capitalised * 5 >= lettered * 4
}

/// Whether `word` is written as a name is: a capital, then lower case
/// ("Mark", not "MARK" in a headline in capitals).
pub(crate) fn is_name_cased(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.all(|c| !c.is_uppercase())
}

/// The run of word characters ([`is_word_char`]) that opens `text`: "Treaty"
/// of "Treaty's 50th", empty when `text` opens with another character.
pub(crate) fn leading_word_run(text: &str) -> &str {
    let len = text
        .char_indices()
        .find(|&(_, c)| !is_word_char(c))
        .map_or(text.len(), |(i, _)| i);
    &text[..len]
}

/// `text` past the possessive ending, "'s" or "’s", that opens it, if one
/// does: what follows a possessor's name ("Trump's campaign").
pub(crate) fn past_possessive(text: &str) -> Option<&str> {
    text.strip_prefix("'s").or_else(|| text.strip_prefix("’s"))
}

/// `word` without the possessive ending, "'s" or "’s", that closes it, if
/// one does ("Navy's" is "Navy").
pub(crate) fn without_possessive(word: &str) -> Option<&str> {
    word.strip_suffix("'s").or_else(|| word.strip_suffix("’s"))
}

/// A token with its [`core()`], to compare with the pack's word lists.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Word {
    /// Where the token stands.
    pub(crate) span: Span,
    /// Its normalised text without edge punctuation (empty for "—").
    pub(crate) core: String,
}

/// A list of phrases, each split into its words (normalised), indexed by
/// the word each starts with: the phrases at a word are found by one
/// lookup, not by comparing every phrase there (a quote's speaker is
/// looked for at every word around it, among a hundred reporting verbs).
#[derive(Clone, Debug, Default)]
pub(crate) struct Phrases {
    /// The phrases, in the order given.
    phrases: Vec<Vec<String>>,
    /// For each first word, the indices of the phrases that start with it,
    /// in order.
    by_first: HashMap<String, Vec<usize>>,
}

impl Phrases {
    /// Indexes `phrases`, each split into its words. An empty phrase is
    /// kept in the list but matches nowhere.
    pub(crate) fn new(phrases: Vec<Vec<String>>) -> Phrases {
        let mut by_first: HashMap<String, Vec<usize>> = HashMap::new();
        for (k, parts) in phrases.iter().enumerate() {
            if let Some(first) = parts.first() {
                by_first.entry(first.clone()).or_default().push(k);
            }
        }
        Phrases { phrases, by_first }
    }

    /// The phrases, each as its words, in the order given.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &[String]> {
        self.phrases.iter().map(Vec::as_slice)
    }

    /// Whether there are none.
    pub(crate) fn is_empty(&self) -> bool {
        self.phrases.is_empty()
    }

    /// The length in words of each phrase whose words follow one another
    /// from `words[i]` on, in the order given.
    pub(crate) fn at<'p>(
        &'p self,
        words: &'p [Word],
        i: usize,
    ) -> impl Iterator<Item = usize> + 'p {
        let candidates = words
            .get(i)
            .and_then(|w| self.by_first.get(&w.core))
            .map_or(&[][..], Vec::as_slice);
        candidates.iter().filter_map(move |&k| {
            let parts = &self.phrases[k];
            let here = words.get(i..i + parts.len())?;
            let matches = here.iter().zip(parts).all(|(w, p)| w.core == *p);
            matches.then_some(parts.len())
        })
    }
}

/// The tokens of `within` in `text`, each with its [`core()`].
pub(crate) fn words(text: &str, within: Span) -> Vec<Word> {
    tokens_in(text, within.start, within.end)
        .map(|t| Word {
            span: t.span(),
            core: core(t.span().of(text)),
        })
        .collect()
}

/// The normalised core of one token `word`: `normalize_pattern(word,
/// true)` without the characters at its edges that are not word
/// characters ("“Kim,”" is `kim`, "U.S." is `u.s`, "—" is empty). Most
/// words are ASCII without a hyphen or backtick, which normalisation only
/// lower-cases: those take one allocation, not three.
pub(crate) fn core(word: &str) -> String {
    let plain = word.bytes().all(|b| b.is_ascii() && b != b'-' && b != b'`');
    if plain {
        word.trim_matches(|c: char| !c.is_ascii_alphanumeric())
            .to_ascii_lowercase()
    } else {
        normalize_pattern(word, true)
            .trim_matches(|c: char| !is_word_char(c))
            .to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text of each token of `text`, words and punctuation alike.
    fn split(text: &str) -> Vec<&str> {
        tokens_in(text, 0, text.len())
            .map(|t| t.span().of(text))
            .collect()
    }

    #[test]
    fn function_words_are_sorted_lower_case_and_found() {
        assert!(FUNCTION_WORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(FUNCTION_WORDS.iter().all(|w| w.to_lowercase() == *w));
        assert!(UNMARKED_VERBS_AND_ADVERBS.windows(2).all(|w| w[0] < w[1]));
        for w in ["the", "and", "said", "would", "whose"] {
            assert!(is_function_word(w), "{w}");
        }
        for w in ["defense", "government", "other", "senior", "The"] {
            assert!(!is_function_word(w), "{w}");
        }
        for w in ["met", "also", "still"] {
            assert!(!is_premodifier(w), "{w}");
        }
        for w in ["defense", "government", "press", "other"] {
            assert!(is_premodifier(w), "{w}");
        }
    }

    #[test]
    fn tokens_split_at_spaces_and_dashes_but_not_at_a_hyphen() {
        let cases: &[(&str, &[&str])] = &[
            ("Kim—who met Xi", &["Kim", "—", "who", "met", "Xi"]),
            ("Kim — who", &["Kim", "—", "who"]),
            ("Kim Jong-un’s “ally”,", &["Kim", "Jong-un’s", "“ally”,"]),
            ("the U.S.-led coalition", &["the", "U.S.-led", "coalition"]),
            ("Kim--who", &["Kim", "--", "who"]),
            ("Kim-—who", &["Kim", "-—", "who"]),
            ("a -b c- - d", &["a", "-b", "c-", "-", "d"]),
            (
                "1,000 and 3.5 % of 2017–18",
                &["1,000", "and", "3.5", "%", "of", "2017", "–", "18"],
            ),
            (
                "Kim\u{200B}Jong\u{00A0}Un\u{2011}x",
                &["Kim", "Jong", "Un\u{2011}x"],
            ),
            (
                "North Korea\u{2212}China",
                &["North", "Korea", "\u{2212}", "China"],
            ),
            ("  ", &[]),
            ("", &[]),
            ("—", &["—"]),
            ("-", &["-"]),
        ];
        for (text, want) in cases {
            assert_eq!(split(text), *want, "{text:?}");
        }
    }

    #[test]
    fn a_word_has_a_word_character_and_counts_with_a_letter_or_digit() {
        let text = "Kim — \u{301} 12 % “” x";
        let got: Vec<(&str, bool, bool)> = tokens_in(text, 0, text.len())
            .map(|t| (t.span().of(text), t.word, t.alnum))
            .collect();
        assert_eq!(
            got,
            [
                ("Kim", true, true),
                ("—", false, false),
                ("\u{301}", true, false),
                ("12", true, true),
                ("%", false, false),
                ("“”", false, false),
                ("x", true, true),
            ]
        );
    }

    #[test]
    fn a_range_is_tokenised_within_its_bounds() {
        let text = "said Kim—who";
        let dash = text.find('—').expect("a dash");
        let got: Vec<(usize, usize)> = tokens_in(text, 5, dash + 3)
            .map(|t| (t.start, t.end))
            .collect();
        assert_eq!(got, [(5, dash), (dash, dash + 3)]);
    }

    /// The byte loop agrees with splitting at every character by its
    /// class: whitespace pieces, then dashes within them.
    #[test]
    fn tokens_agree_with_a_char_by_char_split() {
        for text in [
            "  Kim’s “ally”, the U.S.-led\tcoalition\r\n— and 12 %  ",
            "Jong-un\u{00A0}met\u{2003}Xi \u{0301} … «ΣΕΟΥΛ» Москва",
            "vertical\u{0B}tab\u{0C}and form feed—x--y-‐z‑w",
            "\u{3000}日本 と",
            "x",
        ] {
            assert_eq!(tokens_of(text), char_by_char(text), "{text:?}");
        }
    }

    /// Every text of up to five characters of ASCII letters, digits,
    /// punctuation and spaces, hyphens, dashes and letters, marks and
    /// spaces beyond ASCII is tokenised as the char-by-char split does.
    #[test]
    fn tokens_agree_with_a_char_by_char_split_on_every_short_text() {
        const CHARS: [char; 10] = [
            'a', '1', '.', ' ', '-', '—', '\u{2010}', 'é', '\u{301}', '\u{00A0}',
        ];
        every_text(&CHARS, 5, |text| {
            assert_eq!(tokens_of(text), char_by_char(text), "{text:?}");
        });
    }

    /// Calls `check` with every text of up to `longest` characters from
    /// `chars`.
    fn every_text(chars: &[char], longest: u32, mut check: impl FnMut(&str)) {
        let mut text = String::new();
        for n in 0..=longest {
            for code in 0..chars.len().pow(n) {
                text.clear();
                let mut k = code;
                for _ in 0..n {
                    text.push(chars[k % chars.len()]);
                    k /= chars.len();
                }
                check(&text);
            }
        }
    }

    /// The tokens of `text`: span, word, alnum.
    fn tokens_of(text: &str) -> Vec<(usize, usize, bool, bool)> {
        tokens_in(text, 0, text.len())
            .map(|t| (t.start, t.end, t.word, t.alnum))
            .collect()
    }

    /// The tokens of `text` as the module documentation defines them, one
    /// character at a time: split at spaces, a run of dashes (a hyphen next
    /// to a dash among them) apart; a word has a word character, and
    /// counts with a letter or digit.
    fn char_by_char(text: &str) -> Vec<(usize, usize, bool, bool)> {
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let dashy = |k: usize| chars.get(k).is_some_and(|&(_, c)| is_dash(c));
        let mut spans: Vec<(usize, usize)> = Vec::new();
        let mut start: Option<(usize, bool)> = None;
        for (k, &(i, c)) in chars.iter().enumerate() {
            let kind = if is_space(c) {
                None
            } else if is_dash(c) && (!is_hyphen(c) || dashy(k + 1) || (k > 0 && dashy(k - 1))) {
                Some(true)
            } else {
                Some(false)
            };
            if let Some((s, d)) = start {
                if kind != Some(d) {
                    spans.push((s, i));
                    start = None;
                }
            }
            if start.is_none() {
                start = kind.map(|d| (i, d));
            }
        }
        if let Some((s, _)) = start {
            spans.push((s, text.len()));
        }
        spans
            .into_iter()
            .map(|(s, e)| {
                let t = &text[s..e];
                (
                    s,
                    e,
                    t.chars().any(is_word_char),
                    t.chars().any(char::is_alphanumeric),
                )
            })
            .collect()
    }

    #[test]
    fn tokens_back_are_the_tokens_in_reverse() {
        for text in [
            "in central Bangkok, Thailand",
            "Kim—who  met\n\nXi -- ",
            "",
            "  ",
            // More tokens in one piece than tokens_back holds at a time.
            "x a—b—c-—d--e-\u{2010}f‑g\u{200B}h—i",
            "—a—b—c—d—e—",
        ] {
            let mut forward: Vec<Token> = tokens_in(text, 0, text.len()).collect();
            forward.reverse();
            assert_eq!(tokens_back(text).collect::<Vec<_>>(), forward, "{text:?}");
        }
    }

    /// Every text of up to six characters of letters, hyphens, dashes and
    /// spaces (a zero-width one among them) reads the same backwards as
    /// forwards, however its pieces are cut up to be read again.
    #[test]
    fn tokens_back_agree_with_tokens_in_on_every_short_text() {
        const CHARS: [char; 6] = ['a', '-', '—', ' ', '\u{200B}', '\u{2010}'];
        every_text(&CHARS, 6, |text| {
            let mut forward: Vec<Token> = tokens_in(text, 0, text.len()).collect();
            forward.reverse();
            assert_eq!(tokens_back(text).collect::<Vec<_>>(), forward, "{text:?}");
        });
    }

    #[test]
    fn a_core_is_the_normalised_word_without_its_edge_punctuation() {
        let text = "“Kim,” the U.S.-led — Café’s";
        let t = words(text, Span::new(0, text.len()));
        let cores: Vec<&str> = t.iter().map(|w| w.core.as_str()).collect();
        assert_eq!(cores, ["kim", "the", "u.s. led", "", "cafe\u{301}'s"]);
    }

    /// The ASCII fast path of [`core()`] agrees with the general one.
    #[test]
    fn plain_words_normalise_as_patterns_do() {
        for word in [
            "Kim",
            "\"Kim,\"",
            "(U.S.)",
            "said:",
            "...",
            "A1",
            "'s",
            "Xi's",
            "--",
            "a-b",
            "`x`",
            "\u{201c}Kim\u{201d}",
            "\u{c9}tats",
            "\x0b",
        ] {
            let slow = normalize_pattern(word, true)
                .trim_matches(|c: char| !is_word_char(c))
                .to_string();
            assert_eq!(core(word), slow, "{word:?}");
        }
    }

    #[test]
    fn word_runs_split_on_apostrophes_and_dashes() {
        let t = "China’s long-range 80th";
        let runs: Vec<&str> = word_runs(t).into_iter().map(|r| r.of(t)).collect();
        assert_eq!(runs, ["China", "s", "long", "range", "80th"]);
    }

    /// Every word run lies inside one word: runs refine words.
    #[test]
    fn word_runs_lie_inside_words() {
        let text = "Kim Jong-un’s “ally”—the U.S.-led 1,000 don't";
        let words: Vec<Token> = tokens_in(text, 0, text.len()).filter(|t| t.word).collect();
        for run in word_runs(text) {
            assert!(
                words.iter().any(|w| w.span().contains(run)),
                "{:?}",
                run.of(text)
            );
        }
    }
}
