//! L0: the shipped content parses and validates, and covers what the app needs.

use std::collections::HashMap;

use feoops::base::terms::Terms;
use feoops::base::{ContentFiles, Lang};
use feoops::library::Library;
use feoops::pages::PagePane;
use feoops::quiz::{QuestionKind, Topic};

/// The shipped binary trusts its embedded content and does not check it on start-up: this
/// test is where it is checked, in full (each problem names its `path:line:column`).
#[test]
fn shipped_content_has_no_problems() {
    let loaded = Library::load(&ContentFiles::embedded());
    let problems: Vec<String> = loaded.problems.iter().map(|p| p.to_string()).collect();
    assert!(
        problems.is_empty(),
        "content problems:\n{}",
        problems.join("\n")
    );
}

/// The trusted start-up (each part parsed on first use, without the cross-checks) builds
/// the same library as the full check.
#[test]
fn lazy_parts_equal_the_checked_load() {
    let lazy = Library::embedded();
    let checked = Library::load(&ContentFiles::embedded()).library;
    let page_keys = |l: &Library| {
        Lang::ALL
            .iter()
            .flat_map(|&lang| {
                l.pages(lang)
                    .map(|p| (p.lang, p.id.clone(), p.body.clone()))
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(page_keys(&lazy), page_keys(&checked));
    assert!(!page_keys(&lazy).is_empty());
    assert_eq!(lazy.catalog().tools(), checked.catalog().tools());
    assert_eq!(lazy.weights(), checked.weights());
    assert_eq!(lazy.landscape_map(), checked.landscape_map());
    let ids = |l: &Library| {
        l.questions()
            .iter()
            .map(|q| q.id.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(&lazy), ids(&checked));
    assert_eq!(
        lazy.pipeline().practices.len(),
        checked.pipeline().practices.len()
    );
}

#[test]
fn every_stage_has_a_page_in_both_languages() {
    let lib = Library::embedded();
    assert_eq!(
        lib.stages()
            .iter()
            .map(|s| s.id.as_str())
            .collect::<Vec<_>>(),
        [
            "plan", "code", "build", "test", "release", "deploy", "operate", "monitor"
        ]
    );
    for lang in Lang::ALL {
        for s in lib.stages() {
            assert!(
                lib.stage_page(lang, &s.id).is_some(),
                "no {lang} page for stage {}",
                s.id
            );
        }
    }
}

#[test]
fn the_panes_have_the_pages_the_issue_asks_for() {
    let lib = Library::embedded();
    for lang in Lang::ALL {
        let ids = |pane| {
            lib.pages_in(lang, pane)
                .map(|p| p.id.clone())
                .collect::<Vec<_>>()
        };
        let practices = ids(PagePane::Practices);
        for id in [
            "continuous-integration",
            "continuous-delivery",
            "continuous-deployment",
            "continuous-monitoring",
            "infrastructure-as-code",
            "provisioning",
            "glossary",
        ] {
            assert!(
                practices.contains(&id.to_string()),
                "{lang}: practices lacks {id}"
            );
        }
        assert!(ids(PagePane::Overview).contains(&"what-is-devops".to_string()));
        assert!(ids(PagePane::Cicd).contains(&"cicd-compare".to_string()));
        assert_eq!(ids(PagePane::References), ["references"]);
    }
}

#[test]
fn korean_pages_are_written_in_korean() {
    let lib = Library::embedded();
    for page in lib.pages(Lang::Ko) {
        let hangul = page
            .body
            .chars()
            .filter(|c| ('\u{ac00}'..='\u{d7a3}').contains(c))
            .count();
        assert!(
            hangul > 100,
            "{} has only {hangul} Hangul syllables",
            page.path
        );
    }
}

#[test]
fn the_references_page_links_every_required_source() {
    let lib = Library::embedded();
    for lang in Lang::ALL {
        let body = &lib.page(lang, "references").unwrap().body;
        for needle in [
            "aws.amazon.com/",
            "devops/what-is-devops",
            "devops/continuous-delivery",
            "atlassian.com/",
            "devops-engineer",
            "devops/devops-tools",
            "toss.im/career/article/toss-devops-interview",
            "github.com/NotHarshhaa/devops-tools",
            "velog.io/@repush/",
            "artist-developer.tistory.com/24",
        ] {
            assert!(body.contains(needle), "{lang} references lacks {needle}");
        }
    }
}

#[test]
fn pages_start_with_their_title_as_a_heading() {
    let lib = Library::embedded();
    for lang in Lang::ALL {
        for page in lib.pages(lang) {
            let first = page.body.trim_start().lines().next().unwrap_or("");
            assert_eq!(first, format!("# {}", page.title), "{}", page.path);
        }
    }
}

#[test]
fn the_catalogue_has_enough_tools_for_every_stage() {
    let lib = Library::embedded();
    let cat = lib.catalog();
    assert!(cat.len() >= 200, "only {} tools", cat.len());
    for s in lib.stages() {
        let n = cat.tools_for_stage(&s.id).len();
        assert!(n >= 15, "stage {} has only {n} tools", s.id);
    }
    // Every tool file holds the tools of its stage only (checked by the loader), and the
    // shipped catalogue names no tool twice.
    let mut names: Vec<String> = cat.tools().iter().map(|t| t.name.to_lowercase()).collect();
    let n = names.len();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), n, "two tools share a name");
}

#[test]
fn every_shipped_tool_has_both_languages_and_its_primary_stage() {
    let lib = Library::embedded();
    for t in lib.catalog().tools() {
        assert!(
            !t.summary.en.is_empty() && !t.summary.ko.is_empty(),
            "{}",
            t.id
        );
        let hangul = t
            .summary
            .ko
            .chars()
            .any(|c| ('\u{ac00}'..='\u{d7a3}').contains(&c));
        assert!(hangul, "{}: the Korean summary has no Hangul", t.id);
        assert!(t.stages.contains(&t.primary_stage), "{}", t.id);
        assert_eq!(t.good_for.en.len(), t.good_for.ko.len(), "{}", t.id);
        assert_eq!(t.not_for.en.len(), t.not_for.ko.len(), "{}", t.id);
        assert!(!t.is_imported());
        // A licence always comes with its class (docs/CONTENT.md).
        assert!(t.license.is_none() || t.license_class.is_some(), "{}", t.id);
    }
}

#[test]
fn the_landscape_map_is_loaded() {
    let lib = Library::embedded();
    assert!(!lib.landscape_map().is_empty());
    assert_eq!(
        lib.landscape_map().rule(
            "App Definition and Development",
            "Continuous Integration & Delivery"
        ),
        Some(feoops::catalog::Rule::Map {
            stages: vec!["build".into(), "release".into(), "deploy".into()],
            category: "ci-cd".into()
        })
    );
}

#[test]
fn the_pages_a_learner_asks_for_next_exist_in_both_languages() {
    let lib = Library::embedded();
    for id in [
        "learning-path",
        "docker-kubernetes",
        "dora-metrics",
        "deployment-strategies",
        "trunk-based-development",
        "observability",
        "devsecops",
        "gitops-platform-engineering",
    ] {
        for lang in Lang::ALL {
            let page = lib
                .page(lang, id)
                .unwrap_or_else(|| panic!("no {lang} page {id}"));
            for rel in &page.related {
                assert!(
                    lib.page(lang, rel).is_some(),
                    "{id}: related page {rel} missing"
                );
            }
        }
    }
    // "Start here" is the first page of the overview.
    let first = lib.pages_in(Lang::En, PagePane::Overview).next().unwrap();
    assert_eq!(first.id, "learning-path");
}

#[test]
fn every_page_has_at_least_three_written_questions_that_teach_it() {
    let lib = Library::embedded();
    let mut teaching: HashMap<&str, usize> = HashMap::new();
    for q in lib.questions().iter().filter(|q| q.topic != Topic::Tools) {
        *teaching.entry(q.page.as_str()).or_default() += 1;
    }
    let thin: Vec<String> = lib
        .pages(Lang::En)
        .filter(|p| teaching.get(p.id.as_str()).copied().unwrap_or(0) < 3)
        .map(|p| {
            format!(
                "{} ({})",
                p.id,
                teaching.get(p.id.as_str()).copied().unwrap_or(0)
            )
        })
        .collect();
    assert!(
        thin.is_empty(),
        "pages with fewer than 3 questions: {thin:?}"
    );
}

/// The numbers written as digits in a text, sorted. Digits inside a word (E2E, k8s, S3)
/// are part of a name, not a number.
fn numbers(text: &str) -> Vec<u64> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            let start = i;
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            let before = start.checked_sub(1).map(|j| chars[j]);
            let after = chars.get(i).copied();
            let in_word = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphabetic());
            if !in_word(before) && !in_word(after) {
                let digits: String = chars[start..i].iter().collect();
                out.push(digits.parse().unwrap_or(u64::MAX));
            }
        } else {
            i += 1;
        }
    }
    out.sort_unstable();
    out
}

#[test]
fn numbers_are_extracted_as_a_reader_sees_them() {
    assert_eq!(
        numbers("E2E tests in 15 minutes, 99.9% over 30 days"),
        [9, 15, 30, 99]
    );
    assert_eq!(numbers("14시 05분, k8s, v2"), [5, 14]);
    assert!(numbers("three weeks").is_empty());
}

#[test]
fn no_two_languages_disagree_on_numbers_in_a_question() {
    let lib = Library::embedded();
    let mut disagree = Vec::new();
    for q in lib.questions().iter().filter(|q| q.topic != Topic::Tools) {
        let mut fields = vec![("prompt", q.prompt.en.clone(), q.prompt.ko.clone())];
        fields.push((
            "explanation",
            q.explanation.en.clone(),
            q.explanation.ko.clone(),
        ));
        if let Some(h) = &q.hint {
            fields.push(("hint", h.en.clone(), h.ko.clone()));
        }
        match &q.kind {
            QuestionKind::Single { options, .. } | QuestionKind::Multi { options, .. } => {
                fields.push(("options", options.en.join(" | "), options.ko.join(" | ")));
            }
            QuestionKind::Order { items } => {
                fields.push(("items", items.en.join(" | "), items.ko.join(" | ")));
            }
            _ => {}
        }
        for (field, en, ko) in fields {
            if numbers(&en) != numbers(&ko) {
                disagree.push(format!(
                    "{} {field}: en {:?}, ko {:?}",
                    q.id,
                    numbers(&en),
                    numbers(&ko)
                ));
            }
        }
    }
    assert!(
        disagree.is_empty(),
        "numbers differ:\n{}",
        disagree.join("\n")
    );
}

#[test]
fn the_term_list_holds_over_every_shipped_content_file() {
    let files = ContentFiles::embedded();
    let terms: Terms = toml::from_str(&files.get("terms.toml").expect("content/terms.toml").text)
        .expect("terms.toml parses");
    let mut found = Vec::new();
    for f in files.files.iter().filter(|f| f.path != "terms.toml") {
        for (at, msg) in terms.check_file(&f.path, &f.text) {
            let before = &f.text[..at];
            let line = before.matches('\n').count() + 1;
            let col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
            found.push(format!("content/{}:{line}:{col}: {msg}", f.path));
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}
