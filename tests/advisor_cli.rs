//! L3: `feoops suggest`, `feoops profile` and `feoops stack` through the real binary, with
//! a temporary data folder.

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

fn feoops(data: &Path) -> Command {
    let mut c = Command::cargo_bin("feoops").unwrap();
    c.env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C.UTF-8")
        .env_remove("NO_COLOR")
        .env("XDG_CACHE_HOME", data.join("cache"))
        .arg("--data-dir")
        .arg(data);
    c
}

fn stdout(data: &Path, args: &[&str]) -> String {
    let out = feoops(data)
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).unwrap()
}

fn json(data: &Path, args: &[&str]) -> Value {
    serde_json::from_str(&stdout(data, args)).unwrap()
}

#[test]
fn suggest_prints_ranked_tools_with_scores_and_reasons() {
    let d = tempfile::tempdir().unwrap();
    let out = stdout(
        d.path(),
        &[
            "suggest",
            "--stage",
            "build",
            "--code-host",
            "github",
            "--hosting",
            "saas",
            "--limit",
            "3",
        ],
    );
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "Profile: Hosting SaaS, Code host GitHub");
    assert!(lines[2].starts_with("Build: "), "{out}");
    assert!(
        lines[3].starts_with("  1. GitHub Actions (github-actions)  score "),
        "{out}"
    );
    assert!(lines[4].contains("built into GitHub (+45)"), "{out}");
    assert!(!out.contains("  4. "), "{out}");
}

#[test]
fn suggest_without_a_stage_lists_every_stage_in_order() {
    let d = tempfile::tempdir().unwrap();
    let out = stdout(d.path(), &["suggest", "--limit", "1"]);
    let heads: Vec<&str> = out
        .lines()
        .filter(|l| l.contains(" suggested, "))
        .map(|l| l.split(':').next().unwrap())
        .collect();
    assert_eq!(
        heads,
        [
            "Plan", "Code", "Build", "Test", "Release", "Deploy", "Operate", "Monitor"
        ]
    );
    let ko = stdout(d.path(), &["--lang", "ko", "suggest", "--stage", "deploy"]);
    assert!(ko.contains("배포: 추천 "), "{ko}");
    assert!(ko.contains("점수"), "{ko}");
}

#[test]
fn suggest_excluded_lists_what_the_profile_leaves_out() {
    let d = tempfile::tempdir().unwrap();
    let out = stdout(
        d.path(),
        &["suggest", "--stage", "deploy", "--k8s", "no", "--excluded"],
    );
    assert!(out.contains("left out by the profile:"), "{out}");
    assert!(out.contains("Argo CD (argo-cd): needs Kubernetes"), "{out}");
}

#[test]
fn suggest_json_has_the_documented_shape() {
    let d = tempfile::tempdir().unwrap();
    let v = json(
        d.path(),
        &[
            "suggest", "--stage", "deploy", "--cloud", "aws", "--oss", "required", "--k8s", "yes",
            "--json",
        ],
    );
    assert_eq!(v["profile"]["cloud"], "aws");
    assert_eq!(v["profile"]["code-host"], "any");
    let stage = &v["stages"][0];
    assert_eq!(stage["stage"], "deploy");
    assert_eq!(stage["name"], "Deploy");
    let s = stage["suggestions"].as_array().unwrap();
    assert_eq!(s.len(), 5);
    assert!(stage["total"].as_u64().unwrap() > 5);
    let top3: Vec<&str> = s[..3].iter().map(|x| x["id"].as_str().unwrap()).collect();
    assert!(
        top3.contains(&"argo-cd") || top3.contains(&"flux"),
        "{top3:?}"
    );
    assert_eq!(s[0]["rank"], 1);
    for x in s {
        let reasons = x["reasons"].as_array().unwrap();
        assert!(!reasons.is_empty());
        let sum: i64 = reasons.iter().map(|r| r["points"].as_i64().unwrap()).sum();
        assert_eq!(x["score"].as_i64().unwrap(), sum);
        for r in reasons {
            assert!(r["code"].is_string() && r["text"].is_string(), "{r}");
        }
    }
    let argo = s.iter().find(|x| x["id"] == "argo-cd").unwrap();
    let built = argo["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["code"] == "built-for-kubernetes")
        .unwrap();
    assert_eq!(built["points"], 12);
    assert_eq!(built["text"], "built for Kubernetes");
    let excluded = stage["excluded"].as_array().unwrap();
    // AWS's own CodeDeploy is part of the chosen cloud: suggested, never left out.
    assert!(excluded.iter().all(|x| x["id"] != "aws-codedeploy"));
    let proprietary = excluded
        .iter()
        .find(|x| x["reasons"][0]["code"] == "license")
        .unwrap();
    assert_eq!(proprietary["reasons"][0]["class"], "proprietary");
    assert_eq!(proprietary["reasons"][0]["text"], "proprietary");
}

#[test]
fn an_unknown_stage_suggests_the_closest_and_exits_2() {
    let d = tempfile::tempdir().unwrap();
    feoops(d.path())
        .args(["suggest", "--stage", "deplyo"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean: deploy?"));
    feoops(d.path())
        .args(["suggest", "--cloud", "ibm"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("aws"));
}

#[test]
fn the_saved_profile_is_used_until_flags_or_no_saved_override_it() {
    let d = tempfile::tempdir().unwrap();
    feoops(d.path())
        .args(["profile", "--code-host", "gitlab", "--oss", "preferred"])
        .assert()
        .success()
        .stderr(predicate::str::contains("saved to"));
    let shown = stdout(d.path(), &["profile"]);
    assert!(shown.contains("Code host"), "{shown}");
    assert!(shown.contains("--code-host gitlab"), "{shown}");
    let v = json(d.path(), &["profile", "--json"]);
    assert_eq!(v["code-host"], "gitlab");
    assert_eq!(v["oss"], "preferred");
    // `suggest` uses it; a flag overrides it for one run; --no-saved ignores it.
    let top = |args: &[&str]| {
        let mut a = vec!["suggest", "--stage", "build", "--json"];
        a.extend_from_slice(args);
        json(d.path(), &a)["stages"][0]["suggestions"][0]["id"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(top(&[]), "gitlab-ci");
    assert_eq!(top(&["--code-host", "github"]), "github-actions");
    assert_ne!(top(&["--no-saved"]), "gitlab-ci");
    assert_eq!(
        json(d.path(), &["profile", "--json"])["code-host"],
        "gitlab"
    );
    // Reset.
    let v = json(d.path(), &["profile", "--reset", "--json"]);
    assert_eq!(v["code-host"], "any");
    assert_eq!(v["oss"], "any");
}

#[test]
fn stack_pick_show_export_import_and_clear() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path();
    feoops(p)
        .args(["stack", "pick", "deploy", "argo-cd"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Deploy: Argo CD (argo-cd)"))
        .stdout(predicate::str::contains(
            "! Argo CD (Deploy) needs Kubernetes, which the stack lacks",
        ));
    // A unique alias works; skip marks a stage.
    stdout(p, &["stack", "pick", "operate", "k8s"]);
    stdout(p, &["stack", "pick", "test", "skip"]);
    let show = stdout(p, &["stack", "show"]);
    assert!(show.contains("Operate  Kubernetes (kubernetes)"), "{show}");
    assert!(show.contains("Test     skipped"), "{show}");
    assert!(show.contains("Plan     - (not decided yet)"), "{show}");
    assert!(
        show.contains("2 of 8 stages picked, 1 skipped, 5 not decided yet."),
        "{show}"
    );
    assert!(!show.contains("Problems:"), "{show}");
    let v = json(p, &["stack", "show", "--json"]);
    assert_eq!(v["coverage"]["picked"], 2);
    assert_eq!(v["stages"][5]["pick"], "argo-cd");
    assert_eq!(v["stages"][3]["pick"], "skip");
    assert!(v["stages"][0]["pick"].is_null());

    // Export as TOML, clear, import again: the same stack.
    let file = p.join("ours.toml");
    feoops(p)
        .args(["stack", "export", "--format", "toml", "--output"])
        .arg(&file)
        .assert()
        .success();
    let before = stdout(p, &["stack", "show", "--json"]);
    stdout(p, &["stack", "clear"]);
    assert_eq!(
        json(p, &["stack", "show", "--json"])["coverage"]["picked"],
        0
    );
    feoops(p)
        .args(["stack", "import"])
        .arg(&file)
        .assert()
        .success()
        .stderr(predicate::str::contains("imported 3 picks and the profile"));
    assert_eq!(stdout(p, &["stack", "show", "--json"]), before);
    // JSON export to stdout, Markdown in Korean.
    let exported: Value =
        serde_json::from_str(&stdout(p, &["stack", "export", "--format", "json"])).unwrap();
    assert_eq!(exported["picks"]["operate"], "kubernetes");
    let md = stdout(p, &["--lang", "ko", "stack", "export"]);
    assert!(md.starts_with("# 우리 팀 툴체인\n"), "{md}");
    // Clear one stage.
    stdout(p, &["stack", "clear", "test"]);
    assert!(json(p, &["stack", "show", "--json"])["stages"][3]["pick"].is_null());
}

#[test]
fn stack_pick_refuses_unknown_ids_and_wrong_stages_with_exit_2() {
    let d = tempfile::tempdir().unwrap();
    feoops(d.path())
        .args(["stack", "pick", "deploy", "argo-ce"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean: argo-cd"));
    feoops(d.path())
        .args(["stack", "pick", "deplo", "argo-cd"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean: deploy?"));
    feoops(d.path())
        .args(["stack", "pick", "plan", "kubernetes"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("does not serve the plan stage"));
    feoops(d.path())
        .args(["stack", "clear", "shipping"])
        .assert()
        .code(2);
}

#[test]
fn stack_import_warns_about_unknown_tools_and_fails_on_bad_files() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path();
    let old = p.join("old.json");
    std::fs::write(
        &old,
        r#"{"version": 1, "picks": {"build": "hudson", "deploy": "flux", "monitor": "nagios-xi"}}"#,
    )
    .unwrap();
    let out = feoops(p)
        .args(["stack", "import"])
        .arg(&old)
        .assert()
        .success()
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8(out).unwrap();
    assert_eq!(err.matches("warning: ").count(), 2, "{err}");
    assert!(err.contains("`hudson` is not in the catalogue"), "{err}");
    assert!(
        err.contains("the file has no profile; yours is kept"),
        "{err}"
    );
    let show = stdout(p, &["stack", "show"]);
    assert!(
        show.contains("warning: Build: `hudson` is not in the catalogue"),
        "{show}"
    );

    let bad = p.join("bad.toml");
    std::fs::write(&bad, "version = 1\n[picks\n").unwrap();
    feoops(p)
        .args(["stack", "import"])
        .arg(&bad)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("not a valid stack file"));
    let newer = p.join("newer.toml");
    std::fs::write(&newer, "version = 7\n").unwrap();
    feoops(p)
        .args(["stack", "import"])
        .arg(&newer)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("newer feoops"));
    feoops(p)
        .args(["stack", "import"])
        .arg(p.join("missing.toml"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("cannot read"));
    // The saved stack was left as it was.
    assert!(stdout(p, &["stack", "show"]).contains("Flux (flux)"));
}

#[test]
fn a_saved_profile_that_cannot_be_read_is_refused_and_left_as_it_is() {
    let d = tempfile::tempdir().unwrap();
    let bad = "this is not toml = = =";
    std::fs::write(d.path().join("profile.toml"), bad).unwrap();
    feoops(d.path())
        .args(["suggest", "--stage", "plan", "--limit", "1"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("profile.toml cannot be used"))
        .stderr(predicate::str::contains("left as it is"));
    feoops(d.path())
        .args(["profile", "--cloud", "aws"])
        .assert()
        .code(1);
    assert_eq!(
        std::fs::read_to_string(d.path().join("profile.toml")).unwrap(),
        bad
    );
    // Suggestions without the saved profile still work.
    feoops(d.path())
        .args(["suggest", "--stage", "plan", "--limit", "1", "--no-saved"])
        .assert()
        .success();
}

#[test]
fn landscape_tools_are_suggested_too() {
    let d = tempfile::tempdir().unwrap();
    let v: Value = serde_json::from_slice(
        &feoops(d.path())
            .args([
                "--landscape",
                "tests/fixtures/landscape/landscape.yml",
                "suggest",
                "--stage",
                "test",
                "--limit",
                "0",
                "--json",
            ])
            .assert()
            .success()
            .get_output()
            .stdout,
    )
    .unwrap();
    let ids: Vec<&str> = v["stages"][0]["suggestions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"fixture-chaos"), "{ids:?}");
}

#[test]
fn every_advisor_command_has_help_with_examples() {
    let d = tempfile::tempdir().unwrap();
    for args in [
        &["suggest", "--help"][..],
        &["profile", "--help"],
        &["stack", "--help"],
        &["stack", "show", "--help"],
        &["stack", "pick", "--help"],
        &["stack", "clear", "--help"],
        &["stack", "export", "--help"],
        &["stack", "import", "--help"],
    ] {
        feoops(d.path())
            .args(args)
            .assert()
            .success()
            .stdout(predicate::str::contains("Examples:"));
    }
}

#[test]
fn suggest_counts_the_saved_picks_so_its_score_is_the_stack_score() {
    let d = tempfile::tempdir().unwrap();
    feoops(d.path())
        .args(["stack", "pick", "deploy", "argo-cd"])
        .assert()
        .success();
    feoops(d.path())
        .args(["stack", "pick", "operate", "kubernetes"])
        .assert()
        .success();
    let s = json(
        d.path(),
        &["suggest", "--stage", "operate", "--json", "--limit", "0"],
    );
    let k8s = s["stages"][0]["suggestions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["id"] == "kubernetes")
        .unwrap()
        .clone();
    // The pick's effect is its own reason, naming the pick and its stage.
    let works = k8s["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["code"] == "works-with")
        .expect("a works-with reason");
    assert_eq!(works["tool"], "argo-cd");
    assert_eq!(works["stage"], "deploy");
    assert_eq!(
        works["text"],
        "works with Argo CD, which you picked for Deploy"
    );
    let show = json(d.path(), &["stack", "show", "--json"]);
    let operate = show["stages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["stage"] == "operate")
        .unwrap()
        .clone();
    assert_eq!(operate["score"], k8s["score"]);
    // Without the saved stack, the reason and its points are gone.
    let plain = json(
        d.path(),
        &[
            "suggest",
            "--stage",
            "operate",
            "--json",
            "--limit",
            "0",
            "--no-saved",
        ],
    );
    let k8s_plain = plain["stages"][0]["suggestions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["id"] == "kubernetes")
        .unwrap()
        .clone();
    assert_eq!(
        k8s_plain["score"].as_i64().unwrap() + works["points"].as_i64().unwrap(),
        k8s["score"].as_i64().unwrap()
    );
}
