//! The corpus commands: `classify` (streamed, parallel, in every output
//! format), `compare` and `merge`, with their outputs written to stdout or
//! whole-or-nothing to `-o FILE`.

use std::io::{BufRead, Read, Write};
use std::path::{Path, PathBuf};

use super::read::conclude;
use super::{CompareFormat, Format, MergeFormat, Reads, RunArgs, Terminal};
use crate::corpus::aggregate::{read_aggregate, Aggregate, Mismatch};
use crate::corpus::compare::{CompareOptions, Comparer};
use crate::corpus::keys::KeyCensus;
use crate::corpus::output::AtomicFile;
use crate::corpus::run::{run, RunOptions};
use crate::error::{Error, Location};
use crate::pack::ruleset::RuleSet;
use crate::profile::article::{profile, profile_owned, ArticleProfile};
use crate::profile::summary::{Summary, WireError, NONE};
use crate::render::{self, CsvProfiles};
use crate::text::document::{strip_bom, strip_bom_str};
use crate::text::input::open_lines;

/// Where output goes: stdout, or a file renamed into place at the end.
pub(super) enum Out<'a> {
    Stdout(&'a mut dyn Write),
    File(AtomicFile),
}

impl<'a> Out<'a> {
    pub(super) fn open(path: Option<&Path>, stdout: &'a mut dyn Write) -> Result<Out<'a>, Error> {
        Ok(match path {
            Some(p) => Out::File(AtomicFile::create(p)?),
            None => Out::Stdout(stdout),
        })
    }

    /// Flushes stdout, or renames the file into place.
    pub(super) fn finish(self) -> Result<(), Error> {
        match self {
            Out::Stdout(w) => w.flush().map_err(super::stdout_error),
            Out::File(f) => f.commit(),
        }
    }

    pub(super) fn put(&mut self, text: &str) -> Result<(), Error> {
        self.write_all(text.as_bytes()).map_err(|e| self.error(e))
    }

    pub(super) fn error(&self, source: std::io::Error) -> Error {
        Error::Io {
            path: match self {
                Out::Stdout(_) => "<stdout>".into(),
                Out::File(f) => f.path().to_path_buf(),
            },
            source,
        }
    }

    /// Writes `text` to `output` (or stdout) whole.
    pub(super) fn write_whole(
        output: Option<&Path>,
        stdout: &'a mut dyn Write,
        text: &str,
    ) -> Result<(), Error> {
        let mut out = Out::open(output, stdout)?;
        out.put(text)?;
        out.finish()
    }
}

impl Write for Out<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            Out::Stdout(w) => w.write(buf),
            Out::File(f) => f.write(buf),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        match self {
            Out::Stdout(w) => w.write_all(buf),
            Out::File(f) => f.write_all(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Out::Stdout(w) => w.flush(),
            Out::File(f) => f.flush(),
        }
    }
}

/// A CSV error writing to `output` (stdout when `None`).
pub(super) fn csv_error(output: Option<&Path>, e: csv::Error) -> Error {
    let path = output.map_or_else(|| PathBuf::from("<stdout>"), Path::to_path_buf);
    match e.into_kind() {
        csv::ErrorKind::Io(source) => Error::Io { path, source },
        other => Error::Document {
            path: path.display().to_string(),
            message: format!("{other:?}"),
        },
    }
}

/// The longest article text (bytes) whose JSON line a worker renders;
/// the writer streams the profile of a longer one (about nine bytes of
/// JSON per byte of text) into the output instead.
const WORKER_JSON_MAX_TEXT: usize = 1 << 20;

/// Writes `p` as one JSON Lines line, newline included: the same bytes
/// whether a worker renders it or the writer streams it.
fn jsonl_line(mut w: impl Write, p: &ArticleProfile) -> std::io::Result<()> {
    serde_json::to_writer(&mut w, p)?;
    w.write_all(b"\n")
}

/// What a worker hands the writer for one article.
enum Rendered<'a> {
    Text(Vec<u8>),
    Profile(Box<crate::profile::article::ArticleProfile<'a>>),
}

/// `classify`: streams the inputs through the classifier on every core and
/// writes each profile, in input order, in `format`.
#[allow(clippy::too_many_arguments)]
pub(super) fn classify(
    rules: &RuleSet,
    paths: &[PathBuf],
    format: Format,
    actors: bool,
    meta: Option<&[String]>,
    output: Option<&Path>,
    args: &RunArgs,
    terminal: Terminal,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<u8, Error> {
    if format != Format::Csv && (actors || meta.is_some()) {
        let _ = writeln!(
            stderr,
            "error: --meta and --actors shape CSV rows: use them with --format csv"
        );
        return Ok(2);
    }
    let options = args.options(terminal);
    // Metadata columns asked for that no article has would stay empty.
    let mut census = meta.map(KeyCensus::new);
    let out = Out::open(output, stdout)?;
    let mut sink = if format == Format::Csv {
        let mut csv = CsvProfiles::new(out, meta.map(<[String]>::to_vec), actors);
        csv.header().map_err(|e| csv_error(output, e))?;
        Sink::Csv(Box::new(csv))
    } else {
        Sink::Plain(out)
    };
    let mut count = 0usize;
    let result = run(
        paths,
        &options,
        stderr,
        |doc| {
            let p = profile_owned(rules, doc);
            match format {
                Format::Table => Rendered::Text(render::table_entry(&p).into_bytes()),
                Format::Json => Rendered::Text(render::json_element(&p).into_bytes()),
                // A profile's JSON runs to several times its text: a
                // worker writes the line of an ordinary article, so that
                // serialising runs on every core, and hands the writer
                // the profile of a large one, which it serialises straight
                // into the output, never holding the line whole.
                Format::Jsonl if p.text.len() <= WORKER_JSON_MAX_TEXT => {
                    // Sized for the usual line (about four times the text)
                    // so that it is not copied as it grows.
                    let mut line = Vec::with_capacity(4 * p.text.len() + 4096);
                    jsonl_line(&mut line, &p).expect("a profile serialises into memory");
                    Rendered::Text(line)
                }
                Format::Jsonl | Format::Csv => Rendered::Profile(Box::new(p)),
            }
        },
        |rendered| {
            let first = count == 0;
            count += 1;
            match (&mut sink, rendered) {
                (Sink::Plain(out), Rendered::Text(t)) => {
                    match format {
                        Format::Table if first => out.put(&render::table_header(&rules.info))?,
                        Format::Json => out.put(if first { "[\n" } else { ",\n" })?,
                        _ => {}
                    }
                    out.write_all(&t).map_err(|e| out.error(e))
                }
                (Sink::Plain(out), Rendered::Profile(p)) => {
                    let written = {
                        let mut w = std::io::BufWriter::with_capacity(1 << 16, &mut *out);
                        jsonl_line(&mut w, &p).and_then(|()| w.flush())
                    };
                    written.map_err(|e| out.error(e))
                }
                (Sink::Csv(csv), Rendered::Profile(p)) => {
                    if let Some(census) = &mut census {
                        census.add(&p.meta, |key| p.meta.contains_key(key));
                    }
                    csv.write(&p).map_err(|e| csv_error(output, e))
                }
                _ => unreachable!("CSV output renders profiles, tables and JSON text"),
            }
        },
    );
    if let Some(code) = conclude(result, &options, output.is_some(), stderr)? {
        return Ok(code);
    }
    // An -o file is then not written; on stdout the rows are already out.
    if census.is_some_and(|c| !report_keys(&c, stderr)) {
        return Ok(2);
    }
    let out = match sink {
        Sink::Plain(mut out) => {
            if format == Format::Json {
                out.put(if count == 0 { "[]\n" } else { "\n]\n" })?;
            }
            out
        }
        Sink::Csv(csv) => csv.finish().map_err(|e| csv_error(output, e))?,
    };
    out.finish()?;
    Ok(0)
}

/// Refuses an `-o` file that the same run reads, before anything is read:
/// one of the `inputs`, or a file a walk of an input directory lists
/// (through a symlink too) that the command reads there: a walked name or
/// one without an extension, and for commands that read profiles a
/// profile file of any name (Spark's `part-00000-….json`). Written whole at
/// the end, it would replace what it was made from. `merge` may replace
/// an aggregate with the aggregate it adds to, never a profile file or
/// anything with a table.
///
/// # Errors
///
/// [`Error::Io`] naming `output` and the input it would replace.
pub(super) fn refuse_output_among_inputs(
    output: &Path,
    inputs: &[PathBuf],
    reads: Reads,
) -> Result<(), Error> {
    let Ok(target) = std::fs::canonicalize(output) else {
        // Not there yet (or not reachable): no input can be it.
        return Ok(());
    };
    let is_target = |p: &Path| std::fs::canonicalize(p).is_ok_and(|c| c == target);
    let profiles_too = reads != Reads::Articles;
    for input in inputs.iter().filter(|p| p.as_os_str() != "-") {
        let replaced = if input.is_dir() {
            crate::text::input::files_under(input)
                .into_iter()
                .flatten()
                .any(|f| {
                    is_target(&f)
                        && (crate::text::input::is_walked_name(&f)
                            || f.extension().is_none()
                            || (profiles_too && is_profile_file(&f)))
                })
        } else {
            is_target(input) && !(reads == Reads::Parts { json: true } && is_aggregate_file(input))
        };
        if replaced {
            let source = std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                format!(
                    "the output file is read by this run (input {}); writing it would replace what it holds: choose another -o",
                    input.display()
                ),
            );
            return Err(Error::Io {
                path: output.to_path_buf(),
                source,
            });
        }
    }
    Ok(())
}

/// Whether `path` holds an aggregate written by `merge` ([`opens_aggregate`]).
fn is_aggregate_file(path: &Path) -> bool {
    open_lines(path).is_ok_and(|mut reader| {
        first_line(&mut reader, &mut Vec::new()).is_ok_and(|l| opens_aggregate(l.as_deref()))
    })
}

/// Whether a file whose first non-blank line is `first` is an aggregate:
/// `merge` writes pretty JSON, `{` alone on its first line, where a profile
/// line holds a whole object.
fn opens_aggregate(first: Option<&str>) -> bool {
    first == Some("{")
}

/// Where `classify` writes: text as it comes, or CSV rows.
enum Sink<'a> {
    Plain(Out<'a>),
    Csv(Box<CsvProfiles<Out<'a>>>),
}

/// Lines looked at to tell a profile file: one whose first lines are all
/// bad is no longer worth reading as one.
const LOOKED_AT: usize = 8;

/// Whether `path` holds `classify --format jsonl` output, whatever its
/// name (Spark writes `part-00000`): one of its first few non-blank lines
/// (within the first 64 MB) is a profile ([`is_profile_line`]), so that one
/// bad line at the top costs that line, not the file. Stdin (`-`) is
/// judged by the bytes waiting in its buffer, which stay there for
/// whichever reader then takes it: `classify … | framescope compare -`.
fn is_profile_file(path: &Path) -> bool {
    if path.as_os_str() == "-" {
        let mut stdin = std::io::stdin().lock();
        return stdin.fill_buf().is_ok_and(stdin_holds_profiles);
    }
    if !path.is_file() {
        return false;
    }
    let Ok(reader) = open_lines(path) else {
        return false;
    };
    let mut reader = reader.take(64 << 20);
    for _ in 0..LOOKED_AT {
        match first_line(&mut reader, &mut Vec::new()) {
            Ok(Some(line)) if is_profile_line(&line) => return true,
            Ok(Some(_)) => {}
            _ => return false,
        }
    }
    false
}

/// Whether `head`, the first bytes of stdin, holds profiles: one of its
/// first few whole lines is one, or the line the buffer cuts short opens as
/// `classify` opens every profile ([`opens_as_profile`]).
fn stdin_holds_profiles(head: &[u8]) -> bool {
    let head = strip_bom(head);
    let text = String::from_utf8_lossy(head);
    // The whole lines, and the line the buffer cuts short (a profile line
    // is often longer than the buffer).
    let (whole, cut) = match text.rfind('\n') {
        Some(end) => (&text[..end], &text[end + 1..]),
        None => ("", &text[..]),
    };
    let lines: Vec<&str> = whole.lines().filter(|l| !l.trim().is_empty()).collect();
    lines.iter().take(LOOKED_AT).any(|l| is_profile_line(l))
        || (lines.len() < LOOKED_AT && opens_as_profile(cut))
}

/// Whether `start`, the start of a line, opens as `classify` opens every
/// profile: `{"schema_version":N,"rules":{`.
fn opens_as_profile(start: &str) -> bool {
    let Some(rest) = start.trim_start().strip_prefix("{\"schema_version\":") else {
        return false;
    };
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && rest[digits..].starts_with(",\"rules\":{")
}

/// Whether `line` is a profile: a JSON object with a `schema_version` and
/// `frames`.
fn is_profile_line(line: &str) -> bool {
    let line = line.trim();
    line.starts_with('{')
        && serde_json::from_str::<serde_json::Value>(line)
            .ok()
            .is_some_and(|v| v.get("schema_version").is_some() && v.get("frames").is_some())
}

/// Reads `reader` up to its first non-blank line and returns it trimmed
/// (`None` at the end). Every byte read is appended to `head`, so a caller
/// can put them back in front of the rest.
fn first_line(reader: &mut impl BufRead, head: &mut Vec<u8>) -> std::io::Result<Option<String>> {
    loop {
        let start = head.len();
        if reader.read_until(b'\n', head)? == 0 {
            return Ok(None);
        }
        // A BOM before the first line is no part of it.
        let bytes = &head[start..];
        let bytes = if start == 0 { strip_bom(bytes) } else { bytes };
        let line = String::from_utf8_lossy(bytes).trim().to_string();
        if !line.is_empty() {
            return Ok(Some(line));
        }
    }
}

/// The inputs of a command that takes profiles and articles alike.
struct Split {
    /// Files of `classify --format jsonl` output.
    profiles: Vec<PathBuf>,
    /// Article inputs, to classify.
    articles: Vec<PathBuf>,
    /// Named pipes, sockets and devices found in a directory: skipped, as
    /// a walk skips them (reading one could wait for ever).
    special: Vec<PathBuf>,
}

/// Splits `paths` into profile files and article inputs. A directory that
/// holds profile files is opened up: its profile files are read as such,
/// and its other article files are classified.
fn split_inputs(paths: &[PathBuf]) -> Split {
    let (mut profiles, mut articles, mut special) = (Vec::new(), Vec::new(), Vec::new());
    for path in paths {
        if path.is_dir() {
            // A directory without profiles goes to the article stream
            // whole, which also reports what it cannot list.
            let files = crate::text::input::files_under(path).into_iter().flatten();
            let (p, rest): (Vec<PathBuf>, Vec<PathBuf>) = files.partition(|f| is_profile_file(f));
            if p.is_empty() {
                articles.push(path.clone());
            } else {
                profiles.extend(p);
                let walked = rest
                    .into_iter()
                    .filter(|f| crate::text::input::is_walked_name(f));
                let (odd, plain): (Vec<PathBuf>, Vec<PathBuf>) =
                    walked.partition(|f| crate::text::input::is_special_file(f));
                articles.extend(plain);
                special.extend(odd);
            }
        } else if is_profile_file(path) {
            profiles.push(path.clone());
        } else {
            articles.push(path.clone());
        }
    }
    Split {
        profiles,
        articles,
        special,
    }
}

/// Reads profiles line by line from `path` with `parse` (e.g.
/// [`Summary::from_profile_json`]), reporting lines that are not profiles
/// (and stopping at the first under `strict`). Returns the numbers of
/// profiles read and lines skipped, or `None` when stopped.
pub(super) fn read_profiles<T>(
    path: &Path,
    strict: bool,
    stderr: &mut dyn Write,
    parse: impl Fn(&str) -> Result<T, WireError>,
    f: impl FnMut(T) -> Result<(), Mismatch>,
) -> Result<Option<(u64, u64)>, Error> {
    let reader = open_lines(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    read_profile_lines(path, reader, strict, stderr, parse, f)
}

/// [`read_profiles`] from a reader already open on `path`; also counts the
/// lines skipped (in `skipped`).
fn read_profile_lines<T>(
    path: &Path,
    mut reader: impl BufRead,
    strict: bool,
    stderr: &mut dyn Write,
    parse: impl Fn(&str) -> Result<T, WireError>,
    mut f: impl FnMut(T) -> Result<(), Mismatch>,
) -> Result<Option<(u64, u64)>, Error> {
    let io = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut buf = Vec::new();
    let (mut n, mut skipped, mut line_no) = (0, 0, 0);
    loop {
        buf.clear();
        if reader.read_until(b'\n', &mut buf).map_err(io)? == 0 {
            break;
        }
        line_no += 1;
        let text = String::from_utf8_lossy(&buf);
        // A BOM before the first line is no part of it.
        let text = if line_no == 1 {
            strip_bom_str(&text)
        } else {
            &text
        };
        let text = text.trim();
        if text.is_empty() {
            continue;
        }
        let problem = match parse(text) {
            Ok(s) => {
                f(s).map_err(|message| Error::Document {
                    path: format!("{}:{line_no}", path.display()),
                    message: message.to_string(),
                })?;
                n += 1;
                continue;
            }
            Err(e) => format!(
                "{}: {e}",
                Location::line(path.display().to_string(), line_no, e.column())
            ),
        };
        let _ = writeln!(stderr, "warning: skipped {problem}");
        skipped += 1;
        if strict {
            let _ = writeln!(stderr, "error: --strict: stopped at {problem}");
            return Ok(None);
        }
    }
    Ok(Some((n, skipped)))
}

/// Feeds `add` one item per article of `paths`, for the commands that take
/// articles or `classify --format jsonl` profiles alike (compare, report):
/// profile files are read back with `parse`, not classified again; article
/// inputs are classified and turned into items with `from_profile`.
/// Returns the number of profile lines skipped, or `Err(code)` when the run
/// stopped (after saying why on `stderr`): `--strict`, nothing readable, or
/// items that cannot be combined (a pack or schema mismatch).
pub(super) fn gather<T: Send>(
    rules: &RuleSet,
    paths: &[PathBuf],
    options: &RunOptions,
    stderr: &mut dyn Write,
    parse: impl Fn(&str) -> Result<T, WireError>,
    from_profile: impl Fn(&ArticleProfile) -> T + Sync,
    mut add: impl FnMut(T) -> Result<(), Mismatch>,
) -> Result<Result<u64, u8>, Error> {
    let Split {
        profiles,
        articles: documents,
        special,
    } = split_inputs(paths);
    let mut skipped = 0;
    for path in &special {
        let _ = writeln!(
            stderr,
            "warning: skipped {}: {}",
            path.display(),
            crate::text::input::NOT_REGULAR
        );
    }
    for path in &profiles {
        match read_profiles(path, options.strict, stderr, &parse, &mut add)? {
            Some((_, bad)) => skipped += bad,
            None => return Ok(Err(2)),
        }
    }
    let mut mixed: Option<Mismatch> = None;
    if !documents.is_empty() {
        let result = run(
            &documents,
            options,
            stderr,
            |doc| from_profile(&profile(rules, &doc)),
            |item| {
                if let Err(e) = add(item) {
                    mixed.get_or_insert(e);
                }
                Ok(())
            },
        );
        if let Some(code) = conclude(result, options, true, stderr)? {
            return Ok(Err(code));
        }
    }
    if let Some(e) = mixed {
        let _ = writeln!(stderr, "error: {e}");
        return Ok(Err(2));
    }
    Ok(Ok(skipped))
}

/// The exit code and closing message when `skipped` profile lines could
/// not be read: the result is written, but it counts fewer documents than
/// were classified, so the run does not end in success (exit 1, as for
/// other findings; `--strict` stops at the first such line with exit 2).
pub(super) fn dropped_profiles(skipped: u64, stderr: &mut dyn Write) -> u8 {
    if skipped == 0 {
        return 0;
    }
    let _ = writeln!(
        stderr,
        "error: {skipped} profile line{} could not be read (reported above) and {} left out of the result",
        if skipped == 1 { "" } else { "s" },
        if skipped == 1 { "is" } else { "are" },
    );
    1
}

/// `compare`.
#[allow(clippy::too_many_arguments)]
pub(super) fn compare(
    rules: &RuleSet,
    paths: &[PathBuf],
    compare: CompareOptions,
    format: CompareFormat,
    output: Option<&Path>,
    args: &RunArgs,
    terminal: Terminal,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<u8, Error> {
    let options = args.options(terminal);
    let mut comparer = Comparer::new(compare);
    let skipped = match gather(
        rules,
        paths,
        &options,
        stderr,
        Summary::from_profile_json,
        Summary::from_profile,
        |s| comparer.add(&s),
    )? {
        Ok(skipped) => skipped,
        Err(code) => return Ok(code),
    };
    if !report_keys(comparer.keys(), stderr) {
        return Ok(2);
    }
    let comparison = comparer.finish();
    let text = match format {
        CompareFormat::Table => comparison.table(),
        CompareFormat::Json => comparison.json(),
        CompareFormat::Csv => comparison.csv().map_err(|e| csv_error(output, e))?,
    };
    Out::write_whole(output, stdout, &text)?;
    Ok(dropped_profiles(skipped, stderr))
}

/// Reports the census of the keys asked for: a warning for each key some
/// articles lack; false (after an error) when no article has one.
pub(super) fn report_keys(census: &KeyCensus, stderr: &mut dyn Write) -> bool {
    match census.check() {
        Ok(lacking) => {
            for l in lacking {
                let _ = writeln!(stderr, "warning: {l}");
            }
            true
        }
        Err(e) => {
            let _ = writeln!(stderr, "error: {e}");
            false
        }
    }
}

/// `merge`.
pub(super) fn merge(
    parts: &[PathBuf],
    by: Option<&str>,
    format: MergeFormat,
    output: Option<&Path>,
    strict: bool,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<u8, Error> {
    let mut total = Aggregate::new(by.map(String::from));
    // Which profiles have the `--by` key (an aggregate's articles are
    // summed already, and were checked when it was merged).
    let mut census = by.map(|by| KeyCensus::new(&[by]).with_date_buckets());
    let mut skipped = 0;
    for path in parts {
        let io = |source| Error::Io {
            path: path.clone(),
            source,
        };
        // Read up to the first non-blank line to tell an aggregate (pretty
        // JSON, `{` alone on it) from profile lines, then go on with the
        // same reader: stdin cannot be opened twice.
        let mut reader = open_lines(path).map_err(io)?;
        let mut head = Vec::new();
        let first = first_line(&mut reader, &mut head).map_err(io)?;
        let reader = std::io::Cursor::new(head).chain(reader);
        if opens_aggregate(first.as_deref()) {
            // A pretty-printed aggregate from an earlier merge.
            let mut text = String::new();
            { reader }.read_to_string(&mut text).map_err(io)?;
            let text = strip_bom_str(&text);
            let part = read_aggregate(text, &path.display().to_string())?;
            if let Err(e) = total.merge(&part) {
                let _ = writeln!(stderr, "error: {}: {e}", path.display());
                return Ok(2);
            }
            continue;
        }
        match read_profile_lines(
            path,
            reader,
            strict,
            stderr,
            Summary::from_profile_json,
            |s| {
                if let (Some(census), Some(by)) = (&mut census, by) {
                    census.add(&s.meta, |_| s.group(by) != NONE);
                }
                total.add(&s)
            },
        )? {
            Some((_, bad)) => skipped += bad,
            None => return Ok(2),
        }
    }
    if !census.is_none_or(|keys| report_keys(&keys, stderr)) {
        return Ok(2);
    }
    if total.corpus.documents == 0 && skipped > 0 {
        let _ = writeln!(
            stderr,
            "error: no profile could be read: merge takes `classify --format jsonl` output and earlier merges"
        );
        return Ok(2);
    }
    let text = match format {
        MergeFormat::Json => total.to_json(),
        MergeFormat::Table => total.table(),
    };
    Out::write_whole(output, stdout, &text)?;
    Ok(dropped_profiles(skipped, stderr))
}

#[cfg(test)]
mod tests {
    use super::{is_profile_line, stdin_holds_profiles};

    const PROFILE: &str = r#"{"schema_version":1,"rules":{"id":"p@1"},"id":"a","frames":{}}"#;

    #[test]
    fn a_profile_line_needs_frames_not_only_a_schema_version() {
        assert!(is_profile_line(PROFILE));
        // An article feed that happens to carry a `schema_version` field.
        assert!(!is_profile_line(
            r#"{"schema_version": 3, "id": "a", "text": "China."}"#
        ));
        assert!(!is_profile_line("{\"bad"));
    }

    #[test]
    fn stdin_is_told_by_its_whole_lines_or_else_by_how_a_profile_opens() {
        let feed = |lines: &[&str]| lines.iter().map(|l| format!("{l}\n")).collect::<String>();
        assert!(stdin_holds_profiles(feed(&[PROFILE]).as_bytes()));
        // A bad first line, then profiles.
        assert!(stdin_holds_profiles(feed(&["{\"bad", PROFILE]).as_bytes()));
        assert!(!stdin_holds_profiles(
            feed(&[r#"{"id": "a", "text": "China."}"#]).as_bytes()
        ));
        // Not even one whole line in the buffer: how it opens decides.
        assert!(stdin_holds_profiles(&PROFILE.as_bytes()[..40]));
        assert!(!stdin_holds_profiles(
            br#"{"schema_version": 3, "id": "a", "te"#
        ));
        assert!(!stdin_holds_profiles(b""));
        // A bad first line, then a profile longer than stdin's buffer.
        let long = PROFILE.replace(r#""id":"a""#, &format!(r#""id":"{}""#, "a".repeat(10_000)));
        let piped = feed(&["{\"bad", &long]);
        assert!(stdin_holds_profiles(&piped.as_bytes()[..8192]));
    }
}
