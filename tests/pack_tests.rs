//! Runs every `[[test]]` of the default rule pack through the same runner as
//! `framescope rules test`, and checks the runner itself on a fixture pack.

mod common;

use framescope::internals::pack::ruletest::{report, run_tests, FailureKind};
use framescope::RuleSet;

#[test]
fn every_pack_test_passes() {
    let rules = RuleSet::embedded().unwrap();
    let outcomes = run_tests(&rules);
    assert!(
        !outcomes.is_empty(),
        "the default pack has no [[test]] entries"
    );
    assert!(outcomes.iter().all(|o| o.passed()), "{}", report(&outcomes));
}

#[test]
fn failures_are_named_missing_or_noisy_with_evidence() {
    let frame = r#"
label = "Alliance"
terms = [{ pattern = "ally" }]

[[test]]
text = "They are friends."
matches = true

[[test]]
text = "An ally in need."
matches = false
"#;
    let rules = common::compile(&[("frames/alliance.toml", frame)]).unwrap();
    let outcomes: Vec<_> = run_tests(&rules)
        .into_iter()
        .filter(|o| o.origin.starts_with("frames/alliance.toml"))
        .collect();
    assert_eq!(outcomes.len(), 2);
    let missing = &outcomes[0].failures;
    assert_eq!(missing.len(), 1);
    assert_eq!(
        (missing[0].kind, missing[0].id.as_str()),
        (FailureKind::Missing, "alliance")
    );
    let noisy = &outcomes[1].failures;
    assert_eq!(
        (noisy[0].kind, noisy[0].id.as_str()),
        (FailureKind::Noisy, "alliance")
    );
    assert_eq!(
        noisy[0].evidence,
        ["\"ally\" alliance:ally (frames/alliance.toml:3)"]
    );
    let text = report(&outcomes);
    assert!(
        text.contains(
            "FAIL frames/alliance.toml:5: \"They are friends.\"\n  missing frame alliance\n"
        ),
        "{text}"
    );
    assert!(text.ends_with("0 passed, 2 failed\n"), "{text}");
}
