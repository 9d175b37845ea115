//! The FSRS-6 port against the official `fsrs` crate.
//!
//! Every expected number below was printed by `fsrs` 6.6.2 (`FSRS::default()`, i.e. the
//! 21 default parameters, desired retention 0.9) from a scratch program outside this
//! repository: `memory_state` of an `FSRSItem` for each prefix of a rating sequence
//! (`FSRSReview { rating, delta_t }`), `next_interval(Some(s), 0.9, 3)`, `next_states` and
//! `current_retrievability`. Since the scheduler now calls that crate, these numbers guard
//! the wrapper (which rating, which elapsed days) and the pin. Ratings: 1 Again, 2 Hard, 3 Good, 4 Easy; `delta_t` in days.

use feoops::quiz::scheduler::{DEFAULT_PARAMETERS, Fsrs, MemoryState, Rating, elapsed_days};
use jiff::{SignedDuration, Timestamp};

fn close(got: f32, want: f32) -> bool {
    (got - want).abs() <= 1e-5 * want.abs().max(1.0)
}

fn rating(n: u32) -> Rating {
    match n {
        1 => Rating::Again,
        2 => Rating::Hard,
        3 => Rating::Good,
        _ => Rating::Easy,
    }
}

/// Runs `(rating, days since the previous review)` and compares (stability, difficulty,
/// interval) after each review.
fn sequence(steps: &[(u32, u32)], want: &[(f32, f32, f32)]) {
    let f = Fsrs::default();
    let mut state: Option<MemoryState> = None;
    for (i, (&(r, dt), &(s, d, iv))) in steps.iter().zip(want).enumerate() {
        let next = f.next_state(state, dt, rating(r));
        let interval = f.interval(next.stability);
        assert!(
            close(next.stability, s) && close(next.difficulty, d) && close(interval, iv),
            "step {i} ({r} after {dt} d): got S={} D={} I={interval}, want S={s} D={d} I={iv}",
            next.stability,
            next.difficulty
        );
        state = Some(next);
    }
}

#[test]
fn first_review_matches_next_states_of_a_new_card() {
    // next_states(None, 0.9, 0)
    sequence(&[(1, 0)], &[(0.212, 6.4133, 0.212)]);
    sequence(&[(2, 0)], &[(1.2931, 5.1121707, 1.2931)]);
    sequence(&[(3, 0)], &[(2.3065, 2.118104, 2.3065)]);
    sequence(&[(4, 0)], &[(8.2956, 1.0, 8.2956)]);
}

#[test]
fn good_four_times_on_schedule() {
    // Each review when due: round(interval), at least a day.
    sequence(
        &[(3, 0), (3, 2), (3, 11), (3, 46)],
        &[
            (2.3065, 2.118104, 2.3065),
            (10.964341, 2.1112142, 10.964341),
            (46.28025, 2.1043313, 46.28025),
            (162.86232, 2.0974553, 162.86232),
        ],
    );
}

#[test]
fn again_then_good_the_same_day_then_hard_then_easy() {
    sequence(
        &[(1, 0), (3, 0), (2, 1), (4, 3)],
        &[
            (0.212, 6.4133, 0.212),
            (0.24668919, 6.402115, 0.24668917),
            (1.3140469, 7.5967846, 1.3140469),
            (8.652194, 6.7789702, 8.652194),
        ],
    );
}

#[test]
fn a_lapse_after_ten_days() {
    sequence(
        &[(3, 0), (1, 10), (3, 0), (3, 1)],
        &[
            (2.3065, 2.118104, 2.3065),
            (0.7591602, 7.394502, 0.7591602),
            (0.81225914, 7.382336, 0.81225914),
            (2.7069457, 7.370182, 2.7069457),
        ],
    );
}

#[test]
fn two_lapses_in_a_row() {
    sequence(
        &[(2, 0), (3, 2), (1, 20), (1, 0), (3, 1)],
        &[
            (1.2931, 5.1121707, 1.2931),
            (6.5747056, 5.102287, 6.5747056),
            (1.294467, 8.375383, 1.294467),
            (0.4518487, 9.451228, 0.4518487),
            (1.1713325, 9.437005, 1.1713325),
        ],
    );
}

#[test]
fn same_day_goods_keep_stability() {
    sequence(
        &[(3, 0), (3, 0), (3, 0)],
        &[
            (2.3065, 2.118104, 2.3065),
            (2.3065, 2.1112142, 2.3065),
            (2.3065, 2.1043313, 2.3065),
        ],
    );
}

#[test]
fn every_rating_from_a_known_state() {
    // next_states(Some(MemoryState { stability: 10.0, difficulty: 5.0 }), 0.9, 7)
    let f = Fsrs::default();
    let from = Some(MemoryState {
        stability: 10.0,
        difficulty: 5.0,
    });
    for (r, s, d) in [
        (1, 1.3411083, 8.341763),
        (2, 20.161499, 6.6659956),
        (3, 26.89641, 4.990228),
        (4, 41.645287, 3.3144615),
    ] {
        let got = f.next_state(from, 7, rating(r));
        assert!(
            close(got.stability, s) && close(got.difficulty, d),
            "rating {r}: {got:?}"
        );
    }
}

#[test]
fn retrievability_and_intervals() {
    // current_retrievability(MemoryState { stability: 10.0, .. }, t, DEFAULT_PARAMETERS[20])
    let f = Fsrs::default();
    for (t, r) in [
        (0.0, 1.0),
        (1.0, 0.9856824),
        (5.0, 0.9403443),
        (10.0, 0.9),
        (30.0, 0.80938804),
        (100.0, 0.6928266),
    ] {
        assert!(close(f.retrievability(t, 10.0), r), "t={t}");
    }
    // next_interval(Some(s), r, 3)
    let f80 = Fsrs::with_retention(0.8);
    for (s, i90, i80) in [
        (1.0, 1.0, 3.315958),
        (2.3065, 2.3065, 7.648257),
        (10.0, 10.0, 33.15958),
        (100.0, 100.0, 331.5958),
    ] {
        assert!(close(f.interval(s), i90), "S={s}");
        assert!(close(f80.interval(s), i80), "S={s} at 0.8");
    }
    assert_eq!(DEFAULT_PARAMETERS[20], 0.1542);
}

#[test]
fn new_questions_go_through_learning_steps_then_whole_days() {
    let f = Fsrs::default();
    let t0: Timestamp = "2026-03-01T09:00:00Z".parse().unwrap();
    // Good on a new question: the second learning step, 10 minutes.
    let good = f.review(None, Rating::Good, t0);
    assert_eq!(good.due, t0 + SignedDuration::from_mins(10));
    assert_eq!((good.reps, good.lapses, good.step), (1, 0, Some(1)));
    // Good again: out of the steps, FSRS's interval in whole days.
    let t1 = good.due;
    let learned = f.review(Some(&good), Rating::Good, t1);
    assert_eq!(learned.step, None);
    let days = f.interval(learned.stability).round().max(1.0) as i64;
    assert_eq!(learned.due, t1 + SignedDuration::from_hours(24 * days));
    // Missed when due: relearning, back in 10 minutes; the memory state drops.
    let t2 = learned.due;
    let again = f.review(Some(&learned), Rating::Again, t2);
    assert!(again.stability < learned.stability);
    assert_eq!((again.reps, again.lapses, again.step), (3, 1, Some(0)));
    assert_eq!(again.due, t2 + SignedDuration::from_mins(10));
    // Again on a new question: the first step, a minute; Hard: between the two steps.
    assert_eq!(
        f.review(None, Rating::Again, t0).due,
        t0 + SignedDuration::from_mins(1)
    );
    assert_eq!(
        f.review(None, Rating::Hard, t0).due,
        t0 + SignedDuration::from_mins(6)
    );
    // Easy skips the steps.
    assert_eq!(f.review(None, Rating::Easy, t0).step, None);
    assert!(close(
        f.recall(&good, t0 + SignedDuration::from_hours(24 * 2)),
        f.retrievability(2.0, 2.3065)
    ));
    assert_eq!(elapsed_days(t0, t0 + SignedDuration::from_hours(47)), 1);
    assert_eq!(elapsed_days(t0 + SignedDuration::from_hours(1), t0), 0);
}

#[test]
fn a_replayed_log_gives_the_crates_own_memory_state_and_interval() {
    // Our cards after a review log, against `fsrs::FSRS::memory_state` of the same log.
    let f = Fsrs::default();
    let crate_model = fsrs::FSRS::default();
    let t0: Timestamp = "2026-03-01T09:00:00Z".parse().unwrap();
    let log = [
        (0, Rating::Good),
        (0, Rating::Good),
        (3, Rating::Hard),
        (10, Rating::Again),
        (10, Rating::Good),
        (11, Rating::Good),
        (30, Rating::Good),
    ];
    let mut card = None;
    let mut reviews = Vec::new();
    let mut last_day = 0;
    for (day, r) in log {
        let now = t0 + SignedDuration::from_hours(24 * day);
        card = Some(f.review(card.as_ref(), r, now));
        reviews.push(fsrs::FSRSReview {
            rating: r as u32,
            delta_t: (day - last_day) as u32,
        });
        last_day = day;
        let want = crate_model
            .memory_state(
                fsrs::FSRSItem {
                    reviews: reviews.clone(),
                },
                None,
            )
            .unwrap();
        let c = card.as_ref().unwrap();
        assert!(
            close(c.stability, want.stability) && close(c.difficulty, want.difficulty),
            "day {day}: {c:?} vs {want:?}"
        );
        assert!(close(
            f.interval(c.stability),
            crate_model.next_interval(Some(want.stability), 0.9, 3)
        ));
    }
}

#[test]
fn fitted_parameters_are_used_and_bad_ones_fall_back_to_the_defaults() {
    let mut w = DEFAULT_PARAMETERS;
    w[2] = 5.0;
    let mine = Fsrs::new(&w, 0.9);
    assert!(!mine.is_default());
    assert!(close(mine.next_state(None, 0, Rating::Good).stability, 5.0));
    let bad = Fsrs::new(&[1.0, 2.0], 0.9);
    assert!(bad.is_default());
    assert_eq!(Fsrs::new(&w, 2.0).desired_retention(), 0.99);
}

#[test]
fn answers_become_ratings() {
    use feoops::quiz::KindTag;
    use std::time::Duration;
    let quick = Duration::from_secs(5);
    assert_eq!(
        Rating::from_answer(false, false, quick, KindTag::Single),
        Rating::Again
    );
    assert_eq!(
        Rating::from_answer(true, false, quick, KindTag::Single),
        Rating::Good
    );
    assert_eq!(
        Rating::from_answer(true, true, quick, KindTag::Single),
        Rating::Hard
    );
    assert_eq!(
        Rating::from_answer(true, false, Duration::from_secs(61), KindTag::Single),
        Rating::Hard
    );
    assert_eq!(
        Rating::from_answer(true, false, Duration::from_secs(61), KindTag::Order),
        Rating::Good
    );
    assert_eq!(
        Rating::from_answer(false, true, Duration::from_secs(600), KindTag::Typed),
        Rating::Again
    );
}
