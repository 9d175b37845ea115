//! The byte format of the catalogue images: the built-in catalogue that `build.rs` writes
//! at compile time (its tools and their search texts, so a start-up neither parses TOML or
//! JSON nor lowercases a text) and the landscape cache in the user's cache folder.
//!
//! An image is two parts: numbers (little-endian) and a text pool. A string is written
//! in the pool and, in the numbers, as its offset and length (`u32` each); a list is its
//! length then its items. The built-in image's pool is compiled in with `include_str!`, so
//! its UTF-8 is checked by the compiler, not at each start; a cache file's pool is
//! checked once when read. This file is also compiled into `build.rs` (by `#[path]`),
//! so it stands on `std` alone.
//!
//! A reader never panics on bad input: every read checks what is left and gives `None`,
//! and the caller then falls back to the slow, checked way (or rebuilds a cache).

/// Appends values to an image.
#[derive(Debug, Default)]
pub(crate) struct Writer {
    pub(crate) bytes: Vec<u8>,
    pub(crate) text: String,
    /// Where each string went in the pool, by its hash: a string written before is not
    /// written again (a category or stage named by every tool, a summary whose lowercase
    /// or Korean text is itself). On a hash collision the string is simply written.
    pooled: std::collections::HashMap<u64, usize>,
}

impl Writer {
    /// A writer whose strings go on after a pool written before.
    #[allow(dead_code, reason = "used by build.rs, which compiles this file in")]
    pub(crate) fn with_text(text: String) -> Writer {
        Writer {
            text,
            ..Writer::default()
        }
    }

    pub(crate) fn u8(&mut self, v: u8) {
        self.bytes.push(v);
    }

    pub(crate) fn u32(&mut self, v: u32) {
        self.bytes.extend_from_slice(&v.to_le_bytes());
    }

    pub(crate) fn u64(&mut self, v: u64) {
        self.bytes.extend_from_slice(&v.to_le_bytes());
    }

    /// A length or count (images never hold 4 GiB).
    pub(crate) fn len(&mut self, n: usize) {
        self.u32(u32::try_from(n).unwrap_or(u32::MAX));
    }

    pub(crate) fn str(&mut self, s: &str) {
        let at = match self.pooled.entry(hash(s.as_bytes(), 0)) {
            std::collections::hash_map::Entry::Occupied(e)
                if self.text.get(*e.get()..*e.get() + s.len()) == Some(s) =>
            {
                *e.get()
            }
            e => {
                let at = self.text.len();
                if let std::collections::hash_map::Entry::Vacant(v) = e {
                    v.insert(at);
                }
                self.text.push_str(s);
                at
            }
        };
        self.len(at);
        self.len(s.len());
    }

    pub(crate) fn opt_str(&mut self, s: Option<&str>) {
        match s {
            Some(s) => {
                self.u8(1);
                self.str(s);
            }
            None => self.u8(0),
        }
    }

    pub(crate) fn strs<'a>(&mut self, list: impl ExactSizeIterator<Item = &'a str>) {
        self.len(list.len());
        for s in list {
            self.str(s);
        }
    }

    /// Where the next byte goes.
    #[allow(dead_code, reason = "used by build.rs, which compiles this file in")]
    pub(crate) fn pos(&self) -> usize {
        self.bytes.len()
    }

    /// Writes a `u32` at `at` (a placeholder written before).
    #[allow(dead_code, reason = "used by build.rs, which compiles this file in")]
    pub(crate) fn patch_u32(&mut self, at: usize, v: u32) {
        if let Some(slot) = self.bytes.get_mut(at..at + 4) {
            slot.copy_from_slice(&v.to_le_bytes());
        }
    }
}

/// Reads values from an image; `None` as soon as anything is short or malformed.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Reader<'a> {
    bytes: &'a [u8],
    text: &'a str,
    pos: usize,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(bytes: &'a [u8], text: &'a str) -> Reader<'a> {
        Reader::at(bytes, text, 0)
    }

    pub(crate) fn at(bytes: &'a [u8], text: &'a str, pos: usize) -> Reader<'a> {
        Reader { bytes, text, pos }
    }

    pub(crate) fn pos(&self) -> usize {
        self.pos
    }

    #[cfg(test)]
    pub(crate) fn is_done(&self) -> bool {
        self.pos == self.bytes.len()
    }

    pub(crate) fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.pos.checked_add(n)?;
        let out = self.bytes.get(self.pos..end)?;
        self.pos = end;
        Some(out)
    }

    pub(crate) fn u8(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }

    pub(crate) fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }

    pub(crate) fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }

    /// A count of items that each take at least `min_size` bytes of numbers: never more than the bytes
    /// left allow, so a corrupt count cannot make a caller reserve huge memory.
    pub(crate) fn count(&mut self, min_size: usize) -> Option<usize> {
        let n = self.u32()? as usize;
        let left = self.bytes.len() - self.pos;
        (n.saturating_mul(min_size.max(1)) <= left).then_some(n)
    }

    pub(crate) fn str(&mut self) -> Option<&'a str> {
        let at = self.u32()? as usize;
        let n = self.u32()? as usize;
        self.text.get(at..at.checked_add(n)?)
    }

    pub(crate) fn string(&mut self) -> Option<String> {
        self.str().map(str::to_string)
    }

    pub(crate) fn opt_str(&mut self) -> Option<Option<&'a str>> {
        match self.u8()? {
            0 => Some(None),
            1 => Some(Some(self.str()?)),
            _ => None,
        }
    }

    pub(crate) fn opt_string(&mut self) -> Option<Option<String>> {
        Some(self.opt_str()?.map(str::to_string))
    }

    pub(crate) fn strings(&mut self) -> Option<Vec<String>> {
        let n = self.count(8)?;
        let mut out = Vec::with_capacity(n);
        for _ in 0..n {
            out.push(self.string()?);
        }
        Some(out)
    }

    /// A list of strings, not copied: its items are read when the list is walked (the
    /// reader moves past the whole list now).
    pub(crate) fn list(&mut self) -> Option<StrList<'a>> {
        let n = self.count(8)?;
        let items = Reader::at(self.bytes, self.text, self.pos);
        self.take(n * 8)?;
        Some(StrList { items, left: n })
    }

    /// An optional string read as a value by `parse` (an id, a date); a string `parse`
    /// refuses makes the whole read fail.
    pub(crate) fn opt_parsed<T>(&mut self, parse: impl Fn(&str) -> Option<T>) -> Option<Option<T>> {
        match self.opt_str()? {
            None => Some(None),
            Some(s) => Some(Some(parse(s)?)),
        }
    }

    /// A list of strings, each read as a value by `parse`.
    pub(crate) fn parsed_list<T>(&mut self, parse: impl Fn(&str) -> Option<T>) -> Option<Vec<T>> {
        let n = self.count(8)?;
        let mut out = Vec::with_capacity(n);
        for _ in 0..n {
            out.push(parse(self.str()?)?);
        }
        Some(out)
    }
}

/// The strings of a list in an image, read one by one ([`Reader::list`]); a string that
/// does not read ends the walk.
#[derive(Debug, Clone)]
pub(crate) struct StrList<'a> {
    items: Reader<'a>,
    left: usize,
}

impl<'a> Iterator for StrList<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        self.left = self.left.checked_sub(1)?;
        let s = self.items.str();
        if s.is_none() {
            self.left = 0;
        }
        s
    }
}

/// A 64-bit FNV-1a-style hash over 8-byte words: fast, for telling whether a file or a
/// content set changed (not for security).
pub(crate) fn hash(bytes: &[u8], seed: u64) -> u64 {
    const K: u64 = 0x0000_0100_0000_01B3;
    let mut h = 0xCBF2_9CE4_8422_2325 ^ seed;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        h = (h ^ u64::from_le_bytes(w)).wrapping_mul(K).rotate_left(29);
    }
    for &b in chunks.remainder() {
        h = (h ^ u64::from(b)).wrapping_mul(K);
    }
    h ^ bytes.len() as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_string_written_before_is_pooled_once() {
        let mut w = Writer::default();
        w.strs(["same", "same", "other", "same", "", "othe"].into_iter());
        assert_eq!(w.text, "sameotherothe");
        let mut r = Reader::new(&w.bytes, &w.text);
        assert_eq!(
            r.strings().unwrap(),
            ["same", "same", "other", "same", "", "othe"]
        );
        // Text written before by another writer is not looked up, only read back.
        let mut more = Writer::with_text(w.text.clone());
        more.str("same");
        assert_eq!(more.text, "sameotherothesame");
    }

    #[test]
    fn values_round_trip_and_short_input_gives_none() {
        let mut w = Writer::default();
        w.u8(7);
        w.u32(70_000);
        w.u64(u64::MAX - 1);
        w.str("쿠버네티스");
        w.opt_str(None);
        w.opt_str(Some("k8s"));
        w.strs(["a", "bc"].into_iter());
        let mut r = Reader::new(&w.bytes, &w.text);
        assert_eq!(r.u8(), Some(7));
        assert_eq!(r.u32(), Some(70_000));
        assert_eq!(r.u64(), Some(u64::MAX - 1));
        assert_eq!(r.str(), Some("쿠버네티스"));
        assert_eq!(r.opt_str(), Some(None));
        assert_eq!(r.opt_str(), Some(Some("k8s")));
        let mut again = r;
        assert_eq!(r.strings(), Some(vec!["a".to_string(), "bc".to_string()]));
        assert!(r.is_done());
        let list = again.list().expect("a list");
        assert!(again.is_done(), "the reader moves past the list");
        assert_eq!(list.collect::<Vec<_>>(), ["a", "bc"]);
        assert_eq!(r.u8(), None);
        // Every cut of the bytes reads as far as it goes, then gives `None`.
        for cut in 0..w.bytes.len() {
            let mut r = Reader::new(&w.bytes[..cut], &w.text);
            let all = (|| {
                r.u8()?;
                r.u32()?;
                r.u64()?;
                r.str()?;
                r.opt_str()?;
                r.opt_str()?;
                r.strings()
            })();
            assert_eq!(all, None, "cut at {cut}");
        }
    }

    #[test]
    fn a_huge_count_is_refused_and_bad_utf8_too() {
        let mut w = Writer::default();
        w.u32(u32::MAX);
        assert_eq!(Reader::new(&w.bytes, "").strings(), None);
        // A string outside the pool, or cutting a character, does not read.
        let mut w = Writer::default();
        w.str("쿠");
        assert_eq!(Reader::new(&w.bytes, "쿠").str(), Some("쿠"));
        assert_eq!(Reader::new(&w.bytes, "ab").str(), None);
        let cut = [0, 0, 0, 0, 1, 0, 0, 0];
        assert_eq!(Reader::new(&cut, "쿠").str(), None);
        assert_ne!(hash(b"abc", 0), hash(b"abd", 0));
        assert_ne!(hash(b"abc", 0), hash(b"abc", 1));
    }
}
