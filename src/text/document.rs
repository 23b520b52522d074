//! Documents from files: plain-text and Markdown articles (with optional
//! TOML front matter between `+++` lines, or a `<stem>.meta.toml` sidecar
//! that leaves the text untouched) and stdin. Streams of many documents
//! (directories, JSON Lines) are read by [`crate::text::input`].

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

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
    /// Byte offset of `text` in the file: non-zero when a byte-order mark
    /// or front matter was cut off, so `span + text_offset` indexes the file.
    pub text_offset: usize,
}

/// Extensions of text articles read when walking a directory.
pub const TEXT_EXTENSIONS: &[&str] = &["txt", "text", "md", "markdown"];

/// Reads one document from `path` (`-` for stdin).
///
/// # Errors
///
/// [`Error::Io`] when it cannot be read; [`Error::Metadata`] when its front
/// matter or sidecar metadata is not valid TOML; [`Error::Document`] when a
/// metadata value is not a string, number, boolean or date.
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
/// [`Error::Metadata`] when the front matter is not valid TOML;
/// [`Error::Document`] when a metadata value has the wrong type.
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
    let bom = if text.starts_with('\u{FEFF}') {
        '\u{FEFF}'.len_utf8()
    } else {
        0
    };
    let mut doc = Document {
        id: default_id.to_string(),
        source: source.to_string(),
        warnings,
        ..Document::default()
    };
    let body = &text[bom..];
    match split_front_matter(body) {
        Some((front, body_start)) => {
            apply_metadata(&mut doc, front, source, 1)?;
            doc.text = body[body_start..].to_string();
            doc.text_offset = bom + body_start;
        }
        None => {
            doc.text = body.to_string();
            doc.text_offset = bom;
        }
    }
    Ok(doc)
}

/// Splits `+++` front matter off `text`: the first line must be exactly
/// `+++` (CRLF allowed) and a later line exactly `+++` closes it. Returns
/// the TOML between them and the byte offset where the body starts (after
/// the closing line and any blank lines).
fn split_front_matter(text: &str) -> Option<(&str, usize)> {
    let mut lines = text.split_inclusive('\n');
    let first = lines.next()?;
    if first.trim_end_matches(['\r', '\n']) != "+++" {
        return None;
    }
    let front_start = first.len();
    let mut at = front_start;
    for line in lines {
        if line.trim_end_matches(['\r', '\n']) == "+++" {
            let front = &text[front_start..at];
            let rest = &text[at + line.len()..];
            let body_start = text.len() - rest.trim_start_matches(['\r', '\n']).len();
            return Some((front, body_start));
        }
        at += line.len();
    }
    None
}

/// Applies TOML metadata (`id`, `title`, any other scalar) to `doc`;
/// `first_line` is the file line the TOML starts on (for error locations).
fn apply_metadata(
    doc: &mut Document,
    toml_text: &str,
    source: &str,
    first_line: usize,
) -> Result<(), Error> {
    let table: toml::Table = toml_text.parse().map_err(|e: toml::de::Error| {
        let at = e.span().map_or(0, |s| s.start);
        let (line, col) = line_col(toml_text, at);
        Error::Metadata {
            path: source.to_string(),
            line: line + first_line,
            column: col,
            message: e.message().trim_end().to_string(),
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
    }

    #[test]
    fn no_front_matter_keeps_text_verbatim() {
        let doc = parse_document(b"Plain +++ text\n", "f.txt", "f").unwrap();
        assert_eq!(doc.text, "Plain +++ text\n");
        assert_eq!(doc.id, "f");
    }
}
