//! The one command registry. Each component lists its commands (action, label, when it
//! applies, whether the key bar shows it); the key bar, the `?` help, the command palette
//! and the README's key table are all made from these lists and the keymap, so hints never
//! drift from behaviour.

use super::action::Action;
use super::app::{App, Tab};
use super::keymap::Keymap;
use crate::base::Lang;
use crate::i18n::Text;

/// A command a component answers: the action, the i18n key of its label (under
/// `[commands]`; the action's own label under `[actions]` when `None`) and whether the key
/// bar shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Command {
    pub action: Action,
    pub label: Option<&'static str>,
    pub bar: bool,
}

impl Command {
    pub const fn new(action: Action) -> Command {
        Command {
            action,
            label: None,
            bar: false,
        }
    }

    /// Shown in the key bar.
    pub const fn bar(mut self) -> Command {
        self.bar = true;
        self
    }

    /// With a label of its own (a key under `[commands]`).
    pub const fn label(mut self, key: &'static str) -> Command {
        self.label = Some(key);
        self
    }

    /// The short label of the key bar (the full one when it has none).
    pub fn bar_text<'a>(&self, t: &'a Text) -> &'a str {
        let key = self.label.unwrap_or(self.action.name());
        t.bar.get(key).map_or_else(|| self.text(t), String::as_str)
    }

    pub fn text<'a>(&self, t: &'a Text) -> &'a str {
        match self.label {
            Some(k) => t.command(k),
            None => t.action(self.action.name()),
        }
    }
}

/// A component's command table: each row says when it applies to the component's state.
pub struct Row<S> {
    pub cmd: Command,
    pub when: fn(&S) -> bool,
}

/// A row that always applies.
pub const fn always<S>(cmd: Command) -> Row<S> {
    Row {
        cmd,
        when: |_| true,
    }
}

/// The commands of a table that apply to `state`.
pub fn applying<S>(rows: &[Row<S>], state: &S) -> Vec<Command> {
    rows.iter()
        .filter(|r| (r.when)(state))
        .map(|r| r.cmd)
        .collect()
}

/// Every command of a table (for the README and the palette).
pub fn all<S>(rows: &[Row<S>]) -> Vec<Command> {
    rows.iter().map(|r| r.cmd).collect()
}

/// How keys are read right now. Shown as a marker in the status bar (except `Normal`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Keys are commands (digits switch tabs, `q` quits...).
    Normal,
    /// Typing into a search box.
    Search,
    /// Typing into another input (a typed quiz answer, a file path).
    Input,
    /// A quiz question or its feedback is on screen: digits answer, Enter/Space continue.
    Answer,
    /// The help is open: typing filters it.
    Help,
    /// The command palette is open: typing searches it.
    Palette,
    /// The terminal is below the minimum size: only quit and resize act.
    TooSmall,
}

impl Mode {
    /// Whether printable keys are text in this mode.
    pub fn takes_text(self) -> bool {
        matches!(
            self,
            Mode::Search | Mode::Input | Mode::Help | Mode::Palette
        )
    }

    /// The marker shown in the status bar.
    pub fn marker(self, t: &Text) -> Option<&str> {
        let key = match self {
            Mode::Normal | Mode::TooSmall => return None,
            Mode::Search => "search",
            Mode::Input => "input",
            Mode::Answer => "answer",
            Mode::Help => "help",
            Mode::Palette => "palette",
        };
        Some(t.mode(key))
    }
}

/// The keys that work everywhere in normal mode, in help order.
pub const GLOBAL: &[Command] = &[
    Command::new(Action::Help).bar(),
    Command::new(Action::Palette).bar(),
    Command::new(Action::Quit).bar(),
    Command::new(Action::NextTab),
    Command::new(Action::PrevTab),
    Command::new(Action::GoTab(0)),
    Command::new(Action::ToggleLang).bar(),
    Command::new(Action::Back),
];

/// The keys of a text input (fixed: they are the keys of every text box).
pub const INPUT: &[Command] = &[
    Command::new(Action::Open).label("input_submit").bar(),
    Command::new(Action::Back).label("input_leave").bar(),
    Command::new(Action::Backspace).label("input_delete"),
];

/// A key label for an action under the current keymap ("/" or "Ctrl-k"), or for the
/// fixed keys of inputs.
pub fn key_label(keymap: &Keymap, action: Action) -> Option<String> {
    match action {
        Action::Backspace => Some("Backspace".into()),
        Action::Char(last) => Some(answer_keys(last)),
        Action::GoTab(_) => keymap.binding(action).map(|b| b.keys_label()),
        _ => keymap.first_key(action),
    }
}

/// The answer keys of a quiz question, read by the answer mode: `Char(last)` stands for
/// the keys from `1` to `last` ("1-4"); the tables list `Char('9')`, and the Quiz pane
/// puts in the last key of the question on screen.
fn answer_keys(last: char) -> String {
    if last == '1' {
        "1".into()
    } else {
        format!("1-{last}")
    }
}

/// All key labels of an action ("↑ k").
pub fn keys_label(keymap: &Keymap, action: Action) -> Option<String> {
    match action {
        Action::Backspace => Some("Backspace".into()),
        Action::Char(last) => Some(answer_keys(last)),
        _ => keymap
            .binding(action)
            .map(|b| b.keys_label())
            .filter(|s| !s.is_empty()),
    }
}

/// One section of the help: a title and its commands.
pub struct Section {
    pub title: String,
    pub commands: Vec<Command>,
}

/// The help's sections for the app's current state: the context first, then the globals.
pub fn help_sections(app: &App) -> Vec<Section> {
    let t = app.text();
    let mut out = Vec::new();
    let ctx = app.context_commands();
    if !ctx.is_empty() {
        out.push(Section {
            title: app.context_title(),
            commands: ctx,
        });
    }
    out.push(Section {
        title: t.command("section_global").to_string(),
        commands: GLOBAL.to_vec(),
    });
    out
}

/// The README's key table in a language: the global keys, then each tab's commands.
pub fn readme_table(lang: Lang, keymap: &Keymap) -> String {
    let t = crate::i18n::text(lang);
    let mut out = String::from("| where | key | action |\n|---|---|---|\n");
    let mut row = |place: &str, c: &Command| {
        if let Some(k) = keys_label(keymap, c.action) {
            let k = k.replace('|', "\\|");
            out.push_str(&format!("| {place} | `{k}` | {} |\n", c.text(t)));
        }
    };
    for c in GLOBAL {
        row(t.command("section_global"), c);
    }
    // Tabs with the same commands share their rows ("Overview, Practices, References").
    let mut groups: Vec<(Vec<&str>, Vec<Command>)> = Vec::new();
    for tab in Tab::ALL {
        let cmds = super::app::tab_commands_all(tab);
        match groups.iter_mut().find(|(_, c)| *c == cmds) {
            Some((names, _)) => names.push(tab.label(t)),
            None => groups.push((vec![tab.label(t)], cmds)),
        }
    }
    for (names, cmds) in &groups {
        let place = names.join(", ");
        for c in cmds {
            row(&place, c);
        }
    }
    for c in super::components::overlay_commands_all() {
        row(t.command("section_overlays"), &c);
    }
    out
}
