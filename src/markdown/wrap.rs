//! Word wrapping in terminal columns.
//!
//! Lines break at spaces. A word that does not fit on the rest of a line
//! moves to the next one; only a word wider than a whole line is split,
//! preferring a boundary next to a wide (CJK) character or after URL
//! punctuation, otherwise between grapheme clusters. Widths are measured
//! with `unicode-width`, per grapheme cluster, as a terminal that does not
//! combine clusters shows them ([`cluster_width`]); a cluster is cut only when
//! it is wider than two columns that way.

use ratatui::style::Style;
use ratatui::text::Span;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use super::inline::Inline;

/// Content of one output line (no prefix).
pub(crate) type SpanLine = Vec<Span<'static>>;

/// Wrap `inl` so that the first line is at most `first` and every other line
/// at most `rest` columns wide. Both must be >= 2 so that a wide character
/// always fits. Spaces at a break are dropped; `'\n'` in the buffer forces a
/// break.
pub(crate) fn wrap(inl: &Inline, first: usize, rest: usize) -> Vec<SpanLine> {
    wrap_reserving(inl, first, rest, 0)
}

/// [`wrap`], leaving room for `lead` more spans in each line (for a prefix).
pub(crate) fn wrap_reserving(
    inl: &Inline,
    first: usize,
    rest: usize,
    lead: usize,
) -> Vec<SpanLine> {
    super::add_work(inl.buf.len());
    let mut w = Wrapper {
        inl,
        lead,
        lines: Vec::new(),
        cur: Vec::with_capacity(8),
        cur_w: 0,
        limit: first.max(1),
        rest: rest.max(1),
        space: None,
    };
    w.run();
    w.lines
}

/// Width of the widest word (run of non-space text) in `inl`.
pub(crate) fn longest_word(inl: &Inline) -> usize {
    inl.buf
        .split(|c: char| c == '\n' || is_space(c))
        .map(text_width)
        .max()
        .unwrap_or(0)
}

/// Sum of the widths of `spans`.
pub(crate) fn spans_width(spans: &[Span]) -> usize {
    spans.iter().map(|s| text_width(&s.content)).sum()
}

/// Columns of text: the sum of its clusters' [`cluster_width`]s, with a fast
/// path for text made only of ASCII and precomposed Hangul syllables (where
/// it is the sum of 1s and 2s).
pub(crate) fn text_width(s: &str) -> usize {
    if s.is_ascii() {
        return s.len();
    }
    let mut w = 0;
    for c in s.chars() {
        match c {
            ' '..='~' => w += 1,
            '\u{ac00}'..='\u{d7a3}' => w += 2,
            _ => return s.graphemes(true).map(cluster_width).sum(),
        }
    }
    w
}

/// Modern Hangul written as conjoining jamo (a leading consonant, a vowel, an optional
/// trailing consonant) composed into syllables, as NFC composes them; nothing else in
/// the text changes (other decomposed letters stay as written).
pub(crate) fn compose_jamo(s: &str) -> std::borrow::Cow<'_, str> {
    const S: u32 = 0xac00;
    let is_l = |c: char| ('\u{1100}'..='\u{1112}').contains(&c);
    let is_v = |c: char| ('\u{1161}'..='\u{1175}').contains(&c);
    let is_t = |c: char| ('\u{11a8}'..='\u{11c2}').contains(&c);
    let is_lv = |c: char| {
        let n = u32::from(c).wrapping_sub(S);
        n < 11_172 && n % 28 == 0
    };
    if !s.chars().any(|c| is_v(c) || is_t(c)) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        let mut syllable = None;
        if is_l(c)
            && let Some(&v) = chars.peek()
            && is_v(v)
        {
            chars.next();
            let l = u32::from(c) - 0x1100;
            let v = u32::from(v) - 0x1161;
            syllable = Some(S + (l * 21 + v) * 28);
        } else if is_lv(c) {
            syllable = Some(u32::from(c));
        }
        match syllable {
            Some(mut code) => {
                if let Some(&t) = chars.peek()
                    && is_t(t)
                {
                    chars.next();
                    code += u32::from(t) - 0x11a7;
                }
                out.extend(char::from_u32(code));
            }
            None => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Columns of one grapheme cluster, counted conservatively: the larger of
/// `unicode-width`'s width for the cluster and the sum of its characters'
/// widths. A terminal that does not combine an emoji ZWJ sequence (a family
/// is three emoji joined by U+200D) or a skin-tone modifier shows each part,
/// so the sum is what it needs; one that combines them needs less, and the
/// line still fits.
pub(crate) fn cluster_width(g: &str) -> usize {
    use unicode_width::UnicodeWidthChar;
    let parts: usize = g.chars().map(|c| c.width().unwrap_or(0)).sum();
    parts.max(g.width())
}

/// Split a preformatted line into pieces of at most `limit` columns, at
/// grapheme boundaries. An empty line gives one empty piece.
pub(crate) fn hard_wrap(line: &str, limit: usize) -> Vec<&str> {
    let limit = limit.max(1);
    if line.is_ascii() {
        if line.is_empty() {
            return vec![""];
        }
        return line
            .as_bytes()
            .chunks(limit)
            .map(|c| std::str::from_utf8(c).unwrap_or(""))
            .collect();
    }
    let units = units(line, 0);
    let mut out = Vec::new();
    let mut start = 0;
    let mut acc = 0;
    for u in &units {
        if acc + u.w > limit && u.s > start {
            out.push(&line[start..u.s]);
            start = u.s;
            acc = 0;
        }
        acc += u.w;
    }
    out.push(&line[start..]);
    out
}

fn is_space(c: char) -> bool {
    c == ' ' || (c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{2007}' | '\u{202f}' | '\n'))
}

/// A unit that is never split: a grapheme cluster, or a single char of a
/// cluster wider than two columns.
#[derive(Clone, Copy)]
struct Unit {
    s: usize,
    e: usize,
    w: usize,
}

/// Units of `text`; byte offsets are shifted by `base`.
fn units(text: &str, base: usize) -> Vec<Unit> {
    if text.is_ascii() {
        // Sanitised ASCII has no control characters, so no multi-byte
        // clusters ("\r\n") either: every byte is one column.
        return (base..base + text.len())
            .map(|s| Unit { s, e: s + 1, w: 1 })
            .collect();
    }
    let mut out = Vec::with_capacity(text.len());
    for (i, g) in text.grapheme_indices(true) {
        let w = cluster_width(g);
        if w <= 2 {
            out.push(Unit {
                s: base + i,
                e: base + i + g.len(),
                w,
            });
        } else {
            let mut tmp = [0u8; 4];
            for (j, c) in g.char_indices() {
                out.push(Unit {
                    s: base + i + j,
                    e: base + i + j + c.len_utf8(),
                    w: c.encode_utf8(&mut tmp).width(),
                });
            }
        }
    }
    out
}

fn is_opening(c: char) -> bool {
    matches!(
        c,
        '(' | '[' | '{' | '「' | '『' | '（' | '［' | '《' | '〈' | '“' | '‘'
    )
}

fn is_closing(c: char) -> bool {
    matches!(
        c,
        ')' | ']'
            | '}'
            | '.'
            | ','
            | '!'
            | '?'
            | ':'
            | ';'
            | '」'
            | '』'
            | '）'
            | '］'
            | '》'
            | '〉'
            | '。'
            | '、'
            | '，'
            | '”'
            | '’'
            | '…'
    )
}

struct Wrapper<'a> {
    inl: &'a Inline,
    lead: usize,
    lines: Vec<SpanLine>,
    cur: Vec<(usize, usize)>,
    cur_w: usize,
    limit: usize,
    rest: usize,
    /// Pending space run `(start, end, width)`, committed only when the next
    /// word lands on the same line.
    space: Option<(usize, usize, usize)>,
}

impl Wrapper<'_> {
    fn run(&mut self) {
        let buf = self.inl.buf.as_str();
        let bytes = buf.as_bytes();
        let mut word: Option<usize> = None;
        let mut space: Option<usize> = None;
        let mut i = 0;
        while i < bytes.len() {
            // Scan bytes; only lead bytes of U+1680, U+2000..U+205F and
            // U+3000 can start a non-ASCII space, so only those are decoded.
            let b = bytes[i];
            let (sp, nl, len) = match b {
                b' ' => (true, false, 1),
                b'\n' => (false, true, 1),
                0..=0x7f => (false, false, 1),
                0xe1..=0xe3 => {
                    let c = buf[i..].chars().next().unwrap_or(' ');
                    (is_space(c), false, c.len_utf8())
                }
                0x80..=0xdf => (false, false, 2),
                0xe0..=0xef => (false, false, 3),
                _ => (false, false, 4),
            };
            if sp || nl {
                if let Some(s) = word.take() {
                    self.word(s, i);
                }
            } else if let Some(s) = space.take() {
                self.spaces(s, i);
            }
            if nl {
                if let Some(s) = space.take() {
                    self.spaces(s, i);
                }
                self.flush();
            } else if sp {
                space.get_or_insert(i);
            } else {
                word.get_or_insert(i);
            }
            i += len;
        }
        if let Some(s) = word {
            self.word(s, buf.len());
        }
        if !self.cur.is_empty() {
            self.flush();
        }
    }

    fn flush(&mut self) {
        self.lines.push(to_spans(self.inl, &self.cur, self.lead));
        self.cur.clear();
        self.cur_w = 0;
        self.limit = self.rest;
        self.space = None;
    }

    fn push_range(&mut self, s: usize, e: usize, w: usize) {
        match self.cur.last_mut() {
            Some(last) if last.1 == s => last.1 = e,
            _ => self.cur.push((s, e)),
        }
        self.cur_w += w;
    }

    fn commit_space(&mut self) {
        if let Some((s, e, w)) = self.space.take() {
            self.push_range(s, e, w);
        }
    }

    fn space_w(&self) -> usize {
        match self.space {
            Some((_, _, w)) if !self.cur.is_empty() => w,
            _ => 0,
        }
    }

    fn spaces(&mut self, s: usize, e: usize) {
        if self.cur.is_empty() {
            return;
        }
        let w = self.measure(s, e);
        self.space = Some(match self.space {
            Some((ps, _, pw)) => (ps, e, pw + w),
            None => (s, e, w),
        });
    }

    /// Width of `buf[s..e]` as the spans holding it will measure.
    fn measure(&self, s: usize, e: usize) -> usize {
        let buf = &self.inl.buf;
        let text = &buf[s..e];
        if text.is_ascii() {
            return text.len();
        }
        if self.inl.runs.len() <= 1 {
            return text_width(text);
        }
        let runs = &self.inl.runs;
        let mut r = runs.partition_point(|x| x.0 <= s).saturating_sub(1);
        let mut pos = s;
        let mut total = 0;
        while pos < e {
            let end = runs.get(r + 1).map_or(e, |x| x.0.clamp(pos, e));
            total += text_width(&buf[pos..end]);
            pos = end;
            r += 1;
        }
        total
    }

    fn word(&mut self, s: usize, e: usize) {
        let w = self.measure(s, e);
        let sw = self.space_w();
        if self.cur_w + sw + w <= self.limit {
            self.commit_space();
            self.push_range(s, e, w);
        } else if w <= self.rest && (!self.cur.is_empty() || self.limit < self.rest) {
            self.flush();
            self.push_range(s, e, w);
        } else {
            self.split(s, e);
        }
    }

    /// Place a word wider than a line, splitting it.
    fn split(&mut self, s: usize, e: usize) {
        let buf = self.inl.buf.as_str();
        let units = units(&buf[s..e], s);
        if !self.cur.is_empty() {
            let remaining = self.limit.saturating_sub(self.cur_w + self.space_w());
            if remaining < 2 || remaining * 3 < self.limit {
                self.flush();
            }
        }
        let mut idx = 0;
        while idx < units.len() {
            let avail = self.limit.saturating_sub(self.cur_w + self.space_w());
            let mut acc = 0;
            let mut j = idx;
            while j < units.len() && acc + units[j].w <= avail {
                acc += units[j].w;
                j += 1;
            }
            if j == units.len() {
                self.commit_space();
                self.push_range(units[idx].s, e, acc);
                return;
            }
            // Prefer a soft break that keeps at least half the line filled
            // (a strong one, next to a wide character or after '/', over a
            // weak one); a hard break between any two units only on an
            // empty line.
            let mut k = if self.cur.is_empty() { j } else { idx };
            let mut kw = acc;
            let mut weak = None;
            let mut m = j;
            let mut mw = acc;
            while m > idx && mw * 2 >= avail {
                match soft_break(buf, &units[m - 1], &units[m]) {
                    Some(true) => {
                        weak = None;
                        k = m;
                        kw = mw;
                        break;
                    }
                    Some(false) if weak.is_none() => weak = Some((m, mw)),
                    _ => {}
                }
                m -= 1;
                mw -= units[m].w;
            }
            if let Some((m, mw)) = weak.filter(|_| self.cur.is_empty()) {
                k = m;
                kw = mw;
            }
            if k == idx {
                if !self.cur.is_empty() {
                    self.flush();
                    continue;
                }
                // Cannot happen with limit >= 2; never loop forever.
                k = idx + 1;
                kw = units[idx].w;
            }
            self.commit_space();
            self.push_range(units[idx].s, units[k].s, kw);
            self.flush();
            idx = k;
        }
    }
}

/// May a line break between units `a` and `b` of one word? `Some(true)`
/// for a good place (next to a wide character, after `/`), `Some(false)`
/// for a fair one (after other URL punctuation), `None` for no.
fn soft_break(buf: &str, a: &Unit, b: &Unit) -> Option<bool> {
    let prev = buf[a.s..a.e].chars().next_back().unwrap_or(' ');
    let next = buf[b.s..b.e].chars().next().unwrap_or(' ');
    if a.w == 2 || b.w == 2 {
        return (!is_closing(next) && !is_opening(prev)).then_some(true);
    }
    if !next.is_alphanumeric() {
        return None;
    }
    match prev {
        '/' => Some(true),
        '-' | '_' | '.' | '?' | '&' | '=' | '#' | ',' | ';' => Some(false),
        _ => None,
    }
}

/// Turn byte ranges of `inl.buf` into styled spans, merging equal styles.
fn to_spans(inl: &Inline, ranges: &[(usize, usize)], lead: usize) -> SpanLine {
    let mut parts: SpanLine = Vec::with_capacity(ranges.len() + 2 + lead);
    let runs = &inl.runs;
    for &(s, e) in ranges {
        let mut r = runs.partition_point(|x| x.0 <= s).saturating_sub(1);
        let mut pos = s;
        while pos < e {
            let style = runs.get(r).map_or(Style::default(), |x| x.1);
            let end = runs.get(r + 1).map_or(e, |x| x.0.clamp(pos, e));
            if end > pos {
                let text = &inl.buf[pos..end];
                super::add_work(text.len());
                match parts.last_mut() {
                    Some(span) if span.style == style => span.content.to_mut().push_str(text),
                    _ => parts.push(Span::styled(text.to_string(), style)),
                }
            }
            pos = end;
            r += 1;
        }
    }
    parts
}

/// Width of the widest line of `inl` if it were never wrapped.
pub(crate) fn natural_width(inl: &Inline) -> usize {
    inl.buf
        .split('\n')
        .map(|line| text_width(line.trim_matches(is_space)))
        .max()
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jamo_compose_as_nfc_does_and_nothing_else_changes() {
        use unicode_normalization::UnicodeNormalization;
        let jamo = "\u{1112}\u{1161}\u{11ab}\u{1100}\u{1173}\u{11af} \u{1100}\u{1161}\u{11a8}x";
        assert_eq!(compose_jamo(jamo), jamo.nfc().collect::<String>());
        assert_eq!(compose_jamo("가\u{11a8}"), "각");
        assert_eq!(compose_jamo("e\u{301}\u{1100}"), "e\u{301}\u{1100}");
        assert!(matches!(
            compose_jamo("한글 text"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn clusters_count_as_their_parts_when_that_is_wider() {
        assert_eq!(
            cluster_width("\u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467}"),
            6
        );
        assert_eq!(cluster_width("e\u{301}"), 1);
        assert_eq!(cluster_width("한"), 2);
    }
}
