//! `kwic`: streams the inputs through the analysis on every core and writes
//! each match in context, in input order, or counts per group or article.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::corpus::{csv_error, report_keys, Out};
use super::read::conclude;
use super::{ColorChoice, KwicFormat, RunArgs, Terminal};
use crate::corpus::run::run;
use crate::error::Error;
use crate::pack::load::PackSource;
use crate::pack::ruleset::RuleSet;
use crate::render::count;
use crate::text::document::Document;
use crate::tools::kwic::{Kwic, Line, QueryKind, Tally};

/// What `kwic` prints.
pub(super) enum View {
    /// Every match.
    Lines,
    /// Counts per group of a metadata key.
    By(String),
    /// The articles with most matches.
    TopArticles(usize),
}

/// `kwic QUERY PATH...`.
#[allow(clippy::too_many_arguments)]
pub(super) fn kwic(
    source: &PackSource,
    rules: &RuleSet,
    query: &str,
    kind: QueryKind,
    paths: &[PathBuf],
    view: View,
    format: KwicFormat,
    color: ColorChoice,
    output: Option<&Path>,
    args: &RunArgs,
    terminal: Terminal,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<u8, Error> {
    let kwic = Kwic::new(source, rules, query, kind)?;
    let color = output.is_none()
        && format == KwicFormat::Table
        && match color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => terminal.stdout_is_tty && !terminal.no_color,
        };
    let options = args.options(terminal);
    let mut out = Out::open(output, stdout)?;
    let q = kwic.query();
    if let (View::Lines, KwicFormat::Table) = (&view, format) {
        out.put(&format!(
            "{} `{}` · rules {}\n",
            q.kind(),
            q.text(),
            rules.info.stamp()
        ))?;
    }
    if let (View::Lines, KwicFormat::Csv) = (&view, format) {
        out.put(&csv_row(Line::CSV_HEADER))?;
    }
    let mut tally = Tally::new(match &view {
        View::By(key) => Some(key.as_str()),
        _ => None,
    });
    let result = run(
        paths,
        &options,
        stderr,
        |mut doc: Document| {
            let lines = kwic.lines(&doc);
            doc.text = String::new();
            (doc, lines)
        },
        |(doc, lines)| {
            tally.add(&doc, &lines);
            if !matches!(view, View::Lines) {
                return Ok(());
            }
            match format {
                KwicFormat::Table => {
                    for l in &lines {
                        out.put(&l.table_row(color))?;
                    }
                }
                KwicFormat::Jsonl => {
                    for l in &lines {
                        let mut s = serde_json::to_string(l).expect("lines serialize");
                        s.push('\n');
                        out.put(&s)?;
                    }
                }
                KwicFormat::Csv => {
                    for l in &lines {
                        out.put(&csv_row(l.csv_record()))?;
                    }
                }
            }
            Ok(())
        },
    );
    if let Some(code) = conclude(result, &options, output.is_some(), stderr)? {
        return Ok(code);
    }
    if !tally.keys().is_none_or(|keys| report_keys(keys, stderr)) {
        return Ok(2);
    }
    let summary = match &view {
        View::Lines => match format {
            KwicFormat::Table => format!(
                "{} in {} of {}\n",
                count(tally.matches as u64, "match"),
                tally.top_articles(usize::MAX).len(),
                count(tally.documents as u64, "document")
            ),
            _ => String::new(),
        },
        View::By(_) => match format {
            KwicFormat::Table => tally.groups_table(q),
            KwicFormat::Jsonl => jsonl(&tally.groups()),
            KwicFormat::Csv => {
                let mut w = csv::Writer::from_writer(Vec::new());
                w.write_record(["group", "matches", "articles", "documents"])
                    .map_err(|e| csv_error(output, e))?;
                for g in tally.groups() {
                    w.write_record([
                        g.group,
                        g.matches.to_string(),
                        g.articles.to_string(),
                        g.documents.to_string(),
                    ])
                    .map_err(|e| csv_error(output, e))?;
                }
                csv_text(w)
            }
        },
        View::TopArticles(n) => match format {
            KwicFormat::Table => tally.articles_table(q, *n),
            KwicFormat::Jsonl => jsonl(&tally.top_articles(*n)),
            KwicFormat::Csv => {
                let mut w = csv::Writer::from_writer(Vec::new());
                w.write_record([
                    "rank",
                    "id",
                    "title",
                    "outlet",
                    "date",
                    "matches",
                    "share",
                    "cumulative",
                ])
                .map_err(|e| csv_error(output, e))?;
                for (i, a) in tally.top_articles(*n).into_iter().enumerate() {
                    w.write_record([
                        (i + 1).to_string(),
                        a.id,
                        a.title.unwrap_or_default(),
                        a.outlet.unwrap_or_default(),
                        a.date.unwrap_or_default(),
                        a.matches.to_string(),
                        a.share.to_string(),
                        a.cumulative.to_string(),
                    ])
                    .map_err(|e| csv_error(output, e))?;
                }
                csv_text(w)
            }
        },
    };
    out.put(&summary)?;
    out.finish()?;
    Ok(0)
}

fn jsonl<T: serde::Serialize>(items: &[T]) -> String {
    let mut out = String::new();
    for item in items {
        out.push_str(&serde_json::to_string(item).expect("counts serialize"));
        out.push('\n');
    }
    out
}

/// One CSV record, quoted as needed, with its line end.
fn csv_row<I: IntoIterator<Item = T>, T: AsRef<[u8]>>(record: I) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(record)
        .expect("writing to a Vec never fails");
    csv_text(w)
}

fn csv_text(w: csv::Writer<Vec<u8>>) -> String {
    let bytes = w.into_inner().expect("a Vec never fails");
    String::from_utf8(bytes).expect("CSV of UTF-8 strings")
}
