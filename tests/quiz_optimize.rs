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
