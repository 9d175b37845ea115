//! L1: sequences of actions on the app state, no terminal.

use std::sync::Arc;

use feoops::Library;
use feoops::base::Lang;
use feoops::tui::{Action, App, Tab, Theme, screen_text};

fn app(lang: Lang) -> App {
    let lib = Arc::new(Library::embedded());
    let mut app = App::new(lib, lang, Theme::color());
    app.update(Action::Resize(100, 30));
    app
}

fn page_id(app: &App) -> String {
    app.current_page().map(|p| p.id.clone()).unwrap_or_default()
}

#[test]
fn tabs_cycle_both_ways_and_number_keys_jump() {
    let mut a = app(Lang::En);
    assert_eq!(a.tab, Tab::Overview);
    a.update(Action::NextTab);
    assert_eq!(a.tab, Tab::Loop);
    a.update(Action::PrevTab);
    a.update(Action::PrevTab);
    assert_eq!(a.tab, Tab::References);
    a.update(Action::NextTab);
    assert_eq!(a.tab, Tab::Overview);
    a.update(Action::GoTab(3));
    assert_eq!(a.tab, Tab::Cicd);
    a.update(Action::GoTab(42));
    assert_eq!(a.tab, Tab::Cicd, "a tab that does not exist is ignored");
}

#[test]
fn stages_are_selected_around_the_loop() {
    let mut a = app(Lang::En);
    a.update(Action::GoTab(1));
    assert_eq!(page_id(&a), "stage-plan");
    for _ in 0..3 {
        a.update(Action::Right);
    }
    assert_eq!(page_id(&a), "stage-test");
    a.update(Action::Down);
    assert_eq!(page_id(&a), "stage-release");
    a.update(Action::GoTab(1));
    for _ in 0..4 {
        a.update(Action::Left);
    }
    assert_eq!(page_id(&a), "stage-plan");
    a.update(Action::Left);
    assert_eq!(
        page_id(&a),
        "stage-monitor",
        "Monitor leads back to Plan, and Left from Plan to Monitor"
    );
    a.update(Action::Right);
    assert_eq!(page_id(&a), "stage-plan");
}

#[test]
fn list_selection_stops_at_the_ends() {
    let mut a = app(Lang::En);
    a.update(Action::GoTab(2));
    a.update(Action::Up);
    assert_eq!(page_id(&a), "continuous-integration");
    for _ in 0..20 {
        a.update(Action::Down);
    }
    assert_eq!(page_id(&a), "glossary");
}

#[test]
fn language_toggle_keeps_the_place() {
    let mut a = app(Lang::En);
    a.update(Action::GoTab(2));
    a.update(Action::Down);
    let id = page_id(&a);
    let en_title = a.current_page().unwrap().title.clone();
    a.update(Action::ToggleLang);
    assert_eq!(a.lang, Lang::Ko);
    assert_eq!(page_id(&a), id);
    assert_ne!(a.current_page().unwrap().title, en_title);
    assert!(screen_text(&a).contains("실천 방식"));
    a.update(Action::ToggleLang);
    assert_eq!(a.lang, Lang::En);
}

#[test]
fn help_opens_closes_and_captures_keys() {
    let mut a = app(Lang::En);
    a.update(Action::Help);
    assert!(a.help.is_some());
    let screen = screen_text(&a);
    assert!(screen.contains("Keys"));
    assert!(screen.contains("Switch language"));
    a.update(Action::NextTab);
    assert_eq!(a.tab, Tab::Overview, "keys go to the help while it is open");
    a.update(Action::Back);
    assert!(a.help.is_none());
    a.update(Action::Help);
    a.update(Action::Help);
    assert!(a.help.is_none(), "? toggles the help");
    a.update(Action::Help);
    a.update(Action::Quit);
    assert!(a.should_quit);
}

#[test]
fn resize_to_tiny_and_back() {
    let mut a = app(Lang::En);
    a.update(Action::GoTab(1));
    a.update(Action::Right);
    a.update(Action::Resize(20, 5));
    let tiny = screen_text(&a);
    assert!(tiny.contains("Enlarge"), "{tiny}");
    assert!(a.layout().too_small);
    a.update(Action::Resize(100, 30));
    assert!(!a.layout().too_small);
    assert_eq!(page_id(&a), "stage-code", "the selection survives");
    assert!(screen_text(&a).contains("Code"));
}

#[test]
fn the_page_scrolls_and_stays_in_range() {
    let mut a = app(Lang::En);
    a.update(Action::GoTab(2));
    a.update(Action::Bottom);
    let bottom = a.scroll(Tab::Practices);
    assert!(bottom > 0, "the page is longer than the screen");
    a.update(Action::PageDown);
    assert_eq!(
        a.scroll(Tab::Practices),
        bottom,
        "no scrolling past the end"
    );
    a.update(Action::PageUp);
    assert!(a.scroll(Tab::Practices) < bottom);
    a.update(Action::Top);
    assert_eq!(a.scroll(Tab::Practices), 0);
    // Growing the terminal shortens the page's scroll range.
    a.update(Action::Bottom);
    a.update(Action::Resize(200, 80));
    assert!(a.scroll(Tab::Practices) < bottom);
    // A new page starts at the top.
    a.update(Action::Bottom);
    a.update(Action::Down);
    assert_eq!(a.scroll(Tab::Practices), 0);
}

#[test]
fn mouse_clicks_hit_what_is_drawn() {
    let mut a = app(Lang::En);
    let l = a.layout();
    let (r, tab) = l.tab_hits[3];
    a.update(Action::Click(r.x + 1, r.y));
    assert_eq!(a.tab, tab);
    a.update(Action::GoTab(1));
    let l = a.layout();
    let (r, i) = l.stage_hits[5];
    a.update(Action::Click(r.x + 2, r.y + 1));
    assert_eq!(i, 5);
    assert_eq!(page_id(&a), "stage-deploy");
    a.update(Action::GoTab(0));
    let list = a.layout().list.unwrap();
    a.update(Action::Click(list.x + 2, list.y + 3));
    // The third line of the list: "start here" comes first.
    assert_eq!(page_id(&a), "devops-purpose");
    // The wheel over the page scrolls it.
    let page = a.layout().page;
    a.update(Action::Scroll(page.x + 5, page.y + 5, 1));
    assert_eq!(a.scroll(Tab::Overview), 3);
}

#[test]
fn cicd_practices_are_chosen_and_opened() {
    let mut a = app(Lang::En);
    a.update(Action::GoTab(3));
    assert_eq!(a.practice(), 0);
    a.update(Action::Right);
    assert_eq!(a.practice(), 1);
    assert!(screen_text(&a).contains("approval"));
    a.update(Action::Right);
    assert!(
        !screen_text(&a).contains("‖ approval"),
        "no approval in Continuous Deployment"
    );
    a.update(Action::Right);
    assert_eq!(a.practice(), 0, "wraps around");
    a.update(Action::Left);
    a.update(Action::Left);
    a.update(Action::Open);
    assert_eq!(a.tab, Tab::Practices);
    assert_eq!(page_id(&a), "continuous-delivery");
    // Clicking a practice selects it.
    a.update(Action::GoTab(3));
    let (r, i) = a.layout().practice_hits[2];
    a.update(Action::Click(r.x + 1, r.y));
    assert_eq!(a.practice(), i);
}
