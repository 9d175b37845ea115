//! Pictures drawn by the app: the DevOps loop and the CI/CD pipeline.

pub mod loop_diagram;
pub mod pipeline;

use unicode_width::UnicodeWidthStr;

/// Width of a string in terminal columns, as u16.
pub fn cols(s: &str) -> u16 {
    u16::try_from(s.width()).unwrap_or(u16::MAX)
}
