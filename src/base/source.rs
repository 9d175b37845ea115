//! Where content comes from: the folder embedded in the binary, or a folder on disk.
//! Both become the same list of files, so loading and validation have one code path.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use super::i18n::{fill, io_error, text};
use super::{Lang, Localized};

/// The content folder compiled into the binary: (relative path, text or why it is not
/// text), sorted by path. Written by `build.rs`.
static EMBEDDED: &[(&str, Result<&str, &str>)] = include!(concat!(env!("OUT_DIR"), "/embedded.rs"));

/// One content file: its path relative to the content root (with `/` separators) and its text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: String,
    /// Borrowed from the binary for the embedded folder, owned for a folder on disk.
    pub text: Cow<'static, str>,
}

/// `stages.toml`, `categories.toml` and `pipeline.toml` as JSON, written by `build.rs`.
static SHIPPED_JSON: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/shipped_json.rs"));

impl SourceFile {
    /// For a shipped file, unchanged, that `build.rs` also wrote as JSON: that JSON, which
    /// reads in a fraction of the TOML parse's time. The test suite checks the file in full
    /// and that both give the same values.
    pub fn shipped_json(&self) -> Option<&'static str> {
        self.embedded_text()?;
        SHIPPED_JSON
            .iter()
            .find(|(p, _)| *p == self.path)
            .map(|(_, json)| *json)
    }

    /// The text, when it is the shipped file of the same path, unchanged (borrowed from
    /// the binary's own copy): content the build and the test suite have checked.
    pub fn embedded_text(&self) -> Option<&'static str> {
        let Cow::Borrowed(text) = self.text else {
            return None;
        };
        let i = EMBEDDED
            .binary_search_by(|(p, _)| (*p).cmp(self.path.as_str()))
            .ok()?;
        let shipped = EMBEDDED[i].1.ok()?;
        std::ptr::eq(shipped, text).then_some(text)
    }
}

/// A set of content files and the name to show for their root in messages.
#[derive(Debug, Clone)]
pub struct ContentFiles {
    /// Shown before each relative path in problems (`content` or the user's folder).
    pub root: String,
    pub files: Vec<SourceFile>,
    /// Files that could not be read as UTF-8 text (path, reason in each language).
    pub unreadable: Vec<(String, Localized<String>)>,
}

impl ContentFiles {
    /// The content folder compiled into the binary.
    pub fn embedded() -> Self {
        let mut files = Vec::with_capacity(EMBEDDED.len());
        let mut unreadable = Vec::new();
        for &(path, text) in EMBEDDED {
            match text {
                Ok(text) => files.push(SourceFile {
                    path: path.to_string(),
                    text: Cow::Borrowed(text),
                }),
                Err(why) => unreadable.push((
                    path.to_string(),
                    Localized {
                        en: why.to_string(),
                        ko: why.to_string(),
                    },
                )),
            }
        }
        ContentFiles {
            root: "content".into(),
            files,
            unreadable,
        }
    }

    /// A folder on disk with the same layout as `content/`.
    pub fn from_dir(dir: &Path) -> std::io::Result<Self> {
        let meta = std::fs::metadata(dir)?;
        if !meta.is_dir() {
            return Err(
                super::userfile::FileProblem::NotFolder.io(std::io::ErrorKind::NotADirectory)
            );
        }
        let mut files = Vec::new();
        let mut unreadable = Vec::new();
        walk_root(dir, &mut files, &mut unreadable)?;
        files.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(ContentFiles {
            root: dir.display().to_string().trim_end_matches('/').to_string(),
            files,
            unreadable,
        })
    }

    pub fn get(&self, path: &str) -> Option<&SourceFile> {
        self.files.iter().find(|f| f.path == path)
    }

    /// Files directly under `dir` (relative, no trailing slash) whose name ends with `ext`.
    pub fn in_dir<'a>(
        &'a self,
        dir: &'a str,
        ext: &'a str,
    ) -> impl Iterator<Item = &'a SourceFile> {
        self.files.iter().filter(move |f| {
            f.path
                .strip_prefix(dir)
                .and_then(|rest| rest.strip_prefix('/'))
                .is_some_and(|name| !name.contains('/') && name.ends_with(ext))
        })
    }

    /// The path as shown to the user: `root/relative`.
    pub fn display_path(&self, rel: &str) -> String {
        format!("{}/{}", self.root, rel)
    }
}

fn is_content_file(name: &str) -> bool {
    name.ends_with(".md") || name.ends_with(".toml")
}

/// The most files a content folder walk reads: a bound on the work, whatever the folder.
const MAX_FILES: usize = 20_000;

/// What the walk has seen: the folders it entered (by canonical path, so a symlink to `.`
/// or a loop of symlinks is entered once) and the root it must stay inside.
struct Walk {
    root_real: PathBuf,
    entered: std::collections::HashSet<PathBuf>,
    files: usize,
}

/// A reason in both languages.
fn both(f: impl Fn(Lang) -> String) -> Localized<String> {
    Localized {
        en: f(Lang::En),
        ko: f(Lang::Ko),
    }
}

fn walk_root(
    root: &Path,
    out: &mut Vec<SourceFile>,
    bad: &mut Vec<(String, Localized<String>)>,
) -> std::io::Result<()> {
    let root_real = std::fs::canonicalize(root)?;
    let mut w = Walk {
        entered: std::collections::HashSet::from([root_real.clone()]),
        root_real,
        files: 0,
    };
    walk(&mut w, root, root, out, bad)
}

fn walk(
    w: &mut Walk,
    root: &Path,
    dir: &Path,
    out: &mut Vec<SourceFile>,
    bad: &mut Vec<(String, Localized<String>)>,
) -> std::io::Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for path in entries {
        if w.files > MAX_FILES {
            return Ok(());
        }
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        if name.starts_with('.') {
            continue;
        }
        let rel = path
            .strip_prefix(root)
            .unwrap_or(&path)
            .to_string_lossy()
            .replace('\\', "/");
        if path.is_dir() {
            // A folder is entered once, and only inside the content folder: a symlink to
            // `.` or to `/` would otherwise walk forever or walk the whole file system.
            match std::fs::canonicalize(&path) {
                Ok(real) if !real.starts_with(&w.root_real) => {
                    bad.push((rel, both(|l| text(l).messages.content_link_outside.clone())))
                }
                Ok(real) if !w.entered.insert(real.clone()) => {
                    bad.push((rel, both(|l| text(l).messages.content_link_loop.clone())))
                }
                Ok(_) => walk(w, root, &path, out, bad)?,
                Err(e) => bad.push((rel, both(|l| io_error(&e, l)))),
            }
            continue;
        }
        if !is_content_file(&name) {
            continue;
        }
        w.files += 1;
        if w.files > MAX_FILES {
            bad.push((
                rel,
                both(|l| fill(&text(l).messages.content_too_many, &[("n", &MAX_FILES)])),
            ));
            continue;
        }
        match crate::userfile::read_to_string(&path) {
            Ok(text) => out.push(SourceFile {
                path: rel,
                text: Cow::Owned(lone_cr_to_lf(text)),
            }),
            Err(e) => bad.push((rel, both(|l| io_error(&e, l)))),
        }
    }
    Ok(())
}

/// Old Mac line endings (a CR alone) become LF, byte for byte, so every loader reads them
/// as lines and every offset, line and column stays true; CRLF is left as it is.
pub fn lone_cr_to_lf(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    let mut bytes = text.into_bytes();
    for i in 0..bytes.len() {
        if bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n') {
            bytes[i] = b'\n';
        }
    }
    // Only one ASCII byte was swapped for another.
    String::from_utf8(bytes).unwrap_or_default()
}
