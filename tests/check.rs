//! `feoops check` against fixture folders, one per kind of problem: the message names the
//! file, line and column, and the exit code says whether there were problems.

use assert_cmd::Command;
use predicates::prelude::*;

fn check(fixture: &str) -> assert_cmd::assert::Assert {
    Command::cargo_bin("feoops")
        .unwrap()
        .args(["check", &format!("tests/fixtures/content/{fixture}")])
        .assert()
}

/// Asserts `check` fails and prints exactly these problem lines (after the fixture path).
fn fails_with(fixture: &str, expected: &[&str]) {
    let out = check(fixture).code(1).get_output().stdout.clone();
    let out = String::from_utf8(out).unwrap();
    let prefix = format!("tests/fixtures/content/{fixture}/");
    let lines: Vec<&str> = out
        .lines()
        .map(|l| {
            l.strip_prefix(&prefix)
                .unwrap_or_else(|| panic!("unexpected line {l}"))
        })
        .collect();
    assert_eq!(lines, expected, "output was:\n{out}");
}

#[test]
fn valid_folder_passes_with_a_summary() {
    check("valid").success().stdout(predicate::str::contains(
        "ok (2 pages in 2 languages, 2 stages)",
    ));
}

#[test]
fn broken_front_matter_points_at_the_toml_error() {
    fails_with(
        "bad-front-matter",
        &["pages/en/intro.md:3:15: invalid basic string, expected `\"`"],
    );
}

#[test]
fn unclosed_front_matter() {
    fails_with(
        "unclosed-front-matter",
        &["pages/ko/intro.md:1:1: front matter is not closed by a `+++` line"],
    );
}

#[test]
fn missing_id() {
    fails_with(
        "missing-id",
        &["pages/en/intro.md:2:1: front matter has no `id`"],
    );
}

#[test]
fn duplicate_id_is_reported_on_the_file_that_does_not_own_it() {
    fails_with(
        "duplicate-id",
        &[
            "pages/en/intro-copy.md:2:6: duplicate id `intro` (also used by tests/fixtures/content/duplicate-id/pages/en/intro.md)",
            "pages/en/intro-copy.md:2:6: id `intro` does not match the file name `intro-copy.md`",
            "pages/ko/intro-copy.md:2:6: duplicate id `intro` (also used by tests/fixtures/content/duplicate-id/pages/ko/intro.md)",
            "pages/ko/intro-copy.md:2:6: id `intro` does not match the file name `intro-copy.md`",
        ],
    );
}

#[test]
fn page_in_one_language_only() {
    fails_with(
        "one-language",
        &["pages/en/extra.md:2:6: page `extra` exists in en only: add pages/ko/extra.md"],
    );
}

#[test]
fn unknown_pane() {
    fails_with(
        "unknown-pane",
        &[
            "pages/ko/intro.md:4:8: unknown pane `overveiw` (expected one of: overview, loop, practices, cicd, references, help)",
        ],
    );
}

#[test]
fn unknown_stage() {
    fails_with(
        "unknown-stage",
        &["pages/en/stage-plan.md:6:9: unknown stage `planning` (expected one of: plan, code)"],
    );
}

#[test]
fn related_page_that_does_not_exist() {
    fails_with(
        "bad-related",
        &["pages/en/intro.md:6:26: related page `no-such-page` does not exist"],
    );
}

#[test]
fn a_folder_that_does_not_exist_is_an_error() {
    Command::cargo_bin("feoops")
        .unwrap()
        .args(["check", "tests/fixtures/content/no-such-folder"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("cannot read content folder"));
}

#[test]
fn the_built_in_content_passes() {
    Command::cargo_bin("feoops")
        .unwrap()
        .arg("check")
        .assert()
        .success()
        .stdout(predicate::str::contains("built-in content: ok"));
}
