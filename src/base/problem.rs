use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};

/// A problem found in a content folder, printed as `path:line:column: message`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
    pub path: String,
    /// 1-based.
    pub line: usize,
    /// 1-based, counted in characters.
    pub column: usize,
    pub message: String,
}

impl Problem {
    pub fn new(
        path: impl Into<String>,
        line: usize,
        column: usize,
        message: impl Into<String>,
    ) -> Self {
        Problem {
            path: path.into(),
            line: line.max(1),
            column: column.max(1),
            message: message.into(),
        }
    }

    /// A problem at a byte offset of `text`.
    pub fn at(path: &str, text: &str, offset: usize, message: impl Into<String>) -> Self {
        let (line, column) = line_col(text, offset);
        Problem::new(path, line, column, message)
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.path, self.line, self.column, self.message
        )
    }
}

/// Bytes looked at by the line and column functions so far (all threads). Tests read it to
/// check that finding positions costs work linear in the text, whatever the number of
/// questions asked.
static LINE_COL_WORK: AtomicU64 = AtomicU64::new(0);

/// The bytes looked at by [`line_col`] and [`LineIndex`] so far, for scaling tests.
pub fn line_col_work() -> u64 {
    LINE_COL_WORK.load(Ordering::Relaxed)
}

fn count_work(bytes: usize) {
    LINE_COL_WORK.fetch_add(bytes as u64, Ordering::Relaxed);
}

/// 1-based line and column (in characters) of a byte offset. This scans the text up to
/// the offset: for many positions in one text, use a [`LineIndex`].
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_boundary(text, offset);
    let before = &text[..offset];
    count_work(offset);
    let line = memchr::memchr_iter(b'\n', before.as_bytes()).count() + 1;
    let line_start = memchr::memrchr(b'\n', before.as_bytes()).map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

fn floor_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Where each line of a text starts, built once, so each position costs a binary search
/// plus the characters before it on its own line, not a scan from the file start.
#[derive(Debug, Clone)]
pub struct LineIndex {
    /// Byte offset of each line's first byte; the first is 0.
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        count_work(text.len());
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex { starts }
    }

    /// 1-based line and column (in characters) of a byte offset of `text`, the text this
    /// index was built from. The same answer as [`line_col`].
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = floor_boundary(text, offset);
        // The last line start at or before the offset.
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line - 1];
        count_work(offset - start);
        let column = text[start..offset].chars().count() + 1;
        (line, column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_lines_and_characters() {
        let text = "ab\n가나다x\n";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 3), (2, 1));
        // "가나다" is 9 bytes; the x is the 4th character of line 2.
        assert_eq!(line_col(text, 12), (2, 4));
        // Past the end and inside a character are clamped.
        assert_eq!(line_col(text, 999), (3, 1));
        assert_eq!(line_col(text, 4), (2, 1));
    }

    #[test]
    fn the_line_index_gives_the_same_answers() {
        for text in ["", "ab\n가나다x\n", "\n\n", "x", "a\r\nb\n\nc가"] {
            let index = LineIndex::new(text);
            for offset in 0..=text.len() + 2 {
                assert_eq!(
                    index.line_col(text, offset),
                    line_col(text, offset),
                    "{text:?} at {offset}"
                );
            }
        }
    }
}
