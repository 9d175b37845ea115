//! `feoops quiz`: the plain-text quiz session (`--plain`), `quiz stats` and `quiz export`.

use std::io::{self, BufRead, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use unicode_width::UnicodeWidthStr;

use clap::{Args, Subcommand};
use jiff::Timestamp;
use jiff::tz::TimeZone;

use super::{EXIT_USAGE, Global};
use crate::base::Lang;
use crate::i18n::{self, Localize, fill};
use crate::quiz::session::DEFAULT_NEW_PER_DAY;
use crate::quiz::stats::new_introduced_today;
use crate::quiz::{
    Feedback, InputKind, KindTag, Mode, Rating, Report, Session, SessionConfig, Topic,
};
use crate::store::{Store, default_data_dir};

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct QuizArgs {
    #[command(subcommand)]
    pub action: Option<QuizAction>,
    #[arg(long)]
    pub plain: bool,
    #[arg(long, value_name = "MODE", default_value = "review", value_parser = parse_mode)]
    pub mode: Mode,
    #[arg(long, value_name = "TOPIC", value_parser = parse_topic)]
    pub topic: Option<Topic>,
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=10_000))]
    pub count: Option<u32>,
    #[arg(long, value_name = "S")]
    pub seed: Option<u64>,
    #[arg(long, value_name = "N", default_value_t = DEFAULT_NEW_PER_DAY)]
    pub new_per_day: usize,
}

#[derive(Debug, Subcommand)]
pub enum QuizAction {
    Stats {
        #[arg(long)]
        json: bool,
        #[arg(long, value_name = "N", default_value_t = 14, value_parser = clap::value_parser!(u16).range(1..=366))]
        days: u16,
    },
    Optimize,
    Export {
        // Only CSV so far; a `String` so that the values' help comes from assets/i18n.
        #[arg(long, value_name = "FORMAT", default_value = "csv", value_parser = ["csv"])]
        format: String,
    },
}

fn parse_mode(s: &str) -> Result<Mode, String> {
    let t = &i18n::text(super::locale::ui_lang()).cli;
    Mode::parse(s).ok_or_else(|| fill(&t.bad_mode, &[("value", &s)]))
}

fn parse_topic(s: &str) -> Result<Topic, String> {
    Topic::parse(s).ok_or_else(|| {
        let all: Vec<&str> = Topic::ALL.iter().map(|t| t.id()).collect();
        let t = &i18n::text(super::locale::ui_lang()).cli;
        fill(&t.bad_topic, &[("value", &s), ("list", &all.join(", "))])
    })
}

pub(super) fn run(g: &Global, lang: Lang, args: QuizArgs) -> anyhow::Result<ExitCode> {
    match dispatch(g, lang, args) {
        // A reader that stopped early (`| head`) is not an error; progress is saved.
        Err(e)
            if e.chain().any(|c| {
                c.downcast_ref::<io::Error>()
                    .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
            }) =>
        {
            Ok(ExitCode::SUCCESS)
        }
        other => other,
    }
}

fn dispatch(g: &Global, lang: Lang, args: QuizArgs) -> anyhow::Result<ExitCode> {
    match args.action {
        Some(QuizAction::Stats { json, days }) => {
            super::quiz_stats::stats(g, lang, json, usize::from(days))
        }
        Some(QuizAction::Optimize) => super::quiz_stats::optimize(g, lang),
        Some(QuizAction::Export { format: _ }) => super::quiz_stats::export_csv(g),
        None if args.plain => plain(g, lang, &args),
        None if io::stdout().is_terminal() && io::stdin().is_terminal() => {
            open_quiz_tab(g, lang, &args)
        }
        None => {
            crate::cli::out::say!("feoops: {}", i18n::text(lang).cli.quiz_needs_terminal);
            Ok(ExitCode::from(EXIT_USAGE))
        }
    }
}

/// INTEGRATION HOOK: `feoops quiz` in a terminal, without `--plain`. This should open the
/// dashboard on its Quiz tab (mode, topic and count from `args`); until the Quiz pane
/// lands it runs the plain session in the terminal.
fn open_quiz_tab(g: &Global, lang: Lang, args: &QuizArgs) -> anyhow::Result<ExitCode> {
    // Straight into a session when the command line asked for one; else the Quiz menu.
    let asked = args.mode != Mode::Review || args.topic.is_some() || args.count.is_some();
    let start = crate::tui::Start::Quiz {
        mode: asked.then_some(args.mode),
        topic: args.topic,
        count: args.count.map(|c| c as usize),
    };
    super::run_tui_at(g, lang, start)
}

/// The data folder: `--data-dir`, else the platform's (see [`default_data_dir`]).
pub(super) fn data_dir(g: &Global) -> anyhow::Result<PathBuf> {
    g.data_dir.clone().or_else(default_data_dir).ok_or_else(|| {
        let t = &i18n::text(super::locale::ui_lang()).cli;
        anyhow::anyhow!("{}", t.no_data_dir)
    })
}

/// Opens the progress store, printing what it repaired.
pub(super) fn open_store(g: &Global) -> anyhow::Result<Store> {
    let mut store = Store::open(&data_dir(g)?)?;
    let model =
        crate::quiz::optimize::model_for(store.dir(), super::quiz_stats::desired_retention());
    store.set_model(model);
    let lang = super::locale::ui_lang();
    for w in store.take_warnings() {
        super::warn(&w.localized(lang));
    }
    Ok(store)
}

/// Opens the progress store for a command that records nothing: the lock is taken
/// shared and nothing is written, so it works in a read-only data folder (one line then
/// says nothing can be saved).
pub(super) fn open_store_read_only(g: &Global) -> anyhow::Result<Store> {
    let mut store = Store::open_read_only(&data_dir(g)?)?;
    let lang = super::locale::ui_lang();
    for w in store.take_warnings() {
        super::warn(&w.localized(lang));
    }
    Ok(store)
}

/// The current time; `FEOOPS_NOW` (RFC 3339) fixes it, for reproducible tests.
pub(super) fn now() -> Timestamp {
    std::env::var("FEOOPS_NOW")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(Timestamp::now)
}

fn plain(g: &Global, lang: Lang, args: &QuizArgs) -> anyhow::Result<ExitCode> {
    let loaded = super::load(g.content.as_deref())?;
    super::warn_problems(&loaded);
    let mut store = open_store(g)?;
    let seed = args
        .seed
        .unwrap_or_else(|| (Timestamp::now().as_nanosecond().unsigned_abs() % 1_000_000) as u64);
    let mut config = SessionConfig::new(args.mode, seed);
    config.topic = args.topic;
    config.count = args.count.map(|n| n as usize);
    let introduced = new_introduced_today(&store.reviews()?, now(), &TimeZone::system());
    config.new_limit = args.new_per_day.saturating_sub(introduced);
    let session = match Session::new(loaded.library.questions(), store.cards(), config, now()) {
        Ok(mut s) => {
            let dir = store.dir();
            s.set_model(crate::quiz::optimize::model_for(
                dir,
                super::quiz_stats::desired_retention(),
            ));
            s
        }
        Err(e) => {
            crate::cli::out::say!("feoops: {}", e.localized(lang));
            return Ok(ExitCode::from(EXIT_USAGE));
        }
    };
    let mut ui = Plain {
        lang,
        t: &i18n::text(lang).quiz,
        out: crate::cli::out::stdout(),
        echo_newline: !io::stdin().is_terminal(),
    };
    ui.run(session, &mut store, &mut io::stdin().lock())?;
    Ok(ExitCode::SUCCESS)
}

struct Plain<'t, W: Write> {
    lang: Lang,
    t: &'t i18n::Quiz,
    out: W,
    /// Input is not echoed when it comes from a pipe: end the prompt line ourselves.
    echo_newline: bool,
}

/// What the learner typed at a prompt.
enum Line {
    Text(String),
    Eof,
}

impl<W: Write> Plain<'_, W> {
    fn run(
        &mut self,
        mut s: Session,
        store: &mut Store,
        input: &mut impl BufRead,
    ) -> anyhow::Result<()> {
        let dir = store.dir().display().to_string();
        if s.planned() == 0 {
            writeln!(self.out, "{}", self.t.nothing_due)?;
            if let Some(next) = store
                .cards()
                .values()
                .map(|c| c.due)
                .filter(|d| *d > now())
                .min()
            {
                writeln!(
                    self.out,
                    "{}",
                    fill(&self.t.next_due, &[("when", &self.when(next))])
                )?;
            }
            writeln!(self.out, "{}", self.t.try_drill)?;
            return Ok(());
        }
        self.header(&s)?;
        'questions: while s.current().is_some() {
            self.ask(&s)?;
            loop {
                self.prompt(&s)?;
                let text = match read_line(input)? {
                    Line::Eof => {
                        writeln!(self.out)?;
                        s.end();
                        break 'questions;
                    }
                    Line::Text(t) => t,
                };
                if self.echo_newline {
                    writeln!(self.out)?;
                }
                if is_hint_word(&text) {
                    self.hint(&mut s)?;
                    continue;
                }
                match s.submit(&text, now()) {
                    Err(e) => {
                        let why = e.message(self.lang);
                        writeln!(
                            self.out,
                            "{}",
                            fill(&self.t.not_an_answer, &[("why", &why)])
                        )?;
                    }
                    Ok(sub) => {
                        store.record(&sub.review)?;
                        match &sub.feedback {
                            Some(fb) => self.feedback(fb)?,
                            None => writeln!(self.out, "{}", self.t.recorded)?,
                        }
                        writeln!(self.out)?;
                        s.next(now());
                        break;
                    }
                }
            }
        }
        let report = s.report();
        self.report(&report)?;
        let (answered, correct, left) = (report.answered, report.correct, report.left);
        let line = if report.ended_early {
            &self.t.summary_early
        } else {
            &self.t.summary
        };
        writeln!(
            self.out,
            "{}",
            fill(
                line,
                &[
                    ("answered", &answered),
                    ("correct", &correct),
                    ("left", &left),
                    ("dir", &dir)
                ]
            )
        )?;
        Ok(())
    }

    fn header(&mut self, s: &Session) -> io::Result<()> {
        let c = s.config();
        let topic = c
            .topic
            .map(|t| fill(&self.t.topic_suffix, &[("topic", &t.id())]))
            .unwrap_or_default();
        let mode = match c.mode {
            Mode::Review => &self.t.mode_review,
            Mode::Drill => &self.t.mode_drill,
            Mode::Exam => &self.t.mode_exam,
        };
        let template = if c.mode == Mode::Exam {
            &self.t.exam_start
        } else {
            &self.t.session_start
        };
        let n = s.planned();
        writeln!(
            self.out,
            "{}\n",
            fill(
                template,
                &[
                    ("mode", mode),
                    ("n", &n),
                    ("topic", &topic),
                    ("seed", &c.seed)
                ]
            )
        )
    }

    fn ask(&mut self, s: &Session) -> io::Result<()> {
        let Some(v) = s.current() else { return Ok(()) };
        let kind = v.kind().label(self.lang);
        let mut head = fill(
            &self.t.question_header,
            &[
                ("n", &v.number),
                ("total", &v.total),
                ("id", &v.id()),
                ("kind", &kind),
            ],
        );
        if v.retry {
            head = format!("{head} {}", self.t.retry_note);
        }
        writeln!(self.out, "{head}\n{}", v.prompt(self.lang))?;
        if let Some(ask) = v.question.instruction(self.lang) {
            writeln!(self.out, "{ask}")?;
        }
        let choices = v.choices(self.lang);
        if !choices.is_empty() {
            writeln!(self.out)?;
            for (i, c) in choices.iter().enumerate() {
                writeln!(self.out, "  {}) {c}", crate::quiz::answer::key_for(i))?;
            }
        }
        writeln!(self.out)
    }

    fn prompt(&mut self, s: &Session) -> io::Result<()> {
        let Some(v) = s.current() else { return Ok(()) };
        let n = v.order.len();
        let keys = match v.kind() {
            KindTag::TrueFalse => i18n::text(self.lang).cli.tf_keys.clone(),
            _ => format!("1–{n}"),
        };
        let exam = s.mode() == Mode::Exam;
        let t = self.t;
        let template = match (v.input, exam) {
            (InputKind::Key, false) => &t.prompt_key,
            (InputKind::Keys, false) => &t.prompt_keys,
            (InputKind::Sequence, false) => &t.prompt_sequence,
            (InputKind::Text, false) => &t.prompt_text,
            (InputKind::Key, true) => &t.prompt_exam_key,
            (InputKind::Keys, true) => &t.prompt_exam_keys,
            (InputKind::Sequence, true) => &t.prompt_exam_sequence,
            (InputKind::Text, true) => &t.prompt_exam_text,
        };
        write!(self.out, "{}", fill(template, &[("keys", &keys)]))?;
        self.out.flush()
    }

    fn hint(&mut self, s: &mut Session) -> io::Result<()> {
        let exam = s.mode() == Mode::Exam;
        match s.hint() {
            Some(h) => {
                let h = h.get(self.lang).clone();
                writeln!(self.out, "{}", fill(&self.t.hint, &[("hint", &h)]))
            }
            None if exam => writeln!(self.out, "{}", self.t.no_hint_in_exam),
            None => writeln!(self.out, "{}", self.t.no_hint),
        }
    }

    fn rating(&self, r: Rating) -> &str {
        match r {
            Rating::Again => &self.t.rating_again,
            Rating::Hard => &self.t.rating_hard,
            Rating::Good => &self.t.rating_good,
            Rating::Easy => &self.t.rating_easy,
        }
    }

    /// `in 2 days`, `in 1 hour`, `in 10 minutes`.
    fn when(&self, at: Timestamp) -> String {
        let secs = at.duration_since(now()).as_secs();
        let (template, n) = if secs <= 0 {
            return self.t.now.clone();
        } else if secs < 3600 {
            (&self.t.in_minutes, (secs + 59) / 60)
        } else if secs < 86_400 {
            (&self.t.in_hours, (secs + 1800) / 3600)
        } else {
            (&self.t.in_days, (secs + 43_200) / 86_400)
        };
        crate::i18n::plural(template, n)
    }

    fn explain(&mut self, fb: &Feedback, indent: &str) -> io::Result<()> {
        let l = self.lang;
        writeln!(
            self.out,
            "{indent}{}",
            fill(&self.t.why, &[("text", fb.explanation.get(l))])
        )?;
        writeln!(
            self.out,
            "{indent}{}",
            fill(&self.t.learn_more, &[("page", &fb.page)])
        )
    }

    fn feedback(&mut self, fb: &Feedback) -> io::Result<()> {
        let l = self.lang;
        if fb.correct {
            writeln!(self.out, "{}", self.t.correct)?;
        } else {
            let answer = fb.answer.get(l);
            writeln!(
                self.out,
                "{} {}",
                self.t.wrong,
                fill(&self.t.the_answer, &[("answer", answer)])
            )?;
            writeln!(
                self.out,
                "{}",
                fill(&self.t.your_answer, &[("answer", fb.given.get(l))])
            )?;
        }
        self.explain(fb, "")?;
        if fb.requeued {
            writeln!(self.out, "{}", self.t.requeued)
        } else if fb.held {
            writeln!(self.out, "{}", self.t.held)
        } else {
            let rating = self.rating(fb.rating).to_string();
            let when = self.when(fb.due);
            writeln!(
                self.out,
                "{}",
                fill(&self.t.next_review, &[("rating", &rating), ("when", &when)])
            )
        }
    }

    fn report(&mut self, r: &Report) -> io::Result<()> {
        if r.answered == 0 {
            return writeln!(self.out, "{}\n", self.t.no_answers);
        }
        let pct = (r.score() * 100.0).round() as u32;
        let template = if r.mode == Mode::Exam {
            &self.t.exam_score
        } else {
            &self.t.score
        };
        let (correct, answered) = (r.correct, r.answered);
        writeln!(
            self.out,
            "{}",
            fill(
                template,
                &[
                    ("correct", &correct),
                    ("answered", &answered),
                    ("pct", &pct)
                ]
            )
        )?;
        let width = r
            .by_topic
            .iter()
            .map(|t| t.topic.label(self.lang).width())
            .max()
            .unwrap_or(0);
        for t in &r.by_topic {
            let label = t.topic.label(self.lang);
            let pad = width.saturating_sub(label.width());
            writeln!(
                self.out,
                "  {label}{}  {}/{}",
                " ".repeat(pad),
                t.correct,
                t.answered
            )?;
        }
        // Each missed question once, as text: its prompt, the right answer (in an exam,
        // which gave no feedback, the answer given too), why, and the page. Keys are left
        // out: they were this session's shuffle.
        let missed = r.missed();
        if !missed.is_empty() {
            writeln!(self.out, "\n{}", self.t.to_review)?;
            for fb in missed {
                let mut lines = fb.prompt.get(self.lang).lines();
                writeln!(self.out, "- {}", lines.next().unwrap_or_default())?;
                for line in lines {
                    writeln!(self.out, "  {line}")?;
                }
                if r.mode == Mode::Exam {
                    let given = fb.given_text.get(self.lang);
                    writeln!(
                        self.out,
                        "  {}",
                        fill(&self.t.your_answer, &[("answer", given)])
                    )?;
                }
                let answer = fb.answer_text.get(self.lang);
                writeln!(
                    self.out,
                    "  {}",
                    fill(&self.t.the_answer, &[("answer", answer)])
                )?;
                self.explain(fb, "  ")?;
            }
        }
        writeln!(self.out)
    }
}

/// `h`, `?` or the word for a hint in either language: asks for the hint.
fn is_hint_word(text: &str) -> bool {
    let typed = text.trim().to_lowercase();
    Lang::ALL.iter().any(|&l| {
        i18n::text(l)
            .cli
            .hint_words
            .split_whitespace()
            .any(|w| w == typed)
    })
}

/// The longest answer line read; the rest of a longer line is skipped.
const MAX_LINE: u64 = 64 * 1024;

/// One answer line. Bytes that are not UTF-8 become U+FFFD (an answer that is simply not
/// valid), so one stray byte never ends the session.
fn read_line(input: &mut impl BufRead) -> io::Result<Line> {
    let mut buf = Vec::new();
    let n = io::Read::take(&mut *input, MAX_LINE).read_until(b'\n', &mut buf)?;
    if n == 0 {
        return Ok(Line::Eof);
    }
    if !buf.ends_with(b"\n") && n as u64 == MAX_LINE {
        loop {
            let avail = input.fill_buf()?;
            if avail.is_empty() {
                break;
            }
            if let Some(i) = memchr::memchr(b'\n', avail) {
                input.consume(i + 1);
                break;
            }
            let len = avail.len();
            input.consume(len);
        }
    }
    let text = String::from_utf8_lossy(&buf);
    Ok(Line::Text(text.trim_end_matches(['\n', '\r']).to_string()))
}
