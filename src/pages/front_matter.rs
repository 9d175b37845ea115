//! Where a page's front matter is: the lines between a first `+++` line and the next one
//! (after a byte-order mark, if any). This file stands on `std` alone: `build.rs` compiles
//! it in (by `#[path]`) to read the shipped pages' front matter at build time.

/// What is wrong with a page's front matter lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Missing {
    /// The page does not start with a `+++` line.
    Start,
    /// No `+++` line closes it.
    End,
}

/// Byte ranges of a page: (front matter start, front matter end, body start); or where it
/// goes wrong and how.
pub(crate) fn split(text: &str) -> Result<(usize, usize, usize), (usize, Missing)> {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut lines = text[start..].split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if first.trim_end() != "+++" {
        return Err((start, Missing::Start));
    }
    let fm_start = start + first.len();
    let mut offset = fm_start;
    for line in lines {
        if line.trim_end() == "+++" {
            return Ok((fm_start, offset, offset + line.len()));
        }
        offset += line.len();
    }
    Err((start, Missing::End))
}
