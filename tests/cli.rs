//! The CLI as a user meets it: in-process for output checks, and through the
//! built binary where stdin, pipes and exit codes matter.

mod common;

use common::run;
use std::process::{Command, Stdio};

fn seeds() -> String {
    format!("{}/seeds", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn classify_table_shows_every_seed() {
    let (code, out, err) = run(&["classify", &seeds()]);
    assert_eq!(code, 0, "{err}");
    // Only the summary line: 4 documents, nothing skipped.
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("framescope: 4 documents (") && err.contains("· 0 skipped · 0 warnings"),
        "{err}"
    );
    let hash_line = out.lines().next().unwrap().to_string();
    assert!(
        hash_line.starts_with("rules framescope-default@"),
        "{hash_line}"
    );
    let out = out.replacen(&hash_line, "rules [pack]", 1);
    insta::assert_snapshot!("classify_table", out);
}

#[test]
fn classify_json_lists_sentences_with_spans_frames_actors() {
    let (code, out, err) = run(&["classify", "--format", "json", &seeds()]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let articles = v.as_array().unwrap();
    assert_eq!(articles.len(), 4);
    for a in articles {
        assert_eq!(a["schema_version"], 1);
        assert_eq!(a["rules"]["name"], "framescope-default");
        assert_eq!(
            a["rules"]["id"],
            format!(
                "framescope-default@{}",
                a["rules"]["version"].as_str().unwrap()
            )
        );
        assert_eq!(a["rules"]["hash"].as_str().unwrap().len(), 64);
        let text =
            std::fs::read_to_string(format!("{}/{}.txt", seeds(), a["id"].as_str().unwrap()))
                .unwrap();
        for s in a["sentences"].as_array().unwrap() {
            let (start, end) = (
                s["span"][0].as_u64().unwrap() as usize,
                s["span"][1].as_u64().unwrap() as usize,
            );
            assert_eq!(&text[start..end], s["text"].as_str().unwrap());
            assert!(s["frames"].is_object() && s["actors"].is_array());
        }
    }
}

#[test]
fn output_is_byte_identical_run_to_run() {
    let a = run(&["classify", "--format", "json", &seeds()]).1;
    let b = run(&["classify", "--format", "json", &seeds()]).1;
    assert_eq!(a, b);
}

#[test]
fn a_missing_input_is_reported_and_skipped() {
    let good = format!("{}/000_3989f42977a01eb3.txt", seeds());
    let (code, out, err) = run(&["classify", "no-such-file.txt", &good]);
    assert_eq!(code, 0);
    assert!(
        err.contains("warning: skipped no-such-file.txt: no such file or directory"),
        "{err}"
    );
    assert!(out.contains("000_3989f42977a01eb3"), "{out}");
}

#[test]
fn nothing_readable_is_exit_2() {
    let (code, _, err) = run(&["classify", "no-such-file.txt"]);
    assert_eq!(code, 2);
    assert!(err.contains("error: no document could be read"), "{err}");
}

#[test]
fn help_has_examples() {
    for cmd in ["classify", "explain"] {
        let (code, out, _) = run(&[cmd, "--help"]);
        assert_eq!(code, 0);
        assert!(out.contains("Examples:"), "{cmd} --help: {out}");
    }
}

#[test]
fn usage_error_is_exit_2() {
    let (code, _, err) = run(&["classify", "--format", "yaml", "x"]);
    assert_eq!(code, 2);
    assert!(err.contains("invalid value 'yaml'"), "{err}");
}

#[test]
fn binary_reads_stdin_and_explains_without_colour_when_piped() {
    let output = common::framescope_fed(
        &["explain", "-"],
        "China remains North Korea’s most significant ally.".as_bytes(),
    );
    assert!(output.status.success());
    let out = String::from_utf8(output.stdout).unwrap();
    assert!(!out.contains('\x1b'), "piped output must be plain: {out:?}");
    assert!(
        out.contains("{China} remains {North Korea}’s <most> significant [ally]."),
        "{out}"
    );
}

#[test]
fn colour_when_forced() {
    let (_, out, _) = run(&[
        "explain",
        "--color",
        "always",
        &format!("{}/000_3989f42977a01eb3.txt", seeds()),
    ]);
    assert!(out.contains("\x1b["), "forced colour must use ANSI escapes");
}

#[test]
fn rules_test_passes_on_the_default_pack() {
    let (code, out, err) = run(&["rules", "test"]);
    assert_eq!(code, 0, "{out}{err}");
    let last = out.lines().last().unwrap();
    assert!(last.ends_with(" passed, 0 failed"), "{last}");
    assert!(out.starts_with("pack: the built-in pack\n"), "{out}");
}

#[test]
fn rules_test_exits_1_and_names_the_failure() {
    let frame = "label = \"A\"\nterms = [{ pattern = \"ally\" }]\n[[test]]\ntext = \"a friend\"\nmatches = true\n";
    let dir = common::write_pack("rules-test", &[("frames/alliance.toml", frame)]);
    let (code, out, _) = run(&["--rules", dir.to_str().unwrap(), "rules", "test"]);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("FAIL frames/alliance.toml:3: \"a friend\"\n  missing frame alliance\n"),
        "{out}"
    );
}

#[test]
fn eval_reports_frames_actors_and_stance_on_the_seeds() {
    let gold = format!("{}/tests/gold/seeds.jsonl", env!("CARGO_MANIFEST_DIR"));
    let (code, out, err) = run(&["eval", &gold, "--articles", &seeds()]);
    assert_eq!(code, 0, "{err}");
    insta::assert_snapshot!("eval_seeds", common::redact_hash(&out));
}

#[test]
fn eval_min_f1_exits_1_below_the_threshold() {
    let gold = format!("{}/tests/gold/seeds.jsonl", env!("CARGO_MANIFEST_DIR"));
    assert_eq!(run(&["eval", &gold, "--min-f1", "0.5"]).0, 0);
    let (code, _, err) = run(&["eval", &gold, "--min-f1", "0.999"]);
    assert_eq!(code, 1);
    assert!(err.contains("is below --min-f1 0.999"), "{err}");
}

#[test]
fn eval_json_is_machine_readable() {
    let gold = format!("{}/tests/gold/seeds.jsonl", env!("CARGO_MANIFEST_DIR"));
    let (code, out, _) = run(&["eval", &gold, "--format", "json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["sentences"], 85);
    assert!(v["frames"]["alliance"]["tp"].as_u64().unwrap() > 0);
    assert!(v["disagreements"]
        .as_array()
        .unwrap()
        .iter()
        .all(|d| d["kind"] == "missing" || d["kind"] == "noisy"));
}

#[test]
fn explain_watch_rerenders_after_a_rule_edit() {
    use std::io::{BufRead, BufReader};
    let dir = common::write_pack("watch", &[]);
    let article = dir.join("article.txt");
    std::fs::write(&article, "Beijing praised its ally and its partner.").unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_framescope"))
        .args([
            "--rules",
            dir.to_str().unwrap(),
            "explain",
            "--watch",
            "--watch-renders",
            "2",
        ])
        .arg(&article)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let stdout = child.stdout.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            if tx.send(line.unwrap()).is_err() {
                break;
            }
        }
    });
    let wait_for = |needle: &str| -> Vec<String> {
        let mut seen = Vec::new();
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        while std::time::Instant::now() < deadline {
            if let Ok(line) = rx.recv_timeout(std::time::Duration::from_millis(100)) {
                let done = line.contains(needle);
                seen.push(line);
                if done {
                    return seen;
                }
            }
        }
        panic!("no {needle:?} within 20 s; saw {seen:#?}");
    };
    let first = wait_for("[1] ");
    assert!(
        first.last().unwrap().contains("its [ally] and its partner"),
        "{first:?}"
    );
    let path = dir.join("frames/alliance.toml");
    let edited = std::fs::read_to_string(&path).unwrap().replace(
        "  { pattern = \"ally\", weight = 1.0 },",
        "  { pattern = \"ally\", weight = 1.0 },\n  { pattern = \"partner\", weight = 1.0 },",
    );
    std::fs::write(&path, edited).unwrap();
    let second = wait_for("[1] ");
    assert!(
        second
            .iter()
            .any(|l| l.contains("--- changed: re-rendered ---")),
        "{second:?}"
    );
    assert!(
        second
            .last()
            .unwrap()
            .contains("its [ally] and its [partner]"),
        "{second:?}"
    );
    assert!(child.wait().unwrap().success());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn rules_import_writes_a_pack_that_lints_and_classifies() {
    let dic = format!(
        "{}/tests/fixtures/import/small.dic",
        env!("CARGO_MANIFEST_DIR")
    );
    let out = std::env::temp_dir().join(format!("framescope-import-cli-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let (code, stdout, stderr) = run(&[
        "rules",
        "import",
        "--from",
        "liwc",
        &dic,
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.starts_with(&format!("wrote {} (3 frames)", out.display())),
        "{stdout}"
    );
    assert!(
        stderr.contains("small.dic:17: `ec*nomy`"),
        "notes are located: {stderr}"
    );
    let (lint_code, _, _) = run(&["--rules", out.to_str().unwrap(), "rules", "lint"]);
    let again = run(&[
        "rules",
        "import",
        "--from",
        "liwc",
        &dic,
        "--out",
        out.to_str().unwrap(),
    ]);
    let (classify_code, table, _) = run(&[
        "--rules",
        out.to_str().unwrap(),
        "classify",
        &format!("{}/000_3989f42977a01eb3.txt", seeds()),
    ]);
    std::fs::remove_dir_all(&out).unwrap();
    assert_eq!(lint_code, 0, "no lint errors");
    assert_eq!(again.0, 2, "refuses to overwrite a non-empty directory");
    assert_eq!(classify_code, 0);
    assert!(table.contains("alliance"), "{table}");
}

#[test]
fn rules_coverage_reports_frames_dead_rules_and_candidates() {
    let (code, out, err) = run(&["rules", "coverage", "--top", "3", &seeds()]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("coverage of framescope-default@"), "{out}");
    assert!(out.contains("dead rules: "), "{out}");
    assert!(out.contains("candidate terms"), "{out}");
    let (_, json, _) = run(&["rules", "coverage", "--format", "json", &seeds()]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["documents"], 4);
    assert!(v["frames"]["diplomacy"]["hits"].as_u64().unwrap() > 0);
}

#[test]
fn explain_of_a_missing_file_is_an_error() {
    let (code, _, err) = run(&["explain", "no-such-article.txt"]);
    assert_eq!(code, 2);
    assert!(err.starts_with("error: no-such-article.txt: "), "{err}");
}

#[test]
fn actors_shows_who_stands_with_whom() {
    let (code, out, err) = run(&["actors", &seeds()]);
    assert_eq!(code, 0, "{err}");
    // The acceptance picture, from the gold stance labels.
    for line in [
        "CHN->PRK positive",
        "PRK->CHN positive",
        "PRK->RUS positive",
        "RUS->PRK positive",
        "USA->CHN negative",
        "USA->PRK negative",
        "USA->RUS negative",
    ] {
        assert!(out.contains(line), "missing {line} in\n{out}");
    }
    insta::assert_snapshot!("actors_seeds", common::redact_hash(&out));
}

#[test]
fn actors_as_dot_and_json() {
    let (code, dot, _) = run(&["actors", "--format", "dot", &seeds()]);
    assert_eq!(code, 0);
    assert!(dot.starts_with("digraph framescope {"), "{dot}");
    assert!(
        dot.contains("\"USA\" -> \"RUS\" [color=\"firebrick\""),
        "{dot}"
    );
    assert!(
        dot.contains("\"RUS\" -> \"PRK\" [color=\"forestgreen\""),
        "{dot}"
    );
    assert!(dot.trim_end().ends_with('}'));
    let (_, json, _) = run(&["actors", "--format", "json", &seeds()]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["documents"], 4);
    assert_eq!(v["dyads"]["PRK|RUS"]["stance"]["RUS->PRK"]["edges"], 2);
    // The corpus view is the sum of the article views.
    let (_, one, _) = run(&["classify", "--format", "json", &seeds()]);
    let articles: serde_json::Value = serde_json::from_str(&one).unwrap();
    let summed: u64 = articles
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["actors"]["PRK"]["mentions"].as_u64().unwrap_or(0))
        .sum();
    assert_eq!(v["actors"]["PRK"]["mentions"].as_u64().unwrap(), summed);
}
