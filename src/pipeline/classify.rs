//! The verdict: none / CI / Continuous Delivery / Continuous Deployment, for each path to
//! production and for the repository, with the reasons. Works on the model only.

use super::model::{GateKind, Job, Pipeline, Trigger, TriggerKind, When};
use super::read::{both, is_main_branch};
use super::report::{Code, Depends, Finding, Path, Verdict};

/// Words that mark an environment (or a deploy job without one) as not production.
const NOT_PRODUCTION: &[&str] = &[
    "staging",
    "stage",
    "stg",
    "dev",
    "develop",
    "development",
    "test",
    "testing",
    "qa",
    "preview",
    "review",
    "sandbox",
    "uat",
    "demo",
    "nightly",
    "docs",
    "pages",
];

/// A job deploys when a step deploys, or when it has an environment and no step that
/// only builds, tests, releases or operates (a script feoops does not know, under an environment).
pub fn is_deploy(job: &Job) -> bool {
    job.has_stage("deploy")
        || (job.environment.is_some()
            && !["build", "test", "release", "operate"]
                .iter()
                .any(|s| job.has_stage(s)))
}

/// A deploy job whose environment (or, without one, its name) is not a test system.
pub fn is_production(job: &Job) -> bool {
    if !is_deploy(job) {
        return false;
    }
    let name = match &job.environment {
        Some(e) => e.name.to_ascii_lowercase(),
        None => format!("{} {}", job.id, job.name).to_ascii_lowercase(),
    };
    if name.contains("prod") || name.contains("live") {
        return true;
    }
    !name
        .split(|c: char| !c.is_ascii_alphanumeric())
        .any(|w| NOT_PRODUCTION.contains(&w))
}

/// True when trigger `t` can run a job restricted by `w`.
pub fn reaches(t: &Trigger, w: &When) -> bool {
    if w.never {
        return false;
    }
    if let Some(ev) = &w.events
        && !ev.contains(&t.kind)
        && !(t.kind == TriggerKind::Tag && ev.contains(&TriggerKind::Push))
    {
        return false;
    }
    if w.tags_only {
        return matches!(t.kind, TriggerKind::Tag | TriggerKind::Release);
    }
    if let Some(bs) = &w.branches {
        return match t.kind {
            TriggerKind::Push => {
                t.branches.is_empty()
                    || t.branches
                        .iter()
                        .any(|b| bs.iter().any(|x| same_branch(b, x)))
            }
            TriggerKind::PullRequest | TriggerKind::Tag | TriggerKind::Release => false,
            TriggerKind::Schedule => bs.iter().any(|b| is_main_branch(b)),
            _ => true,
        };
    }
    true
}

/// Two branch names or simple patterns (`release/*`, `/^release-.*/`) that can be the same.
fn same_branch(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        s.trim_matches('/')
            .trim_start_matches('^')
            .trim_end_matches('$')
            .to_string()
    };
    let (a, b) = (norm(a), norm(b));
    if a == b || (is_main_branch(&a) && is_main_branch(&b)) {
        return true;
    }
    let prefix = |p: &str, s: &str| {
        p.strip_suffix('*')
            .or_else(|| p.strip_suffix(".*"))
            .is_some_and(|pre| s.starts_with(pre.trim_end_matches('.')))
    };
    prefix(&a, &b) || prefix(&b, &a)
}

/// The branches a push reaching `w` runs on (empty: any branch).
fn push_branches(t: &Trigger, w: &When) -> Vec<String> {
    match &w.branches {
        Some(b) => b.clone(),
        None => t.branches.clone(),
    }
}

fn chain_when(p: &Pipeline, chain: &[usize]) -> When {
    chain
        .iter()
        .fold(When::default(), |acc, &k| both(&acc, &p.jobs[k].when))
}

/// The test jobs before job `i` and whether job `i` itself tests before it deploys.
fn tests_before(p: &Pipeline, i: usize) -> Option<&Job> {
    let anc = p.ancestors(i);
    if let Some(k) = anc.iter().find(|&&k| p.jobs[k].has_stage("test")) {
        return Some(&p.jobs[*k]);
    }
    let job = &p.jobs[i];
    let first_deploy = job
        .steps
        .iter()
        .position(|s| s.stages.iter().any(|x| x == "deploy"))
        .unwrap_or(job.steps.len());
    job.steps[..first_deploy]
        .iter()
        .any(|s| s.stages.iter().any(|x| x == "test"))
        .then_some(job)
}

/// Upstream workflows (by name) that run tests, for `workflow_run` chains.
fn upstream_tests<'a>(all: &'a [Pipeline], t: &Trigger) -> Option<&'a Pipeline> {
    all.iter()
        .find(|u| t.detail.contains(&u.name) && u.jobs.iter().any(|j| j.has_stage("test")))
}

fn path(all: &[Pipeline], pi: usize, i: usize) -> Option<Path> {
    let p = &all[pi];
    let job = &p.jobs[i];
    let mut chain = p.ancestors(i);
    chain.push(i);
    let w = chain_when(p, &chain);
    let reaching: Vec<&Trigger> = p
        .triggers
        .iter()
        .filter(|t| !matches!(t.kind, TriggerKind::PullRequest | TriggerKind::Call))
        .filter(|t| reaches(t, &w))
        .collect();
    if reaching.is_empty() {
        return None;
    }
    let mut reasons = vec![Finding::new(
        Code::DeploysToProduction,
        Some(&job.loc),
        Some(job.id.clone()),
    )];
    // A person in the way?
    let mut human: Option<Finding> = None;
    for &k in &chain {
        if let Some(g) = &p.jobs[k].gate {
            let code = match g.kind {
                GateKind::ManualJob => Code::ManualJob,
                GateKind::Approval => Code::ApprovalJob,
                GateKind::Environment => continue,
            };
            human = Some(Finding::new(code, Some(&g.loc), Some(p.jobs[k].id.clone())));
            break;
        }
    }
    let auto: Vec<&&Trigger> = reaching
        .iter()
        .filter(|t| {
            matches!(
                t.kind,
                TriggerKind::Push | TriggerKind::Chain | TriggerKind::Schedule | TriggerKind::Other
            )
        })
        .collect();
    let main_push = auto.iter().find(|t| {
        t.kind == TriggerKind::Push && {
            let b = push_branches(t, &w);
            b.is_empty() || b.iter().any(|x| is_main_branch(x))
        }
    });
    let chained = auto.iter().find(|t| t.kind == TriggerKind::Chain);
    let mut upstream = None;
    let automatic = if human.is_some() {
        false
    } else if main_push.is_some() {
        true
    } else if let Some(t) = chained {
        upstream = upstream_tests(all, t);
        reasons.push(Finding::new(
            Code::AfterWorkflow,
            Some(&t.loc),
            Some(t.detail.join(", ")),
        ));
        true
    } else if let Some(t) = auto.iter().find(|t| t.kind == TriggerKind::Push) {
        human = Some(Finding::new(
            Code::ReleaseBranch,
            Some(&t.loc),
            Some(push_branches(t, &w).join(", ")),
        ));
        false
    } else if let Some(t) = auto.iter().find(|t| t.kind == TriggerKind::Schedule) {
        human = Some(Finding::new(
            Code::Scheduled,
            Some(&t.loc),
            Some(t.detail.join(", ")),
        ));
        false
    } else {
        let t = reaching
            .iter()
            .find(|t| t.kind.is_human())
            .or(reaching.first())?;
        let code = if t.kind == TriggerKind::Manual {
            Code::ManualTrigger
        } else {
            Code::TagTrigger
        };
        human = Some(Finding::new(code, Some(&t.loc), Some(t.event.clone())));
        false
    };
    let tested = tests_before(p, i);
    match (tested, upstream) {
        (Some(tj), _) => reasons.push(Finding::new(
            Code::TestsBefore,
            Some(&tj.loc),
            Some(tj.id.clone()),
        )),
        (None, Some(u)) => reasons.push(Finding::new(
            Code::TestsBefore,
            Some(&u.loc),
            Some(u.name.clone()),
        )),
        (None, None) => {
            reasons.push(Finding::new(
                Code::NoTestsBefore,
                Some(&job.loc),
                Some(job.id.clone()),
            ));
            if let Some(side) = p.jobs.iter().find(|j| j.has_stage("test")) {
                reasons.push(Finding::new(
                    Code::TestsBeside,
                    Some(&side.loc),
                    Some(side.id.clone()),
                ));
            }
        }
    }
    let has_tests = tested.is_some() || upstream.is_some();
    let env_gate = chain.iter().find_map(|&k| {
        p.jobs[k]
            .gate
            .as_ref()
            .filter(|g| g.kind == GateKind::Environment)
            .map(|g| (g, &p.jobs[k]))
    });
    let mut depends_on = None;
    let verdict = if let Some(h) = human {
        reasons.push(h);
        if has_tests {
            Verdict::Delivery
        } else {
            Verdict::None
        }
    } else if automatic && has_tests {
        reasons.push(Finding::new(Code::NoHumanStep, Some(&job.loc), None));
        if let Some((g, j)) = env_gate {
            depends_on = Some(Depends::EnvironmentProtection);
            let name = j
                .environment
                .as_ref()
                .map_or_else(|| j.id.clone(), |e| e.name.clone());
            reasons.push(Finding::new(
                Code::EnvironmentSettings,
                Some(&g.loc),
                Some(name),
            ));
        }
        Verdict::Deployment
    } else {
        Verdict::None
    };
    Some(Path {
        pipeline: pi,
        job: job.id.clone(),
        file: job.loc.file.clone(),
        line: job.loc.line,
        environment: job.environment.as_ref().map(|e| e.name.clone()),
        verdict,
        depends_on,
        reasons,
    })
}

/// Is a pipeline's test job run automatically on pushes or on pull requests?
fn ci_reasons(all: &[Pipeline]) -> Vec<Finding> {
    let mut push = None;
    let mut pr = None;
    for p in all {
        for (i, j) in p.jobs.iter().enumerate() {
            if !j.has_stage("test") {
                continue;
            }
            let mut chain = p.ancestors(i);
            chain.push(i);
            let w = chain_when(p, &chain);
            for t in &p.triggers {
                if !reaches(t, &w) {
                    continue;
                }
                match t.kind {
                    TriggerKind::Push if push.is_none() => push = Some((j, t)),
                    TriggerKind::PullRequest if pr.is_none() => pr = Some((j, t)),
                    _ => {}
                }
            }
        }
    }
    let mut out = Vec::new();
    if let Some((j, _)) = push {
        out.push(Finding::new(
            Code::TestsOnPush,
            Some(&j.loc),
            Some(j.id.clone()),
        ));
    }
    if let Some((j, _)) = pr {
        out.push(Finding::new(
            Code::TestsOnPullRequest,
            Some(&j.loc),
            Some(j.id.clone()),
        ));
    }
    out
}

/// The paths to production and the repository's verdict with its reasons.
/// `files_found` tells "no CI files" from "CI files that hold no pipeline".
pub fn classify(
    all: &[Pipeline],
    files_found: bool,
) -> (Verdict, Option<Depends>, Vec<Finding>, Vec<Path>) {
    let mut reasons = Vec::new();
    if !files_found {
        reasons.push(Finding::new(Code::NoCiFiles, None, None));
        return (Verdict::None, None, reasons, Vec::new());
    }
    let mut paths = Vec::new();
    let mut staging = None;
    for (pi, p) in all.iter().enumerate() {
        // A reusable workflow only runs inside its callers, whose jobs carry its steps.
        if !p.triggers.is_empty() && p.triggers.iter().all(|t| t.kind == TriggerKind::Call) {
            continue;
        }
        for (i, j) in p.jobs.iter().enumerate() {
            if is_production(j) {
                paths.extend(path(all, pi, i));
            } else if is_deploy(j) && staging.is_none() {
                staging = Some(j);
            }
        }
    }
    let ci = ci_reasons(all);
    let ci_level = if ci.is_empty() {
        reasons.push(Finding::new(Code::NoTests, None, None));
        Verdict::None
    } else {
        Verdict::Ci
    };
    reasons.extend(ci);
    if paths.is_empty() {
        match staging {
            Some(j) => reasons.push(Finding::new(
                Code::StagingOnly,
                Some(&j.loc),
                Some(
                    j.environment
                        .as_ref()
                        .map_or_else(|| j.id.clone(), |e| e.name.clone()),
                ),
            )),
            None => reasons.push(Finding::new(Code::NoDeployment, None, None)),
        }
    }
    let best = paths
        .iter()
        .map(|p| p.verdict)
        .max()
        .unwrap_or(Verdict::None);
    let verdict = best.max(ci_level);
    let depends = (verdict == Verdict::Deployment
        && paths
            .iter()
            .filter(|p| p.verdict == Verdict::Deployment)
            .all(|p| p.depends_on.is_some()))
    .then_some(Depends::EnvironmentProtection);
    (verdict, depends, reasons, paths)
}
