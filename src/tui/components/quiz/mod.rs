//! The Quiz pane: a menu (review, drill on a topic, exam, stats), the question being asked,
//! the feedback on an answer, the session report and the stats view. The session logic is
//! the quiz engine's; this pane only drives it and persists each review in the store.
//!
//! While a question or its feedback is on screen the pane owns the answer keys (the
//! `Answer` mode): digits answer, Enter or Space continue, and only Tab (leave the pane,
//! the session waits) and Esc (end the session, after asking) take the user elsewhere.

mod commands;
pub mod draw;
pub mod fit;
mod stats_view;

use commands::rows;
pub use commands::{CONFIRM, all_commands};

use draw::topic_count;

use jiff::Timestamp;
use jiff::tz::TimeZone;

use crate::base::Lang;
use crate::i18n::Text;
use crate::library::Library;
use crate::quiz::stats::{self, Stats};
use crate::quiz::{InputKind, Mode, Session, SessionConfig, Topic};
use crate::store::Store;
use crate::tui::action::{Action, Effect};
use crate::tui::input::{InputEvent, TextInput};
use crate::tui::registry::{Command, Mode as KeyMode, applying};

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
    /// The desired retention (`[quiz] desired_retention` in the config file; 0.9 unset).
    pub desired_retention: f32,
    /// Why progress cannot be saved (no data folder, a newer progress file...).
    pub store_error: Option<String>,
    /// What the store repaired when it opened (shown once on the menu).
    pub warnings: Vec<String>,
    pub view: View,
    pub menu: usize,
    /// Drill topic: an index into `Topic::ALL`, or `Topic::ALL.len()` for all topics.
    pub topic: usize,
    pub session: Option<Session>,
    /// What has been typed for the current question: the keys of a multiple-choice or an
    /// order question, or the typed answer (in an input the user enters with Enter).
    pub input: TextInput,
    /// Esc was pressed during a session: Enter ends it, Esc goes back.
    pub confirm_end: bool,
    /// Why the last input was not an answer, or why a review could not be saved.
    pub error: Option<String>,
    /// The hint, once asked for.
    pub hint: Option<String>,
    /// How far the pane's text is scrolled (reset for every question).
    pub scroll: u16,
    pub stats: Option<Stats>,
    /// The parameters fitted to this user (`None`: FSRS's defaults schedule).
    pub saved_parameters: Option<crate::quiz::optimize::SavedParameters>,
    /// The stats view's optimize command: running, or how it went.
    pub fit: Option<fit::Fit>,
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
            desired_retention: crate::quiz::scheduler::DESIRED_RETENTION,
            store,
            store_error,
            warnings,
            view: View::Menu,
            menu: 0,
            topic: 1,
            session: None,
            input: TextInput::default(),
            confirm_end: false,
            error: None,
            hint: None,
            scroll: 0,
            stats: None,
            saved_parameters: None,
            fit: None,
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

    /// Whether the menu's selected entry takes a topic (drills and exams do).
    pub fn topic_applies(&self) -> bool {
        self.view == View::Menu
            && matches!(
                MenuItem::ALL.get(self.menu),
                Some(MenuItem::Drill | MenuItem::Exam)
            )
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
        self.saved_parameters = self
            .store
            .as_ref()
            .and_then(|s| crate::quiz::optimize::load(s.dir()));
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
                // A fit's outcome is told once; a running fit goes on.
                if !self.fitting() {
                    self.fit = None;
                }
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
        let seed = self.session_seed(now);
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
        let made = Session::new(lib.questions(), &cards, cfg, now);
        self.begin(made);
    }

    /// The seed of the next session: fixed in tests, else from the clock.
    fn session_seed(&self, now: Timestamp) -> u64 {
        self.seed
            .unwrap_or_else(|| u64::try_from(now.as_nanosecond()).unwrap_or(0))
    }

    /// Shows a session just made, with a clean answer field (or why it could not start).
    fn begin<E: std::fmt::Display>(&mut self, made: Result<Session, E>) {
        match made {
            Ok(mut s) => {
                self.apply_model(&mut s);
                self.scroll = 0;
                self.session = Some(s);
                self.view = View::Session;
                self.input.clear();
                self.input.focused = false;
                self.error = None;
                self.hint = None;
            }
            Err(e) => self.error = Some(e.to_string()),
        }
    }

    /// Schedules with the user's fitted parameters (if saved) and desired retention.
    fn apply_model(&mut self, session: &mut Session) {
        if let Some(store) = self.store.as_mut() {
            let model = crate::quiz::optimize::model_for(store.dir(), self.desired_retention);
            store.set_model(model.clone());
            session.set_model(model);
        } else {
            session.set_model(crate::quiz::Fsrs::with_retention(self.desired_retention));
        }
    }

    /// The ids of the questions missed in the session just finished (each once).
    pub fn missed(&self) -> Vec<String> {
        let mut ids: Vec<String> = Vec::new();
        if let Some(s) = &self.session {
            for f in s.report().results.iter().filter(|f| !f.correct) {
                if !ids.contains(&f.question_id) {
                    ids.push(f.question_id.clone());
                }
            }
        }
        ids
    }

    /// Starts a drill on exactly the questions missed in the session just finished.
    pub fn retry_missed(&mut self, lib: &Library) {
        let ids = self.missed();
        if ids.is_empty() {
            return;
        }
        let bank: Vec<crate::quiz::Question> = lib
            .questions()
            .iter()
            .filter(|q| ids.contains(&q.id))
            .cloned()
            .collect();
        let now = self.now();
        let seed = self.session_seed(now);
        let mut cfg = SessionConfig::new(Mode::Drill, seed);
        cfg.count = Some(bank.len());
        let cards = self
            .store
            .as_ref()
            .map(|s| s.cards().clone())
            .unwrap_or_default();
        let made = Session::new(&bank, &cards, cfg, now);
        self.begin(made);
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
                self.input.focused = false;
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
        // In an exam the hint key is not offered; pressing it says why nothing shows.
        // The hint is drawn under the options: scroll to the end so it is in view.
        self.scroll = u16::MAX;
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
            self.input.focused = false;
            self.error = None;
            self.scroll = 0;
        }
    }

    /// Ends the session early; its report shows.
    pub fn end(&mut self) {
        if let Some(s) = self.session.as_mut() {
            s.end();
        }
        self.scroll = 0;
        self.input.clear();
        self.input.focused = false;
        self.hint = None;
        self.error = None;
    }

    /// Whether a question (or its feedback) is on screen, in a session that goes on.
    pub fn asking(&self) -> bool {
        self.view == View::Session && self.session.as_ref().is_some_and(|s| !s.is_finished())
    }

    /// How the pane reads keys now.
    pub fn key_mode(&self) -> KeyMode {
        if self.input.focused {
            KeyMode::Input
        } else if self.asking() {
            KeyMode::Answer
        } else {
            KeyMode::Normal
        }
    }

    /// The commands of the pane now.
    pub fn commands(&self) -> Vec<Command> {
        if self.input.focused {
            return crate::tui::registry::INPUT.to_vec();
        }
        // The answer keys say the question's own range ("1-4"), as its prompt line does.
        let last = self
            .session
            .as_ref()
            .and_then(|s| s.current())
            .map(|v| v.choices(Lang::En).len())
            .filter(|&n| n > 0)
            .map_or('9', |n| crate::quiz::answer::key_for(n - 1));
        applying(&rows(), self)
            .into_iter()
            .map(|c| match c.action {
                Action::Char(_) => Command {
                    action: Action::Char(last),
                    ..c
                },
                _ => c,
            })
            .collect()
    }

    /// An answer key: one key answers a one-key question at once; the keys of a
    /// multiple-choice or order question are collected until Enter.
    fn answer_key(&mut self, c: char, lang: Lang) {
        let Some(kind) = self.input_kind() else {
            return;
        };
        let n = self
            .session
            .as_ref()
            .and_then(|s| s.current())
            .map_or(0, |v| v.choices(lang).len().max(2));
        if kind == InputKind::Text {
            // A typed answer has no keys: a digit opens its field and is the first
            // character typed.
            self.error = None;
            self.input.focus();
            let _ = self.input.handle(Action::Char(c));
            return;
        }
        if kind == InputKind::Key {
            // The engine says what is wrong with a key that is not an option's.
            self.submit(&c.to_string(), lang);
            return;
        }
        if crate::quiz::answer::index_for_key(c, n).is_none() {
            let e = crate::quiz::answer::AnswerError::NotAKey {
                input: c.to_string(),
                n,
            };
            self.error = Some(e.message(lang));
            return;
        }
        self.error = None;
        match kind {
            InputKind::Key => {}
            InputKind::Keys => {
                // A key typed twice is taken out again.
                let text = self.input.text().to_string();
                if text.contains(c) {
                    self.input.set(&text.replace(c, ""));
                } else {
                    self.input.set(&format!("{text}{c}"));
                }
            }
            InputKind::Sequence => {
                if !self.input.text().contains(c) {
                    let text = format!("{}{c}", self.input.text());
                    self.input.set(&text);
                }
            }
            InputKind::Text => {}
        }
    }

    /// Applies an action to the pane.
    pub fn update(&mut self, action: Action, lib: &Library, lang: Lang, t: &Text) -> Effect {
        if self.confirm_end {
            match action {
                Action::Open => {
                    self.confirm_end = false;
                    self.end();
                }
                Action::Back => self.confirm_end = false,
                Action::Quit | Action::Resize(..) => return Effect::Unhandled,
                _ => {}
            }
            return Effect::None;
        }
        if self.input.focused {
            match self.input.handle(action) {
                InputEvent::Submit => {
                    let text = self.input.text().to_string();
                    self.submit(&text, lang);
                }
                InputEvent::Changed | InputEvent::Moved | InputEvent::Left => {}
                InputEvent::Ignored => return Effect::Unhandled,
            }
            return Effect::None;
        }
        match self.view {
            View::Menu => self.update_menu(action, lib),
            View::Stats => match action {
                Action::Back | Action::Open => {
                    self.view = View::Menu;
                    Effect::None
                }
                Action::Optimize => {
                    self.optimize();
                    Effect::None
                }
                _ => Effect::Unhandled,
            },
            View::Session => self.update_session(action, lib, lang, t),
        }
    }

    fn update_menu(&mut self, action: Action, lib: &Library) -> Effect {
        match action {
            Action::Up | Action::Down => {
                let n = MenuItem::ALL.len();
                let d = if action == Action::Up { n - 1 } else { 1 };
                self.menu = (self.menu + d) % n;
                self.error = None;
            }
            Action::Left | Action::Right if self.topic_applies() => {
                let n = topic_count();
                let d = if action == Action::Left { n - 1 } else { 1 };
                self.topic = (self.topic + d) % n;
                self.error = None;
            }
            Action::Open => self.start(lib),
            _ => return Effect::Unhandled,
        }
        Effect::None
    }

    fn update_session(&mut self, action: Action, lib: &Library, lang: Lang, t: &Text) -> Effect {
        let Some(session) = self.session.as_ref() else {
            self.view = View::Menu;
            return Effect::Unhandled;
        };
        if session.is_finished() {
            return match action {
                Action::Open | Action::Back => {
                    self.next(lib);
                    Effect::None
                }
                Action::Retry => {
                    self.retry_missed(lib);
                    Effect::None
                }
                Action::Up | Action::PageUp => {
                    self.scroll = self.scroll.saturating_sub(3);
                    Effect::None
                }
                Action::Down | Action::PageDown => {
                    self.scroll = self.scroll.saturating_add(3);
                    Effect::None
                }
                Action::Top => {
                    self.scroll = 0;
                    Effect::None
                }
                _ => Effect::Unhandled,
            };
        }
        let feedback = session.feedback().map(|f| f.page.clone());
        match (action, feedback) {
            (Action::Back, _) => self.confirm_end = true,
            (Action::Open, Some(_)) => self.next(lib),
            (Action::OpenPage, Some(page)) => return Effect::OpenPage(page),
            (Action::Char(_), Some(_)) => {}
            (Action::Char(c), None) => self.answer_key(c, lang),
            (Action::Backspace, None) => {
                let mut text = self.input.text().to_string();
                text.pop();
                self.input.set(&text);
            }
            (Action::Open, None) => match self.input_kind() {
                Some(InputKind::Text) => self.input.focus(),
                Some(InputKind::Keys | InputKind::Sequence) => {
                    let text = self.input.text().to_string();
                    self.submit(&text, lang);
                }
                _ => {}
            },
            (Action::Hint, None) => self.show_hint(lang, t),
            (Action::Up | Action::PageUp, _) => self.scroll = self.scroll.saturating_sub(3),
            (Action::Down | Action::PageDown, _) => self.scroll = self.scroll.saturating_add(3),
            (Action::Top, _) => self.scroll = 0,
            // Digits answer here, so a tab is left with Tab only.
            (Action::GoTab(_), _) => {}
            _ => return Effect::Unhandled,
        }
        Effect::None
    }
}
