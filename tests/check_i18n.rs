//! `feoops check` speaks the UI language: every problem a content folder can have is
//! written in Korean under `--lang ko`, at the same `path:line:column` as in English; the
//! configuration file's problems too, and one unknown setting does not void the file.

mod support;

use std::path::Path;

fn is_hangul(c: char) -> bool {
    matches!(c, '\u{1100}'..='\u{11ff}' | '\u{3130}'..='\u{318f}' | '\u{ac00}'..='\u{d7af}')
}

/// `feoops [--lang LANG] ARGS` in a neutral environment, with `config` as the user's
/// configuration folder; (exit code, stdout, stderr).
fn run(lang: Option<&str>, args: &[&str], config: &Path) -> (i32, String, String) {
    let mut c = support::feoops();
    c.env("NO_COLOR", "1").env("XDG_CONFIG_HOME", config);
    if let Some(l) = lang {
        c.args(["--lang", l]);
    }
    let out = c.args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// A problem line `path:line:column: message` split into its place and its message.
fn place(line: &str) -> (&str, &str) {
    let mut at = 0;
    for _ in 0..3 {
        at += line[at..].find(':').map_or(line.len() - at, |i| i + 1);
    }
    let (p, m) = line.split_at(at.min(line.len()));
    (p, m.trim_start())
}

#[test]
fn korean_check_says_each_kind_of_problem_in_korean_at_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let fixture = "tests/fixtures/content/mixed-ko";
    let (code, out, _) = run(Some("ko"), &["check", "--content", fixture], dir.path());
    assert_eq!(code, 1, "{out}");
    let lines: Vec<&str> = out.lines().collect();
    let p = |rest: &str| format!("{fixture}/{rest}");
    assert_eq!(
        lines,
        [
            p("pages/en/intro.md:6:12: 관련 페이지 `nowhere`이(가) 없습니다"),
            p("pages/ko/stage-plan.md:13:1: 텍스트가 NFC로 정규화되어 있지 않습니다"),
            // The TOML crate's own words, inside a Korean frame.
            p(
                "quiz/broken.toml:2:6: TOML 문법 오류입니다(string values must be quoted, expected literal string)"
            ),
            p(
                "quiz/ci-cd.toml:3:9: 알 수 없는 주제 `cicd-basics`입니다(다음 중 하나여야 합니다: basics, ci-cd, loop, practices, interview, tools)"
            ),
            p("stages.toml:11:1: 단계 id `plan`이(가) 중복됩니다"),
            p(
                "tools/code.toml:13:12: homepage `http://forge.example.org/`이(가) 올바른 https URL이 아닙니다"
            ),
        ],
        "{out}"
    );
    // The same folder in English: the same places, the English words.
    let (code, en, _) = run(Some("en"), &["check", "--content", fixture], dir.path());
    assert_eq!(code, 1);
    let en: Vec<&str> = en.lines().collect();
    assert_eq!(en.len(), lines.len(), "{en:?}");
    for (e, k) in en.iter().zip(&lines) {
        assert_eq!(place(e).0, place(k).0);
    }
    assert!(en[4].ends_with("duplicate stage id `plan`"), "{en:?}");
}

/// Every fixture folder of the check tests, checked in both languages: the same number
/// of problems at the same places, and each Korean message has Korean words (a loader
/// message left in English fails here).
#[test]
fn every_fixture_problem_is_localized() {
    let dir = tempfile::tempdir().unwrap();
    let mut folders: Vec<_> = std::fs::read_dir("tests/fixtures/content")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    folders.sort();
    assert!(folders.len() >= 40, "the fixtures were not found");
    let mut seen = 0;
    for f in &folders {
        let f = f.to_str().unwrap();
        let (_, en, _) = run(Some("en"), &["check", f], dir.path());
        let (_, ko, _) = run(Some("ko"), &["check", f], dir.path());
        let problem = |l: &&str| l.starts_with(&format!("{f}/"));
        let en: Vec<&str> = en.lines().filter(problem).collect();
        let ko: Vec<&str> = ko.lines().filter(problem).collect();
        assert_eq!(en.len(), ko.len(), "{f}:\n{en:#?}\n{ko:#?}");
        for (e, k) in en.iter().zip(&ko) {
            let ((pe, me), (pk, mk)) = (place(e), place(k));
            assert_eq!(pe, pk, "{f}");
            assert!(
                mk.chars().any(is_hangul),
                "{f}: not in Korean: {k}\n(English: {me})"
            );
            seen += 1;
        }
    }
    assert!(seen >= 60, "only {seen} problems were compared");
}

#[test]
fn config_check_in_korean_names_each_problem_at_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bad.toml");
    std::fs::write(
        &file,
        "language = \"ko\"\ncolour = \"mono\"\n[keys]\nquit = [\"ctrl-q\"]\nfly = [\"f\"]\n[quiz]\ndesired_retention = 2.0\nretention = 1\n",
    )
    .unwrap();
    let f = file.to_str().unwrap();
    let (code, out, _) = run(Some("ko"), &["config", "check", f], dir.path());
    assert_eq!(code, 1, "{out}");
    let lines: Vec<String> = out.lines().map(|l| l.replace(f, "F")).collect();
    assert_eq!(
        lines,
        [
            "F:2:1: 알 수 없는 설정 `colour`입니다(다음 중 하나여야 합니다: language, theme, keys, quiz). 이 설정은 무시하고 나머지 설정을 적용합니다",
            "F:5:7: keys.fly: 알 수 없는 동작 `fly`입니다",
            "F:7:21: desired_retention 2가 0.70–0.99 범위를 벗어납니다",
            "F:8:1: 알 수 없는 설정 `quiz.retention`입니다(`quiz.desired_retention`을(를) 뜻합니까?). 이 설정은 무시하고 나머지 설정을 적용합니다",
        ],
        "{out}"
    );
    // A syntax error: the crate's words in a Korean frame, at the error's place.
    std::fs::write(&file, "language = \n").unwrap();
    let (code, out, _) = run(Some("ko"), &["config", "check", f], dir.path());
    assert_eq!(code, 1);
    assert!(
        out.starts_with(&format!("{f}:1:12: TOML 문법 오류입니다(")),
        "{out}"
    );
    // The same file in English.
    let (_, out, _) = run(Some("en"), &["config", "check", f], dir.path());
    assert!(!out.chars().any(is_hangul), "{out}");
}

#[test]
fn a_config_with_one_unknown_setting_still_applies_its_language() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("feoops");
    std::fs::create_dir_all(&cfg).unwrap();
    std::fs::write(
        cfg.join("config.toml"),
        "colour = \"mono\"\nlanguage = \"ko\"\n[quiz]\nretention = 0.9\n",
    )
    .unwrap();
    // No `--lang`: the language comes from the file, past its two unknown settings.
    let (code, out, _) = run(None, &["list"], dir.path());
    assert_eq!(code, 0);
    assert!(out.lines().next().unwrap_or("").contains("제목"), "{out}");
    let (code, out, _) = run(None, &["config", "check"], dir.path());
    assert_eq!(code, 1);
    assert_eq!(out.lines().count(), 2, "{out}");
    assert!(
        out.contains("config.toml:1:1: 알 수 없는 설정 `colour`"),
        "{out}"
    );
    assert!(
        out.contains("config.toml:4:1: 알 수 없는 설정 `quiz.retention`"),
        "{out}"
    );
    // A value of the wrong type is skipped the same way.
    std::fs::write(cfg.join("config.toml"), "theme = 5\nlanguage = \"ko\"\n").unwrap();
    let (_, out, _) = run(None, &["list"], dir.path());
    assert!(out.contains("제목"), "{out}");
}

/// The loaders' code holds no message text: a string literal with words in it (outside
/// tests, comments and attributes) is a message that skipped `[check]` / `[config]`.
#[test]
fn the_loaders_hold_no_message_text() {
    const FILES: &[&str] = &[
        "src/base/sink.rs",
        "src/base/stages.rs",
        "src/base/terms.rs",
        "src/pages/load.rs",
        "src/catalog/load.rs",
        "src/catalog/landscape_map.rs",
        "src/advisor/load.rs",
        "src/quiz/load.rs",
        "src/pipeline/table.rs",
        "src/tui/config.rs",
    ];
    // Words that are data, not messages: a pattern list of step names, a macOS folder.
    const ALLOWED: &[&str] = &["roll back", "Library/Application Support/feoops"];
    let mut found = Vec::new();
    for f in FILES {
        let src = std::fs::read_to_string(f).unwrap();
        let src = src.split("#[cfg(test)]").next().unwrap();
        for (i, line) in src.lines().enumerate() {
            let l = line.trim_start();
            if l.starts_with("//") || l.starts_with("#[") {
                continue;
            }
            // The literals of the line: every other piece between quotes.
            for lit in l.split('"').skip(1).step_by(2) {
                let words = lit
                    .split_whitespace()
                    .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2)
                    .count();
                if words >= 2 && !ALLOWED.contains(&lit) {
                    found.push(format!("{f}:{}: {lit:?}", i + 1));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "message text in code:\n{}",
        found.join("\n")
    );
}
