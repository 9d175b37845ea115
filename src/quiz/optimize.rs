//! Fitting FSRS parameters to the learner's own review log (the `fsrs` crate's
//! optimizer), and the parameter file that keeps them in the data folder.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::scheduler::{DEFAULT_PARAMETERS, Fsrs, elapsed_days};
use super::session::ReviewEntry;

/// Reviews made a day or more after the previous one of the same question that the log
/// needs before fitting is worth it (FSRS learns from these; same-day ones only refine).
pub const MIN_REVIEWS: usize = 400;

/// The parameter file in the data folder.
pub const FILE_NAME: &str = "fsrs-parameters.json";

/// Parameters fitted to one learner, as saved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SavedParameters {
    pub parameters: Vec<f32>,
    /// Long-term reviews they were fitted on, and when.
    pub reviews: usize,
    pub fitted_at: Timestamp,
}

#[derive(Debug)]
pub enum OptimizeError {
    TooFewReviews { have: usize, need: usize },
    Fsrs(String),
}

impl crate::base::i18n::Localize for OptimizeError {
    fn localized(&self, lang: crate::base::Lang) -> String {
        use crate::base::i18n::{fill, text};
        let m = &text(lang).messages;
        match self {
            OptimizeError::TooFewReviews { have, need } => {
                fill(&m.too_few_reviews, &[("have", have), ("need", need)])
            }
            OptimizeError::Fsrs(detail) => fill(&m.optimizer_failed, &[("detail", detail)]),
        }
    }
}

impl std::fmt::Display for OptimizeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use crate::base::i18n::Localize;
        f.write_str(&self.localized(crate::base::Lang::En))
    }
}

impl std::error::Error for OptimizeError {}

/// What fitting gave: the parameters and how well each set predicts the log.
#[derive(Debug, Clone, PartialEq)]
pub struct Fitted {
    pub parameters: [f32; 21],
    pub reviews: usize,
    /// The share of long-term reviews answered right.
    pub actual_retention: f32,
    /// The mean predicted recall at those reviews, with the old and the new parameters.
    pub old_expected: f32,
    pub new_expected: f32,
}

/// The log as the crate's training items: for every review of a question, its history up
/// to and including it (`delta_t` in whole days; the first review has 0).
pub fn items(log: &[ReviewEntry]) -> Vec<fsrs::FSRSItem> {
    let mut by_id: BTreeMap<&str, Vec<&ReviewEntry>> = BTreeMap::new();
    for r in log {
        by_id.entry(r.id.as_str()).or_default().push(r);
    }
    let mut out = Vec::new();
    for reviews in by_id.values() {
        let mut history: Vec<fsrs::FSRSReview> = Vec::with_capacity(reviews.len());
        let mut last: Option<Timestamp> = None;
        for r in reviews {
            history.push(fsrs::FSRSReview {
                rating: r.rating as u32,
                delta_t: last.map_or(0, |l| elapsed_days(l, r.time)),
            });
            last = Some(r.time);
            out.push(fsrs::FSRSItem {
                reviews: history.clone(),
            });
        }
    }
    out
}

/// Reviews a day or more after the previous review of the same question.
pub fn long_term_reviews(items: &[fsrs::FSRSItem]) -> usize {
    items
        .iter()
        .filter(|i| i.reviews.len() > 1 && i.reviews.last().is_some_and(|r| r.delta_t > 0))
        .count()
}

/// The actual retention of the long-term reviews and the mean recall the parameters
/// predicted for them.
fn retention(fsrs: &Fsrs, items: &[fsrs::FSRSItem]) -> (f32, f32) {
    let model = fsrs::FSRS::new(fsrs.parameters()).unwrap_or_default();
    let (mut n, mut right, mut predicted) = (0usize, 0usize, 0f64);
    for item in items {
        let Some((last, history)) = item.reviews.split_last() else {
            continue;
        };
        if history.is_empty() || last.delta_t == 0 {
            continue;
        }
        let Ok(state) = model.memory_state(
            fsrs::FSRSItem {
                reviews: history.to_vec(),
            },
            None,
        ) else {
            continue;
        };
        n += 1;
        right += usize::from(last.rating > 1);
        predicted += f64::from(fsrs.retrievability(last.delta_t as f32, state.stability));
    }
    if n == 0 {
        return (0.0, 0.0);
    }
    (right as f32 / n as f32, (predicted / n as f64) as f32)
}

/// Fits parameters to the log. `current` is the model in use (for the old figure).
pub fn optimize(current: &Fsrs, log: &[ReviewEntry]) -> Result<Fitted, OptimizeError> {
    let items = items(log);
    let have = long_term_reviews(&items);
    if have < MIN_REVIEWS {
        return Err(OptimizeError::TooFewReviews {
            have,
            need: MIN_REVIEWS,
        });
    }
    // The crate trains on items with at least one review a day or more after another.
    let train_set: Vec<fsrs::FSRSItem> = items
        .iter()
        .filter(|i| i.reviews.iter().any(|r| r.delta_t > 0))
        .cloned()
        .collect();
    let fitted = fsrs::compute_parameters(fsrs::ComputeParametersInput {
        train_set,
        ..Default::default()
    })
    .map_err(|e| OptimizeError::Fsrs(format!("{e:?}")))?;
    let mut parameters = DEFAULT_PARAMETERS;
    if fitted.len() == 21 {
        parameters.copy_from_slice(&fitted);
    }
    let new = Fsrs::new(&parameters, current.desired_retention());
    let (actual_retention, old_expected) = retention(current, &items);
    let (_, new_expected) = retention(&new, &items);
    Ok(Fitted {
        parameters,
        reviews: have,
        actual_retention,
        old_expected,
        new_expected,
    })
}

pub fn file(data_dir: &Path) -> PathBuf {
    data_dir.join(FILE_NAME)
}

/// The saved parameters, if any (a missing or unreadable file means the defaults).
pub fn load(data_dir: &Path) -> Option<SavedParameters> {
    let text = std::fs::read_to_string(file(data_dir)).ok()?;
    let saved: SavedParameters = serde_json::from_str(&text).ok()?;
    (saved.parameters.len() == 21 && fsrs::FSRS::new(&saved.parameters).is_ok()).then_some(saved)
}

/// Saves fitted parameters (written to a temporary file, then renamed).
pub fn save(data_dir: &Path, saved: &SavedParameters) -> std::io::Result<()> {
    let path = file(data_dir);
    let tmp = path.with_extension("json.tmp");
    let mut text = serde_json::to_string_pretty(saved).map_err(std::io::Error::other)?;
    text.push('\n');
    std::fs::create_dir_all(data_dir)?;
    std::fs::write(&tmp, text)?;
    std::fs::rename(&tmp, &path)
}

/// The model for a data folder: saved parameters when there are some, else the defaults,
/// with the desired retention.
pub fn model_for(data_dir: &Path, desired_retention: f32) -> Fsrs {
    match load(data_dir) {
        Some(s) => Fsrs::new(&s.parameters, desired_retention),
        None => Fsrs::with_retention(desired_retention),
    }
}
