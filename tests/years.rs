//! A frame term with `min-years-ago` counts only where it matches a year at
//! least that many years before the article's date: the past as a frame
//! ("In March 1990, protests flared", in a 2013 article), never the
//! article's own present ("in 2011"), and never in an undated article.

mod common;

use framescope::internals::engine::analysis::analyze_text;
use framescope::internals::text::date::ArticleDate;
use framescope::RuleSet;

const HISTORY: &str = r#"
label = "History"
terms = [
  { pattern = "19*", min-years-ago = 5 },
  { pattern = "20*", min-years-ago = 5 },
  { pattern = "since 19*", weight = 2.0 },
]
"#;

fn rules() -> RuleSet {
    common::compile(&[("frames/history.toml", HISTORY)]).expect("the fixture compiles")
}

/// The texts of the history contributions of `text` as of `date`, with
/// their scores.
fn history(rules: &RuleSet, text: &str, date: Option<ArticleDate>) -> Vec<(String, f64)> {
    let a = analyze_text(rules, text, date);
    a.sentences
        .iter()
        .flat_map(|s| &s.contributions)
        .filter(|c| rules.frame_name(c.frame) == "history")
        .map(|c| (c.span.of(&a.text).to_string(), c.score))
        .collect()
}

#[test]
fn a_year_counts_only_when_far_enough_before_the_article() {
    let rules = rules();
    let in_2013 = ArticleDate::day_of(2013, 4, 8);
    let cases: &[(&str, Option<ArticleDate>, &[&str])] = &[
        (
            "In March 1990, protests flared into riots.",
            in_2013,
            &["1990"],
        ),
        // Five years before counts; four does not.
        ("The law was passed in 2008.", in_2013, &["2008"]),
        ("The law was passed in 2009.", in_2013, &[]),
        // A decade, and a year with a possessive.
        ("The reforms of the 1980s are debated.", in_2013, &["1980s"]),
        ("The 1990's were calm.", in_2013, &["1990"]),
        // A date that gives only the year, or a month, is enough.
        (
            "In March 1990, riots.",
            ArticleDate::year_only(2013),
            &["1990"],
        ),
        (
            "In March 1990, riots.",
            ArticleDate::month_of(1995, 3),
            &["1990"],
        ),
        (
            "In March 1990, riots.",
            ArticleDate::month_of(1994, 12),
            &[],
        ),
        // No date, no past to measure.
        ("In March 1990, protests flared into riots.", None, &[]),
        // Numbers that are no year.
        ("Sales reached 19901 units.", in_2013, &[]),
        ("About 1,990 people came.", in_2013, &[]),
        ("The 19th century ended.", in_2013, &[]),
        ("The 2013 budget and the 2015 plan.", in_2013, &[]),
    ];
    for &(text, date, want) in cases {
        let got: Vec<String> = history(&rules, text, date)
            .into_iter()
            .map(|(t, _)| t)
            .collect();
        assert_eq!(got, want, "{text:?} as of {date:?}");
    }
}

#[test]
fn a_longer_term_over_the_year_wins_as_any_overlap_does() {
    // "since 1990" (weight 2) and "1990" are terms of one frame: the
    // leftmost-longest match counts, once.
    let rules = rules();
    let got = history(
        &rules,
        "Prices have not been this high since 1990.",
        ArticleDate::day_of(2013, 4, 8),
    );
    assert_eq!(got, [("since 1990".to_string(), 2.0)]);
}

#[test]
fn a_bad_min_years_ago_is_a_located_error() {
    let cases = [
        (
            "label = \"History\"\nterms = [{ pattern = \"19*\", min-years-ago = 0 }]\n",
            "frames/history.toml:2:45: `min-years-ago` is 0",
        ),
        (
            "label = \"History\"\nterms = [{ pattern = \"19*\", min-years-ago = 1001 }]\n",
            "frames/history.toml:2:45: `min-years-ago` is 1001",
        ),
        (
            "label = \"History\"\nterms = [{ pattern = \"war*\", min-years-ago = 5 }]\n",
            "frames/history.toml:2:22: pattern `war*` has `min-years-ago` but can never match a year",
        ),
    ];
    for (toml, want) in cases {
        let diags = common::diagnostics(&[("frames/history.toml", toml)]);
        assert_eq!(diags.len(), 1, "{diags:#?}");
        assert!(
            diags[0].starts_with(want),
            "{} should start with {want}",
            diags[0]
        );
    }
}

#[test]
fn explain_says_how_long_before_the_article_a_year_is() {
    let pack = common::write_pack("years-explain", &[("frames/history.toml", HISTORY)]);
    let dir = common::TempDir::new("years-explain");
    let article = dir.write(
        "a.jsonl",
        r#"{"id": "a", "date": "2013-04-08", "text": "In March 1990, protests flared. Prices rose in 2011."}"#,
    );
    let (code, out, err) = common::run(&[
        "--rules",
        pack.to_str().unwrap(),
        "explain",
        "--color",
        "never",
        &article,
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("date: 2013-04-08 (dated roles and year terms are resolved as of it)"),
        "{out}"
    );
    let lines: Vec<&str> = out.lines().filter(|l| l.contains("history:")).collect();
    assert_eq!(lines.len(), 1, "{out}");
    assert!(lines[0].contains("\"1990\""), "{}", lines[0]);
    assert!(
        lines[0].ends_with("23 years before the article (at least 5)"),
        "{}",
        lines[0]
    );
}
