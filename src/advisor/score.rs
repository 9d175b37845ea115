//! Scoring: which tools a profile leaves out (hard constraints) and the points and reasons
//! of the others (soft weights). Everything here is a pure function of the catalogue, the
//! profile, the weights and the picks of a stack, so the same input gives the same list.

use super::profile::{
    Budget, CloudPref, CodeHost, Containers, EcosystemPref, HostingPref, OssPref, Profile,
};
use super::reason::{Reason, ReasonKind};
use super::weights::{Hard, Weights};
use crate::catalog::{Catalog, Cloud, Ecosystem, Hosting, Pricing, Tool};

/// A tool suggested for a stage: its position in `Catalog::tools()`, its id, its score and
/// its reasons (strongest first; never empty).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    pub index: usize,
    pub id: String,
    pub score: i32,
    pub reasons: Vec<Reason>,
}

/// A tool of the stage that breaks a hard constraint of the profile, with the reasons
/// (every constraint it breaks; never empty).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Excluded {
    pub index: usize,
    pub id: String,
    pub reasons: Vec<Reason>,
}

/// How the advisor judges one tool at one stage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Suggested { score: i32, reasons: Vec<Reason> },
    Excluded { reasons: Vec<Reason> },
}

/// The advisor for one profile: ranks the tools of a stage.
#[derive(Debug, Clone)]
pub struct Advisor<'a> {
    pub(super) catalog: &'a Catalog,
    pub(super) weights: &'a Weights,
    pub(super) profile: Profile,
    /// The code host's tool and the tools that are part of it (that require it).
    pub(super) host: Option<&'a str>,
    pub(super) host_family: Vec<&'a str>,
    /// The cloud's tool and the services made only for it.
    pub(super) cloud: Option<Cloud>,
    pub(super) cloud_tool: Option<&'a str>,
    pub(super) cloud_family: Vec<&'a str>,
    /// Tools the profile says the team has (Kubernetes, the code host and its parts, the
    /// cloud and its services, what they bring along), sorted.
    pub(super) given: Vec<&'a str>,
    /// Tools of the other stages of a stack: (stage, tool id).
    pub(super) picks: Vec<(String, String)>,
}

impl<'a> Advisor<'a> {
    pub fn new(catalog: &'a Catalog, weights: &'a Weights, profile: Profile) -> Advisor<'a> {
        let host = weights.code_host_tool(profile.code_host);
        let host_family = family(catalog, host, |_| false);
        let cloud = match profile.cloud {
            CloudPref::Aws => Some(Cloud::Aws),
            CloudPref::Azure => Some(Cloud::Azure),
            CloudPref::Gcp => Some(Cloud::Gcp),
            CloudPref::Any | CloudPref::OnPrem => None,
        };
        let cloud_tool = weights.cloud_tool(profile.cloud);
        let cloud_family = family(catalog, cloud_tool, |t| {
            cloud.is_some_and(|c| t.clouds == [c])
        });
        let mut given: Vec<&str> = host_family.iter().chain(&cloud_family).copied().collect();
        if profile.k8s == Containers::Yes && !weights.kubernetes.is_empty() {
            given.push(&weights.kubernetes);
        }
        if let Some(h) = host.and_then(|h| catalog.get(h)) {
            given.extend(
                weights
                    .provides
                    .get(&h.category)
                    .into_iter()
                    .flatten()
                    .map(String::as_str),
            );
        }
        given.sort_unstable();
        given.dedup();
        let mut advisor = Advisor {
            catalog,
            weights,
            profile,
            host,
            host_family,
            cloud,
            cloud_tool,
            cloud_family,
            given,
            picks: Vec::new(),
        };
        // A reason never cites a tool the profile leaves out ("integrates with GitHub
        // Actions" when GitHub Actions is left out): the families keep only allowed tools.
        let allowed = |a: &Advisor<'a>, ids: &[&'a str]| -> Vec<&'a str> {
            ids.iter()
                .copied()
                .filter(|id| {
                    a.catalog
                        .get(id)
                        .is_some_and(|t| a.hard_breaks(t).is_empty())
                })
                .collect()
        };
        advisor.host_family = allowed(&advisor, &advisor.host_family);
        advisor.cloud_family = allowed(&advisor, &advisor.cloud_family);
        advisor
    }

    /// Takes the tools picked for stages into account (`works-with-stack`): a tool that
    /// integrates with a pick of another stage scores a little more.
    pub fn with_picks<S: Into<String>, T: Into<String>>(
        mut self,
        picks: impl IntoIterator<Item = (S, T)>,
    ) -> Self {
        self.picks = picks
            .into_iter()
            .map(|(s, t)| (s.into(), t.into()))
            .collect();
        self
    }

    pub fn profile(&self) -> &Profile {
        &self.profile
    }

    pub fn catalog(&self) -> &'a Catalog {
        self.catalog
    }

    /// The tools of a stage the profile allows, best first: the stage's own job first
    /// (tools whose primary stage it is, then those that only also cover it), each group
    /// by score descending, then maturity and breadth of use, then name
    /// (case-insensitive), then id. See [`Advisor::made_for`].
    pub fn suggest(&self, stage: &str) -> Vec<Suggestion> {
        let mut out: Vec<Suggestion> = self
            .stage_tools(stage)
            .filter_map(|(index, t)| match self.assess(t, stage) {
                Verdict::Suggested { score, reasons } => Some(Suggestion {
                    index,
                    id: t.id.clone(),
                    score,
                    reasons,
                }),
                Verdict::Excluded { .. } => None,
            })
            .collect();
        let tools = self.catalog.tools();
        // The stage's job first (GitHub Actions, built into GitHub, never tops Test), then
        // the score; equal scores go to the more central tool (maturity and how many tools
        // name it: breadth of use), then the name.
        let fit = |i: usize| Self::made_for(&tools[i], stage);
        let central = |i: usize| self.catalog.centrality(i);
        out.sort_by(|a, b| {
            fit(b.index)
                .cmp(&fit(a.index))
                .then_with(|| b.score.cmp(&a.score))
                .then_with(|| central(b.index).cmp(&central(a.index)))
                .then_with(|| {
                    tools[a.index]
                        .name
                        .to_lowercase()
                        .cmp(&tools[b.index].name.to_lowercase())
                })
                .then_with(|| a.id.cmp(&b.id))
        });
        out
    }

    /// True when the stage is the tool's primary one: such tools outrank every tool
    /// that only also covers the stage, whatever their scores (the one rule of fit).
    pub fn made_for(tool: &Tool, stage: &str) -> bool {
        tool.primary_stage == stage
    }

    /// The tools of a stage the profile leaves out, by name, with why.
    pub fn excluded(&self, stage: &str) -> Vec<Excluded> {
        self.stage_tools(stage)
            .filter_map(|(index, t)| {
                let reasons = self.hard_breaks(t);
                (!reasons.is_empty()).then(|| Excluded {
                    index,
                    id: t.id.clone(),
                    reasons,
                })
            })
            .collect()
    }

    /// Judges one tool at one stage (the tool need not serve the stage).
    pub fn assess(&self, tool: &Tool, stage: &str) -> Verdict {
        let breaks = self.hard_breaks(tool);
        if !breaks.is_empty() {
            return Verdict::Excluded { reasons: breaks };
        }
        let mut reasons = self.soft_reasons(tool, stage);
        // Strongest first; equal points keep the order above (stable sort).
        reasons.sort_by_key(|r| std::cmp::Reverse(r.points));
        let score = reasons.iter().map(|r| r.points).sum();
        Verdict::Suggested { score, reasons }
    }

    /// The tools serving a stage, with their positions, in catalogue (name) order.
    fn stage_tools<'s>(&'s self, stage: &'s str) -> impl Iterator<Item = (usize, &'a Tool)> + 's {
        self.catalog
            .tools()
            .iter()
            .enumerate()
            .filter(move |(_, t)| t.serves(stage))
    }

    /// The hard constraints a tool breaks under this profile (empty: it may be suggested).
    /// The profile's own code host breaks none.
    pub fn hard_breaks(&self, t: &Tool) -> Vec<Reason> {
        self.hard_breaks_at(t, 0)
    }

    /// [`Advisor::hard_breaks`], `depth` requirements down (a chain of requirements is
    /// followed a few steps, so a loop in the data cannot recurse for ever).
    fn hard_breaks_at(&self, t: &Tool, depth: usize) -> Vec<Reason> {
        let w = self.weights;
        let p = &self.profile;
        let mut out = Vec::new();
        // The team's code host and cloud are choices already made, treated alike: each,
        // and the parts of it (GitHub Actions and Dependabot of GitHub; EKS, ECR and
        // CloudWatch of AWS), break no other answer (GitHub stays at Code and GitHub
        // Actions at Build when open source is required).
        for chosen in [self.host, self.cloud_tool].into_iter().flatten() {
            if t.id == chosen
                || self
                    .catalog
                    .get(chosen)
                    .is_some_and(|c| super::soft::part_of(t, c))
            {
                return out;
            }
        }
        let mut add = |k: ReasonKind| out.push(Reason::fact(k));
        if p.oss == OssPref::Required
            && w.is_hard(Hard::OssRequired)
            && !t.license_class.is_some_and(|c| w.open_source.contains(&c))
            && !open_core_with_free_core(t)
        {
            add(ReasonKind::License {
                class: t.license_class,
            });
        }
        if p.budget == Budget::Free
            && w.is_hard(Hard::BudgetFree)
            && t.pricing == Some(Pricing::Paid)
        {
            add(ReasonKind::Pricing { pricing: t.pricing });
        }
        if w.is_hard(Hard::Cloud) && p.cloud != CloudPref::Any {
            let specific = !t.clouds.is_empty() && !t.clouds.contains(&Cloud::Any);
            let wrong_cloud = match self.cloud {
                Some(c) => specific && !t.clouds.contains(&c),
                None => specific, // on-premises: no cloud-only tool
            };
            if wrong_cloud {
                add(ReasonKind::OnlyClouds {
                    clouds: t.clouds.clone(),
                });
            }
            for (_, tool) in w.cloud_tools.iter().filter(|(c, _)| **c != p.cloud) {
                if t.requires.contains(tool) && !wrong_cloud {
                    add(ReasonKind::Needs { tool: tool.clone() });
                }
            }
        }
        if p.k8s == Containers::No && w.is_hard(Hard::Kubernetes) && !w.kubernetes.is_empty() {
            if t.id == w.kubernetes {
                add(ReasonKind::IsKubernetes);
            } else if t.requires.contains(&w.kubernetes) {
                add(ReasonKind::Needs {
                    tool: w.kubernetes.clone(),
                });
            }
        }
        if p.code_host != CodeHost::Any && w.is_hard(Hard::CodeHost) {
            for (_, tool) in w.code_host_tools.iter().filter(|(h, _)| **h != p.code_host) {
                if t.requires.contains(tool) {
                    add(ReasonKind::Needs { tool: tool.clone() });
                }
            }
        }
        if p.ecosystem != EcosystemPref::Any
            && w.is_hard(Hard::Ecosystem)
            && w.is_language_tied(&t.category)
            && !t.ecosystems.is_empty()
            && !t.ecosystems.contains(&Ecosystem::Any)
            && !t.ecosystems.iter().any(|&e| fits(p.ecosystem, e))
        {
            add(ReasonKind::OnlyEcosystems {
                ecosystems: t.ecosystems.clone(),
            });
        }
        let only = |h: Hosting| !t.hosting.is_empty() && t.hosting.iter().all(|&x| x == h);
        if p.hosting == HostingPref::SelfHosted
            && w.is_hard(Hard::SelfHosted)
            && only(Hosting::Saas)
        {
            add(ReasonKind::SaasOnly);
        }
        if p.hosting == HostingPref::Saas && w.is_hard(Hard::Saas) && only(Hosting::SelfHosted) {
            add(ReasonKind::SelfHostedOnly);
        }
        // A tool that cannot work without a tool the profile leaves out is left out too
        // (release-please needs GitHub, which "open source required" leaves out when the
        // team named no code host): no suggestion leans on a left-out tool.
        if depth < MAX_REQUIREMENT_DEPTH {
            for r in &t.requires {
                let needed = Reason::fact(ReasonKind::Needs { tool: r.clone() });
                if !out.contains(&needed)
                    && self
                        .catalog
                        .get(r)
                        .is_some_and(|rt| !self.hard_breaks_at(rt, depth + 1).is_empty())
                {
                    out.push(needed);
                }
            }
        }
        out
    }
}

/// How many requirements down a left-out tool leaves out the tools that need it.
const MAX_REQUIREMENT_DEPTH: usize = 4;

/// The ids of a tool and of the tools that are part of it (that require it) or that
/// `also` accepts, sorted.
fn family<'a>(
    catalog: &'a Catalog,
    root: Option<&'a str>,
    also: impl Fn(&Tool) -> bool,
) -> Vec<&'a str> {
    let Some(root) = root else {
        return Vec::new();
    };
    let mut ids: Vec<&str> = catalog
        .tools()
        .iter()
        .filter(|t| t.requires.iter().any(|r| r == root) || also(t))
        .map(|t| t.id.as_str())
        .collect();
    ids.push(root);
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// True when a tool for ecosystem `e` serves a team whose language is `mine`.
pub(super) fn fits(mine: EcosystemPref, e: Ecosystem) -> bool {
    match mine {
        EcosystemPref::Any => true,
        EcosystemPref::Js => e == Ecosystem::Js,
        EcosystemPref::Jvm => e == Ecosystem::Jvm,
        EcosystemPref::Python => e == Ecosystem::Python,
        EcosystemPref::Go => e == Ecosystem::Go,
        EcosystemPref::Rust => e == Ecosystem::Rust,
        EcosystemPref::Dotnet => e == Ecosystem::Dotnet,
        // Languages the profile does not list by name.
        EcosystemPref::Other => matches!(
            e,
            Ecosystem::Ruby | Ecosystem::Php | Ecosystem::Cpp | Ecosystem::Mobile
        ),
    }
}

/// An open-core tool whose licence (what the team would run) is a free, OSI-approved one:
/// Grafana (AGPL-3.0) or GitLab (MIT core). It meets "open source required"; the paid
/// editions are named by its `open core` licence reason.
pub(super) fn open_core_with_free_core(t: &Tool) -> bool {
    t.license_class == Some(crate::catalog::LicenseClass::OpenCore)
        && t.license.as_deref().is_some_and(|l| {
            matches!(
                crate::catalog::spdx::parse(l),
                Ok(Some(crate::catalog::spdx::Kind::Free))
            )
        })
}
