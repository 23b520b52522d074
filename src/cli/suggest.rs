//! `rules suggest`: candidate rules from labelled examples.

use std::io::Write;
use std::path::Path;

use super::articles::Articles;
use super::{read_text, to_json, write_out, InputArgs, ReportFormat};
use crate::error::Error;
use crate::pack::load::PackSource;
use crate::pack::ruleset::RuleSet;
use crate::tools::suggest::{read_labels, suggest as mine, Labels, SuggestOptions};

/// `rules suggest`.
#[allow(clippy::too_many_arguments)]
pub(super) fn suggest(
    source: &PackSource,
    rules: &RuleSet,
    gold: Option<&Path>,
    labels: Option<(&Path, &str)>,
    articles: Option<&Path>,
    input: &InputArgs,
    options: &SuggestOptions,
    format: ReportFormat,
    write: Option<&Path>,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<u8, Error> {
    let Some(docs) = Articles::open(articles, input, stderr) else {
        return Ok(2);
    };
    let get = |id: &str| docs.get(id);
    let (gold_labels, article_labels);
    let found = if let Some(path) = gold {
        gold_labels =
            crate::tools::eval::read_gold(&read_text(path)?, &path.display().to_string())?;
        mine(
            source,
            rules,
            Labels::Sentences(&gold_labels),
            &get,
            options,
        )?
    } else {
        let (path, field) = labels.expect("clap requires --gold or --labels");
        article_labels = read_labels(&read_text(path)?, &path.display().to_string(), field)?;
        mine(
            source,
            rules,
            Labels::Articles(&article_labels),
            &get,
            options,
        )?
    };
    if !docs.report(stderr) {
        return Ok(2);
    }
    if let Some(path) = write {
        crate::corpus::output::write_atomic(path, &found.toml())?;
        let _ = writeln!(
            stderr,
            "wrote {} (nothing applied: review it, then paste)",
            path.display()
        );
    }
    let text = match format {
        ReportFormat::Text => found.report(),
        ReportFormat::Json => to_json(&found),
    };
    write_out(stdout, &text)?;
    Ok(0)
}
