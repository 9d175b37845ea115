//! What the store repaired or noticed, for the front end to show.

use std::fmt;
use std::path::PathBuf;

use super::log;
use crate::base::Lang;
use crate::base::i18n;

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
    ReadOnly { dir: PathBuf, why: String },
}

impl StoreWarning {
    /// The warning in a language (the read-only note is translated; the others are
    /// English for now).
    pub fn text(&self, lang: Lang) -> String {
        match self {
            StoreWarning::ReadOnly { dir, why } => i18n::fill(
                &i18n::text(lang).cli.data_read_only,
                &[("dir", &dir.display()), ("why", why)],
            ),
            other => other.to_string(),
        }
    }
}

impl fmt::Display for StoreWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreWarning::ProgressMovedAside {
                moved_to,
                reason,
                rebuilt_from,
            } => write!(
                f,
                "the progress file could not be read ({reason}); it was moved to {} and rebuilt from \
                 the review log ({rebuilt_from} reviews)",
                moved_to.display()
            ),
            StoreWarning::ProgressUnreadable { reason } => write!(
                f,
                "the progress file could not be read ({reason}); it was rebuilt from the review \
                 log for this run, and left as it is"
            ),
            StoreWarning::LogLinesDropped { copied_to, lines } => write!(
                f,
                "the review log had {} unreadable line(s) ({}); the file was copied to {} and \
                 those lines were dropped",
                lines.len(),
                log::list(lines),
                copied_to.display()
            ),
            StoreWarning::LogLinesSkipped { lines } => write!(
                f,
                "the review log has {} unreadable line(s) ({}); they were skipped",
                lines.len(),
                log::list(lines),
            ),
            StoreWarning::NewerLinesKept { lines } => write!(
                f,
                "the review log has {} line(s) from a newer feoops ({}); they are kept as they \
                 are and not used by this version",
                lines.len(),
                log::list(lines),
            ),
            StoreWarning::ReadOnly { .. } => f.write_str(&self.text(Lang::En)),
        }
    }
}
