//! GFM tables: a box-drawn grid whose columns are fitted to the width and
//! whose cells wrap; when even narrow columns cannot fit, a stacked
//! "Header: value" layout, one record per row.

use pulldown_cmark::Alignment;
use ratatui::text::Span;

use super::MdStyles;
use super::frames::spaces;
use super::inline::Inline;
use super::wrap::{SpanLine, longest_word, natural_width, spans_width, wrap};

/// A column is never squeezed below this many columns (or its natural
/// width, if smaller); if that does not fit, the table is stacked.
const MIN_COL: usize = 5;

pub(crate) struct TableBuilder {
    aligns: Vec<Alignment>,
    header: Vec<Inline>,
    rows: Vec<Vec<Inline>>,
    cur: Vec<Inline>,
}

impl TableBuilder {
    pub fn new(aligns: Vec<Alignment>) -> Self {
        Self {
            aligns,
            header: Vec::new(),
            rows: Vec::new(),
            cur: Vec::new(),
        }
    }

    pub fn push_cell(&mut self, cell: Inline) {
        self.cur.push(cell);
    }

    pub fn end_head(&mut self) {
        self.header = std::mem::take(&mut self.cur);
    }

    pub fn end_row(&mut self) {
        self.rows.push(std::mem::take(&mut self.cur));
    }

    fn columns(&self) -> usize {
        self.rows
            .iter()
            .map(Vec::len)
            .chain([self.header.len()])
            .max()
            .unwrap_or(0)
    }
}

/// Lines of the table, each at most `avail` columns wide.
pub(crate) fn layout_table(t: &TableBuilder, avail: usize, st: &MdStyles) -> Vec<SpanLine> {
    let n = t.columns();
    if n == 0 {
        return Vec::new();
    }
    match column_widths(t, n, avail) {
        Some(widths) => boxed(t, &widths, st),
        None => stacked(t, n, avail, st),
    }
}

fn cells(t: &TableBuilder) -> impl Iterator<Item = (usize, &Inline)> {
    std::iter::once(&t.header)
        .chain(&t.rows)
        .flat_map(|row| row.iter().enumerate())
}

fn column_widths(t: &TableBuilder, n: usize, avail: usize) -> Option<Vec<usize>> {
    let overhead = 3 * n + 1;
    let space = avail.checked_sub(overhead)?;
    let mut natural = vec![0; n];
    let mut word = vec![0; n];
    for (j, cell) in cells(t) {
        natural[j] = natural[j].max(natural_width(cell));
        word[j] = word[j].max(longest_word(cell));
    }
    if natural.iter().sum::<usize>() <= space {
        return Some(natural);
    }
    let mut widths: Vec<usize> = natural.iter().map(|&w| w.min(MIN_COL)).collect();
    let used: usize = widths.iter().sum();
    if used > space {
        return None;
    }
    let mut left = space - used;
    let words: Vec<usize> = word.iter().zip(&natural).map(|(&w, &n)| w.min(n)).collect();
    distribute(&mut widths, &words, &mut left);
    distribute(&mut widths, &natural, &mut left);
    Some(widths)
}

/// Grow `widths` towards `target`, sharing `left` in proportion to what
/// each column still lacks.
fn distribute(widths: &mut [usize], target: &[usize], left: &mut usize) {
    let lack: Vec<usize> = widths
        .iter()
        .zip(target)
        .map(|(&w, &t)| t.saturating_sub(w))
        .collect();
    let total: usize = lack.iter().sum();
    if total == 0 || *left == 0 {
        return;
    }
    if total <= *left {
        for (w, l) in widths.iter_mut().zip(&lack) {
            *w += l;
        }
        *left -= total;
        return;
    }
    let budget = *left;
    let mut given = 0;
    for (w, &l) in widths.iter_mut().zip(&lack) {
        let g = l * budget / total;
        *w += g;
        given += g;
    }
    // Hand out the remainder one column at a time to the neediest.
    let mut rem = budget - given;
    while rem > 0 {
        let Some(j) = (0..widths.len())
            .filter(|&j| widths[j] < target[j])
            .max_by_key(|&j| target[j] - widths[j])
        else {
            break;
        };
        widths[j] += 1;
        rem -= 1;
    }
    *left = rem;
}

fn border(widths: &[usize], l: &str, m: &str, r: &str, h: &str, st: &MdStyles) -> SpanLine {
    let total: usize = widths.iter().map(|w| w + 3).sum::<usize>() + 1;
    let mut s = String::with_capacity(total * 3);
    s.push_str(l);
    for (j, w) in widths.iter().enumerate() {
        if j > 0 {
            s.push_str(m);
        }
        s.push_str(&h.repeat(w + 2));
    }
    s.push_str(r);
    vec![Span::styled(s, st.table_border)]
}

fn boxed(t: &TableBuilder, widths: &[usize], st: &MdStyles) -> Vec<SpanLine> {
    let empty = Inline::default();
    let render_row = |row: &[Inline]| -> Vec<SpanLine> {
        let mut cells: Vec<std::vec::IntoIter<SpanLine>> = widths
            .iter()
            .enumerate()
            .map(|(j, &w)| wrap(row.get(j).unwrap_or(&empty), w.max(1), w.max(1)).into_iter())
            .collect();
        let height = cells.iter().map(|c| c.len()).max().unwrap_or(0).max(1);
        (0..height)
            .map(|_| {
                let mut line = Vec::with_capacity(4 * widths.len() + 1);
                line.push(Span::styled("│", st.table_border));
                for (j, &w) in widths.iter().enumerate() {
                    let content = cells[j].next().unwrap_or_default();
                    let cw = spans_width(&content);
                    let pad = w.saturating_sub(cw);
                    let (before, after) = match t.aligns.get(j) {
                        Some(Alignment::Right) => (pad, 0),
                        Some(Alignment::Center) => (pad / 2, pad - pad / 2),
                        _ => (0, pad),
                    };
                    line.push(Span::raw(spaces(before + 1)));
                    line.extend(content);
                    line.push(Span::raw(spaces(after + 1)));
                    line.push(Span::styled("│", st.table_border));
                }
                line
            })
            .collect()
    };
    let mut out = vec![border(widths, "┌", "┬", "┐", "─", st)];
    let head = render_row(&t.header);
    let body: Vec<Vec<SpanLine>> = t.rows.iter().map(|r| render_row(r)).collect();
    // When a cell wraps, rows are ruled off from each other and the header
    // rule is doubled; a compact table has one line per row and no rules.
    let tall = head.len() > 1 || body.iter().any(|r| r.len() > 1);
    out.extend(head);
    for (i, row) in body.into_iter().enumerate() {
        if i == 0 && tall {
            out.push(border(widths, "╞", "╪", "╡", "═", st));
        } else if i == 0 || tall {
            out.push(border(widths, "├", "┼", "┤", "─", st));
        }
        out.extend(row);
    }
    out.push(border(widths, "└", "┴", "┘", "─", st));
    out
}

fn stacked(t: &TableBuilder, n: usize, avail: usize, st: &MdStyles) -> Vec<SpanLine> {
    let mut out = Vec::new();
    let record = |inl: &Inline, out: &mut Vec<SpanLine>| {
        for (i, mut l) in wrap(inl, avail, avail.saturating_sub(2))
            .into_iter()
            .enumerate()
        {
            if i > 0 {
                l.insert(0, Span::raw("  "));
            }
            out.push(l);
        }
    };
    if t.rows.is_empty() {
        for h in &t.header {
            record(h, &mut out);
        }
        return out;
    }
    let empty = Inline::default();
    for (ri, row) in t.rows.iter().enumerate() {
        if ri > 0 {
            out.push(vec![Span::styled("─".repeat(avail), st.table_border)]);
        }
        for j in 0..n {
            let head = t.header.get(j).unwrap_or(&empty);
            let mut inl = Inline::default();
            if !head.buf.trim().is_empty() {
                inl.append(head);
                inl.push(": ", st.table_header);
            }
            inl.append(row.get(j).unwrap_or(&empty));
            record(&inl, &mut out);
        }
    }
    out
}
