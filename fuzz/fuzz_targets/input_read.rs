//! Reading inputs from arbitrary bytes: the first byte picks how they are
//! stored (a text file, Markdown with front matter, a text file with a
//! sidecar, JSON Lines, gzipped JSON Lines, or the bytes taken for a gzip
//! stream as they are). No panic; problems are located; no document comes
//! from a line over `max_line_bytes`; every document analyses keeping
//! every invariant.

#![no_main]

#[path = "../../tests/common/invariants.rs"]
mod invariants;

use std::io::Write;
use std::path::PathBuf;
use std::sync::OnceLock;

use framescope::analyze;
use framescope::internals::text::input::{InputOptions, Inputs, Item};
use framescope::RuleSet;
use libfuzzer_sys::fuzz_target;

const MAX_LINE: usize = 2048;

fn rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| RuleSet::embedded().expect("the embedded pack compiles"))
}

/// A directory of this process for the files read.
fn scratch() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir =
            std::env::temp_dir().join(format!("framescope-fuzz-input-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    })
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let dir = scratch();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let _ = std::fs::remove_file(entry.path());
    }
    let (name, content, jsonl) = match pick % 6 {
        0 => ("a.txt", bytes.to_vec(), false),
        1 => ("a.md", [b"+++\n".as_slice(), bytes].concat(), false),
        2 => {
            // A sidecar: the bytes up to the first NUL, the text after it.
            let cut = bytes.iter().position(|&b| b == 0).unwrap_or(bytes.len());
            std::fs::write(dir.join("a.meta.toml"), &bytes[..cut]).unwrap();
            ("a.txt", bytes[cut.min(bytes.len())..].to_vec(), false)
        }
        3 => ("a.jsonl", bytes.to_vec(), true),
        4 => ("a.jsonl.gz", gzip(bytes), true),
        _ => ("a.jsonl.gz", bytes.to_vec(), true),
    };
    let path = dir.join(name);
    std::fs::write(&path, content).unwrap();
    let options = InputOptions {
        max_line_bytes: MAX_LINE,
        ..InputOptions::default()
    };
    for item in Inputs::open(&[path], options) {
        match item {
            Item::Doc(doc) => {
                if jsonl {
                    // The bound is on the line's bytes. Invalid UTF-8
                    // replaced by U+FFFD (three bytes for one, with a
                    // warning) can make the text longer than the line.
                    let bound = if doc.warnings.is_empty() {
                        MAX_LINE
                    } else {
                        3 * MAX_LINE
                    };
                    assert!(doc.text.len() <= bound, "a document from an overlong line");
                }
                let analysis = analyze(rules(), &doc);
                invariants::check_analysis(&doc.text, &analysis);
            }
            Item::Problem(p) => {
                assert!(p.at.line.is_none_or(|l| l >= 1), "{p}");
                assert!(p.at.col.is_none_or(|c| c >= 1), "{p}");
                let _ = p.to_string();
            }
            // How a file whose name did not say its format was read.
            Item::Note(note) => assert!(!note.is_empty()),
        }
    }
});
