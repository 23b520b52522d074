//! The actor registry's mechanisms on a small pack of their own: a registry
//! split over `actors/*.toml`, places and locations, ambiguous aliases,
//! former officeholders, and references that narrow their antecedents
//! (`among`, `title`, `scene`, `speaker`). Mistakes are located pack errors.

mod common;

use framescope::internals::engine::analysis::analyze_text;
use framescope::internals::pack::ruleset::Date;
use framescope::internals::text::date::ArticleDate;
use framescope::{Error, PackSource, RuleSet};

const STATES: &str = r#"
[[actor]]
id = "USA"
name = "United States"
kind = "state"
aliases = ["United States", "U.S.", "Washington", "Texas"]
places = ["Washington", "Texas"]

[[actor]]
id = "AUT"
name = "Austria"
kind = "state"
aliases = ["Austria", "Austrian", "Vienna"]
places = ["Vienna"]

[[actor]]
id = "THA"
name = "Thailand"
kind = "state"
aliases = ["Thailand", "Thai", "Bangkok"]
places = ["Bangkok"]

[[actor]]
id = "FRA"
name = "France"
kind = "state"
aliases = ["France", "French"]

[[actor]]
id = "SAU"
name = "Saudi Arabia"
kind = "state"
aliases = ["Saudi Arabia", "Saudi"]

[[actor]]
id = "GEO"
name = "Georgia"
kind = "state"
aliases = ["Georgia", "Georgian", "Tbilisi"]
ambiguous = ["Georgia"]

[[actor]]
id = "ISIS"
name = "Islamic State"
kind = "group"
aliases = ["Islamic State"]

[[actor]]
id = "NATO"
name = "NATO"
kind = "org"
aliases = ["NATO"]
"#;

const PEOPLE: &str = r#"
[[actor]]
id = "obama"
name = "Barack Obama"
kind = "person"
member-of = "USA"
aliases = ["Barack Obama", "Obama"]

[[actor.role]]
title = "President of the United States"
of = "USA"
from = 2009-01-20
to = 2017-01-20

[[actor]]
id = "rubio"
name = "Marco Rubio"
kind = "person"
aliases = ["Marco Rubio"]

[[actor.role]]
title = "Secretary of State"
of = "USA"
from = 2025-01-21
"#;

const REGISTRY: &str = r#"
exclude = ["both sides of the border"]

[location]
words = ["in", "at", "from"]
skip = ["central", "the", "both"]
events = ["summit"]
governments = ["officials", "regime"]
located = ["attack", "troops", "person", "lived"]
places = ["capital", "city", "cities"]

[former]
words = ["former"]
skip = ["president"]

[[reference]]
pattern = "he"
resolves = "person"
lookback = 1

[[reference]]
pattern = "the president"
resolves = "person"
title = "President"
lookback = 4

[[reference]]
pattern = "the kingdom"
resolves = "state"
among = ["SAU"]
lookback = 4

[[reference]]
pattern = "the group"
resolves = "group"

[[reference]]
pattern = "police"
resolves = "state"
scene = true
lookback = 4

[[reference]]
pattern = "both sides"
resolves = "state"
count = 2

[[reference]]
pattern = "the regime"
resolves = "state"

[[reference]]
pattern = "officials"
resolves = "state"

[[reference]]
pattern = "we"
resolves = "speaker"
"#;

const STANCE: &str = r#"
reporting-verbs = ["said", "told"]
"#;

fn files() -> Vec<(&'static str, &'static str)> {
    vec![
        ("actors/states.toml", STATES),
        ("actors/people.toml", PEOPLE),
        ("actors/registry.toml", REGISTRY),
        ("stance.toml", STANCE),
    ]
}

/// The fixture pack with its actors.toml replaced by `actors`.
fn compile(actors: &[(&str, &str)]) -> Result<RuleSet, Error> {
    let mut all: Vec<(String, String)> = common::files(&[])
        .into_iter()
        .filter(|(p, _)| p != "actors.toml")
        .collect();
    all.extend(actors.iter().map(|(p, t)| (p.to_string(), t.to_string())));
    RuleSet::from_source(&PackSource::from_files(all))
}

fn pack() -> RuleSet {
    compile(&files()).expect("the registry pack compiles")
}

fn day(s: &str) -> ArticleDate {
    ArticleDate::from(Date::parse(s).unwrap())
}

/// The rolled-up actors of the whole text on `date`, sorted.
fn actors_on(rules: &RuleSet, text: &str, date: Option<&str>) -> Vec<String> {
    let date = date.map(day);
    let mut out: Vec<String> = analyze_text(rules, text, date)
        .sentences
        .into_iter()
        .flat_map(|s| s.actor_names(rules))
        .map(String::from)
        .collect();
    out.sort();
    out.dedup();
    out
}

fn actors(rules: &RuleSet, text: &str) -> Vec<String> {
    actors_on(rules, text, None)
}

/// The actors of sentence `i` of `text`, undated.
fn sentence_actors<'r>(rules: &'r RuleSet, text: &str, i: usize) -> Vec<&'r str> {
    analyze_text(rules, text, None).sentences[i].actor_names(rules)
}

/// The words of every mention of `text`, undated, in text order.
fn mention_texts(rules: &RuleSet, text: &str) -> Vec<String> {
    analyze_text(rules, text, None)
        .sentences
        .iter()
        .flat_map(|s| s.mentions.iter().map(|m| m.span.of(text).to_string()))
        .collect()
}

fn diagnostics(actors: &[(&str, &str)]) -> Vec<String> {
    match compile(actors) {
        Err(Error::Pack(diags)) => diags.iter().map(|d| d.to_string()).collect(),
        Err(e) => panic!("unexpected error {e}"),
        Ok(_) => Vec::new(),
    }
}

#[test]
fn a_registry_split_over_files_is_one_registry() {
    let rules = pack();
    assert_eq!(actors(&rules, "Barack Obama spoke."), ["USA"]);
    let rule = analyze_text(&rules, "Barack Obama spoke.", None).sentences[0].mentions[0].rule;
    let origin = rules.origin_label(rule);
    assert!(origin.starts_with("actors/people.toml:"), "{origin}");
}

#[test]
fn a_duplicate_id_in_another_file_names_both_files() {
    let dup = "[[actor]]\nid = \"USA\"\nkind = \"state\"\naliases = [\"America\"]\n";
    let mut all = files();
    all.push(("actors/zz.toml", dup));
    let diags = diagnostics(&all);
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert!(
        diags[0].starts_with(
            "actors/zz.toml:2:6: duplicate actor id `USA` (first declared on actors/states.toml:3)"
        ),
        "{diags:?}"
    );
}

#[test]
fn places_after_a_location_word_are_locations() {
    let rules = pack();
    let cases: &[(&str, &[&str])] = &[
        ("A summit in Vienna ended.", &[]),
        ("A shift in Vienna's policy surprised many.", &["AUT"]),
        ("Vienna said it would host the talks.", &["AUT"]),
        ("A bomb exploded in central Bangkok.", &[]),
        ("The talks in Vienna and Washington stalled.", &[]),
        ("He spoke in Strasbourg, France.", &[]),
        ("The Vienna summit ended.", &[]),
        ("Officials in Washington disagreed.", &["USA"]),
        ("A gunman opened fire at a school in Texas.", &[]),
        ("Texas sued the federal government.", &["USA"]),
        // After a place word and "of" or "like", a place names where
        // something is: "the Thai capital of Bangkok", "cities like Vienna".
        ("A bomb exploded near the Thai capital of Bangkok.", &[]),
        ("Prices rose in cities like Vienna.", &[]),
        ("The city of Vienna said it would host the talks.", &[]),
        ("Thailand's capital hosted the talks.", &["THA"]),
    ];
    for (text, expected) in cases {
        assert_eq!(actors(&rules, text), *expected, "{text}");
    }
}

#[test]
fn a_states_name_is_a_location_only_after_what_is_merely_there() {
    let rules = pack();
    let cases: &[(&str, &[&str])] = &[
        // The state takes part in what happens there: an actor.
        (
            "NATO is anxious about aggression in Thailand.",
            &["NATO", "THA"],
        ),
        ("Doubts in the United States grew.", &["USA"]),
        ("Officials in France agreed.", &["FRA"]),
        // Only where someone or something is (`located`), or an armed
        // group: a location.
        ("France condemned the attack in Thailand.", &["FRA"]),
        ("NATO withdrew its troops from Austria.", &["NATO"]),
        ("One person from Thailand died.", &[]),
        (
            "A Saudi who lived in the United States wrote columns.",
            &["SAU"],
        ),
        (
            "NATO fights the Islamic State in Thailand.",
            &["ISIS", "NATO"],
        ),
        // A state listed with one just dropped is one too.
        ("Troops from both the United States and France left.", &[]),
        // "attack" before "on" is no location: the state is the target.
        ("France condemned the attack on Thailand.", &["FRA", "THA"]),
    ];
    for (text, expected) in cases {
        assert_eq!(actors(&rules, text), *expected, "{text}");
    }
}

#[test]
fn an_origin_is_no_scene() {
    let rules = pack();
    // Where the attack was is the scene of "police"; where a person came
    // from is not.
    let text = "An attack in Thailand killed many. Police said 20 died.";
    assert_eq!(sentence_actors(&rules, text, 1), ["THA"]);
    let text = "One person from Thailand died. Police said 20 died.";
    assert_eq!(sentence_actors(&rules, text, 1), Vec::<String>::new());
}

#[test]
fn a_reference_an_actor_qualifies_is_that_actors_own() {
    let rules = pack();
    // "Saudi police" are Saudi Arabia's, not the scene's (Thailand).
    let text = "A bomb exploded in Bangkok. Saudi police said 20 died.";
    assert_eq!(sentence_actors(&rules, text, 1), ["SAU"]);
    let text = "A bomb exploded in Bangkok. French and Saudi police said 20 died.";
    assert_eq!(sentence_actors(&rules, text, 1), ["FRA", "SAU"]);
}

#[test]
fn a_government_seated_in_a_place_named_after_it_is_the_places() {
    let rules = pack();
    // Once took the nearest earlier state: "the regime" was the United
    // States, "officials" France. The place after them is the actor.
    let text = "The United States sent aid to the regime in central Bangkok. \
                France said officials in Vienna objected.";
    assert_eq!(
        mention_texts(&rules, text),
        ["United States", "Bangkok", "France", "Vienna"]
    );
    assert_eq!(sentence_actors(&rules, text, 1), ["AUT", "FRA"]);
    // Only right after it: a place further on is where they are, and the
    // reference resolves as before.
    let text = "France spoke first. Later officials said the talks in Vienna failed.";
    assert_eq!(mention_texts(&rules, text), ["France", "officials"]);
    // "the Thai capital" is a location, but the seat of officials in it.
    let text = "Thailand was hit. Officials in the Thai capital condemned France.";
    assert_eq!(mention_texts(&rules, text), ["Thailand", "Thai", "France"]);
    // A name that is no actor seats nothing: Marco Rubio out of office.
    let text = "France spoke. Officials at Marco Rubio's office condemned Vienna.";
    let names: Vec<&str> = analyze_text(&rules, text, Some(day("2016-02-01")))
        .sentences
        .iter()
        .flat_map(|s| s.mentions.iter().map(|m| m.span.of(text)))
        .collect();
    assert_eq!(names, ["France", "Officials", "Vienna"]);
}

#[test]
fn a_dateline_is_no_actor() {
    let rules = pack();
    assert_eq!(
        actors(&rules, "BANGKOK — Schools reopened."),
        Vec::<String>::new()
    );
    assert_eq!(actors(&rules, "Bangkok said it would act."), ["THA"]);
}

#[test]
fn a_location_is_the_scene_of_police_and_an_antecedent() {
    let rules = pack();
    let text = "A bomb exploded in central Bangkok. Many were hurt. Police said 20 died.";
    let analysis = analyze_text(&rules, text, None);
    assert_eq!(
        analysis.sentences[0].actor_names(&rules),
        Vec::<&str>::new()
    );
    assert_eq!(analysis.sentences[2].actor_names(&rules), ["THA"]);
    // The scene comes first, before the actor named last.
    let text = "A bomb exploded in Bangkok. France condemned it. Police said 20 died.";
    let analysis = analyze_text(&rules, text, None);
    assert_eq!(analysis.sentences[2].actor_names(&rules), ["THA"]);
}

#[test]
fn ambiguous_aliases_need_the_actor_named_otherwise() {
    let rules = pack();
    assert_eq!(
        actors(&rules, "Georgia passed a voting law."),
        Vec::<String>::new()
    );
    assert_eq!(
        actors(&rules, "Georgia recalled its envoy from Tbilisi."),
        ["GEO"]
    );
}

#[test]
fn the_president_is_the_holder_of_the_role_on_the_date() {
    let rules = pack();
    let text = "Obama met NATO leaders. Later, the president spoke.";
    let analysis = analyze_text(&rules, text, Some(day("2014-09-03")));
    let m = &analysis.sentences[1].mentions[0];
    assert_eq!((rules.actor_name(m.actor), m.resolved), ("USA", true));
    assert_eq!(m.role_title(&rules), Some("President of the United States"));
    // Marco Rubio holds no role titled President: the president is nobody.
    let text = "Marco Rubio met NATO leaders. Later, the president spoke.";
    let analysis = analyze_text(&rules, text, Some(day("2025-06-01")));
    assert_eq!(
        analysis.sentences[1].actor_names(&rules),
        Vec::<&str>::new()
    );
}

#[test]
fn a_person_without_a_state_is_an_actor_only_in_office() {
    let rules = pack();
    assert_eq!(
        actors_on(&rules, "Marco Rubio spoke.", Some("2016-02-01")),
        Vec::<String>::new()
    );
    assert_eq!(
        actors_on(&rules, "Marco Rubio spoke.", Some("2025-06-01")),
        ["USA"]
    );
}

#[test]
fn a_former_officeholder_is_no_actor_nor_his_pronouns() {
    let rules = pack();
    let text = "Netflix signed former President Barack Obama. He will produce films.";
    assert_eq!(
        actors_on(&rules, text, Some("2018-05-22")),
        Vec::<String>::new()
    );
    assert_eq!(
        actors_on(&rules, "Barack Obama spoke. He smiled.", Some("2014-01-01")),
        ["USA"]
    );
}

#[test]
fn among_narrows_the_antecedents() {
    let rules = pack();
    let text = "France praised Saudi Arabia. Critics urged sanctions on the kingdom.";
    let analysis = analyze_text(&rules, text, None);
    assert_eq!(analysis.sentences[1].actor_names(&rules), ["SAU"]);
    let analysis = analyze_text(&rules, "France spoke. The kingdom waited.", None);
    assert_eq!(
        analysis.sentences[1].actor_names(&rules),
        Vec::<&str>::new()
    );
}

#[test]
fn group_references_find_groups_only() {
    let rules = pack();
    let text = "NATO warned the Islamic State. The group released a video.";
    let analysis = analyze_text(&rules, text, None);
    assert_eq!(analysis.sentences[1].actor_names(&rules), ["ISIS"]);
}

#[test]
fn the_registrys_exclude_covers_references() {
    let rules = pack();
    let text = "France and Austria met. Pilgrims gathered on both sides of the border.";
    let analysis = analyze_text(&rules, text, None);
    assert_eq!(
        analysis.sentences[1].actor_names(&rules),
        Vec::<&str>::new()
    );
}

#[test]
fn first_person_in_a_quote_is_its_speaker() {
    let rules = pack();
    let text = "“We will not be intimidated,” Obama said. “We will act.”";
    let analysis = analyze_text(&rules, text, None);
    assert_eq!(analysis.sentences[1].actor_names(&rules), ["USA"]);
    assert_eq!(
        actors(&rules, "We went to the beach."),
        Vec::<String>::new()
    );
    let text = "Obama told reporters before he left Washington that, in his view, “we will act.”";
    let analysis = analyze_text(&rules, text, None);
    let speaker = analysis.quotes[0].speaker.as_ref().unwrap();
    assert_eq!(speaker.actor.map(|a| rules.actor_name(a)), Some("USA"));
}

#[test]
fn registry_mistakes_are_located() {
    let bad_place = "[[actor]]\nid = \"AUT\"\nkind = \"state\"\naliases = [\"Austria\"]\nplaces = [\"Vienna\"]\n";
    let diags = diagnostics(&[("actors/a.toml", bad_place)]);
    assert!(
        diags.iter().any(|d| d.starts_with(
            "actors/a.toml:5:11: place `Vienna` of actor `AUT` is not one of its aliases"
        )),
        "{diags:?}"
    );
    let twice = "[location]\nwords = [\"in\"]\n";
    let diags = diagnostics(&[("actors/a.toml", twice), ("actors/b.toml", twice)]);
    assert!(
        diags.iter().any(|d| d.starts_with("actors/b.toml:1:1: `location` is already set in actors/a.toml")),
        "{diags:?}"
    );
    let among = "[[actor]]\nid = \"AUT\"\nkind = \"state\"\naliases = [\"Austria\"]\n\n[[reference]]\npattern = \"the kingdom\"\nresolves = \"state\"\namong = [\"XXX\"]\n";
    let diags = diagnostics(&[("actors/a.toml", among)]);
    assert!(
        diags
            .iter()
            .any(|d| d.starts_with("actors/a.toml:9:10: unknown actor `XXX` in `among`")),
        "{diags:?}"
    );
    for (key, column) in [
        ("events", 11),
        ("attributes", 15),
        ("attribute-suffixes", 23),
        ("places", 11),
        ("opposition", 15),
        ("opposition-stance", 22),
    ] {
        let misplaced = format!("[former]\nwords = [\"former\"]\n{key} = [\"summit\"]\n");
        let diags = diagnostics(&[("actors/a.toml", &misplaced)]);
        let want = format!(
            "actors/a.toml:3:{column}: `events`, `governments`, `located`, `label-prefixes`, `attributes`, `attribute-suffixes`, `places`, `opposition` and `opposition-stance` apply to `[location]` only"
        );
        assert!(diags.iter().any(|d| d.starts_with(&want)), "{diags:?}");
        // Reported once: the misplaced list is not also checked as
        // `[location]`'s would be.
        let on_line = diags.iter().filter(|d| d.starts_with("actors/a.toml:3:"));
        assert_eq!(on_line.count(), 1, "{diags:?}");
    }
    // An opposition-stance phrase opens with an opposition word and goes
    // on: alone it would cancel the word, elsewhere it would do nothing.
    for phrase in ["opposition", "forces to"] {
        let stance = format!(
            "[location]\nwords = [\"in\"]\nopposition = [\"opposition\"]\nopposition-stance = [\"{phrase}\"]\n"
        );
        let diags = diagnostics(&[("actors/a.toml", &stance)]);
        let want = format!("actors/a.toml:4:22: opposition-stance phrase `{phrase}`: write an `opposition` word and the words after it");
        assert!(diags.iter().any(|d| d.starts_with(&want)), "{diags:?}");
    }
    let prefix = "[location]\nwords = [\"in\"]\nlabel-prefixes = [\"R -\"]\n";
    let diags = diagnostics(&[("actors/a.toml", prefix)]);
    assert!(
        diags.iter().any(|d| d.starts_with(
            "actors/a.toml:3:19: label prefix `R -`: write the text right before the place, without spaces"
        )),
        "{diags:?}"
    );
    for suffix in ["based", "-", "-well based"] {
        let text = format!("[location]\nwords = [\"in\"]\nattribute-suffixes = [\"{suffix}\"]\n");
        let diags = diagnostics(&[("actors/a.toml", &text)]);
        let want = format!(
            "actors/a.toml:3:23: attribute suffix `{suffix}`: write a hyphen and the word it joins to the name"
        );
        assert!(diags.iter().any(|d| d.starts_with(&want)), "{diags:?}");
    }
    let given = "[given-names]\nexcept = [\"May\"]\nplace-words = [\"Garden\", \"Rose Garden\"]\n";
    let diags = diagnostics(&[("actors/a.toml", given)]);
    assert!(
        diags
            .iter()
            .any(|d| d.starts_with("actors/a.toml:3:26: place word `Rose Garden`: write one word")),
        "{diags:?}"
    );
}

#[test]
fn a_pack_needs_some_actor_registry() {
    let all: Vec<(String, String)> = common::files(&[])
        .into_iter()
        .filter(|(p, _)| p != "actors.toml")
        .collect();
    let Err(Error::Pack(diags)) = RuleSet::from_source(&PackSource::from_files(all)) else {
        panic!("a pack without a registry compiled");
    };
    assert!(
        diags.iter().any(|d| d
            .to_string()
            .contains("missing actors.toml (or actors/*.toml)")),
        "{diags:?}"
    );
}

/// "he" and "she" read the pronoun of the people in the registry: "she" is
/// never the nearest man, "he" never a woman; a reference that asks for a
/// pronoun finds no one who has none.
#[test]
fn pronouns_resolve_to_people_with_that_pronoun() {
    let rules = RuleSet::embedded().unwrap();
    let second = |text: &str| sentence_actors(&rules, text, 1);
    assert_eq!(
        second("Emmanuel Macron met Angela Merkel. She praised the deal."),
        ["DEU"]
    );
    assert_eq!(
        second("Angela Merkel met Emmanuel Macron. He praised the deal."),
        ["FRA"]
    );
    assert_eq!(
        second("Angela Merkel spoke first. He disagreed with the plan."),
        Vec::<String>::new()
    );

    // In a pack of its own: a person without a pronoun is found by name
    // only; the pronoun is checked where it is written.
    let actors = format!(
        "{}\n[[actor]]\nid = \"kim\"\nkind = \"person\"\nmember-of = \"PRK\"\naliases = [\"Kim\"]\n\n[[actor]]\nid = \"yoon\"\nkind = \"person\"\nmember-of = \"KOR\"\naliases = [\"Yoon\"]\npronoun = \"he\"\n\n[[reference]]\npattern = \"he\"\nresolves = \"person\"\npronoun = \"he\"\n",
        common::ACTORS
    );
    let own = compile(&[("actors.toml", &actors)]).unwrap();
    let second = |text: &str| sentence_actors(&own, text, 1);
    assert_eq!(second("Yoon met Kim. He left."), ["KOR"]);
    assert_eq!(second("Kim met officials. He left."), Vec::<String>::new());

    let bad = "[[actor]]\nid = \"AUT\"\nkind = \"state\"\naliases = [\"Austria\"]\npronoun = \"she\"\n\n[[actor]]\nid = \"x\"\nkind = \"person\"\naliases = [\"X\"]\npronoun = \"her\"\n\n[[reference]]\npattern = \"the country\"\nresolves = \"state\"\npronoun = \"she\"\n";
    let diags = diagnostics(&[("actors/a.toml", bad)]);
    for want in [
        "actors/a.toml:5:11: `pronoun` of actor `AUT`, which is no person",
        "actors/a.toml:11:11: pronoun `her`: use \"he\", \"she\" or \"they\"",
        "actors/a.toml:16:11: `pronoun` narrows a reference to people",
    ] {
        assert!(
            diags.iter().any(|d| d.starts_with(want)),
            "{want}\n{diags:?}"
        );
    }
}

/// A name after a title of `[person-titles]` that the registry does not
/// know is a person: "he" whose first person is such a one refers to them,
/// not to the leader named before; a known name after a title is that
/// actor; a man's title does not stop "she".
#[test]
fn a_titled_unknown_person_stops_a_pronoun() {
    let rules = RuleSet::embedded().unwrap();
    let second = |text: &str| sentence_actors(&rules, text, 1);
    let nobody = Vec::<String>::new();
    assert_eq!(
        second("Tony Blair spoke on Monday. Mr Clarke says he does not intend to use the powers."),
        nobody
    );
    assert_eq!(
        second("Tony Blair spoke on Monday. Then he said he does not intend to use the powers."),
        ["GBR"]
    );
    assert_eq!(
        second("Tony Blair spoke on Monday. Mr. Obama said he would help."),
        ["USA"]
    );
    assert_eq!(
        second("Angela Merkel arrived. Mr. Smith greeted her and she smiled."),
        ["DEU"]
    );
    // The unknown person of the sentence before stops it too.
    let text = "Tony Blair spoke on Monday. Sen. Chris Murphy disagreed. He called it a mistake.";
    assert_eq!(sentence_actors(&rules, text, 2), nobody);
}

/// A capitalised name right after a given name (`[given-names]`) is a
/// surname: no state, no pronoun, no other member of a leader's family;
/// a person's own given name before their alias keeps it; a given name
/// that is itself an actor's name, one of `except`, one in capitals or
/// one in a headline does not count.
#[test]
fn a_name_after_a_given_name_is_a_surname() {
    let rules = RuleSet::embedded().unwrap();
    let nobody = Vec::<String>::new();
    for text in [
        "Rep. Steve Israel said the vote was close.",
        "Mavericks owner Mark Cuban spoke to reporters on the team's plans.",
        "He was born to Fred and Mary Trump in New York.",
        "Mary L. Trump wrote a book about her family and its wealth.",
    ] {
        assert_eq!(actors(&rules, text), nobody, "{text}");
    }
    for (text, want) in [
        ("Donald John Trump signed the order.", "USA"),
        (
            "Justin and Sophie Trudeau arrived in the capital on Monday.",
            "CAN",
        ),
        ("In May Britain voted to leave.", "GBR"),
        ("Steve Israel met Benjamin Netanyahu in Israel.", "ISR"),
        ("Protesters Mark Russia's Invasion Anniversary", "RUS"),
        (
            "LET VICTIMS SUE CHINESE COMMUNIST PARTY, SENATOR SAYS",
            "CHN",
        ),
    ] {
        assert_eq!(actors(&rules, text), [want], "{text}");
    }
    // "Chad" is a state's name (ambiguous, so no actor here), not a given
    // name before "Chile".
    assert_eq!(
        actors(&rules, "Brazil, Chad Chile and Peru signed."),
        ["BRA", "CHL", "PER"]
    );
    // "He" after a given name is a surname, not the pronoun that would
    // resolve to Trump.
    let mentions = |text: &str| mention_texts(&rules, text);
    assert_eq!(
        mentions("Trump spoke. Alan He said the vote was close."),
        ["Trump"]
    );
    assert_eq!(
        mentions("Trump spoke. He said the vote was close."),
        ["Trump", "He"]
    );

    // In a pack of its own: names.toml alone changes nothing; with
    // `[given-names]` in the registry its given names read surnames, but
    // those of `except`.
    let names = (
        "names.toml",
        "[[list]]\nsource = \"test\"\ngiven = [\"Lauren\", \"May\"]\n",
    );
    let registry = format!("{REGISTRY}\n[given-names]\nexcept = [\"May\"]\n");
    let mut plain = files();
    plain.push(names);
    let plain = compile(&plain).unwrap();
    let mut with_section = files();
    with_section.retain(|(p, _)| *p != "actors/registry.toml");
    with_section.extend([("actors/registry.toml", registry.as_str()), names]);
    let with_section = compile(&with_section).unwrap();
    let text = "Lauren French wrote about France. In May France voted.";
    let mentions = |rules: &RuleSet| mention_texts(rules, text);
    assert_eq!(mentions(&plain), ["French", "France", "France"]);
    // "French" after "Lauren" is a surname; "France" after "May" is not.
    assert_eq!(mentions(&with_section), ["France", "France"]);
}

/// A given name before another capitalised word names a person the
/// registry may not know: "he" or "she" whose nearest person is such a one
/// refers to them, not to the leader named before; the name's list says
/// which pronoun it takes, also after a title of either.
#[test]
fn a_given_name_names_an_unknown_person() {
    let rules = RuleSet::embedded().unwrap();
    let second = |text: &str| sentence_actors(&rules, text, 1);
    let nobody = Vec::<String>::new();
    // Tom is a man's name: "he" is Tom Jones, no actor.
    assert_eq!(
        second("Tony Blair spoke on Monday. Tom Jones says he will not use the powers."),
        nobody
    );
    // ... but not "she".
    assert_eq!(
        second("Angela Merkel spoke on Monday. Tom Jones says she will not use the powers."),
        ["DEU"]
    );
    // Elizabeth is a woman's name: after "Sen.", a title of either, "he"
    // passes over her to the man before.
    assert_eq!(
        second("Donald Trump spoke first. Sen. Elizabeth Warren replied that he was wrong."),
        ["USA"]
    );
    // A known name is that actor, as always.
    assert_eq!(
        second("Tony Blair spoke on Monday. Joe Biden said he would help."),
        ["USA"]
    );
    // A given name before a place word names a place: "he" passes it.
    assert_eq!(
        second("Tony Blair spoke on Monday. At the Grant Park rally he said he would help."),
        ["GBR"]
    );
    assert_eq!(
        second("Tony Blair spoke on Monday. At the Grant Parker rally he said he would help."),
        nobody
    );
}

/// A state, organisation or group noun that "of" and an actor's name
/// qualify is that actor's, however the sentence's subject would resolve
/// it: "the regime of Syrian President Bashar Assad" is Syria's, not the
/// United States'. A person's role noun still resolves as references do.
#[test]
fn a_body_noun_qualified_by_of_is_that_actors() {
    let rules = RuleSet::embedded().unwrap();
    assert_eq!(
        mention_texts(
            &rules,
            "The U.S. mulls strikes against the regime of Syrian President Bashar Assad."
        ),
        ["U.S.", "Syrian", "Bashar Assad"]
    );
    // Unqualified, "the regime" resolves to the state named before it.
    assert_eq!(
        mention_texts(&rules, "The U.S. mulls strikes against the regime."),
        ["U.S.", "the regime"]
    );
    assert_eq!(
        mention_texts(
            &rules,
            "Obama thanked the government of the United Kingdom."
        ),
        ["Obama", "United Kingdom"]
    );
    // The officials are the UN's, not the Holy See's of the sentence before.
    assert_eq!(
        sentence_actors(
            &rules,
            "Pope Francis spoke. Officials of the United Nations met later.",
            1
        ),
        ["UN"]
    );
    assert_eq!(
        sentence_actors(&rules, "Pope Francis spoke. Officials met later.", 1),
        ["VAT"]
    );
    // An alias that may be an adjective of something else, with a
    // lower-case word after it, qualifies nothing: "the government" is
    // Biden's.
    assert_eq!(
        sentence_actors(
            &rules,
            "Biden spoke. Critics warned the government of Iranian plots.",
            1
        ),
        ["IRN", "USA"]
    );
    // An alias that holds its article ("The Gambia") qualifies too.
    assert_eq!(
        sentence_actors(
            &rules,
            "Putin spoke. The government of The Gambia said no.",
            1
        ),
        ["GMB"]
    );
    // A person qualifies it too, past a capitalised title: the noun is
    // the person's state, which the person's name counts, not the state
    // of the sentence before.
    assert_eq!(
        mention_texts(
            &rules,
            "Putin spoke. Reporters asked about the administration of Vladimir Putin."
        ),
        ["Putin", "Vladimir Putin"]
    );
    assert_eq!(
        sentence_actors(
            &rules,
            "Trump spoke on Monday. Syrians fled the regime of President Bashar Assad.",
            1
        ),
        ["SYR"]
    );
    assert_eq!(
        sentence_actors(
            &rules,
            "Trump spoke on Monday. The government of Prime Minister Benjamin Netanyahu objected.",
            1
        ),
        ["ISR"]
    );
}
