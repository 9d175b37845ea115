//! Issue 10, point 6: `check` finds each problem's line and column without scanning the
//! file from its start for every question. The work (bytes looked at to find positions)
//! is counted at n and 4n extra questions: linear growth is about 4x, a scan per question
//! would be about 16x. This file holds one test, so no other test adds to the counter.

use feoops::Library;
use feoops::base::{ContentFiles, SourceFile, line_col_work};

/// A copy of the small valid quiz fixture plus `n` more questions in one file; with
/// `broken`, every extra question also has a problem to report at its id.
fn folder(n: usize, broken: bool) -> ContentFiles {
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/content/quiz-valid");
    let mut files = ContentFiles::from_dir(&dir).expect("the fixture folder");
    let mut text = String::new();
    for i in 0..n {
        let id = if broken {
            format!("wrong-{i}")
        } else {
            format!("cicd-9{i:06}")
        };
        text.push_str(&format!(
            "[[question]]\nid = \"{id}\"\ntopic = \"ci-cd\"\nkind = \"single\"\npage = \"intro\"\n\
             prompt.en = \"Question {i}?\"\nprompt.ko = \"질문 {i}입니까?\"\n\
             options.en = [\"Yes\", \"No\"]\noptions.ko = [\"예\", \"아니요\"]\nanswers = [0]\n\
             explanation.en = \"Because {i}.\"\nexplanation.ko = \"{i} 때문입니다.\"\n\n"
        ));
    }
    files.files.push(SourceFile {
        path: "quiz/extra.toml".into(),
        text: text.into(),
    });
    files
}

/// The position work for loading a folder with `n` extra questions, and its problems.
fn work(n: usize, broken: bool) -> (u64, usize) {
    let files = folder(n, broken);
    let before = line_col_work();
    let loaded = Library::load(&files);
    (line_col_work() - before, loaded.problems.len())
}

#[test]
fn positions_cost_linear_work_in_the_number_of_questions() {
    for broken in [false, true] {
        let (small, small_problems) = work(500, broken);
        let (large, large_problems) = work(2_000, broken);
        if broken {
            assert_eq!((small_problems, large_problems), (500, 2_000));
        } else {
            assert_eq!((small_problems, large_problems), (0, 0));
        }
        let growth = large as f64 / small as f64;
        println!("broken={broken}: {small} -> {large} bytes looked at, growth {growth:.2}");
        assert!(growth < 5.0, "growth {growth:.2} for 4x the questions");
        assert!(small > 0, "positions were looked up");
    }
}
