//! Snapshot tests over `seeds/`: each seed's article profile (YAML), its actor
//! profiles, and its rendered `explain` text. A rule edit shows up here as a
//! snapshot diff, to be reviewed against the gold before it is accepted.

use framescope::analyze;
use framescope::internals::render::{explain, Style};
use framescope::internals::text::document::read_document;
use framescope::profile_of;
use framescope::RuleSet;

#[test]
fn seed_profiles() {
    let rules = RuleSet::embedded().unwrap();
    insta::glob!("../seeds", "*.txt", |path| {
        let doc = read_document(path).unwrap();
        let mut analysis = analyze(&rules, &doc);
        let hits = std::mem::take(&mut analysis.hits);
        let excluded = std::mem::take(&mut analysis.excluded);
        let mut p = profile_of(&rules, &doc, analysis);
        // Paths differ between machines; the file name is what identifies a seed.
        p.source = path.file_name().unwrap().to_string_lossy().into_owned();
        // Declaration lines move whenever a rule is added above them; the
        // file stays, so the snapshot still says where a match came from.
        // (The explain snapshot keeps the lines, where a person reads them.)
        insta::assert_yaml_snapshot!("profile", p, {
            ".rules.hash" => "[hash]",
            ".**.origin" => insta::dynamic_redaction(without_line),
        });
        insta::assert_yaml_snapshot!("actors", p.actors);
        // The pack's hash changes with every rule edit; the header shows it.
        let short = &rules.info().hash[..12];
        insta::assert_snapshot!(
            "explain",
            explain(&rules, &p, &hits, &excluded, &doc.text, Style::Plain).replacen(
                &format!("({short})"),
                "([hash])",
                1
            )
        );
    });
}

/// `file:line` without its line.
fn without_line(value: insta::internals::Content, _: insta::internals::ContentPath<'_>) -> String {
    let origin = value.as_str().unwrap_or_default();
    origin
        .rsplit_once(':')
        .map_or(origin, |(file, _)| file)
        .to_string()
}

/// Every stored snapshot belongs to a seed that still exists, so a removed or
/// renamed seed cannot leave a stale snapshot behind.
#[test]
fn no_orphan_snapshots() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = root.join("tests/snapshots");
    for entry in std::fs::read_dir(&dir).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        let Some(rest) = name.strip_prefix("snapshots__") else {
            continue;
        };
        let seed = rest
            .split_once('@')
            .map(|(_, s)| s.trim_end_matches(".snap"))
            .unwrap_or("");
        assert!(
            root.join("seeds").join(seed).is_file(),
            "orphan snapshot {name}: no seeds/{seed}"
        );
    }
}
