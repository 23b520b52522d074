//! `rules lint`: each code is triggered by a fixture pack (the shared test
//! fixture with one file changed) and its diagnostic, with file:line, is a
//! reviewed snapshot; the fixture and the shipped pack lint clean.

mod common;

use framescope::internals::pack::lint::{lint, report, Level, CODES};
use framescope::PackSource;

fn findings(extra: &[(&str, &str)]) -> Vec<framescope::internals::pack::lint::Finding> {
    lint(&PackSource::from_files(common::files(extra)))
}

/// An alliance frame with `terms` and `rest`, keeping the fixture's tests.
fn alliance(terms: &str, rest: &str) -> String {
    format!(
        "label = \"Alliance\"\nterms = [\n{terms}\n]\n{rest}\n[[test]]\ntext = \"close allies\"\nmatches = true\n\n[[test]]\ntext = \"a rally\"\nmatches = false\n"
    )
}

/// Lee Jae-myung with his bare surname as an alias.
const LEE: &str = "[[actor]]\nid = \"lee-jae-myung\"\nname = \"Lee Jae-myung\"\nkind = \"person\"\nmember-of = \"KOR\"\naliases = [\"Lee Jae-myung\", \"Lee\"]\n";

fn actors_plus(extra: &str) -> String {
    format!("{}\n{extra}", common::ACTORS)
}

fn military_plus(term: &str) -> String {
    common::MILITARY.replacen("terms = [\n", &format!("terms = [\n  {term},\n"), 1)
}

struct Case {
    code: &'static str,
    files: Vec<(&'static str, String)>,
}

fn cases() -> Vec<Case> {
    vec![
        Case {
            code: "FS001",
            files: vec![("frames/alliance.toml", alliance("  { pattern = \"ally\" },\n  { pattern = \"Ally\", weight = 2.0 },", ""))],
        },
        Case { code: "FS002", files: vec![("frames/military.toml", military_plus("{ pattern = \"ally\" }"))] },
        Case {
            code: "FS003",
            files: vec![(
                "actors.toml",
                actors_plus("[[actor]]\nid = \"xinhua\"\nname = \"Xinhua\"\nkind = \"media\"\nmember-of = \"CHN\"\naliases = [\"Beijing\"]\n"),
            )],
        },
        Case {
            code: "FS004",
            files: vec![("frames/alliance.toml", alliance("  { pattern = \"alli*\" },\n  { pattern = \"allies\", weight = 2.0 },", ""))],
        },
        Case { code: "FS005", files: vec![("frames/alliance.toml", alliance("  { pattern = \"ally,\" },", ""))] },
        Case {
            code: "FS006",
            files: vec![(
                "actors.toml",
                actors_plus("[[actor]]\nid = \"TCD\"\nname = \"Chad\"\nkind = \"state\"\naliases = [\"Chad\"]\n"),
            )],
        },
        Case {
            code: "FS007",
            files: vec![("frames/alliance.toml", alliance("  { pattern = \"ally\" },", "exclude = [\"ally\"]"))],
        },
        Case {
            code: "FS008",
            files: vec![("frames/alliance.toml", alliance("  { pattern = \"ally\", weight = nan },", ""))],
        },
        Case {
            code: "FS009",
            files: vec![("frames/alliance.toml", format!("id = \"friends\"\n{}", alliance("  { pattern = \"ally\" },", "")))],
        },
        Case { code: "FS010", files: vec![("frames/economy.toml", "label = \"Economy\"\nterms = [{ pattern = \"trade\" }]\n".into())] },
        Case {
            code: "FS011",
            files: vec![("frames/alliance.toml", alliance("  { pattern = \"ally\", wieght = 1.0 },", ""))],
        },
        Case {
            code: "FS012",
            files: vec![(
                "contexts.toml",
                "[[cues]]\nid = \"sport\"\nterms = [\"league\"]\n\n[[cues]]\nid = \"business\"\nterms = [\"shareholders\"]\n\n\
                 [[context]]\nid = \"not-sport\"\nnot-near = { cues = [\"sport\"] }\n"
                    .into(),
            ), ("frames/alliance.toml", alliance("  { pattern = \"ally\", context = \"not-sport\" },", ""))],
        },
        // The fixture under the built-in pack's name and version.
        Case { code: "FS013", files: vec![("pack.toml", builtin_named_pack())] },
        Case {
            code: "FS014",
            files: vec![
                ("names.toml", "[[list]]\nsource = \"test\"\nsurnames = [\"Lee\"]\n".into()),
                ("actors.toml", actors_plus(LEE)),
            ],
        },
    ]
}

/// A `pack.toml` with the built-in pack's name and version.
fn builtin_named_pack() -> String {
    let builtin = PackSource::embedded();
    let text = &builtin
        .files()
        .iter()
        .find(|(p, _)| p == "pack.toml")
        .unwrap()
        .1;
    let table: toml::Table = text.parse().unwrap();
    format!(
        "name = {}\nversion = {}\nschema = 1\n",
        table["name"], table["version"]
    )
}

#[test]
fn every_code_has_a_fixture_that_triggers_it_alone() {
    let cases = cases();
    assert_eq!(cases.len(), CODES.len(), "one fixture per lint code");
    for case in cases {
        let extra: Vec<(&str, &str)> = case.files.iter().map(|(p, t)| (*p, t.as_str())).collect();
        let found = findings(&extra);
        let codes: Vec<&str> = found.iter().map(|f| f.code).collect();
        assert_eq!(codes, [case.code], "{}", report(&found));
        insta::assert_snapshot!(case.code, common::redact_hash(&report(&found)));
    }
}

#[test]
fn a_term_in_two_frames_under_different_contexts_and_a_currency_amount_are_fine() {
    let contexts = "[[cues]]\nid = \"armed\"\nterms = [\"troops\"]\n\n[[context]]\nid = \"armed\"\nnear = { cues = [\"armed\"] }\n";
    let military = military_plus("{ pattern = \"ally\", context = \"armed\" }");
    let economy = "label = \"Economy\"\nterms = [{ pattern = \"$1*\" }]\n\n[[test]]\ntext = \"It cost $10.\"\nmatches = true\n\n[[test]]\ntext = \"It cost ten.\"\nmatches = false\n";
    let found = findings(&[
        ("contexts.toml", contexts),
        ("frames/military.toml", &military),
        ("frames/economy.toml", economy),
    ]);
    assert!(found.is_empty(), "{}", report(&found));
}

#[test]
fn the_fixture_pack_lints_clean() {
    let found = findings(&[]);
    assert!(found.is_empty(), "{}", report(&found));
}

#[test]
fn the_shipped_pack_lints_clean() {
    let found = lint(&PackSource::embedded());
    assert!(found.is_empty(), "{}", report(&found));
}

#[test]
fn every_code_is_documented_and_explainable() {
    for c in CODES {
        assert!(
            c.code.starts_with("FS")
                && !c.name.is_empty()
                && !c.what.is_empty()
                && !c.why.is_empty()
                && !c.example.is_empty()
        );
        let (code, out, _) = common::run(&["rules", "lint", "--explain", c.code]);
        assert_eq!(code, 0);
        assert!(out.starts_with(&format!("{} {}", c.code, c.name)), "{out}");
        assert_eq!(common::run(&["rules", "lint", "--explain", c.name]).1, out);
    }
    let (code, _, err) = common::run(&["rules", "lint", "--explain", "FS999"]);
    assert_eq!(code, 2);
    assert!(err.contains("FS001 duplicate-term"), "{err}");
}

#[test]
fn cli_exits_1_on_errors_only_and_speaks_json() {
    let dir = common::write_pack(
        "lint-error",
        &[(
            "frames/alliance.toml",
            &alliance("  { pattern = \"ally\" },", "exclude = [\"ally\"]"),
        )],
    );
    let (code, out, _) = common::run(&[
        "--rules",
        dir.to_str().unwrap(),
        "rules",
        "lint",
        "--format",
        "json",
    ]);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v[0]["name"], "self-excluding");
    assert_eq!(v[0]["level"], "error");

    let warning_only = military_plus("{ pattern = \"ally\" }");
    let dir = common::write_pack("lint-warning", &[("frames/military.toml", &warning_only)]);
    let (code, out, _) = common::run(&["--rules", dir.to_str().unwrap(), "rules", "lint"]);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(code, 0, "warnings alone do not fail: {out}");
    assert!(out.ends_with("0 errors, 1 warning\n"), "{out}");
    assert!(
        out.starts_with(&format!("pack: {}\n", dir.display())),
        "the report names the pack it read: {out}"
    );
    assert!(findings(&[]).iter().all(|f| f.level != Level::Error));
}

/// Copies of one term are one finding with their count and where they are,
/// not one per pair (issue 15: 3,000 copies once made 4.5 million errors).
#[test]
fn copies_of_one_term_are_one_finding_with_count_and_lines() {
    let terms: String = (0..300).map(|_| "  { pattern = \"ally\" },\n").collect();
    let found = findings(&[("frames/alliance.toml", &alliance(&terms, ""))]);
    let dups: Vec<_> = found
        .iter()
        .filter(|f| f.name == "duplicate-term")
        .collect();
    assert_eq!(dups.len(), 1, "{} findings", dups.len());
    let f = dups[0];
    assert_eq!(
        (f.at.file.as_str(), f.at.line),
        ("frames/alliance.toml", Some(4))
    );
    assert!(f.message.contains("300 times"), "{}", f.message);
    assert!(f.message.contains("lines 3, 4, 5,"), "{}", f.message);
}

/// A term in many frames or an alias in many actors is one finding per
/// later owner, naming the first (which wins), not one per pair.
#[test]
fn a_term_in_many_frames_is_one_finding_per_later_frame() {
    let mut extra: Vec<(String, String)> = Vec::new();
    for i in 0..20 {
        extra.push((
            format!("frames/f{i:02}.toml"),
            format!("label = \"F{i}\"\nterms = [{{ pattern = \"ally\" }}]\n"),
        ));
    }
    let extra: Vec<(&str, &str)> = extra
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let found = findings(&extra);
    let both: Vec<_> = found
        .iter()
        .filter(|f| f.name == "term-in-two-frames")
        .collect();
    // alliance (declared first) and 20 more frames: 20 findings, not 210.
    assert_eq!(both.len(), 20, "{both:#?}");
    assert!(both
        .iter()
        .all(|f| f.message.contains("also a term of frame `alliance`")));
}

/// A bare common name passes only exact-case and restricted by an
/// exclusion that contains it; the names list is the pack's data.
#[test]
fn a_bare_common_name_needs_exact_case_and_an_exclusion() {
    let names = "[[list]]\nsource = \"test\"\nsurnames = [\"Lee\"]\n";
    let codes = |actor: &str, names: Option<&str>| -> Vec<String> {
        let actors = actors_plus(actor);
        let mut extra = vec![("actors.toml", actors.as_str())];
        if let Some(n) = names {
            extra.push(("names.toml", n));
        }
        findings(&extra)
            .iter()
            .map(|f| format!("{} {}", f.code, f.message))
            .collect()
    };
    let warned = codes(LEE, Some(names));
    assert_eq!(warned.len(), 1, "{warned:?}");
    assert!(warned[0].contains("alias `Lee` of person `lee-jae-myung` is a common name alone"));
    assert!(warned[0].contains("list it under `exact` and add `exclude`"));
    let exact = format!("{LEE}exact = [\"Lee\"]\n");
    let only_exact = codes(&exact, Some(names));
    assert!(
        only_exact[0].contains("add `exclude` phrases"),
        "{only_exact:?}"
    );
    let restricted = format!("{exact}exclude = [\"Matthew Lee\", \"Carol E. Lee\"]\n");
    assert!(codes(&restricted, Some(names)).is_empty());
    // An exclusion that does not contain the name restricts nothing.
    let unrelated = format!("{exact}exclude = [\"Seoul National University\"]\n");
    assert_eq!(codes(&unrelated, Some(names)).len(), 1);
    // Without a names list there is nothing to check against.
    assert!(codes(LEE, None).is_empty());
    // An actor whose whole name is the word is not named by part of a name.
    let pope = "[[actor]]\nid = \"vat-pope\"\nname = \"The Pope\"\nkind = \"person\"\naliases = [\"Pope\"]\n";
    let names = "[[list]]\nsource = \"test\"\nsurnames = [\"Pope\"]\n";
    assert!(codes(pope, Some(names)).is_empty());
}

/// A pack given with `--rules` that loads with lint errors still runs, and
/// says so in one line on stderr; a clean pack says nothing.
#[test]
fn a_pack_with_lint_errors_is_named_when_it_is_used() {
    let duplicate = alliance(
        "  { pattern = \"ally\" },\n  { pattern = \"Ally\", weight = 2.0 },",
        "",
    );
    let dirty = common::write_pack("lint-dirty", &[("frames/alliance.toml", &duplicate)]);
    let clean = common::write_pack("lint-clean", &[]);
    let article = dirty.join("article.txt");
    std::fs::write(&article, "Japan is a close ally of the United States.").unwrap();
    let run = |pack: &std::path::Path| {
        common::run(&[
            "--rules",
            pack.to_str().unwrap(),
            "classify",
            article.to_str().unwrap(),
            "--quiet",
        ])
    };
    let (code, out, err) = run(&dirty);
    let (clean_code, _, clean_err) = run(&clean);
    std::fs::remove_dir_all(&dirty).unwrap();
    std::fs::remove_dir_all(&clean).unwrap();
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("alliance"), "the run goes on: {out}");
    assert!(
        err.contains("has 1 lint error (FS001 duplicate-term);")
            && err.contains("rules lint` says where"),
        "{err}"
    );
    assert_eq!(clean_code, 0, "{clean_err}");
    assert!(!clean_err.contains("lint"), "{clean_err}");
}

/// A context that only a stance cue names is in use: no FS012, which it
/// gets when nothing names it.
#[test]
fn a_context_named_only_by_stance_cues_is_in_use() {
    let contexts = "[[cues]]\nid = \"sport\"\nterms = [\"league\"]\n\n[[context]]\nid = \"not-sport\"\nnot-near = { cues = [\"sport\"] }\n";
    for stance in [
        "context = \"not-sport\"\npositive = [{ pattern = \"praised\" }]\n",
        "positive = [{ pattern = \"praised\", context = \"not-sport\" }]\n",
    ] {
        let found = findings(&[("contexts.toml", contexts), ("stance.toml", stance)]);
        assert!(found.is_empty(), "{stance}: {}", report(&found));
    }
    let found = findings(&[
        ("contexts.toml", contexts),
        ("stance.toml", "positive = [{ pattern = \"praised\" }]\n"),
    ]);
    let codes: Vec<&str> = found.iter().map(|f| f.code).collect();
    assert_eq!(codes, ["FS012"], "{}", report(&found));
}
