//! `feoops stack show | pick | clear | export | import`: the saved stack (one pick per
//! stage, or "skip") from the command line.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Subcommand;
use serde::Serialize;

use super::suggest::{known_stage, profile_line};
use super::{EXIT_USAGE, Global};
use crate::advisor::stack::{self, Analysis, Coverage, Format, Pick, SKIP, Severity, Stack};
use crate::advisor::{Profile, Verdict};
use crate::i18n::{Localize, fill, plural, text};
use crate::store::{AdvisorFiles, AdvisorWarning, ImportError, Saved};
use crate::{Library, base::Lang};

#[derive(Debug, Subcommand)]
pub enum StackCommand {
    Show {
        #[arg(long)]
        json: bool,
    },
    Pick {
        stage: String,
        tool: String,
    },
    Clear {
        stage: Option<String>,
    },
    Export {
        #[arg(long, value_name = "FORMAT", default_value = "md", value_parser = ["md", "toml", "json"])]
        format: String,
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    Import {
        file: PathBuf,
    },
}

fn files(g: &Global) -> anyhow::Result<AdvisorFiles> {
    Ok(AdvisorFiles::new(&super::quiz::data_dir(g)?))
}

fn warn_saved(saved: &Saved) {
    let lang = super::locale::ui_lang();
    for w in &saved.warnings {
        super::warn(&w.localized(lang));
    }
}

pub(super) fn run(
    g: &Global,
    lib: &Library,
    lang: Lang,
    cmd: &StackCommand,
) -> anyhow::Result<ExitCode> {
    let files = files(g)?;
    match cmd {
        StackCommand::Show { json } => {
            let saved = files.load(lib)?;
            warn_saved(&saved);
            show(lib, lang, &saved.stack, *json)
        }
        StackCommand::Pick { stage, tool } => pick(lib, lang, &files, stage, tool),
        StackCommand::Clear { stage } => {
            if let Some(s) = stage
                && !known_stage(lib, s)
            {
                return Ok(ExitCode::from(EXIT_USAGE));
            }
            let saved = files.update(lib, |st| match stage {
                Some(s) => {
                    st.unset(s);
                }
                None => st.clear(),
            })?;
            warn_saved(&saved);
            Ok(ExitCode::SUCCESS)
        }
        StackCommand::Export { format, output } => {
            let saved = files.load(lib)?;
            warn_saved(&saved);
            let format = Format::parse(format).unwrap_or(Format::Markdown);
            let text = stack::export(&saved.stack, lib, format, lang);
            match output {
                // Sanitised too: the file is read in a terminal later (`cat stack.md`).
                Some(path) => {
                    crate::store::write_user_file(path, crate::sanitize::clean(&text).as_bytes())
                        .map_err(|e| {
                            let line = fill(
                                &crate::i18n::text(lang).cli.cannot_write,
                                &[
                                    ("path", &path.display()),
                                    ("err", &crate::i18n::io_error(&e, lang)),
                                ],
                            );
                            anyhow::anyhow!("{line}")
                        })?
                }
                None => crate::cli::out::stdout().write_all(text.as_bytes())?,
            }
            Ok(ExitCode::SUCCESS)
        }
        StackCommand::Import { file } => import(lib, lang, &files, file),
    }
}

fn pick(
    lib: &Library,
    lang: Lang,
    files: &AdvisorFiles,
    stage: &str,
    wanted: &str,
) -> anyhow::Result<ExitCode> {
    if !known_stage(lib, stage) {
        return Ok(ExitCode::from(EXIT_USAGE));
    }
    let pick = if wanted == SKIP {
        Pick::Skip
    } else {
        let t = &text(lang).cli;
        let Some(tool) = lib.catalog().resolve(wanted) else {
            let near = lib.catalog().closest_ids(wanted);
            let line = if near.is_empty() {
                fill(
                    &t.unknown_tool_for_stage,
                    &[("id", &wanted), ("stage", &stage)],
                )
            } else {
                fill(
                    &t.unknown_tool_near,
                    &[("id", &wanted), ("near", &near.join(", "))],
                )
            };
            crate::cli::out::say!("feoops: {line}");
            return Ok(ExitCode::from(EXIT_USAGE));
        };
        if !tool.serves(stage) {
            let line = fill(
                &t.wrong_stage,
                &[
                    ("tool", &tool.name),
                    ("stage", &stage),
                    ("stages", &tool.stages.join(", ")),
                ],
            );
            crate::cli::out::say!("feoops: {line}");
            return Ok(ExitCode::from(EXIT_USAGE));
        }
        Pick::Tool(tool.id.clone())
    };
    let saved = files.update(lib, |s| s.set(stage, pick.clone()))?;
    warn_saved(&saved);
    let name = lib
        .stage(stage)
        .map_or(stage, |s| s.name.get(lang).as_str());
    let mut out = crate::cli::out::stdout();
    writeln!(out, "{name}: {}", pick_label(lib, lang, &pick))?;
    let analysis = saved.stack.analyze(lib);
    for p in analysis.problems_at(stage) {
        writeln!(out, "  ! {}", p.text(lang, lib))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn pick_label(lib: &Library, lang: Lang, pick: &Pick) -> String {
    match pick {
        Pick::Skip => text(lang).cli.skipped.clone(),
        Pick::Tool(id) => match lib.catalog().get(id) {
            Some(t) => format!("{} ({id})", t.name),
            None => format!("`{id}` (?)"),
        },
    }
}

fn import(
    lib: &Library,
    lang: Lang,
    files: &AdvisorFiles,
    path: &std::path::Path,
) -> anyhow::Result<ExitCode> {
    let imported = match files.import_file(path, lib) {
        Ok(i) => i,
        // A saved file from a newer feoops is an error like any other store error.
        Err(ImportError::Store(e)) => return Err(e.into()),
        Err(e) => {
            crate::cli::out::say!("feoops: {}", e.localized(lang));
            return Ok(ExitCode::from(1));
        }
    };
    for w in &imported.warnings {
        match w {
            AdvisorWarning::Stack(w) => super::warn(&w.text(lang)),
            other => super::warn(&other.localized(lang)),
        }
    }
    let t = &text(lang).cli;
    let n = i64::try_from(imported.stack.picks.len()).unwrap_or(i64::MAX);
    let template = if imported.had_profile {
        &t.imported_with_profile
    } else {
        &t.imported_no_profile
    };
    let msg = fill(&plural(template, n), &[("path", &path.display())]);
    crate::cli::out::say!("{msg}");
    Ok(ExitCode::SUCCESS)
}

#[derive(Serialize)]
struct ShowJson<'a> {
    profile: Profile,
    stages: Vec<StageJson<'a>>,
    coverage: CoverageJson,
    problems: Vec<ProblemJson>,
}

#[derive(Serialize)]
struct StageJson<'a> {
    stage: &'a str,
    name: &'a str,
    /// A tool id, `skip`, or null when not decided.
    pick: Option<&'a str>,
    /// The tool's name; null when skipped, undecided or not in the catalogue.
    tool_name: Option<&'a str>,
    /// The pick's score for the profile; null when not a known tool or when it breaks the profile.
    score: Option<i32>,
}

#[derive(Serialize)]
struct CoverageJson {
    picked: usize,
    skipped: usize,
    empty: usize,
}

#[derive(Serialize)]
struct ProblemJson {
    severity: &'static str,
    stage: String,
    text: String,
}

fn show(lib: &Library, lang: Lang, stack: &Stack, json: bool) -> anyhow::Result<ExitCode> {
    let analysis: Analysis = stack.analyze(lib);
    let advisor = stack.advisor(lib);
    let rows: Vec<StageJson> = analysis
        .stages
        .iter()
        .map(|c| {
            let stage = lib.stage(&c.stage);
            let tool = match &c.coverage {
                Coverage::Picked(id) => lib.catalog().get(id),
                _ => None,
            };
            StageJson {
                stage: &c.stage,
                name: stage.map_or(c.stage.as_str(), |s| s.name.get(lang).as_str()),
                pick: stack.pick(&c.stage).map(Pick::id),
                tool_name: tool.map(|t| t.name.as_str()),
                score: tool.and_then(|t| match advisor.assess(t, &c.stage) {
                    Verdict::Suggested { score, .. } => Some(score),
                    Verdict::Excluded { .. } => None,
                }),
            }
        })
        .collect();
    let problems: Vec<ProblemJson> = analysis
        .problems
        .iter()
        .map(|p| ProblemJson {
            severity: match p.severity() {
                Severity::Problem => "problem",
                Severity::Warning => "warning",
            },
            stage: p.stage().to_string(),
            text: p.text(lang, lib),
        })
        .collect();
    let mut out = crate::cli::out::stdout();
    if json {
        let doc = ShowJson {
            profile: stack.profile,
            stages: rows,
            coverage: CoverageJson {
                picked: analysis.picked(),
                skipped: analysis.skipped(),
                empty: analysis.empty(),
            },
            problems,
        };
        serde_json::to_writer_pretty(&mut out, &doc)?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(out, "{}\n", profile_line(&stack.profile, lang))?;
    let width = |s: &str| unicode_width::UnicodeWidthStr::width(s);
    let name_w = rows.iter().map(|r| width(r.name)).max().unwrap_or(0);
    let t = &text(lang).cli;
    let (undecided, skipped, score) = (&t.not_decided, &t.skipped, &t.score);
    for r in &rows {
        let what = match (r.pick, r.tool_name) {
            (None, _) => undecided.to_string(),
            (Some(SKIP), _) => skipped.to_string(),
            (Some(id), Some(name)) => match r.score {
                Some(s) => format!("{name} ({id})  {score} {s}"),
                None => format!("{name} ({id})"),
            },
            (Some(id), None) => format!("`{id}` (?)"),
        };
        let pad = " ".repeat(name_w.saturating_sub(width(r.name)));
        writeln!(out, "{}{pad}  {what}", r.name)?;
    }
    let summary = fill(
        &t.stack_summary,
        &[
            ("picked", &analysis.picked()),
            ("total", &analysis.stages.len()),
            ("skipped", &analysis.skipped()),
            ("empty", &analysis.empty()),
        ],
    );
    writeln!(out, "\n{summary}")?;
    if !problems.is_empty() {
        writeln!(out, "\n{}", t.problems_heading)?;
        for p in &problems {
            let tag = if p.severity == "warning" {
                t.warning_tag.as_str()
            } else {
                ""
            };
            writeln!(out, "  - {tag}{}", p.text)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
