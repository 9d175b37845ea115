//! The words of a report in a language, and the report as Markdown (which the Markdown
//! renderer wraps to a width, styled or plain, like `feoops show`).

use std::fmt::Write;

use super::model::{GateKind, NoteKind, Pipeline, StepKind, Trigger, TriggerKind};
use super::report::{Code, Depends, Finding, Report, Verdict};
use crate::base::Lang;
use crate::i18n::{self, ExplainText, fill};

/// Steps listed per job in the text (the JSON has all of them).
pub const TEXT_STEPS: usize = 40;

pub fn verdict_name(v: Verdict, lang: Lang) -> &'static str {
    let t = &i18n::text(lang).explain;
    match v {
        Verdict::None => &t.verdict_none,
        Verdict::Ci => &t.verdict_ci,
        Verdict::Delivery => &t.verdict_delivery,
        Verdict::Deployment => &t.verdict_deployment,
    }
}

fn code_template(t: &ExplainText, c: Code) -> &str {
    match c {
        Code::NoCiFiles => &t.no_ci_files,
        Code::TestsOnPush => &t.tests_on_push,
        Code::TestsOnPullRequest => &t.tests_on_pull_request,
        Code::NoTests => &t.no_tests,
        Code::NoDeployment => &t.no_deployment,
        Code::StagingOnly => &t.staging_only,
        Code::DeploysToProduction => &t.deploys_to_production,
        Code::TestsBefore => &t.tests_before,
        Code::NoTestsBefore => &t.no_tests_before,
        Code::TestsBeside => &t.tests_beside,
        Code::ManualTrigger => &t.manual_trigger,
        Code::TagTrigger => &t.tag_trigger,
        Code::ReleaseBranch => &t.release_branch,
        Code::ManualJob => &t.manual_job,
        Code::ApprovalJob => &t.approval_job,
        Code::Scheduled => &t.scheduled,
        Code::NoHumanStep => &t.no_human_step,
        Code::EnvironmentSettings => &t.environment_settings,
        Code::AfterWorkflow => &t.after_workflow,
        Code::AdviceNoTestsBeforeDeploy => &t.advice_no_tests_before_deploy,
        Code::AdviceTestsOnlyOnPr => &t.advice_tests_only_on_pr,
        Code::AdviceNoBuildCache => &t.advice_no_build_cache,
        Code::AdvicePlaintextSecret => &t.advice_plaintext_secret,
        Code::AdviceUnpinnedAction => &t.advice_unpinned_action,
        Code::AdviceNoRollback => &t.advice_no_rollback,
        Code::AdviceParallelJobs => &t.advice_parallel_jobs,
    }
}

/// A reason or piece of advice as a sentence (plain text, not Markdown).
pub fn finding_text(f: &Finding, lang: Lang) -> String {
    let t = &i18n::text(lang).explain;
    let detail = f.detail.as_deref().unwrap_or("");
    fill(code_template(t, f.code), &[("detail", &detail)])
}

pub fn trigger_name(k: TriggerKind, lang: Lang) -> &'static str {
    let t = &i18n::text(lang).explain;
    match k {
        TriggerKind::Push => &t.trigger_push,
        TriggerKind::PullRequest => &t.trigger_pull_request,
        TriggerKind::Tag => &t.trigger_tag,
        TriggerKind::Release => &t.trigger_release,
        TriggerKind::Schedule => &t.trigger_schedule,
        TriggerKind::Manual => &t.trigger_manual,
        TriggerKind::Chain => &t.trigger_chain,
        TriggerKind::Call => &t.trigger_call,
        TriggerKind::Other => &t.trigger_other,
    }
}

/// A trigger with its filters: `push (branches: main; paths: src/**)`.
pub fn trigger_text(tr: &Trigger, lang: Lang) -> String {
    let t = &i18n::text(lang).explain;
    let mut parts = Vec::new();
    for (list, tpl) in [
        (&tr.branches, &t.branches),
        (&tr.tags, &t.tags),
        (&tr.paths, &t.paths_filter),
    ] {
        if !list.is_empty() {
            parts.push(fill(tpl, &[("list", &list.join(", "))]));
        }
    }
    if !tr.detail.is_empty() {
        parts.push(tr.detail.join(", "));
    }
    let name = trigger_name(tr.kind, lang);
    let name = if tr.kind == TriggerKind::Other {
        format!("{name} `{}`", tr.event)
    } else {
        name.to_string()
    };
    if parts.is_empty() {
        name
    } else {
        format!("{name} ({})", parts.join("; "))
    }
}

pub fn gate_text(kind: GateKind, env: Option<&str>, lang: Lang) -> String {
    let t = &i18n::text(lang).explain;
    match kind {
        GateKind::ManualJob => t.gate_manual_job.clone(),
        GateKind::Approval => t.gate_approval.clone(),
        GateKind::Environment => fill(&t.gate_environment, &[("name", &env.unwrap_or("?"))]),
    }
}

pub fn note_text(kind: NoteKind, text: &str, lang: Lang) -> String {
    let t = &i18n::text(lang).explain;
    let tpl = match kind {
        NoteKind::YamlError => &t.note_yaml_error,
        NoteKind::NotUnderstood => &t.note_not_understood,
        NoteKind::NotFollowed => &t.note_not_followed,
        NoteKind::Missing => &t.note_missing,
        NoteKind::TooLarge => &t.note_too_large,
    };
    fill(tpl, &[("text", &text)])
}

/// The verdict with what it depends on, as one line of plain text.
pub fn verdict_line(v: Verdict, depends: Option<Depends>, lang: Lang) -> String {
    let t = &i18n::text(lang).explain;
    match depends {
        Some(Depends::EnvironmentProtection) => {
            format!("{} ({})", verdict_name(v, lang), t.depends_environment)
        }
        None => verdict_name(v, lang).to_string(),
    }
}

/// Escapes text for Markdown so it shows as written.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if "\\`*_[]<>#|~!{}".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Inline code that shows any text (backticks inside use a longer fence).
fn code(s: &str) -> String {
    let one_line: String = s.lines().next().unwrap_or("").chars().take(120).collect();
    let more = s.lines().nth(1).is_some()
        || one_line.chars().count() < s.lines().next().unwrap_or("").chars().count();
    let text = if more {
        format!("{one_line} …")
    } else {
        one_line
    };
    let fence = if text.contains('`') { "``" } else { "`" };
    format!("{fence} {text} {fence}")
}

fn finding_md(out: &mut String, f: &Finding, lang: Lang) {
    let t = &i18n::text(lang).explain;
    let at = match (&f.file, f.line) {
        (Some(file), Some(line)) => format!(" ({}:{line})", escape(file)),
        _ => String::new(),
    };
    let _ = writeln!(
        out,
        "- {}{at} *{}*",
        escape(&finding_text(f, lang)),
        escape(&fill(&t.learn_more, &[("page", &f.page)]))
    );
}

fn stage_names(stages: &[String], stage_name: &dyn Fn(&str) -> String) -> String {
    stages
        .iter()
        .map(|s| stage_name(s))
        .collect::<Vec<_>>()
        .join(", ")
}

fn pipeline_md(out: &mut String, p: &Pipeline, lang: Lang, stage_name: &dyn Fn(&str) -> String) {
    let t = &i18n::text(lang).explain;
    let _ = writeln!(
        out,
        "### {} · {} · {}\n",
        escape(&p.name),
        p.system.id(),
        escape(&p.loc.file)
    );
    let trig: Vec<String> = p.triggers.iter().map(|tr| trigger_text(tr, lang)).collect();
    let trig = if trig.is_empty() {
        t.no_triggers.clone()
    } else {
        trig.join(" · ")
    };
    let _ = writeln!(out, "**{}:** {}\n", escape(&t.triggers), escape(&trig));
    for (w, ids) in p.waves.iter().enumerate() {
        let _ = writeln!(out, "**{}**\n", escape(&fill(&t.wave, &[("n", &(w + 1))])));
        for id in ids {
            let Some(j) = p.job(id) else { continue };
            let mut head = format!(
                "- **{}** ({}:{})",
                escape(&j.id),
                escape(&j.loc.file),
                j.loc.line
            );
            let mut extra = Vec::new();
            if let Some(g) = &j.gate {
                extra.push(format!(
                    "‖ {}",
                    gate_text(
                        g.kind,
                        j.environment.as_ref().map(|e| e.name.as_str()),
                        lang
                    )
                ));
            } else if let Some(e) = &j.environment {
                extra.push(format!("→ {}", e.name));
            }
            if let Some(n) = j.matrix {
                extra.push(fill(&t.matrix, &[("n", &n)]));
            }
            if let Some(c) = &j.calls {
                extra.push(fill(&t.calls, &[("what", c)]));
            }
            if let Some(c) = &j.when.text {
                extra.push(fill(&t.runs_when, &[("cond", c)]));
            }
            if !extra.is_empty() {
                head.push_str(&format!(" — {}", escape(&extra.join(" · "))));
            }
            let _ = writeln!(out, "{head}");
            for s in j.steps.iter().take(TEXT_STEPS) {
                let what = match s.kind {
                    StepKind::Uses | StepKind::Builtin => "uses",
                    StepKind::Run => "run",
                    StepKind::Image => "image",
                };
                let mut does: Vec<String> = s.stages.iter().map(|x| stage_name(x)).collect();
                if s.caches {
                    does.push(t.step_cache.clone());
                }
                if s.verifies {
                    does.push(t.step_verify.clone());
                }
                if does.is_empty() && s.tools.is_empty() {
                    does.push(t.no_stage.clone());
                }
                let stages = does.join(", ");
                let tools = if s.tools.is_empty() {
                    String::new()
                } else {
                    format!(" · {}", s.tools.join(", "))
                };
                let _ = writeln!(
                    out,
                    "  - {}:{} {what} {} → {}{}",
                    escape(&s.loc.file),
                    s.loc.line,
                    code(&s.text),
                    escape(&stages),
                    escape(&tools)
                );
            }
            if j.steps.len() > TEXT_STEPS {
                let n = j.steps.len() - TEXT_STEPS;
                let _ = writeln!(out, "  - {}", escape(&fill(&t.more_steps, &[("n", &n)])));
            }
        }
        out.push('\n');
    }
}

/// The whole report as Markdown. `stage_name` gives a stage id's name in the language.
pub fn markdown(r: &Report, lang: Lang, stage_name: &dyn Fn(&str) -> String) -> String {
    let t = &i18n::text(lang).explain;
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", escape(&t.title));
    if r.files.is_empty() {
        let _ = writeln!(out, "{}\n", escape(&t.no_files));
    } else {
        let _ = writeln!(
            out,
            "{}\n",
            escape(&fill(&t.files_read, &[("files", &r.files.join(", "))]))
        );
    }
    let _ = writeln!(
        out,
        "## {}: {}\n",
        escape(&t.verdict),
        escape(&verdict_line(r.verdict, r.depends_on, lang))
    );
    for f in &r.reasons {
        finding_md(&mut out, f, lang);
    }
    out.push('\n');
    if !r.paths.is_empty() {
        let _ = writeln!(out, "## {}\n", escape(&t.paths));
        for p in &r.paths {
            let line = fill(
                &t.path_line,
                &[
                    ("job", &p.job),
                    ("file", &p.file),
                    ("line", &p.line),
                    ("verdict", &verdict_line(p.verdict, p.depends_on, lang)),
                ],
            );
            let _ = writeln!(out, "### {}\n", escape(&line));
            for f in &p.reasons {
                finding_md(&mut out, f, lang);
            }
            out.push('\n');
        }
    }
    if !r.pipelines.is_empty() {
        let _ = writeln!(out, "## {}\n", escape(&t.pipelines));
        for p in &r.pipelines {
            pipeline_md(&mut out, p, lang, stage_name);
        }
    }
    if !r.tools.is_empty() {
        let _ = writeln!(out, "## {}\n", escape(&t.tools));
        for u in &r.tools {
            let stages = if u.stages.is_empty() {
                String::new()
            } else {
                format!(" ({})", stage_names(&u.stages, stage_name))
            };
            let _ = writeln!(
                out,
                "- **{}**{} — {}:{} ×{}",
                escape(&u.id),
                escape(&stages),
                escape(&u.file),
                u.line,
                u.count
            );
        }
        out.push('\n');
    }
    let _ = writeln!(out, "## {}\n", escape(&t.advice));
    if r.advice.is_empty() {
        let _ = writeln!(out, "{}\n", escape(&t.no_advice));
    }
    for f in &r.advice {
        finding_md(&mut out, f, lang);
    }
    out.push('\n');
    if !r.notes.is_empty() {
        let _ = writeln!(out, "## {}\n", escape(&t.notes));
        for n in &r.notes {
            let _ = writeln!(
                out,
                "- {}:{}:{}: {}",
                escape(&n.loc.file),
                n.loc.line,
                n.col,
                escape(&note_text(n.kind, &n.text, lang))
            );
        }
    }
    out
}
