//! `rules …`: work on a rule pack (`fmt`, `import`, `lint`, `test`) and
//! measure it over a corpus (`coverage`).

use std::io::Write;
use std::path::{Path, PathBuf};

use super::read::for_each_document;
use super::{to_json, write_out, ReportFormat, RunArgs, Terminal};
use crate::engine::analysis::analyze;
use crate::error::{Error, Lint};
use crate::pack::files;
use crate::pack::load::PackSource;
use crate::pack::ruleset::RuleSet;

pub(super) fn import(
    from: crate::pack::import::DictFormat,
    file: &Path,
    out: &Path,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<u8, Error> {
    let text = std::fs::read_to_string(file).map_err(|source| Error::Io {
        path: file.to_path_buf(),
        source,
    })?;
    let imported = crate::pack::import::import(from, &file.display().to_string(), &text)?;
    for note in &imported.notes {
        // `file:line`: the note's location names the file as given.
        let _ = writeln!(stderr, "warning: {}: {}", note.at, note.message);
    }
    crate::pack::import::write_pack(out, &imported.files)?;
    let frames = imported
        .files
        .iter()
        .filter(|(p, _)| p.starts_with(files::FRAMES_DIR))
        .count();
    write_out(
        stdout,
        &format!(
            "wrote {} ({frames} frames) from {}; {} construct(s) reported above\n\
             next: framescope --rules {} rules lint, then add [[test]] examples to each frame\n",
            out.display(),
            file.display(),
            imported.notes.len(),
            out.display()
        ),
    )?;
    Ok(0)
}

pub(super) fn fmt(
    dir: Option<&Path>,
    check: bool,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<u8, Error> {
    let dir = match dir {
        Some(dir) => dir.to_path_buf(),
        None if Path::new("rules/pack.toml").is_file() => PathBuf::from("rules"),
        None => {
            let _ = writeln!(
                stderr,
                "error: no ./rules directory here: pass --rules DIR (the built-in pack cannot be rewritten)"
            );
            return Ok(2);
        }
    };
    let source = PackSource::from_dir(&dir)?;
    // A pack that does not load is not rewritten: its errors come first
    // (`rules lint` lists them all), and a file rewritten around a
    // mistake could hide where it was.
    if !check {
        let rules = match RuleSet::from_source(&source) {
            Ok(rules) => rules,
            Err(Error::Pack(errors)) => {
                let _ = writeln!(
                stderr,
                "error: {} does not load ({} error{}): not reformatted; fix them first (framescope --rules {} rules lint)",
                dir.display(),
                errors.len(),
                if errors.len() == 1 { "" } else { "s" },
                dir.display()
            );
                return Ok(1);
            }
            Err(e) => return Err(e),
        };
        // Sorting puts every term before a wildcard of its list that covers
        // it (`profits` before `profit*`), and the rule declared first wins
        // a tie: a term that such a wildcard shadows today (FS004) would
        // start to match. A formatter never changes what a pack matches.
        let shadowed: Vec<_> = crate::pack::lint::lint_loaded(&source, &rules)
            .into_iter()
            .filter(|f| f.code == Lint::ShadowedPattern.doc().code)
            .collect();
        if !shadowed.is_empty() {
            let _ = writeln!(
                stderr,
                "error: not reformatted: sorting would move {} shadowed term{} before the wildcard that wins {} ties today, so {} would start to match ({}):",
                shadowed.len(),
                if shadowed.len() == 1 { "" } else { "s" },
                if shadowed.len() == 1 { "its" } else { "their" },
                if shadowed.len() == 1 { "it" } else { "they" },
                Lint::ShadowedPattern.doc().code,
            );
            for f in &shadowed {
                let _ = writeln!(stderr, "  {}: {}", f.at, f.message);
            }
            let _ = writeln!(
                stderr,
                "remove each dead term (or move it before its wildcard, if it should match), then run fmt again"
            );
            return Ok(1);
        }
    }
    let mut changed = Vec::new();
    for (path, text) in source.files() {
        let formatted = crate::pack::canonical::format_file(path, text)?;
        if &formatted != text {
            if !check {
                crate::corpus::output::write_atomic(&dir.join(path), &formatted)?;
            }
            changed.push(path.as_str());
        }
    }
    let mut out = String::new();
    let verb = if check {
        "not canonical"
    } else {
        "reformatted"
    };
    for path in &changed {
        out.push_str(&format!("{verb}: {}\n", dir.join(path).display()));
    }
    out.push_str(&format!(
        "{} of {} files {}\n",
        changed.len(),
        source.files().len(),
        if check {
            "need formatting"
        } else {
            "reformatted"
        }
    ));
    write_out(stdout, &out)?;
    Ok(u8::from(check && !changed.is_empty()))
}

pub(super) fn lint(
    source: &PackSource,
    pack: &str,
    format: ReportFormat,
    explain: Option<&str>,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<u8, Error> {
    if let Some(code) = explain {
        return match crate::pack::lint::lookup(code) {
            Some(c) => {
                write_out(stdout, &crate::pack::lint::explain_code(c))?;
                Ok(0)
            }
            None => {
                let codes: Vec<String> = crate::pack::lint::CODES
                    .iter()
                    .map(|c| format!("{} {}", c.code, c.name))
                    .collect();
                let _ = writeln!(
                    stderr,
                    "error: unknown lint code `{code}`; the codes are:\n  {}",
                    codes.join("\n  ")
                );
                Ok(2)
            }
        };
    }
    let findings = crate::pack::lint::lint(source);
    let text = match format {
        ReportFormat::Text => format!("pack: {pack}\n{}", crate::pack::lint::report(&findings)),
        ReportFormat::Json => to_json(&findings),
    };
    write_out(stdout, &text)?;
    // A pack that does not load is broken (2), as for every other command;
    // one that loads with errors has findings (1).
    let broken = findings.iter().any(|f| f.name == "invalid-pack");
    let errors = findings
        .iter()
        .any(|f| f.level == crate::pack::lint::Level::Error);
    Ok(if broken { 2 } else { u8::from(errors) })
}

/// `rules test`: every `[[test]]` example of the pack; exit 1 on a failure.
pub(super) fn test(
    rules: &RuleSet,
    pack: &str,
    format: ReportFormat,
    stdout: &mut dyn Write,
) -> Result<u8, Error> {
    let outcomes = crate::pack::ruletest::run_tests(rules);
    let text = match format {
        ReportFormat::Text => format!("pack: {pack}\n{}", crate::pack::ruletest::report(&outcomes)),
        ReportFormat::Json => to_json(&outcomes),
    };
    write_out(stdout, &text)?;
    Ok(u8::from(outcomes.iter().any(|o| !o.passed())))
}

/// `rules coverage`: hits per term and frame, dead rules, candidates.
#[allow(clippy::too_many_arguments)]
pub(super) fn coverage(
    rules: &RuleSet,
    paths: &[PathBuf],
    top: usize,
    format: ReportFormat,
    output: Option<&Path>,
    run: &RunArgs,
    terminal: Terminal,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<u8, Error> {
    let mut coverage = crate::tools::coverage::Coverage::new(rules);
    let stop = for_each_document(
        paths,
        run,
        terminal,
        stderr,
        |doc| analyze(rules, &doc),
        |analysis| coverage.add_analysis(rules, &analysis),
    )?;
    if let Some(code) = stop {
        return Ok(code);
    }
    let text = match format {
        ReportFormat::Text => coverage.report(rules, top),
        ReportFormat::Json => to_json(&coverage),
    };
    super::corpus::Out::write_whole(output, stdout, &text)?;
    Ok(0)
}
