//! The stack advisor over the shipped catalogue: invariants over many generated profiles
//! (no suggestion breaks a hard constraint, every suggestion has a reason, the order is
//! stable) and hand-checked profiles.

use std::sync::OnceLock;

use feoops::Library;
use feoops::advisor::{
    self, Advisor, Budget, CloudPref, CodeHost, Containers, EcosystemPref, Hard, HostingPref,
    OssPref, Profile, ReasonKind, Suggestion, TeamSize, Verdict, Weight, Weights,
};
use feoops::base::Lang;
use feoops::catalog::{Catalog, Cloud, Ecosystem, Hosting, LicenseClass, Pricing, Tool};
use proptest::prelude::*;

fn lib() -> &'static Library {
    static LIB: OnceLock<Library> = OnceLock::new();
    LIB.get_or_init(|| {
        let loaded = Library::load(&feoops::base::ContentFiles::embedded());
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        loaded.library
    })
}

fn stages() -> Vec<&'static str> {
    lib().stages().iter().map(|s| s.id.as_str()).collect()
}

fn ids(s: &[Suggestion]) -> Vec<&str> {
    s.iter().map(|s| s.id.as_str()).collect()
}

fn suggest(p: &Profile, stage: &str) -> Vec<Suggestion> {
    advisor::suggest(lib().catalog(), p, lib().weights(), stage)
}

/// The hard constraints restated from the help page, independently of the engine: what a
/// suggested tool must never be. Returns the broken rule.
fn breaks_at(t: &Tool, p: &Profile, w: &Weights, depth: usize) -> Option<&'static str> {
    if w.code_host_tool(p.code_host) == Some(t.id.as_str()) {
        return None;
    }
    // The chosen cloud and code host and their own services (homepage on their site, or
    // named as their part) are choices made.
    for ct in [w.cloud_tool(p.cloud), w.code_host_tool(p.code_host)]
        .into_iter()
        .flatten()
        .filter_map(|c| lib().catalog().get(c))
    {
        let site = |u: &str| {
            let h = u
                .split("://")
                .nth(1)
                .unwrap_or(u)
                .split('/')
                .next()
                .unwrap_or("");
            let parts: Vec<&str> = h.split('.').collect();
            parts[parts.len().saturating_sub(2)..].join(".")
        };
        let named = t.name.starts_with(&format!("{} ", ct.name));
        if t.id == ct.id
            || ((site(&t.homepage) == site(&ct.homepage) || named)
                && t.repo.as_deref() != Some(t.homepage.trim_end_matches('/')))
        {
            return None;
        }
    }
    // Open source = the licence of what the team runs: an open-core tool whose licence is
    // free (Grafana, AGPL-3.0) counts.
    let free_licence = t.license.as_deref().is_some_and(|l| {
        matches!(
            feoops::catalog::spdx::parse(l),
            Ok(Some(feoops::catalog::spdx::Kind::Free))
        )
    });
    let open = t.license_class == Some(LicenseClass::Oss)
        || (t.license_class == Some(LicenseClass::OpenCore) && free_licence);
    if p.oss == OssPref::Required && !open {
        return Some("not open source");
    }
    if p.budget == Budget::Free && t.pricing == Some(Pricing::Paid) {
        return Some("paid");
    }
    let cloud = match p.cloud {
        CloudPref::Aws => Some(Cloud::Aws),
        CloudPref::Azure => Some(Cloud::Azure),
        CloudPref::Gcp => Some(Cloud::Gcp),
        _ => None,
    };
    let cloud_only = !t.clouds.is_empty() && !t.clouds.contains(&Cloud::Any);
    match p.cloud {
        CloudPref::Any => {}
        CloudPref::OnPrem if cloud_only => return Some("cloud-only on-premises"),
        _ if cloud_only && !t.clouds.contains(&cloud.unwrap_or(Cloud::Any)) => {
            return Some("another cloud");
        }
        _ => {}
    }
    for (c, tool) in &w.cloud_tools {
        if p.cloud != CloudPref::Any && *c != p.cloud && t.requires.contains(tool) {
            return Some("needs another cloud");
        }
    }
    if p.k8s == Containers::No
        && (t.id == "kubernetes" || t.requires.iter().any(|r| r == "kubernetes"))
    {
        return Some("kubernetes");
    }
    for (h, tool) in &w.code_host_tools {
        if p.code_host != CodeHost::Any && *h != p.code_host && t.requires.contains(tool) {
            return Some("needs another code host");
        }
    }
    let specific: Vec<Ecosystem> = t.ecosystems.clone();
    // Only tools that work on the team's code are tied to a language (MkDocs is not).
    if p.ecosystem != EcosystemPref::Any
        && w.is_language_tied(&t.category)
        && !specific.is_empty()
        && !specific.contains(&Ecosystem::Any)
    {
        let wanted: &[Ecosystem] = match p.ecosystem {
            EcosystemPref::Js => &[Ecosystem::Js],
            EcosystemPref::Jvm => &[Ecosystem::Jvm],
            EcosystemPref::Python => &[Ecosystem::Python],
            EcosystemPref::Go => &[Ecosystem::Go],
            EcosystemPref::Rust => &[Ecosystem::Rust],
            EcosystemPref::Dotnet => &[Ecosystem::Dotnet],
            _ => &[
                Ecosystem::Ruby,
                Ecosystem::Php,
                Ecosystem::Cpp,
                Ecosystem::Mobile,
            ],
        };
        if !specific.iter().any(|e| wanted.contains(e)) {
            return Some("another language");
        }
    }
    if p.hosting == HostingPref::SelfHosted
        && !t.hosting.is_empty()
        && t.hosting.iter().all(|h| *h == Hosting::Saas)
    {
        return Some("SaaS only");
    }
    // A tool that needs a left-out tool is left out (a chain is followed a few steps).
    let needs_left_out = depth < 4
        && t.requires.iter().any(|r| {
            lib()
                .catalog()
                .get(r)
                .is_some_and(|rt| breaks_at(rt, p, w, depth + 1).is_some())
        });
    if needs_left_out {
        return Some("needs a left-out tool");
    }
    None
}

fn breaks(t: &Tool, p: &Profile, w: &Weights) -> Option<&'static str> {
    breaks_at(t, p, w, 0)
}

fn profile_strategy() -> impl Strategy<Value = Profile> {
    use feoops::advisor::Choice;
    (
        prop::sample::select(CloudPref::ALL),
        prop::sample::select(OssPref::ALL),
        prop::sample::select(HostingPref::ALL),
        prop::sample::select(CodeHost::ALL),
        prop::sample::select(TeamSize::ALL),
        prop::sample::select(Containers::ALL),
        prop::sample::select(EcosystemPref::ALL),
        prop::sample::select(Budget::ALL),
    )
        .prop_map(
            |(cloud, oss, hosting, code_host, team, k8s, ecosystem, budget)| Profile {
                cloud,
                oss,
                hosting,
                code_host,
                team,
                k8s,
                ecosystem,
                budget,
            },
        )
}

/// The catalogue built again from its tools in another order.
fn shuffled(seed: u64) -> Catalog {
    let mut tools = lib().catalog().tools().to_vec();
    let mut state = seed | 1;
    for i in (1..tools.len()).rev() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        tools.swap(i, (state % (i as u64 + 1)) as usize);
    }
    Catalog::new(tools, lib().categories())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn suggestions_keep_every_rule(p in profile_strategy(), seed in any::<u64>()) {
        let l = lib();
        let other = shuffled(seed);
        for stage in stages() {
            let advisor = Advisor::new(l.catalog(), l.weights(), p);
            let s = advisor.suggest(stage);
            let e = advisor.excluded(stage);
            // Suggested and left out split the stage's tools.
            prop_assert_eq!(s.len() + e.len(), l.catalog().tools_for_stage(stage).len());
            for x in &s {
                let t = &l.catalog().tools()[x.index];
                prop_assert_eq!(&t.id, &x.id);
                prop_assert!(t.serves(stage));
                prop_assert_eq!(breaks(t, &p, l.weights()), None, "{} at {}", t.id, stage);
                prop_assert!(!x.reasons.is_empty(), "{} has no reason", t.id);
                prop_assert_eq!(x.score, x.reasons.iter().map(|r| r.points).sum::<i32>());
                for r in &x.reasons {
                    for lang in Lang::ALL {
                        prop_assert!(!r.text(lang, l, t).trim().is_empty());
                    }
                }
            }
            for x in &e {
                let t = &l.catalog().tools()[x.index];
                prop_assert!(!x.reasons.is_empty());
                prop_assert!(breaks(t, &p, l.weights()).is_some(), "{} left out for nothing", t.id);
            }
            // Fit (primary stage) first, then score descending, maturity and breadth, then
            // name, then id.
            for pair in s.windows(2) {
                let (a, b) = (&pair[0], &pair[1]);
                let key = |x: &Suggestion| {
                    let t = &l.catalog().tools()[x.index];
                    (
                        t.primary_stage != stage,
                        -x.score,
                        -l.catalog().centrality(x.index),
                        t.name.to_lowercase(),
                        x.id.clone(),
                    )
                };
                prop_assert!(key(a) < key(b), "{} before {}", a.id, b.id);
            }
            // Stable: the same call again, and another catalogue order.
            prop_assert_eq!(&advisor.suggest(stage), &s);
            let again = advisor::suggest(&other, &p, l.weights(), stage);
            let scored = |v: &[Suggestion]| {
                v.iter().map(|x| (x.id.clone(), x.score, x.reasons.clone())).collect::<Vec<_>>()
            };
            prop_assert_eq!(scored(&again), scored(&s));
        }
    }
}

#[test]
fn aws_open_source_kubernetes_deploys_with_argo_cd_or_flux() {
    let p = Profile {
        cloud: CloudPref::Aws,
        oss: OssPref::Required,
        k8s: Containers::Yes,
        ..Profile::default()
    };
    let s = suggest(&p, "deploy");
    let top3 = &ids(&s)[..3];
    assert!(
        top3.contains(&"argo-cd") || top3.contains(&"flux"),
        "{top3:?}"
    );
    // Every suggestion keeps the rules: open source by licence, or a choice already made
    // (AWS's own services).
    for x in &s {
        let t = lib().catalog().get(&x.id).unwrap();
        assert_eq!(breaks(t, &p, lib().weights()), None, "{}", t.id);
    }
    let argo = s.iter().find(|x| x.id == "argo-cd").unwrap();
    let kinds: Vec<&ReasonKind> = argo.reasons.iter().map(|r| &r.kind).collect();
    assert!(kinds.contains(&&ReasonKind::BuiltForKubernetes));
    assert!(kinds.contains(&&ReasonKind::License {
        class: Some(LicenseClass::Oss)
    }));
    // AWS's own deploy service is part of the chosen cloud: not left out for its licence.
    assert!(ids(&s).contains(&"aws-codedeploy"), "{:?}", ids(&s));
    // A proprietary tool of no chosen product is still left out, with the reason.
    let out = advisor::excluded(lib().catalog(), &p, lib().weights(), "deploy");
    assert!(out.iter().flat_map(|x| &x.reasons).any(|r| r.kind
        == ReasonKind::License {
            class: Some(LicenseClass::Proprietary)
        }));
}

#[test]
fn github_and_saas_lead_build_with_github_actions() {
    let p = Profile {
        code_host: CodeHost::Github,
        hosting: HostingPref::Saas,
        ..Profile::default()
    };
    let s = suggest(&p, "build");
    assert_eq!(s[0].id, "github-actions");
    let t = lib().catalog().get("github-actions").unwrap();
    let texts: Vec<String> = s[0]
        .reasons
        .iter()
        .map(|r| r.text(Lang::En, lib(), t))
        .collect();
    assert_eq!(texts[0], "built into GitHub", "{texts:?}");
    assert!(texts.contains(&"offered as SaaS".to_string()), "{texts:?}");
    // Other CI services that integrate with GitHub follow.
    let circleci = s.iter().find(|x| x.id == "circleci").unwrap();
    let t = lib().catalog().get("circleci").unwrap();
    assert!(
        circleci
            .reasons
            .iter()
            .any(|r| r.text(Lang::En, lib(), t) == "integrates with GitHub")
    );
}

#[test]
fn each_code_host_leads_build_with_its_own_ci() {
    for (host, ci) in [
        (CodeHost::Github, "github-actions"),
        (CodeHost::Gitlab, "gitlab-ci"),
        (CodeHost::Bitbucket, "bitbucket-pipelines"),
    ] {
        let p = Profile {
            code_host: host,
            ..Profile::default()
        };
        let s = suggest(&p, "build");
        assert_eq!(s[0].id, ci, "{host}");
        // The other hosts' own CI needs another code host: left out.
        for other in ["github-actions", "gitlab-ci", "bitbucket-pipelines"] {
            if other != ci {
                assert!(!ids(&s).contains(&other), "{host}: {other}");
            }
        }
    }
    // And the code host itself leads Code.
    let p = Profile {
        code_host: CodeHost::Gitlab,
        ..Profile::default()
    };
    assert_eq!(suggest(&p, "code")[0].id, "gitlab");
}

#[test]
fn no_kubernetes_means_no_tool_that_needs_it() {
    let p = Profile {
        k8s: Containers::No,
        ..Profile::default()
    };
    for stage in stages() {
        for x in suggest(&p, stage) {
            let t = lib().catalog().get(&x.id).unwrap();
            assert!(!t.requires.iter().any(|r| r == "kubernetes"), "{}", t.id);
            assert_ne!(t.id, "kubernetes");
        }
    }
    let out = advisor::excluded(lib().catalog(), &p, lib().weights(), "deploy");
    let argo = out.iter().find(|x| x.id == "argo-cd").unwrap();
    assert_eq!(
        argo.reasons[0].text(Lang::En, lib(), lib().catalog().get("argo-cd").unwrap()),
        "needs Kubernetes"
    );
    // Container tools are not left out, but they drop.
    let docker = suggest(&p, "build")
        .into_iter()
        .find(|x| x.id == "docker")
        .unwrap();
    assert!(
        docker
            .reasons
            .iter()
            .any(|r| r.kind == ReasonKind::ForContainers && r.points < 0)
    );
}

#[test]
fn a_free_budget_suggests_no_paid_tool() {
    let p = Profile {
        budget: Budget::Free,
        ..Profile::default()
    };
    for stage in stages() {
        for x in suggest(&p, stage) {
            let t = lib().catalog().get(&x.id).unwrap();
            assert_ne!(t.pricing, Some(Pricing::Paid), "{}", t.id);
        }
    }
    let t = lib().catalog().get("circleci").unwrap();
    let build = suggest(&p, "build");
    let circleci = build.iter().find(|x| x.id == "circleci").unwrap();
    assert!(
        circleci
            .reasons
            .iter()
            .any(|r| r.text(Lang::En, lib(), t) == "free tier" && r.points > 0)
    );
}

#[test]
fn your_own_code_host_is_never_left_out() {
    let p = Profile {
        code_host: CodeHost::Github,
        cloud: CloudPref::Aws,
        oss: OssPref::Required,
        hosting: HostingPref::SelfHosted,
        ..Profile::default()
    };
    assert_eq!(suggest(&p, "code")[0].id, "github");
    // Its parts are treated like the cloud's services: GitHub Actions stays, although
    // proprietary, as EKS stays for AWS.
    assert!(ids(&suggest(&p, "build")).contains(&"github-actions"));
    assert!(ids(&suggest(&p, "operate")).contains(&"amazon-eks"));
}

#[test]
fn on_premises_and_self_hosted_leave_out_cloud_and_saas_only_tools() {
    let p = Profile {
        cloud: CloudPref::OnPrem,
        hosting: HostingPref::SelfHosted,
        ..Profile::default()
    };
    for stage in stages() {
        for x in suggest(&p, stage) {
            let t = lib().catalog().get(&x.id).unwrap();
            assert!(
                t.clouds.is_empty() || t.clouds.contains(&Cloud::Any),
                "{}",
                t.id
            );
            assert!(
                t.hosting.is_empty() || t.hosting.iter().any(|h| *h != Hosting::Saas),
                "{}",
                t.id
            );
        }
    }
    // CI that runs on your own servers leads.
    for x in &suggest(&p, "build")[..5] {
        assert!(
            x.reasons.iter().any(|r| r.kind == ReasonKind::OwnServers),
            "{}",
            x.id
        );
    }
}

#[test]
fn a_python_team_gets_python_tools_and_no_javascript_only_ones() {
    let p = Profile {
        ecosystem: EcosystemPref::Python,
        ..Profile::default()
    };
    let test = suggest(&p, "test");
    assert!(
        ids(&test)[..5].contains(&"pytest"),
        "{:?}",
        &ids(&test)[..5]
    );
    assert!(!ids(&test).contains(&"jest"));
    let out = advisor::excluded(lib().catalog(), &p, lib().weights(), "test");
    let jest = out.iter().find(|x| x.id == "jest").unwrap();
    let t = lib().catalog().get("jest").unwrap();
    assert_eq!(jest.reasons[0].text(Lang::En, lib(), t), "for JS/TS only");
    assert_eq!(jest.reasons[0].text(Lang::Ko, lib(), t), "JS/TS 전용");
}

#[test]
fn team_size_reads_the_catalogues_own_words() {
    let solo = Profile {
        team: TeamSize::Solo,
        ..Profile::default()
    };
    let deploy = suggest(&solo, "deploy");
    let spinnaker = deploy.iter().find(|x| x.id == "spinnaker").unwrap();
    let t = lib().catalog().get("spinnaker").unwrap();
    let texts: Vec<String> = spinnaker
        .reasons
        .iter()
        .map(|r| r.text(Lang::En, lib(), t))
        .collect();
    assert!(
        texts.contains(&"not for: small teams (many services to operate)".to_string()),
        "{texts:?}"
    );
    let large = Profile {
        team: TeamSize::Large,
        ..Profile::default()
    };
    let l = suggest(&large, "deploy");
    let s = l.iter().find(|x| x.id == "spinnaker").unwrap();
    assert!(
        s.reasons
            .iter()
            .any(|r| matches!(r.kind, ReasonKind::GoodFor { .. }))
    );
    assert!(
        l.iter().position(|x| x.id == "spinnaker")
            < deploy.iter().position(|x| x.id == "spinnaker")
    );
}

#[test]
fn with_no_profile_kubernetes_leads_operate_and_prerequisites_cost_a_little() {
    let p = Profile::default();
    let operate = suggest(&p, "operate");
    assert_eq!(operate[0].id, "kubernetes");
    let keda = operate.iter().find(|x| x.id == "keda").unwrap();
    assert!(keda.reasons.iter().any(|r| r.kind
        == ReasonKind::Needs {
            tool: "kubernetes".into()
        }
        && r.points < 0));
}

#[test]
fn facts_show_as_reasons_without_points() {
    let p = Profile::default();
    let build = suggest(&p, "build");
    let codebuild = build.iter().find(|x| x.id == "aws-codebuild").unwrap();
    let t = lib().catalog().get("aws-codebuild").unwrap();
    let aws_only = codebuild
        .reasons
        .iter()
        .find(|r| r.text(Lang::En, lib(), t) == "AWS only")
        .unwrap();
    assert_eq!(aws_only.points, 0);
    let deploy = suggest(&p, "deploy");
    let argo = deploy.iter().find(|x| x.id == "argo-cd").unwrap();
    let t = lib().catalog().get("argo-cd").unwrap();
    let texts: Vec<String> = argo
        .reasons
        .iter()
        .map(|r| r.text_with_points(Lang::En, lib(), t))
        .collect();
    assert!(texts.contains(&"open source".to_string()), "{texts:?}");
    assert!(
        texts.contains(&"CNCF graduated (+10)".to_string()),
        "{texts:?}"
    );
    assert!(
        texts.contains(&"needs Kubernetes (-5)".to_string()),
        "{texts:?}"
    );
}

#[test]
fn the_weights_are_data() {
    let l = lib();
    let p = Profile {
        code_host: CodeHost::Github,
        ..Profile::default()
    };
    let mut w = l.weights().clone();
    assert_eq!(
        advisor::suggest(l.catalog(), &p, &w, "build")[0].id,
        "github-actions"
    );
    // Without the built-in bonus and the core job, GitHub Actions no longer leads.
    w.set(Weight::CodeHostBuiltIn, 0);
    w.set(Weight::CoreJob, 0);
    assert_ne!(
        advisor::suggest(l.catalog(), &p, &w, "build")[0].id,
        "github-actions"
    );
    // A hard constraint turned off lets proprietary tools back in.
    let oss = Profile {
        oss: OssPref::Required,
        ..Profile::default()
    };
    let mut w = l.weights().clone();
    assert!(!ids(&advisor::suggest(l.catalog(), &oss, &w, "build")).contains(&"circleci"));
    w.set_hard(Hard::OssRequired, false);
    assert!(ids(&advisor::suggest(l.catalog(), &oss, &w, "build")).contains(&"circleci"));
    // No rules at all: nothing is left out, and every tool still has a reason.
    let none = Weights::default();
    for stage in stages() {
        let s = advisor::suggest(l.catalog(), &oss, &none, stage);
        assert_eq!(s.len(), l.catalog().tools_for_stage(stage).len());
        assert!(s.iter().all(|x| !x.reasons.is_empty()));
    }
}

#[test]
fn the_picks_of_a_stack_count_a_little() {
    let l = lib();
    let a = Advisor::new(l.catalog(), l.weights(), Profile::default());
    let before = a.suggest("deploy");
    let b = a
        .clone()
        .with_picks([("operate", "kubernetes"), ("code", "github")]);
    let after = b.suggest("deploy");
    let argo = after.iter().find(|x| x.id == "argo-cd").unwrap();
    let old = before.iter().find(|x| x.id == "argo-cd").unwrap();
    // Kubernetes picked: no longer a missing prerequisite; works with both picks.
    assert_eq!(argo.score, old.score + 5 + 4 + 4, "{:?}", argo.reasons);
    match b.assess(l.catalog().get("argo-cd").unwrap(), "deploy") {
        Verdict::Suggested { score, .. } => assert_eq!(score, argo.score),
        Verdict::Excluded { .. } => panic!("argo-cd left out"),
    }
}

#[test]
fn built_into_github_only_for_parts_of_github() {
    let p = Profile {
        code_host: CodeHost::Github,
        ..Profile::default()
    };
    let text_of = |stage: &str, id: &str| -> Vec<String> {
        let s = suggest(&p, stage);
        let sug = s
            .iter()
            .find(|x| x.id == id)
            .unwrap_or_else(|| panic!("{id}"));
        let t = lib().catalog().get(id).unwrap();
        sug.reasons
            .iter()
            .map(|r| r.text(Lang::En, lib(), t))
            .collect()
    };
    for (stage, id) in [
        ("build", "github-actions"),
        ("code", "dependabot"),
        ("release", "github-packages"),
    ] {
        let texts = text_of(stage, id);
        assert!(
            texts.contains(&"built into GitHub".to_string()),
            "{id}: {texts:?}"
        );
    }
    // Google's release-please needs GitHub but is a project of its own.
    let texts = text_of("release", "release-please");
    assert!(
        texts.contains(&"works with GitHub".to_string()),
        "{texts:?}"
    );
    assert!(
        !texts.contains(&"built into GitHub".to_string()),
        "{texts:?}"
    );
    let rp = suggest(&p, "release");
    let rp = rp.iter().find(|x| x.id == "release-please").unwrap();
    let gp = suggest(&p, "release");
    let gp = gp.iter().find(|x| x.id == "github-packages").unwrap();
    assert!(rp.score < 100, "release-please scores {}", rp.score);
    assert!(gp.score > 0);
}

#[test]
fn open_source_required_keeps_agpl_and_open_core_tools_with_a_free_licence() {
    let p = Profile {
        cloud: CloudPref::Aws,
        oss: OssPref::Required,
        ..Profile::default()
    };
    let s = suggest(&p, "monitor");
    for id in ["grafana", "prometheus"] {
        assert!(s.iter().any(|x| x.id == id), "{id} missing: {:?}", ids(&s));
    }
    let ex = advisor::excluded(lib().catalog(), &p, lib().weights(), "monitor");
    for e in &ex {
        let t = lib().catalog().get(&e.id).unwrap();
        let free_core = t.license_class == Some(LicenseClass::OpenCore)
            && t.license.as_deref().is_some_and(|l| {
                matches!(
                    feoops::catalog::spdx::parse(l),
                    Ok(Some(feoops::catalog::spdx::Kind::Free))
                )
            });
        let for_licence = e
            .reasons
            .iter()
            .any(|r| matches!(r.kind, ReasonKind::License { .. }));
        assert!(
            !(free_core && for_licence),
            "{} left out for its licence",
            e.id
        );
    }
}

#[test]
fn the_chosen_cloud_is_never_left_out_like_the_code_host() {
    let p = Profile {
        cloud: CloudPref::Aws,
        oss: OssPref::Required,
        budget: Budget::Free,
        code_host: CodeHost::Github,
        ..Profile::default()
    };
    for (stage, id) in [
        ("operate", "amazon-eks"),
        ("release", "amazon-ecr"),
        ("monitor", "amazon-cloudwatch"),
    ] {
        let s = suggest(&p, stage);
        assert!(s.iter().any(|x| x.id == id), "{id} left out at {stage}");
    }
    let s = suggest(&p, "code");
    assert!(s.iter().any(|x| x.id == "github"));
}

#[test]
fn fit_comes_first_and_ties_break_by_maturity_and_breadth_not_by_name() {
    let cat = lib().catalog();
    for p in [
        Profile::default(),
        Profile {
            team: TeamSize::Small,
            ..Profile::default()
        },
    ] {
        for stage in stages() {
            let s = suggest(&p, stage);
            assert_eq!(s, suggest(&p, stage), "order is deterministic");
            for w in s.windows(2) {
                let fit = |x: &Suggestion| cat.tools()[x.index].primary_stage == stage;
                assert!(
                    fit(&w[0]) >= fit(&w[1]),
                    "{stage}: {} before {}",
                    w[0].id,
                    w[1].id
                );
                if w[0].score != w[1].score {
                    continue;
                }
                if fit(&w[0]) == fit(&w[1]) {
                    assert!(
                        cat.centrality(w[0].index) >= cat.centrality(w[1].index),
                        "{stage}: {} before {}",
                        w[0].id,
                        w[1].id
                    );
                }
            }
        }
    }
}

#[test]
fn no_reason_cites_a_tool_the_profile_leaves_out() {
    let profiles = [
        Profile {
            code_host: CodeHost::Github,
            oss: OssPref::Required,
            cloud: CloudPref::Aws,
            budget: Budget::Free,
            ..Profile::default()
        },
        Profile {
            code_host: CodeHost::Gitlab,
            oss: OssPref::Required,
            ..Profile::default()
        },
    ];
    for p in profiles {
        let mut left_out = std::collections::BTreeSet::new();
        for stage in stages() {
            for e in advisor::excluded(lib().catalog(), &p, lib().weights(), stage) {
                left_out.insert(e.id);
            }
        }
        assert!(!left_out.is_empty());
        for stage in stages() {
            for s in suggest(&p, stage) {
                for r in &s.reasons {
                    let cited = match &r.kind {
                        ReasonKind::IntegratesWith { tool }
                        | ReasonKind::BuiltInto { tool }
                        | ReasonKind::NeedsHost { tool }
                        | ReasonKind::WorksWith { tool, .. } => Some(tool),
                        _ => None,
                    };
                    if let Some(tool) = cited {
                        assert!(lib().catalog().get(tool).is_some(), "{tool}");
                        assert!(
                            !left_out.contains(tool),
                            "{stage}: {} cites {tool}, which is left out",
                            s.id
                        );
                    }
                }
            }
        }
    }
}
