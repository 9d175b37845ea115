//! Text matching helpers for search: lowercased haystacks with their initials and
//! character masks, the prepared query, match quality and edit distance.

use std::sync::OnceLock;

use memchr::memmem::Finder;

use super::hangul::{KoForms, KoQuery, is_jamo};
use super::image::{Reader, Writer};

/// A string of the search index: made at run time, or borrowed from the catalogue image
/// compiled into the binary (no copy, no allocation at start-up).
#[derive(Clone)]
pub(crate) enum Text {
    Owned(Box<str>),
    Static(&'static str),
}

impl Default for Text {
    fn default() -> Text {
        Text::Static("")
    }
}

impl std::ops::Deref for Text {
    type Target = str;

    fn deref(&self) -> &str {
        match self {
            Text::Owned(s) => s,
            Text::Static(s) => s,
        }
    }
}

impl From<String> for Text {
    fn from(s: String) -> Text {
        Text::Owned(s.into())
    }
}

impl PartialEq for Text {
    fn eq(&self, other: &Text) -> bool {
        **self == **other
    }
}

impl Eq for Text {}

impl std::fmt::Debug for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&**self, f)
    }
}

/// A text prepared for matching.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Hay {
    /// Lowercased, character by character.
    pub(super) lower: Text,
    /// `lower` without spaces, `-`, `_`, `.` and `/` (`Argo CD` -> `argocd`).
    pub(super) compact: Text,
    /// The first character of each word, lowercased (`GitHub Actions` -> `gha`): camel
    /// case, digits after letters and separators start words.
    pub(super) initials: Text,
    /// Characters in `compact`.
    pub(super) compact_len: u32,
    /// Maps a char index of `lower` to one of the original text, when lowercasing changed
    /// the number of characters.
    pub(super) to_orig: Option<Box<[u32]>>,
    /// Whether this is a short text holding Hangul (one with Korean forms).
    pub(super) has_ko: bool,
    /// Its initials and jamo, built the first time a Korean query looks at the text (most
    /// queries never do); see [`Hay::ko`].
    pub(super) ko: OnceLock<Box<KoForms>>,
}

impl Hay {
    /// A short text (name, alias, tag, category label): lowercased, compact and initials.
    pub(super) fn new(text: &str) -> Hay {
        let (lower, to_orig) = lowercase(text);
        let compact: String = lower.chars().filter(|c| !is_separator(*c)).collect();
        Hay {
            has_ko: KoForms::any_in(&lower),
            ko: OnceLock::new(),
            initials: initials(text).into(),
            compact_len: u32::try_from(compact.chars().count()).unwrap_or(u32::MAX),
            compact: compact.into(),
            lower: lower.into(),
            to_orig,
        }
    }

    /// A long text (a summary): lowercased only.
    pub(super) fn long(text: &str) -> Hay {
        let (lower, to_orig) = lowercase(text);
        Hay {
            lower: lower.into(),
            to_orig,
            // A summary matches as typed only: never by jamo or initials.
            has_ko: false,
            ..Hay::default()
        }
    }

    /// The Korean forms of a short text holding Hangul (built once, on first use).
    pub(super) fn ko(&self) -> Option<&KoForms> {
        if !self.has_ko {
            return None;
        }
        // `has_ko` says the text holds a syllable, so it has Korean forms.
        Some(
            self.ko
                .get_or_init(|| KoForms::new(&self.lower).unwrap_or_default()),
        )
    }

    /// Writes the prepared forms (for the catalogue images).
    #[allow(dead_code, reason = "used by build.rs (and tests), which write images")]
    pub(crate) fn encode(&self, w: &mut Writer) {
        w.str(&self.lower);
        w.str(&self.compact);
        w.str(&self.initials);
        w.u32(self.compact_len);
        match &self.to_orig {
            Some(map) => {
                w.u8(1);
                w.len(map.len());
                for &i in map.iter() {
                    w.u32(i);
                }
            }
            None => w.u8(0),
        }
        w.u8(u8::from(self.ko().is_some()));
    }

    /// Reads what [`Hay::encode`] wrote, borrowing its strings from the image (the Korean
    /// forms are rebuilt from `lower`).
    pub(crate) fn decode(r: &mut Reader<'static>) -> Option<Hay> {
        let lower = Text::Static(r.str()?);
        let compact = Text::Static(r.str()?);
        let initials = Text::Static(r.str()?);
        let compact_len = r.u32()?;
        let to_orig = match r.u8()? {
            0 => None,
            1 => {
                let n = r.count(4)?;
                let mut map = Vec::with_capacity(n);
                for _ in 0..n {
                    map.push(r.u32()?);
                }
                Some(map.into())
            }
            _ => return None,
        };
        let has_ko = match r.u8()? {
            0 => false,
            1 => true,
            _ => return None,
        };
        Some(Hay {
            lower,
            compact,
            initials,
            compact_len,
            to_orig,
            has_ko,
            ko: OnceLock::new(),
        })
    }

    /// Moves past what [`Hay::encode`] wrote, checking it reads, without copying.
    pub(super) fn skip(r: &mut Reader<'static>) -> Option<()> {
        for _ in 0..3 {
            r.str()?;
        }
        r.u32()?;
        match r.u8()? {
            0 => {}
            1 => {
                let n = r.count(4)?;
                r.take(n * 4)?;
            }
            _ => return None,
        }
        (r.u8()? <= 1).then_some(())
    }

    pub(super) fn orig_index(&self, i: usize) -> usize {
        self.to_orig.as_ref().map_or(i, |m| m[i] as usize)
    }

    /// The char index of a byte offset of `lower`.
    pub(super) fn char_index(&self, byte: usize) -> usize {
        let before = &self.lower[..byte];
        if before.is_ascii() {
            byte
        } else {
            before.chars().count()
        }
    }
}

/// Lowercases character by character, with a map back to the original characters when
/// that changed their number (`İ` becomes two characters).
fn lowercase(text: &str) -> (String, Option<Box<[u32]>>) {
    if text.is_ascii() {
        return (text.to_ascii_lowercase(), None);
    }
    let mut lower = String::with_capacity(text.len());
    let mut map = Vec::new();
    let mut grew = false;
    for (i, c) in text.chars().enumerate() {
        let before = map.len();
        for l in c.to_lowercase() {
            lower.push(l);
            map.push(i as u32);
        }
        grew |= map.len() - before != 1;
    }
    (lower, grew.then(|| map.into()))
}

fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric()
    }
}

/// The first character of each word: after a separator, at a lower-to-upper case change,
/// and where digits follow letters.
fn initials(text: &str) -> String {
    let mut out = String::new();
    let mut prev: Option<char> = None;
    for c in text.chars() {
        let starts = is_word_char(c)
            && prev.is_none_or(|p| {
                !is_word_char(p)
                    || (p.is_lowercase() && c.is_uppercase())
                    || (p.is_alphabetic() && c.is_numeric())
            });
        if starts {
            out.extend(c.to_lowercase());
        }
        prev = Some(c);
    }
    out
}

fn is_separator(c: char) -> bool {
    matches!(c, ' ' | '-' | '_' | '.' | '/')
}

/// One bit per letter and digit, a hashed bit for every other character.
fn char_bit(c: char) -> u64 {
    let v = c as u32;
    let b = match c {
        'a'..='z' => v - 'a' as u32,
        '0'..='9' => 26 + v - '0' as u32,
        _ => 36 + (v.wrapping_mul(2_654_435_761) >> 16) % 28,
    };
    1 << b
}

pub(super) fn mask_of(s: &str) -> u64 {
    s.chars().fold(0, |m, c| m | char_bit(c))
}

/// The mask of a short text (name, id, alias, tag, category label): its characters and the
/// jamo of its Hangul syllables. However a query matches a short text (as typed, letters
/// in order, by jamo or by initial consonants), the text holds every jamo of the query, so
/// a text lacking one of [`Prepared::need`] is ruled out without reading it.
pub(super) fn text_mask(s: &str) -> u64 {
    let mut m = 0;
    for c in s.chars() {
        m |= char_bit(c);
        if !c.is_ascii() {
            super::hangul::each_jamo(c, |j| m |= char_bit(j));
        }
    }
    m
}

/// A 256-bit set of the character pairs (bigrams) of a text: a text lacking any pair of
/// a query word cannot contain that word. Far more selective than a character mask on
/// long texts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Bigrams([u64; 4]);

impl Bigrams {
    pub(super) fn of(text: &str) -> Bigrams {
        let mut b = Bigrams::default();
        let mut prev: Option<char> = None;
        for c in text.chars() {
            if let Some(p) = prev {
                b.insert(p, c);
            }
            prev = Some(c);
        }
        b
    }

    fn insert(&mut self, a: char, b: char) {
        let h = (a as u32).wrapping_mul(0x9E37_79B1) ^ (b as u32).wrapping_mul(0x85EB_CA77);
        let bit = (h >> 24) as usize;
        self.0[bit >> 6] |= 1 << (bit & 63);
    }

    #[allow(dead_code, reason = "used by build.rs (and tests), which write images")]
    pub(crate) fn words(&self) -> [u64; 4] {
        self.0
    }

    pub(crate) fn from_words(words: [u64; 4]) -> Bigrams {
        Bigrams(words)
    }

    pub(super) fn contains_all(&self, other: &Bigrams) -> bool {
        self.0.iter().zip(other.0).all(|(a, b)| b & !a == 0)
    }
}

/// A tool's summary prepared for one language.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Summary {
    pub(crate) hay: Hay,
    pub(crate) mask: u64,
    pub(crate) bigrams: Bigrams,
}

impl Summary {
    pub(crate) fn new(text: &str) -> Summary {
        let hay = Hay::long(text);
        Summary {
            mask: mask_of(&hay.lower),
            bigrams: Bigrams::of(&hay.lower),
            hay,
        }
    }

    #[allow(dead_code, reason = "used by build.rs (and tests), which write images")]
    fn encode(&self, w: &mut Writer) {
        self.hay.encode(w);
        w.u64(self.mask);
        for b in self.bigrams.words() {
            w.u64(b);
        }
    }

    pub(crate) fn decode(r: &mut Reader<'static>) -> Option<Summary> {
        let hay = Hay::decode(r)?;
        let mask = r.u64()?;
        let mut words = [0; 4];
        for b in &mut words {
            *b = r.u64()?;
        }
        Some(Summary {
            hay,
            mask,
            bigrams: Bigrams::from_words(words),
        })
    }
}

/// The search texts of one tool: its names (`[name, id, aliases...]`) and tags prepared,
/// joined and masked. `build.rs` computes them for the built-in tools.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct ToolTexts {
    pub(crate) names: Vec<Hay>,
    pub(crate) tags: Vec<Hay>,
    pub(crate) names_joined: Joined,
    pub(crate) tags_joined: Joined,
    pub(crate) names_mask: u64,
    pub(crate) tags_mask: u64,
}

impl ToolTexts {
    pub(crate) fn new<'a>(
        name: &str,
        id: &str,
        aliases: impl Iterator<Item = &'a str>,
        tags: impl Iterator<Item = &'a str>,
    ) -> ToolTexts {
        let mut names = vec![Hay::new(name), Hay::new(id)];
        names.extend(aliases.map(Hay::new));
        let tags: Vec<Hay> = tags.map(Hay::new).collect();
        ToolTexts {
            names_joined: Joined::new(&names),
            tags_joined: Joined::new(&tags),
            names_mask: names.iter().fold(0, |m, h| m | text_mask(&h.lower)),
            tags_mask: tags.iter().fold(0, |m, h| m | text_mask(&h.lower)),
            names,
            tags,
        }
    }

    /// Writes a tool's record: these texts, then its summary in English and in Korean
    /// (the English one after its length in bytes, so the Korean one can be read alone;
    /// the Korean one is a flag when it is the English text).
    #[allow(dead_code, reason = "used by build.rs (and tests), which write images")]
    pub(crate) fn encode_record(&self, summary: [&str; 2], w: &mut Writer) {
        for list in [&self.names, &self.tags] {
            w.len(list.len());
            for h in list {
                h.encode(w);
            }
        }
        self.names_joined.encode(w);
        self.tags_joined.encode(w);
        w.u64(self.names_mask);
        w.u64(self.tags_mask);
        let at = w.pos();
        w.u32(0);
        Summary::new(summary[0]).encode(w);
        let len = w.pos() - at - 4;
        w.patch_u32(at, u32::try_from(len).unwrap_or(u32::MAX));
        // An imported tool's Korean summary is its English one: written once.
        if summary[1] == summary[0] {
            w.u8(1);
        } else {
            w.u8(0);
            Summary::new(summary[1]).encode(w);
        }
    }

    /// Reads the names and tags of a record (the reader is left after them).
    pub(super) fn decode_lists(r: &mut Reader<'static>) -> Option<[Vec<Hay>; 2]> {
        let mut lists = [Vec::new(), Vec::new()];
        for list in &mut lists {
            let n = r.count(16)?;
            list.reserve_exact(n);
            for _ in 0..n {
                list.push(Hay::decode(r)?);
            }
        }
        Some(lists)
    }

    /// Moves past the names and tags of a record, checking they read, without copying
    /// (they are read when a search first looks at them: [`ToolTexts::decode_lists`]).
    pub(super) fn skip_lists(r: &mut Reader<'static>) -> Option<()> {
        for _ in 0..2 {
            for _ in 0..r.count(16)? {
                Hay::skip(r)?;
            }
        }
        Some(())
    }

    /// Reads what follows the lists of a record: the joined texts and the masks (the
    /// reader is left at its summaries).
    pub(super) fn decode_head(r: &mut Reader<'static>) -> Option<(Joined, Joined, u64, u64)> {
        Some((Joined::decode(r)?, Joined::decode(r)?, r.u64()?, r.u64()?))
    }

    /// Reads the texts of a record; the reader is left at its summaries.
    #[cfg(test)]
    pub(crate) fn decode(r: &mut Reader<'static>) -> Option<ToolTexts> {
        let [names, tags] = ToolTexts::decode_lists(r)?;
        Some(ToolTexts {
            names,
            tags,
            names_joined: Joined::decode(r)?,
            tags_joined: Joined::decode(r)?,
            names_mask: r.u64()?,
            tags_mask: r.u64()?,
        })
    }

    /// Reads the summary in a language slot (0 English, 1 Korean) from a reader at a
    /// record's summaries.
    pub(crate) fn decode_summary(mut r: Reader<'static>, slot: usize) -> Option<Summary> {
        let en_len = r.u32()? as usize;
        if slot == 1 {
            let en = r;
            r.take(en_len)?;
            match r.u8()? {
                0 => {}
                1 => r = en,
                _ => return None,
            }
        }
        Summary::decode(&mut r)
    }
}

/// The query, lowercased once.
#[derive(Debug, Clone)]
pub(super) struct Prepared {
    pub(super) lower: String,
    pub(super) compact: String,
    pub(super) chars: Vec<char>,
    pub(super) compact_chars: Vec<char>,
    pub(super) words: Vec<String>,
    /// The characters of `compact` but a Korean query's last character and lone jamo: a
    /// name lacking more of them than a near miss allows is no near miss.
    pub(super) mask: u64,
    /// The characters of `compact`: a summary (matched only as typed) lacking any of them
    /// cannot match.
    pub(super) lit: u64,
    /// The jamo of `compact` (its characters when it has no Hangul): a short text whose
    /// [`text_mask`] lacks any of them cannot match.
    pub(super) need: u64,
    /// The character pairs inside the words of the query.
    pub(super) word_bigrams: Bigrams,
    /// Substring searchers for `lower` and for each word, built once per query.
    pub(super) finder: Finder<'static>,
    pub(super) compact_finder: Finder<'static>,
    pub(super) word_finders: Vec<Finder<'static>>,
    /// The Korean forms of a query holding Hangul.
    pub(super) ko: Option<KoQuery>,
}

impl Prepared {
    pub(super) fn new(text: &str) -> Prepared {
        let lower: String = text.trim().chars().flat_map(char::to_lowercase).collect();
        let lower = spelling(lower);
        let compact: String = lower.chars().filter(|c| !is_separator(*c)).collect();
        let words: Vec<String> = lower.split_whitespace().map(str::to_string).collect();
        let mut word_bigrams = Bigrams::default();
        for w in &words {
            let b = Bigrams::of(w);
            for (x, y) in word_bigrams.0.iter_mut().zip(b.0) {
                *x |= y;
            }
        }
        Prepared {
            word_bigrams,
            chars: lower.chars().collect(),
            compact_chars: compact.chars().collect(),
            mask: query_mask(&compact),
            lit: mask_of(&compact),
            need: jamo_mask(&compact),
            ko: KoQuery::new(&compact),
            finder: Finder::new(lower.as_bytes()).into_owned(),
            compact_finder: Finder::new(compact.as_bytes()).into_owned(),
            word_finders: words
                .iter()
                .map(|w| Finder::new(w.as_bytes()).into_owned())
                .collect(),
            words,
            lower,
            compact,
        }
    }
}

#[cfg(test)]
impl Prepared {
    /// The query without what rules texts out before they are read (masks and bigrams):
    /// every text is then matched in full, the reference for the prefilters.
    pub(super) fn unfiltered(mut self) -> Prepared {
        self.mask = 0;
        self.lit = 0;
        self.need = 0;
        self.word_bigrams = Bigrams::default();
        self
    }
}

/// Korean spellings users type for the words the catalogue spells the standard way
/// (`content/terms.toml`): same number of characters, so highlights stay right.
const SPELLINGS: [(&str, &str); 2] = [("프론트", "프런트"), ("백앤드", "백엔드")];

fn spelling(mut lower: String) -> String {
    for (typed, ours) in SPELLINGS {
        if lower.contains(typed) {
            lower = lower.replace(typed, ours);
        }
    }
    lower
}

/// The characters a text must hold to match the query. A Korean query may end in a
/// half-typed syllable (`쿠번` for `쿠버네`) or be initials (`ㅋㅂㄴ`): its last
/// character and lone jamo are left out.
fn query_mask(compact: &str) -> u64 {
    if !super::hangul::has_hangul(compact) {
        return mask_of(compact);
    }
    let n = compact.chars().count();
    compact
        .chars()
        .take(n - 1)
        .filter(|c| !is_jamo(*c))
        .fold(0, |m, c| m | char_bit(c))
}

/// The bits of the jamo of a text (of its characters when it has no Hangul).
fn jamo_mask(compact: &str) -> u64 {
    let mut m = 0;
    for c in compact.chars() {
        super::hangul::each_jamo(c, |j| m |= char_bit(j));
    }
    m
}

/// A Korean query's match in a short text: its quality and its range of characters of
/// `hay.lower`.
pub(super) fn korean(hay: &Hay, q: &Prepared) -> Option<(Quality, usize, usize)> {
    let kq = q.ko.as_ref()?;
    let ko = hay.ko()?;
    let (start, end) = ko.find(kq)?;
    let chars: Vec<char> = hay.lower.chars().collect();
    let starts = start == 0 || !is_word_char(chars[start - 1]);
    let ends = end == ko.len() || !is_word_char(chars[end]);
    let quality = match (start == 0, end == ko.len(), starts, ends) {
        (true, true, _, _) => Quality::Exact,
        (true, false, _, _) => Quality::Prefix,
        (_, _, true, true) => Quality::Word,
        (_, _, true, false) => Quality::WordStart,
        _ => Quality::Substring,
    };
    Some((quality, start, end))
}

/// Every character of the query appears in `hay`, in order (what the matcher needs).
pub(super) fn is_subsequence(q: &[char], hay: &str) -> bool {
    let mut rest = hay;
    for &c in q {
        match rest.find(c) {
            Some(i) => rest = &rest[i + c.len_utf8()..],
            None => return false,
        }
    }
    true
}

/// Match quality, best last. `Typo` is for names within one or two edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Quality {
    Scattered,
    Typo,
    Acronym,
    Substring,
    WordStart,
    /// A whole word (or run of words) of the text: `ci` in `Travis CI`.
    Word,
    Prefix,
    Exact,
}

/// Whether the text ends a word at byte `end` (its end or a non-word character next).
pub(super) fn ends_word(text: &str, end: usize) -> bool {
    text.get(end..)
        .and_then(|r| r.chars().next())
        .is_none_or(|c| !is_word_char(c))
}

/// A prefix of a two-letter Latin query is mostly noise (`ci` in `Cilium`) unless it is a
/// whole word: it ranks as a substring.
fn prefix_quality(q: &Prepared, whole: bool) -> Quality {
    if whole {
        Quality::Prefix
    } else if q.chars.len() < 3 && q.lower.is_ascii() {
        Quality::Substring
    } else {
        Quality::Prefix
    }
}

/// An exact, prefix, word-start or substring match: its quality and the byte offset of
/// the query in `hay.lower` (none when only the compact forms match, `argocd` in `Argo CD`).
pub(super) fn contiguous(hay: &Hay, q: &Prepared) -> Option<(Quality, Option<usize>)> {
    if q.lower.is_empty() {
        return None;
    }
    let compact_ok = !q.compact.is_empty() && !hay.compact.is_empty();
    if *hay.lower == *q.lower {
        return Some((Quality::Exact, Some(0)));
    }
    if compact_ok && *hay.compact == *q.compact {
        return Some((Quality::Exact, None));
    }
    if hay.lower.starts_with(&q.lower) {
        let whole = ends_word(&hay.lower, q.lower.len());
        let quality = prefix_quality(q, whole);
        if quality == Quality::Prefix {
            return Some((quality, Some(0)));
        }
    }
    if compact_ok && hay.compact.starts_with(&q.compact) && q.chars.len() >= 3 {
        return Some((Quality::Prefix, None));
    }
    let mut first = None;
    let mut word_start = None;
    for i in q.finder.find_iter(hay.lower.as_bytes()) {
        let starts = i == 0
            || hay.lower[..i]
                .chars()
                .next_back()
                .is_some_and(|c| !is_word_char(c));
        if starts && ends_word(&hay.lower, i + q.lower.len()) {
            return Some((Quality::Word, Some(i)));
        }
        if starts && i > 0 {
            word_start.get_or_insert(i);
        }
        first.get_or_insert(i);
    }
    if let Some(i) = word_start {
        return Some((Quality::WordStart, Some(i)));
    }
    first.map(|i| (Quality::Substring, Some(i)))
}

/// The ranking score of a contiguous match within its quality: earlier and in a shorter
/// text is better.
pub(super) fn contiguous_raw(hay: &Hay, pos: Option<usize>) -> i64 {
    raw_for(hay.lower.len(), pos)
}

/// [`contiguous_raw`] for a text of `len` bytes.
pub(super) fn raw_for(len: usize, pos: Option<usize>) -> i64 {
    2_000 - pos.unwrap_or(0).min(1_000) as i64 - (len.min(1_000) / 2) as i64
}

/// True when the query's letters start words of the text, in order (`gke`).
pub(super) fn is_acronym(hay: &Hay, q: &Prepared) -> bool {
    q.compact_chars.len() >= 2 && is_subsequence(&q.compact_chars, &hay.initials)
}

/// Scattered matches of short queries are noise (`tf` in `platform`); longer ones are how
/// a typo with a missing letter (`kuberntes`) still finds its tool.
pub(super) fn scattered_ok(q: &Prepared) -> bool {
    q.chars.len() >= 4
}

/// Optimal string alignment distance, giving up (returning `max + 1`) past `max`.
pub(super) fn edit_distance(a: &[char], b: &str, max: usize) -> usize {
    const N: usize = 48;
    let mut bb = ['\0'; N];
    let mut n = 0;
    for c in b.chars() {
        if n == N {
            return max + 1; // names this long are never a near miss of a query
        }
        bb[n] = c;
        n += 1;
    }
    let b = &bb[..n];
    if a.len().abs_diff(n) > max || a.len() >= N {
        return max + 1;
    }
    // Three rows: the one before the previous (for transpositions), the previous, this one.
    let (mut r0, mut r1, mut r2) = ([0u8; N + 1], [0u8; N + 1], [0u8; N + 1]);
    for (j, v) in r1.iter_mut().enumerate().take(n + 1) {
        *v = j as u8;
    }
    for i in 1..=a.len() {
        r2[0] = i as u8;
        let mut row_min = i as u8;
        for j in 1..=n {
            let cost = u8::from(a[i - 1] != b[j - 1]);
            let mut v = (r1[j] + 1).min(r2[j - 1] + 1).min(r1[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(r0[j - 2] + 1);
            }
            r2[j] = v;
            row_min = row_min.min(v);
        }
        if usize::from(row_min) > max {
            return max + 1;
        }
        std::mem::swap(&mut r0, &mut r1);
        std::mem::swap(&mut r1, &mut r2);
    }
    usize::from(r1[n])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_korean_summary_equal_to_the_english_one_is_written_once_and_read_back() {
        let texts = ToolTexts::new("Kube", "kube", [].into_iter(), [].into_iter());
        let read = |summary: [&str; 2]| {
            let mut w = Writer::default();
            texts.encode_record(summary, &mut w);
            let (bytes, text): (&'static [u8], &'static str) = (w.bytes.leak(), w.text.leak());
            let mut r = Reader::new(bytes, text);
            assert_eq!(ToolTexts::decode(&mut r).as_ref(), Some(&texts));
            let at = r.pos();
            let slot = |s| ToolTexts::decode_summary(Reader::at(bytes, text, at), s).unwrap();
            (bytes.len(), slot(0), slot(1))
        };
        let (same_len, en, ko) = read(["Runs containers", "Runs containers"]);
        assert_eq!((en.clone(), ko), (Summary::new("Runs containers"), en));
        let (other_len, en, ko) = read(["Runs containers", "컨테이너를 실행합니다"]);
        assert_eq!(en, Summary::new("Runs containers"));
        assert_eq!(ko, Summary::new("컨테이너를 실행합니다"));
        assert!(same_len < other_len, "{same_len} < {other_len}");
    }

    #[test]
    fn subsequence_and_masks() {
        let q: Vec<char> = "kbs".chars().collect();
        assert!(is_subsequence(&q, "kubernetes"));
        assert!(!is_subsequence(&q, "sbk"));
        let k: Vec<char> = "쿠네".chars().collect();
        assert!(is_subsequence(&k, "쿠버네티스"));
        assert_eq!(mask_of("ab") & !mask_of("abc"), 0);
        assert_ne!(mask_of("z") & !mask_of("abc"), 0);
    }

    #[test]
    fn qualities() {
        let q = |s| Prepared::new(s);
        let c = |h: &str, s| contiguous(&Hay::new(h), &q(s)).map(|(k, _)| k);
        assert_eq!(c("Argo CD", "argocd"), Some(Quality::Exact));
        assert_eq!(c("Kubernetes", "kube"), Some(Quality::Prefix));
        assert_eq!(c("GitHub Actions", "act"), Some(Quality::WordStart));
        assert_eq!(c("Kubernetes", "net"), Some(Quality::Substring));
        assert_eq!(c("Kubernetes", "kbs"), None);
        assert!(is_acronym(&Hay::new("Google Kubernetes Engine"), &q("gke")));
        assert!(is_acronym(&Hay::new("GitHub Actions"), &q("gha")));
        assert!(!is_acronym(&Hay::new("platform"), &q("tf")));
        assert_eq!(&*Hay::new("cdk8s").initials, "c8");
    }

    #[test]
    fn bigrams_rule_out_texts_without_the_pairs() {
        let text = Bigrams::of("a load testing tool");
        assert!(text.contains_all(&Prepared::new("load test").word_bigrams));
        assert!(text.contains_all(&Prepared::new("tin").word_bigrams));
        assert!(!text.contains_all(&Prepared::new("kube").word_bigrams));
        assert!(Bigrams::of("쿠버네티스 배포").contains_all(&Prepared::new("버네").word_bigrams));
    }

    /// The joined search finds what `contiguous` finds text by text.
    #[test]
    fn joined_matches_agree_with_contiguous() {
        let texts = [
            "Argo CD",
            "argo-cd",
            "argocd",
            "아르고 CD",
            "Kubernetes",
            "kube",
            "GitHub Actions",
        ];
        let hays: Vec<Hay> = texts.iter().map(|t| Hay::new(t)).collect();
        let joined = Joined::new(&hays);
        for query in [
            "argo", "argocd", "argo cd", "cd", "kube", "k", "actions", "고", "xyz", "git hub",
        ] {
            let q = Prepared::new(query);
            let mut best: Vec<Option<(Quality, i64)>> = vec![None; texts.len()];
            joined.contiguous_matches(&q, |t, quality, pos, len| {
                let v = (quality, raw_for(len, pos));
                if best[t].is_none_or(|b| v > b) {
                    best[t] = Some(v);
                }
            });
            for (t, hay) in hays.iter().enumerate() {
                let want = contiguous(hay, &q).map(|(k, pos)| (k, contiguous_raw(hay, pos)));
                assert_eq!(best[t], want, "{query:?} in {:?}", texts[t]);
            }
        }
    }

    #[test]
    fn edit_distance_counts_transpositions_once() {
        let a: Vec<char> = "kuberentes".chars().collect();
        assert_eq!(edit_distance(&a, "kubernetes", 2), 1);
        let a: Vec<char> = "terrafrom".chars().collect();
        assert_eq!(edit_distance(&a, "terraform", 2), 1);
        let a: Vec<char> = "abcd".chars().collect();
        assert_eq!(edit_distance(&a, "wxyz", 1), 2);
    }
}

/// Several short texts of a tool joined (lowercased, and compact), to tell with one search
/// whether any of them can match at all.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Joined {
    lower: Text,
    compact: Text,
}

impl Joined {
    pub(super) fn new<'a>(hays: impl IntoIterator<Item = &'a Hay>) -> Joined {
        let (mut lower, mut compact) = (String::new(), String::new());
        for h in hays {
            lower.push_str(&h.lower);
            lower.push('\n');
            compact.push_str(&h.compact);
            compact.push('\n');
        }
        Joined {
            lower: lower.into(),
            compact: compact.into(),
        }
    }

    #[allow(dead_code, reason = "used by build.rs (and tests), which write images")]
    pub(crate) fn encode(&self, w: &mut Writer) {
        w.str(&self.lower);
        w.str(&self.compact);
    }

    pub(crate) fn decode(r: &mut Reader<'static>) -> Option<Joined> {
        Some(Joined {
            lower: Text::Static(r.str()?),
            compact: Text::Static(r.str()?),
        })
    }

    /// Calls `f(text, quality, pos, len)` for every contiguous match of the query in the
    /// joined texts, in order: `text` is the index of the text, `pos` the byte offset of
    /// the match in its lowercased form (none for a match of the compact forms) and `len`
    /// the text's lowercased length. Gives what [`contiguous`] gives text by text, with
    /// one search and without reading the texts one by one.
    pub(super) fn contiguous_matches(
        &self,
        q: &Prepared,
        mut f: impl FnMut(usize, Quality, Option<usize>, usize),
    ) {
        if q.lower.is_empty() || q.lower.contains('\n') {
            return;
        }
        let lower = self.lower.as_bytes();
        // The text holding the current match: its index and byte range; occurrences come in
        // order, so the texts are walked once.
        let (mut text, mut start, mut end) =
            (0, 0, memchr::memchr(b'\n', lower).unwrap_or(lower.len()));
        let mut done = usize::MAX; // a text whose best match is already reported
        for i in q.finder.find_iter(lower) {
            while i > end {
                text += 1;
                start = end + 1;
                end = start + memchr::memchr(b'\n', &lower[start..]).unwrap_or(lower.len() - start);
            }
            if text == done {
                continue;
            }
            let whole = ends_word(&self.lower[..end], i + q.lower.len());
            let starts = i == start
                || self.lower[..i]
                    .chars()
                    .next_back()
                    .is_some_and(|c| !is_word_char(c));
            let quality = if i == start && end - start == q.lower.len() {
                Quality::Exact
            } else if i == start && prefix_quality(q, whole) == Quality::Prefix {
                Quality::Prefix
            } else if starts && whole {
                Quality::Word
            } else if starts && i > start {
                Quality::WordStart
            } else {
                Quality::Substring
            };
            // Later matches in this text start later: only a better kind can still beat
            // this one.
            if matches!(quality, Quality::Exact | Quality::Prefix | Quality::Word) {
                done = text;
            }
            f(text, quality, Some(i - start), end - start);
        }
        if q.compact.is_empty() {
            return;
        }
        let compact = self.compact.as_bytes();
        for i in q.compact_finder.find_iter(compact) {
            if i > 0 && compact[i - 1] != b'\n' {
                continue;
            }
            let end = i + memchr::memchr(b'\n', &compact[i..]).unwrap_or(compact.len() - i);
            let text = memchr::memchr_iter(b'\n', &compact[..i]).count();
            let quality = if end - i == q.compact.len() {
                Quality::Exact
            } else if q.chars.len() >= 3 {
                Quality::Prefix
            } else {
                continue;
            };
            let len = self.lower.split('\n').nth(text).map_or(0, str::len);
            f(text, quality, None, len);
        }
    }

    /// Whether the query's characters occur in order in one of the texts.
    pub(super) fn may_have_subsequence(&self, q: &Prepared) -> bool {
        is_subsequence(&q.chars, &self.lower) || is_subsequence(&q.compact_chars, &self.compact)
    }
}

/// A fast hash for the catalogue's string maps (ids, names, URLs: short keys we make
/// ourselves, so no need for SipHash's protection against chosen keys). FxHash's mix.
#[derive(Default, Clone, Copy)]
pub(crate) struct FastHasher(u64);

impl std::hash::Hasher for FastHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let v = u64::from_le_bytes(c.try_into().unwrap_or([0; 8]));
            self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.write(&[i]);
    }
}

/// A `HashMap` with [`FastHasher`].
pub(crate) type FastMap<K, V> =
    std::collections::HashMap<K, V, std::hash::BuildHasherDefault<FastHasher>>;
