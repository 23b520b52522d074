//! `rules fmt`: the shipped pack is canonical; `--check` reports and exits
//! 1 without writing; a rewrite keeps the pack's meaning and its comments.

mod common;

use framescope::internals::engine::analysis::analyze_text;
use framescope::internals::pack::canonical::format_file;
use framescope::{PackSource, RuleSet};

#[test]
fn the_shipped_pack_is_canonical() {
    for (path, text) in PackSource::embedded().files() {
        let formatted = format_file(path, text).unwrap();
        assert!(
            formatted == *text,
            "{path} is not canonical: run `cargo run -- rules fmt`"
        );
    }
}

const MESSY: &str = r#"terms = [
  { weight = 2.0, pattern = "traditional friends" },
  { pattern = "ally" },   # the noun
  { pattern = "alli*" },
  { pattern = "ally" },
]
label = "Alliance"
exclude = ["alligator farm"]

[[test]]
text = "They remain close allies."
matches = true

[[test]]
text = "The rally was really loud."
matches = false
"#;

#[test]
fn check_lists_without_writing_then_fmt_rewrites() {
    let dir = common::write_pack("fmt", &[("frames/alliance.toml", MESSY)]);
    let path = dir.join("frames/alliance.toml");
    let (code, out, _) =
        common::run(&["--rules", dir.to_str().unwrap(), "rules", "fmt", "--check"]);
    assert_eq!(code, 1);
    assert!(
        out.contains("not canonical: ") && out.contains("alliance.toml"),
        "{out}"
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        MESSY,
        "--check writes nothing"
    );

    let (code, out, _) = common::run(&["--rules", dir.to_str().unwrap(), "rules", "fmt"]);
    assert_eq!(code, 0, "{out}");
    let rewritten = std::fs::read_to_string(&path).unwrap();
    let (code, _, _) = common::run(&["--rules", dir.to_str().unwrap(), "rules", "fmt", "--check"]);
    let rules_after = RuleSet::from_dir(&dir).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(code, 0, "canonical after one run");
    assert!(
        rewritten
            .starts_with("label = \"Alliance\"\nterms = [\n  { pattern = \"alli*\" },\n  { pattern = \"ally\" }, # the noun\n"),
        "{rewritten}"
    );
    assert_eq!(
        rewritten.matches("pattern = \"ally\"").count(),
        1,
        "exact duplicate removed"
    );

    let before = common::compile(&[("frames/alliance.toml", MESSY)]).unwrap();
    for text in [
        "Their allies and traditional friends.",
        "An ally at the alligator farm.",
    ] {
        let frames = |r: &RuleSet| analyze_text(r, text, None).sentences[0].frames.named(r);
        assert_eq!(frames(&before), frames(&rules_after), "{text}");
    }
}

#[test]
fn fmt_without_a_pack_directory_says_what_to_do() {
    // The test runs in the crate root, where ./rules exists; point elsewhere.
    let dir = std::env::temp_dir().join(format!("framescope-not-a-pack-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (code, _, err) = common::run(&["--rules", dir.to_str().unwrap(), "rules", "fmt"]);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(code, 2);
    assert!(err.contains("not a rule pack: no pack.toml"), "{err}");
}

#[test]
fn a_pack_that_does_not_load_is_not_rewritten() {
    let frame = "label = \"Threat\"\nterms = [\n  { pattern = \"threat*\", wieght = 1.5 },\n  { weight = 1.0, pattern = \"aggression\" },\n]\n";
    let dir = common::write_pack("fmt-broken", &[("frames/threat.toml", frame)]);
    let path = dir.join("frames/threat.toml");
    let (code, _, err) = common::run(&["--rules", dir.to_str().unwrap(), "rules", "fmt"]);
    let after = std::fs::read_to_string(&path).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("does not load (1 error): not reformatted"),
        "{err}"
    );
    assert_eq!(after, frame, "the file is left as it was");
}

/// Sorting puts `threats` before `threat*`, and the rule declared first
/// wins a tie: the dead term would start to match. fmt refuses, names the
/// term, and leaves the file alone.
#[test]
fn fmt_refuses_to_revive_a_shadowed_term() {
    let frame = "label = \"Threat\"\nterms = [\n  { pattern = \"threat*\" },\n  { pattern = \"threats\", weight = 3.0 },\n]\n";
    let dir = common::write_pack("fmt-shadow", &[("frames/threat.toml", frame)]);
    let path = dir.join("frames/threat.toml");
    let (code, _, err) = common::run(&["--rules", dir.to_str().unwrap(), "rules", "fmt"]);
    let after = std::fs::read_to_string(&path).unwrap();
    // Without the dead term the same pack is reformatted.
    let fixed = "terms = [{ pattern = \"threat*\" }]\nlabel = \"Threat\"\n";
    std::fs::write(&path, fixed).unwrap();
    let (code_fixed, _, err_fixed) =
        common::run(&["--rules", dir.to_str().unwrap(), "rules", "fmt"]);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("would start to match (FS004)")
            && err.contains("frames/threat.toml:4: `threats` can never match"),
        "{err}"
    );
    assert_eq!(after, frame, "the file is left as it was");
    assert_eq!(code_fixed, 0, "{err_fixed}");
}
