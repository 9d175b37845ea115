//! The model of a pipeline, shared by the three CI systems: each reader fills it, and the
//! classifier and the advice read only this.

use serde::Serialize;

/// The CI system a file belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum System {
    GithubActions,
    GitlabCi,
    Circleci,
}

impl System {
    pub fn id(self) -> &'static str {
        match self {
            System::GithubActions => "github-actions",
            System::GitlabCi => "gitlab-ci",
            System::Circleci => "circleci",
        }
    }
}

/// Where something is written: a file relative to the repository and a 1-based line.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Loc {
    pub file: String,
    pub line: u32,
}

/// What starts a pipeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TriggerKind {
    /// A push to a branch (or any push when no filter is given).
    Push,
    /// A pull request or merge request.
    PullRequest,
    /// A pushed tag (a person or a release tool creates it).
    Tag,
    /// A published release.
    Release,
    Schedule,
    /// Started by a person: `workflow_dispatch`, a GitLab web run.
    Manual,
    /// Started when another workflow finishes (`workflow_run`, GitLab `trigger:`).
    Chain,
    /// Called by another workflow (`workflow_call`).
    Call,
    /// Anything else (`issues`, `repository_dispatch`, an API call...).
    Other,
}

impl TriggerKind {
    /// True when a person starts the run on purpose.
    pub fn is_human(self) -> bool {
        matches!(
            self,
            TriggerKind::Manual | TriggerKind::Tag | TriggerKind::Release
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Trigger {
    pub kind: TriggerKind,
    /// The event name as written (`push`, `pull_request_target`, `merge_request_event`...).
    pub event: String,
    /// Branch filters (empty: any branch).
    pub branches: Vec<String>,
    pub tags: Vec<String>,
    /// Path filters (empty: any change).
    pub paths: Vec<String>,
    /// Cron expressions for schedules; the upstream workflow names for chains.
    pub detail: Vec<String>,
    pub loc: Loc,
}

/// When a job runs, beyond the pipeline's triggers (`if:`, `rules:`, `only/except`,
/// CircleCI `filters:`). `None` fields mean "no restriction".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct When {
    /// Only these trigger kinds.
    pub events: Option<Vec<TriggerKind>>,
    /// Only on these branches (names or patterns).
    pub branches: Option<Vec<String>>,
    /// Only for tags.
    pub tags_only: bool,
    /// Never runs automatically (`if: false`, `when: never`).
    pub never: bool,
    /// The condition as written, when there is one.
    pub text: Option<String>,
}

/// Why a job waits for a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum GateKind {
    /// GitLab `when: manual`.
    ManualJob,
    /// CircleCI `type: approval`.
    Approval,
    /// A GitHub `environment:`: its protection rules (required reviewers, wait timers) live
    /// in the repository settings, so the file cannot tell.
    Environment,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Gate {
    pub kind: GateKind,
    pub loc: Loc,
}

/// What a step is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum StepKind {
    /// An action or orb command (`uses: docker/build-push-action@v6`, `node/test`).
    Uses,
    /// A shell command (`run:`, `script:`).
    Run,
    /// The image a job runs in (`image: node:22`, `docker: - image:`).
    Image,
    /// A CircleCI built-in step (`checkout`, `save_cache`, ...).
    Builtin,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Step {
    pub kind: StepKind,
    /// The action, image or command as written (commands keep their lines).
    pub text: String,
    pub name: Option<String>,
    pub loc: Loc,
    /// `with:` keys of an action (`cache`, ...), for the advice.
    #[serde(skip)]
    pub with: Vec<(String, String)>,
    /// Filled by the recogniser: loop stages and catalogue tool ids.
    pub stages: Vec<String>,
    pub tools: Vec<String>,
    /// True when the step keeps a cache (`actions/cache`, `save_cache`, `cache: npm`...).
    pub caches: bool,
    /// True when the step is a smoke test, a health check or a rollback.
    pub verifies: bool,
}

/// A deployment target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Environment {
    pub name: String,
    pub url: Option<String>,
    pub loc: Loc,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Job {
    pub id: String,
    pub name: String,
    pub loc: Loc,
    /// Jobs that must finish first (ids of this pipeline).
    pub needs: Vec<String>,
    pub steps: Vec<Step>,
    pub gate: Option<Gate>,
    pub environment: Option<Environment>,
    pub when: When,
    /// A matrix job runs once per combination; `Some(n)` when the count is known.
    pub matrix: Option<u32>,
    /// A reusable workflow this job calls (`uses: ./.github/workflows/x.yml` or another
    /// repository's), or a GitLab `trigger:` of a child pipeline.
    pub calls: Option<String>,
    /// Keeps a cache (GitLab `cache:`, a step that caches).
    pub cache: bool,
    /// Environment variables written in the file (name, value, where), for the advice.
    #[serde(skip)]
    pub env: Vec<(String, String, Loc)>,
}

impl Job {
    pub fn has_stage(&self, stage: &str) -> bool {
        self.steps
            .iter()
            .any(|s| s.stages.iter().any(|x| x == stage))
    }
}

/// One workflow (GitHub), the pipeline of a project (GitLab) or a workflow (CircleCI).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Pipeline {
    pub system: System,
    pub name: String,
    pub loc: Loc,
    pub triggers: Vec<Trigger>,
    pub jobs: Vec<Job>,
    /// Job ids in the order they can run (see [`Pipeline::waves`]); filled by `explain`.
    pub waves: Vec<Vec<String>>,
    /// Environment variables of the whole pipeline, for the advice.
    #[serde(skip)]
    pub env: Vec<(String, String, Loc)>,
}

impl Pipeline {
    pub fn job(&self, id: &str) -> Option<&Job> {
        self.jobs.iter().find(|j| j.id == id)
    }

    pub fn job_index(&self, id: &str) -> Option<usize> {
        self.jobs.iter().position(|j| j.id == id)
    }

    /// Jobs in the order they can run: wave 0 needs nothing, wave n needs only jobs of
    /// earlier waves. Jobs in a cycle (or needing an unknown job) go in a last wave.
    pub fn wave_indices(&self) -> Vec<Vec<usize>> {
        let index = self.index();
        let n = self.jobs.len();
        let mut wave: Vec<Option<usize>> = vec![None; n];
        let mut changed = true;
        while changed {
            changed = false;
            for (i, j) in self.jobs.iter().enumerate() {
                if wave[i].is_some() {
                    continue;
                }
                let mut w = 0;
                let mut ready = true;
                for need in &j.needs {
                    match index.get(need.as_str()).and_then(|&k| wave[k]) {
                        Some(k) => w = w.max(k + 1),
                        None => ready = false,
                    }
                }
                if ready {
                    wave[i] = Some(w);
                    changed = true;
                }
            }
        }
        let last = wave.iter().flatten().max().map_or(0, |m| m + 1);
        let mut out: Vec<Vec<usize>> = Vec::new();
        for (i, w) in wave.iter().enumerate() {
            let w = w.unwrap_or(last);
            if out.len() <= w {
                out.resize_with(w + 1, Vec::new);
            }
            out[w].push(i);
        }
        out.retain(|w| !w.is_empty());
        out
    }

    /// Job ids to indices.
    fn index(&self) -> std::collections::HashMap<&str, usize> {
        self.jobs
            .iter()
            .enumerate()
            .map(|(i, j)| (j.id.as_str(), i))
            .collect()
    }

    /// Every job that must finish before job `i` (transitively).
    pub fn ancestors(&self, i: usize) -> Vec<usize> {
        if self.jobs[i].needs.is_empty() {
            return Vec::new();
        }
        let mut seen = vec![false; self.jobs.len()];
        let mut todo = vec![i];
        while let Some(k) = todo.pop() {
            for need in &self.jobs[k].needs {
                if let Some(p) = self.job_index(need)
                    && !seen[p]
                {
                    seen[p] = true;
                    todo.push(p);
                }
            }
        }
        seen[i] = false;
        (0..self.jobs.len()).filter(|&k| seen[k]).collect()
    }
}

/// A file found but not (fully) understood, or something not followed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Note {
    pub kind: NoteKind,
    pub loc: Loc,
    /// 1-based column (1 when unknown).
    pub col: u32,
    /// The key, include or reference concerned, or the parser's message.
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum NoteKind {
    /// The YAML does not parse (the file is skipped).
    YamlError,
    /// A key feoops does not know.
    NotUnderstood,
    /// A remote include, another repository's workflow or an orb: never fetched.
    NotFollowed,
    /// A local include that does not exist.
    Missing,
    /// The file is larger than feoops reads.
    TooLarge,
}
