//! Markdown → terminal renderer.
//!
//! [`render`] turns CommonMark (plus GFM tables, footnotes, strikethrough and
//! task lists) into `ratatui` [`Line`]s that are already wrapped to a given
//! width in terminal columns. Every emitted line is at most `width` columns
//! wide, wide (Korean/CJK) characters count as two columns, and no text of the
//! source is dropped at any width >= [`MIN_WIDTH`].
//!
//! We never hand unwrapped text to `Paragraph::wrap`: it breaks only at
//! spaces and overflows by one column on wide characters.

mod ansi;
mod frames;
mod inline;
mod render;
mod style;
mod table;
mod wrap;

use std::cell::Cell;

use ratatui::text::Line;

pub use ansi::to_ansi;
pub use style::MdStyles;

/// Narrowest width the renderer lays out. Below it, [`render`] returns a
/// single placeholder line (`…`) that fits the width.
///
/// Ten columns hold a list bullet and a quote bar (4 columns of prefix) plus
/// six columns of content, i.e. three Korean syllables or a short English
/// word, which is the least that still reads as text.
pub const MIN_WIDTH: usize = 10;

/// The pulldown-cmark options the renderer parses with: tables, footnotes,
/// strikethrough and task lists; smart punctuation stays off.
pub fn parser_options() -> pulldown_cmark::Options {
    use pulldown_cmark::Options;
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
}

/// Render Markdown into lines no wider than `width` terminal columns.
///
/// The result has no leading or trailing blank lines. Spans never contain
/// newlines, tabs or other control characters, so
/// `line_width(line) <= width` holds for every line.
pub fn render(src: &str, width: usize, styles: &MdStyles) -> Vec<Line<'static>> {
    if width < MIN_WIDTH {
        return vec![render::too_narrow(width, styles)];
    }
    // Decomposed Hangul (jamo) is composed first, so what is measured is what a terminal
    // shows: a precomposed syllable is two columns everywhere.
    let src = wrap::compose_jamo(src);
    render::Renderer::new(width, styles).run(&src)
}

thread_local! {
    static WORK: Cell<u64> = const { Cell::new(0) };
}

/// The renderer's work on this thread so far, in steps: events handled, bytes taken into
/// paragraphs, wrapped and copied into spans, and containers looked at for prefixes. The
/// scaling tests compare it at n and 4n (issue 10, point 6); a count of steps, not time.
pub fn render_work() -> u64 {
    WORK.with(Cell::get)
}

pub(crate) fn add_work(steps: usize) {
    WORK.with(|w| w.set(w.get().wrapping_add(steps as u64)));
}

/// Escapes Markdown punctuation in plain text (tool names, summaries).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_punctuation() {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The text of `lines`, joined by `'\n'`, with trailing spaces of each line
/// removed.
pub fn to_plain(lines: &[Line]) -> String {
    let mut out = String::new();
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let start = out.len();
        for span in &line.spans {
            out.push_str(&span.content);
        }
        let trimmed = out[start..].trim_end_matches(' ').len();
        out.truncate(start + trimmed);
    }
    out
}

/// Width of a line in terminal columns: the sum of the widths of its spans,
/// each grapheme cluster counted as a terminal that does not combine it shows
/// it (an emoji ZWJ family is 6 columns, not 2), the model the renderer wraps by.
pub fn line_width(line: &Line) -> usize {
    line.spans
        .iter()
        .map(|s| wrap::text_width(&s.content))
        .sum()
}
