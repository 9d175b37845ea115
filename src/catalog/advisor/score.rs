//! Scoring: which tools a profile leaves out (hard constraints) and the points and reasons
//! of the others (soft weights). Everything here is a pure function of the catalogue, the
//! profile, the weights and the picks of a stack, so the same input gives the same list.

use std::collections::HashSet;

use super::profile::{
    Budget, CloudPref, CodeHost, Containers, EcosystemPref, HostingPref, OssPref, Profile, TeamSize,
};
use super::reason::{Reason, ReasonKind};
use super::weights::{Hard, Weight, Weights};
use crate::catalog::{Catalog, Cloud, Ecosystem, Hosting, LicenseClass, Maturity, Pricing, Tool};

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

/// At most this many picks of the stack count for `works-with-stack`.
const MAX_STACK_LINKS: usize = 3;

/// The advisor for one profile: ranks the tools of a stage.
#[derive(Debug, Clone)]
pub struct Advisor<'a> {
    catalog: &'a Catalog,
    weights: &'a Weights,
    profile: Profile,
    /// The code host's tool and the tools that are part of it (that require it).
    host: Option<&'a str>,
    host_family: Vec<&'a str>,
    /// The cloud's tool and the services made only for it.
    cloud: Option<Cloud>,
    cloud_tool: Option<&'a str>,
    cloud_family: Vec<&'a str>,
    /// Tools the profile says the team has (Kubernetes, the code host and its parts, the
    /// cloud and its services, what they bring along), sorted.
    given: Vec<&'a str>,
    /// Tools of the other stages of a stack: (stage, tool id).
    picks: Vec<(String, String)>,
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
        Advisor {
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
        }
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

    /// The tools of a stage the profile allows, best first: score descending, then name
    /// (case-insensitive), then id.
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
        out.sort_by(|a, b| {
            b.score
                .cmp(&a.score)
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
        let w = self.weights;
        let p = &self.profile;
        let mut out = Vec::new();
        // The team's code host is a fact of the profile, not a choice: it never breaks it
        // (GitHub stays at Code when open source is required).
        if self.host == Some(t.id.as_str()) {
            return out;
        }
        let mut add = |k: ReasonKind| out.push(Reason::fact(k));
        if p.oss == OssPref::Required
            && w.is_hard(Hard::OssRequired)
            && !t.license_class.is_some_and(|c| w.open_source.contains(&c))
        {
            add(ReasonKind::Licence {
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
        out
    }

    fn soft_reasons(&self, t: &Tool, stage: &str) -> Vec<Reason> {
        let w = self.weights;
        let p = &self.profile;
        let mut out = Vec::new();
        let mut add = |k: ReasonKind, weight: Option<Weight>| {
            out.push(Reason::new(k, weight.map_or(0, |x| w.get(x))));
        };

        // Where it fits: always at least one reason.
        if t.primary_stage == stage {
            add(
                ReasonKind::PrimaryStage {
                    stage: stage.into(),
                },
                Some(Weight::PrimaryStage),
            );
        } else {
            add(
                ReasonKind::AlsoServes {
                    stage: stage.into(),
                },
                None,
            );
        }
        if w.is_core_job(stage, &t.category) {
            add(
                ReasonKind::CoreJob {
                    stage: stage.into(),
                    category: t.category.clone(),
                },
                Some(Weight::CoreJob),
            );
        }

        // Licence: a fact, weighted when open source is preferred or required.
        let licence_weight = match t.license_class {
            Some(LicenseClass::Oss) => Weight::PreferOss,
            Some(LicenseClass::OpenCore) => Weight::PreferOpenCore,
            Some(LicenseClass::SourceAvailable) => Weight::PreferSourceAvailable,
            Some(LicenseClass::Proprietary) => Weight::PreferProprietary,
            None => Weight::PreferLicenceUnknown,
        };
        let cares = p.oss != OssPref::Any;
        if t.license_class.is_some() || cares {
            add(
                ReasonKind::Licence {
                    class: t.license_class,
                },
                cares.then_some(licence_weight),
            );
        }

        // Pricing: a fact, weighted when the budget is free only.
        let free_only = p.budget == Budget::Free;
        let price_weight = match t.pricing {
            Some(Pricing::Free) => Some(Weight::Free),
            Some(Pricing::Freemium) => Some(Weight::FreeTier),
            Some(Pricing::Paid) => None,
            None => Some(Weight::PriceUnknown),
        };
        if t.pricing.is_some() || free_only {
            add(
                ReasonKind::Pricing { pricing: t.pricing },
                price_weight.filter(|_| free_only),
            );
        }

        self.code_host_reasons(t, &mut add);
        self.cloud_reasons(t, &mut add);

        match p.hosting {
            HostingPref::Saas => {
                if t.hosting.contains(&Hosting::Saas) {
                    add(
                        ReasonKind::Offered {
                            hosting: Hosting::Saas,
                        },
                        Some(Weight::HostingMatch),
                    );
                } else if t.hosting.contains(&Hosting::Managed) {
                    add(
                        ReasonKind::Offered {
                            hosting: Hosting::Managed,
                        },
                        Some(Weight::HostingMatch),
                    );
                } else if self_hosted_only(t) {
                    add(ReasonKind::RunItYourself, Some(Weight::RunItYourself));
                }
            }
            HostingPref::SelfHosted => {
                if t.hosting.contains(&Hosting::SelfHosted) {
                    add(
                        ReasonKind::Offered {
                            hosting: Hosting::SelfHosted,
                        },
                        Some(Weight::HostingMatch),
                    );
                }
            }
            HostingPref::Any => {}
        }

        self.container_reasons(t, &mut add);
        self.requirement_reasons(t, stage, &mut add);

        match p.ecosystem {
            EcosystemPref::Any => {
                if !t.ecosystems.is_empty() && !t.ecosystems.contains(&Ecosystem::Any) {
                    add(
                        ReasonKind::OnlyEcosystems {
                            ecosystems: t.ecosystems.clone(),
                        },
                        None,
                    );
                }
            }
            mine => {
                if let Some(&e) = t
                    .ecosystems
                    .iter()
                    .find(|&&e| e != Ecosystem::Any && fits(mine, e))
                {
                    add(
                        ReasonKind::FitsEcosystem { ecosystem: e },
                        Some(Weight::EcosystemMatch),
                    );
                }
            }
        }

        self.team_reasons(t, &mut add);

        let maturity_weight = match t.maturity {
            Some(Maturity::Graduated) => Some(Weight::CncfGraduated),
            Some(Maturity::Incubating) => Some(Weight::CncfIncubating),
            Some(Maturity::Sandbox) => Some(Weight::CncfSandbox),
            Some(Maturity::Legacy) => Some(Weight::Legacy),
            Some(Maturity::Archived) => Some(Weight::Archived),
            Some(Maturity::Stable) | None => None,
        };
        if let (Some(m), Some(weight)) = (t.maturity, maturity_weight) {
            add(ReasonKind::Maturity { maturity: m }, Some(weight));
        }

        let mut linked = HashSet::new();
        for (pick_stage, id) in &self.picks {
            if pick_stage == stage || *id == t.id || linked.len() >= MAX_STACK_LINKS {
                continue;
            }
            let Some(other) = self.catalog.get(id) else {
                continue;
            };
            let links = t.integrates_with.contains(id) || other.integrates_with.contains(&t.id);
            if links && linked.insert(id.as_str()) {
                add(
                    ReasonKind::WorksWith { tool: id.clone() },
                    Some(Weight::WorksWithStack),
                );
            }
        }
        out
    }

    fn code_host_reasons(&self, t: &Tool, add: &mut impl FnMut(ReasonKind, Option<Weight>)) {
        let w = self.weights;
        let is_host_category =
            !w.code_host_category.is_empty() && t.category == w.code_host_category;
        match (self.profile.code_host, self.host) {
            (CodeHost::Any, _) => {}
            (CodeHost::Other, _) => {
                if w.code_host_tools.values().any(|h| *h == t.id) {
                    add(ReasonKind::OtherCodeHost, Some(Weight::OtherCodeHost));
                }
            }
            (host, Some(host_tool)) => {
                if t.id == host_tool {
                    add(
                        ReasonKind::YourCodeHost { host },
                        Some(Weight::CodeHostItself),
                    );
                } else if t.requires.iter().any(|r| r == host_tool) {
                    add(
                        ReasonKind::BuiltInto {
                            tool: host_tool.into(),
                        },
                        Some(Weight::CodeHostBuiltIn),
                    );
                } else if is_host_category {
                    add(ReasonKind::OtherCodeHost, Some(Weight::OtherCodeHost));
                } else if let Some(i) = first_in(&t.integrates_with, &self.host_family) {
                    add(
                        ReasonKind::IntegratesWith { tool: i.into() },
                        Some(Weight::CodeHostIntegrates),
                    );
                }
            }
            (_, None) => {}
        }
    }

    fn cloud_reasons(&self, t: &Tool, add: &mut impl FnMut(ReasonKind, Option<Weight>)) {
        let specific = !t.clouds.is_empty() && !t.clouds.contains(&Cloud::Any);
        match (self.profile.cloud, self.cloud) {
            (CloudPref::OnPrem, _) => {
                if t.hosting.contains(&Hosting::SelfHosted) {
                    add(ReasonKind::OwnServers, Some(Weight::OnPremSelfHosted));
                }
            }
            (_, Some(c)) => {
                if self.cloud_tool == Some(t.id.as_str()) || (specific && t.clouds.contains(&c)) {
                    add(ReasonKind::MadeFor { cloud: c }, Some(Weight::CloudMadeFor));
                } else if let Some(i) = first_in(&t.integrates_with, &self.cloud_family) {
                    add(
                        ReasonKind::IntegratesWith { tool: i.into() },
                        Some(Weight::CloudIntegrates),
                    );
                }
            }
            _ => {
                if specific {
                    add(
                        ReasonKind::OnlyClouds {
                            clouds: t.clouds.clone(),
                        },
                        None,
                    );
                }
            }
        }
    }

    fn container_reasons(&self, t: &Tool, add: &mut impl FnMut(ReasonKind, Option<Weight>)) {
        let w = self.weights;
        let k8s = w.kubernetes.as_str();
        let requires_k8s = !k8s.is_empty() && t.requires.iter().any(|r| r == k8s);
        match self.profile.k8s {
            Containers::Yes => {
                if !k8s.is_empty() && t.id == k8s {
                    add(ReasonKind::IsKubernetes, Some(Weight::K8sNative));
                } else if requires_k8s {
                    add(ReasonKind::BuiltForKubernetes, Some(Weight::K8sNative));
                } else if !k8s.is_empty() && t.integrates_with.iter().any(|i| i == k8s) {
                    add(
                        ReasonKind::IntegratesWith { tool: k8s.into() },
                        Some(Weight::K8sIntegrates),
                    );
                }
            }
            Containers::No => {
                if self.is_container_tool(t) {
                    add(ReasonKind::ForContainers, Some(Weight::NoContainers));
                }
            }
            Containers::Any => {}
        }
    }

    fn is_container_tool(&self, t: &Tool) -> bool {
        self.weights.container_categories.contains(&t.category)
    }

    /// A tool the tool requires that neither the profile nor the picks of other stages
    /// give is one more thing to adopt: `needs-another-tool` (`no-containers` for a
    /// container tool when the team uses none).
    fn requirement_reasons(
        &self,
        t: &Tool,
        stage: &str,
        add: &mut impl FnMut(ReasonKind, Option<Weight>),
    ) {
        for r in &t.requires {
            if self.given.binary_search(&r.as_str()).is_ok() || self.picked_elsewhere(r, stage) {
                continue;
            }
            let container = self
                .catalog
                .get(r)
                .is_some_and(|o| self.is_container_tool(o));
            let weight = if container && self.profile.k8s == Containers::No {
                Weight::NoContainers
            } else {
                Weight::NeedsAnotherTool
            };
            add(ReasonKind::Needs { tool: r.clone() }, Some(weight));
        }
    }

    /// True when a pick of another stage is `id`, or brings it along (`[provides]`).
    fn picked_elsewhere(&self, id: &str, stage: &str) -> bool {
        self.picks.iter().filter(|(s, _)| s != stage).any(|(_, p)| {
            p == id
                || self.catalog.get(p).is_some_and(|pt| {
                    self.weights
                        .provides
                        .get(&pt.category)
                        .is_some_and(|ids| ids.iter().any(|x| x == id))
                })
        })
    }

    fn team_reasons(&self, t: &Tool, add: &mut impl FnMut(ReasonKind, Option<Weight>)) {
        let team = self.profile.team;
        let someone_else_runs_it =
            t.hosting.contains(&Hosting::Saas) || t.hosting.contains(&Hosting::Managed);
        match team {
            TeamSize::Solo => {
                if someone_else_runs_it {
                    add(ReasonKind::NothingToHost, Some(Weight::SoloNothingToHost));
                } else if self_hosted_only(t) {
                    add(ReasonKind::ServerToRun, Some(Weight::SoloServerToRun));
                }
            }
            TeamSize::Large => {
                if matches!(t.pricing, Some(Pricing::Freemium | Pricing::Paid))
                    || t.license_class == Some(LicenseClass::OpenCore)
                {
                    add(ReasonKind::PaidPlans, Some(Weight::LargePaidPlans));
                }
            }
            TeamSize::Small | TeamSize::Any => {}
        }
        let Some(words) = self.weights.team_words.get(&team) else {
            return;
        };
        if let Some(index) = t.good_for.en.iter().position(|s| mentions(s, words)) {
            add(ReasonKind::GoodFor { index }, Some(Weight::TeamGoodFor));
        }
        if let Some(index) = t.not_for.en.iter().position(|s| mentions(s, words)) {
            add(ReasonKind::NotFor { index }, Some(Weight::TeamNotFor));
        }
    }
}

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

/// The first of `list` that is in `set` (in `list` order, so the data decides).
fn first_in<'l>(list: &'l [String], set: &[&str]) -> Option<&'l str> {
    list.iter()
        .map(String::as_str)
        .find(|i| set.binary_search(i).is_ok())
}

/// True when a tool for ecosystem `e` serves a team whose language is `mine`.
fn fits(mine: EcosystemPref, e: Ecosystem) -> bool {
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

/// Offered only as something the team runs on its own servers.
fn self_hosted_only(t: &Tool) -> bool {
    !t.hosting.is_empty() && t.hosting.iter().all(|&h| h == Hosting::SelfHosted)
}

/// True when one of `words` starts a word of `text` (case-insensitive).
pub(super) fn mentions(text: &str, words: &[String]) -> bool {
    let text = text.to_lowercase();
    words.iter().any(|w| {
        text.match_indices(w.as_str()).any(|(i, _)| {
            text[..i]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric())
        })
    })
}
