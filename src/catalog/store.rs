//! The tools of a catalogue image (the built-in one `build.rs` wrote, or a landscape
//! cache), each read when it is first asked for: a search shows 20 of the 444 tools,
//! `tools show` one, so neither copies the others out of the image. Listing and the
//! advisor read them all, once.

use std::sync::OnceLock;

use super::Tool;
use super::image::Reader;

/// The tools of a catalogue image, in catalogue order (`build.rs` and the landscape cache
/// sort them as `Catalog::new` does).
#[derive(Debug, Clone)]
pub(crate) struct ToolImage {
    bytes: &'static [u8],
    text: &'static str,
    /// Where each tool's fields start.
    starts: Vec<u32>,
    /// The tools read so far (boxed: an unread one costs a pointer and a flag, not a
    /// `Tool`'s size, which matters at 100,000 cached tools).
    read: Box<[OnceLock<Box<Tool>>]>,
    kind: Kind,
}

/// Who wrote an image: its tools' fields are the same, a cache's tools have three more
/// after them (see `cache.rs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// `build.rs`, from the shipped tool files.
    Builtin,
    /// The landscape cache (`cache.rs`), checked when it was read.
    Cached,
}

impl ToolImage {
    pub(crate) fn new(bytes: &'static [u8], text: &'static str, starts: Vec<u32>) -> ToolImage {
        ToolImage::of_kind(bytes, text, starts, Kind::Builtin)
    }

    pub(crate) fn of_kind(
        bytes: &'static [u8],
        text: &'static str,
        starts: Vec<u32>,
        kind: Kind,
    ) -> ToolImage {
        let read = starts.iter().map(|_| OnceLock::new()).collect();
        ToolImage {
            bytes,
            text,
            starts,
            read,
            kind,
        }
    }

    pub(crate) fn kind(&self) -> Kind {
        self.kind
    }

    /// What the search index needs of a tool, read in place.
    pub(super) fn facts(&self, i: usize) -> Option<super::index::Facts<'static>> {
        let mut r = self.reader(i);
        match self.kind {
            Kind::Builtin => super::load::read_facts(&mut r),
            Kind::Cached => super::cache::read_facts(&mut r),
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.starts.len()
    }

    /// A reader at the start of a tool's fields.
    pub(crate) fn reader(&self, i: usize) -> Reader<'static> {
        Reader::at(self.bytes, self.text, self.starts[i] as usize)
    }

    /// One tool, read on first use.
    pub(crate) fn get(&self, i: usize) -> &Tool {
        self.read[i].get_or_init(|| Box::new(self.decode(i)))
    }

    /// Every tool (the ones already read are copied, not read again).
    pub(crate) fn all(&self) -> Vec<Tool> {
        (0..self.len())
            .map(|i| {
                self.read[i]
                    .get()
                    .map_or_else(|| self.decode(i), |t| Tool::clone(t))
            })
            .collect()
    }

    /// The built-in image is compiled into the binary from the shipped tool files and every
    /// tool of it is read by the test suite (`load::tests`), so a tool that does not read
    /// is a build defect, not bad input. A cached one was walked field by field when the
    /// cache file was read (`cache::load`), after its checksum matched.
    fn decode(&self, i: usize) -> Tool {
        let mut r = self.reader(i);
        match self.kind {
            Kind::Builtin => super::load::read_tool(&mut r)
                .expect("the built-in catalogue image reads (checked by the test suite)"),
            Kind::Cached => super::cache::read_tool(&mut r)
                .expect("a cached catalogue reads (checked when the cache was read)"),
        }
    }
}
