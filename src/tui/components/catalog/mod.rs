//! The Toolchain and Tools panes: the filters they share (one state, shown as chips on
//! both), the search box, the selections, and the search results (cached per query,
//! filter and language). Each pane's commands and its `update` are here; drawing is in
//! `draw.rs`, the tool detail overlay in `detail.rs`.

pub mod draw;

use std::cell::RefCell;
use std::rc::Rc;

use ratatui::layout::Position;

use crate::base::Lang;
pub use crate::catalog::present::class_label;
use crate::catalog::{Cloud, Filter, Hit, Hosting, LicenseClass, Query, Searcher, Tool};
use crate::i18n::Text;
use crate::library::Library;
use crate::tui::action::{Action, Effect};
use crate::tui::input::{InputEvent, TextInput};
use crate::tui::layout::Layout;
use crate::tui::registry::{Command, Row, always, applying};

type ResultsKey = (String, Filter, Lang, usize);

#[derive(Default)]
pub struct CatalogPanes {
    /// The filters, shared by both panes.
    pub filter: Filter,
    /// The Tools pane's search box.
    pub search: TextInput,
    /// The selected result in the Tools pane.
    pub selected: usize,
    /// The selected column (stage) and row in the Toolchain pane.
    pub col: usize,
    pub row: usize,
    results: RefCell<Option<(ResultsKey, Rc<Vec<Hit>>)>>,
}

/// Cycles an optional value through `all`: none → first → ... → last → none, or the
/// other way round.
fn cycle<T: Clone + PartialEq>(cur: Option<T>, all: &[T], forward: bool) -> Option<T> {
    let pos = cur.and_then(|c| all.iter().position(|x| *x == c));
    match (pos, forward) {
        (None, true) => all.first().cloned(),
        (None, false) => all.last().cloned(),
        (Some(i), true) => all.get(i + 1).cloned(),
        (Some(0), false) => None,
        (Some(i), false) => all.get(i - 1).cloned(),
    }
}

/// The licence filter's values: each class, then "licence not given".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LicenseChoice {
    Class(LicenseClass),
    Unknown,
}

/// Filter commands, shared by both panes.
const FILTER_ROWS: [Command; 9] = [
    Command::new(Action::FilterStage),
    Command::new(Action::FilterStageBack),
    Command::new(Action::FilterLicense).bar(),
    Command::new(Action::FilterLicenseBack),
    Command::new(Action::FilterHosting),
    Command::new(Action::FilterHostingBack),
    Command::new(Action::FilterCloud),
    Command::new(Action::FilterCloudBack),
    Command::new(Action::FilterClear).bar(),
];

fn toolchain_rows() -> Vec<Row<CatalogPanes>> {
    let mut r = vec![
        always(Command::new(Action::Open).label("open_tool").bar()),
        always(Command::new(Action::Right).label("move_cell")),
        always(Command::new(Action::Left).label("move_cell")),
        always(Command::new(Action::Down).label("move_cell")),
        always(Command::new(Action::Up).label("move_cell")),
        always(Command::new(Action::PageDown)),
        always(Command::new(Action::PageUp)),
        always(Command::new(Action::Top)),
        always(Command::new(Action::Bottom)),
        always(Command::new(Action::Search).label("search_tools")),
    ];
    r.extend(FILTER_ROWS.map(always));
    r
}

fn tools_rows() -> Vec<Row<CatalogPanes>> {
    let mut r = vec![
        always(Command::new(Action::Search).label("search_tools").bar()),
        always(Command::new(Action::Open).label("open_tool").bar()),
        always(Command::new(Action::Down).label("next_result")),
        always(Command::new(Action::Up).label("prev_result")),
        always(Command::new(Action::PageDown)),
        always(Command::new(Action::PageUp)),
        always(Command::new(Action::Top)),
        always(Command::new(Action::Bottom)),
        Row {
            cmd: Command::new(Action::Back).label("clear_search"),
            when: |c: &CatalogPanes| !c.search.is_empty(),
        },
    ];
    r.extend(FILTER_ROWS.map(always));
    r
}

/// Every command of the Toolchain or the Tools pane (for the README and the palette).
pub fn all_commands(tools: bool) -> Vec<Command> {
    let rows = if tools {
        tools_rows()
    } else {
        toolchain_rows()
    };
    crate::tui::registry::all(&rows)
}

impl CatalogPanes {
    /// The search text.
    pub fn query(&self) -> &str {
        self.search.text()
    }

    /// The commands of the Toolchain pane now.
    pub fn toolchain_commands(&self) -> Vec<Command> {
        applying(&toolchain_rows(), self)
    }

    /// The commands of the Tools pane now (the search box's own while it has the focus).
    pub fn tools_commands(&self) -> Vec<Command> {
        if self.search.focused {
            return crate::tui::registry::INPUT.to_vec();
        }
        applying(&tools_rows(), self)
    }

    /// The results for the current query and filters (computed once per change).
    pub fn results(&self, lib: &Library, lang: Lang) -> Rc<Vec<Hit>> {
        let key = (
            self.search.text().to_string(),
            self.filter.clone(),
            lang,
            lib.catalog().len(),
        );
        if let Some((k, hits)) = self.results.borrow().as_ref()
            && *k == key
        {
            return hits.clone();
        }
        let query = Query::new(self.search.text().trim()).with_filter(self.filter.clone());
        let hits = Rc::new(Searcher::new(lib.catalog()).search(&query, lang, usize::MAX));
        *self.results.borrow_mut() = Some((key, hits.clone()));
        hits
    }

    /// The tool selected in the Tools pane.
    pub fn selected_tool<'a>(&self, lib: &'a Library, lang: Lang) -> Option<&'a Tool> {
        let hits = self.results(lib, lang);
        let i = self.selected.min(hits.len().checked_sub(1)?);
        Some(hits[i].tool(lib.catalog()))
    }

    /// The Toolchain's columns: per stage, the tools whose primary stage it is and that
    /// pass the filters (the stage filter does not apply: every stage has its column).
    pub fn columns<'a>(&self, lib: &'a Library) -> Vec<Vec<&'a Tool>> {
        let filter = Filter {
            stage: None,
            ..self.filter.clone()
        };
        lib.stages()
            .iter()
            .map(|s| {
                lib.catalog()
                    .tools()
                    .iter()
                    .filter(|t| t.primary_stage == s.id && filter.matches(t))
                    .collect()
            })
            .collect()
    }

    /// The tool selected in the Toolchain pane.
    pub fn toolchain_tool<'a>(&self, lib: &'a Library) -> Option<&'a Tool> {
        let cols = self.columns(lib);
        let col = cols.get(self.col.min(cols.len().checked_sub(1)?))?;
        col.get(self.row.min(col.len().checked_sub(1)?)).copied()
    }

    pub fn cycle_stage(&mut self, lib: &Library, forward: bool) {
        let ids: Vec<String> = lib.stages().iter().map(|s| s.id.clone()).collect();
        self.filter.stage = cycle(self.filter.stage.clone(), &ids, forward);
        self.after_filter();
        // The Toolchain shows the filtered stage's column selected.
        if let Some(i) = self
            .filter
            .stage
            .as_ref()
            .and_then(|s| ids.iter().position(|x| x == s))
        {
            self.col = i;
        }
    }

    pub fn cycle_license(&mut self, forward: bool) {
        let mut all: Vec<LicenseChoice> = LicenseClass::ALL
            .iter()
            .map(|c| LicenseChoice::Class(*c))
            .collect();
        all.push(LicenseChoice::Unknown);
        let cur = match (self.filter.license_class, self.filter.license_unknown) {
            (Some(c), _) => Some(LicenseChoice::Class(c)),
            (None, true) => Some(LicenseChoice::Unknown),
            (None, false) => None,
        };
        let next = cycle(cur, &all, forward);
        self.filter.license_class = match next {
            Some(LicenseChoice::Class(c)) => Some(c),
            _ => None,
        };
        self.filter.license_unknown = next == Some(LicenseChoice::Unknown);
        self.after_filter();
    }

    pub fn cycle_hosting(&mut self, forward: bool) {
        self.filter.hosting = cycle(self.filter.hosting, Hosting::ALL, forward);
        self.after_filter();
    }

    pub fn cycle_cloud(&mut self, forward: bool) {
        let clouds: Vec<Cloud> = Cloud::ALL
            .iter()
            .copied()
            .filter(|c| *c != Cloud::Any)
            .collect();
        self.filter.cloud = cycle(self.filter.cloud, &clouds, forward);
        self.after_filter();
    }

    /// The filter actions, shared by both panes.
    fn update_filters(&mut self, action: Action, lib: &Library) -> bool {
        match action {
            Action::FilterStage => self.cycle_stage(lib, true),
            Action::FilterStageBack => self.cycle_stage(lib, false),
            Action::FilterLicense => self.cycle_license(true),
            Action::FilterLicenseBack => self.cycle_license(false),
            Action::FilterHosting => self.cycle_hosting(true),
            Action::FilterHostingBack => self.cycle_hosting(false),
            Action::FilterCloud => self.cycle_cloud(true),
            Action::FilterCloudBack => self.cycle_cloud(false),
            Action::FilterClear => self.clear_filters(),
            _ => return false,
        }
        true
    }

    /// The Toolchain pane's actions.
    pub fn update_toolchain(&mut self, action: Action, lib: &Library, l: &Layout) -> Effect {
        if self.update_filters(action, lib) {
            return Effect::None;
        }
        let open = |c: &CatalogPanes| match c.toolchain_tool(lib) {
            Some(t) => Effect::OpenTool(t.id.clone()),
            None => Effect::None,
        };
        match action {
            Action::Left => self.move_cell(lib, -1, 0),
            Action::Right => self.move_cell(lib, 1, 0),
            Action::Up => self.move_cell(lib, 0, -1),
            Action::Down => self.move_cell(lib, 0, 1),
            Action::PageUp => self.move_cell(lib, 0, -10),
            Action::PageDown => self.move_cell(lib, 0, 10),
            Action::Top => self.move_cell(lib, 0, -10_000),
            Action::Bottom => self.move_cell(lib, 0, 10_000),
            Action::Open => return open(self),
            Action::Click(x, y) => {
                let hit = l
                    .cell_hits
                    .iter()
                    .find(|(r, _, _)| r.contains(Position::new(x, y)))
                    .map(|&(_, col, row)| (col, row));
                match hit {
                    Some(cell) if cell == (self.col, self.row) => return open(self),
                    Some((col, row)) => {
                        self.col = col;
                        self.row = row;
                    }
                    None => return Effect::Unhandled,
                }
            }
            Action::Scroll(_, _, d) => self.move_cell(lib, 0, isize::from(d)),
            _ => return Effect::Unhandled,
        }
        Effect::None
    }

    /// The Tools pane's actions. While the search box has the focus it takes the text;
    /// otherwise keys are commands and `/` focuses the box.
    pub fn update_tools(
        &mut self,
        action: Action,
        lib: &Library,
        lang: Lang,
        l: &Layout,
    ) -> Effect {
        if self.search.focused {
            match self.search.handle(action) {
                InputEvent::Changed => self.selected = 0,
                InputEvent::Moved | InputEvent::Left => {}
                InputEvent::Submit => {
                    // Enter leaves the box and opens the selected tool.
                    self.search.focused = false;
                    return match self.selected_tool(lib, lang) {
                        Some(t) => Effect::OpenTool(t.id.clone()),
                        None => Effect::None,
                    };
                }
                InputEvent::Ignored => match action {
                    // The results stay reachable while typing.
                    Action::Up => self.move_result(lib, lang, -1),
                    Action::Down => self.move_result(lib, lang, 1),
                    Action::PageUp => self.move_result(lib, lang, -10),
                    Action::PageDown => self.move_result(lib, lang, 10),
                    _ => return Effect::Unhandled,
                },
            }
            return Effect::None;
        }
        if self.update_filters(action, lib) {
            return Effect::None;
        }
        let open = |c: &CatalogPanes| match c.selected_tool(lib, lang) {
            Some(t) => Effect::OpenTool(t.id.clone()),
            None => Effect::None,
        };
        match action {
            Action::Search => self.search.focus(),
            Action::Up => self.move_result(lib, lang, -1),
            Action::Down => self.move_result(lib, lang, 1),
            Action::PageUp => self.move_result(lib, lang, -10),
            Action::PageDown => self.move_result(lib, lang, 10),
            Action::Top => self.selected = 0,
            Action::Bottom => self.move_result(lib, lang, isize::MAX / 2),
            Action::Back if !self.search.is_empty() => {
                self.search.clear();
                self.selected = 0;
            }
            Action::Open => return open(self),
            Action::Click(x, y) => {
                let hit = l
                    .result_hits
                    .iter()
                    .find(|(r, _)| r.contains(Position::new(x, y)))
                    .map(|&(_, i)| i);
                match hit {
                    Some(i) if i == self.selected => return open(self),
                    Some(i) => self.selected = i,
                    None => return Effect::Unhandled,
                }
            }
            Action::Scroll(_, _, d) => self.move_result(lib, lang, isize::from(d)),
            _ => return Effect::Unhandled,
        }
        Effect::None
    }

    pub fn clear_filters(&mut self) {
        self.filter = Filter::default();
        self.after_filter();
    }

    fn after_filter(&mut self) {
        self.selected = 0;
        self.row = 0;
    }

    /// Moves the Toolchain selection by columns and rows, keeping it inside the table.
    pub fn move_cell(&mut self, lib: &Library, dcol: isize, drow: isize) {
        let cols = self.columns(lib);
        if cols.is_empty() {
            return;
        }
        let n = cols.len() as isize;
        self.col = (self.col as isize + dcol).rem_euclid(n) as usize;
        let len = cols[self.col].len();
        if dcol != 0 {
            self.row = self.row.min(len.saturating_sub(1));
        } else if len > 0 {
            self.row = (self.row as isize + drow).clamp(0, len as isize - 1) as usize;
        }
    }

    /// Moves the Tools selection, keeping it inside the results.
    pub fn move_result(&mut self, lib: &Library, lang: Lang, delta: isize) {
        let n = self.results(lib, lang).len();
        if n > 0 {
            self.selected = (self.selected as isize + delta).clamp(0, n as isize - 1) as usize;
        }
    }
}

/// A symbol per licence class, so the classes read without colour too.
pub fn class_mark(c: Option<LicenseClass>) -> &'static str {
    match c {
        Some(LicenseClass::Oss) => "●",
        Some(LicenseClass::OpenCore) => "◐",
        Some(LicenseClass::SourceAvailable) => "◌",
        Some(LicenseClass::Proprietary) => "■",
        None => "·",
    }
}

/// The active filters as `label: value` chips (every chip, `any` when unset).
pub fn chips(f: &Filter, lib: &Library, lang: Lang, t: &Text) -> Vec<(String, bool)> {
    let any = t.tools.any.as_str();
    let stage = f
        .stage
        .as_deref()
        .map(|s| lib.stage(s).map_or(s, |st| st.name.get(lang).as_str()));
    vec![
        (
            format!("{}: {}", t.tools.stage, stage.unwrap_or(any)),
            f.stage.is_some(),
        ),
        (
            format!(
                "{}: {}",
                t.tools.license,
                match (f.license_class, f.license_unknown) {
                    (Some(c), _) => class_label(Some(c), t),
                    (None, true) => class_label(None, t),
                    (None, false) => any,
                }
            ),
            f.license_class.is_some() || f.license_unknown,
        ),
        (
            format!(
                "{}: {}",
                t.tools.hosting,
                f.hosting.map_or(any, |h| t.value(Hosting::WHAT, h.id()))
            ),
            f.hosting.is_some(),
        ),
        (
            format!(
                "{}: {}",
                t.tools.cloud,
                f.cloud.map_or(any, |c| t.value(Cloud::WHAT, c.id()))
            ),
            f.cloud.is_some(),
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::cycle;

    #[test]
    fn cycling_goes_through_every_value_then_back_to_none() {
        let all = [1, 2, 3];
        let mut v = None;
        let mut seen = Vec::new();
        for _ in 0..4 {
            v = cycle(v, &all, true);
            seen.push(v);
        }
        assert_eq!(seen, [Some(1), Some(2), Some(3), None]);
        let mut back = Vec::new();
        for _ in 0..4 {
            v = cycle(v, &all, false);
            back.push(v);
        }
        assert_eq!(back, [Some(3), Some(2), Some(1), None]);
    }
}
