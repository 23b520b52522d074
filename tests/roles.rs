//! Dated roles: an actor's `[[actor.role]]` decides what it rolls up to on
//! the article's date; without a date, or between and after its roles,
//! `member-of` (the pack's default) applies; before its first role began
//! the person is no actor. Broken roles are located pack errors.

mod common;

use framescope::internals::engine::analysis::analyze_text;
use framescope::internals::pack::ruleset::Date;
use framescope::internals::text::date::ArticleDate;
use framescope::profile;
use framescope::Document;
use framescope::{Error, RuleSet};

/// A South Korean foreign minister who spoke for the UN from 2007 to 2016.
const BAN: &str = r#"
[[actor]]
id = "UN"
name = "United Nations"
kind = "org"
aliases = ["United Nations"]

[[actor]]
id = "ban-ki-moon"
name = "Ban Ki-moon"
kind = "person"
member-of = "KOR"
aliases = ["Ban Ki-moon"]

[[actor.role]]
title = "Foreign Minister of South Korea"
of = "KOR"
from = 2004-01-17
to = 2006-11-10

[[actor.role]]
title = "Secretary-General of the United Nations"
of = "UN"
from = 2007-01-01
to = 2016-12-31
"#;

fn pack(extra: &str) -> Result<RuleSet, Error> {
    common::compile(&[("actors.toml", &format!("{}{extra}", common::ACTORS))])
}

fn day(s: &str) -> Option<ArticleDate> {
    Some(ArticleDate::from(Date::parse(s).unwrap()))
}

/// A year (`2010`), month (`2010-05`) or day, as written.
fn period(s: &str) -> Option<ArticleDate> {
    Some(s.parse().unwrap())
}

/// (actor, role) of every mention in `text` on `date`.
fn mentions(
    rules: &RuleSet,
    text: &str,
    date: Option<ArticleDate>,
) -> Vec<(String, Option<String>)> {
    analyze_text(rules, text, date)
        .sentences
        .into_iter()
        .flat_map(|s| s.mentions)
        .map(|m| {
            (
                rules.actor_name(m.actor).to_string(),
                m.role_title(rules).map(str::to_string),
            )
        })
        .collect()
}

#[test]
fn the_role_that_holds_on_the_date_decides_the_actor() {
    let rules = pack(BAN).unwrap();
    let text = "Ban Ki-moon urged restraint.";
    let sg = Some("Secretary-General of the United Nations".to_string());
    let fm = Some("Foreign Minister of South Korea".to_string());
    let cases = [
        (None, Some(("KOR", None))),
        // Before his first role he held no office the pack knows: he is no
        // actor.
        (day("2004-01-16"), None),
        (day("2004-01-17"), Some(("KOR", fm))),
        // Between his roles and after them, `member-of` holds.
        (day("2006-12-31"), Some(("KOR", None))),
        (day("2007-01-01"), Some(("UN", sg.clone()))),
        (day("2012-06-15"), Some(("UN", sg.clone()))),
        (day("2016-12-31"), Some(("UN", sg.clone()))),
        (day("2017-01-01"), Some(("KOR", None))),
    ];
    for (date, want) in cases {
        let want: Vec<_> = want
            .into_iter()
            .map(|(actor, role)| (actor.to_string(), role))
            .collect();
        assert_eq!(mentions(&rules, text, date), want, "on {date:?}");
    }
}

#[test]
fn a_partial_date_takes_a_role_only_when_the_whole_period_is_in_its_term() {
    // A term that ends mid-year: 2016 as a whole is not inside it.
    let rules = pack(&BAN.replace("to = 2016-12-31", "to = 2016-06-30")).unwrap();
    let text = "Ban Ki-moon urged restraint.";
    let cases = [
        ("2007", "UN"),
        ("2010", "UN"),
        ("2016", "KOR"),
        ("2016-06", "UN"),
        ("2016-07", "KOR"),
        ("2006", "KOR"),
        ("2006-12", "KOR"),
        ("2004", "KOR"),
        ("2007-01", "UN"),
    ];
    for (date, actor) in cases {
        let got: Vec<String> = mentions(&rules, text, period(date))
            .into_iter()
            .map(|(a, _)| a)
            .collect();
        assert_eq!(got, [actor], "on {date}");
    }
    // A year is never padded to its first day: 2016-01-01 is inside the
    // term, the year 2016 is not.
    assert_eq!(mentions(&rules, text, period("2016-01-01"))[0].0, "UN");
    // The shipped term ends on 31 December, so the whole year 2016 is in it.
    let rules = pack(BAN).unwrap();
    assert_eq!(mentions(&rules, text, period("2016"))[0].0, "UN");
    assert_eq!(mentions(&rules, text, period("2017"))[0].0, "KOR");
    // A period that ends before the first role began: no actor. One that
    // ends after it began (2004, from 17 January) keeps `member-of`.
    assert_eq!(mentions(&rules, text, period("2003")), []);
    assert_eq!(
        mentions(&rules, text, period("2004-01")),
        [("KOR".to_string(), None)]
    );
}

#[test]
fn the_article_date_comes_from_its_metadata() {
    let rules = pack(BAN).unwrap();
    let mut doc = Document {
        id: "ban".into(),
        text: "Ban Ki-moon urged restraint.".into(),
        ..Document::default()
    };
    let actors =
        |doc: &Document| -> Vec<String> { profile(&rules, doc).actors.keys().cloned().collect() };
    assert_eq!(actors(&doc), ["KOR"]);
    doc.meta
        .insert("date".into(), "2010-03-04T08:00:00Z".into());
    assert_eq!(actors(&doc), ["UN"]);
    // The forms people write are read too, at their precision.
    for (date, used) in [
        ("May 1, 2010", "2010-05-01"),
        ("1 May 2010", "2010-05-01"),
        ("2010", "2010"),
        ("2010-05", "2010-05"),
    ] {
        doc.meta.insert("date".into(), date.into());
        assert_eq!(actors(&doc), ["UN"], "{date}");
        let p = profile(&rules, &doc);
        assert_eq!(p.date.map(|d| d.to_string()).as_deref(), Some(used));
    }
    // A date that cannot be read leaves the default.
    doc.meta.insert("date".into(), "last Tuesday".into());
    assert_eq!(actors(&doc), ["KOR"]);
    assert_eq!(profile(&rules, &doc).date, None);
}

#[test]
fn the_shipped_pack_drops_a_president_the_text_calls_former() {
    // Codebook: a person counts as their state when acting in an official
    // capacity; "former" says the article's person is out of office (the
    // registry's `[former]`). "US" still names the state.
    let rules = RuleSet::embedded().unwrap();
    let text = "Former US President Donald Trump criticised the deal.";
    for date in [
        None,
        day("2019-05-01"),
        day("2023-06-01"),
        day("2026-01-01"),
    ] {
        let actors: Vec<String> = mentions(&rules, text, date)
            .into_iter()
            .map(|(a, _)| a)
            .collect();
        assert_eq!(actors, ["USA"], "only \"US\" on {date:?}");
    }
    let in_office = mentions(&rules, "Donald Trump spoke.", day("2019-05-01"));
    assert_eq!(
        in_office,
        [(
            "USA".to_string(),
            Some("President of the United States".to_string())
        )]
    );
    // Between his terms, and not called former, he keeps his state.
    let between = mentions(&rules, "Donald Trump spoke.", day("2023-06-01"));
    assert_eq!(between, [("USA".to_string(), None)]);
}

#[test]
fn dates_are_read_from_iso_days() {
    assert_eq!(
        Date::parse("2025-10-10"),
        Some(Date {
            year: 2025,
            month: 10,
            day: 10
        })
    );
    assert_eq!(
        Date::parse("2025-10-10T08:00:00Z"),
        Date::parse("2025-10-10")
    );
    for bad in [
        "",
        "2025",
        "2025-13-01",
        "2025-00-10",
        "2025-1-10",
        "20251-10-10",
        "x025-10-10",
    ] {
        assert_eq!(Date::parse(bad), None, "{bad:?}");
    }
}

fn errors(extra: &str) -> Vec<String> {
    match pack(extra) {
        Ok(_) => panic!("pack should not compile"),
        Err(Error::Pack(diags)) => diags.iter().map(|d| d.to_string()).collect(),
        Err(e) => panic!("unexpected error {e}"),
    }
}

#[test]
fn broken_roles_are_located_errors() {
    // 1-based line of the first line of `extra` containing `needle`, in the pack file.
    let line_of = |extra: &str, needle: &str| {
        format!("{}{extra}", common::ACTORS)
            .lines()
            .position(|l| l.contains(needle))
            .unwrap()
            + 1
    };
    let unknown = BAN.replace("of = \"UN\"", "of = \"UNO\"");
    let diags = errors(&unknown);
    assert_eq!(diags.len(), 1, "{diags:#?}");
    let line = line_of(&unknown, "UNO");
    assert!(
        diags[0].starts_with(&format!(
            "actors.toml:{line}:6: unknown actor `UNO` in role `of`"
        )),
        "{}",
        diags[0]
    );

    let backwards = BAN.replace("to = 2016-12-31", "to = 2006-12-31");
    let diags = errors(&backwards);
    assert_eq!(diags.len(), 1, "{diags:#?}");
    assert!(
        diags[0].contains("ends (2006-12-31) before it starts (2007-01-01)"),
        "{}",
        diags[0]
    );

    let timed = BAN.replace("from = 2007-01-01", "from = 2007-01-01T09:00:00");
    let diags = errors(&timed);
    assert_eq!(diags.len(), 1, "{diags:#?}");
    assert!(diags[0].contains("is not a day"), "{}", diags[0]);

    let text = BAN.replace("from = 2007-01-01", "from = \"2007\"");
    let diags = errors(&text);
    assert_eq!(diags.len(), 1, "{diags:#?}");
    let line = line_of(&text, "\"2007\"");
    assert!(
        diags[0].starts_with(&format!("actors.toml:{line}:8:"))
            && diags[0].contains("expected a date without quotes"),
        "{}",
        diags[0]
    );

    let typo = BAN.replace("title =", "titel =");
    let diags = errors(&typo);
    assert!(diags.iter().any(|d| d.contains("titel")), "{diags:#?}");
}
