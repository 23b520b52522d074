//! Running a pack's `[[test]]` examples: each example text is classified and
//! compared with what the test expects. A failure is *missing* (an expected
//! frame or actor was not found: a false negative) or *noisy* (something
//! found that must not be: a false positive), with the evidence behind it.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::engine::analysis::analyze_text;
use crate::pack::ruleset::{RuleSet, RuleTest};
use crate::text::date::ArticleDate;

/// Why a test failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FailureKind {
    /// Expected but not found (false negative).
    Missing,
    /// Found but not expected (false positive).
    Noisy,
}

/// One failed expectation of a test.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Failure {
    /// Missing or noisy.
    pub kind: FailureKind,
    /// `frame`, `actor`, `edge` or `speaker`.
    pub what: &'static str,
    /// The frame or actor id.
    pub id: String,
    /// For noisy findings: the matches that produced it (`"text" rule (file:line)`).
    pub evidence: Vec<String>,
}

/// The outcome of one test.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Outcome {
    /// Where the test is declared, `file:line`.
    pub origin: String,
    /// The example text.
    pub text: String,
    /// Every failed expectation; empty when the test passed.
    pub failures: Vec<Failure>,
}

impl Outcome {
    /// Whether every expectation held.
    pub fn passed(&self) -> bool {
        self.failures.is_empty()
    }
}

/// Runs every test of `rules`, in declaration order.
pub fn run_tests(rules: &RuleSet) -> Vec<Outcome> {
    rules.tests.iter().map(|t| run_test(rules, t)).collect()
}

/// Runs one test.
pub(crate) fn run_test(rules: &RuleSet, test: &RuleTest) -> Outcome {
    let analysis = analyze_text(rules, &test.text, test.date.map(ArticleDate::from));
    let sentences = &analysis.sentences;
    let frames: BTreeSet<&str> = sentences
        .iter()
        .flat_map(|s| s.frames.names(rules))
        .collect();
    let actors: BTreeSet<&str> = sentences
        .iter()
        .flat_map(|s| s.actor_names(rules))
        .collect();
    let mut failures = Vec::new();
    let mut compare =
        |what: &'static str, want: &BTreeSet<&str>, got: &BTreeSet<&str>, only: Option<&str>| {
            for id in want.difference(got) {
                failures.push(Failure {
                    kind: FailureKind::Missing,
                    what,
                    id: id.to_string(),
                    evidence: Vec::new(),
                });
            }
            for id in got.difference(want) {
                if only.is_some_and(|o| o != *id) {
                    continue;
                }
                let evidence = sentences
                    .iter()
                    .flat_map(|s| -> Vec<String> {
                        match what {
                            "frame" => s.frame_evidence(rules, &test.text, id).collect(),
                            "actor" => s.actor_evidence(rules, &test.text, id).collect(),
                            _ => s.edge_evidence(rules, &test.text, id).collect(),
                        }
                    })
                    .collect();
                failures.push(Failure {
                    kind: FailureKind::Noisy,
                    what,
                    id: id.to_string(),
                    evidence,
                });
            }
        };
    if let Some((frame, must)) = &test.frame {
        let want: BTreeSet<&str> = if *must {
            [frame.as_str()].into()
        } else {
            BTreeSet::new()
        };
        let got: BTreeSet<&str> = frames.iter().copied().filter(|f| f == frame).collect();
        compare("frame", &want, &got, Some(frame));
    }
    if let Some(want) = &test.frames {
        compare(
            "frame",
            &want.iter().map(String::as_str).collect(),
            &frames,
            None,
        );
    }
    if let Some(want) = &test.edges {
        let edges: BTreeSet<String> = sentences
            .iter()
            .flat_map(|s| s.edges.iter().map(|e| e.label(rules)))
            .collect();
        let got: BTreeSet<&str> = edges.iter().map(String::as_str).collect();
        compare(
            "edge",
            &want.iter().map(String::as_str).collect(),
            &got,
            None,
        );
    }
    if let Some(want) = &test.speakers {
        let speakers: BTreeSet<String> = analysis
            .quotes
            .iter()
            .cloned()
            .filter_map(|q| q.speaker)
            .map(|s| s.actor.map_or(s.text, |a| rules.actor_name(a).to_string()))
            .collect();
        compare(
            "speaker",
            &want.iter().map(String::as_str).collect(),
            &speakers.iter().map(String::as_str).collect(),
            None,
        );
    }
    if let Some(want) = &test.actors {
        compare(
            "actor",
            &want.iter().map(String::as_str).collect(),
            &actors,
            None,
        );
    }
    Outcome {
        origin: test.origin.to_string(),
        text: test.text.clone(),
        failures,
    }
}

/// A plain-text report of the failures and a summary line.
pub fn report(outcomes: &[Outcome]) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    for o in outcomes.iter().filter(|o| !o.passed()) {
        let _ = writeln!(out, "FAIL {}: {:?}", o.origin, o.text);
        for f in &o.failures {
            let kind = match f.kind {
                FailureKind::Missing => "missing",
                FailureKind::Noisy => "noisy",
            };
            let _ = writeln!(out, "  {kind} {} {}", f.what, f.id);
            for e in &f.evidence {
                let _ = writeln!(out, "    from {e}");
            }
        }
    }
    let failed = outcomes.iter().filter(|o| !o.passed()).count();
    let _ = writeln!(out, "{} passed, {failed} failed", outcomes.len() - failed);
    out
}
