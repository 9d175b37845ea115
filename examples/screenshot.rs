//! Prints the dashboard as text, for the README: `cargo run --example screenshot -- [tab] [lang] [WxH]`.

use std::sync::Arc;

use feoops::Library;
use feoops::base::Lang;
use feoops::tui::{Action, App, Theme, screen_text};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let tab: usize = args.first().and_then(|a| a.parse().ok()).unwrap_or(1);
    let lang = args.get(1).and_then(|l| Lang::parse(l)).unwrap_or(Lang::En);
    let (w, h) = args
        .get(2)
        .and_then(|s| s.split_once('x'))
        .and_then(|(w, h)| Some((w.parse().ok()?, h.parse().ok()?)))
        .unwrap_or((100, 30));
    let mut app = App::new(Arc::new(Library::embedded()), lang, Theme::mono());
    app.update(Action::Resize(w, h));
    app.update(Action::GoTab(tab.saturating_sub(1)));
    for a in args.iter().skip(3) {
        match a.as_str() {
            "right" => app.update(Action::Right),
            "down" => app.update(Action::Down),
            _ => {}
        }
    }
    print!("{}", screen_text(&app));
}
