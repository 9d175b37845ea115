//! The modules flow one way (see `src/lib.rs`): the ground floor, the engines, the library,
//! the front ends. This test reads every `crate::` path in `src/` and fails when a module
//! names one it may not stand on.

use std::collections::BTreeSet;
use std::path::Path;

/// What each top-level module may name besides itself.
fn allowed(module: &str) -> Option<&'static [&'static str]> {
    const ENGINE_GROUND: &[&str] = &["base", "markdown"];
    Some(match module {
        "base" => &[],
        "markdown" => &["base"],
        "pages" | "catalog" | "quiz" | "pipeline" => ENGINE_GROUND,
        // The advisor ranks the catalogue's tools: it reads the catalogue's public model.
        "advisor" => &["base", "markdown", "catalog"],
        // User data on disk: quiz reviews, the advisor's profile and stack.
        "store" => &["base", "catalog", "advisor", "quiz"],
        "library" => &[
            "base", "markdown", "pages", "catalog", "advisor", "quiz", "pipeline", "store",
        ],
        "tui" => &[
            "base", "markdown", "pages", "catalog", "advisor", "quiz", "pipeline", "store",
            "library",
        ],
        "cli" => &[
            "base", "markdown", "pages", "catalog", "advisor", "quiz", "pipeline", "store",
            "library", "tui",
        ],
        _ => return None,
    })
}

/// The module a `crate::NAME` path lands in (root re-exports count as their home).
fn home(name: &str) -> &str {
    match name {
        "i18n" | "sanitize" | "userfile" => "base",
        "Library" | "Loaded" => "library",
        other => other,
    }
}

/// The code of a file without its comments (doc links may name any module).
fn strip_comments(text: &str) -> String {
    text.lines()
        .map(|l| match l.find("//") {
            Some(i) if !l[..i].contains('"') => &l[..i],
            _ => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The first segment of every `crate::` path: `crate::a::b` gives `a`, and
/// `crate::{a::x, b, c::{d}}` gives `a`, `b` and `c`.
fn crate_roots(code: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = code;
    while let Some(i) = rest.find("crate::") {
        let before = rest[..i].chars().next_back();
        rest = &rest[i + "crate::".len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$') {
            continue; // `$crate::` or `some_crate::`
        }
        let trimmed = rest.trim_start();
        if let Some(group) = trimmed.strip_prefix('{') {
            let mut depth = 1;
            let mut item = String::new();
            let mut items = Vec::new();
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    ',' if depth == 1 => items.push(std::mem::take(&mut item)),
                    _ if depth == 1 => item.push(c),
                    _ => {}
                }
            }
            items.push(item);
            for it in items {
                let first = it
                    .trim()
                    .split("::")
                    .next()
                    .unwrap_or("")
                    .trim()
                    .to_string();
                if !first.is_empty() && first != "self" {
                    out.insert(first);
                }
            }
        } else {
            let name: String = trimmed
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                out.insert(name);
            }
        }
    }
    out
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn no_module_imports_one_above_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let mut wrong = Vec::new();
    let mut checked = 0;
    for path in &files {
        let rel = path.strip_prefix(&src).unwrap();
        let first = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy();
        let module = first.trim_end_matches(".rs");
        if module == "lib" || module == "main" {
            continue;
        }
        let Some(may) = allowed(module) else {
            wrong.push(format!(
                "src/{}: module `{module}` has no layer in tests/layers.rs",
                rel.display()
            ));
            continue;
        };
        checked += 1;
        let code = strip_comments(&std::fs::read_to_string(path).unwrap());
        for root in crate_roots(&code) {
            let to = home(&root);
            if to != module && !may.contains(&to) {
                wrong.push(format!(
                    "src/{}: `{module}` uses `crate::{root}`, a layer above it or beside it",
                    rel.display()
                ));
            }
        }
    }
    assert!(checked > 50, "only {checked} files checked");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_scanner_sees_grouped_and_nested_paths() {
    let code = "use crate::{Library, base::Lang, pages::{Page, PagePane}};\n\
                use crate::tui::App;\n\
                let x = crate::catalog::present::escape(y); // crate::cli::run\n\
                $crate::ignored::path";
    let roots = crate_roots(&strip_comments(code));
    let want: BTreeSet<String> = ["Library", "base", "pages", "tui", "catalog"]
        .into_iter()
        .map(String::from)
        .collect();
    assert_eq!(roots, want);
    // And a lower layer naming a higher one is caught.
    assert!(!allowed("catalog").unwrap().contains(&home("Library")));
    assert!(!allowed("quiz").unwrap().contains(&"catalog"));
}
