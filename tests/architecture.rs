//! The module graph has no cycles: no module of `src/` refers (through a
//! `crate::` path outside comments and `#[cfg(test)]` code) to a module
//! that refers back to it, directly or through others. A stage only looks
//! down the pipeline (text ← pack ← engine ← profile ← tools, render ←
//! corpus ← cli), so a change to one stage cannot ripple back through it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Module path (`engine::score`) of every source file, with its code.
fn modules() -> BTreeMap<String, String> {
    fn walk(dir: &Path, root: &Path, out: &mut BTreeMap<String, String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, root, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let rel = path.strip_prefix(root).unwrap().with_extension("");
                let name = rel
                    .iter()
                    .map(|c| c.to_string_lossy().into_owned())
                    .collect::<Vec<_>>()
                    .join("::");
                let name = name.strip_suffix("::mod").unwrap_or(&name).to_string();
                out.insert(name, std::fs::read_to_string(&path).unwrap());
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = BTreeMap::new();
    walk(&root, &root, &mut out);
    out
}

/// The code of `source` without `#[cfg(test)]` items and `//` comments.
fn code(source: &str) -> String {
    let source = source.split("#[cfg(test)]").next().unwrap_or("");
    source
        .lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The modules that `module` refers to by `crate::` paths: for each path,
/// the longest prefix that names a module.
fn imports(module: &str, source: &str, names: &BTreeSet<String>) -> BTreeSet<String> {
    let code = code(source);
    let mut out = BTreeSet::new();
    for (i, _) in code.match_indices("crate::") {
        let path: String = code[i + "crate::".len()..]
            .chars()
            .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_' || *c == ':')
            .collect();
        let parts: Vec<&str> = path.split("::").filter(|p| !p.is_empty()).collect();
        let target = (1..=parts.len())
            .rev()
            .map(|k| parts[..k].join("::"))
            .find(|c| names.contains(c));
        if let Some(t) = target {
            // A folder's mod.rs naming its own children is not an import.
            if t != module && !t.starts_with(&format!("{module}::")) {
                out.insert(t);
            }
        }
    }
    out
}

/// A cycle through `start`, if there is one, as the modules along it.
fn cycle_from(start: &str, graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    let mut stack = vec![(start.to_string(), vec![start.to_string()])];
    let mut seen = BTreeSet::new();
    while let Some((at, path)) = stack.pop() {
        for next in graph.get(&at).into_iter().flatten() {
            if next == start {
                return Some(path.clone());
            }
            if seen.insert(next.clone()) {
                let mut p = path.clone();
                p.push(next.clone());
                stack.push((next.clone(), p));
            }
        }
    }
    None
}

#[test]
fn no_module_imports_one_that_imports_it_back() {
    let modules = modules();
    let names: BTreeSet<String> = modules.keys().cloned().collect();
    let graph: BTreeMap<String, BTreeSet<String>> = modules
        .iter()
        .map(|(m, src)| (m.clone(), imports(m, src, &names)))
        .collect();
    let cycles: Vec<String> = graph
        .keys()
        .filter_map(|m| cycle_from(m, &graph))
        .map(|c| c.join(" -> "))
        .collect();
    assert!(cycles.is_empty(), "import cycles:\n{}", cycles.join("\n"));
}

#[test]
fn the_cycle_check_sees_a_cycle() {
    let names: BTreeSet<String> = ["a", "b", "c"].iter().map(|s| s.to_string()).collect();
    let graph: BTreeMap<String, BTreeSet<String>> = [
        ("a", "use crate::b::x; // crate::c in a comment"),
        ("b", "fn f() { crate::c::g() }"),
        (
            "c",
            "use crate::a::Y;\n#[cfg(test)]\nmod tests { use crate::b; }",
        ),
    ]
    .iter()
    .map(|(m, src)| (m.to_string(), imports(m, src, &names)))
    .collect();
    assert_eq!(graph["a"], BTreeSet::from(["b".to_string()]));
    assert_eq!(graph["c"], BTreeSet::from(["a".to_string()]));
    assert_eq!(
        cycle_from("a", &graph),
        Some(vec!["a".to_string(), "b".to_string(), "c".to_string()])
    );
}
