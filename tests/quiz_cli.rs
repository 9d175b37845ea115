//! L3: `feoops quiz` through the real binary, answers scripted on stdin, a fixed seed and a
//! fixed clock (`FEOOPS_NOW`), progress in a temporary folder.

use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::Stdio;

use assert_cmd::Command;
use predicates::prelude::*;

const FIXTURE: &str = "tests/fixtures/content/quiz-valid";
const NOW: &str = "2026-03-02T09:00:00Z";

fn feoops(data: &Path) -> Command {
    let mut c = Command::cargo_bin("feoops").unwrap();
    c.env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C.UTF-8")
        .env("TZ", "UTC")
        .env("FEOOPS_NOW", NOW)
        // No config file: the default desired retention.
        .env("XDG_CONFIG_HOME", data.join("no-config"))
        .arg("--content")
        .arg(FIXTURE)
        .arg("--data-dir")
        .arg(data);
    c
}

/// Runs a plain session with `input` on stdin; returns stdout with the data folder's
/// path replaced by `[DATA]`.
fn session(data: &Path, args: &[&str], input: &str) -> String {
    let out = feoops(data)
        .args(["quiz", "--plain"])
        .args(args)
        .write_stdin(input)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out)
        .unwrap()
        .replace(&data.display().to_string(), "[DATA]")
}

fn log_lines(data: &Path) -> Vec<serde_json::Value> {
    fs::read_to_string(data.join("reviews.jsonl"))
        .unwrap_or_default()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// Every kind of question, a bad answer re-prompted, a hint, a wrong answer asked again.
const DRILL_INPUT: &str = "maybe\nh\nf\n9\n2\n1 2\n3 1 2\n1\nh\n PROVISIONING \n2\na d\n";

#[test]
fn a_scripted_drill() {
    let data = tempfile::tempdir().unwrap();
    let out = session(
        data.path(),
        &[
            "--lang", "en", "--mode", "drill", "--count", "6", "--seed", "1",
        ],
        DRILL_INPUT,
    );
    insta::assert_snapshot!("drill_en", out);
    let log = log_lines(data.path());
    let ratings: Vec<&str> = log.iter().map(|l| l["rating"].as_str().unwrap()).collect();
    // The typed answer came after a hint: Hard. The multiple choice was wrong, then right.
    assert_eq!(
        ratings,
        ["good", "good", "good", "again", "hard", "good", "good"]
    );
    assert!(log.iter().all(|l| l["mode"] == "drill" && l["time"] == NOW));
    let progress: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(data.path().join("progress.json")).unwrap())
            .unwrap();
    assert_eq!(progress["version"], 1);
    assert_eq!(progress["cards"]["cicd-003"]["reps"], 2);
}

#[test]
fn end_of_input_ends_the_session_with_progress_saved() {
    let data = tempfile::tempdir().unwrap();
    let out = session(
        data.path(),
        &[
            "--lang", "en", "--mode", "drill", "--count", "6", "--seed", "1",
        ],
        "f\n2",
    );
    let last = out.lines().last().unwrap();
    assert_eq!(
        last,
        "Session ended early with 4 left unanswered: 2 answered, 2 right. Progress saved in [DATA]."
    );
    assert_eq!(
        log_lines(data.path()).len(),
        2,
        "a last line without a line break still counts"
    );
    let again = session(
        data.path(),
        &[
            "--lang", "en", "--mode", "drill", "--count", "6", "--seed", "1",
        ],
        "",
    );
    assert!(again.contains("0 answered"));
}

#[test]
fn a_scripted_exam_reports_by_topic_at_the_end() {
    let data = tempfile::tempdir().unwrap();
    let out = session(
        data.path(),
        &[
            "--lang", "en", "--mode", "exam", "--count", "3", "--seed", "2",
        ],
        "h\n1\n2\n3\n3 1 2\n",
    );
    insta::assert_snapshot!("exam_en", out);
    assert_eq!(log_lines(data.path()).len(), 3);
}

#[test]
fn a_korean_typed_answer_in_a_korean_session() {
    let data = tempfile::tempdir().unwrap();
    let out = session(
        data.path(),
        &[
            "--lang", "ko", "--mode", "drill", "--topic", "ci-cd", "--count", "2", "--seed", "3",
        ],
        " 프로 비저닝 \n",
    );
    insta::assert_snapshot!("drill_ko", out);
}

#[test]
fn review_introduces_new_questions_up_to_the_daily_limit() {
    let data = tempfile::tempdir().unwrap();
    let args = ["--lang", "en", "--new-per-day", "2", "--seed", "4"];
    // New questions in bank order: the scenario (wrong, so asked again after the single
    // choice, then right) and the single choice.
    let first = session(data.path(), &args, "1\n1\n2\n");
    assert!(first.starts_with("Review: 2 to answer, seed 4."), "{first}");
    assert!(
        first.contains("Question 1/2 · cicd-001 · scenario (asked again)"),
        "{first}"
    );
    assert!(
        first.contains("Session over: 2 answered, 1 right."),
        "{first}"
    );
    let second = session(data.path(), &args, "");
    assert!(
        second.starts_with("Nothing to review right now"),
        "{second}"
    );
    // Both are in their learning steps: Good moves them to the 10-minute step.
    assert!(second.contains("Next review: in 10 minutes."), "{second}");
    assert!(second.contains("feoops quiz --plain --mode drill"));
}

#[test]
fn stats_after_a_session() {
    let data = tempfile::tempdir().unwrap();
    session(
        data.path(),
        &[
            "--lang", "en", "--mode", "drill", "--count", "6", "--seed", "1",
        ],
        DRILL_INPUT,
    );
    let out = feoops(data.path())
        .args(["--lang", "en", "quiz", "stats", "--days", "3"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out)
        .unwrap()
        .replace(&data.path().display().to_string(), "[DATA]");
    insta::assert_snapshot!("stats_en", out);

    let out = feoops(data.path())
        .args(["quiz", "stats", "--json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["reviews"], 7);
    assert_eq!(v["seen"], 6);
    assert_eq!(v["streak_days"], 1);
    assert_eq!(v["today"], "2026-03-02");
    assert_eq!(v["due_by_day"].as_array().unwrap().len(), 7);
    assert_eq!(v["accuracy"].as_array().unwrap().len(), 14);
    assert_eq!(
        v["accuracy"][13],
        serde_json::json!({"date": "2026-03-02", "reviews": 7, "correct": 6})
    );
    assert_eq!(v["mastery"][0]["topic"], "ci-cd");
    assert_eq!(v["data_dir"], data.path().display().to_string());
}

#[test]
fn export_is_anki_csv() {
    let data = tempfile::tempdir().unwrap();
    let out = feoops(data.path())
        .args(["--lang", "en", "quiz", "export", "--format", "csv"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    insta::assert_snapshot!("export_en_csv", out);
    let both = feoops(data.path())
        .args(["quiz", "export"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let both = String::from_utf8(both).unwrap();
    assert!(both.contains("What does CI build?") && both.contains("CI는 무엇을 빌드하나요?"));
    assert_eq!(both.lines().filter(|l| !l.starts_with('#')).count(), 6);
}

#[test]
fn a_progress_file_from_a_newer_feoops_is_refused() {
    let data = tempfile::tempdir().unwrap();
    let newer = r#"{"version": 9, "seq": 0, "cards": {}}"#;
    fs::write(data.path().join("progress.json"), newer).unwrap();
    feoops(data.path())
        .args(["quiz", "--plain", "--mode", "drill", "--seed", "1"])
        .write_stdin("f\n")
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains(
            "was written by a newer feoops (progress format 9",
        ));
    feoops(data.path()).args(["quiz", "stats"]).assert().code(1);
    assert_eq!(
        fs::read_to_string(data.path().join("progress.json")).unwrap(),
        newer
    );
    assert!(!data.path().join("reviews.jsonl").exists());
}

#[test]
fn a_corrupt_progress_file_is_reported_and_the_quiz_still_runs() {
    let data = tempfile::tempdir().unwrap();
    fs::write(
        data.path().join("progress.json"),
        "{ \"version\": 1, \"cards\": {",
    )
    .unwrap();
    feoops(data.path())
        .args([
            "quiz", "--plain", "--mode", "drill", "--count", "1", "--seed", "1",
        ])
        .write_stdin("1\n")
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "warning: the progress file could not be read",
        ))
        .stderr(predicate::str::contains("progress.json.corrupt-"));
    assert_eq!(log_lines(data.path()).len(), 1);
}

#[test]
fn without_a_terminal_the_quiz_screen_points_to_plain_mode() {
    let data = tempfile::tempdir().unwrap();
    feoops(data.path())
        .arg("quiz")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("feoops quiz --plain"));
}

#[test]
fn unknown_topics_and_modes_are_usage_errors() {
    let data = tempfile::tempdir().unwrap();
    feoops(data.path())
        .args(["quiz", "--plain", "--topic", "kubernetes"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "unknown topic `kubernetes` (expected one of: basics, ci-cd",
        ));
    feoops(data.path())
        .args(["quiz", "--plain", "--mode", "cram"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("expected review, drill or exam"));
    feoops(data.path())
        .args(["quiz", "--plain", "--mode", "drill", "--topic", "tools"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "there are no questions in topic `tools`",
        ));
}

#[test]
fn every_quiz_command_has_examples_in_its_help() {
    let data = tempfile::tempdir().unwrap();
    for args in [
        &["quiz", "--help"][..],
        &["quiz", "stats", "--help"],
        &["quiz", "export", "--help"],
    ] {
        feoops(data.path())
            .args(args)
            .assert()
            .success()
            .stdout(predicate::str::contains("Examples:"));
    }
}

#[test]
fn two_feoops_answering_at_once_lose_no_review() {
    let data = tempfile::tempdir().unwrap();
    let bin = assert_cmd::cargo::cargo_bin("feoops");
    let children: Vec<_> = (0..3)
        .map(|_| {
            let mut child = std::process::Command::new(&bin)
                .env("TZ", "UTC")
                .args(["--lang", "en", "--content", FIXTURE, "--data-dir"])
                .arg(data.path())
                .args([
                    "quiz", "--plain", "--mode", "drill", "--count", "6", "--seed", "1",
                ])
                .stdin(Stdio::piped())
                .stdout(Stdio::null())
                .spawn()
                .unwrap();
            child
                .stdin
                .take()
                .unwrap()
                .write_all(DRILL_INPUT.as_bytes())
                .unwrap();
            child
        })
        .collect();
    for mut c in children {
        assert!(c.wait().unwrap().success());
    }
    let log = log_lines(data.path());
    assert_eq!(log.len(), 21);
    let mut seqs: Vec<u64> = log.iter().map(|l| l["seq"].as_u64().unwrap()).collect();
    seqs.sort_unstable();
    assert_eq!(seqs, (1..=21).collect::<Vec<_>>());
    let progress: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(data.path().join("progress.json")).unwrap())
            .unwrap();
    let reps: u64 = progress["cards"]
        .as_object()
        .unwrap()
        .values()
        .map(|c| c["reps"].as_u64().unwrap())
        .sum();
    assert_eq!(reps, 21);
}

#[test]
fn optimize_with_too_few_reviews_says_how_many_are_needed() {
    let data = tempfile::tempdir().unwrap();
    session(
        data.path(),
        &[
            "--lang", "en", "--mode", "drill", "--count", "2", "--seed", "1",
        ],
        "1\n1\n1\n",
    );
    let out = feoops(data.path())
        .args(["--lang", "en", "quiz", "optimize"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("Not enough reviews to fit your own parameters yet: 0 of the 400 needed"),
        "{text}"
    );
    assert!(!data.path().join("fsrs-parameters.json").exists());
}
