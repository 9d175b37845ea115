//! Why a tool ranks where it does: a reason is a fact about the tool and the profile, with
//! the points it adds (or takes away), rendered as a short phrase in either language.

use serde::Serialize;

use super::profile::{Choice, CodeHost};
use crate::advisor::Context;
use crate::base::Lang;
use crate::base::i18n::{fill, text};
use crate::catalog::{Cloud, Ecosystem, Hosting, LicenseClass, Maturity, Pricing, Tool};

/// One reason for a score. Serialized (`docs/JSON.md`) as `code` plus the fields of its
/// kind.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "code", rename_all = "kebab-case")]
pub enum ReasonKind {
    /// The stage is the tool's primary stage.
    PrimaryStage { stage: String },
    /// The tool serves the stage, but mainly another one.
    AlsoServes { stage: String },
    /// The tool's category does the stage's core job.
    CoreJob { stage: String, category: String },
    /// The licence class (`null`: not listed in the catalogue).
    License { class: Option<LicenseClass> },
    /// The pricing (`null`: not listed in the catalogue).
    Pricing { pricing: Option<Pricing> },
    /// The tool is the team's code host.
    YourCodeHost { host: CodeHost },
    /// The tool is part of the team's code host (it requires it).
    BuiltInto { tool: String },
    /// The tool needs the team's code host but is not part of it (release-please).
    NeedsHost { tool: String },
    /// The tool integrates with this tool (the code host, the cloud or Kubernetes).
    IntegratesWith { tool: String },
    /// The tool is a code host other than the team's.
    OtherCodeHost,
    /// The tool cannot work without this tool.
    Needs { tool: String },
    /// The tool works only with these clouds.
    OnlyClouds { clouds: Vec<Cloud> },
    /// The tool is made for the team's cloud.
    MadeFor { cloud: Cloud },
    /// On-premises, and the tool can run on the team's own servers.
    OwnServers,
    /// The tool is offered this way, as the team wants.
    Offered { hosting: Hosting },
    /// The team wants SaaS, but this tool must be run by the team.
    RunItYourself,
    /// The tool is offered only as SaaS.
    SaasOnly,
    /// The tool can only be self-hosted.
    SelfHostedOnly,
    /// The tool is Kubernetes.
    IsKubernetes,
    /// The tool is built for Kubernetes (it requires it).
    BuiltForKubernetes,
    /// A container tool, for a team without containers.
    ForContainers,
    /// The tool is made for the team's language.
    FitsEcosystem { ecosystem: Ecosystem },
    /// The tool is made only for these languages.
    OnlyEcosystems { ecosystems: Vec<Ecosystem> },
    /// The tool runs on these languages but does not work on the team's code (a docs
    /// generator written in Python): no constraint, no bonus.
    RunsOn { ecosystems: Vec<Ecosystem> },
    /// Solo: someone else runs it.
    NothingToHost,
    /// Solo: the team must run a server for it.
    ServerToRun,
    /// Large: paid plans or editions with support exist.
    PaidPlans,
    /// One of the tool's `good_for` entries (by index) speaks of the team's size.
    GoodFor { index: usize },
    /// One of the tool's `not_for` entries (by index) speaks of the team's size.
    NotFor { index: usize },
    /// The CNCF level, or legacy / archived.
    Maturity { maturity: Maturity },
    /// The tool integrates with this tool, picked for another stage of the stack: the
    /// only way the other picks change a score, always shown as its own reason.
    WorksWith { tool: String, stage: String },
}

/// A reason and the points it adds to the score (0 for a plain fact, and for the reasons
/// a tool is left out).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Reason {
    #[serde(flatten)]
    pub kind: ReasonKind,
    pub points: i32,
}

impl Reason {
    pub fn new(kind: ReasonKind, points: i32) -> Reason {
        Reason { kind, points }
    }

    /// A fact that adds nothing.
    pub fn fact(kind: ReasonKind) -> Reason {
        Reason { kind, points: 0 }
    }

    /// The short phrase, without the points: "integrates with GitHub", "AWS only".
    /// `tool` is the tool the reason is about (for its `good_for` / `not_for` text).
    pub fn text(&self, lang: Lang, lib: &dyn Context, tool: &Tool) -> String {
        let t = &text(lang).advisor;
        let name = |id: &str| lib.tool_name(id).to_string();
        let stage = |id: &str| lib.stage_name(id, lang).to_string();
        let with_tool = |template: &str, id: &str| fill(template, &[("tool", &name(id))]);
        let with_stage = |template: &str, id: &str| fill(template, &[("stage", &stage(id))]);
        match &self.kind {
            ReasonKind::PrimaryStage { stage: s } => with_stage(&t.reason_primary_stage, s),
            ReasonKind::AlsoServes { stage: s } => with_stage(&t.reason_also_serves, s),
            ReasonKind::CoreJob { stage: s, category } => fill(
                &t.reason_core_job,
                &[
                    ("category", &lib.catalog().category_label(category, lang)),
                    ("stage", &stage(s)),
                ],
            ),
            ReasonKind::License { class } => match &tool.license {
                // Open core with a free core (Grafana, GitLab): say which licence the
                // core has and that paid editions exist (the catalogue does not list
                // what they add, so neither do we).
                Some(l) if super::score::open_core_with_free_core(tool) => {
                    fill(&t.open_core_free, &[("license", l)])
                }
                _ => license_label(*class, lang).to_string(),
            },
            ReasonKind::Pricing { pricing } => pricing_label(*pricing, lang).to_string(),
            ReasonKind::YourCodeHost { host } => {
                fill(&t.reason_your_code_host, &[("host", &host.label(lang))])
            }
            ReasonKind::BuiltInto { tool } => with_tool(&t.reason_built_into, tool),
            ReasonKind::NeedsHost { tool } => with_tool(&t.reason_needs_host, tool),
            ReasonKind::IntegratesWith { tool } => with_tool(&t.reason_integrates_with, tool),
            ReasonKind::OtherCodeHost => t.reason_other_code_host.clone(),
            ReasonKind::Needs { tool } => with_tool(&t.reason_needs, tool),
            ReasonKind::OnlyClouds { clouds } => fill(
                &t.reason_only_clouds,
                &[(
                    "clouds",
                    &join(clouds.iter().map(|c| cloud_label(*c, lang))),
                )],
            ),
            ReasonKind::MadeFor { cloud } => fill(
                &t.reason_made_for_cloud,
                &[("cloud", &cloud_label(*cloud, lang))],
            ),
            ReasonKind::OwnServers => t.reason_own_servers.clone(),
            ReasonKind::Offered { hosting } => match hosting {
                Hosting::Saas => t.reason_offered_saas.clone(),
                Hosting::Managed => t.reason_offered_managed.clone(),
                Hosting::SelfHosted => t.reason_offered_self_hosted.clone(),
                Hosting::Local => t.reason_offered_local.clone(),
            },
            ReasonKind::RunItYourself => t.reason_run_it_yourself.clone(),
            ReasonKind::SaasOnly => t.reason_saas_only.clone(),
            ReasonKind::SelfHostedOnly => t.reason_self_hosted_only.clone(),
            ReasonKind::IsKubernetes => t.reason_is_kubernetes.clone(),
            ReasonKind::BuiltForKubernetes => t.reason_built_for_kubernetes.clone(),
            ReasonKind::ForContainers => t.reason_for_containers.clone(),
            ReasonKind::FitsEcosystem { ecosystem } => fill(
                &t.reason_fits_ecosystem,
                &[("language", &ecosystem_label(*ecosystem, lang))],
            ),
            ReasonKind::OnlyEcosystems { ecosystems } => fill(
                &t.reason_only_ecosystems,
                &[(
                    "languages",
                    &join(ecosystems.iter().map(|e| ecosystem_label(*e, lang))),
                )],
            ),
            ReasonKind::RunsOn { ecosystems } => fill(
                &t.runs_on,
                &[(
                    "languages",
                    &join(ecosystems.iter().map(|e| ecosystem_label(*e, lang))),
                )],
            ),
            ReasonKind::NothingToHost => t.reason_nothing_to_host.clone(),
            ReasonKind::ServerToRun => t.reason_server_to_run.clone(),
            ReasonKind::PaidPlans => t.reason_paid_plans.clone(),
            ReasonKind::GoodFor { index } => fill(
                &t.reason_good_for,
                &[("note", &entry(&tool.good_for.get(lang)[..], *index))],
            ),
            ReasonKind::NotFor { index } => fill(
                &t.reason_not_for,
                &[("note", &entry(&tool.not_for.get(lang)[..], *index))],
            ),
            ReasonKind::Maturity { maturity } => maturity_label(*maturity, lang).to_string(),
            ReasonKind::WorksWith { tool, stage: s } => fill(
                &t.works_with_pick,
                &[("tool", &name(tool)), ("stage", &stage(s))],
            ),
        }
    }

    /// The phrase with its points: "integrates with GitHub (+10)"; a plain fact has none.
    pub fn text_with_points(&self, lang: Lang, lib: &dyn Context, tool: &Tool) -> String {
        let text = self.text(lang, lib, tool);
        match self.points {
            0 => text,
            p => format!("{text} ({p:+})"),
        }
    }
}

fn entry(list: &[String], i: usize) -> &str {
    list.get(i).map_or("", String::as_str)
}

fn join<'a>(parts: impl Iterator<Item = &'a str>) -> String {
    parts.collect::<Vec<_>>().join("/")
}

pub fn license_label(class: Option<LicenseClass>, lang: Lang) -> &'static str {
    let l = &text(lang).labels;
    match class {
        Some(LicenseClass::Oss) => &l.license_oss,
        Some(LicenseClass::OpenCore) => &l.license_open_core,
        Some(LicenseClass::SourceAvailable) => &l.license_source_available,
        Some(LicenseClass::Proprietary) => &l.license_proprietary,
        None => &l.license_unknown,
    }
}

pub fn pricing_label(pricing: Option<Pricing>, lang: Lang) -> &'static str {
    let l = &text(lang).labels;
    match pricing {
        Some(Pricing::Free) => &l.pricing_free,
        Some(Pricing::Freemium) => &l.pricing_freemium,
        Some(Pricing::Paid) => &l.pricing_paid,
        None => &l.pricing_unknown,
    }
}

/// A cloud's name; "any cloud" is a word of the UI language.
pub fn cloud_label(cloud: Cloud, lang: Lang) -> &'static str {
    match cloud {
        Cloud::Any => &text(lang).labels.cloud_any,
        Cloud::Aws => "AWS",
        Cloud::Azure => "Azure",
        Cloud::Gcp => "Google Cloud",
    }
}

/// A language ecosystem's name; "any language" and "mobile" are words of the UI language.
pub fn ecosystem_label(e: Ecosystem, lang: Lang) -> &'static str {
    match e {
        Ecosystem::Any => &text(lang).labels.ecosystem_any,
        Ecosystem::Js => "JS/TS",
        Ecosystem::Jvm => "JVM",
        Ecosystem::Python => "Python",
        Ecosystem::Go => "Go",
        Ecosystem::Rust => "Rust",
        Ecosystem::Dotnet => ".NET",
        Ecosystem::Ruby => "Ruby",
        Ecosystem::Php => "PHP",
        Ecosystem::Cpp => "C/C++",
        Ecosystem::Mobile => &text(lang).labels.ecosystem_mobile,
    }
}

pub fn maturity_label(m: Maturity, lang: Lang) -> &'static str {
    let l = &text(lang).labels;
    match m {
        Maturity::Graduated => &l.maturity_graduated,
        Maturity::Incubating => &l.maturity_incubating,
        Maturity::Sandbox => &l.maturity_sandbox,
        Maturity::Stable => &l.maturity_stable,
        Maturity::Legacy => &l.maturity_legacy,
        Maturity::Archived => &l.maturity_archived,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One of every kind, to keep docs/JSON.md's table of codes complete.
    fn every_kind() -> Vec<ReasonKind> {
        let s = || "build".to_string();
        let t = || "github".to_string();
        vec![
            ReasonKind::PrimaryStage { stage: s() },
            ReasonKind::AlsoServes { stage: s() },
            ReasonKind::CoreJob {
                stage: s(),
                category: "ci-cd".into(),
            },
            ReasonKind::License { class: None },
            ReasonKind::Pricing { pricing: None },
            ReasonKind::YourCodeHost {
                host: CodeHost::Github,
            },
            ReasonKind::BuiltInto { tool: t() },
            ReasonKind::NeedsHost { tool: t() },
            ReasonKind::IntegratesWith { tool: t() },
            ReasonKind::OtherCodeHost,
            ReasonKind::Needs { tool: t() },
            ReasonKind::OnlyClouds {
                clouds: vec![Cloud::Aws],
            },
            ReasonKind::MadeFor { cloud: Cloud::Aws },
            ReasonKind::OwnServers,
            ReasonKind::Offered {
                hosting: Hosting::Saas,
            },
            ReasonKind::RunItYourself,
            ReasonKind::SaasOnly,
            ReasonKind::SelfHostedOnly,
            ReasonKind::IsKubernetes,
            ReasonKind::BuiltForKubernetes,
            ReasonKind::ForContainers,
            ReasonKind::FitsEcosystem {
                ecosystem: Ecosystem::Go,
            },
            ReasonKind::OnlyEcosystems {
                ecosystems: vec![Ecosystem::Js],
            },
            ReasonKind::RunsOn {
                ecosystems: vec![Ecosystem::Python],
            },
            ReasonKind::NothingToHost,
            ReasonKind::ServerToRun,
            ReasonKind::PaidPlans,
            ReasonKind::GoodFor { index: 0 },
            ReasonKind::NotFor { index: 0 },
            ReasonKind::Maturity {
                maturity: Maturity::Graduated,
            },
            ReasonKind::WorksWith {
                tool: t(),
                stage: s(),
            },
        ]
    }

    #[test]
    fn every_reason_code_is_documented_with_its_fields() {
        let doc = include_str!("../../docs/JSON.md");
        let doc = &doc[doc.find("### Reason").expect("a Reason section")..];
        for kind in every_kind() {
            let v = serde_json::to_value(Reason::new(kind, 3)).unwrap();
            let code = v["code"].as_str().unwrap();
            let row = doc
                .lines()
                .find(|l| l.starts_with(&format!("| `{code}` |")))
                .unwrap_or_else(|| panic!("docs/JSON.md lacks reason code `{code}`"));
            for key in v.as_object().unwrap().keys() {
                if key != "code" && key != "points" {
                    assert!(row.contains(&format!("`{key}`")), "{code}: field {key}");
                }
            }
            assert_eq!(v["points"], 3);
        }
    }
}
