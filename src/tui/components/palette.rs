//! The command palette (`Ctrl-k` or `:`): one fuzzy box over page titles and headings,
//! glossary terms, tools, quiz topics and commands, in both languages. Enter goes there.
//! The entries are built once per language when the palette first opens; every keystroke
//! then ranks them (a few hundred short strings, well under a millisecond).

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use crate::base::Lang;
use crate::i18n::{fill, text};
use crate::library::Library;
use crate::quiz::{Mode as QuizMode, Topic};
use crate::tui::action::{Action, Effect};
use crate::tui::app::{App, Tab};
use crate::tui::input::{InputEvent, TextInput};
use crate::tui::widgets::{clear_popup, fit, panel, popup, text_area};

/// Where an entry goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Page(String),
    /// A heading (or a glossary term) of a page: the page, scrolled to the text.
    At(String, String),
    Tool(String),
    Quiz(QuizMode, Option<Topic>),
    QuizStats,
    Tab(Tab),
    Run(Action),
}

#[derive(Debug, Clone)]
pub struct Entry {
    /// The i18n key of its kind (`kind_page`, `kind_tool`...).
    pub kind: &'static str,
    pub label: String,
    /// The same entry in the other language (matched too, not shown).
    pub other: String,
    pub target: Target,
}

#[derive(Debug, Default)]
pub struct Palette {
    pub input: TextInput,
    pub selected: usize,
    /// Entries for the current query: (index into the entries, score), best first.
    hits: Vec<usize>,
    /// The query `hits` are for (None: not computed yet).
    hits_for: Option<(String, Lang)>,
}

/// The heading lines of a Markdown page (`#` to `###`), without the marks.
fn headings(body: &str) -> impl Iterator<Item = &str> {
    body.lines().filter_map(|l| {
        let t = l.trim_start();
        let rest = t.trim_start_matches('#');
        let level = t.len() - rest.len();
        ((1..=3).contains(&level) && rest.starts_with(' ')).then(|| rest.trim())
    })
}

/// The terms of a glossary page: list items that start with `**term**`.
fn terms(body: &str) -> impl Iterator<Item = &str> {
    body.lines().filter_map(|l| {
        let rest = l.trim_start().strip_prefix("- **")?;
        let end = rest.find("**")?;
        Some(rest[..end].trim())
    })
}

/// Every entry, for a language (the other language's text rides along for matching).
pub fn build(lib: &Library, lang: Lang) -> Vec<Entry> {
    let t = text(lang);
    let o = text(lang.toggle());
    let mut out = Vec::new();
    for page in lib.pages(lang) {
        let other = lib.page(lang.toggle(), &page.id);
        out.push(Entry {
            kind: "kind_page",
            label: page.title.clone(),
            other: other.map(|p| p.title.clone()).unwrap_or_default(),
            target: Target::Page(page.id.clone()),
        });
        let other_heads: Vec<&str> = other
            .map(|p| headings(&p.body).collect())
            .unwrap_or_default();
        for (i, h) in headings(&page.body).enumerate() {
            if h == page.title {
                continue;
            }
            out.push(Entry {
                kind: "kind_heading",
                label: format!("{} › {h}", page.title),
                other: other_heads
                    .get(i)
                    .map(|s| s.to_string())
                    .unwrap_or_default(),
                target: Target::At(page.id.clone(), h.to_string()),
            });
        }
        if page.id == "glossary" {
            let other_terms: Vec<&str> =
                other.map(|p| terms(&p.body).collect()).unwrap_or_default();
            for (i, term) in terms(&page.body).enumerate() {
                out.push(Entry {
                    kind: "kind_term",
                    label: term.to_string(),
                    other: other_terms
                        .get(i)
                        .map(|s| s.to_string())
                        .unwrap_or_default(),
                    target: Target::At(page.id.clone(), term.to_string()),
                });
            }
        }
    }
    for tool in lib.catalog().tools() {
        out.push(Entry {
            kind: "kind_tool",
            label: tool.name.clone(),
            other: tool.aliases.join(" "),
            target: Target::Tool(tool.id.clone()),
        });
    }
    for topic in Topic::ALL {
        out.push(Entry {
            kind: "kind_topic",
            label: fill(t.command("cmd_drill"), &[("topic", &topic.label(lang))]),
            other: fill(
                o.command("cmd_drill"),
                &[("topic", &topic.label(lang.toggle()))],
            ),
            target: Target::Quiz(QuizMode::Drill, Some(topic)),
        });
    }
    let cmds: [(&str, Target); 7] = [
        ("cmd_switch_lang", Target::Run(Action::ToggleLang)),
        ("cmd_export_stack", Target::Run(Action::Export)),
        ("cmd_import_stack", Target::Run(Action::Import)),
        ("cmd_review", Target::Quiz(QuizMode::Review, None)),
        ("cmd_exam", Target::Quiz(QuizMode::Exam, None)),
        ("cmd_stats", Target::QuizStats),
        ("cmd_clear_filters", Target::Run(Action::FilterClear)),
    ];
    for (key, target) in cmds {
        out.push(Entry {
            kind: "kind_command",
            label: t.command(key).to_string(),
            other: o.command(key).to_string(),
            target,
        });
    }
    for tab in Tab::ALL {
        out.push(Entry {
            kind: "kind_command",
            label: fill(t.command("cmd_tab"), &[("tab", &tab.label(t))]),
            other: fill(o.command("cmd_tab"), &[("tab", &tab.label(o))]),
            target: Target::Tab(tab),
        });
    }
    out
}

/// The entries of a library and language, built once (the library is shared and does not
/// change while the app runs; a different library, as in tests, gets its own).
fn entries(lib: &Library, lang: Lang) -> std::sync::Arc<Vec<Entry>> {
    type Cache = Mutex<HashMap<(usize, Lang), std::sync::Arc<Vec<Entry>>>>;
    static CACHE: OnceLock<Cache> = OnceLock::new();
    let key = (std::ptr::from_ref(lib) as usize, lang);
    let cache = CACHE.get_or_init(Default::default);
    let mut map = cache.lock().unwrap_or_else(|e| e.into_inner());
    map.entry(key)
        .or_insert_with(|| std::sync::Arc::new(build(lib, lang)))
        .clone()
}

/// Ranks the entries for a query: the best score over the label and the other language's
/// text; ties keep the entries' order (pages, headings, terms, tools, topics, commands).
pub fn rank(entries: &[Entry], query: &str, limit: usize) -> Vec<usize> {
    let q = query.trim();
    if q.is_empty() {
        return (0..entries.len().min(limit)).collect();
    }
    let m = SkimMatcherV2::default().ignore_case();
    let ql = q.to_lowercase();
    // Exact names first, then names that start with the query, then a word that does,
    // then fuzzy matches; among those, the better fuzzy score and the shorter label.
    let tier = |text: &str| -> i64 {
        let t = text.to_lowercase();
        if t == ql {
            3
        } else if t.starts_with(&ql) {
            2
        } else if t
            .split([' ', '-', '›', '/', '('])
            .any(|w| w.starts_with(&ql))
        {
            1
        } else {
            0
        }
    };
    let mut scored: Vec<(i64, usize)> = entries
        .iter()
        .enumerate()
        .filter_map(|(i, e)| {
            let a = m.fuzzy_match(&e.label, q).map(|s| (tier(&e.label), s));
            let b = if e.other.is_empty() {
                None
            } else {
                m.fuzzy_match(&e.other, q).map(|s| (tier(&e.other), s))
            };
            let (tier, s) = a.max(b)?;
            let short = e.label.len().min(200) as i64 / 8;
            Some((tier * 1_000_000 + s * 4 - short, i))
        })
        .collect();
    scored.sort_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)));
    scored.truncate(limit);
    scored.into_iter().map(|(_, i)| i).collect()
}

const LIMIT: usize = 200;

impl Palette {
    pub fn new() -> Palette {
        let mut p = Palette::default();
        p.input.focus();
        p
    }

    /// The entries shown for the current query.
    pub fn results(&mut self, lib: &Library, lang: Lang) -> (std::sync::Arc<Vec<Entry>>, &[usize]) {
        let all = entries(lib, lang);
        let key = (self.input.text().to_string(), lang);
        if self.hits_for.as_ref() != Some(&key) {
            self.hits = rank(&all, &key.0, LIMIT);
            self.hits_for = Some(key);
        }
        (all, &self.hits)
    }

    pub fn update(
        &mut self,
        action: Action,
        lib: &Library,
        lang: Lang,
        close: &mut bool,
    ) -> Effect {
        if !self.input.focused {
            self.input.focus();
        }
        match action {
            Action::Quit => return Effect::Quit,
            Action::Back | Action::Palette | Action::Click(..) => *close = true,
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => {
                let n = self.results(lib, lang).1.len();
                self.selected = (self.selected + 1).min(n.saturating_sub(1));
            }
            Action::Open => {
                let selected = self.selected;
                let (all, hits) = self.results(lib, lang);
                let Some(e) = hits.get(selected).and_then(|&i| all.get(i)) else {
                    return Effect::None;
                };
                *close = true;
                return match &e.target {
                    Target::Page(id) => Effect::ShowPage(id.clone()),
                    Target::At(id, text) => Effect::ShowAt(id.clone(), text.clone()),
                    Target::Tool(id) => Effect::OpenTool(id.clone()),
                    Target::Quiz(mode, topic) => Effect::StartQuiz(*mode, *topic),
                    Target::QuizStats => Effect::QuizStats,
                    Target::Tab(tab) => Effect::GoTab(*tab),
                    Target::Run(a) => Effect::Run(*a),
                };
            }
            a => {
                if self.input.handle(a) == InputEvent::Changed {
                    self.selected = 0;
                }
            }
        }
        Effect::None
    }
}

/// Draws the palette near the top of the screen.
pub fn draw(app: &App, frame: &mut Frame, p: &Palette) {
    let ui = &app.theme.ui;
    let t = app.text();
    let area = frame.area();
    let pop = popup(area);
    let w = pop.width.min(80);
    let h = pop.height.min(20);
    let r = Rect::new(area.x + (area.width - w) / 2, pop.y, w, h);
    clear_popup(frame, r);
    frame.render_widget(panel(app, t.action("palette"), true), r);
    let text = text_area(r);
    if text.height == 0 {
        return;
    }
    p.input.render(
        frame,
        Rect::new(text.x, text.y, text.width, 1),
        ": ",
        (ui.key, ui.item),
    );
    let all = entries(&app.lib, app.lang);
    // Drawing reads the ranking made by `update`; a palette drawn before any key ranks
    // the first entries in their order.
    let hits: Vec<usize> = match &p.hits_for {
        Some((q, l)) if *l == app.lang && q == p.input.text() => p.hits.clone(),
        _ => rank(&all, p.input.text(), LIMIT),
    };
    let rows = usize::from(text.height.saturating_sub(1));
    let skip = p.selected.saturating_sub(rows.saturating_sub(1));
    let width = usize::from(text.width);
    let kind_w = 8;
    let mut lines = Vec::new();
    for (n, &i) in hits.iter().enumerate().skip(skip).take(rows) {
        let e = &all[i];
        let kind = fit(t.command(e.kind), kind_w);
        let pad = " ".repeat(kind_w.saturating_sub(kind.width()) + 1);
        let st = if n == p.selected {
            ui.selected
        } else {
            ui.item
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{kind}{pad}"), ui.dim),
            Span::styled(fit(&e.label, width.saturating_sub(kind_w + 1)), st),
        ]));
    }
    if hits.is_empty() {
        lines.push(Line::from(Span::styled(
            t.tools.no_results_short.clone(),
            ui.warning,
        )));
    }
    frame.render_widget(
        Paragraph::new(lines),
        Rect::new(text.x, text.y + 1, text.width, text.height - 1),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_and_terms_are_read_from_markdown() {
        let md =
            "# Title\n\nText\n\n## What happens\n\n#### too deep\n- **Artifact**: the output\n";
        assert_eq!(headings(md).collect::<Vec<_>>(), ["Title", "What happens"]);
        assert_eq!(terms(md).collect::<Vec<_>>(), ["Artifact"]);
    }
}
