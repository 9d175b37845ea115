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

/// An exclusive lock on the data folder, held until dropped. Every process that reads
/// and then writes the progress takes it, so two feoops answering at once take turns.
pub struct Lock {
    _file: File,
}

impl Lock {
    pub fn acquire(dir: &Path) -> io::Result<Lock> {
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
    let to = aside_path(path, now);
    fs::rename(path, &to)?;
    sync_dir(path.parent().unwrap_or(Path::new(".")))?;
    Ok(to)
}
