//! The vendored aho-corasick (see vendor/README.md) after its one patch, to
//! the state remapping of the automaton builder: an automaton of thousands
//! of patterns, whose build moves match states through long swap cycles,
//! finds exactly what a naive search of each pattern finds, in every kind
//! of automaton the crate builds.

use std::collections::BTreeSet;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

/// Names that share prefixes at several depths, as a registry's do, so
/// that match states sit among non-match ones all through the trie.
fn patterns() -> Vec<String> {
    (0..3000)
        .map(|i| match i % 3 {
            0 => format!("minister {} of region {i}", i % 41),
            1 => format!("minister {}", i % 41 + 100 * i),
            _ => format!("region {i} council"),
        })
        .collect()
}

/// Every (pattern, start, end) occurrence, by searching for each pattern
/// alone.
fn naive(patterns: &[String], text: &str) -> BTreeSet<(usize, usize, usize)> {
    let mut found = BTreeSet::new();
    for (id, p) in patterns.iter().enumerate() {
        let mut from = 0;
        while let Some(at) = text[from..].find(p.as_str()) {
            let start = from + at;
            found.insert((id, start, start + p.len()));
            from = start + 1;
        }
    }
    found
}

#[test]
fn a_large_automaton_finds_what_a_naive_search_finds() {
    let patterns = patterns();
    let text: String = patterns
        .iter()
        .step_by(7)
        .map(|p| format!("the {p}; "))
        .collect();
    let expected = naive(&patterns, &text);
    assert!(expected.len() > 400, "the text holds many matches");
    for kind in [
        AhoCorasickKind::NoncontiguousNFA,
        AhoCorasickKind::ContiguousNFA,
        AhoCorasickKind::DFA,
    ] {
        let automaton = AhoCorasick::builder()
            .kind(Some(kind))
            .match_kind(MatchKind::Standard)
            .build(&patterns)
            .unwrap();
        let found: BTreeSet<_> = automaton
            .find_overlapping_iter(&text)
            .map(|m| (m.pattern().as_usize(), m.start(), m.end()))
            .collect();
        assert_eq!(found, expected, "{kind:?}");
    }
}
