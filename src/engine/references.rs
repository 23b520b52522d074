//! References: "he", "the country", "both sides" and the like, resolved to
//! actors mentioned just before them.

use crate::engine::model::Mention;
use crate::engine::scan::Hit;
use crate::pack::ruleset::{ActorKind, Resolve, RuleSet, Target};

/// How many sentences before the current one a reference looks back.
pub(crate) const REFERENCE_LOOKBACK: usize = 2;

/// Resolves the reference expressions among `hits` to actors mentioned just
/// before them (PETRARCH-style carry-forward, preferring subjects as in
/// centering theory): "he" takes the first person of its own sentence before
/// it, else of the nearest sentence before; "the country" likewise a state;
/// "both sides" the first two distinct states of the nearest sentences
/// before; "the North" its actor if mentioned. Earlier resolved references
/// count as mentions, so a chain of "he" stays on one person. Sentences more
/// than [`REFERENCE_LOOKBACK`] back are not searched; a reference that finds
/// nothing resolves to nothing.
pub(crate) fn resolve_references(
    rules: &RuleSet,
    text: &str,
    hits: &[Hit],
    mentions: &[Mention],
    recent: &[Vec<Mention>],
) -> Vec<Mention> {
    let mut out = Vec::new();
    for hit in hits {
        let Target::Reference { resolves, count } = rules.rules[hit.rule].target else {
            continue;
        };
        // Subjects first (centering): each sentence's mentions in text
        // order. A singular reference looks in its own sentence first; a
        // plural one ("the three countries") first in the sentences before,
        // since actors earlier in its own sentence are usually the other
        // party ("Trump accused the three countries").
        let own = mentions.iter().filter(|m| m.span[1] <= hit.start);
        let before = recent.iter().rev().flat_map(|s| s.iter());
        let earlier: Box<dyn Iterator<Item = &Mention>> = if count == 1 {
            Box::new(own.chain(before))
        } else {
            Box::new(before.chain(own))
        };
        let fits = |m: &Mention| {
            let entity = rules.actors.iter().find(|a| a.id == m.entity);
            let root = rules.actors.iter().find(|a| a.id == m.actor);
            match resolves {
                Resolve::Person => entity.is_some_and(|a| a.kind == ActorKind::Person),
                Resolve::State => root.is_some_and(|a| a.kind == ActorKind::State),
                Resolve::Actor(i) => m.actor == rules.actors[rules.actors[i].root].id,
            }
        };
        let mut chosen: Vec<&Mention> = Vec::new();
        for m in earlier.filter(|m| fits(m)) {
            if chosen.len() == count {
                break;
            }
            if !chosen.iter().any(|c| c.actor == m.actor) {
                chosen.push(m);
            }
        }
        for antecedent in chosen {
            out.push(Mention {
                actor: antecedent.actor.clone(),
                entity: antecedent.entity.clone(),
                text: text[hit.start..hit.end].to_string(),
                span: [hit.start, hit.end],
                origin: rules.rule_origin(hit.rule),
                resolved: true,
                role: antecedent.role.clone(),
            });
        }
    }
    out
}
