//! `rules import`: LIWC and quanteda dictionaries become packs that load,
//! lint without errors and classify; what cannot be converted is reported
//! with its line.

use std::path::{Path, PathBuf};

use framescope::internals::engine::analysis::analyze_text;
use framescope::internals::pack::import::{import, write_pack, DictFormat, ImportNote, Imported};
use framescope::internals::pack::lint::{lint, Level};
use framescope::internals::pack::ruleset::{self, actor_count, frames, modifiers};
use framescope::{Error, PackSource, RuleSet};

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name);
    std::fs::read_to_string(path).unwrap()
}

fn notes(imported: &Imported) -> Vec<(usize, &str)> {
    imported
        .notes
        .iter()
        .map(|n| (n.at.line.unwrap(), n.message.as_str()))
        .collect()
}

fn file<'a>(imported: &'a Imported, path: &str) -> &'a str {
    imported
        .files
        .iter()
        .find(|(p, _)| p == path)
        .map(|(_, t)| t.as_str())
        .unwrap_or_else(|| panic!("no {path} in {:?}", paths(imported)))
}

fn paths(imported: &Imported) -> Vec<&str> {
    imported.files.iter().map(|(p, _)| p.as_str()).collect()
}

fn compile(imported: &Imported) -> RuleSet {
    RuleSet::from_source(&PackSource::from_files(imported.files.clone()))
        .unwrap_or_else(|e| panic!("imported pack does not load: {e}"))
}

/// Lint findings as `code path`: errors must be absent; warnings are listed.
fn lint_findings(imported: &Imported) -> Vec<String> {
    let findings = lint(&PackSource::from_files(imported.files.clone()));
    for f in &findings {
        assert_eq!(f.level, Level::Warning, "lint error in imported pack: {f}");
    }
    findings
        .iter()
        .map(|f| format!("{} {}", f.code, f.at.file))
        .collect()
}

/// The error of an import that must fail, as it is printed.
fn document_error(result: Result<Imported, Error>) -> String {
    match result {
        Err(e @ (Error::Input { .. } | Error::Document { .. })) => e.to_string(),
        Err(e) => panic!("expected an input error, got {e}"),
        Ok(i) => panic!("expected an error, got files {:?}", paths(&i)),
    }
}

/// A fresh directory path under the system temp dir (not created).
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("framescope-import-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn all_files(root: &Path, dir: &Path, out: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            all_files(root, &path, out);
        } else {
            let rel: Vec<_> = path
                .strip_prefix(root)
                .unwrap()
                .iter()
                .map(|c| c.to_string_lossy())
                .collect();
            out.push(rel.join("/"));
        }
    }
}

#[test]
fn liwc_fixture_reports_every_unsupported_construct_with_its_line() {
    let imported = import(
        DictFormat::Liwc,
        "tests/fixtures/import/small.dic",
        &fixture("small.dic"),
    )
    .unwrap();
    assert_eq!(
        notes(&imported),
        [
            (4, "category name `Economy & Trade` is not a frame id (lower-case letters, digits, `-`, `_`): it becomes frame `economy-trade`"),
            (5, "category `empty` has no entries: no frame is made for it"),
            (9, "`allies` is already matched by the wildcard `alli*` (line 8) in category `alliance`: dropped as redundant"),
            (16, "`deal`: LIWC conditional category `(1 2)3/2` (categories that depend on the neighbouring words) is not supported: ignored, only the word's plain categories are kept"),
            (17, "`ec*nomy`: a `*` before the end (framescope wildcards only extend the end of a word) is not supported: the entry is skipped"),
            (18, "`war` refers to category 9, which the header does not declare: that reference is ignored"),
            (19, "`ally` is listed again (first on line 7): its categories are merged"),
            (20, "`kind`: LIWC conditional category `<of>2` (categories that depend on the neighbouring words) is not supported: ignored, only the word's plain categories are kept"),
            (20, "`kind` has no category it can be filed under: the entry is dropped"),
        ]
    );
    assert_eq!(
        imported.notes[0].to_string(),
        format!("line 4: {}", imported.notes[0].message)
    );
}

#[test]
fn liwc_fixture_becomes_a_pack_that_loads_lints_and_classifies() {
    let imported = import(
        DictFormat::Liwc,
        "tests/fixtures/import/small.dic",
        &fixture("small.dic"),
    )
    .unwrap();
    assert_eq!(
        paths(&imported),
        [
            "actors.toml",
            "frames/alliance.toml",
            "frames/economy-trade.toml",
            "frames/threat.toml",
            "modifiers.toml",
            "pack.toml",
        ]
    );
    assert_eq!(
        file(&imported, "frames/threat.toml"),
        "# Made by `framescope rules import`. Add [[test]] examples that must and\n\
         # must not match (see rules/README.md) before relying on this frame.\n\
         label = \"threat\"\n\
         description = \"Imported from small.dic (LIWC dictionary), LIWC category 2 (line 3).\"\n\
         color = \"green\"\n\
         \n\
         terms = [\n  \
           { pattern = \"missile*\", weight = 1.0 },\n  \
           { pattern = \"nuclear weapons\", weight = 1.0 },\n  \
           { pattern = \"sanction*\", weight = 1.0 },\n  \
           { pattern = \"threat*\", weight = 1.0 },\n  \
           { pattern = \"war\", weight = 1.0 },\n\
         ]\n"
    );
    let economy = file(&imported, "frames/economy-trade.toml");
    assert!(
        economy.contains("label = \"Economy & Trade\"\n"),
        "{economy}"
    );
    assert!(
        economy.contains("{ pattern = \"sanction*\", weight = 1.0 },\n  { pattern = \"tariff*\""),
        "{economy}"
    );
    assert!(
        economy.contains("{ pattern = \"deal\", weight = 1.0 }"),
        "{economy}"
    );
    let pack = file(&imported, "pack.toml");
    assert!(
        pack.contains("name = \"small\"\nversion = \"0.1.0\"\nschema = 1\n"),
        "{pack}"
    );
    assert!(
        pack.contains("Imported from small.dic (LIWC dictionary)"),
        "{pack}"
    );
    assert_eq!(
        file(&imported, "actors.toml"),
        "# no actors: dictionaries name no actors\n"
    );

    let rules = compile(&imported);
    assert_eq!(rules.info().label(), "small@0.1.0");
    let ids: Vec<&str> = frames(&rules).iter().map(|f| f.id.as_str()).collect();
    assert_eq!(ids, ["alliance", "economy-trade", "threat"]);
    assert_eq!(actor_count(&rules), 0);
    // The modifiers are the default pack's (VADER constants).
    let default = RuleSet::embedded().unwrap();
    assert_eq!(
        format!("{:?}", modifiers(&rules)),
        format!("{:?}", modifiers(&default))
    );

    // Lint: no errors; frames carry no tests yet, and `sanction*` is in two
    // categories on purpose.
    assert_eq!(
        lint_findings(&imported),
        [
            "FS010 frames/alliance.toml",
            "FS010 frames/economy-trade.toml",
            "FS010 frames/threat.toml",
            "FS002 frames/threat.toml",
        ]
    );

    let text = "The alliance faced missile threats and new sanctions over trade. \
                Both sides formed a united front.";
    let sentences = analyze_text(&rules, text, None).sentences;
    let named = sentences[0].frames.named(&rules);
    let frames: Vec<&str> = named.keys().map(String::as_str).collect();
    assert_eq!(frames, ["alliance", "economy-trade", "threat"]);
    let matched: Vec<(&str, &str)> = sentences[0]
        .contributions
        .iter()
        .map(|c| (rules.rule_label(c.rule), c.span.of(text)))
        .collect();
    assert!(
        matched.contains(&("alliance:alli*", "alliance")),
        "{matched:?}"
    );
    assert!(
        matched.contains(&("threat:missile*", "missile")),
        "{matched:?}"
    );
    assert!(
        matched.contains(&("threat:threat*", "threats")),
        "{matched:?}"
    );
    assert!(
        matched.contains(&("threat:sanction*", "sanctions")),
        "{matched:?}"
    );
    assert!(
        matched.contains(&("economy-trade:sanction*", "sanctions")),
        "{matched:?}"
    );
    assert!(
        matched.contains(&("economy-trade:trade", "trade")),
        "{matched:?}"
    );
    // The multiword entry is a phrase.
    let second: Vec<&str> = sentences[1]
        .contributions
        .iter()
        .map(|c| c.span.of(text))
        .collect();
    assert_eq!(second, ["united front"]);
    // Dropped entries do not match.
    let none = analyze_text(&rules, "The economy is kind.", None).sentences;
    assert!(
        none[0].frames.is_empty(),
        "{:?}",
        none[0].frames.named(&rules)
    );
}

#[test]
fn quanteda_fixture_reports_every_unsupported_construct_with_its_line() {
    let imported = import(DictFormat::Quanteda, "small.yml", &fixture("small.yml")).unwrap();
    assert_eq!(
        notes(&imported),
        [
            (6, "`*export`: a leading `*` (framescope wildcards only extend the end of a word) is not supported: the entry is skipped"),
            (7, "`interest rate?`: the glob `?` (any one character) is not supported: the entry is skipped"),
            (8, "category name `Security Threat` is not a frame id (lower-case letters, digits, `-`, `_`): it becomes frame `security-threat`"),
            (11, "`42` is a number, not a string pattern: skipped (quote a number to import it as a word)"),
            (16, "`Talks` is the same pattern as `talks` (line 15) once case, hyphens and quotes are normalised: kept once in category `diplomacy`"),
            (17, "`un*ted`: a `*` before the end (framescope wildcards only extend the end of a word) is not supported: the entry is skipped"),
            (18, "category `empty` has no entries: no frame is made for it"),
        ]
    );
}

#[test]
fn quanteda_fixture_becomes_a_pack_that_loads_lints_and_classifies() {
    let imported = import(DictFormat::Quanteda, "small.yml", &fixture("small.yml")).unwrap();
    assert_eq!(
        paths(&imported),
        [
            "actors.toml",
            "frames/diplomacy.toml",
            "frames/economy-finance.toml",
            "frames/economy-trade.toml",
            "frames/security-threat.toml",
            "modifiers.toml",
            "pack.toml",
        ]
    );
    let trade = file(&imported, "frames/economy-trade.toml");
    assert!(trade.contains("label = \"economy.trade\"\n"), "{trade}");
    assert!(
        trade.contains("terms = [\n  { pattern = \"free trade\", weight = 1.0 },\n  { pattern = \"tariff*\", weight = 1.0 },\n]\n"),
        "{trade}"
    );
    assert!(file(&imported, "pack.toml").contains("Imported from small.yml (quanteda dictionary)"));

    let rules = compile(&imported);
    let ids: Vec<&str> = frames(&rules).iter().map(|f| f.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "diplomacy",
            "economy-finance",
            "economy-trade",
            "security-threat"
        ]
    );
    assert_eq!(
        lint_findings(&imported),
        [
            "FS010 frames/diplomacy.toml",
            "FS010 frames/economy-finance.toml",
            "FS010 frames/economy-trade.toml",
            "FS010 frames/security-threat.toml",
        ]
    );

    let text = "New tariffs threaten free trade, and missiles loom over the summit talks.";
    let sentences = analyze_text(&rules, text, None).sentences;
    let named = sentences[0].frames.named(&rules);
    let frames: Vec<&str> = named.keys().map(String::as_str).collect();
    assert_eq!(frames, ["diplomacy", "economy-trade", "security-threat"]);
    let matched: Vec<(&str, &str)> = sentences[0]
        .contributions
        .iter()
        .map(|c| (rules.rule_label(c.rule), c.span.of(text)))
        .collect();
    assert!(
        matched.contains(&("economy-trade:tariff*", "tariffs")),
        "{matched:?}"
    );
    assert!(
        matched.contains(&("economy-trade:free trade", "free trade")),
        "{matched:?}"
    );
    assert!(
        matched.contains(&("security-threat:missile*", "missiles")),
        "{matched:?}"
    );
}

#[test]
fn strings_are_escaped_as_toml_and_round_trip() {
    let yaml =
        "'He said \"no\" \\ twice':\n  - 'a \"quoted\" word'\n  - back\\slash\n  - États-Unis*\n";
    let imported = import(DictFormat::Quanteda, "odd \"name\".yml", yaml).unwrap();
    let rules = compile(&imported);
    assert_eq!(frames(&rules)[0].id, "he-said-no-twice");
    assert_eq!(frames(&rules)[0].label, "He said \"no\" \\ twice");
    let patterns: Vec<&str> = ruleset::rules(&rules)
        .iter()
        .filter(|r| {
            matches!(
                r.target,
                framescope::internals::pack::ruleset::Target::Frame { .. }
            )
        })
        .map(|r| r.pattern.as_str())
        .collect();
    assert_eq!(
        patterns,
        ["a \"quoted\" word", "back\\slash", "États-Unis*"]
    );
    let pack: toml::Table = file(&imported, "pack.toml").parse().unwrap();
    assert_eq!(pack["name"].as_str(), Some("odd-name"));
    assert!(pack["description"]
        .as_str()
        .unwrap()
        .contains("odd \"name\".yml"));
    let text = "The États-Unisiens came.";
    let sentences = analyze_text(&rules, text, None).sentences;
    let span = sentences[0].contributions[0].span;
    assert_eq!(&text[span.start..span.end], "États-Unisiens");
}

#[test]
fn category_names_become_ids_and_collisions_are_renamed() {
    let yaml =
        "Trade: [a]\ntrade: [b]\nÉconomie: [c]\n'!!!': [d]\nnested:\n  Deep Key: [e]\n  other: f\n";
    let imported = import(DictFormat::Quanteda, "ids.yml", yaml).unwrap();
    assert_eq!(
        notes(&imported),
        [
            (1, "category name `Trade` is not a frame id (lower-case letters, digits, `-`, `_`): it becomes frame `trade`"),
            (2, "category `trade` collides with `Trade` (line 1) as frame `trade`: it becomes frame `trade-2`"),
            (3, "category name `Économie` is not a frame id (lower-case letters, digits, `-`, `_`): it becomes frame `economie`"),
            (4, "category name `!!!` is not a frame id (lower-case letters, digits, `-`, `_`): it becomes frame `category`"),
            (6, "category name `nested.Deep Key` is not a frame id (lower-case letters, digits, `-`, `_`): it becomes frame `nested-deep-key`"),
        ]
    );
    let rules = compile(&imported);
    let ids: Vec<&str> = frames(&rules).iter().map(|f| f.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "category",
            "economie",
            "nested-deep-key",
            "nested-other",
            "trade",
            "trade-2"
        ]
    );
    // A single string is a list of one.
    assert!(
        file(&imported, "frames/nested-other.toml").contains("{ pattern = \"f\", weight = 1.0 }")
    );
}

#[test]
fn liwc_lines_may_use_spaces_and_windows_line_ends() {
    let dic = "%\r\n01 pos emo\r\n2 neg\r\n%\r\ngood 1\r\nvery bad 2 01\r\nfine\t1\r\n";
    let imported = import(DictFormat::Liwc, "crlf.dic", dic).unwrap();
    assert_eq!(
        notes(&imported),
        [(2, "category name `pos emo` is not a frame id (lower-case letters, digits, `-`, `_`): it becomes frame `pos-emo`")]
    );
    let rules = compile(&imported);
    let frames = analyze_text(&rules, "A very bad day.", None).sentences[0]
        .frames
        .named(&rules);
    assert_eq!(frames.keys().collect::<Vec<_>>(), ["neg", "pos-emo"]);
}

#[test]
fn unparseable_dictionaries_are_errors_with_line_and_column() {
    let liwc = |text: &str| document_error(import(DictFormat::Liwc, "bad.dic", text));
    assert_eq!(
        liwc("word\t1\n"),
        "bad.dic:1:1: expected `%` opening the category header: a LIWC .dic starts with a `%` line, its numbered categories (`NUMBER<TAB>NAME`) and another `%` line"
    );
    assert_eq!(
        liwc("\n%\n1\tone\nword\t1\n"),
        "bad.dic:4:1: expected `NUMBER<TAB>NAME` in the category header, found `word\t1`; is the closing `%` line missing?"
    );
    assert_eq!(
        liwc("%\n1\tone\n"),
        "bad.dic:1:1: the category header opened here is never closed by a `%` line"
    );
    assert_eq!(
        liwc("%\n  7\n%\n"),
        "bad.dic:2:3: category 7 has no name: write `7<TAB>NAME`"
    );
    assert!(liwc("").starts_with("bad.dic:1: empty dictionary"));
    assert!(liwc("%\n1\tone\n%\nx*y\t1\n")
        .starts_with("bad.dic: no category has an entry that can be imported (2 notes"));

    let yaml = |text: &str| document_error(import(DictFormat::Quanteda, "bad.yml", text));
    assert_eq!(
        yaml("economy:\n  - tariff*\n  - [free\n"),
        "bad.yml:4:1: invalid YAML: while parsing a flow sequence, expected ',' or ']'"
    );
    assert_eq!(
        yaml("a: 'unclosed\n"),
        "bad.yml:1:4: invalid YAML: while scanning a quoted scalar, found unexpected end of stream"
    );
    assert_eq!(
        yaml("- tariff*\n- trade\n"),
        "bad.yml:1:1: a quanteda dictionary is a YAML mapping of category names to lists of patterns"
    );
    assert!(yaml("# nothing\n").starts_with("bad.yml:1: empty dictionary"));
}

#[test]
fn quanteda_odd_values_are_notes() {
    let yaml =
        "a:\n  - true\n  - [x, y]\n  - {k: v}\n  - '*'\n  - united *\n  - ok\nb: ~\n---\nc: [z]\n";
    let imported = import(DictFormat::Quanteda, "odd.yml", yaml).unwrap();
    assert_eq!(
        notes(&imported),
        [
            (2, "`true` is a boolean, not a string pattern: skipped (quote a number to import it as a word)"),
            (3, "a list inside a category's list, not a string pattern: skipped (quote a number to import it as a word)"),
            (4, "a mapping inside a category's list, not a string pattern: skipped (quote a number to import it as a word)"),
            (5, "`*`: a `*` that does not follow a letter or digit (a whole-word wildcard) is not supported: the entry is skipped"),
            (6, "`united *`: a `*` that does not follow a letter or digit (a whole-word wildcard) is not supported: the entry is skipped"),
            (8, "category `b` has no entries: no frame is made for it"),
            (9, "a second YAML document: only the first is imported"),
        ]
    );
    assert_eq!(paths(&imported)[1], "frames/a.toml");
    compile(&imported);
}

#[test]
fn dict_format_parses_its_names() {
    assert_eq!("liwc".parse::<DictFormat>(), Ok(DictFormat::Liwc));
    assert_eq!("Quanteda".parse::<DictFormat>(), Ok(DictFormat::Quanteda));
    assert!("csv"
        .parse::<DictFormat>()
        .unwrap_err()
        .contains("use `liwc` or `quanteda`"));
}

#[test]
fn write_pack_writes_a_loadable_pack_and_never_overwrites() {
    let imported = import(DictFormat::Liwc, "small.dic", &fixture("small.dic")).unwrap();
    let dir = scratch("write");
    write_pack(&dir, &imported.files).unwrap();
    let mut written = Vec::new();
    all_files(&dir, &dir, &mut written);
    written.sort();
    // Every file, and no temporary left behind.
    assert_eq!(written, paths(&imported));
    for (path, text) in &imported.files {
        assert_eq!(&std::fs::read_to_string(dir.join(path)).unwrap(), text);
    }
    let rules = RuleSet::from_dir(&dir).unwrap();
    assert_eq!(frames(&rules).len(), 3);

    // A second import into the same directory is refused and changes nothing.
    let before = std::fs::read_to_string(dir.join("pack.toml")).unwrap();
    let other = vec![("pack.toml".to_string(), "name = \"x\"\n".to_string())];
    match write_pack(&dir, &other) {
        Err(Error::Document { path, message }) => {
            assert_eq!(path, dir.display().to_string());
            assert!(message.starts_with("is not empty"), "{message}");
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert_eq!(
        std::fs::read_to_string(dir.join("pack.toml")).unwrap(),
        before
    );

    // An existing empty directory is fine; a file or an escaping path is not.
    let empty = scratch("empty");
    std::fs::create_dir_all(&empty).unwrap();
    write_pack(&empty, &imported.files).unwrap();
    assert!(RuleSet::from_dir(&empty).is_ok());
    let target = scratch("file");
    std::fs::write(&target, "x").unwrap();
    assert!(matches!(
        write_pack(&target, &imported.files),
        Err(Error::Document { .. })
    ));
    let escape = scratch("escape");
    let bad = vec![("../evil.toml".to_string(), String::new())];
    assert!(matches!(
        write_pack(&escape, &bad),
        Err(Error::Document { .. })
    ));
    assert!(!escape.exists());

    for d in [&dir, &empty] {
        std::fs::remove_dir_all(d).unwrap();
    }
    std::fs::remove_file(&target).unwrap();
}

#[test]
fn notes_display_their_line() {
    let n = ImportNote {
        at: framescope::Location::line("d.dic", 3, None),
        message: "m".into(),
    };
    assert_eq!(n.to_string(), "line 3: m");
    assert_eq!(n.at.to_string(), "d.dic:3");
}
