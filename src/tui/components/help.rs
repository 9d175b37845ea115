//! The `?` help: the commands of what has the focus first, then the keys that work
//! everywhere, with the user's own keys. Typing filters it; ↑↓ choose; Enter runs the
//! chosen command (as yazi's help does); Esc closes it.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use crate::tui::action::{Action, Effect};
use crate::tui::app::App;
use crate::tui::input::{InputEvent, TextInput};
use crate::tui::registry::{self, Command, help_sections, keys_label};
use crate::tui::widgets::{clear_popup, fit, panel};

/// One row of the help: its section and the command.
#[derive(Debug, Clone)]
pub struct Entry {
    pub section: String,
    pub command: Command,
    /// Keys and label, lowercased, for the filter.
    hay: String,
}

#[derive(Debug, Clone)]
pub struct Help {
    pub filter: TextInput,
    pub entries: Vec<Entry>,
    /// The chosen row among the filtered ones.
    pub selected: usize,
    /// Characters bound to `help` ("?"), which close the help while the filter is empty.
    closers: Vec<char>,
}

impl Help {
    /// The help for the app's state now.
    pub fn new(app: &App) -> Help {
        let t = app.text();
        let mut entries = Vec::new();
        for s in help_sections(app) {
            for c in s.commands {
                let keys = keys_label(&app.keymap, c.action).unwrap_or_default();
                let hay = format!("{keys} {}", c.text(t)).to_lowercase();
                entries.push(Entry {
                    section: s.title.clone(),
                    command: c,
                    hay,
                });
            }
        }
        let closers = app
            .keymap
            .keys(Action::Help)
            .iter()
            .filter_map(|k| match k.code {
                ratatui::crossterm::event::KeyCode::Char(c) if !k.ctrl && !k.alt => Some(c),
                _ => None,
            })
            .collect();
        let mut filter = TextInput::default();
        filter.focus();
        Help {
            filter,
            entries,
            selected: 0,
            closers,
        }
    }

    /// The rows that match the filter (every word of it, in keys or label).
    pub fn shown(&self) -> Vec<&Entry> {
        let words: Vec<String> = self
            .filter
            .text()
            .split_whitespace()
            .map(str::to_lowercase)
            .collect();
        self.entries
            .iter()
            .filter(|e| words.iter().all(|w| e.hay.contains(w.as_str())))
            .collect()
    }

    pub fn update(&mut self, action: Action, close: &mut bool) -> Effect {
        match action {
            Action::Char(c) if self.filter.is_empty() && self.closers.contains(&c) => {
                *close = true;
            }
            Action::Help | Action::Back => *close = true,
            Action::Quit => return Effect::Quit,
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => {
                let n = self.shown().len();
                self.selected = (self.selected + 1).min(n.saturating_sub(1));
            }
            Action::PageUp => self.selected = self.selected.saturating_sub(10),
            Action::PageDown => {
                let n = self.shown().len();
                self.selected = (self.selected + 10).min(n.saturating_sub(1));
            }
            Action::Open => {
                let chosen = self.shown().get(self.selected).map(|e| e.command.action);
                *close = true;
                // Running `back` or `help` from the help just closes it.
                return match chosen {
                    Some(Action::Back | Action::Help) | None => Effect::None,
                    Some(a) => Effect::Run(a),
                };
            }
            Action::Click(..) => *close = true,
            a => {
                if self.filter.handle(a) == InputEvent::Changed {
                    self.selected = 0;
                }
            }
        }
        Effect::None
    }
}

/// Draws the help over the screen.
pub fn draw(app: &App, frame: &mut Frame, help: &Help) {
    let ui = &app.theme.ui;
    let t = app.text();
    let area = frame.area();
    let shown = help.shown();
    let key_w = shown
        .iter()
        .map(|e| {
            registry::keys_label(&app.keymap, e.command.action)
                .unwrap_or_default()
                .width()
        })
        .max()
        .unwrap_or(4)
        .min(16);
    let w = area.width.saturating_sub(4).clamp(10, 76).min(area.width);
    let h = area.height.saturating_sub(2).max(3).min(area.height);
    let r = Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    );
    clear_popup(frame, r);
    let inner_w = usize::from(w.saturating_sub(4));
    let mut lines: Vec<(Line, Option<usize>)> = Vec::new();
    let mut section = "";
    for (i, e) in shown.iter().enumerate() {
        if e.section != section {
            if !section.is_empty() {
                lines.push((Line::default(), None));
            }
            section = &e.section;
            lines.push((
                Line::from(Span::styled(fit(section, inner_w), ui.title)),
                None,
            ));
        }
        let keys = registry::keys_label(&app.keymap, e.command.action).unwrap_or_default();
        let keys = fit(&keys, key_w);
        let pad = " ".repeat(key_w.saturating_sub(keys.width()));
        let label = fit(e.command.text(t), inner_w.saturating_sub(key_w + 2));
        let st = if i == help.selected {
            ui.selected
        } else {
            ui.item
        };
        lines.push((
            Line::from(vec![
                Span::styled(format!("{keys}{pad}  "), ui.key),
                Span::styled(label, st),
            ]),
            Some(i),
        ));
    }
    if shown.is_empty() {
        lines.push((
            Line::from(Span::styled(t.tools.no_results_short.clone(), ui.warning)),
            None,
        ));
    }
    // The filter row, then the rows; the chosen row stays in view.
    let rows = usize::from(h.saturating_sub(4));
    let sel_line = lines
        .iter()
        .position(|(_, i)| *i == Some(help.selected))
        .unwrap_or(0);
    let skip = sel_line.saturating_sub(rows.saturating_sub(1));
    let visible: Vec<Line> = lines
        .into_iter()
        .skip(skip)
        .take(rows)
        .map(|(l, _)| l)
        .collect();
    let b = panel(app, &t.ui.help_title, true).title_bottom(
        Line::from(Span::styled(
            fit(&format!(" {} ", t.ui.help_footer), inner_w),
            ui.dim,
        ))
        .right_aligned(),
    );
    frame.render_widget(b, r);
    let text = crate::tui::widgets::text_area(r);
    if text.height < 2 {
        return;
    }
    let prompt = format!("{}: ", t.command("help_filter"));
    help.filter.render(
        frame,
        Rect::new(text.x, text.y, text.width, 1),
        &prompt,
        (ui.dim, ui.item),
    );
    frame.render_widget(
        Paragraph::new(visible),
        Rect::new(
            text.x,
            text.y + 2,
            text.width,
            text.height.saturating_sub(2),
        ),
    );
}
