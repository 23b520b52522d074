//! Probes: patterns that are not (yet) rules, matched exactly as the pack's
//! own rules are (normalisation, word boundaries, possessives, wildcard
//! suffixes, a frame's exclusions) by compiling them into a copy of the pack
//! as frames of their own. `kwic PATTERN` and `rules suggest` find a
//! pattern's matches this way, through the one analysis, instead of
//! searching the text by other means that could disagree with the matcher.
//!
//! Each probe becomes a frame `frames/<prefix><n>.toml` with one term and,
//! when asked, the exclusions of the frame it is a candidate for. Frames
//! never compete with one another (overlaps resolve within a frame), so a
//! probe changes nothing the pack's own rules find; a probe frame's score
//! in a sentence is what the pattern would add to that sentence.

use std::collections::BTreeMap;

use crate::error::Error;
use crate::pack::files as pack_files;
use crate::pack::load::{load, PackSource};
use crate::pack::ruleset::RuleSet;

/// One pattern to probe.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Probe {
    /// The pattern, as a frame term would be written.
    pub pattern: String,
    /// Its weight (a frame term's default is 1).
    pub weight: f64,
    /// Phrases inside which its matches do not count (a frame's `exclude`).
    pub exclude: Vec<String>,
}

/// A copy of a pack with probes compiled in.
pub(crate) struct Probed {
    /// The pack's rules and the probes, as frames.
    pub rules: RuleSet,
    /// The prefix of every probe frame's id (no frame of the pack starts with it).
    pub prefix: String,
}

impl Probed {
    /// Whether `frame` is one of the probes (not one of the pack's frames).
    pub(crate) fn is_probe(&self, frame: &str) -> bool {
        frame.starts_with(&self.prefix)
    }

    /// The probe behind frame id `frame`, as an index into the probes given.
    pub(crate) fn probe_of(&self, frame: &str) -> Option<usize> {
        frame.strip_prefix(&self.prefix)?.parse().ok()
    }
}

/// Each frame's `exclude` phrases, by frame id, as written in `source`.
pub(crate) fn frame_excludes(source: &PackSource) -> BTreeMap<String, Vec<String>> {
    let (spec, _) = load(source);
    spec.frames
        .iter()
        .map(|f| {
            let id = pack_files::frame_id(&f.path).unwrap_or(&f.path).to_string();
            let exclude = f.spec.exclude.iter().map(|e| e.get_ref().clone()).collect();
            (id, exclude)
        })
        .collect()
}

/// Compiles `source` with `probes` added, one frame each.
///
/// # Errors
///
/// [`Error::Pack`] when the pack itself does not compile; [`Error::Document`]
/// naming the pattern when a probe is not a valid pattern (a `*` that is
/// not a trailing wildcard, say).
pub(crate) fn with_probes(source: &PackSource, probes: &[Probe]) -> Result<Probed, Error> {
    let existing: Vec<String> = source
        .files()
        .iter()
        .filter_map(|(p, _)| pack_files::frame_id(p))
        .map(str::to_string)
        .collect();
    let mut prefix = String::from("probe--");
    while existing.iter().any(|f| f.starts_with(&prefix)) {
        prefix.push('-');
    }
    let mut files: Vec<(String, String)> = source.files().to_vec();
    for (i, p) in probes.iter().enumerate() {
        let id = format!("{prefix}{i}");
        let mut text = format!(
            "label = \"probe\"\nterms = [{{ pattern = {}, weight = {:?} }}]\n",
            quote(&p.pattern),
            p.weight
        );
        if !p.exclude.is_empty() {
            let list: Vec<String> = p.exclude.iter().map(|e| quote(e)).collect();
            text.push_str(&format!("exclude = [{}]\n", list.join(", ")));
        }
        files.push((pack_files::frame_path(&id), text));
    }
    let rules = match RuleSet::from_source(&PackSource::from_files(files)) {
        Ok(rules) => rules,
        Err(Error::Pack(diags)) => {
            let probe_file = |file: &str| {
                pack_files::frame_id(file)
                    .and_then(|f| f.strip_prefix(prefix.as_str()))
                    .and_then(|n| n.parse::<usize>().ok())
            };
            if let Some((i, d)) = diags
                .iter()
                .find_map(|d| probe_file(&d.at.file).map(|i| (i, d)))
            {
                return Err(Error::Document {
                    path: format!("pattern `{}`", probes[i].pattern),
                    message: d.message.clone(),
                });
            }
            return Err(Error::Pack(diags));
        }
        Err(e) => return Err(e),
    };
    Ok(Probed { rules, prefix })
}

fn quote(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::analysis::analyze_text;

    fn probe(pattern: &str) -> Probe {
        Probe {
            pattern: pattern.into(),
            weight: 1.0,
            exclude: Vec::new(),
        }
    }

    /// The probe frames present in each sentence of `text`.
    fn found(p: &Probed, text: &str) -> Vec<Vec<String>> {
        analyze_text(&p.rules, text, None)
            .sentences
            .iter()
            .map(|s| {
                s.contributions
                    .iter()
                    .map(|c| (p.rules.frame_name(c.frame), c.span.of(text)))
                    .filter(|(frame, _)| p.is_probe(frame))
                    .map(|(frame, words)| format!("{frame}={words}"))
                    .collect()
            })
            .collect()
    }

    #[test]
    fn probes_match_as_rules_do() {
        let source = PackSource::embedded();
        let p = with_probes(
            &source,
            &[probe("bombers"), probe("Kim Jong-un"), probe("threat*")],
        )
        .unwrap();
        let probes: Vec<&str> = p
            .rules
            .frames
            .iter()
            .map(|f| f.id.as_str())
            .filter(|id| p.is_probe(id))
            .collect();
        assert_eq!(probes, ["probe--0", "probe--1", "probe--2"]);
        assert_eq!(p.probe_of("probe--2"), Some(2));
        assert_eq!(p.probe_of("military"), None);
        let got = found(
            &p,
            "The BOMBERS’ base. Kim Jong Un spoke. Threatened, they left. Bombersville and thunderbombers.",
        );
        assert_eq!(
            got,
            [
                vec!["probe--0=BOMBERS".to_string()],
                vec!["probe--1=Kim Jong Un".to_string()],
                vec!["probe--2=Threatened".to_string()],
                vec![],
            ]
        );
        // The pack's own frames still score as without the probes.
        let plain = RuleSet::embedded().unwrap();
        let text = "Russia and China held military drills.";
        let a = analyze_text(&plain, text, None);
        let b = analyze_text(&p.rules, text, None);
        assert_eq!(a.sentences[0].frames, b.sentences[0].frames);
    }

    #[test]
    fn a_frame_s_exclusions_apply_to_its_probes() {
        let source = PackSource::embedded();
        let excludes = frame_excludes(&source);
        assert!(excludes["military"].iter().any(|e| e == "suicide bombers"));
        let p = with_probes(
            &source,
            &[Probe {
                exclude: excludes["military"].clone(),
                ..probe("bombers")
            }],
        )
        .unwrap();
        assert_eq!(
            found(&p, "Two suicide bombers struck."),
            [Vec::<String>::new()]
        );
        assert_eq!(found(&p, "Two bombers flew.").len(), 1);
        assert_eq!(found(&p, "Two bombers flew.")[0].len(), 1);
    }

    #[test]
    fn a_bad_pattern_is_named() {
        let err = with_probes(&PackSource::embedded(), &[probe("*war")])
            .err()
            .unwrap();
        assert!(err.to_string().starts_with("pattern `*war`: "), "{err}");
    }
}
