//! The `classify` table: per article, its size, coverage, dominant frames,
//! top frames and top actors at a glance.

use std::fmt::Write as _;

use super::num;
use crate::pack::ruleset::PackInfo;
use crate::profile::article::ArticleProfile;

/// How many frames and actors a table row shows.
const TOP_FRAMES: usize = 4;
const TOP_ACTORS: usize = 5;

/// The table's first line: the rule pack.
pub(crate) fn table_header(rules: &PackInfo) -> String {
    format!("rules {}\n", rules.stamp())
}

/// One article's block of the table.
pub(crate) fn table_entry(p: &ArticleProfile) -> String {
    let mut out = String::new();
    {
        out.push('\n');
        let _ = match &p.title {
            Some(t) => writeln!(out, "{}  {t}", p.id),
            None => writeln!(out, "{}", p.id),
        };
        let dominant = if p.dominant.is_empty() {
            "none".to_string()
        } else {
            p.dominant.join(", ")
        };
        let _ = writeln!(
            out,
            "  {} · {} · {:.0}% framed · dominant: {dominant}",
            super::count(p.words as u64, "word"),
            super::count(p.sentence_count as u64, "sentence"),
            p.coverage * 100.0
        );
        let mut frames: Vec<_> = p.frames.iter().filter(|(_, s)| s.score > 0.0).collect();
        frames.sort_by(|a, b| b.1.score.total_cmp(&a.1.score).then(a.0.cmp(b.0)));
        let frames: Vec<String> = frames
            .iter()
            .take(TOP_FRAMES)
            .map(|(id, s)| format!("{id} {} ({} sent.)", num(s.score), s.sentences))
            .collect();
        let _ = writeln!(out, "  frames  {}", list_or_none(&frames));
        let mut actors: Vec<_> = p.actors.iter().collect();
        actors.sort_by(|a, b| b.1.mentions.cmp(&a.1.mentions).then(a.0.cmp(b.0)));
        let actors: Vec<String> = actors
            .iter()
            .take(TOP_ACTORS)
            .map(|(id, a)| format!("{id} {}", a.mentions))
            .collect();
        let _ = writeln!(out, "  actors  {}", list_or_none(&actors));
    }
    out
}

/// `items` joined with " · ", or "none".
fn list_or_none(items: &[String]) -> String {
    if items.is_empty() {
        "none".to_string()
    } else {
        items.join(" · ")
    }
}
