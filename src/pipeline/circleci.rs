//! CircleCI: `.circleci/config.yml` into the model, one pipeline per workflow.

use super::model::{
    Gate, GateKind, Job, NoteKind, Pipeline, Step, StepKind, System, Trigger, TriggerKind, When,
};
use super::read::{Ctx, env_vars, loc, step};
use super::yaml::{Kind, Node};

const TOP: &[&str] = &[
    "version",
    "orbs",
    "jobs",
    "workflows",
    "executors",
    "commands",
    "parameters",
    "setup",
];
const JOB: &[&str] = &[
    "docker",
    "machine",
    "macos",
    "executor",
    "steps",
    "environment",
    "parallelism",
    "resource_class",
    "working_directory",
    "parameters",
    "shell",
    "circleci_ip_ranges",
];
const WORKFLOW_JOB: &[&str] = &[
    "requires",
    "filters",
    "type",
    "context",
    "name",
    "matrix",
    "pre-steps",
    "post-steps",
    "serial-group",
];
const BUILTIN: &[&str] = &[
    "checkout",
    "save_cache",
    "restore_cache",
    "persist_to_workspace",
    "attach_workspace",
    "store_artifacts",
    "store_test_results",
    "setup_remote_docker",
    "add_ssh_keys",
    "deploy",
];

fn read_steps(file: &str, steps: &Node, commands: &Node, out: &mut Vec<Step>, depth: u8) {
    for s in steps.items() {
        let (name, body, at) = match &s.kind {
            Kind::Scalar { text, .. } => (text.as_str(), None, s),
            Kind::Map(m) if m.len() == 1 => (m[0].0.str().unwrap_or(""), Some(&m[0].1), &m[0].0),
            _ => continue,
        };
        match name {
            "run" => {
                let body = body.unwrap_or(s);
                let cmd = body.get("command").unwrap_or(body);
                if let Some(t) = cmd.str() {
                    let label = body.get("name").and_then(Node::str).map(str::to_string);
                    out.push(step(StepKind::Run, t, label, file, cmd));
                }
            }
            "when" | "unless" => {
                if let Some(inner) = body.and_then(|b| b.get("steps")) {
                    read_steps(file, inner, commands, out, depth);
                }
            }
            n if BUILTIN.contains(&n) => out.push(step(StepKind::Builtin, n, None, file, at)),
            n => {
                // A command of this config (expanded) or of an orb (`node/test`).
                match commands.get(n).and_then(|c| c.get("steps")) {
                    Some(inner) if depth < 4 => read_steps(file, inner, commands, out, depth + 1),
                    _ => out.push(step(StepKind::Uses, n, None, file, at)),
                }
            }
        }
    }
}

fn filters(n: Option<&Node>) -> When {
    let mut w = When::default();
    let Some(f) = n else { return w };
    let only = |k: &str| {
        f.get(k).and_then(|b| b.get("only")).map(|o| {
            o.strings()
                .into_iter()
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
    };
    if let Some(b) = only("branches") {
        w.branches = Some(
            b.into_iter()
                .map(|s| s.trim_matches('/').to_string())
                .collect(),
        );
    }
    let ignores_all_branches = f
        .get("branches")
        .and_then(|b| b.get("ignore"))
        .is_some_and(|i| i.strings().contains(&"/.*/"));
    if only("tags").is_some() && ignores_all_branches {
        w.tags_only = true;
    }
    w
}

/// Every workflow of `.circleci/config.yml`.
pub fn read(ctx: &mut Ctx, file: &str, root: &Node) -> Vec<Pipeline> {
    if !root.is_map() {
        ctx.note(NoteKind::NotUnderstood, file, root, "a config is a mapping");
        return Vec::new();
    }
    ctx.check_keys(file, root, TOP, "config");
    if let Some(orbs) = root.get("orbs") {
        for (k, v) in orbs.entries() {
            if let Some(r) = v.str() {
                ctx.note(NoteKind::NotFollowed, file, k, format!("orb {r}"));
            }
        }
    }
    let empty = Node {
        line: 1,
        col: 1,
        kind: Kind::Map(Vec::new()),
    };
    let defs = root.get("jobs").unwrap_or(&empty);
    let commands = root.get("commands").unwrap_or(&empty);
    let executors = root.get("executors").unwrap_or(&empty);
    let mut out = Vec::new();
    for (wname, wf) in root.get("workflows").map(Node::entries).unwrap_or_default() {
        let Some(wf_name) = wname.str() else { continue };
        if wf_name == "version" || !wf.is_map() {
            continue;
        }
        let mut tags_seen = false;
        let mut jobs = Vec::new();
        for item in wf.get("jobs").map(Node::items).unwrap_or_default() {
            let (jname, cfg, at) = match &item.kind {
                Kind::Scalar { text, .. } => (text.as_str(), None, item),
                Kind::Map(m) if m.len() == 1 => {
                    (m[0].0.str().unwrap_or("?"), Some(&m[0].1), &m[0].0)
                }
                _ => continue,
            };
            if let Some(c) = cfg.filter(|c| c.is_map()) {
                ctx.check_keys(file, c, WORKFLOW_JOB, "workflow job");
            }
            let get = |k: &str| cfg.and_then(|c| c.get(k));
            let id = get("name").and_then(Node::str).unwrap_or(jname).to_string();
            let approval = get("type").and_then(Node::str) == Some("approval");
            let when = filters(get("filters"));
            tags_seen |= get("filters").and_then(|f| f.get("tags")).is_some();
            let mut steps = Vec::new();
            let mut env = Vec::new();
            let def = defs.get(jname);
            if let Some(d) = def {
                ctx.check_keys(file, d, JOB, "job");
                let docker = d.get("docker").or_else(|| {
                    d.get("executor")
                        .and_then(|e| e.str().or_else(|| e.get("name").and_then(Node::str)))
                        .and_then(|e| executors.get(e))
                        .and_then(|e| e.get("docker"))
                });
                if let Some(img) = docker
                    .and_then(|d| d.items().first())
                    .and_then(|i| i.get("image"))
                    && let Some(t) = img.str()
                {
                    steps.push(step(StepKind::Image, t, None, file, img));
                }
                if let Some(s) = d.get("steps") {
                    read_steps(file, s, commands, &mut steps, 0);
                }
                env = d
                    .get("environment")
                    .map(|e| env_vars(file, e))
                    .unwrap_or_default();
            } else if !approval && jname.contains('/') {
                // An orb job (`aws-s3/sync`): recognised by name, not followed.
                steps.push(step(StepKind::Uses, jname, None, file, at));
            }
            let needs = get("requires")
                .map(|r| r.strings().into_iter().map(str::to_string).collect())
                .unwrap_or_default();
            let matrix = get("matrix").and_then(|m| m.get("parameters")).map(|p| {
                let n: usize = p
                    .entries()
                    .iter()
                    .map(|(_, v)| v.items().len().max(1))
                    .product();
                u32::try_from(n).unwrap_or(u32::MAX)
            });
            jobs.push(Job {
                name: id.clone(),
                id,
                loc: loc(file, at),
                needs,
                cache: steps.iter().any(|s| s.caches),
                steps,
                gate: approval.then(|| Gate {
                    kind: GateKind::Approval,
                    loc: loc(file, get("type").unwrap_or(at)),
                }),
                environment: None,
                when,
                matrix,
                calls: None,
                env,
            });
        }
        let mut triggers = vec![Trigger {
            kind: TriggerKind::Push,
            event: "push".into(),
            branches: Vec::new(),
            tags: Vec::new(),
            paths: Vec::new(),
            detail: Vec::new(),
            loc: loc(file, wname),
        }];
        if tags_seen {
            triggers.push(Trigger {
                kind: TriggerKind::Tag,
                event: "tag".into(),
                ..triggers[0].clone()
            });
        }
        let scheduled: Vec<String> = wf
            .get("triggers")
            .map(|t| {
                t.items()
                    .iter()
                    .filter_map(|i| i.get("schedule")?.get("cron")?.str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default();
        if !scheduled.is_empty() {
            // A scheduled workflow runs only on its schedule.
            triggers = vec![Trigger {
                kind: TriggerKind::Schedule,
                event: "schedule".into(),
                detail: scheduled,
                ..triggers[0].clone()
            }];
        }
        out.push(Pipeline {
            system: System::Circleci,
            name: wf_name.to_string(),
            loc: loc(file, wname),
            triggers,
            jobs,
            waves: Vec::new(),
            env: Vec::new(),
        });
    }
    out
}
