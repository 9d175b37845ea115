//! CommonMark conformance of the renderer's invariants (not of its HTML):
//! every example of the spec renders without panicking at several widths,
//! no line is wider than the width, and from `MIN_WIDTH` on no text is lost.
//!
//! The spec is CC-BY-SA and is not part of this crate. Run with
//! `FEOOPS_COMMONMARK_SPEC=/path/to/spec.txt cargo test --test render_commonmark -- --ignored`.

mod common;

use feoops::markdown::{MIN_WIDTH, MdStyles, render};

const FENCE: &str = "````````````````````````````````";

/// The Markdown of each example: the lines between the opening fence
/// (`FENCE example`) and the line holding a single `.`, with `→` for a tab.
fn examples(spec: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut lines = spec.lines().enumerate();
    let opening = format!("{FENCE} example");
    while let Some((n, line)) = lines.next() {
        if line != opening {
            continue;
        }
        let mut md = String::new();
        for (_, l) in lines.by_ref() {
            if l == "." {
                break;
            }
            md.push_str(&l.replace('→', "\t"));
            md.push('\n');
        }
        for (_, l) in lines.by_ref() {
            if l == FENCE {
                break;
            }
        }
        out.push((n + 1, md));
    }
    out
}

#[test]
#[ignore = "needs FEOOPS_COMMONMARK_SPEC pointing at the CommonMark spec"]
fn commonmark_examples_keep_invariants() {
    let path = std::env::var("FEOOPS_COMMONMARK_SPEC")
        .expect("set FEOOPS_COMMONMARK_SPEC to the path of the CommonMark spec.txt");
    let spec = std::fs::read_to_string(&path).expect("read the spec");
    let examples = examples(&spec);
    assert!(
        examples.len() >= 600,
        "only {} examples found",
        examples.len()
    );
    let styles = [MdStyles::plain(), MdStyles::default()];
    let mut failures = Vec::new();
    for (line_no, md) in &examples {
        for width in [1, 5, 10, 20, 40, 80] {
            for st in &styles {
                let out = std::panic::catch_unwind(|| render(md, width, st));
                let Ok(lines) = out else {
                    failures.push(format!("spec line {line_no}, width {width}: panic"));
                    continue;
                };
                if let Err(e) = common::fits(&lines, width) {
                    failures.push(format!("spec line {line_no}, width {width}: {e}"));
                }
                if width >= MIN_WIDTH
                    && let Err(e) = common::text_survives(md, &lines)
                {
                    failures.push(format!("spec line {line_no}, width {width}: {e}"));
                }
            }
        }
    }
    println!("{} examples checked", examples.len());
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
