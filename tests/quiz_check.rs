//! `feoops check` on question banks: one fixture folder per kind of problem, each message
//! naming the file, line and column.

mod support;

use assert_cmd::Command;
use predicates::prelude::*;
use support::check_fails_with;

/// Asserts `check` fails and prints exactly this problem line (after the fixture path).
fn fails_with(fixture: &str, expected: &str) {
    check_fails_with(fixture, &[expected]);
}

#[test]
fn a_valid_bank_passes() {
    Command::cargo_bin("feoops")
        .unwrap()
        .args(["check", "tests/fixtures/content/quiz-valid"])
        .assert()
        .success()
        .stdout(predicate::str::contains("ok ("));
}

#[test]
fn duplicate_question_id() {
    fails_with(
        "quiz-duplicate-id",
        "quiz/ci-cd.toml:15:6: duplicate question id `cicd-001` (also used at tests/fixtures/content/quiz-duplicate-id/quiz/ci-cd.toml:2)",
    );
}

#[test]
fn id_prefix_must_match_the_topic() {
    fails_with(
        "quiz-id-prefix",
        "quiz/ci-cd.toml:2:6: question id `loop-001` does not start with `cicd-`, the prefix of topic `ci-cd`",
    );
}

#[test]
fn unknown_topic() {
    fails_with(
        "quiz-unknown-topic",
        "quiz/ci-cd.toml:3:9: unknown topic `cicd-basics` (expected one of: basics, ci-cd, loop, practices, interview, tools)",
    );
}

#[test]
fn unknown_kind() {
    fails_with(
        "quiz-unknown-kind",
        "quiz/ci-cd.toml:4:8: unknown kind `essay` (expected one of: scenario, single, multi, true-false, order, typed)",
    );
}

#[test]
fn the_page_must_exist() {
    fails_with(
        "quiz-missing-page",
        "quiz/ci-cd.toml:5:8: page `no-such-page` does not exist",
    );
}

#[test]
fn both_languages_are_required() {
    fails_with(
        "quiz-one-language",
        "quiz/ci-cd.toml:6:13: `prompt` has no `ko` text",
    );
}

#[test]
fn option_counts_match_across_languages() {
    fails_with(
        "quiz-option-count",
        "quiz/ci-cd.toml:11:14: `options.ko` has 2 entries but `options.en` has 3",
    );
}

#[test]
fn answers_point_at_options() {
    fails_with(
        "quiz-answer-range",
        "quiz/ci-cd.toml:12:12: answer index 3 is out of range (0 to 2)",
    );
}

#[test]
fn a_multi_question_has_two_answers_or_more() {
    fails_with(
        "quiz-multi-one-answer",
        "quiz/ci-cd.toml:12:11: a `multi` question needs two or more answers",
    );
}

#[test]
fn fields_of_another_kind_are_reported() {
    fails_with(
        "quiz-wrong-field",
        "quiz/ci-cd.toml:13:9: `truth` does not apply to a `single` question",
    );
}

#[test]
fn a_scenario_names_one_of_the_four_practices() {
    fails_with(
        "quiz-bad-scenario",
        "quiz/ci-cd.toml:10:11: unknown answer `delivry` (expected one of: ci, delivery, deployment, none)",
    );
}

#[test]
fn typed_answers_cannot_be_empty_once_normalized() {
    fails_with(
        "quiz-typed-empty",
        "quiz/ci-cd.toml:10:32: accepted answer ` - ` is empty once case, spaces and hyphens are ignored",
    );
}

#[test]
fn text_must_be_nfc() {
    fails_with(
        "quiz-not-nfc",
        "quiz/ci-cd.toml:7:1: text is not NFC-normalized",
    );
}

#[test]
fn toml_type_errors_point_at_the_value() {
    fails_with(
        "quiz-bad-toml",
        "quiz/ci-cd.toml:12:11: invalid type: string \"0\", expected a sequence",
    );
}
