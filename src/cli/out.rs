//! The CLI's output streams. Text from files (a landscape, a content folder, a stack file,
//! data files) reaches stdout and stderr only through [`Clean`], which passes every piece
//! through [`crate::sanitize::clean`]: no escape sequence, C1 control or bidi control from
//! a file reaches the terminal. Styled output (`show`, `explain` on a terminal) writes its
//! own SGR codes and sanitises its text when it is rendered instead.

use std::io::{self, Write};

use crate::sanitize::clean;

/// A writer that replaces unsafe characters with visible stand-ins. Bytes that are not
/// UTF-8 become `U+FFFD`; a character split over two writes is joined first.
pub struct Clean<W: Write> {
    inner: W,
    pending: Vec<u8>,
}

impl<W: Write> Clean<W> {
    pub fn new(inner: W) -> Self {
        Self {
            inner,
            pending: Vec::new(),
        }
    }

    /// Writes `s` cleaned; CRLF line endings (CSV) are kept, a lone CR is not.
    fn put(&mut self, s: &str) -> io::Result<()> {
        for (i, part) in s.split("\r\n").enumerate() {
            if i > 0 {
                self.inner.write_all(b"\r\n")?;
            }
            self.inner.write_all(clean(part).as_bytes())?;
        }
        Ok(())
    }

    fn drain(&mut self, at_end: bool) -> io::Result<()> {
        let mut start = 0;
        while start < self.pending.len() {
            match std::str::from_utf8(&self.pending[start..]) {
                Ok(_) => {
                    let s = String::from_utf8_lossy(&self.pending[start..]).into_owned();
                    self.put(&s)?;
                    start = self.pending.len();
                }
                Err(e) => {
                    let valid = e.valid_up_to();
                    let s =
                        String::from_utf8_lossy(&self.pending[start..start + valid]).into_owned();
                    self.put(&s)?;
                    start += valid;
                    match e.error_len() {
                        Some(n) => {
                            self.inner.write_all("\u{fffd}".as_bytes())?;
                            start += n;
                        }
                        None if at_end => {
                            self.inner.write_all("\u{fffd}".as_bytes())?;
                            start = self.pending.len();
                        }
                        // An incomplete character: wait for the rest.
                        None => break,
                    }
                }
            }
        }
        self.pending.drain(..start);
        Ok(())
    }
}

impl<W: Write> Write for Clean<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(buf);
        self.drain(false)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.drain(true)?;
        self.inner.flush()
    }
}

impl<W: Write> Drop for Clean<W> {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

/// Standard output, sanitised.
pub fn stdout() -> Clean<io::StdoutLock<'static>> {
    Clean::new(io::stdout().lock())
}

/// Prints a line on standard error, sanitised (the `eprintln!` of the CLI).
macro_rules! say {
    ($($arg:tt)*) => {{
        let line = format!($($arg)*);
        eprintln!("{}", $crate::sanitize::clean(&line));
    }};
}
pub(crate) use say;

/// Rows as lines whose columns line up by display width (a Korean character takes two
/// columns); the last column is not padded.
pub fn table<S: AsRef<str>>(rows: &[impl AsRef<[S]>]) -> Vec<String> {
    use unicode_width::UnicodeWidthStr;
    let cols = rows.iter().map(|r| r.as_ref().len()).max().unwrap_or(0);
    let widths: Vec<usize> = (0..cols)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.as_ref().get(c))
                .map(|s| s.as_ref().width())
                .max()
                .unwrap_or(0)
        })
        .collect();
    rows.iter()
        .map(|r| {
            let mut line = String::new();
            for (c, cell) in r.as_ref().iter().enumerate() {
                let cell = cell.as_ref();
                line.push_str(cell);
                if c + 1 < r.as_ref().len() {
                    line.push_str(&" ".repeat(widths[c].saturating_sub(cell.width()) + 2));
                }
            }
            line.trim_end().to_string()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_columns_line_up_by_display_width() {
        let rows = [
            ["ID", "이름", "x"],
            ["argo-cd", "Argo CD", "y"],
            ["k", "쿠버네티스", ""],
        ];
        assert_eq!(
            table(&rows),
            [
                "ID       이름        x",
                "argo-cd  Argo CD     y",
                "k        쿠버네티스",
            ]
        );
    }

    #[test]
    fn escapes_split_over_writes_are_cleaned() {
        let mut buf = Vec::new();
        {
            let mut w = Clean::new(&mut buf);
            let evil = "a\u{1b}]52;c;x\u{7}\u{202e}b\u{9b}c";
            let bytes = evil.as_bytes();
            // Write one byte at a time: multi-byte characters arrive in pieces.
            for b in bytes {
                w.write_all(std::slice::from_ref(b)).unwrap();
            }
            w.write_all(b"\xff!").unwrap();
        }
        let s = String::from_utf8(buf).unwrap();
        assert_eq!(s, "a␛]52;c;x␇�b�c�!");
    }
}
