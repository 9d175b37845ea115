//! Drawing the Quiz pane: pure functions of its state.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{DRILL_COUNT, EXAM_COUNT, MenuItem, NEW_PER_DAY, QuizPane, View};
use crate::base::Lang;
use crate::i18n::Text;
use crate::i18n::fill;
use crate::markdown;
use crate::quiz::{InputKind, Mode, Rating, Topic, answer::key_for};
use crate::tui::app::App;
use crate::tui::widgets::{cols, panel, text_area, wrap_plain as wrap};
use jiff::Timestamp;

fn md(app: &App, src: &str, width: u16) -> Vec<Line<'static>> {
    markdown::render(src, usize::from(width), &app.theme.md)
}

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let q = &app.quiz;
    let t = app.text();
    let ui = &app.theme.ui;
    let title = match (&q.view, q.session.as_ref()) {
        (View::Session, Some(s)) if s.is_finished() => t.quiz.report_title.clone(),
        (View::Session, Some(s)) => mode_label(s.mode(), t).to_string(),
        (View::Stats, _) => t.quiz.home_stats.clone(),
        _ => t.quiz.pane_title.clone(),
    };
    frame.render_widget(panel(app, &title, true), area);
    let text = text_area(area);
    if q.view == View::Stats {
        super::stats_view::render_stats(app, frame, text);
        return;
    }
    let (body, mut keys) = match q.view {
        View::Session => session_lines(app, text.width),
        _ => menu_lines(app, text.width),
    };
    if q.confirm_end {
        keys = t.quiz.end_prompt.clone();
    }
    // The key line stays at the bottom; the body scrolls to keep its end visible.
    let key_lines = wrap(app, &keys, text.width, ui.dim);
    let room = usize::from(text.height).saturating_sub(key_lines.len() + 1);
    let skip = body.len().saturating_sub(room).min(usize::from(q.scroll));
    let shown: Vec<Line> = body.into_iter().skip(skip).take(room).collect();
    frame.render_widget(Paragraph::new(shown), text);
    let kh = u16::try_from(key_lines.len()).unwrap_or(1).min(text.height);
    frame.render_widget(
        Paragraph::new(key_lines),
        Rect::new(text.x, text.bottom() - kh, text.width, kh),
    );
    if q.input.focused && text.height > 0 && !q.confirm_end {
        // The typed answer, with its cursor, on the line above the key line.
        let y = text.bottom().saturating_sub(kh + 1).max(text.y);
        let row = Rect::new(text.x, y, text.width, 1);
        q.input
            .render(frame, row, &t.quiz.answer_label, (ui.title, ui.item));
    }
}

fn topic_label(q: &QuizPane, lang: Lang, all: &str) -> String {
    q.topic()
        .map_or_else(|| all.to_string(), |t| t.label(lang).to_string())
}

fn menu_lines(app: &App, width: u16) -> (Vec<Line<'static>>, String) {
    let q = &app.quiz;
    let t = app.text();
    let ui = &app.theme.ui;
    let mut out = wrap(app, &t.quiz.home_intro, width, ui.item);
    out.push(Line::default());
    if let Some(s) = &q.stats {
        let status = fill(
            &t.quiz.home_status,
            &[
                ("new", &s.new_today),
                ("learning", &s.learning),
                ("due", &s.due_today),
                ("streak", &s.streak_days),
                ("seen", &s.seen),
                ("total", &s.questions),
            ],
        );
        out.extend(wrap(app, &status, width, ui.key));
        out.push(Line::default());
    }
    if let Some(e) = &q.store_error {
        out.extend(wrap(
            app,
            &fill(&t.quiz.store_error, &[("err", e)]),
            width,
            ui.warning,
        ));
        out.push(Line::default());
    }
    for w in &q.warnings {
        out.extend(wrap(app, w, width, ui.warning));
    }
    let name_w = MenuItem::ALL
        .iter()
        .map(|m| cols(menu_name(*m, app)))
        .max()
        .unwrap_or(6);
    for (i, item) in MenuItem::ALL.iter().enumerate() {
        let sel = i == q.menu;
        let desc = match item {
            MenuItem::Review => fill(&t.quiz.home_review, &[("n", &NEW_PER_DAY)]),
            MenuItem::Drill => fill(&t.quiz.home_drill, &[("n", &DRILL_COUNT)]),
            MenuItem::Exam => fill(&t.quiz.home_exam, &[("n", &EXAM_COUNT)]),
            MenuItem::Stats => t.quiz.home_stats_desc.clone(),
        };
        let name = menu_name(*item, app);
        let pad = usize::from(name_w.saturating_sub(cols(name)));
        let marker = if sel { "▸ " } else { "  " };
        let head = format!("{marker}{name}{}  ", " ".repeat(pad));
        let indent = cols(&head);
        let desc_lines = wrap(app, &desc, width.saturating_sub(indent).max(10), ui.dim);
        for (j, l) in desc_lines.into_iter().enumerate() {
            let mut spans = if j == 0 {
                vec![Span::styled(
                    head.clone(),
                    if sel { ui.selected } else { ui.item },
                )]
            } else {
                vec![Span::raw(" ".repeat(usize::from(indent)))]
            };
            spans.extend(l.spans);
            out.push(Line::from(spans));
        }
        if sel && (*item == MenuItem::Drill || *item == MenuItem::Exam) {
            let topic = topic_label(q, app.lang, &t.quiz.topic_all);
            let label = fill(&t.quiz.home_topic, &[("topic", &topic)]);
            out.push(Line::from(vec![
                Span::raw(" ".repeat(usize::from(indent))),
                Span::styled(label, ui.key),
            ]));
        }
    }
    if let Some(e) = &q.error {
        out.push(Line::default());
        out.extend(wrap(app, e, width, ui.warning));
    }
    (out, String::new())
}

fn menu_name(item: MenuItem, app: &App) -> &str {
    let t = app.text();
    match item {
        MenuItem::Review => mode_label(Mode::Review, t),
        MenuItem::Drill => mode_label(Mode::Drill, t),
        MenuItem::Exam => mode_label(Mode::Exam, t),
        MenuItem::Stats => &t.quiz.home_stats,
    }
}

fn session_lines(app: &App, width: u16) -> (Vec<Line<'static>>, String) {
    let q = &app.quiz;
    let t = app.text();
    let ui = &app.theme.ui;
    let lang = app.lang;
    let Some(s) = q.session.as_ref() else {
        return (Vec::new(), String::new());
    };
    if s.is_finished() {
        return (report_lines(app, width), String::new());
    }
    let mut out = Vec::new();
    if let Some(f) = s.feedback() {
        let (mark, head, st) = if f.correct {
            ("✓", &t.quiz.correct, ui.automated)
        } else {
            ("✗", &t.quiz.wrong, ui.warning)
        };
        // What happens next, in one phrase that is true.
        let next = if f.requeued {
            t.quiz.requeued.clone()
        } else if f.held {
            t.quiz.held.clone()
        } else {
            fill(
                &t.quiz.next_review,
                &[
                    ("rating", &rating_label(f.rating, t)),
                    ("when", &when(f.due, q.now(), t)),
                ],
            )
        };
        out.extend(wrap(app, &format!("{mark} {head} {next}"), width, st));
        out.push(Line::default());
        // A right answer is the answer: saying it twice adds nothing.
        if !f.correct {
            out.extend(wrap(
                app,
                &fill(&t.quiz.your_answer, &[("answer", f.given.get(lang))]),
                width,
                ui.item,
            ));
        }
        out.extend(wrap(
            app,
            &fill(&t.quiz.the_answer, &[("answer", f.answer.get(lang))]),
            width,
            ui.key,
        ));
        out.push(Line::default());
        out.extend(md(app, f.explanation.get(lang), width));
        if let Some(page) = app.lib.page(lang, &f.page) {
            out.push(Line::default());
            out.extend(wrap(app, &format!("→ {}", page.title), width, ui.title));
        }
        if let Some(e) = &q.error {
            out.extend(wrap(app, e, width, ui.warning));
        }
        return (out, String::new());
    }
    let Some(v) = s.current() else {
        return (out, String::new());
    };
    let mut head = format!(
        "{} · {}/{} · {}",
        mode_label(s.mode(), t),
        v.number,
        v.total,
        v.question.topic.label(lang)
    );
    if v.retry {
        head.push_str(&format!(" · {}", t.quiz.retry_note));
    }
    out.push(Line::from(Span::styled(head, ui.dim)));
    if s.mode() == Mode::Exam && v.number == 1 {
        out.extend(wrap(app, &t.quiz.exam_note, width, ui.dim));
    }
    out.push(Line::default());
    out.extend(md(app, v.prompt(lang), width));
    if let Some(ask) = v.question.instruction(lang) {
        out.push(Line::default());
        out.extend(wrap(app, ask, width, ui.title));
    }
    out.push(Line::default());
    let choices = v.choices(lang);
    // The keys pressed so far: a picked option is ticked; in an order question each
    // picked item shows its place (1., 2., ...).
    let picked: Vec<char> = q.input.text().chars().collect();
    let mark = |i: usize| -> String {
        let place = picked.iter().position(|&c| c == key_for(i));
        match (v.input, place) {
            (InputKind::Keys, Some(_)) => "✓ ".into(),
            (InputKind::Sequence, Some(p)) => format!("{}. ", p + 1),
            _ => String::new(),
        }
    };
    let mark_w = match v.input {
        InputKind::Keys => 2,
        InputKind::Sequence => cols(&format!("{}. ", choices.len())),
        _ => 0,
    };
    for (i, c) in choices.iter().enumerate() {
        let m = mark(i);
        let key = format!(
            " {} {m}{}",
            key_for(i),
            " ".repeat(usize::from(mark_w.saturating_sub(cols(&m))))
        );
        let kw = cols(&key) + 1;
        let body = wrap(app, c, width.saturating_sub(kw).max(10), ui.item);
        for (j, l) in body.into_iter().enumerate() {
            let mut spans = if j == 0 {
                vec![Span::styled(key.clone(), ui.key), Span::raw(" ")]
            } else {
                vec![Span::raw(" ".repeat(usize::from(kw)))]
            };
            spans.extend(l.spans);
            out.push(Line::from(spans));
        }
    }
    if let Some(h) = &q.hint {
        out.push(Line::default());
        out.extend(wrap(
            app,
            &fill(&t.quiz.hint, &[("hint", h)]),
            width,
            ui.approval,
        ));
    }
    if v.input != InputKind::Key {
        out.push(Line::default());
        // The typed answer's field is drawn with its cursor by `render`; keys show here.
        let shown = if v.input == InputKind::Text && q.input.is_empty() {
            Span::styled(t.quiz.keys_input.clone(), ui.dim)
        } else if v.input == InputKind::Text {
            Span::styled(q.input.text().to_string(), ui.item)
        } else {
            // Keys, one apart: `4 2 5`.
            let keys: Vec<String> = picked.iter().map(char::to_string).collect();
            Span::styled(keys.join(" "), ui.item)
        };
        if !q.input.focused {
            out.push(Line::from(vec![
                Span::styled(t.quiz.answer_label.clone(), ui.title),
                shown,
            ]));
        }
    }
    if let Some(e) = &q.error {
        out.extend(wrap(app, e, width, ui.warning));
    }
    // How to answer; the other keys are in the key bar.
    let range = answer_keys(choices.len());
    let keys = match v.input {
        InputKind::Text if q.input.focused => t.quiz.keys_typing.clone(),
        InputKind::Text => String::new(),
        InputKind::Key => fill(&t.quiz.keys_choice, &[("keys", &range)]),
        InputKind::Keys => fill(&t.quiz.keys_multi, &[("keys", &range)]),
        InputKind::Sequence => fill(&t.quiz.keys_sequence, &[("keys", &range)]),
    };
    (out, keys)
}

fn report_lines(app: &App, width: u16) -> Vec<Line<'static>> {
    let q = &app.quiz;
    let t = app.text();
    let ui = &app.theme.ui;
    let lang = app.lang;
    let Some(s) = q.session.as_ref() else {
        return Vec::new();
    };
    let r = s.report();
    if r.answered == 0 {
        return wrap(app, &t.quiz.no_answers, width, ui.title);
    }
    let pct = (r.score() * 100.0).round();
    let score_t = if r.mode == Mode::Exam {
        &t.quiz.exam_score
    } else {
        &t.quiz.score
    };
    let mut out = wrap(
        app,
        &fill(
            score_t,
            &[
                ("correct", &r.correct),
                ("answered", &r.answered),
                ("pct", &pct),
            ],
        ),
        width,
        ui.title,
    );
    // Questions never answered (a pending re-ask of an answered one is not counted).
    let unanswered = r.planned.saturating_sub(r.answered);
    if r.ended_early && unanswered > 0 {
        out.extend(wrap(
            app,
            &fill(&t.quiz.report_left, &[("left", &unanswered)]),
            width,
            ui.dim,
        ));
    }
    out.push(Line::default());
    if !r.by_topic.is_empty() {
        out.push(Line::from(Span::styled(t.quiz.by_topic.clone(), ui.dim)));
        let w = r
            .by_topic
            .iter()
            .map(|s| cols(s.topic.label(lang)))
            .max()
            .unwrap_or(6);
        for ts in &r.by_topic {
            let label = ts.topic.label(lang);
            let pad = " ".repeat(usize::from(w.saturating_sub(cols(label))));
            out.push(Line::from(vec![
                Span::styled(format!("  {label}{pad}  "), ui.item),
                Span::styled(format!("{}/{}", ts.correct, ts.answered), ui.key),
            ]));
        }
        out.push(Line::default());
    }
    // Each missed question once: its text, the right answer, why, and the page.
    let missed = r.missed();
    if !missed.is_empty() {
        out.push(Line::from(Span::styled(t.quiz.to_review.clone(), ui.dim)));
        for f in missed {
            out.push(Line::default());
            let mut prompt = md(app, f.prompt.get(lang), width);
            if let Some(first) = prompt.first_mut() {
                first.spans.insert(0, Span::styled("• ", ui.item));
            }
            out.extend(prompt);
            // Answers as text: the keys were the session's shuffle and mean nothing now.
            // An exam gave no feedback, so its report also shows what was answered.
            if r.mode == Mode::Exam {
                out.extend(wrap(
                    app,
                    &fill(&t.quiz.your_answer, &[("answer", f.given_text.get(lang))]),
                    width,
                    ui.item,
                ));
            }
            out.extend(wrap(
                app,
                &fill(&t.quiz.the_answer, &[("answer", f.answer_text.get(lang))]),
                width,
                ui.key,
            ));
            out.extend(md(app, f.explanation.get(lang), width));
            let page = app
                .lib
                .page(lang, &f.page)
                .map_or(f.page.clone(), |p| p.title.clone());
            out.extend(wrap(app, &format!("→ {page}"), width, ui.title));
        }
    }
    out
}

/// Topics in the order the menu cycles them (all topics last).
pub fn topic_count() -> usize {
    Topic::ALL.len() + 1
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
        crate::i18n::plural(&t.quiz.in_minutes, mins)
    } else if mins < 60 * 24 {
        crate::i18n::plural(&t.quiz.in_hours, (mins + 59) / 60)
    } else {
        crate::i18n::plural(&t.quiz.in_days, mins / (60 * 24))
    }
}
