//! The full-screen terminal UI.

pub mod action;
pub mod app;
pub mod components;
pub mod config;
pub mod draw;
pub mod input;
pub mod keymap;
pub mod layout;
pub mod registry;
pub mod term_input;
pub mod theme;
pub mod widgets;

use std::io::stdout;
use std::sync::Arc;
use std::time::Duration;

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{
    DisableMouseCapture, EnableMouseCapture, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers,
    MouseButton, MouseEventKind,
};
use ratatui::crossterm::execute;

pub use action::{Action, Effect};
pub use app::{App, Tab};
pub use components::overlay::Overlay;
pub use registry::Mode;
pub use theme::Theme;

use crate::base::Lang;
use crate::library::Library;
use crate::quiz::{Mode as QuizMode, Topic};
use crate::store::Store;

/// Where the dashboard opens.
#[derive(Debug, Clone, Copy, Default)]
pub enum Start {
    #[default]
    Overview,
    /// A tab (the one the user was on last time).
    Tab(Tab),
    /// On the Quiz tab, optionally straight into a session.
    Quiz {
        mode: Option<QuizMode>,
        topic: Option<Topic>,
        count: Option<usize>,
    },
}
use keymap::{Key, Keymap};

/// Turns a key press into an action for the mode the app is in. Text modes turn printable
/// keys into text and own the editing keys; the answer mode turns digits into answers;
/// everything else goes through the keymap.
pub fn key_to_action(k: &KeyEvent, keymap: &Keymap, mode: Mode) -> Option<Action> {
    if k.kind != KeyEventKind::Press {
        return None;
    }
    let plain = !k
        .modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
    let mapped = keymap.action_for(Key::from_event(k));
    match mode {
        Mode::TooSmall => mapped.filter(|a| *a == Action::Quit),
        m if m.takes_text() => match k.code {
            KeyCode::Char(c) if plain => Some(Action::Char(c)),
            KeyCode::Backspace => Some(Action::Backspace),
            KeyCode::Delete => Some(Action::Delete),
            KeyCode::Left => Some(Action::CursorLeft),
            KeyCode::Right => Some(Action::CursorRight),
            KeyCode::Home => Some(Action::CursorHome),
            KeyCode::End => Some(Action::CursorEnd),
            KeyCode::Enter => Some(Action::Open),
            KeyCode::Esc => Some(Action::Back),
            KeyCode::Up => Some(Action::Up),
            KeyCode::Down => Some(Action::Down),
            _ => mapped,
        },
        Mode::Answer => match k.code {
            KeyCode::Char(c) if plain && c.is_ascii_digit() => Some(Action::Char(c)),
            KeyCode::Char(' ') if plain => Some(Action::Open),
            KeyCode::Backspace => Some(Action::Backspace),
            _ => mapped,
        },
        _ => mapped,
    }
}

/// Turns a terminal event into an action (key presses only, not repeats or releases).
pub fn event_to_action(ev: &Event, keymap: &Keymap, mode: Mode) -> Option<Action> {
    match ev {
        Event::Key(k) => key_to_action(k, keymap, mode),
        Event::Mouse(m) if mode != Mode::TooSmall => match m.kind {
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
pub fn run(mut app: App, start: Start) -> anyhow::Result<App> {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(stdout(), DisableMouseCapture);
        previous(info);
    }));
    let mut terminal = ratatui::try_init()?;
    let _ = execute!(stdout(), EnableMouseCapture);
    match start {
        Start::Overview => {}
        Start::Tab(tab) => app.go_tab(tab),
        Start::Quiz { mode, topic, count } => {
            app.go_tab(Tab::Quiz);
            if let Some(mode) = mode {
                let lib = app.lib.clone();
                app.quiz.start_mode(&lib, mode, topic, count);
            }
        }
    }
    let result = event_loop(&mut terminal, &mut app);
    let _ = execute!(stdout(), DisableMouseCapture);
    ratatui::restore();
    result.map(|()| app)
}

/// The app in its usual start-up state: the library, the language, the theme, the data
/// folder, and the content problems count.
pub fn new_app(
    lib: Arc<Library>,
    lang: Lang,
    theme: Theme,
    content_problems: usize,
    store: Result<Store, String>,
) -> App {
    let mut app = App::with_store(lib, lang, theme, store);
    app.content_problems = content_problems;
    app
}

/// Starts the dashboard the way `feoops` does: the user's config file (problems are
/// printed, and the defaults stand in for what is bad), the remembered language and tab,
/// then the flags; the language and tab are remembered again on the way out.
pub fn launch(
    lib: Arc<Library>,
    flag_lang: Option<Lang>,
    content_problems: usize,
    store: Result<Store, String>,
    start: Start,
    repo: Option<&std::path::Path>,
) -> anyhow::Result<()> {
    let cfg_path = config::path();
    let (cfg, mut problems) = match &cfg_path {
        Some(p) => config::Config::load(p),
        None => (config::Config::default(), Vec::new()),
    };
    // The problems are said in the language the app will speak.
    let say_lang = flag_lang.or(cfg.lang).unwrap_or_else(Lang::from_env);
    if let Some(p) = cfg_path.as_deref().filter(|_| !problems.is_empty())
        && say_lang != Lang::En
    {
        problems = config::Config::load_in(p, say_lang).1;
    }
    for p in &problems {
        eprintln!("{p}");
    }
    let data_dir = store.as_ref().ok().map(|s| s.dir().to_path_buf());
    let remembered = data_dir
        .as_deref()
        .map(config::UiState::load)
        .unwrap_or_default();
    let lang = flag_lang
        .or(cfg.lang)
        .or(remembered.lang)
        .unwrap_or_else(Lang::from_env);
    let theme = match cfg.theme.clone() {
        _ if Theme::from_env().mono => Theme::mono(),
        Some(t) => t,
        None => Theme::color(),
    };
    let mut app = new_app(lib, lang, theme, content_problems, store);
    app.keymap = cfg.keymap();
    if let Some(r) = cfg.desired_retention {
        app.quiz.desired_retention = r as f32;
    }
    // The repository's own pipeline: the folder given, else the current one if it has CI
    // files (a folder given without any is said so on the way in).
    let cwd = std::env::current_dir().ok();
    if let Some(dir) = repo.or(cwd.as_deref()) {
        app.repo = components::repo::RepoPane::load(dir);
        if app.repo.is_none() && repo.is_some() {
            eprintln!(
                "feoops: {}",
                crate::sanitize::clean(&crate::i18n::fill(
                    &app.text().explain.no_files,
                    &[("dir", &dir.display())]
                ))
            );
        }
    }
    let start = match (start, remembered.tab.as_deref().and_then(Tab::from_id)) {
        (Start::Overview, Some(tab)) => Start::Tab(tab),
        (s, _) => s,
    };
    let app = run(app, start)?;
    if let Some(dir) = data_dir {
        let state = config::UiState {
            lang: Some(app.lang),
            tab: Some(app.tab.id().to_string()),
        };
        let _ = state.save(&dir);
    }
    Ok(())
}

fn event_loop(terminal: &mut DefaultTerminal, app: &mut App) -> anyhow::Result<()> {
    let size = terminal.size()?;
    app.update(Action::Resize(size.width, size.height));
    let mut input = term_input::Input::open()?;
    let mut first = true;
    loop {
        terminal.draw(|f| draw::draw(app, f))?;
        if std::mem::take(&mut first) {
            // The first frame is on screen: build what the other tabs need meanwhile.
            let lib = app.lib.clone();
            std::thread::spawn(move || lib.load_all());
        }
        if app.should_quit {
            return Ok(());
        }
        // Blocks until something happens: an idle app uses no CPU. Background work (fitting
        // quiz parameters) is collected as it finishes: while it runs the wait ends after
        // 50 ms. Everything already waiting is handled before the next frame, so a burst of
        // keys or a resize storm is drained at once and Ctrl-C is never stuck behind a queue.
        let wait = app.busy().then_some(Duration::from_millis(50));
        let events = input.read_batch(wait)?;
        app.tick();
        for ev in events {
            if let Some(a) = event_to_action(&ev, &app.keymap, app.mode()) {
                app.update(a);
            }
            if app.should_quit {
                break;
            }
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
