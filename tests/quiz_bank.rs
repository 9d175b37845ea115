//! L0 for the question bank: the shipped questions load without problems, cover what the
//! issue asks for, and every answer is valid for its kind.

use std::collections::HashSet;

use feoops::Library;
use feoops::base::Lang;
use feoops::quiz::{KindTag, MAX_OPTIONS, QuestionKind, Topic};

#[test]
fn the_bank_is_big_enough_and_covers_every_kind() {
    let lib = Library::embedded();
    let written: Vec<_> = lib
        .questions()
        .iter()
        .filter(|q| q.topic != Topic::Tools)
        .collect();
    assert!(
        written.len() >= 250,
        "only {} written questions",
        written.len()
    );
    let interview = lib.questions_in(Topic::Interview).count();
    assert!(interview >= 20, "only {interview} interview questions");
    let cicd = lib.questions_in(Topic::CiCd).count();
    assert!(cicd >= 50, "only {cicd} CI/CD questions");
    let kinds: HashSet<KindTag> = lib.questions().iter().map(|q| q.kind.tag()).collect();
    for k in KindTag::ALL {
        assert!(kinds.contains(&k), "no {k} question");
    }
    for t in Topic::ALL {
        assert!(lib.questions_in(t).count() > 0, "no question in topic {t}");
    }
}

#[test]
fn every_question_is_complete_in_both_languages() {
    let lib = Library::embedded();
    let mut ids = HashSet::new();
    for q in lib.questions() {
        assert!(ids.insert(&q.id), "duplicate id {}", q.id);
        assert!(q.id.starts_with(q.topic.id_prefix()), "{}", q.id);
        for lang in Lang::ALL {
            assert!(
                lib.page(lang, &q.page).is_some(),
                "{}: no {lang} page {}",
                q.id,
                q.page
            );
            assert!(!q.prompt.get(lang).trim().is_empty(), "{}", q.id);
            assert!(!q.explanation.get(lang).trim().is_empty(), "{}", q.id);
        }
        let hangul = |s: &str| s.chars().any(|c| ('\u{ac00}'..='\u{d7a3}').contains(&c));
        assert!(
            hangul(&q.prompt.ko) && hangul(&q.explanation.ko),
            "{}: Korean text",
            q.id
        );
        match &q.kind {
            QuestionKind::Single { options, answer } => {
                assert!(*answer < options.en.len());
                assert_eq!(options.en.len(), options.ko.len(), "{}", q.id);
                assert!((2..=MAX_OPTIONS).contains(&options.en.len()), "{}", q.id);
            }
            QuestionKind::Multi { options, answers } => {
                assert_eq!(options.en.len(), options.ko.len(), "{}", q.id);
                assert!(
                    answers.len() >= 2 && answers.len() < options.en.len(),
                    "{}",
                    q.id
                );
                assert!(answers.iter().all(|&a| a < options.en.len()), "{}", q.id);
            }
            QuestionKind::Order { items } => {
                assert_eq!(items.en.len(), items.ko.len(), "{}", q.id);
                assert!(items.en.len() >= 2, "{}", q.id);
            }
            QuestionKind::Typed { accepted } => {
                assert!(
                    !accepted.en.is_empty() && !accepted.ko.is_empty(),
                    "{}",
                    q.id
                );
            }
            QuestionKind::Scenario { .. } | QuestionKind::TrueFalse { .. } => {}
        }
    }
}

#[test]
fn tool_questions_come_from_the_catalogue() {
    let lib = Library::embedded();
    let q = lib
        .question("tools-jenkins")
        .expect("a question for Jenkins");
    assert_eq!(q.page, "devops-toolchain");
    let QuestionKind::Single { options, answer } = &q.kind else {
        panic!("tool questions are single choice")
    };
    assert_eq!(options.en[*answer], "Build");
}
