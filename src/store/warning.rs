//! What the store repaired or noticed, for the front end to show.

use std::fmt;
use std::io;
use std::path::PathBuf;

use super::log;
use crate::base::Lang;
use crate::base::i18n::{self, Localize, fill, plural};
use crate::base::userfile::FileProblem;

/// Something the store repaired or noticed, to show the learner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreWarning {
    /// `progress.json` could not be read; it was moved aside and rebuilt from the log.
    ProgressMovedAside {
        moved_to: PathBuf,
        reason: String,
        rebuilt_from: usize,
    },
    /// `progress.json` could not be read; the store (opened for reading) rebuilt it from
    /// the log in memory and changed nothing on disk.
    ProgressUnreadable { reason: String },
    /// Lines of the log were not valid; the file was copied aside and they were dropped.
    LogLinesDropped {
        copied_to: PathBuf,
        lines: Vec<usize>,
    },
    /// Lines of the log were not valid; the store (opened for reading) skipped them.
    LogLinesSkipped { lines: Vec<usize> },
    /// Lines of the log written by a newer feoops: kept in the file, not used.
    NewerLinesKept { lines: Vec<usize> },
    /// The data folder cannot be written: the progress is shown, nothing is saved.
    ReadOnly { dir: PathBuf, why: ReadOnlyWhy },
}

/// Why nothing can be saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadOnlyWhy {
    /// The folder cannot be written (an error of this kind: a read-only file system, no
    /// permission).
    Folder(io::ErrorKind),
    /// A data file cannot be written through (a symlink out of the folder, say).
    File {
        path: PathBuf,
        problem: Option<FileProblem>,
        kind: io::ErrorKind,
    },
    /// The command opened the store for reading.
    Command,
}

impl ReadOnlyWhy {
    /// The reason for an error writing the folder.
    pub fn folder(e: &io::Error) -> Self {
        ReadOnlyWhy::Folder(e.kind())
    }

    /// The reason for an error writing a data file.
    pub fn file(path: PathBuf, e: &io::Error) -> Self {
        let problem = e
            .get_ref()
            .and_then(|i| i.downcast_ref::<FileProblem>())
            .cloned();
        ReadOnlyWhy::File {
            path,
            problem,
            kind: e.kind(),
        }
    }
}

impl Localize for ReadOnlyWhy {
    fn localized(&self, lang: Lang) -> String {
        let m = &i18n::text(lang).messages;
        match self {
            ReadOnlyWhy::Folder(kind) => i18n::io_error(&io::Error::from(*kind), lang),
            ReadOnlyWhy::File {
                path,
                problem,
                kind,
            } => {
                let err = match problem {
                    Some(p) => p.localized(lang),
                    None => i18n::io_error(&io::Error::from(*kind), lang),
                };
                fill(&m.path_error, &[("path", &path.display()), ("err", &err)])
            }
            ReadOnlyWhy::Command => m.opened_for_reading.clone(),
        }
    }
}

impl fmt::Display for ReadOnlyWhy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.localized(Lang::En))
    }
}

fn count(lines: &[usize]) -> i64 {
    i64::try_from(lines.len()).unwrap_or(i64::MAX)
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
            StoreWarning::ProgressUnreadable { reason } => {
                fill(&m.progress_unreadable, &[("reason", reason)])
            }
            StoreWarning::LogLinesDropped { copied_to, lines } => fill(
                &plural(&m.log_lines_dropped, count(lines)),
                &[
                    ("lines", &log::list(lines, lang)),
                    ("path", &copied_to.display()),
                ],
            ),
            StoreWarning::LogLinesSkipped { lines } => fill(
                &plural(&m.log_lines_skipped, count(lines)),
                &[("lines", &log::list(lines, lang))],
            ),
            StoreWarning::NewerLinesKept { lines } => fill(
                &plural(&m.newer_lines_kept, count(lines)),
                &[("lines", &log::list(lines, lang))],
            ),
            StoreWarning::ReadOnly { dir, why } => fill(
                &m.data_read_only,
                &[("dir", &dir.display()), ("why", &why.localized(lang))],
            ),
        }
    }
}

impl fmt::Display for StoreWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.localized(Lang::En))
    }
}
