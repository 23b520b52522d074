//! Rule pack loading from arbitrary TOML bytes: the first byte picks which
//! file of a small valid pack the rest replaces (and, with its top bit,
//! whether the pack is read from a directory on disk, so that invalid
//! UTF-8 goes through the file reader). No panic; every diagnostic is
//! located inside its file; a pack that compiles analyses a text keeping
//! every invariant; `rules lint` runs; `rules fmt` of the file, when it is
//! TOML, is a fixed point after one pass.

#![no_main]

#[path = "../../tests/common/packs.rs"]
mod common;
#[path = "../../tests/common/invariants.rs"]
mod invariants;

use std::path::PathBuf;
use std::sync::OnceLock;

use framescope::internals::pack::canonical::format_file;
use framescope::internals::pack::lint::lint;
use framescope::{PackSource, RuleSet};
use libfuzzer_sys::fuzz_target;

const FILES: &[&str] = &[
    "pack.toml",
    "actors.toml",
    "modifiers.toml",
    "stance.toml",
    "frames/alliance.toml",
    "frames/military.toml",
];

const SAMPLE: &str = "Kim Jong Un very reportedly praised China, but not the United \
    States. “We are allies,” he said. Seoul was condemned by Pyongyang.";

/// A directory of this process for packs written to disk.
fn scratch() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("framescope-fuzz-pack-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let path = FILES[usize::from(pick & 0x7F) % FILES.len()];
    let text = String::from_utf8_lossy(bytes).into_owned();
    let source = if pick & 0x80 != 0 {
        let dir = scratch();
        let _ = std::fs::remove_dir_all(dir);
        for (p, t) in common::files(&[]) {
            let at = dir.join(&p);
            std::fs::create_dir_all(at.parent().unwrap()).unwrap();
            let content = if p == path {
                bytes.to_vec()
            } else {
                t.into_bytes()
            };
            std::fs::write(at, content).unwrap();
        }
        match PackSource::from_dir(dir) {
            Ok(source) => source,
            Err(e) => {
                let _ = e.to_string();
                return;
            }
        }
    } else {
        PackSource::from_files(common::files(&[(path, &text)]))
    };
    let (rules, diags) = RuleSet::compile_with_diagnostics(&source);
    let lines = text.split('\n').count();
    for d in &diags {
        let (line, col) = (d.at.line.unwrap_or(0), d.at.col.unwrap_or(0));
        assert!(line >= 1 && col >= 1, "{d}");
        if d.at.file == path {
            assert!(line <= lines + 1, "{d}: the file has {lines} lines");
        }
    }
    if let (Some(rules), true) = (rules, diags.is_empty()) {
        invariants::check_text(&rules, SAMPLE);
        invariants::check_text(&rules, &text);
    }
    for f in lint(&source) {
        assert!(f.at.line.is_some_and(|l| l >= 1), "{f}");
    }
    if let Ok(once) = format_file(path, &text) {
        let twice = format_file(path, &once).expect("rules fmt reads its own output");
        assert_eq!(once, twice, "rules fmt is not idempotent");
    }
});
