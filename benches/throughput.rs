//! Throughput of `classify` on plain-text articles, single-threaded.
//!
//! Run with `cargo bench --bench throughput`. It extracts the articles of
//! `../shared/corpus/dev-ir.jsonl` (real international news) into a temporary
//! directory of `.txt` files when that corpus is present, and otherwise says
//! so and generates a synthetic corpus from the seeds. It then reports, in one
//! run on the same bytes:
//!
//! - the raw scan: the compiled automaton over the normalised text (the
//!   practical limit of matching);
//! - `classify` end to end through the CLI (read files, segment, scan, score,
//!   aggregate, render JSON), single-threaded;
//!
//! with MB/s, documents/s and the ratio of the two.

use std::path::{Path, PathBuf};
use std::time::Instant;

use framescope::scan::scan;
use framescope::RuleSet;

fn corpus_dir() -> (PathBuf, &'static str) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = std::env::temp_dir().join(format!("framescope-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let jsonl = root.join("../shared/corpus/dev-ir.jsonl");
    if let Ok(text) = std::fs::read_to_string(&jsonl) {
        for (i, line) in text.lines().enumerate() {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            let body = v["text"].as_str().unwrap_or_default();
            std::fs::write(dir.join(format!("{i:05}.txt")), body).unwrap();
        }
        (dir, "../shared/corpus/dev-ir.jsonl")
    } else {
        eprintln!(
            "../shared/corpus/dev-ir.jsonl is absent: using a synthetic corpus (seeds × 300)"
        );
        let mut seeds: Vec<_> = std::fs::read_dir(root.join("seeds"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        seeds.sort();
        for i in 0..300 {
            for (j, seed) in seeds.iter().enumerate() {
                std::fs::copy(seed, dir.join(format!("{i:04}-{j}.txt"))).unwrap();
            }
        }
        (dir, "synthetic (seeds × 300)")
    }
}

fn best_of<F: FnMut()>(runs: usize, mut f: F) -> f64 {
    (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64()
        })
        .fold(f64::INFINITY, f64::min)
}

fn main() {
    let (dir, what) = corpus_dir();
    let mut texts = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        texts.push(std::fs::read_to_string(entry.unwrap().path()).unwrap());
    }
    let bytes: usize = texts.iter().map(String::len).sum();
    let docs = texts.len();
    let mb = bytes as f64 / 1e6;
    let rules = RuleSet::embedded().unwrap();
    println!("corpus: {what}: {docs} documents, {mb:.2} MB");

    let raw = best_of(3, || {
        let mut n = 0;
        for t in &texts {
            n += scan(&rules, t).len();
        }
        std::hint::black_box(n);
    });
    let dir_arg = dir.to_str().unwrap().to_string();
    let end_to_end = best_of(3, || {
        let mut out = Vec::new();
        let mut err = Vec::new();
        let args = [
            "framescope",
            "classify",
            "--format",
            "json",
            dir_arg.as_str(),
        ];
        let code = framescope::cli::run(args, Default::default(), &mut out, &mut err);
        assert_eq!(code, 0, "{}", String::from_utf8_lossy(&err));
        std::hint::black_box(out.len());
    });
    std::fs::remove_dir_all(&dir).unwrap();
    let line = |name: &str, secs: f64| {
        println!(
            "{name:<34} {:>8.2} MB/s {:>9.0} docs/s  ({secs:.3} s)",
            mb / secs,
            docs as f64 / secs
        );
    };
    line("scan (normalise + automaton)", raw);
    line("classify --format json, 1 thread", end_to_end);
    println!("ratio classify/scan: {:.2}", raw / end_to_end);
}
