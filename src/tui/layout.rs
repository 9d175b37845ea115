//! Where everything goes for a terminal size. A pure function of the state, used by
//! drawing and by mouse handling, so a click always hits what is drawn.

use ratatui::layout::Rect;
use unicode_width::UnicodeWidthStr;

use super::app::{App, Tab, inner};
use super::components::catalog::draw as catalog_draw;
use super::widgets::{loop_diagram, pipeline};

/// Below this size the app shows an "enlarge the terminal" message instead.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 12;

/// Narrowest page text worth showing beside a list or picture.
const MIN_PAGE: u16 = 40;

#[derive(Debug, Clone, Default)]
pub struct Layout {
    pub too_small: bool,
    pub tabs: Rect,
    pub tab_hits: Vec<(Rect, Tab)>,
    pub keybar: Rect,
    pub body: Rect,
    /// The bordered page list, when the tab has one.
    pub list: Option<Rect>,
    /// Index of the first list item shown (the list scrolls to keep the selection visible).
    pub list_offset: usize,
    /// The bordered page.
    pub page: Rect,
    /// The loop picture (Loop tab) and its stage boxes.
    pub diagram: Option<Rect>,
    pub stage_hits: Vec<(Rect, usize)>,
    /// The one-line stage strip used when the loop picture does not fit.
    pub strip: Option<Rect>,
    /// The pipeline picture (CI/CD tab) and its practice selectors.
    pub pipeline: Option<Rect>,
    pub practice_hits: Vec<(Rect, usize)>,
    /// Toolchain cells: (area, column, row).
    pub cell_hits: Vec<(Rect, usize, usize)>,
    /// Tools pane result rows: (area, result index).
    pub result_hits: Vec<(Rect, usize)>,
}

impl Layout {
    /// Columns available to the page text (inside the border, one column of padding each side).
    pub fn page_text_width(&self) -> u16 {
        self.page.width.saturating_sub(4).max(1)
    }

    pub fn page_text_height(&self) -> u16 {
        self.page.height.saturating_sub(2).max(1)
    }

    pub fn page_text(&self) -> Rect {
        super::widgets::text_area(self.page)
    }
}

/// The label of a tab in the tab bar, e.g. " 2 Loop ".
pub fn tab_label(index: usize, label: &str) -> String {
    format!(" {} {} ", index + 1, label)
}

/// A tab shrunk to its number, e.g. " 2 ".
pub fn tab_number(index: usize) -> String {
    format!(" {} ", index + 1)
}

/// What the tab bar shows for a tab: its full label, or its number when shrunk.
pub fn tab_text(app: &App, l: &Layout, tab: Tab) -> String {
    let t = app.text();
    let full = tab_label(tab.index(), tab.label(t));
    match l.tab_hits.iter().find(|(_, tb)| *tb == tab) {
        Some((r, _)) if usize::from(r.width) < full.width() => tab_number(tab.index()),
        _ => full,
    }
}

/// Whether a terminal of this size is below the minimum.
pub fn too_small(w: u16, h: u16) -> bool {
    w < MIN_WIDTH || h < MIN_HEIGHT
}

/// The layout for a screen area (the frame's own area when drawing, so a layout never
/// outgrows the buffer it is drawn into).
pub fn compute(app: &App, area: Rect) -> Layout {
    let (w, h) = (area.width, area.height);
    let mut l = Layout {
        too_small: too_small(w, h),
        ..Layout::default()
    };
    if l.too_small {
        return l;
    }
    l.tabs = Rect::new(0, 0, w, 1);
    l.keybar = Rect::new(0, h - 1, w, 1);
    l.body = Rect::new(0, 1, w, h - 2);

    // Tab bar hit areas, one space apart, after the app title. When the full labels do not
    // fit, the other tabs shrink to their numbers and the current one keeps its label;
    // when even that does not fit, the title goes, then tabs at the far end from the
    // current one: the current tab is always shown.
    let t = app.text();
    let title_w = u16::try_from(format!(" {} ", t.ui.app_title).width()).unwrap_or(0);
    let full: u16 = Tab::ALL
        .iter()
        .enumerate()
        .map(|(i, tab)| u16::try_from(tab_label(i, tab.label(t)).width()).unwrap_or(0) + 1)
        .sum();
    let compact = title_w + full > w;
    let labels: Vec<u16> = Tab::ALL
        .iter()
        .enumerate()
        .map(|(i, tab)| {
            let s = if compact && *tab != app.tab {
                tab_number(i)
            } else {
                tab_label(i, tab.label(t))
            };
            u16::try_from(s.width()).unwrap_or(0)
        })
        .collect();
    let all: u16 = labels.iter().map(|w| w + 1).sum();
    let mut x = if title_w + all <= w + 1 { title_w } else { 0 };
    let cur = app.tab.index();
    let mut start = 0;
    while start < cur && x + labels[start..=cur].iter().map(|w| w + 1).sum::<u16>() > w + 1 {
        start += 1;
    }
    for (i, tab) in Tab::ALL.iter().enumerate().skip(start) {
        let lw = labels[i].min(w.saturating_sub(x));
        if lw == 0 || (x + labels[i] > w && i != cur) {
            break;
        }
        l.tab_hits.push((Rect::new(x, 0, lw, 1), *tab));
        x += lw + 1;
        if x >= w {
            break;
        }
    }

    let body = l.body;
    match app.tab {
        Tab::Loop => layout_loop(app, &mut l, body),
        Tab::Quiz | Tab::Advisor => l.page = body,
        Tab::Toolchain => {
            l.page = body;
            l.cell_hits = catalog_draw::cell_hits(app, body);
        }
        Tab::Tools => {
            l.page = body;
            l.result_hits = catalog_draw::result_hits(app, body);
        }
        Tab::Cicd if app.repo_shown() => l.page = body,
        Tab::Cicd => {
            let ph = pipeline::height(app, body.width.saturating_sub(2)) + 2;
            let rest_h = body.height.saturating_sub(ph);
            if rest_h >= 6 {
                let p = Rect::new(body.x, body.y, body.width, ph);
                l.practice_hits = pipeline::practice_hits(app, p);
                l.pipeline = Some(p);
                layout_list(
                    app,
                    &mut l,
                    Rect::new(body.x, body.y + ph, body.width, rest_h),
                );
            } else {
                layout_list(app, &mut l, body);
            }
        }
        _ => layout_list(app, &mut l, body),
    }
    l
}

fn layout_list(app: &App, l: &mut Layout, area: Rect) {
    let pages = app.list_pages(app.tab);
    if pages.len() <= 1 {
        l.page = area;
        return;
    }
    let widest = pages.iter().map(|p| p.title.width()).max().unwrap_or(10) as u16;
    let want = widest + 4;
    let side = area.width.saturating_sub(MIN_PAGE);
    let list = if side >= 16 {
        let lw = want.min(side).min(area.width / 3).max(16);
        l.page = Rect::new(area.x + lw, area.y, area.width - lw, area.height);
        Rect::new(area.x, area.y, lw, area.height)
    } else {
        // Narrow: the list sits above the page.
        let lh = (pages.len() as u16 + 2).min(area.height / 3).max(3);
        l.page = Rect::new(area.x, area.y + lh, area.width, area.height - lh);
        Rect::new(area.x, area.y, area.width, lh)
    };
    let visible = usize::from(list.height.saturating_sub(2)).max(1);
    let sel = app.selected(app.tab);
    l.list_offset = sel.saturating_sub(visible - 1);
    l.list = Some(list);
}

fn layout_loop(app: &App, l: &mut Layout, area: Rect) {
    let (dw, dh) = loop_diagram::size(app);
    if area.width >= dw + MIN_PAGE && area.height >= dh {
        let d = Rect::new(area.x, area.y, dw, area.height);
        l.stage_hits = loop_diagram::stage_boxes(app, inner(d))
            .into_iter()
            .enumerate()
            .map(|(i, r)| (r, i))
            .collect();
        l.diagram = Some(d);
        l.page = Rect::new(area.x + dw, area.y, area.width - dw, area.height);
    } else {
        let s = Rect::new(area.x, area.y, area.width, 3);
        l.stage_hits = loop_diagram::strip_hits(app, inner(s));
        l.strip = Some(s);
        l.page = Rect::new(area.x, area.y + 3, area.width, area.height - 3);
    }
}
