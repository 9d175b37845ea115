//! GitHub Actions: `.github/workflows/*.yml` into the model.

use super::Files;
use super::model::{
    Environment, Gate, GateKind, Job, NoteKind, Pipeline, Step, StepKind, System, Trigger,
    TriggerKind, When,
};
use super::read::{Ctx, condition, env_vars, loc, step};
use super::yaml::{self, Node};

const TOP: &[&str] = &[
    "name",
    "run-name",
    "on",
    "env",
    "jobs",
    "permissions",
    "concurrency",
    "defaults",
];
const JOB: &[&str] = &[
    "name",
    "runs-on",
    "needs",
    "if",
    "steps",
    "environment",
    "strategy",
    "uses",
    "with",
    "secrets",
    "env",
    "permissions",
    "services",
    "container",
    "timeout-minutes",
    "continue-on-error",
    "concurrency",
    "outputs",
    "defaults",
];
const STEP: &[&str] = &[
    "name",
    "id",
    "uses",
    "run",
    "with",
    "env",
    "if",
    "shell",
    "working-directory",
    "continue-on-error",
    "timeout-minutes",
];
const FILTERS: &[&str] = &[
    "branches",
    "branches-ignore",
    "tags",
    "tags-ignore",
    "paths",
    "paths-ignore",
    "types",
    "workflows",
    "inputs",
    "outputs",
    "secrets",
];

fn strings(n: Option<&Node>) -> Vec<String> {
    n.map(|n| n.strings().into_iter().map(str::to_string).collect())
        .unwrap_or_default()
}

fn triggers(ctx: &mut Ctx, file: &str, on: &Node) -> Vec<Trigger> {
    let mut out = Vec::new();
    let events: Vec<(&Node, Option<&Node>)> = match &on.kind {
        yaml::Kind::Scalar { .. } => vec![(on, None)],
        yaml::Kind::Seq(items) => items.iter().map(|n| (n, None)).collect(),
        yaml::Kind::Map(m) => m.iter().map(|(k, v)| (k, Some(v))).collect(),
    };
    for (key, cfg) in events {
        let Some(event) = key.str() else { continue };
        let cfg = cfg.filter(|c| c.is_map());
        if let Some(c) = cfg
            && event != "schedule"
        {
            ctx.check_keys(file, c, FILTERS, &format!("on.{event}"));
        }
        let get = |k: &str| strings(cfg.and_then(|c| c.get(k)));
        let base = |kind: TriggerKind| Trigger {
            kind,
            event: event.to_string(),
            branches: get("branches"),
            tags: Vec::new(),
            paths: get("paths"),
            detail: Vec::new(),
            loc: loc(file, key),
        };
        match event {
            "push" => {
                let tags = get("tags");
                let branches = get("branches");
                let has_branches =
                    !branches.is_empty() || cfg.and_then(|c| c.get("branches-ignore")).is_some();
                if !tags.is_empty() {
                    out.push(Trigger {
                        tags,
                        branches: Vec::new(),
                        ..base(TriggerKind::Tag)
                    });
                }
                if has_branches || out.iter().all(|t| t.kind != TriggerKind::Tag) {
                    out.push(base(TriggerKind::Push));
                }
            }
            "schedule" => {
                let crons = on
                    .get("schedule")
                    .map(|s| {
                        s.items()
                            .iter()
                            .filter_map(|i| i.get("cron").and_then(Node::str))
                            .map(str::to_string)
                            .collect()
                    })
                    .unwrap_or_default();
                out.push(Trigger {
                    detail: crons,
                    ..base(TriggerKind::Schedule)
                });
            }
            "workflow_run" => out.push(Trigger {
                detail: get("workflows"),
                ..base(TriggerKind::Chain)
            }),
            other => {
                let kind = super::read::event_kind(other).unwrap_or(TriggerKind::Other);
                out.push(base(kind));
            }
        }
    }
    out
}

fn environment(file: &str, node: &Node) -> Option<Environment> {
    let (name, url) = if node.is_map() {
        (
            node.get("name").and_then(Node::str)?.to_string(),
            node.get("url").and_then(Node::str).map(str::to_string),
        )
    } else {
        (node.str()?.to_string(), None)
    };
    Some(Environment {
        name,
        url,
        loc: loc(file, node),
    })
}

fn read_step(ctx: &mut Ctx, file: &str, s: &Node, files: &dyn Files, depth: u8) -> Vec<Step> {
    ctx.check_keys(file, s, STEP, "step");
    let name = s.get("name").and_then(Node::str).map(str::to_string);
    let mut out = Vec::new();
    if let Some(u) = s.get("uses")
        && let Some(text) = u.str()
    {
        let mut st = step(StepKind::Uses, text, name.clone(), file, u);
        if let Some(w) = s.get("with") {
            st.with = w
                .entries()
                .iter()
                .filter_map(|(k, v)| Some((k.str()?.to_string(), v.str()?.to_string())))
                .collect();
        }
        out.push(st);
        if let Some(dir) = text.strip_prefix("./") {
            // A local composite action: its steps count too.
            out.extend(composite(ctx, dir, files, depth));
        }
    } else if let Some(r) = s.get("run")
        && let Some(text) = r.str()
    {
        out.push(step(StepKind::Run, text, name, file, r));
    }
    out
}

fn composite(ctx: &mut Ctx, dir: &str, files: &dyn Files, depth: u8) -> Vec<Step> {
    if depth > 3 {
        return Vec::new();
    }
    let dir = dir.trim_end_matches('/');
    for name in ["action.yml", "action.yaml"] {
        let path = format!("{dir}/{name}");
        let Some(text) = files.read(&path) else {
            continue;
        };
        let Ok(root) = yaml::parse(&text) else {
            return Vec::new();
        };
        let steps = root.get("runs").and_then(|r| r.get("steps"));
        return steps
            .map(|s| {
                s.items()
                    .iter()
                    .flat_map(|st| read_step(ctx, &path, st, files, depth + 1))
                    .collect()
            })
            .unwrap_or_default();
    }
    Vec::new()
}

fn read_job(ctx: &mut Ctx, file: &str, id: &Node, j: &Node, files: &dyn Files) -> Job {
    ctx.check_keys(file, j, JOB, "job");
    let job_id = id.str().unwrap_or("?").to_string();
    let mut steps = Vec::new();
    if let Some(c) = j.get("container") {
        let image = c.str().or_else(|| c.get("image").and_then(Node::str));
        if let Some(image) = image {
            let at = if c.is_map() {
                c.get("image").unwrap_or(c)
            } else {
                c
            };
            steps.push(step(StepKind::Image, image, None, file, at));
        }
    }
    for s in j.get("steps").map(Node::items).unwrap_or_default() {
        steps.extend(read_step(ctx, file, s, files, 0));
    }
    let environment = j.get("environment").and_then(|e| environment(file, e));
    let gate = environment.as_ref().map(|e| Gate {
        kind: GateKind::Environment,
        loc: e.loc.clone(),
    });
    let matrix = j.get("strategy").and_then(|s| s.get("matrix")).map(|m| {
        let n: usize = m
            .entries()
            .iter()
            .filter(|(k, _)| !matches!(k.str(), Some("include" | "exclude")))
            .map(|(_, v)| v.items().len().max(1))
            .product();
        u32::try_from(n).unwrap_or(u32::MAX)
    });
    let calls = j.get("uses").and_then(Node::str).map(str::to_string);
    if let Some(c) = &calls
        && !c.starts_with("./")
    {
        let at = j.get("uses").unwrap_or(j);
        ctx.note(NoteKind::NotFollowed, file, at, c.clone());
    }
    let when = j
        .get("if")
        .and_then(Node::str)
        .map(condition)
        .unwrap_or_else(|| When {
            never: j.get("if").and_then(Node::as_bool) == Some(false),
            ..When::default()
        });
    Job {
        name: j
            .get("name")
            .and_then(Node::str)
            .unwrap_or(&job_id)
            .to_string(),
        id: job_id,
        loc: loc(file, id),
        needs: strings(j.get("needs")),
        cache: steps.iter().any(|s| s.caches),
        steps,
        gate,
        environment,
        when,
        matrix,
        calls,
        env: j.get("env").map(|e| env_vars(file, e)).unwrap_or_default(),
    }
}

/// One workflow file. `None` when it is not a mapping (reported as not understood).
pub fn read(ctx: &mut Ctx, file: &str, root: &Node, files: &dyn Files) -> Option<Pipeline> {
    if !root.is_map() {
        ctx.note(
            NoteKind::NotUnderstood,
            file,
            root,
            "a workflow is a mapping",
        );
        return None;
    }
    ctx.check_keys(file, root, TOP, "workflow");
    let name = root
        .get("name")
        .and_then(Node::str)
        .map(str::to_string)
        .unwrap_or_else(|| file.rsplit('/').next().unwrap_or(file).to_string());
    let triggers = root
        .get("on")
        .map(|on| triggers(ctx, file, on))
        .unwrap_or_default();
    let jobs = root
        .get("jobs")
        .map(|j| {
            j.entries()
                .iter()
                .filter(|(_, v)| v.is_map())
                .map(|(k, v)| read_job(ctx, file, k, v, files))
                .collect()
        })
        .unwrap_or_default();
    Some(Pipeline {
        system: System::GithubActions,
        name,
        loc: loc(file, root),
        triggers,
        jobs,
        waves: Vec::new(),
        env: root
            .get("env")
            .map(|e| env_vars(file, e))
            .unwrap_or_default(),
    })
}
