//! Directed stance edges: who is shown praising, backing, accusing or
//! threatening whom. A stance cue (from `stance.toml`) yields edges from a
//! source actor to target actors in the same clause:
//!
//! - the **source** is the subject: the nearest actor before the cue, except
//!   that an actor right after a preposition ("relationship *with* China")
//!   is passed over when an earlier actor stands in the clause;
//! - the **targets** are the object: the first actor after the cue, with
//!   the actors coordinated with it ("condemned Japan and South Korea");
//!   the source's own actor is passed over where it qualifies the object
//!   ("praised the country's relationship with China", "the U.S. border
//!   with Mexico") and is otherwise the object itself, which makes no edge
//!   ("chastised his own officials for being soft on Iran"), as does a
//!   person who is no actor named first ("accused Sen. Norm Coleman of
//!   wanting war with Syria"); not every actor later in the clause ("an
//!   attack on coalition forces since Trump announced…"), nor one past the
//!   next cue ("condemned the attack on Israel": the attack is the object)
//!   or past a participial clause set off by a comma ("imposed duties on
//!   steel imports, drawing a response from the European Union"; see
//!   [`opens_participle_clause`]);
//! - a word of the pack's `[undoing]` list shortly before a cue undoes the
//!   act it names ("lifted sanctions on Iran", "withheld aid to Ukraine"):
//!   the section's factors take the edge away or turn it round (not a
//!   participle after an auxiliary: "Iran was condemned over its support
//!   for Hezbollah" is Iran's support; nor one undone in turn: "lifted the
//!   freeze on aid to Ukraine" backs the aid);
//! - coordinated subjects are all sources ("Iran and Russia blame
//!   Israel"); a place after "in" beyond the cue is where the object is,
//!   not the object ("condemned the bombing in Syria");
//! - inside an attributed quotation, a cue without a subject takes the
//!   speaker as its source, and a cue whose subject has no object is the
//!   speaker's stance toward that subject (“North Korea must stop its
//!   provocations,” the White House said); the speaker's own words are
//!   never the object;
//! - a **label** cue (`label = true`: "a provocateur", "vital allies")
//!   takes no object: it is about the actor just before it, and the
//!   stance goes to that actor from the clause's subject before it, else
//!   from the quotation's speaker;
//! - a **compound** cue, a participle joined by a hyphen to the name
//!   before it ("Iran-backed Houthi rebels", "U.S.-imposed sanctions on
//!   Russia"), goes from that name's actor to the actor heading the phrase
//!   right after it (the other way for a participle in "-ing":
//!   "Russia-supporting Syrian leaders"), and nowhere when either is no
//!   actor;
//! - an actor named before a topic noun ("the Russia probe") or right after
//!   a qualifier prefix and a hyphen ("pro-Russian leaders") keeps its
//!   place as subject or object but ends no edge;
//! - a cue whose context (`context` on the cue or on stance.toml) does not
//!   hold, as the sentence's `held_cues` say, yields no edge, though it
//!   still ends the object of the cue before it;
//! - a **passive** cue (an auxiliary such as "was" just before it and the
//!   agent word "by" after it, within [`AGENT_WORDS`] words and past no
//!   actor or "and"/"or"; or a participle in "-ed" with the agent
//!   word right after it, as in "Assad's forces, backed by Russia", "the
//!   rebels backed by Iran", but not "by" and a verb in "-ing"), or a cue
//!   marked `reverse` ("backing from"), reverses them: the first actor
//!   after the cue is the source, the subject before it the target, if
//!   that actor heads the agent phrase (within [`AGENT_WORDS`] words after
//!   the agent word or the `reverse` cue: not "criticism from many
//!   Republicans and some Democrats for his policy toward Syria");
//! - a cue in "-ed" after an auxiliary (right before it, or before an
//!   adverb before it) with no agent word after it ("Iran was condemned
//!   over Israel") is a passive whose doer is unnamed: no edge, unless the
//!   pack lists the participle among the passive `adjectives` ("Germany is
//!   opposed to the Russian plan": the subject's stance); a `reverse` cue
//!   in "-ed" after an auxiliary ("X angered Y") reads from its subject
//!   ("Y was angered by X");
//! - clauses end at the pack's clause breaks (";", "while", …) and at
//!   contrastives ("but", "though"); an aside after the subject's name,
//!   opened by a clause break ("Trump, who met Putin, criticized Germany")
//!   or an appositive ("Turkey, a NATO member, condemned Russia"), holds
//!   no subject of a cue after it;
//! - modifiers apply as to frame terms, except that negation multiplies
//!   the weight by the pack's `stance-factor`: a negative one flips the
//!   polarity (VADER's −0.74), 0 (the default pack's) takes the edge away:
//!   "did not criticise" is no criticism.
//!
//! A cue without an identifiable source or target yields no edge.

use std::ops::Range;

use crate::engine::model::{
    round4, Applied, Edge, Mention, Modification, Polarity, Referent, SentenceResult,
};
use crate::engine::modifiers::{modifier_hits, modifiers_for};
use crate::engine::quotes::Quote;
use crate::engine::scan::Hit;
use crate::pack::ruleset::{ActorId, ActorKind, RuleSet, StanceSettings, Target};
use crate::text::normalize::{is_dash, is_hyphen, is_space, is_word_char, normalize_pattern};
use crate::text::span::{holding, Span};
use crate::text::tokens::{
    core, is_premodifier, leading_word_run, past_possessive, tokens_back, tokens_in, words, Word,
};

/// How many words after a passive cue its agent word ("by") may stand, and
/// how many may stand between the agent word (or a `reverse` cue) and the
/// source it names.
const AGENT_WORDS: usize = 4;

/// Finds the edges of the scored `sentence`, given its hits and the
/// document's quotations: from its actor mentions (in text order), past
/// the stance cues its context held back (`held_cues`: no edge).
///
/// Work is near-linear in the sentence however many cues and actors it
/// has: clauses are found by binary search, the mentions of a clause are a
/// slice, subjects come from links to the previous mention of another
/// actor, and targets from a sweep that keeps each actor's first mention
/// after the cue.
pub(crate) fn find_edges(
    rules: &RuleSet,
    text: &str,
    sentence: &SentenceResult,
    hits: &[Hit],
    quotes: &[Quote],
    distance: &dyn Fn(usize, usize) -> usize,
) -> Vec<Edge> {
    let (span, mentions, held) = (sentence.span, &sentence.mentions[..], &sentence.held_cues);
    let is_held = |h: &Hit| {
        let i = held.partition_point(|c| c.span.start < h.span.start);
        held[i..]
            .iter()
            .take_while(|c| c.span.start == h.span.start)
            .any(|c| c.rule == h.rule)
    };
    // A held cue yields no edge, but it still names an act, so it still
    // ends the object of the cue before it ("condemned the attack on
    // Israel's team" held near a sport word is no condemnation of Israel).
    let cues: Vec<&Hit> = hits
        .iter()
        .filter(|h| matches!(rules.rule(h.rule).target, Target::Stance { .. }))
        .collect();
    if cues.is_empty() || mentions.len() < 2 {
        return Vec::new();
    }
    let settings = &rules.stance;
    let words = words(text, span);
    // Actors named as what a topic noun is about ("the Russia probe"): in
    // their place as subject or object, but no party to an edge.
    let topics: Vec<Span> = mentions
        .iter()
        .filter(|m| names_topic(settings, text, &words, &cues, m) || qualified(settings, text, m))
        .map(|m| m.span)
        .collect();
    // Modifiers only matter to a sentence with cues and two actors.
    let modifiers = &modifier_hits(rules, text, span, hits);
    // Clause boundaries: clause-break words or marks, and contrastives. A
    // word that names an actor is none ("the WHO"). A relative word after
    // a partitive opens its clause at the partitive ("China's elite, many
    // of whom had welcomed …": see `partitive_start`).
    let mut breaks: Vec<usize> = Vec::new();
    for (k, Word { span: w, core }) in words.iter().enumerate() {
        let raw = normalize_pattern(w.of(text), true);
        let named = || {
            let i = mentions.partition_point(|m| m.span.end <= w.start);
            mentions.get(i).is_some_and(|m| m.span.start < w.end)
        };
        // A partitive ("many of whom", "some of which") opens its clause
        // at the word that names the part.
        let at = partitive_start(&words, k).unwrap_or(w.start);
        for b in &settings.clause_breaks {
            if b.chars().any(char::is_alphanumeric) {
                if core == b && !named() {
                    breaks.push(at);
                }
            } else if let Some(i) = raw.find(b.as_str()) {
                breaks.push(w.start + i.min(w.end - w.start - 1));
            }
        }
    }
    // The breaks of the pack's list, apart from the contrastives ("but",
    // "however"), which never open an aside (see `past_aside`).
    let mut listed = breaks.clone();
    listed.sort_unstable();
    // A sentence that opens with a clause-break word or a fronted opener
    // opens with a fronted clause, which ends at a comma (see
    // `fronted_end`): in "When the North stages provocations like missile
    // tests, the US needs to respond" the US is no object of the
    // provocations. Not a relative word, which opens a sentence as a
    // pronoun ("That means …", "That, he told them, …"). Punctuation
    // before the first word ("— After …") is passed over.
    let first = words.iter().find(|w| !w.core.is_empty());
    let fronted = first.is_some_and(|w| {
        settings.fronted_openers.contains(&w.core)
            || settings.clause_breaks.contains(&w.core)
                && !RELATIVE_WORDS.contains(&w.core.as_str())
    });
    if let Some(first) = first.filter(|_| fronted) {
        breaks.extend(fronted_end(
            text,
            &words,
            mentions,
            first.span.end,
            span.end,
        ));
    }
    breaks.extend(modifiers.contrastives.iter().map(|m| m.span.start));
    breaks.sort_unstable();
    let word_before = |at: usize, back: usize| -> Option<&str> {
        let i = words.partition_point(|w| w.span.start < at);
        i.checked_sub(back).map(|j| words[j].core.as_str())
    };
    let word_after = |at: usize, ahead: usize| -> Option<&str> {
        let i = words.partition_point(|w| w.span.end <= at);
        words.get(i + ahead).map(|w| w.core.as_str())
    };
    // The word of place that an actor stands after, past the pack's
    // location skip words and "a" or "an" ("in the United States", "in
    // northern Syria", "in a Syrian town"),
    // as an index into `words`: where something is. Only "in", "inside",
    // "within", "across" and "throughout" among the `[location]` words
    // ("tariffs aimed at the United States", "tariffs on steel from China"
    // name their object there), and not after a word for a government
    // ("the regime in Pyongyang", "officials in Tehran": the government
    // there).
    let place_word_before = |m: &Mention| -> Option<usize> {
        let mut j = words.partition_point(|w| w.span.start < m.span.start);
        while j > 0
            && (rules.location.skip.contains(&words[j - 1].core)
                || matches!(words[j - 1].core.as_str(), "a" | "an"))
        {
            j -= 1;
        }
        let k = j.checked_sub(1)?;
        let w = &words[k].core;
        let place = matches!(
            w.as_str(),
            "in" | "inside" | "within" | "across" | "throughout"
        ) && rules.location.words.contains(w);
        let government = k
            .checked_sub(1)
            .is_some_and(|g| rules.location.governments.contains(&words[g].core));
        (place && !government).then_some(k)
    };
    // An actor right after a preposition, or after a preposition and an
    // article ("in the United States"), is in a prepositional phrase.
    let is_preposition = |w: &str| settings.prepositions.iter().any(|p| p == w);
    let preposition_before = |m: &Mention| -> Option<&str> {
        let before = word_before(m.span.start, 1)?;
        if is_preposition(before) {
            return Some(before);
        }
        ARTICLES
            .contains(&before)
            .then(|| word_before(m.span.start, 2))
            .flatten()
            .filter(|w| is_preposition(w))
    };
    // An actor joined by a hyphen to a participle in lower case (in "-ed", or "made") premodifies the
    // noun after it ("Iran-backed militias", "Russian-made jets"): that
    // noun, not the actor, is the subject of a cue after it, unless the
    // word is one of the pack's `compound-agents` ("the U.S.-led
    // coalition": the actor acts through what it leads).
    let compound_modifier = |m: &Mention| {
        text[m.span.end..]
            .strip_prefix(is_hyphen)
            .is_some_and(|rest| {
                let word = leading_word_run(rest);
                // A participle ("-backed", "-made"); not "Bush-era" or
                // "Bush-style", which say whose the noun is.
                word.starts_with(|c: char| c.is_lowercase())
                    && (word.ends_with("ed") || word == "made")
                    && !settings.compound_agents.iter().any(|a| a == word)
            })
    };
    let links = Links::new(mentions, |m| {
        preposition_before(m).is_some() || compound_modifier(m)
    });
    // The mentions in a phrase of their own that no comma list runs
    // through: after a preposition other than an "of" or "from" that ties
    // them to a noun (see `coordinated_before`).
    let set_apart: Vec<bool> = mentions
        .iter()
        .map(|m| preposition_before(m).is_some_and(|p| p != "of" && p != "from"))
        .collect();
    let subject_links = SubjectLinks::new(text, mentions, &links.prepositional);
    // Each cue's clause as a slice `lo..hi` of the mentions: mentions do
    // not overlap, so in text order their ends are sorted too. Beside it,
    // where its subject may be: the mentions before an aside that the
    // clause was widened over, or an appositive, when none stands between
    // the aside and the cue (see `past_aside`, `appositive`), else all
    // before the cue, the aside's own never; and the actor a
    // relative clause opened by "which" or "who" is about (see
    // `antecedent`).
    let (clauses, scopes): (Vec<Range<usize>>, Vec<SubjectScope>) = cues
        .iter()
        .map(|cue| {
            let narrow = clause_of(&breaks, cue.span, span);
            let (clause, aside) = past_aside(
                text,
                &breaks,
                &listed,
                mentions,
                span,
                narrow,
                cue.span,
                &settings.prepositions,
            );
            let aside = aside.or_else(|| appositive(text, mentions, clause, cue.span));
            let lo = mentions.partition_point(|m| m.span.start < clause.start);
            let hi = mentions.partition_point(|m| m.span.end <= clause.end);
            let before_cue = mentions
                .partition_point(|m| m.span.end <= cue.span.start)
                .clamp(lo, hi.max(lo));
            let aside_mentions = aside.map_or(0..0, |aside| {
                mentions.partition_point(|m| m.span.start < aside.start)
                    ..mentions.partition_point(|m| m.span.start < aside.end)
            });
            let end = if aside.is_some() && aside_mentions.end >= before_cue {
                aside_mentions.start.max(lo)
            } else {
                before_cue
            };
            let reverse = matches!(
                rules.rule(cue.rule).target,
                Target::Stance { reverse: true, .. }
            );
            // The relative word ("which" or "who") the clause opens with.
            let relative = aside
                .is_none()
                .then(|| relative_word(text, narrow.start))
                .flatten();
            let about = relative
                .filter(|_| lo == before_cue)
                .and_then(|which| antecedent(rules, text, mentions, narrow.start, which, reverse))
                .filter(|&a| {
                    // "an immigrant from Afghanistan who …", "sanctions
                    // against Iran which …": right after a preposition, with
                    // no comma or dash before the relative word, the actor
                    // is the preposition's object and the clause is about
                    // the noun before it. Not after "of" ("the President of
                    // Russia who …" speaks for Russia), nor after a comma
                    // ("talks with Iran, which …").
                    let m = &mentions[a];
                    let set_off = text
                        .get(m.span.end..narrow.start)
                        .is_none_or(|gap| gap.contains(',') || gap.contains(is_dash));
                    place_word_before(m).is_none()
                        && (set_off || preposition_before(m).is_none_or(|p| p == "of"))
                });
            (
                lo..hi.max(lo),
                SubjectScope {
                    end,
                    aside: aside_mentions,
                    about,
                    relative: relative.is_some(),
                },
            )
        })
        .unzip();
    let targets = targets_after(mentions, &cues, &clauses);
    // Cues undone by a word before them ("lifted sanctions on Iran"): the
    // undoing word's span.
    let undoers: Vec<Option<Span>> = cues
        .iter()
        .map(|cue| undoing_word(settings, text, &words, &breaks, mentions, span, cue.span))
        .collect();
    // A cue's object stands before the next cue in its clause: in
    // "condemned the attack on Israel" the attack is the object of
    // "condemned", and Israel the object of "attack on". A label names no
    // act and stops nothing ("condemned the aggressor Russia"), nor does an
    // act undone by another word ("threatened to cut aid to Honduras"
    // threatens Honduras); an act this cue undoes is its object.
    let acts = |c: &Hit| {
        !matches!(
            rules.rule(c.rule).target,
            Target::Stance { label: true, .. }
        )
    };
    // From each cue on, where the first act not undone starts; and for each
    // cue, where the first act it undoes itself starts. One pass each, so a
    // run-on sentence of many cues costs linear work.
    let plain_from = first_from(cues.len(), |k| {
        (acts(cues[k]) && undoers[k].is_none()).then_some(cues[k].span.start)
    });
    let longest = cues
        .iter()
        .map(|c| c.span.end - c.span.start)
        .max()
        .unwrap_or(0);
    let mut undone_by = vec![usize::MAX; cues.len()];
    for (c, w) in cues.iter().zip(&undoers) {
        let Some(w) = w.filter(|_| acts(c)) else {
            continue;
        };
        // The cues holding the undoing word start at most `longest` bytes
        // before it.
        let past = cues.partition_point(|o| o.span.start <= w.start);
        for i in (0..past).rev() {
            crate::work::tick(1);
            let outer = cues[i].span;
            if outer.start + longest < w.start {
                break;
            }
            if w.end <= outer.end && c.span.start >= outer.end {
                undone_by[i] = undone_by[i].min(c.span.start);
            }
        }
    }
    let next_cue = |i: usize| -> usize {
        let k = cues.partition_point(|c| c.span.start < cues[i].span.end);
        plain_from[k].min(undone_by[i])
    };
    // From each word on, where the first opponent word ("against") starts:
    // a positive cue's object stands before it ("defended itself against
    // Hamas" backs no one in Hamas). One backward pass over the words.
    let opponent_from = first_from(words.len(), |k| {
        settings
            .opponent_words
            .contains(&words[k].core)
            .then_some(words[k].span.start)
    });
    // Likewise where the first object stop starts, one of the pack's
    // `object-stops` ("than") or a participial clause after a comma (see
    // `opens_participle_clause`): no cue's object stands past it. One before a number, or between "more" and
    // an amount, states how many, no comparison: "tariffs on more than
    // $200 billion of Chinese goods", "sanctioned more than a dozen
    // Russian companies"; but "condemned the invasion more than France"
    // compares.
    let stop_from = first_from(words.len(), |k| {
        let next = words.get(k + 1).map(|w| w.core.as_str());
        let number = next.is_some_and(|w| w.starts_with(|c: char| c.is_ascii_digit()));
        let amount = next.is_some_and(|w| AMOUNTS.contains(&w.split('-').next().unwrap_or(w)));
        let quantity = number
            || (amount
                && k.checked_sub(1)
                    .is_some_and(|j| QUANTITY_WORDS.contains(&words[j].core.as_str())));
        // After an article it is a noun or an adjective ("sanctioned the
        // following Russian officials").
        let article = k
            .checked_sub(1)
            .is_some_and(|j| ARTICLES.contains(&words[j].core.as_str()));
        ((settings.object_stops.contains(&words[k].core) && !quantity && !article)
            || opens_participle_clause(text, &words, k))
        .then_some(words[k].span.start)
    });
    // Whether each word stands in a condition or an open question: after
    // one of the pack's `conditionals` ("if", "whether") with no comma,
    // semicolon, colon or dash between. A cue there states no stance
    // (codebook: only code a stance the sentence states): "warned it would
    // retaliate if the U.S. put sanctions on Hong Kong", "unclear whether
    // the Afghan government supported the release". One forward pass.
    // The condition ends at a separator, at its clause's end (checked per
    // cue), and at "and" or "or" before a word in lower case other than a
    // determiner ("if sanctions remained and condemned the United States";
    // but "if the US and South Korea attacked North Korea"). "as if"
    // compares, it sets no condition ("treated China as if it were an
    // enemy").
    let mut conditional: Vec<Option<usize>> = vec![None; words.len()];
    for k in 0..words.len() {
        let core = words[k].core.as_str();
        let opens = settings.conditionals.iter().any(|c| c == core)
            && !(core == "if" && k > 0 && words[k - 1].core == "as");
        let ends = matches!(core, "and" | "or")
            && words.get(k + 1).is_some_and(|next| {
                let raw = next.span.of(text);
                raw.starts_with(|c: char| c.is_lowercase())
                    && !matches!(
                        next.core.as_str(),
                        "the" | "a" | "an" | "its" | "their" | "his" | "her" | "other" | "some"
                    )
            });
        conditional[k] = if opens {
            Some(words[k].span.start)
        } else if k == 0
            || ends
            || separates_acts(&text[words[k - 1].span.start..words[k].span.start])
        {
            None
        } else {
            conditional[k - 1]
        };
    }

    let mut edges = Vec::new();
    // For each cue so far, the cue whose subject scope it takes (itself,
    // unless coordinated; see `coordinated_with`).
    let mut scope_of: Vec<usize> = Vec::with_capacity(cues.len());
    for (i, ((((cue, targets), clause), undoer), scope)) in cues
        .iter()
        .copied()
        .zip(targets)
        .zip(&clauses)
        .zip(&undoers)
        .zip(&scopes)
        .enumerate()
    {
        // The token holding the cue's start is the cue's first word
        // ("“ripped" in "has been “ripped off” by"), not a word before it.
        let first_cue_word = words.partition_point(|w| w.span.end <= cue.span.start);
        // An auxiliary right before the cue, or one word before that past
        // an adverb in lower case ("was widely condemned", "was further
        // angered": a word in "-ly" or one of the pack's passive
        // `adverbs`). Any other word between is the clause's own: in "The
        // truth is Russia attacked Ukraine" Russia attacks.
        let auxiliary_before = after_auxiliary(settings, text, &words, first_cue_word);
        // A cue that heads a verb phrase coordinated with an earlier cue's
        // shares that cue's subject: the actors between them are the
        // earlier cue's objects ("China condemned Japan and praised
        // Russia": China praises). Along a chain the scope is the first
        // cue's ("criticized Japan, condemned India and praised Russia").
        // A participle with its agent right after it and no auxiliary
        // before is a reduced clause about the noun before it ("criticized
        // Russia, isolated and sanctioned by the United States"): it is
        // coordinated only with another such ("The UN, backed by the United
        // States and criticized by Russia").
        let agent_next = |at: usize| {
            !settings.agent.is_empty() && word_after(at, 0) == Some(settings.agent.as_str())
        };
        let reduced = agent_next(cue.span.end) && !auxiliary_before;
        let shared = coordinated_with(settings, text, &words, first_cue_word, &cues[..i], |j| {
            (!reduced || agent_next(cues[j].span.end))
                && clauses[j] == *clause
                && mentions[clause.clone()]
                    .iter()
                    .any(|m| m.span.start >= cues[j].span.end && m.span.end <= cue.span.start)
        })
        .map_or(i, |j| scope_of[j]);
        scope_of.push(shared);
        let scope = if shared == i { scope } else { &scopes[shared] };
        let SubjectScope {
            end: subject_end,
            ref aside,
            about,
            relative,
        } = *scope;
        let in_condition = conditional
            .get(first_cue_word)
            .copied()
            .flatten()
            .is_some_and(|at| at >= clause_of(&breaks, cue.span, span).start);
        if is_held(cue) || in_condition {
            continue;
        }
        let (lo, hi) = (clause.start, clause.end);
        let Target::Stance {
            positive,
            weight,
            reverse,
            label,
            mutual,
            ..
        } = rules.rule(cue.rule).target
        else {
            continue;
        };
        let before_end = mentions
            .partition_point(|m| m.span.end <= cue.span.start)
            .clamp(lo, hi);
        let after_start = mentions
            .partition_point(|m| m.span.start < cue.span.end)
            .clamp(lo, hi);
        crate::work::tick(1);
        // An undone act: its factor by the cue's polarity (the default
        // pack's: withholding aid is hostile, lifting sanctions states
        // nothing).
        let undoing = undoer.map(|w| Applied {
            kind: Modification::Undoing,
            span: w,
            factor: if positive {
                settings.undoing_positive_factor
            } else {
                settings.undoing_negative_factor
            },
        });
        // An undone cue marked `reverse` names its source after it, but
        // whom that source's act was toward is no longer the subject:
        // "Japan condemned praise from Russia", "was angered by praise
        // from Russia" say nothing of whom Russia praised.
        if undoing.as_ref().is_some_and(|u| u.factor == 0.0 || reverse) {
            continue;
        }
        // The subject: the possessor of the cue ("Beijing's support"), else
        // the nearest actor before it, unless that one sits in a
        // prepositional phrase and an earlier actor does not; none inside
        // an aside ("Merkel, while visiting Beijing, praised Japan"). With
        // none in a relative clause, the actor it is about ("criticized
        // Germany, which accused Russia"). `other` is the actor at the
        // edge's other end, never its own subject.
        let possessor = |m: &Mention| {
            past_possessive(&text[m.span.end..cue.span.start]).is_some()
                && distance(m.span.end, cue.span.start) <= 2
        };
        // A search for the subject among the mentions before `end`, run
        // again before the aside when it finds one inside: no actor in an
        // aside is the subject, even with another actor (the edge's other
        // end) between the aside and the cue ("Saudi Arabia, a key US ally,
        // is an adversary of Iran and has warned about Iran's intentions").
        let outside_aside = |search: &dyn Fn(usize) -> Option<usize>| match search(subject_end) {
            Some(found) if aside.contains(&found) => search(aside.start.max(lo)),
            found => found,
        };
        let subject = |other: Option<ActorId>| -> Option<usize> {
            // The possessor of a noun for its opponents is passed over:
            // the opponents act, not the actor ("Germany is Russia's
            // biggest critic and praised Ukraine"; "Mr. Trump's former
            // opponent, Hillary Clinton, blaming Russia" is no blame by
            // the United States).
            let mut found = outside_aside(&|end| links.last_other(lo, end, other));
            while let Some(at) =
                found.filter(|&at| possesses_opponents(settings, text, &mentions[at]).is_some())
            {
                found = links.last_other(lo, at, other);
            }
            let Some(last) = found else {
                return about.filter(|&a| Some(mentions[a].actor) != other);
            };
            // The noun a premodifier qualifies is the subject, and no actor
            // ("The United States said Iran-backed militias attacked Saudi
            // oil facilities": neither the United States nor Iran attacks).
            if compound_modifier(&mentions[last]) {
                return None;
            }
            if possessor(&mentions[last]) || !links.prepositional[last] {
                return Some(last);
            }
            let located = place_word_before(&mentions[last]).is_some();
            outside_aside(&|end| links.last_plain_other(lo, end, other))
                .or((!located).then_some(last))
        };
        // The agent word may stand a few words on, past an adverbial ("was
        // welcomed at the time by Beijing", "was criticised on Monday by
        // Moscow"), but not past an actor (the first actor after the cue
        // is taken for the agent, so it must stand after "by") or a
        // conjunction ("was welcomed, and by Friday…" goes on to another
        // clause).
        // The first word after the cue.
        let past_cue = words.partition_point(|w| w.span.end <= cue.span.end);
        // The agent word's index in `words`, if the cue has one.
        let agent_word = if settings.agent.is_empty() {
            None
        } else {
            let next_actor = mentions[after_start..hi]
                .first()
                .map_or(usize::MAX, |m| m.span.start);
            (past_cue..words.len())
                .filter(|&k| !words[k].core.is_empty())
                .take(AGENT_WORDS)
                .take_while(|&k| {
                    words[k].span.start < next_actor
                        && !matches!(words[k].core.as_str(), "and" | "or")
                })
                .find(|&k| words[k].core == settings.agent)
        };
        let agent_after = agent_word.is_some();
        // A participle with its agent right after it is passive without an
        // auxiliary: "Assad's forces, backed by Russia" (a reduced clause).
        // "by" and a verb in "-ing" says how, not who ("threatened by
        // firing missiles").
        let participle = agent_next(cue.span.end)
            && ends_with_ignore_case(cue.span.of(text), "ed")
            && !word_after(cue.span.end, 1).is_some_and(|w| w.ends_with("ing"));
        // An auxiliary before a cue that opens with a participle in "-ed"
        // ("was condemned", "has been accused") makes its subject what the
        // act was done to. With no agent after it, the doer is unnamed and
        // the cue yields no edge ("Iran was condemned over Israel" is no
        // stance of Iran's), unless the pack lists the participle as an
        // adjective that says how the subject stands ("Germany is opposed
        // to the Russian plan"); with its agent it is passive all the same
        // ("was opposed by Russia"). A cue marked `reverse` ("X
        // angered Y": Y turns against X) is turned back by it: "Y was
        // angered by X", "Beijing was outraged at Washington" go from the
        // subject.
        let first_word = cue.span.of(text).split(is_space).next().unwrap_or_default();
        let be_participle = auxiliary_before && ends_with_ignore_case(first_word, "ed");
        let adjective = be_participle && passive_adjective(settings, first_word);
        let agentless = be_participle && !agent_after && !adjective;
        let turned = !mutual && reverse && be_participle;
        let passive =
            !mutual && !turned && (reverse || ((auxiliary_before || participle) && agent_after));
        // A mutual cue with a subject of two or more actors ("China and
        // Russia pledged to deepen cooperation", "both sides exchanged
        // fire", "Trump and Macron pledged to work together with allies"):
        // each of them toward each other one (the loop below skips an
        // actor's edge to itself). With an actor right after its "with"
        // ("Japan agreed to work together with Seoul", "Pyongyang and
        // Beijing strengthen ties with Moscow") it is an ordinary cue
        // toward that object; otherwise it states nothing ("members need
        // to work together before the talks with Iran": no partner).
        let with_actor = mutual
            && word_after(cue.span.end, 0) == Some("with")
            && mentions[after_start..hi].first().is_some_and(|m| {
                let next = word_after(cue.span.end, 1);
                let skip = usize::from(next.is_some_and(|w| ARTICLES.contains(&w)));
                let i = words.partition_point(|w| w.span.end <= cue.span.end);
                words
                    .get(i + 1 + skip)
                    .is_some_and(|w| w.span.start == m.span.start)
            });
        // A cue that opens with a participle joined by a hyphen to the
        // word before it is a compound modifier ("Iran-backed Houthi
        // rebels", "U.S.-imposed sanctions on Russia"; not the noun of
        // "NATO-ally Turkey"): the actor it is joined to is the source, and
        // the actor heading the phrase right after it the target, whatever
        // the clause around says ("talks with Iran-backed Houthi forces"
        // are no backing of the talks' subject); with a participle in
        // "-ing" the other way round ("Russia-supporting Syrian leaders").
        // Joined to a word that is no actor ("military-backed government",
        // "Brexit-supporting Conservatives") or followed by no actor ("the
        // Iran-backed group") it states nothing about actors.
        let active_participle = ends_with_ignore_case(first_word, "ing");
        let participle_first = active_participle || ends_with_ignore_case(first_word, "ed");
        let compound = text[..cue.span.start]
            .strip_suffix(is_hyphen)
            .filter(|before| {
                participle_first && before.ends_with(|c: char| c.is_alphanumeric() || c == '.')
            });
        // A cue inside an attributed quotation never takes the speaker's
        // own words as its object (“…,” the White House said).
        let quote = quote_of(quotes, cue);
        let speaker_span = quote.and_then(|q| q.speaker.as_ref()).map(|s| s.span);
        let not_speaker = |m: &&Mention| {
            speaker_span.is_none_or(|s| m.span.end <= s.start || m.span.start >= s.end)
        };
        let (sources, targets): (Vec<End>, Vec<End>) = if let Some(before) = compound {
            let source = mentions[lo..before_end]
                .last()
                .filter(|m| m.span.end == before.len());
            let target = mentions[after_start..hi].first().filter(|m| {
                words
                    .get(past_cue)
                    .is_some_and(|w| w.span.start == m.span.start)
            });
            match (source, target) {
                // "Russia-supporting Syrian leaders": the name joined to
                // an active participle is what the actor after it acts on.
                (Some(s), Some(t)) if active_participle => (vec![End::of(t)], vec![End::of(s)]),
                (Some(s), Some(t)) => (vec![End::of(s)], vec![End::of(t)]),
                _ => (Vec::new(), Vec::new()),
            }
        } else if mutual && !with_actor {
            let together = subject(None)
                .map(|s| {
                    coordinated_before(text, &mentions[lo.min(s)..=s], &set_apart[lo.min(s)..=s])
                })
                .filter(|both| both.iter().any(|m| m.actor != both[0].actor));
            match together {
                Some(both) => {
                    let ends: Vec<End> = both.into_iter().map(End::of).collect();
                    (ends.clone(), ends)
                }
                None => (Vec::new(), Vec::new()),
            }
        } else if label {
            // A label ("a provocateur", "vital allies") is about the actor
            // just before it, prepositional or not ("spoke of Saudi Arabia
            // as an ally"): the stance is toward that actor, from the
            // clause's subject before it, else from the quotation's speaker.
            match links.last_other(lo, before_end, None).or(about) {
                // "North Korea's most significant ally": the possessor has
                // the ally, no one takes a stance; nor does an actor the
                // label is not about (see `labelled`).
                Some(w)
                    if possessive(text, &mentions[w])
                        || !labelled(text, &mentions[w], cue.span) =>
                {
                    (Vec::new(), Vec::new())
                }
                Some(w) => {
                    let who = &mentions[w];
                    let subjects = clause_subjects(text, mentions, &subject_links, lo, w, who);
                    let speaker = quote
                        .and_then(speaker_of)
                        .filter(|sp| sp.actor != who.actor);
                    if !subjects.is_empty() {
                        (
                            subjects.into_iter().map(End::of).collect(),
                            vec![End::of(who)],
                        )
                    } else {
                        (speaker.into_iter().collect(), vec![End::of(who)])
                    }
                }
                None => (Vec::new(), Vec::new()),
            }
        } else if agentless && !reverse && !mutual {
            (Vec::new(), Vec::new())
        } else if turned {
            // A reversed cue turned back goes from the subject and the
            // actors coordinated with it to its object after it, as an
            // active cue does ("Japan and South Korea were outraged at China
            // and Russia"): never the speaker of its quotation, nor an
            // actor past the next cue ("were angered by the sanctions on
            // Russia": the sanctions are the object).
            let next = next_cue(i);
            let after: Vec<&Mention> = mentions[after_start..hi]
                .iter()
                .filter(not_speaker)
                .take_while(|m| m.span.start < next)
                .collect();
            match after.first().and_then(|a| subject(Some(a.actor))) {
                Some(s) => (
                    coordinated_before(text, &mentions[lo.min(s)..=s], &set_apart[lo.min(s)..=s])
                        .into_iter()
                        .map(End::of)
                        .collect(),
                    object(settings, text, &after, Some(mentions[s].actor))
                        .into_iter()
                        .map(End::of)
                        .collect(),
                ),
                None => (Vec::new(), Vec::new()),
            }
        } else if passive {
            // The source heads the agent phrase: it starts within
            // AGENT_WORDS words after the agent word, or after a `reverse`
            // cue that ends in its own preposition ("criticism from
            // Democrats", "backed by the Soviet Union and China"). An
            // actor further on is another phrase's ("criticism from many
            // Republicans and some Democrats for his policy toward Syria",
            // "slammed by the West as a violation of Ukraine's
            // sovereignty"). A `reverse` verb ("X angered Y") takes its
            // object, however long, as before. A place that is the seat
            // of a government named before it ("officials in central
            // Damascus") starts where that reference does.
            let phrase = match agent_word {
                Some(k) if !reverse => Some(k + 1),
                _ if reverse
                    && words[..past_cue]
                        .last()
                        .is_some_and(|w| settings.prepositions.contains(&w.core)) =>
                {
                    Some(past_cue)
                }
                _ => None,
            };
            let source = mentions[after_start..hi].first().filter(|m| {
                let Some(from) = phrase else {
                    return true;
                };
                let start = sentence
                    .unresolved
                    .iter()
                    .find(|u| u.referent == Referent::Seat(m.span))
                    .map_or(m.span.start, |u| u.span.start);
                // The token holding the start is the actor's own ("“Islamic").
                let at = words.partition_point(|w| w.span.end <= start);
                words[from.min(at)..at]
                    .iter()
                    .filter(|w| !w.core.is_empty())
                    .count()
                    <= AGENT_WORDS
            });
            let target = source
                .and_then(|s| subject(Some(s.actor)))
                .map(|i| &mentions[i]);
            (
                source.map(End::of).into_iter().collect(),
                target.map(End::of).into_iter().collect(),
            )
        } else {
            // Each actor's first mention after the cue, in text order.
            // Nor a place after a word of place beyond the cue ("condemned
            // the attack in Syria": the attack is the object, Syria where it
            // happened; see `place_word_before`).
            let located = |m: &Mention| {
                place_word_before(m).is_some_and(|k| words[k].span.start >= cue.span.end)
            };
            // A cue inside a quoted clause has its object there too: in
            // “…NATO supporting them with ships,” he said in a conversation
            // with U.S. officials, no one supports the United States. A
            // quoted phrase is part of the narrator's clause: an
            // “unwavering commitment” to NATO. The quoted words of a clause
            // end with its punctuation, inside the marks.
            let clause_quote =
                quote.filter(|q| q.text.trim_end().ends_with(['.', ',', '?', '!', '…']));
            let in_quote = |m: &&Mention| clause_quote.is_none_or(|q| m.span.end <= q.span.end);
            let after: Vec<&Mention> = targets
                .into_iter()
                .map(|i| &mentions[i])
                .filter(not_speaker)
                .filter(in_quote)
                .filter(|m| !located(m))
                .collect();
            // Actors past the next cue are that cue's: when they are all
            // the cue has, its object is the act ("condemned the attack on
            // Israel"), no actor. Past an opponent word they are whom a
            // positive act is against, no object of it either.
            let k = words.partition_point(|w| w.span.start < cue.span.end);
            let mut next = next_cue(i).min(stop_from[k]);
            // A reflexive right after the cue is its object, the subject
            // itself ("Trump defended himself Wednesday, saying, “It comes
            // from China”"): the cue has no other.
            if words
                .get(k)
                .is_some_and(|w| settings.reflexives.contains(&w.core))
            {
                next = next.min(cue.span.end);
            }
            if positive {
                next = next.min(opponent_from[k]);
            }
            // A cue of the pack's `of-complements` names its object before
            // "of", which opens what the object is accused of: in "accused
            // the West of wanting to seize Ukraine" Ukraine is no object.
            // An "of" after a word for a government is the object's own
            // ("accused the government of Syria of …").
            let of_complement = k
                .checked_sub(1)
                .is_some_and(|last| settings.of_complements.contains(&words[last].core));
            if of_complement {
                let of = (k..words.len()).find(|&j| {
                    words[j].core == "of"
                        && !rules.location.governments.contains(&words[j - 1].core)
                });
                if let Some(j) = of {
                    next = next.min(words[j].span.start);
                }
            }
            // A person who is no actor, named after the cue, is its object
            // ("accused Sen. Norm Coleman of wanting war with Syria",
            // "criticized Robert Smith over his stance on Japan"): actors
            // past them are not, unless the person only owns the object
            // ("criticized Sen. Smith's plan to arm Ukraine") or an actor is
            // joined to them ("attacked him and the United States").
            let people = &sentence.people;
            let person = people[people.partition_point(|p| p.start < cue.span.end)..]
                .iter()
                .map(|&p| (p, name_end(text, p)))
                .find(|&(_, end)| past_possessive(&text[end..]).is_none());
            if let Some((p, end)) = person {
                let joined = mentions[after_start..hi]
                    .iter()
                    .find(|m| m.span.start >= end)
                    .is_some_and(|m| coordinated_between(text, end, m.span.start));
                // "condemned the murder of journalist James Foley by ISIS":
                // the agent after the person did the act the cue is about.
                let agent_next = !settings.agent.is_empty()
                    && word_after(end, 0) == Some(settings.agent.as_str());
                if !joined && !agent_next {
                    next = next.min(p.start);
                }
            }
            let beyond = after.iter().any(|m| m.span.start >= next);
            let after: Vec<&Mention> = after
                .into_iter()
                .take_while(|m| m.span.start < next)
                .collect();
            let speaker = quote.and_then(speaker_of);
            match subject(None) {
                // No subject in the clause: inside a quotation, its speaker
                // is the one who acts ("“We thank China,” Kim said"), unless
                // the clause is a relative one about a noun that names no
                // actor ("an immigrant … who published his support for the
                // Taliban").
                None => match speaker.filter(|_| !relative) {
                    Some(sp) => {
                        let targets = object(settings, text, &after, Some(sp.actor));
                        (vec![sp], targets.into_iter().map(End::of).collect())
                    }
                    None => (Vec::new(), Vec::new()),
                },
                // The cue's own object is the subject's actor ("Kerry …
                // accused the secretary", not "praised the country's ties with
                // China"): the subject stands elsewhere.
                Some(s)
                    if after.first().is_some_and(|m| {
                        m.actor == mentions[s].actor
                            && distance(cue.span.end, m.span.start) <= 2
                            && !possessive(text, m)
                    }) =>
                {
                    (Vec::new(), Vec::new())
                }
                Some(s) => {
                    let targets = object(settings, text, &after, Some(mentions[s].actor));
                    if targets.is_empty() && beyond {
                        (Vec::new(), Vec::new())
                    } else if targets.is_empty() {
                        // No object: inside a quotation, the speaker's
                        // stance is toward the one the cue presents acting
                        // (“North Korea must stop its provocations,” the
                        // White House said). Only a hostile act says so:
                        // one who quotes “NATO supporting them with ships”
                        // or “Iran must end its support for terrorism”
                        // backs neither.
                        let who = &mentions[s];
                        match speaker.filter(|sp| sp.actor != who.actor && !positive) {
                            Some(sp) => (vec![sp], vec![End::of(who)]),
                            None => (Vec::new(), Vec::new()),
                        }
                    } else {
                        let sources = coordinated_before(
                            text,
                            &mentions[lo.min(s)..=s],
                            &set_apart[lo.min(s)..=s],
                        );
                        (
                            sources.into_iter().map(End::of).collect(),
                            targets.into_iter().map(End::of).collect(),
                        )
                    }
                }
            }
        };
        let party = |e: &End| topics.binary_search(&e.span).is_err();
        let (sources, targets): (Vec<End>, Vec<End>) = (
            sources.into_iter().filter(party).collect(),
            targets.into_iter().filter(party).collect(),
        );
        if sources.is_empty() {
            continue;
        }
        let mut applied = modifiers_for(
            rules,
            cue,
            modifiers,
            distance,
            rules.modifiers.negation_stance_factor,
        );
        applied.extend(undoing);
        let signed = applied
            .iter()
            .fold(if positive { weight } else { -weight }, |w, a| w * a.factor);
        if signed == 0.0 {
            continue;
        }
        let mut seen: Vec<(ActorId, ActorId)> = Vec::new();
        for source in &sources {
            for target in &targets {
                if target.actor == source.actor || seen.contains(&(source.actor, target.actor)) {
                    continue;
                }
                seen.push((source.actor, target.actor));
                edges.push(Edge {
                    source: source.actor,
                    target: target.actor,
                    polarity: if signed > 0.0 {
                        Polarity::Positive
                    } else {
                        Polarity::Negative
                    },
                    weight: round4(signed.abs()),
                    rule: cue.rule,
                    span: cue.span,
                    source_span: source.span,
                    target_span: target.span,
                    passive,
                    modifiers: applied.clone(),
                });
            }
        }
    }
    edges
}

/// Whether `word` ends with the ASCII `end`, in any case.
/// Whether the word at `i` of `words` stands after an auxiliary of the
/// pack's `[passive]` section: right after it, or past an adverb in lower
/// case between them ("was widely condemned", "was further angered": a
/// word in "-ly" or one of the section's `adverbs`).
fn after_auxiliary(settings: &StanceSettings, text: &str, words: &[Word], i: usize) -> bool {
    let auxiliary = |j: usize| settings.auxiliaries.contains(&words[j].core);
    let adverb = |w: &Word| {
        w.span.of(text).starts_with(|c: char| c.is_lowercase())
            && (w.core.ends_with("ly") || settings.passive_adverbs.contains(&w.core))
    };
    (i >= 1 && auxiliary(i - 1)) || (i >= 2 && auxiliary(i - 2) && adverb(&words[i - 1]))
}

/// Whether `word` is one of the pack's passive `adjectives`: a participle
/// that says how its subject stands ("is opposed to").
fn passive_adjective(settings: &StanceSettings, word: &str) -> bool {
    settings
        .passive_adjectives
        .iter()
        .any(|a| a.eq_ignore_ascii_case(word))
}

fn ends_with_ignore_case(word: &str, end: &str) -> bool {
    word.len() >= end.len()
        && word.as_bytes()[word.len() - end.len()..].eq_ignore_ascii_case(end.as_bytes())
}

/// One end of an edge: an actor mention, or a quotation's speaker.
#[derive(Clone, Copy)]
struct End {
    actor: ActorId,
    span: Span,
}

impl End {
    fn of(m: &Mention) -> End {
        End {
            actor: m.actor,
            span: m.span,
        }
    }
}

/// Whether mention `m` names what a topic noun after it is about, not a
/// party: right before one of the pack's `topic-nouns` (a noun or a
/// phrase: "the Russia probe", "the Iran nuclear deal"), itself joined by
/// a hyphen or a dash to another name ("the U.S.-Russia talks", "North
/// Korea–China relations"). The actor is a party when the noun is
/// followed by a preposition, which names what the actor does ("the US war
/// in Afghanistan", "the US investigation into Russia"), when the noun
/// begins a cue ("the US war against ISIS"), and for a possessive
/// ("Russia's war") or a resolved reference ("our deal").
fn names_topic(
    settings: &StanceSettings,
    text: &str,
    words: &[Word],
    cues: &[&Hit],
    m: &Mention,
) -> bool {
    if settings.topic_nouns.is_empty() || m.resolved {
        return false;
    }
    // The word holding the mention's end: the mention must end it, or end
    // where a hyphen joins another name ("U.S.-Russia", "Iran-Iraq"); one
    // that joins a participle names the agent ("the Saudi-led war").
    let i = words.partition_point(|w| w.span.end < m.span.end);
    let Some(own) = words.get(i).filter(|w| w.span.start < m.span.end) else {
        return false;
    };
    let rest = &text[m.span.end..own.span.end];
    let joined = rest.is_empty()
        || rest.strip_prefix(is_hyphen).is_some_and(|name| {
            name.starts_with(char::is_uppercase) && name.ends_with(char::is_alphanumeric)
        });
    if !joined {
        return false;
    }
    // A dash against both names joins them as a hyphen does ("North
    // Korea–China relations"), though it stands apart as a token.
    let mut k = i + 1;
    if let (true, Some(dash), Some(name)) = (rest.is_empty(), words.get(k), words.get(k + 1)) {
        if dash.core.is_empty()
            && dash.span.start == m.span.end
            && name.span.start == dash.span.end
            && name.span.of(text).starts_with(char::is_uppercase)
        {
            k += 2;
        }
    }
    let Some(first) = words.get(k) else {
        return false;
    };
    if cues
        .binary_search_by_key(&first.span.start, |c| c.span.start)
        .is_ok()
    {
        return false;
    }
    settings.topic_nouns.at(words, k).any(|n| {
        // No punctuation inside the phrase ("Iran nuclear, deal").
        words[k..k + n - 1]
            .iter()
            .all(|w| w.span.of(text).ends_with(char::is_alphanumeric))
            && !words
                .get(k + n)
                .is_some_and(|w| settings.prepositions.contains(&w.core))
    })
}

/// Whether mention `m` stands right after one of the pack's
/// `qualifier-prefixes` and a hyphen ("anti-American leaders", "pro-Russian
/// rebels"): the name then describes someone else, and the actor is no
/// party to an edge. The prefix must be a word of its own ("anti-", not the
/// end of "Sinn Fein-").
fn qualified(settings: &StanceSettings, text: &str, m: &Mention) -> bool {
    if settings.qualifier_prefixes.is_empty() || m.resolved {
        return false;
    }
    let Some(before) = text[..m.span.start].strip_suffix(is_hyphen) else {
        return false;
    };
    let start = before
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_word_char(c))
        .last()
        .map_or(before.len(), |(i, _)| i);
    let word = &before[start..];
    !word.is_empty()
        && settings
            .qualifier_prefixes
            .iter()
            .any(|p| p.eq_ignore_ascii_case(word))
}

/// For each index `k` of `0..=n`, the first `at(j)` that is some for a
/// `j` at or after `k`, or `usize::MAX` when none is: one backward pass.
fn first_from(n: usize, at: impl Fn(usize) -> Option<usize>) -> Vec<usize> {
    let mut from = vec![usize::MAX; n + 1];
    for k in (0..n).rev() {
        from[k] = at(k).unwrap_or(from[k + 1]);
    }
    from
}

/// The quotation that holds `cue`, if one does.
fn quote_of<'q>(quotes: &'q [Quote], cue: &Hit) -> Option<&'q Quote> {
    holding(quotes, |q| q.span, cue.span)
}

/// The speaker of `quote`, when it is an actor.
fn speaker_of(quote: &Quote) -> Option<End> {
    let speaker = quote.speaker.as_ref()?;
    Some(End {
        actor: speaker.actor?,
        span: speaker.span,
    })
}

/// The subject `mentions` ends with and the actors coordinated with it
/// before it ("Iran and Russia blame Israel": both blame).
///
/// A comma alone joins subjects only in a list that a conjunction closes,
/// and never one `set_apart` (aligned with `mentions`: right after a
/// preposition other than an "of" or "from" that ties the list to a noun,
/// as in "The presidents of Russia, Turkey and Iran condemned …"): "Iran,
/// Syria and Russia blame Israel", not "After meeting Xi, Putin…" nor
/// "During talks with Xi, Putin and Lukashenko condemned NATO".
fn coordinated_before<'m>(
    text: &str,
    mentions: &'m [Mention],
    set_apart: &[bool],
) -> Vec<&'m Mention> {
    let Some((last, rest)) = mentions.split_last() else {
        return Vec::new();
    };
    let mut out = vec![last];
    let mut next = last;
    let mut closed = false;
    for (i, m) in rest.iter().enumerate().rev() {
        match joined(text, m, next) {
            Join::No => break,
            Join::Comma if !closed || set_apart[i] => break,
            Join::Comma => {}
            Join::Conjunction => closed = true,
        }
        out.push(m);
        next = m;
    }
    out.reverse();
    out
}

/// How two mentions are joined (see [`joined`]).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Join {
    /// Not by coordination: other words stand between them.
    No,
    /// By a comma alone, as inside a list ("Iran, Syria and Russia").
    Comma,
    /// By a conjunction, with or without a comma ("Syria and Russia").
    Conjunction,
}

/// How mentions `a` and `b` (in text order) are joined: only
/// coordination words between them (as [`coordinated`] reads them), with
/// a conjunction among them or a comma alone.
fn joined(text: &str, a: &Mention, b: &Mention) -> Join {
    let mut conjunction = false;
    for t in tokens_in(text, a.span.end, b.span.start.max(a.span.end)).filter(|t| t.word) {
        let w = core(t.span().of(text));
        let w = w.trim_end_matches("'s");
        if !CONJUNCTIONS.contains(&w) && !COORDINATION.contains(&w) {
            return Join::No;
        }
        // "as well as" joins as a conjunction does.
        conjunction |= CONJUNCTIONS.contains(&w) || w == "well";
    }
    let comma = text
        .get(a.span.end..b.span.start)
        .is_some_and(|between| between.contains(','));
    if comma && !conjunction {
        Join::Comma
    } else {
        Join::Conjunction
    }
}

/// For each mention, the next one (at or after it) that can be a clause's
/// subject: not right after a preposition and not a possessor ("Kerry's
/// motives"); and for each such, the next such of another actor. So the
/// first subject candidate of a clause is found in constant time, however
/// many mentions of one actor a run-on sentence holds.
struct SubjectLinks {
    next_plain: Vec<Option<usize>>,
    next_plain_other: Vec<Option<usize>>,
}

impl SubjectLinks {
    fn new(text: &str, mentions: &[Mention], prepositional: &[bool]) -> SubjectLinks {
        let n = mentions.len();
        let (mut next_plain, mut next_plain_other) = (vec![None; n + 1], vec![None; n]);
        for i in (0..n).rev() {
            let plain = !prepositional[i] && !possessive(text, &mentions[i]);
            next_plain[i] = if plain { Some(i) } else { next_plain[i + 1] };
            if plain {
                next_plain_other[i] = next_plain[i + 1].and_then(|p| {
                    if mentions[p].actor != mentions[i].actor {
                        Some(p)
                    } else {
                        next_plain_other[p]
                    }
                });
            }
        }
        next_plain.truncate(n);
        SubjectLinks {
            next_plain,
            next_plain_other,
        }
    }

    /// The first mention in `lo..end` that can be a subject and is not of
    /// `actor`.
    fn first_other(
        &self,
        mentions: &[Mention],
        lo: usize,
        end: usize,
        actor: ActorId,
    ) -> Option<usize> {
        let first = (*self.next_plain.get(lo)?)?;
        let first = if mentions[first].actor == actor {
            self.next_plain_other[first]?
        } else {
            first
        };
        (first < end).then_some(first)
    }
}

/// The clause's subject before `who` (with the actors coordinated with it),
/// unless `who` is one of them: the first mention of another actor in the
/// clause's mentions `lo..end` (those before `who`) that is not right after
/// a preposition and not a possessor ("Kerry's motives").
fn clause_subjects<'m>(
    text: &str,
    mentions: &'m [Mention],
    links: &SubjectLinks,
    lo: usize,
    end: usize,
    who: &Mention,
) -> Vec<&'m Mention> {
    let Some(first) = links.first_other(mentions, lo, end, who.actor) else {
        return Vec::new();
    };
    let mut out = vec![&mentions[first]];
    for m in &mentions[first + 1..end] {
        crate::work::tick(1);
        if !coordinated(text, out[out.len() - 1], m) {
            break;
        }
        out.push(m);
    }
    let last = out[out.len() - 1];
    if coordinated(text, last, who) || out.iter().any(|m| m.actor == who.actor) {
        return Vec::new();
    }
    out
}

/// Whether mention `m` premodifies the word after it: joined to it by a
/// hyphen ("U.S.-China ties") or right before a premodifier-like word
/// ([`is_premodifier`]: "U.S. border", "American prisoners").
fn qualifies_next(text: &str, m: &Mention) -> bool {
    let rest = &text[m.span.end..];
    if rest.starts_with(is_hyphen) {
        return true;
    }
    let next = rest.trim_start_matches(is_space);
    let word = next
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .next()
        .unwrap_or("");
    next.len() < rest.len() && is_premodifier(word)
}

/// Whether mention `m`, a plural, is a possessor by an apostrophe alone
/// ("the two countries' interests").
fn plural_possessive(text: &str, m: &Mention) -> bool {
    let rest = &text[m.span.end..];
    m.span.of(text).ends_with('s')
        && (rest.strip_prefix(['\'', '’'])).is_some_and(|after| after.starts_with(is_space))
}

/// Where the name of the person at `span` ends: past the rest of their
/// name, up to [`NAME_WORDS`] more capitalised words ("Sen. Norm" goes on
/// to "Coleman").
fn name_end(text: &str, span: Span) -> usize {
    let mut end = span.end;
    for _ in 0..NAME_WORDS {
        let rest = &text[end..];
        let next = rest.trim_start_matches([' ', '\u{a0}']);
        let word = leading_word_run(next);
        if next.len() == rest.len() || !word.starts_with(char::is_uppercase) {
            break;
        }
        end = text.len() - next.len() + word.len();
    }
    end
}

/// How many more words of a person's name [`name_end`] reads.
const NAME_WORDS: usize = 3;

/// How many words may stand between a possessor and a noun for its
/// opponents ("Syria's moderate armed opposition").
const OPPONENT_GAP: usize = 2;

/// Where the noun for opponents ends, when mention `m` is its possessor:
/// one of the pack's `opponent-nouns` up to [`OPPONENT_GAP`] words on,
/// with no punctuation or preposition between ("Ukraine's rebels", "Iran's
/// regional adversaries", "Mr. Trump's former opponent", "the
/// Philippines' rivals"). Those opponents, not the actor, are what a cue
/// there acts on, or what acts. (In "Moscow's support for separatists"
/// Moscow has the support, not the separatists.)
fn possesses_opponents(settings: &StanceSettings, text: &str, m: &Mention) -> Option<usize> {
    let after = &text[m.span.end..];
    let rest = past_possessive(after)
        .or_else(|| plural_possessive(text, m).then(|| after.trim_start_matches(['\'', '’'])))?;
    for token in rest
        .split(is_space)
        .filter(|t| !t.is_empty())
        .take(OPPONENT_GAP + 1)
    {
        // The token's offset in `text`, of which it is a slice.
        let start = token.as_ptr() as usize - text.as_ptr() as usize;
        let word = core(token);
        if settings.opponent_nouns.contains(&word) {
            return Some(start + token.len());
        }
        // Punctuation after a word ends the noun phrase ("Iran's
        // president, whose rivals …"), and a preposition starts another.
        if token.ends_with(|c: char| !c.is_alphanumeric()) || settings.prepositions.contains(&word)
        {
            return None;
        }
    }
    None
}

/// Words that may stand between a coordinating conjunction and the cue
/// of a verb phrase it joins, besides the pack's passive `auxiliaries` and
/// adverbs in "-ly" in lower case: "and also praised", "and did not
/// criticise", "and has since condemned".
const COORDINATED_FILLERS: &[&str] = &[
    "also", "then", "later", "again", "even", "still", "since", "not", "never", "did", "does",
    "do", "has", "have", "had", "will", "would", "could", "can", "may", "might", "should",
];

/// How many such words [`coordinated_with`] passes over.
const COORDINATED_GAP: usize = 3;

/// The endings of the verb forms a coordination joins: the two cues'
/// first words share one ("condemned … and praised", "threatening … and
/// praising"); a noun cue ("support for", "allies") heads no verb phrase.
const VERB_ENDINGS: &[&str] = &["ed", "ing"];

/// The earlier cue (an index into `before`, the cues before this one) whose
/// verb phrase the cue starting at word `first` is coordinated with: "and"
/// or "or" stands right before it, past up to [`COORDINATED_GAP`]
/// auxiliaries, lower-case adverbs in "-ly" and [`COORDINATED_FILLERS`];
/// the last cue before that conjunction has a first word with the same
/// verb ending ([`VERB_ENDINGS`]) as this one's; and `shares` holds for
/// it (the caller asks for the same clause with an actor between the two
/// cues: that actor is taken for the earlier cue's object, no subject).
fn coordinated_with(
    settings: &StanceSettings,
    text: &str,
    words: &[Word],
    first: usize,
    before: &[&Hit],
    shares: impl Fn(usize) -> bool,
) -> Option<usize> {
    let filler = |w: &Word| {
        COORDINATED_FILLERS.contains(&w.core.as_str())
            || settings.auxiliaries.contains(&w.core)
            || (w.core.len() > 4
                && w.core.ends_with("ly")
                && w.span.of(text).starts_with(|c: char| c.is_lowercase()))
    };
    let conjunction = words[..first]
        .iter()
        .rev()
        .take(COORDINATED_GAP + 1)
        .find(|w| !filler(w))
        .filter(|w| matches!(w.core.as_str(), "and" | "or"))?;
    let j = before.partition_point(|c| c.span.end <= conjunction.span.start);
    let j = j.checked_sub(1)?;
    let ending = |word: &str| VERB_ENDINGS.iter().find(|e| word.ends_with(*e)).copied();
    // Each cue's first word is the token holding its start.
    let earlier = &words
        .get(words.partition_point(|w| w.span.end <= before[j].span.start))?
        .core;
    let this = ending(&words.get(first)?.core)?;
    (ending(earlier) == Some(this) && shares(j)).then_some(j)
}

/// Whether mention `m` is a possessor ("Kerry's motives").
fn possessive(text: &str, m: &Mention) -> bool {
    past_possessive(&text[m.span.end..]).is_some()
}

/// Whether a label cue at `cue` is about the actor of mention `m` before
/// it: one to [`LABEL_GAP`] words stand between them ("considers the
/// Saudis vital allies", "spoke of Saudi Arabia as an ally"), no
/// punctuation but quotation marks, and no "and", "or", "nor". An actor
/// right before the label qualifies it ("American allies", "U.S. allies
/// like Japan": allies of America), unless a possessive comes first ("its
/// South Korean ally", "our NATO allies"); one in a list with it is not
/// it ("threatens the U.S. or allies"); one further away, or past a dash
/// or comma, is another's ("Britain, France and Qatar — key allies").
fn labelled(text: &str, m: &Mention, cue: Span) -> bool {
    let mut words = 0;
    for t in tokens_in(text, m.span.end, cue.start.max(m.span.end)) {
        let raw = t.span().of(text);
        if !t.word {
            // A quotation mark only marks the label as someone's word
            // (calling the administration a "provocateur").
            if raw.chars().all(is_quote_mark) {
                continue;
            }
            return false;
        }
        if CONJUNCTIONS.contains(&core(raw).as_str()) {
            return false;
        }
        words += 1;
    }
    if words == 0 {
        // Right before the label, the actor is whose it is ("U.S.
        // allies"), unless a possessive stands before the actor: then the
        // actor is the label's ("its South Korean ally", "our NATO allies").
        return tokens_back(&text[..m.span.start]).next().is_some_and(|t| {
            matches!(
                core(t.span().of(text)).as_str(),
                "its" | "our" | "their" | "his" | "her" | "your" | "my"
            )
        });
    }
    words <= LABEL_GAP
}

/// How many words may stand between a label cue and the actor it is
/// about ("it's the U.S. who is playing the role of provocateur").
const LABEL_GAP: usize = 6;

/// Whether `c` is a quotation mark, straight or curly.
fn is_quote_mark(c: char) -> bool {
    matches!(c, '"' | '\'' | '“' | '”' | '‘' | '’' | '«' | '»')
}

/// Whether only coordination words stand between mentions `a` and `b`.
fn coordinated(text: &str, a: &Mention, b: &Mention) -> bool {
    coordinated_between(text, a.span.end, b.span.start)
}

/// Whether only coordination words stand between byte offsets `from` and
/// `to` of `text`.
fn coordinated_between(text: &str, from: usize, to: usize) -> bool {
    tokens_in(text, from, to.max(from))
        .filter(|t| t.word)
        .all(|t| {
            let w = core(t.span().of(text));
            let w = w.trim_end_matches("'s");
            CONJUNCTIONS.contains(&w) || COORDINATION.contains(&w)
        })
}

/// Where a cue's subject may be, beside its clause (see `find_edges`).
#[derive(Clone)]
struct SubjectScope {
    /// The end of the mentions, from the clause's first, that may be the
    /// subject: those before the cue, or before an aside (one the clause
    /// was widened over, or an appositive) when none stands between the
    /// aside and the cue.
    end: usize,
    /// The mentions inside the cue's aside, if it has one (see
    /// [`past_aside`] and [`appositive`]): none of them is its subject.
    aside: Range<usize>,
    /// The actor a relative clause with no subject of its own is about
    /// (see [`antecedent`]).
    about: Option<usize>,
    /// The cue's clause opens with "who" or "which": its subject is the
    /// noun before it, an actor (`about`) or not, never a quotation's
    /// speaker.
    relative: bool,
}

/// Where a fronted clause that opens at `from` ends, before `to`: at its
/// first comma, not one inside a number ("100,000"), nor one between two
/// actors with no word in lower case other than an article before it ("As
/// the U.S., Japan and South Korea condemned North Korea, China …" ends
/// after North Korea; "Since August 8, the U.S. …" at its comma). None
/// when that comma joins a list of actors that a conjunction closes and
/// only "of", punctuation or the end follows: "Once again Russia accused the United States, Britain
/// and France of meddling" has no fronted clause, while "After Russia
/// invaded Ukraine, Germany and France imposed sanctions" has.
fn fronted_end(
    text: &str,
    words: &[Word],
    mentions: &[Mention],
    from: usize,
    to: usize,
) -> Option<usize> {
    let bytes = text.as_bytes();
    let digit = |at: usize| bytes.get(at).is_some_and(u8::is_ascii_digit);
    let mut content = false;
    let mut next = words.partition_point(|w| w.span.start < from);
    let comma = (from..to).find(|&at| {
        if bytes[at] != b',' || (at > 0 && digit(at - 1) && digit(at + 1)) {
            return false;
        }
        // A word's token holds the punctuation after it ("that,").
        while let Some(w) = words.get(next).filter(|w| w.span.start < at) {
            let lower = w.span.of(text).starts_with(|c: char| c.is_lowercase());
            content |= lower && !ARTICLES.contains(&w.core.as_str());
            next += 1;
        }
        let k = mentions.partition_point(|m| m.span.end <= at);
        let between_actors = k
            .checked_sub(1)
            .is_some_and(|j| text[mentions[j].span.end..at].trim().is_empty())
            && mentions
                .get(k)
                .is_some_and(|m| text[at + 1..m.span.start].trim().is_empty());
        content || !between_actors
    })?;
    // The list the comma may join: the actor right before it, and those
    // coordinated with it after it up to the first joined by a conjunction.
    let i = mentions.partition_point(|m| m.span.end <= comma);
    let Some(mut last) = i.checked_sub(1).map(|k| &mentions[k]) else {
        return Some(comma);
    };
    if !text[last.span.end..comma].trim().is_empty() {
        return Some(comma);
    }
    let mut closed = false;
    for m in mentions[i..].iter().take_while(|m| m.span.end <= to) {
        if !coordinated_between(text, last.span.end, m.span.start) {
            break;
        }
        closed = tokens_in(text, last.span.end, m.span.start)
            .any(|t| t.word && CONJUNCTIONS.contains(&core(t.span().of(text)).as_str()));
        last = m;
        if closed {
            break;
        }
    }
    // Only "of" (the cue's complement: "accused … France of meddling"),
    // punctuation or the sentence's end after the list leaves it the
    // objects': any other word ("… and France on Monday imposed") goes on
    // with the main clause.
    let after = words.partition_point(|w| w.span.start < last.span.end);
    let clause_follows = words
        .get(after)
        .filter(|w| w.span.start < to)
        .is_some_and(|w| !w.core.is_empty() && w.core != "of");
    (!closed || clause_follows).then_some(comma)
}

/// The articles, as cores.
const ARTICLES: &[&str] = &["the", "a", "an"];

/// Clause-break words that open a sentence as pronouns, not as a fronted
/// clause ("That means …"), as cores.
const RELATIVE_WORDS: &[&str] = &["that", "which", "who", "whom"];

/// The actor a relative clause that starts at `start` with "which" (when
/// `which`) or "who" (see [`relative_word`]) is about: the mention right
/// before it, set off by a comma or a dash ("criticized Germany, which
/// accused Russia of …": Germany accuses) or followed by at most two words
/// in lower case, the noun it qualifies ("US lawmakers who blame China"); a
/// person only before "who" ("a meeting between Abbas and Trump -- which
/// would …" is about the meeting). Not "that", which also opens what is said ("said
/// that …"); nor for a `reverse` cue after "which", which is mostly about
/// the clause before ("sanctioned Iran, which angered Israel").
fn antecedent(
    rules: &RuleSet,
    text: &str,
    mentions: &[Mention],
    start: usize,
    which: bool,
    reverse: bool,
) -> Option<usize> {
    let i = mentions
        .partition_point(|m| m.span.end <= start)
        .checked_sub(1)?;
    if which && (reverse || rules.actor(mentions[i].entity).kind == ActorKind::Person) {
        return None;
    }
    let between = text[mentions[i].span.end..start]
        .trim()
        .trim_end_matches(|c: char| c == ',' || is_dash(c))
        .trim_end();
    let noun = between.split(is_space).count() <= 2
        && between
            .chars()
            .all(|c| c.is_lowercase() || is_space(c) || is_hyphen(c) || matches!(c, '\'' | '’'));
    noun.then_some(i)
}

/// Whether the word at `start` is "which" (`Some(true)`) or "who"
/// (`Some(false)`), a relative word that opens a clause about the noun
/// before it; None for any other word. A partitive before "which", "who"
/// or "whom" ("many of whom", "some of which") opens such a clause too:
/// the part it names is the clause's subject. A bare "whom" opens a
/// clause with a subject of its own ("with whom Obama met"): None. A
/// break inside a word's punctuation need not start a char: no word.
fn relative_word(text: &str, start: usize) -> Option<bool> {
    let mut words = text
        .get(start..)?
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty());
    let is = |word: &str, relative: &str| word.eq_ignore_ascii_case(relative);
    let first = words.next().unwrap_or_default();
    let word = if is(first, "which") || is(first, "who") {
        first
    } else {
        // A partitive: "many of whom" (only here "whom" is a subject).
        match (words.next(), words.next()) {
            (Some(of), Some(word)) if is(of, "of") => word,
            _ => return None,
        }
    };
    if is(word, "which") {
        Some(true)
    } else {
        (is(word, "who") || is(word, "whom")).then_some(false)
    }
}

/// Where the clause of the relative word `words[k]` starts when a
/// partitive leads it: at the word before "of" in "many of whom", "some
/// of which", "all of who" (one word in lower case: a quantifier or a
/// number). None otherwise.
fn partitive_start(words: &[Word], k: usize) -> Option<usize> {
    let relative = matches!(words[k].core.as_str(), "who" | "whom" | "which");
    let of = k.checked_sub(1).filter(|&j| words[j].core == "of")?;
    let part = of.checked_sub(1)?;
    (relative && !words[part].core.is_empty()).then_some(words[part].span.start)
}

/// Participles in "-ing" that go on naming what the object is, not a
/// clause of their own: "sanctions on firms, including Chinese banks".
const LISTING_PARTICIPLES: &[&str] = &["including", "excluding"];

/// Whether `words[k]` opens a participial clause set off by a comma: a
/// word in "-ing", in lower case, right after a comma, that is no item of
/// a list: not followed by a comma or a conjunction ("sanctions on oil,
/// banking and shipping"), nor by a word in lower case that is no article
/// with a conjunction within [`LIST_GAP`] words ("tariffs on steel,
/// clothing imports and electronics from China"). Such a clause is an
/// adjunct of the whole clause before it, with its own object: in
/// "imposed duties on steel imports, drawing a response from the European
/// Union" the European Union is no object of the duties, nor Italy of the
/// fight in "the fight against coronavirus, passing Italy".
fn opens_participle_clause(text: &str, words: &[Word], k: usize) -> bool {
    let word = &words[k];
    let raw = word.span.of(text).trim_matches(is_quote_mark);
    let participle = raw.starts_with(|c: char| c.is_ascii_lowercase())
        && word.core.len() >= 5
        && word.core.ends_with("ing")
        && !LISTING_PARTICIPLES.contains(&word.core.as_str());
    let ends_with_comma = |w: &Word| {
        w.span
            .of(text)
            .trim_end_matches(is_quote_mark)
            .ends_with(',')
    };
    let after_comma = k.checked_sub(1).is_some_and(|j| ends_with_comma(&words[j]));
    let conjunction = |w: &Word| CONJUNCTIONS.contains(&w.core.as_str());
    let next = words.get(k + 1);
    let noun_goes_on = next.is_some_and(|n| {
        n.span.of(text).starts_with(|c: char| c.is_lowercase())
            && !ARTICLES.contains(&n.core.as_str())
            && !ends_with_comma(word)
    }) && {
        // The next words, up to and with the first that ends in a comma.
        let gap = &words[k + 1..(k + 1 + LIST_GAP).min(words.len())];
        let upto = gap
            .iter()
            .position(ends_with_comma)
            .map_or(gap.len(), |p| p + 1);
        gap[..upto].iter().any(conjunction)
    };
    let listed = ends_with_comma(word) || next.is_some_and(conjunction) || noun_goes_on;
    participle && after_comma && !listed
}

/// How many words after a word in "-ing" a conjunction may stand for the
/// word to head an item of a list (see [`opens_participle_clause`]).
const LIST_GAP: usize = 3;

/// Words before "than" that make it a quantity, no comparison ("more than
/// a dozen"), as cores: no object stop.
const QUANTITY_WORDS: &[&str] = &["more", "less", "fewer"];

/// Words that begin an amount after "more than" ("a dozen", "half",
/// "two-thirds"), as cores or their first hyphenated piece.
const AMOUNTS: &[&str] = &[
    "a",
    "an",
    "half",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "dozen",
    "dozens",
    "hundred",
    "hundreds",
    "thousand",
    "thousands",
    "million",
    "millions",
    "billion",
    "billions",
    "twice",
    "double",
    "triple",
];

/// The conjunctions that join actors in a list ("Iran and/or Syria"), as
/// cores ([`core()`]): an actor joined so to others is none of them alone.
const CONJUNCTIONS: &[&str] = &["and", "and/or", "or", "nor"];

/// Other words that may stand between coordinated actors, besides the
/// [`CONJUNCTIONS`] ("Japan and the United States", "Iran, Syria or
/// Hezbollah", "Iran as well as Syria"), as cores without a possessive.
const COORDINATION: &[&str] = &["the", "its", "their", "both", "as", "well"];

/// The object of a cue among the actors `after` it (in text order): the
/// first whose actor is not `source`, then each next one joined to the
/// previous by coordination only. Those joined by a comma alone count only
/// when a conjunction joins the next actor ("sanctions on Iran, Syria and
/// North Korea"): in "withdrew from Iraq, ISIS was born" ISIS starts
/// another clause. (So "attacked China, Mexico and the media" keeps China
/// alone: a list closed by a member that is no actor cannot be told from
/// a fronted clause, "After Russia invaded Ukraine, Germany and its
/// allies imposed sanctions".)
fn object<'m>(
    settings: &StanceSettings,
    text: &str,
    after: &[&'m Mention],
    source: Option<ActorId>,
) -> Vec<&'m Mention> {
    let mut chosen: Vec<&Mention> = Vec::new();
    // The members joined by a comma alone since the last conjunction.
    let mut open = 0;
    // Where the opponents named after a possessor passed over end: the
    // object is inside that phrase or nowhere.
    let mut phrase_end: Option<usize> = None;
    for m in after {
        if phrase_end.is_some_and(|end| chosen.is_empty() && m.span.start >= end) {
            break;
        }
        match chosen.last() {
            // The source's own actor qualifying the object is passed over
            // ("praised the country's relationship with China", "the U.S.
            // border with Mexico"); standing as the object itself, it is
            // the object, and an edge to oneself is none ("chastised his
            // own intelligence officials for being soft on Iran",
            // "criticized the remarks, and the United States said").
            None if Some(m.actor) == source => {
                if possessive(text, m) || plural_possessive(text, m) || qualifies_next(text, m) {
                    continue;
                }
                break;
            }
            // An actor whose opponents the object is ("support for
            // Ukraine's rebels") is passed over: an actor in the phrase
            // may still be it ("backing Yemen's Houthi rebels").
            None => match possesses_opponents(settings, text, m) {
                Some(end) => phrase_end = Some(end),
                None => chosen.push(m),
            },
            Some(prev) => {
                match joined(text, prev, m) {
                    Join::No => break,
                    Join::Comma => open += 1,
                    Join::Conjunction => open = 0,
                }
                chosen.push(m);
            }
        }
    }
    chosen.truncate(chosen.len() - open);
    chosen
}

/// The word that undoes the act a cue at `cue` names, if one does: a word
/// of the pack's `[undoing]` list within its window before the cue, in the
/// cue's clause, with no actor, conjunction or separator ([`separates_acts`])
/// between them, and not a participle that a determiner makes an adjective
/// ("sent the delayed aid to Ukraine"). "lifted
/// sanctions on Iran", "condemned the attack on Israel" and "opposed
/// boycotts against Israel" state no hostility toward Iran or Israel; an
/// actor between them is the act's own agent ("opposed the U.S. sanctions
/// on Russia": the United States sanctions Russia), and a conjunction or
/// comma starts another act ("renewed his threat to scrap NAFTA and ripped
/// on Canada" rips on Canada).
fn undoing_word(
    settings: &StanceSettings,
    text: &str,
    words: &[Word],
    breaks: &[usize],
    mentions: &[Mention],
    sentence: Span,
    cue: Span,
) -> Option<Span> {
    let at = words.partition_point(|w| w.span.start < cue.start);
    let clause = clause_of(breaks, cue, sentence);
    let agent = mentions
        .partition_point(|m| m.span.end <= cue.start)
        .checked_sub(1)
        .map(|i| mentions[i].span.end);
    let j = undoing_before(settings, text, words, clause, agent, at, cue.start)?;
    // An undoing word undone in turn leaves the act as it was: "lifted the
    // freeze on aid to Ukraine", "opposed cutting aid to Ukraine" back the
    // aid; "condemned the lifting of sanctions on Iran" backs the sanctions.
    if undoing_before(settings, text, words, clause, agent, j, words[j].span.start).is_some() {
        return None;
    }
    Some(words[j].span)
}

/// The index of the nearest word of the `[undoing]` list among `words[..at]`
/// (which end before byte `reach`), within the window and `clause`, after
/// the agent's mention ending at `agent`, with no conjunction or separator
/// between: see [`undoing_word`].
fn undoing_before(
    settings: &StanceSettings,
    text: &str,
    words: &[Word],
    clause: Span,
    agent: Option<usize>,
    at: usize,
    mut reach: usize,
) -> Option<usize> {
    for (j, w) in words[..at]
        .iter()
        .enumerate()
        .rev()
        .take(settings.undoing_window)
    {
        // The word's own closing punctuation ("sanctions,", "--") counts.
        let word = w.span.of(text);
        let tail = w.span.start + word.trim_end_matches(|c: char| !is_word_char(c)).len();
        let joined = text.get(tail..reach).is_some_and(separates_acts)
            || CONJUNCTIONS.contains(&w.core.as_str());
        if w.span.start < clause.start || agent.is_some_and(|end| w.span.end <= end) || joined {
            return None;
        }
        let adjective = (w.core.ends_with("ed") || w.core.ends_with("en"))
            && j.checked_sub(1).is_some_and(|k| {
                matches!(
                    words[k].core.as_str(),
                    "the" | "a" | "an" | "its" | "their" | "this" | "that"
                )
            });
        if settings.undoing.contains(&w.core) && !adjective {
            // A participle in "-ed" after an auxiliary is done to the
            // subject, which undoes nothing of its own: in "Iran was
            // condemned over its support for Hezbollah" the support is
            // Iran's. But with the agent word right after it, the act is
            // what the subject reacts to ("Japan was angered by the
            // sanctions on Russia"), and a passive adjective is the
            // subject's own stance ("is opposed to sanctions on Russia"):
            // both undo it.
            if w.core.ends_with("ed")
                && !passive_adjective(settings, &w.core)
                && words
                    .get(j + 1)
                    .is_none_or(|next| next.core != settings.agent)
                && after_auxiliary(settings, text, words, j)
            {
                return None;
            }
            return Some(j);
        }
        reach = w.span.start;
    }
    None
}

/// Whether the text between two words separates one act from another: a
/// comma, semicolon or colon, a dash, or hyphens standing alone as one
/// ("sought to undermine those sanctions -- attacking a handful of oil
/// tankers"), but not a hyphen inside a word.
fn separates_acts(between: &str) -> bool {
    between.contains([',', ';', ':']) || last_dash_mark(between).is_some()
}

/// Where the last dash that stands as a mark of punctuation starts in `s`:
/// a token of dashes alone, as the tokeniser reads them (an en or em dash,
/// or hyphens standing alone between spaces, "Israel - which …", or
/// doubled, "Israel--which"); never a hyphen inside a word
/// ("largest-ever").
fn last_dash_mark(s: &str) -> Option<usize> {
    tokens_in(s, 0, s.len())
        .filter(|t| !t.word && s[t.start..t.end].chars().all(is_dash))
        .last()
        .map(|t| t.start)
}

/// The clause around `cue`: from the last break before it (or the sentence
/// start) to the first break at or after its end (or the sentence end).
fn clause_of(breaks: &[usize], cue: Span, sentence: Span) -> Span {
    let i = breaks.partition_point(|&b| b < cue.start);
    let start = i.checked_sub(1).map_or(sentence.start, |i| breaks[i]);
    let j = breaks.partition_point(|&b| b < cue.end);
    Span::new(start, breaks.get(j).copied().unwrap_or(sentence.end))
}

/// `clause` (around `cue`, see [`clause_of`]) widened back over an aside
/// that it opens right after the name of its clause's subject (the
/// clause's first mention), set off by commas or by dashes before the cue:
/// in "Kerry, while serving in the U.S. Senate for three decades, had
/// amassed … in support of Israeli interests" the aside interrupts the
/// clause of its subject, Kerry, which goes on after its closing comma; in
/// "Israel – which has staged airstrikes in Syria – condemned Iran", after
/// its closing dash. An aside opened by a dash closes with one.
/// Only a break of the pack's list (`listed`, sorted) opens an aside; a
/// contrastive ("Kim, however, believes …") starts a clause of its own.
/// The aside itself, from its opening word to its closing comma, comes
/// second: no subject of the cue stands in it.
#[allow(clippy::too_many_arguments)]
fn past_aside(
    text: &str,
    breaks: &[usize],
    listed: &[usize],
    mentions: &[Mention],
    sentence: Span,
    clause: Span,
    cue: Span,
    prepositions: &[String],
) -> (Span, Option<Span>) {
    // A break inside a word's punctuation need not start a char: such a
    // break opens no aside.
    let (Some(before), Some(inside)) = (
        text.get(sentence.start..clause.start),
        text.get(clause.start..cue.start.max(clause.start)),
    ) else {
        return (clause, None);
    };
    if listed.binary_search(&clause.start).is_err() {
        return (clause, None);
    }
    let before = before.trim_end_matches(is_space);
    // A preposition may lead the break word: "Abbas, with whom Obama met,
    // criticized the attack" (or "Germany, for that matter, criticized
    // Russia").
    let before = before
        .rsplit_once(is_space)
        .filter(|(_, word)| prepositions.iter().any(|p| p == word))
        .map_or(before, |(rest, _)| rest.trim_end_matches(is_space));
    let (name, dash) = match before.strip_suffix(',') {
        Some(name) => (name, false),
        None => match last_dash_mark(before) {
            Some(mark) if before[mark..].chars().all(is_dash) => {
                (before[..mark].trim_end_matches(is_space), true)
            }
            _ => return (clause, None),
        },
    };
    let i = breaks.partition_point(|&b| b < clause.start);
    let start = i
        .checked_sub(1)
        .map_or(sentence.start, |i| breaks[i])
        .max(sentence.start);
    // The name is the clause's subject, not an object ("sanctioned Iran,
    // while, at home, critics …").
    let after_subject = names_subject(text, mentions, start, sentence.start + name.len());
    let closing = if dash {
        last_dash_mark(inside)
    } else {
        inside.rfind(',')
    };
    match closing {
        Some(mark) if after_subject => (
            Span::new(start, clause.end),
            Some(Span::new(clause.start, clause.start + mark)),
        ),
        _ => (clause, None),
    }
}

/// Whether a name that ends at `end` is the subject of the clause that
/// starts at `start`: the clause's first mention ends there, or a name
/// runs on from it to there through possessives and titles ("Russia's
/// Putin", "Russian President Vladimir Putin").
fn names_subject(text: &str, mentions: &[Mention], start: usize, end: usize) -> bool {
    let first = mentions.partition_point(|m| m.span.start < start);
    mentions[first..]
        .iter()
        .position(|m| m.span.end == end)
        .is_some_and(|last| {
            mentions[first..=first + last]
                .windows(2)
                .all(|pair| name_runs_on(text, pair[0].span.end, pair[1].span.start))
        })
}

/// The most words an appositive (see [`appositive`]) runs to.
const APPOSITIVE_WORDS: usize = 8;

/// An appositive set off by commas right after the name of the clause's
/// subject, before `cue`: a short noun phrase opened by an article or
/// "one" ("Japan, a close U.S. ally, criticized China", "Turkey, a NATO
/// member, condemned Russia", "Japan, one of the closest U.S. allies, …").
/// It describes the subject, and no actor in it is the cue's subject. The
/// span from its opening comma to its closing one, as an aside (see
/// [`past_aside`]).
fn appositive(text: &str, mentions: &[Mention], clause: Span, cue: Span) -> Option<Span> {
    let inside = text.get(clause.start..cue.start)?;
    let close = inside.rfind(',')?;
    let open = inside[..close].rfind(',')?;
    let mut phrase = inside[open + 1..close]
        .split(is_space)
        .filter(|w| !w.is_empty());
    let opener = core(phrase.next()?);
    let short = phrase.count() < APPOSITIVE_WORDS;
    let name_end = clause.start + inside[..open].trim_end_matches(is_space).len();
    // The name opens the clause: only capitalised words (titles, "The")
    // stand before its first mention. "In a rebuke to Russia, the United
    // States … condemned Iran" opens with no subject's name.
    let first = mentions.partition_point(|m| m.span.start < clause.start);
    let opens = mentions.get(first).is_some_and(|m| {
        text[clause.start..m.span.start.max(clause.start)]
            .split(is_space)
            .filter(|w| !w.is_empty())
            .all(|w| w.starts_with(char::is_uppercase))
    });
    ((ARTICLES.contains(&opener.as_str()) || opener == "one")
        && short
        && opens
        && names_subject(text, mentions, clause.start, name_end))
    .then(|| Span::new(clause.start + open, clause.start + close))
}

/// Whether the text from `from` to `to`, between two mentions, joins them
/// into one name: nothing but a possessive ending and capitalised words
/// such as titles, or an abbreviation in brackets ("Russia's Putin",
/// "Russian President Vladimir Putin", "Palestinian Authority (PA)
/// President Mahmoud Abbas").
fn name_runs_on(text: &str, from: usize, to: usize) -> bool {
    let Some(gap) = text.get(from..to) else {
        return false;
    };
    let gap = ["'s", "\u{2019}s", "'", "\u{2019}"]
        .iter()
        .find_map(|p| gap.strip_prefix(p))
        .unwrap_or(gap);
    (gap.is_empty() || gap.starts_with(is_space))
        && gap.split(is_space).filter(|w| !w.is_empty()).all(|w| {
            // An abbreviation in brackets: "Palestinian Authority (PA)
            // President Mahmoud Abbas".
            let w = w
                .strip_prefix('(')
                .and_then(|w| w.strip_suffix(')'))
                .unwrap_or(w);
            w.starts_with(char::is_uppercase)
                && w.chars()
                    .all(|c| is_word_char(c) || c == '.' || is_hyphen(c))
        })
}

/// Links between a sentence's mentions that let a subject be found in
/// constant time: for each mention, the previous mention of another actor;
/// the last mention at or before it that is not right after a preposition;
/// and, for those, the previous such mention of another actor.
struct Links<'a> {
    mentions: &'a [Mention],
    /// The mention stands right after a preposition ("with China").
    prepositional: Vec<bool>,
    prev_other: Vec<Option<usize>>,
    last_plain: Vec<Option<usize>>,
    prev_plain_other: Vec<Option<usize>>,
}

impl<'a> Links<'a> {
    fn new(mentions: &'a [Mention], prepositional: impl Fn(&Mention) -> bool) -> Links<'a> {
        let n = mentions.len();
        let prepositional: Vec<bool> = mentions.iter().map(prepositional).collect();
        let (mut prev_other, mut last_plain, mut prev_plain_other) =
            (vec![None; n], vec![None; n], vec![None; n]);
        let mut plain: Option<usize> = None;
        for i in 0..n {
            if i > 0 {
                prev_other[i] = if mentions[i - 1].actor != mentions[i].actor {
                    Some(i - 1)
                } else {
                    prev_other[i - 1]
                };
            }
            if !prepositional[i] {
                prev_plain_other[i] = plain.and_then(|p| {
                    if mentions[p].actor != mentions[i].actor {
                        Some(p)
                    } else {
                        prev_plain_other[p]
                    }
                });
                plain = Some(i);
            }
            last_plain[i] = plain;
        }
        Links {
            mentions,
            prepositional,
            prev_other,
            last_plain,
            prev_plain_other,
        }
    }

    /// `at` if it is at or after `lo` and not a mention of `other`; else
    /// the mention `back` links it to, if that is at or after `lo`.
    fn unless(
        &self,
        at: Option<usize>,
        lo: usize,
        other: Option<ActorId>,
        back: &[Option<usize>],
    ) -> Option<usize> {
        let at = at.filter(|&i| i >= lo)?;
        if Some(self.mentions[at].actor) == other {
            back[at].filter(|&i| i >= lo)
        } else {
            Some(at)
        }
    }

    /// The last mention in `lo..end` of an actor other than `other`.
    fn last_other(&self, lo: usize, end: usize, other: Option<ActorId>) -> Option<usize> {
        self.unless(end.checked_sub(1), lo, other, &self.prev_other)
    }

    /// The last mention in `lo..end`, not right after a preposition, of an
    /// actor other than `other`.
    fn last_plain_other(&self, lo: usize, end: usize, other: Option<ActorId>) -> Option<usize> {
        let last = end.checked_sub(1)?;
        self.unless(self.last_plain[last], lo, other, &self.prev_plain_other)
    }
}

/// For each cue (in text order), the first mention after it of each actor
/// in its clause (mentions `..hi` of `clauses`), in text order: a sweep
/// from the end keeps each actor's first mention at or after the current
/// point, so a cue costs the number of distinct actors after it in its
/// clause, not the number of mentions.
fn targets_after(mentions: &[Mention], cues: &[&Hit], clauses: &[Range<usize>]) -> Vec<Vec<usize>> {
    let mut firsts: std::collections::BTreeSet<usize> = std::collections::BTreeSet::new();
    let mut first_of: std::collections::HashMap<ActorId, usize> = std::collections::HashMap::new();
    let mut next = mentions.len();
    let mut out = vec![Vec::new(); cues.len()];
    for (k, cue) in cues.iter().enumerate().rev() {
        let from = mentions.partition_point(|m| m.span.start < cue.span.end);
        while next > from {
            next -= 1;
            if let Some(old) = first_of.insert(mentions[next].actor, next) {
                firsts.remove(&old);
            }
            firsts.insert(next);
        }
        out[k] = firsts.range(..clauses[k].end).copied().collect();
        crate::work::tick(1 + out[k].len());
    }
    out
}
