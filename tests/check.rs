//! `feoops check` against fixture folders, one per kind of problem: the message names the
//! file, line and column, and the exit code says whether there were problems.

mod support;

use assert_cmd::Command;
use predicates::prelude::*;
use support::{check, check_fails_with};

/// Asserts `check` fails and prints exactly these problem lines (after the fixture path).
fn fails_with(fixture: &str, expected: &[&str]) {
    check_fails_with(fixture, expected);
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

// The tool catalogue (`tools/*.toml`): one fixture per kind of problem.

#[test]
fn a_folder_with_tools_passes_and_counts_them() {
    check("tools-valid")
        .success()
        .stdout(predicate::str::contains(
            "ok (2 pages in 2 languages, 2 stages, 2 tools)",
        ));
}

#[test]
fn tools_duplicate_id() {
    fails_with(
        "tools-duplicate-id",
        &[
            "tools/plan.toml:4:6: duplicate tool id `tracker` (also used at tests/fixtures/content/tools-duplicate-id/tools/code.toml:2)",
        ],
    );
}

#[test]
fn tools_unknown_stage() {
    fails_with(
        "tools-unknown-stage",
        &["tools/code.toml:4:19: unknown stage `planning` (expected one of: plan, code)"],
    );
}

#[test]
fn tools_primary_stage_outside_stages() {
    fails_with(
        "tools-primary-stage",
        &["tools/code.toml:5:17: primary_stage `plan` is not one of `stages`"],
    );
}

#[test]
fn tools_in_the_file_of_another_stage() {
    fails_with(
        "tools-wrong-file",
        &["tools/code.toml:5:17: a tool whose primary stage is `plan` belongs in tools/plan.toml"],
    );
}

#[test]
fn tools_unknown_category() {
    fails_with(
        "tools-unknown-category",
        &[
            "tools/plan.toml:9:12: unknown category `issue-tracker` (did you mean `issue-tracking`?): categories are defined in categories.toml",
        ],
    );
}

#[test]
fn tools_reference_that_does_not_resolve() {
    fails_with(
        "tools-bad-reference",
        &[
            "tools/plan.toml:21:29: `integrates_with` names unknown tool `forj` (did you mean `forge`?)",
        ],
    );
}

#[test]
fn tools_invalid_spdx_id() {
    fails_with(
        "tools-bad-spdx",
        &["tools/plan.toml:11:11: `Apache 2.0` is not an SPDX expression; write `Apache-2.0`"],
    );
}

#[test]
fn tools_licence_class_that_contradicts_the_licence() {
    fails_with(
        "tools-license-class",
        &[
            "tools/plan.toml:12:17: license_class `oss` does not fit license `BUSL-1.1` (expected source-available)",
        ],
    );
}

#[test]
fn tools_licence_without_a_class() {
    fails_with(
        "tools-license-without-class",
        &["tools/plan.toml:11:11: `license` needs a `license_class` (see docs/CONTENT.md)"],
    );
}

#[test]
fn tools_url_that_is_not_https() {
    fails_with(
        "tools-bad-url",
        &[
            "tools/code.toml:13:12: homepage `http://forge.example.org/` is not a well-formed https URL",
        ],
    );
}

#[test]
fn tools_summary_missing_in_korean() {
    fails_with(
        "tools-missing-korean",
        &["tools/code.toml:7:56: summary.ko is empty"],
    );
}

#[test]
fn tools_unknown_enum_value() {
    fails_with(
        "tools-bad-enum",
        &[
            "tools/plan.toml:14:27: unknown hosting `cloud` (expected one of: self-hosted, saas, managed, local)",
        ],
    );
}

#[test]
fn tools_status_and_dates_that_do_not_fit() {
    fails_with(
        "tools-status",
        &[
            "tools/plan.toml:11:10: status `end-of-life` needs an `end_of_life` date",
            "tools/plan.toml:12:12: verified `2026-13-01` is not a date (YYYY-MM-DD)",
            "tools/plan.toml:22:10: unknown status `sunset` (expected one of: active, archived, deprecated, end-of-life)",
            "tools/plan.toml:23:15: `end_of_life` goes with `status = \"end-of-life\"` only",
            "tools/plan.toml:24:12: verified `2026-12-01T10:00:00` is not a date (YYYY-MM-DD)",
        ],
    );
}

#[test]
fn facts_verified_over_a_year_ago_are_a_warning_not_a_failure() {
    let out = check("tools-stale").success().get_output().stdout.clone();
    let out = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines,
        [
            "tests/fixtures/content/tools-stale/tools/plan.toml:19:12: warning: facts last verified on 2001-01-01, over a year ago: check them again",
            "tests/fixtures/content/tools-stale: ok (2 pages in 2 languages, 2 stages, 2 tools)",
        ]
    );
}

#[test]
fn a_broken_tool_is_one_problem_not_a_cascade() {
    let out = check("tools-broken-tool")
        .code(1)
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 1, "{out}");
    assert!(
        lines[0].starts_with(
            "tests/fixtures/content/tools-broken-tool/tools/code.toml:16:1: tool `forge`: unknown field `colour`"
        ),
        "{out}"
    );
}

#[test]
fn landscape_map_with_unknown_stage_category_and_an_empty_rule() {
    fails_with(
        "landscape-map-bad",
        &[
            "landscape-map.toml:4:44: unknown stage `deploy`",
            "landscape-map.toml:5:56: unknown category `registry`",
            "landscape-map.toml:6:20: `Key Management`: give either `stages` and `category`, or `skip = \"reason\"`",
        ],
    );
}
