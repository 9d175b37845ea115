//! L2: every pane drawn into a test backend at 80x24 and 120x40, in English and Korean.

use std::sync::Arc;

use feoops::Library;
use feoops::base::Lang;
use feoops::tui::{Action, App, Tab, Theme, screen_text};
use unicode_width::UnicodeWidthStr;

fn screen(lang: Lang, tab: Tab, w: u16, h: u16, setup: &[Action]) -> String {
    let lib = Arc::new(Library::embedded());
    let mut app = App::new(lib, lang, Theme::color());
    app.update(Action::Resize(w, h));
    app.update(Action::GoTab(tab.index()));
    for a in setup {
        app.update(*a);
    }
    let text = screen_text(&app);
    for line in text.lines() {
        assert!(
            line.width() <= usize::from(w),
            "line wider than {w}: {line}"
        );
    }
    text
}

macro_rules! pane_snapshots {
    ($($name:ident: $tab:expr, $setup:expr;)*) => {$(
        #[test]
        fn $name() {
            for lang in Lang::ALL {
                for (w, h) in [(80, 24), (120, 40)] {
                    let s = screen(lang, $tab, w, h, $setup);
                    insta::assert_snapshot!(format!("{}_{}_{}x{}", stringify!($name), lang, w, h), s);
                }
            }
        }
    )*};
}

pane_snapshots! {
    overview: Tab::Overview, &[];
    loop_pane: Tab::Loop, &[Action::Right, Action::Right];
    practices: Tab::Practices, &[Action::Down];
    cicd_delivery: Tab::Cicd, &[Action::Right];
    references: Tab::References, &[];
    toolchain: Tab::Toolchain, &[Action::Right, Action::Down];
    tools_search: Tab::Tools, &[Action::Char('k'), Action::Char('u'), Action::Char('b'), Action::Char('e')];
}

#[test]
fn cicd_each_practice_at_120() {
    for lang in Lang::ALL {
        for (i, name) in ["ci", "delivery", "deployment"].iter().enumerate() {
            let setup = vec![Action::Right; i];
            let s = screen(lang, Tab::Cicd, 120, 40, &setup);
            let pipeline: String = s.lines().take(12).collect::<Vec<_>>().join("\n");
            insta::assert_snapshot!(format!("cicd_pipeline_{name}_{lang}"), pipeline);
        }
    }
}

#[test]
fn help_overlay() {
    for lang in Lang::ALL {
        let s = screen(lang, Tab::Overview, 80, 24, &[Action::Help]);
        insta::assert_snapshot!(format!("help_{lang}"), s);
    }
}

#[test]
fn too_small_message() {
    for lang in Lang::ALL {
        let s = screen(lang, Tab::Overview, 30, 8, &[]);
        insta::assert_snapshot!(format!("too_small_{lang}"), s);
    }
}

#[test]
fn narrow_loop_uses_the_stage_strip() {
    let s = screen(Lang::En, Tab::Loop, 60, 20, &[Action::Right]);
    assert!(s.contains("Plan › Code") || s.contains("◀"), "{s}");
    insta::assert_snapshot!("loop_strip_en_60x20", s);
}

#[test]
fn every_size_draws_without_overflow() {
    // Any size works: from 1x1 up, every line fits and nothing panics.
    for lang in Lang::ALL {
        for tab in Tab::ALL {
            for (w, h) in [
                (1, 1),
                (10, 3),
                (39, 11),
                (40, 12),
                (45, 14),
                (64, 18),
                (100, 30),
                (200, 60),
            ] {
                screen(lang, tab, w, h, &[Action::Help, Action::Back]);
            }
        }
    }
}

#[test]
fn no_color_theme_draws_no_colours() {
    let lib = Arc::new(Library::embedded());
    let mut app = App::new(lib, Lang::En, Theme::mono());
    app.update(Action::Resize(100, 30));
    for tab in Tab::ALL {
        app.update(Action::GoTab(tab.index()));
        let buf = feoops::tui::render_buffer(&app);
        for cell in buf.content() {
            assert_eq!(cell.fg, ratatui::style::Color::Reset, "{tab:?}: {:?}", cell);
            assert_eq!(cell.bg, ratatui::style::Color::Reset, "{tab:?}: {:?}", cell);
        }
    }
}
