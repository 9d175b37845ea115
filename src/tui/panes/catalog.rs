//! State of the Toolchain and Tools panes: the filters they share, the search box, the
//! selections, and the search results (cached per query, filter and language).

use std::cell::RefCell;
use std::rc::Rc;

pub use crate::catalog::present::class_label;
use crate::catalog::{Cloud, Filter, Hit, Hosting, LicenseClass, Query, Searcher, Tool};
use crate::i18n::Text;
use crate::{Library, base::Lang};

type ResultsKey = (String, Filter, Lang, usize);

#[derive(Default)]
pub struct CatalogPanes {
    /// The filters, shared by both panes.
    pub filter: Filter,
    /// The Tools pane's search text.
    pub query: String,
    /// The selected result in the Tools pane.
    pub selected: usize,
    /// The selected column (stage) and row in the Toolchain pane.
    pub col: usize,
    pub row: usize,
    results: RefCell<Option<(ResultsKey, Rc<Vec<Hit>>)>>,
}

/// Cycles an optional value through `all`: none → first → ... → last → none.
fn cycle<T: Copy + PartialEq>(cur: Option<T>, all: &[T]) -> Option<T> {
    match cur.and_then(|c| all.iter().position(|x| *x == c)) {
        None => all.first().copied(),
        Some(i) => all.get(i + 1).copied(),
    }
}

impl CatalogPanes {
    /// The results for the current query and filters (computed once per change).
    pub fn results(&self, lib: &Library, lang: Lang) -> Rc<Vec<Hit>> {
        let key = (
            self.query.clone(),
            self.filter.clone(),
            lang,
            lib.catalog().len(),
        );
        if let Some((k, hits)) = self.results.borrow().as_ref()
            && *k == key
        {
            return hits.clone();
        }
        let query = Query::new(self.query.trim()).with_filter(self.filter.clone());
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

    pub fn type_char(&mut self, c: char) {
        self.query.push(c);
        self.selected = 0;
    }

    pub fn backspace(&mut self) {
        self.query.pop();
        self.selected = 0;
    }

    pub fn cycle_stage(&mut self, lib: &Library) {
        let ids: Vec<&str> = lib.stages().iter().map(|s| s.id.as_str()).collect();
        let cur = self.filter.stage.as_deref();
        self.filter.stage = cycle(cur, &ids).map(str::to_string);
        self.after_filter();
    }

    pub fn cycle_license(&mut self) {
        self.filter.license_class = cycle(self.filter.license_class, LicenseClass::ALL);
        self.after_filter();
    }

    pub fn cycle_hosting(&mut self) {
        self.filter.hosting = cycle(self.filter.hosting, Hosting::ALL);
        self.after_filter();
    }

    pub fn cycle_cloud(&mut self) {
        let clouds: Vec<Cloud> = Cloud::ALL
            .iter()
            .copied()
            .filter(|c| *c != Cloud::Any)
            .collect();
        self.filter.cloud = cycle(self.filter.cloud, &clouds);
        self.after_filter();
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
                f.license_class.map_or(any, |c| class_label(Some(c), t))
            ),
            f.license_class.is_some(),
        ),
        (
            format!("{}: {}", t.tools.hosting, f.hosting.map_or(any, |h| h.id())),
            f.hosting.is_some(),
        ),
        (
            format!("{}: {}", t.tools.cloud, f.cloud.map_or(any, |c| c.id())),
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
            v = cycle(v, &all);
            seen.push(v);
        }
        assert_eq!(seen, [Some(1), Some(2), Some(3), None]);
    }
}
