//! Documents and where they come from: plain-text and Markdown files (with
//! optional TOML front matter between `+++` lines, or a `<stem>.meta.toml`
//! sidecar that leaves the text untouched), directories, and stdin.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::error::{line_col, Error};

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
    /// The article text; spans in profiles are byte offsets into it.
    pub text: String,
    /// Problems that did not stop the document (e.g. invalid UTF-8 replaced).
    pub warnings: Vec<String>,
}

/// File extensions read when walking a directory.
pub const TEXT_EXTENSIONS: &[&str] = &["txt", "text", "md", "markdown"];

/// Expands `inputs` (files, directories, `-`) into the files to read, in a
/// stable order: directories are walked recursively, sorted by path.
///
/// # Errors
///
/// An [`Error::Io`] for an input that does not exist or cannot be listed.
pub fn expand_inputs(inputs: &[PathBuf]) -> Vec<Result<PathBuf, Error>> {
    let mut out = Vec::new();
    for input in inputs {
        if input.as_os_str() == "-" || input.is_file() {
            out.push(Ok(input.clone()));
        } else if input.is_dir() {
            walk(input, &mut out);
        } else {
            out.push(Err(Error::Io {
                path: input.clone(),
                source: std::io::Error::new(
                    std::io::ErrorKind::NotFound,
                    "no such file or directory",
                ),
            }));
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<Result<PathBuf, Error>>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(source) => {
            out.push(Err(Error::Io {
                path: dir.to_path_buf(),
                source,
            }));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            walk(&path, out);
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| TEXT_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
        {
            out.push(Ok(path));
        }
    }
}

/// Reads one document from `path` (`-` for stdin).
///
/// # Errors
///
/// [`Error::Io`] when it cannot be read; [`Error::Document`] when its front
/// matter or sidecar metadata is not valid TOML.
pub fn read_document(path: &Path) -> Result<Document, Error> {
    let io = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let (bytes, source) = if path.as_os_str() == "-" {
        let mut buf = Vec::new();
        std::io::stdin().read_to_end(&mut buf).map_err(io)?;
        (buf, "-".to_string())
    } else {
        (std::fs::read(path).map_err(io)?, path.display().to_string())
    };
    let stem = path
        .file_stem()
        .map_or_else(|| "stdin".to_string(), |s| s.to_string_lossy().into_owned());
    let stem = if source == "-" {
        "stdin".to_string()
    } else {
        stem
    };
    let mut doc = parse_document(&bytes, &source, &stem)?;
    if source != "-" {
        let sidecar = path.with_file_name(format!("{stem}.meta.toml"));
        if sidecar.is_file() {
            let text = std::fs::read_to_string(&sidecar).map_err(|source| Error::Io {
                path: sidecar.clone(),
                source,
            })?;
            apply_metadata(&mut doc, &text, &sidecar.display().to_string(), 0)?;
        }
    }
    Ok(doc)
}

/// Builds a document from raw bytes: decodes UTF-8 (invalid bytes are
/// replaced with U+FFFD and a warning is recorded) and splits off `+++` front
/// matter.
///
/// # Errors
///
/// [`Error::Document`] when the front matter is not valid TOML.
pub fn parse_document(bytes: &[u8], source: &str, default_id: &str) -> Result<Document, Error> {
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
    let text = text
        .strip_prefix('\u{FEFF}')
        .map(str::to_string)
        .unwrap_or(text);
    let mut doc = Document {
        id: default_id.to_string(),
        source: source.to_string(),
        warnings,
        ..Document::default()
    };
    if let Some(rest) = text
        .strip_prefix("+++\n")
        .or_else(|| text.strip_prefix("+++\r\n"))
    {
        if let Some(close) = rest.find("\n+++") {
            let front = &rest[..close];
            let body_start = close + "\n+++".len();
            let body = rest[body_start..].trim_start_matches(['\r', '\n']);
            let front_offset = text.len() - rest.len();
            apply_metadata(&mut doc, front, source, front_offset)?;
            doc.text = body.to_string();
            return Ok(doc);
        }
    }
    doc.text = text;
    Ok(doc)
}

/// Applies TOML metadata (`id`, `title`, any other scalar) to `doc`.
fn apply_metadata(
    doc: &mut Document,
    toml_text: &str,
    source: &str,
    offset: usize,
) -> Result<(), Error> {
    let table: toml::Table = toml_text.parse().map_err(|e: toml::de::Error| {
        let at = e.span().map_or(0, |s| s.start);
        let (line, col) = line_col(toml_text, at);
        let line = line + usize::from(offset > 0);
        Error::Document {
            path: source.to_string(),
            message: format!(
                "metadata at line {line}, column {col}: {}",
                e.message().trim_end()
            ),
        }
    })?;
    for (key, value) in table {
        let value = match value {
            toml::Value::String(s) => s,
            toml::Value::Array(_) | toml::Value::Table(_) => {
                return Err(Error::Document {
                    path: source.to_string(),
                    message: format!("metadata `{key}` must be a string, number, boolean or date"),
                })
            }
            other => other.to_string(),
        };
        match key.as_str() {
            "id" => doc.id = value,
            "title" => doc.title = Some(value),
            _ => {
                doc.meta.insert(key, value);
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

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
            err.to_string().starts_with("f.txt: metadata at line 2"),
            "{err}"
        );
    }

    #[test]
    fn no_front_matter_keeps_text_verbatim() {
        let doc = parse_document(b"Plain +++ text\n", "f.txt", "f").unwrap();
        assert_eq!(doc.text, "Plain +++ text\n");
        assert_eq!(doc.id, "f");
    }
}
