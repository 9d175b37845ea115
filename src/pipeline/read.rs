//! What the three readers share: where a node is, notes about keys not understood, and
//! reading branch/tag conditions out of `if:` expressions.

use super::model::{Loc, Note, NoteKind, Step, StepKind, TriggerKind, When};
use super::yaml::Node;

/// Collects the notes of one reader.
pub struct Ctx {
    pub notes: Vec<Note>,
}

impl Ctx {
    pub fn new() -> Self {
        Ctx { notes: Vec::new() }
    }

    pub fn note(&mut self, kind: NoteKind, file: &str, node: &Node, text: impl Into<String>) {
        self.notes.push(Note {
            kind,
            loc: loc(file, node),
            col: node.col,
            text: text.into(),
        });
    }

    /// Notes every key of `map` not in `known` as not understood.
    pub fn check_keys(&mut self, file: &str, map: &Node, known: &[&str], what: &str) {
        for (k, _) in map.entries() {
            let name = k.str().unwrap_or("?");
            if !known.contains(&name) {
                self.note(NoteKind::NotUnderstood, file, k, format!("{what}: {name}"));
            }
        }
    }
}

pub fn loc(file: &str, node: &Node) -> Loc {
    Loc {
        file: file.to_string(),
        line: node.line,
    }
}

/// A step from a node holding its text (the `run:` or `uses:` value).
pub fn step(kind: StepKind, text: &str, name: Option<String>, file: &str, at: &Node) -> Step {
    Step {
        kind,
        text: text.trim_end().to_string(),
        name,
        loc: loc(file, at),
        with: Vec::new(),
        stages: Vec::new(),
        tools: Vec::new(),
        caches: false,
        verifies: false,
    }
}

/// Environment variables of an `env:` / `variables:` / `environment:` mapping.
pub fn env_vars(file: &str, node: &Node) -> Vec<(String, String, Loc)> {
    node.entries()
        .iter()
        .filter_map(|(k, v)| {
            let value = v.str().map(str::to_string).or_else(|| {
                // GitLab `variables: X: {value: ..., description: ...}`.
                v.get("value").and_then(Node::str).map(str::to_string)
            })?;
            Some((k.str()?.to_string(), value, loc(file, v)))
        })
        .collect()
}

/// Branch names a branch pattern list means for "the main branch" questions.
pub fn is_main_branch(b: &str) -> bool {
    matches!(
        b.trim_start_matches("refs/heads/"),
        "main" | "master" | "trunk" | "default" | "$CI_DEFAULT_BRANCH" | "${CI_DEFAULT_BRANCH}"
    )
}

/// Reads the branch, tag and event restrictions out of a condition such as GitHub's
/// `github.ref == 'refs/heads/main' && github.event_name == 'push'` or GitLab's
/// `$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH`. Only conditions joined by `&&` are read;
/// anything with `||` or `!=` keeps just its text (no restriction assumed).
pub fn condition(text: &str) -> When {
    let mut w = When {
        text: Some(text.trim().to_string()),
        ..When::default()
    };
    let t = text
        .trim()
        .trim_start_matches("${{")
        .trim_end_matches("}}")
        .trim();
    if t == "false" {
        w.never = true;
        return w;
    }
    if t.contains("||") {
        return w;
    }
    for part in t.split("&&") {
        let p = part.trim().trim_matches(|c| c == '(' || c == ')').trim();
        if p.contains("!=") || p.starts_with('!') {
            continue;
        }
        let unquote = |s: &str| {
            s.trim()
                .trim_matches(|c| c == '\'' || c == '"' || c == '/')
                .to_string()
        };
        if let Some((l, r)) = p.split_once("==") {
            let (l, r) = (l.trim(), r.trim());
            let (var, val) = if l.starts_with('$') || l.starts_with("github.") {
                (l, r)
            } else {
                (r, l)
            };
            let val = unquote(val);
            match var {
                "github.ref" => {
                    if let Some(b) = val.strip_prefix("refs/heads/") {
                        w.branches = Some(vec![b.to_string()]);
                    } else if val.starts_with("refs/tags/") {
                        w.tags_only = true;
                    }
                }
                "github.ref_name" | "$CI_COMMIT_BRANCH" | "$CI_COMMIT_REF_NAME" => {
                    w.branches = Some(vec![val]);
                }
                "github.ref_type" if val == "tag" => w.tags_only = true,
                "github.event_name" | "$CI_PIPELINE_SOURCE" => {
                    if let Some(k) = event_kind(&val) {
                        w.events.get_or_insert_with(Vec::new).push(k);
                    }
                }
                _ => {}
            }
        } else if (p.starts_with("startsWith(github.ref,") && p.contains("refs/tags"))
            || p == "$CI_COMMIT_TAG"
        {
            w.tags_only = true;
        } else if p == "$CI_MERGE_REQUEST_IID" || p == "$CI_MERGE_REQUEST_ID" {
            w.events = Some(vec![TriggerKind::PullRequest]);
        } else if p == "$CI_COMMIT_BRANCH" {
            w.events = Some(vec![TriggerKind::Push]);
        }
    }
    w
}

/// The trigger kind of an event name (GitHub's or GitLab's `CI_PIPELINE_SOURCE`).
pub fn event_kind(name: &str) -> Option<TriggerKind> {
    Some(match name {
        "push" => TriggerKind::Push,
        "pull_request"
        | "pull_request_target"
        | "merge_request_event"
        | "merge_group"
        | "external_pull_request_event" => TriggerKind::PullRequest,
        "schedule" => TriggerKind::Schedule,
        "workflow_dispatch" | "web" => TriggerKind::Manual,
        "workflow_run" | "pipeline" | "parent_pipeline" => TriggerKind::Chain,
        "workflow_call" => TriggerKind::Call,
        "release" => TriggerKind::Release,
        "api" | "trigger" | "repository_dispatch" | "chat" => TriggerKind::Other,
        _ => return None,
    })
}

/// Merges two restrictions that both hold (a job and the jobs before it).
pub fn both(a: &When, b: &When) -> When {
    When {
        events: match (&a.events, &b.events) {
            (Some(x), Some(y)) => Some(x.iter().filter(|k| y.contains(k)).copied().collect()),
            (Some(x), None) | (None, Some(x)) => Some(x.clone()),
            (None, None) => None,
        },
        branches: a.branches.clone().or_else(|| b.branches.clone()),
        tags_only: a.tags_only || b.tags_only,
        never: a.never || b.never,
        text: a.text.clone().or_else(|| b.text.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conditions_read_branches_tags_and_events() {
        let w = condition("github.ref == 'refs/heads/main' && github.event_name == 'push'");
        assert_eq!(w.branches, Some(vec!["main".into()]));
        assert_eq!(w.events, Some(vec![TriggerKind::Push]));
        assert!(condition("startsWith(github.ref, 'refs/tags/v')").tags_only);
        assert!(condition("$CI_COMMIT_TAG").tags_only);
        let g = condition("$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH");
        assert_eq!(g.branches, Some(vec!["$CI_DEFAULT_BRANCH".into()]));
        assert_eq!(condition("a || b").branches, None);
        assert!(condition("${{ false }}").never);
    }
}
