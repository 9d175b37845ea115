//! A one-line text input with a cursor: the only place where printable keys become text.
//! A component owns one, focuses it on the user's request (`/`, Enter on an answer field)
//! and draws it with `render`, which also places the terminal cursor.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::action::Action;

/// What an input did with an action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputEvent {
    /// The text changed.
    Changed,
    /// The cursor moved; the text is the same.
    Moved,
    /// Enter: the owner acts on the text.
    Submit,
    /// Esc: the input lost focus (its text is kept).
    Left,
    /// Not an editing action.
    Ignored,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextInput {
    text: String,
    /// The cursor, in characters from the start.
    cursor: usize,
    pub focused: bool,
}

impl TextInput {
    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    pub fn cursor(&self) -> usize {
        self.cursor
    }

    pub fn focus(&mut self) {
        self.focused = true;
        self.cursor = self.text.chars().count();
    }

    pub fn clear(&mut self) {
        self.text.clear();
        self.cursor = 0;
    }

    pub fn set(&mut self, text: &str) {
        self.text = text.to_string();
        self.cursor = self.text.chars().count();
    }

    fn byte_at(&self, char_index: usize) -> usize {
        self.text
            .char_indices()
            .nth(char_index)
            .map_or(self.text.len(), |(i, _)| i)
    }

    /// Applies an editing action while focused.
    pub fn handle(&mut self, action: Action) -> InputEvent {
        let n = self.text.chars().count();
        match action {
            Action::Char(c) if !c.is_control() => {
                let at = self.byte_at(self.cursor);
                self.text.insert(at, c);
                self.cursor += 1;
                InputEvent::Changed
            }
            Action::Backspace if self.cursor > 0 => {
                let at = self.byte_at(self.cursor - 1);
                self.text.remove(at);
                self.cursor -= 1;
                InputEvent::Changed
            }
            Action::Delete if self.cursor < n => {
                let at = self.byte_at(self.cursor);
                self.text.remove(at);
                InputEvent::Changed
            }
            Action::Backspace | Action::Delete => InputEvent::Moved,
            Action::CursorLeft => {
                self.cursor = self.cursor.saturating_sub(1);
                InputEvent::Moved
            }
            Action::CursorRight => {
                self.cursor = (self.cursor + 1).min(n);
                InputEvent::Moved
            }
            Action::CursorHome => {
                self.cursor = 0;
                InputEvent::Moved
            }
            Action::CursorEnd => {
                self.cursor = n;
                InputEvent::Moved
            }
            Action::Open => InputEvent::Submit,
            Action::Back => {
                self.focused = false;
                InputEvent::Left
            }
            _ => InputEvent::Ignored,
        }
    }

    /// Draws `prompt` and the text on one row; when focused, the terminal cursor is put
    /// after the text (the part before the cursor is kept in view when it is long).
    pub fn render(&self, frame: &mut Frame, area: Rect, prompt: &str, styles: (Style, Style)) {
        if area.width == 0 || area.height == 0 {
            return;
        }
        let (prompt_style, text_style) = styles;
        let pw = prompt.width();
        let room = usize::from(area.width).saturating_sub(pw + 1);
        let before: String = self.text.chars().take(self.cursor).collect();
        // Skip characters from the start until the cursor fits.
        let mut skip = 0;
        let chars: Vec<char> = self.text.chars().collect();
        while before.chars().skip(skip).collect::<String>().width() > room {
            skip += 1;
        }
        let shown: String = chars.iter().skip(skip).collect();
        let shown = crate::tui::widgets::fit(&shown, room.max(1));
        let line = Line::from(vec![
            Span::styled(prompt.to_string(), prompt_style),
            Span::styled(shown, text_style),
        ]);
        frame.render_widget(Paragraph::new(line), area);
        if self.focused {
            let col: String = chars.iter().skip(skip).take(self.cursor - skip).collect();
            let x = area.x + u16::try_from(pw + col.width()).unwrap_or(area.width);
            frame.set_cursor_position(Position::new(x.min(area.right() - 1), area.y));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_at_the_cursor_by_character() {
        let mut i = TextInput::default();
        i.focus();
        for c in "쿠버s".chars() {
            i.handle(Action::Char(c));
        }
        assert_eq!(i.handle(Action::CursorLeft), InputEvent::Moved);
        i.handle(Action::Char('ㄴ'));
        assert_eq!(i.text(), "쿠버ㄴs");
        i.handle(Action::Backspace);
        i.handle(Action::Delete);
        assert_eq!(i.text(), "쿠버");
        i.handle(Action::CursorHome);
        i.handle(Action::Backspace);
        assert_eq!(i.text(), "쿠버", "nothing before the cursor");
        assert_eq!(i.handle(Action::Back), InputEvent::Left);
        assert!(!i.focused);
        assert_eq!(i.text(), "쿠버", "leaving keeps the text");
        assert_eq!(i.handle(Action::Up), InputEvent::Ignored);
    }
}
