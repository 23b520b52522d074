//! Sentence segmentation with byte spans into the original text.
//!
//! A sentence ends at `.`, `!`, `?` or `…` (with any closing quotes or
//! brackets after it) when whitespace and the start of a new sentence follow:
//! an upper-case letter, a digit or an opening quote. After an abbreviation
//! ("Mr.", "U.S.", an initial) that is not enough: a title or an initial never
//! ends a sentence, and other abbreviations only when a word that typically
//! opens a sentence follows ("…summit with the U.S. He also traveled…"). Line
//! breaks end a sentence (headings are sentences of their own) unless the line
//! is a hard-wrapped continuation: no final punctuation and a lower-case start
//! on the next line.

use crate::text::normalize::{chars_led_by, is_hyphen};
use crate::text::span::Span;
use crate::text::tokens::{tokens_back, without_possessive};

/// Titles that precede a name and so never end a sentence, in the
/// singular and the plural ("Sens. Marco Rubio and Ted Cruz").
const TITLES: &[&str] = &[
    "adm", "adms", "amb", "ambs", "brig", "capt", "capts", "cmdr", "col", "cols", "cpl", "dr",
    "drs", "fr", "gen", "gens", "gov", "govs", "hon", "lt", "lts", "maj", "messrs", "mme", "mmes",
    "mr", "mrs", "ms", "mt", "pres", "prof", "profs", "rep", "reps", "rev", "rt", "sen", "sens",
    "sgt", "sgts", "st", "supt",
];

/// Other abbreviations: they end a sentence only before a sentence opener.
const ABBREVIATIONS: &[&str] = &[
    "apr", "assn", "aug", "bros", "co", "corp", "dec", "dept", "etc", "feb", "govt", "inc", "intl",
    "jan", "jr", "jul", "jun", "ltd", "mar", "natl", "nov", "oct", "sep", "sept", "sr", "univ",
    "vs",
];

/// Abbreviations that precede a number ("No. 5", "Vol. 2"): no sentence end
/// before a digit.
const NUMBERED: &[&str] = &["art", "no", "nos", "p", "pp", "vol"];

/// Capitalised words that continue a noun phrase after an abbreviation used
/// as a modifier ("the U.S. President", "the U.S. State Department", "the
/// U.N. Refugee Agency"): offices, bodies, agencies and the heads of other
/// names of the state ("Constitution", "Virgin Islands", "Naval Academy").
const CONTINUATIONS: &[&str] = &[
    "academy",
    "administration",
    "admiral",
    "agency",
    "air",
    "ambassador",
    "army",
    "assembly",
    "atomic",
    "attorney",
    "border",
    "bureau",
    "capitol",
    "census",
    "centers",
    "central",
    "chamber",
    "charter",
    "chief",
    "chiefs",
    "coast",
    "code",
    "command",
    "commerce",
    "commission",
    "commissioner",
    "committee",
    "conference",
    "congress",
    "congressman",
    "congresswoman",
    "constitution",
    "consulate",
    "corps",
    "council",
    "court",
    "customs",
    "cyber",
    "defence",
    "defense",
    "delegation",
    "department",
    "development",
    "district",
    "dollar",
    "embassy",
    "environment",
    "envoy",
    "federal",
    "food",
    "force",
    "forces",
    "general",
    "geological",
    "government",
    "guard",
    "health",
    "high",
    "homeland",
    "house",
    "human",
    "humanitarian",
    "immigration",
    "indo",
    "intelligence",
    "islands",
    "justice",
    "marine",
    "marines",
    "military",
    "mission",
    "monitor",
    "museum",
    "national",
    "navy",
    "nuclear",
    "office",
    "open",
    "pacific",
    "panel",
    "party",
    "peacekeeping",
    "police",
    "postal",
    "president",
    "refugee",
    "refugees",
    "representative",
    "secretary",
    "security",
    "senate",
    "senator",
    "service",
    "services",
    "space",
    "special",
    "staff",
    "state",
    "summit",
    "supreme",
    "survey",
    "team",
    "trade",
    "treasury",
    "troops",
    "vice",
];

/// Words that typically open a sentence; after an abbreviation they signal
/// that the abbreviation also ended the sentence.
const OPENERS: &[&str] = &[
    "a",
    "after",
    "also",
    "although",
    "an",
    "and",
    "as",
    "at",
    "before",
    "both",
    "but",
    "by",
    "during",
    "earlier",
    "for",
    "from",
    "he",
    "her",
    "his",
    "however",
    "i",
    "if",
    "in",
    "it",
    "its",
    "last",
    "later",
    "many",
    "meanwhile",
    "most",
    "my",
    "no",
    "on",
    "one",
    "our",
    "she",
    "since",
    "so",
    "some",
    "that",
    "the",
    "their",
    "there",
    "these",
    "they",
    "this",
    "those",
    "though",
    "to",
    "we",
    "when",
    "while",
    "with",
    "yet",
    "you",
];

fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

fn is_closing(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | ')' | ']' | '»')
}

fn is_opening(c: char) -> bool {
    matches!(c, '"' | '\'' | '“' | '‘' | '(' | '[' | '«')
}

/// The sentences of `text`, trimmed of surrounding whitespace, in order.
pub(crate) fn sentences(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    for block in blocks(text) {
        split_block(text, block, &mut out);
    }
    out
}

/// Splits `text` into blocks at line breaks, joining hard-wrapped lines.
fn blocks(text: &str) -> Vec<Span> {
    let mut lines: Vec<Span> = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let end = at + line.trim_end_matches(['\n', '\r']).len();
        lines.push(Span::new(at, end));
        at += line.len();
    }
    let mut out: Vec<Span> = Vec::new();
    let mut open: Option<Span> = None;
    for line_span in lines {
        let line = line_span.of(text).trim();
        if line.is_empty() {
            out.extend(open.take());
            continue;
        }
        if let Some(block) = open {
            let prev = block.of(text).trim_end();
            let ends_sentence = prev
                .chars()
                .next_back()
                .is_some_and(|c| is_terminal(c) || is_closing(c) || c == ':');
            let continues = line.chars().next().is_some_and(char::is_lowercase);
            if !ends_sentence && continues {
                open = Some(Span::new(block.start, line_span.end));
                continue;
            }
            out.push(block);
        }
        open = Some(line_span);
    }
    out.extend(open);
    out
}

/// Pushes `span` of `text` less its surrounding whitespace, unless nothing
/// is left.
fn push_trimmed(text: &str, span: Span, out: &mut Vec<Span>) {
    let piece = span.of(text);
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    if span.start + lead < span.end - trail {
        out.push(Span::new(span.start + lead, span.end - trail));
    }
}

fn split_block(text: &str, span: Span, out: &mut Vec<Span>) {
    let (start, end) = (span.start, span.end);
    let block = span.of(text);
    let mut sentence_start = 0;
    // Terminal marks are `.`, `!`, `?` and `…` (E2 80 A6).
    let mut next = 0;
    for (i, c) in chars_led_by(block, b".!?\xE2") {
        // Marks already absorbed after an earlier one are passed over.
        if i < next || !is_terminal(c) {
            continue;
        }
        // Absorb further terminal marks and closing quotes/brackets.
        let mut j = i + c.len_utf8();
        while let Some(d) = block[j..].chars().next() {
            if is_terminal(d) || is_closing(d) {
                j += d.len_utf8();
            } else {
                break;
            }
        }
        next = j;
        let rest = &block[j..];
        let after = rest.trim_start();
        if after.is_empty() {
            // End of block (handled below).
            continue;
        }
        if after.len() == rest.len() {
            // No whitespace: "3.5", "Swing…Building", an address; but a
            // full stop glued to the next sentence ends one ("he said.The").
            if c == '.' && glued_sentence_end(&block[sentence_start..i], rest) {
                push_trimmed(text, Span::new(start + sentence_start, start + j), out);
                sentence_start = j;
            }
            continue;
        }
        if ends_sentence(&block[sentence_start..i], c, after) {
            push_trimmed(text, Span::new(start + sentence_start, start + j), out);
            sentence_start = j;
        }
    }
    push_trimmed(text, Span::new(start + sentence_start, end), out);
}

/// Whether a full stop with no whitespace after it ends the sentence, given
/// the text of the sentence before it and the text right after it: text
/// that lost a space between sentences ("…three years ago.The authors…",
/// "…spread into Iraq.The policy feud…"). The word before is a word in
/// lower case (capitalised at most), not a title or an abbreviation, and
/// the word after a capitalised word that goes on in lower case; neither
/// is part of an address ("rebecca.ballhaus@wsj.com", "HealthCare.gov",
/// "FactCheck.Org", "www.example.com/The").
fn glued_sentence_end(before: &str, after: &str) -> bool {
    let word_before = before.rsplit(char::is_whitespace).next().unwrap_or("");
    let word_after = after.split(char::is_whitespace).next().unwrap_or("");
    let address = |w: &str| w.contains(['@', '/', ':']);
    // Two ASCII letters or more, the first as `first` allows, the rest in
    // lower case.
    let cased = |word: &str, first: fn(&u8) -> bool| {
        let bytes = word.as_bytes();
        bytes.len() >= 2 && first(&bytes[0]) && bytes[1..].iter().all(u8::is_ascii_lowercase)
    };
    let lower_word = cased(word_before, u8::is_ascii_alphabetic);
    let head: &str = word_after
        .split(|c: char| !c.is_ascii_alphabetic())
        .next()
        .unwrap_or("");
    let capitalised = cased(head, u8::is_ascii_uppercase);
    // A name or domain goes on past the word after ("FactCheck.Org.uk").
    let more_address = word_after[head.len()..].starts_with('.')
        && word_after[head.len() + 1..].starts_with(|c: char| c.is_alphanumeric());
    lower_word
        && capitalised
        && !more_address
        && !address(word_before)
        && !address(word_after)
        && !lower_in(TITLES, word_before)
        && !lower_in(ABBREVIATIONS, word_before)
        && !lower_in(NUMBERED, word_before)
}

/// Whether a terminal mark `mark` ends the sentence, given the text of the
/// sentence before it and the (non-empty) text after the whitespace.
fn ends_sentence(before: &str, mark: char, after: &str) -> bool {
    let next = after.chars().next().unwrap_or(' ');
    let starts_new = next.is_uppercase() || next.is_numeric() || is_opening(next);
    if !starts_new {
        return false;
    }
    if mark != '.' {
        return true;
    }
    // The word before the mark (the tokeniser's), from its last hyphen or
    // opening mark on: the abbreviation of "anti-U.S." or "(U.S." is "U.S".
    let token = tokens_back(before)
        .next()
        .filter(|t| t.end == before.len())
        .map_or("", |t| t.span().of(before));
    let word = token
        .rsplit(|c: char| is_opening(c) || is_hyphen(c))
        .next()
        .unwrap_or("");
    let is_initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
    if is_initial || lower_in(TITLES, word) {
        return false;
    }
    if next.is_ascii_digit() && lower_in(NUMBERED, word) {
        return false;
    }
    let dotted = word.contains('.')
        && word
            .split('.')
            .all(|p| p.chars().count() <= 2 && p.chars().all(char::is_alphabetic));
    if dotted || lower_in(ABBREVIATIONS, word) {
        if is_opening(next) {
            return true;
        }
        let first = after
            .find(|c: char| !(c.is_alphabetic() || c == '\'' || c == '’'))
            .map_or(after, |n| &after[..n]);
        if lower_in(OPENERS, first) {
            return true;
        }
        // "…with the U.S. North Korea continues…": after "the", the
        // abbreviation closes a noun phrase, so a capitalised name that does
        // not continue it ("the U.S. Army") starts a new sentence.
        let head = &before[..before.len() - word.len()];
        let after_the = tokens_back(head)
            .next()
            .is_some_and(|t| t.span().of(head).eq_ignore_ascii_case("the"));
        return after_the && !continues_name(after);
    }
    true
}

/// Whether the capitalised name at the start of `after` continues the noun
/// phrase of an abbreviation before it: one of its first words (capitalised
/// ones, and "of", "and", "for" or "&" between them) is a word of
/// [`CONTINUATIONS`], the head of an office, body or document ("the U.S.
/// Army", "the U.S. Chamber of Commerce", "the U.S. Fish and Wildlife
/// Service", "the U.S. Virgin Islands"). The name ends at a lower-case word,
/// at punctuation and after a possessive, which opens a noun phrase of its
/// own ("the U.S. China's Foreign Ministry …").
fn continues_name(after: &str) -> bool {
    const NAME_WORDS: usize = 5;
    for (i, raw) in after.split_whitespace().take(NAME_WORDS).enumerate() {
        let word = raw.trim_end_matches(|c: char| !c.is_alphanumeric());
        let possessive = without_possessive(word);
        let bare = possessive.unwrap_or(word);
        if i > 0 && ["of", "and", "for", "&"].contains(&bare) {
            continue;
        }
        if !bare.starts_with(char::is_uppercase) {
            return false;
        }
        if lower_in(CONTINUATIONS, bare) {
            return true;
        }
        if possessive.is_some() || word.len() < raw.len() {
            return false;
        }
    }
    false
}

/// Whether `word` in lower case is one of `list` (lower-case ASCII words
/// in order, as all the lists above are). An ASCII word is looked up by
/// binary search without a lower-cased copy: a full stop is examined at
/// every sentence end.
fn lower_in(list: &[&str], word: &str) -> bool {
    if word.is_ascii() {
        let lower = word.bytes().map(|b| b.to_ascii_lowercase());
        list.binary_search_by(|w| w.bytes().cmp(lower.clone()))
            .is_ok()
    } else {
        list.contains(&word.to_lowercase().as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The word lists are lower-case ASCII and in order, as [`lower_in`]
    /// looks them up.
    #[test]
    fn word_lists_are_lower_case_ascii_in_order() {
        for list in [TITLES, ABBREVIATIONS, NUMBERED, CONTINUATIONS, OPENERS] {
            for w in list {
                assert!(w.bytes().all(|b| b.is_ascii_lowercase()), "{w:?}");
            }
            for pair in list.windows(2) {
                assert!(pair[0] < pair[1], "{pair:?}");
            }
        }
    }

    #[test]
    fn lower_in_lower_cases_as_to_lowercase_does() {
        for (word, want) in [
            ("Mr", true),
            ("MR", true),
            ("mr", true),
            ("Mrs", true),
            ("Supt", true),
            ("Adm", true),
            ("Ad", false),
            ("Zz", false),
            ("M", false),
            ("", false),
            ("Ｍr", false),
        ] {
            assert_eq!(lower_in(TITLES, word), want, "{word:?}");
            assert_eq!(
                TITLES.contains(&word.to_lowercase().as_str()),
                want,
                "{word:?}"
            );
        }
    }

    fn split(text: &str) -> Vec<&str> {
        sentences(text).into_iter().map(|s| s.of(text)).collect()
    }

    struct Case {
        name: &'static str,
        text: &'static str,
        want: &'static [&'static str],
    }

    const CASES: &[Case] = &[
        Case {
            name: "two plain sentences",
            text: "Kim left. Xi stayed.",
            want: &["Kim left.", "Xi stayed."],
        },
        Case {
            name: "U.S. before a title",
            text: "The U.S. President spoke.",
            want: &["The U.S. President spoke."],
        },
        Case {
            name: "an abbreviation after a hyphen of the dash table",
            text: "They joined an anti\u{2010}U.S. North Korean rally. Kim spoke.",
            want: &[
                "They joined an anti\u{2010}U.S. North Korean rally.",
                "Kim spoke.",
            ],
        },
        Case {
            name: "U.S. before a new sentence",
            text: "He met the U.S. He also traveled.",
            want: &["He met the U.S.", "He also traveled."],
        },
        Case {
            name: "title",
            text: "Mr. Kim arrived. Dr. Lee left.",
            want: &["Mr. Kim arrived.", "Dr. Lee left."],
        },
        Case {
            name: "initial",
            text: "George W. Bush spoke. Then he left.",
            want: &["George W. Bush spoke.", "Then he left."],
        },
        Case {
            name: "decimal",
            text: "Trade grew 3.5 percent. It slowed.",
            want: &["Trade grew 3.5 percent.", "It slowed."],
        },
        Case {
            name: "closing quote stays",
            text: "He said “no.” Then he left.",
            want: &["He said “no.”", "Then he left."],
        },
        Case {
            name: "comma inside quote does not end",
            text: "“We stand,” Kim declared. Xi nodded.",
            want: &["“We stand,” Kim declared.", "Xi nodded."],
        },
        Case {
            name: "quote opens a sentence",
            text: "said a professor. “In this sense, it works”",
            want: &["said a professor.", "“In this sense, it works”"],
        },
        Case {
            name: "lower-case after period",
            text: "It rose to 5 p.m. on Friday.",
            want: &["It rose to 5 p.m. on Friday."],
        },
        Case {
            name: "question and exclamation",
            text: "Why? Because! Yes.",
            want: &["Why?", "Because!", "Yes."],
        },
        Case {
            name: "heading line",
            text: "Talks Ahead of U.S. Summit\n\nThe visit matters.",
            want: &["Talks Ahead of U.S. Summit", "The visit matters."],
        },
        Case {
            name: "heading without blank line",
            text: "A Key Leverage\nThis visit matters.",
            want: &["A Key Leverage", "This visit matters."],
        },
        Case {
            name: "hard-wrapped line joins",
            text: "The talks between the two\nsides ended. Kim left.",
            want: &["The talks between the two\nsides ended.", "Kim left."],
        },
        Case {
            name: "ellipsis without space",
            text: "In Full Swing…Building Confidence",
            want: &["In Full Swing…Building Confidence"],
        },
        Case {
            name: "dash after U.S.",
            text: "potential U.S.–North Korea talks.",
            want: &["potential U.S.–North Korea talks."],
        },
        Case {
            name: "the U.S. before a title",
            text: "He met the U.S. Secretary of State.",
            want: &["He met the U.S. Secretary of State."],
        },
        Case {
            name: "the U.S. before a new subject",
            text: "It gains power with the U.S. North Korea continues to demand more.",
            want: &[
                "It gains power with the U.S.",
                "North Korea continues to demand more.",
            ],
        },
        Case {
            name: "U.S. as a modifier without the",
            text: "Ahead of U.S. Talks in Hanoi.",
            want: &["Ahead of U.S. Talks in Hanoi."],
        },
        Case {
            name: "numbered abbreviation",
            text: "See No. 5 today. It works.",
            want: &["See No. 5 today.", "It works."],
        },
        Case {
            name: "empty",
            text: "  \n\n ",
            want: &[],
        },
        Case {
            name: "plural titles",
            text: "Sens. Marco Rubio and Ted Cruz wrote. Reps. Ami Bera and Joe Wilson agreed. Drs. Lee and Kim left.",
            want: &[
                "Sens. Marco Rubio and Ted Cruz wrote.",
                "Reps. Ami Bera and Joe Wilson agreed.",
                "Drs. Lee and Kim left.",
            ],
        },
        Case {
            name: "organisation names after an abbreviation",
            text: "It is the most, according to the U.N. Refugee Agency. The U.N. Security Council met. He praised the U.N. Human Rights Council. She joined the U.S. Geological Survey.",
            want: &[
                "It is the most, according to the U.N. Refugee Agency.",
                "The U.N. Security Council met.",
                "He praised the U.N. Human Rights Council.",
                "She joined the U.S. Geological Survey.",
            ],
        },
        Case {
            name: "a name that continues after its first word",
            text: "It sued the U.S. Chamber of Commerce. He left the U.S. Virgin Islands. She cited the U.S. Fish and Wildlife Service. They quoted the U.S. Constitution.",
            want: &[
                "It sued the U.S. Chamber of Commerce.",
                "He left the U.S. Virgin Islands.",
                "She cited the U.S. Fish and Wildlife Service.",
                "They quoted the U.S. Constitution.",
            ],
        },
        Case {
            name: "a new subject after the U.S., named with a possessive",
            text: "Tariffs hit the U.S. China's Foreign Ministry said so. Kim met the U.S. Russia Today reported it.",
            want: &[
                "Tariffs hit the U.S.",
                "China's Foreign Ministry said so.",
                "Kim met the U.S.",
                "Russia Today reported it.",
            ],
        },
        Case {
            name: "a full stop glued to the next sentence",
            text: "That was years ago.The policy feud spread into Iraq.The rest is history.",
            want: &["That was years ago.", "The policy feud spread into Iraq.", "The rest is history."],
        },
        Case {
            name: "no glued sentence end in an address, a number, after a title or initial",
            text: "Write to rebecca.Ballhaus@wsj.com or see HealthCare.Gov and FactCheck.Org now. Mr.Smith and J.Doe paid 3.5 percent.",
            want: &[
                "Write to rebecca.Ballhaus@wsj.com or see HealthCare.Gov and FactCheck.Org now.",
                "Mr.Smith and J.Doe paid 3.5 percent.",
            ],
        },
        Case {
            name: "organisation abbreviations",
            text: "Shares of Warner Bros. Discovery fell. The Natl. Guard left.",
            want: &["Shares of Warner Bros. Discovery fell.", "The Natl. Guard left."],
        },
    ];

    #[test]
    fn segmentation_table() {
        for case in CASES {
            assert_eq!(split(case.text), case.want, "{}", case.name);
        }
    }
}
