//! The app's state and its one place of change, `App::update(Action)`.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;

use ratatui::layout::{Position, Rect};
use ratatui::text::Line;

use super::action::Action;
use super::keymap::Keymap;
use super::layout::{self, Layout};
use super::panes::advisor::{AdvisorPane, Focus};
use super::panes::catalog::CatalogPanes;
use super::panes::quiz::{MenuItem, QuizPane, View};
use super::panes::quiz_draw::topic_count;
use super::theme::Theme;
use crate::i18n::{self, Text};
use crate::store::Store;
use crate::{
    Library,
    base::Lang,
    pages::{Page, PagePane},
};

/// The tabs across the top, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tab {
    Overview,
    Loop,
    Practices,
    Cicd,
    Toolchain,
    Tools,
    Advisor,
    Quiz,
    References,
}

impl Tab {
    pub const ALL: [Tab; 9] = [
        Tab::Overview,
        Tab::Loop,
        Tab::Practices,
        Tab::Cicd,
        Tab::Toolchain,
        Tab::Tools,
        Tab::Advisor,
        Tab::Quiz,
        Tab::References,
    ];

    pub fn index(self) -> usize {
        Tab::ALL.iter().position(|&t| t == self).unwrap_or(0)
    }

    pub fn label(self, t: &Text) -> &str {
        match self {
            Tab::Overview => &t.tabs.overview,
            Tab::Loop => &t.tabs.loop_,
            Tab::Practices => &t.tabs.practices,
            Tab::Cicd => &t.tabs.cicd,
            Tab::Toolchain => &t.tabs.toolchain,
            Tab::Tools => &t.tabs.tools,
            Tab::Advisor => &t.tabs.advisor,
            Tab::Quiz => &t.tabs.quiz,
            Tab::References => &t.tabs.references,
        }
    }

    /// The pane whose pages this tab lists (the Loop tab shows stage pages instead).
    pub fn page_pane(self) -> Option<PagePane> {
        match self {
            Tab::Overview => Some(PagePane::Overview),
            Tab::Loop => Some(PagePane::Loop),
            Tab::Practices => Some(PagePane::Practices),
            Tab::Cicd => Some(PagePane::Cicd),
            Tab::References => Some(PagePane::References),
            Tab::Toolchain | Tab::Tools | Tab::Advisor | Tab::Quiz => None,
        }
    }
}

type CacheKey = (Lang, String, u16);

/// What is shown over the current pane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    /// A page (opened from a quiz answer).
    Page { id: String, scroll: u16 },
    /// A tool's detail; `link` is the selected tool it points to, `history` the tools
    /// followed to get here (Esc goes back).
    Tool {
        id: String,
        scroll: u16,
        link: usize,
        history: Vec<String>,
    },
}

impl Overlay {
    pub fn tool(id: &str) -> Overlay {
        Overlay::Tool {
            id: id.to_string(),
            scroll: 0,
            link: 0,
            history: Vec::new(),
        }
    }

    fn scroll_mut(&mut self) -> &mut u16 {
        match self {
            Overlay::Page { scroll, .. } | Overlay::Tool { scroll, .. } => scroll,
        }
    }
}

pub struct App {
    pub lib: Arc<Library>,
    pub lang: Lang,
    pub tab: Tab,
    pub help_open: bool,
    pub help_scroll: u16,
    pub width: u16,
    pub height: u16,
    pub should_quit: bool,
    pub theme: Theme,
    pub keymap: Keymap,
    /// How many problems the content folder had (shown in the key bar).
    pub content_problems: usize,
    /// The selected list item (or stage, on the Loop tab) per tab.
    selected: [usize; Tab::ALL.len()],
    /// The page scroll offset per tab.
    scroll: [u16; Tab::ALL.len()],
    /// The practice selected in the CI/CD pipeline picture.
    pub practice: usize,
    pub quiz: QuizPane,
    pub catalog: CatalogPanes,
    pub advisor: AdvisorPane,
    pub overlay: Option<Overlay>,
    cache: RefCell<HashMap<CacheKey, Rc<Vec<Line<'static>>>>>,
}

impl App {
    /// An app without a data folder (the quiz and the advisor say nothing is saved).
    pub fn new(lib: Arc<Library>, lang: Lang, theme: Theme) -> App {
        App::with_store(lib, lang, theme, Err("no data folder was given".into()))
    }

    /// An app whose quiz progress (and the advisor's profile and stack, in the same
    /// folder) is saved in `store`.
    pub fn with_store(
        lib: Arc<Library>,
        lang: Lang,
        theme: Theme,
        store: Result<Store, String>,
    ) -> App {
        let data_dir = store.as_ref().ok().map(|s| s.dir().to_path_buf());
        App {
            advisor: AdvisorPane::new(data_dir.as_deref(), &lib),
            lib,
            lang,
            tab: Tab::Overview,
            help_open: false,
            help_scroll: 0,
            width: 80,
            height: 24,
            should_quit: false,
            theme,
            keymap: Keymap::default(),
            content_problems: 0,
            selected: [0; Tab::ALL.len()],
            scroll: [0; Tab::ALL.len()],
            practice: 0,
            quiz: QuizPane::new(store),
            catalog: CatalogPanes::default(),
            overlay: None,
            cache: RefCell::new(HashMap::new()),
        }
    }

    pub fn text(&self) -> &'static Text {
        i18n::text(self.lang)
    }

    pub fn layout(&self) -> Layout {
        layout::compute(self)
    }

    /// The pages listed on a tab (empty for the Loop tab, which lists stages).
    pub fn list_pages(&self, tab: Tab) -> Vec<&Page> {
        match tab.page_pane() {
            Some(pane) if tab != Tab::Loop => self.lib.pages_in(self.lang, pane).collect(),
            _ => Vec::new(),
        }
    }

    /// How many items the tab's selector has.
    fn item_count(&self, tab: Tab) -> usize {
        match tab {
            Tab::Loop => self.lib.stages().len(),
            _ => self.list_pages(tab).len(),
        }
    }

    pub fn selected(&self, tab: Tab) -> usize {
        self.selected[tab.index()].min(self.item_count(tab).saturating_sub(1))
    }

    pub fn scroll(&self, tab: Tab) -> u16 {
        self.scroll[tab.index()]
    }

    /// The page shown on the current tab.
    pub fn current_page(&self) -> Option<&Page> {
        let i = self.selected(self.tab);
        match self.tab {
            Tab::Loop => {
                let stage = self.lib.stages().get(i)?;
                self.lib.stage_page(self.lang, &stage.id)
            }
            tab => self.list_pages(tab).get(i).copied(),
        }
    }

    /// A page rendered at a width, cached per language, page and width.
    pub fn rendered(&self, page: &Page, width: u16) -> Rc<Vec<Line<'static>>> {
        self.rendered_doc(&page.id, width, || self.lib.page_markdown(page, page.lang))
    }

    /// Markdown rendered at a width, cached under `key` per language and width; `source`
    /// makes the Markdown when it is not cached yet.
    pub fn rendered_doc(
        &self,
        key: &str,
        width: u16,
        source: impl FnOnce() -> String,
    ) -> Rc<Vec<Line<'static>>> {
        let key = (self.lang, key.to_string(), width);
        if let Some(lines) = self.cache.borrow().get(&key) {
            return lines.clone();
        }
        let lines = Rc::new(crate::markdown::render(
            &source(),
            usize::from(width),
            &self.theme.md,
        ));
        self.cache.borrow_mut().insert(key, lines.clone());
        lines
    }

    /// The largest scroll offset of the current page at the current size.
    fn max_scroll(&self) -> u16 {
        let l = self.layout();
        match self.current_page() {
            Some(page) => {
                let lines = self.rendered(page, l.page_text_width());
                let total = u16::try_from(lines.len()).unwrap_or(u16::MAX);
                total.saturating_sub(l.page_text_height())
            }
            None => 0,
        }
    }

    fn scroll_by(&mut self, delta: i32) {
        let max = i32::from(self.max_scroll());
        let i = self.tab.index();
        let now = i32::from(self.scroll[i]);
        self.scroll[i] = (now + delta).clamp(0, max) as u16;
    }

    fn select(&mut self, tab: Tab, index: usize) {
        let n = self.item_count(tab);
        if n == 0 {
            return;
        }
        let index = index.min(n - 1);
        if self.selected[tab.index()] != index {
            self.selected[tab.index()] = index;
            self.scroll[tab.index()] = 0;
        }
    }

    fn move_selection(&mut self, delta: isize, wrap: bool) {
        let n = self.item_count(self.tab);
        if n == 0 {
            return;
        }
        let cur = self.selected(self.tab) as isize;
        let next = if wrap {
            (cur + delta).rem_euclid(n as isize)
        } else {
            (cur + delta).clamp(0, n as isize - 1)
        };
        self.select(self.tab, next as usize);
    }

    fn go_tab(&mut self, tab: Tab) {
        self.tab = tab;
        if tab == Tab::Quiz && self.quiz.stats.is_none() && self.quiz.session.is_none() {
            self.quiz.refresh_stats(&self.lib);
        }
    }

    /// Whether printable keys are text for a pane (a quiz answer, the tool search) rather
    /// than commands.
    pub fn takes_text(&self) -> bool {
        !self.help_open
            && self.overlay.is_none()
            && match self.tab {
                Tab::Quiz => self.quiz.takes_text(),
                Tab::Tools => true,
                Tab::Advisor => self.advisor.import.is_some(),
                _ => false,
            }
    }

    fn update_advisor(&mut self, action: Action) -> bool {
        let lib = self.lib.clone();
        let t = i18n::text(self.lang);
        let lang = self.lang;
        let a = &mut self.advisor;
        if let Some(path) = a.import.as_mut() {
            match action {
                Action::Char(c) => path.push(c),
                Action::Backspace => {
                    path.pop();
                }
                Action::Open => a.finish_import(&lib, t),
                Action::Back => a.import = None,
                _ => return false,
            }
            return true;
        }
        match (a.focus, action) {
            (_, Action::OpenPage) => {
                self.overlay = Some(Overlay::Page {
                    id: "advisor-weights".into(),
                    scroll: 0,
                });
            }
            (_, Action::Export) => a.export(&lib, lang, t),
            (_, Action::Import) => a.open_import(),
            (Focus::Profile, Action::Up) => a.move_field(-1),
            (Focus::Profile, Action::Down) => a.move_field(1),
            (Focus::Profile, Action::Left) => a.cycle_answer(false, &lib, t),
            (Focus::Profile, Action::Right) => a.cycle_answer(true, &lib, t),
            (Focus::Profile, Action::Open) => a.focus = Focus::Suggestions,
            (Focus::Suggestions, Action::Up) => a.move_selection(-1, &lib),
            (Focus::Suggestions, Action::Down) => a.move_selection(1, &lib),
            (Focus::Suggestions, Action::PageUp) => a.move_selection(-10, &lib),
            (Focus::Suggestions, Action::PageDown) => a.move_selection(10, &lib),
            (Focus::Suggestions, Action::Left) => a.move_stage(-1, &lib),
            (Focus::Suggestions, Action::Right) => a.move_stage(1, &lib),
            (Focus::Suggestions, Action::Open) => a.toggle_pick(&lib, t),
            (Focus::Suggestions, Action::SkipStage) => a.toggle_skip(&lib, t),
            (Focus::Suggestions, Action::Back) => a.focus = Focus::Profile,
            (Focus::Suggestions, Action::Details) => {
                if let Some(id) = a.selected_tool(&lib) {
                    self.overlay = Some(Overlay::tool(&id));
                }
            }
            _ => return false,
        }
        true
    }

    /// Filter keys, shared by the Toolchain and Tools panes.
    fn update_filters(&mut self, action: Action) -> bool {
        let c = &mut self.catalog;
        match action {
            Action::FilterStage => c.cycle_stage(&self.lib),
            Action::FilterLicense => c.cycle_license(),
            Action::FilterHosting => c.cycle_hosting(),
            Action::FilterCloud => c.cycle_cloud(),
            Action::FilterClear => c.clear_filters(),
            _ => return false,
        }
        true
    }

    fn update_toolchain(&mut self, action: Action) -> bool {
        if self.update_filters(action) {
            return true;
        }
        let lib = self.lib.clone();
        let clicked = match action {
            Action::Click(x, y) => self
                .layout()
                .cell_hits
                .iter()
                .find(|(r, _, _)| r.contains(Position::new(x, y)))
                .map(|&(_, col, row)| (col, row)),
            _ => None,
        };
        let c = &mut self.catalog;
        match action {
            Action::Left => c.move_cell(&lib, -1, 0),
            Action::Right => c.move_cell(&lib, 1, 0),
            Action::Up => c.move_cell(&lib, 0, -1),
            Action::Down => c.move_cell(&lib, 0, 1),
            Action::PageUp => c.move_cell(&lib, 0, -10),
            Action::PageDown => c.move_cell(&lib, 0, 10),
            Action::Top => c.move_cell(&lib, 0, -10_000),
            Action::Bottom => c.move_cell(&lib, 0, 10_000),
            Action::Open => {
                if let Some(t) = c.toolchain_tool(&lib) {
                    self.overlay = Some(Overlay::tool(&t.id));
                }
            }
            Action::Click(..) => match clicked {
                Some(cell) if cell == (c.col, c.row) => {
                    if let Some(t) = c.toolchain_tool(&lib) {
                        self.overlay = Some(Overlay::tool(&t.id));
                    }
                }
                Some((col, row)) => {
                    c.col = col;
                    c.row = row;
                }
                None => return false,
            },
            _ => return false,
        }
        true
    }

    fn update_tools(&mut self, action: Action) -> bool {
        if self.update_filters(action) {
            return true;
        }
        let lib = self.lib.clone();
        let lang = self.lang;
        let clicked = match action {
            Action::Click(x, y) => self
                .layout()
                .result_hits
                .iter()
                .find(|(r, _)| r.contains(Position::new(x, y)))
                .map(|&(_, i)| i),
            _ => None,
        };
        let c = &mut self.catalog;
        match action {
            Action::Char(ch) => c.type_char(ch),
            Action::Backspace => c.backspace(),
            Action::Up => c.move_result(&lib, lang, -1),
            Action::Down => c.move_result(&lib, lang, 1),
            Action::PageUp => c.move_result(&lib, lang, -10),
            Action::PageDown => c.move_result(&lib, lang, 10),
            Action::Top => c.selected = 0,
            Action::Bottom => c.move_result(&lib, lang, isize::MAX / 2),
            Action::Back if !c.query.is_empty() => {
                c.query.clear();
                c.selected = 0;
            }
            Action::Open => {
                if let Some(t) = c.selected_tool(&lib, lang) {
                    self.overlay = Some(Overlay::tool(&t.id));
                }
            }
            Action::Click(..) => match clicked {
                Some(i) if i == c.selected => {
                    if let Some(t) = c.selected_tool(&lib, lang) {
                        self.overlay = Some(Overlay::tool(&t.id));
                    }
                }
                Some(i) => c.selected = i,
                None => return false,
            },
            Action::Scroll(_, _, d) => c.move_result(&lib, lang, isize::from(d)),
            _ => return false,
        }
        true
    }

    /// Quiz keys; false when the action is not the quiz's (tabs, help, quit...).
    fn update_quiz(&mut self, action: Action) -> bool {
        let t = i18n::text(self.lang);
        let q = &mut self.quiz;
        let in_session = q.view == View::Session && q.session.is_some();
        match action {
            Action::Char(c) => q.char(c, self.lang, t),
            Action::Backspace => {
                q.input.pop();
            }
            Action::Hint => q.show_hint(self.lang, t),
            Action::OpenPage => {
                let page = q
                    .session
                    .as_ref()
                    .and_then(|s| s.feedback())
                    .map(|f| f.page.clone());
                if let Some(id) = page {
                    self.overlay = Some(Overlay::Page { id, scroll: 0 });
                }
            }
            Action::Open => match q.view {
                View::Menu => q.start(&self.lib),
                View::Stats => {}
                View::Session => {
                    if q.takes_text() {
                        let input = q.input.clone();
                        q.submit(&input, self.lang);
                    } else {
                        q.next(&self.lib);
                    }
                }
            },
            Action::Back => match q.view {
                View::Session if q.session.as_ref().is_some_and(|s| !s.is_finished()) => q.end(),
                View::Session => q.next(&self.lib),
                View::Stats => q.view = View::Menu,
                View::Menu => {}
            },
            Action::Up | Action::Down if q.view == View::Menu => {
                let n = MenuItem::ALL.len();
                let d = if action == Action::Up { n - 1 } else { 1 };
                q.menu = (q.menu + d) % n;
                q.error = None;
            }
            Action::Left | Action::Right if q.view == View::Menu => {
                let n = topic_count();
                let d = if action == Action::Left { n - 1 } else { 1 };
                q.topic = (q.topic + d) % n;
                q.error = None;
            }
            Action::PageUp | Action::Up if in_session => q.scroll = q.scroll.saturating_sub(3),
            Action::PageDown | Action::Down if in_session => q.scroll = q.scroll.saturating_add(3),
            Action::Top if in_session => q.scroll = 0,
            _ => return false,
        }
        true
    }

    fn update_overlay(&mut self, action: Action) {
        let Some(o) = self.overlay.as_mut() else {
            return;
        };
        match action {
            Action::Quit => self.should_quit = true,
            Action::ToggleLang => self.lang = self.lang.toggle(),
            Action::Help => self.help_open = true,
            Action::Up | Action::Scroll(_, _, -1) => {
                let s = o.scroll_mut();
                *s = s.saturating_sub(1);
            }
            Action::Down | Action::Scroll(_, _, 1) => {
                let s = o.scroll_mut();
                *s = s.saturating_add(1);
            }
            Action::PageUp => {
                let s = o.scroll_mut();
                *s = s.saturating_sub(10);
            }
            Action::PageDown => {
                let s = o.scroll_mut();
                *s = s.saturating_add(10);
            }
            Action::Top => *o.scroll_mut() = 0,
            _ => {}
        }
        let lib = self.lib.clone();
        let lang = self.lang;
        match (self.overlay.as_mut(), action) {
            (Some(Overlay::Page { .. }), Action::Back | Action::OpenPage | Action::Click(..)) => {
                self.overlay = None;
            }
            (Some(Overlay::Tool { id, link, .. }), Action::Left | Action::Right) => {
                let n = lib
                    .catalog()
                    .get(id)
                    .map_or(0, |t| lib.tool_links(t, lang).len());
                if n > 0 {
                    let d = if action == Action::Left { n - 1 } else { 1 };
                    *link = (*link + d) % n;
                }
            }
            (
                Some(Overlay::Tool {
                    id,
                    link,
                    scroll,
                    history,
                }),
                Action::Open,
            ) => {
                let next = lib.catalog().get(id).and_then(|t| {
                    lib.tool_links(t, lang)
                        .get(*link)
                        .map(|(_, to)| to.to_string())
                });
                if let Some(next) = next {
                    history.push(std::mem::replace(id, next));
                    *link = 0;
                    *scroll = 0;
                }
            }
            (
                Some(Overlay::Tool {
                    id,
                    link,
                    scroll,
                    history,
                }),
                Action::Back,
            ) => match history.pop() {
                Some(prev) => {
                    *id = prev;
                    *link = 0;
                    *scroll = 0;
                }
                None => self.overlay = None,
            },
            (Some(Overlay::Tool { .. }), Action::Click(..)) => self.overlay = None,
            _ => {}
        }
    }

    /// Applies one action. The only place where state changes.
    pub fn update(&mut self, action: Action) {
        if let Action::Resize(w, h) = action {
            self.width = w;
            self.height = h;
            // Keep the scroll offsets valid for the new wrapping.
            let max = self.max_scroll();
            let i = self.tab.index();
            self.scroll[i] = self.scroll[i].min(max);
            return;
        }
        if self.help_open {
            match action {
                Action::Help | Action::Back => self.help_open = false,
                Action::Quit => self.should_quit = true,
                Action::Up => self.help_scroll = self.help_scroll.saturating_sub(1),
                Action::Down => self.help_scroll = self.help_scroll.saturating_add(1),
                Action::ToggleLang => self.lang = self.lang.toggle(),
                Action::Click(..) => self.help_open = false,
                _ => {}
            }
            return;
        }
        if self.overlay.is_some() {
            self.update_overlay(action);
            return;
        }
        let handled = match self.tab {
            Tab::Quiz => self.update_quiz(action),
            Tab::Toolchain => self.update_toolchain(action),
            Tab::Tools => self.update_tools(action),
            Tab::Advisor => self.update_advisor(action),
            _ => false,
        };
        if handled {
            return;
        }
        let page_step = i32::from(self.layout().page_text_height().saturating_sub(2).max(1));
        match action {
            Action::Quit => self.should_quit = true,
            Action::Help => {
                self.help_open = true;
                self.help_scroll = 0;
            }
            Action::Back => {}
            Action::NextTab => self.go_tab(Tab::ALL[(self.tab.index() + 1) % Tab::ALL.len()]),
            Action::PrevTab => {
                let n = Tab::ALL.len();
                self.go_tab(Tab::ALL[(self.tab.index() + n - 1) % n]);
            }
            Action::GoTab(i) => {
                if let Some(&t) = Tab::ALL.get(i) {
                    self.go_tab(t);
                }
            }
            Action::Up => match self.tab {
                Tab::Loop => self.move_selection(-1, true),
                _ => self.move_selection(-1, false),
            },
            Action::Down => match self.tab {
                Tab::Loop => self.move_selection(1, true),
                _ => self.move_selection(1, false),
            },
            Action::Left => match self.tab {
                Tab::Loop => self.move_selection(-1, true),
                Tab::Cicd => self.move_practice(-1),
                _ => {}
            },
            Action::Right => match self.tab {
                Tab::Loop => self.move_selection(1, true),
                Tab::Cicd => self.move_practice(1),
                _ => {}
            },
            Action::Open => {
                if self.tab == Tab::Cicd {
                    self.open_practice_page();
                }
            }
            Action::PageUp => self.scroll_by(-page_step),
            Action::PageDown => self.scroll_by(page_step),
            Action::Top => self.scroll_by(i32::MIN / 2),
            Action::Bottom => self.scroll_by(i32::MAX / 2),
            Action::ToggleLang => self.lang = self.lang.toggle(),
            Action::Click(x, y) => self.click(x, y),
            Action::Scroll(x, y, delta) => self.wheel(x, y, delta),
            Action::Search => self.go_tab(Tab::Tools),
            Action::Resize(..)
            | Action::Char(_)
            | Action::Backspace
            | Action::Hint
            | Action::OpenPage
            | Action::FilterStage
            | Action::FilterLicense
            | Action::FilterHosting
            | Action::FilterCloud
            | Action::FilterClear
            | Action::SkipStage
            | Action::Details
            | Action::Export
            | Action::Import => {}
        }
    }

    fn move_practice(&mut self, delta: isize) {
        let n = self.lib.pipeline().practices.len();
        if n > 0 {
            self.practice = (self.practice as isize + delta).rem_euclid(n as isize) as usize;
        }
    }

    /// Opens the page of the practice selected in the pipeline picture (Practices tab).
    fn open_practice_page(&mut self) {
        let Some(p) = self.lib.pipeline().practices.get(self.practice) else {
            return;
        };
        let pages = self.list_pages(Tab::Practices);
        if let Some(i) = pages.iter().position(|pg| pg.id == p.page) {
            self.go_tab(Tab::Practices);
            self.select(Tab::Practices, i);
        }
    }

    fn click(&mut self, x: u16, y: u16) {
        let l = self.layout();
        let pos = Position::new(x, y);
        if let Some((_, tab)) = l.tab_hits.iter().find(|(r, _)| r.contains(pos)) {
            self.go_tab(*tab);
            return;
        }
        if let Some(list) = l.list
            && inner(list).contains(pos)
        {
            let row = usize::from(y - inner(list).y) + l.list_offset;
            if row < self.item_count(self.tab) {
                self.select(self.tab, row);
            }
            return;
        }
        if let Some((_, i)) = l.stage_hits.iter().find(|(r, _)| r.contains(pos)) {
            self.select(Tab::Loop, *i);
            return;
        }
        if let Some((_, i)) = l.practice_hits.iter().find(|(r, _)| r.contains(pos)) {
            self.practice = *i;
        }
    }

    fn wheel(&mut self, x: u16, y: u16, delta: i16) {
        let l = self.layout();
        let pos = Position::new(x, y);
        if l.list.is_some_and(|r| r.contains(pos)) {
            self.move_selection(isize::from(delta.signum()), false);
        } else {
            self.scroll_by(i32::from(delta) * 3);
        }
    }
}

/// The inside of a bordered block.
pub fn inner(r: Rect) -> Rect {
    Rect::new(
        r.x.saturating_add(1),
        r.y.saturating_add(1),
        r.width.saturating_sub(2),
        r.height.saturating_sub(2),
    )
}
