//! Corpus scale through the binary: JSON Lines (plain, gzipped, stdin) in,
//! bad lines reported and skipped (or fatal with --strict), output whole or
//! not at all, byte-identical whatever the thread count, tidy CSV,
//! `compare`, and shard-and-merge equal to a single run (also under GNU
//! parallel when it is installed).

mod common;

use common::{framescope, framescope_fed, text, TempDir, BIN};

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The seed articles' texts.
fn seed_texts() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect()
}

/// `n` articles: each seed's paragraphs in turn, cut differently per
/// article, with an outlet, an event and a date.
fn corpus(n: usize) -> String {
    let seeds = seed_texts();
    let mut out = String::new();
    for i in 0..n {
        let seed = &seeds[i % seeds.len()];
        let paragraphs: Vec<&str> = seed.split("\n\n").collect();
        let keep = 1 + (i * 7) % paragraphs.len();
        let body = paragraphs[..keep].join("\n\n");
        let outlet = ["Alpha", "Beta", "Gamma"][i % 3];
        let line = serde_json::json!({
            "id": format!("a{i:04}"),
            "title": format!("Article {i}"),
            "outlet": outlet,
            "event": format!("e{}", i / 3),
            "date": format!("2025-{:02}-{:02}", 1 + i % 12, 1 + i % 28),
            "text": body,
        });
        out.push_str(&line.to_string());
        out.push('\n');
    }
    out
}

/// `classify INPUT --format jsonl -q -o OUT`, with the paths as strings.
fn classify_jsonl(input: &str, out: &str) -> Output {
    framescope(&["classify", input, "--format", "jsonl", "-q", "-o", out])
}

/// The profiles of `classify --format jsonl` output, each without its
/// `source` (which names the file read), to compare runs over the same
/// articles read from different files or formats.
fn profiles_without_source(out: &[u8]) -> Vec<serde_json::Value> {
    text(out)
        .lines()
        .map(|l| {
            let mut v: serde_json::Value = serde_json::from_str(l).unwrap();
            v.as_object_mut().unwrap().remove("source");
            v
        })
        .collect()
}

/// The grouping the compare tests ask for.
const COMPARE_BY_OUTLET: [&str; 9] = [
    "--by",
    "outlet",
    "--pair-by",
    "event",
    "--min-docs",
    "10",
    "--resamples",
    "200",
    "-q",
];

/// A fresh directory holding `corpus.jsonl` with `n` articles.
fn corpus_file(name: &str, n: usize) -> (TempDir, PathBuf) {
    let dir = TempDir::new(name);
    let input = dir.path("corpus.jsonl");
    std::fs::write(&input, corpus(n)).unwrap();
    (dir, input)
}

#[test]
fn bad_lines_are_reported_and_skipped_and_strict_stops() {
    let dir = TempDir::new("bad");
    let good = corpus(2);
    let mut lines: Vec<Vec<u8>> = good.lines().map(|l| l.as_bytes().to_vec()).collect();
    lines.insert(1, br#"{"id": "broken", "text": "unterminated"#.to_vec());
    lines.insert(
        2,
        br#"{"id": "no-text", "body": "Russia praised China."}"#.to_vec(),
    );
    lines.insert(
        3,
        b"{\"id\": \"latin1\", \"text\": \"Caf\xe9 diplomacy: Russia praised China.\"}".to_vec(),
    );
    lines.insert(4, br#"{"id": "empty", "text": ""}"#.to_vec());
    let input = dir.path("corpus.jsonl");
    std::fs::write(&input, lines.join(&b'\n')).unwrap();
    let out = dir.path("out.jsonl");
    let o = framescope(&[
        "classify",
        input.to_str().unwrap(),
        "--format",
        "jsonl",
        "-o",
        out.to_str().unwrap(),
    ]);
    let err = text(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{err}");
    // Line 2 is malformed JSON, line 3 has no text: both named by line.
    assert!(
        err.contains("corpus.jsonl:2:") && err.contains("not valid JSON"),
        "{err}"
    );
    assert!(
        err.contains("corpus.jsonl:3: ") && err.contains("`text`"),
        "{err}"
    );
    // Line 4's invalid UTF-8 is replaced, with a warning, and classified.
    assert!(err.contains("corpus.jsonl:4: invalid UTF-8"), "{err}");
    assert!(err.contains("· 2 skipped · 1 warning"), "{err}");
    let ids: Vec<String> = std::fs::read_to_string(&out)
        .unwrap()
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(ids, ["a0000", "latin1", "empty", "a0001"]);
    let profiles = std::fs::read_to_string(&out).unwrap();
    let latin1: serde_json::Value = serde_json::from_str(profiles.lines().nth(1).unwrap()).unwrap();
    assert!(latin1["sentences"][0]["text"]
        .as_str()
        .unwrap()
        .contains("Caf\u{FFFD}"));
    let empty: serde_json::Value = serde_json::from_str(profiles.lines().nth(2).unwrap()).unwrap();
    assert_eq!(
        (empty["words"].as_u64(), empty["sentence_count"].as_u64()),
        (Some(0), Some(0))
    );

    // --strict: exit 2 at the first problem, and the output file is not written.
    let strict_out = dir.path("strict.jsonl");
    let o = framescope(&[
        "classify",
        input.to_str().unwrap(),
        "--format",
        "jsonl",
        "--strict",
        "-o",
        strict_out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o.stderr));
    assert!(
        text(&o.stderr).contains("--strict: stopped at")
            && text(&o.stderr).contains("corpus.jsonl:2:")
    );
    assert!(!strict_out.exists());
    assert_eq!(
        std::fs::read_dir(&dir.0).unwrap().count(),
        2,
        "no temporary file is left"
    );
}

#[test]
fn a_very_long_article_is_classified_like_any_other() {
    // One line of about 1.5 MB: the seeds over and over. Every per-article
    // step must stay linear (binary searches, not scans of the article).
    let seeds = seed_texts().join("\n\n");
    let copies = 1_500_000 / seeds.len() + 1;
    let long = vec![seeds.as_str(); copies].join("\n\n");
    let dir = TempDir::new("long");
    let input = dir.path("long.jsonl");
    let line = serde_json::json!({"id": "long", "text": long});
    std::fs::write(&input, format!("{}\n{}", line, corpus(1))).unwrap();
    let o = framescope(&[
        "classify",
        input.to_str().unwrap(),
        "--format",
        "jsonl",
        "-q",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let profiles: Vec<serde_json::Value> = text(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(profiles.len(), 2);
    let one: serde_json::Value = {
        let single = dir.path("one.jsonl");
        std::fs::write(
            &single,
            serde_json::json!({"id": "one", "text": seeds}).to_string(),
        )
        .unwrap();
        let o = framescope(&[
            "classify",
            single.to_str().unwrap(),
            "--format",
            "jsonl",
            "-q",
        ]);
        serde_json::from_slice(&o.stdout).unwrap()
    };
    // The long article is the seeds `copies` times: words, mentions and
    // quotes scale exactly.
    let n = copies as u64;
    assert_eq!(
        profiles[0]["words"].as_u64().unwrap(),
        n * one["words"].as_u64().unwrap()
    );
    assert_eq!(
        profiles[0]["actors"]["PRK"]["mentions"].as_u64().unwrap(),
        n * one["actors"]["PRK"]["mentions"].as_u64().unwrap()
    );
    assert_eq!(
        profiles[0]["quotes"].as_array().unwrap().len() as u64,
        n * one["quotes"].as_array().unwrap().len() as u64
    );
    assert_eq!(profiles[1]["id"], "a0000");
}

#[test]
fn output_is_the_same_for_any_number_of_threads() {
    let (_dir, input) = corpus_file("jobs", 120);
    for format in ["jsonl", "csv", "table", "json"] {
        let run = |jobs: &str| {
            let o = framescope(&[
                "classify",
                input.to_str().unwrap(),
                "--format",
                format,
                "--jobs",
                jobs,
                "-q",
            ]);
            assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
            assert!(o.stderr.is_empty(), "--quiet: {}", text(&o.stderr));
            o.stdout
        };
        let one = run("1");
        assert!(!one.is_empty());
        assert_eq!(one, run("3"), "{format}: 1 vs 3 threads");
        assert_eq!(one, run("0"), "{format}: 1 thread vs every core");
    }
}

#[test]
fn streamed_json_is_the_pretty_array_and_gzip_and_stdin_read_the_same() {
    let dir = TempDir::new("forms");
    let corpus = corpus(9);
    let input = dir.path("corpus.jsonl");
    std::fs::write(&input, &corpus).unwrap();
    let json = framescope(&[
        "classify",
        input.to_str().unwrap(),
        "--format",
        "json",
        "-q",
    ])
    .stdout;
    let jsonl = framescope(&[
        "classify",
        input.to_str().unwrap(),
        "--format",
        "jsonl",
        "-q",
    ])
    .stdout;
    // The streamed array holds the same profiles as the lines, pretty-printed
    // as serde_json prints an array (two-space indent, `[]` framing).
    let values: Vec<serde_json::Value> = text(&jsonl)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(values.len(), 9);
    let array: Vec<serde_json::Value> = serde_json::from_slice(&json).unwrap();
    assert!(array == values, "the JSON array and the JSON lines differ");
    let json = text(&json);
    assert!(json.starts_with("[\n  {\n    \"schema_version\": 1,\n"));
    assert!(json.ends_with("\n  }\n]\n"));
    assert_eq!(json.matches("\n  },\n  {\n").count(), 8);
    let empty = dir.path("empty.jsonl");
    std::fs::write(&empty, "\n").unwrap();
    let none = framescope(&[
        "classify",
        empty.to_str().unwrap(),
        "--format",
        "json",
        "-q",
    ]);
    assert_eq!(text(&none.stdout), "[]\n");

    let gz = dir.path("corpus.jsonl.gz");
    let mut enc = flate2::write::GzEncoder::new(
        std::fs::File::create(&gz).unwrap(),
        flate2::Compression::default(),
    );
    enc.write_all(corpus.as_bytes()).unwrap();
    enc.finish().unwrap();
    let from_gz = framescope(&["classify", gz.to_str().unwrap(), "--format", "jsonl", "-q"]).stdout;
    assert_eq!(
        profiles_without_source(&from_gz),
        profiles_without_source(&jsonl)
    );

    let from_stdin = framescope_fed(
        &["classify", "-", "--format", "jsonl", "-q"],
        corpus.as_bytes(),
    )
    .stdout;
    assert_eq!(
        profiles_without_source(&from_stdin),
        profiles_without_source(&jsonl)
    );
    assert!(text(&from_stdin).contains("\"source\":\"-:1\""));
}

#[test]
fn a_csv_export_of_the_corpus_classifies_as_its_json_lines_do() {
    let dir = TempDir::new("csvin");
    let corpus = corpus(9);
    let input = dir.path("corpus.jsonl");
    std::fs::write(&input, &corpus).unwrap();
    // The same articles as a spreadsheet exports them: CRLF rows, the text
    // column in the middle, its line breaks and quotes inside quoted cells.
    let columns = ["id", "title", "text", "outlet", "event", "date"];
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_path(dir.path("corpus.csv"))
        .unwrap();
    writer.write_record(columns).unwrap();
    for line in corpus.lines() {
        let article: serde_json::Value = serde_json::from_str(line).unwrap();
        writer
            .write_record(columns.map(|c| article[c].as_str().unwrap().to_string()))
            .unwrap();
    }
    writer.flush().unwrap();
    drop(writer);
    let csv_path = dir.path("corpus.csv");
    let from_jsonl = framescope(&[
        "classify",
        input.to_str().unwrap(),
        "--format",
        "jsonl",
        "-q",
    ]);
    let from_csv = framescope(&[
        "classify",
        csv_path.to_str().unwrap(),
        "--format",
        "jsonl",
        "-q",
    ]);
    assert!(from_csv.status.success(), "{}", text(&from_csv.stderr));
    assert_eq!(profiles_without_source(&from_csv.stdout).len(), 9);
    assert_eq!(
        profiles_without_source(&from_csv.stdout),
        profiles_without_source(&from_jsonl.stdout)
    );
    // A row's source is its first line in the file: line 1 is the header.
    assert!(text(&from_csv.stdout).contains(&format!("\"source\":\"{}:2\"", csv_path.display())));
    let from_stdin = framescope_fed(
        &[
            "classify",
            "-",
            "--input-format",
            "csv",
            "--format",
            "jsonl",
            "-q",
        ],
        &std::fs::read(&csv_path).unwrap(),
    );
    assert_eq!(
        profiles_without_source(&from_stdin.stdout),
        profiles_without_source(&from_jsonl.stdout)
    );
    // A column named otherwise is named with --text-field; a file without
    // it is reported, with the columns it has, and skipped.
    let other = dir.path("other.csv");
    std::fs::write(&other, "id,body\nx,China and Russia signed a treaty.\n").unwrap();
    let skipped = framescope(&["classify", other.to_str().unwrap(), "--format", "jsonl"]);
    assert!(skipped.stdout.is_empty());
    assert!(
        text(&skipped.stderr).contains(&format!(
            "{}:1: no `text` column in the CSV header row (it has `id`, `body`)",
            other.display()
        )),
        "{}",
        text(&skipped.stderr)
    );
    let named = framescope(&[
        "classify",
        other.to_str().unwrap(),
        "--text-field",
        "body",
        "--format",
        "jsonl",
        "-q",
    ]);
    let profile = &profiles_without_source(&named.stdout)[0];
    assert_eq!(profile["id"], "x");
    assert!(profile["actors"].get("CHN").is_some(), "{profile}");
}

#[test]
fn csv_rows_are_tidy() {
    let (dir, input) = corpus_file("csv", 6);
    let o = framescope(&[
        "classify",
        input.to_str().unwrap(),
        "--format",
        "csv",
        "--meta",
        "outlet,date",
        "-q",
    ]);
    let mut rows = csv::Reader::from_reader(o.stdout.as_slice());
    let header: Vec<String> = rows.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header,
        [
            "id",
            "source",
            "outlet",
            "date",
            "words",
            "sentences",
            "frame",
            "score",
            "density",
            "frame_sentences",
            "share",
            "dominant"
        ]
    );
    let records: Vec<csv::StringRecord> = rows.records().map(Result::unwrap).collect();
    // Every article × every frame of the default pack (7).
    assert_eq!(records.len(), 6 * 7);
    assert_eq!(&records[0][0], "a0000");
    // The source names the file and line the article came from.
    assert_eq!(records[0][1], format!("{}:1", input.display()));
    assert_eq!(&records[0][2], "Alpha");
    assert!(records.iter().all(|r| r[7].parse::<f64>().is_ok()));

    let o = framescope(&[
        "classify",
        input.to_str().unwrap(),
        "--format",
        "csv",
        "--actors",
        "-q",
    ]);
    let mut rows = csv::Reader::from_reader(o.stdout.as_slice());
    let header: Vec<String> = rows.headers().unwrap().iter().map(String::from).collect();
    // Without --meta, the first article's metadata keys, sorted.
    assert_eq!(&header[..5], ["id", "source", "date", "event", "outlet"]);
    assert_eq!(
        header[5..],
        [
            "actor",
            "actor_name",
            "actor_kind",
            "mentions",
            "actor_sentences",
            "frame",
            "score"
        ]
    );
    let n = rows.records().count();
    assert!(
        n > 0 && n.is_multiple_of(7),
        "{n} rows: article × actor × 7 frames"
    );

    // Metadata named like a fixed column is prefixed, never repeated; an
    // empty corpus still has a header.
    let odd = dir.path("odd.jsonl");
    std::fs::write(
        &odd,
        r#"{"id": "x", "frame": "F", "source": "wire", "text": "Russia praised China."}"#,
    )
    .unwrap();
    let o = framescope(&["classify", odd.to_str().unwrap(), "--format", "csv", "-q"]);
    let first = text(&o.stdout).lines().next().unwrap().to_string();
    assert!(
        first.starts_with("id,source,meta_frame,meta_source,words,"),
        "{first}"
    );
    let empty = dir.path("empty.jsonl");
    std::fs::write(&empty, "").unwrap();
    let o = framescope(&["classify", empty.to_str().unwrap(), "--format", "csv", "-q"]);
    assert!(
        text(&o.stdout).starts_with("id,source,words,sentences,frame,"),
        "{}",
        text(&o.stdout)
    );
}

#[test]
fn shards_merge_to_the_single_run_byte_for_byte() {
    let dir = TempDir::new("merge");
    let all = corpus(60);
    let lines: Vec<&str> = all.lines().collect();
    let whole = dir.path("whole.jsonl");
    std::fs::write(&whole, &all).unwrap();
    let classify = |input: &Path, out: &Path| {
        let o = classify_jsonl(input.to_str().unwrap(), out.to_str().unwrap());
        assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    };
    classify(&whole, &dir.path("whole.profiles.jsonl"));
    // Three uneven shards.
    let mut parts = Vec::new();
    for (k, range) in [(0..7), (7..41), (41..60)].into_iter().enumerate() {
        let shard = dir.path(&format!("shard{k}.jsonl"));
        std::fs::write(&shard, lines[range].join("\n") + "\n").unwrap();
        let out = dir.path(&format!("part{k}.jsonl"));
        classify(&shard, &out);
        parts.push(out.to_str().unwrap().to_string());
    }
    let merge = |args: &[&str]| {
        let mut all_args = vec!["merge", "--by", "outlet"];
        all_args.extend_from_slice(args);
        let o = framescope(&all_args);
        assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
        o.stdout
    };
    let single = merge(&[dir.path("whole.profiles.jsonl").to_str().unwrap()]);
    let sharded = merge(&[&parts[2], &parts[0], &parts[1]]);
    assert!(
        sharded == single,
        "sharded merge differs from the single run"
    );
    // Merging a merge: (part0 + part1) + part2.
    let partial = dir.path("partial.json");
    let o = framescope(&[
        "merge",
        "--by",
        "outlet",
        &parts[0],
        &parts[1],
        "-o",
        partial.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert_eq!(
        text(&merge(&[partial.to_str().unwrap(), &parts[2]])),
        text(&single)
    );
    // From stdin too: profile lines, and an aggregate (read through once).
    let from_stdin = |file: &Path| {
        framescope_fed(
            &["merge", "-", "--by", "outlet"],
            &std::fs::read(file).unwrap(),
        )
        .stdout
    };
    assert!(
        from_stdin(&dir.path("whole.profiles.jsonl")) == single,
        "profiles on stdin"
    );
    let whole_aggregate = dir.path("whole.json");
    std::fs::write(&whole_aggregate, &single).unwrap();
    assert!(
        from_stdin(&whole_aggregate) == single,
        "an aggregate on stdin"
    );
    let v: serde_json::Value = serde_json::from_slice(&single).unwrap();
    assert_eq!(v["corpus"]["documents"], 60);
    assert_eq!(v["groups"]["Alpha"]["documents"], 20);
    // Articles are not profiles: nothing to merge is an error, not an
    // empty aggregate.
    let o = framescope(&["merge", whole.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o.stderr));
    assert!(text(&o.stderr).contains("no profile could be read"));
    // Parts grouped differently do not mix.
    let o = framescope(&["merge", partial.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o.stderr));
    assert!(text(&o.stderr).contains("same --by"), "{}", text(&o.stderr));
}

#[test]
fn gnu_parallel_recipe_equals_the_single_run() {
    if !common::require_tool("parallel", "--version", "the GNU parallel recipe") {
        return;
    }
    let (dir, input) = corpus_file("parallel", 40);
    let whole = dir.path("whole.jsonl");
    let o = classify_jsonl(input.to_str().unwrap(), whole.to_str().unwrap());
    assert_eq!(o.status.code(), Some(0));
    // The README's map step: chunks of lines piped to one classify each.
    let script = format!(
        "cd '{}' && parallel --pipepart -a corpus.jsonl --block 20k '{BIN} classify - --input-format jsonl --format jsonl --quiet --jobs 1 > part-{{#}}.jsonl' && {BIN} merge part-*.jsonl --by outlet > sharded.json && {BIN} merge whole.jsonl --by outlet > single.json",
        dir.0.display()
    );
    let o = Command::new("sh").args(["-c", &script]).output().unwrap();
    assert!(o.status.success(), "{}", text(&o.stderr));
    let parts = std::fs::read_dir(&dir.0)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with("part-")
        })
        .count();
    assert!(parts >= 2, "the corpus was split ({parts} parts)");
    let sharded = std::fs::read_to_string(dir.path("sharded.json")).unwrap();
    let single = std::fs::read_to_string(dir.path("single.json")).unwrap();
    assert!(
        sharded == single,
        "the parallel run differs from the single run:\n{}",
        &sharded[..sharded.len().min(600)]
    );
}

#[test]
fn compare_groups_outlets_and_pairs_events() {
    let (dir, input) = corpus_file("compare", 45);
    let compare = |path: &Path| {
        let mut args = vec!["compare", path.to_str().unwrap()];
        args.extend(COMPARE_BY_OUTLET);
        framescope(&args)
    };
    let o = compare(&input);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    insta::assert_snapshot!("compare_outlets", common::redact_hash(&text(&o.stdout)));

    // The same from classify output, without classifying again.
    let profiles = dir.path("p.jsonl");
    classify_jsonl(input.to_str().unwrap(), profiles.to_str().unwrap());
    let again = compare(&profiles);
    assert_eq!(text(&again.stdout), text(&o.stdout));
    // Profiles are recognised by content, whatever the name, also inside a
    // directory (Spark writes part-00000 files).
    let spark = dir.path("spark");
    std::fs::create_dir_all(&spark).unwrap();
    std::fs::copy(&profiles, spark.join("part-00000")).unwrap();
    assert_eq!(
        text(&compare(&spark.join("part-00000")).stdout),
        text(&o.stdout)
    );
    assert_eq!(text(&compare(&spark).stdout), text(&o.stdout));
    // One bad line at the top costs that line, not the file; a BOM costs
    // nothing; and profiles piped into `-` are read as profiles.
    let lines = std::fs::read_to_string(&profiles).unwrap();
    let bad_top = dir.path("bad-top.jsonl");
    std::fs::write(&bad_top, format!("{{\"bad\n{lines}")).unwrap();
    let got = compare(&bad_top);
    assert_eq!(text(&got.stdout), text(&o.stdout));
    let err = text(&got.stderr);
    assert!(err.contains("bad-top.jsonl:1:"), "{err}");
    assert_eq!(err.matches("warning: skipped").count(), 1, "{err}");
    let bom = dir.path("bom.jsonl");
    std::fs::write(&bom, format!("\u{feff}{lines}")).unwrap();
    assert_eq!(text(&compare(&bom).stdout), text(&o.stdout));
    let mut args = vec!["compare", "-"];
    args.extend(COMPARE_BY_OUTLET);
    let piped = framescope_fed(&args, lines.as_bytes());
    assert_eq!(
        text(&piped.stdout),
        text(&o.stdout),
        "{}",
        text(&piped.stderr)
    );

    let o = framescope(&[
        "compare",
        input.to_str().unwrap(),
        "--by",
        "month",
        "--format",
        "csv",
        "-q",
    ]);
    let mut rows = csv::Reader::from_reader(o.stdout.as_slice());
    let groups: std::collections::BTreeSet<String> =
        rows.records().map(|r| r.unwrap()[0].to_string()).collect();
    assert_eq!(groups.len(), 12, "{groups:?}");
    assert!(groups.contains("2025-01"));
}

/// Profiles and aggregates are read back only under the schema they were
/// written with: another `schema_version` is an error naming the file and
/// line, never numbers silently summed under other meanings.
#[test]
fn another_schema_version_is_refused_with_its_place() {
    let (dir, input) = corpus_file("schema", 2);
    let profiles = dir.path("profiles.jsonl");
    let o = classify_jsonl(input.to_str().unwrap(), profiles.to_str().unwrap());
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let lines: Vec<String> = std::fs::read_to_string(&profiles)
        .unwrap()
        .lines()
        .map(String::from)
        .collect();
    assert!(
        lines[1].starts_with("{\"schema_version\":1,"),
        "{}",
        &lines[1][..40]
    );

    // A profile from a future schema on line 2: reported there, skipped,
    // and an error under --strict.
    let future = dir.path("future.jsonl");
    let bumped = lines[1].replacen("\"schema_version\":1,", "\"schema_version\":2,", 1);
    std::fs::write(&future, format!("{}\n{bumped}\n", lines[0])).unwrap();
    let f = future.to_str().unwrap();
    let o = framescope(&["merge", f]);
    let err = text(&o.stderr);
    assert!(
        err.contains(&format!(
            "{f}:2: profile has schema_version 2, but this framescope reads version 1"
        )),
        "{err}"
    );
    let merged: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(merged["corpus"]["documents"], 1);
    assert_eq!(merged["schema_version"], 1);
    assert_ne!(framescope(&["merge", "--strict", f]).status.code(), Some(0));

    // An aggregate without a schema version (as older versions wrote them).
    let aggregate = dir.path("old.json");
    let mut old = merged.clone();
    old.as_object_mut().unwrap().remove("schema_version");
    std::fs::write(&aggregate, serde_json::to_string_pretty(&old).unwrap()).unwrap();
    let o = framescope(&["merge", aggregate.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr)
            .contains("aggregate has schema_version 0, but this framescope reads version 1"),
        "{}",
        text(&o.stderr)
    );
}

/// A named pipe beside profile files is skipped, as a walk of articles
/// skips one, never waited on.
#[cfg(unix)]
#[test]
fn a_named_pipe_beside_profiles_is_skipped() {
    let (dir, input) = corpus_file("pipe-profiles", 12);
    let folder = dir.path("pd");
    std::fs::create_dir_all(&folder).unwrap();
    let profiles = folder.join("p.jsonl");
    classify_jsonl(input.to_str().unwrap(), profiles.to_str().unwrap());
    if !common::require_tool("mkfifo", "--version", "a named pipe beside profiles") {
        return;
    }
    let made = Command::new("mkfifo").arg(folder.join("f.jsonl")).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo failed");
    let mut child = Command::new(BIN)
        .args(["compare", folder.to_str().unwrap(), "--by", "outlet", "-q"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while child.try_wait().unwrap().is_none() {
        if std::time::Instant::now() > deadline {
            child.kill().unwrap();
            panic!("compare waited on the named pipe");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let err = text(&out.stderr);
    assert!(err.contains("f.jsonl: not a regular file"), "{err}");
    assert!(
        text(&out.stdout).contains("12 documents"),
        "{}",
        text(&out.stdout)
    );
}
