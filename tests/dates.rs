//! Dates and front matter as people keep them, through the CLI: every
//! accepted date form puts Ban Ki-moon (the shipped pack: Secretary-General
//! of the UN 2007–2016, South Korean otherwise) with the UN in 2010; a date
//! that cannot be read is a warning naming file, line, field and value
//! (once per value, counted at the end) and an error under --strict;
//! Markdown with YAML front matter is read like TOML front matter; and
//! `compare --by month|year` groups undated articles as "(no date)".

mod common;

use common::TempDir;

use std::path::Path;

use common::run;
use serde_json::Value;

const BAN: &str = "Ban Ki-moon urged restraint.";

/// JSON Lines of Ban's sentence, one line per `(field, date)`.
fn jsonl(dates: &[(&str, &str)]) -> String {
    dates
        .iter()
        .map(|(field, date)| {
            let mut line = serde_json::json!({ "text": BAN });
            line[*field] = Value::String(date.to_string());
            format!("{line}\n")
        })
        .collect()
}

/// `classify --format jsonl` of `args`: exit code, profiles, stderr.
fn classify(args: &[&str]) -> (u8, Vec<Value>, String) {
    let mut argv = vec!["classify", "--format", "jsonl", "--quiet"];
    argv.extend_from_slice(args);
    let (code, out, err) = run(&argv);
    let profiles = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    (code, profiles, err)
}

/// The rolled-up actors of a profile.
fn actors(p: &Value) -> Vec<String> {
    p["actors"].as_object().unwrap().keys().cloned().collect()
}

/// Every form the README lists, with the date the profile records.
const ACCEPTED: &[(&str, &str)] = &[
    ("2010", "2010"),
    ("2010-05", "2010-05"),
    ("2010-05-01", "2010-05-01"),
    ("2010-05-01T12:00:00Z", "2010-05-01"),
    ("2010-05-01T23:30:00-05:00", "2010-05-01"),
    ("2010-05-01 08:00:00+09:00", "2010-05-01"),
    ("Sat, 01 May 2010 12:00:00 +0000", "2010-05-01"),
    ("May 1, 2010", "2010-05-01"),
    ("1 May 2010", "2010-05-01"),
    ("1 May, 2010", "2010-05-01"),
    ("Saturday, May 1, 2010", "2010-05-01"),
    ("Sept. 30, 2010", "2010-09-30"),
    ("May 1st, 2010", "2010-05-01"),
    ("May 2010", "2010-05"),
];

#[test]
fn ban_ki_moon_is_with_the_un_in_2010_in_every_accepted_form() {
    let dir = TempDir::new("forms");
    let lines: Vec<(&str, &str)> = ACCEPTED.iter().map(|(d, _)| ("date", *d)).collect();
    let path = dir.write("ban.jsonl", &jsonl(&lines));
    let (code, profiles, err) = classify(&[&path]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(err, "", "every form is read without a warning");
    assert_eq!(profiles.len(), ACCEPTED.len());
    for (p, (written, used)) in profiles.iter().zip(ACCEPTED) {
        assert_eq!(actors(p), ["UN"], "{written}");
        assert_eq!(p["date"], *used, "{written}");
        // The date as written stays in the metadata.
        assert_eq!(p["meta"]["date"], *written);
    }
}

#[test]
fn a_date_that_cannot_be_read_is_warned_once_per_value_and_counted() {
    let dir = TempDir::new("garbage");
    let path = dir.write(
        "ban.jsonl",
        &jsonl(&[
            ("date", "garbage"),
            ("date", "2010-05-01"),
            ("date", "garbage"),
            ("date", "01/05/2010"),
            ("date", "garbage"),
        ]),
    );
    let (code, profiles, err) = classify(&[&path]);
    assert_eq!(code, 0, "{err}");
    let found: Vec<(Vec<String>, Value)> = profiles
        .iter()
        .map(|p| (actors(p), p["date"].clone()))
        .collect();
    assert_eq!(
        found,
        [
            (vec!["KOR".to_string()], Value::Null),
            (vec!["UN".to_string()], "2010-05-01".into()),
            (vec!["KOR".to_string()], Value::Null),
            (vec!["KOR".to_string()], Value::Null),
            (vec!["KOR".to_string()], Value::Null),
        ]
    );
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(
        lines,
        [
            format!(
                "warning: {path}:1: field `date`: `garbage` is not a date framescope reads \
                 (ISO 8601 such as 2010-05-01, RFC 2822, May 1, 2010 or 1 May 2010); \
                 classified without a date"
            )
            .as_str(),
            format!(
                "warning: {path}:4: field `date`: `01/05/2010` is a numeric date whose order \
                 framescope will not guess (day/month or month/day): name it with --date-format \
                 (e.g. %d/%m/%Y or %m/%d/%Y); classified without a date"
            )
            .as_str(),
            "warning: 4 articles were classified without a date because theirs could not be \
             read (2 distinct values: `garbage` ×3, `01/05/2010` ×1)",
        ],
    );

    // --strict stops at the first, with the same location.
    let (code, _, err) = classify(&["--strict", &path]);
    assert_eq!(code, 2);
    assert!(
        err.contains(&format!(
            "error: --strict: stopped at {path}:1: field `date`: `garbage` is not a date"
        )),
        "{err}"
    );
}

#[test]
fn numeric_dates_need_a_format_and_the_date_can_live_in_another_field() {
    let dir = TempDir::new("numeric");
    let path = dir.write(
        "ban.jsonl",
        &jsonl(&[("published", "01/05/2010"), ("published", "31/12/2017")]),
    );
    // The date is not in `date`: without --date-field there is none, and
    // nothing to warn about.
    let (code, profiles, err) = classify(&[&path]);
    assert_eq!((code, err.as_str()), (0, ""));
    assert!(profiles.iter().all(|p| p["date"].is_null()));
    let (code, profiles, err) = classify(&[
        "--date-field",
        "published",
        "--date-format",
        "%d/%m/%Y",
        &path,
    ]);
    assert_eq!((code, err.as_str()), (0, ""));
    let found: Vec<(Vec<String>, Value)> = profiles
        .iter()
        .map(|p| (actors(p), p["date"].clone()))
        .collect();
    assert_eq!(
        found,
        [
            (vec!["UN".to_string()], "2010-05-01".into()),
            (vec!["KOR".to_string()], "2017-12-31".into()),
        ]
    );
    // A format that names no year is a usage error.
    let (code, out, err) = run(&["classify", "--date-format", "%d/%m", &path]);
    assert_eq!((code, out.as_str()), (2, ""));
    assert!(
        err.contains("date format `%d/%m` has no year: add %Y"),
        "{err}"
    );
}

#[test]
fn markdown_with_yaml_front_matter_is_read_like_toml_front_matter() {
    let dir = TempDir::new("yaml");
    let file = "---\r\ntitle: Ban\r\ndate: 2010-05-01\r\ntags: [un]\r\n---\r\n\r\nBan Ki-moon urged restraint.\r\n";
    let path = dir.write("ban.md", file);
    let (code, profiles, err) = classify(&[&path]);
    assert_eq!((code, err.as_str()), (0, ""));
    let p = &profiles[0];
    assert_eq!(actors(p), ["UN"]);
    assert_eq!(
        (&p["title"], &p["date"]),
        (&"Ban".into(), &"2010-05-01".into())
    );
    assert_eq!(p["sentence_count"], 1, "the front matter is not text");
    // Spans index the file once text_offset is added.
    let offset = p["text_offset"].as_u64().unwrap() as usize;
    let span = &p["sentences"][0]["span"];
    let (start, end) = (
        span[0].as_u64().unwrap() as usize,
        span[1].as_u64().unwrap() as usize,
    );
    assert_eq!(&file[offset + start..offset + end], BAN);

    let (code, out, err) = run(&["explain", "--color", "never", &path]);
    assert_eq!((code, err.as_str()), (0, ""));
    assert!(out.contains("title: Ban\ndate: 2010-05-01"), "{out}");
    assert!(!out.contains("---"), "{out}");

    // A malformed block is a located error and the file is skipped; the
    // rest of the corpus is still read.
    let bad = dir.write(
        "bad.md",
        "---\ntitle: Ban\ntags: [un\n---\nBan Ki-moon spoke.\n",
    );
    let (code, profiles, err) = classify(&[&bad, &path]);
    assert_eq!((code, profiles.len()), (0, 1), "{err}");
    assert!(
        err.starts_with(&format!("warning: skipped {bad}:4:1: invalid metadata: ")),
        "{err}"
    );
    // A date the reader cannot read in front matter names the key's line.
    let garbage = dir.write(
        "garbage.md",
        "---\ntitle: Ban\ndate: garbage\n---\nBan Ki-moon spoke.\n",
    );
    let (code, profiles, err) = classify(&[&garbage]);
    assert_eq!((code, actors(&profiles[0])), (0, vec!["KOR".to_string()]));
    assert!(
        err.starts_with(&format!("warning: {garbage}:3: field `date`: `garbage`")),
        "{err}"
    );
}

/// `compare --by KEY --format json` of `path`: group name → articles.
fn groups(path: &str, by: &str) -> Vec<(String, u64)> {
    let (code, out, err) = run(&[
        "compare",
        "--by",
        by,
        "--format",
        "json",
        "--quiet",
        "--resamples",
        "10",
        path,
    ]);
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    let mut groups: Vec<(String, u64)> = v["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                g["group"].as_str().unwrap().to_string(),
                g["documents"].as_u64().unwrap(),
            )
        })
        .collect();
    groups.sort();
    groups
}

#[test]
fn compare_groups_articles_without_a_usable_date_as_no_date() {
    let dir = TempDir::new("compare");
    let lines = jsonl(&[
        ("date", "May 1, 2010"),
        ("date", "2010-05-30T10:00:00Z"),
        ("date", "1 June 2010"),
        ("date", "2011"),
        ("date", "garbage"),
        ("outlet", "no date at all"),
    ]);
    let path = dir.write("corpus.jsonl", &lines);
    let by = |s: &str, n: u64| (s.to_string(), n);
    assert_eq!(
        groups(&path, "month"),
        [by("(no date)", 3), by("2010-05", 2), by("2010-06", 1)],
        "a year alone has no month"
    );
    assert_eq!(
        groups(&path, "year"),
        [by("(no date)", 2), by("2010", 3), by("2011", 1)]
    );
    // Profiles read back group the same way.
    let (code, out, err) = run(&["classify", "--format", "jsonl", "--quiet", &path]);
    assert_eq!(code, 0, "{err}");
    let profiles = dir.write("profiles.jsonl", &out);
    assert_eq!(groups(&profiles, "month"), groups(&path, "month"));
    assert!(Path::new(&profiles).is_file());
}
