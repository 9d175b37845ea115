//! Limits checked on a landscape file before it is parsed: YAML aliases can repeat one
//! large anchored item thousands of times (1 MB of text that expands to gigabytes), and
//! flow maps can nest tens of thousands of levels deep. The YAML library limits alias
//! jumps, not bytes, so this pre-scan reads the file's events once (saphyr-parser,
//! streaming) and stops at the first event past a limit.

use std::collections::HashMap;

use saphyr_parser::{Event, Parser};

use crate::base::Lang;
use crate::base::i18n::{Localize, fill, text};

/// The most bytes the document may expand to, aliases counted at their full size (the
/// CNCF landscape is under 1 MB and uses no aliases).
pub const MAX_EXPANDED: usize = 32 * 1024 * 1024;
/// The deepest nesting of lists and maps (the CNCF landscape nests under 10 levels).
pub const MAX_DEPTH: usize = 128;

/// Where and why a file was refused (1-based line and column).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    pub line: usize,
    pub column: usize,
    pub limit: Limit,
}

/// The limit a file went past.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    /// Lists and maps nest deeper than this many levels.
    Depth(usize),
    /// Aliases expand the document past this many MiB.
    ExpandedMb(usize),
}

impl Localize for Limit {
    fn localized(&self, lang: Lang) -> String {
        let m = &text(lang).messages;
        match self {
            Limit::Depth(n) => fill(&m.yaml_too_deep, &[("n", n)]),
            Limit::ExpandedMb(mb) => fill(&m.yaml_too_big, &[("mb", mb)]),
        }
    }
}

impl std::fmt::Display for Limit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.localized(Lang::En))
    }
}

/// What the scan saw: how many events it read and the expanded size, in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scan {
    pub events: usize,
    pub expanded: usize,
}

/// Reads the events of `text` once, refusing at the first one that takes the document past
/// `max_expanded` bytes or `max_depth` levels. Syntax errors are left to the parser.
pub fn scan(text: &str, max_expanded: usize, max_depth: usize) -> Result<Scan, (Refused, Scan)> {
    // The expanded size of each anchor, and for each open list or map: its anchor and the
    // expanded size when it opened.
    let mut anchors: HashMap<usize, usize> = HashMap::new();
    let mut open: Vec<(usize, usize)> = Vec::new();
    let mut s = Scan {
        events: 0,
        expanded: 0,
    };
    for item in Parser::new_from_str(text) {
        let (ev, span) = match item {
            Ok(e) => e,
            // The scanner has a nesting limit of its own, for flow lists and maps.
            Err(e) if e.info().contains("recursion limit") => {
                return Err((
                    Refused {
                        line: e.marker().line().max(1),
                        column: e.marker().col() + 1,
                        limit: Limit::Depth(max_depth),
                    },
                    s,
                ));
            }
            // Syntax errors are the parser's to report, with its own words.
            Err(_) => break,
        };
        s.events += 1;
        let refuse = |limit: Limit, s: Scan| {
            Err((
                Refused {
                    line: span.start.line().max(1),
                    column: span.start.col() + 1,
                    limit,
                },
                s,
            ))
        };
        match ev {
            Event::Scalar(value, _, anchor, _) => {
                s.expanded += value.len() + 1;
                if anchor > 0 {
                    anchors.insert(anchor, value.len() + 1);
                }
            }
            Event::Alias(id) => {
                s.expanded = s
                    .expanded
                    .saturating_add(anchors.get(&id).copied().unwrap_or(1));
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                s.expanded += 1;
                open.push((anchor, s.expanded));
                if open.len() > max_depth {
                    return refuse(Limit::Depth(max_depth), s);
                }
            }
            Event::SequenceEnd | Event::MappingEnd => {
                if let Some((anchor, at)) = open.pop()
                    && anchor > 0
                {
                    anchors.insert(anchor, s.expanded - at + 1);
                }
            }
            _ => {}
        }
        if s.expanded > max_expanded {
            return refuse(Limit::ExpandedMb(max_expanded / (1024 * 1024)), s);
        }
    }
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bomb(repeats: usize, item_bytes: usize) -> String {
        let mut t = format!(
            "big: &big\n  name: x\n  description: {}\nlist:\n",
            "a".repeat(item_bytes)
        );
        for _ in 0..repeats {
            t.push_str("  - *big\n");
        }
        t
    }

    #[test]
    fn an_alias_bomb_is_refused_after_reading_only_what_it_takes_to_pass_the_limit() {
        // 5,000 aliases to a 100 KB item: 500 MB expanded from a 140 KB file.
        let text = bomb(5_000, 100_000);
        let (why, seen) = scan(&text, MAX_EXPANDED, MAX_DEPTH).unwrap_err();
        assert!(
            why.limit.to_string().contains("more than 32 MB"),
            "{:?}",
            why.limit
        );
        // Refused at the alias that crossed the limit: about 32 MB / 100 KB of them read.
        // 12 events before the first alias (stream, document, the anchored map, `list`).
        let aliases_read = seen.events - 12;
        assert!(aliases_read <= MAX_EXPANDED / 100_000 + 1, "{seen:?}");
        assert_eq!(why.line, 4 + aliases_read, "{why:?}");
        // Nested anchors count at their full size too.
        let nested = "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n\
                      c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n";
        let (_, seen) = scan(nested, 10_000, MAX_DEPTH).unwrap_err();
        assert!(seen.expanded > 10_000, "{seen:?}");
        assert!(scan(nested, 100_000, MAX_DEPTH).is_ok());
    }

    #[test]
    fn deep_flow_maps_are_refused_at_the_depth_limit() {
        let n = 80_000;
        let text = format!("{}{}", "{a: ".repeat(n), "}".repeat(n));
        let (why, seen) = scan(&text, MAX_EXPANDED, MAX_DEPTH).unwrap_err();
        assert!(
            why.limit.to_string().contains("128 levels"),
            "{:?}",
            why.limit
        );
        // The work stops at the limit, not at the end of the 80,000 levels.
        assert!(seen.events <= 2 * MAX_DEPTH + 4, "{seen:?}");
        assert!(why.column <= 4 * 256 + 1, "{why:?}");
        // Block lists nest without the scanner's limit: ours stops them.
        let block: String = (0..200)
            .map(|i| format!("{}- \n", "  ".repeat(i)))
            .collect();
        let (why, seen) = scan(&block, MAX_EXPANDED, MAX_DEPTH).unwrap_err();
        assert!(
            why.limit.to_string().contains("128 levels"),
            "{why:?} {seen:?}"
        );
        assert!(seen.events <= MAX_DEPTH + 4, "{seen:?}");
    }

    #[test]
    fn the_real_landscape_passes() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/landscape/landscape.yml"
        ))
        .unwrap();
        let s = scan(&text, MAX_EXPANDED, MAX_DEPTH).unwrap();
        assert!(s.expanded < 2 * text.len(), "{s:?}");
    }
}
