//! The languages of the content and the UI, and a value in both of them.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A language of the content and the UI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    En,
    Ko,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Ko];

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ko => "ko",
        }
    }

    pub fn parse(s: &str) -> Option<Lang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "en" | "english" => Some(Lang::En),
            "ko" | "korean" | "kr" => Some(Lang::Ko),
            _ => None,
        }
    }

    pub fn toggle(self) -> Lang {
        match self {
            Lang::En => Lang::Ko,
            Lang::Ko => Lang::En,
        }
    }

    /// The language the environment asks for: the first set of `LC_ALL`, `LC_MESSAGES`,
    /// `LANG` (POSIX precedence) decides; a value starting with `ko` means Korean.
    pub fn from_env() -> Lang {
        Lang::from_locale_vars(|k| std::env::var(k).ok())
    }

    pub fn from_locale_vars(get: impl Fn(&str) -> Option<String>) -> Lang {
        for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let Some(v) = get(key).filter(|v| !v.is_empty()) {
                return if v.to_ascii_lowercase().starts_with("ko") {
                    Lang::Ko
                } else {
                    Lang::En
                };
            }
        }
        Lang::En
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A value in both languages.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Localized<T> {
    pub en: T,
    pub ko: T,
}

impl<T> Localized<T> {
    pub fn get(&self, lang: Lang) -> &T {
        match lang {
            Lang::En => &self.en,
            Lang::Ko => &self.ko,
        }
    }
}
