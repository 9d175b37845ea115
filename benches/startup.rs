//! Start-up of each part of the library from the embedded content (what a command pays
//! before its own work), and the `--landscape` import at 2,413 (the real file when
//! `/work/shared/data/cncf-landscape.yml` exists), 10,000 and 100,000 generated items,
//! without and with the landscape cache (`catalog::cache`).
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

/// A library with its catalogue loaded (the set-up of a measured step that needs it).
fn loaded() -> Library {
    let l = Library::embedded();
    l.catalog();
    l
}

fn parts(c: &mut Criterion) {
    let mut g = c.benchmark_group("startup");
    g.bench_function("embedded-files", |b| b.iter(ContentFiles::embedded));
    g.bench_function("stages", |b| {
        b.iter(|| black_box(Library::embedded().stages().len()))
    });
    g.bench_function("pages", |b| {
        b.iter(|| black_box(Library::embedded().pages_part().len()))
    });
    g.bench_function("catalogue", |b| {
        b.iter(|| black_box(Library::embedded().catalog().len()))
    });
    // What `tools search kube` pays: the catalogue from its image, the index from the
    // prepared texts, one search.
    let kube = feoops::catalog::Query::new("kube");
    g.bench_function("catalogue+prebuilt-index+first-search", |b| {
        b.iter(|| {
            let l = Library::embedded();
            black_box(l.catalog().search(&kube, feoops::base::Lang::En, 20).len())
        })
    });
    let lib = Library::embedded();
    let tools = lib.catalog().tools().to_vec();
    // The search index built from tools in memory (an imported catalogue without the
    // cache), on the first search.
    g.bench_function("search-index+first-search", |b| {
        b.iter_batched(
            || Catalog::new(tools.clone(), lib.categories()),
            |cat| black_box(cat.search(&kube, feoops::base::Lang::En, 20).len()),
            BatchSize::SmallInput,
        )
    });
    g.bench_function("quiz-bank", |b| {
        b.iter_batched(loaded, |l| black_box(l.bank().len()), BatchSize::SmallInput)
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
    // The dashboard's first frame from nothing: the library, the app (no data folder) and
    // the Overview drawn at 120x40. Only the stages and pages load.
    g.bench_function("tui-first-frame", |b| {
        b.iter(|| {
            let lib = std::sync::Arc::new(Library::embedded());
            let mut app =
                feoops::tui::App::new(lib, feoops::base::Lang::En, feoops::tui::Theme::color());
            app.update(feoops::tui::Action::Resize(120, 40));
            let mut terminal =
                ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).unwrap();
            terminal.draw(|f| feoops::tui::draw::draw(&app, f)).unwrap();
            black_box(terminal.backend().buffer().area.width)
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
        // The fast reader must read the real file as the full YAML parser does.
        let text = std::fs::read_to_string(REAL).unwrap();
        assert_eq!(
            feoops::catalog::landscape::parse(&text, REAL).unwrap(),
            feoops::catalog::landscape::parse_reference(&text, REAL).unwrap()
        );
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
    let kube = feoops::catalog::Query::new("kube");
    let mut g = c.benchmark_group("landscape-import");
    g.sample_size(10);
    for (label, path) in &sizes {
        g.bench_function(label.as_str(), |b| {
            b.iter_batched(
                loaded,
                |mut l| black_box(l.import_landscape(path).unwrap().imported),
                BatchSize::LargeInput,
            )
        });
        // The same through the landscape cache, once it is written (the run after the
        // first one with this file).
        let cache = dir.path().join("cache");
        Library::embedded()
            .import_landscape_cached(path, Some(&cache))
            .unwrap();
        g.bench_function(format!("{label}/cached"), |b| {
            b.iter_batched(
                loaded,
                |mut l| {
                    black_box(
                        l.import_landscape_cached(path, Some(&cache))
                            .unwrap()
                            .imported,
                    )
                },
                BatchSize::LargeInput,
            )
        });
        // What `--landscape FILE tools search kube` pays after the first run: the cached
        // catalogue, its search index from the cached texts, one search. (A cached
        // catalogue keeps the cache file's bytes for the life of the process, so each
        // iteration here keeps one more copy.)
        g.bench_function(format!("{label}/cached+search"), |b| {
            b.iter_batched(
                loaded,
                |mut l| {
                    l.import_landscape_cached(path, Some(&cache)).unwrap();
                    black_box(l.catalog().search(&kube, feoops::base::Lang::En, 20).len())
                },
                BatchSize::LargeInput,
            )
        });
    }
    g.finish();
}

criterion_group!(benches, parts, landscape);
criterion_main!(benches);
