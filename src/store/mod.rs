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
//! aside and rebuilt from the log; corrupt lines of the log are copied aside with the whole
//! file and dropped from it. Both come with a [`StoreWarning`] for the front end to show.
//! A `progress.json` from a newer feoops is refused ([`StoreError::NewerVersion`]) and never
//! written: the front end reports it and does not run a quiz. Progress is keyed by question
//! id, so rewording a question keeps its history.

pub mod advisor;
mod fsio;

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

pub use advisor::{AdvisorFiles, AdvisorStoreError, AdvisorWarning, ImportError, Saved};
pub use fsio::{commit_temp, write_atomic, write_temp, write_user_file};

/// The version of `progress.json` this feoops writes and reads.
pub const PROGRESS_VERSION: u32 = 1;
pub const PROGRESS_FILE: &str = "progress.json";
pub const LOG_FILE: &str = "reviews.jsonl";

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
            StoreError::NewerVersion { .. } => None,
        }
    }
}

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> StoreError + '_ {
    move |source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Something the store repaired, to show the learner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreWarning {
    /// `progress.json` could not be read; it was moved aside and rebuilt from the log.
    ProgressMovedAside {
        moved_to: PathBuf,
        reason: String,
        rebuilt_from: usize,
    },
    /// Lines of the log were not valid; the file was copied aside and they were dropped.
    LogLinesDropped {
        copied_to: PathBuf,
        lines: Vec<usize>,
    },
}

impl Localize for StoreWarning {
    fn localized(&self, lang: Lang) -> String {
        let m = &i18n::text(lang).messages;
        match self {
            StoreWarning::ProgressMovedAside {
                moved_to,
                reason,
                rebuilt_from,
            } => fill(
                &m.progress_moved,
                &[
                    ("reason", reason),
                    ("path", &moved_to.display()),
                    ("n", rebuilt_from),
                ],
            ),
            StoreWarning::LogLinesDropped { copied_to, lines } => {
                let list = lines
                    .iter()
                    .map(|l| l.to_string())
                    .collect::<Vec<_>>()
                    .join(", ");
                let n = i64::try_from(lines.len()).unwrap_or(i64::MAX);
                fill(
                    &i18n::plural(&m.log_lines_dropped, n),
                    &[("lines", &list), ("path", &copied_to.display())],
                )
            }
        }
    }
}

impl fmt::Display for StoreWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.localized(Lang::En))
    }
}

/// A line of the review log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct LogLine {
    seq: u64,
    #[serde(flatten)]
    entry: ReviewEntry,
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
    seq: u64,
    warnings: Vec<StoreWarning>,
    fsrs: Fsrs,
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
    /// Opens (creating) the data folder and loads the progress, repairing what it can.
    pub fn open(dir: &Path) -> Result<Store, StoreError> {
        Store::open_at(dir, Timestamp::now())
    }

    /// [`Store::open`] with the time used to name files moved aside.
    pub fn open_at(dir: &Path, now: Timestamp) -> Result<Store, StoreError> {
        fs::create_dir_all(dir).map_err(io_err(dir))?;
        let mut store = Store {
            dir: dir.to_path_buf(),
            cards: BTreeMap::new(),
            seq: 0,
            warnings: Vec::new(),
            fsrs: Fsrs::default(),
        };
        let lock_path = dir.join("feoops.lock");
        let _lock = fsio::Lock::acquire(dir).map_err(io_err(&lock_path))?;
        fsio::remove_leftover_temps(dir);
        store.sync(now, true)?;
        Ok(store)
    }

    pub fn dir(&self) -> &Path {
        &self.dir
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

    /// Re-reads the progress, taking in reviews other processes have recorded.
    pub fn refresh(&mut self) -> Result<(), StoreError> {
        let lock_path = self.dir.join("feoops.lock");
        let _lock = fsio::Lock::acquire(&self.dir).map_err(io_err(&lock_path))?;
        self.sync(Timestamp::now(), false)
    }

    /// Records one review: appends it to the log, then updates `progress.json`, under the
    /// lock. Returns the question's new card.
    pub fn record(&mut self, review: &ReviewEntry) -> Result<Card, StoreError> {
        let lock_path = self.dir.join("feoops.lock");
        let _lock = fsio::Lock::acquire(&self.dir).map_err(io_err(&lock_path))?;
        let now = Timestamp::now();
        // Catch up with the files (another process may have written since).
        self.sync(now, false)?;
        let log_path = self.log_path();
        // A counter at its maximum is corrupt (no log holds 2^64 reviews): renumber the log
        // rather than wrap to 0, which a rebuild from the log would then lose.
        let seq = match self.seq.checked_add(1) {
            Some(s) => s,
            None => self.renumber_log(now)? + 1,
        };
        let line = LogLine {
            seq,
            entry: review.clone(),
        };
        let mut text = serde_json::to_string(&line).map_err(|e| io_err(&log_path)(e.into()))?;
        text.push('\n');
        fsio::append_line(&log_path, &text).map_err(io_err(&log_path))?;
        self.apply(&line);
        self.write_snapshot()?;
        Ok(self.cards[&review.id].clone())
    }

    /// Gives the log's lines the numbers 1..=n in their order (a copy of the old log is
    /// kept aside); unreadable lines and unknown fields are kept as they are. Returns n.
    fn renumber_log(&mut self, now: Timestamp) -> Result<u64, StoreError> {
        let log_path = self.log_path();
        let bytes = fs::read(&log_path).map_err(io_err(&log_path))?;
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
        write_atomic(&log_path, &text).map_err(io_err(&log_path))?;
        self.seq = order.len() as u64;
        self.write_snapshot()?;
        Ok(self.seq)
    }

    /// Every review in the log, oldest first (unreadable lines skipped).
    pub fn reviews(&self) -> Result<Vec<ReviewEntry>, StoreError> {
        let (lines, _) = read_log(&self.log_path())?;
        Ok(lines.into_iter().map(|l| l.entry).collect())
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
    }

    fn write_snapshot(&self) -> Result<(), StoreError> {
        let path = self.progress_path();
        let snap = Snapshot {
            version: PROGRESS_VERSION,
            seq: self.seq,
            cards: self.cards.clone(),
        };
        let mut bytes = serde_json::to_vec_pretty(&snap).map_err(|e| io_err(&path)(e.into()))?;
        bytes.push(b'\n');
        write_atomic(&path, &bytes).map_err(io_err(&path))
    }

    /// Loads `progress.json` and the log (call under the lock), applies log entries the
    /// snapshot lacks, and rewrites the snapshot when that changed it. With `repair`, bad
    /// log lines are copied aside and dropped.
    fn sync(&mut self, now: Timestamp, repair: bool) -> Result<(), StoreError> {
        let progress_path = self.progress_path();
        let snapshot = read_snapshot(&progress_path)?;
        let log_path = self.log_path();
        let (mut lines, bad) = read_log(&log_path)?;
        if repair && !bad.is_empty() {
            let copied_to = fsio::aside_path(&log_path, now);
            fs::copy(&log_path, &copied_to).map_err(io_err(&copied_to))?;
            let mut text = String::new();
            for l in &lines {
                text.push_str(&serde_json::to_string(l).map_err(|e| io_err(&log_path)(e.into()))?);
                text.push('\n');
            }
            write_atomic(&log_path, text.as_bytes()).map_err(io_err(&log_path))?;
            self.warnings.push(StoreWarning::LogLinesDropped {
                copied_to,
                lines: bad,
            });
        }
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
        lines.sort_by_key(|l| l.seq);
        let applied = self.seq;
        for l in lines.iter().filter(|l| l.seq > applied) {
            self.apply(l);
            dirty = true;
        }
        if dirty {
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
    let bytes = match fs::read(path) {
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

/// The valid lines of the log and the numbers (1-based) of the invalid ones. Blank lines
/// are ignored.
fn read_log(path: &Path) -> Result<(Vec<LogLine>, Vec<usize>), StoreError> {
    let bytes = match fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok((Vec::new(), Vec::new())),
        Err(e) => return Err(io_err(path)(e)),
    };
    let mut lines = Vec::new();
    let mut bad = Vec::new();
    for (i, raw) in bytes.split(|&b| b == b'\n').enumerate() {
        if raw.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        match serde_json::from_slice::<LogLine>(raw) {
            Ok(l) => lines.push(l),
            Err(_) => bad.push(i + 1),
        }
    }
    Ok((lines, bad))
}

#[cfg(test)]
mod tests;
