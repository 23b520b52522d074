//! Evaluates the default rule pack against the gold labels for the seeds
//! (`tests/gold/seeds.jsonl`) and fails below the issue's thresholds:
//! frame micro-F1 0.75, actor-set micro-F1 0.9, stance-edge micro-F1 0.6.
//! Prints per-frame figures.

use std::path::Path;

use framescope::internals::text::document::read_document;
use framescope::internals::tools::eval::{evaluate, read_gold, report, Evaluation, GoldSentence};
use framescope::{Document, RuleSet};

fn gold() -> Vec<GoldSentence> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("tests/gold/seeds.jsonl")).unwrap();
    read_gold(&text, "tests/gold/seeds.jsonl").unwrap()
}

fn in_articles() -> Evaluation {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let rules = RuleSet::embedded().unwrap();
    evaluate(&rules, &gold(), |article| {
        read_document(&root.join("seeds").join(format!("{article}.txt"))).ok()
    })
}

#[test]
fn default_pack_meets_gold_thresholds() {
    let ev = in_articles();
    println!("{}", report(&ev, RuleSet::embedded().unwrap().info()));
    assert!(
        ev.unaligned.is_empty(),
        "gold sentences not found in seeds: {:?}",
        ev.unaligned
    );
    assert_eq!(ev.in_context, ev.sentences);
    assert!(
        ev.frames_micro.f1() >= 0.75,
        "frame micro-F1 {:.3} < 0.75",
        ev.frames_micro.f1()
    );
    assert!(
        ev.stance.f1() >= 0.6,
        "stance-edge micro-F1 {:.3} < 0.6",
        ev.stance.f1()
    );
    assert!(
        ev.actors.f1() >= 0.9,
        "actor micro-F1 {:.3} < 0.9",
        ev.actors.f1()
    );
}

#[test]
fn segmentation_reproduces_gold_boundaries() {
    let ev = in_articles();
    assert_eq!(
        ev.boundaries_matched, ev.sentences,
        "{} of {} gold sentence boundaries reproduced",
        ev.boundaries_matched, ev.sentences
    );
}

#[test]
fn sentences_alone_are_evaluated_without_articles() {
    let rules = RuleSet::embedded().unwrap();
    let gold = gold();
    let ev = evaluate(&rules, &gold, |_| None);
    assert_eq!((ev.sentences, ev.in_context), (gold.len(), 0));
    assert!(ev.unaligned.is_empty());
    // Every gold sentence is counted once per label either way.
    let in_ctx = in_articles();
    let total = |e: &Evaluation| e.frames_micro.tp + e.frames_micro.fn_;
    assert_eq!(total(&ev), total(&in_ctx));
}

#[test]
fn article_level_labels_compare_frames_found_anywhere() {
    let rules = RuleSet::embedded().unwrap();
    let line =
        r#"{"id": "a", "article": "x", "frames": ["alliance", "economy"], "actors": ["CHN"]}"#;
    let gold = read_gold(line, "inline").unwrap();
    let text = "China and Russia are allies. Their trade is growing.";
    let doc = |_: &str| {
        Some(Document {
            text: text.to_string(),
            ..Document::default()
        })
    };
    let ev = evaluate(&rules, &gold, doc);
    assert_eq!(ev.articles, 1);
    assert_eq!(
        (
            ev.article_frames.tp,
            ev.article_frames.fp,
            ev.article_frames.fn_
        ),
        (2, 0, 0)
    );
    assert_eq!(
        (
            ev.article_actors.tp,
            ev.article_actors.fp,
            ev.article_actors.fn_
        ),
        (1, 1, 0)
    );
}

#[test]
fn malformed_gold_line_is_located() {
    let err = read_gold(
        "{\"id\": \"a\", \"article\": \"x\"}\n{\"id\": 5}\n",
        "g.jsonl",
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "g.jsonl:2:8: invalid type: integer `5`, expected a string",
        "the file's line, and no second position from the parser"
    );
}

#[test]
fn a_bom_before_the_first_gold_line_is_no_part_of_it() {
    let line = "{\"id\": \"a\", \"article\": \"x\", \"text\": \"China warned Japan.\"}\n";
    let plain = read_gold(line, "g.jsonl").unwrap();
    let bom = read_gold(&format!("\u{feff}{line}"), "g.jsonl").unwrap();
    assert_eq!(bom.len(), 1);
    assert_eq!(bom[0].id, plain[0].id);
}

#[path = "common/packs.rs"]
mod packs;

/// A frame the gold codes that the pack lacks keeps its row (every label a
/// miss, as micro counts it); a frame of the pack the gold never codes is
/// named and left out of macro-F1, which the gold cannot judge for it.
#[test]
fn frames_missing_on_either_side_are_named_and_macro_is_over_coded_frames() {
    // The fixture pack has alliance and military, no economy.
    let rules = packs::fixture();
    let lines = [
        r#"{"id": "1", "article": "a", "text": "China and Russia are close allies.", "frames": ["alliance"], "actors": []}"#,
        r#"{"id": "2", "article": "a", "text": "Their trade is growing.", "frames": ["economy"], "actors": []}"#,
    ];
    let gold = read_gold(&lines.join("\n"), "inline").unwrap();
    let ev = evaluate(&rules, &gold, |_| None);
    let economy = ev.frames["economy"];
    assert_eq!((economy.tp, economy.fp, economy.fn_), (0, 0, 1));
    assert_eq!(ev.frames_micro.fn_, 1);
    assert_eq!(ev.frames_not_in_pack, ["economy"]);
    assert_eq!(ev.frames_not_in_gold, ["military"]);
    // alliance 1.0 and economy 0.0; military, never coded, is not a zero.
    assert_eq!(ev.frames["alliance"].f1(), 1.0);
    assert_eq!(ev.frames_macro_f1(), 0.5);
    let text = report(&ev, rules.info());
    assert!(text.contains("\neconomy "), "{text}");
    assert!(
        text.contains("not in the pack, so every gold label of it is a miss: economy")
            && text
                .contains("left out of macro-F1 (its predictions count as fp in micro): military"),
        "{text}"
    );
}
