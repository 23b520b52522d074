//! The `report` command: reads articles (classifying them on every core) or
//! `classify --format jsonl` output (not classified again), gathers the
//! report's data and writes the HTML page whole or not at all.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::corpus::{dropped_profiles, read_profiles, split_inputs, Out};
use super::read::conclude;
use super::{RunArgs, Terminal};
use crate::corpus::run::run;
use crate::error::Error;
use crate::pack::ruleset::RuleSet;
use crate::profile::article::profile;
use crate::report::{frame_labels, page, Gatherer, ReportArticle, ReportOptions};

/// The default title: the inputs' file names.
pub(super) fn default_title(paths: &[PathBuf]) -> String {
    let names: Vec<String> = paths
        .iter()
        .map(|p| {
            p.file_name().map_or_else(
                || p.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            )
        })
        .collect();
    format!("framescope report: {}", names.join(", "))
}

/// `report`.
#[allow(clippy::too_many_arguments)]
pub(super) fn report(
    rules: &RuleSet,
    paths: &[PathBuf],
    options: ReportOptions,
    title: &str,
    output: Option<&Path>,
    args: &RunArgs,
    terminal: Terminal,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<u8, Error> {
    let run_opts = args.options(terminal);
    let (profiles, documents) = split_inputs(paths);
    let mut gatherer = Gatherer::new(options, frame_labels(rules));
    let mut mixed: Option<crate::corpus::aggregate::Mismatch> = None;
    let mut skipped = 0;
    for path in &profiles {
        match read_profiles(
            path,
            run_opts.strict,
            stderr,
            ReportArticle::from_json,
            |a| gatherer.add(a),
        )? {
            Some((_, bad)) => skipped += bad,
            None => return Ok(2),
        }
    }
    if !documents.is_empty() {
        let result = run(
            &documents,
            &run_opts,
            stderr,
            |doc| ReportArticle::from_profile(&profile(rules, &doc)),
            |a| {
                if let Err(e) = gatherer.add(a) {
                    mixed.get_or_insert(e);
                }
                Ok(())
            },
        );
        if let Some(code) = conclude(result, &run_opts, true, stderr)? {
            return Ok(code);
        }
    }
    if let Some(e) = mixed {
        let _ = writeln!(stderr, "error: {e}");
        return Ok(2);
    }
    let data = gatherer.finish(title);
    Out::write_whole(output, stdout, &page(&data))?;
    Ok(dropped_profiles(skipped, stderr))
}
