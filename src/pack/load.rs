//! Loading a rule pack: reads the TOML files (from a directory or the copy
//! embedded in the binary) into the [`spec`](crate::pack::spec) mirror, collecting
//! every syntax, type and unknown-key error with its `file:line:col`.

use std::path::Path;

use serde::de::{DeserializeOwned, IntoDeserializer};
use serde::Deserialize as _;
use sha2::{Digest, Sha256};
use toml::de::{DeTable, DeValue};
use toml::Spanned;

use crate::error::{Diagnostic, Error, LineIndex, Location};
use crate::pack::files::{
    frame_id, ACTORS, ACTORS_DIR, CONTEXTS, FRAMES_DIR, MODIFIERS, NAMES, PACK, STANCE,
};
use crate::pack::spec::{
    ActorsFile, ContextsFile, FrameFile, ModifiersFile, NamesFile, PackSpec, SourceFile, StanceFile,
};
use crate::text::input::files_under;

/// The files of a rule pack: `(path relative to the pack root, text)`,
/// sorted by path, and the files that could not be taken as text (invalid
/// UTF-8, not a regular file), each with a located diagnostic that
/// `load` reports.
#[derive(Clone, Debug)]
pub struct PackSource {
    files: Vec<(String, String)>,
    unreadable: Vec<Diagnostic>,
}

/// The pack's directory in a git revision named without one (`HEAD~1`).
pub(crate) const GIT_PACK_DIR: &str = "rules";

/// `path` (relative, `/`-separated) with its `.` and `..` parts resolved
/// and a `/` after it, as `git ls-tree` wants a directory: `a/./b/..` is
/// `a/`, `.` is `` (the top).
fn lexical_dir(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            part => parts.push(part),
        }
    }
    parts.iter().map(|p| format!("{p}/")).collect()
}

impl PackSource {
    /// The default pack, embedded in the binary at build time.
    pub fn embedded() -> PackSource {
        const FILES: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/embedded_rules.rs"));
        PackSource::from_files(
            FILES
                .iter()
                .map(|(p, s)| (p.to_string(), s.to_string()))
                .collect(),
        )
    }

    /// Reads every `*.toml` file under `dir`.
    ///
    /// # Errors
    ///
    /// An [`Error::Io`] when the directory or a file cannot be read, or an
    /// [`Error::Document`] when `dir` holds no `pack.toml`.
    pub fn from_dir(dir: &Path) -> Result<PackSource, Error> {
        let mut files = Vec::new();
        let mut unreadable = Vec::new();
        read_dir_into(dir, &mut files, &mut unreadable)?;
        let named = |name: &str| {
            files.iter().any(|(p, _)| p == name) || unreadable.iter().any(|d| d.at.file == name)
        };
        if !named(PACK) {
            return Err(Error::Document {
                path: dir.display().to_string(),
                message: "not a rule pack: no pack.toml in this directory".into(),
            });
        }
        let mut source = PackSource::from_files(files);
        source.unreadable = unreadable;
        Ok(source)
    }

    /// Reads the pack as it was at a git revision: `REV` (the `rules/`
    /// directory of the repository around the current directory) or
    /// `REV:PATH` (another directory), e.g. `HEAD~1` or `v0.1.0:rules`.
    ///
    /// # Errors
    ///
    /// [`Error::Document`] when git is missing, the revision or path does not
    /// exist, or it holds no `pack.toml`.
    pub fn from_git(spec: &str) -> Result<PackSource, Error> {
        PackSource::from_git_in(Path::new("."), spec)
    }

    /// [`PackSource::from_git`] for the repository around `repo` instead of
    /// the current directory.
    ///
    /// # Errors
    ///
    /// As [`PackSource::from_git`].
    pub fn from_git_in(repo: &Path, spec: &str) -> Result<PackSource, Error> {
        let (rev, dir) = spec.split_once(':').unwrap_or((spec, GIT_PACK_DIR));
        let dir = dir.trim_end_matches('/');
        let fail = |message: String| Error::Document {
            path: spec.to_string(),
            message,
        };
        let git = |args: &[&str]| -> Result<Vec<u8>, Error> {
            let out = std::process::Command::new("git")
                .arg("-C")
                .arg(repo)
                .args(args)
                .output()
                .map_err(|e| fail(format!("cannot run git: {e}")))?;
            if !out.status.success() {
                let err = String::from_utf8_lossy(&out.stderr);
                return Err(fail(format!("git {}: {}", args.join(" "), err.trim())));
            }
            Ok(out.stdout)
        };
        let text = |bytes: Vec<u8>| {
            String::from_utf8(bytes).map_err(|_| fail("git printed invalid UTF-8".into()))
        };
        // A name that is no revision (a typo'd directory, most often) is
        // said so, not left to git's "fatal: Not a valid object name".
        let not_found = || {
            fail(if spec.contains(':') {
                format!("`{rev}` is not a git revision")
            } else {
                "neither a directory nor a git revision".to_string()
            })
        };
        let top = git(&["rev-parse", "--show-prefix"]).map_err(|e| match e {
            Error::Document { ref message, .. } if message.starts_with("cannot run git") => e,
            _ => not_found(),
        })?;
        let top = text(top)?;
        git(&[
            "rev-parse",
            "--verify",
            "--quiet",
            &format!("{rev}^{{commit}}"),
        ])
        .map_err(|_| not_found())?;
        // DIR is read from the current directory ("HEAD:.", "HEAD:./rules",
        // "rules/"), and when no pack is there and it does not say so
        // (`./`, `../`), from the repository's top as git reads `REV:PATH`.
        let here = lexical_dir(&format!("{}{dir}", top.trim()));
        let candidates =
            if dir == "." || dir == ".." || dir.starts_with("./") || dir.starts_with("../") {
                vec![here]
            } else {
                vec![here, lexical_dir(dir)]
            };
        let mut prefix = String::new();
        let mut list = String::new();
        for candidate in candidates {
            let found = text(git(&[
                "ls-tree",
                "-r",
                "--name-only",
                "--full-tree",
                rev,
                "--",
                &candidate,
            ])?)?;
            if found.lines().any(|p| p == format!("{candidate}{PACK}")) {
                (prefix, list) = (candidate, found);
                break;
            }
        }
        let mut files = Vec::new();
        let mut unreadable = Vec::new();
        for path in list.lines().filter(|p| p.ends_with(".toml")) {
            let bytes = git(&["show", &format!("{rev}:{path}")])?;
            let rel = path.trim_start_matches(&prefix).to_string();
            match rule_text(&rel, bytes) {
                Ok(text) => files.push((rel, text)),
                Err(d) => unreadable.push(d),
            }
        }
        let named = |name: &str| {
            files.iter().any(|(p, _)| p == name) || unreadable.iter().any(|d| d.at.file == name)
        };
        if !named(PACK) {
            return Err(fail(format!("no pack.toml under {dir}/ at revision {rev}")));
        }
        let mut source = PackSource::from_files(files);
        source.unreadable = unreadable;
        Ok(source)
    }

    /// A pack from in-memory files (used by tests and `rules import`).
    pub fn from_files(mut files: Vec<(String, String)>) -> PackSource {
        files.sort();
        PackSource {
            files,
            unreadable: Vec::new(),
        }
    }

    /// The files, sorted by path.
    pub fn files(&self) -> &[(String, String)] {
        &self.files
    }

    /// SHA-256 of the files (paths and contents), hex: the pack's hash in
    /// every output.
    pub fn hash(&self) -> String {
        let mut hasher = Sha256::new();
        for (path, text) in &self.files {
            hasher.update(path.as_bytes());
            hasher.update([0]);
            hasher.update(text.as_bytes());
            hasher.update([0]);
        }
        hasher
            .finalize()
            .iter()
            .map(|byte| format!("{byte:02x}"))
            .collect()
    }
}

/// Reads the `.toml` files under `root` (the crate's one walk,
/// [`files_under`]: symlinked files are read, symlinked directories not
/// followed) into `out`, keyed by their `/`-separated path below `root`.
fn read_dir_into(
    root: &Path,
    out: &mut Vec<(String, String)>,
    unreadable: &mut Vec<Diagnostic>,
) -> Result<(), Error> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| Error::Io { path, source }
    };
    for found in files_under(root) {
        let path = found.map_err(|(path, source)| Error::Io { path, source })?;
        if path.extension().is_some_and(|e| e == "toml") {
            let kind = std::fs::metadata(&path).map_err(io(&path))?;
            let rel = path.strip_prefix(root).unwrap_or(&path);
            let rel: Vec<_> = rel.iter().map(|c| c.to_string_lossy()).collect();
            let rel = rel.join("/");
            if !kind.is_file() {
                // Opening a named pipe waits for a writer that never comes.
                unreadable.push(Diagnostic::located(
                    &rel,
                    (1, 1),
                    "not a regular file (a named pipe, socket or device): rule files must be regular files",
                ));
                continue;
            }
            let bytes = std::fs::read(&path).map_err(io(&path))?;
            match rule_text(&rel, bytes) {
                Ok(text) => out.push((rel, text)),
                Err(d) => unreadable.push(d),
            }
        }
    }
    Ok(())
}

/// The text of rule file `rel`, or a diagnostic at its first byte that is
/// not UTF-8.
fn rule_text(rel: &str, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    String::from_utf8(bytes).map_err(|e| {
        let bytes = e.as_bytes();
        let at = e.utf8_error().valid_up_to();
        let valid = std::str::from_utf8(&bytes[..at]).expect("valid up to here");
        Diagnostic::at(
            rel,
            valid,
            at,
            format!(
                "invalid UTF-8 (byte 0x{:02X}): rule files must be UTF-8; re-save the file as UTF-8",
                bytes[at]
            ),
        )
    })
}

/// Parses every file of `source` into a [`PackSpec`], returning it with every
/// problem found. Files that are not part of the layout are reported too.
pub(crate) fn load(source: &PackSource) -> (PackSpec, Vec<Diagnostic>) {
    let mut spec = PackSpec::default();
    let mut diags = source.unreadable.clone();
    for (path, src) in source.files() {
        let mut file = match FileReader::parse(path, src, &mut diags) {
            Some(file) => file,
            None => {
                if let Some(stem) = frame_id(path) {
                    spec.failed.frames.insert(stem.to_string());
                }
                continue;
            }
        };
        match path.as_str() {
            PACK => {
                // pack.toml is small and flat: one typed pass is enough.
                let parsed = file.whole();
                spec.pack = parsed.map(|p| source_file(path, src, p));
            }
            p if p == ACTORS || is_in_folder(p, ACTORS_DIR) => {
                let (actors, failed) = file.list_with_ids("actor");
                spec.failed.actors.extend(failed);
                let parsed = ActorsFile {
                    exclude: file.list("exclude"),
                    actors,
                    resolve_references: file.value("resolve-references"),
                    location: file.value("location"),
                    former: file.value("former"),
                    person_titles: file.value("person-titles"),
                    given_names: file.value("given-names"),
                    references: file.list("reference"),
                    tests: file.list("test"),
                };
                file.finish();
                spec.actors.push(source_file(path, src, parsed));
            }
            MODIFIERS => {
                let parsed = ModifiersFile {
                    negation: file.value("negation"),
                    intensifier: file.value("intensifier"),
                    dampener: file.value("dampener"),
                    hedge: file.value("hedge"),
                    contrastive: file.list("contrastive"),
                };
                file.finish();
                spec.modifiers = Some(source_file(path, src, parsed));
            }
            STANCE => {
                let parsed = StanceFile {
                    context: file.value("context"),
                    positive: file.list("positive"),
                    negative: file.list("negative"),
                    exclude: file.list("exclude"),
                    clause_breaks: file.list("clause-breaks"),
                    fronted_openers: file.list("fronted-openers"),
                    compound_agents: file.list("compound-agents"),
                    conditionals: file.list("conditionals"),
                    prepositions: file.list("prepositions"),
                    opponent_words: file.list("opponent-words"),
                    opponent_nouns: file.list("opponent-nouns"),
                    object_stops: file.list("object-stops"),
                    reflexives: file.list("reflexives"),
                    of_complements: file.list("of-complements"),
                    topic_nouns: file.list("topic-nouns"),
                    qualifier_prefixes: file.list("qualifier-prefixes"),
                    passive: file.value("passive"),
                    undoing: file.value("undoing"),
                    reporting_verbs: file.list("reporting-verbs"),
                    tests: file.list("test"),
                };
                file.finish();
                spec.stance = Some(source_file(path, src, parsed));
            }
            CONTEXTS => {
                let parsed = ContextsFile {
                    cues: file.list("cues"),
                    contexts: file.list("context"),
                    tests: file.list("test"),
                };
                file.finish();
                spec.contexts = Some(source_file(path, src, parsed));
            }
            NAMES => {
                let parsed = NamesFile {
                    lists: file.list("list"),
                };
                file.finish();
                spec.names = Some(source_file(path, src, parsed));
            }
            p if is_in_folder(p, FRAMES_DIR) => {
                let parsed = FrameFile {
                    id: file.value("id"),
                    label: file.value("label"),
                    description: file.value("description"),
                    color: file.value("color"),
                    context: file.value("context"),
                    terms: file.list("terms"),
                    exclude: file.list("exclude"),
                    tests: file.list("test"),
                };
                file.finish();
                spec.frames.push(source_file(path, src, parsed));
            }
            _ => diags.push(Diagnostic::at(
                path,
                src,
                0,
                "file is not part of a rule pack: expected pack.toml, actors.toml, \
                 actors/<name>.toml, modifiers.toml, stance.toml, contexts.toml, names.toml or \
                 frames/<id>.toml; move or rename it",
            )),
        }
    }
    for (name, present) in [
        (PACK, spec.pack.is_some()),
        (ACTORS, !spec.actors.is_empty()),
        (MODIFIERS, spec.modifiers.is_some()),
    ] {
        let named = |p: &str| p == name || (name == ACTORS && is_in_folder(p, ACTORS_DIR));
        let exists = source.files().iter().any(|(p, _)| named(p))
            || source.unreadable.iter().any(|d| named(&d.at.file));
        if !present && !exists {
            diags.push(Diagnostic {
                at: Location::line(name, 1, Some(1)),
                message: if name == ACTORS {
                    "missing actors.toml (or actors/*.toml): every rule pack needs an actor registry"
                        .to_string()
                } else {
                    format!("missing {name}: every rule pack needs one")
                },
                code: None,
            });
        }
    }
    (spec, diags)
}

/// Whether `path` is a file directly inside `folder` (`"frames/"`).
fn is_in_folder(path: &str, folder: &str) -> bool {
    path.strip_prefix(folder)
        .is_some_and(|rest| !rest.is_empty() && !rest.contains('/'))
}

fn source_file<T>(path: &str, src: &str, spec: T) -> SourceFile<T> {
    SourceFile {
        path: path.to_string(),
        src: src.to_string(),
        spec,
    }
}

/// Reads one TOML file key by key so that an error in one entry does not
/// hide the errors in the others: each top-level value and each element of
/// a list is deserialized on its own.
struct FileReader<'a> {
    path: &'a str,
    src: &'a str,
    /// Where each line starts, for locating many errors in one file.
    lines: LineIndex,
    span: std::ops::Range<usize>,
    entries: Vec<(Spanned<String>, Option<Spanned<DeValue<'a>>>)>,
    known: Vec<&'static str>,
    diags: &'a mut Vec<Diagnostic>,
}

impl<'a> FileReader<'a> {
    fn parse(path: &'a str, src: &'a str, diags: &'a mut Vec<Diagnostic>) -> Option<Self> {
        match DeTable::parse(src) {
            Ok(table) => {
                let span = table.span();
                let entries = table
                    .into_inner()
                    .into_iter()
                    .map(|(k, v)| {
                        let span = k.span();
                        (Spanned::new(span, k.into_inner().into_owned()), Some(v))
                    })
                    .collect();
                Some(FileReader {
                    path,
                    src,
                    lines: LineIndex::new(src),
                    span,
                    entries,
                    known: Vec::new(),
                    diags,
                })
            }
            Err(e) => {
                let offset = e.span().map_or(0, |s| s.start);
                let message = format!("invalid TOML: {}", e.message().trim_end());
                diags.push(Diagnostic::at(path, src, offset, message));
                None
            }
        }
    }

    fn report(&mut self, e: toml::de::Error, fallback: usize) {
        let offset = e.span().map_or(fallback, |s| s.start);
        let message = plain_types(e.message().trim_end());
        self.diag(offset, message);
    }

    fn diag(&mut self, offset: usize, message: String) {
        let at = self.lines.line_col(self.src, offset);
        self.diags.push(Diagnostic::located(self.path, at, message));
    }

    /// Deserializes the whole file as one `T` (for small, flat files).
    fn whole<T: DeserializeOwned>(mut self) -> Option<T> {
        let entries = std::mem::take(&mut self.entries);
        let mut table = DeTable::new();
        for (k, v) in entries {
            let span = k.span();
            table.insert(Spanned::new(span, k.into_inner().into()), v.unwrap());
        }
        let value = Spanned::new(self.span.clone(), DeValue::Table(table));
        match T::deserialize(value.into_deserializer()) {
            Ok(v) => Some(v),
            Err(e) => {
                self.report(e, 0);
                None
            }
        }
    }

    fn take(&mut self, key: &'static str) -> Option<Spanned<DeValue<'a>>> {
        self.known.push(key);
        self.entries
            .iter_mut()
            .find(|(k, _)| k.get_ref() == key)
            .and_then(|(_, v)| v.take())
    }

    /// The value under `key`, if present and well-typed.
    fn value<T: DeserializeOwned>(&mut self, key: &'static str) -> Option<T> {
        let value = self.take(key)?;
        let start = value.span().start;
        match T::deserialize(value.into_deserializer()) {
            Ok(v) => Some(v),
            Err(e) => {
                self.report(e, start);
                None
            }
        }
    }

    /// The elements of the array under `key`, each checked on its own.
    fn list<T: DeserializeOwned>(&mut self, key: &'static str) -> Vec<Spanned<T>> {
        self.list_with_ids(key).0
    }

    /// [`FileReader::list`], and the `id`s of the elements that failed (so
    /// that what refers to them is not reported again).
    fn list_with_ids<T: DeserializeOwned>(
        &mut self,
        key: &'static str,
    ) -> (Vec<Spanned<T>>, Vec<String>) {
        let mut failed = Vec::new();
        let Some(value) = self.take(key) else {
            return (Vec::new(), failed);
        };
        let span = value.span();
        let DeValue::Array(items) = value.into_inner() else {
            let message = format!("`{key}` must be an array; write `{key} = [ … ]` or `[[{key}]]`");
            self.diag(span.start, message);
            return (Vec::new(), failed);
        };
        let mut out = Vec::new();
        for item in items {
            let start = item.span().start;
            let id = table_id(&item);
            match Spanned::<T>::deserialize(item.into_deserializer()) {
                Ok(v) => out.push(v),
                Err(e) => {
                    self.report(e, start);
                    failed.extend(id);
                }
            }
        }
        (out, failed)
    }

    /// Reports every top-level key that no reader asked for.
    fn finish(mut self) {
        let entries = std::mem::take(&mut self.entries);
        for (key, value) in &entries {
            if value.is_some() {
                let message = format!(
                    "unknown key `{}`, expected one of {}; fix its spelling or remove it",
                    key.get_ref(),
                    self.known
                        .iter()
                        .map(|k| format!("`{k}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                );
                self.diag(key.span().start, message);
            }
        }
    }
}

/// The string `id` of a table, when it has one.
fn table_id(item: &Spanned<DeValue<'_>>) -> Option<String> {
    let DeValue::Table(table) = item.get_ref() else {
        return None;
    };
    table
        .iter()
        .find(|(k, _)| k.get_ref() == "id")
        .and_then(|(_, v)| match v.get_ref() {
            DeValue::String(s) => Some(s.trim().to_string()),
            _ => None,
        })
}

/// Rewrites serde's Rust type names in a message into the words a TOML
/// author uses ("expected f64" becomes "expected a number").
fn plain_types(message: &str) -> String {
    const NAMES: &[(&str, &str)] = &[
        ("expected f64", "expected a number, e.g. 1.0"),
        ("expected i64", "expected a whole number"),
        ("expected a boolean", "expected true or false"),
        ("expected a string", "expected a quoted string"),
        ("expected a sequence", "expected an array [ … ]"),
        (
            "expected a TOML datetime",
            "expected a date without quotes, e.g. 2017-01-20",
        ),
    ];
    let mut out = message.to_string();
    for (from, to) in NAMES {
        out = out.replace(from, to);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_pack_directory_is_walked_as_article_folders_are() {
        // The one walk: symlinked files are read, a symlinked directory
        // (here a loop back to the root) is not followed.
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(root.join(PACK), "name = \"x\"\n").unwrap();
        std::fs::create_dir(root.join("frames")).unwrap();
        std::fs::write(outside.path().join("a.toml"), "label = \"A\"\n").unwrap();
        std::os::unix::fs::symlink(outside.path().join("a.toml"), root.join("frames/a.toml"))
            .unwrap();
        std::os::unix::fs::symlink(".", root.join("loop")).unwrap();
        let source = PackSource::from_dir(root).unwrap();
        let paths: Vec<&str> = source.files().iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(paths, ["frames/a.toml", "pack.toml"]);
    }
}
