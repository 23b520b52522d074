//! The command-line interface: parses arguments with clap ([`args`]), turns
//! them into work on the library, one module per command, and writes results
//! and diagnostics to the writers it is given (so tests drive it in-process).
//! Exit codes: 0 ok, 1 findings, 2 usage, I/O or rule-pack errors.

use std::ffi::OsString;
use std::io::Write;

mod actors;
mod args;
mod articles;
mod corpus;
mod diff;
mod eval;
mod explain;
mod kwic;
mod read;
mod report;
mod rules;
mod suggest;

pub use args::Args;
pub(crate) use args::{
    ActorsFormat, ColorChoice, Command, CompareFormat, Format, InputArgs, KwicAs, KwicFormat,
    MergeFormat, Reads, ReportFormat, RulesCommand, RunArgs,
};

use clap::Parser;

use crate::error::Error;
use crate::pack::load::PackSource;
use crate::pack::ruleset::RuleSet;

/// Facts about the environment that change how output looks.
#[derive(Clone, Copy, Debug, Default)]
pub struct Terminal {
    /// Stdout is a terminal.
    pub stdout_is_tty: bool,
    /// Stderr is a terminal (progress bars are drawn there).
    pub stderr_is_tty: bool,
    /// The NO_COLOR environment variable is set (and not empty).
    pub no_color: bool,
}

/// Runs the CLI with `args` (including the program name) and returns the
/// exit code.
pub fn run<I, T>(args: I, terminal: Terminal, stdout: &mut dyn Write, stderr: &mut dyn Write) -> u8
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let args = match Args::try_parse_from(args) {
        Ok(args) => args,
        Err(e) => {
            let text = e.render().to_string();
            return if e.use_stderr() {
                let _ = write!(stderr, "{text}");
                2
            } else {
                let _ = write!(stdout, "{text}");
                0
            };
        }
    };
    match execute(&args, terminal, stdout, stderr) {
        Ok(code) => code,
        Err(e) if is_broken_pipe(&e) => 0,
        Err(e) => {
            let _ = writeln!(stderr, "error: {e}");
            2
        }
    }
}

/// Hands each command to its module; the rule pack is loaded by the
/// commands that use one.
fn execute(
    args: &Args,
    terminal: Terminal,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<u8, Error> {
    if let Some((output, inputs, reads)) = args.command.output_and_inputs() {
        corpus::refuse_output_among_inputs(output, inputs, reads)?;
    }
    match &args.command {
        Command::Classify {
            paths,
            format,
            actors,
            meta,
            output,
            run,
        } => corpus::classify(
            &load(args, stderr)?,
            paths,
            *format,
            *actors,
            meta.as_deref(),
            output.as_deref(),
            run,
            terminal,
            stdout,
            stderr,
        ),
        Command::Report {
            paths,
            output,
            by,
            pair_by,
            title,
            min_docs,
            max_articles,
            resamples,
            seed,
            run,
        } => {
            let options = crate::report::ReportOptions {
                by: by.clone(),
                pair_by: pair_by.clone(),
                min_docs: *min_docs,
                max_articles: *max_articles,
                resamples: *resamples,
                seed: *seed,
                ..crate::report::ReportOptions::default()
            };
            let title = title
                .clone()
                .unwrap_or_else(|| report::default_title(paths));
            report::report(
                &load(args, stderr)?,
                paths,
                options,
                &title,
                output.as_deref(),
                run,
                terminal,
                stdout,
                stderr,
            )
        }
        Command::Compare {
            paths,
            by,
            min_docs,
            pair_by,
            resamples,
            seed,
            top_terms,
            format,
            output,
            run,
        } => {
            let options = crate::corpus::compare::CompareOptions {
                by: by.clone(),
                min_docs: *min_docs,
                pair_by: pair_by.clone(),
                resamples: *resamples,
                seed: *seed,
                top_terms: *top_terms,
                ..crate::corpus::compare::CompareOptions::default()
            };
            corpus::compare(
                &load(args, stderr)?,
                paths,
                options,
                *format,
                output.as_deref(),
                run,
                terminal,
                stdout,
                stderr,
            )
        }
        Command::Kwic {
            query,
            paths,
            kind,
            by,
            top_articles,
            format,
            color,
            output,
            run,
        } => {
            let view = match (by, top_articles) {
                (Some(key), _) => kwic::View::By(key.clone()),
                (None, Some(n)) => kwic::View::TopArticles(*n),
                (None, None) => kwic::View::Lines,
            };
            let kind = match kind {
                KwicAs::Auto => crate::tools::kwic::QueryKind::Auto,
                KwicAs::Pattern => crate::tools::kwic::QueryKind::Pattern,
                KwicAs::Rule => crate::tools::kwic::QueryKind::Rule,
                KwicAs::Actor => crate::tools::kwic::QueryKind::Actor,
            };
            let source = pack_source(args)?;
            kwic::kwic(
                &source,
                &compile(args, &source)?,
                query,
                kind,
                paths,
                view,
                *format,
                *color,
                output.as_deref(),
                run,
                terminal,
                stdout,
                stderr,
            )
        }
        Command::Merge {
            parts,
            by,
            format,
            output,
            strict,
        } => corpus::merge(
            parts,
            by.as_deref(),
            *format,
            output.as_deref(),
            *strict,
            stdout,
            stderr,
        ),
        Command::Explain {
            paths,
            id,
            color,
            watch,
            watch_renders,
            input,
        } => {
            let style = explain::style_for(*color, terminal);
            let pick = explain::Pick {
                paths,
                id: id.as_deref(),
                input,
            };
            if *watch {
                explain::watch(args, &pick, style, *watch_renders, stdout)
            } else {
                explain::explain(&load(args, stderr)?, &pick, style, stdout, stderr)
            }
        }
        Command::Actors {
            paths,
            format,
            min_sentences,
            output,
            run,
        } => actors::actors(
            &load(args, stderr)?,
            paths,
            *format,
            *min_sentences,
            output.as_deref(),
            run,
            terminal,
            stdout,
            stderr,
        ),
        Command::Diff {
            rules_a,
            rules_b,
            threshold,
            format,
            output,
            paths,
            run,
        } => {
            // Each pack's problems are named by the pack they are in (the
            // two have the same file names), and both packs' are given.
            let compile = |source: &PackSource| compile(args, source);
            let a = diff::pack_by_spec(rules_a, compile);
            let b = match rules_b {
                Some(spec) => diff::pack_by_spec(spec, compile),
                None => load(args, stderr),
            };
            let (a, b) = match (a, b) {
                (Ok(a), Ok(b)) => (a, b),
                (Err(Error::Pack(mut x)), Err(Error::Pack(y))) => {
                    x.extend(y);
                    return Err(Error::Pack(x));
                }
                (Err(e), _) | (_, Err(e)) => return Err(e),
            };
            diff::diff(
                &a,
                &b,
                *threshold,
                *format,
                output.as_deref(),
                paths,
                run,
                terminal,
                stdout,
                stderr,
            )
        }
        Command::Eval {
            gold,
            articles,
            format,
            min_f1,
            input,
        } => eval::eval(
            &load(args, stderr)?,
            gold,
            articles.as_deref(),
            *format,
            *min_f1,
            input,
            stdout,
            stderr,
        ),
        Command::Rules { command } => match command {
            RulesCommand::Fmt { check } => {
                rules::fmt(args.rules.as_deref(), *check, stdout, stderr)
            }
            RulesCommand::Import { from, file, out } => {
                rules::import(*from, file, out, stdout, stderr)
            }
            RulesCommand::Lint { format, explain } => rules::lint(
                &pack_source(args)?,
                &pack_label(args),
                *format,
                explain.as_deref(),
                stdout,
                stderr,
            ),
            RulesCommand::Test { format } => {
                rules::test(&load(args, stderr)?, &pack_label(args), *format, stdout)
            }
            RulesCommand::Suggest {
                gold,
                labels,
                label_field,
                articles,
                frames,
                folds,
                top,
                joint,
                max_words,
                min_count,
                min_articles,
                resamples,
                seed,
                new_articles,
                format,
                write,
                input,
            } => {
                let options = crate::tools::suggest::SuggestOptions {
                    folds: *folds,
                    top: *top,
                    joint: *joint,
                    max_words: *max_words,
                    min_count: *min_count,
                    min_articles: *min_articles,
                    frames: frames.clone(),
                    resamples: *resamples,
                    seed: *seed,
                    new_articles: *new_articles,
                    ..crate::tools::suggest::SuggestOptions::default()
                };
                let source = pack_source(args)?;
                suggest::suggest(
                    &source,
                    &compile(args, &source)?,
                    gold.as_deref(),
                    labels.as_deref().map(|l| (l, label_field.as_str())),
                    articles.as_deref(),
                    input,
                    &options,
                    *format,
                    write.as_deref(),
                    stdout,
                    stderr,
                )
            }
            RulesCommand::Coverage {
                paths,
                top,
                format,
                output,
                run,
            } => rules::coverage(
                &load(args, stderr)?,
                paths,
                *top,
                *format,
                output.as_deref(),
                run,
                terminal,
                stdout,
                stderr,
            ),
        },
    }
}

fn is_broken_pipe(e: &Error) -> bool {
    matches!(e, Error::Io { source, .. } if source.kind() == std::io::ErrorKind::BrokenPipe)
}

/// A report as pretty JSON with a final newline.
fn to_json<T: serde::Serialize>(value: &T) -> String {
    let mut out = serde_json::to_string_pretty(value).expect("reports serialize");
    out.push('\n');
    out
}

/// The pack the command line names (`--rules DIR`, else the built-in one),
/// compiled with the command line's settings.
fn load(args: &Args, stderr: &mut dyn Write) -> Result<RuleSet, Error> {
    let source = pack_source(args)?;
    let rules = compile(args, &source)?;
    if let Some(dir) = &args.rules {
        warn_of_lint_errors(dir, &source, &rules, stderr);
    }
    Ok(rules)
}

/// One line on stderr when a pack given with `--rules` loads but has lint
/// errors (a duplicate term, an alias of two actors, a dead pattern): the
/// run goes on, as the pack means what it says, but its author hears of
/// them without having to run `rules lint`. The built-in pack has none
/// (a test checks it).
fn warn_of_lint_errors(
    dir: &std::path::Path,
    source: &PackSource,
    rules: &RuleSet,
    stderr: &mut dyn Write,
) {
    let mut codes: Vec<&str> = crate::pack::lint::lint_loaded(source, rules)
        .iter()
        .filter(|f| f.level == crate::pack::lint::Level::Error)
        .map(|f| f.code)
        .collect();
    if codes.is_empty() {
        return;
    }
    let errors = codes.len();
    codes.sort_unstable();
    codes.dedup();
    let named: Vec<String> = codes
        .iter()
        .filter_map(|code| crate::pack::lint::lookup(code))
        .map(|c| format!("{} {}", c.code, c.name))
        .collect();
    let _ = writeln!(
        stderr,
        "warning: the pack in {} has {errors} lint error{} ({}); `framescope --rules {} rules lint` says where",
        dir.display(),
        if errors == 1 { "" } else { "s" },
        named.join(", "),
        dir.display()
    );
}

/// Compiles a pack with the command line's settings applied.
fn compile(args: &Args, source: &PackSource) -> Result<RuleSet, Error> {
    let mut rules = RuleSet::from_source(source)?;
    if args.no_references {
        rules.set_resolve_references(false);
    }
    Ok(rules)
}

/// Which pack a command reads, for its report: the `--rules` directory
/// or the built-in one.
fn pack_label(args: &Args) -> String {
    match &args.rules {
        Some(dir) => dir.display().to_string(),
        None => "the built-in pack".to_string(),
    }
}

fn pack_source(args: &Args) -> Result<PackSource, Error> {
    match &args.rules {
        Some(dir) => PackSource::from_dir(dir),
        None => Ok(PackSource::embedded()),
    }
}

/// The text of `path`, or an error naming it.
fn read_text(path: &std::path::Path) -> Result<String, Error> {
    std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })
}

fn write_out(stdout: &mut dyn Write, text: &str) -> Result<(), Error> {
    stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
        .map_err(stdout_error)
}

fn stdout_error(source: std::io::Error) -> Error {
    Error::Io {
        path: "<stdout>".into(),
        source,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn clap_definition_is_valid() {
        Args::command().debug_assert();
    }
}
