//! The corpus view of actors (`framescope actors`): actor profiles and dyads
//! merged over many articles, rendered as a table, JSON or a Graphviz graph.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

use crate::engine::dyads::{Dyad, StanceTally};
use crate::engine::model::add_frames;
use crate::pack::ruleset::PackInfo;
use crate::profile::article::{ActorProfile, ArticleProfile};
use crate::render::{count, num};

/// Actors and dyads summed over articles.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ActorsView {
    /// The rule pack.
    pub rules: PackInfo,
    /// Articles merged.
    pub documents: usize,
    /// Actor profiles by rolled-up id.
    pub actors: BTreeMap<String, ActorProfile>,
    /// Dyads keyed `A|B`.
    pub dyads: BTreeMap<String, Dyad>,
    /// Quoted speakers who are not actors (analysts, outlets), by name.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub sources: BTreeMap<String, SourceTally>,
}

/// What a quoted non-actor source says over the articles.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct SourceTally {
    /// Quotations attributed to it.
    pub quotes: usize,
    /// Frame scores of its quoted words.
    pub frames: BTreeMap<String, f64>,
}

impl ActorsView {
    /// An empty view for pack `rules`.
    pub fn new(rules: PackInfo) -> ActorsView {
        ActorsView {
            rules,
            documents: 0,
            actors: BTreeMap::new(),
            dyads: BTreeMap::new(),
            sources: BTreeMap::new(),
        }
    }

    /// Adds one article's actors and dyads.
    pub fn add(&mut self, p: &ArticleProfile) {
        self.documents += 1;
        for (id, a) in &p.actors {
            match self.actors.get_mut(id) {
                Some(existing) => existing.merge(a),
                None => {
                    self.actors.insert(id.clone(), a.clone());
                }
            }
        }
        for (k, d) in &p.dyads {
            self.dyads.entry(k.clone()).or_default().merge(d);
        }
        for q in &p.quotes {
            let Some(speaker) = q.speaker.as_ref().filter(|s| s.actor.is_none()) else {
                continue;
            };
            let t = self.sources.entry(speaker.text.clone()).or_default();
            t.quotes += 1;
            add_frames(&mut t.frames, &q.frames);
        }
    }
}

fn top_frames(frames: &BTreeMap<String, f64>, n: usize) -> String {
    let mut v: Vec<_> = frames.iter().filter(|(_, x)| **x > 0.0).collect();
    v.sort_by(|a, b| b.1.total_cmp(a.1).then(a.0.cmp(b.0)));
    let parts: Vec<String> = v
        .iter()
        .take(n)
        .map(|(f, x)| format!("{f} {}", num(**x)))
        .collect();
    if parts.is_empty() {
        "-".into()
    } else {
        parts.join(" · ")
    }
}

fn top_stance(tallies: &BTreeMap<String, StanceTally>, n: usize) -> String {
    let mut v: Vec<_> = tallies.iter().collect();
    v.sort_by(|a, b| b.1.net.abs().total_cmp(&a.1.net.abs()).then(a.0.cmp(b.0)));
    let parts: Vec<String> = v
        .iter()
        .take(n)
        .map(|(id, t)| format!("{id} {:+.2} ({})", t.net, t.edges))
        .collect();
    if parts.is_empty() {
        "-".into()
    } else {
        parts.join(" · ")
    }
}

/// The view as a table: actors by mentions, then dyads by sentences.
pub fn table(v: &ActorsView) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "actors over {} · rules {}",
        count(v.documents as u64, "document"),
        v.rules.stamp()
    );
    let mut actors: Vec<_> = v.actors.iter().collect();
    actors.sort_by(|a, b| b.1.mentions.cmp(&a.1.mentions).then(a.0.cmp(b.0)));
    let _ = writeln!(
        out,
        "\n{:<6} {:>8} {:>6}  frames around it / stance given / stance received",
        "actor", "mentions", "sent."
    );
    for (id, a) in actors {
        let _ = writeln!(
            out,
            "{id:<6} {:>8} {:>6}  {} ({})",
            a.mentions,
            a.sentences,
            top_frames(&a.frames, 3),
            a.name
        );
        if !a.stance_given.is_empty() {
            let _ = writeln!(out, "{:<23}gives    {}", "", top_stance(&a.stance_given, 4));
        }
        if !a.stance_received.is_empty() {
            let _ = writeln!(
                out,
                "{:<23}receives {}",
                "",
                top_stance(&a.stance_received, 4)
            );
        }
        if a.quotes > 0 {
            let _ = writeln!(
                out,
                "{:<23}quoted   {}× · {}",
                "",
                a.quotes,
                top_frames(&a.quoted_frames, 3)
            );
        }
    }
    if !v.sources.is_empty() {
        let mut sources: Vec<_> = v.sources.iter().collect();
        sources.sort_by(|a, b| b.1.quotes.cmp(&a.1.quotes).then(a.0.cmp(b.0)));
        let _ = writeln!(
            out,
            "\n{:>6}  quoted sources that are not actors / frames in their words",
            "quotes"
        );
        for (name, t) in sources {
            let _ = writeln!(
                out,
                "{:>6}  {name} · {}",
                t.quotes,
                top_frames(&t.frames, 3)
            );
        }
    }
    let mut dyads: Vec<_> = v.dyads.iter().collect();
    dyads.sort_by(|a, b| b.1.sentences.cmp(&a.1.sentences).then(a.0.cmp(b.0)));
    let _ = writeln!(
        out,
        "\n{:<10} {:>6}  shared frames / stance",
        "dyad", "sent."
    );
    for (k, d) in dyads {
        let pair = k.replace('|', "–");
        let _ = writeln!(
            out,
            "{pair:<10} {:>6}  {}",
            d.sentences,
            top_frames(&d.frames, 3)
        );
        if !d.stance.is_empty() {
            let stance: Vec<String> = d
                .stance
                .iter()
                .map(|(dir, t)| format!("{dir} {} {:+.2} ({})", t.polarity(), t.net, t.edges))
                .collect();
            let _ = writeln!(out, "{:<18}{}", "", stance.join(" · "));
        }
    }
    out
}

fn dot_id(id: &str) -> String {
    format!("\"{}\"", dot_escape(id))
}

/// `text` escaped for a quoted DOT string: backslashes and quotes.
fn dot_escape(text: &str) -> String {
    text.replace('\\', "\\\\").replace('"', "\\\"")
}

/// A quoted DOT label of several lines: each line escaped, joined by DOT's
/// `\n` line break (escaping the joined text would turn the break into a
/// literal backslash and `n`).
fn dot_label(lines: &[&str]) -> String {
    let escaped: Vec<String> = lines.iter().map(|l| dot_escape(l)).collect();
    format!("\"{}\"", escaped.join("\\n"))
}

/// The view as a Graphviz digraph: actors as nodes (sized by mentions),
/// stance as directed edges coloured by net polarity, co-mention without
/// stance as grey undirected edges; every edge labelled with the pair's
/// dominant shared frame. Pairs seen in fewer than `min_sentences`
/// sentences and without stance are left out.
pub fn dot(v: &ActorsView, min_sentences: usize) -> String {
    let mut out = String::from("digraph framescope {\n  rankdir=LR;\n  node [shape=ellipse, fontname=\"Helvetica\"];\n  edge [fontname=\"Helvetica\", fontsize=10];\n");
    let max = v
        .actors
        .values()
        .map(|a| a.mentions)
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    for (id, a) in &v.actors {
        let size = 10.0 + 14.0 * (a.mentions as f64 / max);
        let _ = writeln!(
            out,
            "  {} [label={}, fontsize={size:.0}];",
            dot_id(id),
            dot_label(&[id, &a.name, &count(a.mentions as u64, "mention")])
        );
    }
    for (k, d) in &v.dyads {
        let label = d.dominant_frame().unwrap_or("");
        if d.stance.is_empty() {
            if d.sentences >= min_sentences {
                let (a, b) = k.split_once('|').unwrap_or((k, k));
                let _ = writeln!(
                    out,
                    "  {} -> {} [dir=none, color=\"gray60\", label={}, penwidth={:.1}];",
                    dot_id(a),
                    dot_id(b),
                    dot_id(label),
                    1.0 + (d.sentences as f64).ln()
                );
            }
            continue;
        }
        for (dir, t) in &d.stance {
            let (a, b) = dir.split_once("->").unwrap_or((dir, dir));
            let color = match t.polarity() {
                "positive" => "forestgreen",
                "negative" => "firebrick",
                _ => "goldenrod",
            };
            let _ = writeln!(
                out,
                "  {} -> {} [color=\"{color}\", fontcolor=\"{color}\", label={}, penwidth={:.1}];",
                dot_id(a),
                dot_id(b),
                dot_id(&format!("{label} {:+.1}", t.net)),
                1.0 + t.net.abs()
            );
        }
    }
    out.push_str("}\n");
    out
}
