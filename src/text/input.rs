//! Streaming input: turns the paths given on the command line (files,
//! directories, `-` for stdin) into a lazy stream of [`Document`]s and
//! [`Problem`]s, for corpora of millions of articles.
//!
//! This module is responsible for:
//!
//! - expanding directories (recursively, sorted, symlinked directories not
//!   followed) into the plain-text, Markdown, JSON Lines and CSV files in
//!   them;
//! - reading plain-text and Markdown files one document per file, exactly as
//!   [`read_document`](crate::text::document::read_document) does (front
//!   matter, `<stem>.meta.toml` sidecar, BOM, invalid UTF-8 replaced);
//! - reading JSON Lines (`.jsonl`, `.ndjson`, optionally gzipped) one object
//!   per line, with memory bounded by the longest line;
//! - reading CSV and TSV (`.csv`, `.tsv`, optionally gzipped) one row per
//!   article, the header row naming the fields as JSON Lines keys do (the
//!   `csv` crate, RFC 4180 quoting);
//! - sniffing stdin, and files whose name does not say (`xaa`,
//!   `part-00000`), for gzip, JSON Lines or a single text, with a note
//!   saying what was guessed;
//! - skipping binary content (a NUL byte, as ripgrep judges) unless asked;
//! - giving every document an id unique within the run: files found under a
//!   directory are named by their path below it, files that share a name by
//!   their path, and a repeated id is renamed with a warning;
//! - counting the bytes consumed, for progress reporting from another
//!   thread.
//!
//! Nothing here prints: every problem that skips part of the input (a line, a
//! file) comes out of the stream as an [`Item::Problem`], in order, and
//! problems that do not stop a document are in its [`Document::warnings`].

use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
use std::fmt;
use std::hash::{Hash, Hasher};
use std::io::{self, BufRead, BufReader, Cursor, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use serde_json::{Map, Value};

use crate::error::{json_message, Error, Location};
use crate::text::date::DateOptions;
use crate::text::document::{
    document_from_bytes, parse_document_with, resolve_date, strip_bom, DocDate, Document,
    TEXT_EXTENSIONS,
};

/// How to read inputs.
#[derive(Clone, Debug)]
pub struct InputOptions {
    /// The JSON field holding the article text (default `text`).
    pub text_field: String,
    /// The JSON field holding the document id (default `id`); a string or a
    /// number. Without it the id is `<file stem>:<line>`.
    pub id_field: String,
    /// The JSON field holding the title (default `title`).
    pub title_field: String,
    /// How to tell plain text from JSON Lines (default `InputFormat::Auto`).
    pub format: InputFormat,
    /// Which metadata key holds the article date, and the form of numeric
    /// dates (`--date-field`, `--date-format`).
    pub date: DateOptions,
    /// The longest JSON Lines line read, in bytes without its line ending
    /// (default `MAX_LINE_BYTES`). A longer line is reported and skipped
    /// without ever being held whole, so a gzip bomb that inflates to
    /// gigabytes without a newline costs this much memory at most.
    pub max_line_bytes: usize,
    /// Read content with NUL bytes (binary) as text instead of skipping it.
    pub binary: bool,
}

/// The default bound on a JSON Lines line: 256 MiB, far above any article
/// (the longest in the project's corpora is under 1 MB) and low enough to
/// stop a runaway line long before it exhausts memory.
pub(crate) const MAX_LINE_BYTES: usize = 256 * 1024 * 1024;

impl Default for InputOptions {
    fn default() -> InputOptions {
        InputOptions {
            text_field: "text".to_string(),
            id_field: "id".to_string(),
            title_field: "title".to_string(),
            format: InputFormat::Auto,
            date: DateOptions::default(),
            max_line_bytes: MAX_LINE_BYTES,
            binary: false,
        }
    }
}

/// How the files given are to be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputFormat {
    /// Files by extension (`.jsonl`, `.ndjson`, and the same with `.gz`, are
    /// JSON Lines; `.csv` and `.tsv`, also with `.gz`, are CSV and
    /// tab-separated values; `.txt`, `.text`, `.md` and `.markdown` are one
    /// text document each); stdin, and files whose name says neither, by their
    /// first bytes (gzip, or `{` after any whitespace, is JSON Lines;
    /// anything else is one text document), with an [`Item::Note`].
    Auto,
    /// Every input is one plain-text document.
    Text,
    /// Every input is JSON Lines (gzip-compressed when its name ends in
    /// `.gz`; stdin when it starts with the gzip magic bytes).
    Jsonl,
    /// Every input is CSV with a header row, one article per row
    /// (tab-separated when its name, less any `.gz`, ends in `.tsv`;
    /// gzip as for JSON Lines).
    Csv,
    /// Every input is tab-separated values with a header row.
    Tsv,
}

impl InputFormat {
    /// The delimiter of the rows this format reads every input as (stdin
    /// included), when it is a format of rows.
    fn delimiter(self) -> Option<u8> {
        match self {
            InputFormat::Csv => Some(b','),
            InputFormat::Tsv => Some(b'\t'),
            InputFormat::Auto | InputFormat::Text | InputFormat::Jsonl => None,
        }
    }
}

/// A problem that skipped part of the input (a line, a file).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The file (`-` for stdin) or directory at fault, and the line (and
    /// column) when the problem is on one line.
    pub at: Location,
    /// What is wrong, lower-case.
    pub message: String,
}

impl Problem {
    fn file(source: impl Into<String>, message: impl Into<String>) -> Problem {
        Problem {
            at: Location::file(source),
            message: message.into(),
        }
    }

    /// A problem on `line` (and `col`) of `source`.
    fn on_line(
        source: impl Into<String>,
        line: usize,
        col: Option<usize>,
        message: impl Into<String>,
    ) -> Problem {
        Problem {
            at: Location::line(source, line, col),
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    /// `path:LINE:COL: message`, `path:LINE: message` or `path: message`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.at, self.message)
    }
}

/// One thing read from the inputs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Item {
    /// A document (possibly with warnings).
    Doc(Document),
    /// A line or file that was skipped, and why.
    Problem(Problem),
    /// Not a problem, but worth saying: how a file whose name did not say
    /// its format was read.
    Note(String),
}

/// Repeated ids renamed with a warning each; more are counted at the end.
const RENAMES_SHOWN: usize = 20;

/// Extensions of JSON Lines files, also recognised with `.gz` after them.
const JSONL_EXTENSIONS: &[&str] = &["jsonl", "ndjson"];

/// Extensions of files of delimited rows with a header (CSV and TSV), with
/// their delimiters; also recognised with `.gz` after them.
const ROWS_EXTENSIONS: &[(&str, u8)] = &[("csv", b','), ("tsv", b'\t')];

/// The gzip magic bytes.
const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

/// Read buffer size: large enough that a read call per line is rare.
const BUFFER: usize = 256 * 1024;

/// How much leading whitespace stdin may have before it is taken for text.
const SNIFF_LIMIT: usize = 64 * 1024;

/// How a file is to be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// One text document.
    Text,
    /// JSON Lines.
    Jsonl,
    /// Delimited rows with a header: CSV (`b','`) or TSV (`b'\t'`).
    Rows { delimiter: u8 },
    /// Its name does not say: sniffed from its first bytes.
    Guess,
}

/// An input still to be read.
#[derive(Debug)]
enum Entry {
    /// A file, its kind, its size when opened (0 when unknown), and the
    /// id it gives its document (text) or the prefix of its fallback ids
    /// (JSON Lines), unique among the files of the run.
    File {
        path: PathBuf,
        kind: Kind,
        size: u64,
        id: String,
    },
    /// Standard input.
    Stdin,
    /// A path that could not be expanded.
    Problem(Problem),
}

/// Streams the documents of the paths given, in order, lazily.
///
/// Files, directories (walked recursively and sorted, as
/// the text extensions (`TEXT_EXTENSIONS`), picking up
/// `.txt`, `.text`, `.md`, `.markdown`, `.jsonl`, `.ndjson`, `.csv`, `.tsv`
/// and the last four with `.gz`; never `*.meta.toml` sidecars) and `-` (stdin).
/// Directories are listed and files sized when it is opened; files are
/// opened and read only as the stream reaches them, and a JSON Lines file is
/// read one line at a time.
///
/// Every problem (a missing path, an unreadable file, a malformed line, a
/// corrupt gzip stream) is one [`Item::Problem`] and the stream goes on.
pub struct Inputs {
    options: InputOptions,
    queue: VecDeque<Entry>,
    current: Option<Stream>,
    /// Items to hand out before reading on (a note before its document).
    pending: VecDeque<Item>,
    /// Hashes of the ids handed out so far, and how often each base id
    /// was renamed, to keep ids unique (8 bytes a document).
    ids: HashSet<u64>,
    renamed: HashMap<u64, usize>,
    /// Articles renamed so far (taken when the closing count is given).
    renames: usize,
    counter: Arc<AtomicU64>,
    total: Option<u64>,
}

impl fmt::Debug for Inputs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Inputs")
            .field("options", &self.options)
            .field("pending", &self.queue.len())
            .field("bytes_read", &self.counter.load(Ordering::Relaxed))
            .field("total", &self.total)
            .finish()
    }
}

impl Inputs {
    /// Opens `paths` for reading: lists directories and sizes files, but
    /// reads nothing yet.
    pub fn open(paths: &[PathBuf], options: InputOptions) -> Inputs {
        let mut queue = VecDeque::new();
        for path in paths {
            if path.as_os_str() == "-" {
                queue.push_back(Entry::Stdin);
            } else if path.is_file() || (path.exists() && !path.is_dir()) {
                // A named pipe or device (`<(zcat a.jsonl.gz)`) is read as
                // a file too, and sniffed when its name does not say.
                queue.push_back(file_entry(path.clone(), options.format, base_name(path)));
            } else if path.is_dir() {
                let before = queue.len();
                walk(path, options.format, &mut queue);
                if queue.len() == before {
                    queue.push_back(Entry::Problem(Problem::file(
                        path.display().to_string(),
                        format!("no {} files in this directory", walked_extensions()),
                    )));
                }
            } else {
                // The reason it cannot be looked at: mostly that it is not
                // there, but also a symlink loop or a denied directory.
                let why = match std::fs::metadata(path) {
                    Err(e) if e.kind() != io::ErrorKind::NotFound => e.to_string(),
                    _ => "no such file or directory".to_string(),
                };
                queue.push_back(Entry::Problem(Problem::file(
                    path.display().to_string(),
                    why,
                )));
            }
        }
        unique_file_ids(&mut queue);
        let total = queue.iter().try_fold(0u64, |sum, entry| match entry {
            Entry::File { size, .. } => Some(sum + size),
            Entry::Stdin => None,
            Entry::Problem(_) => Some(sum),
        });
        Inputs {
            options,
            queue,
            current: None,
            pending: VecDeque::new(),
            ids: HashSet::new(),
            renamed: HashMap::new(),
            renames: 0,
            counter: Arc::new(AtomicU64::new(0)),
            total,
        }
    }

    /// A handle on the count of bytes consumed so far from the underlying
    /// files and stdin (compressed bytes for gzip), updated as they are read,
    /// so that another thread can show progress.
    pub fn counter(&self) -> Arc<AtomicU64> {
        Arc::clone(&self.counter)
    }

    /// The total size in bytes of all input files, from their sizes when
    /// [`Inputs::open`] was called; `None` when stdin is among the inputs.
    pub fn total_bytes(&self) -> Option<u64> {
        self.total
    }

    /// Reads one text document and counts its bytes.
    fn read_text(&self, path: &Path, size: u64, id: &str) -> Item {
        let source = path.display().to_string();
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(e) => return Item::Problem(Problem::file(source, e.to_string())),
        };
        self.counter.fetch_add(size, Ordering::Relaxed);
        self.text_item(path, &source, &bytes, id)
    }

    /// The document of a text file's bytes, or why it is skipped.
    fn text_item(&self, path: &Path, source: &str, bytes: &[u8], id: &str) -> Item {
        if let Some(problem) = self.binary(source, bytes) {
            return Item::Problem(problem);
        }
        match document_from_bytes(path, bytes, id, &self.options.date) {
            Ok(doc) => Item::Doc(doc),
            Err(e) => Item::Problem(problem_from_error(e, source)),
        }
    }

    /// A problem when `bytes` (the start of an input) are binary: they hold
    /// a NUL byte, which text does not (ripgrep's test), unless `--binary`.
    fn binary(&self, source: &str, bytes: &[u8]) -> Option<Problem> {
        if self.options.binary {
            return None;
        }
        // A UTF-16 byte order mark says what the text is, NUL bytes or not
        // (text beyond Latin has none).
        let message = match bytes {
            [0xFF, 0xFE, ..] | [0xFE, 0xFF, ..] => {
                let order = if bytes[0] == 0xFF { "LE" } else { "BE" };
                format!(
                    "UTF-16{order} text (it opens with a UTF-16 byte order mark), not read: framescope reads UTF-8; convert it first, e.g. `iconv -f UTF-16 -t UTF-8`"
                )
            }
            _ => {
                let at = bytes.iter().position(|&b| b == 0)?;
                format!(
                    "binary data (a NUL byte at byte {at}), not read; --binary reads it as text"
                )
            }
        };
        Some(Problem::file(source, message))
    }

    /// Reads a file whose name does not say its format: JSON Lines or one
    /// text by its first bytes, as stdin is, with a note saying which.
    fn open_guessed(&mut self, path: &Path, id: &str) -> Option<Item> {
        let source = path.display().to_string();
        let file = match std::fs::File::open(path) {
            Ok(file) => file,
            Err(e) => return Some(Item::Problem(Problem::file(source, e.to_string()))),
        };
        let counted = Counting {
            inner: file,
            counter: Arc::clone(&self.counter),
        };
        match sniff(Box::new(counted), InputFormat::Auto) {
            Ok(Sniffed::Text(mut reader)) => {
                let mut bytes = Vec::new();
                if let Err(e) = reader.read_to_end(&mut bytes) {
                    return Some(Item::Problem(Problem::file(
                        source,
                        format!("read error: {e}"),
                    )));
                }
                let item = self.text_item(path, &source, &bytes, id);
                if matches!(item, Item::Doc(_)) {
                    self.pending.push_back(item);
                    return Some(Item::Note(format!(
                        "{source}: read as one text article (its name does not say, and it is not JSON Lines); --input-format jsonl reads it as JSON Lines"
                    )));
                }
                Some(item)
            }
            Ok(Sniffed::Records { reader, gzip }) => {
                let what = if gzip {
                    "it is gzip"
                } else {
                    "it starts with `{`"
                };
                self.start_records(reader, source.clone(), id.to_string(), None)
                    .or(Some(Item::Note(format!(
                        "{source}: read as JSON Lines (its name does not say, and {what}); --input-format text reads it as one article"
                    ))))
            }
            Err(e) => Some(Item::Problem(Problem::file(
                source,
                format!("read error: {e}"),
            ))),
        }
    }

    /// Starts reading records from `reader`: JSON Lines, or rows split at
    /// `delimiter` when one is given, unless its first line is binary
    /// (then the problem). Only the first line decides: a file that is no
    /// text at all has a NUL there, while a NUL in a later line of a good
    /// file costs that line alone (it is no valid JSON), as it would on
    /// line 15,001.
    fn start_records(
        &mut self,
        mut reader: Box<dyn BufRead + Send>,
        source: String,
        stem: String,
        delimiter: Option<u8>,
    ) -> Option<Item> {
        match reader.fill_buf() {
            Ok(head) => {
                let first_line = head.split(|&b| b == b'\n').next().unwrap_or(head);
                if let Some(problem) = self.binary(&source, first_line) {
                    return Some(Item::Problem(problem));
                }
            }
            // As a read error on the first line (a corrupt gzip header).
            Err(e) => {
                return Some(Item::Problem(Problem::on_line(
                    source,
                    1,
                    None,
                    format!("read error after line 0: {e}"),
                )))
            }
        }
        self.current = Some(match delimiter {
            None => Stream::Lines(Lines::new(reader, source, stem)),
            Some(delimiter) => match Rows::open(reader, delimiter, source, stem, &self.options) {
                Ok(rows) => Stream::Rows(rows),
                Err(problem) => return Some(Item::Problem(problem)),
            },
        });
        None
    }

    /// Makes `doc`'s id unique in the run: a repeated id gets `~2`, `~3`…
    /// and a warning.
    fn unique_id(&mut self, doc: &mut Document) {
        if self.ids.insert(hash_of(&doc.id)) {
            return;
        }
        let original = std::mem::take(&mut doc.id);
        let base = hash_of(&original);
        let mut n = self.renamed.get(&base).copied().unwrap_or(1);
        loop {
            n += 1;
            let candidate = format!("{original}~{n}");
            if self.ids.insert(hash_of(&candidate)) {
                doc.id = candidate;
                break;
            }
        }
        self.renamed.insert(base, n);
        self.renames += 1;
        // A corpus concatenated with itself repeats every id: the first
        // few renames are shown, the rest counted once at the end.
        match self.renames {
            n if n < RENAMES_SHOWN => doc.warnings.push(format!(
                "id `{original}` is taken by an earlier article: this one is `{}`",
                doc.id
            )),
            RENAMES_SHOWN => doc.warnings.push(format!(
                "id `{original}` is taken by an earlier article: this one is `{}` \
                 (further repeated ids are renamed the same way and counted at the end)",
                doc.id
            )),
            _ => {}
        }
    }

    /// After the last input: how many articles were renamed, when more
    /// than were shown.
    fn renames_note(&mut self) -> Option<Item> {
        let renames = std::mem::take(&mut self.renames);
        (renames > RENAMES_SHOWN).then(|| {
            Item::Note(format!(
                "{renames} articles had an id an earlier article had taken and were renamed \
                 `ID~2`, `ID~3`, …; the first {RENAMES_SHOWN} are named above"
            ))
        })
    }

    /// Opens stdin: sniffs it when the format is not given.
    fn open_stdin(&mut self) -> Option<Item> {
        let stdin = Counting {
            inner: io::stdin(),
            counter: Arc::clone(&self.counter),
        };
        match sniff(Box::new(stdin), self.options.format) {
            Ok(Sniffed::Text(mut reader)) => {
                let mut bytes = Vec::new();
                if let Err(e) = reader.read_to_end(&mut bytes) {
                    return Some(Item::Problem(Problem::file(
                        "-",
                        format!("read error: {e}"),
                    )));
                }
                if let Some(problem) = self.binary("-", &bytes) {
                    return Some(Item::Problem(problem));
                }
                Some(
                    match parse_document_with(&bytes, "-", "stdin", &self.options.date) {
                        Ok(doc) => Item::Doc(doc),
                        Err(e) => Item::Problem(problem_from_error(e, "-")),
                    },
                )
            }
            Ok(Sniffed::Records { reader, .. }) => {
                let delimiter = self.options.format.delimiter();
                self.start_records(reader, "-".to_string(), "stdin".to_string(), delimiter)
            }
            Err(e) => Some(Item::Problem(Problem::file(
                "-",
                format!("read error: {e}"),
            ))),
        }
    }

    /// Opens a file of records, decompressing it when its name ends in
    /// `.gz`: JSON Lines, or rows split at `delimiter` when one is given.
    fn open_records(&mut self, path: &Path, id: &str, delimiter: Option<u8>) -> Option<Item> {
        let source = path.display().to_string();
        let file = match std::fs::File::open(path) {
            Ok(file) => file,
            Err(e) => return Some(Item::Problem(Problem::file(source, e.to_string()))),
        };
        let counted = BufReader::with_capacity(
            BUFFER,
            Counting {
                inner: file,
                counter: Arc::clone(&self.counter),
            },
        );
        let reader: Box<dyn BufRead + Send> = match strip_gz(path) {
            Some(_) => Box::new(BufReader::with_capacity(
                BUFFER,
                flate2::bufread::MultiGzDecoder::new(counted),
            )),
            None => Box::new(counted),
        };
        self.start_records(reader, source, id.to_string(), delimiter)
    }
}

impl Iterator for Inputs {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        let mut item = self.next_unchecked()?;
        if let Item::Doc(doc) = &mut item {
            self.unique_id(doc);
        }
        Some(item)
    }
}

impl Inputs {
    /// The next item, its id not yet made unique.
    fn next_unchecked(&mut self) -> Option<Item> {
        loop {
            if let Some(item) = self.pending.pop_front() {
                return Some(item);
            }
            if let Some(stream) = &mut self.current {
                if let Some(item) = stream.next_item(&self.options) {
                    return Some(item);
                }
                self.current = None;
            }
            let Some(entry) = self.queue.pop_front() else {
                return self.renames_note();
            };
            let item = match entry {
                Entry::Problem(problem) => Some(Item::Problem(problem)),
                Entry::File {
                    path,
                    kind: Kind::Text,
                    size,
                    id,
                } => Some(self.read_text(&path, size, &id)),
                Entry::File {
                    path,
                    kind: Kind::Jsonl,
                    id,
                    ..
                } => self.open_records(&path, &id, None),
                Entry::File {
                    path,
                    kind: Kind::Rows { delimiter },
                    id,
                    ..
                } => self.open_records(&path, &id, Some(delimiter)),
                Entry::File {
                    path,
                    kind: Kind::Guess,
                    id,
                    ..
                } => self.open_guessed(&path, &id),
                Entry::Stdin => self.open_stdin(),
            };
            if item.is_some() {
                return item;
            }
        }
    }
}

/// A reader that adds the bytes it reads to a shared counter.
struct Counting<R> {
    inner: R,
    counter: Arc<AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.counter.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// Opens `path` (`-` for stdin) for reading lines, decompressing gzip as
/// the stream of documents does: a file by its `.gz` name, stdin by its
/// magic bytes. For readers of other line formats (profiles, aggregates).
pub(crate) fn open_lines(path: &Path) -> io::Result<Box<dyn BufRead + Send>> {
    if path.as_os_str() == "-" {
        return match sniff(Box::new(io::stdin()), InputFormat::Jsonl)? {
            Sniffed::Records { reader, .. } => Ok(reader),
            Sniffed::Text(reader) => Ok(Box::new(BufReader::with_capacity(BUFFER, reader))),
        };
    }
    let file = BufReader::with_capacity(BUFFER, std::fs::File::open(path)?);
    Ok(match strip_gz(path) {
        Some(_) => Box::new(BufReader::with_capacity(
            BUFFER,
            flate2::bufread::MultiGzDecoder::new(file),
        )),
        None => Box::new(file),
    })
}

/// What stdin turned out to hold.
enum Sniffed {
    /// One text document.
    Text(Box<dyn Read + Send>),
    /// Records: JSON Lines, or rows when the format says so (already
    /// decompressed when it was gzip).
    Records {
        /// The lines.
        reader: Box<dyn BufRead + Send>,
        /// It was gzip.
        gzip: bool,
    },
}

/// Decides what `reader` holds from its first bytes (gzip magic → gzipped
/// JSON Lines; `{` after any whitespace or BOM, or nothing but whitespace →
/// JSON Lines; else text), unless `format` says (then only gzip is sniffed,
/// and records are read as the format says). No byte is lost: the ones
/// peeked at are put back in front of the rest.
fn sniff(mut reader: Box<dyn Read + Send>, format: InputFormat) -> io::Result<Sniffed> {
    if format == InputFormat::Text {
        return Ok(Sniffed::Text(reader));
    }
    let mut prefix = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        let settled = prefix.len() >= 2 && first_content_byte(&prefix).is_some();
        if settled || prefix.len() >= SNIFF_LIMIT {
            break;
        }
        match reader.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => prefix.extend_from_slice(&chunk[..n]),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    let gzip = prefix.starts_with(&GZIP_MAGIC);
    // Nothing but whitespace (say an empty chunk from `parallel --pipe`)
    // is an empty stream, not one empty article.
    let json = matches!(first_content_byte(&prefix), Some(b'{') | None);
    let whole = Cursor::new(prefix).chain(reader);
    Ok(if gzip {
        Sniffed::Records {
            reader: Box::new(BufReader::with_capacity(
                BUFFER,
                flate2::bufread::MultiGzDecoder::new(BufReader::with_capacity(BUFFER, whole)),
            )),
            gzip,
        }
    } else if json || format != InputFormat::Auto {
        Sniffed::Records {
            reader: Box::new(BufReader::with_capacity(BUFFER, whole)),
            gzip,
        }
    } else {
        Sniffed::Text(Box::new(whole))
    })
}

/// The first byte of `bytes` that is neither whitespace nor part of a
/// leading UTF-8 byte-order mark.
fn first_content_byte(bytes: &[u8]) -> Option<u8> {
    let bytes = strip_bom(bytes);
    bytes.iter().copied().find(|b| !b.is_ascii_whitespace())
}

/// A JSON Lines stream being read.
struct Lines {
    reader: Box<dyn BufRead + Send>,
    /// The path (or `-`) for problems and document sources.
    source: String,
    /// The stem for fallback ids.
    stem: String,
    /// Lines read so far.
    line: usize,
    /// The current line, reused so memory is bounded by the longest line.
    buf: Vec<u8>,
    /// Set after a read error: nothing more is read from this stream.
    failed: bool,
}

impl Lines {
    fn new(reader: Box<dyn BufRead + Send>, source: String, stem: String) -> Lines {
        Lines {
            reader,
            source,
            stem,
            line: 0,
            buf: Vec::new(),
            failed: false,
        }
    }

    /// The next document or problem; `None` at the end of the stream.
    fn next_item(&mut self, options: &InputOptions) -> Option<Item> {
        while !self.failed {
            let max = options.max_line_bytes;
            match read_line_bounded(&mut *self.reader, &mut self.buf, max) {
                Ok(LineRead::End) => return None,
                Ok(LineRead::Line) => {}
                Ok(LineRead::TooLong(bytes)) => {
                    self.line += 1;
                    return Some(Item::Problem(Problem::on_line(
                        self.source.clone(),
                        self.line,
                        None,
                        format!(
                            "line is longer than --max-line-bytes ({max} bytes): it has {bytes} (skipped)"
                        ),
                    )));
                }
                Err(e) => {
                    // A partial line before the damage is dropped: it may be
                    // cut anywhere.
                    self.failed = true;
                    return Some(Item::Problem(Problem::on_line(
                        self.source.clone(),
                        self.line + 1,
                        None,
                        format!("read error after line {}: {e}", self.line),
                    )));
                }
            }
            self.line += 1;
            let mut bytes = self.buf.as_slice();
            bytes = bytes.strip_suffix(b"\n").unwrap_or(bytes);
            bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
            if self.line == 1 {
                bytes = strip_bom(bytes);
            }
            if let Some(item) = parse_line(bytes, self.line, &self.source, &self.stem, options) {
                return Some(item);
            }
        }
        None
    }
}

/// A file (or stdin) being read record by record.
enum Stream {
    /// JSON Lines.
    Lines(Lines),
    /// CSV or TSV.
    Rows(Rows),
}

impl Stream {
    /// The next document or problem; `None` at the end of the stream.
    fn next_item(&mut self, options: &InputOptions) -> Option<Item> {
        match self {
            Stream::Lines(lines) => lines.next_item(options),
            Stream::Rows(rows) => rows.next_item(options),
        }
    }
}

/// Header names shown when the text column is missing.
const COLUMNS_SHOWN: usize = 12;

/// A stream of delimited rows (CSV, TSV) being read: the header row names
/// the fields, as the keys of a JSON Lines object do, and each row after it
/// is one article. Quoted fields may hold the delimiter, quotes (doubled)
/// and line breaks (RFC 4180); an empty field is a value the row does not
/// have, as `null` is in JSON Lines.
struct Rows {
    reader: csv::Reader<Box<dyn BufRead + Send>>,
    /// The path (or `-`) for problems and document sources.
    source: String,
    /// The stem for fallback ids.
    stem: String,
    /// The names of the columns, from the header row.
    header: Vec<String>,
    /// The current row, reused.
    record: csv::ByteRecord,
    /// The line of the last row read, for a read error after it.
    line: usize,
    /// Set after a read error, or for a file without rows.
    failed: bool,
}

impl Rows {
    /// Reads the header row of `reader`: the stream of its rows, or the
    /// problem that skips the whole file (no column of the text, a read
    /// error). A file with no header row is an empty stream.
    fn open(
        reader: Box<dyn BufRead + Send>,
        delimiter: u8,
        source: String,
        stem: String,
        options: &InputOptions,
    ) -> Result<Rows, Problem> {
        // Rows end at `\n` alone, a `\r` before it taken off the last
        // field (`fields`): csv's own CRLF terminator leaves the `\n` of a
        // row to the next, whose line it then gives as the one before.
        // Rows of another length than the header are reported here, not
        // by csv, so that a blank line is passed over as csv would.
        let reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .terminator(csv::Terminator::Any(b'\n'))
            .has_headers(false)
            .flexible(true)
            .buffer_capacity(BUFFER)
            .from_reader(reader);
        let mut rows = Rows {
            reader,
            source,
            stem,
            header: Vec::new(),
            record: csv::ByteRecord::new(),
            line: 0,
            failed: false,
        };
        match rows.reader.read_byte_record(&mut rows.record) {
            Ok(true) => {}
            Ok(false) => {
                rows.failed = true;
                return Ok(rows);
            }
            Err(e) => {
                return Err(Problem::on_line(
                    rows.source,
                    1,
                    None,
                    format!("read error in the header row: {e}"),
                ))
            }
        }
        rows.header = fields(&rows.record)
            .map(|name| String::from_utf8_lossy(name).into_owned())
            .collect();
        rows.line = 1;
        if !rows.header.contains(&options.text_field) {
            let mut names: Vec<String> = rows
                .header
                .iter()
                .take(COLUMNS_SHOWN)
                .map(|n| format!("`{n}`"))
                .collect();
            if rows.header.len() > COLUMNS_SHOWN {
                names.push(format!("… ({} in all)", rows.header.len()));
            }
            let what = if delimiter == b'\t' { "TSV" } else { "CSV" };
            return Err(Problem::on_line(
                rows.source,
                1,
                None,
                format!(
                    "no `{}` column in the {what} header row (it has {}): file skipped; name the text's column with --text-field",
                    options.text_field,
                    names.join(", ")
                ),
            ));
        }
        Ok(rows)
    }

    /// The next document or problem; `None` at the end of the stream.
    fn next_item(&mut self, options: &InputOptions) -> Option<Item> {
        if self.failed {
            return None;
        }
        let problem = |line: usize, message: String| {
            Some(Item::Problem(Problem::on_line(
                self.source.clone(),
                line,
                None,
                message,
            )))
        };
        loop {
            match self.reader.read_byte_record(&mut self.record) {
                Ok(true) => {}
                Ok(false) => return None,
                Err(e) => {
                    self.failed = true;
                    return problem(
                        self.line + 1,
                        format!("read error after line {}: {e}", self.line),
                    );
                }
            }
            self.line = self
                .record
                .position()
                .map_or(self.line + 1, |p| p.line() as usize);
            // A blank line with a `\r` is one empty field: no row.
            if !(self.record.len() == 1 && fields(&self.record).all(<[u8]>::is_empty)) {
                break;
            }
        }
        let line = self.line;
        if self.record.len() != self.header.len() {
            return problem(
                line,
                format!(
                    "a row of {} fields where the header row has {} (skipped)",
                    self.record.len(),
                    self.header.len()
                ),
            );
        }
        let max = options.max_line_bytes;
        let bytes = self.record.as_slice().len();
        if bytes > max {
            return problem(
                line,
                format!(
                    "row is longer than --max-line-bytes ({max} bytes): it has {bytes} (skipped)"
                ),
            );
        }
        let mut warnings = Vec::new();
        let mut object = Map::new();
        for (name, field) in self.header.iter().zip(fields(&self.record)) {
            if field.is_empty() && *name != options.text_field {
                continue;
            }
            let value = match std::str::from_utf8(field) {
                Ok(value) => value.to_string(),
                Err(e) => {
                    warnings.push(format!(
                        "invalid UTF-8 at byte {} of column `{name}` on line {line}: invalid bytes replaced with U+FFFD",
                        e.valid_up_to()
                    ));
                    String::from_utf8_lossy(field).into_owned()
                }
            };
            // A name the header repeats: its first value counts.
            object.entry(name.clone()).or_insert(Value::String(value));
        }
        Some(record_document(
            object,
            warnings,
            line,
            &self.source,
            &self.stem,
            options,
        ))
    }
}

/// The fields of `record`, the last one without the `\r` of a CRLF line
/// ending.
fn fields(record: &csv::ByteRecord) -> impl Iterator<Item = &[u8]> {
    let last = record.len().saturating_sub(1);
    record.iter().enumerate().map(move |(i, field)| {
        if i == last {
            field.strip_suffix(b"\r").unwrap_or(field)
        } else {
            field
        }
    })
}

/// What [`read_line_bounded`] read.
#[derive(Debug, PartialEq, Eq)]
enum LineRead {
    /// Nothing: the stream has ended.
    End,
    /// A line, now in the buffer (with its line ending, if it had one).
    Line,
    /// A line longer than the bound, of this many bytes (line ending
    /// included): read to its end and dropped, the buffer left empty.
    TooLong(u64),
}

/// Reads one line of `reader` into `buf` (cleared first), unless it is
/// longer than `max` bytes without its line ending: then the rest of it is
/// read and dropped chunk by chunk, never held, and the buffer never grows
/// past about `max` bytes.
fn read_line_bounded(
    reader: &mut dyn BufRead,
    buf: &mut Vec<u8>,
    max: usize,
) -> io::Result<LineRead> {
    buf.clear();
    // Room for the content and a "\r\n".
    let room = max.saturating_add(2);
    let mut total: u64 = 0;
    let mut too_long = false;
    loop {
        let available = match reader.fill_buf() {
            Ok(available) => available,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            break;
        }
        let (n, done) = match available.iter().position(|&b| b == b'\n') {
            Some(i) => (i + 1, true),
            None => (available.len(), false),
        };
        total += n as u64;
        if !too_long {
            if buf.len() + n > room {
                too_long = true;
                buf.clear();
            } else {
                if buf.capacity() < buf.len() + n {
                    // Grow by doubling, but never past the room needed.
                    let want = (buf.len() + n).max(2 * buf.capacity()).min(room);
                    buf.reserve_exact(want - buf.len());
                }
                buf.extend_from_slice(&available[..n]);
            }
        }
        reader.consume(n);
        if done {
            break;
        }
    }
    if total == 0 {
        return Ok(LineRead::End);
    }
    let content = buf
        .strip_suffix(b"\n")
        .map_or(&buf[..], |b| b.strip_suffix(b"\r").unwrap_or(b));
    if too_long || content.len() > max {
        buf.clear();
        return Ok(LineRead::TooLong(total));
    }
    Ok(LineRead::Line)
}

/// Turns one JSON Lines line (without its line ending) into a document or a
/// problem; `None` for a blank line.
/// `line` with every `\uXXXX` escape of a lone UTF-16 surrogate (one not
/// in a high-then-low pair) replaced by `\ufffd`, or `None` when it has
/// none. Escaped backslashes (`\\ud800`) are text, not escapes.
fn repair_lone_surrogates(line: &str) -> Option<String> {
    let bytes = line.as_bytes();
    let unit = |at: usize| -> Option<u16> {
        let hex = bytes.get(at..at + 6)?;
        if hex[0] != b'\\' || hex[1] != b'u' {
            return None;
        }
        u16::from_str_radix(std::str::from_utf8(&hex[2..]).ok()?, 16).ok()
    };
    let mut out = String::with_capacity(line.len());
    let mut replaced = false;
    let (mut i, mut copied) = (0, 0);
    while i < bytes.len() {
        if bytes[i] != b'\\' {
            i += 1;
            continue;
        }
        match unit(i) {
            // A pair: one character.
            Some(0xD800..=0xDBFF)
                if unit(i + 6).is_some_and(|low| (0xDC00..=0xDFFF).contains(&low)) =>
            {
                i += 12;
            }
            Some(0xD800..=0xDFFF) => {
                out.push_str(&line[copied..i]);
                out.push_str("\\ufffd");
                replaced = true;
                i += 6;
                copied = i;
            }
            // Any other escape: its two bytes at least.
            _ => i += 2,
        }
    }
    out.push_str(&line[copied..]);
    replaced.then_some(out)
}

fn parse_line(
    bytes: &[u8],
    line: usize,
    source: &str,
    stem: &str,
    options: &InputOptions,
) -> Option<Item> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return None;
    }
    let problem = |column: Option<usize>, message: String| {
        Some(Item::Problem(Problem::on_line(
            source, line, column, message,
        )))
    };
    let mut warnings = Vec::new();
    let lossy;
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            warnings.push(format!(
                "invalid UTF-8 at byte {} of line {line}: invalid bytes replaced with U+FFFD",
                e.valid_up_to()
            ));
            lossy = String::from_utf8_lossy(bytes);
            &lossy
        }
    };
    let parsed = serde_json::from_str(text).or_else(|e| {
        // Escapes of half a UTF-16 pair (`\ud800`, as Python writes text
        // it could not decode) are no characters: replaced as invalid
        // UTF-8 is, the rest of the line is kept.
        let repaired = repair_lone_surrogates(text).ok_or(e)?;
        let value = serde_json::from_str(&repaired)?;
        warnings.push(format!(
            "escapes of lone UTF-16 surrogates (\\ud800–\\udfff) on line {line}: replaced with U+FFFD"
        ));
        Ok::<Value, serde_json::Error>(value)
    });
    match parsed {
        Ok(Value::Object(object)) => Some(record_document(
            object, warnings, line, source, stem, options,
        )),
        Ok(other) => problem(None, format!("{}, not a JSON object", json_kind(&other))),
        Err(e) => {
            let column = Some(e.column()).filter(|&c| c > 0);
            problem(column, format!("not valid JSON: {}", json_message(&e)))
        }
    }
}

/// The document of one record, a JSON Lines object or a row by its header's
/// names, read on `line` of `source`: its text, id and title from the
/// fields the options name, every other field as metadata (`null` left
/// out), and its date read; or the problem that skips it.
fn record_document(
    mut object: Map<String, Value>,
    warnings: Vec<String>,
    line: usize,
    source: &str,
    stem: &str,
    options: &InputOptions,
) -> Item {
    let text = match object.remove(&options.text_field) {
        Some(Value::String(text)) => text,
        _ => {
            return Item::Problem(Problem::on_line(
                source,
                line,
                None,
                format!(
                    "no string `{}` field (name another with --text-field)",
                    options.text_field
                ),
            ))
        }
    };
    // A blank id names nothing: the line's place names the article, as
    // when there is no id (a value that is no id at all stays metadata).
    let id = match object.remove(&options.id_field) {
        Some(Value::String(id)) if !id.trim().is_empty() => Some(id),
        Some(Value::Number(n)) => Some(n.to_string()),
        Some(Value::String(_)) | None => None,
        Some(other) => {
            object.insert(options.id_field.clone(), other);
            None
        }
    };
    let id = id.unwrap_or_else(|| format!("{stem}:{line}"));
    let title = match object.get(&options.title_field) {
        Some(Value::String(_)) => match object.remove(&options.title_field) {
            Some(Value::String(title)) => Some(title),
            _ => None,
        },
        _ => None,
    };
    let meta: BTreeMap<String, String> = object
        .into_iter()
        .filter_map(|(key, value)| {
            let value = match value {
                Value::Null => return None,
                Value::String(s) => s,
                other => other.to_string(),
            };
            Some((key, value))
        })
        .collect();
    let source = format!("{source}:{line}");
    let mut doc = Document {
        id,
        title,
        meta,
        date: DocDate::Unread,
        text,
        warnings,
        text_offset: 0,
        source,
    };
    let at = doc.source.clone();
    resolve_date(&mut doc, &options.date, &at);
    Item::Doc(doc)
}

/// "a number", "an array"… for a JSON value that is not an object.
fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A problem from a text document's error, located when the error says
/// where (front matter or sidecar metadata at `line N, column C`).
fn problem_from_error(error: Error, fallback_source: &str) -> Problem {
    match error {
        Error::Io { path, source } => Problem::file(path.display().to_string(), source.to_string()),
        Error::Metadata { at, message } => Problem {
            at,
            message: format!("invalid metadata: {message}"),
        },
        Error::Document { path, message } => Problem::file(path, message),
        other => Problem::file(fallback_source, other.to_string()),
    }
}

/// The entry for a file given or found: how to read it, its size, and the
/// id it starts with.
fn file_entry(path: PathBuf, format: InputFormat, id: String) -> Entry {
    let kind = match (format, rows_delimiter(&path)) {
        (InputFormat::Text, _) => Kind::Text,
        (InputFormat::Jsonl, _) => Kind::Jsonl,
        (InputFormat::Csv, Some(b'\t')) | (InputFormat::Tsv, _) => Kind::Rows { delimiter: b'\t' },
        (InputFormat::Csv, _) => Kind::Rows { delimiter: b',' },
        (InputFormat::Auto, _) if is_jsonl_name(&path) => Kind::Jsonl,
        (InputFormat::Auto, Some(delimiter)) => Kind::Rows { delimiter },
        (InputFormat::Auto, None) if is_text_name(&path) => Kind::Text,
        (InputFormat::Auto, None) => Kind::Guess,
    };
    let size = std::fs::metadata(&path).map_or(0, |m| m.len());
    Entry::File {
        path,
        kind,
        size,
        id,
    }
}

/// The name a file gives its document: the file name without `.gz` and its
/// extension (`bench` for `bench.jsonl.gz`).
fn base_name(path: &Path) -> String {
    let inner = strip_gz(path);
    let name = inner.as_deref().map_or(path, Path::new);
    stem_of(name)
}

/// `path` without its extensions, `/`-separated: the id of a file whose
/// name another file of the run shares.
fn path_id(path: &Path) -> String {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => {
            format!("{}/{}", parent.display(), base_name(path))
        }
        _ => base_name(path),
    }
}

/// Files of the run whose ids clash (`x/a.txt` and `y/a.txt` both `a`) are
/// named by their paths instead (`x/a`, `y/a`).
fn unique_file_ids(queue: &mut VecDeque<Entry>) {
    let mut count: HashMap<String, usize> = HashMap::new();
    for entry in queue.iter() {
        if let Entry::File { id, .. } = entry {
            *count.entry(id.clone()).or_default() += 1;
        }
    }
    for entry in queue.iter_mut() {
        if let Entry::File { path, id, .. } = entry {
            if count[id.as_str()] > 1 {
                *id = path_id(path);
            }
        }
    }
}

/// A 64-bit hash of an id, to remember ids in little memory.
fn hash_of(id: &str) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    id.hash(&mut h);
    h.finish()
}

/// The file name without a final `.gz` (any case), when it has one.
fn strip_gz(path: &Path) -> Option<String> {
    let name = path.file_name()?.to_string_lossy();
    let cut = name.len().checked_sub(3)?;
    if name.is_char_boundary(cut) && name[cut..].eq_ignore_ascii_case(".gz") {
        Some(name[..cut].to_string())
    } else {
        None
    }
}

/// The lower-case extension of `path`.
fn extension_of(path: &Path) -> Option<String> {
    path.extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
}

/// The lower-case extension of `path` under any `.gz` (`jsonl` for
/// `a.jsonl.gz`).
fn extension_under_gz(path: &Path) -> Option<String> {
    let inner = strip_gz(path);
    extension_of(inner.as_deref().map_or(path, Path::new))
}

/// Whether the name is `*.jsonl`, `*.ndjson`, or either with `.gz`.
fn is_jsonl_name(path: &Path) -> bool {
    extension_under_gz(path).is_some_and(|e| JSONL_EXTENSIONS.contains(&e.as_str()))
}

/// The delimiter of a file named as delimited rows: `,` for `*.csv`, a tab
/// for `*.tsv`, either with `.gz`.
fn rows_delimiter(path: &Path) -> Option<u8> {
    let extension = extension_under_gz(path)?;
    ROWS_EXTENSIONS
        .iter()
        .find(|(e, _)| *e == extension)
        .map(|&(_, delimiter)| delimiter)
}

/// Whether the name is that of a text article (`*.txt`, `*.md`, …).
fn is_text_name(path: &Path) -> bool {
    extension_of(path).is_some_and(|e| TEXT_EXTENSIONS.contains(&e.as_str()))
}

/// Whether a directory walk reads this file.
pub(crate) fn is_walked_name(path: &Path) -> bool {
    is_jsonl_name(path) || rows_delimiter(path).is_some() || is_text_name(path)
}

/// `.txt, .text, …, .ndjson.gz` for messages.
fn walked_extensions() -> String {
    TEXT_EXTENSIONS
        .iter()
        .map(|e| format!(".{e}"))
        .chain(JSONL_EXTENSIONS.iter().map(|e| format!(".{e}")))
        .chain(JSONL_EXTENSIONS.iter().map(|e| format!(".{e}.gz")))
        .chain(ROWS_EXTENSIONS.iter().map(|(e, _)| format!(".{e}")))
        .chain(ROWS_EXTENSIONS.iter().map(|(e, _)| format!(".{e}.gz")))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The stem used for fallback ids: `bench` for `bench.jsonl` (the caller
/// strips a `.gz` first).
fn stem_of(path: &Path) -> String {
    path.file_stem()
        .map_or_else(|| "stdin".to_string(), |s| s.to_string_lossy().into_owned())
}

/// Adds the files under `dir` that a walk reads, sorted by path, and a
/// problem for each directory that cannot be listed.
/// Each is named by its path below `dir` (`x/a` for `dir/x/a.txt`).
/// A named pipe, socket or device found there is skipped with a problem:
/// reading one could wait for ever (nothing may ever write to a pipe left
/// in a folder); named on the command line, it is read.
fn walk(dir: &Path, format: InputFormat, out: &mut VecDeque<Entry>) {
    for found in files_under(dir) {
        match found {
            Ok(path) if is_walked_name(&path) && is_special_file(&path) => {
                out.push_back(Entry::Problem(Problem::file(
                    path.display().to_string(),
                    NOT_REGULAR,
                )));
            }
            Ok(path) if is_walked_name(&path) => {
                let below = path.strip_prefix(dir).unwrap_or(&path);
                out.push_back(file_entry(path.clone(), format, path_id(below)));
            }
            Ok(_) => {}
            Err((path, e)) => out.push_back(Entry::Problem(Problem::file(
                path.display().to_string(),
                e.to_string(),
            ))),
        }
    }
}

/// Why a named pipe, socket or device found in a directory is skipped.
pub(crate) const NOT_REGULAR: &str =
    "not a regular file (a named pipe, socket or device is read only when named on the command line)";

/// Whether `path` exists (a symlink is followed) and is neither a regular
/// file nor a directory.
pub(crate) fn is_special_file(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir())
}

/// Every file under `dir`, recursively, sorted by path, with an error for
/// each directory that cannot be listed. Symlinked directories are not
/// followed (a link back up the tree would loop); symlinked files are
/// listed. The crate's one directory walk: article folders, rule packs
/// (`PackSource::from_dir`) and `explain --watch` all use it.
pub(crate) fn files_under(dir: &Path) -> Vec<Result<PathBuf, (PathBuf, io::Error)>> {
    fn visit(dir: &Path, out: &mut Vec<Result<PathBuf, (PathBuf, io::Error)>>) {
        let entries = match std::fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(e) => return out.push(Err((dir.to_path_buf(), e))),
        };
        let mut paths: Vec<(PathBuf, bool)> = entries
            .filter_map(|e| e.ok())
            .map(|e| (e.path(), e.file_type().is_ok_and(|t| t.is_symlink())))
            .collect();
        paths.sort();
        for (path, is_link) in paths {
            if path.is_dir() {
                if !is_link {
                    visit(&path, out);
                }
            } else {
                out.push(Ok(path));
            }
        }
    }
    let mut out = Vec::new();
    visit(dir, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::document::read_document;
    use std::io::Write;
    use std::sync::atomic::AtomicUsize;

    /// A fresh directory for one test, removed when dropped.
    struct TempDir(PathBuf);

    impl TempDir {
        fn new(name: &str) -> TempDir {
            static N: AtomicUsize = AtomicUsize::new(0);
            let dir = std::env::temp_dir().join(format!(
                "framescope-input-{name}-{}-{}",
                std::process::id(),
                N.fetch_add(1, Ordering::Relaxed)
            ));
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(&dir).unwrap();
            TempDir(dir)
        }

        fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
            let path = self.0.join(name);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).unwrap();
            }
            std::fs::write(&path, bytes).unwrap();
            path
        }
    }

    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        enc.write_all(bytes).unwrap();
        enc.finish().unwrap()
    }

    fn read_all(paths: &[PathBuf]) -> Vec<Item> {
        Inputs::open(paths, InputOptions::default()).collect()
    }

    fn doc(source: &str, line: usize, id: &str, text: &str) -> Document {
        Document {
            id: id.to_string(),
            source: format!("{source}:{line}"),
            text: text.to_string(),
            date: DocDate::Read(None),
            ..Document::default()
        }
    }

    fn problem(source: &str, line: usize, column: Option<usize>, message: &str) -> Item {
        Item::Problem(Problem::on_line(source, line, column, message))
    }

    const MALFORMED: &str = r#"{"text": "ok", oops}"#;
    const CAFE: &[u8] = b"{\"id\": \"u\", \"text\": \"caf\xff!\"}";

    /// One line of each kind; the file ends without a newline.
    fn mixed_lines() -> Vec<u8> {
        let mut f = Vec::new();
        f.extend_from_slice(b"{\"id\": \"a\", \"text\": \"Alpha.\", \"title\": \"T1\"}\n"); // 1
        f.extend_from_slice(MALFORMED.as_bytes()); // 2
        f.extend_from_slice(b"\n{\"title\": \"no text\"}\n"); // 3
        f.extend_from_slice(b"{\"text\": 5}\n"); // 4
        f.extend_from_slice(CAFE); // 5
        f.push(b'\n');
        f.extend_from_slice(b"  \t \n"); // 6: blank
        f.extend_from_slice(b"{\"id\": 7, \"text\": \"Crlf.\"}\r\n"); // 7
        f.extend_from_slice(b"[1, 2]\n"); // 8
        f.extend_from_slice(b"{\"text\": \"Last.\"}"); // 9, no newline
        f
    }

    /// What `mixed_lines` must give, read from `source` (stem `feed`).
    fn mixed_expected(source: &str) -> Vec<Item> {
        let no_text = "no string `text` field (name another with --text-field)";
        let mut alpha = doc(source, 1, "a", "Alpha.");
        alpha.title = Some("T1".to_string());
        let mut cafe = doc(source, 5, "u", "caf\u{FFFD}!");
        let bad_byte = CAFE.iter().position(|&b| b == 0xff).unwrap();
        cafe.warnings = vec![format!(
            "invalid UTF-8 at byte {bad_byte} of line 5: invalid bytes replaced with U+FFFD"
        )];
        // `oops` is where a key was expected: 1-based column of its `o`.
        let oops = MALFORMED.find("oops").unwrap() + 1;
        vec![
            Item::Doc(alpha),
            problem(
                source,
                2,
                Some(oops),
                "not valid JSON: key must be a string",
            ),
            problem(source, 3, None, no_text),
            problem(source, 4, None, no_text),
            Item::Doc(cafe),
            Item::Doc(doc(source, 7, "7", "Crlf.")),
            problem(source, 8, None, "an array, not a JSON object"),
            Item::Doc(doc(source, 9, "feed:9", "Last.")),
        ]
    }

    /// A stream with one line of `long` bytes between two articles.
    fn with_long_line(long: usize) -> Vec<u8> {
        let mut f = b"{\"id\": \"a\", \"text\": \"Alpha.\"}\n".to_vec();
        f.extend(std::iter::repeat_n(b'x', long));
        f.extend_from_slice(b"\n{\"id\": \"c\", \"text\": \"Gamma.\"}\n");
        f
    }

    #[test]
    fn a_line_over_the_bound_is_skipped_without_being_held() {
        let options = InputOptions {
            max_line_bytes: 1000,
            ..InputOptions::default()
        };
        for gzipped in [false, true] {
            let bytes = with_long_line(4 << 20);
            let bytes = if gzipped { gzip(&bytes) } else { bytes };
            let reader: Box<dyn BufRead + Send> = if gzipped {
                Box::new(BufReader::new(flate2::bufread::MultiGzDecoder::new(
                    Cursor::new(bytes),
                )))
            } else {
                Box::new(BufReader::with_capacity(4096, Cursor::new(bytes)))
            };
            let mut lines = Lines::new(reader, "f.jsonl".into(), "f".into());
            let mut items = Vec::new();
            while let Some(item) = lines.next_item(&options) {
                // The four-megabyte line is never in memory at once.
                assert!(lines.buf.capacity() <= 2048, "{}", lines.buf.capacity());
                items.push(item);
            }
            let ids: Vec<&str> = items
                .iter()
                .filter_map(|i| match i {
                    Item::Doc(d) => Some(d.id.as_str()),
                    Item::Problem(_) | Item::Note(_) => None,
                })
                .collect();
            assert_eq!(ids, ["a", "c"]);
            assert_eq!(
                items[1],
                problem(
                    "f.jsonl",
                    2,
                    None,
                    "line is longer than --max-line-bytes (1000 bytes): it has 4194305 (skipped)"
                )
            );
        }
    }

    #[test]
    fn a_line_at_the_bound_is_read() {
        let mut buf = Vec::new();
        let mut read = |text: &[u8], max: usize| {
            let mut r = Cursor::new(text.to_vec());
            read_line_bounded(&mut r, &mut buf, max).unwrap()
        };
        assert_eq!(read(b"abcd\r\n", 4), LineRead::Line);
        assert_eq!(read(b"abcd", 4), LineRead::Line);
        assert_eq!(read(b"abcde\n", 4), LineRead::TooLong(6));
        assert_eq!(read(b"", 4), LineRead::End);
    }

    #[test]
    fn jsonl_lines_give_documents_and_located_problems() {
        let dir = TempDir::new("mixed");
        let path = dir.write("feed.jsonl", &mixed_lines());
        let items = read_all(std::slice::from_ref(&path));
        assert_eq!(items, mixed_expected(&path.display().to_string()));
    }

    #[test]
    fn gzipped_jsonl_gives_the_same_items() {
        let dir = TempDir::new("gz");
        let path = dir.write("feed.jsonl.gz", &gzip(&mixed_lines()));
        let items = read_all(std::slice::from_ref(&path));
        assert_eq!(items, mixed_expected(&path.display().to_string()));
    }

    #[test]
    fn metadata_is_converted_to_strings() {
        let dir = TempDir::new("meta");
        let line = br#"{"text": "x", "n": 3, "f": 2.5, "neg": -4, "b": true, "z": null, "arr": [1, "a"], "obj": {"k": {"j": false}}, "s": "str", "title": "T"}"#;
        let path = dir.write("wire.ndjson", line);
        let items = read_all(std::slice::from_ref(&path));
        let meta: BTreeMap<String, String> = [
            ("n", "3"),
            ("f", "2.5"),
            ("neg", "-4"),
            ("b", "true"),
            ("arr", r#"[1,"a"]"#),
            ("obj", r#"{"k":{"j":false}}"#),
            ("s", "str"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let expected = Document {
            title: Some("T".to_string()),
            meta,
            ..doc(&path.display().to_string(), 1, "wire:1", "x")
        };
        assert_eq!(items, [Item::Doc(expected)]);
    }

    #[test]
    fn field_names_can_be_chosen() {
        let dir = TempDir::new("fields");
        let path = dir.write(
            "f.jsonl",
            br#"{"body": "B", "uid": 42, "headline": "H", "text": "other", "id": "x"}"#,
        );
        let options = InputOptions {
            text_field: "body".into(),
            id_field: "uid".into(),
            title_field: "headline".into(),
            ..InputOptions::default()
        };
        let items: Vec<Item> = Inputs::open(std::slice::from_ref(&path), options).collect();
        let expected = Document {
            title: Some("H".to_string()),
            meta: [("text", "other"), ("id", "x")]
                .into_iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            ..doc(&path.display().to_string(), 1, "42", "B")
        };
        assert_eq!(items, [Item::Doc(expected)]);
        // The configured name is the one the problem names.
        let path = dir.write("g.jsonl", br#"{"text": "T"}"#);
        let options = InputOptions {
            text_field: "body".into(),
            ..InputOptions::default()
        };
        let items: Vec<Item> = Inputs::open(std::slice::from_ref(&path), options).collect();
        assert_eq!(
            items,
            [problem(
                &path.display().to_string(),
                1,
                None,
                "no string `body` field (name another with --text-field)"
            )]
        );
    }

    #[test]
    fn empty_text_is_a_document_and_odd_ids_fall_back() {
        let dir = TempDir::new("empty");
        let path = dir.write(
            "e.jsonl",
            b"{\"text\": \"\"}\n{\"text\": \"t\", \"id\": true}\n{\"text\": \"u\", \"id\": 1.5}\n{\"text\": \"v\", \"id\": \"\"}\n{\"text\": \"w\", \"id\": \"  \"}\n",
        );
        let source = path.display().to_string();
        let items = read_all(std::slice::from_ref(&path));
        let mut second = doc(&source, 2, "e:2", "t");
        second.meta.insert("id".into(), "true".into());
        assert_eq!(
            items,
            [
                Item::Doc(doc(&source, 1, "e:1", "")),
                Item::Doc(second),
                Item::Doc(doc(&source, 3, "1.5", "u")),
                // A blank id names nothing: the line names the article.
                Item::Doc(doc(&source, 4, "e:4", "v")),
                Item::Doc(doc(&source, 5, "e:5", "w")),
            ]
        );
    }

    /// A line of `n` letters that deflate cannot shrink much.
    fn incompressible_line(n: usize) -> String {
        let mut x: u32 = 12345;
        let letters: String = (0..n)
            .map(|_| {
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
                char::from(b'a' + ((x >> 16) % 26) as u8)
            })
            .collect();
        format!("{{\"text\": \"{letters}\"}}\n")
    }

    #[test]
    fn truncated_gzip_keeps_what_came_before_and_goes_on() {
        let dir = TempDir::new("trunc");
        // Two gzip members: the first whole (three lines), the second one
        // long line cut off half-way, so no newline of it can come out.
        let good = b"{\"text\": \"One.\"}\n{\"text\": \"Two.\"}\n{\"text\": \"Three.\"}\n";
        let mut bytes = gzip(good);
        let second = gzip(incompressible_line(20_000).as_bytes());
        bytes.extend_from_slice(&second[..second.len() / 2]);
        let bad = dir.write("cut.jsonl.gz", &bytes);
        let next = dir.write("next.txt", b"Still read.");
        let items = read_all(&[bad.clone(), next.clone()]);
        let source = bad.display().to_string();
        assert_eq!(items.len(), 5, "{items:#?}");
        assert_eq!(
            items[..3],
            [
                Item::Doc(doc(&source, 1, "cut:1", "One.")),
                Item::Doc(doc(&source, 2, "cut:2", "Two.")),
                Item::Doc(doc(&source, 3, "cut:3", "Three.")),
            ]
        );
        match &items[3] {
            Item::Problem(p) => {
                assert_eq!((p.at.file.as_str(), p.at.line), (source.as_str(), Some(4)));
                assert!(
                    p.message.starts_with("read error after line 3: "),
                    "{}",
                    p.message
                );
            }
            other => panic!("expected a problem, got {other:?}"),
        }
        match &items[4] {
            Item::Doc(d) => {
                assert_eq!(d.text, "Still read.");
                assert_eq!(d.source, next.display().to_string());
            }
            other => panic!("expected the next file, got {other:?}"),
        }
    }

    #[test]
    fn not_gzip_at_all_is_one_problem() {
        let dir = TempDir::new("notgz");
        let path = dir.write("plain.jsonl.gz", b"{\"text\": \"x\"}\n");
        let items = read_all(std::slice::from_ref(&path));
        assert!(
            matches!(&items[..], [Item::Problem(p)] if p.at.line == Some(1)
                && p.message.starts_with("read error after line 0: ")),
            "{items:?}"
        );
    }

    #[test]
    fn directories_are_walked_in_order_and_skip_sidecars() {
        let dir = TempDir::new("walk");
        dir.write("a.jsonl", b"{\"text\": \"A.\"}\n");
        dir.write("b.txt", b"B.");
        dir.write("b.meta.toml", b"id = \"bee\"\n");
        dir.write("c/d.jsonl.gz", &gzip(b"{\"text\": \"D.\"}\n"));
        dir.write("c/notes.json", b"{\"text\": \"no\"}\n");
        dir.write("e.md", b"E.");
        dir.write("f.NDJSON", b"{\"text\": \"F.\"}\n");
        let items = read_all(std::slice::from_ref(&dir.0));
        let got: Vec<(String, String, String)> = items
            .iter()
            .map(|item| match item {
                Item::Doc(d) => (d.source.clone(), d.id.clone(), d.text.clone()),
                other => panic!("unexpected {other:?}"),
            })
            .collect();
        let at = |name: &str| dir.0.join(name).display().to_string();
        let expected = [
            (format!("{}:1", at("a.jsonl")), "a:1", "A."),
            (at("b.txt"), "bee", "B."),
            // Named by its path below the directory.
            (format!("{}:1", at("c/d.jsonl.gz")), "c/d:1", "D."),
            (at("e.md"), "e", "E."),
            (format!("{}:1", at("f.NDJSON")), "f:1", "F."),
        ]
        .map(|(s, i, t)| (s, i.to_string(), t.to_string()));
        assert_eq!(got, expected);
    }

    #[test]
    fn missing_paths_and_empty_directories_are_problems_and_reading_goes_on() {
        let dir = TempDir::new("missing");
        let empty = dir.0.join("empty");
        std::fs::create_dir_all(&empty).unwrap();
        std::fs::write(empty.join("x.meta.toml"), "id = \"x\"\n").unwrap();
        let gone = dir.0.join("gone.jsonl");
        let last = dir.write("last.txt", b"L.");
        let items = read_all(&[gone.clone(), empty.clone(), last.clone()]);
        assert_eq!(items.len(), 3, "{items:?}");
        assert_eq!(
            items[0],
            Item::Problem(Problem::file(
                gone.display().to_string(),
                "no such file or directory"
            ))
        );
        assert_eq!(
            items[1],
            Item::Problem(Problem::file(
                empty.display().to_string(),
                "no .txt, .text, .md, .markdown, .jsonl, .ndjson, .jsonl.gz, .ndjson.gz, \
                 .csv, .tsv, .csv.gz, .tsv.gz files in this directory"
            ))
        );
        assert!(matches!(&items[2], Item::Doc(d) if d.text == "L."));
    }

    #[test]
    fn text_files_read_as_read_document_does() {
        let dir = TempDir::new("text");
        let good = dir.write("good.txt", b"+++\ntitle = \"T\"\n+++\nBody \xff.");
        let bad = dir.write("bad.md", b"+++\nid = \n+++\nBody");
        let items = read_all(&[good.clone(), bad.clone()]);
        assert_eq!(items.len(), 2);
        assert_eq!(items[0], Item::Doc(read_document(&good).unwrap()));
        match &items[0] {
            Item::Doc(d) => {
                assert_eq!(
                    (d.title.as_deref(), d.text.as_str()),
                    (Some("T"), "Body \u{FFFD}.")
                );
                assert_eq!(d.warnings.len(), 1);
            }
            other => panic!("{other:?}"),
        }
        // The TOML `id = ` error is on file line 2.
        match &items[1] {
            Item::Problem(p) => {
                assert_eq!(p.at.file, bad.display().to_string());
                assert_eq!(p.at.line, Some(2));
                assert!(p.at.col.is_some());
                assert!(p.message.starts_with("invalid metadata: "), "{}", p.message);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn formats_can_be_forced() {
        let dir = TempDir::new("forced");
        let jsonl = dir.write("a.jsonl", b"{\"text\": \"A\"}\n");
        let txt = dir.write("b.txt", b"{\"text\": \"B\"}\n");
        let as_text: Vec<Item> = Inputs::open(
            std::slice::from_ref(&jsonl),
            InputOptions {
                format: InputFormat::Text,
                ..InputOptions::default()
            },
        )
        .collect();
        assert!(
            matches!(&as_text[..], [Item::Doc(d)] if d.text == "{\"text\": \"A\"}\n" && d.id == "a"),
            "{as_text:?}"
        );
        let as_jsonl: Vec<Item> = Inputs::open(
            std::slice::from_ref(&txt),
            InputOptions {
                format: InputFormat::Jsonl,
                ..InputOptions::default()
            },
        )
        .collect();
        assert_eq!(
            as_jsonl,
            [Item::Doc(doc(&txt.display().to_string(), 1, "b:1", "B"))]
        );
    }

    #[test]
    fn the_counter_ends_at_the_total() {
        let dir = TempDir::new("count");
        let plain = b"{\"text\": \"One.\"}\n{\"text\": \"Two.\"}\n".to_vec();
        let packed = gzip(incompressible_line(50_000).as_bytes());
        let text = b"Just text.".to_vec();
        let paths = [
            dir.write("a.jsonl", &plain),
            dir.write("b.jsonl.gz", &packed),
            dir.write("c.txt", &text),
        ];
        let expected = (plain.len() + packed.len() + text.len()) as u64;
        let mut inputs = Inputs::open(&paths, InputOptions::default());
        assert_eq!(inputs.total_bytes(), Some(expected));
        let counter = inputs.counter();
        assert_eq!(counter.load(Ordering::Relaxed), 0);
        let first = inputs.next();
        assert!(matches!(first, Some(Item::Doc(_))));
        let after_first = counter.load(Ordering::Relaxed);
        assert!(after_first > 0 && after_first <= plain.len() as u64);
        let rest: Vec<Item> = inputs.by_ref().collect();
        assert_eq!(rest.len(), 3, "{rest:?}");
        assert!(rest.iter().all(|i| matches!(i, Item::Doc(_))));
        assert_eq!(counter.load(Ordering::Relaxed), expected);
        assert_eq!(
            Inputs::open(
                &[paths[0].clone(), PathBuf::from("-")],
                InputOptions::default()
            )
            .total_bytes(),
            None
        );
    }

    #[test]
    fn a_twenty_megabyte_line_parses() {
        let dir = TempDir::new("big");
        let body = "word ".repeat(4 * 1024 * 1024);
        let mut line = Vec::with_capacity(body.len() + 32);
        line.extend_from_slice(b"{\"id\": \"big\", \"text\": \"");
        line.extend_from_slice(body.as_bytes());
        line.extend_from_slice(b"\"}\n{\"text\": \"after\"}\n");
        let path = dir.write("big.jsonl", &line);
        let items = read_all(std::slice::from_ref(&path));
        assert_eq!(items.len(), 2);
        match &items[0] {
            Item::Doc(d) => {
                assert_eq!(d.id, "big");
                assert_eq!(d.text.len(), 20 * 1024 * 1024);
                assert!(d.text == body);
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(&items[1], Item::Doc(d) if d.text == "after" && d.id == "big:2"));
    }

    fn sniffed(bytes: Vec<u8>, format: InputFormat) -> (bool, Vec<u8>) {
        match sniff(Box::new(Cursor::new(bytes)), format).unwrap() {
            Sniffed::Text(mut r) => {
                let mut out = Vec::new();
                r.read_to_end(&mut out).unwrap();
                (false, out)
            }
            Sniffed::Records { reader: mut r, .. } => {
                let mut out = Vec::new();
                r.read_to_end(&mut out).unwrap();
                (true, out)
            }
        }
    }

    /// A reader that hands out one byte per call, like a slow pipe.
    struct Trickle(Cursor<Vec<u8>>);

    impl Read for Trickle {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = buf.len().min(1);
            self.0.read(&mut buf[..n])
        }
    }

    #[test]
    fn stdin_is_sniffed_without_losing_bytes() {
        let json = b"\n  {\"text\": \"x\"}\n".to_vec();
        assert_eq!(
            sniffed(json.clone(), InputFormat::Auto),
            (true, json.clone())
        );
        assert_eq!(
            sniffed(gzip(&json), InputFormat::Auto),
            (true, json.clone())
        );
        let text = b"Plain text {not json}.".to_vec();
        assert_eq!(
            sniffed(text.clone(), InputFormat::Auto),
            (false, text.clone())
        );
        assert_eq!(
            sniffed(text.clone(), InputFormat::Jsonl),
            (true, text.clone())
        );
        assert_eq!(
            sniffed(json.clone(), InputFormat::Text),
            (false, json.clone())
        );
        let bom = b"\xEF\xBB\xBF{\"text\": \"x\"}".to_vec();
        assert_eq!(sniffed(bom.clone(), InputFormat::Auto), (true, bom));
        // Empty or blank stdin is an empty stream, unless text is asked for.
        assert_eq!(sniffed(Vec::new(), InputFormat::Auto), (true, Vec::new()));
        assert_eq!(
            sniffed(b" \n".to_vec(), InputFormat::Auto),
            (true, b" \n".to_vec())
        );
        assert_eq!(sniffed(Vec::new(), InputFormat::Text), (false, Vec::new()));
        // gzip magic arriving one byte at a time is still recognised.
        let packed = gzip(&json);
        let slow = sniff(Box::new(Trickle(Cursor::new(packed))), InputFormat::Auto).unwrap();
        match slow {
            Sniffed::Records { reader: mut r, .. } => {
                let mut out = Vec::new();
                r.read_to_end(&mut out).unwrap();
                assert_eq!(out, json);
            }
            Sniffed::Text(_) => panic!("gzip taken for text"),
        }
    }

    #[test]
    fn a_bom_on_the_first_line_is_ignored() {
        let dir = TempDir::new("bom");
        let path = dir.write("b.jsonl", b"\xEF\xBB\xBF{\"text\": \"x\"}\n");
        let items = read_all(std::slice::from_ref(&path));
        assert_eq!(
            items,
            [Item::Doc(doc(&path.display().to_string(), 1, "b:1", "x"))]
        );
    }

    #[test]
    fn inputs_can_move_to_a_reader_thread() {
        fn send<T: Send>() {}
        send::<Inputs>();
        send::<Item>();
    }

    #[test]
    fn problems_display_with_their_location() {
        let mut p = Problem {
            at: Location {
                file: "f.jsonl".into(),
                line: Some(3),
                col: Some(9),
            },
            message: "not valid JSON: x".into(),
        };
        assert_eq!(p.to_string(), "f.jsonl:3:9: not valid JSON: x");
        p.at.col = None;
        assert_eq!(p.to_string(), "f.jsonl:3: not valid JSON: x");
        p.at.line = None;
        assert_eq!(p.to_string(), "f.jsonl: not valid JSON: x");
    }

    #[cfg(unix)]
    #[test]
    fn a_named_pipe_in_a_directory_is_skipped_not_waited_on() {
        let dir = TempDir::new("fifo");
        std::fs::write(dir.0.join("a.txt"), "A.").unwrap();
        let made = std::process::Command::new("mkfifo")
            .arg(dir.0.join("p.jsonl"))
            .status();
        if !made.is_ok_and(|s| s.success()) {
            // Under CI (.ci/run) every tool is there; elsewhere say so.
            let ci = std::env::var("CI").is_ok_and(|v| v == "true");
            assert!(!ci, "mkfifo is not available, and CI=true requires it");
            let _ = writeln!(std::io::stderr(), "skipped: mkfifo is not available");
            return;
        }
        let items: Vec<Item> =
            Inputs::open(std::slice::from_ref(&dir.0), InputOptions::default()).collect();
        assert_eq!(items.len(), 2, "{items:?}");
        assert!(matches!(&items[0], Item::Doc(d) if d.text == "A."));
        assert!(
            matches!(&items[1], Item::Problem(p) if p.to_string().ends_with("p.jsonl: not a regular file (a named pipe, socket or device is read only when named on the command line)")),
            "{items:?}"
        );
    }

    #[test]
    fn lone_surrogate_escapes_are_replaced_and_the_line_kept() {
        assert_eq!(repair_lone_surrogates(r#"{"t":"a"}"#), None);
        // Pairs and escaped backslashes are left alone; lone halves go.
        assert_eq!(
            repair_lone_surrogates(r#""\ud800 \\ud800 \ud83d\ude00 \udc00 \ud83d\n""#).as_deref(),
            Some(r#""\ufffd \\ud800 \ud83d\ude00 \ufffd \ufffd\n""#)
        );
        let dir = TempDir::new("surrogates");
        let path = dir.write(
            "s.jsonl",
            br#"{"id": "a", "text": "\ud800 China"}
"#,
        );
        let items = read_all(std::slice::from_ref(&path));
        match &items[..] {
            [Item::Doc(d)] => {
                assert_eq!(d.text, "\u{FFFD} China");
                assert_eq!(d.warnings.len(), 1, "{:?}", d.warnings);
                assert!(d.warnings[0].contains("lone UTF-16 surrogates"));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn utf16_text_is_named_as_such_not_as_binary() {
        let dir = TempDir::new("utf16");
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("China.".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let path = dir.write("w.txt", &le);
        let items = read_all(std::slice::from_ref(&path));
        assert!(
            matches!(&items[..], [Item::Problem(p)] if p.message.starts_with("UTF-16LE text") && p.message.contains("iconv")),
            "{items:?}"
        );
        // Text beyond Latin has no NUL byte in UTF-16: the mark decides.
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("中国".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert!(!be.contains(&0));
        let path = dir.write("c.txt", &be);
        let items = read_all(std::slice::from_ref(&path));
        assert!(
            matches!(&items[..], [Item::Problem(p)] if p.message.starts_with("UTF-16BE text")),
            "{items:?}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_loop_named_on_the_command_line_says_so() {
        let dir = TempDir::new("symloop");
        let (b, c) = (dir.0.join("b.txt"), dir.0.join("c.txt"));
        std::os::unix::fs::symlink(&c, &b).unwrap();
        std::os::unix::fs::symlink(&b, &c).unwrap();
        let items = read_all(std::slice::from_ref(&b));
        assert!(
            matches!(&items[..], [Item::Problem(p)] if p.message.contains("symbolic links")),
            "{items:?}"
        );
        let missing = dir.0.join("none.txt");
        let items = read_all(std::slice::from_ref(&missing));
        assert!(
            matches!(&items[..], [Item::Problem(p)] if p.message == "no such file or directory"),
            "{items:?}"
        );
    }

    #[test]
    fn symlinked_directories_are_not_followed() {
        let dir = TempDir::new("loop");
        std::fs::write(dir.0.join("a.txt"), "A.").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(".", dir.0.join("loop")).unwrap();
        let items: Vec<Item> =
            Inputs::open(std::slice::from_ref(&dir.0), InputOptions::default()).collect();
        assert_eq!(items.len(), 1, "{items:?}");
        assert!(matches!(&items[0], Item::Doc(d) if d.text == "A."));
    }

    /// A CSV file with CRLF line endings (as Excel and Python write it):
    /// a quoted text over two lines, a doubled quote, an empty cell, a row
    /// short of a field, invalid UTF-8, a blank line and a repeated column.
    fn rows_csv() -> Vec<u8> {
        let mut bytes = b"\xef\xbb\xbfid,text,outlet,date,outlet\r\n".to_vec();
        bytes.extend_from_slice(
            b"a1,\"Seoul, said \"\"no\"\"\r\nto Pyongyang.\",Yonhap,2019-05-04,second\r\n",
        );
        bytes.extend_from_slice(b",China spoke.,,,\r\n");
        bytes.extend_from_slice(b"short,row\r\n");
        bytes.extend_from_slice(b"\r\n");
        bytes.extend_from_slice(b"u,caf\xff!,X,,\r\n");
        bytes.extend_from_slice(b"q,\"Quoted last\",,,\"end\"\r\n");
        bytes
    }

    #[test]
    fn csv_rows_give_documents_and_located_problems() {
        let dir = TempDir::new("rows");
        let path = dir.write("feed.csv", &rows_csv());
        let source = path.display().to_string();
        let items = read_all(std::slice::from_ref(&path));
        let mut first = doc(&source, 2, "a1", "Seoul, said \"no\"\r\nto Pyongyang.");
        // The first of two columns named `outlet` counts; the date is read.
        first.meta = [("outlet", "Yonhap"), ("date", "2019-05-04")]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        first.date = DocDate::Read(crate::text::date::parse_date("2019-05-04", None).unwrap());
        // An empty id falls back to the row's place, empty cells are no
        // metadata.
        let second = doc(&source, 4, "feed:4", "China spoke.");
        let mut cafe = doc(&source, 7, "u", "caf\u{FFFD}!");
        cafe.meta.insert("outlet".into(), "X".into());
        cafe.warnings.push(
            "invalid UTF-8 at byte 3 of column `text` on line 7: invalid bytes replaced with U+FFFD"
                .into(),
        );
        let mut quoted = doc(&source, 8, "q", "Quoted last");
        // The first column named `outlet` is empty: the second counts.
        quoted.meta.insert("outlet".into(), "end".into());
        assert_eq!(
            items,
            vec![
                Item::Doc(first),
                Item::Doc(second),
                problem(
                    &source,
                    5,
                    None,
                    "a row of 2 fields where the header row has 5 (skipped)"
                ),
                Item::Doc(cafe),
                Item::Doc(quoted),
            ]
        );
    }

    #[test]
    fn tsv_and_gzipped_rows_read_as_csv_does() {
        let dir = TempDir::new("tsv");
        let csv = dir.write("a.csv", b"id,text,outlet\nx,\"One, two.\",BBC\n");
        let tsv = dir.write("b.tsv", b"id\ttext\toutlet\nx\tOne, two.\tBBC\n");
        let gz = dir.write("c.csv.gz", &gzip(b"id,text,outlet\nx,\"One, two.\",BBC\n"));
        for path in [&csv, &tsv, &gz] {
            let items = Inputs::open(std::slice::from_ref(path), InputOptions::default())
                .collect::<Vec<_>>();
            let mut expected = doc(&path.display().to_string(), 2, "x", "One, two.");
            expected.meta.insert("outlet".into(), "BBC".into());
            assert_eq!(items, vec![Item::Doc(expected)], "{}", path.display());
        }
        // `--input-format csv` reads a file of any name as CSV, `tsv` as TSV.
        let odd = dir.write("export.dat", b"id\ttext\nx\tTab, separated.\n");
        let options = InputOptions {
            format: InputFormat::Tsv,
            ..InputOptions::default()
        };
        let items: Vec<Item> = Inputs::open(std::slice::from_ref(&odd), options).collect();
        assert_eq!(
            items,
            vec![Item::Doc(doc(
                &odd.display().to_string(),
                2,
                "x",
                "Tab, separated."
            ))]
        );
    }

    #[test]
    fn a_csv_without_the_text_column_is_skipped_whole_naming_its_columns() {
        let dir = TempDir::new("notext");
        let path = dir.write("export.csv", b"id,body,outlet\n1,Some text.,BBC\n");
        let items = read_all(std::slice::from_ref(&path));
        assert_eq!(
            items,
            vec![problem(
                &path.display().to_string(),
                1,
                None,
                "no `text` column in the CSV header row (it has `id`, `body`, `outlet`): file skipped; name the text's column with --text-field"
            )]
        );
        let options = InputOptions {
            text_field: "body".into(),
            ..InputOptions::default()
        };
        let items: Vec<Item> = Inputs::open(std::slice::from_ref(&path), options).collect();
        assert!(
            matches!(&items[..], [Item::Doc(d)] if d.text == "Some text." && d.id == "1"),
            "{items:?}"
        );
        // An empty file is an empty stream.
        let empty = dir.write("empty.csv", b"");
        assert_eq!(read_all(std::slice::from_ref(&empty)), vec![]);
    }

    #[test]
    fn a_row_over_the_bound_is_skipped() {
        let dir = TempDir::new("rowbound");
        let path = dir.write("big.csv", b"text\nshort\n\"a much longer row\"\nok\n");
        let options = InputOptions {
            max_line_bytes: 10,
            ..InputOptions::default()
        };
        let items: Vec<Item> = Inputs::open(std::slice::from_ref(&path), options).collect();
        let source = path.display().to_string();
        assert_eq!(
            items,
            vec![
                Item::Doc(doc(&source, 2, "big:2", "short")),
                problem(
                    &source,
                    3,
                    None,
                    "row is longer than --max-line-bytes (10 bytes): it has 17 (skipped)"
                ),
                Item::Doc(doc(&source, 4, "big:4", "ok")),
            ]
        );
    }

    #[test]
    fn directories_walk_csv_and_tsv_files() {
        let dir = TempDir::new("walkrows");
        dir.write("a.csv", b"text\nOne.\n");
        dir.write("b.tsv.gz", &gzip(b"text\nTwo.\n"));
        dir.write("c.xlsx", b"not read");
        let texts: Vec<String> = read_all(std::slice::from_ref(&dir.0))
            .into_iter()
            .map(|item| match item {
                Item::Doc(d) => d.text,
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(texts, ["One.", "Two."]);
    }
}
