//! Analysis of arbitrary text with the default pack: no panic, and every
//! invariant of `tests/common/invariants.rs` (spans in bounds, on char
//! boundaries and equal to their text; sentences in order; every number
//! finite; the profile readable back by `merge`). An input starting with
//! byte 0xFF is repeated into one long run-on sentence, where the
//! quadratic traps were.

#![no_main]

#[path = "../../tests/common/invariants.rs"]
mod invariants;

use std::sync::OnceLock;

use framescope::RuleSet;
use libfuzzer_sys::fuzz_target;

fn rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| RuleSet::embedded().expect("the embedded pack compiles"))
}

fuzz_target!(|data: &[u8]| {
    let text = match data.split_first() {
        Some((0xFF, rest)) => {
            let unit = String::from_utf8_lossy(rest).replace(['.', '!', '?', '\n'], " ");
            unit.repeat(64.min(1 + 65_536 / (unit.len() + 1)))
        }
        _ => String::from_utf8_lossy(data).into_owned(),
    };
    invariants::check_text(rules(), &text);
});
