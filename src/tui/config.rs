//! The user's configuration file, `$XDG_CONFIG_HOME/feoops/config.toml` (else
//! `~/.config/feoops/config.toml`; `~/Library/Application Support/feoops` on macOS,
//! `%APPDATA%\feoops` on Windows): language, theme, key bindings and the quiz's desired
//! retention. Layered as defaults < this file < command-line flags. A bad file is reported
//! as `path:line:column: message` and the app starts with the defaults for what is bad.
//!
//! The last language and tab are not configuration: they are remembered in the data
//! folder (`ui.toml`), see [`UiState`].

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

use super::keymap::Keymap;
use super::theme::{Theme, UiStyles};
use crate::base::Lang;
use crate::base::i18n::{self, fill};

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

/// The settings a file may hold, and those of its `[quiz]` table.
const KNOWN: &[&str] = &["language", "theme", "keys", "quiz"];
const KNOWN_QUIZ: &[&str] = &["desired_retention"];

/// 1-based line and column of a byte offset.
fn line_col(src: &str, offset: usize) -> (usize, usize) {
    let before = &src[..offset.min(src.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

impl Config {
    /// Parses a configuration file's text; `path` names it in problems and is where a
    /// relative theme file is looked for. Problems are in English ([`Config::parse_in`]).
    pub fn parse(src: &str, path: &Path) -> (Config, Vec<Problem>) {
        Config::parse_in(src, path, Lang::En)
    }

    /// [`Config::parse`] with the problems written in `lang`. Each setting is read on its
    /// own: an unknown or malformed one is reported and skipped, and the others apply.
    pub fn parse_in(src: &str, path: &Path, lang: Lang) -> (Config, Vec<Problem>) {
        let t = &i18n::text(lang).config;
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
        let doc = match DeTable::parse(src) {
            Ok(d) => d,
            Err(e) => {
                let offset = e.span().map_or(0, |s| s.start);
                let msg = fill(&t.syntax, &[("message", &e.message().trim())]);
                return (Config::default(), vec![at(offset, msg)]);
            }
        };
        let mut problems = Vec::new();
        let mut cfg = Config::default();
        for (key, v) in doc.get_ref() {
            let k = key.get_ref().as_ref();
            match k {
                "language" => {
                    let Some(l) = value::<Spanned<String>>(k, v, t, &at, &mut problems) else {
                        continue;
                    };
                    match Lang::parse(l.get_ref()) {
                        Some(lang) => cfg.lang = Some(lang),
                        None => problems.push(at(
                            l.span().start,
                            fill(&t.unknown_language, &[("value", l.get_ref())]),
                        )),
                    }
                }
                "theme" => {
                    let Some(th) = value::<Spanned<String>>(k, v, t, &at, &mut problems) else {
                        continue;
                    };
                    match th.get_ref().as_str() {
                        "color" | "colour" | "default" => cfg.theme = Some(Theme::color()),
                        "mono" => cfg.theme = Some(Theme::mono()),
                        file => {
                            let p = path.parent().unwrap_or(Path::new(".")).join(file);
                            match load_theme(&p, lang) {
                                Ok(t) => cfg.theme = Some(t),
                                Err(e) => problems.push(at(th.span().start, e)),
                            }
                        }
                    }
                }
                "keys" => {
                    let Some(table) = table_of(k, v, t, &at, &mut problems) else {
                        continue;
                    };
                    let mut probe = Keymap::default();
                    for (action, keys) in table {
                        let action = action.get_ref().to_string();
                        let name = format!("keys.{action}");
                        let Some(list) = value::<Vec<String>>(&name, keys, t, &at, &mut problems)
                        else {
                            continue;
                        };
                        let entry = (action, list);
                        for p in probe.overlay_in(std::slice::from_ref(&entry), lang) {
                            problems.push(at(keys.span().start, format!("{name}: {p}")));
                        }
                        cfg.keys.push(entry);
                    }
                }
                "quiz" => {
                    let Some(table) = table_of(k, v, t, &at, &mut problems) else {
                        continue;
                    };
                    for (qk, qv) in table {
                        if qk.get_ref().as_ref() != "desired_retention" {
                            problems.push(unknown(qk, "quiz.", KNOWN_QUIZ, t, &at));
                            continue;
                        }
                        let name = "quiz.desired_retention";
                        let Some(r) = value::<Spanned<f64>>(name, qv, t, &at, &mut problems) else {
                            continue;
                        };
                        let v = *r.get_ref();
                        if (0.7..=0.99).contains(&v) {
                            cfg.desired_retention = Some(v);
                        } else {
                            problems.push(at(
                                r.span().start,
                                fill(&t.retention_range, &[("value", &v)]),
                            ));
                        }
                    }
                }
                _ => problems.push(unknown(key, "", KNOWN, t, &at)),
            }
        }
        problems.sort_by_key(|p| (p.line, p.column));
        (cfg, problems)
    }

    /// Reads the file at `path`; a missing file is an empty configuration.
    pub fn load(path: &Path) -> (Config, Vec<Problem>) {
        Config::load_in(path, Lang::En)
    }

    /// [`Config::load`] with the problems written in `lang`.
    pub fn load_in(path: &Path, lang: Lang) -> (Config, Vec<Problem>) {
        match read_small_file(path, lang) {
            Ok(Some(src)) => Config::parse_in(&src, path, lang),
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

/// One value as `T`, or a problem at the value (the file's other settings stand).
fn value<T: serde::de::DeserializeOwned>(
    key: &str,
    v: &Spanned<DeValue<'_>>,
    t: &i18n::ConfigText,
    at: &impl Fn(usize, String) -> Problem,
    problems: &mut Vec<Problem>,
) -> Option<T> {
    T::deserialize(ValueDeserializer::from(v.clone()))
        .map_err(|e| {
            let offset = e.span().map_or(v.span().start, |s| s.start);
            let m = [
                ("key", &key as &dyn std::fmt::Display),
                ("message", &e.message().trim()),
            ];
            problems.push(at(offset, fill(&t.bad_value, &m)));
        })
        .ok()
}

/// A setting's value as a table, or a problem at it.
fn table_of<'v, 'd>(
    key: &str,
    v: &'v Spanned<DeValue<'d>>,
    t: &i18n::ConfigText,
    at: &impl Fn(usize, String) -> Problem,
    problems: &mut Vec<Problem>,
) -> Option<&'v DeTable<'d>> {
    match v.get_ref() {
        DeValue::Table(table) => Some(table),
        _ => {
            problems.push(at(v.span().start, fill(&t.not_a_table, &[("key", &key)])));
            None
        }
    }
}

/// An unknown setting (`prefix` names its table), with the nearest known name.
fn unknown(
    key: &Spanned<std::borrow::Cow<'_, str>>,
    prefix: &str,
    known: &[&str],
    t: &i18n::ConfigText,
    at: &impl Fn(usize, String) -> Problem,
) -> Problem {
    let k = key.get_ref().as_ref();
    let near = crate::base::closest(k, known.iter().copied(), 1);
    let hint = match near.first() {
        Some(n) => fill(&t.did_you_mean, &[("near", &format!("{prefix}{n}"))]),
        None => fill(&t.expected, &[("known", &known.join(", "))]),
    };
    let message = fill(
        &t.unknown_setting,
        &[("key", &format!("{prefix}{k}")), ("hint", &hint)],
    );
    at(key.span().start, message)
}

/// Largest configuration or theme file read.
const MAX_FILE: u64 = 1 << 20;

/// Reads a small text file the user gave (through the bounded reader every user file
/// goes through): `None` when it does not exist; an error for something that is not a
/// regular file (a FIFO, a device, a folder), is too big or is not UTF-8.
fn read_small_file(path: &Path, lang: Lang) -> Result<Option<String>, String> {
    let shown = crate::sanitize::clean(&path.display().to_string()).into_owned();
    let t = i18n::text(lang);
    let cannot = |err: &str| fill(&t.cli.cannot_read, &[("path", &shown), ("err", &err)]);
    match crate::userfile::read_bounded(path, MAX_FILE) {
        Ok(bytes) => String::from_utf8(bytes)
            .map(Some)
            .map_err(|_| cannot(&t.messages.file_not_utf8)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(cannot(&i18n::io_error(&e, lang))),
    }
}

/// A theme file: the same fields as `assets/themes/default.toml`.
fn load_theme(path: &Path, lang: Lang) -> Result<Theme, String> {
    let t = &i18n::text(lang).config;
    let shown = crate::sanitize::clean(&path.display().to_string()).into_owned();
    let src = match read_small_file(path, lang)? {
        Some(s) => s,
        None => return Err(fill(&t.theme_missing, &[("path", &shown)])),
    };
    let ui: UiStyles = toml::from_str(&src).map_err(|e| {
        let m = [
            ("path", &shown as &dyn std::fmt::Display),
            ("message", &e.message().trim()),
        ];
        fill(&t.theme_bad, &m)
    })?;
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
    fn one_unknown_or_malformed_setting_leaves_the_others_applied() {
        let (cfg, problems) = parse(
            "colour = \"mono\"\nlanguage = \"ko\"\ntheme = 5\n[keys]\nquit = \"q\"\nhelp = [\"f1\"]\n[quiz]\nretention = 1\ndesired_retention = 0.8\n",
        );
        let lines: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(lines.len(), 4, "{lines:?}");
        assert!(lines[0].starts_with("/cfg/config.toml:1:1: unknown setting `colour`"));
        assert!(
            lines[1].starts_with("/cfg/config.toml:3:9: theme:"),
            "{lines:?}"
        );
        assert!(
            lines[2].starts_with("/cfg/config.toml:5:8: keys.quit:"),
            "{lines:?}"
        );
        assert!(lines[3].starts_with("/cfg/config.toml:8:1: unknown setting `quiz.retention`"));
        assert_eq!(cfg.lang, Some(Lang::Ko));
        assert!(cfg.theme.is_none());
        assert_eq!(cfg.keys, vec![("help".to_string(), vec!["f1".to_string()])]);
        assert_eq!(cfg.desired_retention, Some(0.8));
        let (_, problems) = parse("keys = 3\n");
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].message.contains("`keys`"), "{problems:?}");
    }

    #[test]
    fn problems_follow_the_language() {
        let src = "languag = \"ko\"\n";
        let (_, ko) = Config::parse_in(src, Path::new("/c.toml"), Lang::Ko);
        let (_, en) = Config::parse_in(src, Path::new("/c.toml"), Lang::En);
        assert_eq!((ko[0].line, ko[0].column), (en[0].line, en[0].column));
        assert!(ko[0].message.contains("알 수 없는 설정"), "{ko:?}");
        assert!(en[0].message.contains("did you mean `language`"), "{en:?}");
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
