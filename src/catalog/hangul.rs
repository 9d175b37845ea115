//! Hangul as Korean users type it: syllables decomposed into jamo, so a half-typed last
//! syllable (`쿠버ㄴ`, or `쿠번` as the input method shows it) and initial consonants
//! (`ㅋㅂㄴㅌㅅ`) match, and a match is mapped back to whole characters for highlights.

const CHO: [char; 19] = [
    'ㄱ', 'ㄲ', 'ㄴ', 'ㄷ', 'ㄸ', 'ㄹ', 'ㅁ', 'ㅂ', 'ㅃ', 'ㅅ', 'ㅆ', 'ㅇ', 'ㅈ', 'ㅉ', 'ㅊ', 'ㅋ',
    'ㅌ', 'ㅍ', 'ㅎ',
];
/// Vowels, compound ones as the keys typed (`ㅘ` = `ㅗ` + `ㅏ`).
const JUNG: [&str; 21] = [
    "ㅏ", "ㅐ", "ㅑ", "ㅒ", "ㅓ", "ㅔ", "ㅕ", "ㅖ", "ㅗ", "ㅗㅏ", "ㅗㅐ", "ㅗㅣ", "ㅛ", "ㅜ",
    "ㅜㅓ", "ㅜㅔ", "ㅜㅣ", "ㅠ", "ㅡ", "ㅡㅣ", "ㅣ",
];
/// Final consonants, compound ones as the keys typed (`ㄺ` = `ㄹ` + `ㄱ`).
const JONG: [&str; 28] = [
    "", "ㄱ", "ㄲ", "ㄱㅅ", "ㄴ", "ㄴㅈ", "ㄴㅎ", "ㄷ", "ㄹ", "ㄹㄱ", "ㄹㅁ", "ㄹㅂ", "ㄹㅅ",
    "ㄹㅌ", "ㄹㅍ", "ㄹㅎ", "ㅁ", "ㅂ", "ㅂㅅ", "ㅅ", "ㅆ", "ㅇ", "ㅈ", "ㅊ", "ㅋ", "ㅌ", "ㅍ",
    "ㅎ",
];

fn syllable(c: char) -> Option<u32> {
    let v = c as u32;
    (0xAC00..=0xD7A3).contains(&v).then(|| v - 0xAC00)
}

/// A compatibility jamo (`ㄱ`..`ㅣ`), as typed alone.
pub(super) fn is_jamo(c: char) -> bool {
    ('\u{3131}'..='\u{3163}').contains(&c)
}

fn is_consonant(c: char) -> bool {
    ('\u{3131}'..='\u{314E}').contains(&c)
}

pub(super) fn has_hangul(s: &str) -> bool {
    s.chars().any(|c| syllable(c).is_some() || is_jamo(c))
}

/// The initial consonant of a syllable, or the character itself.
pub(super) fn initial(c: char) -> char {
    syllable(c).map_or(c, |s| CHO[(s / 588) as usize])
}

/// Appends the jamo of a character (the character itself when it is not a syllable).
fn push_jamo(c: char, out: &mut String) {
    match syllable(c) {
        Some(s) => {
            out.push(CHO[(s / 588) as usize]);
            out.push_str(JUNG[((s % 588) / 28) as usize]);
            out.push_str(JONG[(s % 28) as usize]);
        }
        None => out.push(c),
    }
}

/// Calls `f` with each jamo of a character, in order (the character itself when it is not
/// a syllable).
pub(super) fn each_jamo(c: char, mut f: impl FnMut(char)) {
    match syllable(c) {
        Some(s) => {
            f(CHO[(s / 588) as usize]);
            JUNG[((s % 588) / 28) as usize].chars().for_each(&mut f);
            JONG[(s % 28) as usize].chars().for_each(f);
        }
        None => f(c),
    }
}

/// The jamo of a whole text.
pub(super) fn jamo(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    for c in text.chars() {
        push_jamo(c, &mut out);
    }
    out
}

/// The Korean forms of a (lowercased) text that holds Hangul.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct KoForms {
    /// The initial consonant of each character (other characters as they are).
    cho: Box<[char]>,
    /// The jamo of each character, in order.
    jamo: Box<[char]>,
    /// For each jamo, the index of its character in the lowercased text.
    jamo_char: Box<[u32]>,
    /// For each jamo, whether it starts its character.
    jamo_start: Box<[bool]>,
}

impl KoForms {
    /// Whether a text has Korean forms (holds a Hangul syllable).
    pub(super) fn any_in(lower: &str) -> bool {
        lower.chars().any(|c| syllable(c).is_some())
    }

    pub(super) fn new(lower: &str) -> Option<Box<KoForms>> {
        if !KoForms::any_in(lower) {
            return None;
        }
        // Room for about three jamo per syllable (a hint: compound ones take more).
        let n = lower.chars().count() * 3;
        let (mut jamo_v, mut jamo_char, mut jamo_start) = (
            Vec::with_capacity(n),
            Vec::with_capacity(n),
            Vec::with_capacity(n),
        );
        let mut buf = String::new();
        for (i, c) in lower.chars().enumerate() {
            buf.clear();
            push_jamo(c, &mut buf);
            for (k, j) in buf.chars().enumerate() {
                jamo_v.push(j);
                jamo_char.push(i as u32);
                jamo_start.push(k == 0);
            }
        }
        Some(Box::new(KoForms {
            cho: lower.chars().map(initial).collect(),
            jamo: jamo_v.into(),
            jamo_char: jamo_char.into(),
            jamo_start: jamo_start.into(),
        }))
    }

    /// Where a Korean query matches, as a range of characters of the lowercased text: by
    /// initial consonants when the query is only consonants, else by jamo, starting at a
    /// character's start. The first match that starts a word wins, else the first one.
    pub(super) fn find(&self, q: &KoQuery) -> Option<(usize, usize)> {
        let mut first = None;
        if q.initials_only {
            let n = q.chars.len();
            for s in 0..=self.cho.len().saturating_sub(n) {
                if self.cho.len() >= n && self.cho[s..s + n] == q.chars[..] {
                    if s == 0 || !self.cho[s - 1].is_alphanumeric() {
                        return Some((s, s + n));
                    }
                    first.get_or_insert((s, s + n));
                }
            }
            return first;
        }
        let n = q.jamo.len();
        if n == 0 || self.jamo.len() < n {
            return None;
        }
        for s in 0..=self.jamo.len() - n {
            if self.jamo_start[s] && self.jamo[s..s + n] == q.jamo[..] {
                let range = (
                    self.jamo_char[s] as usize,
                    self.jamo_char[s + n - 1] as usize + 1,
                );
                if s == 0 || !self.jamo[s - 1].is_alphanumeric() {
                    return Some(range);
                }
                first.get_or_insert(range);
            }
        }
        first
    }

    /// Characters in the text.
    pub(super) fn len(&self) -> usize {
        self.cho.len()
    }
}

/// A query holding Hangul, in the forms [`KoForms::find`] compares.
#[derive(Debug, Clone)]
pub(super) struct KoQuery {
    /// Only consonants (`ㅋㅂㄴㅌㅅ`): match by initials.
    initials_only: bool,
    chars: Box<[char]>,
    jamo: Box<[char]>,
}

impl KoQuery {
    /// `None` when the query has no Hangul.
    pub(super) fn new(compact: &str) -> Option<KoQuery> {
        if !has_hangul(compact) {
            return None;
        }
        Some(KoQuery {
            initials_only: compact.chars().all(is_consonant),
            chars: compact.chars().collect(),
            jamo: jamo(compact).chars().collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(text: &str, q: &str) -> Option<(usize, usize)> {
        KoForms::new(text)?.find(&KoQuery::new(q)?)
    }

    #[test]
    fn half_typed_syllables_and_initials_match_whole_characters() {
        assert_eq!(find("쿠버네티스", "쿠버ㄴ"), Some((0, 3)));
        assert_eq!(find("쿠버네티스", "쿠번"), Some((0, 3)));
        assert_eq!(find("쿠버네티스", "ㅋㅂㄴㅌㅅ"), Some((0, 5)));
        assert_eq!(find("젠킨스", "ㅈㅋㅅ"), Some((0, 3)));
        assert_eq!(find("아마존 eks", "ㅇㅁㅈ"), Some((0, 3)));
        assert_eq!(find("깃허브 액션", "액ㅅ"), Some((4, 6)));
        // A match never starts inside a syllable.
        assert_eq!(find("쿠버네티스", "ㅓㄴ"), None);
        assert_eq!(find("쿠버네티스", "ㅌㅋ"), None);
        assert_eq!(find("닭", "달ㄱ"), Some((0, 1)));
        assert_eq!(KoQuery::new("kube").map(|_| ()), None);
    }
}
