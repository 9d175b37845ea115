//! Lines → text with ANSI SGR escape codes.

use std::fmt::Write;

use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Line;

/// `lines` as text with SGR escape codes: foreground and background colours
/// (named, indexed and RGB) and bold, dim, italic, underlined, blinking,
/// reversed, hidden and crossed-out. Styles are reset at the end of every
/// line that used one. Trailing spaces without a background colour are
/// trimmed, as in [`to_plain`](super::to_plain).
pub fn to_ansi(lines: &[Line]) -> String {
    let mut out = String::new();
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        // Index of the last span with visible content, and how much of it.
        let mut keep = Vec::with_capacity(line.spans.len());
        let mut seen_visible = false;
        for span in line.spans.iter().rev() {
            let style = line.style.patch(span.style);
            let text: &str = &span.content;
            let len = if seen_visible || has_bg(style) {
                text.len()
            } else {
                text.trim_end_matches(' ').len()
            };
            if len > 0 {
                seen_visible = true;
            }
            keep.push(len);
        }
        keep.reverse();
        let mut active = Style::default();
        for (span, &len) in line.spans.iter().zip(&keep) {
            if len == 0 {
                continue;
            }
            let style = line.style.patch(span.style);
            if style != active {
                if active != Style::default() {
                    out.push_str("\x1b[0m");
                }
                push_sgr(&mut out, style);
                active = style;
            }
            out.push_str(&crate::sanitize::clean(&span.content[..len]));
        }
        if active != Style::default() {
            out.push_str("\x1b[0m");
        }
    }
    out
}

fn has_bg(style: Style) -> bool {
    matches!(style.bg, Some(c) if c != Color::Reset)
}

fn push_sgr(out: &mut String, style: Style) {
    let mut codes: Vec<String> = Vec::new();
    let m = style.add_modifier - style.sub_modifier;
    for (flag, code) in [
        (Modifier::BOLD, "1"),
        (Modifier::DIM, "2"),
        (Modifier::ITALIC, "3"),
        (Modifier::UNDERLINED, "4"),
        (Modifier::SLOW_BLINK, "5"),
        (Modifier::RAPID_BLINK, "6"),
        (Modifier::REVERSED, "7"),
        (Modifier::HIDDEN, "8"),
        (Modifier::CROSSED_OUT, "9"),
    ] {
        if m.contains(flag) {
            codes.push(code.to_string());
        }
    }
    if let Some(c) = style.fg {
        codes.push(color_code(c, false));
    }
    if let Some(c) = style.bg {
        codes.push(color_code(c, true));
    }
    if !codes.is_empty() {
        let _ = write!(out, "\x1b[{}m", codes.join(";"));
    }
}

fn color_code(c: Color, bg: bool) -> String {
    let base = if bg { 40 } else { 30 };
    let bright = if bg { 100 } else { 90 };
    let ext = if bg { 48 } else { 38 };
    match c {
        Color::Reset => (base + 9).to_string(),
        Color::Black => base.to_string(),
        Color::Red => (base + 1).to_string(),
        Color::Green => (base + 2).to_string(),
        Color::Yellow => (base + 3).to_string(),
        Color::Blue => (base + 4).to_string(),
        Color::Magenta => (base + 5).to_string(),
        Color::Cyan => (base + 6).to_string(),
        Color::Gray => (base + 7).to_string(),
        Color::DarkGray => bright.to_string(),
        Color::LightRed => (bright + 1).to_string(),
        Color::LightGreen => (bright + 2).to_string(),
        Color::LightYellow => (bright + 3).to_string(),
        Color::LightBlue => (bright + 4).to_string(),
        Color::LightMagenta => (bright + 5).to_string(),
        Color::LightCyan => (bright + 6).to_string(),
        Color::White => (bright + 7).to_string(),
        Color::Indexed(i) => format!("{ext};5;{i}"),
        Color::Rgb(r, g, b) => format!("{ext};2;{r};{g};{b}"),
    }
}
