//! L3: writing files the user names never replaces something that is not a regular file
//! we own, and errors say their cause once.

#![cfg(unix)]

use std::os::unix::fs::{FileTypeExt, PermissionsExt, symlink};
use std::path::Path;

use assert_cmd::Command;

fn feoops(data: &Path) -> Command {
    let mut c = Command::cargo_bin("feoops").unwrap();
    c.env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C.UTF-8")
        .arg("--data-dir")
        .arg(data);
    c
}

fn export_to(data: &Path, target: &Path) -> (bool, String) {
    let out = feoops(data)
        .args(["stack", "export", "--output"])
        .arg(target)
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn export_refuses_symlinks_and_fifos_and_keeps_permissions() {
    let d = tempfile::tempdir().unwrap();
    let data = d.path().join("data");

    // A symlink: refused, the link and its target untouched.
    let target = d.path().join("target.md");
    std::fs::write(&target, "mine\n").unwrap();
    let link = d.path().join("link.md");
    symlink(&target, &link).unwrap();
    let (ok, err) = export_to(&data, &link);
    assert!(
        !ok && err.contains("link.md") && err.contains("symlink"),
        "{err}"
    );
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "mine\n");

    // A FIFO: refused (not replaced by a regular file, and no hang).
    let fifo = d.path().join("pipe.md");
    if std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success())
    {
        let (ok, err) = export_to(&data, &fifo);
        assert!(!ok && err.contains("not a regular file"), "{err}");
        assert!(
            std::fs::symlink_metadata(&fifo)
                .unwrap()
                .file_type()
                .is_fifo()
        );
    }

    // A private file stays private.
    let private = d.path().join("private.md");
    std::fs::write(&private, "old\n").unwrap();
    std::fs::set_permissions(&private, std::fs::Permissions::from_mode(0o600)).unwrap();
    let (ok, err) = export_to(&data, &private);
    assert!(ok, "{err}");
    let mode = std::fs::metadata(&private).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    assert!(std::fs::read_to_string(&private).unwrap().starts_with("# "));
}

#[test]
fn an_error_says_its_cause_once() {
    let d = tempfile::tempdir().unwrap();
    // The data folder is a regular file: nothing can be opened in it.
    let data = d.path().join("not-a-folder");
    std::fs::write(&data, "x").unwrap();
    let out = feoops(&data).args(["quiz", "stats"]).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{err}");
    // One line: the path, then why, said once and in words (not the OS's error number).
    assert_eq!(err.lines().count(), 1, "{err}");
    assert_eq!(err.matches("not-a-folder").count(), 1, "{err}");
    // `quiz stats` only reads: it finds a file where the folder should be.
    assert!(err.contains("is not a folder"), "{err}");
    assert!(!err.contains("(os error"), "{err}");
}

#[test]
fn a_dangling_lock_symlink_creates_nothing_outside_and_leftover_temps_are_removed() {
    let d = tempfile::tempdir().unwrap();
    let data = d.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    let outside = d.path().join("outside.lock");
    symlink(&outside, data.join("feoops.lock")).unwrap();
    // Leftovers of a `kill -9` during a write of the profile and the stack.
    for name in [".profile.toml.tmp-123-0", ".stack.toml.tmp-123-1"] {
        std::fs::write(data.join(name), "half").unwrap();
    }
    // A command that only reads follows no link and writes nothing (not even removals).
    let out = feoops(&data).args(["stack", "show"]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        !outside.exists(),
        "a file was created outside the data folder"
    );
    assert!(data.join(".stack.toml.tmp-123-1").exists());
    // The next command that writes removes the leftovers and replaces the link.
    let out = feoops(&data).args(["stack", "clear"]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        !outside.exists(),
        "a file was created outside the data folder"
    );
    let _ = std::fs::remove_file(data.join("stack.toml"));
    let _ = std::fs::remove_file(data.join("profile.toml"));
    let mut left: Vec<String> = std::fs::read_dir(&data)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left, ["feoops.lock"], "{left:?}");
    assert!(
        std::fs::symlink_metadata(data.join("feoops.lock"))
            .unwrap()
            .is_file()
    );
}
