//! The DevOps loop as a ring of stage boxes: Plan at the top left, clockwise down the right
//! column to Release, back along the bottom to Deploy and up the left column to Monitor,
//! whose arrow into Plan is the feedback that closes the loop.
//!
//! ```text
//! ╭─────────╮     ╭─────────╮
//! │  Plan   │────▶│  Code   │
//! ╰─────────╯     ╰─────────╯
//!      ▲ feedback      ▼
//! ╭─────────╮     ╭─────────╮
//! │ Monitor │     │  Build  │
//! ```

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph};

use super::cols;
use crate::tui::app::{App, Tab, inner};

const GAP: u16 = 5;

fn box_width(app: &App) -> u16 {
    let widest = app
        .lib
        .stages()
        .iter()
        .map(|s| cols(s.name.get(app.lang)))
        .max()
        .unwrap_or(4);
    (widest + 4).max(11)
}

/// Stage indices per column, top to bottom.
fn columns(n: usize) -> (Vec<usize>, Vec<usize>) {
    if n == 0 {
        return (Vec::new(), Vec::new());
    }
    let k = n / 2;
    let right: Vec<usize> = (1..=k).collect();
    let mut left = vec![0];
    left.extend((k + 1..n).rev());
    (left, right)
}

fn rows(n: usize) -> u16 {
    let (l, r) = columns(n);
    l.len().max(r.len()) as u16
}

/// The size of the whole bordered picture.
pub fn size(app: &App) -> (u16, u16) {
    let bw = box_width(app);
    let r = rows(app.lib.stages().len());
    let ring_h = r * 3 + r.saturating_sub(1);
    (bw * 2 + GAP + 4, ring_h + 2)
}

/// The box of every stage, by stage index, inside the picture's inner area.
pub fn stage_boxes(app: &App, area: Rect) -> Vec<Rect> {
    let n = app.lib.stages().len();
    let bw = box_width(app);
    let (left, right) = columns(n);
    let mut boxes = vec![Rect::default(); n];
    let x0 = area.x + 1;
    for (col, list) in [(0u16, &left), (1u16, &right)] {
        for (row, &i) in list.iter().enumerate() {
            let r = Rect::new(x0 + col * (bw + GAP), area.y + row as u16 * 4, bw, 3);
            boxes[i] = r.intersection(area);
        }
    }
    boxes
}

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let ui = &app.theme.ui;
    let t = app.text();
    let inner_area = inner(area);
    frame.render_widget(super::panel(app, &t.loop_.title, false), area);

    let n = app.lib.stages().len();
    let selected = app.selected(Tab::Loop);
    let boxes = stage_boxes(app, inner_area);
    let buf = frame.buffer_mut();
    for (i, (stage, r)) in app.lib.stages().iter().zip(&boxes).enumerate() {
        let sel = i == selected;
        let (border, text) = if sel {
            (BorderType::Thick, ui.stage_selected)
        } else {
            (BorderType::Rounded, ui.stage)
        };
        let mut b = Block::bordered().border_type(border).border_style(if sel {
            ui.border_focus
        } else {
            ui.border
        });
        // The stack built in the Advisor shows on the loop: each stage's pick under its name.
        if let Some(pick) = app.advisor.stack.pick(&stage.id) {
            let (label, style) = match pick.tool() {
                Some(id) => (app.lib.tool_name(id), ui.automated),
                None => (t.advisor.skip.as_str(), ui.dim),
            };
            let room = usize::from(r.width.saturating_sub(2));
            b = b.title_bottom(Line::from(Span::styled(super::fit(label, room), style)).centered());
        }
        let name = stage.name.get(app.lang);
        let label = Paragraph::new(Line::from(Span::styled(format!(" {name} "), text)).centered());
        let in_box = inner(*r);
        ratatui::widgets::Widget::render(b, *r, buf);
        ratatui::widgets::Widget::render(label, in_box, buf);
    }

    // Arrows between the boxes, clockwise.
    let (left, right) = columns(n);
    let put = |buf: &mut ratatui::buffer::Buffer, x: u16, y: u16, s: &str, st: Style| {
        if inner_area.contains(ratatui::layout::Position::new(x, y)) {
            let room = inner_area.right().saturating_sub(x);
            buf.set_stringn(x, y, s, usize::from(room), st);
        }
    };
    if let (Some(&a), Some(&b)) = (left.first(), right.first()) {
        let (ra, rb) = (boxes[a], boxes[b]);
        put(
            buf,
            ra.right(),
            ra.y + 1,
            &"─".repeat(usize::from(GAP - 1)),
            ui.arrow,
        );
        put(buf, rb.x - 1, rb.y + 1, "▶", ui.arrow);
    }
    for pair in right.windows(2) {
        let r = boxes[pair[0]];
        put(buf, r.x + r.width / 2, r.bottom(), "▼", ui.arrow);
    }
    if let (Some(&a), Some(&b)) = (right.last(), left.last())
        && left.len() == right.len()
        && left.len() > 1
    {
        let (ra, rb) = (boxes[a], boxes[b]);
        put(buf, rb.right(), rb.y + 1, "◀", ui.arrow);
        put(
            buf,
            rb.right() + 1,
            rb.y + 1,
            &"─".repeat(usize::from(GAP - 1)),
            ui.arrow,
        );
        let _ = ra;
    }
    for (row, pair) in left.windows(2).enumerate() {
        let r = boxes[pair[0]];
        let x = r.x + r.width / 2;
        if row == 0 {
            // Monitor → Plan: the feedback that closes the loop.
            put(
                buf,
                x,
                r.bottom(),
                &format!("▲ {}", t.loop_.feedback),
                ui.feedback,
            );
        } else {
            put(buf, x, r.bottom(), "▲", ui.arrow);
        }
    }

    // The selected stage's one-line purpose under the ring.
    let ring_bottom = boxes
        .iter()
        .map(|r| r.bottom())
        .max()
        .unwrap_or(inner_area.y);
    if let Some(stage) = app.lib.stages().get(selected) {
        let y = ring_bottom + 1;
        if y < inner_area.bottom() {
            let text_area = Rect::new(
                inner_area.x + 1,
                y,
                inner_area.width.saturating_sub(2),
                inner_area.bottom() - y,
            );
            let lines = crate::markdown::render(
                &format!(
                    "**{}** — {}\n\n{}",
                    stage.name.get(app.lang),
                    stage.blurb.get(app.lang),
                    t.loop_.hint
                ),
                usize::from(text_area.width),
                &app.theme.md,
            );
            frame.render_widget(Paragraph::new(lines), text_area);
        }
    }
}

/// Hit areas of the one-line stage strip (only when every name fits).
pub fn strip_hits(app: &App, area: Rect) -> Vec<(Rect, usize)> {
    let (_, hits) = strip_line(app, area);
    hits
}

fn strip_line(app: &App, area: Rect) -> (Line<'static>, Vec<(Rect, usize)>) {
    let ui = &app.theme.ui;
    let selected = app.selected(Tab::Loop);
    let names: Vec<String> = app
        .lib
        .stages()
        .iter()
        .map(|s| s.name.get(app.lang).clone())
        .collect();
    let full: u16 =
        names.iter().map(|n| cols(n) + 2).sum::<u16>() + 3 * names.len().saturating_sub(1) as u16;
    let mut hits = Vec::new();
    if full <= area.width {
        let mut spans = Vec::new();
        let mut x = area.x;
        for (i, name) in names.iter().enumerate() {
            if i > 0 {
                spans.push(Span::styled(" › ", ui.arrow));
                x += 3;
            }
            let label = format!(" {name} ");
            let w = cols(&label);
            hits.push((Rect::new(x, area.y, w, 1), i));
            x += w;
            let st = if i == selected {
                ui.stage_selected
            } else {
                ui.stage
            };
            spans.push(Span::styled(label, st));
        }
        spans.push(Span::styled(" ↺", ui.feedback));
        (Line::from(spans), hits)
    } else {
        let name = names.get(selected).cloned().unwrap_or_default();
        let line = Line::from(vec![
            Span::styled("◀ ", ui.arrow),
            Span::styled(format!("{}/{} ", selected + 1, names.len()), ui.dim),
            Span::styled(format!(" {name} "), ui.stage_selected),
            Span::styled(" ▶", ui.arrow),
        ]);
        (line, hits)
    }
}

pub fn render_strip(app: &App, frame: &mut Frame, area: Rect) {
    let block = super::panel(app, &app.text().loop_.title, false);
    let (line, _) = strip_line(app, inner(area));
    frame.render_widget(Paragraph::new(line).block(block), area);
}

#[cfg(test)]
mod tests {
    use super::columns;

    #[test]
    fn eight_stages_form_a_clockwise_ring() {
        let (left, right) = columns(8);
        assert_eq!(left, vec![0, 7, 6, 5]);
        assert_eq!(right, vec![1, 2, 3, 4]);
    }
}
