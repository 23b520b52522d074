//! Which metadata keys a run's articles carry, so that a key asked for
//! (`compare --by`, `--pair-by`, `classify --meta`) that no article has is
//! an error naming the keys there are, and one that some articles lack is a
//! warning with the count, instead of a silent `(none)` or empty column.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// At most this many distinct keys are remembered for messages, so a
/// corpus with a key per article cannot grow the census without bound.
const KEYS_KEPT: usize = 64;

/// Counts, over a run, how many articles have each key asked for, and
/// which keys the articles have.
#[derive(Clone, Debug, Default)]
pub(crate) struct KeyCensus {
    /// Each key asked for, and how many articles have it.
    wanted: Vec<(String, u64)>,
    /// Articles counted.
    documents: u64,
    /// Metadata keys seen (at most [`KEYS_KEPT`]).
    seen: BTreeSet<String>,
    /// More keys were seen than are kept.
    more: bool,
    /// `month` and `year` are buckets of `date` here (`compare --by`).
    buckets: bool,
}

impl KeyCensus {
    /// A census of the keys `wanted`.
    pub(crate) fn new<S: AsRef<str>>(wanted: &[S]) -> KeyCensus {
        let mut seen_wanted = BTreeSet::new();
        KeyCensus {
            wanted: wanted
                .iter()
                .map(|k| k.as_ref().to_string())
                .filter(|k| seen_wanted.insert(k.clone()))
                .map(|k| (k, 0))
                .collect(),
            ..KeyCensus::default()
        }
    }

    /// The same census, saying in its error that `month` and `year` group
    /// by the `date` key.
    pub(crate) fn with_date_buckets(mut self) -> KeyCensus {
        self.buckets = true;
        self
    }

    /// Counts one article: its metadata keys, and for each key asked for
    /// whether the article has it (`has`, which may know more than the
    /// keys: `month` from `date`).
    pub(crate) fn add(&mut self, meta: &BTreeMap<String, String>, has: impl Fn(&str) -> bool) {
        self.documents += 1;
        for (key, n) in &mut self.wanted {
            if has(key) {
                *n += 1;
            }
        }
        for key in meta.keys() {
            if self.seen.len() >= KEYS_KEPT {
                self.more |= !self.seen.contains(key);
            } else {
                self.seen.insert(key.clone());
            }
        }
    }

    /// What the run says about the keys asked for.
    ///
    /// # Errors
    ///
    /// [`UnknownKey`] for the first key asked for that no article has
    /// (when there were articles at all).
    pub(crate) fn check(&self) -> Result<Vec<Lacking>, UnknownKey> {
        if self.documents == 0 {
            return Ok(Vec::new());
        }
        if let Some((key, _)) = self.wanted.iter().find(|(_, n)| *n == 0) {
            return Err(UnknownKey {
                key: key.clone(),
                known: self.seen.iter().cloned().collect(),
                more: self.more,
                buckets: self.buckets,
            });
        }
        Ok(self
            .wanted
            .iter()
            .filter(|(_, n)| *n < self.documents)
            .map(|(key, n)| Lacking {
                key: key.clone(),
                lacking: self.documents - n,
                documents: self.documents,
            })
            .collect())
    }
}

/// A key asked for that no article has.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct UnknownKey {
    /// The key.
    pub key: String,
    /// The keys the articles have (sorted).
    pub known: Vec<String>,
    /// There are more keys than `known` lists.
    pub more: bool,
    /// `month` and `year` would have grouped by `date`.
    pub buckets: bool,
}

impl fmt::Display for UnknownKey {
    /// "no article has the metadata key `outlett`; the keys are: date, outlet"
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "no article has the metadata key `{}`", self.key)?;
        if self.known.is_empty() {
            write!(f, "; the articles have no metadata")?;
        } else {
            write!(f, "; the keys are: {}", self.known.join(", "))?;
            if self.more {
                write!(f, ", …")?;
            }
        }
        if self.buckets {
            write!(f, " (`month` and `year` group by `date`)")?;
        }
        Ok(())
    }
}

impl std::error::Error for UnknownKey {}

/// A key asked for that some articles lack.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Lacking {
    /// The key.
    pub key: String,
    /// Articles without it.
    pub lacking: u64,
    /// Articles counted.
    pub documents: u64,
}

impl fmt::Display for Lacking {
    /// "`event`: 12 of 300 articles lack it"
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}`: {} of {} {} it",
            self.key,
            self.lacking,
            crate::render::count(self.documents, "article"),
            if self.lacking == 1 { "lacks" } else { "lack" }
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn census(wanted: &[&str], articles: &[&[(&str, &str)]]) -> KeyCensus {
        let mut c = KeyCensus::new(wanted);
        for a in articles {
            let m = meta(a);
            c.add(&m, |k| m.contains_key(k));
        }
        c
    }

    #[test]
    fn a_key_no_article_has_is_an_error_naming_the_keys() {
        let c = census(
            &["outlet", "outlett"],
            &[&[("outlet", "A"), ("date", "2020")], &[("outlet", "B")]],
        );
        let e = c.check().unwrap_err();
        assert_eq!(
            e.to_string(),
            "no article has the metadata key `outlett`; the keys are: date, outlet"
        );
        let e = census(&["x"], &[&[]]).check().unwrap_err();
        assert_eq!(
            e.to_string(),
            "no article has the metadata key `x`; the articles have no metadata"
        );
        let e = KeyCensus::new(&["x"]).with_date_buckets();
        let mut e = e;
        e.add(&meta(&[("date", "2020-01-01")]), |_| false);
        assert!(e
            .check()
            .unwrap_err()
            .to_string()
            .ends_with("the keys are: date (`month` and `year` group by `date`)"));
    }

    #[test]
    fn a_key_some_articles_lack_is_counted() {
        let c = census(
            &["event", "outlet"],
            &[
                &[("outlet", "A"), ("event", "e1")],
                &[("outlet", "A")],
                &[("outlet", "B")],
            ],
        );
        let lacking = c.check().unwrap();
        assert_eq!(lacking.len(), 1);
        assert_eq!(lacking[0].to_string(), "`event`: 2 of 3 articles lack it");
        // No articles: nothing to say.
        assert_eq!(KeyCensus::new(&["x"]).check(), Ok(Vec::new()));
    }

    #[test]
    fn kept_keys_are_bounded() {
        let mut c = KeyCensus::new(&["nope"]);
        for i in 0..200 {
            let m = meta(&[(&format!("k{i:03}"), "v")]);
            c.add(&m, |_| false);
        }
        let e = c.check().unwrap_err();
        assert_eq!(e.known.len(), KEYS_KEPT);
        assert!(e.more && e.to_string().ends_with(", …"));
    }
}
