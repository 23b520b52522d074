//! Contexts (contexts.toml): a frame term that names a context counts only
//! where the context holds (actors of given kinds near it, a sense cue near
//! it, no sense cue of some lists near it); the evidence says what decided.
//! Table-driven over a small fixture pack, plus located errors and `fmt`.

mod common;

use framescope::internals::engine::analysis::analyze_text;
use framescope::internals::engine::model::SentenceResult;
use framescope::internals::pack::canonical::format_file;
use framescope::RuleSet;

const CONTEXTS: &str = r#"
[[cues]]
id = "sport"
terms = ["league", "striker", "football*"]
exclude = ["League of Nations"]

[[cues]]
id = "business"
terms = ["shareholders", "board meeting"]

[[cues]]
id = "armed"
terms = ["troops", "shelling"]

[[context]]
id = "between-governments"
actors = { kinds = ["state", "org"], within = 6 }
not-near = { cues = ["sport", "business"], within = 8 }

[[context]]
id = "two-actors"
actors = { min = 2 }

[[context]]
id = "people"
actors = { kinds = ["person"] }

[[context]]
id = "armed"
near = { cues = ["armed"], within = 4 }

[[context]]
id = "no-sport-next"
not-near = { cues = ["sport"], within = 1 }
"#;

const DIPLOMACY: &str = r#"
label = "Diplomacy"
terms = [
  { pattern = "meeting", context = "between-governments" },
  { pattern = "talks", context = "two-actors" },
  { pattern = "summit" },
  { pattern = "visit", context = "people" },
  { pattern = "envoy", context = "no-sport-next" },
]

[[test]]
text = "China hosted a meeting."
matches = true

[[test]]
text = "The meeting was long."
matches = false
"#;

const CONFLICT: &str = r#"
label = "Conflict"
context = "armed"
terms = [
  { pattern = "battle" },
  { pattern = "fight", context = "two-actors" },
]

[[test]]
text = "Troops joined the battle."
matches = true

[[test]]
text = "The battle for the Senate."
matches = false
"#;

fn rules() -> RuleSet {
    common::compile(&[
        ("contexts.toml", CONTEXTS),
        ("frames/diplomacy.toml", DIPLOMACY),
        ("frames/conflict.toml", CONFLICT),
    ])
    .expect("the context fixture compiles")
}

fn sentence(rules: &RuleSet, text: &str) -> SentenceResult {
    let mut a = analyze_text(rules, text, None);
    assert_eq!(a.sentences.len(), 1, "{text}");
    a.sentences.remove(0)
}

struct Row {
    name: &'static str,
    text: &'static str,
    frame: &'static str,
    counts: bool,
    /// Words the context's reason must contain.
    reason: &'static str,
}

const ROWS: &[Row] = &[
    Row {
        name: "a cue right next to the term holds it back",
        text: "The league envoy spoke.",
        frame: "diplomacy",
        counts: false,
        reason: "sport cue \"league\" 1 word away",
    },
    Row {
        name: "a cue two words away is beyond a reach of one word",
        text: "The envoy met the striker.",
        frame: "diplomacy",
        counts: true,
        reason: "no sport cue within 1 word",
    },
    Row {
        name: "a state near the term admits it",
        text: "China hosted a meeting in Geneva.",
        frame: "diplomacy",
        counts: true,
        reason: "actor \"China\" (CHN) 3 words away",
    },
    Row {
        name: "no actor in the sentence holds it back",
        text: "The meeting ran late into the night.",
        frame: "diplomacy",
        counts: false,
        reason: "no actor of state/org within 6 words",
    },
    Row {
        name: "a state too far away holds it back",
        text: "China said on Tuesday that after many long weeks the meeting would go ahead.",
        frame: "diplomacy",
        counts: false,
        reason: "no actor of state/org within 6 words",
    },
    Row {
        name: "a person rolled up to a state counts as a state",
        text: "Kim held a meeting with officials.",
        frame: "diplomacy",
        counts: true,
        reason: "actor \"Kim\" (PRK)",
    },
    Row {
        name: "a sport cue near the term holds it back even with a state",
        text: "China's football league held a meeting.",
        frame: "diplomacy",
        counts: false,
        reason: "sport cue \"league\" 3 words away",
    },
    Row {
        name: "a cue inside a phrase its list excludes is no cue",
        text: "China hosted a League of Nations meeting.",
        frame: "diplomacy",
        counts: true,
        reason: "no sport/business cue within 8 words",
    },
    Row {
        name: "a cue phrase that contains the term holds it back",
        text: "China's board meeting was short.",
        frame: "diplomacy",
        counts: false,
        reason: "business cue \"board meeting\" overlapping",
    },
    Row {
        name: "min = 2 needs two distinct actors",
        text: "China opened talks with the North Korean side.",
        frame: "diplomacy",
        counts: true,
        reason: "actor \"China\" (CHN) 2 words away, actor \"North Korean\" (PRK) 3 words away",
    },
    Row {
        name: "min = 2 is not met by one actor named twice",
        text: "China and Beijing opened talks.",
        frame: "diplomacy",
        counts: false,
        reason: "1 of 2 actors of any kind in the sentence",
    },
    Row {
        name: "a kind that does not fit holds it back",
        text: "China planned a visit.",
        frame: "diplomacy",
        counts: false,
        reason: "no actor of person in the sentence",
    },
    Row {
        name: "the entity's own kind counts (a person of PRK)",
        text: "Kim planned a visit.",
        frame: "diplomacy",
        counts: true,
        reason: "actor \"Kim\" (PRK) 3 words away",
    },
    Row {
        name: "a term without a context always counts",
        text: "The summit ran late.",
        frame: "diplomacy",
        counts: true,
        reason: "",
    },
    Row {
        name: "a frame's context applies to its terms",
        text: "Troops joined the battle at dawn.",
        frame: "conflict",
        counts: true,
        reason: "armed cue \"Troops\" 3 words away",
    },
    Row {
        name: "a metaphor without its cue is held back",
        text: "The battle for the Senate is on.",
        frame: "conflict",
        counts: false,
        reason: "no armed cue within 4 words",
    },
    Row {
        name: "a term's own context overrides the frame's",
        text: "China and North Korea fight.",
        frame: "conflict",
        counts: true,
        reason: "actor \"North Korea\" (PRK) 1 word away",
    },
];

#[test]
fn contexts_admit_and_hold_back_terms_with_their_reason() {
    let rules = rules();
    for row in ROWS {
        let s = sentence(&rules, row.text);
        assert_eq!(
            s.frames.named(&rules).contains_key(row.frame),
            row.counts,
            "{}: {s:#?}",
            row.name
        );
        let list = if row.counts {
            &s.contributions
        } else {
            &s.held
        };
        let c = list
            .iter()
            .find(|c| rules.frame_name(c.frame) == row.frame)
            .unwrap_or_else(|| panic!("{}: no {} term in {list:#?}", row.name, row.frame));
        match &c.context {
            None => assert!(row.reason.is_empty(), "{}: no context check", row.name),
            Some(check) => {
                assert_eq!(check.admitted, row.counts, "{}", row.name);
                assert!(
                    check.reason.contains(row.reason),
                    "{}: reason {:?} should contain {:?}",
                    row.name,
                    check.reason,
                    row.reason
                );
            }
        }
        if !row.counts {
            assert_eq!(c.score, 0.0, "{}", row.name);
            assert!(
                s.contributions
                    .iter()
                    .all(|x| rules.frame_name(x.frame) != row.frame),
                "{}: a held term must not also count",
                row.name
            );
        }
    }
}

#[test]
fn a_reach_of_one_word_is_said_in_the_singular() {
    let rules = rules();
    let s = sentence(&rules, "The envoy met the striker.");
    let check = s.contributions[0]
        .context
        .as_ref()
        .expect("a context check");
    assert_eq!(check.reason, "no sport cue within 1 word");
}

#[test]
fn a_resolved_reference_counts_as_an_actor() {
    let actors = format!(
        "{}\n[[reference]]\npattern = \"he\"\nresolves = \"person\"\n",
        common::ACTORS
    );
    let rules = common::compile(&[
        ("actors.toml", &actors),
        ("contexts.toml", CONTEXTS),
        ("frames/diplomacy.toml", DIPLOMACY),
    ])
    .unwrap();
    let a = analyze_text(&rules, "Kim arrived on Monday. He planned a visit.", None);
    assert!(
        a.sentences[1]
            .frames
            .named(&rules)
            .contains_key("diplomacy"),
        "{a:#?}"
    );
}

/// A relation's other side: `other-side = N` asks for another actor than
/// the one found, in the sentence or within N sentences either side.
#[test]
fn the_other_side_of_a_relation_is_looked_for_in_the_sentences_around() {
    let contexts = r#"
[[context]]
id = "relation"
actors = { min = 1, other-side = 1 }

[[context]]
id = "relation-here"
actors = { min = 1, other-side = 0 }
"#;
    let frame = r#"
label = "Diplomacy"
terms = [
  { pattern = "talks", context = "relation" },
  { pattern = "meeting", context = "relation-here" },
]
"#;
    let rules = common::compile(&[
        ("contexts.toml", contexts),
        ("frames/diplomacy.toml", frame),
    ])
    .expect("the fixture compiles");
    // (text, sentence, counts, words of the reason)
    let cases: &[(&str, usize, bool, &str)] = &[
        (
            "China opened talks with North Korea.",
            0,
            true,
            "other side \"North Korea\" (PRK) in the sentence",
        ),
        (
            "North Korea fired a missile. China opened talks.",
            1,
            true,
            "other side \"North Korea\" (PRK) 1 sentence before",
        ),
        (
            "China opened talks. Seoul said nothing.",
            0,
            true,
            "other side \"Seoul\" (KOR) 1 sentence after",
        ),
        (
            "North Korea fired a missile. It was cold. China opened talks.",
            2,
            false,
            "actor \"China\" (CHN) 2 words away; no other actor or place of one within 1 sentence",
        ),
        (
            "China opened talks. Beijing said so.",
            0,
            false,
            "no other actor or place of one within 1 sentence",
        ),
        (
            "North Korea fired a missile. China held a meeting.",
            1,
            false,
            "no other actor or place of one in the sentence",
        ),
        (
            "China held a meeting with Kim.",
            0,
            true,
            "actor \"Kim\" (PRK) 2 words away; other side \"China\" (CHN) in the sentence",
        ),
    ];
    check_cases(&rules, "diplomacy", cases);

    let bad = "[[context]]\nid = \"a\"\nactors = { other-side = 6 }\n";
    common::assert_one(
        &[("contexts.toml", bad)],
        "contexts.toml:3:25: `other-side` is 6",
        &[],
    );
}

/// A story's scene: `sentences = N` on a cue condition lets a cue in the N
/// sentences either side count as near, for `near` and `not-near` alike.
#[test]
fn a_cue_may_stand_in_the_sentences_around() {
    let contexts = r#"
[[cues]]
id = "armed"
terms = ["troops", "shelling"]

[[cues]]
id = "sport"
terms = ["league"]

[[context]]
id = "scene"
near = { cues = ["armed"], within = 3, sentences = 1 }

[[context]]
id = "calm"
not-near = { cues = ["sport"], sentences = 1 }
"#;
    let frame = r#"
label = "Threat"
terms = [
  { pattern = "killed", context = "scene" },
  { pattern = "injured", context = "calm" },
]
"#;
    let rules = common::compile(&[("contexts.toml", contexts), ("frames/threat.toml", frame)])
        .expect("the fixture compiles");
    // (text, sentence, counts, words of the reason)
    let cases: &[(&str, usize, bool, &str)] = &[
        (
            "Troops killed six.",
            0,
            true,
            "armed cue \"Troops\" 1 word away",
        ),
        (
            "Shelling went on all night. Six were killed.",
            1,
            true,
            "armed cue \"Shelling\" 1 sentence before",
        ),
        (
            "Six were killed. Troops left at dawn.",
            0,
            true,
            "armed cue \"Troops\" 1 sentence after",
        ),
        // `within` reaches only so far in the term's own sentence ...
        (
            "Troops came to the town where in the end six were killed.",
            0,
            false,
            "no armed cue within 3 words or within 1 sentence",
        ),
        // ... and `sentences` only so many sentences away.
        (
            "Shelling went on all night. It was cold. Six were killed.",
            2,
            false,
            "no armed cue within 3 words or within 1 sentence",
        ),
        (
            "The league ended early. Six were injured.",
            1,
            false,
            "sport cue \"league\" 1 sentence before",
        ),
        (
            "The league ended early. It was cold. Six were injured.",
            2,
            true,
            "no sport cue in the sentence or within 1 sentence",
        ),
    ];
    check_cases(&rules, "threat", cases);

    let bad = "[[cues]]\nid = \"c\"\nterms = [\"x\"]\n\n[[context]]\nid = \"a\"\nnear = { cues = [\"c\"], sentences = 6 }\n";
    common::assert_one(
        &[("contexts.toml", bad)],
        "contexts.toml:7:36: `sentences` is 6",
        &[],
    );
}

/// A cue list's `exact` words match with exact case only: "Democratic" is a
/// party's name, "democratic" is not.
#[test]
fn exact_cue_words_match_their_case_only() {
    let contexts = r#"
[[cues]]
id = "party"
terms = ["Republican"]
exact = ["Democratic"]

[[context]]
id = "no-party"
not-near = { cues = ["party"] }
"#;
    let frame = r#"
label = "Alliance"
terms = [{ pattern = "ally", context = "no-party" }]
"#;
    let rules = common::compile(&[("contexts.toml", contexts), ("frames/alliance.toml", frame)])
        .expect("the fixture compiles");
    for (text, counts) in [
        ("A Democratic ally spoke.", false),
        ("A republican ally spoke.", false),
        ("A democratic ally spoke.", true),
    ] {
        let a = analyze_text(&rules, text, None);
        assert_eq!(
            a.sentences[0].frames.named(&rules).contains_key("alliance"),
            counts,
            "{text}: {:#?}",
            a.sentences[0]
        );
    }
}

#[test]
fn the_pack_tests_of_the_fixture_pass() {
    let rules = rules();
    let failed: Vec<_> = framescope::internals::pack::ruletest::run_tests(&rules)
        .into_iter()
        .filter(|o| !o.passed())
        .collect();
    assert!(failed.is_empty(), "{failed:#?}");
}

#[test]
fn explain_shows_what_admitted_and_what_held_back() {
    let dir = common::write_pack(
        "context-explain",
        &[
            ("contexts.toml", CONTEXTS),
            ("frames/diplomacy.toml", DIPLOMACY),
            ("frames/conflict.toml", CONFLICT),
        ],
    );
    let article = dir.join("a.txt");
    std::fs::write(
        &article,
        "China hosted a meeting. The battle for the Senate.\n",
    )
    .unwrap();
    let (code, out, err) = common::run(&[
        "--rules",
        dir.to_str().unwrap(),
        "explain",
        "--color",
        "never",
        article.to_str().unwrap(),
    ]);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("context between-governments: no sport/business cue within 8 words; actor \"China\" (CHN) 3 words away"),
        "{out}"
    );
    assert!(
        out.contains("- conflict   held  \"battle\"  conflict:battle  (frames/conflict.toml:5)  context armed: no armed cue within 4 words"),
        "{out}"
    );
    // A held term is not marked as a frame term in the text.
    assert!(out.contains("The battle for the Senate."), "{out}");
}

/// Checks each case `(text, sentence, counts, words of the reason)`: whether
/// `frame` is present in that sentence, and that the context check of its
/// first contribution (or, when it does not count, of its first held term)
/// gives a reason containing those words.
fn check_cases(rules: &RuleSet, frame: &str, cases: &[(&str, usize, bool, &str)]) {
    for &(text, index, counts, reason) in cases {
        let a = analyze_text(rules, text, None);
        let s = &a.sentences[index];
        assert_eq!(
            s.frames.named(rules).contains_key(frame),
            counts,
            "{text}: {s:#?}"
        );
        let list = if counts { &s.contributions } else { &s.held };
        let check = list[0].context.as_ref().expect("a context check");
        assert!(
            check.reason.contains(reason),
            "{text}: reason {:?} should contain {reason:?}",
            check.reason
        );
    }
}

#[test]
fn unknown_ids_and_bad_values_are_located_errors() {
    let frame = "label = \"Diplomacy\"\nterms = [\n  { pattern = \"meeting\", context = \"between-govts\" },\n]\n";
    let diags = common::diagnostics(&[
        ("contexts.toml", CONTEXTS),
        ("frames/diplomacy.toml", frame),
    ]);
    assert_eq!(diags.len(), 1, "{diags:#?}");
    assert!(
        diags[0].starts_with("frames/diplomacy.toml:3:36: unknown context `between-govts`"),
        "{}",
        diags[0]
    );

    let frame_level =
        "label = \"Diplomacy\"\ncontext = \"nope\"\nterms = [{ pattern = \"talks\" }]\n";
    let diags = common::diagnostics(&[("frames/diplomacy.toml", frame_level)]);
    assert_eq!(diags.len(), 1, "{diags:#?}");
    assert!(
        diags[0].starts_with("frames/diplomacy.toml:2:11: unknown context `nope`"),
        "{}",
        diags[0]
    );

    let bad = r#"[[cues]]
id = "sport"
terms = ["league"]

[[context]]
id = "a"
not-near = { cues = ["sports"], within = 0 }

[[context]]
id = "b"
actors = { kinds = ["nation"], min = 0 }

[[context]]
id = "c"
"#;
    let diags = common::diagnostics(&[("contexts.toml", bad)]);
    let want = [
        "contexts.toml:7:22: unknown cue list `sports`",
        "contexts.toml:7:42: `within` is 0",
        "contexts.toml:11:21: unknown actor kind `nation`: use state, person, org, group, body, media",
        "contexts.toml:11:38: `min` is 0",
        "contexts.toml:13:1: context `c` sets no condition",
    ];
    assert_eq!(diags.len(), want.len(), "{diags:#?}");
    for (d, w) in diags.iter().zip(want) {
        assert!(d.starts_with(w), "{d} should start with {w}");
    }

    let typo = "[[context]]\nid = \"a\"\nnot-near = { cue = [\"sport\"] }\n";
    let diags = common::diagnostics(&[("contexts.toml", typo)]);
    assert!(
        diags[0].starts_with("contexts.toml:3:") && diags[0].contains("unknown field `cue`"),
        "{diags:#?}"
    );
}

#[test]
fn fmt_sorts_cue_terms_and_keeps_term_keys_in_order() {
    let text = "[[cues]]\nid = \"sport\"\nterms = [\"striker\", \"league\", \"league\"]\nexclude = [\"World Cup\", \"League of Nations\"]\n\n[[context]]\nid = \"x\"\nnot-near = { cues = [\"sport\"] }\n";
    let got = format_file("contexts.toml", text).unwrap();
    assert!(got.contains("terms = [\"league\", \"striker\"]"), "{got}");
    assert!(
        got.contains("exclude = [\"League of Nations\", \"World Cup\"]"),
        "{got}"
    );
    assert_eq!(
        format_file("contexts.toml", &got).unwrap(),
        got,
        "idempotent"
    );

    let frame = "label = \"D\"\nterms = [\n  { note = \"n\", context = \"x\", pattern = \"meeting\" },\n  { pattern = \"meeting\", context = \"y\" },\n]\ncontext = \"x\"\n";
    let got = format_file("frames/d.toml", frame).unwrap();
    assert_eq!(
        got,
        "label = \"D\"\ncontext = \"x\"\nterms = [\n  { pattern = \"meeting\", context = \"x\", note = \"n\" },\n  { pattern = \"meeting\", context = \"y\" },\n]\n",
        "terms with different contexts are not duplicates"
    );
}
