// The content/ folder is embedded as a table of `include_str!`s, so the binary neither
// walks a directory tree nor checks UTF-8 at start-up (the compiler already did). The
// tool files are also pre-parsed here: each `tools/*.toml` is turned into JSON, which the
// binary reads several times faster than TOML (`src/catalog/load.rs`, trusted path).
// Nothing is validated here: `cargo test` checks the content in full (tests/content_lint.rs).
// Cargo is told to rebuild when content/ or assets/ change.
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    println!("cargo:rerun-if-changed=content");
    println!("cargo:rerun-if-changed=assets");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let mut files = Vec::new();
    walk(&root, &mut files);
    let mut files: Vec<(String, PathBuf)> = files
        .into_iter()
        .map(|p| {
            let rel = p
                .strip_prefix(&root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, p)
        })
        .collect();
    files.sort();
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").unwrap());
    let mut out = String::from("&[\n");
    let mut json = String::from("&[\n");
    for (rel, path) in &files {
        match std::fs::read(path).map(String::from_utf8) {
            Ok(Ok(text)) => {
                writeln!(out, "    ({rel:?}, Ok(include_str!({path:?}))),").unwrap();
                if rel.starts_with("tools/") && rel.ends_with(".toml") {
                    // A file that does not parse is left to the TOML loader (and its errors).
                    if let Ok(value) = toml::from_str::<serde_json::Value>(&text) {
                        let dest = out_dir.join(rel.replace('/', "__") + ".json");
                        std::fs::write(&dest, value.to_string()).unwrap();
                        writeln!(json, "    ({rel:?}, include_str!({dest:?})),").unwrap();
                    }
                }
            }
            _ => writeln!(out, "    ({rel:?}, Err(\"not valid UTF-8\")),").unwrap(),
        }
    }
    out.push_str("]\n");
    json.push_str("]\n");
    std::fs::write(out_dir.join("embedded.rs"), out).unwrap();
    std::fs::write(out_dir.join("embedded_json.rs"), json).unwrap();
}

/// Every `.md` and `.toml` file under `dir`, skipping hidden names (as a folder on disk
/// is read at run time).
fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let path = e.path();
        let name = e.file_name().to_string_lossy().to_string();
        if name.starts_with('.') {
            continue;
        }
        if path.is_dir() {
            println!("cargo:rerun-if-changed={}", path.display());
            walk(&path, out);
        } else if name.ends_with(".md") || name.ends_with(".toml") {
            out.push(path);
        }
    }
}
