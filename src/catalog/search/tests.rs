//! Unit tests of search.
use super::*;
use crate::catalog::test_support::tool;
use crate::catalog::text::Hay;

#[test]
fn lowercasing_that_adds_characters_keeps_original_indices() {
    // 'İ' lowercases to two characters ("i̇").
    let h = Hay::new("İstio");
    assert_eq!(h.lower.chars().count(), 6);
    assert_eq!(h.orig_index(2), 1);
    let mut t = tool("istio", "İstio", &["operate"]);
    t.summary.en = "mesh".into();
    let cat = Catalog::new(vec![t], &[]);
    let hits = cat.search(&Query::new("sti"), Lang::En, 10);
    assert_eq!(hits[0].name_highlight, vec![1, 2, 3]);
}

#[test]
fn korean_highlights_are_char_indices() {
    let mut k = tool("kubernetes", "Kubernetes", &["deploy"]);
    k.aliases = vec!["쿠버네티스".into()];
    let mut n = tool("ncloud", "네이버 클라우드 Platform", &["operate"]);
    n.aliases = vec!["ncp".into()];
    let cat = Catalog::new(vec![k, n], &[]);
    let hits = cat.search(&Query::new("버네"), Lang::Ko, 10);
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].field, Some(Field::Alias));
    assert_eq!(hits[0].matched_text.as_deref(), Some("쿠버네티스"));
    assert_eq!(hits[0].highlight, vec![1, 2]);
    assert!(hits[0].name_highlight.is_empty());
    // A mixed Korean/English name: "클라우드 p" spans a space.
    let hits = cat.search(&Query::new("클라우드 p"), Lang::Ko, 10);
    assert_eq!(hits[0].field, Some(Field::Name));
    assert_eq!(hits[0].name_highlight, vec![4, 5, 6, 7, 8, 9]);
    let hits = cat.search(&Query::new("PLAT"), Lang::En, 10);
    assert_eq!(hits[0].name_highlight, vec![9, 10, 11, 12]);
}

#[test]
fn empty_query_lists_filtered_tools_by_name() {
    let cat = Catalog::new(
        vec![tool("b", "Beta", &["build"]), tool("a", "alpha", &["test"])],
        &[],
    );
    let hits = cat.search(&Query::new("  "), Lang::En, 0);
    assert_eq!(hits.iter().map(|h| h.index).collect::<Vec<_>>(), [0, 1]);
    assert!(hits.iter().all(|h| h.field.is_none() && h.score == 0));
    let q = Query::new("").with_filter(Filter {
        stage: Some("build".into()),
        ..Filter::default()
    });
    assert_eq!(cat.search(&q, Lang::En, 0)[0].tool(&cat).id, "b");
    assert_eq!(cat.search(&Query::new(""), Lang::En, 1).len(), 1);
}

#[test]
fn threads_do_not_change_results() {
    let tools: Vec<Tool> = (0..3_000)
        .map(|i| {
            let mut t = tool(
                &format!("t{i}"),
                &format!("Tool {} {i}", ["kube", "prom", "graf"][i % 3]),
                &["build"],
            );
            t.tags = vec![["kubernetes", "metrics", "dashboards"][i % 3].to_string()];
            t
        })
        .collect();
    let cat = Catalog::new(tools, &[]);
    let s = Searcher::new(&cat);
    for q in ["kube", "kub 1", "tool", "metrics", "prometeus", ""] {
        for limit in [0, 5, 100] {
            let one = s.rank_on(&Query::new(q), Lang::En, limit, 1);
            let three = s.rank_on(&Query::new(q), Lang::En, limit, 3);
            assert_eq!(one.items(), three.items(), "{q:?} limit {limit}");
        }
    }
}

#[test]
fn ranking_then_hits_equals_search() {
    let mut k = tool("kubernetes", "Kubernetes", &["deploy"]);
    k.aliases = vec!["k8s".into()];
    let cat = Catalog::new(
        vec![
            k,
            tool("kind", "kind", &["test"]),
            tool("helm", "Helm", &["deploy"]),
        ],
        &[],
    );
    let s = Searcher::new(&cat);
    for q in ["k", "k8s", ""] {
        let ranking = s.rank(&Query::new(q), Lang::En, 0);
        assert_eq!(
            s.hits(&ranking, 0..ranking.len()),
            s.search(&Query::new(q), Lang::En, 0)
        );
        assert_eq!(
            s.hits(&ranking, 1..99),
            s.search(&Query::new(q), Lang::En, 0)[1.min(ranking.len())..]
        );
    }
}

#[test]
fn name_beats_tag_beats_summary() {
    let mut a = tool("a", "Alpha", &["build"]);
    a.summary.en = "talks to the widget service".into();
    let mut b = tool("b", "Beta", &["build"]);
    b.tags = vec!["widget".into()];
    let c = tool("widget", "Widget", &["build"]);
    let cat = Catalog::new(vec![a, b, c], &[]);
    let hits = cat.search(&Query::new("widget"), Lang::En, 0);
    let order: Vec<(&str, Option<Field>)> = hits
        .iter()
        .map(|h| (h.tool(&cat).id.as_str(), h.field))
        .collect();
    assert_eq!(
        order,
        [
            ("widget", Some(Field::Name)),
            ("b", Some(Field::Tag)),
            ("a", Some(Field::Summary))
        ]
    );
    // With a limit the name tier alone can answer.
    assert_eq!(cat.search(&Query::new("widget"), Lang::En, 1).len(), 1);
}

/// The built-in catalogue, read as `tools search` reads it (from the compiled image).
fn builtin() -> Catalog {
    crate::catalog::test_support::builtin_from_image()
}

/// The masks and bigrams that rule tools out before their texts are read never drop a
/// tool the full matchers find, nor change a score: ranking with them equals ranking with
/// every tool matched in full, for Latin and Korean queries (jamo, half-typed syllables,
/// initial consonants) in both UI languages.
#[test]
fn prefilters_never_drop_a_match() {
    let mut cat = builtin();
    // Korean names and tags that only jamo or initials reach, and a lone-jamo text.
    let mut tools = cat.tools().to_vec();
    let mut k = tool("k-only", "쿠버 도우미", &["deploy"]);
    k.tags = vec!["젠킨스 플러그인".into(), "ㅋㅋ".into()];
    k.aliases = vec!["모니터링 봇".into()];
    tools.push(k);
    cat = Catalog::new(tools, cat.categories());
    let queries = [
        "kube",
        "k",
        "ci",
        "gitops",
        "monitoring",
        "kuberntes",
        "terrafrom",
        "prometeus",
        "load test",
        "argocd",
        "argo cd",
        "gha",
        "front-end",
        "aws",
        "zzqx",
        "쿠버",
        "쿠버ㄴ",
        "쿠번",
        "쿠버네티스",
        "ㅋㅂㄴㅌㅅ",
        "ㅈㅋㅅ",
        "ㅋㅂ",
        "ㅋ",
        "ㅋㅋ",
        "ㄱ",
        "ㅓㄴ",
        "ㅁㄴㅌㄹ",
        "프론트엔드",
        "모니터링",
        "배포",
        "컨테이너",
        "ㅋㅌㅇㄴ",
        "테스트 자동화",
        "로그",
        "깃허브",
        "깃헙",
        "클라우드 p",
        "액ㅅ",
        "도우",
        "플러그",
    ];
    let s = Searcher::new(&cat).with_threads(1);
    let mut found = 0;
    for text in queries {
        for lang in [Lang::En, Lang::Ko] {
            let f = Filter::default();
            let all = s.rank_prepared(Prepared::new(text).unfiltered(), &f, lang, 0, 1);
            for limit in [0, 5] {
                let fast = s.rank_prepared(Prepared::new(text), &f, lang, limit, 1);
                let full = s.rank_prepared(Prepared::new(text).unfiltered(), &f, lang, limit, 1);
                let at = format!("{text:?} in {lang:?}, limit {limit}");
                assert_eq!(fast.items(), full.items(), "{at}");
                // Fields left unsearched under a limit never change the top of the list.
                let n = if limit == 0 {
                    all.len()
                } else {
                    limit.min(all.len())
                };
                assert_eq!(fast.items(), &all.items()[..n], "{at}");
                found += fast.len();
            }
        }
        // The query finds something in at least one language, or is one that should not.
        let any = s.rank(&Query::new(text), Lang::Ko, 0).len();
        assert_eq!(
            any == 0,
            ["zzqx", "ㅓㄴ"].contains(&text),
            "{text:?}: {any} hits"
        );
    }
    assert!(found > 1_000, "{found}");
}
