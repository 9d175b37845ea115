//! "Your pipeline" on the CI/CD tab: the repository's own CI files (found at start-up, or
//! given with `--repo PATH`) explained by the pipeline engine and drawn with the same kind
//! of picture the practices use, the manual gate marked, the verdict and the advice beside
//! it. ←/→ choose a job; Enter opens its evidence (file, line, step) and the page that
//! teaches its stage.

use std::path::Path;

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::base::Lang;
use crate::library::Library;
use crate::pipeline::report::Report;
use crate::tui::action::{Action, Effect};
use crate::tui::app::App;
use crate::tui::registry::Command;
use crate::tui::widgets::panel;
use crate::tui::widgets::your_pipeline::{PipelineView, YourPipeline, YourPipelineStyles};

#[derive(Debug, Clone)]
pub struct RepoPane {
    pub report: Report,
    /// The pipeline shown (the main one first).
    pub pipeline: usize,
    /// The selected job, in drawing order.
    pub job: usize,
    /// Showing the repository's pipeline (else the practices' pictures).
    pub shown: bool,
}

/// The CI/CD tab's commands while it shows the repository's pipeline.
pub const COMMANDS: [Command; 4] = [
    Command::new(Action::Right).label("next_job").bar(),
    Command::new(Action::Left).label("prev_job"),
    Command::new(Action::Open).label("job_evidence").bar(),
    Command::new(Action::Details).label("practices_view").bar(),
];

/// The command that switches to the repository's pipeline (on the CI/CD tab).
pub const SHOW: Command = Command::new(Action::Details).label("your_pipeline").bar();

impl RepoPane {
    /// Explains the CI files under `root`; `None` when it has none.
    pub fn load(root: &Path) -> Option<RepoPane> {
        let files = crate::pipeline::DirFiles::new(root);
        if crate::pipeline::ci_files(&files).is_empty() {
            return None;
        }
        let report = crate::pipeline::explain_dir(root);
        let pipeline = report.main_pipeline().unwrap_or(0);
        Some(RepoPane {
            report,
            pipeline,
            job: 0,
            shown: true,
        })
    }

    pub fn view(&self, lib: &Library, lang: Lang) -> Option<PipelineView> {
        let name = |s: &str| lib.stage_name(s, lang).to_string();
        PipelineView::new(&self.report, self.pipeline, lang, &name)
    }

    /// The selected job's evidence as Markdown: the gate, then every step with its file
    /// and line, what it runs, its stages and tools, and the pages that teach them.
    pub fn evidence(&self, lib: &Library, lang: Lang) -> Option<(String, String)> {
        let view = self.view(lib, lang)?;
        let job = view.jobs().nth(self.job)?;
        let t = crate::i18n::text(lang);
        let esc = crate::markdown::escape;
        let mut md = format!("# {}\n\n", esc(&job.id));
        if let Some(g) = &job.gate {
            md.push_str(&format!("**{}**\n\n", esc(g)));
        }
        let mut pages: Vec<String> = Vec::new();
        for s in &job.steps {
            // The place in a code span (as it is), the step as text; stages and tools on
            // lines of their own (hard breaks inside the item).
            md.push_str(&format!("- `{}` {}", s.at.replace('`', "'"), esc(&s.text)));
            if !s.stages.is_empty() {
                md.push_str(&format!(
                    "\\\n  *{}*: {}",
                    t.command("evidence_stages"),
                    esc(&s.stages.join(", "))
                ));
            }
            if !s.tools.is_empty() {
                let names: Vec<&str> = s.tools.iter().map(|id| lib.tool_name(id)).collect();
                md.push_str(&format!(
                    "\\\n  *{}*: {}",
                    t.command("evidence_tools"),
                    esc(&names.join(", "))
                ));
            }
            md.push('\n');
            if let Some(p) = &s.page
                && !pages.contains(p)
            {
                pages.push(p.clone());
            }
        }
        let titles: Vec<String> = pages
            .iter()
            .filter_map(|p| lib.page(lang, p))
            .map(|p| format!("- {}", esc(&p.title)))
            .collect();
        if !titles.is_empty() {
            md.push_str(&format!(
                "\n**{}**\n\n{}\n",
                t.command("evidence_pages"),
                titles.join("\n")
            ));
        }
        Some((job.id.clone(), md))
    }

    pub fn update(&mut self, action: Action, lib: &Library, lang: Lang) -> Effect {
        let n = self.view(lib, lang).map_or(0, |v| v.jobs().count());
        match action {
            Action::Right | Action::Down if n > 0 => self.job = (self.job + 1) % n,
            Action::Left | Action::Up if n > 0 => self.job = (self.job + n - 1) % n,
            Action::Details => self.shown = false,
            Action::Open => match self.evidence(lib, lang) {
                Some((id, md)) => return Effect::OpenDoc(format!("job/{id}"), md),
                None => return Effect::None,
            },
            _ => return Effect::Unhandled,
        }
        Effect::None
    }
}

/// Draws the repository's pipeline into the CI/CD tab's body.
pub fn draw(app: &App, frame: &mut Frame, area: Rect, repo: &RepoPane) {
    let t = app.text();
    let block = panel(app, t.command("your_pipeline"), true);
    let inner = crate::tui::widgets::text_area(area);
    frame.render_widget(block, area);
    let Some(view) = repo.view(&app.lib, app.lang) else {
        return;
    };
    let styles = if app.theme.mono {
        YourPipelineStyles::plain()
    } else {
        YourPipelineStyles::from_ui(&app.theme.ui)
    };
    frame.render_widget(
        YourPipeline::new(&view, &styles).selected(Some(repo.job)),
        inner,
    );
}
