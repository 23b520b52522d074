//! The invariants every analysis keeps, whatever the text (issue 15): no
//! panic; every span in bounds and on char boundaries, with `text[span]`
//! equal to the text reported for it; sentences in order and not
//! overlapping; every number finite; the profile readable back by `merge`.
//! Shared by the property tests (`tests/properties.rs`) and the fuzz
//! targets (`fuzz/fuzz_targets/`), which include this file by path.

#![allow(dead_code)]

use framescope::internals::engine::analysis::analyze_text;
use framescope::internals::profile::summary::Summary;
use framescope::internals::text::span::Span;
use framescope::profile_of;
use framescope::Analysis;
use framescope::ArticleProfile;
use framescope::{Document, RuleSet};

/// Checks that `span` lies in `text` on char boundaries, and returns the
/// text it covers.
pub fn spanned<'t>(text: &'t str, span: Span, what: &str) -> &'t str {
    let Span { start: a, end: b } = span;
    assert!(
        a <= b && b <= text.len(),
        "{what}: span {a}..{b} out of 0..{}",
        text.len()
    );
    assert!(
        text.is_char_boundary(a) && text.is_char_boundary(b),
        "{what}: span {a}..{b} not on char boundaries"
    );
    &text[a..b]
}

fn finite(x: f64, what: &str) {
    assert!(x.is_finite(), "{what}: {x} is not finite");
}

/// Checks every invariant of `analysis`, the analysis of `text`.
pub fn check_analysis(text: &str, analysis: &Analysis) {
    let mut last_end = 0;
    for (i, s) in analysis.sentences.iter().enumerate() {
        assert_eq!(s.index, i, "sentence indices count up");
        assert_eq!(analysis.text, text, "the analysis holds its text");
        spanned(text, s.span, "sentence");
        assert!(s.span.start >= last_end, "sentences overlap or go back");
        assert!(
            s.span.start < s.span.end,
            "empty sentence at {}",
            s.span.start
        );
        last_end = s.span.end;
        let inside = |span: Span, what: &str| {
            assert!(
                s.span.contains(span),
                "{what} {span:?} outside its sentence {:?}",
                s.span
            );
        };
        for (f, x) in s.frames.iter() {
            finite(x, &format!("sentence frame {f:?}"));
            assert!(x >= 0.0, "frame scores are never negative");
        }
        for c in &s.contributions {
            spanned(text, c.span, "contribution");
            inside(c.span, "contribution");
            finite(c.weight, "weight");
            finite(c.score, "contribution score");
            assert!(c.score >= 0.0);
            for m in &c.modifiers {
                finite(m.factor, "modifier factor");
                let covered = spanned(text, m.span, "modifier");
                if m.kind.as_str() != "quote" {
                    assert_eq!(covered, m.text(text), "modifier text");
                }
            }
        }
        for m in &s.mentions {
            spanned(text, m.span, "mention");
            inside(m.span, "mention");
        }
        for e in &s.edges {
            spanned(text, e.span, "cue");
            spanned(text, e.source_span, "source");
            spanned(text, e.target_span, "target");
            finite(e.weight, "edge weight");
            for m in &e.modifiers {
                finite(m.factor, "edge modifier factor");
            }
        }
    }
    let mut last_end = 0;
    for q in &analysis.quotes {
        let covered = spanned(text, q.span, "quote");
        assert!(q.span.start >= last_end, "quotes overlap");
        last_end = q.span.end;
        assert_eq!(
            covered.trim_matches(|c: char| matches!(c, '“' | '”' | '"')),
            q.text,
            "quote text"
        );
        assert!(q.sentences[0] <= q.sentences[1]);
        assert!(q.sentences[1] < analysis.sentences.len().max(1));
        for (_, x) in q.frames.iter() {
            finite(x, "quote frame");
        }
        if let Some(sp) = &q.speaker {
            assert_eq!(spanned(text, sp.span, "speaker"), sp.text);
        }
    }
    for h in &analysis.hits {
        spanned(text, h.span, "hit");
    }
    assert!(analysis.words <= text.len());
}

/// Checks the profile's numbers and that `merge` reads it back.
pub fn check_profile(p: &ArticleProfile) {
    finite(p.coverage, "coverage");
    for (f, s) in &p.frames {
        finite(s.score, &format!("frame {f} score"));
        finite(s.density, &format!("frame {f} density"));
        finite(s.share, &format!("frame {f} share"));
    }
    for (a, ap) in &p.actors {
        for x in ap.frames.values().chain(ap.quoted_frames.values()) {
            finite(*x, &format!("actor {a} frame"));
        }
    }
    for x in p.voice.own.values().chain(p.voice.quoted.values()) {
        finite(*x, "voice");
    }
    let line = serde_json::to_string(p).expect("a profile serialises");
    if let Err(e) = Summary::from_profile_json(&line) {
        panic!("merge cannot read the profile back: {e}");
    }
}

/// Analyses `text` with `rules` and checks everything, the profile too.
pub fn check_text(rules: &RuleSet, text: &str) {
    let analysis = analyze_text(rules, text, None);
    check_analysis(text, &analysis);
    let doc = Document {
        id: "fuzz".into(),
        text: text.to_string(),
        ..Document::default()
    };
    check_profile(&profile_of(rules, &doc, analysis));
}
