//! Panes with state of their own.

pub mod advisor;
pub mod advisor_draw;
pub mod catalog;
pub mod catalog_draw;
pub mod quiz;
pub mod quiz_draw;
