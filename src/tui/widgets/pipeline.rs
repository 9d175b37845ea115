//! The CI/CD pipeline picture: commit → build → unit tests → staging → acceptance tests →
//! production, showing which steps the selected practice automates and where a person
//! approves. Boxes when the width allows, a wrapped chain of steps otherwise.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{cols, text_area};
use crate::i18n;
use crate::tui::app::App;
use crate::tui::theme::UiStyles;
use crate::{base::Lang, pages::Pipeline};

/// How one step looks for the selected practice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepState {
    Automated,
    Manual,
}

/// The state of every step for a practice, and the index of the approval gate.
pub fn step_states(p: &Pipeline, practice: usize) -> (Vec<StepState>, Option<usize>) {
    let Some(pr) = p.practices.get(practice) else {
        return (vec![StepState::Manual; p.steps.len()], None);
    };
    let until = p.automated_until(pr);
    let states = (0..p.steps.len())
        .map(|i| {
            if i <= until {
                StepState::Automated
            } else {
                StepState::Manual
            }
        })
        .collect();
    (states, p.approval_at(pr))
}

/// The practice selector: one label per practice, and its hit areas.
fn selector(app: &App, area: Rect) -> (Line<'static>, Vec<(Rect, usize)>) {
    let ui = &app.theme.ui;
    let practices = &app.lib.pipeline().practices;
    let labels: Vec<String> = practices
        .iter()
        .map(|p| format!(" {} ", p.name.get(app.lang)))
        .collect();
    let full: u16 = labels.iter().map(|l| cols(l) + 1).sum();
    let mut hits = Vec::new();
    let mut spans = Vec::new();
    if full <= area.width {
        let mut x = area.x;
        for (i, label) in labels.into_iter().enumerate() {
            let w = cols(&label);
            hits.push((Rect::new(x, area.y, w, 1), i));
            let st = if i == app.practice() {
                ui.selected
            } else {
                ui.item
            };
            spans.push(Span::styled(label, st));
            spans.push(Span::raw(" "));
            x += w + 1;
        }
    } else if let Some(label) = labels.get(app.practice()) {
        spans.push(Span::styled("◀ ", ui.arrow));
        spans.push(Span::styled(label.clone(), ui.selected));
        spans.push(Span::styled(" ▶", ui.arrow));
    }
    (Line::from(spans), hits)
}

/// Hit areas of the practice selector, for the picture's outer (bordered) area.
pub fn practice_hits(app: &App, area: Rect) -> Vec<(Rect, usize)> {
    selector(app, text_area(area)).1
}

fn step_style(ui: &UiStyles, s: StepState) -> Style {
    match s {
        StepState::Automated => ui.automated,
        StepState::Manual => ui.manual,
    }
}

/// Boxes in one row, with a label under each, if they fit in `width`.
fn boxes(
    p: &Pipeline,
    lang: Lang,
    ui: &UiStyles,
    practice: usize,
    width: u16,
) -> Option<Vec<Line<'static>>> {
    let t = &i18n::text(lang).cicd;
    let (states, gate) = step_states(p, practice);
    let names: Vec<&str> = p.steps.iter().map(|s| s.name.get(lang).as_str()).collect();
    let label_of = |s: StepState| match s {
        StepState::Automated => t.automated.as_str(),
        StepState::Manual => t.manual.as_str(),
    };
    let cell_w: Vec<u16> = names
        .iter()
        .zip(&states)
        .map(|(n, s)| (cols(n) + 4).max(cols(label_of(*s))))
        .collect();
    let joins: Vec<String> = (1..names.len())
        .map(|i| {
            if gate == Some(i) {
                " ‖ ".into()
            } else {
                " → ".into()
            }
        })
        .collect();
    let total: u16 = cell_w.iter().sum::<u16>() + joins.iter().map(|j| cols(j)).sum::<u16>();
    if total > width {
        return None;
    }
    let mut rows: [Vec<Span<'static>>; 4] = Default::default();
    for (i, name) in names.iter().enumerate() {
        if i > 0 {
            let j = &joins[i - 1];
            let st = if gate == Some(i) {
                ui.approval
            } else {
                ui.arrow
            };
            let blank = " ".repeat(usize::from(cols(j)));
            rows[0].push(Span::raw(blank.clone()));
            rows[1].push(Span::styled(j.clone(), st));
            rows[2].push(Span::raw(blank));
            let under = if gate == Some(i) {
                t.approval.as_str()
            } else {
                ""
            };
            rows[3].push(Span::styled(center(under, cols(j)), ui.approval));
        }
        let inner = usize::from(cell_w[i] - 2);
        let st = step_style(ui, states[i]);
        let (tl, tr, bl, br, h, v) = match states[i] {
            StepState::Automated => ('┏', '┓', '┗', '┛', "━", '┃'),
            StepState::Manual => ('┌', '┐', '└', '┘', "┄", '┆'),
        };
        rows[0].push(Span::styled(format!("{tl}{}{tr}", h.repeat(inner)), st));
        rows[1].push(Span::styled(
            format!("{v}{}{v}", center(name, cell_w[i] - 2)),
            st,
        ));
        rows[2].push(Span::styled(format!("{bl}{}{br}", h.repeat(inner)), st));
        rows[3].push(Span::styled(center(label_of(states[i]), cell_w[i]), st));
    }
    Some(rows.into_iter().map(Line::from).collect())
}

/// Centers `s` in `w` columns (left-biased), never wider than `w` unless `s` is.
fn center(s: &str, w: u16) -> String {
    let sw = cols(s);
    let pad = w.saturating_sub(sw);
    let left = pad / 2;
    format!(
        "{}{s}{}",
        " ".repeat(usize::from(left)),
        " ".repeat(usize::from(pad - left))
    )
}

/// The steps as a chain of marked names, wrapped to `width`.
fn chain(
    p: &Pipeline,
    lang: Lang,
    ui: &UiStyles,
    practice: usize,
    width: u16,
) -> Vec<Line<'static>> {
    let t = &i18n::text(lang).cicd;
    let (states, gate) = step_states(p, practice);
    // Units that must not be split: "■ Build", " → ", " ‖ approval → ".
    let mut units: Vec<Span<'static>> = Vec::new();
    for (i, step) in p.steps.iter().enumerate() {
        if i > 0 {
            if gate == Some(i) {
                units.push(Span::styled(format!(" ‖ {} → ", t.approval), ui.approval));
            } else {
                units.push(Span::styled(" → ", ui.arrow));
            }
        }
        let mark = match states[i] {
            StepState::Automated => "■",
            StepState::Manual => "□",
        };
        units.push(Span::styled(
            format!("{mark} {}", step.name.get(lang)),
            step_style(ui, states[i]),
        ));
    }
    let mut lines = Vec::new();
    let mut cur: Vec<Span<'static>> = Vec::new();
    let mut used = 0u16;
    for u in units {
        let mut w = cols(&u.content);
        let is_join = u.content.starts_with(' ');
        if used + w > width && !cur.is_empty() {
            lines.push(Line::from(std::mem::take(&mut cur)));
            used = 0;
        }
        let u = if is_join && used == 0 {
            // A joiner starting a line loses its leading space.
            let s = u.content.trim_start().to_string();
            w = cols(&s);
            Span::styled(s, u.style)
        } else {
            u
        };
        if w > width {
            // Only on very narrow screens: cut the unit to the width.
            let mut s = String::new();
            for ch in u.content.chars() {
                if cols(&s) + cols(&ch.to_string()) > width {
                    break;
                }
                s.push(ch);
            }
            w = cols(&s);
            cur.push(Span::styled(s, u.style));
        } else {
            cur.push(u);
        }
        used += w;
    }
    if !cur.is_empty() {
        lines.push(Line::from(cur));
    }
    lines
}

/// Every line of the picture's inside, for a width.
fn lines(app: &App, width: u16) -> Vec<Line<'static>> {
    let ui = &app.theme.ui;
    let t = &app.text().cicd;
    let p = app.lib.pipeline();
    let mut out = vec![selector(app, Rect::new(0, 0, width, 1)).0];
    match boxes(p, app.lang, ui, app.practice(), width) {
        Some(b) => out.extend(b),
        None => out.extend(chain(p, app.lang, ui, app.practice(), width)),
    }
    if let Some(pr) = p.practices.get(app.practice()) {
        out.push(Line::default());
        out.extend(crate::markdown::render(
            pr.note.get(app.lang),
            usize::from(width),
            &app.theme.md,
        ));
    }
    let footer = format!("{}  ·  {}", t.legend, t.choose);
    out.extend(
        crate::markdown::render(&footer, usize::from(width), &app.theme.md)
            .into_iter()
            .map(|l| l.style(ui.dim)),
    );
    out
}

/// Rows the picture needs inside its border at this width.
pub fn height(app: &App, width: u16) -> u16 {
    u16::try_from(lines(app, width.saturating_sub(2)).len()).unwrap_or(u16::MAX)
}

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let block = super::panel(app, &app.text().cicd.pipeline_title, false);
    let text = text_area(area);
    frame.render_widget(block, area);
    frame.render_widget(Paragraph::new(lines(app, text.width)), text);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Library;

    #[test]
    fn delivery_has_an_approval_and_deployment_has_none() {
        let lib = Library::embedded();
        let p = lib.pipeline();
        let idx = |id: &str| p.practices.iter().position(|x| x.id == id).unwrap();
        let (ci, ci_gate) = step_states(p, idx("ci"));
        let (de, de_gate) = step_states(p, idx("delivery"));
        let (dp, dp_gate) = step_states(p, idx("deployment"));
        assert_eq!(ci_gate, None);
        assert_eq!(dp_gate, None);
        assert_eq!(de_gate, Some(p.steps.len() - 1));
        assert_eq!(ci.iter().filter(|s| **s == StepState::Automated).count(), 3);
        assert_eq!(*de.last().unwrap(), StepState::Manual);
        assert!(dp.iter().all(|s| *s == StepState::Automated));
    }
}
