//! Progress on disk: survives restarts, corrupt and truncated files, files from a newer
//! version, a crash between writing and renaming, and two writers at once.

use std::fs;
use std::path::Path;

use feoops::quiz::{Mode, Rating, ReviewEntry};
use feoops::store::{LOG_FILE, PROGRESS_FILE, Store, StoreError, StoreWarning};
use jiff::{SignedDuration, Timestamp};

fn t(n: i64) -> Timestamp {
    "2026-03-02T09:00:00Z".parse::<Timestamp>().unwrap() + SignedDuration::from_secs(n)
}

fn review(id: &str, n: i64, rating: Rating) -> ReviewEntry {
    ReviewEntry {
        time: t(n),
        id: id.into(),
        rating,
        elapsed_ms: 1500,
        mode: Mode::Drill,
        held: false,
    }
}

fn files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn log_lines(dir: &Path) -> Vec<String> {
    fs::read_to_string(dir.join(LOG_FILE))
        .unwrap_or_default()
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn reviews_survive_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(dir.path()).unwrap();
    assert!(s.cards().is_empty());
    let card = s.record(&review("cicd-001", 0, Rating::Good)).unwrap();
    assert_eq!(card.reps, 1);
    s.record(&review("cicd-001", 60, Rating::Again)).unwrap();
    s.record(&review("loop-002", 90, Rating::Hard)).unwrap();
    drop(s);
    let mut s = Store::open(dir.path()).unwrap();
    assert!(s.take_warnings().is_empty());
    assert_eq!(s.cards()["cicd-001"].reps, 2);
    assert_eq!(s.cards()["cicd-001"].lapses, 1);
    assert_eq!(s.cards()["loop-002"].reps, 1);
    let log = s.reviews().unwrap();
    assert_eq!(log.len(), 3);
    assert_eq!(log[2], review("loop-002", 90, Rating::Hard));
    assert_eq!(
        log_lines(dir.path())[0],
        r#"{"seq":1,"time":"2026-03-02T09:00:00Z","id":"cicd-001","rating":"good","elapsed_ms":1500,"mode":"drill"}"#
    );
    let progress = fs::read_to_string(dir.path().join(PROGRESS_FILE)).unwrap();
    assert!(
        progress.starts_with("{\n  \"version\": 1,\n  \"seq\": 3,"),
        "{progress}"
    );
    assert_eq!(files(dir.path()), ["feoops.lock", PROGRESS_FILE, LOG_FILE]);
}

fn corrupt_progress_is_moved_aside_and_rebuilt(bad: &[u8]) {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(dir.path()).unwrap();
    s.record(&review("cicd-001", 0, Rating::Good)).unwrap();
    s.record(&review("cicd-002", 5, Rating::Again)).unwrap();
    let before = s.cards().clone();
    drop(s);
    fs::write(dir.path().join(PROGRESS_FILE), bad).unwrap();
    let mut s = Store::open_at(dir.path(), t(3600)).unwrap();
    let warnings = s.take_warnings();
    let [
        StoreWarning::ProgressMovedAside {
            moved_to,
            rebuilt_from,
            ..
        },
    ] = &warnings[..]
    else {
        panic!("{warnings:?}")
    };
    assert_eq!(*rebuilt_from, 2);
    assert_eq!(
        moved_to.file_name().unwrap(),
        "progress.json.corrupt-20260302T100000Z"
    );
    assert_eq!(
        fs::read(moved_to).unwrap(),
        bad,
        "the broken file is kept as it was"
    );
    assert_eq!(s.cards(), &before, "nothing is lost: the log rebuilds it");
    assert!(
        warnings[0]
            .to_string()
            .contains("rebuilt from the review log (2 reviews)")
    );
    // And the next start is clean.
    drop(s);
    assert!(Store::open(dir.path()).unwrap().take_warnings().is_empty());
}

#[test]
fn a_corrupt_progress_file_is_moved_aside() {
    corrupt_progress_is_moved_aside_and_rebuilt(b"\x00\x01 not json at all");
}

#[test]
fn a_truncated_progress_file_is_moved_aside() {
    corrupt_progress_is_moved_aside_and_rebuilt(
        b"{\n  \"version\": 1,\n  \"seq\": 2,\n  \"cards\": {\n    \"cicd-0",
    );
}

#[test]
fn an_empty_progress_file_is_moved_aside() {
    corrupt_progress_is_moved_aside_and_rebuilt(b"");
}

#[test]
fn a_progress_file_from_a_newer_version_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let newer = br#"{"version": 2, "seq": 9, "cards": {}, "something_new": true}"#;
    fs::write(dir.path().join(PROGRESS_FILE), newer).unwrap();
    fs::write(dir.path().join(LOG_FILE), "").unwrap();
    let err = Store::open(dir.path()).unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::NewerVersion {
                found: 2,
                supported: 1,
                ..
            }
        ),
        "{err:?}"
    );
    let msg = err.to_string();
    assert!(
        msg.contains("written by a newer feoops") && msg.contains("left untouched"),
        "{msg}"
    );
    assert_eq!(fs::read(dir.path().join(PROGRESS_FILE)).unwrap(), newer);
    assert_eq!(fs::read(dir.path().join(LOG_FILE)).unwrap(), b"");
    assert_eq!(files(dir.path()), ["feoops.lock", PROGRESS_FILE, LOG_FILE]);
}

#[test]
fn a_newer_file_appearing_while_running_stops_recording() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(dir.path()).unwrap();
    s.record(&review("cicd-001", 0, Rating::Good)).unwrap();
    let newer = br#"{"version": 3, "seq": 1, "cards": {}}"#;
    fs::write(dir.path().join(PROGRESS_FILE), newer).unwrap();
    assert!(matches!(
        s.record(&review("cicd-001", 9, Rating::Good)),
        Err(StoreError::NewerVersion { found: 3, .. })
    ));
    assert_eq!(fs::read(dir.path().join(PROGRESS_FILE)).unwrap(), newer);
    assert_eq!(log_lines(dir.path()).len(), 1, "nothing appended");
}

#[test]
fn a_crash_between_writing_and_renaming_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let progress = dir.path().join(PROGRESS_FILE);
    let mut s = Store::open(dir.path()).unwrap();
    s.record(&review("cicd-001", 0, Rating::Good)).unwrap();
    let committed = fs::read(&progress).unwrap();
    // The next review: the log line is appended and the new progress written to a temp
    // file, then the process dies before the rename.
    s.record(&review("cicd-002", 30, Rating::Hard)).unwrap();
    let new_progress = fs::read(&progress).unwrap();
    let expected = s.cards().clone();
    drop(s);
    fs::write(&progress, &committed).unwrap();
    let tmp =
        feoops::store::write_temp(&progress, &new_progress[..new_progress.len() / 2]).unwrap();
    assert!(tmp.exists());

    let mut s = Store::open(dir.path()).unwrap();
    assert!(s.take_warnings().is_empty());
    assert_eq!(
        s.cards(),
        &expected,
        "the review in the log is applied again"
    );
    assert!(!tmp.exists(), "the leftover temp file is removed");
    assert_eq!(files(dir.path()), ["feoops.lock", PROGRESS_FILE, LOG_FILE]);
    assert_eq!(fs::read(&progress).unwrap(), new_progress);
}

#[test]
fn broken_log_lines_are_copied_aside_and_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(dir.path()).unwrap();
    s.record(&review("cicd-001", 0, Rating::Good)).unwrap();
    s.record(&review("cicd-002", 1, Rating::Good)).unwrap();
    drop(s);
    let log = dir.path().join(LOG_FILE);
    let mut text = fs::read_to_string(&log).unwrap();
    text.insert_str(0, "garbage\n");
    text.push_str("{\"seq\":3,\"time\":\"2026-03-");
    fs::write(&log, &text).unwrap();
    let mut s = Store::open_at(dir.path(), t(0)).unwrap();
    let warnings = s.take_warnings();
    let [StoreWarning::LogLinesDropped { copied_to, lines }] = &warnings[..] else {
        panic!("{warnings:?}")
    };
    assert_eq!(lines, &[1, 4]);
    assert_eq!(fs::read_to_string(copied_to).unwrap(), text);
    assert_eq!(s.reviews().unwrap().len(), 2);
    // Recording goes on after the repaired lines.
    s.record(&review("cicd-003", 2, Rating::Good)).unwrap();
    assert_eq!(log_lines(dir.path()).len(), 3);
    assert!(log_lines(dir.path())[2].starts_with("{\"seq\":3,"));
}

#[test]
fn a_deleted_log_keeps_the_progress() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(dir.path()).unwrap();
    s.record(&review("cicd-001", 0, Rating::Good)).unwrap();
    drop(s);
    fs::remove_file(dir.path().join(LOG_FILE)).unwrap();
    let mut s = Store::open(dir.path()).unwrap();
    assert_eq!(s.cards()["cicd-001"].reps, 1);
    s.record(&review("cicd-001", 9, Rating::Good)).unwrap();
    assert_eq!(s.cards()["cicd-001"].reps, 2);
    assert!(log_lines(dir.path())[0].starts_with("{\"seq\":2,"));
}

#[test]
fn two_writers_at_once_lose_no_review() {
    const EACH: i64 = 25;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().to_path_buf();
    let writers: Vec<_> = ["a", "b"]
        .into_iter()
        .map(|who| {
            let path = path.clone();
            std::thread::spawn(move || {
                let mut s = Store::open(&path).unwrap();
                for i in 0..EACH {
                    let id = format!("cicd-{who}{}", i % 5);
                    s.record(&review(&id, i, Rating::Good)).unwrap();
                }
            })
        })
        .collect();
    for w in writers {
        w.join().unwrap();
    }
    let s = Store::open(&path).unwrap();
    let log = s.reviews().unwrap();
    assert_eq!(log.len(), 2 * EACH as usize);
    let mut seqs: Vec<u64> = log_lines(&path)
        .iter()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["seq"]
                .as_u64()
                .unwrap()
        })
        .collect();
    seqs.sort_unstable();
    assert_eq!(seqs, (1..=2 * EACH as u64).collect::<Vec<_>>());
    assert_eq!(s.cards().len(), 10);
    assert_eq!(
        s.cards().values().map(|c| c.reps).sum::<u32>(),
        2 * EACH as u32
    );
}

#[test]
fn a_review_counter_at_its_maximum_is_repaired_not_wrapped() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(dir.path()).unwrap();
    s.record(&review("cicd-001", 0, Rating::Good)).unwrap();
    s.record(&review("cicd-002", 5, Rating::Good)).unwrap();
    drop(s);
    // A corrupt (or hostile) log: the last line's seq is 2^64-1; the snapshot is rebuilt.
    let lines = log_lines(dir.path());
    let bad = lines[1].replace("\"seq\":2", &format!("\"seq\":{}", u64::MAX));
    assert_ne!(bad, lines[1]);
    fs::write(dir.path().join(LOG_FILE), format!("{}\n{bad}\n", lines[0])).unwrap();
    fs::remove_file(dir.path().join(PROGRESS_FILE)).unwrap();
    let mut s = Store::open(dir.path()).unwrap();
    s.record(&review("loop-001", 10, Rating::Hard)).unwrap();
    drop(s);
    let seqs: Vec<u64> = log_lines(dir.path())
        .iter()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["seq"]
                .as_u64()
                .unwrap()
        })
        .collect();
    assert_eq!(seqs, [1, 2, 3]);
    assert!(
        files(dir.path())
            .iter()
            .any(|f| f.starts_with("reviews.jsonl.corrupt-")),
        "{:?}",
        files(dir.path())
    );
    // A rebuild from the log keeps all three reviews.
    fs::remove_file(dir.path().join(PROGRESS_FILE)).unwrap();
    let s = Store::open(dir.path()).unwrap();
    assert_eq!(s.reviews().unwrap().len(), 3);
    for id in ["cicd-001", "cicd-002", "loop-001"] {
        assert!(s.cards().contains_key(id), "{id}");
    }
}
