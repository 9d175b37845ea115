//! One struct holds every style of the UI. The colour theme and the monochrome one
//! (chosen when `NO_COLOR` is set) are TOML files in `assets/themes/`.

use ratatui::style::Style;
use serde::Deserialize;

use crate::markdown::MdStyles;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UiStyles {
    pub tab: Style,
    pub tab_active: Style,
    pub tab_bar: Style,
    pub border: Style,
    pub border_focus: Style,
    pub title: Style,
    pub selected: Style,
    pub item: Style,
    pub key: Style,
    pub key_text: Style,
    pub dim: Style,
    pub warning: Style,
    pub stage: Style,
    pub stage_selected: Style,
    pub arrow: Style,
    pub feedback: Style,
    pub automated: Style,
    pub manual: Style,
    pub approval: Style,
    pub class_oss: Style,
    pub class_open_core: Style,
    pub class_source_available: Style,
    pub class_proprietary: Style,
    pub class_unknown: Style,
    /// Matched characters in search results.
    pub highlight: Style,
}

impl UiStyles {
    /// The style of a licence class in the Toolchain and Tools panes.
    pub fn class(&self, c: Option<crate::catalog::LicenseClass>) -> Style {
        use crate::catalog::LicenseClass as L;
        match c {
            Some(L::Oss) => self.class_oss,
            Some(L::OpenCore) => self.class_open_core,
            Some(L::SourceAvailable) => self.class_source_available,
            Some(L::Proprietary) => self.class_proprietary,
            None => self.class_unknown,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Theme {
    pub ui: UiStyles,
    pub md: MdStyles,
    pub mono: bool,
}

const DEFAULT: &str = include_str!("../../assets/themes/default.toml");
const MONO: &str = include_str!("../../assets/themes/mono.toml");

impl Theme {
    pub fn color() -> Theme {
        Theme {
            ui: parse(DEFAULT, "default"),
            md: MdStyles::default(),
            mono: false,
        }
    }

    pub fn mono() -> Theme {
        Theme {
            ui: parse(MONO, "mono"),
            md: MdStyles::plain(),
            mono: true,
        }
    }

    /// Monochrome when `NO_COLOR` is set to a non-empty value (https://no-color.org).
    pub fn from_env() -> Theme {
        match std::env::var_os("NO_COLOR") {
            Some(v) if !v.is_empty() => Theme::mono(),
            _ => Theme::color(),
        }
    }
}

fn parse(src: &str, name: &str) -> UiStyles {
    toml::from_str(src).unwrap_or_else(|e| panic!("assets/themes/{name}.toml: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Modifier;

    #[test]
    fn mono_theme_has_no_colours() {
        let t = Theme::mono();
        let s = &t.ui;
        for style in [
            s.tab,
            s.tab_active,
            s.tab_bar,
            s.border,
            s.border_focus,
            s.title,
            s.selected,
            s.item,
            s.key,
            s.key_text,
            s.dim,
            s.warning,
            s.stage,
            s.stage_selected,
            s.arrow,
            s.feedback,
            s.automated,
            s.manual,
            s.approval,
            s.class_oss,
            s.class_open_core,
            s.class_source_available,
            s.class_proprietary,
            s.class_unknown,
            s.highlight,
        ] {
            assert_eq!(style.fg, None);
            assert_eq!(style.bg, None);
        }
        assert!(s.selected.add_modifier.contains(Modifier::REVERSED));
    }

    #[test]
    fn colour_theme_parses() {
        let t = Theme::color();
        assert!(t.ui.tab_active.bg.is_some());
    }
}
