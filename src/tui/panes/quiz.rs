//! The Quiz pane: a menu (review, drill on a topic, exam, stats), the question being asked,
//! the feedback on an answer, the session report and the stats view. The session logic is
//! the quiz engine's; this pane only drives it and persists each review in the store.

use jiff::Timestamp;
use jiff::tz::TimeZone;

use crate::i18n::{Text, fill};
use crate::quiz::stats::{self, Stats};
use crate::quiz::{InputKind, Mode, Rating, Session, SessionConfig, Topic, answer::key_for};
use crate::store::Store;
use crate::{Library, base::Lang};

/// New questions a review session may introduce per day.
pub const NEW_PER_DAY: usize = 20;
/// Questions in a drill and in an exam started from the menu.
pub const DRILL_COUNT: usize = 10;
pub const EXAM_COUNT: usize = 20;
/// Days of accuracy history in the stats view.
pub const ACCURACY_DAYS: usize = 14;

/// The menu entries, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MenuItem {
    Review,
    Drill,
    Exam,
    Stats,
}

impl MenuItem {
    pub const ALL: [MenuItem; 4] = [
        MenuItem::Review,
        MenuItem::Drill,
        MenuItem::Exam,
        MenuItem::Stats,
    ];
}

/// What the pane shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Menu,
    Session,
    Stats,
}

pub struct QuizPane {
    pub store: Option<Store>,
    /// Why progress cannot be saved (no data folder, a newer progress file...).
    pub store_error: Option<String>,
    /// What the store repaired when it opened (shown once on the menu).
    pub warnings: Vec<String>,
    pub view: View,
    pub menu: usize,
    /// Drill topic: an index into `Topic::ALL`, or `Topic::ALL.len()` for all topics.
    pub topic: usize,
    pub session: Option<Session>,
    /// What has been typed for the current question.
    pub input: String,
    /// Why the last input was not an answer, or why a review could not be saved.
    pub error: Option<String>,
    /// The hint, once asked for.
    pub hint: Option<String>,
    /// How far the pane's text is scrolled (reset for every question).
    pub scroll: u16,
    pub stats: Option<Stats>,
    /// A fixed clock for tests.
    pub fixed_now: Option<Timestamp>,
    /// The seed of the next session (fixed in tests; from the clock otherwise).
    pub seed: Option<u64>,
    pub tz: TimeZone,
}

impl QuizPane {
    pub fn new(store: Result<Store, String>) -> QuizPane {
        let (mut store, store_error) = match store {
            Ok(s) => (Some(s), None),
            Err(e) => (None, Some(e)),
        };
        let warnings = store
            .as_mut()
            .map(|s| s.take_warnings().iter().map(|w| w.to_string()).collect())
            .unwrap_or_default();
        QuizPane {
            store,
            store_error,
            warnings,
            view: View::Menu,
            menu: 0,
            topic: 1,
            session: None,
            input: String::new(),
            error: None,
            hint: None,
            scroll: 0,
            stats: None,
            fixed_now: None,
            seed: None,
            tz: TimeZone::try_system().unwrap_or(TimeZone::UTC),
        }
    }

    pub fn now(&self) -> Timestamp {
        self.fixed_now.unwrap_or_else(Timestamp::now)
    }

    /// The drill topic, `None` for all topics.
    pub fn topic(&self) -> Option<Topic> {
        Topic::ALL.get(self.topic).copied()
    }

    /// Whether printable keys are answers (a question is being asked).
    pub fn takes_text(&self) -> bool {
        self.view == View::Session
            && self
                .session
                .as_ref()
                .is_some_and(|s| s.current().is_some() && s.feedback().is_none())
    }

    /// The input kind of the question being asked.
    pub fn input_kind(&self) -> Option<InputKind> {
        let s = self.session.as_ref()?;
        if s.feedback().is_some() {
            return None;
        }
        s.current().map(|v| v.input)
    }

    /// Recomputes the stats from the store.
    pub fn refresh_stats(&mut self, lib: &Library) {
        let now = self.now();
        self.stats = self.store.as_mut().and_then(|store| {
            let _ = store.refresh();
            let log = store.reviews().ok()?;
            Some(stats::compute(
                lib.questions(),
                store.cards(),
                &log,
                now,
                &self.tz,
                ACCURACY_DAYS,
            ))
        });
    }

    /// Starts the session chosen on the menu (or shows the stats).
    pub fn start(&mut self, lib: &Library) {
        let item = MenuItem::ALL[self.menu.min(MenuItem::ALL.len() - 1)];
        let mode = match item {
            MenuItem::Review => Mode::Review,
            MenuItem::Drill => Mode::Drill,
            MenuItem::Exam => Mode::Exam,
            MenuItem::Stats => {
                self.refresh_stats(lib);
                self.view = View::Stats;
                return;
            }
        };
        self.start_mode(lib, mode, self.topic(), None);
    }

    /// Starts a session of a mode (also used by `feoops quiz` to open the pane directly).
    pub fn start_mode(
        &mut self,
        lib: &Library,
        mode: Mode,
        topic: Option<Topic>,
        count: Option<usize>,
    ) {
        let now = self.now();
        let seed = self
            .seed
            .unwrap_or_else(|| u64::try_from(now.as_nanosecond()).unwrap_or(0));
        let mut cfg = SessionConfig::new(mode, seed);
        cfg.topic = if mode == Mode::Review { None } else { topic };
        cfg.count = count.or(match mode {
            Mode::Review => None,
            Mode::Drill => Some(DRILL_COUNT),
            Mode::Exam => Some(EXAM_COUNT),
        });
        let (cards, introduced) = match self.store.as_mut() {
            Some(store) => {
                let _ = store.refresh();
                let log = store.reviews().unwrap_or_default();
                (
                    store.cards().clone(),
                    stats::new_introduced_today(&log, now, &self.tz),
                )
            }
            None => (Default::default(), 0),
        };
        cfg.new_limit = NEW_PER_DAY.saturating_sub(introduced);
        match Session::new(lib.questions(), &cards, cfg, now) {
            Ok(s) => {
                self.scroll = 0;
                self.session = Some(s);
                self.view = View::Session;
                self.input.clear();
                self.error = None;
                self.hint = None;
            }
            Err(e) => self.error = Some(e.to_string()),
        }
    }

    /// Submits an answer; on success the review is saved.
    pub fn submit(&mut self, input: &str, lang: Lang) {
        let now = self.now();
        let Some(session) = self.session.as_mut() else {
            return;
        };
        match session.submit(input, now) {
            Ok(sub) => {
                self.scroll = 0;
                self.input.clear();
                self.hint = None;
                self.error = None;
                if let Some(store) = self.store.as_mut()
                    && let Err(e) = store.record(&sub.review)
                {
                    self.error = Some(e.to_string());
                }
            }
            Err(e) => self.error = Some(e.message(lang)),
        }
    }

    pub fn show_hint(&mut self, lang: Lang, t: &Text) {
        let Some(session) = self.session.as_mut() else {
            return;
        };
        if session.feedback().is_some() {
            return;
        }
        let exam = session.mode() == Mode::Exam;
        self.hint = Some(match session.hint() {
            Some(h) => h.get(lang).clone(),
            None if exam => t.quiz.no_hint_in_exam.clone(),
            None => t.quiz.no_hint.clone(),
        });
    }

    /// Moves on from feedback (or from the report back to the menu).
    pub fn next(&mut self, lib: &Library) {
        let now = self.now();
        let Some(session) = self.session.as_mut() else {
            return;
        };
        if session.is_finished() {
            self.session = None;
            self.view = View::Menu;
            self.refresh_stats(lib);
        } else if session.feedback().is_some() {
            session.next(now);
            self.input.clear();
            self.error = None;
            self.scroll = 0;
        }
    }

    /// Ends the session early; its report shows.
    pub fn end(&mut self) {
        if let Some(s) = self.session.as_mut() {
            s.end();
        }
        self.input.clear();
        self.hint = None;
        self.error = None;
    }

    /// A typed character: an answer key (answered at once for one-key questions), a hint
    /// request, or part of the answer being typed.
    pub fn char(&mut self, c: char, lang: Lang, t: &Text) {
        let Some(kind) = self.input_kind() else {
            return;
        };
        if kind != InputKind::Text && c == 'h' {
            self.show_hint(lang, t);
            return;
        }
        match kind {
            InputKind::Key => {
                if !c.is_whitespace() {
                    self.submit(&c.to_string(), lang);
                }
            }
            _ => self.input.push(c),
        }
    }
}

/// The keys that answer the current question, e.g. "1-4".
pub fn answer_keys(n: usize) -> String {
    match n {
        0 => String::new(),
        1 => key_for(0).to_string(),
        _ => format!("{}-{}", key_for(0), key_for(n - 1)),
    }
}

pub fn rating_label(r: Rating, t: &Text) -> &str {
    match r {
        Rating::Again => &t.quiz.rating_again,
        Rating::Hard => &t.quiz.rating_hard,
        Rating::Good => &t.quiz.rating_good,
        Rating::Easy => &t.quiz.rating_easy,
    }
}

pub fn mode_label(m: Mode, t: &Text) -> &str {
    match m {
        Mode::Review => &t.quiz.mode_review,
        Mode::Drill => &t.quiz.mode_drill,
        Mode::Exam => &t.quiz.mode_exam,
    }
}

/// "in 3 day(s)" etc., for a due time.
pub fn when(due: Timestamp, now: Timestamp, t: &Text) -> String {
    let secs = due.duration_since(now).as_secs();
    if secs <= 0 {
        return t.quiz.now.clone();
    }
    let mins = (secs + 59) / 60;
    if mins < 60 {
        fill(&t.quiz.in_minutes, &[("n", &mins)])
    } else if mins < 60 * 24 {
        fill(&t.quiz.in_hours, &[("n", &((mins + 59) / 60))])
    } else {
        fill(&t.quiz.in_days, &[("n", &(mins / (60 * 24)))])
    }
}
