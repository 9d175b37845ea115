//! The app: which tab is shown, what is open over it, and the one place of change,
//! `App::update(Action)`. It routes each action to whatever has the focus (the palette,
//! the help, an overlay, the tab's component) and applies the effect that comes back; the
//! panes' own logic lives in their components.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;

use ratatui::layout::{Position, Rect};
use ratatui::text::Line;

use super::action::{Action, Effect};
use super::components::advisor::AdvisorPane;
use super::components::catalog::CatalogPanes;
use super::components::help::Help;
use super::components::overlay::Overlay;
use super::components::pages::{self, PagesCx, PagesPane};
use super::components::palette::Palette;
use super::components::quiz::QuizPane;
use super::keymap::Keymap;
use super::layout::{self, Layout};
use super::registry::{Command, Mode};
use super::theme::Theme;
use crate::base::Lang;
use crate::i18n::{self, Text};
use crate::library::Library;
use crate::pages::{Page, PagePane};
use crate::store::Store;

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

    /// The tab's stable name (the data folder remembers the last tab by it).
    pub fn id(self) -> &'static str {
        match self {
            Tab::Overview => "overview",
            Tab::Loop => "loop",
            Tab::Practices => "practices",
            Tab::Cicd => "cicd",
            Tab::Toolchain => "toolchain",
            Tab::Tools => "tools",
            Tab::Advisor => "advisor",
            Tab::Quiz => "quiz",
            Tab::References => "references",
        }
    }

    pub fn from_id(id: &str) -> Option<Tab> {
        Tab::ALL.into_iter().find(|t| t.id() == id)
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

/// Every command a tab's component can answer, whatever its state (for the README).
pub fn tab_commands_all(tab: Tab) -> Vec<Command> {
    let mut v = match tab {
        Tab::Toolchain => super::components::catalog::all_commands(false),
        Tab::Tools => super::components::catalog::all_commands(true),
        Tab::Advisor => super::components::advisor::all_commands(),
        Tab::Quiz => super::components::quiz::all_commands(),
        Tab::Cicd => {
            let mut v = pages::commands(Tab::Cicd);
            v.push(super::components::repo::SHOW);
            v.extend(super::components::repo::COMMANDS);
            v
        }
        tab => pages::commands(tab),
    };
    // One row per action and label.
    let mut seen = Vec::new();
    v.retain(|c| {
        let key = (c.action, c.label);
        let new = !seen.contains(&key);
        seen.push(key);
        new
    });
    v
}

type CacheKey = (Lang, String, u16);

/// Rendered documents kept at most: a resize storm through many widths cannot grow it
/// without bound.
const CACHE_MAX: usize = 256;

pub struct App {
    pub lib: Arc<Library>,
    pub lang: Lang,
    pub tab: Tab,
    pub width: u16,
    pub height: u16,
    pub should_quit: bool,
    pub theme: Theme,
    pub keymap: Keymap,
    /// How many problems the content folder had (shown in the key bar).
    pub content_problems: usize,
    pub pages: PagesPane,
    pub quiz: QuizPane,
    pub catalog: CatalogPanes,
    pub advisor: AdvisorPane,
    pub overlay: Option<Overlay>,
    /// The repository's own pipeline, when feoops started in one with CI files.
    pub repo: Option<super::components::repo::RepoPane>,
    pub help: Option<Help>,
    pub palette: Option<Palette>,
    /// The last status message, and whether it is a warning (cleared by the next key).
    pub status: Option<(String, bool)>,
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
            width: 80,
            height: 24,
            should_quit: false,
            theme,
            keymap: Keymap::default(),
            content_problems: 0,
            pages: PagesPane::default(),
            quiz: QuizPane::new(store),
            catalog: CatalogPanes::default(),
            overlay: None,
            repo: None,
            help: None,
            palette: None,
            status: None,
            cache: RefCell::new(HashMap::new()),
        }
    }

    pub fn text(&self) -> &'static Text {
        i18n::text(self.lang)
    }

    /// The layout for the app's own idea of the terminal size (for mouse handling).
    pub fn layout(&self) -> Layout {
        layout::compute(self, Rect::new(0, 0, self.width, self.height))
    }

    /// How keys are read now.
    pub fn mode(&self) -> Mode {
        if layout::too_small(self.width, self.height) {
            return Mode::TooSmall;
        }
        if self.palette.is_some() {
            return Mode::Palette;
        }
        if self.help.is_some() {
            return Mode::Help;
        }
        if self.overlay.is_some() {
            return Mode::Normal;
        }
        match self.tab {
            Tab::Tools if self.catalog.search.focused => Mode::Search,
            Tab::Advisor if self.advisor.import.is_some() => Mode::Input,
            Tab::Quiz => self.quiz.key_mode(),
            _ => Mode::Normal,
        }
    }

    /// Whether printable keys are text now (kept for the event loop and tests).
    pub fn takes_text(&self) -> bool {
        self.mode().takes_text()
    }

    /// The commands of what has the focus (the help's first section and the key bar).
    pub fn context_commands(&self) -> Vec<Command> {
        if let Some(o) = &self.overlay {
            return o.commands();
        }
        match self.tab {
            Tab::Toolchain => self.catalog.toolchain_commands(),
            Tab::Tools => self.catalog.tools_commands(),
            Tab::Advisor => self.advisor.commands(),
            Tab::Quiz if self.quiz.confirm_end => super::components::quiz::CONFIRM.to_vec(),
            Tab::Quiz => self.quiz.commands(),
            Tab::Cicd if self.repo_shown() => super::components::repo::COMMANDS.to_vec(),
            Tab::Cicd if self.repo.is_some() => {
                let mut v = vec![super::components::repo::SHOW];
                v.extend(pages::commands(Tab::Cicd));
                v
            }
            tab => pages::commands(tab),
        }
    }

    /// Whether the CI/CD tab shows the repository's own pipeline.
    pub fn repo_shown(&self) -> bool {
        self.repo.as_ref().is_some_and(|r| r.shown)
    }

    /// The title of the help's first section: the overlay or the tab.
    pub fn context_title(&self) -> String {
        let t = self.text();
        match &self.overlay {
            Some(o) => t.command(o.title_key()).to_string(),
            None => self.tab.label(t).to_string(),
        }
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
        self.pages.selected(tab, self.item_count(tab))
    }

    pub fn scroll(&self, tab: Tab) -> u16 {
        self.pages.scroll[tab.index()]
    }

    /// The practice selected in the CI/CD picture.
    pub fn practice(&self) -> usize {
        self.pages.practice
    }

    /// The page shown on a page tab.
    pub fn page_of(&self, tab: Tab) -> Option<&Page> {
        let i = self.selected(tab);
        match tab {
            Tab::Loop => {
                let stage = self.lib.stages().get(i)?;
                self.lib.stage_page(self.lang, &stage.id)
            }
            tab => self.list_pages(tab).get(i).copied(),
        }
    }

    /// The page shown on the current tab.
    pub fn current_page(&self) -> Option<&Page> {
        self.page_of(self.tab)
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
        let mut cache = self.cache.borrow_mut();
        if cache.len() >= CACHE_MAX {
            cache.clear();
        }
        cache.insert(key, lines.clone());
        lines
    }

    /// How many documents are cached (tests keep it bounded).
    pub fn cached_docs(&self) -> usize {
        self.cache.borrow().len()
    }

    /// The largest scroll offset of the current page at the current size.
    fn max_scroll(&self, l: &Layout) -> u16 {
        match self.current_page() {
            Some(page) => {
                let lines = self.rendered(page, l.page_text_width());
                let total = u16::try_from(lines.len()).unwrap_or(u16::MAX);
                total.saturating_sub(l.page_text_height())
            }
            None => 0,
        }
    }

    pub fn go_tab(&mut self, tab: Tab) {
        // An input keeps its text but not the focus when its tab is left.
        self.catalog.search.focused = false;
        self.tab = tab;
        if tab == Tab::Quiz && self.quiz.stats.is_none() && self.quiz.session.is_none() {
            self.quiz.refresh_stats(&self.lib);
        }
    }

    /// Whether work runs in the background (the event loop then wakes up to collect it).
    pub fn busy(&self) -> bool {
        self.quiz.fitting()
    }

    /// Collects background work that has finished; true when the screen changed.
    pub fn tick(&mut self) -> bool {
        self.quiz.poll_fit()
    }

    /// Applies one action. The only place where state changes.
    pub fn update(&mut self, action: Action) {
        if let Action::Resize(w, h) = action {
            self.width = w;
            self.height = h;
            // Keep the scroll offsets valid for the new wrapping.
            let l = self.layout();
            let max = self.max_scroll(&l);
            self.pages.clamp_scroll(self.tab, max);
            return;
        }
        if self.mode() == Mode::TooSmall {
            // Only quitting (and resizing) acts behind the "enlarge" message.
            if action == Action::Quit {
                self.should_quit = true;
            }
            return;
        }
        self.status = None;
        let effect = self.route(action);
        self.apply(effect, action);
    }

    /// Gives the action to whatever has the focus.
    fn route(&mut self, action: Action) -> Effect {
        let lib = self.lib.clone();
        let lang = self.lang;
        let t = i18n::text(lang);
        if let Some(p) = self.palette.as_mut() {
            let mut close = false;
            let e = p.update(action, &lib, lang, &mut close);
            if close {
                self.palette = None;
            }
            return e;
        }
        if let Some(h) = self.help.as_mut() {
            let mut close = false;
            let e = h.update(action, &mut close);
            if close {
                self.help = None;
            }
            return e;
        }
        if let Some(o) = self.overlay.as_mut() {
            let mut close = false;
            let e = o.update(action, &lib, lang, &mut close);
            if close {
                self.overlay = None;
            }
            return e;
        }
        match self.tab {
            Tab::Quiz => self.quiz.update(action, &lib, lang, t),
            Tab::Toolchain => {
                let l = self.layout();
                self.catalog.update_toolchain(action, &lib, &l)
            }
            Tab::Tools => {
                let l = self.layout();
                self.catalog.update_tools(action, &lib, lang, &l)
            }
            Tab::Advisor => self.advisor.update(action, &lib, lang, t),
            Tab::Cicd if self.repo_shown() => match self.repo.as_mut() {
                Some(r) => r.update(action, &lib, lang),
                None => Effect::Unhandled,
            },
            Tab::Cicd if action == Action::Details && self.repo.is_some() => {
                if let Some(r) = self.repo.as_mut() {
                    r.shown = true;
                }
                Effect::None
            }
            tab => {
                let l = self.layout();
                let cx = PagesCx {
                    tab,
                    items: self.item_count(tab),
                    max_scroll: self.max_scroll(&l),
                    page_step: i32::from(l.page_text_height().saturating_sub(2).max(1)),
                    practice_pages: lib
                        .pipeline()
                        .practices
                        .iter()
                        .map(|p| p.page.clone())
                        .collect(),
                    layout: &l,
                };
                self.pages.update(action, &cx)
            }
        }
    }

    /// Carries out what a component asked for; an unhandled action gets its global meaning.
    fn apply(&mut self, effect: Effect, action: Action) {
        match effect {
            Effect::None => {}
            Effect::Unhandled => self.global(action),
            Effect::GoTab(tab) => self.go_tab(tab),
            Effect::OpenTool(id) => self.overlay = Some(Overlay::tool(&id)),
            Effect::OpenPage(id) => self.overlay = Some(Overlay::page(&id)),
            Effect::OpenDoc(key, md) => self.overlay = Some(Overlay::Doc { key, md, scroll: 0 }),
            Effect::ShowPage(id) => self.show_page(&id),
            Effect::ShowAt(id, text) => {
                self.show_page(&id);
                self.scroll_to(&text);
            }
            Effect::StartQuiz(mode, topic) => {
                self.go_tab(Tab::Quiz);
                let lib = self.lib.clone();
                self.quiz.start_mode(&lib, mode, topic, None);
            }
            Effect::QuizStats => {
                self.go_tab(Tab::Quiz);
                let lib = self.lib.clone();
                self.quiz.refresh_stats(&lib);
                self.quiz.view = super::components::quiz::View::Stats;
            }
            Effect::Status(msg, warn) => self.status = Some((msg, warn)),
            Effect::Run(a) => self.update(a),
            Effect::Quit => self.should_quit = true,
        }
    }

    /// Shows a page in its own tab (selected), or over the current pane when it has none.
    pub fn show_page(&mut self, id: &str) {
        for tab in Tab::ALL {
            let index = match tab {
                Tab::Loop => self.lib.stages().iter().position(|s| {
                    self.lib
                        .stage_page(self.lang, &s.id)
                        .is_some_and(|p| p.id == id)
                }),
                _ => self.list_pages(tab).iter().position(|p| p.id == id),
            };
            if let Some(i) = index {
                let n = self.item_count(tab);
                self.go_tab(tab);
                self.pages.select(tab, i, n);
                self.overlay = None;
                return;
            }
        }
        self.overlay = Some(Overlay::page(id));
    }

    /// Scrolls the current page to the first line that holds `text` (a heading or term).
    fn scroll_to(&mut self, text: &str) {
        let l = self.layout();
        let Some(page) = self.current_page() else {
            return;
        };
        let lines = self.rendered(page, l.page_text_width());
        let plain = |line: &Line| {
            line.spans
                .iter()
                .map(|s| s.content.as_ref())
                .collect::<String>()
        };
        if let Some(i) = lines.iter().position(|line| plain(line).contains(text)) {
            let max = self.max_scroll(&l);
            let i = u16::try_from(i).unwrap_or(u16::MAX).min(max);
            self.pages.scroll[self.tab.index()] = i;
        }
    }

    /// The actions that mean the same on every tab.
    fn global(&mut self, action: Action) {
        match action {
            Action::Quit => self.should_quit = true,
            Action::Help => self.help = Some(Help::new(self)),
            Action::Palette => self.palette = Some(Palette::new()),
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
            Action::ToggleLang => self.lang = self.lang.toggle(),
            Action::Search => {
                // Views without a search of their own send `/` to the tool search.
                self.go_tab(Tab::Tools);
                self.catalog.search.focus();
            }
            Action::Click(x, y) => self.click_tabs(x, y),
            _ => {}
        }
    }

    fn click_tabs(&mut self, x: u16, y: u16) {
        let l = self.layout();
        let pos = Position::new(x, y);
        if let Some((_, tab)) = l.tab_hits.iter().find(|(r, _)| r.contains(pos)) {
            self.go_tab(*tab);
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
