//! A YAML tree that keeps the line and column of every node, built from the events of
//! `saphyr-parser` (a YAML 1.2 event parser that gives a span for every event).
//!
//! We build the tree ourselves rather than use a ready-made loader so that hostile input
//! stays cheap: nesting deeper than [`MAX_DEPTH`] is an error, and aliases may copy at most
//! [`MAX_EXPANDED`] nodes in all (a "billion laughs" file stops at once). Anchors, aliases
//! and merge keys (`<<: *base`, `<<: [*a, *b]`) work as in YAML 1.1, which is what CI
//! systems accept.

use std::collections::HashMap;

use saphyr_parser::{Event, Parser, ScalarStyle, Span};

/// How deep collections may nest.
pub const MAX_DEPTH: usize = 64;
/// How many nodes aliases and merge keys may copy in one file.
pub const MAX_EXPANDED: usize = 200_000;

/// One node and where it starts (1-based line and column).
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub line: u32,
    pub col: u32,
    pub kind: Kind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// A scalar as written; `plain` is false for quoted and block scalars.
    Scalar {
        text: String,
        plain: bool,
    },
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

/// A syntax error or a limit hit, at a 1-based line and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    pub line: u32,
    pub col: u32,
    pub message: String,
}

impl Node {
    /// The text of a scalar (quoted or not); `None` for collections.
    pub fn str(&self) -> Option<&str> {
        match &self.kind {
            Kind::Scalar { text, .. } => Some(text),
            _ => None,
        }
    }

    /// True for an empty plain scalar, `~` or `null`.
    pub fn is_null(&self) -> bool {
        matches!(&self.kind, Kind::Scalar { text, plain: true } if matches!(text.as_str(), "" | "~" | "null" | "Null" | "NULL"))
    }

    /// A plain `true`/`false`.
    pub fn as_bool(&self) -> Option<bool> {
        match &self.kind {
            Kind::Scalar { text, plain: true } => match text.as_str() {
                "true" | "True" | "TRUE" => Some(true),
                "false" | "False" | "FALSE" => Some(false),
                _ => None,
            },
            _ => None,
        }
    }

    pub fn entries(&self) -> &[(Node, Node)] {
        match &self.kind {
            Kind::Map(m) => m,
            _ => &[],
        }
    }

    pub fn items(&self) -> &[Node] {
        match &self.kind {
            Kind::Seq(s) => s,
            _ => &[],
        }
    }

    pub fn is_map(&self) -> bool {
        matches!(self.kind, Kind::Map(_))
    }

    pub fn is_seq(&self) -> bool {
        matches!(self.kind, Kind::Seq(_))
    }

    /// The value of a key in a mapping.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entries()
            .iter()
            .find(|(k, _)| k.str() == Some(key))
            .map(|(_, v)| v)
    }

    /// A scalar, or each scalar of a sequence (`branches: main` and `branches: [main]`).
    pub fn strings(&self) -> Vec<&str> {
        match &self.kind {
            Kind::Scalar { text, .. } => vec![text.as_str()],
            Kind::Seq(s) => s.iter().filter_map(Node::str).collect(),
            Kind::Map(_) => Vec::new(),
        }
    }
}

enum Frame {
    Seq {
        start: Span,
        anchor: usize,
        items: Vec<Node>,
        count_at: usize,
    },
    Map {
        start: Span,
        anchor: usize,
        entries: Vec<(Node, Node)>,
        key: Option<Node>,
        merges: Vec<Node>,
        count_at: usize,
    },
}

struct Builder {
    stack: Vec<Frame>,
    anchors: HashMap<usize, (Node, usize)>,
    /// Nodes made so far, copies included.
    count: usize,
    expanded: usize,
    root: Option<Node>,
    done: bool,
}

fn err(span: &Span, message: impl Into<String>) -> YamlError {
    YamlError {
        line: pos(span.start.line()),
        col: pos(span.start.col() + 1),
        message: message.into(),
    }
}

fn pos(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX).max(1)
}

fn at(span: &Span, kind: Kind) -> Node {
    Node {
        line: pos(span.start.line()),
        col: pos(span.start.col() + 1),
        kind,
    }
}

impl Builder {
    /// Puts a finished node in its parent (or makes it the root).
    fn push(&mut self, node: Node, span: &Span) -> Result<(), YamlError> {
        match self.stack.last_mut() {
            None => {
                if self.root.is_none() {
                    self.root = Some(node);
                }
            }
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map {
                entries,
                key,
                merges,
                ..
            }) => match key.take() {
                None => *key = Some(node),
                Some(k) if matches!(&k.kind, Kind::Scalar { text, plain: true } if text == "<<") => {
                    match &node.kind {
                        Kind::Map(_) => merges.push(node),
                        Kind::Seq(s) if s.iter().all(Node::is_map) => {
                            merges.extend(s.iter().cloned())
                        }
                        _ => {
                            return Err(err(
                                span,
                                "a merge key (<<) needs a mapping or a list of mappings",
                            ));
                        }
                    }
                }
                Some(k) => entries.push((k, node)),
            },
        }
        Ok(())
    }

    fn register(&mut self, anchor: usize, node: &Node, size: usize) {
        if anchor > 0 {
            self.anchors.insert(anchor, (node.clone(), size));
        }
    }

    fn event(&mut self, ev: Event, span: Span) -> Result<(), YamlError> {
        match ev {
            Event::Scalar(text, style, anchor, _tag) => {
                self.count += 1;
                let node = at(
                    &span,
                    Kind::Scalar {
                        text: text.into_owned(),
                        plain: style == ScalarStyle::Plain,
                    },
                );
                self.register(anchor, &node, 1);
                self.push(node, &span)?;
            }
            Event::Alias(id) => {
                let Some((node, size)) = self.anchors.get(&id) else {
                    return Err(err(&span, "an alias to an unknown anchor"));
                };
                self.expanded += size;
                self.count += size;
                if self.expanded > MAX_EXPANDED {
                    return Err(err(
                        &span,
                        format!("aliases expand to more than {MAX_EXPANDED} nodes; stopped here"),
                    ));
                }
                let node = node.clone();
                self.push(node, &span)?;
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                if self.stack.len() >= MAX_DEPTH {
                    return Err(err(
                        &span,
                        format!("nested more than {MAX_DEPTH} levels deep; stopped here"),
                    ));
                }
                self.count += 1;
                let count_at = self.count;
                self.stack.push(if matches!(ev, Event::SequenceStart(..)) {
                    Frame::Seq {
                        start: span,
                        anchor,
                        items: Vec::new(),
                        count_at,
                    }
                } else {
                    Frame::Map {
                        start: span,
                        anchor,
                        entries: Vec::new(),
                        key: None,
                        merges: Vec::new(),
                        count_at,
                    }
                });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let Some(frame) = self.stack.pop() else {
                    return Ok(());
                };
                let (start, anchor, kind, count_at) = match frame {
                    Frame::Seq {
                        start,
                        anchor,
                        items,
                        count_at,
                    } => (start, anchor, Kind::Seq(items), count_at),
                    Frame::Map {
                        start,
                        anchor,
                        mut entries,
                        merges,
                        count_at,
                        ..
                    } => {
                        // Explicit keys win over merged ones; earlier merges win over later.
                        for m in merges {
                            for (k, v) in m.entries() {
                                if !entries.iter().any(|(e, _)| e.kind == k.kind) {
                                    let size = weight(v) + 1;
                                    self.expanded += size;
                                    self.count += size;
                                    if self.expanded > MAX_EXPANDED {
                                        return Err(err(
                                            &start,
                                            format!(
                                                "merge keys expand to more than {MAX_EXPANDED} nodes; stopped here"
                                            ),
                                        ));
                                    }
                                    entries.push((k.clone(), v.clone()));
                                }
                            }
                        }
                        (start, anchor, Kind::Map(entries), count_at)
                    }
                };
                let node = at(&start, kind);
                let size = self.count - count_at + 1;
                self.register(anchor, &node, size);
                self.push(node, &start)?;
            }
            // Only the first document matters to CI systems.
            Event::DocumentEnd => self.done = true,
            _ => {}
        }
        Ok(())
    }
}

/// Nodes in a tree (bounded by the limits above, so cheap).
fn weight(n: &Node) -> usize {
    match &n.kind {
        Kind::Scalar { .. } => 1,
        Kind::Seq(s) => 1 + s.iter().map(weight).sum::<usize>(),
        Kind::Map(m) => 1 + m.iter().map(|(k, v)| weight(k) + weight(v)).sum::<usize>(),
    }
}

/// Parses the first document of `text`. An empty file is an empty (null) scalar.
pub fn parse(text: &str) -> Result<Node, YamlError> {
    let mut b = Builder {
        stack: Vec::new(),
        anchors: HashMap::new(),
        count: 0,
        expanded: 0,
        root: None,
        done: false,
    };
    for item in Parser::new_from_str(text) {
        match item {
            Ok((ev, span)) => {
                b.event(ev, span)?;
                if b.done {
                    break;
                }
            }
            Err(e) => {
                return Err(YamlError {
                    line: pos(e.marker().line()),
                    col: pos(e.marker().col() + 1),
                    message: e.info().to_string(),
                });
            }
        }
    }
    Ok(b.root.unwrap_or(Node {
        line: 1,
        col: 1,
        kind: Kind::Scalar {
            text: String::new(),
            plain: true,
        },
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_anchors_and_merge_keys() {
        let t = "base: &b\n  runs-on: ubuntu\n  env: x\njob:\n  <<: *b\n  env: y\nlist: [*b]\n";
        let n = parse(t).unwrap();
        let job = n.get("job").unwrap();
        assert_eq!(job.get("runs-on").unwrap().str(), Some("ubuntu"));
        assert_eq!(job.get("env").unwrap().str(), Some("y"));
        // A node starts at its anchor.
        assert_eq!(n.get("base").unwrap().line, 1);
        assert_eq!(n.get("job").unwrap().line, 5);
        assert_eq!(n.get("job").unwrap().get("env").unwrap().line, 6);
        assert_eq!(n.get("list").unwrap().items().len(), 1);
    }

    #[test]
    fn alias_bombs_and_deep_nesting_stop_with_an_error() {
        let mut t = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let p = i - 1;
            t.push_str(&format!(
                "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
            ));
        }
        let e = parse(&t).unwrap_err();
        assert!(e.message.contains("aliases expand"), "{e:?}");
        let deep = format!("{}x{}", "[".repeat(200), "]".repeat(200));
        assert!(parse(&deep).is_err());
        let block: String = (0..300).map(|i| format!("{}k:\n", " ".repeat(i))).collect();
        let e = parse(&block).unwrap_err();
        assert!(e.message.contains("nested"), "{e:?}");
    }

    #[test]
    fn syntax_errors_have_a_position() {
        let e = parse("a: [1, 2\nb: c\n").unwrap_err();
        assert!(e.line >= 1 && e.col >= 1);
        assert!(!e.message.is_empty());
    }
}
