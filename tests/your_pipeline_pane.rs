//! "Your pipeline" on the CI/CD tab: a repository's CI files explained in the dashboard.

use std::path::Path;
use std::sync::Arc;

use feoops::base::Lang;
use feoops::library::Library;
use feoops::tui::components::repo::RepoPane;
use feoops::tui::{Action, App, Overlay, Tab, Theme, screen_text};

fn app(lang: Lang, w: u16, h: u16, fixture: &str) -> App {
    let lib = Arc::new(Library::embedded());
    let mut a = App::new(lib, lang, Theme::color());
    a.repo = RepoPane::load(&Path::new("tests/fixtures/pipelines").join(fixture));
    a.update(Action::Resize(w, h));
    a.update(Action::GoTab(Tab::Cicd.index()));
    a
}

#[test]
fn a_repository_without_ci_files_has_no_pipeline_pane() {
    assert!(RepoPane::load(Path::new("tests/fixtures/pipelines/37-empty")).is_none());
    let a = app(Lang::En, 100, 30, "37-empty");
    assert!(
        screen_text(&a).contains("Continuous"),
        "the practices' pictures show"
    );
}

#[test]
fn the_cicd_tab_shows_the_verdict_the_gate_and_opens_evidence() {
    let mut a = app(Lang::En, 120, 40, "03-gh-delivery-dispatch");
    let s = screen_text(&a);
    assert!(s.contains("Your pipeline"), "{s}");
    assert!(s.contains("Continuous Delivery"), "{s}");
    let jobs = a
        .repo
        .as_ref()
        .unwrap()
        .view(&a.lib, a.lang)
        .unwrap()
        .jobs()
        .count();
    assert!(jobs >= 2, "{jobs} jobs");
    a.update(Action::Right);
    assert_eq!(a.repo.as_ref().unwrap().job, 1);
    a.update(Action::Open);
    let Some(Overlay::Doc { md, .. }) = &a.overlay else {
        panic!("no evidence overlay: {:?}", a.overlay)
    };
    assert!(md.contains(".github/workflows/"), "{md}");
    let s = screen_text(&a);
    assert!(
        s.contains(".github/workflows/"),
        "the evidence shows file and line:\n{s}"
    );
    a.update(Action::Back);
    assert!(a.overlay.is_none());
    // `v` goes to the practices' pictures and back.
    a.update(Action::Details);
    assert!(!a.repo_shown());
    assert!(screen_text(&a).contains("Continuous Deployment"));
    a.update(Action::Details);
    assert!(a.repo_shown());
}

#[test]
fn your_pipeline_snapshots() {
    for lang in Lang::ALL {
        for (w, h) in [(80u16, 24u16), (120, 40)] {
            let a = app(lang, w, h, "02-gh-deploy-on-main");
            insta::assert_snapshot!(format!("your_pipeline_{lang}_{w}x{h}"), screen_text(&a));
        }
    }
}
