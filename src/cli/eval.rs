//! `eval`: the rules against gold labels.

use std::io::Write;
use std::path::Path;

use super::articles::Articles;
use super::{read_text, to_json, write_out, InputArgs, ReportFormat};
use crate::error::Error;
use crate::pack::ruleset::RuleSet;

/// `eval`: exit 1 when frame micro-F1 is below `min_f1`.
#[allow(clippy::too_many_arguments)]
pub(super) fn eval(
    rules: &RuleSet,
    gold: &Path,
    articles: Option<&Path>,
    format: ReportFormat,
    min_f1: Option<f64>,
    input: &InputArgs,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<u8, Error> {
    let labels = crate::tools::eval::read_gold(&read_text(gold)?, &gold.display().to_string())?;
    let Some(docs) = Articles::open(articles, input, stderr) else {
        return Ok(2);
    };
    let ev = crate::tools::eval::evaluate(rules, &labels, |article| docs.get(article));
    if !docs.report(stderr) {
        return Ok(2);
    }
    let text = match format {
        ReportFormat::Text => crate::tools::eval::report(&ev, &rules.info),
        ReportFormat::Json => to_json(&ev),
    };
    write_out(stdout, &text)?;
    let f1 = ev.frames_micro.f1();
    match min_f1 {
        Some(min) if f1 < min => {
            let _ = writeln!(stderr, "frame micro-F1 {f1:.3} is below --min-f1 {min}");
            Ok(1)
        }
        _ => Ok(0),
    }
}
