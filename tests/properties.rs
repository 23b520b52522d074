//! Property tests (issue 15), on stable Rust: the invariants of
//! `tests/common/invariants.rs` (spans in bounds and on char boundaries,
//! sentences in order, every number finite, profiles readable by `merge`)
//! on generated text; `--jobs 1` equals `--jobs N` byte for byte; `rules
//! fmt` is idempotent; merges are associative and commutative. The fuzz
//! targets (`scripts/fuzz.sh`) check the same invariants on far more
//! inputs. Case counts are modest so that `cargo test` stays quick on two
//! cores; `PROPTEST_CASES=1000 cargo test --test properties` runs more.

mod common;

use common::TempDir;

#[path = "common/invariants.rs"]
mod invariants;

use std::sync::OnceLock;

use framescope::internals::corpus::aggregate::Aggregate;
use framescope::internals::pack::canonical::format_file;
use framescope::internals::profile::summary::Summary;
use framescope::{profile, Document, RuleSet};
use proptest::prelude::*;

/// `default` cases, or `PROPTEST_CASES` when set.
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(default)
}

fn rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| RuleSet::embedded().expect("the embedded pack compiles"))
}

/// Pieces of news text that reach every part of the engine (frame terms,
/// modifiers, contrastives, actors, references, stance cues, passives,
/// quotes, reporting verbs, abbreviations) and characters that have broken
/// such code (multi-byte spaces, invisible marks, decomposed letters, the
/// Turkish dotted I, a NUL).
const PIECES: &[&str] = &[
    "ally",
    "allies",
    "alliance",
    "threat",
    "missile*",
    "sanctions",
    "summit",
    "talks",
    "war",
    "but",
    "however",
    "though",
    "yet",
    "not",
    "never",
    "didn't",
    "very",
    "most",
    "slightly",
    "reportedly",
    "may",
    "May",
    "China",
    "Russia",
    "North Korea",
    "South Korea",
    "Kim Jong Un",
    "Kim",
    "KİM",
    "Kim\u{200B}Jong",
    "Pyong\u{AD}yang",
    "Putin",
    "Washington",
    "U.S.",
    "US",
    "he",
    "she",
    "the country",
    "both sides",
    "the North",
    "praised",
    "condemned",
    "backed",
    "accused",
    "was",
    "were",
    "by",
    "with",
    "said",
    "told",
    "according to",
    "declared",
    "Mr.",
    "Dr.",
    "3.5",
    "\"",
    "“",
    "”",
    "'s",
    "’s",
    ".",
    "!",
    "?",
    ";",
    ",",
    ":",
    "\n",
    "\n\n",
    "-",
    "—",
    "\u{A0}",
    "\u{85}",
    "\u{2028}",
    "\u{200D}",
    "é",
    "e\u{301}",
    "ﬁ",
    "Σ",
    "🙂",
    "\u{0}",
    "\t",
    "+++",
    "<",
    "&",
];

/// Text made of `PIECES` and arbitrary strings, joined with or without
/// spaces.
fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        12 => prop::sample::select(PIECES).prop_map(String::from),
        1 => any::<String>(),
    ];
    (prop::collection::vec(piece, 0..80), any::<bool>())
        .prop_map(|(pieces, spaced)| pieces.join(if spaced { " " } else { "" }))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(48)))]

    #[test]
    fn any_text_keeps_the_invariants(text in text()) {
        invariants::check_text(rules(), &text);
    }

    #[test]
    fn a_run_on_sentence_keeps_the_invariants(unit in text(), n in 1usize..40) {
        let text = unit.replace(['.', '!', '?', '\n'], " ").repeat(n);
        invariants::check_text(rules(), &text);
    }
}

/// Runs the CLI in-process: (exit code, stdout).
fn run(args: &[&str]) -> (u8, Vec<u8>) {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let mut argv = vec!["framescope"];
    argv.extend_from_slice(args);
    let code = framescope::internals::cli::run(argv, Default::default(), &mut out, &mut err);
    (code, out)
}

/// One JSON Lines article per text, with an outlet.
fn jsonl(texts: &[String]) -> String {
    texts
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let outlet = ["A", "B", "C"][i % 3];
            format!(
                "{}\n",
                serde_json::json!({"id": format!("d{i}"), "outlet": outlet, "text": t})
            )
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(6)))]

    #[test]
    fn any_number_of_jobs_gives_the_same_bytes(
        texts in prop::collection::vec(text(), 1..40),
        jobs in 2usize..5,
    ) {
        let dir = TempDir::new("jobs");
        let path = dir.0.join("c.jsonl");
        std::fs::write(&path, jsonl(&texts)).unwrap();
        let path = path.to_str().unwrap();
        let jobs = jobs.to_string();
        for format in ["jsonl", "csv"] {
            let one = run(&["classify", "-q", "--format", format, "-j", "1", path]);
            let many = run(&["classify", "-q", "--format", format, "-j", &jobs, path]);
            prop_assert_eq!(one.0, 0);
            prop_assert!(one == many, "--jobs 1 and --jobs {} differ ({})", jobs, format);
        }
    }
}

/// A pattern as a TOML basic string (control characters escaped, as TOML
/// requires, DEL included).
fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A frame file with `terms` (pattern, weight, note) and `exclude`.
fn frame_file(terms: &[(String, Option<u8>, bool)], exclude: &[String]) -> String {
    let mut out = String::from("label = \"Generated\"\ncolor = \"red\"\nterms = [\n");
    for (pattern, weight, note) in terms {
        out.push_str(&format!("  {{ pattern = {}", toml_string(pattern)));
        if let Some(w) = weight {
            out.push_str(&format!(", weight = {}.5", w % 9));
        }
        if *note {
            out.push_str(", note = \"why\"");
        }
        out.push_str(" },\n");
    }
    out.push_str("]\nexclude = [");
    let ex: Vec<String> = exclude.iter().map(|e| toml_string(e)).collect();
    out.push_str(&ex.join(", "));
    out.push_str("]\n\n[[test]]\ntext = \"an ally\"\nmatches = true\n");
    out
}

fn pattern() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => prop::sample::select(PIECES).prop_map(String::from),
        2 => "[a-zA-Z][a-zA-Z' -]{0,12}\\*?",
        1 => any::<String>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(32)))]

    #[test]
    fn rules_fmt_is_idempotent(
        terms in prop::collection::vec((pattern(), any::<Option<u8>>(), any::<bool>()), 0..20),
        exclude in prop::collection::vec(pattern(), 0..5),
    ) {
        let text = frame_file(&terms, &exclude);
        let once = format_file("frames/generated.toml", &text).expect("valid TOML formats");
        let twice = format_file("frames/generated.toml", &once).expect("its own output formats");
        prop_assert_eq!(&once, &twice);
    }

    #[test]
    fn merges_are_associative_and_commutative(
        a in prop::collection::vec(text(), 0..4),
        b in prop::collection::vec(text(), 0..4),
        c in prop::collection::vec(text(), 0..4),
    ) {
        let summaries = |texts: &[String], part: &str| -> Vec<Summary> {
            texts
                .iter()
                .enumerate()
                .map(|(i, t)| {
                    let mut doc = Document {
                        id: format!("{part}{i}"),
                        text: t.clone(),
                        ..Document::default()
                    };
                    doc.meta.insert("outlet".into(), ["A", "B"][i % 2].into());
                    Summary::from_profile(&profile(rules(), &doc))
                })
                .collect()
        };
        let aggregate = |parts: &[&[Summary]]| {
            let mut agg = Aggregate::new(Some("outlet".into()));
            for part in parts {
                for s in *part {
                    agg.add(s).unwrap();
                }
            }
            agg
        };
        let (sa, sb, sc) = (summaries(&a, "a"), summaries(&b, "b"), summaries(&c, "c"));
        let (aa, ab, ac) = (aggregate(&[&sa]), aggregate(&[&sb]), aggregate(&[&sc]));
        let merged = |order: [&Aggregate; 3], nested_right: bool| {
            let mut out = Aggregate::new(Some("outlet".into()));
            if nested_right {
                let mut right = order[1].clone();
                right.merge(order[2]).unwrap();
                out.merge(order[0]).unwrap();
                out.merge(&right).unwrap();
            } else {
                for part in order {
                    out.merge(part).unwrap();
                }
            }
            out.to_json()
        };
        let whole = aggregate(&[&sa, &sb, &sc]).to_json();
        prop_assert_eq!(&merged([&aa, &ab, &ac], false), &whole);
        prop_assert_eq!(&merged([&aa, &ab, &ac], true), &whole);
        prop_assert_eq!(&merged([&ac, &aa, &ab], false), &whole);
        prop_assert_eq!(&merged([&ab, &ac, &aa], true), &whole);
    }
}
