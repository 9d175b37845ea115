//! One test (or a few) per Markdown element, asserting on the plain text.

mod common;

use feoops::markdown::{MIN_WIDTH, MdStyles, line_width, render, to_ansi, to_plain};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};

fn plain(src: &str, width: usize) -> String {
    let lines = render(src, width, &MdStyles::plain());
    common::fits(&lines, width).unwrap();
    if width >= MIN_WIDTH {
        common::text_survives(src, &lines).unwrap();
    }
    to_plain(&lines)
}

/// Style of the first span whose text contains `needle`.
fn style_of(lines: &[Line], needle: &str) -> Style {
    lines
        .iter()
        .flat_map(|l| &l.spans)
        .find(|s| s.content.contains(needle))
        .unwrap_or_else(|| panic!("no span holds {needle:?}"))
        .style
}

// ---- headings and paragraphs ----

#[test]
fn headings_are_told_apart() {
    let src = "# One\n\n## Two\n\n### Three\n\n#### Four\n\n###### Six\n\ntext";
    assert_eq!(
        plain(src, 40),
        "One\n═══\n\nTwo\n───\n\nThree\n\nFour\n\nSix\n\ntext"
    );
    let st = MdStyles::default();
    let lines = render(src, 40, &st);
    assert_eq!(style_of(&lines, "One"), st.h1);
    assert_eq!(style_of(&lines, "Two"), st.h2);
    assert_eq!(style_of(&lines, "Three"), st.h3);
    assert_eq!(style_of(&lines, "Six"), st.h4);
    assert!(st.h1.add_modifier.contains(Modifier::BOLD));
    assert_ne!(st.h3, st.h4);
}

#[test]
fn long_heading_wraps_and_rule_matches_widest_line() {
    assert_eq!(
        plain("# Continuous delivery in practice", 20),
        "Continuous delivery\nin practice\n═══════════════════"
    );
}

#[test]
fn blocks_are_separated_by_one_blank_line_without_outer_blanks() {
    assert_eq!(
        plain("\n\n\nfirst\n\n\n\nsecond\n\n\n", 40),
        "first\n\nsecond"
    );
    assert_eq!(plain("", 40), "");
    assert!(render("   \n\n", 40, &MdStyles::plain()).is_empty());
}

#[test]
fn paragraph_wraps_at_spaces() {
    assert_eq!(
        plain("The quick brown fox jumps over the lazy dog", 16),
        "The quick brown\nfox jumps over\nthe lazy dog"
    );
}

// ---- inline styles ----

#[test]
fn emphasis_strong_strike_nest() {
    let src = "*it **bold ~~gone~~** it* plain";
    assert_eq!(plain(src, 40), "it bold gone it plain");
    let st = MdStyles::default();
    let lines = render(src, 40, &st);
    let gone = style_of(&lines, "gone").add_modifier;
    assert!(gone.contains(Modifier::ITALIC | Modifier::BOLD | Modifier::CROSSED_OUT));
    let bold = style_of(&lines, "bold").add_modifier;
    assert!(bold.contains(Modifier::ITALIC | Modifier::BOLD));
    assert!(!bold.contains(Modifier::CROSSED_OUT));
    assert_eq!(style_of(&lines, "plain"), Style::default());
}

#[test]
fn inline_code_keeps_its_text_and_style() {
    let src = "run `cargo  test` now";
    assert_eq!(plain(src, 40), "run cargo  test now");
    let st = MdStyles::default();
    assert_eq!(style_of(&render(src, 40, &st), "cargo"), st.code_inline);
}

// ---- code blocks ----

#[test]
fn fenced_code_keeps_lines_and_indents() {
    let src = "```rust\nfn main() {\n\n    println!(\"hi\");\n}\n```";
    assert_eq!(
        plain(src, 40),
        "  fn main() {\n\n      println!(\"hi\");\n  }"
    );
}

#[test]
fn long_code_line_wraps_with_marker() {
    let src = "```\nkubectl rollout status deployment/web\n```";
    assert_eq!(
        plain(src, 20),
        "  kubectl rollout st\n↪ atus deployment/we\n↪ b"
    );
}

#[test]
fn indented_code_block_and_tabs_expand() {
    assert_eq!(plain("    a\tb\n    \tc", 40), "  a   b\n      c");
}

#[test]
fn code_block_wide_characters_wrap_by_columns() {
    let src = "```\n가나다라마바사아자차카타파하\n```";
    let out = plain(src, 12);
    assert_eq!(out, "  가나다라마\n↪ 바사아자차\n↪ 카타파하");
}

// ---- quotes ----

#[test]
fn nested_quotes_keep_bars_on_every_line() {
    let src = "> outer words that wrap around\n>\n> > inner words that also wrap\n>\n> back";
    assert_eq!(
        plain(src, 20),
        "│ outer words that\n│ wrap around\n│\n│ │ inner words that\n│ │ also wrap\n│\n│ back"
    );
}

// ---- lists ----

#[test]
fn nested_lists_use_markers_by_depth_and_hang_continuations() {
    let src =
        "- first item wraps onto a second line\n  - nested item\n    - deepest item here\n- last";
    assert_eq!(
        plain(src, 24),
        "• first item wraps onto\n  a second line\n  ◦ nested item\n    ▪ deepest item here\n• last"
    );
}

#[test]
fn ordered_lists_honour_start_and_align_numbers() {
    assert_eq!(plain("7. seven\n8. eight", 40), "7. seven\n8. eight");
    assert_eq!(
        plain("98. a\n1. b\n1. c wraps here", 12),
        " 98. a\n 99. b\n100. c wraps\n     here"
    );
    assert_eq!(plain("0. zero", 40), "0. zero");
}

#[test]
fn loose_list_items_hold_paragraphs_code_quotes_and_sublists() {
    let src =
        "1. para one\n\n   para two\n\n   ```\n   code\n   ```\n\n   > quoted\n\n   - sub\n2. next";
    assert_eq!(
        plain(src, 40),
        "1. para one\n\n   para two\n\n     code\n\n   │ quoted\n\n   • sub\n\n2. next"
    );
}

#[test]
fn tight_list_has_no_blank_lines() {
    assert_eq!(
        plain("- a\n- b\n  - c\n- d\n\nafter", 40),
        "• a\n• b\n  ◦ c\n• d\n\nafter"
    );
}

#[test]
fn empty_item_still_shows_its_marker() {
    assert_eq!(plain("- a\n-\n- c", 40), "• a\n•\n• c");
}

#[test]
fn task_lists() {
    let src = "- [ ] write tests\n- [x] render tables\n1. [x] numbered";
    assert_eq!(
        plain(src, 40),
        "☐ write tests\n☑ render tables\n\n1. ☑ numbered"
    );
    let st = MdStyles::default();
    let lines = render(src, 40, &st);
    assert_eq!(style_of(&lines, "☐"), st.task_todo);
    assert_eq!(style_of(&lines, "☑"), st.task_done);
}

// ---- tables ----

const TABLE: &str = "| Tool | Stage | Notes |\n|:-----|:-----:|------:|\n| Cargo | build | fast caches |\n| Helm | deploy | charts |";

#[test]
fn table_box_with_alignment() {
    assert_eq!(
        plain(TABLE, 40),
        "┌───────┬────────┬─────────────┐\n\
         │ Tool  │ Stage  │       Notes │\n\
         ├───────┼────────┼─────────────┤\n\
         │ Cargo │ build  │ fast caches │\n\
         │ Helm  │ deploy │      charts │\n\
         └───────┴────────┴─────────────┘"
    );
}

#[test]
fn narrow_table_wraps_cells() {
    assert_eq!(
        plain(TABLE, 28),
        "┌───────┬────────┬─────────┐\n\
         │ Tool  │ Stage  │   Notes │\n\
         ╞═══════╪════════╪═════════╡\n\
         │ Cargo │ build  │    fast │\n\
         │       │        │  caches │\n\
         ├───────┼────────┼─────────┤\n\
         │ Helm  │ deploy │  charts │\n\
         └───────┴────────┴─────────┘"
    );
}

#[test]
fn very_narrow_table_stacks_records() {
    assert_eq!(
        plain(TABLE, 16),
        "Tool: Cargo\nStage: build\nNotes: fast\n  caches\n────────────────\nTool: Helm\nStage: deploy\nNotes: charts"
    );
}

#[test]
fn korean_table_cells_fit() {
    let src = "| 단계 | 도구 |\n|---|---|\n| 배포 | 아르고 시디와 헬름 차트 |";
    for width in MIN_WIDTH..=40 {
        plain(src, width);
    }
    assert_eq!(
        plain(src, 30),
        "┌──────┬─────────────────────┐\n\
         │ 단계 │ 도구                │\n\
         ╞══════╪═════════════════════╡\n\
         │ 배포 │ 아르고 시디와 헬름  │\n\
         │      │ 차트                │\n\
         └──────┴─────────────────────┘"
    );
}

// ---- links and images ----

#[test]
fn links_show_text_then_url() {
    assert_eq!(
        plain("see [the docs](https://docs.rs/ratatui) now", 60),
        "see the docs (https://docs.rs/ratatui) now"
    );
    let st = MdStyles::default();
    let lines = render("[the docs](https://docs.rs)", 60, &st);
    assert_eq!(style_of(&lines, "docs.rs"), st.link_url);
    assert_eq!(style_of(&lines, "the docs"), st.link_text);
}

#[test]
fn autolinks_and_emails_show_once() {
    assert_eq!(plain("<https://example.com>", 40), "https://example.com");
    assert_eq!(plain("<ops@example.com>", 40), "ops@example.com");
    assert_eq!(plain("[https://a.io](https://a.io)", 40), "https://a.io");
    assert_eq!(
        plain("[mail](mailto:ops@example.com)", 40),
        "mail (mailto:ops@example.com)"
    );
}

#[test]
fn long_url_breaks_after_slashes_and_loses_nothing() {
    let src = "Read <https://kubernetes.io/docs/concepts/workloads/controllers/deployment/>";
    assert_eq!(
        plain(src, 24),
        "Read\nhttps://kubernetes.io/\ndocs/concepts/workloads/\ncontrollers/deployment/"
    );
    let url = "https://example.com/".to_string() + &"x".repeat(60);
    let out = plain(&format!("[go]({url})"), 20);
    assert_eq!(out.replace('\n', ""), format!("go ({url})"));
}

#[test]
fn images_show_alt_and_url() {
    assert_eq!(
        plain("![pipeline diagram](img/ci.png)", 60),
        "[image: pipeline diagram] (img/ci.png)"
    );
    assert_eq!(plain("![](img/ci.png)", 60), "[image] (img/ci.png)");
}

// ---- rules, footnotes, breaks, html, entities ----

#[test]
fn thematic_break_spans_the_width() {
    assert_eq!(plain("a\n\n---\n\nb", 12), "a\n\n────────────\n\nb");
    assert_eq!(plain("> a\n>\n> ***", 12), "│ a\n│\n│ ──────────");
}

#[test]
fn footnotes_are_numbered_and_labelled() {
    let src = "Ship it[^ship] and watch[^w].\n\n[^ship]: After tests pass.\n\n[^w]: Metrics.";
    assert_eq!(
        plain(src, 40),
        "Ship it[1] and watch[2].\n\n[1]: After tests pass.\n\n[2]: Metrics."
    );
}

#[test]
fn hard_and_soft_breaks() {
    assert_eq!(
        plain("one  \ntwo\\\nthree\nfour", 40),
        "one\ntwo\nthree four"
    );
}

#[test]
fn raw_html_is_shown_as_text() {
    assert_eq!(
        plain(
            "<div class=\"note\">\n  hello\n</div>\n\ntext <kbd>Ctrl</kbd>",
            40
        ),
        "<div class=\"note\">\nhello\n</div>\n\ntext <kbd>Ctrl</kbd>"
    );
    let st = MdStyles::default();
    assert_eq!(style_of(&render("a <b>x</b>", 40, &st), "<b>"), st.html);
}

#[test]
fn entities_are_decoded() {
    assert_eq!(
        plain("&amp; &copy; &#x41; &#65; &nbsp;x &lt;tag&gt;", 40),
        "& © A A \u{a0}x <tag>"
    );
}

// ---- Korean, tabs, control characters ----

#[test]
fn korean_prefers_breaking_at_spaces() {
    assert_eq!(
        plain("지속적 통합은 자주 합치는 습관입니다", 20),
        "지속적 통합은 자주\n합치는 습관입니다"
    );
}

#[test]
fn korean_without_spaces_breaks_between_syllables() {
    let out = plain("가나다라마바사아자차카타파하", 10);
    assert_eq!(out, "가나다라마\n바사아자차\n카타파하");
    // Odd widths leave a column free rather than split a syllable.
    let out = plain("가나다라마바사아자차카타파하", 11);
    assert_eq!(out, "가나다라마\n바사아자차\n카타파하");
    assert_eq!(
        plain("짧다. 가나다라마바사아자차카", 12),
        "짧다. 가나다\n라마바사아자\n차카"
    );
}

#[test]
fn cjk_breaks_between_characters_but_not_before_closing_punctuation() {
    assert_eq!(
        plain("日本語の文章は空白なしで折り返します。", 12),
        "日本語の文章\nは空白なしで\n折り返しま\nす。"
    );
}

#[test]
fn mixed_korean_and_english_fit_every_width() {
    let src = "쿠버네티스(Kubernetes)는 컨테이너를 orchestrate하는 도구이고, `kubectl apply -f deploy.yaml`로 배포한다.";
    for width in MIN_WIDTH..=60 {
        for l in render(src, width, &MdStyles::default()) {
            assert!(line_width(&l) <= width);
        }
        plain(src, width);
    }
}

#[test]
fn long_word_splits_by_grapheme() {
    let out = plain(
        "e\u{301}e\u{301}e\u{301}e\u{301}e\u{301}e\u{301}e\u{301}e\u{301}e\u{301}e\u{301}e\u{301}",
        10,
    );
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines, ["e\u{301}".repeat(10), "e\u{301}".to_string()]);
}

#[test]
fn tabs_and_control_characters_never_reach_spans() {
    let src = "a\tb\u{1b}[31m c\u{7}";
    let lines = render(src, 40, &MdStyles::plain());
    common::fits(&lines, 40).unwrap();
    assert_eq!(to_plain(&lines), "a b\u{fffd}[31m c\u{fffd}");
    let code = render("```\n\tx\u{1b}\n```", 40, &MdStyles::plain());
    common::fits(&code, 40).unwrap();
    assert_eq!(to_plain(&code), "      x\u{fffd}");
}

#[test]
fn zero_width_characters_keep_the_width_invariant() {
    let src = "a\u{200b}b\u{200d}c\u{feff} 👩‍💻 개발\u{ad}자";
    for width in MIN_WIDTH..=30 {
        plain(src, width);
    }
}

// ---- narrow widths and deep nesting ----

#[test]
fn below_min_width_one_placeholder_line() {
    for width in 1..MIN_WIDTH {
        let lines = render("# Title\n\nSome text", width, &MdStyles::default());
        assert_eq!(lines.len(), 1);
        assert!(line_width(&lines[0]) <= width);
        assert_eq!(to_plain(&lines), "…");
    }
    let lines = render("text", 0, &MdStyles::default());
    assert_eq!(lines.len(), 1);
    assert_eq!(line_width(&lines[0]), 0);
}

#[test]
fn deep_nesting_stops_indenting_instead_of_overflowing() {
    let quotes = format!("{} deep text 깊은 곳의 글", "> ".repeat(40));
    let lists: String = (0..30)
        .map(|d| format!("{}- level {d}\n", "  ".repeat(d)))
        .collect();
    for src in [quotes.as_str(), lists.as_str()] {
        for width in MIN_WIDTH..=80 {
            plain(src, width);
        }
    }
    let out = plain(&quotes, 20);
    assert!(out.lines().all(|l| l.starts_with("│ │ │ │ │ │ │")));
}

// ---- to_ansi and line_width ----

#[test]
fn ansi_codes_for_colours_and_modifiers() {
    let lines = vec![
        Line::from(vec![
            Span::styled("b", Style::default().add_modifier(Modifier::BOLD)),
            Span::raw(" "),
            Span::styled(
                "r",
                Style::default()
                    .fg(Color::Rgb(1, 2, 3))
                    .bg(Color::Indexed(236)),
            ),
            Span::styled(
                "x",
                Style::default()
                    .fg(Color::LightRed)
                    .add_modifier(Modifier::CROSSED_OUT | Modifier::ITALIC),
            ),
            Span::raw("   "),
        ]),
        Line::from("plain  "),
    ];
    assert_eq!(
        to_ansi(&lines),
        "\x1b[1mb\x1b[0m \x1b[38;2;1;2;3;48;5;236mr\x1b[0m\x1b[3;9;91mx\x1b[0m\nplain"
    );
    assert_eq!(to_plain(&lines), "b rx\nplain");
}

#[test]
fn ansi_of_rendered_markdown_resets_every_line() {
    let out = to_ansi(&render(
        "# Title\n\n**bold** text",
        40,
        &MdStyles::default(),
    ));
    for line in out.lines().filter(|l| l.contains('\x1b')) {
        let last = line.rfind('\x1b').unwrap();
        assert_eq!(&line[last..last + 4], "\x1b[0m", "{line:?}");
    }
    assert!(out.contains("\x1b[1;36mTitle\x1b[0m"));
    assert!(out.contains("\x1b[1mbold\x1b[0m text"));
    // Plain styles emit no escape codes at all.
    assert!(!to_ansi(&render("# T\n\n*a* `b`", 40, &MdStyles::plain())).contains('\x1b'));
}

#[test]
fn line_width_counts_columns() {
    assert_eq!(
        line_width(&Line::from(vec![Span::raw("ab"), Span::raw("한국어")])),
        8
    );
    assert_eq!(line_width(&Line::default()), 0);
}
