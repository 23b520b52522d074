//! Writing files whole or not at all: the text goes to a temporary file in
//! the same directory, which is then renamed over the target, so a reader
//! (or a crash) never sees half a file. Temporary files are removed when
//! the process is interrupted (SIGINT, SIGTERM, SIGHUP, once the binary
//! calls [`remove_temporaries_on_signals`]), and those a killed run left
//! behind are removed by the next run writing the same target.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};

use tempfile::NamedTempFile;

use crate::error::Error;

/// The temporary files being written by this process. The signal thread
/// holds the lock while it removes them and ends the process, and a commit
/// holds it while it renames its file into place, so an interrupted run
/// never leaves a temporary file and never half-commits.
static LIVE: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn live() -> MutexGuard<'static, Vec<PathBuf>> {
    LIVE.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Removes the temporary files of unfinished `AtomicFile`s when the
/// process receives SIGINT, SIGTERM or SIGHUP, then ends it as that signal
/// would have (the exit status still says which signal). For binaries: a
/// library should not take over signals behind its caller's back, so this
/// is not done unless asked. Uses `signal-hook`, which runs the clean-up
/// on an ordinary thread, where removing files and taking a lock are safe
/// (a bare signal handler may do neither).
///
/// # Errors
///
/// An I/O error when the handlers cannot be installed.
pub fn remove_temporaries_on_signals() -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        let mut signals = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP])?;
        std::thread::Builder::new()
            .name("framescope-signals".into())
            .spawn(move || {
                if let Some(signal) = signals.forever().next() {
                    let files = live();
                    for path in files.iter() {
                        let _ = std::fs::remove_file(path);
                    }
                    // Ends the process with the lock held: no commit after this.
                    let _ = signal_hook::low_level::emulate_default_handler(signal);
                    std::process::exit(128 + signal);
                }
            })?;
    }
    Ok(())
}

/// Whether `name` is one of our temporary files for the target named
/// `target`: `.<target>.` then six letters or digits (tempfile's random
/// part) then `.tmp`.
fn is_temporary_of(name: &str, target: &str) -> bool {
    name.strip_prefix('.')
        .and_then(|rest| rest.strip_prefix(target))
        .and_then(|rest| rest.strip_prefix('.'))
        .and_then(|rest| rest.strip_suffix(".tmp"))
        .is_some_and(|random| {
            random.len() == 6 && random.bytes().all(|b| b.is_ascii_alphanumeric())
        })
}

/// Removes the temporary files for `target` in `dir` that a run killed
/// outright (SIGKILL, a power cut) left behind. A live run holds a lock on
/// its temporary file, so only files whose lock can be taken are removed.
#[cfg(unix)]
fn remove_stale_temporaries(dir: &Path, target: &str) {
    use std::os::fd::AsRawFd;
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        if !is_temporary_of(&name.to_string_lossy(), target) {
            continue;
        }
        let path = entry.path();
        let Ok(file) = std::fs::File::open(&path) else {
            continue;
        };
        // SAFETY: flock on a descriptor this function owns; no memory involved.
        let free = unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) } == 0;
        if free {
            let _ = std::fs::remove_file(&path);
        }
    }
}

/// Locks our temporary file for as long as it is open, so that another
/// run's clean-up leaves it alone.
#[cfg(unix)]
fn lock(file: &std::fs::File) {
    use std::os::fd::AsRawFd;
    // SAFETY: as above. A failure (a file system without locks) only means
    // another run might take the file for stale.
    let _ = unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) };
}

/// A file being written: a temporary file beside the target until
/// [`AtomicFile::commit`] renames it into place. Dropped uncommitted (an
/// error, a `--strict` stop), it is removed and the target is untouched.
/// A target that exists and is not a regular file (`/dev/null`, a named
/// pipe) is written directly: renaming over it would replace the device.
pub(crate) struct AtomicFile {
    path: PathBuf,
    file: Target,
}

enum Target {
    /// The temporary file, then its entry in [`LIVE`] (fields drop in
    /// order: the file is removed before its entry is).
    Temporary(BufWriter<NamedTempFile>, Registered),
    Direct(BufWriter<std::fs::File>),
}

/// A temporary file's entry in [`LIVE`], removed when dropped.
struct Registered(Option<PathBuf>);

impl Registered {
    fn new(path: &Path) -> Registered {
        live().push(path.to_path_buf());
        Registered(Some(path.to_path_buf()))
    }

    /// Removes the entry from `files`, the locked list.
    fn release(mut self, files: &mut Vec<PathBuf>) {
        if let Some(path) = self.0.take() {
            files.retain(|p| *p != path);
        }
    }
}

impl Drop for Registered {
    fn drop(&mut self) {
        if let Some(path) = self.0.take() {
            live().retain(|p| *p != path);
        }
    }
}

impl AtomicFile {
    /// Starts writing `path`.
    ///
    /// # Errors
    ///
    /// [`Error::Io`] when no temporary file can be created beside it.
    pub(crate) fn create(path: &Path) -> Result<AtomicFile, Error> {
        if crate::text::input::is_special_file(path) {
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
        let target = path
            .file_name()
            .map_or_else(|| "out".into(), |n| n.to_string_lossy());
        #[cfg(unix)]
        remove_stale_temporaries(dir, &target);
        let file = tempfile::Builder::new()
            .prefix(&format!(".{target}."))
            .suffix(".tmp")
            .rand_bytes(6)
            .tempfile_in(dir)
            .map_err(|source| Error::Io {
                path: path.to_path_buf(),
                // tempfile names its own random file in the message; the
                // user named `path`, which the error already names.
                source: without_temporary_path(source),
            })?;
        #[cfg(unix)]
        lock(file.as_file());
        let registered = Registered::new(file.path());
        Ok(AtomicFile {
            path: path.to_path_buf(),
            file: Target::Temporary(BufWriter::with_capacity(1 << 16, file), registered),
        })
    }

    /// The file being written.
    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    /// Flushes, syncs and renames the file into place.
    ///
    /// # Errors
    ///
    /// [`Error::Io`] when it cannot; the target is then untouched.
    pub(crate) fn commit(self) -> Result<(), Error> {
        let io = |source| Error::Io {
            path: self.path.clone(),
            source,
        };
        let (file, registered) = match self.file {
            Target::Direct(mut f) => return f.flush().map_err(io),
            Target::Temporary(f, registered) => (f, registered),
        };
        let file = file.into_inner().map_err(|e| io(e.into_error()))?;
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
        // Renamed (or, failing that, removed) under the lock that an
        // interruption takes: the signal thread sees the file either still
        // temporary, and removes it, or in place and no longer its concern.
        let mut files = live();
        let renamed = file.persist(&self.path).map_err(|e| {
            drop(e.file);
            e.error
        });
        registered.release(&mut files);
        drop(files);
        renamed.map_err(io)?;
        Ok(())
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match &mut self.file {
            Target::Temporary(f, _) => f.write(buf),
            Target::Direct(f) => f.write(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match &mut self.file {
            Target::Temporary(f, _) => f.flush(),
            Target::Direct(f) => f.flush(),
        }
    }
}

/// An error of tempfile's without the name of its temporary file, which it
/// adds as ` at path ".out.jsonl.Ab3dE9.tmp"` (the error already names the
/// file the user asked for); any other error as it is.
fn without_temporary_path(e: std::io::Error) -> std::io::Error {
    let message = e.to_string();
    match message.rfind(" at path \"") {
        Some(at) if message.ends_with(".tmp\"") => {
            std::io::Error::new(e.kind(), message[..at].to_string())
        }
        _ => e,
    }
}

/// Writes `text` to `path` atomically.
///
/// # Errors
///
/// [`Error::Io`] when the temporary file cannot be written or renamed; the
/// target is then untouched.
pub(crate) fn write_atomic(path: &Path, text: &str) -> Result<(), Error> {
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

    #[test]
    fn temporaries_are_recognised_by_target_and_random_part() {
        assert!(is_temporary_of(".out.jsonl.Ab3dE9.tmp", "out.jsonl"));
        assert!(!is_temporary_of(".out.jsonl.Ab3dE.tmp", "out.jsonl"));
        assert!(!is_temporary_of(".out.jsonl.Ab3dE9.tmp", "out.json"));
        assert!(!is_temporary_of("out.jsonl.Ab3dE9.tmp", "out.jsonl"));
        assert!(!is_temporary_of(".out.jsonl.Ab-dE9.tmp", "out.jsonl"));
    }

    #[test]
    fn an_output_that_cannot_be_created_is_named_as_given() {
        let path = std::env::temp_dir()
            .join(format!("framescope-no-dir-{}", std::process::id()))
            .join("out.jsonl");
        let Err(e) = AtomicFile::create(&path) else {
            panic!("created a file in a directory that does not exist");
        };
        let message = e.to_string();
        assert!(
            message.starts_with(&format!("{}: ", path.display())),
            "{message}"
        );
        assert!(!message.contains(".tmp"), "no temporary name: {message}");
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
