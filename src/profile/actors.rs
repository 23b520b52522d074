//! The corpus view of actors (`framescope actors`): actor profiles and dyads
//! merged over many articles, rendered as a table, JSON or a Graphviz graph.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

use crate::engine::dyads::{Dyad, StanceTally};
use crate::engine::model::{add_frames, round4};
use crate::pack::ruleset::PackInfo;
use crate::profile::article::{ActorProfile, ArticleProfile};
use crate::render::{count, num};

/// Actors and dyads summed over articles.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub(crate) struct ActorsView {
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
pub(crate) struct SourceTally {
    /// Quotations attributed to it.
    pub quotes: usize,
    /// Frame scores of its quoted words.
    pub frames: BTreeMap<String, f64>,
}

impl ActorsView {
    /// An empty view for pack `rules`.
    pub(crate) fn new(rules: PackInfo) -> ActorsView {
        ActorsView {
            rules,
            documents: 0,
            actors: BTreeMap::new(),
            dyads: BTreeMap::new(),
            sources: BTreeMap::new(),
        }
    }

    /// Adds one article's actors and dyads.
    pub(crate) fn add(&mut self, p: &ArticleProfile) {
        let sources = p.quotes.iter().filter_map(|q| {
            let speaker = q.speaker.as_ref().filter(|s| s.actor.is_none())?;
            Some((speaker.text.as_str(), q.frames.named(p.pack)))
        });
        self.add_parts(&p.actors, &p.dyads, sources);
    }

    /// Adds one article's actors, dyads and quoted non-actor sources
    /// (speaker name and the frames of the quote), as read back from a
    /// profile's JSON.
    pub(crate) fn add_parts<'a>(
        &mut self,
        actors: &BTreeMap<String, ActorProfile>,
        dyads: &BTreeMap<String, Dyad>,
        sources: impl IntoIterator<Item = (&'a str, BTreeMap<String, f64>)>,
    ) {
        self.documents += 1;
        for (id, a) in actors {
            match self.actors.get_mut(id) {
                Some(existing) => existing.merge(a),
                None => {
                    self.actors.insert(id.clone(), a.clone());
                }
            }
        }
        for (k, d) in dyads {
            self.dyads.entry(k.clone()).or_default().merge(d);
        }
        for (speaker, frames) in sources {
            let t = self.sources.entry(speaker.to_string()).or_default();
            t.quotes += 1;
            add_frames(&mut t.frames, &frames);
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
pub(crate) fn table(v: &ActorsView) -> String {
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

/// `text` escaped for a Graphviz quoted string: backslashes and quotes.
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

/// An actor in the [`network`].
#[derive(Clone, Debug, PartialEq, Serialize)]
pub(crate) struct NetworkNode {
    /// Rolled-up actor id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Mentions over the articles.
    pub mentions: usize,
}

/// A line between two actors in the [`network`].
#[derive(Clone, Debug, PartialEq, Serialize)]
pub(crate) struct NetworkEdge {
    /// One end: the stance's source, or the first of a co-mentioned pair.
    pub source: String,
    /// The other end: the stance's target, or the second of the pair.
    pub target: String,
    /// `positive`, `negative` or `mixed` for stance; `co-mention` for a
    /// pair without stance (drawn undirected).
    pub polarity: &'static str,
    /// Net stance (positive − negative); 0 for a co-mention.
    pub net: f64,
    /// Stance edges summed, or sentences mentioning both for a co-mention.
    pub count: usize,
    /// Sentences mentioning both.
    pub sentences: usize,
    /// The pair's dominant shared frame, if any.
    pub frame: Option<String>,
    /// Suggested line width: 1 + |net| for stance, 1 + ln(sentences) for a
    /// co-mention.
    pub width: f64,
}

impl NetworkEdge {
    /// The edge's label: the dominant frame, and the net stance when it is
    /// a stance edge (`alliance +1.5`).
    pub(crate) fn label(&self) -> String {
        let frame = self.frame.as_deref().unwrap_or("");
        if self.polarity == "co-mention" {
            frame.to_string()
        } else {
            format!("{frame} {:+.1}", self.net)
        }
    }
}

/// The stance network of a view: what `actors --format dot` draws and the
/// HTML report shows.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub(crate) struct Network {
    /// Every actor, by id.
    pub nodes: Vec<NetworkNode>,
    /// Stance edges (one per direction) and co-mentions, by pair.
    pub edges: Vec<NetworkEdge>,
}

/// The network of `v`: every actor; stance as directed edges by net
/// polarity; co-mention without stance as undirected edges, left out for
/// pairs seen in fewer than `min_sentences` sentences. Every edge carries
/// the pair's dominant shared frame.
pub(crate) fn network(v: &ActorsView, min_sentences: usize) -> Network {
    let nodes = v
        .actors
        .iter()
        .map(|(id, a)| NetworkNode {
            id: id.clone(),
            name: a.name.clone(),
            mentions: a.mentions,
        })
        .collect();
    let mut edges = Vec::new();
    for (k, d) in &v.dyads {
        let frame = d.dominant_frame().map(String::from);
        if d.stance.is_empty() {
            if d.sentences >= min_sentences {
                let (a, b) = k.split_once('|').unwrap_or((k, k));
                edges.push(NetworkEdge {
                    source: a.to_string(),
                    target: b.to_string(),
                    polarity: "co-mention",
                    net: 0.0,
                    count: d.sentences,
                    sentences: d.sentences,
                    frame,
                    width: round4(1.0 + (d.sentences as f64).ln()),
                });
            }
            continue;
        }
        for (dir, t) in &d.stance {
            let (a, b) = dir.split_once("->").unwrap_or((dir, dir));
            edges.push(NetworkEdge {
                source: a.to_string(),
                target: b.to_string(),
                polarity: t.polarity(),
                net: t.net,
                count: t.edges,
                sentences: d.sentences,
                frame: frame.clone(),
                width: round4(1.0 + t.net.abs()),
            });
        }
    }
    Network { nodes, edges }
}

/// The view as a Graphviz digraph: the [`network`], actors as nodes (sized
/// by mentions, labelled id, name and mentions on three lines), stance as
/// directed edges coloured by net polarity, co-mention without stance as
/// grey undirected edges; every edge labelled with the pair's dominant
/// shared frame. Pairs seen in fewer than `min_sentences` sentences and
/// without stance are left out.
pub(crate) fn dot(v: &ActorsView, min_sentences: usize) -> String {
    let net = network(v, min_sentences);
    let mut out = String::from("digraph framescope {\n  rankdir=LR;\n  node [shape=ellipse, fontname=\"Helvetica\"];\n  edge [fontname=\"Helvetica\", fontsize=10];\n");
    let max = net
        .nodes
        .iter()
        .map(|n| n.mentions)
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    for n in &net.nodes {
        let size = 10.0 + 14.0 * (n.mentions as f64 / max);
        let _ = writeln!(
            out,
            "  {} [label={}, fontsize={size:.0}];",
            dot_id(&n.id),
            dot_label(&[&n.id, &n.name, &count(n.mentions as u64, "mention")])
        );
    }
    for e in &net.edges {
        if e.polarity == "co-mention" {
            let _ = writeln!(
                out,
                "  {} -> {} [dir=none, color=\"gray60\", label={}, penwidth={:.1}];",
                dot_id(&e.source),
                dot_id(&e.target),
                dot_id(&e.label()),
                e.width
            );
            continue;
        }
        let color = match e.polarity {
            "positive" => "forestgreen",
            "negative" => "firebrick",
            _ => "goldenrod",
        };
        let _ = writeln!(
            out,
            "  {} -> {} [color=\"{color}\", fontcolor=\"{color}\", label={}, penwidth={:.1}];",
            dot_id(&e.source),
            dot_id(&e.target),
            dot_id(&e.label()),
            e.width
        );
    }
    out.push_str("}\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::article::profile;
    use crate::text::document::Document;
    use crate::RuleSet;

    fn view(text: &str) -> ActorsView {
        let rules = RuleSet::embedded().unwrap();
        let mut v = ActorsView::new(rules.info.clone());
        let doc = Document {
            id: "d".into(),
            text: text.into(),
            ..Document::default()
        };
        v.add(&profile(&rules, &doc));
        v
    }

    #[test]
    fn dot_labels_break_lines_once_escaped() {
        let mut v = view("China praised North Korea. China and North Korea held talks.");
        // A name with a quote and a backslash must stay one quoted string.
        v.actors.get_mut("CHN").unwrap().name = "Say \"hi\" \\ bye".into();
        let dot = dot(&v, 1);
        // `\n` (one backslash) is Graphviz's line break; `\\n` would be drawn.
        assert!(
            dot.contains(r#""CHN" [label="CHN\nSay \"hi\" \\ bye\n2 mentions""#),
            "{dot}"
        );
        assert!(!dot.contains(r"\\n"), "{dot}");
        assert!(
            dot.contains(r#""CHN" -> "PRK" [color="forestgreen""#),
            "{dot}"
        );
    }

    #[test]
    fn network_has_stance_and_co_mention_edges_with_their_frame() {
        let v = view(
            "China praised North Korea. China and North Korea held talks on the alliance. \
             Russia and Japan met. Russia and Japan held talks.",
        );
        let net = network(&v, 2);
        let ids: Vec<&str> = net.nodes.iter().map(|n| n.id.as_str()).collect();
        assert_eq!(ids, ["CHN", "JPN", "PRK", "RUS"]);
        let stance = net.edges.iter().find(|e| e.source == "CHN").unwrap();
        assert_eq!(
            (stance.target.as_str(), stance.polarity),
            ("PRK", "positive")
        );
        let co = net.edges.iter().find(|e| e.source == "JPN").unwrap();
        assert_eq!(
            (co.target.as_str(), co.polarity, co.sentences),
            ("RUS", "co-mention", 2)
        );
        assert_eq!(co.frame.as_deref(), Some("diplomacy"));
        // A pair seen once without stance is left out under min 2.
        assert_eq!(network(&v, 3).edges.len(), 1);
    }
}
