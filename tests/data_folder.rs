//! The data folder loses nothing (issue 10): lines and files from a newer feoops are kept
//! as they are, symlinked data files are written through inside the folder and never
//! out of it, a read-only folder still serves every read-only command, and recording an
//! answer reads only what was appended since (its cost does not grow with the log).

#![cfg(unix)]

use std::fs;
use std::os::unix::fs::symlink;
use std::path::Path;

use feoops::quiz::{Mode, Rating, ReviewEntry};
use feoops::store::{AdvisorFiles, LOG_FILE, PROGRESS_FILE, Store, StoreError, StoreWarning};
use jiff::{SignedDuration, Timestamp};

fn t(n: i64) -> Timestamp {
    "2026-03-02T09:00:00Z".parse::<Timestamp>().unwrap() + SignedDuration::from_secs(n)
}

fn review(id: &str, n: i64) -> ReviewEntry {
    ReviewEntry {
        time: t(n),
        id: id.into(),
        rating: Rating::Good,
        elapsed_ms: 1500,
        mode: Mode::Drill,
        held: false,
    }
}

/// A valid log line, as this feoops writes it.
fn line(seq: u64, id: &str, n: i64) -> String {
    format!(
        r#"{{"seq":{seq},"time":"{}","id":"{id}","rating":"good","elapsed_ms":1500,"mode":"drill"}}"#,
        t(n)
    )
}

/// Every file of a folder (not recursing) with its bytes, by name.
fn listing(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let bytes = fs::read(e.path()).unwrap_or_default();
            (e.file_name().to_string_lossy().into_owned(), bytes)
        })
        .collect();
    out.sort();
    out
}

#[test]
fn log_lines_from_a_newer_feoops_and_unknown_fields_are_kept() {
    let d = tempfile::tempdir().unwrap();
    let with_field = line(1, "cicd-001", 0).replace("}", r#","device":"phone"}"#);
    let newer = line(2, "cicd-002", 10).replace(r#""drill""#, r#""speedrun""#);
    let cut = r#"{"seq":3,"time":"2026-03-02T09:00:"#;
    let later = line(4, "cicd-003", 20);
    let original = format!("{with_field}\n{newer}\n{cut}\n{later}\n");
    fs::write(d.path().join(LOG_FILE), &original).unwrap();

    let mut store = Store::open_at(d.path(), t(100)).unwrap();
    let warnings = store.take_warnings();
    assert!(
        warnings
            .iter()
            .any(|w| matches!(w, StoreWarning::NewerLinesKept { lines } if lines == &[2])),
        "{warnings:?}"
    );
    let Some(StoreWarning::LogLinesDropped { copied_to, lines }) = warnings
        .iter()
        .find(|w| matches!(w, StoreWarning::LogLinesDropped { .. }))
    else {
        panic!("{warnings:?}");
    };
    assert_eq!(lines, &[3]);
    // The copy aside holds the original bytes; the log keeps every other line byte for
    // byte, the newer one and the unknown field included.
    assert_eq!(fs::read_to_string(copied_to).unwrap(), original);
    let kept = format!("{with_field}\n{newer}\n{later}\n");
    assert_eq!(fs::read_to_string(d.path().join(LOG_FILE)).unwrap(), kept);
    assert_eq!(store.cards().len(), 2, "the newer line is not used");

    // A new answer is numbered after every line, the newer one included.
    store.record(&review("cicd-004", 30)).unwrap();
    let text = fs::read_to_string(d.path().join(LOG_FILE)).unwrap();
    assert!(text.starts_with(&kept), "{text}");
    assert!(text.ends_with("}\n") && text.lines().last().unwrap().contains(r#""seq":5"#));
    // Reopening keeps them all again.
    drop(store);
    let store = Store::open(d.path()).unwrap();
    assert_eq!(store.cards().len(), 3);
    assert!(
        fs::read_to_string(d.path().join(LOG_FILE))
            .unwrap()
            .starts_with(&kept)
    );
}

#[test]
fn renumbering_keeps_newer_lines_and_unknown_fields() {
    let d = tempfile::tempdir().unwrap();
    let top = line(u64::MAX, "cicd-001", 0).replace("}", r#","device":"phone"}"#);
    let newer = line(7, "cicd-002", 10).replace(r#""drill""#, r#""speedrun""#);
    fs::write(d.path().join(LOG_FILE), format!("{newer}\n{top}\n")).unwrap();
    let mut store = Store::open(d.path()).unwrap();
    store.record(&review("cicd-003", 20)).unwrap();
    let text = fs::read_to_string(d.path().join(LOG_FILE)).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert!(lines[0].contains("speedrun"), "{text}");
    assert!(lines[1].contains(r#""device":"phone""#), "{text}");
    assert!(lines[2].contains(r#""seq":3"#), "{text}");
}

#[test]
fn symlinked_data_files_are_written_through_inside_the_folder() {
    let d = tempfile::tempdir().unwrap();
    let data = d.path().join("data");
    fs::create_dir_all(data.join("real")).unwrap();
    fs::write(data.join("real/progress.json"), "").unwrap();
    fs::remove_file(data.join("real/progress.json")).unwrap();
    // A relative link to a file that does not exist yet, and one to an existing file.
    symlink("real/progress.json", data.join(PROGRESS_FILE)).unwrap();
    fs::write(data.join("real/profile.toml"), "version = 1\n[profile]\n").unwrap();
    symlink(data.join("real/profile.toml"), data.join("profile.toml")).unwrap();

    let mut store = Store::open(&data).unwrap();
    assert!(store.read_only().is_none());
    store.record(&review("cicd-001", 0)).unwrap();
    assert!(
        fs::symlink_metadata(data.join(PROGRESS_FILE))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    let real = fs::read_to_string(data.join("real/progress.json")).unwrap();
    assert!(real.contains("cicd-001"), "{real}");

    let files = AdvisorFiles::new(&data);
    let mut profile = files.load_profile().unwrap().0;
    profile.cloud = feoops::advisor::CloudPref::Aws;
    files.save_profile(&profile).unwrap();
    assert!(
        fs::symlink_metadata(data.join("profile.toml"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        fs::read_to_string(data.join("real/profile.toml"))
            .unwrap()
            .contains("aws")
    );
    // Nothing was left beside the targets.
    assert_eq!(fs::read_dir(data.join("real")).unwrap().count(), 2);
}

#[test]
fn a_data_file_linked_out_of_the_folder_is_read_but_never_written() {
    let d = tempfile::tempdir().unwrap();
    let data = d.path().join("data");
    fs::create_dir_all(&data).unwrap();
    let outside = d.path().join("elsewhere");
    fs::create_dir_all(&outside).unwrap();
    // The progress file: the store reads it and becomes read-only, naming the link.
    {
        let mut s = Store::open(&outside).unwrap();
        s.record(&review("cicd-001", 0)).unwrap();
    }
    let before = listing(&outside);
    symlink(outside.join(PROGRESS_FILE), data.join(PROGRESS_FILE)).unwrap();
    let mut store = Store::open(&data).unwrap();
    let why = store.read_only().expect("read-only").to_string();
    assert!(why.contains("outside the data folder"), "{why}");
    assert!(why.contains(PROGRESS_FILE), "{why}");
    assert_eq!(store.cards().len(), 1, "read through the link");
    assert!(matches!(
        store.record(&review("cicd-002", 10)),
        Err(StoreError::ReadOnly { .. })
    ));
    // The stack file: loading reads it; saving is refused with the link named.
    let stack = outside.join("stack.toml");
    fs::write(&stack, "version = 1\n[picks]\n").unwrap();
    symlink(&stack, data.join("stack.toml")).unwrap();
    let files = AdvisorFiles::new(&data);
    let err = files.save_profile(&Default::default());
    assert!(err.is_ok(), "the profile is a plain file: {err:?}");
    let lib = feoops::Library::embedded();
    let err = files.update(&lib, |s| s.clear()).unwrap_err().to_string();
    assert!(err.contains("stack.toml: a symlink to"), "{err}");
    assert!(err.contains("outside the data folder"), "{err}");
    assert!(
        fs::symlink_metadata(data.join("stack.toml"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(
        fs::read_to_string(&stack).unwrap(),
        "version = 1\n[picks]\n"
    );
    fs::remove_file(&stack).unwrap();
    assert_eq!(listing(&outside), before);
}

#[test]
fn a_read_only_command_writes_nothing_even_with_repairs_to_make() {
    let d = tempfile::tempdir().unwrap();
    {
        let mut s = Store::open(d.path()).unwrap();
        s.record(&review("cicd-001", 0)).unwrap();
        s.record(&review("cicd-002", 10)).unwrap();
    }
    // A cut line and a progress file that lags behind the log: a writer would repair both.
    let mut log = fs::read_to_string(d.path().join(LOG_FILE)).unwrap();
    log.push_str(&line(3, "cicd-003", 20));
    log.push_str("\n{\"seq\":4,\"ti\n");
    fs::write(d.path().join(LOG_FILE), log).unwrap();
    let before = listing(d.path());
    let mut store = Store::open_read_only(d.path()).unwrap();
    assert_eq!(store.cards().len(), 3);
    let warnings = store.take_warnings();
    assert!(
        warnings
            .iter()
            .any(|w| matches!(w, StoreWarning::LogLinesSkipped { lines } if lines == &[4])),
        "{warnings:?}"
    );
    assert!(
        !warnings
            .iter()
            .any(|w| matches!(w, StoreWarning::ReadOnly { .. })),
        "the folder can be written: no note"
    );
    assert!(matches!(
        store.record(&review("cicd-004", 30)),
        Err(StoreError::ReadOnly { .. })
    ));
    store.refresh().unwrap();
    assert_eq!(listing(d.path()), before);
}

/// Writes a log of `n` lines over 50 questions.
fn big_log(dir: &Path, n: u64) {
    let mut text = String::new();
    for i in 1..=n {
        text.push_str(&line(i, &format!("q-{:03}", i % 50), i as i64));
        text.push('\n');
    }
    fs::write(dir.join(LOG_FILE), text).unwrap();
}

/// Bytes of the log read by 20 answers, after the open, in a log of `n` lines.
fn bytes_read_per_20_answers(n: u64) -> u64 {
    let d = tempfile::tempdir().unwrap();
    big_log(d.path(), n);
    let mut store = Store::open(d.path()).unwrap();
    let size = fs::metadata(d.path().join(LOG_FILE)).unwrap().len();
    assert_eq!(store.log_bytes_read(), size, "the open reads the log once");
    let opened = store.log_bytes_read();
    for k in 0..20 {
        store.record(&review("q-001", n as i64 + k)).unwrap();
    }
    store.log_bytes_read() - opened
}

#[test]
fn recording_an_answer_does_not_read_the_log_again() {
    let small = bytes_read_per_20_answers(2_000);
    let large = bytes_read_per_20_answers(8_000);
    assert_eq!(small, 0);
    assert_eq!(large, small, "the cost of an answer grows with the log");
}

/// Bytes of the log read by one store while another appends 20 answers, in a log of
/// `n` lines.
fn bytes_read_catching_up(n: u64) -> (u64, u64) {
    let d = tempfile::tempdir().unwrap();
    big_log(d.path(), n);
    let mut a = Store::open(d.path()).unwrap();
    let mut b = Store::open(d.path()).unwrap();
    let size = fs::metadata(d.path().join(LOG_FILE)).unwrap().len();
    let opened = a.log_bytes_read();
    for k in 0..20 {
        b.record(&review("q-002", n as i64 + 2 * k)).unwrap();
        a.record(&review("q-003", n as i64 + 2 * k + 1)).unwrap();
    }
    let grown = fs::metadata(d.path().join(LOG_FILE)).unwrap().len() - size;
    assert_eq!(
        a.cards()["q-002"].reps,
        b.cards()["q-002"].reps,
        "a saw b's answers"
    );
    (a.log_bytes_read() - opened, grown)
}

#[test]
fn catching_up_with_another_process_reads_only_what_it_appended() {
    let (small, grown_small) = bytes_read_catching_up(2_000);
    let (large, grown_large) = bytes_read_catching_up(8_000);
    // `a` reads b's 20 lines, and nothing else.
    assert!(small > 0 && small < grown_small, "{small} of {grown_small}");
    assert!(large < grown_large, "{large} of {grown_large}");
    assert!(large.abs_diff(small) <= 20 * 2, "{small} vs {large}");
}

/// The feoops binary run inside a new mount namespace where `data` is mounted read-only
/// (a read-only bind mount: root cannot write there either). `None` when this system
/// cannot make one (no `unshare`, no user namespaces).
fn run_read_only(data: &Path, args: &[&str]) -> Option<std::process::Output> {
    let bin = assert_cmd::cargo::cargo_bin("feoops");
    let script = format!(
        "mount --bind \"$1\" \"$1\" && mount -o remount,bind,ro \"$1\" || exit 97; shift; exec \"{}\" --data-dir \"$D\" \"$@\"",
        bin.display()
    );
    let out = std::process::Command::new("unshare")
        .args(["-rm", "sh", "-c", &script, "sh"])
        .arg(data)
        .args(args)
        .env("D", data)
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .ok()?;
    (out.status.code() != Some(97)).then_some(out)
}

#[test]
fn a_read_only_data_folder_serves_every_read_only_command() {
    let d = tempfile::tempdir().unwrap();
    let data = d.path().join("data");
    {
        let mut s = Store::open(&data).unwrap();
        s.record(&review("cicd-001", 0)).unwrap();
    }
    let files = AdvisorFiles::new(&data);
    files.save_profile(&Default::default()).unwrap();
    let before = listing(&data);
    let Some(_) = run_read_only(&data, &["quiz", "stats"]) else {
        eprintln!("skipped: this system cannot make a read-only bind mount");
        return;
    };
    for args in [
        &["quiz", "stats"][..],
        &["quiz", "stats", "--json"],
        &["profile"],
        &["stack", "show"],
        &["suggest", "--stage", "deploy", "--limit", "1"],
        &["stack", "export", "--format", "toml"],
        &["quiz", "export"],
    ] {
        let out = run_read_only(&data, args).unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{args:?}: {err}");
        assert!(!out.stdout.is_empty(), "{args:?}");
        let notes = err.matches("nothing can be saved").count();
        let expected = usize::from(args[0] != "quiz" || args[1] == "stats");
        assert_eq!(notes, expected, "{args:?}: {err}");
        assert_eq!(err.lines().count(), expected, "{args:?}: {err}");
        assert_eq!(
            err.matches("the file system is read-only").count(),
            expected,
            "{args:?}: {err}"
        );
    }
    // Commands that save fail with an error, and change nothing.
    for args in [
        &["profile", "--cloud", "aws"][..],
        &["stack", "pick", "build", "jenkins"],
    ] {
        let out = run_read_only(&data, args).unwrap();
        assert!(!out.status.success(), "{args:?}");
        // The cause is said, and never twice in one message.
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("the file system is read-only"),
            "{args:?}: {err}"
        );
        assert!(
            err.lines()
                .all(|l| l.matches("the file system is read-only").count() <= 1),
            "{args:?}: {err}"
        );
    }
    assert_eq!(listing(&data), before);
}

#[test]
fn a_fifo_in_place_of_a_data_file_is_an_error_not_a_hang() {
    for name in [LOG_FILE, PROGRESS_FILE, "profile.toml", "stack.toml"] {
        let d = tempfile::tempdir().unwrap();
        let status = std::process::Command::new("mkfifo")
            .arg(d.path().join(name))
            .status()
            .unwrap();
        assert!(status.success());
        let files = AdvisorFiles::new(d.path());
        let lib = feoops::Library::embedded();
        let err = match name {
            LOG_FILE => Store::open_read_only(d.path()).err().map(|e| e.to_string()),
            // Derived data: read as unreadable (rebuilt from the log in memory).
            PROGRESS_FILE => {
                let mut s = Store::open(d.path()).unwrap();
                assert!(s.read_only().is_some_and(|w| w.contains(name)));
                s.take_warnings().first().map(|w| format!("{name}: {w}"))
            }
            _ => files.load(&lib).err().map(|e| e.to_string()),
        };
        let err = err.unwrap_or_else(|| panic!("{name}: no error"));
        assert!(err.contains(name), "{err}");
        assert!(err.contains("not a regular file"), "{err}");
        // A writer refuses too, and the FIFO stays.
        if matches!(name, LOG_FILE | PROGRESS_FILE) {
            let opened = Store::open(d.path());
            if let Ok(mut s) = opened {
                assert!(s.record(&review("cicd-001", 0)).is_err(), "{name}");
            }
        } else {
            assert!(files.save_profile(&Default::default()).is_err() || name != "profile.toml");
            assert!(files.load_profile().is_err() || name != "profile.toml");
            assert!(files.update(&lib, |s| s.clear()).is_err(), "{name}");
        }
        use std::os::unix::fs::FileTypeExt;
        assert!(
            fs::symlink_metadata(d.path().join(name))
                .unwrap()
                .file_type()
                .is_fifo()
        );
    }
}

/// A library that counts the catalogue and stage lookups a stack import makes.
struct Counting<'a> {
    lib: &'a feoops::Library,
    lookups: std::cell::Cell<u64>,
}

impl feoops::advisor::Context for Counting<'_> {
    fn catalog(&self) -> &feoops::catalog::Catalog {
        self.lookups.set(self.lookups.get() + 1);
        feoops::advisor::Context::catalog(self.lib)
    }
    fn stages(&self) -> &[feoops::base::Stage] {
        self.lookups.set(self.lookups.get() + 1);
        feoops::advisor::Context::stages(self.lib)
    }
    fn weights(&self) -> &feoops::advisor::Weights {
        feoops::advisor::Context::weights(self.lib)
    }
}

/// Lookups made importing `text` (whatever the outcome).
fn lookups(lib: &feoops::Library, text: &str) -> u64 {
    let c = Counting {
        lib,
        lookups: std::cell::Cell::new(0),
    };
    let _ = feoops::advisor::stack::import(text, "s.toml", &c);
    c.lookups.get()
}

#[test]
fn the_work_of_reading_a_stack_file_grows_no_faster_than_the_file() {
    let lib = feoops::Library::embedded();
    // One over-long id, n and 4n bytes: refused before any lookup (each lookup of an id
    // costs its length times the catalogue in edit distance).
    let id = |n: usize| format!("version = 1\n[picks]\nbuild = \"{}\"\n", "x".repeat(n));
    assert_eq!(lookups(&lib, &id(512 * 1024)), 0);
    assert_eq!(lookups(&lib, &id(2 * 1024 * 1024)), 0);
    // Many picks for unknown stages, ids at the limit: lookups grow with the picks, each
    // one bounded by the id limit.
    let stages = |k: usize| {
        let mut t = String::from("version = 1\n[picks]\n");
        for i in 0..k {
            let key = format!("{i:0>width$}", width = feoops::advisor::stack::MAX_ID_BYTES);
            t.push_str(&format!("\"{key}\" = \"jenkins\"\n"));
        }
        t
    };
    let small = lookups(&lib, &stages(250));
    let large = lookups(&lib, &stages(1000));
    assert!(small > 0);
    assert!(large <= 4 * small + 4, "{small} -> {large}");
}
