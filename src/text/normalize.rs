//! Text normalisation shared by patterns and documents: Unicode case folding,
//! quote and dash unification (a hyphen equals a space), whitespace collapsing
//! and compatibility decomposition, with a map from every normalised byte back
//! to the original text so that spans always point into what the user wrote.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use crate::text::span::Span;

/// Normalised text and, for each of its bytes, the byte offset in the
/// original text of the character it came from.
#[derive(Debug, Clone, Default)]
pub struct Normalized {
    /// The normalised text.
    pub text: String,
    /// The map from normalised bytes back to the original, as runs sorted
    /// by their first normalised byte (see [`Run`]): a few per line of
    /// ordinary text, where a byte per byte map would take four bytes of
    /// memory for every byte of the document.
    runs: Vec<Run>,
    /// Length of the original text.
    original_len: usize,
}

/// A stretch of normalised bytes `norm..` (up to the next run) made from
/// the original text at `orig..`. In a `same_length` run every character
/// normalised to as many bytes as it had (ASCII, most case folding), so the
/// byte at `norm + k` came from the character around `orig + k`; otherwise
/// the run is one character's output, and all its bytes came from `orig`.
#[derive(Debug, Clone, Copy)]
struct Run {
    norm: u32,
    orig: u32,
    same_length: bool,
}

impl Normalized {
    /// Normalises `text`, folding case when `fold_case` is set.
    pub fn new(text: &str, fold_case: bool) -> Normalized {
        let bytes = text.as_bytes();
        let mut out = String::with_capacity(text.len());
        let mut runs: Vec<Run> = Vec::new();
        let mut at = 0;
        while at < bytes.len() {
            // Most of a news text is ASCII that normalisation copies or
            // only lower-cases, words and the single spaces between them:
            // such a stretch is copied at once, as one same-length piece.
            let plain = plain_len(&bytes[at..], out.ends_with(' '));
            let (before, len, same_length) = if plain > 0 {
                let before = out.len();
                out.push_str(&text[at..at + plain]);
                if fold_case {
                    out[before..].make_ascii_lowercase();
                }
                (before, plain, true)
            } else {
                let c = text[at..].chars().next().expect("a char at a boundary");
                let before = out.len();
                push_normalized(&mut out, c, fold_case);
                let added = out.len() - before;
                if added == 0 {
                    at += c.len_utf8();
                    continue;
                }
                (before, c.len_utf8(), added == c.len_utf8())
            };
            // A same-length piece continues a same-length run that ends
            // right where it starts, in both texts.
            let continues = same_length
                && runs.last().is_some_and(|r| {
                    r.same_length && before - r.norm as usize == at - r.orig as usize
                });
            if !continues {
                runs.push(Run {
                    norm: before as u32,
                    orig: at as u32,
                    same_length,
                });
            }
            at += len;
        }
        Normalized {
            text: out,
            runs,
            original_len: text.len(),
        }
    }

    /// The span of `original` that normalised to `span` of the normalised
    /// text.
    pub fn original_span(&self, original: &str, span: Span) -> Span {
        if span.start >= span.end {
            let at = self.origin_of(original, span.start);
            return Span::new(at, at);
        }
        let first = self.origin_of(original, span.start);
        let last = self.origin_of(original, span.end - 1);
        let last_len = original[last..].chars().next().map_or(0, char::len_utf8);
        Span::new(first, last + last_len)
    }

    /// The original byte offset of the character that produced normalised
    /// byte `at` (the original's end past the normalised text's end).
    fn origin_of(&self, original: &str, at: usize) -> usize {
        if at >= self.text.len() {
            return self.original_len;
        }
        let i = self.runs.partition_point(|r| r.norm as usize <= at) - 1;
        let run = self.runs[i];
        if !run.same_length {
            return run.orig as usize;
        }
        let mut o = run.orig as usize + (at - run.norm as usize);
        while !original.is_char_boundary(o) {
            o -= 1;
        }
        o
    }
}

/// Normalises a pattern (no offset map needed).
pub fn normalize_pattern(pattern: &str, fold_case: bool) -> String {
    let mut out = String::with_capacity(pattern.len());
    for c in pattern.chars() {
        push_normalized(&mut out, c, fold_case);
    }
    // Normalisation only ever adds ASCII spaces at the edges, so trimming
    // needs a new string only when there is one (rare: `tokens` and the
    // cue-word look-backs call this for every word they pass).
    let trimmed = out.trim();
    if trimmed.len() == out.len() {
        out
    } else {
        trimmed.to_string()
    }
}

/// The characters of `text` whose first byte is one of `leads`, with their
/// byte offsets: a byte search that decodes only those characters. For
/// searches that care about a few marks, given as their ASCII byte or the
/// lead byte of their UTF-8 form (`0xE2` for `…`, `“`, `”`). Up to six
/// leads are searched for with `memchr`, three at a time and many bytes at
/// a time (a scan for quotation marks or full stops passes over the whole
/// text), two searches merged in order; more, a byte at a time.
pub(crate) fn chars_led_by<'a>(
    text: &'a str,
    leads: &'a [u8],
) -> impl Iterator<Item = (usize, char)> + 'a {
    let bytes = text.as_bytes();
    let three = |leads: &[u8]| match *leads {
        [a] => Some(memchr::memchr3_iter(a, a, a, bytes).peekable()),
        [a, b] => Some(memchr::memchr3_iter(a, b, b, bytes).peekable()),
        [a, b, c] => Some(memchr::memchr3_iter(a, b, c, bytes).peekable()),
        _ => None,
    };
    let (mut first, mut second) = if leads.len() <= 6 {
        let (head, tail) = leads.split_at(leads.len().min(3));
        (three(head), three(tail))
    } else {
        (None, None)
    };
    let mut many = bytes
        .iter()
        .enumerate()
        .filter(|(_, b)| leads.contains(b))
        .map(|(i, _)| i);
    std::iter::from_fn(move || {
        let i = match (&mut first, &mut second) {
            (Some(found), None) => found.next()?,
            // The leads differ, so the two searches never find one byte.
            (Some(one), Some(two)) => match (one.peek(), two.peek()) {
                (Some(a), Some(b)) if a < b => one.next()?,
                (Some(_), Some(_)) | (None, _) => two.next()?,
                (Some(_), None) => one.next()?,
            },
            _ => many.next()?,
        };
        Some((
            i,
            text[i..].chars().next().expect("a lead byte starts a char"),
        ))
    })
}

/// Whether `c` is part of a word for boundary purposes: letters, digits and
/// combining marks. Apostrophes are not, so "China's" has a boundary after
/// "China".
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

/// The one dash table: every hyphen and dash that normalisation folds into
/// a space (and that coverage treats as a separator), so patterns, text and
/// candidate terms agree.
pub(crate) fn is_dash(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}'
            ..='\u{2015}'
                | '\u{2212}'
                | '\u{2E3A}'
                | '\u{2E3B}'
                | '\u{FE58}'
                | '\u{FE63}'
                | '\u{FF0D}'
    )
}

/// The hyphens of the dash table ([`is_dash`]): the marks that join the
/// parts of a word ("Jong-un", "U.S.-led"). Normalisation folds them into a
/// space as it does every dash, so patterns match either spelling; but a
/// lone hyphen inside a token does not end a word (`text::tokens`), where
/// every other dash, and a run of two hyphens ("Kim--who"), does.
pub(crate) fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}' | '\u{FE63}' | '\u{FF0D}')
}

/// Whether `c` separates words as a space does: whitespace, and the
/// zero-width space that marks a break between words ("Kim\u{200B}Jong").
/// Normalisation folds these (and the dashes) into one space.
pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{200B}'
}

/// The length of the stretch at the start of `bytes` that normalisation
/// keeps as it is (bar its case): [plain](is_plain_ascii) bytes and single
/// spaces, a space counting only when what comes before it (in the output,
/// when it is the first byte: `after_space`) is no space.
fn plain_len(bytes: &[u8], after_space: bool) -> usize {
    let mut space = after_space;
    bytes
        .iter()
        .position(|&b| {
            if PLAIN[usize::from(b)] {
                space = false;
                false
            } else if b == b' ' && !space {
                space = true;
                false
            } else {
                true
            }
        })
        .unwrap_or(bytes.len())
}

/// An ASCII byte that normalisation keeps as it is (bar its case): all
/// but whitespace, `-` and the backtick.
const fn is_plain_ascii(b: u8) -> bool {
    b.is_ascii() && !is_ascii_space(b) && b != b'-' && b != b'`'
}

/// [`is_plain_ascii`] of every byte, by one look-up.
static PLAIN: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = is_plain_ascii(b as u8);
        b += 1;
    }
    table
};

/// An ASCII byte that [`char::is_whitespace`] calls whitespace: tab, line
/// feed, vertical tab, form feed, carriage return and space. (Unlike
/// [`u8::is_ascii_whitespace`], which leaves out the vertical tab.)
pub(crate) const fn is_ascii_space(b: u8) -> bool {
    matches!(b, b'\t'..=b'\r' | b' ')
}

fn push_normalized(out: &mut String, c: char, fold_case: bool) {
    // ASCII first: most news text is ASCII, and only whitespace, `-` and
    // the backtick change there.
    if c.is_ascii() {
        match c {
            c if is_ascii_space(c as u8) || c == '-' => {
                if !out.ends_with(' ') {
                    out.push(' ');
                }
            }
            '`' => out.push('\''),
            c => out.push(if fold_case { c.to_ascii_lowercase() } else { c }),
        }
        return;
    }
    let space = is_space(c) || is_dash(c);
    if space {
        // Runs of spaces and dashes collapse into one space.
        if !out.ends_with(' ') {
            out.push(' ');
        }
        return;
    }
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{0060}'
        | '\u{00B4}' | '\u{02BC}' => out.push('\''),
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
        | '\u{00BB}' => out.push('"'),
        // Invisible characters inside a word (soft hyphen, zero-width
        // non-joiner and joiner, word joiner, BOM) would break it in two.
        '\u{00AD}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => {}
        // Turkish dotted capital I: full case folding gives `i` + U+0307,
        // which no pattern spells ("KİM JONG UN" is Kim Jong Un).
        '\u{0130}' => out.push(if fold_case { 'i' } else { 'I' }),
        c if c.is_ascii() => out.push(if fold_case { c.to_ascii_lowercase() } else { c }),
        c => {
            for d in std::iter::once(c).nfkd() {
                if is_dash(d) || d.is_whitespace() {
                    if !out.ends_with(' ') {
                        out.push(' ');
                    }
                } else if fold_case {
                    out.extend(d.to_lowercase());
                } else {
                    out.push(d);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// However many leads, the search finds every character they lead, in
    /// order: one search, two merged, or a byte at a time.
    #[test]
    fn chars_led_by_finds_every_lead_in_order() {
        let text = "“Yes.” He left! Why? Then… “No”.\nA \"café\" — c? d.";
        let all: &[u8] = b".!?\xE2\n\"\xC3";
        for n in 0..=all.len() {
            let leads = &all[..n];
            let want: Vec<(usize, char)> = text
                .char_indices()
                .filter(|&(i, _)| leads.contains(&text.as_bytes()[i]))
                .collect();
            let got: Vec<(usize, char)> = chars_led_by(text, leads).collect();
            assert_eq!(got, want, "{n} leads");
        }
    }

    struct Case {
        name: &'static str,
        input: &'static str,
        want: &'static str,
    }

    const CASES: &[Case] = &[
        Case {
            name: "ascii case",
            input: "North KOREA",
            want: "north korea",
        },
        Case {
            name: "unicode case",
            input: "ÉTATS-UNIS",
            want: "e\u{301}tats unis",
        },
        Case {
            name: "curly apostrophe",
            input: "Workers’ Party",
            want: "workers' party",
        },
        Case {
            name: "curly quotes",
            input: "“firm support”",
            want: "\"firm support\"",
        },
        Case {
            name: "hyphen is space",
            input: "Kim Jong-un",
            want: "kim jong un",
        },
        Case {
            name: "en dash is space",
            input: "North Korea–China",
            want: "north korea china",
        },
        Case {
            name: "non-breaking hyphen",
            input: "Kim Jong\u{2011}un",
            want: "kim jong un",
        },
        Case {
            name: "whitespace collapses",
            input: "Kim  Jong\n Un",
            want: "kim jong un",
        },
        Case {
            name: "dash and spaces collapse",
            input: "U.S. – North",
            want: "u.s. north",
        },
        Case {
            name: "ligature folds",
            input: "ﬁrm",
            want: "firm",
        },
        Case {
            name: "full-width folds",
            input: "ＵＳＡ",
            want: "usa",
        },
        Case {
            name: "soft hyphen vanishes",
            input: "al\u{00AD}liance",
            want: "alliance",
        },
        Case {
            name: "zero-width space is a space",
            input: "Kim\u{200B}Jong Un",
            want: "kim jong un",
        },
        Case {
            name: "joiners vanish",
            input: "Kim\u{200D}Jong\u{200C}\u{00AD}Un",
            want: "kimjongun",
        },
        Case {
            name: "dotted capital I folds to i",
            input: "KİM İstanbul",
            want: "kim istanbul",
        },
        Case {
            name: "precomposed equals decomposed",
            input: "Vu\u{010D}i\u{0107}",
            want: "vuc\u{30C}ic\u{301}",
        },
    ];

    #[test]
    fn normalisation_table() {
        for case in CASES {
            let got = Normalized::new(case.input, true).text;
            assert_eq!(got, case.want, "{}", case.name);
            assert_eq!(
                normalize_pattern(case.input, true),
                case.want.trim(),
                "{} (pattern)",
                case.name
            );
        }
    }

    #[test]
    fn exact_case_keeps_case_but_unifies_quotes() {
        assert_eq!(
            normalize_pattern("Workers’ U.S.-led", false),
            "Workers' U.S. led"
        );
    }

    #[test]
    fn spans_map_back_to_original_bytes() {
        let original = "Kim’s “firm” ﬁre";
        let n = Normalized::new(original, true);
        let find = |s: &str| {
            let start = n.text.find(s).unwrap();
            n.original_span(original, Span::new(start, start + s.len()))
                .of(original)
        };
        assert_eq!(find("kim's"), "Kim’s");
        assert_eq!(find("\"firm\""), "“firm”");
        assert_eq!(find("fire"), "ﬁre");
    }

    #[test]
    fn spans_stay_right_around_invisible_and_dotted_characters() {
        let original = "a\u{200B}KİM\u{00AD}X b";
        let n = Normalized::new(original, true);
        assert_eq!(n.text, "a kimx b");
        let start = n.text.find("kimx").unwrap();
        let span = n.original_span(original, Span::new(start, start + "kimx".len()));
        assert_eq!(span.of(original), "KİM\u{00AD}X");
        assert_eq!(normalize_pattern("İ", false), "I");
    }

    /// The byte-per-byte map the runs stand for, built the plain way.
    /// Character by character: the normalised text and each of its
    /// bytes' origin.
    fn dense_origins(text: &str) -> (String, Vec<usize>) {
        let mut out = String::new();
        let mut origin = Vec::new();
        for (at, c) in text.char_indices() {
            push_normalized(&mut out, c, true);
            origin.resize(out.len(), at);
        }
        (out, origin)
    }

    #[test]
    fn runs_map_every_byte_as_a_dense_map_would() {
        let texts = [
            "Kim’s “firm” ﬁre, the U.S.-led   coalition\n\nand Seoul.",
            "a\u{200B}KİM\u{00AD}X b — ΣΕΟΥΛ Москва straße ÉTATS-UNIS Vu\u{010D}i\u{0107}",
            "  leading and trailing  ",
            "日本と中国は「同盟」を結んだ。Ｆｕｌｌｗｉｄｔｈ",
            "",
            "ASCII-only text, with `ticks`,\ttabs\r\nand  UPPER\u{0B}\u{0C}case.",
            "a-b c\u{2014}d\u{00A0}e",
            "x\u{00A0} y \u{2014} z\u{3000}  w ` v - u",
        ];
        for text in texts {
            let n = Normalized::new(text, true);
            let (normalised, dense) = dense_origins(text);
            // The ASCII stretches copied at once give what the characters
            // one by one give.
            assert_eq!(n.text, normalised, "{text:?}");
            assert_eq!(dense.len(), n.text.len(), "{text:?}");
            for (i, &want) in dense.iter().enumerate() {
                assert_eq!(n.origin_of(text, i), want, "byte {i} of {text:?}");
            }
            assert_eq!(n.origin_of(text, n.text.len()), text.len());
        }
    }

    #[test]
    fn case_folding_is_not_ascii_only() {
        assert_eq!(Normalized::new("ΣΕΟΥΛ Москва", true).text, "σεουλ москва");
    }
}
