//! A simulated learner for `quiz optimize`: questions are scheduled by feoops with FSRS's
//! default parameters (as before a user's first optimize), while the learner's memory
//! follows other, known parameters (`TRUE_PARAMETERS`: a learner who forgets faster than
//! the defaults assume). Whether each answer is right is drawn from that true memory, so
//! fitting the log should move the parameters towards the truth and predict the log better.
//!
//! Used by `tests/quiz_optimize.rs` and `benches/quiz.rs` (`#[path]`-included).

use feoops::quiz::rng::Rng;
use feoops::quiz::session::{Mode, ReviewEntry};
use feoops::quiz::{Card, Fsrs, Rating};
use jiff::{SignedDuration, Timestamp};

/// The learner's true parameters: FSRS-6's defaults with initial stabilities about a
/// third of the defaults and a smaller stability gain on a right answer (w8).
pub fn true_parameters() -> [f32; 21] {
    let mut w = fsrs::DEFAULT_PARAMETERS;
    w[0] = 0.08;
    w[1] = 0.4;
    w[2] = 0.8;
    w[3] = 3.0;
    w[8] = 1.2;
    w
}

/// The chance that the learner knows a question the first time it is asked.
const FIRST_RIGHT: f64 = 0.55;

fn chance(rng: &mut Rng) -> f64 {
    (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64
}

/// A review log of at least `reviews` answers: `per_day` new questions a day, each one
/// answered whenever feoops says it is due (up to a day late, at a random hour), its
/// outcome drawn from the learner's true memory. Sorted by time.
pub fn log(reviews: usize, per_day: usize, seed: u64) -> Vec<ReviewEntry> {
    let scheduler = Fsrs::default();
    let truth = fsrs::FSRS::new(&true_parameters()).expect("valid parameters");
    let decay = true_parameters()[20];
    let t0: Timestamp = "2026-01-01T09:00:00Z".parse().expect("a time");
    let mut rng = Rng::new(seed);
    let mut out: Vec<ReviewEntry> = Vec::new();
    let mut q = 0usize;
    // Questions are introduced day by day; each is followed for 180 days.
    while out.len() < reviews {
        let day = (q / per_day.max(1)) as i64;
        let mut time = t0 + SignedDuration::from_hours(24 * day);
        let end = time + SignedDuration::from_hours(24 * 180);
        let id = format!("sim-{q:05}");
        let mut card: Option<Card> = None;
        let mut memory: Option<fsrs::MemoryState> = None;
        let mut last: Option<Timestamp> = None;
        while time < end {
            let p = match (memory, last) {
                (Some(m), Some(l)) => {
                    let days = time.duration_since(l).as_secs_f64() as f32 / 86_400.0;
                    f64::from(fsrs::current_retrievability(m, days, decay))
                }
                _ => FIRST_RIGHT,
            };
            let right = chance(&mut rng) < p;
            let rating = if !right {
                Rating::Again
            } else if chance(&mut rng) < 0.15 {
                Rating::Hard
            } else {
                Rating::Good
            };
            let whole_days = last.map_or(0, |l| {
                u32::try_from(time.duration_since(l).as_secs().max(0) / 86_400).unwrap_or(0)
            });
            let next = truth
                .next_states(memory, 0.9, whole_days)
                .expect("next states");
            memory = Some(match rating {
                Rating::Again => next.again.memory,
                Rating::Hard => next.hard.memory,
                Rating::Good => next.good.memory,
                Rating::Easy => next.easy.memory,
            });
            let c = scheduler.review(card.as_ref(), rating, time);
            out.push(ReviewEntry {
                time,
                id: id.clone(),
                rating,
                elapsed_ms: 4000,
                mode: Mode::Review,
                held: false,
            });
            last = Some(time);
            // Answered when due: within minutes in the learning steps, else up to a day late.
            let late = if c.step.is_some() {
                SignedDuration::from_secs(rng.below(120) as i64)
            } else {
                SignedDuration::from_mins(rng.below(24 * 60) as i64)
            };
            time = c.due + late;
            card = Some(c);
        }
        q += 1;
    }
    out.sort_by_key(|r| r.time);
    out.truncate(reviews);
    out
}
