//! Drawing: a pure function of the app's state, laid out for the frame's own size.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::app::{App, Tab};
use super::components::{advisor, catalog, help, overlay, pages, palette, quiz, repo};
use super::layout::{self, Layout, MIN_HEIGHT, MIN_WIDTH};
use super::registry::{self, Command, GLOBAL, Mode};
use super::widgets::{fit, loop_diagram, pipeline};
use crate::i18n::fill;
use crate::markdown;

pub fn draw(app: &App, frame: &mut Frame) {
    let l = layout::compute(app, frame.area());
    if l.too_small {
        draw_too_small(app, frame);
        return;
    }
    draw_tabs(app, frame, &l);
    if let Some(d) = l.diagram {
        loop_diagram::render(app, frame, d);
    }
    if let Some(s) = l.strip {
        loop_diagram::render_strip(app, frame, s);
    }
    if let Some(p) = l.pipeline {
        pipeline::render(app, frame, p);
    }
    if let Some(list) = l.list {
        pages::draw::draw_list(app, frame, list, l.list_offset);
    }
    match app.tab {
        Tab::Quiz => quiz::draw::render(app, frame, l.body),
        Tab::Toolchain => catalog::draw::render_toolchain(app, frame, l.body),
        Tab::Tools => catalog::draw::render_tools(app, frame, l.body),
        Tab::Advisor => advisor::draw::render(app, frame, l.body),
        Tab::Cicd if app.repo_shown() => {
            if let Some(r) = &app.repo {
                repo::draw(app, frame, l.body, r);
            }
        }
        _ => pages::draw::draw_page(app, frame, &l),
    }
    if let Some(o) = &app.overlay {
        overlay::draw(app, frame, o);
    }
    if let Some(h) = &app.help {
        help::draw(app, frame, h);
    }
    if let Some(p) = &app.palette {
        palette::draw(app, frame, p);
    }
    draw_keybar(app, frame, l.keybar);
}

fn draw_too_small(app: &App, frame: &mut Frame) {
    let area = frame.area();
    let t = app.text();
    let msg = fill(
        &t.ui.too_small,
        &[
            ("w", &area.width),
            ("h", &area.height),
            ("min_w", &MIN_WIDTH),
            ("min_h", &MIN_HEIGHT),
        ],
    );
    let lines = markdown::render(&msg, usize::from(area.width.max(1)), &app.theme.md);
    let h = u16::try_from(lines.len())
        .unwrap_or(area.height)
        .min(area.height);
    let y = area.y + (area.height - h) / 2;
    let lines: Vec<Line> = lines
        .into_iter()
        .map(|l| l.style(app.theme.ui.warning))
        .collect();
    frame.render_widget(
        Paragraph::new(lines).alignment(Alignment::Center),
        Rect::new(area.x, y, area.width, h),
    );
}

fn draw_tabs(app: &App, frame: &mut Frame, l: &Layout) {
    let ui = &app.theme.ui;
    let t = app.text();
    let first = l.tab_hits.first().map_or(0, |(r, _)| r.x);
    let title = if first > 0 {
        fit(&format!(" {} ", t.ui.app_title), usize::from(first))
    } else {
        String::new()
    };
    let mut spans = vec![Span::styled(title, ui.title)];
    let mut x = spans[0].width() as u16;
    for (r, tab) in &l.tab_hits {
        while x < r.x {
            spans.push(Span::raw(" "));
            x += 1;
        }
        let style = if *tab == app.tab {
            ui.tab_active
        } else {
            ui.tab
        };
        let text = fit(&layout::tab_text(app, l, *tab), usize::from(r.width));
        spans.push(Span::styled(text, style));
        x += r.width;
    }
    frame.render_widget(Paragraph::new(Line::from(spans)).style(ui.tab_bar), l.tabs);
}

/// The commands the key bar offers now: the context's own, then the global ones.
pub fn keybar_commands(app: &App) -> Vec<Command> {
    let mode = app.mode();
    let mut out: Vec<Command> = match mode {
        Mode::Help => vec![
            Command::new(super::action::Action::Open)
                .label("help_run")
                .bar(),
            Command::new(super::action::Action::Back)
                .label("close")
                .bar(),
        ],
        Mode::Palette => vec![
            Command::new(super::action::Action::Open)
                .label("palette_go")
                .bar(),
            Command::new(super::action::Action::Back)
                .label("close")
                .bar(),
        ],
        _ => app.context_commands(),
    };
    out.retain(|c| c.bar);
    let asking_to_end = app.tab == super::app::Tab::Quiz && app.quiz.confirm_end;
    if matches!(mode, Mode::Normal | Mode::Answer) && !asking_to_end {
        for c in GLOBAL.iter().filter(|c| c.bar) {
            if out.iter().all(|o| o.action != c.action) {
                out.push(*c);
            }
        }
    }
    out
}

/// The key bar: the mode marker, a status message, then the keys that matter now.
fn draw_keybar(app: &App, frame: &mut Frame, area: Rect) {
    let ui = &app.theme.ui;
    let t = app.text();
    let mode = app.mode();
    let mut spans: Vec<Span> = Vec::new();
    if let Some(m) = mode.marker(t) {
        spans.push(Span::styled(format!(" {m} "), ui.tab_active));
    }
    if let Some((msg, warn)) = &app.status {
        let st = if *warn { ui.warning } else { ui.key_text };
        spans.push(Span::styled(format!(" {msg} "), st));
    } else if app.content_problems > 0 {
        let msg = fill(&t.ui.content_problems, &[("n", &app.content_problems)]);
        spans.push(Span::styled(format!(" {msg} "), ui.warning));
    }
    let width = usize::from(area.width);
    let mut used: usize = spans.iter().map(Span::width).sum();
    for c in keybar_commands(app) {
        let Some(key) = registry::key_label(&app.keymap, c.action) else {
            continue;
        };
        let desc = if c.action == super::action::Action::ToggleLang {
            crate::i18n::text(app.lang.toggle()).ui.language.as_str()
        } else {
            c.bar_text(t)
        };
        let pair = [
            Span::styled(format!(" {key}"), ui.key),
            Span::styled(format!(" {desc} "), ui.key_text),
        ];
        let w: usize = pair.iter().map(Span::width).sum();
        // Drop what does not fit rather than wrapping.
        if used + w > width {
            break;
        }
        used += w;
        spans.extend(pair);
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
