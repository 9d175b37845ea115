//! Everything that can change the app's state. Keys and mouse events become `Action`s
//! (through the keymap and the current mode); tests drive `Action`s directly.
//!
//! The names users write in their keymap (`quit`, `next_tab`, `filter_stage_back`...) are
//! the variants' own names in snake_case: there is no second list to keep in step.

use serde::{Deserialize, Serialize};
use strum::{EnumIter, IntoEnumIterator, IntoStaticStr};

/// A state change request, handled by `App::update`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, EnumIter, IntoStaticStr,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Action {
    Quit,
    Help,
    /// The command palette: jump to any page, heading, term, tool or command.
    Palette,
    NextTab,
    PrevTab,
    /// Go to the tab with this 0-based index (bound to the digits: the digit is the tab).
    #[serde(skip)]
    GoTab(usize),
    ToggleLang,
    /// Close an overlay, leave an input, go back one step.
    Back,
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Top,
    Bottom,
    /// Open, start, submit or continue: what Enter does where it is.
    Open,
    /// Focus the current view's search or filter input.
    Search,
    /// Show the current quiz question's hint.
    Hint,
    /// Open the page behind what is shown (a quiz answer, the advisor's weights).
    OpenPage,
    /// Cycle a tool filter forwards or backwards, or clear them all.
    FilterStage,
    FilterStageBack,
    FilterLicense,
    FilterLicenseBack,
    FilterHosting,
    FilterHostingBack,
    FilterCloud,
    FilterCloudBack,
    FilterClear,
    /// Advisor: skip the selected stage, or undo the skip.
    SkipStage,
    /// Advisor: the selected tool's details.
    Details,
    /// Advisor: export the stack; import a stack file.
    Export,
    Import,
    /// Quiz: start a drill on the questions just missed.
    Retry,
    /// Quiz stats: fit the user's own scheduling parameters to their review log.
    Optimize,
    /// A character typed into the focused input, or an answer key while a quiz question
    /// owns the keys.
    #[serde(skip)]
    Char(char),
    /// Text editing in the focused input.
    #[serde(skip)]
    Backspace,
    #[serde(skip)]
    Delete,
    #[serde(skip)]
    CursorLeft,
    #[serde(skip)]
    CursorRight,
    #[serde(skip)]
    CursorHome,
    #[serde(skip)]
    CursorEnd,
    /// The terminal now has this many columns and rows.
    #[serde(skip)]
    Resize(u16, u16),
    /// A left click at (column, row).
    #[serde(skip)]
    Click(u16, u16),
    /// The mouse wheel at (column, row): negative scrolls up.
    #[serde(skip)]
    Scroll(u16, u16, i16),
}

impl Action {
    /// The action's name, as written in a keymap and in the i18n files.
    pub fn name(self) -> &'static str {
        <&'static str>::from(self)
    }

    /// Whether a key can be bound to this action in a keymap.
    pub fn bindable(self) -> bool {
        !matches!(
            self,
            Action::Char(_)
                | Action::Backspace
                | Action::Delete
                | Action::CursorLeft
                | Action::CursorRight
                | Action::CursorHome
                | Action::CursorEnd
                | Action::Resize(..)
                | Action::Click(..)
                | Action::Scroll(..)
        )
    }

    /// Every action a key can be bound to, in declaration order.
    pub fn bindable_all() -> impl Iterator<Item = Action> {
        Action::iter().filter(|a| a.bindable())
    }

    /// The action for a keymap name. `go_tab` needs the digit of its key, given as `tab`.
    pub fn from_name(name: &str, tab: Option<usize>) -> Option<Action> {
        let a = Action::bindable_all().find(|a| a.name() == name)?;
        Some(match a {
            Action::GoTab(_) => Action::GoTab(tab?),
            a => a,
        })
    }
}

/// What a component asks the app to do after it changed its own state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Handled; nothing else to do.
    None,
    /// Not this component's action: the app applies its global meaning, if any.
    Unhandled,
    GoTab(super::app::Tab),
    /// Open a tool's detail over the current pane.
    OpenTool(String),
    /// Open a page over the current pane.
    OpenPage(String),
    /// Open a document made on the spot (key for the render cache, Markdown).
    OpenDoc(String, String),
    /// Show a page in its own tab, selected.
    ShowPage(String),
    /// Show a page in its own tab, scrolled to a heading or term.
    ShowAt(String, String),
    /// Go to the Quiz tab and start a session (drill topic optional).
    StartQuiz(crate::quiz::Mode, Option<crate::quiz::Topic>),
    /// Go to the Quiz tab's stats.
    QuizStats,
    /// A message for the status line (and whether it is a warning).
    Status(String, bool),
    /// Run another action (the help and the palette run commands this way).
    Run(Action),
    Quit,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_the_serde_names() {
        for a in Action::bindable_all() {
            if matches!(a, Action::GoTab(_)) {
                continue;
            }
            let json = serde_json::to_string(&a).unwrap();
            assert_eq!(json, format!("\"{}\"", a.name()));
            assert_eq!(Action::from_name(a.name(), None), Some(a));
        }
        assert_eq!(Action::from_name("go_tab", Some(2)), Some(Action::GoTab(2)));
        assert_eq!(Action::from_name("go_tab", None), None);
        assert_eq!(Action::from_name("char", None), None);
        assert_eq!(Action::from_name("fly", None), None);
    }
}
