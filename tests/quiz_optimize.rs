//! `quiz optimize`'s engine: a generated review log fitted through the `fsrs` crate.

use feoops::quiz::optimize::{self, MIN_REVIEWS, OptimizeError, SavedParameters};
use feoops::quiz::session::{Mode, ReviewEntry};
use feoops::quiz::{Card, Fsrs, Rating};
use jiff::Timestamp;

/// `questions` questions answered when due for `rounds` rounds; about one answer in five
/// (fixed by a small hash) is wrong.
fn log(questions: usize, rounds: usize) -> Vec<ReviewEntry> {
    let f = Fsrs::default();
    let t0: Timestamp = "2026-01-01T09:00:00Z".parse().unwrap();
    let mut out = Vec::new();
    for q in 0..questions {
        let id = format!("cicd-{q:03}");
        let mut card: Option<Card> = None;
        for round in 0..rounds {
            let time = card.as_ref().map_or(t0, |c| c.due);
            let h = (q * 31 + round * 17) % 10;
            let rating = match h {
                0 | 5 => Rating::Again,
                3 => Rating::Hard,
                _ => Rating::Good,
            };
            card = Some(f.review(card.as_ref(), rating, time));
            out.push(ReviewEntry {
                time,
                id: id.clone(),
                rating,
                elapsed_ms: 4000,
                mode: Mode::Review,
                held: false,
            });
        }
    }
    out.sort_by_key(|r| r.time);
    out
}

#[test]
fn too_few_reviews_says_how_many_are_needed() {
    let short = log(5, 4);
    match optimize::optimize(&Fsrs::default(), &short) {
        Err(OptimizeError::TooFewReviews { have, need }) => {
            assert!(have < need && need == MIN_REVIEWS, "{have} {need}");
            assert_eq!(
                OptimizeError::TooFewReviews { have, need }.to_string(),
                format!("{have} reviews a day or more apart; fitting needs at least {need}")
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_generated_log_gives_parameters_and_retention_figures() {
    let long = log(70, 10);
    let items = optimize::items(&long);
    assert_eq!(items.len(), long.len());
    assert!(optimize::long_term_reviews(&items) >= MIN_REVIEWS);
    let fitted = optimize::optimize(&Fsrs::default(), &long).unwrap();
    assert!(fitted.reviews >= MIN_REVIEWS);
    assert!(fitted.parameters.iter().all(|w| w.is_finite()));
    for r in [
        fitted.actual_retention,
        fitted.old_expected,
        fitted.new_expected,
    ] {
        assert!(r > 0.0 && r < 1.0, "{fitted:?}");
    }
    // The new parameters schedule, and they are saved and read back.
    let mine = Fsrs::new(&fitted.parameters, 0.9);
    assert_eq!(mine.parameters(), &fitted.parameters);
    let dir = tempfile::tempdir().unwrap();
    assert!(optimize::load(dir.path()).is_none());
    let saved = SavedParameters {
        parameters: fitted.parameters.to_vec(),
        reviews: fitted.reviews,
        fitted_at: "2026-03-01T00:00:00Z".parse().unwrap(),
    };
    optimize::save(dir.path(), &saved).unwrap();
    assert_eq!(optimize::load(dir.path()), Some(saved));
    assert_eq!(
        optimize::model_for(dir.path(), 0.85).parameters(),
        &fitted.parameters
    );
}

#[path = "../benches/support/learner.rs"]
mod learner;

/// Log loss of a parameter set on the log's long-term reviews (the crate's own measure).
fn log_loss(parameters: &[f32], log: &[ReviewEntry]) -> f32 {
    let items: Vec<fsrs::FSRSItem> = optimize::items(log)
        .into_iter()
        .filter(|i| i.reviews.len() > 1 && i.reviews.last().is_some_and(|r| r.delta_t > 0))
        .collect();
    fsrs::FSRS::new(parameters)
        .unwrap()
        .evaluate(items, |_| true)
        .unwrap()
        .log_loss
}

/// A learner who forgets faster than FSRS's defaults assume: fitting 1,000 of their
/// reviews moves the parameters towards the truth, predicts the log better (lower log
/// loss, the crate's own measure) and brings the expected retention closer to the actual.
#[test]
fn fitting_a_simulated_learner_moves_towards_their_true_parameters() {
    let log = learner::log(1_000, 5, 7);
    assert_eq!(log.len(), 1_000);
    let defaults = fsrs::DEFAULT_PARAMETERS;
    let truth = learner::true_parameters();
    let fitted = optimize::optimize(&Fsrs::default(), &log).unwrap();
    let w = fitted.parameters;
    assert!(w != defaults, "{w:?}");
    // The initial stabilities after Again, Hard and Good (w0-w2) and the stability gain on
    // a right answer (w8) are all closer to the learner's than the defaults were.
    for i in [0, 1, 2, 8] {
        assert!(
            (w[i] - truth[i]).abs() < (defaults[i] - truth[i]).abs(),
            "w{i}: fitted {} default {} true {}",
            w[i],
            defaults[i],
            truth[i]
        );
    }
    let (old, new) = (log_loss(&defaults, &log), log_loss(&w, &log));
    assert!(new < old - 0.01, "log loss {old} -> {new}");
    let actual = fitted.actual_retention;
    assert!(
        (fitted.new_expected - actual).abs() < (fitted.old_expected - actual).abs(),
        "{fitted:?}"
    );
    // The defaults over-predict this learner's recall; the fitted parameters less so.
    assert!(fitted.old_expected > actual + 0.05, "{fitted:?}");
}

mod pane {
    use super::learner;
    use feoops::Library;
    use feoops::base::Lang;
    use feoops::quiz::optimize;
    use feoops::store::Store;
    use feoops::tui::components::quiz::View;
    use feoops::tui::{Action, App, Tab, Theme, screen_text};
    use std::sync::Arc;

    fn stats_view(lang: Lang, dir: &std::path::Path) -> App {
        let lib = Arc::new(Library::embedded());
        let store = Store::open(dir).map_err(|e| e.to_string());
        let mut app = App::with_store(lib, lang, Theme::color(), store);
        app.quiz.fixed_now = Some("2026-11-29T10:00:00Z".parse().unwrap());
        app.quiz.tz = jiff::tz::TimeZone::UTC;
        app.update(Action::Resize(120, 40));
        app.update(Action::GoTab(Tab::Quiz.index()));
        app.update(Action::Up); // the menu wraps to Stats
        app.update(Action::Open);
        assert_eq!(app.quiz.view, View::Stats);
        app
    }

    /// The review log file as the store writes it: one JSON line per review, numbered.
    fn write_log(dir: &std::path::Path, reviews: &[feoops::quiz::ReviewEntry]) {
        let mut text = String::new();
        for (i, r) in reviews.iter().enumerate() {
            let mut v = serde_json::to_value(r).unwrap();
            v["seq"] = serde_json::Value::from(i as u64 + 1);
            text.push_str(&v.to_string());
            text.push('\n');
        }
        std::fs::write(dir.join("reviews.jsonl"), text).unwrap();
    }

    #[test]
    fn the_stats_view_says_how_many_reviews_fitting_needs() {
        for (lang, needle) in [
            (
                Lang::En,
                "Not enough reviews to fit your own parameters yet: 0 of the 400",
            ),
            (Lang::Ko, "필요한 400회 중 0회입니다"),
        ] {
            let dir = tempfile::tempdir().unwrap();
            let mut a = stats_view(lang, dir.path());
            let s = screen_text(&a);
            let bar = if lang == Lang::En {
                "f fit parameters"
            } else {
                "f 매개변수 맞추기"
            };
            assert!(s.contains(bar), "{s}");
            a.update(Action::Optimize);
            a.quiz.wait_fit();
            let s = screen_text(&a);
            assert!(s.contains(needle), "{s}");
            assert!(!optimize::file(dir.path()).exists());
        }
    }

    #[test]
    fn the_stats_view_fits_saves_and_shows_old_and_new_retention() {
        let dir = tempfile::tempdir().unwrap();
        let log = learner::log(1_000, 5, 7);
        write_log(dir.path(), &log);
        let mut a = stats_view(Lang::En, dir.path());
        assert!(
            screen_text(&a).contains("Scheduling: FSRS default parameters, desired retention 90%.")
        );
        a.update(Action::Optimize);
        assert!(a.quiz.fitting());
        let s = screen_text(&a);
        assert!(
            s.contains("Fitting your parameters to your reviews…"),
            "{s}"
        );
        assert!(
            !s.contains("f fit parameters"),
            "not offered while it runs:\n{s}"
        );
        a.quiz.wait_fit();
        assert!(!a.quiz.fitting());
        // The same figures the engine gives, on screen; the parameters are saved.
        let fitted = optimize::optimize(&feoops::quiz::Fsrs::default(), &log).unwrap();
        let pct = |x: f32| (x * 100.0).round() as u32;
        let s = screen_text(&a).replace('\n', " ");
        let said = format!(
            "Fitted on {} reviews. You remembered {}% of them; the old parameters expected {}%, the new ones {}%.",
            fitted.reviews,
            pct(fitted.actual_retention),
            pct(fitted.old_expected),
            pct(fitted.new_expected)
        );
        let squeezed = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(squeezed(&s).contains(&said), "{said}\n{s}");
        assert!(
            squeezed(&s).contains(&format!(
                "Scheduling: your own parameters, fitted on {} reviews on 2026-11-29",
                fitted.reviews
            )),
            "{s}"
        );
        let saved = optimize::load(dir.path()).expect("saved");
        assert_eq!(saved.parameters, fitted.parameters.to_vec());
        assert_eq!(
            optimize::model_for(dir.path(), 0.9).parameters(),
            &fitted.parameters
        );
    }
}

/// Our review log replayed through the `fsrs` crate (as `items` hands it to the crate)
/// gives the memory state our scheduler kept, and, for every question out of its learning
/// steps, the interval the crate gives directly (rounded to whole days, at least one).
#[test]
fn a_replayed_log_gives_the_crates_own_states_and_intervals() {
    let log = learner::log(600, 5, 11);
    let f = Fsrs::default();
    let model = fsrs::FSRS::default();
    let mut cards: std::collections::HashMap<&str, Card> = Default::default();
    let items = optimize::items(&log);
    // `items` groups by question; index them by (id, review count) to meet each review.
    let mut by_question: std::collections::HashMap<&str, usize> = Default::default();
    let mut ids: Vec<&str> = log.iter().map(|r| r.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    let mut start = 0;
    for id in &ids {
        by_question.insert(id, start);
        start += log.iter().filter(|r| r.id == *id).count();
    }
    let mut seen: std::collections::HashMap<&str, usize> = Default::default();
    let mut checked_intervals = 0;
    for r in &log {
        let card = f.review(cards.get(r.id.as_str()), r.rating, r.time);
        let n = seen.entry(r.id.as_str()).or_default();
        let item = &items[by_question[r.id.as_str()] + *n];
        *n += 1;
        assert_eq!(item.reviews.len(), *n);
        assert_eq!(item.reviews.last().unwrap().rating, r.rating as u32);
        let want = model.memory_state(item.clone(), None).unwrap();
        let close = |a: f32, b: f32| (a - b).abs() <= 1e-3 * b.abs().max(1.0);
        assert!(
            close(card.stability, want.stability) && close(card.difficulty, want.difficulty),
            "{} review {n}: {card:?} vs {want:?}",
            r.id
        );
        if card.step.is_none() {
            let days = model
                .next_interval(Some(want.stability), 0.9, 3)
                .round()
                .max(1.0);
            let got = card.due.duration_since(r.time).as_hours() as f32 / 24.0;
            assert_eq!(got, days, "{} review {n}", r.id);
            checked_intervals += 1;
        }
        cards.insert(r.id.as_str(), card);
    }
    assert!(checked_intervals > 200, "{checked_intervals}");
}
