//! The stack of open containers (block quotes, list items, footnote
//! definitions) and the prefix each gives a line: `│ ` per quote, a list
//! marker on an item's first line and matching indentation after it.
//!
//! Prefixes never take more than `width - min_content(width)` columns:
//! containers nested deeper than that are not indented further, so deep
//! nesting cannot overflow a line or squeeze its text out.

use std::borrow::Cow;

use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// `n` spaces, borrowed when short enough.
pub(crate) fn spaces(n: usize) -> Cow<'static, str> {
    const SPACES: &str = "                                                                ";
    match SPACES.get(..n) {
        Some(s) => s.into(),
        None => " ".repeat(n).into(),
    }
}

/// Least number of columns left for content.
fn min_content(width: usize) -> usize {
    (width / 3).max(6)
}

pub(crate) enum FrameKind {
    Quote,
    /// A list item, footnote definition or definition: a hanging marker
    /// (padded to `indent` columns) on its first line.
    Item {
        marker: Cow<'static, str>,
        style: Style,
        indent: usize,
        /// The marker is still to be drawn.
        pending: bool,
        /// Item of a tight list: no blank lines between its blocks.
        tight: bool,
        /// A bullet that a task-list checkbox may replace.
        bullet: bool,
    },
}

struct Frame {
    kind: FrameKind,
}

pub(crate) struct Frames {
    width: usize,
    quote_style: Style,
    stack: Vec<Frame>,
    /// How many containers were open when the last content line was drawn.
    last_len: usize,
    /// The fewest containers open since the last content line: the first `low` are the
    /// ones that line had (none was closed since), so only the ones above may still have
    /// a marker to draw. Kept so that a line costs the same at any depth (issue 10).
    low: usize,
}

impl Frames {
    pub fn new(width: usize, quote_style: Style) -> Self {
        Self {
            width,
            quote_style,
            stack: Vec::new(),
            last_len: 0,
            low: 0,
        }
    }

    pub fn push(&mut self, kind: FrameKind) {
        self.stack.push(Frame { kind });
    }

    pub fn pop(&mut self) {
        self.stack.pop();
        self.low = self.low.min(self.stack.len());
    }

    /// At most how many prefix pieces a line gets: each piece takes two columns or more.
    pub fn max_pieces(&self) -> usize {
        self.stack.len().min(self.width / 2 + 1)
    }

    /// Is the innermost container an item of a tight list?
    pub fn in_tight_item(&self) -> bool {
        matches!(
            self.stack.last(),
            Some(Frame {
                kind: FrameKind::Item { tight: true, .. },
                ..
            })
        )
    }

    /// Is the innermost container an item whose marker is not drawn yet?
    pub fn marker_pending(&self) -> bool {
        matches!(
            self.stack.last(),
            Some(Frame {
                kind: FrameKind::Item { pending: true, .. },
                ..
            })
        )
    }

    /// Replace the not yet drawn bullet of the innermost item (with a
    /// task-list checkbox). False if there is no such bullet.
    pub fn replace_bullet(&mut self, marker: &'static str, style: Style) -> bool {
        if let Some(Frame {
            kind:
                FrameKind::Item {
                    marker: m,
                    style: s,
                    pending: true,
                    bullet: true,
                    ..
                },
            ..
        }) = self.stack.last_mut()
        {
            *m = Cow::Borrowed(marker);
            *s = style;
            return true;
        }
        false
    }

    /// Call `f(frame, draws its marker, width)` for each prefix piece of the
    /// first `upto` containers that is drawn. Past the budget only a pending
    /// marker is still drawn, if content keeps a few columns.
    fn pieces(&self, upto: usize, markers: bool, mut f: impl FnMut(&Frame, bool, usize)) {
        let budget = self.width.saturating_sub(min_content(self.width));
        let mut cols = 0;
        for frame in &self.stack[..upto] {
            super::add_work(1);
            let (marker, w) = match &frame.kind {
                FrameKind::Quote => (false, 2),
                FrameKind::Item {
                    indent, pending, ..
                } => (*pending && markers, *indent),
            };
            if cols + w > budget {
                if marker && cols + w + 4 <= self.width {
                    f(frame, true, w);
                }
                break;
            }
            cols += w;
            f(frame, marker, w);
        }
    }

    /// Insert the prefix of the first `upto` containers at the front of
    /// `spans`.
    fn prefix_into(&self, spans: &mut Vec<Span<'static>>, upto: usize, markers: bool) {
        let mut at = 0;
        self.pieces(upto, markers, |frame, marker, w| {
            let span = match &frame.kind {
                FrameKind::Quote => Span::styled("│ ", self.quote_style),
                FrameKind::Item {
                    marker: m, style, ..
                } if marker => Span::styled(m.clone(), *style),
                FrameKind::Item { .. } => Span::raw(spaces(w)),
            };
            spans.insert(at, span);
            at += 1;
        });
    }

    /// Columns left to content on the next line and on the lines after it.
    pub fn content_widths(&self) -> (usize, usize) {
        let width = |markers| {
            let mut cols = 0;
            self.pieces(self.stack.len(), markers, |_, _, w| cols += w);
            self.width.saturating_sub(cols)
        };
        (width(true), width(false))
    }

    /// Put the prefix in front of a content line, drawing pending markers,
    /// which are then drawn.
    pub fn prefix_line(&mut self, content: &mut Vec<Span<'static>>) {
        if !self.stack.is_empty() {
            self.prefix_into(content, self.stack.len(), true);
        }
        // Containers below `low` drew their markers on an earlier line.
        let from = self.low.min(self.stack.len());
        super::add_work(self.stack.len() - from);
        for f in &mut self.stack[from..] {
            if let FrameKind::Item { pending, .. } = &mut f.kind {
                *pending = false;
            }
        }
        self.last_len = self.stack.len();
        self.low = self.stack.len();
    }

    /// A blank line, drawn with the prefixes of the containers that the
    /// previous line and the next one share (so a blank line inside a quote
    /// keeps its bar), without trailing spaces.
    pub fn blank_line(&self) -> Line<'static> {
        let common = self.low.min(self.last_len);
        let mut spans = Vec::new();
        self.prefix_into(&mut spans, common, false);
        while let Some(last) = spans.last_mut() {
            let t = last.content.trim_end();
            if t.is_empty() {
                spans.pop();
            } else {
                last.content = Cow::Owned(t.to_string());
                break;
            }
        }
        Line::from(spans)
    }
}
