//! The review log's lines: those this feoops reads, those a newer feoops wrote (kept in
//! the file as they are, not used), and broken ones (a line cut short, say).

use serde::{Deserialize, Serialize};

use crate::quiz::ReviewEntry;

/// A line of the review log. Fields this feoops does not know are ignored when reading;
/// the log is never rewritten from these, so they stay in the file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(super) struct LogLine {
    pub seq: u64,
    #[serde(flatten)]
    pub entry: ReviewEntry,
}

/// The lines of (a part of) the log, sorted out.
#[derive(Debug, Default)]
pub(super) struct Parsed {
    /// The lines this feoops reads, in file order.
    pub lines: Vec<LogLine>,
    /// Numbers (1-based) of lines from a newer feoops: a JSON object with a `seq` but a
    /// value this feoops does not know (a new `mode`, say). They stay in the file.
    pub newer: Vec<usize>,
    /// Numbers (1-based) of lines that are not a JSON object with a `seq`.
    pub broken: Vec<usize>,
    /// The largest `seq` of any line, read or not: new lines are numbered after it.
    pub last_seq: u64,
}

#[derive(Deserialize)]
struct SeqOnly {
    seq: u64,
}

/// Sorts out the lines of `bytes`. Blank lines are ignored.
pub(super) fn parse(bytes: &[u8]) -> Parsed {
    let mut out = Parsed::default();
    for (i, raw) in bytes.split(|&b| b == b'\n').enumerate() {
        if raw.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        if let Ok(l) = serde_json::from_slice::<LogLine>(raw) {
            out.last_seq = out.last_seq.max(l.seq);
            out.lines.push(l);
        } else if let Ok(SeqOnly { seq }) = serde_json::from_slice::<SeqOnly>(raw) {
            out.last_seq = out.last_seq.max(seq);
            out.newer.push(i + 1);
        } else {
            out.broken.push(i + 1);
        }
    }
    out
}

/// The log without its broken lines; every other line is kept byte for byte.
pub(super) fn without(bytes: &[u8], broken: &[usize]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut drop = broken.iter().copied().peekable();
    for (i, raw) in bytes.split(|&b| b == b'\n').enumerate() {
        if drop.peek() == Some(&(i + 1)) {
            drop.next();
            continue;
        }
        if raw.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        out.extend_from_slice(raw);
        out.push(b'\n');
    }
    out
}

/// Line numbers for a message: the first few, then how many more (in a language).
pub(super) fn list(lines: &[usize], lang: crate::base::Lang) -> String {
    const SHOWN: usize = 10;
    let s = lines
        .iter()
        .take(SHOWN)
        .map(|l| l.to_string())
        .collect::<Vec<_>>()
        .join(", ");
    if lines.len() > SHOWN {
        let more = lines.len() - SHOWN;
        let m = &crate::base::i18n::text(lang).messages;
        crate::base::i18n::fill(&m.lines_more, &[("list", &s), ("n", &more)])
    } else {
        s
    }
}
