//! Pipeline X-ray (`feoops explain`): CI files → one pipeline model → verdict and advice.
//!
//! ```text
//! Files (a folder, or files in memory)
//!   -> yaml        a tree with a line for every node, bounded against hostile input
//!   -> github / gitlab / circleci   one reader per CI system, into the shared model
//!   -> table       steps recognised as loop stages and catalogue tools (content/explain.toml)
//!   -> classify    none / CI / Continuous Delivery / Continuous Deployment per path
//!   -> advice      what is missing
//!   -> Report      text (render) or JSON
//! ```
//!
//! The engine reads only files; it never follows remote includes or other repositories'
//! workflows (they are named in the notes), and never touches the network.

mod advice;
mod circleci;
pub mod classify;
mod github;
mod gitlab;
pub mod model;
pub mod quiz;
mod read;
pub mod render;
pub mod report;
pub mod table;
pub mod yaml;

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

pub use model::{Job, Loc, Note, NoteKind, Pipeline, Step, System};
pub use report::{Code, Depends, Finding, Report, Verdict};
pub use table::Table;

use read::Ctx;

/// The largest CI file read (a bigger one is named in the notes and skipped).
pub const MAX_FILE: u64 = 16 * 1024 * 1024;
/// The version of the JSON report (docs/JSON.md).
pub const JSON_VERSION: u32 = 1;

/// Why a file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unreadable {
    Missing,
    TooLarge(u64),
    NotText,
}

/// Where the CI files come from: a repository folder, or files in memory (tests).
pub trait Files {
    /// The text of a file, by its path relative to the repository (`/` separators).
    fn load(&self, rel: &str) -> Result<String, Unreadable>;
    /// The names of the files directly in a folder, sorted.
    fn list(&self, dir: &str) -> Vec<String>;

    fn read(&self, rel: &str) -> Option<String> {
        self.load(rel).ok()
    }
}

/// A repository on disk. Paths that would leave it (`..`, absolute) are refused.
pub struct DirFiles {
    root: PathBuf,
}

impl DirFiles {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        DirFiles { root: root.into() }
    }

    fn path(&self, rel: &str) -> Option<PathBuf> {
        let rel = Path::new(rel);
        rel.components()
            .all(|c| matches!(c, Component::Normal(_) | Component::CurDir))
            .then(|| self.root.join(rel))
    }
}

impl Files for DirFiles {
    fn load(&self, rel: &str) -> Result<String, Unreadable> {
        let path = self.path(rel).ok_or(Unreadable::Missing)?;
        let meta = std::fs::metadata(&path).map_err(|_| Unreadable::Missing)?;
        if !meta.is_file() {
            return Err(Unreadable::Missing);
        }
        if meta.len() > MAX_FILE {
            return Err(Unreadable::TooLarge(meta.len()));
        }
        let bytes = std::fs::read(&path).map_err(|_| Unreadable::Missing)?;
        String::from_utf8(bytes).map_err(|_| Unreadable::NotText)
    }

    fn list(&self, dir: &str) -> Vec<String> {
        let Some(path) = self.path(dir) else {
            return Vec::new();
        };
        let mut names: Vec<String> = std::fs::read_dir(path)
            .map(|rd| {
                rd.flatten()
                    .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
                    .filter_map(|e| e.file_name().into_string().ok())
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        names
    }
}

/// Files in memory, by relative path.
#[derive(Debug, Clone, Default)]
pub struct MemFiles(pub BTreeMap<String, String>);

impl Files for MemFiles {
    fn load(&self, rel: &str) -> Result<String, Unreadable> {
        self.0.get(rel).cloned().ok_or(Unreadable::Missing)
    }

    fn list(&self, dir: &str) -> Vec<String> {
        let prefix = format!("{}/", dir.trim_end_matches('/'));
        self.0
            .keys()
            .filter_map(|k| k.strip_prefix(&prefix))
            .filter(|n| !n.contains('/'))
            .map(str::to_string)
            .collect()
    }
}

/// The CI files of a repository, in the order they are explained.
pub fn ci_files(files: &dyn Files) -> Vec<String> {
    let mut out: Vec<String> = files
        .list(".github/workflows")
        .into_iter()
        .filter(|n| n.ends_with(".yml") || n.ends_with(".yaml"))
        .map(|n| format!(".github/workflows/{n}"))
        .collect();
    for f in [".gitlab-ci.yml", ".circleci/config.yml"] {
        if files.load(f) != Err(Unreadable::Missing) {
            out.push(f.to_string());
        }
    }
    out
}

fn note(kind: NoteKind, file: &str, line: u32, col: u32, text: String) -> Note {
    Note {
        kind,
        loc: Loc {
            file: file.to_string(),
            line,
        },
        col,
        text,
    }
}

/// Explains a repository folder with the shipped recognition table.
pub fn explain_dir(root: &Path) -> Report {
    explain(&DirFiles::new(root), &Table::embedded())
}

/// Explains the CI files of `files` with a recognition table.
pub fn explain(files: &dyn Files, table: &Table) -> Report {
    let mut ctx = Ctx::new();
    let mut pipelines = Vec::new();
    let found = ci_files(files);
    for file in &found {
        let text = match files.load(file) {
            Ok(t) => t,
            Err(Unreadable::TooLarge(n)) => {
                ctx.notes
                    .push(note(NoteKind::TooLarge, file, 1, 1, n.to_string()));
                continue;
            }
            Err(_) => {
                ctx.notes.push(note(
                    NoteKind::YamlError,
                    file,
                    1,
                    1,
                    "not UTF-8 text".into(),
                ));
                continue;
            }
        };
        let root = match yaml::parse(&text) {
            Ok(r) => r,
            Err(e) => {
                ctx.notes
                    .push(note(NoteKind::YamlError, file, e.line, e.col, e.message));
                continue;
            }
        };
        if file.starts_with(".github/") {
            pipelines.extend(github::read(&mut ctx, file, &root, files));
        } else if file == ".gitlab-ci.yml" {
            pipelines.extend(gitlab::read(&mut ctx, files, file, &root));
        } else {
            pipelines.extend(circleci::read(&mut ctx, file, &root));
        }
    }
    inline_calls(&mut pipelines, files, &mut ctx);
    for p in &mut pipelines {
        for j in &mut p.jobs {
            for s in &mut j.steps {
                table.recognise(s);
            }
            j.cache |= j.steps.iter().any(|s| s.caches);
        }
        p.waves = p
            .wave_indices()
            .into_iter()
            .map(|w| w.into_iter().map(|i| p.jobs[i].id.clone()).collect())
            .collect();
    }
    let (verdict, depends_on, reasons, paths) = classify::classify(&pipelines, !found.is_empty());
    let advice = advice::advise(&pipelines, &paths);
    let tools = tools(&pipelines);
    let mut notes = ctx.notes;
    notes.sort_by(|a, b| (&a.loc, a.col).cmp(&(&b.loc, b.col)));
    notes.dedup();
    Report {
        version: JSON_VERSION,
        files: found,
        verdict,
        depends_on,
        reasons,
        pipelines,
        paths,
        tools,
        advice,
        notes,
    }
}

/// A job that calls a local reusable workflow (GitHub) or a local child pipeline (GitLab)
/// gets the called jobs' steps and environment, so its path can be classified.
fn inline_calls(pipelines: &mut [Pipeline], files: &dyn Files, ctx: &mut Ctx) {
    if !pipelines
        .iter()
        .flat_map(|p| &p.jobs)
        .any(|j| j.calls.is_some())
    {
        return;
    }
    let snapshot: Vec<Pipeline> = pipelines.to_vec();
    for p in pipelines.iter_mut() {
        for j in &mut p.jobs {
            let Some(call) = j.calls.clone() else {
                continue;
            };
            let rel = call
                .trim_start_matches("./")
                .trim_start_matches('/')
                .to_string();
            let mut callee: Option<Pipeline> = snapshot.iter().find(|c| c.loc.file == rel).cloned();
            if callee.is_none() && p.system == System::GitlabCi && !rel.contains("://") {
                if let Some(text) = files.read(&rel)
                    && let Ok(root) = yaml::parse(&text)
                {
                    callee = gitlab::read(ctx, files, &rel, &root);
                } else {
                    ctx.notes.push(note(
                        NoteKind::Missing,
                        &j.loc.file,
                        j.loc.line,
                        1,
                        rel.clone(),
                    ));
                }
            }
            let Some(c) = callee else { continue };
            for cj in &c.jobs {
                j.steps.extend(cj.steps.iter().cloned());
                if j.environment.is_none() && cj.environment.is_some() {
                    j.environment = cj.environment.clone();
                }
                if j.gate.is_none() {
                    j.gate = cj.gate.clone();
                }
            }
        }
    }
}

fn tools(pipelines: &[Pipeline]) -> Vec<report::ToolUse> {
    let mut out: Vec<report::ToolUse> = Vec::new();
    for s in pipelines
        .iter()
        .flat_map(|p| &p.jobs)
        .flat_map(|j| &j.steps)
    {
        for t in &s.tools {
            match out.iter_mut().find(|u| u.id == *t) {
                Some(u) => {
                    u.count += 1;
                    for st in &s.stages {
                        if !u.stages.contains(st) {
                            u.stages.push(st.clone());
                        }
                    }
                }
                None => out.push(report::ToolUse {
                    id: t.clone(),
                    stages: s.stages.clone(),
                    file: s.loc.file.clone(),
                    line: s.loc.line,
                    count: 1,
                }),
            }
        }
    }
    out
}
