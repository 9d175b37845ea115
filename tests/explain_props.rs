//! Properties of `explain` over generated input: random workflows (GitHub Actions and
//! GitLab CI) never panic, and every step's reported line holds the step it names;
//! arbitrary text never panics either.

use std::collections::BTreeMap;

use feoops::pipeline::{self, MemFiles, Table};
use proptest::prelude::*;

const USES: &[&str] = &[
    "actions/checkout@v4",
    "actions/setup-node@v4",
    "docker/build-push-action@v6",
    "hashicorp/setup-terraform@v3",
    "some-org/thing@main",
    "./.github/actions/missing",
];
const RUNS: &[&str] = &[
    "npm ci",
    "npm test",
    "cargo test --all",
    "kubectl apply -f k8s/",
    "helm upgrade --install app ./chart",
    "aws s3 sync ./public s3://bucket",
    "echo \"hello: world\"",
    "curl --fail https://example.com",
    "make",
];

#[derive(Debug, Clone)]
struct GenStep {
    uses: bool,
    which: usize,
    named: bool,
    block: bool,
    quoted: bool,
}

#[derive(Debug, Clone)]
struct GenJob {
    needs: Vec<usize>,
    cond: u8,
    env: u8,
    steps: Vec<GenStep>,
}

fn step() -> impl Strategy<Value = GenStep> {
    (
        any::<bool>(),
        0..9usize,
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(uses, which, named, block, quoted)| GenStep {
            uses,
            which,
            named,
            block,
            quoted,
        })
}

fn job() -> impl Strategy<Value = GenJob> {
    (
        prop::collection::vec(0..6usize, 0..3),
        0..4u8,
        0..3u8,
        prop::collection::vec(step(), 0..6),
    )
        .prop_map(|(needs, cond, env, steps)| GenJob {
            needs,
            cond,
            env,
            steps,
        })
}

fn github(on: u8, jobs: &[GenJob]) -> String {
    let mut t = String::from("name: Generated\n");
    t.push_str(match on % 5 {
        0 => "on: push\n",
        1 => "on: [push, pull_request]\n",
        2 => "on:\n  push:\n    branches: [main]\n    tags: ['v*']\n",
        3 => "on:\n  workflow_dispatch:\n  schedule:\n    - cron: '0 1 * * *'\n",
        _ => "on:\n  pull_request:\n    paths: ['src/**']\n",
    });
    t.push_str("jobs:\n");
    for (i, j) in jobs.iter().enumerate() {
        t.push_str(&format!("  job{i}:\n    runs-on: ubuntu-latest\n"));
        let needs: Vec<String> = j
            .needs
            .iter()
            .filter(|&&n| n < i)
            .map(|n| format!("job{n}"))
            .collect();
        if !needs.is_empty() {
            t.push_str(&format!("    needs: [{}]\n", needs.join(", ")));
        }
        match j.cond {
            1 => t.push_str("    if: github.ref == 'refs/heads/main'\n"),
            2 => t.push_str("    if: startsWith(github.ref, 'refs/tags/')\n"),
            _ => {}
        }
        match j.env {
            1 => t.push_str("    environment: production\n"),
            2 => t.push_str("    environment:\n      name: staging\n"),
            _ => {}
        }
        t.push_str("    steps:\n");
        for s in &j.steps {
            let first = if s.named {
                "- name: A step\n        "
            } else {
                "- "
            };
            t.push_str("      ");
            t.push_str(first);
            if s.uses {
                let u = USES[s.which % USES.len()];
                if s.quoted {
                    t.push_str(&format!("uses: \"{u}\"\n"));
                } else {
                    t.push_str(&format!("uses: {u}\n"));
                }
            } else {
                let r = RUNS[s.which % RUNS.len()];
                if s.block {
                    t.push_str(&format!("run: |\n          {r}\n          echo done\n"));
                } else if s.quoted {
                    t.push_str(&format!("run: '{}'\n", r.replace('\'', "''")));
                } else {
                    t.push_str(&format!("run: >-\n          {r}\n"));
                }
            }
        }
    }
    t
}

fn gitlab(jobs: &[GenJob]) -> String {
    let mut t = String::from("stages: [build, test, deploy]\n\n");
    for (i, j) in jobs.iter().enumerate() {
        let stage = ["build", "test", "deploy"][i % 3];
        t.push_str(&format!("job{i}:\n  stage: {stage}\n"));
        if j.cond == 1 {
            t.push_str("  when: manual\n");
        }
        if j.env == 1 {
            t.push_str("  environment: production\n");
        }
        t.push_str("  script:\n");
        for s in &j.steps {
            let r = RUNS[s.which % RUNS.len()];
            if s.quoted {
                t.push_str(&format!("    - '{}'\n", r.replace('\'', "''")));
            } else if s.block {
                t.push_str(&format!("    - |\n      {r}\n      echo done\n"));
            } else {
                t.push_str(&format!("    - >-\n      {r}\n"));
            }
        }
        if j.steps.is_empty() {
            t.push_str("    - echo empty\n");
        }
        t.push('\n');
    }
    t
}

/// Every step's line holds the first line of what it names.
fn lines_point_at_steps(files: &BTreeMap<String, String>) -> Result<(), TestCaseError> {
    let report = pipeline::explain(&MemFiles(files.clone()), &Table::embedded());
    for p in &report.pipelines {
        for j in &p.jobs {
            for s in &j.steps {
                let text = &files[&s.loc.file];
                let line = text.lines().nth(s.loc.line as usize - 1).unwrap_or("");
                let first = s.text.lines().next().unwrap_or("");
                prop_assert!(
                    line.contains(first),
                    "{}:{}: `{line}` vs `{first}`\n{text}",
                    s.loc.file,
                    s.loc.line
                );
            }
        }
    }
    for f in report.advice.iter().chain(&report.reasons) {
        if let (Some(file), Some(line)) = (&f.file, f.line) {
            let n = files[file].lines().count() as u32;
            prop_assert!(line >= 1 && line <= n, "{file}:{line} out of range");
        }
    }
    // The text and the JSON never fail either.
    let _ = serde_json::to_string(&report).unwrap();
    let _ = pipeline::render::markdown(&report, feoops::base::Lang::Ko, &|s| s.to_string());
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn generated_github_workflows(on in 0..5u8, jobs in prop::collection::vec(job(), 1..6)) {
        let mut files = BTreeMap::new();
        files.insert(".github/workflows/gen.yml".to_string(), github(on, &jobs));
        lines_point_at_steps(&files)?;
    }

    #[test]
    fn generated_gitlab_pipelines(jobs in prop::collection::vec(job(), 1..6)) {
        let mut files = BTreeMap::new();
        files.insert(".gitlab-ci.yml".to_string(), gitlab(&jobs));
        lines_point_at_steps(&files)?;
    }

    #[test]
    fn arbitrary_text_never_panics(text in "[ a-z:\\-\\[\\]{}&*<!|>'\"#\n]{0,300}") {
        let mut files = BTreeMap::new();
        files.insert(".github/workflows/x.yml".to_string(), text.clone());
        files.insert(".gitlab-ci.yml".to_string(), text.clone());
        files.insert(".circleci/config.yml".to_string(), text);
        let r = pipeline::explain(&MemFiles(files), &Table::embedded());
        for n in &r.notes {
            prop_assert!(n.loc.line >= 1 && n.col >= 1);
        }
    }
}
