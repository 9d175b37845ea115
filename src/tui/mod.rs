//! The full-screen terminal UI.

pub mod action;
pub mod app;
pub mod draw;
pub mod keymap;
pub mod layout;
pub mod theme;
pub mod widgets;

use std::io::stdout;
use std::sync::Arc;

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind, MouseButton, MouseEventKind,
};
use ratatui::crossterm::execute;

pub use action::Action;
pub use app::{App, Tab};
pub use theme::Theme;

use crate::content::{Lang, Library};
use keymap::{Key, Keymap};

/// Turns a terminal event into an action (key presses only, not repeats or releases).
pub fn event_to_action(ev: &Event, keymap: &Keymap) -> Option<Action> {
    match ev {
        Event::Key(k) if k.kind == KeyEventKind::Press => keymap.action_for(Key::from_event(k)),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click(m.column, m.row)),
            MouseEventKind::ScrollUp => Some(Action::Scroll(m.column, m.row, -1)),
            MouseEventKind::ScrollDown => Some(Action::Scroll(m.column, m.row, 1)),
            _ => None,
        },
        Event::Resize(w, h) => Some(Action::Resize(*w, *h)),
        _ => None,
    }
}

/// Runs the TUI until the user quits. The terminal is restored on return, on error and on
/// panic (ratatui's panic hook, plus ours for the mouse capture).
pub fn run(lib: Arc<Library>, lang: Lang, content_problems: usize) -> anyhow::Result<()> {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(stdout(), DisableMouseCapture);
        previous(info);
    }));
    let mut terminal = ratatui::try_init()?;
    let _ = execute!(stdout(), EnableMouseCapture);
    let mut app = App::new(lib, lang, Theme::from_env());
    app.content_problems = content_problems;
    let result = event_loop(&mut terminal, &mut app);
    let _ = execute!(stdout(), DisableMouseCapture);
    ratatui::restore();
    result
}

fn event_loop(terminal: &mut DefaultTerminal, app: &mut App) -> anyhow::Result<()> {
    let size = terminal.size()?;
    app.update(Action::Resize(size.width, size.height));
    loop {
        terminal.draw(|f| draw::draw(app, f))?;
        if app.should_quit {
            return Ok(());
        }
        // Blocks until something happens: an idle app uses no CPU.
        let ev = event::read()?;
        if let Some(a) = event_to_action(&ev, &app.keymap) {
            app.update(a);
        }
    }
}

/// Draws the app into an off-screen buffer of its current size and returns the screen as
/// plain text, one line per row (trailing spaces trimmed). Used by tests, benchmarks and
/// the README's screenshot.
pub fn screen_text(app: &App) -> String {
    let buf = render_buffer(app);
    buffer_text(&buf)
}

/// Draws the app into an off-screen buffer of its current size.
pub fn render_buffer(app: &App) -> ratatui::buffer::Buffer {
    let backend = ratatui::backend::TestBackend::new(app.width, app.height);
    let mut terminal = ratatui::Terminal::new(backend).expect("test backend");
    terminal
        .draw(|f| draw::draw(app, f))
        .expect("drawing into a test backend");
    terminal.backend().buffer().clone()
}

/// The text of a buffer, skipping the cells hidden under wide characters.
pub fn buffer_text(buf: &ratatui::buffer::Buffer) -> String {
    use unicode_width::UnicodeWidthStr;
    let area = buf.area;
    let mut out = String::new();
    for y in area.top()..area.bottom() {
        let mut line = String::new();
        let mut x = area.left();
        while x < area.right() {
            let sym = buf[(x, y)].symbol();
            line.push_str(sym);
            x += u16::try_from(sym.width().max(1)).unwrap_or(1);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
