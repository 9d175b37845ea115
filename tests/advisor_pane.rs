//! The Advisor pane driven by actions: answering the profile, picking and skipping per
//! stage, the stack on the loop, export and import through the pane; snapshots.

use std::sync::Arc;

use feoops::Library;
use feoops::advisor::stack::Pick;
use feoops::base::Lang;
use feoops::store::Store;
use feoops::tui::components::advisor::Focus;
use feoops::tui::{Action, App, Tab, Theme, screen_text};
use unicode_width::UnicodeWidthStr;

fn app(lang: Lang, dir: &std::path::Path, w: u16, h: u16) -> App {
    let lib = Arc::new(Library::embedded());
    let store = Store::open(dir).map_err(|e| e.to_string());
    let mut app = App::with_store(lib, lang, Theme::color(), store);
    app.update(Action::Resize(w, h));
    app.update(Action::GoTab(Tab::Advisor.index()));
    app
}

fn screen(app: &App) -> String {
    let s = screen_text(app);
    for l in s.lines() {
        assert!(l.width() <= usize::from(app.width), "{l}");
    }
    s
}

/// AWS, open source required, Kubernetes yes: the hand-checked profile.
fn answer_aws_oss_k8s(a: &mut App) {
    a.update(Action::Right); // cloud: any → aws
    a.update(Action::Down);
    a.update(Action::Left); // open source: any → required (the last answer)
    for _ in 0..4 {
        a.update(Action::Down);
    }
    a.update(Action::Right); // kubernetes: any → yes
}

#[test]
fn profile_answers_change_the_suggestions_and_are_saved() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(Lang::En, dir.path(), 120, 36);
    answer_aws_oss_k8s(&mut a);
    let p = a.advisor.stack.profile;
    assert_eq!(p.get(feoops::advisor::ProfileField::Cloud), "aws");
    assert_eq!(p.get(feoops::advisor::ProfileField::Oss), "required");
    assert_eq!(p.get(feoops::advisor::ProfileField::K8s), "yes");
    // Saved: a new app over the same folder reads the same profile.
    let b = app(Lang::En, dir.path(), 120, 36);
    assert_eq!(b.advisor.stack.profile, p);
    // Deploy suggestions: Argo CD or Flux near the top, nothing proprietary.
    a.update(Action::Open);
    assert_eq!(a.advisor.focus, Focus::Suggestions);
    while a.advisor.stage_id(&a.lib) != Some("deploy") {
        a.update(Action::Right);
    }
    let (suggested, excluded) = a.advisor.ranked(&a.lib);
    let top: Vec<&str> = suggested.iter().take(4).map(|s| s.id.as_str()).collect();
    assert!(top.contains(&"argo-cd") || top.contains(&"flux"), "{top:?}");
    // Nothing proprietary but the chosen cloud's own services (AWS CodeDeploy).
    assert!(suggested.iter().all(|s| {
        let t = a.lib.catalog().get(&s.id).unwrap();
        t.license_class != Some(feoops::catalog::LicenseClass::Proprietary)
            || t.clouds == [feoops::catalog::Cloud::Aws]
    }));
    assert!(
        !excluded.is_empty(),
        "proprietary tools are left out, with reasons"
    );
    let s = screen(&a);
    assert!(s.contains("Suggestions for ◀ Deploy ▶"), "{s}");
    assert!(s.contains("Left out"), "{s}");
}

#[test]
fn picks_and_skips_build_the_stack_shown_on_the_loop() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(Lang::En, dir.path(), 120, 36);
    a.update(Action::Open); // to the suggestions, stage Plan
    a.update(Action::Open); // pick the first suggestion
    let plan_pick = a.advisor.selected_tool(&a.lib).unwrap();
    assert_eq!(
        a.advisor.stack.pick("plan"),
        Some(&Pick::Tool(plan_pick.clone()))
    );
    a.update(Action::Right);
    a.update(Action::SkipStage);
    assert_eq!(a.advisor.stack.pick("code"), Some(&Pick::Skip));
    let s = screen(&a);
    assert!(s.contains("1 picked · 1 skipped · 6 open"), "{s}");
    // Enter again on the picked tool takes it back.
    a.update(Action::Left);
    a.update(Action::Open);
    assert_eq!(a.advisor.stack.pick("plan"), None);
    a.update(Action::Open);
    // The loop shows the picks under the stage names.
    a.update(Action::GoTab(Tab::Loop.index()));
    let name = a.lib.catalog().get(&plan_pick).unwrap().name.clone();
    let loop_screen = screen(&a);
    let short: String = name.chars().take(5).collect();
    assert!(loop_screen.contains(&short), "{loop_screen}");
    assert!(loop_screen.contains("skip"), "{loop_screen}");
    // The page that explains the weights opens over the pane.
    a.update(Action::GoTab(Tab::Advisor.index()));
    a.update(Action::OpenPage);
    assert!(
        matches!(&a.overlay, Some(feoops::tui::Overlay::Page { id, .. }) if id == "advisor-weights")
    );
    assert!(screen(&a).contains("How the Stack Advisor Ranks Tools"));
    a.update(Action::Back);
    // Details of a suggestion open over the pane.
    a.update(Action::GoTab(Tab::Advisor.index()));
    a.update(Action::Details);
    assert!(matches!(a.overlay, Some(feoops::tui::Overlay::Tool { .. })));
}

#[test]
fn a_missing_requirement_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(Lang::En, dir.path(), 120, 36);
    a.advisor.stack.set("deploy", Pick::Tool("argo-cd".into()));
    a.advisor.update_for_tests();
    let s = screen(&a);
    assert!(
        s.contains("Kubernetes"),
        "the stack lacks what Argo CD needs:\n{s}"
    );
}

#[test]
fn export_then_import_through_the_pane() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(Lang::Ko, dir.path(), 120, 36);
    a.update(Action::Open);
    a.update(Action::Open);
    let before = a.advisor.stack.clone();
    a.update(Action::Export);
    assert!(dir.path().join("toolchain.md").exists());
    assert!(dir.path().join("toolchain.toml").exists());
    let md = std::fs::read_to_string(dir.path().join("toolchain.md")).unwrap();
    assert!(
        md.contains("계획"),
        "the Markdown is in the pane's language"
    );
    // Change the stack, then import the export back.
    a.update(Action::Open);
    assert_ne!(a.advisor.stack, before);
    a.update(Action::Import);
    assert!(a.takes_text(), "the import prompt takes the path");
    a.update(Action::Open);
    assert_eq!(a.advisor.stack, before);
    // A file that does not exist is an error message, not a crash.
    a.update(Action::Import);
    for _ in 0..200 {
        a.update(Action::Backspace);
    }
    for c in "/no/such/file.toml".chars() {
        a.update(Action::Char(c));
    }
    a.update(Action::Open);
    assert!(a.advisor.message.as_ref().is_some_and(|(_, warn)| *warn));
    assert_eq!(a.advisor.stack, before, "a failed import changes nothing");
}

#[test]
fn advisor_pane_snapshots() {
    for lang in Lang::ALL {
        for (w, h) in [(80, 24), (120, 40)] {
            let dir = tempfile::tempdir().unwrap();
            let mut a = app(lang, dir.path(), w, h);
            answer_aws_oss_k8s(&mut a);
            a.update(Action::Open);
            a.update(Action::Open);
            insta::assert_snapshot!(format!("advisor_{lang}_{w}x{h}"), screen(&a));
        }
    }
}

#[test]
fn tools_that_only_also_cover_a_stage_come_under_their_own_heading() {
    let dir = tempfile::tempdir().unwrap();
    for lang in Lang::ALL {
        let mut a = app(lang, dir.path(), 120, 40);
        a.advisor.stack.profile.code_host = feoops::advisor::CodeHost::Github;
        a.advisor.update_for_tests();
        a.update(Action::Open);
        while a.advisor.stage_id(&a.lib) != Some("test") {
            a.update(Action::Right);
        }
        // Down to GitHub Actions, the first tool that only also covers Test.
        let (suggested, _) = a.advisor.ranked(&a.lib);
        let first_other = suggested
            .iter()
            .position(|s| a.lib.catalog().tools()[s.index].primary_stage != "test")
            .unwrap();
        assert!(first_other > 0, "the test tools come first");
        for _ in 0..first_other {
            a.update(Action::Down);
        }
        let s = screen(&a);
        let heading = match lang {
            Lang::En => "Also cover Test (made mainly for another stage):",
            Lang::Ko => "테스트 단계에도 쓰이는 도구(주로 다른 단계용):",
        };
        let lines: Vec<&str> = s.lines().collect();
        let at = lines
            .iter()
            .position(|l| l.contains(heading))
            .unwrap_or_else(|| panic!("no heading in\n{s}"));
        let name = &a.lib.catalog().tools()[suggested[first_other].index].name;
        assert!(lines[at + 1].contains(&format!("▸  {name}")), "{s}");
        // The tool just above the heading is one made for Test.
        let above = &a.lib.catalog().tools()[suggested[first_other - 1].index].name;
        assert!(lines[at - 1].contains(above.as_str()), "{s}");
    }
}
