//! Snapshots of the Korean fixture (a learner's DevOps notes) in plain text
//! at three widths. Review changes with `cargo insta review`.

mod common;

use feoops::markdown::{MdStyles, render, to_plain};

const KO_NOTES: &str = include_str!("fixtures/md/ko-notes.md");

fn ko_notes(width: usize) -> String {
    let lines = render(KO_NOTES, width, &MdStyles::plain());
    common::fits(&lines, width).unwrap();
    common::text_survives(KO_NOTES, &lines).unwrap();
    // The coloured theme lays out exactly the same text.
    assert_eq!(
        to_plain(&render(KO_NOTES, width, &MdStyles::default())),
        to_plain(&lines)
    );
    to_plain(&lines)
}

#[test]
fn ko_notes_width_20() {
    insta::assert_snapshot!("ko_notes_w20", ko_notes(20));
}

#[test]
fn ko_notes_width_40() {
    insta::assert_snapshot!("ko_notes_w40", ko_notes(40));
}

#[test]
fn ko_notes_width_80() {
    insta::assert_snapshot!("ko_notes_w80", ko_notes(80));
}
