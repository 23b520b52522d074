//! Hostile input (issue 15): each defect an adversarial probe found, as a
//! test that failed before its fix. Scaling in one long sentence, in pack
//! loading and in `rules lint` is checked by counting work in the unit
//! tests of `engine::analysis`, `pack::compile` and `pack::lint`; timing is
//! left to `scripts/scaling.sh`.

mod common;

use common::{framescope, text, TempDir, BIN};

use std::io::Write;
use std::process::{Command, Stdio};

use framescope::internals::engine::analysis::analyze_text;
use framescope::internals::pack::ruleset::modifiers;
use framescope::RuleSet;

fn embedded() -> RuleSet {
    RuleSet::embedded().expect("the embedded pack compiles")
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

// Defect 2: contrastives.

/// The factors of the contrastives applied to each contribution of `text`.
fn contrastive_factors(rules: &RuleSet, text: &str) -> Vec<Vec<f64>> {
    let a = analyze_text(rules, text, None);
    a.sentences
        .iter()
        .flat_map(|s| &s.contributions)
        .map(|c| {
            c.modifiers
                .iter()
                .filter(|m| m.kind.as_str() == "contrastive")
                .map(|m| m.factor)
                .collect()
        })
        .collect()
}

#[test]
fn only_the_first_contrastive_splits_a_sentence() {
    // As in VADER: words before the first "but" × 0.5, after it × 1.5; a
    // second "but" changes nothing.
    let got = contrastive_factors(
        &embedded(),
        "Seoul is an ally but Tokyo is an ally but Manila is an ally.",
    );
    assert_eq!(got, [vec![0.5], vec![1.5], vec![1.5]]);
}

#[test]
fn a_flood_of_contrastives_applies_one_each_and_stays_small() {
    let rules = embedded();
    // "ally" in the default pack needs a government nearby and the other
    // side of the relation: Seoul and Tokyo.
    let text = "Seoul is an ally of Tokyo but ".repeat(400);
    let a = analyze_text(&rules, &text, None);
    let contributions: Vec<_> = a.sentences.iter().flat_map(|s| &s.contributions).collect();
    assert_eq!(contributions.len(), 400);
    // Modifier applications per contribution: one per kind at most, except
    // the boosters, which VADER lets apply once per word of their window.
    let m = modifiers(&rules);
    let bound = 6 + (m.intensifier.window - 1) + (m.dampener.window - 1);
    for c in &contributions {
        assert!(
            c.modifiers.len() <= bound,
            "{} modifiers on one term",
            c.modifiers.len()
        );
        assert!(c.score.is_finite());
    }
}

/// A pack whose contrastive multiplies what follows by 10, the largest
/// factor a pack may set.
fn steep_contrastive_pack() -> RuleSet {
    let modifiers = "[[contrastive]]\npattern = \"but\"\nbefore = 1.0\nafter = 10.0\n";
    common::compile(&[("modifiers.toml", modifiers)]).expect("the pack compiles")
}

#[test]
fn scores_stay_finite_however_many_contrastives() {
    // 10^400 overflowed to infinity when every "but" multiplied every term.
    let rules = steep_contrastive_pack();
    let a = analyze_text(&rules, &"ally but ".repeat(400), None);
    assert!(a.sentences.iter().any(|s| !s.contributions.is_empty()));
    for s in &a.sentences {
        for c in &s.contributions {
            assert!(c.score.is_finite() && c.score <= 15.0, "{}", c.score);
        }
        assert!(s.frames.iter().all(|(_, x)| x.is_finite()));
    }
}

#[test]
fn merge_and_compare_fail_when_a_profile_cannot_be_read() {
    let dir = TempDir::new("merge-null");
    // An outlet, so that `compare --by outlet` below has a key to group by.
    let article = dir.path("a.jsonl");
    std::fs::write(
        &article,
        "{\"id\":\"a\",\"outlet\":\"Courier\",\"text\":\"North Korea and China reaffirmed their alliance.\"}\n",
    )
    .unwrap();
    let o = framescope(&[
        "classify",
        "--format",
        "jsonl",
        "-q",
        article.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let good = text(&o.stdout);
    // What an overflowed score used to print: null.
    let bad = good.replacen("\"score\":", "\"score\":null,\"was\":", 1);
    assert_ne!(good, bad);
    let profiles = dir.path("p.jsonl");
    std::fs::write(&profiles, format!("{good}{bad}")).unwrap();
    let out = dir.path("merged.json");
    let o = framescope(&[
        "merge",
        profiles.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    // The aggregate of what could be read is written, but the run fails:
    // it counts one document of two.
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    let err = text(&o.stderr);
    assert!(err.contains("p.jsonl:2:"), "{err}");
    assert!(
        err.contains("1 profile line could not be read (reported above) and is left out"),
        "{err}"
    );
    let merged: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(merged["corpus"]["documents"], 1);
    // compare too.
    let o = framescope(&["compare", "--by", "outlet", profiles.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    assert!(text(&o.stderr).contains("left out"), "{}", text(&o.stderr));
}

// Defect 6: line length.

/// Three JSON Lines, the second `long` bytes long.
fn lines_with_a_long_one(long: usize) -> String {
    let filler = "x".repeat(long);
    format!(
        "{{\"id\":\"a\",\"text\":\"China is an ally.\"}}\n{{\"id\":\"b\",\"text\":\"{filler}\"}}\n{{\"id\":\"c\",\"text\":\"Russia is an ally.\"}}\n"
    )
}

fn ids(jsonl: &[u8]) -> Vec<String> {
    text(jsonl)
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["id"].as_str().unwrap().to_string()
        })
        .collect()
}

#[test]
fn a_line_longer_than_max_line_bytes_is_reported_and_skipped() {
    let dir = TempDir::new("long-line");
    let body = lines_with_a_long_one(5_000);
    let plain = dir.path("c.jsonl");
    std::fs::write(&plain, &body).unwrap();
    let gz = dir.path("c.jsonl.gz");
    std::fs::write(&gz, gzip(body.as_bytes())).unwrap();
    for path in [&plain, &gz] {
        let o = framescope(&[
            "classify",
            "--format",
            "jsonl",
            "-j",
            "1",
            "--max-line-bytes",
            "1000",
            path.to_str().unwrap(),
        ]);
        let err = text(&o.stderr);
        assert_eq!(o.status.code(), Some(0), "{err}");
        assert_eq!(ids(&o.stdout), ["a", "c"], "{err}");
        assert!(
            err.contains(&format!(
                "{}:2: line is longer than --max-line-bytes (1000 bytes)",
                path.display()
            )),
            "{err}"
        );
    }
    // Under the default bound the same line is an article like any other.
    let o = framescope(&[
        "classify",
        "--format",
        "jsonl",
        "-q",
        plain.to_str().unwrap(),
    ]);
    assert_eq!(ids(&o.stdout), ["a", "b", "c"]);
}

#[test]
fn max_line_bytes_applies_to_stdin_too() {
    let mut child = Command::new(BIN)
        .args([
            "classify",
            "--format",
            "jsonl",
            "-q",
            "--max-line-bytes",
            "100",
            "-",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let body = gzip(lines_with_a_long_one(1_000).as_bytes());
    child.stdin.take().unwrap().write_all(&body).unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(ids(&o.stdout), ["a", "c"], "{}", text(&o.stderr));
    assert!(
        text(&o.stderr).contains("-:2: line is longer"),
        "{}",
        text(&o.stderr)
    );
}

// Defect 8: --jobs.

#[test]
fn absurd_job_counts_are_refused_with_a_clear_message() {
    let dir = TempDir::new("jobs");
    let article = dir.path("a.txt");
    std::fs::write(&article, "China is an ally.").unwrap();
    for jobs in ["100000000", "18446744073709551615", "1000000"] {
        let o = framescope(&["classify", "-j", jobs, article.to_str().unwrap()]);
        let err = text(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "-j {jobs}: {err}");
        assert!(err.contains("--jobs") && err.contains("at most"), "{err}");
    }
    let o = framescope(&["classify", "-q", "-j", "64", article.to_str().unwrap()]);
    assert!(o.status.success(), "{}", text(&o.stderr));
}

// Defect 9: pack files and the normaliser.

#[test]
fn invalid_utf8_in_a_pack_file_is_located_and_lint_speaks_json() {
    let dir = TempDir::new("pack-utf8");
    for (path, content) in common::files(&[]) {
        let path = dir.path(&path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, content).unwrap();
    }
    let mut bytes = b"label = \"Bad\"\nterms = [\n  { pattern = \"caf".to_vec();
    bytes.extend_from_slice(b"\xff\" },\n]\n");
    std::fs::write(dir.path("frames/bad.toml"), bytes).unwrap();
    let rules = dir.0.to_str().unwrap();
    let o = framescope(&["--rules", rules, "rules", "lint", "--format", "json"]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("lint prints JSON");
    let f = v
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["file"] == "frames/bad.toml")
        .expect("a finding for the file");
    assert_eq!((f["line"].as_u64(), f["col"].as_u64()), (Some(3), Some(19)));
    assert!(f["message"].as_str().unwrap().contains("UTF-8"), "{f}");
    let o = framescope(&["--rules", rules, "classify", "-q", "-"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("frames/bad.toml:3:19: invalid UTF-8"),
        "{}",
        text(&o.stderr)
    );
}

#[cfg(unix)]
#[test]
fn a_named_pipe_in_a_pack_does_not_hang_the_loader() {
    let dir = TempDir::new("pack-fifo");
    for (path, content) in common::files(&[]) {
        let path = dir.path(&path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, content).unwrap();
    }
    if !common::require_tool("mkfifo", "--version", "a named pipe in a pack") {
        return;
    }
    let fifo = dir.path("frames/f.toml");
    let made = Command::new("mkfifo").arg(&fifo).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo {}", fifo.display());
    let mut child = Command::new(BIN)
        .args(["--rules", dir.0.to_str().unwrap(), "rules", "lint"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // A guard, not a timing: a loader that opens the pipe waits forever.
    let mut waited = 0;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break Some(status);
        }
        if waited > 600 {
            child.kill().unwrap();
            break None;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
        waited += 1;
    };
    let o = child.wait_with_output().unwrap();
    assert!(status.is_some(), "the loader hung on a named pipe");
    let out = text(&o.stdout);
    assert!(
        out.contains("frames/f.toml:1:1: error[FS011 invalid-pack]: not a regular file"),
        "{out}{}",
        text(&o.stderr)
    );
}

/// The rolled-up actors mentioned in `text` and the words that named them.
fn mentions(rules: &RuleSet, text: &str) -> Vec<(String, String)> {
    let a = analyze_text(rules, text, None);
    a.sentences
        .iter()
        .flat_map(|s| &s.mentions)
        .map(|m| {
            (
                rules.actor_name(m.actor).to_string(),
                text[m.span.start..m.span.end].to_string(),
            )
        })
        .collect()
}

#[test]
fn invisible_characters_and_dotted_capital_i_do_not_break_names() {
    let rules = embedded();
    let kim = |t: &str| vec![("PRK".to_string(), t.to_string())];
    for name in [
        "Kim\u{200B}Jong Un",
        "Pyong\u{00AD}yang",
        "Kim\u{200D} Jong\u{200C} Un",
        "KİM JONG UN",
    ] {
        assert_eq!(
            mentions(&rules, &format!("{name} visited.")),
            kim(name),
            "{name:?}"
        );
    }
}

// Defect 7: interrupted -o runs.

#[cfg(unix)]
fn temporaries(dir: &TempDir) -> Vec<String> {
    dir.names()
        .into_iter()
        .filter(|n| n.ends_with(".tmp"))
        .collect()
}

#[cfg(unix)]
#[test]
fn an_interrupted_run_removes_its_temporary_file() {
    let line = "{\"text\":\"North Korea and China reaffirmed their alliance.\"}\n";
    for (signal, name) in [
        (libc::SIGINT, "int"),
        (libc::SIGTERM, "term"),
        (libc::SIGHUP, "hup"),
    ] {
        let dir = TempDir::new(&format!("signal-{name}"));
        let out = dir.path("out.jsonl");
        let mut child = Command::new(BIN)
            .args(["classify", "--format", "jsonl", "-q", "-j", "1", "-o"])
            .arg(&out)
            .arg("-")
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        // Keep the run busy until its temporary file shows.
        let mut fed = 0;
        while temporaries(&dir).is_empty() {
            stdin.write_all(line.repeat(100).as_bytes()).unwrap();
            fed += 1;
            assert!(fed < 100_000, "no temporary file appeared");
        }
        let pid = child.id() as libc::pid_t;
        assert_eq!(unsafe { libc::kill(pid, signal) }, 0);
        drop(stdin);
        let o = child.wait_with_output().unwrap();
        assert!(!o.status.success(), "{name}: killed runs do not succeed");
        assert_eq!(temporaries(&dir), Vec::<String>::new(), "{name}");
        assert!(!out.exists(), "{name}: the target is not written");
    }
}

#[cfg(unix)]
#[test]
fn stale_temporaries_of_the_same_target_are_cleaned_but_live_ones_kept() {
    use std::os::fd::AsRawFd;
    let dir = TempDir::new("stale");
    let article = dir.path("a.txt");
    std::fs::write(&article, "China is an ally.").unwrap();
    // Left by a run that was killed outright (SIGKILL, power loss).
    std::fs::write(dir.path(".out.jsonl.Ab3dE9.tmp"), "half").unwrap();
    // Being written by a run still going: it holds a lock on its file.
    let live = std::fs::File::create(dir.path(".out.jsonl.Zz9yX8.tmp")).unwrap();
    assert_eq!(
        unsafe { libc::flock(live.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) },
        0
    );
    // Not ours: another target's, and a user's own file.
    std::fs::write(dir.path(".other.jsonl.Ab3dE9.tmp"), "x").unwrap();
    std::fs::write(dir.path(".out.jsonl.notes.tmp"), "x").unwrap();
    let out = dir.path("out.jsonl");
    let o = framescope(&[
        "classify",
        "-q",
        "--format",
        "jsonl",
        "-o",
        out.to_str().unwrap(),
        article.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert_eq!(
        dir.names(),
        [
            ".other.jsonl.Ab3dE9.tmp",
            ".out.jsonl.Zz9yX8.tmp",
            ".out.jsonl.notes.tmp",
            "a.txt",
            "out.jsonl"
        ]
    );
    drop(live);
}

// Defect 1: coverage examples (the unit test of `excerpt` checks every
// cut; this is the command as the probe ran it).

#[test]
fn coverage_handles_unusual_whitespace_near_actors() {
    let dir = TempDir::new("coverage-ws");
    for ws in ['\u{a0}', '\u{85}', '\u{2028}'] {
        let words: String = (0..60).map(|i| format!("w{i}{ws}")).collect();
        let article = dir.path("a.txt");
        std::fs::write(
            &article,
            format!("North Korea {words} zebra China {words}."),
        )
        .unwrap();
        let o = framescope(&["rules", "coverage", article.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(0), "{ws:?}: {}", text(&o.stderr));
    }
}
