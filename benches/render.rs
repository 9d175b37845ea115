//! Render benchmarks at width 80: the Korean fixture and a generated ~15 KB
//! page mixing English, Korean and every element. The renderer has no
//! cache, so every iteration lays the page out from scratch.

use std::fmt::Write;
use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use feoops::markdown::{MdStyles, render};

const KO_NOTES: &str = include_str!("../tests/fixtures/md/ko-notes.md");

/// A deterministic page of about `target` bytes.
fn mixed_page(target: usize) -> String {
    let mut s = String::new();
    let mut i = 0;
    while s.len() < target {
        let _ = write!(
            s,
            "## Section {i}: 배포 파이프라인\n\n\
             Continuous integration merges work *often*, runs the **whole** test suite and \
             keeps `main` releasable; see [the guide](https://example.com/guide/{i}/pipelines?tab=ci) \
             for details[^n{i}].\n\n\
             지속적 통합은 작은 변경을 자주 합치는 습관이며, 실패한 빌드는 곧바로 고친다. \
             배포는버튼이아니라파이프라인의한단계가되어야한다.\n\n\
             - build the image with `docker build`\n  - tag it with the commit hash\n  \
             - push it to the registry\n- deploy to staging, then promote\n\n\
             1. 소스 코드 가져오기\n2. 테스트 실행\n3. 운영 환경으로 승격\n\n\
             > A slow pipeline is a pipeline nobody waits for.\n> > 빠른 피드백이 곧 품질이다.\n\n\
             ```sh\nkubectl rollout status deployment/web-{i} --namespace production --timeout=120s\n```\n\n\
             | Stage | Tool | 메모 |\n|:--|:-:|--:|\n| build | Cargo | 캐시 설정이 중요함 |\n\
             | deploy | Argo CD | 선언적 설정을 깃에 보관 |\n\n\
             [^n{i}]: Footnote {i}.\n\n---\n\n"
        );
        i += 1;
    }
    s
}

fn bench(c: &mut Criterion) {
    let styles = MdStyles::default();
    c.bench_function("render ko-notes w80", |b| {
        b.iter(|| render(black_box(KO_NOTES), black_box(80), &styles))
    });
    let page = mixed_page(15_000);
    assert!(
        (15_000..16_500).contains(&page.len()),
        "page is {} bytes",
        page.len()
    );
    c.bench_function("render mixed 15KB w80", |b| {
        b.iter(|| render(black_box(&page), black_box(80), &styles))
    });
}

/// Lists nested `depth` levels deep (two bytes a level, as in the hostile inputs of issue 10).
fn nested_lists(depth: usize) -> String {
    let mut s = "- ".repeat(depth);
    s.push('x');
    s
}

/// Images nested `depth` deep: `![![![…](u)](u)](u)`.
fn nested_images(depth: usize) -> String {
    let mut s = "![".repeat(depth);
    s.push('x');
    s.push_str(&"](u)".repeat(depth));
    s
}

/// A paragraph of `depth` words inside lists nested `depth` deep: every wrapped line
/// gets the prefix of all the open lists.
fn text_in_deep_lists(depth: usize) -> String {
    format!("{}x{}", "- ".repeat(depth), " word".repeat(depth))
}

/// The growth of the renderer's time with its input: each input at n, 4n and 16n. Linear
/// cost shows as about 4x between two sizes (issue 10, point 6). From 5,000 to 20,000 the
/// working set outgrows the caches (a few MB), so that step also measures the memory
/// hierarchy; 20,000 to 80,000 is out of cache at both ends. The work itself is counted
/// in `tests/render_scaling.rs`.
fn scaling(c: &mut Criterion) {
    let styles = MdStyles::default();
    let mut g = c.benchmark_group("scaling");
    g.sample_size(10);
    for n in [5_000, 20_000, 80_000] {
        let lists = nested_lists(n);
        g.bench_function(format!("nested-lists/{n}"), |b| {
            b.iter(|| render(black_box(&lists), black_box(80), &styles))
        });
        let images = nested_images(n);
        g.bench_function(format!("nested-images/{n}"), |b| {
            b.iter(|| render(black_box(&images), black_box(80), &styles))
        });
        let text = text_in_deep_lists(n);
        g.bench_function(format!("text-in-deep-lists/{n}"), |b| {
            b.iter(|| render(black_box(&text), black_box(80), &styles))
        });
    }
    g.finish();
}

criterion_group!(benches, bench, scaling);
criterion_main!(benches);
