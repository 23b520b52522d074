//! `kwic`: a pattern matches as the matcher matches rules (normalisation,
//! word boundaries, possessives, wildcards), rules and actors are read from
//! the analysis, and every output format carries the same matches.

mod common;

use framescope::internals::tools::kwic::{Kwic, Query, QueryKind};
use framescope::{Document, PackSource, RuleSet};

fn pack() -> (PackSource, RuleSet) {
    let source = PackSource::from_files(common::files(&[]));
    let rules = RuleSet::from_source(&source).unwrap();
    (source, rules)
}

fn doc(text: &str) -> Document {
    Document {
        id: "d".into(),
        text: text.into(),
        ..Document::default()
    }
}

/// The matched texts of `query` in `text`.
fn matches(query: &str, kind: QueryKind, text: &str) -> Vec<String> {
    let (source, rules) = pack();
    let k = Kwic::new(&source, &rules, query, kind).unwrap();
    k.lines(&doc(text)).into_iter().map(|l| l.matched).collect()
}

struct Case {
    name: &'static str,
    pattern: &'static str,
    text: &'static str,
    want: &'static [&'static str],
}

const PATTERNS: &[Case] = &[
    Case {
        name: "case folds, hyphen equals space and non-breaking hyphen",
        pattern: "kim jong-un",
        text: "KIM JONG UN left. Kim Jong\u{2011}un came back. Kim Jong–un too.",
        want: &["KIM JONG UN", "Kim Jong\u{2011}un", "Kim Jong–un"],
    },
    Case {
        name: "possessives match their base, whole words only",
        pattern: "china",
        text: "China’s envoy and CHINA's navy. Chinatown and Indochina are not it.",
        want: &["China", "CHINA"],
    },
    Case {
        name: "no match inside a longer word",
        pattern: "arm",
        text: "The harmony of arms. An arm.",
        want: &["arm"],
    },
    Case {
        name: "wildcard extends to the end of the word",
        pattern: "alli*",
        text: "Allies and the alliance, not rallies.",
        want: &["Allies", "alliance"],
    },
    Case {
        name: "curly and straight apostrophes are equal",
        pattern: "workers' party",
        text: "The Workers’ Party met.",
        want: &["Workers’ Party"],
    },
    Case {
        name: "non-ASCII case folding and composed forms",
        pattern: "états",
        text: "Les ÉTATS-UNIS et les E\u{301}tats voisins.",
        want: &["ÉTATS", "E\u{301}tats"],
    },
    Case {
        name: "dots inside a pattern",
        pattern: "U.S.",
        text: "The U.S. and the US.",
        want: &["U.S."],
    },
];

#[test]
fn patterns_match_as_the_matcher_matches() {
    for c in PATTERNS {
        assert_eq!(
            matches(c.pattern, QueryKind::Pattern, c.text),
            c.want,
            "{}",
            c.name
        );
    }
}

#[test]
fn a_pattern_that_is_a_rule_matches_where_the_rule_does_but_for_exclusions() {
    // alliance:alli* excludes "alligator farm"; the bare pattern has no
    // exclusions, so it also finds "alligator" there. Elsewhere they agree.
    let text = "Allies met. The alligator farm closed. An alliance formed.";
    assert_eq!(
        matches("alliance:alli*", QueryKind::Auto, text),
        ["Allies", "alliance"]
    );
    assert_eq!(
        matches("alli*", QueryKind::Auto, text),
        ["Allies", "alligator", "alliance"]
    );
}

#[test]
fn actors_match_their_aliases_members_and_possessives() {
    let text =
        "North Korean troops marched. Kim's speech followed. Pyongyang’s envoy and China met.";
    assert_eq!(
        matches("PRK", QueryKind::Auto, text),
        ["North Korean", "Kim", "Pyongyang"]
    );
    assert_eq!(matches("kim-jong-un", QueryKind::Auto, text), ["Kim"]);
    // The pattern "Kim" is not the actor: it matches the word only.
    assert_eq!(matches("Kim", QueryKind::Pattern, text), ["Kim"]);
}

#[test]
fn queries_resolve_rule_then_actor_then_pattern() {
    let (source, rules) = pack();
    let kind = |q: &str, k: QueryKind| Kwic::new(&source, &rules, q, k).map(|k| k.query().clone());
    assert_eq!(
        kind("military:weapons", QueryKind::Auto).unwrap(),
        Query::FrameRule("military:weapons".into())
    );
    assert_eq!(
        kind("PRK", QueryKind::Auto).unwrap(),
        Query::Actor("PRK".into())
    );
    assert_eq!(
        kind("weapons", QueryKind::Auto).unwrap(),
        Query::Pattern("weapons".into())
    );
    assert_eq!(
        kind("PRK", QueryKind::Pattern).unwrap(),
        Query::Pattern("PRK".into())
    );
    assert!(matches!(
        kind("PRK:Pyongyang", QueryKind::Auto).unwrap(),
        Query::AliasRule(_, _)
    ));
    let err = kind("military:nope", QueryKind::Rule).err().unwrap();
    assert!(err.to_string().contains("no such rule"), "{err}");
    let err = kind("XYZ", QueryKind::Actor).err().unwrap();
    assert!(err.to_string().contains("no such actor"), "{err}");
    let err = kind("*war", QueryKind::Auto).err().unwrap();
    assert!(err.to_string().starts_with("pattern `*war`"), "{err}");
}

#[test]
fn lines_carry_context_rules_actors_and_frames() {
    let (source, rules) = pack();
    let k = Kwic::new(&source, &rules, "weapons", QueryKind::Auto).unwrap();
    let mut d = doc("Calm day. North Korea showed nuclear weapons at the parade.");
    d.meta.insert("outlet".into(), "Daily".into());
    let lines = k.lines(&d);
    assert_eq!(lines.len(), 1);
    let l = &lines[0];
    assert_eq!(l.sentence, 1);
    assert_eq!(l.left, "North Korea showed nuclear ");
    assert_eq!(l.matched, "weapons");
    assert_eq!(l.right, " at the parade.");
    assert_eq!(l.span.of(&d.text), "weapons");
    // Leftmost-longest: the rule that counts here is "nuclear weapons".
    assert_eq!(l.rules, ["military:nuclear weapons"]);
    assert_eq!(l.frames, ["military"]);
    assert_eq!(l.meta["outlet"], "Daily");
}

/// A small corpus: three articles, two outlets.
fn corpus(dir: &std::path::Path) -> std::path::PathBuf {
    let lines = [
        r#"{"id": "a1", "title": "Parade day", "outlet": "Daily", "date": "2024-05-01", "text": "Weapons rolled by. More weapons, and weapons again."}"#,
        r#"{"id": "a2", "title": "Quiet", "outlet": "Herald", "date": "2024-05-02", "text": "Nothing to report."}"#,
        r#"{"id": "a3", "title": "Arms", "outlet": "Herald", "date": "2024-06-01", "text": "The \"weapons\" of words."}"#,
    ];
    let path = dir.join("corpus.jsonl");
    std::fs::write(&path, lines.join("\n")).unwrap();
    path
}

fn temp(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("framescope-kwic-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn output_formats_agree() {
    let dir = temp("formats");
    let pack = common::write_pack("kwic-formats", &[]);
    let input = corpus(&dir);
    let (p, i) = (pack.to_str().unwrap(), input.to_str().unwrap());
    let kwic = |extra: &[&str]| {
        let mut args = vec!["--rules", p, "kwic", "weapons", i, "-q", "--color", "never"];
        args.extend_from_slice(extra);
        let (code, out, err) = common::run(&args);
        assert_eq!(code, 0, "{err}");
        out
    };

    let table = kwic(&[]);
    let rows: Vec<&str> = table.lines().collect();
    assert!(
        rows[0].starts_with("pattern `weapons` · rules fixture@0.1.0"),
        "{table}"
    );
    assert_eq!(rows.len(), 1 + 4 + 1, "{table}");
    assert!(
        rows[1].starts_with("a1") && rows[1].contains("Daily") && rows[1].contains("2024-05-01")
    );
    assert!(
        rows[1].contains("[Weapons] rolled by.") && rows[1].ends_with("military:weapons  military")
    );
    assert!(rows[4].contains("The \"[weapons]\" of words."), "{table}");
    assert_eq!(rows[5], "4 matches in 2 of 3 documents");

    let jsonl = kwic(&["--format", "jsonl"]);
    let objects: Vec<serde_json::Value> = jsonl
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(objects.len(), 4);
    assert_eq!(objects[0]["id"], "a1");
    assert_eq!(objects[0]["match"], "Weapons");
    assert_eq!(objects[0]["meta"]["outlet"], "Daily");
    assert_eq!(objects[0]["rules"], serde_json::json!(["military:weapons"]));
    assert_eq!(objects[3]["id"], "a3");

    let csv_text = kwic(&["--format", "csv"]);
    let mut r = csv::Reader::from_reader(csv_text.as_bytes());
    let header: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(
        header,
        [
            "id", "title", "outlet", "date", "sentence", "start", "end", "left", "match", "right",
            "rules", "actors", "frames"
        ]
    );
    let records: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), 4);
    assert_eq!(&records[3][0], "a3");
    assert_eq!(&records[3][7], "The \"");
    assert_eq!(&records[3][8], "weapons");

    let by = kwic(&["--by", "outlet"]);
    assert!(
        by.contains("Daily                                 3         1          1"),
        "{by}"
    );
    assert!(
        by.contains("Herald                                1         1          2"),
        "{by}"
    );
    let by_csv = kwic(&["--by", "outlet", "--format", "csv"]);
    assert_eq!(
        by_csv,
        "group,matches,articles,documents\nDaily,3,1,1\nHerald,1,1,2\n"
    );
    let by_month = kwic(&["--by", "month", "--format", "jsonl"]);
    assert_eq!(by_month.lines().count(), 2, "{by_month}");
    assert!(by_month.starts_with(r#"{"group":"2024-05","matches":3,"articles":1,"documents":2}"#));

    let top = kwic(&["--top-articles"]);
    let top_rows: Vec<&str> = top.lines().collect();
    assert!(
        top_rows[0].contains("4 matches in 2 of 3 documents"),
        "{top}"
    );
    assert!(
        top_rows[2].contains("a1")
            && top_rows[2].contains(" 75.0%")
            && top_rows[2].contains("Parade day")
    );
    assert!(top_rows[3].contains("a3") && top_rows[3].contains("100.0%"));
    let top_json = kwic(&["--top-articles", "1", "--format", "jsonl"]);
    let first: serde_json::Value = serde_json::from_str(top_json.trim()).unwrap();
    assert_eq!(first["id"], "a1");
    assert_eq!(first["matches"], 3);
    assert_eq!(first["share"], 0.75);

    let (code, _, err) = common::run(&[
        "--rules",
        p,
        "kwic",
        "weapons",
        i,
        "--by",
        "outlet",
        "--top-articles",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot be used with"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_dir_all(&pack);
}

/// `../shared` beside the project (or `$FRAMESCOPE_SHARED`): data that is
/// not part of the project, for the ignored tests.
fn shared(path: &str) -> Option<std::path::PathBuf> {
    let root = std::env::var_os("FRAMESCOPE_SHARED").map_or_else(
        || std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"),
        std::path::PathBuf::from,
    );
    let path = root.join(path);
    if path.is_file() {
        Some(path)
    } else {
        println!("{} is absent: nothing checked", path.display());
        None
    }
}

#[test]
#[ignore = "reads ../shared/corpus/dev-ir.jsonl (or $FRAMESCOPE_SHARED), which is not part of the project"]
fn kwic_names_the_boston_bombing_articles_on_dev_ir() {
    // The case of issue 10: CNN's military z through "bombers".
    let Some(path) = shared("corpus/dev-ir.jsonl") else {
        return;
    };
    let (code, out, err) = common::run(&[
        "kwic",
        "bombers",
        path.to_str().unwrap(),
        "--top-articles",
        "3",
        "-q",
    ]);
    assert_eq!(code, 0, "{err}");
    for title in [
        "Bombing suspect unable to speak",
        "Boston bomb suspect: My brother was the mastermind",
        "Boston bombing suspect communicating in writing",
    ] {
        assert!(out.contains(title), "{out}");
    }
}
