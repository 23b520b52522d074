//! Tidy CSV of profiles, for pandas and R: one row per article and frame
//! (every frame of the pack, present or not), or with `--actors` one row
//! per article, actor and frame. Each row starts with the article's id and
//! source (the file, and line for JSON Lines, it was read from); metadata
//! columns come next: the keys asked for, or else those of the first
//! article.

use std::io::Write;

use crate::profile::article::ArticleProfile;

/// The columns every row starts with: what the article is and where it
/// came from (ids alone can repeat across files a user names).
const LEAD_COLUMNS: &[&str] = &["id", "source"];
const FRAME_COLUMNS: &[&str] = &[
    "words",
    "sentences",
    "frame",
    "score",
    "density",
    "frame_sentences",
    "share",
    "dominant",
];
const ACTOR_COLUMNS: &[&str] = &[
    "actor",
    "actor_name",
    "actor_kind",
    "mentions",
    "actor_sentences",
    "frame",
    "score",
];

/// Writes profiles as tidy CSV rows.
pub(crate) struct CsvProfiles<W: Write> {
    out: csv::Writer<W>,
    meta: Option<Vec<String>>,
    actors: bool,
    header_written: bool,
}

impl<W: Write> CsvProfiles<W> {
    /// A writer of article × frame rows (`actors`: article × actor × frame)
    /// with the metadata columns `meta` (`None`: the first article's keys).
    pub(crate) fn new(out: W, meta: Option<Vec<String>>, actors: bool) -> CsvProfiles<W> {
        CsvProfiles {
            out: csv::Writer::from_writer(out),
            meta,
            actors,
            header_written: false,
        }
    }

    /// Writes the header if it is not written yet and the metadata columns
    /// are known (given up front, so an empty corpus still has a header).
    ///
    /// # Errors
    ///
    /// The writer's error.
    pub(crate) fn header(&mut self) -> Result<(), csv::Error> {
        let Some(meta) = &self.meta else {
            return Ok(());
        };
        if self.header_written {
            return Ok(());
        }
        let tail = if self.actors {
            ACTOR_COLUMNS
        } else {
            FRAME_COLUMNS
        };
        // A metadata key named like a fixed column (`frame`, `score`) gets a
        // `meta_` prefix, so no header repeats.
        let meta_names = meta.iter().map(|k| {
            if LEAD_COLUMNS.contains(&k.as_str()) || tail.contains(&k.as_str()) {
                format!("meta_{k}")
            } else {
                k.clone()
            }
        });
        let header = LEAD_COLUMNS
            .iter()
            .map(|s| s.to_string())
            .chain(meta_names)
            .chain(tail.iter().map(|s| s.to_string()));
        self.out.write_record(header)?;
        self.header_written = true;
        Ok(())
    }

    /// Writes the rows of one profile (and the header before the first).
    ///
    /// # Errors
    ///
    /// The writer's error.
    pub(crate) fn write(&mut self, p: &ArticleProfile) -> Result<(), csv::Error> {
        if self.meta.is_none() {
            self.meta = Some(p.meta.keys().cloned().collect());
        }
        self.header()?;
        let meta = self.meta.as_deref().unwrap_or_default();
        let mut lead: Vec<String> = vec![p.id.clone(), p.source.clone()];
        lead.extend(
            meta.iter()
                .map(|k| p.meta.get(k).cloned().unwrap_or_default()),
        );
        if self.actors {
            for (id, a) in &p.actors {
                let kind = serde_json::to_value(a.kind)
                    .ok()
                    .and_then(|v| v.as_str().map(String::from))
                    .unwrap_or_default();
                for frame in p.frames.keys() {
                    let mut row = lead.clone();
                    row.extend([
                        id.clone(),
                        a.name.clone(),
                        kind.clone(),
                        a.mentions.to_string(),
                        a.sentences.to_string(),
                        frame.clone(),
                        a.frames.get(frame).copied().unwrap_or(0.0).to_string(),
                    ]);
                    self.out.write_record(&row)?;
                }
            }
        } else {
            for (frame, s) in &p.frames {
                let mut row = lead.clone();
                row.extend([
                    p.words.to_string(),
                    p.sentence_count.to_string(),
                    frame.clone(),
                    s.score.to_string(),
                    s.density.to_string(),
                    s.sentences.to_string(),
                    s.share.to_string(),
                    p.dominant.contains(frame).to_string(),
                ]);
                self.out.write_record(&row)?;
            }
        }
        Ok(())
    }

    /// Flushes and returns the underlying writer.
    ///
    /// # Errors
    ///
    /// The writer's error on flush.
    pub(crate) fn finish(mut self) -> Result<W, csv::Error> {
        // Even an empty corpus gets a header.
        self.meta.get_or_insert_with(Vec::new);
        self.header()?;
        self.out.into_inner().map_err(|e| e.into_error().into())
    }
}
