//! The Quiz pane driven by actions: menu, a drill with a fixed seed and clock, answers,
//! hints, feedback, the page overlay, the report, the stats view; each review is saved.

use std::sync::Arc;

use feoops::Library;
use feoops::base::Lang;
use feoops::store::Store;
use feoops::tui::components::quiz::View;
use feoops::tui::{Action, App, Tab, Theme, screen_text};
use unicode_width::UnicodeWidthStr;

const NOW: &str = "2026-11-29T10:00:00Z";

fn app(lang: Lang, dir: &std::path::Path) -> App {
    let lib = Arc::new(Library::embedded());
    let store = Store::open(dir).map_err(|e| e.to_string());
    let mut app = App::with_store(lib, lang, Theme::color(), store);
    app.quiz.fixed_now = Some(NOW.parse().unwrap());
    app.quiz.seed = Some(7);
    app.quiz.tz = jiff::tz::TimeZone::UTC;
    app.update(Action::Resize(100, 30));
    app.update(Action::GoTab(Tab::Quiz.index()));
    app
}

fn fits(app: &App) -> String {
    let s = screen_text(app);
    for l in s.lines() {
        assert!(l.width() <= usize::from(app.width), "{l}");
    }
    s
}

/// The right key for the current question, found by trying each key on a copy of the
/// session (the engine decides; the test does not re-implement it).
fn right_key(app: &App) -> String {
    let s = app.quiz.session.as_ref().unwrap();
    let v = s.current().unwrap();
    let n = v.choices(Lang::En).len();
    for i in 0..n {
        let mut copy = s.clone();
        let key = feoops::quiz::answer::key_for(i).to_string();
        if let Ok(sub) = copy.submit(&key, NOW.parse().unwrap())
            && sub.feedback.is_some_and(|f| f.correct)
        {
            return key;
        }
    }
    panic!("no single key answers {}", v.id());
}

#[test]
fn menu_lists_the_modes_and_topics_cycle() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(Lang::En, dir.path());
    let s = fits(&a);
    for word in ["Review", "Drill", "Exam", "Stats", "0 of"] {
        assert!(s.contains(word), "{word} missing:\n{s}");
    }
    a.update(Action::Down);
    assert!(fits(&a).contains("Topic: ◀ CI/CD ▶"));
    a.update(Action::Right);
    assert!(fits(&a).contains("Topic: ◀ DevOps loop ▶"));
    a.update(Action::Right);
    a.update(Action::Right);
    assert!(fits(&a).contains("Topic: ◀ Interview ▶"));
    for _ in 0..2 {
        a.update(Action::Right);
    }
    assert!(fits(&a).contains("Topic: ◀ all topics ▶"));
    a.update(Action::Right);
    assert!(fits(&a).contains("Topic: ◀ Basics ▶"), "wraps around");
}

#[test]
fn a_drill_answers_saves_and_reports() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(Lang::En, dir.path());
    a.update(Action::Down); // Drill, topic CI/CD
    a.update(Action::Open);
    assert_eq!(a.quiz.view, View::Session);
    assert!(fits(&a).contains("Drill · 1/10 · CI/CD"));
    // Answer until a one-key question comes up, with the right key.
    let mut answered = 0;
    while a.quiz.input_kind() != Some(feoops::quiz::InputKind::Key) {
        a.update(Action::Back); // asks first
        a.update(Action::Open); // ends: the report
        a.update(Action::Open); // the menu
        a.update(Action::Down);
        a.update(Action::Open);
        answered += 1;
        assert!(answered < 20, "no one-key question");
    }
    let key = right_key(&a);
    assert_eq!(
        a.mode(),
        feoops::tui::Mode::Answer,
        "the question owns the keys"
    );
    a.update(Action::Char(key.chars().next().unwrap()));
    let s = fits(&a);
    assert!(s.contains("✓ Correct."), "{s}");
    assert_eq!(a.mode(), feoops::tui::Mode::Answer, "so does its feedback");
    a.update(Action::GoTab(0));
    assert_eq!(
        a.tab,
        feoops::tui::Tab::Quiz,
        "nothing navigates away from feedback"
    );
    // The review is in the store.
    let reviews = Store::open(dir.path()).unwrap().reviews().unwrap();
    assert_eq!(reviews.len(), 1);
    // The page that teaches it opens over the pane and closes with Esc.
    a.update(Action::OpenPage);
    let Some(feoops::tui::Overlay::Page { id: page_id, .. }) = a.overlay.clone() else {
        panic!("no page overlay");
    };
    assert!(a.lib.page(Lang::En, &page_id).is_some());
    a.update(Action::Back);
    assert!(a.overlay.is_none());
    // Next question, a wrong answer comes back later.
    a.update(Action::Open);
    assert!(fits(&a).contains("2/10"));
    a.update(Action::Back); // end early: it asks first
    assert!(fits(&a).contains("End this session?"));
    a.update(Action::Open);
    let s = fits(&a);
    assert!(s.contains("Score: 1/1"), "{s}");
    a.update(Action::Open);
    assert_eq!(a.quiz.view, View::Menu);
    assert!(
        fits(&a).contains("1 of"),
        "the menu counts the question seen"
    );
}

#[test]
fn bad_input_and_hints() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(Lang::En, dir.path());
    a.update(Action::Down);
    a.update(Action::Open);
    let has_hint = |a: &App| {
        a.quiz
            .session
            .as_ref()
            .and_then(|s| s.current())
            .is_some_and(|v| v.has_hint())
    };
    let mut guard = 0;
    while a.quiz.input_kind() != Some(feoops::quiz::InputKind::Key) || !has_hint(&a) {
        a.update(Action::Back); // asks first
        a.update(Action::Open); // ends: the report
        a.update(Action::Open); // the menu
        a.quiz.seed = Some(a.quiz.seed.unwrap_or(0) + 1);
        a.update(Action::Open);
        guard += 1;
        assert!(guard < 200, "no one-key question with a hint");
    }
    a.update(Action::Char('9'));
    assert!(a.quiz.error.is_some(), "9 is not an answer here");
    assert!(a.quiz.session.as_ref().unwrap().feedback().is_none());
    a.update(Action::Hint);
    let hint = a.quiz.hint.clone().expect("the hint shows");
    let first_words: String = hint
        .split_whitespace()
        .take(2)
        .collect::<Vec<_>>()
        .join(" ");
    assert!(fits(&a).contains(&first_words), "{first_words}");
}

#[test]
fn typed_answers_are_typed() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(Lang::Ko, dir.path());
    let lib = a.lib.clone();
    // An exam of typed questions is not a menu choice; drive the pane's API directly.
    a.quiz.start_mode(
        &lib,
        feoops::quiz::Mode::Drill,
        Some(feoops::quiz::Topic::Practices),
        Some(30),
    );
    let mut guard = 0;
    while a.quiz.input_kind() != Some(feoops::quiz::InputKind::Text) {
        let s = a.quiz.session.as_mut().unwrap();
        s.end();
        a.quiz.session = None;
        a.quiz.seed = Some(a.quiz.seed.unwrap() + 1);
        a.quiz.start_mode(
            &lib,
            feoops::quiz::Mode::Drill,
            Some(feoops::quiz::Topic::Practices),
            Some(30),
        );
        guard += 1;
        assert!(guard < 30);
    }
    // A digit is not an option key here: it opens the field and is typed into it.
    a.update(Action::Char('4'));
    assert_eq!(a.mode(), feoops::tui::Mode::Input);
    assert_eq!(a.quiz.input.text(), "4");
    assert!(a.quiz.error.is_none());
    a.update(Action::Back); // leaves the field, keeps the text
    a.update(Action::Back); // a second Esc: the question's end-of-session prompt
    assert!(a.quiz.confirm_end);
    a.update(Action::Back); // keep going
    a.quiz.input.clear();
    // Typed answers go into a field the user enters with Enter.
    a.update(Action::Open);
    assert_eq!(a.mode(), feoops::tui::Mode::Input);
    for c in "프로비저닝".chars() {
        a.update(Action::Char(c));
    }
    a.update(Action::Backspace);
    assert_eq!(a.quiz.input.text(), "프로비저");
    assert!(fits(&a).contains("답: 프로비저"));
    a.update(Action::Open);
    assert!(a.quiz.session.as_ref().unwrap().feedback().is_some());
}

#[test]
fn stats_view_draws_charts() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(Lang::En, dir.path());
    a.update(Action::Up);
    assert_eq!(a.quiz.menu, 3, "Up from the first entry wraps to Stats");
    a.update(Action::Open);
    assert_eq!(a.quiz.view, View::Stats);
    let s = fits(&a);
    assert!(s.contains("Mastery by topic"), "{s}");
    assert!(s.contains("Reviews due in the next 7 days"), "{s}");
    a.update(Action::Back);
    assert_eq!(a.quiz.view, View::Menu);
}

#[test]
fn without_a_store_the_quiz_still_runs_and_says_why() {
    let lib = Arc::new(Library::embedded());
    let mut a = App::new(lib, Lang::En, Theme::color());
    a.update(Action::Resize(100, 30));
    a.update(Action::GoTab(Tab::Quiz.index()));
    assert!(fits(&a).contains("Progress cannot be saved"));
    a.update(Action::Open);
    assert_eq!(a.quiz.view, View::Session);
}

#[test]
fn quiz_pane_snapshots() {
    for lang in Lang::ALL {
        let dir = tempfile::tempdir().unwrap();
        let mut a = app(lang, dir.path());
        a.update(Action::Resize(80, 24));
        insta::assert_snapshot!(format!("quiz_menu_{lang}"), fits(&a));
        a.update(Action::Down);
        a.update(Action::Open);
        insta::assert_snapshot!(format!("quiz_question_{lang}"), fits(&a));
        let key = right_key(&a);
        a.update(Action::Char(key.chars().next().unwrap()));
        if a.quiz.input_kind().is_some() {
            a.update(Action::Open);
        }
        insta::assert_snapshot!(format!("quiz_feedback_{lang}"), fits(&a));
        a.update(Action::Back);
        a.update(Action::Open); // ends the session: its report
        a.update(Action::Open); // the menu
        a.update(Action::Resize(120, 40));
        assert_eq!(a.quiz.view, View::Menu);
        assert_eq!(a.quiz.menu, 1, "the menu keeps Drill selected");
        a.update(Action::Down);
        a.update(Action::Down);
        a.update(Action::Open);
        assert_eq!(a.quiz.view, View::Stats);
        insta::assert_snapshot!(format!("quiz_stats_{lang}"), fits(&a));
    }
}

/// A wrong answer's feedback, the report listing it, and the stats view with today's
/// review, in both languages at 80x24 and 120x40.
#[test]
fn wrong_feedback_report_and_stats_snapshots() {
    for lang in Lang::ALL {
        for (w, h) in [(80u16, 24u16), (120, 40)] {
            let dir = tempfile::tempdir().unwrap();
            let mut a = app(lang, dir.path());
            a.update(Action::Resize(w, h));
            a.update(Action::Down); // Drill
            a.update(Action::Open);
            while a.quiz.input_kind() != Some(feoops::quiz::InputKind::Key) {
                a.update(Action::Back);
                a.update(Action::Open);
                a.update(Action::Open);
                a.update(Action::Down);
                a.update(Action::Open);
            }
            let right = right_key(&a);
            let wrong = if right == "1" { '2' } else { '1' };
            a.update(Action::Char(wrong));
            let s = fits(&a);
            assert!(!a.quiz.session.as_ref().unwrap().feedback().unwrap().correct);
            insta::assert_snapshot!(format!("quiz_wrong_feedback_{lang}_{w}x{h}"), s);
            a.update(Action::Back); // end: it asks first
            a.update(Action::Open);
            let report = fits(&a);
            let missed = a.quiz.session.as_ref().unwrap().report();
            let prompt = missed.missed()[0].prompt.get(lang).to_string();
            let first_words: String = prompt.chars().take(12).collect();
            assert!(report.contains(first_words.trim()), "{report}");
            insta::assert_snapshot!(format!("quiz_report_{lang}_{w}x{h}"), report);
            a.update(Action::Open); // the menu
            a.update(Action::Up);
            a.update(Action::Up);
            a.update(Action::Open);
            assert_eq!(a.quiz.view, View::Stats);
            let stats = fits(&a);
            if w == 80 {
                // The 14-day chart keeps the newest days: today (the 29th) is there.
                assert!(
                    stats.lines().any(|l| l.contains("28") && l.contains("29")),
                    "{stats}"
                );
            }
            insta::assert_snapshot!(format!("quiz_stats_{lang}_{w}x{h}"), stats);
        }
    }
}

#[test]
fn a_session_ended_before_any_answer_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(Lang::En, dir.path());
    a.update(Action::Down);
    a.update(Action::Open);
    a.update(Action::Back);
    a.update(Action::Open);
    let s = fits(&a);
    assert!(s.contains("The session ended before any answer"), "{s}");
    assert!(!s.contains("0/0"), "{s}");
}

/// A wrong answer for the current question, found on a copy of the session (in an exam
/// there is no feedback: the review's rating says whether it was right).
fn wrong_input(app: &App) -> String {
    use feoops::quiz::InputKind;
    let s = app.quiz.session.as_ref().unwrap();
    let v = s.current().unwrap();
    let n = v.choices(Lang::En).len();
    let keys = |k: usize| feoops::quiz::answer::key_for(k).to_string();
    let tries: Vec<String> = match v.input {
        InputKind::Text => vec!["zzz".into()],
        // Never shown in order, so the keys in shown order are always wrong.
        InputKind::Sequence => vec![(0..n).map(keys).collect::<Vec<_>>().join(" ")],
        InputKind::Key | InputKind::Keys => (0..n).map(keys).collect(),
    };
    for t in tries {
        let mut copy = s.clone();
        if let Ok(sub) = copy.submit(&t, NOW.parse().unwrap())
            && !sub.review.rating.is_pass()
        {
            return t;
        }
    }
    panic!("no wrong answer for {}", v.id());
}

/// The exam report names answers by their text, never by the keys of the exam's shuffle,
/// for every kind (order and multiple choice included), and shows what was answered.
#[test]
fn an_exam_report_shows_answers_as_text() {
    use feoops::quiz::KindTag;
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(Lang::En, dir.path());
    a.quiz.topic = feoops::quiz::Topic::ALL.len(); // all topics
    a.update(Action::Down);
    a.update(Action::Down); // Exam
    // The first exam (by seed) with an order and a multiple-choice question in it.
    for seed in 1.. {
        assert!(seed < 50, "no exam with both kinds");
        a.quiz.seed = Some(seed);
        a.update(Action::Open);
        while a.quiz.asking() {
            let input = wrong_input(&a);
            if a.quiz.input_kind() == Some(feoops::quiz::InputKind::Text) {
                a.update(Action::Open);
                for c in input.chars() {
                    a.update(Action::Char(c));
                }
            } else {
                for c in input.chars().filter(|c| !c.is_whitespace()) {
                    a.update(Action::Char(c));
                }
            }
            if a.quiz.input_kind().is_some() {
                a.update(Action::Open);
            }
        }
        let report = a.quiz.session.as_ref().unwrap().report();
        assert_eq!(report.correct, 0);
        let kinds: Vec<KindTag> = report.missed().iter().map(|f| f.kind).collect();
        if kinds.contains(&KindTag::Order) && kinds.contains(&KindTag::Multi) {
            break;
        }
        a.update(Action::Open); // back to the menu
        assert_eq!(a.quiz.menu, 2);
    }
    let report = a.quiz.session.as_ref().unwrap().report();
    let missed = report.missed();
    a.update(Action::Resize(120, 600));
    let screen = fits(&a);
    let flat = screen
        .replace('│', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    for f in &missed {
        let answer = f.answer_text.get(Lang::En);
        let given = f.given_text.get(Lang::En);
        let squeeze = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            flat.contains(&squeeze(&format!("The answer: {answer}"))),
            "{answer}\n{screen}"
        );
        assert!(
            flat.contains(&squeeze(&format!("Your answer: {given}"))),
            "{given}\n{screen}"
        );
        if f.kind == KindTag::Order {
            assert!(answer.contains(" → ") && !answer.contains(':'), "{answer}");
        }
    }
    // No option keys: `2) …` or `3 1 2: …` would mean nothing after the exam's shuffle.
    for l in screen.lines() {
        let t = l.trim_start();
        let keyed = t.len() > 2 && t.as_bytes()[0].is_ascii_digit() && &t[1..3] == ") ";
        assert!(!keyed, "{l}");
        assert!(
            !l.contains(": 1 ") && !l.contains(": 2 ") && !l.contains(": 3 "),
            "{l}"
        );
    }
}

/// The key bar names the answer keys of the question on screen ("1-4" for four options),
/// the same range as the prompt line, in both languages.
#[test]
fn the_key_bar_shows_the_question_s_own_answer_keys() {
    for lang in Lang::ALL {
        let dir = tempfile::tempdir().unwrap();
        let mut a = app(lang, dir.path());
        a.update(Action::Resize(120, 40));
        a.update(Action::Down); // Drill
        a.update(Action::Open);
        let mut seen = 0;
        for _ in 0..10 {
            let Some(v) = a.quiz.session.as_ref().and_then(|s| s.current()) else {
                break;
            };
            let n = v.choices(lang).len();
            let keyed = a.quiz.input_kind().is_some_and(|k| {
                matches!(
                    k,
                    feoops::quiz::InputKind::Key
                        | feoops::quiz::InputKind::Keys
                        | feoops::quiz::InputKind::Sequence
                )
            });
            let screen = fits(&a);
            let bar = screen.lines().last().unwrap().to_string();
            if keyed && n > 1 {
                let range = format!("1-{}", feoops::quiz::answer::key_for(n - 1));
                assert!(bar.contains(&format!(" {range} ")), "{lang}: {bar}");
                if n != 9 {
                    assert!(!bar.contains("1-9"), "{lang}: {bar}");
                }
                seen += 1;
            }
            // Answer (right or wrong) and go on.
            let key = feoops::quiz::answer::key_for(0);
            a.update(Action::Char(key));
            if a.quiz.input_kind().is_some() {
                a.update(Action::Open);
            }
            a.update(Action::Open);
        }
        assert!(seen >= 3, "{lang}: only {seen} questions with answer keys");
    }
}
