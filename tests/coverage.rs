//! Rule coverage over a corpus: hit counts, dead rules, top terms, actors and
//! the discovery list of unmatched words in actor sentences.

mod common;

use framescope::internals::tools::coverage::{Coverage, RuleCoverage, MAX_CANDIDATES};
use framescope::{Document, RuleSet};

fn doc(id: &str, text: &str) -> Document {
    Document {
        id: id.into(),
        text: text.into(),
        ..Document::default()
    }
}

/// Two small documents over the fixture pack. "missiles" is in three
/// sentences; only two of them mention an actor.
fn corpus() -> (RuleSet, Coverage) {
    let rules = common::fixture();
    let mut cov = Coverage::new(&rules);
    cov.add(
        &rules,
        &doc(
            "d1",
            "North Korea held a parade with nuclear weapons. \
             Pyongyang praised its ally and displayed missiles. \
             The parade featured missiles and lanterns.",
        ),
    );
    cov.add(
        &rules,
        &doc(
            "d2",
            "China watched the parade and the missiles closely. \
             Seoul reportedly protested the weapons. \
             North Korea fired 12 rockets in 2023.",
        ),
    );
    (rules, cov)
}

fn rule<'a>(cov: &'a Coverage, id: &str) -> &'a RuleCoverage {
    cov.rules
        .iter()
        .find(|r| r.id == id)
        .unwrap_or_else(|| panic!("no rule {id}"))
}

/// 1-based line of the first line of `text` containing `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).unwrap() + 1
}

#[test]
fn counts_documents_sentences_and_hits_per_term_and_frame() {
    let (_, cov) = corpus();
    assert_eq!(cov.documents, 2);
    assert_eq!(cov.sentences, 6);
    assert_eq!(cov.actor_sentences, 5);

    let parade = rule(&cov, "military:parade");
    assert_eq!((parade.hits, parade.score), (3, 3.0));
    assert_eq!(
        parade.origin.to_string(),
        format!(
            "frames/military.toml:{}",
            line_of(common::MILITARY, "\"parade\"")
        )
    );
    // Leftmost-longest: "nuclear weapons" takes the match from "weapons".
    assert_eq!(rule(&cov, "military:nuclear weapons").hits, 1);
    assert_eq!(rule(&cov, "military:weapons").hits, 1);
    // "reportedly" hedges "weapons" (× 0.7).
    assert!((rule(&cov, "military:weapons").score - 0.7).abs() < 1e-9);
    assert_eq!(rule(&cov, "alliance:ally").hits, 1);
    assert_eq!(rule(&cov, "PRK:North Korea").hits, 2);

    let military = &cov.frames["military"];
    assert_eq!((military.hits, military.sentences), (5, 4));
    assert!((military.score - 5.7).abs() < 1e-9, "{}", military.score);
    assert_eq!(cov.frames["alliance"].hits, 1);
}

#[test]
fn rules_that_never_fire_are_dead_with_their_origin() {
    let (rules, cov) = corpus();
    let dead: Vec<(String, String)> = cov
        .dead_rules()
        .iter()
        .map(|r| (r.id.clone(), r.origin.to_string()))
        .collect();
    let arm = format!(
        "frames/military.toml:{}",
        line_of(common::MILITARY, "\"arm\"")
    );
    let wpk = format!(
        "actors.toml:{}",
        line_of(common::ACTORS, "\"Workers' Party\"")
    );
    assert!(
        dead.contains(&("military:arm".into(), arm.clone())),
        "{dead:?}"
    );
    assert!(dead.contains(&(
        "alliance:traditional friends".into(),
        format!(
            "frames/alliance.toml:{}",
            line_of(common::ALLIANCE, "traditional friends")
        )
    )));
    assert!(
        dead.contains(&("wpk:Workers' Party".into(), wpk.clone())),
        "{dead:?}"
    );
    assert!(!dead
        .iter()
        .any(|(id, _)| id == "military:parade" || id == "PRK:North Korea"));
    // Modifiers are not rules that can be dead.
    assert!(!dead.iter().any(|(id, _)| id.starts_with("hedge:")));

    let report = cov.report(&rules, 5);
    assert!(
        report.contains(&format!("{arm}  term   military:arm")),
        "{report}"
    );
    assert!(
        report.contains(&format!("{wpk}  alias  wpk:Workers' Party")),
        "{report}"
    );
}

#[test]
fn top_terms_are_ordered_by_summed_score() {
    let (_, cov) = corpus();
    let top: Vec<(&str, f64)> = cov
        .top_terms("military", 10)
        .iter()
        .map(|r| (r.id.as_str(), r.score))
        .collect();
    assert_eq!(
        top,
        [
            ("military:parade", 3.0),
            ("military:nuclear weapons", 2.0),
            ("military:weapons", 0.7),
        ]
    );
    assert_eq!(cov.top_terms("military", 1).len(), 1);
}

#[test]
fn actors_are_counted_by_alias() {
    let (_, cov) = corpus();
    let prk = &cov.actors["PRK"];
    assert_eq!((prk.mentions, prk.sentences), (3, 3));
    assert_eq!(prk.via["PRK:North Korea"], 2);
    assert_eq!(prk.via["PRK:Pyongyang"], 1);
    let top: Vec<&str> = cov.top_actors(2).iter().map(|(id, _)| *id).collect();
    assert_eq!(top, ["PRK", "CHN"]);
}

#[test]
fn discovers_unmatched_words_in_actor_sentences_only() {
    let (_, cov) = corpus();
    // Three sentences have "missiles"; the one without an actor is not counted.
    let missiles = &cov.candidates["missiles"];
    assert_eq!(missiles.count, 2);
    assert_eq!(
        missiles.examples,
        [
            "Pyongyang praised its ally and displayed missiles.",
            "China watched the parade and the missiles closely.",
        ]
    );
    assert!(!cov.candidates.contains_key("lanterns"));
    assert!(!cov.candidates.contains_key("featured"));
    assert_eq!(cov.candidates["protested"].count, 1);
    assert_eq!(cov.top_candidates(1)[0], ("missiles", missiles));
}

#[test]
fn rules_stop_words_and_numbers_are_not_proposed() {
    let (_, cov) = corpus();
    for word in [
        // frame terms, actor aliases, modifiers
        "parade",
        "nuclear",
        "weapons",
        "ally",
        "north",
        "korea",
        "pyongyang",
        "china",
        "seoul",
        "reportedly", // stop words, numbers, single characters
        "the",
        "its",
        "and",
        "with",
        "in",
        "12",
        "2023",
        "a",
    ] {
        assert!(
            !cov.candidates
                .keys()
                .any(|k| k.split(' ').any(|w| w == word)),
            "{word} proposed: {:?}",
            cov.candidates.keys().collect::<Vec<_>>()
        );
    }
}

#[test]
fn bigrams_join_only_adjacent_kept_words() {
    let (_, cov) = corpus();
    assert_eq!(cov.candidates["displayed missiles"].count, 1);
    assert_eq!(cov.candidates["missiles closely"].count, 1);
    // "praised its ally": "its" and "ally" are skipped, so no bigram.
    assert!(!cov.candidates.keys().any(|k| k.starts_with("praised ")));
    // "fired 12 rockets": the number breaks the pair.
    assert!(!cov.candidates.contains_key("fired rockets"));
    assert_eq!(cov.candidates["fired"].count, 1);
    assert_eq!(cov.candidates["rockets"].count, 1);
}

#[test]
fn report_is_deterministic_and_complete() {
    let (rules, cov) = corpus();
    let (_, again) = corpus();
    let report = cov.report(&rules, 3);
    assert_eq!(report, again.report(&rules, 3));
    assert!(
        report.starts_with(&format!(
            "coverage of {} · 2 documents · 6 sentences (5 with an actor)\n",
            rules.info().stamp()
        )),
        "{report}"
    );
    for needle in [
        "frame",
        "military        5          4        5.70",
        "military:parade",
        "dead rules: ",
        "top actors",
        "PRK:North Korea 2",
        "candidate terms",
        "       2  missiles",
        "“Pyongyang praised its ally and displayed missiles.”",
    ] {
        assert!(report.contains(needle), "{needle:?} missing from\n{report}");
    }
    let json = serde_json::to_value(&cov).unwrap();
    assert_eq!(json["candidates"]["missiles"]["count"], 2);
    assert_eq!(json["frames"]["military"]["hits"], 5);
    assert!(json.get("index").is_none());
}

#[test]
fn rare_candidates_are_pruned_to_bound_memory() {
    let rules = common::fixture();
    let mut cov = Coverage::new(&rules);
    // One sentence about China with more distinct words than the limit (each
    // word and each adjacent pair is a candidate), plus one frequent word.
    let mut text = String::from("China");
    for i in 0..MAX_CANDIDATES / 2 + 1_000 {
        let word: String = format!("{i:05}")
            .bytes()
            .map(|b| char::from(b'g' + (b - b'0')))
            .collect();
        text.push_str(" zq");
        text.push_str(&word);
        if i % 100 == 0 {
            text.push_str(" frequently");
        }
    }
    text.push('.');
    cov.add(&rules, &doc("big", &text));
    assert_eq!(cov.pruned, 1);
    assert!(cov.candidates.len() <= MAX_CANDIDATES / 2);
    assert!(cov.candidates["frequently"].count > 1);
}

/// Candidate bigrams join words across every dash the matcher folds into a
/// space (one dash table): a pattern proposed from "cruise﹣missiles" must
/// match that text once added.
#[test]
fn bigrams_join_across_every_dash_the_matcher_folds() {
    let rules = common::fixture();
    for dash in ['-', '\u{2013}', '\u{2E3A}', '\u{FE63}', '\u{FF0D}'] {
        let mut cov = Coverage::new(&rules);
        cov.add(
            &rules,
            &doc(
                "d",
                &format!("North Korea tested cruise{dash}launchers today."),
            ),
        );
        assert_eq!(
            cov.candidates.get("cruise launchers").map(|c| c.count),
            Some(1),
            "dash U+{:04X}: {:?}",
            dash as u32,
            cov.candidates.keys().collect::<Vec<_>>()
        );
    }
}
