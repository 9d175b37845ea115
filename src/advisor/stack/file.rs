//! Stack files: export as Markdown, TOML or JSON, and import of TOML or JSON.
//!
//! TOML and JSON hold the same document: `version` (this feoops writes
//! [`STACK_VERSION`]), an optional `profile` (answer ids) and `picks` (stage id → tool id
//! or `skip`). Importing checks the version first, so a file from a newer feoops is
//! refused with a clear message instead of half-read.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use serde::de::DeserializeOwned;
use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize, Serializer};

use super::{Pick, Stack};
use crate::advisor::Context;
use crate::advisor::{Profile, ProfileField};
use crate::base::i18n::{self, Localize, fill};
use crate::base::is_slug;
use crate::base::{Lang, closest};

/// The version of stack files this feoops writes and reads.
pub const STACK_VERSION: u32 = 1;

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// A readable one-page "Our toolchain" document (not importable).
    Markdown,
    Toml,
    Json,
}

impl Format {
    pub const ALL: [Format; 3] = [Format::Markdown, Format::Toml, Format::Json];

    pub fn id(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Toml => "toml",
            Format::Json => "json",
        }
    }

    pub fn parse(s: &str) -> Option<Format> {
        match s {
            "md" | "markdown" => Some(Format::Markdown),
            "toml" => Some(Format::Toml),
            "json" => Some(Format::Json),
            _ => None,
        }
    }

    /// The format a file name's extension says, if any.
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Format::parse(&ext)
    }
}

/// Why a stack file could not be imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StackFileError {
    Invalid {
        name: String,
        message: String,
    },
    Newer {
        name: String,
        found: i64,
        supported: u32,
    },
    Markdown {
        name: String,
    },
}

impl Localize for StackFileError {
    fn localized(&self, lang: Lang) -> String {
        let m = &i18n::text(lang).messages;
        match self {
            StackFileError::Invalid { name, message } => {
                fill(&m.stack_invalid, &[("name", name), ("message", message)])
            }
            StackFileError::Newer {
                name,
                found,
                supported,
            } => fill(
                &m.stack_newer,
                &[("name", name), ("found", found), ("supported", supported)],
            ),
            StackFileError::Markdown { name } => fill(&m.stack_markdown, &[("name", name)]),
        }
    }
}

impl fmt::Display for StackFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.localized(Lang::En))
    }
}

impl std::error::Error for StackFileError {}

/// Something an import noticed and fixed or kept; the stack still loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportWarning {
    /// A pick names a tool the catalogue does not have; the pick is kept.
    UnknownTool {
        stage: String,
        tool: String,
        closest: Vec<String>,
    },
    /// A pick for a stage the content does not have; it was dropped.
    UnknownStage { stage: String, closest: Vec<String> },
    /// A pick for a stage its tool does not serve; the pick is kept.
    WrongStage { stage: String, tool: String },
}

impl ImportWarning {
    pub fn text(&self, lang: Lang) -> String {
        let m = &i18n::text(lang).messages;
        let hint = |near: &[String]| {
            if near.is_empty() {
                String::new()
            } else {
                fill(&m.did_you_mean, &[("near", &near.join(", "))])
            }
        };
        match self {
            ImportWarning::UnknownTool {
                stage,
                tool,
                closest,
            } => fill(
                &m.stack_unknown_tool,
                &[("stage", stage), ("tool", tool), ("hint", &hint(closest))],
            ),
            ImportWarning::UnknownStage { stage, closest } => fill(
                &m.stack_unknown_stage,
                &[("stage", stage), ("hint", &hint(closest))],
            ),
            ImportWarning::WrongStage { stage, tool } => {
                fill(&m.stack_wrong_stage, &[("stage", stage), ("tool", tool)])
            }
        }
    }
}

impl fmt::Display for ImportWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

/// A stack read from a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    pub stack: Stack,
    /// False when the file has no `profile` (the stack's profile is then "don't care").
    pub has_profile: bool,
    pub warnings: Vec<ImportWarning>,
}

/// Writes a stack in a format (Markdown in a language; TOML and JSON are the same in
/// every language).
pub fn export(stack: &Stack, lib: &dyn Context, format: Format, lang: Lang) -> String {
    match format {
        Format::Markdown => super::to_markdown(stack, lib, lang),
        Format::Toml => to_toml(stack, lib, true),
        Format::Json => to_json(stack, lib),
    }
}

/// The TOML document, with or without the profile.
pub fn to_toml(stack: &Stack, lib: &dyn Context, with_profile: bool) -> String {
    let mut out = String::from(
        "# Our toolchain: a feoops stack file. Load it with `feoops stack import FILE`.\n",
    );
    out.push_str(&format!("version = {STACK_VERSION}\n"));
    if with_profile {
        out.push_str("\n[profile]\n");
        for f in ProfileField::ALL {
            out.push_str(&format!("{} = {}\n", f.id(), quote(stack.profile.get(f))));
        }
    }
    out.push_str("\n[picks]\n");
    for (stage, pick) in stack.ordered(lib) {
        let key = if is_slug(stage) {
            stage.to_string()
        } else {
            quote(stage)
        };
        out.push_str(&format!("{key} = {}\n", quote(pick.id())));
    }
    out
}

fn quote(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// Picks in stage order, serialized as a map in that order.
struct OrderedPicks<'a>(Vec<(&'a str, &'a Pick)>);

impl Serialize for OrderedPicks<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (stage, pick) in &self.0 {
            map.serialize_entry(stage, pick.id())?;
        }
        map.end()
    }
}

fn to_json(stack: &Stack, lib: &dyn Context) -> String {
    #[derive(Serialize)]
    struct Doc<'a> {
        version: u32,
        profile: &'a Profile,
        picks: OrderedPicks<'a>,
    }
    let doc = Doc {
        version: STACK_VERSION,
        profile: &stack.profile,
        picks: OrderedPicks(stack.ordered(lib)),
    };
    // Serializing plain strings and integers cannot fail.
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}

#[derive(Deserialize)]
struct VersionOnly {
    version: Option<i64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    #[serde(rename = "version")]
    _version: i64,
    profile: Option<Profile>,
    #[serde(default)]
    picks: BTreeMap<String, String>,
}

/// Reads a stack file. `name` (a path or file name) decides the format by its extension
/// (`.toml`, `.json`); without one, text starting with `{` is JSON, anything else TOML.
pub fn import(text: &str, name: &str, lib: &dyn Context) -> Result<Imported, StackFileError> {
    let format = Format::from_path(Path::new(name)).unwrap_or_else(|| {
        if text.trim_start().starts_with('{') {
            Format::Json
        } else {
            Format::Toml
        }
    });
    let raw: Raw = match format {
        Format::Markdown => {
            return Err(StackFileError::Markdown {
                name: name.to_string(),
            });
        }
        Format::Toml | Format::Json => read(format, name, text)?,
    };
    let has_profile = raw.profile.is_some();
    let mut warnings = Vec::new();
    let mut stack = Stack::new(raw.profile.unwrap_or_default());
    let stage_ids: Vec<&str> = lib.stages().iter().map(|s| s.id.as_str()).collect();
    for (stage, id) in raw.picks {
        if lib.stage(&stage).is_none() {
            warnings.push(ImportWarning::UnknownStage {
                closest: closest(&stage, stage_ids.iter().copied(), 3),
                stage,
            });
            continue;
        }
        let pick = Pick::parse(id.trim());
        if let Pick::Tool(tool) = &pick {
            match lib.catalog().get(tool) {
                None => warnings.push(ImportWarning::UnknownTool {
                    stage: stage.clone(),
                    tool: tool.clone(),
                    closest: lib.catalog().closest_ids(tool),
                }),
                Some(t) if !t.serves(&stage) => warnings.push(ImportWarning::WrongStage {
                    stage: stage.clone(),
                    tool: tool.clone(),
                }),
                Some(_) => {}
            }
        }
        stack.picks.insert(stage, pick);
    }
    // In loop order, like the analysis.
    let order = |w: &ImportWarning| {
        let s = match w {
            ImportWarning::UnknownTool { stage, .. }
            | ImportWarning::UnknownStage { stage, .. }
            | ImportWarning::WrongStage { stage, .. } => stage,
        };
        stage_ids.iter().position(|x| x == s).unwrap_or(usize::MAX)
    };
    warnings.sort_by_key(order);
    Ok(Imported {
        stack,
        has_profile,
        warnings,
    })
}

fn parse_as<T: DeserializeOwned>(format: Format, text: &str) -> Result<T, String> {
    match format {
        Format::Json => serde_json::from_str(text).map_err(|e| e.to_string()),
        Format::Toml | Format::Markdown => toml::from_str(text).map_err(|e| e.to_string()),
    }
}

/// Checks the version (leniently, so a newer file is recognised as such), then parses
/// the whole document.
fn read(format: Format, name: &str, text: &str) -> Result<Raw, StackFileError> {
    let invalid = |message: String| StackFileError::Invalid {
        name: name.to_string(),
        message: message.trim().to_string(),
    };
    let v: VersionOnly = parse_as(format, text).map_err(invalid)?;
    match v.version {
        None => Err(invalid(
            "it has no `version` (is it a feoops stack file?)".into(),
        )),
        Some(found) if found > i64::from(STACK_VERSION) => Err(StackFileError::Newer {
            name: name.to_string(),
            found,
            supported: STACK_VERSION,
        }),
        Some(found) if found < 1 => Err(invalid(format!("unknown version {found}"))),
        Some(_) => parse_as(format, text).map_err(invalid),
    }
}
