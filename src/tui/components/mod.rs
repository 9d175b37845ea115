//! The panes and what opens over them. Each component owns its state, turns an `Action`
//! into state changes and an `Effect` for the app, lists its commands (key bar, help,
//! palette and README come from those lists), and draws itself from its state.

pub mod advisor;
pub mod catalog;
pub mod help;
pub mod overlay;
pub mod pages;
pub mod palette;
pub mod quiz;
pub mod repo;

use crate::tui::registry::Command;

/// Every command of the overlays (for the README).
pub fn overlay_commands_all() -> Vec<Command> {
    overlay::all_commands()
}
