//! What opens over the current pane: a page (from a quiz answer, the advisor's weights,
//! the palette) or a tool's detail (whose links can be followed; Esc goes back along them).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::base::Lang;
use crate::library::Library;
use crate::tui::action::{Action, Effect};
use crate::tui::app::App;
use crate::tui::registry::Command;
use crate::tui::widgets::{clear_popup, fit, panel, popup, text_area};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    /// A page.
    Page { id: String, scroll: u16 },
    /// A document made on the spot (a job's evidence): its cache key and Markdown.
    Doc {
        key: String,
        md: String,
        scroll: u16,
    },
    /// A tool's detail; `link` is the selected tool it points to, `history` the tools
    /// followed to get here (Esc goes back).
    Tool {
        id: String,
        scroll: u16,
        link: usize,
        history: Vec<String>,
    },
}

const PAGE_COMMANDS: [Command; 4] = [
    Command::new(Action::Back).label("close").bar(),
    Command::new(Action::Down).label("scroll_down").bar(),
    Command::new(Action::Up).label("scroll_up"),
    Command::new(Action::PageDown),
];

const TOOL_COMMANDS: [Command; 6] = [
    Command::new(Action::Back).label("close").bar(),
    Command::new(Action::Right).label("next_link").bar(),
    Command::new(Action::Left).label("prev_link"),
    Command::new(Action::Open).label("follow_link").bar(),
    Command::new(Action::Down).label("scroll_down"),
    Command::new(Action::Up).label("scroll_up"),
];

/// Every overlay command (for the README).
pub fn all_commands() -> Vec<Command> {
    let mut v = PAGE_COMMANDS.to_vec();
    for c in TOOL_COMMANDS {
        if !v.iter().any(|p| (p.action, p.label) == (c.action, c.label)) {
            v.push(c);
        }
    }
    v
}

impl Overlay {
    pub fn tool(id: &str) -> Overlay {
        Overlay::Tool {
            id: id.to_string(),
            scroll: 0,
            link: 0,
            history: Vec::new(),
        }
    }

    pub fn page(id: &str) -> Overlay {
        Overlay::Page {
            id: id.to_string(),
            scroll: 0,
        }
    }

    fn scroll_mut(&mut self) -> &mut u16 {
        match self {
            Overlay::Page { scroll, .. }
            | Overlay::Doc { scroll, .. }
            | Overlay::Tool { scroll, .. } => scroll,
        }
    }

    pub fn commands(&self) -> Vec<Command> {
        match self {
            Overlay::Page { .. } | Overlay::Doc { .. } => PAGE_COMMANDS.to_vec(),
            Overlay::Tool { .. } => TOOL_COMMANDS.to_vec(),
        }
    }

    pub fn title_key(&self) -> &'static str {
        match self {
            Overlay::Page { .. } | Overlay::Doc { .. } => "kind_page",
            Overlay::Tool { .. } => "kind_tool",
        }
    }

    /// Applies an action; `Effect::Unhandled` for what the app handles (quit, help, the
    /// language...). Returns whether the overlay should close in `close`.
    pub fn update(
        &mut self,
        action: Action,
        lib: &Library,
        lang: Lang,
        close: &mut bool,
    ) -> Effect {
        match action {
            Action::Up | Action::Scroll(_, _, -1) => {
                let s = self.scroll_mut();
                *s = s.saturating_sub(1);
                return Effect::None;
            }
            Action::Down | Action::Scroll(_, _, 1) => {
                let s = self.scroll_mut();
                *s = s.saturating_add(1);
                return Effect::None;
            }
            Action::PageUp => {
                let s = self.scroll_mut();
                *s = s.saturating_sub(10);
                return Effect::None;
            }
            Action::PageDown => {
                let s = self.scroll_mut();
                *s = s.saturating_add(10);
                return Effect::None;
            }
            Action::Top => {
                *self.scroll_mut() = 0;
                return Effect::None;
            }
            _ => {}
        }
        match (self, action) {
            (
                Overlay::Page { .. } | Overlay::Doc { .. },
                Action::Back | Action::OpenPage | Action::Click(..),
            ) => {
                *close = true;
            }
            (Overlay::Tool { id, link, .. }, Action::Left | Action::Right) => {
                let n = lib
                    .catalog()
                    .get(id)
                    .map_or(0, |t| lib.tool_links(t, lang).len());
                if n > 0 {
                    let d = if action == Action::Left { n - 1 } else { 1 };
                    *link = (*link + d) % n;
                }
            }
            (
                Overlay::Tool {
                    id,
                    link,
                    scroll,
                    history,
                },
                Action::Open,
            ) => {
                let next = lib.catalog().get(id).and_then(|t| {
                    lib.tool_links(t, lang)
                        .get(*link)
                        .map(|(_, to)| to.to_string())
                });
                if let Some(next) = next {
                    history.push(std::mem::replace(id, next));
                    *link = 0;
                    *scroll = 0;
                }
            }
            (
                Overlay::Tool {
                    id,
                    link,
                    scroll,
                    history,
                },
                Action::Back,
            ) => match history.pop() {
                Some(prev) => {
                    *id = prev;
                    *link = 0;
                    *scroll = 0;
                }
                None => *close = true,
            },
            (Overlay::Tool { .. }, Action::Click(..)) => *close = true,
            _ => return Effect::Unhandled,
        }
        Effect::None
    }
}

/// Draws the overlay over the screen.
pub fn draw(app: &App, frame: &mut Frame, overlay: &Overlay) {
    match overlay {
        Overlay::Page { id, scroll } => draw_page(app, frame, id, *scroll),
        Overlay::Doc { key, md, scroll } => draw_doc(app, frame, key, md, *scroll),
        Overlay::Tool {
            id, scroll, link, ..
        } => super::catalog::draw::render_tool_overlay(app, frame, id, *scroll, *link),
    }
}

/// A page over the current pane, scrollable, closed with Esc.
fn draw_page(app: &App, frame: &mut Frame, id: &str, scroll: u16) {
    let ui = &app.theme.ui;
    let t = app.text();
    let r = popup(frame.area());
    clear_popup(frame, r);
    let Some(page) = app.lib.page(app.lang, id) else {
        frame.render_widget(
            Paragraph::new(Span::styled(t.ui.no_page.clone(), ui.warning))
                .block(panel(app, id, true)),
            r,
        );
        return;
    };
    let lines = app.rendered(page, r.width.saturating_sub(4).max(1));
    draw_lines(app, frame, r, &page.title, &lines, scroll);
}

/// Rendered lines in a bordered overlay: the title, the lines from `scroll`, and the
/// scroll position when they do not all fit.
fn draw_lines(
    app: &App,
    frame: &mut Frame,
    r: Rect,
    title: &str,
    lines: &[Line<'static>],
    scroll: u16,
) {
    let ui = &app.theme.ui;
    let t = app.text();
    let height = usize::from(r.height.saturating_sub(2));
    let scroll = usize::from(scroll).min(lines.len().saturating_sub(height));
    let b = panel(
        app,
        &fit(title, usize::from(r.width.saturating_sub(6))),
        true,
    );
    let b = if lines.len() > height {
        let pos = crate::i18n::fill(
            &t.ui.scroll_pos,
            &[
                ("pos", &(scroll + height).min(lines.len())),
                ("total", &lines.len()),
            ],
        );
        b.title_bottom(Line::from(Span::styled(format!(" {pos} "), ui.dim)).right_aligned())
    } else {
        b
    };
    frame.render_widget(b, r);
    let visible: Vec<Line> = lines.iter().skip(scroll).take(height).cloned().collect();
    frame.render_widget(Paragraph::new(visible), text_area(r));
}

/// A document made on the spot (a job's evidence), drawn like a page under its name.
fn draw_doc(app: &App, frame: &mut Frame, key: &str, md: &str, scroll: u16) {
    let r = popup(frame.area());
    clear_popup(frame, r);
    let lines = app.rendered_doc(key, r.width.saturating_sub(4).max(1), || md.to_string());
    let title = key.rsplit('/').next().unwrap_or(key);
    draw_lines(app, frame, r, title, &lines, scroll);
}
