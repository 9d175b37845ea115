//! Text matching helpers for search: lowercased haystacks with their initials and
//! character masks, the prepared query, match quality and edit distance.

/// A text prepared for matching.
#[derive(Debug, Clone, Default)]
pub(super) struct Hay {
    /// Lowercased, character by character.
    pub(super) lower: Box<str>,
    /// `lower` without spaces, `-`, `_`, `.` and `/` (`Argo CD` -> `argocd`).
    pub(super) compact: Box<str>,
    /// The first character of each word, lowercased (`GitHub Actions` -> `gha`): camel
    /// case, digits after letters and separators start words.
    pub(super) initials: Box<str>,
    /// Characters in `compact`.
    pub(super) compact_len: usize,
    /// Maps a char index of `lower` to one of the original text, when lowercasing changed
    /// the number of characters.
    pub(super) to_orig: Option<Box<[u32]>>,
}

impl Hay {
    pub(super) fn new(text: &str) -> Hay {
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
        let compact = lower.chars().filter(|c| !is_separator(*c)).collect::<String>();
        let mut initials = String::new();
        let mut prev: Option<char> = None;
        for c in text.chars() {
            let starts = match prev {
                None => c.is_alphanumeric(),
                Some(p) => {
                    c.is_alphanumeric()
                        && (!p.is_alphanumeric()
                            || (p.is_lowercase() && c.is_uppercase())
                            || (p.is_alphabetic() && c.is_numeric()))
                }
            };
            if starts {
                initials.extend(c.to_lowercase());
            }
            prev = Some(c);
        }
        Hay {
            lower: lower.into(),
            initials: initials.into(),
            compact_len: compact.chars().count(),
            compact: compact.into(),
            to_orig: grew.then(|| map.into()),
        }
    }

    pub(super) fn orig_index(&self, i: usize) -> usize {
        self.to_orig.as_ref().map_or(i, |m| m[i] as usize)
    }
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

/// The query, lowercased once.
pub(super) struct Prepared {
    pub(super) lower: String,
    pub(super) compact: String,
    pub(super) chars: Vec<char>,
    pub(super) compact_chars: Vec<char>,
    pub(super) words: Vec<String>,
    pub(super) mask: u64,
}

impl Prepared {
    pub(super) fn new(text: &str) -> Prepared {
        let lower: String = text.trim().chars().flat_map(char::to_lowercase).collect();
        let compact: String = lower.chars().filter(|c| !is_separator(*c)).collect();
        Prepared {
            chars: lower.chars().collect(),
            compact_chars: compact.chars().collect(),
            words: lower.split_whitespace().map(str::to_string).collect(),
            mask: mask_of(&lower),
            lower,
            compact,
        }
    }
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
    Prefix,
    Exact,
}

pub(super) fn quality(hay: &Hay, q: &Prepared) -> Quality {
    let compact_ok = !q.compact.is_empty();
    if *hay.lower == *q.lower || (compact_ok && *hay.compact == *q.compact) {
        Quality::Exact
    } else if hay.lower.starts_with(&q.lower) || (compact_ok && hay.compact.starts_with(&q.compact)) {
        Quality::Prefix
    } else if hay
        .lower
        .match_indices(&q.lower)
        .any(|(i, _)| hay.lower[..i].chars().next_back().is_some_and(|c| !c.is_alphanumeric()))
    {
        Quality::WordStart
    } else if hay.lower.contains(&q.lower) {
        Quality::Substring
    } else if q.compact_chars.len() >= 2 && is_subsequence(&q.compact_chars, &hay.initials) {
        Quality::Acronym
    } else {
        Quality::Scattered
    }
}

/// Scattered matches of short queries are noise (`tf` in `platform`); longer ones are how
/// a typo with a missing letter (`kuberntes`) still finds its tool.
pub(super) fn scattered_ok(q: &Prepared) -> bool {
    q.chars.len() >= 4
}

/// Optimal string alignment distance, giving up (returning `max + 1`) past `max`.
pub(super) fn edit_distance(a: &[char], b: &str, max: usize) -> usize {
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > max {
        return max + 1;
    }
    let w = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * w];
    for j in 0..w {
        d[j] = j;
    }
    for i in 1..=a.len() {
        d[i * w] = i;
        let mut row_min = usize::MAX;
        for j in 1..w {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[(i - 1) * w + j] + 1)
                .min(d[i * w + j - 1] + 1)
                .min(d[(i - 1) * w + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[(i - 2) * w + j - 2] + 1);
            }
            d[i * w + j] = v;
            row_min = row_min.min(v);
        }
        if row_min > max {
            return max + 1;
        }
    }
    d[a.len() * w + b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(quality(&Hay::new("Argo CD"), &q("argocd")), Quality::Exact);
        assert_eq!(quality(&Hay::new("Kubernetes"), &q("kube")), Quality::Prefix);
        assert_eq!(quality(&Hay::new("GitHub Actions"), &q("act")), Quality::WordStart);
        assert_eq!(quality(&Hay::new("Kubernetes"), &q("net")), Quality::Substring);
        assert_eq!(quality(&Hay::new("Kubernetes"), &q("kbs")), Quality::Scattered);
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
