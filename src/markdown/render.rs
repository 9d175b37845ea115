//! Event-driven block layout: containers (quotes, list items, footnote
//! definitions) give each line a prefix; blocks are separated by one blank
//! line except inside tight list items.

use std::borrow::Cow;
use std::collections::HashMap;

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::frames::{FrameKind, Frames, spaces};
use super::inline::{Inline, expand_line};
use super::table::{TableBuilder, layout_table};
use super::wrap::{SpanLine, hard_wrap, spans_width, wrap_reserving};
use super::{MdStyles, parser_options};

const BULLETS: [&str; 3] = ["• ", "◦ ", "▪ "];
const TAB_STOP: usize = 4;

/// The placeholder line for widths below `MIN_WIDTH`.
pub(crate) fn too_narrow(width: usize, styles: &MdStyles) -> Line<'static> {
    if width == 0 {
        Line::default()
    } else {
        Line::from(Span::styled("…", styles.rule))
    }
}

struct ListState {
    /// Next number of an ordered list; `None` for a bullet list.
    next: Option<u64>,
    tight: bool,
    digits: usize,
}

#[derive(Default, Clone, Copy)]
struct ListInfo {
    loose: bool,
    items: u64,
}

struct LinkMark {
    url: String,
    start: usize,
    image: Option<usize>,
}

pub(crate) struct Renderer<'s> {
    st: &'s MdStyles,
    out: Vec<Line<'static>>,
    frames: Frames,
    need_blank: bool,
    lists: Vec<ListState>,
    /// How many of `lists` are bullet lists (kept, not counted per item: linear in depth).
    bullet_lists: usize,
    list_info: Vec<ListInfo>,
    list_seen: usize,
    inline: Inline,
    style_stack: Vec<Style>,
    links: Vec<LinkMark>,
    code: Option<String>,
    html: Option<String>,
    table: Option<TableBuilder>,
    footnotes: HashMap<String, usize>,
}

impl<'s> Renderer<'s> {
    pub fn new(width: usize, st: &'s MdStyles) -> Self {
        Self {
            st,
            out: Vec::new(),
            frames: Frames::new(width, st.quote_prefix),
            need_blank: false,
            lists: Vec::new(),
            bullet_lists: 0,
            list_info: Vec::new(),
            list_seen: 0,
            inline: Inline::default(),
            style_stack: Vec::new(),
            links: Vec::new(),
            code: None,
            html: None,
            table: None,
            footnotes: HashMap::new(),
        }
    }

    pub fn run(mut self, src: &str) -> Vec<Line<'static>> {
        let mut events: Vec<Event> = Vec::with_capacity(src.len() / 8 + 16);
        events.extend(Parser::new_ext(src, parser_options()));
        self.list_info = scan_lists(&events);
        for ev in events {
            self.event(ev);
        }
        self.flush_inline();
        if self.code.is_some() {
            self.emit_code();
        }
        if self.html.is_some() {
            self.emit_html();
        }
        if self.table.is_some() {
            self.emit_table();
        }
        self.out
    }

    fn cur_style(&self) -> Style {
        self.style_stack.last().copied().unwrap_or_default()
    }

    fn push_style(&mut self, patch: Style) {
        let s = self.cur_style().patch(patch);
        self.style_stack.push(s);
    }

    fn event(&mut self, ev: Event) {
        super::add_work(1);
        match ev {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(t) => {
                if let Some(code) = self.code.as_mut() {
                    code.push_str(&t);
                } else if let Some(html) = self.html.as_mut() {
                    html.push_str(&t);
                } else {
                    let s = self.cur_style();
                    self.inline.push(&t, s);
                }
            }
            Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                let s = self.cur_style().patch(self.st.code_inline);
                self.inline.push(&t, s);
            }
            Event::Html(t) => match self.html.as_mut() {
                Some(html) => html.push_str(&t),
                None => {
                    let s = self.cur_style().patch(self.st.html);
                    self.inline.push(&t, s);
                }
            },
            Event::InlineHtml(t) => {
                let s = self.cur_style().patch(self.st.html);
                self.inline.push(&t, s);
            }
            Event::FootnoteReference(label) => {
                let n = self.footnote_number(&label);
                let s = self.cur_style().patch(self.st.footnote);
                self.inline.push(&format!("[{n}]"), s);
            }
            Event::SoftBreak => {
                let s = self.cur_style();
                self.inline.push(" ", s);
            }
            Event::HardBreak => self.inline.push_break(),
            Event::Rule => {
                self.flush_inline();
                let (avail, _) = self.content_widths();
                self.emit_line(vec![Span::styled("─".repeat(avail), self.st.rule)]);
                self.block_done();
            }
            Event::TaskListMarker(done) => self.task(done),
        }
    }

    fn start(&mut self, tag: Tag) {
        match tag {
            Tag::Paragraph | Tag::DefinitionList | Tag::DefinitionListTitle => self.flush_inline(),
            Tag::Heading { level, .. } => {
                self.flush_inline();
                self.style_stack.push(self.st.heading(level as usize));
            }
            Tag::BlockQuote(_) => {
                self.flush_inline();
                self.frames.push(FrameKind::Quote);
            }
            Tag::CodeBlock(_) | Tag::MetadataBlock(_) => {
                self.flush_inline();
                self.code = Some(String::new());
            }
            Tag::HtmlBlock => {
                self.flush_inline();
                self.html = Some(String::new());
            }
            Tag::List(start) => {
                self.flush_inline();
                let info = self
                    .list_info
                    .get(self.list_seen)
                    .copied()
                    .unwrap_or_default();
                self.list_seen += 1;
                let digits = start.map_or(0, |s| {
                    let last = s.saturating_add(info.items.saturating_sub(1));
                    last.to_string().len()
                });
                self.bullet_lists += usize::from(start.is_none());
                self.lists.push(ListState {
                    next: start,
                    tight: !info.loose,
                    digits,
                });
            }
            Tag::Item => {
                self.flush_inline();
                // Bullets change with the depth among bullet lists only.
                let depth = self.bullet_lists.saturating_sub(1);
                let (marker, tight, bullet) = match self.lists.last_mut() {
                    Some(ListState {
                        next: Some(n),
                        tight,
                        digits,
                    }) => {
                        let m = format!("{:>w$}. ", *n, w = *digits);
                        *n = n.saturating_add(1);
                        (Cow::Owned(m), *tight, false)
                    }
                    Some(l) => (Cow::Borrowed(BULLETS[depth % 3]), l.tight, true),
                    None => (Cow::Borrowed(BULLETS[0]), true, true),
                };
                let indent = marker.width();
                self.frames.push(FrameKind::Item {
                    marker,
                    style: self.st.list_marker,
                    indent,
                    pending: true,
                    tight,
                    bullet,
                });
            }
            Tag::FootnoteDefinition(label) => {
                self.flush_inline();
                let n = self.footnote_number(&label);
                let marker = format!("[{n}]: ");
                let indent = marker.width();
                self.frames.push(FrameKind::Item {
                    marker: marker.into(),
                    style: self.st.footnote,
                    indent,
                    pending: true,
                    tight: false,
                    bullet: false,
                });
            }
            Tag::DefinitionListDefinition => {
                self.flush_inline();
                self.frames.push(FrameKind::Item {
                    marker: Cow::Borrowed("  "),
                    style: Style::default(),
                    indent: 2,
                    pending: false,
                    tight: false,
                    bullet: false,
                });
            }
            Tag::Table(aligns) => {
                self.flush_inline();
                self.table = Some(TableBuilder::new(aligns));
            }
            Tag::TableHead => self.style_stack.push(self.st.table_header),
            Tag::TableRow => {}
            Tag::TableCell => self.inline = Inline::default(),
            Tag::Emphasis => self.push_style(self.st.emphasis),
            Tag::Strong => self.push_style(self.st.strong),
            Tag::Strikethrough => self.push_style(self.st.strike),
            Tag::Superscript | Tag::Subscript => self.push_style(Style::default()),
            Tag::Link { dest_url, .. } => {
                self.links.push(LinkMark {
                    url: dest_url.into_string(),
                    start: self.inline.buf.len(),
                    image: None,
                });
                self.push_style(self.st.link_text);
            }
            Tag::Image { dest_url, .. } => {
                let before = self.inline.buf.len();
                let s = self.cur_style().patch(self.st.image);
                self.inline.push("[image: ", s);
                self.links.push(LinkMark {
                    url: dest_url.into_string(),
                    start: self.inline.buf.len(),
                    image: Some(before),
                });
                self.push_style(self.st.image);
            }
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph | TagEnd::DefinitionListTitle => self.flush_inline(),
            TagEnd::DefinitionList => {
                self.flush_inline();
                self.block_done();
            }
            TagEnd::Heading(level) => {
                self.style_stack.pop();
                self.emit_heading(level);
            }
            TagEnd::BlockQuote(_)
            | TagEnd::FootnoteDefinition
            | TagEnd::DefinitionListDefinition => {
                self.flush_inline();
                self.frames.pop();
                self.block_done();
            }
            TagEnd::CodeBlock | TagEnd::MetadataBlock(_) => self.emit_code(),
            TagEnd::HtmlBlock => self.emit_html(),
            TagEnd::List(_) => {
                self.flush_inline();
                if self.lists.pop().is_some_and(|l| l.next.is_none()) {
                    self.bullet_lists -= 1;
                }
                self.block_done();
            }
            TagEnd::Item => {
                self.flush_inline();
                if self.frames.marker_pending() {
                    // An empty item still shows its marker.
                    self.emit_line(Vec::new());
                }
                self.frames.pop();
            }
            TagEnd::Table => self.emit_table(),
            TagEnd::TableHead => {
                self.style_stack.pop();
                if let Some(t) = self.table.as_mut() {
                    t.end_head();
                }
            }
            TagEnd::TableRow => {
                if let Some(t) = self.table.as_mut() {
                    t.end_row();
                }
            }
            TagEnd::TableCell => {
                let cell = std::mem::take(&mut self.inline);
                if let Some(t) = self.table.as_mut() {
                    t.push_cell(cell);
                }
            }
            TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript => {
                self.style_stack.pop();
            }
            TagEnd::Link | TagEnd::Image => {
                self.style_stack.pop();
                self.end_link();
            }
        }
    }

    fn end_link(&mut self) {
        let Some(mark) = self.links.pop() else { return };
        let base = self.cur_style();
        // Looked at in place, not copied: a copy per link made nested images quadratic.
        let url = mark.url;
        let (empty, same) = {
            let text = self.inline.buf.get(mark.start..).unwrap_or("");
            let whole = text.len();
            let text = text.trim();
            // Trimming looks at the spaces it drops; comparing, at most the url.
            super::add_work(whole - text.len() + url.len().min(text.len()));
            let same = text == url || url.strip_prefix("mailto:") == Some(text);
            (text.is_empty(), same)
        };
        if let Some(before) = mark.image {
            let s = base.patch(self.st.image);
            if empty {
                self.inline.truncate(before);
                self.inline.push("[image]", s);
            } else {
                self.inline.push("]", s);
            }
        }
        if !url.is_empty() && (!same || mark.image.is_some()) {
            self.inline.push(" (", base);
            self.inline.push(&url, base.patch(self.st.link_url));
            self.inline.push(")", base);
        }
    }

    fn task(&mut self, done: bool) {
        let (sym, style) = if done {
            ("☑ ", self.st.task_done)
        } else {
            ("☐ ", self.st.task_todo)
        };
        if !(self.inline.is_empty() && self.frames.replace_bullet(sym, style)) {
            self.inline.push(sym, style);
        }
    }

    fn footnote_number(&mut self, label: &str) -> usize {
        let next = self.footnotes.len() + 1;
        *self.footnotes.entry(label.to_lowercase()).or_insert(next)
    }

    /// A block ended: the next block gets a blank line before it unless we
    /// are directly inside a tight list item.
    fn block_done(&mut self) {
        self.need_blank = !self.frames.in_tight_item();
    }

    fn content_widths(&self) -> (usize, usize) {
        self.frames.content_widths()
    }

    fn emit_line(&mut self, mut content: SpanLine) {
        if self.need_blank && !self.out.is_empty() {
            self.out.push(self.frames.blank_line());
        }
        self.need_blank = false;
        self.frames.prefix_line(&mut content);
        self.out.push(Line::from(content));
    }

    /// Emit `inl` wrapped; returns the width of the widest line if asked.
    fn emit_wrapped(&mut self, inl: &Inline, measure: bool) -> usize {
        let (first, rest) = self.content_widths();
        let mut widest = 0;
        for l in wrap_reserving(inl, first, rest, self.frames.max_pieces()) {
            if measure {
                widest = widest.max(spans_width(&l));
            }
            self.emit_line(l);
        }
        widest
    }

    /// Emit pending inline text as a paragraph.
    fn flush_inline(&mut self) {
        if self.inline.is_empty() || self.table.is_some() {
            return;
        }
        let mut inl = std::mem::take(&mut self.inline);
        self.emit_wrapped(&inl, false);
        inl.clear();
        self.inline = inl;
        self.block_done();
    }

    fn emit_heading(&mut self, level: HeadingLevel) {
        let mut inl = std::mem::take(&mut self.inline);
        let widest = self.emit_wrapped(&inl, true);
        inl.clear();
        self.inline = inl;
        let level = level as usize;
        if widest > 0 && level <= 2 {
            let ch = if level == 1 { "═" } else { "─" };
            let h = self.st.heading(level);
            let style = Style {
                fg: h.fg,
                ..Style::default()
            };
            let (_, rest) = self.content_widths();
            self.emit_line(vec![Span::styled(ch.repeat(widest.min(rest)), style)]);
        }
        self.block_done();
    }

    fn emit_code(&mut self) {
        let Some(text) = self.code.take() else { return };
        let (avail, _) = self.content_widths();
        let indent = if avail >= 12 { 2 } else { 1 };
        let cw = avail.saturating_sub(indent).max(2);
        let st = self.st.code_block;
        let mut pieces: Vec<(bool, String)> = Vec::new();
        for line in text.lines() {
            let line = expand_line(line, TAB_STOP);
            for (i, p) in hard_wrap(&line, cw).into_iter().enumerate() {
                pieces.push((i > 0, p.to_string()));
            }
        }
        let pad_to = match st.bg {
            Some(c) if c != Color::Reset => pieces
                .iter()
                .map(|(_, p)| p.width())
                .max()
                .map_or(0, |w| (w + 1).min(cw)),
            _ => 0,
        };
        for (cont, p) in pieces {
            let mut spans = Vec::with_capacity(3);
            if cont {
                spans.push(Span::styled("↪", self.st.code_marker));
                if indent > 1 {
                    spans.push(Span::styled(spaces(indent - 1), st));
                }
            } else {
                spans.push(Span::styled(spaces(indent), st));
            }
            let w = p.width();
            spans.push(Span::styled(p, st));
            if w < pad_to {
                spans.push(Span::styled(spaces(pad_to - w), st));
            }
            self.emit_line(spans);
        }
        self.block_done();
    }

    fn emit_html(&mut self) {
        let Some(text) = self.html.take() else { return };
        let style = self.cur_style().patch(self.st.html);
        let mut inl = Inline::default();
        for (i, line) in text.trim_end_matches(['\n', '\r']).split('\n').enumerate() {
            if i > 0 {
                inl.push_break();
            }
            inl.push(line.trim_end_matches('\r'), style);
        }
        self.emit_wrapped(&inl, false);
        self.block_done();
    }

    fn emit_table(&mut self) {
        let Some(table) = self.table.take() else {
            return;
        };
        let (avail, _) = self.content_widths();
        for l in layout_table(&table, avail, self.st) {
            self.emit_line(l);
        }
        self.block_done();
    }
}

/// For each list, in document order: is it loose, and how many items.
fn scan_lists(events: &[Event]) -> Vec<ListInfo> {
    let mut infos: Vec<ListInfo> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    let mut parents: Vec<bool> = Vec::new(); // true = Item
    for ev in events {
        match ev {
            Event::Start(tag) => {
                match tag {
                    Tag::List(_) => {
                        open.push(infos.len());
                        infos.push(ListInfo::default());
                    }
                    Tag::Item => {
                        if let Some(&i) = open.last() {
                            infos[i].items += 1;
                        }
                    }
                    Tag::Paragraph => {
                        if parents.last() == Some(&true)
                            && let Some(&i) = open.last()
                        {
                            infos[i].loose = true;
                        }
                    }
                    _ => {}
                }
                parents.push(matches!(tag, Tag::Item));
            }
            Event::End(tag) => {
                if matches!(tag, TagEnd::List(_)) {
                    open.pop();
                }
                parents.pop();
            }
            _ => {}
        }
    }
    infos
}
