//! Documents from files: plain-text and Markdown articles (with optional
//! front matter, TOML between `+++` lines or YAML between `---` lines, or a
//! `<stem>.meta.toml` sidecar that leaves the text untouched) and stdin, and
//! the article date their metadata gives ([`DocDate`]). Streams of many
//! documents (directories, JSON Lines) are read by [`crate::text::input`].

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::io::Read;
use std::path::Path;

use serde_json::Value;
use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};
use yaml_rust2::Yaml;

use crate::error::{line_col, Error, Location};
use crate::text::date::{ArticleDate, DateError, DateOptions};

/// The UTF-8 byte order mark some editors write before a file's first
/// line: no part of the line.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// `bytes` without a leading UTF-8 byte order mark: every reader of a
/// file's first line calls this (articles, profiles, gold, labels,
/// aggregates, dictionaries).
pub(crate) fn strip_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(BOM).unwrap_or(bytes)
}

/// [`strip_bom`] of text.
pub(crate) fn strip_bom_str(text: &str) -> &str {
    text.strip_prefix('\u{FEFF}').unwrap_or(text)
}

/// One article to classify.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Document {
    /// Id: from metadata, else the file stem.
    pub id: String,
    /// Title, when the metadata has one.
    pub title: Option<String>,
    /// Where it came from (a path, or `-` for stdin).
    pub source: String,
    /// Other metadata (outlet, date, …), as strings.
    pub meta: BTreeMap<String, String>,
    /// The article date, as the reader found it in the metadata.
    pub date: DocDate,
    /// The article text; spans in profiles are byte offsets into it.
    pub text: String,
    /// Problems that did not stop the document (e.g. invalid UTF-8 replaced).
    pub warnings: Vec<String>,
    /// Byte offset of `text` in the file: non-zero when a byte-order mark
    /// or front matter was cut off, so `span + text_offset` indexes the file.
    pub text_offset: usize,
}

/// The article date as the reader of a document found it.
///
/// The analysis takes the date from here (see
/// [`article_date`](crate::engine::analysis::article_date)); a document
/// built in code, which no reader has seen, is [`DocDate::Unread`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum DocDate {
    /// No reader looked for a date: the analysis reads the `date` metadata
    /// itself, in the forms read without a `--date-format`.
    #[default]
    Unread,
    /// The reader looked: the date, or `None` when the metadata has none
    /// (or a blank one).
    Read(Option<ArticleDate>),
    /// The metadata has a date that cannot be read: the document is
    /// classified without one, and a warning says why.
    Unreadable(BadDate),
}

impl DocDate {
    /// The date field's value that could not be read, when it could not.
    pub fn bad(&self) -> Option<&BadDate> {
        match self {
            DocDate::Unreadable(bad) => Some(bad),
            _ => None,
        }
    }
}

/// A date that could not be read, and where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BadDate {
    /// Where the value is written: `path:line` (the JSON Lines line, or the
    /// line of the key in front matter or a sidecar).
    pub at: String,
    /// The metadata key (`date`, or the `--date-field`).
    pub field: String,
    /// What is wrong; it names the value.
    pub error: DateError,
}

impl fmt::Display for BadDate {
    /// `path:line: field `date`: `garbage` is not a date …`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: field `{}`: {}", self.at, self.field, self.error)
    }
}

/// Sets `doc.date` from its metadata: the `options.field` value read with
/// `options.format`; `at` says where that value is written, for the
/// warning when it cannot be read.
pub(crate) fn resolve_date(doc: &mut Document, options: &DateOptions, at: &str) {
    doc.date = match doc.meta.get(&options.field) {
        None => DocDate::Read(None),
        Some(value) => match options.read(value) {
            Ok(date) => DocDate::Read(date),
            Err(error) => DocDate::Unreadable(BadDate {
                at: at.to_string(),
                field: options.field.clone(),
                error,
            }),
        },
    };
}

/// Extensions of text articles read when walking a directory.
pub(crate) const TEXT_EXTENSIONS: &[&str] = &["txt", "text", "md", "markdown"];

/// Reads one document from `path` (`-` for stdin), its date read with the
/// default `DateOptions`.
///
/// # Errors
///
/// As `read_document_with`.
pub fn read_document(path: &Path) -> Result<Document, Error> {
    read_document_with(path, &DateOptions::default())
}

/// Reads one document from `path` (`-` for stdin): front matter, then a
/// `<stem>.meta.toml` sidecar (whose keys win), then the date named by
/// `dates`.
///
/// # Errors
///
/// [`Error::Io`] when it cannot be read; [`Error::Metadata`] when its front
/// matter or sidecar metadata is not valid TOML or YAML, located in the file.
pub(crate) fn read_document_with(path: &Path, dates: &DateOptions) -> Result<Document, Error> {
    let io = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let bytes = if path.as_os_str() == "-" {
        let mut buf = Vec::new();
        std::io::stdin().read_to_end(&mut buf).map_err(io)?;
        buf
    } else {
        std::fs::read(path).map_err(io)?
    };
    let stem = if path.as_os_str() == "-" {
        "stdin".to_string()
    } else {
        path.file_stem()
            .map_or_else(|| "stdin".to_string(), |s| s.to_string_lossy().into_owned())
    };
    document_from_bytes(path, &bytes, &stem, dates)
}

/// A document from the bytes of the file at `path` (`-`: stdin), as
/// [`read_document_with`] makes it: front matter, then the
/// `<stem>.meta.toml` sidecar beside the file, then the date; `default_id`
/// when neither sets an id. For readers that already hold the bytes (a
/// file sniffed for its format, a pipe that cannot be read twice).
///
/// # Errors
///
/// As [`read_document_with`], for the metadata.
pub(crate) fn document_from_bytes(
    path: &Path,
    bytes: &[u8],
    default_id: &str,
    dates: &DateOptions,
) -> Result<Document, Error> {
    let source = if path.as_os_str() == "-" {
        "-".to_string()
    } else {
        path.display().to_string()
    };
    let (mut doc, mut date_at) = parse_metadata_and_text(bytes, &source, default_id, &dates.field)?;
    if source != "-" {
        let stem = path
            .file_stem()
            .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
        let sidecar = path.with_file_name(format!("{stem}.meta.toml"));
        if sidecar.is_file() {
            let text = std::fs::read_to_string(&sidecar).map_err(|source| Error::Io {
                path: sidecar.clone(),
                source,
            })?;
            let name = sidecar.display().to_string();
            let entries = toml_entries(&text, &name, 0, &dates.field)?;
            if let Some(at) = apply_metadata(&mut doc, entries, &name, &dates.field) {
                date_at = Some(at);
            }
        }
    }
    resolve_date(&mut doc, dates, date_at.as_deref().unwrap_or(&source));
    Ok(doc)
}

/// Builds a document from raw bytes: decodes UTF-8 (invalid bytes are
/// replaced with U+FFFD and a warning is recorded), splits off `+++` (TOML)
/// or `---` (YAML) front matter, and reads the date named by `dates`.
///
/// # Errors
///
/// [`Error::Metadata`] when the front matter is not valid TOML or YAML (or
/// YAML that is not `key: value` lines), located in the file.
pub(crate) fn parse_document_with(
    bytes: &[u8],
    source: &str,
    default_id: &str,
    dates: &DateOptions,
) -> Result<Document, Error> {
    let (mut doc, date_at) = parse_metadata_and_text(bytes, source, default_id, &dates.field)?;
    resolve_date(&mut doc, dates, date_at.as_deref().unwrap_or(source));
    Ok(doc)
}

/// [`parse_document_with`] up to the date: the document, and where its
/// `date_field` is written (`source:line`) when its front matter has one.
fn parse_metadata_and_text(
    bytes: &[u8],
    source: &str,
    default_id: &str,
    date_field: &str,
) -> Result<(Document, Option<String>), Error> {
    let mut warnings = Vec::new();
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(e) => {
            warnings.push(format!(
                "invalid UTF-8 at byte {}: invalid bytes replaced with U+FFFD",
                e.valid_up_to()
            ));
            String::from_utf8_lossy(bytes).into_owned()
        }
    };
    let bom = text.len() - strip_bom_str(&text).len();
    let mut doc = Document {
        id: default_id.to_string(),
        source: source.to_string(),
        warnings,
        ..Document::default()
    };
    let body = &text[bom..];
    let mut date_at = None;
    match split_front_matter(body) {
        Some(front) => {
            // The front matter starts on the file's second line.
            let entries = match front.kind {
                FrontMatter::Toml => toml_entries(front.text, source, 1, date_field)?,
                FrontMatter::Yaml => yaml_entries(front.text, source, 1)?,
            };
            date_at = apply_metadata(&mut doc, entries, source, date_field);
            doc.text = body[front.body_start..].to_string();
            doc.text_offset = bom + front.body_start;
        }
        None => {
            doc.text = body.to_string();
            doc.text_offset = bom;
        }
    }
    Ok((doc, date_at))
}

/// The language of a front matter block.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum FrontMatter {
    /// Between `+++` lines (Hugo).
    Toml,
    /// Between `---` lines, or `---` and `...` (Jekyll, Hugo, Pandoc).
    Yaml,
}

/// A front matter block found at the top of a text.
struct Front<'a> {
    kind: FrontMatter,
    /// The lines between the delimiters.
    text: &'a str,
    /// Where the body starts: after the closing line and any blank lines.
    body_start: usize,
}

/// Splits front matter off `text`: the first line must be exactly `+++`
/// (TOML) or `---` (YAML), CRLF allowed, and a later line exactly the same
/// (or `...` for YAML) closes it. Without a closing line there is no front
/// matter.
fn split_front_matter(text: &str) -> Option<Front<'_>> {
    let mut lines = text.split_inclusive('\n');
    let first = lines.next()?;
    let (kind, closers): (_, &[&str]) = match first.trim_end_matches(['\r', '\n']) {
        "+++" => (FrontMatter::Toml, &["+++"]),
        "---" => (FrontMatter::Yaml, &["---", "..."]),
        _ => return None,
    };
    let front_start = first.len();
    let mut at = front_start;
    for line in lines {
        if closers.contains(&line.trim_end_matches(['\r', '\n'])) {
            let rest = &text[at + line.len()..];
            return Some(Front {
                kind,
                text: &text[front_start..at],
                body_start: text.len() - rest.trim_start_matches(['\r', '\n']).len(),
            });
        }
        at += line.len();
    }
    None
}

/// One metadata key and its value as text (`None` for a null, which sets
/// nothing), with the file line of the key when it was worked out.
struct MetaEntry {
    key: String,
    value: Option<String>,
    line: Option<usize>,
}

/// Applies metadata entries (`id`, `title`, any other key) to `doc`, and
/// returns where the `date_field` entry is written (`origin:line`), when
/// there is one.
fn apply_metadata(
    doc: &mut Document,
    entries: Vec<MetaEntry>,
    origin: &str,
    date_field: &str,
) -> Option<String> {
    let mut date_at = None;
    for MetaEntry { key, value, line } in entries {
        let Some(value) = value else { continue };
        if key == date_field {
            date_at = Some(match line {
                Some(line) => format!("{origin}:{line}"),
                None => origin.to_string(),
            });
        }
        match key.as_str() {
            "id" => doc.id = value,
            "title" => doc.title = Some(value),
            _ => {
                doc.meta.insert(key, value);
            }
        }
    }
    date_at
}

/// The entries of TOML metadata. Scalars become their text (a TOML date
/// as written, `2010-05-01`); arrays and tables become JSON text, as JSON
/// Lines metadata does. `first_line` is the file line before the TOML
/// starts (for error locations); the line of `date_field` is worked out.
fn toml_entries(
    toml_text: &str,
    source: &str,
    first_line: usize,
    date_field: &str,
) -> Result<Vec<MetaEntry>, Error> {
    let table: toml::Table = toml_text.parse().map_err(|e: toml::de::Error| {
        let at = e.span().map_or(0, |s| s.start);
        let (line, col) = line_col(toml_text, at);
        Error::Metadata {
            at: Location::line(source, line + first_line, Some(col)),
            message: e.message().trim_end().to_string(),
        }
    })?;
    Ok(table
        .into_iter()
        .map(|(key, value)| {
            let line = (key == date_field)
                .then(|| toml_key_line(toml_text, &key))
                .flatten()
                .map(|line| line + first_line);
            let value = match value {
                toml::Value::String(s) => s,
                toml::Value::Array(_) | toml::Value::Table(_) => toml_to_json(value).to_string(),
                other => other.to_string(),
            };
            MetaEntry {
                key,
                value: Some(value),
                line,
            }
        })
        .collect())
}

/// The line (within `toml_text`) of the top-level key `key`.
fn toml_key_line(toml_text: &str, key: &str) -> Option<usize> {
    let table = toml::de::DeTable::parse(toml_text).ok()?;
    let (name, _) = table
        .get_ref()
        .iter()
        .find(|(name, _)| name.get_ref().as_ref() == key)?;
    Some(line_col(toml_text, name.span().start).0)
}

/// A TOML value as JSON (dates as their text).
fn toml_to_json(value: toml::Value) -> Value {
    match value {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::from(i),
        toml::Value::Float(f) => serde_json::Number::from_f64(f)
            .map_or_else(|| Value::String(f.to_string()), Value::Number),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(items) => Value::Array(items.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(table) => Value::Object(
            table
                .into_iter()
                .map(|(k, v)| (k, toml_to_json(v)))
                .collect(),
        ),
    }
}

/// Nesting deeper than this in YAML front matter is refused.
const MAX_YAML_DEPTH: usize = 32;

/// The entries of YAML front matter: a mapping of keys to values. Plain
/// scalars become their text as written (`date: 2010-05-01` gives
/// `2010-05-01`, `year: 2010` gives `2010`), `null` and `~` set nothing,
/// lists and mappings become JSON text, as JSON Lines metadata does;
/// aliases stand for what they name. `first_line` is the file line before
/// the YAML starts.
fn yaml_entries(yaml: &str, source: &str, first_line: usize) -> Result<Vec<MetaEntry>, Error> {
    let mut r = YamlFront {
        parser: Parser::new_from_str(yaml),
        source,
        first_line,
        anchors: HashMap::new(),
    };
    let shape = "YAML front matter must be `key: value` lines";
    let mut entries = Vec::new();
    let mut root_seen = false;
    loop {
        let (event, mark) = r.next()?;
        match event {
            Event::StreamStart | Event::DocumentStart | Event::DocumentEnd => {}
            Event::StreamEnd => return Ok(entries),
            Event::MappingStart(..) if !root_seen => {
                root_seen = true;
                loop {
                    let (event, key_mark) = r.next()?;
                    let key = match event {
                        Event::MappingEnd => break,
                        Event::Scalar(key, ..) => key,
                        _ => {
                            return Err(r.fail(
                                key_mark,
                                "a metadata key must be a word, not a list or mapping",
                            ))
                        }
                    };
                    let (event, mark) = r.next()?;
                    let value = match r.value(event, mark, 1)? {
                        Value::Null => None,
                        Value::String(s) => Some(s),
                        other => Some(other.to_string()),
                    };
                    entries.push(MetaEntry {
                        key,
                        value,
                        line: Some(key_mark.line() + first_line),
                    });
                }
            }
            // A document of nothing but `null` or `~` is no metadata, like
            // an empty one.
            Event::Scalar(ref v, TScalarStyle::Plain, _, None)
                if !root_seen && matches!(Yaml::from_str(v), Yaml::Null) =>
            {
                root_seen = true;
            }
            _ => return Err(r.fail(mark, shape)),
        }
    }
}

/// Reads YAML front matter event by event, to keep the line of each key.
struct YamlFront<'a> {
    parser: Parser<std::str::Chars<'a>>,
    source: &'a str,
    first_line: usize,
    /// Values of anchored nodes, for aliases.
    anchors: HashMap<usize, Value>,
}

impl YamlFront<'_> {
    fn fail(&self, mark: Marker, message: &str) -> Error {
        Error::Metadata {
            at: Location::line(
                self.source,
                mark.line() + self.first_line,
                Some(mark.col() + 1),
            ),
            message: message.to_string(),
        }
    }

    fn next(&mut self) -> Result<(Event, Marker), Error> {
        self.parser.next_token().map_err(|e| Error::Metadata {
            at: Location::line(
                self.source,
                e.marker().line() + self.first_line,
                Some(e.marker().col() + 1),
            ),
            message: e.info().to_string(),
        })
    }

    /// The value starting with `event`, as JSON.
    fn value(&mut self, event: Event, mark: Marker, depth: usize) -> Result<Value, Error> {
        if depth > MAX_YAML_DEPTH {
            return Err(self.fail(mark, "front matter nested too deeply"));
        }
        let (value, anchor) = match event {
            Event::Scalar(text, style, anchor, tag) => {
                let value = if style != TScalarStyle::Plain || tag.is_some() {
                    Value::String(text)
                } else {
                    match Yaml::from_str(&text) {
                        Yaml::Null => Value::Null,
                        Yaml::Boolean(b) => Value::Bool(b),
                        Yaml::Integer(i) => Value::from(i),
                        // Numbers keep the digits written (`1.50`).
                        _ => Value::String(text),
                    }
                };
                (value, anchor)
            }
            Event::Alias(id) => {
                let value = self.anchors.get(&id).cloned();
                return value.ok_or_else(|| self.fail(mark, "alias to an unknown anchor"));
            }
            Event::SequenceStart(anchor, _) => {
                let mut items = Vec::new();
                loop {
                    let (event, mark) = self.next()?;
                    if event == Event::SequenceEnd {
                        break;
                    }
                    items.push(self.value(event, mark, depth + 1)?);
                }
                (Value::Array(items), anchor)
            }
            Event::MappingStart(anchor, _) => {
                let mut object = serde_json::Map::new();
                loop {
                    let (event, mark) = self.next()?;
                    if event == Event::MappingEnd {
                        break;
                    }
                    let key = match self.value(event, mark, depth + 1)? {
                        Value::String(s) => s,
                        other => other.to_string(),
                    };
                    let (event, mark) = self.next()?;
                    let value = self.value(event, mark, depth + 1)?;
                    object.insert(key, value);
                }
                (Value::Object(object), anchor)
            }
            _ => return Err(self.fail(mark, "unexpected YAML structure")),
        };
        if anchor > 0 {
            self.anchors.insert(anchor, value.clone());
        }
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A document from raw bytes, its date read with the default options.
    fn parse_document(bytes: &[u8], source: &str, default_id: &str) -> Result<Document, Error> {
        parse_document_with(bytes, source, default_id, &DateOptions::default())
    }

    #[test]
    fn front_matter_sets_metadata_and_is_cut_from_text() {
        let doc = parse_document(
            b"+++\nid = \"a1\"\ntitle = \"T\"\noutlet = \"X\"\n+++\nBody text.",
            "f.txt",
            "f",
        )
        .unwrap();
        assert_eq!(doc.id, "a1");
        assert_eq!(doc.title.as_deref(), Some("T"));
        assert_eq!(doc.meta.get("outlet").map(String::as_str), Some("X"));
        assert_eq!(doc.text, "Body text.");
    }

    #[test]
    fn invalid_utf8_is_replaced_with_a_warning() {
        let doc = parse_document(b"ok \xff then", "f.txt", "f").unwrap();
        assert_eq!(doc.text, "ok \u{FFFD} then");
        assert_eq!(doc.warnings.len(), 1);
        assert!(doc.warnings[0].contains("byte 3"), "{:?}", doc.warnings);
    }

    #[test]
    fn bad_front_matter_is_located() {
        let err = parse_document(b"+++\nid = \n+++\nBody", "f.txt", "f").unwrap_err();
        assert!(
            err.to_string().starts_with("f.txt:2:6: metadata: "),
            "{err}"
        );
    }

    #[test]
    fn front_matter_with_crlf_and_offset_into_the_file() {
        let file = b"+++\r\nid = \"a\"\r\n+++\r\nThe ally.";
        let doc = parse_document(file, "w.txt", "w").unwrap();
        assert_eq!((doc.id.as_str(), doc.text.as_str()), ("a", "The ally."));
        assert_eq!(&file[doc.text_offset..], b"The ally.");
    }

    #[test]
    fn empty_front_matter_and_lookalike_lines() {
        let doc = parse_document(b"+++\n+++\nBody", "f.txt", "f").unwrap();
        assert_eq!(doc.text, "Body");
        let doc = parse_document(b"+++\ntitle = \"T\"\n++++\n+++\nBody", "f.txt", "f");
        assert!(doc.is_err(), "`++++` does not close front matter");
        let doc = parse_document("\u{FEFF}Text".as_bytes(), "f.txt", "f").unwrap();
        assert_eq!((doc.text.as_str(), doc.text_offset), ("Text", 3));
        // A `---` rule with no closing line, or a longer rule, is text.
        for text in [
            "---\ntitle: T\nBody",
            "----\ntitle: T\n----\nBody",
            "Body\n---\nMore\n---\n",
        ] {
            let doc = parse_document(text.as_bytes(), "f.md", "f").unwrap();
            assert_eq!((doc.text.as_str(), doc.meta.len()), (text, 0));
        }
    }

    #[test]
    fn no_front_matter_keeps_text_verbatim() {
        let doc = parse_document(b"Plain +++ text\n", "f.txt", "f").unwrap();
        assert_eq!(doc.text, "Plain +++ text\n");
        assert_eq!(doc.id, "f");
    }

    fn date_of(doc: &Document) -> Option<String> {
        match &doc.date {
            DocDate::Read(d) => d.map(|d| d.to_string()),
            other => panic!("expected a read date, got {other:?}"),
        }
    }

    #[test]
    fn yaml_front_matter_sets_metadata_and_the_date() {
        let file = "---\ntitle: Ban\ndate: 2010-05-01\nid: a7\noutlet: \"The Daily\"\n\
                    tags: [un, korea]\nauthor:\n  name: Kim\ndraft: false\nviews: 1.50\n\
                    empty: ~\n---\n\nBan Ki-moon spoke.\n";
        let doc = parse_document(file.as_bytes(), "a.md", "a").unwrap();
        assert_eq!((doc.id.as_str(), doc.title.as_deref()), ("a7", Some("Ban")));
        let meta: Vec<(&str, &str)> = doc
            .meta
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        assert_eq!(
            meta,
            [
                ("author", r#"{"name":"Kim"}"#),
                ("date", "2010-05-01"),
                ("draft", "false"),
                ("outlet", "The Daily"),
                ("tags", r#"["un","korea"]"#),
                ("views", "1.50"),
            ]
        );
        assert_eq!(date_of(&doc).as_deref(), Some("2010-05-01"));
        // The body's spans are unchanged: text_offset points at it in the file.
        assert_eq!(doc.text, "Ban Ki-moon spoke.\n");
        assert_eq!(&file[doc.text_offset..], doc.text);
    }

    #[test]
    fn yaml_front_matter_with_crlf_dots_and_a_bom() {
        let file = "\u{FEFF}---\r\ntitle: T\r\ndate: 2010\r\n...\r\nThe ally.";
        let doc = parse_document(file.as_bytes(), "w.md", "w").unwrap();
        assert_eq!(doc.title.as_deref(), Some("T"));
        assert_eq!(date_of(&doc).as_deref(), Some("2010"));
        assert_eq!(doc.text, "The ally.");
        assert_eq!(&file.as_bytes()[doc.text_offset..], b"The ally.");
    }

    #[test]
    fn empty_yaml_front_matter_is_no_metadata() {
        for file in [
            "---\n---\nBody",
            "---\n# nothing yet\n---\nBody",
            "---\n~\n---\nBody",
            "---\n{}\n---\nBody",
        ] {
            let doc = parse_document(file.as_bytes(), "e.md", "e").unwrap();
            assert_eq!(
                (doc.id.as_str(), doc.text.as_str(), doc.meta.len()),
                ("e", "Body", 0),
                "{file:?}"
            );
            assert_eq!(doc.date, DocDate::Read(None));
        }
    }

    #[test]
    fn malformed_yaml_front_matter_is_located_in_the_file() {
        let cases: &[(&str, usize, usize, &str)] = &[
            // An unclosed flow sequence, reported where the parser gives up.
            (
                "---\ntitle: T\ntags: [a, b\n---\nBody",
                4,
                1,
                "flow sequence",
            ),
            // A tab where YAML wants spaces.
            ("---\ntitle: T\nauthor:\n\tname: K\n---\nBody", 4, 2, "tab"),
            (
                "---\n- a\n- b\n---\nBody",
                2,
                1,
                "must be `key: value` lines",
            ),
            (
                "---\njust a sentence\n---\nBody",
                2,
                1,
                "must be `key: value` lines",
            ),
            (
                "---\r\ntitle: T\r\n[a]: b\r\n---\r\nBody",
                3,
                1,
                "a metadata key must be a word",
            ),
        ];
        for (file, line, column, words) in cases {
            match parse_document(file.as_bytes(), "m.md", "m") {
                Err(Error::Metadata { at, message }) => {
                    assert_eq!(at.file, "m.md");
                    let (l, c) = (at.line.unwrap(), at.col.unwrap());
                    assert_eq!((l, c), (*line, *column), "{file:?}: {message}");
                    assert!(message.contains(words), "{file:?}: {message}");
                }
                other => panic!("{file:?}: {other:?}"),
            }
        }
    }

    #[test]
    fn a_yaml_alias_stands_for_its_anchor() {
        let doc =
            parse_document(b"---\nfirst: &d 2010-05-01\ndate: *d\n---\nB", "a.md", "a").unwrap();
        assert_eq!(date_of(&doc).as_deref(), Some("2010-05-01"));
    }

    #[test]
    fn toml_lists_and_tables_become_json_text_like_jsonl_metadata() {
        let doc = parse_document(
            b"+++\ntags = [\"un\", 2]\ndate = 2010-05-01\n[author]\nname = \"Kim\"\n+++\nB",
            "t.md",
            "t",
        )
        .unwrap();
        assert_eq!(doc.meta["tags"], r#"["un",2]"#);
        assert_eq!(doc.meta["author"], r#"{"name":"Kim"}"#);
        assert_eq!(date_of(&doc).as_deref(), Some("2010-05-01"));
    }

    #[test]
    fn an_unreadable_date_names_the_line_of_its_key() {
        for (file, at) in [
            ("---\ntitle: T\ndate: garbage\n---\nB", "g.md:3"),
            ("+++\ntitle = \"T\"\n\ndate = \"garbage\"\n+++\nB", "g.md:4"),
            ("No front matter.", "g.md"),
        ] {
            let mut doc = parse_document(file.as_bytes(), "g.md", "g").unwrap();
            if doc.meta.is_empty() {
                // A document built in code has not been read: the analysis
                // reads its `date` itself. Resolving it locates the file.
                doc.meta.insert("date".into(), "garbage".into());
                resolve_date(&mut doc, &DateOptions::default(), "g.md");
            }
            let bad = doc.date.bad().expect("an unreadable date");
            assert_eq!((bad.at.as_str(), bad.field.as_str()), (at, "date"));
            assert_eq!(bad.error.value(), "garbage");
            assert!(
                bad.to_string()
                    .starts_with(&format!("{at}: field `date`: `garbage` is not a date")),
                "{bad}"
            );
        }
    }

    #[test]
    fn the_date_field_and_format_can_be_chosen() {
        let dates = DateOptions {
            field: "published".into(),
            format: Some("%d/%m/%Y".parse().unwrap()),
        };
        let file = b"---\ndate: garbage\npublished: 01/05/2010\n---\nB";
        let doc = parse_document_with(file, "p.md", "p", &dates).unwrap();
        assert_eq!(date_of(&doc).as_deref(), Some("2010-05-01"));
        // Without the format the numeric date is refused, and said to be.
        let doc = parse_document_with(
            file,
            "p.md",
            "p",
            &DateOptions {
                format: None,
                ..dates
            },
        )
        .unwrap();
        let bad = doc.date.bad().unwrap();
        assert_eq!(
            (bad.at.as_str(), bad.field.as_str()),
            ("p.md:3", "published")
        );
        assert!(matches!(bad.error, DateError::Ambiguous(_)), "{bad}");
    }

    #[test]
    fn a_sidecar_date_wins_and_is_located_in_the_sidecar() {
        let dir =
            std::env::temp_dir().join(format!("framescope-doc-sidecar-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let article = dir.join("s.md");
        let sidecar = dir.join("s.meta.toml");
        std::fs::write(&article, "---\ndate: 2010-05-01\n---\nB").unwrap();
        std::fs::write(&sidecar, "# note\ndate = \"someday\"\n").unwrap();
        let doc = read_document(&article).unwrap();
        let bad = doc.date.bad().cloned();
        std::fs::write(&sidecar, "date = 2011-01-02\n").unwrap();
        let good = read_document(&article).unwrap();
        let _ = std::fs::remove_dir_all(&dir);
        let bad = bad.expect("the sidecar's date is the one read");
        assert_eq!(bad.at, format!("{}:2", sidecar.display()));
        assert_eq!(date_of(&good).as_deref(), Some("2011-01-02"));
    }
}
