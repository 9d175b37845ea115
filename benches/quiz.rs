//! Quiz scheduling budgets: one answer scheduled (under 50 µs), and `quiz optimize` on a
//! log of 1,000 reviews (reported, no budget).

use criterion::{Criterion, criterion_group, criterion_main};
use feoops::quiz::optimize;
use feoops::quiz::session::{Mode, ReviewEntry};
use feoops::quiz::{Card, Fsrs, Rating};
use jiff::{SignedDuration, Timestamp};
use std::hint::black_box;

fn log(questions: usize, rounds: usize) -> Vec<ReviewEntry> {
    let f = Fsrs::default();
    let t0: Timestamp = "2026-01-01T09:00:00Z".parse().unwrap();
    let mut out = Vec::new();
    for q in 0..questions {
        let mut card: Option<Card> = None;
        for round in 0..rounds {
            let time = card.as_ref().map_or(t0, |c| c.due);
            let rating = match (q * 31 + round * 17) % 10 {
                0 | 5 => Rating::Again,
                3 => Rating::Hard,
                _ => Rating::Good,
            };
            card = Some(f.review(card.as_ref(), rating, time));
            out.push(ReviewEntry {
                time,
                id: format!("q-{q}"),
                rating,
                elapsed_ms: 4000,
                mode: Mode::Review,
                held: false,
            });
        }
    }
    out
}

fn bench(c: &mut Criterion) {
    let f = Fsrs::default();
    let t0: Timestamp = "2026-01-01T09:00:00Z".parse().unwrap();
    let first = f.review(None, Rating::Good, t0);
    let learned = f.review(Some(&first), Rating::Good, first.due);
    let later = learned.due + SignedDuration::from_hours(5);
    c.bench_function("quiz/schedule_one_answer", |b| {
        b.iter(|| f.review(Some(black_box(&learned)), black_box(Rating::Good), later))
    });
    let reviews = log(100, 10);
    assert_eq!(reviews.len(), 1000);
    let mut g = c.benchmark_group("quiz");
    g.sample_size(10);
    g.bench_function("optimize_1000_reviews", |b| {
        b.iter(|| optimize::optimize(&f, black_box(&reviews)).unwrap())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
