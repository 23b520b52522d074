//! Small in-memory rule packs and in-process runs, shared by the
//! integration tests and the fuzz targets (which include this file alone).

#![allow(dead_code)]

use framescope::{Error, PackSource, RuleSet};

pub const PACK: &str = "name = \"fixture\"\nversion = \"0.1.0\"\nschema = 1\n";

pub const MODIFIERS: &str = r#"
[negation]
window = 3
frame-factor = 0.74
stance-factor = -0.74
terms = ["not", "no", "never", "didn't"]

[intensifier]
window = 3
increment = 0.293
decay = [1.0, 0.95, 0.9]
terms = ["very", "most"]

[dampener]
window = 3
increment = 0.293
decay = [1.0, 0.95, 0.9]
terms = ["slightly"]

[hedge]
window = 6
factor = 0.7
terms = ["reportedly", "speculation"]
exact = ["may"]

[[contrastive]]
pattern = "but"
before = 0.5
after = 1.5
"#;

pub const ACTORS: &str = r#"
exclude = ["University of North Korean Studies", "Korea Institute for National Unification"]

[[actor]]
id = "PRK"
name = "North Korea"
kind = "state"
aliases = ["North Korea", "North Korean", "Pyongyang", "DPRK"]

[[actor]]
id = "KOR"
name = "South Korea"
kind = "state"
aliases = ["South Korea", "South Korean", "Seoul"]

[[actor]]
id = "USA"
name = "United States"
kind = "state"
aliases = ["United States", "U.S.", "US", "Washington"]
exact = ["US"]

[[actor]]
id = "CHN"
name = "China"
kind = "state"
aliases = ["China", "Chinese", "Beijing"]

[[actor]]
id = "kim-jong-un"
name = "Kim Jong Un"
kind = "person"
member-of = "PRK"
aliases = ["Kim Jong Un", "Kim"]
exclude = ["Professor Kim"]

[[actor]]
id = "wpk"
name = "Workers' Party of Korea"
kind = "body"
member-of = "PRK"
aliases = ["Workers' Party"]
"#;

pub const ALLIANCE: &str = r#"
label = "Alliance"
color = "green"
terms = [
  { pattern = "ally", weight = 1.0 },
  { pattern = "alli*", weight = 1.0 },
  { pattern = "traditional friends", weight = 2.0 },
]
exclude = ["alligator farm"]

[[test]]
text = "They remain close allies."
matches = true

[[test]]
text = "The rally was really loud."
matches = false
"#;

pub const MILITARY: &str = r#"
label = "Military"
color = "red"
terms = [
  { pattern = "arm", weight = 1.0 },
  { pattern = "weapons", weight = 1.0 },
  { pattern = "nuclear weapons", weight = 2.0 },
  { pattern = "parade", weight = 1.0 },
]

[[test]]
text = "A parade of troops and weapons."
matches = true

[[test]]
text = "The harmony of the choir."
matches = false
"#;

/// The fixture pack's files, with `extra` files added or replacing.
pub fn files(extra: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = vec![
        ("pack.toml".into(), PACK.into()),
        ("actors.toml".into(), ACTORS.into()),
        ("modifiers.toml".into(), MODIFIERS.into()),
        ("frames/alliance.toml".into(), ALLIANCE.into()),
        ("frames/military.toml".into(), MILITARY.into()),
    ];
    for (path, text) in extra {
        files.retain(|(p, _)| p != path);
        files.push((path.to_string(), text.to_string()));
    }
    files
}

pub fn compile(extra: &[(&str, &str)]) -> Result<RuleSet, Error> {
    RuleSet::from_source(&PackSource::from_files(files(extra)))
}

/// Asserts that the fixture pack with `extra` files swapped in fails with
/// exactly one diagnostic, which starts with `location` and mentions each
/// of `words`.
pub fn assert_one(extra: &[(&str, &str)], location: &str, words: &[&str]) {
    let diags = diagnostics(extra);
    assert_eq!(diags.len(), 1, "{diags:#?}");
    assert!(
        diags[0].starts_with(location),
        "{} should start with {location}",
        diags[0]
    );
    for w in words {
        assert!(diags[0].contains(w), "{} should mention {w}", diags[0]);
    }
}

/// The diagnostics of the fixture pack with `extra` files swapped in, as
/// printed; panics when it compiles.
pub fn diagnostics(extra: &[(&str, &str)]) -> Vec<String> {
    match compile(extra) {
        Ok(_) => panic!("pack should not compile"),
        Err(Error::Pack(diags)) => diags.iter().map(|d| d.to_string()).collect(),
        Err(e) => panic!("unexpected error {e}"),
    }
}

pub fn fixture() -> RuleSet {
    compile(&[]).expect("fixture pack compiles")
}

/// Writes the fixture pack (with `extra` files) to a fresh temporary
/// directory named after `name`, and returns it.
pub fn write_pack(name: &str, extra: &[(&str, &str)]) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("framescope-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    for (path, text) in files(extra) {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

/// Runs the CLI in-process: (exit code, stdout, stderr).
pub fn run(args: &[&str]) -> (u8, String, String) {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let mut argv = vec!["framescope"];
    argv.extend_from_slice(args);
    let code = framescope::internals::cli::run(argv, Default::default(), &mut out, &mut err);
    (
        code,
        String::from_utf8(out).unwrap(),
        String::from_utf8(err).unwrap(),
    )
}

/// Whether `tool` runs here (`probe` is a harmless argument, e.g.
/// `--version`), for a test that needs it. A missing tool is `Err` when
/// `ci` (the CI runner, where `.ci/run` installs every tool) and
/// `Ok(false)` elsewhere.
pub fn tool_here(tool: &str, probe: &str, ci: bool) -> Result<bool, String> {
    let runs = std::process::Command::new(tool)
        .arg(probe)
        .stdin(std::process::Stdio::null())
        .output()
        .is_ok_and(|o| o.status.success());
    match (runs, ci) {
        (true, _) => Ok(true),
        (false, true) => Err(format!(
            "{tool} is not installed, and CI=true requires it (.ci/run installs it)"
        )),
        (false, false) => Ok(false),
    }
}

/// [`tool_here`] for the running test: fails under `CI=true` when `tool` is
/// missing; elsewhere prints `skipped: …` straight to the terminal (past the
/// test harness's capture, so the skip is seen) and returns false.
pub fn require_tool(tool: &str, probe: &str, what: &str) -> bool {
    use std::io::Write as _;
    let ci = std::env::var("CI").is_ok_and(|v| v == "true");
    match tool_here(tool, probe, ci) {
        Ok(true) => true,
        Ok(false) => {
            let _ = writeln!(
                std::io::stderr(),
                "skipped: {what}: {tool} is not installed (.ci/run installs it)"
            );
            false
        }
        Err(e) => panic!("{what}: {e}"),
    }
}

/// `text` with the built-in pack's short hash (as report headers show it)
/// replaced by `[hash]`: the hash changes with every rule edit, which a
/// snapshot of a report should not.
pub fn redact_hash(text: &str) -> String {
    let hash = PackSource::embedded().hash();
    text.replace(&format!("({})", &hash[..12]), "([hash])")
}
