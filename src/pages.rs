//! What a page shows: its Markdown plus the parts the app adds (a stage's tools), shared by
//! the TUI's page pane and `feoops show`, so both print exactly the same thing.

use crate::content::{Lang, Library, Page, PagePane};
use crate::i18n;
use crate::markdown::{self, MdStyles};
use ratatui::text::Line;

/// The full Markdown shown for a page.
pub fn page_markdown(_lib: &Library, page: &Page, lang: Lang) -> String {
    let mut md = page.body.trim().to_string();
    if page.pane == PagePane::Loop && page.stage.is_some() {
        let t = &i18n::text(lang).loop_;
        md.push_str(&format!(
            "\n\n## {}\n\n{}\n",
            t.tools_heading, t.tools_pending
        ));
    }
    md
}

/// A page rendered at a width, as the TUI and `feoops show` display it.
pub fn render_page(
    lib: &Library,
    page: &Page,
    width: usize,
    styles: &MdStyles,
) -> Vec<Line<'static>> {
    markdown::render(&page_markdown(lib, page, page.lang), width, styles)
}
