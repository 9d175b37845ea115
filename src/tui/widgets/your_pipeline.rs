//! "Your pipeline": the real job graph of a repository's CI file, drawn like the practices'
//! pipeline picture (■ boxes automated, dashed boxes wait for a person, ‖ marks the gate),
//! with the verdict and the advice under it. A pure widget over a view-model built once
//! from a [`Report`]; drawing does no I/O and no analysis.
//!
//! ```ignore
//! let report = feoops::pipeline::explain_dir(repo);
//! let view = PipelineView::new(&report, 0, lang, &|s| lib.stage_name(s, lang).to_string());
//! frame.render_widget(YourPipeline::new(&view, &YourPipelineStyles::from_ui(&theme.ui)).selected(Some(i)), area);
//! ```

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::Widget;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::base::Lang;
use crate::i18n;
use crate::pipeline::model::GateKind;
use crate::pipeline::render::{finding_text, gate_text, trigger_text, verdict_line};
use crate::pipeline::report::Report;
use crate::tui::theme::UiStyles;

/// The evidence of one step: where it is written, what it says, and what it does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepView {
    /// `file:line`.
    pub at: String,
    pub text: String,
    /// Stage names in the language.
    pub stages: Vec<String>,
    pub tools: Vec<String>,
    /// The page that teaches its first stage (`stage-test`, ...), when it has one.
    pub page: Option<String>,
}

/// One job box.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobView {
    pub id: String,
    /// Stage names in the language, in the order the steps use them.
    pub stages: Vec<String>,
    /// A person starts or approves it (manual job, approval job).
    pub gated: bool,
    /// What the gate is (`approval`, `by hand`), or the environment it deploys to; the
    /// full sentence is in [`JobView::gate`].
    pub note: Option<String>,
    /// The gate as a sentence (manual job, approval job, environment rules).
    pub gate: Option<String>,
    pub steps: Vec<StepView>,
}

/// What the widget draws, in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PipelineView {
    pub title: String,
    pub triggers: String,
    /// Jobs in the order they can run.
    pub waves: Vec<Vec<JobView>>,
    pub verdict: String,
    pub reasons: Vec<String>,
    pub advice: Vec<String>,
    automated: String,
    manual: String,
}

impl PipelineView {
    /// The view of pipeline `index` of a report; `None` when there is no such pipeline.
    pub fn new(
        r: &Report,
        index: usize,
        lang: Lang,
        stage_name: &dyn Fn(&str) -> String,
    ) -> Option<PipelineView> {
        let p = r.pipelines.get(index)?;
        let cicd = &i18n::text(lang).cicd;
        let waves = p
            .waves
            .iter()
            .map(|ids| {
                ids.iter()
                    .filter_map(|id| p.job(id))
                    .map(|j| {
                        let mut stages: Vec<String> = Vec::new();
                        for s in j.steps.iter().flat_map(|s| &s.stages) {
                            let n = stage_name(s);
                            if !stages.contains(&n) {
                                stages.push(n);
                            }
                        }
                        let env = j.environment.as_ref().map(|e| e.name.as_str());
                        JobView {
                            id: j.id.clone(),
                            stages,
                            gated: j
                                .gate
                                .as_ref()
                                .is_some_and(|g| g.kind != GateKind::Environment),
                            note: match j.gate.as_ref().map(|g| g.kind) {
                                Some(GateKind::Approval) => Some(cicd.approval.clone()),
                                Some(GateKind::ManualJob) => Some(cicd.manual.clone()),
                                _ => env.map(|e| format!("→ {e}")),
                            },
                            gate: j.gate.as_ref().map(|g| gate_text(g.kind, env, lang)),
                            steps: j
                                .steps
                                .iter()
                                .map(|s| StepView {
                                    at: format!("{}:{}", s.loc.file, s.loc.line),
                                    text: s.text.clone(),
                                    stages: s.stages.iter().map(|x| stage_name(x)).collect(),
                                    tools: s.tools.clone(),
                                    page: s.stages.first().map(|x| format!("stage-{x}")),
                                })
                                .collect(),
                        }
                    })
                    .collect()
            })
            .collect();
        let path_reasons = r
            .paths
            .iter()
            .filter(|x| x.pipeline == index)
            .flat_map(|x| &x.reasons);
        Some(PipelineView {
            title: if p.name == p.loc.file {
                p.name.clone()
            } else {
                format!("{} · {}", p.name, p.loc.file)
            },
            triggers: p
                .triggers
                .iter()
                .map(|t| trigger_text(t, lang))
                .collect::<Vec<_>>()
                .join(" · "),
            waves,
            verdict: format!(
                "{}: {}",
                i18n::text(lang).explain.verdict,
                verdict_line(r.verdict, r.depends_on, lang)
            ),
            reasons: r
                .reasons
                .iter()
                .chain(path_reasons)
                .map(|f| finding_text(f, lang))
                .collect(),
            advice: r.advice.iter().map(|f| finding_text(f, lang)).collect(),
            automated: cicd.automated.clone(),
            manual: cicd.manual.clone(),
        })
    }

    /// The jobs in drawing order (the index [`YourPipeline::selected`] counts in).
    pub fn jobs(&self) -> impl Iterator<Item = &JobView> {
        self.waves.iter().flatten()
    }
}

/// The styles the widget uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YourPipelineStyles {
    pub title: Style,
    pub automated: Style,
    pub manual: Style,
    pub approval: Style,
    pub arrow: Style,
    pub selected: Style,
    pub text: Style,
    pub dim: Style,
    pub warning: Style,
}

impl YourPipelineStyles {
    /// The app theme's styles.
    pub fn from_ui(ui: &UiStyles) -> Self {
        YourPipelineStyles {
            title: ui.title,
            automated: ui.automated,
            manual: ui.manual,
            approval: ui.approval,
            arrow: ui.arrow,
            selected: ui.selected,
            text: ui.item,
            dim: ui.dim,
            warning: ui.warning,
        }
    }

    /// No colours (NO_COLOR, snapshots).
    pub fn plain() -> Self {
        let s = Style::default();
        YourPipelineStyles {
            title: s.add_modifier(Modifier::BOLD),
            automated: s,
            manual: s,
            approval: s,
            arrow: s,
            selected: s.add_modifier(Modifier::REVERSED),
            text: s,
            dim: s,
            warning: s,
        }
    }
}

impl Default for YourPipelineStyles {
    fn default() -> Self {
        let fg = |c| Style::default().fg(c);
        YourPipelineStyles {
            title: fg(Color::Cyan).add_modifier(Modifier::BOLD),
            automated: fg(Color::Green),
            manual: fg(Color::Yellow),
            approval: fg(Color::Magenta).add_modifier(Modifier::BOLD),
            arrow: fg(Color::DarkGray),
            selected: Style::default().add_modifier(Modifier::REVERSED),
            text: Style::default(),
            dim: fg(Color::DarkGray),
            warning: fg(Color::Yellow),
        }
    }
}

/// The widget: the graph, then the verdict, the reasons and the advice.
pub struct YourPipeline<'a> {
    view: &'a PipelineView,
    styles: &'a YourPipelineStyles,
    selected: Option<usize>,
}

impl<'a> YourPipeline<'a> {
    pub fn new(view: &'a PipelineView, styles: &'a YourPipelineStyles) -> Self {
        YourPipeline {
            view,
            styles,
            selected: None,
        }
    }

    /// Highlights the job at this index of [`PipelineView::jobs`].
    pub fn selected(mut self, job: Option<usize>) -> Self {
        self.selected = job;
        self
    }
}

fn width(s: &str) -> u16 {
    u16::try_from(s.width()).unwrap_or(u16::MAX)
}

/// Cuts `s` to `w` columns, with '…' when cut.
fn fit(s: &str, w: u16) -> String {
    if width(s) <= w {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0u16;
    for ch in s.chars() {
        let cw = u16::try_from(ch.width().unwrap_or(0)).unwrap_or(1);
        if used + cw + 1 > w {
            break;
        }
        out.push(ch);
        used += cw;
    }
    out.push('…');
    out
}

fn center(s: &str, w: u16) -> String {
    let s = fit(s, w);
    let pad = w.saturating_sub(width(&s));
    let left = usize::from(pad / 2);
    format!(
        "{}{s}{}",
        " ".repeat(left),
        " ".repeat(usize::from(pad) - left)
    )
}

/// Wraps plain text to `w` columns: at spaces, and anywhere inside a word too long.
pub fn wrap(text: &str, w: u16) -> Vec<String> {
    let w = w.max(1);
    let mut lines = Vec::new();
    let mut cur = String::new();
    for word in text.split(' ') {
        let sep = u16::from(!cur.is_empty());
        if width(&cur) + sep + width(word) <= w {
            if sep == 1 {
                cur.push(' ');
            }
            cur.push_str(word);
            continue;
        }
        if !cur.is_empty() {
            lines.push(std::mem::take(&mut cur));
        }
        for ch in word.chars() {
            let cw = u16::try_from(ch.width().unwrap_or(0)).unwrap_or(1);
            if width(&cur) + cw > w {
                lines.push(std::mem::take(&mut cur));
            }
            cur.push(ch);
        }
    }
    if !cur.is_empty() {
        lines.push(cur);
    }
    lines
}

/// Width of a wave's column: its widest box.
fn column_width(wave: &[JobView]) -> u16 {
    wave.iter()
        .map(|j| {
            let note = j.note.as_deref().map_or(0, width);
            (width(&j.id).max(width(&j.stages.join("·"))) + 4).max(note)
        })
        .max()
        .unwrap_or(6)
        .clamp(8, 26)
}

struct Painter<'b> {
    buf: &'b mut Buffer,
    area: Rect,
}

impl Painter<'_> {
    fn put(&mut self, x: u16, y: u16, s: &str, style: Style) {
        if y >= self.area.bottom() || x >= self.area.right() {
            return;
        }
        let max = usize::from(self.area.right() - x);
        self.buf.set_stringn(x, y, s, max, style);
    }
}

impl YourPipeline<'_> {
    /// Boxes in columns, one column per wave, if they fit; returns the rows used.
    fn graph(&self, p: &mut Painter, x0: u16, y0: u16, w: u16) -> Option<u16> {
        let v = self.view;
        let cols: Vec<u16> = v.waves.iter().map(|w| column_width(w)).collect();
        let joins = u16::try_from(v.waves.len().saturating_sub(1)).unwrap_or(0) * 3;
        if cols.iter().sum::<u16>() + joins > w {
            return None;
        }
        let st = self.styles;
        let mut x = x0;
        let mut index = 0usize;
        let mut rows = 0u16;
        for (wi, wave) in v.waves.iter().enumerate() {
            if wi > 0 {
                let gate = wave.iter().any(|j| j.gated);
                let (j, style) = if gate {
                    (" ‖ ", st.approval)
                } else {
                    (" → ", st.arrow)
                };
                p.put(x, y0 + 1, j, style);
                x += 3;
            }
            let cw = cols[wi];
            for (k, job) in wave.iter().enumerate() {
                let y = y0 + u16::try_from(k).unwrap_or(0) * 5;
                let style = if self.selected == Some(index) {
                    st.selected
                } else if job.gated {
                    st.manual
                } else {
                    st.automated
                };
                let (tl, tr, bl, br, h, side) = if job.gated {
                    ('┌', '┐', '└', '┘', "┄", '┆')
                } else {
                    ('┏', '┓', '┗', '┛', "━", '┃')
                };
                let inner = usize::from(cw - 2);
                p.put(x, y, &format!("{tl}{}{tr}", h.repeat(inner)), style);
                p.put(
                    x,
                    y + 1,
                    &format!("{side}{}{side}", center(&job.id, cw - 2)),
                    style,
                );
                p.put(
                    x,
                    y + 2,
                    &format!("{side}{}{side}", center(&job.stages.join("·"), cw - 2)),
                    style,
                );
                p.put(x, y + 3, &format!("{bl}{}{br}", h.repeat(inner)), style);
                let under = job.note.clone().unwrap_or_else(|| {
                    if job.gated {
                        v.manual.clone()
                    } else {
                        v.automated.clone()
                    }
                });
                p.put(x, y + 4, &center(&under, cw), st.dim);
                rows = rows.max(y - y0 + 5);
                index += 1;
            }
            x += cw;
        }
        Some(rows)
    }

    /// One line per job, wave by wave, for narrow areas; returns the rows used.
    fn list(&self, p: &mut Painter, x0: u16, y0: u16, w: u16) -> u16 {
        let st = self.styles;
        let mut y = y0;
        let mut index = 0usize;
        for (wi, wave) in self.view.waves.iter().enumerate() {
            for job in wave {
                let gate = if job.gated { "‖ " } else { "" };
                let mark = if job.gated { "□" } else { "■" };
                let line = format!(
                    "{}. {gate}{mark} {} [{}]",
                    wi + 1,
                    job.id,
                    job.stages.join(", ")
                );
                let style = if self.selected == Some(index) {
                    st.selected
                } else if job.gated {
                    st.manual
                } else {
                    st.automated
                };
                p.put(x0, y, &fit(&line, w), style);
                y += 1;
                index += 1;
            }
        }
        y - y0
    }
}

impl Widget for YourPipeline<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.width < 4 || area.height == 0 {
            return;
        }
        let st = self.styles;
        let v = self.view;
        let w = area.width;
        let mut p = Painter { buf, area };
        let mut y = area.y;
        p.put(area.x, y, &fit(&v.title, w), st.title);
        y += 1;
        for l in wrap(&v.triggers, w) {
            p.put(area.x, y, &l, st.dim);
            y += 1;
        }
        y += 1;
        let rows = match self.graph(&mut p, area.x, y, w) {
            Some(r) => r,
            None => self.list(&mut p, area.x, y, w),
        };
        y += rows + 1;
        for l in wrap(&v.verdict, w) {
            p.put(area.x, y, &l, st.title);
            y += 1;
        }
        for r in &v.reasons {
            for (i, l) in wrap(r, w.saturating_sub(2)).into_iter().enumerate() {
                let bullet = if i == 0 { "• " } else { "  " };
                p.put(area.x, y, &format!("{bullet}{l}"), st.text);
                y += 1;
            }
        }
        for a in &v.advice {
            for (i, l) in wrap(a, w.saturating_sub(2)).into_iter().enumerate() {
                let bullet = if i == 0 { "! " } else { "  " };
                p.put(area.x, y, &format!("{bullet}{l}"), st.warning);
                y += 1;
            }
        }
        if y > area.bottom() {
            // More than fits: say so on the last row.
            let last = area.bottom() - 1;
            p.buf.set_stringn(
                area.x,
                last,
                " ".repeat(usize::from(w)),
                usize::from(w),
                st.dim,
            );
            p.put(area.x, last, "…", st.dim);
        }
    }
}
