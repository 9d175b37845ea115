//! A paragraph's worth of styled text: one string plus style runs.
//!
//! Text is sanitised on the way in: tabs, newlines and carriage returns
//! become spaces, other control characters become `U+FFFD`. The only `'\n'`
//! left in `buf` is a hard break pushed by [`Inline::push_break`].

use ratatui::style::Style;

#[derive(Debug, Default, Clone)]
pub(crate) struct Inline {
    pub buf: String,
    /// `(start byte, style)`, sorted by start; a run ends where the next starts.
    pub runs: Vec<(usize, Style)>,
}

impl Inline {
    pub fn is_empty(&self) -> bool {
        self.buf.is_empty()
    }

    fn set_style(&mut self, style: Style) {
        let end = self.buf.len();
        match self.runs.last_mut() {
            Some((_, s)) if *s == style => {}
            Some((start, s)) if *start == end => {
                *s = style;
                let n = self.runs.len();
                if n >= 2 && self.runs[n - 2].1 == style {
                    self.runs.pop();
                }
            }
            _ => self.runs.push((end, style)),
        }
    }

    /// Append flowing text.
    pub fn push(&mut self, text: &str, style: Style) {
        if text.is_empty() {
            return;
        }
        self.set_style(style);
        super::add_work(text.len());
        if needs_sanitizing(text) {
            for c in text.chars() {
                match c {
                    '\t' | '\n' | '\r' => self.buf.push(' '),
                    c if c.is_control() || crate::sanitize::is_unsafe(c) => {
                        self.buf.push('\u{FFFD}')
                    }
                    c => self.buf.push(c),
                }
            }
        } else {
            self.buf.push_str(text);
        }
    }

    /// Empty the buffer, keeping its capacity.
    pub fn clear(&mut self) {
        self.buf.clear();
        self.runs.clear();
    }

    /// A hard line break.
    pub fn push_break(&mut self) {
        self.buf.push('\n');
    }

    /// Drop everything from byte `len` on.
    pub fn truncate(&mut self, len: usize) {
        self.buf.truncate(len);
        while matches!(self.runs.last(), Some(&(start, _)) if start >= len && start > 0) {
            self.runs.pop();
        }
    }

    /// Append another buffer, keeping its styles.
    pub fn append(&mut self, other: &Inline) {
        let base = self.buf.len();
        for (i, &(start, style)) in other.runs.iter().enumerate() {
            let end = other.runs.get(i + 1).map_or(other.buf.len(), |r| r.0);
            if end > start {
                self.set_style(style);
                self.buf.push_str(&other.buf[start..end]);
            }
        }
        debug_assert_eq!(self.buf.len() - base, other.buf.len());
    }
}

/// True when `text` may hold a control character (C0, DEL or C1) or a bidi control
/// (their UTF-8 starts with 0xd8 or 0xe2).
pub(crate) fn needs_sanitizing(text: &str) -> bool {
    // Branch-free so that it vectorises; texts are short.
    text.bytes().fold(false, |acc, b| {
        acc | (b < 0x20) | (b == 0x7f) | (b == 0xc2) | (b == 0xd8) | (b == 0xe2)
    })
}

/// Sanitise a line of preformatted text: tabs expand to the next multiple of
/// `tab` columns, `'\r'` is dropped, other control characters become `U+FFFD`.
pub(crate) fn expand_line(line: &str, tab: usize) -> String {
    if !needs_sanitizing(line) {
        return line.to_string();
    }
    use unicode_width::UnicodeWidthChar;
    let mut out = String::with_capacity(line.len() + 8);
    let mut col = 0;
    for c in line.chars() {
        match c {
            '\t' => {
                let n = tab - col % tab;
                out.extend(std::iter::repeat_n(' ', n));
                col += n;
            }
            '\r' | '\n' => {}
            c if c.is_control() || crate::sanitize::is_unsafe(c) => {
                out.push('\u{FFFD}');
                col += 1;
            }
            c => {
                out.push(c);
                col += c.width().unwrap_or(0);
            }
        }
    }
    out
}
