//! Pictures drawn by the app (the DevOps loop, the CI/CD pipeline) and the small drawing
//! helpers every pane shares.

pub mod loop_diagram;
pub mod pipeline;
pub mod your_pipeline;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType};
use unicode_width::UnicodeWidthStr;

use crate::tui::app::{App, inner};

/// Width of a string in terminal columns, as u16.
pub fn cols(s: &str) -> u16 {
    u16::try_from(s.width()).unwrap_or(u16::MAX)
}

/// Cuts `s` to `width` columns, ending with '…' when cut.
pub fn fit(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    let mut out = String::new();
    for ch in s.chars() {
        if out.width() + ch.to_string().width() + 1 > width {
            break;
        }
        out.push(ch);
    }
    out.push('…');
    out
}

/// Where text goes in a bordered block: inside the border, one column of padding each side.
pub fn text_area(area: Rect) -> Rect {
    let i = inner(area);
    Rect::new(i.x + 1, i.y, i.width.saturating_sub(2), i.height)
}

/// The area of an overlay drawn over the whole screen: nearly all of it, at most 100 wide.
pub fn popup(area: Rect) -> Rect {
    let w = area.width.saturating_sub(4).clamp(10, 100).min(area.width);
    let h = area.height.saturating_sub(2).max(3).min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// Clears an overlay's area and the column on each side of it, so that no wide character
/// of the pane below straddles the overlay's border (a terminal would draw the character
/// over the border cell).
pub fn clear_popup(frame: &mut ratatui::Frame, r: Rect) {
    let area = frame.area();
    let x = r.x.saturating_sub(1).max(area.x);
    let right = r.right().saturating_add(1).min(area.right());
    let wide = Rect::new(x, r.y, right.saturating_sub(x), r.height).intersection(area);
    frame.render_widget(ratatui::widgets::Clear, wide);
}

/// Writes a pane's key hints on the last line of its text area.
pub fn key_line(buf: &mut Buffer, text: Rect, keys: &str, style: Style) {
    if text.height == 0 {
        return;
    }
    let w = usize::from(text.width);
    buf.set_stringn(text.x, text.bottom() - 1, fit(keys, w), w, style);
}

/// The bordered, titled block every pane and picture sits in; the focused one is highlighted.
pub fn panel<'a>(app: &App, title: &str, focused: bool) -> Block<'a> {
    let ui = &app.theme.ui;
    Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(if focused { ui.border_focus } else { ui.border })
        .title(Span::styled(format!(" {title} "), ui.title))
}

/// Plain text (not Markdown: `*`, `#`, `_` stay as they are) wrapped to a width by the
/// Markdown renderer, in one style.
pub fn wrap_plain(app: &App, text: &str, width: u16, style: Style) -> Vec<Line<'static>> {
    crate::markdown::render(
        &crate::markdown::escape(text),
        usize::from(width.max(1)),
        &app.theme.md,
    )
    .into_iter()
    .map(|l| l.style(style))
    .collect()
}
