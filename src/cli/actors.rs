//! `actors`: who stands with whom over the inputs, as a table, JSON or a
//! Graphviz digraph.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::corpus::Out;
use super::read::for_each_document;
use super::{to_json, ActorsFormat, RunArgs, Terminal};
use crate::error::Error;
use crate::pack::ruleset::RuleSet;
use crate::profile::actors::{dot, table, ActorsView};
use crate::profile::article::profile;

/// `actors`.
#[allow(clippy::too_many_arguments)]
pub(super) fn actors(
    rules: &RuleSet,
    paths: &[PathBuf],
    format: ActorsFormat,
    min_sentences: usize,
    output: Option<&Path>,
    run: &RunArgs,
    terminal: Terminal,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<u8, Error> {
    let mut view = ActorsView::new(rules.info.clone());
    let stop = for_each_document(
        paths,
        run,
        terminal,
        stderr,
        |doc| profile(rules, &doc),
        |p| view.add(&p),
    )?;
    if let Some(code) = stop {
        return Ok(code);
    }
    let text = match format {
        ActorsFormat::Table => table(&view),
        ActorsFormat::Json => to_json(&view),
        ActorsFormat::Dot => dot(&view, min_sentences),
    };
    Out::write_whole(output, stdout, &text)?;
    Ok(0)
}
