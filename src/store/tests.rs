use std::ffi::OsString;

use super::*;

fn env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<OsString> + 'a {
    move |k| {
        vars.iter()
            .find(|(n, _)| *n == k)
            .map(|(_, v)| OsString::from(v))
    }
}

#[test]
fn xdg_data_home_wins_when_absolute() {
    let got = xdg_data_home(env(&[("XDG_DATA_HOME", "/data"), ("HOME", "/home/u")]));
    assert_eq!(got, Some(PathBuf::from("/data")));
    let got = xdg_data_home(env(&[("XDG_DATA_HOME", "relative"), ("HOME", "/home/u")]));
    assert_eq!(got, Some(PathBuf::from("/home/u/.local/share")));
    assert_eq!(xdg_data_home(env(&[])), None);
}

#[test]
fn a_line_cut_short_by_a_crash_does_not_swallow_the_next_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("log");
    fs::write(&path, "{\"whole\":1}\n{\"cut").unwrap();
    fsio::append_line(&path, "{\"next\":2}\n").unwrap();
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        "{\"whole\":1}\n{\"cut\n{\"next\":2}\n"
    );
}

#[test]
fn leftover_temp_files_are_removed_and_others_kept() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join(".progress.json.tmp-1-0"), "half").unwrap();
    fs::write(dir.path().join("progress.json"), "{}").unwrap();
    assert_eq!(fsio::remove_leftover_temps(dir.path()), 1);
    assert!(dir.path().join("progress.json").exists());
}

fn listing(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                fs::read(e.path()).unwrap_or_default(),
            )
        })
        .collect();
    out.sort();
    out
}

fn entry(id: &str) -> ReviewEntry {
    ReviewEntry {
        time: "2026-03-02T09:00:00Z".parse().unwrap(),
        id: id.into(),
        rating: crate::quiz::Rating::Good,
        elapsed_ms: 1000,
        mode: crate::quiz::Mode::Drill,
        held: false,
    }
}

/// A read-only folder, by an error injected in the store's file layer: the progress and
/// the profile are shown with one note, saving fails, and no byte changes.
#[test]
fn a_read_only_folder_is_read_with_one_note_and_never_written() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut s = Store::open(dir.path()).unwrap();
        s.record(&entry("cicd-001")).unwrap();
    }
    AdvisorFiles::new(dir.path())
        .save_profile(&Default::default())
        .unwrap();
    // Repairs a writer would make: a cut line, leftover temporary files.
    let mut log = fs::read(dir.path().join(LOG_FILE)).unwrap();
    log.extend_from_slice(b"{\"seq\":2,\"ti\n");
    fs::write(dir.path().join(LOG_FILE), log).unwrap();
    fs::write(dir.path().join(".progress.json.tmp-1-0"), "half").unwrap();
    let before = listing(dir.path());

    fsio::READ_ONLY.set(true);
    for mut store in [
        Store::open(dir.path()).unwrap(),
        Store::open_read_only(dir.path()).unwrap(),
    ] {
        assert_eq!(store.cards().len(), 1);
        assert!(store.read_only().is_some());
        let notes = store
            .take_warnings()
            .into_iter()
            .filter(|w| matches!(w, StoreWarning::ReadOnly { .. }))
            .count();
        assert_eq!(notes, 1);
        assert!(matches!(
            store.record(&entry("cicd-002")),
            Err(StoreError::ReadOnly { .. })
        ));
    }
    let files = AdvisorFiles::new(dir.path());
    let (_, warnings) = files.load_profile().unwrap();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].to_string().contains("nothing can be saved"));
    assert!(files.save_profile(&Default::default()).is_err());
    fsio::READ_ONLY.set(false);
    assert_eq!(listing(dir.path()), before);
}
