//! Helpers shared by the tests that run the real binary.

#![allow(dead_code)]

use assert_cmd::Command;

/// The `feoops` binary in a neutral environment: English locale, colours allowed.
pub fn feoops() -> Command {
    let mut c = Command::cargo_bin("feoops").unwrap();
    c.env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C.UTF-8")
        .env_remove("NO_COLOR")
        .env("XDG_CACHE_HOME", cache_home());
    c
}

/// The cache folder the tests' binaries use (the landscape import cache), inside the
/// target directory rather than the user's `~/.cache`.
pub fn cache_home() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("cache")
}

/// Runs `feoops ARGS`, expects success and returns stdout.
pub fn stdout(args: &[&str]) -> String {
    let out = feoops()
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).unwrap()
}

/// `feoops check tests/fixtures/content/FIXTURE`.
pub fn check(fixture: &str) -> assert_cmd::assert::Assert {
    Command::cargo_bin("feoops")
        .unwrap()
        .args(["check", &format!("tests/fixtures/content/{fixture}")])
        .assert()
}

/// Asserts `check` fails and prints exactly these problem lines (after the fixture path).
pub fn check_fails_with(fixture: &str, expected: &[&str]) {
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
