//! What `explain` finds: the verdict, its reasons and the advice, each with a stable code
//! (documented in docs/JSON.md), the page that teaches it and where it is written.

use serde::Serialize;

use super::model::{Loc, Note, Pipeline};

/// The practice a path to production follows, from least to most automated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    None,
    Ci,
    Delivery,
    Deployment,
}

impl Verdict {
    pub fn id(self) -> &'static str {
        match self {
            Verdict::None => "none",
            Verdict::Ci => "ci",
            Verdict::Delivery => "delivery",
            Verdict::Deployment => "deployment",
        }
    }

    /// The page that teaches it.
    pub fn page(self) -> &'static str {
        match self {
            Verdict::None | Verdict::Ci => "continuous-integration",
            Verdict::Delivery => "continuous-delivery",
            Verdict::Deployment => "continuous-deployment",
        }
    }
}

/// What a verdict depends on when the files cannot tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Depends {
    /// A GitHub environment's protection rules (required reviewers, wait timers) live in the
    /// repository settings: with a required reviewer the path is Continuous Delivery.
    EnvironmentProtection,
}

macro_rules! codes {
    ($($variant:ident = $id:literal, $page:literal;)*) => {
        /// Every reason and piece of advice, with its stable id and the page that teaches it.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
        pub enum Code { $(#[serde(rename = $id)] $variant,)* }

        impl Code {
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            pub fn id(self) -> &'static str {
                match self { $(Code::$variant => $id,)* }
            }

            pub fn page(self) -> &'static str {
                match self { $(Code::$variant => $page,)* }
            }
        }
    };
}

codes! {
    // Reasons of the overall verdict.
    NoCiFiles = "no-ci-files", "continuous-integration";
    TestsOnPush = "tests-on-push", "continuous-integration";
    TestsOnPullRequest = "tests-on-pull-request", "continuous-integration";
    NoTests = "no-tests", "stage-test";
    NoDeployment = "no-deployment", "cicd-compare";
    StagingOnly = "staging-only", "stage-deploy";
    // Reasons of one path to production.
    DeploysToProduction = "deploys-to-production", "stage-deploy";
    TestsBefore = "tests-before", "stage-test";
    NoTestsBefore = "no-tests-before", "continuous-deployment";
    TestsBeside = "tests-beside", "continuous-deployment";
    ManualTrigger = "manual-trigger", "continuous-delivery";
    TagTrigger = "tag-trigger", "continuous-delivery";
    ReleaseBranch = "release-branch", "continuous-delivery";
    ManualJob = "manual-job", "continuous-delivery";
    ApprovalJob = "approval-job", "continuous-delivery";
    Scheduled = "scheduled", "continuous-delivery";
    NoHumanStep = "no-human-step", "continuous-deployment";
    EnvironmentSettings = "environment-settings", "cd-ambiguity";
    AfterWorkflow = "after-workflow", "cicd-compare";
    // Advice.
    AdviceNoTestsBeforeDeploy = "advice-no-tests-before-deploy", "stage-test";
    AdviceTestsOnlyOnPr = "advice-tests-only-on-pr", "continuous-integration";
    AdviceNoBuildCache = "advice-no-build-cache", "continuous-integration";
    AdvicePlaintextSecret = "advice-plaintext-secret", "stage-code";
    AdviceUnpinnedAction = "advice-unpinned-action", "continuous-integration";
    AdviceNoRollback = "advice-no-rollback", "stage-deploy";
    AdviceParallelJobs = "advice-parallel-jobs", "continuous-integration";
}

/// One reason or piece of advice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub code: Code,
    pub page: &'static str,
    /// Where it is written, when one place says it.
    pub file: Option<String>,
    pub line: Option<u32>,
    /// The job, environment, branch, action or variable it is about.
    pub detail: Option<String>,
}

impl Finding {
    pub fn new(code: Code, loc: Option<&Loc>, detail: Option<String>) -> Finding {
        Finding {
            code,
            page: code.page(),
            file: loc.map(|l| l.file.clone()),
            line: loc.map(|l| l.line),
            detail,
        }
    }
}

/// One way a change reaches production: a job that deploys there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Path {
    /// Index into `Report::pipelines`.
    pub pipeline: usize,
    pub job: String,
    pub file: String,
    pub line: u32,
    pub environment: Option<String>,
    pub verdict: Verdict,
    pub depends_on: Option<Depends>,
    pub reasons: Vec<Finding>,
}

/// A tool seen in the files, with the catalogue id it links to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ToolUse {
    pub id: String,
    pub stages: Vec<String>,
    /// Where it is first used.
    pub file: String,
    pub line: u32,
    pub count: usize,
}

/// Everything `explain` says about a repository.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// The JSON format's version (docs/JSON.md).
    pub version: u32,
    /// The CI files read, relative to the repository.
    pub files: Vec<String>,
    pub verdict: Verdict,
    pub depends_on: Option<Depends>,
    pub reasons: Vec<Finding>,
    pub pipelines: Vec<Pipeline>,
    pub paths: Vec<Path>,
    pub tools: Vec<ToolUse>,
    pub advice: Vec<Finding>,
    pub notes: Vec<Note>,
}

impl Report {
    /// The pipeline to show first: the one of the best path to production, else the first
    /// that runs tests, else the first.
    pub fn main_pipeline(&self) -> Option<usize> {
        if self.pipelines.is_empty() {
            return None;
        }
        let best = self
            .paths
            .iter()
            .max_by_key(|p| (p.verdict, std::cmp::Reverse(p.pipeline)))
            .map(|p| p.pipeline);
        let tested = self
            .pipelines
            .iter()
            .position(|p| p.jobs.iter().any(|j| j.has_stage("test")));
        Some(best.or(tested).unwrap_or(0))
    }
}
