//! L0: the shipped content parses and validates, and covers what the app needs.

use feoops::Library;
use feoops::base::{ContentFiles, Lang};
use feoops::pages::PagePane;

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
