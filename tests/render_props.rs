//! Property test: Markdown generated from a small grammar (English, Korean
//! and mixed words, long words and URLs, emphasis, code, links, nested
//! lists and quotes, tables, headings, code blocks) renders at every width
//! from 1 to 120 with no line wider than the width, and from `MIN_WIDTH` on
//! with all of its text, in order.
//!
//! Cases default to 24 to keep debug-build `cargo test` fast; set
//! `PROPTEST_CASES` for a longer run.

mod common;

use feoops::markdown::{MIN_WIDTH, MdStyles, render};
use proptest::prelude::*;

const EN: &[&str] = &[
    "deploy",
    "pipeline",
    "build",
    "test",
    "release",
    "Docker",
    "Kubernetes",
    "terraform",
    "monitor",
    "logs",
    "metrics",
    "alert",
    "rollback",
    "canary",
    "blue-green",
    "CI/CD",
    "git",
    "merge",
    "branch",
    "container",
    "image",
    "registry",
    "cluster",
    "node",
    "pod",
    "service",
    "a",
    "of",
    "the",
    "and",
    "is",
    "42",
];
const KO: &[&str] = &[
    "배포",
    "파이프라인",
    "빌드",
    "테스트",
    "릴리스",
    "컨테이너",
    "쿠버네티스",
    "모니터링",
    "로그",
    "지표",
    "경보",
    "롤백",
    "카나리",
    "브랜치",
    "병합",
    "클러스터",
    "노드",
    "서비스",
    "자동화",
    "지속적",
    "통합은",
    "전달을",
    "운영",
    "개발자가",
    "협업",
    "문화입니다.",
    "그리고",
    "는",
];

fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(EN).prop_map(str::to_string),
        4 => prop::sample::select(KO).prop_map(str::to_string),
        1 => (prop::sample::select(KO), prop::sample::select(EN)).prop_map(|(k, e)| format!("{k}({e})를")),
        1 => (prop::sample::select(EN), prop::sample::select(KO)).prop_map(|(e, k)| format!("{e}{k}")),
        1 => "[a-z]{15,70}",
        1 => "[가-힣]{8,40}",
        1 => "[a-z0-9]{5,20}".prop_map(|p| format!("https://example.com/{p}/very/long/path/to/some/resource?query={p}&page=2")),
    ]
}

fn words(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(word(), 1..=max).prop_map(|w| w.join(" "))
}

/// Inline content: words mixed with emphasis, code, links and images.
fn inline(max: usize) -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        6 => words(4),
        1 => words(3).prop_map(|w| format!("*{w}*")),
        1 => words(3).prop_map(|w| format!("**{w}**")),
        1 => (words(2), words(2)).prop_map(|(a, b)| format!("***{a}*** **{b} *{a}***")),
        1 => words(2).prop_map(|w| format!("~~{w}~~")),
        1 => words(3).prop_map(|w| format!("`{w}`")),
        1 => (words(3), "[a-z]{1,12}").prop_map(|(w, p)| format!("[{w}](https://example.com/{p})")),
        1 => "[a-z]{1,30}".prop_map(|p| format!("<https://example.com/{p}>")),
        1 => (words(2), "[a-z]{1,12}").prop_map(|(w, p)| format!("![{w}](https://img.example.com/{p}.png)")),
    ];
    prop::collection::vec(piece, 1..=max).prop_map(|p| p.join(" "))
}

fn paragraph() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (inline(4), prop::sample::select(&["\n", "  \n", " "][..])),
        1..=2,
    )
    .prop_map(|lines| {
        let mut s = String::new();
        for (i, (l, sep)) in lines.iter().enumerate() {
            if i > 0 {
                s.push_str(sep);
            }
            s.push_str(l);
        }
        s
    })
}

fn heading() -> impl Strategy<Value = String> {
    (1..=6usize, inline(3)).prop_map(|(n, t)| format!("{} {t}", "#".repeat(n)))
}

fn code_block() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        3 => words(8),
        1 => (words(2), words(2)).prop_map(|(a, b)| format!("\t{a}\t{b}")),
        1 => "[a-z =/-]{40,150}",
        1 => "[가-힣 ]{20,80}",
    ];
    prop::collection::vec(line, 1..=4).prop_map(|l| format!("```sh\n{}\n```", l.join("\n")))
}

fn table() -> impl Strategy<Value = String> {
    (1..=4usize, 0..=3usize)
        .prop_flat_map(|(cols, rows)| {
            let cell = prop_oneof![3 => words(3), 1 => inline(2), 1 => Just(String::new())];
            (
                prop::collection::vec(words(2), cols),
                prop::collection::vec(prop::collection::vec(cell, cols), rows),
                prop::collection::vec(
                    prop::sample::select(&["---", ":--", ":-:", "--:"][..]),
                    cols,
                ),
            )
        })
        .prop_map(|(head, rows, aligns)| {
            let row = |cells: &[String]| format!("| {} |", cells.join(" | "));
            let mut s = row(&head);
            s.push('\n');
            s.push_str(&format!("|{}|", aligns.join("|")));
            for r in &rows {
                s.push('\n');
                s.push_str(&row(r));
            }
            s
        })
}

/// Indent every line but the first by `n` spaces (blank lines stay empty).
fn hang(text: &str, first: &str) -> String {
    let pad = " ".repeat(first.chars().count());
    let mut out = String::new();
    for (i, line) in text.lines().enumerate() {
        if i == 0 {
            out.push_str(first);
        } else {
            out.push('\n');
            if !line.is_empty() {
                out.push_str(&pad);
            }
        }
        out.push_str(line);
    }
    out
}

fn quote(text: &str) -> String {
    text.lines()
        .map(|l| {
            if l.is_empty() {
                ">".to_string()
            } else {
                format!("> {l}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn block() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        5 => paragraph(),
        1 => heading(),
        1 => code_block(),
        1 => table(),
        1 => Just("---".to_string()),
    ];
    leaf.prop_recursive(3, 10, 3, |inner| {
        prop_oneof![
            // Lists: ordered (any start) or bullet, tight or loose.
            (
                prop::collection::vec(prop::collection::vec(inner.clone(), 1..=2), 1..=3),
                prop::option::of(0u64..1000),
                any::<bool>(),
                prop::sample::select(&["-", "*", "+"][..]),
            )
                .prop_map(|(items, start, loose, bullet)| {
                    let sep = if loose { "\n\n" } else { "\n" };
                    items
                        .iter()
                        .enumerate()
                        .map(|(i, blocks)| {
                            let marker = match start {
                                Some(s) => format!("{}. ", s + i as u64),
                                None => format!("{bullet} "),
                            };
                            hang(&blocks.join("\n\n"), &marker)
                        })
                        .collect::<Vec<_>>()
                        .join(sep)
                }),
            // Task lists.
            prop::collection::vec((any::<bool>(), inline(3)), 1..=3).prop_map(|items| {
                items
                    .iter()
                    .map(|(done, t)| format!("- [{}] {t}", if *done { "x" } else { " " }))
                    .collect::<Vec<_>>()
                    .join("\n")
            }),
            prop::collection::vec(inner, 1..=3).prop_map(|b| quote(&b.join("\n\n"))),
        ]
    })
}

fn document() -> impl Strategy<Value = String> {
    prop::collection::vec(block(), 1..=4).prop_map(|b| b.join("\n\n") + "\n")
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(24)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn lines_fit_and_text_survives(doc in document()) {
        let styles = MdStyles::default();
        let expected = common::expected(&doc);
        for width in 1..=120 {
            let lines = render(&doc, width, &styles);
            if let Err(e) = common::fits(&lines, width) {
                prop_assert!(false, "width {width}: {e}\n--- source ---\n{doc}");
            }
            if width >= MIN_WIDTH
                && let Err(e) = common::segments_survive(&expected, &lines)
            {
                prop_assert!(false, "width {width}: {e}\n--- source ---\n{doc}");
            }
        }
    }

    #[test]
    fn narrow_widths_give_one_line(doc in document(), width in 0..MIN_WIDTH) {
        let lines = render(&doc, width, &MdStyles::default());
        prop_assert_eq!(lines.len(), 1);
        prop_assert!(feoops::markdown::line_width(&lines[0]) <= width);
    }
}
