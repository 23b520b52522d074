//! Quotations and their speakers, table-driven on the shipped pack: speaker
//! after the quote (name then verb, verb then name, "according to"), before
//! it, continued quotes, quotes across sentences, pronoun speakers through
//! resolved references, scare quotes, and unbalanced quote marks.

use framescope::internals::engine::analysis::analyze_text;
use framescope::internals::engine::quotes::Quote;
use framescope::profile;
use framescope::Document;
use framescope::RuleSet;

fn quotes(rules: &RuleSet, text: &str) -> Vec<Quote> {
    analyze_text(rules, text, None).quotes
}

/// `quoted words => actor "speaker" how` or `quoted words => unattributed`.
fn describe(rules: &RuleSet, q: &Quote) -> String {
    match &q.speaker {
        Some(s) => format!(
            "{} => {} \"{}\" {}",
            q.text,
            s.actor.map_or("-", |a| rules.actor_name(a)),
            s.text,
            s.how
        ),
        None => format!("{} => unattributed", q.text),
    }
}

struct Case {
    name: &'static str,
    text: &'static str,
    want: &'static [&'static str],
}

const CASES: &[Case] = &[
    Case {
        name: "name then verb after the quote",
        text: "“Today our people are standing in front of the world,” Kim declared.",
        want: &["Today our people are standing in front of the world, => PRK \"Kim\" after"],
    },
    Case {
        name: "verb then a non-actor name, and its continuation",
        text: "“Kim’s greatest concern is survival,” said Sergey Radchenko, a professor at Johns Hopkins University. “In this sense, diplomacy makes sense.”",
        want: &[
            "Kim’s greatest concern is survival, => - \"Sergey Radchenko\" after",
            "In this sense, diplomacy makes sense. => - \"Sergey Radchenko\" continued",
        ],
    },
    Case {
        name: "according to after the quote",
        text: "The talks were “productive and candid,” according to KCNA.",
        want: &["productive and candid, => PRK \"KCNA\" after"],
    },
    Case {
        name: "speaker before the quote",
        text: "Putin said: “We will stand with our friends.”",
        want: &["We will stand with our friends. => RUS \"Putin\" before"],
    },
    Case {
        name: "according to before the quote",
        text: "According to the foreign ministry, “talks are over.”",
        want: &["talks are over. => - \"the foreign ministry\" before"],
    },
    Case {
        name: "subject of a reporting verb before a partial quote",
        text: "South Korea’s military said it had observed “rehearsals and missiles” near the capital.",
        want: &["rehearsals and missiles => KOR \"South Korea\" before"],
    },
    Case {
        name: "a quote across sentences",
        text: "“We stand firm. We will never yield,” the ministry said.",
        want: &["We stand firm. We will never yield, => - \"the ministry\" after"],
    },
    Case {
        name: "straight quotes and a verb with an object",
        text: "\"We are ready,\" Trump told reporters.",
        want: &["We are ready, => USA \"Trump\" after"],
    },
    Case {
        name: "punctuation after the closing mark",
        text: "“We are ready”, Trump said.",
        want: &["We are ready => USA \"Trump\" after"],
    },
    Case {
        name: "a scare quote stays unattributed",
        text: "Analysts call it an “irreversible” nuclear power.",
        want: &["irreversible => unattributed"],
    },
    Case {
        name: "the name stops at a preposition but keeps 'of' inside a name",
        text: "“No comment,” said the Ministry of Foreign Affairs in a statement.",
        want: &["No comment, => - \"the Ministry of Foreign Affairs\" after"],
    },
    Case {
        name: "words before the verb that name no one are no speaker",
        text: "Trump has promised to “not repeat the mistakes” and has said so often.",
        want: &["not repeat the mistakes => unattributed"],
    },
    Case {
        name: "a passive reporting phrase",
        text: "“This act is a provocation,” the spokesman was quoted as saying.",
        want: &["This act is a provocation, => - \"the spokesman\" after"],
    },
    Case {
        name: "a continuation needs an attributed quote just before",
        text: "“We are ready.” Nobody knew who spoke.",
        want: &["We are ready. => unattributed"],
    },
    Case {
        name: "a partial quote inside a clause belongs to the clause's subject",
        text: "China warned that the pact would \"destabilise\" the region and said Beijing would respond.",
        want: &["destabilise => CHN \"China\" before"],
    },
    Case {
        name: "a partial quote inside a clause without a reporting subject is nobody's",
        text: "The pact would “destabilise” the region and officials said Beijing would respond.",
        want: &["destabilise => unattributed"],
    },
];

#[test]
fn speakers() {
    let rules = RuleSet::embedded().unwrap();
    let mut failures = Vec::new();
    for case in CASES {
        let got: Vec<String> = quotes(&rules, case.text)
            .iter()
            .map(|q| describe(&rules, q))
            .collect();
        if got != case.want {
            failures.push(format!(
                "{}:\n  text: {}\n  want: {:?}\n  got:  {:?}",
                case.name, case.text, case.want, got
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn pronoun_speaker_is_the_resolved_actor() {
    let rules = RuleSet::embedded().unwrap();
    let text = "Xi Jinping met Kim Jong Un in Beijing. “We are friends,” he said.";
    let q = quotes(&rules, text);
    let s = q[0].speaker.as_ref().unwrap();
    assert_eq!(
        (s.actor.map(|a| rules.actor_name(a)), s.text.as_str()),
        (Some("CHN"), "he")
    );
    assert!(s.resolved);

    let mut off = RuleSet::embedded().unwrap();
    off.set_resolve_references(false);
    let q = quotes(&off, text);
    let s = q[0].speaker.as_ref().unwrap();
    assert_eq!((s.actor, s.text.as_str()), (None, "he"));
}

#[test]
fn a_role_follows_the_name() {
    let rules = RuleSet::embedded().unwrap();
    let text = "“It makes sense,” said Sergey Radchenko, a professor at Johns Hopkins University.";
    let q = quotes(&rules, text);
    let s = q[0].speaker.as_ref().unwrap();
    assert_eq!(
        s.role.as_deref(),
        Some("a professor at Johns Hopkins University")
    );
    assert_eq!(s.verb, "said");
}

#[test]
fn unbalanced_quotes_degrade_gracefully() {
    let rules = RuleSet::embedded().unwrap();
    for text in [
        "“This quote never closes. Kim said nothing.\nNext paragraph.",
        "Kim said: “",
        "”",
        "“",
        "\"\"\"",
        "“”, said",
        "said “",
        "\"Open,\" said\n\"",
    ] {
        let q = quotes(&rules, text);
        for quote in &q {
            assert!(quote.span.end <= text.len());
            assert!(
                !text[quote.span.start..quote.span.end].contains('\n'),
                "{text:?}"
            );
        }
    }
    // The open quote ends at its line, and the next paragraph is not quoted.
    let text = "“This quote never closes, Kim said.\nPutin praised China.";
    let q = quotes(&rules, text);
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].text, "This quote never closes, Kim said.");
}

#[test]
fn profiles_separate_quoted_voices() {
    let rules = RuleSet::embedded().unwrap();
    let doc = Document {
        id: "q".into(),
        text: "Kim praised the alliance with Russia. “Our alliance is invincible,” Kim declared."
            .into(),
        ..Document::default()
    };
    let p = profile(&rules, &doc);
    let kim = &p.actors["PRK"];
    assert_eq!(kim.quotes, 1);
    // "alliance" inside the quote counts for Kim's quoted words and the
    // quoted voice; the one outside for the article's own voice.
    assert!(kim.quoted_frames.get("alliance").is_some_and(|x| *x > 0.0));
    assert!(p.voice.quoted.get("alliance").is_some_and(|x| *x > 0.0));
    assert!(p.voice.own.get("alliance").is_some_and(|x| *x > 0.0));
    assert!(!p.actors["RUS"].quoted_frames.contains_key("alliance"));
}
