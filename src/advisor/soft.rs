//! The soft weights: the points and reasons of a tool the profile allows.

use std::collections::HashSet;

use super::profile::{
    Budget, CloudPref, CodeHost, Containers, EcosystemPref, HostingPref, OssPref, TeamSize,
};
use super::reason::{Reason, ReasonKind};
use super::score::{Advisor, fits};
use super::weights::Weight;
use crate::catalog::{Cloud, Ecosystem, Hosting, LicenseClass, Maturity, Pricing, Tool};

/// At most this many picks of the stack count for `works-with-stack`.
const MAX_STACK_LINKS: usize = 3;

impl Advisor<'_> {
    pub(super) fn soft_reasons(&self, t: &Tool, stage: &str) -> Vec<Reason> {
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
        let license_weight = match t.license_class {
            Some(LicenseClass::Oss) => Weight::PreferOss,
            // What the team would run is open source (Grafana, AGPL-3.0): it counts as such.
            Some(LicenseClass::OpenCore) if super::score::open_core_with_free_core(t) => {
                Weight::PreferOss
            }
            Some(LicenseClass::OpenCore) => Weight::PreferOpenCore,
            Some(LicenseClass::SourceAvailable) => Weight::PreferSourceAvailable,
            Some(LicenseClass::Proprietary) => Weight::PreferProprietary,
            None => Weight::PreferLicenseUnknown,
        };
        let cares = p.oss != OssPref::Any;
        if t.license_class.is_some() || cares {
            add(
                ReasonKind::License {
                    class: t.license_class,
                },
                cares.then_some(license_weight),
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
                } else if t.hosting.contains(&Hosting::Local) {
                    // A command run on a laptop or in CI: no server for anyone to run,
                    // which is what a team that wants SaaS is after.
                    add(
                        ReasonKind::Offered {
                            hosting: Hosting::Local,
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

        // Languages: only a tool that works on the team's own code is tied to them
        // (`Weights::is_language_tied`); for another they are what it runs on.
        let specific = !t.ecosystems.is_empty() && !t.ecosystems.contains(&Ecosystem::Any);
        match p.ecosystem {
            _ if specific && !w.is_language_tied(&t.category) => add(
                ReasonKind::RunsOn {
                    ecosystems: t.ecosystems.clone(),
                },
                None,
            ),
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
            // A pick the profile leaves out is a problem of the stack, not a reason.
            let Some(other) = self
                .catalog
                .get(id)
                .filter(|o| self.hard_breaks(o).is_empty())
            else {
                continue;
            };
            let links = t.integrates_with.contains(id) || other.integrates_with.contains(&t.id);
            if links && linked.insert(id.as_str()) {
                add(
                    ReasonKind::WorksWith {
                        tool: id.clone(),
                        stage: pick_stage.clone(),
                    },
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
                    // Part of the host (GitHub Actions, Dependabot) or only made for it
                    // (release-please, a project of its own that needs GitHub).
                    if self.catalog.get(host_tool).is_some_and(|h| part_of(t, h)) {
                        add(
                            ReasonKind::BuiltInto {
                                tool: host_tool.into(),
                            },
                            Some(Weight::CodeHostBuiltIn),
                        );
                    } else {
                        add(
                            ReasonKind::NeedsHost {
                                tool: host_tool.into(),
                            },
                            Some(Weight::CodeHostIntegrates),
                        );
                    }
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
        // Someone else runs it, or it is a command with no server at all.
        let someone_else_runs_it = t.hosting.contains(&Hosting::Saas)
            || t.hosting.contains(&Hosting::Managed)
            || t.hosting.contains(&Hosting::Local);
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

/// The first of `list` that is in `set` (in `list` order, so the data decides).
fn first_in<'l>(list: &'l [String], set: &[&str]) -> Option<&'l str> {
    list.iter()
        .map(String::as_str)
        .find(|i| set.binary_search(i).is_ok())
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

/// The site of a URL: the last two labels of its host (`docs.gitlab.com` -> `gitlab.com`).
fn domain(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    match host.rmatch_indices('.').nth(1) {
        Some((i, _)) => &host[i + 1..],
        None => host,
    }
}

/// Whether a tool is part of a product (GitHub Actions of GitHub): its homepage is on the
/// product's own site or its name starts with the product's, and it is not a repository
/// hosted there (release-please lives on
/// github.com as a project of its own).
pub(super) fn part_of(t: &Tool, product: &Tool) -> bool {
    let (d, p) = (domain(&t.homepage), domain(&product.homepage));
    let same_site = !p.is_empty() && d == p;
    // Or named as a part of it (Bitbucket Pipelines lives on atlassian.com).
    let named_part = t.name.starts_with(&format!("{} ", product.name));
    (same_site || named_part) && t.repo.as_deref() != Some(t.homepage.trim_end_matches('/'))
}
