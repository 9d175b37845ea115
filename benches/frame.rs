//! Drawing a full frame of every pane at 200x60 (the page cache is warm, as it is after the
//! first frame in the app), and rendering the largest page at width 80 from an empty cache.

use std::hint::black_box;
use std::sync::Arc;

use criterion::{Criterion, criterion_group, criterion_main};
use feoops::Library;
use feoops::base::Lang;
use feoops::markdown::MdStyles;

use feoops::tui::{Action, App, Tab, Theme, draw::draw};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn frames(c: &mut Criterion) {
    let lib = Arc::new(Library::embedded());
    for lang in Lang::ALL {
        for tab in Tab::ALL {
            let mut app = App::new(lib.clone(), lang, Theme::color());
            app.update(Action::Resize(200, 60));
            app.update(Action::GoTab(tab.index()));
            let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
            terminal.draw(|f| draw(&app, f)).unwrap();
            c.bench_function(&format!("frame 200x60 {tab:?} {lang}"), |b| {
                b.iter(|| {
                    terminal.draw(|f| draw(black_box(&app), f)).unwrap();
                })
            });
        }
    }
}

fn largest_page(c: &mut Criterion) {
    let lib = Library::embedded();
    let styles = MdStyles::default();
    for lang in Lang::ALL {
        let page = lib.pages(lang).max_by_key(|p| p.body.len()).expect("pages");
        c.bench_function(
            &format!(
                "render largest page ({}, {} bytes) at 80",
                page.id,
                page.body.len()
            ),
            |b| b.iter(|| lib.render_page(black_box(page), 80, &styles)),
        );
    }
}

criterion_group!(benches, frames, largest_page);
criterion_main!(benches);
