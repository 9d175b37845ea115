//! The built-in catalogue's tools in the image `build.rs` wrote, each read when it is first
//! asked for: a search shows 20 of the 444 tools, `tools show` one, so neither copies the
//! others out of the image. Listing and the advisor read them all, once.

use std::sync::OnceLock;

use super::Tool;
use super::image::Reader;

/// The tools of a catalogue image, in catalogue order (`build.rs` sorts them as
/// `Catalog::new` does).
#[derive(Debug, Clone)]
pub(crate) struct ToolImage {
    bytes: &'static [u8],
    text: &'static str,
    /// Where each tool's fields start.
    starts: Vec<u32>,
    read: Box<[OnceLock<Tool>]>,
}

impl ToolImage {
    pub(crate) fn new(bytes: &'static [u8], text: &'static str, starts: Vec<u32>) -> ToolImage {
        let read = starts.iter().map(|_| OnceLock::new()).collect();
        ToolImage {
            bytes,
            text,
            starts,
            read,
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
        self.read[i].get_or_init(|| self.decode(i))
    }

    /// Every tool (the ones already read are copied, not read again).
    pub(crate) fn all(&self) -> Vec<Tool> {
        (0..self.len())
            .map(|i| {
                self.read[i]
                    .get()
                    .cloned()
                    .unwrap_or_else(|| self.decode(i))
            })
            .collect()
    }

    /// The image is compiled into the binary from the shipped tool files and every tool of
    /// it is read by the test suite (`load::tests`), so a tool that does not read is a
    /// build defect, not bad input.
    fn decode(&self, i: usize) -> Tool {
        super::load::read_tool(&mut self.reader(i))
            .expect("the built-in catalogue image reads (checked by the test suite)")
    }
}
