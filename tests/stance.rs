//! Directed stance edges, table-driven on the shipped pack: source and
//! target selection, prepositional phrases, possessors, passives, reversed
//! cues, negation, clause breaks, and cues that yield no edge.

mod common;

use framescope::internals::engine::analysis::analyze_text;
use framescope::RuleSet;

/// The fixture pack with a stance.toml of the cue lists `cues` followed by
/// `extra` (a setting or a section), for tests of one stance setting.
fn stance_pack(cues: &str, extra: &str) -> RuleSet {
    common::compile(&[("stance.toml", &format!("{cues}{extra}"))]).expect("pack compiles")
}

fn edges(rules: &RuleSet, text: &str) -> Vec<String> {
    let mut out: Vec<String> = analyze_text(rules, text, None)
        .sentences
        .iter()
        .flat_map(|s| s.edges.iter().map(|e| e.label(rules)))
        .collect();
    out.sort();
    out
}

struct Case {
    name: &'static str,
    text: &'static str,
    want: &'static [&'static str],
}

const CASES: &[Case] = &[
    Case {
        name: "a person who is no actor, named after the cue, is its object",
        text: "Russia accused Sen. Norm Coleman of wanting war with Syria.",
        want: &[],
    },
    Case {
        name: "so is a person named by a given name",
        text: "China criticized Robert Smith over his stance on Japan.",
        want: &[],
    },
    Case {
        name: "and a reference to such a person",
        text: "Mr. Ohr testified in August. Afterwards Russia attacked him over Japan.",
        want: &[],
    },
    Case {
        name: "an actor joined to the person is an object with them",
        text: "Mr. Ohr testified in August. Afterwards Russia attacked him and the United States.",
        want: &["RUS->USA negative"],
    },
    Case {
        name: "a person who only owns the object leaves the object search going",
        text: "Russia criticized Sen. Norm Coleman's plan to arm Ukraine.",
        want: &["RUS->UKR negative"],
    },
    Case {
        name: "a person named by a given name who owns the object leaves it going too",
        text: "Russia criticized Robert Smith\u{2019}s plan to arm Ukraine.",
        want: &["RUS->UKR negative"],
    },
    Case {
        name: "a person followed by the agent word is in the act's phrase, not the object",
        text: "The United States condemned the murder of journalist James Foley by ISIS.",
        want: &["USA->ISIS negative"],
    },
    Case {
        name: "an actor before the person is the object",
        text: "Russia accused Ukraine and Sen. Norm Coleman of provocations.",
        want: &["RUS->UKR negative"],
    },
    Case {
        name: "the source's own actor as the object is the object: no edge",
        text: "Trump chastised his own intelligence officials for being soft on Iran.",
        want: &[],
    },
    Case {
        name: "the source's own actor in a new clause ends the object",
        text: "China praised the move, with a spokeswoman saying China hoped relations between the U.S. and Vietnam would improve.",
        want: &[],
    },
    Case {
        name: "the source's own actor qualifying the object is passed over",
        text: "Trump threatened to close the U.S. border with Mexico. Kim praised the country's friendly relationship with China.",
        want: &["PRK->CHN positive", "USA->MEX negative"],
    },
    Case {
        name: "a premodifier past any space or hyphen is passed over too",
        text: "Trump threatened to close the U.S.\u{a0}border with Mexico. Trump threatened to end the U.S.\u{2011}brokered truce with Mexico.",
        want: &["USA->MEX negative", "USA->MEX negative"],
    },
    Case {
        name: "a plural possessor of the object is passed over",
        text: "China ripped the announcement as damaging to both countries' interests, and to the United States.",
        want: &["CHN->USA negative"],
    },
    Case {
        name: "subject to object",
        text: "Russia praised North Korea.",
        want: &["RUS->PRK positive"],
    },
    Case {
        name: "every actor after the cue is a target",
        text: "Trump accused China, Russia and North Korea of conspiring.",
        want: &[
            "USA->CHN negative",
            "USA->PRK negative",
            "USA->RUS negative",
        ],
    },
    Case {
        name: "the nearest subject, not an earlier one",
        text: "After meeting Xi, Putin praised Japan.",
        want: &["RUS->JPN positive"],
    },
    Case {
        name: "an actor in a prepositional phrase is not the subject",
        text: "Japan, after talks with China, condemned North Korea.",
        want: &["JPN->PRK negative"],
    },
    Case {
        name: "a possessor is the source",
        text: "It showed Beijing’s firm support for Pyongyang.",
        want: &["CHN->PRK positive"],
    },
    Case {
        name: "passive reverses",
        text: "North Korea was condemned by Japan.",
        want: &["JPN->PRK negative"],
    },
    Case {
        name: "passive with an adverb",
        text: "Ukraine was strongly criticized by Russia.",
        want: &["RUS->UKR negative"],
    },
    Case {
        name: "a passive with no agent names no doer",
        text: "Iran was condemned over Israel.",
        want: &[],
    },
    Case {
        name: "a passive with no agent, past an adverb and \"been\"",
        text: "Russia has been widely criticized over Ukraine.",
        want: &[],
    },
    Case {
        name: "a passive with no agent, in a quotation: no speaker stands in",
        text: "North Korea was sanctioned over its tests, Japan said.",
        want: &[],
    },
    Case {
        name: "a quotation mark before the cue is no word between",
        text: "America has been “ripped off” by China.",
        want: &["CHN->USA negative"],
    },
    Case {
        name: "an auxiliary two words back past a name is no passive's",
        text: "The truth is Russia attacked Ukraine.",
        want: &["RUS->UKR negative"],
    },
    Case {
        name: "a multi-word cue after a false auxiliary",
        text: "The reason is Washington imposed sanctions on Moscow.",
        want: &["USA->RUS negative"],
    },
    Case {
        name: "a passive adjective with its agent past an adverbial",
        text: "Germany was opposed on Monday by Russia.",
        want: &["RUS->DEU negative"],
    },
    Case {
        name: "a passive adjective keeps its subject as source",
        text: "Germany is opposed to the Russian plan.",
        want: &["DEU->RUS negative"],
    },
    Case {
        name: "a progressive is active",
        text: "Russia is backing Syria.",
        want: &["RUS->SYR positive"],
    },
    Case {
        name: "a reversed cue after an auxiliary reads from its subject",
        text: "Japan was angered by China.",
        want: &["JPN->CHN negative"],
    },
    Case {
        name: "a reversed cue after an auxiliary, with no agent",
        text: "Beijing was outraged at the decision by Washington.",
        want: &["CHN->USA negative"],
    },
    Case {
        name: "a reversed cue after an auxiliary takes coordinated subjects and objects",
        text: "Japan and South Korea were outraged at China and Russia.",
        want: &[
            "JPN->CHN negative",
            "JPN->RUS negative",
            "KOR->CHN negative",
            "KOR->RUS negative",
        ],
    },
    Case {
        name: "a reversed cue after an auxiliary takes no object past the next cue, and \
               undoes it: whom Russia praised is not said ([undoing])",
        text: "Japan was angered by last week's praise from Russia.",
        want: &[],
    },
    Case {
        name: "an undone reversed cue says nothing of whom its source's act was toward",
        text: "Japan was angered by praise from Russia.",
        want: &[],
    },
    Case {
        name: "an undone reversed cue after an active undoing word yields nothing either",
        text: "Japan condemned praise from Russia.",
        want: &[],
    },
    Case {
        name: "a reversed cue after an auxiliary never takes its quotation's speaker",
        text: "“Beijing was outraged,” the White House said.",
        want: &[],
    },
    Case {
        name: "a reversed cue after a false auxiliary stays reversed",
        text: "The problem was Washington angered Beijing.",
        want: &["CHN->USA negative"],
    },
    Case {
        name: "a reversed cue takes its source after it",
        text: "Pyongyang won political backing from the Kremlin.",
        want: &["RUS->PRK positive"],
    },
    Case {
        name: "a reversed cue's source heads the phrase after it",
        text: "Obama is under criticism from many Republicans and some Democrats for his policy toward Syria.",
        want: &[],
    },
    Case {
        name: "a passive's source heads the phrase after its agent word",
        text: "Russia's annexation was slammed by the West as a violation of Ukraine's sovereignty.",
        want: &[],
    },
    Case {
        name: "a passive's source may stand a few words after its agent word",
        text: "North Korea was backed by the Soviet Union and China.",
        want: &["CHN->PRK positive"],
    },
    Case {
        name: "a source's opening quotation mark is no word before it",
        text: "Iraq was backed by the newly formed so-called \"Islamic State\".",
        want: &["ISIS->IRQ positive"],
    },
    Case {
        name: "a seated government's place counts from the government's words",
        text: "Turkey was criticised by senior government officials in northern Damascus.",
        want: &["SYR->TUR negative"],
    },
    Case {
        name: "a reversed verb takes its object however long",
        text: "Russia's move angered many in the alliance, including Britain.",
        want: &["GBR->RUS negative"],
    },
    Case {
        name: "a negated cue states no stance (the default pack's stance-factor 0)",
        text: "China did not criticize Russia.",
        want: &[],
    },
    Case {
        name: "edges stay in their clause",
        text: "Japan condemned North Korea, while China praised Russia.",
        want: &["CHN->RUS positive", "JPN->PRK negative"],
    },
    Case {
        name: "and/or coordinates",
        text: "Trump accused China and/or Russia of conspiring.",
        want: &["USA->CHN negative", "USA->RUS negative"],
    },
    Case {
        name: "no source, no edge",
        text: "The plan was praised widely in Seoul.",
        want: &[],
    },
    Case {
        name: "no target, no edge",
        text: "Russia praised the plan.",
        want: &[],
    },
    Case {
        name: "an actor is not its own target",
        text: "Russia praised the Kremlin.",
        want: &[],
    },
    Case {
        name: "a co-mention is no stance",
        text: "China and Russia met in Beijing.",
        want: &[],
    },
    Case {
        name: "the noun alone has no direction",
        text: "Putin drew criticism in the United States.",
        want: &[],
    },
    Case {
        name: "a cue's object is the act after it, not the act's target",
        text: "Trump threatened tariffs on China.",
        want: &["USA->CHN negative"],
    },
    Case {
        name: "condemning an attack is no hostility toward its target",
        text: "China condemned the attack on Israel.",
        want: &[],
    },
    Case {
        name: "an actor between the undoing word and the act is its agent",
        text: "Russia condemned the US sanctions on Iran.",
        want: &["RUS->USA negative", "USA->IRN negative"],
    },
    Case {
        name: "lifting sanctions states no stance",
        text: "The United Nations will also lift its sanctions on Iran.",
        want: &[],
    },
    Case {
        name: "withholding aid is hostile (the default pack's positive-factor -1)",
        text: "Trump withheld military aid to Ukraine.",
        want: &["USA->UKR negative"],
    },
    Case {
        name: "an undone act leaves the object to the cue before it",
        text: "Trump threatened to cut off aid to Honduras.",
        // "threatened" toward Honduras, and the aid cut off turned hostile
        want: &["USA->HND negative", "USA->HND negative"],
    },
    Case {
        name: "an actor after an opponent word is no object of a positive cue",
        text: "Israel defended itself against Hamas.",
        want: &[],
    },
    Case {
        name: "the object before an opponent word keeps the edge",
        text: "The U.S. defended Japan against China.",
        want: &["USA->JPN positive"],
    },
    Case {
        name: "an opponent word does not stop a negative cue",
        text: "Japan warned North Korea against provocations.",
        want: &["JPN->PRK negative"],
    },
    Case {
        name: "an undoing word in a passive is done to the subject, whose act stands",
        text: "Iran was condemned over its support for Hezbollah.",
        want: &["IRN->HEZBOLLAH positive"],
    },
    Case {
        name: "a passive undoing word past an adverb undoes nothing either",
        text: "Iran was widely condemned for its attacks on Israel.",
        want: &["IRN->ISR negative"],
    },
    Case {
        name: "a passive undoing word with its agent word undoes the act it names",
        text: "Japan and South Korea were angered by the sanctions on Russia.",
        want: &[],
    },
    Case {
        name: "an active undoing word still undoes the act after it",
        text: "The United States condemned support for Hezbollah.",
        want: &["USA->HEZBOLLAH negative"],
    },
    Case {
        name: "a passive adjective is the subject's stance and still undoes",
        text: "Germany is opposed to sanctions on Russia.",
        want: &[],
    },
    Case {
        name: "an undoing word does not reach past a conjunction",
        text: "Trump renewed his threat to scrap NAFTA and ripped on Canada.",
        want: &["USA->CAN negative"],
    },
    Case {
        name: "a compound's own name is its source, not the clause's subject",
        text: "The U.S. held talks with Iran-backed Houthi forces.",
        want: &["IRN->HOUTHIS positive"],
    },
    Case {
        name: "a compound joined to no actor states nothing",
        text: "Obama stayed neutral toward the military-backed government of Egypt.",
        want: &[],
    },
    Case {
        name: "a compound's target heads the phrase right after it",
        text: "Washington will target Iranian-backed forces near American bases.",
        want: &[],
    },
    Case {
        name: "an active participle's compound runs the other way",
        text: "Russia-supporting Syrian leaders met.",
        want: &["SYR->RUS positive"],
    },
    Case {
        name: "a held cue still ends the object of the cue before it",
        text: "China condemned on Monday in a long statement the brutal attack on Israel's delegation as the national football team stayed.",
        want: &[],
    },
    Case {
        name: "the agent word past dashes and an adverbial",
        text: "The EU's move was welcomed — at the time — by Beijing.",
        want: &["CHN->EU positive"],
    },
    Case {
        name: "a noun joined by a hyphen is no compound",
        text: "Washington praised NATO-ally Turkey.",
        want: &["USA->NATO positive"],
    },
];

#[test]
fn edge_table() {
    let rules = RuleSet::embedded().unwrap();
    for case in CASES {
        assert_eq!(
            edges(&rules, case.text),
            case.want,
            "{}: {}",
            case.name,
            case.text
        );
    }
}

/// An unspaced dash separates words as a spaced one does (one tokeniser):
/// "Israel—that" is the clause break "that", not one word.
#[test]
fn an_unspaced_dash_reads_as_a_spaced_one() {
    let rules = RuleSet::embedded().unwrap();
    for text in [
        "Iran faced an attack—reportedly launched by the United States and Israel—that targeted Iranian equipment.",
        "Japan condemned North Korea—while China praised Russia.",
    ] {
        let spaced = text.replace('—', " — ");
        assert_eq!(edges(&rules, text), edges(&rules, &spaced), "{text}");
    }
}

#[test]
fn hedges_soften_and_evidence_names_the_cue() {
    let rules = RuleSet::embedded().unwrap();
    let text = "Pyongyang reportedly sent troops to support Moscow.";
    let s = &analyze_text(&rules, text, None).sentences[0];
    let e = &s.edges[0];
    assert_eq!(e.label(&rules), "PRK->RUS positive");
    assert!((e.weight - 0.7).abs() < 1e-9, "{}", e.weight);
    assert_eq!(e.cue(text), "to support");
    assert!(rules.origin_label(e.rule).starts_with("stance.toml:"));
    assert_eq!(
        (e.source_text(text), e.target_text(text)),
        ("Pyongyang", "Moscow")
    );
    assert_eq!(e.modifiers[0].kind.as_str(), "hedge");
}

fn actors(rules: &RuleSet, text: &str) -> Vec<Vec<String>> {
    analyze_text(rules, text, None)
        .sentences
        .into_iter()
        .map(|s| s.actor_names(rules).into_iter().map(String::from).collect())
        .collect()
}

struct RefCase {
    name: &'static str,
    text: &'static str,
    want: &'static [&'static [&'static str]],
}

const REFERENCES: &[RefCase] = &[
    RefCase {
        name: "he is the last person",
        text: "Putin spoke. He left.",
        want: &[&["RUS"], &["RUS"]],
    },
    RefCase {
        name: "the country is the last state",
        text: "Japan voted no. The country abstained later.",
        want: &[&["JPN"], &["JPN"]],
    },
    RefCase {
        name: "both sides are the two last states",
        text: "China met Russia. Both sides signed.",
        want: &[&["CHN", "RUS"], &["CHN", "RUS"]],
    },
    RefCase {
        name: "the three countries",
        text: "Iran, China and Russia met. The three countries agreed.",
        want: &[&["CHN", "IRN", "RUS"], &["CHN", "IRN", "RUS"]],
    },
    RefCase {
        name: "the North only once North Korea was named",
        text: "The North was quiet. North Korea then spoke. The North fired.",
        want: &[&[], &["PRK"], &["PRK"]],
    },
    RefCase {
        name: "an alias wins over an overlapping reference",
        text: "Russia spoke. The North Korean leader left.",
        want: &[&["RUS"], &["PRK"]],
    },
    RefCase {
        name: "references look back two sentences only",
        text: "Putin spoke. It rained. It snowed. He left.",
        want: &[&["RUS"], &[], &[], &[]],
    },
    RefCase {
        name: "nothing to refer to",
        text: "He left.",
        want: &[&[]],
    },
];

#[test]
fn reference_table() {
    let rules = RuleSet::embedded().unwrap();
    for case in REFERENCES {
        let want: Vec<Vec<String>> = case
            .want
            .iter()
            .map(|s| s.iter().map(|a| a.to_string()).collect())
            .collect();
        assert_eq!(
            actors(&rules, case.text),
            want,
            "{}: {}",
            case.name,
            case.text
        );
    }
}

#[test]
fn references_are_marked_and_can_be_switched_off() {
    let mut rules = RuleSet::embedded().unwrap();
    let text = "Xi spoke. He praised Russia.";
    let s = &analyze_text(&rules, text, None).sentences[1];
    let he = s.mentions.iter().find(|m| m.span.of(text) == "He").unwrap();
    assert!(he.resolved);
    assert_eq!(
        (rules.actor_name(he.actor), rules.actor_name(he.entity)),
        ("CHN", "xi-jinping")
    );
    assert_eq!(s.edges[0].label(&rules), "CHN->RUS positive");
    rules.set_resolve_references(false);
    let s = &analyze_text(&rules, text, None).sentences[1];
    assert_eq!(s.actor_names(&rules), ["RUS"]);
    assert!(s.edges.is_empty());
}

/// A mutual cue has no direction and no object: `reverse` or `label` with
/// it is a located pack error.
#[test]
fn a_mutual_cue_cannot_be_reversed_or_a_label() {
    let stance =
        "positive = [\n  { pattern = \"deepen ties\", mutual = true, reverse = true },\n]\n";
    let diags = common::diagnostics(&[("stance.toml", stance)]);
    assert!(
        diags.iter().any(|d| d
            .starts_with("stance.toml:2:15: stance cue `deepen ties` is `mutual` and `reverse`")),
        "{diags:?}"
    );
}

/// `stance-factor` decides what negation does to a cue: a negative factor
/// flips its polarity (VADER's N_SCALAR), 0 takes the edge away (the
/// default pack: "did not criticize" states no stance).
#[test]
fn the_stance_factor_flips_or_removes_a_negated_cue() {
    let stance = "negative = [{ pattern = \"criticize*\", weight = 1.0 }]\n";
    let with = |factor: &str| {
        let modifiers = common::MODIFIERS.replace(
            "stance-factor = -0.74",
            &format!("stance-factor = {factor}"),
        );
        common::compile(&[("stance.toml", stance), ("modifiers.toml", &modifiers)])
            .expect("pack compiles")
    };
    let text = "China did not criticize North Korea.";
    assert_eq!(edges(&with("-0.74"), text), ["CHN->PRK positive"]);
    assert!(edges(&with("0.0"), text).is_empty());
    assert_eq!(
        edges(&with("0.0"), "China criticized North Korea."),
        ["CHN->PRK negative"]
    );
}

/// `[undoing]` factors decide what an undone cue becomes: 0 takes the edge
/// away, −1 turns it round; without the section nothing is undone.
#[test]
fn undoing_factors_remove_or_turn_an_undone_cue() {
    let cues = "positive = [{ pattern = \"aid to\", weight = 1.0 }]\nnegative = [{ pattern = \"sanctions on\", weight = 1.0 }]\n";
    let with = |undoing: &str| stance_pack(cues, undoing);
    let section = |positive: &str, negative: &str| {
        format!(
            "[undoing]\nwindow = 3\npositive-factor = {positive}\nnegative-factor = {negative}\nwords = [\"lifted\", \"withheld\"]\n"
        )
    };
    let aid = "China withheld aid to North Korea.";
    let sanctions = "China lifted sanctions on North Korea.";
    let none = with("");
    assert_eq!(edges(&none, aid), ["CHN->PRK positive"]);
    assert_eq!(edges(&none, sanctions), ["CHN->PRK negative"]);
    let removed = with(&section("0.0", "0.0"));
    assert!(edges(&removed, aid).is_empty());
    assert!(edges(&removed, sanctions).is_empty());
    let turned = with(&section("-1.0", "-1.0"));
    assert_eq!(edges(&turned, aid), ["CHN->PRK negative"]);
    assert_eq!(edges(&turned, sanctions), ["CHN->PRK positive"]);
    // Out of reach: four words stand between.
    assert_eq!(
        edges(
            &removed,
            "China withheld a large share of aid to North Korea."
        ),
        ["CHN->PRK positive"]
    );
}

/// `opponent-words` decide where a positive cue's object ends: without the
/// list an actor after "against" is backed, with it that actor is whom the
/// act is against.
#[test]
fn opponent_words_end_a_positive_cues_object() {
    let cues = "positive = [{ pattern = \"defended\", weight = 1.0 }]\nnegative = [{ pattern = \"condemned\", weight = 1.0 }]\n";
    let with = |extra: &str| stance_pack(cues, extra);
    let defended = "China defended itself against North Korea.";
    let condemned = "China condemned attacks against North Korea.";
    let none = with("");
    assert_eq!(edges(&none, defended), ["CHN->PRK positive"]);
    assert_eq!(edges(&none, condemned), ["CHN->PRK negative"]);
    let against = with("opponent-words = [\"against\"]\n");
    assert!(edges(&against, defended).is_empty());
    // A negative cue's object may well follow "against".
    assert_eq!(edges(&against, condemned), ["CHN->PRK negative"]);
    assert_eq!(
        edges(
            &against,
            "The U.S. defended South Korea against North Korea."
        ),
        ["USA->KOR positive"]
    );
}

/// `opponent-nouns` keep an actor in the possessive before its opponents
/// out of an edge: without the list "support for North Korea's rebels"
/// backs North Korea, with it no one.
#[test]
fn an_actor_possessing_its_opponents_is_no_object() {
    let cues = "positive = [{ pattern = \"support for\", weight = 1.0 }]\n";
    let with = |extra: &str| stance_pack(cues, extra);
    let rebels = "China increased its support for North Korea's rebels.";
    let none = with("");
    assert_eq!(edges(&none, rebels), ["CHN->PRK positive"]);
    let nouns = with("opponent-nouns = [\"rebels\"]\n");
    assert!(edges(&nouns, rebels).is_empty());
}

/// `object-stops` end every cue's object: without the list an actor after
/// "than" is the object; with it that actor is compared, and there is no
/// edge. After "more" or before a number "than" states a quantity and
/// stops nothing.
#[test]
fn object_stops_end_a_cues_object() {
    let cues = "positive = [{ pattern = \"praised\", weight = 1.0 }]\nnegative = [{ pattern = \"tariffs on\", weight = 1.0 }]\n";
    let with = |extra: &str| stance_pack(cues, extra);
    let compared = "China praised the leader as stronger than North Korea.";
    let number = "China imposed tariffs on more than $20 billion of South Korean goods.";
    let many = "China imposed tariffs on more than a dozen South Korean firms.";
    let none = with("");
    assert_eq!(edges(&none, compared), ["CHN->PRK positive"]);
    let stops = with("object-stops = [\"than\"]\n");
    assert!(edges(&stops, compared).is_empty());
    assert_eq!(edges(&stops, number), ["CHN->KOR negative"]);
    assert_eq!(edges(&stops, many), ["CHN->KOR negative"]);
}

/// `fronted-openers` that open a sentence end its first clause at the
/// first comma: without the list the main clause's subjects take the
/// fronted clause's object; with it they do not. Elsewhere in the sentence
/// the word ends no clause.
#[test]
fn a_fronted_opener_ends_the_first_clause_at_its_comma() {
    let cues = "negative = [{ pattern = \"invaded\", weight = 1.0 }, { pattern = \"criticized\", weight = 1.0 }]\n";
    let with = |extra: &str| stance_pack(cues, extra);
    let fronted = "After China invaded North Korea, South Korea and the United States met.";
    let inside = "South Korea criticized North Korea after talks.";
    let none = with("");
    assert_eq!(
        edges(&none, fronted),
        [
            "CHN->KOR negative",
            "CHN->PRK negative",
            "CHN->USA negative"
        ]
    );
    let listed = with("fronted-openers = [\"after\"]\n");
    assert_eq!(edges(&listed, fronted), ["CHN->PRK negative"]);
    assert_eq!(edges(&listed, inside), ["KOR->PRK negative"]);
}

/// An actor joined by a hyphen to a word in lower case is no subject of a
/// cue after it, unless the word is one of the `compound-agents`: with an
/// empty list neither compound's actor acts; with "led" the leader does.
#[test]
fn a_hyphenated_premodifier_is_no_subject_unless_it_leads() {
    let cues = "negative = [{ pattern = \"attacked\", weight = 1.0 }]\n";
    let with = |extra: &str| stance_pack(cues, extra);
    let backed = "China-backed forces attacked South Korea.";
    let led = "The China-led coalition attacked South Korea.";
    let none = with("compound-agents = []\n");
    assert!(edges(&none, backed).is_empty());
    assert!(edges(&none, led).is_empty());
    let leading = with("compound-agents = [\"led\"]\n");
    assert!(edges(&leading, backed).is_empty());
    assert_eq!(edges(&leading, led), ["CHN->KOR negative"]);
    // A name joined to a capitalised word is a compound name, not a
    // premodifier.
    assert_eq!(
        edges(
            &none,
            "China-Russia talks stalled as China attacked South Korea."
        ),
        ["CHN->KOR negative"]
    );
}

/// A cue after one of the `conditionals`, with no separator between,
/// states no stance: without the list the condition's act is an edge; with
/// it, not, while a cue before the word, or after the condition's comma,
/// still is.
#[test]
fn a_cue_in_a_condition_states_no_stance() {
    let cues = "negative = [{ pattern = \"attacked\", weight = 1.0 }, { pattern = \"warned\", weight = 1.0 }]\n";
    let with = |extra: &str| stance_pack(cues, extra);
    let condition = "China said it would act if South Korea attacked North Korea.";
    let before = "China warned South Korea if talks failed.";
    let after_comma = "If talks fail, China attacked South Korea.";
    let none = with("conditionals = []\n");
    assert_eq!(edges(&none, condition), ["KOR->PRK negative"]);
    let listed = with("conditionals = [\"if\"]\n");
    assert!(edges(&listed, condition).is_empty());
    assert_eq!(edges(&listed, before), ["CHN->KOR negative"]);
    assert_eq!(edges(&listed, after_comma), ["CHN->KOR negative"]);
}

/// Each one-word list of stance.toml (conditionals, compound agents,
/// of-complements, qualifier prefixes, opponent words, opponent nouns,
/// reflexives, object stops, fronted openers, passive adjectives) refuses a phrase with a
/// located pack error.
#[test]
fn one_word_lists_refuse_phrases() {
    let cases = [
        (
            "conditionals = [\"even if\"]\n",
            "stance.toml:1:17: conditional `even if` has several words",
        ),
        (
            "compound-agents = [\"led by\"]\n",
            "stance.toml:1:20: compound agent `led by` has several words",
        ),
        (
            "of-complements = [\"accused of\"]\n",
            "stance.toml:1:19: of-complement cue `accused of` has several words",
        ),
        (
            "qualifier-prefixes = [\"anti war\"]\n",
            "stance.toml:1:23: qualifier prefix `anti war` has several words",
        ),
        (
            "opponent-words = [\"up against\"]\n",
            "stance.toml:1:19: opponent word `up against` has several words",
        ),
        (
            "opponent-nouns = [\"armed rebels\"]\n",
            "stance.toml:1:19: opponent noun `armed rebels` has several words",
        ),
        (
            "reflexives = [\"him self\"]\n",
            "stance.toml:1:15: reflexive `him self` has several words",
        ),
        (
            "object-stops = [\"rather than\"]\n",
            "stance.toml:1:17: object stop `rather than` has several words",
        ),
        (
            "fronted-openers = [\"even if\"]\n",
            "stance.toml:1:20: fronted opener `even if` has several words",
        ),
        (
            "[passive]\nagent = \"by\"\nauxiliaries = [\"is\"]\nadjectives = [\"set against\"]\n",
            "stance.toml:4:15: passive adjective `set against` has several words",
        ),
    ];
    for (toml, want) in cases {
        let diags = common::diagnostics(&[("stance.toml", toml)]);
        assert!(
            diags.iter().any(|d| d.starts_with(want)),
            "{toml}: {diags:?}"
        );
    }
}

/// `reflexives` right after a cue are its only object: without the list
/// an actor further on is the object; with it there is no edge, unless
/// the reflexive stands further on, another verb's object.
#[test]
fn a_reflexive_right_after_a_cue_is_its_object() {
    let cues = "positive = [{ pattern = \"defended\", weight = 1.0 }]\nnegative = [{ pattern = \"threatened\", weight = 1.0 }]\n";
    let with = |extra: &str| stance_pack(cues, extra);
    let reflexive = "China defended itself on Monday in talks with North Korea.";
    let further = "China threatened to protect itself from North Korea.";
    let none = with("");
    assert_eq!(edges(&none, reflexive), ["CHN->PRK positive"]);
    let listed = with("reflexives = [\"itself\"]\n");
    assert!(edges(&listed, reflexive).is_empty());
    assert_eq!(edges(&listed, further), ["CHN->PRK negative"]);
}

/// `of-complements` cues name their object before "of": without the list
/// an actor in the complement is the object; with it there is none,
/// while an object before "of" still is.
#[test]
fn an_of_complement_ends_the_object_of_its_cue() {
    let cues = "negative = [{ pattern = \"accused\", weight = 1.0 }]\n";
    let with = |extra: &str| stance_pack(cues, extra);
    let complement = "China accused the West of helping North Korea.";
    let object = "China accused North Korea of lying.";
    let none = with("");
    assert_eq!(edges(&none, complement), ["CHN->PRK negative"]);
    let listed = with("of-complements = [\"accused\"]\n");
    assert!(edges(&listed, complement).is_empty());
    assert_eq!(edges(&listed, object), ["CHN->PRK negative"]);
}

/// `topic-nouns` name what an actor right before them is about: with the
/// list, "the North Korea talks" state no stance toward North Korea;
/// without it they do. A phrase names the words between ("nuclear
/// issue"); a possessive, or a preposition after the noun, leaves the
/// actor a party.
#[test]
fn topic_nouns_make_the_actor_before_them_no_party() {
    let cues = "positive = [{ pattern = \"praised\", weight = 1.0 }]\nnegative = [{ pattern = \"criticized\", weight = 1.0 }]\n";
    let with = |extra: &str| stance_pack(cues, extra);
    let talks = "China praised the North Korea talks.";
    let nuclear = "China criticized the North Korea nuclear issue.";
    let none = with("");
    assert_eq!(edges(&none, talks), ["CHN->PRK positive"]);
    assert_eq!(edges(&none, nuclear), ["CHN->PRK negative"]);
    let topics = with("topic-nouns = [\"nuclear issue\", \"talks\"]\nprepositions = [\"with\"]\n");
    assert!(edges(&topics, talks).is_empty());
    assert!(edges(&topics, nuclear).is_empty());
    for party in [
        "China praised North Korea's talks.",
        "China praised the North Korea talks with the U.S.",
        "China criticized the North Korea security issue.",
    ] {
        assert_eq!(edges(&topics, party).len(), 1, "{party}");
    }
}

/// A stance cue needs its context (its own `context`, else the file's):
/// where the context does not hold, the cue yields no edge and its
/// sentence lists it under `held_cues` with the reason. An unknown context
/// is a located pack error.
#[test]
fn a_stance_cue_counts_only_in_its_context() {
    let contexts = "[[cues]]\nid = \"sport\"\nterms = [\"tennis\"]\n\n[[context]]\nid = \"not-sport\"\nnot-near = { cues = [\"sport\"], within = 12 }\n";
    let pack = |stance: &str| {
        common::compile(&[("contexts.toml", contexts), ("stance.toml", stance)])
            .expect("pack compiles")
    };
    let victory = "China won a tennis victory over South Korea.";
    let praise = "China praised South Korea at the tennis final.";
    let plain = "China won a victory over South Korea.";
    let none = pack(
        "positive = [{ pattern = \"praised\" }]\nnegative = [{ pattern = \"victory over\" }]\n",
    );
    assert_eq!(edges(&none, victory), ["CHN->KOR negative"]);
    assert_eq!(edges(&none, praise), ["CHN->KOR positive"]);
    // The cue's own context holds back that cue only.
    let own = pack("positive = [{ pattern = \"praised\" }]\nnegative = [{ pattern = \"victory over\", context = \"not-sport\" }]\n");
    assert!(edges(&own, victory).is_empty());
    assert_eq!(edges(&own, praise), ["CHN->KOR positive"]);
    assert_eq!(edges(&own, plain), ["CHN->KOR negative"]);
    let held = &analyze_text(&own, victory, None).sentences[0].held_cues;
    assert_eq!(held.len(), 1, "{held:?}");
    assert_eq!(held[0].context.context, "not-sport");
    assert!(!held[0].context.admitted);
    assert!(
        held[0].context.reason.contains("\"tennis\""),
        "{:?}",
        held[0].context
    );
    // The file's context holds back every cue that names none.
    let file = pack("context = \"not-sport\"\npositive = [{ pattern = \"praised\" }]\nnegative = [{ pattern = \"victory over\" }]\n");
    assert!(edges(&file, victory).is_empty());
    assert!(edges(&file, praise).is_empty());
    assert_eq!(edges(&file, plain), ["CHN->KOR negative"]);
    assert!(analyze_text(&file, plain, None).sentences[0]
        .held_cues
        .is_empty());
    let diags = common::diagnostics(&[
        ("contexts.toml", contexts),
        (
            "stance.toml",
            "context = \"no-sport\"\npositive = [{ pattern = \"praised\" }]\n",
        ),
    ]);
    assert!(
        diags
            .iter()
            .any(|d| d.starts_with("stance.toml:1:") && d.contains("unknown context `no-sport`")),
        "{diags:?}"
    );
}

/// A cue its context held back is shown, with the check's reason:
/// `stance held` in explain, `held_cues` in the JSON.
#[test]
fn held_stance_cues_are_shown_in_explain_and_json() {
    let dir = common::TempDir::new("held-cues");
    let file = dir.write(
        "a.txt",
        "The Croatian seed won the tennis final with a victory over the British number one.\n",
    );
    let file = file.as_str();
    let (code, out, err) = common::run(&["explain", file, "--color", "never"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("stance held  \"victory over\"  negative:victory over")
            && out.contains("context not-sport: sport cue \"tennis\""),
        "{out}"
    );
    assert!(!out.contains("stance: "), "{out}");
    let (code, out, err) = common::run(&["classify", file, "--format", "jsonl", "--quiet"]);
    assert_eq!(code, 0, "{err}");
    let profile: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    let sentence = &profile["sentences"][0];
    let held = &sentence["held_cues"][0];
    assert_eq!(held["rule"], "negative:victory over", "{sentence}");
    assert_eq!(held["text"], "victory over");
    assert_eq!(held["context"]["context"], "not-sport");
    assert_eq!(held["context"]["admitted"], false);
    assert!(sentence.get("edges").is_none(), "{sentence}");
}

/// An undoing word is one word, its window and factors in range: each a
/// located pack error.
#[test]
fn undoing_settings_are_checked() {
    let diags = common::diagnostics(&[(
        "stance.toml",
        "[undoing]\nwindow = 0\npositive-factor = 2.0\nwords = [\"cut off\"]\n",
    )]);
    for want in [
        "stance.toml:2:10: `window` is 0",
        "stance.toml:3:19: `positive-factor` is 2",
        "stance.toml:4:10: undoing word `cut off` has several words",
    ] {
        assert!(
            diags.iter().any(|d| d.starts_with(want)),
            "{want}: {diags:?}"
        );
    }
}

/// The pack's `[passive] adjectives` decide whether a participle cue after
/// an auxiliary with no agent states the subject's stance or names no doer.
#[test]
fn passive_adjectives_keep_the_subject() {
    let cues = "negative = [{ pattern = \"opposed\", weight = 1.0 }, { pattern = \"condemned\", weight = 1.0 }]\n";
    let with = |adjectives: &str| {
        stance_pack(
            cues,
            &format!("[passive]\nagent = \"by\"\nauxiliaries = [\"is\", \"was\"]\n{adjectives}"),
        )
    };
    let opposed = "China is opposed to North Korea.";
    let condemned = "China was condemned over North Korea.";
    let none = with("");
    assert!(edges(&none, opposed).is_empty(), "no doer named");
    assert!(edges(&none, condemned).is_empty(), "no doer named");
    let listed = with("adjectives = [\"opposed\"]\n");
    assert_eq!(edges(&listed, opposed), ["CHN->PRK negative"]);
    assert!(edges(&listed, condemned).is_empty(), "not listed");
    // With its agent a listed participle is passive all the same.
    assert_eq!(
        edges(&listed, "North Korea is opposed by China."),
        ["CHN->PRK negative"]
    );
    // Without an auxiliary it is active.
    assert_eq!(
        edges(&none, "China condemned North Korea."),
        ["CHN->PRK negative"]
    );
}

/// An empty entry in a stance word list is a located pack error.
#[test]
fn an_empty_stance_word_is_located() {
    let diags = common::diagnostics(&[("stance.toml", "prepositions = [\"of\", \"  \"]\n")]);
    assert!(
        diags
            .iter()
            .any(|d| d.starts_with("stance.toml:1:23: empty preposition: remove it")),
        "{diags:?}"
    );
}
