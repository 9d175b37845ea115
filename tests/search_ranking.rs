//! The ranking table: real queries (English, Korean, typos, aliases, initial consonants,
//! half-typed syllables) with the tools that must be in the top 1, 3 or 5 and the ones
//! that must not appear at all; every row runs in both UI languages. The rules being
//! checked are in `src/catalog/search/mod.rs` and `docs/SEARCH.md`.

use std::sync::OnceLock;

use feoops::Library;
use feoops::base::Lang;
use feoops::catalog::{Catalog, Query};

fn cat() -> &'static Catalog {
    static LIB: OnceLock<Library> = OnceLock::new();
    LIB.get_or_init(Library::embedded).catalog()
}

/// (query, tools that must be in the top `n`, n, tools that must not be in the top 10)
type Row = (
    &'static str,
    &'static [&'static str],
    usize,
    &'static [&'static str],
);

const TABLE: &[Row] = &[
    // Intent words: tags and categories before scattered letters.
    ("gitops", &["argo-cd", "flux"], 3, &["github-codespaces"]),
    ("ci", &["github-actions", "jenkins", "gitlab-ci"], 5, &[]),
    ("monitoring", &["prometheus", "grafana"], 5, &[]),
    ("vercel", &["vercel"], 1, &["aws-sam"]),
    (
        "react",
        &["testing-library"],
        3,
        &["aws-sam", "intellij-idea"],
    ),
    ("logging", &["loki", "elasticsearch"], 5, &[]),
    ("front-end", &["vite", "webpack", "vercel"], 5, &[]),
    ("frontend", &["vite"], 5, &[]),
    ("terraform", &["terraform"], 1, &[]),
    ("opentofu", &["opentofu"], 1, &[]),
    // Exact names, any case.
    ("Jenkins", &["jenkins"], 1, &[]),
    ("PROMETHEUS", &["prometheus"], 1, &[]),
    ("Argo CD", &["argo-cd"], 1, &[]),
    ("github actions", &["github-actions"], 1, &[]),
    ("docker", &["docker"], 1, &[]),
    ("helm", &["helm"], 1, &[]),
    ("grafana", &["grafana"], 1, &[]),
    ("ansible", &["ansible"], 1, &[]),
    // Aliases and abbreviations.
    ("k8s", &["kubernetes"], 1, &[]),
    ("tf", &["terraform"], 1, &[]),
    ("gha", &["github-actions"], 1, &[]),
    ("argocd", &["argo-cd"], 1, &[]),
    ("mvn", &["maven"], 1, &[]),
    ("gke", &["google-kubernetes-engine"], 1, &[]),
    ("aks", &["azure-kubernetes-service"], 1, &[]),
    ("eks", &["amazon-eks"], 1, &[]),
    // Prefixes.
    ("kube", &["kubernetes"], 1, &[]),
    ("prom", &["prometheus"], 3, &[]),
    ("terra", &["terraform"], 3, &[]),
    ("jenk", &["jenkins"], 1, &[]),
    // Typos.
    ("kuberntes", &["kubernetes"], 1, &[]),
    ("kuberentes", &["kubernetes"], 1, &[]),
    ("prometeus", &["prometheus"], 1, &[]),
    ("jenkis", &["jenkins"], 1, &[]),
    ("terrafrom", &["terraform"], 1, &[]),
    ("grafna", &["grafana"], 1, &[]),
    ("ansibble", &["ansible"], 1, &[]),
    // Korean names and aliases, in either UI language.
    ("쿠버네티스", &["kubernetes"], 1, &[]),
    ("젠킨스", &["jenkins"], 1, &[]),
    ("테라폼", &["terraform"], 1, &[]),
    ("프로메테우스", &["prometheus"], 1, &[]),
    ("그라파나", &["grafana"], 1, &[]),
    ("메이븐", &["maven"], 1, &[]),
    // Half-typed last syllables, as the input method shows them.
    ("쿠버ㄴ", &["kubernetes"], 1, &[]),
    ("쿠번", &["kubernetes"], 1, &[]),
    ("젠ㅋ", &["jenkins"], 1, &[]),
    ("테라ㅍ", &["terraform"], 1, &[]),
    ("그라파ㄴ", &["grafana"], 1, &[]),
    // Initial consonants.
    ("ㅋㅂㄴㅌㅅ", &["kubernetes"], 1, &[]),
    ("ㅈㅋㅅ", &["jenkins"], 1, &[]),
    ("ㅌㄹㅍ", &["terraform"], 1, &[]),
    ("ㄱㄹㅍㄴ", &["grafana"], 1, &[]),
    // Korean words for categories and tasks.
    (
        "쿠버",
        &[
            "kubernetes",
            "amazon-eks",
            "azure-kubernetes-service",
            "google-kubernetes-engine",
            "k3s",
            "rancher",
            "openshift",
        ],
        7,
        &[],
    ),
    ("프론트엔드", &["vite", "webpack"], 5, &[]),
    ("프런트엔드", &["vite", "webpack"], 5, &[]),
    ("모니터링", &["prometheus", "grafana"], 5, &[]),
    ("배포", &["argo-cd", "flux"], 5, &[]),
    ("컨테이너", &["docker"], 5, &[]),
    ("테스트 자동화", &["playwright", "jest"], 5, &[]),
    (
        "로그",
        &["loki", "elasticsearch"],
        5,
        &["backstage", "compass"],
    ),
    ("로깅", &["loki"], 5, &[]),
    ("서버리스", &["aws-lambda"], 5, &[]),
];

fn top(q: &str, lang: Lang, n: usize) -> Vec<String> {
    cat()
        .search(&Query::new(q), lang, n)
        .iter()
        .map(|h| h.tool(cat()).id.clone())
        .collect()
}

#[test]
fn the_table_has_enough_rows_and_names_real_tools() {
    assert!(TABLE.len() >= 60, "{} rows", TABLE.len());
    for (q, must, _, must_not) in TABLE {
        for id in must.iter().chain(must_not.iter()) {
            assert!(
                cat().tools().iter().any(|t| t.id == *id),
                "`{q}` names `{id}`, which is not in the catalogue"
            );
        }
    }
}

#[test]
fn ranking_table_in_both_languages() {
    let mut failures = Vec::new();
    for lang in [Lang::En, Lang::Ko] {
        for (q, must, n, must_not) in TABLE {
            let got = top(q, lang, *n);
            for id in *must {
                if !got.iter().any(|g| g == id) {
                    failures.push(format!("{lang:?} `{q}`: `{id}` not in top {n}: {got:?}"));
                }
            }
            let all = top(q, lang, 10);
            for id in *must_not {
                if all.iter().any(|g| g == id) {
                    failures.push(format!("{lang:?} `{q}`: `{id}` must not match"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn korean_highlights_fall_on_whole_characters() {
    for (q, want) in [
        ("쿠버ㄴ", vec![0, 1, 2]),
        ("ㅋㅂㄴㅌㅅ", vec![0, 1, 2, 3, 4]),
        ("쿠번", vec![0, 1, 2]),
    ] {
        let hits = cat().search(&Query::new(q), Lang::En, 1);
        assert_eq!(hits[0].tool(cat()).id, "kubernetes", "{q}");
        assert_eq!(hits[0].matched_text.as_deref(), Some("쿠버네티스"), "{q}");
        assert_eq!(hits[0].highlight, want, "{q}");
    }
}

#[test]
fn ties_are_not_alphabetical_and_are_stable() {
    // Exact tag `gitops`: Argo CD and Flux (central to delivery, graduated) lead, not
    // the alphabetically first tool.
    let got = top("gitops", Lang::En, 0);
    let mut sorted = got.clone();
    sorted.sort();
    assert_ne!(got, sorted);
    assert_eq!(got, top("gitops", Lang::En, 0));
}

#[test]
fn korean_tags_are_valid_content() {
    let loaded = Library::load(&feoops::base::ContentFiles::embedded());
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    let eks = cat().tools().iter().find(|t| t.id == "amazon-eks").unwrap();
    assert!(eks.tags.iter().any(|t| t == "쿠버네티스"));
}
