// The content/ folder is embedded as a table of `include_str!`s, so the binary neither
// walks a directory tree nor checks UTF-8 at start-up (the compiler already did). Cargo
// is told to rebuild when content/ or assets/ change.
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
    let mut out = String::from("&[\n");
    for (rel, path) in &files {
        match std::fs::read(path).map(String::from_utf8) {
            Ok(Ok(_)) => writeln!(out, "    ({rel:?}, Ok(include_str!({path:?}))),").unwrap(),
            _ => writeln!(out, "    ({rel:?}, Err(\"not valid UTF-8\")),").unwrap(),
        }
    }
    out.push_str("]\n");
    let dest = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("embedded.rs");
    std::fs::write(dest, out).unwrap();
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
