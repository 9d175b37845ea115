//! Quiz scheduling budgets: one answer scheduled (under 50 µs), and `quiz optimize` on
//! logs of 1,000 and 10,000 reviews of a simulated learner (reported, no budget).

#[path = "support/learner.rs"]
mod learner;

use criterion::{Criterion, criterion_group, criterion_main};
use feoops::quiz::optimize;
use feoops::quiz::{Fsrs, Rating};
use jiff::{SignedDuration, Timestamp};
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let f = Fsrs::default();
    let t0: Timestamp = "2026-01-01T09:00:00Z".parse().unwrap();
    let first = f.review(None, Rating::Good, t0);
    let learned = f.review(Some(&first), Rating::Good, first.due);
    let later = learned.due + SignedDuration::from_hours(5);
    c.bench_function("quiz/schedule_one_answer", |b| {
        b.iter(|| f.review(Some(black_box(&learned)), black_box(Rating::Good), later))
    });
    let mut g = c.benchmark_group("quiz");
    g.sample_size(10);
    for n in [1_000usize, 10_000] {
        let reviews = learner::log(n, 5, 7);
        assert_eq!(reviews.len(), n);
        g.bench_function(format!("optimize_{n}_reviews"), |b| {
            b.iter(|| optimize::optimize(&f, black_box(&reviews)).unwrap())
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
