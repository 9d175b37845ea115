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
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind, MouseButton,
    MouseEventKind,
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
