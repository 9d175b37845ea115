//! feoops: learn DevOps from the terminal.
//!
//! The modules flow one way, from the ground floor up; no module imports one above it
//! (`tests/layers.rs` checks this):
//!
//! - [`base`]: content files (embedded or a folder), problems with `path:line:column`,
//!   `Lang`/`Localized`, the UI labels, the stages and categories. [`markdown`] renders
//!   Markdown to lines at a width.
//! - engines, each with its model and loader: [`pages`], [`catalog`] (tools, search,
//!   landscape import), [`advisor`] (suggestions and the stack, over the catalogue),
//!   [`quiz`] (questions, FSRS, sessions); [`store`] keeps user data on disk.
//! - [`library`]: the aggregate the front ends use; each part loads on first use.
//! - front ends: [`cli`] and [`tui`].

pub mod base;
pub mod markdown;

pub mod advisor;
pub mod catalog;
pub mod pages;
pub mod pipeline;
pub mod quiz;

pub mod store;

pub mod library;

pub mod cli;
pub mod tui;

pub use base::i18n;
pub use base::sanitize;
pub use base::userfile;
pub use library::{Library, Loaded};
