//! `diff` between two packs: a removed term shows up in exactly the
//! sentences it contributed to, with the rule as evidence; packs can come
//! from a git revision.

mod common;

use std::collections::BTreeSet;

use framescope::internals::text::document::read_document;
use framescope::internals::tools::diff::PackDiff;
use framescope::{profile, PackSource, RuleSet};

fn seeds() -> Vec<framescope::Document> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    paths.iter().map(|p| read_document(p).unwrap()).collect()
}

/// The shipped pack without the term `pattern` of `frame`.
fn without(frame: &str, pattern: &str) -> RuleSet {
    edited(&format!("frames/{frame}.toml"), pattern, None)
}

/// The shipped pack with the one-line term `pattern` of the pack file
/// `path` removed, or its line replaced by `with`.
fn edited(path: &str, pattern: &str, with: Option<&str>) -> RuleSet {
    let files: Vec<(String, String)> = PackSource::embedded()
        .files()
        .iter()
        .map(|(p, t)| {
            if *p != path {
                return (p.clone(), t.clone());
            }
            let needle = format!("{{ pattern = \"{pattern}\",");
            let kept: Vec<&str> = t
                .lines()
                .filter_map(|l| {
                    if l.trim_start().starts_with(&needle) {
                        with
                    } else {
                        Some(l)
                    }
                })
                .collect();
            assert_eq!(
                kept.len() + usize::from(with.is_none()),
                t.lines().count(),
                "{pattern} must be one line of {path}"
            );
            (p.clone(), kept.join("\n"))
        })
        .collect();
    RuleSet::from_source(&PackSource::from_files(files)).unwrap()
}

#[test]
fn removing_a_term_shows_exactly_the_sentences_that_used_it() {
    let a = RuleSet::embedded().unwrap();
    let b = without("alliance", "ties");
    let mut diff = PackDiff::new(a.info().clone(), b.info().clone(), 0.0);
    let mut expected = BTreeSet::new();
    for doc in seeds() {
        let pa = profile(&a, &doc);
        for s in &pa.sentences {
            if s.contributions
                .iter()
                .any(|c| a.rule_label(c.rule) == "alliance:ties")
            {
                expected.insert((doc.id.clone(), s.index));
            }
        }
        diff.add(&pa, &profile(&b, &doc));
    }
    diff.finish();
    assert!(
        expected.len() >= 3,
        "the seeds use `ties` in several sentences: {expected:?}"
    );
    let changed: BTreeSet<(String, usize)> = diff
        .articles
        .iter()
        .flat_map(|a| a.sentences.iter().map(move |s| (a.id.clone(), s.index)))
        .collect();
    assert_eq!(changed, expected);
    for a in &diff.articles {
        for s in &a.sentences {
            assert!(s.added.is_empty() && s.actors_gained.is_empty() && s.actors_lost.is_empty());
            assert!(
                s.removed.iter().all(|e| e.contains("alliance:ties")),
                "{:?}",
                s.removed
            );
            assert!(s.scores.contains_key("alliance"));
        }
    }
    let alliance = diff.movers.iter().find(|m| m.frame == "alliance").unwrap();
    assert!(alliance.delta < 0.0 && alliance.sentences_gained == 0);
    assert_eq!(
        diff.movers.len(),
        1,
        "only alliance moves: {:?}",
        diff.movers
    );
}

#[test]
fn a_stance_cue_removed_or_reweighted_shows_in_the_sentences_whose_edges_used_it() {
    let a = RuleSet::embedded().unwrap();
    let removed = edited("stance.toml", "accused", None);
    let doubled = edited(
        "stance.toml",
        "accused",
        Some(r#"  { pattern = "accused", weight = 2.0 },"#),
    );
    // The sentences whose edges the cue made, with those edges' labels.
    let mut expected = BTreeSet::new();
    let (mut lost, mut reweighted) = (
        PackDiff::new(a.info().clone(), removed.info().clone(), 0.0),
        PackDiff::new(a.info().clone(), doubled.info().clone(), 0.0),
    );
    for doc in seeds() {
        let pa = profile(&a, &doc);
        for s in &pa.sentences {
            for e in &s.edges {
                if a.rule_label(e.rule) == "negative:accused" {
                    expected.insert((doc.id.clone(), s.index, e.label(&a)));
                }
            }
        }
        lost.add(&pa, &profile(&removed, &doc));
        reweighted.add(&pa, &profile(&doubled, &doc));
    }
    assert!(
        !expected.is_empty(),
        "the seeds use `accused` as a stance cue"
    );
    let edges = |d: &PackDiff,
                 of: fn(&framescope::internals::tools::diff::SentenceChange) -> Vec<String>|
     -> BTreeSet<(String, usize, String)> {
        d.articles
            .iter()
            .flat_map(|a| {
                a.sentences
                    .iter()
                    .flat_map(move |s| of(s).into_iter().map(move |e| (a.id.clone(), s.index, e)))
            })
            .collect()
    };
    assert_eq!(edges(&lost, |s| s.edges_lost.clone()), expected);
    assert_eq!(
        edges(&reweighted, |s| s.edge_weights.keys().cloned().collect()),
        expected
    );
    for s in reweighted.articles.iter().flat_map(|a| &a.sentences) {
        for [x, y] in s.edge_weights.values() {
            assert!(y > x, "{:?}", s.edge_weights);
        }
        assert!(
            s.removed
                .iter()
                .all(|e| e.starts_with("stance ") && e.contains("negative:accused")),
            "{:?}",
            s.removed
        );
    }
    let report = framescope::internals::tools::diff::report(&lost);
    assert!(report.contains("lost stance "), "{report}");
}

#[test]
fn identical_packs_have_no_changes() {
    let a = RuleSet::embedded().unwrap();
    let mut diff = PackDiff::new(a.info().clone(), a.info().clone(), 0.0);
    for doc in seeds() {
        let p = profile(&a, &doc);
        diff.add(&p, &p);
    }
    diff.finish();
    assert_eq!(diff.documents, 4);
    assert!(diff.articles.is_empty() && diff.movers.is_empty());
}

#[test]
fn threshold_hides_small_score_moves_but_not_lost_frames() {
    let a = RuleSet::embedded().unwrap();
    let b = without("alliance", "ties");
    let mut diff = PackDiff::new(a.info().clone(), b.info().clone(), 100.0);
    for doc in seeds() {
        diff.add(&profile(&a, &doc), &profile(&b, &doc));
    }
    for s in diff.articles.iter().flat_map(|a| &a.sentences) {
        assert!(s.scores.is_empty());
        assert!(
            !s.frames_lost.is_empty(),
            "only sentences that lost the frame remain"
        );
    }
}

#[test]
fn a_pack_from_a_git_revision() {
    let repo = std::env::temp_dir().join(format!("framescope-git-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&repo);
    std::fs::create_dir_all(&repo).unwrap();
    let git = |args: &[&str]| {
        let ok = std::process::Command::new("git")
            .arg("-C")
            .arg(&repo)
            .args([
                "-c",
                "user.name=t",
                "-c",
                "user.email=t@t",
                "-c",
                "commit.gpgsign=false",
            ])
            .args(args)
            .status()
            .unwrap()
            .success();
        assert!(ok, "git {args:?}");
    };
    git(&["init", "-q"]);
    for (path, text) in common::files(&[]) {
        let path = repo.join("rules").join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    git(&["add", "-A"]);
    git(&["commit", "-qm", "pack"]);
    std::fs::write(repo.join("rules/pack.toml"), "broken").unwrap();
    let old = PackSource::from_git_in(&repo, "HEAD").unwrap();
    let same = PackSource::from_git_in(&repo, "HEAD:rules").unwrap();
    // DIR as a user spells it: with `./` or a `/` after it, `.` from inside
    // the pack, or from the repository's top as git reads `REV:PATH`.
    let inside = repo.join("rules");
    for (dir, spec) in [
        (&repo, "HEAD:./rules"),
        (&repo, "HEAD:rules/"),
        (&repo, "HEAD:rules/frames/.."),
        (&inside, "HEAD:."),
        (&inside, "HEAD:rules"),
        (&inside, "HEAD:../rules"),
    ] {
        let spelt = PackSource::from_git_in(dir, spec)
            .unwrap_or_else(|e| panic!("{spec} from {}: {e}", dir.display()));
        assert_eq!(spelt.files(), same.files(), "{spec}");
    }
    let err = PackSource::from_git_in(&repo, "HEAD:nowhere").unwrap_err();
    // A typo'd directory is no revision either: said in our words.
    let typo = PackSource::from_git_in(&repo, "rulez").unwrap_err();
    let bad_rev = PackSource::from_git_in(&repo, "HAED:rules").unwrap_err();
    // Outside any repository the name is still neither.
    let outside = std::env::temp_dir().join(format!("framescope-nogit-{}", std::process::id()));
    std::fs::create_dir_all(&outside).unwrap();
    let no_repo = PackSource::from_git_in(&outside, "rulez").unwrap_err();
    std::fs::remove_dir_all(&outside).unwrap();
    std::fs::remove_dir_all(&repo).unwrap();
    assert_eq!(
        typo.to_string(),
        "rulez: neither a directory nor a git revision"
    );
    assert_eq!(
        bad_rev.to_string(),
        "HAED:rules: `HAED` is not a git revision"
    );
    assert_eq!(
        no_repo.to_string(),
        "rulez: neither a directory nor a git revision"
    );
    assert_eq!(old.files(), same.files());
    assert_eq!(
        old.files(),
        PackSource::from_files(common::files(&[])).files()
    );
    assert!(
        err.to_string().contains("no pack.toml under nowhere/"),
        "{err}"
    );
}

#[test]
fn cli_diff_in_text_and_json() {
    let frame = common::ALLIANCE.replace("  { pattern = \"ally\", weight = 1.0 },\n", "");
    let b = common::write_pack("diff-b", &[("frames/alliance.toml", &frame)]);
    let a = common::write_pack("diff-a", &[]);
    let doc = std::env::temp_dir().join(format!("framescope-diff-doc-{}.txt", std::process::id()));
    std::fs::write(&doc, "China is an ally. Trade grew.").unwrap();
    let args = |fmt: &str| {
        common::run(&[
            "diff",
            "--rules-a",
            a.to_str().unwrap(),
            "--rules-b",
            b.to_str().unwrap(),
            "--format",
            fmt,
            doc.to_str().unwrap(),
        ])
    };
    let (code, text, err) = args("text");
    let (_, json, _) = args("json");
    for dir in [&a, &b] {
        std::fs::remove_dir_all(dir).unwrap();
    }
    std::fs::remove_file(&doc).unwrap();
    assert_eq!(code, 0, "{err}");
    assert!(
        text.contains("  [1] China is an ally.\n      lost frame alliance\n"),
        "{text}"
    );
    assert!(
        text.contains("- alliance \"ally\" alliance:ally (frames/alliance.toml:5) 1"),
        "{text}"
    );
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        v["articles"][0]["sentences"][0]["frames_lost"][0],
        "alliance"
    );
}

#[test]
fn a_broken_pack_is_named_by_the_pack_it_is_in_and_both_are_reported() {
    let bad = common::ALLIANCE.replace("weight = 1.0 }", "wieght = 1.0 }");
    let a = common::write_pack("diff-broken-a", &[("frames/alliance.toml", &bad)]);
    let b = common::write_pack("diff-broken-b", &[("frames/alliance.toml", &bad)]);
    let doc =
        std::env::temp_dir().join(format!("framescope-diff-broken-{}.txt", std::process::id()));
    std::fs::write(&doc, "China is an ally.").unwrap();
    let (code, _, err) = common::run(&[
        "diff",
        "--rules-a",
        a.to_str().unwrap(),
        "--rules-b",
        b.to_str().unwrap(),
        doc.to_str().unwrap(),
    ]);
    for dir in [&a, &b] {
        std::fs::remove_dir_all(dir).unwrap();
    }
    std::fs::remove_file(&doc).unwrap();
    assert_eq!(code, 2, "{err}");
    for pack in [&a, &b] {
        let named = format!("{}/frames/alliance.toml:", pack.display());
        assert!(err.contains(&named), "{named} in {err}");
    }
}
