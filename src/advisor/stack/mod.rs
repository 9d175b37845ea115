//! A stack: the profile and one pick per stage (a tool, or "skip"), with its analysis
//! (coverage and problems), its export as Markdown, TOML or JSON, and its import.
//!
//! Picks are keyed by stage id. A pick may name a tool the catalogue no longer has (a
//! stack saved with `--landscape`, or an older catalogue): it is kept, and the analysis
//! warns about it.

mod analysis;
mod file;
mod markdown;

use std::collections::BTreeMap;

use super::{Advisor, Profile};
use crate::advisor::Context;

pub use analysis::{Analysis, Coverage, Severity, StackProblem, StageCoverage};
pub use file::{
    Format, ImportWarning, Imported, MAX_ID_BYTES, STACK_VERSION, StackFileError, export, import,
    to_toml,
};
pub use markdown::to_markdown;

/// The id that marks a stage as skipped in files and on the command line.
pub const SKIP: &str = "skip";

/// What the team chose for a stage.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Pick {
    /// This tool (by id).
    Tool(String),
    /// No tool on purpose: not every stage needs one.
    Skip,
}

impl Pick {
    /// `skip` or the tool id.
    pub fn parse(s: &str) -> Pick {
        if s == SKIP {
            Pick::Skip
        } else {
            Pick::Tool(s.to_string())
        }
    }

    /// The id written to files: the tool id, or `skip`.
    pub fn id(&self) -> &str {
        match self {
            Pick::Tool(id) => id,
            Pick::Skip => SKIP,
        }
    }

    pub fn tool(&self) -> Option<&str> {
        match self {
            Pick::Tool(id) => Some(id),
            Pick::Skip => None,
        }
    }
}

/// A profile and the picks for its stages.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stack {
    pub profile: Profile,
    /// Stage id → pick. A stage without an entry is not decided yet.
    pub picks: BTreeMap<String, Pick>,
}

impl Stack {
    pub fn new(profile: Profile) -> Stack {
        Stack {
            profile,
            picks: BTreeMap::new(),
        }
    }

    pub fn pick(&self, stage: &str) -> Option<&Pick> {
        self.picks.get(stage)
    }

    /// Sets a stage's pick (replacing any).
    pub fn set(&mut self, stage: &str, pick: Pick) {
        self.picks.insert(stage.to_string(), pick);
    }

    /// Makes a stage undecided again; returns what it was.
    pub fn unset(&mut self, stage: &str) -> Option<Pick> {
        self.picks.remove(stage)
    }

    /// Removes every pick (the profile stays).
    pub fn clear(&mut self) {
        self.picks.clear();
    }

    /// The picked tools: (stage, tool id), by stage id.
    pub fn tools(&self) -> impl Iterator<Item = (&str, &str)> {
        self.picks
            .iter()
            .filter_map(|(s, p)| p.tool().map(|t| (s.as_str(), t)))
    }

    /// The advisor for this stack's profile, taking the picks into account (a tool that
    /// works with a pick of another stage scores a little more).
    pub fn advisor<'a>(&self, lib: &'a dyn Context) -> Advisor<'a> {
        Advisor::new(lib.catalog(), lib.weights(), self.profile).with_picks(self.tools())
    }

    /// Coverage of the stages and the problems of the picks.
    pub fn analyze(&self, lib: &dyn Context) -> Analysis {
        analysis::analyze(self, lib)
    }

    /// The picks in the order of the library's stages, then any for unknown stages.
    pub fn ordered<'s>(&'s self, lib: &dyn Context) -> Vec<(&'s str, &'s Pick)> {
        let mut out: Vec<(&str, &Pick)> = Vec::new();
        for s in lib.stages() {
            if let Some((k, p)) = self.picks.get_key_value(&s.id) {
                out.push((k.as_str(), p));
            }
        }
        for (k, p) in &self.picks {
            if lib.stage(k).is_none() {
                out.push((k.as_str(), p));
            }
        }
        out
    }
}
