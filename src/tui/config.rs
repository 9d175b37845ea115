//! The user's configuration file, `$XDG_CONFIG_HOME/feoops/config.toml` (else
//! `~/.config/feoops/config.toml`; `~/Library/Application Support/feoops` on macOS,
//! `%APPDATA%\feoops` on Windows): language, theme, key bindings and the quiz's desired
//! retention. Layered as defaults < this file < command-line flags. A bad file is reported
//! as `path:line:column: message` and the app starts with the defaults for what is bad.
//!
//! The last language and tab are not configuration: they are remembered in the data
//! folder (`ui.toml`), see [`UiState`].

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use toml::Spanned;

use super::keymap::Keymap;
use super::theme::{Theme, UiStyles};
use crate::base::Lang;

/// The commented file `feoops config default` prints.
pub const DEFAULT_FILE: &str = include_str!("../../assets/config.toml");

/// Where the configuration file is looked for.
pub fn path() -> Option<PathBuf> {
    let var = |k: &str| {
        std::env::var_os(k)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    if let Some(dir) = var("XDG_CONFIG_HOME") {
        return Some(dir.join("feoops").join("config.toml"));
    }
    if cfg!(target_os = "windows") {
        return var("APPDATA").map(|d| d.join("feoops").join("config.toml"));
    }
    let home = var("HOME")?;
    if cfg!(target_os = "macos") {
        return Some(
            home.join("Library/Application Support/feoops")
                .join("config.toml"),
        );
    }
    Some(home.join(".config").join("feoops").join("config.toml"))
}

/// One problem of a configuration file, with its place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.path, self.line, self.column, self.message
        )
    }
}

/// What the file asks for; `None` where it says nothing (or something bad).
#[derive(Debug, Clone, Default)]
pub struct Config {
    pub lang: Option<Lang>,
    pub theme: Option<Theme>,
    /// Action name -> keys, applied over the default keymap.
    pub keys: Vec<(String, Vec<String>)>,
    pub desired_retention: Option<f64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    language: Option<Spanned<String>>,
    theme: Option<Spanned<String>>,
    #[serde(default)]
    keys: BTreeMap<String, Spanned<Vec<String>>>,
    #[serde(default)]
    quiz: RawQuiz,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawQuiz {
    desired_retention: Option<Spanned<f64>>,
}

/// 1-based line and column of a byte offset.
fn line_col(src: &str, offset: usize) -> (usize, usize) {
    let before = &src[..offset.min(src.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

impl Config {
    /// Parses a configuration file's text; `path` names it in problems and is where a
    /// relative theme file is looked for.
    pub fn parse(src: &str, path: &Path) -> (Config, Vec<Problem>) {
        let name = path.display().to_string();
        let at = |offset: usize, message: String| {
            let (line, column) = line_col(src, offset);
            Problem {
                path: name.clone(),
                line,
                column,
                message,
            }
        };
        let raw: Raw = match toml::from_str(src) {
            Ok(r) => r,
            Err(e) => {
                let offset = e.span().map_or(0, |s| s.start);
                let msg = e.message().trim().to_string();
                return (Config::default(), vec![at(offset, msg)]);
            }
        };
        let mut problems = Vec::new();
        let mut cfg = Config::default();
        if let Some(l) = &raw.language {
            match Lang::parse(l.get_ref()) {
                Some(lang) => cfg.lang = Some(lang),
                None => problems.push(at(
                    l.span().start,
                    format!("unknown language `{}` (expected en or ko)", l.get_ref()),
                )),
            }
        }
        if let Some(th) = &raw.theme {
            match th.get_ref().as_str() {
                "color" | "colour" | "default" => cfg.theme = Some(Theme::color()),
                "mono" => cfg.theme = Some(Theme::mono()),
                file => {
                    let p = path.parent().unwrap_or(Path::new(".")).join(file);
                    match load_theme(&p) {
                        Ok(t) => cfg.theme = Some(t),
                        Err(e) => problems.push(at(th.span().start, e)),
                    }
                }
            }
        }
        let mut probe = Keymap::default();
        for (action, keys) in &raw.keys {
            let entry = (action.clone(), keys.get_ref().clone());
            for p in probe.overlay(std::slice::from_ref(&entry)) {
                problems.push(at(keys.span().start, format!("keys.{action}: {p}")));
            }
            cfg.keys.push(entry);
        }
        if let Some(r) = &raw.quiz.desired_retention {
            let v = *r.get_ref();
            if (0.7..=0.99).contains(&v) {
                cfg.desired_retention = Some(v);
            } else {
                problems.push(at(
                    r.span().start,
                    format!("desired_retention {v} is outside 0.70–0.99"),
                ));
            }
        }
        (cfg, problems)
    }

    /// Reads the file at `path`; a missing file is an empty configuration.
    pub fn load(path: &Path) -> (Config, Vec<Problem>) {
        match read_small_file(path) {
            Ok(Some(src)) => Config::parse(&src, path),
            Ok(None) => (Config::default(), Vec::new()),
            Err(e) => (
                Config::default(),
                vec![Problem {
                    path: path.display().to_string(),
                    line: 1,
                    column: 1,
                    message: e,
                }],
            ),
        }
    }

    /// The keymap: the defaults with this file's bindings over them.
    pub fn keymap(&self) -> Keymap {
        let mut km = Keymap::default();
        km.overlay(&self.keys);
        km
    }
}

/// Largest configuration or theme file read.
const MAX_FILE: u64 = 1 << 20;

/// Reads a small text file the user gave (through the bounded reader every user file
/// goes through): `None` when it does not exist; an error for something that is not a
/// regular file (a FIFO, a device, a folder), is too big or is not UTF-8.
fn read_small_file(path: &Path) -> Result<Option<String>, String> {
    let shown = crate::sanitize::clean(&path.display().to_string()).into_owned();
    match crate::userfile::read_bounded(path, MAX_FILE) {
        Ok(bytes) => String::from_utf8(bytes)
            .map(Some)
            .map_err(|_| format!("cannot read {shown}: the file is not valid UTF-8")),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(format!("cannot read {shown}: {e}")),
    }
}

/// A theme file: the same fields as `assets/themes/default.toml`.
fn load_theme(path: &Path) -> Result<Theme, String> {
    let src = match read_small_file(path)? {
        Some(s) => s,
        None => return Err(format!("theme file {} not found", path.display())),
    };
    let ui: UiStyles = toml::from_str(&src)
        .map_err(|e| format!("theme file {}: {}", path.display(), e.message()))?;
    let mut t = Theme::color();
    t.ui = ui;
    Ok(t)
}

/// What the app remembers between runs (in the data folder, not the config file).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UiState {
    pub lang: Option<Lang>,
    pub tab: Option<String>,
}

impl UiState {
    const FILE: &'static str = "ui.toml";

    /// The remembered state; nothing when the file is missing or unreadable.
    pub fn load(data_dir: &Path) -> UiState {
        std::fs::read_to_string(data_dir.join(Self::FILE))
            .ok()
            .and_then(|s| toml::from_str(&s).ok())
            .unwrap_or_default()
    }

    /// Saves the state (atomically); a failure is not worth stopping for.
    pub fn save(&self, data_dir: &Path) -> std::io::Result<()> {
        let text = toml::to_string(self).map_err(std::io::Error::other)?;
        crate::store::write_atomic(&data_dir.join(Self::FILE), text.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::action::Action;
    use crate::tui::keymap::Key;

    fn parse(src: &str) -> (Config, Vec<Problem>) {
        Config::parse(src, Path::new("/cfg/config.toml"))
    }

    #[test]
    fn the_default_file_is_valid_and_changes_nothing() {
        let (cfg, problems) = parse(DEFAULT_FILE);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(cfg.lang, None);
        assert_eq!(cfg.keymap(), Keymap::default());
    }

    #[test]
    fn settings_and_keys_apply() {
        let (cfg, problems) = parse(
            "language = \"ko\"\ntheme = \"mono\"\n[keys]\nquit = [\"ctrl-q\"]\n[quiz]\ndesired_retention = 0.85\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(cfg.lang, Some(Lang::Ko));
        assert!(cfg.theme.as_ref().unwrap().mono);
        assert_eq!(cfg.desired_retention, Some(0.85));
        let km = cfg.keymap();
        assert_eq!(
            km.action_for(Key::parse("ctrl-q").unwrap()),
            Some(Action::Quit)
        );
        assert_eq!(km.action_for(Key::parse("q").unwrap()), None);
    }

    #[test]
    fn problems_name_line_and_column_and_good_parts_still_apply() {
        let (cfg, problems) = parse(
            "language = \"fr\"\n[keys]\nfly = [\"f\"]\nquit = [\"ctrl-q\"]\n[quiz]\ndesired_retention = 2.0\n",
        );
        let lines: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(lines.len(), 3, "{lines:?}");
        assert!(
            lines[0].starts_with("/cfg/config.toml:1:12: unknown language"),
            "{lines:?}"
        );
        assert!(
            lines[1].starts_with("/cfg/config.toml:3:7: keys.fly"),
            "{lines:?}"
        );
        assert!(
            lines[2].starts_with("/cfg/config.toml:6:21: desired_retention"),
            "{lines:?}"
        );
        assert_eq!(cfg.lang, None);
        assert_eq!(
            cfg.keymap().action_for(Key::parse("ctrl-q").unwrap()),
            Some(Action::Quit)
        );
        let (_, problems) = parse("languag = \"ko\"\n");
        assert_eq!(problems.len(), 1);
        assert_eq!(
            (problems[0].line, problems[0].column),
            (1, 1),
            "{problems:?}"
        );
        let (_, problems) = parse("\n\nlanguage = \n");
        assert_eq!(problems[0].line, 3, "{problems:?}");
    }

    #[test]
    fn ui_state_round_trips() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(UiState::load(dir.path()), UiState::default());
        let s = UiState {
            lang: Some(Lang::Ko),
            tab: Some("tools".into()),
        };
        s.save(dir.path()).unwrap();
        assert_eq!(UiState::load(dir.path()), s);
    }
}
