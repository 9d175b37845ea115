//! The recognition table (content/explain.toml): it parses, links only to tools and stages
//! that exist, recognises what it promises, and `feoops check` reports its problems.

mod support;

use feoops::library::Library;
use feoops::pipeline::model::{Loc, Step, StepKind};
use feoops::pipeline::table::{EMBEDDED, Table};
use support::check_fails_with;

#[test]
fn the_shipped_table_links_only_to_catalogue_tools_and_loop_stages() {
    let lib = Library::embedded();
    let table = Table::parse(EMBEDDED).expect("content/explain.toml parses");
    let problems = table.validate(
        |s| lib.stage(s).is_some(),
        |t| lib.catalog().get(t).is_some(),
    );
    assert!(problems.is_empty(), "{problems:?}");
    let rules = table.uses.len() + table.images.len() + table.commands.len();
    assert!(rules > 100, "only {rules} rules");
    for r in table
        .uses
        .iter()
        .chain(&table.images)
        .chain(&table.commands)
    {
        for t in &r.tools {
            assert!(lib.catalog().get(t).is_some(), "{}: tool {t}", r.pattern);
        }
    }
}

fn recognise(kind: StepKind, text: &str) -> Step {
    let mut s = Step {
        kind,
        text: text.into(),
        name: None,
        loc: Loc {
            file: "x".into(),
            line: 1,
        },
        with: Vec::new(),
        stages: Vec::new(),
        tools: Vec::new(),
        caches: false,
        verifies: false,
    };
    Table::embedded().recognise(&mut s);
    s
}

#[test]
fn the_examples_of_the_issue_are_recognised() {
    let cases: &[(StepKind, &str, &str, &str)] = &[
        (
            StepKind::Uses,
            "docker/build-push-action@v6",
            "docker",
            "build",
        ),
        (
            StepKind::Uses,
            "hashicorp/setup-terraform@v3",
            "terraform",
            "deploy",
        ),
        (
            StepKind::Run,
            "kubectl apply -f k8s/",
            "kubernetes",
            "deploy",
        ),
        (
            StepKind::Run,
            "helm upgrade --install web ./chart",
            "helm",
            "deploy",
        ),
        (StepKind::Run, "npm test", "npm", "test"),
        (
            StepKind::Run,
            "aws s3 sync ./public s3://bucket",
            "aws",
            "deploy",
        ),
        (
            StepKind::Run,
            "npx vercel deploy --prod",
            "vercel",
            "deploy",
        ),
        (
            StepKind::Image,
            "hashicorp/terraform:1.9",
            "terraform",
            "deploy",
        ),
        (StepKind::Run, "./gradlew test", "gradle", "test"),
    ];
    for (kind, text, tool, stage) in cases {
        let s = recognise(*kind, text);
        assert!(s.tools.iter().any(|t| t == tool), "{text}: {:?}", s.tools);
        assert!(
            s.stages.iter().any(|t| t == stage),
            "{text}: {:?}",
            s.stages
        );
    }
    // The most specific rule wins: `make test` is a test, not a build.
    assert_eq!(recognise(StepKind::Run, "make test").stages, ["test"]);
    assert_eq!(
        recognise(StepKind::Run, "echo hello").stages,
        Vec::<String>::new()
    );
    assert!(recognise(StepKind::Run, "curl --fail https://x/health").verifies);
    assert!(recognise(StepKind::Uses, "actions/cache@v4").caches);
}

#[test]
fn check_reports_table_problems_with_their_lines() {
    check_fails_with(
        "explain-bad",
        &[
            "explain.toml:5:11: unknown stage `deploy` (see stages.toml)",
            "explain.toml:6:10: unknown tool `kubernetes` (not in tools/*.toml)",
            "explain.toml:8:1: `command` rule `kubectl apply` is listed twice",
            "explain.toml:12:1: `uses` rule `actions/cache` says nothing (no stages, tools, cache or verify)",
            "explain.toml:15:1: `match` is empty in a `image` rule",
        ],
    );
}

#[test]
fn every_code_is_documented_in_json_md() {
    let doc =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/JSON.md")).unwrap();
    for c in feoops::pipeline::Code::ALL {
        assert!(
            doc.contains(&format!("| `{}` |", c.id())),
            "docs/JSON.md lacks `{}`",
            c.id()
        );
    }
}
