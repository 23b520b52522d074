//! Errors: located diagnostics for rule packs, and the crate's error type.

use std::fmt;
use std::path::PathBuf;

use serde::Serialize;

/// Where a message points: a file, and the 1-based line and column (in
/// characters) in it when known. The one location type of the crate:
/// pack diagnostics, lint findings, input problems, import notes and
/// metadata errors all carry one. Prints as `file:line:col`, `file:line`
/// or `file`; serialises as `file`, `line`, `col`, each when known.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Location {
    /// The file: a path, `-` for stdin, or a rule file relative to its
    /// pack's root (e.g. `frames/threat.toml`).
    pub file: String,
    /// 1-based line, when the message is about one line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// 1-based column in characters, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub col: Option<usize>,
}

impl Location {
    /// A whole file.
    pub fn file(file: impl Into<String>) -> Location {
        Location {
            file: file.into(),
            line: None,
            col: None,
        }
    }

    /// A line of `file`, and a column when known.
    pub fn line(file: impl Into<String>, line: usize, col: Option<usize>) -> Location {
        Location {
            file: file.into(),
            line: Some(line),
            col,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.col) {
            (Some(line), Some(col)) => write!(f, "{}:{line}:{col}", self.file),
            (Some(line), None) => write!(f, "{}:{line}", self.file),
            _ => write!(f, "{}", self.file),
        }
    }
}

/// One problem in a rule file, located at `file:line:col`.
///
/// Messages are lower-case, name the value at fault and say what to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// The rule file (relative to the pack root), line and column.
    pub at: Location,
    /// What is wrong and how to fix it.
    pub message: String,
    /// The lint code for this kind of problem, when it has one of its own
    /// (`weight-out-of-range`, `id-not-file-stem`).
    pub code: Option<Lint>,
}

/// A lint code: one kind of problem `rules lint` reports. Each has a
/// stable code (`FS001` is the first variant, in order) and kebab name,
/// documented in `pack::lint::CODES`; it lives here because pack
/// diagnostics carry one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Lint {
    /// FS001 `duplicate-term`.
    DuplicateTerm,
    /// FS002 `term-in-two-frames`.
    TermInTwoFrames,
    /// FS003 `alias-in-two-actors`.
    AliasInTwoActors,
    /// FS004 `shadowed-pattern`.
    ShadowedPattern,
    /// FS005 `punctuation-edge`.
    PunctuationEdge,
    /// FS006 `ambiguous-alias`.
    AmbiguousAlias,
    /// FS007 `self-excluding`.
    SelfExcluding,
    /// FS008 `weight-out-of-range`.
    WeightOutOfRange,
    /// FS009 `id-not-file-stem`.
    IdNotFileStem,
    /// FS010 `frame-without-tests`.
    FrameWithoutTests,
    /// FS011 `invalid-pack`.
    InvalidPack,
    /// FS012 `unused-context`.
    UnusedContext,
    /// FS013 `builtin-name`.
    BuiltinName,
    /// FS014 `common-name-alias`.
    CommonNameAlias,
}

impl Diagnostic {
    /// Builds a diagnostic at byte `offset` of `src`.
    pub fn at(file: &str, src: &str, offset: usize, message: impl Into<String>) -> Diagnostic {
        Diagnostic::located(file, line_col(src, offset), message)
    }

    /// Builds a diagnostic at a known `(line, column)`.
    pub fn located(
        file: &str,
        (line, col): (usize, usize),
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            at: Location::line(file, line, Some(col)),
            message: message.into(),
            code: None,
        }
    }

    /// The same diagnostic, tagged with a lint code.
    pub fn with_code(mut self, code: Lint) -> Diagnostic {
        self.code = Some(code);
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.at, self.message)
    }
}

/// The 1-based line and column (in characters) of byte `offset` in `src`.
/// Counts from the top: to locate many offsets in one file, build a
/// [`LineIndex`] once.
pub(crate) fn line_col(src: &str, offset: usize) -> (usize, usize) {
    LineIndex::new(src).line_col(src, offset)
}

/// The byte offset where each line of a text starts, so that locating an
/// offset is a binary search plus a count of the characters before it on
/// its line: a pack with thousands of rules is located in linear time.
#[derive(Clone, Debug)]
pub(crate) struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes the lines of `src`.
    pub(crate) fn new(src: &str) -> LineIndex {
        crate::work::tick(src.len());
        let starts = std::iter::once(0)
            .chain(src.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex { starts }
    }

    /// The 1-based line of byte `offset`.
    pub(crate) fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&start| start <= offset)
    }

    /// The 1-based line and column (in characters) of byte `offset` of
    /// `src`, the text this index was built from.
    pub(crate) fn line_col(&self, src: &str, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(src.len());
        while !src.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line(offset);
        let start = self.starts[line - 1];
        crate::work::tick(offset - start);
        (line, src[start..offset].chars().count() + 1)
    }
}

/// The crate's error type.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// A rule pack has one or more problems; every one found is listed.
    Pack(Vec<Diagnostic>),
    /// A file or directory could not be read.
    Io {
        /// The path that failed.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A document could not be understood (bad sidecar metadata, etc.).
    Document {
        /// The document's path or name.
        path: String,
        /// What is wrong.
        message: String,
    },
    /// A line of a file a command reads is malformed: gold labels, an
    /// aggregate, a file being formatted or a dictionary being imported.
    Input {
        /// The file, and the line and column there.
        at: Location,
        /// What is wrong.
        message: String,
    },
    /// A document's front matter or sidecar metadata is not valid TOML.
    Metadata {
        /// The file holding the metadata, and the line and column there.
        at: Location,
        /// What is wrong.
        message: String,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Pack(diags) => {
                let n = diags.len();
                write!(
                    f,
                    "rule pack has {n} error{}",
                    if n == 1 { "" } else { "s" }
                )?;
                for d in diags {
                    write!(f, "\n  {d}")?;
                }
                Ok(())
            }
            Error::Io { path, source } => write!(f, "{}: {source}", path.display()),
            Error::Document { path, message } => write!(f, "{path}: {message}"),
            Error::Input { at, message } => write!(f, "{at}: {message}"),
            Error::Metadata { at, message } => write!(f, "{at}: metadata: {message}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// What a JSON error says, without serde_json's own " at line L column C":
/// callers name the file, line and column the way every diagnostic does
/// ([`Location`]), and the line is the file's, not the parsed text's.
pub(crate) fn json_message(e: &serde_json::Error) -> String {
    let located = format!(" at line {} column {}", e.line(), e.column());
    let full = e.to_string();
    full.strip_suffix(&located).unwrap_or(&full).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters() {
        let src = "a = 1\nb = \"é\" x\n";
        assert_eq!(line_col(src, 0), (1, 1));
        assert_eq!(line_col(src, 6), (2, 1));
        // 'x' follows a two-byte 'é': column counts characters, not bytes.
        let x = src.find('x').unwrap();
        assert_eq!(line_col(src, x), (2, 9));
        assert_eq!(line_col(src, 999), (3, 1));
    }

    #[test]
    fn a_json_message_leaves_the_position_to_its_caller() {
        let e = serde_json::from_str::<serde_json::Value>("{\"a\": }").unwrap_err();
        assert!(e.to_string().ends_with(" at line 1 column 7"), "{e}");
        assert_eq!(super::json_message(&e), "expected value");
    }
}
