//! The landscape cache: what importing a `landscape.yml` gave (the imported tools, the
//! built-in tools it filled in, and the report), kept in the user's cache folder so the
//! next run with the same file skips reading the YAML and merging it.
//!
//! A cache file is keyed by the landscape file's size, modification time and a hash of its
//! bytes, and by a fingerprint of the catalogue it was merged into (the tool files, the
//! mapping table, the categories and stages, and the feoops version). Any difference, and
//! any cache file that does not read in full (cut, corrupt, another version), is a miss:
//! the import runs and the cache is written again. A cache never breaks a command: its
//! errors are ignored. Reads are bounded; writes go to a temporary file renamed over the
//! old one, so a reader never sees half a file.
//!
//! File layout: magic, key, the numbers part's length (`u64`), a hash of the numbers and
//! the text pool (`u64`), then the numbers and the text pool (`image.rs`).

use std::io::Write as _;
use std::path::{Path, PathBuf};

use super::image::{Reader, Writer};
use super::{
    Cloud, Ecosystem, Hosting, ImportReport, LandscapeRef, LicenseClass, Maturity, Pricing, Source,
    Status, Tool,
};
use crate::base::Localized;
use crate::catalog::landscape::SubcategoryCount;

const MAGIC: &[u8; 8] = b"FEOLSC\x00\x02";
/// The largest cache file read back (a 100,000-item landscape makes about 40 MB).
const MAX_BYTES: u64 = 512 * 1024 * 1024;

/// What a cache file must match to be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub size: u64,
    /// Modification time, in nanoseconds since the Unix epoch (0 when unknown).
    pub mtime_ns: u64,
    pub hash: u64,
    /// Of the catalogue merged into and of this program's version.
    pub fingerprint: u64,
}

impl Key {
    fn write(&self, w: &mut Writer) {
        for v in [self.size, self.mtime_ns, self.hash, self.fingerprint] {
            w.u64(v);
        }
    }
}

/// What an import gave.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    /// Built-in tools the import filled in, as they are after it.
    pub changed: Vec<Tool>,
    /// The new tools.
    pub imported: Vec<Tool>,
    pub report: ImportReport,
}

/// The user's cache folder for feoops: `$XDG_CACHE_HOME/feoops`, else `~/.cache/feoops`
/// (`~/Library/Caches/feoops` on macOS, `%LOCALAPPDATA%\feoops\cache` on Windows).
/// `None` when no such folder can be named.
pub fn default_dir() -> Option<PathBuf> {
    let var = |k: &str| {
        std::env::var_os(k)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    if cfg!(windows) {
        return var("LOCALAPPDATA").map(|d| d.join("feoops").join("cache"));
    }
    if let Some(d) = var("XDG_CACHE_HOME").filter(|d| d.is_absolute()) {
        return Some(d.join("feoops"));
    }
    let home = var("HOME")?;
    if cfg!(target_os = "macos") {
        Some(home.join("Library/Caches/feoops"))
    } else {
        Some(home.join(".cache/feoops"))
    }
}

/// The cache file for a landscape file: named by a hash of its absolute path.
pub fn file_for(dir: &Path, landscape: &Path) -> PathBuf {
    let abs = std::path::absolute(landscape).unwrap_or_else(|_| landscape.to_path_buf());
    let h = super::image::hash(abs.to_string_lossy().as_bytes(), 0x6c61_6e64);
    dir.join(format!("landscape-{h:016x}.bin"))
}

fn checksum(numbers: &[u8], text: &[u8]) -> u64 {
    super::image::hash(text, super::image::hash(numbers, 0x6361_6368))
}

/// The key a cache file was written for, if it starts like one.
pub fn read_key(file: &Path) -> Option<Key> {
    let bytes = crate::base::userfile::read_bounded(file, MAX_BYTES).ok()?;
    let mut r = Reader::new(bytes.strip_prefix(MAGIC.as_slice())?, "");
    Some(Key {
        size: r.u64()?,
        mtime_ns: r.u64()?,
        hash: r.u64()?,
        fingerprint: r.u64()?,
    })
}

/// The cached import for `key`, if the cache file exists, reads in full and matches.
pub fn load(file: &Path, key: &Key) -> Option<Imported> {
    let bytes = crate::base::userfile::read_bounded(file, MAX_BYTES).ok()?;
    let mut head = Writer::default();
    head.bytes.extend_from_slice(MAGIC);
    key.write(&mut head);
    let rest = bytes.strip_prefix(head.bytes.as_slice())?;
    let mut r = Reader::new(rest, "");
    let n = usize::try_from(r.u64()?).ok()?;
    let sum = r.u64()?;
    let numbers = rest.get(16..16usize.checked_add(n)?)?;
    let text = rest.get(16 + n..)?;
    if checksum(numbers, text) != sum {
        return None;
    }
    let text = std::str::from_utf8(text).ok()?;
    let mut r = Reader::new(numbers, text);
    let report = read_report(&mut r)?;
    let changed = read_tools(&mut r)?;
    let imported = read_tools(&mut r)?;
    r.is_done().then_some(Imported {
        changed,
        imported,
        report,
    })
}

/// Writes the cache file (atomically: a temporary file renamed over the old one): the
/// report, the built-in tools the import changed and the imported tools.
pub fn store(
    file: &Path,
    key: &Key,
    report: &ImportReport,
    changed: &[&Tool],
    imported: &[&Tool],
) -> std::io::Result<()> {
    let mut w = Writer::default();
    write_report(&mut w, report);
    write_tools(&mut w, changed);
    write_tools(&mut w, imported);
    let dir = file.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let tmp = dir.join(format!(
        ".{}.{}.tmp",
        file.file_name()
            .map_or("cache".into(), |n| n.to_string_lossy()),
        std::process::id()
    ));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        let mut head = Writer::default();
        head.bytes.extend_from_slice(MAGIC);
        key.write(&mut head);
        head.u64(w.bytes.len() as u64);
        head.u64(checksum(&w.bytes, w.text.as_bytes()));
        f.write_all(&head.bytes)?;
        f.write_all(&w.bytes)?;
        f.write_all(w.text.as_bytes())?;
        f.sync_all()?;
        std::fs::rename(&tmp, file)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

fn write_counts(w: &mut Writer, list: &[SubcategoryCount]) {
    w.len(list.len());
    for s in list {
        w.str(&s.category);
        w.str(&s.subcategory);
        w.len(s.items);
    }
}

fn read_counts(r: &mut Reader) -> Option<Vec<SubcategoryCount>> {
    let n = r.count(20)?;
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        out.push(SubcategoryCount {
            category: r.string()?,
            subcategory: r.string()?,
            items: r.u32()? as usize,
        });
    }
    Some(out)
}

fn write_report(w: &mut Writer, r: &ImportReport) {
    for n in [
        r.items,
        r.imported,
        r.merged,
        r.filled,
        r.skipped_items,
        r.unmapped_items,
        r.nameless,
    ] {
        w.u64(n as u64);
    }
    write_counts(w, &r.skipped);
    write_counts(w, &r.unmapped);
}

fn read_report(r: &mut Reader) -> Option<ImportReport> {
    let mut n = [0usize; 7];
    for v in &mut n {
        *v = usize::try_from(r.u64()?).ok()?;
    }
    Some(ImportReport {
        items: n[0],
        imported: n[1],
        merged: n[2],
        filled: n[3],
        skipped_items: n[4],
        unmapped_items: n[5],
        nameless: n[6],
        skipped: read_counts(r)?,
        unmapped: read_counts(r)?,
    })
}

fn write_tools(w: &mut Writer, tools: &[&Tool]) {
    w.len(tools.len());
    for t in tools {
        write_tool(w, t);
    }
}

fn read_tools(r: &mut Reader) -> Option<Vec<Tool>> {
    let n = r.count(40)?;
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        out.push(read_tool(r)?);
    }
    Some(out)
}

fn ids<T: Copy>(w: &mut Writer, list: &[T], id: impl Fn(T) -> &'static str) {
    w.strs(list.iter().map(|&v| id(v)));
}

fn write_date(w: &mut Writer, d: Option<jiff::civil::Date>) {
    w.opt_str(d.map(|d| d.to_string()).as_deref());
}

fn read_date(r: &mut Reader) -> Option<Option<jiff::civil::Date>> {
    r.opt_parsed(|s| s.parse().ok())
}

fn write_tool(w: &mut Writer, t: &Tool) {
    w.str(&t.id);
    w.str(&t.name);
    w.strs(t.aliases.iter().map(String::as_str));
    w.strs(t.stages.iter().map(String::as_str));
    w.str(&t.primary_stage);
    w.str(&t.category);
    w.str(&t.summary.en);
    w.str(&t.summary.ko);
    w.u8(u8::from(t.summary_ko_fallback));
    w.opt_str(t.license.as_deref());
    w.opt_str(t.license_class.map(LicenseClass::id));
    w.opt_str(t.pricing.map(Pricing::id));
    ids(w, &t.hosting, Hosting::id);
    ids(w, &t.clouds, Cloud::id);
    ids(w, &t.ecosystems, Ecosystem::id);
    w.opt_str(t.maturity.map(Maturity::id));
    w.opt_str(t.status.map(Status::id));
    write_date(w, t.end_of_life);
    write_date(w, t.verified);
    w.str(&t.homepage);
    w.opt_str(t.repo.as_deref());
    for list in [&t.alternatives, &t.integrates_with, &t.requires] {
        w.strs(list.iter().map(String::as_str));
    }
    for list in [
        &t.good_for.en,
        &t.good_for.ko,
        &t.not_for.en,
        &t.not_for.ko,
        &t.tags,
    ] {
        w.strs(list.iter().map(String::as_str));
    }
    w.str(t.source.id());
    match &t.landscape {
        Some(l) => {
            w.u8(1);
            w.str(&l.category);
            w.str(&l.subcategory);
            w.strs(l.filled.iter().map(String::as_str));
        }
        None => w.u8(0),
    }
}

fn read_tool(r: &mut Reader) -> Option<Tool> {
    Some(Tool {
        id: r.string()?,
        name: r.string()?,
        aliases: r.strings()?,
        stages: r.strings()?,
        primary_stage: r.string()?,
        category: r.string()?,
        summary: Localized {
            en: r.string()?,
            ko: r.string()?,
        },
        summary_ko_fallback: match r.u8()? {
            0 => false,
            1 => true,
            _ => return None,
        },
        license: r.opt_string()?,
        license_class: r.opt_parsed(LicenseClass::parse)?,
        pricing: r.opt_parsed(Pricing::parse)?,
        hosting: r.parsed_list(Hosting::parse)?,
        clouds: r.parsed_list(Cloud::parse)?,
        ecosystems: r.parsed_list(Ecosystem::parse)?,
        maturity: r.opt_parsed(Maturity::parse)?,
        status: r.opt_parsed(Status::parse)?,
        end_of_life: read_date(r)?,
        verified: read_date(r)?,
        homepage: r.string()?,
        repo: r.opt_string()?,
        alternatives: r.strings()?,
        integrates_with: r.strings()?,
        requires: r.strings()?,
        good_for: Localized {
            en: r.strings()?,
            ko: r.strings()?,
        },
        not_for: Localized {
            en: r.strings()?,
            ko: r.strings()?,
        },
        tags: r.strings()?,
        source: Source::parse(r.str()?)?,
        landscape: match r.u8()? {
            0 => None,
            1 => Some(LandscapeRef {
                category: r.string()?,
                subcategory: r.string()?,
                filled: r.strings()?,
            }),
            _ => return None,
        },
    })
}
