//! Terminal input bytes -> key, mouse and paste-free events, never stuck.
//!
//! crossterm's own parser waits for the end of a bracketed paste (`ESC[201~`) once it has
//! seen its start, whether paste mode was enabled or not, so one stray `ESC[200~` swallowed
//! every later key, `q` and Ctrl-C included. This parser is bounded instead:
//! - the paste markers are dropped (feoops does not enable bracketed paste, so a terminal
//!   never sends them on purpose; the text after them is read as typed keys);
//! - a control byte inside an escape sequence ends the sequence and is read as its own key,
//!   so Ctrl-C always gets through;
//! - a sequence longer than [`MAX_SEQUENCE`] bytes is dropped;
//! - what is still incomplete when no more input comes ([`Parser::flush`]) is dropped, and a
//!   lone `ESC` becomes the Esc key.

use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

/// The longest escape sequence kept; a longer one is dropped.
pub const MAX_SEQUENCE: usize = 64;

/// Turns terminal input into events, keeping an incomplete sequence for the next bytes.
#[derive(Debug, Default)]
pub struct Parser {
    /// The start of an escape sequence or a UTF-8 character not complete yet.
    pending: Vec<u8>,
}

/// What the bytes at the front of the input are.
enum Step {
    /// An event, from this many bytes.
    Event(Event, usize),
    /// This many bytes mean nothing to us: drop them.
    Skip(usize),
    /// The start of something longer: wait for more bytes.
    Incomplete,
}

impl Parser {
    /// Reads `bytes`, pushing every complete event to `out`.
    pub fn feed(&mut self, bytes: &[u8], out: &mut Vec<Event>) {
        let mut buf = std::mem::take(&mut self.pending);
        buf.extend_from_slice(bytes);
        let mut i = 0;
        while i < buf.len() {
            match step(&buf[i..]) {
                Step::Event(ev, n) => {
                    out.push(ev);
                    i += n;
                }
                Step::Skip(n) => i += n.max(1),
                Step::Incomplete => break,
            }
        }
        buf.drain(..i);
        self.pending = buf;
    }

    /// True while the start of a sequence waits for its end.
    pub fn has_pending(&self) -> bool {
        !self.pending.is_empty()
    }

    /// No more input came in time: a lone `ESC` is the Esc key, anything else incomplete
    /// is dropped.
    pub fn flush(&mut self, out: &mut Vec<Event>) {
        if self.pending == [0x1b] {
            out.push(key(KeyCode::Esc, KeyModifiers::NONE));
        }
        self.pending.clear();
    }
}

fn key(code: KeyCode, modifiers: KeyModifiers) -> Event {
    Event::Key(KeyEvent::new(code, modifiers))
}

fn step(b: &[u8]) -> Step {
    match b[0] {
        0x1b => escape(b),
        c if c < 0x20 || c == 0x7f => Step::Event(control(c), 1),
        _ => utf8(b),
    }
}

/// A control byte as a key: Enter, Tab, Backspace or Ctrl with a letter.
fn control(c: u8) -> Event {
    match c {
        b'\r' | b'\n' => key(KeyCode::Enter, KeyModifiers::NONE),
        b'\t' => key(KeyCode::Tab, KeyModifiers::NONE),
        0x7f | 0x08 => key(KeyCode::Backspace, KeyModifiers::NONE),
        0x00 => key(KeyCode::Char(' '), KeyModifiers::CONTROL),
        0x01..=0x1a => key(
            KeyCode::Char(char::from(c - 1 + b'a')),
            KeyModifiers::CONTROL,
        ),
        _ => key(
            KeyCode::Char(char::from(c - 0x1c + b'4')),
            KeyModifiers::CONTROL,
        ),
    }
}

/// One UTF-8 character as a key (an upper-case letter carries Shift, as crossterm does).
fn utf8(b: &[u8]) -> Step {
    let need = match b[0] {
        0x20..=0x7e => 1,
        0xc2..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf4 => 4,
        _ => return Step::Skip(1),
    };
    let have = b.len().min(need);
    if b[1..have].iter().any(|&c| !(0x80..=0xbf).contains(&c)) {
        return Step::Skip(1);
    }
    if have < need {
        return Step::Incomplete;
    }
    match std::str::from_utf8(&b[..need])
        .ok()
        .and_then(|s| s.chars().next())
    {
        Some(c) => {
            let m = if c.is_uppercase() {
                KeyModifiers::SHIFT
            } else {
                KeyModifiers::NONE
            };
            Step::Event(key(KeyCode::Char(c), m), need)
        }
        None => Step::Skip(1),
    }
}

fn escape(b: &[u8]) -> Step {
    let Some(&second) = b.get(1) else {
        return Step::Incomplete;
    };
    match second {
        b'[' => csi(b),
        b'O' => match b.get(2) {
            None => Step::Incomplete,
            Some(&c) => match ss3(c) {
                Some(code) => Step::Event(key(code, KeyModifiers::NONE), 3),
                // Alt-O, then the next byte on its own.
                None => Step::Event(key(KeyCode::Char('O'), alt_shift()), 2),
            },
        },
        // Esc, and the second ESC starts anew.
        0x1b => Step::Event(key(KeyCode::Esc, KeyModifiers::NONE), 1),
        _ => match step(&b[1..]) {
            Step::Event(Event::Key(mut k), n) => {
                k.modifiers |= KeyModifiers::ALT;
                Step::Event(Event::Key(k), n + 1)
            }
            Step::Event(_, n) | Step::Skip(n) => Step::Skip(n + 1),
            Step::Incomplete => Step::Incomplete,
        },
    }
}

fn alt_shift() -> KeyModifiers {
    KeyModifiers::ALT | KeyModifiers::SHIFT
}

fn ss3(c: u8) -> Option<KeyCode> {
    Some(match c {
        b'A' => KeyCode::Up,
        b'B' => KeyCode::Down,
        b'C' => KeyCode::Right,
        b'D' => KeyCode::Left,
        b'H' => KeyCode::Home,
        b'F' => KeyCode::End,
        b'P'..=b'S' => KeyCode::F(1 + c - b'P'),
        _ => return None,
    })
}

/// `ESC [` parameters, intermediates and a final byte.
fn csi(b: &[u8]) -> Step {
    if b.len() == 2 {
        return Step::Incomplete;
    }
    if b[2] == b'M' {
        // X10 mouse: three raw bytes follow, each 32 or more; a control byte ends it.
        if let Some(bad) = b[3..b.len().min(6)].iter().position(|&c| c < 0x20) {
            return Step::Skip(3 + bad);
        }
        if b.len() < 6 {
            return Step::Incomplete;
        }
        let at = |i: usize| u16::from(b[i].saturating_sub(33));
        return match mouse(u16::from(b[3].saturating_sub(32)), at(4), at(5), true) {
            Some(ev) => Step::Event(ev, 6),
            None => Step::Skip(6),
        };
    }
    let mut j = 2;
    loop {
        let Some(&c) = b.get(j) else {
            return Step::Incomplete;
        };
        match c {
            0x20..=0x3f => {}
            0x40..=0x7e => break,
            // A control byte (or anything else) ends the sequence and is read on its own.
            _ => return Step::Skip(j),
        }
        j += 1;
        if j >= MAX_SEQUENCE {
            return Step::Skip(j);
        }
    }
    let params = std::str::from_utf8(&b[2..j]).unwrap_or("");
    match decode_csi(params, b[j]) {
        Some(ev) => Step::Event(ev, j + 1),
        None => Step::Skip(j + 1),
    }
}

fn decode_csi(params: &str, last: u8) -> Option<Event> {
    if let Some(sgr) = params.strip_prefix('<') {
        let mut n = numbers(sgr);
        let (cb, x, y) = (n.next()??, n.next()??, n.next()??);
        let press = match last {
            b'M' => true,
            b'm' => false,
            _ => return None,
        };
        return mouse(cb, x.saturating_sub(1), y.saturating_sub(1), press);
    }
    if !params
        .bytes()
        .all(|c| c.is_ascii_digit() || c == b';' || c == b':')
    {
        // Private (`?`, `>`, ...) replies and reports: nothing a user typed.
        return None;
    }
    let mut n = numbers(params);
    let first = n.next().flatten().unwrap_or(1);
    let mods = modifiers(n.next().flatten().unwrap_or(1));
    let code = match last {
        // `CSI 1;m X`; another first number (`CSI 12;40R`, a cursor report) is not a key.
        b'A' | b'B' | b'C' | b'D' | b'H' | b'F' | b'P' | b'Q' | b'R' | b'S' if first == 1 => {
            ss3(last)?
        }
        b'Z' => return Some(key(KeyCode::BackTab, KeyModifiers::SHIFT | mods)),
        b'~' => match first {
            1 | 7 => KeyCode::Home,
            2 => KeyCode::Insert,
            3 => KeyCode::Delete,
            4 | 8 => KeyCode::End,
            5 => KeyCode::PageUp,
            6 => KeyCode::PageDown,
            11..=15 => KeyCode::F(u8::try_from(first - 10).ok()?),
            17..=21 => KeyCode::F(u8::try_from(first - 11).ok()?),
            23..=26 => KeyCode::F(u8::try_from(first - 12).ok()?),
            // 200 and 201 (paste start and end) and the rest: dropped.
            _ => return None,
        },
        _ => return None,
    };
    Some(key(code, mods))
}

/// The numbers of `a;b;c` (a sub-parameter after `:` is ignored); `None` for an empty or
/// too large one.
fn numbers(s: &str) -> impl Iterator<Item = Option<u16>> + '_ {
    s.split(';')
        .map(|p| p.split(':').next().and_then(|v| v.parse().ok()))
}

/// xterm's modifier parameter: 1 + (Shift 1, Alt 2, Ctrl 4).
fn modifiers(p: u16) -> KeyModifiers {
    let bits = p.saturating_sub(1);
    let mut m = KeyModifiers::NONE;
    if bits & 1 != 0 {
        m |= KeyModifiers::SHIFT;
    }
    if bits & 2 != 0 {
        m |= KeyModifiers::ALT;
    }
    if bits & 4 != 0 {
        m |= KeyModifiers::CONTROL;
    }
    m
}

/// A mouse report: button code, 0-based column and row, press (or release).
fn mouse(cb: u16, column: u16, row: u16, press: bool) -> Option<Event> {
    let button = |n: u16| match n & 3 {
        0 => Some(MouseButton::Left),
        1 => Some(MouseButton::Middle),
        2 => Some(MouseButton::Right),
        _ => None,
    };
    let kind = if cb & 64 != 0 {
        match cb & 3 {
            0 => MouseEventKind::ScrollUp,
            1 => MouseEventKind::ScrollDown,
            2 => MouseEventKind::ScrollLeft,
            _ => MouseEventKind::ScrollRight,
        }
    } else if cb & 32 != 0 {
        match button(cb) {
            Some(b) => MouseEventKind::Drag(b),
            None => MouseEventKind::Moved,
        }
    } else if press {
        match button(cb) {
            Some(b) => MouseEventKind::Down(b),
            // X10 reports every release as button 3.
            None => MouseEventKind::Up(MouseButton::Left),
        }
    } else {
        MouseEventKind::Up(button(cb)?)
    };
    let mut modifiers = KeyModifiers::NONE;
    if cb & 4 != 0 {
        modifiers |= KeyModifiers::SHIFT;
    }
    if cb & 8 != 0 {
        modifiers |= KeyModifiers::ALT;
    }
    if cb & 16 != 0 {
        modifiers |= KeyModifiers::CONTROL;
    }
    Some(Event::Mouse(MouseEvent {
        kind,
        column,
        row,
        modifiers,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(chunks: &[&[u8]]) -> (Vec<Event>, Parser) {
        let mut p = Parser::default();
        let mut out = Vec::new();
        for c in chunks {
            p.feed(c, &mut out);
        }
        (out, p)
    }

    fn keys(bytes: &[u8]) -> Vec<(KeyCode, KeyModifiers)> {
        let (out, _) = parse(&[bytes]);
        out.into_iter()
            .map(|e| match e {
                Event::Key(k) => (k.code, k.modifiers),
                other => panic!("not a key: {other:?}"),
            })
            .collect()
    }

    const N: KeyModifiers = KeyModifiers::NONE;
    const C: KeyModifiers = KeyModifiers::CONTROL;

    #[test]
    fn plain_keys_control_keys_and_korean() {
        assert_eq!(
            keys("aQ가\r\t\x7f\x03".as_bytes()),
            vec![
                (KeyCode::Char('a'), N),
                (KeyCode::Char('Q'), KeyModifiers::SHIFT),
                (KeyCode::Char('가'), N),
                (KeyCode::Enter, N),
                (KeyCode::Tab, N),
                (KeyCode::Backspace, N),
                (KeyCode::Char('c'), C),
            ]
        );
    }

    #[test]
    fn a_character_split_across_reads_is_joined() {
        let bytes = "한".as_bytes();
        let (out, p) = parse(&[&bytes[..1], &bytes[1..2], &bytes[2..]]);
        assert_eq!(out, vec![key(KeyCode::Char('한'), N)]);
        assert!(!p.has_pending());
    }

    #[test]
    fn invalid_utf8_is_dropped_and_the_rest_is_read() {
        assert_eq!(
            keys(b"\xff\xc3q\x80x"),
            vec![(KeyCode::Char('q'), N), (KeyCode::Char('x'), N)]
        );
    }

    #[test]
    fn arrows_function_keys_and_modifiers() {
        assert_eq!(
            keys(b"\x1b[A\x1bOB\x1b[1;5C\x1b[3~\x1b[5;2~\x1b[15~\x1bOP\x1b[Z\x1b[H\x1b[4~"),
            vec![
                (KeyCode::Up, N),
                (KeyCode::Down, N),
                (KeyCode::Right, C),
                (KeyCode::Delete, N),
                (KeyCode::PageUp, KeyModifiers::SHIFT),
                (KeyCode::F(5), N),
                (KeyCode::F(1), N),
                (KeyCode::BackTab, KeyModifiers::SHIFT),
                (KeyCode::Home, N),
                (KeyCode::End, N),
            ]
        );
    }

    #[test]
    fn escape_then_a_key_in_one_read_is_alt_and_a_lone_escape_waits_for_flush() {
        assert_eq!(
            keys(b"\x1bq"),
            vec![(KeyCode::Char('q'), KeyModifiers::ALT)]
        );
        let (mut out, mut p) = parse(&[b"\x1b"]);
        assert!(out.is_empty() && p.has_pending());
        p.flush(&mut out);
        assert_eq!(out, vec![key(KeyCode::Esc, N)]);
        assert!(!p.has_pending());
        assert_eq!(
            keys(b"\x1b\x1b"),
            vec![(KeyCode::Esc, N)],
            "the second ESC waits"
        );
    }

    #[test]
    fn a_paste_start_without_its_end_swallows_nothing() {
        assert_eq!(
            keys(b"\x1b[200~q\x03"),
            vec![(KeyCode::Char('q'), N), (KeyCode::Char('c'), C)]
        );
        assert_eq!(
            keys(b"\x1b[200~ab\x1b[201~"),
            vec![(KeyCode::Char('a'), N), (KeyCode::Char('b'), N)]
        );
    }

    #[test]
    fn a_control_byte_ends_a_sequence_and_counts_as_a_key() {
        assert_eq!(keys(b"\x1b[12;3\x03"), vec![(KeyCode::Char('c'), C)]);
        assert_eq!(
            keys(b"\x1b[\rq"),
            vec![(KeyCode::Enter, N), (KeyCode::Char('q'), N)]
        );
    }

    #[test]
    fn an_overlong_or_unknown_sequence_is_dropped() {
        let mut long = b"\x1b[".to_vec();
        long.extend(std::iter::repeat_n(b'1', 10_000));
        long.extend(b"q");
        let (out, p) = parse(&[&long]);
        // The digits after the dropped sequence are keys again; `q` is the last one.
        assert_eq!(out.last(), Some(&key(KeyCode::Char('q'), N)));
        assert!(!p.has_pending());
        assert!(keys(b"\x1b[?1;2c\x1b[12;40R\x1b[I").is_empty());
    }

    #[test]
    fn a_sequence_split_across_reads_is_joined() {
        let (out, _) = parse(&[b"\x1b", b"[1;", b"5", b"A"]);
        assert_eq!(out, vec![key(KeyCode::Up, C)]);
    }

    #[test]
    fn sgr_and_x10_mouse() {
        let (out, _) = parse(&[b"\x1b[<0;10;5M\x1b[<0;10;5m\x1b[<65;3;4M\x1b[M !!"]);
        let kinds: Vec<_> = out
            .iter()
            .map(|e| match e {
                Event::Mouse(m) => (m.kind, m.column, m.row),
                other => panic!("not a mouse event: {other:?}"),
            })
            .collect();
        assert_eq!(
            kinds,
            vec![
                (MouseEventKind::Down(MouseButton::Left), 9, 4),
                (MouseEventKind::Up(MouseButton::Left), 9, 4),
                (MouseEventKind::ScrollDown, 2, 3),
                (MouseEventKind::Down(MouseButton::Left), 0, 0),
            ]
        );
    }

    #[test]
    fn any_bytes_leave_at_most_one_short_sequence_pending() {
        // A cheap fuzz: every byte pattern from a small generator is read without panic,
        // and what stays pending is shorter than the longest sequence.
        let mut x: u32 = 12345;
        let mut p = Parser::default();
        let mut out = Vec::new();
        for _ in 0..2_000 {
            let mut chunk = Vec::new();
            for _ in 0..(x % 17) {
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                let pick = [
                    0x1b, b'[', b'<', b';', b'2', b'0', b'~', b'M', 0x03, 0xe2, 0x80,
                ];
                chunk.push(if x.is_multiple_of(3) {
                    (x >> 16) as u8
                } else {
                    pick[(x >> 8) as usize % pick.len()]
                });
            }
            p.feed(&chunk, &mut out);
            assert!(p.pending.len() < MAX_SEQUENCE, "{:?}", p.pending);
        }
        // Ctrl-C after whatever came before gets through: the first one may end a pending
        // sequence (a pending ESC makes it Ctrl-Alt-C), the second is plain.
        out.clear();
        p.feed(b"\x03\x03", &mut out);
        assert_eq!(out.last(), Some(&key(KeyCode::Char('c'), C)));
        assert!(!p.has_pending());
    }
}
