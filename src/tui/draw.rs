//! Drawing: a pure function of the app's state.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, List, ListItem, ListState, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::app::{App, Overlay, Tab, inner};
use super::layout::{self, Layout, MIN_HEIGHT, MIN_WIDTH};
use super::panes::{advisor_draw, catalog_draw, quiz_draw};
use super::widgets::{fit, loop_diagram, panel as block, pipeline, popup, text_area};
use crate::i18n::fill;
use crate::markdown;

pub fn draw(app: &App, frame: &mut Frame) {
    let l = app.layout();
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
        draw_list(app, frame, list, l.list_offset);
    }
    match app.tab {
        Tab::Quiz => quiz_draw::render(app, frame, l.body),
        Tab::Toolchain => catalog_draw::render_toolchain(app, frame, l.body),
        Tab::Tools => catalog_draw::render_tools(app, frame, l.body),
        Tab::Advisor => advisor_draw::render(app, frame, l.body),
        _ => draw_page(app, frame, &l),
    }
    draw_keybar(app, frame, l.keybar);
    match &app.overlay {
        Some(Overlay::Page { id, scroll }) => draw_page_overlay(app, frame, id, *scroll),
        Some(Overlay::Tool {
            id, scroll, link, ..
        }) => catalog_draw::render_tool_overlay(app, frame, id, *scroll, *link),
        None => {}
    }
    if app.help_open {
        draw_help(app, frame);
    }
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
    let lines = markdown::render(&msg, usize::from(area.width), &app.theme.md);
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
    let title = fit(&format!(" {} ", t.ui.app_title), usize::from(first));
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
        spans.push(Span::styled(layout::tab_text(app, l, *tab), style));
        x += r.width;
    }
    frame.render_widget(Paragraph::new(Line::from(spans)).style(ui.tab_bar), l.tabs);
}

fn draw_list(app: &App, frame: &mut Frame, area: Rect, offset: usize) {
    let ui = &app.theme.ui;
    let pages = app.list_pages(app.tab);
    let width = usize::from(inner(area).width);
    let items: Vec<ListItem> = pages
        .iter()
        .map(|p| ListItem::new(Line::from(fit(&format!(" {}", p.title), width))))
        .collect();
    let mut state = ListState::default()
        .with_selected(Some(app.selected(app.tab)))
        .with_offset(offset);
    let list = List::new(items)
        .block(block(app, &app.text().ui.pages, false))
        .highlight_style(ui.selected)
        .style(ui.item);
    frame.render_stateful_widget(list, area, &mut state);
}

fn draw_page(app: &App, frame: &mut Frame, l: &Layout) {
    let ui = &app.theme.ui;
    let t = app.text();
    let Some(page) = app.current_page() else {
        let b = block(app, &t.ui.page, true);
        frame.render_widget(
            Paragraph::new(Span::styled(t.ui.no_page.clone(), ui.warning)).block(b),
            l.page,
        );
        return;
    };
    let lines = app.rendered(page, l.page_text_width());
    let height = usize::from(l.page_text_height());
    let max = lines.len().saturating_sub(height);
    let scroll = usize::from(app.scroll(app.tab)).min(max);
    let mut b = block(
        app,
        &fit(&page.title, usize::from(l.page.width.saturating_sub(6))),
        true,
    );
    if lines.len() > height {
        let pos = fill(
            &t.ui.scroll_pos,
            &[
                ("pos", &(scroll + height).min(lines.len())),
                ("total", &lines.len()),
            ],
        );
        b = b.title_bottom(Line::from(Span::styled(format!(" {pos} "), ui.dim)).right_aligned());
    }
    frame.render_widget(b, l.page);
    let visible: Vec<Line> = lines.iter().skip(scroll).take(height).cloned().collect();
    frame.render_widget(Paragraph::new(visible), l.page_text());
}

/// The key bar: the keys that matter on this tab, from the keymap.
fn draw_keybar(app: &App, frame: &mut Frame, area: Rect) {
    let ui = &app.theme.ui;
    let t = app.text();
    let mut actions = vec!["help", "quit", "next_tab"];
    match app.tab {
        Tab::Loop => actions.push("right"),
        Tab::Cicd => actions.extend(["right", "down", "open"]),
        Tab::Quiz => {}
        Tab::Toolchain => actions.extend(["open", "filter_license", "filter_clear"]),
        Tab::Advisor => actions.extend(["export", "import"]),
        Tab::Tools => actions.extend(["down", "open", "filter_license"]),
        _ => actions.push("down"),
    }
    if !matches!(
        app.tab,
        Tab::Quiz | Tab::Toolchain | Tab::Tools | Tab::Advisor
    ) {
        actions.push("page_down");
    }
    if !app.takes_text() {
        actions.push("toggle_lang");
    }
    let mut spans: Vec<Span> = Vec::new();
    if app.content_problems > 0 {
        let msg = fill(&t.ui.content_problems, &[("n", &app.content_problems)]);
        spans.push(Span::styled(format!(" {msg} "), ui.warning));
    }
    for name in actions {
        let Some(b) = app.keymap.binding(name) else {
            continue;
        };
        let key = match name {
            "down" | "right" => keys_pair(app, name),
            // While answers are typed, plain letters are text: show the key that still works.
            _ if app.takes_text() => b
                .keys
                .iter()
                .find(|k| k.ctrl || !matches!(k.code, ratatui::crossterm::event::KeyCode::Char(_)))
                .or(b.keys.first())
                .map(|k| k.label())
                .unwrap_or_default(),
            _ => b.keys.first().map(|k| k.label()).unwrap_or_default(),
        };
        let desc = if name == "toggle_lang" {
            crate::i18n::text(app.lang.toggle()).ui.language.as_str()
        } else {
            short_desc(b.describe(&t.actions))
        };
        spans.push(Span::styled(format!(" {key}"), ui.key));
        spans.push(Span::styled(format!(" {desc} "), ui.key_text));
    }
    // Drop what does not fit rather than wrapping.
    let mut used = 0;
    let mut kept = Vec::new();
    for pair in spans.chunks(2) {
        let w: usize = pair.iter().map(|s| s.width()).sum();
        if used + w > usize::from(area.width) {
            break;
        }
        used += w;
        kept.extend_from_slice(pair);
    }
    frame.render_widget(Paragraph::new(Line::from(kept)), area);
}

/// "↑↓" for up/down, "←→" for left/right.
fn keys_pair(app: &App, name: &str) -> String {
    let other = if name == "down" { "up" } else { "left" };
    let first = |n: &str| {
        app.keymap
            .binding(n)
            .and_then(|b| b.keys.first())
            .map(|k| k.label())
            .unwrap_or_default()
    };
    format!("{}{}", first(other), first(name))
}

/// The part of an action description before " / " (the key bar is short on room).
fn short_desc(s: &str) -> &str {
    s.split(" / ").next().unwrap_or(s)
}

fn draw_help(app: &App, frame: &mut Frame) {
    let ui = &app.theme.ui;
    let t = app.text();
    let area = frame.area();
    let bindings = &app.keymap.bindings;
    let key_w = bindings
        .iter()
        .map(|b| b.keys_label().width())
        .max()
        .unwrap_or(4);
    let mut lines: Vec<Line> = bindings
        .iter()
        .map(|b| {
            Line::from(vec![
                Span::styled(format!("{:<key_w$}  ", b.keys_label()), ui.key),
                Span::styled(b.describe(&t.actions).to_string(), ui.item),
            ])
        })
        .collect();
    lines.push(Line::default());
    let w = (area.width.saturating_sub(4)).min(72);
    for l in markdown::render(
        &t.ui.keys_mouse,
        usize::from(w.saturating_sub(4)),
        &app.theme.md,
    ) {
        lines.push(l.style(ui.dim));
    }
    let content_w = lines.iter().map(|l| l.width()).max().unwrap_or(10) as u16;
    let w = (content_w + 4).min(area.width.saturating_sub(2));
    let h = (lines.len() as u16 + 2).min(area.height.saturating_sub(2));
    let r = Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    );
    let max_scroll = (lines.len() as u16).saturating_sub(h.saturating_sub(2));
    let mut b = block(app, &t.ui.help_title, true).title_bottom(
        Line::from(Span::styled(format!(" {} ", t.ui.help_footer), ui.dim)).right_aligned(),
    );
    if max_scroll > 0 {
        // More keys than rows: say where we are, ↑↓ scroll.
        let shown = (app.help_scroll.min(max_scroll) + h.saturating_sub(2)).min(lines.len() as u16);
        let pos = fill(
            &t.ui.scroll_pos,
            &[("pos", &shown), ("total", &lines.len())],
        );
        b = b.title_bottom(Line::from(Span::styled(format!(" ↑↓ {pos} "), ui.key)).left_aligned());
    }
    frame.render_widget(Clear, r);
    frame.render_widget(
        Paragraph::new(lines)
            .block(b)
            .scroll((app.help_scroll.min(max_scroll), 0))
            .style(Style::default()),
        r,
    );
}

/// A page over the current pane (from a quiz answer), scrollable, closed with Esc.
fn draw_page_overlay(app: &App, frame: &mut Frame, id: &str, scroll: u16) {
    let ui = &app.theme.ui;
    let t = app.text();
    let area = frame.area();
    let r = popup(area);
    frame.render_widget(Clear, r);
    let Some(page) = app.lib.page(app.lang, id) else {
        frame.render_widget(
            Paragraph::new(Span::styled(t.ui.no_page.clone(), ui.warning))
                .block(block(app, id, true)),
            r,
        );
        return;
    };
    let text_w = r.width.saturating_sub(4).max(1);
    let lines = app.rendered(page, text_w);
    let height = usize::from(r.height.saturating_sub(2));
    let scroll = usize::from(scroll).min(lines.len().saturating_sub(height));
    let b = block(
        app,
        &fit(&page.title, usize::from(r.width.saturating_sub(6))),
        true,
    )
    .title_bottom(
        Line::from(Span::styled(
            format!(" {} ", t.quiz.page_overlay_keys),
            ui.dim,
        ))
        .right_aligned(),
    );
    frame.render_widget(b, r);
    let visible: Vec<Line> = lines.iter().skip(scroll).take(height).cloned().collect();
    frame.render_widget(Paragraph::new(visible), text_area(r));
}
