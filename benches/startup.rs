//! Start-up of each part of the library from the embedded content (what a command pays
//! before its own work), and the `--landscape` import at 2,413 (the real file when
//! `/work/shared/data/cncf-landscape.yml` exists), 10,000 and 100,000 generated items.
//! Budgets (issue 9): list/show/tools search under 3 ms of CPU for the whole process.

use std::hint::black_box;
use std::path::Path;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use feoops::Library;
use feoops::base::ContentFiles;
use feoops::catalog::Catalog;

#[path = "support/landscape_gen.rs"]
#[allow(dead_code)]
mod landscape_gen;

const REAL: &str = "/work/shared/data/cncf-landscape.yml";

fn parts(c: &mut Criterion) {
    let mut g = c.benchmark_group("startup");
    g.bench_function("embedded-files", |b| b.iter(ContentFiles::embedded));
    g.bench_function("stages", |b| {
        b.iter(|| black_box(Library::embedded().stages().len()))
    });
    g.bench_function("pages", |b| {
        b.iter(|| black_box(Library::embedded().pages_part().len()))
    });
    g.bench_function("catalogue+index", |b| {
        b.iter(|| black_box(Library::embedded().catalog().len()))
    });
    let lib = Library::embedded();
    let tools = lib.catalog().tools().to_vec();
    g.bench_function("search-index", |b| {
        b.iter_batched(
            || tools.clone(),
            |t| black_box(Catalog::new(t, lib.categories())),
            BatchSize::SmallInput,
        )
    });
    g.bench_function("quiz-bank", |b| {
        b.iter_batched(
            || {
                let l = Library::embedded();
                l.catalog();
                l
            },
            |l| black_box(l.bank().len()),
            BatchSize::SmallInput,
        )
    });
    g.bench_function("advisor", |b| {
        b.iter(|| {
            black_box(
                Library::embedded()
                    .weights()
                    .get(feoops::advisor::Weight::CoreJob),
            )
        })
    });
    g.bench_function("everything-checked", |b| {
        b.iter(|| black_box(Library::load(&ContentFiles::embedded()).problems.len()))
    });
    g.finish();
}

fn landscape(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut sizes: Vec<(String, std::path::PathBuf)> = Vec::new();
    if Path::new(REAL).exists() {
        sizes.push(("real-2413".into(), REAL.into()));
    } else {
        let p = dir.path().join("l2413.yml");
        std::fs::write(&p, landscape_gen::landscape_yaml(2_413)).unwrap();
        sizes.push(("generated-2413".into(), p));
    }
    for n in [10_000, 100_000] {
        let p = dir.path().join(format!("l{n}.yml"));
        std::fs::write(&p, landscape_gen::landscape_yaml(n)).unwrap();
        sizes.push((format!("generated-{n}"), p));
    }
    let mut g = c.benchmark_group("landscape-import");
    g.sample_size(10);
    for (label, path) in &sizes {
        g.bench_function(label.as_str(), |b| {
            b.iter_batched(
                || {
                    let l = Library::embedded();
                    l.catalog();
                    l
                },
                |mut l| black_box(l.import_landscape(path).unwrap().imported),
                BatchSize::LargeInput,
            )
        });
    }
    g.finish();
}

criterion_group!(benches, parts, landscape);
criterion_main!(benches);
