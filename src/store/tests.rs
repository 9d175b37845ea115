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
