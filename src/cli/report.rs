//! The `report` command: reads articles (classifying them on every core) or
//! `classify --format jsonl` output (not classified again), gathers the
//! report's data and writes the HTML page whole or not at all.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::corpus::{dropped_profiles, gather, report_keys, Out};
use super::{RunArgs, Terminal};
use crate::error::Error;
use crate::pack::ruleset::RuleSet;
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
    let mut gatherer = Gatherer::new(options, frame_labels(rules));
    let skipped = match gather(
        rules,
        paths,
        &run_opts,
        stderr,
        ReportArticle::from_json,
        ReportArticle::from_profile,
        |a| gatherer.add(a),
    )? {
        Ok(skipped) => skipped,
        Err(code) => return Ok(code),
    };
    if !gatherer.keys().is_none_or(|keys| report_keys(keys, stderr)) {
        return Ok(2);
    }
    let data = gatherer.finish(title);
    Out::write_whole(output, stdout, &page(&data))?;
    Ok(dropped_profiles(skipped, stderr))
}
