//! `explain`: one article, sentence by sentence, read as `classify` reads
//! articles (a JSON Lines file holds many: `--id` picks one); `--watch`
//! re-renders it whenever the article or the rule pack changes.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::read::{report_warnings, strict_stop};
use super::{compile, pack_source, write_out, Args, ColorChoice, InputArgs, Terminal};
use crate::error::Error;
use crate::pack::ruleset::RuleSet;
use crate::render::{self, Style};
use crate::text::document::Document;
use crate::text::input::{files_under, Inputs, Item, Problem};

/// Which article to explain: the inputs, how to read them, and its id.
pub(super) struct Pick<'a> {
    /// Files, directories or `-`.
    pub paths: &'a [PathBuf],
    /// The article's id, when the inputs hold several.
    pub id: Option<&'a str>,
    /// How articles are read.
    pub input: &'a InputArgs,
}

/// How many ids a message lists before `…`.
const IDS_SHOWN: usize = 5;

impl Pick<'_> {
    /// The inputs as one name for messages.
    fn name(&self) -> String {
        self.paths
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Reads the inputs up to the article asked for. Skipped lines and
    /// files, and the article's own warnings, are reported on `stderr`.
    ///
    /// # Errors
    ///
    /// [`Error::Document`] when no article has the id asked for, when no id
    /// is given and the inputs hold several, when nothing could be read
    /// (naming the first problem), or at the first problem under `--strict`.
    pub(super) fn article(&self, stderr: &mut dyn Write) -> Result<Document, Error> {
        let fail = |message: String| Error::Document {
            path: self.name(),
            message,
        };
        let mut found: Option<Document> = None;
        let mut ids: Vec<String> = Vec::new();
        let mut read = 0usize;
        let mut problems: Vec<Problem> = Vec::new();
        for item in Inputs::open(self.paths, self.input.options()) {
            let doc = match item {
                Item::Doc(doc) => match strict_stop(&doc).filter(|_| self.input.strict) {
                    Some(stop) => return Err(fail(format!("--strict: stopped at {stop}"))),
                    None => doc,
                },
                Item::Problem(p) if self.input.strict => {
                    return Err(fail(format!("--strict: stopped at {p}")));
                }
                Item::Problem(p) => {
                    problems.push(p);
                    continue;
                }
                Item::Note(note) => {
                    let _ = writeln!(stderr, "note: {note}");
                    continue;
                }
            };
            read += 1;
            match self.id {
                Some(id) if doc.id == id => {
                    found = Some(doc);
                    break;
                }
                Some(_) => {
                    if ids.len() < IDS_SHOWN {
                        ids.push(doc.id);
                    }
                }
                None if found.is_none() => found = Some(doc),
                None => {
                    let first = found.take().map(|d| d.id).unwrap_or_default();
                    return Err(fail(format!(
                        "holds more than one article (`{first}`, `{}`, …): pick one with --id ID",
                        doc.id
                    )));
                }
            }
        }
        // Nothing read and one problem: that problem is the error.
        if found.is_none() && read == 0 && problems.len() == 1 {
            let first = &problems[0];
            return Err(Error::Document {
                path: first.at.to_string(),
                message: first.message.clone(),
            });
        }
        for p in &problems {
            let _ = writeln!(stderr, "warning: skipped {p}");
        }
        let Some(doc) = found else {
            return Err(fail(match self.id {
                Some(id) if read > 0 => format!(
                    "no article has the id `{id}` ({read} read; ids such as {})",
                    quoted(&ids)
                ),
                _ if problems.is_empty() => "no article in the input".to_string(),
                _ => "no article could be read".to_string(),
            }));
        };
        report_warnings(&doc, stderr);
        Ok(doc)
    }
}

/// `` `a`, `b` `` for a message.
fn quoted(ids: &[String]) -> String {
    ids.iter()
        .map(|id| format!("`{id}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `explain`: renders the article picked.
pub(super) fn explain(
    rules: &RuleSet,
    pick: &Pick<'_>,
    style: Style,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<u8, Error> {
    let doc = pick.article(stderr)?;
    write_out(stdout, &render::explain_document(rules, &doc, style))?;
    Ok(0)
}

/// The style `--color` asks for on this terminal.
pub(super) fn style_for(color: ColorChoice, terminal: Terminal) -> Style {
    match color {
        ColorChoice::Always => Style::Color,
        ColorChoice::Never => Style::Plain,
        ColorChoice::Auto if terminal.stdout_is_tty && !terminal.no_color => Style::Color,
        ColorChoice::Auto => Style::Plain,
    }
}

/// Modification time and size of every watched file, to notice edits.
fn fingerprint(
    rules: Option<&Path>,
    inputs: &[PathBuf],
) -> Vec<(PathBuf, Option<std::time::SystemTime>, u64)> {
    let mut paths = Vec::new();
    for input in inputs.iter().chain(rules.map(Path::to_path_buf).iter()) {
        if input.is_dir() {
            // A directory that cannot be listed has nothing to watch.
            paths.extend(files_under(input).into_iter().flatten());
        } else {
            paths.push(input.clone());
        }
    }
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let meta = std::fs::metadata(&p).ok();
            let modified = meta.as_ref().and_then(|m| m.modified().ok());
            let len = meta.map_or(0, |m| m.len());
            (p, modified, len)
        })
        .collect()
}

/// `explain --watch`: renders, then re-renders whenever the article or a
/// file of the rules directory changes. A broken edit shows its errors and
/// keeps watching.
pub(super) fn watch(
    args: &Args,
    pick: &Pick<'_>,
    style: Style,
    renders: Option<usize>,
    stdout: &mut dyn Write,
) -> Result<u8, Error> {
    let rules_dir = args.rules.as_deref();
    let render_once = || -> String {
        let rules = pack_source(args).and_then(|source| compile(args, &source));
        let rules = match rules {
            Ok(rules) => rules,
            Err(e) => return format!("error: {e}\n(fix the rules; watching for changes)\n"),
        };
        // Warnings go above the rendering, as they would on stderr.
        let mut notes = Vec::new();
        match pick.article(&mut notes) {
            Ok(doc) => {
                let mut text = String::from_utf8_lossy(&notes).into_owned();
                text.push_str(&render::explain_document(&rules, &doc, style));
                text
            }
            Err(e) => format!(
                "{}error: {e}\n(watching for changes)\n",
                String::from_utf8_lossy(&notes)
            ),
        }
    };
    let mut seen = fingerprint(rules_dir, pick.paths);
    let mut count = 0;
    loop {
        let mut text = String::new();
        if count > 0 {
            text.push_str(match style {
                Style::Color => "\x1b[2J\x1b[H",
                Style::Plain => "\n--- changed: re-rendered ---\n\n",
            });
        }
        text.push_str(&render_once());
        write_out(stdout, &text)?;
        count += 1;
        if renders.is_some_and(|n| count >= n) {
            return Ok(0);
        }
        loop {
            std::thread::sleep(std::time::Duration::from_millis(250));
            let now = fingerprint(rules_dir, pick.paths);
            if now != seen {
                seen = now;
                break;
            }
        }
    }
}
