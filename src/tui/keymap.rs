//! The keymap: `assets/keymap.toml` parsed into key → action. The help overlay and the key
//! bar are generated from the same bindings, so they never drift from behaviour.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::Deserialize;

use super::action::{Action, BINDABLE};
use crate::i18n::Actions;

/// A key with its modifiers, normalised (shift is part of the character).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

impl Key {
    pub fn parse(s: &str) -> Option<Key> {
        let (ctrl, alt, rest) = if let Some(r) = s.strip_prefix("ctrl-") {
            (true, false, r)
        } else if let Some(r) = s.strip_prefix("alt-") {
            (false, true, r)
        } else {
            (false, false, s)
        };
        let code = match rest {
            "tab" => KeyCode::Tab,
            "shift-tab" | "backtab" => KeyCode::BackTab,
            "esc" => KeyCode::Esc,
            "enter" => KeyCode::Enter,
            "space" => KeyCode::Char(' '),
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "pageup" => KeyCode::PageUp,
            "pagedown" => KeyCode::PageDown,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "backspace" => KeyCode::Backspace,
            f if f.len() >= 2 && f.starts_with('f') && f[1..].parse::<u8>().is_ok() => {
                KeyCode::F(f[1..].parse().ok()?)
            }
            c if c.chars().count() == 1 => KeyCode::Char(c.chars().next()?),
            _ => return None,
        };
        Some(Key { code, ctrl, alt })
    }

    pub fn from_event(ev: &KeyEvent) -> Key {
        Key {
            code: ev.code,
            ctrl: ev.modifiers.contains(KeyModifiers::CONTROL),
            alt: ev.modifiers.contains(KeyModifiers::ALT),
        }
    }

    /// How the key is shown in the help and the key bar.
    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCode::Tab => "Tab".to_string(),
            KeyCode::BackTab => "Shift-Tab".to_string(),
            KeyCode::Esc => "Esc".to_string(),
            KeyCode::Enter => "Enter".to_string(),
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Up => "↑".to_string(),
            KeyCode::Down => "↓".to_string(),
            KeyCode::Left => "←".to_string(),
            KeyCode::Right => "→".to_string(),
            KeyCode::PageUp => "PgUp".to_string(),
            KeyCode::PageDown => "PgDn".to_string(),
            KeyCode::Home => "Home".to_string(),
            KeyCode::End => "End".to_string(),
            KeyCode::Backspace => "Backspace".to_string(),
            KeyCode::F(n) => format!("F{n}"),
            KeyCode::Char(c) => c.to_string(),
            _ => "?".to_string(),
        };
        match (self.ctrl, self.alt) {
            (true, _) => format!("Ctrl-{base}"),
            (_, true) => format!("Alt-{base}"),
            _ => base,
        }
    }
}

/// One line of the keymap file: an action and its keys.
#[derive(Debug, Clone)]
pub struct Binding {
    pub action: String,
    pub keys: Vec<Key>,
}

impl Binding {
    /// The keys as one label, e.g. "↑ k" or "1-9".
    pub fn keys_label(&self) -> String {
        if self.action == "go_tab" && self.keys.len() > 2 {
            let first = self.keys.first().map(Key::label).unwrap_or_default();
            let last = self.keys.last().map(Key::label).unwrap_or_default();
            return format!("{first}-{last}");
        }
        self.keys
            .iter()
            .map(Key::label)
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The localized description of the action.
    pub fn describe<'a>(&self, t: &'a Actions) -> &'a str {
        describe(&self.action, t)
    }
}

pub fn describe<'a>(action: &str, t: &'a Actions) -> &'a str {
    match action {
        "quit" => &t.quit,
        "next_tab" => &t.next_tab,
        "prev_tab" => &t.prev_tab,
        "go_tab" => &t.go_tab,
        "up" => &t.up,
        "down" => &t.down,
        "left" => &t.left,
        "right" => &t.right,
        "page_up" => &t.page_up,
        "page_down" => &t.page_down,
        "top" => &t.top,
        "bottom" => &t.bottom,
        "open" => &t.open,
        "toggle_lang" => &t.toggle_lang,
        "help" => &t.help,
        "back" => &t.back,
        "hint" => &t.hint,
        "open_page" => &t.open_page,
        "search" => &t.search,
        "filter_stage" => &t.filter_stage,
        "filter_license" => &t.filter_license,
        "filter_hosting" => &t.filter_hosting,
        "filter_cloud" => &t.filter_cloud,
        "filter_clear" => &t.filter_clear,
        "skip_stage" => &t.skip_stage,
        "details" => &t.details,
        "export" => &t.export,
        "import" => &t.import,
        _ => "",
    }
}

#[derive(Debug, Clone)]
pub struct Keymap {
    pub bindings: Vec<Binding>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    bind: Vec<RawBinding>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBinding {
    action: String,
    keys: Vec<String>,
}

const DEFAULT: &str = include_str!("../../assets/keymap.toml");

impl Default for Keymap {
    fn default() -> Self {
        Keymap::parse(DEFAULT).unwrap_or_else(|e| panic!("assets/keymap.toml: {e}"))
    }
}

impl Keymap {
    pub fn parse(src: &str) -> Result<Keymap, String> {
        let file: File = toml::from_str(src).map_err(|e| e.to_string())?;
        let mut bindings = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for b in file.bind {
            if !BINDABLE.contains(&b.action.as_str()) {
                return Err(format!("unknown action `{}`", b.action));
            }
            let mut keys = Vec::new();
            for k in &b.keys {
                let key = Key::parse(k).ok_or_else(|| format!("unknown key `{k}`"))?;
                if !seen.insert(key) {
                    return Err(format!("key `{k}` is bound twice"));
                }
                keys.push(key);
            }
            bindings.push(Binding {
                action: b.action,
                keys,
            });
        }
        Ok(Keymap { bindings })
    }

    /// The action a key press triggers, if any.
    pub fn action_for(&self, key: Key) -> Option<Action> {
        let b = self.bindings.iter().find(|b| b.keys.contains(&key))?;
        let tab = match key.code {
            KeyCode::Char(c) => c.to_digit(10).and_then(|d| (d as usize).checked_sub(1)),
            _ => None,
        };
        Action::from_name(&b.action, tab)
    }

    pub fn binding(&self, action: &str) -> Option<&Binding> {
        self.bindings.iter().find(|b| b.action == action)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(s: &str) -> Key {
        Key::parse(s).unwrap()
    }

    #[test]
    fn default_keymap_maps_the_documented_keys() {
        let km = Keymap::default();
        assert_eq!(km.action_for(key("q")), Some(Action::Quit));
        assert_eq!(km.action_for(key("ctrl-c")), Some(Action::Quit));
        assert_eq!(km.action_for(key("tab")), Some(Action::NextTab));
        assert_eq!(km.action_for(key("shift-tab")), Some(Action::PrevTab));
        assert_eq!(km.action_for(key("3")), Some(Action::GoTab(2)));
        assert_eq!(km.action_for(key("L")), Some(Action::ToggleLang));
        assert_eq!(km.action_for(key("l")), Some(Action::Right));
        assert_eq!(km.action_for(key("?")), Some(Action::Help));
        assert_eq!(km.action_for(key("esc")), Some(Action::Back));
        assert_eq!(km.action_for(key("x")), Some(Action::FilterClear));
        assert_eq!(km.action_for(key("f4")), Some(Action::FilterLicense));
        assert_eq!(km.action_for(key("z")), None);
    }

    #[test]
    fn every_bindable_action_is_bound_and_described() {
        let km = Keymap::default();
        for name in BINDABLE {
            assert!(km.binding(name).is_some(), "{name} has no key");
            for lang in crate::base::Lang::ALL {
                assert!(!describe(name, &crate::i18n::text(lang).actions).is_empty());
            }
        }
    }

    #[test]
    fn bad_keymaps_are_refused() {
        assert!(Keymap::parse("[[bind]]\naction = \"fly\"\nkeys = [\"f\"]").is_err());
        assert!(Keymap::parse("[[bind]]\naction = \"quit\"\nkeys = [\"nokey\"]").is_err());
        assert!(
            Keymap::parse("[[bind]]\naction = \"quit\"\nkeys = [\"q\"]\n[[bind]]\naction = \"help\"\nkeys = [\"q\"]")
                .is_err()
        );
    }

    #[test]
    fn labels() {
        assert_eq!(key("ctrl-c").label(), "Ctrl-c");
        assert_eq!(key("pagedown").label(), "PgDn");
        let km = Keymap::default();
        assert_eq!(km.binding("go_tab").unwrap().keys_label(), "1-9");
    }
}
