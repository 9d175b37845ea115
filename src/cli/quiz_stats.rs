//! `feoops quiz stats` and `feoops quiz export`.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use unicode_width::UnicodeWidthStr;

use jiff::tz::TimeZone;
use serde::Serialize;

use super::Global;
use super::quiz::{now, open_store};
use crate::base::Lang;
use crate::i18n::{self, fill};
use crate::quiz::export::anki_csv;
use crate::quiz::optimize;
use crate::quiz::scheduler::DESIRED_RETENTION;
use crate::quiz::stats::{self, Stats};

const BAR: usize = 20;

fn bar(filled: usize, width: usize) -> String {
    format!(
        "{}{}",
        "█".repeat(filled.min(width)),
        "░".repeat(width - filled.min(width))
    )
}

fn pct(share: f32) -> u32 {
    (share * 100.0).round() as u32
}

#[derive(Serialize)]
struct JsonStats<'a> {
    data_dir: PathBuf,
    #[serde(flatten)]
    stats: &'a Stats,
}

pub(super) fn stats(g: &Global, lang: Lang, json: bool, days: usize) -> anyhow::Result<ExitCode> {
    let loaded = super::load(g.content.as_deref())?;
    super::warn_problems(&loaded);
    let store = open_store(g)?;
    let log = store.reviews()?;
    let s = stats::compute(
        loaded.library.questions(),
        store.cards(),
        &log,
        now(),
        &TimeZone::system(),
        days,
    );
    let mut out = crate::cli::out::stdout();
    if json {
        let j = JsonStats {
            data_dir: store.dir().to_path_buf(),
            stats: &s,
        };
        serde_json::to_writer_pretty(&mut out, &j)?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    let t = &i18n::text(lang).quiz;
    let dir = store.dir().display().to_string();
    writeln!(out, "{}", fill(&t.stats_title, &[("dir", &dir)]))?;
    writeln!(
        out,
        "{}\n",
        fill(
            &t.stats_overview,
            &[
                ("seen", &s.seen),
                ("total", &s.questions),
                ("due", &s.due_now),
                ("reviews", &s.reviews),
                ("streak", &s.streak_days),
            ]
        )
    )?;

    writeln!(
        out,
        "{}",
        fill(
            &t.stats_counts,
            &[
                ("new", &s.new_today),
                ("learning", &s.learning),
                ("due", &s.due_today),
            ]
        )
    )?;
    if !s.leeches.is_empty() {
        writeln!(
            out,
            "{}",
            fill(&t.stats_leeches, &[("n", &stats::LEECH_MISS_DAYS)])
        )?;
        for l in &s.leeches {
            let line = fill(
                &t.leech_line,
                &[
                    ("id", &l.id),
                    ("misses", &l.misses),
                    ("days", &l.miss_days),
                    ("page", &l.page),
                ],
            );
            writeln!(out, "  {line}")?;
        }
    }
    writeln!(
        out,
        "{}",
        parameters_line(t, store.dir(), desired_retention())
    )?;
    writeln!(out)?;
    writeln!(out, "{}", t.stats_mastery)?;
    let width = s
        .mastery
        .iter()
        .map(|m| m.topic.label(lang).width())
        .max()
        .unwrap_or(0);
    for m in &s.mastery {
        let label = m.topic.label(lang);
        let pad = " ".repeat(width.saturating_sub(label.width()));
        let count = format!("{}/{}", m.mastered, m.total);
        let filled = (m.share() * BAR as f32).round() as usize;
        writeln!(
            out,
            "  {label}{pad}  {count:>7}  {:>3}%  {}",
            pct(m.share()),
            bar(filled, BAR)
        )?;
    }

    writeln!(out, "\n{}", fill(&t.stats_accuracy, &[("n", &days)]))?;
    for d in &s.accuracy {
        match d.share() {
            Some(share) => {
                let count = format!("{}/{}", d.correct, d.reviews);
                let filled = (share * BAR as f32).round() as usize;
                writeln!(
                    out,
                    "  {}  {count:>7}  {:>3}%  {}",
                    d.date,
                    pct(share),
                    bar(filled, BAR)
                )?;
            }
            None => writeln!(out, "  {}  {}", d.date, t.stats_no_reviews)?,
        }
    }

    writeln!(out, "\n{}", t.stats_due)?;
    let most = s.due_by_day.iter().map(|d| d.due).max().unwrap_or(0).max(1);
    let days: Vec<&str> = t.weekdays.split_whitespace().collect();
    let labels: Vec<String> = s
        .due_by_day
        .iter()
        .map(|d| {
            let today = if d.date == s.today {
                format!(" ({})", t.stats_today)
            } else {
                String::new()
            };
            let day = days
                .get(d.date.weekday().to_monday_zero_offset() as usize)
                .copied()
                .unwrap_or_default();
            format!("{day} {}{today}", d.date)
        })
        .collect();
    let label_w = labels.iter().map(|l| l.width()).max().unwrap_or(0);
    for (d, label) in s.due_by_day.iter().zip(&labels) {
        let filled = (d.due * BAR).div_ceil(most);
        let pad = " ".repeat(label_w.saturating_sub(label.width()));
        let line = format!("  {label}{pad}  {:>4}  {}", d.due, "█".repeat(filled));
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The desired retention from the config file (0.9 when it sets none).
pub(super) fn desired_retention() -> f32 {
    crate::tui::config::path()
        .map(|p| crate::tui::config::Config::load(&p).0)
        .and_then(|c| c.desired_retention)
        .map_or(DESIRED_RETENTION, |r| r as f32)
}

/// Which parameters schedule, in one line.
fn parameters_line(t: &i18n::Quiz, dir: &std::path::Path, retention: f32) -> String {
    let r = pct(retention).to_string();
    match optimize::load(dir) {
        Some(s) => fill(
            &t.params_own,
            &[
                ("n", &s.reviews),
                ("date", &s.fitted_at.strftime("%Y-%m-%d")),
                ("r", &r),
            ],
        ),
        None => fill(&t.params_default, &[("r", &r)]),
    }
}

pub(super) fn optimize(g: &Global, lang: Lang) -> anyhow::Result<ExitCode> {
    let store = open_store(g)?;
    let log = store.reviews()?;
    let t = &i18n::text(lang).quiz;
    let dir = store.dir().to_path_buf();
    let current = optimize::model_for(&dir, desired_retention());
    let mut out = std::io::stdout().lock();
    match optimize::optimize(&current, &log) {
        Err(optimize::OptimizeError::TooFewReviews { have, need }) => {
            writeln!(
                out,
                "{}",
                fill(&t.optimize_too_few, &[("have", &have), ("need", &need)])
            )?;
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => Err(e.into()),
        Ok(f) => {
            let saved = optimize::SavedParameters {
                parameters: f.parameters.to_vec(),
                reviews: f.reviews,
                fitted_at: now(),
            };
            optimize::save(&dir, &saved)?;
            let file = optimize::file(&dir).display().to_string();
            writeln!(
                out,
                "{}",
                fill(
                    &t.optimize_done,
                    &[
                        ("n", &f.reviews),
                        ("actual", &pct(f.actual_retention)),
                        ("old", &pct(f.old_expected)),
                        ("new", &pct(f.new_expected)),
                        ("file", &file),
                    ]
                )
            )?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

pub(super) fn export_csv(g: &Global) -> anyhow::Result<ExitCode> {
    let loaded = super::load(g.content.as_deref())?;
    super::warn_problems(&loaded);
    let csv = anki_csv(loaded.library.questions(), g.lang);
    let mut out = crate::cli::out::stdout();
    out.write_all(csv.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}
