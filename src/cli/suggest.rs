//! `feoops suggest` (tools per stage for a profile, with scores and reasons) and
//! `feoops profile` (show or change the saved profile).

use std::io::Write;
use std::process::ExitCode;

use clap::Args;
use clap::builder::{PossibleValuesParser, TypedValueParser};
use serde::Serialize;

use super::{EXIT_USAGE, Global};
use crate::advisor::stack::Stack;
use crate::advisor::{
    Advisor, Budget, Choice, CloudPref, CodeHost, Containers, EcosystemPref, Excluded, HostingPref,
    OssPref, Profile, ProfileField, Reason, ReasonKind, Suggestion, TeamSize,
};
use crate::catalog::{Catalog, Tool};
use crate::i18n::{Localize, fill, text};
use crate::store::AdvisorFiles;
use crate::{
    Library,
    base::{Lang, closest},
};

// The profile questions as flags; each one left out keeps the saved answer.
#[derive(Debug, Clone, Default, Args)]
pub struct ProfileArgs {
    #[arg(long, value_name = "CLOUD", ignore_case = true, value_parser = choice::<CloudPref>())]
    pub cloud: Option<CloudPref>,
    #[arg(long, value_name = "OSS", ignore_case = true, value_parser = choice::<OssPref>())]
    pub oss: Option<OssPref>,
    #[arg(long, value_name = "HOSTING", ignore_case = true, value_parser = choice::<HostingPref>())]
    pub hosting: Option<HostingPref>,
    #[arg(long, value_name = "HOST", ignore_case = true, value_parser = choice::<CodeHost>())]
    pub code_host: Option<CodeHost>,
    #[arg(long, value_name = "SIZE", ignore_case = true, value_parser = choice::<TeamSize>())]
    pub team: Option<TeamSize>,
    #[arg(long, value_name = "YES_NO", ignore_case = true, value_parser = choice::<Containers>())]
    pub k8s: Option<Containers>,
    #[arg(long, value_name = "ECOSYSTEM", ignore_case = true, value_parser = choice::<EcosystemPref>())]
    pub ecosystem: Option<EcosystemPref>,
    #[arg(long, value_name = "BUDGET", ignore_case = true, value_parser = choice::<Budget>())]
    pub budget: Option<Budget>,
}

/// A clap parser for a profile answer: lists the ids in `--help`, suggests on a typo.
fn choice<C: Choice + Send + Sync>() -> impl TypedValueParser<Value = C> {
    PossibleValuesParser::new(C::ALL.iter().map(|c| c.id())).try_map(|s: String| {
        C::parse(&s.to_ascii_lowercase()).ok_or_else(|| {
            let t = &text(super::locale::ui_lang()).cli;
            fill(
                &t.bad_value_expected,
                &[("value", &s), ("list", &C::expected())],
            )
        })
    })
}

impl ProfileArgs {
    /// The profile with these flags' answers put in.
    pub fn apply(&self, mut p: Profile) -> Profile {
        p.cloud = self.cloud.unwrap_or(p.cloud);
        p.oss = self.oss.unwrap_or(p.oss);
        p.hosting = self.hosting.unwrap_or(p.hosting);
        p.code_host = self.code_host.unwrap_or(p.code_host);
        p.team = self.team.unwrap_or(p.team);
        p.k8s = self.k8s.unwrap_or(p.k8s);
        p.ecosystem = self.ecosystem.unwrap_or(p.ecosystem);
        p.budget = self.budget.unwrap_or(p.budget);
        p
    }
}

#[derive(Debug, Args)]
pub struct SuggestArgs {
    #[arg(long, value_name = "STAGE")]
    pub stage: Option<String>,
    #[command(flatten)]
    pub profile: ProfileArgs,
    #[arg(long, value_name = "N", default_value_t = 5)]
    pub limit: usize,
    #[arg(long)]
    pub excluded: bool,
    #[arg(long)]
    pub no_saved: bool,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ProfileCmdArgs {
    #[command(flatten)]
    pub profile: ProfileArgs,
    #[arg(long)]
    pub reset: bool,
    #[arg(long)]
    pub json: bool,
}

/// The saved stack: the profile and the picks (empty when there is no data folder).
fn saved_stack(g: &Global, lib: &Library) -> anyhow::Result<Stack> {
    let Ok(dir) = super::quiz::data_dir(g) else {
        return Ok(Stack::default());
    };
    let saved = AdvisorFiles::new(&dir).load(lib)?;
    let lang = super::locale::ui_lang();
    for w in &saved.warnings {
        super::warn(&w.localized(lang));
    }
    Ok(saved.stack)
}

/// True for a known stage id; for another, prints the closest ones and returns false.
pub(super) fn known_stage(lib: &Library, stage: &str) -> bool {
    if lib.stage(stage).is_some() {
        return true;
    }
    let ids: Vec<&str> = lib.stages().iter().map(|s| s.id.as_str()).collect();
    let near = closest(stage, ids.iter().copied(), 3);
    let t = &text(super::locale::ui_lang()).cli;
    let stages = ids.join(", ");
    let line = if near.is_empty() {
        fill(&t.unknown_stage, &[("stage", &stage), ("stages", &stages)])
    } else {
        fill(
            &t.unknown_stage_near,
            &[
                ("stage", &stage),
                ("near", &near.join(", ")),
                ("stages", &stages),
            ],
        )
    };
    crate::cli::out::say!("feoops: {line}");
    false
}

pub(super) fn run_suggest(
    g: &Global,
    lib: &Library,
    lang: Lang,
    args: &SuggestArgs,
) -> anyhow::Result<ExitCode> {
    if let Some(stage) = &args.stage
        && !known_stage(lib, stage)
    {
        return Ok(ExitCode::from(EXIT_USAGE));
    }
    let mut stack = if args.no_saved {
        Stack::default()
    } else {
        saved_stack(g, lib)?
    };
    stack.profile = args.profile.apply(stack.profile);
    let profile = stack.profile;
    // The same advisor as the Advisor pane, `stack show` and the exports: the saved picks
    // count, each as its own reason, so a score here is the score shown everywhere.
    let advisor = stack.advisor(lib);
    let stages: Vec<&str> = match &args.stage {
        Some(s) => vec![s.as_str()],
        None => lib.stages().iter().map(|s| s.id.as_str()).collect(),
    };
    let limit = if args.limit == 0 {
        usize::MAX
    } else {
        args.limit
    };
    let mut out = crate::cli::out::stdout();
    if args.json {
        let doc = SuggestJson {
            profile,
            stages: stages
                .iter()
                .map(|s| StageJson::new(lib, &advisor, s, limit, lang))
                .collect(),
        };
        serde_json::to_writer_pretty(&mut out, &doc)?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(out, "{}", profile_line(&profile, lang))?;
    for stage in stages {
        let suggestions = advisor.suggest(stage);
        let excluded = advisor.excluded(stage);
        let name = lib
            .stage(stage)
            .map_or(stage, |s| s.name.get(lang).as_str());
        writeln!(out)?;
        writeln!(
            out,
            "{}",
            stage_heading(name, &suggestions, &excluded, lang)
        )?;
        for (rank, s) in suggestions.iter().take(limit).enumerate() {
            let tool = &lib.catalog().tools()[s.index];
            writeln!(
                out,
                "{:>3}. {} ({})  {} {}",
                rank + 1,
                tool.name,
                tool.id,
                score_word(lang),
                s.score
            )?;
            writeln!(out, "     {}", reasons_text(&s.reasons, lang, lib, tool))?;
        }
        if args.excluded && !excluded.is_empty() {
            writeln!(out, "  {}:", left_out_word(lang))?;
            for e in &excluded {
                let tool = &lib.catalog().tools()[e.index];
                writeln!(
                    out,
                    "     {} ({}): {}",
                    tool.name,
                    tool.id,
                    reasons_text(&e.reasons, lang, lib, tool)
                )?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn score_word(lang: Lang) -> &'static str {
    &text(lang).cli.score
}

fn left_out_word(lang: Lang) -> &'static str {
    &text(lang).cli.left_out
}

fn stage_heading(name: &str, s: &[Suggestion], e: &[Excluded], lang: Lang) -> String {
    fill(
        &text(lang).cli.stage_heading,
        &[
            ("name", &name),
            ("suggested", &s.len()),
            ("left_out", &e.len()),
        ],
    )
}

/// `Profile: cloud aws, oss required` (only the answers that are not "don't care").
pub(super) fn profile_line(p: &Profile, lang: Lang) -> String {
    let set: Vec<String> = ProfileField::ALL
        .into_iter()
        .filter(|&f| p.get(f) != "any")
        .map(|f| format!("{} {}", f.label(lang), p.answer_label(f, lang)))
        .collect();
    let t = &text(lang).cli;
    if set.is_empty() {
        t.profile_none.clone()
    } else {
        fill(&t.profile_set, &[("answers", &set.join(", "))])
    }
}

pub(super) fn reasons_text(reasons: &[Reason], lang: Lang, lib: &Library, tool: &Tool) -> String {
    reasons
        .iter()
        .map(|r| r.text_with_points(lang, lib, tool))
        .collect::<Vec<_>>()
        .join(", ")
}

#[derive(Serialize)]
struct SuggestJson<'a> {
    profile: Profile,
    stages: Vec<StageJson<'a>>,
}

#[derive(Serialize)]
struct StageJson<'a> {
    stage: &'a str,
    name: &'a str,
    /// How many tools the profile allows (before `--limit`).
    total: usize,
    suggestions: Vec<SuggestionJson<'a>>,
    excluded: Vec<ExcludedJson<'a>>,
}

#[derive(Serialize)]
struct SuggestionJson<'a> {
    rank: usize,
    id: &'a str,
    name: &'a str,
    score: i32,
    reasons: Vec<ReasonJson>,
}

#[derive(Serialize)]
struct ExcludedJson<'a> {
    id: &'a str,
    name: &'a str,
    reasons: Vec<ReasonJson>,
}

/// A reason as JSON: its code and fields, its points and its text in the chosen language.
#[derive(Serialize)]
pub(super) struct ReasonJson {
    #[serde(flatten)]
    kind: ReasonKind,
    points: i32,
    text: String,
}

impl ReasonJson {
    pub(super) fn list(reasons: &[Reason], lang: Lang, lib: &Library, tool: &Tool) -> Vec<Self> {
        reasons
            .iter()
            .map(|r| ReasonJson {
                kind: r.kind.clone(),
                points: r.points,
                text: r.text(lang, lib, tool),
            })
            .collect()
    }
}

impl<'a> StageJson<'a> {
    fn new(lib: &'a Library, advisor: &Advisor, stage: &'a str, limit: usize, lang: Lang) -> Self {
        let cat: &Catalog = lib.catalog();
        let suggestions = advisor.suggest(stage);
        let total = suggestions.len();
        let suggestions = suggestions
            .into_iter()
            .take(limit)
            .enumerate()
            .map(|(i, s)| {
                let tool = &cat.tools()[s.index];
                SuggestionJson {
                    rank: i + 1,
                    id: &tool.id,
                    name: &tool.name,
                    score: s.score,
                    reasons: ReasonJson::list(&s.reasons, lang, lib, tool),
                }
            })
            .collect();
        let excluded = advisor
            .excluded(stage)
            .into_iter()
            .map(|e| {
                let tool = &cat.tools()[e.index];
                ExcludedJson {
                    id: &tool.id,
                    name: &tool.name,
                    reasons: ReasonJson::list(&e.reasons, lang, lib, tool),
                }
            })
            .collect();
        StageJson {
            stage,
            name: lib
                .stage(stage)
                .map_or(stage, |s| s.name.get(lang).as_str()),
            total,
            suggestions,
            excluded,
        }
    }
}

pub(super) fn run_profile(
    g: &Global,
    lang: Lang,
    args: &ProfileCmdArgs,
) -> anyhow::Result<ExitCode> {
    let dir = super::quiz::data_dir(g)?;
    let files = AdvisorFiles::new(&dir);
    let (saved, warnings) = files.load_profile()?;
    for w in warnings {
        super::warn(&w.localized(lang));
    }
    let base = if args.reset {
        Profile::default()
    } else {
        saved
    };
    let profile = args.profile.apply(base);
    let changed = profile != saved;
    if changed {
        files.save_profile(&profile)?;
    }
    let mut out = crate::cli::out::stdout();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &profile)?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    let width = |s: &str| unicode_width::UnicodeWidthStr::width(s);
    let pad = |s: &str, w: usize| format!("{s}{}", " ".repeat(w.saturating_sub(width(s))));
    let label_w = ProfileField::ALL
        .iter()
        .map(|f| width(f.label(lang)))
        .max()
        .unwrap_or(0);
    let answer_w = ProfileField::ALL
        .iter()
        .map(|&f| width(profile.answer_label(f, lang)))
        .max()
        .unwrap_or(0);
    for f in ProfileField::ALL {
        writeln!(
            out,
            "{}  {}  --{} {}",
            pad(f.label(lang), label_w),
            pad(profile.answer_label(f, lang), answer_w),
            f.id(),
            profile.get(f)
        )?;
    }
    if changed {
        let msg = fill(
            &text(lang).cli.saved_to,
            &[("path", &files.profile_path().display())],
        );
        crate::cli::out::say!("{msg}");
    }
    Ok(ExitCode::SUCCESS)
}
