//! Drawing the quiz stats view: counts, leeches, the parameters that schedule (and the
//! optimize command's progress or outcome), mastery by topic, and the two charts.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, Block, BorderType, Paragraph};

use super::fit::Fit;
use crate::i18n::fill;
use crate::tui::app::App;
use crate::tui::widgets::{cols, wrap_plain as wrap};

pub(super) fn render_stats(app: &App, frame: &mut Frame, area: Rect) {
    let q = &app.quiz;
    let t = app.text();
    let ui = &app.theme.ui;
    let lang = app.lang;
    let keys = wrap(app, &t.quiz.keys_stats, area.width, ui.dim);
    let Some(s) = &q.stats else {
        let mut lines = Vec::new();
        if let Some(e) = &q.store_error {
            lines = wrap(
                app,
                &fill(&t.quiz.store_error, &[("err", e)]),
                area.width,
                ui.warning,
            );
        }
        lines.extend(keys);
        frame.render_widget(Paragraph::new(lines), area);
        return;
    };
    let mut top = wrap(
        app,
        &fill(
            &t.quiz.stats_overview,
            &[
                ("seen", &s.seen),
                ("total", &s.questions),
                ("due", &s.due_now),
                ("reviews", &s.reviews),
                ("streak", &s.streak_days),
            ],
        ),
        area.width,
        ui.key,
    );
    top.extend(wrap(
        app,
        &fill(
            &t.quiz.stats_counts,
            &[
                ("new", &s.new_today),
                ("learning", &s.learning),
                ("due", &s.due_today),
            ],
        ),
        area.width,
        ui.key,
    ));
    if !s.leeches.is_empty() {
        top.extend(wrap(
            app,
            &fill(
                &t.quiz.stats_leeches,
                &[("n", &crate::quiz::stats::LEECH_MISS_DAYS)],
            ),
            area.width,
            ui.warning,
        ));
        for l in &s.leeches {
            let line = fill(
                &t.quiz.leech_line,
                &[
                    ("id", &l.id),
                    ("misses", &l.misses),
                    ("days", &l.miss_days),
                    ("page", &l.page),
                ],
            );
            top.extend(wrap(app, &format!("  {line}"), area.width, ui.item));
        }
    }
    top.extend(parameter_lines(app, area.width));
    top.push(Line::default());
    top.extend(wrap(app, &t.quiz.stats_mastery, area.width, ui.dim));
    let label_w = s
        .mastery
        .iter()
        .map(|m| cols(m.topic.label(lang)))
        .max()
        .unwrap_or(6);
    let bar_w = area.width.saturating_sub(label_w + 14).clamp(4, 40);
    for m in &s.mastery {
        let filled = (m.share() * f32::from(bar_w)).round() as u16;
        let label = m.topic.label(lang);
        let pad = " ".repeat(usize::from(label_w.saturating_sub(cols(label))));
        top.push(Line::from(vec![
            Span::styled(format!("  {label}{pad} "), ui.item),
            Span::styled("█".repeat(usize::from(filled)), ui.automated),
            Span::styled("░".repeat(usize::from(bar_w - filled.min(bar_w))), ui.dim),
            Span::styled(format!(" {}/{}", m.mastered, m.total), ui.item),
        ]));
    }
    let top_h = u16::try_from(top.len()).unwrap_or(0);
    let keys_h = u16::try_from(keys.len()).unwrap_or(1);
    let [top_r, charts_r, keys_r] = Layout::vertical([
        Constraint::Length(top_h.min(area.height)),
        Constraint::Fill(1),
        Constraint::Length(keys_h),
    ])
    .areas(area);
    frame.render_widget(Paragraph::new(top), top_r);
    frame.render_widget(Paragraph::new(keys), keys_r);
    if charts_r.height < 6 {
        return;
    }
    // Seven bars of three columns with one-column gaps, inside a border.
    let due_w = (cols(&t.quiz.stats_due) + 4).max(7 * 4 + 1);
    let [acc_r, due_r] =
        Layout::horizontal([Constraint::Fill(1), Constraint::Length(due_w)]).areas(charts_r);
    // Accuracy bars are labelled with the day of the month, forecast bars with the weekday
    // in the UI language; when the chart is narrow the oldest days go, never today.
    let date = |d: jiff::civil::Date| d.day().to_string();
    let weekdays: Vec<&str> = t.quiz.weekdays.split_whitespace().collect();
    let weekday = |d: jiff::civil::Date| {
        let i = usize::try_from(d.weekday().to_monday_zero_offset()).unwrap_or(0);
        weekdays
            .get(i)
            .map_or_else(|| date(d), |w| (*w).to_string())
    };
    let acc_fit = bars_that_fit(acc_r.width, s.accuracy.len());
    let acc_bars: Vec<Bar> = s
        .accuracy
        .iter()
        .skip(s.accuracy.len() - acc_fit)
        .map(|d| {
            let pct = d.share().map_or(0, |p| (p * 100.0).round() as u64);
            Bar::default()
                .value(pct)
                .text_value(if d.reviews == 0 {
                    "·".into()
                } else {
                    format!("{pct}")
                })
                .label(Line::from(date(d.date)))
        })
        .collect();
    let acc_title = fill(&t.quiz.stats_accuracy, &[("n", &s.accuracy.len())]);
    let acc_w = fit_bar_width(acc_r.width, acc_bars.len());
    frame.render_widget(
        BarChart::vertical(acc_bars)
            .max(100)
            .bar_width(acc_w)
            .bar_gap(1)
            .bar_style(ui.automated)
            .value_style(ui.stage_selected)
            .label_style(ui.dim)
            .block(chart_block(app, &acc_title)),
        acc_r,
    );
    let due_bars: Vec<Bar> = s
        .due_by_day
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let label = if i == 0 {
                "▸".to_string() + &weekday(d.date)
            } else {
                weekday(d.date)
            };
            Bar::default()
                .value(d.due as u64)
                .text_value(d.due.to_string())
                .label(Line::from(label))
        })
        .collect();
    let due_w = fit_bar_width(due_r.width, due_bars.len());
    frame.render_widget(
        BarChart::vertical(due_bars)
            .bar_width(due_w)
            .bar_gap(1)
            .bar_style(ui.approval)
            .value_style(ui.stage_selected)
            .label_style(ui.dim)
            .block(chart_block(app, &t.quiz.stats_due)),
        due_r,
    );
}

/// How many of `n` bars (at least 3 columns wide, one-column gaps) fit inside a bordered
/// area of `width` columns.
fn bars_that_fit(width: u16, n: usize) -> usize {
    let inside = usize::from(width.saturating_sub(2));
    ((inside + 1) / 4).clamp(1, n.max(1)).min(n)
}

/// The widest bar that lets `n` bars (with one-column gaps) fit inside a bordered area.
fn fit_bar_width(width: u16, n: usize) -> u16 {
    let n = u16::try_from(n.max(1)).unwrap_or(u16::MAX);
    let inside = width.saturating_sub(2);
    (inside.saturating_sub(n - 1) / n).clamp(3, 6)
}

fn chart_block<'a>(app: &App, title: &str) -> Block<'a> {
    Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(app.theme.ui.border)
        .title(Span::styled(format!(" {title} "), app.theme.ui.dim))
}

/// Which parameters schedule (as `feoops quiz stats` says), then the optimize command's
/// progress or outcome.
fn parameter_lines(app: &App, width: u16) -> Vec<Line<'static>> {
    let q = &app.quiz;
    let t = &app.text().quiz;
    let ui = &app.theme.ui;
    let pct = |share: f32| ((share * 100.0).round() as u32).to_string();
    let r = pct(q.desired_retention);
    let params = match &q.saved_parameters {
        Some(s) => fill(
            &t.params_own,
            &[
                ("n", &s.reviews),
                ("date", &q.tz.to_datetime(s.fitted_at).date()),
                ("r", &r),
            ],
        ),
        None => fill(&t.params_default, &[("r", &r)]),
    };
    let mut out = wrap(app, &params, width, ui.key);
    let (text, style) = match &q.fit {
        None => return out,
        Some(Fit::Running(_)) => (t.optimizing.clone(), ui.dim),
        Some(Fit::TooFew { have, need }) => (
            fill(&t.optimize_too_few, &[("have", have), ("need", need)]),
            ui.warning,
        ),
        Some(Fit::Failed(e)) => (fill(&t.optimize_failed, &[("err", e)]), ui.warning),
        Some(Fit::Saved(f, file)) => (
            fill(
                &t.optimize_done,
                &[
                    ("n", &f.reviews),
                    ("actual", &pct(f.actual_retention)),
                    ("old", &pct(f.old_expected)),
                    ("new", &pct(f.new_expected)),
                    ("file", &file.display()),
                ],
            ),
            ui.automated,
        ),
    };
    out.extend(wrap(app, &text, width, style));
    out
}
