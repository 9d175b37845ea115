//! PLACEHOLDER while the real renderer is developed in a scratch crate; replaced before landing.
use ratatui::style::Style;
use ratatui::text::Line;
use unicode_width::UnicodeWidthStr;

#[derive(Debug, Clone, Default)]
pub struct MdStyles {
    pub h1: Style,
}
impl MdStyles {
    pub fn plain() -> Self {
        Self::default()
    }
}
pub const MIN_WIDTH: usize = 10;
pub fn render(src: &str, width: usize, _styles: &MdStyles) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    for l in src.lines() {
        let mut cur = String::new();
        for ch in l.chars() {
            if UnicodeWidthStr::width(cur.as_str()) + 2 > width {
                out.push(Line::from(std::mem::take(&mut cur)));
            }
            cur.push(ch);
        }
        out.push(Line::from(cur));
    }
    out
}
pub fn to_plain(lines: &[Line]) -> String {
    lines
        .iter()
        .map(|l| l.to_string())
        .collect::<Vec<_>>()
        .join("\n")
}
pub fn to_ansi(lines: &[Line]) -> String {
    to_plain(lines)
}
pub fn line_width(line: &Line) -> usize {
    line.width()
}
