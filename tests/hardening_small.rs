//! Issue 10, point 8: the small hardening items, each through the path a user takes.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use feoops::Library;
use feoops::markdown::{MdStyles, line_width, render, to_plain};
use predicates::prelude::*;

fn feoops() -> Command {
    let mut c = Command::cargo_bin("feoops").unwrap();
    c.env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C.UTF-8")
        .env("TZ", "UTC");
    c
}

/// A copy of a fixture content folder to change.
fn copy_fixture(name: &str) -> tempfile::TempDir {
    fn copy(from: &Path, to: &Path) {
        fs::create_dir_all(to).unwrap();
        for e in fs::read_dir(from).unwrap() {
            let e = e.unwrap();
            let target = to.join(e.file_name());
            if e.file_type().unwrap().is_dir() {
                copy(&e.path(), &target);
            } else {
                fs::copy(e.path(), target).unwrap();
            }
        }
    }
    let dir = tempfile::tempdir().unwrap();
    copy(&Path::new("tests/fixtures/content").join(name), dir.path());
    dir
}

fn check(dir: &Path) -> assert_cmd::assert::Assert {
    feoops().arg("check").arg(dir).assert()
}

#[test]
fn a_width_below_the_narrowest_layout_is_refused_with_the_range() {
    for w in ["1", "9"] {
        feoops()
            .args(["show", "cicd-compare", "--width", w])
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains("10..=1000"));
    }
    feoops()
        .args(["show", "cicd-compare", "--width", "10"])
        .assert()
        .success()
        .stdout(predicate::function(|s: &str| s.lines().count() > 5));
}

#[test]
fn decomposed_hangul_is_composed_before_it_is_measured() {
    // 한 as three jamo, then 글 as two: shown as two precomposed syllables.
    let lines = render(
        "\u{1112}\u{1161}\u{11ab}\u{1100}\u{1173}\u{11af} 문서",
        20,
        &MdStyles::plain(),
    );
    assert_eq!(to_plain(&lines), "한글 문서");
    assert_eq!(line_width(&lines[0]), 9);
}

#[test]
fn an_emoji_zwj_family_is_measured_as_its_parts() {
    let family = "\u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467}";
    let text = format!("{family} {family} {family} {family}");
    // A terminal that does not join them shows three emoji, six columns.
    let one = render(family, 20, &MdStyles::plain());
    assert_eq!(line_width(&one[0]), 6);
    for width in 10..=30 {
        let lines = render(&text, width, &MdStyles::plain());
        for l in &lines {
            assert!(line_width(l) <= width, "width {width}: {l:?}");
        }
        // Nothing is lost.
        assert_eq!(to_plain(&lines).matches('\u{1f467}').count(), 4);
    }
}

#[test]
fn a_non_utf8_answer_byte_is_an_invalid_answer_and_the_session_goes_on() {
    // The same answers with and without a stray byte first: the same reviews are logged.
    let reviews = |first: &[u8]| {
        let data = tempfile::tempdir().unwrap();
        let mut input = first.to_vec();
        input.extend_from_slice("1\n".repeat(20).as_bytes());
        feoops()
            .env("FEOOPS_NOW", "2026-03-02T09:00:00Z")
            .env("XDG_CONFIG_HOME", data.path().join("no-config"))
            .args([
                "--content",
                "tests/fixtures/content/quiz-valid",
                "--data-dir",
            ])
            .arg(data.path())
            .args([
                "quiz", "--plain", "--mode", "drill", "--count", "1", "--seed", "1",
            ])
            .write_stdin(input)
            .assert()
            .success();
        fs::read_to_string(data.path().join("reviews.jsonl"))
            .unwrap()
            .lines()
            .count()
    };
    let plain = reviews(b"");
    assert!(plain > 0);
    assert_eq!(reviews(b"\xff\n"), plain);
}

#[test]
fn a_page_outside_a_language_folder_is_reported() {
    let dir = copy_fixture("valid");
    fs::write(dir.path().join("pages/x.md"), "+++\nid = \"x\"\n+++\n").unwrap();
    check(dir.path()).code(1).stdout(predicate::str::contains(
        "pages/x.md:1:1: a page must sit in a language folder: pages/en/ or pages/ko/",
    ));
}

#[test]
fn one_toml_error_in_stages_toml_is_not_buried_under_follow_on_messages() {
    let dir = copy_fixture("tools-valid");
    fs::write(dir.path().join("stages.toml"), "[[stage]\nid = \"plan\"\n").unwrap();
    let out = check(dir.path()).code(1).get_output().stdout.clone();
    let out = String::from_utf8(out).unwrap();
    let problems: Vec<&str> = out.lines().filter(|l| l.contains(".toml:")).collect();
    assert_eq!(problems.len(), 2, "{out}");
    assert!(problems[0].contains("stages.toml:1:"), "{out}");
    assert!(problems[1].contains("fix stages.toml first"), "{out}");
}

#[test]
fn cr_only_line_endings_are_read_as_lines() {
    let dir = copy_fixture("valid");
    for rel in ["stages.toml", "pages/en/intro.md", "pages/ko/intro.md"] {
        let p = dir.path().join(rel);
        let text = fs::read_to_string(&p).unwrap().replace('\n', "\r");
        fs::write(&p, text).unwrap();
    }
    check(dir.path()).success().stdout(predicate::str::contains(
        "ok (2 pages in 2 languages, 2 stages)",
    ));
    // And a problem in such a file is still named by its line.
    let p = dir.path().join("pages/en/intro.md");
    let text = fs::read_to_string(&p)
        .unwrap()
        .replace("order = 1", "order = \"one\"");
    fs::write(&p, text).unwrap();
    check(dir.path())
        .code(1)
        .stdout(predicate::str::contains("pages/en/intro.md:5:9:"));
}

#[test]
fn landscape_items_without_a_usable_name_are_left_out_or_named_by_their_links() {
    let yaml = "landscape:
  - category:
    name: Provisioning
    subcategories:
      - subcategory:
        name: Container Registry
        items:
          - item:
            name: ''
            homepage_url: https://nameless.example.org/
          - item:
            name: '飞书'
            homepage_url: https://www.feishu.example.cn/
            repo_url: https://github.com/example/feishu-registry
";
    let mut lib = Library::embedded();
    let report = lib.import_landscape_text(yaml, "landscape.yml").unwrap();
    assert_eq!(report.nameless, 1);
    assert!(
        report.to_string().contains("1 without a name, left out"),
        "{report}"
    );
    let tool = lib
        .catalog()
        .get("feishu-registry")
        .expect("named by its repository");
    assert_eq!(tool.name, "飞书");
    assert!(
        lib.catalog()
            .tools()
            .iter()
            .all(|t| !t.name.trim().is_empty())
    );
}
