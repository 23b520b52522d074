//! The Spark recipe (`examples/spark`) run for real, with Spark in local
//! mode: its merged aggregate is byte-identical to `classify` + `merge` in
//! one process, the lines one run reports and skips are reported (with
//! their file and line) and skipped alike, and its failures say why.
//!
//! Each test starts Spark (a JVM), so they are ignored by default; `.ci/run`
//! installs Java and PySpark (`examples/spark/setup.sh`) and runs them:
//!
//! ```sh
//! bash examples/spark/setup.sh && cargo test --test spark -- --ignored
//! ```
//!
//! Without Java or PySpark they are skipped, except under `CI=true`, where
//! that is a failure.

mod common;

use common::{text, TempDir};

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_framescope");
const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// stdout and stderr together: spark-submit sends the Python driver's
/// stderr to its stdout, Spark's own log to stderr.
fn all_output(o: &Output) -> String {
    format!("{}{}", text(&o.stdout), text(&o.stderr))
}

/// The virtual environment holding PySpark, when it and Java are installed
/// (`setup.sh --check` installs nothing). `None` means skip; under
/// `CI=true` a missing one fails the test instead.
fn spark_env() -> Option<PathBuf> {
    let o = Command::new("bash")
        .arg(Path::new(ROOT).join("examples/spark/setup.sh"))
        .arg("--check")
        .output()
        .unwrap();
    if o.status.success() {
        return Some(PathBuf::from(text(&o.stdout).trim()));
    }
    let why = text(&o.stderr);
    if std::env::var("CI").as_deref() == Ok("true") {
        panic!("CI=true and the Spark recipe cannot run (run examples/spark/setup.sh):\n{why}");
    }
    // Straight to stderr, past the harness's capture: a skip is seen as a
    // skip, not as a bare `ok`.
    use std::io::Write as _;
    let _ = writeln!(
        std::io::stderr(),
        "skipped: the Spark recipe (run examples/spark/setup.sh to install it):\n{why}"
    );
    None
}

/// A command with the environment's `bin/` first on PATH (spark-submit
/// finds PySpark and Java through it) and Spark kept on the loopback.
fn with_spark(mut command: Command, venv: &Path, dir: &Path) -> Command {
    let path = std::env::var("PATH").unwrap_or_default();
    command
        .current_dir(dir)
        .env("PATH", format!("{}:{path}", venv.join("bin").display()))
        .env_remove("JAVA_HOME")
        .env("SPARK_LOCAL_IP", "127.0.0.1");
    command
}

/// JVM options for short local runs (as run-local.sh): the JIT's first tier
/// only and the serial collector halve the JVM's start-up CPU time.
const JVM_OPTIONS: &str = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC";

/// `spark-submit --master local[2] ... classify.py ARGS` in `dir`.
fn spark_submit(venv: &Path, dir: &Path, submit: &[&str], args: &[&str]) -> Output {
    let mut command = with_spark(Command::new("spark-submit"), venv, dir);
    command
        .args(["--master", "local[2]", "--conf", "spark.ui.enabled=false"])
        .args(["--driver-java-options", JVM_OPTIONS])
        .args(submit)
        .arg(Path::new(ROOT).join("examples/spark/classify.py"))
        .args(args);
    command.output().unwrap()
}

fn framescope(dir: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap()
}

/// `n` articles cut from the seed articles' paragraphs (as in
/// tests/corpus.rs), each with an id, an outlet and an event, numbered from
/// `first`.
fn articles(first: usize, n: usize) -> Vec<String> {
    let dir = Path::new(ROOT).join("seeds");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    let seeds: Vec<String> = paths
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    (first..first + n)
        .map(|i| {
            let paragraphs: Vec<&str> = seeds[i % seeds.len()].split("\n\n").collect();
            let keep = 1 + (i * 7) % paragraphs.len();
            let outlet = ["Alpha", "Beta", "Gamma"][i % 3];
            serde_json::json!({
                "id": format!("a{i:04}"),
                "outlet": outlet,
                "event": format!("e{}", i / 3),
                "text": paragraphs[..keep].join("\n\n"),
            })
            .to_string()
        })
        .collect()
}

/// A line that is not JSON: both runs must report and skip it.
const BAD_LINE: &str = r#"{"id": "broken", "text": "unterminated"#;

/// Writes `lines` as a JSON Lines file.
fn write_lines(path: &Path, lines: &[String]) {
    std::fs::write(path, lines.join("\n") + "\n").unwrap();
}

/// The lines of `output` that start with `prefix`, without it.
fn lines_after(output: &str, prefix: &str) -> Vec<String> {
    output
        .lines()
        .filter_map(|l| l.strip_prefix(prefix))
        .map(String::from)
        .collect()
}

/// The number of partitions the recipe reports having made.
fn partitions(log: &str) -> usize {
    let line = log
        .lines()
        .find(|l| l.starts_with("framescope-spark: ") && l.ends_with(" lines"))
        .unwrap_or_else(|| panic!("no partition count in the log:\n{log}"));
    let words: Vec<&str> = line.split_whitespace().collect();
    let at = words.iter().position(|w| *w == "partitions,").unwrap();
    words[at - 1].parse().unwrap()
}

/// Two files (the second with a bad line) made into at least 4
/// partitions, a rule pack shipped as an archive (`--archives
/// rules.tar.gz#rules`, as on a cluster): the aggregate, the skipped line's
/// report and `compare` are those of one process.
#[test]
#[ignore = "starts Spark: .ci/run runs it (cargo test --test spark -- --ignored)"]
fn spark_recipe_over_several_files_equals_one_run() {
    let Some(venv) = spark_env() else { return };
    let dir = TempDir::new("equal");
    write_lines(&dir.path("a.jsonl"), &articles(0, 24));
    let mut b = articles(24, 24);
    b.insert(9, BAD_LINE.to_string());
    write_lines(&dir.path("b.jsonl"), &b);
    // A pack that is not the built-in one, so that using it shows.
    let pack = dir.path("pack");
    let o = Command::new("cp")
        .args(["-r", &format!("{ROOT}/rules"), pack.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(o.status.success());
    let manifest = pack.join("pack.toml");
    let toml = std::fs::read_to_string(&manifest).unwrap();
    std::fs::write(
        &manifest,
        toml.replacen("version = \"0.1.0\"", "version = \"0.1.0-spark\"", 1),
    )
    .unwrap();
    let o = Command::new("tar")
        .args(["-czf", "rules.tar.gz", "-C", "pack", "."])
        .current_dir(&dir.0)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o.stderr));

    // The aggregate as a URI, written through Hadoop's file system as an
    // hdfs: one would be.
    let aggregate = format!("file://{}", dir.path("spark.json").display());
    let o = spark_submit(
        &venv,
        &dir.0,
        &["--files", BIN, "--archives", "rules.tar.gz#rules"],
        &[
            "*.jsonl",
            "profiles",
            "--by",
            "outlet",
            "-o",
            &aggregate,
            "--rules",
            "rules",
            "--partitions",
            "2",
            "--compare",
            "spark-compare.txt",
            "--compare-arg=--resamples=100",
        ],
    );
    let log = all_output(&o);
    assert_eq!(o.status.code(), Some(0), "{log}");
    assert!(partitions(&log) >= 4, "{log}");

    // One process: classify both files, merge, compare.
    let o = framescope(
        &dir.0,
        &[
            "classify",
            "a.jsonl",
            "b.jsonl",
            "--rules",
            "pack",
            "--format",
            "jsonl",
            "-q",
            "-o",
            "whole.jsonl",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let single_warnings: Vec<String> = text(&o.stderr).lines().map(String::from).collect();
    assert_eq!(single_warnings.len(), 1, "{single_warnings:?}");
    assert!(
        single_warnings[0].starts_with("warning: skipped b.jsonl:10:"),
        "{single_warnings:?}"
    );
    let o = framescope(
        &dir.0,
        &[
            "merge",
            "whole.jsonl",
            "--by",
            "outlet",
            "-o",
            "single.json",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let o = framescope(
        &dir.0,
        &[
            "compare",
            "whole.jsonl",
            "--by",
            "outlet",
            "-q",
            "--resamples=100",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));

    let spark = std::fs::read(dir.path("spark.json")).unwrap();
    let single = std::fs::read(dir.path("single.json")).unwrap();
    assert!(
        spark == single,
        "the Spark aggregate differs from one run's:\n{}",
        text(&spark)
    );
    assert!(text(&single).contains("framescope-default@0.1.0-spark"));
    assert_eq!(
        lines_after(&log, "framescope-spark: warning: "),
        lines_after(&single_warnings.join("\n"), "warning: "),
        "{log}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path("spark-compare.txt")).unwrap(),
        text(&o.stdout)
    );
    // The profiles written, part by part in order, are one run's.
    let mut parts: Vec<PathBuf> = std::fs::read_dir(dir.path("profiles"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("part-")
        })
        .collect();
    parts.sort();
    assert!(parts.len() >= 4);
    let ids = |text: &str| -> Vec<String> {
        text.lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["id"].to_string())
            .collect()
    };
    let spark_profiles: String = parts
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    let whole = std::fs::read_to_string(dir.path("whole.jsonl")).unwrap();
    assert_eq!(ids(&spark_profiles), ids(&whole));
    assert_eq!(ids(&whole).len(), 48);
}

/// The script a user runs: Spark in local mode, then one process, and its
/// verdict.
#[test]
#[ignore = "starts Spark: .ci/run runs it (cargo test --test spark -- --ignored)"]
fn run_local_script_finds_the_runs_identical() {
    let Some(venv) = spark_env() else { return };
    let dir = TempDir::new("script");
    let mut lines = articles(0, 30);
    lines.insert(17, BAD_LINE.to_string());
    write_lines(&dir.path("corpus.jsonl"), &lines);
    let mut command = with_spark(Command::new("bash"), &venv, &dir.0);
    let o = command
        .arg(Path::new(ROOT).join("examples/spark/run-local.sh"))
        .arg("corpus.jsonl")
        .env("FRAMESCOPE", BIN)
        .env("PARTITIONS", "4")
        .output()
        .unwrap();
    let out = all_output(&o);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(partitions(&out) >= 4, "{out}");
    assert!(
        out.contains("run-local: the merged aggregates are byte-identical"),
        "{out}"
    );
    assert!(
        out.contains("run-local: both reported the same 1 skipped or repaired line(s)"),
        "{out}"
    );
    assert!(out.contains("/corpus.jsonl:18:"), "{out}");
}

/// A partition whose classify fails (here `--strict` at the bad line) stops
/// the recipe with classify's own messages, placed in the file.
#[test]
#[ignore = "starts Spark: .ci/run runs it (cargo test --test spark -- --ignored)"]
fn a_failing_classify_stops_the_recipe_with_its_messages() {
    let Some(venv) = spark_env() else { return };
    let dir = TempDir::new("strict");
    let mut lines = articles(0, 20);
    lines.insert(13, BAD_LINE.to_string());
    write_lines(&dir.path("corpus.jsonl"), &lines);
    let o = spark_submit(
        &venv,
        &dir.0,
        &["--files", BIN],
        &[
            "corpus.jsonl",
            "profiles",
            "-o",
            "spark.json",
            "--partitions",
            "4",
            "--classify-arg=--strict",
        ],
    );
    let log = all_output(&o);
    assert_eq!(o.status.code(), Some(1), "{log}");
    assert!(!dir.path("spark.json").exists());
    // One run's own message, as the driver logs it.
    let single = framescope(&dir.0, &["classify", "corpus.jsonl", "--strict", "-q"]);
    assert_eq!(single.status.code(), Some(2));
    let message = text(&single.stderr);
    let message = message.lines().last().unwrap();
    assert!(
        message.starts_with("error: --strict: stopped at corpus.jsonl:14:"),
        "{message}"
    );
    assert!(
        log.contains("framescope-spark: error: classify exited with status 2 on partition"),
        "{log}"
    );
    assert!(
        log.contains(&format!("framescope-spark:   {message}")),
        "{log}"
    );
}

/// A binary that is not on the executors stops the recipe at the first
/// task, saying so.
#[test]
#[ignore = "starts Spark: .ci/run runs it (cargo test --test spark -- --ignored)"]
fn a_binary_missing_on_the_executors_is_named() {
    let Some(venv) = spark_env() else { return };
    let dir = TempDir::new("missing");
    write_lines(&dir.path("corpus.jsonl"), &articles(0, 6));
    // An absolute path: looked up as it is on each executor (a binary
    // installed on every node), and absent there.
    let o = spark_submit(
        &venv,
        &dir.0,
        &[],
        &[
            "corpus.jsonl",
            "profiles",
            "-o",
            "spark.json",
            "--binary",
            "/nonexistent/framescope",
        ],
    );
    let log = all_output(&o);
    assert_eq!(o.status.code(), Some(1), "{log}");
    assert!(!dir.path("spark.json").exists());
    assert!(
        log.contains(
            "framescope-spark: error: the binary '/nonexistent/framescope' is missing on executor "
        ),
        "{log}"
    );
}

/// Executors that classify with different packs (here a stand-in binary
/// that uses another pack for every classify but the first, as a node with
/// a stale pack would): `merge` refuses, and the recipe shows its message
/// with the partition at fault.
#[test]
#[ignore = "starts Spark: .ci/run runs it (cargo test --test spark -- --ignored)"]
fn packs_that_differ_between_executors_are_refused() {
    let Some(venv) = spark_env() else { return };
    let dir = TempDir::new("packs");
    write_lines(&dir.path("corpus.jsonl"), &articles(0, 20));
    let other = dir.path("other-pack");
    let o = Command::new("cp")
        .args(["-r", &format!("{ROOT}/rules"), other.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(o.status.success());
    let manifest = other.join("pack.toml");
    let toml = std::fs::read_to_string(&manifest).unwrap();
    std::fs::write(
        &manifest,
        toml.replacen("version = \"0.1.0\"", "version = \"0.1.0-stale\"", 1),
    )
    .unwrap();
    std::fs::create_dir(dir.path("stale")).unwrap();
    let wrapper = dir.path("stale/framescope");
    std::fs::write(
        &wrapper,
        format!(
            "#!/bin/sh\nif [ \"$1\" = classify ] && ! mkdir '{first}' 2>/dev/null; then\n    exec '{BIN}' \"$@\" --rules '{other}'\nfi\nexec '{BIN}' \"$@\"\n",
            first = dir.path("first-classify").display(),
            other = other.display(),
        ),
    )
    .unwrap();
    let o = Command::new("chmod")
        .args(["+x", wrapper.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(o.status.success());

    let o = spark_submit(
        &venv,
        &dir.0,
        &["--files", wrapper.to_str().unwrap()],
        &[
            "corpus.jsonl",
            "profiles",
            "--by",
            "outlet",
            "-o",
            "spark.json",
            "--partitions",
            "4",
        ],
    );
    let log = all_output(&o);
    assert_eq!(o.status.code(), Some(1), "{log}");
    assert!(!dir.path("spark.json").exists());
    assert!(
        log.contains("framescope-spark: error: merging the partitions' aggregates failed"),
        "{log}"
    );
    let refusal = log
        .lines()
        .find(|l| l.contains("of one rule pack"))
        .unwrap_or_else(|| panic!("no refusal from merge:\n{log}"));
    assert!(
        refusal.starts_with("framescope-spark:   error: partition "),
        "{refusal}"
    );
    assert!(refusal.contains("(corpus.jsonl, lines "), "{refusal}");
    assert!(refusal.contains("0.1.0-stale"), "{refusal}");
}
