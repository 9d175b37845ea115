//! Helpers shared by the render tests: what text a document holds, what
//! text the rendered lines hold, and whether the first survives in the
//! second.
//!
//! "Text" is what pulldown-cmark reports in `Text`, `Code`, `Html` and
//! `InlineHtml` events, plus link and image destinations (a link whose text
//! is its URL shows the URL once), ignoring whitespace and control
//! characters. Table cells are compared in reading order: a box-drawn table
//! is read back cell by cell; a stacked table repeats each header before its
//! value, so for tables either order is accepted.

#![allow(dead_code)]

use feoops::markdown::{line_width, parser_options, to_plain};
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use ratatui::text::Line;
use unicode_width::UnicodeWidthChar;

/// A piece of expected text: plain text, or a table in either of two orders.
#[derive(Debug)]
pub enum Segment {
    Text(String),
    Table { source: String, stacked: String },
}

fn keep(c: char) -> bool {
    !c.is_whitespace() && !c.is_control()
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|&c| keep(c)).collect()
}

#[derive(Default)]
struct TableAcc {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
    row: Vec<String>,
    cell: Option<String>,
}

/// The text of `src` as a list of segments, in document order.
pub fn expected(src: &str) -> Vec<Segment> {
    let mut segs = Vec::new();
    let mut text = String::new();
    let mut table: Option<TableAcc> = None;
    let mut links: Vec<(String, usize, bool)> = Vec::new();
    for ev in Parser::new_ext(src, parser_options()) {
        let sink = match table.as_mut().and_then(|t| t.cell.as_mut()) {
            Some(cell) => cell,
            None => &mut text,
        };
        match ev {
            Event::Text(t)
            | Event::Code(t)
            | Event::Html(t)
            | Event::InlineHtml(t)
            | Event::InlineMath(t)
            | Event::DisplayMath(t) => sink.push_str(&t),
            Event::SoftBreak | Event::HardBreak => sink.push(' '),
            Event::Start(Tag::Link { dest_url, .. }) => {
                links.push((dest_url.to_string(), sink.len(), false))
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                links.push((dest_url.to_string(), sink.len(), true))
            }
            Event::End(TagEnd::Link | TagEnd::Image) => {
                if let Some((url, start, image)) = links.pop() {
                    let shown = sink[start..].trim().to_string();
                    let same = shown == url || url.strip_prefix("mailto:") == Some(&shown);
                    if !url.is_empty() && (image || !same) {
                        sink.push(' ');
                        sink.push_str(&url);
                    }
                }
            }
            Event::Start(Tag::Table(_)) => {
                segs.push(Segment::Text(squeeze(&text)));
                text.clear();
                table = Some(TableAcc::default());
            }
            Event::Start(Tag::TableCell) => {
                if let Some(t) = table.as_mut() {
                    t.cell = Some(String::new());
                }
            }
            Event::End(TagEnd::TableCell) => {
                if let Some(t) = table.as_mut() {
                    let c = t.cell.take().unwrap_or_default();
                    t.row.push(squeeze(&c));
                }
            }
            Event::End(TagEnd::TableHead) => {
                if let Some(t) = table.as_mut() {
                    t.header = std::mem::take(&mut t.row);
                }
            }
            Event::End(TagEnd::TableRow) => {
                if let Some(t) = table.as_mut() {
                    let r = std::mem::take(&mut t.row);
                    t.rows.push(r);
                }
            }
            Event::End(TagEnd::Table) => {
                if let Some(t) = table.take() {
                    let source: String = t
                        .header
                        .iter()
                        .chain(t.rows.iter().flatten())
                        .cloned()
                        .collect();
                    let stacked = if t.rows.is_empty() {
                        source.clone()
                    } else {
                        let n = t
                            .rows
                            .iter()
                            .map(Vec::len)
                            .chain([t.header.len()])
                            .max()
                            .unwrap_or(0);
                        let mut s = String::new();
                        for row in &t.rows {
                            for j in 0..n {
                                s.push_str(t.header.get(j).map_or("", String::as_str));
                                s.push_str(row.get(j).map_or("", String::as_str));
                            }
                        }
                        s
                    };
                    segs.push(Segment::Table { source, stacked });
                }
            }
            _ => {}
        }
    }
    segs.push(Segment::Text(squeeze(&text)));
    segs
}

/// Plain text of one line (trailing spaces trimmed).
fn line_text(line: &Line) -> String {
    to_plain(std::slice::from_ref(line))
}

/// Display column of each char in `s`: (start column, char).
fn columns(s: &str) -> Vec<(usize, char)> {
    let mut col = 0;
    s.chars()
        .map(|c| {
            let at = col;
            col += c.width().unwrap_or(0);
            (at, c)
        })
        .collect()
}

fn char_at(s: &str, col: usize) -> Option<char> {
    columns(s)
        .into_iter()
        .find(|&(c, _)| c == col)
        .map(|(_, ch)| ch)
}

/// Text of `s` between display columns `from` (inclusive) and `to` (exclusive).
fn slice_cols(s: &str, from: usize, to: usize) -> String {
    columns(s)
        .into_iter()
        .filter(|&(c, _)| c >= from && c < to)
        .map(|(_, ch)| ch)
        .collect()
}

/// If `s` is the top border of a box table: its column and the columns of
/// its vertical separators (including both corners).
fn top_border(s: &str) -> Option<(usize, Vec<usize>)> {
    let cols = columns(s);
    let start = cols.iter().position(|&(_, c)| c == '┌')?;
    let mut seps = vec![cols[start].0];
    for &(col, c) in &cols[start + 1..] {
        match c {
            '─' => {}
            '┬' => seps.push(col),
            '┐' => {
                seps.push(col);
                return Some((cols[start].0, seps));
            }
            _ => return None,
        }
    }
    None
}

/// The output text, whitespace removed, with each box table read back in
/// source order (header cells, then each row's cells).
pub fn linearize(lines: &[Line]) -> String {
    let plain: Vec<String> = lines.iter().map(line_text).collect();
    if !plain.iter().any(|l| l.contains('┌')) {
        return squeeze(&plain.concat());
    }
    let mut out = String::new();
    let mut i = 0;
    while i < plain.len() {
        if let Some((col, seps)) = plain[i]
            .contains('┌')
            .then(|| top_border(&plain[i]))
            .flatten()
        {
            // Row groups between horizontal rules; `tall` tables rule off
            // every row and double the header rule.
            let mut groups: Vec<Vec<&str>> = vec![Vec::new()];
            let mut tall = false;
            let mut j = i + 1;
            let mut closed = false;
            while j < plain.len() {
                match char_at(&plain[j], col) {
                    Some('└') => {
                        closed = true;
                        break;
                    }
                    Some('├') => groups.push(Vec::new()),
                    Some('╞') => {
                        tall = true;
                        groups.push(Vec::new());
                    }
                    _ => groups.last_mut().unwrap().push(&plain[j]),
                }
                j += 1;
            }
            if closed {
                let mut rows: Vec<Vec<&str>> = vec![groups[0].clone()];
                for g in &groups[1..] {
                    if tall {
                        rows.push(g.clone());
                    } else {
                        rows.extend(g.iter().map(|l| vec![*l]));
                    }
                }
                for row in rows {
                    for k in 0..seps.len() - 1 {
                        for l in &row {
                            out.push_str(&slice_cols(l, seps[k] + 1, seps[k + 1]));
                        }
                    }
                }
                i = j + 1;
                continue;
            }
        }
        out.push_str(&plain[i]);
        i += 1;
    }
    squeeze(&out)
}

/// End position in `hay` after matching `needle` as a subsequence from
/// `from`, or `None`.
fn subsequence(needle: &str, hay: &[char], from: usize) -> Option<usize> {
    let mut pos = from;
    for c in needle.chars() {
        while pos < hay.len() && hay[pos] != c {
            pos += 1;
        }
        if pos == hay.len() {
            return None;
        }
        pos += 1;
    }
    Some(pos)
}

/// Check that all text of `src` survives, in order, in `lines`. On failure,
/// returns a description of the first missing piece.
pub fn text_survives(src: &str, lines: &[Line]) -> Result<(), String> {
    segments_survive(&expected(src), lines)
}

/// [`text_survives`] with the expected segments computed once.
pub fn segments_survive(segments: &[Segment], lines: &[Line]) -> Result<(), String> {
    let hay: Vec<char> = linearize(lines).chars().collect();
    let mut pos = 0;
    for seg in segments {
        let next = match &seg {
            Segment::Text(t) => subsequence(t, &hay, pos),
            Segment::Table { source, stacked } => {
                let a = subsequence(source, &hay, pos);
                let b = subsequence(stacked, &hay, pos);
                match (a, b) {
                    (Some(x), Some(y)) => Some(x.min(y)),
                    (x, y) => x.or(y),
                }
            }
        };
        match next {
            Some(p) => pos = p,
            None => {
                let have: String = hay[pos.min(hay.len())..].iter().take(200).collect();
                return Err(format!("missing {seg:?}\n  output from there: {have:?}"));
            }
        }
    }
    Ok(())
}

/// Check that no line is wider than `width`, and that spans hold no
/// control characters.
pub fn fits(lines: &[Line], width: usize) -> Result<(), String> {
    for (i, l) in lines.iter().enumerate() {
        let w = line_width(l);
        if w > width {
            return Err(format!(
                "line {i} is {w} columns wide (> {width}): {:?}",
                line_text(l)
            ));
        }
        for s in &l.spans {
            if s.content.chars().any(char::is_control) {
                return Err(format!(
                    "line {i} holds a control character: {:?}",
                    s.content
                ));
            }
        }
    }
    Ok(())
}

/// Render `src` at `width` with plain styles.
pub fn plain(src: &str, width: usize) -> String {
    let lines = feoops::markdown::render(src, width, &feoops::markdown::MdStyles::plain());
    to_plain(&lines)
}
