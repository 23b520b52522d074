//! Aggregating scored sentences into an article profile: per-frame scores,
//! density and share, dominant frames, coverage, and per-actor profiles, all
//! stamped with the schema and the rule pack that produced them.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::engine::analysis::{analyze, analyze_owned, article_date, Analysis};
use crate::engine::dyads::{dyads, Dyad, StanceTally};
use crate::engine::model::{
    add_frames, add_named_frames, add_score, round4, Named, SentenceResult,
};
use crate::engine::quotes::Quote;
use crate::pack::ruleset::{ActorKind, PackInfo, RuleSet};
use crate::text::date::ArticleDate;
use crate::text::document::Document;

/// Version of the output schema; bumped when output fields change meaning.
pub(crate) const SCHEMA_VERSION: u32 = 1;

/// A frame's totals over an article.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FrameStat {
    /// Sum of the frame's sentence scores.
    pub score: f64,
    /// Score per 1,000 words.
    pub density: f64,
    /// Sentences in which the frame is present.
    pub sentences: usize,
    /// Share of the article's sentences in which it is present.
    pub share: f64,
}

/// How an article frames one (rolled-up) actor (read back from a
/// profile's JSON by the report).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActorProfile {
    /// Display name.
    pub name: String,
    /// Kind of actor.
    pub kind: ActorKind,
    /// Mentions, counting every alias match (people and bodies included).
    pub mentions: usize,
    /// Sentences that mention it.
    pub sentences: usize,
    /// Summed frame scores of the sentences that mention it.
    pub frames: BTreeMap<String, f64>,
    /// Which registry entries were matched, with counts (e.g. `kim-jong-un: 5`).
    pub via: BTreeMap<String, usize>,
    /// Stance this actor shows toward others, by target.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub stance_given: BTreeMap<String, StanceTally>,
    /// Stance others show toward this actor, by source.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub stance_received: BTreeMap<String, StanceTally>,
    /// Quotations attributed to it.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub quotes: usize,
    /// Frame scores of its own quoted words.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub quoted_frames: BTreeMap<String, f64>,
}

impl ActorProfile {
    /// Adds another profile of the same actor (from another article).
    pub fn merge(&mut self, other: &ActorProfile) {
        self.mentions += other.mentions;
        self.sentences += other.sentences;
        add_frames(&mut self.frames, &other.frames);
        for (k, n) in &other.via {
            *self.via.entry(k.clone()).or_default() += n;
        }
        for (k, t) in &other.stance_given {
            self.stance_given.entry(k.clone()).or_default().merge(t);
        }
        for (k, t) in &other.stance_received {
            self.stance_received.entry(k.clone()).or_default().merge(t);
        }
        self.quotes += other.quotes;
        add_frames(&mut self.quoted_frames, &other.quoted_frames);
    }
}

/// The profile of one article. Its sentences and quotations name rules and
/// actors by index and words by span: it borrows the rule set that names
/// them, and holds the text its spans index, to write them out.
#[derive(Clone, Debug)]
pub struct ArticleProfile<'r> {
    /// The rule set the analysis used.
    pub pack: &'r RuleSet,
    /// The classified text, which the spans index.
    pub text: String,
    /// Output schema version.
    pub schema_version: u32,
    /// The rule pack: name, version, content hash.
    pub rules: PackInfo,
    /// Document id.
    pub id: String,
    /// Title, when known.
    pub title: Option<String>,
    /// Where the document came from.
    pub source: String,
    /// Byte offset of the classified text in the source file (after a
    /// byte-order mark or front matter): spans + this index the file.
    pub text_offset: usize,
    /// The article date the analysis used (dated roles) and corpus
    /// commands group by, at the precision it was written: `2010`,
    /// `2010-05` or `2010-05-01`; `null` when the article has none or it
    /// could not be read.
    pub date: Option<ArticleDate>,
    /// Other metadata (outlet, date as written, …).
    pub meta: BTreeMap<String, String>,
    /// Word count.
    pub words: usize,
    /// Sentence count.
    pub sentence_count: usize,
    /// Share of sentences carrying any frame.
    pub coverage: f64,
    /// Frames scoring at least the pack's dominant ratio of the top score, best first.
    pub dominant: Vec<String>,
    /// Every frame of the pack, present or not, by id.
    pub frames: BTreeMap<String, FrameStat>,
    /// Actors mentioned, by rolled-up id.
    pub actors: BTreeMap<String, ActorProfile>,
    /// Pairs of actors mentioned together, keyed `A|B`.
    pub dyads: BTreeMap<String, Dyad>,
    /// Frame scores in the article's own voice and in quoted words.
    pub voice: Voice,
    /// Quotations, with their speakers and the frames in them.
    pub quotes: Vec<Quote>,
    /// Per-sentence results with their evidence.
    pub sentences: Vec<SentenceResult>,
}

impl PartialEq for ArticleProfile<'_> {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.pack, other.pack)
            && self.text == other.text
            && self.schema_version == other.schema_version
            && self.rules == other.rules
            && self.id == other.id
            && self.title == other.title
            && self.source == other.source
            && self.text_offset == other.text_offset
            && self.date == other.date
            && self.meta == other.meta
            && self.words == other.words
            && self.sentence_count == other.sentence_count
            && self.coverage == other.coverage
            && self.dominant == other.dominant
            && self.frames == other.frames
            && self.actors == other.actors
            && self.dyads == other.dyads
            && self.voice == other.voice
            && self.quotes == other.quotes
            && self.sentences == other.sentences
    }
}

impl Serialize for ArticleProfile<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Wire<'a> {
            schema_version: u32,
            rules: &'a PackInfo,
            id: &'a str,
            #[serde(skip_serializing_if = "Option::is_none")]
            title: &'a Option<String>,
            source: &'a str,
            #[serde(skip_serializing_if = "is_zero")]
            text_offset: usize,
            date: Option<ArticleDate>,
            #[serde(skip_serializing_if = "BTreeMap::is_empty")]
            meta: &'a BTreeMap<String, String>,
            words: usize,
            sentence_count: usize,
            coverage: f64,
            dominant: &'a [String],
            frames: &'a BTreeMap<String, FrameStat>,
            actors: &'a BTreeMap<String, ActorProfile>,
            #[serde(skip_serializing_if = "BTreeMap::is_empty")]
            dyads: &'a BTreeMap<String, Dyad>,
            voice: &'a Voice,
            #[serde(skip_serializing_if = "no_quotes")]
            quotes: Named<'a, [Quote]>,
            sentences: Named<'a, [SentenceResult]>,
        }
        fn no_quotes(q: &Named<'_, [Quote]>) -> bool {
            q.item.is_empty()
        }
        Wire {
            schema_version: self.schema_version,
            rules: &self.rules,
            id: &self.id,
            title: &self.title,
            source: &self.source,
            text_offset: self.text_offset,
            date: self.date,
            meta: &self.meta,
            words: self.words,
            sentence_count: self.sentence_count,
            coverage: self.coverage,
            dominant: &self.dominant,
            frames: &self.frames,
            actors: &self.actors,
            dyads: &self.dyads,
            voice: &self.voice,
            quotes: Named::new(&self.quotes[..], self.pack, &self.text),
            sentences: Named::new(&self.sentences[..], self.pack, &self.text),
        }
        .serialize(serializer)
    }
}

/// Frame scores split by voice: the article's own words and quoted words.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Voice {
    /// Summed scores of frame terms outside quotation marks.
    pub own: BTreeMap<String, f64>,
    /// Summed scores of frame terms inside quotation marks.
    pub quoted: BTreeMap<String, f64>,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// Classifies `doc` and aggregates its profile.
pub fn profile<'r>(rules: &'r RuleSet, doc: &Document) -> ArticleProfile<'r> {
    profile_of(rules, doc, analyze(rules, doc))
}

/// Classifies `doc`, which it consumes: the profile keeps its text without
/// copying it (a corpus run's documents are read once).
pub(crate) fn profile_owned(rules: &RuleSet, mut doc: Document) -> ArticleProfile<'_> {
    let text = std::mem::take(&mut doc.text);
    let analysis = analyze_owned(rules, text, article_date(&doc));
    profile_of(rules, &doc, analysis)
}

/// Aggregates the profile of `doc` from its `analysis` (see
/// [`crate::engine::analysis::analyze`]), for callers that also need the
/// analysis's matches.
pub fn profile_of<'r>(
    rules: &'r RuleSet,
    doc: &Document,
    analysis: Analysis,
) -> ArticleProfile<'r> {
    let sentences = analysis.sentences;
    let words = analysis.words;
    let n = sentences.len();
    let share = |k: usize| {
        if n == 0 {
            0.0
        } else {
            round4(k as f64 / n as f64)
        }
    };

    let mut frames: BTreeMap<String, FrameStat> = BTreeMap::new();
    for (id, f) in rules.frames_by_id() {
        let (mut score, mut count) = (0.0, 0);
        for s in &sentences {
            if let Some(x) = s.frames.get(id) {
                score += x;
                count += 1;
            }
        }
        let density = if words == 0 {
            0.0
        } else {
            score * 1000.0 / words as f64
        };
        frames.insert(
            f.id.clone(),
            FrameStat {
                score: round4(score),
                density: round4(density),
                sentences: count,
                share: share(count),
            },
        );
    }
    let top = frames.values().map(|s| s.score).fold(0.0, f64::max);
    let mut dominant: Vec<(&String, f64)> = frames
        .iter()
        .filter(|(_, s)| s.score > 0.0 && s.score >= rules.scoring.dominant_ratio * top)
        .map(|(id, s)| (id, s.score))
        .collect();
    dominant.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(b.0)));

    let mut actors: BTreeMap<String, ActorProfile> = BTreeMap::new();
    for s in &sentences {
        for m in &s.mentions {
            let a = actor_entry(rules, &mut actors, rules.actor_name(m.actor));
            a.mentions += 1;
            let entity = rules.actor_name(m.entity);
            match a.via.get_mut(entity) {
                Some(n) => *n += 1,
                None => {
                    a.via.insert(entity.to_string(), 1);
                }
            }
        }
        for &id in &s.actors {
            let a = actor_entry(rules, &mut actors, rules.actor_name(id));
            a.sentences += 1;
            add_named_frames(&mut a.frames, &s.frames, rules);
        }
        for e in &s.edges {
            let (source, target) = (rules.actor_name(e.source), rules.actor_name(e.target));
            actor_entry(rules, &mut actors, source)
                .stance_given
                .entry(target.to_string())
                .or_default()
                .add(e);
            actor_entry(rules, &mut actors, target)
                .stance_received
                .entry(source.to_string())
                .or_default()
                .add(e);
        }
    }
    let dyads = dyads(rules, &sentences);
    let quotes = analysis.quotes;
    for q in &quotes {
        if let Some(actor) = q.speaker.as_ref().and_then(|s| s.actor) {
            let a = actor_entry(rules, &mut actors, rules.actor_name(actor));
            a.quotes += 1;
            add_named_frames(&mut a.quoted_frames, &q.frames, rules);
        }
    }
    let mut voice = Voice::default();
    for c in sentences.iter().flat_map(|s| &s.contributions) {
        let side = if c.quoted {
            &mut voice.quoted
        } else {
            &mut voice.own
        };
        add_score(side, rules.frame_name(c.frame), c.score);
    }

    ArticleProfile {
        pack: rules,
        text: analysis.text,
        schema_version: SCHEMA_VERSION,
        rules: rules.info.clone(),
        id: doc.id.clone(),
        title: doc.title.clone(),
        source: doc.source.clone(),
        text_offset: doc.text_offset,
        date: analysis.date,
        meta: doc.meta.clone(),
        words,
        sentence_count: n,
        coverage: share(sentences.iter().filter(|s| !s.frames.is_empty()).count()),
        dominant: dominant.into_iter().map(|(id, _)| id.clone()).collect(),
        frames,
        actors,
        dyads,
        voice,
        quotes,
        sentences,
    }
}

fn actor_entry<'a>(
    rules: &RuleSet,
    actors: &'a mut BTreeMap<String, ActorProfile>,
    id: &str,
) -> &'a mut ActorProfile {
    if !actors.contains_key(id) {
        actors.insert(id.to_string(), new_actor_profile(rules, id));
    }
    actors.get_mut(id).expect("just inserted")
}

fn new_actor_profile(rules: &RuleSet, id: &str) -> ActorProfile {
    {
        let a = rules.actor_index(id).map(|i| rules.actor(i));
        ActorProfile {
            name: a.map_or_else(|| id.to_string(), |a| a.name.clone()),
            kind: a.map_or(ActorKind::State, |a| a.kind),
            mentions: 0,
            sentences: 0,
            frames: BTreeMap::new(),
            via: BTreeMap::new(),
            stance_given: BTreeMap::new(),
            stance_received: BTreeMap::new(),
            quotes: 0,
            quoted_frames: BTreeMap::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_consumed_document_profiles_as_a_borrowed_one() {
        let rules = RuleSet::embedded().expect("the embedded pack compiles");
        let doc = Document {
            id: "d".into(),
            text: "Kim said: “China is a friend.” North Korea fired a missile, he said.".into(),
            ..Document::default()
        };
        let borrowed = profile(&rules, &doc);
        let owned = profile_owned(&rules, doc.clone());
        assert_eq!(owned, borrowed);
        assert_eq!(
            serde_json::to_string(&owned).unwrap(),
            serde_json::to_string(&borrowed).unwrap()
        );
        assert_eq!(owned.text, doc.text);
    }
}
