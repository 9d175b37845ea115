//! A quiz session: a state machine a front end drives without knowing the rules.
//!
//! ```text
//! Session::new ──▶ Asking ──submit()──▶ Answered(feedback) ──next()──▶ Asking … ──▶ Finished
//!                    │ hint()                                     (exam: submit() moves on
//!                    └──────▶ Asking (hint shown)                  by itself, no feedback)
//! ```
//!
//! Every [`Session::submit`] returns a [`ReviewEntry`] for the caller to persist with
//! [`crate::store::Store::record`]; the session itself does no I/O. Time is passed in
//! (`now`) so that tests and scripted sessions are reproducible.

use std::collections::{BTreeMap, HashMap};
use std::time::Duration;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::answer::AnswerError;
use super::present::{check, choices, display_order, right_answer};
use super::rng::Rng;
use super::scheduler::{Card, Fsrs, Rating};
use super::{KindTag, Question, Topic};
use crate::base::{Lang, Localized};

/// New questions introduced per day in review mode, unless configured.
pub const DEFAULT_NEW_PER_DAY: usize = 20;
pub const DEFAULT_DRILL_COUNT: usize = 10;
pub const DEFAULT_EXAM_COUNT: usize = 20;
/// How many other questions come between an Again and its retry (fewer near the end).
pub const RETRY_GAP: usize = 3;
/// How many times one question is asked in a session at most: a question missed this
/// many times is set aside until tomorrow instead of coming back.
pub const MAX_ASKS: u64 = 3;

/// How a session picks its questions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// What the scheduler says is due (earliest first), then new questions up to a limit.
    Review,
    /// N random questions (of a topic, or balanced across topics), with feedback.
    Drill,
    /// N random questions, no hints and no feedback until the end, then a score report.
    Exam,
}

impl Mode {
    pub const ALL: [Mode; 3] = [Mode::Review, Mode::Drill, Mode::Exam];

    pub fn id(self) -> &'static str {
        match self {
            Mode::Review => "review",
            Mode::Drill => "drill",
            Mode::Exam => "exam",
        }
    }

    pub fn parse(s: &str) -> Option<Mode> {
        Mode::ALL
            .into_iter()
            .find(|m| m.id() == s.trim().to_ascii_lowercase())
    }
}

/// One answer to remember: a line of the review log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewEntry {
    pub time: Timestamp,
    /// The question id.
    pub id: String,
    pub rating: Rating,
    /// From showing the question to the answer.
    pub elapsed_ms: u64,
    pub mode: Mode,
    /// Missed for the last time in its session: held until tomorrow.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub held: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionConfig {
    pub mode: Mode,
    /// Only questions of this topic; all topics when `None`.
    pub topic: Option<Topic>,
    /// Drill / exam: how many questions (defaults 10 / 20). Review: at most this many.
    pub count: Option<usize>,
    /// Review: how many never-seen questions may still be introduced (today's remainder).
    pub new_limit: usize,
    /// Decides which questions a drill or exam picks and how options are shuffled.
    pub seed: u64,
}

impl SessionConfig {
    pub fn new(mode: Mode, seed: u64) -> SessionConfig {
        SessionConfig {
            mode,
            topic: None,
            count: None,
            new_limit: DEFAULT_NEW_PER_DAY,
            seed,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SessionError {
    NoQuestionsInTopic(Topic),
    NoQuestions,
}

impl crate::base::i18n::Localize for SessionError {
    fn localized(&self, lang: crate::base::Lang) -> String {
        use crate::base::i18n::{fill, text};
        let m = &text(lang).messages;
        match self {
            SessionError::NoQuestionsInTopic(t) => {
                fill(&m.no_questions_in_topic, &[("topic", &t.id())])
            }
            SessionError::NoQuestions => m.no_questions.clone(),
        }
    }
}

impl std::fmt::Display for SessionError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use crate::base::i18n::Localize;
        f.write_str(&self.localized(crate::base::Lang::En))
    }
}

impl std::error::Error for SessionError {}

/// How the current question takes its answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    /// One key answers (single choice, scenario, true/false).
    Key,
    /// A set of keys, then Enter (multiple choice).
    Keys,
    /// Every key once, first to last, then Enter (order).
    Sequence,
    /// Free text, then Enter (typed).
    Text,
}

/// The question being asked, as shown: options in their shuffled order.
#[derive(Debug, Clone, Copy)]
pub struct QuestionView<'a> {
    pub question: &'a Question,
    /// Shown position → index of the written option or item.
    pub order: &'a [usize],
    /// 1-based number of the question among those picked, and how many were picked: a
    /// re-ask keeps the number of its first asking, so `number <= total` always.
    pub number: usize,
    pub total: usize,
    /// Asked again after a wrong answer earlier in this session.
    pub retry: bool,
    /// How many times it was asked before in this session (0 for a first asking).
    pub attempt: u64,
    pub hint_shown: bool,
    /// Exam mode: no hints.
    pub hints_allowed: bool,
    pub input: InputKind,
}

impl<'a> QuestionView<'a> {
    pub fn id(&self) -> &'a str {
        &self.question.id
    }

    pub fn kind(&self) -> KindTag {
        self.question.kind.tag()
    }

    pub fn prompt(&self, lang: Lang) -> &'a str {
        self.question.prompt.get(lang)
    }

    /// The options in shown order (key `1` first); empty for typed questions.
    pub fn choices(&self, lang: Lang) -> Vec<String> {
        choices(self.question, self.order, lang)
    }

    pub fn has_hint(&self) -> bool {
        self.hints_allowed && self.question.hint.is_some()
    }

    /// The hint, once [`Session::hint`] has revealed it.
    pub fn hint(&self, lang: Lang) -> Option<&'a str> {
        self.question
            .hint
            .as_ref()
            .filter(|_| self.hint_shown)
            .map(|h| h.get(lang).as_str())
    }

    /// The id of the page that teaches this question.
    pub fn page(&self) -> &'a str {
        &self.question.page
    }
}

/// What the learner is told after an answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Feedback {
    pub question_id: String,
    pub topic: Topic,
    pub kind: KindTag,
    pub correct: bool,
    pub rating: Rating,
    /// This answer was to a retry.
    pub retry: bool,
    /// The question comes back later in this session (after Again).
    pub requeued: bool,
    /// Missed for the last allowed time ([`MAX_ASKS`]): it is held until tomorrow.
    pub held: bool,
    /// The answer given, as shown (`1) CI only`).
    pub given: Localized<String>,
    /// The right answer, with its keys as shown (`2) Continuous Delivery`, `3 1 2: A → B → C`).
    pub answer: Localized<String>,
    /// The answer given and the right answer as text only, without keys (`CI only`,
    /// `A → B → C`): the report shows these, since keys mean nothing once options are
    /// reshuffled.
    pub given_text: Localized<String>,
    pub answer_text: Localized<String>,
    pub explanation: Localized<String>,
    /// The question's text (for the report).
    pub prompt: Localized<String>,
    /// The id of the page that teaches it (`feoops show <page>`).
    pub page: String,
    /// When the scheduler will ask it again, and after how many days.
    pub due: Timestamp,
    pub interval_days: f32,
}

/// The outcome of [`Session::submit`].
#[derive(Debug, Clone, PartialEq)]
pub struct Submitted {
    /// Persist this (`Store::record`).
    pub review: ReviewEntry,
    /// `None` in exam mode, where feedback waits for the report.
    pub feedback: Option<Feedback>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct TopicScore {
    pub topic: Topic,
    pub answered: usize,
    pub correct: usize,
}

/// The end of a session (or its state so far).
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub mode: Mode,
    /// Distinct questions the session picked.
    pub planned: usize,
    /// First answers only (retries are not scored).
    pub answered: usize,
    pub correct: usize,
    /// Retries asked after a wrong answer.
    pub retries: usize,
    pub by_topic: Vec<TopicScore>,
    /// Every answer in order, retries included.
    pub results: Vec<Feedback>,
    pub ended_early: bool,
    /// Questions (retries included) left unanswered when the session was ended early.
    pub left: usize,
}

impl Report {
    /// Correct first answers as a share of answered ones (0 when none).
    pub fn score(&self) -> f32 {
        if self.answered == 0 {
            0.0
        } else {
            self.correct as f32 / self.answered as f32
        }
    }

    /// Each question missed at least once in the session, once, in the order first
    /// missed (its first wrong answer).
    pub fn missed(&self) -> Vec<&Feedback> {
        let mut seen = std::collections::HashSet::new();
        self.results
            .iter()
            .filter(|f| !f.correct && seen.insert(f.question_id.as_str()))
            .collect()
    }
}

#[derive(Debug, Clone)]
struct Item {
    question: usize,
    order: Vec<usize>,
    attempt: u64,
}

#[derive(Debug, Clone)]
enum Phase {
    Asking { shown_at: Timestamp, hinted: bool },
    Answered(Box<Feedback>),
    Finished,
}

#[derive(Debug, Clone)]
pub struct Session {
    config: SessionConfig,
    fsrs: Fsrs,
    questions: Vec<Question>,
    cards: HashMap<String, Card>,
    items: Vec<Item>,
    planned: usize,
    pos: usize,
    phase: Phase,
    results: Vec<Feedback>,
    ended_early: bool,
    left: usize,
}

impl Session {
    /// Picks the questions for a session from the bank and the cards known so far.
    pub fn new(
        bank: &[Question],
        cards: &BTreeMap<String, Card>,
        config: SessionConfig,
        now: Timestamp,
    ) -> Result<Session, SessionError> {
        let pool: Vec<&Question> = bank
            .iter()
            .filter(|q| config.topic.is_none_or(|t| q.topic == t))
            .collect();
        let picked: Vec<&Question> = match config.mode {
            Mode::Review => {
                let mut due: Vec<(&Question, &Card)> = pool
                    .iter()
                    .filter_map(|q| cards.get(&q.id).map(|c| (*q, c)))
                    .filter(|(_, c)| c.is_due(now))
                    .collect();
                due.sort_by(|a, b| (a.1.due, &a.0.id).cmp(&(b.1.due, &b.0.id)));
                let new = pool
                    .iter()
                    .filter(|q| !cards.contains_key(&q.id))
                    .take(config.new_limit);
                let mut all: Vec<&Question> = due
                    .into_iter()
                    .map(|(q, _)| q)
                    .chain(new.copied())
                    .collect();
                if let Some(n) = config.count {
                    all.truncate(n);
                }
                all
            }
            Mode::Drill | Mode::Exam => {
                if pool.is_empty() {
                    return Err(config
                        .topic
                        .map_or(SessionError::NoQuestions, SessionError::NoQuestionsInTopic));
                }
                let default = if config.mode == Mode::Drill {
                    DEFAULT_DRILL_COUNT
                } else {
                    DEFAULT_EXAM_COUNT
                };
                balanced_sample(&pool, config.count.unwrap_or(default), config.seed)
            }
        };
        let questions: Vec<Question> = picked.into_iter().cloned().collect();
        let cards = questions
            .iter()
            .filter_map(|q| cards.get(&q.id).map(|c| (q.id.clone(), c.clone())))
            .collect();
        let items = (0..questions.len())
            .map(|i| Item {
                question: i,
                order: display_order(&questions[i], config.seed, 0),
                attempt: 0,
            })
            .collect::<Vec<_>>();
        let phase = if items.is_empty() {
            Phase::Finished
        } else {
            Phase::Asking {
                shown_at: now,
                hinted: false,
            }
        };
        Ok(Session {
            planned: items.len(),
            config,
            fsrs: Fsrs::default(),
            questions,
            cards,
            items,
            pos: 0,
            phase,
            results: Vec::new(),
            ended_early: false,
            left: 0,
        })
    }

    /// The FSRS model that schedules this session's answers (default: FSRS's parameters
    /// and a desired retention of 0.9).
    pub fn set_model(&mut self, fsrs: Fsrs) {
        self.fsrs = fsrs;
    }

    pub fn config(&self) -> &SessionConfig {
        &self.config
    }

    pub fn mode(&self) -> Mode {
        self.config.mode
    }

    /// Distinct questions picked (0: nothing due and no new questions left today).
    pub fn planned(&self) -> usize {
        self.planned
    }

    pub fn is_finished(&self) -> bool {
        matches!(self.phase, Phase::Finished)
    }

    /// The question being asked or just answered; `None` once finished.
    pub fn current(&self) -> Option<QuestionView<'_>> {
        let hint_shown = match &self.phase {
            Phase::Asking { hinted, .. } => *hinted,
            Phase::Answered(_) => false,
            Phase::Finished => return None,
        };
        let item = self.items.get(self.pos)?;
        let question = &self.questions[item.question];
        Some(QuestionView {
            question,
            order: &item.order,
            number: item.question + 1,
            total: self.planned,
            retry: item.attempt > 0,
            attempt: item.attempt,
            hint_shown,
            hints_allowed: self.config.mode != Mode::Exam,
            input: match question.kind.tag() {
                KindTag::Scenario | KindTag::Single | KindTag::TrueFalse => InputKind::Key,
                KindTag::Multi => InputKind::Keys,
                KindTag::Order => InputKind::Sequence,
                KindTag::Typed => InputKind::Text,
            },
        })
    }

    /// The feedback on the last answer, while it is shown (not in exam mode).
    pub fn feedback(&self) -> Option<&Feedback> {
        match &self.phase {
            Phase::Answered(f) => Some(f),
            _ => None,
        }
    }

    /// Reveals the current question's hint; a right answer after it is rated Hard.
    /// `None` when the question has no hint, in exam mode, or when not asking.
    pub fn hint(&mut self) -> Option<&Localized<String>> {
        if self.config.mode == Mode::Exam {
            return None;
        }
        let Phase::Asking { hinted, .. } = &mut self.phase else {
            return None;
        };
        let question = &self.questions[self.items[self.pos].question];
        let hint = question.hint.as_ref()?;
        *hinted = true;
        Some(hint)
    }

    /// Checks an answer to the current question. An input that is not an answer (a key out
    /// of range, an incomplete order, nothing) is an error and the question stays asked.
    pub fn submit(&mut self, input: &str, now: Timestamp) -> Result<Submitted, AnswerError> {
        let Phase::Asking { shown_at, hinted } = self.phase else {
            return Err(AnswerError::NotAsking);
        };
        let item = &self.items[self.pos];
        let q = &self.questions[item.question];
        let checked = check(q, &item.order, input)?;
        let correct = checked.correct;
        let took = Duration::from_millis(
            u64::try_from(now.duration_since(shown_at).as_millis()).unwrap_or(0),
        );
        let rating = Rating::from_answer(correct, hinted, took, q.kind.tag());
        let mut card = self.fsrs.review(self.cards.get(&q.id), rating, now);
        let missed = rating == Rating::Again && self.config.mode != Mode::Exam;
        let requeued = missed && item.attempt + 1 < MAX_ASKS;
        let held = missed && !requeued;
        if held {
            card.hold_until_tomorrow(now);
        }
        let feedback = Feedback {
            question_id: q.id.clone(),
            topic: q.topic,
            kind: q.kind.tag(),
            correct,
            rating,
            retry: item.attempt > 0,
            requeued,
            held,
            given: checked.given,
            answer: right_answer(q, &item.order),
            given_text: checked.given_text,
            answer_text: Localized {
                en: q.answer_text(Lang::En),
                ko: q.answer_text(Lang::Ko),
            },
            explanation: q.explanation.clone(),
            prompt: q.prompt.clone(),
            page: q.page.clone(),
            due: card.due,
            interval_days: card.due.duration_since(now).as_secs_f64() as f32 / 86_400.0,
        };
        let review = ReviewEntry {
            time: now,
            id: q.id.clone(),
            rating,
            elapsed_ms: u64::try_from(took.as_millis()).unwrap_or(u64::MAX),
            mode: self.config.mode,
            held,
        };
        if requeued {
            let retry = Item {
                question: item.question,
                order: display_order(q, self.config.seed, item.attempt + 1),
                attempt: item.attempt + 1,
            };
            let at = (self.pos + 1 + RETRY_GAP).min(self.items.len());
            self.items.insert(at, retry);
        }
        self.cards.insert(q.id.clone(), card);
        self.results.push(feedback.clone());
        if self.config.mode == Mode::Exam {
            self.advance(now);
            Ok(Submitted {
                review,
                feedback: None,
            })
        } else {
            self.phase = Phase::Answered(Box::new(feedback.clone()));
            Ok(Submitted {
                review,
                feedback: Some(feedback),
            })
        }
    }

    /// Moves on from the feedback to the next question; false when the session is over.
    pub fn next(&mut self, now: Timestamp) -> bool {
        if matches!(self.phase, Phase::Answered(_)) {
            self.advance(now);
        }
        !self.is_finished()
    }

    fn advance(&mut self, now: Timestamp) {
        self.pos += 1;
        self.phase = if self.pos < self.items.len() {
            Phase::Asking {
                shown_at: now,
                hinted: false,
            }
        } else {
            Phase::Finished
        };
    }

    /// Ends the session now (quit, end of input); the report says it ended early when
    /// questions were left.
    pub fn end(&mut self) {
        let answered_current = match self.phase {
            Phase::Finished => return,
            Phase::Answered(_) => 1,
            Phase::Asking { .. } => 0,
        };
        self.left = self.items.len() - self.pos - answered_current;
        self.ended_early = self.left > 0;
        self.phase = Phase::Finished;
    }

    /// The score so far, or the final report once finished.
    pub fn report(&self) -> Report {
        let mut by_topic: BTreeMap<Topic, TopicScore> = BTreeMap::new();
        let firsts = self.results.iter().filter(|f| !f.retry);
        for f in firsts.clone() {
            let s = by_topic.entry(f.topic).or_insert(TopicScore {
                topic: f.topic,
                answered: 0,
                correct: 0,
            });
            s.answered += 1;
            s.correct += usize::from(f.correct);
        }
        Report {
            mode: self.config.mode,
            planned: self.planned,
            answered: firsts.clone().count(),
            correct: firsts.filter(|f| f.correct).count(),
            retries: self.results.iter().filter(|f| f.retry).count(),
            by_topic: by_topic.into_values().collect(),
            results: self.results.clone(),
            ended_early: self.ended_early,
            left: self.left,
        }
    }
}

/// Up to `n` questions, taken in turn from each topic (each shuffled), then shuffled: a
/// drill or exam over every topic is not swamped by the biggest one.
fn balanced_sample<'a>(pool: &[&'a Question], n: usize, seed: u64) -> Vec<&'a Question> {
    let mut rng = Rng::derived(seed, "pick", 0);
    let mut groups: Vec<Vec<&Question>> = Topic::ALL
        .iter()
        .map(|&t| {
            pool.iter()
                .copied()
                .filter(|q| q.topic == t)
                .collect::<Vec<_>>()
        })
        .filter(|g| !g.is_empty())
        .collect();
    for g in &mut groups {
        rng.shuffle(g);
    }
    let mut out = Vec::new();
    let mut round = 0;
    while out.len() < n && groups.iter().any(|g| round < g.len()) {
        for g in &groups {
            if out.len() < n
                && let Some(q) = g.get(round)
            {
                out.push(*q);
            }
        }
        round += 1;
    }
    rng.shuffle(&mut out);
    out
}
