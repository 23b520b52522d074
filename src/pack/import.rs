//! `rules import`: turns the dictionaries researchers already have into a
//! framescope rule pack, one frame per dictionary category.
//!
//! Two formats are read:
//!
//! - **LIWC** `.dic`: a header between two `%` lines maps category numbers to
//!   names, then each line is a word (or a phrase) followed by the numbers of
//!   its categories, separated by tabs or spaces. A trailing `*` is a
//!   wildcard suffix, as in framescope.
//! - **quanteda** YAML: a mapping of category names to lists of glob
//!   patterns, possibly nested; nested keys become frame ids joined with `-`
//!   (`economy: {trade: [...]}` is frame `economy-trade`).
//!
//! What framescope cannot express (LIWC's conditional `(02 134)125/464` and
//! `<of>` entries, globs with a leading or inner `*` or a `?`, references to
//! undeclared categories, non-string values) is never dropped silently: each
//! becomes an [`ImportNote`] naming its line in the source dictionary. So do
//! renamed categories, duplicate entries and entries made redundant by a
//! wildcard of the same category.
//!
//! The result is a complete pack — `pack.toml`, `frames/<id>.toml`, an
//! `actors.toml` without actors and the default `modifiers.toml` — that
//! [`import`] has checked compiles; [`write_pack`] puts it on disk.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::{Component, Path};

use unicode_normalization::UnicodeNormalization;
use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};
use yaml_rust2::Yaml;

use crate::error::{Error, Location};
use crate::pack::files as pack_files;
use crate::pack::load::PackSource;
use crate::text::normalize::{is_word_char, normalize_pattern};

/// The dictionary formats [`import`] reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DictFormat {
    /// A LIWC `.dic` file: a `%`-delimited header of numbered categories,
    /// then `word<TAB>n m …` lines.
    Liwc,
    /// A quanteda dictionary in YAML: categories (possibly nested) mapping
    /// to lists of glob patterns.
    Quanteda,
}

impl DictFormat {
    /// The name used in messages and descriptions.
    fn title(self) -> &'static str {
        match self {
            DictFormat::Liwc => "LIWC dictionary",
            DictFormat::Quanteda => "quanteda dictionary",
        }
    }
}

impl std::str::FromStr for DictFormat {
    type Err = String;

    /// `liwc` or `quanteda` (as in `rules import --from NAME`).
    fn from_str(s: &str) -> Result<DictFormat, String> {
        match s.to_ascii_lowercase().as_str() {
            "liwc" => Ok(DictFormat::Liwc),
            "quanteda" => Ok(DictFormat::Quanteda),
            _ => Err(format!(
                "unknown dictionary format `{s}`: use `liwc` or `quanteda`"
            )),
        }
    }
}

/// A converted dictionary: the files of a rule pack and what could not be
/// converted as written.
#[derive(Clone, Debug)]
pub struct Imported {
    /// `(path relative to the pack root, TOML text)`: `pack.toml`,
    /// `frames/<id>.toml` for each category, `actors.toml` and
    /// `modifiers.toml`. Ready for [`PackSource::from_files`] or
    /// [`write_pack`].
    pub files: Vec<(String, String)>,
    /// Unsupported constructs and changes made on the way, sorted by line.
    pub notes: Vec<ImportNote>,
}

/// Something in the source dictionary that was not imported as written:
/// an unsupported construct (dropped or reduced), a renamed category, a
/// duplicate or redundant entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportNote {
    /// The source dictionary and the 1-based line in it.
    pub at: Location,
    /// What was found and what the import did about it.
    pub message: String,
}

impl fmt::Display for ImportNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.at.line.unwrap_or(1), self.message)
    }
}

/// Converts the dictionary `text`, read from `source_name` (a path or file
/// name: its stem names the pack, and it is quoted in descriptions and
/// errors), into a rule pack with one frame per category.
///
/// # Errors
///
/// [`Error::Document`] (with `path` = `source_name`) when the text cannot be
/// parsed as the format — the message names the line, and the column when
/// known — or when no category has any entry that can be imported.
pub fn import(format: DictFormat, source_name: &str, text: &str) -> Result<Imported, Error> {
    let text = crate::text::document::strip_bom_str(text);
    let mut notes = Vec::new();
    let categories = match format {
        DictFormat::Liwc => parse_liwc(source_name, text, &mut notes)?,
        DictFormat::Quanteda => parse_quanteda(source_name, text, &mut notes)?,
    };
    let files = build_pack(format, source_name, categories, &mut notes)?;
    // Every pattern was checked as the compiler checks it; this guards the
    // promise that an imported pack always loads.
    if let Err(e) = crate::RuleSet::from_source(&PackSource::from_files(files.clone())) {
        return Err(Error::Document {
            path: source_name.to_string(),
            message: format!("the imported pack does not load (a framescope bug): {e}"),
        });
    }
    notes.sort_by_key(|n| n.at.line);
    for n in &mut notes {
        n.at.file = source_name.to_string();
    }
    Ok(Imported { files, notes })
}

/// Writes the pack `files` (as in [`Imported::files`]) under `dir`, creating
/// it and its `frames/` folder. Each file is written to a temporary name and
/// renamed, so it is there whole or not at all.
///
/// # Errors
///
/// [`Error::Document`] when `dir` exists and is not an empty directory (an
/// import never overwrites anything) or a path is not a plain relative path;
/// [`Error::Io`] when a directory or file cannot be created.
pub fn write_pack(dir: &Path, files: &[(String, String)]) -> Result<(), Error> {
    let refuse = |message: String| Error::Document {
        path: dir.display().to_string(),
        message,
    };
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| Error::Io { path, source }
    };
    if dir.exists() {
        if !dir.is_dir() {
            return Err(refuse(
                "exists and is not a directory: choose a new directory for the pack".into(),
            ));
        }
        if std::fs::read_dir(dir).map_err(io(dir))?.next().is_some() {
            return Err(refuse(
                "is not empty: choose a new or empty directory (an import never overwrites files)"
                    .into(),
            ));
        }
    }
    for (rel, _) in files {
        let plain = !rel.is_empty()
            && Path::new(rel)
                .components()
                .all(|c| matches!(c, Component::Normal(_)));
        if !plain {
            return Err(refuse(format!(
                "`{rel}` is not a plain relative path inside the pack"
            )));
        }
    }
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    for (rel, text) in files {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(io(parent))?;
        }
        crate::corpus::output::write_atomic(&path, text)?;
    }
    Ok(())
}

/// A category as read from the dictionary, before it becomes a frame.
struct Category {
    /// The name as written (nested quanteda names joined with `.`).
    label: String,
    /// What the description says it was, e.g. "LIWC category 3".
    origin: String,
    /// The frame id wanted: the name slugified (nested levels joined by `-`).
    id: String,
    /// The id differs from the name as written.
    renamed: bool,
    /// Line of its declaration.
    line: usize,
    /// Its entries, already in framescope pattern form, with their lines.
    entries: Vec<(String, usize)>,
}

fn document_error(source_name: &str, line: usize, col: Option<usize>, message: &str) -> Error {
    Error::Input {
        at: Location::line(source_name, line, col),
        message: message.to_string(),
    }
}

/// Adds a note at `line` (its file is set once `import` is done).
fn note(notes: &mut Vec<ImportNote>, line: usize, message: String) {
    notes.push(ImportNote {
        at: Location::line(String::new(), line, None),
        message,
    });
}

// ---------------------------------------------------------------- LIWC

fn parse_liwc(
    source_name: &str,
    text: &str,
    notes: &mut Vec<ImportNote>,
) -> Result<Vec<Category>, Error> {
    let mut lines = text
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim_end_matches('\r')));
    let open = loop {
        match lines.next() {
            None => {
                return Err(document_error(
                    source_name,
                    1,
                    None,
                    "empty dictionary: a LIWC .dic starts with a `%` line, its numbered categories and another `%` line",
                ))
            }
            Some((_, l)) if l.trim().is_empty() => continue,
            Some((n, l)) if l.trim() == "%" => break n,
            Some((n, _)) => {
                return Err(document_error(
                    source_name,
                    n,
                    Some(1),
                    "expected `%` opening the category header: a LIWC .dic starts with a `%` line, its numbered categories (`NUMBER<TAB>NAME`) and another `%` line",
                ))
            }
        }
    };

    // The header: number -> index into `categories`.
    let mut categories: Vec<Category> = Vec::new();
    let mut by_number: HashMap<u64, usize> = HashMap::new();
    let mut closed = false;
    for (n, l) in lines.by_ref() {
        let trimmed = l.trim();
        if trimmed == "%" {
            closed = true;
            break;
        }
        if trimmed.is_empty() {
            continue;
        }
        let col = l.len() - l.trim_start().len() + 1;
        let (number, name) = trimmed
            .split_once(char::is_whitespace)
            .map_or((trimmed, ""), |(a, b)| (a, b.trim()));
        let Some(number) = number
            .bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| number.parse::<u64>().ok())
            .flatten()
        else {
            return Err(document_error(
                source_name,
                n,
                Some(col),
                &format!("expected `NUMBER<TAB>NAME` in the category header, found `{trimmed}`; is the closing `%` line missing?"),
            ));
        };
        if name.is_empty() {
            return Err(document_error(
                source_name,
                n,
                Some(col),
                &format!("category {number} has no name: write `{number}<TAB>NAME`"),
            ));
        }
        if let Some(&first) = by_number.get(&number) {
            note(
                notes,
                n,
                format!(
                    "category {number} is declared again (first as `{}` on line {}): this declaration is ignored",
                    categories[first].label, categories[first].line
                ),
            );
            continue;
        }
        let id = slugify(name);
        by_number.insert(number, categories.len());
        categories.push(Category {
            label: name.to_string(),
            origin: format!("LIWC category {number}"),
            renamed: id != name,
            id: if id.is_empty() {
                format!("category-{number}")
            } else {
                id
            },
            line: n,
            entries: Vec::new(),
        });
    }
    if !closed {
        return Err(document_error(
            source_name,
            open,
            Some(1),
            "the category header opened here is never closed by a `%` line",
        ));
    }

    // The entries. A word listed twice has its categories merged.
    let mut seen: HashMap<String, (usize, Vec<usize>)> = HashMap::new();
    for (n, l) in lines {
        if l.trim().is_empty() {
            continue;
        }
        let (word, refs) = split_liwc_line(l);
        let mut cats: Vec<usize> = Vec::new();
        for tok in refs {
            if tok.bytes().all(|b| b.is_ascii_digit()) {
                match tok.parse::<u64>().ok().and_then(|k| by_number.get(&k)) {
                    Some(&c) if cats.contains(&c) => note(
                        notes,
                        n,
                        format!("`{word}` lists category {tok} twice: counted once"),
                    ),
                    Some(&c) => cats.push(c),
                    None => note(
                        notes,
                        n,
                        format!(
                            "`{word}` refers to category {tok}, which the header does not declare: that reference is ignored"
                        ),
                    ),
                }
            } else if tok.starts_with('(') || tok.starts_with('<') {
                note(
                    notes,
                    n,
                    format!(
                        "`{word}`: LIWC conditional category `{tok}` (categories that depend on the neighbouring words) is not supported: ignored, only the word's plain categories are kept"
                    ),
                );
            } else {
                note(
                    notes,
                    n,
                    format!("`{word}`: `{tok}` is not a category number: ignored"),
                );
            }
        }
        let pattern = match convert_pattern(word, DictFormat::Liwc) {
            Ok(p) => p,
            Err(why) => {
                note(notes, n, why);
                continue;
            }
        };
        if cats.is_empty() {
            note(
                notes,
                n,
                format!("`{word}` has no category it can be filed under: the entry is dropped"),
            );
            continue;
        }
        match seen.get_mut(&pattern) {
            Some((first, done)) => {
                note(
                    notes,
                    n,
                    format!(
                        "`{word}` is listed again (first on line {first}): its categories are merged"
                    ),
                );
                for c in cats {
                    if !done.contains(&c) {
                        done.push(c);
                        categories[c].entries.push((pattern.clone(), n));
                    }
                }
            }
            None => {
                for &c in &cats {
                    categories[c].entries.push((pattern.clone(), n));
                }
                seen.insert(pattern, (n, cats));
            }
        }
    }
    Ok(categories)
}

/// Splits an entry line into the word (or phrase) and its category
/// references. With a tab, the word is everything before the first tab;
/// without one, the word is the leading tokens before the trailing run of
/// references (tokens starting with a digit, `(` or `<`).
fn split_liwc_line(line: &str) -> (&str, Vec<&str>) {
    if let Some((word, rest)) = line.split_once('\t') {
        return (
            word.trim(),
            tokens(rest).into_iter().map(|(_, t)| t).collect(),
        );
    }
    let toks = tokens(line);
    let is_ref = |t: &str| t.starts_with(|c: char| c.is_ascii_digit() || c == '(' || c == '<');
    let mut start = toks.len();
    while start > 1 && is_ref(toks[start - 1].1) {
        start -= 1;
    }
    match toks.get(start) {
        Some(&(at, _)) => (
            line[..at].trim(),
            toks[start..].iter().map(|&(_, t)| t).collect(),
        ),
        None => (line.trim(), Vec::new()),
    }
}

/// Whitespace-separated tokens with their byte offsets; whitespace inside
/// `( )` or `< >` does not split, so `(02 134)125/464` is one token.
fn tokens(s: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    let mut depth = 0usize;
    for (i, c) in s.char_indices() {
        match c {
            '(' | '<' => depth += 1,
            ')' | '>' => depth = depth.saturating_sub(1),
            _ => {}
        }
        if c.is_whitespace() && depth == 0 {
            if let Some(st) = start.take() {
                out.push((st, &s[st..i]));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(st) = start {
        out.push((st, &s[st..]));
    }
    out
}

// ---------------------------------------------------------------- quanteda

/// A YAML node with the position of its start.
enum Node {
    Scalar {
        value: String,
        /// A plain (unquoted, untagged) scalar: `42`, `true` and `null` are
        /// then not strings.
        plain: bool,
        line: usize,
    },
    Seq(Vec<Node>, usize),
    Map(Vec<(Node, Node)>, usize),
    Alias(usize),
}

impl Node {
    fn line(&self) -> usize {
        match self {
            Node::Scalar { line, .. }
            | Node::Seq(_, line)
            | Node::Map(_, line)
            | Node::Alias(line) => *line,
        }
    }

    /// The string this scalar stands for, or what kind of value it is.
    fn as_str(&self) -> Result<&str, &'static str> {
        match self {
            Node::Scalar { value, plain, .. } => {
                if !plain {
                    return Ok(value);
                }
                match Yaml::from_str(value) {
                    Yaml::String(_) => Ok(value),
                    Yaml::Integer(_) | Yaml::Real(_) => Err("a number"),
                    Yaml::Boolean(_) => Err("a boolean"),
                    _ => Err("null"),
                }
            }
            Node::Seq(..) => Err("a list"),
            Node::Map(..) => Err("a mapping"),
            Node::Alias(_) => Err("a YAML alias"),
        }
    }
}

/// Nesting deeper than this is refused rather than recursed into.
const MAX_DEPTH: usize = 64;

struct YamlReader<'a> {
    parser: Parser<std::str::Chars<'a>>,
    source_name: &'a str,
}

impl YamlReader<'_> {
    fn fail(&self, mark: Marker, message: &str) -> Error {
        document_error(self.source_name, mark.line(), Some(mark.col() + 1), message)
    }

    fn next(&mut self) -> Result<(Event, Marker), Error> {
        self.parser.next_token().map_err(|e| {
            document_error(
                self.source_name,
                e.marker().line(),
                Some(e.marker().col() + 1),
                &format!("invalid YAML: {}", e.info()),
            )
        })
    }

    fn node(&mut self, event: Event, mark: Marker, depth: usize) -> Result<Node, Error> {
        if depth > MAX_DEPTH {
            return Err(self.fail(mark, "the dictionary is nested too deeply"));
        }
        let line = mark.line();
        Ok(match event {
            Event::Scalar(value, style, _, tag) => Node::Scalar {
                value,
                plain: style == TScalarStyle::Plain && tag.is_none(),
                line,
            },
            Event::Alias(_) => Node::Alias(line),
            Event::SequenceStart(..) => {
                let mut items = Vec::new();
                loop {
                    let (ev, m) = self.next()?;
                    if ev == Event::SequenceEnd {
                        break;
                    }
                    items.push(self.node(ev, m, depth + 1)?);
                }
                Node::Seq(items, line)
            }
            Event::MappingStart(..) => {
                let mut entries = Vec::new();
                loop {
                    let (ev, m) = self.next()?;
                    if ev == Event::MappingEnd {
                        break;
                    }
                    let key = self.node(ev, m, depth + 1)?;
                    let (ev, m) = self.next()?;
                    let value = self.node(ev, m, depth + 1)?;
                    entries.push((key, value));
                }
                Node::Map(entries, line)
            }
            _ => return Err(self.fail(mark, "unexpected YAML structure")),
        })
    }
}

fn parse_quanteda(
    source_name: &str,
    text: &str,
    notes: &mut Vec<ImportNote>,
) -> Result<Vec<Category>, Error> {
    let mut r = YamlReader {
        parser: Parser::new_from_str(text),
        source_name,
    };
    let shape = "a quanteda dictionary is a YAML mapping of category names to lists of patterns";
    let mut root = None;
    loop {
        let (ev, mark) = r.next()?;
        match ev {
            Event::StreamStart | Event::DocumentEnd => {}
            Event::StreamEnd => break,
            Event::DocumentStart if root.is_some() => {
                note(
                    notes,
                    mark.line(),
                    "a second YAML document: only the first is imported".into(),
                );
                break;
            }
            Event::DocumentStart => {
                let (ev, mark) = r.next()?;
                root = Some((r.node(ev, mark, 0)?, mark));
            }
            _ => return Err(r.fail(mark, "unexpected YAML structure")),
        }
    }
    let root = match root {
        Some((Node::Map(entries, _), _)) => entries,
        Some((node, mark)) if node.as_str() == Err("null") => {
            return Err(r.fail(mark, &format!("empty dictionary: {shape}")))
        }
        Some((_, mark)) => return Err(r.fail(mark, shape)),
        None => {
            return Err(document_error(
                source_name,
                1,
                None,
                &format!("empty dictionary: {shape}"),
            ))
        }
    };
    let mut categories = Vec::new();
    walk_quanteda(root, &[], &mut categories, notes);
    Ok(categories)
}

/// Turns the mapping `entries` (nested under the category names `path`)
/// into categories.
fn walk_quanteda(
    entries: Vec<(Node, Node)>,
    path: &[(String, String)],
    out: &mut Vec<Category>,
    notes: &mut Vec<ImportNote>,
) {
    for (key, value) in entries {
        let line = key.line();
        let name = match (&key, key.as_str()) {
            (_, Ok(name)) => name.to_string(),
            // A number or boolean key is still a usable name.
            (Node::Scalar { value, .. }, Err(_)) => value.clone(),
            (_, Err(what)) => {
                note(
                    notes,
                    line,
                    format!("a category name must be a string, not {what}: this entry is skipped"),
                );
                continue;
            }
        };
        let mut names = path.to_vec();
        let slug = slugify(&name);
        names.push((name, slug));
        let values = match value {
            Node::Map(inner, _) => {
                if inner.is_empty() {
                    out.push(quanteda_category(&names, line, Vec::new()));
                } else {
                    walk_quanteda(inner, &names, out, notes);
                }
                continue;
            }
            Node::Seq(items, _) => items,
            Node::Alias(l) => {
                note(
                    notes,
                    l,
                    format!(
                        "`{}`: YAML aliases are not supported: list the patterns themselves",
                        names.last().map_or("", |n| n.0.as_str())
                    ),
                );
                Vec::new()
            }
            // `key: word` is a list of one; `key:` an empty category.
            scalar if scalar.as_str() == Err("null") => Vec::new(),
            scalar => vec![scalar],
        };
        let mut entries = Vec::new();
        for item in values {
            let l = item.line();
            match item.as_str() {
                Ok(s) => match convert_pattern(s, DictFormat::Quanteda) {
                    Ok(p) => entries.push((p, l)),
                    Err(why) => note(notes, l, why),
                },
                Err(what) => {
                    let shown = match &item {
                        Node::Scalar { value, .. } => format!("`{value}` is {what}"),
                        _ => format!("{what} inside a category's list"),
                    };
                    note(
                        notes,
                        l,
                        format!(
                            "{shown}, not a string pattern: skipped (quote a number to import it as a word)"
                        ),
                    );
                }
            }
        }
        out.push(quanteda_category(&names, line, entries));
    }
}

fn quanteda_category(
    names: &[(String, String)],
    line: usize,
    entries: Vec<(String, usize)>,
) -> Category {
    let label = names
        .iter()
        .map(|(n, _)| n.as_str())
        .collect::<Vec<_>>()
        .join(".");
    let id = names
        .iter()
        .map(|(_, s)| s.as_str())
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    Category {
        origin: format!("category `{label}`"),
        renamed: names.iter().any(|(n, s)| n != s),
        id: if id.is_empty() { "category".into() } else { id },
        label,
        line,
        entries,
    }
}

// ---------------------------------------------------------------- patterns

/// Turns a dictionary entry into a framescope pattern, or says why it
/// cannot be one. LIWC and quanteda both use a trailing `*` as framescope
/// does; quanteda's leading `*`, inner `*` and `?` have no equivalent.
fn convert_pattern(raw: &str, format: DictFormat) -> Result<String, String> {
    let pattern = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if pattern.is_empty() {
        return Err("an empty entry: skipped".into());
    }
    let (base, wildcard) = match pattern.strip_suffix('*') {
        Some(base) => (base, true),
        None => (pattern.as_str(), false),
    };
    let unsupported =
        |what: &str| format!("`{pattern}`: {what} is not supported: the entry is skipped");
    let suffix_only = "(framescope wildcards only extend the end of a word)";
    if format == DictFormat::Quanteda {
        if base.starts_with('*') {
            return Err(unsupported(&format!("a leading `*` {suffix_only}")));
        }
        if base.contains('?') {
            return Err(unsupported("the glob `?` (any one character)"));
        }
    }
    if base.contains('*') {
        return Err(unsupported(&format!("a `*` before the end {suffix_only}")));
    }
    let key = normalize_pattern(base, true);
    // `*` alone or after a space stands for a whole word (quanteda's
    // "united *"), which framescope has no way to say.
    if wildcard
        && (base.ends_with(char::is_whitespace)
            || !key.chars().next_back().is_some_and(is_word_char))
    {
        return Err(unsupported(
            "a `*` that does not follow a letter or digit (a whole-word wildcard)",
        ));
    }
    if key.is_empty() {
        return Err(format!(
            "`{pattern}` has nothing to match once normalised: the entry is skipped"
        ));
    }
    Ok(pattern)
}

/// A frame id from a category name: lower-case, accents removed, spaces
/// and dashes to `-`, anything else dropped. Empty when nothing is left.
fn slugify(name: &str) -> String {
    let mut out = String::new();
    for c in name.nfkd().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() || c == '_' {
            out.push(c);
        } else if (c.is_whitespace() || c == '-' || c == '.' || c == '/') && !out.ends_with('-') {
            out.push('-');
        }
    }
    // Runs of separators are already one `-` ("Economy & Trade" is
    // "economy-trade"); trim the edges.
    out.trim_matches('-').to_string()
}

// ---------------------------------------------------------------- the pack

/// Colours cycled through by frame: the readable ones of `rules/README.md`
/// (black and white, plain or bright, vanish on some terminals).
const COLORS: [&str; 12] = [
    "red",
    "green",
    "yellow",
    "blue",
    "magenta",
    "cyan",
    "bright-red",
    "bright-green",
    "bright-yellow",
    "bright-blue",
    "bright-magenta",
    "bright-cyan",
];

fn quote(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// One entry of a category, normalised for comparison.
struct Term {
    pattern: String,
    line: usize,
    key: String,
    wildcard: bool,
}

/// The terms of `cat` that are kept: duplicates (after normalisation) and
/// entries already matched by a wildcard of the same category are dropped,
/// each with a note.
fn category_terms(cat: &Category, notes: &mut Vec<ImportNote>) -> Vec<Term> {
    let mut terms: Vec<Term> = Vec::new();
    for (pattern, line) in &cat.entries {
        let (base, wildcard) = match pattern.strip_suffix('*') {
            Some(base) => (base, true),
            None => (pattern.as_str(), false),
        };
        let key = normalize_pattern(base, true);
        if let Some(first) = terms
            .iter()
            .find(|t| t.key == key && t.wildcard == wildcard)
        {
            let message = if first.pattern == *pattern {
                format!(
                    "`{pattern}` is listed twice in category `{}` (first on line {}): kept once",
                    cat.label, first.line
                )
            } else {
                format!(
                    "`{pattern}` is the same pattern as `{}` (line {}) once case, hyphens and quotes are normalised: kept once in category `{}`",
                    first.pattern, first.line, cat.label
                )
            };
            note(notes, *line, message);
            continue;
        }
        terms.push(Term {
            pattern: pattern.clone(),
            line: *line,
            key,
            wildcard,
        });
    }
    // Shortest wildcards first, so a note names the widest one.
    let mut wildcards: Vec<usize> = (0..terms.len()).filter(|&i| terms[i].wildcard).collect();
    wildcards.sort_by_key(|&i| terms[i].key.len());
    let mut keep = vec![true; terms.len()];
    for (i, t) in terms.iter().enumerate() {
        let covering = wildcards.iter().copied().find(|&w| {
            w != i
                && keep[w]
                && t.key.starts_with(&terms[w].key)
                && t.key[terms[w].key.len()..].chars().all(is_word_char)
        });
        if let Some(w) = covering {
            keep[i] = false;
            note(
                notes,
                t.line,
                format!(
                    "`{}` is already matched by the wildcard `{}` (line {}) in category `{}`: dropped as redundant",
                    t.pattern, terms[w].pattern, terms[w].line, cat.label
                ),
            );
        }
    }
    let mut kept: Vec<Term> = terms
        .into_iter()
        .zip(keep)
        .filter_map(|(t, k)| k.then_some(t))
        .collect();
    kept.sort_by(|a, b| a.pattern.cmp(&b.pattern));
    kept
}

fn build_pack(
    format: DictFormat,
    source_name: &str,
    categories: Vec<Category>,
    notes: &mut Vec<ImportNote>,
) -> Result<Vec<(String, String)>, Error> {
    let file_name = Path::new(source_name).file_name().map_or_else(
        || source_name.to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let stem = Path::new(source_name)
        .file_stem()
        .map(|s| slugify(&s.to_string_lossy()))
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "imported".into());

    let mut files = Vec::new();
    files.push((
        pack_files::PACK.to_string(),
        format!(
            "# Made by `framescope rules import`; see rules/README.md for every key.\n\
             name = {}\n\
             version = \"0.1.0\"\n\
             schema = {}\n\
             description = {}\n\
             \n\
             [scoring]\n\
             threshold = 0.0\n\
             dominant-ratio = 0.75\n\
             quote-factor = 1.0\n",
            quote(&stem),
            crate::pack::compile::SCHEMA,
            quote(&format!(
                "Imported from {file_name} ({}) by framescope rules import: one frame per category.",
                format.title()
            )),
        ),
    ));

    // id -> (label, line) of the category that took it.
    let mut taken: BTreeMap<String, (String, usize)> = BTreeMap::new();
    for cat in &categories {
        if cat.entries.is_empty() {
            note(
                notes,
                cat.line,
                format!(
                    "category `{}` has no entries: no frame is made for it",
                    cat.label
                ),
            );
            continue;
        }
        let terms = category_terms(cat, notes);
        if terms.is_empty() {
            note(
                notes,
                cat.line,
                format!(
                    "category `{}` has no entry left to import: no frame is made for it",
                    cat.label
                ),
            );
            continue;
        }
        let mut id = cat.id.clone();
        if cat.renamed {
            note(
                notes,
                cat.line,
                format!(
                    "category name `{}` is not a frame id (lower-case letters, digits, `-`, `_`): it becomes frame `{id}`",
                    cat.label
                ),
            );
        }
        if let Some((other, line)) = taken.get(&id) {
            let free = (2..)
                .map(|k| format!("{id}-{k}"))
                .find(|c| !taken.contains_key(c))
                .expect("some suffix is free");
            note(
                notes,
                cat.line,
                format!(
                    "category `{}` collides with `{other}` (line {line}) as frame `{id}`: it becomes frame `{free}`",
                    cat.label
                ),
            );
            id = free;
        }
        let color = COLORS[taken.len() % COLORS.len()];
        taken.insert(id.clone(), (cat.label.clone(), cat.line));

        let mut toml = String::new();
        toml.push_str(
            "# Made by `framescope rules import`. Add [[test]] examples that must and\n\
             # must not match (see rules/README.md) before relying on this frame.\n",
        );
        toml.push_str(&format!("label = {}\n", quote(&cat.label)));
        toml.push_str(&format!(
            "description = {}\n",
            quote(&format!(
                "Imported from {file_name} ({}), {} (line {}).",
                format.title(),
                cat.origin,
                cat.line
            ))
        ));
        toml.push_str(&format!("color = {}\n\nterms = [\n", quote(color)));
        for t in &terms {
            toml.push_str(&format!(
                "  {{ pattern = {}, weight = 1.0 }},\n",
                quote(&t.pattern)
            ));
        }
        toml.push_str("]\n");
        files.push((pack_files::frame_path(&id), toml));
    }
    if taken.is_empty() {
        return Err(Error::Document {
            path: source_name.to_string(),
            message: format!(
                "no category has an entry that can be imported ({} note{} about the dictionary)",
                notes.len(),
                if notes.len() == 1 { "" } else { "s" }
            ),
        });
    }

    files.push((
        pack_files::ACTORS.to_string(),
        "# no actors: dictionaries name no actors\n".to_string(),
    ));
    let modifiers = PackSource::embedded()
        .files()
        .iter()
        .find(|(p, _)| p == pack_files::MODIFIERS)
        .map(|(_, t)| t.clone())
        .unwrap_or_default();
    files.push((
        pack_files::MODIFIERS.to_string(),
        format!(
            "# Copied from framescope's default pack by `framescope rules import`.\n{modifiers}"
        ),
    ));
    files.sort();
    Ok(files)
}
