//! The ground floor every other module stands on: where content comes from (the folder
//! embedded in the binary or a user's folder), problems with `path:line:column`, the
//! languages (`Lang`, `Localized`), the UI labels (`i18n`), and the stages and categories
//! that every engine names. Nothing here imports a module above it.

mod check;
pub mod i18n;
mod lang;
mod problem;
pub mod sanitize;
mod sink;
mod source;
mod stages;
pub mod terms;
pub mod userfile;

pub use check::{closest, is_https_url, is_slug};
pub use lang::{Lang, Localized};
pub use problem::{LineIndex, Problem, line_col, line_col_work};
pub(crate) use sink::Sink;
pub use source::{ContentFiles, SourceFile};
pub use stages::{Category, Stage, stage, stage_name};
pub(crate) use stages::{load_categories, load_stages};

/// The page ids of each language (what quiz questions and links may name).
pub type PageIds = std::collections::HashMap<Lang, std::collections::HashSet<String>>;
