//! `quiz optimize`'s engine: a generated review log fitted through the `fsrs` crate.

use feoops::quiz::optimize::{self, MIN_REVIEWS, OptimizeError, SavedParameters};
use feoops::quiz::session::{Mode, ReviewEntry};
use feoops::quiz::{Card, Fsrs, Rating};
use jiff::Timestamp;

/// `questions` questions answered when due for `rounds` rounds; about one answer in five
/// (fixed by a small hash) is wrong.
fn log(questions: usize, rounds: usize) -> Vec<ReviewEntry> {
    let f = Fsrs::default();
    let t0: Timestamp = "2026-01-01T09:00:00Z".parse().unwrap();
    let mut out = Vec::new();
    for q in 0..questions {
        let id = format!("cicd-{q:03}");
        let mut card: Option<Card> = None;
        for round in 0..rounds {
            let time = card.as_ref().map_or(t0, |c| c.due);
            let h = (q * 31 + round * 17) % 10;
            let rating = match h {
                0 | 5 => Rating::Again,
                3 => Rating::Hard,
                _ => Rating::Good,
            };
            card = Some(f.review(card.as_ref(), rating, time));
            out.push(ReviewEntry {
                time,
                id: id.clone(),
                rating,
                elapsed_ms: 4000,
                mode: Mode::Review,
                held: false,
            });
        }
    }
    out.sort_by_key(|r| r.time);
    out
}

#[test]
fn too_few_reviews_says_how_many_are_needed() {
    let short = log(5, 4);
    match optimize::optimize(&Fsrs::default(), &short) {
        Err(OptimizeError::TooFewReviews { have, need }) => {
            assert!(have < need && need == MIN_REVIEWS, "{have} {need}");
            assert_eq!(
                OptimizeError::TooFewReviews { have, need }.to_string(),
                format!("{have} reviews a day or more apart; fitting needs at least {need}")
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_generated_log_gives_parameters_and_retention_figures() {
    let long = log(70, 10);
    let items = optimize::items(&long);
    assert_eq!(items.len(), long.len());
    assert!(optimize::long_term_reviews(&items) >= MIN_REVIEWS);
    let fitted = optimize::optimize(&Fsrs::default(), &long).unwrap();
    assert!(fitted.reviews >= MIN_REVIEWS);
    assert!(fitted.parameters.iter().all(|w| w.is_finite()));
    for r in [
        fitted.actual_retention,
        fitted.old_expected,
        fitted.new_expected,
    ] {
        assert!(r > 0.0 && r < 1.0, "{fitted:?}");
    }
    // The new parameters schedule, and they are saved and read back.
    let mine = Fsrs::new(&fitted.parameters, 0.9);
    assert_eq!(mine.parameters(), &fitted.parameters);
    let dir = tempfile::tempdir().unwrap();
    assert!(optimize::load(dir.path()).is_none());
    let saved = SavedParameters {
        parameters: fitted.parameters.to_vec(),
        reviews: fitted.reviews,
        fitted_at: "2026-03-01T00:00:00Z".parse().unwrap(),
    };
    optimize::save(dir.path(), &saved).unwrap();
    assert_eq!(optimize::load(dir.path()), Some(saved));
    assert_eq!(
        optimize::model_for(dir.path(), 0.85).parameters(),
        &fitted.parameters
    );
}

#[path = "../benches/support/learner.rs"]
mod learner;

/// Log loss of a parameter set on the log's long-term reviews (the crate's own measure).
fn log_loss(parameters: &[f32], log: &[ReviewEntry]) -> f32 {
    let items: Vec<fsrs::FSRSItem> = optimize::items(log)
        .into_iter()
        .filter(|i| i.reviews.len() > 1 && i.reviews.last().is_some_and(|r| r.delta_t > 0))
        .collect();
    fsrs::FSRS::new(parameters)
        .unwrap()
        .evaluate(items, |_| true)
        .unwrap()
        .log_loss
}

/// A learner who forgets faster than FSRS's defaults assume: fitting 1,000 of their
/// reviews moves the parameters towards the truth, predicts the log better (lower log
/// loss, the crate's own measure) and brings the expected retention closer to the actual.
#[test]
fn fitting_a_simulated_learner_moves_towards_their_true_parameters() {
    let log = learner::log(1_000, 5, 7);
    assert_eq!(log.len(), 1_000);
    let defaults = fsrs::DEFAULT_PARAMETERS;
    let truth = learner::true_parameters();
    let fitted = optimize::optimize(&Fsrs::default(), &log).unwrap();
    let w = fitted.parameters;
    assert!(w != defaults, "{w:?}");
    // The initial stabilities after Again, Hard and Good (w0-w2) and the stability gain on
    // a right answer (w8) are all closer to the learner's than the defaults were.
    for i in [0, 1, 2, 8] {
        assert!(
            (w[i] - truth[i]).abs() < (defaults[i] - truth[i]).abs(),
            "w{i}: fitted {} default {} true {}",
            w[i],
            defaults[i],
            truth[i]
        );
    }
    let (old, new) = (log_loss(&defaults, &log), log_loss(&w, &log));
    assert!(new < old - 0.01, "log loss {old} -> {new}");
    let actual = fitted.actual_retention;
    assert!(
        (fitted.new_expected - actual).abs() < (fitted.old_expected - actual).abs(),
        "{fitted:?}"
    );
    // The defaults over-predict this learner's recall; the fitted parameters less so.
    assert!(fitted.old_expected > actual + 0.05, "{fitted:?}");
}
