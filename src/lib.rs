//! feoops: learn DevOps from the terminal.

pub mod catalog;
pub mod cli;
pub mod content;
pub mod i18n;
pub mod markdown;
pub mod pages;
pub mod pipeline;
pub mod quiz;
pub mod sanitize;
pub mod store;
pub mod tui;
pub mod userfile;
