//! `diff`: two rule packs over the same documents.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::corpus::Out;
use super::read::for_each_document;
use super::{to_json, ReportFormat, RunArgs, Terminal};
use crate::error::Error;
use crate::pack::load::PackSource;
use crate::pack::ruleset::RuleSet;
use crate::profile::article::profile;
use crate::tools::diff::{report, PackDiff};

/// A pack named on the command line: a directory if one exists there, else
/// a git revision.
pub(super) fn pack_by_spec(spec: &str) -> Result<PackSource, Error> {
    let path = Path::new(spec);
    if path.is_dir() {
        PackSource::from_dir(path)
    } else {
        PackSource::from_git(spec)
    }
}

/// `error` of the pack given as `spec` (a directory or `REV[:DIR]`), with
/// each problem's file named as within that pack (`my-rules/frames/x.toml`,
/// `HEAD~1:rules/frames/x.toml`): a diff reads two packs with the same file
/// names.
pub(super) fn in_pack(spec: &str, error: Error) -> Error {
    let Error::Pack(diagnostics) = error else {
        return error;
    };
    let prefix = if Path::new(spec).is_dir() || spec.contains(':') {
        format!("{}/", spec.trim_end_matches('/'))
    } else {
        format!("{spec}:rules/")
    };
    Error::Pack(
        diagnostics
            .into_iter()
            .map(|mut d| {
                d.at.file = format!("{prefix}{}", d.at.file);
                d
            })
            .collect(),
    )
}

/// `diff`: profiles every document with packs `a` and `b` and reports what
/// moved.
#[allow(clippy::too_many_arguments)]
pub(super) fn diff(
    a: &RuleSet,
    b: &RuleSet,
    threshold: f64,
    format: ReportFormat,
    output: Option<&Path>,
    paths: &[PathBuf],
    run: &RunArgs,
    terminal: Terminal,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<u8, Error> {
    let mut diff = PackDiff::new(a.info.clone(), b.info.clone(), threshold);
    let stop = for_each_document(
        paths,
        run,
        terminal,
        stderr,
        |doc| (profile(a, &doc), profile(b, &doc)),
        |(pa, pb)| diff.add(&pa, &pb),
    )?;
    if let Some(code) = stop {
        return Ok(code);
    }
    diff.finish();
    let text = match format {
        ReportFormat::Text => report(&diff),
        ReportFormat::Json => to_json(&diff),
    };
    Out::write_whole(output, stdout, &text)?;
    Ok(0)
}
