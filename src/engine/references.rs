//! References: "he", "the country", "both sides", "the president", "the
//! kingdom" and the like, resolved to actors mentioned just before them, or
//! to the speaker of the quotation they stand in ("we").

use crate::engine::model::{Mention, Referent, Unresolved};
use crate::engine::modifiers::Words;
use crate::engine::scan::{government_before, Hit};
use crate::pack::ruleset::{ActorKind, Pronoun, Resolve, RuleSet, Target};
use crate::text::normalize::{is_word_char, normalize_pattern};
use crate::text::span::{holding, Span};
use crate::text::tokens::{core, is_headline, is_name_cased, leading_word_run, HEADLINE_WORDS};

/// A person the registry may not know, named after a title of
/// `[person-titles]` ("Mr. Clarke", "Sen. Chris Murphy") or by a given
/// name of `[given-names]` and a surname ("Tom Jones"): a pronoun whose
/// nearest person is this one refers to them, so to no actor.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Unknown {
    /// The title, or the given name.
    pub span: Span,
    /// The title or given name and the next word of the name ("Mr
    /// Clarke", "Tom Jones").
    pub person: Span,
    /// The pronoun the person takes; `None`: either.
    pub pronoun: Option<Pronoun>,
}

/// The unknown people of the sentence at `sentence`, in text order:
///
/// - each title among its `hits`, written with a capital, that a
///   capitalised word follows (after an optional full stop) where no
///   mention of `mentions` (the sentence's, sorted by start; in or out of
///   office, places too) starts or overlaps the title: "Mr. Clarke", not
///   "Mr. Obama" (an actor) nor "mr" in lower case. A title of either
///   pronoun takes the one of the given name after it ("Sen. Elizabeth
///   Warren": she);
/// - each word of `words` (the document's) in the sentence that is a
///   capitalised given name of `[given-names]`, letters only, that the
///   next word follows after spaces, capitalised, where no mention
///   overlaps either: "Tom Jones", not "Joe Biden" (an actor) nor "Tom,"
///   or "Tom's", nor a place or an institution named for someone ("Rose
///   Garden": `place-words`). The pronoun is the name's (see
///   [`RuleSet::given_names`]). Not in a headline in title case, where
///   capitals name no one, nor a name in capitals.
pub(crate) fn unknown_people(
    rules: &RuleSet,
    text: &str,
    sentence: Span,
    words: &Words,
    hits: &[Hit],
    mentions: &[Mention],
) -> Vec<Unknown> {
    let mut out = Vec::new();
    // The mentions are sorted by start: with the furthest end among those
    // up to each, whether a span overlaps one is a binary search, so a
    // run-on sentence of names costs linear work.
    debug_assert!(mentions.is_sorted_by_key(|m| m.span.start));
    let reach: Vec<usize> = mentions
        .iter()
        .scan(0, |furthest, m| {
            *furthest = m.span.end.max(*furthest);
            Some(*furthest)
        })
        .collect();
    let overlaps = |span: Span| {
        let i = mentions.partition_point(|m| m.span.start < span.end);
        i > 0 && reach[i - 1] > span.start
    };
    let starts_at = |at: usize| {
        let i = mentions.partition_point(|m| m.span.start < at);
        mentions.get(i).is_some_and(|m| m.span.start == at)
    };
    for h in hits {
        let Target::Title { pronoun } = rules.rule(h.rule).target else {
            continue;
        };
        if !h.span.of(text).starts_with(char::is_uppercase) {
            continue;
        }
        let after = &text[h.span.end..];
        let dotted = after.strip_prefix('.').unwrap_or(after);
        let name = dotted.trim_start_matches([' ', '\u{a0}']);
        if name.len() == dotted.len() || !name.starts_with(char::is_uppercase) {
            continue;
        }
        let at = text.len() - name.len();
        let word = leading_word_run(name).len();
        // A name has two letters or more ("Gen Z voters" names no one; "Mr.
        // O'Connell" goes on past its apostrophe), and is no place word
        // ("the Ambassador Bridge").
        let head = &name[..word];
        let short = head.chars().count() < 2 && !name[word..].starts_with(['\'', '\u{2019}']);
        if short || rules.place_words.contains(&core(head)) {
            continue;
        }
        let known = starts_at(at) || overlaps(h.span);
        if !known {
            out.push(Unknown {
                span: h.span,
                person: Span::new(h.span.start, at + word),
                pronoun: pronoun.or_else(|| rules.given_name(&name[..word]).flatten()),
            });
        }
    }
    if !rules.given_names.is_empty() {
        given_named_people(rules, text, sentence, words, &overlaps, &mut out);
    }
    out.sort_by_key(|u| u.span.start);
    out
}

/// Adds to `out` the unknown people that given names name in the sentence
/// at `sentence` (see [`unknown_people`]); `overlaps` says whether a span
/// overlaps a mention of the sentence.
fn given_named_people(
    rules: &RuleSet,
    text: &str,
    sentence: Span,
    words: &Words,
    overlaps: &dyn Fn(Span) -> bool,
    out: &mut Vec<Unknown>,
) {
    let words = words.within(sentence);
    // A headline has few words: a sentence of more is none, uncounted.
    let mut headline = (words.len() > HEADLINE_WORDS).then_some(false);
    let mut words = words.peekable();
    while let Some(word) = words.next() {
        let Some(&next) = words.peek() else {
            break;
        };
        let name = word.of(text);
        if !name.starts_with(|c: char| c.is_ascii_uppercase())
            || !name.bytes().all(|b| b.is_ascii_alphabetic())
            || !is_name_cased(name)
            || !next.of(text).starts_with(char::is_uppercase)
            || !text[word.end..next.start].bytes().all(|b| b == b' ')
        {
            continue;
        }
        if overlaps(Span::new(word.start, next.end)) {
            continue;
        }
        let Some(pronoun) = rules.given_name(name) else {
            continue;
        };
        // "Rose Garden", "the Clinton Foundation's": a place, no person.
        // (`core` writes a curly apostrophe straight.)
        let head = core(next.of(text));
        let head = head.strip_suffix("'s").unwrap_or(&head);
        if rules.place_words.contains(head) {
            continue;
        }
        if *headline.get_or_insert_with(|| is_headline(sentence.of(text))) {
            break;
        }
        out.push(Unknown {
            span: word,
            // The name's letters, without the token's punctuation or
            // possessive ("Robert Smith's", "Rick Gates,").
            person: Span::new(
                word.start,
                next.start + leading_word_run(next.of(text)).len(),
            ),
            pronoun,
        });
    }
}

/// Resolves the reference expressions among `hits` to actors mentioned just
/// before them (PETRARCH-style carry-forward, preferring subjects as in
/// centering theory): "he" takes the first person of its own sentence before
/// it, else of the nearest sentence before; "the country" likewise a state;
/// "both sides" the first two distinct states of the nearest sentences
/// before; "the North" its actor if mentioned. A reference may narrow its
/// antecedents to some actors (`among`: "the kingdom") or to holders of a
/// role (`title`: "the president", preferring a role that holds on `date`),
/// and looks back as many sentences as its `lookback` says. Earlier resolved
/// references count as mentions, so a chain of "he" stays on one person. A
/// reference that finds nothing resolves to nothing; speaker references
/// ("we") are resolved later, once quotes have their speakers.
///
/// A person pronoun ("he", "she": a singular `person` reference without a
/// title) also sees the unknown people of its sentence (`unknown`) and of
/// the sentences before (`recent_unknown`, aligned with `recent`): when
/// the first person in its order is one of them, with a pronoun that fits,
/// it refers to that person and resolves to no actor ("Mr. Clarke says he
/// ..." is not the prime minister named before).
///
/// Such a pronoun outside the quotations of `quotes` refers to someone the
/// narrative names, never to a person named only inside a quotation: in
/// “Putin cannot be trusted,” he said, "he" is the speaker, not Putin.
///
/// A government seated in a place named right after it ("the regime in
/// Moscow", see [`seat_named_after`]) is that place's actor, which the
/// sentence already holds (`active`: its mentions that are actors): such a
/// reference resolves to nothing of its own.
#[allow(clippy::too_many_arguments)]
pub(crate) fn resolve_references(
    rules: &RuleSet,
    text: &str,
    hits: &[Hit],
    mentions: &[Mention],
    active: &[Mention],
    recent: &[Vec<Mention>],
    scenes: &[Vec<Mention>],
    unknown: &[Unknown],
    recent_unknown: &[Vec<Unknown>],
    quotes: &[Span],
) -> (Vec<Mention>, Vec<Unresolved>) {
    let quoted = |span: Span| holding(quotes, |&q| q, span).is_some();
    let mut out = Vec::new();
    let mut unresolved = Vec::new();
    let firsts = first_per_entity(mentions);
    for hit in hits {
        let Target::Reference { reference } = rules.rule(hit.rule).target else {
            continue;
        };
        let r = &rules.references[reference];
        if matches!(r.resolves, Resolve::Speaker | Resolve::Addressee) {
            continue;
        }
        if let Some(place) = seat_named_after(rules, text, hit.span, mentions, active) {
            unresolved.push(Unresolved {
                rule: hit.rule,
                span: hit.span,
                referent: Referent::Seat(place),
            });
            continue;
        }
        // Subjects first (centering): each sentence's mentions in text
        // order. A singular reference looks in its own sentence first; a
        // plural one ("the three countries") first in the sentences before,
        // since actors earlier in its own sentence are usually the other
        // party ("Trump accused the three countries").
        let own = firsts.iter().filter(|m| m.span.end <= hit.span.start);
        let window = &recent[recent.len().saturating_sub(r.lookback)..];
        let before = window.iter().rev().flat_map(|s| s.iter());
        let earlier: Vec<&Mention> = if r.count == 1 {
            own.chain(before).collect()
        } else {
            before.chain(own).collect()
        };
        crate::work::tick(earlier.len());
        let fits = |m: &Mention| {
            let kind = rules.actor(m.actor).kind;
            let kind_fits = match r.resolves {
                Resolve::Person => rules.actor(m.entity).kind == ActorKind::Person,
                Resolve::State => kind == ActorKind::State,
                Resolve::Org => kind == ActorKind::Org,
                Resolve::Group => kind == ActorKind::Group,
                Resolve::Actor(i) => m.actor == rules.actor(i).root,
                Resolve::Speaker | Resolve::Addressee => false,
            };
            kind_fits
                && (r.among.is_empty() || rules.in_chain(m.entity, &r.among))
                && r.pronoun
                    .is_none_or(|p| rules.actor(m.entity).pronoun == Some(p))
        };
        // With a title, a holder of the role on the article's date first,
        // then anyone who ever held it (an article about the past).
        let passes: &[Option<bool>] = if r.title.is_some() {
            &[Some(true), Some(false)]
        } else {
            &[None]
        };
        let mut chosen: Vec<&Mention> = Vec::new();
        let pronoun_like =
            r.resolves == Resolve::Person && r.count == 1 && r.title.is_none() && !r.scene;
        if pronoun_like {
            // The first person in the order above, known or not: each
            // sentence's first fitting mention and first fitting unknown
            // person before the reference, its own sentence first.
            let fits_unknown =
                |u: &Unknown| u.pronoun.is_none() || r.pronoun.is_none() || u.pronoun == r.pronoun;
            let narrated = !quoted(hit.span);
            let before_it = |span: Span| span.end <= hit.span.start && !(narrated && quoted(span));
            let window_unknown = &recent_unknown[recent_unknown.len().saturating_sub(r.lookback)..];
            let sentences = std::iter::once((firsts.as_slice(), unknown)).chain(
                window
                    .iter()
                    .map(Vec::as_slice)
                    .zip(window_unknown.iter().map(Vec::as_slice))
                    .rev(),
            );
            for (known, unknown) in sentences {
                let first_known = known.iter().find(|m| before_it(m.span) && fits(m));
                let first_unknown = unknown
                    .iter()
                    .find(|u| before_it(u.span) && fits_unknown(u));
                let stopped_by = match (first_known, first_unknown) {
                    (Some(m), Some(u)) if u.span.start < m.span.start => u,
                    (Some(m), _) => {
                        chosen.push(m);
                        break;
                    }
                    (None, Some(u)) => u,
                    (None, None) => continue,
                };
                unresolved.push(Unresolved {
                    rule: hit.rule,
                    span: hit.span,
                    referent: Referent::Unknown(stopped_by.person),
                });
                break;
            }
            for antecedent in chosen {
                out.push(resolved_mention(hit, antecedent));
            }
            continue;
        }
        // The scene: the latest place named as a location so far, nearest
        // first (an article sets its scene once, often in its first lines).
        if r.scene {
            let latest = scenes
                .iter()
                .rev()
                .flat_map(|s| s.iter().rev())
                .find(|m| m.span.end <= hit.span.start && fits(m));
            chosen.extend(latest);
        }
        for &dated in passes {
            if !chosen.is_empty() {
                break;
            }
            let titled = |m: &Mention| match (&r.title, dated) {
                (Some(title), Some(true)) => {
                    m.role_title(rules).is_some_and(|t| title_starts(t, title))
                }
                (Some(title), _) => rules
                    .actor(m.entity)
                    .roles
                    .iter()
                    .any(|role| title_starts(&role.title, title)),
                (None, _) => true,
            };
            for &m in earlier.iter().filter(|m| fits(m) && titled(m)) {
                if chosen.len() == r.count {
                    break;
                }
                if !chosen.iter().any(|c| c.actor == m.actor) {
                    chosen.push(m);
                }
            }
        }
        for antecedent in chosen {
            out.push(resolved_mention(hit, antecedent));
        }
    }
    (out, unresolved)
}

/// The place named right after the government reference at `span`, whose
/// government it is: the first mention of `mentions` (sorted by span)
/// after the reference, if it is one of `active` (an actor) and the scan
/// reads the reference's last word as the government it is the seat of
/// (see [`government_before`]: one location word and any `skip` words
/// between): "the regime in Moscow", "officials in Tehran", "the
/// government in Kabul". Such a place is the seat of power (see
/// `[location]`), not a location.
fn seat_named_after(
    rules: &RuleSet,
    text: &str,
    span: Span,
    mentions: &[Mention],
    active: &[Mention],
) -> Option<Span> {
    let place = mentions.iter().find(|m| m.span.start >= span.end)?;
    // Only an actor: a place the scan excluded, or a person out of office
    // ("officials in the Syrian capital", "officials at Obama's
    // foundation"), seats no government, and the reference resolves.
    if !active.iter().any(|a| a.span == place.span) {
        return None;
    }
    let government = government_before(&rules.location, &text[..place.span.start])?;
    (government.len() == span.end).then_some(place.span)
}

/// The first mention of each entity among `mentions` (in text order), as
/// it was named (actor, role): all a reference asks of a mention depends
/// on these, so a later mention of the same can never be chosen before the
/// first. References look at these alone (`recent` holds them too), so a
/// run-on sentence that names one actor thousands of times costs each "he"
/// a step per distinct actor, not per mention.
pub(crate) fn first_per_entity(mentions: &[Mention]) -> Vec<Mention> {
    let mut seen = std::collections::HashSet::new();
    mentions
        .iter()
        .filter(|m| seen.insert((m.entity, m.actor, m.role)))
        .copied()
        .collect()
}

/// A mention of `antecedent`'s actor made by the reference `hit`.
pub(crate) fn resolved_mention(hit: &Hit, antecedent: &Mention) -> Mention {
    Mention {
        actor: antecedent.actor,
        entity: antecedent.entity,
        span: hit.span,
        rule: hit.rule,
        resolved: true,
        role: antecedent.role,
    }
}

/// Whether role title `title` starts with the words `start` (normalised,
/// lower case): "President of Kenya" starts with "president", "Vice
/// President" does not.
fn title_starts(title: &str, start: &str) -> bool {
    let title = normalize_pattern(title, true);
    title
        .strip_prefix(start)
        .is_some_and(|rest| !rest.starts_with(is_word_char))
}
