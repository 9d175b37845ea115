//! Helpers shared by the tests that run the real binary.

#![allow(dead_code)]

use assert_cmd::Command;

/// The `feoops` binary in a neutral environment: English locale, colours allowed.
pub fn feoops() -> Command {
    let mut c = Command::cargo_bin("feoops").unwrap();
    c.env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C.UTF-8")
        .env_remove("NO_COLOR");
    c
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
