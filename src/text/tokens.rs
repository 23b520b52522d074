//! Word tokens for the engine's short look-arounds (clause breaks, speaker
//! names): whitespace-separated, normalised as patterns are, stripped of
//! surrounding punctuation.

use crate::text::normalize::normalize_pattern;

/// Whitespace tokens of `text[start..end]` with their spans, normalised and
/// stripped of surrounding punctuation.
pub(crate) fn tokens(text: &str, start: usize, end: usize) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let mut at = start;
    for piece in text[start..end].split_inclusive(char::is_whitespace) {
        let word = piece.trim_end();
        if !word.is_empty() {
            let norm = normalize_pattern(word, true);
            let core = norm
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_string();
            out.push((at, at + word.len(), core));
        }
        at += piece.len();
    }
    out
}
