//! Drawing the Toolchain pane (a periodic table of tools: one column per stage, coloured by
//! licence class) and the Tools pane (search as you type, filter chips, a preview), and the
//! tool detail overlay. Geometry functions are shared with mouse handling.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::{chips, class_label, class_mark};
use crate::catalog::{LicenseClass, Tool};
use crate::i18n::fill;
use crate::markdown;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::widgets::{clear_popup, cols, fit as cut, panel, popup, text_area};

/// Narrowest Toolchain column.
const MIN_COL: u16 = 9;
/// From this width the Tools pane shows a preview of the selected tool beside the results.
const PREVIEW_FROM: u16 = 100;

fn block<'a>(app: &App, title: &str) -> Block<'a> {
    panel(app, title, true)
}

/// The filter chips (every filter, the stage one included, on both panes).
fn chip_line(app: &App, with_stage: bool) -> Line<'static> {
    let ui = &app.theme.ui;
    let t = app.text();
    let mut spans = Vec::new();
    let all = chips(&app.catalog.filter, &app.lib, app.lang, t);
    for (label, active) in all.into_iter().skip(usize::from(!with_stage)) {
        let st = if active { ui.selected } else { ui.dim };
        spans.push(Span::styled(format!("[{label}]"), st));
        spans.push(Span::raw(" "));
    }
    Line::from(spans)
}

fn legend_line(app: &App) -> Line<'static> {
    let ui = &app.theme.ui;
    let t = app.text();
    let mut spans = Vec::new();
    for c in LicenseClass::ALL
        .iter()
        .map(|c| Some(*c))
        .chain(std::iter::once(None))
    {
        spans.push(Span::styled(
            format!("{} {}", class_mark(c), class_label(c, t)),
            ui.class(c),
        ));
        spans.push(Span::raw("  "));
    }
    Line::from(spans)
}

/// Where the Toolchain's columns and rows are.
pub struct TableGeo {
    /// (stage index, x, width) of the visible columns.
    pub cols: Vec<(usize, u16, u16)>,
    pub header_y: u16,
    pub rows_y: u16,
    pub rows: u16,
    /// Index of the first row shown.
    pub offset: usize,
}

pub fn table_geo(app: &App, area: Rect) -> TableGeo {
    let text = text_area(area);
    let n = app.lib.stages().len().max(1);
    let per = text.width / n as u16;
    let shown = if per >= MIN_COL {
        n
    } else {
        usize::from((text.width / MIN_COL).max(1))
    };
    let sel = app.catalog.col.min(n - 1);
    let first = sel.saturating_sub(shown / 2).min(n - shown.min(n));
    let w = text.width / shown as u16;
    let cols = (0..shown.min(n))
        .map(|k| (first + k, text.x + k as u16 * w, w))
        .collect();
    let header_y = text.y + 2;
    let rows_y = header_y + 2;
    let rows = text.bottom().saturating_sub(rows_y + 1);
    let offset = app.catalog.row.saturating_sub(usize::from(rows.max(1)) - 1);
    TableGeo {
        cols,
        header_y,
        rows_y,
        rows,
        offset,
    }
}

/// Click areas of the Toolchain's cells: (area, column, row).
pub fn cell_hits(app: &App, area: Rect) -> Vec<(Rect, usize, usize)> {
    let g = table_geo(app, area);
    let columns = app.catalog.columns(&app.lib);
    let mut hits = Vec::new();
    for &(ci, x, w) in &g.cols {
        let len = columns.get(ci).map_or(0, Vec::len);
        for r in 0..usize::from(g.rows) {
            let row = g.offset + r;
            if row < len {
                hits.push((Rect::new(x, g.rows_y + r as u16, w, 1), ci, row));
            }
        }
    }
    hits
}

pub fn render_toolchain(app: &App, frame: &mut Frame, area: Rect) {
    let ui = &app.theme.ui;
    let t = app.text();
    frame.render_widget(block(app, &t.tabs.toolchain), area);
    let text = text_area(area);
    if text.height < 6 || text.width < 8 {
        return;
    }
    let buf = frame.buffer_mut();
    buf.set_line(text.x, text.y, &chip_line(app, true), text.width);
    buf.set_line(text.x, text.y + 1, &legend_line(app), text.width);
    let g = table_geo(app, area);
    let columns = app.catalog.columns(&app.lib);
    for &(ci, x, w) in &g.cols {
        let stage = &app.lib.stages()[ci];
        let list = &columns[ci];
        let head = format!("{} {}", stage.name.get(app.lang), list.len());
        let other_stage = app
            .catalog
            .filter
            .stage
            .as_ref()
            .is_some_and(|s| *s != stage.id);
        let st = if ci == app.catalog.col {
            ui.stage_selected
        } else if other_stage {
            ui.dim
        } else {
            ui.title
        };
        let cw = usize::from(w.saturating_sub(1));
        buf.set_stringn(x, g.header_y, cut(&head, cw), cw, st);
        buf.set_stringn(x, g.header_y + 1, "─".repeat(cw), cw, ui.border);
        for r in 0..usize::from(g.rows) {
            let row = g.offset + r;
            let Some(tool) = list.get(row) else { break };
            let selected = ci == app.catalog.col && row == app.catalog.row;
            let label = cut(
                &format!("{} {}", class_mark(tool.license_class), tool.name),
                cw,
            );
            let st = if selected {
                ui.selected
            } else if other_stage {
                ui.dim
            } else {
                ui.class(tool.license_class)
            };
            buf.set_stringn(x, g.rows_y + r as u16, label, cw, st);
        }
        let hidden = list.len().saturating_sub(g.offset + usize::from(g.rows));
        if hidden > 0 && g.rows > 0 {
            let more = fill(&t.tools.column_more, &[("n", &hidden)]);
            buf.set_stringn(x, g.rows_y + g.rows, cut(&more, cw), cw, ui.dim);
        }
    }
}

/// Where the Tools pane's result rows are: (list area, first row shown).
fn results_geo(app: &App, area: Rect) -> (Rect, usize) {
    let text = text_area(area);
    let list_w = if text.width >= PREVIEW_FROM {
        text.width * 11 / 20
    } else {
        text.width
    };
    let list = Rect::new(text.x, text.y + 3, list_w, text.height.saturating_sub(3));
    let visible = usize::from(list.height.max(1));
    (list, app.catalog.selected.saturating_sub(visible - 1))
}

/// Click areas of the Tools pane's result rows: (area, result index).
pub fn result_hits(app: &App, area: Rect) -> Vec<(Rect, usize)> {
    let (list, offset) = results_geo(app, area);
    let n = app.catalog.results(&app.lib, app.lang).len();
    (0..usize::from(list.height))
        .filter(|r| offset + r < n)
        .map(|r| {
            (
                Rect::new(list.x, list.y + r as u16, list.width, 1),
                offset + r,
            )
        })
        .collect()
}

/// A tool's name with the matched characters highlighted (char indices).
fn highlighted(name: &str, hl: &[usize], base: Style, mark: Style) -> Vec<Span<'static>> {
    name.chars()
        .enumerate()
        .map(|(i, c)| Span::styled(c.to_string(), if hl.contains(&i) { mark } else { base }))
        .collect()
}

pub fn render_tools(app: &App, frame: &mut Frame, area: Rect) {
    let ui = &app.theme.ui;
    let t = app.text();
    let lib = &app.lib;
    frame.render_widget(block(app, &t.tabs.tools), area);
    let text = text_area(area);
    if text.height < 5 || text.width < 8 {
        return;
    }
    let hits = app.catalog.results(lib, app.lang);
    let count = fill(
        &t.tools.results,
        &[("n", &hits.len()), ("total", &lib.catalog().len())],
    );
    let cw = cols(&count);
    let search_row = Rect::new(text.x, text.y, text.width.saturating_sub(cw + 1), 1);
    let prompt = format!("{}: ", t.tools.search);
    let search = &app.catalog.search;
    if search.is_empty() && !search.focused {
        let key = app.keymap.first_key(Action::Search).unwrap_or_default();
        let hint = fill(&t.tools.placeholder, &[("key", &key)]);
        let line = Line::from(vec![
            Span::styled(prompt, ui.title),
            Span::styled(hint, ui.dim),
        ]);
        frame
            .buffer_mut()
            .set_line(search_row.x, search_row.y, &line, search_row.width);
    } else {
        search.render(frame, search_row, &prompt, (ui.title, ui.item));
    }
    let buf = frame.buffer_mut();
    if text.width > cw + 20 {
        buf.set_stringn(text.right() - cw, text.y, &count, usize::from(cw), ui.dim);
    }
    buf.set_line(text.x, text.y + 1, &chip_line(app, true), text.width);
    buf.set_stringn(
        text.x,
        text.y + 2,
        "─".repeat(usize::from(text.width)),
        usize::from(text.width),
        ui.border,
    );
    let (list, offset) = results_geo(app, area);
    // The name column is as wide as the longest name shown, up to half the list: a wide
    // terminal shows whole names, a narrow one cuts them with an ellipsis.
    let longest = hits
        .iter()
        .skip(offset)
        .take(usize::from(list.height))
        .map(|h| h.tool(lib.catalog()).name.width())
        .max()
        .unwrap_or(8);
    let name_w = longest.clamp(8, usize::from(list.width / 2).max(8));
    if hits.is_empty() {
        let key = app
            .keymap
            .first_key(Action::FilterClear)
            .unwrap_or_default();
        let msg = fill(&t.tools.no_results, &[("key", &key)]);
        let msg = markdown::render(&msg, usize::from(list.width), &app.theme.md);
        for (i, l) in msg.into_iter().enumerate().take(usize::from(list.height)) {
            buf.set_line(list.x, list.y + i as u16, &l.style(ui.warning), list.width);
        }
    }
    for (r, hit) in hits
        .iter()
        .enumerate()
        .skip(offset)
        .take(usize::from(list.height))
    {
        let tool = hit.tool(lib.catalog());
        let y = list.y + (r - offset) as u16;
        let selected = r == app.catalog.selected;
        let base = if selected {
            ui.selected
        } else {
            ui.class(tool.license_class)
        };
        let mut spans = vec![Span::styled(
            format!(
                "{} {} ",
                if selected { "▸" } else { " " },
                class_mark(tool.license_class)
            ),
            base,
        )];
        let name = cut(&tool.name, name_w);
        spans.extend(highlighted(
            &name,
            &hit.name_highlight,
            base,
            base.patch(ui.highlight),
        ));
        let pad = name_w.saturating_sub(name.width()) + 2;
        let stage = lib
            .stage(&tool.primary_stage)
            .map_or(tool.primary_stage.as_str(), |s| {
                s.name.get(app.lang).as_str()
            });
        let mut rest = format!(
            "{}{stage} · {}",
            " ".repeat(pad),
            lib.catalog().category_label(&tool.category, app.lang)
        );
        if tool.is_imported() {
            rest.push_str(&format!(" · {}", t.tools.imported));
        }
        let used: usize = spans.iter().map(|s| s.width()).sum();
        let rest = cut(&rest, usize::from(list.width).saturating_sub(used));
        spans.push(Span::styled(
            rest,
            if selected { ui.selected } else { ui.dim },
        ));
        buf.set_line(list.x, y, &Line::from(spans), list.width);
    }
    if text.width >= PREVIEW_FROM
        && let Some(tool) = app.catalog.selected_tool(lib, app.lang)
    {
        let px = list.right() + 2;
        let preview = Rect::new(px, list.y, text.right().saturating_sub(px), list.height);
        let lines = tool_lines(app, tool, preview.width);
        frame.render_widget(Paragraph::new(lines.to_vec()), preview);
    }
}

/// A tool's detail rendered at a width (cached like pages).
fn tool_lines(app: &App, tool: &Tool, width: u16) -> std::rc::Rc<Vec<Line<'static>>> {
    app.rendered_doc(&format!("tool/{}", tool.id), width, || {
        app.lib.tool_markdown(tool, app.lang)
    })
}

/// The tool detail overlay: the tool's fields, then the tools it links to (←/→ choose,
/// Enter follows, Esc goes back).
pub fn render_tool_overlay(app: &App, frame: &mut Frame, id: &str, scroll: u16, link: usize) {
    let ui = &app.theme.ui;
    let t = app.text();
    let r = popup(frame.area());
    clear_popup(frame, r);
    let Some(tool) = app.lib.catalog().get(id) else {
        frame.render_widget(block(app, id), r);
        return;
    };
    let b = block(
        app,
        &cut(&tool.name, usize::from(r.width.saturating_sub(6))),
    );
    frame.render_widget(b, r);
    let text = text_area(r);
    // The links, wrapped to the width, at the bottom.
    let links = app.lib.tool_links(tool, app.lang);
    let mut link_lines: Vec<Line> = Vec::new();
    if !links.is_empty() {
        link_lines.push(Line::from(Span::styled(t.tools.links.clone(), ui.title)));
        let mut cur: Vec<Span> = Vec::new();
        let mut used = 0usize;
        let mut group = "";
        for (i, (label, to)) in links.iter().enumerate() {
            let name = app.lib.tool_name(to);
            let mut piece = Vec::new();
            if *label != group {
                piece.push(Span::styled(format!("{label}: "), ui.dim));
                group = label;
            }
            let st = if i == link { ui.selected } else { ui.key };
            piece.push(Span::styled(format!("[{name}]"), st));
            piece.push(Span::raw(" "));
            let pw: usize = piece.iter().map(|s| s.width()).sum();
            if used + pw > usize::from(text.width) && !cur.is_empty() {
                link_lines.push(Line::from(std::mem::take(&mut cur)));
                used = 0;
            }
            used += pw;
            cur.extend(piece);
        }
        if !cur.is_empty() {
            link_lines.push(Line::from(cur));
        }
    }
    let links_h = u16::try_from(link_lines.len())
        .unwrap_or(0)
        .min(text.height / 2);
    let body = Rect::new(text.x, text.y, text.width, text.height - links_h);
    let lines = tool_lines(app, tool, body.width);
    let height = usize::from(body.height);
    let skip = usize::from(scroll).min(lines.len().saturating_sub(height));
    let visible: Vec<Line> = lines.iter().skip(skip).take(height).cloned().collect();
    frame.render_widget(Paragraph::new(visible), body);
    if links_h > 0 {
        let la = Rect::new(text.x, body.bottom(), text.width, links_h);
        frame.render_widget(Paragraph::new(link_lines), la);
    }
}
