//! `feoops explain` budgets (issue 14): a repository with 20 workflow files in under 20 ms
//! for the whole process, and a 10 MB workflow in under 1 s.

use std::path::Path;
use std::process::Command;

use criterion::{Criterion, criterion_group, criterion_main};
use feoops::pipeline;

/// A realistic workflow: tests on push and pull request, build and push an image, deploy.
fn workflow(i: usize) -> String {
    format!(
        "name: Service {i}
on:
  push:
    branches: [main]
    paths: ['services/s{i}/**']
  pull_request:
jobs:
  test:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        node: [20, 22]
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: ${{{{ matrix.node }}}}
          cache: npm
      - run: npm ci
      - run: npm test -- --coverage
  image:
    needs: test
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: docker/setup-buildx-action@v3
      - uses: docker/build-push-action@v6
        with:
          push: true
          tags: ghcr.io/example/s{i}:latest
  deploy:
    needs: image
    if: github.ref == 'refs/heads/main'
    runs-on: ubuntu-latest
    environment: production
    steps:
      - run: helm upgrade s{i} ./chart --install --atomic
      - run: kubectl rollout status deploy/s{i}
"
    )
}

/// A workflow of about `bytes` bytes: one job with many steps.
fn huge(bytes: usize) -> String {
    let mut t = String::from(
        "name: Huge\non: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n",
    );
    let mut i = 0;
    while t.len() < bytes {
        t.push_str(&format!(
            "      - name: step {i}\n        run: npm run build -- --part {i}\n"
        ));
        i += 1;
    }
    t
}

fn bench(c: &mut Criterion) {
    let repo = tempfile::tempdir().unwrap();
    let wf = repo.path().join(".github/workflows");
    std::fs::create_dir_all(&wf).unwrap();
    for i in 0..20 {
        std::fs::write(wf.join(format!("s{i}.yml")), workflow(i)).unwrap();
    }
    let big = tempfile::tempdir().unwrap();
    let bwf = big.path().join(".github/workflows");
    std::fs::create_dir_all(&bwf).unwrap();
    std::fs::write(bwf.join("huge.yml"), huge(10 * 1024 * 1024)).unwrap();

    c.bench_function("explain_20_workflows_in_process", |b| {
        b.iter(|| pipeline::explain_dir(repo.path()))
    });
    let exe = env!("CARGO_BIN_EXE_feoops");
    let run = |args: &[&str], dir: &Path| {
        let out = Command::new(exe).args(args).arg(dir).output().unwrap();
        assert!(out.status.success());
    };
    c.bench_function("explain_20_workflows_process_json", |b| {
        b.iter(|| run(&["explain", "--json"], repo.path()))
    });
    c.bench_function("explain_20_workflows_process_text", |b| {
        b.iter(|| run(&["explain", "--plain"], repo.path()))
    });
    let mut slow = c.benchmark_group("large");
    slow.sample_size(10);
    slow.bench_function("explain_10mb_workflow_in_process", |b| {
        b.iter(|| pipeline::explain_dir(big.path()))
    });
    slow.bench_function("explain_10mb_workflow_process_json", |b| {
        b.iter(|| run(&["explain", "--json"], big.path()))
    });
    slow.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
