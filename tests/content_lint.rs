//! L0: the shipped content parses and validates, and covers what the app needs.

use feoops::content::{Lang, Library, PagePane};

#[test]
fn shipped_content_has_no_problems() {
    let loaded = Library::embedded();
    let problems: Vec<String> = loaded.problems.iter().map(|p| p.to_string()).collect();
    assert!(
        problems.is_empty(),
        "content problems:\n{}",
        problems.join("\n")
    );
}

#[test]
fn every_stage_has_a_page_in_both_languages() {
    let lib = Library::embedded().library;
    assert_eq!(
        lib.stages.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(),
        [
            "plan", "code", "build", "test", "release", "deploy", "operate", "monitor"
        ]
    );
    for lang in Lang::ALL {
        for s in &lib.stages {
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
    let lib = Library::embedded().library;
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
    let lib = Library::embedded().library;
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
    let lib = Library::embedded().library;
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
    let lib = Library::embedded().library;
    for lang in Lang::ALL {
        for page in lib.pages(lang) {
            let first = page.body.trim_start().lines().next().unwrap_or("");
            assert_eq!(first, format!("# {}", page.title), "{}", page.path);
        }
    }
}
