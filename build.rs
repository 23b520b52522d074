//! Embeds the default rule pack (`rules/**/*.toml`) in the binary: generates a
//! table of `(relative path, include_str!(…))` pairs, rebuilt whenever a file
//! under `rules/` changes.

use std::fs;
use std::path::{Path, PathBuf};

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = fs::read_dir(dir)
        .expect("rules/ is readable")
        .map(|e| e.expect("rules/ entry is readable").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "toml") {
            out.push(path);
        }
    }
}

fn main() {
    // The package's directory when the script runs, not when it was
    // compiled: a build script compiled in one checkout is reused by cargo
    // for another that shares its target directory, and would embed the
    // first checkout's rules.
    let root =
        PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets it")).join("rules");
    println!("cargo:rerun-if-changed=rules");
    let mut files = Vec::new();
    collect(&root, &mut files);
    let mut code = String::from("&[\n");
    for path in &files {
        let rel = path.strip_prefix(&root).unwrap();
        let rel: Vec<_> = rel.iter().map(|c| c.to_string_lossy()).collect();
        code.push_str(&format!(
            "    ({:?}, include_str!({:?})),\n",
            rel.join("/"),
            path.display().to_string()
        ));
    }
    code.push_str("]\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("embedded_rules.rs");
    fs::write(out, code).expect("OUT_DIR is writable");
}
