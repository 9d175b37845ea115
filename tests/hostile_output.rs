//! L3: text from hostile files (a landscape, a content folder, a stack file) full of escape
//! sequences (OSC 52, OSC 8, CSI), C1 controls and bidi controls never reaches stdout or
//! stderr as it is, whatever the command.

use std::path::Path;

use assert_cmd::Command;

/// What an attacker puts in a name: clipboard write, screen clear, window title, a
/// disguised link, a C1 CSI and a right-to-left override.
const EVIL: &str =
    "Evil\u{1b}]52;c;aGk=\u{7}Tool\u{1b}[2J\u{1b}]0;OWNED\u{7}\u{9b}31m\u{202e}xe.sh";
const LINK: &str =
    "https://ok.example.org/\u{1b}]8;;https://evil.example.org/\u{7}click\u{1b}]8;;\u{7}";

fn yaml_escaped(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{1b}' => "\\e".to_string(),
            '\u{7}' => "\\a".to_string(),
            c if (c as u32) >= 0x80 && feoops::sanitize::is_unsafe(c) => {
                format!("\\u{:04x}", c as u32)
            }
            c => c.to_string(),
        })
        .collect()
}

fn toml_escaped(s: &str) -> String {
    s.chars()
        .map(|c| {
            if feoops::sanitize::is_unsafe(c) {
                format!("\\u{:04X}", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect()
}

fn landscape(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("landscape.yml");
    let text = format!(
        "landscape:\n  - category:\n    name: Observability and Analysis\n    subcategories:\n      \
         - subcategory:\n        name: Chaos Engineering\n        items:\n          \
         - item:\n            name: \"{}\"\n            description: \"{}\"\n            \
         homepage_url: \"{}\"\n            repo_url: https://github.com/example/evil\n",
        yaml_escaped(EVIL),
        yaml_escaped(EVIL),
        yaml_escaped(LINK),
    );
    std::fs::write(&path, text).unwrap();
    path
}

/// A copy of the quiz-valid fixture whose page title, page text and a question carry
/// escapes, plus a tool with an evil name.
fn content(dir: &Path) -> std::path::PathBuf {
    let root = dir.join("content");
    let src = Path::new("tests/fixtures/content/quiz-valid");
    for rel in [
        "pipeline.toml",
        "stages.toml",
        "pages/en/stage-plan.md",
        "pages/ko/stage-plan.md",
        "pages/ko/intro.md",
        "quiz/ci-cd.toml",
    ] {
        let to = root.join(rel);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(src.join(rel), to).unwrap();
    }
    std::fs::write(
        root.join("pages/en/intro.md"),
        format!(
            "+++\nid = \"intro\"\ntitle = \"{}\"\npane = \"overview\"\norder = 1\n\
             related = [\"stage-plan\"]\n+++\n\n# Intro\n\nText {EVIL} and [x]({LINK}).\n",
            toml_escaped(EVIL)
        ),
    )
    .unwrap();
    let loop_q = std::fs::read_to_string(src.join("quiz/loop.toml")).unwrap();
    std::fs::write(
        root.join("quiz/loop.toml"),
        loop_q.replace(
            "Put these stages in order.",
            &toml_escaped(&format!("Put {EVIL} in order.")),
        ),
    )
    .unwrap();
    root
}

fn stack_file(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("stack.toml");
    std::fs::write(
        &path,
        format!(
            "version = 1\n[picks]\nbuild = \"{}\"\ndeploy = \"{}\"\n",
            toml_escaped(EVIL),
            toml_escaped(LINK)
        ),
    )
    .unwrap();
    path
}

fn run(data: &Path, args: &[&str]) -> (String, String) {
    let out = Command::cargo_bin("feoops")
        .unwrap()
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C.UTF-8")
        .env("XDG_CACHE_HOME", data.join("cache"))
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .write_stdin("1\n")
        .output()
        .unwrap();
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn assert_safe(args: &[&str], (out, err): &(String, String)) {
    for (name, s) in [("stdout", out), ("stderr", err)] {
        // CRLF ends CSV records (RFC 4180); any other control is a leak.
        let leak = s.char_indices().find(|&(i, c)| {
            feoops::sanitize::is_unsafe(c) && !(c == '\r' && s[i + 1..].starts_with('\n'))
        });
        if let Some((at, c)) = leak {
            panic!(
                "{args:?}: U+{:04X} reached {name} at byte {at}:\n{s}",
                c as u32
            );
        }
    }
}

#[test]
fn no_escape_from_any_file_reaches_stdout_or_stderr() {
    let d = tempfile::tempdir().unwrap();
    let data = d.path().join("data");
    let land = landscape(d.path());
    let land = land.to_str().unwrap();
    let dir = content(d.path());
    let dir = dir.to_str().unwrap();
    let stack = stack_file(d.path());
    let stack = stack.to_str().unwrap();
    let exported = d.path().join("out.md");

    // The evil tool's id, as the import made it.
    let (list, _) = run(&data, &["--landscape", land, "tools", "list", "--json"]);
    let tools: serde_json::Value = serde_json::from_str(&list).unwrap();
    let id = tools
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"].as_str().unwrap().starts_with("Evil"))
        .map(|t| t["id"].as_str().unwrap().to_string())
        .expect("the evil tool is imported");
    let id = id.as_str();
    let mut seen_evil_text = false;

    let commands: Vec<Vec<&str>> = vec![
        vec!["--landscape", land, "tools", "list"],
        vec!["--landscape", land, "tools", "list", "--json"],
        vec!["--landscape", land, "tools", "search", "evil"],
        vec!["--landscape", land, "tools", "search", "evil", "--json"],
        vec!["--landscape", land, "tools", "show", id],
        vec!["--landscape", land, "tools", "show", id, "--json"],
        vec![
            "--landscape",
            land,
            "suggest",
            "--stage",
            "test",
            "--limit",
            "0",
        ],
        vec!["--landscape", land, "suggest", "--json"],
        vec!["--landscape", land, "stack", "pick", "test", id],
        vec!["--landscape", land, "stack", "show"],
        vec!["--landscape", land, "stack", "show", "--json"],
        vec!["--landscape", land, "stack", "export"],
        vec!["--landscape", land, "stack", "export", "--format", "toml"],
        vec!["--landscape", land, "stack", "export", "--format", "json"],
        vec!["--landscape", land, "tools", "show", "Evil\u{1b}[2J"],
        vec!["--content", dir, "list"],
        vec!["--content", dir, "list", "--json"],
        vec!["--content", dir, "show", "intro"],
        vec!["--content", dir, "show", "no-such\u{1b}]0;x\u{7}"],
        vec!["--content", dir, "tools", "list"],
        vec!["--content", dir, "quiz", "export"],
        vec![
            "--content",
            dir,
            "quiz",
            "--plain",
            "--mode",
            "drill",
            "--count",
            "2",
            "--seed",
            "1",
        ],
        vec!["--content", dir, "check"],
        vec!["check", dir],
        vec!["stack", "import", stack],
        vec!["stack", "show"],
        vec!["stack", "show", "--json"],
        vec!["suggest", "--stage", "build"],
        vec!["profile"],
        vec!["quiz", "stats"],
    ];
    for args in &commands {
        let got = run(&data, args);
        assert_safe(args, &got);
        seen_evil_text |= got.0.contains("Evil␛]52") || got.1.contains("Evil␛]52");
    }
    // The export to a file is sanitised too.
    let args = [
        "--landscape",
        land,
        "stack",
        "export",
        "--output",
        exported.to_str().unwrap(),
    ];
    assert_safe(&args, &run(&data, &args));
    let md = std::fs::read_to_string(&exported).unwrap();
    assert!(feoops::sanitize::first_unsafe(&md).is_none(), "{md}");
    assert!(
        seen_evil_text,
        "the hostile text was shown, as visible stand-ins"
    );
}

#[test]
fn check_reports_control_characters_with_path_line_and_column() {
    let d = tempfile::tempdir().unwrap();
    let dir = content(d.path());
    let (out, _) = run(&d.path().join("data"), &["check", dir.to_str().unwrap()]);
    let page = format!("{}/pages/en/intro.md", dir.display());
    // The title (line 3, after `title = "`) holds the escapes as TOML `\u` escapes, so it is
    // the page text (line 11) that carries a raw ESC, at column 10.
    assert!(
        out.contains(&format!("{page}:11:10: control character U+001B")),
        "{out}"
    );
}

/// Hangs: a content folder with two symlinks to `.` and one to `/`, a FIFO named like a
/// page, and `/dev/zero` as a file to show. Each finishes, and the walk reads each real
/// file once: the work is bounded by the folder's own size.
#[cfg(unix)]
#[test]
fn symlink_loops_fifos_and_devices_do_not_hang() {
    use std::os::unix::fs::symlink;
    let d = tempfile::tempdir().unwrap();
    let dir = content(d.path());
    symlink(".", dir.join("loop-a")).unwrap();
    symlink(".", dir.join("pages/loop-b")).unwrap();
    symlink("/", dir.join("root")).unwrap();
    let fifo = dir.join("pages/en/fifo.md");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    let files = feoops::base::ContentFiles::from_dir(&dir).unwrap();
    // Exactly the 8 real files, each once, whatever the symlinks.
    let mut paths: Vec<&str> = files.files.iter().map(|f| f.path.as_str()).collect();
    paths.sort();
    assert_eq!(paths.len(), 8, "{paths:?}");
    paths.dedup();
    assert_eq!(paths.len(), 8, "{paths:?}");
    let why = |p: &str| {
        files
            .unreadable
            .iter()
            .find(|(path, _)| path == p)
            .map(|(_, w)| w.en.clone())
            .unwrap_or_default()
    };
    assert!(why("loop-a").contains("loop"), "{:?}", files.unreadable);
    assert!(
        why("pages/loop-b").contains("loop"),
        "{:?}",
        files.unreadable
    );
    assert!(why("root").contains("outside"), "{:?}", files.unreadable);
    if made.is_ok_and(|s| s.success()) {
        assert!(
            why("pages/en/fifo.md").contains("not a regular file"),
            "{:?}",
            files.unreadable
        );
    }
    let (_, err) = run(&d.path().join("data"), &["show", "--file", "/dev/zero"]);
    assert!(
        err.contains("/dev/zero") && err.contains("not a regular file"),
        "{err}"
    );
    let (_, err) = run(
        &d.path().join("data"),
        &["show", "--file", dir.to_str().unwrap()],
    );
    assert!(err.contains("folder"), "{err}");
}

/// A 1 MB landscape whose aliases repeat one 200 KB item 5,000 times is refused with a
/// message naming the file and the limit, before it is parsed.
#[test]
fn a_landscape_alias_bomb_is_refused_with_a_clear_message() {
    let d = tempfile::tempdir().unwrap();
    let path = d.path().join("bomb.yml");
    let mut text = format!(
        "x: &big\n  - item:\n    name: Big\n    description: {}\nlandscape:\n",
        "a".repeat(200_000)
    );
    for _ in 0..5_000 {
        text.push_str("  - *big\n");
    }
    std::fs::write(&path, &text).unwrap();
    let (_, err) = run(
        &d.path().join("data"),
        &["--landscape", path.to_str().unwrap(), "tools", "list"],
    );
    assert!(
        err.contains("bomb.yml:") && err.contains("aliases expand the file to more than 32 MB"),
        "{err}"
    );
}
