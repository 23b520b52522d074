//! What the report reads of one article: the fields of a profile's JSON
//! (`classify --format jsonl`) that it shows, read back with serde. A fresh
//! profile goes through the same JSON, so a report of articles and a report
//! of their `classify` output are the same report.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::engine::dyads::Dyad;
use crate::profile::article::{ActorProfile, ArticleProfile};
use crate::profile::summary::{Summary, WireError};

/// One article as the report reads it: its summary (for the statistics
/// `compare` computes) and the rest of its profile (for the evidence).
#[derive(Clone, Debug)]
pub(crate) struct ReportArticle {
    /// What corpus statistics need.
    pub summary: Summary,
    /// The profile's other fields.
    pub profile: ProfileIn,
}

impl ReportArticle {
    /// Reads one line of `classify --format jsonl` output.
    ///
    /// # Errors
    ///
    /// [`WireError::Json`] when the line is not a profile,
    /// [`WireError::Version`] when it was written under another schema.
    pub(crate) fn from_json(line: &str) -> Result<ReportArticle, WireError> {
        Ok(ReportArticle {
            summary: Summary::from_profile_json(line)?,
            profile: serde_json::from_str(line).map_err(WireError::Json)?,
        })
    }

    /// Reads a fresh profile, through its JSON.
    pub(crate) fn from_profile(p: &ArticleProfile) -> ReportArticle {
        let line = serde_json::to_string(p).expect("profiles serialize");
        ReportArticle::from_json(&line).expect("a profile's own JSON reads back")
    }
}

/// The fields of a profile's JSON that the report shows.
#[derive(Clone, Debug, Deserialize)]
pub(crate) struct ProfileIn {
    /// Document id.
    pub id: String,
    /// Title.
    #[serde(default)]
    pub title: Option<String>,
    /// Where the document came from.
    #[serde(default)]
    pub source: String,
    /// Word count.
    pub words: u64,
    /// Dominant frames, best first.
    #[serde(default)]
    pub dominant: Vec<String>,
    /// Actors by rolled-up id.
    #[serde(default)]
    pub actors: BTreeMap<String, ActorProfile>,
    /// Dyads keyed `A|B`.
    #[serde(default)]
    pub dyads: BTreeMap<String, Dyad>,
    /// Quotations.
    #[serde(default)]
    pub quotes: Vec<QuoteIn>,
    /// Sentences with their evidence.
    #[serde(default)]
    pub sentences: Vec<SentenceIn>,
}

/// A sentence.
#[derive(Clone, Debug, Deserialize)]
pub(crate) struct SentenceIn {
    /// Byte span in the document.
    pub span: [usize; 2],
    /// The sentence text (the document's bytes in `span`).
    pub text: String,
    /// Frames present, with scores.
    #[serde(default)]
    pub frames: BTreeMap<String, f64>,
    /// Frame contributions.
    #[serde(default)]
    pub contributions: Vec<ContributionIn>,
    /// Actor mentions.
    #[serde(default)]
    pub mentions: Vec<MentionIn>,
    /// Stance edges.
    #[serde(default)]
    pub edges: Vec<EdgeIn>,
}

/// A frame term's contribution.
#[derive(Clone, Debug, Deserialize)]
pub(crate) struct ContributionIn {
    /// Rule id.
    pub rule: String,
    /// `file:line` of the rule.
    pub origin: String,
    /// Byte span in the document.
    pub span: [usize; 2],
    /// The term's weight.
    pub weight: f64,
    /// Modifiers applied.
    #[serde(default)]
    pub modifiers: Vec<AppliedIn>,
    /// Inside quotation marks.
    #[serde(default)]
    pub quoted: bool,
    /// The contribution to the frame score.
    pub score: f64,
}

/// A modifier applied to a contribution or a stance cue.
#[derive(Clone, Debug, Deserialize)]
pub(crate) struct AppliedIn {
    /// Kind (negation, hedge, …).
    pub kind: String,
    /// Its text.
    pub text: String,
    /// The factor applied.
    pub factor: f64,
}

/// An actor mention.
#[derive(Clone, Debug, Deserialize)]
pub(crate) struct MentionIn {
    /// Rolled-up actor id.
    pub actor: String,
    /// Registry entry.
    pub entity: String,
    /// Byte span.
    pub span: [usize; 2],
    /// `file:line` of the alias.
    pub origin: String,
    /// A resolved reference.
    #[serde(default)]
    pub resolved: bool,
    /// Dated role that decided the actor.
    #[serde(default)]
    pub role: Option<String>,
}

/// A stance edge.
#[derive(Clone, Debug, Deserialize)]
pub(crate) struct EdgeIn {
    /// Source actor.
    pub source: String,
    /// Target actor.
    pub target: String,
    /// `positive` or `negative`.
    pub polarity: String,
    /// Strength.
    pub weight: f64,
    /// Cue rule id.
    pub rule: String,
    /// `file:line` of the cue.
    pub origin: String,
    /// Byte span of the cue.
    pub span: [usize; 2],
    /// The source's words.
    #[serde(default)]
    pub source_text: String,
    /// The target's words.
    #[serde(default)]
    pub target_text: String,
    /// Read as passive or reversed.
    #[serde(default)]
    pub passive: bool,
    /// Modifiers applied to the cue.
    #[serde(default)]
    pub modifiers: Vec<AppliedIn>,
}

/// A quotation.
#[derive(Clone, Debug, Deserialize)]
pub(crate) struct QuoteIn {
    /// Byte span, marks included.
    pub span: [usize; 2],
    /// The quoted words.
    pub text: String,
    /// Its speaker.
    #[serde(default)]
    pub speaker: Option<SpeakerIn>,
    /// Frame scores inside it.
    #[serde(default)]
    pub frames: BTreeMap<String, f64>,
}

/// A quotation's speaker.
#[derive(Clone, Debug, Deserialize)]
pub(crate) struct SpeakerIn {
    /// The speaker's words.
    pub text: String,
    /// Rolled-up actor, when an actor.
    #[serde(default)]
    pub actor: Option<String>,
    /// Registry entry.
    #[serde(default)]
    pub entity: Option<String>,
    /// Found through a resolved reference.
    #[serde(default)]
    pub resolved: bool,
    /// What follows the name.
    #[serde(default)]
    pub role: Option<String>,
    /// The reporting verb.
    #[serde(default)]
    pub verb: String,
}

/// The UTF-16 offset (what a browser's string indices count) of byte
/// `offset` of `text`, clamped to the text and to a character boundary.
pub(crate) fn utf16_offset(text: &str, offset: usize) -> usize {
    let mut end = offset.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text[..end].encode_utf16().count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::article::profile;
    use crate::text::document::Document;
    use crate::RuleSet;

    #[test]
    fn a_profile_reads_back_with_its_evidence() {
        let rules = RuleSet::embedded().unwrap();
        let doc = Document {
            id: "d".into(),
            text: "Kim said: “China is a friend.” North Korea fired a missile, he said.".into(),
            ..Document::default()
        };
        let p = profile(&rules, &doc);
        let a = ReportArticle::from_profile(&p);
        assert_eq!(a.summary, Summary::from_profile(&p));
        assert_eq!(a.profile.sentences.len(), p.sentences.len());
        let c = &p.sentences[1].contributions[0];
        let back = &a.profile.sentences[1].contributions[0];
        assert_eq!(
            (back.rule.as_str(), back.origin.as_str(), back.span),
            (
                rules.rule_label(c.rule),
                rules.origin_label(c.rule),
                c.span.into()
            )
        );
        assert_eq!(a.profile.actors, p.actors);
        assert_eq!(a.profile.dyads, p.dyads);
        assert_eq!(a.profile.quotes.len(), p.quotes.len());
        assert!(a.profile.sentences[1].mentions.iter().any(|m| m.resolved));
    }

    #[test]
    fn utf16_offsets_count_what_browsers_count() {
        let s = "“Kim” 🚀 met";
        assert_eq!(utf16_offset(s, 0), 0);
        // “ is 3 bytes and 1 UTF-16 unit; 🚀 is 4 bytes and 2 units.
        assert_eq!(utf16_offset(s, 3), 1);
        assert_eq!(
            utf16_offset(s, s.find("met").unwrap()),
            "“Kim” 🚀 ".encode_utf16().count()
        );
        // Inside a character or past the end: clamped.
        assert_eq!(utf16_offset(s, 1), 0);
        assert_eq!(utf16_offset(s, 999), s.encode_utf16().count());
    }
}
