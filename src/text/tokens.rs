//! Word tokens: [`word_runs`], words as the matcher sees them (runs of word
//! characters), which `rules coverage` and `rules suggest` count; and
//! [`tokens`] for the engine's short look-arounds (clause breaks, speaker
//! names): whitespace-separated, normalised as patterns are, stripped of
//! surrounding punctuation.

use crate::text::normalize::{is_word_char, normalize_pattern};

/// Byte spans of the maximal runs of word characters ([`is_word_char`]) of
/// `text`, in order.
pub(crate) fn word_runs(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (is_word_char(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    out
}

/// Whitespace tokens of `text[start..end]` with their spans, normalised and
/// stripped of surrounding punctuation.
pub(crate) fn tokens(text: &str, start: usize, end: usize) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let mut at = start;
    for piece in text[start..end].split_inclusive(char::is_whitespace) {
        let word = piece.trim_end();
        if !word.is_empty() {
            out.push((at, at + word.len(), core(word)));
        }
        at += piece.len();
    }
    out
}

/// The normalised core of one whitespace-free `word`: as
/// `normalize_pattern(word, true)` stripped of surrounding non-alphanumeric
/// characters. Most words are ASCII without a hyphen or backtick, which
/// normalisation only lower-cases: those take one allocation, not three.
fn core(word: &str) -> String {
    let plain = word.bytes().all(|b| b.is_ascii() && b != b'-' && b != b'`');
    if plain {
        word.trim_matches(|c: char| !c.is_ascii_alphanumeric())
            .to_ascii_lowercase()
    } else {
        normalize_pattern(word, true)
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The ASCII fast path of [`core`] agrees with the general one.
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
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_string();
            assert_eq!(core(word), slow, "{word:?}");
        }
    }
}
