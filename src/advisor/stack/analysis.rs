//! What a stack covers and what is wrong with it: two picks doing the same job, a pick
//! that needs a tool the stack lacks, a pick that breaks the profile, a pick for a stage it
//! does not serve, and picks the catalogue no longer knows.

use std::collections::HashSet;

use super::{Pick, Stack};
use crate::advisor::Context;
use crate::advisor::{Advisor, Choice, CodeHost, Containers, Reason};
use crate::base::Lang;
use crate::base::i18n::{fill, text};
use crate::catalog::{Cloud, Tool};

/// How a stage stands in a stack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Coverage {
    /// A tool is picked (by id).
    Picked(String),
    /// Skipped on purpose.
    Skipped,
    /// Not decided yet.
    Empty,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageCoverage {
    pub stage: String,
    pub coverage: Coverage,
}

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Something to fix or decide.
    Problem,
    /// Worth knowing; the stack still works as far as we can tell.
    Warning,
}

/// Something wrong with a stack. Stages and tools are ids.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StackProblem {
    /// Two different picks do the same job: the same category, or one lists the other as
    /// an alternative and each serves the other's stage (`category` is `None` then).
    SameJob {
        first: (String, String),
        second: (String, String),
        category: Option<String>,
    },
    /// A pick requires a tool that is not in the stack nor given by the profile.
    Needs {
        stage: String,
        tool: String,
        needs: String,
    },
    /// A pick breaks a hard constraint of the profile (the reasons say which).
    BreaksProfile {
        stage: String,
        tool: String,
        reasons: Vec<Reason>,
    },
    /// Two picks made only for clouds that have none in common (ECR for AWS, AKS for
    /// Azure): the stack spans clouds.
    CloudClash {
        first: (String, String),
        second: (String, String),
    },
    /// A code host is picked that is not the profile's (GitLab when the team is on GitHub).
    OtherCodeHost {
        stage: String,
        tool: String,
        host: CodeHost,
    },
    /// A pick for a stage the tool does not serve.
    WrongStage { stage: String, tool: String },
    /// A pick names a tool the catalogue does not have (any more).
    UnknownTool { stage: String, tool: String },
    /// A pick for a stage the content does not have.
    UnknownStage { stage: String },
}

impl StackProblem {
    pub fn severity(&self) -> Severity {
        match self {
            StackProblem::UnknownTool { .. } | StackProblem::UnknownStage { .. } => {
                Severity::Warning
            }
            _ => Severity::Problem,
        }
    }

    /// The stage the problem is about (the first one for two picks).
    pub fn stage(&self) -> &str {
        match self {
            StackProblem::SameJob { first, .. } | StackProblem::CloudClash { first, .. } => {
                &first.0
            }
            StackProblem::Needs { stage, .. }
            | StackProblem::OtherCodeHost { stage, .. }
            | StackProblem::BreaksProfile { stage, .. }
            | StackProblem::WrongStage { stage, .. }
            | StackProblem::UnknownTool { stage, .. }
            | StackProblem::UnknownStage { stage } => stage,
        }
    }

    /// One sentence in a language.
    pub fn text(&self, lang: Lang, lib: &dyn Context) -> String {
        let t = &text(lang).advisor;
        let name = |id: &str| lib.tool_name(id).to_string();
        let stage = |id: &str| lib.stage_name(id, lang).to_string();
        match self {
            StackProblem::SameJob {
                first,
                second,
                category,
            } => {
                let (a, sa, b, sb) = (
                    name(&first.1),
                    stage(&first.0),
                    name(&second.1),
                    stage(&second.0),
                );
                let picks: [(&str, &dyn std::fmt::Display); 4] =
                    [("a", &a), ("sa", &sa), ("b", &b), ("sb", &sb)];
                match category {
                    Some(c) => {
                        let label = lib.catalog().category_label(c, lang);
                        let mut values = picks.to_vec();
                        values.push(("category", &label));
                        fill(&t.problem_same_job, &values)
                    }
                    None => fill(&t.problem_alternatives, &picks),
                }
            }
            StackProblem::Needs {
                stage: s,
                tool,
                needs,
            } => fill(
                &t.problem_needs,
                &[
                    ("tool", &name(tool)),
                    ("stage", &stage(s)),
                    ("needs", &name(needs)),
                ],
            ),
            StackProblem::BreaksProfile {
                stage: s,
                tool,
                reasons,
            } => {
                let why = match lib.catalog().get(tool) {
                    Some(tool) => reasons
                        .iter()
                        .map(|r| r.text(lang, lib, tool))
                        .collect::<Vec<_>>()
                        .join(", "),
                    None => String::new(),
                };
                fill(
                    &t.problem_breaks_profile,
                    &[("tool", &name(tool)), ("stage", &stage(s)), ("why", &why)],
                )
            }
            StackProblem::CloudClash { first, second } => {
                let clouds = |id: &str| {
                    lib.catalog()
                        .get(id)
                        .map(|t| {
                            t.clouds
                                .iter()
                                .map(|c| crate::advisor::cloud_label(*c, lang))
                                .collect::<Vec<_>>()
                                .join("/")
                        })
                        .unwrap_or_default()
                };
                fill(
                    &t.problem_cloud_clash,
                    &[
                        ("a", &name(&first.1)),
                        ("sa", &stage(&first.0)),
                        ("ca", &clouds(&first.1)),
                        ("b", &name(&second.1)),
                        ("sb", &stage(&second.0)),
                        ("cb", &clouds(&second.1)),
                    ],
                )
            }
            StackProblem::OtherCodeHost {
                stage: s,
                tool,
                host,
            } => fill(
                &t.problem_other_host,
                &[
                    ("tool", &name(tool)),
                    ("stage", &stage(s)),
                    ("host", &host.label(lang)),
                ],
            ),
            StackProblem::WrongStage { stage: s, tool } => fill(
                &t.problem_wrong_stage,
                &[("tool", &name(tool)), ("stage", &stage(s))],
            ),
            StackProblem::UnknownTool { stage: s, tool } => fill(
                &t.problem_unknown_tool,
                // The id last: it comes from a file and is put in as it is.
                &[("stage", &stage(s)), ("tool", tool)],
            ),
            StackProblem::UnknownStage { stage: s } => {
                fill(&t.problem_unknown_stage, &[("stage", s)])
            }
        }
    }
}

/// The coverage of every stage and the problems of a stack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Analysis {
    /// Every stage of the library, in loop order.
    pub stages: Vec<StageCoverage>,
    /// By stage (loop order), then kind.
    pub problems: Vec<StackProblem>,
}

impl Analysis {
    fn count(&self, f: impl Fn(&Coverage) -> bool) -> usize {
        self.stages.iter().filter(|s| f(&s.coverage)).count()
    }

    pub fn picked(&self) -> usize {
        self.count(|c| matches!(c, Coverage::Picked(_)))
    }

    pub fn skipped(&self) -> usize {
        self.count(|c| *c == Coverage::Skipped)
    }

    pub fn empty(&self) -> usize {
        self.count(|c| *c == Coverage::Empty)
    }

    /// Every stage has a pick or is skipped.
    pub fn is_complete(&self) -> bool {
        self.empty() == 0
    }

    /// The problems about one stage.
    pub fn problems_at<'a>(&'a self, stage: &'a str) -> impl Iterator<Item = &'a StackProblem> {
        self.problems.iter().filter(move |p| match p {
            StackProblem::SameJob { first, second, .. }
            | StackProblem::CloudClash { first, second } => first.0 == stage || second.0 == stage,
            other => other.stage() == stage,
        })
    }
}

pub(super) fn analyze(stack: &Stack, lib: &dyn Context) -> Analysis {
    let stages = lib
        .stages()
        .iter()
        .map(|s| StageCoverage {
            stage: s.id.clone(),
            coverage: match stack.pick(&s.id) {
                Some(Pick::Tool(id)) => Coverage::Picked(id.clone()),
                Some(Pick::Skip) => Coverage::Skipped,
                None => Coverage::Empty,
            },
        })
        .collect();

    let advisor = Advisor::new(lib.catalog(), lib.weights(), stack.profile);
    // Known picks, in loop order: (stage, tool).
    let mut known: Vec<(&str, &Tool)> = Vec::new();
    let mut problems = Vec::new();
    // Picks that break the profile (reported once as that, not again as a clash).
    let mut breaking: HashSet<&str> = HashSet::new();
    for (stage, pick) in stack.ordered(lib) {
        if lib.stage(stage).is_none() {
            problems.push(StackProblem::UnknownStage {
                stage: stage.into(),
            });
            continue;
        }
        let Pick::Tool(id) = pick else { continue };
        let Some(tool) = lib.catalog().get(id) else {
            problems.push(StackProblem::UnknownTool {
                stage: stage.into(),
                tool: id.clone(),
            });
            continue;
        };
        known.push((stage, tool));
        if !tool.serves(stage) {
            problems.push(StackProblem::WrongStage {
                stage: stage.into(),
                tool: id.clone(),
            });
        }
        let reasons = advisor.hard_breaks(tool);
        if let Some(host) = other_code_host(stack, lib, tool) {
            problems.push(StackProblem::OtherCodeHost {
                stage: stage.into(),
                tool: id.clone(),
                host,
            });
        }
        if !reasons.is_empty() {
            breaking.insert(tool.id.as_str());
            problems.push(StackProblem::BreaksProfile {
                stage: stage.into(),
                tool: id.clone(),
                reasons,
            });
        }
    }

    // Requirements: met by a pick, by the profile, by a pick that is a form of the
    // required tool (same category, integrates with it, does not itself need it: a
    // managed Kubernetes), or by what a pick's category brings along.
    let given = given_by_profile(stack, lib);
    let provided: HashSet<&str> = known
        .iter()
        .map(|(_, t)| t.category.as_str())
        .chain(
            given
                .iter()
                .filter_map(|id| lib.catalog().get(id))
                .map(|t| t.category.as_str()),
        )
        .flat_map(|c| lib.weights().provides.get(c).into_iter().flatten())
        .map(String::as_str)
        .collect();
    let mut reported = HashSet::new();
    for &(stage, tool) in &known {
        for need in &tool.requires {
            let met = known.iter().any(|(_, t)| t.id == *need)
                || given.contains(need)
                || provided.contains(need.as_str())
                || lib.catalog().get(need).is_some_and(|n| {
                    known.iter().any(|(_, t)| {
                        t.id != tool.id
                            && t.category == n.category
                            && t.integrates_with.contains(need)
                            && !t.requires.contains(need)
                    })
                });
            if !met && reported.insert((tool.id.as_str(), need.as_str())) {
                problems.push(StackProblem::Needs {
                    stage: stage.into(),
                    tool: tool.id.clone(),
                    needs: need.clone(),
                });
            }
        }
    }

    // Two different tools doing the same job.
    for (i, &(sa, a)) in known.iter().enumerate() {
        for &(sb, b) in &known[i + 1..] {
            if a.id == b.id {
                continue;
            }
            let category = (a.category == b.category).then(|| a.category.clone());
            // Alternatives only compete where both could stand: Linear (Plan) and GitHub
            // (Code) are alternatives for issues, but GitHub picked at Code hosts code.
            let alternatives = (a.alternatives.contains(&b.id) || b.alternatives.contains(&a.id))
                && a.serves(sb)
                && b.serves(sa);
            if category.is_some() || alternatives {
                problems.push(StackProblem::SameJob {
                    first: (sa.into(), a.id.clone()),
                    second: (sb.into(), b.id.clone()),
                    category,
                });
            }
            let only = |t: &Tool| !t.clouds.is_empty() && !t.clouds.contains(&Cloud::Any);
            if only(a)
                && only(b)
                && !a.clouds.iter().any(|c| b.clouds.contains(c))
                && !breaking.contains(a.id.as_str())
                && !breaking.contains(b.id.as_str())
            {
                problems.push(StackProblem::CloudClash {
                    first: (sa.into(), a.id.clone()),
                    second: (sb.into(), b.id.clone()),
                });
            }
        }
    }

    let order = |s: &str| {
        lib.stages()
            .iter()
            .position(|x| x.id == s)
            .unwrap_or(usize::MAX)
    };
    problems.sort_by_key(|p| order(p.stage()));
    Analysis { stages, problems }
}

/// The profile's code host, when `tool` is a code host other than it.
fn other_code_host(stack: &Stack, lib: &dyn Context, tool: &Tool) -> Option<CodeHost> {
    let w = lib.weights();
    let host = stack.profile.code_host;
    let mine = w.code_host_tool(host)?;
    (!w.code_host_category.is_empty() && tool.category == w.code_host_category && tool.id != mine)
        .then_some(host)
}

/// The tools the profile says the team has: Kubernetes, its cloud, its code host.
fn given_by_profile(stack: &Stack, lib: &dyn Context) -> Vec<String> {
    let w = lib.weights();
    let mut out = Vec::new();
    if stack.profile.k8s == Containers::Yes && !w.kubernetes.is_empty() {
        out.push(w.kubernetes.clone());
    }
    out.extend(w.cloud_tool(stack.profile.cloud).map(String::from));
    out.extend(w.code_host_tool(stack.profile.code_host).map(String::from));
    out
}
