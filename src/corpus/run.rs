//! Running over a corpus: streams the documents of the inputs (see
//! [`crate::text::input`]), classifies them in parallel in input order (see
//! [`crate::corpus::stream`]), reports each skipped line or file and each warning
//! on stderr as it comes, shows a progress bar on a terminal, and ends with
//! a one-line summary. `--strict` turns the first problem into a stop.

use std::io::Write;
use std::panic::AssertUnwindSafe;
use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::corpus::stream::ordered_map;
use crate::text::document::{BadDate, Document};
use crate::text::input::{InputOptions, Inputs, Item};

/// How to run over a corpus.
#[derive(Clone, Debug, Default)]
pub struct RunOptions {
    /// Worker threads (at least 1).
    pub jobs: usize,
    /// Stop at the first problem (exit 2) instead of skipping it.
    pub strict: bool,
    /// No progress bar and no summary line.
    pub quiet: bool,
    /// Show a progress bar (stderr is a terminal and not quiet).
    pub progress: bool,
    /// How to read the inputs.
    pub input: InputOptions,
}

/// What a run went through.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct RunStats {
    /// Documents handed on.
    pub documents: u64,
    /// Bytes of document text.
    pub bytes: u64,
    /// Lines or files skipped.
    pub skipped: u64,
    /// Warnings (e.g. invalid UTF-8 replaced, a date that cannot be read).
    pub warnings: u64,
    /// Documents classified without a date because theirs could not be
    /// read (also counted in `warnings`).
    pub bad_dates: u64,
    /// Wall time.
    pub elapsed: Duration,
}

impl RunStats {
    /// `1,144 documents (7.2 MB) in 3.1 s · 2.3 MB/s · 0 skipped · 0 warnings`.
    pub(crate) fn line(&self) -> String {
        let secs = self.elapsed.as_secs_f64().max(1e-9);
        let mb = self.bytes as f64 / 1e6;
        let rate = self.documents as f64 / secs;
        format!(
            "{} ({mb:.1} MB) in {secs:.1} s · {:.1} MB/s · {rate:.prec$} documents/s · {} skipped · {}",
            crate::render::count(self.documents, "document"),
            mb / secs,
            self.skipped,
            crate::render::count(self.warnings, "warning"),
            prec = if rate < 10.0 { 1 } else { 0 }
        )
    }
}

/// Why a run stopped early.
#[derive(Debug)]
pub(crate) enum Stop {
    /// `--strict` and a problem (its report).
    Strict(String),
    /// The sink failed (e.g. writing the output).
    Sink(crate::error::Error),
}

/// One input item after the map step.
enum Mapped<T> {
    Doc {
        out: T,
        source: String,
        warnings: Vec<String>,
        bad_date: Option<BadDate>,
        bytes: usize,
    },
    Problem(String),
    /// Said on stderr (unless quiet), not counted.
    Note(String),
}

/// Distinct unreadable date values reported one by one; more are only
/// counted (a corpus of `01/05/2010` dates has one per day).
const BAD_DATES_SHOWN: usize = 20;

/// Dates that could not be read: each distinct value is reported once, and
/// counted.
#[derive(Default)]
struct BadDates {
    /// Value → articles with it, in the order first seen.
    counts: Vec<(String, u64)>,
    index: std::collections::HashMap<String, usize>,
}

impl BadDates {
    /// Counts `bad`; returns the warning to show when its value is new and
    /// fewer than [`BAD_DATES_SHOWN`] have been shown.
    fn add(&mut self, bad: &BadDate) -> Option<String> {
        let value = bad.error.value();
        if let Some(&i) = self.index.get(value) {
            self.counts[i].1 += 1;
            return None;
        }
        self.index.insert(value.to_string(), self.counts.len());
        self.counts.push((value.to_string(), 1));
        match self.counts.len() {
            n if n < BAD_DATES_SHOWN => Some(format!("{bad}; classified without a date")),
            BAD_DATES_SHOWN => Some(format!(
                "{bad}; classified without a date (further values that cannot be read are counted at the end, not shown)"
            )),
            _ => None,
        }
    }

    /// The closing count: `3 articles … (2 distinct values: `garbage` ×2,
    /// `01/05/2010` ×1)`; `None` when every date was read.
    fn summary(&self) -> Option<String> {
        let total: u64 = self.counts.iter().map(|(_, n)| n).sum();
        if total == 0 {
            return None;
        }
        let mut by_count: Vec<&(String, u64)> = self.counts.iter().collect();
        by_count.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
        let listed: Vec<String> = by_count
            .iter()
            .take(5)
            .map(|(v, n)| format!("`{v}` ×{n}"))
            .collect();
        let more = if by_count.len() > 5 { ", …" } else { "" };
        let distinct = self.counts.len();
        Some(format!(
            "{total} article{} classified without a date because theirs could not be read \
             ({distinct} distinct value{}: {}{more})",
            if total == 1 { " was" } else { "s were" },
            if distinct == 1 { "" } else { "s" },
            listed.join(", ")
        ))
    }
}

/// Maps every document of `paths` through `map` on `options.jobs` threads
/// and hands the results to `sink` in input order. Problems and warnings
/// are written to `stderr` as they come (`warning: skipped path:line:col:
/// …`); a date that cannot be read is reported once per distinct value and
/// counted at the end; with `strict` the first problem or warning stops
/// the run.
///
/// # Errors
///
/// [`Stop::Strict`] on the first problem under `strict`; [`Stop::Sink`]
/// when `sink` fails.
pub(crate) fn run<T: Send>(
    paths: &[PathBuf],
    options: &RunOptions,
    stderr: &mut dyn Write,
    map: impl Fn(Document) -> T + Sync,
    mut sink: impl FnMut(T) -> Result<(), crate::error::Error>,
) -> Result<RunStats, Stop> {
    let start = Instant::now();
    let inputs = Inputs::open(paths, options.input.clone());
    let counter = inputs.counter();
    let bar = if options.progress && !options.quiet {
        let bar = match inputs.total_bytes() {
            Some(total) => ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr()),
            None => ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr()),
        };
        bar.set_style(
            ProgressStyle::with_template(
                "{spinner} {elapsed_precise} [{wide_bar}] {bytes}/{total_bytes} {binary_bytes_per_sec} ETA {eta} · {msg}",
            )
            .expect("a valid template")
            .progress_chars("=> "),
        );
        bar
    } else {
        ProgressBar::hidden()
    };
    let mut stats = RunStats::default();
    let mut bad_dates = BadDates::default();
    let mut last_draw = Instant::now();
    let result = ordered_map(
        inputs,
        options.jobs.max(1),
        |item| match item {
            Item::Doc(doc) => {
                let source = doc.source.clone();
                let warnings = doc.warnings.clone();
                let bad_date = doc.date.bad().cloned();
                let bytes = doc.text.len();
                // One article that trips a bug is reported and skipped;
                // the rest of the corpus is still classified.
                match std::panic::catch_unwind(AssertUnwindSafe(|| map(doc))) {
                    Ok(out) => Mapped::Doc {
                        out,
                        source,
                        warnings,
                        bad_date,
                        bytes,
                    },
                    Err(panic) => {
                        let what = panic
                            .downcast_ref::<&str>()
                            .map(|s| s.to_string())
                            .or_else(|| panic.downcast_ref::<String>().cloned())
                            .unwrap_or_default();
                        Mapped::Problem(format!(
                            "{source}: internal error while classifying ({what}); please report it"
                        ))
                    }
                }
            }
            Item::Problem(p) => Mapped::Problem(p.to_string()),
            Item::Note(note) => Mapped::Note(note),
        },
        |mapped| {
            match mapped {
                Mapped::Note(note) => {
                    if !options.quiet {
                        bar.suspend(|| {
                            let _ = writeln!(stderr, "note: {note}");
                        });
                    }
                }
                Mapped::Problem(p) => {
                    stats.skipped += 1;
                    bar.suspend(|| {
                        let _ = writeln!(stderr, "warning: skipped {p}");
                    });
                    if options.strict {
                        return Err(Stop::Strict(p));
                    }
                }
                Mapped::Doc {
                    out,
                    source,
                    warnings,
                    bad_date,
                    bytes,
                } => {
                    for w in &warnings {
                        stats.warnings += 1;
                        bar.suspend(|| {
                            let _ = writeln!(stderr, "warning: {source}: {w}");
                        });
                    }
                    if options.strict {
                        if let Some(stop) = strict_stop(&source, &warnings, bad_date.as_ref()) {
                            return Err(Stop::Strict(stop));
                        }
                    }
                    if let Some(bad) = &bad_date {
                        stats.warnings += 1;
                        stats.bad_dates += 1;
                        if let Some(warning) = bad_dates.add(bad) {
                            bar.suspend(|| {
                                let _ = writeln!(stderr, "warning: {warning}");
                            });
                        }
                    }
                    stats.documents += 1;
                    stats.bytes += bytes as u64;
                    sink(out).map_err(Stop::Sink)?;
                }
            }
            if last_draw.elapsed() > Duration::from_millis(100) {
                last_draw = Instant::now();
                bar.set_position(counter.load(Ordering::Relaxed));
                bar.set_message(crate::render::count(stats.documents, "document"));
            }
            Ok(())
        },
    );
    bar.finish_and_clear();
    if result.is_ok() {
        if let Some(summary) = bad_dates.summary() {
            let _ = writeln!(stderr, "warning: {summary}");
        }
    }
    stats.elapsed = start.elapsed();
    result.map(|()| stats)
}

/// Under `--strict`, what stops a run at a document read from `source`:
/// its first warning (invalid UTF-8, a renamed id), else a date that
/// cannot be read. Every command that reads articles stops the same way.
pub(crate) fn strict_stop(
    source: &str,
    warnings: &[String],
    bad_date: Option<&BadDate>,
) -> Option<String> {
    warnings
        .first()
        .map(|w| format!("{source}: {w}"))
        .or_else(|| bad_date.map(ToString::to_string))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::date::parse_date;

    fn bad(line: usize, value: &str) -> BadDate {
        BadDate {
            at: format!("c.jsonl:{line}"),
            field: "date".into(),
            error: parse_date(value, None).unwrap_err(),
        }
    }

    #[test]
    fn each_bad_value_is_shown_once_up_to_a_limit_and_all_are_counted() {
        let mut dates = BadDates::default();
        let shown = dates.add(&bad(1, "garbage")).unwrap();
        assert!(
            shown.starts_with("c.jsonl:1: field `date`: `garbage`"),
            "{shown}"
        );
        assert!(shown.ends_with("; classified without a date"), "{shown}");
        assert_eq!(dates.add(&bad(2, "garbage")), None);
        let mut shown = 1;
        for i in 0..30 {
            let value = format!("{:02}/01/2010", i + 1);
            let warning = dates.add(&bad(3 + i, &value));
            shown += usize::from(warning.is_some());
            if let Some(w) = warning.filter(|_| shown == BAD_DATES_SHOWN) {
                assert!(w.contains("counted at the end, not shown"), "{w}");
            }
        }
        assert_eq!(shown, BAD_DATES_SHOWN);
        assert_eq!(
            dates.summary().unwrap(),
            "32 articles were classified without a date because theirs could not be read \
             (31 distinct values: `garbage` ×2, `01/01/2010` ×1, `02/01/2010` ×1, \
             `03/01/2010` ×1, `04/01/2010` ×1, …)"
        );
        assert_eq!(BadDates::default().summary(), None);
    }
}
