//! The term list (`content/terms.toml`) is enforced: `feoops check` names every avoided
//! form and every ending outside 합니다체 with its path:line:column, and the shipped content
//! and the UI strings follow the list.

mod support;

use feoops::base::terms::Terms;
use support::check_fails_with;

#[test]
fn a_fixture_that_breaks_each_rule_fails_with_one_line_per_break() {
    check_fails_with(
        "terms",
        &[
            // English: a whole word in prose, not in code, not inside another word.
            "pages/en/intro.md:10:8: `color`: write `colour` (terms.toml)",
            // Korean: the title in the front matter and the heading.
            "pages/ko/intro.md:3:10: `프론트엔드`: write `프런트엔드` (terms.toml)",
            "pages/ko/intro.md:8:3: `프론트엔드`: write `프런트엔드` (terms.toml)",
            // Register: a heading and a sentence; quoted speech and code blocks are left alone.
            "pages/ko/intro.md:10:9: `나요` ends a sentence outside 합니다체: write …습니다 / …습니까? (terms.toml)",
            "pages/ko/intro.md:12:22: `죠` ends a sentence outside 합니다체: write …습니다 / …습니까? (terms.toml)",
            // Spacing, except inside the allowed title.
            "pages/ko/intro.md:12:46: `DevOps팀`: write `DevOps 팀` (terms.toml)",
            // Questions: prompts are prose, accepted answers are not.
            "quiz/basics.toml:6:20: `colors`: write `colour` (terms.toml)",
            "quiz/basics.toml:7:14: `프론트엔드`: write `프런트엔드` (terms.toml)",
            "quiz/basics.toml:7:28: `세요` ends a sentence outside 합니다체: write …습니다 / …습니까? (terms.toml)",
        ],
    );
}

fn shipped_terms() -> Terms {
    toml::from_str(include_str!("../content/terms.toml")).expect("content/terms.toml parses")
}

#[test]
fn the_shipped_list_is_consistent() {
    let terms = shipped_terms();
    assert!(terms.problems().is_empty(), "{:?}", terms.problems());
    assert!(terms.terms.len() >= 20, "only {} terms", terms.terms.len());
    assert!(!terms.register.avoid_endings.is_empty());
}

#[test]
fn the_ui_strings_follow_the_term_list() {
    // The content folder is checked by `feoops check` (see content_lint.rs); the UI strings
    // live in assets/, so they are checked here.
    let terms = shipped_terms();
    for (path, text) in [
        ("i18n/en.toml", include_str!("../assets/i18n/en.toml")),
        ("i18n/ko.toml", include_str!("../assets/i18n/ko.toml")),
    ] {
        let found = terms.check_file(path, text);
        assert!(found.is_empty(), "{path}: {found:?}");
    }
}

#[test]
fn a_planted_avoided_form_in_the_ui_strings_would_be_found() {
    let terms = shipped_terms();
    let text = "[tab]\npractices = \"실천 방법\"\nhint = \"다시 입력하세요.\"\n";
    let found = terms.check_file("i18n/ko.toml", text);
    assert_eq!(found.len(), 2, "{found:?}");
}
