//! Search over the shipped catalogue: which tool comes first for real queries (names,
//! aliases, typos, Korean, partial words, summary words), filters, and highlights.

use std::sync::OnceLock;

use feoops::Library;
use feoops::base::Lang;
use feoops::catalog::{Catalog, Cloud, Field, Filter, Hosting, LicenseClass, Query};

fn lib() -> &'static Library {
    static LIB: OnceLock<Library> = OnceLock::new();
    LIB.get_or_init(Library::embedded)
}

fn cat() -> &'static Catalog {
    lib().catalog()
}

fn first(q: &str, lang: Lang) -> Option<String> {
    cat()
        .search(&Query::new(q), lang, 5)
        .first()
        .map(|h| h.tool(cat()).id.clone())
}

#[test]
fn ranking_table() {
    // (query, language, the tool that must come first)
    let table: &[(&str, Lang, &str)] = &[
        // Exact names, any case.
        ("Jenkins", Lang::En, "jenkins"),
        ("terraform", Lang::En, "terraform"),
        ("PROMETHEUS", Lang::En, "prometheus"),
        ("Argo CD", Lang::En, "argo-cd"),
        ("github actions", Lang::En, "github-actions"),
        ("docker", Lang::En, "docker"),
        ("helm", Lang::En, "helm"),
        // Aliases and abbreviations.
        ("k8s", Lang::En, "kubernetes"),
        ("tf", Lang::En, "terraform"),
        ("gha", Lang::En, "github-actions"),
        ("argocd", Lang::En, "argo-cd"),
        ("mvn", Lang::En, "maven"),
        ("nvim", Lang::En, "neovim"),
        ("gke", Lang::En, "google-kubernetes-engine"),
        // Typos: missing, swapped and doubled letters.
        ("kuberntes", Lang::En, "kubernetes"),
        ("kuberentes", Lang::En, "kubernetes"),
        ("prometeus", Lang::En, "prometheus"),
        ("jenkis", Lang::En, "jenkins"),
        ("terrafrom", Lang::En, "terraform"),
        ("grafna", Lang::En, "grafana"),
        ("ansibble", Lang::En, "ansible"),
        // Korean names, in either language.
        ("쿠버네티스", Lang::Ko, "kubernetes"),
        ("쿠버네티스", Lang::En, "kubernetes"),
        ("젠킨스", Lang::Ko, "jenkins"),
        ("테라폼", Lang::Ko, "terraform"),
        ("프로메테우스", Lang::Ko, "prometheus"),
        // Partial words.
        ("kube", Lang::En, "kubernetes"),
        ("graf", Lang::En, "grafana"),
        ("promet", Lang::En, "prometheus"),
        ("jenk", Lang::En, "jenkins"),
        // Words found only in a summary (English, then Korean).
        ("uncompromising", Lang::En, "black"),
        ("cmakelists", Lang::En, "cmake"),
        ("gruntwork", Lang::En, "terragrunt"),
    ];
    let mut wrong = Vec::new();
    for &(q, lang, want) in table {
        let got = first(q, lang);
        if got.as_deref() != Some(want) {
            wrong.push(format!("{q:?} ({lang}): expected {want}, got {got:?}"));
        }
    }
    assert!(wrong.is_empty(), "wrong first hits:\n{}", wrong.join("\n"));
}

#[test]
fn a_korean_summary_word_finds_its_tool_in_korean_only() {
    let hits = cat().search(&Query::new("증분 빌드"), Lang::Ko, 5);
    assert!(
        hits.iter().any(|h| h.tool(cat()).id == "gradle"),
        "{:?}",
        hits.iter().map(|h| &h.tool(cat()).id).collect::<Vec<_>>()
    );
    assert!(hits.iter().all(|h| h.field == Some(Field::Summary)));
    assert!(
        cat()
            .search(&Query::new("증분 빌드"), Lang::En, 5)
            .is_empty()
    );
}

#[test]
fn names_and_aliases_rank_above_tags_above_summaries() {
    let hits = cat().search(&Query::new("prometheus"), Lang::En, 0);
    let tiers: Vec<u8> = hits
        .iter()
        .map(|h| match h.field {
            Some(Field::Name | Field::Alias | Field::Id) => 3,
            Some(Field::Tag | Field::Category) => 2,
            Some(Field::Summary) => 1,
            None => 0,
        })
        .collect();
    assert!(tiers.windows(2).all(|w| w[0] >= w[1]), "{tiers:?}");
    assert!(
        tiers.contains(&3) && tiers.contains(&2) && tiers.contains(&1),
        "{tiers:?}"
    );
    let scores: Vec<i64> = hits.iter().map(|h| h.score).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]));
}

#[test]
fn results_are_deterministic_and_final_ties_keep_catalogue_order() {
    let a = cat().search(&Query::new("ci"), Lang::En, 0);
    let b = cat().search(&Query::new("ci"), Lang::En, 0);
    assert_eq!(a, b);
    for w in a.windows(2) {
        if w[0].score == w[1].score {
            assert!(
                w[0].index < w[1].index,
                "equal scores (same class and centrality) keep catalogue order"
            );
        }
    }
    // A limit returns the head of the full ranking.
    assert_eq!(cat().search(&Query::new("ci"), Lang::En, 7), a[..7]);
}

#[test]
fn an_empty_query_lists_every_filtered_tool_by_name() {
    let all = cat().search(&Query::new(""), Lang::En, 0);
    assert_eq!(all.len(), cat().len());
    let names: Vec<String> = all
        .iter()
        .map(|h| h.tool(cat()).name.to_lowercase())
        .collect();
    assert!(names.windows(2).all(|w| w[0] <= w[1]));
}

fn ids(q: &str, filter: Filter) -> Vec<String> {
    cat()
        .search(&Query::new(q).with_filter(filter), Lang::En, 0)
        .iter()
        .map(|h| h.tool(cat()).id.clone())
        .collect()
}

#[test]
fn filter_combinations() {
    let deploy_oss = Filter {
        stage: Some("deploy".into()),
        license_class: Some(LicenseClass::Oss),
        ..Filter::default()
    };
    let got = ids("", deploy_oss.clone());
    assert!(got.contains(&"argo-cd".to_string()));
    assert!(
        !got.contains(&"terraform".to_string()),
        "terraform is source-available"
    );
    for id in &got {
        let t = cat().get(id).unwrap();
        assert!(t.stages.iter().any(|s| s == "deploy") && t.is_oss(), "{id}");
    }
    // Search and filters together.
    assert_eq!(ids("argo", deploy_oss.clone())[0], "argo-cd");
    assert!(
        ids("terraform", deploy_oss)
            .iter()
            .all(|id| id != "terraform")
    );

    // A cloud filter keeps the tools for any cloud and the tools of that cloud only.
    let aws = ids(
        "",
        Filter {
            cloud: Some(Cloud::Aws),
            ..Filter::default()
        },
    );
    assert!(aws.contains(&"amazon-eks".to_string()));
    assert!(
        aws.contains(&"kubernetes".to_string()),
        "clouds = any matches aws"
    );
    assert!(!aws.contains(&"google-kubernetes-engine".to_string()));

    let managed_gcp = ids(
        "kubernetes",
        Filter {
            hosting: Some(Hosting::Managed),
            cloud: Some(Cloud::Gcp),
            ..Filter::default()
        },
    );
    assert!(managed_gcp.contains(&"google-kubernetes-engine".to_string()));
    assert!(
        !managed_gcp.contains(&"amazon-eks".to_string()),
        "EKS is AWS only"
    );

    let saas_proprietary_monitor = ids(
        "",
        Filter {
            stage: Some("monitor".into()),
            license_class: Some(LicenseClass::Proprietary),
            hosting: Some(Hosting::Saas),
            ..Filter::default()
        },
    );
    assert!(saas_proprietary_monitor.contains(&"datadog".to_string()));
    assert!(!saas_proprietary_monitor.contains(&"prometheus".to_string()));

    // Filters that exclude everything.
    let none = ids(
        "",
        Filter {
            stage: Some("plan".into()),
            hosting: Some(Hosting::Managed),
            license_class: Some(LicenseClass::SourceAvailable),
            ..Filter::default()
        },
    );
    assert!(none.is_empty(), "{none:?}");
}

#[test]
fn highlights_are_char_indices_in_english_and_korean() {
    let hit = &cat().search(&Query::new("kube"), Lang::En, 1)[0];
    assert_eq!(hit.tool(cat()).id, "kubernetes");
    // The alias "kube" matched; the name is highlighted too.
    assert_eq!(hit.name_highlight, vec![0, 1, 2, 3]);

    let hit = &cat().search(&Query::new("프로메테우스"), Lang::Ko, 1)[0];
    assert_eq!(hit.field, Some(Field::Alias));
    assert_eq!(hit.matched_text.as_deref(), Some("프로메테우스"));
    assert_eq!(hit.highlight, vec![0, 1, 2, 3, 4, 5]);

    // Part of a Korean alias: the char indices of 버네 in 쿠버네티스 (bytes would be 3..9).
    let hit = &cat().search(&Query::new("버네티"), Lang::Ko, 1)[0];
    assert_eq!(hit.tool(cat()).id, "kubernetes");
    assert_eq!(hit.highlight, vec![1, 2, 3]);

    // A typo highlights the letters that do match, in order.
    let hit = &cat().search(&Query::new("prometeus"), Lang::En, 1)[0];
    assert_eq!(hit.field, Some(Field::Name));
    let name: Vec<char> = hit.tool(cat()).name.chars().collect();
    let lit: String = hit.name_highlight.iter().map(|&i| name[i]).collect();
    assert_eq!(lit.to_lowercase(), "prometeus");

    // Highlights on a multi-word name.
    let hit = &cat().search(&Query::new("argo cd"), Lang::En, 1)[0];
    assert_eq!(hit.name_highlight, vec![0, 1, 2, 3, 4, 5, 6]);
}
