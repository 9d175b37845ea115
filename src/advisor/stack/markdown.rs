//! The Markdown export: a one-page "Our toolchain" document for people, in English or
//! Korean: the profile, then per stage the pick, why, and the alternatives considered.

use std::fmt::Write;

use super::analysis::Severity;
use super::{Pick, Stack};
use crate::advisor::Context;
use crate::advisor::{Advisor, ProfileField, Reason, Verdict};
use crate::base::{Lang, i18n};
use crate::catalog::Tool;

/// How many of the next suggestions a stage lists as alternatives considered.
const ALTERNATIVES: usize = 3;
/// How many reasons an alternative shows.
const ALTERNATIVE_REASONS: usize = 3;

/// The "Our toolchain" document for a stack.
pub fn to_markdown(stack: &Stack, lib: &dyn Context, lang: Lang) -> String {
    let w = &i18n::text(lang).stack_export;
    let advisor = stack.advisor(lib);
    let analysis = stack.analyze(lib);
    let mut out = String::new();
    // Writing to a String cannot fail.
    let _ = write_doc(&mut out, stack, lib, lang, w, &advisor, &analysis);
    out
}

fn write_doc(
    out: &mut String,
    stack: &Stack,
    lib: &dyn Context,
    lang: Lang,
    w: &i18n::StackExport,
    advisor: &Advisor,
    analysis: &super::Analysis,
) -> std::fmt::Result {
    writeln!(out, "# {}\n\n{}\n", w.title, w.intro)?;
    writeln!(out, "## {}\n", w.profile)?;
    writeln!(out, "| {} | {} |\n|---|---|", w.question, w.answer)?;
    for f in ProfileField::ALL {
        writeln!(
            out,
            "| {} | {} |",
            f.label(lang),
            stack.profile.answer_label(f, lang)
        )?;
    }
    let total = analysis.stages.len();
    let coverage = i18n::fill(
        &w.coverage_line,
        &[
            ("picked", &analysis.picked()),
            ("total", &total),
            ("skipped", &analysis.skipped()),
            ("empty", &analysis.empty()),
        ],
    );
    writeln!(out, "\n## {}\n\n{coverage}", w.coverage)?;

    for stage in lib.stages() {
        let name = stage.name.get(lang);
        match stack.pick(&stage.id) {
            Some(Pick::Tool(id)) => match lib.catalog().get(id) {
                Some(tool) => {
                    writeln!(out, "\n## {name}: {}\n", tool.name)?;
                    write_pick(out, lib, lang, w, advisor, &stage.id, tool)?;
                }
                None => writeln!(out, "\n## {name}: `{id}`\n\n{}", w.unknown)?,
            },
            Some(Pick::Skip) => {
                writeln!(out, "\n## {name}: {}\n\n{}", w.skipped, w.skip_advice)?;
            }
            None => {
                writeln!(out, "\n## {name}: {}\n", w.undecided)?;
                let top: Vec<String> = advisor
                    .suggest(&stage.id)
                    .iter()
                    .take(ALTERNATIVES)
                    .map(|s| format!("{} ({})", lib.catalog().tools()[s.index].name, s.score))
                    .collect();
                if !top.is_empty() {
                    writeln!(out, "{}: {}.", w.top, top.join(", "))?;
                }
            }
        }
    }

    writeln!(out, "\n## {}\n", w.problems)?;
    if analysis.problems.is_empty() {
        writeln!(out, "{}", w.no_problems)?;
    }
    for p in &analysis.problems {
        let tag = match p.severity() {
            Severity::Warning => format!("{}: ", w.warning),
            Severity::Problem => String::new(),
        };
        writeln!(out, "- {tag}{}", p.text(lang, lib))?;
    }
    Ok(())
}

fn reasons_list(reasons: &[Reason], lang: Lang, lib: &dyn Context, tool: &Tool) -> Vec<String> {
    reasons
        .iter()
        .map(|r| r.text_with_points(lang, lib, tool))
        .collect()
}

fn write_pick(
    out: &mut String,
    lib: &dyn Context,
    lang: Lang,
    w: &i18n::StackExport,
    advisor: &Advisor,
    stage: &str,
    tool: &Tool,
) -> std::fmt::Result {
    let category = lib.catalog().category_label(&tool.category, lang);
    writeln!(
        out,
        "[{}]({}) · {category}\n\n{}\n",
        tool.name,
        tool.homepage,
        tool.summary.get(lang)
    )?;
    match advisor.assess(tool, stage) {
        Verdict::Suggested { score, reasons } => {
            writeln!(out, "**{}** ({} {score}):\n", w.why, w.score)?;
            for r in reasons_list(&reasons, lang, lib, tool) {
                writeln!(out, "- {r}")?;
            }
        }
        Verdict::Excluded { reasons } => {
            let why = reasons_list(&reasons, lang, lib, tool).join(", ");
            writeln!(out, "**{}**: {why}", w.breaks)?;
        }
    }

    let suggestions = advisor.suggest(stage);
    // A suggestion the advisor ranks above the pick says so: the team chose otherwise.
    let pick_rank = suggestions.iter().position(|s| s.id == tool.id);
    let above = &crate::base::i18n::text(lang).advisor.above_pick;
    let mut listed = vec![tool.id.as_str()];
    let mut lines = Vec::new();
    for (rank, s) in suggestions
        .iter()
        .enumerate()
        .filter(|(_, s)| s.id != tool.id)
        .take(ALTERNATIVES)
    {
        let alt = &lib.catalog().tools()[s.index];
        let why = reasons_list(&s.reasons, lang, lib, alt)
            .into_iter()
            .take(ALTERNATIVE_REASONS)
            .collect::<Vec<_>>()
            .join(", ");
        let note = match pick_rank {
            Some(p) if rank < p => format!(", {above}"),
            _ => String::new(),
        };
        lines.push(format!(
            "{} ({} {}{note}): {why}",
            alt.name, w.score, s.score
        ));
        listed.push(&alt.id);
    }
    // The catalogue's alternatives: the ones the profile allows by score, then the ones it
    // leaves out, with why.
    let mut allowed = Vec::new();
    let mut left_out = Vec::new();
    for id in &tool.alternatives {
        let Some(alt) = lib.catalog().get(id) else {
            continue;
        };
        if listed.contains(&alt.id.as_str()) {
            continue;
        }
        listed.push(&alt.id);
        match advisor.assess(alt, stage) {
            Verdict::Suggested { score, .. } => allowed.push((score, alt)),
            Verdict::Excluded { reasons } => {
                let why = reasons_list(&reasons, lang, lib, alt).join(", ");
                left_out.push(format!("{}: {} ({why})", alt.name, w.left_out));
            }
        }
    }
    allowed.sort_by(|(sa, a), (sb, b)| {
        sb.cmp(sa)
            .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
    });
    for (score, alt) in allowed {
        lines.push(format!(
            "{} ({} {score}): {}",
            alt.name, w.score, w.also_listed
        ));
    }
    lines.extend(left_out);
    if !lines.is_empty() {
        writeln!(out, "\n**{}**:\n", w.considered)?;
        for l in lines {
            writeln!(out, "- {l}")?;
        }
    }
    Ok(())
}
