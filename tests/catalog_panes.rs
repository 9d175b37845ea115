//! The Toolchain and Tools panes driven by actions: the table, filters, search as you type,
//! highlights, the detail overlay and following its links.

use std::sync::Arc;

use feoops::base::Lang;
use feoops::catalog::LicenseClass;
use feoops::library::Library;
use feoops::tui::Overlay;
use feoops::tui::{Action, App, Tab, Theme, screen_text};
use unicode_width::UnicodeWidthStr;

fn app(lang: Lang, tab: Tab) -> App {
    let lib = Arc::new(Library::embedded());
    let mut app = App::new(lib, lang, Theme::color());
    app.update(Action::Resize(120, 36));
    app.update(Action::GoTab(tab.index()));
    app
}

fn screen(app: &App) -> String {
    let s = screen_text(app);
    for l in s.lines() {
        assert!(l.width() <= usize::from(app.width), "{l}");
    }
    s
}

/// Types into the tool search (focusing it with `/` first, as a user does).
fn typed(app: &mut App, text: &str) {
    if !app.catalog.search.focused {
        app.update(Action::Search);
    }
    for c in text.chars() {
        app.update(Action::Char(c));
    }
}

fn selected_id(app: &App) -> String {
    app.catalog
        .selected_tool(&app.lib, app.lang)
        .map(|t| t.id.clone())
        .unwrap_or_default()
}

#[test]
fn toolchain_has_a_column_per_stage_with_every_tool_once() {
    let a = app(Lang::En, Tab::Toolchain);
    let cols = a.catalog.columns(&a.lib);
    assert_eq!(cols.len(), 8);
    let total: usize = cols.iter().map(Vec::len).sum();
    assert_eq!(
        total,
        a.lib.catalog().len(),
        "each tool sits in its primary stage's column"
    );
    let s = screen(&a);
    for stage in [
        "Plan", "Code", "Build", "Test", "Release", "Deploy", "Operate", "Monitor",
    ] {
        assert!(s.contains(stage), "{stage} column missing");
    }
    assert!(
        s.contains("● open source") && s.contains("■ proprietary"),
        "legend"
    );
}

#[test]
fn toolchain_moves_filters_and_opens_details() {
    let mut a = app(Lang::En, Tab::Toolchain);
    a.update(Action::Right);
    a.update(Action::Down);
    a.update(Action::Down);
    assert_eq!((a.catalog.col, a.catalog.row), (1, 2));
    let tool = a.catalog.toolchain_tool(&a.lib).unwrap().id.clone();
    // Licence filter: open source only.
    a.update(Action::FilterLicense);
    assert_eq!(a.catalog.filter.license_class, Some(LicenseClass::Oss));
    assert!(screen(&a).contains("[Licence: open source]"));
    for col in a.catalog.columns(&a.lib) {
        assert!(
            col.iter()
                .all(|t| t.license_class == Some(LicenseClass::Oss))
        );
    }
    a.update(Action::FilterClear);
    assert!(a.catalog.filter.is_empty());
    // Left from the first column wraps to the last.
    a.update(Action::Left);
    a.update(Action::Left);
    assert_eq!(a.catalog.col, 7);
    a.update(Action::Right);
    a.update(Action::Right);
    a.update(Action::Down);
    a.update(Action::Down);
    assert_eq!(a.catalog.toolchain_tool(&a.lib).unwrap().id, tool);
    a.update(Action::Open);
    assert!(matches!(&a.overlay, Some(Overlay::Tool { id, .. }) if *id == tool));
    a.update(Action::Back);
    assert!(a.overlay.is_none());
}

#[test]
fn toolchain_cells_can_be_clicked() {
    let mut a = app(Lang::En, Tab::Toolchain);
    let (r, col, row) = a.layout().cell_hits[40];
    a.update(Action::Click(r.x + 1, r.y));
    assert_eq!((a.catalog.col, a.catalog.row), (col, row));
    a.update(Action::Click(r.x + 1, r.y));
    assert!(a.overlay.is_some(), "a second click opens the detail");
}

#[test]
fn search_as_you_type_ranks_names_and_aliases() {
    let mut a = app(Lang::En, Tab::Tools);
    assert!(
        !a.takes_text(),
        "keys are commands until / focuses the search"
    );
    typed(&mut a, "k8s");
    assert!(a.takes_text(), "the focused search box takes letters");
    assert_eq!(selected_id(&a), "kubernetes");
    for _ in 0..3 {
        a.update(Action::Backspace);
    }
    typed(&mut a, "jenkis");
    assert_eq!(selected_id(&a), "jenkins", "a typo still finds it");
    a.update(Action::Back);
    assert_eq!(
        a.catalog.query(),
        "jenkis",
        "Esc leaves the box and keeps the text"
    );
    assert!(!a.takes_text());
    a.update(Action::Back);
    assert!(
        a.catalog.query().is_empty(),
        "a second Esc clears the search"
    );
    typed(&mut a, "테라폼");
    assert_eq!(selected_id(&a), "terraform");
    let s = screen(&a);
    assert!(s.contains("Terraform"));
}

#[test]
fn matched_characters_are_highlighted_by_char_index() {
    let mut a = app(Lang::Ko, Tab::Tools);
    typed(&mut a, "prom");
    let hits = a.catalog.results(&a.lib, a.lang);
    let first = &hits[0];
    assert_eq!(first.tool(a.lib.catalog()).id, "prometheus");
    assert_eq!(first.name_highlight, vec![0, 1, 2, 3]);
    // The highlighted cells on screen are exactly "Prom".
    let buf = feoops::tui::render_buffer(&a);
    let row = a.layout().result_hits[0].0.y;
    let hl = a.theme.ui.highlight;
    let marked: String = (0..a.width)
        .map(|x| &buf[(x, row)])
        .filter(|c| c.modifier.contains(hl.add_modifier) && c.fg == hl.fg.unwrap_or(c.fg))
        .map(|c| c.symbol().to_string())
        .collect();
    assert_eq!(marked, "Prom");
}

#[test]
fn filters_narrow_the_results_and_show_as_chips() {
    let mut a = app(Lang::En, Tab::Tools);
    let all = a.catalog.results(&a.lib, a.lang).len();
    a.update(Action::FilterStage);
    assert_eq!(a.catalog.filter.stage.as_deref(), Some("plan"));
    let plan = a.catalog.results(&a.lib, a.lang).len();
    assert!(plan < all && plan >= 15);
    a.update(Action::FilterCloud);
    a.update(Action::FilterHosting);
    let s = screen(&a);
    assert!(
        s.contains("[Stage: Plan]")
            && s.contains("[Cloud: AWS]")
            && s.contains("[Hosting: self-hosted]"),
        "{s}"
    );
    for h in a.catalog.results(&a.lib, a.lang).iter() {
        let t = h.tool(a.lib.catalog());
        assert!(t.serves("plan"));
        assert!(t.hosting.contains(&feoops::catalog::Hosting::SelfHosted));
    }
    a.update(Action::FilterClear);
    assert_eq!(a.catalog.results(&a.lib, a.lang).len(), all);
    typed(&mut a, "zzzzqqqq");
    assert!(screen(&a).contains("No tool matches"));
}

#[test]
fn detail_links_are_followed_and_esc_goes_back() {
    let mut a = app(Lang::En, Tab::Tools);
    typed(&mut a, "argo cd");
    assert_eq!(selected_id(&a), "argo-cd");
    a.update(Action::Open);
    let s = screen(&a);
    assert!(
        s.contains("Argo CD") && s.contains("Homepage") && s.contains("Links"),
        "{s}"
    );
    a.update(Action::Right);
    a.update(Action::Open);
    let Some(Overlay::Tool { id, history, .. }) = &a.overlay else {
        panic!("no overlay")
    };
    assert_ne!(id, "argo-cd");
    assert_eq!(history, &vec!["argo-cd".to_string()]);
    a.update(Action::Back);
    assert!(matches!(&a.overlay, Some(Overlay::Tool { id, .. }) if id == "argo-cd"));
    a.update(Action::Back);
    assert!(a.overlay.is_none());
    assert_eq!(
        a.catalog.query(),
        "argo cd",
        "closing the detail keeps the search"
    );
}

#[test]
fn slash_jumps_to_the_search() {
    let mut a = app(Lang::En, Tab::Overview);
    a.update(Action::Search);
    assert_eq!(a.tab, Tab::Tools);
}

#[test]
fn stage_pages_list_their_tools() {
    let lib = Library::embedded();
    let page = lib.stage_page(Lang::En, "deploy").unwrap();
    let md = lib.page_markdown(page, Lang::En);
    assert!(md.contains("## Tools for this stage"));
    assert!(md.contains("**Argo CD**"));
    assert!(md.contains("Also used at this stage"));
}
