// The content/ folder is embedded as a table of `include_str!`s, so the binary neither
// walks a directory tree nor checks UTF-8 at start-up (the compiler already did).
//
// The tool files are also turned into a catalogue image (`catalog.bin`): every tool's
// fields, then its search texts (names, aliases and tags lowercased, compacted, with their
// initials and character masks; both summaries lowercased with their masks and bigram
// sets). The texts come from the same code the binary uses (`src/catalog/text.rs`,
// compiled in here by `#[path]`), so a start-up reads them instead of computing them.
// Layout (byte format in `src/catalog/image.rs`):
//   magic, a `u32`: where the category section starts, the tool files' paths,
//   a count and one `u32` per tool: where its fields start (tools in catalogue order:
//   by lowercased name, then id; a later duplicate id left out),
//   a count and one `u32` per tool: where its texts record starts,
//   the tools (fields in `Tool`'s order), the records,
//   the category section: per category (by id) its id, both labels and their texts.
// Nothing is validated here: `cargo test` checks the content in full
// (tests/content_lint.rs) and that the image gives the same tools and index as the TOML.
// A tools file this script cannot read as expected leaves the image empty; the binary
// then loads the TOML files the checked way.
// The UI labels (`assets/i18n/*.toml`) are written as JSON (`i18n_*.json`), which the
// binary deserializes into the same typed struct in a fraction of the TOML parse's time.
// Cargo is told to rebuild when content/ or assets/ change.
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

#[path = "src/pages/front_matter.rs"]
mod front_matter;
#[path = "src/catalog/hangul.rs"]
#[allow(dead_code)]
mod hangul;
#[path = "src/catalog/image.rs"]
#[allow(dead_code)]
mod image;
#[path = "src/catalog/text.rs"]
#[allow(dead_code)]
mod text;

const MAGIC: &[u8; 8] = b"FEOCAT\x00\x02";

fn main() {
    println!("cargo:rerun-if-changed=content");
    println!("cargo:rerun-if-changed=assets");
    println!("cargo:rerun-if-changed=src/catalog/hangul.rs");
    println!("cargo:rerun-if-changed=src/catalog/image.rs");
    println!("cargo:rerun-if-changed=src/catalog/text.rs");
    println!("cargo:rerun-if-changed=src/pages/front_matter.rs");
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
    let mut tool_files: Vec<(String, String)> = Vec::new();
    for (rel, path) in &files {
        match std::fs::read(path).map(String::from_utf8) {
            Ok(Ok(text)) => {
                writeln!(out, "    ({rel:?}, Ok(include_str!({path:?}))),").unwrap();
                if rel.starts_with("tools/") && rel.ends_with(".toml") {
                    tool_files.push((rel.clone(), text));
                }
            }
            _ => writeln!(out, "    ({rel:?}, Err(\"not valid UTF-8\")),").unwrap(),
        }
    }
    out.push_str("]\n");
    std::fs::write(out_dir.join("embedded.rs"), out).unwrap();
    let categories = (files.iter())
        .find(|(rel, _)| rel == "categories.toml")
        .and_then(|(_, path)| std::fs::read_to_string(path).ok());
    let image = catalog_image(&tool_files, categories.as_deref()).unwrap_or_default();
    std::fs::write(out_dir.join("catalog.bin"), image.bytes).unwrap();
    std::fs::write(out_dir.join("catalog.txt"), image.text).unwrap();
    std::fs::write(out_dir.join("pages_meta.rs"), pages_meta(&files)).unwrap();
    std::fs::write(out_dir.join("shipped_json.rs"), shipped_json(&files)).unwrap();
    for lang in ["en", "ko"] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("assets/i18n/{lang}.toml"));
        println!("cargo:rerun-if-changed={}", path.display());
        let (labels, help) = labels_json(&path);
        std::fs::write(out_dir.join(format!("i18n_{lang}.json")), labels).unwrap();
        std::fs::write(out_dir.join(format!("i18n_{lang}_help.json")), help).unwrap();
    }
}

/// The front matter of every page (`pages/<lang>/<id>.md`), as a Rust table the binary
/// reads without parsing TOML: `Some(&[PageMeta { … }, …])` in file order, or `None` when
/// a page's front matter does not read as expected (the binary then loads the pages the
/// checked way, and `cargo test` reports the problem).
fn pages_meta(files: &[(String, PathBuf)]) -> String {
    let mut out = String::from("Some(&[\n");
    for (rel, path) in files {
        let Some(name) = rel.strip_prefix("pages/") else {
            continue;
        };
        if !name.ends_with(".md") {
            continue;
        }
        match page_meta(rel, path) {
            Some(row) => out.push_str(&row),
            None => return "None".to_string(),
        }
    }
    out.push_str("])\n");
    out
}

fn page_meta(rel: &str, path: &Path) -> Option<String> {
    let text = std::fs::read_to_string(path).ok()?;
    let (fm_start, fm_end, body_start) = front_matter::split(&text).ok()?;
    let fm: toml::Table = toml::from_str(&text[fm_start..fm_end]).ok()?;
    let str_of = |k: &str| -> Option<&str> { fm.get(k)?.as_str() };
    let stage = match fm.get("stage") {
        None => None,
        Some(v) => Some(v.as_str()?),
    };
    Some(format!(
        "    PageMeta {{ path: {rel:?}, id: {:?}, title: {:?}, pane: {:?}, order: {}, stage: {stage:?}, related: &{:?}, sources: &{:?}, body_start: {body_start} }},\n",
        str_of("id")?,
        str_of("title")?.trim(),
        str_of("pane")?,
        fm.get("order")?.as_integer()?,
        list(fm.get("related"))?,
        list(fm.get("sources"))?,
    ))
}

/// The small content files every command reads (`stages.toml`, `categories.toml`,
/// `pipeline.toml`) as JSON, a Rust table of (path, JSON): the binary reads a shipped,
/// unchanged file from it instead of parsing its TOML. A file that does not parse is left
/// out (the binary then parses the TOML and reports the problem).
fn shipped_json(files: &[(String, PathBuf)]) -> String {
    let mut out = String::from("&[\n");
    for (rel, path) in files {
        if !matches!(
            rel.as_str(),
            "stages.toml" | "categories.toml" | "pipeline.toml"
        ) {
            continue;
        }
        if let Some(json) = read_toml(path).and_then(|t| serde_json::to_string(&t).ok()) {
            writeln!(out, "    ({rel:?}, {json:?}),").unwrap();
        }
    }
    out.push_str("]\n");
    out
}

/// The UI labels of `path` as JSON, which the binary reads four times faster than TOML:
/// all but `[cli_help]`, and `[cli_help]` alone (read only for `--help`); empty when the
/// file cannot be read or parsed (the binary then parses the TOML, and its error names the
/// file and line).
fn labels_json(path: &Path) -> (String, String) {
    let Some(mut table) = read_toml(path) else {
        return Default::default();
    };
    let help = table.remove("cli_help");
    let help = help.and_then(|h| serde_json::to_string(&h).ok());
    (
        serde_json::to_string(&table).unwrap_or_default(),
        help.unwrap_or_default(),
    )
}

/// A TOML file as a table; `None` when it cannot be read or parsed.
fn read_toml(path: &Path) -> Option<toml::Table> {
    toml::from_str(&std::fs::read_to_string(path).ok()?).ok()
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

/// The keys a `[[tool]]` table may hold (`src/catalog/load.rs`, `RawTool`).
const KEYS: &[&str] = &[
    "id",
    "name",
    "aliases",
    "stages",
    "primary_stage",
    "category",
    "summary",
    "license",
    "license_class",
    "pricing",
    "hosting",
    "clouds",
    "ecosystems",
    "maturity",
    "status",
    "end_of_life",
    "verified",
    "homepage",
    "repo",
    "alternatives",
    "integrates_with",
    "requires",
    "good_for",
    "not_for",
    "tags",
];

/// The strings of an array value (none when absent).
fn list(v: Option<&toml::Value>) -> Option<Vec<&str>> {
    match v {
        None => Some(Vec::new()),
        Some(v) => v.as_array()?.iter().map(|x| x.as_str()).collect(),
    }
}

/// The image of the tool files, or `None` when one of them is not as expected.
fn catalog_image(files: &[(String, String)], categories: Option<&str>) -> Option<image::Writer> {
    let mut tables = Vec::new();
    for (_, text) in files {
        let doc: toml::Table = toml::from_str(text).ok()?;
        for (key, value) in doc {
            if key != "tool" {
                return None;
            }
            for t in value.as_array()? {
                let t = t.as_table()?;
                if t.keys().any(|k| !KEYS.contains(&k.as_str())) {
                    return None;
                }
                tables.push(t.clone());
            }
        }
    }
    // The catalogue's order: by name (case-insensitive), then id; a later duplicate id is
    // dropped (as `Catalog::new` does), so the binary reads the tools in place.
    let mut keyed = Vec::with_capacity(tables.len());
    for t in &tables {
        let name = t.get("name")?.as_str()?.trim().to_lowercase();
        keyed.push((name, t.get("id")?.as_str()?, t));
    }
    keyed.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)));
    let mut seen = std::collections::HashSet::new();
    let tables: Vec<&toml::Table> = (keyed.into_iter())
        .filter(|(_, id, _)| seen.insert(*id))
        .map(|(_, _, t)| t)
        .collect();

    let mut w = image::Writer::default();
    w.bytes.extend_from_slice(MAGIC);
    let categories_at = w.pos();
    w.u32(0);
    w.strs(files.iter().map(|(p, _)| p.as_str()));
    // The tools' fields, each tool on its own (so one can be read without the others).
    let mut tw = image::Writer::with_text(std::mem::take(&mut w.text));
    let mut tool_starts = Vec::with_capacity(tables.len());
    let mut texts = Vec::new();
    for t in &tables {
        tool_starts.push(tw.pos());
        let w = &mut tw;
        let str_of = |k: &str| -> Option<&str> { t.get(k)?.as_str() };
        let opt = |k: &str| -> Option<Option<&str>> {
            match t.get(k) {
                None => Some(None),
                Some(v) => Some(Some(v.as_str()?)),
            }
        };
        let pair = |k: &str, lang: &str| -> Option<Vec<&str>> {
            match t.get(k) {
                None => Some(Vec::new()),
                Some(v) => list(v.as_table()?.get(lang)),
            }
        };
        let summary = t.get("summary")?.as_table()?;
        let (id, name) = (str_of("id")?, str_of("name")?.trim());
        let en = summary.get("en")?.as_str()?.trim();
        let ko = summary.get("ko")?.as_str()?.trim();
        let aliases = list(t.get("aliases"))?;
        let tags = list(t.get("tags"))?;
        w.str(id);
        w.str(name);
        w.strs(aliases.iter().copied());
        w.strs(list(Some(t.get("stages")?))?.into_iter());
        w.str(str_of("primary_stage")?);
        w.str(str_of("category")?);
        w.str(en);
        w.str(ko);
        for k in ["license", "license_class", "pricing"] {
            w.opt_str(opt(k)?);
        }
        for k in ["hosting", "clouds", "ecosystems"] {
            w.strs(list(t.get(k))?.into_iter());
        }
        for k in ["maturity", "status", "end_of_life", "verified"] {
            w.opt_str(opt(k)?);
        }
        w.str(str_of("homepage")?);
        w.opt_str(opt("repo")?);
        for k in ["alternatives", "integrates_with", "requires"] {
            w.strs(list(t.get(k))?.into_iter());
        }
        for k in ["good_for", "not_for"] {
            w.strs(pair(k, "en")?.into_iter());
            w.strs(pair(k, "ko")?.into_iter());
        }
        w.strs(tags.iter().copied());

        let x = text::ToolTexts::new(name, id, aliases.iter().copied(), tags.iter().copied());
        texts.push((x, [en, ko]));
    }
    // The records' strings go to the same pool, after the tools' strings.
    let mut records = image::Writer::with_text(std::mem::take(&mut tw.text));
    let mut starts = Vec::new();
    for (x, summary) in &texts {
        starts.push(records.pos());
        x.encode_record(*summary, &mut records);
    }
    w.text = records.text;
    let n = tool_starts.len();
    w.len(n);
    // Then two tables of `n` positions with the second count between them.
    let tools_base = w.pos() + 8 * n + 4;
    let records_base = tools_base + tw.bytes.len();
    for s in tool_starts {
        w.u32(u32::try_from(tools_base + s).ok()?);
    }
    w.len(starts.len());
    for s in starts {
        w.u32(u32::try_from(records_base + s).ok()?);
    }
    w.bytes.extend_from_slice(&tw.bytes);
    w.bytes.extend_from_slice(&records.bytes);
    let at = u32::try_from(w.pos()).ok()?;
    w.patch_u32(categories_at, at);
    category_hays(categories, &mut w);
    Some(w)
}

/// The category labels' search texts (`categories.toml`, by id): a count, then per
/// category its id, both labels and their prepared forms. A file that does not read gives
/// none (the binary then prepares the labels itself).
fn category_hays(file: Option<&str>, w: &mut image::Writer) {
    let labels = || -> Option<Vec<(String, String, String)>> {
        let doc: toml::Table = toml::from_str(file?).ok()?;
        let mut out = Vec::new();
        for (id, v) in doc.get("category")?.as_table()? {
            let label = |lang: &str| Some(v.get(lang)?.as_str()?.to_string());
            out.push((id.clone(), label("en")?, label("ko")?));
        }
        out.sort();
        Some(out)
    };
    let labels = labels().unwrap_or_default();
    w.len(labels.len());
    for (id, en, ko) in &labels {
        w.str(id);
        w.str(en);
        w.str(ko);
        text::Hay::new(en).encode(w);
        text::Hay::new(ko).encode(w);
    }
}
