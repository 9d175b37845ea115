//! The full-screen terminal UI.

pub mod action;
pub mod app;
pub mod draw;
pub mod keymap;
pub mod layout;
pub mod panes;
pub mod theme;
pub mod widgets;

use std::io::stdout;
use std::sync::Arc;

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyCode, KeyEventKind, KeyModifiers,
    MouseButton, MouseEventKind,
};
use ratatui::crossterm::execute;

pub use action::Action;
pub use app::{App, Overlay, Tab};
pub use theme::Theme;

use crate::quiz::{Mode, Topic};
use crate::store::Store;
use crate::{Library, base::Lang};

/// Where the dashboard opens.
#[derive(Debug, Clone, Copy, Default)]
pub enum Start {
    #[default]
    Overview,
    /// On the Quiz tab, optionally straight into a session.
    Quiz {
        mode: Option<Mode>,
        topic: Option<Topic>,
        count: Option<usize>,
    },
}
use keymap::{Key, Keymap};

/// Turns a terminal event into an action (key presses only, not repeats or releases).
/// While the app takes text (a quiz answer), printable keys are typed, not commands.
pub fn event_to_action(ev: &Event, keymap: &Keymap, takes_text: bool) -> Option<Action> {
    match ev {
        Event::Key(k) if k.kind == KeyEventKind::Press => {
            let plain = !k
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
            match k.code {
                KeyCode::Char(c) if takes_text && plain => Some(Action::Char(c)),
                KeyCode::Backspace if takes_text => Some(Action::Backspace),
                _ => keymap.action_for(Key::from_event(k)),
            }
        }
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
pub fn run(
    lib: Arc<Library>,
    lang: Lang,
    content_problems: usize,
    store: Result<Store, String>,
    start: Start,
) -> anyhow::Result<()> {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(stdout(), DisableMouseCapture);
        previous(info);
    }));
    let mut terminal = ratatui::try_init()?;
    let _ = execute!(stdout(), EnableMouseCapture);
    let mut app = App::with_store(lib, lang, Theme::from_env(), store);
    app.content_problems = content_problems;
    if let Start::Quiz { mode, topic, count } = start {
        app.update(Action::GoTab(Tab::Quiz.index()));
        if let Some(mode) = mode {
            let lib = app.lib.clone();
            app.quiz.start_mode(&lib, mode, topic, count);
        }
    }
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
        if let Some(a) = event_to_action(&ev, &app.keymap, app.takes_text()) {
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
