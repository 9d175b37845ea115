//! Panes with state of their own.

pub mod quiz;
pub mod quiz_draw;
