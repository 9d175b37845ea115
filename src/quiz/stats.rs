//! Progress statistics: mastery per topic, accuracy per day, reviews due per day and the
//! streak. Days are the learner's local calendar days; `now` and the time zone are passed
//! in so tests can fix them.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use serde::Serialize;

use super::scheduler::{Card, Fsrs};
use super::session::{DEFAULT_NEW_PER_DAY, Mode, ReviewEntry};
use super::{Question, Topic};

/// A question counts as mastered while its predicted recall is at least this...
pub const MASTERY_RECALL: f32 = 0.9;
/// ...and it is out of its learning steps and past its first day of learning: right after a wrong answer recall is
/// briefly predicted high, but a question whose stability is under a day is not mastered.
pub const MASTERY_MIN_STABILITY: f32 = 1.0;

/// Whether a card counts as mastered at `now`.
pub fn is_mastered(fsrs: &Fsrs, card: &Card, now: Timestamp) -> bool {
    !card.is_learning()
        && card.stability >= MASTERY_MIN_STABILITY
        && fsrs.recall(card, now) >= MASTERY_RECALL
}
/// A question missed on this many different days is a leech: it needs rewording in the
/// learner's head (read its page again) more than more reviews.
pub const LEECH_MISS_DAYS: usize = 4;

/// A question missed again and again, over several days.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Leech {
    pub id: String,
    pub topic: Topic,
    /// The page that teaches it.
    pub page: String,
    /// Answers rated Again, and on how many different days.
    pub misses: usize,
    pub miss_days: usize,
}

/// How many days ahead the due chart covers (today included).
pub const DUE_DAYS: usize = 7;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TopicMastery {
    pub topic: Topic,
    /// Questions that are mastered now (see [`is_mastered`]).
    pub mastered: usize,
    /// Questions of the topic in the bank (never-seen ones are not mastered).
    pub total: usize,
}

impl TopicMastery {
    pub fn share(&self) -> f32 {
        if self.total == 0 {
            0.0
        } else {
            self.mastered as f32 / self.total as f32
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DayAccuracy {
    pub date: Date,
    pub reviews: usize,
    /// Reviews not rated Again.
    pub correct: usize,
}

impl DayAccuracy {
    /// `None` on a day without reviews.
    pub fn share(&self) -> Option<f32> {
        (self.reviews > 0).then(|| self.correct as f32 / self.reviews as f32)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DayDue {
    pub date: Date,
    /// Questions due that day (today includes overdue ones).
    pub due: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    pub now: Timestamp,
    pub today: Date,
    /// Questions in the bank, and how many have been answered at least once.
    pub questions: usize,
    pub seen: usize,
    /// Due now (the next review session's due part).
    pub due_now: usize,
    /// The next due time after now, if any card is not yet due.
    pub next_due: Option<Timestamp>,
    pub reviews: usize,
    /// Consecutive local days with at least one review, ending today, or yesterday when
    /// there has been no review yet today.
    pub streak_days: u32,
    pub mastery: Vec<TopicMastery>,
    /// Oldest first, ending today.
    pub accuracy: Vec<DayAccuracy>,
    /// Today and the next six days.
    pub due_by_day: Vec<DayDue>,
    /// The counts of a review session, as Anki's deck screen shows them: new questions it
    /// would introduce today (the daily limit minus those already introduced), questions
    /// in their learning steps, and learned questions due by the end of today.
    pub new_today: usize,
    pub learning: usize,
    pub due_today: usize,
    /// Leeches (see [`LEECH_MISS_DAYS`]), most missed first.
    pub leeches: Vec<Leech>,
}

/// The local calendar date of a time.
pub fn local_date(t: Timestamp, tz: &TimeZone) -> Date {
    tz.to_datetime(t).date()
}

/// Computes the statistics over the bank (cards of questions no longer in it are ignored).
pub fn compute(
    bank: &[Question],
    cards: &BTreeMap<String, Card>,
    log: &[ReviewEntry],
    now: Timestamp,
    tz: &TimeZone,
    accuracy_days: usize,
) -> Stats {
    let fsrs = Fsrs::default();
    let today = local_date(now, tz);
    let in_bank: Vec<(&Question, Option<&Card>)> =
        bank.iter().map(|q| (q, cards.get(&q.id))).collect();

    let mastery = Topic::ALL
        .iter()
        .filter_map(|&topic| {
            let of_topic: Vec<_> = in_bank.iter().filter(|(q, _)| q.topic == topic).collect();
            (!of_topic.is_empty()).then(|| TopicMastery {
                topic,
                mastered: of_topic
                    .iter()
                    .filter(|(_, c)| c.is_some_and(|c| is_mastered(&fsrs, c, now)))
                    .count(),
                total: of_topic.len(),
            })
        })
        .collect();

    let seen_cards: Vec<&Card> = in_bank.iter().filter_map(|(_, c)| *c).collect();
    let mut due_by_day: Vec<DayDue> = days_from(today, DUE_DAYS)
        .into_iter()
        .map(|date| DayDue { date, due: 0 })
        .collect();
    for c in &seen_cards {
        let d = local_date(c.due, tz).max(today);
        if let Some(slot) = due_by_day.iter_mut().find(|s| s.date == d) {
            slot.due += 1;
        }
    }

    let first_day = days_back(today, accuracy_days.saturating_sub(1));
    let mut accuracy: Vec<DayAccuracy> = days_from(first_day, accuracy_days)
        .into_iter()
        .map(|date| DayAccuracy {
            date,
            reviews: 0,
            correct: 0,
        })
        .collect();
    let mut active: BTreeSet<Date> = BTreeSet::new();
    for r in log {
        let d = local_date(r.time, tz);
        active.insert(d);
        if let Some(slot) = accuracy.iter_mut().find(|s| s.date == d) {
            slot.reviews += 1;
            slot.correct += usize::from(r.rating.is_pass());
        }
    }

    let mut misses: BTreeMap<&str, (usize, BTreeSet<Date>)> = BTreeMap::new();
    for r in log.iter().filter(|r| !r.rating.is_pass()) {
        let m = misses.entry(r.id.as_str()).or_default();
        m.0 += 1;
        m.1.insert(local_date(r.time, tz));
    }
    let mut leeches: Vec<Leech> = bank
        .iter()
        .filter_map(|q| {
            let (n, days) = misses.get(q.id.as_str())?;
            (days.len() >= LEECH_MISS_DAYS).then(|| Leech {
                id: q.id.clone(),
                topic: q.topic,
                page: q.page.clone(),
                misses: *n,
                miss_days: days.len(),
            })
        })
        .collect();
    leeches.sort_by(|a, b| (b.misses, &a.id).cmp(&(a.misses, &b.id)));
    let end_of_today = today
        .tomorrow()
        .ok()
        .and_then(|d| {
            tz.to_timestamp(d.to_datetime(jiff::civil::Time::midnight()))
                .ok()
        })
        .unwrap_or(now);
    let unseen = in_bank.iter().filter(|(_, c)| c.is_none()).count();
    let new_left = DEFAULT_NEW_PER_DAY.saturating_sub(new_introduced_today(log, now, tz));

    Stats {
        new_today: unseen.min(new_left),
        learning: seen_cards.iter().filter(|c| c.is_learning()).count(),
        due_today: seen_cards
            .iter()
            .filter(|c| !c.is_learning() && c.due < end_of_today)
            .count(),
        leeches,
        now,
        today,
        questions: bank.len(),
        seen: seen_cards.len(),
        due_now: seen_cards.iter().filter(|c| c.is_due(now)).count(),
        next_due: seen_cards.iter().map(|c| c.due).filter(|d| *d > now).min(),
        reviews: log.len(),
        streak_days: streak(&active, today),
        mastery,
        accuracy,
        due_by_day,
    }
}

fn days_from(first: Date, n: usize) -> Vec<Date> {
    let mut out = Vec::with_capacity(n);
    let mut d = first;
    for _ in 0..n {
        out.push(d);
        d = d.tomorrow().unwrap_or(d);
    }
    out
}

fn days_back(from: Date, n: usize) -> Date {
    (0..n).fold(from, |d, _| d.yesterday().unwrap_or(d))
}

fn streak(active: &BTreeSet<Date>, today: Date) -> u32 {
    let mut d = if active.contains(&today) {
        today
    } else {
        match today.yesterday() {
            Ok(y) if active.contains(&y) => y,
            _ => return 0,
        }
    };
    let mut n = 0;
    while active.contains(&d) {
        n += 1;
        match d.yesterday() {
            Ok(y) => d = y,
            Err(_) => break,
        }
    }
    n
}

/// How many new questions review sessions introduced today (local date): questions whose
/// first review ever was today, in review mode. They count against the daily limit;
/// questions first met in a drill or an exam do not.
pub fn new_introduced_today(log: &[ReviewEntry], now: Timestamp, tz: &TimeZone) -> usize {
    let today = local_date(now, tz);
    let mut seen = HashSet::new();
    log.iter()
        .filter(|r| seen.insert(r.id.as_str()))
        .filter(|r| r.mode == Mode::Review && local_date(r.time, tz) == today)
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::Localized;
    use crate::quiz::{QuestionKind, Rating};

    fn at(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    fn review(t: &str, id: &str, rating: Rating) -> ReviewEntry {
        ReviewEntry {
            time: at(t),
            id: id.into(),
            rating,
            elapsed_ms: 1000,
            mode: Mode::Review,
            held: false,
        }
    }

    #[test]
    fn streak_counts_local_days() {
        // 23:30 UTC on the 1st is the 2nd in Seoul (UTC+9).
        let log = [
            review("2026-03-01T23:30:00Z", "a", Rating::Good),
            review("2026-03-03T01:00:00Z", "b", Rating::Good),
            review("2026-03-03T20:00:00Z", "c", Rating::Again),
        ];
        let seoul = TimeZone::fixed(jiff::tz::offset(9));
        let days: BTreeSet<Date> = log.iter().map(|r| local_date(r.time, &seoul)).collect();
        // The 2nd, 3rd and 4th in Seoul.
        assert_eq!(streak(&days, "2026-03-04".parse().unwrap()), 3);
        // Nothing yet today, but yesterday counts.
        assert_eq!(streak(&days, "2026-03-05".parse().unwrap()), 3);
        assert_eq!(streak(&days, "2026-03-06".parse().unwrap()), 0);
        // In UTC the days are the 1st and 3rd: no run of two.
        let utc: BTreeSet<Date> = log
            .iter()
            .map(|r| local_date(r.time, &TimeZone::UTC))
            .collect();
        assert_eq!(streak(&utc, "2026-03-03".parse().unwrap()), 1);
    }

    #[test]
    fn new_today_counts_first_reviews_in_review_mode() {
        let mut drill = review("2026-03-02T09:00:00Z", "c", Rating::Good);
        drill.mode = Mode::Drill;
        let log = [
            review("2026-03-01T10:00:00Z", "a", Rating::Good),
            review("2026-03-02T10:00:00Z", "a", Rating::Good),
            drill,
            review("2026-03-02T10:30:00Z", "c", Rating::Good),
            review("2026-03-02T11:00:00Z", "b", Rating::Again),
            review("2026-03-02T11:05:00Z", "b", Rating::Good),
        ];
        let now = at("2026-03-02T12:00:00Z");
        assert_eq!(new_introduced_today(&log, now, &TimeZone::UTC), 1);
    }

    fn question(id: &str, topic: Topic) -> Question {
        let l = |s: &str| Localized {
            en: s.to_string(),
            ko: s.to_string(),
        };
        Question {
            id: id.into(),
            topic,
            page: "p".into(),
            prompt: l("?"),
            hint: None,
            explanation: l("."),
            kind: QuestionKind::TrueFalse { truth: true },
        }
    }

    #[test]
    fn mastery_due_days_and_accuracy() {
        let fsrs = Fsrs::default();
        let bank = [
            question("cicd-1", Topic::CiCd),
            question("cicd-2", Topic::CiCd),
            question("cicd-3", Topic::CiCd),
            question("loop-1", Topic::Loop),
        ];
        let t0 = at("2026-03-01T08:00:00Z");
        let now = at("2026-03-02T08:00:00Z");
        let mut cards = BTreeMap::new();
        // Good twice yesterday (out of the learning steps): stability 2.3 days, recall now
        // above 0.9: mastered.
        let first = fsrs.review(None, Rating::Good, t0);
        let learned = fsrs.review(Some(&first), Rating::Good, first.due);
        cards.insert("cicd-1".to_string(), learned);
        // Wrong just now: recall is still predicted high, but it is not mastered.
        cards.insert("cicd-2".to_string(), fsrs.review(None, Rating::Again, now));
        // Overdue: counted today. Not in the bank: ignored.
        let mut overdue = fsrs.review(None, Rating::Good, t0);
        overdue.due = t0;
        overdue.step = None;
        cards.insert("loop-1".to_string(), overdue);
        cards.insert("gone-1".to_string(), fsrs.review(None, Rating::Good, t0));
        let log = [
            review("2026-03-01T08:00:00Z", "cicd-1", Rating::Good),
            review("2026-03-01T08:00:00Z", "loop-1", Rating::Good),
            review("2026-03-02T08:00:00Z", "cicd-2", Rating::Again),
        ];
        let s = compute(&bank, &cards, &log, now, &TimeZone::UTC, 3);
        let m: Vec<(Topic, usize, usize)> = s
            .mastery
            .iter()
            .map(|m| (m.topic, m.mastered, m.total))
            .collect();
        assert_eq!(m, [(Topic::CiCd, 1, 3), (Topic::Loop, 1, 1)]);
        let counts = (s.questions, s.seen, s.due_now, s.reviews, s.streak_days);
        assert_eq!(counts, (4, 3, 1, 3, 2));
        // cicd-3 is new; cicd-2 is in its learning steps; loop-1 is learned and overdue;
        // cicd-1 is learned and due on the 3rd.
        assert_eq!((s.new_today, s.learning, s.due_today), (1, 1, 1));
        assert!(s.leeches.is_empty());
        let due: Vec<usize> = s.due_by_day.iter().map(|d| d.due).collect();
        // loop-1 (overdue) and cicd-2 (Again: due in hours) today; cicd-1 on the 3rd.
        assert_eq!(due, [2, 1, 0, 0, 0, 0, 0]);
        let acc: Vec<(String, usize, usize)> = s
            .accuracy
            .iter()
            .map(|d| (d.date.to_string(), d.reviews, d.correct))
            .collect();
        let want = [
            ("2026-02-28", 0, 0),
            ("2026-03-01", 2, 2),
            ("2026-03-02", 1, 0),
        ];
        let want: Vec<(String, usize, usize)> = want
            .iter()
            .map(|(d, r, c)| (d.to_string(), *r, *c))
            .collect();
        assert_eq!(acc, want);
    }

    #[test]
    fn a_question_missed_on_four_days_is_a_leech() {
        let bank = [
            question("cicd-1", Topic::CiCd),
            question("cicd-2", Topic::CiCd),
        ];
        let mut log = Vec::new();
        for day in 1..=4 {
            let t = format!("2026-03-0{day}T08:00:00Z");
            log.push(review(&t, "cicd-1", Rating::Again));
            log.push(review(&t, "cicd-1", Rating::Again));
            // Missed three times, but all on one day: not a leech.
            if day == 1 {
                log.extend((0..3).map(|_| review(&t, "cicd-2", Rating::Again)));
            }
        }
        let now = at("2026-03-04T09:00:00Z");
        let s = compute(&bank, &BTreeMap::new(), &log, now, &TimeZone::UTC, 3);
        assert_eq!(
            s.leeches,
            [Leech {
                id: "cicd-1".into(),
                topic: Topic::CiCd,
                page: "p".into(),
                misses: 8,
                miss_days: 4,
            }]
        );
    }
}
