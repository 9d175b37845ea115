//! GitLab CI: `.gitlab-ci.yml` and its local `include:` files into the model.

use super::Files;
use super::model::{
    Environment, Gate, GateKind, Job, NoteKind, Pipeline, StepKind, System, Trigger, TriggerKind,
    When,
};
use super::read::{Ctx, both, condition, env_vars, loc, step};
use super::yaml::{self, Kind, Node};

/// Top-level keys that are not jobs.
const GLOBAL: &[&str] = &[
    "stages",
    "variables",
    "default",
    "workflow",
    "include",
    "image",
    "services",
    "cache",
    "before_script",
    "after_script",
    "types",
    "spec",
];
const JOB: &[&str] = &[
    "stage",
    "script",
    "before_script",
    "after_script",
    "image",
    "services",
    "needs",
    "dependencies",
    "rules",
    "only",
    "except",
    "when",
    "environment",
    "extends",
    "variables",
    "cache",
    "artifacts",
    "tags",
    "allow_failure",
    "trigger",
    "parallel",
    "retry",
    "timeout",
    "interruptible",
    "coverage",
    "release",
    "resource_group",
    "inherit",
    "id_tokens",
    "secrets",
    "hooks",
    "manual_confirmation",
    "pages",
    "start_in",
    "identity",
    "run",
    "dast_configuration",
];
/// How many files local includes may bring in.
const MAX_INCLUDES: usize = 50;

/// A top-level entry and the file it comes from.
struct Entry {
    file: String,
    key: Node,
    value: Node,
}

fn collect(
    ctx: &mut Ctx,
    files: &dyn Files,
    file: &str,
    root: &Node,
    seen: &mut Vec<String>,
    out: &mut Vec<Entry>,
) {
    if let Some(inc) = root.get("include") {
        let items: Vec<&Node> = if inc.is_seq() {
            inc.items().iter().collect()
        } else {
            vec![inc]
        };
        for item in items {
            let local = match &item.kind {
                Kind::Scalar { text, .. } if !text.contains("://") => Some(text.as_str()),
                Kind::Map(_) => item.get("local").and_then(Node::str),
                _ => None,
            };
            let Some(path) = local else {
                let what = item
                    .str()
                    .or_else(|| {
                        ["remote", "project", "template", "component"]
                            .iter()
                            .find_map(|k| item.get(k).and_then(Node::str))
                    })
                    .unwrap_or("include");
                ctx.note(NoteKind::NotFollowed, file, item, what.to_string());
                continue;
            };
            let rel = path.trim_start_matches('/').to_string();
            if rel.contains('*') {
                ctx.note(NoteKind::NotFollowed, file, item, rel);
                continue;
            }
            if seen.contains(&rel) || seen.len() >= MAX_INCLUDES {
                continue;
            }
            seen.push(rel.clone());
            match files.read(&rel) {
                None => ctx.note(NoteKind::Missing, file, item, rel),
                Some(text) => match yaml::parse(&text) {
                    Ok(r) => collect(ctx, files, &rel, &r, seen, out),
                    Err(e) => ctx.notes.push(super::model::Note {
                        kind: NoteKind::YamlError,
                        loc: super::model::Loc {
                            file: rel.clone(),
                            line: e.line,
                        },
                        col: e.col,
                        text: e.message,
                    }),
                },
            }
        }
    }
    for (k, v) in root.entries() {
        if k.str() == Some("include") {
            continue;
        }
        // A later definition (the including file) replaces an earlier one.
        out.retain(|e| e.key.str() != k.str());
        out.push(Entry {
            file: file.to_string(),
            key: k.clone(),
            value: v.clone(),
        });
    }
}

/// `base` with `over`'s keys on top, maps merged deeply (GitLab's `extends:`).
fn deep_merge(base: &Node, over: &Node) -> Node {
    let (Kind::Map(b), Kind::Map(o)) = (&base.kind, &over.kind) else {
        return over.clone();
    };
    let mut out = b.clone();
    for (k, v) in o {
        match out.iter_mut().find(|(e, _)| e.kind == k.kind) {
            Some(slot) => slot.1 = deep_merge(&slot.1, v),
            None => out.push((k.clone(), v.clone())),
        }
    }
    Node {
        line: over.line,
        col: over.col,
        kind: Kind::Map(out),
    }
}

fn resolve_extends(entries: &[Entry], job: &Node, depth: u8) -> Node {
    let Some(ext) = job.get("extends") else {
        return job.clone();
    };
    if depth > 10 {
        return job.clone();
    }
    let mut base: Option<Node> = None;
    for name in ext.strings() {
        if let Some(e) = entries.iter().find(|e| e.key.str() == Some(name)) {
            let parent = resolve_extends(entries, &e.value, depth + 1);
            base = Some(match base {
                Some(b) => deep_merge(&b, &parent),
                None => parent,
            });
        }
    }
    match base {
        Some(b) => deep_merge(&b, job),
        None => job.clone(),
    }
}

/// The restriction of `rules:` (the first rule that can run decides a manual gate) or
/// `only:` / `except:`.
fn job_when(j: &Node) -> (When, bool) {
    let mut manual = j.get("when").and_then(Node::str) == Some("manual");
    let mut w = When::default();
    if j.get("when").and_then(Node::str) == Some("never") {
        w.never = true;
    }
    if let Some(rules) = j.get("rules") {
        let runs: Vec<&Node> = rules
            .items()
            .iter()
            .filter(|r| r.get("when").and_then(Node::str) != Some("never"))
            .collect();
        if runs.is_empty() && !rules.items().is_empty() {
            w.never = true;
        }
        if runs
            .iter()
            .any(|r| r.get("when").and_then(Node::str) == Some("manual"))
        {
            manual = true;
        }
        // One rule with an `if:`: its condition restricts the job. Several: read none.
        let ifs: Vec<&str> = runs
            .iter()
            .filter_map(|r| r.get("if").and_then(Node::str))
            .collect();
        if ifs.len() == 1 && ifs.len() == runs.len() {
            w = both(&w, &condition(ifs[0]));
        } else if !ifs.is_empty() {
            w.text = Some(ifs.join(" | "));
        }
    }
    if let Some(only) = j.get("only") {
        let refs = if only.is_map() {
            only.get("refs").map(Node::strings).unwrap_or_default()
        } else {
            only.strings()
        };
        let mut branches = Vec::new();
        let mut events = Vec::new();
        for r in refs {
            match r {
                "tags" => w.tags_only = true,
                "merge_requests" => events.push(TriggerKind::PullRequest),
                "schedules" => events.push(TriggerKind::Schedule),
                "web" => events.push(TriggerKind::Manual),
                "branches" | "pushes" => events.push(TriggerKind::Push),
                b => branches.push(b.trim_matches('/').to_string()),
            }
        }
        if !branches.is_empty() {
            w.branches = Some(branches);
        }
        if !events.is_empty() {
            w.events = Some(events);
        }
        w.text = Some(format!("only: {}", only.strings().join(", ")));
    }
    (w, manual)
}

fn environment(file: &str, n: &Node) -> Option<Environment> {
    let name = n.str().or_else(|| n.get("name").and_then(Node::str))?;
    if n.get("action")
        .and_then(Node::str)
        .is_some_and(|a| a != "start")
    {
        return None;
    }
    Some(Environment {
        name: match n.get("deployment_tier").and_then(Node::str) {
            Some("production") if !name.contains("prod") => format!("{name} (production)"),
            _ => name.to_string(),
        },
        url: n.get("url").and_then(Node::str).map(str::to_string),
        loc: loc(file, n),
    })
}

fn scripts(file: &str, j: &Node, key: &str, out: &mut Vec<super::model::Step>) {
    if let Some(s) = j.get(key) {
        let lines: Vec<&Node> = if s.is_seq() {
            s.items().iter().collect()
        } else {
            vec![s]
        };
        for l in lines {
            // Nested lists of commands (from `!reference` or anchors) are flattened.
            for n in std::iter::once(l).chain(l.items()) {
                if let Some(t) = n.str() {
                    out.push(step(StepKind::Run, t, None, file, n));
                }
            }
        }
    }
}

/// The pipeline of `.gitlab-ci.yml` with its local includes.
pub fn read(ctx: &mut Ctx, files: &dyn Files, file: &str, root: &Node) -> Option<Pipeline> {
    if !root.is_map() {
        ctx.note(
            NoteKind::NotUnderstood,
            file,
            root,
            "a pipeline is a mapping",
        );
        return None;
    }
    let mut entries = Vec::new();
    let mut seen = vec![file.to_string()];
    collect(ctx, files, file, root, &mut seen, &mut entries);
    let global = |k: &str| entries.iter().find(|e| e.key.str() == Some(k));
    let default = global("default").map(|e| (e.file.clone(), e.value.clone()));
    let stages: Vec<String> = global("stages")
        .map(|e| e.value.strings().into_iter().map(str::to_string).collect())
        .unwrap_or_else(|| ["build", "test", "deploy"].map(String::from).to_vec());
    let global_image = global("image")
        .map(|e| (e.file.clone(), e.value.clone()))
        .or_else(|| {
            default
                .as_ref()
                .and_then(|(f, d)| d.get("image").map(|i| (f.clone(), i.clone())))
        });
    let global_cache = global("cache").is_some()
        || default
            .as_ref()
            .is_some_and(|(_, d)| d.get("cache").is_some());
    let mut jobs: Vec<(Job, usize, bool)> = Vec::new();
    let mut source_mr = false;
    let mut source_schedule = false;
    let mut source_web = false;
    for e in &entries {
        let Some(name) = e.key.str() else { continue };
        if GLOBAL.contains(&name) || name.starts_with('.') || !e.value.is_map() {
            continue;
        }
        let j = resolve_extends(&entries, &e.value, 0);
        ctx.check_keys(&e.file, &e.value, JOB, "job");
        let text = format!("{:?}", j.get("rules")) + &format!("{:?}", j.get("only"));
        source_mr |= text.contains("merge_request");
        source_schedule |= text.contains("schedule");
        source_web |= text.contains("\"web\"");
        let mut steps = Vec::new();
        let image = j
            .get("image")
            .map(|i| (e.file.clone(), i.clone()))
            .or_else(|| global_image.clone());
        if let Some((f, i)) = image
            && let Some(t) = i.str().or_else(|| i.get("name").and_then(Node::str))
        {
            steps.push(step(StepKind::Image, t, None, &f, &i));
        }
        scripts(&e.file, &j, "before_script", &mut steps);
        scripts(&e.file, &j, "script", &mut steps);
        scripts(&e.file, &j, "after_script", &mut steps);
        let (when, manual) = job_when(&j);
        let stage = j.get("stage").and_then(Node::str).unwrap_or("test");
        let stage_ix = match stage {
            ".pre" => 0,
            ".post" => stages.len() + 1,
            s => stages
                .iter()
                .position(|x| x == s)
                .map_or(stages.len(), |i| i + 1),
        };
        let needs_node = j.get("needs");
        let needs: Vec<String> = needs_node
            .map(|n| {
                n.items()
                    .iter()
                    .filter_map(|i| i.str().or_else(|| i.get("job").and_then(Node::str)))
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default();
        let gate = manual.then(|| Gate {
            kind: GateKind::ManualJob,
            loc: loc(
                &e.file,
                j.get("when").or_else(|| j.get("rules")).unwrap_or(&e.key),
            ),
        });
        let calls = j.get("trigger").map(|t| {
            let local = t
                .get("include")
                .and_then(|i| i.str().or_else(|| i.get("local").and_then(Node::str)));
            match local {
                Some(l) => l.to_string(),
                None => {
                    let p = t
                        .str()
                        .or_else(|| t.get("project").and_then(Node::str))
                        .unwrap_or("trigger");
                    ctx.note(NoteKind::NotFollowed, &e.file, t, p.to_string());
                    p.to_string()
                }
            }
        });
        let matrix = j.get("parallel").map(|p| match p.str() {
            Some(n) => n.parse().unwrap_or(1),
            None => p
                .get("matrix")
                .map_or(1, |m| u32::try_from(m.items().len()).unwrap_or(u32::MAX)),
        });
        let job = Job {
            id: name.to_string(),
            name: name.to_string(),
            loc: loc(&e.file, &e.key),
            needs,
            cache: global_cache || j.get("cache").is_some(),
            steps,
            gate,
            environment: j.get("environment").and_then(|n| environment(&e.file, n)),
            when,
            matrix,
            calls,
            env: j
                .get("variables")
                .map(|v| env_vars(&e.file, v))
                .unwrap_or_default(),
        };
        jobs.push((job, stage_ix, needs_node.is_some()));
    }
    // Without `needs:`, a job waits for every job of the stages before it.
    let stage_of: Vec<usize> = jobs.iter().map(|(_, s, _)| *s).collect();
    let ids: Vec<String> = jobs.iter().map(|(j, _, _)| j.id.clone()).collect();
    for (job, stage, has_needs) in &mut jobs {
        if *has_needs {
            continue;
        }
        let prev = stage_of.iter().filter(|s| **s < *stage).max().copied();
        if let Some(p) = prev {
            job.needs = ids
                .iter()
                .zip(&stage_of)
                .filter(|(_, s)| **s == p)
                .map(|(id, _)| id.clone())
                .collect();
        }
    }
    let trigger = |kind: TriggerKind, event: &str| Trigger {
        kind,
        event: event.to_string(),
        branches: Vec::new(),
        tags: Vec::new(),
        paths: Vec::new(),
        detail: Vec::new(),
        loc: loc(file, root),
    };
    let mut triggers = vec![
        trigger(TriggerKind::Push, "push"),
        trigger(TriggerKind::Tag, "tag"),
    ];
    if source_mr {
        triggers.push(trigger(TriggerKind::PullRequest, "merge_request_event"));
    }
    if source_schedule {
        triggers.push(trigger(TriggerKind::Schedule, "schedule"));
    }
    if source_web {
        triggers.push(trigger(TriggerKind::Manual, "web"));
    }
    let env = global("variables")
        .map(|e| env_vars(&e.file, &e.value))
        .unwrap_or_default();
    Some(Pipeline {
        system: System::GitlabCi,
        name: file.to_string(),
        loc: loc(file, root),
        triggers,
        jobs: jobs.into_iter().map(|(j, _, _)| j).collect(),
        waves: Vec::new(),
        env,
    })
}
