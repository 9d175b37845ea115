//! Data-folder costs (issue 10), at several sizes, to read as growth factors:
//!
//! - `store/record_answer/N`: recording one answer in a review log of N lines. It should
//!   not grow with N (the log is read once at open; an answer appends and reads only what
//!   other processes appended). Most of it is the three fsyncs of a durable write.
//! - `stack/import_long_id/B`: reading a stack file whose tool id is B bytes long. Refused
//!   before any lookup, so it grows like B (parsing), with a small constant.
//! - `stack/closest_ids/B`: the edit-distance lookup an unknown id of B bytes used to cost
//!   on every load (the reason for the cap); for comparison.
//!
//! The logs are written to a temporary folder and removed at the end.

use std::fmt::Write as _;
use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use feoops::Library;
use feoops::advisor::stack;
use feoops::quiz::Rating;
use feoops::quiz::session::{Mode, ReviewEntry};
use feoops::store::{LOG_FILE, Store};
use jiff::{SignedDuration, Timestamp};

fn record(c: &mut Criterion) {
    let t0: Timestamp = "2026-01-01T09:00:00Z".parse().unwrap();
    let mut g = c.benchmark_group("store/record_answer");
    g.sample_size(20);
    for n in [10_000u64, 40_000, 160_000, 640_000] {
        let dir = tempfile::tempdir().unwrap();
        let mut text = String::with_capacity(n as usize * 130);
        for i in 1..=n {
            let time = t0 + SignedDuration::from_secs(i as i64);
            writeln!(
                text,
                r#"{{"seq":{i},"time":"{time}","id":"q-{:03}","rating":"good","elapsed_ms":1500,"mode":"drill"}}"#,
                i % 200
            )
            .unwrap();
        }
        std::fs::write(dir.path().join(LOG_FILE), text).unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        let mut k = 0i64;
        g.bench_with_input(BenchmarkId::from_parameter(n), &n, |b, &n| {
            b.iter(|| {
                k += 1;
                store
                    .record(&ReviewEntry {
                        time: t0 + SignedDuration::from_secs(n as i64 + k),
                        id: "q-001".into(),
                        rating: Rating::Good,
                        elapsed_ms: 1000,
                        mode: Mode::Drill,
                        held: false,
                    })
                    .unwrap()
            })
        });
    }
    g.finish();
}

fn long_ids(c: &mut Criterion) {
    let lib = Library::embedded();
    let mut g = c.benchmark_group("stack/import_long_id");
    g.sample_size(20);
    for bytes in [128 * 1024, 512 * 1024, 2 * 1024 * 1024, 8 * 1024 * 1024] {
        let text = format!("version = 1\n[picks]\nbuild = \"{}\"\n", "x".repeat(bytes));
        g.bench_with_input(BenchmarkId::from_parameter(bytes), &text, |b, text| {
            b.iter(|| stack::import(black_box(text), "s.toml", &lib).unwrap_err())
        });
    }
    g.finish();
    let mut g = c.benchmark_group("stack/closest_ids");
    g.sample_size(10);
    for bytes in [2 * 1024, 8 * 1024] {
        let id = "x".repeat(bytes);
        g.bench_with_input(BenchmarkId::from_parameter(bytes), &id, |b, id| {
            b.iter(|| lib.catalog().closest_ids(black_box(id)))
        });
    }
    g.finish();
}

criterion_group!(benches, record, long_ids);
criterion_main!(benches);
