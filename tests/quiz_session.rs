//! Sessions driven as a front end would: pick, show, answer, feedback, next, report.

use std::collections::BTreeMap;

use feoops::base::{Lang, Localized};
use feoops::quiz::session::RETRY_GAP;
use feoops::quiz::{
    Fsrs, InputKind, Mode, Practice, Question, QuestionKind, Rating, Session, SessionConfig,
    SessionError, Topic,
};
use jiff::{SignedDuration, Timestamp};

fn l(en: &str, ko: &str) -> Localized<String> {
    Localized {
        en: en.into(),
        ko: ko.into(),
    }
}

fn list(items: &[&str]) -> Localized<Vec<String>> {
    Localized {
        en: items.iter().map(|s| s.to_string()).collect(),
        ko: items.iter().map(|s| format!("{s} (ko)")).collect(),
    }
}

fn question(id: &str, topic: Topic, kind: QuestionKind) -> Question {
    Question {
        id: id.into(),
        topic,
        page: "some-page".into(),
        prompt: l(&format!("Prompt of {id}"), &format!("{id} 문제")),
        hint: Some(l("A hint", "힌트")),
        explanation: l("Because.", "왜냐하면."),
        kind,
    }
}

fn single(id: &str, topic: Topic) -> Question {
    question(
        id,
        topic,
        QuestionKind::Single {
            options: list(&["right", "wrong a", "wrong b", "wrong c"]),
            answer: 0,
        },
    )
}

fn bank() -> Vec<Question> {
    vec![
        single("cicd-001", Topic::CiCd),
        question(
            "cicd-002",
            Topic::CiCd,
            QuestionKind::Scenario {
                correct: Practice::Delivery,
            },
        ),
        question(
            "cicd-003",
            Topic::CiCd,
            QuestionKind::TrueFalse { truth: false },
        ),
        question(
            "loop-001",
            Topic::Loop,
            QuestionKind::Order {
                items: list(&["Plan", "Code", "Build", "Test"]),
            },
        ),
        question(
            "practices-001",
            Topic::Practices,
            QuestionKind::Multi {
                options: list(&["yes 1", "no 1", "yes 2", "no 2"]),
                answers: vec![0, 2],
            },
        ),
        question(
            "practices-002",
            Topic::Practices,
            QuestionKind::Typed {
                accepted: Localized {
                    en: vec!["provisioning".into()],
                    ko: vec!["프로비저닝".into()],
                },
            },
        ),
        single("basics-001", Topic::Basics),
    ]
}

fn t0() -> Timestamp {
    "2026-03-02T09:00:00Z".parse().unwrap()
}

fn secs(n: i64) -> SignedDuration {
    SignedDuration::from_secs(n)
}

/// The input that answers the current question right (or wrong), as shown.
fn answer(s: &Session, right: bool) -> String {
    let v = s.current().expect("a question");
    let pos = |i: usize| (v.order.iter().position(|&o| o == i).unwrap() + 1).to_string();
    match &v.question.kind {
        QuestionKind::Single { answer, .. } => {
            if right {
                pos(*answer)
            } else {
                pos((*answer + 1) % 4)
            }
        }
        QuestionKind::Scenario { .. } => if right { "2" } else { "1" }.into(),
        QuestionKind::TrueFalse { .. } => if right { "f" } else { "t" }.into(),
        QuestionKind::Multi { answers, .. } => {
            let keys: Vec<String> = answers.iter().map(|&a| pos(a)).collect();
            if right {
                keys.join(" ")
            } else {
                keys[0].clone()
            }
        }
        QuestionKind::Order { items } => {
            let mut keys: Vec<String> = (0..items.en.len()).map(pos).collect();
            if !right {
                keys.swap(0, 1);
            }
            keys.join("")
        }
        QuestionKind::Typed { .. } => if right { "Provisioning" } else { "deployment" }.into(),
    }
}

fn drill(seed: u64, topic: Option<Topic>, count: usize) -> Session {
    let mut c = SessionConfig::new(Mode::Drill, seed);
    c.topic = topic;
    c.count = Some(count);
    Session::new(&bank(), &BTreeMap::new(), c, t0()).unwrap()
}

#[test]
fn review_asks_due_questions_first_then_new_ones_up_to_the_limit() {
    let fsrs = Fsrs::default();
    let mut cards = BTreeMap::new();
    // Reviewed long ago: due two days ago and one day ago; one not due yet.
    let past = t0() - SignedDuration::from_hours(24 * 10);
    let mut a = fsrs.review(None, Rating::Good, past);
    a.due = t0() - SignedDuration::from_hours(24);
    let mut b = a.clone();
    b.due = t0() - SignedDuration::from_hours(48);
    let mut later = a.clone();
    later.due = t0() + SignedDuration::from_hours(5);
    cards.insert("cicd-003".to_string(), a);
    cards.insert("loop-001".to_string(), b);
    cards.insert("cicd-001".to_string(), later);
    let mut c = SessionConfig::new(Mode::Review, 1);
    c.new_limit = 2;
    let s = Session::new(&bank(), &cards, c, t0()).unwrap();
    assert_eq!(s.planned(), 4);
    let mut s = s;
    let mut ids = Vec::new();
    while let Some(v) = s.current() {
        ids.push(v.id().to_string());
        let input = answer(&s, true);
        s.submit(&input, t0()).unwrap();
        s.next(t0());
    }
    // Most overdue first, then new questions in bank order.
    assert_eq!(ids, ["loop-001", "cicd-003", "cicd-002", "practices-001"]);
}

#[test]
fn review_with_nothing_due_and_no_new_left_is_empty() {
    let mut c = SessionConfig::new(Mode::Review, 1);
    c.new_limit = 0;
    let s = Session::new(&bank(), &BTreeMap::new(), c, t0()).unwrap();
    assert_eq!(s.planned(), 0);
    assert!(s.is_finished());
    assert!(s.current().is_none());
}

#[test]
fn drills_are_reproducible_from_the_seed() {
    let ids = |s: &Session| {
        let v = s.current().unwrap();
        (v.id().to_string(), v.order.to_vec())
    };
    assert_eq!(ids(&drill(7, None, 5)), ids(&drill(7, None, 5)));
    let s = drill(7, Some(Topic::CiCd), 10);
    assert_eq!(s.planned(), 3, "a topic has only so many questions");
    let mut c = SessionConfig::new(Mode::Drill, 7);
    c.topic = Some(Topic::Tools);
    assert_eq!(
        Session::new(&bank(), &BTreeMap::new(), c, t0()).unwrap_err(),
        SessionError::NoQuestionsInTopic(Topic::Tools)
    );
}

#[test]
fn a_drill_over_every_topic_is_balanced() {
    let s = drill(3, None, 4);
    let report_topics = {
        let mut s = s.clone();
        let mut topics = Vec::new();
        while let Some(v) = s.current() {
            topics.push(v.question.topic);
            let input = answer(&s, true);
            s.submit(&input, t0()).unwrap();
            s.next(t0());
        }
        topics.sort();
        topics
    };
    assert_eq!(
        report_topics,
        [Topic::Basics, Topic::CiCd, Topic::Loop, Topic::Practices]
    );
}

#[test]
fn every_kind_is_checked_right_and_wrong() {
    for right in [true, false] {
        let mut s = drill(11, None, 7);
        let mut seen = 0;
        while let Some(v) = s.current() {
            if v.retry {
                let input = answer(&s, true);
                s.submit(&input, t0()).unwrap();
                s.next(t0());
                continue;
            }
            seen += 1;
            let id = v.id().to_string();
            let input = answer(&s, right);
            let fb = s.submit(&input, t0() + secs(5)).unwrap().feedback.unwrap();
            assert_eq!(fb.correct, right, "{id} with {input:?}");
            assert_eq!(
                fb.rating,
                if right { Rating::Good } else { Rating::Again },
                "{id}"
            );
            assert_eq!(fb.explanation.en, "Because.");
            assert_eq!(fb.page, "some-page");
            assert!(!s.current().unwrap().retry);
            s.next(t0() + secs(5));
        }
        assert_eq!(seen, 7);
    }
}

#[test]
fn a_wrong_answer_comes_back_a_few_questions_later() {
    let mut s = drill(5, None, 7);
    let first = s.current().unwrap().id().to_string();
    let input = answer(&s, false);
    let sub = s.submit(&input, t0()).unwrap();
    let fb = sub.feedback.unwrap();
    assert!(fb.requeued && !fb.correct);
    assert_eq!(sub.review.rating, Rating::Again);
    // The count shows what was asked for; the re-ask is not added to it.
    assert_eq!(s.current().unwrap().total, 7);
    s.next(t0());
    for _ in 0..RETRY_GAP {
        assert_ne!(s.current().unwrap().id(), first);
        let input = answer(&s, true);
        s.submit(&input, t0()).unwrap();
        s.next(t0());
    }
    let v = s.current().unwrap();
    assert_eq!(v.id(), first);
    assert!(v.retry);
    let input = answer(&s, true);
    let fb = s.submit(&input, t0() + secs(60)).unwrap().feedback.unwrap();
    assert!(fb.correct && fb.retry && !fb.requeued);
    // The same day: FSRS's short-term formula, a short interval.
    assert!(fb.interval_days < 1.0, "{}", fb.interval_days);
    let r = s.report();
    assert_eq!((r.answered, r.correct, r.retries), (4, 3, 1));
}

#[test]
fn a_hint_or_a_slow_answer_makes_a_right_answer_hard() {
    let mut s = drill(5, Some(Topic::Basics), 1);
    assert_eq!(s.hint().unwrap().ko, "힌트");
    assert!(s.current().unwrap().hint_shown);
    assert_eq!(s.current().unwrap().hint(Lang::En), Some("A hint"));
    let input = answer(&s, true);
    let fb = s.submit(&input, t0() + secs(3)).unwrap().feedback.unwrap();
    assert_eq!(fb.rating, Rating::Hard);
    let mut s = drill(5, Some(Topic::Basics), 1);
    let input = answer(&s, true);
    let sub = s.submit(&input, t0() + secs(61)).unwrap();
    assert_eq!(sub.review.rating, Rating::Hard);
    assert_eq!(sub.review.elapsed_ms, 61_000);
}

#[test]
fn bad_input_keeps_the_question_and_says_what_to_type() {
    let mut s = drill(5, Some(Topic::Basics), 1);
    assert_eq!(s.current().unwrap().input, InputKind::Key);
    let err = s.submit("7", t0()).unwrap_err();
    assert!(
        err.message(Lang::En).contains("1–4"),
        "{}",
        err.message(Lang::En)
    );
    assert!(s.submit("", t0()).is_err());
    assert!(s.current().is_some() && s.feedback().is_none());
    let input = answer(&s, true);
    s.submit(&input, t0()).unwrap();
    assert!(
        s.submit(&input, t0()).is_err(),
        "no second answer to the same question"
    );
    assert!(!s.next(t0()));
    assert!(s.is_finished());
}

#[test]
fn typed_answers_accept_either_language() {
    for input in [
        "provisioning",
        "PROVISIONING",
        "프로비저닝",
        " 프로 비저닝 ",
    ] {
        let mut c = SessionConfig::new(Mode::Drill, 1);
        c.topic = Some(Topic::Practices);
        let mut s = Session::new(&bank(), &BTreeMap::new(), c, t0()).unwrap();
        while s.current().unwrap().input != InputKind::Text {
            let a = answer(&s, true);
            s.submit(&a, t0()).unwrap();
            s.next(t0());
        }
        let fb = s.submit(input, t0()).unwrap().feedback.unwrap();
        assert!(fb.correct, "{input}");
        assert_eq!(fb.answer.ko, "프로비저닝");
    }
}

#[test]
fn an_exam_gives_no_feedback_or_hints_until_the_report() {
    let mut c = SessionConfig::new(Mode::Exam, 9);
    c.count = Some(7);
    let mut s = Session::new(&bank(), &BTreeMap::new(), c, t0()).unwrap();
    let mut n = 0;
    while s.current().is_some() {
        assert!(s.hint().is_none());
        assert!(!s.current().unwrap().has_hint());
        let right = n % 2 == 0;
        let input = answer(&s, right);
        let sub = s.submit(&input, t0()).unwrap();
        assert!(sub.feedback.is_none());
        n += 1;
    }
    assert_eq!(n, 7, "no retries in an exam");
    let r = s.report();
    assert_eq!((r.answered, r.correct, r.retries), (7, 4, 0));
    assert_eq!(r.by_topic.iter().map(|t| t.answered).sum::<usize>(), 7);
    assert_eq!(r.by_topic[0].topic, Topic::Basics);
    assert_eq!(r.results.len(), 7);
    assert!(!r.ended_early);
}

#[test]
fn ending_early_is_reported() {
    let mut s = drill(5, None, 3);
    let input = answer(&s, true);
    s.submit(&input, t0()).unwrap();
    s.end();
    assert!(s.is_finished());
    let r = s.report();
    assert!(r.ended_early);
    assert_eq!(r.left, 2);
    assert_eq!(r.answered, 1);
}

#[test]
fn right_answers_are_shown_with_their_keys() {
    let mut s = drill(2, Some(Topic::Loop), 1);
    let v = s.current().unwrap();
    assert_eq!(v.input, InputKind::Sequence);
    assert_ne!(v.order, [0, 1, 2, 3], "never shown already in order");
    let keys: Vec<String> = (0..4)
        .map(|i| (v.order.iter().position(|&o| o == i).unwrap() + 1).to_string())
        .collect();
    let fb = s.submit("1 2 3 4", t0()).unwrap().feedback.unwrap();
    assert!(!fb.correct);
    assert_eq!(
        fb.answer.en,
        format!("{}: Plan → Code → Build → Test", keys.join(" "))
    );
}

#[test]
fn a_question_missed_three_times_is_held_until_tomorrow() {
    let mut s = drill(5, Some(Topic::Basics), 1);
    let id = s.current().unwrap().id().to_string();
    let mut asks = 0;
    let mut last = None;
    while let Some(v) = s.current() {
        assert_eq!(v.id(), id);
        assert_eq!((v.number, v.total), (1, 1));
        assert_eq!(v.attempt, asks);
        let input = answer(&s, false);
        last = s.submit(&input, t0()).unwrap().feedback;
        asks += 1;
        s.next(t0());
    }
    assert_eq!(asks, 3);
    let fb = last.unwrap();
    assert!(fb.held && !fb.requeued);
    assert!(
        fb.due >= t0() + SignedDuration::from_hours(24),
        "{:?}",
        fb.due
    );
}

mod invariants {
    use super::*;
    use feoops::quiz::session::MAX_ASKS;
    use feoops::store::Store;
    use proptest::prelude::*;
    use std::collections::HashMap;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]
        /// Any sequence of right and wrong answers: the session ends, no question is asked
        /// more than three times, the shown count never passes the requested count, and
        /// every answer is in the review log exactly once.
        #[test]
        fn sessions_end_and_keep_their_counts(
            seed in 0u64..1000,
            count in 1usize..8,
            answers in proptest::collection::vec(any::<bool>(), 0..40),
            exam in any::<bool>(),
        ) {
            let mode = if exam { Mode::Exam } else { Mode::Drill };
            let mut c = SessionConfig::new(mode, seed);
            c.count = Some(count);
            let mut s = Session::new(&bank(), &BTreeMap::new(), c, t0()).unwrap();
            let dir = tempfile::tempdir().unwrap();
            let mut store = Store::open(dir.path()).unwrap();
            let mut asked: HashMap<String, u64> = HashMap::new();
            let mut given = Vec::new();
            let mut steps = 0;
            let mut now = t0();
            while let Some(v) = s.current() {
                steps += 1;
                prop_assert!(steps <= count * MAX_ASKS as usize, "the session does not end");
                prop_assert!(v.number >= 1 && v.number <= v.total);
                prop_assert!(v.total <= count);
                prop_assert_eq!(v.retry, v.attempt > 0);
                let n = asked.entry(v.id().to_string()).or_default();
                *n += 1;
                prop_assert!(*n <= MAX_ASKS);
                let right = answers.get(steps - 1).copied().unwrap_or(true);
                let input = answer(&s, right);
                now += secs(7);
                let sub = s.submit(&input, now).unwrap();
                store.record(&sub.review).unwrap();
                given.push(sub.review.clone());
                s.next(now);
            }
            let log = store.reviews().unwrap();
            prop_assert_eq!(&log, &given);
            let r = s.report();
            prop_assert_eq!(r.results.len(), given.len());
            prop_assert_eq!(r.answered + r.retries, given.len());
            prop_assert!(r.answered <= count);
        }
    }
}
