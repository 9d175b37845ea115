//! The page tabs (Overview, Loop, Practices, CI/CD, References): a list of pages (or the
//! loop's stages) beside the selected page, scrolled per tab; the CI/CD tab also has the
//! practice picker of its pipeline picture. Drawing is in `draw.rs`.

pub mod draw;

use ratatui::layout::Position;

use crate::tui::action::{Action, Effect};
use crate::tui::app::{Tab, inner};
use crate::tui::layout::Layout;
use crate::tui::registry::{Command, Row, always, applying};

/// What the pages component needs to know of the app to act.
pub struct PagesCx<'a> {
    pub tab: Tab,
    /// Items in the tab's selector (pages, or stages on the Loop tab).
    pub items: usize,
    /// The largest scroll offset of the page shown.
    pub max_scroll: u16,
    /// Rows a page-up/down moves.
    pub page_step: i32,
    pub layout: &'a Layout,
    /// Practices in the CI/CD picture, and the page of each.
    pub practice_pages: Vec<String>,
}

#[derive(Debug, Clone, Default)]
pub struct PagesPane {
    /// The selected list item (or stage, on the Loop tab) per tab.
    pub selected: [usize; Tab::ALL.len()],
    /// The page scroll offset per tab.
    pub scroll: [u16; Tab::ALL.len()],
    /// The practice selected in the CI/CD pipeline picture.
    pub practice: usize,
}

/// The page tabs' commands (the same on every page tab, with the Loop's and the CI/CD's
/// own meaning of the arrows).
fn rows(tab: Tab) -> Vec<Row<()>> {
    let mut r = match tab {
        Tab::Loop => vec![
            always(Command::new(Action::Right).label("next_stage").bar()),
            always(Command::new(Action::Left).label("prev_stage")),
            always(Command::new(Action::Down).label("next_stage")),
            always(Command::new(Action::Up).label("prev_stage")),
        ],
        Tab::Cicd => vec![
            always(Command::new(Action::Right).label("next_practice").bar()),
            always(Command::new(Action::Left).label("prev_practice")),
            always(Command::new(Action::Open).label("open_practice").bar()),
            always(Command::new(Action::Down).bar()),
            always(Command::new(Action::Up)),
        ],
        _ => vec![
            always(Command::new(Action::Down).bar()),
            always(Command::new(Action::Up)),
        ],
    };
    r.extend([
        always(Command::new(Action::PageDown).bar()),
        always(Command::new(Action::PageUp)),
        always(Command::new(Action::Top)),
        always(Command::new(Action::Bottom)),
        always(Command::new(Action::Search).label("search_tools")),
    ]);
    r
}

/// The commands of a page tab.
pub fn commands(tab: Tab) -> Vec<Command> {
    applying(&rows(tab), &())
}

impl PagesPane {
    pub fn selected(&self, tab: Tab, items: usize) -> usize {
        self.selected[tab.index()].min(items.saturating_sub(1))
    }

    /// Selects an item of a tab (its scroll goes back to the top when it changes).
    pub fn select(&mut self, tab: Tab, index: usize, items: usize) {
        if items == 0 {
            return;
        }
        let index = index.min(items - 1);
        if self.selected[tab.index()] != index {
            self.selected[tab.index()] = index;
            self.scroll[tab.index()] = 0;
        }
    }

    fn move_selection(&mut self, cx: &PagesCx, delta: isize, wrap: bool) {
        let n = cx.items;
        if n == 0 {
            return;
        }
        let cur = self.selected(cx.tab, n) as isize;
        let next = if wrap {
            (cur + delta).rem_euclid(n as isize)
        } else {
            (cur + delta).clamp(0, n as isize - 1)
        };
        self.select(cx.tab, next as usize, n);
    }

    fn scroll_by(&mut self, cx: &PagesCx, delta: i32) {
        let i = cx.tab.index();
        let now = i32::from(self.scroll[i]);
        self.scroll[i] = (now + delta).clamp(0, i32::from(cx.max_scroll)) as u16;
    }

    /// Keeps the scroll offset valid (after a resize or a language change).
    pub fn clamp_scroll(&mut self, tab: Tab, max: u16) {
        let i = tab.index();
        self.scroll[i] = self.scroll[i].min(max);
    }

    fn move_practice(&mut self, cx: &PagesCx, delta: isize) {
        let n = cx.practice_pages.len();
        if n > 0 {
            self.practice = (self.practice as isize + delta).rem_euclid(n as isize) as usize;
        }
    }

    pub fn update(&mut self, action: Action, cx: &PagesCx) -> Effect {
        let loop_tab = cx.tab == Tab::Loop;
        match action {
            Action::Up => self.move_selection(cx, -1, loop_tab),
            Action::Down => self.move_selection(cx, 1, loop_tab),
            Action::Left if loop_tab => self.move_selection(cx, -1, true),
            Action::Right if loop_tab => self.move_selection(cx, 1, true),
            Action::Left if cx.tab == Tab::Cicd => self.move_practice(cx, -1),
            Action::Right if cx.tab == Tab::Cicd => self.move_practice(cx, 1),
            Action::Open if cx.tab == Tab::Cicd => {
                if let Some(page) = cx.practice_pages.get(self.practice) {
                    return Effect::ShowPage(page.clone());
                }
            }
            Action::PageUp => self.scroll_by(cx, -cx.page_step),
            Action::PageDown => self.scroll_by(cx, cx.page_step),
            Action::Top => self.scroll_by(cx, i32::MIN / 2),
            Action::Bottom => self.scroll_by(cx, i32::MAX / 2),
            Action::Click(x, y) => return self.click(cx, x, y),
            Action::Scroll(x, y, delta) => {
                let pos = Position::new(x, y);
                if cx.layout.list.is_some_and(|r| r.contains(pos)) {
                    self.move_selection(cx, isize::from(delta.signum()), false);
                } else {
                    self.scroll_by(cx, i32::from(delta) * 3);
                }
            }
            _ => return Effect::Unhandled,
        }
        Effect::None
    }

    fn click(&mut self, cx: &PagesCx, x: u16, y: u16) -> Effect {
        let l = cx.layout;
        let pos = Position::new(x, y);
        if let Some(list) = l.list
            && inner(list).contains(pos)
        {
            let row = usize::from(y - inner(list).y) + l.list_offset;
            if row < cx.items {
                self.select(cx.tab, row, cx.items);
            }
            return Effect::None;
        }
        if let Some((_, i)) = l.stage_hits.iter().find(|(r, _)| r.contains(pos)) {
            self.select(Tab::Loop, *i, cx.items.max(i + 1));
            return Effect::None;
        }
        if let Some((_, i)) = l.practice_hits.iter().find(|(r, _)| r.contains(pos)) {
            self.practice = *i;
            return Effect::None;
        }
        Effect::Unhandled
    }
}
