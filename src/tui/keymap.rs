//! The keymap: `assets/keymap.toml` parsed into key → action. The help overlay and the key
//! bar are generated from the same bindings, so they never drift from behaviour.

use crate::base::Lang;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::Deserialize;

use super::action::Action;

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

/// One line of the keymap: an action and its keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub action: Action,
    pub keys: Vec<Key>,
}

impl Binding {
    /// The keys as one label, e.g. "↑ k" or "1-9".
    pub fn keys_label(&self) -> String {
        keys_label(self.action, &self.keys)
    }
}

/// Keys as one label: "↑ k", or "1-9" for the tab digits.
pub fn keys_label(action: Action, keys: &[Key]) -> String {
    if matches!(action, Action::GoTab(_)) && keys.len() > 2 {
        let first = keys.first().map(Key::label).unwrap_or_default();
        let last = keys.last().map(Key::label).unwrap_or_default();
        return format!("{first}-{last}");
    }
    keys.iter().map(Key::label).collect::<Vec<_>>().join(" ")
}

#[derive(Debug, Clone, PartialEq, Eq)]
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

/// The default keymap file, as shipped.
pub fn default_source() -> &'static str {
    DEFAULT
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap::parse(DEFAULT).unwrap_or_else(|e| panic!("assets/keymap.toml: {e}"))
    }
}

fn parse_keys(keys: &[String], lang: Lang) -> Result<Vec<Key>, String> {
    let t = &crate::i18n::text(lang).config;
    keys.iter()
        .map(|k| Key::parse(k).ok_or_else(|| crate::i18n::fill(&t.unknown_key, &[("key", k)])))
        .collect()
}

fn parse_action(name: &str, lang: Lang) -> Result<Action, String> {
    let t = &crate::i18n::text(lang).config;
    Action::from_name(name, Some(0))
        .ok_or_else(|| crate::i18n::fill(&t.unknown_action, &[("name", &name)]))
}

impl Keymap {
    pub fn parse(src: &str) -> Result<Keymap, String> {
        let file: File = toml::from_str(src).map_err(|e| e.to_string())?;
        let mut bindings = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for b in file.bind {
            let action = parse_action(&b.action, Lang::En)?;
            let keys = parse_keys(&b.keys, Lang::En)?;
            for (k, raw) in keys.iter().zip(&b.keys) {
                if !seen.insert(*k) {
                    return Err(format!("key `{raw}` is bound twice"));
                }
            }
            bindings.push(Binding { action, keys });
        }
        Ok(Keymap { bindings })
    }

    /// Applies a user's bindings (action name -> keys) over this keymap: the user's keys
    /// replace the action's defaults, and a key the user gives to one action is taken off
    /// any other. Returns one message per problem; good entries still apply.
    pub fn overlay(&mut self, user: &[(String, Vec<String>)]) -> Vec<String> {
        self.overlay_in(user, Lang::En)
    }

    /// [`Keymap::overlay`], the problems written in `lang`.
    pub fn overlay_in(&mut self, user: &[(String, Vec<String>)], lang: Lang) -> Vec<String> {
        let mut problems = Vec::new();
        for (name, raw) in user {
            let action = match parse_action(name, lang) {
                Ok(a) => a,
                Err(e) => {
                    problems.push(e);
                    continue;
                }
            };
            let keys = match parse_keys(raw, lang) {
                Ok(k) => k,
                Err(e) => {
                    problems.push(e);
                    continue;
                }
            };
            for b in &mut self.bindings {
                b.keys.retain(|k| !keys.contains(k));
            }
            match self.bindings.iter_mut().find(|b| b.action == action) {
                Some(b) => b.keys = keys,
                None => self.bindings.push(Binding { action, keys }),
            }
        }
        problems
    }

    /// The action a key press triggers, if any.
    pub fn action_for(&self, key: Key) -> Option<Action> {
        let b = self.bindings.iter().find(|b| b.keys.contains(&key))?;
        match b.action {
            Action::GoTab(_) => {
                let tab = match key.code {
                    KeyCode::Char(c) => c.to_digit(10).and_then(|d| (d as usize).checked_sub(1)),
                    _ => None,
                };
                // A non-digit key bound to go_tab goes to the first tab.
                Some(Action::GoTab(tab.unwrap_or(0)))
            }
            a => Some(a),
        }
    }

    /// The binding of an action (for `GoTab`, whatever its tab).
    pub fn binding(&self, action: Action) -> Option<&Binding> {
        let same = |b: &&Binding| match (b.action, action) {
            (Action::GoTab(_), Action::GoTab(_)) => true,
            (x, y) => x == y,
        };
        self.bindings.iter().find(same)
    }

    /// The keys of an action (empty when it has none).
    pub fn keys(&self, action: Action) -> &[Key] {
        self.binding(action).map_or(&[], |b| b.keys.as_slice())
    }

    /// The label of the first key of an action, e.g. "/" or "Ctrl-k".
    pub fn first_key(&self, action: Action) -> Option<String> {
        self.keys(action).first().map(Key::label)
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
        for a in Action::bindable_all() {
            assert!(km.binding(a).is_some(), "{} has no key", a.name());
            for lang in crate::base::Lang::ALL {
                let t = crate::i18n::text(lang);
                assert!(
                    t.actions.contains_key(a.name()),
                    "{} not in {lang}",
                    a.name()
                );
            }
        }
    }

    #[test]
    fn user_bindings_replace_defaults_and_take_keys_away() {
        let mut km = Keymap::default();
        let problems = km.overlay(&[
            ("quit".into(), vec!["ctrl-q".into()]),
            ("help".into(), vec!["q".into()]),
            ("fly".into(), vec!["f".into()]),
            ("top".into(), vec!["nokey".into()]),
        ]);
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert_eq!(km.action_for(key("ctrl-q")), Some(Action::Quit));
        assert_eq!(km.action_for(key("q")), Some(Action::Help));
        assert_eq!(
            km.action_for(key("?")),
            None,
            "help's old keys are replaced"
        );
        assert_eq!(
            km.action_for(key("g")),
            Some(Action::Top),
            "a bad entry changes nothing"
        );
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
        assert_eq!(km.binding(Action::GoTab(0)).unwrap().keys_label(), "1-9");
    }
}
