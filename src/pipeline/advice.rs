//! What is missing: advice from the model and the paths to production.

use std::collections::HashSet;

use super::classify::reaches;
use super::model::{Loc, Pipeline, StepKind, System, TriggerKind};
use super::report::{Code, Finding, Path};

/// Names of variables that hold secrets.
const SECRET_WORDS: &[&str] = &[
    "TOKEN",
    "SECRET",
    "PASSWORD",
    "PASSWD",
    "API_KEY",
    "APIKEY",
    "PRIVATE_KEY",
    "ACCESS_KEY",
    "CREDENTIAL",
];

fn looks_secret(name: &str) -> bool {
    let n = name.to_ascii_uppercase();
    SECRET_WORDS.iter().any(|w| n.contains(w))
}

/// A value written out in the file, not a reference to a secret store or a variable.
fn is_literal(value: &str) -> bool {
    let v = value.trim();
    !(v.is_empty()
        || v.contains("${{")
        || v.starts_with('$')
        || v.contains("<<")
        || matches!(v, "true" | "false")
        || v.len() < 6)
}

/// Pinned to a full commit SHA, a local action or an image digest.
fn is_pinned(uses: &str) -> bool {
    if uses.starts_with("./") || uses.starts_with("docker://") && uses.contains("@sha256:") {
        return true;
    }
    match uses.rsplit_once('@') {
        Some((_, r)) => r.len() == 40 && r.bytes().all(|b| b.is_ascii_hexdigit()),
        None => false,
    }
}

fn owner_trusted(uses: &str) -> bool {
    let owner = uses.split('/').next().unwrap_or("");
    matches!(owner, "actions" | "github")
}

fn floating(uses: &str) -> bool {
    match uses.rsplit_once('@') {
        Some((_, r)) => matches!(r, "main" | "master" | "latest" | "HEAD"),
        None => true,
    }
}

pub fn advise(all: &[Pipeline], paths: &[Path]) -> Vec<Finding> {
    let mut out = Vec::new();
    // Deployments with no tests before them, and with no check after them.
    for path in paths {
        if path.reasons.iter().any(|r| r.code == Code::NoTestsBefore) {
            out.push(Finding::new(
                Code::AdviceNoTestsBeforeDeploy,
                Some(&Loc {
                    file: path.file.clone(),
                    line: path.line,
                }),
                Some(path.job.clone()),
            ));
        }
        let p = &all[path.pipeline];
        let Some(i) = p.job_index(&path.job) else {
            continue;
        };
        let job = &p.jobs[i];
        let after = job
            .steps
            .iter()
            .skip_while(|s| !s.stages.iter().any(|x| x == "deploy"))
            .any(|s| s.verifies);
        let later = p.jobs.iter().enumerate().any(|(k, j)| {
            k != i && p.ancestors(k).contains(&i) && j.steps.iter().any(|s| s.verifies)
        });
        if !after && !later {
            out.push(Finding::new(
                Code::AdviceNoRollback,
                Some(&job.loc),
                Some(job.id.clone()),
            ));
        }
    }
    // Tests on pull requests but never on the main branch.
    let mut on_pr = None;
    let mut on_push = false;
    for p in all {
        for (i, j) in p.jobs.iter().enumerate() {
            if !j.has_stage("test") {
                continue;
            }
            let mut w = j.when.clone();
            for a in p.ancestors(i) {
                w = super::read::both(&w, &p.jobs[a].when);
            }
            for t in p.triggers.iter().filter(|t| reaches(t, &w)) {
                match t.kind {
                    TriggerKind::PullRequest if on_pr.is_none() => {
                        on_pr = Some((t.loc.clone(), p.name.clone()))
                    }
                    TriggerKind::Push | TriggerKind::Chain => on_push = true,
                    _ => {}
                }
            }
        }
    }
    if let (Some((loc, name)), false) = (on_pr, on_push) {
        out.push(Finding::new(
            Code::AdviceTestsOnlyOnPr,
            Some(&loc),
            Some(name),
        ));
    }
    let mut seen_actions = HashSet::new();
    for p in all {
        // A build with no cache.
        let caches = p
            .jobs
            .iter()
            .any(|j| j.cache || j.steps.iter().any(|s| s.caches));
        let build = p
            .jobs
            .iter()
            .flat_map(|j| &j.steps)
            .find(|s| s.kind == StepKind::Run && s.stages.iter().any(|x| x == "build"));
        if let (Some(s), false) = (build, caches) {
            out.push(Finding::new(
                Code::AdviceNoBuildCache,
                Some(&s.loc),
                Some(p.name.clone()),
            ));
        }
        // Secrets written in the file.
        let vars = p.env.iter().chain(p.jobs.iter().flat_map(|j| &j.env));
        let with = p
            .jobs
            .iter()
            .flat_map(|j| &j.steps)
            .flat_map(|s| s.with.iter().map(move |(k, v)| (k, v, &s.loc)));
        for (name, value, loc) in vars.map(|(n, v, l)| (n, v, l)).chain(with) {
            if looks_secret(name) && is_literal(value) {
                out.push(Finding::new(
                    Code::AdvicePlaintextSecret,
                    Some(loc),
                    Some(name.clone()),
                ));
            }
        }
        // Actions that can change under you.
        if p.system == System::GithubActions {
            for s in p.jobs.iter().flat_map(|j| &j.steps) {
                if s.kind != StepKind::Uses || is_pinned(&s.text) {
                    continue;
                }
                if (!owner_trusted(&s.text) || floating(&s.text))
                    && seen_actions.insert(s.text.clone())
                {
                    out.push(Finding::new(
                        Code::AdviceUnpinnedAction,
                        Some(&s.loc),
                        Some(s.text.clone()),
                    ));
                }
            }
        }
        // Checks that wait for each other without using each other's output.
        for j in &p.jobs {
            let checks_only = |j: &super::model::Job| {
                j.has_stage("test")
                    && !j.has_stage("deploy")
                    && !j.has_stage("release")
                    && j.environment.is_none()
                    && j.gate.is_none()
            };
            if !checks_only(j) {
                continue;
            }
            if let Some(prev) = j
                .needs
                .iter()
                .filter_map(|n| p.job(n))
                .find(|k| checks_only(k))
            {
                out.push(Finding::new(
                    Code::AdviceParallelJobs,
                    Some(&j.loc),
                    Some(format!("{} ← {}", j.id, prev.id)),
                ));
            }
        }
    }
    let mut seen = HashSet::new();
    out.retain(|f| seen.insert((f.code, f.file.clone(), f.line, f.detail.clone())));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pins_and_literals() {
        assert!(is_pinned(
            "actions/checkout@8e5e7e5ab8b370d6c329ec480221332ada57f0ab"
        ));
        assert!(!is_pinned("actions/checkout@v4"));
        assert!(floating("some/action@main"));
        assert!(!floating("some/action@v2"));
        assert!(is_literal("hunter2hunter2"));
        assert!(!is_literal("${{ secrets.TOKEN }}"));
        assert!(!is_literal("$CI_JOB_TOKEN"));
        assert!(looks_secret("NPM_TOKEN"));
        assert!(!looks_secret("NODE_ENV"));
    }
}
