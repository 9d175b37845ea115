//! The command palette: ranking every entry (pages, headings, glossary terms, tools, quiz
//! topics, commands) for a query, as each keystroke does; and building the entries once.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use feoops::base::Lang;
use feoops::library::Library;
use feoops::tui::components::palette::{build, rank};

fn palette(c: &mut Criterion) {
    let lib = Library::embedded();
    for lang in Lang::ALL {
        let entries = build(&lib, lang);
        c.bench_function(
            &format!("palette build {lang} ({} entries)", entries.len()),
            |b| b.iter(|| build(black_box(&lib), lang)),
        );
        for q in [
            "k",
            "deploy",
            "kubernetes",
            "blue green",
            "배포",
            "쿠버네티스",
        ] {
            c.bench_function(&format!("palette query {lang} {q:?}"), |b| {
                b.iter(|| rank(black_box(&entries), q, 200))
            });
        }
    }
}

criterion_group!(benches, palette);
criterion_main!(benches);
