//! L3: the real binary's non-interactive commands.

mod support;

use predicates::prelude::*;
use support::{feoops, stdout};
use unicode_width::UnicodeWidthStr;

#[test]
fn list_prints_ids_panes_and_titles() {
    let out = stdout(&["list"]);
    assert!(out.starts_with("ID"));
    assert!(out.contains("continuous-delivery"));
    assert!(
        out.lines()
            .any(|l| l.starts_with("stage-plan") && l.contains("loop"))
    );
}

#[test]
fn list_json_is_an_array_of_pages() {
    let out = stdout(&["list", "--json", "--lang", "ko"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let arr = v.as_array().unwrap();
    assert!(arr.len() >= 20);
    let plan = arr.iter().find(|p| p["id"] == "stage-plan").unwrap();
    assert_eq!(plan["pane"], "loop");
    assert_eq!(plan["stage"], "plan");
    assert_eq!(plan["lang"], "ko");
    assert!(
        arr.iter()
            .all(|p| p["title"].as_str().is_some_and(|t| !t.is_empty()))
    );
}

#[test]
fn the_language_comes_from_the_flag_then_the_locale() {
    let by_flag = stdout(&["list", "--json", "--lang", "ko"]);
    let by_env = String::from_utf8(
        feoops()
            .env("LANG", "ko_KR.UTF-8")
            .args(["list", "--json"])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone(),
    )
    .unwrap();
    assert_eq!(by_flag, by_env);
    // LC_ALL wins over LANG.
    let lc_all = String::from_utf8(
        feoops()
            .env("LANG", "ko_KR.UTF-8")
            .env("LC_ALL", "en_US.UTF-8")
            .args(["list", "--json"])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone(),
    )
    .unwrap();
    assert_eq!(lc_all, stdout(&["list", "--json", "--lang", "en"]));
}

#[test]
fn show_is_plain_when_piped_and_fits_the_width() {
    for width in ["30", "52", "80"] {
        let out = stdout(&["show", "cicd-compare", "--width", width]);
        assert!(!out.contains('\u{1b}'), "escape codes in piped output");
        let w: usize = width.parse().unwrap();
        for line in out.lines() {
            assert!(line.width() <= w, "line wider than {w}: {line:?}");
        }
        assert!(out.lines().count() > 10);
    }
}

#[test]
fn show_korean_page_fits_the_width() {
    let out = stdout(&["show", "what-is-devops", "--lang", "ko", "--width", "40"]);
    assert!(out.contains("DevOps"));
    for line in out.lines() {
        assert!(line.width() <= 40, "{line:?}");
    }
}

#[test]
fn show_unknown_page_suggests_the_closest_ids() {
    feoops()
        .args(["show", "continuous-delivry"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "unknown page `continuous-delivry`",
        ))
        .stderr(predicate::str::contains("continuous-delivery"));
}

#[test]
fn show_file_renders_any_markdown_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.md");
    std::fs::write(&path, "# 제목\n\n- 하나\n- **둘**\n\n> 인용문입니다.\n").unwrap();
    let out = stdout(&["show", "--file", path.to_str().unwrap(), "--width", "30"]);
    assert!(out.contains("제목"));
    assert!(out.contains("하나"));
    assert!(out.contains("인용문입니다."));
    assert!(!out.contains("**"));
}

#[test]
fn show_file_that_does_not_exist_is_an_error() {
    feoops()
        .args(["show", "--file", "no/such/file.md"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("cannot read no/such/file.md"));
}

#[test]
fn show_from_another_content_folder() {
    let out = stdout(&[
        "--content",
        "tests/fixtures/content/valid",
        "show",
        "intro",
        "--lang",
        "ko",
    ]);
    assert!(out.contains("소개"));
}

#[test]
fn without_a_terminal_the_dashboard_explains_itself() {
    feoops()
        .assert()
        .code(2)
        .stderr(predicate::str::contains("feoops list"))
        .stderr(predicate::str::contains("feoops show"));
}

#[test]
fn bad_arguments_are_usage_errors() {
    feoops()
        .args(["--lang", "fr", "list"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown language"));
    feoops()
        .args(["show", "--width", "0", "glossary"])
        .assert()
        .code(2);
    feoops().args(["show"]).assert().code(2);
}

#[test]
fn every_command_has_help() {
    for cmd in [
        vec!["--help"],
        vec!["list", "--help"],
        vec!["show", "--help"],
        vec!["check", "--help"],
    ] {
        feoops()
            .args(&cmd)
            .assert()
            .success()
            .stdout(predicate::str::contains("Usage"));
    }
}
