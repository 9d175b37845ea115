//! The interaction model: modes, the command registry (key bar, help, palette, README),
//! user key bindings, layout at every size and the overlays over wide characters.

use std::sync::Arc;

use feoops::base::Lang;
use feoops::library::Library;
use feoops::tui::components::palette;
use feoops::tui::config::Config;
use feoops::tui::keymap::{Key, Keymap};
use feoops::tui::registry::{self, GLOBAL};
use feoops::tui::{Action, App, Mode, Overlay, Tab, Theme, key_to_action, screen_text};
use proptest::prelude::*;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn lib() -> Arc<Library> {
    static LIB: std::sync::OnceLock<Arc<Library>> = std::sync::OnceLock::new();
    LIB.get_or_init(|| Arc::new(Library::embedded())).clone()
}

fn app(lang: Lang, w: u16, h: u16) -> App {
    let mut a = App::new(lib(), lang, Theme::color());
    a.update(Action::Resize(w, h));
    a
}

fn press(a: &mut App, code: KeyCode) {
    let ev = KeyEvent::new(code, KeyModifiers::NONE);
    if let Some(action) = key_to_action(&ev, &a.keymap.clone(), a.mode()) {
        a.update(action);
    }
}

fn keys(a: &mut App, s: &str) {
    for c in s.chars() {
        press(a, KeyCode::Char(c));
    }
}

#[test]
fn readme_key_table_is_the_registry() {
    let table = registry::readme_table(Lang::En, &Keymap::default());
    let readme = std::fs::read_to_string("README.md").unwrap();
    let (start, end) = ("<!-- keys:start -->\n", "<!-- keys:end -->");
    let a = readme.find(start).expect("README has a keys:start marker") + start.len();
    let b = readme.find(end).expect("README has a keys:end marker");
    if std::env::var_os("FEOOPS_UPDATE_README").is_some() {
        let new = format!("{}{table}{}", &readme[..a], &readme[b..]);
        std::fs::write("README.md", new).unwrap();
        return;
    }
    assert_eq!(
        &readme[a..b],
        table,
        "the README's key table differs from the registry: run \
         `FEOOPS_UPDATE_README=1 cargo test --test interaction readme` and commit README.md"
    );
}

#[test]
fn every_binding_is_a_command_somewhere_and_every_command_has_a_label() {
    let km = Keymap::default();
    let mut all: Vec<registry::Command> = GLOBAL.to_vec();
    for tab in Tab::ALL {
        all.extend(feoops::tui::app::tab_commands_all(tab));
    }
    all.extend(feoops::tui::components::overlay_commands_all());
    for b in &km.bindings {
        assert!(
            all.iter().any(|c| c.action.name() == b.action.name()),
            "`{}` is bound but no pane offers it",
            b.action.name()
        );
    }
    for lang in Lang::ALL {
        let t = feoops::i18n::text(lang);
        for c in &all {
            let label = c.text(t);
            assert!(
                !label.is_empty() && label != c.label.unwrap_or(c.action.name()),
                "{lang}: no label for {:?}",
                c
            );
        }
    }
}

/// The help and the key bar of a state show its commands with their keys.
fn assert_help_and_bar_show_the_context(a: &App, what: &str) {
    let t = a.text();
    let help = feoops::tui::components::help::Help::new(a);
    let bar = feoops::tui::draw::keybar_commands(a);
    for c in a.context_commands() {
        assert!(
            help.entries.iter().any(|e| e.command == c),
            "{what}: help misses {c:?}"
        );
        if c.bar {
            assert!(bar.contains(&c), "{what}: key bar misses {c:?}");
        }
    }
    // Wide enough, every key bar command is on screen with its key.
    let screen = screen_text(a);
    let last = screen.lines().last().unwrap_or_default().to_string();
    for c in &bar {
        let key = registry::key_label(&a.keymap, c.action).unwrap();
        // The language key is labelled with the language it switches to.
        let label = if c.action == Action::ToggleLang {
            feoops::i18n::text(a.lang.toggle()).ui.language.as_str()
        } else {
            c.bar_text(t)
        };
        assert!(
            last.contains(&format!("{key} {label}")),
            "{what}: key bar `{last}` lacks {key} {label}"
        );
    }
}

#[test]
fn help_and_key_bar_follow_the_context() {
    for lang in Lang::ALL {
        let mut a = app(lang, 220, 50);
        for tab in Tab::ALL {
            a.update(Action::GoTab(tab.index()));
            assert_help_and_bar_show_the_context(&a, &format!("{lang} {tab:?}"));
        }
        a.update(Action::GoTab(Tab::Tools.index()));
        a.update(Action::Search);
        assert_eq!(a.mode(), Mode::Search);
        assert_help_and_bar_show_the_context(&a, "search");
        a.update(Action::Back);
        a.update(Action::Open);
        assert!(matches!(a.overlay, Some(Overlay::Tool { .. })));
        assert_help_and_bar_show_the_context(&a, "tool detail");
    }
}

#[test]
fn help_lists_the_context_first_filters_and_runs_the_chosen_command() {
    let mut a = app(Lang::En, 100, 30);
    a.update(Action::GoTab(Tab::Tools.index()));
    a.update(Action::Help);
    assert_eq!(a.mode(), Mode::Help);
    let help = a.help.as_ref().unwrap();
    assert_eq!(help.entries[0].section, "Tools", "the context comes first");
    assert_eq!(help.entries.last().unwrap().section, "Everywhere");
    keys(&mut a, "licence");
    let shown: Vec<_> = a
        .help
        .as_ref()
        .unwrap()
        .shown()
        .iter()
        .map(|e| e.command.action)
        .collect();
    assert!(shown.contains(&Action::FilterLicense), "{shown:?}");
    assert!(!shown.contains(&Action::Quit), "{shown:?}");
    assert!(screen_text(&a).contains("HELP"), "the mode marker shows");
    press(&mut a, KeyCode::Enter);
    assert!(a.help.is_none());
    assert!(
        a.catalog.filter.license_class.is_some(),
        "Enter ran the chosen command"
    );
    // `?` closes the help while its filter is empty; typed text is a filter.
    a.update(Action::Help);
    keys(&mut a, "?");
    assert!(a.help.is_none());
}

#[test]
fn a_user_keymap_changes_behaviour_and_help() {
    let (cfg, problems) = Config::parse(
        "[keys]\nhelp = [\"f9\"]\nfilter_clear = [\"X\"]\n",
        std::path::Path::new("config.toml"),
    );
    assert!(problems.is_empty(), "{problems:?}");
    let mut a = app(Lang::En, 120, 30);
    a.keymap = cfg.keymap();
    press(&mut a, KeyCode::Char('?'));
    assert!(a.help.is_none(), "? is no longer help");
    press(&mut a, KeyCode::F(9));
    assert!(a.help.is_some(), "F9 is");
    let s = screen_text(&a);
    assert!(s.contains("F9"), "the help shows the user's key:\n{s}");
    a.update(Action::Back);
    a.update(Action::GoTab(Tab::Tools.index()));
    a.update(Action::FilterLicense);
    press(&mut a, KeyCode::Char('X'));
    assert!(a.catalog.filter.is_empty());
    let bar = screen_text(&a).lines().last().unwrap().to_string();
    assert!(bar.contains("X clear filters"), "{bar}");
    assert!(registry::readme_table(Lang::En, &a.keymap).contains("`X`"));
}

#[test]
fn normal_mode_keys_work_on_every_tab_and_text_goes_only_into_entered_inputs() {
    let mut a = app(Lang::En, 120, 40);
    press(&mut a, KeyCode::Char('6'));
    assert_eq!(a.tab, Tab::Tools);
    keys(&mut a, "o");
    assert!(
        a.catalog.filter.license_class.is_some(),
        "o is a filter, not text"
    );
    assert!(a.catalog.query().is_empty());
    keys(&mut a, "/7Lq");
    assert_eq!(a.catalog.query(), "7Lq", "after / the keys are text");
    assert_eq!(a.tab, Tab::Tools);
    assert!(!a.should_quit);
    press(&mut a, KeyCode::Esc);
    assert_eq!(a.catalog.query(), "7Lq", "Esc keeps the text");
    keys(&mut a, "7");
    assert_eq!(a.tab, Tab::Advisor, "and digits switch tabs again");
    keys(&mut a, "L");
    assert_eq!(a.lang, Lang::Ko);
    keys(&mut a, "q");
    assert!(a.should_quit);
}

#[test]
fn filters_cycle_both_ways_show_on_both_tabs_and_know_unknown_licences() {
    let mut a = app(Lang::En, 160, 40);
    a.update(Action::GoTab(Tab::Toolchain.index()));
    a.update(Action::FilterStageBack);
    assert_eq!(a.catalog.filter.stage.as_deref(), Some("monitor"));
    assert_eq!(a.catalog.col, 7, "the Toolchain selects the filtered stage");
    assert!(screen_text(&a).contains("[Stage: Monitor]"));
    a.update(Action::FilterStage);
    assert_eq!(a.catalog.filter.stage, None);
    for _ in 0..5 {
        a.update(Action::FilterLicense);
    }
    assert!(a.catalog.filter.license_unknown);
    assert!(screen_text(&a).contains("[Licence: licence not given]"));
    a.update(Action::GoTab(Tab::Tools.index()));
    assert!(screen_text(&a).contains("[Licence: licence not given]"));
    for h in a.catalog.results(&a.lib, a.lang).iter() {
        assert_eq!(h.tool(a.lib.catalog()).license_class, None);
    }
    a.update(Action::FilterLicense);
    assert!(a.catalog.filter.is_empty());
    a.update(Action::FilterLicenseBack);
    assert!(a.catalog.filter.license_unknown);
}

#[test]
fn the_palette_jumps_to_pages_headings_terms_tools_and_commands() {
    let mut a = app(Lang::En, 120, 40);
    press(&mut a, KeyCode::Char(':'));
    assert_eq!(a.mode(), Mode::Palette);
    keys(&mut a, "argo cd");
    press(&mut a, KeyCode::Enter);
    assert!(matches!(&a.overlay, Some(Overlay::Tool { id, .. }) if id == "argo-cd"));
    a.update(Action::Back);

    a.update(Action::Palette);
    keys(&mut a, "Blue-green deployment");
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.current_page().map(|p| p.id.as_str()), Some("glossary"));
    assert!(a.scroll(a.tab) > 0, "scrolled to the term");

    a.update(Action::Palette);
    keys(&mut a, "다른 언어로"); // the other language's label matches too
    let (all, hits) = a.palette.as_mut().unwrap().results(&a.lib, a.lang);
    let first = &all[hits[0]];
    assert_eq!(first.target, palette::Target::Run(Action::ToggleLang));
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.lang, Lang::Ko);

    a.update(Action::Palette);
    keys(&mut a, "drill ci");
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.tab, Tab::Quiz);
    assert!(a.quiz.session.is_some(), "a drill started");
}

#[test]
fn palette_ranks_titles_over_scattered_letters() {
    let entries = palette::build(&lib(), Lang::En);
    let hits = palette::rank(&entries, "glossary", 5);
    assert_eq!(
        entries[hits[0]].target,
        palette::Target::Page("glossary".into())
    );
    let hits = palette::rank(&entries, "kubernetes", 5);
    assert_eq!(entries[hits[0]].label, "Kubernetes");
    let ko = palette::build(&lib(), Lang::Ko);
    let hits = palette::rank(&ko, "용어집", 3);
    assert_eq!(ko[hits[0]].target, palette::Target::Page("glossary".into()));
}

#[test]
fn below_the_minimum_size_only_quit_and_resize_act() {
    let mut a = app(Lang::En, 39, 11);
    assert_eq!(a.mode(), Mode::TooSmall);
    for c in ['6', 'L', '?', '/'] {
        press(&mut a, KeyCode::Char(c));
    }
    assert_eq!((a.tab, a.lang), (Tab::Overview, Lang::En));
    assert!(a.help.is_none() && a.palette.is_none());
    a.update(Action::Resize(80, 24));
    assert_eq!(a.mode(), Mode::Normal);
    a.update(Action::Resize(30, 10));
    press(&mut a, KeyCode::Char('q'));
    assert!(a.should_quit);
}

/// Every row of an overlay's left and right border column holds a border glyph, and the
/// cell left of it is not a wide character reaching into it.
fn assert_borders(buf: &ratatui::buffer::Buffer, what: &str) {
    // The overlay is the widest rounded box: find its top-left corner on row 1 or 2.
    let area = buf.area;
    let mut found = None;
    for y in 1..area.height.min(4) {
        for x in 0..area.width {
            if buf[(x, y)].symbol() == "╭" {
                // The overlay's own corner is the last one drawn on the row.
                let right = (x + 1..area.width).find(|&r| buf[(r, y)].symbol() == "╮");
                if let Some(r) = right
                    && r - x > area.width / 2
                {
                    found = Some((x, r, y));
                }
            }
        }
        if found.is_some() {
            break;
        }
    }
    let Some((left, right, top)) = found else {
        panic!("{what}: no overlay found");
    };
    let bottom = (top + 1..area.height)
        .find(|&y| buf[(left, y)].symbol() == "╰")
        .unwrap_or_else(|| panic!("{what}: no bottom-left corner"));
    for y in top..=bottom {
        for x in [left, right] {
            let s = buf[(x, y)].symbol();
            assert!(
                ["╭", "╮", "╰", "╯", "│"].contains(&s),
                "{what}: row {y} column {x} holds `{s}`"
            );
        }
        if left > 0 {
            let before = buf[(left - 1, y)].symbol();
            assert!(
                unicode_width::UnicodeWidthStr::width(before) <= 1,
                "{what}: a wide `{before}` straddles the border on row {y}"
            );
        }
    }
}

#[test]
fn overlays_keep_their_borders_over_korean_text_at_odd_widths() {
    for w in [41u16, 57, 80, 121] {
        let mut a = app(Lang::Ko, w, 24);
        // A Korean page under the overlays.
        a.update(Action::GoTab(Tab::Practices.index()));
        a.update(Action::Help);
        assert_borders(&feoops::tui::render_buffer(&a), &format!("help at {w}"));
        a.update(Action::Back);
        a.update(Action::Palette);
        assert_borders(&feoops::tui::render_buffer(&a), &format!("palette at {w}"));
        a.update(Action::Back);
        a.overlay = Some(Overlay::tool("terraform"));
        assert_borders(&feoops::tui::render_buffer(&a), &format!("tool at {w}"));
        a.overlay = Some(Overlay::page("glossary"));
        assert_borders(&feoops::tui::render_buffer(&a), &format!("page at {w}"));
        if w == 57 {
            let mut s = insta::Settings::clone_current();
            s.set_snapshot_suffix(format!("ko_{w}"));
            s.bind(|| insta::assert_snapshot!("page_overlay", screen_text(&a)));
            a.overlay = Some(Overlay::tool("terraform"));
            s.bind(|| insta::assert_snapshot!("tool_overlay", screen_text(&a)));
        }
    }
}

#[test]
fn mode_markers_and_palette_snapshots() {
    for lang in Lang::ALL {
        let mut s = insta::Settings::clone_current();
        s.set_snapshot_suffix(lang.code());
        let mut a = app(lang, 80, 24);
        a.update(Action::GoTab(Tab::Tools.index()));
        a.update(Action::Search);
        keys(&mut a, "kube");
        s.bind(|| insta::assert_snapshot!("search_mode", screen_text(&a)));
        a.update(Action::Back);
        a.update(Action::Palette);
        keys(&mut a, "deploy");
        s.bind(|| insta::assert_snapshot!("palette", screen_text(&a)));
        a.update(Action::Back);
        a.update(Action::Help);
        s.bind(|| insta::assert_snapshot!("help_mode", screen_text(&a)));
        a.update(Action::Back);
        a.update(Action::GoTab(Tab::Advisor.index()));
        a.update(Action::Import);
        assert_eq!(a.mode(), Mode::Input);
        let marker = a.text().mode("input").to_string();
        assert!(screen_text(&a).lines().last().unwrap().contains(&marker));
    }
}

#[test]
fn drawing_uses_the_size_of_the_buffer_it_draws_into() {
    // The app still thinks the terminal is large while the real one has shrunk: the
    // frame is laid out for the buffer, not for the last resize event.
    for tab in Tab::ALL {
        let mut a = app(Lang::En, 200, 60);
        a.update(Action::GoTab(tab.index()));
        for (w, h) in [(300u16, 1u16), (1, 300), (41, 12), (13, 3)] {
            let backend = ratatui::backend::TestBackend::new(w, h);
            let mut term = ratatui::Terminal::new(backend).unwrap();
            term.draw(|f| feoops::tui::draw::draw(&a, f)).unwrap();
        }
    }
}

#[test]
fn the_page_cache_stays_bounded_through_a_resize_storm() {
    let mut a = app(Lang::En, 80, 24);
    a.update(Action::GoTab(Tab::Practices.index()));
    for w in 40..700u16 {
        a.update(Action::Resize(w, 30));
        let _ = screen_text(&a);
    }
    assert!(
        a.cached_docs() <= 256,
        "{} documents cached",
        a.cached_docs()
    );
}

fn any_action() -> impl Strategy<Value = Action> {
    let bindable: Vec<Action> = Action::bindable_all().collect();
    prop_oneof![
        proptest::sample::select(bindable),
        (0usize..10).prop_map(Action::GoTab),
        proptest::char::any().prop_map(Action::Char),
        Just(Action::Backspace),
        Just(Action::CursorLeft),
        (1u16..300, 1u16..100).prop_map(|(w, h)| Action::Resize(w, h)),
        (0u16..300, 0u16..100).prop_map(|(x, y)| Action::Click(x, y)),
        (0u16..300, 0u16..100, -1i16..=1).prop_map(|(x, y, d)| Action::Scroll(x, y, d)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn random_actions_at_random_sizes_never_panic_and_keep_the_tab_visible(
        lang in prop_oneof![Just(Lang::En), Just(Lang::Ko)],
        actions in proptest::collection::vec(any_action(), 1..40),
        w in 1u16..300,
        h in 1u16..100,
    ) {
        let mut a = app(lang, w, h);
        for action in actions {
            if action == Action::Quit || action == Action::Export {
                continue;
            }
            a.update(action);
            let text = screen_text(&a);
            if a.width >= 40 && a.height >= 12 {
                let t = a.text();
                let bar = text.lines().next().unwrap_or_default();
                let n = format!("{} ", a.tab.index() + 1);
                prop_assert!(
                    bar.contains(&format!("{n}{}", a.tab.label(t))) || bar.contains(&n),
                    "tab {:?} not in `{}`", a.tab, bar
                );
            }
        }
    }
}

#[test]
fn key_to_action_reads_keys_by_mode() {
    let km = Keymap::default();
    let k = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    assert_eq!(
        key_to_action(&k('7'), &km, Mode::Normal),
        Some(Action::GoTab(6))
    );
    assert_eq!(
        key_to_action(&k('7'), &km, Mode::Search),
        Some(Action::Char('7'))
    );
    assert_eq!(
        key_to_action(&k('7'), &km, Mode::Answer),
        Some(Action::Char('7'))
    );
    assert_eq!(
        key_to_action(&k(' '), &km, Mode::Answer),
        Some(Action::Open)
    );
    assert_eq!(
        key_to_action(&k('H'), &km, Mode::Answer),
        Some(Action::Hint)
    );
    assert_eq!(
        key_to_action(&k('q'), &km, Mode::TooSmall),
        Some(Action::Quit)
    );
    assert_eq!(key_to_action(&k('6'), &km, Mode::TooSmall), None);
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert_eq!(
        key_to_action(&ctrl_c, &km, Mode::Search),
        Some(Action::Quit)
    );
    assert_eq!(
        km.action_for(Key::parse("ctrl-k").unwrap()),
        Some(Action::Palette)
    );
}
