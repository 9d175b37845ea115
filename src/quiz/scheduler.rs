//! Spaced repetition with FSRS-6: a port of the scheduling math of the official `fsrs`
//! crate (6.x) with its default 21 parameters and a desired retention of 0.9. The tests
//! compare it with numbers printed by that crate. Arithmetic is in `f32`, as in the crate,
//! so the numbers agree to the last few bits.
//!
//! How answers become ratings ([`Rating::from_answer`]): wrong → Again; right → Good; right
//! after a hint, or slowly (more than three times a typical answer time for the kind, see
//! [`slow_after`]) → Hard. Easy is never given by the quiz.

use std::time::Duration;

use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};

use super::KindTag;

/// FSRS-6's default parameters (`fsrs::DEFAULT_PARAMETERS`).
pub const DEFAULT_PARAMETERS: [f32; 21] = [
    0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796, 1.4835,
    0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
];

/// The recall probability the schedule aims for.
pub const DESIRED_RETENTION: f32 = 0.9;

const S_MIN: f32 = 0.001;
const S_MAX: f32 = 36500.0;
const D_MIN: f32 = 1.0;
const D_MAX: f32 = 10.0;
const SECONDS_PER_DAY: f32 = 86_400.0;

/// How well a question was remembered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Rating {
    Again = 1,
    Hard = 2,
    Good = 3,
    Easy = 4,
}

impl Rating {
    /// The rating of an answer: wrong → Again; right after a hint or slowly → Hard;
    /// otherwise Good.
    pub fn from_answer(correct: bool, hinted: bool, took: Duration, kind: KindTag) -> Rating {
        if !correct {
            Rating::Again
        } else if hinted || took > slow_after(kind) {
            Rating::Hard
        } else {
            Rating::Good
        }
    }

    pub fn id(self) -> &'static str {
        match self {
            Rating::Again => "again",
            Rating::Hard => "hard",
            Rating::Good => "good",
            Rating::Easy => "easy",
        }
    }

    /// Whether the answer was right.
    pub fn is_pass(self) -> bool {
        self != Rating::Again
    }

    fn value(self) -> f32 {
        f32::from(self as u8)
    }
}

/// When a right answer counts as slow: three times a typical answer time for the kind
/// (true/false 10 s, single choice 20 s, scenario, multiple choice and typed 30 s, order
/// 40 s).
pub fn slow_after(kind: KindTag) -> Duration {
    let typical = match kind {
        KindTag::TrueFalse => 10,
        KindTag::Single => 20,
        KindTag::Scenario | KindTag::Multi | KindTag::Typed => 30,
        KindTag::Order => 40,
    };
    Duration::from_secs(3 * typical)
}

/// Stability (days until recall falls to 90 %) and difficulty (1–10) of a memory.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MemoryState {
    pub stability: f32,
    pub difficulty: f32,
}

/// What is remembered about one question: its memory state and when to ask it again.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Card {
    pub stability: f32,
    pub difficulty: f32,
    pub due: Timestamp,
    pub last_review: Timestamp,
    /// Reviews so far.
    pub reps: u32,
    /// Times a learned question was forgotten (Again after the first review).
    pub lapses: u32,
}

impl Card {
    pub fn memory(&self) -> MemoryState {
        MemoryState {
            stability: self.stability,
            difficulty: self.difficulty,
        }
    }

    pub fn is_due(&self, now: Timestamp) -> bool {
        self.due <= now
    }
}

/// The FSRS-6 model with its parameters and desired retention.
#[derive(Debug, Clone)]
pub struct Fsrs {
    w: [f32; 21],
    desired_retention: f32,
}

impl Default for Fsrs {
    fn default() -> Self {
        Fsrs {
            w: DEFAULT_PARAMETERS,
            desired_retention: DESIRED_RETENTION,
        }
    }
}

impl Fsrs {
    /// The default parameters with another desired retention (0 < r < 1).
    pub fn with_retention(desired_retention: f32) -> Fsrs {
        Fsrs {
            desired_retention: desired_retention.clamp(0.01, 0.99),
            ..Fsrs::default()
        }
    }

    fn decay(&self) -> f32 {
        -self.w[20]
    }

    fn factor(&self) -> f32 {
        (0.9f32.ln() / self.decay()).exp() - 1.0
    }

    /// The probability of recall `elapsed_days` after a review, for a stability.
    pub fn retrievability(&self, elapsed_days: f32, stability: f32) -> f32 {
        (elapsed_days / stability * self.factor() + 1.0).powf(self.decay())
    }

    /// Days until recall falls to the desired retention.
    pub fn interval(&self, stability: f32) -> f32 {
        stability / self.factor() * (self.desired_retention.powf(1.0 / self.decay()) - 1.0)
    }

    fn init_stability(&self, r: Rating) -> f32 {
        self.w[r as usize - 1]
    }

    fn init_difficulty(&self, r: Rating) -> f32 {
        self.w[4] - (self.w[5] * (r.value() - 1.0)).exp() + 1.0
    }

    fn next_difficulty(&self, d: f32, r: Rating) -> f32 {
        let delta = -self.w[6] * (r.value() - 3.0);
        let damped = d + (10.0 - d) * delta / 9.0;
        // Mean reversion towards the initial difficulty of Easy.
        let target = self.init_difficulty(Rating::Easy);
        (self.w[7] * (target - damped) + damped).clamp(D_MIN, D_MAX)
    }

    fn stability_after_success(&self, s: f32, d: f32, r: f32, rating: Rating) -> f32 {
        let w = &self.w;
        let hard = if rating == Rating::Hard { w[15] } else { 1.0 };
        let easy = if rating == Rating::Easy { w[16] } else { 1.0 };
        s * (w[8].exp()
            * (11.0 - d)
            * s.powf(-w[9])
            * (((1.0 - r) * w[10]).exp() - 1.0)
            * hard
            * easy
            + 1.0)
    }

    fn stability_after_failure(&self, s: f32, d: f32, r: f32) -> f32 {
        let w = &self.w;
        let new_s =
            w[11] * d.powf(-w[12]) * ((s + 1.0).powf(w[13]) - 1.0) * ((1.0 - r) * w[14]).exp();
        new_s.min(s / (w[17] * w[18]).exp())
    }

    /// A review on the same day as the previous one.
    fn stability_short_term(&self, s: f32, rating: Rating) -> f32 {
        let w = &self.w;
        let sinc = (w[17] * (rating.value() - 3.0 + w[18])).exp() * s.powf(-w[19]);
        s * if rating >= Rating::Hard {
            sinc.max(1.0)
        } else {
            sinc
        }
    }

    /// The memory state after a review `elapsed_days` (whole days) after the previous one,
    /// or after the first review when `state` is `None`.
    pub fn next_state(
        &self,
        state: Option<MemoryState>,
        elapsed_days: u32,
        rating: Rating,
    ) -> MemoryState {
        let Some(state) = state else {
            return MemoryState {
                stability: self.init_stability(rating).clamp(S_MIN, S_MAX),
                difficulty: self.init_difficulty(rating).clamp(D_MIN, D_MAX),
            };
        };
        let s = state.stability.clamp(S_MIN, S_MAX);
        let d = state.difficulty.clamp(D_MIN, D_MAX);
        let t = elapsed_days as f32;
        let stability = if elapsed_days == 0 {
            self.stability_short_term(s, rating)
        } else {
            let r = self.retrievability(t, s);
            if rating == Rating::Again {
                self.stability_after_failure(s, d, r)
            } else {
                self.stability_after_success(s, d, r, rating)
            }
        };
        MemoryState {
            stability: stability.clamp(S_MIN, S_MAX),
            difficulty: self.next_difficulty(d, rating),
        }
    }

    /// A question's card after a review at `now`. Intervals of a day or more are rounded
    /// to whole days; shorter ones (after Again) are kept to the second, at least a minute.
    pub fn review(&self, card: Option<&Card>, rating: Rating, now: Timestamp) -> Card {
        let elapsed = card.map_or(0, |c| elapsed_days(c.last_review, now));
        let state = self.next_state(card.map(Card::memory), elapsed, rating);
        let interval = self.interval(state.stability);
        let wait = if interval < 1.0 {
            SignedDuration::from_secs(((interval * SECONDS_PER_DAY) as i64).max(60))
        } else {
            SignedDuration::from_hours(24 * interval.round().min(S_MAX) as i64)
        };
        Card {
            stability: state.stability,
            difficulty: state.difficulty,
            due: now.saturating_add(wait).unwrap_or(now),
            last_review: now,
            reps: card.map_or(0, |c| c.reps).saturating_add(1),
            lapses: card.map_or(0, |c| c.lapses)
                + u32::from(card.is_some() && rating == Rating::Again),
        }
    }

    /// The predicted probability of recalling a card's question at `now`.
    pub fn recall(&self, card: &Card, now: Timestamp) -> f32 {
        let days =
            now.duration_since(card.last_review).as_secs_f64().max(0.0) as f32 / SECONDS_PER_DAY;
        self.retrievability(days, card.stability.max(S_MIN))
    }
}

/// Whole days (24-hour periods) from `from` to `to`; 0 for the same day or a clock that
/// went backwards. Reviews less than a day apart use FSRS's same-day formula.
pub fn elapsed_days(from: Timestamp, to: Timestamp) -> u32 {
    let secs = to.duration_since(from).as_secs();
    u32::try_from(secs.max(0) / 86_400).unwrap_or(u32::MAX)
}
