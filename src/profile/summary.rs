//! Article summaries: the part of an article profile that corpus statistics
//! need (metadata, words, per-frame scores and densities, per-actor frame
//! scores, and how often each rule matched). `compare` and `merge` work on
//! summaries, built either from a fresh profile or from a line of
//! `classify --format jsonl` output, so a corpus classified once can be
//! compared and merged many times.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::profile::article::{ArticleProfile, SCHEMA_VERSION};
use crate::text::date::{parse_date, ArticleDate};

/// A frame's figures in one article.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FrameFigures {
    /// Summed sentence scores.
    pub score: f64,
    /// Score per 1,000 words.
    pub density: f64,
    /// Sentences in which it is present.
    pub sentences: u64,
}

/// An actor's figures in one article.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ActorFigures {
    /// Mentions.
    pub mentions: u64,
    /// Sentences mentioning it.
    pub sentences: u64,
    /// Summed frame scores of those sentences.
    #[serde(default)]
    pub frames: BTreeMap<String, f64>,
}

/// The rule pack stamped on a profile.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackStamp {
    /// `name@version`.
    pub id: String,
    /// Content hash.
    pub hash: String,
}

/// What corpus statistics need of one article.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Summary {
    /// Document id.
    pub id: String,
    /// The pack that classified it.
    pub rules: PackStamp,
    /// Metadata (outlet, date as written, event, …).
    pub meta: BTreeMap<String, String>,
    /// The article date the profile records, at its precision.
    pub date: Option<ArticleDate>,
    /// Word count.
    pub words: u64,
    /// Sentence count.
    pub sentences: u64,
    /// Every frame of the pack, present or not.
    pub frames: BTreeMap<String, FrameFigures>,
    /// Actors mentioned.
    pub actors: BTreeMap<String, ActorFigures>,
    /// Matches per frame rule (`threat:missile*`), the terms of log-odds.
    pub terms: BTreeMap<String, u64>,
}

impl Summary {
    /// Summarises a profile.
    pub fn from_profile(p: &ArticleProfile) -> Summary {
        let mut terms: BTreeMap<String, u64> = BTreeMap::new();
        for c in p.sentences.iter().flat_map(|s| &s.contributions) {
            let rule = p.pack.rule_label(c.rule);
            match terms.get_mut(rule) {
                Some(n) => *n += 1,
                None => {
                    terms.insert(rule.to_string(), 1);
                }
            }
        }
        Summary {
            id: p.id.clone(),
            rules: PackStamp {
                id: p.rules.id.clone(),
                hash: p.rules.hash.clone(),
            },
            meta: p.meta.clone(),
            date: p.date,
            words: p.words as u64,
            sentences: p.sentence_count as u64,
            frames: p
                .frames
                .iter()
                .map(|(f, s)| {
                    (
                        f.clone(),
                        FrameFigures {
                            score: s.score,
                            density: s.density,
                            sentences: s.sentences as u64,
                        },
                    )
                })
                .collect(),
            actors: p
                .actors
                .iter()
                .map(|(id, a)| {
                    (
                        id.clone(),
                        ActorFigures {
                            mentions: a.mentions as u64,
                            sentences: a.sentences as u64,
                            frames: a.frames.clone(),
                        },
                    )
                })
                .collect(),
            terms,
        }
    }

    /// Reads a summary back from one line of `classify --format jsonl`
    /// output (a serialised [`ArticleProfile`]).
    ///
    /// # Errors
    ///
    /// `WireError::Json` when the line is not a profile,
    /// `WireError::Version` when it was written under another
    /// `SCHEMA_VERSION`.
    pub fn from_profile_json(line: &str) -> Result<Summary, WireError> {
        #[derive(Deserialize)]
        struct Contribution {
            rule: String,
        }
        #[derive(Deserialize)]
        struct Sentence {
            #[serde(default)]
            contributions: Vec<Contribution>,
        }
        #[derive(Deserialize)]
        struct Profile {
            schema_version: u32,
            rules: PackStamp,
            id: String,
            #[serde(default)]
            meta: BTreeMap<String, String>,
            /// `None` when absent (profiles written before the field
            /// existed), `Some(None)` for `null`.
            #[serde(default, deserialize_with = "present")]
            date: Option<Option<ArticleDate>>,
            words: u64,
            sentence_count: u64,
            frames: BTreeMap<String, FrameFigures>,
            #[serde(default)]
            actors: BTreeMap<String, ActorFigures>,
            #[serde(default)]
            sentences: Vec<Sentence>,
        }
        fn present<'de, D: serde::Deserializer<'de>>(
            d: D,
        ) -> Result<Option<Option<ArticleDate>>, D::Error> {
            Option::<ArticleDate>::deserialize(d).map(Some)
        }
        let p: Profile = serde_json::from_str(line).map_err(WireError::Json)?;
        if p.schema_version != SCHEMA_VERSION {
            return Err(WireError::Version(p.schema_version));
        }
        // A profile from before the `date` field (same schema: the field
        // was added, nothing changed meaning): its `date` metadata, read as
        // an article's would be without a --date-format.
        let date = p.date.unwrap_or_else(|| {
            p.meta
                .get("date")
                .and_then(|d| parse_date(d, None).ok().flatten())
        });
        let mut terms: BTreeMap<String, u64> = BTreeMap::new();
        for c in p.sentences.into_iter().flat_map(|s| s.contributions) {
            *terms.entry(c.rule).or_default() += 1;
        }
        Ok(Summary {
            id: p.id,
            rules: p.rules,
            meta: p.meta,
            date,
            words: p.words,
            sentences: p.sentence_count,
            frames: p.frames,
            actors: p.actors,
            terms,
        })
    }

    /// The group this article falls in under `by` (see `group_of`).
    pub fn group(&self, by: &str) -> String {
        group_of(&self.meta, self.date.as_ref(), by)
    }
}

/// The group of an article with metadata `meta` and date `date` under
/// `by`: a metadata key, or `month` / `year` (of the date: `2019-05`,
/// `2019`) unless the metadata has a key of that name. Articles without a
/// value group under [`NONE`]; without a date precise enough for `month` or
/// `year`, under [`NO_DATE`] (a date known only to the year has no month).
pub(crate) fn group_of(
    meta: &BTreeMap<String, String>,
    date: Option<&ArticleDate>,
    by: &str,
) -> String {
    if let Some(v) = meta.get(by) {
        return v.clone();
    }
    match by {
        "month" => date
            .and_then(|d| Some(format!("{:04}-{:02}", d.year(), d.month()?)))
            .unwrap_or_else(|| NO_DATE.to_string()),
        "year" => date.map_or_else(|| NO_DATE.to_string(), |d| format!("{:04}", d.year())),
        _ => NONE.to_string(),
    }
}

/// Why a line of `classify` output could not be read back.
#[derive(Debug)]
pub enum WireError {
    /// Not a profile: the JSON error (with its column).
    Json(serde_json::Error),
    /// A profile written under another schema version.
    Version(u32),
}

impl WireError {
    /// The column of a line where it went wrong, when known.
    pub(crate) fn column(&self) -> Option<usize> {
        match self {
            WireError::Json(e) => Some(e.column()).filter(|&c| c > 0),
            WireError::Version(_) => None,
        }
    }
}

impl std::fmt::Display for WireError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WireError::Json(e) => write!(
                f,
                "not a framescope profile: {}",
                crate::error::json_message(e)
            ),
            WireError::Version(v) => f.write_str(&version_mismatch("profile", *v)),
        }
    }
}

/// The message for a `kind` ("profile", "aggregate") written under schema
/// version `found` instead of [`SCHEMA_VERSION`].
pub(crate) fn version_mismatch(kind: &str, found: u32) -> String {
    format!(
        "{kind} has schema_version {found}, but this framescope reads version {SCHEMA_VERSION}: \
         {} with this version",
        if kind == "aggregate" {
            "merge its profiles again"
        } else {
            "classify again"
        }
    )
}

/// The group of articles without a value for the grouping key.
pub(crate) const NONE: &str = "(none)";

/// The group of articles without a usable date, under `month` or `year`.
pub(crate) const NO_DATE: &str = "(no date)";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::article::profile;
    use crate::text::document::Document;
    use crate::RuleSet;

    #[test]
    fn a_profile_and_its_json_give_the_same_summary() {
        let rules = RuleSet::embedded().unwrap();
        let mut doc = Document {
            id: "d".into(),
            text: "North Korea fired a missile. China praised the alliance with Russia.".into(),
            ..Document::default()
        };
        doc.meta.insert("outlet".into(), "Daily".into());
        let p = profile(&rules, &doc);
        let direct = Summary::from_profile(&p);
        let line = serde_json::to_string(&p).unwrap();
        assert_eq!(Summary::from_profile_json(&line).unwrap(), direct);
        assert_eq!(direct.terms.values().sum::<u64>(), {
            p.sentences
                .iter()
                .map(|s| s.contributions.len() as u64)
                .sum::<u64>()
        });
        assert_eq!(direct.terms.get("military:missile"), Some(&1));
        assert_eq!(direct.group("outlet"), "Daily");
        assert_eq!(direct.group("event"), NONE);
    }

    #[test]
    fn date_buckets() {
        let mut s = Summary::default();
        assert_eq!(s.group("month"), NO_DATE);
        assert_eq!(s.group("year"), NO_DATE);
        s.date = "2019-05-17".parse().ok();
        assert_eq!(s.group("month"), "2019-05");
        assert_eq!(s.group("year"), "2019");
        s.date = "2019-05".parse().ok();
        assert_eq!(s.group("month"), "2019-05");
        // A year alone is not padded to January.
        s.date = "2019".parse().ok();
        assert_eq!(s.group("month"), NO_DATE);
        assert_eq!(s.group("year"), "2019");
        // The date metadata as written is not read again here.
        s.date = None;
        s.meta.insert("date".into(), "2019-05-17".into());
        assert_eq!(s.group("month"), NO_DATE);
        // A metadata key named `month` wins over the bucket.
        s.meta.insert("month".into(), "May".into());
        assert_eq!(s.group("month"), "May");
    }

    #[test]
    fn profiles_without_a_date_field_fall_back_to_their_date_metadata() {
        let rules = RuleSet::embedded().unwrap();
        let mut doc = Document {
            id: "d".into(),
            text: "China praised the alliance.".into(),
            ..Document::default()
        };
        doc.meta.insert("date".into(), "May 17, 2019".into());
        let p = profile(&rules, &doc);
        assert_eq!(p.date, "2019-05-17".parse().ok());
        let mut json: serde_json::Value = serde_json::to_value(&p).unwrap();
        assert_eq!(json["date"], "2019-05-17");
        let read =
            |json: &serde_json::Value| Summary::from_profile_json(&json.to_string()).unwrap();
        assert_eq!(read(&json).date, p.date);
        json["date"] = serde_json::Value::Null;
        assert_eq!(
            read(&json).date,
            None,
            "null is no date, whatever the metadata"
        );
        json.as_object_mut().unwrap().remove("date");
        assert_eq!(
            read(&json).date,
            p.date,
            "an older profile: its metadata is read"
        );
        json["date"] = "May 2019".into();
        assert!(Summary::from_profile_json(&json.to_string()).is_err());
    }
}
