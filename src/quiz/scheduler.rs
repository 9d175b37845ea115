//! Spaced repetition on the official `fsrs` crate (pinned to 6.6.2): FSRS-6 with its 21
//! default parameters, or the user's own fitted by `feoops quiz optimize`, and a desired
//! retention (0.9 unless the config file says otherwise).
//!
//! As in Anki, new and missed questions first go through learning steps in minutes
//! ([`LEARNING_STEPS`], [`RELEARNING_STEPS`]); once a question leaves its steps it is
//! scheduled in whole days by FSRS. The memory state (stability, difficulty) is updated by
//! the crate on every review, same-day ones included.
//!
//! How answers become ratings ([`Rating::from_answer`]): wrong → Again; right → Good; right
//! after a hint, or slowly (more than three times a typical answer time for the kind, see
//! [`slow_after`]) → Hard. Easy is never given by the quiz.

use std::time::Duration;

use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};

use super::KindTag;

/// FSRS-6's default parameters (`fsrs::DEFAULT_PARAMETERS`).
pub const DEFAULT_PARAMETERS: [f32; 21] = fsrs::DEFAULT_PARAMETERS;

/// The recall probability the schedule aims for unless the config file sets another.
pub const DESIRED_RETENTION: f32 = 0.9;

/// Learning steps of a new question, in minutes (Anki's defaults: 1 m, 10 m).
pub const LEARNING_STEPS: [u32; 2] = [1, 10];
/// Relearning steps of a question missed after it was learned, in minutes.
pub const RELEARNING_STEPS: [u32; 1] = [10];

pub use fsrs::MemoryState;

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

/// What is remembered about one question: its memory state and when to ask it again.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Card {
    pub stability: f32,
    pub difficulty: f32,
    pub due: Timestamp,
    pub last_review: Timestamp,
    /// Reviews so far.
    pub reps: u32,
    /// Times the question was missed after its first review.
    pub lapses: u32,
    /// The (re)learning step the question is at; `None` once it is scheduled in days.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step: Option<u8>,
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

    /// Sets the question aside until tomorrow (24 hours from `now` at the earliest): it was
    /// missed as many times as one session allows.
    pub fn hold_until_tomorrow(&mut self, now: Timestamp) {
        let tomorrow = now
            .saturating_add(SignedDuration::from_hours(24))
            .unwrap_or(now);
        self.due = self.due.max(tomorrow);
    }

    /// Whether the question is still in its learning or relearning steps.
    pub fn is_learning(&self) -> bool {
        self.step.is_some()
    }
}

/// The FSRS-6 model of the `fsrs` crate with its parameters and desired retention.
#[derive(Debug, Clone)]
pub struct Fsrs {
    model: fsrs::FSRS,
    parameters: [f32; 21],
    desired_retention: f32,
}

impl Default for Fsrs {
    fn default() -> Self {
        Fsrs::new(&DEFAULT_PARAMETERS, DESIRED_RETENTION)
    }
}

impl Fsrs {
    /// A model with these parameters (the defaults when they are not valid FSRS-6
    /// parameters) and desired retention (clamped to 0.7–0.99).
    pub fn new(parameters: &[f32], desired_retention: f32) -> Fsrs {
        let (model, parameters) = match fsrs::FSRS::new(parameters) {
            Ok(m) if parameters.len() == 21 => {
                let mut p = [0.0; 21];
                p.copy_from_slice(parameters);
                (m, p)
            }
            _ => (fsrs::FSRS::default(), DEFAULT_PARAMETERS),
        };
        Fsrs {
            model,
            parameters,
            desired_retention: desired_retention.clamp(0.7, 0.99),
        }
    }

    /// The default parameters with another desired retention.
    pub fn with_retention(desired_retention: f32) -> Fsrs {
        Fsrs::new(&DEFAULT_PARAMETERS, desired_retention)
    }

    pub fn parameters(&self) -> &[f32; 21] {
        &self.parameters
    }

    pub fn desired_retention(&self) -> f32 {
        self.desired_retention
    }

    /// Whether the parameters are FSRS's defaults.
    pub fn is_default(&self) -> bool {
        self.parameters == DEFAULT_PARAMETERS
    }

    /// The probability of recall `elapsed_days` after a review, for a stability.
    pub fn retrievability(&self, elapsed_days: f32, stability: f32) -> f32 {
        fsrs::current_retrievability(
            MemoryState {
                stability,
                difficulty: 5.0,
            },
            elapsed_days,
            self.parameters[20],
        )
    }

    /// Days until recall falls to the desired retention.
    pub fn interval(&self, stability: f32) -> f32 {
        self.model
            .next_interval(Some(stability), self.desired_retention, 3)
    }

    /// The memory state after a review `elapsed_days` (whole days) after the previous one,
    /// or after the first review when `state` is `None`.
    pub fn next_state(
        &self,
        state: Option<MemoryState>,
        elapsed_days: u32,
        rating: Rating,
    ) -> MemoryState {
        let fallback = state.unwrap_or(MemoryState {
            stability: self.parameters[rating as usize - 1],
            difficulty: 5.0,
        });
        match self
            .model
            .next_states(state, self.desired_retention, elapsed_days)
        {
            Ok(n) => match rating {
                Rating::Again => n.again.memory,
                Rating::Hard => n.hard.memory,
                Rating::Good => n.good.memory,
                Rating::Easy => n.easy.memory,
            },
            Err(_) => fallback,
        }
    }

    /// A question's card after a review at `now`: the memory state from FSRS, and the due
    /// time from the learning steps (minutes) or, once out of them, FSRS's interval rounded
    /// to whole days (at least one).
    pub fn review(&self, card: Option<&Card>, rating: Rating, now: Timestamp) -> Card {
        let elapsed = card.map_or(0, |c| elapsed_days(c.last_review, now));
        let state = self.next_state(card.map(Card::memory), elapsed, rating);
        let lapses =
            card.map_or(0, |c| c.lapses) + u32::from(card.is_some() && rating == Rating::Again);
        // The steps the question is in, and where, before this answer.
        let position: Option<(&[u32], usize)> = match card {
            None => Some((&LEARNING_STEPS, 0)),
            Some(c) => c.step.map(|i| {
                let steps: &[u32] = if c.lapses > 0 {
                    &RELEARNING_STEPS
                } else {
                    &LEARNING_STEPS
                };
                (steps, usize::from(i).min(steps.len() - 1))
            }),
        };
        let (step, wait) = match (position, rating) {
            (_, Rating::Easy) => (None, None),
            (Some((steps, _)), Rating::Again) => (Some(0), Some(steps[0])),
            (None, Rating::Again) => (Some(0), Some(RELEARNING_STEPS[0])),
            (Some((steps, i)), Rating::Hard) => {
                let m = if i == 0 && steps.len() > 1 {
                    (steps[0] + steps[1]).div_ceil(2)
                } else if steps.len() == 1 {
                    steps[0] * 3 / 2
                } else {
                    steps[i]
                };
                (Some(i as u8), Some(m))
            }
            (Some((steps, i)), Rating::Good) if i + 1 < steps.len() => {
                (Some(i as u8 + 1), Some(steps[i + 1]))
            }
            _ => (None, None),
        };
        let wait = match wait {
            Some(minutes) => SignedDuration::from_mins(i64::from(minutes)),
            None => {
                let days = self.interval(state.stability).round().clamp(1.0, 36_500.0);
                SignedDuration::from_hours(24 * days as i64)
            }
        };
        Card {
            stability: state.stability,
            difficulty: state.difficulty,
            due: now.saturating_add(wait).unwrap_or(now),
            last_review: now,
            reps: card.map_or(0, |c| c.reps).saturating_add(1),
            lapses,
            step,
        }
    }

    /// The predicted probability of recalling a card's question at `now`.
    pub fn recall(&self, card: &Card, now: Timestamp) -> f32 {
        let days = now.duration_since(card.last_review).as_secs_f64().max(0.0) as f32 / 86_400.0;
        self.retrievability(days, card.stability.max(0.001))
    }
}

/// Whole days (24-hour periods) from `from` to `to`; 0 for the same day or a clock that
/// went backwards. Reviews less than a day apart use FSRS's same-day formula.
pub fn elapsed_days(from: Timestamp, to: Timestamp) -> u32 {
    let secs = to.duration_since(from).as_secs();
    u32::try_from(secs.max(0) / 86_400).unwrap_or(u32::MAX)
}
