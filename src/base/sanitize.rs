//! Text from files (a landscape, a content folder, a stack file, data files) is shown in a
//! terminal: a control character in it could move the cursor, clear the screen, set the
//! window title, write the clipboard (OSC 52) or plant a disguised link (OSC 8). Output
//! passes through [`clean`], which turns every such character into a visible stand-in.

use std::borrow::Cow;

/// Whether a character must not reach a terminal as it is: C0 controls (but newline and
/// tab), DEL, C1 controls, and the bidirectional controls that reorder what is shown.
pub fn is_unsafe(c: char) -> bool {
    match c {
        '\n' | '\t' => false,
        '\u{0}'..='\u{1f}' | '\u{7f}' | '\u{80}'..='\u{9f}' => true,
        '\u{200e}' | '\u{200f}' | '\u{061c}' => true,
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => true,
        _ => false,
    }
}

/// The visible stand-in of an unsafe character: the control pictures (`␛` for ESC) for
/// C0 and DEL, `�` for the others.
fn stand_in(c: char) -> char {
    match c {
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
        '\u{7f}' => '\u{2421}',
        _ => '\u{fffd}',
    }
}

/// `s` with every unsafe character replaced by a visible stand-in (borrowed when clean).
/// A CR that ends a line (CRLF, as CSV writes) is kept; a lone CR, which would move the
/// cursor back over the line, is not.
pub fn clean(s: &str) -> Cow<'_, str> {
    let crlf = |i: usize, c: char| c == '\r' && s[i + 1..].starts_with('\n');
    if !s.char_indices().any(|(i, c)| is_unsafe(c) && !crlf(i, c)) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.char_indices()
            .map(|(i, c)| {
                if is_unsafe(c) && !crlf(i, c) {
                    stand_in(c)
                } else {
                    c
                }
            })
            .collect(),
    )
}

/// The first unsafe character of `s`, as (byte offset, char), for checks that report it.
pub fn first_unsafe(s: &str) -> Option<(usize, char)> {
    s.char_indices().find(|(_, c)| is_unsafe(*c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_bidi_controls_become_visible() {
        let evil = "Evil\u{1b}]52;c;aGk=\u{7}Tool\u{1b}[2J\u{9b}x\u{202e}y";
        let c = clean(evil);
        assert!(!c.chars().any(is_unsafe), "{c}");
        assert_eq!(c, "Evil␛]52;c;aGk=␇Tool␛[2J�x�y");
        assert!(matches!(clean("plain 한국어\n\tok"), Cow::Borrowed(_)));
        assert_eq!(first_unsafe("ab\u{1b}"), Some((2, '\u{1b}')));
        assert_eq!(
            clean("a,b\r\nc\rd"),
            "a,b\r\nc␍d",
            "CRLF stays, a lone CR does not"
        );
    }
}
