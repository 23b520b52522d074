//! The `explain` view: each sentence with its matches highlighted (colour on
//! a terminal, bracket marks when plain), then its frame scores, every
//! contribution with the rule and modifiers behind it, and its actors.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::num;
use crate::engine::analysis::analyze;
use crate::engine::model::Referent;
use crate::engine::modifiers::modifier_hits;
use crate::engine::scan::{Excluded, Hit, Why};
use crate::pack::ruleset::{Rule, RuleId, RuleSet, Target};
use crate::profile::article::{profile_of, ArticleProfile};
use crate::text::document::Document;
use crate::text::span::{starting_within, Span};
use crate::text::tokens::{tokens_in, Token};

/// How `explain` marks matches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// ANSI colours: frames in their colour, actors underlined, modifiers dim.
    Color,
    /// Plain text: `[frame term]`, `{actor}`, `|stance cue|`, `<modifier>`.
    Plain,
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Layer {
    Frame,
    Stance,
    Actor,
    Modifier,
}

/// One marked stretch of the text: its layer, where it is, and (for a
/// frame term) the frame's ANSI colour.
#[derive(Clone, Copy)]
struct Mark {
    layer: Layer,
    span: Span,
    color: u8,
}

impl Mark {
    fn new(layer: Layer, span: Span) -> Mark {
        Mark {
            layer,
            span,
            color: 0,
        }
    }
}

/// Analyses `doc` and renders it (see [`explain`]).
pub fn explain_document(rules: &RuleSet, doc: &Document, style: Style) -> String {
    let mut analysis = analyze(rules, doc);
    let hits = std::mem::take(&mut analysis.hits);
    let excluded = std::mem::take(&mut analysis.excluded);
    let profile = profile_of(rules, doc, analysis);
    explain(rules, &profile, &hits, &excluded, &doc.text, style)
}

/// Renders `profile` sentence by sentence. `text` is the document text the
/// profile was computed from, `hits` the matches its analysis kept
/// ([`crate::engine::analysis::Analysis::hits`]) and `excluded` those it
/// set aside, with why ([`crate::engine::analysis::Analysis::excluded`]).
/// Linear in the text: marks and sentences are both walked in order.
pub fn explain(
    rules: &RuleSet,
    profile: &ArticleProfile,
    hits: &[Hit],
    excluded: &[Excluded],
    text: &str,
    style: Style,
) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} ({})", profile.id, profile.source);
    if let Some(t) = &profile.title {
        let _ = writeln!(out, "title: {t}");
    }
    if let Some(d) = &profile.date {
        let _ = writeln!(
            out,
            "date: {d} (dated roles and year terms are resolved as of it)"
        );
    }
    let _ = writeln!(out, "rules: {}", profile.rules.stamp());
    // Marks for highlighting: every hit, layered so that frames win overlaps;
    // a reference only where it resolved to an actor.
    let resolved: std::collections::HashSet<Span> = profile
        .sentences
        .iter()
        .flat_map(|s| &s.mentions)
        .filter(|m| m.resolved)
        .map(|m| m.span)
        .collect();
    // Frame terms and stance cues their context held back are not marked.
    let held: std::collections::HashSet<(RuleId, Span)> = profile
        .sentences
        .iter()
        .flat_map(|s| {
            let terms = s.held.iter().map(|c| (c.rule, c.span));
            terms.chain(s.held_cues.iter().map(|c| (c.rule, c.span)))
        })
        .collect();
    // Modifier words that are part of a name ("Doctors Without Borders")
    // modify nothing, so they are not marked as modifiers.
    let modifying: std::collections::HashSet<Span> = profile
        .sentences
        .iter()
        .flat_map(|s| {
            let first = hits.partition_point(|h| h.span.start < s.span.start);
            let past = first + hits[first..].partition_point(|h| h.span.start < s.span.end);
            modifier_hits(rules, text, s.span, &hits[first..past])
                .all()
                .map(|h| h.span)
                .collect::<Vec<_>>()
        })
        .collect();
    let mut marks: Vec<Mark> = hits
        .iter()
        .filter_map(|h| match rules.rule(h.rule).target {
            Target::Frame { .. } | Target::Stance { .. } if held.contains(&(h.rule, h.span)) => {
                None
            }
            Target::Frame { frame, .. } => Some(Mark {
                color: rules.frame(frame).color.ansi,
                ..Mark::new(Layer::Frame, h.span)
            }),
            Target::Actor { .. } => Some(Mark::new(Layer::Actor, h.span)),
            Target::Stance { .. } => Some(Mark::new(Layer::Stance, h.span)),
            Target::Reference { .. } if resolved.contains(&h.span) => {
                Some(Mark::new(Layer::Actor, h.span))
            }
            Target::Reference { .. } => None,
            Target::Modifier(_) | Target::Contrastive { .. } if modifying.contains(&h.span) => {
                Some(Mark::new(Layer::Modifier, h.span))
            }
            Target::Modifier(_) | Target::Contrastive { .. } => None,
            Target::Exclude(_) | Target::Cue { .. } | Target::Title { .. } => None,
        })
        .collect();
    marks.sort_by_key(|m| (m.layer, m.span));
    // Kept marks never overlap, so by start they are also ordered by end:
    // a new mark overlaps one only if it overlaps its neighbours by start.
    let mut kept: BTreeMap<usize, Mark> = BTreeMap::new();
    for m in marks {
        let before = kept
            .range(..m.span.end)
            .next_back()
            .is_some_and(|(_, k)| m.span.start < k.span.end);
        if !before {
            kept.insert(m.span.start, m);
        }
    }
    let kept: Vec<Mark> = kept.into_values().collect();
    let (mut next_mark, mut next_quote, mut next_excluded) = (0, 0, 0);

    for s in &profile.sentences {
        out.push('\n');
        let _ = write!(out, "[{}] ", s.index + 1);
        let (start, end) = (s.span.start, s.span.end);
        let mut at = start;
        // Marks are in text order and sentences too; a mark that crosses a
        // sentence boundary is skipped, as before.
        let marks = starting_within(&kept, &mut next_mark, s.span, |m| m.span.start);
        for m in kept[marks].iter().filter(|m| m.span.end <= end) {
            out.push_str(&text[at..m.span.start]);
            let piece = m.span.of(text);
            let color = m.color;
            match (style, m.layer) {
                (Style::Plain, Layer::Frame) => {
                    let _ = write!(out, "[{piece}]");
                }
                (Style::Plain, Layer::Actor) => {
                    let _ = write!(out, "{{{piece}}}");
                }
                (Style::Plain, Layer::Modifier) => {
                    let _ = write!(out, "<{piece}>");
                }
                (Style::Plain, Layer::Stance) => {
                    let _ = write!(out, "|{piece}|");
                }
                (Style::Color, Layer::Stance) => {
                    let _ = write!(out, "\x1b[1;4;35m{piece}\x1b[0m");
                }
                (Style::Color, Layer::Frame) => {
                    let _ = write!(out, "\x1b[1;{color}m{piece}\x1b[0m");
                }
                (Style::Color, Layer::Actor) => {
                    let _ = write!(out, "\x1b[4m{piece}\x1b[0m");
                }
                (Style::Color, Layer::Modifier) => {
                    let _ = write!(out, "\x1b[2;3m{piece}\x1b[0m");
                }
            }
            at = m.span.end;
        }
        out.push_str(&text[at..end]);
        out.push('\n');
        if s.frames.is_empty() {
            out.push_str("    frames: none\n");
        } else {
            let frames: Vec<String> = s
                .frames
                .iter()
                .map(|(f, x)| format!("{} {}", rules.frame_name(f), num(x)))
                .collect();
            let _ = writeln!(out, "    frames: {}", frames.join(" · "));
        }
        for c in &s.contributions {
            let _ = write!(
                out,
                "      + {:<10} {}  \"{}\"  {}  ({})",
                rules.frame_name(c.frame),
                num(c.score),
                c.span.of(text),
                rules.rule_label(c.rule),
                rules.origin_label(c.rule)
            );
            if c.weight != 1.0 {
                let _ = write!(out, "  weight {}", num(c.weight));
            }
            for m in &c.modifiers {
                let words = m.text(text);
                if words.is_empty() {
                    let _ = write!(out, "  {} ×{}", m.kind, num(m.factor));
                } else {
                    let _ = write!(out, "  {} \"{}\" ×{}", m.kind, words, num(m.factor));
                }
            }
            if c.quoted {
                out.push_str("  [quoted]");
            }
            if let Some(ctx) = &c.context {
                let _ = write!(out, "  context {}: {}", ctx.context, ctx.reason);
            }
            if let (Some(least), Some(ago)) = (
                rules.rule(c.rule).min_years_ago,
                Rule::years_ago(c.span.of(text), profile.date),
            ) {
                let _ = write!(out, "  {ago} years before the article (at least {least})");
            }
            out.push('\n');
        }
        for c in &s.held {
            let _ = write!(
                out,
                "      - {:<10} held  \"{}\"  {}  ({})",
                rules.frame_name(c.frame),
                c.span.of(text),
                rules.rule_label(c.rule),
                rules.origin_label(c.rule)
            );
            if let Some(ctx) = &c.context {
                let _ = write!(out, "  context {}: {}", ctx.context, ctx.reason);
            }
            out.push('\n');
        }
        // Matches set aside: frame terms here, the others (actor aliases and
        // references) after the actors. Sorted by start, as the sentences are.
        let excluded_here =
            &excluded[starting_within(excluded, &mut next_excluded, s.span, |x| x.hit.span.start)];
        let inside = |x: &Excluded| {
            let why = match x.why {
                Why::Exclusion(by) => {
                    format!(
                        "inside \"{}\"  ({})",
                        by.span.of(text),
                        rules.origin_label(by.rule)
                    )
                }
                Why::Surname(given) => format!(
                    "a surname, after the given name \"{}\"  ([given-names])",
                    given.of(text)
                ),
                Why::Namesake(name) => format!(
                    "a surname, after the namesake \"{}\" was named",
                    name.of(text)
                ),
                Why::Location => "a location, where something happens  ([location])".into(),
                Why::Origin => "an origin, where someone comes from  ([location])".into(),
                Why::Event => "a place naming an event  ([location])".into(),
                Why::Label => "a place labelling a person or group from there  ([location])".into(),
                Why::Dateline => "a dateline, where the reporter was  ([location])".into(),
                Why::Attribute => {
                    "a name qualifying private people or a campaign  ([location] attributes)".into()
                }
                Why::Opposition => {
                    "a state's name qualifying rebels, separatists or militants  ([location] opposition)".into()
                }
                Why::Unconfirmed => {
                    "ambiguous, and the article names its actor by no other alias".into()
                }
                Why::Qualified(name) => format!("named right after it: of \"{}\"", name.of(text)),
            };
            format!(
                "\"{}\"  {}  ({})  {why}",
                x.hit.span.of(text),
                rules.rule_label(x.hit.rule),
                rules.origin_label(x.hit.rule),
            )
        };
        for x in excluded_here {
            if let Target::Frame { frame, .. } = rules.rule(x.hit.rule).target {
                let _ = writeln!(
                    out,
                    "      - {:<10} excluded  {}",
                    rules.frame_name(frame),
                    inside(x)
                );
            }
        }
        for e in &s.edges {
            let _ = write!(
                out,
                "    stance: {} -> {} {} {}  \"{}\" {} ({})  from \"{}\" to \"{}\"",
                rules.actor_name(e.source),
                rules.actor_name(e.target),
                e.polarity,
                num(e.weight),
                e.cue(text),
                rules.rule_label(e.rule),
                rules.origin_label(e.rule),
                e.source_text(text),
                e.target_text(text)
            );
            if e.passive {
                out.push_str("  [reversed]");
            }
            for m in &e.modifiers {
                let _ = write!(out, "  {} \"{}\" ×{}", m.kind, m.text(text), num(m.factor));
            }
            out.push('\n');
        }
        for c in &s.held_cues {
            let _ = writeln!(
                out,
                "    stance held  \"{}\"  {}  ({})  context {}: {}",
                c.span.of(text),
                rules.rule_label(c.rule),
                rules.origin_label(c.rule),
                c.context.context,
                c.context.reason
            );
        }
        // Quotes are disjoint and in text order, so their last sentences
        // are ordered too: one cursor walks them beside the sentences.
        while next_quote < profile.quotes.len() && profile.quotes[next_quote].sentences[1] < s.index
        {
            next_quote += 1;
        }
        let first_quote = next_quote;
        while next_quote < profile.quotes.len()
            && profile.quotes[next_quote].sentences[1] == s.index
        {
            next_quote += 1;
        }
        for q in &profile.quotes[first_quote..next_quote] {
            // Its first eight words (the tokeniser's), whitespace collapsed.
            let words: Vec<Token> = tokens_in(&q.text, 0, q.text.len())
                .filter(|t| t.word)
                .take(9)
                .collect();
            let shown = if words.len() > 8 {
                let head: Vec<&str> = q.text[..words[7].end].split_whitespace().collect();
                format!("{} …", head.join(" "))
            } else {
                q.text.split_whitespace().collect::<Vec<_>>().join(" ")
            };
            match &q.speaker {
                Some(sp) => {
                    let _ = write!(
                        out,
                        "    quote: “{shown}” ← {} ({} \"{}\"",
                        sp.label(rules),
                        sp.how,
                        sp.verb
                    );
                    if sp.resolved {
                        out.push_str(", resolved reference");
                    }
                    out.push(')');
                    if sp.actor.is_none() {
                        out.push_str(" [not an actor]");
                    }
                    if let Some(role) = &sp.role {
                        let _ = write!(out, " · {role}");
                    }
                    out.push('\n');
                }
                None => {
                    let _ = writeln!(out, "    quote: “{shown}” ← unattributed");
                }
            }
        }
        if !s.actors.is_empty() {
            let actors: Vec<String> = s
                .actors
                .iter()
                .map(|&actor| {
                    let id = rules.actor_name(actor);
                    let via: Vec<String> = s
                        .mentions
                        .iter()
                        .filter(|m| m.actor == actor)
                        .map(|m| {
                            let entity = rules.actor_name(m.entity);
                            let via = match (entity == id, m.role_title(rules)) {
                                (true, _) => String::new(),
                                (false, None) => format!(" ({entity})"),
                                (false, Some(role)) => format!(" ({entity}, {role})"),
                            };
                            let resolved = if m.resolved {
                                " [resolved reference]"
                            } else {
                                ""
                            };
                            format!("\"{}\"{via}{resolved}", m.span.of(text))
                        })
                        .collect();
                    format!("{id} ← {}", via.join(", "))
                })
                .collect();
            let _ = writeln!(out, "    actors: {}", actors.join("; "));
        }
        for u in &s.unresolved {
            let who = match u.referent {
                Referent::Unknown(person) => format!(
                    "\"{}\", a person the registry does not know",
                    person.of(text)
                ),
                Referent::Inactive(entity) => format!(
                    "{}, no actor here (called former, or holding no role on the article's date)",
                    rules.actor_name(entity)
                ),
                Referent::Seat(place) => format!(
                    "the government seated in \"{}\", the actor named after it",
                    place.of(text)
                ),
            };
            let _ = writeln!(
                out,
                "    no actor: \"{}\" is {who}  {}  ({})",
                u.span.of(text),
                rules.rule_label(u.rule),
                rules.origin_label(u.rule)
            );
        }
        for x in excluded_here {
            if !matches!(rules.rule(x.hit.rule).target, Target::Frame { .. }) {
                let _ = writeln!(out, "    excluded: {}", inside(x));
            }
        }
    }
    out
}
