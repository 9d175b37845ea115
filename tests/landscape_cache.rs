//! The landscape cache (`catalog::cache`), in a temporary folder: a second import of the
//! same file reads the cache and gives the same catalogue and report; a changed file, a
//! changed catalogue or a cut, corrupt or foreign cache file is a miss that imports again
//! and rewrites the cache; a cache folder that cannot be written changes nothing.

use std::path::{Path, PathBuf};

use feoops::Library;
use feoops::base::ContentFiles;
use feoops::catalog::{Catalog, ImportReport, Tool, cache};

const FIXTURE: &str = "tests/fixtures/landscape/landscape.yml";

fn plain_import(path: &Path) -> (Vec<Tool>, ImportReport) {
    let mut lib = Library::embedded();
    let report = lib.import_landscape(path).expect("imports");
    (lib.catalog().tools().to_vec(), report)
}

fn cached_import(path: &Path, dir: &Path) -> (Vec<Tool>, ImportReport) {
    let mut lib = Library::embedded();
    let report = lib
        .import_landscape_cached(path, Some(dir))
        .expect("imports");
    (lib.catalog().tools().to_vec(), report)
}

/// A copy of the fixture in `dir` (so the test may change it).
fn landscape_in(dir: &Path) -> PathBuf {
    let p = dir.join("landscape.yml");
    std::fs::copy(FIXTURE, &p).unwrap();
    p
}

fn cache_file(cache: &Path, landscape: &Path) -> PathBuf {
    cache::file_for(cache, landscape)
}

#[test]
fn a_second_import_reads_the_cache_and_gives_the_same_catalogue() {
    let tmp = tempfile::tempdir().unwrap();
    let yml = landscape_in(tmp.path());
    let dir = tmp.path().join("cache");
    let want = plain_import(&yml);
    assert!(want.1.imported > 0 && want.1.filled > 0, "{:?}", want.1);
    let first = cached_import(&yml, &dir);
    assert_eq!(first, want);
    let file = cache_file(&dir, &yml);
    assert!(file.is_file(), "the cache is written");
    let before = std::fs::read(&file).unwrap();
    let second = cached_import(&yml, &dir);
    assert_eq!(second, want);
    assert_eq!(
        std::fs::read(&file).unwrap(),
        before,
        "a hit does not rewrite"
    );
    // Proof the hit reads the cache: a cache written under the same key with other
    // content is what the import gives.
    let key = cache::read_key(&file).expect("the cache has its key");
    let mut only = want.0.iter().find(|t| t.is_imported()).unwrap().clone();
    only.name = "Only In The Cache".into();
    let report = ImportReport {
        items: 1,
        imported: 1,
        ..ImportReport::default()
    };
    let builtin = Library::embedded();
    let mut tools = builtin.catalog().tools().to_vec();
    tools.push(only);
    let catalog = Catalog::new(tools, builtin.catalog().categories());
    cache::store(&file, &key, &report, &catalog).unwrap();
    let (tools, got) = cached_import(&yml, &dir);
    assert_eq!(got, report);
    assert!(tools.iter().any(|t| t.name == "Only In The Cache"));
    assert_eq!(tools.iter().filter(|t| t.is_imported()).count(), 1);
    // No temporary file is left behind.
    let names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
}

#[test]
fn a_changed_file_is_a_miss_and_rewrites_the_cache() {
    let tmp = tempfile::tempdir().unwrap();
    let yml = landscape_in(tmp.path());
    let dir = tmp.path().join("cache");
    cached_import(&yml, &dir);
    let file = cache_file(&dir, &yml);
    let before = std::fs::read(&file).unwrap();
    // Same size, other content: the hash tells.
    let text = std::fs::read_to_string(&yml).unwrap();
    let changed = text.replacen("Fixture Chaos", "Fixture Chaoz", 1);
    assert_eq!(changed.len(), text.len());
    std::fs::write(&yml, &changed).unwrap();
    let want = plain_import(&yml);
    let got = cached_import(&yml, &dir);
    assert_eq!(got, want);
    assert!(got.0.iter().any(|t| t.name == "Fixture Chaoz"));
    assert_ne!(
        std::fs::read(&file).unwrap(),
        before,
        "the cache is rewritten"
    );
    assert_eq!(cached_import(&yml, &dir), want);
}

#[test]
fn a_changed_catalogue_is_a_miss() {
    let tmp = tempfile::tempdir().unwrap();
    let yml = landscape_in(tmp.path());
    let dir = tmp.path().join("cache");
    cached_import(&yml, &dir);
    // The same file merged into a catalogue without one of the tools it fills in.
    let mut files = ContentFiles::embedded();
    for f in &mut files.files {
        if f.path == "tools/operate.toml" {
            let text = f
                .text
                .replace("name = \"Kubecost\"", "name = \"Kubecost Renamed\"");
            assert_ne!(text, f.text, "the fixture fills Kubecost in");
            f.text = text.into();
        }
    }
    let import = |cache: Option<&Path>| {
        let mut lib = Library::load(&files).library;
        let r = lib.import_landscape_cached(&yml, cache).unwrap();
        (lib.catalog().tools().to_vec(), r)
    };
    let want = import(None);
    assert_eq!(import(Some(&dir)), want);
    assert_ne!(want, plain_import(&yml));
}

#[test]
fn a_cut_or_corrupt_cache_is_a_miss_and_is_rebuilt() {
    let tmp = tempfile::tempdir().unwrap();
    let yml = landscape_in(tmp.path());
    let dir = tmp.path().join("cache");
    let want = plain_import(&yml);
    cached_import(&yml, &dir);
    let file = cache_file(&dir, &yml);
    let good = std::fs::read(&file).unwrap();
    let mut broken: Vec<Vec<u8>> = vec![Vec::new(), b"not a cache".to_vec()];
    for cut in [1, 8, 40, 47, good.len() / 2, good.len() - 1] {
        broken.push(good[..cut].to_vec());
    }
    let mut flipped = good.clone();
    let last = flipped.len() - 1;
    flipped[last] = 0xff; // not UTF-8 in the text pool
    broken.push(flipped);
    // One byte changed anywhere after the header (the checksum tells).
    for at in [48, 56, 64, good.len() / 2, good.len() - 2] {
        let mut one = good.clone();
        one[at] ^= 0x20;
        broken.push(one);
    }
    let mut extra = good.clone();
    extra.extend_from_slice(b"trailing");
    broken.push(extra);
    for (i, bytes) in broken.iter().enumerate() {
        std::fs::write(&file, bytes).unwrap();
        assert_eq!(cached_import(&yml, &dir), want, "broken cache {i}");
        assert_eq!(std::fs::read(&file).unwrap(), good, "rebuilt after {i}");
    }
    // A folder where the cache file should be: read and write fail, the import works.
    std::fs::remove_file(&file).unwrap();
    std::fs::create_dir(&file).unwrap();
    assert_eq!(cached_import(&yml, &dir), want);
}

#[test]
fn an_unwritable_cache_folder_changes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let yml = landscape_in(tmp.path());
    // The cache folder's place is taken by a file.
    let dir = tmp.path().join("not-a-folder");
    std::fs::write(&dir, "x").unwrap();
    assert_eq!(cached_import(&yml, &dir), plain_import(&yml));
    // A broken landscape still fails the same way, cache or not.
    let bad = tmp.path().join("bad.yml");
    std::fs::write(&bad, "landscape:\n  - category:\n    name: [unclosed\n").unwrap();
    let mut lib = Library::embedded();
    let e1 = lib.import_landscape(&bad).unwrap_err().to_string();
    let mut lib = Library::embedded();
    let e2 = lib
        .import_landscape_cached(&bad, Some(&tmp.path().join("c")))
        .unwrap_err()
        .to_string();
    assert_eq!(e1, e2);
}

#[test]
fn the_default_folder_follows_xdg_cache_home() {
    let dir = cache::default_dir();
    if cfg!(unix) && !cfg!(target_os = "macos") {
        if let Some(x) = std::env::var_os("XDG_CACHE_HOME").filter(|x| Path::new(x).is_absolute()) {
            assert_eq!(dir, Some(Path::new(&x).join("feoops")));
        } else if let Some(h) = std::env::var_os("HOME").filter(|h| !h.is_empty()) {
            assert_eq!(dir, Some(Path::new(&h).join(".cache/feoops")));
        }
    }
}

/// Every search over a catalogue read from the cache (its search texts read from the cache
/// file) gives what the same search over the imported catalogue gives: by name, tag,
/// category and summary (an imported tool's Korean summary is stored as its English one).
#[test]
fn searches_over_a_cached_catalogue_match_the_imported_one() {
    use feoops::base::Lang;
    use feoops::catalog::Query;
    let tmp = tempfile::tempdir().unwrap();
    let yml = landscape_in(tmp.path());
    let dir = tmp.path().join("cache");
    let mut plain = Library::embedded();
    plain.import_landscape(&yml).unwrap();
    Library::embedded()
        .import_landscape_cached(&yml, Some(&dir))
        .unwrap();
    let mut cached = Library::embedded();
    cached.import_landscape_cached(&yml, Some(&dir)).unwrap();
    let hits = |lib: &Library, q: &str, lang: Lang| {
        let hits = lib.catalog().search(&Query::new(q), lang, 20);
        (hits.iter())
            .map(|h| {
                let t = lib.catalog().tool(h.index);
                (t.id.clone(), h.score, h.field, h.matched_text.clone())
            })
            .collect::<Vec<_>>()
    };
    let mut summary_hits = 0;
    for q in [
        "fixture",
        "chaos",
        "made-up",
        "listed twice",
        "terraform",
        "kube",
        "쿠버",
        "ㅋㅂ",
    ] {
        for lang in [Lang::En, Lang::Ko] {
            let want = hits(&plain, q, lang);
            assert_eq!(hits(&cached, q, lang), want, "{q:?} in {lang}");
            summary_hits += (want.iter())
                .filter(|h| matches!(h.2, Some(feoops::catalog::Field::Summary)))
                .count();
        }
    }
    assert!(summary_hits > 0, "some queries match summaries only");
}
