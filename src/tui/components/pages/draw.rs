//! Drawing the page tabs: the page list and the page, scrolled.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState, Paragraph};

use crate::i18n::fill;
use crate::tui::app::{App, inner};
use crate::tui::layout::Layout;
use crate::tui::widgets::{fit, panel};

pub fn draw_list(app: &App, frame: &mut Frame, area: Rect, offset: usize) {
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
        .block(panel(app, &app.text().ui.pages, false))
        .highlight_style(ui.selected)
        .style(ui.item);
    frame.render_stateful_widget(list, area, &mut state);
}

pub fn draw_page(app: &App, frame: &mut Frame, l: &Layout) {
    let ui = &app.theme.ui;
    let t = app.text();
    let Some(page) = app.current_page() else {
        let b = panel(app, &t.ui.page, true);
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
    let mut b = panel(
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
