//! The advisor's rules as data (`content/advisor.toml`): which hard constraints apply,
//! the weight of every soft preference, and the facts the rules need (which tool is
//! which code host or cloud, each stage's core job, team-size words).

use std::collections::BTreeMap;

use super::profile::{CloudPref, CodeHost, TeamSize};
use crate::catalog::LicenseClass;

/// The range a weight must lie in.
pub const WEIGHT_RANGE: std::ops::RangeInclusive<i64> = -100..=100;

/// The version of `advisor.toml` this feoops reads.
pub const WEIGHTS_VERSION: i64 = 1;

macro_rules! keys {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $id:literal,)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $($variant,)*
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];

            /// The key in `advisor.toml`.
            pub fn id(self) -> &'static str {
                match self {
                    $($name::$variant => $id,)*
                }
            }

            pub fn parse(s: &str) -> Option<$name> {
                Self::ALL.iter().copied().find(|v| v.id() == s)
            }
        }
    };
}

keys!(
    /// A hard constraint: a tool that breaks one is left out of the suggestions.
    Hard {
        OssRequired = "oss-required",
        BudgetFree = "budget-free",
        Cloud = "cloud",
        Kubernetes = "kubernetes",
        CodeHost = "code-host",
        Ecosystem = "ecosystem",
        SelfHosted = "self-hosted",
        Saas = "saas",
    }
);

keys!(
    /// A soft preference: its weight is added to the score of every tool it applies to.
    Weight {
        PrimaryStage = "primary-stage",
        CoreJob = "core-job",
        PreferOss = "prefer-oss",
        PreferOpenCore = "prefer-open-core",
        PreferSourceAvailable = "prefer-source-available",
        PreferProprietary = "prefer-proprietary",
        PreferLicenseUnknown = "prefer-license-unknown",
        Free = "free",
        FreeTier = "free-tier",
        PriceUnknown = "price-unknown",
        CodeHostItself = "code-host-itself",
        CodeHostBuiltIn = "code-host-built-in",
        CodeHostIntegrates = "code-host-integrates",
        OtherCodeHost = "other-code-host",
        CloudMadeFor = "cloud-made-for",
        CloudIntegrates = "cloud-integrates",
        OnPremSelfHosted = "on-prem-self-hosted",
        HostingMatch = "hosting-match",
        RunItYourself = "run-it-yourself",
        K8sNative = "k8s-native",
        K8sIntegrates = "k8s-integrates",
        NoContainers = "no-containers",
        NeedsAnotherTool = "needs-another-tool",
        EcosystemMatch = "ecosystem-match",
        SoloNothingToHost = "solo-nothing-to-host",
        SoloServerToRun = "solo-server-to-run",
        LargePaidPlans = "large-paid-plans",
        TeamGoodFor = "team-good-for",
        TeamNotFor = "team-not-for",
        CncfGraduated = "cncf-graduated",
        CncfIncubating = "cncf-incubating",
        CncfSandbox = "cncf-sandbox",
        Legacy = "legacy",
        Archived = "archived",
        WorksWithStack = "works-with-stack",
    }
);

/// The rules the advisor scores with. Build it from `content/advisor.toml` (the content
/// loader does, into `Library::weights`); `Weights::builtin()` is the shipped file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Weights {
    hard: BTreeMap<Hard, bool>,
    weights: BTreeMap<Weight, i32>,
    /// Licence classes that count as open source when it is required.
    pub open_source: Vec<LicenseClass>,
    /// Per stage id, the categories that do the stage's core job.
    pub core_jobs: BTreeMap<String, Vec<String>>,
    /// The category of code hosts.
    pub code_host_category: String,
    /// The catalogue tool that is each code host.
    pub code_host_tools: BTreeMap<CodeHost, String>,
    /// The catalogue tool that is each cloud.
    pub cloud_tools: BTreeMap<CloudPref, String>,
    /// The catalogue tool that is Kubernetes.
    pub kubernetes: String,
    /// Categories of container tools (penalised when the team uses no containers).
    pub container_categories: Vec<String>,
    /// Categories whose tools work on the team's own code (build tools, test frameworks,
    /// linters): only there does a tool's `ecosystems` tie it to a language. Elsewhere
    /// (a docs generator, a chaos tool) it is only what the tool runs on.
    pub language_tied: Vec<String>,
    /// Words in a tool's `good_for` / `not_for` that speak of a team size.
    pub team_words: BTreeMap<TeamSize, Vec<String>>,
    /// What a pick of a category brings along for the stack's requirements
    /// (a code host brings Git).
    pub provides: BTreeMap<String, Vec<String>>,
}

impl Default for Weights {
    /// No rules at all: nothing is excluded and every weight is 0.
    fn default() -> Self {
        Weights {
            hard: Hard::ALL.iter().map(|&h| (h, false)).collect(),
            weights: Weight::ALL.iter().map(|&w| (w, 0)).collect(),
            open_source: vec![LicenseClass::Oss],
            core_jobs: BTreeMap::new(),
            code_host_category: String::new(),
            code_host_tools: BTreeMap::new(),
            cloud_tools: BTreeMap::new(),
            kubernetes: String::new(),
            container_categories: Vec::new(),
            language_tied: Vec::new(),
            team_words: BTreeMap::new(),
            provides: BTreeMap::new(),
        }
    }
}

impl Weights {
    /// The rules shipped in `content/advisor.toml`.
    pub fn builtin() -> Weights {
        super::load::builtin()
    }

    /// Whether a hard constraint applies.
    pub fn is_hard(&self, rule: Hard) -> bool {
        self.hard.get(&rule).copied().unwrap_or(false)
    }

    /// The weight of a soft preference.
    pub fn get(&self, w: Weight) -> i32 {
        self.weights.get(&w).copied().unwrap_or(0)
    }

    pub fn set_hard(&mut self, rule: Hard, on: bool) {
        self.hard.insert(rule, on);
    }

    /// Sets a weight, clamped to [`WEIGHT_RANGE`].
    pub fn set(&mut self, w: Weight, value: i32) {
        let lo = *WEIGHT_RANGE.start() as i32;
        let hi = *WEIGHT_RANGE.end() as i32;
        self.weights.insert(w, value.clamp(lo, hi));
    }

    /// The tool id that stands for a code host, if the rules name one.
    pub fn code_host_tool(&self, host: CodeHost) -> Option<&str> {
        self.code_host_tools.get(&host).map(String::as_str)
    }

    /// The tool id that stands for a cloud, if the rules name one.
    pub fn cloud_tool(&self, cloud: CloudPref) -> Option<&str> {
        self.cloud_tools.get(&cloud).map(String::as_str)
    }

    /// True when a tool of this category is tied to the languages it lists: the one
    /// place that decides whether the team's language can leave a tool out
    /// ([`Hard::Ecosystem`]) or favour it (`ecosystem-match`).
    pub fn is_language_tied(&self, category: &str) -> bool {
        self.language_tied.iter().any(|c| c == category)
    }

    /// True when the category does a core job of the stage.
    pub fn is_core_job(&self, stage: &str, category: &str) -> bool {
        self.core_jobs
            .get(stage)
            .is_some_and(|c| c.iter().any(|c| c == category))
    }
}
