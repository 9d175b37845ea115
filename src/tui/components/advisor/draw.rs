//! Drawing the Advisor pane: the profile questions on the left; on the right the selected
//! stage's suggestions with scores and reasons, the tools left out (greyed, with why), and
//! the stack being built with its coverage and problems.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::Focus;
use crate::advisor::stack::{Coverage, Pick, Severity};
use crate::advisor::{Advisor, ProfileField, Suggestion};
use crate::base::Lang;
use crate::i18n::fill;
use crate::tui::app::App;
use crate::tui::widgets::{cols, fit, panel as block, text_area, wrap_plain as wrap};

/// Width of the profile column: the longest question and answer, within limits.
/// The widest question and the widest answer of the profile, in columns.
fn profile_widths(lang: Lang) -> (u16, u16) {
    let questions = ProfileField::ALL
        .iter()
        .map(|f| cols(f.label(lang)))
        .max()
        .unwrap_or(10);
    let answers = ProfileField::ALL
        .iter()
        .flat_map(|f| {
            f.options()
                .into_iter()
                .map(move |o| cols(f.option_label(o, lang)))
        })
        .max()
        .unwrap_or(10);
    (questions, answers)
}

/// Width of the profile column: the longest question and answer, within limits.
fn profile_width(app: &App, total: u16) -> u16 {
    let (q, a) = profile_widths(app.lang);
    (q + a + 9).min(total * 2 / 5).max(24)
}

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let pw = profile_width(app, area.width);
    let [left, right] =
        Layout::horizontal([Constraint::Length(pw), Constraint::Fill(1)]).areas(area);
    render_profile(app, frame, left);
    render_right(app, frame, right);
}

fn render_profile(app: &App, frame: &mut Frame, area: Rect) {
    let a = &app.advisor;
    let ui = &app.theme.ui;
    let t = app.text();
    let lang = app.lang;
    let focused = a.focus == Focus::Profile;
    frame.render_widget(block(app, &t.advisor.profile, focused), area);
    let text = text_area(area);
    let (question_w, answer_w) = profile_widths(lang);
    // Questions give way to answers when the column is narrow.
    let label_w = question_w
        .min(text.width.saturating_sub(answer_w + 5))
        .max(6);
    let mut lines = Vec::new();
    for (i, f) in ProfileField::ALL.iter().enumerate() {
        let sel = i == a.field;
        let label = fit(f.label(lang), usize::from(label_w));
        let label = label.as_str();
        let pad = " ".repeat(usize::from(label_w.saturating_sub(cols(label))));
        let answer = a.stack.profile.answer_label(*f, lang);
        let answer_style = if sel && focused { ui.selected } else { ui.key };
        let arrows = if sel && focused {
            ("◀ ", " ▶")
        } else {
            ("  ", "  ")
        };
        lines.push(Line::from(vec![
            Span::styled(
                format!("{label}{pad} "),
                if sel { ui.title } else { ui.item },
            ),
            Span::styled(arrows.0, ui.arrow),
            Span::styled(answer.to_string(), answer_style),
            Span::styled(arrows.1, ui.arrow),
        ]));
    }
    lines.push(Line::default());
    lines.extend(wrap(app, &t.advisor.weights_hint, text.width, ui.dim));
    let h = text.height.saturating_sub(2);
    frame.render_widget(
        Paragraph::new(lines.into_iter().take(usize::from(h)).collect::<Vec<_>>()),
        text,
    );
}

fn render_right(app: &App, frame: &mut Frame, area: Rect) {
    let stack_lines = stack_lines(app, area.width.saturating_sub(4));
    let stack_h = (u16::try_from(stack_lines.len()).unwrap_or(0) + 2).min(area.height / 2);
    let [top, bottom] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(stack_h)]).areas(area);
    render_suggestions(app, frame, top);
    let t = app.text();
    frame.render_widget(block(app, &t.advisor.stack, false), bottom);
    frame.render_widget(Paragraph::new(stack_lines), text_area(bottom));
}

fn render_suggestions(app: &App, frame: &mut Frame, area: Rect) {
    let a = &app.advisor;
    let ui = &app.theme.ui;
    let t = app.text();
    let lang = app.lang;
    let lib = &app.lib;
    let focused = a.focus == Focus::Suggestions;
    let stage_id = a.stage_id(lib).unwrap_or_default().to_string();
    let stage_name = a
        .stage_id(lib)
        .and_then(|s| lib.stage(s))
        .map_or(String::new(), |s| s.name.get(lang).clone());
    let title = fill(
        &t.advisor.suggestions,
        &[("stage", &format!("◀ {stage_name} ▶"))],
    );
    frame.render_widget(block(app, &title, focused), area);
    let text = text_area(area);
    if text.height < 3 {
        return;
    }
    let list_h = text.height.saturating_sub(1);
    let (suggested, excluded) = a.ranked(lib);
    let picked = a
        .stage_id(lib)
        .and_then(|s| a.stack.pick(s))
        .and_then(Pick::tool)
        .map(str::to_string);
    let name_w = 22usize.min(usize::from(text.width / 3)).max(8);
    // Tools left out keep a third of the room (greyed, with why), so they always show.
    let out_rows = if excluded.is_empty() {
        0
    } else {
        (excluded.len() + 2).min(usize::from(list_h / 3).max(3))
    };
    let room = usize::from(list_h).saturating_sub(out_rows);
    let mut lines: Vec<Line> = Vec::new();
    if suggested.is_empty() {
        lines.extend(wrap(app, &t.advisor.none_left, text.width, ui.warning));
    }
    // Keep the selection visible: start a few rows above it.
    let first = a.selected.saturating_sub(room / 2);
    for (i, s) in suggested.iter().enumerate().skip(first) {
        if lines.len() >= room {
            break;
        }
        let tool = &lib.catalog().tools()[s.index];
        // Where the stage's own tools end, a heading names the ones that only also
        // cover it (they come after, whatever their scores).
        let own = |x: &Suggestion| Advisor::made_for(&lib.catalog().tools()[x.index], &stage_id);
        if !own(s) && (i == 0 || own(&suggested[i - 1])) {
            // The heading only with room for a tool under it.
            if lines.len() + 2 > room {
                break;
            }
            let heading = fill(&t.advisor.others_heading, &[("stage", &stage_name)]);
            lines.push(Line::from(Span::styled(
                fit(&heading, usize::from(text.width)),
                ui.dim,
            )));
        }
        let sel = i == a.selected && focused;
        let mark = if picked.as_deref() == Some(s.id.as_str()) {
            "✓"
        } else {
            " "
        };
        let base = if sel {
            ui.selected
        } else {
            ui.class(tool.license_class)
        };
        let head = format!(
            "{}{mark} {:<name_w$} {:>4}  ",
            if sel { "▸" } else { " " },
            fit(&tool.name, name_w),
            s.score
        );
        let reasons: Vec<String> = s.reasons.iter().map(|r| r.text(lang, lib, tool)).collect();
        let rest_w = usize::from(text.width).saturating_sub(cols(&head).into());
        let reason_style = if sel { ui.selected } else { ui.dim };
        if sel {
            // The selected tool shows all its reasons, wrapped under it.
            let all = reasons.join(" · ");
            let wrapped = wrap(
                app,
                &all,
                u16::try_from(rest_w.max(10)).unwrap_or(10),
                reason_style,
            );
            for (j, l) in wrapped.into_iter().enumerate() {
                let mut spans = if j == 0 {
                    vec![Span::styled(head.clone(), base)]
                } else {
                    vec![Span::raw(" ".repeat(cols(&head).into()))]
                };
                spans.extend(l.spans);
                lines.push(Line::from(spans));
            }
        } else {
            lines.push(Line::from(vec![
                Span::styled(head, base),
                Span::styled(fit(&reasons.join(" · "), rest_w), reason_style),
            ]));
        }
    }
    if out_rows > 0 {
        lines.truncate(room);
        lines.push(Line::default());
        lines.push(Line::from(Span::styled(
            format!("{} ({})", t.advisor.left_out, excluded.len()),
            ui.dim,
        )));
        for e in excluded.iter() {
            if lines.len() >= usize::from(list_h) {
                break;
            }
            let tool = &lib.catalog().tools()[e.index];
            let why: Vec<String> = e.reasons.iter().map(|r| r.text(lang, lib, tool)).collect();
            let row = format!("   {} — {}", tool.name, why.join(" · "));
            lines.push(Line::from(Span::styled(
                fit(&row, usize::from(text.width)),
                ui.dim,
            )));
        }
    }
    frame.render_widget(Paragraph::new(lines), text);
    if let Some(input) = &a.import
        && text.height > 0
    {
        let row = Rect::new(text.x, text.bottom() - 1, text.width, 1);
        input.render(frame, row, &t.advisor.import_prompt, (ui.key, ui.item));
    }
}

/// The stack: one entry per stage (✓ tool, skip, or —), coverage, problems, last message.
fn stack_lines(app: &App, width: u16) -> Vec<Line<'static>> {
    let a = &app.advisor;
    let ui = &app.theme.ui;
    let t = app.text();
    let lang = app.lang;
    let lib = &app.lib;
    let analysis = a.stack.analyze(lib);
    // Stage entries flow like words and wrap at the width.
    let mut lines: Vec<Line> = Vec::new();
    let mut cur: Vec<Span> = Vec::new();
    let mut used = 0u16;
    for cov in &analysis.stages {
        let name = lib
            .stage(&cov.stage)
            .map_or(cov.stage.clone(), |s| s.name.get(lang).clone());
        let (value, st) = match &cov.coverage {
            Coverage::Picked(id) => (lib.tool_name(id).to_string(), ui.automated),
            Coverage::Skipped => (t.advisor.skip.clone(), ui.dim),
            Coverage::Empty => ("—".to_string(), ui.manual),
        };
        let sel = lib.stages().get(a.stage).is_some_and(|s| s.id == cov.stage);
        let piece = format!("{name}: {value}");
        let w = cols(&piece) + 3;
        if used + w > width && !cur.is_empty() {
            lines.push(Line::from(std::mem::take(&mut cur)));
            used = 0;
        }
        cur.push(Span::styled(
            fit(&piece, usize::from(width)),
            if sel { st.patch(ui.title) } else { st },
        ));
        cur.push(Span::raw("   "));
        used += w;
    }
    if !cur.is_empty() {
        lines.push(Line::from(cur));
    }
    let coverage = fill(
        &t.advisor.coverage,
        &[
            ("picked", &analysis.picked()),
            ("skipped", &analysis.skipped()),
            ("empty", &analysis.empty()),
        ],
    );
    lines.extend(wrap(app, &coverage, width, ui.key));
    if analysis.problems.is_empty() {
        lines.extend(wrap(app, &t.advisor.no_problems, width, ui.dim));
    }
    for p in &analysis.problems {
        let st = match p.severity() {
            Severity::Problem => ui.warning,
            Severity::Warning => ui.approval,
        };
        lines.extend(wrap(app, &format!("! {}", p.text(lang, lib)), width, st));
    }
    if let Some((msg, warn)) = &a.message {
        lines.extend(wrap(
            app,
            msg,
            width,
            if *warn { ui.warning } else { ui.automated },
        ));
    }
    lines
}
