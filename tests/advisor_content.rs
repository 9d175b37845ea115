//! L0 for the advisor's content: `content/advisor.toml` validates (and `feoops check`
//! names the file, line and column of each problem in a broken one), and the help page
//! explains every rule of it, with the same numbers, in both languages.

use assert_cmd::Command;
use feoops::Library;
use feoops::advisor::{Hard, Weight, Weights};
use feoops::base::Lang;
use feoops::pages::PagePane;
use predicates::prelude::*;

fn check(fixture: &str) -> assert_cmd::assert::Assert {
    Command::cargo_bin("feoops")
        .unwrap()
        .args(["check", &format!("tests/fixtures/content/{fixture}")])
        .assert()
}

#[test]
fn a_folder_with_valid_advisor_rules_passes() {
    check("advisor-valid")
        .success()
        .stdout(predicate::str::contains(
            "ok (2 pages in 2 languages, 2 stages, 2 tools)",
        ));
}

#[test]
fn broken_advisor_rules_are_reported_where_they_are() {
    let out = check("advisor-bad").code(1).get_output().stdout.clone();
    let out = String::from_utf8(out).unwrap();
    let prefix = "tests/fixtures/content/advisor-bad/";
    let lines: Vec<&str> = out
        .lines()
        .map(|l| l.strip_prefix(prefix).unwrap_or(l))
        .collect();
    assert_eq!(
        lines,
        [
            "advisor.toml:22:1: unknown hard constraint `saas-only` (did you mean `saas`?)",
            "advisor.toml:33:12: weight `core-job` = 250 is out of range (-100 to 100)",
            "advisor.toml:75:1: unknown weight `legasy` (did you mean `legacy`?)",
            "advisor.toml:81:9: unknown category `issue-tracker` (did you mean `issue-tracking`?)",
            "advisor.toml:83:1: unknown stage `ship`",
            "advisor.toml:87:20: unknown tool `forj` (did you mean `forge`?)",
            "advisor.toml:87:28: unknown code host `sourcehut` (expected one of: github, gitlab, bitbucket, other)",
        ],
        "{out}"
    );
}

#[test]
fn the_shipped_rules_load_without_problems() {
    let loaded = Library::load(&feoops::base::ContentFiles::embedded());
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    assert_eq!(loaded.library.weights(), &Weights::builtin());
    assert!(loaded.library.weights().is_hard(Hard::OssRequired));
}

/// The table rows of a page: cells of lines that start with `|`.
fn rows(body: &str) -> Vec<Vec<String>> {
    body.lines()
        .filter(|l| l.starts_with('|'))
        .map(|l| {
            l.trim_matches('|')
                .split('|')
                .map(|c| c.trim().to_string())
                .collect()
        })
        .collect()
}

#[test]
fn the_help_page_lists_every_weight_and_constraint_with_the_files_values() {
    let lib = Library::embedded();
    let w = lib.weights();
    for lang in Lang::ALL {
        let page = lib.page(lang, "advisor-weights").expect("help page");
        assert_eq!(page.pane, PagePane::Help);
        // The page starts with a `# Title` equal to the front matter's title.
        let first = page.body.lines().find(|l| !l.trim().is_empty()).unwrap();
        assert_eq!(first, format!("# {}", page.title), "{lang}");
        let rows = rows(&page.body);
        for weight in Weight::ALL {
            let key = format!("`{}`", weight.id());
            let row = rows
                .iter()
                .find(|r| r[0] == key)
                .unwrap_or_else(|| panic!("{lang}: no row for weight {key}"));
            assert_eq!(row[1], w.get(*weight).to_string(), "{lang}: {key}");
        }
        let on = match lang {
            Lang::En => ["yes", "no"],
            Lang::Ko => ["예", "아니요"],
        };
        for hard in Hard::ALL {
            let key = format!("`{}`", hard.id());
            let row = rows
                .iter()
                .find(|r| r[0] == key)
                .unwrap_or_else(|| panic!("{lang}: no row for constraint {key}"));
            let expected = if w.is_hard(*hard) { on[0] } else { on[1] };
            assert_eq!(row[1], expected, "{lang}: {key}");
        }
        // Every stage's core job is on the page.
        for stage in lib.stages() {
            let name = stage.name.get(lang);
            let row = rows
                .iter()
                .find(|r| r[0] == *name)
                .unwrap_or_else(|| panic!("{lang}: no core-job row for {name}"));
            for cat in w.core_jobs.get(&stage.id).into_iter().flatten() {
                let label = lib.catalog().category_label(cat, lang);
                assert!(
                    row[1].to_lowercase().contains(&label.to_lowercase()),
                    "{lang}: {name} lacks {label}: {}",
                    row[1]
                );
            }
        }
    }
}
