//! Evaluates the default rule pack against the gold labels for the seeds
//! (`tests/gold/seeds.jsonl`) and fails below the thresholds:
//! frame micro-F1 0.75, actor-set micro-F1 0.85. Prints per-frame figures.

use std::path::Path;

use framescope::eval::{evaluate, read_gold, report};
use framescope::RuleSet;

fn gold_eval() -> framescope::eval::Evaluation {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let gold_text = std::fs::read_to_string(root.join("tests/gold/seeds.jsonl")).unwrap();
    let gold = read_gold(&gold_text, "tests/gold/seeds.jsonl").unwrap();
    let rules = RuleSet::embedded().unwrap();
    evaluate(&rules, &gold, |article| {
        std::fs::read_to_string(root.join("seeds").join(format!("{article}.txt"))).ok()
    })
}

#[test]
fn default_pack_meets_gold_thresholds() {
    let ev = gold_eval();
    println!("{}", report(&ev));
    for d in &ev.frame_errors {
        println!(
            "frames {}: missing {:?} noisy {:?}",
            d.id, d.missing, d.noisy
        );
    }
    for d in &ev.actor_errors {
        println!(
            "actors {}: missing {:?} noisy {:?}",
            d.id, d.missing, d.noisy
        );
    }
    assert!(
        ev.unaligned.is_empty(),
        "gold sentences not found in seeds: {:?}",
        ev.unaligned
    );
    assert!(
        ev.frames_micro.f1() >= 0.75,
        "frame micro-F1 {:.3} < 0.75",
        ev.frames_micro.f1()
    );
    assert!(
        ev.actors.f1() >= 0.85,
        "actor micro-F1 {:.3} < 0.85",
        ev.actors.f1()
    );
}

#[test]
fn segmentation_reproduces_gold_boundaries() {
    let ev = gold_eval();
    assert_eq!(
        ev.boundaries_matched, ev.sentences,
        "{} of {} gold sentence boundaries reproduced",
        ev.boundaries_matched, ev.sentences
    );
}
