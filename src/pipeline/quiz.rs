//! The user's own pipeline as a question: "which practice does this pipeline follow?".
//! The prompt shows what was read (triggers, jobs, gates, stages) but not the verdict.

use std::fmt::Write;

use super::render::{escape, finding_text, gate_text, trigger_text, verdict_line, verdict_name};
use super::report::{Report, Verdict};
use crate::base::Lang;
use crate::i18n::{self, fill};

/// The options, in the order the quiz always shows them (as `Practice::ALL`).
pub const OPTIONS: [Verdict; 4] = [
    Verdict::Ci,
    Verdict::Delivery,
    Verdict::Deployment,
    Verdict::None,
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwnQuestion {
    /// Markdown: what the pipeline does, without the answer.
    pub prompt: String,
    pub options: Vec<String>,
    /// Index into `options`.
    pub correct: usize,
    /// Markdown: the verdict and its reasons, each with the page that teaches it.
    pub explanation: String,
    /// The page to read next.
    pub page: &'static str,
}

/// A question about the report's pipelines, or `None` when no CI file was read.
pub fn question(
    r: &Report,
    lang: Lang,
    stage_name: &dyn Fn(&str) -> String,
) -> Option<OwnQuestion> {
    if r.pipelines.is_empty() {
        return None;
    }
    let t = &i18n::text(lang).explain;
    let mut prompt = String::new();
    let _ = writeln!(prompt, "{}\n", escape(&t.quiz_intro));
    let _ = writeln!(
        prompt,
        "{}\n",
        escape(&fill(&t.quiz_prompt, &[("files", &r.files.join(", "))]))
    );
    for p in &r.pipelines {
        let trig: Vec<String> = p.triggers.iter().map(|tr| trigger_text(tr, lang)).collect();
        let _ = writeln!(
            prompt,
            "- **{}** — {}: {}",
            escape(&p.name),
            escape(&t.triggers),
            escape(&trig.join(" · "))
        );
        for (w, ids) in p.waves.iter().enumerate() {
            for id in ids {
                let Some(j) = p.job(id) else { continue };
                let mut stages: Vec<String> = Vec::new();
                for s in j.steps.iter().flat_map(|s| &s.stages) {
                    let name = stage_name(s);
                    if !stages.contains(&name) {
                        stages.push(name);
                    }
                }
                let gate = j
                    .gate
                    .as_ref()
                    .map(|g| {
                        format!(
                            " ‖ {}",
                            gate_text(
                                g.kind,
                                j.environment.as_ref().map(|e| e.name.as_str()),
                                lang
                            )
                        )
                    })
                    .unwrap_or_default();
                let env = j
                    .environment
                    .as_ref()
                    .map(|e| format!(" → {}", e.name))
                    .unwrap_or_default();
                let _ = writeln!(
                    prompt,
                    "  - {}. {} [{}]{}{}",
                    w + 1,
                    escape(&j.id),
                    escape(&stages.join(", ")),
                    escape(&env),
                    escape(&gate)
                );
            }
        }
    }
    let correct = OPTIONS.iter().position(|v| *v == r.verdict).unwrap_or(3);
    let mut explanation = String::new();
    let _ = writeln!(
        explanation,
        "**{}**\n",
        escape(&verdict_line(r.verdict, r.depends_on, lang))
    );
    for f in r
        .reasons
        .iter()
        .chain(r.paths.iter().flat_map(|p| &p.reasons))
    {
        let _ = writeln!(
            explanation,
            "- {} *{}*",
            escape(&finding_text(f, lang)),
            escape(&fill(&t.learn_more, &[("page", &f.page)]))
        );
    }
    Some(OwnQuestion {
        prompt,
        options: OPTIONS
            .iter()
            .map(|v| verdict_name(*v, lang).to_string())
            .collect(),
        correct,
        explanation,
        page: r.verdict.page(),
    })
}
