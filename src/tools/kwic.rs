//! Keyword in context (`framescope kwic`): every match of a pattern, a rule
//! or an actor in a corpus, each with its article, metadata, sentence and
//! the rules, actors and frames behind it; counts per group of a metadata
//! key; and the articles that contribute most, which shows at a glance when
//! a term's weight in a corpus comes from a handful of articles.
//!
//! Matching goes through the one analysis ([`analyze`]): a rule's matches
//! are its contributions (or, for an actor alias, its mentions), an actor's
//! its mentions, and a pattern that is not a rule is compiled into a copy
//! of the pack as a [probe](crate::pack::probe), so it is matched exactly
//! as a rule would be: same normalisation, word boundaries, possessives and
//! wildcard suffix.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

use crate::corpus::keys::KeyCensus;
use crate::engine::analysis::analyze;
use crate::error::Error;
use crate::pack::load::PackSource;
use crate::pack::probe::{with_probes, Probe, Probed};
use crate::pack::ruleset::{RuleId, RuleSet, Target};
use crate::profile::summary::{group_of, NONE};
use crate::render::count;
use crate::text::document::Document;
use crate::text::span::Span;

/// What the query names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QueryKind {
    /// A rule id if one has it, else an actor id if one has it, else a pattern.
    Auto,
    /// A phrase matched as a frame term would be (`threat*` allowed).
    Pattern,
    /// A rule id as `explain` shows it: `<frame>:<pattern>` or `<actor>:<alias>`.
    Rule,
    /// An actor id: a rolled-up actor (`PRK`) or a registry entry (`kim-jong-un`).
    Actor,
}

/// The resolved query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Query {
    /// A pattern, matched through a probe.
    Pattern(String),
    /// A frame term's rule id.
    FrameRule(String),
    /// An actor alias's rule index and id.
    AliasRule(RuleId, String),
    /// An actor id.
    Actor(String),
}

impl Query {
    /// `pattern`, `rule` or `actor`.
    pub fn kind(&self) -> &'static str {
        match self {
            Query::Pattern(_) => "pattern",
            Query::FrameRule(_) | Query::AliasRule(..) => "rule",
            Query::Actor(_) => "actor",
        }
    }

    /// What was asked for.
    pub fn text(&self) -> &str {
        match self {
            Query::Pattern(s) | Query::FrameRule(s) | Query::AliasRule(_, s) | Query::Actor(s) => s,
        }
    }
}

/// One match in context.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Line {
    /// Article id.
    pub id: String,
    /// Its title, when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Its metadata (outlet, date, …).
    pub meta: BTreeMap<String, String>,
    /// 0-based sentence index in the article.
    pub sentence: usize,
    /// Byte span of the match in the article text.
    pub span: Span,
    /// The sentence before the match.
    pub left: String,
    /// The match as written.
    #[serde(rename = "match")]
    pub matched: String,
    /// The sentence after the match.
    pub right: String,
    /// The rules that match here (`<frame>:<pattern>`, `<actor>:<alias>`).
    pub rules: Vec<String>,
    /// The rolled-up actors matched here (for an actor query, the actor).
    pub actors: Vec<String>,
    /// The frames of those rules (for an actor query: the frames present
    /// in the sentence).
    pub frames: Vec<String>,
}

/// One match in a sentence: its span, and the rules, actors and frames there.
type Found = (Span, Vec<String>, Vec<String>, Vec<String>);

/// Finds a query's matches in documents.
pub struct Kwic<'a> {
    query: Query,
    base: &'a RuleSet,
    probed: Option<Probed>,
}

impl<'a> Kwic<'a> {
    /// Resolves `arg` as `kind` against `rules` (compiled from `source`).
    ///
    /// # Errors
    ///
    /// [`Error::Document`] naming the query when it names no rule or actor
    /// it must name, or is not a valid pattern.
    pub fn new(
        source: &PackSource,
        rules: &'a RuleSet,
        arg: &str,
        kind: QueryKind,
    ) -> Result<Kwic<'a>, Error> {
        let fail = |message: String| Error::Document {
            path: format!("kwic `{arg}`"),
            message,
        };
        let rule = (0..rules.rules.len()).map(RuleId::new).find(|&id| {
            matches!(
                rules.rule(id).target,
                Target::Frame { .. } | Target::Actor { .. }
            ) && rules.rule_label(id) == arg
        });
        let actor = rules.actors.iter().any(|a| a.id == arg);
        let as_rule = |id: RuleId| match rules.rule(id).target {
            Target::Actor { .. } => Query::AliasRule(id, arg.to_string()),
            _ => Query::FrameRule(arg.to_string()),
        };
        let query = match kind {
            QueryKind::Auto => match (rule, actor) {
                (Some(i), _) => as_rule(i),
                (None, true) => Query::Actor(arg.to_string()),
                (None, false) => Query::Pattern(arg.to_string()),
            },
            QueryKind::Rule => as_rule(rule.ok_or_else(|| {
                fail("no such rule: rule ids are `<frame>:<pattern>` or `<actor>:<alias>`, as `explain` and `rules coverage` show them".into())
            })?),
            QueryKind::Actor if actor => Query::Actor(arg.to_string()),
            QueryKind::Actor => {
                return Err(fail(
                    "no such actor: give an actor id from actors.toml (`PRK`, `kim-jong-un`)"
                        .into(),
                ))
            }
            QueryKind::Pattern => Query::Pattern(arg.to_string()),
        };
        let probed = match &query {
            Query::Pattern(p) => {
                if p.trim().is_empty() {
                    return Err(fail("the pattern is empty".into()));
                }
                let mut probed = with_probes(
                    source,
                    &[Probe {
                        pattern: p.clone(),
                        weight: 1.0,
                        exclude: Vec::new(),
                    }],
                )?;
                probed.rules.resolve_references = rules.resolve_references;
                Some(probed)
            }
            _ => None,
        };
        Ok(Kwic {
            query,
            base: rules,
            probed,
        })
    }

    /// The resolved query.
    pub fn query(&self) -> &Query {
        &self.query
    }

    /// The rule set documents are analysed with.
    fn rules(&self) -> &RuleSet {
        self.probed.as_ref().map_or(self.base, |p| &p.rules)
    }

    /// Every match of the query in `doc`, in text order.
    pub fn lines(&self, doc: &Document) -> Vec<Line> {
        let rules = self.rules();
        let analysis = analyze(rules, doc);
        let is_probe = |f: &str| self.probed.as_ref().is_some_and(|p| p.is_probe(f));
        // The alias (or reference) rule behind a mention, as its rule id.
        let mention_rule = |m: &crate::engine::model::Mention| {
            analysis
                .hits
                .iter()
                .find(|h| {
                    h.span == m.span
                        && matches!(
                            rules.rule(h.rule).target,
                            Target::Actor { .. } | Target::Reference { .. }
                        )
                })
                .map_or_else(
                    || {
                        format!(
                            "{}:{}",
                            rules.actor_name(m.entity),
                            m.span.of(&analysis.text)
                        )
                    },
                    |h| rules.rule_label(h.rule).to_string(),
                )
        };
        let mut out = Vec::new();
        for s in &analysis.sentences {
            let mut found: Vec<Found> = Vec::new();
            match &self.query {
                Query::Pattern(_) => {
                    for c in s
                        .contributions
                        .iter()
                        .filter(|c| is_probe(rules.frame_name(c.frame)))
                    {
                        let mut rules_here: Vec<String> = Vec::new();
                        let mut frames: Vec<String> = Vec::new();
                        for o in s
                            .contributions
                            .iter()
                            .filter(|o| !is_probe(rules.frame_name(o.frame)))
                        {
                            if c.span.overlaps(o.span) {
                                rules_here.push(rules.rule_label(o.rule).to_string());
                                frames.push(rules.frame_name(o.frame).to_string());
                            }
                        }
                        let mut actors = Vec::new();
                        for m in s.mentions.iter().filter(|m| c.span.overlaps(m.span)) {
                            rules_here.push(mention_rule(m));
                            actors.push(rules.actor_name(m.actor).to_string());
                        }
                        found.push((c.span, rules_here, actors, frames));
                    }
                }
                Query::FrameRule(id) => {
                    for c in s
                        .contributions
                        .iter()
                        .filter(|c| rules.rule_label(c.rule) == id)
                    {
                        found.push((
                            c.span,
                            vec![id.clone()],
                            Vec::new(),
                            vec![rules.frame_name(c.frame).to_string()],
                        ));
                    }
                }
                Query::AliasRule(rule, id) => {
                    for h in analysis.hits.iter().filter(|h| h.rule == *rule) {
                        if s.span.contains(h.span) {
                            let actors = s
                                .mentions
                                .iter()
                                .filter(|m| m.span == h.span)
                                .map(|m| rules.actor_name(m.actor).to_string())
                                .collect();
                            found.push((
                                h.span,
                                vec![id.clone()],
                                actors,
                                s.frames.names(rules).map(String::from).collect(),
                            ));
                        }
                    }
                }
                Query::Actor(id) => {
                    for m in s.mentions.iter().filter(|m| {
                        rules.actor_name(m.actor) == id || rules.actor_name(m.entity) == id
                    }) {
                        found.push((
                            m.span,
                            vec![mention_rule(m)],
                            vec![rules.actor_name(m.actor).to_string()],
                            s.frames.names(rules).map(String::from).collect(),
                        ));
                    }
                }
            }
            for (span, mut rules_here, mut actors, mut frames) in found {
                for v in [&mut rules_here, &mut actors, &mut frames] {
                    v.sort();
                    v.dedup();
                }
                let text = &doc.text;
                out.push(Line {
                    id: doc.id.clone(),
                    title: doc.title.clone(),
                    meta: doc.meta.clone(),
                    sentence: s.index,
                    span,
                    left: text[s.span.start..span.start].to_string(),
                    matched: span.of(text).to_string(),
                    right: text[span.end..s.span.end].to_string(),
                    rules: rules_here,
                    actors,
                    frames,
                });
            }
        }
        out
    }
}

/// Whitespace runs (line breaks included) as one space.
fn one_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_whitespace() {
            if !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// The last `n` characters of `s` (on one line), with `…` when cut.
fn tail(s: &str, n: usize) -> String {
    let s = one_line(s);
    let count = s.chars().count();
    if count <= n {
        return s;
    }
    let cut: String = s.chars().skip(count - n + 1).collect();
    format!("…{cut}")
}

/// The first `n` characters of `s` (on one line), with `…` when cut.
fn head(s: &str, n: usize) -> String {
    let s = one_line(s);
    if s.chars().count() <= n {
        return s;
    }
    let cut: String = s.chars().take(n - 1).collect();
    format!("{cut}…")
}

fn fit(s: &str, n: usize) -> String {
    head(s, n)
}

/// Context shown on each side of a match in the table.
pub(crate) const CONTEXT_CHARS: usize = 50;

impl Line {
    /// The article's outlet and date, as the table shows them.
    fn outlet_date(&self) -> (String, String) {
        (
            self.meta.get("outlet").cloned().unwrap_or_default(),
            self.meta
                .get("date")
                .map(|d| d.chars().take(10).collect())
                .unwrap_or_default(),
        )
    }

    /// One table row: id, outlet, date, the match in context (`[match]`,
    /// or bold on a terminal), then the rules or actor and the frames.
    pub fn table_row(&self, color: bool) -> String {
        let (outlet, date) = self.outlet_date();
        let matched = one_line(&self.matched);
        let mark = if color {
            format!("\x1b[1;31m{matched}\x1b[0m")
        } else {
            format!("[{matched}]")
        };
        let who = if self.rules.is_empty() {
            "-".to_string()
        } else {
            self.rules.join(" ")
        };
        let frames = if self.frames.is_empty() {
            "-".to_string()
        } else {
            self.frames.join(",")
        };
        format!(
            "{:<24} {:<14} {:<10} {:>w$}{mark}{:<w$}  {who}  {frames}\n",
            fit(&self.id, 24),
            fit(&outlet, 14),
            date,
            tail(&self.left, CONTEXT_CHARS),
            head(&self.right, CONTEXT_CHARS),
            w = CONTEXT_CHARS
        )
    }

    /// The CSV header of [`Line::csv_record`].
    pub const CSV_HEADER: [&'static str; 13] = [
        "id", "title", "outlet", "date", "sentence", "start", "end", "left", "match", "right",
        "rules", "actors", "frames",
    ];

    /// One CSV record (lists joined by spaces).
    pub fn csv_record(&self) -> Vec<String> {
        vec![
            self.id.clone(),
            self.title.clone().unwrap_or_default(),
            self.meta.get("outlet").cloned().unwrap_or_default(),
            self.meta.get("date").cloned().unwrap_or_default(),
            self.sentence.to_string(),
            self.span.start.to_string(),
            self.span.end.to_string(),
            one_line(&self.left),
            one_line(&self.matched),
            one_line(&self.right),
            self.rules.join(" "),
            self.actors.join(" "),
            self.frames.join(" "),
        ]
    }
}

/// Matches counted per group of a metadata key.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub(crate) struct GroupCount {
    /// The group's value of the key.
    pub group: String,
    /// Matches.
    pub matches: usize,
    /// Articles with at least one match.
    pub articles: usize,
    /// Articles read in the group, matched or not.
    pub documents: usize,
}

/// One article's share of the matches.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub(crate) struct ArticleCount {
    /// Article id.
    pub id: String,
    /// Its title.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Its outlet, when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    /// Its date, when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Matches in it.
    pub matches: usize,
    /// Its share of all matches.
    pub share: f64,
    /// The share of this article and every one ranked above it.
    pub cumulative: f64,
}

/// Counts per group (`--by`) and per article (`--top-articles`).
#[derive(Clone, Debug, Default)]
pub(crate) struct Tally {
    by: Option<String>,
    /// Which documents have the `by` key (a misspelt key is an error).
    census: Option<KeyCensus>,
    groups: BTreeMap<String, GroupCount>,
    articles: Vec<ArticleCount>,
    /// Matches seen.
    pub matches: usize,
    /// Documents seen.
    pub documents: usize,
}

impl Tally {
    /// A tally grouping by metadata key `by` (`month`/`year` bucket the date).
    pub(crate) fn new(by: Option<&str>) -> Tally {
        Tally {
            by: by.map(str::to_string),
            census: by.map(|by| KeyCensus::new(&[by]).with_date_buckets()),
            ..Tally::default()
        }
    }

    /// Counts one document's `lines`.
    pub(crate) fn add(&mut self, doc: &Document, lines: &[Line]) {
        self.documents += 1;
        self.matches += lines.len();
        if let Some(by) = &self.by {
            let date = crate::engine::analysis::article_date(doc);
            let name = group_of(&doc.meta, date.as_ref(), by);
            if let Some(census) = &mut self.census {
                census.add(&doc.meta, |_| name != NONE);
            }
            let g = self.groups.entry(name.clone()).or_default();
            g.group = name;
            g.documents += 1;
            g.matches += lines.len();
            g.articles += usize::from(!lines.is_empty());
        }
        if !lines.is_empty() {
            self.articles.push(ArticleCount {
                id: doc.id.clone(),
                title: doc.title.clone(),
                outlet: doc.meta.get("outlet").cloned(),
                date: doc.meta.get("date").cloned(),
                matches: lines.len(),
                share: 0.0,
                cumulative: 0.0,
            });
        }
    }

    /// Which documents have the `by` key (`None` without one): check it
    /// before showing groups, so a misspelt key is an error, as in
    /// `compare`, rather than one `(none)` group.
    pub(crate) fn keys(&self) -> Option<&KeyCensus> {
        self.census.as_ref()
    }

    /// Groups by matches (most first, ties by name).
    pub(crate) fn groups(&self) -> Vec<GroupCount> {
        let mut out: Vec<GroupCount> = self.groups.values().cloned().collect();
        out.sort_by(|a, b| b.matches.cmp(&a.matches).then(a.group.cmp(&b.group)));
        out
    }

    /// The `n` articles with most matches (ties in input order), with
    /// their shares of all matches.
    pub(crate) fn top_articles(&self, n: usize) -> Vec<ArticleCount> {
        let mut out = self.articles.clone();
        out.sort_by_key(|a| std::cmp::Reverse(a.matches));
        out.truncate(n);
        let total = self.matches.max(1) as f64;
        let mut running = 0;
        for a in &mut out {
            running += a.matches;
            a.share = crate::engine::model::round4(a.matches as f64 / total);
            a.cumulative = crate::engine::model::round4(running as f64 / total);
        }
        out
    }

    /// The `--by` table.
    pub(crate) fn groups_table(&self, query: &Query) -> String {
        let mut out = String::new();
        let by = self.by.as_deref().unwrap_or("");
        let _ = writeln!(
            out,
            "{} `{}`: {} in {}, by {by}",
            query.kind(),
            query.text(),
            count(self.matches as u64, "match"),
            count(self.documents as u64, "document")
        );
        let _ = writeln!(
            out,
            "{:<30} {:>8} {:>9} {:>10}",
            fit(by, 30),
            "matches",
            "articles",
            "documents"
        );
        let groups = self.groups();
        let unmatched = groups.iter().filter(|g| g.matches == 0).count();
        for g in groups.iter().filter(|g| g.matches > 0) {
            let _ = writeln!(
                out,
                "{:<30} {:>8} {:>9} {:>10}",
                fit(&g.group, 30),
                g.matches,
                g.articles,
                g.documents
            );
        }
        if unmatched > 0 {
            let _ = writeln!(
                out,
                "({unmatched} group(s) without a match not shown; the JSON Lines and CSV output list them)"
            );
        }
        out
    }

    /// The `--top-articles` table.
    pub(crate) fn articles_table(&self, query: &Query, n: usize) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{} `{}`: {} in {} of {}; the articles with most",
            query.kind(),
            query.text(),
            count(self.matches as u64, "match"),
            self.articles.len(),
            count(self.documents as u64, "document")
        );
        let _ = writeln!(
            out,
            "{:>4} {:>7} {:>6} {:>6}  {:<24} {:<14} {:<10} title",
            "rank", "matches", "share", "cum.", "id", "outlet", "date"
        );
        for (i, a) in self.top_articles(n).iter().enumerate() {
            let _ = writeln!(
                out,
                "{:>4} {:>7} {:>5.1}% {:>5.1}%  {:<24} {:<14} {:<10} {}",
                i + 1,
                a.matches,
                a.share * 100.0,
                a.cumulative * 100.0,
                fit(&a.id, 24),
                fit(a.outlet.as_deref().unwrap_or(""), 14),
                a.date
                    .as_deref()
                    .map(|d| d.chars().take(10).collect::<String>())
                    .unwrap_or_default(),
                a.title.as_deref().map(|t| fit(t, 70)).unwrap_or_default()
            );
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_is_cut_on_the_far_side() {
        assert_eq!(tail("a b  c", 10), "a b c");
        assert_eq!(tail("the  ", 10), "the ");
        assert_eq!(tail("abcdefghij", 5), "…ghij");
        assert_eq!(head("abcdefghij", 5), "abcd…");
        assert_eq!(head("line\nbreak", 20), "line break");
    }
}
