//! The articles of `--articles` (`eval`, `rules suggest`): a file read
//! whole through the inputs, as every command reads articles, and looked up
//! by id; or a directory of `<article>.<ext>` text files read on demand.

use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};
use std::io::Write;
use std::path::{Path, PathBuf};

use super::read::{report_warnings, strict_stop, warning_lines};
use super::InputArgs;
use crate::text::date::DateOptions;
use crate::text::document::{read_document_with, Document, TEXT_EXTENSIONS};
use crate::text::input::{Inputs, Item};

/// Articles by id. Problems met on demand are kept and reported once, by
/// [`Articles::report`].
pub(super) struct Articles {
    dir: Option<PathBuf>,
    dates: DateOptions,
    /// `--strict`: a problem met on demand fails the run at the end.
    strict: bool,
    by_id: HashMap<String, Document>,
    problems: RefCell<Vec<String>>,
}

impl Articles {
    /// Opens `path` (`None`: no articles). A file is read now, its skipped
    /// lines and warnings reported on `stderr`; `None` (after saying why)
    /// when `--strict` stopped at a problem or a warning, or when nothing
    /// in it could be read.
    pub(super) fn open(
        path: Option<&Path>,
        input: &InputArgs,
        stderr: &mut dyn Write,
    ) -> Option<Articles> {
        let options = input.options();
        let mut out = Articles {
            dir: None,
            dates: options.date.clone(),
            strict: input.strict,
            by_id: HashMap::new(),
            problems: RefCell::default(),
        };
        let Some(path) = path else {
            return Some(out);
        };
        if path.is_dir() {
            out.dir = Some(path.to_path_buf());
            return Some(out);
        }
        let mut skipped = 0usize;
        for item in Inputs::open(&[path.to_path_buf()], options) {
            match item {
                Item::Doc(doc) => {
                    report_warnings(&doc, stderr);
                    if let Some(stop) = strict_stop(&doc).filter(|_| input.strict) {
                        let _ = writeln!(stderr, "error: --strict: stopped at {stop}");
                        return None;
                    }
                    out.by_id.insert(doc.id.clone(), doc);
                }
                Item::Problem(p) if input.strict => {
                    let _ = writeln!(stderr, "error: --strict: stopped at {p}");
                    return None;
                }
                Item::Problem(p) => {
                    let _ = writeln!(stderr, "warning: skipped {p}");
                    skipped += 1;
                }
                Item::Note(note) => {
                    let _ = writeln!(stderr, "note: {note}");
                }
            }
        }
        if out.by_id.is_empty() && skipped > 0 {
            let _ = writeln!(stderr, "error: no document could be read");
            return None;
        }
        Some(out)
    }

    /// The article `id`, when there is one.
    pub(super) fn get(&self, id: &str) -> Option<Document> {
        let Some(dir) = &self.dir else {
            return self.by_id.get(id).cloned();
        };
        let path = TEXT_EXTENSIONS
            .iter()
            .map(|ext| dir.join(format!("{id}.{ext}")))
            .find(|p| p.is_file())?;
        match read_document_with(&path, &self.dates) {
            Ok(doc) => {
                self.problems.borrow_mut().extend(warning_lines(&doc));
                Some(doc)
            }
            Err(e) => {
                self.problems
                    .borrow_mut()
                    .push(format!("warning: skipped {e}"));
                None
            }
        }
    }

    /// Writes the problems met so far (each once) to `stderr`. Returns
    /// whether the run may go on: under `--strict` any problem met on
    /// demand (in a directory of articles) fails it, as one met in a file
    /// of articles does at once.
    pub(super) fn report(&self, stderr: &mut dyn Write) -> bool {
        let mut seen = BTreeSet::new();
        let mut any = false;
        for p in self.problems.borrow_mut().drain(..) {
            any = true;
            if seen.insert(p.clone()) {
                let _ = writeln!(stderr, "{p}");
            }
        }
        if self.strict && any {
            let _ = writeln!(
                stderr,
                "error: --strict: an article could not be read cleanly; no result was written"
            );
            return false;
        }
        true
    }
}
