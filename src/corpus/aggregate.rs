//! Mergeable corpus aggregates (`framescope merge`): documents, words, and
//! per frame, actor and term the sums over a corpus and over each group of
//! a metadata key. Sums are kept exactly (in ten-thousandths, the precision
//! of profile scores), so merging is associative and commutative: the
//! aggregate of shards merged in any order, or of aggregates of aggregates,
//! is byte for byte the aggregate of a single run over the whole input.
//! That makes `classify --format jsonl` a map step and `merge` its reduce.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::ops::AddAssign;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{json_message, Error, Location};
use crate::pack::ruleset::stamp;
use crate::profile::article::SCHEMA_VERSION;
use crate::profile::summary::version_mismatch;

use crate::profile::summary::{PackStamp, Summary};
use crate::render::{count, num};

/// The `kind` that marks an aggregate file.
pub(crate) const KIND: &str = "framescope-aggregate";

/// Reads an aggregate written by `merge` from `source`, refusing another
/// kind or another wire schema: sums under another schema may mean other
/// things.
///
/// # Errors
///
/// [`Error::Input`] at the line and column of a JSON error;
/// [`Error::Document`] naming the kind or schema version found.
pub(crate) fn read_aggregate(text: &str, source: &str) -> Result<Aggregate, Error> {
    let part: Aggregate = serde_json::from_str(text).map_err(|e| Error::Input {
        at: Location::line(source, e.line(), Some(e.column()).filter(|&c| c > 0)),
        message: format!("not a framescope aggregate: {}", json_message(&e)),
    })?;
    let refuse = |message: String| Error::Document {
        path: source.to_string(),
        message,
    };
    if part.kind != KIND {
        return Err(refuse(format!("`kind` is {:?}, not {KIND:?}", part.kind)));
    }
    if part.schema_version != SCHEMA_VERSION {
        return Err(refuse(version_mismatch("aggregate", part.schema_version)));
    }
    Ok(part)
}

/// A decimal with four places, summed exactly as ten-thousandths.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Fixed(i64);

impl Fixed {
    /// The nearest four-place decimal to `x`.
    pub fn from_f64(x: f64) -> Fixed {
        Fixed((x * 10_000.0).round() as i64)
    }

    /// As a float.
    pub fn to_f64(self) -> f64 {
        self.0 as f64 / 10_000.0
    }
}

impl AddAssign for Fixed {
    fn add_assign(&mut self, other: Fixed) {
        self.0 += other.0;
    }
}

impl Serialize for Fixed {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64(self.to_f64())
    }
}

impl<'de> Deserialize<'de> for Fixed {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Fixed, D::Error> {
        f64::deserialize(d).map(Fixed::from_f64)
    }
}

/// A frame's totals over a group.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FrameTotal {
    /// Documents in which it is present.
    pub documents: u64,
    /// Sentences in which it is present.
    pub sentences: u64,
    /// Summed score.
    pub score: Fixed,
    /// Summed per-document density (per 1,000 words).
    pub density_sum: Fixed,
    /// Derived: mean per-document density.
    #[serde(skip_deserializing)]
    pub mean_density: f64,
    /// Derived: share of documents in which it is present.
    #[serde(skip_deserializing)]
    pub share: f64,
}

/// An actor's totals over a group.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ActorTotal {
    /// Documents mentioning it.
    pub documents: u64,
    /// Mentions.
    pub mentions: u64,
    /// Sentences mentioning it.
    pub sentences: u64,
    /// Summed frame scores of those sentences.
    pub frames: BTreeMap<String, Fixed>,
}

/// Totals over a set of documents.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Group {
    /// Documents.
    pub documents: u64,
    /// Words.
    pub words: u64,
    /// Sentences.
    pub sentences: u64,
    /// Every frame seen, by id.
    pub frames: BTreeMap<String, FrameTotal>,
    /// Actors, by rolled-up id.
    pub actors: BTreeMap<String, ActorTotal>,
    /// Matches per frame rule.
    pub terms: BTreeMap<String, u64>,
}

impl Group {
    /// The totals of one article.
    pub fn of(s: &Summary) -> Group {
        Group {
            documents: 1,
            words: s.words,
            sentences: s.sentences,
            frames: s
                .frames
                .iter()
                .map(|(id, f)| {
                    let total = FrameTotal {
                        documents: u64::from(f.score > 0.0),
                        sentences: f.sentences,
                        score: Fixed::from_f64(f.score),
                        density_sum: Fixed::from_f64(f.density),
                        ..FrameTotal::default()
                    };
                    (id.clone(), total)
                })
                .collect(),
            actors: s
                .actors
                .iter()
                .map(|(id, a)| {
                    let total = ActorTotal {
                        documents: 1,
                        mentions: a.mentions,
                        sentences: a.sentences,
                        frames: a
                            .frames
                            .iter()
                            .map(|(f, x)| (f.clone(), Fixed::from_f64(*x)))
                            .collect(),
                    };
                    (id.clone(), total)
                })
                .collect(),
            terms: s.terms.clone(),
        }
    }

    /// Adds one article.
    pub fn add(&mut self, s: &Summary) {
        self.merge(&Group::of(s));
    }

    /// Adds another group's totals.
    pub fn merge(&mut self, other: &Group) {
        self.documents += other.documents;
        self.words += other.words;
        self.sentences += other.sentences;
        for (id, f) in &other.frames {
            let t = self.frames.entry(id.clone()).or_default();
            t.documents += f.documents;
            t.sentences += f.sentences;
            t.score += f.score;
            t.density_sum += f.density_sum;
        }
        for (id, a) in &other.actors {
            let t = self.actors.entry(id.clone()).or_default();
            t.documents += a.documents;
            t.mentions += a.mentions;
            t.sentences += a.sentences;
            for (f, x) in &a.frames {
                *t.frames.entry(f.clone()).or_default() += *x;
            }
        }
        for (rule, n) in &other.terms {
            *self.terms.entry(rule.clone()).or_default() += n;
        }
    }

    /// Fills the derived fields.
    fn finish(&mut self) {
        let n = self.documents.max(1) as f64;
        for f in self.frames.values_mut() {
            f.mean_density = crate::engine::model::round4(f.density_sum.to_f64() / n);
            f.share = crate::engine::model::round4(f.documents as f64 / n);
        }
    }
}

/// Totals over a corpus and over each group of a metadata key.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Aggregate {
    /// Always `KIND`.
    pub kind: String,
    /// The wire schema it was written with (`SCHEMA_VERSION`); 0 when an
    /// older framescope wrote none. Checked when an aggregate is read.
    #[serde(default)]
    pub schema_version: u32,
    /// The rule pack every part was classified with.
    pub rules: PackStamp,
    /// The grouping key, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    /// The whole corpus.
    pub corpus: Group,
    /// Each group, by value of `by`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub groups: BTreeMap<String, Group>,
}

impl Aggregate {
    /// An empty aggregate, grouped by `by`.
    pub fn new(by: Option<String>) -> Aggregate {
        Aggregate {
            kind: KIND.to_string(),
            schema_version: SCHEMA_VERSION,
            rules: PackStamp::default(),
            by,
            corpus: Group::default(),
            groups: BTreeMap::new(),
        }
    }

    /// Adds one article.
    ///
    /// # Errors
    ///
    /// `Mismatch::Pack` when the article was classified with another rule
    /// pack.
    pub fn add(&mut self, s: &Summary) -> Result<(), Mismatch> {
        self.check_rules(&s.rules)?;
        self.corpus.add(s);
        if let Some(by) = &self.by {
            self.groups.entry(s.group(by)).or_default().add(s);
        }
        Ok(())
    }

    /// Adds another aggregate.
    ///
    /// # Errors
    ///
    /// `Mismatch::Pack` when it used another rule pack,
    /// `Mismatch::Grouping` another grouping key.
    pub fn merge(&mut self, other: &Aggregate) -> Result<(), Mismatch> {
        if other.corpus.documents == 0 {
            return Ok(());
        }
        if other.by != self.by {
            return Err(Mismatch::Grouping {
                found: other.by.clone(),
                expected: self.by.clone(),
            });
        }
        self.check_rules(&other.rules)?;
        self.corpus.merge(&other.corpus);
        for (k, g) in &other.groups {
            self.groups.entry(k.clone()).or_default().merge(g);
        }
        Ok(())
    }

    fn check_rules(&mut self, rules: &PackStamp) -> Result<(), Mismatch> {
        if self.corpus.documents == 0 && self.rules.id.is_empty() {
            self.rules = rules.clone();
            return Ok(());
        }
        if *rules != self.rules {
            return Err(Mismatch::Pack {
                found: rules.clone(),
                expected: self.rules.clone(),
            });
        }
        Ok(())
    }

    /// The aggregate as pretty JSON, derived fields filled.
    pub fn to_json(&self) -> String {
        let mut out = self.clone();
        out.corpus.finish();
        out.groups.values_mut().for_each(Group::finish);
        let mut text = serde_json::to_string_pretty(&out).expect("aggregate serializes");
        text.push('\n');
        text
    }

    /// The aggregate as a table: per group, documents and each frame's mean
    /// density and share of documents.
    pub fn table(&self) -> String {
        let mut out = String::new();
        let frames: Vec<&String> = self.corpus.frames.keys().collect();
        let _ = writeln!(
            out,
            "{} · {} · rules {} · mean density per 1,000 words (share of documents)",
            count(self.corpus.documents, "document"),
            count(self.corpus.words, "word"),
            stamp(&self.rules.id, &self.rules.hash)
        );
        let _ = write!(
            out,
            "\n{:<24} {:>6}",
            self.by.as_deref().unwrap_or(""),
            "docs"
        );
        for f in &frames {
            let _ = write!(out, " {f:>16}");
        }
        out.push('\n');
        let mut row = |name: &str, g: &Group| {
            let mut g = g.clone();
            g.finish();
            let _ = write!(out, "{:<24} {:>6}", truncate(name, 24), g.documents);
            for f in &frames {
                let cell = g.frames.get(*f).map_or_else(
                    || "-".to_string(),
                    |t| format!("{} ({:.0}%)", num(t.mean_density), t.share * 100.0),
                );
                let _ = write!(out, " {cell:>16}");
            }
            out.push('\n');
        };
        for (k, g) in &self.groups {
            row(k, g);
        }
        row("all", &self.corpus);
        out
    }
}

/// Why a part cannot be summed with the parts before it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mismatch {
    /// It was classified with another rule pack than `expected`.
    Pack {
        /// The part's pack.
        found: PackStamp,
        /// The pack of the parts before it.
        expected: PackStamp,
    },
    /// It is grouped by another key (`None`: not grouped).
    Grouping {
        /// The part's key.
        found: Option<String>,
        /// The key of this merge.
        expected: Option<String>,
    },
}

impl std::fmt::Display for Mismatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Mismatch::Pack { found, expected } => write!(
                f,
                "classified with rules {} ({}), but earlier ones with {} ({}): use profiles of one rule pack",
                found.id,
                short(&found.hash),
                expected.id,
                short(&expected.hash)
            ),
            Mismatch::Grouping { found, expected } => write!(
                f,
                "grouped by {} where this merge groups by {}: merge with the same --by",
                found.as_deref().unwrap_or("nothing"),
                expected.as_deref().unwrap_or("nothing")
            ),
        }
    }
}

impl std::error::Error for Mismatch {}

fn short(hash: &str) -> &str {
    &hash[..12.min(hash.len())]
}

/// `s` cut to `n` characters, with `…` when cut.
pub(crate) fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::summary::FrameFigures;

    fn summary(outlet: &str, threat: f64, density: f64) -> Summary {
        let mut s = Summary {
            id: format!("{outlet}-{threat}"),
            rules: PackStamp {
                id: "p@1".into(),
                hash: "h".into(),
            },
            words: 100,
            sentences: 5,
            ..Summary::default()
        };
        s.meta.insert("outlet".into(), outlet.into());
        s.frames.insert(
            "threat".into(),
            FrameFigures {
                score: threat,
                density,
                sentences: u64::from(threat > 0.0),
            },
        );
        s.terms.insert("threat:missile".into(), 2);
        s
    }

    #[test]
    fn sums_are_exact_whatever_the_grouping() {
        // 0.1 + 0.2 != 0.3 in floats; in ten-thousandths it is.
        let parts = [
            summary("A", 0.1, 0.1),
            summary("B", 0.2, 0.2),
            summary("A", 0.0, 0.0),
        ];
        let mut whole = Aggregate::new(Some("outlet".into()));
        for s in &parts {
            whole.add(s).unwrap();
        }
        let mut left = Aggregate::new(Some("outlet".into()));
        left.add(&parts[2]).unwrap();
        let mut right = Aggregate::new(Some("outlet".into()));
        right.add(&parts[1]).unwrap();
        right.add(&parts[0]).unwrap();
        left.merge(&right).unwrap();
        assert_eq!(left.to_json(), whole.to_json());
        let t = &whole.corpus.frames["threat"];
        assert_eq!(t.score, Fixed::from_f64(0.3));
        assert_eq!(t.documents, 2);
        assert_eq!(whole.groups["A"].documents, 2);
        assert_eq!(whole.corpus.terms["threat:missile"], 6);
    }

    #[test]
    fn json_round_trips_and_derives_means() {
        let mut a = Aggregate::new(Some("outlet".into()));
        a.add(&summary("A", 1.5, 15.0)).unwrap();
        a.add(&summary("A", 0.0, 0.0)).unwrap();
        let text = a.to_json();
        let back: Aggregate = serde_json::from_str(&text).unwrap();
        assert_eq!(back.to_json(), text);
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["groups"]["A"]["frames"]["threat"]["mean_density"], 7.5);
        assert_eq!(v["groups"]["A"]["frames"]["threat"]["share"], 0.5);
    }

    #[test]
    fn mixing_packs_or_keys_is_an_error() {
        let mut a = Aggregate::new(None);
        a.add(&summary("A", 1.0, 1.0)).unwrap();
        let mut other = summary("A", 1.0, 1.0);
        other.rules.hash = "different".into();
        let err = a.add(&other).unwrap_err();
        assert!(matches!(&err, Mismatch::Pack { found, .. } if found.hash == "different"));
        assert!(err.to_string().contains("use profiles of one rule pack"));
        let mut b = Aggregate::new(Some("outlet".into()));
        b.add(&summary("A", 1.0, 1.0)).unwrap();
        let err = a.merge(&b).unwrap_err();
        assert_eq!(
            err,
            Mismatch::Grouping {
                found: Some("outlet".into()),
                expected: None
            }
        );
        assert!(err.to_string().contains("same --by"));
    }
}
