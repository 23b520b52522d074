//! `diff`: two rule packs over the same documents.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::corpus::Out;
use super::read::for_each_document;
use super::{to_json, ReportFormat, RunArgs, Terminal};
use crate::error::Error;
use crate::pack::load::{PackSource, GIT_PACK_DIR};
use crate::pack::ruleset::RuleSet;
use crate::profile::article::profile;
use crate::tools::diff::{report, PackDiff};

/// The pack named on the command line as `spec` (a directory if one
/// exists there, else a git revision, `REV[:DIR]`), compiled by `compile`.
/// Its problems are named as within that pack (`my-rules/frames/x.toml`,
/// `HEAD~1:rules/frames/x.toml`): a diff reads two packs with the same
/// file names.
pub(super) fn pack_by_spec(
    spec: &str,
    compile: impl Fn(&PackSource) -> Result<RuleSet, Error>,
) -> Result<RuleSet, Error> {
    let path = Path::new(spec);
    let is_dir = path.is_dir();
    let source = if is_dir {
        PackSource::from_dir(path)
    } else {
        PackSource::from_git(spec)
    };
    let name = spec.trim_end_matches('/');
    let prefix = if is_dir || spec.contains(':') {
        format!("{name}/")
    } else {
        format!("{name}:{GIT_PACK_DIR}/")
    };
    source.and_then(|source| compile(&source)).map_err(|error| {
        let Error::Pack(diagnostics) = error else {
            return error;
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
    })
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
