//! Reading articles for the commands: the corpus run loop with its
//! reporting (skipped inputs, warnings, the summary line, exit codes), shared
//! by every command that reads many articles.

use std::io::Write;
use std::path::PathBuf;

use super::{RunArgs, Terminal};
use crate::corpus::run::{run, RunOptions, RunStats, Stop};
use crate::error::Error;
use crate::text::document::Document;

/// The warnings of one document read on its own (outside a corpus run,
/// which reports them itself): its own, and a date that cannot be read.
pub(super) fn warning_lines(doc: &Document) -> Vec<String> {
    let mut out: Vec<String> = doc
        .warnings
        .iter()
        .map(|w| format!("warning: {}: {w}", doc.source))
        .collect();
    if let Some(bad) = doc.date.bad() {
        out.push(format!("warning: {bad}; classified without a date"));
    }
    out
}

/// Under `--strict`, what stops a run at `doc`, as the corpus run stops
/// ([`crate::corpus::run::strict_stop`]).
pub(super) fn strict_stop(doc: &Document) -> Option<String> {
    crate::corpus::run::strict_stop(&doc.source, &doc.warnings, doc.date.bad())
}

/// Writes the warnings of one document read on its own (see
/// [`warning_lines`]).
pub(super) fn report_warnings(doc: &Document, stderr: &mut dyn Write) {
    for w in warning_lines(doc) {
        let _ = writeln!(stderr, "{w}");
    }
}

/// Ends a run: the summary line, and the exit code for how it stopped
/// (`None`: go on and write the output).
pub(super) fn conclude(
    result: Result<RunStats, Stop>,
    options: &RunOptions,
    to_file: bool,
    stderr: &mut dyn Write,
) -> Result<Option<u8>, Error> {
    match result {
        Ok(stats) => {
            if !options.quiet {
                let _ = writeln!(stderr, "framescope: {}", stats.line());
            }
            if stats.documents == 0 && stats.skipped > 0 {
                let _ = writeln!(stderr, "error: no document could be read");
                return Ok(Some(2));
            }
            Ok(None)
        }
        Err(Stop::Strict(problem)) => {
            let written = if to_file {
                "the output file was not written"
            } else {
                "the output stops at the article before it"
            };
            let _ = writeln!(stderr, "error: --strict: stopped at {problem}; {written}");
            Ok(Some(2))
        }
        Err(Stop::Sink(e)) => Err(e),
    }
}

/// Reads every document under `paths` as `run` says (threads, input
/// options, strictness), maps each through `map` on the worker threads and
/// hands the results to `sink` in input order. Unreadable files and bad
/// lines are reported and skipped. Returns the exit code when the command
/// must stop before writing its output (nothing readable, `--strict`).
pub(super) fn for_each_document<T: Send>(
    paths: &[PathBuf],
    run_args: &RunArgs,
    terminal: Terminal,
    stderr: &mut dyn Write,
    map: impl Fn(Document) -> T + Sync,
    mut sink: impl FnMut(T),
) -> Result<Option<u8>, Error> {
    let options = run_args.options(terminal);
    let result = run(paths, &options, stderr, map, |out| {
        sink(out);
        Ok(())
    });
    // Reports are written whole after the run: a stop writes nothing.
    conclude(result, &options, true, stderr)
}
