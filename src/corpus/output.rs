//! Writing files whole or not at all: the text goes to a temporary file in
//! the same directory, which is then renamed over the target, so a reader
//! (or a crash) never sees half a file.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

use crate::error::Error;

/// A file being written: a temporary file beside the target until
/// [`AtomicFile::commit`] renames it into place. Dropped uncommitted (an
/// error, a `--strict` stop), it is removed and the target is untouched.
/// A target that exists and is not a regular file (`/dev/null`, a named
/// pipe) is written directly: renaming over it would replace the device.
pub struct AtomicFile {
    path: PathBuf,
    file: Target,
}

enum Target {
    Temporary(BufWriter<NamedTempFile>),
    Direct(BufWriter<std::fs::File>),
}

impl AtomicFile {
    /// Starts writing `path`.
    ///
    /// # Errors
    ///
    /// [`Error::Io`] when no temporary file can be created beside it.
    pub fn create(path: &Path) -> Result<AtomicFile, Error> {
        let special = std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir());
        if special {
            let file = std::fs::OpenOptions::new()
                .write(true)
                .open(path)
                .map_err(|source| Error::Io {
                    path: path.to_path_buf(),
                    source,
                })?;
            return Ok(AtomicFile {
                path: path.to_path_buf(),
                file: Target::Direct(BufWriter::with_capacity(1 << 16, file)),
            });
        }
        let dir = path
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let file = tempfile::Builder::new()
            .prefix(&format!(
                ".{}.",
                path.file_name()
                    .map_or_else(|| "out".into(), |n| n.to_string_lossy())
            ))
            .suffix(".tmp")
            .tempfile_in(dir)
            .map_err(|source| Error::Io {
                path: path.to_path_buf(),
                source,
            })?;
        Ok(AtomicFile {
            path: path.to_path_buf(),
            file: Target::Temporary(BufWriter::with_capacity(1 << 16, file)),
        })
    }

    /// The file being written.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Flushes, syncs and renames the file into place.
    ///
    /// # Errors
    ///
    /// [`Error::Io`] when it cannot; the target is then untouched.
    pub fn commit(self) -> Result<(), Error> {
        let io = |source| Error::Io {
            path: self.path.clone(),
            source,
        };
        let file = match self.file {
            Target::Direct(mut f) => return f.flush().map_err(io),
            Target::Temporary(f) => f.into_inner().map_err(|e| io(e.into_error()))?,
        };
        // Temporary files are private (0600): a file replaced keeps its
        // mode, a new one gets the usual 0644.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&self.path)
                .map(|m| m.permissions())
                .unwrap_or_else(|_| std::fs::Permissions::from_mode(0o644));
            file.as_file().set_permissions(mode).map_err(io)?;
        }
        file.as_file().sync_all().map_err(io)?;
        file.persist(&self.path).map_err(|e| io(e.error))?;
        Ok(())
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match &mut self.file {
            Target::Temporary(f) => f.write(buf),
            Target::Direct(f) => f.write(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match &mut self.file {
            Target::Temporary(f) => f.flush(),
            Target::Direct(f) => f.flush(),
        }
    }
}

/// Writes `text` to `path` atomically.
///
/// # Errors
///
/// [`Error::Io`] when the temporary file cannot be written or renamed; the
/// target is then untouched.
pub fn write_atomic(path: &Path, text: &str) -> Result<(), Error> {
    let mut file = AtomicFile::create(path)?;
    file.write_all(text.as_bytes())
        .map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
    file.commit()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_whole_file_and_leaves_no_temporary() {
        let dir = std::env::temp_dir().join(format!("framescope-atomic-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("a.toml");
        std::fs::write(&path, "old").unwrap();
        write_atomic(&path, "new").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);
        let missing = dir.join("no-such-dir").join("b.toml");
        assert!(write_atomic(&missing, "x").is_err());
        // Dropped before commit: nothing is left, the target is untouched.
        let mut f = AtomicFile::create(&path).unwrap();
        f.write_all(b"half").unwrap();
        drop(f);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn a_named_pipe_is_written_in_place_not_replaced() {
        use std::os::unix::fs::FileTypeExt;
        let dir = std::env::temp_dir().join(format!("framescope-fifo-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let fifo = dir.join("pipe");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            // Under CI (.ci/run) every tool is there; elsewhere say so.
            let ci = std::env::var("CI").is_ok_and(|v| v == "true");
            assert!(!ci, "mkfifo is not available, and CI=true requires it");
            let _ = writeln!(
                std::io::stderr(),
                "skipped: a named pipe written in place: mkfifo is not available"
            );
            return;
        }
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
        };
        let mut f = AtomicFile::create(&fifo).unwrap();
        f.write_all(b"through the pipe").unwrap();
        f.commit().unwrap();
        assert_eq!(reader.join().unwrap(), "through the pipe");
        let kind = std::fs::symlink_metadata(&fifo).unwrap().file_type();
        assert!(kind.is_fifo(), "the pipe is still a pipe");
        assert_eq!(
            std::fs::read_dir(&dir).unwrap().count(),
            1,
            "no temporary file"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
