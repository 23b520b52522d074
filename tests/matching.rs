//! Table-driven tests of matching: normalisation, word boundaries, wildcards,
//! exclusions, exact case, possessives, leftmost-longest, and modifiers.

mod common;

use framescope::internals::engine::analysis::analyze_text;
use framescope::internals::engine::scan::scan;
use framescope::RuleSet;

/// The matched texts (original spans) of every hit in `text`, with rule ids.
fn hits(rules: &RuleSet, text: &str) -> Vec<String> {
    scan(rules, text)
        .into_iter()
        .map(|h| format!("{}={}", rules.rule_label(h.rule), h.span.of(text)))
        .collect()
}

struct Case {
    name: &'static str,
    text: &'static str,
    want: &'static [&'static str],
}

const CASES: &[Case] = &[
    Case {
        name: "no arm in harmony",
        text: "harmony and disarmament",
        want: &[],
    },
    Case {
        name: "whole word arm",
        text: "to arm the rebels",
        want: &["military:arm=arm"],
    },
    Case {
        name: "no ally in really",
        text: "really totally",
        want: &[],
    },
    Case {
        name: "wildcard extends to word end",
        text: "its allies met",
        want: &["alliance:alli*=allies"],
    },
    Case {
        name: "wildcard needs start boundary",
        text: "the tallies",
        want: &[],
    },
    Case {
        name: "exclusion drops inner match",
        text: "an alligator farm",
        want: &[],
    },
    Case {
        name: "exclusion is per phrase",
        text: "an alligator",
        want: &["alliance:alli*=alligator"],
    },
    Case {
        name: "longest within a frame",
        text: "nuclear weapons",
        want: &["military:nuclear weapons=nuclear weapons"],
    },
    Case {
        name: "case-insensitive",
        text: "TRADITIONAL FRIENDS",
        want: &["alliance:traditional friends=TRADITIONAL FRIENDS"],
    },
    Case {
        name: "line break inside phrase",
        text: "traditional\n friends",
        want: &["alliance:traditional friends=traditional\n friends"],
    },
    Case {
        name: "exact-case US",
        text: "the US and us",
        want: &["USA:US=US"],
    },
    Case {
        name: "U.S. with dots",
        text: "U.S. President",
        want: &["USA:U.S.=U.S."],
    },
    Case {
        name: "possessive",
        text: "China’s leader",
        want: &["CHN:China=China"],
    },
    Case {
        name: "curly apostrophe alias",
        text: "the Workers’ Party",
        want: &["wpk:Workers' Party=Workers’ Party"],
    },
    Case {
        name: "hyphen equals space",
        text: "North-Korea",
        want: &["PRK:North Korea=North-Korea"],
    },
    Case {
        name: "South Korea is not North Korea",
        text: "South Korea’s military",
        want: &["KOR:South Korea=South Korea"],
    },
    Case {
        name: "professor Kim is not Kim",
        text: "Professor Kim said",
        want: &[],
    },
    Case {
        name: "institute is not an actor",
        text: "the University of North Korean Studies",
        want: &[],
    },
    Case {
        name: "full name beats short alias",
        text: "Kim Jong Un and Kim",
        want: &["kim-jong-un:Kim Jong Un=Kim Jong Un", "kim-jong-un:Kim=Kim"],
    },
    Case {
        name: "exact-case hedge",
        text: "in May they may meet",
        want: &["hedge:may=may"],
    },
    Case {
        name: "no match across a paragraph break",
        text: "They met Kim\n\nJong Un arrived.",
        want: &["kim-jong-un:Kim=Kim"],
    },
    Case {
        name: "unicode case folding",
        text: "CHINA and ÇHINA",
        want: &["CHN:China=CHINA"],
    },
];

#[test]
fn matching_table() {
    let rules = common::fixture();
    for case in CASES {
        assert_eq!(hits(&rules, case.text), case.want, "{}", case.name);
    }
}

/// Frame scores of the single sentence in `text`.
fn score(rules: &RuleSet, text: &str, frame: &str) -> f64 {
    let sentences = analyze_text(rules, text, None).sentences;
    assert_eq!(sentences.len(), 1, "{text}");
    sentences[0]
        .frames
        .named(rules)
        .get(frame)
        .copied()
        .unwrap_or(0.0)
}

struct ScoreCase {
    name: &'static str,
    text: &'static str,
    frame: &'static str,
    want: f64,
}

const SCORES: &[ScoreCase] = &[
    ScoreCase {
        name: "plain term",
        text: "They are an ally.",
        frame: "alliance",
        want: 1.0,
    },
    ScoreCase {
        name: "weight",
        text: "They are traditional friends.",
        frame: "alliance",
        want: 2.0,
    },
    ScoreCase {
        name: "negation dampens, never flips a frame",
        text: "They are not an ally.",
        frame: "alliance",
        want: 0.74,
    },
    ScoreCase {
        name: "negation window is 3 words",
        text: "No one in the region is an ally.",
        frame: "alliance",
        want: 1.0,
    },
    ScoreCase {
        name: "intensifier at distance 1",
        text: "A very ally.",
        frame: "alliance",
        want: 1.293,
    },
    ScoreCase {
        name: "intensifier decays by distance",
        text: "The most trusted ally.",
        frame: "alliance",
        want: 1.2784,
    },
    ScoreCase {
        name: "dampener",
        text: "A slightly ally.",
        frame: "alliance",
        want: 0.707,
    },
    ScoreCase {
        name: "hedge",
        text: "They are reportedly an ally.",
        frame: "alliance",
        want: 0.7,
    },
    ScoreCase {
        name: "contrastive before",
        text: "An ally, but a weak one.",
        frame: "alliance",
        want: 0.5,
    },
    ScoreCase {
        name: "contrastive after",
        text: "Weak, but an ally.",
        frame: "alliance",
        want: 1.5,
    },
    ScoreCase {
        name: "U.S. is one word in a window",
        text: "They are not a U.S. ally.",
        frame: "alliance",
        want: 0.74,
    },
    ScoreCase {
        name: "a possessive is one word",
        text: "It is not Kim Jong-un’s ally.",
        frame: "alliance",
        want: 0.74,
    },
    ScoreCase {
        name: "quotes do not add words",
        text: "They are not an “ally”.",
        frame: "alliance",
        want: 0.74,
    },
    ScoreCase {
        name: "two terms add",
        text: "An ally and its allies.",
        frame: "alliance",
        want: 2.0,
    },
];

#[test]
fn scoring_table() {
    let rules = common::fixture();
    for case in SCORES {
        let got = score(&rules, case.text, case.frame);
        assert!(
            (got - case.want).abs() < 1e-4,
            "{}: got {got}, want {}",
            case.name,
            case.want
        );
    }
}

#[test]
fn evidence_names_rule_origin_and_modifiers() {
    let rules = common::fixture();
    let text = "They are not an ally.";
    let s = &analyze_text(&rules, text, None).sentences[0];
    let c = &s.contributions[0];
    assert_eq!(rules.rule_label(c.rule), "alliance:ally");
    assert_eq!(rules.origin_label(c.rule), "frames/alliance.toml:5");
    assert_eq!(c.span.of(text), "ally");
    assert_eq!(c.modifiers.len(), 1);
    assert_eq!(c.modifiers[0].kind.as_str(), "negation");
    assert_eq!(c.modifiers[0].text(text), "not");
}

#[test]
fn actors_roll_up_to_their_state() {
    let rules = common::fixture();
    let text = "Kim met Chinese officials in Pyongyang.";
    let s = &analyze_text(&rules, text, None).sentences[0];
    assert_eq!(s.actor_names(&rules), ["CHN", "PRK"]);
    let kim = s
        .mentions
        .iter()
        .find(|m| m.span.of(text) == "Kim")
        .unwrap();
    assert_eq!(
        (rules.actor_name(kim.actor), rules.actor_name(kim.entity)),
        ("PRK", "kim-jong-un")
    );
}

#[test]
fn quoted_matches_are_marked() {
    let rules = common::fixture();
    let s = &analyze_text(
        &rules,
        "He called them “traditional friends” and an ally.",
        None,
    )
    .sentences[0];
    let quoted: Vec<bool> = s.contributions.iter().map(|c| c.quoted).collect();
    assert_eq!(quoted, [true, false]);
}

#[test]
fn rule_set_is_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<RuleSet>();
}

#[test]
fn dominant_frames_must_score() {
    let pack = format!("{}[scoring]\ndominant-ratio = 0.0\n", common::PACK);
    let rules = common::compile(&[("pack.toml", &pack)]).unwrap();
    let doc = framescope::Document {
        id: "d".into(),
        text: "They are an ally.".into(),
        ..Default::default()
    };
    assert_eq!(framescope::profile(&rules, &doc).dominant, ["alliance"]);
}
