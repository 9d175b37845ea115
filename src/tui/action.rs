//! Everything that can change the app's state. Keys and mouse events become `Action`s
//! (through the keymap); tests drive `Action`s directly.

/// A state change request, handled by `App::update`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Quit,
    NextTab,
    PrevTab,
    /// Go to the tab with this 0-based index.
    GoTab(usize),
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Top,
    Bottom,
    Open,
    ToggleLang,
    Help,
    Back,
    /// Show the current quiz question's hint.
    Hint,
    /// Open the page that teaches the quiz question just answered.
    OpenPage,
    /// Go to the tool search.
    Search,
    /// Cycle a tool filter, or clear them all.
    FilterStage,
    FilterLicense,
    FilterHosting,
    FilterCloud,
    FilterClear,
    /// Advisor: skip the selected stage, or undo the skip.
    SkipStage,
    /// Advisor: the selected tool's details.
    Details,
    /// Advisor: export the stack; import a stack file.
    Export,
    Import,
    /// A character typed into a text input (quiz answers, search).
    Char(char),
    /// Delete the last character of a text input.
    Backspace,
    /// The terminal now has this many columns and rows.
    Resize(u16, u16),
    /// A left click at (column, row).
    Click(u16, u16),
    /// The mouse wheel at (column, row): negative scrolls up.
    Scroll(u16, u16, i16),
}

/// The actions a key can be bound to, by their name in `assets/keymap.toml`.
pub const BINDABLE: [&str; 28] = [
    "quit",
    "next_tab",
    "prev_tab",
    "go_tab",
    "up",
    "down",
    "left",
    "right",
    "page_up",
    "page_down",
    "top",
    "bottom",
    "open",
    "toggle_lang",
    "help",
    "back",
    "hint",
    "open_page",
    "search",
    "filter_stage",
    "filter_license",
    "filter_hosting",
    "filter_cloud",
    "filter_clear",
    "skip_stage",
    "details",
    "export",
    "import",
];

impl Action {
    /// The action for a keymap name. `go_tab` needs the digit of its key, given as `tab`.
    pub fn from_name(name: &str, tab: Option<usize>) -> Option<Action> {
        Some(match name {
            "quit" => Action::Quit,
            "next_tab" => Action::NextTab,
            "prev_tab" => Action::PrevTab,
            "go_tab" => Action::GoTab(tab?),
            "up" => Action::Up,
            "down" => Action::Down,
            "left" => Action::Left,
            "right" => Action::Right,
            "page_up" => Action::PageUp,
            "page_down" => Action::PageDown,
            "top" => Action::Top,
            "bottom" => Action::Bottom,
            "open" => Action::Open,
            "toggle_lang" => Action::ToggleLang,
            "help" => Action::Help,
            "back" => Action::Back,
            "hint" => Action::Hint,
            "open_page" => Action::OpenPage,
            "search" => Action::Search,
            "filter_stage" => Action::FilterStage,
            "filter_license" => Action::FilterLicense,
            "filter_hosting" => Action::FilterHosting,
            "filter_cloud" => Action::FilterCloud,
            "filter_clear" => Action::FilterClear,
            "skip_stage" => Action::SkipStage,
            "details" => Action::Details,
            "export" => Action::Export,
            "import" => Action::Import,
            _ => return None,
        })
    }
}
