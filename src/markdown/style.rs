use ratatui::style::{Color, Modifier, Style};

/// One style per Markdown element. `Default` is a coloured theme built from
/// the 16 named colours (so it follows the terminal's palette); [`plain`]
/// leaves everything unstyled, for `NO_COLOR`.
///
/// [`plain`]: MdStyles::plain
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MdStyles {
    /// Level-1 heading text (a `═` rule is drawn under it).
    pub h1: Style,
    /// Level-2 heading text (a `─` rule is drawn under it).
    pub h2: Style,
    /// Level-3 heading text.
    pub h3: Style,
    /// Level 4, 5 and 6 heading text.
    pub h4: Style,
    pub emphasis: Style,
    pub strong: Style,
    pub strike: Style,
    pub code_inline: Style,
    /// Code block text and indent. With a background colour, lines of the
    /// block are padded so the block shows as a box.
    pub code_block: Style,
    /// The `↪` that starts a wrapped code line.
    pub code_marker: Style,
    pub link_text: Style,
    pub link_url: Style,
    pub image: Style,
    /// The `│` bar in front of quoted lines.
    pub quote_prefix: Style,
    pub list_marker: Style,
    pub table_border: Style,
    pub table_header: Style,
    /// Thematic breaks (`---`) and the `…` shown below `MIN_WIDTH`. (The
    /// rules under level-1 and level-2 headings take the heading's colour.)
    pub rule: Style,
    /// Footnote references `[1]` and definition labels.
    pub footnote: Style,
    /// Raw HTML, shown as text.
    pub html: Style,
    pub task_done: Style,
    pub task_todo: Style,
}

impl Default for MdStyles {
    fn default() -> Self {
        let fg = |c: Color| Style::default().fg(c);
        let bold = Modifier::BOLD;
        Self {
            h1: fg(Color::Cyan).add_modifier(bold),
            h2: fg(Color::Cyan).add_modifier(bold),
            h3: fg(Color::Blue).add_modifier(bold),
            h4: Style::default().add_modifier(bold),
            emphasis: Style::default().add_modifier(Modifier::ITALIC),
            strong: Style::default().add_modifier(bold),
            strike: Style::default().add_modifier(Modifier::CROSSED_OUT),
            code_inline: fg(Color::Yellow),
            code_block: fg(Color::Green),
            code_marker: fg(Color::DarkGray),
            link_text: fg(Color::Blue).add_modifier(Modifier::UNDERLINED),
            link_url: fg(Color::DarkGray),
            image: fg(Color::Magenta),
            quote_prefix: fg(Color::DarkGray),
            list_marker: fg(Color::Cyan),
            table_border: fg(Color::DarkGray),
            table_header: Style::default().add_modifier(bold),
            rule: fg(Color::DarkGray),
            footnote: fg(Color::Magenta),
            html: fg(Color::DarkGray).add_modifier(Modifier::DIM),
            task_done: fg(Color::Green),
            task_todo: fg(Color::Yellow),
        }
    }
}

impl MdStyles {
    /// Every element unstyled (for `NO_COLOR`).
    pub fn plain() -> Self {
        let s = Style::default();
        Self {
            h1: s,
            h2: s,
            h3: s,
            h4: s,
            emphasis: s,
            strong: s,
            strike: s,
            code_inline: s,
            code_block: s,
            code_marker: s,
            link_text: s,
            link_url: s,
            image: s,
            quote_prefix: s,
            list_marker: s,
            table_border: s,
            table_header: s,
            rule: s,
            footnote: s,
            html: s,
            task_done: s,
            task_todo: s,
        }
    }

    /// The style of a heading of level `level` (1..=6).
    pub fn heading(&self, level: usize) -> Style {
        match level {
            1 => self.h1,
            2 => self.h2,
            3 => self.h3,
            _ => self.h4,
        }
    }
}
