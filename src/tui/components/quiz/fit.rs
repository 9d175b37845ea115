//! The stats view's optimize command: the user's own FSRS parameters fitted to their review
//! log (as `feoops quiz optimize` does), on a worker thread so that a long log never holds
//! up the screen, then saved in the data folder. The next session schedules with them.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use super::QuizPane;
use crate::quiz::optimize::{self, Fitted, OptimizeError, SavedParameters};

/// Where the fitting stands.
#[derive(Debug)]
pub enum Fit {
    /// Fitting on the worker thread.
    Running(Receiver<Result<Fitted, OptimizeError>>),
    /// Fitted and saved in this file.
    Saved(Fitted, PathBuf),
    /// Not enough reviews a day or more apart yet.
    TooFew { have: usize, need: usize },
    /// The log could not be read, the crate failed, or the file could not be written.
    Failed(String),
}

impl QuizPane {
    /// Starts fitting the user's parameters to their review log (once at a time).
    pub fn optimize(&mut self) {
        if self.fitting() {
            return;
        }
        let Some(store) = self.store.as_mut() else {
            let why = self.store_error.clone().unwrap_or_default();
            self.fit = Some(Fit::Failed(why));
            return;
        };
        let _ = store.refresh();
        let log = match store.reviews() {
            Ok(log) => log,
            Err(e) => {
                self.fit = Some(Fit::Failed(e.to_string()));
                return;
            }
        };
        let current = optimize::model_for(store.dir(), self.desired_retention);
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let _ = tx.send(optimize::optimize(&current, &log));
        });
        self.fit = Some(Fit::Running(rx));
    }

    /// Whether parameters are being fitted (the event loop then wakes up to collect them).
    pub fn fitting(&self) -> bool {
        matches!(self.fit, Some(Fit::Running(_)))
    }

    /// Collects a finished fit and saves its parameters; true when something changed.
    pub fn poll_fit(&mut self) -> bool {
        let Some(Fit::Running(rx)) = &self.fit else {
            return false;
        };
        let outcome = match rx.try_recv() {
            Ok(outcome) => outcome,
            Err(TryRecvError::Empty) => return false,
            Err(TryRecvError::Disconnected) => Err(OptimizeError::Fsrs("stopped".into())),
        };
        self.finish_fit(outcome);
        true
    }

    /// Waits for a running fit to finish (tests; the TUI polls instead).
    pub fn wait_fit(&mut self) {
        if let Some(Fit::Running(rx)) = &self.fit {
            let outcome = rx
                .recv()
                .unwrap_or_else(|_| Err(OptimizeError::Fsrs("stopped".into())));
            self.finish_fit(outcome);
        }
    }

    fn finish_fit(&mut self, outcome: Result<Fitted, OptimizeError>) {
        let now = self.now();
        self.fit = Some(match (outcome, self.store.as_ref()) {
            (Err(OptimizeError::TooFewReviews { have, need }), _) => Fit::TooFew { have, need },
            (Err(e), _) => Fit::Failed(e.to_string()),
            (Ok(_), None) => Fit::Failed(self.store_error.clone().unwrap_or_default()),
            (Ok(fitted), Some(store)) => {
                let saved = SavedParameters {
                    parameters: fitted.parameters.to_vec(),
                    reviews: fitted.reviews,
                    fitted_at: now,
                };
                match optimize::save(store.dir(), &saved) {
                    Ok(()) => {
                        self.saved_parameters = Some(saved);
                        Fit::Saved(fitted, optimize::file(store.dir()))
                    }
                    Err(e) => Fit::Failed(e.to_string()),
                }
            }
        });
    }
}
