//! The "your pipeline" widget drawn into a test backend at 80x24 and 120x40, in English
//! and Korean, from fixture repositories.

use std::path::Path;

use feoops::base::Lang;
use feoops::library::Library;
use feoops::pipeline;
use feoops::tui::widgets::your_pipeline::{PipelineView, YourPipeline, YourPipelineStyles};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use unicode_width::UnicodeWidthStr;

fn view(fixture: &str, lang: Lang) -> PipelineView {
    let lib = Library::embedded();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/pipelines")
        .join(fixture);
    let report = pipeline::explain_dir(&dir);
    let main = report.main_pipeline().unwrap();
    PipelineView::new(&report, main, lang, &|s| {
        lib.stage_name(s, lang).to_string()
    })
    .unwrap()
}

fn draw(v: &PipelineView, w: u16, h: u16, selected: Option<usize>) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    let styles = YourPipelineStyles::plain();
    t.draw(|f| f.render_widget(YourPipeline::new(v, &styles).selected(selected), f.area()))
        .unwrap();
    let buf = t.backend().buffer();
    let mut out = String::new();
    for y in 0..h {
        let mut line = String::new();
        let mut x = 0;
        while x < w {
            let sym = buf[(x, y)].symbol();
            line.push_str(sym);
            x += u16::try_from(sym.width().max(1)).unwrap();
        }
        let line = line.trim_end();
        assert!(line.width() <= usize::from(w), "wider than {w}: {line}");
        out.push_str(line);
        out.push('\n');
    }
    out
}

#[test]
fn snapshots_at_two_sizes_in_both_languages() {
    for fixture in ["27-cc-approval", "21-gl-deploy-auto", "10-gh-reusable"] {
        for lang in Lang::ALL {
            let v = view(fixture, lang);
            for (w, h) in [(80, 24), (120, 40)] {
                let s = draw(&v, w, h, Some(0));
                insta::assert_snapshot!(format!("your_pipeline_{fixture}_{lang}_{w}x{h}"), s);
            }
        }
    }
}

#[test]
fn the_manual_gate_is_marked_and_boxes_follow_the_waves() {
    let v = view("27-cc-approval", Lang::En);
    assert_eq!(v.waves.len(), 3);
    assert!(v.waves[1][0].gated);
    let s = draw(&v, 120, 40, None);
    assert!(s.contains(" ‖ "), "{s}");
    assert!(s.contains('┄'), "the approval job is a dashed box:\n{s}");
    assert!(s.contains("Verdict: Continuous Delivery"), "{s}");
    // The evidence of a step is there for the page that opens on Enter.
    let deploy = v.jobs().find(|j| j.id == "deploy").unwrap();
    assert!(
        deploy
            .steps
            .iter()
            .any(|s| s.at.starts_with(".circleci/config.yml:")
                && s.text.contains("serverless deploy"))
    );
}

#[test]
fn narrow_areas_fall_back_to_a_list() {
    let v = view("21-gl-deploy-auto", Lang::Ko);
    let s = draw(&v, 30, 20, None);
    assert!(s.contains("1. ■ build"), "{s}");
    assert!(s.contains("3. ■ deploy-prod"), "{s}");
}
