//! `feoops explain` as a user runs it: text in both languages, JSON, widths, the quiz,
//! and bad input that is explained rather than fatal.

mod support;

use predicates::prelude::*;
use support::{feoops, stdout};

const FIX: &str = "tests/fixtures/pipelines";

fn fixture(name: &str) -> String {
    format!("{FIX}/{name}")
}

#[test]
fn text_names_the_verdict_reasons_and_pages() {
    let out = stdout(&["explain", &fixture("27-cc-approval"), "--width", "100"]);
    assert!(out.contains("Verdict: Continuous Delivery"), "{out}");
    assert!(
        out.contains("Job hold waits for a person to approve."),
        "{out}"
    );
    assert!(out.contains("page: continuous-delivery"), "{out}");
    assert!(out.contains(".circleci/config.yml:"), "{out}");
    assert!(!out.contains('\u{1b}'), "plain when not a terminal");
}

#[test]
fn korean_text() {
    let out = stdout(&["--lang", "ko", "explain", &fixture("02-gh-deploy-on-main")]);
    assert!(out.contains("판정: 지속적 배포"), "{out}");
    assert!(out.contains("프로덕션으로 가는 경로"), "{out}");
}

#[test]
fn text_fits_the_width() {
    for width in ["40", "80", "120"] {
        let out = stdout(&["explain", &fixture("07-gh-environment"), "--width", width]);
        let w: usize = width.parse().unwrap();
        for line in out.lines() {
            assert!(
                unicode_width::UnicodeWidthStr::width(line) <= w,
                "{width}: `{line}`"
            );
        }
    }
}

#[test]
fn json_is_the_documented_report() {
    let out = stdout(&["explain", &fixture("07-gh-environment"), "--json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["version"], 1);
    assert_eq!(v["verdict"], "deployment");
    assert_eq!(v["depends_on"], "environment-protection");
    assert_eq!(v["paths"][0]["job"], "deploy");
    assert_eq!(v["pipelines"][0]["waves"][1][0], "deploy");
    assert_eq!(v["pipelines"][0]["jobs"][1]["gate"]["kind"], "environment");
    let step = &v["pipelines"][0]["jobs"][0]["steps"][0];
    assert_eq!(step["kind"], "uses");
    assert_eq!(step["loc"]["line"], 9);
    // The same in Korean: JSON has codes, not words.
    let ko = stdout(&[
        "--lang",
        "ko",
        "explain",
        &fixture("07-gh-environment"),
        "--json",
    ]);
    assert_eq!(out, ko);
}

#[test]
fn broken_files_are_explained_not_fatal() {
    let out = stdout(&["explain", &fixture("33-broken-yaml"), "--width", "200"]);
    assert!(
        out.contains(".github/workflows/broken.yml:6:7: YAML error"),
        "{out}"
    );
    assert!(out.contains("YAML error"), "{out}");
    assert!(out.contains("Verdict: Continuous Integration"), "{out}");
    let out = stdout(&["explain", &fixture("24-gl-include-local"), "--width", "200"]);
    assert!(
        out.contains(
            "not followed (feoops never fetches): https://example.com/ci/templates/security.yml"
        ),
        "{out}"
    );
}

#[test]
fn quiz_asks_then_explains() {
    feoops()
        .args(["explain", &fixture("22-gl-manual"), "--quiz"])
        .write_stdin("2\n")
        .assert()
        .success()
        .stdout(predicate::str::contains("which practice does it follow?"))
        .stdout(predicate::str::contains("2. Continuous Delivery"))
        .stdout(predicate::str::contains("Right."))
        .stdout(predicate::str::contains(
            "Job deploy-production waits for a person to start it.",
        ));
    feoops()
        .args([
            "--lang",
            "ko",
            "explain",
            &fixture("22-gl-manual"),
            "--quiz",
        ])
        .write_stdin("3\n")
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "아닙니다. 정답은 지속적 전달입니다.",
        ));
    feoops()
        .args(["explain", &fixture("37-empty"), "--quiz"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no CI file"));
}

#[test]
fn a_missing_folder_is_a_usage_error() {
    feoops()
        .args(["explain", "tests/fixtures/pipelines/does-not-exist"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is not a folder"));
}

#[test]
fn a_content_folder_brings_its_own_recognition_table() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("explain.toml"),
        "[[command]]\nmatch = \"npm test\"\nstages = [\"deploy\"]\n",
    )
    .unwrap();
    let content = dir.path().to_str().unwrap();
    let out = stdout(&[
        "--content",
        content,
        "explain",
        &fixture("01-gh-ci-only"),
        "--json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let steps = v["pipelines"][0]["jobs"][0]["steps"].as_array().unwrap();
    let npm_test = steps.iter().find(|s| s["text"] == "npm test").unwrap();
    assert_eq!(npm_test["stages"][0], "deploy");
    // Without one, the built-in table.
    let out = stdout(&["explain", &fixture("01-gh-ci-only"), "--json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let steps = v["pipelines"][0]["jobs"][0]["steps"].as_array().unwrap();
    let npm_test = steps.iter().find(|s| s["text"] == "npm test").unwrap();
    assert_eq!(npm_test["stages"][0], "test");
}
