//! Scanning a document: one pass of the rule set's automaton over the
//! normalised text, keeping matches on word boundaries, extending wildcard
//! matches to the end of their word, checking exact-case rules, dropping
//! matches inside exclusions, and resolving overlaps leftmost-longest within
//! each target group. Spans are byte offsets into the original text.

use std::collections::HashMap;

use aho_corasick::automaton::Automaton;
use aho_corasick::nfa::contiguous::NFA;
use aho_corasick::Anchored;

use crate::pack::ruleset::{
    ActorId, ActorKind, ExcludeScope, OverlapGroup, Resolve, Rule, RuleId, RuleSet, Target,
    WordsBefore,
};
use crate::text::date::{is_month_or_weekday, ArticleDate};
use crate::text::normalize::{is_hyphen, is_space, is_word_char, normalize_pattern, Normalized};
use crate::text::segment::sentences;
use crate::text::span::Span;
use crate::text::tokens::{
    core, is_headline, is_name_cased, is_premodifier, leading_word_run, past_possessive,
    tokens_back, without_possessive,
};

/// One accepted match: the rule that matched and its bytes in the
/// original text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    /// The rule (see [`RuleSet::rule`]).
    pub rule: RuleId,
    /// Its bytes in the original text.
    pub span: Span,
}

/// A match the scan set aside, and why, for the views that show why a word
/// did not count (`explain`): one an exclusion covered ("terror" inside
/// "war on terror"), or an actor alias the registry's readings dropped (a
/// surname, a location, an unconfirmed ambiguous alias). Only matches that
/// would otherwise have counted are kept: none lost to a longer match of
/// their group.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Excluded {
    /// The rule that matched and its bytes in the original text.
    pub hit: Hit,
    /// Why it does not count.
    pub why: Why,
}

/// Why a match does not count (see [`Excluded`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Why {
    /// An exclusion covered it: the exclusion's rule and its bytes.
    Exclusion(Hit),
    /// A capitalised alias right after a given name (`[given-names]`) is
    /// someone's surname ("Rep. Steve Israel"): the given name's bytes.
    Surname(Span),
    /// A person's bare surname after the full name of a namesake, which
    /// the person's `exclude` or a given name set aside ("Jeb Bush ...
    /// Bush said"): the namesake's full name.
    Namesake(Span),
    /// A place where something happens ("a summit in Vienna"), by the
    /// registry's `[location]` reading.
    Location,
    /// Where someone comes from ("a person from China").
    Origin,
    /// A place that names an event ("the Singapore summit").
    Event,
    /// A place that labels a person or group from there ("Iowa voters",
    /// "Texas Sen. Ted Cruz", "Republican of Wisconsin").
    Label,
    /// A dateline: where the reporter was ("BEIJING —").
    Dateline,
    /// A name that only qualifies private people or a campaign ("Trump
    /// supporters", "the American people").
    Attribute,
    /// A state's name that only qualifies rebels, separatists or militants
    /// ("Syrian rebels", "Ukrainian separatists").
    Opposition,
    /// An ambiguous alias ("Georgia") of an actor the document names by no
    /// alias that is not ambiguous.
    Unconfirmed,
    /// A reference to one state, organisation or group that an actor's
    /// name qualifies after "of" ("the regime of Syrian President …",
    /// "the administration of Bill Clinton"): that name's bytes, which
    /// count instead.
    Qualified(Span),
}

/// A match before overlaps are resolved, in the normalised text. Kept
/// small: a document has one for every pattern occurrence, overlapping.
/// Its group is read from its rule once, where it is found, not at every
/// comparison of the sort that resolves overlaps (a rule is a large
/// record, and a document's rules lie all over the rule set).
#[derive(Clone, Copy, Debug)]
struct Candidate {
    group: OverlapGroup,
    rule: RuleId,
    start: u32,
    end: u32,
}

impl Candidate {
    fn start(&self) -> usize {
        self.start as usize
    }

    fn end(&self) -> usize {
        self.end as usize
    }
}

/// Scans `text`, undated, and returns its hits sorted by start, then rule.
/// Matches never cross a sentence boundary (see `scan_with_context`).
pub fn scan(rules: &RuleSet, text: &str) -> Vec<Hit> {
    scan_with_context(rules, text, &sentences(text), None).0
}

/// Calls `found(pattern, start, end)` for every occurrence of a pattern of
/// `automaton` in `haystack` (normalised text) that starts where a rule can
/// match: at a word's start, or at a character that is no word character.
///
/// A pattern whose first character is a word character counts only at a
/// word's start (the text must have a word boundary there), and one that
/// begins with any other character can only start at such a character; so
/// no match that counts starts inside a word. Rather than one unanchored
/// overlapping search, which walks failure links at every byte and reports
/// every pattern inside longer words ("war" in "forward"), the automaton
/// is walked anchored from each such place until it has nowhere to go.
/// The same matches come out, in a different order (callers sort them).
fn each_match(automaton: &NFA, haystack: &str, mut found: impl FnMut(usize, usize, usize)) {
    let bytes = haystack.as_bytes();
    let start = automaton
        .start_state(Anchored::Yes)
        .expect("an NFA supports anchored searches");
    // A walk from a space ends at once when no pattern begins with one
    // (patterns are trimmed; the automaton is asked, not assumed): such
    // spaces, the most common non-word character, are passed over.
    let space_starts = !automaton.is_dead(automaton.next_state(Anchored::Yes, start, b' '));
    let mut previous_is_word = false;
    let mut at = 0;
    while at < bytes.len() {
        let (is_word, len) = match bytes[at] {
            b' ' if !space_starts => {
                previous_is_word = false;
                at += 1;
                continue;
            }
            b if b < 0x80 => (b.is_ascii_alphanumeric(), 1),
            _ => {
                let c = haystack[at..].chars().next().expect("a char at a boundary");
                (is_word_char(c), c.len_utf8())
            }
        };
        if !(previous_is_word && is_word) {
            let mut state = start;
            for (i, &b) in bytes[at..].iter().enumerate() {
                state = automaton.next_state(Anchored::Yes, state, b);
                if !automaton.is_special(state) {
                    continue;
                }
                if automaton.is_dead(state) {
                    break;
                }
                if automaton.is_match(state) {
                    let end = at + i + 1;
                    // A state also holds the patterns that end its path
                    // without starting where it starts (copied along
                    // failure links): those are found from their own start.
                    for k in 0..automaton.match_len(state) {
                        let pattern = automaton.match_pattern(state, k);
                        if end - automaton.pattern_len(pattern) == at {
                            found(pattern.as_usize(), at, end);
                        }
                    }
                }
            }
        }
        previous_is_word = is_word;
        at += len;
        if is_word {
            // No walk starts inside a word: its ASCII letters and digits
            // are passed over at once.
            at += bytes[at..]
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric())
                .count();
        }
    }
}

/// What a scan found besides the hits that count.
#[derive(Debug, Default)]
pub(crate) struct Context {
    /// The place aliases dropped as mere locations ("a summit in Vienna"),
    /// sorted by start: they are no actors, but they tell references which
    /// state the text is in ("the country").
    pub locations: Vec<Hit>,
    /// The people the document calls former (see [`former_people`]).
    pub former: Vec<ActorId>,
    /// The matches set aside, sorted by start, then rule (see [`Excluded`]).
    pub excluded: Vec<Excluded>,
}

/// Scans `text`, already split into `sentences` (sorted byte spans), in one
/// pass, as of the article's `date` (for terms with `min-years-ago`), and
/// returns the hits sorted by start, then rule, with the [`Context`] it
/// found. Normalisation joins lines, so a pattern could match across a
/// sentence or paragraph break ("VLADIMIR\n\nPutin"); such candidates are
/// dropped before overlaps are resolved, so the match inside the sentence
/// ("Putin") still counts.
pub(crate) fn scan_with_context(
    rules: &RuleSet,
    text: &str,
    sentences: &[Span],
    date: Option<ArticleDate>,
) -> (Vec<Hit>, Context) {
    let norm = Normalized::new(text, true);
    let haystack = norm.text.as_str();
    let mut candidates = Vec::new();
    let mut exclusions: Vec<(ExcludeScope, usize, usize, RuleId)> = Vec::new();
    // The walk finds matches in text order, so the sentence that could
    // hold one is found by moving forward, not by a search for each.
    let mut sentence = 0;
    each_match(&rules.automaton, haystack, |pattern, start, pattern_end| {
        for p in rules.rules_of_pattern(pattern) {
            let mut end = pattern_end;
            if p.wildcard {
                end += haystack[end..]
                    .char_indices()
                    .find(|&(_, c)| !is_word_char(c))
                    .map_or(haystack.len() - end, |(i, _)| i);
            } else if p.bound_end && haystack[end..].chars().next().is_some_and(is_word_char) {
                continue;
            }
            if p.checked {
                let r = rules.rule(p.rule);
                if let Some(least) = r.min_years_ago {
                    if Rule::years_ago(&haystack[start..end], date).is_none_or(|ago| ago < least) {
                        continue;
                    }
                }
                if let Some(exact) = &r.exact {
                    let span = norm.original_span(text, Span::new(start, pattern_end));
                    if normalize_pattern(span.of(text), false) != *exact {
                        continue;
                    }
                }
            }
            if let Some(scope) = p.exclude {
                exclusions.push((scope, start, end, p.rule));
                continue;
            }
            let span = norm.original_span(text, Span::new(start, end));
            while sentences.get(sentence).is_some_and(|s| s.end <= span.start) {
                sentence += 1;
            }
            if sentences.get(sentence).is_some_and(|s| s.contains(span)) {
                // Offsets fit: the normalised text's map is u32.
                candidates.push(Candidate {
                    group: p.group,
                    rule: p.rule,
                    start: start as u32,
                    end: end as u32,
                });
            }
        }
    });
    // Sorted by start, with the longest exclusion's length, so that each
    // candidate looks only at the exclusions that could cover it (a long
    // article has thousands of each).
    exclusions.sort_by_key(|&(_, s, e, _)| (s, e));
    let longest = exclusions
        .iter()
        .map(|&(_, s, e, _)| e - s)
        .max()
        .unwrap_or(0);
    let excluded_by = |c: &Candidate| {
        let past = exclusions.partition_point(|&(_, s, _, _)| s <= c.start());
        let first = exclusions[..past].partition_point(|&(_, s, _, _)| s + longest < c.end());
        exclusions[first..past]
            .iter()
            .find(|&&(scope, s, e, _)| {
                s <= c.start() && c.end() <= e && scope.covers(&rules.rule(c.rule).target)
            })
            .map(|&(_, s, e, rule)| (rule, s, e))
    };
    let mut dropped = Vec::new();
    candidates.retain(|c| match excluded_by(c) {
        Some(by) => {
            dropped.push((*c, by));
            false
        }
        None => true,
    });
    leftmost_longest(&mut candidates, |&c| c);
    let original = |rule: RuleId, start: usize, end: usize| Hit {
        rule,
        span: norm.original_span(text, Span::new(start, end)),
    };
    let mut hits: Vec<Hit> = candidates
        .iter()
        .map(|c| original(c.rule, c.start(), c.end()))
        .collect();
    // A dropped match counts as excluded unless it would have lost anyway:
    // to another dropped one (resolved alike), or to a kept match of its
    // group that overlaps it. Kept matches of a group do not overlap, so
    // the last one starting before the dropped one ends is the only one to
    // look at.
    leftmost_longest(&mut dropped, |&(c, _)| c);
    let lost_anyway = |c: &Candidate| {
        let i = candidates.partition_point(|k| (k.group, k.start) < (c.group, c.end));
        i > 0 && candidates[i - 1].group == c.group && candidates[i - 1].end > c.start
    };
    let mut excluded: Vec<Excluded> = dropped
        .into_iter()
        .filter(|(c, _)| !lost_anyway(c))
        .map(|(c, (by, s, e))| Excluded {
            hit: original(c.rule, c.start(), c.end()),
            why: Why::Exclusion(original(by, s, e)),
        })
        .collect();
    drop_surnames(rules, text, &mut hits, &mut excluded);
    drop_namesakes(rules, text, date, &mut hits, &mut excluded);
    drop_unconfirmed(rules, &mut hits, &mut excluded);
    drop_attributes(rules, text, &mut hits, &mut excluded);
    let mut locations = drop_locations(rules, text, &mut hits, &mut excluded);
    locations.sort_by_key(|h| h.span.start);
    // A reference gives way to an actor alias it overlaps: "the North" in
    // "the North Korean leader" is the alias "North Korean".
    let actor_hits: Vec<Hit> = hits
        .iter()
        .filter(|h| matches!(rules.rule(h.rule).target, Target::Actor { .. }))
        .copied()
        .collect();
    // Whether an actor alias can name whose a noun is after "of" ("the
    // government of Iraq", "the regime of Bashar Assad"): an alias that is
    // its actor's name, or that no lower-case word follows. Another
    // ("Iranian" in "accused the government of Iranian plots") may be an
    // adjective of something else. Past a capitalised title ("the regime
    // of President Bashar Assad"), only a person's alias names whose.
    let qualifies = |a: &Hit, titled: bool| {
        let Target::Actor { actor } = rules.rule(a.rule).target else {
            return false;
        };
        let actor = rules.actor(actor);
        let next = text[a.span.end..].trim_start_matches(' ');
        (!titled || actor.kind == ActorKind::Person)
            && (a.span.of(text).eq_ignore_ascii_case(&actor.name)
                || !next.starts_with(|c: char| c.is_lowercase()))
    };
    // Actor hits do not overlap one another (leftmost-longest), so sorted by
    // start they are sorted by end too: the only one that can overlap a
    // reference is the last one starting before the reference ends.
    hits.retain(|h| {
        let Target::Reference { reference } = rules.rule(h.rule).target else {
            return true;
        };
        let i = actor_hits.partition_point(|a| a.span.start < h.span.end);
        if i > 0 && actor_hits[i - 1].span.end > h.span.start {
            return false;
        }
        // Nor is a noun for one state, organisation or group that an
        // actor's name (see `qualifies`) qualifies after "of": "the regime
        // of Syrian President Bashar Assad", "the government of Iraq", "the
        // administration of Bill Clinton" are that actor's (a person's
        // state, when the person counts as one), named right there,
        // whatever the sentence's subject. (A person's role noun stays,
        // being a person whom later pronouns may mean: "the president of
        // Egypt"; and so does a plural: "both sides of the Taiwan Strait"
        // are two.)
        let r = &rules.references[reference];
        let body =
            r.count == 1 && matches!(r.resolves, Resolve::State | Resolve::Org | Resolve::Group);
        let qualifier = of_name_starts(text, h.span.end)
            .filter(|_| body)
            .filter_map(|(at, titled)| {
                let j = actor_hits
                    .binary_search_by_key(&at, |a| a.span.start)
                    .ok()?;
                Some(actor_hits[j]).filter(|a| qualifies(a, titled))
            })
            .next();
        if let Some(name) = qualifier {
            excluded.push(Excluded {
                hit: *h,
                why: Why::Qualified(name.span),
            });
            return false;
        }
        // Nor is a scene reference that an actor's name qualifies a
        // reference at all: "Saudi authorities", "U.S. defense officials"
        // are that actor's, not the scene's. (A pronoun after a name is no
        // such phrase: "told Xi he would", "the U.S. He also".)
        // Sorted by start, the actor spans are sorted by end too.
        !(rules.references[reference].scene
            && qualified_by_name(text, h.span.start, &actor_hits[..i]))
    });
    hits.sort_by_key(|h| (h.span.start, h.rule));
    excluded.sort_by_key(|x| (x.hit.span.start, x.hit.rule));
    let former = former_people(rules, text, &hits);
    (
        hits,
        Context {
            locations,
            former,
            excluded,
        },
    )
}

/// Lower-case words that may stand between a scene reference and the
/// actor's name that qualifies it (see [`qualified_by_name`]).
const PREMODIFIER_WORDS: usize = 3;

/// Whether an actor's name qualifies the scene reference ("officials",
/// "authorities", "police") starting at `at`: the name ends right before
/// it ("Saudi authorities"), or before up to [`PREMODIFIER_WORDS`]
/// lower-case words that premodify the noun ([`is_premodifier`]), with at
/// most one "and" or "or" among them ("U.S. defense officials", "Egyptian
/// government and airline officials", "Trump and other administration
/// officials"; not "Biden viewed mollifying police", "Thailand says
/// police"). `names` are the actor matches before the reference, sorted
/// by end.
fn qualified_by_name(text: &str, at: usize, names: &[Hit]) -> bool {
    let mut end = at;
    let mut joined = false;
    for read in 0..=PREMODIFIER_WORDS {
        // Words are apart, on one line: a name or a word glued to the next
        // ("U.S.-led police") qualifies nothing here, nor does a name
        // ending the line before ("… in Copenhagen\nPolice charge 2").
        let gap = text[..end].trim_end_matches(|c: char| is_space(c) && c != '\n' && c != '\r');
        if gap.len() == end {
            return false;
        }
        // The name's possessive ending is part of it ("Trump's officials").
        let name_end = past_possessive_ending(gap).unwrap_or(gap).len();
        if names
            .binary_search_by_key(&name_end, |a| a.span.end)
            .is_ok()
        {
            return true;
        }
        if read == PREMODIFIER_WORDS {
            return false;
        }
        let start = gap
            .trim_end_matches(|c: char| c.is_ascii_lowercase() || is_hyphen(c))
            .len();
        let word = &gap[start..];
        if matches!(word, "and" | "or") {
            if joined {
                return false;
            }
            joined = true;
        } else if !is_premodifier(word) {
            return false;
        }
        end = start;
    }
    false
}

/// `text` without the possessive ending, "'s" or "’s", that closes it, if
/// one does and a word stands before it.
fn past_possessive_ending(text: &str) -> Option<&str> {
    without_possessive(text).filter(|rest| rest.ends_with(|c: char| !is_space(c)))
}

/// Keeps, within each group, the leftmost-longest of the candidates among
/// `items` that overlap, ties going to the rule declared first, and leaves
/// them sorted by group, then start. No two candidates have the same key (a
/// rule has one pattern, which matches once where it starts), so an
/// unstable sort orders them as a stable one would.
fn leftmost_longest<T>(items: &mut Vec<T>, candidate: impl Fn(&T) -> Candidate) {
    items.sort_unstable_by_key(|t| {
        let c = candidate(t);
        (c.group, c.start, std::cmp::Reverse(c.end), c.rule)
    });
    let mut current: Option<(OverlapGroup, u32)> = None;
    items.retain(|t| {
        let c = candidate(t);
        let lost = current.is_some_and(|(g, reach)| g == c.group && c.start < reach);
        if !lost {
            current = Some((c.group, c.end));
        }
        !lost
    });
}

/// Drops a person's bare surname ("Bush", "Clinton": a one-word alias)
/// where the last full name before it with that surname was a namesake's:
/// one of the person's `exclude` phrases that ends with the surname ("Jeb
/// Bush", "President Clinton" for Hillary Clinton), or the surname after
/// another given name (see [`drop_surnames`]). News names a person in full
/// and then by surname, so in 2015 "Jeb Bush ... Bush said" is Jeb Bush,
/// and "George W. Bush ... Bush said" is George W. Bush again. A person in
/// office on the article's `date` keeps the bare name whatever namesake
/// came before ("Melania Trump ... Trump said"), as does everyone in an
/// undated article. Each hit dropped is added to `excluded`.
fn drop_namesakes(
    rules: &RuleSet,
    text: &str,
    date: Option<ArticleDate>,
    hits: &mut Vec<Hit>,
    excluded: &mut Vec<Excluded>,
) {
    let person = |rule: RuleId| match rules.rule(rule).target {
        Target::Actor { actor } if rules.actor(actor).kind == ActorKind::Person => Some(actor),
        _ => None,
    };
    let one_word = |span: Span| !span.of(text).contains(char::is_whitespace);
    let surname = |span: Span| {
        let name = span.of(text);
        let last = name.rsplit(char::is_whitespace).next().unwrap_or(name);
        core(last)
    };
    // A person in office on the article's date keeps the bare surname:
    // "Melania Trump ... Trump said" is still the president. Undated, no
    // one is known to be out of office.
    let out_of_office =
        |p: &ActorId| date.is_some() && rules.root_and_role_at(*p, date).1.is_none();
    // Full names: (start, person, surname, the namesake's span when it is
    // not the person's own). The namesakes come first, from the few
    // matches set aside, so that a document with none (nearly every one)
    // is left before its hits are read.
    let mut names: Vec<(usize, ActorId, String, Option<Span>)> = Vec::new();
    for x in excluded.iter() {
        let Some(p) = person(x.hit.rule).filter(|p| one_word(x.hit.span) && out_of_office(p))
        else {
            continue;
        };
        let namesake = match x.why {
            Why::Exclusion(by)
                if by.span.end == x.hit.span.end && by.span.start < x.hit.span.start =>
            {
                by.span
            }
            Why::Surname(given) => Span::new(given.start, x.hit.span.end),
            _ => continue,
        };
        names.push((namesake.start, p, surname(x.hit.span), Some(namesake)));
    }
    if names.is_empty() {
        return;
    }
    for h in hits.iter() {
        if let Some(p) = person(h.rule).filter(|p| !one_word(h.span) && out_of_office(p)) {
            names.push((h.span.start, p, surname(h.span), None));
        }
    }
    names.sort_by_key(|n| n.0);
    let mut last: HashMap<(ActorId, String), Option<Span>> = HashMap::new();
    let mut next = 0;
    hits.retain(|h| {
        while names.get(next).is_some_and(|n| n.0 < h.span.start) {
            let (_, p, s, namesake) = names[next].clone();
            last.insert((p, s), namesake);
            next += 1;
        }
        let Some(p) = person(h.rule).filter(|_| one_word(h.span)) else {
            return true;
        };
        match last.get(&(p, surname(h.span))) {
            Some(&Some(namesake)) => {
                excluded.push(Excluded {
                    hit: *h,
                    why: Why::Namesake(namesake),
                });
                false
            }
            _ => true,
        }
    });
}

/// Drops the capitalised actor aliases and references that stand right
/// after a given name (`[given-names]` in the registry), being someone's
/// surname: "Rep. Steve Israel", "Mark Cuban", "Alan He". A person's alias
/// stays when one of the three capitalised words before it (past an "and":
/// "Justin and Sophie Trudeau") is one of their given names
/// ([`Actor::given`](crate::pack::ruleset::Actor)): "Donald John Trump" is
/// Trump, "Fred Trump" is not. The given name must stand alone (see
/// [`given_name_before`]), be written as a name ("Mark", not "MARK"), not
/// stand in a headline ([`is_headline`]), and be no actor's name itself
/// ("Chad Chile" lists two states; "Bill Clinton White House" is the White
/// House). `hits` are grouped as the scan leaves them: the actor hits are
/// sorted by start. Each hit dropped is added to `excluded`.
fn drop_surnames(rules: &RuleSet, text: &str, hits: &mut Vec<Hit>, excluded: &mut Vec<Excluded>) {
    if rules.given_names.is_empty() {
        return;
    }
    let actor_spans: Vec<Span> = hits
        .iter()
        .filter(|h| matches!(rules.rule(h.rule).target, Target::Actor { .. }))
        .map(|h| h.span)
        .collect();
    let inside_actor = |at: usize| {
        let i = actor_spans.partition_point(|s| s.start <= at);
        i > 0 && actor_spans[i - 1].end > at
    };
    hits.retain(|h| {
        let person = match rules.rule(h.rule).target {
            Target::Actor { actor } => {
                let a = rules.actor(actor);
                (a.kind == ActorKind::Person).then_some(a)
            }
            Target::Reference { .. } => None,
            _ => return true,
        };
        if !h.span.of(text).starts_with(char::is_uppercase) {
            return true;
        }
        let Some((start, word)) = given_name_before(&text[..h.span.start]) else {
            return true;
        };
        if rules.given_name(word).is_none()
            || inside_actor(start)
            || !is_name_cased(word)
            || is_headline(line_around(text, h.span.start))
        {
            return true;
        }
        let surname = Excluded {
            hit: *h,
            why: Why::Surname(Span::new(start, start + word.len())),
        };
        // "Donald John Trump", "Justin and Sophie Trudeau": any of the
        // capitalised words before is theirs.
        let Some(person) = person else {
            excluded.push(surname);
            return false;
        };
        let mut at = h.span.start;
        for _ in 0..3 {
            // Past a joining word, keeping the space before it.
            let before = &text[..at];
            let before = match [" and ", " & "].iter().find(|j| before.ends_with(*j)) {
                Some(joint) => &before[..before.len() - joint.len() + 1],
                None => before,
            };
            let Some((start, word)) = given_name_before(before) else {
                break;
            };
            if person.given.contains(&word.to_lowercase()) {
                return true;
            }
            at = start;
        }
        excluded.push(surname);
        false
    });
}

/// Where a name right after " of " at `at` may start: right there, past a
/// "the" ("the government| of the United Kingdom": an alias may hold its
/// article, "the Gambia", or not), and past each of up to [`TITLE_WORDS`]
/// capitalised words of a title before a person's name ("the regime| of
/// President Bashar Assad", "of Prime Minister Theresa May"), these last
/// marked `true`. Nothing when no " of " follows.
fn of_name_starts(text: &str, at: usize) -> impl Iterator<Item = (usize, bool)> + '_ {
    let name = text[at..]
        .strip_prefix(' ')
        .and_then(|r| r.strip_prefix("of "));
    let past_the = name.and_then(|r| ["the ", "The "].iter().find_map(|the| r.strip_prefix(the)));
    let titled = std::iter::successors(name, |r| {
        let word = leading_word_run(r);
        let rest = r[word.len()..]
            .strip_prefix('.')
            .unwrap_or(&r[word.len()..]);
        word.starts_with(char::is_uppercase)
            .then(|| rest.strip_prefix(' '))
            .flatten()
    })
    .skip(1)
    .take(TITLE_WORDS);
    [name, past_the]
        .into_iter()
        .flatten()
        .map(|r| (r, false))
        .chain(titled.map(|r| (r, true)))
        .map(|(r, titled)| (text.len() - r.len(), titled))
}

/// How many capitalised words of a title may stand between "of" and a
/// person's name ("of Supreme Leader Ayatollah Ali Khamenei").
const TITLE_WORDS: usize = 3;

/// The capitalised word that ends `before` after one space or more (no
/// line break), with where it starts: the given name before a
/// surname, past a middle initial ("Mary L. "). It stands alone: the
/// character before it is none of a word's (a letter, a digit, a hyphen,
/// an apostrophe, a full stop, a slash or an ampersand).
fn given_name_before(before: &str) -> Option<(usize, &str)> {
    let spaces = |c: char| c.is_whitespace() && c != '\n' && c != '\r';
    let mut rest = before.trim_end_matches(spaces);
    if rest.len() == before.len() {
        return None;
    }
    // A middle initial: " L." before the surname.
    if let Some(initial) = rest.strip_suffix('.') {
        let mut back = initial.chars().rev();
        if back.next().is_some_and(|c| c.is_ascii_uppercase()) && back.next().is_some_and(spaces) {
            let trimmed = initial[..initial.len() - 1].trim_end_matches(spaces);
            rest = trimmed;
        }
    }
    let word = rest
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphabetic())
        .last()
        .map(|(i, _)| i)?;
    let alone = rest[..word]
        .chars()
        .next_back()
        .is_none_or(|c| !is_word_char(c) && !matches!(c, '-' | '\'' | '’' | '.' | '/' | '&'));
    let capitalised = rest[word..].chars().next().is_some_and(char::is_uppercase);
    (alone && capitalised).then(|| (word, &rest[word..]))
}

/// The line of `text` around byte `at` (a paragraph of most news).
fn line_around(text: &str, at: usize) -> &str {
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    &text[start..end]
}

/// Drops the ambiguous aliases ("Georgia") of actors that the document does
/// not also name by an alias that is not ambiguous ("Tbilisi", "Georgian",
/// a member such as its president): each counts at the top-level actor.
/// Each hit dropped is added to `excluded`.
fn drop_unconfirmed(rules: &RuleSet, hits: &mut Vec<Hit>, excluded: &mut Vec<Excluded>) {
    let is_ambiguous = |h: &Hit| rules.rule(h.rule).ambiguous;
    if !hits.iter().any(is_ambiguous) {
        return;
    }
    let confirmed: Vec<ActorId> = hits
        .iter()
        .filter(|h| !is_ambiguous(h))
        .filter_map(|h| match rules.rule(h.rule).target {
            Target::Actor { actor } => Some(rules.actor(actor).root),
            _ => None,
        })
        .collect();
    hits.retain(|h| match rules.rule(h.rule).target {
        Target::Actor { actor } if is_ambiguous(h) => {
            let keep = confirmed.contains(&rules.actor(actor).root);
            if !keep {
                excluded.push(Excluded {
                    hit: *h,
                    why: Why::Unconfirmed,
                });
            }
            keep
        }
        _ => true,
    });
}

/// Drops the place aliases used as locations (`[location]` in the registry):
/// right after a location word of the pack (`in`, `at`, `from`), with only
/// its skip words between ("in central Bangkok"), or joined by `,`/`and`/`or`
/// to a place just dropped ("in Iowa and New Hampshire"); right before an
/// event word ("the Singapore summit", "the Lisbon Treaty"). A state's name
/// in apposition to such a location is part of it ("in Strasbourg, France";
/// "in central Bangkok, Thailand"), and so is a state's name or demonym
/// right before one of the `places` words ("the Syrian city of Manbij"),
/// and a place after one of them and "of" or "like" ("the capital of
/// Cairo", "cities like Nairobi").
/// A possessive is never a location ("a shift in Pyongyang's policy").
/// `hits` are grouped as the scan leaves
/// them: the actor hits are sorted by start. Returns the hits dropped as
/// locations, the scenes of the text; a dateline ("BEIJING —" opening a
/// paragraph) is dropped without being returned, being where the reporter
/// was, not what the text is about, and so are an origin ("a person from
/// China") and a place that only names an event ("since the Paris
/// attacks"). Each hit dropped is added to `excluded`, with its reason.
fn drop_locations(
    rules: &RuleSet,
    text: &str,
    hits: &mut Vec<Hit>,
    excluded: &mut Vec<Excluded>,
) -> Vec<Hit> {
    let mut dropped = Vec::new();
    let loc = &rules.location;
    if loc.words.is_empty()
        && loc.events.is_empty()
        && loc.labels.is_empty()
        && loc.label_prefixes.is_empty()
        && loc.places.is_empty()
    {
        return dropped;
    }
    // Where the armed groups named end: "ISIS in Syria" is where ISIS is.
    let group_ends: Vec<usize> = hits
        .iter()
        .filter(|h| {
            matches!(rules.rule(h.rule).target,
                Target::Actor { actor } if rules.actor(actor).kind == ActorKind::Group)
        })
        .map(|h| h.span.end)
        .collect();
    // The end and actor of the last location.
    let mut last_dropped: Option<(usize, ActorId)> = None;
    // Where each actor's name ends, and whose it is, sorted.
    let mut actor_ends: Vec<(usize, ActorId)> = hits
        .iter()
        .filter_map(|h| match rules.rule(h.rule).target {
            Target::Actor { actor } => Some((h.span.end, actor)),
            _ => None,
        })
        .collect();
    actor_ends.sort_unstable();
    let mut last_state = false;
    hits.retain(|h| {
        let rule = rules.rule(h.rule);
        let Target::Actor { actor } = rule.target else {
            return true;
        };
        let state_name = rules.actor(actor).kind == ActorKind::State;
        if !rule.place && !state_name {
            return true;
        }
        // Only a short gap can be a list's ", and" (and lowering a long one
        // for every place would cost a pass over the text).
        let last = last_dropped.filter(|&(end, _)| end <= h.span.start && h.span.start - end <= 8);
        let between = last.map(|(end, _)| text[end..h.span.start].trim().to_lowercase());
        let listed = between.as_deref().is_some_and(|b| {
            (b == ","
                && (last.is_some_and(|(_, a)| a == actor)
                    || !opens_clause(rules, &text[h.span.end..])))
                || ((rule.place || last_state)
                    && matches!(b, "and" | "or" | ", and" | ", or" | "&"))
        });
        // A possessor is no location: "a shift in Pyongyang's policy", and
        // "Jerusalem as Israel's capital" is Israel's claim.
        if text[h.span.end..].starts_with(['\'', '’']) {
            return true;
        }
        let before = &text[..h.span.start];
        let after = &text[h.span.end..];
        if rule.place && is_dateline(text, h) {
            excluded.push(Excluded {
                hit: *h,
                why: Why::Dateline,
            });
            return false;
        }
        // A state's own name is a location only after what is merely there:
        // "troops in Syria", "an attack in Syria", "ISIS in Syria".
        let situated = if rule.place || listed {
            None
        } else {
            situated_state(loc, before, &group_ends)
        };
        let placed = listed
            || (rule.place && after_cue_word(loc, before, false) && !after_government(loc, before))
            || situated.is_some()
            || in_apposition(loc, text, h.span.start).is_some_and(|name| {
                // After another actor's name it goes on a list of places
                // or opens a clause: "in Turkey, Russia and North Africa",
                // but "in Yemen, Iran has backed the Houthis" ("in Moscow,
                // Russia" and "in Strasbourg, France" are appositions).
                let named = actor_ends.partition_point(|&(end, _)| end < name.end);
                match actor_ends.get(named).filter(|&&(end, _)| end == name.end) {
                    Some(&(_, other)) => other == actor || !opens_clause(rules, after),
                    None => true,
                }
            })
            // "officials in the Egyptian capital" are Egypt's government.
            || (state_name
                && !rule.place
                && before_place_word(loc, after)
                && !after_government(loc, before))
            || (rule.place && after_place_word(loc, before));
        let labelled = rule.place && !placed && labels(loc, before, after);
        let located = placed || labelled || (rule.place && before_event_word(loc, before, after));
        if located {
            last_dropped = Some((h.span.end, actor));
            last_state = situated.is_some() || (listed && last_state);
            // Where someone comes from is no scene ("a person from China"),
            // nor is the place that only names an event ("since the Paris
            // attacks", "after the Singapore summit"): the text need not be
            // there. One a location word also places is ("died in the
            // Brussels attacks": the story is there).
            let scene = placed && situated != Some(Cue::From);
            if scene {
                dropped.push(*h);
            }
            let why = match (scene, placed) {
                (true, _) => Why::Location,
                (false, true) => Why::Origin,
                (false, false) if labelled => Why::Label,
                (false, false) => Why::Event,
            };
            excluded.push(Excluded { hit: *h, why });
        }
        !located
    });
    dropped
}

/// Whether `after`, the text after a name joined to a location before it by
/// a comma alone, goes on with a word in lower case other than "and", "or",
/// a location word or a preposition (`[location] words`, `[stance]
/// prepositions`): then the name opens a clause ("in Yemen, Iran has
/// backed the Houthis", "warnings from Washington, Russia invaded
/// Ukraine") unless it is the location's own state ("in Tehran, Iran on
/// Monday"), where it lists no further location ("in Iraq, Syria and
/// Libya", "in Iraq, Syria.", "in Houston, Texas, U.S. in August"). Nor do
/// the [`LIST_GOES_ON`] words ("in Iraq, Syria plus Jordan"); a time word
/// may stand in a clause ("In Syria, Russia this week accused Turkey").
fn opens_clause(rules: &RuleSet, after: &str) -> bool {
    let rest = after.trim_start_matches(is_space);
    if rest.len() == after.len() {
        return false;
    }
    let word: &str = rest
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or_default();
    let listed = |words: &[String]| words.iter().any(|w| w == word);
    word.starts_with(|c: char| c.is_lowercase())
        && !matches!(word, "and" | "or")
        && !LIST_GOES_ON.contains(&word)
        && !listed(&rules.location.words)
        && !listed(&rules.stance.prepositions)
}

/// Words after a place that go on with a list of places, not a clause
/// (see [`opens_clause`]).
const LIST_GOES_ON: &[&str] = &["plus", "respectively"];

/// Drops the actor aliases that only qualify others: right before one of
/// the `attributes` of `[location]` (a word in lower case, after a space
/// and an optional possessive), a state's, a person's or a body's name
/// names private people or a campaign, and the actor does not act there
/// ("the American people", "U.S. citizens", "Trump supporters", "the
/// Obama campaign", "Trump's campaign"; codebook: candidates, parties in a
/// party role and ordinary people are no actors); right before one of its
/// `opposition` words, with no possessive between, a state's name or
/// demonym names rebels, separatists or militants, not the state ("Syrian
/// rebels", "Ukrainian separatists", "pro-Russian militants"; an armed
/// group's own name stays: "Houthi rebels"), unless one of the
/// `opposition-stance` phrases follows, which makes it the state's own
/// stance ("U.S. opposition to the plan"). Each is added to `excluded`.
fn drop_attributes(rules: &RuleSet, text: &str, hits: &mut Vec<Hit>, excluded: &mut Vec<Excluded>) {
    let loc = &rules.location;
    if loc.attributes.is_empty() && loc.attribute_suffixes.is_empty() && loc.opposition.is_empty() {
        return;
    }
    hits.retain(|h| {
        let Target::Actor { actor } = rules.rule(h.rule).target else {
            return true;
        };
        let after = &text[h.span.end..];
        let why = if next_word_in(past_possessive(after).unwrap_or(after), &loc.attributes)
            || joined_suffix(after, &loc.attribute_suffixes)
                .is_some_and(|rest| !government_ahead(rest, &loc.governments))
        {
            Why::Attribute
        } else if rules.actor(actor).kind == ActorKind::State
            && next_word_in(after, &loc.opposition)
            && !loc
                .opposition_stance
                .iter()
                .any(|phrase| next_words_are(after, phrase))
        {
            Why::Opposition
        } else {
            return true;
        };
        excluded.push(Excluded { hit: *h, why });
        false
    });
}

/// Which location word placed a state's name (see [`situated_state`]).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Cue {
    /// "from": an origin ("a person from China"), no scene.
    From,
    /// Any other location word: where it happens.
    Other,
}

/// Whether a state's name whose text before is `before` stands after a
/// location word (with only skip words between) that itself follows a
/// `located` word ("troops in Syria", "an attack in Syria", "a person from
/// China") or an armed group's name ending at `group_ends` ("ISIS in
/// Syria"): what is merely there, so the state is a location. Anything else
/// ("Russia's aggression in Ukraine", "the crisis in North Korea") leaves
/// the state an actor.
fn situated_state(loc: &WordsBefore, before: &str, group_ends: &[usize]) -> Option<Cue> {
    if loc.located.is_empty() && group_ends.is_empty() {
        return None;
    }
    let (word, head) = cue_word_before(loc, before, false)?;
    let head = head.trim_end();
    let last = tokens_back(head)
        .next()
        .map(|t| core(t.span().of(head)))
        .unwrap_or_default();
    let situated =
        group_ends.contains(&head.len()) || (!last.is_empty() && loc.located.contains(&last));
    let cue = if word == "from" {
        Cue::From
    } else {
        Cue::Other
    };
    situated.then_some(cue)
}

/// Whether the place `h` opens its line and a dash or "(" follows it: a
/// dateline ("BEIJING —", "WASHINGTON (AP) —").
fn is_dateline(text: &str, h: &Hit) -> bool {
    let before = text[..h.span.start].trim_end_matches([' ', '\t']);
    (before.is_empty() || before.ends_with('\n'))
        && text[h.span.end..]
            .trim_start_matches([' ', ','])
            .starts_with(['—', '–', '-', '('])
}

/// Whether a state's name or demonym followed by `after` names a place in
/// the state: one of the `places` words follows it ("the Syrian city of
/// Manbij", "the Kenyan capital", "Chinese soil"; see [`next_word_in`]).
/// Where something is, as after a location word.
fn before_place_word(loc: &WordsBefore, after: &str) -> bool {
    next_word_in(after, &loc.places)
}

/// Whether a place's name whose text before is `before` names it after one
/// of the `places` words and "of" or "like": "the Kenyan capital of
/// Nairobi", "the city of Mosul", "in cities like Nairobi". Where something
/// is, as after a location word.
fn after_place_word(loc: &WordsBefore, before: &str) -> bool {
    let mut back = tokens_back(before);
    let joined = back
        .next()
        .is_some_and(|t| matches!(t.span().of(before), "of" | "like"));
    joined
        && back
            .next()
            .is_some_and(|t| loc.places.contains(&core(t.span().of(before))))
}

/// Whether the text `after` a name goes on, after a space, with a word in
/// lower case that is one of `words` ("U.S. citizens", "the Syrian city"):
/// the next word only, so "the Trump Campaign Committee" is a name.
fn next_word_in(after: &str, words: &[String]) -> bool {
    let next = after.trim_start_matches(' ');
    let word = leading_word_run(next);
    // Every actor alias passes here: `core` lower-cases a plain word with
    // one allocation, as `normalize_pattern` would with three.
    next.len() < after.len() && word.starts_with(char::is_lowercase) && words.contains(&core(word))
}

/// The text past a hyphen and one of `suffixes` (words in lower case:
/// "based") that the text `after` a name opens with, in any case, as a
/// whole word ("Moscow-based", "U.S.-Based", not "Moscow-basedness").
fn joined_suffix<'t>(after: &'t str, suffixes: &[String]) -> Option<&'t str> {
    let rest = after.strip_prefix(is_hyphen)?;
    let word = leading_word_run(rest);
    suffixes
        .iter()
        .any(|s| s.eq_ignore_ascii_case(word))
        .then(|| &rest[word.len()..])
}

/// Whether one of the first [`GOVERNMENT_WORDS`] words of `after`, in any
/// case and before any comma, semicolon, colon or full stop, is one of
/// `governments`: "the Kiev-based pro-Western government", "the
/// Tripoli-based Government of National Accord" are the state's.
fn government_ahead(after: &str, governments: &[String]) -> bool {
    for token in after.split_whitespace().take(GOVERNMENT_WORDS) {
        let word = token
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        if governments.contains(&word) {
            return true;
        }
        if token.ends_with([',', ';', ':', '.']) {
            return false;
        }
    }
    false
}

/// How many words after a "-based" name may come before the government
/// word that makes it the state's ("the Tripoli-based internationally
/// recognised government").
const GOVERNMENT_WORDS: usize = 4;

/// Whether the words of `after`, each after a space, are `phrase`'s
/// (normalised words): "opposition to" in " opposition to the plan".
fn next_words_are(mut after: &str, phrase: &[String]) -> bool {
    phrase.iter().all(|want| {
        let next = after.trim_start_matches(' ');
        let word = leading_word_run(next);
        let found = next.len() < after.len() && !word.is_empty() && core(word) == *want;
        after = &next[word.len()..];
        found
    })
}

/// Whether the word before the location word that ends `before` (past
/// any `skip` words, as [`after_cue_word`] reads it) names a government
/// ("officials in", "the regime in central Damascus"): the place is its
/// seat.
fn after_government(loc: &WordsBefore, before: &str) -> bool {
    government_before(loc, before).is_some()
}

/// The text of `before` up to the end of the government word that
/// [`after_government`] finds ("… the regime" of "… the regime in
/// central "), if it finds one.
pub(crate) fn government_before<'t>(loc: &WordsBefore, before: &'t str) -> Option<&'t str> {
    if loc.governments.is_empty() {
        return None;
    }
    let (_, rest) = cue_word_before(loc, before, false)?;
    let word = tokens_back(rest).next()?;
    loc.governments
        .contains(&core(word.span().of(rest)))
        .then_some(&rest[..word.end])
}

/// Whether `after` (the text after a place) opens with an event word: the
/// run of word characters right after it, as a pattern would continue the
/// place's name ("the Lisbon Treaty's", "the Singapore summit"), so a
/// possessive or a hyphen ends it where a token would not. Not when the
/// word is a verb with its object: the place opens its clause (`before`
/// ends a sentence, or is empty), the word is in lower case, and a name or
/// a determiner follows it ("Moscow attacks Kyiv", "Beijing blasts the
/// US"): the place is who does it. One lower-case premodifier may stand
/// between ("the Paris climate agreement", "the Madrid rail bombing", "a
/// Helsinki press conference": see [`is_premodifier`]); then the event
/// word is a noun.
fn before_event_word(loc: &WordsBefore, before: &str, after: &str) -> bool {
    let is_event =
        |word: &str| !word.is_empty() && loc.events.contains(&normalize_pattern(word, true));
    let after = after.trim_start();
    let word = leading_word_run(after);
    if !is_event(word) {
        // Only inside a noun phrase that something opens before the place
        // ("the", "Trump's", "1972", "recent"): a place opening its clause
        // or after a comma or "and" may be the subject of a verb ("Moscow,
        // Kyiv hold talks", "Tokyo and Seoul sign agreement").
        let Some(spaced) = after[word.len()..].strip_prefix(' ') else {
            return false;
        };
        return is_premodifier(word)
            && is_event(leading_word_run(spaced))
            && opens_noun_phrase(before);
    }
    let before = before.trim_end_matches([' ', '\t']);
    // A full stop after a single letter is an initial ("Walter E.
    // Washington Convention Center"), which ends no sentence.
    let initial = before.strip_suffix('.').is_some_and(|b| {
        let mut letters = b.chars().rev().take_while(|&c| is_word_char(c));
        letters.next().is_some() && letters.next().is_none()
    });
    let opens_clause = !initial
        && before.chars().next_back().is_none_or(|c| {
            matches!(
                c,
                '\n' | '.'
                    | '!'
                    | '?'
                    | ':'
                    | ';'
                    | '"'
                    | '“'
                    | '”'
                    | '\''
                    | '’'
                    | '—'
                    | '–'
                    | '('
                    | '['
            )
        });
    // A verb is written in lower case: "Paris Attacks Suspect Goes On
    // Trial" and "the Lisbon Treaty Article 50" are events.
    if !opens_clause || word.chars().next().is_some_and(char::is_uppercase) {
        return true;
    }
    let next = leading_word_run(after[word.len()..].trim_start_matches([' ', '\t']));
    let object = next.chars().next().is_some_and(char::is_uppercase)
        || matches!(
            next.to_lowercase().as_str(),
            "the" | "a" | "an" | "its" | "his" | "her" | "their"
        );
    !object
}

/// Whether the word that ends `before` opens or continues a noun phrase
/// that a place after it stands in: a determiner or possessive pronoun
/// ("the", "a", "his"), a possessive ("Trump's"), a number ("1972") or a
/// premodifier ("recent", see [`is_premodifier`]).
fn opens_noun_phrase(before: &str) -> bool {
    let Some(token) = tokens_back(before).next() else {
        return false;
    };
    if token.end != before.trim_end_matches([' ', '\u{a0}']).len() {
        return false;
    }
    let word = token.span().of(before);
    without_possessive(word).is_some()
        || word.chars().all(|c| c.is_ascii_digit())
        || matches!(
            word.to_ascii_lowercase().as_str(),
            "the"
                | "a"
                | "an"
                | "this"
                | "that"
                | "these"
                | "those"
                | "its"
                | "his"
                | "her"
                | "their"
                | "our"
                | "your"
                | "my"
        )
        || is_premodifier(word)
}

/// Whether a place whose text before is `before` and after is `after` is
/// a label of a person or group from there: a label word follows it ("the
/// Ohio Republican", "Texas Sen. Ted Cruz", "Iowa voters": the run of word
/// characters right after it, as for event words), a label prefix
/// stands right before it, after a character that is no word character
/// ("(R-Ohio)"), or a label word and "of" do ("Republican of Wisconsin",
/// see [`labels_before_of`]).
fn labels(loc: &WordsBefore, before: &str, after: &str) -> bool {
    let word = leading_word_run(after.trim_start());
    let labelled = !word.is_empty() && loc.labels.contains(&normalize_pattern(word, true));
    labelled
        || loc.label_prefixes.iter().any(|p| {
            before
                .strip_suffix(p.as_str())
                .is_some_and(|rest| !rest.chars().next_back().is_some_and(is_word_char))
        })
        || labels_before_of(loc, before)
}

/// Whether `before` ends with a label word and " of ", past a person's
/// name of up to [`LABELLED_NAME_WORDS`] capitalised words: "Republican
/// of Wisconsin", "Senator Bob Casey of Pennsylvania", "Sen. Susan Collins
/// of Maine" label a legislator by their state, which is no actor there.
fn labels_before_of(loc: &WordsBefore, before: &str) -> bool {
    let Some(rest) = before
        .strip_suffix(" of ")
        .filter(|_| !loc.labels.is_empty())
    else {
        return false;
    };
    for t in tokens_back(rest).take(LABELLED_NAME_WORDS + 1) {
        if !t.word {
            return false;
        }
        let raw = t.span().of(rest);
        let word = core(raw);
        if loc.labels.contains(&word) {
            return true;
        }
        // A name's words are capitalised; an abbreviated title that is no
        // label ends it ("Republican Gov. John Kasich of Ohio": a governor
        // acts for the state), where an initial does not ("O.").
        let title = raw.ends_with('.') && word.chars().count() > 1;
        if !raw.starts_with(char::is_uppercase) || title {
            return false;
        }
    }
    false
}

/// How many capitalised words of a name may stand between a label word and
/// "of" ("Senator Lindsey O. Graham of South Carolina").
const LABELLED_NAME_WORDS: usize = 4;

/// The located name that the text before `at` ends with, followed by a
/// comma: "in Strasbourg," (up to three capitalised words after a location
/// word, not a month or a weekday: "In March, Iran sent …").
fn in_apposition(loc: &WordsBefore, text: &str, at: usize) -> Option<Span> {
    let before = text[..at].trim_end().strip_suffix(',')?;
    let end = before.trim_end().len();
    let mut rest = &before[..end];
    for _ in 0..3 {
        let start = tokens_back(rest).next()?.start;
        let word = &rest[start..];
        if !word.chars().next().is_some_and(char::is_uppercase) || is_month_or_weekday(word) {
            return None;
        }
        rest = rest[..start].trim_end();
        if after_cue_word(loc, rest, false) {
            return Some(Span::new(start, end));
        }
    }
    None
}

/// Whether `before` ends with one of `cue`'s words, passing over at most
/// four of its skip words (and, with `skip_titles`, over capitalised words
/// such as "Vice President" or "U.S."). Words are the tokeniser's
/// ([`crate::text::tokens`]), compared by their cores; a token of
/// punctuation alone ("—") stops the search.
pub(crate) fn after_cue_word(cue: &WordsBefore, before: &str, skip_titles: bool) -> bool {
    cue_word_before(cue, before, skip_titles).is_some()
}

/// The cue word that [`after_cue_word`] finds, normalised, with the text
/// of `before` that precedes it.
fn cue_word_before<'t>(
    cue: &WordsBefore,
    before: &'t str,
    skip_titles: bool,
) -> Option<(String, &'t str)> {
    for t in tokens_back(before).take(5) {
        let raw = t.span().of(before);
        let word = core(raw);
        // A comma, a colon or a closing bracket after a word ends the
        // phrase: "if it's the former, Trump ...", "former Treasury
        // Secretary Larry Summers, Obama nominated ...".
        if word.is_empty() || raw.ends_with([',', ';', ':', ')', ']', '!', '?']) {
            return None;
        }
        if cue.words.contains(&word) {
            return Some((word, &before[..t.start]));
        }
        let title = skip_titles
            && raw
                .trim_start_matches(|c: char| !is_word_char(c))
                .starts_with(char::is_uppercase);
        if !title && !cue.skip.contains(&word) {
            return None;
        }
    }
    None
}

/// The person actors that the document calls "former" (`[former]` in the
/// registry: "former President Barack Obama"): out of office in this
/// document, they are no actors (codebook: a person counts as their state
/// when acting in an official capacity). Not one whose name labels
/// someone else, whom "former" describes (see [`labels_another`]).
fn former_people(rules: &RuleSet, text: &str, hits: &[Hit]) -> Vec<ActorId> {
    let mut out = Vec::new();
    if rules.former.words.is_empty() {
        return out;
    }
    for h in hits {
        if let Target::Actor { actor } = rules.rule(h.rule).target {
            if rules.actor(actor).kind == ActorKind::Person
                && !out.contains(&actor)
                && after_cue_word(&rules.former, &text[..h.span.start], true)
                && !labels_another(&rules.former, &text[h.span.end..])
            {
                out.push(actor);
            }
        }
    }
    out
}

/// Whether the name before `after` labels someone else: one of `cue`'s
/// `labels`, in any case, follows it, past up to [`FORMER_NAME_WORDS`]
/// other capitalised words ("former Trump campaign chairman", "a former
/// Obama White House aide", "former Trump National Security Adviser
/// Michael Flynn": the chairman, the aide and the adviser are former, not
/// the president). A lower-case word that is no label ends the search.
fn labels_another(cue: &WordsBefore, after: &str) -> bool {
    let mut rest = after;
    for _ in 0..=FORMER_NAME_WORDS {
        let next = rest.trim_start_matches(' ');
        let word = leading_word_run(next);
        if next.len() == rest.len() || word.is_empty() {
            return false;
        }
        if cue.labels.contains(&normalize_pattern(word, true)) {
            return true;
        }
        if !word.starts_with(char::is_uppercase) {
            return false;
        }
        rest = &next[word.len()..];
    }
    false
}

/// How many capitalised words may stand between a name and the label that
/// makes "former" another's ("former Obama White House aide").
const FORMER_NAME_WORDS: usize = 2;

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::nfa::contiguous::Builder;
    use aho_corasick::MatchKind;

    /// The anchored walks find exactly the occurrences a naive search finds
    /// at word starts and at non-word characters, and none inside a word.
    #[test]
    fn each_match_finds_every_occurrence_that_can_count() {
        let patterns = [
            "war", "us", "'s", "$5", "forward", "for", "5 war", "kim jong", "kim", "é", "ré",
            "café", "\"",
        ];
        let nfa = Builder::new()
            .match_kind(MatchKind::Standard)
            .build(patterns)
            .unwrap();
        for text in [
            "forward us's $5 war, a war-like us",
            "kim jong un met kim's \"café\" résumé réfugié",
            "",
            "usus us",
        ] {
            let mut found = Vec::new();
            each_match(&nfa, text, |p, s, e| found.push((p, s, e)));
            found.sort_unstable();
            let mut want = Vec::new();
            for (at, c) in text.char_indices() {
                let inside_word =
                    is_word_char(c) && text[..at].chars().next_back().is_some_and(is_word_char);
                if inside_word {
                    continue;
                }
                for (p, pat) in patterns.iter().enumerate() {
                    if text[at..].starts_with(pat) {
                        want.push((p, at, at + pat.len()));
                    }
                }
            }
            want.sort_unstable();
            assert_eq!(found, want, "{text:?}");
            // Not vacuous: "war" inside "forward" is left out.
            assert!(!found.iter().any(|&(p, s, _)| p == 0 && s == 4));
        }
    }
}
