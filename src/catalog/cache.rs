//! The landscape cache: the catalogue an import of a `landscape.yml` gave, as a catalogue
//! image (the same byte format as the built-in one: every tool readable on its own, then
//! each tool's prepared search texts), with the import's report, kept in the user's cache
//! folder. The next run with the same file neither reads the YAML nor merges it, and it
//! does not copy 100,000 tools out either: the file's bytes are kept, the catalogue reads
//! a tool when one is asked for, and the search index reads the prepared texts in place.
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
//! the text pool (`u64`), then the numbers and the text pool (`image.rs`). The numbers:
//! the report, how many tools are imported, the tool count, where each tool's fields
//! start, where each tool's search texts start, the tools (in catalogue order; each is
//! the built-in image's fields, then whether its Korean summary is the English one, its
//! source and its landscape place), then the texts (`ToolTexts::encode_record`).

use std::io::Write as _;
use std::path::{Path, PathBuf};

use super::image::{Reader, Writer};
use super::index::{Facts, Prebuilt};
use super::store::{Kind, ToolImage};
use super::text::ToolTexts;
use super::{
    Catalog, Cloud, Ecosystem, Hosting, ImportReport, LandscapeRef, LicenseClass, Maturity,
    Pricing, Source, Status, Tool,
};
use crate::base::Category;
use crate::catalog::landscape::SubcategoryCount;

const MAGIC: &[u8; 8] = b"FEOLSC\x00\x03";
/// The landscape file is hashed a piece of this size at a time (so it is never held
/// whole on a hit).
const HASH_CHUNK: usize = 1 << 20;
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

/// The hash of a landscape file's bytes in a key ([`hash_file`] gives the same without
/// holding the file).
pub fn hash_bytes(bytes: &[u8]) -> u64 {
    bytes
        .chunks(HASH_CHUNK)
        .fold(0, |h, c| super::image::hash(c, h))
}

/// The size and [`hash_bytes`] of a file, read a piece at a time, with the same checks
/// and errors as `userfile::read`.
pub fn hash_file(path: &Path) -> std::io::Result<(u64, u64)> {
    let mut h = 0;
    let size = crate::base::userfile::read_chunks(path, HASH_CHUNK, |c| {
        h = super::image::hash(c, h);
    })?;
    Ok((size, h))
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

/// The cached catalogue for `key` and its report, if the cache file exists, reads in full
/// and matches, and was merged into these categories. Every tool is walked field by field
/// before the catalogue is made (a tool read later cannot fail). The file's bytes are kept
/// for the life of the process: the catalogue and its search index read from them.
pub fn load(file: &Path, key: &Key, categories: &[Category]) -> Option<(Catalog, ImportReport)> {
    let bytes = crate::base::userfile::read_bounded(file, MAX_BYTES).ok()?;
    let mut head = Writer::default();
    head.bytes.extend_from_slice(MAGIC);
    key.write(&mut head);
    let start = head.bytes.len();
    if !bytes.starts_with(&head.bytes) {
        return None;
    }
    let mut r = Reader::new(bytes.get(start..)?, "");
    let n = usize::try_from(r.u64()?).ok()?;
    let sum = r.u64()?;
    let numbers_at = start + 16;
    let text_at = numbers_at.checked_add(n)?;
    if checksum(bytes.get(numbers_at..text_at)?, bytes.get(text_at..)?) != sum {
        return None;
    }
    let bytes: &'static [u8] = Box::leak(bytes.into_boxed_slice());
    let numbers = &bytes[numbers_at..text_at];
    let text = std::str::from_utf8(&bytes[text_at..]).ok()?;
    let mut r = Reader::new(numbers, text);
    let report = read_report(&mut r)?;
    let imported = r.u32()? as usize;
    let n = r.count(8)?;
    let mut table = || (0..n).map(|_| r.u32()).collect::<Option<Vec<u32>>>();
    let (starts, records) = (table()?, table()?);
    let mut seen = 0;
    for (i, &at) in starts.iter().enumerate() {
        let mut t = Reader::at(numbers, text, at as usize);
        seen += usize::from(check_tool(&mut t)? == Source::Landscape);
        let end = starts.get(i + 1).or(records.first()).copied();
        if end.is_some_and(|e| t.pos() != e as usize) {
            return None;
        }
    }
    if seen != imported {
        return None;
    }
    let prebuilt = Prebuilt {
        image: numbers,
        text,
        records,
        // No category texts in a cache: the index prepares the few labels itself.
        categories_at: u32::MAX,
    };
    let tools = ToolImage::of_kind(numbers, text, starts, Kind::Cached);
    Some((
        Catalog::from_image(tools, categories, prebuilt, imported)?,
        report,
    ))
}

/// Writes the cache file (atomically: a temporary file renamed over the old one): the
/// report, then the catalogue the import gave as an image.
pub fn store(
    file: &Path,
    key: &Key,
    report: &ImportReport,
    catalog: &Catalog,
) -> std::io::Result<()> {
    let tools = catalog.tools();
    let mut w = Writer::default();
    write_report(&mut w, report);
    w.len(catalog.imported_count());
    w.len(tools.len());
    let table = w.pos();
    for _ in 0..2 * tools.len() {
        w.u32(0);
    }
    let too_big = || std::io::Error::new(std::io::ErrorKind::FileTooLarge, "cache over 4 GiB");
    for (i, t) in tools.iter().enumerate() {
        w.patch_u32(
            table + 4 * i,
            u32::try_from(w.pos()).map_err(|_| too_big())?,
        );
        write_tool(&mut w, t);
    }
    for (i, t) in tools.iter().enumerate() {
        let at = u32::try_from(w.pos()).map_err(|_| too_big())?;
        w.patch_u32(table + 4 * (tools.len() + i), at);
        ToolTexts::new(
            &t.name,
            &t.id,
            t.aliases.iter().map(String::as_str),
            t.tags.iter().map(String::as_str),
        )
        .encode_record([&t.summary.en, &t.summary.ko], &mut w);
    }
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

fn ids<T: Copy>(w: &mut Writer, list: &[T], id: impl Fn(T) -> &'static str) {
    w.strs(list.iter().map(|&v| id(v)));
}

fn write_date(w: &mut Writer, d: Option<jiff::civil::Date>) {
    w.opt_str(d.map(|d| d.to_string()).as_deref());
}

/// A tool: the fields of the built-in image (`load::read_tool` reads them), then what only
/// an imported or filled-in tool has.
fn write_tool(w: &mut Writer, t: &Tool) {
    w.str(&t.id);
    w.str(&t.name);
    w.strs(t.aliases.iter().map(String::as_str));
    w.strs(t.stages.iter().map(String::as_str));
    w.str(&t.primary_stage);
    w.str(&t.category);
    w.str(&t.summary.en);
    w.str(&t.summary.ko);
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
    for list in [
        &t.alternatives,
        &t.integrates_with,
        &t.requires,
        &t.good_for.en,
        &t.good_for.ko,
        &t.not_for.en,
        &t.not_for.ko,
        &t.tags,
    ] {
        w.strs(list.iter().map(String::as_str));
    }
    w.u8(u8::from(t.summary_ko_fallback));
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

fn flag(r: &mut Reader) -> Option<bool> {
    match r.u8()? {
        0 => Some(false),
        1 => Some(true),
        _ => None,
    }
}

/// One tool of a cache (what [`write_tool`] wrote).
pub(super) fn read_tool(r: &mut Reader) -> Option<Tool> {
    let mut t = super::load::read_tool(r)?;
    t.summary_ko_fallback = flag(r)?;
    t.source = Source::parse(r.str()?)?;
    t.landscape = match r.u8()? {
        0 => None,
        1 => Some(LandscapeRef {
            category: r.string()?,
            subcategory: r.string()?,
            filled: r.strings()?,
        }),
        _ => return None,
    };
    Some(t)
}

/// What the search index needs of a tool of a cache, read in place.
pub(super) fn read_facts<'a>(r: &mut Reader<'a>) -> Option<Facts<'a>> {
    let mut facts = super::load::read_facts(r)?;
    super::load::skip_after_facts(r)?;
    flag(r)?;
    facts.source = Source::parse(r.str()?)?;
    Some(facts)
}

/// Walks a tool of a cache as [`read_tool`] reads it, without copying anything: every id
/// and date must parse. Gives its source.
fn check_tool(r: &mut Reader) -> Option<Source> {
    let strs = |r: &mut Reader| -> Option<()> {
        for _ in 0..r.count(8)? {
            r.str()?;
        }
        Some(())
    };
    r.str()?; // id
    r.str()?; // name
    for _ in 0..2 {
        strs(r)?; // aliases, stages
    }
    for _ in 0..4 {
        r.str()?; // primary stage, category, summaries
    }
    r.opt_str()?; // license
    r.opt_parsed(LicenseClass::parse)?;
    r.opt_parsed(Pricing::parse)?;
    r.parsed_list(Hosting::parse)?;
    r.parsed_list(Cloud::parse)?;
    r.parsed_list(Ecosystem::parse)?;
    r.opt_parsed(Maturity::parse)?;
    r.opt_parsed(Status::parse)?;
    for _ in 0..2 {
        r.opt_parsed(|s| s.parse::<jiff::civil::Date>().ok())?;
    }
    r.str()?; // homepage
    r.opt_str()?; // repo
    for _ in 0..8 {
        strs(r)?;
    }
    flag(r)?;
    let source = Source::parse(r.str()?)?;
    match r.u8()? {
        0 => {}
        1 => {
            r.str()?;
            r.str()?;
            strs(r)?;
        }
        _ => return None,
    }
    Some(source)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fixture landscape merged into the built-in catalogue: imported tools, filled-in
    /// built-in ones and untouched ones.
    fn imported_catalogue() -> Catalog {
        let files = crate::base::ContentFiles::embedded();
        let mut sink = crate::base::Sink::new(&files);
        let stages = crate::base::load_stages(&mut sink);
        let categories = crate::base::load_categories(&mut sink);
        let map = super::super::landscape_map::load_map(&mut sink, &stages, &categories);
        let path = "tests/fixtures/landscape/landscape.yml";
        let text = std::fs::read_to_string(path).unwrap();
        let parsed = super::super::landscape::parse(&text, path).expect("the fixture parses");
        let builtin = super::super::test_support::builtin_from_image();
        super::super::landscape::merge(&builtin, &parsed, &map).0
    }

    #[test]
    fn every_tool_is_walked_as_it_is_read() {
        let catalog = imported_catalogue();
        let tools = catalog.tools();
        assert!(tools.iter().any(Tool::is_imported));
        assert!(
            tools
                .iter()
                .any(|t| !t.is_imported() && t.landscape.is_some())
        );
        let mut w = Writer::default();
        let starts: Vec<usize> = tools
            .iter()
            .map(|t| {
                let at = w.pos();
                write_tool(&mut w, t);
                at
            })
            .collect();
        for (t, &at) in tools.iter().zip(&starts) {
            let mut read = Reader::at(&w.bytes, &w.text, at);
            assert_eq!(read_tool(&mut read).as_ref(), Some(t));
            let mut walked = Reader::at(&w.bytes, &w.text, at);
            assert_eq!(check_tool(&mut walked), Some(t.source), "{}", t.id);
            assert_eq!(
                walked.pos(),
                read.pos(),
                "{}: the walk ends where the read does",
                t.id
            );
            let facts = read_facts(&mut Reader::at(&w.bytes, &w.text, at)).unwrap();
            assert_eq!((facts.id, facts.source), (t.id.as_str(), t.source));
        }
    }

    #[test]
    fn a_tool_with_an_unknown_id_fails_the_walk_and_the_read() {
        let catalog = imported_catalogue();
        let tool = (catalog.tools().iter())
            .find(|t| t.maturity == Some(Maturity::Graduated))
            .expect("a graduated tool");
        let mut w = Writer::default();
        write_tool(&mut w, tool);
        assert!(check_tool(&mut Reader::new(&w.bytes, &w.text)).is_some());
        w.text = w.text.replace("graduated", "graduatex");
        assert_eq!(check_tool(&mut Reader::new(&w.bytes, &w.text)), None);
        assert_eq!(read_tool(&mut Reader::new(&w.bytes, &w.text)), None);
    }

    #[test]
    fn the_file_hash_is_the_hash_of_its_bytes() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("landscape.yml");
        // Two and a half pieces.
        let bytes: Vec<u8> = (0..HASH_CHUNK * 5 / 2).map(|i| (i % 253) as u8).collect();
        std::fs::write(&p, &bytes).unwrap();
        assert_eq!(
            hash_file(&p).unwrap(),
            (bytes.len() as u64, hash_bytes(&bytes))
        );
        let mut other = bytes.clone();
        other[HASH_CHUNK * 2 + 7] ^= 1;
        assert_ne!(
            hash_bytes(&other),
            hash_bytes(&bytes),
            "a change in the last piece tells"
        );
    }
}
