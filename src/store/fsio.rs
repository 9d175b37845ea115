//! File operations the store relies on: atomic replacement, an exclusive lock, appending a
//! line, and moving a broken file aside.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use jiff::Timestamp;

use crate::base::userfile::FileProblem;

/// The prefix of temporary files: `.<name>.tmp-<pid>-<n>`. Only the store writes them, and
/// only under the lock, so any found when taking the lock are left over from a crash.
const TEMP_MARK: &str = ".tmp-";

#[cfg(test)]
thread_local! {
    /// Tests: every write through this layer fails as on a read-only file system.
    pub static READ_ONLY: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// The error a test injects in place of a write (see [`READ_ONLY`]).
fn injected() -> io::Result<()> {
    #[cfg(test)]
    if READ_ONLY.get() {
        return Err(io::ErrorKind::ReadOnlyFilesystem.into());
    }
    Ok(())
}

/// An exclusive lock on the data folder, held until dropped. Every process that reads
/// and then writes the progress takes it, so two feoops answering at once take turns.
pub struct Lock {
    _file: File,
}

impl Lock {
    /// The exclusive lock of a writer. Creates the lock file when needed.
    pub fn acquire(dir: &Path) -> io::Result<Lock> {
        injected()?;
        let path = dir.join("feoops.lock");
        // The lock file is ours and holds nothing: a symlink in its place (dangling, say)
        // is removed rather than followed, so no file is created outside the data folder.
        if fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) {
            fs::remove_file(&path)?;
        }
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)?;
        file.lock()?;
        Ok(Lock { _file: file })
    }

    /// The shared lock of a reader: the lock file opened for reading only, so a read-only
    /// command never writes to the data folder (and works in a read-only one). `None`
    /// when there is no lock file (nothing was ever written, or a symlink, which is not
    /// followed): there is then no writer to wait for.
    pub fn shared(dir: &Path) -> io::Result<Option<Lock>> {
        let path = dir.join("feoops.lock");
        match fs::symlink_metadata(&path) {
            Ok(m) if m.is_file() => {}
            Ok(_) => return Ok(None),
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e),
        }
        let file = File::open(&path)?;
        file.lock_shared()?;
        Ok(Some(Lock { _file: file }))
    }
}

/// Why nothing can be written in `dir`, if so: a read-only file system, or no write
/// permission. Asked of the system (`access(2)`), so nothing is opened for writing.
pub fn unwritable(dir: &Path) -> Option<io::Error> {
    if let Err(e) = injected() {
        return Some(e);
    }
    #[cfg(unix)]
    {
        rustix::fs::access(dir, rustix::fs::Access::WRITE_OK)
            .err()
            .map(io::Error::from)
    }
    #[cfg(not(unix))]
    {
        match fs::metadata(dir) {
            Ok(m) if m.permissions().readonly() => {
                Some(io::Error::from(io::ErrorKind::ReadOnlyFilesystem))
            }
            _ => None,
        }
    }
}

/// True for the errors a read-only data folder gives.
pub fn is_read_only_error(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::ReadOnlyFilesystem | io::ErrorKind::PermissionDenied
    )
}

/// Where a write to the data file `path` (directly in `dir`) goes. A regular file or no
/// file: `path` itself. A symlink whose target lies inside the data folder: the target,
/// so the link stays a link (as git and editors do for a symlinked config file). A
/// symlink out of the data folder, or one to something that is not a regular file, is
/// refused with an error saying so (the caller names the path): feoops never writes
/// outside its folder by itself.
pub fn write_target(dir: &Path, path: &Path) -> io::Result<PathBuf> {
    match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => {}
        Ok(m) if m.is_file() => return Ok(path.to_path_buf()),
        Ok(_) => {
            return Err(FileProblem::NotRegularLeft.io(io::ErrorKind::InvalidInput));
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(path.to_path_buf()),
        Err(e) => return Err(e),
    }
    let link = fs::read_link(path)?;
    let parent = path.parent().unwrap_or(Path::new("."));
    let outside = |target: &Path| {
        FileProblem::SymlinkOutside {
            target: target.to_path_buf(),
        }
        .io(io::ErrorKind::InvalidInput)
    };
    let home = fs::canonicalize(dir)?;
    // An existing target: resolved fully (a chain of links included).
    if let Ok(target) = fs::canonicalize(path) {
        if !target.starts_with(&home) {
            return Err(outside(&link));
        }
        if !fs::metadata(&target).is_ok_and(|m| m.is_file()) {
            return Err(FileProblem::SymlinkNotRegular.io(io::ErrorKind::InvalidInput));
        }
        return Ok(target);
    }
    // A dangling link: the file it names is created, when that is in the folder.
    let joined = parent.join(&link);
    let (Some(tparent), Some(name)) = (joined.parent(), joined.file_name()) else {
        return Err(outside(&link));
    };
    match fs::canonicalize(tparent) {
        Ok(p) if p.starts_with(&home) && fs::symlink_metadata(p.join(name)).is_err() => {
            Ok(p.join(name))
        }
        _ => Err(outside(&link)),
    }
}

/// What identifies a file's current content cheaply: where it is and how long, and
/// when it last changed. Two equal ids mean nobody wrote in between (feoops only
/// appends to the log or replaces files by renaming).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileId {
    #[cfg(unix)]
    dev: u64,
    #[cfg(unix)]
    ino: u64,
    pub len: u64,
    modified: Option<std::time::SystemTime>,
    /// Where there are no inode numbers: a file renamed into place has a creation time
    /// of its own.
    #[cfg(not(unix))]
    created: Option<std::time::SystemTime>,
}

impl FileId {
    /// `None` when there is no file.
    pub fn of(path: &Path) -> Option<FileId> {
        let m = fs::metadata(path).ok()?;
        #[cfg(unix)]
        use std::os::unix::fs::MetadataExt;
        Some(FileId {
            #[cfg(unix)]
            dev: m.dev(),
            #[cfg(unix)]
            ino: m.ino(),
            len: m.len(),
            modified: m.modified().ok(),
            #[cfg(not(unix))]
            created: m.created().ok(),
        })
    }

    /// The same file (not replaced by another), possibly grown.
    pub fn same_file(&self, other: &FileId) -> bool {
        #[cfg(unix)]
        {
            self.dev == other.dev && self.ino == other.ino
        }
        #[cfg(not(unix))]
        {
            self.created.is_some() && self.created == other.created
        }
    }
}

/// Reads `path` from byte `from` to its end.
pub fn read_from(path: &Path, from: u64) -> io::Result<Vec<u8>> {
    let mut f = File::open(path)?;
    f.seek(SeekFrom::Start(from))?;
    let mut out = Vec::new();
    f.read_to_end(&mut out)?;
    Ok(out)
}

/// Replaces `path` with `bytes` so that a crash leaves either the old or the new file:
/// a temporary file in the same folder, fsync, rename over, fsync the folder.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let tmp = write_temp(path, bytes)?;
    commit_temp(&tmp, path)
}

/// Writes a file the user named (`stack export --output PATH`): atomically, as
/// [`write_atomic`], but never over something that is not a regular file. A symlink, a
/// device, a FIFO or a socket at `path` is refused and left as it is (renaming over it
/// would replace `/dev/null` with a regular file, or a link with a copy); an existing
/// file keeps its permissions.
pub fn write_user_file(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let old = match fs::symlink_metadata(path) {
        Ok(m) => Some(m),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(e),
    };
    if let Some(m) = &old {
        if m.file_type().is_symlink() {
            return Err(FileProblem::Symlink.io(io::ErrorKind::InvalidInput));
        }
        if !m.is_file() {
            return Err(FileProblem::NotRegularLeft.io(io::ErrorKind::InvalidInput));
        }
    }
    let tmp = write_temp(path, bytes)?;
    if let Some(m) = old
        && let Err(e) = fs::set_permissions(&tmp, m.permissions())
    {
        let _ = fs::remove_file(&tmp);
        return Err(e);
    }
    commit_temp(&tmp, path)
}

/// The first half of [`write_atomic`]: the new content, synced, beside the target.
pub fn write_temp(path: &Path, bytes: &[u8]) -> io::Result<PathBuf> {
    injected()?;
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let tmp = path.with_file_name(format!(
        ".{name}{TEMP_MARK}{}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let result = (|| {
        let mut f = OpenOptions::new().write(true).create_new(true).open(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()
    })();
    if let Err(e) = result {
        let _ = fs::remove_file(&tmp);
        return Err(e);
    }
    Ok(tmp)
}

/// The second half of [`write_atomic`]: rename over the target and sync the folder.
pub fn commit_temp(tmp: &Path, path: &Path) -> io::Result<()> {
    if let Err(e) = fs::rename(tmp, path) {
        let _ = fs::remove_file(tmp);
        return Err(e);
    }
    sync_dir(path.parent().unwrap_or(Path::new(".")))
}

#[cfg(unix)]
fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> io::Result<()> {
    Ok(())
}

/// Removes temporary files left by a crash between writing and renaming. Call under the
/// lock. Returns how many were removed.
pub fn remove_leftover_temps(dir: &Path) -> usize {
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    entries
        .filter_map(Result::ok)
        .filter(|e| {
            let n = e.file_name();
            let n = n.to_string_lossy();
            n.starts_with('.') && n.contains(TEMP_MARK)
        })
        .filter(|e| fs::remove_file(e.path()).is_ok())
        .count()
}

/// Appends one line (which must end with `\n`) with `O_APPEND` and syncs it. When the file
/// does not end with a line break (a crash cut the last line short) one is written first,
/// so the cut line stays separate and the new line is whole.
pub fn append_line(path: &Path, line: &str) -> io::Result<()> {
    injected()?;
    let mut f = OpenOptions::new()
        .create(true)
        .append(true)
        .read(true)
        .open(path)?;
    let len = f.metadata()?.len();
    let mut text = String::with_capacity(line.len() + 1);
    if len > 0 {
        let mut last = [0u8; 1];
        f.seek(SeekFrom::End(-1))?;
        f.read_exact(&mut last)?;
        if last[0] != b'\n' {
            text.push('\n');
        }
    }
    text.push_str(line);
    f.write_all(text.as_bytes())?;
    f.sync_data()?;
    if len == 0 {
        sync_dir(path.parent().unwrap_or(Path::new(".")))?;
    }
    Ok(())
}

/// A free name beside `path` for a broken copy: `<name>.corrupt-<UTC time>[-n]`.
pub fn aside_path(path: &Path, now: Timestamp) -> PathBuf {
    let name = path
        .file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned();
    let stamp = now.strftime("%Y%m%dT%H%M%SZ").to_string();
    let mut candidate = path.with_file_name(format!("{name}.corrupt-{stamp}"));
    let mut n = 2;
    while candidate.exists() {
        candidate = path.with_file_name(format!("{name}.corrupt-{stamp}-{n}"));
        n += 1;
    }
    candidate
}

/// Renames a broken file aside; returns where it went.
pub fn move_aside(path: &Path, now: Timestamp) -> io::Result<PathBuf> {
    injected()?;
    let to = aside_path(path, now);
    fs::rename(path, &to)?;
    sync_dir(path.parent().unwrap_or(Path::new(".")))?;
    Ok(to)
}
