//! The learner's progress on disk, in the data folder (see [`default_data_dir`]):
//!
//! - `reviews.jsonl`: the review log, append-only, one JSON object per line
//!   (`{"seq":1,"time":"…Z","id":"cicd-001","rating":"good","elapsed_ms":4200,"mode":"review"}`).
//!   It is the source of truth: every answer is appended before anything else is written.
//! - `progress.json`: per question its FSRS memory state and due date, derived from the
//!   log (`{"version":1,"seq":N,"cards":{id:{stability,difficulty,due,last_review,reps,lapses}}}`),
//!   where `seq` is the last log entry it includes. It is replaced atomically.
//! - `feoops.lock`: an exclusive lock held while reading and writing, so two feoops
//!   processes answering at once take turns and lose no review.
//!
//! Recovery: entries of the log newer than `progress.json` (a crash between the two
//! writes) are applied at the next start. A corrupt or unreadable `progress.json` is moved
//! aside and rebuilt from the log; broken lines of the log (a line cut short) are copied
//! aside with the whole file and dropped from it. Both come with a [`StoreWarning`] for the
//! front end to show.
//!
//! Nothing from a newer feoops is lost: a `progress.json` from a newer feoops is refused
//! ([`StoreError::NewerVersion`]) and never written; a log line this feoops cannot read
//! but that is a JSON object with a `seq` (a new `mode`, say) stays in the file as it is,
//! unused; the log is never rewritten from parsed lines, so unknown fields stay too.
//! Progress is keyed by question id, so rewording a question keeps its history.
//!
//! Readers and writers: a command that only reads ([`Store::open_read_only`]) takes the
//! lock shared, through a file opened for reading, and writes nothing; so it works in a
//! read-only data folder, where [`Store::open`] also falls back to reading (with a
//! [`StoreWarning::ReadOnly`]). A symlinked `progress.json` or log is written through
//! when its target is inside the data folder; one pointing out of it makes the store
//! read-only, naming the link.
//!
//! Cost: the log is read whole once, at open. Recording an answer then costs the same
//! whatever the log's length: the log's size and identity are remembered, and only what
//! other processes appended since is read.

pub mod advisor;
mod fsio;
mod log;
mod warning;

use std::collections::BTreeMap;
use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::base::Lang;
use crate::base::i18n::{self, Localize, fill};
use crate::quiz::{Card, Fsrs, ReviewEntry};
use fsio::FileId;
use log::LogLine;

pub use advisor::{AdvisorFiles, AdvisorStoreError, AdvisorWarning, ImportError, Saved};
pub use fsio::{commit_temp, write_atomic, write_temp, write_user_file};
pub use warning::{ReadOnlyWhy, StoreWarning};

/// The version of `progress.json` this feoops writes and reads.
pub const PROGRESS_VERSION: u32 = 1;
pub const PROGRESS_FILE: &str = "progress.json";
pub const LOG_FILE: &str = "reviews.jsonl";
/// The largest review log read: about eight million answers, far beyond a lifetime of
/// study; the reads are bounded all the same (regular files only, as every user file).
const MAX_LOG_BYTES: u64 = 1024 * 1024 * 1024;

#[derive(Debug)]
pub enum StoreError {
    Io {
        path: PathBuf,
        source: io::Error,
    },
    NewerVersion {
        path: PathBuf,
        found: u64,
        supported: u32,
    },
    /// The store was opened for reading (a read-only folder, or a read-only command).
    ReadOnly {
        dir: PathBuf,
        why: ReadOnlyWhy,
    },
}

impl Localize for StoreError {
    fn localized(&self, lang: Lang) -> String {
        let m = &i18n::text(lang).messages;
        match self {
            StoreError::Io { path, source } => fill(
                &m.path_error,
                &[
                    ("path", &path.display()),
                    ("err", &i18n::io_error(source, lang)),
                ],
            ),
            StoreError::NewerVersion {
                path,
                found,
                supported,
            } => fill(
                &m.store_newer,
                &[
                    ("path", &path.display()),
                    ("found", found),
                    ("supported", supported),
                ],
            ),
            StoreError::ReadOnly { dir, why } => fill(
                &m.store_read_only,
                &[("dir", &dir.display()), ("why", &why.localized(lang))],
            ),
        }
    }
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.localized(Lang::En))
    }
}

impl std::error::Error for StoreError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            StoreError::Io { source, .. } => Some(source),
            StoreError::NewerVersion { .. } | StoreError::ReadOnly { .. } => None,
        }
    }
}

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> StoreError + '_ {
    move |source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Snapshot {
    version: u32,
    seq: u64,
    cards: BTreeMap<String, Card>,
}

/// The progress of one data folder.
#[derive(Debug)]
pub struct Store {
    dir: PathBuf,
    cards: BTreeMap<String, Card>,
    /// The last log entry the cards include.
    seq: u64,
    /// The largest `seq` in the log, lines from a newer feoops included.
    last_seq: u64,
    warnings: Vec<StoreWarning>,
    fsrs: Fsrs,
    /// Why nothing can be saved, when the store was opened for reading.
    read_only: Option<ReadOnlyWhy>,
    /// The log and the progress file as last read or written by this store.
    seen_log: Option<FileId>,
    seen_progress: Option<FileId>,
    /// Bytes read from the log since the store was opened.
    log_bytes_read: u64,
}

/// The data folder: `$XDG_DATA_HOME/feoops` or `~/.local/share/feoops` on Linux and other
/// Unix systems, `~/Library/Application Support/feoops` on macOS, `%APPDATA%\feoops` on
/// Windows. `None` when the environment names no home.
pub fn default_data_dir() -> Option<PathBuf> {
    platform_data_dir(|k| std::env::var_os(k)).map(|d| d.join("feoops"))
}

#[cfg(windows)]
fn platform_data_dir(get: impl Fn(&str) -> Option<std::ffi::OsString>) -> Option<PathBuf> {
    get("APPDATA").map(PathBuf::from)
}

#[cfg(target_os = "macos")]
fn platform_data_dir(get: impl Fn(&str) -> Option<std::ffi::OsString>) -> Option<PathBuf> {
    get("HOME").map(|h| PathBuf::from(h).join("Library/Application Support"))
}

#[cfg(all(not(windows), not(target_os = "macos")))]
fn platform_data_dir(get: impl Fn(&str) -> Option<std::ffi::OsString>) -> Option<PathBuf> {
    xdg_data_home(get)
}

/// `$XDG_DATA_HOME` when set to an absolute path, else `$HOME/.local/share`.
#[cfg_attr(any(windows, target_os = "macos"), allow(dead_code))]
fn xdg_data_home(get: impl Fn(&str) -> Option<std::ffi::OsString>) -> Option<PathBuf> {
    get("XDG_DATA_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| {
            get("HOME")
                .filter(|h| !h.is_empty())
                .map(|h| PathBuf::from(h).join(".local/share"))
        })
}

impl Store {
    fn empty(dir: &Path, read_only: Option<ReadOnlyWhy>) -> Store {
        Store {
            dir: dir.to_path_buf(),
            cards: BTreeMap::new(),
            seq: 0,
            last_seq: 0,
            warnings: Vec::new(),
            fsrs: Fsrs::default(),
            read_only,
            seen_log: None,
            seen_progress: None,
            log_bytes_read: 0,
        }
    }

    /// Opens (creating) the data folder and loads the progress, repairing what it can.
    /// A folder that cannot be written is opened for reading instead, with a
    /// [`StoreWarning::ReadOnly`]; recording then fails with [`StoreError::ReadOnly`].
    pub fn open(dir: &Path) -> Result<Store, StoreError> {
        Store::open_at(dir, Timestamp::now())
    }

    /// [`Store::open`] with the time used to name files moved aside.
    pub fn open_at(dir: &Path, now: Timestamp) -> Result<Store, StoreError> {
        if dir.is_dir()
            && let Some(why) = fsio::unwritable(dir)
        {
            return Store::reader(dir, now, Some(ReadOnlyWhy::folder(&why)));
        }
        match fs::create_dir_all(dir) {
            Ok(()) => {}
            Err(e) if fsio::is_read_only_error(&e) => {
                return Store::reader(dir, now, Some(ReadOnlyWhy::folder(&e)));
            }
            Err(e) => return Err(io_err(dir)(e)),
        }
        let lock_path = dir.join("feoops.lock");
        let _lock = match fsio::Lock::acquire(dir) {
            Ok(l) => l,
            Err(e) if fsio::is_read_only_error(&e) => {
                return Store::reader(dir, now, Some(ReadOnlyWhy::folder(&e)));
            }
            Err(e) => return Err(io_err(&lock_path)(e)),
        };
        // A data file linked out of the folder: read, never written.
        for name in [PROGRESS_FILE, LOG_FILE] {
            let path = dir.join(name);
            if let Err(e) = fsio::write_target(dir, &path) {
                drop(_lock);
                return Store::reader(dir, now, Some(ReadOnlyWhy::file(path, &e)));
            }
        }
        fsio::remove_leftover_temps(dir);
        let mut store = Store::empty(dir, None);
        store.sync(now, true)?;
        Ok(store)
    }

    /// Opens the data folder for reading only, for a command that changes nothing
    /// (`quiz stats`): the lock is taken shared through a file opened for reading, nothing
    /// is created, repaired or written. When the folder cannot be written, a
    /// [`StoreWarning::ReadOnly`] says so.
    pub fn open_read_only(dir: &Path) -> Result<Store, StoreError> {
        let why = dir
            .is_dir()
            .then(|| fsio::unwritable(dir))
            .flatten()
            .map(|e| ReadOnlyWhy::folder(&e));
        Store::reader(dir, Timestamp::now(), why)
    }

    fn reader(
        dir: &Path,
        now: Timestamp,
        unwritable: Option<ReadOnlyWhy>,
    ) -> Result<Store, StoreError> {
        let mut store = Store::empty(
            dir,
            Some(unwritable.clone().unwrap_or(ReadOnlyWhy::Command)),
        );
        if let Some(why) = unwritable {
            store.warnings.push(StoreWarning::ReadOnly {
                dir: dir.to_path_buf(),
                why,
            });
        }
        if !dir.is_dir() {
            return Ok(store);
        }
        // Without a lock file (or without the right to read it) there is no writer to wait
        // for that this process could see.
        let _lock = fsio::Lock::shared(dir).ok().flatten();
        store.sync(now, true)?;
        Ok(store)
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Why nothing can be saved, when the store was opened for reading.
    pub fn read_only(&self) -> Option<String> {
        self.read_only.as_ref().map(ToString::to_string)
    }

    /// How many bytes of the review log this store has read since it was opened.
    pub fn log_bytes_read(&self) -> u64 {
        self.log_bytes_read
    }

    /// The FSRS model that schedules the reviews recorded from now on (the user's fitted
    /// parameters and desired retention); cards already computed are kept.
    pub fn set_model(&mut self, fsrs: Fsrs) {
        self.fsrs = fsrs;
    }

    pub fn progress_path(&self) -> PathBuf {
        self.dir.join(PROGRESS_FILE)
    }

    pub fn log_path(&self) -> PathBuf {
        self.dir.join(LOG_FILE)
    }

    /// Every question's card, by question id.
    pub fn cards(&self) -> &BTreeMap<String, Card> {
        &self.cards
    }

    /// Repairs made since the last call, to show the learner.
    pub fn take_warnings(&mut self) -> Vec<StoreWarning> {
        std::mem::take(&mut self.warnings)
    }

    fn lock(&self) -> Result<Option<fsio::Lock>, StoreError> {
        if self.read_only.is_some() {
            return Ok(fsio::Lock::shared(&self.dir).ok().flatten());
        }
        let lock_path = self.dir.join("feoops.lock");
        fsio::Lock::acquire(&self.dir)
            .map(Some)
            .map_err(io_err(&lock_path))
    }

    /// Re-reads the progress, taking in reviews other processes have recorded (only what
    /// they appended to the log is read).
    pub fn refresh(&mut self) -> Result<(), StoreError> {
        let _lock = self.lock()?;
        self.catch_up(Timestamp::now())
    }

    /// Records one review: appends it to the log, then updates `progress.json`, under the
    /// lock. Returns the question's new card.
    pub fn record(&mut self, review: &ReviewEntry) -> Result<Card, StoreError> {
        if let Some(why) = &self.read_only {
            return Err(StoreError::ReadOnly {
                dir: self.dir.clone(),
                why: why.clone(),
            });
        }
        let _lock = self.lock()?;
        let now = Timestamp::now();
        // Catch up with the files (another process may have written since).
        self.catch_up(now)?;
        let log_path = self.log_path();
        let target = fsio::write_target(&self.dir, &log_path).map_err(io_err(&log_path))?;
        // A counter at its maximum is corrupt (no log holds 2^64 reviews): renumber the log
        // rather than wrap to 0, which a rebuild from the log would then lose.
        let seq = match self.last_seq.checked_add(1) {
            Some(s) => s,
            None => self.renumber_log(now)? + 1,
        };
        let line = LogLine {
            seq,
            entry: review.clone(),
        };
        let mut text = serde_json::to_string(&line).map_err(|e| io_err(&log_path)(e.into()))?;
        text.push('\n');
        fsio::append_line(&target, &text).map_err(io_err(&log_path))?;
        self.seen_log = FileId::of(&log_path);
        self.apply(&line);
        self.write_snapshot()?;
        Ok(self.cards[&review.id].clone())
    }

    /// Gives the log's lines the numbers 1..=n in their order (a copy of the old log is
    /// kept aside); unreadable lines and unknown fields are kept as they are. Returns n.
    fn renumber_log(&mut self, now: Timestamp) -> Result<u64, StoreError> {
        let log_path = self.log_path();
        let target = fsio::write_target(&self.dir, &log_path).map_err(io_err(&log_path))?;
        let bytes = read_log_bytes(&log_path)?;
        self.log_bytes_read += bytes.len() as u64;
        let copied_to = fsio::aside_path(&log_path, now);
        fs::copy(&log_path, &copied_to).map_err(io_err(&copied_to))?;
        let raw: Vec<&[u8]> = bytes
            .split(|&b| b == b'\n')
            .filter(|l| !l.iter().all(u8::is_ascii_whitespace))
            .collect();
        let mut parsed: Vec<Option<(u64, serde_json::Value)>> = raw
            .iter()
            .map(|l| {
                let v: serde_json::Value = serde_json::from_slice(l).ok()?;
                Some((v.get("seq")?.as_u64()?, v))
            })
            .collect();
        let mut order: Vec<usize> = (0..raw.len()).filter(|&i| parsed[i].is_some()).collect();
        order.sort_by_key(|&i| parsed[i].as_ref().map(|(s, _)| *s));
        for (rank, &i) in order.iter().enumerate() {
            if let Some((_, v)) = &mut parsed[i] {
                v["seq"] = serde_json::Value::from(rank as u64 + 1);
            }
        }
        let mut text = Vec::with_capacity(bytes.len());
        for (l, p) in raw.iter().zip(&parsed) {
            match p {
                Some((_, v)) => text.extend_from_slice(v.to_string().as_bytes()),
                None => text.extend_from_slice(l),
            }
            text.push(b'\n');
        }
        write_atomic(&target, &text).map_err(io_err(&log_path))?;
        self.seen_log = FileId::of(&log_path);
        self.seq = order.len() as u64;
        self.last_seq = self.seq;
        self.write_snapshot()?;
        Ok(self.seq)
    }

    /// Every review in the log, oldest first (unreadable lines skipped).
    pub fn reviews(&self) -> Result<Vec<ReviewEntry>, StoreError> {
        let bytes = read_log_bytes(&self.log_path())?;
        Ok(log::parse(&bytes)
            .lines
            .into_iter()
            .map(|l| l.entry)
            .collect())
    }

    fn apply(&mut self, line: &LogLine) {
        let mut card = self.fsrs.review(
            self.cards.get(&line.entry.id),
            line.entry.rating,
            line.entry.time,
        );
        if line.entry.held {
            card.hold_until_tomorrow(line.entry.time);
        }
        self.cards.insert(line.entry.id.clone(), card);
        self.seq = self.seq.max(line.seq);
        self.last_seq = self.last_seq.max(line.seq);
    }

    fn write_snapshot(&mut self) -> Result<(), StoreError> {
        let path = self.progress_path();
        let snap = Snapshot {
            version: PROGRESS_VERSION,
            seq: self.seq,
            cards: self.cards.clone(),
        };
        let mut bytes = serde_json::to_vec_pretty(&snap).map_err(|e| io_err(&path)(e.into()))?;
        bytes.push(b'\n');
        let target = fsio::write_target(&self.dir, &path).map_err(io_err(&path))?;
        write_atomic(&target, &bytes).map_err(io_err(&path))?;
        self.seen_progress = FileId::of(&path);
        Ok(())
    }

    /// Takes in what other processes wrote since this store last read or wrote the files
    /// (call under the lock). When only the log grew, only the new part is read, so the
    /// cost does not grow with the log; anything else (a rewritten log, a changed progress
    /// file) is read again in full.
    fn catch_up(&mut self, now: Timestamp) -> Result<(), StoreError> {
        let log_path = self.log_path();
        let progress_path = self.progress_path();
        let log_id = FileId::of(&log_path);
        let progress_id = FileId::of(&progress_path);
        if log_id == self.seen_log && progress_id == self.seen_progress {
            return Ok(());
        }
        let from = match (&self.seen_log, &log_id) {
            (Some(old), Some(new)) if new.same_file(old) && new.len > old.len => old.len,
            _ => return self.sync(now, false),
        };
        if progress_id != self.seen_progress {
            // A newer progress file stops recording; a broken one is handled in full.
            if let Err(_reason) = read_snapshot(&progress_path)? {
                return self.sync(now, false);
            }
        }
        let bytes = fsio::read_from(&log_path, from).map_err(io_err(&log_path))?;
        self.log_bytes_read += bytes.len() as u64;
        let mut parsed = log::parse(&bytes);
        parsed.lines.sort_by_key(|l| l.seq);
        let applied = self.seq;
        for l in parsed.lines.iter().filter(|l| l.seq > applied) {
            self.apply(l);
        }
        self.last_seq = self.last_seq.max(parsed.last_seq);
        self.seen_log = FileId::of(&log_path);
        Ok(())
    }

    /// Loads `progress.json` and the log (call under the lock), applies log entries the
    /// snapshot lacks, and rewrites the snapshot when that changed it. With `open` (the
    /// first load), what was noticed becomes warnings, and when the store can write, bad
    /// log lines are copied aside and dropped. A store opened for reading writes nothing.
    fn sync(&mut self, now: Timestamp, open: bool) -> Result<(), StoreError> {
        let writable = self.read_only.is_none();
        let progress_path = self.progress_path();
        let snapshot = read_snapshot(&progress_path)?;
        let log_path = self.log_path();
        let bytes = read_log_bytes(&log_path)?;
        self.log_bytes_read += bytes.len() as u64;
        let mut parsed = log::parse(&bytes);
        if open && !parsed.broken.is_empty() {
            if writable {
                let target = fsio::write_target(&self.dir, &log_path).map_err(io_err(&log_path))?;
                let copied_to = fsio::aside_path(&log_path, now);
                fs::copy(&log_path, &copied_to).map_err(io_err(&copied_to))?;
                write_atomic(&target, &log::without(&bytes, &parsed.broken))
                    .map_err(io_err(&log_path))?;
                self.warnings.push(StoreWarning::LogLinesDropped {
                    copied_to,
                    lines: std::mem::take(&mut parsed.broken),
                });
            } else {
                self.warnings.push(StoreWarning::LogLinesSkipped {
                    lines: std::mem::take(&mut parsed.broken),
                });
            }
        }
        if open && !parsed.newer.is_empty() {
            self.warnings.push(StoreWarning::NewerLinesKept {
                lines: std::mem::take(&mut parsed.newer),
            });
        }
        drop(bytes);
        let mut lines = parsed.lines;
        let mut dirty = false;
        match snapshot {
            Ok(Some(s)) => {
                self.cards = s.cards;
                self.seq = s.seq;
            }
            Ok(None) => {
                self.cards.clear();
                self.seq = 0;
                dirty = !lines.is_empty();
            }
            Err(reason) if !writable => {
                self.warnings
                    .push(StoreWarning::ProgressUnreadable { reason });
                self.cards.clear();
                self.seq = 0;
            }
            Err(reason) => {
                let moved_to =
                    fsio::move_aside(&progress_path, now).map_err(io_err(&progress_path))?;
                self.warnings.push(StoreWarning::ProgressMovedAside {
                    moved_to,
                    reason,
                    rebuilt_from: lines.len(),
                });
                self.cards.clear();
                self.seq = 0;
                dirty = true;
            }
        }
        self.last_seq = self.seq.max(parsed.last_seq);
        lines.sort_by_key(|l| l.seq);
        let applied = self.seq;
        for l in lines.iter().filter(|l| l.seq > applied) {
            self.apply(l);
            dirty = true;
        }
        self.seen_log = FileId::of(&log_path);
        self.seen_progress = FileId::of(&progress_path);
        if dirty && writable {
            self.write_snapshot()?;
        }
        Ok(())
    }
}

/// `Ok(None)`: no file. `Err(reason)`: unreadable or corrupt. A newer version is a
/// [`StoreError`].
fn read_snapshot(path: &Path) -> Result<Result<Option<Snapshot>, String>, StoreError> {
    #[derive(Deserialize)]
    struct Version {
        version: Option<u64>,
    }
    // Bounded, regular files only: a FIFO in its place would block.
    let bytes = match crate::userfile::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Ok(None)),
        Err(e) => return Ok(Err(e.to_string())),
    };
    if let Ok(Version { version: Some(v) }) = serde_json::from_slice::<Version>(&bytes)
        && v > u64::from(PROGRESS_VERSION)
    {
        return Err(StoreError::NewerVersion {
            path: path.to_path_buf(),
            found: v,
            supported: PROGRESS_VERSION,
        });
    }
    Ok(match serde_json::from_slice::<Snapshot>(&bytes) {
        Ok(s) if s.version == PROGRESS_VERSION => Ok(Some(s)),
        Ok(s) => Err(format!("unknown format version {}", s.version)),
        Err(e) => Err(e.to_string()),
    })
}

/// The log's bytes; none when there is no log.
fn read_log_bytes(path: &Path) -> Result<Vec<u8>, StoreError> {
    match crate::userfile::read_bounded(path, MAX_LOG_BYTES) {
        Ok(b) => Ok(b),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(e) => Err(io_err(path)(e)),
    }
}

#[cfg(test)]
mod tests;
