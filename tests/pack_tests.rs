//! Runs every `[[test]]` of the default rule pack: frame tests must (or must
//! not) carry their frame; actor tests must yield exactly their actor set.
//! Failures are named *missing* (false negative) or *noisy* (false positive).

use framescope::score::score_document;
use framescope::RuleSet;

#[test]
fn every_pack_test_passes() {
    let rules = RuleSet::embedded().unwrap();
    assert!(
        !rules.tests.is_empty(),
        "the default pack has no [[test]] entries"
    );
    let mut failures = Vec::new();
    for t in &rules.tests {
        let sentences = score_document(&rules, &t.text);
        let frames: std::collections::BTreeSet<&str> = sentences
            .iter()
            .flat_map(|s| s.frames.keys().map(String::as_str))
            .collect();
        let mut actors: Vec<String> = sentences
            .iter()
            .flat_map(|s| s.actors.iter().cloned())
            .collect();
        actors.sort();
        actors.dedup();
        if let Some((frame, must)) = &t.frame {
            match (frames.contains(frame.as_str()), must) {
                (false, true) => {
                    failures.push(format!("{}: missing {frame} in {:?}", t.origin, t.text))
                }
                (true, false) => {
                    failures.push(format!("{}: noisy {frame} in {:?}", t.origin, t.text))
                }
                _ => {}
            }
        }
        if let Some(want) = &t.frames {
            let got: Vec<String> = frames.iter().map(|s| s.to_string()).collect();
            if &got != want {
                failures.push(format!(
                    "{}: frames {got:?}, expected {want:?} in {:?}",
                    t.origin, t.text
                ));
            }
        }
        if let Some(want) = &t.actors {
            if &actors != want {
                let missing: Vec<_> = want.iter().filter(|a| !actors.contains(a)).collect();
                let noisy: Vec<_> = actors.iter().filter(|a| !want.contains(a)).collect();
                failures.push(format!(
                    "{}: actors missing {missing:?} noisy {noisy:?} in {:?}",
                    t.origin, t.text
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} pack test(s) failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
