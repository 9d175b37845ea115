//! The quiz engine: the question model, answer checking, the FSRS scheduler, sessions
//! (review, drill, exam), statistics and export. No terminal, no files: front ends drive a
//! [`Session`] and persist its reviews with [`crate::store::Store`].

pub mod answer;
mod bank;
pub mod export;
pub(crate) mod load;
mod model;
pub mod optimize;
mod present;
pub mod rng;
pub mod scheduler;
pub mod session;
pub mod stats;
pub mod tools;

pub use answer::AnswerError;
pub use bank::Bank;
pub use model::{KindTag, MAX_OPTIONS, Practice, Question, QuestionKind, Topic, true_false_label};
pub use scheduler::{Card, Fsrs, Rating};
pub use session::{
    Feedback, InputKind, Mode, QuestionView, Report, ReviewEntry, Session, SessionConfig,
    SessionError, Submitted, TopicScore,
};
pub use tools::{ToolFact, tool_questions};
